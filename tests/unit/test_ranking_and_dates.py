"""The ranking panel (the Flows slot of crime types without flows) and the release dates every caption, embed,
export, presenter footer and API answer gives for the sources behind what it shows.
"""

from __future__ import annotations

import io
import json

import pandas as pd
import pytest

from callbacks.embed import embed_pages
from dashboard.catalog import PARTICIPATING
from dashboard.export import files as export
from dashboard.figures import ranking
from dashboard.panels.registry import flows_panel, panel_api, panel_rows, panel_summary, view_panels
from tests.unit.conftest import raw_value

FRONTEX_RELEASE = "2025-06-03"
GEO = "/data/countries.geojson"


def _text(component: object) -> str:
    """All text of a Dash layout, as the page would show it."""
    return json.dumps(component, default=lambda c: c.to_plotly_json() if hasattr(c, "to_plotly_json") else str(c),
                      ensure_ascii=False)


# ---- the ranking -------------------------------------------------------------------------------------------

@pytest.mark.parametrize(("crime", "panel"), [("migrant-smuggling", "ranking"), ("deaths", "ranking"),
                                              ("context", "ranking"), ("irregular-migration", "sankey"),
                                              ("human-trafficking", "sankey"), ("asylum", "sankey")])
def test_the_flows_slot_shows_a_ranking_where_there_are_no_flows(crime: str, panel: str) -> None:
    assert flows_panel(crime) == panel


def test_smuggling_ranking_2019_lists_the_11_with_the_published_values(store, view, raw_indicators) -> None:
    state = view("?crime=migrant-smuggling&year=2019")
    assert view_panels(state) == ("map", "ranking", "series")
    fig = ranking.build_ranking(store, state)
    bars = dict(zip(fig.data[0].y, fig.data[0].x, strict=True))
    assert len(fig.data[0].y) == len(PARTICIPATING)
    assert bars["Greece"] == raw_value(raw_indicators, "smuggling_offences", "GRC", 2019)[0] == 1533
    assert list(fig.data[0].y)[:2] == ["Türkiye", "Greece"]  # largest first
    assert dict(zip(fig.data[0].y, fig.data[0].text, strict=True))["Greece"] == "1,533"
    rows = panel_rows(store, state, "ranking")
    assert rows["iso3"].tolist()[:2] == ["TUR", "GRC"] and len(rows) == len(PARTICIPATING)
    assert "Greece (1,533)" in panel_summary(store, state, "ranking")
    assert panel_api(state, "ranking") == ("country-indicators", {"indicator": "smuggling_offences", "year": "2019",
                                                                   "measure": ""})


def test_ranking_names_countries_without_data_and_never_draws_them_as_zero(store, view) -> None:
    state = view("?crime=migrant-smuggling&year=2015")
    frame = ranking.ranking_frame(store, state)
    missing = frame[frame["value"].isna()]["name"].tolist()
    assert missing, "2015 lacks some countries' smuggling offences"
    fig = ranking.build_ranking(store, state)
    bars = dict(zip(fig.data[0].y, fig.data[0].x, strict=True))
    assert all(bars[name] is None for name in missing)  # no dot at 0
    assert not set(missing) & set(fig.data[1].y)  # and no stem
    assert set(fig.data[2].y) == set(missing) and set(fig.data[2].text) == {"no data"}
    assert list(fig.data[0].y)[-len(missing):] == list(fig.data[2].y)  # last, but on the chart
    assert f"No data: {', '.join(missing[:-1])}" in panel_summary(store, state, "ranking")


def test_a_year_step_of_the_ranking_is_a_patch_of_bars_order_and_title(store, view) -> None:
    fig = ranking.build_ranking(store, view("?crime=migrant-smuggling&year=2016")).to_plotly_json()
    paths = ranking.patch_paths(fig)
    assert set(paths) == {"data", "layout.title.text", "layout.yaxis.categoryarray"}
    assert paths["layout.title.text"].endswith(", 2016")


def test_ranking_embed_and_csv_export(app, store, domain, view) -> None:
    state = view("?crime=migrant-smuggling&year=2019")
    page = embed_pages(store, domain, GEO, "/")["/embed/ranking"]("?crime=migrant-smuggling&year=2019")
    assert "Greece (1,533)" in _text(page)
    caption = export.caption_for(store, state, "ranking", "http://x/")
    rows = pd.read_csv(io.StringIO(export.panel_csv(store, state, "ranking", caption)), comment="#")
    assert rows.set_index("iso3").loc["GRC", "value"] == 1533


# ---- release dates per source --------------------------------------------------------------------------------

@pytest.mark.parametrize(("query", "panel"), [("?year=2022", "sankey"), ("?year=2022", "series"),
                                              ("?year=2022&series=route", "series")])
def test_frontex_embed_and_export_carry_frontexs_release_date(app, store, domain, view, query: str,  # noqa: ANN001
                                                            panel: str) -> None:
    state = view(query)
    page = _text(embed_pages(store, domain, GEO, "/")[f"/embed/{panel}"](query))
    assert f"Frontex (European Border and Coast Guard Agency): released {FRONTEX_RELEASE}" in page
    caption = export.caption_for(store, state, panel, "http://x/")
    assert any(FRONTEX_RELEASE in line for line in caption.lines())
    head = [line for line in export.panel_csv(store, state, panel, caption).splitlines() if line.startswith("#")]
    assert f"# Release dates: Frontex (European Border and Coast Guard Agency): released {FRONTEX_RELEASE}" in head
    footer = export._footer(caption, export.SIZES["a4"])
    assert any(FRONTEX_RELEASE in line for line in footer)  # drawn into the PNG and SVG


def test_a_panel_gives_its_own_sources_dates_not_the_newest_of_all(store, view) -> None:
    state = view("?crime=migrant-smuggling&year=2019")
    caption = export.caption_for(store, state, "map", "http://x/")
    assert caption.releases == ["United Nations Office on Drugs and Crime (UNODC): released 2024-05-16"]
    assert store.data_date not in " ".join(caption.lines())  # Eurostat's date is not UNODC's


def test_api_json_lists_each_sources_release_date(client) -> None:
    body = client.get("/api/route-detections.json?route=Black%20Sea%20Route&year=2014").get_json()
    assert [(s["id"], s["release"]) for s in body["sources"]] == [("frontex", FRONTEX_RELEASE)]
    body = client.get("/api/country-indicators.json?indicator=smuggling_offences&year=2019&measure=per100k").get_json()
    assert {s["id"]: s["release"] for s in body["sources"]}["unodc_cts"] == "2024-05-16"
