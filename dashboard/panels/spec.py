"""The one interface every panel implements. Everything that serves a panel (the main view, embeds, exports, the
presenter, decks, the year frames and the API links) reaches it through these fields, so a new panel is one
module that fills them in, plus one line in dashboard.panels.registry.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pandas as pd
import plotly.graph_objects as go

from dashboard.store import Store
from dashboard.view.state import Domain, ViewState

#: `geojson` is the outlines' URL (browser) or the outlines themselves (image export).
Geojson = str | dict[str, Any]


@dataclass(frozen=True)
class Sources:
    """Where a panel's numbers come from: the source ids behind its rows, the indicator whose caveat applies (None
    where it shows no single indicator), and the sources and years it shows for the partial-year notes."""

    ids: list[str]
    indicator: str | None
    partial_sources: tuple[str, ...]
    partial_years: list[int]
    #: The rows whose flags and notes the caveats name, where they are not the panel's own rows (a comparison's
    #: two years, one row per country and year); None: the panel's rows.
    rows: pd.DataFrame | None = None


@dataclass(frozen=True)
class PanelSpec:
    """A panel: what it shows, how it is drawn and patched, and what travels with it."""

    #: The id URLs, component ids and deck files carry (`map`, `sankey`, `ranking`, `series`).
    id: str
    #: The heading of its card in the main view, in English and marked for the catalogues (registry.panel_label).
    heading: str
    #: The main view's slot it fills (`map`, `flows`, `series`); panels sharing a slot take turns in it.
    slot: str
    #: The rows it shows under the view's filters: the table, the CSV download, the export's CSV, the summary.
    rows: Callable[[Store, ViewState], pd.DataFrame]
    figure: Callable[[Store, ViewState, Geojson], go.Figure]
    #: The title its figure carries, e.g. 'Detected victims of trafficking, 2019' (embed titles, decks).
    title: Callable[[ViewState], str]
    #: The title as drawn, with a year a source covers only in part flagged.
    heading_for: Callable[[Store, ViewState], str]
    #: The paragraph that says in words what it shows (screen readers, captions).
    summary: Callable[[Store, ViewState], str]
    sources: Callable[[Store, ViewState, pd.DataFrame], Sources]
    #: The API resource and filters returning its published rows; None where it draws none.
    api: Callable[[ViewState], tuple[str, dict[str, str]] | None]
    #: Which drawn figures a year patch fits (the same key, the same layout); None: never patched.
    patch_key: Callable[[ViewState], str | None]
    #: The cheap year patch: 'data[0].z'-style paths and their values for this view.
    year_patch: Callable[[Store, ViewState, Geojson], dict[str, object]]
    #: What it counts and what it does not, in two sentences (English msgids) for the view: the "?" beside its
    #: title (dashboard.panels.help).
    help: Callable[[ViewState], tuple[str, ...]]
    #: Whether it fills its slot for a crime type (the Sankey where flows exist, else the ranking).
    fits: Callable[[str], bool] = lambda _crime: True
    #: Caveats of its own beyond the sources' (the Sankey's grouping note).
    notes: Callable[[Store, ViewState], list[str]] = lambda _store, _state: []
    #: What a click on it does to the view; None where a click does nothing.
    click: Callable[[ViewState, object, Domain], ViewState] | None = None
