"""Short names: abbreviations a text defines in parentheses ("(KUT)"), names it gives
'X (hereinafter "Y")', initials it never defines ("UTEP", "IIT Bhubaneswar"), and former
names ("converted from Kumasi Polytechnic")."""

from __future__ import annotations

from spacy.tokens import Doc

from educoop.graph.model import AgreementKind
from educoop.loaders.gazetteer import bundled_gazetteer
from educoop.loaders.text.parties import Names, Party, written_in_lower_case
from educoop.loaders.text.words import FOREIGN_HEADS, JOB_TITLES, POSSESSIVES, QUOTES, SMALL_WORDS
from educoop.loaders.vocabulary import GENERIC_WORDS, HEADS

# Short names of agreements: "MoU", "MoA", "LoI".
_AGREEMENT_SHORT_NAMES = frozenset({"mou", "moa", "loi", "loa"})


def _acronym(text: str) -> bool:
    """A short name in capitals, or mostly: "XJTU", "DeKUT"; or initials with a word
    after them, "SUSTech", or before them, "PolyU" (not "McGill", "DuPont")."""
    capitals = sum(char.isupper() for char in text)
    initials = capitals >= 2 and (text[:2].isupper() or (text[0] + text[-1]).isupper())
    return text.isalpha() and 2 <= len(text) <= 8 and (capitals >= 0.6 * len(text) or initials)


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
        # In capitals, or mostly: "(KNUST)", "(KsTU)", "(DeKUT)"; not an agreement's
        # ("Memorandum of Understanding (MoU)").
        if not _acronym(candidate.text) or candidate.lower_.rstrip("s") in _AGREEMENT_SHORT_NAMES:
            continue
        if close - 1 > token.i + 1 and doc[close - 2].text != ",":
            continue
        found.append((candidate.text, token.i, close, close - 1))
    return found


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


def _initials(words: list[str]) -> str:
    """The capitals that open the capitalised words: "University of Texas at El Paso" is
    UTEP ("of" and "at" spell nothing)."""
    return "".join(word[0] for word in words if word[:1].isupper())


def _initialisms(doc: Doc, institutions: list[Party], names: Names, taken: set[int]) -> list[Party]:
    """Mentions of a name by its initials, which the text never defines: "UTEP" for the
    University of Texas at El Paso, "IIT Bhubaneswar" for the Indian Institute of
    Technology Bhubaneswar (the initials, then the name's last word). A name is taken only
    when one institution of the article has those initials; ``taken`` grows."""
    spelled: dict[str, set[str]] = {}
    for party in institutions:
        words = party.name.split()
        if len(words) >= 2:
            spelled.setdefault(_initials(words), set()).add(party.name)
        if len(words) >= 3 and words[-1][:1].isupper():
            spelled.setdefault(f"{_initials(words[:-1])} {words[-1]}", set()).add(party.name)
    found: list[Party] = []
    texts = doc.user_data["text"]
    for i, text in enumerate(texts if spelled else ()):
        # In capitals ("UTEP"), not defined in the text (then found already).
        if not (text.isupper() and _acronym(text)) or i in taken or text in names.aliases:
            continue
        after = texts[i + 1] if i + 1 < len(texts) else None
        for written, end in ((f"{text} {after}" if after else "", i + 2), (text, i + 1)):
            meant = spelled.get(written, set())
            if len(meant) == 1 and end - 1 not in taken:
                [name] = meant
                names.aliases.setdefault(written, name)
                found.append(Party(name, "institution", i, end))
                taken.update(range(i, end))
                break
    return found


def signing_acronyms(doc: Doc, taken: set[int]) -> list[Party]:
    """Short names in capitals that the text never expands but that sign: "LASU signed a
    letter of intent with KNUST" (the subject of "signed", or the partner after "with" in
    a signing); not a place ("the US"), nor an agreement's ("MoU"); ``taken`` grows."""
    texts, lower = doc.user_data["text"], doc.user_data["lower"]
    cues = doc.user_data["cue"]
    found: list[Party] = []
    for i, text in enumerate(texts):
        if i in taken or not (text.isupper() and _acronym(text) and len(text) >= 3):
            continue
        if lower[i] in _AGREEMENT_SHORT_NAMES | JOB_TITLES or bundled_gazetteer().candidates(text):
            continue
        if i and lower[i - 1] == "the":
            continue  # "The CEO signed": a post
        subject = i + 1 < len(texts) and lower[i + 1] in {"signed", "signs"}
        partner = i > 1 and lower[i - 1] == "with" and AgreementKind.SIGNED in cues[i - 6 : i]
        if subject or partner:
            found.append(Party(text, "institution", i, i + 1))
            taken.add(i)
    return found


# The heads of an institution's parts: "Deakin's School of Life and Environmental Sciences".
_UNIT_HEADS = frozenset(
    {"school", "college", "faculty", "department", "office", "institute", "centre", "center"}
    | {"division", "laboratory", "library", "academy", "graduate"}
)
# Words before a surname: "Prof. Deakin" is a person, not Deakin University.
_HONORIFICS = frozenset({"mr", "ms", "mrs", "dr", "prof", "professor", "sir", "dame", "madam"})
# Schools and universities go by their first word; ministries and councils, whose first
# word is often a people's ("Estonian Ministry of Education"), do not.
_SHORTENED_HEADS = frozenset(
    {"university", "college", "polytechnic", "school", "kindergarten", "gymnasium", "lyceum"}
    | {"conservatory", "institute", "academy"}
)
# Words before a place: "schools in Luleå".
_BEFORE_A_PLACE = frozenset({"in", "from", "near"})


def _openings(institutions: list[Party]) -> dict[str, str]:
    """The first word or two of each name that may stand for it alone: the name's own
    ("Deakin", "Tung Wah"), no place, no head noun, no word many names open with
    ("National", "Royal"), and opening only that name in the article."""
    gazetteer = bundled_gazetteer()
    meant: dict[str, set[str]] = {}
    for party in institutions:
        words = party.name.split()
        for size in (1, 2):
            opening, rest = words[:size], words[size:]
            if not any(word.lower() in _SHORTENED_HEADS for word in rest):
                continue
            if not all(word.isalpha() and word.istitle() and len(word) > 2 for word in opening):
                continue
            if any(
                word.lower() in HEADS
                or word.lower() in GENERIC_WORDS
                or word.lower() in SMALL_WORDS
                or word in FOREIGN_HEADS
                for word in opening
            ):
                continue
            text = " ".join(opening)
            if not gazetteer.candidates(text):
                meant.setdefault(text, set()).add(party.name)
    return {text: names.pop() for text, names in meant.items() if len(names) == 1}


def _shortened(doc: Doc, institutions: list[Party], taken: set[int]) -> list[Party]:
    """Mentions of a name by its first word or two, as news shortens a name once given:
    "Deakin will host ..." for Deakin University, and "Saxion's School of Creative
    Technology" for a part of Saxion University of Applied Sciences, which stands for it.
    The words must stand alone (no capitalised word beside them, no "Prof." before) and
    never be written in lower case in the article (then they are common words);
    ``taken`` grows, and the parts' mentions in ``institutions`` are replaced."""
    openings = _openings(institutions)
    texts = doc.user_data["text"]
    lower = written_in_lower_case(doc)
    # A word written after "in" outside a name is a place the gazetteer lacks.
    placed = {
        texts[i]
        for i in range(1, len(texts))
        if i not in taken and texts[i - 1].lower() in _BEFORE_A_PLACE
    }
    openings = {
        text: name
        for text, name in openings.items()
        if text.split()[0].lower() not in lower and text.split()[0] not in placed
    }
    if not openings:
        return []
    parts = {p.start: number for number, p in enumerate(institutions)}
    found: list[Party] = []
    for i in range(len(texts)):
        for size in (2, 1):
            end = i + size
            name = openings.get(" ".join(texts[i:end]))
            if name is None or taken.intersection(range(i, end)):
                continue
            previous = doc[i - 1] if i else None
            if previous is not None and (
                (previous.is_title and not doc[i].is_sent_start)
                or previous.lower_.rstrip(".") in _HONORIFICS
            ):
                continue
            after = end + (end < len(texts) and texts[end] in POSSESSIVES)
            part = parts.get(after) if after > end else None
            if part is not None and _a_part(institutions[part].name):
                unit = institutions[part]
                institutions[part] = Party(name, "institution", i, unit.end)
                taken.update(range(i, unit.end))
                break
            if after < len(doc) and doc[after].is_title and texts[after] not in POSSESSIVES:
                continue
            found.append(Party(name, "institution", i, end))
            taken.update(range(i, end))
            break
    return found


def _a_part(name: str) -> bool:
    """Whether a name is of a part of an institution: "School of Creative Technology"."""
    words = name.lower().split()
    return len(words) > 2 and words[0] in _UNIT_HEADS and words[1] in {"of", "for", "school"}


# What comes before an institution's former name: "KsTU, which was converted from Kumasi
# Polytechnic in 2016", "Westfield University (formerly Westfield College)".
_FORMER = frozenset(
    {
        ("formerly",),
        ("converted", "from"),
        ("renamed", "from"),
        ("upgraded", "from"),
        ("formerly", "known", "as"),
        ("previously", "known", "as"),
        ("formerly", "called"),
    }
)


def _former_names(doc: Doc, institutions: list[Party], names: Names) -> None:
    """Former names of an institution named just before them in the sentence become its
    aliases, and are no parties of their own."""
    former: set[int] = set()
    for number, party in enumerate(institutions):
        before = [t.lower_ for t in doc[max(0, party.start - 3) : party.start]]
        if not any(tuple(before[-len(cue) :]) == cue for cue in _FORMER):
            continue
        owner = next(
            (
                other
                for other in reversed(institutions[:number])
                if other.start not in former and doc[other.start].sent == doc[party.start].sent
            ),
            None,
        )
        if owner is not None and owner.name != party.name:
            names.aliases.setdefault(party.name, owner.name)
            former.add(party.start)
    institutions[:] = [p for p in institutions if p.start not in former]
