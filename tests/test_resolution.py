"""Entity resolution across documents and languages, on a corpus written for these tests
(tests/data/resolution): one node per real institution, one Agreement per signing, and
decisions that stay."""

import pytest
from rapidfuzz import fuzz

from educoop import api
from educoop.graph.schema import Label, RelType
from educoop.loaders.registry import FUZZY_REVIEW, Known, Registry, pinyin_forms
from tests.conftest import DATA, SEEDS

CORPUS = DATA / "resolution"


@pytest.fixture
def known(store):
    api.use_registries(store, [CORPUS / "registry.yaml"])
    return store


def ingest(store, *names):
    report = api.ingest(store, [CORPUS / name for name in names])
    assert report.ok, report.failed
    return report


def institutions(store):
    graph = store.to_networkx()
    return {
        data["name"]: data
        for _, data in graph.nodes(data=True)
        if data.get("label") == str(Label.INSTITUTION)
    }


def agreements(store):
    graph = store.to_networkx()
    return {
        node: sorted(
            dst for _, dst, t in graph.out_edges(node, keys=True) if t.startswith("REPORTED_IN")
        )
        for node, data in graph.nodes(data=True)
        if data.get("label") == str(Label.AGREEMENT)
    }


def test_pinyin_forms_of_a_chinese_name():
    assert pinyin_forms("东华学院") == ["Donghua College", "Donghua Institute", "Donghua Academy"]
    assert pinyin_forms("华南师范大学") == ["Huanan Normal University"]


def test_a_name_with_its_region_in_front_is_the_same_institution_across_documents(known):
    ingest(known, "lantau-2024.yaml", "lantau-2024-news.txt")
    found = institutions(known)
    assert "Hong Kong Lantau Bay College" not in found
    college = found["Lantau Bay College"]
    assert "Hong Kong Lantau Bay College" in college["aliases"]
    assert "Hong Kong Lantau Bay College: region-prefix 0.95" in college["matches"]


def test_two_reports_of_one_signing_meet_in_one_agreement(known):
    ingest(known, "lantau-2024.yaml", "lantau-2024-news.txt")
    [(agreement, documents)] = agreements(known).items()
    assert len(documents) == 2
    # The finer date of the two reports is kept.
    assert known.to_networkx().nodes[agreement]["date"] == "2024-05-12"


def test_signings_of_other_years_stay_distinct(known):
    ingest(known, "lantau-2024.yaml", "lantau-2019.yaml", "lantau-2024-news.txt")
    dates = sorted(known.to_networkx().nodes[a]["date"] for a in agreements(known))
    assert dates == ["2019-09", "2024-05-12"]


def test_a_pinyin_name_is_the_registered_chinese_one(known):
    ingest(known, "fengwan-news.txt")
    college = institutions(known)["Peak Harbour College"]
    assert college["name_zh"] == "峰湾学院"
    assert "Fengwan College: pinyin 0.9" in college["matches"]
    assert "Fengwan College" not in institutions(known)


def test_a_shared_acronym_in_another_region_does_not_merge(known):
    ingest(known, "singapore-sit.yaml")
    found = institutions(known)
    assert "Singapore Institute of Technology" in found
    # The Shenzhen institute of the registry is not in the store: nothing was merged into it.
    assert "Shenzhen Institute of Technology" not in found


def test_the_same_acronym_in_its_own_region_does_merge():
    registry = Registry.build()
    match = registry.match(["HKUST"], region="Hong Kong", kind="university")
    assert (match.known.name, match.rule) == (
        "The Hong Kong University of Science and Technology",
        "acronym",
    )
    assert registry.match(["HKUST"], region="Singapore", kind="university") is None


def test_an_uncertain_match_waits_for_review_and_a_rejection_survives_reloads(store):
    ingest(store, "yates-short-name.yaml")
    [item] = api.review(store)
    assert item.name == "Jiangmen Yates Vocational School"
    assert item.candidate == "institution:jiangmen-yates-vocational-and-technical-school"
    assert 0.8 <= item.score < 0.92
    api.decide(store, item.id, accept=False)
    ingest(store, "yates-short-name.yaml")
    assert api.review(store) == []
    [decided] = store.review()
    assert decided.status == "rejected"
    assert "Jiangmen Yates Vocational School" in institutions(store)


def test_accepting_makes_one_node_at_once(store):
    ingest(store, "yates-short-name.yaml")
    [item] = api.review(store)
    before = store.stats()["relationships"]
    api.decide(store, item.id, accept=True)
    found = institutions(store)
    assert "Jiangmen Yates Vocational School" not in found
    school = found["Jiangmen Yates Vocational and Technical School"]
    assert "Jiangmen Yates Vocational School" in school["aliases"]
    rows = api.query(store, "partners", {"name": "Jiangmen Yates Vocational School"})
    assert [row["partner"] for row in rows] == ["Macao Polytechnic University"]
    assert (
        store.stats()["relationships"][str(RelType.EXCHANGED_WITH)]
        == before[str(RelType.EXCHANGED_WITH)]
    )


@pytest.mark.skipif(not SEEDS.is_dir(), reason="../shared/seeds is not beside this checkout")
def test_seed_articles_then_seed_gold_give_one_node_per_institution(store):
    import yaml

    gold = [yaml.safe_load(p.read_text()) for p in sorted(SEEDS.glob("*.gold.yaml"))]
    distinct = {i["name"] for doc in gold for i in doc["institutions"]}
    assert api.ingest(store, sorted(SEEDS.glob("*.txt"))).ok
    found = institutions(store)
    assert set(found) == distinct
    tung_wah = found["Tung Wah College"]
    assert {"Donghua College", "Hong Kong Tung Wah College"} <= set(tung_wah["aliases"])
    assert api.ingest(store, sorted(SEEDS.glob("*.gold.yaml"))).ok
    assert set(institutions(store)) == distinct
    rows = api.query(store, "between-regions", {"a": "Guangdong", "b": "Hong Kong"})
    pairs = {(r["party_a"], r["party_b"]) for r in rows}
    assert ("Jiangmen Central Hospital", "Tung Wah College") in pairs


def test_a_chinese_name_in_an_article_links_to_the_registered_institution(known, tmp_path):
    article = tmp_path / "bilingual.txt"
    article.write_text(
        "A Hong Kong college signs with Zhuhai\n\n"
        "The college (峰湾学院) and Zhuhai No. 1 Middle School signed an agreement on 2 May "
        "2024. Harbour Peak Teaching College (峰湾学院) will send tutors to Zhuhai.\n"
        "Harbour Peak Teaching College signed an agreement with Zhuhai No. 1 Middle School.",
        encoding="utf-8",
    )
    assert api.ingest(known, [article]).ok
    found = institutions(known)
    assert "Harbour Peak Teaching College" not in found
    assert "Harbour Peak Teaching College" in found["Peak Harbour College"]["aliases"]


def test_a_bad_registry_file_is_one_error_and_changes_nothing(store, tmp_path):
    from educoop.errors import InputError

    bad = tmp_path / "bad.yaml"
    bad.write_text("institutions:\n  - {name: X College, kind: collage}\n")
    with pytest.raises(InputError, match=r"bad.yaml: institutions.0.kind: Input should be"):
        api.use_registries(store, [bad])
    assert store.registries() == []


@pytest.mark.parametrize(
    ("known_name", "other", "kind"),
    [
        ("Foshan No. 1 Middle School", "Foshan No. 2 Middle School", "school"),
        ("Foshan Third People's Hospital", "Foshan Second People's Hospital", "hospital"),
    ],
)
def test_a_number_tells_similar_names_apart(known_name, other, kind):
    known = Known(id="institution:x", name=known_name, kind=kind, region="Foshan")
    registry = Registry.build()
    registry.add(known)
    # The names are close enough to be merged or reviewed, but their numbers differ.
    assert fuzz.token_sort_ratio(known_name, other) >= FUZZY_REVIEW
    assert registry.match([other], region="Foshan", kind=kind) is None


def test_external_ids_of_a_registry_reach_the_node(store, tmp_path):
    registry = tmp_path / "ids.yaml"
    registry.write_text(
        "institutions:\n  - {name: Alpha Test College, region: Foshan, kind: college,\n"
        "     ids: {wikidata: Q000001, ror: 00test00}}\n",
        encoding="utf-8",
    )
    records = tmp_path / "r.yaml"
    records.write_text(
        "institutions: [{name: Alpha Test College, region: Foshan, kind: college}]\n"
        "agreements: [{sides: [[Alpha Test College], [Foshan]], kind: signed}]\n",
        encoding="utf-8",
    )
    api.use_registries(store, [registry])
    assert api.ingest(store, [records]).ok
    college = institutions(store)["Alpha Test College"]
    assert (college["wikidata"], college["ror"]) == ("Q000001", "00test00")


def test_loading_a_synthetic_corpus_twice_changes_nothing(store):
    # Many reports of one signing with dates of several precisions: the second load must
    # place each where the first did.
    from benchmarks.synthetic import corpus

    derivation = api.derivation_of(store)
    documents = [loaded.stored() for loaded in corpus(3000, per_file=1000)]
    store.add_documents(documents)
    first = store.rebuild(derivation)
    before = store.stats()
    # Forced, so that the graph is derived again rather than found current.
    again = store.rebuild(derivation, force=True)
    assert first.new_nodes > 0 and again.unchanged
    assert store.stats() == before
