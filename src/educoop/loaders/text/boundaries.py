"""Where a name the Matcher found ends: two names run together across "and" ("Sichuan
Province and Shude Middle School"), a person's post after "and", a bracketed word or a
quoted dedication after a name, and a bureau joined with its government ("Education Bureau,
Taichung City Government") (issue 16, class 2)."""

from __future__ import annotations

import re

from spacy.tokens import Doc

from educoop.loaders.gazetteer import bundled_gazetteer
from educoop.loaders.text.shortnames import _acronym
from educoop.loaders.text.words import (
    COMPANY_SUFFIXES,
    FOREIGN_ANDS,
    FOREIGN_HEADS,
    GOVERNMENT_UNITS,
    JOB_TITLES,
    POSSESSIVES,
)
from educoop.loaders.vocabulary import HEADS


def _two_names(doc: Doc, start: int, end: int) -> bool:
    """Whether a match runs two names together across "and": "Ysleta Independent School
    District and El Paso Community College", "XJTU and Al-Farabi Kazakh National
    University", "the County Government of Nyeri and DeKUT". The part before "and" is a
    whole name (two words or more ending in a head noun) or a short name in capitals, or
    the part after it is; "University of Science and Technology" is one."""
    # "Co., Ltd. and Seres Group": the first word ends a company's name before it.
    if doc[start].text in COMPANY_SUFFIXES and end - start > 1 and doc[start + 1].lower_ == "and":
        return True
    run = start  # the part before "and" may begin before the match: "Sany Heavy Industry"
    while run > 0 and doc[run - 1].text[:1].isupper() and not doc[run].is_sent_start:
        run -= 1
    for i in range(start + 1, end - 1):
        # Another language's "and" before a head: "Universidad de Chile y Pontificia
        # Universidad Católica" (not "Instituto Tecnológico y de Estudios Superiores").
        if doc[i].lower_ in FOREIGN_ANDS and any(
            t.lower_ in FOREIGN_HEADS and t.is_title for t in doc[i + 1 : min(i + 3, end)]
        ):
            return True
        if doc[i].lower_ != "and":
            continue
        if (i == start + 1 and _acronym(doc[start].text)) or (
            i == end - 2 and (_acronym(doc[i + 1].text) or doc[i + 1].text in _bracketed(doc))
        ):
            return True
        # The part before "and" is named alone elsewhere: "Sany Heavy Industry Co., Ltd."
        # above "Sany Heavy Industry and Hunan Railway ... College".
        if i + 2 < end and _named_alone(doc, doc[run:i].text):
            return True
        # "Safaricom PLC and Uganda's Makerere University": a company's suffix ends a name,
        # and a place that owns what follows opens one.
        owner = i + 2 < end and doc[i + 2].text in POSSESSIVES
        if doc[i - 1].text in COMPANY_SUFFIXES or (
            owner and bundled_gazetteer().candidates(doc[i + 1].text)
        ):
            return True
        if i == start + 1 or not doc[i + 1].is_title:
            continue
        # A post after "and" is a person's: "Tottori Prefectural Board of Education and
        # Deputy Superintendent Park Min-jae".
        if doc[i + 1].lower_ in JOB_TITLES:
            return True
        # A head on each side is two names: "Dedan Kimathi University of Technology and
        # Brookside Dairy Limited" (not "University of Science and Technology").
        lower, texts = doc.user_data["lower"], doc.user_data["text"]
        if (
            end - i > 2
            # "Secondary and Primary School" shares its head.
            and lower[i + 1] not in _SHARING_A_HEAD
            # "X University of Science and Technology Affiliated Y School" is one name.
            and "affiliated" not in lower[i + 1 : end]
            and any(word in HEADS for word in lower[start:i])
            and any(
                (lower[j] in HEADS and texts[j][:1].isupper()) or texts[j] in COMPANY_SUFFIXES
                for j in range(i + 1, end)
            )
        ):
            return True
        # A place after "and" opens the next name: "Wuxi Institute of Technology and Anhui
        # Vocational and Technical College".
        # (Not two places joined: "Department of Hong Kong and Macao Affairs".)
        headed = any(word in HEADS for word in lower[start:i])
        placed = any(bundled_gazetteer().candidates(" ".join(texts[j:i])) for j in (i - 1, i - 2))
        if headed and i + 2 < end and not placed and bundled_gazetteer().candidates(texts[i + 1]):
            return True
        last = doc[i - 1]
        district = last.lower_ == "district" and doc[i - 2].lower_ == "school"
        if last.is_title and (last.lower_ in HEADS or district):
            return True
    return False


# Posts in title case, as they stand before a person's name.
_POSTS = frozenset(title.title() for title in JOB_TITLES)


def _before_a_post(doc: Doc, start: int, end: int) -> int:
    """Where a match ends that runs on into a post and a person's name of two to four words:
    "Fukuoka Prefectural Board of Education Superintendent Yoshida Kazuhiro" ends before
    "Superintendent"; "Association of Head Teachers" goes on (a post right after "of")."""
    texts, lower = doc.user_data["text"], doc.user_data["lower"]
    for post in range(start + 2, end - 2):
        if texts[post] in _POSTS and end - post <= 5:
            person = all(
                texts[j][:1].isupper() and lower[j] not in HEADS for j in range(post + 1, end)
            )
            return post if person and lower[post - 1] not in {"of", "the", "for"} else end
    return end


def _named_alone(doc: Doc, part: str) -> bool:
    """Whether ``part`` (of two words or more) is a whole name elsewhere in the text: what
    follows it there ends a name (a comma, a semicolon, a colon, a bracket) or is a
    company's suffix ("Sany Heavy Industry Co., Ltd.", "Sany Heavy Industry, Hunan ...");
    not a lower-case word ("Ministry of Education officials")."""
    if " " not in part or bundled_gazetteer().candidates(part):
        return False  # "Hong Kong and Macao Affairs Office" is one name
    written = doc.user_data.setdefault("written alone", {})
    if part not in written:
        written[part] = _written_alone(doc.user_data["whole"], part)
    return written[part]


def _written_alone(text: str, part: str) -> bool:
    for found in re.finditer(rf"{re.escape(part)}\b(?!\s+and\b)(\W*)(\w*\b(?!-))", text):
        marks, word = found.groups()
        if (marks.strip() and marks.strip()[0] in ",;:)") or word in COMPANY_SUFFIXES:
            return True
    return False


# Words that name a kind of school and share the head after them: "Secondary and Primary
# School", "Junior and Senior High School".
_SHARING_A_HEAD = frozenset(
    {"primary", "secondary", "junior", "senior", "middle", "high", "elementary", "vocational"}
    | {"technical", "normal", "affiliated", "experimental", "international", "public"}
)


def _bracketed(doc: Doc) -> frozenset[str]:
    """Capitalised words the text writes alone in brackets: short names it gives ("Tianjin
    Lishen Battery Joint-Stock Co (Lishen)"), and so names of their own after "and"."""
    if "bracketed" not in doc.user_data:
        texts = doc.user_data["text"]
        doc.user_data["bracketed"] = frozenset(
            texts[i]
            for i in range(1, len(texts) - 1)
            if texts[i - 1] == "(" and texts[i + 1] == ")" and texts[i][:1].isupper()
        )
    return doc.user_data["bracketed"]


def _bracketed_end(doc: Doc, end: int) -> int:
    closed = end + 2 < len(doc) and doc[end].text == "(" and doc[end + 2].text == ")"
    if closed and doc[end + 1].is_title:
        return end + 3
    # A company's abbreviated suffix keeps its full stop where a comma follows: "Sdn. Bhd.,".
    if 0 < end < len(doc) - 1 and doc[end].text == "." and doc[end + 1].text == ",":
        return end + 1 if doc[end - 1].text in COMPANY_SUFFIXES else end
    return _dedication_end(doc, end)


def _dedication_end(doc: Doc, end: int) -> int:
    """Past the quoted name an Italian or Spanish school is dedicated to, right after its
    head: 'Liceo Scientifico Statale "Duca degli Abruzzi"'."""
    if end >= len(doc) or doc[end].text not in {'"', "\u201c"} or end < 1:
        return end
    close = next((t.i for t in doc[end + 1 : end + 8] if t.text in {'"', "\u201d"}), None)
    if close is None or close == end + 1 or not doc[end + 1].is_title:
        return end
    headed = any(t.lower_ in FOREIGN_HEADS for t in doc[max(0, end - 4) : end])
    return close + 1 if headed else end


_PARTS = frozenset(
    {"advanced", "school", "college", "institute", "academy", "faculty", "department"}
    | {"centre", "center", "laboratory"}
)


def _with_their_government(doc: Doc, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """``spans`` in order, each department or office followed by ", Government of Y" (or
    "State Government of Y", ", Y City Government", or "of the Government of Y") joined
    with it into one name."""
    joined: list[tuple[int, int]] = []
    for start, end in spans:
        if joined:
            first, last = joined[-1]
            # "Education Bureau of the Government of the Hong Kong Special Administrative
            # Region": a bureau named with the government it belongs to.
            lower = doc.user_data["lower"]
            if (
                start - last == 2
                and lower[last:start] == ["of", "the"]
                and doc.user_data["text"][start] == "Government"
                and lower[last - 1] in HEADS
            ) or (
                # "Advanced Institute of Confucian Studies of Shandong University": a
                # university's part, named with it, is one name.
                start - last == 1
                and lower[last] in {"of", "at"}
                and lower[first] in _PARTS
                and lower[end - 1] in {"university", "college"}
            ):
                joined[-1] = (first, end)
                continue
            words = doc[start : start + 4]
            if (
                start == last + 1
                and doc[last].text == ","
                and any(t.lower_ in GOVERNMENT_UNITS for t in doc[first:last])
                and (
                    (
                        "Government" in [t.text for t in words[:2]]
                        and any(t.lower_ == "of" for t in words)
                    )
                    # "Education Bureau, Taichung City Government".
                    or doc[end - 1].text == "Government"
                )
            ):
                joined[-1] = (first, end)
                continue
        joined.append((start, end))
    return joined
