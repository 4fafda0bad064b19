"""Long articles through spaCy in pieces: one Doc for the whole text, as if read at once.

spaCy refuses a text longer than ``nlp.max_length`` (1,000,000 characters) with its E088
error, checked when the text is tokenized; the limit is there for the memory a parser or
an entity recognizer takes per character. The extractor's pipeline has neither: its
components (sentencizer, line breaks, cues) are linear passes that keep nothing per
character beyond the Doc itself. So a long text is tokenized in pieces cut where a run of
whitespace ends, each well under the limit, the pieces' tokens are joined into one Doc, and
the components run over that Doc. The tokenizer splits text at
whitespace first and tokenizes what lies between on its own, so a cut after a whole run of
whitespace gives the very tokens of the uncut text: the joined Doc is the one a single
``nlp(text)`` would give, with character offsets into the whole text, and every rule that
reads across the text (a date, aliases, programmes defined earlier) sees all of it.
"""

from __future__ import annotations

import re

from spacy.language import Language
from spacy.tokens import Doc

# A tenth of spaCy's max_length: a piece is tokenized in a few tens of milliseconds, and a
# cut is searched for in its second half first, so pieces are seldom much shorter.
CHUNK_CHARS = 100_000

_WHITESPACE = re.compile(r"\s+")
_SENTENCE_ENDS = frozenset(".!?;:\u3002\uff01\uff1f")
_CLOSERS = frozenset("\"')]\u201d\u2019")

# What a cut prefers, best first: a blank line (paragraphs), a line break, the end of a
# sentence, any space.
_PARAGRAPH, _LINE, _SENTENCE, _SPACE = range(4)


def _rank(text: str, start: int, end: int) -> int:
    """How good a cut after the whitespace ``text[start:end]`` is (lower is better)."""
    newlines = text.count("\n", start, end)
    if newlines >= 2:
        return _PARAGRAPH
    if newlines:
        return _LINE
    before = start - 1
    while before > 0 and text[before] in _CLOSERS:
        before -= 1
    return _SENTENCE if before >= 0 and text[before] in _SENTENCE_ENDS else _SPACE


def _cut(text: str, start: int, limit: int) -> int:
    """Where the piece starting at ``start`` ends: at most ``limit`` characters on, right
    after a whole run of whitespace (none of it left to the next piece), at the best kind
    of break in the second half of that stretch, else the last break in the first half; a
    hard cut when it has none (one enormous word, which no tokenization reads well)."""
    end = start + limit
    if end >= len(text):
        return len(text)
    for low in (start + limit // 2, start + 1):
        best: dict[int, int] = {}
        for run in _WHITESPACE.finditer(text, low, end + 1):
            # A run that goes on past the stretch (or began before it) is not whole here.
            if run.end() > end or text[run.start() - 1].isspace():
                continue
            best[_rank(text, run.start(), run.end())] = run.end()
        if best:
            return best[min(best)] if low > start + 1 else max(best.values())
    return end


def spans(text: str, limit: int = CHUNK_CHARS) -> list[tuple[int, int]]:
    """Consecutive ``(start, end)`` pieces covering ``text``, each at most ``limit``
    characters, cut on paragraph boundaries where there are some, else at line breaks,
    sentence ends or spaces, else anywhere (see :func:`_cut`). One piece for a text within
    the limit."""
    if limit < 2:
        raise ValueError(f"a piece of text must hold at least 2 characters, not {limit}")
    found = []
    start = 0
    while start < len(text):
        end = _cut(text, start, limit)
        found.append((start, end))
        start = end
    return found or [(0, 0)]


def read_long(nlp: Language, text: str, limit: int | None = None) -> Doc:
    """``nlp(text)`` for a text of any length: within ``limit`` characters (default
    ``CHUNK_CHARS``, read when called) it is just that; a longer one is tokenized piece by
    piece (see :func:`spans`) into one Doc, which the pipeline's components then process
    whole."""
    limit = CHUNK_CHARS if limit is None else limit
    if len(text) <= limit:
        return nlp(text)
    pieces = [nlp.make_doc(text[start:end]) for start, end in spans(text, limit)]
    # Only what the tokenizer sets is carried over (text, spaces and the norms of its
    # special cases): not the sentence start it gives each piece's first token, which
    # would stop the sentencizer from deciding there as it does in the whole text.
    doc = Doc.from_docs(pieces, ensure_whitespace=False, attrs=["NORM"])
    del pieces
    for _, component in nlp.pipeline:
        doc = component(doc)
    return doc
