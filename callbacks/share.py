"""The main view's Present / Add to deck / Report pack tools and each panel's Export and Embed menu.

Every link is built from the current ViewState by the one URL builder, so an export, an embed or a projected
slide shows exactly the view on screen. The user's deck lives in the browser (local storage) and is checked by
dashboard.present.decks whenever it changes hands.
"""

from __future__ import annotations

from html import escape
from urllib.parse import urljoin

import flask
from dash import Dash, Input, Output, State, ctx, no_update

from dashboard.i18n.messages import translator
from dashboard.panels.registry import PANELS, panel_title
from dashboard.present.decks import DEFAULT_PANELS, DeckError, deck_from_data, dump_deck
from dashboard.view.state import Domain, state_from_store_data, to_params
from dashboard.web.reader import page_language, reader_language
from dashboard.web.urls import embed_url
from layouts.ids import Ids, Present, Share
from layouts.share import deck_label

MY_DECK_TITLE = "My deck"


def iframe_code(src: str, title: str) -> str:
    """The HTML a report pastes to show a panel: responsive width, a fixed height, a title for screen readers."""
    return (f'<iframe src="{escape(src)}" title="{escape(title)} (SEE Route Monitor)" width="100%" height="520" '
            f'style="border:0;max-width:100%" loading="lazy"></iframe>')


def add_slide(deck_data: object, view: dict[str, str], title: str, takeaway: str, notes: str,
              panels: list[str], domain: Domain) -> dict:
    """The browser's deck with one more slide; DeckError (naming the field) if the result would not load."""
    slides = list(deck_data.get("slides", [])) if isinstance(deck_data, dict) else []
    slide = {"title": title, "view": "&".join(f"{k}={v}" for k, v in view.items()), "panels": panels,
             "takeaway": takeaway, "notes": notes}
    data = {"title": MY_DECK_TITLE, "slides": [*slides, slide]}
    deck_from_data(data, domain, "my deck")  # raises with the reason if anything is off
    return data


def register(app: Dash, domain: Domain, base_path: str) -> None:
    @app.callback(Output(Share.EMBED_MODAL, "is_open"), Output(Share.EMBED_CODE, "value"),
                  Output(Share.EMBED_OPEN, "href"),
                  *[Input(Share.embed(p), "n_clicks") for p in PANELS], State(Ids.VIEW, "data"),
                  prevent_initial_call=True)
    def embed(*args):  # noqa: ANN002, ANN202
        state = state_from_store_data(args[-1], domain)
        panel = next((p for p in PANELS if ctx.triggered_id == Share.embed(p)), None)
        if state is None or panel is None:
            return no_update, no_update, no_update
        path = embed_url(state, domain, panel, base_path)
        return True, iframe_code(urljoin(flask.request.host_url, path), panel_title(state, panel)), path

    @app.callback(Output(Share.ADD_MODAL, "is_open"), Output(Share.ADD_TITLE, "value"),
                  Output(Share.ADD_TAKEAWAY, "value"), Output(Share.ADD_NOTES, "value"),
                  Output(Share.ADD_PANELS, "value"), Output(Share.ADD_STATUS, "children"),
                  Input(Share.ADD, "n_clicks"), State(Ids.VIEW, "data"), prevent_initial_call=True)
    def open_add(_clicks, data):  # noqa: ANN001, ANN202
        state = state_from_store_data(data, domain)
        if state is None:
            return no_update, no_update, no_update, no_update, no_update, no_update
        return True, panel_title(state, "map"), "", "", list(DEFAULT_PANELS), ""

    @app.callback(Output(Present.MY_DECK, "data"), Output(Share.ADD_MODAL, "is_open", allow_duplicate=True),
                  Output(Share.ADD_STATUS, "children", allow_duplicate=True),
                  Input(Share.ADD_CONFIRM, "n_clicks"), State(Ids.VIEW, "data"), State(Share.ADD_TITLE, "value"),
                  State(Share.ADD_TAKEAWAY, "value"), State(Share.ADD_NOTES, "value"),
                  State(Share.ADD_PANELS, "value"), State(Present.MY_DECK, "data"), prevent_initial_call=True)
    def confirm_add(_clicks, data, title, takeaway, notes, panels, deck):  # noqa: ANN001, ANN202, PLR0913
        state = state_from_store_data(data, domain)
        if state is None:
            t = translator(reader_language())
            return no_update, no_update, t("No view to add.")
        texts = [t if isinstance(t, str) else "" for t in (title, takeaway, notes)]
        chosen = [p for p in PANELS if isinstance(panels, list) and p in panels]
        try:
            new = add_slide(deck, to_params(state, domain), *texts, chosen, domain)
        except DeckError as exc:
            return no_update, True, str(exc).split(": ", 1)[-1].capitalize() + "."
        return new, False, ""

    _register_deck_menu(app, domain)


def _register_deck_menu(app: Dash, domain: Domain) -> None:
    """The "My deck" menu: its count, Clear and Download."""

    @app.callback(Output(Present.MY_DECK, "data", allow_duplicate=True), Input(Share.DECK_CLEAR, "n_clicks"),
                  prevent_initial_call=True)
    def clear(_clicks):  # noqa: ANN001, ANN202
        return None

    @app.callback(Output(Share.DECK_MENU, "label"), Input(Present.MY_DECK, "data"), State(Ids.URL, "search"))
    def count(deck, search):  # noqa: ANN001, ANN202
        """The deck menu's label, in the page's language (its URL's, or the reader's before the URL says)."""
        slides = deck.get("slides") if isinstance(deck, dict) else None
        lang = page_language(search if isinstance(search, str) else "")
        return deck_label(len(slides) if isinstance(slides, list) else 0, lang)

    @app.callback(Output(Share.DECK_FILE, "data"), Input(Share.DECK_DOWNLOAD, "n_clicks"),
                  State(Present.MY_DECK, "data"), prevent_initial_call=True)
    def download(_clicks, deck):  # noqa: ANN001, ANN202
        try:
            checked = deck_from_data(deck, domain, "my deck")
        except DeckError:
            return no_update
        return {"content": dump_deck(checked, domain), "filename": "my-deck.yaml", "type": "application/yaml"}
