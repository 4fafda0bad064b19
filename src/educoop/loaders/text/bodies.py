"""A region's bodies named by description rather than by name: "the Minhang district
education bureau", "the government of Anhui province", "the city government of Hangzhou",
"Suzhou's education bureau". News writes them in lower case, so no name pattern takes
them; they are parties all the same (issue 16, class 1)."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from spacy.tokens import Doc

from educoop.graph.model import RegionLevel
from educoop.loaders.gazetteer import MUNICIPALITIES, bundled_gazetteer
from educoop.loaders.records import RecordFile
from educoop.loaders.text.words import POSSESSIVES
from educoop.loaders.vocabulary import generic_name

# What a body is: the words of its kind, longest first where one holds another.
_BODIES = sorted(
    [
        ("education", "and", "sports", "bureau"),
        ("education", "and", "sport", "bureau"),
        ("education", "bureau"),
        ("education", "commission"),
        ("education", "department"),
        ("education", "office"),
        ("education", "authority"),
        ("department", "of", "education"),
        ("bureau", "of", "education"),
        ("board", "of", "education"),
        ("people's", "government"),
        ("people\u2019s", "government"),
        ("government",),
    ],
    key=len,
    reverse=True,
)
# Words of level before a body: "the Minhang district education bureau".
_LEVELS = frozenset(
    {
        "district",
        "city",
        "county",
        "municipal",
        "provincial",
        "prefectural",
        "prefecture",
        "township",
        "town",
        "state",
        "regional",
        "local",
    }
)
# What may follow a place in "the government of Anhui province".
_PLACE_WORDS = frozenset(
    {"province", "city", "county", "district", "prefecture", "municipality", "region", "state"}
)
_SMALL_WORDS = frozenset({"of", "and", "the"})


@dataclass(frozen=True)
class Body:
    """A described body: its name (the words as written, capitalised, without a
    possessive: "Suzhou Education Bureau"), the tokens it spans, and its place's name."""

    name: str
    start: int
    end: int
    region: str


def _titled(words: list[str]) -> str:
    return " ".join(w if w in _SMALL_WORDS else w[:1].upper() + w[1:] for w in words)


def _body_at(lowers: list[str], at: int, *, upwards: bool = False) -> int | None:
    """Where a body's words that start at ``at`` end (or, ``upwards``, start when they end
    at ``at``), with the level words before them; None when there are none."""
    if upwards:
        for body in _BODIES:
            start = at - len(body)
            if start >= 0 and tuple(lowers[start:at]) == body:
                while start > 0 and lowers[start - 1] in _LEVELS:
                    start -= 1
                return start
        return None
    start = at
    while start < len(lowers) and lowers[start] in _LEVELS:
        start += 1
    for body in _BODIES:
        if tuple(lowers[start : start + len(body)]) == body:
            return start + len(body)
    return None


def _of_the(lowers: list[str], at: int) -> int:
    """``at``, or the "the" just before it."""
    return at - (at > 0 and lowers[at - 1] == "the")


def described_bodies(doc: Doc, places: list[tuple[int, int]], taken: set[int]) -> list[Body]:
    """The bodies ``doc`` describes around the place mentions ``places`` (token spans),
    none of them over a token in ``taken`` (names already found), in reading order."""
    texts, lowers = doc.user_data["text"], doc.user_data["lower"]
    found: list[Body] = []
    used: set[int] = set(taken)
    for place_start, place_end in places:
        place = doc[place_start:place_end].text
        after = place_end + (place_end < len(texts) and texts[place_end] in POSSESSIVES)
        end = _body_at(lowers, after)
        if end is not None and not used.intersection(range(place_start, end)):
            words = [place, *(lowers[i] for i in range(after, end))]
            found.append(Body(_titled(words), place_start, end, place))
            used.update(range(place_start, end))
            continue
        # "the [city] government of [the] Hangzhou [city]", "the government of the state
        # of Nuevo León".
        before = _of_the(lowers, place_start)
        of_at = before - 1
        if before >= 3 and lowers[before - 2] in _PLACE_WORDS and lowers[before - 1] == "of":
            of_at = _of_the(lowers, before - 2) - 1
        if of_at < 0 or lowers[of_at] != "of":
            continue
        start = _body_at(lowers, of_at, upwards=True)
        end = place_end + (place_end < len(lowers) and lowers[place_end] in _PLACE_WORDS)
        if start is None or used.intersection(range(start, end)):
            continue
        words = [lowers[i] for i in range(start, before)] + [place]
        words += [lowers[i] for i in range(place_end, end)]
        found.append(Body(_titled(words), start, end, place))
        used.update(range(start, end))
    return sorted(found, key=lambda body: body.start)


# The level of place a body's level word names (a municipality ranks as a province, but
# its bodies are "municipal" all the same: ``MUNICIPALITIES``).
_LEVEL_OF_WORD = {
    "municipal": RegionLevel.CITY,
    "city": RegionLevel.CITY,
    "provincial": RegionLevel.PROVINCE,
    "district": RegionLevel.DISTRICT,
    "county": RegionLevel.DISTRICT,
}


def place_unnamed_bodies(records: RecordFile, region_mentions: list[str]) -> None:
    """Give a body that names no place ("the Municipal Education Bureau") the place the
    article is about: of the level its name says, the one the article names most, when
    one is named more than any other. It takes the place's name in front ("Guangzhou
    Municipal Education Bureau") and keeps its own as an alias: a store holds every
    city's municipal bureau, and only the place tells them apart."""
    gazetteer = bundled_gazetteer()
    for institution in list(records.institutions):
        if institution.region or not generic_name(institution.name):
            continue
        words = {word.lower() for word in institution.name.split()}
        levels = {_LEVEL_OF_WORD[word] for word in words & _LEVEL_OF_WORD.keys()}
        if len(levels) != 1:
            continue
        [level] = levels
        counts = Counter(
            name
            for name in region_mentions
            if any(
                entry.level == level or (level == RegionLevel.CITY and entry.name in MUNICIPALITIES)
                for entry in gazetteer.candidates(name)
            )
        )
        ranked = counts.most_common(2)
        if not ranked or (len(ranked) == 2 and ranked[0][1] == ranked[1][1]):
            continue
        place = ranked[0][0]
        new = f"{place} {institution.name}"
        _rename(records, institution.name, new)
        for renamed in records.institutions:
            if renamed.name == new:
                renamed.region = renamed.region or place


def _rename(records: RecordFile, old: str, new: str) -> None:
    """``old`` becomes ``new`` everywhere; into the record of ``new`` where the article
    already has one."""
    same = next((i for i in records.institutions if i.name == new), None)
    for institution in list(records.institutions):
        if institution.name != old:
            continue
        if same is not None:
            same.aliases = sorted({*same.aliases, *institution.aliases, old} - {new})
            records.institutions.remove(institution)
        else:
            institution.name = new
            institution.aliases = sorted({*institution.aliases, old} - {new})
    for agreement in records.agreements:
        agreement.sides = [
            [new if name == old else name for name in side] for side in agreement.sides
        ]
    for programme in records.programmes:
        for participant in programme.participants:
            if participant.name == old:
                participant.name = new
