"""Alliances, communities, school groups and plans a Chinese article names, with the
members it gives them (issue 18): the programmes of the English reader's records.

A programme is named by its head word ("长三角中小学劳动教育联盟", "天长小学教育集团"), or in
title marks when it is a plan or a scheme ("《长三角地区教育一体化发展三年行动计划》"); the
title of an agreement ("《合作协议》") is no programme. The head word alone ("加入联盟",
"该联盟") is the programme named last before it. Those a sentence of founding or joining
names are its members; a membership is not a signing between every pair of members.
"""

from __future__ import annotations

import re
from collections.abc import Collection

from educoop.graph.model import ProgrammeKind, Role
from educoop.loaders.records import ParticipantIn, ProgrammeIn

# The head words of a group that institutions found or join, and its kind.
_GROUP_HEADS = (
    ("教育集团", ProgrammeKind.COMMUNITY),
    ("共同体", ProgrammeKind.COMMUNITY),
    ("联合体", ProgrammeKind.ALLIANCE),
    ("协作体", ProgrammeKind.ALLIANCE),
    ("联盟", ProgrammeKind.ALLIANCE),
)
_GROUP = re.compile("|".join(head for head, _ in _GROUP_HEADS))
# Plans and schemes in title marks: "《…行动计划》", "“…工程”".
_TITLED = re.compile(
    r"[《“「]([^《》“”「」，。；\n]{2,40}?(?:计划|规划|方案|工程|项目|"
    + _GROUP.pattern
    + r")(?:[（(][^（）()]{0,16}[）)])?)[》”」]"
)
# What a group's name may hold: Chinese characters, digits and letters, no punctuation.
_NAME_CHARACTER = re.compile(r"[\u4e00-\u9fff0-9A-Za-z·]")
# jieba's tags of the words a group's name is made of ("长三角/中小学/劳动/教育/联盟"), and of
# those that may open it: a place or a proper name, not "跨省/产教/融合/共同体".
_NAME_TAGS = frozenset({"n", "ns", "nr", "nt", "nz", "nrt", "nrfg", "vn", "j", "b", "l", "eng"})
_OPENING_TAGS = frozenset({"ns", "nr", "nt", "nz", "nrt", "nrfg", "j"})
_KINDS = {head: kind for head, kind in _GROUP_HEADS}


def _kind_of(name: str) -> ProgrammeKind:
    head = next((head for head in _KINDS if name.endswith(head)), None)
    if head is not None:
        return _KINDS[head]
    return ProgrammeKind.PLAN if re.search("计划|规划|方案", name) else ProgrammeKind.PROGRAMME


def programme_names(text: str) -> list[tuple[int, int, str]]:
    """Each mention of a programme: (start, end, its name), the head word alone as the
    group named last before it."""
    # A title of a word or two is a short name, "《行动计划》", not a name of its own.
    found: list[tuple[int, int, str]] = [
        (m.start(1), m.end(1), m.group(1)) for m in _TITLED.finditer(text) if len(m.group(1)) > 4
    ]
    # A group named in the title of an agreement ("《…共同体合作协议》") is no programme.
    titles = [(m.start(), m.end()) for m in re.finditer(r"《[^《》]{0,60}》", text)]
    for match in _GROUP.finditer(text):
        if any(s <= match.start() < e for s, e in titles):
            continue
        start = _name_start(text, match.start(), match.end())
        if start is not None:
            found.append((start, match.end(), text[start : match.end()]))
            continue
        earlier = [n for s, _, n in sorted(found) if s < match.start() and _GROUP.search(n)]
        if earlier:
            found.append((match.start(), match.end(), earlier[-1]))
    return sorted(found)


def _name_start(text: str, head_start: int, head_end: int) -> int | None:
    """Where the name of the group whose head word is at ``head_start`` opens: at a place or
    a proper name, with only a name's words between it and the head; None for a head word
    with no name before it ("加入联盟", "各类教育联盟")."""
    import jieba.posseg

    run_start = head_start
    while run_start > 0 and _NAME_CHARACTER.match(text[run_start - 1]):
        run_start -= 1
    words, at = [], run_start
    for pair in jieba.posseg.cut(text[run_start:head_end], HMM=True):
        words.append((at, pair.word, pair.flag))
        at += len(pair.word)
    opening = None
    for at, word, tag in reversed(words):
        if at + len(word) > head_start:
            continue  # the head word, or a word it ends
        if tag not in _NAME_TAGS:
            break
        if tag in _OPENING_TAGS:
            opening = at
    return opening


def programmes_of(
    text: str,
    mentions: list[tuple[int, int, str]],
    institutions: Collection[str],
    joining: list[tuple[int, int]],
) -> list[ProgrammeIn]:
    """The programmes ``text`` names, each with the institutions ``mentions`` names as its
    members in the sentences ``joining`` (of founding or joining), outside its own name."""
    names = programme_names(text)
    members: dict[str, dict[str, Role]] = {name: {} for _, _, name in names}
    for start, end in joining:
        named = [(s, e, n) for s, e, n in names if start <= s < end]
        if not named:
            continue
        for at, stop, party in mentions:
            inside_a_name = any(s <= at and stop <= e for s, e, _ in named)
            if start <= at < end and party in institutions and not inside_a_name:
                members[named[0][2]].setdefault(party, Role.MEMBER)
    return [
        ProgrammeIn(
            name=name,
            kind=_kind_of(name),
            participants=[ParticipantIn(name=n, role=role) for n, role in joined.items()],
        )
        for name, joined in members.items()
    ]


def programme_at(
    names: list[tuple[int, int, str]], start: int | None, end: int | None
) -> str | None:
    """The first programme named between ``start`` and ``end``: an agreement's, in its
    evidence."""
    if start is None or end is None:
        return None
    return next((name for at, _, name in names if start <= at < end), None)
