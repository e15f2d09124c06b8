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


def _lab(colour: str) -> tuple[float, float, float]:
    """CIE L*a*b* (D65) of a plotly colour string, for the distance between two colours as the eye sees it."""
    rgb = theme.pc.convert_colors_to_same_type([colour], colortype="tuple")[0][0]
    lin = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in rgb]
    xyz = [sum(m * c for m, c in zip(row, lin, strict=True)) / white for row, white in zip(
        ((0.4124, 0.3576, 0.1805), (0.2126, 0.7152, 0.0722), (0.0193, 0.1192, 0.9505)), (0.9505, 1.0, 1.089),
        strict=True)]
    f = [v ** (1 / 3) if v > 0.008856 else 7.787 * v + 16 / 116 for v in xyz]
    return 116 * f[1] - 16, 500 * (f[0] - f[1]), 200 * (f[1] - f[2])


def test_no_data_has_a_look_no_class_can_have():
    """Issue 15: cividis's middle class was a mid grey beside the light grey of "no data". Now every value class
    and "suppressed" are coloured (chroma >= 15) and well apart from "no data" (a neutral grey, ΔE >= 15)."""
    no_data = _lab(theme.NO_DATA)
    assert abs(no_data[1]) < 1 and abs(no_data[2]) < 1  # a neutral grey
    for fill in choropleth.CLASS_FILLS[choropleth.SUPPRESSED_CLASS:]:
        lab = _lab(fill)
        assert (lab[1] ** 2 + lab[2] ** 2) ** 0.5 >= 15, f"{fill} is greyish"
        assert sum((a - b) ** 2 for a, b in zip(lab, no_data, strict=True)) ** 0.5 >= 15, fill


def test_a_no_data_country_stays_a_shape_and_its_label_reads():
    """Its outline reaches 3:1 on its fill, and its "–" label 4.5:1."""
    assert contrast(theme.BORDER, theme.NO_DATA) >= 3
    assert contrast(theme.text_on(theme.NO_DATA), theme.NO_DATA) >= 4.5


def test_the_legend_says_no_data_in_the_colour_of_no_data(store, domain):
    fig = choropleth.build_choropleth(store, default_state(domain, "migrant-smuggling").with_(year=2019), "/x")
    bar, scale = fig.data[0].colorbar, fig.data[0].colorscale
    n = len(bar.ticktext)
    colour_at = {i: next(c for at, c in scale if at >= (i + 0.5) / n) for i in range(n)}  # each class's band
    assert bar.ticktext[0] == "No data (–)" and colour_at[0] == theme.NO_DATA
    assert theme.NO_DATA not in [colour_at[i] for i in range(1, n)]
    greece = fig.data[0].locations.index("GRC")
    assert fig.data[0].z[greece] >= choropleth.FIRST_VALUE_CLASS  # Greece has data: never drawn as no data
