"""Source lines, release dates and caveats for a panel, read from data/datapackage.json, so every number names
its source and the date its publisher released it. Captions, embeds, exports and the presenter all read these.
"""

from __future__ import annotations

from collections.abc import Iterable

import pandas as pd

from dashboard.catalog import COUNTRY_SOURCE_NOTES, INDICATORS, PARTICIPATING, flag_tokens
from dashboard.figures.notes import flag_meanings
from dashboard.i18n.locales import DEFAULT_LANG
from dashboard.i18n.messages import N_, translator
from dashboard.i18n.names import country_name
from dashboard.store import Store

FRONTEX_NOTE = N_("Frontex counts detections of illegal border-crossing, not persons: one person may be "
                  "detected several times.")
#: How many country names a caveat lists before "and N more".
MAX_NAMES = 8


def release_text(source: dict, lang: str = DEFAULT_LANG) -> str:
    """'released 2025-06-03', or the publisher's own wording ('not dated by the publisher'), with any version.
    Dates stay ISO 8601 (2025-06-03) in every language: they read the same everywhere and match the downloads."""
    t = translator(lang)
    release = str(source.get("release") or "").strip()
    if release[:4].isdigit():
        text = t("released {date}", date=release[:10])
    else:
        text = release or t("not dated by the publisher")
    version = str(source.get("version") or "").strip()
    return t("{release}, version {version}", release=text, version=version) if version else text


def _publisher(store: Store, sid: str) -> str:
    return str(store.sources.get(sid, {}).get("publisher") or sid)


def source_label(store: Store, source_id: str, lang: str = DEFAULT_LANG) -> str:
    """'Publisher, Title (released 2025-06-03); licence: …' for one source id ('a+b' for a rate: both). The
    publisher, title and licence are the publisher's own words."""
    t = translator(lang)
    parts = []
    for sid in source_id.split("+"):
        s = store.sources.get(sid)
        if s is None:
            parts.append(sid)
            continue
        text = ", ".join(x for x in (s.get("publisher"), s.get("title")) if x)
        text += f" ({release_text(s, lang)})"
        licence = s.get("licence")
        if licence:
            text += t("; licence: {licence}", licence=licence)
        parts.append(text)
    return " + ".join(parts)


def source_parts(source_ids: Iterable[object]) -> list[str]:
    """The single source ids behind rows' source cells, sorted: a row built from two sources says 'a+b'."""
    return sorted({part for sid in source_ids if isinstance(sid, str) for part in sid.split("+") if part})


def releases(store: Store, source_ids: Iterable[str], lang: str = DEFAULT_LANG) -> list[str]:
    """'Frontex (…): released 2025-06-03' per source behind what is shown, in a stable order."""
    ids = source_parts(source_ids)
    return [f"{_publisher(store, sid)}: {release_text(store.sources.get(sid, {}), lang)}" for sid in ids]


def _names(items: list[str], others: int, lang: str) -> str:
    """'Greece, Türkiye' or 'Greece and 23 other countries': the 11 by name, other countries counted."""
    t = translator(lang)
    shown = items[:MAX_NAMES]
    more = len(items) - len(shown) + others
    if not shown:
        return t.n("{n} country", "{n} countries", more)
    if not more:
        return ", ".join(shown)
    return t.n("{names} and {n} other country", "{names} and {n} other countries", more, names=", ".join(shown))


def _years(years: list[int]) -> str:
    """'2019', '2010–2022' (every year between), or '2015, 2018, 2019' (some)."""
    years = sorted(set(years))
    if len(years) == 1:
        return str(years[0])
    if years[-1] - years[0] + 1 == len(years):
        return f"{years[0]}–{years[-1]}"
    return ", ".join(map(str, years[:4])) + ("…" if len(years) > 4 else "")


def row_caveats(store: Store, frame: pd.DataFrame, lang: str = DEFAULT_LANG) -> list[str]:
    """Each row note and country note of the rows drawn, once, with the participating countries (and years) it
    applies to by name and any other countries counted."""
    if "iso3" not in frame.columns or frame.empty:
        return []
    by_year = "year" in frame.columns and frame["year"].nunique() > 1
    named: dict[str, dict[str, list[int]]] = {}
    others: dict[str, set[str]] = {}
    t = translator(lang)
    for r in frame.to_dict(orient="records"):
        texts = [str(r.get("note") or "")]  # the publisher's footnote, in the publisher's words
        texts += [t(COUNTRY_SOURCE_NOTES[(s, r["iso3"])]) for s in str(r.get("source") or "").split("+")
                  if (s, r["iso3"]) in COUNTRY_SOURCE_NOTES]
        for text in filter(None, texts):
            if r["iso3"] in PARTICIPATING:
                name = country_name(r["iso3"], lang, str(r.get("name") or r["iso3"]))
                named.setdefault(text, {}).setdefault(name, []).append(int(r["year"]))
            else:
                others.setdefault(text, set()).add(r["iso3"])
    texts = list(dict.fromkeys([*named, *others]))
    labels = {text: [f"{n} {_years(ys)}" if by_year else n for n, ys in named.get(text, {}).items()] for text in texts}
    return [f"{_names(labels[text], len(others.get(text, ())), lang)}: {text}" for text in texts]


def panel_provenance(
    store: Store, source_ids: Iterable[str], indicator: str | None = None, flags: Iterable[str] = (),
    lang: str = DEFAULT_LANG,
) -> dict[str, list[str]]:
    """The source lines and caveats that must stand next to a panel's numbers."""
    t = translator(lang)
    sources = sorted({sid for sid in source_ids if sid})
    caveats: list[str] = []
    if indicator and INDICATORS[indicator].caveat:
        caveats.append(t(INDICATORS[indicator].caveat))
    tokens = sorted({token for f in flags for token in flag_tokens(f)})
    caveats += flag_meanings(" ".join(tokens), lang)
    return {"sources": [source_label(store, sid, lang) for sid in sources], "caveats": caveats}


def row_source_ids(rows: pd.DataFrame) -> list[str]:
    """The source ids in a panel's rows (column `source_id` or `source`), in the order they first appear."""
    column = "source_id" if "source_id" in rows.columns else "source"
    return rows[column].astype(str).unique().tolist() if column in rows.columns else []
