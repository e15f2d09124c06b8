"""The Store: its queries return the files' rows, and a broken data folder stops start-up with a clear DataError."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pandas as pd
import pytest

from dashboard.catalog import PARTICIPATING
from dashboard.store import DataError, load_store
from tests.conftest import DATA_DIR


def test_indicator_rows_filter_like_the_file(store, raw_indicators) -> None:
    rows = store.indicator_rows(["thb_victims"], ["GRC", "TUR"], 2015, 2017)
    expected = raw_indicators[(raw_indicators["indicator"] == "thb_victims") & raw_indicators["iso3"].isin(
        ["GRC", "TUR"]) & raw_indicators["year"].between(2015, 2017)]
    assert sorted(zip(rows["iso3"], rows["year"], rows["value"], strict=True)) == \
        sorted(zip(expected["iso3"], expected["year"], expected["value"], strict=True))
    assert list(rows.columns) == list(raw_indicators.columns)


def test_per_100k_divides_by_the_same_years_population_only(store, raw_indicators) -> None:
    rows = store.indicator_rows(["asylum_applicants_eu"], ["GRC"], 2022, 2024)
    rated = store.with_measure(rows, "per100k").set_index("year")
    pop = raw_indicators[(raw_indicators["indicator"] == "population") & (raw_indicators["iso3"] == "GRC")]
    pop = pop.set_index("year")["value"]
    for year in (2022, 2023):
        count = rows.set_index("year").loc[year, "value"]
        assert rated.loc[year, "value"] == pytest.approx(count / pop[year] * 100_000)
    assert 2024 not in pop.index and pd.isna(rated.loc[2024, "value"])  # no carry-forward of 2023
    assert rated.loc[2024, "flag"] == rows.set_index("year").loc[2024, "flag"] + " no_population"  # says why
    assert store.with_measure(rows, "absolute") is rows


def test_population_lookup(store) -> None:
    assert store.population("GRC", 2024) is None
    assert store.population("GRC", 2019) > 10_000_000
    assert store.population("ZZZ", 2019) is None


def test_years_and_routes_come_from_the_data(store) -> None:
    assert store.years_for("thb_victims") == list(range(2007, 2023))
    assert store.years_for("nope") == []
    assert "Western Balkan Route" in store.route_names
    assert store.route_years[0] >= 2009
    assert set(PARTICIPATING) <= store.known_iso3


def test_route_and_flow_queries(store, raw_routes, raw_flows) -> None:
    rows = store.route_rows(["Eastern Mediterranean Route"], None, 2015, 2015)
    assert rows["detections"].sum() == 885_386
    assert list(rows.columns) == list(raw_routes.columns)
    flows = store.flow_rows(["thb_victims_by_citizenship"], None, ["GRC"], 2019, 2019)
    expected = raw_flows[(raw_flows["measure"] == "thb_victims_by_citizenship") & (raw_flows["destination"] == "GRC")
                         & (raw_flows["year"] == 2019)]
    assert len(flows) == len(expected) and flows["value"].sum() == expected["value"].sum()


def test_names_cover_codes_and_groups(store) -> None:
    assert store.name("TUR") == "Türkiye"
    assert store.name("Nationals") == "Nationals"


# ---- broken data folders --------------------------------------------------------------------------------------

@pytest.fixture()
def data_copy(tmp_path: Path) -> Path:
    target = tmp_path / "data"
    shutil.copytree(DATA_DIR, target)
    return target


def _parquet(name: str, change: Callable[[pd.DataFrame], pd.DataFrame]) -> Callable[[Path], None]:
    def apply(folder: Path) -> None:
        change(pd.read_parquet(folder / name)).to_parquet(folder / name)

    return apply


BROKEN: dict[str, tuple[Callable[[Path], None], str]] = {
    "missing file": (lambda d: (d / "flows.parquet").unlink(), "flows.parquet is missing"),
    "missing column": (_parquet("flows.parquet", lambda f: f.drop(columns="value")),
                       "flows.parquet lacks the column(s) value"),
    "unreadable parquet": (lambda d: (d / "route_detections.parquet").write_bytes(b"not parquet"),
                           "route_detections.parquet cannot be read"),
    "missing incidents column": (_parquet("incidents.parquet", lambda f: f.drop(columns="survivors")),
                                 "incidents.parquet lacks the column(s) survivors"),  # every column of the contract
    "text values": (_parquet("country_indicators.parquet", lambda f: f.assign(value="many")),
                    "country_indicators.parquet: column(s) value must be numeric"),
    "text years": (_parquet("flows.parquet", lambda f: f.assign(year="2019")),
                   "flows.parquet: column(s) year must be numeric"),
    "missing years": (_parquet("country_indicators.parquet", lambda f: f.assign(year=f["year"].where(
        f.index > 0))), "'year' must be whole years"),
    "numeric months": (_parquet("route_detections.parquet", lambda f: f.assign(month=1)), "'month' must be YYYY-MM"),
    "bad months": (_parquet("route_detections.parquet", lambda f: f.assign(month="May 2015")),
                   "'month' must be YYYY-MM"),
    "bad dates": (_parquet("incidents.parquet", lambda f: f.assign(date="last week")), "'date' must be dates"),
    "unknown indicator": (_parquet("country_indicators.parquet", lambda f: f.assign(indicator="zzz")),
                          "unknown indicator id(s): ['zzz']"),
    "descriptor not an object": (lambda d: (d / "datapackage.json").write_text("[1, 2]"),
                                 "datapackage.json must hold a JSON object"),
    "broken geojson": (lambda d: (d / "countries.geojson").write_text("{"), "countries.geojson cannot be read"),
    "empty countries": (lambda d: (d / "countries.csv").write_text(""), "countries.csv cannot be read"),
}


@pytest.mark.parametrize("case", list(BROKEN))
def test_a_broken_data_folder_raises_one_clear_data_error(data_copy, case) -> None:
    breaks, message = BROKEN[case]
    breaks(data_copy)
    with pytest.raises(DataError) as error:
        load_store(data_copy)
    assert message in str(error.value)
    assert str(data_copy) in str(error.value)


def test_a_missing_data_folder_says_how_to_make_one(tmp_path: Path) -> None:
    with pytest.raises(DataError, match=r"does not exist; run `python -m dashboard.prepare`"):
        load_store(tmp_path / "nowhere")
