"""The domain's vocabularies (kinds, levels, roles), partial dates, and deterministic ids.

Ids are derived from content, never from load order, so that loading the same facts twice
changes nothing and two sources reporting one signing meet in one Agreement.
"""

from __future__ import annotations

import calendar
import datetime as dt
import hashlib
import json
import re
import unicodedata
from enum import StrEnum

from pydantic import BaseModel, ConfigDict


class InstitutionKind(StrEnum):
    UNIVERSITY = "university"
    COLLEGE = "college"
    SCHOOL = "school"
    KINDERGARTEN = "kindergarten"
    HOSPITAL = "hospital"
    GOVERNMENT = "government"
    ASSOCIATION = "association"
    COMPANY = "company"
    RESEARCH = "research"
    OTHER = "other"


class RegionLevel(StrEnum):
    COUNTRY = "country"
    PROVINCE = "province"
    CITY = "city"
    DISTRICT = "district"
    ZONE = "zone"


class ProgrammeKind(StrEnum):
    PROGRAMME = "programme"
    PLAN = "plan"
    ZONE = "zone"
    COMMUNITY = "community"
    ALLIANCE = "alliance"
    SCHEME = "scheme"
    INITIATIVE = "initiative"
    OTHER = "other"


class AgreementKind(StrEnum):
    SIGNED = "signed"
    PAIRED = "paired"
    PLAN = "plan"
    BRANCH = "branch"
    EXCHANGE = "exchange"


class DatePrecision(StrEnum):
    DAY = "day"
    MONTH = "month"
    YEAR = "year"


class Role(StrEnum):
    ORGANISER = "organiser"
    COORDINATOR = "coordinator"
    HOST = "host"
    MEMBER = "member"
    FUNDER = "funder"


class _Record(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class PartialDate(_Record):
    """A date known to the day, the month or the year, e.g. ``2023-10`` (month precision).

    ``start`` and ``end`` are the first and last day it may mean; date windows compare
    against them.
    """

    value: str
    precision: DatePrecision

    @classmethod
    def parse(cls, raw: object) -> PartialDate:
        """Parse ``YYYY``, ``YYYY-MM``, ``YYYY-MM-DD`` or a ``datetime.date``.

        Raises ValueError with the expected forms when ``raw`` is none of them.
        """
        if isinstance(raw, dt.datetime):
            raw = raw.date()
        if isinstance(raw, dt.date):
            return cls(value=raw.isoformat(), precision=DatePrecision.DAY)
        text = str(raw).strip()
        match = re.fullmatch(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?", text)
        if match is None or isinstance(raw, bool):
            raise ValueError(f"expected a date YYYY, YYYY-MM or YYYY-MM-DD, got {text!r}")
        year, month, day = match.groups()
        try:
            dt.date(int(year), int(month or 1), int(day or 1))
        except ValueError:
            raise ValueError(f"expected a real calendar date, got {text!r}") from None
        precision = (
            DatePrecision.DAY if day else DatePrecision.MONTH if month else DatePrecision.YEAR
        )
        return cls(value=text, precision=precision)

    @property
    def start(self) -> str:
        return {4: self.value + "-01-01", 7: self.value + "-01"}.get(len(self.value), self.value)

    @property
    def end(self) -> str:
        if self.precision is DatePrecision.YEAR:
            return self.value + "-12-31"
        if self.precision is DatePrecision.MONTH:
            year, month = (int(part) for part in self.value.split("-"))
            return f"{self.value}-{calendar.monthrange(year, month)[1]:02d}"
        return self.value


def slug(text: str) -> str:
    """The id-safe form of a name: NFKC, case-folded, runs of non-word characters as ``-``.

    >>> slug("Jiangmen Third People's Hospital")
    'jiangmen-third-people-s-hospital'
    """
    folded = unicodedata.normalize("NFKC", text).casefold()
    return re.sub(r"[\W_]+", "-", folded).strip("-")


def institution_id(name: str) -> str:
    """An institution's id, from its canonical name."""
    return "institution:" + slug(name)


def region_id(chain: list[str]) -> str:
    """A region's id, from its place in the hierarchy: names from the top down."""
    return "region:" + "/".join(slug(name) for name in chain)


def programme_id(name: str) -> str:
    return "programme:" + slug(name)


def agreement_id(
    kind: AgreementKind,
    sides: list[list[str]] | tuple[tuple[str, ...], ...],
    programme: str | None,
    date: PartialDate | None,
) -> str:
    """An agreement's id, from its kind, its sorted sides, its programme and its date.

    The order of sides and of parties within a side does not matter.
    """
    key = {
        "kind": str(kind),
        "sides": sorted(sorted(side) for side in sides),
        "programme": programme,
        "date": date.value if date else None,
    }
    digest = hashlib.sha256(json.dumps(key, sort_keys=True).encode()).hexdigest()
    return "agreement:" + digest[:24]


def document_id(sha256: str) -> str:
    """A document's id, from the sha256 of its text."""
    return "document:" + sha256[:32]
