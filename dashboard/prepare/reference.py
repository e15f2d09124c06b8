"""Country reference: known codes, names, ISO-2 lookups, population, and the countries.csv table.

Every code written by the prepare step is checked against the gdidata country list so a typo or a
publisher-specific code (``GBR_S``) cannot reach the dashboard as a fake country. countries.csv adds a
role per country (see :func:`assign_roles`) and a label point taken from the Natural Earth geometry
written by ``geometry.py`` earlier in the same run, so no coordinate is typed in by hand.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from dashboard.catalog import PARTICIPATING
from dashboard.prepare.base import SourceResult, indicator_frame
from dashboard.prepare.errors import PrepareError
from dashboard.prepare.readers import ROW, check_unique, check_values, is_iso3, read_csv

REFERENCE_FILE = Path("reference/country_reference.csv")
WPP_FILE = Path("reference/un_wpp_population.csv")

#: Kosovo's display name: the designation is without prejudice to positions on status, in line with UNSCR
#: 1244 and the ICJ Opinion on the Kosovo declaration of independence (the asterisk footnote convention used
#: by the EU and Frontex). The reference file's own name for XKX is "Kosovo (SCR 2144)", a typo.
KOSOVO_NAME = "Kosovo*"

ROLES = ("participating", "origin", "transit", "destination", "context")


@dataclass(frozen=True)
class Reference:
    """The country list: ISO-3 codes with display names, EU membership, region and ISO-2 lookups."""

    table: pd.DataFrame

    @property
    def codes(self) -> frozenset[str]:
        return frozenset(self.table["iso3"])

    def iso3_from_iso2(self) -> dict[str, str]:
        t = self.table.dropna(subset=["iso2"])
        return dict(zip(t["iso2"], t["iso3"], strict=True))

    def names(self) -> dict[str, str]:
        return dict(zip(self.table["iso3"], self.table["display_name"], strict=True))


def load_reference(raw: Path) -> Reference:
    """Read the gdidata country list; fail on a missing column, bad code or duplicate code."""
    path = raw / REFERENCE_FILE
    df = read_csv(
        path,
        {"iso3": "str", "iso2": "str", "name": "str", "name_text": "str", "eu": "number", "region": "str"},
        nullable=["iso2", "region", "eu"],
    )
    bad = ~df["iso3"].map(is_iso3)
    if bad.any():
        raise PrepareError(path, f"{df.loc[bad, 'iso3'].iloc[0]!r} is not an ISO-3 code",
                           row=int(df.loc[bad, ROW].iloc[0]), column="iso3")
    check_unique(df, ["iso3"], path)
    df["display_name"] = df["name_text"].where(df["iso3"] != "XKX", KOSOVO_NAME)
    df["eu_member"] = df["eu"].fillna(0).astype("int64") == 1
    return Reference(df.drop(columns=[ROW]).reset_index(drop=True))


def read_population(raw: Path, ref: Reference) -> SourceResult:
    """UN WPP 2024 mid-year population (persons), one row per country and year, as published (float)."""
    path = raw / WPP_FILE
    df = read_csv(path, {"iso3": "str", "year": "int", "population": "nonneg"})
    check_values(df, "iso3", ref.codes, path, what="ISO-3 code")
    check_unique(df, ["iso3", "year"], path)
    result = SourceResult("un_wpp", rows_read=len(df))
    result.tables["country_indicators"] = indicator_frame(df.assign(value=df["population"], flag=""), "population")
    return result


def assign_roles(
    codes: Iterable[str],
    ref: Reference,
    *,
    origin: Iterable[str],
    transit: Iterable[str],
    destination: Iterable[str],
) -> dict[str, str]:
    """Give each code one role, in precedence order participating > origin > transit > destination > context."""
    sets = [("participating", set(PARTICIPATING)), ("origin", set(origin)), ("transit", set(transit)),
            ("destination", set(destination))]
    roles = {}
    for code in sorted(set(codes)):
        roles[code] = next((role for role, members in sets if code in members), "context")
    return roles


def build_countries(
    codes: Iterable[str],
    ref: Reference,
    roles: dict[str, str],
    points: dict[str, tuple[float, float]],
) -> pd.DataFrame:
    """countries.csv: one row per code used anywhere in the prepared data, with name, role and label point."""
    names = ref.names()
    eu = dict(zip(ref.table["iso3"], ref.table["eu_member"], strict=True))
    rows = []
    for code in sorted(set(codes)):
        lon, lat = points.get(code, (np.nan, np.nan))
        rows.append({"iso3": code, "name": names[code], "role": roles[code], "eu_member": bool(eu[code]),
                     "lon": lon, "lat": lat})
    df = pd.DataFrame(rows, columns=["iso3", "name", "role", "eu_member", "lon", "lat"])
    df["lon"] = df["lon"].astype("float64")
    df["lat"] = df["lat"].astype("float64")
    return df
