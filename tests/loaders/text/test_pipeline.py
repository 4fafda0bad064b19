"""The reader's short cuts give what spaCy's matchers give: place names found as a
PhraseMatcher of the same names finds them (their tokens kept on disk between runs), and
institution names found by running the Matcher only where a name may be."""

from __future__ import annotations

import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc

from educoop.loaders.text import pipeline as pipeline_module
from educoop.loaders.text.disk import extractor_fingerprint
from educoop.loaders.text.pipeline import PlaceNames, institution_matches, pipeline
from tests.conftest import DATA, SEEDS

TEXTS = sorted(
    path
    for folder in (DATA / "articles", DATA / "articles-unseen", SEEDS)
    for path in folder.iterdir()
    if path.suffix in (".txt", ".md") and path.stem != "README"
)


def test_place_names_are_found_where_a_phrase_matcher_finds_them():
    nlp = pipeline().nlp
    tokens = pipeline_module._place_tokens()
    phrases = PhraseMatcher(nlp.vocab)
    phrases.add("REGION", [Doc(nlp.vocab, words=words) for words in tokens])
    places = PlaceNames(tokens)
    found = 0
    for path in TEXTS:
        doc = nlp(path.read_text(encoding="utf-8"))
        expected = sorted((start, end) for _, start, end in phrases(doc))
        assert sorted((start, end) for _, start, end in places(doc)) == expected, path.name
        found += len(expected)
    assert found > 500


def test_nested_and_repeated_names_are_all_found():
    nlp = pipeline().nlp
    places = PlaceNames([["New", "Territories"], ["New", "Territories", "East"], ["East"]])
    doc = nlp("New Territories East and New Territories")
    assert sorted(places(doc)) == [(0, 0, 2), (0, 0, 3), (0, 2, 3), (0, 4, 6)]


def _kept(folder):
    return folder / "places" / f"{extractor_fingerprint()}.json"


def test_place_tokens_are_kept_on_disk_and_read_back(extraction_cache, monkeypatch):
    first = pipeline_module._place_tokens()
    kept = _kept(extraction_cache)
    assert json.loads(kept.read_text(encoding="utf-8")) == first
    # What is on disk is what a later run uses.
    kept.write_text(json.dumps([["Atlantis"]]), encoding="utf-8")
    assert pipeline_module._place_tokens() == [["Atlantis"]]


@pytest.mark.parametrize(
    "damage", ['[["Hong", "Kong"', '{"not": "a list"}', "[1, 2]", '[["Hong", 3]]', '[[""]]']
)
def test_damaged_place_tokens_are_made_again(extraction_cache, damage):
    first = pipeline_module._place_tokens()
    _kept(extraction_cache).write_text(damage, encoding="utf-8")
    assert pipeline_module._place_tokens() == first
    assert json.loads(_kept(extraction_cache).read_text(encoding="utf-8")) == first


def test_no_place_tokens_are_kept_when_the_cache_is_off(extraction_cache, monkeypatch):
    monkeypatch.setenv("EDUCOOP_CACHE_DIR", "off")
    assert len(pipeline_module._place_tokens()) > 20_000
    assert not (extraction_cache / "places").exists()


def test_institutions_are_found_where_the_matcher_run_over_the_whole_text_finds_them():
    pipes = pipeline()
    found = 0
    for path in TEXTS:
        doc = pipes.nlp(path.read_text(encoding="utf-8"))
        expected = pipes.institutions(doc)
        assert institution_matches(pipes, doc) == expected, path.name
        found += len(expected)
    assert found > 1000


# Words that start, join, end and break names, in every case the patterns look at.
_WORDS = [
    "University",
    "College",
    "School",
    "Bureau",
    "Institute",
    "universidad",
    "Universidad",
    "skole",
    "gymnasium",
    "Ltd",
    "Inc.",
    "S.A.",
    "of",
    "for",
    "the",
    "and",
    "at",
    "de",
    "del",
    "des",
    "d'",
    "No.",
    "4",
    "III",
    "'s",
    "'",
    "(",
    ")",
    ",",
    ".",
    ";",
    ":",
    "-",
    "—",
    "Beijing",
    "Normal",
    "HONG",
    "KONG",
    "Jiangmen",
    "Nacional",
    "Lyon",
    "superieure",
    "signed",
    "with",
    "an",
    "MoU",
    "\u2019",
    "\u2019s",
    "\n",
    "\n\n",
]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(_WORDS), max_size=40))
def test_institutions_in_any_run_of_words_are_found_as_the_matcher_finds_them(words):
    pipes = pipeline()
    doc = pipes.nlp(" ".join(words))
    assert institution_matches(pipes, doc) == pipes.institutions(doc)
