"""The rows of a country profile: for each indicator the prepared data holds for one of the 11, every year it has
a row, with the change from the year before and the country's rank among the 11 that year.

The page's tables, its charts' headlines and its CSV/JSON twin (/api/country/<ISO3>.csv|json) are these rows, so
the three cannot disagree. The rules, stated once:

- Values, flags, bounds, sources and notes are the prepared rows' own (the store's, with its derived rows such as
  IOM's "none recorded"); nothing is estimated, interpolated or carried forward. Composed indicators
  (catalog.COMPOSED: national irregular-migration figures) are left out: they repeat their components' rows,
  which are here under their own names and definitions.
- Change: from the calendar year before, only where both years have a published figure that is a count or rate
  as such: not where either is withheld (suppressed "<5", conflicting), a UNHCR count published as 5 ("5 or
  fewer"), or a partial year, nor across a break in series; `no_change` says why (NO_CHANGE). The percentage is
  given where the year before is above zero, and not for indicators that are themselves percentages.
- Rank: among the 11 with a value that year, 1 = highest; ties share a rank and the next rank skips ("1, 2, 2,
  4": pandas' "min" method, as the map and the ranking panel rank). Countries without a value that year are not
  ranked and are listed (`unranked`); a country that shares its rank lists the others (`tied_with`).
"""

from __future__ import annotations

from functools import lru_cache

import pandas as pd

from dashboard.catalog import INDICATORS, PARTICIPATING, PUBLISHED_INDICATORS, flag_tokens
from dashboard.i18n.messages import N_
from dashboard.store import Store

#: The columns of the profile's table and of its CSV, in order.
COLUMNS = ["iso3", "name", "indicator", "crime_type", "year", "value", "flag", "lower", "upper", "source", "note",
           "previous", "change", "change_pct", "no_change", "rank", "ranked_of", "tied_with", "unranked"]
#: Why a year has no change from the one before: the CSV's `no_change` id -> the words the page says.
NO_CHANGE: dict[str, str] = {
    "withheld": N_("no comparison: the {year} value is withheld"),
    "suppressed": N_("no comparison: {year} is suppressed (fewer than 5)"),
    "no_previous": N_("no comparison: no data for {previous}"),
    "previous_suppressed": N_("no comparison: {previous} is suppressed (fewer than 5)"),
    "previous_withheld": N_("no comparison: the {previous} value is withheld"),
    "masked": N_("no comparison: a count published as 5 (5 or fewer) is not an exact figure"),
    "partial_year": N_("no comparison: one of the two years covers part of the year only"),
    "break": N_("no comparison: break in series in {year}"),
}
#: The units whose change is in points, not per cent of the year before.
RATE_UNITS = {"percent"}
_KEY = ["indicator", "year"]


@lru_cache(maxsize=1)
def ranked_rows(store: Store) -> pd.DataFrame:
    """Every published row of the 11 (read-only), with its rank among those with a value in its indicator and year
    and how many had one. One frame for all profiles: the figures' bands and the ranks read it."""
    rows = store.indicator_rows(list(PUBLISHED_INDICATORS), list(PARTICIPATING)).copy()
    values = rows.groupby(_KEY)["value"]
    rows["rank"] = values.rank(ascending=False, method="min").astype("Int64")
    rows["ranked_of"] = values.transform("count").astype("int64")
    return rows


def rows_of_11(store: Store, indicator: str) -> pd.DataFrame:
    """The 11's rows of one indicator, every year, ranked (ranked_rows)."""
    rows = ranked_rows(store)
    return rows[rows["indicator"] == indicator]


@lru_cache(maxsize=len(PUBLISHED_INDICATORS))
def records_of_11(store: Store, indicator: str) -> dict[str, dict[int, dict]]:
    """The 11's rows of one indicator as records, by country and year (read-only): what the charts draw and the
    unranked are named from, looked up without a frame query per country and year."""
    out: dict[str, dict[int, dict]] = {}
    for record in rows_of_11(store, indicator).to_dict(orient="records"):
        out.setdefault(record["iso3"], {})[int(record["year"])] = record
    return out


@lru_cache(maxsize=1)
def _peer_index(store: Store) -> tuple[dict, dict]:
    """(indicator, year) -> the 11 with a value; (indicator, year, rank) -> those holding that rank."""
    rows = ranked_rows(store)
    valued = rows[rows["value"].notna()]
    have: dict[tuple[str, int], set[str]] = {}
    same: dict[tuple[str, int, int], list[str]] = {}
    for indicator, year, rank, iso3 in zip(valued["indicator"], valued["year"], valued["rank"], valued["iso3"],
                                           strict=True):
        have.setdefault((indicator, int(year)), set()).add(iso3)
        same.setdefault((indicator, int(year), int(rank)), []).append(iso3)
    return have, same


def _why_not(row: dict, before: dict | None) -> str:
    """The NO_CHANGE id for a year and the one before it ('' where a change can be given)."""
    tokens = flag_tokens(row["flag"])
    if pd.isna(row["value"]):
        return "suppressed" if "suppressed" in tokens else "withheld"
    if before is None:
        return "no_previous"
    previous = flag_tokens(before["flag"])
    if pd.isna(before["value"]):
        return "previous_suppressed" if "suppressed" in previous else "previous_withheld"
    both = tokens | previous
    for reason in ("masked", "partial_year"):
        if reason in both:
            return reason
    return "break" if "break" in tokens else ""


def _changes(mine: pd.DataFrame) -> pd.DataFrame:
    """previous, change, change_pct and no_change of each row, from the same country's row of the year before."""
    records = mine.to_dict(orient="records")
    by_key = {(r["indicator"], r["year"]): r for r in records}
    out = []
    for r in records:
        before = by_key.get((r["indicator"], r["year"] - 1))
        reason = _why_not(r, before)
        previous = before["value"] if before is not None else float("nan")
        change = pct = float("nan")
        if not reason:
            change = round(float(r["value"]) - float(previous), 6)
            if previous > 0 and INDICATORS[r["indicator"]].unit not in RATE_UNITS:
                pct = round(change / float(previous) * 100, 1)
        out.append({"previous": previous, "change": change, "change_pct": pct, "no_change": reason})
    return pd.DataFrame(out, index=mine.index, columns=["previous", "change", "change_pct", "no_change"])


def _peers(store: Store, mine: pd.DataFrame, iso3: str) -> pd.DataFrame:
    """tied_with (the others of the same rank) and unranked (the 11 without a value), as space-separated codes."""
    have, same = _peer_index(store)
    tied, unranked = [], []
    for indicator, year, rank in zip(mine["indicator"], mine["year"], mine["rank"], strict=True):
        others = [] if pd.isna(rank) else same.get((indicator, int(year), int(rank)), [])
        tied.append(" ".join(c for c in PARTICIPATING if c in others and c != iso3))
        present = have.get((indicator, int(year)), set())
        unranked.append(" ".join(c for c in PARTICIPATING if c not in present))
    return pd.DataFrame({"tied_with": tied, "unranked": unranked}, index=mine.index)


@lru_cache(maxsize=len(PARTICIPATING))
def _profile_rows(store: Store, iso3: str) -> pd.DataFrame:
    ranked = ranked_rows(store)
    mine = ranked[ranked["iso3"] == iso3]
    order = {indicator: i for i, indicator in enumerate(PUBLISHED_INDICATORS)}
    mine = mine.assign(order=mine["indicator"].map(order)).sort_values(["order", "year"], kind="stable")
    mine = pd.concat([mine.drop(columns="order"), _changes(mine), _peers(store, mine, iso3)], axis=1)
    mine["name"] = store.name(iso3)
    return mine[COLUMNS].reset_index(drop=True)


def profile_rows(store: Store, iso3: str) -> pd.DataFrame:
    """The profile's rows for one of the 11 (see the module's rules), by indicator in catalogue order, then year.

    Language-neutral, like every download: computed once per country and worker; a shallow copy for the caller."""
    return _profile_rows(store, iso3).copy(deep=False)


def latest_rows(rows: pd.DataFrame) -> pd.DataFrame:
    """Each indicator's latest year with a row (a withheld value included: it is the publisher's latest cell)."""
    return rows.groupby("indicator", sort=False).tail(1).reset_index(drop=True)
