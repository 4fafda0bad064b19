"""What a sentence does around its parties, beyond naming them: signs (regions named before
the signing word), only attends or weighs a signing, lists members, items or rows, or
awaits a signing. Predicates the reader (``extract.py``) asks of each sentence and clause.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable

from spacy.tokens import Doc, Span

from educoop.graph.model import AgreementKind
from educoop.loaders.text.bystanders import _source, _venue
from educoop.loaders.text.parties import Party
from educoop.loaders.text.words import (
    DELIBERATION_WORDS,
    DETERMINERS,
    ITEM_MARK,
    LABELLED_ITEM,
    MEMBERSHIP_WORDS,
    PARTNER_WORDS,
    PLACE_PREPOSITIONS,
    PLURAL_HEADS,
    REGION_SIGNING,
    ROW_ITEM,
    SIGNING_WORDS,
)


def _acting(party: Party) -> bool:
    """A party named as itself: not in a person's post, nor as where another is."""
    return party.affiliation is None and not party.locator


def _signatories(clause: Span, regions: list[Party], kind: AgreementKind) -> list[Party]:
    """The regions that sign an agreement or a plan: those named before the clause's
    signing word, when none of them is a place something is in, from or at ("Hangzhou and
    Guiyang signed an agreement in Guiyang"; not "schools in Hangzhou and Guiyang signed")."""
    if kind not in (AgreementKind.SIGNED, AgreementKind.PLAN):
        return []
    lower = clause.doc.user_data["lower"]
    # A verb of signing or the agreement signed: not a "signing ceremony" they hold.
    trigger = next((i for i in range(clause.start, clause.end) if lower[i] in REGION_SIGNING), None)
    before = [region for region in regions if trigger is not None and region.end <= trigger]
    if any(
        lower[region.start - 1] in PLACE_PREPOSITIONS and not _named_regions(lower, region.start)
        for region in before
    ):
        return []
    return before


# Plural words for regions: "the three provinces and municipalities of Beijing, Tianjin and
# Hebei" names the regions that sign, not where something is.
_REGION_PLURALS = frozenset(
    {"provinces", "municipalities", "cities", "counties", "districts", "regions", "states"}
)


# Those who sign for places: "The mayors or deputy mayors for education of Lille, Roubaix".
_REPRESENTING = frozenset({"mayors", "governors", "leaders", "heads", "representatives"})


def _named_regions(lower: list[str], start: int) -> bool:
    """Whether the region at ``start`` follows "the provinces of", "the two cities of", or
    "the mayors (for education) of": places named as those who sign."""
    if start < 2 or lower[start - 1] != "of":
        return False
    return lower[start - 2] in _REGION_PLURALS or bool(
        _REPRESENTING.intersection(lower[max(0, start - 7) : start - 1])
    )


def _founders_only(clause: Span, kind: AgreementKind) -> bool:
    """Whether a clause's only word of signing is an alliance it names: "The alliance is
    jointly initiated by A, B and C" lists its founders, who sign nothing with one another
    (issue 16, class 6)."""
    lower = clause.doc.user_data["lower"]
    cues = clause.doc.user_data["cue"]
    cued = {lower[i] for i in range(clause.start, clause.end) if cues[i] is kind}
    return kind is AgreementKind.SIGNED and bool(cued) and cued <= {"alliance", "alliances"}


_ATTENDING = frozenset({"attended", "present", "witnessed", "attending", "witnessing"})


def _attended_only(clause: Span, kind: AgreementKind) -> bool:
    """Whether a clause only says who attended: its sole cues are a "signing ceremony", a
    "delegation" or a host among those present ("Officials of the Party Committee Office
    and the Finance Bureau attended the signing ceremony"; "Also present were ... and a
    delegation from ..."; "Officials of X and Y, which hosted a dinner for the delegations,
    attended as guests")."""
    lower = clause.doc.user_data["lower"]
    cued = [i for i in range(clause.start, clause.end) if clause.doc.user_data["cue"][i] is kind]
    if not cued:
        return False
    # "the signing ceremony", or "the signing" itself: "Witnessing the signing were ...".
    ceremony = all(
        lower[i] == "signing"
        and (
            (i + 1 < len(lower) and lower[i + 1].startswith("ceremon"))
            or lower[i - 1] in {"the", "its", "their"}
        )
        for i in cued
    )
    words = set(lower[clause.start : clause.end])
    # "X and Y accompanied the visit", not "Accompanied by two deans, a delegation ...".
    accompanied = any(
        lower[i : i + 2] == ["accompanied", "the"] for i in range(clause.start, clause.end)
    )
    attending = bool(words & _ATTENDING) or accompanied
    # "Heads of X and Y accompanied the visit": those who came along.
    visit = all(
        lower[i] in {"delegation", "delegations", "hosted"}
        or (lower[i] in {"visit", "trip", "tour"} and lower[i - 2 : i] == ["accompanied", "the"])
        for i in cued
    )
    return attending and (ceremony or visit)


# The bodies whose partners are members, not partners of one another.
_GROUPS = frozenset(
    {"project", "consortium", "network", "alliance", "programme", "program", "initiative"}
)


def _membership(lead: Span) -> bool:
    """Whether a list's lead speaks of the members of a body ("The ten universities that
    make up Arqus are:", "Its members are:")."""
    lower = lead.doc.user_data["lower"][lead.start : lead.end]
    pairs = set(itertools.pairwise(lower))
    # "was set up in 2021 by five schools: ...", "formed by A, B and C".
    founded_by = bool(pairs & {("formed", "by"), ("established", "by")}) or (
        ("set", "up") in pairs and "by" in lower
    )
    # "The project partners are:", "The partners of the consortium are:".
    partners = "partners" in lower and bool(_GROUPS.intersection(lower))
    return (
        bool(MEMBERSHIP_WORDS.intersection(lower))
        or ("make", "up") in pairs
        or founded_by
        or partners
    )


def subheading(sentence: Span) -> bool:
    """Whether a sentence is a short heading of its own line ("Asia", "Latin America")
    inside a list: three words at most (a hyphen joins two), capitalised, no full stop,
    and no cue."""
    words = [t for t in sentence if not t.is_space]
    cues = sentence.doc.user_data["cue"][sentence.start : sentence.end]
    return (
        0 < len(words) <= 3
        and words[0].is_title
        and all(t.is_alpha or t.text == "-" for t in words)  # "Pre-school"
        and "\n"
        in sentence.doc[sentence.end - 1].text_with_ws + "\n" * (sentence.end == len(sentence.doc))
        and not any(cues)
    )


def watchers_lead(sentence: Span) -> bool:
    """Whether a sentence opens a list of those who attended or witnessed: "Attending and
    witnessing the signing were:", "Present at the ceremony were:"."""
    if not sentence.text.rstrip().endswith(":"):
        return False
    lower = sentence.doc.user_data["lower"][sentence.start : sentence.end]
    # "The following schools signed, witnessed by X and Y:" names its watchers itself and
    # lists the signers ("The signing was witnessed by:" lists the watchers).
    named = [i for i, word in enumerate(lower[:-1]) if word == "by" and i > 0]
    if any(lower[i - 1] in _WATCHING_WORDS and lower[i + 1] != ":" for i in named):
        return False
    return bool(_WATCHING_WORDS.intersection(lower))


_WATCHING_WORDS = frozenset({"attending", "attended", "witnessing", "witnessed", "present"})


def attendance(sentence: Span) -> bool:
    """Whether a sentence only lists who attended: "Attending the conference were: X,
    deputy director of the Y Bureau; ...", "Also present were ...", the list on its line."""
    words = [t.lower_ for t in sentence if not t.is_space][:10]
    opening = words[1:] if words[:1] == ["also"] else words
    cues = sentence.doc.user_data["cue"][sentence.start : sentence.end]
    return (
        opening[:1] in (["attending"], ["present"])
        and bool({"were", "included"} & set(words))
        and AgreementKind.SIGNED not in cues  # "Present were X, who signed with Y"
    )


def _signed(span: Span) -> bool:
    """Whether a span reports a signing: "an agreement signed last March between ..."."""
    return bool(SIGNING_WORDS.intersection(span.doc.user_data["lower"][span.start : span.end]))


def _talks_only(clause: Span) -> bool:
    """Whether a clause talks of cooperation and reports none signed ("discussed possible
    cooperation"; "signed an MoU to explore cooperation" reports a signing all the same,
    and "a delegation from X visited Y, where they discussed ..." a visit)."""
    words = clause.doc.user_data["lower"][clause.start : clause.end]
    talked = next((i for i, word in enumerate(words) if word in DELIBERATION_WORDS), None)
    if talked is None or SIGNING_WORDS.intersection(words):
        return False
    # The talks were held where the visitors went: "X visited Y, where they discussed".
    cues = clause.doc.user_data["cue"][clause.start : clause.start + talked]
    visited = next((i for i, cue in enumerate(cues) if cue is AgreementKind.EXCHANGE), None)
    return visited is None or "where" not in words[visited:talked]


_SIGNED_VERBS = frozenset({"signed", "signs", "inked"})


def _deliberated(clause: Span, kind: AgreementKind) -> bool:
    """Whether a clause only weighs an agreement: talks, what was discussed or is possible
    ("discussed possible cooperation"), or a plan to do something ("Hangzhou plans to
    spend ..."): scene-setting, not a signing (issue 16, class 7)."""
    lower = clause.doc.user_data["lower"]
    if _talks_only(clause):
        return True
    if kind is not AgreementKind.PLAN:
        return False
    cues = clause.doc.user_data["cue"]
    planned = [i for i in range(clause.start, clause.end) if cues[i] is AgreementKind.PLAN]
    # "signed a framework, which includes plans to share ...": a signing all the same.
    if planned and _SIGNED_VERBS.intersection(lower[clause.start : planned[0]]):
        return False
    # The verb "plan(s) to", not the noun: "enacted a new plan to promote ...".
    texts = clause.doc.user_data["text"]
    return all(
        # "Staff of the two colleges also plan joint workshops": the verb, an intention.
        (
            1 < i < len(lower) - 1
            and lower[i] in {"plan", "plans"}
            and lower[i - 1] in _INTENDING
            # "agreed on Monday to plan" is a plan agreed.
            and not {"agreed", "agree", "agrees"}.intersection(lower[max(0, i - 5) : i - 1])
        )
        or (
            0 < i < len(lower) - 1
            and lower[i + 1] == "to"
            and (
                (lower[i] == "plans" and lower[i - 1] not in DETERMINERS)
                # "UNY and QUT plan to focus on ..." (not "the Zhejiang plan to pair schools")
                or (
                    lower[i] == "plan"
                    and texts[i - 1][:1].isupper()
                    and lower[i - 2] not in DETERMINERS
                )
            )
        )
        for i in planned
    )


# Who may "plan" a thing, besides a name: "they plan to", "the universities plan to", "the
# colleges also plan joint workshops".
_INTENDING = frozenset(
    {"they", "we", "also", "now", "still", "which", "who", "that", "both", "jointly"}
    # "met faculty from Y to plan a summer school".
    | {"to"}
    | {"schools", "cities", "sides", "partners", "institutions", "colleges", "members"}
    | {"universities", "counties", "provinces", "governments", "parties"}
)


def the_place_meant(clause: Span, inside: list[Party], before: list[Party]) -> list[Party]:
    """A clause's one region and the place it calls "the state" (province, city ...): the
    last region named before it ("This is not Assam's first time. In the last cycle the
    state was paired with Kerala": Assam and Kerala). None when the clause has no such
    subject or names more than one party."""
    lower = clause.doc.user_data["lower"]
    if len(inside) != 1 or inside[0].label != "region":
        return []
    [partner] = inside
    subject = next(
        (
            i
            for i in range(clause.start + 1, partner.start - 1)
            if lower[i - 1] == "the" and lower[i] in _PLACE_NOUNS and lower[i + 1] in _VERBS_AFTER
        ),
        None,
    )
    if subject is None:
        return []
    earlier = [p for p in before if p.label == "region" and _acting(p) and p.name != partner.name]
    return [earlier[-1], partner] if earlier else []


_PLACE_NOUNS = frozenset({"state", "province", "city", "county", "district", "prefecture"})
_VERBS_AFTER = frozenset({"was", "is", "has", "had", "signed", "will", "became", "paired"})


def _where_unnamed_are(doc: Doc, region: Party) -> bool:
    """A place that says where unnamed institutions are: "five pairs of schools in
    Hangzhou and Guiyang", "universities from Yunnan", "900 Hong Kong schools"."""
    i = region.start - 1
    while i > 0 and doc.user_data["lower"][i] in {",", "and"}:
        i -= 1  # back over a list of places to its preposition
        while i > 0 and doc[i].is_title:
            i -= 1
    lower = doc.user_data["lower"]
    # "about 900 Hong Kong schools had formed ...": the place qualifies unnamed schools.
    qualifying = region.end < len(doc) and lower[region.end] in PLURAL_HEADS
    return qualifying or (
        i > 0 and lower[i] in {"in", "from", "across"} and lower[i - 1] in PLURAL_HEADS
    )


def _home(doc: Doc, region: Party) -> bool:
    """Where visitors go back to, not a partner: "... before returning to Hong Kong"."""
    lower = doc.user_data["lower"]
    i = region.start - 1
    return i >= 1 and lower[i] == "to" and lower[i - 1] in {"returning", "return", "back"}


def _pending(sentence: Span) -> bool:
    """A signing yet to come: "pending", "to be signed"."""
    lower = sentence.doc.user_data["lower"][sentence.start : sentence.end]
    return "pending" in lower or any(
        trio == ("to", "be", "signed") for trio in zip(lower, lower[1:], lower[2:], strict=False)
    )


def _labelled_items(sentences: list[Span]) -> set[int]:
    """The sentences (by number) that are items of a list led by a label ("Thailand: Chiang
    Mai University"), rows of pairs ("A - B") or short lines with no full stop ("Kyushu
    Institute of Technology (Kitakyushu)"), under a lead that ends in ":"."""
    found: set[int] = set()
    in_list = False
    for number, sentence in enumerate(sentences):
        text = sentence.text.strip()
        if not text:
            continue
        if in_list and (LABELLED_ITEM.match(text) or ROW_ITEM.match(text) or _lines(sentence)):
            found.add(number)
            continue
        in_list = text.endswith(":")
    return found


def led_item(sentence: Span, lead: Span | None, in_list: bool) -> bool:
    """Whether a sentence under a ``lead`` ending in ":" is an item of its list, with no
    mark to open it: "Thailand: Chiang Mai University", a row of a pair "A - B", or, under
    a lead that speaks of agreements or pairs, a paragraph ending in ";" ("Qingdao and
    Wushan County, which will focus on tourism;") and the last such opening "and" ("and
    Zibo and Youyang County, which will ..."); not the guests a lead lists."""
    if lead is None:
        return False
    text = sentence.text.strip()
    cued = any(cue is not None for cue in sentence.doc.user_data["cue"][lead.start : lead.end])
    return (
        LABELLED_ITEM.match(text) is not None
        or ROW_ITEM.match(text) is not None
        or (cued and (text.endswith(";") or (in_list and text.startswith("and "))))
    )


def _lines(sentence: Span) -> bool:
    """Whether ``sentence`` is a line or a few, short, none ending as a sentence ends."""
    lines = sentence.text.strip().splitlines()
    return len(sentence) <= 16 * len(lines) and all(
        line.strip()[-1:] not in {".", "!", "?", ":"} for line in lines
    )


def partners_heading(sentence: Span, words: frozenset[str] | None = None) -> bool:
    """Whether ``sentence`` is a heading over a list of partners ("## The new partners",
    "New sister schools"): a short line with no full stop that names partners or
    agreements. Its items are partners of the one the article is about. With ``words``,
    a heading that names one of those instead."""
    text = sentence.text.strip()
    if "\n" in text or text[-1:] in {".", "!", "?"} or len(sentence) > 16:
        return False
    lower = sentence.doc.user_data["lower"][sentence.start : sentence.end]
    # Words, not tokens: "1. University-wide bilateral exchange agreements outside Erasmus+".
    size = len([w for w in lower if w.isalpha() or w.isdigit()])
    return size <= 8 and bool((words or _HEADING_WORDS).intersection(lower))


def pairs_heading(sentence: Span) -> bool:
    """Whether ``sentence`` heads a list of pairs with no colon: "District - county
    pairings", "Part 2. School pairs"."""
    return partners_heading(sentence, _PAIRS_WORDS)


_PAIRS_WORDS = frozenset({"pairings", "pairs", "twinnings"})


def numbered_heading(sentence: Span) -> bool:
    """Whether ``sentence`` is a numbered heading over a list of partners ("2. Schools
    concluding agreements"), not a bullet or a table's header row."""
    return sentence.text[:1].isdigit() and partners_heading(sentence)


_HEADING_WORDS = PARTNER_WORDS | {"agreements", "mous", "memoranda", "signatories"}


def _list_item(sentence: Span) -> bool:
    return ITEM_MARK.match(sentence.text) is not None


def _acting_institutions(doc: Doc, parties: list[Party]) -> list[Party]:
    """The institutions among ``parties`` that may sign: not a person's body, a venue,
    or a place's locator."""
    return [
        p
        for p in parties
        if p.label == "institution"
        and p.affiliation is None
        and not _venue(doc, p)
        and not _source(doc, p)
    ]


def last_list(
    doc: Doc, institutions: list[Party], count: int, name_of: Callable[[Party], str]
) -> list[Party]:
    """The last ``count`` of ``institutions`` named one after another as one list (lines of
    their own, a table's rows, one sentence), ``count`` distinct names; none when there is
    none. It looks back at most ``LIST_REACH`` institutions."""
    # A short name given in brackets right after a name is the same one, named once.
    institutions = [
        p
        for i, p in enumerate(institutions)
        if i == 0
        or name_of(p) != name_of(institutions[i - 1])
        or p.start - institutions[i - 1].end > 1
    ]
    for end in range(len(institutions), max(count, len(institutions) - LIST_REACH) - 1, -1):
        window = institutions[end - count : end]
        if len({name_of(p) for p in window}) == count and listed_together(doc, window):
            return window
    return []


# How far back, in institutions named, a count looks for the list it refers to.
LIST_REACH = 60


def listed_together(doc: Doc, named: list[Party]) -> bool:
    """Whether ``named`` (in reading order) are one list: named in one sentence, or each at
    the head of a line of its own, the lines one after another ("Kyushu University
    (Fukuoka)", a table's rows), with only headings ("Japan:") between them."""
    sentences = [doc[p.start].sent for p in named]
    if len({sentence.start for sentence in sentences}) == 1:
        return True
    for party, sentence in zip(named, sentences, strict=True):
        before = doc[sentence.start : party.start].text
        if (
            before.strip(" \t\n|*-•·#0123456789.)(")
            or len(sentence) > len(doc[party.start : party.end]) + 14
        ):
            return False
    for first, second in itertools.pairwise(sentences):
        between = doc[first.end : second.start].text.strip()
        if second.start <= first.start or any(
            line.strip() and not line.strip().endswith(":") and not set(line) <= set("|-: ")
            for line in between.splitlines()
        ):
            return False
    return True
