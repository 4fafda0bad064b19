"""Institutions named again by a description of their place: "the San Antonio university",
"the Monterrey-based university", "the Lima university" (issue 16, class 4). A description
stands for the one institution named before it whose name holds the place, or that the
text placed there ("X in Lima"); for none when two or none fit."""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections import Counter
from functools import lru_cache

from spacy.tokens import Doc, Token

from educoop.loaders.gazetteer import bundled_gazetteer, normalise
from educoop.loaders.text.parties import Party
from educoop.loaders.text.words import COMPANY_SUFFIXES, JOB_TITLES, TRANSLATED_HEADS

# The lower-case nouns a description ends in, and what a name of each holds.
_DESCRIBED = {
    "university": ("university", "universities"),
    "college": ("college", "polytechnic", "kolej"),
    "school": ("school",),
    "institute": ("institute", "institution"),
    # "the Tuen Mun institution": of any kind.
    "institution": (
        *("university", "college", "school", "institute", "polytechnic", "academy"),
        "hochschule",
    ),
    "polytechnic": ("polytechnic",),
    "academy": ("academy",),
    "hospital": ("hospital",),
}
# How far after a name the text may place it: "X (XU) in Lima", "X (XU), based in Lima".
_PLACED_WITHIN = 8


def _place_described(doc: Doc, head: int) -> tuple[int, str] | None:
    """Where a description before the head noun at ``head`` starts, and the place it
    gives: "the San Antonio university", "the Monterrey-based university" (a place the
    gazetteer may not know: "the Kempten institution")."""
    start = head
    while (
        start > 0
        and head - start < 3
        and doc[start - 1].text[:1].isupper()
        and doc[start - 1].lower_ != "the"
    ):
        start -= 1
    if start == head or start == 0 or doc[start - 1].lower_ != "the":
        return None
    # "placements at the Foshan hospital" says where something happens, not who acts.
    if start >= 2 and doc[start - 2].lower_ in {"at", "in"}:
        return None
    words = doc[start:head].text
    return start, words.removesuffix("-based")


def _placed_in(doc: Doc, party: Party, place: str) -> bool:
    """Whether the text places ``party`` in ``place`` where it names it: "X in Lima"."""
    after = doc[party.end : party.end + _PLACED_WITHIN].text
    # Right after the name, or after its short name in brackets.
    after = re.sub(r"^\([^()]*\) ?", "", after)
    placing = (f"in {place}", f", {place}", f", based in {place}", f"based in {place}")
    return party.region == place or after.startswith(placing)


@lru_cache(maxsize=1 << 16)
def _inside(name: str, place: str) -> bool:
    """Whether the place an institution's name opens with lies in ``place``: "Ningbo
    Harbour Polytechnic" in Zhejiang, for "the Zhejiang college"."""
    gazetteer = bundled_gazetteer()
    wanted = normalise(place)
    words = name.split()
    return any(
        wanted in {normalise(ancestor) for ancestor in entry.chain[:-1]}
        for size in (1, 2)
        for entry in gazetteer.candidates(" ".join(words[:size]))
    )


def _alone_in_their_sentences(doc: Doc, institutions: list[Party]) -> list[tuple[Party, str]]:
    """The institutions each named alone in its sentence, with the rest of that sentence
    after the name."""
    sentences = [doc[p.start].sent for p in institutions]
    counts = Counter(sentence.start for sentence in sentences)
    whole = doc.user_data["whole"]
    return [
        (party, whole[doc[party.end - 1].idx : sentence.end_char])
        for party, sentence in zip(institutions, sentences, strict=True)
        if counts[sentence.start] == 1
    ]


def described_again(doc: Doc, institutions: list[Party], taken: set[int]) -> list[Party]:
    """The descriptions in ``doc`` of an institution named before them, as mentions of it.

    Examples
    --------
    >>> from educoop.loaders.text.pipeline import pipeline
    >>> doc = pipeline().nlp("Rice University in Houston signed. The Houston university did.")
    >>> rice = Party("Rice University", "institution", 0, 2)
    >>> [(p.name, p.start, p.end) for p in described_again(doc, [rice], set())]
    [('Rice University', 7, 9)]
    """
    lower = doc.user_data["lower"]
    found: list[Party] = []
    alone: list[tuple[Party, str]] | None = None  # found when a description needs it
    for head, word in enumerate(lower):
        if word not in _DESCRIBED or not doc[head].is_lower or head in taken:
            continue
        described = _place_described(doc, head)
        if described is None or taken.intersection(range(described[0], head)):
            continue
        start, place = described
        # A place the gazetteer lacks ("the Kempten institution") must be one the text
        # gave an institution ("X, based in Kempten").
        known = bool(bundled_gazetteer().candidates(place))
        before = [p for p in institutions if p.end <= start and p.label == "institution"]
        within = re.compile(rf"\b{re.escape(place)}\b")
        placed = {p.name for p in before if within.search(p.name) or _placed_in(doc, p, place)}
        if not placed and known:  # "the Zhejiang college": one named in a Zhejiang city
            placed = {p.name for p in before if _inside(p.name, place)}
        if not placed:
            # "When X opened its doors in Pingshan in 2018, ...": named alone there.
            if alone is None:
                named = [p for p in institutions if p.label == "institution"]
                alone = _alone_in_their_sentences(doc, named)
            placed = {p.name for p, rest in alone if p.end <= start and f" in {place}" in rest}
        # "the Tuen Mun institution" after the one institution named so far (which the
        # description does not place: the text never said it is there).
        region = place if placed and known else None
        if not placed and known and len({p.name for p in before}) == 1:
            placed = {before[0].name}
        # The one whose head the description repeats: "the Yinchuan college" is no school.
        heads = set(_DESCRIBED[word]) | TRANSLATED_HEADS.get(word, frozenset())
        placed = {name for name in placed if heads & set(name.lower().split())}
        if len(placed) == 1:
            found.append(Party(placed.pop(), "institution", start, head + 1, region=region))
            taken.update(range(start, head + 1))
    return found


# What a university's own news calls it, in translation: "our school", "our university".
_OWN_NOUNS = frozenset({"school", "university", "college", "institute"})
_EDUCATION_HEADS = frozenset(
    {"school", "university", "college", "institute", "polytechnic", "academy"}
)


def _in_speech(doc: Doc, i: int) -> bool:
    """Whether token ``i`` stands inside quotation marks within its sentence: speech,
    however long (``parties._quoted`` finds short quoted names and slogans)."""
    sentence = doc[i].sent
    before = doc.user_data["whole"][sentence.start_char : doc[i].idx]
    return before.count('"') % 2 == 1 or before.count("\u201c") > before.count("\u201d")


def ours(doc: Doc, institutions: list[Party], taken: set[int]) -> list[Party]:
    """The mentions "our school", "our university" in a university's own news (often
    machine-translated), as mentions of that institution: the one school, college or
    university the text names, most often, in no sentence that also says "our school"
    (one named beside "our school" is another). None when no one, or two equally, fit.

    Examples
    --------
    >>> from educoop.loaders.text.pipeline import pipeline
    >>> doc = pipeline().nlp("Our school signed with Acme. Rice University hosted it.")
    >>> rice = Party("Rice University", "institution", 7, 9)
    >>> [(p.name, p.start, p.end) for p in ours(doc, [rice], set())]
    [('Rice University', 0, 2)]
    """
    lower = doc.user_data["lower"]
    own = [
        i
        for i in range(len(lower) - 1)
        if lower[i] == "our"
        and lower[i + 1] in _OWN_NOUNS
        and not taken & {i, i + 1}
        and not _in_speech(doc, i)  # "'Our school signed ...,' said the dean of Y"
    ]
    if not own:
        return []
    speaking = {doc[i].sent.start for i in own}
    counts: dict[str, int] = {}
    for party in institutions:
        if party.label == "institution" and _EDUCATION_HEADS & set(party.name.lower().split()):
            counts[party.name] = counts.get(party.name, 0) + 1
    for party in institutions:
        if doc[party.start].sent.start in speaking:
            counts.pop(party.name, None)
    ranked = sorted(counts.items(), key=lambda item: -item[1])
    if not ranked or (len(ranked) > 1 and ranked[0][1] == ranked[1][1]):
        return []
    name = ranked[0][0]
    taken.update(j for i in own for j in (i, i + 1))
    return [Party(name, "institution", i, i + 2) for i in own]


# Nouns a text puts before a company's name to say what it is: "the energy company X".
_COMPANY_NOUNS = frozenset(
    {"company", "firm", "group", "telco", "carrier", "manufacturer", "operator", "maker"}
)


def introduced_companies(doc: Doc, taken: set[int]) -> list[Party]:
    """Companies a text introduces by what they are, with no suffix to show it: "the energy
    technology company Siemens Energy", "the telecoms firm Safaricom" (one to three
    capitalised words right after the noun, not a month or a weekday).

    Examples
    --------
    >>> from educoop.loaders.text.pipeline import pipeline
    >>> doc = pipeline().nlp("It signed with the energy company Siemens Energy in May.")
    >>> [(p.name, p.start, p.end) for p in introduced_companies(doc, set())]
    [('Siemens Energy', 6, 8)]
    """
    lower = doc.user_data["lower"]
    found: list[Party] = []
    for i, word in enumerate(lower[:-1]):
        if word not in _COMPANY_NOUNS or not doc[i].is_lower or i + 1 in taken:
            continue
        # A description before the noun: "the energy technology company", not the parent
        # of another ("a subsidiary of the French group Orange").
        article = next(
            (j for j in range(i - 1, max(-1, i - 5), -1) if lower[j] in {"the", "a", "an"}), None
        )
        if article is None or (article > 0 and lower[article - 1] == "of"):
            continue
        end = i + 1
        while end < len(doc) and end - i <= 3 and _company_word(doc[end]) and end not in taken:
            end += 1
        if end > i + 1:
            found.append(Party(doc[i + 1 : end].text, "institution", i + 1, end))
            taken.update(range(i + 1, end))
    return found


def _company_word(token: Token) -> bool:
    return (
        token.text[:1].isupper()
        and token.is_alpha
        and token.lower_ not in _NOT_COMPANY_WORDS
        and token.lower_ not in JOB_TITLES  # "the company CEO Jane Doe"
        and not token.is_sent_start
    )


_NOT_COMPANY_WORDS = frozenset(
    {"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"}
    | {"january", "february", "march", "april", "may", "june", "july", "august"}
    | {"september", "october", "november", "december", "said", "and"}
    | {"ceo", "cfo", "coo", "cto"}
)


def _a_company(name: str) -> bool:
    last = name.split()[-1]
    suffix = last in COMPANY_SUFFIXES or last.rstrip(".") in COMPANY_SUFFIXES
    return last.lower() in {"company", "group", "corporation"} or suffix


def listed_with_companies(
    doc: Doc, institutions: list[Party], taken: set[int], places: set[int]
) -> list[Party]:
    """A company named by its name alone at the end of a list of companies: "BYD Company
    Limited, Midea Group and Tencent" (one or two capitalised words after the list's "and",
    ending the list, at no place; at least two names listed before it, one a company).

    Examples
    --------
    >>> from educoop.loaders.text.pipeline import pipeline
    >>> doc = pipeline().nlp("Members are Acme Group, Beta University and Tencent.")
    >>> acme = Party("Acme Group", "institution", 2, 4)
    >>> beta = Party("Beta University", "institution", 5, 7)
    >>> [p.name for p in listed_with_companies(doc, [acme, beta], set(range(2, 7)), set())]
    ['Tencent']
    """
    by_end = {p.end: p for p in institutions}
    texts = doc.user_data["text"]
    found: list[Party] = []
    for i, text in enumerate(texts[:-1]):
        if text != "and" or i + 1 in taken or i + 1 in places:
            continue
        listed: list[Party] = []
        at = i - (texts[i - 1] == ",")  # an Oxford comma
        while (party := by_end.get(at)) is not None:
            listed.append(party)
            at = party.start - 1
            if at < 0 or texts[at] != ",":
                break
        if len(listed) < 2 or not any(_a_company(p.name) for p in listed):
            continue
        end = i + 1
        while end < len(doc) and end - i <= 2 and _company_word(doc[end]) and end not in taken:
            end += 1
        # The list ends there: "..., Midea Group and Tencent." or "... and Tencent signed".
        ended = end == len(doc) or doc[end].is_punct or doc[end].is_lower
        if end == i + 1 or not ended or end in places:
            continue
        found.append(Party(doc[i + 1 : end].text, "institution", i + 1, end))
        taken.update(range(i + 1, end))
    return found


# How a text names again a company it named: "The company signed ...", "the firm".
_COMPANY_AGAIN = frozenset({"company", "firm", "operator"})
# How far back, in tokens, "the company" looks for the company it stands for.
_COMPANY_REACH = 120


def the_company(doc: Doc, institutions: list[Party], taken: set[int]) -> list[Party]:
    """ "The company" or "the firm" as a mention of the one company named in its sentence or
    the one before (a name ending in a company's suffix or "Group": "Lautan Biru Shipping Sdn.
    Bhd., a coastal operator. The company signed ..."), none when two were."""
    lower = doc.user_data["lower"]
    companies = sorted(
        (p for p in institutions if p.label == "institution" and _a_company(p.name)),
        key=lambda p: p.end,
    )
    ends = [p.end for p in companies]
    found: list[Party] = []
    for i, word in enumerate(lower[:-1]):
        if word not in _COMPANY_AGAIN or i == 0 or lower[i - 1] != "the" or i in taken:
            continue
        # "the company X" introduces a company; "the company's" is fine.
        if doc[i + 1].text[:1].isupper():
            continue
        # Named in this sentence or the one before ("X Sdn. Bhd., a coastal operator. The
        # company signed ..."), no further back.
        sentence = doc[i].sent
        since = doc[sentence.start - 1].sent.start if sentence.start else 0
        since = max(since, i - _COMPANY_REACH)
        window = companies[bisect_left(ends, since) : bisect_right(ends, i)]
        near = {p.name for p in window}
        if len(near) == 1:
            found.append(Party(near.pop(), "institution", i - 1, i + 1))
            taken.update((i - 1, i))
    return found


# A level of government, and the heads of its bodies, as a description writes them: "the
# district education bureau", "the provincial department".
_LEVELS = frozenset({"district", "county", "city", "municipal", "provincial", "prefectural"})
_BODY_HEADS = frozenset({"bureau", "department", "commission", "office", "government"})
# How far back, in tokens, such a description looks for its body.
_BODY_REACH = 3000


def _headed_by(name: str, head: str) -> bool:
    """Whether a body's name ends in ``head`` or names it before "of": "... Education
    Bureau", "Department of Education" (not "... Government Information Office")."""
    words = name.lower().split()
    at = len(words) - 1 - words[::-1].index(head) if head in words else -1
    return at == len(words) - 1 or (0 <= at < len(words) - 1 and words[at + 1] == "of")


def level_described(doc: Doc, institutions: list[Party], taken: set[int]) -> list[Party]:
    """ "The district education bureau" (a level and a body's head in lower case, with no
    place) as a mention of the one body named before it whose name holds those words:
    "Shenzhen Futian District Education Bureau"; none when two or none do."""
    lower = doc.user_data["lower"]
    bodies = sorted(institutions, key=lambda p: p.end)
    ends = [p.end for p in bodies]
    found: list[Party] = []
    for i, word in enumerate(lower[:-2]):
        if word not in _LEVELS or lower[i - 1] != "the" or not doc[i].is_lower or i in taken:
            continue
        end = i + 1
        while (
            end < len(doc) and end - i <= 3 and doc[end].is_lower and lower[end] not in _BODY_HEADS
        ):
            end += 1
        if end >= len(doc) or lower[end] not in _BODY_HEADS or not doc[end].is_lower:
            continue
        words = set(lower[i : end + 1])
        # Those named in the article's last few thousand words: a long digest is read
        # in reach, not from its start for each description.
        window = bodies[bisect_left(ends, i - _BODY_REACH) : bisect_right(ends, i)]
        named = {
            p.name
            for p in window
            if p.label == "institution"
            and words <= set(p.name.lower().split())
            and _headed_by(p.name, lower[end])
        }
        # One body named with and without its city: "Shenzhen Futian District Education
        # Bureau" and "Futian District Education Bureau".
        shortest = min(named, key=len, default="")
        if named and all(name.endswith(shortest) for name in named):
            found.append(Party(shortest, "institution", i - 1, end + 1))
            taken.update(range(i - 1, end + 1))
    return found
