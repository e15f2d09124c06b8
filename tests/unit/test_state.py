"""The URL codec: every field round-trips, bad values fall back with a notice, nothing raises."""

from __future__ import annotations

from dataclasses import asdict

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from dashboard import catalog
from dashboard.catalog import INDICATORS, PARTICIPATING
from dashboard.view.params import VIEW_PARAMS, from_json
from dashboard.view.state import (
    Domain,
    Parsed,
    ViewState,
    default_state,
    parse_query,
    state_from_store_data,
    store_data,
    to_params,
    to_query,
)

DOMAIN = Domain(
    years_by_indicator={i: tuple(range(2010, 2023)) for i in INDICATORS},
    route_years=tuple(range(2009, 2026)),
    countries=frozenset(PARTICIPATING) | {"AFG", "DEU", "XKX"},
    routes=("Eastern Mediterranean Route", "Western Balkan Route"),
    nationalities=frozenset({"AFG", "SYR", "Nationals"}),
)


def test_empty_query_is_the_default_view() -> None:
    parsed = parse_query("", DOMAIN)
    assert parsed.notices == []
    assert parsed.state == default_state(DOMAIN)
    assert parsed.state.crime == "irregular-migration"
    assert parsed.state.year == 2022  # the latest year of the map's indicator
    assert to_query(parsed.state, DOMAIN) == ""


@pytest.mark.parametrize(
    "query",
    [
        "?crime=migrant-smuggling",
        "?crime=human-trafficking&indicator=thb_convicted&year=2015",
        "?crime=migrant-smuggling&from=2014&to=2018",
        "?country=GRC,TUR",
        "?route=Western+Balkan+Route&nationality=AFG",
        "?crime=human-trafficking&measure=per100k",
        "?incidents=1",
        "?series=country",
        "?top=20",
        "?crime=asylum&indicator=refugees_hosted&year=2012&country=TUR&top=5",
        "?compare=2015",
        "?crime=human-trafficking&year=2015&compare=2020&country=GRC",
    ],
)
def test_round_trip(query: str) -> None:
    parsed = parse_query(query, DOMAIN)
    assert parsed.notices == []
    again = parse_query(to_query(parsed.state, DOMAIN), DOMAIN)
    assert again.state == parsed.state
    assert to_query(parsed.state, DOMAIN) == query.replace("+", "+")


def test_every_field_round_trips() -> None:
    state = ViewState(crime="human-trafficking", indicator="thb_victims_female", year=2016, year_from=2014,
                      year_to=2016, countries=("GRC", "ALB"), route="Eastern Mediterranean Route",
                      nationality="Nationals", measure="per100k", incidents=True, series="route", top=7,
                      compare=2011)
    assert parse_query(to_query(state, DOMAIN), DOMAIN).state == state


@pytest.mark.parametrize(
    ("query", "expected_notice", "field", "fallback"),
    [
        ("?crime=piracy", "Unknown crime type", "crime", "irregular-migration"),
        ("?indicator=nope", "Unknown indicator", "indicator", "irregular_migration_national"),
        ("?year=1900", "outside the data", "year", 2022),
        ("?year=abc", "outside the data", "year", 2022),
        ("?country=ZZZ", "Unknown country code", "countries", ()),
        ("?route=Moon", "Unknown route", "route", None),
        ("?measure=furlongs", "Unknown measure", "measure", "absolute"),
        ("?top=1000", '"top" must be', "top", 10),
        ("?incidents=maybe", "incidents layer", "incidents", False),
        ("?from=2015", "needs both", "year_from", None),
        ("?foo=bar", "Unknown parameter", "crime", "irregular-migration"),
        ("?crime=context&indicator=population&measure=per100k", "not shown per 100,000", "measure", "absolute"),
        ("?compare=1999", '"compare" must be a year of the data', "compare", None),
        ("?year=2016&compare=2016", '"compare" is the year shown (2016)', "compare", None),
        ("?from=2012&to=2016&compare=2016", '"compare" is the year shown (2016)', "compare", None),
    ],
)
def test_bad_parameters_fall_back_with_a_notice(query: str, expected_notice: str, field: str, fallback) -> None:
    parsed = parse_query(query, DOMAIN)
    assert any(expected_notice in n for n in parsed.notices), parsed.notices
    assert getattr(parsed.state, field) == fallback


def test_indicator_decides_the_crime_type() -> None:
    parsed = parse_query("?crime=deaths&indicator=thb_victims", DOMAIN)
    assert parsed.state.crime == "human-trafficking"
    assert any("switched crime type" in n for n in parsed.notices)


def test_reversed_range_is_put_in_order_and_year_follows_it() -> None:
    state = parse_query("?from=2018&to=2014", DOMAIN).state
    assert (state.year_from, state.year_to, state.year) == (2014, 2018, 2018)


def test_notices_do_not_echo_markup() -> None:
    parsed = parse_query("?crime=<script>alert(1)</script>", DOMAIN)
    assert parsed.notices and all("<" not in n and ">" not in n for n in parsed.notices)


@settings(max_examples=300, deadline=None)
@given(st.dictionaries(st.sampled_from(["crime", "indicator", "year", "from", "to", "country", "route",
                                        "nationality", "measure", "incidents", "series", "top", "compare", "x"]),
                       st.lists(st.text(max_size=60), max_size=3), max_size=8))
def test_any_query_gives_a_valid_state(params: dict[str, list[str]]) -> None:
    parsed = parse_query(params, DOMAIN)
    state = parsed.state
    assert state.indicator in INDICATORS and INDICATORS[state.indicator].crime_type == state.crime
    assert state.year in DOMAIN.years(state.crime, state.indicator)
    assert set(state.countries) <= DOMAIN.countries
    assert state.compare is None or (state.compare != state.year
                                     and state.compare in DOMAIN.years(state.crime, state.indicator))
    assert parse_query(to_query(state, DOMAIN), DOMAIN).state == state


# ---- the parameter table: notices that name their parameter, renamed ids, other readers ----------------------


def test_every_bad_parameter_gets_a_notice_that_names_it() -> None:
    bad = {name: ["<b>nope</b>"] for name in VIEW_PARAMS} | {"colour": ["red"]}
    parsed = parse_query(bad, DOMAIN)
    assert {n.param for n in parsed.issues} == {*VIEW_PARAMS, "colour"}
    assert parsed.state == default_state(DOMAIN)
    assert parsed.shown == parsed.notices and all("<" not in n for n in parsed.notices)


def test_a_range_with_one_end_names_the_end_it_has() -> None:
    assert [n.param for n in parse_query("?to=2015", DOMAIN).issues] == ["to"]


def test_a_renamed_indicator_is_read_as_its_new_id_and_said_so(monkeypatch) -> None:
    monkeypatch.setitem(catalog.INDICATOR_ALIASES, "victims_detected", "thb_victims")
    parsed = parse_query("?indicator=victims_detected&year=2015", DOMAIN)
    assert parsed.state == parse_query("?crime=human-trafficking&year=2015", DOMAIN).state
    assert parsed.notices == []  # nothing was corrected: exports and decks take it
    assert [(n.param, n.renamed) for n in parsed.issues] == [("indicator", True)]
    assert '"victims_detected" is now called "thb_victims"' in parsed.shown[0]
    assert to_query(parsed.state, DOMAIN) == "?crime=human-trafficking&year=2015"


def test_a_renamed_indicator_keeps_api_and_export_links_working(monkeypatch, client) -> None:
    monkeypatch.setitem(catalog.INDICATOR_ALIASES, "victims_detected", "thb_victims")
    for path in ("/api/country-indicators.csv?indicator={}&year=2019&country=GRC,TUR",
                 "/export/map.csv?indicator={}&year=2019"):
        old, new = client.get(path.format("victims_detected")), client.get(path.format("thb_victims"))
        assert old.status_code == new.status_code == 200, old.get_data(as_text=True)[:200]
        assert old.get_data() == new.get_data() and b"thb_victims" in old.get_data()


def test_control_values_and_store_fields_read_like_the_url() -> None:
    state = parse_query("?crime=asylum&indicator=refugees_hosted&from=2013&to=2016&country=TUR&top=5", DOMAIN).state
    fields_json = {k: list(v) if isinstance(v, tuple) else v for k, v in asdict(state).items()}
    assert parse_query(from_json(fields_json), DOMAIN).state == state
    assert state_from_store_data(store_data(state, DOMAIN), DOMAIN) == state
    assert state_from_store_data({**fields_json, "query": "?crime=deaths"}, DOMAIN).crime == "deaths"  # the query wins
    junk = {"year": float("nan"), "top": True, "countries": [None, 5, "grc"], "incidents": "1", "crime": ["asylum"]}
    assert from_json(junk) == {"country": ["grc"]}


@settings(max_examples=200, deadline=None)
@given(st.data())
def test_any_view_drawn_from_the_tables_choices_round_trips(data) -> None:
    params = {name: [data.draw(st.sampled_from(list(row.choices(DOMAIN))))]
              for name, row in VIEW_PARAMS.items() if data.draw(st.booleans())}
    state = parse_query(params, DOMAIN).state
    assert parse_query(to_query(state, DOMAIN), DOMAIN) == Parsed(state, [])
    assert parse_query(to_params(state, DOMAIN), DOMAIN).state == state
