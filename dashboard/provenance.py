"""Source lines and caveats for a panel, read from data/datapackage.json, so every number names its source."""

from __future__ import annotations

from collections.abc import Iterable

from dashboard.catalog import CRIMES, FLAGS, INDICATORS
from dashboard.figures.sankey import sankey_data
from dashboard.panel_data import panel_frame
from dashboard.state import ViewState
from dashboard.store import Store

FRONTEX_NOTE = ("Frontex counts detections of illegal border-crossing, not persons: one person may be "
                "detected several times.")


def source_label(store: Store, source_id: str) -> str:
    """'Publisher, Title (code), updated 2025-06-03, via carrier, licence' for one source id."""
    parts = []
    for sid in source_id.split("+"):
        s = store.sources.get(sid)
        if s is None:
            parts.append(sid)
            continue
        text = ", ".join(x for x in (s.get("publisher"), s.get("title")) if x)
        date = str(s.get("release") or "")[:10]
        if date:
            text += f" (released {date})"
        licence = s.get("licence")
        if licence:
            text += f"; licence: {licence}"
        parts.append(text)
    return " + ".join(parts)


def panel_provenance(
    store: Store, source_ids: Iterable[str], indicator: str | None = None, flags: Iterable[str] = ()
) -> dict[str, list[str]]:
    """The source lines and caveats that must stand next to a panel's numbers."""
    sources = sorted({sid for sid in source_ids if sid})
    caveats: list[str] = []
    if indicator and INDICATORS[indicator].caveat:
        caveats.append(INDICATORS[indicator].caveat)
    for flag in sorted({f for f in flags if f}):
        if flag in FLAGS:
            caveats.append(f"{flag.capitalize()}: {FLAGS[flag]}")
    return {"sources": [source_label(store, sid) for sid in sources], "caveats": caveats}


def _panel_sources(store: Store, state: ViewState, panel: str) -> tuple[list[str], str | None, list[str]]:
    """The source ids, indicator (for its caveat) and flags behind what the panel draws."""
    frame = panel_frame(store, state, panel)
    source_col = "source_id" if "source_id" in frame.columns else "source"
    sources = frame[source_col].astype(str).unique().tolist() if source_col in frame.columns else []
    flags = frame["flag"].astype(str).unique().tolist() if "flag" in frame.columns else []
    indicator = state.indicator if panel == "map" or (panel == "series" and state.series == "country") else None
    if panel == "sankey" and CRIMES[state.crime].routes or panel == "series" and state.series == "route":
        sources, indicator = ["frontex"], None
    return sources, indicator, flags


def panel_notes(store: Store, state: ViewState, panel: str) -> dict[str, list[str]]:
    """Source lines and caveats for one panel of a view: the main view, embeds and exports all show these."""
    sources, indicator, flags = _panel_sources(store, state, panel)
    info = panel_provenance(store, sources, indicator, flags)
    if not info["sources"]:
        info["sources"] = ["none (nothing is drawn)"]
    extra = [FRONTEX_NOTE] if "frontex" in sources else []
    if panel == "sankey":
        note = sankey_data(store, state).note
        extra += [note] if note else []
    return {"sources": info["sources"], "caveats": [*extra, *info["caveats"]]}


def panel_publishers(store: Store, state: ViewState, panel: str) -> list[str]:
    """Just the publishers behind a panel, for a one-line source on a projected slide."""
    sources, _, _ = _panel_sources(store, state, panel)
    ids = {part for sid in sources if sid for part in sid.split("+")}
    return sorted({str(store.sources.get(i, {}).get("publisher") or i) for i in ids})
