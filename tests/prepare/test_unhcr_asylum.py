"""UNHCR asylum applications and recognition rates on the real files, against the figures SOURCES.md states."""

from __future__ import annotations

import math
from pathlib import Path

import pandas as pd
import pytest

from dashboard.catalog import PARTICIPATING
from dashboard.prepare import unhcr_asylum
from dashboard.prepare.reference import Reference
from tests.prepare.conftest import one_row

pytestmark = pytest.mark.raw


@pytest.fixture(scope="module")
def applications(raw_dir: Path, ref: Reference):
    return unhcr_asylum.read_applications(raw_dir, ref)


@pytest.fixture(scope="module")
def rates(raw_dir: Path, ref: Reference) -> pd.DataFrame:
    return unhcr_asylum.read_decisions(raw_dir, ref).tables["country_indicators"]


def test_greece_2019_and_turkiye_2018_as_sources_md_states(applications) -> None:
    ci = applications.tables["country_indicators"]
    assert one_row(ci, iso3="GRC", year=2019)["value"] == 77_250.0  # 74,897 new + 2,353 repeat; appeals left out
    assert one_row(ci, iso3="TUR", year=2018)["value"] == 83_822.0  # 83,797 new + 25 repeat
    assert set(ci["indicator"]) == {"asylum_applications"} and set(ci["source"]) == {"unhcr_asylum_applications"}


def test_every_participating_country_in_2015_and_2022_and_only_they(applications) -> None:
    ci = applications.tables["country_indicators"]
    for year in (2015, 2022):
        assert set(ci.loc[ci["year"] == year, "iso3"]) == set(PARTICIPATING), year
    assert set(ci["iso3"]) == set(PARTICIPATING)  # the file is a selection: no other country's total


def test_missing_years_have_no_row_never_zero(applications) -> None:
    ci = applications.tables["country_indicators"]
    have = set(zip(ci["iso3"], ci["year"], strict=True))
    gaps = [("ALB", y) for y in (2006, 2007, 2009, 2011)] + [("MKD", 2000)]
    gaps += [("MNE", y) for y in (2000, 2001, 2002, 2003, 2004, 2005, 2007)]
    assert not have & set(gaps)
    assert (ci["value"] > 0).all()


def test_bosnia_2015_masked_cells_give_a_range(applications) -> None:
    row = one_row(applications.tables["country_indicators"], iso3="BIH", year=2015)
    assert row["value"] == 36.0 and row["flag"] == "includes_masked"
    assert (row["lower"], row["upper"]) == (12.0, 36.0)  # 6 cells published as 5


def test_flags_for_combined_stages_unreported_types_and_cases(applications) -> None:
    ci = applications.tables["country_indicators"]
    assert "combined_stages" in one_row(ci, iso3="BGR", year=2019)["flag"].split()  # Bulgaria reports NR/FA from 2018
    assert "type_not_reported" in one_row(ci, iso3="GRC", year=2003)["flag"].split()  # 2000-2005 rows are V
    # Greece separates N/FI, R/RA and A/AR
    assert "combined_stages" not in one_row(ci, iso3="GRC", year=2019)["flag"].split()
    assert ci["flag"].str.contains("cases").any()
    single = one_row(ci, iso3="MNE", year=2008)  # one origin, published as 5
    assert (single["value"], single["lower"], single["upper"]) == (5.0, 1.0, 5.0)
    assert single["flag"].split()[0] == "masked"


def test_flows_by_the_same_rule_both_ways(applications) -> None:
    flows = applications.tables["flows"]
    assert set(flows["measure"]) == {"asylum_applications"}
    into_greece = flows[(flows["destination"] == "GRC") & (flows["year"] == 2019)]["value"].sum()
    assert into_greece == 77_250.0
    albanians_in_germany = flows[(flows["origin"] == "ALB") & (flows["destination"] == "DEU")
                                 & (flows["year"] == 2015)]
    assert albanians_in_germany["value"].tolist() == [54_762.0]
    assert (flows["destination"].isin(PARTICIPATING) | flows["origin"].isin(PARTICIPATING)).all()
    masked = flows[flows["value"] == 5.0]
    assert len(masked) and masked["flag"].str.split().str[0].eq("masked").all()


def test_recognition_rate_rules(rates: pd.DataFrame) -> None:
    assert set(rates["indicator"]) == {"asylum_recognition_rate"}
    assert rates["value"].between(0, 100).all()
    assert (rates["lower"].isna() | (rates["lower"] <= rates["value"])).all()
    assert (rates["upper"].isna() | (rates["upper"] >= rates["value"])).all()
    have = set(zip(rates["iso3"], rates["year"], strict=True))
    # every decision "closed": no base, so no rate
    assert not have & {("CYP", 2021), ("CYP", 2022), ("MNE", 2006), ("MNE", 2007)}
    # Bulgaria 2017-2025, North Macedonia and Montenegro from 2008, Cyprus 2023-2024 report only FA
    for iso3, year in [("BGR", 2017), ("BGR", 2025), ("MNE", 2014), ("MKD", 2021), ("CYP", 2023), ("CYP", 2024)]:
        assert "includes_appeals" in one_row(rates, iso3=iso3, year=year)["flag"].split(), (iso3, year)
    assert "includes_appeals" not in one_row(rates, iso3="GRC", year=2019)["flag"].split()


def test_recognition_rate_greece_2019_from_first_instance(raw_dir: Path, rates: pd.DataFrame) -> None:
    raw = pd.read_csv(raw_dir / unhcr_asylum.DECISIONS_FILE, keep_default_na=False, na_values=[""])
    sel = raw[(raw["coa_iso"] == "GRC") & (raw["year"] == 2019) & raw["dec_level"].isin(["FI", "RA"])]
    expected = 100 * (sel["dec_recognized"] + sel["dec_other"]).sum() / (sel["dec_total"] - sel["dec_closed"]).sum()
    assert one_row(rates, iso3="GRC", year=2019)["value"] == pytest.approx(expected)


def test_no_rate_below_twenty_decisions_on_the_merits(raw_dir: Path, rates: pd.DataFrame) -> None:
    raw = pd.read_csv(raw_dir / unhcr_asylum.DECISIONS_FILE, keep_default_na=False, na_values=[""])
    home = raw[raw["coa_iso"].isin(PARTICIPATING) & raw["dec_level"].isin(["FI", "RA", "FA"])]
    merits = (home["dec_total"] - home["dec_closed"]).groupby([home["coa_iso"], home["year"]]).sum()
    small = {key for key, n in merits.items() if n < unhcr_asylum.MIN_DECISIONS}
    assert small and not small & set(zip(rates["iso3"], rates["year"], strict=True))
    assert not math.isnan(one_row(rates, iso3="ALB", year=2015)["value"])  # 44 decisions on the merits: shown, flagged
    assert "includes_masked" in one_row(rates, iso3="ALB", year=2015)["flag"].split()
