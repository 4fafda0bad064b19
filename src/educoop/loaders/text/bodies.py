"""A region's bodies named by description rather than by name: "the Minhang district
education bureau", "the government of Anhui province", "the city government of Hangzhou",
"Suzhou's education bureau". News writes them in lower case, so no name pattern takes
them; they are parties all the same (issue 16, class 1)."""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Doc

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
_POSSESSIVE = frozenset({"'s", "\u2019s"})


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


def described_bodies(doc: Doc, places: list[tuple[int, int]], taken: set[int]) -> list[Body]:
    """The bodies ``doc`` describes around the place mentions ``places`` (token spans),
    none of them over a token in ``taken`` (names already found), in reading order."""
    texts, lowers = doc.user_data["text"], doc.user_data["lower"]
    found: list[Body] = []
    used: set[int] = set(taken)
    for place_start, place_end in places:
        place = doc[place_start:place_end].text
        after = place_end + (place_end < len(texts) and texts[place_end] in _POSSESSIVE)
        end = _body_at(lowers, after)
        if end is not None and not used.intersection(range(place_start, end)):
            words = [place, *(lowers[i] for i in range(after, end))]
            found.append(Body(_titled(words), place_start, end, place))
            used.update(range(place_start, end))
            continue
        # "the [city] government of [the] Hangzhou [city]".
        before = place_start - (place_start > 0 and lowers[place_start - 1] == "the")
        if before < 1 or lowers[before - 1] != "of":
            continue
        start = _body_at(lowers, before - 1, upwards=True)
        end = place_end + (place_end < len(lowers) and lowers[place_end] in _PLACE_WORDS)
        if start is None or used.intersection(range(start, end)):
            continue
        words = [lowers[i] for i in range(start, before)] + [place]
        words += [lowers[i] for i in range(place_end, end)]
        found.append(Body(_titled(words), start, end, place))
        used.update(range(start, end))
    return sorted(found, key=lambda body: body.start)
