"""What every source parser hands back, and the rules shared by several sources.

Each parser returns a :class:`SourceResult`: its slices of the output tables plus the counts the CLI
prints (rows read, kept, flagged, dropped) and notes for the data package. Keeping the shape common
means the CLI can concatenate tables and print the summary without knowing any source's details.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from dashboard.catalog import FLAGS, INDICATORS

INDICATOR_COLUMNS = ["iso3", "year", "crime_type", "indicator", "value", "flag", "source", "lower", "upper", "note"]
FLOW_COLUMNS = ["measure", "year", "origin", "destination", "value", "flag", "source", "lower", "upper"]


@dataclass
class SourceResult:
    """One source's contribution to the prepared tables and to the run summary."""

    source: str
    rows_read: int = 0
    rows_dropped: int = 0
    tables: dict[str, pd.DataFrame] = field(default_factory=dict)
    #: Facts for the data package, e.g. the release date found in a workbook's title rows.
    meta: dict[str, str] = field(default_factory=dict)
    #: Human-readable notes on what was dropped or flagged and why.
    notes: list[str] = field(default_factory=list)

    @property
    def rows_kept(self) -> int:
        return sum(len(t) for t in self.tables.values())

    @property
    def rows_flagged(self) -> int:
        return sum(int((t["flag"] != "").sum()) for t in self.tables.values() if "flag" in t.columns)


def partial_coverage_end(months: pd.Series) -> str:
    """The last month ('YYYY-MM') a monthly source covers, if its last year stops before December; else ''.

    IOM's and Frontex's files end in April 2025: their 2025 is a partial year, and the data package says up to
    when (``coverage_end``), so that no 2025 figure is read as a whole year.
    """
    last = str(months.max())
    return "" if last.endswith("-12") else last


def join_flags(masks: dict[str, pd.Series | np.ndarray], index: pd.Index) -> pd.Series:
    """Space-separated flag tokens per row, in catalog.FLAGS order ('' where no mask is set).

    One place decides the order, so the same flags always give the same text (and the same bytes).
    """
    unknown = set(masks) - set(FLAGS)
    if unknown:
        raise ValueError(f"unknown flag(s) {sorted(unknown)}")
    out = pd.Series("", index=index, dtype="str")
    for token in FLAGS:
        if token in masks:
            hit = np.asarray(masks[token], dtype=bool)
            out = out.where(~hit, (out + " " + token).str.strip())
    return out


def _optional(df: pd.DataFrame, column: str, default: object, dtype: str) -> object:
    return df[column].astype(dtype).to_numpy() if column in df.columns else default


def indicator_frame(df: pd.DataFrame, indicator: str, *, iso3: str = "iso3", year: str = "year") -> pd.DataFrame:
    """Shape rows with ``value`` (and optional ``flag``, ``lower``, ``upper``, ``note``) into the
    country_indicators columns for one catalogue indicator."""
    spec = INDICATORS[indicator]
    out = pd.DataFrame(
        {
            "iso3": df[iso3].astype("str").to_numpy(),
            "year": df[year].astype("int64").to_numpy(),
            "crime_type": spec.crime_type,
            "indicator": indicator,
            "value": df["value"].astype("float64").to_numpy(),
            "flag": _optional(df, "flag", "", "str"),
            "source": spec.source,
            "lower": _optional(df, "lower", np.nan, "float64"),
            "upper": _optional(df, "upper", np.nan, "float64"),
            "note": _optional(df, "note", "", "str"),
        }
    )
    return out[INDICATOR_COLUMNS]


def flow_frame(df: pd.DataFrame, measure: str, source: str) -> pd.DataFrame:
    """Shape rows with origin, destination, year, value and flag into the flows columns."""
    out = pd.DataFrame(
        {
            "measure": measure,
            "year": df["year"].astype("int64").to_numpy(),
            "origin": df["origin"].astype("str").to_numpy(),
            "destination": df["destination"].astype("str").to_numpy(),
            "value": df["value"].astype("float64").to_numpy(),
            "flag": _optional(df, "flag", "", "str"),
            "source": source,
            "lower": _optional(df, "lower", np.nan, "float64"),
            "upper": _optional(df, "upper", np.nan, "float64"),
        }
    )
    return out[FLOW_COLUMNS]


def resolve_duplicates(df: pd.DataFrame, keys: list[str]) -> tuple[pd.DataFrame, int]:
    """Apply the duplicate rule to rows that share a key, never summing them.

    If all rows under a key carry the same value and flag, one is kept unchanged. If they differ, one row is
    kept with value null and flag ``conflicting``: the publisher gives no label to tell the rows apart, so
    choosing one (or adding them up) would publish a figure the publisher never stated.
    Returns the de-duplicated frame and the number of keys that were conflicting.
    """
    if df.empty:
        return df.copy(), 0
    sig = df["value"].astype("float64").fillna(-1.0).astype("str") + "|" + df["flag"].astype("str")
    n_sig = sig.groupby([df[k] for k in keys], sort=False).transform("nunique")
    conflicting = n_sig > 1
    out = df.copy()
    out.loc[conflicting, "value"] = np.nan
    out.loc[conflicting, "flag"] = "conflicting"
    n_conflicts = int(out.loc[conflicting].drop_duplicates(keys).shape[0])
    out = out.drop_duplicates(keys, keep="first").reset_index(drop=True)
    return out, n_conflicts
