"""The parties an article names, as the readers pass them on (institutions, regions,
programmes, and what the text defines about names), with the token tests the readers of
institutions and of places share."""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Doc

from educoop.graph.model import Role
from educoop.loaders.text.words import QUOTES


@dataclass(frozen=True)
class Party:
    name: str
    label: str  # "institution" or "region"
    start: int  # token offsets in the document
    end: int
    # "title" when named in a person's post ("Director of X"), "member" for "a member of X".
    affiliation: str | None = None
    # The place the text gives with an institution: "Y-based X", "Y's X", "X in Y".
    region: str | None = None
    # A region that only places the institution before it ("X in Y"): not a party itself.
    locator: bool = False


@dataclass
class Programme:
    name: str
    aliases: list[str] = field(default_factory=list)
    participants: dict[str, Role] = field(default_factory=dict)


@dataclass
class Names:
    """What a text defines about names: aliases of institutions (abbreviations, longer and
    local forms) and regions the gazetteer does not know ("Jinjiang District of Chengdu")."""

    aliases: dict[str, str] = field(default_factory=dict)
    local_regions: dict[str, str] = field(default_factory=dict)  # name -> parent
    # Bodies named by description ("the Guangzhou government"): institutions only where
    # they are a side of an agreement or a programme's participant.
    described: set[str] = field(default_factory=set)


def _quoted(doc: Doc) -> set[int]:
    """Tokens inside short quotations: slogans and names, whose places are not mentions."""
    inside: set[int] = set()
    opening: int | None = None
    for token in doc:
        if token.text in QUOTES:
            if opening is None:
                opening = token.i
            else:
                if token.i - opening <= 12:
                    inside.update(range(opening + 1, token.i))
                opening = None
        elif "\n" in token.text:
            opening = None
    return inside


def _continues(doc: Doc, end: int) -> bool:
    """Whether a capitalised word goes on after ``end``: the name is longer than matched."""
    return end < len(doc) and doc[end].is_title and not doc[end].is_sent_start


def _before(doc: Doc, start: int) -> int:
    """The index of the word before a name starting at ``start``, its article skipped
    ("at the X"); -1 at the start of the text."""
    start -= 1
    if start >= 0 and doc[start].lower_ == "the":
        start -= 1
    return start
