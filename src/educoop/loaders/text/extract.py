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
from dataclasses import dataclass, field
from typing import Any

from spacy.tokens import Doc, Span

from educoop.graph.model import AgreementKind, PartialDate, Role
from educoop.loaders.gazetteer import normalise
from educoop.loaders.records import RecordFile
from educoop.loaders.text.assembly import assemble
from educoop.loaders.text.bystanders import (
    _at,
    _attributive,
    _cited,
    _created,
    _from_places,
    _in_apposition,
    _met_in,
    _overseen,
    _setting,
    _source,
    _venue,
    _venue_place,
    _watching,
)
from educoop.loaders.text.chunks import read_long
from educoop.loaders.text.counts import (
    described_subject,
    listed_signatories,
    members_counted,
    partner_of_subject,
    referred,
    restated,
    subject_of,
    they_signed,
    with_counted,
)
from educoop.loaders.text.dates import find_date
from educoop.loaders.text.mentions import (
    _headline,
    _mentions,
    _programmes,
    _unpunctuated,
    page_chrome,
)
from educoop.loaders.text.parties import Names, Party, Programme
from educoop.loaders.text.pipeline import model_organisations, pipeline
from educoop.loaders.text.places import (
    _can_be_party,
    _unnested,
)
from educoop.loaders.text.region_sides import (
    branch_groups,
    region_pairs,
    signed_with_region,
    support_kind,
)
from educoop.loaders.text.rows import dashed_pair, listed_pairs, table_pair, table_row
from educoop.loaders.text.scenes import (
    _acting_institutions,
    _attended_only,
    _deliberated,
    _founders_only,
    _home,
    _labelled_items,
    _list_item,
    _membership,
    _pending,
    _signatories,
    _signed,
    _talks_only,
    _where_unnamed_are,
    attendance,
    led_item,
    numbered_heading,
    pairs_heading,
    partners_heading,
    subheading,
    the_place_meant,
    watchers_lead,
)
from educoop.loaders.text.sides import (
    _clauses,
    _cooperates,
    _generic_as_named,
    _kind,
    _merge_region_prefixed,
    _negated,
    _roles,
    _sides,
    carried_subject,
    denied_signers,
    with_a_visitor,
)
from educoop.loaders.text.words import PARTNER_WORDS


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
    denied: dict[str, int] = field(default_factory=dict)  # said not to have signed, where
    signatures: set[tuple[Any, ...]] = field(default_factory=set)
    # The sentence that opened the list being read ("The five pairs that signed are:").
    lead: Span | None = None
    in_list: bool = False  # whether the last sentence read was in the lead's list
    signed_list: Span | None = None  # a lead over signatories, read with its list
    watching: str = ""  # "led" by a lead of witnesses, then "listed" under it
    # The last signing recorded: its sentence's start, its parties, its signature and it.
    last_signed: tuple[int, list[Party], tuple[Any, ...], dict[str, Any]] | None = None
    starts: list[int] = field(init=False, repr=False)  # of the parties
    # Where each programme is first named (a character offset), for "the consortium".
    named_at: dict[str, int] = field(default_factory=dict)

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

    def listed_signatories(self, lead: Span) -> list[Party]:
        return listed_signatories(self.doc, self.parties, self.starts, self.name_of, lead)

    def referred(self, clause: Span, sentence: Span) -> list[Party]:
        return referred(self.doc, self.parties, self.starts, self.name_of, clause, sentence)

    def programme_named(self, span: Span) -> Programme | None:
        text = span.text
        for programme in self.programmes.values():
            if any(name in text for name in (programme.name, *programme.aliases)):
                return programme
        return None

    def programme_meant(self, span: Span) -> Programme | None:
        """The programme ``span`` names, or the last named before it whose head it writes
        in lower case: "the consortium" for the Fukuoka-Busan University Consortium."""
        meant = self.programme_named(span)
        lower = span.text.lower()
        for programme in [] if meant else self.programmes.values():
            head = re.escape(programme.name.split()[-1].lower())
            named = self.named_at.get(programme.name, span.start_char)
            if named < span.start_char and re.search(rf"\bthe {head}\b", lower):
                meant = programme
        return meant

    def read(self, sentence: Span, inherited: AgreementKind | None) -> AgreementKind | None:
        """Read a sentence's agreements; returns its kind (a table's rows inherit it)."""
        if not sentence.text.strip():
            if self.watching == "listed":
                self.watching = ""
            return inherited  # a blank line between a lead and its table
        # "Attending and witnessing the signing were:" and the lines under it, up to the
        # next blank line after them, name those who watched: no party.
        if attendance(sentence) and not self.watching and not watchers_lead(sentence):
            return inherited  # "Attending the conference were: X, director of Y; ..."
        if self.watching or watchers_lead(sentence):
            self.watching = "listed" if self.watching else "led"
            return inherited
        inside = self.parties_in(sentence)
        item = _list_item(sentence) or led_item(sentence, self.lead, self.in_list)
        # The sentences after an item's first, on its line, leave its list open (blank
        # lines return above).
        previous = self.doc[sentence.start - 1] if sentence.start else None
        continued = self.in_list and previous is not None and "\n" not in previous.text
        # A numbered heading that names no one leads too: "2. Schools concluding agreements".
        if (not item and not continued) or (item and not inside and numbered_heading(sentence)):
            lead = sentence.text.rstrip().endswith(":") or partners_heading(sentence)
            lead = lead or pairs_heading(sentence)  # "District - county pairings"
            # A region's heading ("Asia") under a lead of partners keeps the lead.
            if self.lead is not None and not inside and subheading(sentence):
                return inherited  # the list goes on under its lead
            self.lead = sentence if lead else None
        self.in_list = self.lead is not None and (item or continued)
        sentence_kind = _kind(sentence)
        if self.lead is sentence and (signers := self.listed_signatories(sentence)):
            # "The signatories were:" over one institution a line: one agreement.
            self.signed_list = sentence
            sides = [[[p] for p in signers]]
            self.record(sides, AgreementKind.SIGNED, sentence, self.programme_meant(sentence), [])
        if sentence_kind is None and self.lead is sentence and not inside:
            # "The pairs of schools signing this time cover ... Among them:": a lead that
            # names nothing opens a list of what the sentence before reported.
            sentence_kind = inherited
        # A table's rows, and a list's items, inherit the kind of what opened them; a list
        # of a body's members names no agreement ("The project partners are:"), nor one
        # under a denial ("They are not yet partner institutions:").
        opener = self.lead
        members = item and opener is not None and _membership(opener)
        silent = (
            item and opener is not None and ((members and not _signed(opener)) or _negated(opener))
        )
        if sentence_kind is None and (table_row(sentence) or (item and opener is not None)):
            sentence_kind = None if silent else inherited
        # Rows of pairs: "1 | X | Y", "A with B; C with D", and "1. X - Y" with no lead.
        paired = [table_pair, listed_pairs] + ([dashed_pair] if self.lead is None else [])
        if sentence_kind is None and any(rows(sentence, inside, self.name_of) for rows in paired):
            sentence_kind = AgreementKind.PAIRED
        if members or (not item and sentence_kind is None and _membership(sentence)):
            # "The ten universities that make up Arqus are:" lists members, and so does
            # "Its other members are A, B and C": named, with no signing between them.
            programme = self.programme_meant(self.lead if item and self.lead else sentence)
            for member in _acting_institutions(self.doc, inside):
                self.involved.add(self.name_of(member))
                if programme is not None and self.name_of(member) != programme.name:
                    programme.participants.setdefault(self.name_of(member), Role.MEMBER)
        if _pending(sentence):
            return sentence_kind  # "Pending - to be signed in 2025": not signed yet
        if item and sentence_kind is not None and self.read_item(sentence, sentence_kind):
            return sentence_kind
        if _negated(sentence):
            self.denied.update(denied_signers(sentence, inside, self.name_of))
            return sentence_kind
        self.involved.update(
            self.name_of(p) for p in _roles(sentence, inside) if p.label == "institution"
        )
        attended = _talks_only(sentence) or (
            sentence_kind is not None
            and (_attended_only(sentence, sentence_kind) or _deliberated(sentence, sentence_kind))
        )
        # Those who only attended, talked or postponed take part in nothing.
        if (sentence_kind is not None or _cooperates(sentence)) and not attended:
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
        clauses = _clauses(sentence, inside) if sentence_kind else [sentence]
        for clause in clauses:
            kind = _kind(clause) or sentence_kind
            self.read_clause(clause, kind, sentence, carried_subject(clauses[0], clause, inside))
        return sentence_kind

    def read_item(self, item: Span, kind: AgreementKind) -> bool:
        """A list item that names one institution, under a lead that names one: "YNU
        signed with the following universities:" then "- Vietnam: Hanoi University" is an
        agreement of the two, and so is each of several named apart by ";". (An item naming
        two otherwise is read as a sentence.) Whether it was read so."""
        if self.lead is None:
            return False
        if self.lead is self.signed_list:
            return True  # read with its lead
        leading = _acting_institutions(self.doc, self.parties_in(self.lead))
        if not leading and (
            PARTNER_WORDS.intersection(self.doc.user_data["lower"][self.lead.start : self.lead.end])
            or partners_heading(self.lead)  # "## Renewed agreements"
        ):
            leading = self.subject_before(self.lead)
        named = _acting_institutions(self.doc, self.parties_in(item))
        # "- Fundação X, Lisbon - co-finances the grants": a funder signs nothing.
        roles = _roles(item, named)
        named = [p for p in named if roles.get(p) is not Role.FUNDER]
        # "- Japan: Hokkaido University (Sapporo); Kobe University": partners one by one.
        listed = len(named) > 1 and all(
            ";" in self.doc[a.end : b.start].text for a, b in itertools.pairwise(named)
        )
        if len(leading) == 1 and (len(named) == 1 or listed):
            groups = [[leading, [partner]] for partner in named]
            self.record(groups, kind, item, self.programme_named(item), [])
            return True
        return False

    def subject_before(self, lead: Span, strictly: bool = False) -> list[Party]:
        before = self.parties[: bisect.bisect_left(self.starts, lead.start)]
        return subject_of(self.doc, before, self.name_of, strictly)

    def read_clause(
        self,
        clause: Span,
        kind: AgreementKind | None,
        sentence: Span,
        carried: Party | None = None,
    ) -> None:
        """Read one clause's agreements; ``carried`` is the party a clause with no subject
        of its own goes on with ("..., and will add a partner, Y")."""
        doc = self.doc
        inside = self.parties_in(clause)
        named = [p for p in inside if not _attributive(doc, p)]  # not "a Ningxia partner"
        if carried is not None and len(named) == 1 and carried.name != named[0].name:
            inside = [carried, *named]
        programme = self.programme_named(sentence)
        roles = _roles(clause, inside)
        if programme is not None:
            for party, role in roles.items():
                programme.participants.setdefault(self.name_of(party), role)
            if kind is AgreementKind.EXCHANGE:
                for host in (p for p in inside if p.label == "institution" and _at(doc, p)):
                    programme.participants.setdefault(self.name_of(host), Role.HOST)
        kind = support_kind(clause, inside, kind)  # "Rizhao and Weihai will support Youyang"
        cooperation_only = kind is None and _cooperates(clause)
        if cooperation_only:
            kind = AgreementKind.EXCHANGE
        if kind is None or _attended_only(clause, kind) or _deliberated(clause, kind):
            return
        if _founders_only(clause, kind):
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
            and not _watching(doc, p, inside)
            and not _in_apposition(doc, p, inside)
            and p not in created
            and not (kind is not AgreementKind.EXCHANGE and _venue(doc, p))
        ]
        if self.pronoun_signed_with(clause, sentence, inside, kind, programme, created):
            return
        # "The eight kindergartens jointly signed": the parties were named before.
        # Not for a visit or a welcome: "Both sides welcomed it" reports no new deal. A
        # host, an organiser, a venue or a person's body named beside the count is no other
        # party ("All eight founders signed at a ceremony organised by X and hosted by Y").
        hosting = all(
            roles.get(p) is not None or _venue_place(doc, p) or p.affiliation for p in inside
        )
        referring = hosting and kind is not AgreementKind.EXCHANGE
        if (
            inside
            and kind is not AgreementKind.EXCHANGE
            and members_counted(clause)
            and all(
                roles.get(p) is not None
                or _venue_place(doc, p)
                or _at(doc, p)  # "signed by all twelve colleges at X"
                or _from_places(doc, p, inside)  # "five founders from A, B and C signed"
                for p in inside
            )
        ):
            inside = self.referred(clause, sentence) or inside
        if len(inside) < 2:
            inside_before = inside
            inside = self.referred(clause, sentence) if referring else []
            if not referring and (
                groups := with_counted(clause, inside_before, self.referred, self.name_of)
            ):
                return self.record(groups, kind, sentence, programme, created)
            if restated(self.agreements, {self.name_of(p) for p in inside}):
                return
            if kind is not AgreementKind.EXCHANGE and not inside:  # not "was visited by"
                meant = self.parties[: bisect.bisect_left(self.starts, sentence.start)]
                inside = the_place_meant(clause, inside_before, meant)
            if not inside:
                subject = self.subject_before(clause, strictly=True)
                inside = partner_of_subject(self.doc, clause, inside_before, subject, self.name_of)
            named = [p for p in inside_before if p.label == "institution"]
            if not inside and not named and kind is AgreementKind.SIGNED:
                inside = they_signed(doc, self.parties, self.starts, self.name_of, clause)
        if len(inside) < 2:
            return
        institutions = [p for p in inside if p.label == "institution"]
        regions = [p for p in inside if p.label == "region"]
        if cooperation_only and len({p.name for p in institutions}) not in (0, 2):
            return
        if kind is AgreementKind.BRANCH:
            groups = branch_groups(clause, institutions, regions)
        elif institutions and (kind is not AgreementKind.PLAN or len(institutions) >= 2):
            groups = _sides(clause, institutions, kind) if len(institutions) >= 2 else []
            groups = groups or signed_with_region(clause, institutions, regions, kind)
        else:
            # Clauses of regions alone mostly set a scene. They make an agreement only as a
            # plan of a few regions, or a pairing or exchange of two, and never between a
            # region and a place inside it.
            local = self.names.local_regions
            if kind is AgreementKind.SIGNED and not _signed(clause) and carried is not None:
                kind = AgreementKind.PAIRED  # "..., and will add a second partner, Y"
            regions = [
                p
                for p in regions
                if not _where_unnamed_are(doc, p) and not _home(doc, p) and not _setting(doc, p)
            ]
            regions = _unnested([p for p in regions if _can_be_party(p.name, local)], local)
            limit = {AgreementKind.PLAN: 4, AgreementKind.PAIRED: 2, AgreementKind.EXCHANGE: 2}
            if self.in_list and len(regions) == 2:  # "Yuexiu District: Dafang County"
                limit[kind] = 2
            signatories = _signatories(clause, regions, kind)
            if len(signatories) >= 2:
                regions, limit[kind] = signatories, 8
            elif kind is AgreementKind.PAIRED and len({p.name for p in regions}) > 2:
                # "... agreed to work as sister districts at a meeting in Colombo".
                regions = [p for p in regions if not _met_in(doc, p, clause)]
            groups = region_pairs(clause, regions, kind)
            if not groups and (
                len(regions) < 2 or len({p.name for p in regions}) > limit.get(kind, 0)
            ):
                return
            groups = groups or _sides(clause, regions, kind)
        if kind is AgreementKind.EXCHANGE:
            groups = with_a_visitor(clause, groups, roles)
        self.record(groups, kind, sentence, programme, created)

    def pronoun_signed_with(
        self,
        clause: Span,
        sentence: Span,
        inside: list[Party],
        kind: AgreementKind,
        programme: Programme | None,
        created: list[Party],
    ) -> bool:
        """ "The memorandum was signed by A, B and C. They signed with D and E.": one
        agreement, those who signed in the sentence before on one side; "X has partners
        abroad. In 2021 it signed an MoU with Y." (or "it has run an exchange with Y"): X
        and Y (issue 16, class 4). Whether the clause was read so."""
        lower = self.doc.user_data["lower"]
        signing = kind is AgreementKind.SIGNED
        if kind not in (AgreementKind.SIGNED, AgreementKind.EXCHANGE) or not inside:
            return False
        if not sentence.start:
            return False
        pivot = next((i for i in range(clause.start, inside[0].start) if lower[i] == "with"), None)
        if pivot is None:
            return False
        before = self.doc[sentence.start - 1].sent
        if lower[clause.start] == "they":
            if not signing or self.last_signed is None or self.last_signed[0] != before.start:
                return False
            _start, signers, signature, recorded = self.last_signed
            # The sentence before recorded them as parties to one another: one side.
            self.signatures.discard(signature)
            self.agreements = [a for a in self.agreements if a is not recorded]
        elif "it" in lower[clause.start : min(pivot, clause.start + 6)]:
            named = _acting_institutions(self.doc, self.parties_in(before))
            # Back over sentences that speak of "it" too: "The Guangzhou university was the
            # first choice. Founded in 1906, it ... It signed with Y".
            while not named and before.start and "it" in lower[before.start : before.end]:
                before = self.doc[before.start - 1].sent
                named = _acting_institutions(self.doc, self.parties_in(before))
            # "The Monterrey-based college is no stranger to partners. In 2023 it signed
            # with Y": the description is of the institution the article is about.
            if not named and described_subject(self.doc[sentence.start - 1].sent):
                named = self.subject_before(clause, strictly=True)
            signers = list({self.name_of(p): p for p in named}.values())
            if len(signers) != 1:
                return False
        else:
            return False
        # "the University of Pretoria, South Africa": the place only locates a partner.
        partners = [p for p in inside if p.label == "institution"] or inside
        self.record([[signers, partners]], kind, sentence, programme, created)
        return True

    def record(
        self,
        groups: list[list[list[Party]]],
        kind: AgreementKind,
        sentence: Span,
        programme: Programme | None,
        created: list[Party],
    ) -> None:
        said = find_date(sentence.text, self.published)
        if said is None and self.lead is not None and _list_item(sentence):
            said = find_date(self.lead.text, self.published)
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
            agreement = {
                "sides": named,
                "kind": str(kind),
                "date": date.value if date else None,
                "programme": programme.name if programme else None,
                "evidence": evidence,
                "evidence_start": evidence_start,
                "evidence_end": evidence_start + len(evidence),
            }
            self.agreements.append(agreement)
            if kind is AgreementKind.SIGNED:
                parties = list({self.name_of(p): p for side in sides for p in side}.values())
                self.last_signed = (sentence.start, parties, signature, agreement)


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
    # agreements, however it is cased. A list item in title case is no headline.
    # An article of one sentence is all body.
    titled = len(sentences) > 1
    labelled = _labelled_items(sentences)
    headlines = {
        i
        for number, s in enumerate(sentences)
        # A row of a table ("1 | Heep Yunn School | ... | New agreement signed") is none.
        if (_headline(s) and not _list_item(s) and number not in labelled and "|" not in s.text)
        or (titled and number == 0 and _unpunctuated(s))
        or (titled and title is not None and normalise(s.text) == normalise(title))
        for i in range(s.start, s.end)
    } | page_chrome(sentences)
    found = _programmes(doc, pipes.programmes, headlines)
    programme_tokens = {i for span, _ in found for i in range(span.start, span.end)}
    extra = model_organisations(doc, spacy_model) if spacy_model else []
    parties, names = _mentions(doc, pipes, headlines | programme_tokens, extra)
    institution_names = [p.name for p in parties if p.label == "institution"]
    canonical = _merge_region_prefixed(institution_names) | _generic_as_named(institution_names)
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
    for span, programme in reversed(found):
        reading.named_at[programme.name] = span.start_char
    kind = None
    for sentence in sentences:
        if sentence.start not in headlines:
            kind = reading.read(sentence, kind)

    return assemble(
        parties,
        names,
        programmes,
        canonical,
        reading.name_of,
        reading.agreements,
        reading.involved,
        reading.denied,
        {"title": title, "date": published},
    )
