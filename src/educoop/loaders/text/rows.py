"""Names in the cells of a table of pairs that no head noun marks: "False Bay TVET College
(Western Cape) | Omnia, Espoo (Finland)". A cell beside a cell that names an institution
names one too, by its leading capitalised words (issue 16, lists and tables)."""

from __future__ import annotations

import itertools
from collections.abc import Callable

from spacy.tokens import Doc, Span

from educoop.loaders.gazetteer import bundled_gazetteer
from educoop.loaders.text.parties import Party, written_in_lower_case
from educoop.loaders.text.words import (
    DASHES,
    FOREIGN_JOINERS,
    ITEM_MARK,
    JOB_TITLES,
    PEOPLE_WORDS,
    ROW_ITEM,
)

# What separates the cells of a row: a bar, or a dash between spaces.
_SEPARATORS = frozenset({"|", "\u2013", "\u2014"})
# Words that join a cell's name: "Gelehrtenschule des Johanneums".
_JOINERS = FOREIGN_JOINERS | {"of", "for"}
# What ends a cell's name: "Omnia, Espoo (Finland)", "Albeda; Deltion College".
_NAME_ENDS = frozenset({",", "(", ";", ":", "|", "\u2013", "\u2014"})


def cell_names(doc: Doc, institutions: list[Party], taken: set[int]) -> list[Party]:
    """Institutions named at the start of a row's cells that the rules found nothing in,
    in rows where another cell names one; ``taken`` grows."""
    starts = {p.start for p in institutions}
    covered = {i for p in institutions for i in range(p.start, p.end)}
    found: list[Party] = []
    all_texts = doc.user_data["text"]
    if not _SEPARATORS.intersection(all_texts):
        return []  # most articles hold no table
    for sentence in doc.sents:
        texts = all_texts[sentence.start : sentence.end]
        if not _SEPARATORS.intersection(texts):
            continue
        # A row is a line of its own with no verb of agreement: "X | Y", "X - Y" (not
        # prose with a dash in it: "... signed with Y on Monday - the Premier attended").
        line = sentence.text.strip()
        row = "|" in texts or ROW_ITEM.match(line) is not None
        cued = any(doc.user_data["cue"][sentence.start : sentence.end])
        if not row or cued or "\n" in line or not _own_line(sentence):
            continue
        cells = _cells(sentence.start, texts)
        if _numbered_rows(sentence):  # "No. | X | Y" over "1 | A | B": the number is no cell
            cells = [(a, b) for a, b in cells if not _numbered(doc, a, b)]
        named = [any(i in covered for i in range(a, b)) for a, b in cells]
        # A pair: two cells, one naming an institution ("1 | X | New" is a table of more).
        if len(cells) != 2 or not any(named):
            continue
        for (start, end), has_name in zip(cells, named, strict=True):
            first = next((i for i in range(start, end) if not doc[i].is_space), None)
            if has_name or first is None or first in starts or first in taken:
                continue
            if doc[first].lower_ in JOB_TITLES or doc[first].lower_ in PEOPLE_WORDS:
                continue  # "Premier Daniel Andrews attended"
            stop = first
            while stop < end and doc[stop].text not in _NAME_ENDS and not doc[stop].is_space:
                # A joining word inside a name: "Gelehrtenschule des Johanneums".
                joins = doc[stop].lower_ in _JOINERS
                if not doc[stop].text[:1].isupper() and not (
                    joins and stop + 1 < end and doc[stop + 1].text[:1].isupper()
                ):
                    break
                stop += 1
            name = doc[first:stop].text
            # One word the article also writes in lower case is a common one ("New").
            common = stop - first == 1 and (
                len(name) < 3 or name.lower() in written_in_lower_case(doc)
            )
            if stop > first and not common and not bundled_gazetteer().candidates(name):
                found.append(Party(name, "institution", first, stop))
                taken.update(range(first, stop))
    return found


def _numbered(doc: Doc, start: int, end: int) -> bool:
    """Whether a cell holds only a row's number ("1", "No. 3", "2.")."""
    words = [t for t in doc[start:end] if not t.is_space and not t.is_punct]
    return bool(words) and all(t.like_num or t.lower_ in {"no", "no."} for t in words)


def _cells(offset: int, texts: list[str]) -> list[tuple[int, int]]:
    """The token ranges between a row's separators."""
    cells, start = [], offset
    for i, text in enumerate(texts, start=offset):
        if text in _SEPARATORS:
            cells.append((start, i))
            start = i + 1
    cells.append((start, offset + len(texts)))
    return [(a, b) for a, b in cells if b > a]


def _own_line(sentence: Span) -> bool:
    """Whether ``sentence`` makes a line of its own. (From the lines around it: the whole
    text, built for each row, made long articles of many tables quadratic.)"""
    _before, own, _after = _lines_around(sentence)
    return own.strip() == sentence.text.strip()


def _numbered_rows(sentence: Span) -> bool:
    """Whether ``sentence`` is a row of a table whose header's first cell numbers the rows
    ("No. | School in Hamburg | School in Shanghai")."""
    before, own, _after = _lines_around(sentence)
    index = len(before)
    table = [*before, own]
    while index > 0 and "|" in table[index - 1]:
        index -= 1
    header = table[index].strip().strip("|").split("|", 1)[0].strip().lower()
    return header in {"no.", "no", "#", "nr.", "nr", "n°"}


def _lines_around(sentence: Span) -> tuple[list[str], str, str]:
    """The lines before a sentence's line (within a window of tokens), its own line, and
    the line after it."""
    doc = sentence.doc
    window = doc[max(0, sentence.start - 400) : min(len(doc), sentence.end + 60)]
    offset = sentence.start_char - window.start_char
    text = window.text
    line_start = text.rfind("\n", 0, offset) + 1
    line_end = text.find("\n", offset + len(sentence.text.rstrip()))
    own = text[line_start : line_end if line_end >= 0 else len(text)]
    before = text[:line_start].removesuffix("\n").split("\n") if line_start else []
    after = text[line_end + 1 :].split("\n", 1)[0] if line_end >= 0 else ""
    return before, own, after


def table_row(sentence: Span) -> bool:
    """Whether ``sentence`` is a row of a table: a line that opens with a bar, or one with a
    bar on a line next to another with one (not a byline "Photo: X | Source: Y")."""
    return sentence.text.lstrip().startswith("|") or _next_to_a_row(sentence)


def _next_to_a_row(sentence: Span) -> bool:
    """Whether ``sentence`` holds a bar, on a line next to another line with one."""
    if "|" not in sentence.text:
        return False
    before, _own, after = _lines_around(sentence)
    return "|" in (before[-1] if before else "") or "|" in after


def table_pair(sentence: Span, parties: list[Party], name_of: Callable[[Party], str]) -> bool:
    """Whether ``sentence`` is a row of a table ("1 | X | Y" on a line next to another
    row; not a byline "Office | Published 2 May") whose ``parties`` are two institutions
    (by ``name_of``), and so pairs them."""
    names = {name_of(p) for p in parties if p.label == "institution"}
    if "|" not in sentence.text or len(names) != 2:
        return False
    doc = sentence.doc
    texts = doc.user_data["text"][sentence.start : sentence.end]
    cells = [(a, b) for a, b in _cells(sentence.start, texts) if not _numbered(doc, a, b)]
    if len([cell for cell in cells if doc[cell[0] : cell[1]].text.strip()]) != 2:
        return False  # "| X | Town | Country |" lists one institution
    return _next_to_a_row(sentence)


def _dash(join: list[str]) -> bool:
    """Whether the tokens between two names are a dash ("-" "-" is two hyphens)."""
    return (len(join) == 1 and join[0] in DASHES) or join == ["-", "-"]


def dashed_pair(sentence: Span, parties: list[Party], name_of: Callable[[Party], str]) -> bool:
    """Whether ``sentence`` is a numbered or bulleted item that names institutions on
    either side of a dash and nothing else ("3. Qibao High School - Zepu County Senior High
    School", "7. A and B - C", a note in brackets after it at most): a list of pairs, read
    so with no lead to open it."""
    doc = sentence.doc
    mark = ITEM_MARK.match(sentence.text)
    named = sorted((p for p in parties if p.label == "institution"), key=lambda p: p.start)
    if mark is None or len(named) < 2 or len({name_of(p) for p in named}) != len(named):
        return False
    if doc[sentence.start : named[0].start].text.strip() != sentence.text[: mark.end()].strip():
        return False  # words before the first name: "1. Schools in X - ..."
    # One dash between two names, and "and" or "," between the others: "A and B - C".
    joins = [
        [t.text for t in doc[a.end : b.start] if not t.is_space]
        for a, b in itertools.pairwise(named)
    ]
    dashes = [join for join in joins if _dash(join)]
    others = [join for join in joins if not _dash(join)]
    after = doc[named[-1].end : sentence.end].text.strip().rstrip(".;")
    return (
        len(dashes) == 1
        and all(join in (["and"], [","], [",", "and"]) for join in others)
        and (not after or (after[0] == "(" and after[-1] == ")"))
    )


def listed_pairs(sentence: Span, parties: list[Party], name_of: Callable[[Party], str]) -> bool:
    """Whether ``sentence`` names pairs of parties and nothing else, each "A with B" or "A
    and B", parted by semicolons: "They are respectively: A with B; C with D; E with F."
    (after the colon of a lead, at most, and the full stop), or "Fuzhou and Yongning
    County, Yinchuan;" on lines of their own (a place after a comma only locates)."""
    doc = sentence.doc
    named = [p for p in parties if not p.locator]
    if len(named) < 4 or len(named) % 2 or len({name_of(p) for p in named}) != len(named):
        return False
    if len({p.label for p in named}) != 1:
        return False  # institutions with institutions, or places with places
    colon = next((t.i for t in sentence if t.text == ":"), sentence.start - 1)
    if doc[colon + 1 : named[0].start].text.strip():
        return False  # words before the first name
    located = {i for p in parties if p.locator for i in range(p.start - 1, p.end)}
    # A name's other name in brackets: "Keang Peng School (Escola Keang Peng);".
    for bracket in (t for t in sentence if t.text == "("):
        close = next((t.i for t in doc[bracket.i : bracket.i + 12] if t.text == ")"), None)
        located.update(range(bracket.i, close + 1) if close is not None else ())
    ends = [p.start for p in named[1:]] + [sentence.end]
    joins = [
        [t.lower_ for t in doc[a.end : b] if not t.is_space and t.i not in located]
        for a, b in zip(named, ends, strict=True)
    ]
    # One word joins each pair, the same in all: "A with B; C with D", "A and B; C and D".
    joiner = joins[0] if joins[0] in (["with"], ["and"]) else None
    return joins[-1] in ([], ["."], [";"]) and all(
        join == (joiner if i % 2 == 0 else [";"]) for i, join in enumerate(joins[:-1])
    )
