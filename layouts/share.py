"""Present, add to deck, report pack, and each panel's export and embed menu. Declarative only: every link is
filled in from the current view by callbacks/share.py.
"""

from __future__ import annotations

import json

import dash_bootstrap_components as dbc
from dash import dcc, html

from dashboard.export.files import SIZES
from dashboard.i18n.locales import DEFAULT_LANG
from dashboard.i18n.messages import N_, translator
from dashboard.panels.registry import PANELS, panel_label
from dashboard.present.decks import BROWSER_DECK, DEFAULT_PANELS, MAX_NOTES, MAX_TAKEAWAY, MAX_TITLE
from dashboard.web.urls import path_url
from layouts.ids import Present, Share

#: The class of every export link: assets/export.js fetches them, saying "Preparing…" and waiting out a busy server.
EXPORT_LINK = "see-export"
#: Export menu entries other than the PNG sizes, whose labels are the sizes' own (dashboard.export.files.SIZES).
EXPORT_LABELS = {"svg": N_("SVG (vector, for editing)"), "csv": N_("CSV of the data, with caption")}


#: What assets/export.js says while it fetches an export, by key; it fills in the {placeholders}.
EXPORT_WORDS = {
    "preparing": N_("Preparing {what}…"),
    "retrying": N_("Preparing {what}… (try {attempt} of {tries}; the server was busy)"),
    "unreachable": N_("{what} could not be downloaded: the server did not answer. Please try again."),
    "downloaded": N_("Downloaded {name}."),
    "failed": N_("{what} could not be made: {reason}."),
    "failedStatus": N_("error {status}"),
    "tooBusy": N_("The server is too busy to make {what} now: it is making other exports. Please try again in a "
                  "few minutes."),
    "busy": N_("The server is busy making other exports. Trying again in {wait} s…"),
    "pending": N_("{what} is still being prepared."),
}


def export_words(lang: str) -> str:
    """EXPORT_WORDS in `lang`, as the JSON the page's root carries for assets/export.js."""
    t = translator(lang)
    return json.dumps({key: t(text) for key, text in EXPORT_WORDS.items()}, ensure_ascii=False)


def export_label(kind: str, lang: str) -> str:
    """An export menu entry in `lang`: 'PNG, A4 page width (2480 px, 300 dpi)'."""
    if kind.startswith("png-"):
        return f"PNG, {SIZES[kind[4:]].label_in(lang)}"
    return translator(lang)(EXPORT_LABELS[kind])


def deck_label(slides: int, lang: str) -> str:
    """The deck menu's label: "My deck (3)"."""
    t = translator(lang)
    return t("My deck ({count})", count=slides)


def view_tools(base_path: str, lang: str = DEFAULT_LANG) -> html.Div:
    """The header's tools for the whole view."""
    t = translator(lang)
    keep = f"&lang={lang}" if lang != DEFAULT_LANG else ""
    return html.Div(
        [
            dbc.Button(t("Present"), id=Share.PRESENT, href=path_url("present", base_path), external_link=True,
                       size="sm", color="light",
                       title=t("Show this view full screen on a projector (keys: ← → ↑ ↓ Space F Esc)")),
            dbc.Button(t("Add to deck"), id=Share.ADD, size="sm", color="light", outline=True,
                       title=t("Add this view as a slide to your deck")),
            dbc.DropdownMenu(
                [
                    dbc.DropdownMenuItem(t("Present my deck"), id=Share.DECK_PRESENT, external_link=True,
                                         href=path_url("present", base_path) + f"?deck={BROWSER_DECK}{keep}"),
                    dbc.DropdownMenuItem(t("Download deck (YAML)"), id=Share.DECK_DOWNLOAD),
                    dbc.DropdownMenuItem(divider=True),
                    dbc.DropdownMenuItem(t("Clear deck"), id=Share.DECK_CLEAR),
                ],
                id=Share.DECK_MENU, label=deck_label(0, lang), size="sm", color="light", align_end=True,
            ),
            dbc.Button(t("Report pack"), id=Share.REPORT_PACK, href="#", external_link=True, size="sm",
                       color="light", outline=True,
                       title=t("One zip: every panel as PNG, SVG and CSV, with captions and sources"),
                       className=EXPORT_LINK),
            dcc.Download(id=Share.DECK_FILE),
            dcc.Store(id=Present.MY_DECK, storage_type="local"),
        ],
        className="view-tools d-flex align-items-center gap-2 ms-3",
    )


def export_menu(panel: str, lang: str = DEFAULT_LANG) -> html.Div:
    """A panel's 'Export' menu (PNG sizes, SVG, CSV) and its 'Embed' button."""
    t = translator(lang)
    return html.Div(
        [
            dbc.DropdownMenu(
                [dbc.DropdownMenuItem(export_label(kind, lang), id=Share.export(panel, kind), href="#",
                                      external_link=True, className=EXPORT_LINK) for kind in Share.EXPORTS],
                label=t("Export"), size="sm", color="secondary", direction="up",
            ),
            dbc.Button(t("Embed"), id=Share.embed(panel), size="sm", color="secondary", outline=True,
                       title=t("HTML code to put this panel in another page")),
        ],
        className="d-inline-flex gap-1 ms-2",
    )


def share_modals(lang: str = DEFAULT_LANG) -> list:
    t = translator(lang)
    return [
        dbc.Modal(
            [
                dbc.ModalHeader(dbc.ModalTitle(t("Add this view to your deck"))),
                dbc.ModalBody([
                    dbc.Label(t("Slide title"), html_for=Share.ADD_TITLE),
                    dbc.Input(id=Share.ADD_TITLE, maxLength=MAX_TITLE),
                    dbc.Label(t("Takeaway (one line)"), html_for=Share.ADD_TAKEAWAY, className="mt-2"),
                    dbc.Input(id=Share.ADD_TAKEAWAY, maxLength=MAX_TAKEAWAY,
                              placeholder=t("What the audience should remember; only numbers the panels show")),
                    dbc.Label(t("Speaker notes"), html_for=Share.ADD_NOTES, className="mt-2"),
                    dbc.Textarea(id=Share.ADD_NOTES, maxLength=MAX_NOTES, rows=3),
                    dbc.Label(t("Panels on the slide"), html_for=Share.ADD_PANELS, className="mt-2"),
                    dbc.Checklist(id=Share.ADD_PANELS, inline=True, value=list(DEFAULT_PANELS),
                                  options=[{"label": panel_label(p.id, lang), "value": p.id} for p in PANELS.values()]),
                    html.Div(id=Share.ADD_STATUS, className="small mt-2", role="status"),
                ]),
                dbc.ModalFooter(dbc.Button(t("Add slide"), id=Share.ADD_CONFIRM, color="primary")),
            ],
            id=Share.ADD_MODAL, is_open=False,
        ),
        dbc.Modal(
            [
                dbc.ModalHeader(dbc.ModalTitle(t("Embed this panel"))),
                dbc.ModalBody([
                    html.P(t("Paste this into the HTML of a report or web page. It shows the panel as it is now, "
                             "with its title, source and a link back to the full view."), className="small"),
                    dbc.Textarea(id=Share.EMBED_CODE, readOnly=True, rows=4, className="font-monospace small"),
                    html.P([*t.parts("Other sites may frame it only if this server lists them in {setting}.",
                                     setting=html.Code("SEE_EMBED_ORIGINS")), " ",
                            html.A(t("Open the embed page"), id=Share.EMBED_OPEN, href="#", target="_blank",
                                   rel="noopener")], className="small mt-2 mb-0"),
                ]),
            ],
            id=Share.EMBED_MODAL, is_open=False, size="lg",
        ),
    ]
