"""The spaCy pipeline the English reader runs: a blank English tokenizer, line breaks as
sentence ends, the Matchers of institution and programme names, the gazetteer's place
names, and the cues that mark trigger words. Built once per process."""

from __future__ import annotations

import itertools
import json
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING, Any, cast

import spacy
from spacy.attrs import SENT_START
from spacy.lang.char_classes import HYPHENS
from spacy.language import Language
from spacy.matcher import Matcher
from spacy.symbols import ORTH
from spacy.tokenizer import Tokenizer
from spacy.tokens import Doc
from spacy.util import compile_infix_regex, compile_suffix_regex

from educoop.errors import ModelError
from educoop.graph.model import AgreementKind
from educoop.loaders.gazetteer import bundled_gazetteer
from educoop.loaders.text.chunks import spans
from educoop.loaders.text.disk import cache_folder, extractor_fingerprint, write_whole
from educoop.loaders.text.patterns import institution_patterns, programme_patterns
from educoop.loaders.text.words import (
    BULLETS,
    COMPANY_SUFFIXES,
    COOPERATION_WORDS,
    EXCHANGE_PHRASES,
    FOREIGN_HEADS,
    GROUPE_SCOLAIRE,
    INDONESIAN_HEADS,
    LABELLED_ITEM,
    NORDIC_HEADS,
    ONE_WORD_ENDINGS,
    ONE_WORD_HEAD,
    ROW_ITEM,
    SPANISH_SCHOOL_HEADS,
    TAFE,
    TRIGGERS,
)
from educoop.loaders.vocabulary import HEADS

if TYPE_CHECKING:
    from thinc.types import Ints2d


class PlaceNames:
    """Place names as token sequences, found in a Doc by the text of its tokens: what a
    PhraseMatcher of them finds (every occurrence of every name, nested ones too), without
    making 20,905 Docs and their lexemes at start-up.

    Examples
    --------
    >>> import spacy
    >>> places = PlaceNames([["Hong", "Kong"], ["Hong", "Kong", "Island"], ["Macao"]])
    >>> places(spacy.blank("en")("Hong Kong Island and Macao"))
    [(0, 0, 2), (0, 0, 3), (0, 4, 5)]
    """

    # The key that ends a name in the trie: no token's text is empty.
    _END = ""

    def __init__(self, names: Iterable[Sequence[str]]) -> None:
        self._trie: dict[str, Any] = {}
        for tokens in names:
            node = self._trie
            for text in tokens:
                node = node.setdefault(text, {})
            node[self._END] = True

    def __call__(self, doc: Doc) -> list[tuple[int, int, int]]:
        """(0, start, end) of every name in ``doc``, as a Matcher gives its matches."""
        texts = doc.user_data.get("text") or [token.text for token in doc]
        found = []
        for start in range(len(texts)):
            node = self._trie.get(texts[start])
            end = start + 1
            while node is not None:
                if self._END in node:
                    found.append((0, start, end))
                if end == len(texts):
                    break
                node = node.get(texts[end])
                end += 1
        return found


@dataclass(frozen=True)
class Pipeline:
    nlp: Language
    institutions: Matcher
    programmes: Matcher
    regions: PlaceNames
    districts: Matcher


def _tokenizer(nlp: Language) -> Tokenizer:
    # A blank pipeline's tokenizer is spaCy's Tokenizer; Language types it as any callable.
    assert isinstance(nlp.tokenizer, Tokenizer)
    return nlp.tokenizer


def _blank() -> Language:
    """A blank English pipeline with educoop's tokenizer rules and sentence splitting."""
    nlp = spacy.blank("en")
    # Hyphenated words stay whole: "People-to-people", "Beijing-Tianjin-Hebei", "job-shadowing".
    hyphen_rule = f"(?:{HYPHENS})"
    # Curly quotes, and brackets beside them, split the words they touch:
    # 'Programm\u201d(hereafter the\u201cLeading Programme\u201d)'.
    infixes = [
        rule
        for rule in nlp.Defaults.infixes or ()
        if not (isinstance(rule, str) and hyphen_rule in rule)
    ]
    infixes.append(r"[\u201c\u201d()]")
    tokenizer = _tokenizer(nlp)
    tokenizer.infix_finditer = compile_infix_regex(infixes).finditer
    # A full stop after a short name in mixed case ends the sentence: "signed an MoU."
    # stayed one token, and the sentence, ending in no full stop, read as a headline.
    suffixes = [*(nlp.Defaults.suffixes or ()), r"(?<=[a-z][A-Z])\."]
    tokenizer.suffix_search = compile_suffix_regex(suffixes).search
    # "Sdn." never ends a sentence: "Bhd." follows it ("Lautan Biru Shipping Sdn. Bhd.").
    for abbreviation in ("No.", "Nos.", "St.", "Prof.", "Dr.", "U.S.", "Sdn."):
        tokenizer.add_special_case(abbreviation, [{ORTH: abbreviation}])
    nlp.add_pipe("sentencizer")
    nlp.add_pipe("cues")
    return nlp


@cache
def pipeline() -> Pipeline:
    """The blank English pipeline with sentence splitting, and the matchers."""
    nlp = _blank()
    institutions = Matcher(nlp.vocab)
    # Every match, not only the longest: a long one that runs into the next name
    # ("Hanoi College of X and Cao Thang Technical" before "College") gives way to shorter.
    institutions.add("INSTITUTION", institution_patterns())
    programmes = Matcher(nlp.vocab)
    programmes.add("PROGRAMME", programme_patterns(), greedy="LONGEST")
    regions = PlaceNames(_place_tokens())
    # Districts the gazetteer lacks, placed in a city it knows: "Jinjiang District of",
    # "Zhujiachang Town in", "Fuzhou's Mawei District".
    districts = Matcher(nlp.vocab)
    districts.add(
        "DISTRICT",
        [
            [
                {"IS_TITLE": True, "OP": "+"},
                {"ORTH": {"IN": ["District", "County", "Town", "Township"]}},
                {"LOWER": {"IN": ["of", "in"]}},
            ],
            # And after their city's possessive: "Fuzhou's Mawei District".
            [
                {"ORTH": {"IN": ["'s", "\u2019s"]}},
                {"IS_TITLE": True, "OP": "+"},
                {"ORTH": {"IN": ["District", "County", "Town", "Township"]}},
            ],
        ],
        greedy="LONGEST",
    )
    return Pipeline(nlp, institutions, programmes, regions, districts)


def _is_token_list(value: Any) -> bool:
    return isinstance(value, list) and all(isinstance(text, str) and text for text in value)


def _place_tokens() -> list[list[str]]:
    """The gazetteer's place names as the tokenizer splits them, kept on disk by the
    extractor's fingerprint: tokenizing them is most of the reader's start-up."""
    folder = cache_folder()
    path = folder / "places" / f"{extractor_fingerprint()}.json" if folder else None
    if path is not None:
        try:
            kept = json.loads(path.read_bytes())
            if isinstance(kept, list) and all(map(_is_token_list, kept)):
                return kept
        except (OSError, ValueError):
            pass  # not there or damaged: tokenize again
    names = sorted(
        {
            name
            for entry in bundled_gazetteer().entries
            for name in (entry.name, *entry.aliases)
            if len(name) > 2 and name[0].isupper()
        }
    )
    # Datelines write places in capitals: "NAIROBI, 14 May 2024".
    names += [name.upper() for name in names if " " not in name]
    # A twin tokenizer splits them: filling the working tokenizer's cache with 9,000 of
    # them makes every later article tokenize 20 times slower (benchmarks/extraction.py).
    tokens = [[token.text for token in doc] for doc in _tokenizer(_blank()).pipe(names)]
    if path is not None:
        write_whole(path, json.dumps(tokens, ensure_ascii=False))
    return tokens


# Tokens that hold a letter or a digit, or that an institution pattern takes without one:
# every other token (punctuation, line breaks) ends every institution name.
_NAME_LIKE = re.compile(r"[^\W_]|^[()'\u2019&]$")
# The words every institution pattern needs one of: its head noun.
_ANCHOR_LOWERS = frozenset(HEADS) | FOREIGN_HEADS | NORDIC_HEADS
_ANCHOR_TEXTS = frozenset(COMPANY_SUFFIXES + INDONESIAN_HEADS + SPANISH_SCHOOL_HEADS) | {
    TAFE,
    GROUPE_SCOLAIRE[0],
}


def institution_matches(pipes: Pipeline, doc: Doc) -> list[tuple[int, int, int]]:
    """What ``pipes.institutions`` finds in ``doc``, in the same order, found by running it
    only over the stretches of tokens that may hold a name (between tokens no pattern
    takes) and that hold a head noun: the Matcher is the reader's slowest step, and most
    of an article is no name."""
    texts, lowers = doc.user_data["text"], doc.user_data["lower"]
    found: list[tuple[int, int, int]] = []
    start, anchored = 0, False
    for i in range(len(texts) + 1):
        # An ordinal's full stop before a lower-case head: "Rīgas Valsts 1. ģimnāzija" (not
        # a year's at a sentence's end, which would join the sentences' windows).
        ordinal = (
            0 < i < len(texts) - 1
            and texts[i] == "."
            and texts[i - 1].isdigit()
            and texts[i + 1] == lowers[i + 1]
        )
        if i < len(texts) and (_NAME_LIKE.search(texts[i]) or ordinal):
            anchored = (
                anchored
                or lowers[i] in _ANCHOR_LOWERS
                or texts[i] in _ANCHOR_TEXTS
                or (
                    ("-" in texts[i] or lowers[i].endswith(ONE_WORD_ENDINGS))
                    and ONE_WORD_HEAD.match(texts[i]) is not None
                )
            )
            continue
        if anchored:
            found.extend(
                (key, start + s, start + e) for key, s, e in pipes.institutions(doc[start:i])
            )
        start, anchored = i + 1, False
    return found


def _line_starts(
    doc: Doc, whole: str, texts: list[str], lower: list[bool]
) -> tuple[list[int], list[int]]:
    """Lines are sentences too: titles, datelines, captions and list items end without a
    full stop. A single line break inside running text (a hard-wrapped paragraph) does not
    end one. The tokens that start a line so, and the tokens after a numbered item's mark,
    which do not start one ("1. Guangzhou No. 86 Middle School -- ...")."""
    starts, joined = [], []
    for i, text in enumerate(texts[:-1]):
        if "\n" not in text:
            continue
        # "and" after ";" on a new line opens the last item of a list ("...;" then "and C
        # and D, ..."), not a wrapped line.
        wrapped = (
            text.count("\n") == 1
            and i > 0
            and (lower[i - 1] or texts[i - 1] in {",", ";", "(", "-"})
        ) or (lower[i + 1] and not (texts[i - 1] == ";" and texts[i + 1] == "and"))
        item = _item_mark(texts, i + 1)
        if not wrapped or item or _table_row(texts, i + 1) or _rows(doc, whole, i):
            starts.append(i + 1)
        if item > 1 and i + 1 + item < len(texts):
            joined.append(i + 1 + item)
    return starts, joined


def _rows(doc: Doc, text: str, i: int) -> bool:
    """Whether the lines either side of the line break in token ``i`` are both rows of
    pairs ("Kyushu University: Pusan National University \u2014 double degree",
    "A \u2013 B"), however the first ends: no hard-wrapped paragraph has two such lines.
    ``text`` is the Doc's text (made anew each time it is asked for)."""
    at = doc[i].idx + doc[i].text.index("\n")
    before = text[text.rfind("\n", 0, at) + 1 : at]
    end = text.find("\n", at + 1)
    after = text[at + 1 : len(text) if end < 0 else end]
    return all(
        LABELLED_ITEM.match(line) is not None or ROW_ITEM.match(line) is not None
        for line in (before, after)
    )


def _table_row(texts: list[str], i: int) -> bool:
    """Whether the line starting at ``i`` is a row of a table drawn with "|" ("2 | Pui Ching
    Middle School | Shenzhen Middle School | Shenzhen")."""
    for text in itertools.islice(texts, i, i + 200):
        if "\n" in text:
            return False
        if text == "|":
            return True
    return False


def _item_mark(texts: list[str], i: int) -> int:
    """How many tokens open a list item at ``i``: a bullet (1), "1." or "2)" (2), "(3)"
    (3); 0 when none does."""
    if texts[i] in BULLETS:
        return 1
    ahead = texts[i : i + 3]
    if len(ahead) >= 2 and len(ahead[0]) <= 2 and ahead[0].isdigit() and ahead[1] in ".)":
        return 2
    if len(ahead) == 3 and ahead[0] == "(" and ahead[1].isdigit() and ahead[2] == ")":
        return 3
    return 0


def _mark(lower: str, title: bool, sent_start: bool) -> AgreementKind | str | None:
    """What a word cues: an agreement kind, "cooperation", or nothing. A capitalised
    trigger mid-sentence is part of a name: "Exchange Conference"."""
    if title and not sent_start and lower != "mou":
        return None
    # A compound names a kind by its first part: "sister-region relations", "twin-city".
    first = lower.split("-")[0] if lower.startswith(("sister-", "twin-")) else lower
    found = next((kind for kind, words in TRIGGERS.items() if first in words), None)
    return found or ("cooperation" if lower in COOPERATION_WORDS else None)


@Language.component("cues")
def cues(doc: Doc) -> Doc:
    """Each token's text, its lower case and what it cues (an agreement kind,
    "cooperation", or nothing), and the sentences that lines start, in one pass over the
    article: the rules ask for them many times per sentence."""
    texts: list[str] = []
    lowers: list[str] = []
    lower: list[bool] = []
    title: list[bool] = []
    for token in doc:
        texts.append(token.text)
        lowers.append(token.lower_)
        lower.append(token.is_lower)
        title.append(token.is_title)
    column = doc.to_array(SENT_START)
    # The whole text, made once: Doc.text joins every token each time it is read.
    whole = doc.user_data["whole"] = doc.text
    starts, joined = _line_starts(doc, whole, texts, lower)
    # An ordinal is no sentence's end: "Rīgas Valsts 1. ģimnāzija".
    joined += [
        i
        for i in range(2, len(texts))
        if lower[i] and texts[i - 1] == "." and len(texts[i - 2]) <= 2 and texts[i - 2].isdigit()
    ]
    # Nor is an abbreviation's full stop before a comma: "X Sdn. Bhd., a Kuantan operator".
    joined += [i for i in range(2, len(texts)) if texts[i - 1] == "," and texts[i - 2] == "."]
    if starts or joined:
        # All at once: setting Token.is_sent_start scans the whole Doc each time (for a
        # parse it would contradict), which made long articles quadratic.
        column[starts] = 1
        column[joined] = 0  # no sentence starts there (the sentencizer's "." after "1")
        # A column of integers (uint64), whatever to_array's stub says.
        doc.from_array([SENT_START], cast("Ints2d", column.reshape(-1, 1)))
    marks = [_mark(word, title[i], column[i] == 1) for i, word in enumerate(lowers)]
    for i, pair in enumerate(itertools.pairwise(lowers)):
        if pair in EXCHANGE_PHRASES and marks[i] is None:
            marks[i] = AgreementKind.EXCHANGE
    doc.user_data["text"] = texts
    doc.user_data["lower"] = lowers
    doc.user_data["cue"] = marks
    doc.user_data["capitalised"] = {
        word for word, titled in zip(lowers, title, strict=True) if titled
    }
    return doc


@cache
def trained_pipeline(name: str) -> Language:
    """An installed trained spaCy pipeline, by package name ("en_core_web_sm")."""
    try:
        return spacy.load(name, exclude=["lemmatizer"])
    except OSError:
        raise ModelError(
            f"spaCy model {name!r} is not installed: install its package, or leave out "
            "--spacy-model (extraction needs no model)"
        ) from None


def model_organisations(doc: Doc, spacy_model: str) -> list[tuple[int, int]]:
    """Organisations a trained model finds, as token spans of ``doc``. A long text goes
    through the model in the pieces :func:`spans` cuts, each under its max_length."""
    found = []
    text = doc.text
    pieces = spans(text)
    read = trained_pipeline(spacy_model).pipe((text[a:b] for a, b in pieces), batch_size=1)
    for (offset, _), piece in zip(pieces, read, strict=True):
        for entity in piece.ents:
            if entity.label_ == "ORG":
                start, end = offset + entity.start_char, offset + entity.end_char
                span = doc.char_span(start, end, alignment_mode="expand")
                if span is not None and len(span) >= 2:
                    found.append((span.start, span.end))
    return found
