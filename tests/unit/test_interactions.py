"""Clicks and brushes on the panels: what they change, and that junk events change nothing."""

from __future__ import annotations

import pytest

from dashboard.view import interactions

JUNK_EVENTS = [
    None, 0, "GRC", [], {}, {"points": None}, {"points": "x"}, {"points": []}, {"points": [None]},
    {"points": [{}]}, {"points": [{"location": 5}]}, {"points": [{"location": "ZZZ"}]},
    {"points": [{"location": ["GRC"]}]}, {"points": [{"customdata": 7}]}, {"points": [{"customdata": "nocolon"}]},
    {"points": [{"customdata": "route:Nowhere"}]}, {"points": [{"customdata": "border:Sea"}]},
    {"points": [{"customdata": "origin:ZZZ"}]}, {"points": [{"customdata": "destination:Atlantis"}]},
    {"points": [{"x": None}]}, {"points": [{"x": "abc"}]}, {"points": [{"x": 1850}]}, {"points": [{"x": 1e400}]},
    {"points": [{"x": float("nan")}]}, {"points": [{"x": True}]},
    {"range": None}, {"range": {"x": None}}, {"range": {"x": [2015]}}, {"range": {"x": ["a", "b"]}},
    {"range": {"x": [[1], {}]}}, {"range": {"x": [float("inf"), 2016]}}, {"range": {"x": [float("nan"), 2016]}},
    {"range": {"x": [1800, 1801]}}, {"range": {"x": [3000, 3001]}}, {"range": {"x": [2015.2, 2015.8]}},
    {"range": {"x": [1, 2, 3]}}, {"range": "x"},
]


@pytest.mark.parametrize("event", JUNK_EVENTS, ids=range(len(JUNK_EVENTS)))
@pytest.mark.parametrize("handler", [interactions.click_map, interactions.click_sankey, interactions.click_series,
                                     interactions.select_series])
def test_junk_events_leave_the_state_unchanged(view, domain, handler, event) -> None:
    state = view("?crime=human-trafficking&year=2019&country=GRC")
    assert handler(state, event, domain) == state


def click(**point: object) -> dict:
    return {"points": [point]}


def test_map_click_toggles_a_country_and_switches_route_series_to_countries(view, domain) -> None:
    state = view("?year=2019")
    assert state.series == "route"
    picked = interactions.click_map(state, click(location="TUR"), domain)
    assert picked.countries == ("TUR",) and picked.series == "country"
    both = interactions.click_map(picked, click(location="GRC"), domain)
    assert both.countries == ("TUR", "GRC")
    assert interactions.click_map(both, click(location="TUR"), domain).countries == ("GRC",)


def test_sankey_click_filters_by_what_the_node_stands_for(view, domain) -> None:
    state = view("?year=2015")
    by_route = interactions.click_sankey(state, click(customdata="route:Western Balkan Route"), domain)
    assert by_route.route == "Western Balkan Route"
    assert interactions.click_sankey(by_route, click(customdata="route:Western Balkan Route"), domain).route is None
    assert interactions.click_sankey(state, click(customdata="nationality:SYR"), domain).nationality == "SYR"
    thb = view("?crime=human-trafficking&year=2019")
    assert interactions.click_sankey(thb, click(customdata="destination:GRC"), domain).countries == ("GRC",)
    assert interactions.click_sankey(thb, click(customdata="origin:Nationals"), domain).nationality == "Nationals"


def test_series_click_sets_the_year_and_drops_the_range(view, domain) -> None:
    state = view("?crime=human-trafficking&from=2012&to=2015")
    clicked = interactions.click_series(state, click(x=2019), domain)
    assert (clicked.year, clicked.year_from, clicked.year_to) == (2019, None, None)
    monthly = interactions.click_series(view("?year=2019"), click(x="2016-03-01"), domain)
    assert monthly.year == 2016


def test_brush_sets_the_years_whose_points_it_covers(view, domain) -> None:
    state = view("?crime=human-trafficking&year=2019")
    brushed = interactions.select_series(state, {"range": {"x": [2014.6, 2017.3]}}, domain)
    assert (brushed.year_from, brushed.year_to, brushed.year) == (2015, 2017, 2017)
    exact = interactions.select_series(state, {"range": {"x": [2014, 2016]}}, domain)
    assert (exact.year_from, exact.year_to) == (2014, 2016)
    one = interactions.select_series(state, {"range": {"x": [2015.7, 2016.2]}}, domain)
    assert (one.year, one.year_from, one.year_to) == (2016, None, None)
    clipped = interactions.select_series(state, {"range": {"x": [1990, 2030]}}, domain)
    assert (clipped.year_from, clipped.year_to) == (2007, 2022)  # GLOTIP victims: 2007-2022
    monthly = interactions.select_series(view("?year=2019"), {"range": {"x": ["2015-03-01", "2016-11-15 12:00"]}},
                                         domain)
    assert (monthly.year_from, monthly.year_to) == (2015, 2016)


def test_clear_drops_every_selection(view) -> None:
    state = view("?year=2015&from=2014&to=2016&country=GRC&route=Western+Balkan+Route&nationality=SYR")
    cleared = interactions.clear_selection(state)
    assert (cleared.countries, cleared.route, cleared.nationality, cleared.year_from, cleared.year_to) == \
        ((), None, None, None, None)
    assert cleared.crime == state.crime and cleared.year == state.year
