"""Parties named in a clause that are no parties to what it reports: a venue ("a ceremony
at X", "signed in Cuenca"), the places a group comes from, a source ("X said"), those who
watch ("in the presence of X"), an overseer ("subject to approval by X"), a body named to
describe another ("X, Y's parent body") and a body an agreement sets up ("to set up X")."""

from __future__ import annotations

from collections.abc import Iterable

from spacy.lang.en.stop_words import STOP_WORDS
from spacy.tokens import Doc, Span

from educoop.graph.model import AgreementKind
from educoop.loaders.text.parties import Party, _before
from educoop.loaders.text.words import (
    APPROVAL_WORDS,
    CREATION_VERBS,
    PLURAL_HEADS,
    POSSESSIVES,
    REPORTING,
    TRIGGERS,
    VENUE_WORDS,
)


def _preceded_by(doc: Doc, party: Party, words: Iterable[str], reach: int = 2) -> bool:
    """Whether one of ``words`` is among the ``reach`` words before the party, in its
    sentence and clause: "at the launch. X and Y agreed" and "at the launch, X and Y
    agreed" set up neither X nor Y."""
    start = _before(doc, party.start)
    for i in range(start, max(-1, start - reach), -1):
        if doc[i + 1].is_sent_start or doc[i].text == ",":
            return False
        if doc[i].lower_ in words:
            return True
    return False


def _at(doc: Doc, party: Party) -> bool:
    """Whether the text places something at this party: "... at X"."""
    start = _before(doc, party.start)
    return start >= 0 and doc[start].lower_ == "at"


def _venue_place(doc: Doc, party: Party) -> bool:
    """Whether a region is where something happens: "signed ... in Cuenca", "in the
    provincial capital Kunming"."""
    start = _before(doc, party.start)
    # Past two words describing the place: "the provincial capital".
    described = start - 2 >= 1 and doc[start].is_lower and doc[start - 1].is_lower
    if described and doc[start].lower_ not in STOP_WORDS and doc[start - 2].lower_ == "the":
        start -= 3
    return party.label == "region" and start >= 0 and doc[start].lower_ in {"in", "at"}


def _from_places(doc: Doc, party: Party, parties: list[Party]) -> bool:
    """Whether a region is one of those a group of parties comes from: "five founding
    institutions from Zhejiang, Shanghai and Anhui" (after "from", past only other
    regions, commas and "and")."""
    if party.label != "region":
        return False
    ends = {p.end: p for p in parties if p.label == "region"}
    at = _before(doc, party.start)
    while at >= 0 and doc[at].lower_ in {",", "and"}:
        previous = ends.get(at)  # the region before the comma or "and"
        if previous is None:
            return False
        at = _before(doc, previous.start)
    # Right after what is counted: "institutions from", not "universities, from".
    return at >= 1 and doc[at].lower_ == "from" and doc[at - 1].lower_ in PLURAL_HEADS


def _met_in(doc: Doc, party: Party, clause: Span) -> bool:
    """Whether a region is where a meeting or ceremony of the clause took place: "agreed
    ... at a meeting of officials in Colombo"."""
    lower = doc.user_data["lower"]
    return _venue_place(doc, party) and any(
        lower[i] in VENUE_WORDS for i in range(clause.start, party.start)
    )


def _venue(doc: Doc, party: Party) -> bool:
    """A place where something happens, not a party to it: "a ceremony at X"."""
    start = _before(doc, party.start)
    return _at(doc, party) and any(t.lower_ in VENUE_WORDS for t in doc[max(0, start - 4) : start])


def _source(doc: Doc, party: Party) -> bool:
    """The source of a statement: "..., the Education Department said on Friday."""
    start = _before(doc, party.start)
    return (
        start >= 0
        and doc[start].text == ","
        and party.end < len(doc)
        and doc[party.end].lower_ in REPORTING
    )


# What opens a list of those who watch a signing: "in the presence of X", "with the
# attendance of Y", "witnessed by Z".
_WATCHING = frozenset({("presence", "of"), ("attendance", "of"), ("witnessed", "by")})
# What opens a list of those who sign, and so closes the watchers' before it.
_SIGNING = frozenset({"by", "between", "with"})


def _watching(doc: Doc, party: Party, parties: list[Party]) -> bool:
    """Whether a party is named among those who watched: "signed in the presence of the
    Ministry of Science and Technology", "witnessed by officials of X and Y"; not those
    named after the phrase, past a comma, who sign ("In the presence of X, Y and Z
    signed ...")."""
    lower = doc.user_data["lower"]
    sentence = doc[party.start].sent
    past_a_comma = False
    for i in range(party.start - 1, max(sentence.start, party.start - 25), -1):
        if (lower[i - 1], lower[i]) in _WATCHING:
            return not (past_a_comma and _signs(doc, party, parties))
        if lower[i] in _SIGNING or lower[i] in TRIGGERS[AgreementKind.SIGNED]:
            return False
        past_a_comma = past_a_comma or lower[i] == ","
    return False


def _signs(doc: Doc, party: Party, parties: list[Party]) -> bool:
    """Whether the words after a party, past other parties, "and" and "the", are a signing."""
    lower = doc.user_data["lower"]
    end = doc[party.start].sent.end
    names = {i for p in parties for i in range(p.start, p.end)}
    after = party.end
    while after < end and (after in names or lower[after] in {"and", ",", "the"}):
        after += 1
    return after < end and lower[after] in TRIGGERS[AgreementKind.SIGNED]


def _overseen(doc: Doc, party: Party, parties: list[Party]) -> bool:
    """A regulator that approves: "subject to approval by X and Y"."""
    lower = doc.user_data["lower"]
    for i in range(max(0, party.start - 12), party.start - 1):
        if lower[i] in APPROVAL_WORDS and lower[i + 1] in {"by", "from"}:
            # Only the names listed right after the cue: no verb between.
            between = [p for p in parties if i < p.start < party.start]
            gap = party.start - (between[-1].end if between else i + 2)
            return gap <= 3
    return False


def _in_apposition(doc: Doc, party: Party, parties: list[Party]) -> bool:
    """Named only to describe the party before it: "The Vocational Training Council, IVE's
    parent body, sent its director" (a possessive and lower-case words, between commas
    right after another party)."""
    start, end = party.start, party.end
    if start < 2 or end + 2 >= len(doc) or doc[start - 1].text != ",":
        return False
    if not any(p.end == start - 1 for p in parties) or doc[end].text not in POSSESSIVES:
        return False
    after = end + 1
    while after < len(doc) and after - end <= 4 and doc[after].is_lower:
        after += 1
    # A list goes on after it: "by A, B's nursing faculty, and C" names three.
    listed = after + 1 < len(doc) and doc[after + 1].lower_ in {"and", "or"}
    return after > end + 1 and doc[after].text == "," and not listed


def _cited(doc: Doc, party: Party) -> bool:
    """Named as a source: "according to X", "..., X said"."""
    return _source(doc, party) or _preceded_by(doc, party, {"according"}, reach=2)


def _created(doc: Doc, party: Party) -> bool:
    """A body an agreement sets up, or acts under: "to set up the X Centre", "to jointly
    build X", "signed under the X"."""
    return _preceded_by(doc, party, CREATION_VERBS, reach=3) or _preceded_by(
        doc, party, {"under"}, reach=1
    )


# Not plain "in": "In Shenzhen, officials signed a pairing with Baise" has Shenzhen sign.
_SETTING_WORDS = frozenset({"within", "across", "throughout"})


def _setting(doc: Doc, party: Party) -> bool:
    """Whether a region opens its sentence as the setting of what follows: "Within Ningxia,
    the capital Yinchuan and the cities of Shizuishan and Wuzhong issued a joint plan"."""
    start = party.start - 1
    return (
        party.label == "region"
        and start >= 0
        and doc[start].lower_ in _SETTING_WORDS
        and bool(doc[start].is_sent_start)
        and party.end < len(doc)
        and doc[party.end].text == ","
    )


_BEFORE_A_MODIFIER = frozenset(
    {"a", "an", "the", "its", "their", "another", "new", "first", "second", "third", "other"}
)


def _attributive(doc: Doc, party: Party) -> bool:
    """Whether a region only describes the noun after it: "a second Ningxia partner"."""
    return (
        party.label == "region"
        and party.start > 0
        and party.end < len(doc)
        and doc[party.start - 1].lower_ in _BEFORE_A_MODIFIER
        and doc[party.end].is_lower
        and doc[party.end].is_alpha
    )
