"""Source lines and caveats for a panel, read from data/datapackage.json, so every number names its source."""

from __future__ import annotations

from collections.abc import Iterable

from dashboard.catalog import FLAGS, INDICATORS
from dashboard.store import Store


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
