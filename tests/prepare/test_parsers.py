"""Each parser on the real publisher file, checked against figures as published."""

from __future__ import annotations

import math
from pathlib import Path

import pandas as pd
import pytest

from dashboard.prepare import eurostat, events, frontex, iom, turkey, unhcr, unodc
from dashboard.prepare.citizenship import CitizenshipResolver
from dashboard.prepare.reference import Reference, read_population
from tests.prepare.conftest import one_row, replace

pytestmark = pytest.mark.raw


@pytest.fixture(scope="module")
def glotip(raw_dir: Path, ref: Reference):
    return unodc.read_glotip(raw_dir, ref, CitizenshipResolver(ref))


def test_frontex_published_totals(raw_dir: Path, ref: Reference) -> None:
    result = frontex.read_route_detections(raw_dir, ref)
    df = result.tables["route_detections"]
    y2015 = df[df["month"].str.startswith("2015")]
    by_route = y2015.groupby("route")["detections"].sum()
    assert by_route["Eastern Mediterranean Route"] == 885_386
    assert by_route["Western Balkan Route"] == 764_033
    afg = y2015[(y2015["route"] == "Eastern Mediterranean Route") & (y2015["nationality"] == "AFG")]
    assert afg["detections"].sum() == 213_635
    assert df["detections"].dtype == "int64"
    assert set(df["source"]) == {"frontex"}
    assert result.meta["coverage_end"] == "2025-04"


def test_glotip_values_suppressed_and_thousands(glotip) -> None:
    ci = glotip.tables["country_indicators"]
    # "<5" -> null + suppressed, never 0 or 5 (BGR male victims 2010 is listed as 35 and "<5": conflicting)
    suppressed = ci[ci["flag"] == "suppressed"]
    assert len(suppressed) > 0 and suppressed["value"].isna().all()
    # Romania 2007: detected victims total published as "1,780"
    row = one_row(ci, iso3="ROU", year=2007, indicator="thb_victims")
    assert row["value"] == 1780.0 and row["flag"] == ""
    row = one_row(ci, iso3="BGR", year=2017, indicator="thb_victims")
    assert row["value"] == 505.0


#: Female victims listed as two unlabelled "Total" rows equal to their 0-17 and 18+ rows: the total is their sum.
TOTALS_FROM_PARTS = {("BGR", 2017): 36 + 407, ("BGR", 2018): 52 + 336, ("BGR", 2019): 31 + 322,
                     ("BGR", 2020): 27 + 369, ("BGR", 2021): 20 + 346, ("BGR", 2022): 6 + 104,
                     ("HRV", 2019): 10 + 9, ("ROU", 2012): 328 + 348}
#: Male victims in Bulgaria: the same, with the 0-17 group "<5": withheld, between the 18+ group and it + 4.
MALE_BGR_ADULTS = {2010: 35, 2015: 23, 2016: 34, 2017: 59, 2018: 50, 2019: 49, 2020: 58, 2021: 98, 2022: 41}


def test_glotip_totals_listed_as_their_age_groups(glotip) -> None:
    ci = glotip.tables["country_indicators"]
    for (iso3, year), total in TOTALS_FROM_PARTS.items():
        row = one_row(ci, iso3=iso3, year=year, indicator="thb_victims_female")
        assert (row["value"], row["flag"]) == (float(total), "total_from_parts"), (iso3, year)
        assert math.isnan(row["lower"]) and math.isnan(row["upper"])
    for year, adults in MALE_BGR_ADULTS.items():
        row = one_row(ci, iso3="BGR", year=year, indicator="thb_victims_male")
        assert math.isnan(row["value"]) and row["flag"] == "suppressed", year
        assert (row["lower"], row["upper"]) == (float(adults), float(adults + 4)), year
    part = ci[ci["iso3"].isin(unodc.PARTICIPATING)]
    assert len(part[part["flag"] == "total_from_parts"]) == len(TOTALS_FROM_PARTS)
    assert len(part[part["lower"].notna()]) == len(MALE_BGR_ADULTS)
    assert not (ci["flag"] == "conflicting").any()


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
    assert one_row(ci, iso3="GRC", year=2015, indicator="smuggling_offences")["value"] == 1704.0
    assert one_row(ci, iso3="TUR", year=2016, indicator="smuggling_offences")["value"] == 8239.0
    assert ci[(ci["iso3"] == "TUR") & (ci["year"] == 2015)].empty  # TUR lacks 2015: no row, not 0
    assert result.meta["release"] == "2024-05-16"


def test_turkey_2024_provisional(raw_dir: Path, ref: Reference) -> None:
    ci = turkey.read_turkey(raw_dir, ref).tables["country_indicators"]
    note = one_row(ci, iso3="TUR", year=2019, indicator="smugglers_apprehended")["note"]
    assert note == "Hürriyet Daily News (security sources) gives 8,996 suspects detained"
    assert one_row(ci, iso3="TUR", year=2023, indicator="smugglers_apprehended")["note"] == ""
    row = one_row(ci, iso3="TUR", year=2024, indicator="irregular_migrants_apprehended")
    assert (row["value"], row["flag"]) == (225_831.0, "provisional")
    row = one_row(ci, iso3="TUR", year=2024, indicator="smugglers_apprehended")
    assert (row["value"], row["flag"]) == (13_601.0, "provisional")
    assert one_row(ci, iso3="TUR", year=2023, indicator="smugglers_apprehended")["flag"] == ""


def test_eurostat_jsonstat_total(raw_dir: Path, ref: Reference) -> None:
    result = eurostat.read_illegally_present(raw_dir, ref)
    ci = result.tables["country_indicators"]
    row = one_row(ci, iso3="GRC", year=2015, indicator="illegally_present")
    assert (row["value"], row["flag"]) == (911_470.0, "rounded")
    assert one_row(ci, iso3="MNE", year=2022, indicator="illegally_present")["value"] == 1020.0
    assert one_row(ci, iso3="FRA", year=2014, indicator="illegally_present")["flag"] == "break"
    assert one_row(ci, iso3="LIE", year=2011, indicator="illegally_present")["value"] == 0.0  # a published zero
    assert not ci["iso3"].str.startswith("EU").any()


def test_asylum_sums_over_citizenship_and_sex(raw_dir: Path, ref: Reference) -> None:
    result = eurostat.read_asylum(raw_dir, ref)
    raw = pd.read_csv(raw_dir / eurostat.ASYLUM_FILE)
    expected = raw[(raw["country"] == "GRC") & (raw["year"] == 2016)]["applicants"].sum()
    ci = result.tables["country_indicators"]
    assert one_row(ci, iso3="GRC", year=2016, indicator="asylum_applicants_eu")["value"] == expected
    flows = result.tables["flows"]
    syr = raw[(raw["country"] == "GRC") & (raw["year"] == 2016) & (raw["citizenship"] == "SYR")]["applicants"].sum()
    assert one_row(flows, origin="SYR", destination="GRC", year=2016)["value"] == syr


def test_unhcr_hosted_and_flows_from_the_year_end_file(raw_dir: Path, ref: Reference) -> None:
    result = unhcr.read_population(raw_dir, ref)
    raw = pd.read_csv(raw_dir / unhcr.POPULATION_FILE, keep_default_na=False, na_values=[""])
    sel = raw[(raw["coa_iso"] == "GRC") & (raw["year"] == 2020)]
    ci = result.tables["country_indicators"]
    row = one_row(ci, iso3="GRC", year=2020, indicator="refugees_hosted")
    assert row["value"] == sel["refugees"].sum() and row["source"] == "unhcr_population"
    k = int((sel["refugees"] == 5).sum())
    assert k > 0 and row["flag"] == "includes_masked"
    assert (row["lower"], row["upper"]) == (sel["refugees"].sum() - 4 * k, sel["refugees"].sum())
    # year-end 2024 and 2025 exist in the new file (the old one had only mid-2024)
    assert one_row(ci, iso3="TUR", year=2024, indicator="refugees_hosted")["value"] == 2_940_735.0
    assert one_row(ci, iso3="TUR", year=2025, indicator="asylum_seekers_hosted")["value"] == 102_497.0
    flows = result.tables["flows"]
    assert set(flows["destination"]) <= set(unodc.PARTICIPATING)
    assert set(flows["source"]) == {"unhcr_population"} and (flows["value"] > 0).all()
    assert not {"UNK", "XXA"} & set(flows["origin"])  # UNHCR's codes for unknown and stateless: OOO and STL
    single = flows[flows["value"] == 5.0]
    assert (single["flag"] == "masked").all() and (single["lower"] == 1.0).all() and (single["upper"] == 5.0).all()


def test_iom_dead_and_missing(raw_dir: Path, ref: Reference) -> None:
    result = iom.read_iom(raw_dir, ref)
    ci = result.tables["country_indicators"]
    assert one_row(ci, iso3="GRC", year=2023, indicator="dead_and_missing")["value"] == 719.0
    assert result.meta["coverage_end"] == "2025-04"
    assert (ci.loc[ci["year"] == 2025, "flag"] == "partial_year").all() and (ci["year"] == 2025).any()
    assert (ci.loc[ci["year"] < 2025, "flag"] == "").all()
    inc = result.tables["incidents"]
    assert inc["lon"].between(-10, 75).all() and inc["lat"].between(24, 62).all()
    assert (inc["survivors"].dropna() >= 0).all()


def test_population(raw_dir: Path, ref: Reference) -> None:
    ci = read_population(raw_dir, ref).tables["country_indicators"]
    assert 10e6 < one_row(ci, iso3="GRC", year=2020, indicator="population")["value"] < 11e6


def test_context_events_as_listed(raw_dir: Path, ref: Reference, raw_copy: Path) -> None:
    routes = set(frontex.read_route_detections(raw_dir, ref).tables["route_detections"]["route"])
    df = events.read_events(raw_dir, ref, routes).tables["events"]
    assert len(df) == len(pd.read_csv(raw_dir / events.EVENTS_FILE)) and df["id"].is_unique
    statement = one_row(df, id="eu-turkiye-statement")
    assert (statement["date"], statement["countries"], statement["routes"], statement["kind"]) == (
        "2016-03-18", "TUR GRC", "Eastern Mediterranean Route", "policy")
    assert statement["document"] == "EU-Turkey statement, 18 March 2016 (press release 144/16)"
    assert one_row(df, id="covid-19-pandemic")[["countries", "routes"]].tolist() == ["", ""]  # region-wide
    land = one_row(df, id="bulgaria-romania-schengen-land")
    assert land["routes"] == "Eastern Mediterranean Route;Western Balkan Route"
    # Lists are written in one spelling, whatever spacing the file uses.
    text = (raw_dir / events.EVENTS_FILE).read_text(encoding="utf-8")
    replace(raw_copy, str(events.EVENTS_FILE), text.replace(",TUR GRC,Eastern Mediterranean Route,",
                                                             ",TUR  GRC , Eastern Mediterranean Route ; ,"))
    again = events.read_events(raw_copy, ref, routes).tables["events"]
    assert again.equals(df)
