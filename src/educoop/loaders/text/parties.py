"""The parties an article names, as the readers pass them on (institutions, regions,
programmes, and what the text defines about names), with the token tests the readers of
institutions and of places share."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
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


class _Found:
    """Institutions found so far, in the order found, with lookups by the tokens where they
    start and end: a long article defines thousands of abbreviations, and rebuilding the
    list of all its institutions for each made reading it quadratic."""

    def __init__(self, parties: Iterable[Party]) -> None:
        self._parties: dict[int, Party] = {}  # by the order found
        self._starting: dict[int, list[int]] = {}
        self._ending: dict[int, list[int]] = {}
        self._added = 0
        self._longest = 0
        for party in parties:
            self.add(party)

    def __iter__(self) -> Iterator[Party]:
        return iter(list(self._parties.values()))

    def add(self, party: Party) -> None:
        key = self._added
        self._added += 1
        self._parties[key] = party
        self._starting.setdefault(party.start, []).append(key)
        self._ending.setdefault(party.end, []).append(key)
        self._longest = max(self._longest, party.end - party.start)

    def ending_at(self, end: int) -> Party | None:
        """The first found whose last token is the one before ``end``."""
        alive = (self._parties[k] for k in self._ending.get(end, ()) if k in self._parties)
        return next(alive, None)

    def drop_overlapping(self, start: int, end: int) -> None:
        """Drop those with a token from ``start`` up to ``end``: only those starting up to
        the longest's length before can reach ``start``."""
        for first in range(max(0, start - self._longest + 1), end):
            for key in self._starting.get(first, ()):
                party = self._parties.get(key)
                if party is not None and party.end > start:
                    del self._parties[key]


def written_in_lower_case(doc: Doc) -> frozenset[str]:
    """The words an article writes in lower case somewhere: a capitalised word among them
    is a common word ("New", "Northern"), not a name. Read once per article."""
    if "written_lower" not in doc.user_data:
        texts = doc.user_data["text"]
        doc.user_data["written_lower"] = frozenset(texts) - {t for t in texts if t[:1].isupper()}
    return doc.user_data["written_lower"]
