"""Unit-test helpers: the prepared files read straight from disk, and views parsed from URLs.

The expected numbers in these tests come from pandas reading data/ directly, not through the Store, so a bug in
a Store query cannot hide itself by producing the same wrong number on both sides of an assertion.
"""

from __future__ import annotations

from collections.abc import Callable

import pandas as pd
import pytest

from dashboard.view.state import Domain, ViewState, parse_query
from tests.conftest import DATA_DIR


@pytest.fixture(scope="session")
def raw_indicators() -> pd.DataFrame:
    return pd.read_parquet(DATA_DIR / "country_indicators.parquet")


@pytest.fixture(scope="session")
def raw_routes() -> pd.DataFrame:
    return pd.read_parquet(DATA_DIR / "route_detections.parquet")


@pytest.fixture(scope="session")
def raw_flows() -> pd.DataFrame:
    return pd.read_parquet(DATA_DIR / "flows.parquet")


@pytest.fixture(scope="session")
def view(domain: Domain) -> Callable[[str], ViewState]:
    """'?crime=…' -> ViewState, failing the test if the URL itself was not valid (a typo in a test)."""

    def parse(query: str) -> ViewState:
        parsed = parse_query(query, domain)
        assert parsed.notices == [], parsed.notices
        return parsed.state

    return parse


def raw_value(raw: pd.DataFrame, indicator: str, iso3: str, year: int) -> tuple[float | None, str] | None:
    """(value, flag) of the one row in the file, or None when the file has no row."""
    rows = raw[(raw["indicator"] == indicator) & (raw["iso3"] == iso3) & (raw["year"] == year)]
    assert len(rows) <= 1
    if rows.empty:
        return None
    value = rows["value"].iloc[0]
    return (None if pd.isna(value) else float(value)), str(rows["flag"].iloc[0] or "")
