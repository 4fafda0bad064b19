"""One node per institution, and one Agreement per signing, whether an article names them
in Chinese or in English (issue 18): by the registry's Chinese names, by pinyin, and by a
government body's place and kind. On both stores: the registry of a derivation is built
from what the store holds."""

from __future__ import annotations

import re

import pytest

from educoop import api
from educoop.graph.schema import Label
from educoop.loaders.gazetteer import bundled_gazetteer
from educoop.loaders.government import body_keys
from educoop.loaders.registry import Known, Registry
from educoop.loaders.text import extract_file
from tests.conftest import SEEDS


def _write(tmp_path, name: str, text: str):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def _institutions(store) -> list[str]:
    view = store.to_networkx()
    return sorted(
        attrs["name"]
        for _, attrs in view.nodes(data=True)
        if attrs.get("label") == str(Label.INSTITUTION)
    )


@pytest.mark.parametrize("chinese_first", [True, False])
def test_a_registered_college_named_in_chinese_and_in_english_is_one_node(
    either, tmp_path, chinese_first
):
    chinese = _write(
        tmp_path, "zh.txt", "兩校簽約\n\n2024年5月，東華學院與江門職業技術學院簽署合作協議。\n"
    )
    english = _write(
        tmp_path,
        "en.txt",
        "Tung Wah College signed a cooperation agreement with Jiangmen Polytechnic in May 2024.",
    )
    files = [chinese, english] if chinese_first else [english, chinese]
    for path in files:
        assert api.ingest(either, [path]).ok
    # Both articles report one signing: one Agreement, with both as its sources.
    for name in ("东华学院", "東華學院", "Tung Wah College"):
        [row] = api.query(either, "partners", {"name": name})
        assert row["partner"] == "Jiangmen Vocational and Technical College"
    [agreement] = api.query(either, "agreements")
    assert agreement["sources"] == 2
    assert "Tung Wah College" in _institutions(either)
    assert not {"東華學院", "东华学院"} & set(_institutions(either))


@pytest.mark.parametrize("chinese_first", [True, False])
def test_an_unregistered_university_meets_its_pinyin_name(either, tmp_path, chinese_first):
    chinese = _write(
        tmp_path, "zh.txt", "两校签约\n\n2024年5月，杭州师范大学与衢州学院签署合作协议。\n"
    )
    english = _write(
        tmp_path,
        "en.txt",
        "Hangzhou Normal University signed a cooperation agreement with Lishui University "
        "in May 2024.",
    )
    files = [chinese, english] if chinese_first else [english, chinese]
    assert api.ingest(either, files).ok
    found = _institutions(either)
    assert (
        len([name for name in found if name in ("杭州师范大学", "Hangzhou Normal University")]) == 1
    )
    partners = api.query(either, "partners", {"name": "Hangzhou Normal University"})
    assert len(partners) == 2


def test_a_government_body_is_one_whatever_the_language_and_form():
    gazetteer = bundled_gazetteer()
    bureau = body_keys("广州市教育局", gazetteer)
    assert bureau
    assert body_keys("Guangzhou Municipal Education Bureau", gazetteer) == bureau
    assert body_keys("Education Bureau of Guangzhou", gazetteer) == bureau
    assert body_keys("Guangzhou People's Government", gazetteer) != bureau  # another kind
    assert body_keys("深圳市教育局", gazetteer) != bureau  # another place
    # Two districts are called Huangpu in English (黄浦区 of Shanghai, 黄埔区 of Guangzhou):
    # the English name may be either, the Chinese one only its own.
    either = body_keys("Huangpu District People's Government", gazetteer)
    assert len(either) == 2
    assert body_keys("广州市黄埔区人民政府", gazetteer) < either
    assert body_keys("Shanghai Huangpu District People's Government", gazetteer) < either
    assert not body_keys("杭州市第二中学", gazetteer)
    assert not body_keys("Municipal Education Bureau", gazetteer)  # no place, no key


def _seed_parts(tmp_path):
    """Seed 002's Chinese lines and its English lines, as two articles."""
    [seed] = SEEDS.glob("002_*.txt")
    lines = seed.read_text(encoding="utf-8").splitlines()
    han = re.compile(r"[\u4e00-\u9fff]")
    chinese = _write(tmp_path, "002-zh.txt", "\n".join(ln for ln in lines if han.search(ln)))
    english = _write(tmp_path, "002-en.txt", "\n".join(ln for ln in lines if not han.search(ln)))
    return chinese, english


@pytest.mark.skipif(not SEEDS.is_dir(), reason="../shared/seeds is not beside this checkout")
@pytest.mark.parametrize("chinese_first", [True, False])
def test_seed_002_in_chinese_and_in_english_is_one_three_party_agreement(
    either, tmp_path, chinese_first
):
    chinese, english = _seed_parts(tmp_path)
    read = {path: extract_file(path).records for path in (chinese, english)}
    for records in read.values():
        three = [a for a in records.agreements if len(a.sides) == 3]
        assert len(three) == 1, [a.sides for a in records.agreements]
        assert str(three[0].kind) == "signed"
    files = [chinese, english] if chinese_first else [english, chinese]
    for path in files:
        assert api.ingest(either, [path]).ok
    rows = [row for row in api.query(either, "agreements") if len(row["sides"]) == 3]
    assert len(rows) == 1, rows
    [row] = rows
    assert row["sources"] == 2
    parties = {name for side in row["sides"] for name in side}
    assert parties == {
        "China Center for International People-to-people Exchange",
        "Guangzhou Municipal Education Bureau",
        "Huangpu District People's Government",
    }


def test_bodies_of_one_name_at_two_levels_or_two_places_stay_apart():
    gazetteer = bundled_gazetteer()
    # 吉林 is a province and a city: the level word or suffix says which.
    assert body_keys("Jilin Provincial People's Government", gazetteer) == body_keys(
        "吉林省人民政府", gazetteer
    )
    assert body_keys("Jilin Municipal People's Government", gazetteer) == body_keys(
        "吉林市人民政府", gazetteer
    )
    assert body_keys("吉林省人民政府", gazetteer) != body_keys("吉林市人民政府", gazetteer)
    registry = Registry.build()
    registry.add(Known(id="a", name="Jilin Provincial People's Government", kind="government"))
    assert registry.match(["吉林市人民政府"], "吉林市", "government") is None
    # "Suzhou" is 苏州 (Jiangsu) and 宿州 (Anhui): a body known only as Suzhou's merges with
    # neither, for want of knowing which.
    registry.add(
        Known(id="b", name="Suzhou Municipal Education Bureau", kind="government", region="Suzhou")
    )
    assert registry.match(["宿州市教育局"], "宿州市", "government") is None


def test_pinyin_does_not_merge_two_chinese_names_that_sound_alike():
    registry = Registry.build()
    registry.add(
        Known(id="a", name="Shanxi Normal University", name_zh="山西师范大学", kind="university")
    )
    # 陕西 and 山西 are both "Shanxi" without tones.
    assert registry.match(["陕西师范大学"], "陕西", "university") is None
    assert registry.match(["山西师范大学"], None, "university").known.id == "a"
