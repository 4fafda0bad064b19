from pathlib import Path

import pytest

from educoop.errors import InputError, InvalidFileError
from educoop.graph.model import AgreementKind, DatePrecision
from educoop.loaders.records import load_file

GOOD_YAML = """\
document: {title: A test, date: 2024-05-01}
institutions:
  - {name: Alpha University, region: Guangzhou, kind: university}
  - {name: Beta College, region: Hong Kong, kind: college}
agreements:
  - sides: [[Alpha University], [Beta College]]
    kind: signed
    date: 2024-04
"""


def write(tmp_path: Path, name: str, content: str | bytes) -> Path:
    path = tmp_path / name
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    return path


def errors_of(path: Path) -> list[str]:
    with pytest.raises((InputError, InvalidFileError)) as caught:
        load_file(path)
    return str(caught.value).splitlines()


def test_yaml_in_the_gold_schema_loads(tmp_path):
    loaded = load_file(write(tmp_path, "ok.yaml", GOOD_YAML))
    agreement = loaded.records.agreements[0]
    assert agreement.kind is AgreementKind.SIGNED
    assert agreement.date.precision is DatePrecision.MONTH
    assert len(loaded.sha256) == 64


def test_unknown_agreement_kind_names_file_line_field_and_choices(tmp_path):
    path = write(tmp_path, "bad.yaml", GOOD_YAML.replace("kind: signed", "kind: sined"))
    [error] = errors_of(path)
    assert error.startswith(f"{path}:7: agreements[0].kind: ")
    assert "'signed', 'paired', 'plan', 'branch' or 'exchange'" in error
    assert "got 'sined'" in error


def test_every_validation_error_is_reported_on_its_own_line(tmp_path):
    text = GOOD_YAML.replace("kind: university", "kind: campus").replace(
        "date: 2024-04", "date: 2024-4"
    )
    errors = errors_of(write(tmp_path, "bad.yaml", text))
    assert len(errors) == 2
    assert ":3: institutions[0].kind:" in errors[0]
    assert ":8: agreements[0].date: expected a date YYYY, YYYY-MM or YYYY-MM-DD" in errors[1]


def test_unknown_field_is_rejected(tmp_path):
    [error] = errors_of(write(tmp_path, "x.yaml", GOOD_YAML + "    partners: 3\n"))
    assert error.endswith(":9: agreements[0].partners: unknown field")


def test_an_agreement_needs_two_sides(tmp_path):
    text = GOOD_YAML.replace("[[Alpha University], [Beta College]]", "[[Alpha University]]")
    [error] = errors_of(write(tmp_path, "x.yaml", text))
    assert ":6: agreements[0].sides: List should have at least 2 items" in error


def test_yaml_syntax_error_names_the_line(tmp_path):
    [error] = errors_of(write(tmp_path, "x.yaml", "agreements:\n  - sides: [[A]\n  kind: x\n"))
    assert error.startswith(f"{tmp_path / 'x.yaml'}:")
    assert "invalid YAML" in error


def test_json_errors_name_the_line(tmp_path):
    text = '{\n "agreements": [\n  {"sides": [["A"], ["B"]],\n   "kind": "treaty"}\n ]\n}\n'
    [error] = errors_of(write(tmp_path, "x.json", text))
    assert ":4: agreements[0].kind:" in error
    [syntax] = errors_of(write(tmp_path, "y.json", '{\n "agreements": [,]\n}'))
    assert ":2: invalid JSON" in syntax


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("empty.yaml", "", "file is empty"),
        ("blank.csv", "\n  \n", "file is empty"),
        ("binary.yaml", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary file, expected UTF-8 text"),
        ("latin1.yaml", "name: Zürich\n".encode("latin-1"), "not valid UTF-8 text"),
        ("list.yaml", "- just\n- a list\n", "expected a mapping"),
        ("notes.txt", "plain text", "unsupported file type '.txt'"),
    ],
)
def test_unreadable_files_get_one_clear_line(tmp_path, name, content, message):
    path = write(tmp_path, name, content)
    [error] = errors_of(path)
    assert error.startswith(str(path))
    assert message in error


def test_missing_file(tmp_path):
    [error] = errors_of(tmp_path / "nowhere.yaml")
    assert error.endswith("nowhere.yaml: no such file")


CSV_HEADER = "side_a,side_a_region,side_b,side_b_kind,side_b_region,kind,date,programme,evidence\n"


def test_csv_rows_become_agreements_with_sides_and_party_columns(tmp_path):
    text = CSV_HEADER + (
        "Alpha University,Guangzhou,Beta College;Gamma Hospital,college;hospital,Macao,"
        "signed,2021-06-01,Bridge Scheme,They signed.\n"
        "Beijing,,Tianjin,,,plan,2023,,Regions plan.\n"
    )
    loaded = load_file(write(tmp_path, "rows.csv", text))
    records = loaded.records
    assert [a.sides for a in records.agreements] == [
        [["Alpha University"], ["Beta College", "Gamma Hospital"]],
        [["Beijing"], ["Tianjin"]],
    ]
    kinds = {i.name: (i.kind, i.region) for i in records.institutions}
    assert kinds == {
        "Alpha University": ("other", "Guangzhou"),
        "Beta College": ("college", "Macao"),
        "Gamma Hospital": ("hospital", "Macao"),
    }
    assert {r.name for r in records.regions} == {"Guangzhou", "Macao", "Beijing", "Tianjin"}
    assert [p.name for p in records.programmes] == ["Bridge Scheme"]


def test_csv_missing_required_column(tmp_path):
    path = write(tmp_path, "x.csv", "side_a,kind\nA,signed\n")
    [error] = errors_of(path)
    assert error == f"{path}:1: side_b: missing required column"


def test_csv_unknown_column(tmp_path):
    [error] = errors_of(write(tmp_path, "x.csv", "side_a,side_b,kind,partner\nA,B,signed,C\n"))
    assert ":1: partner: unknown column" in error


def test_csv_cell_errors_name_the_row_line_and_column(tmp_path):
    text = CSV_HEADER + "A,,B,,,signed,,,\nC,,D,,,treaty,2023-02-31,,\nE,,,,,signed,,,\n"
    errors = errors_of(write(tmp_path, "x.csv", text))
    assert any(":3: kind: Input should be" in e and "got 'treaty'" in e for e in errors)
    assert any(":3: date: expected a real calendar date" in e for e in errors)
    assert any(":4: side_b: is empty" in e for e in errors)


def test_csv_bad_party_kind(tmp_path):
    [error] = errors_of(write(tmp_path, "x.csv", CSV_HEADER + "A,,B,campus,,signed,,,\n"))
    assert ":2: side_b_kind: expected one of university" in error


def test_csv_with_only_a_header(tmp_path):
    [error] = errors_of(write(tmp_path, "x.csv", CSV_HEADER))
    assert "no agreement rows" in error
