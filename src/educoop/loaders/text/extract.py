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

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache
from typing import Any

import spacy
from spacy.lang.char_classes import HYPHENS
from spacy.language import Language
from spacy.matcher import Matcher, PhraseMatcher
from spacy.symbols import ORTH
from spacy.tokens import Doc, Span, Token
from spacy.util import compile_infix_regex, filter_spans

from educoop.graph.model import AgreementKind, InstitutionKind, PartialDate, RegionLevel, Role
from educoop.loaders.gazetteer import KnownRegion, bundled_gazetteer, normalise
from educoop.loaders.records import RecordFile

# Head nouns that end an institution's name, with the kind they suggest.
HEADS: dict[str, InstitutionKind] = {
    "university": InstitutionKind.UNIVERSITY,
    "college": InstitutionKind.COLLEGE,
    "polytechnic": InstitutionKind.COLLEGE,
    "school": InstitutionKind.SCHOOL,
    "kindergarten": InstitutionKind.KINDERGARTEN,
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
    "alliance": InstitutionKind.ASSOCIATION,
    "federation": InstitutionKind.ASSOCIATION,
    "foundation": InstitutionKind.ASSOCIATION,
    "society": InstitutionKind.ASSOCIATION,
    "company": InstitutionKind.COMPANY,
    "group": InstitutionKind.COMPANY,
}
# The last word of a programme's name; "Programm" and "Programe" are common typos.
PROGRAMME_HEAD = r"^(Program(me|m|e)?|Plan|Zone|Community|Initiative|Scheme|Project)$"
# Trigger words by agreement kind; the first kind found in a sentence wins, in this order.
TRIGGERS: dict[AgreementKind, tuple[str, ...]] = {
    AgreementKind.BRANCH: ("branch", "branches", "campus", "campuses"),
    AgreementKind.PAIRED: (
        "paired",
        "pairing",
        "pair",
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
        "tripartite",
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
    ),
}
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
    "funded": Role.FUNDER,
    "sponsored": Role.FUNDER,
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
        "the",
        "of",
        "and",
        "for",
        "&",
    }
)
# Words after a place name that belong to it: "Jiangmen City", "Yunhe County".
PLACE_DESIGNATORS = frozenset(
    {"City", "County", "Province", "District", "Municipality", "Region", "State", "SAR"}
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
        "TEXT": {"REGEX": r"^([A-Z][\w'\u2019.-]*|\d+|No\.?|['\u2019]s)$"},
        "LOWER": {"NOT_IN": list(HEADS)},
    }
    # A lower-case head ("the Foshan hospital") is a description, not a name.
    head = {"LOWER": {"IN": list(HEADS)}, "IS_TITLE": True}
    # A tail ends before another head noun: "Center for X Exchange Ministry" stops at "Exchange".
    tail_word = {"TEXT": {"REGEX": r"^[A-Z][\w'\u2019-]*$"}, "LOWER": {"NOT_IN": list(HEADS)}}
    # A place in parentheses inside a name: "National Innovation (Jiangmen) Demonstration Center".
    bracketed = [{"ORTH": "("}, {"IS_TITLE": True}, {"ORTH": ")"}]
    patterns = []
    for body in (
        [name_word, head],
        [name_word, {"LOWER": "and"}, name_word, head],
        [name_word, *bracketed, name_word, head],
        [name_word, head, {"LOWER": {"IN": ["of", "for"]}}, {**tail_word, "OP": "+"}],
        [
            name_word,
            head,
            {"LOWER": {"IN": ["of", "for"]}},
            {**tail_word, "OP": "+"},
            {"LOWER": "and"},
            {**tail_word, "OP": "+"},
        ],
        [head, {"LOWER": "of"}, {**tail_word, "OP": "+"}],
        [
            head,
            {"LOWER": "of"},
            {**tail_word, "OP": "+"},
            {"LOWER": "and"},
            {**tail_word, "OP": "+"},
        ],
        [word, number, name_word, head],
        [upper, head],
        # A name inside a name: "Peking University Third Hospital".
        [name_word, head, name_word, head],
    ):
        patterns.append(body)
        patterns.append([*body, *bracketed])
    return patterns


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
    """Lines are sentences too: titles, datelines and captions end without a full stop. A
    single line break inside running text (a hard-wrapped paragraph) does not end one."""
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
        if not wrapped:
            following.is_sent_start = True
    return doc


@dataclass(frozen=True)
class Pipeline:
    nlp: Language
    institutions: Matcher
    programmes: Matcher
    regions: PhraseMatcher


@cache
def pipeline() -> Pipeline:
    """The blank English pipeline with sentence splitting, and the matchers."""
    nlp = spacy.blank("en")
    # Hyphenated words stay whole: "People-to-people", "Beijing-Tianjin-Hebei", "job-shadowing".
    hyphen_rule = f"(?:{HYPHENS})"
    # Curly quotes, and brackets beside them, split the words they touch:
    # 'Programm\u201d(hereafter the\u201cLeading Programme\u201d)'.
    infixes = [rule for rule in nlp.Defaults.infixes if hyphen_rule not in rule]
    infixes.append(r"[\u201c\u201d()]")
    nlp.tokenizer.infix_finditer = compile_infix_regex(infixes).finditer
    for abbreviation in ("No.", "Nos.", "St.", "Prof.", "Dr.", "U.S."):
        nlp.tokenizer.add_special_case(abbreviation, [{ORTH: abbreviation}])
    nlp.add_pipe("sentencizer")
    nlp.add_pipe("line_breaks")
    institutions = Matcher(nlp.vocab)
    institutions.add("INSTITUTION", _institution_patterns(), greedy="LONGEST")
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
    regions.add("REGION", list(nlp.tokenizer.pipe(names)))
    return Pipeline(nlp, institutions, programmes, regions)


@dataclass(frozen=True)
class Party:
    name: str
    label: str  # "institution" or "region"
    start: int  # token offsets in the document
    end: int
    # "title" when named in a person's post ("Director of X"), "member" for "a member of X".
    affiliation: str | None = None


@dataclass
class Programme:
    name: str
    aliases: list[str] = field(default_factory=list)
    participants: dict[str, Role] = field(default_factory=dict)


def _clean(span: Span) -> str:
    """A name without its article: "the University of X" is "University of X"."""
    text = span.text
    return text[4:] if text[:4] in ("the ", "The ") else text


def _initials_match(abbreviation: str, name: str) -> bool:
    """Whether an abbreviation's letters are, in order, initials of the name's capitalised
    words, starting with the first: CCIPE and "China Center for International
    People-to-people Exchange"."""
    initials = [word[0] for word in name.split() if word[:1].isupper()]
    letters = [char for char in abbreviation if char.isalpha()]
    if not letters or not initials or letters[0] != initials[0]:
        return False
    position = 0
    for letter in letters:
        while position < len(initials) and initials[position] != letter:
            position += 1
        if position == len(initials):
            return False
        position += 1
    return True


def _abbreviations(doc: Doc, spans: list[Span]) -> tuple[dict[str, str], dict[str, str], set]:
    """Abbreviations defined in parentheses right after a name: "... Exchange (CCIPE)".

    Returns the abbreviations with their names, longer forms that are aliases ("X Ministry
    of Education (XMOE)" when the letters name X alone), and the spans that only qualify
    the name the abbreviation stands for.
    """
    defined, longer, qualifiers = {}, {}, set()
    previous: Span | None = None
    for span in spans:
        after = doc[span.end : span.end + 3]
        if (
            len(after) == 3
            and (after[0].text, after[2].text) == ("(", ")")
            and after[1].is_upper
            and len(after[1].text) >= 2
        ):
            abbreviation = after[1].text
            name = _clean(span)
            adjacent = previous is not None and previous.end == span.start
            if (
                adjacent
                and not _initials_match(abbreviation, name)
                and _initials_match(abbreviation, _clean(previous))
            ):
                name = _clean(previous)
                longer[f"{name} {span.text}"] = name
                qualifiers.add((span.start, span.end))
            defined[abbreviation] = name
        previous = span
    return defined, longer, qualifiers


def _affiliation(doc: Doc, start: int, spans_by_end: dict[int, Span]) -> str | None:
    """Whether the name starting at ``start`` is named in a post: "Director of (the) X",
    "a member of the X", or "... Department of the X" after such a post."""
    i = start - 1
    if i >= 0 and doc[i].lower_ == "the":
        i -= 1
    if i < 1 or doc[i].lower_ != "of":
        return None
    title = doc[i - 1]
    if title.lower_ in JOB_TITLES:
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


def _programmes(doc: Doc, matcher: Matcher) -> list[tuple[Span, Programme]]:
    """Named programmes with their spans, their typos mended and their defined short names
    ('(hereafter the "Leading Programme")') as aliases."""
    found = []
    for span in filter_spans([Span(doc, s, e) for _, s, e in matcher(doc)]):
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


def _region_span_end(doc: Doc, end: int) -> int | None:
    """Where a place mention ends: past "City" or "County" after its name. None when the
    name goes on into a longer proper name ("Hangzhou Asian Games")."""
    if end < len(doc) and doc[end].text in PLACE_DESIGNATORS:
        return end + 1
    if end < len(doc) and doc[end].is_title and not doc[end].is_sent_start:
        return None
    return end


def _parties(
    doc: Doc, pipes: Pipeline, programme_tokens: set[int]
) -> tuple[list[Party], dict[str, str]]:
    """Institutions and regions in reading order, and the aliases the text defines
    (abbreviations, and longer forms of a name)."""
    found = [
        span
        for span in filter_spans(
            [Span(doc, s, e, label="institution") for _, s, e in pipes.institutions(doc)]
        )
        if not programme_tokens.intersection(range(span.start, span.end))
    ]
    abbreviations, longer, qualifiers = _abbreviations(doc, found)
    found = [span for span in found if (span.start, span.end) not in qualifiers]
    taken = {i for span in found for i in range(span.start, span.end)} | programme_tokens
    for token in doc:
        # The definition itself sits in parentheses; later mentions stand alone.
        in_definition = token.i > 0 and doc[token.i - 1].text == "("
        if token.text in abbreviations and token.i not in taken and not in_definition:
            found.append(Span(doc, token.i, token.i + 1, label="institution"))
    taken = {i for span in found for i in range(span.start, span.end)} | programme_tokens
    quoted = _quoted(doc)
    for _, start, end in sorted(pipes.regions(doc), key=lambda m: (m[1], -m[2])):
        end_of_mention = _region_span_end(doc, end)
        if end_of_mention is None or taken.intersection(range(start, end_of_mention)):
            continue
        if quoted.intersection(range(start, end)):
            continue
        found.append(Span(doc, start, end, label="region"))
        taken.update(range(start, end_of_mention))
    spans = filter_spans(found)
    by_end = {span.end: span for span in spans if span.label_ == "institution"}
    parties = [
        Party(
            abbreviations.get(s.text, _clean(s)),
            s.label_,
            s.start,
            s.end,
            _affiliation(doc, s.start, by_end) if s.label_ == "institution" else None,
        )
        for s in spans
    ]
    aliases = {**abbreviations, **longer}
    return sorted(parties, key=lambda party: party.start), aliases


def _unnested(regions: list[Party]) -> list[Party]:
    """Regions less any that lies inside another of them (Huangpu inside Guangzhou)."""
    chains = {
        p.name: {entry.chain for entry in bundled_gazetteer().candidates(p.name)} for p in regions
    }
    names = {normalise(p.name) for p in regions}

    def inside_another(party: Party) -> bool:
        return any(
            normalise(ancestor) in names for chain in chains[party.name] for ancestor in chain[:-1]
        )

    return [p for p in regions if not inside_another(p)]


def _can_be_party(region: str) -> bool:
    """Countries and policy zones are settings, not parties, in a sentence of regions."""
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


def _kind(sentence: Span) -> AgreementKind | None:
    for kind, triggers in TRIGGERS.items():
        if any(_is_trigger(token, triggers) for token in sentence):
            return kind
    return None


def _cooperates(sentence: Span) -> bool:
    text = sentence.text.lower()
    return any(_is_trigger(t, COOPERATION_WORDS) for t in sentence) or "each other" in text


def _sides(sentence: Span, parties: list[Party], kind: AgreementKind) -> list[list[Party]] | None:
    """The sides of an agreement among a sentence's parties; None when its partners go
    unnamed ("... with their paired schools")."""
    tokens = list(sentence)
    first = parties[0].start
    pivot = next((t.i for t in tokens if t.lower_ == "with" and t.i >= parties[0].end), None)
    if pivot is not None:
        before = [p for p in parties if p.end <= pivot]
        after = [p for p in parties if p.start > pivot]
        if before and after:
            return [before, after]
        unnamed = pivot + 1 < sentence.end and sentence.doc[pivot + 1].lower_ not in {"each", "one"}
        if before and not after and unnamed:
            return None
    between = next((t.i for t in tokens if t.lower_ == "between"), None)
    if between is not None:
        inside = [p for p in parties if p.start > between]
        if len(inside) >= 2:
            return [[party] for party in inside]
    if kind is AgreementKind.EXCHANGE:
        for t in tokens:
            if t.i >= first and t.lower_ in {"to", "visited", "at"}:
                before = [p for p in parties if p.end <= t.i]
                after = [p for p in parties if p.start > t.i]
                if before and after:
                    return [before, after]
    return [[party] for party in parties]


def _region_in_name(name: str) -> str | None:
    """The smallest known region named inside an institution's name."""
    gazetteer = bundled_gazetteer()
    best = None
    words = name.replace("(", " ").replace(")", " ").split()
    for size in range(len(words), 0, -1):
        for start in range(len(words) - size + 1):
            entry = gazetteer.likely(" ".join(words[start : start + size]))
            if entry is not None and (best is None or len(entry.chain) > len(best.chain)):
                best = entry
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


def _generic(name: str) -> bool:
    """A name that says not whose body it is: "Municipal Education Bureau"."""
    return all(word.lower() in HEADS or word.lower() in GENERIC_WORDS for word in name.split())


def _roles(sentence: Span, parties: list[Party]) -> dict[Party, Role]:
    """Parties a sentence gives a role in a programme: "organized by X", "coordinated by Y"."""
    roles = {}
    for token in sentence:
        role = ROLE_CUES.get(token.lower_)
        if role is None or token.i + 1 >= sentence.end or token.nbor().lower_ != "by":
            continue
        after = [p for p in parties if p.start > token.i + 1]
        if after and after[0].start <= token.i + 3:
            roles[after[0]] = role
    return roles


def _hosts(sentence: Span, parties: list[Party]) -> list[Party]:
    """Institutions an exchange takes place at: "... at X"."""
    return [
        p
        for p in parties
        if p.label == "institution" and p.start >= 1 and sentence.doc[p.start - 1].lower_ == "at"
    ]


def extract_records(
    text: str, published: PartialDate | None = None, *, title: str | None = None
) -> RecordFile:
    """The records an article's text supports, in the gold schema."""
    pipes = pipeline()
    doc = pipes.nlp(text)
    programmes = _programmes(doc, pipes.programmes)
    programme_tokens = {i for span, _ in programmes for i in range(span.start, span.end)}
    parties, defined = _parties(doc, pipes, programme_tokens)
    institution_names = [p.name for p in parties if p.label == "institution"]
    canonical = _merge_region_prefixed(institution_names)
    # One programme per name; a short name defined for another ("Leading Programme") is it.
    by_name: dict[str, Programme] = {}
    for _, programme in programmes:
        kept = by_name.setdefault(programme.name, programme)
        kept.aliases.extend(alias for alias in programme.aliases if alias not in kept.aliases)
    short_names = {alias for p in by_name.values() for alias in p.aliases}
    by_name = {name: p for name, p in by_name.items() if name not in short_names}

    def name_of(party: Party) -> str:
        return canonical.get(party.name, party.name)

    agreements = []
    in_trigger_sentences: set[str] = set()
    for sentence in doc.sents:
        kind = _kind(sentence)
        inside = [p for p in parties if sentence.start <= p.start and p.end <= sentence.end]
        mentioned = [
            programme
            for programme in by_name.values()
            if any(name in sentence.text for name in (programme.name, *programme.aliases))
        ]
        roles = _roles(sentence, inside)
        if mentioned:
            for party, role in roles.items():
                mentioned[0].participants.setdefault(name_of(party), role)
            if kind is AgreementKind.EXCHANGE:
                for host in _hosts(sentence, inside):
                    mentioned[0].participants.setdefault(name_of(host), Role.HOST)
        if kind is not None:
            in_trigger_sentences.update(
                name_of(p) for p in inside if p.label == "institution" and p.affiliation != "member"
            )
        cooperation_only = kind is None and _cooperates(sentence)
        if cooperation_only:
            kind = AgreementKind.EXCHANGE
        # Coordinators and funders support an agreement without being one of its sides;
        # a member of a body is a person, not the body.
        inside = [
            p
            for p in inside
            if roles.get(p) in (None, Role.ORGANISER, Role.HOST) and p.affiliation != "member"
        ]
        if kind is None or len(inside) < 2:
            continue
        has_institutions = any(p.label == "institution" for p in inside)
        if cooperation_only and has_institutions:
            continue
        if has_institutions and kind not in (AgreementKind.PLAN, AgreementKind.BRANCH):
            inside = [p for p in inside if p.label == "institution"]
        elif not has_institutions:
            # Sentences of regions alone mostly set a scene. They make an agreement only as a
            # plan of a few regions, or a pairing or exchange of two, and never between a
            # region and a place inside it.
            inside = _unnested([p for p in inside if _can_be_party(p.name)])
            limit = {AgreementKind.PLAN: 4, AgreementKind.PAIRED: 2, AgreementKind.EXCHANGE: 2}.get(
                kind, 0
            )
            if len({p.name for p in inside}) > limit:
                continue
        if len(inside) < 2:
            continue
        if kind is AgreementKind.BRANCH:
            schools = [p for p in inside if p.label == "institution"]
            places = (
                [p for p in inside if p.label == "region" and p.start > schools[-1].end]
                if schools
                else []
            )
            groups = [[[s], [places[-1]]] for s in schools] if places else []
        else:
            sides = _sides(sentence, inside, kind)
            groups = [sides] if sides else []
        date = find_date(sentence.text, published) or published
        evidence = sentence.text.strip()
        evidence_start = sentence.start_char + len(sentence.text) - len(sentence.text.lstrip())
        for sides in groups:
            named, used = [], set()
            for side in sides:
                names = sorted({name_of(p) for p in side} - used)
                used.update(names)
                if names:
                    named.append(names)
            if len(named) < 2:
                continue
            programme = mentioned[0] if mentioned else None
            if programme is not None and kind is not AgreementKind.EXCHANGE:
                for name in used:
                    programme.participants.setdefault(name, Role.MEMBER)
            agreements.append(
                {
                    "sides": named,
                    "kind": str(kind),
                    "date": date.value if date else None,
                    "programme": programme.name if programme else None,
                    "evidence": evidence,
                    "evidence_start": evidence_start,
                    "evidence_end": evidence_start + len(evidence),
                }
            )

    acting = {name for a in agreements for side in a["sides"] for name in side}
    acting |= {name for p in by_name.values() for name in p.participants}
    aliases: dict[str, list[str]] = {}
    for alias, name in [*canonical.items(), *defined.items()]:
        aliases.setdefault(canonical.get(name, name), []).append(alias)
    institutions = []
    seen = set()
    for party in parties:
        name = name_of(party)
        if party.label != "institution" or name in seen:
            continue
        named_freely = any(
            name_of(p) == name and p.affiliation is None for p in parties if p.label == party.label
        )
        if name not in acting and (
            _generic(name) or not (named_freely or name in in_trigger_sentences)
        ):
            continue
        seen.add(name)
        head = name.split(" (")[0].split()[-1].lower()
        of_head = next((w.lower() for w in name.split() if w.lower() in HEADS), head)
        institutions.append(
            {
                "name": name,
                "aliases": sorted(set(aliases.get(name, []))),
                "region": _region_after(doc, parties, name, name_of) or _region_in_name(name),
                "kind": str(HEADS.get(head, HEADS.get(of_head, InstitutionKind.OTHER))),
            }
        )
    names = sorted({p.name for p in parties if p.label == "region"}, key=normalise)
    names += sorted({i["region"] for i in institutions if i["region"]} - set(names))
    regions, unplaced = _place_regions(names)
    agreements = [
        a for a in agreements if not any(unplaced.intersection(side) for side in a["sides"])
    ]
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
                for programme in by_name.values()
            ],
            "agreements": agreements,
        }
    )


def _region_after(doc: Doc, parties: list[Party], name: str, name_of: Any) -> str | None:
    """The region an article places an institution in: "X in Y"."""
    regions = {p.start: p for p in parties if p.label == "region"}
    for party in parties:
        placed = party.end + 1 < len(doc) and doc[party.end].lower_ == "in"
        if party.label == "institution" and name_of(party) == name and placed:
            region = regions.get(party.end + 1)
            if region is not None:
                return region.name
    return None


def _place_regions(names: list[str]) -> tuple[list[dict[str, str]], set[str]]:
    """Regions as records. A name the gazetteer holds twice ("Huangpu" in Guangzhou and in
    Shanghai) takes the one whose parents the article also names, else the one far more
    people live in ("Sydney" of Australia); one still unclear is left out (returned as
    unplaced)."""
    gazetteer = bundled_gazetteer()
    mentioned = {normalise(name) for name in names}
    records, unplaced = [], set()
    for name in names:
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
        if len(fitting) == 1 and len(fitting[0].chain) > 1:
            records.append({"name": name, "parent": fitting[0].chain[-2]})
        else:
            unplaced.add(name)
    return records, unplaced
