"""A document is admitted only if the derivation the store runs succeeds with it: a file that
looks valid alone but cannot be derived with the store's registries and documents is refused
before it is kept, and changes nothing."""

import hashlib
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from educoop import api
from educoop.errors import StoreError
from educoop.graph.check import canonical_dump
from educoop.graph.stores.sqlite import SQLiteStore

REGISTRY = {
    "institutions": [
        {
            "name": "Alpha Vocational College",
            "aliases": ["Alpha Voc", "Alpha VC Campus"],
            "kind": "college",
            "region": "Jiangmen",
        }
    ]
}


def _college(name: str, aliases: tuple[str, ...] = ()) -> dict:
    return {"name": name, "aliases": list(aliases), "kind": "college", "region": "Jiangmen"}


def _records(institutions: list[dict], sides: list[list[list[str]]]) -> dict:
    return {
        "institutions": institutions,
        "agreements": [{"sides": s, "kind": "signed", "date": "2024-05"} for s in sides],
    }


def _write(path: Path, records: dict, comment: str = "") -> Path:
    text = yaml.safe_dump(records, allow_unicode=True, sort_keys=True)
    path.write_text(f"# {comment}\n{text}" if comment else text, encoding="utf-8")
    return path


def _state(store) -> tuple[list[str], dict[str, str]]:
    return canonical_dump(store.to_networkx()), store.document_names()


def test_a_file_the_store_cannot_derive_is_refused_and_changes_nothing(tmp_path, store):
    registry = _write(tmp_path / "registry.yaml", REGISTRY)
    good = _write(
        tmp_path / "good.yaml",
        _records(
            [_college("Beta College"), _college("Gamma College")],
            [[["Beta College"], ["Gamma College"]]],
        ),
    )
    assert api.ingest(store, [good], registries=[registry]).ok
    before = _state(store)
    # Alone, against educoop's own registry, both names are colleges of their own; against the
    # store's registry they are one college, on both sides of one signing.
    poison = _write(
        tmp_path / "doc.yaml",
        _records(
            [_college("Alpha Voc"), _college("Alpha VC Campus")],
            [[["Alpha Voc"], ["Alpha VC Campus"]]],
        ),
    )
    report = api.ingest(store, [poison])
    assert not report.ok
    assert report.failed == {
        str(poison): [
            f"{poison}:6: agreements[0].sides[1][0]: 'Alpha VC Campus' is on two sides of one "
            "agreement"
        ]
    }
    assert report.loaded == []
    assert _state(store) == before
    # The store still takes good files, and derives again from what it holds.
    later = _write(
        tmp_path / "later.yaml",
        _records(
            [_college("Delta College"), _college("Beta College")],
            [[["Delta College"], ["Beta College"]]],
        ),
    )
    assert api.ingest(store, [later]).ok
    assert api.rebuild(store).documents == 2
    assert store.stats()["nodes"]["Institution"] == 3


def test_the_cli_refuses_the_file_in_one_line_and_exits_1(tmp_path, run_cli):
    registry = _write(tmp_path / "registry.yaml", REGISTRY)
    poison = _write(
        tmp_path / "doc.yaml",
        _records(
            [_college("Alpha Voc"), _college("Alpha VC Campus")],
            [[["Alpha Voc"], ["Alpha VC Campus"]]],
        ),
    )
    db = tmp_path / "s.db"
    result = run_cli("ingest", "--registry", str(registry), str(poison), store=db)
    assert result.exit_code == 1
    errors = [line for line in result.output.splitlines() if line.startswith("Error:")]
    assert errors == [
        f"Error: {poison}:6: agreements[0].sides[1][0]: 'Alpha VC Campus' is on two sides of "
        "one agreement"
    ]
    assert "Traceback" not in result.output
    stats = run_cli("stats", "--format", "json", store=db)
    assert stats.exit_code == 0 and '"Institution": 0' in stats.output


def _sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_a_new_file_that_would_break_a_stored_one_is_refused(tmp_path, store):
    # Stored first: two colleges of their own signing with each other.
    stored = _write(
        tmp_path / "stored.yaml",
        _records(
            [_college("Alpha Voc"), _college("Alpha VC Campus")],
            [[["Alpha Voc"], ["Alpha VC Campus"]]],
        ),
    )
    assert api.ingest(store, [stored]).ok
    before = _state(store)
    # Then a file that calls them one college. Derived before the stored file (its sha256 is
    # smaller), it would teach the registry that the two names are one, and the stored file
    # would no longer derive: it is refused instead.
    records = _records(
        [_college("Alpha Voc", ("Alpha VC Campus",)), _college("Beta College")],
        [[["Alpha Voc"], ["Beta College"]]],
    )
    comment = next(
        str(n)
        for n in range(10_000)
        if _sha(_write(tmp_path / "new.yaml", records, str(n))) < _sha(stored)
    )
    new = _write(tmp_path / "new.yaml", records, comment)
    report = api.ingest(store, [new])
    assert list(report.failed) == [str(new)]
    [line] = report.failed[str(new)]
    assert line.startswith(f"{new}: it would make the stored {stored} fail: {stored}:")
    assert "'Alpha VC Campus' is on two sides of one agreement" in line
    assert _state(store) == before
    assert api.rebuild(store).refused == {}


# Property: any sequence of good and bad files. Names come from a small pool, so that files
# clash: one file's alias is another's institution, a party may be undeclared.
NAMES = ["Alpha College", "Beta College", "Gamma College", "Delta College"]


@st.composite
def record_files(draw) -> dict:
    chosen = draw(st.lists(st.sampled_from(NAMES), min_size=2, max_size=3, unique=True))
    institutions = []
    for name in chosen:
        others = [n for n in NAMES if n not in chosen]
        aliases = draw(st.lists(st.sampled_from(others), max_size=1)) if others else []
        institutions.append(_college(name, tuple(aliases)))
    parties = chosen + draw(st.lists(st.sampled_from(NAMES), max_size=1))
    a, b = draw(st.permutations(parties))[:2]
    kind = draw(st.sampled_from(["signed", "paired", "exchange"]))
    records = _records(institutions, [[[a], [b]]])
    records["agreements"][0]["kind"] = kind
    return records


@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(files=st.lists(record_files(), min_size=2, max_size=6))
def test_a_refused_file_changes_nothing_and_an_admitted_one_breaks_no_later_ingest(
    tmp_path_factory, files
):
    folder = tmp_path_factory.mktemp("files")
    with SQLiteStore(folder / "s.db") as store:
        for number, records in enumerate(files):
            path = _write(folder / f"f{number}.yaml", records, str(number))
            before = _state(store)
            report = api.ingest(store, [path])  # never raises: a refusal is a report
            if report.ok:
                assert _sha(path) in store.document_names()
            else:
                assert list(report.failed) == [str(path)]
                assert _state(store) == before
        # What was admitted derives again, from scratch, and a good file still loads.
        assert api.rebuild(store).refused == {}
        assert api.check(store) == []
        extra = _write(
            folder / "extra.yaml",
            _records(
                [_college("Epsilon College"), _college("Zeta College")],
                [[["Epsilon College"], ["Zeta College"]]],
            ),
        )
        assert api.ingest(store, [extra]).ok


def _yates_pair(tmp_path, store) -> Path:
    """A stored file with two Yates schools that sign with each other, and the review item
    that proposes they are one."""
    path = _write(
        tmp_path / "pair.yaml",
        {
            "institutions": [
                {
                    "name": "Jiangmen Yates Vocational School",
                    "kind": "school",
                    "region": "Jiangmen",
                },
                {
                    "name": "Jiangmen Yates Vocational and Technical School",
                    "kind": "school",
                    "region": "Jiangmen",
                },
            ],
            "agreements": [
                {
                    "sides": [
                        ["Jiangmen Yates Vocational School"],
                        ["Jiangmen Yates Vocational and Technical School"],
                    ],
                    "kind": "exchange",
                }
            ],
        },
    )
    assert api.ingest(store, [path]).ok
    return path


def test_a_decision_that_would_break_a_stored_document_changes_nothing(tmp_path, store):
    _yates_pair(tmp_path, store)
    [item] = api.review(store)
    before = _state(store), store.review()
    # Accepting makes the two schools one: the stored signing would have one party on both
    # sides. The decision is refused, and every later command still works.
    with pytest.raises(
        StoreError,
        match=rf"^accepting review item {item.id}: it would make the stored .*pair.yaml fail \(.*is on two sides of one agreement\); nothing changed$",
    ):
        api.decide(store, item.id, accept=True)
    assert (_state(store), store.review()) == before
    assert api.rebuild(store).refused == {}
    decided, graph = api.decide(store, item.id, accept=False)
    assert decided.status == "rejected" and graph.refused == {}


def test_a_registry_that_would_break_a_stored_document_changes_nothing(tmp_path, store):
    # Stored: two colleges of their own that sign with each other. A registry that says the
    # two names are one college would break that file: it is not remembered.
    apart = _write(
        tmp_path / "apart.yaml",
        _records([_college("Alpha Voc"), _college("Alpha VC Campus")], []),
    )
    pair = _write(
        tmp_path / "pair.yaml",
        _records(
            [_college("Alpha Voc"), _college("Alpha VC Campus")],
            [[["Alpha Voc"], ["Alpha VC Campus"]]],
        ),
    )
    registry = _write(tmp_path / "registry.yaml", REGISTRY)
    assert api.ingest(store, [apart, pair]).ok
    before = _state(store), store.registries()
    with pytest.raises(
        StoreError,
        match=r"^registry .*registry.yaml: it would make the stored .*fail .*nothing changed$",
    ):
        api.ingest(store, [], registries=[registry])
    assert (_state(store), store.registries()) == before
    # A registry that breaks a stored document takes the files of its ingest with it.
    extra = _write(
        tmp_path / "extra.yaml",
        _records(
            [_college("Beta College"), _college("Gamma College")],
            [[["Beta College"], ["Gamma College"]]],
        ),
    )
    with pytest.raises(StoreError, match="nothing changed"):
        api.ingest(store, [extra], registries=[registry])
    assert (_state(store), store.registries()) == before


def test_one_file_under_two_names_refused_is_refused_under_both(tmp_path, store):
    bad = _records([_college("Beta College")], [[["Beta College"], ["Nowhere College"]]])
    first = _write(tmp_path / "a.yaml", bad)
    second = _write(tmp_path / "b.yaml", bad)
    report = api.ingest(store, [second, first])
    assert report.loaded == []
    assert sorted(report.failed) == [str(first), str(second)]
    assert store.document_names() == {}
