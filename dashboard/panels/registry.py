"""The panel registry: every panel the dashboard has, and what serving any of them needs.

The main view, embeds, exports, the presenter, decks, the year frames and the API links all loop over PANELS
and call a panel through its PanelSpec (dashboard.panels.spec); nothing else dispatches on a panel's name. To
add a panel, write its module beside map.py and add it to PANELS.
"""

from __future__ import annotations

from dataclasses import replace
from functools import lru_cache

import pandas as pd
import plotly.graph_objects as go

from dashboard.figures.notes import partial_text
from dashboard.i18n.locales import DEFAULT_LANG
from dashboard.i18n.messages import translator
from dashboard.panels import flows, ranking, series
from dashboard.panels import map as map_panel
from dashboard.panels.provenance import FRONTEX_NOTE, panel_provenance, releases, row_caveats
from dashboard.panels.spec import Geojson, PanelSpec
from dashboard.store import Store
from dashboard.view.state import ViewState

#: Panel id -> panel, in the order the main view shows them (slot by slot).
PANELS: dict[str, PanelSpec] = {p.id: p for p in (map_panel.PANEL, flows.PANEL, ranking.PANEL, series.PANEL)}
#: The main view's slots, in order; the panels of one slot take turns in it.
SLOTS = tuple(dict.fromkeys(p.slot for p in PANELS.values()))
#: Views whose rows are remembered per panel and worker (LRU, by entries): a year step of one view is ~20
#: states, and each is asked for by its figure's sources, summary, table and CSV. A map's rows are ~40 rows,
#: a series' a few hundred: the cache holds a few MB at most.
ROWS_CACHE_SIZE = 256


def spec(panel: str) -> PanelSpec:
    """The panel of that id; ValueError (naming the ids there are) for any other."""
    if panel not in PANELS:
        raise ValueError(f"unknown panel {str(panel)[:30]!r}; use {', '.join(PANELS)}")
    return PANELS[panel]


def slot_panel(slot: str, crime: str) -> str:
    """The panel that fills a slot for a crime type: the first of the slot's panels that fits it."""
    return next(p.id for p in PANELS.values() if p.slot == slot and p.fits(crime))


def flows_panel(crime: str) -> str:
    """What fills the Flows slot: the Sankey where the crime type has flows, else the ranking of the 11."""
    return slot_panel(flows.PANEL.slot, crime)


def view_panels(state: ViewState) -> tuple[str, ...]:
    """The panels the main view shows for a state, in its order (the report pack holds these)."""
    return tuple(slot_panel(slot, state.crime) for slot in SLOTS)


def slot_panels(state: ViewState, panels: tuple[str, ...]) -> tuple[str, ...]:
    """The panels a deck slide asks for, with each slot filled as the main view fills it: a slide that names
    the Sankey for a crime type without flows projects the ranking, never a blank "No flow data"."""
    return tuple(slot_panel(PANELS[p].slot, state.crime) for p in panels)


@lru_cache(maxsize=ROWS_CACHE_SIZE)
def _rows(store: Store, state: ViewState, panel: str) -> pd.DataFrame:
    return spec(panel).rows(store, state)


def panel_rows(store: Store, state: ViewState, panel: str) -> pd.DataFrame:
    """Exactly the rows the panel draws under the view's filters, computed once per view and shared by its
    sources, table, CSV download and export. A shallow copy: with copy-on-write, a caller's change stays its own.

    Rows are language-neutral (English names, plain numbers: what downloads carry), so they are computed and
    cached once for every language: twelve languages do not multiply this cache."""
    return _rows(store, replace(state, lang=DEFAULT_LANG), panel).copy(deep=False)


def build_panel(store: Store, state: ViewState, panel: str, geojson: Geojson) -> go.Figure:
    """The panel's figure. `geojson` is the outlines' URL (browser) or the outlines themselves (image export)."""
    return spec(panel).figure(store, state, geojson)


def panel_label(panel: str, lang: str) -> str:
    """The heading of the panel's card ("Map", "Flows") in `lang`."""
    t = translator(lang)
    return t(spec(panel).heading)


def panel_help(state: ViewState, panel: str) -> str:
    """What the panel counts for the view and what it does not, in two sentences in the view's language."""
    t = translator(state.lang)
    return " ".join(t(sentence) for sentence in spec(panel).help(state))


def panel_title(state: ViewState, panel: str) -> str:
    """The title the panel's figure carries, e.g. 'Detected victims of trafficking, 2019'."""
    return spec(panel).title(state)


def panel_heading(store: Store, state: ViewState, panel: str) -> str:
    """The title as drawn, with a year that a source covers only in part flagged (January–April only)."""
    return spec(panel).heading_for(store, state)


def patch_key(panel: str, state: ViewState) -> str | None:
    """Which drawn figures a year patch of this panel fits; None for a panel the view does not show."""
    return spec(panel).patch_key(state) if panel in view_panels(state) else None


def partial_notes(store: Store, state: ViewState, panel: str) -> list[str]:
    """'2025 covers January–April only (Frontex)' for each year the panel shows that a source covers in part."""
    found = spec(panel).sources(store, state, panel_rows(store, state, panel))
    return [text for y in found.partial_years
            if (text := partial_text(store, found.partial_sources, y, state.lang))]


def panel_notes(store: Store, state: ViewState, panel: str) -> dict[str, list[str]]:
    """Source lines, release dates and caveats for one panel of a view: the main view, embeds and exports."""
    rows = panel_rows(store, state, panel)
    found = spec(panel).sources(store, state, rows)
    rows = rows if found.rows is None else found.rows  # a comparison's caveats name both years' rows
    flags = rows["flag"].astype(str).unique().tolist() if "flag" in rows.columns else []
    t = translator(state.lang)
    info = panel_provenance(store, found.ids, found.indicator, flags, state.lang)
    if not info["sources"]:
        info["sources"] = [t("none (nothing is drawn)")]
    extra = [t(FRONTEX_NOTE)] if "frontex" in found.ids else []
    caveats = [*extra, *spec(panel).notes(store, state), *partial_notes(store, state, panel), *info["caveats"],
               *row_caveats(store, rows, state.lang)]
    return {"sources": info["sources"], "caveats": caveats, "releases": releases(store, found.ids, state.lang)}


def panel_publishers(store: Store, state: ViewState, panel: str) -> list[str]:
    """The publishers behind a panel with their release dates, for a one-line source on a projected slide."""
    return releases(store, spec(panel).sources(store, state, panel_rows(store, state, panel)).ids, state.lang)


def panel_summary(store: Store, state: ViewState, panel: str) -> str:
    """The paragraph for one panel under the current view, with any partial year said in words."""
    return spec(panel).summary(store, state) + "".join(f" {t}." for t in partial_notes(store, state, panel))


def panel_api(state: ViewState, panel: str) -> tuple[str, dict[str, str]] | None:
    """The API resource and filters returning this panel's published rows; None where it draws none."""
    return spec(panel).api(state)
