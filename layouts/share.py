"""Present, add to deck, report pack, and each panel's export and embed menu. Declarative only: every link is
filled in from the current view by callbacks/share.py.
"""

from __future__ import annotations

import dash_bootstrap_components as dbc
from dash import dcc, html

from dashboard.export.files import SIZES
from dashboard.panels.registry import PANELS
from dashboard.present.decks import BROWSER_DECK, DEFAULT_PANELS, MAX_NOTES, MAX_TAKEAWAY, MAX_TITLE
from dashboard.web.urls import path_url
from layouts.ids import Present, Share

#: The class of every export link: assets/export.js fetches them, saying "Preparing…" and waiting out a busy server.
EXPORT_LINK = "see-export"
EXPORT_LABELS = {
    "png-a4": f"PNG, {SIZES['a4'].label}",
    "png-column": f"PNG, {SIZES['column'].label}",
    "png-slide": f"PNG, {SIZES['slide'].label}",
    "svg": "SVG (vector, for editing)",
    "csv": "CSV of the data, with caption",
}


def view_tools(base_path: str) -> html.Div:
    """The header's tools for the whole view."""
    return html.Div(
        [
            dbc.Button("Present", id=Share.PRESENT, href=path_url("present", base_path), external_link=True, size="sm",
                       color="light", title="Show this view full screen on a projector (keys: ← → ↑ ↓ Space F Esc)"),
            dbc.Button("Add to deck", id=Share.ADD, size="sm", color="light", outline=True,
                       title="Add this view as a slide to your deck"),
            dbc.DropdownMenu(
                [
                    dbc.DropdownMenuItem("Present my deck", id=Share.DECK_PRESENT, external_link=True,
                                         href=path_url("present", base_path) + f"?deck={BROWSER_DECK}"),
                    dbc.DropdownMenuItem("Download deck (YAML)", id=Share.DECK_DOWNLOAD),
                    dbc.DropdownMenuItem(divider=True),
                    dbc.DropdownMenuItem("Clear deck", id=Share.DECK_CLEAR),
                ],
                id=Share.DECK_MENU, label="My deck (0)", size="sm", color="light", align_end=True,
            ),
            dbc.Button("Report pack", id=Share.REPORT_PACK, href="#", external_link=True, size="sm", color="light",
                       outline=True, title="One zip: every panel as PNG, SVG and CSV, with captions and sources",
                       className=EXPORT_LINK),
            dcc.Download(id=Share.DECK_FILE),
            dcc.Store(id=Present.MY_DECK, storage_type="local"),
        ],
        className="view-tools d-flex align-items-center gap-2 ms-3",
    )


def export_menu(panel: str) -> html.Div:
    """A panel's 'Export' menu (PNG sizes, SVG, CSV) and its 'Embed' button."""
    return html.Div(
        [
            dbc.DropdownMenu(
                [dbc.DropdownMenuItem(EXPORT_LABELS[kind], id=Share.export(panel, kind), href="#",
                                      external_link=True, className=EXPORT_LINK) for kind in Share.EXPORTS],
                label="Export", size="sm", color="secondary", direction="up",
            ),
            dbc.Button("Embed", id=Share.embed(panel), size="sm", color="secondary", outline=True,
                       title="HTML code to put this panel in another page"),
        ],
        className="d-inline-flex gap-1 ms-2",
    )


def share_modals() -> list:
    return [
        dbc.Modal(
            [
                dbc.ModalHeader(dbc.ModalTitle("Add this view to your deck")),
                dbc.ModalBody([
                    dbc.Label("Slide title", html_for=Share.ADD_TITLE),
                    dbc.Input(id=Share.ADD_TITLE, maxLength=MAX_TITLE),
                    dbc.Label("Takeaway (one line)", html_for=Share.ADD_TAKEAWAY, className="mt-2"),
                    dbc.Input(id=Share.ADD_TAKEAWAY, maxLength=MAX_TAKEAWAY,
                              placeholder="What the audience should remember; only numbers the panels show"),
                    dbc.Label("Speaker notes", html_for=Share.ADD_NOTES, className="mt-2"),
                    dbc.Textarea(id=Share.ADD_NOTES, maxLength=MAX_NOTES, rows=3),
                    dbc.Label("Panels on the slide", html_for=Share.ADD_PANELS, className="mt-2"),
                    dbc.Checklist(id=Share.ADD_PANELS, inline=True, value=list(DEFAULT_PANELS),
                                  options=[{"label": p.heading, "value": p.id} for p in PANELS.values()]),
                    html.Div(id=Share.ADD_STATUS, className="small mt-2", role="status"),
                ]),
                dbc.ModalFooter(dbc.Button("Add slide", id=Share.ADD_CONFIRM, color="primary")),
            ],
            id=Share.ADD_MODAL, is_open=False,
        ),
        dbc.Modal(
            [
                dbc.ModalHeader(dbc.ModalTitle("Embed this panel")),
                dbc.ModalBody([
                    html.P("Paste this into the HTML of a report or web page. It shows the panel as it is now, "
                           "with its title, source and a link back to the full view.", className="small"),
                    dbc.Textarea(id=Share.EMBED_CODE, readOnly=True, rows=4, className="font-monospace small"),
                    html.P(["Other sites may frame it only if this server lists them in ",
                            html.Code("SEE_EMBED_ORIGINS"), ". ",
                            html.A("Open the embed page", id=Share.EMBED_OPEN, href="#", target="_blank",
                                   rel="noopener")], className="small mt-2 mb-0"),
                ]),
            ],
            id=Share.EMBED_MODAL, is_open=False, size="lg",
        ),
    ]
