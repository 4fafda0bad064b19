"""The Matcher's patterns of names: institutions (English names ending in a head noun,
foreign names led by theirs, schools named with a number, companies) and programmes."""

from __future__ import annotations

from typing import Any

from educoop.loaders.text.dates import MONTHS, WEEKDAYS
from educoop.loaders.text.words import (
    COMPANY_SUFFIXES,
    FOREIGN_HEADS,
    FOREIGN_JOINERS,
    FOREIGN_LINKS,
    GOVERNMENT_UNITS,
    GROUPE_SCOLAIRE,
    INDONESIAN_HEADS,
    JOB_TITLES,
    NORDIC_HEADS,
    ONE_WORD_HEAD,
    PEOPLE_WORDS,
    PROGRAMME_HEAD,
    SPANISH_SCHOOL_HEADS,
    TAFE,
)
from educoop.loaders.vocabulary import HEADS


def institution_patterns() -> list[list[dict[str, Any]]]:
    """The shapes of institutions' names, for the Matcher; the mentions module picks
    among the matches and trims them."""
    # A capitalised word that is not a head noun ("Beijing" in "Beijing No. 4 High School").
    word = {"IS_TITLE": True, "LOWER": {"NOT_IN": list(HEADS)}}
    number = {"TEXT": {"REGEX": r"^(\d+|No\.?|[IVX]+)$"}}
    upper = {"IS_UPPER": True, "LENGTH": {">=": 2}, "LOWER": {"NOT_IN": list(HEADS)}}
    name_word = {
        "OP": "+",
        # "A&F" in "Northwest A&F University": initials joined by an ampersand.
        "TEXT": {"REGEX": r"^([A-Z][\w'\u2019.&-]*|\d+|No\.?|['\u2019]s?)$"},
        "LOWER": {"NOT_IN": list(HEADS)},
    }
    # A lower-case head ("the Foshan hospital") is a description, not a name.
    head = {"LOWER": {"IN": list(HEADS)}, "IS_TITLE": True}
    # A tail ends before another head noun: "Center for X Exchange Ministry" stops at "Exchange".
    tail_word = {"TEXT": {"REGEX": r"^[A-Z][\w'\u2019-]*$"}, "LOWER": {"NOT_IN": list(HEADS)}}
    of = {"LOWER": {"IN": ["of", "for"]}}
    # A country's or province's name, a possessive in it: "People's Republic of China".
    realm = {
        "TEXT": {"REGEX": r"^([A-Z][\w'\u2019-]*|['\u2019]s|of)$"},
        "LOWER": {"NOT_IN": [*HEADS, *JOB_TITLES, *PEOPLE_WORDS]},
        "OP": "+",
    }
    possessive = {"ORTH": {"IN": ["'s", "\u2019s"]}}
    # A person's name, initials too: "I. Razzakov".
    initialled = {"TEXT": {"REGEX": r"^[A-Z][\w'\u2019.-]*$"}}
    # What a school is affiliated to, and named after.
    parent = {"LOWER": {"IN": ["university", "college", "institute", "academy"]}, "IS_TITLE": True}
    affiliated = {"LOWER": {"IN": ["affiliated", "attached"]}}
    # One capitalised word that is not a post: "Strait" of "Strait of Magellan Institute",
    # never "President" of "President of X College".
    not_a_post = {"IS_TITLE": True, "LOWER": {"NOT_IN": [*HEADS, *JOB_TITLES, *PEOPLE_WORDS]}}
    # A weekday or a month after a name is no part of it: "Forschungszentrum Jülich Monday".
    dates = [*WEEKDAYS, *MONTHS.lower().split("|")]
    # A place in parentheses inside a name: "National Innovation (Jiangmen) Demonstration Center".
    bracketed: list[dict[str, Any]] = [{"ORTH": "("}, {"IS_TITLE": True}, {"ORTH": ")"}]
    # Names in French, Spanish, Portuguese, Italian and German lead with their head noun and
    # join words with "de", "del", "des" ...: "Universidad Nacional de Colombia", "Ecole
    # superieure des technologies industrielles de Lyon", "Cegep de Beauport-Montmorency".
    foreign_head = {"LOWER": {"IN": sorted(FOREIGN_HEADS)}, "IS_TITLE": True}
    joiner = {"LOWER": {"IN": sorted(FOREIGN_JOINERS)}}
    inner = {
        "OP": "*",
        # A school's number too: "Szkoła Podstawowa nr 3 w Lubaniu".
        "TEXT": {"REGEX": r"^([A-Za-z\u00c0-\u024f][\w'\u2019.-]*|\d{1,3})$"},
        "LOWER": {"NOT_IN": ["and", "the", "with", "or", "to", "in", "at", "by", "signed"]},
    }
    # An elided article may lead it: "Université de Pau et des Pays de l'Adour".
    place = {
        "OP": "+",
        "TEXT": {"REGEX": r"^([ld]['\u2019])?[A-Z\u00c0-\u00de\u0100-\u017f][\w'\u2019.-]*$"},
    }
    # Nordic names end in a lower-case head: "Hertso gymnasium", "Saltstraumen videregaende
    # skole".
    nordic_head = {"LOWER": {"IN": sorted(NORDIC_HEADS)}}
    czech_school = {"LOWER": {"IN": ["škola", "skola"]}}
    # Czech adjectives in lower case end in a long vowel: "polytechnická", "mateřská".
    czech_adjectives = {"TEXT": {"REGEX": r"^[a-zá-ž]+[áéíý]$"}, "OP": "*"}
    groupe_scolaire = [{"ORTH": GROUPE_SCOLAIRE[0]}, {"ORTH": GROUPE_SCOLAIRE[1]}]
    # A place or field joined to the one before: "Hochschule für Technik und Wirtschaft
    # Berlin", "Universidad Politécnica de Castilla y León", "... v Ústí nad Labem"; what
    # follows is no head (that would be a second name: "Universidad de Chile y Pontificia
    # Universidad Católica").
    linked = {"LOWER": {"IN": sorted(FOREIGN_LINKS)}, "OP": "+"}
    heads = sorted({*HEADS, *FOREIGN_HEADS})
    linked_place = {**place, "LOWER": {"NOT_IN": heads}}
    patterns: list[list[dict[str, Any]]] = [
        [foreign_head, inner, joiner, place],
        [foreign_head, inner, joiner, place, linked, linked_place],
        # A numeral before the head: "II Liceum Ogólnokształcące w Jeleniej Górze".
        [{"TEXT": {"REGEX": r"^[IVX]{1,4}$"}}, foreign_head, inner, joiner, place],
        # An adjective before a lower-case head: "Technická univerzita v Liberci".
        [
            {"IS_TITLE": True, "LOWER": {"NOT_IN": list(HEADS)}},
            {"LOWER": {"IN": sorted(FOREIGN_HEADS)}, "IS_LOWER": True},
            joiner,
            place,
        ],
        # A Czech school or college: an adjective, "škola", adjectives after it, then its
        # place ("Vysoká škola polytechnická Severní Čechy"), or two joined by "a"
        # ("Základní škola a mateřská škola Boží Dar").
        [{"IS_TITLE": True}, czech_school, czech_adjectives, place],
        [
            {"IS_TITLE": True},
            czech_school,
            czech_adjectives,
            {"LOWER": "a"},
            czech_adjectives,
            czech_school,
            place,
        ],
        [*groupe_scolaire, inner, joiner, place],
        [
            *groupe_scolaire,
            {"TEXT": {"REGEX": r"^[A-Z\u00c0-\u00de\u0100-\u017f][\w'\u2019.-]*$"}, "OP": "+"},
        ],
        # Capitalised words after the head, a king's numeral or a word with an apostrophe
        # among them: "Université Mohammed VI Polytechnique", "Universidade Nacional Timor
        # Lorosa'e".
        # ("Junta" only before "de": "Junta Chief X" is English.)
        [
            {**foreign_head, "LOWER": {"IN": sorted(FOREIGN_HEADS - {"junta"})}},
            {"TEXT": {"REGEX": r"^[A-Z\u00c0-\u00de\u0100-\u017f][\w'\u2019.-]*$"}, "OP": "+"},
        ],
        [foreign_head, {"ORTH": {"IN": ["No.", "No"]}}, {"TEXT": {"REGEX": r"^\d+$"}}],
        [{**name_word, "OP": "+"}, {"IS_LOWER": True, "OP": "?"}, nordic_head],
        # A compound head after a place or an adjective, and its town: "Eesti Maaülikool",
        # "Berufliches Schulzentrum Amberg".
        [
            {**name_word, "OP": "+"},
            {"TEXT": {"REGEX": ONE_WORD_HEAD.pattern}},
            {"IS_TITLE": True, "LOWER": {"NOT_IN": dates}, "OP": "?"},
        ],
        # An ordinal before the head: "Rīgas Valsts 1. ģimnāzija".
        [name_word, {"TEXT": {"REGEX": r"^\d{1,2}$"}}, {"ORTH": "."}, nordic_head],
    ]
    bodies: list[list[dict[str, Any]]] = [
        [name_word, head],
        # "Chengdu Vocational & Technical College of Industry" writes "and" as "&".
        [name_word, {"LOWER": {"IN": ["and", "&"]}}, name_word, head],
        # "Education and Sports Bureau of Lancang County".
        [name_word, {"LOWER": {"IN": ["and", "&"]}}, name_word, head, of, {**tail_word, "OP": "+"}],
        [name_word, *bracketed, name_word, head],
        [name_word, head, of, {"LOWER": "the", "OP": "?"}, {**tail_word, "OP": "+"}],
        [
            name_word,
            head,
            {"LOWER": {"IN": ["of", "for"]}},
            {**tail_word, "OP": "+"},
            {"LOWER": "and"},
            {**tail_word, "OP": "+"},
        ],
        [head, {"LOWER": "of"}, {**tail_word, "OP": "+"}],
        # A place joined by a small word of its language: "University of Dar es Salaam".
        [head, {"LOWER": "of"}, tail_word, joiner, tail_word],
        # A body of a country or province named after it: "Ministry of Education of
        # Mongolia", "Ministry of Education and Sports of the Lao People's Democratic
        # Republic".
        [head, of, {**tail_word, "OP": "+"}, of, {"LOWER": "the", "OP": "?"}, realm],
        [
            head,
            of,
            {**tail_word, "OP": "+"},
            {"LOWER": "and"},
            {**tail_word, "OP": "+"},
            of,
            {"LOWER": "the", "OP": "?"},
            realm,
        ],
        # A field named with a head noun: "Department of School Education".
        [
            {"LOWER": {"IN": sorted(GOVERNMENT_UNITS)}, "IS_TITLE": True},
            of,
            {**tail_word, "OP": "*"},
            head,
            {**tail_word, "OP": "+"},
        ],
        # "University of the Southern Andes", "Strait of Magellan Technical Institute".
        [head, {"LOWER": "of"}, {"LOWER": "the"}, {**tail_word, "OP": "+"}],
        [not_a_post, {"LOWER": "of"}, name_word, head],
        # "University College Cork", "University College London": a college named so, its
        # place after it.
        [{"ORTH": "University"}, {"ORTH": "College"}, {**tail_word, "OP": "+"}],
        # Two heads: "Cadiz Bay Polytechnic University", "National Polytechnic Institute of
        # Cambodia".
        [name_word, head, head],
        # A number after the head: "Darkhan Secondary School No. 5", "Lyceum No. 2".
        [name_word, head, {"ORTH": {"IN": ["No.", "No"]}}, {"TEXT": {"REGEX": r"^\d{1,3}$"}}],
        [
            name_word,
            head,
            head,
            {"ORTH": {"IN": ["No.", "No"]}},
            {"TEXT": {"REGEX": r"^\d{1,3}$"}},
        ],
        [name_word, head, head, of, {"LOWER": "the", "OP": "?"}, {**tail_word, "OP": "+"}],
        # A school named with the body that runs it: "Mental Health Association of Hong Kong
        # Cornwall School", "Po Leung Kuk Foundation of X College".
        [
            name_word,
            {"LOWER": {"IN": ["association", "foundation", "society", "federation"]}},
            of,
            name_word,
            {"LOWER": {"IN": ["school", "college", "kindergarten"]}, "IS_TITLE": True},
        ],
        # "Einstein-Gymnasium", "Martin-Schongauer-Gymnasium Breisach".
        [
            {"TEXT": {"REGEX": ONE_WORD_HEAD.pattern}},
            {"IS_TITLE": True, "LOWER": {"NOT_IN": dates}, "OP": "*"},
        ],
        # "SMA Negeri 5 Surabaya", "SD Negeri Kaliasin I", "IES A Guía".
        [
            {"ORTH": {"IN": INDONESIAN_HEADS + SPANISH_SCHOOL_HEADS}},
            {"ORTH": {"IN": ["Negeri", "Swasta"]}, "OP": "?"},
            # The number and the town, not a post or a date after them.
            {
                "TEXT": {"REGEX": r"^([A-Z][\w'-]*|\d+)$"},
                "LOWER": {
                    "NOT_IN": [
                        *("negeri", "swasta"),
                        *JOB_TITLES,
                        *PEOPLE_WORDS,
                        *MONTHS.lower().split("|"),
                        *WEEKDAYS,
                    ]
                },
                "OP": "+",
            },
        ],
        [{"TEXT": {"REGEX": r"^[A-Z][a-z]+$"}, "IS_STOP": False, "OP": "+"}, {"ORTH": TAFE}],
        [{"ORTH": TAFE}, {"ORTH": {"IN": ["NSW", "Queensland", "SA", "Tasmania"]}}],
        # Companies: "Austral Hydrogen Energy S.A.", "Acme Learning Ltd".
        [name_word, {"ORTH": {"IN": COMPANY_SUFFIXES}}],
        # "Kenya Electricity Generating Company PLC".
        [name_word, head, {"ORTH": {"IN": COMPANY_SUFFIXES}}],
        [
            head,
            {"LOWER": "of"},
            {**tail_word, "OP": "+"},
            {"LOWER": "and"},
            {**tail_word, "OP": "+"},
        ],
        # "Education Bureau of the Hong Kong Special Administrative Region Government".
        [name_word, head, of, {"LOWER": "the"}, {**tail_word, "OP": "+"}, head],
        # "University of Texas at El Paso", "Beijing Normal University at Zhuhai" (kept only
        # when what follows "at" is a place: see _at_a_place).
        [head, of, {**tail_word, "OP": "+"}, {"LOWER": "at"}, {**tail_word, "OP": "+"}],
        [name_word, head, {"LOWER": "at"}, {**tail_word, "OP": "+"}],
        [word, number, name_word, head],
        [upper, head],
        # A name led by a head noun: "Government Higher Secondary School".
        [head, name_word, head],
        # "El Paso Independent School District".
        [name_word, {"ORTH": "School"}, {"ORTH": "District"}],
        # A name inside a name: "Peking University Third Hospital", "Baptist University
        # Affiliated School Wong Kam Fai Secondary and Primary School".
        [name_word, head, name_word, head],
        [name_word, head, name_word, {"LOWER": "and"}, name_word, head],
        [name_word, head, name_word, head, name_word, {"LOWER": "and"}, name_word, head],
        # A unit named with its owner: "Zhejiang University's College of Agriculture and
        # Biotechnology".
        [name_word, head, possessive, head, of, {**tail_word, "OP": "+"}],
        [
            name_word,
            head,
            possessive,
            head,
            of,
            {**tail_word, "OP": "+"},
            {"LOWER": "and"},
            {**tail_word, "OP": "+"},
        ],
        # "Kyrgyz State Technical University named after I. Razzakov".
        [name_word, head, {"LOWER": "named"}, {"LOWER": "after"}, {**initialled, "OP": "+"}],
        # A school of a university, named after it: "Affiliated High School of South China
        # Normal University", "School of Tourism of Hainan Tropical Ocean University", "High
        # School Affiliated to Renmin University of China".
        [name_word, head, {"LOWER": "of"}, name_word, parent],
        [head, {"LOWER": "of"}, {**tail_word, "OP": "+"}, {"LOWER": "of"}, name_word, parent],
        [name_word, head, affiliated, {"LOWER": "to"}, name_word, parent],
        # "Wuhan University of Technology Affiliated Fozuling Primary School", "Huazhong
        # University of Science and Technology Affiliated Optics Valley Middle School".
        [name_word, parent, of, {**tail_word, "OP": "+"}, affiliated, name_word, head],
        [
            name_word,
            parent,
            of,
            {**tail_word, "OP": "+"},
            {"LOWER": "and"},
            {**tail_word, "OP": "+"},
            affiliated,
            name_word,
            head,
        ],
        [
            name_word,
            head,
            affiliated,
            {"LOWER": "to"},
            name_word,
            parent,
            of,
            {**tail_word, "OP": "+"},
        ],
    ]
    return patterns + bodies


def programme_patterns() -> list[list[dict[str, Any]]]:
    """The shapes of programmes' names ("X Alliance", "Y Plan"), for the Matcher."""
    # Inside a programme's name: capitalised words, numbers, years, and the small words that
    # join them ("Teachers and Principals", "Guangzhou (Huangpu)").
    inner = {
        "OP": "+",
        "TEXT": {"REGEX": r"^([A-Z0-9][\w'\u2019.&-]*|and|of|for|&|\(|\)|-)$"},
    }
    head = {"TEXT": {"REGEX": PROGRAMME_HEAD}}
    tail = {"OP": "+", "TEXT": {"REGEX": r"^([A-Z][\w'\u2019-]*|and|&)$"}}
    return [
        [inner, head],
        [inner, head, {"LOWER": {"IN": ["for", "of"]}}, {"LOWER": "the", "OP": "?"}, tail],
    ]
