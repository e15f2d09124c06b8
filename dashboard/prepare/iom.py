"""IOM Missing Migrants Project: incidents (points for the map) and dead and missing per country and year.

An incident without a country cannot be attributed to a country-year, so it is dropped from the
country totals (and counted); it still appears on the map if it falls inside the map window. The
file has no incident id, so identical rows are kept as separate records, as IOM lists them.
Negative survivor counts (a data-entry error in the publisher's file) are withheld (null), not corrected.
The file ends before December of its last year (2025-04): that year's country totals carry ``partial_year``.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

from dashboard.prepare.base import SourceResult, indicator_frame, partial_coverage_end
from dashboard.prepare.errors import PrepareError
from dashboard.prepare.readers import ROW, check_values, read_csv
from dashboard.prepare.reference import Reference

IOM_FILE = Path("iom_mmp/iom_missing_migrants_incidents.csv")
#: The map window (Europe, the Mediterranean and the Middle East to Pakistan).
LON_RANGE = (-10.0, 75.0)
LAT_RANGE = (24.0, 62.0)
COLUMNS = ["date", "month", "record_type", "route", "country", "dead_and_missing", "survivors", "cause", "origin",
           "location", "lon", "lat", "source"]


def read_iom(raw: Path, ref: Reference) -> SourceResult:
    """Incidents inside the map window, and the sum of dead and missing per country of incident and year."""
    path = raw / IOM_FILE
    df = read_csv(
        path,
        {"date": "str", "month": "str", "record_type": "str", "route": "str", "country": "str",
         "dead_and_missing": "count", "survivors": "number", "cause": "str", "origin": "str",
         "location": "str", "lon": "number", "lat": "number"},
        nullable=["country", "survivors", "cause", "origin", "location", "route", "lon", "lat"],
    )
    bad = ~df["date"].str.fullmatch(r"\d{4}-\d{2}-\d{2}")
    bad |= pd.to_datetime(df["date"], format="%Y-%m-%d", errors="coerce").isna()  # 2019-02-30 has the shape too
    if bad.any():
        raise PrepareError(path, f"date {df.loc[bad, 'date'].iloc[0]!r} is not a calendar date YYYY-MM-DD",
                           row=int(df.loc[bad, ROW].iloc[0]), column="date")
    check_values(df, "country", ref.codes, path, what="ISO-3 code")
    result = SourceResult("iom_mmp", rows_read=len(df))
    negative = df["survivors"] < 0
    if negative.any():
        result.notes.append(f"withheld {int(negative.sum())} negative survivor count(s) as null")
    df["survivors"] = df["survivors"].where(~negative, np.nan)

    identical = int(df.drop(columns=[ROW]).duplicated().sum())
    if identical:
        result.notes.append(f"{identical} row(s) identical to an earlier row kept as separate records (no incident id)")
    no_country = df["country"].isna()
    result.rows_dropped = int(no_country.sum())
    if no_country.any():
        result.notes.append(f"{int(no_country.sum())} incident(s) without a country left out of country totals")
    located = df[~no_country].assign(year=df["date"].str[:4].astype("int64"))
    totals = located.groupby(["country", "year"], as_index=False)["dead_and_missing"].sum()
    end = partial_coverage_end(df["date"].str[:7])
    partial = totals["year"] == int(end[:4]) if end else False
    result.tables["country_indicators"] = indicator_frame(
        totals.assign(value=totals["dead_and_missing"].astype("float64"),
                      flag=np.where(partial, "partial_year", "")), "dead_and_missing", iso3="country",
    )
    if end:
        result.meta["coverage_end"] = end
    inside = df["lon"].between(*LON_RANGE) & df["lat"].between(*LAT_RANGE)
    incidents = df[inside].assign(source="iom_mmp")[COLUMNS].copy()
    incidents["dead_and_missing"] = incidents["dead_and_missing"].astype("int64")
    result.tables["incidents"] = incidents.reset_index(drop=True)
    return result
