"""Words of names shared by the extractor and the registry: the head nouns that end an
institution's name, the words of generic public bodies, and the range of Chinese characters.
"""

from __future__ import annotations

import re

from educoop.graph.model import InstitutionKind

# CJK Unified Ideographs and Extension A: the characters of Chinese names.
CJK_RANGE = "\u3400-\u4dbf\u4e00-\u9fff"
CJK = re.compile(f"[{CJK_RANGE}]")

# Head nouns that end an institution's name, with the kind they suggest.
HEADS: dict[str, InstitutionKind] = {
    "university": InstitutionKind.UNIVERSITY,
    "college": InstitutionKind.COLLEGE,
    "polytechnic": InstitutionKind.COLLEGE,
    "school": InstitutionKind.SCHOOL,
    "kindergarten": InstitutionKind.KINDERGARTEN,
    "gymnasium": InstitutionKind.SCHOOL,
    "lyceum": InstitutionKind.SCHOOL,
    "conservatory": InstitutionKind.COLLEGE,
    "hospital": InstitutionKind.HOSPITAL,
    "institute": InstitutionKind.RESEARCH,
    "academy": InstitutionKind.RESEARCH,
    "laboratory": InstitutionKind.RESEARCH,
    "bureau": InstitutionKind.GOVERNMENT,
    "commission": InstitutionKind.GOVERNMENT,
    "government": InstitutionKind.GOVERNMENT,
    "ministry": InstitutionKind.GOVERNMENT,
    "department": InstitutionKind.GOVERNMENT,
    "committee": InstitutionKind.GOVERNMENT,
    "center": InstitutionKind.OTHER,
    "centre": InstitutionKind.OTHER,
    "council": InstitutionKind.ASSOCIATION,
    "association": InstitutionKind.ASSOCIATION,
    "federation": InstitutionKind.ASSOCIATION,
    "foundation": InstitutionKind.ASSOCIATION,
    "society": InstitutionKind.ASSOCIATION,
    "company": InstitutionKind.COMPANY,
    "group": InstitutionKind.COMPANY,
    "bank": InstitutionKind.OTHER,
    "trust": InstitutionKind.OTHER,
    "agency": InstitutionKind.GOVERNMENT,
    "authority": InstitutionKind.GOVERNMENT,
    "board": InstitutionKind.GOVERNMENT,
    "office": InstitutionKind.GOVERNMENT,
    "secretariat": InstitutionKind.GOVERNMENT,
    "fund": InstitutionKind.ASSOCIATION,
    "institution": InstitutionKind.OTHER,
    "consortium": InstitutionKind.ASSOCIATION,
    "corporation": InstitutionKind.COMPANY,
}
# Words of the names of public bodies anywhere. A name made only of these and head nouns
# ("Municipal Education Bureau", "Ministry of Education") says not whose body it is.
GENERIC_WORDS = frozenset(
    {
        "municipal",
        "provincial",
        "county",
        "district",
        "city",
        "national",
        "central",
        "state",
        "regional",
        "local",
        "people's",
        "party",
        "leadership",
        "organization",
        "organisation",
        "civil",
        "service",
        "talent",
        "work",
        "education",
        "educational",
        "development",
        "demonstration",
        "standing",
        "general",
        "affairs",
        "health",
        "science",
        "technology",
        "public",
        "foreign",
        "international",
        "human",
        "resources",
        "social",
        "security",
        "culture",
        "sports",
        "youth",
        "union",
        "federal",
        "the",
        "of",
        "and",
        "for",
        "&",
    }
)


def generic_name(name: str) -> bool:
    """A name that says not whose body it is: "Municipal Education Bureau"."""
    return all(word.lower() in HEADS or word.lower() in GENERIC_WORDS for word in name.split())
