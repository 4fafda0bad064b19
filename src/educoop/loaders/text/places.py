"""Places named in an article (gazetteer names, "Y-based" words, districts of a known
city), and the tests of which of them are parties rather than settings."""

from __future__ import annotations

from collections.abc import Callable

from spacy.lang.en.stop_words import STOP_WORDS
from spacy.tokens import Doc

from educoop.graph.model import AgreementKind, RegionLevel
from educoop.loaders.gazetteer import KnownRegion, bundled_gazetteer, normalise, small_towns
from educoop.loaders.text.dates import MONTHS
from educoop.loaders.text.parties import Names, Party, _continues, _quoted
from educoop.loaders.text.pipeline import Pipeline
from educoop.loaders.text.words import DASHES, PLACE_DESIGNATORS, POSSESSIVES
from educoop.loaders.vocabulary import HEADS

# Months as a dateline writes them: "Sept", "December" ("Dec." starts with one).
_MONTH_NAMES = frozenset(MONTHS.split("|"))


def _dateline(doc: Doc, region: Party) -> bool:
    """A place that opens a report: "NAIROBI, 14 May 2024", "THIRUVANANTHAPURAM:",
    "Shenzhen, December 4 --", "TONGREN, Guizhou —"; it says where the news comes from,
    not who acts."""
    if not doc[region.start].is_sent_start or region.end >= len(doc):
        return False
    following = doc[region.end : region.end + 3]
    if following[0].text == ":" or following[0].text in DASHES:
        return not _row_of_places(doc, region.end + 1)
    # "TONGREN, Guizhou —": a place in capitals, or a place and its province before a dash.
    capitals = doc[region.start : region.end].text.isupper() and len(doc[region.start].text) > 3
    return following[0].text == "," and (
        capitals
        or (len(following) == 3 and following[2].text in DASHES)
        or any(
            t.like_num or t.text in _MONTH_NAMES or t.text[:3] in _MONTH_NAMES
            for t in following[1:]
        )
    )


def _row_of_places(doc: Doc, start: int) -> bool:
    """Whether the line from ``start`` is a short name with nothing after it: the second
    place of a row "Kunshan - Bijiang District", not a dateline's first words."""
    end = start
    while end < len(doc) and end - start <= 6:
        following = doc[end + 1] if end + 1 < len(doc) else None
        if following is None or "\n" in doc[end].whitespace_ or "\n" in following.text:
            return doc[end].is_alpha and doc[start].is_title
        end += 1
    return False


_PLACE_PLURALS = frozenset(
    {"counties", "districts", "cities", "provinces", "prefectures", "townships", "towns"}
)
# The divisions a text names with their city or county after them: "Shawan Town of".
_DIVISIONS = frozenset({"district", "county", "town", "township"})


def _region_mentions(doc: Doc, pipes: Pipeline, taken: set[int], names: Names) -> list[Party]:
    """Places named in the text: gazetteer names (also in capitals, as datelines write
    them), "Y-based" words, and districts and towns of a known place ("Jinjiang District of
    Chengdu", "Shawan Town of Panyu District", "Zhujiachang Town in Yuping")."""
    quoted = _quoted(doc)
    found: list[Party] = []
    gazetteer = bundled_gazetteer()
    districts = pipes.districts(doc) if _DIVISIONS & doc.user_data["capitalised"] else []
    for _, start, end in districts:
        if doc[start].text in POSSESSIVES:  # "Fuzhou's Mawei District"
            size = next(
                (n for n in (3, 2, 1) if gazetteer.candidates(doc[start - n : start].text)), None
            )
            name = doc[start + 1 : end].text
            # Known with or without its designator: "Hangzhou's Xihu District" is Xihu.
            known = gazetteer.candidates(name) or gazetteer.candidates(
                doc[start + 1 : end - 1].text
            )
            # "Shenzhen's University Town" is a campus district, not a place of its own.
            headed = any(word.lower() in HEADS for word in name.split()[:-1])
            if size is None or known or headed or taken.intersection(range(start, end)):
                continue
            owner = doc[start - size : start].text
            names.local_regions[name] = owner
            # The city only places its district.
            found.append(Party(owner, "region", start - size, start, locator=True))
            found.append(Party(name, "region", start + 1, end))
            taken.update(range(start - size, end))
            continue
        if doc[start].lower_ == "the":
            start += 1
        size = next((n for n in (3, 2, 1) if gazetteer.candidates(doc[end : end + n].text)), None)
        if size is None or taken.intersection(range(start, end + size)):
            continue
        name = doc[start : end - 1].text
        if doc[end - 1].lower_ == "in" and gazetteer.candidates(name):
            continue  # a place it knows: "Xiji County in Guyuan"
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
    towns = _designated_towns(doc, taken, {p.end - 1 for p in found})
    towns += _towns_listed_with_places(doc, taken, {p.start for p in found if p.end - p.start == 1})
    for town in towns:
        names.local_regions.setdefault(town.name, small_towns()[normalise(town.name)])
    found += towns
    for town, country in _towns_of_a_country(doc, taken):
        names.local_regions.setdefault(town.name, country)
        found.append(town)
    for token in doc:
        if token.i not in taken and token.text.endswith("-based"):
            place = token.text[: -len("-based")]
            if bundled_gazetteer().candidates(place):
                found.append(Party(place, "region", token.i, token.i + 1))
    return found


# The words that call a name a town: "Matara district", "the town of Kuressaare".
_TOWN_WORDS = frozenset(
    {"district", "districts", "town", "towns", "city", "cities", "municipality", "county"}
)


_TOWNS = frozenset({"districts", "towns", "cities"})
# The words before a town a sentence twins: "twinned with X", "X and Y", "... 2025 - X".
_BEFORE_A_TWIN = frozenset({"with", "and", "between", ",", "-", "--", "\u2013", "\u2014"})


def _designated_towns(doc: Doc, taken: set[int], ends: set[int]) -> list[Party]:
    """Towns too small for the gazetteer that the text calls towns or districts ("the
    district of Matara", "Galle and Trincomalee districts", "Kortrijk city"), or that a
    sentence twins."""
    lower = doc.user_data["lower"]
    cues = doc.user_data["cue"]
    twinned = AgreementKind.PAIRED in cues
    if not twinned and not _TOWN_WORDS.intersection(lower):
        return []
    towns = small_towns()
    found: list[Party] = []
    # Only the words that may be towns, found by their lower case (most words are not).
    for i in [i for i, word in enumerate(lower) if word in towns]:
        token = doc[i]
        if i in taken or not token.is_title or normalise(token.text) not in towns:
            continue
        # A common word is no town where the text calls it none: "Most city councils",
        # "Police district commanders".
        opens = token.is_sent_start and i + 1 < len(doc) and lower[i + 1] in _TOWN_WORDS
        if token.lower_ in STOP_WORDS or opens:
            continue
        # Inside a longer name: "Lancang County Menglang Town Central Kindergarten".
        if i and doc[i - 1].is_title and doc[i - 1].lower_ not in STOP_WORDS:
            continue
        after = lower[i + 1] if i + 1 < len(doc) else ""
        # Not a word before a compound of people: "Police district commanders" ("the Kehl
        # town hall" is the town's).
        compound = (
            i + 2 < len(doc)
            and doc[i + 2].is_lower
            and doc[i + 2].lower_.endswith("s")
            and doc[i + 2].lower_ not in STOP_WORDS
        )
        called = (
            (after in _TOWN_WORDS and not compound)
            or (i >= 2 and lower[i - 1] == "of" and lower[i - 2] in _TOWN_WORDS)
            # The first of two: "Galle and Trincomalee districts".
            or (
                after == "and"
                and i + 3 < len(doc)
                and doc[i + 2].is_title
                and lower[i + 3] in _TOWNS
            )
        )
        # The second of two after the first is called one: "the districts of Jaffna and
        # Matara".
        listed = (
            i >= 2
            and lower[i - 1] in {"and", ","}
            and (
                (
                    (i - 2 in ends or any(p.end == i - 1 for p in found))
                    and any(lower[j] in _TOWN_WORDS for j in range(max(0, i - 6), i))
                )
                # "The cities of Luleå in Norrbotten County and Bodø in Nordland".
                or any(lower[j] in _TOWNS for j in range(max(0, i - 10), i))
            )
        )
        # Towns a sentence twins: "Penzance has been twinned with Concarneau since 1986";
        # not a person ("Kari Mathisen") nor a month.
        paired = (
            twinned
            and (token.is_sent_start or lower[i - 1] in _BEFORE_A_TWIN)
            and not (i + 1 < len(doc) and doc[i + 1].is_title)
            and token.text not in MONTHS.split("|")
            and _twinned_here(doc, i)
        )
        if called or listed or paired:
            found.append(Party(token.text, "region", i, i + 1))
            taken.add(i)
    return found


def _towns_listed_with_places(doc: Doc, taken: set[int], places: set[int]) -> list[Party]:
    """Towns too small for the gazetteer listed with places it knows, three or more names
    of one word each: "Lille, Roubaix, Tourcoing, Kortrijk and Mouscron" (``places``: where
    the one-word places found start)."""
    towns = small_towns()
    texts = doc.user_data["text"]

    def item(i: int) -> bool:
        token = doc[i]
        alone = (i + 1 == len(doc) or not doc[i + 1].is_title) and token.lower_ not in STOP_WORDS
        return token.is_title and alone and (i in places or normalise(token.text) in towns)

    def walk(at: int, step: int) -> list[int]:
        """The items of the list from ``at`` on, in the direction of ``step``."""
        run: list[int] = []
        while True:
            skip = at + step
            while 0 <= skip < len(doc) and abs(skip - at) <= 2 and texts[skip] in _LISTING:
                skip += step
            if abs(skip - at) == 1 or not 0 <= skip < len(doc) or not item(skip):
                return run
            run.append(skip)
            at = skip

    found: list[Party] = []
    for place in sorted(places):
        if not item(place):
            continue
        run = [*walk(place, -1), place, *walk(place, 1)]
        if len(run) >= 3 and (run[0] == 0 or not doc[min(run) - 1].is_title):
            for i in run:
                if i not in places and i not in taken:
                    found.append(Party(texts[i], "region", i, i + 1))
                    taken.add(i)
    return found


# What joins the names of a list.
_LISTING = frozenset({",", "and", "or"})


def _towns_of_a_country(doc: Doc, taken: set[int]) -> list[tuple[Party, str]]:
    """Places of any size a sentence of twinning names with their country in brackets:
    "a sister city of Ainaro (Timor-Leste), Arcatao (El Salvador) and ...", each with its
    country."""
    found = []
    cues = doc.user_data["cue"]
    texts = doc.user_data["text"]
    for i in [i for i in range(1, len(doc) - 2) if texts[i] == "("]:
        if i - 1 in taken or not doc[i - 1].is_title:
            continue
        close = next((t.i for t in doc[i + 1 : i + 6] if t.text == ")"), None)
        country = doc[i + 1 : close].text if close is not None else ""
        countries = bundled_gazetteer().candidates(country) if country else []
        if not any(e.level is RegionLevel.COUNTRY for e in countries):
            continue
        name = doc[i - 1]
        if name.lower_ in STOP_WORDS or AgreementKind.PAIRED not in cues[name.sent.start : i]:
            continue
        found.append((Party(name.text, "region", i - 1, i), countries[0].name))
        taken.add(i - 1)
    return found


def _twinned_here(doc: Doc, i: int) -> bool:
    """Whether a word of twinning stands close to token ``i``: "twinned with X", "X has
    been twinned", "X and Y are twin towns" (not "Wilson, the mayor, welcomed it")."""
    cues = doc.user_data["cue"]
    return AgreementKind.PAIRED in cues[max(0, i - 3) : i + 6]


_CITY_RANKS = frozenset({"Metropolitan", "Special", "Self-Governing"})


def _region_span_end(doc: Doc, end: int) -> int | None:
    """Where a place mention ends: past "City" or "County" after its name. None when the
    name goes on into a longer proper name ("Hangzhou Asian Games")."""
    if end < len(doc) and doc[end].text in PLACE_DESIGNATORS:
        return end + 1
    # Korea's "Busan Metropolitan City", "Seoul Special City".
    if end + 1 < len(doc) and doc[end].text in _CITY_RANKS and doc[end + 1].text == "City":
        return end + 2
    if _continues(doc, end) and doc[end].text not in {"And"}:
        return None
    return end


def _placing(doc: Doc, regions: list[Party]) -> set[Party]:
    """The regions that only place the region before them: "Congjiang County in Guizhou
    province", "Xiaoshan district of Hangzhou", "Hangzhou, Zhejiang" (each holds the
    other), and "Hangzhou's Binjiang district"."""
    by_end: dict[int, Party] = {}
    for region in regions:
        # The designator after a name ends the mention: "Xiaoshan district of".
        after = region.end < len(doc) and (
            doc[region.end].text.title() in PLACE_DESIGNATORS or doc[region.end].lower_ == "town"
        )
        by_end[region.end + 1 if after else region.end] = region
    by_start = {region.start: region for region in regions}
    placing = set()
    for region in regions:
        # "Hangzhou's Binjiang district": the owner places what it owns.
        owned = by_start.get(region.end + 1)
        possessive = region.end < len(doc) and doc[region.end].text in POSSESSIVES
        if possessive and owned is not None and _holds(region, owned):
            placing.add(region)
        # "the Northern Province district of Jaffna": a province names where its district
        # lies ("Xiaoshan district of Hangzhou" is the other way round).
        named = by_start.get(region.end + 2)
        if (
            named is not None
            and doc[region.end].lower_ in _TOWN_WORDS
            and doc[region.end + 1].lower_ == "of"
            and _broad(region)
        ):
            placing.add(region)
        if _aside_placing(doc, region, by_end) or _describing(doc, region):
            placing.add(region)
            continue
        # "Xichou County in the Wenshan ... Prefecture": past an article.
        at = region.start - 1
        if at >= 2 and doc[at].lower_ == "the":
            at -= 1
        if region.start < 2 or doc[at].lower_ not in {"in", "of", ",", "("}:
            continue
        # "Bachu and Yecheng counties in Kashgar Prefecture" places the counties before it.
        if doc[at].lower_ == "in" and doc[at - 1].lower_ in _PLACE_PLURALS:
            placing.add(region)
            continue
        # "Pengyang County, also in Guyuan": the place before the aside.
        end = at
        if doc[at].lower_ == "in":
            while end > 2 and doc[end - 1].lower_ in {"also", ","}:
                end -= 1
        inner = by_end.get(end)
        # A town the gazetteer lacks lies in the known place named after it: "Bodø in
        # Nordland", "Menglang Town, Lancang Lahu Autonomous County".
        gazetteer = bundled_gazetteer()
        unknown = inner is not None and not gazetteer.candidates(inner.name)
        # Not one of a list of places: "Tourcoing, Lille, Kortrijk and Mouscron".
        listed = region.end + 1 in by_start and doc[region.end].lower_ in _LISTING
        unknown = unknown and not listed
        if inner is not None and (
            _holds(region, inner) or (unknown and bool(gazetteer.candidates(region.name)))
        ):
            placing.add(region)
    return placing


def _aside_placing(doc: Doc, region: Party, by_end: dict[int, Party]) -> bool:
    """Whether ``region`` places the one an aside describes: "Jinjiang, the manufacturing
    city in southern Fujian, will ..." (Fujian holds Jinjiang), "Yuping County,
    administered by Tongren in eastern Guizhou, ..." (Tongren and Guizhou hold Yuping)."""
    at = region.start - 1
    # "in southern Fujian": past a word or two of direction; "administered by Tongren".
    while at > region.start - 3 and at > 0 and doc[at].lower_ not in _PLACING:
        if not (doc[at].is_lower and doc[at].is_alpha):
            return False
        at -= 1
    if at < 3 or doc[at].lower_ not in _PLACING:
        return False
    # "a county of about 360,000 people under the administration of Quzhou city".
    for i in range(at - 1, max(0, at - 14), -1):
        if doc[i].text == ",":
            inner = by_end.get(i)
            return (
                inner is not None and doc[i + 1].lower_ in _ASIDE_OPENERS and _holds(region, inner)
            )
        # "administered by Tongren in eastern Guizhou": a name inside an aside so opened.
        if not (doc[i].is_lower or doc[i].like_num) and doc[i - 1].lower_ != "by":
            return False
    return False


_PLACING = frozenset({"in", "of", "by"})


# How an aside describing a place opens: "Jinjiang, the city in southern Fujian, ...",
# "Yuping County, administered by Tongren in eastern Guizhou, ...".
_ASIDE_OPENERS = frozenset({"the", "a", "an", "administered", "located", "situated"})


# The nouns of a place smaller than a province: "the Guangdong city".
_LOCAL_NOUNS = frozenset({"city", "prefecture", "county", "district", "town", "township"})


def _describing(doc: Doc, region: Party) -> bool:
    """Whether a province or country describes a place named elsewhere: "the Guangdong
    city" (Foshan), "the mountainous prefecture in southern Sichuan" (Liangshan)."""
    if region.end < len(doc) and doc[region.end].lower_ in _LOCAL_NOUNS:
        return region.start > 0 and doc[region.start - 1].lower_ == "the" and _broad(region)
    at = region.start - 1
    while at > region.start - 3 and at > 0 and doc[at].is_lower and doc[at].lower_ != "in":
        at -= 1  # "in southern Sichuan"
    return (
        at > 1
        and doc[at].lower_ == "in"
        and doc[at - 1].lower_ in _LOCAL_NOUNS
        and doc[at - 1].is_lower
        and _broad(region)
    )


def _broad(region: Party) -> bool:
    """Whether a region is a country or a province, as the gazetteer knows it."""
    broad = {RegionLevel.COUNTRY, RegionLevel.PROVINCE}
    return any(entry.level in broad for entry in bundled_gazetteer().candidates(region.name))


def _holds(outer: Party, inner: Party) -> bool:
    """Whether the gazetteer has a place of ``inner``'s name inside one of ``outer``'s."""
    gazetteer = bundled_gazetteer()
    outer_chains = {entry.chain for entry in gazetteer.candidates(outer.name)}
    return any(
        entry.chain[: len(chain)] == chain
        for entry in gazetteer.candidates(inner.name)
        for chain in outer_chains
        if len(chain) < len(entry.chain)
    )


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


def regions_given(parties: list[Party], name_of: Callable[[Party], str]) -> dict[str, str]:
    """The region an article places each institution in, by name: the first "Y-based X"
    or "Y's X", else the first "X in Y". ``name_of`` gives the name a party is known by."""
    given: dict[str, str] = {}
    located: dict[str, str] = {}
    locators = {p.start - 1: p for p in parties if p.locator}
    for party in parties:
        if party.label != "institution":
            continue
        name = name_of(party)
        if party.region:
            given.setdefault(name, party.region)
        locator = locators.get(party.end)
        if locator is not None:
            located.setdefault(name, locator.name)
    return located | given
