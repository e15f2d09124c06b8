"""Two years side by side (`compare=YEAR`): the change each map, hover, table and CSV shows is the later published
value less the earlier one, read here straight from data/ with pandas; a year without a value is "no data",
never 0; a share changes in percentage points; a bad `compare` is a notice naming it.
"""

from __future__ import annotations

import io
import json

import numpy as np
import pandas as pd
import pytest

from dashboard.figures import theme
from dashboard.figures.compare import build_compare, compare_frame
from dashboard.panels.registry import panel_heading, panel_notes, panel_rows, panel_summary, patch_key
from dashboard.panels.summaries import table_cells
from dashboard.view.state import parse_query, timeline_key, to_query
from dashboard.view.timeline import step
from layouts.ids import Ids
from tests.unit.conftest import raw_value
from tests.unit.dash_post import post

DEFAULT = "?compare=2015&year=2022"
#: The default indicator composes Eurostat's figure (Greece) and Türkiye's.
GREECE = ("illegally_present", "GRC")


def _traces(fig) -> dict[str, list]:  # noqa: ANN001
    """Subplot -> its choropleth traces, in order."""
    out: dict[str, list] = {}
    for trace in fig.data:
        if trace.type == "choropleth":
            out.setdefault(trace.geo, []).append(trace)
    return out


def _where(trace, iso3: str) -> int:  # noqa: ANN001
    return list(trace.locations).index(iso3)


def test_greece_change_2015_to_2022_is_the_later_published_value_less_the_earlier(store, view, raw_indicators
                                                                                   ) -> None:  # noqa: ANN001
    before, _ = raw_value(raw_indicators, *GREECE, 2015)
    after, _ = raw_value(raw_indicators, *GREECE, 2022)
    change, percent = after - before, (after - before) / before * 100
    assert before == 911470 and after == 49060  # the published figures this test is about
    state = view(DEFAULT)
    assert (state.year, state.compare, state.indicator) == (2022, 2015, "irregular_migration_national")
    maps = _traces(build_compare(store, state, "/outlines.json"))
    left, right, (changed, _blank) = maps["geo"][0], maps["geo2"][0], maps["geo3"]
    hover = changed.customdata[_where(changed, "GRC")]
    assert changed.z[_where(changed, "GRC")] == pytest.approx(percent)
    assert hover[:5] == ["Greece", "2015: 911,470", "2022: 49,060", "-862,410 (-94.6%)", "Eurostat"]
    assert left.customdata[_where(left, "GRC")] == right.customdata[_where(right, "GRC")] == hover
    row = panel_rows(store, state, "map").set_index("iso3").loc["GRC"]
    assert (row["compare_year"], row["compare_value"], row["year"], row["value"]) == (2015, before, 2022, after)
    assert row["change"] == change and row["change_percent"] == pytest.approx(percent)
    assert "Greece (from 911,470 to 49,060: -862,410 (-94.6%))" in panel_summary(store, state, "map")


def test_the_csv_a_user_downloads_has_both_years_and_the_change(client, raw_indicators) -> None:  # noqa: ANN001
    resp = client.get(f"/export/map.csv{DEFAULT}")
    assert resp.status_code == 200
    assert "see-route-monitor_map_irregular_migration_national_2022_vs_2015.csv" in resp.headers["Content-Disposition"]
    rows = pd.read_csv(io.StringIO(resp.get_data(as_text=True)), comment="#", keep_default_na=False,
                       na_values=[""]).set_index("iso3")
    before, _ = raw_value(raw_indicators, *GREECE, 2015)
    after, _ = raw_value(raw_indicators, *GREECE, 2022)
    assert rows.loc["GRC", ["compare_value", "value", "change"]].tolist() == [before, after, after - before]
    assert rows.loc["GRC", "change_unit"] == "persons (definitions differ)"
    # Montenegro has no 2015 figure: its change is empty, not 0
    assert raw_value(raw_indicators, "illegally_present", "MNE", 2015) is None
    assert pd.isna(rows.loc["MNE", "compare_value"]) and pd.isna(rows.loc["MNE", "change"])
    assert rows.loc["MNE", "value"] == raw_value(raw_indicators, "illegally_present", "MNE", 2022)[0]


def test_a_country_without_a_value_in_one_year_shows_no_data_never_0(store, view) -> None:  # noqa: ANN001
    state = view(DEFAULT)
    fig = build_compare(store, state, "/outlines.json")
    changed, blank = _traces(fig)["geo3"]
    assert "MNE" not in changed.locations and "MNE" in blank.locations  # drawn in the fill of "no data"
    assert {colour for _, colour in blank.colorscale} == {theme.NO_DATA}
    hover = blank.customdata[_where(blank, "MNE")]
    assert hover[1:4] == ["2015: no data", "2022: 1,020", "no comparison (2015: no data)"]
    labels = next(t for t in fig.data if t.type == "scattergeo" and t.geo == "geo3")
    names = ["ALB", "BIH", "BGR", "HRV", "CYP", "GRC", "MKD", "MNE", "ROU", "SRB", "TUR"]
    assert dict(zip(names, labels.text, strict=True))["MNE"] == "–"
    frame = panel_rows(store, state, "map")
    columns, cells = table_cells(frame)
    mne = dict(zip(columns, cells[frame.index[frame["iso3"] == "MNE"][0]], strict=True))
    assert mne["compare value"] == "no data" and mne["change"] == "" and mne["value"] == "1,020"
    assert "No comparison (no value in one of the years): " in panel_summary(store, state, "map")
    assert "Montenegro" in panel_summary(store, state, "map").split("No comparison")[1]


def test_a_suppressed_year_is_no_comparison_either(store, view, raw_indicators) -> None:  # noqa: ANN001
    assert raw_value(raw_indicators, "thb_victims", "MKD", 2015) == (None, "suppressed")
    state = view("?crime=human-trafficking&compare=2015&year=2022")
    row = compare_frame(store, state).set_index("iso3").loc["MKD"]
    assert np.isnan(row["change"]) and np.isnan(row["change_percent"])
    changed, blank = _traces(build_compare(store, state, "/o.json"))["geo3"]
    assert "MKD" in blank.locations
    assert blank.customdata[_where(blank, "MKD")][3] == "no comparison (2015: fewer than 5 (suppressed))"


def test_a_share_changes_in_percentage_points(store, view, raw_indicators) -> None:  # noqa: ANN001
    state = view("?crime=asylum&indicator=asylum_recognition_rate&compare=2015&year=2022")
    before, _ = raw_value(raw_indicators, "asylum_recognition_rate", "GRC", 2015)
    after, _ = raw_value(raw_indicators, "asylum_recognition_rate", "GRC", 2022)
    row = panel_rows(store, state, "map").set_index("iso3").loc["GRC"]
    assert row["change"] == pytest.approx(after - before) and np.isnan(row["change_percent"])
    assert row["change_unit"] == "percentage points"
    fig = build_compare(store, state, "/o.json")
    changed = _traces(fig)["geo3"][0]
    assert changed.z[_where(changed, "GRC")] == pytest.approx(after - before)  # shaded in points, not percent
    assert changed.customdata[_where(changed, "GRC")][3].startswith("+20.39 percentage points")
    assert fig.layout.coloraxis2.colorbar.title.text == "Change (percentage points)"


def test_a_rate_per_100k_changes_by_its_amount_and_a_percentage(store, view, raw_indicators) -> None:  # noqa: ANN001
    state = view("?crime=migrant-smuggling&measure=per100k&compare=2015&year=2022")
    before, _ = raw_value(raw_indicators, "smuggling_offences_per_100k", "SRB", 2015)  # UNODC's own rate
    after, _ = raw_value(raw_indicators, "smuggling_offences_per_100k", "SRB", 2022)
    row = panel_rows(store, state, "map").set_index("iso3").loc["SRB"]
    assert row["change"] == pytest.approx(after - before)
    assert row["change_percent"] == pytest.approx((after - before) / before * 100)
    assert row["change_unit"] == "offences per 100,000"
    changed = _traces(build_compare(store, state, "/o.json"))["geo3"][0]
    assert changed.z[_where(changed, "SRB")] == pytest.approx((after - before) / before * 100)


def test_the_two_years_share_one_colour_scale_and_the_change_diverges_from_0(store, view) -> None:  # noqa: ANN001
    fig = build_compare(store, view(DEFAULT), "/o.json")
    maps = _traces(fig)
    assert [t.coloraxis for t in (maps["geo"][0], maps["geo2"][0], maps["geo3"][0])] == \
        ["coloraxis", "coloraxis", "coloraxis2"]
    axis, change = fig.layout.coloraxis, fig.layout.coloraxis2
    assert (axis.cmin, axis.cmax) == (-0.5, len(axis.colorbar.ticktext) - 0.5)
    assert change.cmin == -change.cmax and change.cmax == 100  # Croatia's +1,230% passes the end: "or more"
    assert change.colorbar.ticktext[2] == "0%" and change.colorbar.ticktext[-1] == "+100% or more"
    titles = [a.text for a in fig.layout.annotations]
    assert titles == ["<b>2015</b>", "<b>2022</b>", "<b>Change from 2015 to 2022</b>"]
    assert fig.layout.title.text == "Irregular migration: national figures (definitions differ), 2015 and 2022"


def test_caveats_name_both_years_rows_and_the_api_twin_both_years(store, view) -> None:  # noqa: ANN001
    state = view("?crime=asylum&indicator=asylum_recognition_rate&compare=2015&year=2022")
    notes = panel_notes(store, state, "map")
    assert any(c.startswith("Serbia 2015, 2022: UNHCR counts Serbia and Kosovo together") for c in notes["caveats"])
    assert len(notes["caveats"]) == len(set(notes["caveats"]))
    assert panel_heading(store, state, "map") == "Asylum recognition rate (UNHCR), 2015 and 2022"
    partial = view("?crime=deaths&compare=2025&year=2015")
    assert panel_heading(store, partial, "map").endswith("(2025: January–April only)")


@pytest.mark.parametrize(("query", "text"), [
    ("?compare=1800", '"compare" must be a year of the data (2005–2025), not "1800"; no comparison shown.'),
    ("?compare=soon", '"compare" must be a year of the data (2005–2025), not "soon"; no comparison shown.'),
    ("?year=2015&compare=2015", '"compare" is the year shown (2015); no comparison shown.'),
    ("?compare=2022", '"compare" is the year shown (2022); no comparison shown.'),  # the default year
])
def test_a_bad_compare_is_a_notice_that_names_it_and_is_ignored(domain, query: str, text: str) -> None:  # noqa: ANN001
    parsed = parse_query(query, domain)
    assert parsed.state.compare is None
    assert [(n.param, n.text) for n in parsed.issues] == [("compare", text)]


def test_a_comparison_steps_through_the_server_and_ends_on_its_own_year(app, client, domain, view) -> None:  # noqa: ANN001
    state = view(DEFAULT)
    assert patch_key("map", state) is None and patch_key("map", state.with_(compare=None)) is not None
    key = timeline_key(state, domain)
    assert key == "?compare=2015" and key != timeline_key(state.with_(compare=None), domain)
    assert timeline_key(view("?compare=2022&year=2015"), domain) == "?year=2005&compare=2022"  # never year = compare
    frames = post(client, app, f"{Ids.FRAMES}.data", {f"{Ids.TIMELINE}.data": key}, [f"{Ids.TIMELINE}.data"])
    assert json.loads(frames[f"{Ids.FRAMES}.data"])["years"] == {}
    assert step(state, 2019).compare == 2015 and step(state, 2015).compare is None
    assert to_query(state.with_(year=2015), domain) == "?year=2015"  # a range ending on it: not compared
