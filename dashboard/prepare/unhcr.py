"""UNHCR (package ``refugees``): the masked-count rule shared by its files, and the year-end populations.

UNHCR publishes no count from 1 to 4: every small count is published as 5. A cell of 5 is therefore "5 or fewer"
(``masked``, true value 1 to 5), and a sum over k such cells lies between the sum less 4k and the sum
(``includes_masked``, with ``lower`` and ``upper``). :func:`masked_sums` applies that rule to any grouping, so
totals and flows say the same thing.

Year-end populations come from ``unhcr_population_yearend.csv``, which covers every country of asylum, so the
hosted totals are sums over origin for every country; flows are kept towards the participating countries.
UNHCR's own codes for no country (UNK unknown, XXA stateless) become the reference's OOO and STL.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

import numpy as np
import pandas as pd

from dashboard.catalog import PARTICIPATING
from dashboard.prepare.base import SourceResult, flow_frame, indicator_frame, join_flags
from dashboard.prepare.readers import check_unique, check_values, read_csv
from dashboard.prepare.reference import Reference

POPULATION_FILE = Path("unhcr/unhcr_population_yearend.csv")
#: The value UNHCR publishes for every count from 1 to 5.
MASKED = 5
#: UNHCR codes for no single country -> the reference's codes for the same groups.
GROUP_CODES = {"UNK": "OOO", "XXA": "STL"}
#: Population column -> (hosted indicator, flow measure).
POPULATIONS = {"refugees": ("refugees_hosted", "refugees_by_origin"),
               "asylum_seekers": ("asylum_seekers_hosted", "asylum_seekers_by_origin")}
#: The columns read (the file's other populations, such as IDPs, are not used and not checked).
POPULATION_COLUMNS = {"year": "int", "coo_iso": "str", "coa_iso": "str", "refugees": "count", "asylum_seekers": "count"}


def check_codes(df: pd.DataFrame, ref: Reference, path: Path, columns: Iterable[str] = ("coo_iso", "coa_iso"),
                ) -> pd.DataFrame:
    """Fail on an unknown country code; map UNHCR's group codes (UNK, XXA) to the reference's (OOO, STL)."""
    allowed = ref.codes | set(GROUP_CODES)
    out = df.copy()
    for column in columns:
        check_values(out, column, allowed, path, what="ISO-3 code")
        out[column] = out[column].replace(GROUP_CODES)
    return out


def masked_sums(df: pd.DataFrame, keys: list[str], value: str, flags: Iterable[str] = ()) -> pd.DataFrame:
    """Sum ``value`` by ``keys`` with the masked-count rule; boolean columns ``flags`` become tokens if any row has one.

    Returns keys, value, lower, upper and flag: ``masked`` where the sum is a single masked cell, ``includes_masked``
    where it includes k masked cells (lower = sum - 4k, upper = sum), then the tokens of ``flags``.
    """
    flags = list(flags)
    work = df[keys].copy()
    work["value"] = df[value].astype("float64")
    work["k"] = (df[value] == MASKED).astype("int64")
    for name in flags:
        work[name] = df[name].astype("bool")
    agg = {"value": ("value", "sum"), "k": ("k", "sum"), **{name: (name, "any") for name in flags}}
    out = work.groupby(keys, as_index=False, sort=True).agg(**agg)
    has_masked = out["k"] > 0
    single = has_masked & (out["k"] == 1) & (out["value"] == MASKED)
    masks = {"masked": single, "includes_masked": has_masked & ~single, **{name: out[name] for name in flags}}
    out["flag"] = join_flags(masks, out.index)
    out["lower"] = np.where(has_masked, out["value"] - 4 * out["k"], np.nan)
    out["upper"] = np.where(has_masked, out["value"], np.nan)
    return out[[*keys, "value", "lower", "upper", "flag"]]


def read_population(raw: Path, ref: Reference) -> SourceResult:
    """Refugees and asylum-seekers per country of asylum and year (every country), and flows to the 11."""
    path = raw / POPULATION_FILE
    df = read_csv(path, POPULATION_COLUMNS)
    df = check_codes(df, ref, path)
    check_unique(df, ["year", "coo_iso", "coa_iso"], path)
    result = SourceResult("unhcr_population", rows_read=len(df))
    unknown_asylum = df["coa_iso"] == GROUP_CODES["UNK"]
    df = df[~unknown_asylum]
    result.rows_dropped = int(unknown_asylum.sum())
    result.notes.append(f"dropped {int(unknown_asylum.sum())} row(s) whose country of asylum is unknown (UNK)")
    indicators, flows = [], []
    for column, (indicator, measure) in POPULATIONS.items():
        hosted = masked_sums(df, ["coa_iso", "year"], column)
        indicators.append(indicator_frame(hosted, indicator, iso3="coa_iso"))
        to_see = df[df["coa_iso"].isin(PARTICIPATING) & (df[column] > 0)]
        links = masked_sums(to_see, ["coo_iso", "coa_iso", "year"], column)
        flows.append(flow_frame(links.rename(columns={"coo_iso": "origin", "coa_iso": "destination"}), measure,
                                "unhcr_population"))
    result.tables["country_indicators"] = pd.concat(indicators, ignore_index=True)
    result.tables["flows"] = pd.concat(flows, ignore_index=True)
    result.notes.append("refugees and asylum-seekers at year end; flows only towards the 11 participating countries")
    return result
