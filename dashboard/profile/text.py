"""The words a profile puts beside its numbers, in the reader's language: the latest value with its flags, the
change from the year before (or why there is none), the rank among the 11 with ties and the unranked named, and
each indicator's sources and caveats.

Values are written by the app's one formatter (figures.theme.row_value / format_value), flags and notes by
figures.notes and panels.provenance, so a profile says "fewer than 5 (suppressed)" or "5 or fewer" exactly where
the map and the tables do.
"""

from __future__ import annotations

import pandas as pd

from dashboard.catalog import INDICATORS
from dashboard.figures.notes import flag_meanings, partial_text
from dashboard.figures.theme import format_value, row_value
from dashboard.i18n.lists import and_list
from dashboard.i18n.messages import translator
from dashboard.i18n.names import country_name
from dashboard.i18n.numbers import percent
from dashboard.panels.provenance import panel_provenance, row_caveats
from dashboard.profile.rows import NO_CHANGE, RATE_UNITS, records_of_11
from dashboard.store import Store


def name_of(store: Store, iso3: str, lang: str) -> str:
    """A country's name in `lang` (CLDR's, with the project's overrides; English: the data's own)."""
    return country_name(iso3, lang, store.name(iso3))


def _signed(value: float, lang: str) -> str:
    """'+60', '−1' as the value formatter writes the number, with its sign (two decimals where it has any)."""
    text = format_value(abs(value), "", not float(value).is_integer(), lang=lang)
    return ("+" if value > 0 else "-" if value < 0 else "±") + text


def change_words(row: dict, lang: str) -> str:
    """'+60 (+57.1 %) from 2018', '+3.2 percentage points from 2018', or why there is no change."""
    t = translator(lang)
    year = int(row["year"])
    reason = NO_CHANGE.get(row["no_change"]) if row["no_change"] else None
    if reason:
        return t(reason, year=year, previous=year - 1)
    change = float(row["change"])
    if INDICATORS[row["indicator"]].unit in RATE_UNITS:
        return t("{change} percentage points from {year}", change=_signed(change, lang), year=year - 1)
    text = _signed(change, lang)
    if not pd.isna(row["change_pct"]):
        pct = float(row["change_pct"])
        text += f" ({'+' if pct > 0 else '-' if pct < 0 else '±'}{percent(abs(pct) / 100, lang, 1)})"
    return t("{change} from {year}", change=text, year=year - 1)


def short_rank(row: dict, lang: str) -> str:
    """'4 of 11' (of those with a value that year), or 'not ranked (no value)'."""
    t = translator(lang)
    if pd.isna(row["rank"]):
        return t("not ranked (no value)")
    return t("{rank} of {n}", rank=int(row["rank"]), n=int(row["ranked_of"]))


def rank_words(store: Store, row: dict, lang: str) -> str:
    """'4 of 11 participating countries with data' (1 = highest), with any country sharing the rank named."""
    t = translator(lang)
    if pd.isna(row["rank"]):
        return t("not ranked (no value)")
    text = t.n("{rank} of {n} participating country with data", "{rank} of {n} participating countries with data",
               int(row["ranked_of"]), rank=int(row["rank"]))
    tied = [name_of(store, c, lang) for c in str(row["tied_with"]).split()]
    return t("{rank}; shared with {countries}", rank=text, countries=and_list(tied, lang)) if tied else text


def unranked_words(store: Store, row: dict, lang: str) -> str:
    """'Not ranked in 2018 (no value): North Macedonia: no data', each country with its reason; '' for none."""
    codes = str(row["unranked"]).split()
    if not codes:
        return ""
    t = translator(lang)
    records, year = records_of_11(store, row["indicator"]), int(row["year"])
    reasons = [row_value(records[c][year], lang=lang) if year in records.get(c, {}) else t("no data") for c in codes]
    named = [f"{name_of(store, c, lang)}: {reason}" for c, reason in zip(codes, reasons, strict=True)]
    return t("Not ranked in {year} (no value): {countries}", year=int(row["year"]), countries=and_list(named, lang))


def latest_words(store: Store, row: dict, lang: str) -> dict[str, object]:
    """The headline of an indicator block: its latest year, value, flags in words, change, rank and the unranked."""
    partial = partial_text(store, [str(row["source"])], int(row["year"]), lang)
    return {"year": int(row["year"]), "value": row_value(row, lang=lang),
            "flags": [*flag_meanings(row["flag"], lang), *([partial] if partial else [])],
            "change": change_words(row, lang), "rank": rank_words(store, row, lang),
            "unranked": unranked_words(store, row, lang)}


def table_cells(rows: pd.DataFrame, lang: str) -> tuple[list[str], list[list[str]]]:
    """One indicator's rows as the page's table shows them: year, value, change from the year before, rank."""
    t = translator(lang)
    columns = [t("Year"), t("Value"), t("Change from the year before"), t("Rank among the 11")]
    cells = [[str(int(r["year"])), row_value(r, lang=lang), change_words(r, lang), short_rank(r, lang)]
             for r in rows.to_dict(orient="records")]
    return columns, cells


def block_provenance(store: Store, rows: pd.DataFrame, indicator: str, lang: str) -> dict[str, list[str]]:
    """The sources (named, with release dates) and caveats of one indicator of a profile: the indicator's caveat,
    the meaning of each flag its rows carry, and the notes of its rows and of its source for the country (Serbia's
    UNHCR figures include Kosovo)."""
    sources = rows["source"].astype(str).unique().tolist()
    info = panel_provenance(store, sources, indicator, rows["flag"].astype(str).unique().tolist(), lang)
    return {"sources": info["sources"], "caveats": [*info["caveats"], *row_caveats(store, rows, lang)]}
