"""Structured records: agreements in the gold schema from YAML, JSON and CSV files.

The schema (see README.md, "Record formats")::

    document: {title: ..., date: YYYY-MM-DD, source: URL}      # all optional
    institutions: [{name, aliases, region, kind}]
    regions: [{name, parent, level, aliases}]
    programmes: [{name, aliases, kind, participants: [{name, role}]}]
    agreements: [{sides: [[A], [B, C]], kind, date, programme, evidence, title, source}]

CSV files hold one agreement per row (columns in ``CSV_COLUMNS``). Every error names the
file, the line (YAML, JSON and CSV) and the field, and a file with any error yields nothing.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Annotated, Any, cast

import yaml
from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    PlainSerializer,
    StringConstraints,
    ValidationError,
)

from educoop.errors import InputError, InvalidFileError
from educoop.graph.model import (
    AgreementKind,
    InstitutionKind,
    PartialDate,
    ProgrammeKind,
    RegionLevel,
    Role,
)
from educoop.graph.schema import StoredDocument
from educoop.loaders.files import read_text
from educoop.loaders.gazetteer import bundled_gazetteer

RECORD_SUFFIXES = (".yaml", ".yml", ".json", ".csv")


def fold_order(source: str, sha256: str) -> tuple[bool, str]:
    """Where a document of this name and content comes when a graph is derived: record
    files first (a person's records name what articles then match), then by content."""
    return Path(source).suffix.lower() not in RECORD_SUFFIXES, sha256


Loc = tuple[str | int, ...]


def _partial_date(raw: object) -> object:
    return raw if raw is None or isinstance(raw, PartialDate) else PartialDate.parse(raw)


# Written back as the text it was read from ("2024-05"), so records dumped to JSON or YAML
# load again.
DateField = Annotated[
    PartialDate | None,
    BeforeValidator(_partial_date),
    PlainSerializer(lambda date: date.value if date else None),
]
Name = Annotated[str, Field(min_length=1, max_length=300)]


class _In(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)


class DocumentIn(_In):
    title: str | None = None
    date: DateField = None
    source: str | None = None
    # An article's text as it was read, whole: evidence offsets point into it, and the
    # workbench's document page shows it.
    text: Annotated[str, StringConstraints(strip_whitespace=False)] | None = None
    # Of a page fetched by URL: where from, where the redirects ended, and when (UTC).
    url: str | None = None
    final_url: str | None = None
    fetched_at: str | None = None


class InstitutionIn(_In):
    name: Name
    aliases: list[Name] = []
    region: Name | None = None
    kind: InstitutionKind = InstitutionKind.OTHER


class RegionIn(_In):
    name: Name
    aliases: list[Name] = []
    parent: Name | None = None
    # Optional for regions the gazetteer knows; required for new ones (checked on resolve).
    level: RegionLevel | None = None


class ParticipantIn(_In):
    name: Name
    role: Role


class ProgrammeIn(_In):
    name: Name
    aliases: list[Name] = []
    kind: ProgrammeKind | None = None
    participants: list[ParticipantIn] = []


class AgreementIn(_In):
    sides: list[Annotated[list[Name], Field(min_length=1)]] = Field(min_length=2)
    kind: AgreementKind
    date: DateField = None
    programme: Name | None = None
    evidence: str | None = None
    # Character offsets of the evidence in the article it was extracted from.
    evidence_start: int | None = Field(default=None, ge=0)
    evidence_end: int | None = Field(default=None, ge=0)
    # The page of a PDF the evidence is on (from 1).
    page: int | None = Field(default=None, ge=1)
    # How sure the extractor was (see loaders/text/confidence.py); a person's
    # record has none.
    confidence: float | None = Field(default=None, ge=0, le=1)
    title: str | None = None
    source: str | None = None  # where this agreement was reported, when not the document


class RecordFile(_In):
    """One input file's records, in the gold schema."""

    document: DocumentIn | None = None
    institutions: list[InstitutionIn] = []
    regions: list[RegionIn] = []
    programmes: list[ProgrammeIn] = []
    agreements: list[AgreementIn] = []


@dataclass
class LoadedFile:
    """A validated input file with what is needed to point at its lines."""

    path: str
    sha256: str
    records: RecordFile
    lines: dict[Loc, int] = field(default_factory=dict)
    field_names: dict[Loc, str] = field(default_factory=dict)

    def stored(self) -> StoredDocument:
        """This file as the store keeps it: its records, from which the graph is derived."""
        return StoredDocument(
            self.sha256, self.path, self.records.model_dump_json(exclude_none=True)
        )

    @classmethod
    def from_stored(cls, document: StoredDocument) -> LoadedFile:
        return cls(
            document.source, document.sha256, RecordFile.model_validate_json(document.records)
        )

    def error(self, loc: Loc, message: str) -> InputError:
        """An InputError for the record at ``loc``, naming its line and field."""
        line = next(
            (self.lines[loc[:n]] for n in range(len(loc), 0, -1) if loc[:n] in self.lines), None
        )
        name = self.field_names.get(loc) or _dotted(loc)
        return InputError(self.path, message, line=line, field=name)


def _dotted(loc: Loc) -> str:
    text = ""
    for part in loc:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else part)
    return text


def _read_text(path: Path) -> tuple[str, str]:
    """The file's text and sha256; a clear error when it is missing, empty or not text."""
    text, sha256 = read_text(path)
    if not text.strip():
        raise InputError(str(path), "file is empty")
    return text, sha256


def _yaml_lines(node: yaml.Node | None, loc: Loc, out: dict[Loc, int]) -> None:
    if node is None:  # a document of comments alone
        return
    out[loc] = node.start_mark.line + 1
    if isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            _yaml_lines(value, (*loc, key.value), out)
            # A field's line is its key's, also when its value starts on a later line.
            out[(*loc, key.value)] = key.start_mark.line + 1
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            _yaml_lines(item, (*loc, index), out)


def _parse_mapping(path: str, text: str) -> tuple[Any, dict[Loc, int]]:
    try:
        return _parse(path, text)
    except RecursionError:
        # Thousands of nested brackets: no record file looks like that.
        raise InputError(path, "nested too deeply to be a record file") from None


def _parse(path: str, text: str) -> tuple[Any, dict[Loc, int]]:
    lines: dict[Loc, int] = {}
    if path.endswith(".json"):
        try:
            data = json.loads(text)
        except json.JSONDecodeError as exc:
            raise InputError(path, f"invalid JSON: {exc.msg}", line=exc.lineno) from None
        # JSON is close enough to YAML for PyYAML to give the line of every value.
        try:
            _yaml_lines(_yaml_document(text)[1], (), lines)
        except yaml.YAMLError:
            lines = {}
        return data, lines
    try:
        data, node = _yaml_document(text)
        _yaml_lines(node, (), lines)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        problem = getattr(exc, "problem", None) or "syntax error"
        raise InputError(
            path, f"invalid YAML: {problem}", line=mark.line + 1 if mark else None
        ) from None
    return data, lines


# libyaml's parser when PyYAML was built with it: 20x faster on large record files.
try:
    from yaml import CSafeLoader as _SafeLoader
except ImportError:  # PyYAML without libyaml
    from yaml import SafeLoader as _SafeLoader  # type: ignore[assignment]


class _RecordLoader(_SafeLoader):
    """A safe loader that leaves a date that is no calendar date (``2024-02-30``) as text,
    for validation to report with its field and line instead of the parser failing."""


def _timestamp_or_text(loader: _RecordLoader, node: yaml.Node) -> object:
    scalar = cast(yaml.ScalarNode, node)  # timestamps are scalars
    try:
        return loader.construct_yaml_timestamp(scalar)
    except ValueError:
        return loader.construct_scalar(scalar)


_RecordLoader.add_constructor("tag:yaml.org,2002:timestamp", _timestamp_or_text)


def _yaml_document(text: str) -> tuple[Any, yaml.Node | None]:
    """The data of a YAML text and its node tree (which knows every value's line), parsed
    once."""
    loader = _RecordLoader(text)
    try:
        node = loader.get_single_node()
        return (loader.construct_document(node) if node is not None else None), node
    finally:
        loader.dispose()


# Errors whose message already says what was given: a missing field has nothing to show,
# and our own validators' ValueErrors (a date's) name the value they refused.
_NAME_THE_INPUT_THEMSELVES = frozenset({"missing", "value_error"})


def _validation_errors(
    path: str, exc: ValidationError, lines: dict[Loc, int], names: dict[Loc, str]
) -> InvalidFileError:
    loaded = LoadedFile(path, "", RecordFile(), lines, names)
    errors = []
    for error in exc.errors():
        loc = tuple(error["loc"])
        message = error["msg"].removeprefix("Value error, ")
        if error["type"] == "extra_forbidden":
            message = "unknown field"
        elif error["type"] not in _NAME_THE_INPUT_THEMSELVES and not isinstance(
            error["input"], dict | list
        ):
            message += f", got {error['input']!r}"
        errors.append(loaded.error(loc, message))
    return InvalidFileError(errors)


def _load_mapping(path: str, text: str, sha256: str) -> LoadedFile:
    data, lines = _parse_mapping(path, text)
    if not isinstance(data, dict):
        raise InputError(
            path,
            "expected a mapping with institutions, regions, programmes and agreements",
            line=1,
        )
    try:
        records = RecordFile.model_validate(data)
    except ValidationError as exc:
        raise _validation_errors(path, exc, lines, {}) from None
    return LoadedFile(path, sha256, records, lines)


SIDE_COLUMNS = ("side_a", "side_b", "side_c")
REQUIRED_COLUMNS = ("side_a", "side_b", "kind")
CSV_COLUMNS = (
    *SIDE_COLUMNS,
    *(f"{side}_region" for side in SIDE_COLUMNS),
    *(f"{side}_kind" for side in SIDE_COLUMNS),
    "kind",
    "date",
    "programme",
    "evidence",
    "title",
    "source",
)
REGION_PARTY = "region"


def _split(cell: str | None) -> list[str]:
    return [part.strip() for part in (cell or "").split(";") if part.strip()]


def _cell_for(values: list[str], index: int) -> str | None:
    """The value of a per-party column: one value for the whole side, or one per party."""
    if not values:
        return None
    return values[index] if len(values) > 1 else values[0]


def _csv_rows(path: str, text: str) -> Iterator[tuple[int, dict[str, str]]]:
    reader = csv.DictReader(io.StringIO(text, newline=""))
    header = [name.strip() for name in reader.fieldnames or []]
    for name in header:
        if name not in CSV_COLUMNS:
            raise InputError(
                path,
                f"unknown column (expected some of {', '.join(CSV_COLUMNS)})",
                line=1,
                field=name or "(blank)",
            )
    for name in REQUIRED_COLUMNS:
        if name not in header:
            raise InputError(path, "missing required column", line=1, field=name)
    reader.fieldnames = header
    try:
        for row in reader:
            if None in row:
                raise InputError(path, "more cells than columns", line=reader.line_num)
            if any((value or "").strip() for value in row.values()):
                yield reader.line_num, {k: (v or "").strip() for k, v in row.items()}
    except csv.Error as exc:
        raise InputError(path, f"invalid CSV: {exc}", line=reader.line_num) from None


def _load_csv(path: str, text: str, sha256: str) -> LoadedFile:
    """One agreement per row; parties of one side separated by ``;``."""
    gazetteer = bundled_gazetteer()
    institutions: dict[str, dict[str, Any]] = {}
    regions: dict[str, dict[str, Any]] = {}
    programmes: dict[str, dict[str, Any]] = {}
    agreements: list[dict[str, Any]] = []
    lines: dict[Loc, int] = {}
    names: dict[Loc, str] = {}
    errors: list[InputError] = []

    for line, row in _csv_rows(path, text):
        index = len(agreements)
        lines[("agreements", index)] = line
        sides: list[list[str]] = []
        for side_number, column in enumerate(SIDE_COLUMNS):
            parties = _split(row.get(column))
            names[("agreements", index, "sides", side_number)] = column
            if not parties:
                if column in REQUIRED_COLUMNS:
                    errors.append(InputError(path, "is empty", line=line, field=column))
                continue
            kinds = _split(row.get(f"{column}_kind"))
            places = _split(row.get(f"{column}_region"))
            for position, party in enumerate(parties):
                kind = _cell_for(kinds, position)
                place = _cell_for(places, position)
                names[("agreements", index, "sides", side_number, position)] = column
                if kind == REGION_PARTY or (
                    kind is None and not place and gazetteer.candidates(party)
                ):
                    regions.setdefault(party, {"name": party})
                    continue
                if kind and kind not in InstitutionKind.__members__.values():
                    allowed = ", ".join([*InstitutionKind, REGION_PARTY])
                    errors.append(
                        InputError(
                            path,
                            f"expected one of {allowed}, got {kind!r}",
                            line=line,
                            field=f"{column}_kind",
                        )
                    )
                    continue
                record = institutions.setdefault(party, {"name": party})
                loc = ("institutions", list(institutions).index(party))
                lines.setdefault(loc, line)
                names.setdefault((*loc, "region"), f"{column}_region")
                names.setdefault((*loc, "kind"), f"{column}_kind")
                if kind:
                    record.setdefault("kind", kind)
                if place:
                    record.setdefault("region", place)
                    regions.setdefault(place, {"name": place})
            sides.append(parties)
        agreement: dict[str, Any] = {"sides": sides, "kind": row["kind"]}
        for column in ("date", "programme", "evidence", "title", "source"):
            if row.get(column):
                agreement[column] = row[column]
                names[("agreements", index, column)] = column
        if row.get("programme"):
            programmes.setdefault(row["programme"], {"name": row["programme"]})
        names[("agreements", index, "kind")] = "kind"
        agreements.append(agreement)

    if not agreements and not errors:
        raise InputError(path, "no agreement rows under the header", line=2)
    data = {
        "institutions": list(institutions.values()),
        "regions": list(regions.values()),
        "programmes": list(programmes.values()),
        "agreements": agreements,
    }
    try:
        records = RecordFile.model_validate(data)
    except ValidationError as exc:
        errors.extend(_validation_errors(path, exc, lines, names).errors)
    if errors:
        raise InvalidFileError(errors)
    return LoadedFile(path, sha256, records, lines, names)


def load_file(path: str | Path) -> LoadedFile:
    """Read and validate one record file (.yaml, .yml, .json or .csv).

    Raises InputError or InvalidFileError naming file, line and field.
    """
    path = Path(path)
    shown = str(path)
    suffix = path.suffix.lower()
    if suffix not in RECORD_SUFFIXES:
        raise InputError(
            shown,
            f"unsupported file type {suffix or '(none)'!r}, expected one of "
            + ", ".join(RECORD_SUFFIXES),
        )
    text, sha256 = _read_text(path)
    if suffix == ".csv":
        return _load_csv(shown, text, sha256)
    return _load_mapping(shown, text, sha256)
