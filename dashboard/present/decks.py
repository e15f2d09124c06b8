"""Presenter decks: a title, then slides; each slide is a view (the same query as the URL) with a title, a one-line
takeaway, optional speaker notes, the panels it projects, the claims behind the numbers its text states, and the
context events its series shows by id (`events: [eu-turkiye-statement]`: only those; else its view's).
A deck's title and a slide's title and takeaway are plain text or one text per language (`{en: …, el: …}`, `en`
required): a presentation shows its language's text where the deck has one, else the English.

A deck is a small YAML or JSON file in the decks folder (Config.decks_dir, SEE_DECKS_DIR), or one a user built
in the browser with "Add to deck". Both go through `deck_from_data`, which checks every field and every view
with the same codec as the URL, and raises DeckError naming the slide and field, never anything else.

Claims keep takeaways honest: a claim names a number (or year) and the query that computes it from the prepared
data; `check_claims` recomputes each one, and `unclaimed_numbers` finds numbers in a slide's text that no claim
backs. The sample deck has no number that is not checked this way.
"""

from __future__ import annotations

import json
import math
import re
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import parse_qs

import yaml
from babel.numbers import get_decimal_symbol, get_group_symbol

from dashboard.catalog import INDICATORS
from dashboard.i18n.locales import DEFAULT_LANG, LANGUAGES, find, language
from dashboard.panels.registry import PANELS
from dashboard.store import Store
from dashboard.view.state import Domain, ViewState, parse_query, to_params

NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$")
#: The deck a user builds in the browser (local storage); not a file name, since files must match NAME.
BROWSER_DECK = "_mine"
SUFFIXES = (".yaml", ".yml", ".json")
DEFAULT_PANELS = ("map", "series")
#: Most panels a slide projects (the presenter's slots).
MAX_SLIDE_PANELS = 3
MAX_BYTES = 256_000
MAX_SLIDES = 100
MAX_TITLE = 120
MAX_TAKEAWAY = 240
MAX_NOTES = 4000
MAX_EVENTS = 20
METRICS = ("detections", "share", "peak_year", "indicator")
_NUMBER = re.compile(r"(?<![\w.,])\d{1,3}(?:,\d{3})+(?:\.\d+)?(?![\w])|(?<![\w.,])\d+(?:\.\d+)?(?![\w])")


class DeckError(ValueError):
    """A deck that cannot be shown, with one sentence saying where and why."""


@dataclass(frozen=True)
class Claim:
    """One number a slide states and the query that computes it from the prepared data.

    metric: detections   Frontex detections on `route` in `year` (of `nationality` if given)
            share        `nationality`'s share of those detections, in whole percent
            peak_year    the year with the most detections on `route`, or the highest `indicator` in `country`
            indicator    the published value of `indicator` for `country` in `year`
    """

    metric: str
    value: float
    route: str | None = None
    nationality: str | None = None
    indicator: str | None = None
    country: str | None = None
    year: int | None = None


@dataclass(frozen=True)
class Slide:
    """One slide of a deck: a view of the dashboard with the words the presenter puts beside it."""

    title: str
    state: ViewState  #: parsed from the slide's `view:` query, like any URL
    takeaway: str = ""  #: one line shown under the panels
    notes: str = ""  #: for the speaker view only
    panels: tuple[str, ...] = DEFAULT_PANELS  #: registry ids, in the order the slide shows them
    claims: tuple[Claim, ...] = ()  #: numbers the slide states, recomputed from the data by check_claims
    #: The title and takeaway in other languages than English, as (language code, text) pairs.
    titles: tuple[tuple[str, str], ...] = ()
    takeaways: tuple[tuple[str, str], ...] = ()

    def title_in(self, lang: str) -> str:
        """The title in `lang` where the deck gives one, else the English `title`."""
        return dict(self.titles).get(lang, self.title)

    def takeaway_in(self, lang: str) -> str:
        """The takeaway in `lang` where the deck gives one, else the English `takeaway`."""
        return dict(self.takeaways).get(lang, self.takeaway)


@dataclass(frozen=True)
class Deck:
    name: str
    title: str
    slides: tuple[Slide, ...]
    titles: tuple[tuple[str, str], ...] = ()  #: the deck's title in other languages, as on a slide

    def title_in(self, lang: str) -> str:
        return dict(self.titles).get(lang, self.title)


# ---- reading ------------------------------------------------------------------------------------------------


def _text(raw: dict, key: str, where: str, limit: int, required: bool = False, one_line: bool = False) -> str:
    value = raw.get(key)
    if value is None or value == "":
        if required:
            raise DeckError(f"{where}: '{key}' is missing")
        return ""
    if not isinstance(value, str | int | float) or isinstance(value, bool):
        raise DeckError(f"{where}: '{key}' must be text")
    text = str(value).strip()
    if one_line and "\n" in text:
        raise DeckError(f"{where}: '{key}' must be one line")
    if len(text) > limit:
        raise DeckError(f"{where}: '{key}' is longer than {limit} characters")
    return text


def _texts(raw: dict, key: str, where: str, limit: int, required: bool = False,
           one_line: bool = False) -> tuple[str, tuple[tuple[str, str], ...]]:
    """A text that may be given per language: (the English text, the other languages' as (code, text) pairs).

    A plain text is English. A mapping's keys are language codes (any case, `_` or `-`) and must include `en`,
    the text every language falls back to."""
    value = raw.get(key)
    if not isinstance(value, dict):
        return _text(raw, key, where, limit, required, one_line), ()
    by_lang: dict[str, str] = {}
    for code, text in value.items():
        lang = find(str(code)) if isinstance(code, str) else None
        if lang is None:
            raise DeckError(f"{where}: '{key}' has text in an unknown language {str(code)[:20]!r}; "
                            f"use {', '.join(LANGUAGES)}")
        by_lang[lang] = _text({key: text}, key, f"{where} ({lang})", limit, required, one_line)
    if not by_lang.get(DEFAULT_LANG):
        raise DeckError(f"{where}: '{key}' is given per language but without English ('en'), "
                        "the text every other language falls back to")
    return by_lang.pop(DEFAULT_LANG), tuple((lang, text) for lang, text in by_lang.items() if text)


def _view(raw: object, where: str, domain: Domain, compare: object = None) -> ViewState:
    """A view as a query string ('crime=…&year=2015') or a mapping; any notice from the codec is an error. A
    slide's own `compare: 2015` joins the view as its `compare` parameter, read by the same codec."""
    if isinstance(raw, dict):
        query: str | dict = {str(k): [str(v)] for k, v in raw.items() if v is not None}
    elif isinstance(raw, str) or raw is None:
        query = (raw or "").strip().lstrip("?")
    else:
        raise DeckError(f"{where}: 'view' must be a query string or a mapping")
    if compare is not None:
        if isinstance(compare, bool) or not isinstance(compare, int | str):
            raise DeckError(f"{where}: 'compare' must be a year, e.g. compare: 2015")
        query = {**(parse_qs(query) if isinstance(query, str) else query), "compare": [str(compare)]}
    parsed = parse_query(query, domain)
    if parsed.notices:
        raise DeckError(f"{where}: {parsed.notices[0]}")
    return parsed.state


def _panels(raw: object, where: str) -> tuple[str, ...]:
    if raw is None:
        return DEFAULT_PANELS
    items = [raw] if isinstance(raw, str) else raw
    if not isinstance(items, list) or not items or len(items) > MAX_SLIDE_PANELS:
        raise DeckError(f"{where}: 'panels' must list one to {MAX_SLIDE_PANELS} of {', '.join(PANELS)}")
    unknown = [p for p in items if p not in PANELS]
    if unknown:
        raise DeckError(f"{where}: unknown panel {str(unknown[0])[:30]!r}; use {', '.join(PANELS)}")
    return tuple(dict.fromkeys(items))


def _events(raw: object, state: ViewState, where: str, domain: Domain) -> ViewState:
    """The slide's view showing only the events it names by id (none for an empty list); the view as it is when
    the slide names none. An id the data does not have is an error naming it."""
    if raw is None:
        return state
    if not isinstance(raw, list) or len(raw) > MAX_EVENTS or not all(isinstance(e, str) for e in raw):
        raise DeckError(f"{where}: 'events' must list at most {MAX_EVENTS} event ids (data/events.csv, column id)")
    unknown = [e for e in raw if e not in domain.events]
    if unknown:
        raise DeckError(f"{where}: unknown event {unknown[0][:60]!r}; the ids are those of data/events.csv")
    return state.with_(events=tuple(dict.fromkeys(raw)) or False)


def _claim(raw: object, where: str, domain: Domain) -> Claim:
    if not isinstance(raw, dict):
        raise DeckError(f"{where}: a claim must be a mapping")
    metric = raw.get("metric")
    if metric not in METRICS:
        raise DeckError(f"{where}: 'metric' must be one of {', '.join(METRICS)}")
    value = raw.get("value")
    if not isinstance(value, int | float) or isinstance(value, bool) or not math.isfinite(value):
        raise DeckError(f"{where}: 'value' must be a number")
    year = raw.get("year")
    if year is not None and (not isinstance(year, int) or isinstance(year, bool)):
        raise DeckError(f"{where}: 'year' must be a whole year")
    route, nationality = raw.get("route"), raw.get("nationality")
    indicator, country = raw.get("indicator"), raw.get("country")
    if route is not None and route not in domain.routes:
        raise DeckError(f"{where}: unknown route {str(route)[:40]!r}")
    if nationality is not None and nationality not in domain.nationalities:
        raise DeckError(f"{where}: unknown nationality {str(nationality)[:20]!r}")
    if indicator is not None and indicator not in INDICATORS:
        raise DeckError(f"{where}: unknown indicator {str(indicator)[:40]!r}")
    if country is not None and country not in domain.countries:
        raise DeckError(f"{where}: unknown country {str(country)[:20]!r}")
    needs = {"detections": ("route", "year"), "share": ("route", "year", "nationality"),
             "peak_year": ("route",) if route is not None else ("indicator", "country"),
             "indicator": ("indicator", "country", "year")}[metric]
    missing = [k for k in needs if raw.get(k) is None]
    if missing:
        raise DeckError(f"{where}: a '{metric}' claim needs '{missing[0]}'")
    return Claim(metric, float(value), route, nationality, indicator, country, year)


def deck_from_data(data: object, domain: Domain, name: str) -> Deck:
    """A checked Deck from parsed YAML/JSON or a browser payload; DeckError says what is wrong and where."""
    if not isinstance(data, dict):
        raise DeckError(f"deck {name!r}: expected a mapping with 'title' and 'slides'")
    title, titles = _texts(data, "title", f"deck {name!r}", MAX_TITLE, required=True, one_line=True)
    raw_slides = data.get("slides")
    if not isinstance(raw_slides, list) or not raw_slides:
        raise DeckError(f"deck {name!r}: 'slides' must be a non-empty list")
    if len(raw_slides) > MAX_SLIDES:
        raise DeckError(f"deck {name!r}: at most {MAX_SLIDES} slides")
    slides = []
    for i, raw in enumerate(raw_slides, start=1):
        where = f"deck {name!r}, slide {i}"
        if not isinstance(raw, dict):
            raise DeckError(f"{where}: a slide must be a mapping")
        claims = raw.get("claims") or []
        if not isinstance(claims, list):
            raise DeckError(f"{where}: 'claims' must be a list")
        slide_title, slide_titles = _texts(raw, "title", where, MAX_TITLE, required=True, one_line=True)
        takeaway, takeaways = _texts(raw, "takeaway", where, MAX_TAKEAWAY, one_line=True)
        slides.append(Slide(
            title=slide_title,
            state=_events(raw.get("events"), _view(raw.get("view"), where, domain, raw.get("compare")), where, domain),
            takeaway=takeaway,
            notes=_text(raw, "notes", where, MAX_NOTES),
            panels=_panels(raw.get("panels"), where),
            claims=tuple(_claim(c, f"{where}, claim {j}", domain) for j, c in enumerate(claims, start=1)),
            titles=slide_titles,
            takeaways=takeaways,
        ))
    return Deck(name, title, tuple(slides), titles)


def parse_deck(text: str, domain: Domain, name: str, suffix: str = ".yaml") -> Deck:
    """A deck from the text of a YAML or JSON file."""
    if len(text) > MAX_BYTES:
        raise DeckError(f"deck {name!r} is larger than {MAX_BYTES // 1000} kB")
    try:
        data = json.loads(text) if suffix == ".json" else yaml.safe_load(text)
    except (ValueError, yaml.YAMLError) as exc:
        where = getattr(exc, "problem_mark", None)
        line = f" (line {where.line + 1})" if where is not None else ""
        raise DeckError(f"deck {name!r} is not valid {'JSON' if suffix == '.json' else 'YAML'}{line}") from exc
    return deck_from_data(data, domain, name)


def list_decks(decks_dir: Path) -> list[str]:
    """Names of the deck files in the folder, sorted; a missing folder has none."""
    if not decks_dir.is_dir():
        return []
    return sorted({p.stem for p in decks_dir.iterdir() if p.suffix in SUFFIXES and NAME.match(p.stem)})


def load_deck(decks_dir: Path, name: str, domain: Domain) -> Deck:
    """The deck file called `name` in the folder; the name is checked first, so no path can escape the folder."""
    if not isinstance(name, str) or not NAME.match(name):
        raise DeckError("a deck name is letters, digits, '-' and '_' only")
    for suffix in SUFFIXES:
        path = decks_dir / f"{name}{suffix}"
        if path.is_file():
            try:
                text = path.read_text(encoding="utf-8")
            except (OSError, UnicodeDecodeError) as exc:
                raise DeckError(f"deck {name!r} cannot be read") from exc
            return parse_deck(text, domain, name, suffix)
    known = ", ".join(list_decks(decks_dir)) or "none"
    raise DeckError(f"there is no deck called {name!r} (decks available: {known})")


def view_deck(state: ViewState, title: str, panels: tuple[str, ...] = DEFAULT_PANELS) -> Deck:
    """The one-slide deck 'Present' shows for the current view."""
    return Deck("", title, (Slide(title=title, state=state, panels=panels),))


# ---- writing ------------------------------------------------------------------------------------------------


def _claim_data(claim: Claim) -> dict:
    out: dict[str, object] = {"metric": claim.metric}
    for key in ("route", "nationality", "indicator", "country", "year"):
        if getattr(claim, key) is not None:
            out[key] = getattr(claim, key)
    out["value"] = int(claim.value) if float(claim.value).is_integer() else claim.value
    return out


def _per_language(english: str, others: tuple[tuple[str, str], ...]) -> str | dict[str, str]:
    """A text as a deck file writes it: plain where it is English only, else a mapping with `en` first."""
    return {DEFAULT_LANG: english, **dict(others)} if others else english


def deck_to_data(deck: Deck, domain: Domain) -> dict:
    """The deck as plain data: what the browser stores and what a deck file holds (`deck_from_data` reads it)."""
    slides = []
    for s in deck.slides:
        named = s.state.events if isinstance(s.state.events, tuple) else ()  # said as the slide's `events`
        view = {k: v for k, v in to_params(s.state, domain).items() if not (named and k == "events")}
        slide: dict[str, object] = {"title": _per_language(s.title, s.titles),
                                    "view": "&".join(f"{k}={v}" for k, v in view.items()), "panels": list(s.panels)}
        if named:
            slide["events"] = list(named)
        if s.takeaway:
            slide["takeaway"] = _per_language(s.takeaway, s.takeaways)
        if s.notes:
            slide["notes"] = s.notes
        if s.claims:
            slide["claims"] = [_claim_data(c) for c in s.claims]
        slides.append(slide)
    return {"title": _per_language(deck.title, deck.titles), "slides": slides}


def dump_deck(deck: Deck, domain: Domain) -> str:
    """The deck as a YAML file, ready to drop into the decks folder."""
    return yaml.safe_dump(deck_to_data(deck, domain), sort_keys=False, allow_unicode=True, width=110)


# ---- claims -------------------------------------------------------------------------------------------------


def claim_value(store: Store, claim: Claim) -> float | None:
    """What the prepared data says the claimed number is, or None where the data has no such number."""
    if claim.metric in {"detections", "share"}:
        rows = store.route_rows([claim.route], None, claim.year, claim.year)
        total = float(rows["detections"].sum())
        if claim.metric == "detections" and claim.nationality is None:
            return total if len(rows) else None
        part = float(rows.loc[rows["nationality"] == claim.nationality, "detections"].sum())
        if claim.metric == "detections":
            return part if len(rows) else None
        return float(round(100 * part / total)) if total else None
    if claim.metric == "peak_year":
        if claim.route is not None:
            rows = store.route_rows([claim.route])
            by_year = rows.groupby(rows["month"].str.slice(0, 4))["detections"].sum()
            return float(by_year.idxmax()) if len(by_year) else None
        rows = store.indicator_rows([claim.indicator], [claim.country]).dropna(subset=["value"])
        return float(rows.loc[rows["value"].idxmax(), "year"]) if len(rows) else None
    rows = store.indicator_rows([claim.indicator], [claim.country], claim.year, claim.year)
    values = rows["value"].dropna()
    return float(values.iloc[0]) if len(values) == 1 else None


def check_claims(store: Store, deck: Deck) -> list[str]:
    """One sentence per claim the prepared data does not bear out; empty when every claim holds."""
    problems = []
    for i, slide in enumerate(deck.slides, start=1):
        for claim in slide.claims:
            actual = claim_value(store, claim)
            if actual is None or not math.isclose(actual, claim.value, rel_tol=0, abs_tol=1e-9):
                found = "no such number" if actual is None else f"{actual:,.10g}"
                problems.append(f"slide {i} ({slide.title}): claims {claim.value:,.10g} for {claim.metric}, "
                                f"the data gives {found}")
    return problems


def numbers_in(text: str, lang: str = DEFAULT_LANG) -> list[float]:
    """The numbers a reader sees in a text: '885,386', '2015', '56%' -> 885386, 2015, 56; in another language
    with its CLDR signs ('885.386' and '2,5' in Greek; a space or no-break space groups where CLDR's does)."""
    if lang == DEFAULT_LANG:
        return [float(n.replace(",", "")) for n in _NUMBER.findall(text)]
    rules = language(lang).rules
    group, decimal = get_group_symbol(rules), get_decimal_symbol(rules)
    groups = "".join(re.escape(g) for g in {group} | ({" ", "\u00a0", "\u202f"} if group.isspace() else set()))
    d = re.escape(decimal)
    pattern = rf"(?<![\w{d}])\d{{1,3}}(?:[{groups}]\d{{3}})+(?:{d}\d+)?(?!\w)|(?<![\w{d}])\d+(?:{d}\d+)?(?!\w)"
    return [float(re.sub(f"[{groups}]", "", n).replace(decimal, ".")) for n in re.findall(pattern, text)]


def unclaimed_numbers(slide: Slide) -> list[float]:
    """Numbers in the slide's title, takeaway and notes, in every language the slide gives them in, that are
    neither a claim's value nor a year it names: a translation states no number the claims do not back."""
    backed = {c.value for c in slide.claims} | {float(c.year) for c in slide.claims if c.year is not None}
    backed |= {float(y) for y in (slide.state.year, *slide.state.years, slide.state.compare) if y is not None}
    found = numbers_in(" ".join((slide.title, slide.takeaway, slide.notes)))
    for lang, text in (*slide.titles, *slide.takeaways):
        found += [n for n in numbers_in(text, lang) if n not in found]
    return [n for n in found if n not in backed]
