"""Presenter mode: the page functions for /present and /present/speaker, and the callbacks that move through a deck.

Keys, clicker and buttons arrive as an action (assets/present.js) -> dashboard.present.navigation.navigate -> a new
position -> the slide is drawn. A position that another window sends over the BroadcastChannel is drawn the same
way, so the projected window and the speaker view stay on the same slide and year.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from dash import ClientsideFunction, Dash, Input, Output, State, no_update

from dashboard.figures.theme import projector
from dashboard.i18n.locales import DEFAULT_LANG, find
from dashboard.i18n.messages import translator
from dashboard.panels.registry import build_panel, panel_publishers, slot_panels
from dashboard.present.decks import (
    BROWSER_DECK,
    Deck,
    DeckError,
    check_claims,
    deck_from_data,
    deck_to_data,
    unclaimed_numbers,
)
from dashboard.present.navigation import (
    ACTIONS,
    Position,
    cannot_show,
    clamp,
    counter,
    navigate,
    not_checked,
    open_presentation,
    position_from,
    present_search,
    slide_view,
    source_line,
    words,
)
from dashboard.store import Store
from dashboard.view.state import Domain
from dashboard.web.reader import reader_language
from dashboard.web.urls import page_url
from layouts.ids import Present
from layouts.present import present_layout, speaker_layout

EMPTY_FIGURE: dict = {"data": [], "layout": {"xaxis": {"visible": False}, "yaxis": {"visible": False}}}


def deck_payload(deck: Deck | None, name: str, domain: Domain, error: str = "", lang: str = DEFAULT_LANG) -> dict:
    """The deck as the page keeps it in the browser (a dcc.Store), with the presentation's language; read back
    through `deck_from_payload` and `payload_lang`."""
    return {"name": name, "deck": deck_to_data(deck, domain) if deck else None, "error": error, "lang": lang}


def payload_lang(data: object) -> str:
    """The presentation's language from the browser's copy (untrusted): one of ours, else English."""
    lang = data.get("lang") if isinstance(data, dict) else None
    return (find(lang[:40]) if isinstance(lang, str) else None) or DEFAULT_LANG


def deck_from_payload(data: object, domain: Domain) -> tuple[Deck | None, str, str]:
    """(deck, name, message) from the browser's copy, checked again: the payload is untrusted. The message is in
    the presentation's language."""
    said = words(payload_lang(data))
    if not isinstance(data, dict):
        return None, "", said["no_deck"]
    name = data.get("name") if isinstance(data.get("name"), str) else ""
    if data.get("deck") is None:
        error = data.get("error")
        return None, name, error if isinstance(error, str) and error else said["loading"]
    try:
        return deck_from_data(data["deck"], domain, name or "view"), name, ""
    except DeckError as exc:
        return None, name, cannot_show(str(exc), payload_lang(data))


def _sender(action: dict) -> str:
    sender = action.get("from")
    return sender[:40] if isinstance(sender, str) else ""


class Slides:
    """What a slide looks like on the projector and in the speaker view, from (deck, position)."""

    def __init__(self, store: Store, domain: Domain, geojson_url: str, base_path: str) -> None:
        self.store, self.domain, self.geojson_url, self.base_path = store, domain, geojson_url, base_path

    def projector(self, deck: Deck | None, name: str, pos: Position, message: str = "",
                  lang: str = DEFAULT_LANG) -> dict:
        if deck is None:
            return {"title": message, "takeaway": "", "figures": [EMPTY_FIGURE] * Present.SLOTS,
                    "slots": ["present-slot d-none"] * Present.SLOTS, "grid": "present-panels n-0", "source": "",
                    "year": "", "counter": "", "exit": self.base_path, "search": no_update}
        slide, state = deck.slides[pos.slide], slide_view(deck, pos, lang)
        panels = slot_panels(state, slide.panels)
        # A 1920 px slide shares its width among its panels (assets/present.css), less each one's axis and margins.
        figures = [projector(build_panel(self.store, state, p, self.geojson_url), 1700 / len(panels) - 80)
                   for p in panels]
        releases = sorted({p for panel in panels for p in panel_publishers(self.store, state, panel)})
        lo, hi = state.years
        return {
            "title": slide.title_in(lang),
            "takeaway": slide.takeaway_in(lang),
            "figures": figures + [EMPTY_FIGURE] * (Present.SLOTS - len(figures)),
            "slots": [f"present-slot slot-{panels[i]}" if i < len(figures) else "present-slot d-none"
                      for i in range(Present.SLOTS)],
            "grid": f"present-panels n-{len(figures)}",
            "source": source_line(releases, lang),
            "year": str(lo) if lo == hi else f"{lo}–{hi}",
            "counter": f"{pos.slide + 1} / {len(deck.slides)}" if len(deck.slides) > 1 else "",
            "exit": page_url(state, self.domain, self.base_path),
            "search": present_search(deck, name, pos, self.domain, lang),
        }

    def speaker(self, deck: Deck | None, name: str, pos: Position, message: str = "",
                lang: str = DEFAULT_LANG) -> dict:
        if deck is None:
            return {"title": message, "takeaway": "", "notes": "", "warnings": "", "next_title": "",
                    "next_takeaway": "", "next_figure": EMPTY_FIGURE, "counter": "", "year": "", "search": no_update}
        slide, state = deck.slides[pos.slide], slide_view(deck, pos, lang)
        nxt = deck.slides[pos.slide + 1] if pos.slide + 1 < len(deck.slides) else None
        nxt_state = slide_view(deck, Position(pos.slide + 1), lang) if nxt else None
        here = f"slide {pos.slide + 1} ("
        # The deck checker's findings stay in English, as the deck's author wrote the claims.
        warnings = [f"⚠ {p}" for p in check_claims(self.store, deck) if p.startswith(here)]
        unchecked = unclaimed_numbers(slide)
        if unchecked:
            warnings.append(not_checked(unchecked, lang))
        said = words(lang)
        lo, hi = state.years
        return {
            "title": slide.title_in(lang),
            "takeaway": slide.takeaway_in(lang),
            "notes": slide.notes or said["no_notes"],
            "warnings": "\n".join(warnings),
            "next_title": nxt.title_in(lang) if nxt else said["end"],
            "next_takeaway": nxt.takeaway_in(lang) if nxt else "",
            "next_figure": build_panel(self.store, nxt_state, slot_panels(nxt_state, nxt.panels)[0], self.geojson_url)
            if nxt
            else EMPTY_FIGURE,
            "counter": counter(deck, pos, lang),
            "year": str(lo) if lo == hi else f"{lo}–{hi}",
            "search": present_search(deck, name, pos, self.domain, lang),
        }


def present_pages(slides: Slides, decks_dir: Path) -> dict[str, Callable[[str], object]]:
    """Path -> page function for /present and /present/speaker."""

    def opened(search: str) -> tuple[Deck | None, str, Position, list[str], dict, str, str]:
        got = open_presentation(search, slides.domain, decks_dir, reader_language())
        payload = deck_payload(got.deck, got.deck_name, slides.domain, lang=got.lang)
        channel = f"see-present:{got.deck_name or 'view'}"
        return got.deck, got.deck_name, got.pos, got.notices, payload, channel, got.lang

    def projected(search: str) -> object:
        deck, name, pos, notices, payload, channel, lang = opened(search)
        values = slides.projector(deck, name, pos, words(lang)["loading"], lang)
        return present_layout(values, payload, pos.to_data(), channel, notices, lang)

    def speaker(search: str) -> object:
        deck, name, pos, _notices, payload, channel, lang = opened(search)
        values = slides.speaker(deck, name, pos, words(lang)["loading"], lang)
        return speaker_layout(values, payload, pos.to_data(), channel, lang)

    return {"/present": projected, "/present/speaker": speaker}


def register(app: Dash, slides: Slides) -> None:
    """The presenter's callbacks: what moves the deck, what draws the slide, and what keeps windows in step."""
    _register_moves(app, slides.domain)
    _register_drawing(app, slides)
    _register_window_sync(app)


def _register_moves(app: Dash, domain: Domain) -> None:
    """The callbacks that change where the deck is (a key, clicker or button) or which deck is shown (the
    browser's own deck, kept in its local storage)."""

    @app.callback(Output(Present.POS, "data"), Output(Present.ACK, "data"), Input(Present.ACTION, "data"),
                  State(Present.POS, "data"), State(Present.DECK, "data"), prevent_initial_call=True)
    def act(action, pos_data, deck_data):  # noqa: ANN001, ANN202
        """One action -> the next position. The ack lets present.js send the next key only after this one,
        since Dash drops the answer to a request overtaken by a newer one (a fast clicker would lose steps)."""
        if not isinstance(action, dict):
            return no_update, no_update
        ack = action.get("seq") if isinstance(action.get("seq"), int) else None
        deck, _name, _message = deck_from_payload(deck_data, domain)
        if deck is None or action.get("action") not in ACTIONS:
            return no_update, ack
        before = position_from(pos_data)
        after = navigate(deck, before, action["action"], domain)
        return (no_update if after == before else {**after.to_data(), "from": _sender(action)}), ack

    @app.callback(Output(Present.DECK, "data"), Input(Present.MY_DECK, "data"), State(Present.DECK, "data"))
    def load_browser_deck(mine, current):  # noqa: ANN001, ANN202
        if not isinstance(current, dict) or current.get("name") != BROWSER_DECK:
            return no_update
        lang = payload_lang(current)
        if not mine:
            return deck_payload(None, BROWSER_DECK, domain, words(lang)["empty_deck"], lang)
        t = translator(lang)
        try:
            deck = deck_from_data(mine, domain, "my deck")
        except DeckError as exc:
            return deck_payload(None, BROWSER_DECK, domain, t("Your deck cannot be shown: {error}.", error=str(exc)),
                                lang)
        return deck_payload(deck, BROWSER_DECK, domain, lang=lang)


def _register_drawing(app: Dash, slides: Slides) -> None:
    """The callbacks that draw the slide at the current position: on the projector and in the speaker view."""
    domain = slides.domain

    def current(pos_data: object, deck_data: object) -> tuple[Deck | None, str, Position, str, str]:
        deck, name, message = deck_from_payload(deck_data, domain)
        pos = position_from(pos_data)
        return deck, name, clamp(deck, pos, domain) if deck is not None else pos, message, payload_lang(deck_data)

    projector_keys = ("title", "takeaway", "grid", "source", "year", "counter", "exit", "search")

    @app.callback(
        Output(Present.TITLE, "children"), Output(Present.TAKEAWAY, "children"), Output(Present.PANELS, "className"),
        Output(Present.SOURCE, "children"), Output(Present.YEAR, "children"), Output(Present.COUNTER, "children"),
        Output(Present.EXIT, "href"), Output(Present.URL, "search"),
        *[Output(Present.graph(i), "figure") for i in range(Present.SLOTS)],
        *[Output(Present.slot(i), "className") for i in range(Present.SLOTS)],
        Input(Present.POS, "data"), Input(Present.DECK, "data"), prevent_initial_call=True,
    )
    def draw_projector(pos_data, deck_data):  # noqa: ANN001, ANN202
        values = slides.projector(*current(pos_data, deck_data))
        return (*[values[k] for k in projector_keys], *values["figures"], *values["slots"])

    speaker_keys = ("title", "takeaway", "notes", "warnings", "next_title", "next_takeaway", "next_figure",
                    "counter", "year", "search")

    @app.callback(
        Output(Present.SPEAKER_TITLE, "children"), Output(Present.SPEAKER_TAKEAWAY, "children"),
        Output(Present.NOTES, "children"), Output(Present.WARNINGS, "children"),
        Output(Present.NEXT_TITLE, "children"), Output(Present.NEXT_TAKEAWAY, "children"),
        Output(Present.NEXT_GRAPH, "figure"), Output(Present.SPEAKER_COUNTER, "children"),
        Output(Present.SPEAKER_YEAR, "children"), Output(Present.SPEAKER_URL, "search"),
        Input(Present.POS, "data"), Input(Present.DECK, "data"), prevent_initial_call=True,
    )
    def draw_speaker(pos_data, deck_data):  # noqa: ANN001, ANN202
        values = slides.speaker(*current(pos_data, deck_data))
        return tuple(values[k] for k in speaker_keys)


def _register_window_sync(app: Dash) -> None:
    """Browser-side only (assets/present.js): a position made in this window goes out over the BroadcastChannel
    to the deck's other windows and starts or stops the play clock; an ack lets the next waiting action go."""
    app.clientside_callback(ClientsideFunction("present", "sync"), Output(Present.SYNC, "data"),
                            Input(Present.POS, "data"))
    app.clientside_callback(ClientsideFunction("present", "ack"), Output(Present.SYNC, "data", allow_duplicate=True),
                            Input(Present.ACK, "data"), prevent_initial_call=True)
