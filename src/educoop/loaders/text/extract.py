"""Extract agreements from an article's text with rules and gazetteers on a blank spaCy
pipeline (no trained model, nothing to download).

Institutions are runs of capitalised words ending in a head noun ("... College", "... Bureau"),
found by spaCy's Matcher; regions come from the gazetteer through a PhraseMatcher. A sentence
with a trigger word ("signed", "paired", "plan", "exchange" ...) and at least two parties
becomes an agreement, its sides split at "with" (or "between ... and"), else one side per
party.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from typing import Any

import spacy
from spacy.lang.char_classes import HYPHENS
from spacy.language import Language
from spacy.matcher import Matcher, PhraseMatcher
from spacy.symbols import ORTH
from spacy.tokens import Doc, Span
from spacy.util import compile_infix_regex, filter_spans

from educoop.graph.model import AgreementKind, InstitutionKind, PartialDate, RegionLevel
from educoop.loaders.gazetteer import bundled_gazetteer, normalise
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
# Words that may join a name's parts: "Vocational and Technical College", "College of ...".
CONNECTORS = ["of", "and", "for", "&"]
# Trigger words by agreement kind; the first kind found in a sentence wins, in this order.
TRIGGERS: dict[AgreementKind, tuple[str, ...]] = {
    AgreementKind.BRANCH: ("branch", "branches", "campus", "campuses"),
    AgreementKind.PAIRED: ("paired", "pairing", "pair", "sister", "twinning", "twinned"),
    AgreementKind.PLAN: ("plan", "plans", "blueprint"),
    AgreementKind.SIGNED: (
        "signed",
        "sign",
        "signing",
        "signs",
        "agreement",
        "agreements",
        "memorandum",
        "mou",
        "contract",
        "contracts",
        "alliance",
        "partnership",
    ),
    AgreementKind.EXCHANGE: (
        "exchange",
        "exchanges",
        "visit",
        "visited",
        "visiting",
        "delegation",
        "job-shadowing",
        "shadowing",
        "symposium",
    ),
}
_MONTHS = "January|February|March|April|May|June|July|August|September|October|November|December"
_DATE_PATTERNS = (
    (re.compile(rf"\b({_MONTHS}) (\d{{1,2}}), (\d{{4}})\b"), "mdy"),
    (re.compile(rf"\b(\d{{1,2}}) ({_MONTHS}) (\d{{4}})\b"), "dmy"),
    (re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b"), "iso"),
    (re.compile(rf"\b({_MONTHS}) (\d{{4}})\b"), "my"),
    (re.compile(r"\b(?:in|since|from) (\d{4})\b"), "y"),
)


def _month(name: str) -> int:
    return _MONTHS.split("|").index(name) + 1


def find_date(text: str) -> PartialDate | None:
    """The first date a sentence states, with its precision."""
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
            return PartialDate.parse(groups[0])
        except ValueError:
            continue
    return None


def _patterns() -> list[list[dict[str, Any]]]:
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
    patterns = []
    for body in (
        [name_word, head],
        [name_word, {"LOWER": "and"}, name_word, head],
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
        patterns.append([*body, {"ORTH": "("}, {"IS_TITLE": True}, {"ORTH": ")"}])
    return patterns


@cache
def pipeline() -> tuple[Language, Matcher, PhraseMatcher]:
    """The blank English pipeline with sentence splitting, and the matchers."""
    nlp = spacy.blank("en")
    # Hyphenated words stay whole: "People-to-people", "Beijing-Tianjin-Hebei", "job-shadowing".
    hyphen_rule = f"(?:{HYPHENS})"
    infixes = [rule for rule in nlp.Defaults.infixes if hyphen_rule not in rule]
    nlp.tokenizer.infix_finditer = compile_infix_regex(infixes).finditer
    for abbreviation in ("No.", "Nos.", "St.", "Prof."):
        nlp.tokenizer.add_special_case(abbreviation, [{ORTH: abbreviation}])
    nlp.add_pipe("sentencizer")
    institutions = Matcher(nlp.vocab)
    institutions.add("INSTITUTION", _patterns(), greedy="LONGEST")
    regions = PhraseMatcher(nlp.vocab)
    names = {
        name
        for entry in bundled_gazetteer().entries
        for name in (entry.name, *entry.aliases)
        if name and name[0].isupper()
    }
    regions.add("REGION", [nlp.make_doc(name) for name in sorted(names)])
    return nlp, institutions, regions


@dataclass(frozen=True)
class Party:
    name: str
    label: str  # "institution" or "region"
    start: int  # token offsets in the document
    end: int


def _clean(span: Span) -> str:
    """A name without its article: "the University of X" is "University of X"."""
    text = span.text
    return text[4:] if text[:4] in ("the ", "The ") else text


def _abbreviations(doc: Doc, spans: list[Span]) -> dict[str, str]:
    """Abbreviations defined in parentheses right after a name: "... Exchange (CCIPE)"."""
    defined = {}
    for span in spans:
        after = doc[span.end : span.end + 3]
        if (
            len(after) == 3
            and (after[0].text, after[2].text) == ("(", ")")
            and after[1].is_upper
            and len(after[1].text) >= 2
        ):
            defined[after[1].text] = _clean(span)
    return defined


def _parties(
    doc: Doc, institutions: Matcher, regions: PhraseMatcher
) -> tuple[list[Party], dict[str, str]]:
    """Institutions and regions in reading order, and the abbreviations the text defines."""
    found = [Span(doc, s, e, label="institution") for _, s, e in institutions(doc)]
    found = filter_spans(found)
    taken = {i for span in found for i in range(span.start, span.end)}
    abbreviations = _abbreviations(doc, found)
    for token in doc:
        # The definition itself sits in parentheses; later mentions stand alone.
        in_definition = token.i > 0 and doc[token.i - 1].text == "("
        if token.text in abbreviations and token.i not in taken and not in_definition:
            found.append(Span(doc, token.i, token.i + 1, label="institution"))
    taken = {i for span in found for i in range(span.start, span.end)}
    for _, start, end in regions(doc):
        if not taken.intersection(range(start, end)):
            found.append(Span(doc, start, end, label="region"))
            taken.update(range(start, end))
    parties = [
        Party(abbreviations.get(s.text, _clean(s)), s.label_, s.start, s.end)
        for s in filter_spans(found)
    ]
    return sorted(parties, key=lambda party: party.start), abbreviations


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


def _kind(sentence: Span) -> AgreementKind | None:
    words = {token.lower_ for token in sentence}
    for kind, triggers in TRIGGERS.items():
        if words.intersection(triggers):
            return kind
    return None


def _sides(sentence: Span, parties: list[Party]) -> list[list[Party]]:
    lowered = [token.lower_ for token in sentence]
    if "with" in lowered:
        pivot = sentence.start + lowered.index("with")
        before = [p for p in parties if p.end <= pivot]
        after = [p for p in parties if p.start > pivot]
        if before and after:
            return [before, after]
    if "between" in lowered:
        pivot = sentence.start + lowered.index("between")
        inside = [p for p in parties if p.start > pivot]
        if len(inside) >= 2:
            return [[party] for party in inside]
    return [[party] for party in parties]


def _region_in_name(name: str) -> str | None:
    """The smallest known region named inside an institution's name."""
    gazetteer = bundled_gazetteer()
    best = None
    words = name.split()
    for size in range(len(words), 0, -1):
        for start in range(len(words) - size + 1):
            candidate = " ".join(words[start : start + size])
            entries = gazetteer.candidates(candidate)
            if len(entries) == 1 and (best is None or len(entries[0].chain) > len(best.chain)):
                best = entries[0]
    return best.name if best else None


def _merge_region_prefixed(names: list[str]) -> dict[str, str]:
    """Map "Hong Kong Tung Wah College" to "Tung Wah College" when both occur."""
    canonical = {}
    known = set(names)
    for name in names:
        for entry in bundled_gazetteer().entries:
            for prefix in (entry.name, *entry.aliases):
                if name.startswith(prefix + " ") and name[len(prefix) + 1 :] in known:
                    canonical[name] = name[len(prefix) + 1 :]
    return canonical


def extract_records(
    text: str, published: PartialDate | None = None, *, title: str | None = None
) -> RecordFile:
    """The records an article's text supports, in the gold schema."""
    nlp, institution_matcher, region_matcher = pipeline()
    doc = nlp(text)
    parties, abbreviations = _parties(doc, institution_matcher, region_matcher)
    institution_names = [p.name for p in parties if p.label == "institution"]
    canonical = _merge_region_prefixed(institution_names)

    def name_of(party: Party) -> str:
        return canonical.get(party.name, party.name)

    agreements = []
    for sentence in doc.sents:
        kind = _kind(sentence)
        inside = [p for p in parties if sentence.start <= p.start and p.end <= sentence.end]
        if kind is None or len(inside) < 2:
            continue
        has_institutions = any(p.label == "institution" for p in inside)
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
            groups = [_sides(sentence, inside)]
        date = find_date(sentence.text) or published
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
            agreements.append(
                {
                    "sides": named,
                    "kind": str(kind),
                    "date": date.value if date else None,
                    "evidence": evidence,
                    "evidence_start": evidence_start,
                    "evidence_end": evidence_start + len(evidence),
                }
            )

    aliases: dict[str, list[str]] = {}
    for alias, name in [*canonical.items(), *abbreviations.items()]:
        aliases.setdefault(canonical.get(name, name), []).append(alias)
    institutions = []
    seen = set()
    for party in parties:
        name = name_of(party)
        if party.label != "institution" or name in seen:
            continue
        seen.add(name)
        head = name.split(" (")[0].split()[-1].lower()
        of_head = next((w.lower() for w in name.split() if w.lower() in HEADS), head)
        institutions.append(
            {
                "name": name,
                "aliases": sorted(aliases.get(name, [])),
                "region": _region_in_name(name),
                "kind": str(HEADS.get(head, HEADS.get(of_head, InstitutionKind.OTHER))),
            }
        )
    names = sorted({p.name for p in parties if p.label == "region"}, key=normalise)
    names += sorted({i["region"] for i in institutions if i["region"]} - set(names))
    regions, unplaced = _place_regions(names)
    agreements = [
        a for a in agreements if not any(unplaced.intersection(side) for side in a["sides"])
    ]
    return RecordFile.model_validate(
        {
            "document": {"title": title, "date": published},
            "institutions": institutions,
            "regions": regions,
            "agreements": agreements,
        }
    )


def _place_regions(names: list[str]) -> tuple[list[dict[str, str]], set[str]]:
    """Regions as records. A name the gazetteer holds twice ("Huangpu" in Guangzhou and in
    Shanghai) takes the one whose parents the article also names; one still unclear is left
    out (returned as unplaced)."""
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
        fitting = [entry for entry in candidates if depth[entry.chain] == best]
        if best >= 0 and len(fitting) == 1:
            records.append({"name": name, "parent": fitting[0].chain[-2]})
        else:
            unplaced.add(name)
    return records, unplaced
