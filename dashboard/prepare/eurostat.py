"""Eurostat: third-country nationals found to be illegally present (migr_eipre, JSON-stat) and asylum
applicants (migr_asyappctza, tidy CSV via gdidata).

The asylum extract counts *all* applicants, first-time and subsequent, whatever its file name says: its sums match
Eurostat's totals of all applicants (SOURCES.md, "Correction"), so the series is ``asylum_applicants_eu``.

Both are rounded by Eurostat to the nearest 5, so every value carries the ``rounded`` flag (or ``break``
where Eurostat marks a break in series, the stronger warning). A published 0 in migr_eipre is a real
(rounded) zero: Eurostat leaves unavailable cells out of the JSON-stat ``value`` object rather than
writing 0, so only cells with a value become rows and nothing missing is turned into 0.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

from dashboard.prepare.base import SourceResult, flow_frame, indicator_frame
from dashboard.prepare.errors import PrepareError
from dashboard.prepare.jsonstat import load_jsonstat, parse_jsonstat
from dashboard.prepare.readers import check_unique, check_values, read_csv
from dashboard.prepare.reference import Reference

EIPRE_FILE = Path("eurostat/migr_eipre_2010_2022.json")
#: The carrier's file name says first-time; the figures are all applicants (see the module docstring).
ASYLUM_FILE = Path("eurostat/migr_asyappctza_first_time_applicants.csv")

#: The totals to select in migr_eipre, by dimension id. Dimensions absent here must be geo or time.
EIPRE_TOTALS = {"freq": "A", "reason": "TOTAL", "apprehen": "TOTAL", "citizen": "TOTAL", "sex": "T",
                "age": "TOTAL", "unit": "PER"}
#: Eurostat's geo codes are ISO-2 except these two; aggregates (EU27_2020, EU28, ...) are not countries.
EUROSTAT_GEO_EXCEPTIONS = {"EL": "GR", "UK": "GB"}
#: Aggregates in the gdidata asylum extract: not countries, dropped (their members are in the file).
ASYLUM_AGGREGATES = {"EU27", "EU27_2020", "EU28", "EU27_2007"}
ASYLUM_SEXES = {"female", "male", "unknown"}
#: Rows that would already be totals; summing them with their parts would double-count.
ASYLUM_TOTAL_CODES = {"TOTAL", "total", "T"}


def eurostat_flag(status: pd.Series) -> pd.Series:
    """``break`` where Eurostat marks a break in series (status b), otherwise ``rounded``."""
    return pd.Series(np.where(status.str.contains("b", regex=False), "break", "rounded"), index=status.index)


def read_illegally_present(raw: Path, ref: Reference) -> SourceResult:
    """migr_eipre totals (all reasons, places, citizenships, sexes and ages) per reporting country and year."""
    path = raw / EIPRE_FILE
    doc = load_jsonstat(path)
    df = parse_jsonstat(doc, path)
    result = SourceResult("eurostat_migr_eipre", rows_read=len(df))
    for dim in df.columns.drop(["value", "status"]):
        if dim in ("geo", "time"):
            continue
        if dim not in EIPRE_TOTALS:
            raise PrepareError(path, f"unexpected dimension {dim!r}; the parser does not know its total",
                               column=f"dimension.{dim}")
        if EIPRE_TOTALS[dim] not in set(df[dim]):
            raise PrepareError(path, f"no {EIPRE_TOTALS[dim]!r} category", column=f"dimension.{dim}")
    for needed in ("geo", "time"):
        if needed not in df.columns:
            raise PrepareError(path, f"dimension {needed!r} missing", column="id")
    mask = np.ones(len(df), dtype=bool)
    for dim, code in EIPRE_TOTALS.items():
        if dim in df.columns:
            mask &= (df[dim] == code).to_numpy()
    sel = df[mask].copy()
    iso2 = ref.iso3_from_iso2()
    geo2 = sel["geo"].map(lambda g: EUROSTAT_GEO_EXCEPTIONS.get(g, g))
    sel["iso3"] = geo2.map(iso2)
    aggregates = sel["iso3"].isna()
    unknown = aggregates & ~sel["geo"].str.match(r"^(EU|EA|EFTA)\d*(_\d{4})?$")
    if unknown.any():
        raise PrepareError(path, f"unknown geo code {sel.loc[unknown, 'geo'].iloc[0]!r}", column="dimension.geo")
    if (sel["value"] < 0).any():
        raise PrepareError(path, "negative count", column="value")
    sel = sel[~aggregates]
    if not sel["time"].str.fullmatch(r"\d{4}").all():
        raise PrepareError(path, "time codes are not years", column="dimension.time")
    sel = sel.assign(year=sel["time"].astype("int64"), value=sel["value"], flag=eurostat_flag(sel["status"]))
    result.rows_dropped = len(df) - len(sel)
    result.tables["country_indicators"] = indicator_frame(sel, "illegally_present")
    result.meta["updated"] = str(doc.get("updated", ""))
    result.notes.append(f"selected the all-categories total; dropped {int(aggregates.sum())} EU aggregate rows")
    return result


def read_asylum(raw: Path, ref: Reference) -> SourceResult:
    """All asylum applicants per country of application and year, and citizenship -> country flows.

    The extract has no total rows (citizenship is a country code, sex is female/male/unknown), so totals
    are sums over citizenship and sex; should a total row appear, it is dropped rather than added to its parts.
    """
    path = raw / ASYLUM_FILE
    df = read_csv(path, {"country": "str", "year": "int", "citizenship": "str", "sex": "str",
                         "applicants": "count"})
    result = SourceResult("eurostat_migr_asyappctza", rows_read=len(df))
    totals = df["citizenship"].isin(ASYLUM_TOTAL_CODES) | df["sex"].isin(ASYLUM_TOTAL_CODES)
    aggregates = df["country"].isin(ASYLUM_AGGREGATES)
    df = df[~totals & ~aggregates]
    check_values(df, "sex", ASYLUM_SEXES, path, what="sex")
    check_values(df, "country", ref.codes, path, what="ISO-3 code")
    check_values(df, "citizenship", ref.codes, path, what="ISO-3 code")
    check_unique(df, ["country", "year", "citizenship", "sex"], path)
    result.rows_dropped = int(totals.sum() + aggregates.sum())
    if aggregates.any():
        result.notes.append(f"dropped {int(aggregates.sum())} rows for EU aggregates (their members are in the file)")
    per_country = df.groupby(["country", "year"], as_index=False)["applicants"].sum()
    result.tables["country_indicators"] = indicator_frame(
        per_country.assign(value=per_country["applicants"], flag="rounded"), "asylum_applicants_eu",
        iso3="country",
    )
    flows = df.groupby(["citizenship", "country", "year"], as_index=False)["applicants"].sum()
    flows = flows.rename(columns={"citizenship": "origin", "country": "destination", "applicants": "value"})
    result.tables["flows"] = flow_frame(flows.assign(flag="rounded"), "asylum_applicants", "eurostat_migr_asyappctza")
    return result
