"""A year step answers only what a year changes: the URL, the view and the year label.

Every other control keeps what the browser holds (Dash leaves no_update outputs out of the answer), so a step
re-renders no dropdown or slider mark and its answer is small; any other change still writes every control.
"""

from __future__ import annotations

from tests.unit.dash_post import post
from tests.unit.test_dash_endpoint import SYNC, YEAR_REQUEST, view_data

CONTROLS = ("crime.value", "indicator.value", "countries.value", "route.value", "measure.value",
            "incidents.value", "series.value", "top.value", "year.value", "indicator.options", "measure.options",
            "year.min", "year.max", "year.marks")


def _browser(state, **changes) -> dict:  # noqa: ANN001
    """What the browser sends: the held view and every control showing it, with `changes` applied."""
    values = {SYNC: view_data(state), "crime.value": state.crime, "indicator.value": state.indicator,
              "countries.value": list(state.countries), "route.value": state.route, "measure.value": state.measure,
              "incidents.value": state.incidents, "series.value": state.series, "top.value": state.top,
              "year.value": state.year}
    return {**values, **changes}


def test_a_slider_year_step_writes_only_the_url_view_and_label(app, client, view):
    before = view("?crime=human-trafficking&year=2019&country=TUR")
    out = post(client, app, SYNC, _browser(before, **{YEAR_REQUEST: {"year": 2017}}), [YEAR_REQUEST])
    assert out["url.search"] == "?crime=human-trafficking&year=2017&country=TUR"
    assert out[SYNC]["year"] == 2017 and out[SYNC]["countries"] == ["TUR"]
    assert out["year-label.children"] == "2017"
    assert out["notices.children"] == []
    assert not set(CONTROLS) & set(out), sorted(set(CONTROLS) & set(out))


def test_a_year_step_that_ends_a_range_or_any_other_change_writes_every_control(app, client, view):
    ranged = view("?crime=human-trafficking&from=2015&to=2019")
    out = post(client, app, SYNC, _browser(ranged, **{YEAR_REQUEST: {"year": 2016}}), [YEAR_REQUEST])
    assert out[SYNC]["year_from"] is None and out[SYNC]["year"] == 2016
    assert set(CONTROLS) <= set(out)

    single = view("?crime=human-trafficking&year=2019")
    out = post(client, app, SYNC, _browser(single, **{"countries.value": ["GRC"]}), ["countries.value"])
    assert set(CONTROLS) <= set(out) and out["countries.value"] == ["GRC"]
