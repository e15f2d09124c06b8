"""The time series: values per country and year equal the data, gaps stay gaps, the selected years are marked."""

from __future__ import annotations

import numpy as np
import pandas as pd

from dashboard.figures import timeseries
from dashboard.figures.event_labels import is_event
from dashboard.view.state import SEE_ROUTES
from tests.unit.conftest import raw_value


def data_traces(fig) -> list:  # noqa: ANN001
    """The traces that draw figures: not the context events' line and marker traces."""
    return [t for t in fig.data if not is_event(t)]


def traces(fig) -> dict[str, dict]:  # noqa: ANN001
    """Trace name -> {x: y}, with x a year or 'YYYY-MM' and a gap (NaN, drawn as a break) as None."""

    def x_key(x: object) -> object:
        return str(x)[:7] if isinstance(x, str | np.datetime64 | pd.Timestamp) else int(x)

    return {t.name: {x_key(x): (None if pd.isna(y) else float(y)) for x, y in zip(t.x, t.y, strict=True)}
            for t in fig.data if t.showlegend is not False}  # a route's dots for lone months are its own trace


def test_country_values_equal_the_data_and_missing_years_are_gaps(store, view, raw_indicators) -> None:
    fig = timeseries.build_timeseries(store, view("?crime=human-trafficking&country=MNE,MKD,GRC"))
    shown = traces(fig)
    assert set(shown) == {"Montenegro", "North Macedonia", "Greece"}
    for code, name in (("MNE", "Montenegro"), ("MKD", "North Macedonia"), ("GRC", "Greece")):
        for year, y in shown[name].items():
            row = raw_value(raw_indicators, "thb_victims", code, year)
            assert y == (row[0] if row else None), (code, year)
    assert raw_value(raw_indicators, "thb_victims", "MNE", 2019) is None
    assert shown["Montenegro"][2019] is None  # no row: a gap, not 0
    assert shown["North Macedonia"][2015] is None  # suppressed: a gap, not 0
    assert shown["Greece"][2019] == 154


def test_hover_says_suppressed_and_no_data_in_words(store, view) -> None:
    fig = timeseries.build_timeseries(store, view("?crime=human-trafficking&country=MNE,MKD"))
    hover = {t.name: dict(zip(t.x, t.customdata, strict=True)) for t in data_traces(fig)}
    assert hover["North Macedonia"][2015] == "fewer than 5 (suppressed)"
    assert hover["Montenegro"][2019] == "no data"
    assert hover["Montenegro"][2020] == "52"


def test_all_eleven_are_drawn_when_none_is_selected(store, view) -> None:
    fig = timeseries.build_timeseries(store, view("?crime=migrant-smuggling&indicator=smuggling_offences"))
    assert len(data_traces(fig)) == 11
    assert traces(fig)["Türkiye"][2019] == 6302


def test_per_100k_series_uses_each_years_population(store, view, raw_indicators) -> None:
    shown = traces(timeseries.build_timeseries(store, view("?crime=human-trafficking&country=ROU&measure=per100k")))
    for year, y in shown["Romania"].items():
        count = raw_value(raw_indicators, "thb_victims", "ROU", year)
        population = raw_value(raw_indicators, "population", "ROU", year)
        if count is None or count[0] is None or population is None:
            assert y is None
        else:
            assert abs(y - count[0] / population[0] * 100_000) < 1e-9


def _monthly(raw_routes: pd.DataFrame, routes, nationality: str | None = None) -> pd.Series:  # noqa: ANN001
    rows = raw_routes[raw_routes["route"].isin(routes)]
    if nationality:
        rows = rows[rows["nationality"] == nationality]
    return rows.groupby(["route", "month"])["detections"].sum()


def test_route_mode_monthly_totals_equal_frontex_sums(store, view, raw_routes) -> None:
    fig = timeseries.build_timeseries(store, view("?series=route&year=2015"))
    expected = _monthly(raw_routes, SEE_ROUTES)
    shown = traces(fig)
    assert set(shown) == set(SEE_ROUTES)
    for route, points in shown.items():
        drawn = {x: y for x, y in points.items() if y is not None}
        assert drawn == expected[route].to_dict(), route
    wbr = {x: y for x, y in shown["Western Balkan Route"].items()}
    assert sum(v for k, v in wbr.items() if k.startswith("2015")) == 764_033


def test_route_mode_months_without_a_row_are_gaps_not_lines_across(store, view, raw_routes) -> None:
    """The Black Sea Route has rows for a few months only; the line must not bridge the years between."""
    months = set(raw_routes.loc[raw_routes["route"] == "Black Sea Route", "month"])
    fig = timeseries.build_timeseries(store, view("?series=route&route=Black+Sea+Route"))
    shown = {x: y for x, y in traces(fig)["Black Sea Route"].items()}
    gaps = [m for m, y in shown.items() if y is None]
    assert gaps and not set(gaps) & months
    assert {m for m, y in shown.items() if y is not None} == months
    assert fig.data[0].connectgaps is False
    # a month with gaps on both sides has no line segment: it must still be visible, as a dot of its route
    dots = [t for t in fig.data if t.mode == "markers" and t.legendgroup == "Black Sea Route"]
    assert len(dots) == 1 and dots[0].marker.size > 0
    dotted = {str(x)[:7]: y for x, y in zip(dots[0].x, dots[0].y, strict=True)}
    assert "2009-02" in months and "2009-01" not in months and "2009-03" not in months
    assert "2009-02" in dotted and dotted["2009-02"] == shown["2009-02"]
    assert set(dotted) <= months


def test_route_mode_nationality_filter(store, view, raw_routes) -> None:
    shown = traces(timeseries.build_timeseries(store, view("?series=route&route=Western+Balkan+Route&nationality=SYR")))
    drawn = {x: y for x, y in shown["Western Balkan Route"].items() if y is not None}
    assert drawn == _monthly(raw_routes, ["Western Balkan Route"], "SYR")["Western Balkan Route"].to_dict()


def test_year_marker_covers_the_selected_year_or_range(store, view) -> None:
    shape = timeseries.build_timeseries(store, view("?crime=human-trafficking&year=2019")).layout.shapes[0]
    assert shape.x0 < 2019 < shape.x1 and shape.x0 > 2018 and shape.x1 < 2020
    shape = timeseries.build_timeseries(store, view("?crime=human-trafficking&from=2014&to=2016")).layout.shapes[0]
    assert shape.x0 < 2014 and shape.x1 > 2016 and shape.x0 > 2013 and shape.x1 < 2017
    shape = timeseries.build_timeseries(store, view("?series=route&from=2015&to=2016")).layout.shapes[0]
    assert (shape.x0, shape.x1) == ("2015-01-01", "2016-12-31")


def test_year_marker_update_equals_the_fresh_figures_marker(store, view) -> None:
    state = view("?crime=human-trafficking&from=2012&to=2015")
    fresh = timeseries.build_timeseries(store, state).to_plotly_json()["layout"]["shapes"]
    assert [dict(s) for s in fresh] == timeseries.year_marker_update(state)["layout.shapes"]


def test_clicked_point_gives_its_year() -> None:
    assert timeseries.year_from_point({"x": 2019}) == 2019
    assert timeseries.year_from_point({"x": "2016-03-01"}) == 2016
    for junk in (None, {}, {"x": None}, {"x": "abc"}, {"x": [2019]}, "2019", {"x": True}):
        assert timeseries.year_from_point(junk) is None
