"""Extract agreements from an article's text with rules and gazetteers on a blank spaCy
pipeline (no trained model, nothing to download).

Institutions are runs of capitalised words ending in a head noun ("... College", "... Bureau"),
programmes runs ending in "... Programme", "... Plan", "... Zone" and the like, both found by
spaCy's Matcher; regions come from the gazetteer through a PhraseMatcher. A sentence with a
trigger word ("signed", "paired", "plan", "exchange" ...) and at least two parties becomes an
agreement, its sides split at "with" (or "between ... and", or "to" for visits), else one side
per party. Organisations named only in a person's job title, and generic names such as
"Municipal Education Bureau" that take no part in an agreement, are left out.
"""

from __future__ import annotations

import bisect
import itertools
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace
from functools import cache
from typing import TYPE_CHECKING, Any, cast

import spacy
from spacy.attrs import SENT_START
from spacy.lang.char_classes import HYPHENS
from spacy.lang.en.stop_words import STOP_WORDS
from spacy.language import Language
from spacy.matcher import Matcher, PhraseMatcher
from spacy.symbols import ORTH
from spacy.tokenizer import Tokenizer
from spacy.tokens import Doc, Span, Token
from spacy.util import compile_infix_regex, filter_spans

from educoop.errors import ModelError
from educoop.graph.model import AgreementKind, InstitutionKind, PartialDate, RegionLevel, Role
from educoop.loaders.gazetteer import KnownRegion, bundled_gazetteer, normalise
from educoop.loaders.records import RecordFile
from educoop.loaders.text.chunks import read_long, spans
from educoop.loaders.vocabulary import CJK_RANGE, HEADS, generic_name

if TYPE_CHECKING:
    from thinc.types import Ints2d

# Head nouns that lead names in other European languages, and the words joining them.
FOREIGN_HEADS = frozenset(
    {
        "universidad",
        "universidade",
        "université",
        "universität",
        "università",
        "universitat",
        "école",
        "escuela",
        "escola",
        "colegio",
        "colégio",
        "collège",
        "lycée",
        "liceo",
        "cégep",
        "instituto",
        "institut",
        "istituto",
        "corporación",
        "fundación",
        "fundação",
        "hochschule",
        "hospital",
        "hôpital",
        "ospedale",
        "centro",
        "centre",
        "academia",
        "académie",
        "conseil",
        "consejo",
        "ministerio",
        "ministère",
        "secretaría",
        "asociación",
        "association",
    }
)
FOREIGN_JOINERS = frozenset(
    {"de", "del", "des", "du", "de la", "della", "di", "da", "do", "dos", "das", "für", "d'"}
)
# Head nouns that end names in Nordic languages, written in lower case.
NORDIC_HEADS = frozenset(
    {
        "skola",
        "skole",
        "gymnasium",
        "gymnas",
        "ungdomsskole",
        "grundskola",
        "högskola",
        "høgskole",
        "universitet",
        "folkhögskola",
        "barneskole",
        "förskola",
    }
)
# The last word of a company's name, as registers write it.
COMPANY_SUFFIXES = ["S.A.", "S.A", "Ltd", "Ltd.", "Inc", "Inc.", "GmbH", "AG", "plc", "PLC", "LLC"]
# The last word of a programme's name; "Programm" and "Programe" are common typos.
PROGRAMME_HEAD = (
    r"^(Program(me|m|e)?|Plan|Zone|Community|Initiative|Scheme|Project|Alliance|Network)$"
)
# Trigger words by agreement kind; the first kind found in a sentence wins, in this order.
TRIGGERS: dict[AgreementKind, tuple[str, ...]] = {
    AgreementKind.BRANCH: ("branch", "branches"),
    AgreementKind.PAIRED: (
        "paired",
        "pairing",
        "pair",
        "pairs",
        "sister",
        "twin",
        "twinning",
        "twinned",
        "sister-school",
    ),
    AgreementKind.PLAN: ("plan", "plans", "blueprint"),
    AgreementKind.SIGNED: (
        "signed",
        "sign",
        "signing",
        "signs",
        "agreement",
        "agreements",
        "memorandum",
        "memoranda",
        "mou",
        "mous",
        "contract",
        "contracts",
        "alliance",
        "partnership",
        "partnered",
        "partnering",
        "partner",
        "partners",
        "tripartite",
        "agreed",
        "agree",
        "agrees",
    ),
    AgreementKind.EXCHANGE: (
        "exchange",
        "exchanges",
        "visit",
        "visits",
        "visited",
        "visiting",
        "delegation",
        "job-shadowing",
        "shadowing",
        "symposium",
        "hosted",
        "welcomed",
    ),
}
# Two-word triggers of exchanges: "a study tour", "study visits".
EXCHANGE_PHRASES = frozenset(
    {
        ("study", "tour"),
        ("study", "tours"),
        ("study", "visit"),
        ("study", "visits"),
        ("study", "trip"),
        ("study", "trips"),
    }
)
# Words that deny what a sentence reports: "No formal agreement was signed".
NEGATIONS = frozenset({"not", "no", "never", "n't", "neither", "nor"})
# Verbs of reporting after a name that is the source of a sentence: ", X said".
REPORTING = frozenset({"said", "says", "confirmed", "announced", "told", "reported", "added"})
# Words before "at X" that make X a venue, not a party: "a ceremony at X", "signed at X".
VENUE_WORDS = frozenset(
    {"ceremony", "held", "meeting", "event", "forum", "conference", "signed", "announced"}
)
# Verbs that create what follows: "to set up the X Centre" makes X a programme, not a party.
CREATION_VERBS = frozenset(
    {"set", "establish", "establishing", "create", "creating", "build", "launch", "found"}
)
# Words of cooperation that, without a trigger, make an exchange only between two places.
COOPERATION_WORDS = frozenset(
    {"cooperation", "co-operation", "collaborative", "collaboration", "jointly", "mutual"}
)
# A person's post: "Director of X", "a member of the Y", "Principal of Z".
JOB_TITLES = frozenset(
    {
        "president",
        "vice-president",
        "director",
        "director-general",
        "dean",
        "principal",
        "chairman",
        "chairwoman",
        "chair",
        "secretary",
        "secretary-general",
        "head",
        "member",
        "members",
        "minister",
        "governor",
        "professor",
        "chancellor",
        "vice-chancellor",
        "rector",
        "provost",
        "founder",
        "spokesperson",
        "spokesman",
        "spokeswoman",
        "officer",
        "manager",
        "leader",
        "representative",
        "commissioner",
        "mayor",
        "deputy",
        "chief",
    }
)
# "organized by X", "coordinated by Y": X and Y take part in a programme in these roles.
ROLE_CUES: dict[str, Role] = {
    "organized": Role.ORGANISER,
    "organised": Role.ORGANISER,
    "coordinated": Role.COORDINATOR,
    "co-ordinated": Role.COORDINATOR,
    "hosted": Role.HOST,
    "initiated": Role.ORGANISER,
    "launched": Role.ORGANISER,
    "funded": Role.FUNDER,
    "sponsored": Role.FUNDER,
}
# "subject to approval by X", "accredited by Y": X and Y oversee, they do not take part.
APPROVAL_WORDS = frozenset(
    {
        "approval",
        "approved",
        "accredited",
        "accreditation",
        "recognised",
        "recognized",
        "endorsed",
        "endorsement",
        "certified",
        "licensed",
    }
)
# "with funding from X", "a grant from X"; "X will fund": X funds a programme.
FUNDING_WORDS = frozenset({"funding", "grant", "grants", "financing"})
FUNDING_VERBS = frozenset({"fund", "funds", "finance", "finances"})
# Words after a place name that belong to it: "Jiangmen City", "Yunhe County".
PLACE_DESIGNATORS = frozenset(
    {"City", "County", "Province", "District", "Municipality", "Region", "State", "SAR"}
)
# Marks that open a list item.
BULLETS = frozenset({"-", "*", "\u2022", "\u2013"})
_CHINESE = re.compile(f"[{CJK_RANGE}()\uff08\uff09]+")
# Small words inside names and headlines.
SMALL_WORDS = frozenset(
    {
        "of",
        "for",
        "and",
        "the",
        "a",
        "an",
        "in",
        "on",
        "at",
        "to",
        "with",
        "by",
        "de",
        "du",
        "des",
        "la",
        "le",
        "für",
        "und",
        "da",
        "do",
        "dos",
    }
)
QUOTES = frozenset({'"', "\u201c", "\u201d"})
_MONTHS = "January|February|March|April|May|June|July|August|September|October|November|December"
_DATE_PATTERNS = (
    (re.compile(rf"\b({_MONTHS}) (\d{{1,2}}),? (\d{{4}})\b"), "mdy"),
    (re.compile(rf"\b(\d{{1,2}}) ({_MONTHS}),? (\d{{4}})\b"), "dmy"),
    (re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b"), "iso"),
    (re.compile(rf"\b({_MONTHS}),? (\d{{4}})\b"), "my"),
    (re.compile(r"\b(?:in|since|from) (\d{4})\b"), "y"),
    # Without a year, a day and month take the article's year.
    (re.compile(rf"\b({_MONTHS}) (\d{{1,2}})\b(?!,? \d)"), "md"),
    (re.compile(rf"\b(\d{{1,2}}) ({_MONTHS})\b(?!,? \d)"), "dm"),
    (re.compile(r"\b(last|this|next) year\b", re.IGNORECASE), "relative"),
)
_RELATIVE_YEARS = {"last": -1, "this": 0, "next": 1}


def _month(name: str) -> int:
    return _MONTHS.split("|").index(name) + 1


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


def _institution_patterns() -> list[list[dict[str, Any]]]:
    # A capitalised word that is not a head noun ("Beijing" in "Beijing No. 4 High School").
    word = {"IS_TITLE": True, "LOWER": {"NOT_IN": list(HEADS)}}
    number = {"TEXT": {"REGEX": r"^(\d+|No\.?|[IVX]+)$"}}
    upper = {"IS_UPPER": True, "LENGTH": {">=": 2}, "LOWER": {"NOT_IN": list(HEADS)}}
    name_word = {
        "OP": "+",
        "TEXT": {"REGEX": r"^([A-Z][\w'\u2019.-]*|\d+|No\.?|['\u2019]s?)$"},
        "LOWER": {"NOT_IN": list(HEADS)},
    }
    # A lower-case head ("the Foshan hospital") is a description, not a name.
    head = {"LOWER": {"IN": list(HEADS)}, "IS_TITLE": True}
    # A tail ends before another head noun: "Center for X Exchange Ministry" stops at "Exchange".
    tail_word = {"TEXT": {"REGEX": r"^[A-Z][\w'\u2019-]*$"}, "LOWER": {"NOT_IN": list(HEADS)}}
    of = {"LOWER": {"IN": ["of", "for"]}}
    # One capitalised word that is not a post: "Strait" of "Strait of Magellan Institute",
    # never "President" of "President of X College".
    not_a_post = {"IS_TITLE": True, "LOWER": {"NOT_IN": [*HEADS, *JOB_TITLES]}}
    # A place in parentheses inside a name: "National Innovation (Jiangmen) Demonstration Center".
    bracketed: list[dict[str, Any]] = [{"ORTH": "("}, {"IS_TITLE": True}, {"ORTH": ")"}]
    # Names in French, Spanish, Portuguese, Italian and German lead with their head noun and
    # join words with "de", "del", "des" ...: "Universidad Nacional de Colombia", "Ecole
    # superieure des technologies industrielles de Lyon", "Cegep de Beauport-Montmorency".
    foreign_head = {"LOWER": {"IN": sorted(FOREIGN_HEADS)}, "IS_TITLE": True}
    joiner = {"LOWER": {"IN": sorted(FOREIGN_JOINERS)}}
    inner = {
        "OP": "*",
        "TEXT": {"REGEX": r"^[A-Za-z\u00c0-\u024f][\w'\u2019.-]*$"},
        "LOWER": {"NOT_IN": ["and", "the", "with", "or", "to", "in", "at", "by", "signed"]},
    }
    place = {"OP": "+", "TEXT": {"REGEX": r"^[A-Z\u00c0-\u00de][\w'\u2019.-]*$"}}
    # Nordic names end in a lower-case head: "Hertso gymnasium", "Saltstraumen videregaende
    # skole".
    nordic_head = {"LOWER": {"IN": sorted(NORDIC_HEADS)}}
    patterns: list[list[dict[str, Any]]] = [
        [foreign_head, inner, joiner, place],
        [foreign_head, {"IS_TITLE": True, "OP": "+"}],
        [{**name_word, "OP": "+"}, {"IS_LOWER": True, "OP": "?"}, nordic_head],
    ]
    bodies: list[list[dict[str, Any]]] = [
        [name_word, head],
        [name_word, {"LOWER": "and"}, name_word, head],
        # "Education and Sports Bureau of Lancang County".
        [name_word, {"LOWER": "and"}, name_word, head, of, {**tail_word, "OP": "+"}],
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
        # "University of the Southern Andes", "Strait of Magellan Technical Institute".
        [head, {"LOWER": "of"}, {"LOWER": "the"}, {**tail_word, "OP": "+"}],
        [not_a_post, {"LOWER": "of"}, name_word, head],
        # Two heads: "Cadiz Bay Polytechnic University".
        [name_word, head, head],
        # Companies: "Austral Hydrogen Energy S.A.", "Acme Learning Ltd".
        [name_word, {"ORTH": {"IN": COMPANY_SUFFIXES}}],
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
    ]
    return patterns + bodies


def _programme_patterns() -> list[list[dict[str, Any]]]:
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


@Language.component("line_breaks")
def line_breaks(doc: Doc) -> Doc:
    """Lines are sentences too: titles, datelines, captions and list items end without a
    full stop. A single line break inside running text (a hard-wrapped paragraph) does not
    end one."""
    starts = []
    for token in doc[:-1]:
        if "\n" not in token.text:
            continue
        following = doc[token.i + 1]
        before = doc[token.i - 1] if token.i else None
        wrapped = (
            token.text.count("\n") == 1
            and before is not None
            and (before.is_lower or before.text in {",", ";", "(", "-"})
        ) or following.is_lower
        if not wrapped or following.text in BULLETS:
            starts.append(following.i)
    if starts:
        # All at once: setting Token.is_sent_start scans the whole Doc each time (for a
        # parse it would contradict), which made long articles quadratic.
        column = doc.to_array(SENT_START)
        column[starts] = 1
        # A column of integers (uint64), whatever to_array's stub says.
        doc.from_array([SENT_START], cast("Ints2d", column.reshape(-1, 1)))
    return doc


@dataclass(frozen=True)
class Pipeline:
    nlp: Language
    institutions: Matcher
    programmes: Matcher
    regions: PhraseMatcher
    districts: Matcher


def _tokenizer(nlp: Language) -> Tokenizer:
    # A blank pipeline's tokenizer is spaCy's Tokenizer; Language types it as any callable.
    assert isinstance(nlp.tokenizer, Tokenizer)
    return nlp.tokenizer


def _blank() -> Language:
    """A blank English pipeline with educoop's tokenizer rules and sentence splitting."""
    nlp = spacy.blank("en")
    # Hyphenated words stay whole: "People-to-people", "Beijing-Tianjin-Hebei", "job-shadowing".
    hyphen_rule = f"(?:{HYPHENS})"
    # Curly quotes, and brackets beside them, split the words they touch:
    # 'Programm\u201d(hereafter the\u201cLeading Programme\u201d)'.
    infixes = [
        rule
        for rule in nlp.Defaults.infixes or ()
        if not (isinstance(rule, str) and hyphen_rule in rule)
    ]
    infixes.append(r"[\u201c\u201d()]")
    tokenizer = _tokenizer(nlp)
    tokenizer.infix_finditer = compile_infix_regex(infixes).finditer
    for abbreviation in ("No.", "Nos.", "St.", "Prof.", "Dr.", "U.S."):
        tokenizer.add_special_case(abbreviation, [{ORTH: abbreviation}])
    nlp.add_pipe("sentencizer")
    nlp.add_pipe("line_breaks")
    nlp.add_pipe("cues")
    return nlp


@cache
def pipeline() -> Pipeline:
    """The blank English pipeline with sentence splitting, and the matchers."""
    nlp = _blank()
    institutions = Matcher(nlp.vocab)
    # Every match, not only the longest: a long one that runs into the next name
    # ("Hanoi College of X and Cao Thang Technical" before "College") gives way to shorter.
    institutions.add("INSTITUTION", _institution_patterns())
    programmes = Matcher(nlp.vocab)
    programmes.add("PROGRAMME", _programme_patterns(), greedy="LONGEST")
    regions = PhraseMatcher(nlp.vocab)
    names = sorted(
        {
            name
            for entry in bundled_gazetteer().entries
            for name in (entry.name, *entry.aliases)
            if len(name) > 2 and name[0].isupper()
        }
    )
    # The place names are tokenized by a twin tokenizer: filling the working tokenizer's
    # cache with 9,000 of them makes every later article tokenize 20 times slower
    # (benchmarks/extraction.py).
    # Datelines write places in capitals: "NAIROBI, 14 May 2024".
    names += [name.upper() for name in names if " " not in name]
    regions.add("REGION", list(_tokenizer(_blank()).pipe(names)))
    # Districts the gazetteer lacks, placed in a city it knows: "Jinjiang District of".
    districts = Matcher(nlp.vocab)
    districts.add(
        "DISTRICT",
        [
            [
                {"IS_TITLE": True, "OP": "+"},
                {"ORTH": {"IN": ["District", "County"]}},
                {"LOWER": "of"},
            ]
        ],
        greedy="LONGEST",
    )
    return Pipeline(nlp, institutions, programmes, regions, districts)


@dataclass(frozen=True)
class Party:
    name: str
    label: str  # "institution" or "region"
    start: int  # token offsets in the document
    end: int
    # "title" when named in a person's post ("Director of X"), "member" for "a member of X".
    affiliation: str | None = None
    # The place the text gives with an institution: "Y-based X", "Y's X", "X in Y".
    region: str | None = None
    # A region that only places the institution before it ("X in Y"): not a party itself.
    locator: bool = False


@dataclass
class Programme:
    name: str
    aliases: list[str] = field(default_factory=list)
    participants: dict[str, Role] = field(default_factory=dict)


@dataclass
class Names:
    """What a text defines about names: aliases of institutions (abbreviations, longer and
    local forms) and regions the gazetteer does not know ("Jinjiang District of Chengdu")."""

    aliases: dict[str, str] = field(default_factory=dict)
    local_regions: dict[str, str] = field(default_factory=dict)  # name -> parent


def _unpunctuated(sentence: Span) -> bool:
    last = next((t for t in reversed(sentence) if not t.is_space), sentence[-1])
    return last.text not in {".", "!", "?", ":", '"', "\u201d"}


def _headline(sentence: Span) -> bool:
    """A line in title case ("Futian and Hong Kong Schools Sign Sister School Agreements"):
    its capitalised words run into each other, so it yields no names; the body repeats
    what it says."""
    words = [t for t in sentence if t.is_alpha and t.lower_ not in SMALL_WORDS]
    last = next((t for t in reversed(sentence) if not t.is_space), sentence[-1])
    if len(words) < 4 or last.text in {".", "!", "?", ":", "|"}:
        return False
    return sum(1 for t in words if t.is_title or t.is_upper) >= 0.8 * len(words)


def _long_form(doc: Doc, opening: int, abbreviation: str) -> tuple[int, int] | None:
    """The words an abbreviation in parentheses stands for, read backwards from the
    parenthesis (after Schwartz and Hearst): each letter, from the last, is the initial of
    a word, small words ("of", "for") may go unmatched, and the first letter starts the
    name. Trailing qualifiers may fall outside: "China Center for International
    People-to-people Exchange Ministry of Education (CCIPE)" ends at "Exchange"."""
    letters = [c.lower() for c in abbreviation if c.isalpha()]
    limit = max(doc[opening].sent.start, opening - len(letters) - 8)
    for end in range(opening, max(limit, opening - 6), -1):
        if end < opening and not doc[end - 1].text[:1].isupper():
            continue
        remaining = list(letters)
        i = end - 1
        while i >= limit and remaining:
            token = doc[i]
            if token.text in {",", "-", "&"} or token.text in QUOTES:
                i -= 1
                continue
            initial = token.text[:1].lower()
            if token.text[:1].isupper():
                if initial != remaining[-1]:
                    break
                remaining.pop()
            elif token.lower_ in SMALL_WORDS:
                if initial == remaining[-1] and len(remaining) > 1:
                    remaining.pop()
            else:
                break
            i -= 1
        start = i + 1
        if not remaining and doc[start].is_title and end - start >= 2:
            # A capitalised word before the spelled-out letters belongs to the name too:
            # "the Deutsche Gesellschaft fur Internationale Zusammenarbeit (GIZ)".
            while (
                start > limit
                and doc[start - 1].is_title
                and not doc[start - 1].is_sent_start
                and doc[start - 1].lower_ != "the"
                and not doc[start - 1].text.endswith("-based")
            ):
                start -= 1
            return start, end
    return None


def _definitions(doc: Doc) -> list[tuple[str, int, int, int]]:
    """Abbreviations defined in parentheses: (abbreviation, index of "(", index of ")",
    index after the abbreviation). "(CCIPE)" and "(Universidade de Sao Paulo, USP)"."""
    found = []
    for token in doc:
        if token.text != "(":
            continue
        close = next((t.i for t in doc[token.i + 1 : token.i + 12] if t.text == ")"), None)
        if close is None:
            continue
        candidate = doc[close - 1]
        if not (candidate.is_upper and candidate.is_alpha and len(candidate.text) >= 2):
            continue
        if close - 1 > token.i + 1 and doc[close - 2].text != ",":
            continue
        found.append((candidate.text, token.i, close, close - 1))
    return found


def _affiliation(doc: Doc, start: int, spans_by_end: dict[int, Party]) -> str | None:
    """Whether the name starting at ``start`` is named in a post: "Director of (the) X",
    "a member of the X", or "... Department of the X" after such a post."""
    i = _before(doc, start)
    if i < 1 or doc[i].lower_ not in {"of", "at"}:
        return None
    title = doc[i - 1]
    if title.lower_ in JOB_TITLES or title.lower_.split("-")[-1] in JOB_TITLES:
        return "member" if title.lower_.startswith("member") else "title"
    outer = spans_by_end.get(i)
    return _affiliation(doc, outer.start, spans_by_end) if outer is not None else None


def _quoted(doc: Doc) -> set[int]:
    """Tokens inside short quotations: slogans and names, whose places are not mentions."""
    inside: set[int] = set()
    opening: int | None = None
    for token in doc:
        if token.text in QUOTES:
            if opening is None:
                opening = token.i
            else:
                if token.i - opening <= 12:
                    inside.update(range(opening + 1, token.i))
                opening = None
        elif "\n" in token.text:
            opening = None
    return inside


def _programmes(doc: Doc, matcher: Matcher, skipped: set[int]) -> list[tuple[Span, Programme]]:
    """Named programmes with their spans, their typos mended and their defined short names
    ('(hereafter the "Leading Programme")') as aliases."""
    found: list[tuple[Span, Programme]] = []
    # The Matcher is the slowest step; most articles name no programme at all.
    if not any(re.match(PROGRAMME_HEAD, word.title()) for word in doc.user_data["capitalised"]):
        return found
    for span in filter_spans([Span(doc, s, e) for _, s, e in matcher(doc) if s not in skipped]):
        words = list(span)
        while words and words[0].text in {"and", "of", "for", "&", "(", ")", "-", "The"}:
            words.pop(0)
        while words and words[-1].text in {"and", "&", "("}:
            words.pop()
        if len(words) < 2:
            continue
        span = doc[words[0].i : words[-1].i + 1]
        # "Community College" is an institution's name, not a community's.
        if span.end < len(doc) and doc[span.end].is_title and doc[span.end].lower_ in HEADS:
            continue
        written = span.text
        name = re.sub(r"\bProgram(m|e)\b", "Programme", written)
        programme = Programme(name, [written] if written != name else [])
        start = span.end
        while start < len(doc) and doc[start].text in QUOTES:
            start += 1
        after = doc[start : start + 10]
        if len(after) and after[0].text == "(":
            close = next((t.i for t in after if t.text == ")"), None)
            quoted = [t for t in doc[start : close or start] if t.text[:1].isupper()]
            if close is not None and quoted:
                alias = doc[quoted[0].i : quoted[-1].i + 1].text
                if alias not in (name, written):
                    programme.aliases.append(alias)
        found.append((span, programme))
    return found


def _without_native_names(doc: Doc, institutions: list[Party], names: Names) -> list[Party]:
    """A name in another language in parentheses after a name is an alias of it, not a
    party: "National University of the Southern Andes (Universidad Nacional de los Andes
    Australes, UNAA)"."""
    by_end = {p.end: p for p in institutions}
    inside: set[int] = set()
    for party in institutions:
        outer = by_end.get(party.start - 1)
        if outer is None or doc[party.start - 1].text != "(":
            continue
        following = doc[party.end].text if party.end < len(doc) else ""
        if following in {",", ")"}:
            names.aliases.setdefault(party.name, outer.name)
            inside.add(party.start)
    # A Chinese name in parentheses: "Shenzhen Hongling Middle School (深圳市红岭中学)".
    for party in institutions:
        close = next((t.i for t in doc[party.end : party.end + 6] if t.text == ")"), None)
        if party.end < len(doc) and doc[party.end].text == "(" and close is not None:
            inner = doc[party.end + 1 : close].text
            if inner and _CHINESE.fullmatch(inner):
                names.aliases.setdefault(inner, party.name)
    return [p for p in institutions if p.start not in inside]


def _short_names(doc: Doc, institutions: list[Party], names: Names) -> None:
    """Short names a text defines for an institution: 'X (hereinafter "Y")', 'X (the
    "Y")'. Y becomes an alias, and its mention in the parentheses is not another party."""
    by_end = {p.end: p for p in institutions}
    inside: set[int] = set()
    for token in doc:
        if token.text != "(" or token.i not in by_end:
            continue
        close = next((t.i for t in doc[token.i + 1 : token.i + 14] if t.text == ")"), None)
        if close is None:
            continue
        inner = doc[token.i + 1 : close]
        quotes = [t.i for t in inner if t.text in QUOTES]
        cue = {t.lower_ for t in inner} & {"hereinafter", "hereafter", "the", "referred"}
        if len(quotes) == 2 and cue and quotes[1] - quotes[0] > 1:
            short = doc[quotes[0] + 1 : quotes[1]].text
            names.aliases.setdefault(short, by_end[token.i].name)
            inside.update(range(token.i + 1, close))
    # Dropped once at the end, not rebuilt for each definition (quadratic in a long text).
    institutions[:] = [p for p in institutions if p.start not in inside]


def _based_in(doc: Doc, start: int) -> str | None:
    """The place of "Nairobi-based X" for a name starting at ``start``."""
    before = doc[start - 1].text if start else ""
    place = before[: -len("-based")]
    return place if before.endswith("-based") and bundled_gazetteer().candidates(place) else None


def _at_a_place(doc: Doc, start: int, end: int) -> bool:
    """A name with "at" in it goes on to a place: "... University at Zhuhai", not "...
    College at Kenyatta National" (a venue)."""
    words = [t.lower_ for t in doc[start:end]]
    if "at" not in words:
        return True
    place = doc[start + words.index("at") + 1 : end].text
    return bool(bundled_gazetteer().candidates(place))


def _inside_a_run(doc: Doc, start: int) -> bool:
    """A "Word of ..." match that starts inside a run of capitalised words: "Na of Beta
    College" in "Dean Li Na of Beta College" (a person, then the college)."""
    return (
        start > 0
        and start + 1 < len(doc)
        and doc[start + 1].lower_ == "of"
        and doc[start - 1].is_title
        and not doc[start].is_sent_start
    )


def _place_and(doc: Doc, start: int, end: int) -> bool:
    """Whether a match begins with a place and "and": "Amman and Irbid Teaching Hospital"
    lists a city and a hospital."""
    words = [t.text for t in doc[start:end]]
    if "and" not in words:
        return False
    before = " ".join(words[: words.index("and")])
    return bool(bundled_gazetteer().candidates(before))


def _bracketed_end(doc: Doc, end: int) -> int:
    closed = end + 2 < len(doc) and doc[end].text == "(" and doc[end + 2].text == ")"
    return end + 3 if closed and doc[end + 1].is_title else end


def _continues(doc: Doc, end: int) -> bool:
    """Whether a capitalised word goes on after ``end``: the name is longer than matched."""
    return end < len(doc) and doc[end].is_title and not doc[end].is_sent_start


def _institution(doc: Doc, start: int, end: int, names: Names) -> Party | None:
    """An institution mention from a matched span: its article, a "Y-based" or "Y's"
    place before it, and a parenthesised short name after it go into region and aliases."""
    gazetteer = bundled_gazetteer()
    region = None
    if doc[start].lower_ == "the":
        start += 1
    first = doc[start].text
    if first.endswith("-based"):
        region, start = _based_in(doc, start + 1), start + 1
    elif end - start > 2 and doc[start + 1].text in {"'s", "\u2019s"}:
        # "Munich's X": the owner is its place when it is a known one.
        region = first if gazetteer.candidates(first) else None
        start += 2
    while start < end and doc[start].text in {"'s", "\u2019s", "'", "\u2019"}:
        start += 1
    if end - start > 3 and doc[end - 3].text == "(" and doc[end - 1].text == ")":
        inner = doc[end - 2].text
        if not gazetteer.candidates(inner):
            end -= 3
            names.aliases.setdefault(inner, doc[start:end].text)
    if end - start < 2:
        return None
    # "Sanya Vocational College of Hainan": a name that begins with its place ends at its
    # head noun, and "of Hainan" qualifies it ("University of Leeds" and "Cheikh Anta Diop
    # University of Dakar" are names).
    if (
        end - start >= 4
        and doc[end - 2].lower_ == "of"
        and doc[end - 3].lower_ in HEADS
        and gazetteer.candidates(doc[end - 1].text)
        and _region_in_name(doc[start : end - 2].text) is not None
        and doc[start].lower_ not in HEADS
    ):
        names.aliases.setdefault(doc[start:end].text, doc[start : end - 2].text)
        region = region or doc[end - 1].text
        end -= 2
    # "Government Higher Secondary School, Chittur, attended": the town is part of the name.
    after = doc[end : end + 4]
    if (
        len(after) == 4
        and after[0].text == ","
        and after[1].is_title
        and after[2].text == ","
        and after[3].is_lower
        and after[3].lower_ not in {"and", "or"}
    ):
        if not region and bundled_gazetteer().candidates(after[1].text):
            region = after[1].text
        end += 2
    return Party(doc[start:end].text, "institution", start, end, region=region)


class _Found:
    """Institutions found so far, in the order found, with lookups by the tokens where they
    start and end: a long article defines thousands of abbreviations, and rebuilding the
    list of all its institutions for each made reading it quadratic."""

    def __init__(self, parties: Iterable[Party]) -> None:
        self._parties: dict[int, Party] = {}  # by the order found
        self._starting: dict[int, list[int]] = {}
        self._ending: dict[int, list[int]] = {}
        self._added = 0
        self._longest = 0
        for party in parties:
            self.add(party)

    def __iter__(self) -> Iterator[Party]:
        return iter(list(self._parties.values()))

    def add(self, party: Party) -> None:
        key = self._added
        self._added += 1
        self._parties[key] = party
        self._starting.setdefault(party.start, []).append(key)
        self._ending.setdefault(party.end, []).append(key)
        self._longest = max(self._longest, party.end - party.start)

    def ending_at(self, end: int) -> Party | None:
        """The first found whose last token is the one before ``end``."""
        alive = (self._parties[k] for k in self._ending.get(end, ()) if k in self._parties)
        return next(alive, None)

    def drop_overlapping(self, start: int, end: int) -> None:
        """Drop those with a token from ``start`` up to ``end``: only those starting up to
        the longest's length before can reach ``start``."""
        for first in range(max(0, start - self._longest + 1), end):
            for key in self._starting.get(first, ()):
                party = self._parties.get(key)
                if party is not None and party.end > start:
                    del self._parties[key]


def _mentions(
    doc: Doc, pipes: Pipeline, skipped: set[int], extra: list[tuple[int, int]]
) -> tuple[list[Party], Names]:
    """Institutions and regions in reading order, and what the text defines about names.
    Tokens in ``skipped`` (headlines, programme names) hold no mentions; ``extra`` spans
    (a trained model's organisations) are institutions where no rule found one."""
    names = Names()
    # A parenthesised word after a name is part of it ("... University of Science and
    # Technology (Guangzhou)"); _institution keeps it only when it is a place.
    matches = [(s, _bracketed_end(doc, e)) for _, s, e in pipes.institutions(doc)]
    candidates = [
        (s, e)
        for s, e in matches
        if not skipped.intersection(range(s, e))
        and not _continues(doc, e)
        and not (e < len(doc) and doc[e].text in {"'s", "\u2019s"} and "and" in doc[s:e].text)
        and not _place_and(doc, s, e)
        and not _inside_a_run(doc, s)
        and _at_a_place(doc, s, e)
    ]
    # Leftmost first, then longest, as a reader takes names in: "Hanoi College of High
    # Technology and Cao Thang Technical College" is two names, not "Hanoi College" and one
    # long one.
    spans: list[tuple[int, int]] = []
    covered: set[int] = set()
    for start, end in sorted(set(candidates), key=lambda span: (span[0], -span[1])):
        if not covered.intersection(range(start, end)):
            spans.append((start, end))
            covered.update(range(start, end))
    for start, end in extra:
        if not covered.intersection(range(start, end)) and not skipped.intersection(
            range(start, end)
        ):
            spans.append((start, end))
            covered.update(range(start, end))
    spans.sort()
    institutions = [p for s, e in spans if (p := _institution(doc, s, e, names))]
    found = _Found(_without_native_names(doc, institutions, names))

    # Abbreviations: the long form they spell wins over what the Matcher found there.
    for abbreviation, opening, _close, _ in _definitions(doc):
        if opening in skipped:
            continue
        before = opening
        while before > 0 and doc[before - 1].text in QUOTES:
            before -= 1
        long_form = _long_form(doc, before, abbreviation)
        if long_form is not None:
            start, end = long_form
            name = doc[start:end].text
            found.drop_overlapping(start, before)
            found.add(Party(name, "institution", start, end, region=_based_in(doc, start)))
            if end < before:
                names.aliases.setdefault(doc[start:before].text, name)
        else:
            named = found.ending_at(before)
            if named is None:
                continue
            name = named.name
        names.aliases.setdefault(abbreviation, name)
    institutions = list(found)
    _short_names(doc, institutions, names)
    institutions.sort(key=lambda party: party.start)
    taken = {i for p in institutions for i in range(p.start, p.end)} | skipped
    for token in doc:
        # The definition itself sits in parentheses; later mentions stand alone.
        in_definition = token.i > 0 and doc[token.i - 1].text in {"(", ","}
        if token.text in names.aliases and token.i not in taken and not in_definition:
            institutions.append(
                Party(names.aliases[token.text], "institution", token.i, token.i + 1)
            )
            taken.add(token.i)

    by_end = {p.end: p for p in institutions}
    institutions = [
        replace(p, affiliation=_affiliation(doc, p.start, by_end)) for p in institutions
    ]
    regions = _region_mentions(doc, pipes, taken, names)
    ends = {p.end for p in institutions}
    # "X in Y" places X, unless Y is where X opens a branch ("branches of X in Y").
    regions = [
        replace(r, locator=True)
        if (
            r.start >= 2
            and doc[r.start - 1].lower_ == "in"
            and r.start - 1 in ends
            and not any(t.lower_ in TRIGGERS[AgreementKind.BRANCH] for t in doc[r.start].sent)
        )
        or _dateline(doc, r)
        else r
        for r in regions
    ]
    parties = sorted(institutions + regions, key=lambda party: party.start)
    return parties, names


def _dateline(doc: Doc, region: Party) -> bool:
    """A place that opens a report: "NAIROBI, 14 May 2024", "THIRUVANANTHAPURAM:",
    "Shenzhen, December 4 --"; it says where the news comes from, not who acts."""
    if not doc[region.start].is_sent_start or region.end >= len(doc):
        return False
    following = doc[region.end : region.end + 3]
    if following[0].text in {":", "\u2013", "\u2014", "--", "-"}:
        return True
    return following[0].text == "," and any(
        t.like_num or t.text in _MONTHS.split("|") or t.text[:3] in _MONTHS for t in following[1:]
    )


def _region_mentions(doc: Doc, pipes: Pipeline, taken: set[int], names: Names) -> list[Party]:
    """Places named in the text: gazetteer names (also in capitals, as datelines write
    them), "Y-based" words, and districts of a known city ("Jinjiang District of Chengdu")."""
    quoted = _quoted(doc)
    found: list[Party] = []
    gazetteer = bundled_gazetteer()
    districts = (
        pipes.districts(doc) if {"district", "county"} & doc.user_data["capitalised"] else []
    )
    for _, start, end in districts:
        if doc[start].lower_ == "the":
            start += 1
        size = next((n for n in (3, 2, 1) if gazetteer.candidates(doc[end : end + n].text)), None)
        if size is None or taken.intersection(range(start, end + size)):
            continue
        name = doc[start : end - 1].text
        names.local_regions[name] = doc[end : end + size].text
        found.append(Party(name, "region", start, end - 1))
        taken.update(range(start, end + size))
    place_ends: set[int] = set()
    for _, start, end in sorted(pipes.regions(doc), key=lambda m: (m[1], -m[2])):
        stop = _region_span_end(doc, end)
        if stop is None or taken.intersection(range(start, stop)):
            continue
        if quoted.intersection(range(start, end)):
            continue
        # After a capitalised word that is no place, a place name is part of another name:
        # "Jin Xinyu" is a person, not the city of Xinyu.
        before = doc[start - 1] if start else None
        if (
            before is not None
            and before.is_title
            and before.lower_ not in STOP_WORDS
            and start not in place_ends
        ):
            continue
        name = doc[start:end].text
        if name.isupper():
            entry = bundled_gazetteer().likely(name)
            name = entry.name if entry else name.title()
        found.append(Party(name, "region", start, end))
        taken.update(range(start, stop))
        place_ends.add(stop)
    for token in doc:
        if token.i not in taken and token.text.endswith("-based"):
            place = token.text[: -len("-based")]
            if bundled_gazetteer().candidates(place):
                found.append(Party(place, "region", token.i, token.i + 1))
    return found


def _region_span_end(doc: Doc, end: int) -> int | None:
    """Where a place mention ends: past "City" or "County" after its name. None when the
    name goes on into a longer proper name ("Hangzhou Asian Games")."""
    if end < len(doc) and doc[end].text in PLACE_DESIGNATORS:
        return end + 1
    if _continues(doc, end) and doc[end].text not in {"And"}:
        return None
    return end


def _unnested(regions: list[Party], local: dict[str, str]) -> list[Party]:
    """Regions less any that lies inside another of them (Huangpu inside Guangzhou)."""
    chains = {
        p.name: {entry.chain for entry in bundled_gazetteer().candidates(p.name)}
        | ({(local[p.name], p.name)} if p.name in local else set())
        for p in regions
    }
    names = {normalise(p.name) for p in regions}

    def inside_another(party: Party) -> bool:
        return any(
            normalise(ancestor) in names for chain in chains[party.name] for ancestor in chain[:-1]
        )

    return [p for p in regions if not inside_another(p)]


def _can_be_party(region: str, local: dict[str, str]) -> bool:
    """Countries and policy zones are settings, not parties, in a sentence of regions."""
    if region in local:
        return True
    entries = bundled_gazetteer().candidates(region)
    return bool(entries) and all(
        entry.level not in (RegionLevel.COUNTRY, RegionLevel.ZONE) or len(entry.chain) > 1
        for entry in entries
    )


def _is_trigger(token: Token, words: Iterable[str]) -> bool:
    # A capitalised trigger mid-sentence is part of a name: "Exchange Conference".
    return token.lower_ in words and (
        not token.is_title or token.is_sent_start or token.lower_ == "mou"
    )


@Language.component("cues")
def cues(doc: Doc) -> Doc:
    """Each token's lower case and what it cues (an agreement kind, "cooperation", or
    nothing), read once per article: the rules ask for them many times per sentence."""
    lowers: list[str] = []
    marks: list[AgreementKind | str | None] = []  # a kind, "cooperation" or nothing
    capitalised: set[str] = set()
    for token in doc:
        lowers.append(token.lower_)
        if token.is_title:
            capitalised.add(token.lower_)
        mark: AgreementKind | str | None
        mark = next((k for k, words in TRIGGERS.items() if _is_trigger(token, words)), None)
        if mark is None and _is_trigger(token, COOPERATION_WORDS):
            mark = "cooperation"
        marks.append(mark)
    for i, pair in enumerate(itertools.pairwise(lowers)):
        if pair in EXCHANGE_PHRASES and marks[i] is None:
            marks[i] = AgreementKind.EXCHANGE
    doc.user_data["lower"] = lowers
    doc.user_data["cue"] = marks
    doc.user_data["capitalised"] = capitalised
    return doc


def _lower(span: Span) -> list[str]:
    return span.doc.user_data["lower"][span.start : span.end]


def _kind(clause: Span) -> AgreementKind | None:
    present = set(clause.doc.user_data["cue"][clause.start : clause.end])
    return next((kind for kind in TRIGGERS if kind in present), None)


def _cooperates(clause: Span) -> bool:
    if "cooperation" in clause.doc.user_data["cue"][clause.start : clause.end]:
        return True
    words = _lower(clause)
    return any(pair == ("each", "other") for pair in itertools.pairwise(words))


def _negated(sentence: Span) -> bool:
    """A sentence that denies: "No formal agreement was signed", "were not involved"."""
    words = _lower(sentence)
    return any(
        word in NEGATIONS and not (word == "not" and words[i + 1 : i + 2] == ["only"])
        for i, word in enumerate(words)
    )


def _clauses(sentence: Span, parties: list[Party]) -> list[Span]:
    """A sentence split where it reports two agreements: "A signed with B, and C signed
    with D." Parts without a trigger of their own stay joined."""
    cuts = [sentence.start]
    lower = sentence.doc.user_data["lower"]
    for i in range(sentence.start + 1, sentence.end):
        after_comma = lower[i - 1] == ","
        if lower[i] == ";" or (after_comma and lower[i] in {"and", "while", "whereas"}):
            cuts.append(i)
    cuts.append(sentence.end)
    parts = [sentence.doc[a:b] for a, b in itertools.pairwise(cuts) if b > a]
    merged: list[Span] = []
    for part in parts:
        if merged and not (_stands_alone(part, parties) and _stands_alone(merged[-1], parties)):
            merged[-1] = sentence.doc[merged[-1].start : part.end]
        else:
            merged.append(part)
    return merged


def _stands_alone(clause: Span, parties: list[Party]) -> bool:
    """A clause that reports an agreement of its own: a trigger and two parties."""
    inside = [p for p in parties if clause.start <= p.start < clause.end]
    return _kind(clause) is not None and len(inside) >= 2


def _pairs_of_pairs(clause: Span, parties: list[Party]) -> list[list[list[Party]]] | None:
    """ "A and B, C and D, and E and F signed ...": one agreement per pair."""
    doc = clause.doc
    groups: list[list[Party]] = [[parties[0]]]
    for previous, party in itertools.pairwise(parties):
        between = [t.text.lower() for t in doc[previous.end : party.start]]
        if between == ["and"]:
            groups[-1].append(party)
        elif between in ([","], [",", "and"]):
            groups.append([party])
        else:
            return None
    if len(groups) >= 2 and all(len(group) == 2 for group in groups):
        return [[[a], [b]] for a, b in groups]
    return None


def _with_pairs(parties: list[Party], withs: list[int]) -> list[list[list[Party]]]:
    """ "A with B, and C with D": a pairing each, when every "with" joins one party before it
    to one after it."""
    pairs = []
    for pivot in withs:
        before = [p for p in parties if p.end <= pivot]
        after = [p for p in parties if p.start > pivot]
        if not before or not after:
            return []
        pairs.append([[before[-1]], [after[0]]])
    used = [party for pair in pairs for side in pair for party in side]
    return pairs if len(set(used)) == len(used) else []


def _sides(clause: Span, parties: list[Party], kind: AgreementKind) -> list[list[list[Party]]]:
    """The agreements among a clause's parties, as their sides; none when the partners go
    unnamed ("... with their paired schools")."""
    words = _lower(clause)
    tokens = list(zip(range(clause.start, clause.end), words, strict=True))
    first = parties[0].start
    respectively = "respectively" in words
    cues = clause.doc.user_data["cue"]
    early = next((i for i, w in tokens if w == "with" and i < first), None)
    if early is not None and any(cues[clause.start : early]):
        # "They signed with A, B and C": who signed is not named here.
        return []
    withs = [i for i, w in tokens if w == "with" and i >= parties[0].end]
    if len(withs) >= 2:
        pairs = _with_pairs(parties, withs)
        if pairs:
            return pairs
    pivot = withs[0] if withs else None
    if pivot is not None:
        before = [p for p in parties if p.end <= pivot]
        after = [p for p in parties if p.start > pivot]
        if before and after:
            if respectively and len(before) == len(after) > 1:
                return [[[a], [b]] for a, b in zip(before, after, strict=True)]
            return [[before, after]]
        unnamed = pivot + 1 < clause.end and clause.doc[pivot + 1].lower_ not in {"each", "one"}
        if before and not after and unnamed:
            return []
    between = next((i for i, w in tokens if w == "between"), None)
    if between is not None:
        inside = [p for p in parties if p.start > between]
        if len(inside) >= 2:
            return [[[party] for party in inside]]
    if len(parties) >= 4:
        paired = _pairs_of_pairs(clause, parties)
        if paired:
            return paired
    if kind is AgreementKind.EXCHANGE:
        for i, word in tokens:
            if i >= first and word in {"to", "visited", "at", "hosted", "welcomed"}:
                before = [p for p in parties if p.end <= i]
                after = [p for p in parties if p.start > i]
                if before and after:
                    return [[before, after]]
    return [[[party] for party in parties]]


def _region_in_name(name: str) -> str | None:
    """The smallest known region a name gives where names give places: at its start
    ("Guangdong Jiangmen Preschool Teachers College"), after "of", "at" or "in", or in
    parentheses ("... (Guangzhou)"); not inside it ("Mekong Riverside College")."""
    gazetteer = bundled_gazetteer()
    best = None
    words = name.replace("(", " ( ").replace(")", " ").replace(",", " ").split()
    starts = {0} | {i + 1 for i, word in enumerate(words) if word in {"of", "at", "in", "("}}
    for start in sorted(starts):
        for size in range(min(4, len(words) - start), 0, -1):
            entry = gazetteer.likely(" ".join(words[start : start + size]))
            if entry is not None:
                if best is None or len(entry.chain) > len(best.chain):
                    best = entry
                # A place may follow a place: "Guangdong Jiangmen ...".
                starts.add(start + size)
                break
    return best.name if best else None


def _merge_region_prefixed(names: list[str]) -> dict[str, str]:
    """Map "Hong Kong Tung Wah College" to "Tung Wah College" when both occur."""
    gazetteer = bundled_gazetteer()
    canonical = {}
    known = set(names)
    for name in names:
        words = name.split()
        for size in range(1, min(4, len(words))):
            rest = " ".join(words[size:])
            if rest in known and gazetteer.candidates(" ".join(words[:size])):
                canonical[name] = rest
                break
    return canonical


@cache
def registered_names() -> frozenset[str]:
    """Names of the institutions educoop's registry knows: a mention of one is listed even
    where the sentence reports no cooperation (it is known to take part in some)."""
    from educoop.loaders.registry import bundled_registry

    return frozenset(
        normalise(name)
        for entry in bundled_registry()
        for name in (entry.name, *entry.aliases)
        if not generic_name(name)
    )


def _roles(clause: Span, parties: list[Party]) -> dict[Party, Role]:
    """Parties a clause gives a role in a programme: "organized by X", "coordinated by Y",
    "with funding from Z", "W will fund ..."."""
    roles = {}
    lower = clause.doc.user_data["lower"]
    for i in range(clause.start, clause.end - 1):
        role = ROLE_CUES.get(lower[i])
        follows = "by"
        if role is None and lower[i] in FUNDING_WORDS:
            role, follows = Role.FUNDER, "from"
        if role is None or lower[i + 1] != follows:
            continue
        after = [p for p in parties if p.start > i + 1 and p.label == "institution"]
        if after and after[0].start <= i + 8:
            roles[after[0]] = role
    doc = clause.doc
    for party in parties:
        verbs = [t.lower_ for t in doc[party.end : min(party.end + 2, clause.end)]]
        if verbs[:1] == ["will"]:
            verbs = verbs[1:]
        if verbs[:1] and verbs[0] in FUNDING_VERBS:
            roles[party] = Role.FUNDER
    return roles


def _before(doc: Doc, start: int) -> int:
    """The index of the word before a name starting at ``start``, its article skipped
    ("at the X"); -1 at the start of the text."""
    start -= 1
    if start >= 0 and doc[start].lower_ == "the":
        start -= 1
    return start


def _preceded_by(doc: Doc, party: Party, words: Iterable[str], reach: int = 2) -> bool:
    start = _before(doc, party.start)
    return any(doc[i].lower_ in words for i in range(max(0, start - reach + 1), start + 1))


def _at(doc: Doc, party: Party) -> bool:
    """Whether the text places something at this party: "... at X"."""
    start = _before(doc, party.start)
    return start >= 0 and doc[start].lower_ == "at"


def _venue(doc: Doc, party: Party) -> bool:
    """A place where something happens, not a party to it: "a ceremony at X"."""
    start = _before(doc, party.start)
    return _at(doc, party) and any(t.lower_ in VENUE_WORDS for t in doc[max(0, start - 4) : start])


def _source(doc: Doc, party: Party) -> bool:
    """The source of a statement: "..., the Education Department said on Friday."""
    start = _before(doc, party.start)
    return (
        start >= 0
        and doc[start].text == ","
        and party.end < len(doc)
        and doc[party.end].lower_ in REPORTING
    )


def _overseen(doc: Doc, party: Party, parties: list[Party]) -> bool:
    """A regulator that approves: "subject to approval by X and Y"."""
    lower = doc.user_data["lower"]
    for i in range(max(0, party.start - 12), party.start - 1):
        if lower[i] in APPROVAL_WORDS and lower[i + 1] in {"by", "from"}:
            # Only the names listed right after the cue: no verb between.
            between = [p for p in parties if i < p.start < party.start]
            gap = party.start - (between[-1].end if between else i + 2)
            return gap <= 3
    return False


def _cited(doc: Doc, party: Party) -> bool:
    """Named as a source: "according to X", "..., X said"."""
    return _source(doc, party) or _preceded_by(doc, party, {"according"}, reach=2)


def _created(doc: Doc, party: Party) -> bool:
    """A body an agreement sets up, or acts under: "to set up the X Centre", "to jointly
    build X", "signed under the X"."""
    return _preceded_by(doc, party, CREATION_VERBS, reach=3) or _preceded_by(
        doc, party, {"under"}, reach=1
    )


@dataclass
class _Reading:
    """One article being read: its parties, programmes and what was found so far."""

    doc: Doc
    parties: list[Party]
    names: Names
    programmes: dict[str, Programme]
    canonical: dict[str, str]
    published: PartialDate | None
    agreements: list[dict[str, Any]] = field(default_factory=list)
    # Institutions named where the text reports cooperation, as more than a venue, a
    # source, a body of a person's membership or a body an agreement sets up.
    involved: set[str] = field(default_factory=set)
    denied: set[int] = field(default_factory=set)  # party starts in negated sentences
    signatures: set[tuple[Any, ...]] = field(default_factory=set)
    starts: list[int] = field(init=False, repr=False)  # of the parties

    def __post_init__(self) -> None:
        # The parties come sorted by start: a span's are found by bisection, not by a scan
        # of the whole article's parties for each sentence.
        self.starts = [p.start for p in self.parties]

    def name_of(self, party: Party) -> str:
        return self.canonical.get(party.name, party.name)

    def parties_in(self, span: Span) -> list[Party]:
        """The parties starting inside ``span``, in reading order."""
        low = bisect.bisect_left(self.starts, span.start)
        return self.parties[low : bisect.bisect_left(self.starts, span.end, low)]

    def programme_named(self, span: Span) -> Programme | None:
        text = span.text
        for programme in self.programmes.values():
            if any(name in text for name in (programme.name, *programme.aliases)):
                return programme
        return None

    def read(self, sentence: Span, inherited: AgreementKind | None) -> AgreementKind | None:
        """Read a sentence's agreements; returns its kind (a table's rows inherit it)."""
        inside = self.parties_in(sentence)
        sentence_kind = _kind(sentence)
        if sentence_kind is None and sentence.text.lstrip().startswith("|"):
            sentence_kind = inherited
        if _negated(sentence):
            self.denied.update(p.start for p in inside)
            return sentence_kind
        self.involved.update(
            self.name_of(p) for p in _roles(sentence, inside) if p.label == "institution"
        )
        if sentence_kind is not None or _cooperates(sentence):
            self.involved.update(
                self.name_of(p)
                for p in inside
                if p.label == "institution"
                and p.affiliation != "member"
                and not _cited(self.doc, p)
                and not _overseen(self.doc, p, inside)
                and not _venue(self.doc, p)
                and not _created(self.doc, p)
            )
        for clause in _clauses(sentence, inside) if sentence_kind else [sentence]:
            kind = _kind(clause) or sentence_kind
            self.read_clause(clause, kind, sentence)
        return sentence_kind

    def read_clause(self, clause: Span, kind: AgreementKind | None, sentence: Span) -> None:
        doc = self.doc
        inside = self.parties_in(clause)
        programme = self.programme_named(sentence)
        roles = _roles(clause, inside)
        if programme is not None:
            for party, role in roles.items():
                programme.participants.setdefault(self.name_of(party), role)
            if kind is AgreementKind.EXCHANGE:
                for host in (p for p in inside if p.label == "institution" and _at(doc, p)):
                    programme.participants.setdefault(self.name_of(host), Role.HOST)
        cooperation_only = kind is None and _cooperates(clause)
        if cooperation_only:
            kind = AgreementKind.EXCHANGE
        if kind is None:
            return
        created = [p for p in inside if p.label == "institution" and _created(doc, p)]
        # Coordinators and funders support an agreement without being one of its sides; a
        # member of a body is a person, not the body; venues, sources of a statement, the
        # place of an institution and what an agreement sets up are not parties either.
        inside = [
            p
            for p in inside
            if roles.get(p) in (None, Role.ORGANISER, Role.HOST)
            and p.affiliation != "member"
            and not p.locator
            and not _source(doc, p)
            and not _overseen(doc, p, inside)
            and p not in created
            and not (kind is not AgreementKind.EXCHANGE and _venue(doc, p))
        ]
        if len(inside) < 2:
            return
        institutions = [p for p in inside if p.label == "institution"]
        regions = [p for p in inside if p.label == "region"]
        if cooperation_only and len({p.name for p in institutions}) not in (0, 2):
            return
        if kind is AgreementKind.BRANCH:
            trigger = clause.start + doc.user_data["cue"][clause.start : clause.end].index(kind)
            places = [r for r in regions if r.start > trigger and doc[r.start - 1].lower_ == "in"]
            groups = [[[s], [places[0]]] for s in institutions] if places else []
        elif institutions and (kind is not AgreementKind.PLAN or len(institutions) >= 2):
            groups = _sides(clause, institutions, kind) if len(institutions) >= 2 else []
        else:
            # Clauses of regions alone mostly set a scene. They make an agreement only as a
            # plan of a few regions, or a pairing or exchange of two, and never between a
            # region and a place inside it.
            local = self.names.local_regions
            regions = _unnested([p for p in regions if _can_be_party(p.name, local)], local)
            limit = {AgreementKind.PLAN: 4, AgreementKind.PAIRED: 2, AgreementKind.EXCHANGE: 2}
            if len(regions) < 2 or len({p.name for p in regions}) > limit.get(kind, 0):
                return
            groups = _sides(clause, regions, kind)
        if kind is AgreementKind.EXCHANGE:
            # A visit needs a visitor: "two days at X, and a day at Y", "hosted by X and by
            # Y" name only hosts.
            def visitor(party: Party) -> bool:
                return not _at(doc, party) and roles.get(party) is not Role.HOST

            groups = [g for g in groups if any(visitor(p) for side in g for p in side)]
        self.record(groups, kind, sentence, programme, created, inferred=cooperation_only)

    def record(
        self,
        groups: list[list[list[Party]]],
        kind: AgreementKind,
        sentence: Span,
        programme: Programme | None,
        created: list[Party],
        *,
        inferred: bool = False,
    ) -> None:
        said = find_date(sentence.text, self.published)
        date = said or self.published
        evidence = sentence.text.strip()
        evidence_start = sentence.start_char + len(sentence.text) - len(sentence.text.lstrip())
        for sides in groups:
            named: list[list[str]] = []
            used: set[str] = set()
            for side in sides:
                names = sorted({self.name_of(p) for p in side} - used)
                used.update(names)
                if names:
                    named.append(names)
            if len(named) < 2:
                continue
            for body in created:
                if self.name_of(body) not in self.programmes:
                    self.programmes[self.name_of(body)] = Programme(self.name_of(body))
                programme = self.programmes[self.name_of(body)]
            if programme is not None and kind is not AgreementKind.EXCHANGE:
                # Side by side, not in a set's order, which changes with the hash seed.
                for name in itertools.chain.from_iterable(named):
                    programme.participants.setdefault(name, Role.MEMBER)
            signature = (str(kind), tuple(sorted(map(tuple, named))), date.value if date else None)
            if signature in self.signatures:
                continue  # an article often says the same twice: title, lead, quote
            self.signatures.add(signature)
            self.agreements.append(
                {
                    "sides": named,
                    "kind": str(kind),
                    "date": date.value if date else None,
                    "programme": programme.name if programme else None,
                    "evidence": evidence,
                    "evidence_start": evidence_start,
                    "evidence_end": evidence_start + len(evidence),
                    "confidence": confidence(
                        named,
                        inferred=inferred,
                        among=len(groups),
                        dated=said is not None,
                        regions_only=all(p.label == "region" for g in sides for p in g),
                        words=len(sentence),
                    ),
                }
            )


def confidence(
    sides: list[list[str]],
    *,
    inferred: bool,
    among: int,
    dated: bool,
    regions_only: bool,
    words: int,
) -> float:
    """How sure the reading of one agreement is, between 0 and 1: a score to order the
    review queue by, not a calibrated probability.

    An agreement named by a word of its kind ("signed", "paired", "memorandum") starts at
    0.9; one inferred from a word of cooperation alone at 0.6. Each of these takes a share
    off, for what went wrong most often on unseen articles: the sentence gives several
    agreements (lists, "respectively"), 0.85; more than three parties, 0.9; no date in the
    sentence itself, 0.9; regions alone (they often set a scene), 0.85; a sentence of over
    60 tokens, 0.9.

    >>> confidence([["A"], ["B"]], inferred=False, among=1, dated=True, regions_only=False,
    ...            words=20)
    0.9
    """
    score = 0.6 if inferred else 0.9
    shares = (
        (among > 1, 0.85),
        (sum(map(len, sides)) > 3, 0.9),
        (not dated, 0.9),
        (regions_only, 0.85),
        (words > 60, 0.9),
    )
    for applies, share in shares:
        if applies:
            score *= share
    return round(score, 2)


@cache
def trained_pipeline(name: str) -> Language:
    """An installed trained spaCy pipeline, by package name ("en_core_web_sm")."""
    try:
        return spacy.load(name, exclude=["lemmatizer"])
    except OSError:
        raise ModelError(
            f"spaCy model {name!r} is not installed: install its package, or leave out "
            "--spacy-model (extraction needs no model)"
        ) from None


def _model_organisations(doc: Doc, spacy_model: str) -> list[tuple[int, int]]:
    """Organisations a trained model finds, as token spans of ``doc``. A long text goes
    through the model in the pieces :func:`spans` cuts, each under its max_length."""
    found = []
    text = doc.text
    pieces = spans(text)
    read = trained_pipeline(spacy_model).pipe((text[a:b] for a, b in pieces), batch_size=1)
    for (offset, _), piece in zip(pieces, read, strict=True):
        for entity in piece.ents:
            if entity.label_ == "ORG":
                start, end = offset + entity.start_char, offset + entity.end_char
                span = doc.char_span(start, end, alignment_mode="expand")
                if span is not None and len(span) >= 2:
                    found.append((span.start, span.end))
    return found


def extract_records(
    text: str,
    published: PartialDate | None = None,
    *,
    title: str | None = None,
    spacy_model: str | None = None,
) -> RecordFile:
    """The records an article's text supports, in the gold schema. With ``spacy_model``,
    organisations that trained pipeline finds join the rules' institution candidates
    (where no rule found a name)."""
    pipes = pipeline()
    # A long article is tokenized in pieces, under spaCy's max_length, into one Doc.
    doc = read_long(pipes.nlp, text)
    sentences = list(doc.sents)
    # The title line says in short what the body says in full: it yields no names or
    # agreements, however it is cased.
    # An article of one sentence is all body.
    titled = len(sentences) > 1
    headlines = {
        i
        for number, s in enumerate(sentences)
        if _headline(s)
        or (titled and number == 0 and _unpunctuated(s))
        or (titled and title is not None and normalise(s.text) == normalise(title))
        for i in range(s.start, s.end)
    }
    found = _programmes(doc, pipes.programmes, headlines)
    programme_tokens = {i for span, _ in found for i in range(span.start, span.end)}
    extra = _model_organisations(doc, spacy_model) if spacy_model else []
    parties, names = _mentions(doc, pipes, headlines | programme_tokens, extra)
    institution_names = [p.name for p in parties if p.label == "institution"]
    canonical = _merge_region_prefixed(institution_names)
    # Names the text defines for another ("Haikou Coastal College") are that one.
    canonical.update({alias: name for alias, name in names.aliases.items() if alias != name})
    # One programme per name; a short name defined for another ("Leading Programme") is it.
    programmes: dict[str, Programme] = {}
    for _, programme in found:
        first = programmes.setdefault(programme.name, programme)
        first.aliases.extend(alias for alias in programme.aliases if alias not in first.aliases)
    short_names = {alias for p in programmes.values() for alias in p.aliases}
    programmes = {name: p for name, p in programmes.items() if name not in short_names}

    reading = _Reading(doc, parties, names, programmes, canonical, published)
    kind = None
    for sentence in sentences:
        if sentence.start not in headlines:
            kind = reading.read(sentence, kind)

    acting = {name for a in reading.agreements for side in a["sides"] for name in side}
    acting |= {name for p in programmes.values() for name in p.participants}
    aliases: dict[str, list[str]] = {}
    for alias, name in [*canonical.items(), *names.aliases.items()]:
        aliases.setdefault(canonical.get(name, name), []).append(alias)
    institutions: list[dict[str, Any]] = []
    seen = set()
    given = _regions_given(parties, reading)
    for party in parties:
        name = reading.name_of(party)
        if party.label != "institution" or name in seen:
            continue
        if name in programmes or (
            name not in acting
            and (generic_name(name) or name not in reading.involved)
            and normalise(name) not in registered_names()
        ):
            continue
        seen.add(name)
        head = name.split(" (")[0].split(",")[0].split()[-1].lower()
        of_head = next((w.lower() for w in name.split() if w.lower() in HEADS), head)
        institutions.append(
            {
                "name": name,
                "aliases": sorted(set(aliases.get(name, [])) - {name}),
                "region": given.get(name) or _region_in_name(name),
                "kind": str(HEADS.get(head, HEADS.get(of_head, InstitutionKind.OTHER))),
            }
        )
    region_names = sorted({p.name for p in parties if p.label == "region"}, key=normalise)
    region_names += sorted({i["region"] for i in institutions if i["region"]} - set(region_names))
    regions, unplaced = _place_regions(region_names, names.local_regions)
    agreements = [
        a for a in reading.agreements if not any(unplaced.intersection(s) for s in a["sides"])
    ]
    for institution in institutions:
        if institution["region"] in unplaced:
            institution["region"] = None
    kept = {i["name"] for i in institutions} | {r["name"] for r in regions}
    return RecordFile.model_validate(
        {
            "document": {"title": title, "date": published},
            "institutions": institutions,
            "regions": regions,
            "programmes": [
                {
                    "name": programme.name,
                    "aliases": programme.aliases,
                    "participants": [
                        {"name": name, "role": str(role)}
                        for name, role in programme.participants.items()
                        if name in kept
                    ],
                }
                for programme in programmes.values()
                if programme.name not in kept
            ],
            "agreements": agreements,
        }
    )


def _regions_given(parties: list[Party], reading: _Reading) -> dict[str, str]:
    """The region an article places each institution in, by name: the first "Y-based X"
    or "Y's X", else the first "X in Y"."""
    given: dict[str, str] = {}
    located: dict[str, str] = {}
    locators = {p.start - 1: p for p in parties if p.locator}
    for party in parties:
        if party.label != "institution":
            continue
        name = reading.name_of(party)
        if party.region:
            given.setdefault(name, party.region)
        locator = locators.get(party.end)
        if locator is not None:
            located.setdefault(name, locator.name)
    return located | given


def _place_regions(
    names: list[str], local: dict[str, str]
) -> tuple[list[dict[str, str]], set[str]]:
    """Regions as records. A name the gazetteer holds twice ("Huangpu" in Guangzhou and in
    Shanghai) takes the one whose parents the article also names, else the one far more
    people live in ("Sydney" of Australia); one still unclear is left out (returned as
    unplaced). Districts the text places in a known city come with it and a level."""
    gazetteer = bundled_gazetteer()
    mentioned = {normalise(name) for name in names}
    records, unplaced = [], set()
    for name in names:
        if name in local and not gazetteer.candidates(name):
            records.append({"name": name, "parent": local[name], "level": "district"})
            continue
        candidates = gazetteer.candidates(name)
        if len(candidates) <= 1:
            records.append({"name": name})
            continue
        # The deepest parent the article names decides: Guangzhou beats China.
        depth = {
            entry.chain: max(
                (i for i, parent in enumerate(entry.chain[:-1]) if normalise(parent) in mentioned),
                default=-1,
            )
            for entry in candidates
        }
        best = max(depth.values())
        fitting: list[KnownRegion] = [entry for entry in candidates if depth[entry.chain] == best]
        if len(fitting) > 1:
            likely = gazetteer.likely(name)
            fitting = [likely] if likely in fitting else fitting
        # The parent must tell it from every other place of the name, as the resolver reads it.
        parent = fitting[0].chain[:-1] if len(fitting) == 1 else ()
        siblings = [entry for entry in candidates if entry.chain[:-1] == parent]
        if parent and len(siblings) == 1:
            records.append({"name": name, "parent": parent[-1]})
        else:
            unplaced.add(name)
    return records, unplaced
