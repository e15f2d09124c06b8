"""UNHCR forcibly displaced populations at year end: refugees and asylum-seekers, hosted and by origin.

Hosted totals are sums over origin per country of asylum; the file has no total rows (every origin is a
country code), so nothing is counted twice. Flows are kept only towards the participating countries.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from dashboard.catalog import PARTICIPATING
from dashboard.prepare.base import SourceResult, flow_frame, indicator_frame
from dashboard.prepare.readers import check_unique, check_values, read_csv
from dashboard.prepare.reference import Reference

UNHCR_FILE = Path("unhcr/unhcr_forcibly_displaced_yearend.csv")
POPULATION_TYPES = {"refugee", "asylum", "refugee return", "idp", "idp return", "stateless", "other"}
#: population_type -> (hosted indicator, flow measure)
USED = {"refugee": ("refugees_hosted", "refugees_by_origin"),
        "asylum": ("asylum_seekers_hosted", "asylum_seekers_by_origin")}


def read_unhcr(raw: Path, ref: Reference) -> SourceResult:
    """Refugees and asylum-seekers per country of asylum and year, and origin -> participating-country flows."""
    path = raw / UNHCR_FILE
    df = read_csv(path, {"country_of_asylum": "str", "year": "int", "origin": "str", "population_type": "str",
                         "persons": "count"})
    check_values(df, "population_type", POPULATION_TYPES, path, what="population type")
    check_values(df, "country_of_asylum", ref.codes, path, what="ISO-3 code")
    check_values(df, "origin", ref.codes, path, what="ISO-3 code")
    check_unique(df, ["country_of_asylum", "year", "origin", "population_type"], path)
    result = SourceResult("unhcr", rows_read=len(df))
    used = df[df["population_type"].isin(USED)]
    result.rows_dropped = len(df) - len(used)
    indicators, flows = [], []
    for ptype, (indicator, measure) in USED.items():
        rows = used[used["population_type"] == ptype]
        hosted = rows.groupby(["country_of_asylum", "year"], as_index=False)["persons"].sum()
        indicators.append(indicator_frame(hosted.assign(value=hosted["persons"], flag=""), indicator,
                                          iso3="country_of_asylum"))
        to_see = rows[rows["country_of_asylum"].isin(PARTICIPATING)]
        flows.append(flow_frame(
            to_see.rename(columns={"country_of_asylum": "destination"}).assign(value=to_see["persons"], flag=""),
            measure, "unhcr"))
    result.tables["country_indicators"] = pd.concat(indicators, ignore_index=True)
    result.tables["flows"] = pd.concat(flows, ignore_index=True)
    result.notes.append("kept population types refugee and asylum; flows only towards the 11 participating countries")
    return result
