"""The parties a clause names by a count ("the eight kindergartens", "both universities",
"the three rectors", "the two sides"): those named before it, found again."""

from __future__ import annotations

import bisect
from collections.abc import Callable
from typing import Any

from spacy.tokens import Doc, Span

from educoop.loaders.text.parties import Party, _before
from educoop.loaders.text.scenes import (
    LIST_REACH,
    _acting,
    _acting_institutions,
    _membership,
    last_list,
    listed_together,
)
from educoop.loaders.text.words import (
    COUNTED_MEMBERS,
    COUNTED_MODIFIERS,
    COUNTS,
    DASHES,
    PLURAL_HEADS,
    TRANSLATED_HEADS,
)
from educoop.loaders.vocabulary import HEADS


def _parties_in(parties: list[Party], starts: list[int], span: Span) -> list[Party]:
    low = bisect.bisect_left(starts, span.start)
    return parties[low : bisect.bisect_left(starts, span.end, low)]


def referred(
    doc: Doc,
    parties: list[Party],
    starts: list[int],
    name_of: Callable[[Party], str],
    clause: Span,
    sentence: Span,
) -> list[Party]:
    """The parties a clause names by a count ("the eight kindergartens", "both
    universities", "the two sides"): the last that many institutions with that head
    noun named before it, or for "sides" the parties of the sentence before; none when
    the text names fewer, or more for "sides". Failing those, the members the sentences
    right after name (see ``members_named_after``)."""
    return (
        _named_before(doc, parties, starts, name_of, clause, sentence)
        or members_named_after(doc, parties, starts, name_of, clause, sentence)
        or _members_just_named(doc, parties, starts, name_of, clause, sentence)
    )


# How a clause opens that speaks for members just named: "Their representatives signed".
_THEIR = frozenset({"their", "they", "all"})
_FOUNDING = frozenset({"founding", "founders", "founded", "founder", "co-founded"})
_SIGNS = frozenset({"signed", "sign", "signs", "signing"})
# A lead over the list of those who signed one agreement: "The signatories were:".
# (Not "Guests at the signing included:" nor "have yet to sign:".)
_SIGNATORIES = frozenset({"signatories", "signers"})
_NOT_YET = frozenset({"yet", "not", "declined", "refused", "never", "no"})


def _members_just_named(
    doc: Doc,
    parties: list[Party],
    starts: list[int],
    name_of: Callable[[Party], str],
    clause: Span,
    sentence: Span,
) -> list[Party]:
    """The founders the sentence before named, for a clause that opens with "Their" or
    "They" ("The founding members are A, B and C. Their representatives signed the
    charter"): at least three institutions, named in one sentence of membership."""
    opening = [t.lower_ for t in clause if not t.is_space][:2]
    if not opening or opening[0] not in _THEIR or sentence.start == 0:
        return []
    before = doc[sentence.start - 1].sent
    while not before.text.strip() and before.start > 0:
        before = doc[before.start - 1].sent
    # Founders sign a body's charter together; newcomers who sign it join ("The new
    # members are A, B and C. Their rectors signed the network's charter").
    words = set(doc.user_data["lower"][before.start : clause.end])
    if not _membership(before) or not words & _FOUNDING:
        return []
    named = {
        name_of(p): p
        for p in _parties_in(parties, starts, before)
        if _acting(p) and p.label == "institution"
    }
    return list(named.values()) if len(named) > 2 else []


# What a count of a body's members counts: "the 17 founding institutions", "its six members".
_MEMBER_NOUNS = PLURAL_HEADS | COUNTED_MEMBERS | {"founders", "organisations", "organizations"}


def _counted_noun(lower: list[str], at: int, end: int) -> int:
    """Where the noun a count counts is, past its modifiers: "the six founding members"."""
    while at < end - 1 and lower[at] in COUNTED_MODIFIERS:
        at += 1
    return at


def members_counted(clause: Span) -> int | None:
    """The number in a clause's "the 17 founding institutions", "all six members", "its
    nine founders", "five founding colleges", or one that opens a clause of founding ("Five
    institutions ... founded the alliance, signing its charter"); for "the founding members"
    with no number, as many as a list may hold (``LIST_REACH``). None when it counts no
    members."""
    lower = clause.doc.user_data["lower"]
    words = lower[clause.start : clause.end]
    founding = bool(_FOUNDING.intersection(words))
    for i in range(clause.start, clause.end - 1):
        word = lower[i]
        count = COUNTS.get(word) or (int(word) if word.isdigit() and len(word) < 4 else None)
        led = (
            (i > clause.start and lower[i - 1] in {"the", "all", "its", "their"})
            or lower[i + 1] in _FOUNDING
            # Opening the clause, or its words after a dateline: "ZHUHAI — Five ...".
            or ((i == clause.start or lower[i - 1] in DASHES) and founding)
        )
        if count is None or count < 2 or not led:  # "the 17 ...", "when five founding ..."
            continue
        if lower[_counted_noun(lower, i + 1, clause.end)] in _MEMBER_NOUNS:
            return count
    # "Representatives of the founding members signed the charter": uncounted.
    for i in range(clause.start + 1, clause.end - 1):
        opens = lower[i] in {"the", "its", "all"} and lower[i + 1] == "founding"
        if opens and lower[_counted_noun(lower, i + 1, clause.end)] in _MEMBER_NOUNS:
            return LIST_REACH
    return None


def members_named_after(
    doc: Doc,
    parties: list[Party],
    starts: list[int],
    name_of: Callable[[Party], str],
    clause: Span,
    sentence: Span,
) -> list[Party]:
    """For a signing by a count of members named nowhere before ("Representatives of the
    17 founding institutions signed the charter"), the institutions named as members in
    the sentences right after it ("Founding members include A, B and C. Among the overseas
    founders are D and E."), or in the lines of a list under it or under a lead of members
    ("The founding members are:"), or in a sentence a little further on that counts them
    again ("Only five of the twelve founding colleges were named: A, B, ..."): at least
    two, and no more than the count, since some may go unnamed. None when the next
    sentence names none."""
    count = members_counted(clause)
    if count is None:
        return []
    found: dict[str, Party] = {}
    # A lead that signs: "The charter was signed by the rectors of the five founders:".
    lower = doc.user_data["lower"]
    signing = "signed" in lower[clause.start : clause.end]
    listing = signing and sentence.text.rstrip().endswith(":")
    at, skipped = sentence.end, 0
    while at < len(doc):
        following = doc[at].sent
        at = following.end
        if not following.text.strip():
            continue  # the blank line between paragraphs
        named = [
            p
            for p in _parties_in(parties, starts, following)
            if _acting(p) and p.label == "institution"
        ]
        ends_line = following.text.endswith("\n") and len(following) <= 16
        if listing and ends_line and not named:
            continue  # a line of the list naming no one the reader knows
        # One member a line; a unit named after it is its own: "X University, School of Y".
        line = listing and ends_line and bool(named)
        if line:
            named = named[:1]
        if members_counted(following) == count and len(named) > 1:
            found.update((name_of(p), p) for p in named)  # "Of the twelve founding ...:"
            break
        if listing and found and not line:
            break  # the list ended
        naming = _membership(following) or _naming_them(following) or line
        # Past a sentence that named none, only a list of them (or a recount, above) does:
        # "Among the guests were X and Y, which are not members" is no list of founders.
        if skipped and not line and not following.text.rstrip().endswith(":"):
            naming = False
        if not naming:
            skipped += 1
            if found or skipped > 2:
                break
            continue
        listing = listing or following.text.rstrip().endswith(":")
        for party in named:
            found.setdefault(name_of(party), party)
    return list(found.values()) if 2 <= len(found) <= count else []


def _naming_them(sentence: Span) -> bool:
    """Whether a sentence names those the one before counted: "Besides the Qinzhou-based
    university, they are A in Nanning; B ...", "They include A, B and C"."""
    words = [t for t in sentence if t.is_alpha][:14]
    return any(
        (a.lower_, b.lower_) in _THEY_ARE and c.is_title  # "they are A", not "they are also"
        for a, b, c in zip(words, words[1:], words[2:], strict=False)
    )


_THEY_ARE = frozenset({("they", "are"), ("they", "include"), ("these", "are")})


def _named_before(
    doc: Doc,
    parties: list[Party],
    starts: list[int],
    name_of: Callable[[Party], str],
    clause: Span,
    sentence: Span,
) -> list[Party]:
    """The parties a count in ``clause`` refers to, named before it (see ``referred``)."""
    lower = doc.user_data["lower"]
    for i in range(clause.start, clause.end - 1):
        count = COUNTS.get(lower[i])
        led = lower[i] == "both" or (i > 0 and lower[i - 1] in {"the", "all"})
        if count is None or not led:
            continue
        noun = lower[_counted_noun(lower, i + 1, clause.end)]
        if noun in {"sides", "parties"}:
            if sentence.start == 0:
                return []
            before = _parties_in(parties, starts, doc[sentence.start - 1].sent)
            acting = list({name_of(p): p for p in before if _acting(p)}.values())
            return acting if len(acting) == count else []
        head = noun[:-3] + "y" if noun.endswith("ies") else noun.removesuffix("s")
        # "the six members", "the six presidents": institutions of any kind.
        anyone = noun in COUNTED_MEMBERS
        if not anyone and (head == noun or head not in HEADS):
            continue
        at = bisect.bisect_left(starts, clause.start)
        later = bisect.bisect_left(starts, sentence.end)
        if anyone:
            named_before = [p for p in parties[:at] if _acting(p) and p.label == "institution"]
            if listed := last_list(doc, named_before, count, name_of):
                return listed  # "the six presidents" who were listed as founders above
        # The last that many named before, else, for members who sign, the next that
        # many: "The rectors of the six founding members signed ..." above a table of them
        # ("The four partners are:" above a list signs nothing).
        signing = _SIGNS.intersection(lower[clause.start : clause.end])
        for candidates in (reversed(parties[:at]), parties[later:] if signing else []):
            found: dict[str, Party] = {}
            for party in candidates:
                name = name_of(party)
                of_kind = (
                    anyone
                    or head in name.lower().split()
                    or bool(TRANSLATED_HEADS.get(head, frozenset()) & set(name.lower().split()))
                )
                if _acting(party) and party.label == "institution" and of_kind:
                    found.setdefault(name, party)
                    if len(found) == count:
                        break
            named = sorted(found.values(), key=lambda p: p.start)
            # Members counted are those one list names, not any N named.
            if len(named) == count and (not anyone or listed_together(doc, named)):
                return named
            if not anyone:
                break
        # "the seven colleges" after a list of seven institutions, some of them institutes.
        if noun in PLURAL_HEADS and count > 2:
            named_before = [p for p in parties[:at] if _acting(p) and p.label == "institution"]
            return last_list(doc, named_before, count, name_of)
        return []
    return []


def restated(agreements: list[dict[str, Any]], names: set[str]) -> bool:
    """Whether ``names`` are the parties of pairs already read, and a count of them only
    restates those pairings: "The principals of the eight schools signed ..." under a list
    of four pairs of schools."""
    pairs = [
        a
        for a in agreements
        if len(a["sides"]) == 2 and {n for side in a["sides"] for n in side} <= names
    ]
    return len(pairs) > 1 and {n for a in pairs for side in a["sides"] for n in side} == names


def subject_of(
    doc: Doc, before: list[Party], name_of: Callable[[Party], str], strictly: bool = False
) -> list[Party]:
    """The institution an article is about, of the parties ``before`` a point: named more
    often than any other ("The partner schools announced this year are:" lists its
    partners), or as often and first (unless ``strictly``)."""
    counts: dict[str, list[Party]] = {}
    for party in _acting_institutions(doc, before):
        counts.setdefault(name_of(party), []).append(party)
    ranked = sorted(counts.values(), key=len, reverse=True)
    if strictly and len(ranked) > 1 and len(ranked[0]) == len(ranked[1]):
        return []
    return ranked[0][:1] if ranked else []


def partner_of_subject(
    doc: Doc,
    clause: Span,
    named: list[Party],
    subject: list[Party],
    name_of: Callable[[Party], str],
) -> list[Party]:
    """For a clause that names one institution after "with" and no one before it ("Among
    the oldest is a student exchange with the University of Bayreuth"), that one and the
    institution the article is about (``subject``, one or none); none otherwise."""
    if len(named) != 1 or named[0].label != "institution" or not subject:
        return []
    partner = named[0]
    before = _before(doc, partner.start)
    if before < clause.start or doc[before].lower_ != "with":
        return []
    return [] if name_of(subject[0]) == name_of(partner) else [subject[0], partner]


def with_counted(
    clause: Span,
    named: list[Party],
    referred: Callable[[Span, Span], list[Party]],
    name_of: Callable[[Party], str],
) -> list[list[list[Party]]]:
    """ "BYD signed a letter of intent with the two universities": the one institution
    named, on one side, and those a count after "with" refers to (``referred``, given the
    clause and its sentence), on the other; none for other shapes."""
    if len(named) != 1 or named[0].label != "institution" or not _acting(named[0]):
        return []
    lower = clause.doc.user_data["lower"]
    # The count is what follows "with": "with the two universities", "with both".
    if not any(
        lower[i] == "with"
        and (lower[i + 1] == "both" or (lower[i + 1] == "the" and lower[i + 2] in COUNTS))
        for i in range(named[0].end, clause.end - 2)
    ):
        return []
    counted = referred(clause, clause.sent)
    if not counted or name_of(named[0]) in {name_of(p) for p in counted}:
        return []
    return [[named, counted]]


def listed_signatories(
    doc: Doc,
    parties: list[Party],
    starts: list[int],
    name_of: Callable[[Party], str],
    lead: Span,
) -> list[Party]:
    """The signatories of one agreement listed under a lead that names none ("The
    signatories were:", not "The signatories have yet to sign:"), one institution to a
    line: at least three lines, each naming one institution and nothing more. None for
    other lists (a list of pairs names two to a line)."""
    words = set(doc.user_data["lower"][lead.start : lead.end])
    # "The founding members that signed the charter are:" names signatories too.
    signers = _SIGNATORIES & words or (_SIGNS & words and _FOUNDING & words)
    if not lead.text.rstrip().endswith(":") or not signers or _NOT_YET & words:
        return []
    if any(_acting(p) and p.label == "institution" for p in _parties_in(parties, starts, lead)):
        return []
    found: dict[str, Party] = {}
    at = lead.end
    while at < len(doc):
        line = doc[at].sent
        at = line.end
        if not line.text.strip():
            continue
        # A name in brackets glosses the one before it: "Instituto X (X Institute)".
        named = [
            p
            for p in _parties_in(parties, starts, line)
            if p.label == "institution" and (p.start == 0 or doc[p.start - 1].text != "(")
        ]
        size = named[0].end - named[0].start if named else 0
        if len(named) != 1 or not line.text.endswith("\n") or len(line) > size + 14:
            break
        found.setdefault(name_of(named[0]), named[0])
        if line.text.endswith("\n\n"):
            break  # the paragraph ends the list
    return list(found.values()) if len(found) >= 3 else []


# The head nouns of a description that opens a sentence: "The Monterrey-based college".
_DESCRIBED_HEADS = frozenset(
    {"college", "university", "school", "institute", "institution", "polytechnic", "academy"}
)


def described_subject(sentence: Span) -> bool:
    """Whether a sentence opens with a description of an institution as its subject: "The
    Monterrey-based college is no stranger to foreign partners" (a head noun in lower case
    within its first five words, after "The")."""
    words = [t for t in sentence if not t.is_space][:6]
    return (
        bool(words)
        and words[0].lower_ == "the"
        and any(t.lower_ in _DESCRIBED_HEADS and t.is_lower for t in words[1:])
    )


# How far back "they" reaches for the two it stands for, in sentences.
_THEY_REACH = 4


def they_signed(
    doc: Doc,
    parties: list[Party],
    starts: list[int],
    name_of: Callable[[Party], str],
    clause: Span,
) -> list[Party]:
    """For "they signed ..." in a clause that names no one ("In a ceremony at the
    institute's campus, they signed a five-year agreement") after "the two schools" (or
    colleges, universities ...), the two institutions named in the sentences before it:
    exactly two, else none."""
    lower = doc.user_data["lower"]
    if not any(
        lower[i] == "they" and lower[i + 1] in _SIGNS and lower[i + 2] != "up"
        for i in range(clause.start, clause.end - 2)
    ):
        return []
    sentence = doc[clause.start].sent
    first = sentence
    for _ in range(_THEY_REACH):
        if first.start == 0:
            break
        first = doc[first.start - 1].sent
    # "They" are two institutions the text has just counted: "the two schools put their
    # needs on paper" (not "the mayors of the two cities").
    before = doc[max(first.start, sentence.start - 60) : clause.start]
    if not any(
        (a, b) in {("the", "two"), ("both", "schools")} and c in PLURAL_HEADS
        for a, b, c in zip(
            lower[before.start : before.end],
            lower[before.start + 1 : before.end],
            lower[before.start + 2 : before.end],
            strict=False,
        )
    ):
        return []
    named = {
        name_of(p): p
        for p in _parties_in(parties, starts, doc[first.start : clause.start])
        if _acting(p) and p.label == "institution"
    }
    return list(named.values()) if len(named) == 2 else []
