"""The hand-made gold files beside the project (../shared/seeds) load as structured input."""

import pytest
import yaml

from educoop import api
from tests.conftest import SEEDS

pytestmark = pytest.mark.skipif(
    not SEEDS.is_dir(), reason="../shared/seeds is not beside this checkout"
)

JIANGMEN_PARTNERS = {
    "Jiangmen Vocational and Technical College",
    "Guangdong Jiangmen Vocational College of Traditional Chinese Medicine",
    "Guangdong Jiangmen Preschool Teachers College",
    "Jiangmen Yates Vocational and Technical School",
    "Jiangmen Central Hospital",
    "Jiangmen Wuyi Traditional Chinese Medicine Hospital",
    "Jiangmen Third People's Hospital",
}


@pytest.fixture
def seeded(store):
    report = api.ingest(store, sorted(SEEDS.glob("*.gold.yaml")))
    assert report.ok, report.failed
    return store


def test_every_gold_file_loads_with_all_its_institutions_and_agreements(seeded):
    gold = [yaml.safe_load(path.read_text()) for path in sorted(SEEDS.glob("*.gold.yaml"))]
    institutions = {i["name"] for doc in gold for i in doc["institutions"]}
    agreements = sum(len(doc["agreements"]) for doc in gold)
    stats = seeded.stats()
    assert stats["nodes"]["Institution"] == len(institutions)
    assert stats["nodes"]["Agreement"] == agreements
    assert stats["nodes"]["Document"] == len(gold)


def test_tung_wah_college_has_its_seven_jiangmen_partners(seeded):
    for name in ("Tung Wah College", "Donghua College"):
        rows = api.query(seeded, "partners", {"name": name})
        assert {row["partner"] for row in rows} == JIANGMEN_PARTNERS


def test_guangdong_and_hong_kong_are_linked_through_jiangmen(seeded):
    rows = api.query(seeded, "between-regions", {"a": "Guangdong", "b": "Hong Kong"})
    assert ("Jiangmen", "Hong Kong") in {(r["party_a"], r["party_b"]) for r in rows}
    assert {r["party_a"] for r in rows} == JIANGMEN_PARTNERS | {"Jiangmen"}


def test_reloading_the_seeds_changes_nothing(seeded):
    before = seeded.stats()
    report = api.ingest(seeded, sorted(SEEDS.glob("*.gold.yaml")))
    assert report.graph.unchanged
    assert seeded.stats() == before
