"""Türkiye, Presidency of Migration Management: irregular migrants and migrant smugglers apprehended.

The authority publishes these figures only as images; the raw file holds transcriptions, one per row,
with where each was stated. A row whose ``coverage`` says CONFLICTING (2024: sources disagree) is kept
with the ``provisional`` flag. Whatever the coverage column adds after "calendar year" (another source's
figure, such as Hürriyet Daily News' 8,996 smugglers for 2019) is carried as the row's ``note``. The 2023 count
of suspects remanded in custody is a one-off figure with no catalogue indicator, so it is dropped (and counted).
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from dashboard.prepare.base import SourceResult, indicator_frame
from dashboard.prepare.readers import check_unique, check_values, read_csv
from dashboard.prepare.reference import Reference

TURKEY_FILE = Path("turkey_pmm/tur_pmm_apprehensions.csv")
#: Raw indicator name -> catalogue indicator id (None: known but not published by the dashboard).
INDICATOR_MAP = {
    "irregular_migrants_apprehended": "irregular_migrants_apprehended",
    "migrant_smugglers_apprehended": "smugglers_apprehended",
    "migrant_smuggling_suspects_remanded_in_custody": None,
}


def coverage_note(coverage: pd.Series) -> pd.Series:
    """The coverage text beyond the period ("calendar year; X" -> "X"), '' where it states only the period."""
    parts = coverage.str.split(";", n=1)
    return parts.str[1].fillna("").str.strip()


def read_turkey(raw: Path, ref: Reference) -> SourceResult:
    """The transcribed series; ``provisional`` where the coverage note records conflicting sources."""
    path = raw / TURKEY_FILE
    df = read_csv(path, {"iso3": "str", "year": "int", "indicator": "str", "value": "count", "unit": "str",
                         "coverage": "str"})
    check_values(df, "iso3", ref.codes, path, what="ISO-3 code")
    check_values(df, "indicator", INDICATOR_MAP, path, what="indicator")
    check_values(df, "unit", {"persons"}, path, what="unit")
    check_unique(df, ["iso3", "year", "indicator"], path)
    result = SourceResult("tur_pmm", rows_read=len(df))
    df = df.assign(flag=df["coverage"].str.contains("CONFLICTING", case=False).map({True: "provisional",
                                                                                     False: ""}),
                   note=coverage_note(df["coverage"]))
    parts = []
    for raw_name, indicator in INDICATOR_MAP.items():
        rows = df[df["indicator"] == raw_name]
        if indicator is None:
            result.rows_dropped += len(rows)
            if len(rows):
                result.notes.append(f"dropped {len(rows)} row(s) of {raw_name} (no catalogue indicator)")
            continue
        parts.append(indicator_frame(rows.assign(value=rows["value"].astype("float64")), indicator))
    result.tables["country_indicators"] = pd.concat(parts, ignore_index=True)
    return result
