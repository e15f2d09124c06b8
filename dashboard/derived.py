"""Rows the store derives from the prepared ones, each by a stated rule (README, "How figures are shown").

Nothing here estimates a number: a composed indicator copies published rows under one id, each keeping its
own source and saying what it counts; a "none recorded" row is a zero only where the publisher's records
cover the whole region; a rate is the publisher's own or a count over that year's UN WPP population.
"""

from __future__ import annotations

import pandas as pd

from dashboard.catalog import INDICATORS, NONE_RECORDED, PARTICIPATING, PUBLISHED_RATES


def normalised(frame: pd.DataFrame, note: bool = True) -> pd.DataFrame:
    """The frame as the queries read it: bounds as floats (null = exact), flags and (if `note`) notes as text.

    Flags are read as tokens, so a missing flag becomes "" (no token), never the text "nan".
    """
    for column in ("lower", "upper"):
        frame[column] = pd.to_numeric(frame[column], errors="coerce").astype(float)
    if note:
        frame["note"] = frame["note"].fillna("").astype(str)
    frame["flag"] = frame["flag"].fillna("").astype(str)
    return frame


def add_token(flags: pd.Series, token: str) -> pd.Series:
    """Each flag value with one more token ("" -> "token", "masked" -> "masked token")."""
    return (flags.astype(str) + " " + token).str.strip()


def composed_rows(indicators: pd.DataFrame) -> pd.DataFrame:
    """Rows of every composed indicator: per country and year the first component that has a row, relabelled.

    The row keeps its source, flag and bounds, and its note says which definition it follows, so the hover,
    the table and the CSV all name what each country's figure counts.
    """
    parts = []
    for spec in INDICATORS.values():
        if not spec.composed_of:
            continue
        taken: set[tuple[str, int]] = set()
        for component in spec.composed_of:
            rows = indicators[indicators["indicator"] == component]
            keys = list(zip(rows["iso3"], rows["year"], strict=True))
            rows = rows[[k not in taken for k in keys]]
            taken.update(zip(rows["iso3"], rows["year"], strict=True))
            label = INDICATORS[component].label
            note = rows["note"].where(rows["note"] == "", " " + rows["note"])
            parts.append(rows.assign(indicator=spec.id, crime_type=spec.crime_type,
                                     note=f"Counts: {label}." + note))
    return pd.concat(parts, ignore_index=True) if parts else indicators.iloc[0:0]


def none_recorded_rows(indicators: pd.DataFrame, partial_years: dict[str, set[int]]) -> pd.DataFrame:
    """A zero, flagged none_recorded, for each participating country and year within the coverage of a source
    whose records span the whole region (catalog.NONE_RECORDED) where it recorded nothing for that country."""
    parts = []
    for indicator, source in NONE_RECORDED.items():
        rows = indicators[indicators["indicator"] == indicator]
        if rows.empty:
            continue
        years = range(int(rows["year"].min()), int(rows["year"].max()) + 1)
        have = set(zip(rows["iso3"], rows["year"], strict=True))
        keys = [(c, y) for y in years for c in PARTICIPATING if (c, y) not in have]
        if not keys:
            continue
        spec = INDICATORS[indicator]
        flags = ["none_recorded partial_year" if y in partial_years.get(source, set()) else "none_recorded"
                 for _c, y in keys]
        parts.append(pd.DataFrame({
            "iso3": [c for c, _y in keys], "year": [y for _c, y in keys], "crime_type": spec.crime_type,
            "indicator": indicator, "value": 0.0, "flag": flags, "source": source, "lower": float("nan"),
            "upper": float("nan"), "note": "",
        }))
    return pd.concat(parts, ignore_index=True) if parts else indicators.iloc[0:0]


def published_rates(counts: pd.DataFrame, indicators: pd.DataFrame) -> pd.DataFrame:
    """For counts whose publisher gives its own rate (catalog.PUBLISHED_RATES), that rate in place of the count:
    value, flag, bounds and note of the rate's row, keyed by country and year. Other rows are left as they are;
    a count without a published rate row for its year gets no rate (missing, never computed)."""
    out = counts.copy()
    for count_id, rate_id in PUBLISHED_RATES.items():
        mine = (out["indicator"] == count_id).to_numpy()
        if not mine.any():
            continue
        rates = indicators[indicators["indicator"] == rate_id].set_index(["iso3", "year"])
        keys = pd.MultiIndex.from_arrays([out.loc[mine, "iso3"], out.loc[mine, "year"]])
        for column in ("value", "lower", "upper"):
            out.loc[mine, column] = rates[column].reindex(keys).to_numpy(dtype=float)
        for column in ("flag", "note"):  # the source stays: the rate is the same publisher's
            out.loc[mine, column] = rates[column].reindex(keys).fillna("").to_numpy(dtype=object)
    return out
