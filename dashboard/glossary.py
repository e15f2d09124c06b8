"""The terms a reader must not confuse, each with its definition and the document that defines it, and where a
text uses them: the About page shows the glossary, and every caveat links the terms it uses to it.

The definitions are paraphrases in plain words, never quotations: each names its document and article or section
so that a reader can check it. Which terms a caveat uses is known from its English msgid (the same in every
language): a translated caveat is matched to its msgid through the language's catalogue, so its links survive
translation even where the translated word is inflected and cannot be found in the text.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from dashboard.i18n.locales import DEFAULT_LANG, LANGUAGES
from dashboard.i18n.messages import N_, read_catalogue, translator

#: The legal terms' words in each language (smuggling, trafficking, detections, persons), with the stem that
#: finds them in a text; the catalogues' tests hold translations to the same stems.
LEGAL_TERMS = Path(__file__).with_name("i18n") / "glossary.csv"
#: Translations shorter than this are not matched inside a caveat: a short phrase ("persons") would be found
#: inside unrelated words.
MIN_MATCH = 12


@dataclass(frozen=True)
class Source:
    """Where a definition comes from: the document as its publisher titles it, and the article or section."""

    document: str
    part: str


@dataclass(frozen=True)
class Term:
    key: str
    #: The term's name and definition: English msgids, translated where shown.
    name: str
    definition: str
    sources: tuple[Source, ...]
    #: Where an English text (a msgid, or a publisher's own words) uses the term.
    english: re.Pattern


_UNODC_CTS = ("UNODC, United Nations Survey of Crime Trends and Operations of Criminal Justice Systems (UN-CTS), "
              "definitions of the questionnaire")
_GLOTIP = "UNODC, Global Report on Trafficking in Persons (GLOTIP), methodology and data definitions"
_EIPRE = "Eurostat, metadata of migr_eipre (ESMS \"Enforcement of immigration legislation\")"
_REG_862 = "Regulation (EC) No 862/2007 on Community statistics on migration and international protection"
_UNHCR = "UNHCR, Refugee Data Finder, methodology and glossary"
_FRONTEX = "Frontex, Annual Risk Analysis, statistical annex and explanatory notes (FRAN data)"


def _term(key: str, name: str, definition: str, sources: tuple[tuple[str, str], ...], english: str) -> Term:
    return Term(key, name, definition, tuple(Source(*s) for s in sources), re.compile(english, re.I))


TERMS: dict[str, Term] = {term.key: term for term in (
    _term("detections", N_("Detections"), N_(
        "One detection is one occasion on which a country's border authorities detected someone crossing, or trying "
        "to cross, the EU's external border irregularly between border crossing points, as reported to Frontex "
        "month by month. Someone who tries several times is detected several times, and someone never seen is not "
        "counted: detections are events, not people, and their number is not the number of migrants."),
        ((_FRONTEX, "FRAN indicator 1A: detections of illegal border-crossing between border crossing points"),),
        r"\bdetections?\b"),
    _term("persons", N_("Persons"), N_(
        "A count of persons counts people, not events or cases: Eurostat's third-country nationals found illegally "
        "present, UNODC's detected victims and the persons suspected, prosecuted or convicted, and UNHCR's refugees "
        "and asylum-seekers are counts of persons. They cannot be compared one for one with detections or offences, "
        "and where a publisher counts cases (a family may be one case), the figure is flagged."),
        ((_EIPRE, "3.5 Statistical unit: persons"), (_FRONTEX, "detections are not persons")),
        r"\bpersons\b"),
    _term("smuggling", N_("Smuggling of migrants"), N_(
        "Arranging for someone to enter a country illegally, a country of which that person is neither a national "
        "nor a permanent resident, in order to obtain, directly or indirectly, money or another material benefit. "
        "No coercion or exploitation is needed: the crime is the profit from an illegal crossing, so it is an "
        "offence against a country's border rules and always involves crossing a border."),
        (("Protocol against the Smuggling of Migrants by Land, Sea and Air, supplementing the United Nations "
          "Convention against Transnational Organized Crime (2000)", "art. 3(a); illegal entry: art. 3(b)"),),
        r"\bsmuggl\w*"),
    _term("trafficking", N_("Trafficking in human beings"), N_(
        "Recruiting, transporting, transferring, harbouring or receiving people by threat, force or other coercion, "
        "abduction, fraud, deception, abuse of power or of a position of vulnerability, or payments to someone who "
        "controls them, for the purpose of exploitation: at a minimum sexual exploitation, forced labour or "
        "services, slavery or similar practices, servitude, or the removal of organs. Once such means are used, the "
        "victim's consent does not count; for a child no such means are needed, and no border need be crossed. The "
        "Protocol calls it trafficking in persons."),
        (("Protocol to Prevent, Suppress and Punish Trafficking in Persons, Especially Women and Children, "
          "supplementing the United Nations Convention against Transnational Organized Crime (2000)",
          "art. 3(a)–(d)"),),
        r"\btraffick\w*"),
    _term("offences", N_("Police-recorded offences"), N_(
        "Offences that the police or another law-enforcement agency recorded in the year, as the country's own law "
        "defines the offence. One offence may involve several migrants or several suspects, and a recorded offence "
        "says nothing about whether anyone was charged or convicted: offences are neither persons nor "
        "prosecutions, and national definitions differ."),
        ((_UNODC_CTS, "offences recorded by the police"),),
        r"\b(?:police-recorded )?offences\b"),
    _term("prosecutions", N_("Prosecutions"), N_(
        "Persons against whom the public prosecutor, or the agency responsible for prosecution, brought an "
        "official charge for the offence in the year, whatever the outcome. A prosecution is not a conviction, and "
        "the persons prosecuted in a year are not the same people as those convicted in it."),
        ((_UNODC_CTS, "persons prosecuted"), (_GLOTIP, "persons prosecuted")),
        r"\bprosecut\w*"),
    _term("convictions", N_("Convictions"), N_(
        "Persons found guilty of the offence in the year by a court or another body empowered to do so under "
        "national law, whether or not the conviction was later upheld. Those convicted in a year are not "
        "necessarily those prosecuted in it: a case may end years after the charge."),
        ((_UNODC_CTS, "persons convicted"), (_GLOTIP, "persons convicted")),
        r"\bconvict\w*|\bfound guilty\b"),
    _term("asylum-applicants", N_("Asylum applicants"), N_(
        "People who lodged an application for international protection, or were included in one as a family "
        "member, in the year (Eurostat); the Eurostat series here counts all applicants, first-time and repeat "
        "alike. UNHCR's asylum applications count applications lodged, in each country's own breakdown, and some "
        "countries count cases: applicants and applications are close but not the same, and neither says whether "
        "anyone was granted protection."),
        (("Eurostat, metadata of migr_asyappctza (ESMS \"Asylum and managed migration\")",
          "3.4 Statistical concepts and definitions: asylum applicant"), (_REG_862, "art. 4(1)(a)")),
        r"\basylum applica\w*|\bapplications? lodged\b"),
    _term("asylum-seekers", N_("Asylum-seekers"), N_(
        "People who have asked for international protection and whose claims have not yet been decided, however "
        "long ago they applied, counted by UNHCR at the end of the year in the country where the claim is pending. "
        "They are a stock, not a flow: the applications lodged in a year are another count, and not every "
        "asylum-seeker will be recognised as a refugee."),
        ((_UNHCR, "asylum-seekers"),),
        r"\basylum[- ]seekers?\b|\bpending asylum cases\b"),
    _term("refugees", N_("Refugees"), N_(
        "People outside their country who are recognised as needing international protection: under the 1951 "
        "Convention relating to the Status of Refugees (a well-founded fear of persecution), its 1967 Protocol or "
        "regional instruments, or granted complementary or temporary protection. UNHCR counts them, with people in "
        "refugee-like situations, at the end of the year in the country of asylum. A refugee's claim has been "
        "decided or recognised; an asylum-seeker's has not."),
        ((_UNHCR, "refugees under UNHCR's mandate"), ("Convention relating to the Status of Refugees (1951)",
                                                       "art. 1A(2)")),
        r"\brefugees?\b"),
    _term("illegally-present", N_("Found illegally present"), N_(
        "People who are not citizens of the EU whom the authorities found, during the year, in the country or at "
        "its borders without the right to enter or stay there under its immigration law: people who entered "
        "irregularly, overstayed, or have no right to stay for another reason. The unit is persons found: it does "
        "not count arrivals, border crossings or everyone staying irregularly, and only the EU members and a few "
        "other European countries report it."),
        ((_EIPRE, "3.4 Statistical concepts and definitions"), (_REG_862, "art. 5(1)(b); third-country national: "
                                                                          "art. 2(1)(i)")),
        r"\b(?:found (?:to be )?)?illegally present\b"),
    _term("apprehended", N_("Apprehended"), N_(
        "Caught by the authorities: Türkiye's Presidency of Migration Management publishes the numbers of irregular "
        "migrants and of migrant smugglers that its law-enforcement agencies apprehended in the year. These are "
        "Türkiye's own counts under its own definitions, with Syrians under temporary protection left out: they "
        "are not Eurostat's persons found illegally present, and an apprehension is not a conviction."),
        (("Presidency of Migration Management (Göç İdaresi Başkanlığı), irregular migration statistics",
          "irregular migrants apprehended; migrant smugglers apprehended, by year"),),
        r"\bapprehen\w*"),
)}

#: The glossary's groups: terms that are told apart, shown together (About page).
GROUPS: tuple[tuple[str, tuple[str, ...]], ...] = (
    (N_("Detections and persons"), ("detections", "persons")),
    (N_("Smuggling of migrants and trafficking in human beings"), ("smuggling", "trafficking")),
    (N_("Police-recorded offences, prosecutions and convictions"), ("offences", "prosecutions", "convictions")),
    (N_("Asylum applicants, asylum-seekers and refugees"), ("asylum-applicants", "asylum-seekers", "refugees")),
    (N_("Found illegally present and apprehended"), ("illegally-present", "apprehended")),
)


def anchor(key: str) -> str:
    """The id of a term on the About page ("term-smuggling"): stable, so links to it keep working."""
    return f"term-{TERMS[key].key}"


def english_terms(text: str) -> tuple[str, ...]:
    """The terms an English text uses, in glossary order."""
    return tuple(key for key, term in TERMS.items() if term.english.search(text))


@lru_cache(maxsize=len(LANGUAGES))
def _known_texts(lang: str) -> tuple[tuple[str, tuple[str, ...]], ...]:
    """Each translation in `lang`'s catalogue whose msgid uses a term, with those terms: longest first."""
    if lang == DEFAULT_LANG or lang not in LANGUAGES:
        return ()
    try:
        catalogue = read_catalogue(lang)
    except OSError:
        return ()
    found = {m.string: english_terms(m.id) for m in catalogue
             if isinstance(m.id, str) and isinstance(m.string, str) and not m.fuzzy and len(m.string) >= MIN_MATCH}
    return tuple(sorted(((text, keys) for text, keys in found.items() if keys), key=lambda item: -len(item[0])))


def text_terms(text: str, lang: str = DEFAULT_LANG) -> tuple[str, ...]:
    """The terms a shown text uses: those of its English words (a msgid, or a publisher's own English) and those of
    every catalogue message of `lang` it contains, so a translated caveat keeps its msgid's terms."""
    keys = set(english_terms(text))
    for known, terms in _known_texts(lang):
        if known in text:
            keys.update(terms)
    return tuple(key for key in TERMS if key in keys)


@lru_cache(maxsize=len(LANGUAGES))
def _legal_stems(lang: str) -> dict[str, str]:
    with LEGAL_TERMS.open(encoding="utf-8", newline="") as f:
        return {r["term"]: r["pattern"] for r in csv.DictReader(f) if r["lang"] == lang}


def _stem_pattern(name: str) -> str:
    """A pattern for a term's name that tolerates inflection: every word of four or more letters keeps its start
    (all but its last two letters) and takes any ending."""
    words = re.findall(r"\w+", name)
    return r"\W+".join(re.escape(w[: max(3, len(w) - 2)]) + r"\w*" if len(w) >= 4 else re.escape(w) for w in words)


@lru_cache(maxsize=len(TERMS) * len(LANGUAGES))
def term_pattern(key: str, lang: str = DEFAULT_LANG) -> re.Pattern:
    """Where a term's word stands in a text of `lang`: the legal term's stem (glossary.csv), the term's translated
    name, or its English words (a publisher's own, left in English in every language)."""
    term = TERMS[key]
    options = [term.english.pattern]
    if lang != DEFAULT_LANG:
        stem = _legal_stems(lang).get(key)
        options[:0] = [r"\b" + stem + r"\w*"] if stem else []
        options.insert(0, _stem_pattern(translator(lang)(term.name)))
    return re.compile("|".join(f"(?:{o})" for o in options), re.I)


def term_spans(text: str, lang: str = DEFAULT_LANG) -> tuple[list[tuple[int, int, str]], list[str]]:
    """Where to link each term a text uses: (start, end, key) of the first place its word stands, in text order,
    none overlapping; and the terms whose word the text does not show (linked beside it instead)."""
    spans: list[tuple[int, int, str]] = []
    unplaced: list[str] = []
    for key in text_terms(text, lang):
        place = next((m for m in term_pattern(key, lang).finditer(text)
                      if m.end() > m.start() and all(m.end() <= s or m.start() >= e for s, e, _ in spans)), None)
        if place is None:
            unplaced.append(key)
        else:
            spans.append((place.start(), place.end(), key))
    return sorted(spans), unplaced
