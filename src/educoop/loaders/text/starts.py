"""Where a name the Matcher found starts: a leading article that is no part of it ("the",
"A Khalifa University spokesperson"), a "The" that is ("The University of Texas at El
Paso"), the names before a foreign head ("Eberhard Karls Universität Tübingen") and the
words that open a sentence before a name ("On", "When", a month)."""

from __future__ import annotations

from spacy.tokens import Doc, Token

from educoop.loaders.gazetteer import bundled_gazetteer
from educoop.loaders.text.dates import MONTHS, WEEKDAYS
from educoop.loaders.text.words import FOREIGN_HEADS
from educoop.loaders.vocabulary import HEADS


def _foreign_start(doc: Doc, start: int) -> int:
    """Where a name led by a foreign head begins: a name or two before the head belong to
    it ("Eberhard Karls Universität Tübingen"). (A Matcher pattern for it cost an eighth of
    the reading time: every capitalised word would start one.)"""
    if doc[start].lower_ not in FOREIGN_HEADS:
        return start
    first = start
    while first > 0 and start - first < 2:
        before = doc[first - 1]
        if not before.is_title or before.lower_ in HEADS or _opening_word(before):
            break
        first -= 1
    return first


_MONTH_WORDS = frozenset(MONTHS.split("|"))
_OPENING_WORDS = frozenset(
    {"on", "in", "at", "by", "since", "from", "during", "after", "before", "until", "last"}
    | {"when", "while", "as", "once", "although", "though", "if", "because"}
)


def _opening_word(token: Token) -> bool:
    """A preposition, month, weekday or number that opens a sentence before a name."""
    text = token.text.rstrip(".")
    return (
        token.lower_ in _OPENING_WORDS
        or text in _MONTH_WORDS
        or token.lower_ in WEEKDAYS
        or (token.like_num and text.isdigit())
        or token.text == ","
    )


def _the_of_the_name(doc: Doc, i: int) -> bool:
    """Whether ``doc[i]`` is a "The" that belongs to the name after it: written with a
    capital after a word, inside a sentence ("brought together The University of Texas
    at El Paso and ..."). The name without it becomes an alias."""
    if i <= 0 or doc[i].text != "The":
        return False
    before = doc[i - 1]
    # After a list's mark, a label's colon or a bracket the capital says as much:
    # "Beijing: The High School Affiliated to ...", "• The Experimental School". (Not after
    # a dateline's dash: there "The" opens the sentence.)
    return before.text in _MARKS_BEFORE_A_NAME or (
        not doc[i].is_sent_start and before.is_alpha and before.is_lower
    )


def _leading_article(doc: Doc, start: int, end: int) -> bool:
    """Whether the match ``doc[start:end]`` opens with an article that is no part of the
    name: "the", or a capital "A" or "An" ("A Khalifa University spokesperson") unless it
    begins a place's name ("An Giang University", "A Coruña")."""
    first = doc[start]
    if first.lower_ == "the":
        return end - start > 1
    if first.text not in {"A", "An"} or end - start < 3 or not doc[start + 1].is_title:
        return False
    # After a capitalised word it ends a place's name: "in Nghệ An and ...".
    if start > 0 and doc[start - 1].is_title and not first.is_sent_start:
        return False
    return not bundled_gazetteer().candidates(doc[start : start + 2].text)


_MARKS_BEFORE_A_NAME = frozenset({":", "(", ";", "\u2022", "\u00b7", "*"})
