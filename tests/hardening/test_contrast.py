"""Contrast (WCAG 2.1 AA): text 4.5:1, shapes and lines that carry meaning 3:1, and never colour alone.

The colours come from the figure theme and the figures themselves, so a palette change that breaks a ratio, or a
chart that drops its second cue (marker, dash, label), fails here.
"""

from __future__ import annotations

import pytest

from dashboard.catalog import PARTICIPATING
from dashboard.figures import choropleth, sankey, theme, timeseries
from dashboard.figures.event_labels import is_event
from dashboard.view.state import SEE_ROUTES, default_state

WHITE = "#ffffff"
PAGE = "#f4f5f7"  # assets/app.css body background
OCEAN = choropleth.SEA  # the map's sea


def contrast(a: str, b: str) -> float:
    hi, lo = sorted((theme._luminance(a), theme._luminance(b)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


@pytest.mark.parametrize("colour", [theme.TEXT, theme.MUTED])
def test_text_colours_reach_4_5_to_1(colour):
    assert contrast(colour, WHITE) >= 4.5
    assert contrast(colour, PAGE) >= 4.5


@pytest.mark.parametrize(("name", "colour"), [
    *[(f"country {k}", v) for k, v in theme.COUNTRY_COLOURS.items()],
    *[(f"route {k}", v) for k, v in theme.ROUTE_COLOURS.items()],
    *[(f"border type {k}", v) for k, v in theme.BORDER_TYPE_COLOURS.items()],
    ("other node", theme.OTHER_NODE), ("selection", theme.SELECTED),
])
def test_lines_and_bars_reach_3_to_1_on_white(name, colour):
    assert contrast(colour, WHITE) >= 3, name


@pytest.mark.parametrize("colour", [theme.BORDER, theme.SELECTED])
def test_country_outlines_reach_3_to_1_on_land_and_sea(colour):
    assert contrast(colour, theme.LAND) >= 3
    assert contrast(colour, OCEAN) >= 3


def test_every_map_label_reaches_4_5_to_1_on_its_fill():
    for fill in choropleth.CLASS_FILLS:
        assert contrast(theme.text_on(fill), fill) >= 4.5, fill


def test_map_values_are_written_on_the_map_not_only_coloured(store, domain):
    """Each participating country carries its value (or '–' / '<5') as text; the legend names every class."""
    state = default_state(domain, "migrant-smuggling").with_(year=2019)
    fig = choropleth.build_choropleth(store, state, "/data/countries.geojson")
    labels = fig.data[1]
    assert len(labels.text) == len(PARTICIPATING) and all(labels.text)
    ticks = fig.data[0].colorbar.ticktext
    assert ticks[0].startswith("No data") and ticks[1].startswith("Fewer than 5")


def test_time_series_lines_differ_by_marker_or_dash_not_only_colour(store, domain):
    by_country = timeseries.build_timeseries(store, default_state(domain, "migrant-smuggling"))
    symbols = [trace.marker.symbol for trace in by_country.data if not is_event(trace)]  # not the events
    assert len(set(symbols)) == len(symbols) == len(PARTICIPATING)
    by_route = timeseries.build_timeseries(store, default_state(domain))
    dashes = [trace.line.dash for trace in by_route.data  # not a route's lone-month dots, nor the events' lines
              if trace.mode == "lines" and not is_event(trace)]
    assert len(set(dashes)) == len(dashes) == len(SEE_ROUTES)


def test_sankey_nodes_are_outlined_and_labelled(store, domain):
    fig = sankey.build_sankey(store, default_state(domain).with_(year=2016))
    node = fig.data[0].node
    assert contrast(node.line.color, WHITE) >= 3 and node.line.width >= 1
    assert all(node.label)
