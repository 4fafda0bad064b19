import datetime as dt

import pytest

from educoop.graph.model import (
    AgreementKind,
    DatePrecision,
    PartialDate,
    agreement_id,
    institution_id,
    region_id,
    slug,
)


def test_slug_folds_case_punctuation_and_width():
    assert slug("Jiangmen Third People's Hospital") == "jiangmen-third-people-s-hospital"
    assert slug("  BEIJING No. 4  High School ") == "beijing-no-4-high-school"
    assert slug("香港科技大学（广州）") == "香港科技大学-广州"  # noqa: RUF001


def test_institution_and_region_ids_are_deterministic():
    assert institution_id("Tung Wah College") == institution_id("tung wah  college")
    assert region_id(["China", "Guangdong", "Jiangmen"]) == "region:china/guangdong/jiangmen"


def test_agreement_id_ignores_side_and_party_order():
    date = PartialDate.parse("2023-10")
    one = agreement_id(AgreementKind.SIGNED, [["a", "b"], ["c"]], None, date)
    two = agreement_id(AgreementKind.SIGNED, [["c"], ["b", "a"]], None, date)
    assert one == two


@pytest.mark.parametrize(
    "changed",
    [
        (AgreementKind.PAIRED, [["a"], ["c"]], None, "2023-10"),
        (AgreementKind.SIGNED, [["a"], ["d"]], None, "2023-10"),
        (AgreementKind.SIGNED, [["a"], ["c"]], "programme:x", "2023-10"),
        (AgreementKind.SIGNED, [["a"], ["c"]], None, "2023-11"),
        (AgreementKind.SIGNED, [["a", "c"]], None, "2023-10"),
    ],
)
def test_agreement_id_changes_with_kind_sides_programme_and_date(changed):
    base = agreement_id(AgreementKind.SIGNED, [["a"], ["c"]], None, PartialDate.parse("2023-10"))
    kind, sides, programme, date = changed
    assert agreement_id(kind, sides, programme, PartialDate.parse(date)) != base


@pytest.mark.parametrize(
    ("raw", "precision", "start", "end"),
    [
        ("2023", DatePrecision.YEAR, "2023-01-01", "2023-12-31"),
        (2022, DatePrecision.YEAR, "2022-01-01", "2022-12-31"),
        ("2024-02", DatePrecision.MONTH, "2024-02-01", "2024-02-29"),
        ("2023-09", DatePrecision.MONTH, "2023-09-01", "2023-09-30"),
        (dt.date(2024, 5, 29), DatePrecision.DAY, "2024-05-29", "2024-05-29"),
    ],
)
def test_partial_dates_know_their_precision_and_span(raw, precision, start, end):
    date = PartialDate.parse(raw)
    assert (date.precision, date.start, date.end) == (precision, start, end)


@pytest.mark.parametrize("raw", ["2023-13", "23-10", "October 2023", "2023-02-30", True])
def test_partial_date_rejects_other_forms(raw):
    with pytest.raises(ValueError, match="expected"):
        PartialDate.parse(raw)
