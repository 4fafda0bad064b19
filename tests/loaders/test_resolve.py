from pathlib import Path

import pytest

from educoop.errors import InvalidFileError
from educoop.graph.schema import Label, RelType
from educoop.loaders.records import load_file
from educoop.loaders.resolve import programme_kind, resolve


def batch_of(tmp_path: Path, text: str):
    path = tmp_path / "r.yaml"
    path.write_text(text, encoding="utf-8")
    return resolve(load_file(path))


def errors_of(tmp_path: Path, text: str) -> list[str]:
    with pytest.raises(InvalidFileError) as caught:
        batch_of(tmp_path, text)
    return [str(error) for error in caught.value.errors]


def edges(batch, rel_type):
    return {(e.src, e.dst) for e in batch.edges.values() if e.type == rel_type}


GROUP = """\
institutions:
  - {name: A College, region: Hong Kong}
  - {name: B College, region: Hong Kong}
  - {name: X School, region: Jiangmen}
  - {name: Y School, aliases: [Y Sch], region: Jiangmen}
  - {name: Z Hospital, region: Jiangmen}
agreements:
  - {sides: [[A College, B College], [X School, Y Sch, Z Hospital]], kind: signed}
"""


def test_group_signing_gives_one_partner_edge_per_cross_side_pair(tmp_path):
    batch = batch_of(tmp_path, GROUP)
    pairs = edges(batch, RelType.SIGNED_WITH)
    assert len(pairs) == 6
    assert ("institution:a-college", "institution:b-college") not in pairs
    assert len(edges(batch, RelType.PARTY_TO)) == 5


def test_regions_get_their_chain_and_zones_from_the_gazetteer(tmp_path):
    batch = batch_of(tmp_path, GROUP)
    part_of = edges(batch, RelType.PART_OF)
    assert ("region:china/guangdong/jiangmen", "region:china/guangdong") in part_of
    assert ("region:china/guangdong", "region:china") in part_of
    zone = "region:guangdong-hong-kong-macao-greater-bay-area"
    assert {("region:china/guangdong/jiangmen", zone), ("region:china/hong-kong", zone)} <= edges(
        batch, RelType.MEMBER_OF
    )
    assert ("institution:x-school", "region:china/guangdong/jiangmen") in edges(
        batch, RelType.LOCATED_IN
    )


def test_new_regions_hang_below_their_declared_parent(tmp_path):
    # Duanfen is a town the gazetteer does not know.
    text = GROUP + "regions:\n  - {name: Duanfen, parent: Jiangmen, level: district}\n"
    text = text.replace(
        "{name: Z Hospital, region: Jiangmen}", "{name: Z Hospital, region: Duanfen}"
    )
    batch = batch_of(tmp_path, text)
    assert ("region:china/guangdong/jiangmen/duanfen", "region:china/guangdong/jiangmen") in edges(
        batch, RelType.PART_OF
    )


def test_regions_can_be_parties(tmp_path):
    batch = batch_of(
        tmp_path, "agreements:\n  - {sides: [[Beijing], [Tianjin], [Hebei]], kind: plan}\n"
    )
    assert len(edges(batch, RelType.SIGNED_WITH)) == 3
    assert {n.label for n in batch.nodes.values()} == {
        Label.REGION,
        Label.AGREEMENT,
        Label.DOCUMENT,
    }


def test_exchanges_project_to_exchanged_with(tmp_path):
    batch = batch_of(tmp_path, GROUP.replace("kind: signed", "kind: exchange"))
    assert len(edges(batch, RelType.EXCHANGED_WITH)) == 6
    assert not edges(batch, RelType.SIGNED_WITH)


def test_unknown_party_is_an_error_with_its_line(tmp_path):
    [error] = errors_of(tmp_path, GROUP.replace("Y Sch,", "Y Skool,"))
    assert ":8: agreements[0].sides[1][1]: 'Y Skool' is not an institution or region" in error


def test_ambiguous_region_asks_for_its_parent(tmp_path):
    [error] = errors_of(tmp_path, "institutions:\n  - {name: Q School, region: Huangpu District}\n")
    assert (
        "institutions[0].region: region 'Huangpu District' is ambiguous (in Guangzhou, Shanghai)"
        in error
    )


def test_a_curated_region_wins_over_its_namesake_division(tmp_path):
    # Shenzhen's Nanshan District is curated; Hegang's comes from GB/T 2260.
    batch = batch_of(tmp_path, "institutions:\n  - {name: Q School, region: Nanshan District}\n")
    assert "region:china/guangdong/shenzhen/nanshan-district" in batch.nodes
    text = "regions:\n  - {name: Nanshan District, parent: Hegang}\n"
    assert any("hegang/nanshan-district" in node for node in batch_of(tmp_path, text).nodes)


def test_parent_disambiguates_and_contradictions_are_errors(tmp_path):
    text = "regions:\n  - {name: Huangpu District, parent: Shanghai}\n"
    batch = batch_of(tmp_path, text)
    assert "region:china/shanghai/huangpu-district" in batch.nodes
    [error] = errors_of(tmp_path, "regions:\n  - {name: Jinan, parent: Guangdong}\n")
    assert "regions[0].parent: 'Jinan' lies in Shandong, not in 'Guangdong'" in error


def test_unknown_region_needs_a_level(tmp_path):
    [error] = errors_of(tmp_path, "regions:\n  - {name: Atlantis}\n")
    assert "regions[0].level: a region educoop does not know needs a level" in error


def test_undeclared_programme_is_an_error(tmp_path):
    [error] = errors_of(tmp_path, GROUP.replace("kind: signed}", "kind: signed, programme: Nope}"))
    assert "agreements[0].programme: programme 'Nope' is not declared" in error


def test_same_party_on_two_sides_is_an_error(tmp_path):
    [error] = errors_of(tmp_path, GROUP.replace("Z Hospital]]", "A College]]"))
    assert "'A College' is on two sides of one agreement" in error


@pytest.mark.parametrize(
    ("name", "kind"),
    [
        ("Leading Teachers Programm", "other"),
        ("Sister Schools Program", "programme"),
        ("YRD Teaching Alliance", "alliance"),
        ("Coordinated Development Plan 2023-2025", "plan"),
    ],
)
def test_programme_kind_from_its_name(name, kind):
    assert programme_kind(name) == kind


def test_a_world_city_may_be_declared_in_its_province(tmp_path):
    # The world layer knows Palakkad only as a city of India; a file that places it in
    # Kerala agrees with that, and the city keeps its one id.
    batch = batch_of(
        tmp_path,
        "regions:\n  - {name: Palakkad, parent: Kerala}\n"
        "agreements:\n  - {sides: [[Palakkad], [Kerala]], kind: plan}\n",
    )
    assert "region:india/palakkad" in batch.nodes


def test_a_region_declared_in_the_wrong_country_is_an_error(tmp_path):
    [error] = errors_of(tmp_path, "regions:\n  - {name: Nairobi, parent: Germany}\n")
    assert "'Nairobi' lies in Kenya, not in 'Germany'" in error
