import re

import pytest

from educoop.errors import QueryError
from educoop.queries import catalogue, embedded

REQUIRED_NAMES = {
    "partners": {"name", "kind", "since", "until", "confirmed"},
    "agreements": {"kind", "region", "since", "until", "confirmed"},
    "between-regions": {"a", "b"},
    "programme": {"name"},
    "profile": {"name"},
    "path": {"a", "b"},
    "region-matrix": {"level"},
}


def test_every_query_the_brief_names_exists_with_its_parameter_names():
    queries = catalogue.catalogue()
    for name, params in REQUIRED_NAMES.items():
        assert {p.name for p in queries[name].parameters} == params


@pytest.mark.parametrize("query", catalogue.catalogue().values(), ids=lambda q: q.name)
def test_declared_parameters_are_exactly_the_ones_the_cypher_uses(query):
    used = set(re.findall(r"\$(\w+)", query.cypher))
    assert used == {p.name for p in query.parameters}
    assert query.title and query.description


@pytest.mark.parametrize("query", catalogue.catalogue().values(), ids=lambda q: q.name)
def test_every_query_has_its_embedded_twin(query):
    assert query.twin is embedded.TWINS[query.name]


def test_a_header_that_disagrees_with_the_query_is_rejected():
    text = "// title: T\n// description: D\n// param a (required): x\nMATCH (n) WHERE n.x = $b RETURN n"
    with pytest.raises(QueryError, match=r"declared parameters \['a'\] but the query uses \['b'\]"):
        catalogue.parse("broken", text, embedded.partners)


def test_a_header_without_a_title_is_rejected():
    with pytest.raises(QueryError, match="header has no title"):
        catalogue.parse("x", "// description: D\nRETURN 1", embedded.partners)


def test_binding_checks_names_and_fills_optional_ones():
    partners = catalogue.get("partners")
    unset = dict.fromkeys(("kind", "since", "until", "confirmed"))
    assert partners.bind({"name": "A"}) == {"name": "A", **unset}
    with pytest.raises(QueryError, match="missing parameter 'name'"):
        partners.bind({})
    with pytest.raises(QueryError, match="unknown parameter 'nme'"):
        partners.bind({"nme": "A"})
    with pytest.raises(QueryError, match="no canned query 'partner'"):
        catalogue.get("partner")
