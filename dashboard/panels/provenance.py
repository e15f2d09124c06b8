"""Source lines, release dates and caveats for a panel, read from data/datapackage.json, so every number names
its source and the date its publisher released it. Captions, embeds, exports and the presenter all read these.
"""

from __future__ import annotations

from collections.abc import Iterable

import pandas as pd

from dashboard.catalog import COUNTRY_SOURCE_NOTES, INDICATORS, PARTICIPATING, flag_tokens
from dashboard.figures.notes import flag_meanings
from dashboard.store import Store

FRONTEX_NOTE = ("Frontex counts detections of illegal border-crossing, not persons: one person may be "
                "detected several times.")
#: How many country names a caveat lists before "and N more".
MAX_NAMES = 8


def release_text(source: dict) -> str:
    """'released 2025-06-03', or the publisher's own wording ('not dated by the publisher'), with any version."""
    release = str(source.get("release") or "").strip()
    text = f"released {release[:10]}" if release[:4].isdigit() else release or "not dated by the publisher"
    version = str(source.get("version") or "").strip()
    return f"{text}, version {version}" if version else text


def _publisher(store: Store, sid: str) -> str:
    return str(store.sources.get(sid, {}).get("publisher") or sid)


def source_label(store: Store, source_id: str) -> str:
    """'Publisher, Title (released 2025-06-03); licence: …' for one source id ('a+b' for a rate: both)."""
    parts = []
    for sid in source_id.split("+"):
        s = store.sources.get(sid)
        if s is None:
            parts.append(sid)
            continue
        text = ", ".join(x for x in (s.get("publisher"), s.get("title")) if x)
        text += f" ({release_text(s)})"
        licence = s.get("licence")
        if licence:
            text += f"; licence: {licence}"
        parts.append(text)
    return " + ".join(parts)


def releases(store: Store, source_ids: Iterable[str]) -> list[str]:
    """'Frontex (…): released 2025-06-03' per source behind what is shown, in a stable order."""
    ids = sorted({part for sid in source_ids if sid for part in str(sid).split("+") if part})
    return [f"{_publisher(store, sid)}: {release_text(store.sources.get(sid, {}))}" for sid in ids]


def _names(items: list[str], others: int) -> str:
    """'Greece, Türkiye' or 'Greece and 23 other countries': the 11 by name, other countries counted."""
    shown = items[:MAX_NAMES]
    more = len(items) - len(shown) + others
    if not shown:
        return f"{more} countries"
    return ", ".join(shown) + (f" and {more} other {'country' if more == 1 else 'countries'}" if more else "")


def _years(years: list[int]) -> str:
    """'2019', '2010–2022' (every year between), or '2015, 2018, 2019' (some)."""
    years = sorted(set(years))
    if len(years) == 1:
        return str(years[0])
    if years[-1] - years[0] + 1 == len(years):
        return f"{years[0]}–{years[-1]}"
    return ", ".join(map(str, years[:4])) + ("…" if len(years) > 4 else "")


def row_caveats(store: Store, frame: pd.DataFrame) -> list[str]:
    """Each row note and country note of the rows drawn, once, with the participating countries (and years) it
    applies to by name and any other countries counted."""
    if "iso3" not in frame.columns or frame.empty:
        return []
    by_year = "year" in frame.columns and frame["year"].nunique() > 1
    named: dict[str, dict[str, list[int]]] = {}
    others: dict[str, set[str]] = {}
    for r in frame.to_dict(orient="records"):
        texts = [str(r.get("note") or "")]
        texts += [COUNTRY_SOURCE_NOTES.get((s, r["iso3"]), "") for s in str(r.get("source") or "").split("+")]
        for text in filter(None, texts):
            if r["iso3"] in PARTICIPATING:
                named.setdefault(text, {}).setdefault(str(r.get("name") or r["iso3"]), []).append(int(r["year"]))
            else:
                others.setdefault(text, set()).add(r["iso3"])
    texts = list(dict.fromkeys([*named, *others]))
    labels = {text: [f"{n} {_years(ys)}" if by_year else n for n, ys in named.get(text, {}).items()] for text in texts}
    return [f"{_names(labels[text], len(others.get(text, ())))}: {text}" for text in texts]


def panel_provenance(
    store: Store, source_ids: Iterable[str], indicator: str | None = None, flags: Iterable[str] = ()
) -> dict[str, list[str]]:
    """The source lines and caveats that must stand next to a panel's numbers."""
    sources = sorted({sid for sid in source_ids if sid})
    caveats: list[str] = []
    if indicator and INDICATORS[indicator].caveat:
        caveats.append(INDICATORS[indicator].caveat)
    tokens = sorted({t for f in flags for t in flag_tokens(f)})
    caveats += flag_meanings(" ".join(tokens))
    return {"sources": [source_label(store, sid) for sid in sources], "caveats": caveats}


def row_source_ids(rows: pd.DataFrame) -> list[str]:
    """The source ids in a panel's rows (column `source_id` or `source`), in the order they first appear."""
    column = "source_id" if "source_id" in rows.columns else "source"
    return rows[column].astype(str).unique().tolist() if column in rows.columns else []
