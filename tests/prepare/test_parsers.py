"""Each parser on the real publisher file, checked against figures as published."""

from __future__ import annotations

import math
from pathlib import Path

import pandas as pd
import pytest

from dashboard.prepare import eurostat, frontex, iom, turkey, unhcr, unodc
from dashboard.prepare.citizenship import CitizenshipResolver
from dashboard.prepare.reference import Reference, load_reference, read_population

pytestmark = pytest.mark.raw


@pytest.fixture(scope="module")
def ref(raw_dir: Path) -> Reference:
    return load_reference(raw_dir)


@pytest.fixture(scope="module")
def glotip(raw_dir: Path, ref: Reference):
    return unodc.read_glotip(raw_dir, ref, CitizenshipResolver(ref))


def _one(df: pd.DataFrame, **where) -> pd.Series:
    mask = pd.Series(True, index=df.index)
    for k, v in where.items():
        mask &= df[k] == v
    rows = df[mask]
    assert len(rows) == 1, f"{where}: {len(rows)} rows"
    return rows.iloc[0]


def test_frontex_published_totals(raw_dir: Path, ref: Reference) -> None:
    df = frontex.read_route_detections(raw_dir, ref).tables["route_detections"]
    y2015 = df[df["month"].str.startswith("2015")]
    by_route = y2015.groupby("route")["detections"].sum()
    assert by_route["Eastern Mediterranean Route"] == 885_386
    assert by_route["Western Balkan Route"] == 764_033
    afg = y2015[(y2015["route"] == "Eastern Mediterranean Route") & (y2015["nationality"] == "AFG")]
    assert afg["detections"].sum() == 213_635
    assert df["detections"].dtype == "int64"
    assert set(df["source"]) == {"frontex"}


def test_glotip_values_suppressed_and_thousands(glotip) -> None:
    ci = glotip.tables["country_indicators"]
    # "<5" -> null + suppressed, never 0 or 5 (BGR male victims 2010 is listed as 35 and "<5": conflicting)
    suppressed = ci[ci["flag"] == "suppressed"]
    assert len(suppressed) > 0 and suppressed["value"].isna().all()
    # Romania 2007: detected victims total published as "1,780"
    row = _one(ci, iso3="ROU", year=2007, indicator="thb_victims")
    assert row["value"] == 1780.0 and row["flag"] == ""
    # Bulgaria 2017: two different unlabelled "Female / Total" rows (407 and 36) -> null + conflicting
    row = _one(ci, iso3="BGR", year=2017, indicator="thb_victims_female")
    assert math.isnan(row["value"]) and row["flag"] == "conflicting"
    row = _one(ci, iso3="BGR", year=2017, indicator="thb_victims")
    assert row["value"] == 505.0


def test_glotip_citizenship_aliases(glotip) -> None:
    flows = glotip.tables["flows"]
    assert set(flows["measure"]) == {"thb_victims_by_citizenship"}
    assert "Nationals" in set(flows["origin"])
    assert not {"Romanian", "B & H", "Afghani", "Bresil"} & set(flows["origin"])
    assert {"ROU", "BIH", "AFG", "BRA"} <= set(flows["origin"])
    assert not flows.duplicated(["year", "origin", "destination"]).any()


def test_cts_smuggling_offences(raw_dir: Path, ref: Reference) -> None:
    result = unodc.read_cts(raw_dir, ref)
    ci = result.tables["country_indicators"]
    assert _one(ci, iso3="GRC", year=2015, indicator="smuggling_offences")["value"] == 1704.0
    assert _one(ci, iso3="TUR", year=2016, indicator="smuggling_offences")["value"] == 8239.0
    assert ci[(ci["iso3"] == "TUR") & (ci["year"] == 2015)].empty  # TUR lacks 2015: no row, not 0
    assert result.meta["release"] == "2024-05-16"


def test_turkey_2024_provisional(raw_dir: Path, ref: Reference) -> None:
    ci = turkey.read_turkey(raw_dir, ref).tables["country_indicators"]
    row = _one(ci, iso3="TUR", year=2024, indicator="irregular_migrants_apprehended")
    assert (row["value"], row["flag"]) == (225_831.0, "provisional")
    row = _one(ci, iso3="TUR", year=2024, indicator="smugglers_apprehended")
    assert (row["value"], row["flag"]) == (13_601.0, "provisional")
    assert _one(ci, iso3="TUR", year=2023, indicator="smugglers_apprehended")["flag"] == ""


def test_eurostat_jsonstat_total(raw_dir: Path, ref: Reference) -> None:
    result = eurostat.read_illegally_present(raw_dir, ref)
    ci = result.tables["country_indicators"]
    row = _one(ci, iso3="GRC", year=2015, indicator="illegally_present")
    assert (row["value"], row["flag"]) == (911_470.0, "rounded")
    assert _one(ci, iso3="MNE", year=2022, indicator="illegally_present")["value"] == 1020.0
    assert _one(ci, iso3="FRA", year=2014, indicator="illegally_present")["flag"] == "break"
    assert _one(ci, iso3="LIE", year=2011, indicator="illegally_present")["value"] == 0.0  # a published zero
    assert not ci["iso3"].str.startswith("EU").any()


def test_asylum_sums_over_citizenship_and_sex(raw_dir: Path, ref: Reference) -> None:
    result = eurostat.read_asylum(raw_dir, ref)
    raw = pd.read_csv(raw_dir / eurostat.ASYLUM_FILE)
    expected = raw[(raw["country"] == "GRC") & (raw["year"] == 2016)]["applicants"].sum()
    ci = result.tables["country_indicators"]
    assert _one(ci, iso3="GRC", year=2016, indicator="asylum_applicants_first_time")["value"] == expected
    flows = result.tables["flows"]
    syr = raw[(raw["country"] == "GRC") & (raw["year"] == 2016) & (raw["citizenship"] == "SYR")]["applicants"].sum()
    assert _one(flows, origin="SYR", destination="GRC", year=2016)["value"] == syr


def test_unhcr_hosted_and_flows(raw_dir: Path, ref: Reference) -> None:
    result = unhcr.read_unhcr(raw_dir, ref)
    raw = pd.read_csv(raw_dir / unhcr.UNHCR_FILE, keep_default_na=False)
    sel = raw[(raw["country_of_asylum"] == "TUR") & (raw["year"] == 2020) & (raw["population_type"] == "refugee")]
    ci = result.tables["country_indicators"]
    assert _one(ci, iso3="TUR", year=2020, indicator="refugees_hosted")["value"] == sel["persons"].sum()
    assert set(result.tables["flows"]["destination"]) <= set(unodc.PARTICIPATING)


def test_iom_dead_and_missing(raw_dir: Path, ref: Reference) -> None:
    result = iom.read_iom(raw_dir, ref)
    ci = result.tables["country_indicators"]
    assert _one(ci, iso3="GRC", year=2023, indicator="dead_and_missing")["value"] == 719.0
    inc = result.tables["incidents"]
    assert inc["lon"].between(-10, 75).all() and inc["lat"].between(24, 62).all()
    assert (inc["survivors"].dropna() >= 0).all()


def test_population(raw_dir: Path, ref: Reference) -> None:
    ci = read_population(raw_dir, ref).tables["country_indicators"]
    assert 10e6 < _one(ci, iso3="GRC", year=2020, indicator="population")["value"] < 11e6
