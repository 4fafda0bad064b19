"""Which script an article's lines are in, and traditional characters read as simplified
(issue 18): routing lines to the English or the Chinese reader, and OpenCC's tables
character for character, so that offsets into the article stay true."""

from __future__ import annotations

import re
from functools import cache
from typing import Any

from educoop.loaders.records import InstitutionIn, RecordFile, RegionIn

# Han characters, for routing: a text is Chinese when most of its letters are.
HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff]")
_LETTER = re.compile(r"[A-Za-z\u3400-\u4dbf\u4e00-\u9fff]")


def is_chinese(text: str) -> bool:
    """Most of the text's letters are Han characters.

    >>> is_chinese("杭州二中与开化中学结对"), is_chinese("Alpha College (阿尔法学院) signed")
    (True, False)
    """
    letters = _LETTER.findall(text)
    return bool(letters) and len(HAN.findall(text)) * 2 > len(letters)


def split_by_script(text: str) -> tuple[str, str]:
    """The text twice, of the same length: its English lines with the Chinese ones blanked,
    and its Chinese lines with the English ones blanked.

    >>> english, chinese = split_by_script("Two schools pair up.\n\n两校结对。")
    >>> english.strip(), chinese.strip()
    ('Two schools pair up.', '两校结对。')
    """
    english, chinese = [], []
    for paragraph in re.split(r"(\n)", text):  # each line: some articles have no blank lines
        blank = re.sub(r"[^\n]", " ", paragraph)
        zh = is_chinese(paragraph)
        english.append(blank if zh else paragraph)
        chinese.append(paragraph if zh else blank)
    return "".join(english), "".join(chinese)


def merged(main: RecordFile, other: RecordFile) -> RecordFile:
    """The records of an article read by the reader of its main script (``main``) and by
    the other (``other``): what the other reading adds is kept only where its parties are
    names the main reading knows (an article that gives its names in both scripts). A name
    only the other script gives would be a second node for a body the main reading names
    in its own language, until names are linked across languages."""
    named: list[InstitutionIn | RegionIn] = [*main.institutions, *main.regions]
    known = {name: entry.name for entry in named for name in (entry.name, *entry.aliases)}
    added = [
        agreement.model_copy(
            update={"sides": [[known[name] for name in side] for side in agreement.sides]}
        )
        for agreement in other.agreements
        if all(name in known for side in agreement.sides for name in side)
    ]
    agreements = sorted([*main.agreements, *added], key=lambda a: a.evidence_start or 0)
    return main.model_copy(update={"agreements": agreements})


@cache
def _converter() -> Any:
    from opencc import OpenCC

    return OpenCC("t2s")


def simplified(text: str) -> str:
    """The text in simplified characters, character for character (so offsets stay)."""
    converted = _converter().convert(text)
    if len(converted) != len(text):  # a phrase converted to another length
        converted = "".join(_converter().convert(char)[:1] or char for char in text)
    return converted


def in_the_article_s_characters(records: RecordFile, simple: str, text: str) -> RecordFile:
    """The records read from the simplified text, their names and evidence put back into
    the characters the article uses."""
    original: dict[str, str] = {}
    for name in [i.name for i in records.institutions]:
        at = simple.find(name)
        if at >= 0 and text[at : at + len(name)] != name:
            original[name] = text[at : at + len(name)]
    for institution in records.institutions:
        if institution.name in original:
            institution.aliases = [institution.name, *institution.aliases]
            institution.name = original[institution.name]
    # Places keep the simplified name the gazetteer knows; the article's form is an alias.
    for region in records.regions:
        written = [
            text[at : at + len(alias)] if (at := simple.find(alias)) >= 0 else alias
            for alias in [region.name, *region.aliases]
        ]
        region.aliases = [*dict.fromkeys(form for form in written if form != region.name)]
    for programme in records.programmes:
        at = simple.find(programme.name)
        if at >= 0 and text[at : at + len(programme.name)] != programme.name:
            original[programme.name] = text[at : at + len(programme.name)]
            programme.aliases = [programme.name, *programme.aliases]
            programme.name = original[programme.name]
        for participant in programme.participants:
            participant.name = original.get(participant.name, participant.name)
    for agreement in records.agreements:
        agreement.sides = [[original.get(name, name) for name in side] for side in agreement.sides]
        if agreement.programme is not None:
            agreement.programme = original.get(agreement.programme, agreement.programme)
        if agreement.evidence_start is not None and agreement.evidence_end is not None:
            agreement.evidence = text[agreement.evidence_start : agreement.evidence_end].strip()
    return records
