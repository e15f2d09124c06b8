"""Rebuilding from the raw files reproduces the committed data/ byte for byte (geometry included)."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from dashboard.catalog import FLAGS, FLOW_MEASURES, PARTICIPATING, PUBLISHED_INDICATORS
from dashboard.prepare.cli import main
from dashboard.prepare.package import PACKAGE_FILE
from dashboard.prepare.reference import load_reference
from dashboard.prepare.schemas import TABLES
from tests.prepare.conftest import COMMITTED_DATA

pytestmark = pytest.mark.raw

OWNED = [t.path for t in TABLES.values()] + [PACKAGE_FILE, "countries.geojson"]


@pytest.fixture(scope="module")
def rebuilt(raw_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("rebuild") / "data"
    assert main(["--raw", str(raw_dir), "--out", str(out)]) == 0
    return out


@pytest.mark.parametrize("name", OWNED)
def test_rebuild_matches_committed_data(rebuilt: Path, name: str) -> None:
    committed = COMMITTED_DATA / name
    if not committed.exists():
        pytest.skip(f"data/{name} is not committed yet")
    assert (rebuilt / name).read_bytes() == committed.read_bytes(), f"data/{name} differs from a fresh rebuild"


def test_second_run_is_byte_identical_and_keeps_foreign_files(raw_dir: Path, rebuilt: Path) -> None:
    before = {p.name: p.read_bytes() for p in rebuilt.iterdir()}
    (rebuilt / "README").write_text("not prepare's\n")
    assert main(["--raw", str(raw_dir), "--out", str(rebuilt)]) == 0
    after = {p.name: p.read_bytes() for p in rebuilt.iterdir()}
    assert after.pop("README") == b"not prepare's\n"
    assert after == before
    assert not [p for p in rebuilt.parent.iterdir() if p.name.startswith(".data.tmp-")]


def test_contract(raw_dir: Path, rebuilt: Path) -> None:
    """The shapes other engineers rely on: columns, participating coverage, ids from the catalogue."""
    countries = pd.read_csv(rebuilt / "countries.csv", keep_default_na=False, na_values=[""])
    assert list(countries.columns) == ["iso3", "name", "role", "eu_member", "lon", "lat"]
    roles = countries.set_index("iso3")["role"]
    assert {c for c in PARTICIPATING if roles[c] == "participating"} == set(PARTICIPATING)
    assert countries.set_index("iso3").loc["XKX", "name"] == "Kosovo*"
    assert countries.set_index("iso3").loc[list(PARTICIPATING), ["lon", "lat"]].notna().all().all()
    ci = pd.read_parquet(rebuilt / "country_indicators.parquet")
    assert list(ci.columns) == ["iso3", "year", "crime_type", "indicator", "value", "flag", "source", "lower",
                                "upper", "note"]
    assert set(ci["indicator"]) == set(PUBLISHED_INDICATORS)  # composed ones are made at serve time
    _check_flags_and_bounds(ci)
    assert set(ci["iso3"]) <= load_reference(raw_dir).codes
    flows = pd.read_parquet(rebuilt / "flows.parquet")
    assert list(flows.columns) == ["measure", "year", "origin", "destination", "value", "flag", "source", "lower",
                                   "upper"]
    _check_flags_and_bounds(flows)
    assert set(flows["measure"]) == set(FLOW_MEASURES)
    assert (rebuilt / "flows.parquet").stat().st_size < 5_000_000
    routes = pd.read_parquet(rebuilt / "route_detections.parquet")
    assert routes["detections"].dtype == "int64"
    incidents = pd.read_parquet(rebuilt / "incidents.parquet")
    assert list(incidents.columns) == ["date", "month", "record_type", "route", "country", "dead_and_missing",
                                       "survivors", "cause", "origin", "location", "lon", "lat", "source"]


def _check_flags_and_bounds(df: pd.DataFrame) -> None:
    """Flags are known tokens in catalogue order; null values are withheld ones; bounds only where not exact."""
    order = list(FLAGS)
    for text in set(df["flag"]):
        tokens = text.split()
        assert set(tokens) <= set(FLAGS) and tokens == sorted(tokens, key=order.index), text
    tokens = df["flag"].str.split()
    withheld = tokens.map(lambda t: bool({"suppressed", "conflicting"} & set(t)))
    assert (df["value"].isna() == withheld).all()
    inexact = tokens.map(lambda t: bool({"masked", "includes_masked"} & set(t)))
    assert (df["lower"].notna() == df["upper"].notna()).all()
    assert df.loc[inexact, "lower"].notna().all() and (df.loc[inexact, "lower"] <= df.loc[inexact, "value"]).all()
    assert (df.loc[inexact, "upper"] >= df.loc[inexact, "value"]).all()
    sums = inexact & (df["indicator"] != "asylum_recognition_rate") if "indicator" in df.columns else inexact
    assert (df.loc[sums, "upper"] == df.loc[sums, "value"]).all()  # a sum of masked cells is at most itself
    assert (df["lower"].isna() | (df["lower"] <= df["upper"])).all()
