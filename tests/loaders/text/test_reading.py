"""Reading many files: worker processes give the same records, in the same order, as one
process; the extraction cache gives back what extraction gave, and never an older
extractor's results."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest

from educoop import api
from educoop.graph.check import canonical_dump
from educoop.graph.stores.sqlite import SQLiteStore
from educoop.loaders.reader import read_files
from educoop.loaders.text import cache, extract_file
from tests.conftest import DATA

ARTICLES = sorted(
    path
    for folder in ("articles", "articles-unseen")
    for path in (DATA / folder).iterdir()
    if path.suffix in (".txt", ".md", ".html") and path.stem != "README"
)


def test_the_cli_extracts_the_same_with_two_processes_as_with_one(run_cli, monkeypatch):
    monkeypatch.setenv("EDUCOOP_CACHE_DIR", "off")
    names = [str(path) for path in ARTICLES]
    one = run_cli("extract", *names, "--format", "json", "--jobs", "1")
    two = run_cli("extract", *names, "--format", "json", "--jobs", "2")
    assert one.exit_code == two.exit_code == 0
    assert one.stdout == two.stdout
    assert [json.loads(line)["source"] for line in two.stdout.splitlines()] == names


def test_an_ingest_with_two_processes_equals_one_with_one(tmp_path, monkeypatch):
    monkeypatch.setenv("EDUCOOP_CACHE_DIR", "off")
    corpus = tmp_path / "corpus"
    shutil.copytree(DATA / "articles", corpus)
    shutil.copy(ARTICLES[0], corpus / "a-copy-of-the-first.txt")  # the same file twice
    (corpus / "empty.txt").write_text("  \n")  # fails to load
    results = []
    for jobs in (1, 2):
        with SQLiteStore(tmp_path / f"jobs{jobs}.db") as store:
            report = api.ingest(store, [corpus], jobs=jobs)
            results.append(
                (
                    canonical_dump(store.to_networkx()),
                    store.document_names(),
                    [(f.source, f.new) for f in report.loaded],
                    report.failed,
                )
            )
    assert results[0] == results[1]
    graph, _, loaded, failed = results[1]
    assert len(graph) > 100 and list(failed) == [str(corpus / "empty.txt")]
    # The copy comes first in the folder's order: the original is the one held already.
    assert (str(corpus / "a-copy-of-the-first.txt"), True) in loaded
    assert (str(corpus / ARTICLES[0].name), False) in loaded


def test_errors_cross_from_the_workers_as_lines(tmp_path):
    good, bad = tmp_path / "good.txt", tmp_path / "bad.md"
    good.write_text(ARTICLES[0].read_text())
    bad.write_bytes(b"\xff\xfe not text \x00")
    found = dict(read_files([bad, good], jobs=2))
    assert isinstance(found[bad], list) and str(bad) in found[bad][0]
    assert not isinstance(found[good], list)


def _entries(folder: Path) -> list[Path]:
    return sorted((folder / "extract").rglob("*.json"))


def test_a_second_reading_comes_from_the_cache(extraction_cache, monkeypatch):
    first = extract_file(ARTICLES[0])
    [entry] = _entries(extraction_cache)

    def never(*args, **kwargs):
        raise AssertionError("extracted again")

    monkeypatch.setattr("educoop.loaders.text.extract_records", never)
    again = extract_file(ARTICLES[0])
    assert again.records == first.records
    assert again.records.document.text == first.records.document.text
    assert _entries(extraction_cache) == [entry]


def test_cached_records_are_the_records_extraction_gives(extraction_cache, monkeypatch):
    fresh = [extract_file(path).records for path in ARTICLES]
    assert len(_entries(extraction_cache)) == len({p.read_bytes() for p in ARTICLES})
    cached = [extract_file(path).records for path in ARTICLES]
    assert cached == fresh
    monkeypatch.setenv("EDUCOOP_CACHE_DIR", "off")
    assert [extract_file(path).records for path in ARTICLES] == fresh


def test_another_extractor_misses_every_older_entry(extraction_cache, monkeypatch):
    extract_file(ARTICLES[0])
    monkeypatch.setattr(cache, "extractor_fingerprint", lambda: "a later educoop")
    extract_file(ARTICLES[0])
    assert len(_entries(extraction_cache)) == 2


def test_a_damaged_entry_is_extracted_again_and_replaced(extraction_cache):
    first = extract_file(ARTICLES[0]).records
    [entry] = _entries(extraction_cache)
    entry.write_text('{"agreements": [{"sides": "not a list"')
    assert extract_file(ARTICLES[0]).records == first
    assert json.loads(entry.read_text())["agreements"]


def test_no_cache_when_off_or_unwritable(tmp_path, monkeypatch):
    monkeypatch.setenv("EDUCOOP_CACHE_DIR", "off")
    assert cache.cache_folder() is None
    first = extract_file(ARTICLES[0]).records
    blocked = tmp_path / "a-file-not-a-folder"
    blocked.write_text("")
    monkeypatch.setenv("EDUCOOP_CACHE_DIR", str(blocked))
    assert extract_file(ARTICLES[0]).records == first


@pytest.mark.parametrize("chosen", ["", "OFF"])
def test_an_empty_or_off_setting_turns_the_cache_off(monkeypatch, chosen):
    monkeypatch.setenv("EDUCOOP_CACHE_DIR", chosen)
    assert cache.cache_folder() is None


def test_the_default_folder_is_the_user_cache(monkeypatch, tmp_path):
    monkeypatch.delenv("EDUCOOP_CACHE_DIR")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    assert cache.cache_folder() == tmp_path / "educoop"


def test_two_jobs_make_one_pool_and_one_job_none(tmp_path, monkeypatch):
    from educoop.loaders import reader

    made = []

    class Counted(reader.ProcessPoolExecutor):
        def __init__(self, *args, **kwargs):
            made.append(args)
            super().__init__(*args, **kwargs)

    monkeypatch.setattr(reader, "ProcessPoolExecutor", Counted)
    list(read_files(ARTICLES[:3], jobs=1))
    assert made == []
    list(read_files(ARTICLES[:3], jobs=2))
    assert len(made) == 1


def _killed(*args):
    os._exit(9)  # as the kernel's OOM killer would leave a worker


def test_a_worker_that_dies_is_one_line_naming_jobs_one(monkeypatch):
    from educoop.errors import EducoopError
    from educoop.loaders import reader

    monkeypatch.setattr(reader, "outcome_of", _killed)
    with pytest.raises(EducoopError, match="--jobs 1"):
        list(read_files(ARTICLES[:3], jobs=2))


def test_the_same_bytes_twice_in_one_ingest_are_read_once(tmp_path, monkeypatch):
    from educoop.loaders import reader

    monkeypatch.setenv("EDUCOOP_CACHE_DIR", "off")
    article = tmp_path / "a.txt"
    article.write_text(ARTICLES[0].read_text())
    shutil.copy(article, tmp_path / "b.txt")
    (tmp_path / "c.txt").write_text("\n")
    shutil.copy(tmp_path / "c.txt", tmp_path / "d.txt")
    read = []
    original = reader.outcome_of

    def counted(path, *args):
        read.append(path.name)
        return original(path, *args)

    monkeypatch.setattr(reader, "outcome_of", counted)
    with SQLiteStore(tmp_path / "s.db") as store:
        report = api.ingest(store, [tmp_path], jobs=1)
    assert read == ["a.txt", "c.txt"]
    assert [(f.source, f.new) for f in report.loaded] == [
        (str(article), True),
        (str(tmp_path / "b.txt"), False),
    ]
    # An empty file fails, and its copy fails with its own name.
    assert report.failed[str(tmp_path / "d.txt")][0].startswith(str(tmp_path / "d.txt"))


def test_a_missing_title_and_an_empty_one_are_different_entries():
    assert cache.entry_key("text", None, None) != cache.entry_key("text", "", None)
