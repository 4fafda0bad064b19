"""Who the parties of a Chinese sentence are, and on which side of its agreements
(issue 18): onlookers left out, "A与B", "A、B分别与C、D", "A、B、C签署", one side helping or
sending to the other, and "该校" as the school the article is about."""

from __future__ import annotations

import re
from collections.abc import Collection
from itertools import pairwise

# Clauses whose parties only watch or host.
NOT_PARTIES = re.compile(
    r"见证|出席|主持|主办|承办|陪同|致辞|参加|观摩|协办|获悉|介绍|了解到|据悉|消息"
    r"|(?:支持|指导|组织|推动|牵头|协调|带领|倡导|促成|关心|关怀)下"
)
CLAUSE = re.compile(r"[^，,：:]+")
# Where a ceremony is held is no party to it: "签约仪式在景宁县民族中学举行".
VENUE = re.compile(
    r"在((?:(?!设立|签|结对|建立|共建|揭牌)[^，,。；在与和]){2,30}?)(?:隆重)?(?:举行|召开|举办)"
)
RESPECTIVELY = "分别"
DIRECTED = re.compile(r"对口支援|对口帮扶|对口协作|援助|支援|帮扶|分赴|进驻|派驻|援派|赴")


def parties_in(
    sentence: str, offset: int, mentions: list[tuple[int, int, str]]
) -> list[tuple[int, str]]:
    """The parties a sentence names, in order, without those in a clause of witnesses or
    hosts, or where the ceremony is held."""
    watching = [
        (offset + m.start(), offset + m.end())
        for m in CLAUSE.finditer(sentence)
        if (
            re.search(r"见证|出席|陪同", m.group())
            # "A与B在双方领导见证下签署" is the signing itself.
            and not re.search(r"[与和同跟]\S*?(?:签订|签署|结对|结为|缔结)", m.group())
        )
        or (NOT_PARTIES.search(m.group()) and not re.search(r"签|结对|结为", m.group()))
    ]
    watching += [(offset + m.start(1), offset + m.end(1)) for m in VENUE.finditer(sentence)]
    end = offset + len(sentence)
    parties: list[tuple[int, str]] = []
    for start, stop, name in mentions:
        inside = offset <= start and stop <= end
        watched = any(a <= start < b for a, b in watching)
        if inside and not watched and name not in [n for _, n in parties]:
            parties.append((start, name))
    return parties


def sides_of(sentence: str, offset: int, parties: list[tuple[int, str]]) -> list[list[list[str]]]:
    """The agreements' sides: "A与B", "A、B与C、D" (two sides), "A、B分别与C、D" (one pair
    each, or A with each of C and D), "A与B、C与D" (a pair each), "A——B" (a row)."""
    pieces = list(re.finditer(r"[^、，,]+", sentence))
    paired = [
        [name for at, name in parties if offset + m.start() <= at < offset + m.end()]
        for m in pieces
        if re.search(r"与|和|同|——|—|－|–", m.group())
    ]
    if len(paired) > 1 and all(len(names) == 2 for names in paired):
        return [[[a], [b]] for a, b in paired]
    # One side helps or sends to the other: "广州市对口支援疏附县", "三市选派的教师将分别进驻…"
    # (before any "和" within a side).
    directed = [offset + m.start() for m in DIRECTED.finditer(sentence)]
    joins = [offset + m.start() for m in re.finditer(r"与|和|同|跟|——|—|－|–", sentence)]
    split = next((j for j in [*directed, *joins] if parties[0][0] < j < parties[-1][0]), None)
    gaps = [sentence[a - offset : b - offset] for (a, _), (b, _) in pairwise(parties)]
    listed = all(
        b - a == 1 or re.fullmatch(r"[^，,、与和及]*、", gap)
        for ((a, _), (b, _)), gap in zip(pairwise(parties), gaps, strict=True)
    )
    # "A、B和C签署": the last "和" (or "及") ends a list of parties, a side each.
    and_listed = bool(gaps) and re.fullmatch(r"[^，,、与和及]*(?:和|及|以及)", gaps[-1]) is not None
    if len(parties) > 2 and RESPECTIVELY not in sentence and not directed and and_listed:
        listed = all(re.fullmatch(r"[^，,、与和及]*、", gap) for gap in gaps[:-1])
        if listed:
            return [[[name] for _, name in parties]]
    if split is None:
        if len(parties) > 2 and listed:
            return [[[name] for _, name in parties]]  # "京津冀", "A、B、C签署": a side each
        return [[[parties[0][1]], [name for _, name in parties[1:]]]] if len(parties) == 2 else []
    left = [name for at, name in parties if at < split]
    right = [name for at, name in parties if at > split]
    if not left or not right:
        return []
    if RESPECTIVELY in sentence:
        if len(left) == len(right):
            return [[[a], [b]] for a, b in zip(left, right, strict=True)]
        return [[[a], [b]] for a in left for b in right]
    return [[left, right]]


# "该校" is the school the article is about: "早在2019年，该校就与上海市七宝中学建立...".
_THIS_SCHOOL = re.compile(r"该校|该院|该园")


def this_school(
    text: str, mentions: list[tuple[int, int, str]], institutions: Collection[str]
) -> list[tuple[int, int, str]]:
    """Mentions of "该校" as the institution named most often before it (of those named
    as often, the last), when its own sentence does not name that one already."""
    meant: list[tuple[int, int, str]] = []
    for match in _THIS_SCHOOL.finditer(text):
        before = [m for m in [*mentions, *meant] if m[1] <= match.start() and m[2] in institutions]
        if not before:
            continue
        counts: dict[str, int] = {}
        for _, _, named in sorted(before):
            counts[named] = counts.pop(named, 0) + 1  # the last named last
        name = max(reversed(counts), key=counts.__getitem__)
        opening = max(text.rfind(mark, 0, match.start()) for mark in "。！？\n") + 1
        closing = min(
            (at for at in (text.find(mark, match.end()) for mark in "。！？\n") if at >= 0),
            default=len(text),
        )
        if not any(opening <= m[0] < closing and m[2] == name for m in mentions):
            meant.append((match.start(), match.end(), name))
    return meant
