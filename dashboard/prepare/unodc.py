"""UNODC: GLOTIP trafficking in persons (victims, suspects, prosecutions, convictions, victims by citizenship)
and Crime Trends Survey smuggling of migrants offences.

GLOTIP values are text: "1,780" is 1780 and "<5" is suppressed (null + ``suppressed``, never 0 or 5).
GLOTIP sometimes repeats a key with unlabelled values. Where a total (age "Total") is listed as two rows equal, one
to one, to the key's "0 to 17 years" and "18 years or over" rows, the two rows are those age groups and the total
is their sum (:func:`totals_from_parts`). Any other repeated key follows
:func:`dashboard.prepare.base.resolve_duplicates` (equal rows -> one; differing -> null + ``conflicting``; never
summed).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

import numpy as np
import pandas as pd

from dashboard.catalog import PARTICIPATING
from dashboard.prepare.base import SourceResult, flow_frame, indicator_frame, resolve_duplicates
from dashboard.prepare.citizenship import CitizenshipResolver
from dashboard.prepare.errors import PrepareError
from dashboard.prepare.readers import ROW, check_unique, check_values, coerce_columns, read_workbook_table
from dashboard.prepare.readers import require_columns as _require
from dashboard.prepare.reference import Reference

GLOTIP_FILE = Path("unodc/data_glotip.xlsx")
GLOTIP_SHEET = "data_glotip_1"
CTS_FILE = Path("unodc/data_cts_corruption_and_economic_crime.xlsx")
#: Excel's 31-character limit cut the publisher's sheet name.
CTS_SHEET = "data_cts_corruption_and_economi"
KEY_COLUMNS = ["Iso3_code", "Indicator", "Dimension", "Category", "Sex", "Age", "Year", "Unit of measurement"]
#: Sub-national units in CTS (Northern Ireland, Scotland, England and Wales): not countries, dropped.
SUBNATIONAL = {"GBR_NI", "GBR_S", "GBR_E&W", "GBR_EW"}

#: The age groups that make up a total, when a total is listed as two unlabelled rows.
AGE_PARTS = ("0 to 17 years", "18 years or over")
#: The largest count hidden behind "<5".
SUPPRESSED_MAX = 4

_COUNT = re.compile(r"^\d{1,3}(,\d{3})+$|^\d+(\.0+)?$")
_RELEASE = re.compile(r"^(\d{2})/(\d{2})/(\d{4})$")


@dataclass(frozen=True)
class GlotipSeries:
    """Which GLOTIP rows make up one catalogue indicator (all totals unless stated)."""

    indicator: str
    unodc_indicator: str
    dimension: str = "Total"
    category: str = "Total"
    sex: str = "Total"
    age: str = "Total"


GLOTIP_SERIES = (
    GlotipSeries("thb_victims", "Detected trafficking victims"),
    GlotipSeries("thb_victims_female", "Detected trafficking victims", sex="Female"),
    GlotipSeries("thb_victims_male", "Detected trafficking victims", sex="Male"),
    GlotipSeries("thb_victims_children", "Detected trafficking victims", age="0 to 17 years"),
    GlotipSeries("thb_victims_sexual_exploitation", "Detected trafficking victims",
                 dimension="by form of exploitation", category="Sexual exploitation"),
    GlotipSeries("thb_victims_forced_labour", "Detected trafficking victims",
                 dimension="by form of exploitation", category="Forced labour"),
    GlotipSeries("thb_suspects", "Persons brought into formal contact"),
    GlotipSeries("thb_prosecuted", "Persons prosecuted"),
    GlotipSeries("thb_convicted", "Persons convicted"),
)


def release_date(titles: list[str]) -> str:
    """The dd/mm/yyyy release date UNODC prints above the table, as ISO 8601 ('' if absent)."""
    for cell in titles:
        m = _RELEASE.match(cell)
        if m:
            return datetime(int(m.group(3)), int(m.group(2)), int(m.group(1))).date().isoformat()
    return ""


def parse_counts(df: pd.DataFrame, column: str, path: Path, sheet: str) -> pd.DataFrame:
    """Parse UNODC text counts: "1,780" -> 1780.0, "<5" -> null + ``suppressed``; anything else is an error."""
    text = df[column].astype("str").str.strip()
    suppressed = text == "<5"
    ok = text.str.match(_COUNT) | suppressed
    if not ok.all():
        bad = ~ok
        raise PrepareError(path, f"text {df.loc[bad, column].iloc[0]!r} where a count or '<5' belongs",
                           sheet=sheet, row=int(df.loc[bad, ROW].iloc[0]), column=column)
    value = pd.to_numeric(text.where(~suppressed).str.replace(",", "", regex=False), errors="raise")
    return df.assign(value=value.astype("float64"), flag=np.where(suppressed, "suppressed", ""))


def _signature(rows: pd.DataFrame) -> list[str]:
    return sorted(rows["value"].fillna(-1.0).astype("str") + "|" + rows["flag"])


def _sum_of_parts(key: tuple, parts: pd.DataFrame) -> dict:
    """One total row from its two age groups: exact if both are known, else withheld with its range."""
    known = float(parts["value"].sum())
    hidden = int(parts["value"].isna().sum())
    if hidden == 0:
        return {"Iso3_code": key[0], "Year": key[1], "value": known, "flag": "total_from_parts",
                "lower": np.nan, "upper": np.nan}
    return {"Iso3_code": key[0], "Year": key[1], "value": np.nan, "flag": "suppressed",
            "lower": known, "upper": known + SUPPRESSED_MAX * hidden}


def totals_from_parts(totals: pd.DataFrame, ages: pd.DataFrame) -> tuple[pd.DataFrame, int]:
    """Resolve a total listed twice when its two rows equal, one to one, its 0-17 and 18+ rows.

    ``totals`` are one series' age-"Total" rows (parsed), ``ages`` all its other age rows. A key qualifies
    only if it has exactly two total rows and its age rows are exactly one "0 to 17 years" and one "18 years or
    over" row with the same values: then the two rows are the age groups, mislabelled, and the total is known.
    Returns the rows with such keys replaced by one row each, and the number of keys resolved.
    """
    keys = ["Iso3_code", "Year"]
    twice = totals[totals.groupby(keys)["value"].transform("size") == 2]
    resolved, drop = [], set()
    for key, pair in twice.groupby(keys, sort=True):
        parts = ages[(ages["Iso3_code"] == key[0]) & (ages["Year"] == key[1])]
        if sorted(parts["Age"]) != list(AGE_PARTS) or _signature(pair) != _signature(parts):
            continue
        resolved.append(_sum_of_parts(key, parts))
        drop.add(key)
    if not resolved:
        return totals, 0
    keep = ~pd.Series(list(zip(totals["Iso3_code"], totals["Year"], strict=True)), index=totals.index).isin(drop)
    return pd.concat([totals[keep], pd.DataFrame(resolved)], ignore_index=True), len(resolved)


def _known_countries(df: pd.DataFrame, ref: Reference, path: Path, sheet: str) -> tuple[pd.DataFrame, int]:
    """Drop rows without a code (e.g. Sark) or for a sub-national unit; fail on any other unknown code."""
    drop = df["Iso3_code"].isna() | df["Iso3_code"].isin(SUBNATIONAL)
    kept = df[~drop]
    check_values(kept, "Iso3_code", ref.codes, path, what="ISO-3 code", sheet=sheet)
    return kept, int(drop.sum())


def _load(path: Path, sheet: str, value_col: str) -> tuple[pd.DataFrame, list[str]]:
    df, titles = read_workbook_table(path, sheet, header_cells=["Iso3_code", value_col])
    header_row = int(df[ROW].iloc[0]) - 1
    _require(df, [*KEY_COLUMNS, value_col], path, sheet=sheet, row=header_row)
    df = coerce_columns(df, {"Year": "int"}, path, sheet=sheet)
    return df, titles


def read_glotip(raw: Path, ref: Reference, resolver: CitizenshipResolver) -> SourceResult:
    """The nine thb_* indicators per country and year, and victims by citizenship -> participating country."""
    path = raw / GLOTIP_FILE
    df, titles = _load(path, GLOTIP_SHEET, "txtVALUE")
    result = SourceResult("unodc_glotip", rows_read=len(df))
    result.meta["release"] = release_date(titles)
    df, dropped = _known_countries(df, ref, path, GLOTIP_SHEET)
    if dropped:
        result.notes.append(f"dropped {dropped} row(s) without an ISO-3 code (e.g. Sark)")
    parts, used, conflicts, from_parts = [], 0, 0, 0
    for s in GLOTIP_SERIES:
        series = df[(df["Indicator"] == s.unodc_indicator) & (df["Dimension"] == s.dimension)
                    & (df["Category"] == s.category) & (df["Sex"] == s.sex)]
        rows = parse_counts(series[series["Age"] == s.age], "txtVALUE", path, GLOTIP_SHEET)
        used += len(rows)
        if s.age == "Total":
            ages = parse_counts(series[series["Age"] != s.age], "txtVALUE", path, GLOTIP_SHEET)
            rows, n = totals_from_parts(rows, ages)
            from_parts += n
        rows, n = resolve_duplicates(rows, ["Iso3_code", "Year"])
        conflicts += n
        parts.append(indicator_frame(rows, s.indicator, iso3="Iso3_code", year="Year"))
    flows, n_rows, n_conf = _victims_by_citizenship(df, path, resolver)
    used += n_rows
    conflicts += n_conf
    result.rows_dropped = result.rows_read - used
    result.tables["country_indicators"] = pd.concat(parts, ignore_index=True)
    result.tables["flows"] = flows
    result.notes.append(
        f"{conflicts} key(s) had several differing unlabelled rows: kept as null with flag 'conflicting'"
    )
    result.notes.append(f"{from_parts} total(s) listed as two rows equal to their age groups: published as the sum "
                        "(flag 'total_from_parts'), or withheld with its range where a group is '<5'")
    result.meta["conflicting"] = str(conflicts)
    return result


def _victims_by_citizenship(
    df: pd.DataFrame, path: Path, resolver: CitizenshipResolver
) -> tuple[pd.DataFrame, int, int]:
    rows = df[(df["Indicator"] == "Detected trafficking victims") & (df["Dimension"] == "by citizenship")
              & (df["Sex"] == "Total") & (df["Age"] == "Total") & df["Iso3_code"].isin(PARTICIPATING)]
    rows = parse_counts(rows, "txtVALUE", path, GLOTIP_SHEET)
    origin = resolver.resolve_column(rows, "Category", path, sheet=GLOTIP_SHEET)
    rows = rows.assign(origin=origin, destination=rows["Iso3_code"], year=rows["Year"])
    rows, conflicts = resolve_duplicates(rows, ["origin", "destination", "year"])
    return flow_frame(rows, "thb_victims_by_citizenship", "unodc_glotip"), len(rows), conflicts


def read_cts(raw: Path, ref: Reference) -> SourceResult:
    """Smuggling of migrants: police-recorded offences (count, and rate per 100,000 as published)."""
    path = raw / CTS_FILE
    df, titles = _load(path, CTS_SHEET, "VALUE")
    result = SourceResult("unodc_cts", rows_read=len(df))
    result.meta["release"] = release_date(titles)
    rows = df[df["Category"] == "Smuggling of migrants"]
    rows, dropped = _known_countries(rows, ref, path, CTS_SHEET)
    units = {"Counts": "smuggling_offences", "Rate per 100,000 population": "smuggling_offences_per_100k"}
    check_values(rows, "Unit of measurement", units, path, what="unit", sheet=CTS_SHEET)
    check_unique(rows, KEY_COLUMNS, path, sheet=CTS_SHEET)
    rows = coerce_columns(rows, {"VALUE": "nonneg"}, path, sheet=CTS_SHEET)
    parts = []
    for unit, indicator in units.items():
        sel = rows[(rows["Unit of measurement"] == unit) & (rows["Sex"] == "Total") & (rows["Age"] == "Total")]
        check_unique(sel, ["Iso3_code", "Year"], path, sheet=CTS_SHEET)
        parts.append(indicator_frame(sel.assign(value=sel["VALUE"], flag=""), indicator, iso3="Iso3_code",
                                     year="Year"))
    result.tables["country_indicators"] = pd.concat(parts, ignore_index=True)
    result.rows_dropped = result.rows_read - result.rows_kept
    if dropped:
        result.notes.append(f"dropped {dropped} smuggling row(s) for sub-national units (GBR_NI, GBR_S)")
    return result
