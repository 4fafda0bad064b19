"""Parties named in an article: institutions by their head nouns, programmes, regions from
the gazetteer, abbreviations and short names, with what is left out (job titles, venues,
names inside other names)."""

from __future__ import annotations

import re
from dataclasses import replace

from spacy.matcher import Matcher
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from educoop.graph.model import AgreementKind, RegionLevel
from educoop.loaders.gazetteer import MUNICIPALITIES, KnownRegion, bundled_gazetteer
from educoop.loaders.text.bodies import described_bodies
from educoop.loaders.text.boundaries import (
    _before_a_post,
    _bracketed_end,
    _two_names,
    _with_their_government,
)
from educoop.loaders.text.descriptions import (
    described_again,
    introduced_companies,
    level_described,
    listed_with_companies,
    ours,
    the_company,
)
from educoop.loaders.text.parties import Names, Party, Programme, _before, _continues, _Found
from educoop.loaders.text.pipeline import Pipeline, institution_matches
from educoop.loaders.text.places import _dateline, _placing, _region_in_name, _region_mentions
from educoop.loaders.text.rows import cell_names
from educoop.loaders.text.shortnames import (
    _acronym,
    _definitions,
    _former_names,
    _initialisms,
    _long_form,
    _short_names,
    _shortened,
    signing_acronyms,
)
from educoop.loaders.text.starts import (
    _foreign_start,
    _leading_article,
    _opening_word,
    _the_of_the_name,
)
from educoop.loaders.text.words import (
    CHINESE_RUN,
    COMPANY_SUFFIXES,
    GOVERNMENT_UNITS,
    ITEM_MARK,
    JOB_TITLES,
    ONE_WORD_HEAD,
    PLACE_DESIGNATORS,
    POSSESSIVES,
    PROGRAMME_HEAD,
    QUOTES,
    SMALL_WORDS,
    TRIGGERS,
    VENUE_NAME_WORDS,
)
from educoop.loaders.vocabulary import HEADS


def _unpunctuated(sentence: Span) -> bool:
    last = next((t for t in reversed(sentence) if not t.is_space), sentence[-1])
    # "... Co., Ltd." ends a sentence with its abbreviation's full stop.
    return last.text not in {".", "!", "?", ":", '"', "\u201d"} and not last.text.endswith(".")


# The heading of a web page's links to other stories: "Related news:", "Read more".
_CHROME_HEADINGS = frozenset(
    {"related news", "related articles", "related stories", "read more", "more news"}
    | {"see also", "you may also like", "recommended", "latest news", "more stories"}
)


def page_chrome(sentences: list[Span]) -> set[int]:
    """The tokens of a page's links to other stories: a heading such as "Related news:"
    and the short lines or list items right under it, up to a blank line after one. They
    report nothing of this article ("- SUSTech welcomes delegation from X" is another
    story's headline); a sentence under the heading ends them."""
    tokens: set[int] = set()
    listing = False
    for sentence in sentences:
        heading = sentence.text.strip().rstrip(":").lower() in _CHROME_HEADINGS
        # A link is a list item or a short line with no full stop: a headline.
        link = ITEM_MARK.match(sentence.text) is not None or (
            _unpunctuated(sentence) and len(sentence) <= 20
        )
        if heading or (listing and link and "\n" in sentence.text):
            tokens.update(range(sentence.start, sentence.end))
            listing = heading or not sentence.text.endswith("\n\n")
        else:
            listing = False
    return tokens


def _headline(sentence: Span) -> bool:
    """A line in title case ("Futian and Hong Kong Schools Sign Sister School Agreements"):
    its capitalised words run into each other, so it yields no names; the body repeats
    what it says."""
    words = [t for t in sentence if t.is_alpha and t.lower_ not in SMALL_WORDS]
    last = next((t for t in reversed(sentence) if not t.is_space), sentence[-1])
    if len(words) < 4 or last.text in {".", "!", "?", ":", "|"} or last.text.endswith("."):
        return False
    return sum(1 for t in words if t.is_title or t.is_upper) >= 0.8 * len(words)


def _affiliation(doc: Doc, start: int, spans_by_end: dict[int, Party]) -> str | None:
    """Whether the name starting at ``start`` is named in a post: "Director of (the) X",
    "a member of the X", or "... Department of the X" after such a post."""
    i = _before(doc, start)
    if i < 1 or doc[i].lower_ not in {"of", "at"}:
        return None
    title = doc[i - 1]
    if title.lower_ in JOB_TITLES or title.lower_.split("-")[-1] in JOB_TITLES:
        return "member" if title.lower_.startswith("member") else "title"
    # "a member university of Vietnam National University", "a subsidiary of NFI Group
    # Inc.": the parent is no party.
    if i >= 2 and doc[i - 2].lower_ == "member" and title.lower_ in _MEMBER_KINDS:
        return "member"
    if title.lower_ in {"subsidiary", "affiliate", "division"}:
        return "member"
    outer = spans_by_end.get(i)
    return _affiliation(doc, outer.start, spans_by_end) if outer is not None else None


_MEMBER_KINDS = frozenset({"university", "school", "college", "institution", "institute", "unit"})


def _programmes(doc: Doc, matcher: Matcher, skipped: set[int]) -> list[tuple[Span, Programme]]:
    """Named programmes with their spans, their typos mended and their defined short names
    ('(hereafter the "Leading Programme")') as aliases."""
    found: list[tuple[Span, Programme]] = []
    # The Matcher is the slowest step; most articles name no programme at all.
    if not any(re.match(PROGRAMME_HEAD, word.title()) for word in doc.user_data["capitalised"]):
        return found
    for span in filter_spans([Span(doc, s, e) for _, s, e in matcher(doc) if s not in skipped]):
        words = list(span)
        # A dash between spaces ends a dateline, not a name: "Tampere, 9 May 2025 - The
        # Nordic Lakes Network ...".
        dashes = [i for i, t in enumerate(words) if t.text == "-" and t.whitespace_ and i]
        words = words[dashes[-1] + 1 :] if dashes and words[dashes[-1] - 1].whitespace_ else words
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
            if inner and CHINESE_RUN.fullmatch(inner):
                names.aliases.setdefault(inner, party.name)
    return [p for p in institutions if p.start not in inside]


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
        and doc[start - 1].lower_ != "the"
        and not doc[start].is_sent_start
    )


def _place_and(doc: Doc, start: int, end: int) -> bool:
    """Whether a match begins with a place and "and": "Amman and Irbid Teaching Hospital"
    lists a city and a hospital."""
    words = [t.text for t in doc[start:end]]
    if "and" not in words:
        return False
    before = " ".join(words[: words.index("and")])
    # The place may begin before the match: "in Nghệ An and Souphanouvong University".
    longer = f"{doc[start - 1].text} {before}" if start else before
    gazetteer = bundled_gazetteer()
    return bool(gazetteer.candidates(before) or gazetteer.candidates(longer))


def _spelled_within(doc: Doc, whole: Party, long_form: tuple[int, int]) -> bool:
    """Whether an abbreviation's letters spell the part of a name the Matcher found that
    opens it, or follows its owner: "Kyrgyz State Technical University named after I.
    Razzakov (KSTU)", "Zhejiang University's College of Agriculture and Biotechnology
    (CAB)". The name is the whole."""
    start = long_form[0]
    owned = whole.start < start and doc[start - 1].text in POSSESSIVES
    return whole.start == start or owned


def _campus(place: KnownRegion) -> bool:
    """Whether a place in brackets after a name can name its campus: a Chinese city or
    municipality ("Harbin Institute of Technology (Shenzhen)"), not a province, which only
    says where the institution is."""
    if place.chain[0] != "China" or place.level in _NO_CAMPUS_LEVELS:
        return False  # "Hongling Middle School (Futian)" is in Futian district
    return place.level is not RegionLevel.PROVINCE or place.chain[-1] in MUNICIPALITIES


_NO_CAMPUS_LEVELS = frozenset({RegionLevel.DISTRICT})


def _within_named(places: list[KnownRegion], words: list[str]) -> bool:
    """Whether a bracketed place is, or lies within, a city or prefecture a name's
    ``words`` hold (its country and province say nothing of a campus)."""
    return any(
        region.split()[0] in words
        for place in places
        for region in place.chain[2:] or place.chain[-1:]
    )


def _institution(doc: Doc, start: int, end: int, names: Names) -> Party | None:
    """An institution mention from a matched span: its article, a "Y-based" or "Y's"
    place before it, and a parenthesised short name after it go into region and aliases."""
    gazetteer = bundled_gazetteer()
    region = None
    if _leading_article(doc, start, end):
        start += 1
    if _the_of_the_name(doc, start - 1):
        names.aliases.setdefault(doc[start:end].text, doc[start - 1 : end].text)
        start -= 1
    # A date, or the word opening a sentence, is no part of the name after it: "On 2
    # November 2024 Chengdu No. 7 Middle School signed ...".
    while end - start > 2 and _opening_word(doc[start]):
        start += 1
    first = doc[start].text
    if first.endswith("-based"):
        region, start = _based_in(doc, start + 1), start + 1
    elif end - start > 3 and doc[start + 1].text in POSSESSIVES and first != "People":
        # "Munich's X": the owner is its place when it is a known one ("Queen's College",
        # of one word after the owner, and "People's Government of X" are names).
        region = first if gazetteer.candidates(first) else None
        start += 2
    elif (
        end - start > 4
        and doc[start + 2].text in POSSESSIVES
        and gazetteer.candidates(doc[start : start + 2].text)
    ):
        region, start = doc[start : start + 2].text, start + 3  # "Hong Kong's X"
    while start < end and doc[start].text in POSSESSIVES | {"'", "\u2019"}:
        start += 1
    if end - start > 3 and doc[end - 3].text == "(" and doc[end - 1].text == ")":
        inner = doc[end - 2].text
        places = gazetteer.candidates(inner)
        # A company's campus is never meant: "... Battery Co (Lanshan)" is its short name.
        if not places or doc[end - 4].text in COMPANY_SUFFIXES:
            end -= 3
            # "Rossmoyne Senior High School (Rossmoyne)" names its suburb, not itself.
            if inner not in doc[start:end].text.split()[:1]:
                names.aliases.setdefault(inner, doc[start:end].text)
        elif not any(_campus(place) for place in places) or _within_named(
            places, doc[start : end - 3].text.split()
        ):
            # "(Germany)", "(Gauteng)" and "(Henan)" say where the institution is;
            # "(Guangzhou)" and "(Beijing)" name a campus, as Chinese universities name theirs,
            # but not a place within the one the name holds: "Dingxi No. 1 Middle School
            # (Dingxi)", "Gannan Prefecture Vocational School (Hezuo)".
            region = region or inner
            end -= 3
    # "Shenzhen Huawei Technology Co., Ltd.": the comma ends every match.
    texts, lower = doc.user_data["text"], doc.user_data["lower"]
    if texts[end - 1] in {"Co", "Co."} and texts[end : end + 2] in (
        [",", "Ltd"],
        [",", "Ltd."],
        [",", "Limited"],
    ):
        end += 2
    end = _before_a_post(doc, start, end)
    # The Communist Party's committee of a place or a school speaks and attends; the
    # school or the government signs. "Party Committee of X" is X.
    words = texts[start:end]
    if words[:3] == ["Party", "Committee", "of"]:
        start += 3
    elif "Party" in words and words[words.index("Party") + 1 : words.index("Party") + 2] == [
        "Committee"
    ]:
        return None
    # "an Indian Institute of Technology" is one of a kind, not one institution.
    if (
        start
        and doc[start - 1].lower_ in {"a", "an"}
        and (end == len(doc) or not doc[end].is_alpha or doc[end].lower_ in {"and", "or"})
    ):
        return None
    # A venue is no party: "El Paso Convention Center".
    lowers = set(lower[start:end])
    if lowers & VENUE_NAME_WORDS and lowers & {"center", "centre", "hall", "palace", "palais"}:
        return None
    # A post is a person, not a body: "County Executive Committee Member".
    one_word = end - start == 1 and ONE_WORD_HEAD.match(doc[start].text) is not None
    if (end - start < 2 and not one_word) or doc[end - 1].lower_ in JOB_TITLES:
        return None
    # "Sanya Vocational College of Hainan": a name that begins with its place ends at its
    # head noun, and "of Hainan" qualifies it ("University of Leeds" and "Cheikh Anta Diop
    # University of Dakar" are names).
    if (
        end - start >= 4
        and doc[end - 2].lower_ == "of"
        and doc[end - 3].lower_ in HEADS
        and gazetteer.candidates(doc[end - 1].text)
        and (
            _region_in_name(doc[start : end - 2].text) is not None
            # "Chongli District Experimental Kindergarten of Zhangjiakou": a place the
            # gazetteer lacks, named as one.
            or doc[start + 1].text in PLACE_DESIGNATORS
        )
        and doc[start].lower_ not in HEADS
    ):
        names.aliases.setdefault(doc[start:end].text, doc[start : end - 2].text)
        region = region or doc[end - 1].text
        end -= 2
    # "Ministry of Social Development of Gandaki Province": a government's body is named
    # with its province.
    governing = any(t.lower_ in GOVERNMENT_UNITS for t in doc[start:end])
    if governing and end + 1 < len(doc) and doc[end].lower_ == "of":
        province = _province_after(doc, end + 1)
        if province is not None:
            end, region = province[0], region or province[1]
    # "Government Higher Secondary School, Chittur, attended" and "Rufus Giwa Polytechnic,
    # Owo (RUGIPO)": the town is part of a name that has none.
    after = doc[end : end + 4]
    if (
        len(after) == 4
        # "People's Government of Sucheng District, Suqian, on ...": a name with its place
        # in it is only located by the town after it.
        and _region_in_name(doc[start:end].text) is None
        and after[0].text == ","
        and after[1].is_title
        and (
            (after[2].text == "," and after[3].is_lower and after[3].lower_ not in {"and", "or"})
            or (after[2].text == "(" and _acronym(after[3].text))
        )
    ):
        if not region and bundled_gazetteer().candidates(after[1].text):
            region = after[1].text
        end += 2
    return Party(doc[start:end].text, "institution", start, end, region=region)


def _province_after(doc: Doc, start: int) -> tuple[int, str] | None:
    """Where "Gandaki Province" or "Guangdong Province" starting at ``start`` ends, and the
    gazetteer's name of it: a province or state it knows, with its designator."""
    gazetteer = bundled_gazetteer()
    for size in (3, 2, 1):
        end = start + size
        if end >= len(doc) or doc[end].text not in {"Province", "State"}:
            continue
        name = doc[start:end].text
        places = gazetteer.candidates(f"{name} {doc[end].text}") or gazetteer.candidates(name)
        provinces = [place for place in places if place.level is RegionLevel.PROVINCE]
        if provinces:
            return end + 1, provinces[0].name
    return None


def _cell_ends(doc: Doc, at: int) -> bool:
    """Whether a line, or a table's cell, ends before ``doc[at]``."""
    return at == len(doc) or "\n" in doc[at].text or doc[at].text == "|"


def _with_its_place(doc: Doc, start: int, end: int, places: dict[int, int]) -> int:
    """Where a name ends that goes on into a place: a university named with its town after
    its head ("Palacký University Olomouc", "Comenius University Bratislava"), or a body of
    a place whose name holds a comma ("Education Bureau of Weining Yi, Hui and Miao
    Autonomous County")."""
    if end in places and doc[end - 1].lower_ in HEADS and _continues(doc, end):
        return end if _continues(doc, places[end]) else places[end]
    # A town too small to be known, where a line or a table's cell ends after it.
    if doc[end - 1].lower_ in HEADS and _continues(doc, end) and _cell_ends(doc, end + 1):
        return end + 1
    if end < len(doc) and doc[end].text == ",":
        for at in range(start + 1, end):
            if doc[at - 1].lower_ == "of" and places.get(at, 0) > end:
                return places[at]
    return end


def _mentions(
    doc: Doc, pipes: Pipeline, skipped: set[int], extra: list[tuple[int, int]]
) -> tuple[list[Party], Names]:
    """Institutions and regions in reading order, and what the text defines about names.
    Tokens in ``skipped`` (headlines, programme names) hold no mentions; ``extra`` spans
    (a trained model's organisations) are institutions where no rule found one."""
    names = Names()
    # A parenthesised word after a name is part of it ("... University of Science and
    # Technology (Guangzhou)"); _institution keeps it only when it is a place.
    # A leading "The" is no part of a name ("The University of Texas at El Paso"): a match
    # with it starts where one without it does, and the longer of the two is taken.
    matches = [
        (_foreign_start(doc, s + _leading_article(doc, s, e)), _bracketed_end(doc, e))
        for _, s, e in institution_matches(pipes, doc)
    ]
    places: dict[int, int] = {}  # where a place's name starts, to where its longest ends
    for _, start, end in pipes.regions(doc):
        places[start] = max(places.get(start, end), end)
    matches = [(s, _with_its_place(doc, s, e, places)) for s, e in matches]
    candidates = [
        (s, e)
        for s, e in matches
        if not skipped.intersection(range(s, e))
        and not _continues(doc, e)
        and not (e < len(doc) and doc[e].text in POSSESSIVES and "and" in doc[s:e].text)
        and not _place_and(doc, s, e)
        and not _two_names(doc, s, e)
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
    spans = _with_their_government(doc, sorted(spans))
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
        whole = found.ending_at(before)
        if long_form is not None and whole is not None and _spelled_within(doc, whole, long_form):
            name = whole.name
        elif long_form is not None and doc[long_form[1] - 1].lower_ not in JOB_TITLES:
            start, end = long_form
            # Letters that stop short of the head noun leave it out of the abbreviation,
            # not out of the name: "Karatina Upland Technical University (KUT)".
            if not any(token.lower_ in HEADS for token in doc[start:end]):
                end = before
            name = doc[start:end].text
            found.drop_overlapping(start, before)
            found.add(Party(name, "institution", start, end, region=_based_in(doc, start)))
            if end < before:
                names.aliases.setdefault(doc[start:before].text, name)
        else:
            if whole is None:
                continue
            name = whole.name
        names.aliases.setdefault(abbreviation, name)
    # Bodies described around a place: "the Minhang district education bureau".
    within_names = {i for party in found for i in range(party.start, party.end)} | skipped
    for body in described_bodies(doc, sorted(places.items()), within_names):
        found.add(Party(body.name, "institution", body.start, body.end, region=body.region))
        names.described.add(body.name)
    institutions = list(found)
    _short_names(doc, institutions, names)
    institutions.sort(key=lambda party: party.start)
    taken = {i for p in institutions for i in range(p.start, p.end)} | skipped
    texts = doc.user_data["text"]
    for i, text in enumerate(texts):
        if text not in names.aliases or i in taken:
            continue
        # The definition itself sits in parentheses ("(USP)", ", USP)"); later mentions
        # stand alone, and a list's "X, FUTA, Y" is a mention.
        previous = texts[i - 1] if i else ""
        following = texts[i + 1] if i + 1 < len(texts) else ""
        if previous == "(" or (previous == "," and following == ")"):
            continue
        institutions.append(Party(names.aliases[text], "institution", i, i + 1))
        taken.add(i)

    institutions.extend(_initialisms(doc, institutions, names, taken))
    institutions.extend(cell_names(doc, institutions, taken))
    institutions.extend(_shortened(doc, institutions, taken))
    institutions.extend(signing_acronyms(doc, taken))
    institutions.extend(described_again(doc, institutions, taken))
    institutions.extend(ours(doc, institutions, taken))
    institutions.extend(introduced_companies(doc, taken))
    institutions.extend(listed_with_companies(doc, institutions, taken, set(places)))
    institutions.extend(the_company(doc, institutions, taken))
    institutions.extend(level_described(doc, institutions, taken))
    institutions.sort(key=lambda party: party.start)
    _former_names(doc, institutions, names)
    by_end = {p.end: p for p in institutions}
    institutions = [
        replace(p, affiliation=_affiliation(doc, p.start, by_end)) for p in institutions
    ]
    regions = _region_mentions(doc, pipes, taken, names)
    ends = {p.end for p in institutions}
    placing = _placing(doc, regions)
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
        or r in placing
        else r
        for r in regions
    ]
    parties = sorted(institutions + regions, key=lambda party: party.start)
    return parties, names
