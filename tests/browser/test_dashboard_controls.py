"""The dashboard's controls in a real browser: a map click, the URL, Back, bad parameters and Play.

How these tests run, and why their expected numbers come from data/ and not the app: dashboard_page.py.
"""

from __future__ import annotations

import re
from urllib.parse import parse_qs, urlsplit

import pytest

from dashboard.catalog import CRIME_TYPES, CRIMES, INDICATORS, PARTICIPATING
from layouts.ids import Ids
from tests.browser import dashboard_page as ui

# ---- 3: a click on a country selects it in the time series and the URL ------------------------------------


def test_clicking_a_country_on_the_map_selects_it(page, recorder, indicators, countries):
    ui.open_view(page, "?crime=migrant-smuggling&year=2019")
    assert len(ui.series_points(page)) == len(PARTICIPATING)  # all 11 before the click

    # A real mouse click on Greece's label point, located through the map's own projection.
    lon, lat = float(countries.at["GRC", "lon"]), float(countries.at["GRC", "lat"])
    point = page.evaluate(ui.JS_MAP_POINT, [ui.MAP, "GRC", lon, lat])
    assert point["inside"], point  # the label point lies on Greece's shape
    page.mouse.move(point["x"], point["y"])
    page.mouse.click(point["x"], point["y"])

    page.wait_for_url(re.compile(r"[?&]country=GRC(&|$)"), timeout=ui.TIMEOUT)
    page.wait_for_function(ui.JS_HELPERS + "(id) => gd(id).data.filter(t => t.yaxis !== 'y2')"  # not the events
                           ".map(t => t.name).join() === 'Greece'", arg=ui.SERIES, timeout=ui.TIMEOUT)
    assert ui.query_of(page)["country"] == ["GRC"]
    assert ui.query_of(page)["crime"] == ["migrant-smuggling"] and ui.query_of(page)["year"] == ["2019"]

    expected = ui.points_by_name(ui.published(indicators, "smuggling_offences", ["GRC"]), countries)
    ui.assert_close(ui.series_points(page), expected, "time series after clicking Greece")
    # The map outlines the selection (its response may land after the time series' one: wait for it).
    page.wait_for_function(ui.JS_HELPERS + """(id) => {
        const t = gd(id).data[0], w = arr(t.marker.line.width), i = arr(t.locations).indexOf('GRC');
        return i >= 0 && w[i] > Math.max(...w.filter((_, j) => j !== i));
    }""", arg=ui.MAP, timeout=ui.TIMEOUT)
    shown = page.evaluate(ui.JS_MAP, ui.MAP)
    widths = dict(zip(shown["locations"], shown["lineWidths"], strict=True))
    assert widths["GRC"] > max(w for code, w in widths.items() if code != "GRC")
    assert not recorder.errors(), recorder.errors()


# ---- 4: a URL reproduces the view, controls write the URL, back walks the history --------------------------

ROUND_TRIP = "?crime=human-trafficking&indicator=thb_victims_female&year=2019&country=GRC,TUR&measure=per100k&top=5"


def _controls(page) -> dict:
    return {
        "crime": page.inner_text(f"#{Ids.CRIME}-value"),
        "indicator": page.inner_text(f"#{Ids.INDICATOR}-value"),
        "countries": page.locator(f"#{Ids.COUNTRIES}-value .dash-dropdown-value-item").all_inner_texts(),
        "measure": page.eval_on_selector_all(f"#{Ids.MEASURE} input", "els => els.filter(e => e.checked)"
                                                                     ".map(e => e.value)"),
        "slider": page.get_attribute(f"#{Ids.YEAR} [role=slider]", "aria-valuenow"),
        "year_label": page.inner_text(f"#{Ids.YEAR_LABEL}"),
        "top": page.input_value(f"#{Ids.TOP}"),
    }


def test_url_round_trip_reproduces_the_view_and_back_restores_it(page, recorder, indicators, countries):
    indicator = INDICATORS["thb_victims_female"]
    ui.open_view(page, ROUND_TRIP, sankey_nodes=True)

    assert _controls(page) == {
        "crime": CRIME_TYPES["human-trafficking"], "indicator": indicator.label, "countries": ["Greece", "Türkiye"],
        "measure": ["per100k"], "slider": "2019", "year_label": "2019", "top": "5",
    }
    assert page.evaluate(ui.JS_TITLE, ui.MAP) == f"{indicator.label} per 100,000 population, 2019"
    assert page.evaluate(ui.JS_TITLE, ui.SANKEY).endswith(", 2019")
    nodes = page.evaluate(ui.JS_SANKEY_NODES, ui.SANKEY)
    assert {n for n in nodes if n.startswith("destination:")} == {"destination:GRC", "destination:TUR"}
    assert len([n for n in nodes if n.startswith("origin:")]) <= 5 + 1  # top 5 and "Other"
    assert page.evaluate(ui.JS_TITLE, ui.SERIES) == f"{indicator.label} per 100,000 population"
    expected = ui.points_by_name(ui.published(indicators, indicator.id, ["GRC", "TUR"], per100k=True), countries)
    ui.assert_close(ui.series_points(page), expected, "time series per 100,000")
    # The map's hover numbers are the rates for 2019 (two decimals).
    shown = page.evaluate(ui.JS_MAP, ui.MAP)
    hover = dict(zip(shown["locations"], (ui.hover_number(row[1]) for row in shown["customdata"]), strict=True))
    for iso3 in ("GRC", "TUR"):
        assert hover[iso3] == pytest.approx(round(expected[countries.at[iso3, "name"]][2019], 2)), iso3
    before_url = page.url

    # One year back with the keyboard on the slider's handle: the URL follows.
    page.focus(f"#{Ids.YEAR} [role=slider]")
    page.keyboard.press("ArrowLeft")
    page.wait_for_url(re.compile(r"[?&]year=2018(&|$)"), timeout=ui.TIMEOUT)
    page.wait_for_function(ui.JS_HELPERS + "(id) => gd(id).layout.title.text.endsWith(', 2018')", arg=ui.MAP,
                           timeout=ui.TIMEOUT)
    assert page.inner_text(f"#{Ids.YEAR_LABEL}") == "2018"
    after = ui.query_of(page)
    assert after.pop("year") == ["2018"]
    assert after == {k: v for k, v in parse_qs(urlsplit(before_url).query).items() if k != "year"}

    # Back: the previous URL and the previous view.
    page.go_back()
    page.wait_for_url(before_url, timeout=ui.TIMEOUT)
    page.wait_for_function(ui.JS_HELPERS + "(id) => gd(id).layout.title.text.endsWith(', 2019')", arg=ui.MAP,
                           timeout=ui.TIMEOUT)
    assert page.inner_text(f"#{Ids.YEAR_LABEL}") == "2019"
    assert page.get_attribute(f"#{Ids.YEAR} [role=slider]", "aria-valuenow") == "2019"
    assert not recorder.errors(), recorder.errors()


# ---- 6: bad parameters -------------------------------------------------------------------------------------


def test_bad_parameters_show_a_notice_and_the_default_view(page, recorder):
    page.goto("/?year=abc&crime=piracy")
    ui.wait_drawn(page)

    notices = page.locator(f"#{Ids.NOTICES} .alert")
    notices.first.wait_for(state="visible", timeout=ui.TIMEOUT)
    text = " ".join(notices.all_inner_texts())
    assert '"piracy"' in text and '"abc"' in text, text
    # The default view: irregular migration's opening indicator and year (catalog.CRIMES).
    default, latest = CRIMES["irregular-migration"].default_indicator, CRIMES["irregular-migration"].opening_year
    assert page.inner_text(f"#{Ids.CRIME}-value") == CRIME_TYPES["irregular-migration"]
    assert page.inner_text(f"#{Ids.YEAR_LABEL}") == str(latest)
    assert page.evaluate(ui.JS_TITLE, ui.MAP) == f"{INDICATORS[default].label}, {latest}"
    assert "Traceback" not in page.content() and "Error" not in page.title()
    assert not [s for _, s in recorder.responses if s >= 500], recorder.responses
    assert not recorder.errors(), recorder.errors()


# ---- 8: play ---------------------------------------------------------------------------------------------


#: The year label, the slider and the URL agree (a tick sent just before Pause may still be on its way).
_YEAR_SETTLED = """([labelId, yearId]) => {
    const label = document.getElementById(labelId).textContent;
    const slider = document.querySelector(`#${yearId} [role=slider]`).getAttribute('aria-valuenow');
    const inUrl = new URLSearchParams(location.search).get('year');
    return label === slider && (inUrl === label || inUrl === null);
}"""


def test_play_advances_the_year_and_pause_stops(page, recorder):
    ui.open_view(page, "?year=2015")
    page.select_option(f"#{Ids.SPEED}", "600")
    page.click(f"#{Ids.PLAY}")
    page.wait_for_function("(id) => Number(document.getElementById(id).textContent) > 2015", arg=Ids.YEAR_LABEL,
                           timeout=ui.TIMEOUT)
    page.click(f"#{Ids.PLAY}")
    page.wait_for_function("(id) => document.getElementById(id).textContent.includes('Play')", arg=Ids.PLAY,
                           timeout=ui.TIMEOUT)
    page.wait_for_function(_YEAR_SETTLED, arg=[Ids.YEAR_LABEL, Ids.YEAR], timeout=ui.TIMEOUT)
    year = int(page.inner_text(f"#{Ids.YEAR_LABEL}"))
    assert year > 2015
    page.wait_for_function(ui.JS_HELPERS + "([id, year]) => gd(id).layout.title.text.endsWith(', ' + year)",
                           arg=[ui.MAP, year], timeout=ui.TIMEOUT)  # the map follows
    assert not recorder.errors(), recorder.errors()
