"""From a sentence with parties to agreements: its clauses, the kind of agreement, the sides
(split at "with", "between", "respectively"), the parties' roles and the denials (the
parties that are no parties are in ``bystanders``)."""

from __future__ import annotations

import itertools
from collections import Counter
from collections.abc import Callable
from functools import cache
from typing import Any

from spacy.tokens import Span

from educoop.graph.model import AgreementKind, Role
from educoop.loaders.gazetteer import bundled_gazetteer, normalise
from educoop.loaders.text.bystanders import _at
from educoop.loaders.text.parties import Party
from educoop.loaders.text.words import (
    AGREEMENT_NOUNS,
    DASHES,
    DETERMINERS,
    FUNDING_VERBS,
    FUNDING_WORDS,
    NEGATIONS,
    REPORTING,
    ROLE_CUES,
    TRIGGERS,
)
from educoop.loaders.vocabulary import generic_name


def _lower(span: Span) -> list[str]:
    return span.doc.user_data["lower"][span.start : span.end]


def _kind(clause: Span) -> AgreementKind | None:
    cues = clause.doc.user_data["cue"][clause.start : clause.end]
    # "According to the agreements, the new schools will ...": what was signed, told again.
    cited = _citing(clause)
    present = set(cues[cited:])
    found = next((kind for kind in TRIGGERS if kind in present), None)
    # Counterpart support pairs regions ("Huangpu has provided counterpart assistance to
    # Sandu"); a signed "counterpart assistance agreement" stays a signing.
    if found is None and _counterpart(clause):
        return AgreementKind.PAIRED
    # "opened Xiong'an campuses": campuses named by a place, of schools from elsewhere.
    doc = clause.doc
    lower = doc.user_data["lower"]
    if found is None and any(
        lower[i] == "campuses"
        and doc[i - 1].text[:1].isupper()
        and not doc[i - 1].is_sent_start
        and doc[i - 1].lower_ not in DETERMINERS
        for i in range(clause.start + 1, clause.end)
    ):
        return AgreementKind.BRANCH
    return found


def _citing(clause: Span) -> int:
    """How many words open a clause by citing an agreement signed before: "According to
    the agreements," or "Under the memorandum," (none for other openings)."""
    lower = clause.doc.user_data["lower"][clause.start : clause.start + 6]
    for opening in (["according", "to", "the"], ["under", "the"]):
        at = len(opening)
        if lower[:at] == opening and len(lower) > at + 1 and lower[at] in _CITED:
            return at + 2 if lower[at + 1] == "," else 0
    return 0


_CITED = AGREEMENT_NOUNS | {"agreements", "memoranda", "mous", "contracts"}


def _counterpart(clause: Span) -> bool:
    """Whether a clause speaks of counterpart support, not only names a body for it ("the
    Leading Group for Counterpart Cooperation")."""
    doc = clause.doc
    return any(
        doc[i].lower_ == "counterpart" and (not doc[i].is_title or doc[i].is_sent_start)
        for i in range(clause.start, clause.end)
    )


# Support one party gives another: "Jinan continues its support for Chengkou County",
# "Rizhao and Weihai will jointly support Youyang County".
_SUPPORT = frozenset({"support", "supports", "supporting", "assist", "assists", "assisting"})


def _supporting(clause: Span) -> int | None:
    """Where a clause says one party supports another, as a verb with its object ("will
    support Youyang") or a noun with its own ("its support for Chengkou County"); None
    when it does not, or only names a backer ("with the support of", "support from")."""
    doc = clause.doc
    lower = doc.user_data["lower"]
    for i in range(clause.start + 1, clause.end - 1):
        if lower[i] not in _SUPPORT or lower[i - 1] in {"the", "with", "of", "and"}:
            continue
        # Whom it supports follows at once: not "support to the construction of Y".
        named = i + 2 if lower[i + 1] in {"for", "to"} else i + 1
        if named < clause.end and doc[named].is_title:
            return i
    return None


def _cooperates(clause: Span) -> bool:
    if _citing(clause):
        return False  # "Under the agreement, the two will jointly ...": told again
    if "cooperation" in clause.doc.user_data["cue"][clause.start : clause.end]:
        return True
    words = _lower(clause)
    return any(pair == ("each", "other") for pair in itertools.pairwise(words))


def _negated(sentence: Span) -> bool:
    """A sentence that denies: "No formal agreement was signed", "were not involved"."""
    words = _lower(sentence)
    texts = sentence.doc.user_data["text"][sentence.start : sentence.end]
    return any(
        word in NEGATIONS
        and not (word == "not" and words[i + 1 : i + 2] == ["only"])
        # "Pairs continuing (no change this year):" keeps what it says goes on.
        and not (word == "no" and words[i + 1 : i + 2] in (["change"], ["changes"]))
        # "Yuanyang No 1 Senior High School": a school's number, not a denial.
        and not (texts[i] == "No" and words[i + 1 : i + 2] and words[i + 1].isdigit())
        for i, word in enumerate(words)
    )


def _clauses(sentence: Span, parties: list[Party]) -> list[Span]:
    """A sentence split where it reports two agreements: "A signed with B, and C signed
    with D." Parts without a trigger of their own stay joined."""
    cuts = [sentence.start]
    lower = sentence.doc.user_data["lower"]
    for i in range(sentence.start + 1, sentence.end):
        after_comma = lower[i - 1] == ","
        # "..., as did C and D" reports the same again.
        joined = lower[i] in {"and", "while", "whereas"} or _did_too(lower, i)
        if lower[i] == ";" or (after_comma and joined):
            cuts.append(i)
    cuts.append(sentence.end)
    parts = [sentence.doc[a:b] for a, b in itertools.pairwise(cuts) if b > a]
    merged: list[Span] = []
    for part in parts:
        # "..., as did C and D": the same again, by two others.
        again = _did_too(lower, part.start) and _stands_alone(part, parties, again=True)
        if merged and not (
            (again or _stands_alone(part, parties)) and _stands_alone(merged[-1], parties)
        ):
            merged[-1] = sentence.doc[merged[-1].start : part.end]
        else:
            merged.append(part)
    return merged


# What opens a later clause that goes on with the subject of the first: "and will", "and
# has also".
_CARRYING = frozenset({"will", "would", "has", "have", "had", "also", "then", "later", "is"})


def carried_subject(first: Span, clause: Span, parties: list[Party]) -> Party | None:
    """The party that opens a sentence's first clause, for a later clause that goes on with
    no subject of its own: "Xiamen will continue to support A, and will add a second
    partner, B" (Xiamen, for B); None otherwise."""
    lower = clause.doc.user_data["lower"]
    if clause.start == first.start or lower[clause.start] != "and":
        return None
    if clause.end - clause.start < 2 or lower[clause.start + 1] not in _CARRYING:
        return None
    opening = next((p for p in parties if first.start <= p.start < first.end), None)
    if opening is None or opening.start - first.start > 1:  # past "The" at most
        return None
    return opening


def _did_too(lower: list[str], i: int) -> bool:
    """Whether "as did" opens at ``i``: the same was done by others."""
    return lower[i] == "as" and i + 1 < len(lower) and lower[i + 1] in _DONE_TOO


_DONE_TOO = frozenset({"did"})  # not "as has long been the practice at X"


def _stands_alone(clause: Span, parties: list[Party], again: bool = False) -> bool:
    """A clause that reports an agreement of its own: a trigger (or, ``again``, the one
    before it) and two parties."""
    inside = [p for p in parties if clause.start <= p.start < clause.end]
    return (again or _kind(clause) is not None) and len(inside) >= 2


def _pairs_of_pairs(clause: Span, parties: list[Party]) -> list[list[list[Party]]] | None:
    """ "A and B, C and D, and E and F signed ...", "A and B;" "C and D;" on lines of their
    own: one agreement per pair."""
    doc = clause.doc
    groups: list[list[Party]] = [[parties[0]]]
    for previous, party in itertools.pairwise(parties):
        between = [t.text.lower() for t in doc[previous.end : party.start] if not t.is_space]
        # "Keang Peng School (Escola Keang Peng);": another name in brackets.
        if between[:1] == ["("] and ")" in between:
            between = between[between.index(")") + 1 :]
        # "Fuzhou and Yongning County, Yinchuan;" "Xiamen and ...": a place after a comma
        # only locates the one before it.
        if between[:1] == [","] and between[-1:] == [";"]:
            located = doc[previous.end + 1 : party.start - 1]
            between = between if any(t.is_lower for t in located) else [";"]
        if between == ["and"]:
            groups[-1].append(party)
        elif between in ([","], [",", "and"], [";"], [";", "and"]):
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


# Words that make an agreement of several parties one each side: "a tripartite MoU".
_SEVERAL_SIDED = frozenset(
    {"tripartite", "trilateral", "three-way", "three-party", "four-party", "quadripartite"}
)


_ARROWS = frozenset({"\u2194", "\u21d4", "\u21c4"})


def _each_a_side(clause: Span) -> bool:
    """Whether the clause, or the opening of the sentence after it ("The tripartite MoU was
    signed ..."), says the agreement has a side for each party."""
    doc = clause.doc
    end = clause.sent.end
    following = doc.user_data["lower"][end : end + 4]
    return bool(_SEVERAL_SIDED.intersection([*_lower(clause), *following]))


def _sides(clause: Span, parties: list[Party], kind: AgreementKind) -> list[list[list[Party]]]:
    """The agreements among a clause's parties, as their sides; none when the partners go
    unnamed ("... with their paired schools")."""
    words = _lower(clause)
    tokens = list(zip(range(clause.start, clause.end), words, strict=True))
    first = parties[0].start
    if len({p.name for p in parties}) >= 3 and _each_a_side(clause):
        return [[[p] for p in parties]]
    # A row "A ↔ B and C": the arrow parts the sides; so does a dash in a row of a list
    # that says nothing but the names ("2. A and B - C", under a lead of pairs).
    cued = any(clause.doc.user_data["cue"][clause.start : clause.end])
    arrows = _ARROWS if cued else _ARROWS | DASHES
    arrow = next((i for i, w in tokens if w in arrows and i > first), None)
    if arrow is not None:
        before = [p for p in parties if p.end <= arrow]
        after = [p for p in parties if p.start > arrow]
        if before and after:
            return [[before, after]]
    respectively = "respectively" in words
    cues = clause.doc.user_data["cue"]
    early = next((i for i, w in tokens if w == "with" and i < first), None)
    if early is not None and any(cues[clause.start : early]):
        # "They signed with A, B and C": who signed is not named here.
        return []
    withs = [i for i, w in tokens if w == "with" and i >= parties[0].end]
    # "X and Y signed an MoU on a joint program, with the first cohort expected in 2025":
    # a "with" after a comma, once both partners are named, adds a circumstance.
    withs = [
        i
        for i in withs
        if not (
            clause.doc[i - 1].text == ","
            and len([p for p in parties if p.end <= i]) >= 2
            and not [p for p in parties if p.start > i]
        )
    ]
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
        # "renewed their ties with a new agreement": what they signed, not with whom.
        offset = pivot - clause.start
        signed_with = any(w in AGREEMENT_NOUNS for w in words[offset + 1 : offset + 5])
        # "... signed an MoU under which the university will support the centres with
        # training": the "with" of a clause inside it.
        relative = bool({"which", "whom", "where"} & set(words[: offset + 1]))
        if before and not after and unnamed and not signed_with and not relative:
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


def _generic_as_named(names: list[str]) -> dict[str, str]:
    """Map a body named by its kind alone ("the County Government") to the one body of that
    kind the article names in full ("County Government of Nyeri"), or to the one it names
    most often when it names several ("County Government of Laikipia" once, in passing)."""
    counts = Counter(names)
    canonical = {}
    for generic in {name for name in names if generic_name(name)}:
        named = [
            name
            for name in counts
            if not generic_name(name)
            # Not "Shenzhen Municipal Education Bureau" for "Education Bureau", which is
            # Hong Kong's name for its own.
            and name.startswith(f"{generic} of ")
        ]
        ranked = sorted(named, key=lambda name: (-counts[name], name))
        if ranked and (len(ranked) == 1 or counts[ranked[0]] > counts[ranked[1]]):
            canonical[generic] = ranked[0]
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
    for party in parties:
        if _word_after(clause, party) in FUNDING_VERBS:
            roles[party] = Role.FUNDER
    return roles


def _word_after(clause: Span, party: Party) -> str | None:
    """The first lower-case word after a party in its clause (its verb, mostly), past
    "will", its short name or other name in brackets and its place: "X (Y), Lisbon -
    co-finances ..."."""
    doc, depth = clause.doc, 0
    for token in doc[party.end : min(party.end + 12, clause.end)]:
        depth += (token.text == "(") - (token.text == ")")
        if depth or not token.is_lower or token.lower_ == "will":
            continue
        return token.lower_
    return None


_LISTING_WORDS = frozenset({"and", "the", "of", ",", "'s", "\u2019s", "campus", "campuses"})


def with_a_visitor(
    clause: Span, groups: list[list[list[Party]]], roles: dict[Party, Role]
) -> list[list[list[Party]]]:
    """The groups of a visit that hold a visitor: "two days at X, and a day at Y", "hosted
    by X and by Y" and "the delegation visited X and Y" name only hosts."""
    doc = clause.doc
    lower = doc.user_data["lower"]

    def visited(party: Party) -> bool:
        """Named right after "visited", or in a list of names after it."""
        before = lower[clause.start : party.start]
        if "visited" not in before:
            return False
        at = clause.start + len(before) - before[::-1].index("visited")
        between = range(at, party.start)
        return all(lower[i] in _LISTING_WORDS or not doc[i].is_lower for i in between)

    def visitor(party: Party) -> bool:
        return not _at(doc, party) and roles.get(party) is not Role.HOST and not visited(party)

    return [g for g in groups if any(visitor(p) for side in g for p in side)]


_REPORTS = REPORTING | {"noted", "says", "stated"}


def denied_signers(
    sentence: Span, inside: list[Party], name_of: Callable[[Party], str]
) -> dict[str, int]:
    """The institutions a denial says did not sign, clause by clause, each with where it
    is said: "Y, which sent a vice-president, watched the signing but did not sign"; "Only
    A and B signed; C and D attended but did not sign" denies C and D only; "A noted that
    C did not sign" denies C, not the one who reports it."""
    lower = sentence.doc.user_data["lower"]
    cuts = [sentence.start]
    cuts += [i + 1 for i in range(sentence.start, sentence.end - 1) if lower[i] == ";"]
    found = {}
    for start, end in itertools.pairwise([*cuts, sentence.end]):
        clause = sentence.doc[start:end]
        if not (_negated(clause) and {"sign", "signed"}.intersection(lower[start:end])):
            continue
        for party in inside:
            reports = _REPORTS.intersection(lower[party.end : party.end + 2])
            if start <= party.start < end and party.label == "institution" and not reports:
                found[name_of(party)] = sentence.start_char
    return found


def without_denied(
    agreements: list[dict[str, Any]], denied: dict[str, int]
) -> list[dict[str, Any]]:
    """Agreements of three or more sides less the sides the text says, later on, did not
    sign ("billed as a four-way signing ... only two put pen to paper"); none left of two
    or fewer. A denial before the agreement ("Last year C did not sign") removes no one."""
    kept = []
    for agreement in agreements:
        if len(agreement["sides"]) > 2:
            after = {n for n, at in denied.items() if at > agreement["evidence_start"]}
            sides = [side for side in agreement["sides"] if not set(side) <= after]
            if len(sides) < 2:
                continue
            agreement = {**agreement, "sides": sides}
        kept.append(agreement)
    return kept
