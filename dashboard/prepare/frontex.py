"""Frontex monthly detections of illegal border-crossing, by route, border type and nationality.

Kept whole (all routes, all months) because the route panel compares the Eastern Mediterranean and
Western Balkan routes with the others. Detections count events, not persons. Where the last year stops before
December, the data package records the last month as the source's ``coverage_end``.
"""

from __future__ import annotations

from pathlib import Path

from dashboard.prepare.base import SourceResult, partial_coverage_end
from dashboard.prepare.errors import PrepareError
from dashboard.prepare.readers import ROW, check_unique, check_values, read_csv
from dashboard.prepare.reference import Reference

FRONTEX_FILE = Path("frontex/frontex_ibc_detections_monthly.csv")
BORDER_TYPES = {"Sea", "Land"}
COLUMNS = ["route", "border_type", "nationality", "month", "detections", "source"]


def read_route_detections(raw: Path, ref: Reference) -> SourceResult:
    """Monthly detections as published; fails on an unknown nationality code, a bad month or a duplicate key."""
    path = raw / FRONTEX_FILE
    df = read_csv(path, {"route": "str", "border_type": "str", "nationality": "str", "month": "str",
                         "detections": "count"})
    check_values(df, "border_type", BORDER_TYPES, path, what="border type")
    check_values(df, "nationality", ref.codes, path, what="ISO-3 code")
    bad = ~df["month"].str.fullmatch(r"\d{4}-(0[1-9]|1[0-2])")
    if bad.any():
        raise PrepareError(path, f"month {df.loc[bad, 'month'].iloc[0]!r} is not YYYY-MM",
                           row=int(df.loc[bad, ROW].iloc[0]), column="month")
    check_unique(df, ["route", "border_type", "nationality", "month"], path)
    result = SourceResult("frontex", rows_read=len(df))
    result.tables["route_detections"] = df.assign(source="frontex")[COLUMNS].reset_index(drop=True)
    end = partial_coverage_end(df["month"])
    if end:
        result.meta["coverage_end"] = end
    return result
