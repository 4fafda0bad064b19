"""Long articles: past spaCy's max_length (1,000,000 characters) an article is tokenized in
pieces into one Doc, and extracts as if read whole, with offsets into the whole text."""

from __future__ import annotations

import itertools
import json
import os
import re
import subprocess
import sys
from datetime import date, timedelta
from functools import cache
from typing import Any

import pytest
import spacy

from educoop.errors import InputError
from educoop.graph.model import PartialDate
from educoop.loaders.gazetteer import bundled_gazetteer
from educoop.loaders.records import RecordFile
from educoop.loaders.text import chunks, extract_file
from educoop.loaders.text import pipeline as text_pipeline
from educoop.loaders.text.chunks import read_long, spans
from educoop.loaders.text.extract import extract_records, pipeline
from educoop.loaders.text.read import MAX_ARTICLE_BYTES, read_article
from educoop.loaders.vocabulary import HEADS
from tests.conftest import DATA

SPACY_MAX_LENGTH = 1_000_000


@cache
def articles() -> tuple[str, ...]:
    """The plain text of each test article (those with a gold file)."""
    paths = sorted((DATA / "articles").iterdir())
    return tuple(
        read_article(path).text for path in paths if path.with_suffix(".gold.yaml").exists()
    )


def agreements(records: RecordFile, offset: int = 0) -> list[tuple[Any, ...]]:
    return [
        (
            str(a.kind),
            a.sides,
            a.date.value if a.date else None,
            a.programme,
            a.evidence,
            a.evidence_start + offset,
            a.evidence_end + offset,
        )
        for a in records.agreements
    ]


# Variants of the test articles: every word of their institutions' and programmes' names
# that is no place and no head noun gets a suffix ("Kenyatta" -> "Kenyattab", "KNH" ->
# "KNHB"), and years move on, so that each variant names its own institutions, aliases and
# programmes. Whole-article state (aliases, short names, programmes) then cannot cross from
# one variant to the next, and the whole's agreements are those of its parts.
SMALL_WORDS = {"of", "and", "for", "the", "de", "da", "do", "des", "du", "la", "le", "y", "at"}


@cache
def varied_words(text: str) -> tuple[str, ...]:
    records = extract_records(text)
    names = [n for i in records.institutions for n in (i.name, *i.aliases)]
    names += [n for p in records.programmes for n in (p.name, *p.aliases)]
    words = {
        word
        for name in names
        for word in re.findall(r"[^\W\d_][\w'\u2019-]*", name)
        if word[0].isupper()
        and word.lower() not in HEADS
        and word.lower() not in SMALL_WORDS
        and not bundled_gazetteer().candidates(word)
    }
    return tuple(sorted(words, key=lambda word: (-len(word), word)))


def suffix(number: int) -> str:
    letters = ""
    while True:
        number, rest = divmod(number, 26)
        letters = "abcdefghijklmnopqrstuvwxyz"[rest] + letters
        if not number:
            return letters


def variant(text: str, number: int) -> str:
    words = varied_words(text)
    if not number or not words:
        return text
    mark = suffix(number)
    names = re.compile(r"\b(" + "|".join(map(re.escape, words)) + r")\b")
    text = names.sub(lambda m: m[1] + (mark.upper() if m[1].isupper() else mark), text)
    # By four years, so that 29 February stays a date.
    return re.sub(r"\b(19|20)\d\d\b", lambda m: str(int(m[0]) + 4 * (number % 5)), text)


def parts(size: int) -> list[str]:
    """Distinct articles of about ``size`` characters in all, each under a heading in title
    case, which is a headline (no names, no agreements) at the top of a part or in the
    middle of the whole alike."""
    found: list[str] = []
    total = 0
    while total < size:
        number = len(found)
        text = articles()[number % len(articles())]
        found.append(f"Regional Digest Reprint Edition {number}\n\n" + variant(text, number))
        total += len(found[-1]) + 2
    return found


# --- Where a long text is cut ---


@pytest.mark.parametrize("limit", [2, 7, 60, 1_000, 100_000])
def test_pieces_join_back_into_the_text_and_stay_within_the_limit(limit):
    text = "\n\n".join(articles())
    pieces = spans(text, limit)
    assert pieces[0][0] == 0
    assert pieces[-1][1] == len(text)
    assert all(a[1] == b[0] for a, b in itertools.pairwise(pieces))
    assert all(0 < end - start <= limit for start, end in pieces)


@pytest.mark.parametrize(
    ("text", "limit", "first"),
    [
        # A blank line is the best cut, then a line break, a sentence's end, any space.
        (
            "Alpha beta. Gamma delta\n\nEpsilon zeta. Eta theta iota",
            30,
            "Alpha beta. Gamma delta\n\n",
        ),
        ("Alpha beta. Gamma delta\nEpsilon zeta. Eta theta iota", 30, "Alpha beta. Gamma delta\n"),
        ("Alpha beta gamma. Delta epsilon zeta eta theta", 25, "Alpha beta gamma. "),
        ('He said "Yes." Then he left the room', 22, 'He said "Yes." '),
        ("Alpha beta gamma delta epsilon", 20, "Alpha beta gamma "),
        # One enormous word: a hard cut.
        ("x" * 50, 20, "x" * 20),
        # No break in the second half: the last in the first.
        ("Alpha " + "x" * 40, 20, "Alpha "),
    ],
)
def test_cuts_prefer_paragraphs_then_lines_sentences_and_spaces(text, limit, first):
    start, end = spans(text, limit)[0]
    assert text[start:end] == first


def test_a_text_within_the_limit_is_one_piece():
    assert spans("Short text.") == [(0, 11)]
    assert spans("") == [(0, 0)]


ODD_SPACING = (
    "Title Line\r\n\r\nNAIROBI, 14 May 2024 --  Alpha  College\tsigned with Beta School.\n"
    "\n\n\n  (KNH) \u3000 lower start\n- bullet one\n- bullet two\u00a0and more.  \n\n"
    "She said: \"No.\" It wasn't Dr. Li's plan.\u2029Next U.S. line   "
)


@pytest.mark.parametrize(
    ("text", "limit"),
    [("\n\n".join(articles()), limit) for limit in (300, 5_000)]
    + [(ODD_SPACING, limit) for limit in (20, 40)],
)
def test_a_text_read_in_pieces_is_the_text_read_whole(text, limit):
    nlp = pipeline().nlp
    whole = nlp(text)
    pieced = read_long(nlp, text, limit)
    assert len(spans(text, limit)) > 3
    assert pieced.text == text
    assert [(t.text, t.whitespace_, t.is_sent_start, t.norm_) for t in pieced] == [
        (t.text, t.whitespace_, t.is_sent_start, t.norm_) for t in whole
    ]
    assert pieced.user_data == whole.user_data  # the cues


def test_small_pieces_change_no_record(monkeypatch):
    texts = [*articles(), "\n\n".join(parts(150_000))]
    expected = [extract_records(text).model_dump() for text in texts]
    monkeypatch.setattr(chunks, "CHUNK_CHARS", 300)
    assert [extract_records(text).model_dump() for text in texts] == expected


# --- Long articles ---


def test_an_alias_and_the_date_hold_across_a_megabyte(tmp_path):
    """What the top of an article defines (an abbreviation, the dateline's date) holds at
    its end, a million characters and many pieces later."""
    filler = "The weather in the region stayed mild and the markets were busy all week long."
    text = (
        "Health news\n\nNAIROBI, 14 May 2024 -- The Kenyatta National Hospital (KNH) opened a "
        "new training wing on Monday.\n\n"
        + "\n\n".join([filler] * (1_100_000 // len(filler)))
        + "\n\nKNH signed a memorandum of understanding with the University of Leeds."
    )
    path = tmp_path / "long.txt"
    path.write_text(text)
    [agreement] = extract_file(path).records.agreements
    assert agreement.sides == [["Kenyatta National Hospital"], ["University of Leeds"]]
    assert (agreement.kind, agreement.date) == ("signed", PartialDate.parse("2024-05-14"))
    assert text[agreement.evidence_start : agreement.evidence_end] == agreement.evidence
    assert agreement.evidence.startswith("KNH signed")
    assert agreement.evidence_start > SPACY_MAX_LENGTH


def test_a_trained_model_reads_a_long_article_in_pieces(monkeypatch):
    """--spacy-model: the model (here a stand-in with an entity ruler, under the same
    max_length) reads the pieces, and its organisations land where they are in the whole."""
    model = spacy.blank("en")
    model.add_pipe("entity_ruler").add_patterns(
        [{"label": "ORG", "pattern": "Bright Horizon Tutors"}]
    )
    monkeypatch.setattr(text_pipeline, "trained_pipeline", lambda name: model)
    filler = "The weather in the region stayed mild and the markets were busy all week long."
    sentence = (
        "Bright Horizon Tutors signed a memorandum of understanding with the University of Leeds."
    )
    text = "Notes\n\n" + "\n\n".join([filler] * (1_100_000 // len(filler))) + "\n\n" + sentence
    assert len(text) > model.max_length
    assert not extract_records(text).agreements  # the rules alone miss the group
    [agreement] = extract_records(text, spacy_model="stand-in").agreements
    assert agreement.sides == [["Bright Horizon Tutors"], ["University of Leeds"]]
    assert text[agreement.evidence_start : agreement.evidence_end] == sentence


def test_a_three_megabyte_article_gives_the_agreements_of_its_parts(tmp_path):
    pieces = parts(3_000_000)
    whole = "\n\n".join(pieces)
    path = tmp_path / "digest.txt"
    path.write_text(whole)
    assert read_article(path).text == whole
    records = extract_file(path).records
    published = records.document.date

    # Each part read alone (with the whole's date, which dates what gives no date), its
    # offsets moved to where it sits in the whole. An article reports an agreement once, at
    # its first mention: a later part's repeat of one (two regions pairing again) is not
    # another.
    expected, seen, offset = [], set(), 0
    for part in pieces:
        for found in agreements(extract_records(part, published), offset):
            signature = (found[0], tuple(sorted(map(tuple, found[1]))), found[2])
            if signature not in seen:
                seen.add(signature)
                expected.append(found)
        offset += len(part) + 2

    found = agreements(records)
    assert found == expected
    assert len(found) > 3_000
    assert all(whole[start:end] == evidence for *_, evidence, start, end in found)
    # Agreements all along the text, up to its last piece.
    assert max(start for *_, start, _ in found) > len(whole) - chunks.CHUNK_CHARS


def five_megabyte_line(size: int) -> str:
    """One line of ``size`` bytes: the same signing again and again, every 1,000th time
    with a date of its own."""
    plain = (
        "Fudan University signed a memorandum of understanding with the University of Edinburgh. "
    )
    sentences = []
    total = 0
    for number in itertools.count():
        day = date(2001, 1, 1) + timedelta(days=number)
        sentence = f"On {day.day} {day:%B %Y}, {plain}" if number % 1_000 == 0 else plain
        if total + len(sentence) > size:
            break
        sentences.append(sentence)
        total += len(sentence)
    line = "".join(sentences)
    return line + "x" * (size - len(line))


def test_a_five_megabyte_line_is_read_whole(tmp_path):
    text = five_megabyte_line(MAX_ARTICLE_BYTES - 10)
    path = tmp_path / "line.txt"
    path.write_text(text)
    found = extract_file(path).records.agreements
    # One agreement per dated sentence; the undated ones take the first one's date.
    assert len(found) == text.count("On ") > 50
    assert all(a.sides == [["Fudan University"], ["University of Edinburgh"]] for a in found)
    assert len({a.date for a in found}) == len(found)
    assert all(text[a.evidence_start : a.evidence_end] == a.evidence for a in found)
    assert found[-1].evidence_start > len(text) - 200_000


def test_a_file_over_the_limit_is_refused_in_one_line(tmp_path):
    path = tmp_path / "line.txt"
    path.write_text(five_megabyte_line(MAX_ARTICLE_BYTES + 1))
    with pytest.raises(InputError, match="too large for an article") as caught:
        extract_file(path)
    assert "\n" not in str(caught.value)


def run_cli(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", "from educoop.cli import cli; cli()", *args],
        capture_output=True,
        text=True,
        env={**os.environ, **(env or {})},
        check=False,
    )


@pytest.mark.parametrize("size", [MAX_ARTICLE_BYTES, MAX_ARTICLE_BYTES + 1])
def test_the_cli_extracts_a_five_megabyte_line_or_refuses_it(tmp_path, size):
    path = tmp_path / "line.txt"
    path.write_text(five_megabyte_line(size))
    assert path.stat().st_size == size
    done = run_cli("extract", str(path), "--format", "json")
    assert "Traceback" not in done.stdout + done.stderr
    if size <= MAX_ARTICLE_BYTES:
        assert done.returncode == 0, done.stderr
        [line] = done.stdout.splitlines()
        assert len(json.loads(line)["agreements"]) > 50
    else:
        assert done.returncode == 1
        assert done.stdout == ""
        [error] = done.stderr.splitlines()
        assert error.startswith("Error: ") and "too large for an article" in error


def _uncached(seed: str) -> dict[str, str]:
    """A hash seed, and no extraction cache: the second run must extract too."""
    return {"PYTHONHASHSEED": seed, "EDUCOOP_CACHE_DIR": "off"}


def test_the_output_is_the_same_whatever_the_hash_seed(tmp_path):
    path = tmp_path / "digest.txt"
    path.write_text("\n\n".join(parts(250_000)))
    outputs = {
        run_cli("extract", str(path), "--format", "json", env=_uncached(seed)).stdout
        for seed in ("1", "2")
    }
    [output] = outputs
    assert json.loads(output)["programmes"]


def test_markdown_emphasis_never_closed_in_a_long_line(tmp_path):
    """A mark that never closes is left, and the search for its end stops: in one long line
    of them it was quadratic (hours for a 5 MB file)."""
    line = "x *y " * 40_000
    bold = "**" + "word " * 150 + "end**"
    path = tmp_path / "a.md"
    path.write_text(f"# Notes\n\n{bold}\n\n{line}\n")
    text = read_article(path).text
    assert text == f"Notes\n\n{bold[2:-2]}\n\n{line.strip()}"


def test_the_test_corpora_extract_the_same_whatever_the_hash_seed():
    """Issue 15: the same articles give byte-identical JSON under any hash seed (programme
    participants once came out in a set's order)."""
    articles = sorted(
        str(path)
        for folder in ("articles", "articles-unseen")
        for path in (DATA / folder).iterdir()
        if path.suffix in (".txt", ".md", ".html")
    )
    assert len(articles) > 20
    outputs = {
        run_cli("extract", *articles, "--format", "json", env=_uncached(seed)).stdout
        for seed in ("1", "2")
    }
    [output] = outputs
    documents = [json.loads(line) for line in output.splitlines()]  # one line per article
    assert len(documents) == len(articles)
    assert sum(len(d["agreements"]) for d in documents) > 20
