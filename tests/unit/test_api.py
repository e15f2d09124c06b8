"""The data API: the same rows as the prepared files under every filter, and a 400 naming any bad filter."""

from __future__ import annotations

import io
import json

import pandas as pd
import pytest

from dashboard.catalog import PARTICIPATING

FILE_COLUMNS = {
    "country-indicators": ["iso3", "year", "crime_type", "indicator", "value", "flag", "source", "lower", "upper",
                           "note"],
    "route-detections": ["route", "border_type", "nationality", "month", "detections", "source"],
    "flows": ["measure", "year", "origin", "destination", "value", "flag", "source", "lower", "upper"],
}


def get_csv(client, url: str) -> pd.DataFrame:  # noqa: ANN001
    response = client.get(url)
    assert response.status_code == 200, response.get_data(as_text=True)
    assert response.mimetype == "text/csv"
    return pd.read_csv(io.StringIO(response.get_data(as_text=True)), keep_default_na=False, na_values=[""])


def get_json(client, url: str) -> dict:  # noqa: ANN001
    response = client.get(url)
    assert response.status_code == 200, response.get_data(as_text=True)
    assert response.mimetype == "application/json"
    return response.get_json()


def same_rows(got: pd.DataFrame, expected: pd.DataFrame) -> None:
    """Row for row (order aside), value for value; nulls and empty strings are both empty cells in a CSV."""
    assert list(got.columns) == list(expected.columns)
    key = list(expected.columns)

    def plain(frame: pd.DataFrame) -> pd.DataFrame:
        frame = frame.astype(object).where(frame.notna(), None).replace({"": None})
        return frame.sort_values(key, key=lambda s: s.astype(str))

    exp, act = plain(expected), plain(got)
    assert len(act) == len(exp)
    for column in key:
        for a, e in zip(act[column], exp[column], strict=True):
            if isinstance(e, float | int) and not isinstance(e, bool) and a is not None:
                assert float(a) == pytest.approx(float(e), rel=1e-12), column
            else:
                assert (a if a is None else str(a)) == (e if e is None else str(e)), column


def indicators_where(raw: pd.DataFrame, **filters: object) -> pd.DataFrame:
    mask = pd.Series(True, index=raw.index)
    for column, wanted in filters.items():
        mask &= raw[column].isin(wanted) if isinstance(wanted, list | set | tuple) else raw[column] == wanted
    return raw[mask]


# ---- country-indicators -------------------------------------------------------------------------------------

def test_csv_columns_are_exactly_the_files_and_values_match(client, raw_indicators) -> None:
    got = get_csv(client, "/api/country-indicators.csv?indicator=smuggling_offences&year=2019")
    assert list(got.columns) == FILE_COLUMNS["country-indicators"]
    same_rows(got, indicators_where(raw_indicators, indicator="smuggling_offences", year=2019))
    tur = got[got["iso3"] == "TUR"]
    assert tur["value"].tolist() == [6302.0] and tur["source"].tolist() == ["unodc_cts"]


def test_suppressed_rows_keep_their_flag_and_an_empty_value(client) -> None:
    text = client.get("/api/country-indicators.csv?indicator=thb_victims&year=2015&country=MKD").get_data(as_text=True)
    assert text == ("iso3,year,crime_type,indicator,value,flag,source,lower,upper,note\n"
                    "MKD,2015,human-trafficking,thb_victims,,suppressed,unodc_glotip,,,\n")
    body = get_json(client, "/api/country-indicators.json?indicator=thb_victims&year=2015&country=MKD")
    assert body["rows"] == [{"iso3": "MKD", "year": 2015, "crime_type": "human-trafficking",
                             "indicator": "thb_victims", "value": None, "flag": "suppressed",
                             "source": "unodc_glotip", "lower": None, "upper": None, "note": ""}]
    assert body["count"] == 1 and body["columns"] == FILE_COLUMNS["country-indicators"]


def test_json_wraps_the_same_rows_with_filters_sources_and_version(client, store) -> None:
    url = "/api/country-indicators.{}?crime=human-trafficking&country=GRC,TUR&from=2015&to=2022"
    csv = get_csv(client, url.format("csv"))
    body = get_json(client, url.format("json"))
    same_rows(pd.DataFrame(body["rows"], columns=body["columns"]), csv)
    assert body["count"] == len(csv) > 0
    assert body["filters"] == {"crime": ["human-trafficking"], "country": ["GRC,TUR"], "from": ["2015"],
                               "to": ["2022"]}
    assert [s["id"] for s in body["sources"]] == ["unodc_glotip"]
    assert body["data_version"] == store.data_version
    assert set(csv["iso3"]) == {"GRC", "TUR"} and csv["year"].between(2015, 2022).all()
    assert set(csv["crime_type"]) == {"human-trafficking"}


@pytest.mark.parametrize(("query", "filters"), [
    ("indicator=thb_victims,thb_convicted", {"indicator": ["thb_victims", "thb_convicted"]}),
    ("crime=deaths", {"crime_type": "deaths"}),
    ("crime=human-trafficking&indicator=thb_victims", {"indicator": "thb_victims"}),
    ("country=grc,XKX&indicator=thb_victims", {"iso3": ["GRC", "XKX"], "indicator": "thb_victims"}),
    ("indicator=population&year=2023&country=ALB", {"indicator": "population", "year": 2023, "iso3": "ALB"}),
])
def test_every_filter_selects_the_files_rows(client, raw_indicators, query, filters) -> None:
    got = get_csv(client, f"/api/country-indicators.csv?{query}")
    derived = got["flag"].fillna("").str.split().map(lambda tokens: "none_recorded" in tokens)
    same_rows(got[~derived], indicators_where(raw_indicators, **filters))
    assert (got.loc[derived, "value"] == 0).all()  # deaths: a year without an IOM incident is a recorded 0


def test_the_api_serves_the_rows_the_store_derives_labelled_as_such(client, raw_indicators) -> None:
    """What the map draws, its API twin serves: IOM's "none recorded" zeros and the national-figures rows,
    each flagged or relabelled, each keeping its own source."""
    deaths = get_csv(client, "/api/country-indicators.csv?indicator=dead_and_missing&year=2022&country=MNE")
    assert indicators_where(raw_indicators, indicator="dead_and_missing", iso3="MNE", year=2022).empty
    assert deaths[["value", "flag", "source"]].values.tolist() == [[0, "none_recorded", "iom_mmp"]]
    national = get_csv(client, "/api/country-indicators.csv?indicator=irregular_migration_national&year=2022"
                               "&country=TUR,GRC").set_index("iso3")
    assert national.loc["TUR", "source"] == "tur_pmm" and national.loc["GRC", "source"] == "eurostat_migr_eipre"
    turkiye = indicators_where(raw_indicators, indicator="irregular_migrants_apprehended", iso3="TUR", year=2022)
    assert national.loc["TUR", "value"] == turkiye["value"].iloc[0]
    assert national.loc["TUR", "note"].startswith("Counts: Irregular migrants apprehended")


def test_year_range_is_inclusive(client, raw_indicators) -> None:
    got = get_csv(client, "/api/country-indicators.csv?indicator=thb_victims&from=2014&to=2016")
    expected = raw_indicators[(raw_indicators["indicator"] == "thb_victims") & raw_indicators["year"].between(2014,
                                                                                                           2016)]
    same_rows(got, expected)
    assert set(got["year"]) == {2014, 2015, 2016}
    only_from = get_csv(client, "/api/country-indicators.csv?indicator=thb_victims&from=2021")
    assert set(only_from["year"]) == {2021, 2022}


def test_per_100k_uses_the_same_years_population(client, raw_indicators) -> None:
    got = get_csv(client, "/api/country-indicators.csv?indicator=thb_victims&year=2019&measure=per100k"
                          "&country=" + ",".join(PARTICIPATING))
    assert list(got.columns) == FILE_COLUMNS["country-indicators"]
    for row in got.itertuples():
        count = indicators_where(raw_indicators, indicator="thb_victims", iso3=row.iso3, year=2019)["value"].iloc[0]
        population = indicators_where(raw_indicators, indicator="population", iso3=row.iso3, year=2019)["value"]
        assert row.value == pytest.approx(count / population.iloc[0] * 100_000)
        assert row.source == "unodc_glotip+un_wpp"
    assert "MNE" not in set(got["iso3"])  # no 2019 row in GLOTIP: no rate either


def test_per_100k_without_population_is_empty_not_carried_forward(client) -> None:
    got = get_csv(client, "/api/country-indicators.csv?indicator=asylum_applicants_eu&year=2024"
                          "&country=GRC&measure=per100k")
    assert len(got) == 1 and pd.isna(got["value"].iloc[0])


def test_per_100k_of_a_rate_or_population_is_a_clear_400(client) -> None:
    response = client.get("/api/country-indicators.json?indicator=population&measure=per100k&year=2019")
    assert response.status_code == 400
    assert "measure" in response.get_json()["error"] and "population" in response.get_json()["error"]


def test_per_100k_of_a_crime_type_keeps_only_counts(client) -> None:
    got = get_csv(client, "/api/country-indicators.csv?crime=migrant-smuggling&measure=per100k&year=2019&country=TUR")
    assert set(got["indicator"]) == {"smuggling_offences", "smugglers_apprehended"}
    empty = get_csv(client, "/api/country-indicators.csv?indicator=thb_victims&measure=per100k&year=2019&country=ZAF")
    assert list(empty.columns) == FILE_COLUMNS["country-indicators"] and empty.empty


# ---- route-detections and flows -----------------------------------------------------------------------------

def test_route_detections_filters(client, raw_routes) -> None:
    got = get_csv(client, "/api/route-detections.csv?route=Western%20Balkan%20Route,Eastern%20Mediterranean%20Route"
                          "&nationality=SYR,AFG&year=2015")
    expected = raw_routes[raw_routes["route"].isin(["Western Balkan Route", "Eastern Mediterranean Route"])
                          & raw_routes["nationality"].isin(["SYR", "AFG"]) & raw_routes["month"].str.startswith("2015")]
    assert list(got.columns) == FILE_COLUMNS["route-detections"]
    same_rows(got, expected)
    total = get_csv(client, "/api/route-detections.csv?route=Eastern%20Mediterranean%20Route&year=2015")
    assert total["detections"].sum() == 885_386
    ranged = get_csv(client, "/api/route-detections.csv?route=Black%20Sea%20Route&from=2013&to=2014")
    assert set(ranged["month"].str[:4]) <= {"2013", "2014"} and len(ranged) > 0


def test_route_detections_json(client, raw_routes) -> None:
    body = get_json(client, "/api/route-detections.json?route=Black%20Sea%20Route&year=2014")
    assert body["columns"] == FILE_COLUMNS["route-detections"]
    expected = raw_routes[(raw_routes["route"] == "Black Sea Route") & raw_routes["month"].str.startswith("2014")]
    same_rows(pd.DataFrame(body["rows"], columns=body["columns"]), expected)
    assert [s["id"] for s in body["sources"]] == ["frontex"]


def test_flows_filters_keep_suppressed_rows(client, raw_flows) -> None:
    url = ("/api/flows.{}?measure=thb_victims_by_citizenship&destination=GRC,TUR&year=2019")
    got = get_csv(client, url.format("csv"))
    expected = raw_flows[(raw_flows["measure"] == "thb_victims_by_citizenship") & (raw_flows["year"] == 2019)
                         & raw_flows["destination"].isin(["GRC", "TUR"])]
    assert list(got.columns) == FILE_COLUMNS["flows"]
    same_rows(got, expected)
    suppressed = got[got["flag"] == "suppressed"]
    assert len(suppressed) > 0 and suppressed["value"].isna().all()
    body = get_json(client, url.format("json"))
    assert all(r["value"] is None for r in body["rows"] if r["flag"] == "suppressed")
    origin = get_csv(client, "/api/flows.csv?measure=asylum_applicants&origin=SYR&destination=GRC&from=2015&to=2016")
    same_rows(origin, raw_flows[(raw_flows["measure"] == "asylum_applicants") & (raw_flows["origin"] == "SYR")
                                & (raw_flows["destination"] == "GRC") & raw_flows["year"].between(2015, 2016)])
    assert len(origin) == 2


def test_json_has_no_nan_tokens(client) -> None:
    text = client.get("/api/flows.json?measure=thb_victims_by_citizenship&year=2019").get_data(as_text=True)
    json.loads(text, parse_constant=lambda c: pytest.fail(f"JSON contains {c}"))
    assert "NaN" not in text


# ---- bad filters ----------------------------------------------------------------------------------------------

@pytest.mark.parametrize(("url", "status", "names"), [
    ("/api/flows.json?year=twenty", 400, "'year'"),
    ("/api/country-indicators.json?indicator=nope", 400, "indicator"),
    ("/api/country-indicators.json?crime=crimes", 400, "crime"),
    ("/api/country-indicators.json?country=ZZZ", 400, "country"),
    ("/api/country-indicators.json?year=19", 400, "'year'"),
    ("/api/country-indicators.json?from=2020&to=2019", 400, "'from'"),
    ("/api/country-indicators.json?year=2019&from=2018", 400, "'year'"),
    ("/api/country-indicators.json?to=twenty", 400, "'to'"),
    ("/api/country-indicators.json?measure=relative", 400, "'measure'"),
    ("/api/country-indicators.json?indicator=thb_victims&crime=deaths", 400, "'crime'"),
    ("/api/country-indicators.json?colour=red", 400, "colour"),
    ("/api/route-detections.json?route=Atlantic", 400, "route"),
    ("/api/route-detections.json?nationality=XXX", 400, "nationality"),
    ("/api/route-detections.json?measure=x", 400, "measure"),
    ("/api/flows.json?measure=smuggled", 400, "measure"),
    ("/api/flows.json?origin=ZZZ", 400, "origin"),
    ("/api/flows.json?destination=ZZZ", 400, "destination"),
    ("/api/flows.json?country=" + ",".join(["GRC"] * 301), 400, "country"),
    ("/api/flows.json?destination=" + ",".join(["GRC"] * 301), 400, "'destination'"),
    ("/api/flights.json", 404, "resource"),
    ("/api/flows.xml", 404, "format"),
])
def test_bad_filters_answer_with_a_message_naming_the_parameter(client, url, status, names) -> None:
    response = client.get(url)
    assert response.status_code == status
    body = response.get_json()
    assert body["status"] == status and names in body["error"]
    assert "Traceback" not in body["error"]
    csv = client.get(url.replace(".json", ".csv", 1))
    if ".xml" not in url:
        assert csv.status_code == status and csv.mimetype == "text/plain"
        assert csv.get_data(as_text=True) == f"error: {body['error']}\n"


def test_readme_example_error(client) -> None:
    response = client.get("/api/flows.json?year=twenty")
    assert response.get_json() == {"error": "'year' must be a four-digit year, not 'twenty'", "status": 400}


# ---- descriptor, health, geometry ---------------------------------------------------------------------------

def test_datapackage_is_the_prepared_descriptor(client, store) -> None:
    body = get_json(client, "/api/datapackage.json")
    assert body == json.loads((store.data_dir / "datapackage.json").read_text(encoding="utf-8"))
    assert {s["id"] for s in body["sources"]} >= {"frontex", "unodc_cts", "unodc_glotip", "un_wpp"}


def test_healthz_reports_the_data_version(client, store) -> None:
    body = get_json(client, "/healthz")
    assert body["status"] == "ok" and body["data_version"] == store.data_version


def test_geometry_is_served_with_a_long_cache_life(client, store) -> None:
    response = client.get("/data/countries.geojson")
    assert response.status_code == 200
    assert response.mimetype == "application/geo+json"
    assert "max-age=31536000" in response.headers["Cache-Control"]
    assert response.data == (store.data_dir / "countries.geojson").read_bytes()


def test_responses_are_compressed(client) -> None:
    response = client.get("/api/country-indicators.csv?indicator=thb_victims", headers={"Accept-Encoding": "gzip"})
    assert response.headers.get("Content-Encoding") == "gzip"
