"""Downloads and data-API twins: the rows behind each panel equal what it draws, and its API link returns them."""

from __future__ import annotations

import io

import pandas as pd
import pytest

from dashboard.catalog import PARTICIPATING
from dashboard.figures import choropleth, theme, timeseries
from dashboard.figures.event_labels import is_event
from dashboard.panels.registry import panel_api, panel_rows
from dashboard.web.urls import api_url


def api_rows(client, state, panel: str) -> pd.DataFrame:  # noqa: ANN001
    twin = panel_api(state, panel)
    assert twin is not None
    resource, params = twin
    response = client.get(api_url(resource, "csv", params))
    assert response.status_code == 200, response.get_data(as_text=True)
    return pd.read_csv(io.StringIO(response.get_data(as_text=True)), keep_default_na=False, na_values=[""])


MAP_VIEWS = [
    "?crime=migrant-smuggling&indicator=smuggling_offences&year=2019",
    "?crime=human-trafficking&year=2015",
    "?crime=human-trafficking&year=2019&measure=per100k&country=GRC",
    "?crime=asylum&year=2024&measure=per100k",
    "?crime=irregular-migration&from=2014&to=2016",
]


@pytest.mark.parametrize("query", MAP_VIEWS)
def test_map_download_equals_the_labels_and_the_api(store, view, client, query) -> None:
    state = view(query)
    frame = panel_rows(store, state, "map")
    assert set(PARTICIPATING) <= set(frame["iso3"])
    assert (frame["year"] == state.year).all()
    # the labels on the map are these rows' values
    fig = choropleth.build_choropleth(store, state, "/g")
    labels = dict(zip(PARTICIPATING, fig.data[1].text, strict=True))
    part = frame.set_index("iso3").loc[list(PARTICIPATING)]
    for code, row in part.iterrows():
        assert labels[code] == theme.short_value(row["value"], row["flag"], state.measure == "per100k")
    # and the API twin returns the same numbers
    api = api_rows(client, state, "map").set_index("iso3")
    with_value = frame[frame["value"].notna()].set_index("iso3")
    assert set(with_value.index) == set(api[api["value"].notna()].index) & set(store.names)
    for code, row in with_value.iterrows():
        assert api.loc[code, "value"] == pytest.approx(row["value"], rel=1e-12)
        assert api.loc[code, "source"] == row["source"]
    for code in part.index[part["value"].isna()]:
        assert code not in api.index or pd.isna(api.loc[code, "value"])


def test_map_download_keeps_no_data_and_suppressed_apart(store, view) -> None:
    frame = panel_rows(store, view("?crime=human-trafficking&year=2015"), "map").set_index("iso3")
    assert frame.loc["MKD", "flag"] == "suppressed" and pd.isna(frame.loc["MKD", "value"])
    frame = panel_rows(store, view("?crime=human-trafficking&year=2019"), "map").set_index("iso3")
    assert frame.loc["MNE", "flag"] == "" and pd.isna(frame.loc["MNE", "value"])
    assert frame.loc["TUR", "rank"] == 3 and frame.loc["TUR", "change"] == 217 - 133


@pytest.mark.parametrize("query", ["?crime=human-trafficking&country=MNE,MKD,GRC",
                                   "?crime=migrant-smuggling&indicator=smuggling_offences",
                                   "?crime=human-trafficking&measure=per100k&country=ROU"])
def test_country_series_download_equals_the_lines_and_the_api(store, view, client, query) -> None:
    state = view(query)
    frame = panel_rows(store, state, "series")
    fig = timeseries.build_timeseries(store, state)
    drawn = {(store.name(code), int(year)) for code, year in zip(frame["iso3"], frame["year"], strict=True)}
    for trace in (t for t in fig.data if not is_event(t)):  # the events are context: no row of the download
        for x, y in zip(trace.x, trace.y, strict=True):
            if not pd.isna(y):
                assert (trace.name, x) in drawn
                row = frame[(frame["name"] == trace.name) & (frame["year"] == x)]
                assert row["value"].iloc[0] == y
    api = api_rows(client, state, "series")

    def rows(table: pd.DataFrame) -> list[tuple]:
        flags = ["" if pd.isna(f) else str(f) for f in table["flag"]]
        values = [None if pd.isna(v) else round(float(v), 9) for v in table["value"]]
        return sorted(zip(table["iso3"], table["year"].astype(int), values, flags, strict=True))

    assert rows(api) == rows(frame)


def test_route_series_download_equals_the_api_monthly_sums(store, view, client) -> None:
    state = view("?series=route&nationality=SYR")
    frame = panel_rows(store, state, "series")
    api = api_rows(client, state, "series")
    sums = api.groupby(["route", "month"], as_index=False)["detections"].sum()
    assert sums.sort_values(["route", "month"], ignore_index=True).equals(
        frame[["route", "month", "detections"]].sort_values(["route", "month"], ignore_index=True))


@pytest.mark.parametrize("query", ["?year=2015", "?from=2016&to=2017&route=Western+Balkan+Route&top=3",
                                   "?year=2015&nationality=AFG"])
def test_route_sankey_download_equals_the_api(store, view, client, query) -> None:
    state = view(query)
    frame = panel_rows(store, state, "sankey")
    assert (frame["year_from"] == state.years[0]).all() and (frame["year_to"] == state.years[1]).all()
    api = api_rows(client, state, "sankey")
    first = frame[frame["kind"] == "nationality→route"]
    assert first.groupby("target")["value"].sum().to_dict() == api.groupby("route")["detections"].sum().to_dict()
    second = frame[frame["kind"] == "route→border"]
    assert second.groupby("target")["value"].sum().to_dict() == \
        api.groupby("border_type")["detections"].sum().to_dict()


@pytest.mark.parametrize("query", ["?crime=human-trafficking&year=2019", "?crime=human-trafficking&from=2018&to=2020"
                                   "&country=GRC,TUR&top=3", "?crime=asylum&year=2023",
                                   "?crime=asylum&indicator=refugees_hosted&year=2022&country=TUR"])
def test_flow_sankey_download_equals_the_api(store, view, client, query) -> None:
    state = view(query)
    frame = panel_rows(store, state, "sankey")
    api = api_rows(client, state, "sankey")
    drawn = api[api["value"] > 0]
    assert frame.groupby("target")["value"].sum().to_dict() == pytest.approx(
        drawn.groupby("destination")["value"].sum().to_dict())
    assert len(frame) > 0


@pytest.mark.parametrize("query", ["?crime=migrant-smuggling&year=2019", "?crime=deaths&year=2019",
                                   "?crime=context&year=2019"])
def test_a_panel_without_flows_has_no_rows_and_no_api_twin(store, view, query) -> None:
    state = view(query)
    assert panel_rows(store, state, "sankey").empty
    assert panel_api(state, "sankey") is None


def test_unknown_panel_is_refused(store, view) -> None:
    with pytest.raises(ValueError, match="unknown panel"):
        panel_rows(store, view("?year=2019"), "table")
