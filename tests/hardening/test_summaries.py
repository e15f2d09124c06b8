"""Text alternatives: each panel's one-paragraph summary and its table say what the data says.

The expected numbers are computed here straight from the store's tables (not through the figure modules the
summaries use), so a summary that drifted from the data, rounded a count or named the wrong leader fails.
"""

from __future__ import annotations

import pandas as pd
import pytest

from dashboard.catalog import CRIME_TYPES, PARTICIPATING
from dashboard.panels.registry import panel_rows, panel_summary
from dashboard.panels.summaries import MAX_TABLE_ROWS, table_cells
from dashboard.view.state import SEE_ROUTES, default_state
from tests.unit.dash_post import post

EXAMPLE = ("In 2019, Türkiye had the highest value of “Smuggling of migrants: police-recorded offences” among the "
           "11 countries participating with data (6,302), followed by Greece (1,533) and Croatia (946). "
           "The lowest was Cyprus (16).")


def _participating(store, indicator: str, year: int) -> pd.DataFrame:  # noqa: ANN001
    rows = store.indicators
    rows = rows[(rows["indicator"] == indicator) & (rows["year"] == year) & rows["iso3"].isin(PARTICIPATING)]
    return rows.assign(name=rows["iso3"].map(store.name))


def test_the_issue_example_is_what_the_map_says(store, domain):
    state = default_state(domain, "migrant-smuggling").with_(year=2019)
    assert panel_summary(store, state, "map") == EXAMPLE
    rows = _participating(store, "smuggling_offences", 2019).sort_values("value", ascending=False)
    assert rows["name"].head(3).tolist() == ["Türkiye", "Greece", "Croatia"]
    assert rows["value"].head(3).tolist() == [6302, 1533, 946]
    assert rows.iloc[-1]["name"] == "Cyprus" and rows.iloc[-1]["value"] == 16


def _map_cases(domain) -> list[tuple[str, int]]:  # noqa: ANN001
    cases = []
    for crime in CRIME_TYPES:
        state = default_state(domain, crime)
        cases += [(crime, y) for y in domain.years_by_indicator.get(state.indicator, ())[-6:]]
    return cases


def test_map_summaries_name_the_leaders_with_their_values_for_every_crime_type(store, domain):
    checked = 0
    for crime, year in _map_cases(domain):
        state = default_state(domain, crime).with_(year=year)
        text = panel_summary(store, state, "map")
        rows = _participating(store, state.indicator, year)
        known = rows[rows["value"].notna()].sort_values(["value", "name"], ascending=[False, True])
        if known.empty:
            assert "none of the 11 participating countries" in text
            continue
        def number(v: float) -> str:
            return f"{v:,.0f}" if float(v).is_integer() else f"{v:,.2f}"

        # A total that includes UNHCR's masked counts is said as its range, lower bound first.
        numbers = [f"{number(lo)}–{number(v)}" if "includes_masked" in str(f).split() else number(v)
                   for v, f, lo in zip(known["value"].head(3), known["flag"], known["lower"], strict=False)]
        names = known["name"].head(3).tolist()
        assert text.startswith(f"In {year}, {names[0]} had the highest value of "), text
        assert f"among the {len(known)} countr" in text and f"with data ({numbers[0]})" in text, text
        for name, number in zip(names[1:], numbers[1:], strict=True):
            assert f"{name} ({number})" in text, (crime, year, text)
        missing = sorted(set(PARTICIPATING) - set(known["iso3"]) - set(rows.loc[rows["flag"] == "suppressed", "iso3"]))
        for code in missing:
            assert store.name(code) in text.split("No data: ")[-1], (crime, year, code, text)
        checked += 1
    assert checked >= 20


def test_route_sankey_summary_totals_frontex_detections(store, domain):
    state = default_state(domain).with_(year=2016)
    text = panel_summary(store, state, "sankey")
    routes = store.routes[store.routes["route"].isin(SEE_ROUTES) & (store.routes["year"] == 2016)]
    assert f"Frontex recorded {routes['detections'].sum():,} detections" in text
    by_group = routes.groupby(["nationality", "route"])["detections"].sum().sort_values(ascending=False)
    (nationality, route), value = by_group.index[0], by_group.iloc[0]
    assert f"{store.name(nationality)} on the {route} ({value:,})" in text
    by_border = routes.groupby("border_type")["detections"].sum()
    for border, value in by_border.items():
        assert f"{border.lower()} {value:,}" in text


def test_flow_sankey_summary_totals_the_published_flows(store, domain):
    state = default_state(domain, "human-trafficking").with_(year=2022)
    text = panel_summary(store, state, "sankey")
    flows = store.flows[(store.flows["measure"] == "thb_victims_by_citizenship") & (store.flows["year"] == 2022)
                        & store.flows["destination"].isin(PARTICIPATING) & (store.flows["value"] > 0)]
    assert f": {flows['value'].sum():,.0f} in all" in text
    top = flows.sort_values("value", ascending=False).iloc[0]
    assert f"from {store.name(top['origin'])} to {store.name(top['destination'])} ({top['value']:,.0f})" in text


def test_route_series_summary_finds_the_busiest_month(store, domain):
    state = default_state(domain).with_(year=2016)
    text = panel_summary(store, state, "series")
    monthly = store.routes[store.routes["route"].isin(SEE_ROUTES)].groupby(["route", "month"])["detections"].sum()
    (route, month), value = monthly.idxmax(), monthly.max()
    assert f"The highest month was {month} on the {route} ({value:,})." in text
    year = monthly[monthly.index.get_level_values("month").str.startswith("2016")].groupby("route").sum()
    assert f"In 2016, the {year.idxmax()} had the most ({year.max():,})." in text
    assert text.startswith(f"Frontex detections of illegal border-crossing per month on {len(SEE_ROUTES)} routes, ")
    one = panel_summary(store, state.with_(route="Black Sea Route"), "series")
    assert one.startswith("Frontex detections of illegal border-crossing per month on the Black Sea Route, ")


def test_country_series_summary_finds_the_peak(store, domain):
    state = default_state(domain, "migrant-smuggling").with_(year=2019)
    text = panel_summary(store, state, "series")
    rows = store.indicators[(store.indicators["indicator"] == "smuggling_offences")
                            & store.indicators["iso3"].isin(PARTICIPATING)].dropna(subset=["value"])
    peak = rows.sort_values("value", ascending=False).iloc[0]
    assert f"The highest value was {store.name(peak['iso3'])} in {peak['year']} ({peak['value']:,.0f})." in text
    assert f"{rows['year'].min()} to {rows['year'].max()}, for {rows['iso3'].nunique()} countries" in text


def test_suppressed_is_fewer_than_5_and_missing_is_no_data(store, domain):
    state = default_state(domain, "human-trafficking").with_(year=2015)
    text = panel_summary(store, state, "map")
    rows = _participating(store, "thb_victims", 2015)
    suppressed = rows.loc[rows["flag"] == "suppressed", "name"].tolist()
    assert suppressed and all(name in text.split("Fewer than 5 (suppressed): ")[1] for name in suppressed)
    columns, cells = table_cells(panel_rows(store, state, "map"))
    value, iso3 = columns.index("value"), columns.index("iso3")
    by_code = {row[iso3]: row[value] for row in cells}
    for code in rows.loc[rows["flag"] == "suppressed", "iso3"]:
        assert by_code[code] == "fewer than 5 (suppressed)"
    assert by_code["TUR"] == f"{rows.set_index('iso3').loc['TUR', 'value']:,.0f}"


def test_table_cells_write_years_plainly_and_cap_the_rows(store, domain):
    state = default_state(domain).with_(year=2016)
    frame = panel_rows(store, state, "series")
    columns, rows = table_cells(frame)
    assert len(frame) > MAX_TABLE_ROWS and len(rows) == MAX_TABLE_ROWS
    month = columns.index("month")
    assert rows[0][month] == frame["month"].iloc[0]
    detections = columns.index("detections")
    assert rows[0][detections] == f"{frame['detections'].iloc[0]:,}"
    columns, rows = table_cells(panel_rows(store, default_state(domain, "migrant-smuggling").with_(year=2019), "map"))
    assert {row[columns.index("year")] for row in rows} == {"2019"}


@pytest.mark.parametrize("panel", ["map", "ranking", "series"])  # smuggling's Flows slot holds the ranking
def test_each_panel_callback_sends_its_summary(app, store, domain, panel):
    view = {"crime": "migrant-smuggling", "indicator": "smuggling_offences", "year": 2019}
    out = post(app.server.test_client(), app, f"{panel}-graph.figure", {"draw-view.data": view}, ["draw-view.data"])
    state = default_state(domain, "migrant-smuggling").with_(year=2019)
    assert out[f"{panel}-summary.children"] == panel_summary(store, state, panel)


def test_the_table_callback_returns_the_panel_rows(app, store, domain):
    view = {"crime": "migrant-smuggling", "indicator": "smuggling_offences", "year": 2019}
    out = post(app.server.test_client(), app, "map-table.children", {"map-table-view.data": view},
               ["map-table-view.data"])
    table = out["map-table.children"]
    text = str(table)
    rows = _participating(store, "smuggling_offences", 2019)
    for value in rows["value"]:
        assert f"'{value:,.0f}'" in text
    assert "Smuggling of migrants: police-recorded offences, 2019" in text


def test_an_embedded_chart_carries_its_summary_and_table(app):
    values = {"page-location.pathname": "/embed/map", "page-location.search": "?crime=migrant-smuggling&year=2019"}
    out = post(app.server.test_client(), app, "page-content.children", values, ["page-location.pathname"])
    page = str(out["page-content.children"])
    assert EXAMPLE in page
    assert "'Data table'" in page and "'6,302'" in page


def test_report_captions_carry_the_summary(store, domain):
    from dashboard.export.files import caption_for, panel_csv

    state = default_state(domain, "migrant-smuggling").with_(year=2019)
    caption = caption_for(store, state, "map", "http://example.org/?crime=migrant-smuggling&year=2019")
    assert caption.summary == EXAMPLE
    assert f"# Summary: {EXAMPLE}\n" in panel_csv(store, state, "map", caption)


def test_an_embeds_table_keeps_to_its_first_rows_and_says_the_csv_has_them_all(app):
    from callbacks.embed import EMBED_TABLE_ROWS

    values = {"page-location.pathname": "/embed/series", "page-location.search": "?year=2022"}
    out = post(app.server.test_client(), app, "page-content.children", values, ["page-location.pathname"])
    page = str(out["page-content.children"])
    assert f"the first {EMBED_TABLE_ROWS} of 617 rows; the CSV has them all" in page  # Frontex's route-months
    assert page.count("'Tr'") == EMBED_TABLE_ROWS + 1  # the header row and the first rows
