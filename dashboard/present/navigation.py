"""Where a presentation stands (slide, year, playing) and how keys, the clicker and the play clock move it.

Plain functions of (deck, position, action), so the rules are tested without a browser: assets/present.js only
maps keys to action names, and callbacks/present.py only passes them here. The year rules (a step, play and the
play clock) are the view's timeline's, shared with the dashboard: `dashboard.view.timeline`.

A presentation has a language (`/present?…&lang=el`, else the reader's): its notices, its counters and labels
(`counter`, `words`) and its slides' titles and takeaways are in it, and every slide's view is drawn in it
(`slide_view(…, lang)`), whatever language the deck's own views were written in.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field, replace
from pathlib import Path
from urllib.parse import parse_qs, urlencode

from dashboard.i18n.locales import DEFAULT_LANG
from dashboard.i18n.messages import N_, translator
from dashboard.i18n.numbers import number
from dashboard.panels.registry import panel_title
from dashboard.present.decks import BROWSER_DECK, Deck, DeckError, Slide, load_deck, view_deck
from dashboard.view import timeline
from dashboard.view.params import VIEW_PARAMS, Context, Invalid, Valid, parse_slide, whole_number
from dashboard.view.state import Domain, ViewState, parse_query, to_params

#: What a key or button asks for. later/earlier step the year; tick is one beat of the play clock.
ACTIONS = ("next", "prev", "first", "last", "later", "earlier", "play", "tick")
#: The presenter's fixed words, by what they are for; `words(lang)` gives them in a language.
WORDS = {
    "end": N_("End of the deck"),
    "no_notes": N_("No notes for this slide."),
    "loading": N_("Loading the deck…"),
    "no_deck": N_("No deck."),
    "empty_deck": N_("Your deck is empty: add views to it with “Add to deck” on the dashboard."),
}


@dataclass(frozen=True)
class Position:
    slide: int = 0  # 0-based; URLs count from 1
    year: int | None = None  # None: the slide's own year
    playing: bool = False

    def to_data(self) -> dict:
        return asdict(self)


def slide_years(slide: Slide, domain: Domain) -> tuple[int, ...]:
    """The years the slide's view steps through: its timeline's."""
    return timeline.years_of(slide.state, domain)


def clamp(deck: Deck, pos: Position, domain: Domain) -> Position:
    """A position that exists in this deck: slide in range, year one the slide's indicator has."""
    slide = min(max(pos.slide, 0), len(deck.slides) - 1)
    year = pos.year if pos.year in slide_years(deck.slides[slide], domain) else None
    return Position(slide, year, pos.playing)


def position_from(data: object) -> Position:
    """A Position from the browser's payload, which may be anything."""
    if not isinstance(data, dict):
        return Position()
    slide, year = data.get("slide"), data.get("year")
    return Position(
        slide=slide if isinstance(slide, int) and not isinstance(slide, bool) else 0,
        year=year if isinstance(year, int) and not isinstance(year, bool) else None,
        playing=data.get("playing") is True,
    )


def slide_view(deck: Deck, pos: Position, lang: str | None = None) -> ViewState:
    """The view projected at this position: the slide's own, or with the year stepped (a range is dropped),
    in the presentation's language if one is given."""
    state = deck.slides[pos.slide].state
    if lang is not None and state.lang != lang:
        state = replace(state, lang=lang)
    return state if pos.year is None else timeline.step(state, pos.year)


# ---- the presenter's words ------------------------------------------------------------------------------------


def words(lang: str) -> dict[str, str]:
    """The presenter's fixed words (WORDS) in `lang`."""
    t = translator(lang)
    return {key: t(text) for key, text in WORDS.items()}


def counter(deck: Deck, pos: Position, lang: str = DEFAULT_LANG) -> str:
    """The speaker view's "Slide 2 of 7"."""
    t = translator(lang)
    return t("Slide {n} of {total}", n=pos.slide + 1, total=len(deck.slides))


def source_line(releases: list[str], lang: str = DEFAULT_LANG) -> str:
    """The projected slide's one line of sources (each "Publisher: released …", as the panels give them)."""
    t = translator(lang)
    return t("Source: {sources}", sources="; ".join(releases)) if releases else t("Source: none")


def cannot_show(error: str, lang: str = DEFAULT_LANG) -> str:
    """What a deck the browser holds but that does not check out says instead of its slides."""
    t = translator(lang)
    return t("This deck cannot be shown: {error}.", error=error)


def _figure(value: float, lang: str) -> str:
    """A number as the speaker reads it: English as the deck checker always wrote it, others by CLDR."""
    if lang == DEFAULT_LANG:
        return f"{value:,.10g}"
    decimals = 0 if float(value).is_integer() else min(len(repr(float(value)).split(".")[1]), 6)
    return number(value, lang, decimals)


def not_checked(values: list[float], lang: str = DEFAULT_LANG) -> str:
    """The speaker view's warning for numbers of a slide that no claim backs."""
    t = translator(lang)
    return "⚠ " + t("Not checked against the data: {numbers}",
                    numbers=", ".join(_figure(v, lang) for v in values))


def navigate(deck: Deck, pos: Position, action: str, domain: Domain) -> Position:
    """The position after one action. Moving to another slide shows its own year and stops playing."""
    pos = clamp(deck, pos, domain)
    last = len(deck.slides) - 1
    moves = {"next": pos.slide + 1, "prev": pos.slide - 1, "first": 0, "last": last}
    if action in moves:
        target = min(max(moves[action], 0), last)
        return pos if target == pos.slide else Position(target)
    years = slide_years(deck.slides[pos.slide], domain)
    if not years:
        return Position(pos.slide)
    current = slide_view(deck, pos).year
    if action == "later":
        return Position(pos.slide, timeline.later(years, current))
    if action == "earlier":
        return Position(pos.slide, timeline.earlier(years, current))
    if action == "play":
        if pos.playing:
            return Position(pos.slide, current)
        return Position(pos.slide, timeline.play_start(years, current), True)
    if action == "tick" and pos.playing:
        return Position(pos.slide, *timeline.tick(years, current))
    return pos


# ---- the presenter's URL ----------------------------------------------------------------------------------------


@dataclass
class Opened:
    """What /present?… asks for: a deck (None while the browser's own deck loads), where, and any notices."""

    deck: Deck | None
    deck_name: str
    pos: Position
    notices: list[str]
    #: The presentation's language: its `lang`, else the reader's.
    lang: str = field(default=DEFAULT_LANG)


def _view_title(state: ViewState) -> str:
    return panel_title(state, "map")


def _language(params: dict[str, list[str]], domain: Domain, preferred: str, notices: list[str]) -> str:
    """The presentation's `lang`, read by the view's own row (a bad one is a notice, in `preferred`)."""
    text = (params.get("lang") or [""])[-1].strip()
    read = VIEW_PARAMS["lang"].parse(text, Context(domain, lang=preferred)) if text else None
    if isinstance(read, Invalid):
        notices.append(read.reason)
    return read.value if isinstance(read, Valid) else preferred


def open_presentation(search: str, domain: Domain, decks_dir: Path, preferred: str = DEFAULT_LANG) -> Opened:
    """/present?deck=NAME[&slide=N][&year=Y][&lang=L], or /present?<view query> for the current view as one
    slide. `preferred` is the reader's language, the presentation's where the URL names none."""
    params = parse_qs((search or "").lstrip("?")[:4000])
    name = (params.get("deck") or [""])[-1].strip()
    notices: list[str] = []
    if not name:
        view = {k: v for k, v in params.items() if k not in {"slide", "deck"}}
        parsed = parse_query(view, domain, preferred)
        state = parsed.state
        return Opened(view_deck(state, _view_title(state)), "", Position(), parsed.shown, state.lang)
    lang = _language(params, domain, preferred, notices)
    t = translator(lang)
    slide_read = parse_slide((params.get("slide") or ["1"])[-1], lang)
    slide = slide_read.value - 1 if isinstance(slide_read, Valid) else 0
    if isinstance(slide_read, Invalid):
        notices.append(slide_read.reason)
    year_text = (params.get("year") or [""])[-1]
    year = whole_number(year_text.strip())  # whether the slide has it is for the deck to say (clamp)
    if name == BROWSER_DECK:
        return Opened(None, name, Position(slide, year), notices, lang)
    try:
        deck = load_deck(decks_dir, name, domain)
    except DeckError as exc:  # the deck author's error, in English as the deck loader writes it
        state = replace(parse_query("", domain).state, lang=lang)
        return Opened(view_deck(state, _view_title(state)), "", Position(), [f"{str(exc)[:300]}."], lang)
    pos = clamp(deck, Position(slide, year), domain)
    if pos.slide != slide:
        # The English singular is the plural as it always read ("1 slides"); the other languages get CLDR's forms.
        notices.append(t.n("The deck has {n} slides; showing slide {slide}.",
                           "The deck has {n} slides; showing slide {slide}.", len(deck.slides), slide=pos.slide + 1))
    if year_text and (year is None or pos.year != year):
        notices.append(t("Year {year} is not in this slide's data; showing the slide's own year.",
                         year=repr(year_text[:8])))
    return Opened(deck, name, pos, notices, lang)


def present_search(deck: Deck, deck_name: str, pos: Position, domain: Domain, lang: str | None = None) -> str:
    """The query string that reopens this position: deck, slide and stepped year (and the language, where it
    is not English), or the view itself."""
    if not deck_name:
        params = to_params(slide_view(deck, pos, lang), domain)
    else:
        params = {"deck": deck_name, "slide": str(pos.slide + 1)}
        if pos.year is not None and pos.year != deck.slides[pos.slide].state.year:
            params["year"] = str(pos.year)
        if lang is not None and lang != DEFAULT_LANG:
            params["lang"] = lang
    return "?" + urlencode(params, safe=",") if params else ""
