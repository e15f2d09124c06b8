"""The choropleth: the numbers drawn on the map (labels, hover, colour class) equal the prepared data.

Expected values are read from data/country_indicators.parquet with pandas, not through the Store. Figures are
compared after a JSON round trip, because that is what the browser receives (NaN becomes null there).
"""

from __future__ import annotations

import json
import re

import plotly.graph_objects as go
import pytest
from dash import Patch
from plotly.io.json import to_json_plotly

from callbacks.panels import _apply
from dashboard.catalog import PARTICIPATING
from dashboard.figures import choropleth, theme
from tests.unit.conftest import raw_value

GEO = "/data/countries.geojson"


def as_json(fig: go.Figure) -> dict:
    return json.loads(fig.to_json())


def by_country(fig: dict) -> dict[str, dict]:
    """ISO-3 -> what the map shows for it: class index, hover rows and (participating only) the label."""
    shapes, labels = fig["data"][0], fig["data"][1]
    out = {code: {"z": z, "hover": hover} for code, z, hover in
           zip(shapes["locations"], shapes["z"], shapes["customdata"], strict=True)}
    for code, text in zip(PARTICIPATING, labels["text"], strict=True):  # label trace is in PARTICIPATING order
        out[code]["label"] = text
    return out


def legend(fig: dict) -> list[str]:
    return fig["data"][0]["colorbar"]["ticktext"]


def _number(text: str) -> float:
    return float(text.replace(",", ""))


def label_range(label: str) -> tuple[float, float]:
    """'under 40' / '40 – 88' / '1,000 and over' -> [lo, hi) as the reader understands it."""
    if m := re.fullmatch(r"under ([\d,.]+)", label):
        return float("-inf"), _number(m[1])
    if m := re.fullmatch(r"([\d,.]+) – ([\d,.]+)", label):
        return _number(m[1]), _number(m[2])
    if m := re.fullmatch(r"([\d,.]+) and over", label):
        return _number(m[1]), float("inf")
    raise AssertionError(f"unexpected legend label {label!r}")


# ---- values ------------------------------------------------------------------------------------------------

def test_smuggling_2019_labels_and_hover_show_the_published_offences(store, view, raw_indicators) -> None:
    fig = as_json(choropleth.build_choropleth(store, view("?crime=migrant-smuggling&indicator=smuggling_offences"
                                                          "&year=2019"), GEO))
    shown = by_country(fig)
    # Published UNODC figures (data/country_indicators.parquet): Türkiye 6,302, Greece 1,533, Croatia 946.
    for code, hover, label in (("TUR", "6,302", "6.3k"), ("GRC", "1,533", "1.5k"), ("HRV", "946", "946")):
        assert raw_value(raw_indicators, "smuggling_offences", code, 2019) == (_number(hover), "")
        assert shown[code]["hover"][1] == hover
        assert shown[code]["label"] == label
    for code in PARTICIPATING:
        value, flag = raw_value(raw_indicators, "smuggling_offences", code, 2019)
        assert shown[code]["hover"][1] == theme.format_value(value, flag)
        assert shown[code]["label"] == theme.short_value(value, flag)
    assert fig["layout"]["title"]["text"] == "Smuggling of migrants: police-recorded offences, 2019"
    assert "UNODC" in shown["TUR"]["hover"][4]


def test_context_countries_are_drawn_with_their_own_values(store, view, raw_indicators) -> None:
    shown = by_country(as_json(choropleth.build_choropleth(
        store, view("?crime=migrant-smuggling&indicator=smuggling_offences&year=2019"), GEO)))
    assert raw_value(raw_indicators, "smuggling_offences", "DEU", 2019) is not None
    value, flag = raw_value(raw_indicators, "smuggling_offences", "DEU", 2019)
    assert shown["DEU"]["hover"][1] == theme.format_value(value, flag)
    assert shown["DEU"]["hover"][2] == "not ranked (context country)"


@pytest.mark.parametrize("query", [
    "?crime=migrant-smuggling&indicator=smuggling_offences&year=2019",
    "?crime=human-trafficking&year=2015",
    "?crime=human-trafficking&year=2019&measure=per100k",
    "?crime=migrant-smuggling&indicator=smuggling_offences_per_100k&year=2018",
    "?crime=deaths&year=2016&measure=per100k",
    "?crime=asylum&year=2020",
])
def test_every_value_sits_in_the_legend_class_its_colour_names(store, view, query) -> None:
    fig = as_json(choropleth.build_choropleth(store, view(query), GEO))
    ticks = legend(fig)
    assert ticks[:2] == ["No data (–)", "Fewer than 5 (<5)"]
    frame = choropleth.map_frame(store, view(query)).set_index("iso3")
    for code, shown in by_country(fig).items():
        value, flag = frame.loc[code, "value"], frame.loc[code, "flag"]
        if flag == "suppressed":
            assert shown["z"] == choropleth.SUPPRESSED_CLASS
        elif value != value:  # NaN
            assert shown["z"] == choropleth.NO_DATA_CLASS
        else:
            lo, hi = label_range(ticks[shown["z"]])
            assert lo <= value < hi, (code, value, ticks[shown["z"]])
    colours = fig["data"][0]["colorscale"]
    assert len(colours) == 2 * len(ticks)  # one flat band per legend entry, so z=i is exactly colour i
    assert fig["data"][0]["zmin"] == -0.5 and fig["data"][0]["zmax"] == len(ticks) - 0.5


def test_legend_labels_are_as_precise_as_the_breaks(store) -> None:
    """A rate break of 0.45 must not be printed as 0.5: a value of 0.47 would then sit in '0.5 – 0.93'."""
    for indicator, measure in (("thb_victims", "per100k"), ("dead_and_missing", "per100k"),
                               ("smuggling_offences_per_100k", "absolute"), ("smuggling_offences", "absolute")):
        breaks = choropleth.class_breaks(store, indicator, measure)
        labels = choropleth.class_labels(breaks)
        bounds = [label_range(lab) for lab in labels]
        assert [hi for _, hi in bounds[:-1]] == pytest.approx(list(breaks))
        assert [lo for lo, _ in bounds[1:]] == pytest.approx(list(breaks))
        assert len(set(labels)) == len(labels)


def test_missing_country_is_no_data_not_zero(store, view, raw_indicators) -> None:
    """Montenegro has no trafficking row for 2019: class 0, label '–', hover 'no data', unranked."""
    assert raw_value(raw_indicators, "thb_victims", "MNE", 2019) is None
    shown = by_country(as_json(choropleth.build_choropleth(store, view("?crime=human-trafficking&year=2019"), GEO)))
    mne = shown["MNE"]
    assert mne["z"] == choropleth.NO_DATA_CLASS
    assert mne["label"] == "–"
    assert mne["hover"][1] == "no data"
    assert mne["hover"][2] == "not ranked (no value)"
    assert mne["hover"][3].startswith("no comparison")


def test_suppressed_value_is_fewer_than_five(store, view, raw_indicators) -> None:
    """GLOTIP publishes North Macedonia 2015 as '<5': class 1 and '<5', never 0 or 5."""
    assert raw_value(raw_indicators, "thb_victims", "MKD", 2015) == (None, "suppressed")
    shown = by_country(as_json(choropleth.build_choropleth(store, view("?crime=human-trafficking&year=2015"), GEO)))
    assert shown["MKD"]["z"] == choropleth.SUPPRESSED_CLASS
    assert shown["MKD"]["label"] == "<5"
    assert shown["MKD"]["hover"][1] == "fewer than 5 (suppressed)"
    assert "suppressed" in shown["MKD"]["hover"][5]


def test_rank_counts_only_participating_countries_with_a_value(store, view) -> None:
    shown = by_country(as_json(choropleth.build_choropleth(
        store, view("?crime=migrant-smuggling&indicator=smuggling_offences&year=2019"), GEO)))
    assert shown["TUR"]["hover"][2] == "1 of 11 participating countries with data"
    assert shown["GRC"]["hover"][2] == "2 of 11 participating countries with data"
    assert shown["HRV"]["hover"][2] == "3 of 11 participating countries with data"
    assert shown["CYP"]["hover"][2] == "11 of 11 participating countries with data"
    # 2015: North Macedonia and Montenegro suppressed, so 9 ranked; Romania (880) first.
    shown = by_country(as_json(choropleth.build_choropleth(store, view("?crime=human-trafficking&year=2015"), GEO)))
    assert shown["ROU"]["hover"][2] == "1 of 9 participating countries with data"
    assert shown["MKD"]["hover"][2] == "not ranked (no value)"


def test_change_from_previous_year_and_no_carry_forward(store, view, raw_indicators) -> None:
    assert raw_value(raw_indicators, "smuggling_offences", "TUR", 2018) == (4202.0, "")
    shown = by_country(as_json(choropleth.build_choropleth(
        store, view("?crime=migrant-smuggling&indicator=smuggling_offences&year=2019"), GEO)))
    assert shown["TUR"]["hover"][3] == "+2,100 from 2018"  # 6,302 - 4,202
    assert shown["GRC"]["hover"][3] == "-120 from 2018"
    # North Macedonia has no 2018 row (2017: 13): no comparison, not "+36 from 2017" and not "+49".
    assert raw_value(raw_indicators, "smuggling_offences", "MKD", 2018) is None
    assert shown["MKD"]["hover"][3] == "no comparison (a year is missing)"
    # Türkiye has no 2015 row: 2016 cannot be compared.
    assert raw_value(raw_indicators, "smuggling_offences", "TUR", 2015) is None
    shown = by_country(as_json(choropleth.build_choropleth(
        store, view("?crime=migrant-smuggling&indicator=smuggling_offences&year=2016"), GEO)))
    assert shown["TUR"]["hover"][3] == "no comparison (a year is missing)"


def test_per_100k_divides_by_the_same_years_population(store, view, raw_indicators) -> None:
    shown = by_country(as_json(choropleth.build_choropleth(
        store, view("?crime=human-trafficking&year=2019&measure=per100k"), GEO)))
    for code in PARTICIPATING:
        count = raw_value(raw_indicators, "thb_victims", code, 2019)
        population, _ = raw_value(raw_indicators, "population", code, 2019)
        if count is None or count[0] is None:
            assert shown[code]["z"] in (choropleth.NO_DATA_CLASS, choropleth.SUPPRESSED_CLASS)
            continue
        assert shown[code]["hover"][1] == f"{count[0] / population * 100_000:,.2f}"
    assert shown["MNE"]["label"] == "–"


def test_per_100k_without_that_years_population_is_no_data(store, view, raw_indicators) -> None:
    """UN WPP ends in 2023; 2024 asylum applicants per 100,000 must not borrow 2023's population, and the
    hover says why the rate is missing."""
    assert raw_value(raw_indicators, "population", "GRC", 2024) is None
    assert raw_value(raw_indicators, "asylum_applicants_eu", "GRC", 2024)[0] == 73655.0
    shown = by_country(as_json(choropleth.build_choropleth(store, view("?crime=asylum&year=2024&measure=per100k"),
                                                           GEO)))
    for code in PARTICIPATING:
        assert shown[code]["z"] == choropleth.NO_DATA_CLASS
        assert shown[code]["label"] == "–"
    assert shown["GRC"]["hover"][1] == "no rate: no population figure after 2023 (UN WPP 2024 ends in 2023)"


def test_selected_countries_are_outlined(store, view) -> None:
    fig = as_json(choropleth.build_choropleth(store, view("?crime=human-trafficking&year=2019&country=GRC,TUR"), GEO))
    widths = dict(zip(fig["data"][0]["locations"], fig["data"][0]["marker"]["line"]["width"], strict=True))
    colours = dict(zip(fig["data"][0]["locations"], fig["data"][0]["marker"]["line"]["color"], strict=True))
    assert widths["GRC"] == widths["TUR"] > widths["ALB"]
    assert colours["GRC"] == theme.SELECTED and colours["ALB"] != theme.SELECTED


def test_value_labels_let_clicks_through_to_the_country(store, view) -> None:
    # A label catching the click would send clickData without a location, and clicking "1.5k" on Greece would
    # select nothing (tests/browser/test_dashboard.py clicks there with a real mouse).
    fig = as_json(choropleth.build_choropleth(store, view("?crime=migrant-smuggling&year=2019"), GEO))
    assert fig["data"][1]["mode"] == "text" and fig["data"][1]["hoverinfo"] == "skip"


def _contrast(a: str, b: str) -> float:
    def lum(colour: str) -> float:
        rgb = [int(x) for x in re.findall(r"\d+", colour)] if colour.startswith("rgb") else \
            [int(colour[i:i + 2], 16) for i in (1, 3, 5)]
        lin = [c / 255 / 12.92 if c / 255 <= 0.04045 else ((c / 255 + 0.055) / 1.055) ** 2.4 for c in rgb]
        return 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]

    hi, lo = sorted((lum(a), lum(b)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


@pytest.mark.parametrize("query", ["?crime=human-trafficking&year=2022", "?year=2022", "?crime=asylum&year=2024"])
def test_value_labels_contrast_with_their_country_fill(store, view, query) -> None:
    # Dark type on cividis's dark classes was invisible (Montenegro, North Macedonia in the screenshots).
    fig = as_json(choropleth.build_choropleth(store, view(query), GEO))
    fills = [choropleth.CLASS_FILLS[row["z"]] for code, row in by_country(fig).items() if code in PARTICIPATING]
    colours = fig["data"][1]["textfont"]["color"]
    for fill, colour in zip(fills, colours, strict=True):
        best = max(_contrast(fill, "#000000"), _contrast(fill, "#ffffff"))
        assert _contrast(fill, colour) == best >= 4.5, (fill, colour)  # WCAG AA for text, on every class
    assert "#ffffff" in colours  # these views do have countries in the dark classes


def test_geometry_is_referenced_by_url_not_inlined(store, view) -> None:
    fig = as_json(choropleth.build_choropleth(store, view("?crime=human-trafficking&year=2019"), GEO))
    assert fig["data"][0]["geojson"] == GEO


def test_incidents_layer_draws_iom_points_of_the_selected_years(store, view) -> None:
    state = view("?crime=deaths&year=2016&incidents=1")
    fig = choropleth.build_choropleth(store, state, GEO)
    assert len(fig.data) == 3
    incidents = store.incidents[(store.incidents["year"] == 2016) & (store.incidents["dead_and_missing"] > 0)]
    assert len(fig.data[2].lon) == len(incidents) > 0
    assert sorted(int(c[1]) for c in fig.data[2].customdata) == sorted(incidents["dead_and_missing"].astype(int))


# ---- the year step as a Patch -----------------------------------------------------------------------------

def apply_patch(figure: dict, patch: Patch) -> dict:
    """Apply a Dash Patch (only 'Assign' operations are used here) to a figure dict, as the renderer does."""
    for op in patch.to_plotly_json()["operations"]:
        assert op["operation"] == "Assign"
        node = figure
        *path, last = op["location"]
        for key in path:
            node = node[key]
        node[last] = json.loads(to_json_plotly(op["params"]["value"]))  # the wire format the browser gets
    return figure


@pytest.mark.parametrize(("before", "after"), [
    ("?crime=migrant-smuggling&indicator=smuggling_offences&year=2018",
     "?crime=migrant-smuggling&indicator=smuggling_offences&year=2019&country=GRC"),
    ("?crime=human-trafficking&year=2014", "?crime=human-trafficking&year=2015"),
    ("?crime=human-trafficking&year=2019&measure=per100k", "?crime=human-trafficking&year=2018&measure=per100k"),
    ("?crime=asylum&year=2024", "?crime=asylum&year=2011"),
])
def test_year_update_patch_gives_the_same_figure_as_a_fresh_build(store, view, before, after) -> None:
    old = as_json(choropleth.build_choropleth(store, view(before), GEO))
    patched = apply_patch(old, _apply(Patch(), choropleth.year_update(store, view(after))))
    fresh = as_json(choropleth.build_choropleth(store, view(after), GEO))
    assert patched["data"] == fresh["data"]
    assert patched["layout"]["title"] == fresh["layout"]["title"]


def test_class_breaks_are_exact_so_a_value_on_a_break_opens_the_upper_class() -> None:
    assert theme.nice_number(2.43) == 2.4  # not 2.4000000000000004, which would put 2.4 in "1.3 – 2.4"
    assert theme.nice_number(0.4537) == 0.45
    assert theme.nice_number(1187.4) == 1200
    assert choropleth.class_labels((1.3, 2.4, 4.3)) == ["under 1.3", "1.3 – 2.4", "2.4 – 4.3", "4.3 and over"]
