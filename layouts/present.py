"""Presenter mode (/present) and its speaker view (/present/speaker). Declarative only.

The projected page is the slide alone: title, takeaway, up to three panels, a one-line source, the year and the
slide number. Controls appear only while the mouse moves; keys and clickers drive it (assets/present.js). The
speaker view, a second window, shows the notes and the next slide and follows the projected one.
"""

from __future__ import annotations

from dash import dcc, html

from dashboard.i18n.locales import DEFAULT_LANG
from dashboard.i18n.messages import N_, translator
from layouts.ids import Present
from layouts.panels import graph_config

#: The keys (as printed on them) and what each does; the key names stay as the keyboard labels them.
KEYS = [
    ("→  PageDown", N_("next slide")), ("←  PageUp", N_("previous slide")), ("↑", N_("later year")),
    ("↓", N_("earlier year")), ("Space", N_("play or pause the years")), ("F", N_("full screen")),
    ("S", N_("speaker view")), ("Esc", N_("leave")), ("?", N_("show or hide these keys")),
]


def _static() -> dict:
    return {**graph_config(), "displayModeBar": False}


def _stores(url_id: str, deck_data: dict, pos_data: dict) -> list:
    return [
        dcc.Location(id=url_id, refresh=False),
        dcc.Store(id=Present.DECK, data=deck_data),
        dcc.Store(id=Present.POS, data=pos_data),
        dcc.Store(id=Present.ACTION),
        dcc.Store(id=Present.ACK),
        dcc.Store(id=Present.SYNC),
        dcc.Store(id=Present.MY_DECK, storage_type="local"),
    ]


def _root_data(role: str, channel: str) -> dict[str, str]:
    """What assets/present.js needs to know, as data attributes: ids are never retyped in JS."""
    return {"data-present-role": role, "data-channel": channel, "data-action-id": Present.ACTION,
            "data-pos-id": Present.POS}


def _button(label: str, action: str, title: str) -> html.Button:
    return html.Button(label, title=title, className="present-button", **{"data-present-action": action})


def help_overlay(lang: str = DEFAULT_LANG) -> html.Div:
    t = translator(lang)
    return html.Div(
        [html.H2(t("Keys"), className="present-help-title"),
         html.Dl([part for key, what in KEYS for part in (html.Dt(key), html.Dd(t(what)))])],
        className="present-help", role="dialog", **{"aria-label": t("Presenter keys")},
    )


def _year_buttons(t) -> list:  # noqa: ANN001 - a Translator
    """The year and play buttons both windows have."""
    return [_button(t("▼ year"), "earlier", t("Earlier year (↓)")), _button(t("▲ year"), "later", t("Later year (↑)")),
            _button(t("Play / pause"), "play", t("Play or pause the years (Space)"))]


def present_layout(values: dict, deck_data: dict, pos_data: dict, channel: str, notices: list[str],
                   lang: str = DEFAULT_LANG) -> html.Div:
    """The projected page; `values` are the first paint (callbacks.present.Slides.projector)."""
    t = translator(lang)
    slots = [
        html.Div(dcc.Graph(id=Present.graph(i), figure=values["figures"][i], config=_static(), responsive=True,
                           className="present-graph"), id=Present.slot(i), className=values["slots"][i])
        for i in range(Present.SLOTS)
    ]
    return html.Div(
        [
            *_stores(Present.URL, deck_data, pos_data),
            html.Div([html.P(n) for n in notices], className="present-notices", role="status"),
            html.Header(
                [html.H1(values["title"], id=Present.TITLE, className="present-title"),
                 html.P(values["takeaway"], id=Present.TAKEAWAY, className="present-takeaway")],
                className="present-head",
            ),
            html.Main(slots, id=Present.PANELS, className=values["grid"]),
            html.Footer(
                [html.Div(values["source"], id=Present.SOURCE, className="present-source"),
                 html.Output(values["year"], id=Present.YEAR, className="present-year", **{"aria-live": "polite"}),
                 html.Div(values["counter"], id=Present.COUNTER, className="present-counter")],
                className="present-foot",
            ),
            html.Nav(
                [
                    _button("◀", "prev", t("Previous slide (←)")), _button("▶", "next", t("Next slide (→)")),
                    *_year_buttons(t),
                    _button(t("Full screen"), "fullscreen", t("Full screen (F)")),
                    _button(t("Speaker view"), "speaker", t("Open the speaker view in a new window (S)")),
                    _button(t("? Keys"), "help", t("Show the keys (?)")),
                    html.A(t("Leave (Esc)"), id=Present.EXIT, href=values["exit"], className="present-button",
                           **{"data-present-exit": "1"}),
                ],
                className="present-controls", **{"aria-label": t("Presenter controls")},
            ),
            help_overlay(lang),
        ],
        className="present-page",
        **_root_data("projector", channel), **{"data-lang": lang},
    )


def speaker_layout(values: dict, deck_data: dict, pos_data: dict, channel: str, lang: str = DEFAULT_LANG) -> html.Div:
    """The speaker's window: this slide's notes, the next slide, and the same keys."""
    t = translator(lang)
    return html.Div(
        [
            *_stores(Present.SPEAKER_URL, deck_data, pos_data),
            html.Header(
                [html.Div(values["counter"], id=Present.SPEAKER_COUNTER, className="speaker-counter"),
                 html.Output(values["year"], id=Present.SPEAKER_YEAR, className="speaker-year"),
                 html.Div(className="speaker-clock", **{"data-present-clock": "1"})],
                className="speaker-head",
            ),
            html.Div(
                [
                    html.Section(
                        [html.H2(t("Now"), className="speaker-label"),
                         html.H1(values["title"], id=Present.SPEAKER_TITLE, className="speaker-title"),
                         html.P(values["takeaway"], id=Present.SPEAKER_TAKEAWAY, className="speaker-takeaway"),
                         html.Div(values["notes"], id=Present.NOTES, className="speaker-notes"),
                         html.Div(values["warnings"], id=Present.WARNINGS, className="speaker-warnings")],
                        className="speaker-now",
                    ),
                    html.Section(
                        [html.H2(t("Next"), className="speaker-label"),
                         html.H3(values["next_title"], id=Present.NEXT_TITLE, className="speaker-next-title"),
                         html.P(values["next_takeaway"], id=Present.NEXT_TAKEAWAY, className="speaker-next-takeaway"),
                         dcc.Graph(id=Present.NEXT_GRAPH, figure=values["next_figure"], config=_static(),
                                   responsive=True, className="speaker-next-graph")],
                        className="speaker-next",
                    ),
                ],
                className="speaker-body",
            ),
            html.Nav(
                [_button(t("◀ Previous"), "prev", t("Previous slide (←)")),
                 _button(t("Next ▶"), "next", t("Next slide (→)")), *_year_buttons(t)],
                className="speaker-controls",
            ),
        ],
        className="present-speaker",
        **_root_data("speaker", channel), **{"data-lang": lang},
    )
