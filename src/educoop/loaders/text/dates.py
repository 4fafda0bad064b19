"""Dates in English news text: "May 10, 2024", "Sep. 3, 2024", "2024-05", "last year", and
the ones news writes against its own date ("Nov. 2", "on the 17th", "last March", "on
Tuesday", "yesterday"), read against the article's date."""

from __future__ import annotations

import datetime
import re

from educoop.graph.model import DatePrecision, PartialDate

# English names, whatever the locale (calendar's names follow it).
_MONTH_NAMES = [
    *("January", "February", "March", "April", "May", "June", "July"),
    *("August", "September", "October", "November", "December"),
]
_DAY_NAMES = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
# A month by its name or its usual short forms, with or without a full stop: "Sept 9",
# "Sep. 3", "Nov. 2".
_MONTH_FORMS = {name.lower(): number for number, name in enumerate(_MONTH_NAMES, start=1)}
_MONTH_FORMS |= {name[:3].lower(): number for number, name in enumerate(_MONTH_NAMES, start=1)}
_MONTH_FORMS["sept"] = 9
MONTHS = "|".join(sorted((form.title() for form in _MONTH_FORMS), key=len, reverse=True))
_MONTH = rf"(?:{MONTHS})\b\.?"
_DAY = r"(\d{1,2})(?:st|nd|rd|th)?"
WEEKDAYS = [name.lower() for name in _DAY_NAMES]
_DATE_PATTERNS = (
    (re.compile(rf"\b({_MONTH}) {_DAY},? (\d{{4}})\b"), "mdy"),
    (re.compile(rf"\b{_DAY} (?:of )?({_MONTH}),? (\d{{4}})\b"), "dmy"),
    (re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b"), "iso"),
    (re.compile(rf"\b({_MONTH}),? (\d{{4}})\b"), "my"),
    (re.compile(r"\b(?:in|since|from) (\d{4})\b"), "y"),
    # Without a year, a day and month take the article's year.
    (re.compile(rf"\b({_MONTH}) {_DAY}\b(?!,? \d)"), "md"),
    (re.compile(rf"\b{_DAY} (?:of )?({_MONTH})(?!,? \d)"), "dm"),
    (re.compile(r"\b(last|this|next) year\b", re.IGNORECASE), "relative"),
    # "last March": the latest March before the article's month.
    (re.compile(rf"\b[Ll]ast ({_MONTH})\b"), "last month"),
    # "on the 17th": a day of the article's month, or of the month before when it is later
    # than the article's day. Not "the 17th century" nor "the 17th floor".
    (re.compile(r"\b[Oo]n the (\d{1,2})(?:st|nd|rd|th)\b(?! [a-z])"), "day"),
    # "on Tuesday": the latest such day up to the article's date; "last Friday": before it.
    (re.compile(rf"\b[Oo]n ({'|'.join(_DAY_NAMES)})\b"), "weekday"),
    (re.compile(rf"\b[Ll]ast ({'|'.join(_DAY_NAMES)})\b"), "last weekday"),
    (re.compile(r"\b[Yy]esterday\b"), "yesterday"),
)
_RELATIVE_YEARS = {"last": -1, "this": 0, "next": 1}


def _month(name: str) -> int:
    return _MONTH_FORMS[name.rstrip(".").lower()]


def _day_of(reference: PartialDate | None) -> datetime.date | None:
    if reference is None or reference.precision is not DatePrecision.DAY:
        return None
    return datetime.date.fromisoformat(reference.value)


def _relative(form: str, word: str, reference: PartialDate | None) -> PartialDate | None:
    """A date given against the article's: None when the article's date is not precise
    enough to place it."""
    year = int(reference.value[:4]) if reference else None
    if year is None or reference is None:
        return None
    if form == "relative":
        return PartialDate.parse(str(year + _RELATIVE_YEARS[word.lower()]))
    if form == "last month":
        if len(reference.value) < 7:
            return None
        month = _month(word)
        before = month < int(reference.value[5:7])
        return PartialDate.parse(f"{year if before else year - 1}-{month:02d}")
    day = _day_of(reference)
    if day is None:
        return None
    if form == "day":
        wanted = int(word)
        month_start = day.replace(day=1)
        if wanted > day.day:  # the month before
            month_start = (month_start - datetime.timedelta(days=1)).replace(day=1)
        return PartialDate.parse(month_start.replace(day=wanted).isoformat())
    if form in ("weekday", "last weekday"):
        back = (day.weekday() - WEEKDAYS.index(word.lower())) % 7
        if back == 0 and form == "last weekday":
            back = 7
        return PartialDate.parse((day - datetime.timedelta(days=back)).isoformat())
    return PartialDate.parse((day - datetime.timedelta(days=1)).isoformat())  # yesterday


def find_date(text: str, reference: PartialDate | None = None) -> PartialDate | None:
    """The first date a sentence states, with its precision. A date without its year
    ("on May 10", "Sept 9", "last year", "on the 17th", "on Tuesday") is read against
    ``reference`` (the article's date), and skipped when there is none.

    Examples
    --------
    >>> find_date("signed on Sep. 3, 2024").value
    '2024-09-03'
    >>> find_date("signed on the 17th", PartialDate.parse("2025-05-20")).value
    '2025-05-17'
    """
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
            if form == "md" and year is not None:
                return PartialDate.parse(f"{year}-{_month(groups[0]):02d}-{int(groups[1]):02d}")
            if form == "dm" and year is not None:
                return PartialDate.parse(f"{year}-{_month(groups[1]):02d}-{int(groups[0]):02d}")
            if form in ("md", "dm"):
                continue
            found = _relative(form, groups[0] if groups else "", reference)
        except ValueError:
            continue
        if found is not None:
            return found
    return None
