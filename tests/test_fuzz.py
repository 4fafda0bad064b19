"""Hostile input: random and malformed YAML, JSON, CSV and article text, deep nesting, long
lines, NUL bytes, invalid UTF-8, Cypher-looking, right-to-left and CJK names. Whatever
comes in, the loaders answer with records or an EducoopError naming the file: never
another exception. 1,300 generated cases a run."""

import json
import tempfile
from pathlib import Path

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from educoop import api
from educoop.errors import EducoopError
from educoop.graph.stores.sqlite import SQLiteStore
from educoop.loaders.derive import derive
from educoop.loaders.records import LoadedFile
from educoop.loaders.resolve import resolve
from educoop.loaders.text.extract import extract_records

# Text with the characters that break parsers and queries.
PIECES = [
    *"abcXYZ019 ,;:'\"{}[]()-\n\t\\/`$#|<>&",
    *["\x00", "\u202e", "\u200f", "中", "文", "学院", "DETACH DELETE", ") //", "é"],
]
HOSTILE = st.lists(st.sampled_from(PIECES), max_size=60).map("".join)
VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | HOSTILE,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(HOSTILE, inner, max_size=4),
    max_leaves=30,
)
KEYS = st.sampled_from(["institutions", "regions", "programmes", "agreements", "document", "x"])
RECORDS = st.dictionaries(KEYS, VALUES, max_size=5)
FAST = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _load(suffix: str, data: bytes) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"input{suffix}"
        path.write_bytes(data)
        try:
            loaded = api.load(path)
            resolve(loaded)
        except EducoopError as exc:
            assert str(path) in str(exc)
            return
        # What loads is what the store keeps, and what it keeps derives: a file that passed
        # the checks can never make a store's later derivations fail.
        stored = loaded.stored()
        assert LoadedFile.from_stored(stored).records == loaded.records
        derive([stored])


@FAST
@given(RECORDS, st.sampled_from([".yaml", ".json"]))
def test_structured_records_of_any_shape(records, suffix):
    text = json.dumps(records) if suffix == ".json" else yaml.safe_dump(records)
    _load(suffix, text.encode("utf-8"))


@FAST
@given(st.binary(max_size=400), st.sampled_from([".yaml", ".json", ".csv", ".txt", ".html"]))
def test_any_bytes(data, suffix):
    _load(suffix, data)


@FAST
@given(st.lists(st.lists(HOSTILE, min_size=1, max_size=6), max_size=6))
def test_csv_rows(rows):
    header = "side_a,side_b,kind,date\n"
    body = "\n".join(",".join(json.dumps(cell) for cell in row) for row in rows)
    _load(".csv", (header + body).encode("utf-8"))


@settings(max_examples=300, deadline=None)
@given(HOSTILE)
def test_article_text(text):
    extract_records(text)


@settings(max_examples=100, deadline=None)
@given(
    st.lists(
        st.sampled_from([*"Ab') //\"{$}中文\u202eé;", "DETACH DELETE n"]), min_size=1, max_size=12
    )
    .map("".join)
    .filter(lambda name: name.strip() == name and name.strip())
)
def test_hostile_names_are_stored_verbatim(name):
    records = {
        "institutions": [{"name": name, "region": "Foshan"}, {"name": "Plain College"}],
        "agreements": [{"sides": [[name], ["Plain College"]], "kind": "signed"}],
    }
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "names.json"
        path.write_text(json.dumps(records), encoding="utf-8")
        with SQLiteStore(Path(folder) / "s.db") as store:
            report = api.ingest(store, [path])
            if not report.ok:
                # A name that is a place or matches a known institution is refused or
                # merged by design; either way nothing else may go wrong.
                return
            names = {d.get("name") for _, d in store.to_networkx().nodes(data=True)}
            assert name in names or any(
                name in (d.get("aliases") or ()) for _, d in store.to_networkx().nodes(data=True)
            )


def test_deep_nesting_and_long_lines(tmp_path):
    deep = "[" * 5000 + "]" * 5000
    long_line = "institutions: [{name: " + "A" * 2_000_000 + " College}]\n"
    for name, text in (("deep.json", deep), ("deep.yaml", deep), ("long.yaml", long_line)):
        path = tmp_path / name
        path.write_text(text)
        try:
            loaded = api.load(path)
            resolve(loaded)
        except EducoopError as exc:
            assert str(path) in str(exc)
            return
        # What loads is what the store keeps, and what it keeps derives: a file that passed
        # the checks can never make a store's later derivations fail.
        stored = loaded.stored()
        assert LoadedFile.from_stored(stored).records == loaded.records
        derive([stored])
