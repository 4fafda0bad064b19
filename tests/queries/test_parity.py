"""Every canned query answers the same rows on Neo4j (its Cypher) and on the embedded store
(its NetworkX twin), over the sample corpus, the seed gold files and one article."""

import pytest

from educoop import api
from educoop.errors import QueryError
from educoop.queries import catalogue
from tests.conftest import DATA, SEEDS

# Parameters each query is checked with. A query missing here fails test_every_query_has_cases.
PARITY_CASES = {
    "partners": [
        {"name": "Tung Wah College"},
        {"name": "donghua college"},
        {"name": "Guangdong"},
        {"name": "Greater Bay Area"},
        {"name": "Hong Kong", "kind": "paired"},
        {"name": "Fudan University", "since": "2022"},
        {"name": "Zhejiang University", "until": "2021-12"},
        {"name": "Beijing", "since": "2023-10", "until": "2023-10-31"},
        {"name": "Fukuoka", "confirmed": "yes"},
        {"name": "Fukuoka"},
    ],
    "agreements": [
        {},
        {"kind": "branch"},
        {"region": "Hebei"},
        {"region": "Yangtze River Delta", "since": "2022"},
        {"since": "2021", "until": "2022-06"},
        {"confirmed": "yes"},
        {"region": "Fukuoka", "confirmed": "yes"},
    ],
    "between-regions": [
        {"a": "Guangdong", "b": "Hong Kong"},
        {"a": "Greater Bay Area", "b": "Greater Bay Area"},
        {"a": "Shanghai", "b": "Zhejiang"},
        {"a": "Beijing", "b": "Hebei"},
    ],
    "programme": [
        {"name": "Greater Bay Area Sister Schools Scheme"},
        {"name": "Leading Programme"},
        {"name": "Beijing-Tianjin-Hebei Coordinated Educational Development Plan 2023-2025"},
    ],
    "profile": [
        {"name": "Tung Wah College"},
        {"name": "CCIPE"},
        {"name": "Fudan University"},
        {"name": "South China Normal University"},
    ],
    "path": [
        {"a": "Fudan University", "b": "Tung Wah College"},
        {"a": "Jiangmen Central Hospital", "b": "Jiangmen Third People's Hospital"},
        {"a": "Beijing No. 4 High School", "b": "Tianjin"},
        {"a": "Tung Wah College", "b": "Beijing"},
    ],
    "region-matrix": [
        {"level": "province"},
        {"level": "city"},
        {"level": "zone"},
        {"level": "district"},
    ],
}


def test_every_query_has_cases():
    assert set(PARITY_CASES) == set(catalogue.catalogue())


@pytest.fixture(scope="module")
def both(neo4j_store, tmp_path_factory):
    from educoop.graph.stores.sqlite import SQLiteStore

    # An article beside the record files: its agreements are not confirmed.
    article = DATA / "articles" / "fukuoka-busan-sister-schools.md"
    inputs = [api.demo_corpus(), *sorted(SEEDS.glob("*.gold.yaml")), article]
    embedded = SQLiteStore(tmp_path_factory.mktemp("parity") / "p.db")
    for target in (embedded, neo4j_store):
        report = api.ingest(target, inputs)
        assert report.ok, report.failed
    yield embedded, neo4j_store
    embedded.close()


@pytest.mark.parametrize(
    ("name", "params"),
    [(name, params) for name, cases in PARITY_CASES.items() for params in cases],
    ids=lambda value: (
        value if isinstance(value, str) else ",".join(f"{k}={v}" for k, v in value.items())
    ),
)
def test_neo4j_and_embedded_answer_alike(both, name, params):
    embedded, neo4j = both
    expected = api.query(embedded, name, params)
    actual = api.query(neo4j, name, params)
    assert actual == expected


@pytest.mark.parametrize(
    ("name", "params"),
    [
        ("partners", {"name": "Tung Wah Colege"}),
        ("between-regions", {"a": "Guangdong", "b": "Hong Kongg"}),
        ("programme", {"name": "nobody at all"}),
        ("region-matrix", {"level": "planet"}),
    ],
)
def test_neo4j_and_embedded_refuse_a_name_or_value_alike(both, name, params):
    messages = []
    for store in both:
        with pytest.raises(QueryError) as caught:
            api.query(store, name, params)
        messages.append(str(caught.value))
    assert messages[0] == messages[1]


def test_the_confirmed_filter_keeps_record_files_and_leaves_out_the_article(both):
    for store in both:
        every = api.query(store, "agreements", {})
        confirmed = api.query(store, "agreements", {"confirmed": "yes"})
        assert 0 < len(confirmed) < len(every)
        fukuoka = api.query(store, "partners", {"name": "Fukuoka"})
        assert (
            fukuoka and api.query(store, "partners", {"name": "Fukuoka", "confirmed": "yes"}) == []
        )
