"""Where a presentation stands (slide, year, playing) and how keys, the clicker and the play clock move it.

Plain functions of (deck, position, action), so the rules are tested without a browser: assets/present.js only
maps keys to action names, and callbacks/present.py only passes them here. The year rules (a step, play and the
play clock) are the view's timeline's, shared with the dashboard: `dashboard.view.timeline`.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from pathlib import Path
from urllib.parse import parse_qs, urlencode

from dashboard.panels.registry import panel_title
from dashboard.present.decks import BROWSER_DECK, Deck, DeckError, Slide, load_deck, view_deck
from dashboard.view import timeline
from dashboard.view.params import Invalid, Valid, parse_slide, whole_number
from dashboard.view.state import Domain, ViewState, parse_query, to_params

#: What a key or button asks for. later/earlier step the year; tick is one beat of the play clock.
ACTIONS = ("next", "prev", "first", "last", "later", "earlier", "play", "tick")


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


def slide_view(deck: Deck, pos: Position) -> ViewState:
    """The view projected at this position: the slide's own, or with the year stepped (a range is dropped)."""
    state = deck.slides[pos.slide].state
    return state if pos.year is None else timeline.step(state, pos.year)


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


def _view_title(state: ViewState) -> str:
    return panel_title(state, "map")


def open_presentation(search: str, domain: Domain, decks_dir: Path) -> Opened:
    """/present?deck=NAME[&slide=N][&year=Y], or /present?<view query> for the current view as one slide."""
    params = parse_qs((search or "").lstrip("?")[:4000])
    name = (params.get("deck") or [""])[-1].strip()
    notices: list[str] = []
    if not name:
        view = {k: v for k, v in params.items() if k not in {"slide", "deck"}}
        parsed = parse_query(view, domain)
        return Opened(view_deck(parsed.state, _view_title(parsed.state)), "", Position(), parsed.shown)
    slide_read = parse_slide((params.get("slide") or ["1"])[-1])
    slide = slide_read.value - 1 if isinstance(slide_read, Valid) else 0
    if isinstance(slide_read, Invalid):
        notices.append(slide_read.reason)
    year_text = (params.get("year") or [""])[-1]
    year = whole_number(year_text.strip())  # whether the slide has it is for the deck to say (clamp)
    if name == BROWSER_DECK:
        return Opened(None, name, Position(slide, year), notices)
    try:
        deck = load_deck(decks_dir, name, domain)
    except DeckError as exc:
        parsed = parse_query("", domain)
        return Opened(view_deck(parsed.state, _view_title(parsed.state)), "", Position(), [f"{str(exc)[:300]}."])
    pos = clamp(deck, Position(slide, year), domain)
    if pos.slide != slide:
        notices.append(f"The deck has {len(deck.slides)} slides; showing slide {pos.slide + 1}.")
    if year_text and (year is None or pos.year != year):
        notices.append(f"Year {year_text[:8]!r} is not in this slide's data; showing the slide's own year.")
    return Opened(deck, name, pos, notices)


def present_search(deck: Deck, deck_name: str, pos: Position, domain: Domain) -> str:
    """The query string that reopens this position: deck, slide and stepped year, or the view itself."""
    if not deck_name:
        params = to_params(slide_view(deck, pos), domain)
    else:
        params = {"deck": deck_name, "slide": str(pos.slide + 1)}
        if pos.year is not None and pos.year != deck.slides[pos.slide].state.year:
            params["year"] = str(pos.year)
    return "?" + urlencode(params, safe=",") if params else ""
