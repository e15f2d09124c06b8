"""The callbacks as plain functions: the state sync (callbacks/url.py) and the panels' helpers.

What a trigger does to the view, and that hostile payloads (wrong types, unknown keys, infinities) give a valid
view instead of an exception. The same callbacks through Dash's HTTP endpoint are in test_dash_endpoint.py.
"""

from __future__ import annotations

from dataclasses import asdict

import pytest
from dash import Patch

from callbacks.panels import _apply
from callbacks.url import resolve, year_marks
from dashboard.catalog import INDICATORS
from dashboard.view.state import default_state, state_from_store_data
from layouts.ids import Ids, Panel

MAP, SANKEY, SERIES = (Panel.id(p, "graph") for p in ("map", "sankey", "series"))


def data(state) -> dict:  # noqa: ANN001
    """A ViewState as the browser's store holds it (what the sync callback wrote)."""
    return {k: list(v) if isinstance(v, tuple) else v for k, v in asdict(state).items()}


def controls(state, **changes: object) -> dict:  # noqa: ANN001
    values = {"crime": state.crime, "indicator": state.indicator, "countries": list(state.countries),
              "route": state.route, "measure": state.measure, "incidents": state.incidents, "series": state.series,
              "top": state.top, "year": state.year}
    return {**values, **changes}


# ---- URL ------------------------------------------------------------------------------------------------------

def test_url_trigger_parses_the_search_and_reports_bad_parameters(domain, view) -> None:
    state, notices = resolve(Ids.URL, "search", "?crime=human-trafficking&year=2019", {}, None, None, domain)
    assert state == view("?crime=human-trafficking&year=2019") and notices == []
    state, notices = resolve(None, None, "?crime=nope&year=1066&colour=red", {}, None, None, domain)
    assert state == default_state(domain)
    assert len(notices) == 3 and 'Unknown crime type "nope"' in notices[0] and "colour" in notices[2]


@pytest.mark.parametrize("search", [None, 5, ["?year=2019"], {"year": "2019"}, b"?year=2019"])
def test_url_that_is_not_a_string_is_the_default_view(domain, search) -> None:
    state, _ = resolve(Ids.URL, "search", search, {}, None, None, domain)
    assert state == default_state(domain)


# ---- controls -------------------------------------------------------------------------------------------------

def test_changing_crime_type_picks_that_crime_types_indicator(domain, view) -> None:
    before = view("?crime=human-trafficking&indicator=thb_convicted&year=2019")
    after, notices = resolve(Ids.CRIME, "value", "", controls(before, crime="migrant-smuggling"), None,
                             data(before), domain)
    assert (after.crime, after.indicator, notices) == ("migrant-smuggling", "smuggling_offences", [])


def test_controls_set_indicator_countries_measure_and_year(domain, view) -> None:
    before = view("?crime=human-trafficking&year=2019")
    after, _ = resolve(Ids.YEAR, "value", "", controls(before, indicator="thb_convicted", countries=["GRC", "TUR"],
                                                       measure="per100k", year=2016, top=5), None, data(before),
                       domain)
    assert (after.indicator, after.countries, after.measure, after.year, after.top) == \
        ("thb_convicted", ("GRC", "TUR"), "per100k", 2016, 5)


def test_a_range_survives_other_controls_but_not_a_new_year(domain, view) -> None:
    before = view("?crime=human-trafficking&from=2014&to=2016")
    kept, _ = resolve(Ids.COUNTRIES, "value", "", controls(before, countries=["GRC"]), None, data(before), domain)
    assert (kept.year_from, kept.year_to, kept.countries) == (2014, 2016, ("GRC",))
    moved, _ = resolve(Ids.YEAR, "value", "", controls(before, year=2019), None, data(before), domain)
    assert (moved.year, moved.year_from, moved.year_to) == (2019, None, None)


@pytest.mark.parametrize("junk", [
    {"year": float("inf")}, {"year": float("nan")}, {"year": -1e300}, {"year": True}, {"year": "2019"},
    {"top": float("inf")}, {"top": float("nan")}, {"top": 10**30}, {"top": "many"},
    {"countries": "GRC"}, {"countries": [None, 5, {"a": 1}, "ZZZ"]}, {"countries": ["GRC"] * 500},
    {"crime": 5}, {"crime": ["deaths"]}, {"indicator": {"id": "x"}}, {"route": 7}, {"measure": ["per100k"]},
    {"series": None}, {"incidents": "yes"},
])
def test_junk_control_values_give_a_valid_view(domain, view, junk) -> None:
    before = view("?crime=human-trafficking&year=2019&country=GRC")
    after, notices = resolve(Ids.YEAR, "value", "", controls(before, **junk), None, data(before), domain)
    assert notices == []
    assert INDICATORS[after.indicator].crime_type == after.crime
    assert after.year in domain.years(after.crime, after.indicator) and 3 <= after.top <= 30
    assert set(after.countries) <= domain.countries
    if "crime" not in junk and "indicator" not in junk:
        assert (after.crime, after.indicator) == ("human-trafficking", "thb_victims")
    if "year" not in junk:
        assert after.year == 2019


# ---- clicks and clear -----------------------------------------------------------------------------------------

def test_clicks_dispatch_to_the_panel_rules(domain, view) -> None:
    before = view("?crime=human-trafficking&year=2019")
    prev = data(before)
    on_map, _ = resolve(MAP, "clickData", "", {}, {"points": [{"location": "GRC"}]}, prev, domain)
    assert on_map.countries == ("GRC",)
    on_sankey, _ = resolve(SANKEY, "clickData", "", {}, {"points": [{"customdata": "origin:NGA"}]}, prev, domain)
    assert on_sankey.nationality == "NGA"
    on_series, _ = resolve(SERIES, "clickData", "", {}, {"points": [{"x": 2015}]}, prev, domain)
    assert on_series.year == 2015
    brushed, _ = resolve(SERIES, "selectedData", "", {}, {"range": {"x": [2012.5, 2016.2]}}, prev, domain)
    assert (brushed.year_from, brushed.year_to) == (2013, 2016)


def test_clear_is_one_click_back_to_the_whole_picture(domain, view) -> None:
    before = view("?crime=human-trafficking&year=2019&from=2015&to=2019&country=GRC,TUR&nationality=NGA")
    cleared, _ = resolve(Ids.CLEAR, "n_clicks", "", {}, 1, data(before), domain)
    assert cleared == view("?crime=human-trafficking&year=2019")


@pytest.mark.parametrize("previous", [
    None, [], "x", 5, {}, {"crime": 5}, {"bogus": 1}, {"crime": "nope", "indicator": "thb_victims", "year": 2019},
    {"crime": "human-trafficking", "indicator": 5, "year": "2019"},
    {"crime": "human-trafficking", "indicator": "thb_victims", "year": 2019, "countries": [None, {"a": 1}]},
    {"crime": "human-trafficking", "indicator": "thb_victims", "year": 2019, "countries": "GRC"},
    {"crime": "human-trafficking", "indicator": "thb_victims", "year": 2019, "year_from": [1], "year_to": {}},
    {"crime": "human-trafficking", "indicator": "thb_victims", "year": 1e400, "top": -1, "measure": {"a": 1}},
    {"crime": "irregular-migration", "indicator": "thb_victims", "year": 2019, "unknown": True},
])
@pytest.mark.parametrize("trigger", [Ids.CLEAR, MAP, SANKEY, SERIES, Ids.YEAR, Ids.CRIME])
def test_hostile_previous_state_gives_a_valid_view(domain, previous, trigger) -> None:
    event = {"points": [{"location": "GRC", "customdata": "route:Western Balkan Route", "x": 2016}]}
    state, _ = resolve(trigger, "clickData", "?crime=deaths", {"year": 2016}, event, previous, domain)
    assert state.indicator in {"dead_and_missing", "thb_victims", "irregular_migration_national"}
    assert state.year in domain.years(state.crime, state.indicator)
    assert set(state.countries) <= domain.countries


# ---- helpers --------------------------------------------------------------------------------------------------

def test_year_marks_label_the_ends_and_never_crowd() -> None:
    years = tuple(range(2007, 2023))
    marks = year_marks(years)
    assert list(marks) == [str(y) for y in years]
    labelled = [int(k) for k, v in marks.items() if v]
    assert labelled[0] == 2007 and labelled[-1] == 2022
    assert all(marks[str(y)] == str(y) for y in labelled)
    assert min(b - a for a, b in zip(labelled, labelled[1:], strict=False)) >= 3
    assert year_marks(()) == {}
    assert year_marks((2019,)) == {"2019": "2019"}


@pytest.mark.parametrize("junk", [None, [], "state", 3, {"crime": {"a": 1}, "year": [2019]},
                                  {"countries": [{"a": 1}, None], "year": 99999, "top": True},
                                  {"incidents": "1", "measure": 5, "series": ["route"]}])
def test_state_from_store_data_gives_a_valid_state_or_none(domain, junk) -> None:
    state = state_from_store_data(junk, domain)
    if not isinstance(junk, dict):
        assert state is None
    else:
        assert state is not None and state.year in domain.years(state.crime, state.indicator)
        assert state.incidents is False and state.countries == ()


def test_state_from_store_data_round_trips_what_the_sync_wrote(domain, view) -> None:
    state = view("?crime=asylum&indicator=refugees_hosted&from=2015&to=2020&year=2018&country=TUR,GRC"
                 "&nationality=SYR&measure=per100k&incidents=1&series=country&top=5")
    assert state_from_store_data(data(state), domain) == state


def test_apply_writes_figure_paths_into_a_patch() -> None:
    patch = _apply(Patch(), {"data[0].z": [1, 2], "data[1].marker.line.width": 3, "layout.title.text": "2019"})
    ops = patch.to_plotly_json()["operations"]
    assert [(op["operation"], op["location"], op["params"]["value"]) for op in ops] == [
        ("Assign", ["data", 0, "z"], [1, 2]),
        ("Assign", ["data", 1, "marker", "line", "width"], 3),
        ("Assign", ["layout", "title", "text"], "2019"),
    ]


def test_a_new_crime_type_opens_with_its_own_series_mode(domain) -> None:
    from callbacks.url import resolve
    from dashboard.view.state import parse_query

    previous = parse_query("?series=route", domain).state
    held = {k: list(v) if isinstance(v, tuple) else v for k, v in previous.__dict__.items()}
    values = {"crime": "migrant-smuggling", "indicator": previous.indicator, "countries": [], "route": None,
              "measure": "absolute", "incidents": False, "series": "route", "top": 10, "year": previous.year}
    state, _ = resolve("crime", "value", "", values, None, held, domain)
    assert state.crime == "migrant-smuggling" and state.series == "country"
