"""Dates in English news text: "May 10, 2024", "2024-05", "last year", read against the
article's date when they give no year."""

from __future__ import annotations

import re

from educoop.graph.model import PartialDate

MONTHS = "January|February|March|April|May|June|July|August|September|October|November|December"
_DATE_PATTERNS = (
    (re.compile(rf"\b({MONTHS}) (\d{{1,2}}),? (\d{{4}})\b"), "mdy"),
    (re.compile(rf"\b(\d{{1,2}}) ({MONTHS}),? (\d{{4}})\b"), "dmy"),
    (re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b"), "iso"),
    (re.compile(rf"\b({MONTHS}),? (\d{{4}})\b"), "my"),
    (re.compile(r"\b(?:in|since|from) (\d{4})\b"), "y"),
    # Without a year, a day and month take the article's year.
    (re.compile(rf"\b({MONTHS}) (\d{{1,2}})\b(?!,? \d)"), "md"),
    (re.compile(rf"\b(\d{{1,2}}) ({MONTHS})\b(?!,? \d)"), "dm"),
    (re.compile(r"\b(last|this|next) year\b", re.IGNORECASE), "relative"),
)
_RELATIVE_YEARS = {"last": -1, "this": 0, "next": 1}


def _month(name: str) -> int:
    return MONTHS.split("|").index(name) + 1


def find_date(text: str, reference: PartialDate | None = None) -> PartialDate | None:
    """The first date a sentence states, with its precision. A date without its year
    ("on May 10", "last year") is read against ``reference`` (the article's date), and
    skipped when there is none."""
    year = int(reference.value[:4]) if reference else None
    for pattern, form in _DATE_PATTERNS:
        match = pattern.search(text)
        if not match:
            continue
        groups = match.groups()
        try:
            if form == "mdy":
                return PartialDate.parse(
                    f"{groups[2]}-{_month(groups[0]):02d}-{int(groups[1]):02d}"
                )
            if form == "dmy":
                return PartialDate.parse(
                    f"{groups[2]}-{_month(groups[1]):02d}-{int(groups[0]):02d}"
                )
            if form == "iso":
                return PartialDate.parse("-".join(groups))
            if form == "my":
                return PartialDate.parse(f"{groups[1]}-{_month(groups[0]):02d}")
            if form == "y":
                return PartialDate.parse(groups[0])
            if year is None:
                continue
            if form == "md":
                return PartialDate.parse(f"{year}-{_month(groups[0]):02d}-{int(groups[1]):02d}")
            if form == "dm":
                return PartialDate.parse(f"{year}-{_month(groups[1]):02d}-{int(groups[0]):02d}")
            return PartialDate.parse(str(year + _RELATIVE_YEARS[groups[0].lower()]))
        except ValueError:
            continue
    return None
