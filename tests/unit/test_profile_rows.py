"""Country profiles, the rows (dashboard/profile/rows.py) and charts (figures.py): every value as published, the
rank among the 11 with ties and the unranked named, the change from the year before or why there is none, a
suppressed value kept suppressed, and the neighbours table checked against the outlines.

Expected numbers come from data/*.parquet read by pandas (tests/unit/conftest.py), not through the Store.
"""

from __future__ import annotations

import json

import pandas as pd
import pytest

from dashboard.catalog import PARTICIPATING, PUBLISHED_INDICATORS
from dashboard.figures.choropleth import map_frame
from dashboard.profile.figures import indicator_figure
from dashboard.profile.places import NEIGHBOURS, ROUTE_COUNTRIES, known_country, routes_through
from dashboard.profile.rows import latest_rows, profile_rows
from dashboard.profile.text import change_words, latest_words, rank_words, short_rank, unranked_words
from dashboard.view.state import default_state
from tests.conftest import DATA_DIR
from tests.unit.conftest import raw_value

#: Serbia's police-recorded smuggling offences in 2019, as UNODC's Crime Trends Survey gives it (data/).
SERBIA_2019 = 165


def _row(store, iso3: str, indicator: str, year: int) -> dict:  # noqa: ANN001
    rows = profile_rows(store, iso3)
    found = rows[(rows["indicator"] == indicator) & (rows["year"] == year)]
    assert len(found) == 1, (iso3, indicator, year)
    return found.iloc[0].to_dict()


def _competition_ranks(raw: pd.DataFrame, indicator: str, year: int) -> dict[str, int]:
    """The 11's ranks that year, 1 = highest, ties sharing a rank and the next rank skipped ('1, 2, 2, 4')."""
    values = {r.iso3: r.value for r in raw[(raw["indicator"] == indicator) & (raw["year"] == year)
                                           & raw["iso3"].isin(PARTICIPATING)].itertuples() if pd.notna(r.value)}
    return {c: 1 + sum(other > v for other in values.values()) for c, v in values.items()}


def test_serbias_2019_smuggling_offences_are_as_published(store, raw_indicators) -> None:
    assert raw_value(raw_indicators, "smuggling_offences", "SRB", 2019) == (float(SERBIA_2019), "")
    row = _row(store, "SRB", "smuggling_offences", 2019)
    assert row["value"] == SERBIA_2019 and row["flag"] == "" and row["source"] == "unodc_cts"
    assert latest_words(store, row, "en")["value"] == "165"


def test_serbias_rank_among_the_11_in_2019_and_2018(store, raw_indicators) -> None:
    ranks = _competition_ranks(raw_indicators, "smuggling_offences", 2019)
    row = _row(store, "SRB", "smuggling_offences", 2019)
    assert (row["rank"], row["ranked_of"]) == (ranks["SRB"], len(ranks)) == (4, 11)
    assert rank_words(store, row, "en") == "4 of 11 participating countries with data"
    assert row["unranked"] == "" and unranked_words(store, row, "en") == ""
    # 2018: North Macedonia has no row, so 10 are ranked and it is named.
    before = _row(store, "SRB", "smuggling_offences", 2018)
    ranks = _competition_ranks(raw_indicators, "smuggling_offences", 2018)
    assert "MKD" not in ranks and (before["rank"], before["ranked_of"]) == (ranks["SRB"], 10) == (7, 10)
    assert before["unranked"] == "MKD"
    assert unranked_words(store, before, "en") == "Not ranked in 2018 (no value): North Macedonia: no data"
    assert short_rank(before, "en") == "7 of 10"


def test_ties_share_a_rank_and_the_next_rank_is_skipped(store, raw_indicators) -> None:
    """Bosnia and Herzegovina and Romania both published 62 offences in 2022."""
    ranks = _competition_ranks(raw_indicators, "smuggling_offences", 2022)
    bih, rou = _row(store, "BIH", "smuggling_offences", 2022), _row(store, "ROU", "smuggling_offences", 2022)
    assert bih["value"] == rou["value"] == 62
    assert bih["rank"] == rou["rank"] == ranks["BIH"] == ranks["ROU"]
    assert bih["tied_with"] == "ROU" and rou["tied_with"] == "BIH"
    below = [c for c, r in ranks.items() if r > bih["rank"]]
    assert below and min(ranks[c] for c in below) == bih["rank"] + 2
    assert rank_words(store, bih, "en").endswith("; shared with Romania")


def test_ranks_agree_with_the_map_and_the_ranking_panel(store, domain) -> None:
    rows = profile_rows(store, "GRC")
    base = default_state(domain, "migrant-smuggling")
    for row in rows[rows["indicator"] == "smuggling_offences"].to_dict(orient="records"):
        frame = map_frame(store, base.with_(year=row["year"])).set_index("iso3")
        assert row["rank"] == frame.loc["GRC", "rank"] and row["ranked_of"] == frame.loc["GRC", "ranked_of"]


def test_the_change_from_the_year_before(store) -> None:
    row = _row(store, "SRB", "smuggling_offences", 2019)
    assert (row["previous"], row["change"], row["change_pct"], row["no_change"]) == (105, 60, 57.1, "")
    assert change_words(row, "en") == "+60 (+57.1%) from 2018"
    assert change_words(_row(store, "SRB", "smuggling_offences", 2021), "en") == "-1 (-0.8%) from 2020"
    rate = _row(store, "SRB", "asylum_recognition_rate", 2025)
    assert pd.isna(rate["change_pct"]) and "percentage points from 2024" in change_words(rate, "en")


@pytest.mark.parametrize(("iso3", "indicator", "year", "reason", "words"), [
    ("SRB", "thb_convicted", 2021, "no_previous", "no comparison: no data for 2020"),
    ("SRB", "thb_victims_children", 2022, "previous_suppressed", "no comparison: 2021 is suppressed (fewer than 5)"),
    ("SRB", "thb_victims_forced_labour", 2022, "suppressed", "no comparison: 2022 is suppressed (fewer than 5)"),
    ("ALB", "asylum_seekers_hosted", 2019, "masked", "no comparison: a count published as 5 (5 or fewer) is not an "
                                                     "exact figure"),
    ("TUR", "dead_and_missing", 2025, "partial_year", "no comparison: one of the two years covers part of the "
                                                      "year only"),
    ("SRB", "smuggling_offences", 2013, "no_previous", "no comparison: no data for 2012"),
])
def test_no_change_where_either_year_is_not_a_published_figure(store, iso3, indicator, year, reason, words) -> None:
    row = _row(store, iso3, indicator, year)
    assert row["no_change"] == reason and pd.isna(row["change"]) and pd.isna(row["change_pct"])
    assert change_words(row, "en") == words


def test_a_suppressed_value_stays_suppressed(store, raw_indicators) -> None:
    assert raw_value(raw_indicators, "thb_victims_forced_labour", "SRB", 2022) == (None, "suppressed")
    latest = latest_rows(profile_rows(store, "SRB")).set_index("indicator").loc["thb_victims_forced_labour"]
    assert latest["year"] == 2022 and pd.isna(latest["value"]) and latest["flag"] == "suppressed"
    row = {**latest.to_dict(), "indicator": "thb_victims_forced_labour"}
    words = latest_words(store, row, "en")
    assert words["value"] == "fewer than 5 (suppressed)" and words["rank"] == "not ranked (no value)"
    assert "Serbia: fewer than 5 (suppressed)" in words["unranked"]
    assert "North Macedonia: no data" in words["unranked"]
    figure, caption = indicator_figure(store, "SRB", "thb_victims_forced_labour", "en")
    line = next(t for t in figure["data"] if t.get("mode") == "lines+markers")
    assert line["y"][line["x"].index(2022)] is None  # a gap, never a point at 0 or 5
    marks = next(t for t in figure["data"] if t.get("mode") == "text")
    assert 2022 in marks["x"] and set(marks["text"]) == {"<5"} and '"<5"' in caption


def test_every_row_is_a_row_of_the_prepared_file(store, raw_indicators) -> None:
    """Nothing estimated, interpolated or carried forward: each value and flag is the file's, except the store's
    stated rows of "none recorded" (IOM), which are zeros the file has no row for."""
    raw = raw_indicators.set_index(["iso3", "indicator", "year"])
    for iso3 in PARTICIPATING:
        rows = profile_rows(store, iso3)
        assert set(rows["indicator"]) <= set(PUBLISHED_INDICATORS)
        for r in rows.to_dict(orient="records"):
            key = (iso3, r["indicator"], r["year"])
            if "none_recorded" in r["flag"]:
                assert key not in raw.index and r["value"] == 0
                continue
            published = raw.loc[key]
            assert (pd.isna(r["value"]) and pd.isna(published["value"])) or r["value"] == published["value"], key
            assert r["flag"] == (published["flag"] or ""), key


def test_neighbours_are_the_land_borders_of_the_outlines() -> None:
    shapely = pytest.importorskip("shapely.geometry")
    features = json.loads((DATA_DIR / "countries.geojson").read_text(encoding="utf-8"))["features"]
    shapes = {f["id"]: shapely.shape(f["geometry"]).buffer(0) for f in features if f["id"] in PARTICIPATING}
    for iso3 in PARTICIPATING:
        touching = {c for c in PARTICIPATING if c != iso3 and shapes[iso3].intersection(shapes[c]).length > 0.01}
        assert set(NEIGHBOURS[iso3]) == touching, iso3
    assert NEIGHBOURS["CYP"] == ()


def test_the_routes_table_names_frontex_routes_and_every_country_lies_on_one(store) -> None:
    assert set(ROUTE_COUNTRIES) <= set(store.route_names)
    assert all(set(c) <= set(PARTICIPATING) for c in ROUTE_COUNTRIES.values())
    assert all(routes_through(c) for c in PARTICIPATING)
    assert routes_through("SRB") == ("Western Balkan Route",)


def test_country_codes_are_read_in_any_case() -> None:
    assert known_country("srb") == "SRB" and known_country("Grc") == "GRC"
    assert known_country("XKX") is None and known_country("SRBX") is None and known_country(None) is None


def test_the_chart_draws_the_band_from_published_values_and_gaps_for_missing_years(store, raw_indicators) -> None:
    figure, caption = indicator_figure(store, "SRB", "smuggling_offences", "en")
    upper, lower = figure["data"][0], figure["data"][1]
    part = raw_indicators[(raw_indicators["indicator"] == "smuggling_offences")
                          & raw_indicators["iso3"].isin(PARTICIPATING) & raw_indicators["value"].notna()]
    for year, hi, lo in zip(upper["x"], upper["y"], lower["y"], strict=True):
        values = part.loc[part["year"] == year, "value"]
        assert (hi, lo) == (values.max(), values.min()), year
    first = part[part["year"] == 2013]["value"]
    assert upper["customdata"][0] == (f"Range of the 11 in 2013: {first.min():,.0f} to {first.max():,.0f} "
                                      f"({len(first)} of 11 with a published value)")
    names = [t["name"] for t in figure["data"][2:-1]]
    assert names == ["Bosnia and Herzegovina", "Bulgaria", "Croatia", "North Macedonia", "Montenegro", "Romania"]
    line = figure["data"][-1]
    assert dict(zip(line["x"], line["y"], strict=True))[2019] == SERBIA_2019
    # Türkiye's 8,239 would flatten every line: the axis ends above the drawn lines and says the band runs on.
    assert figure["layout"]["yaxis"]["range"][1] < part["value"].max()
    assert "8,239" in figure["layout"]["annotations"][0]["text"]
    assert "Grey lines: Bosnia and Herzegovina" in caption
    convicted, _ = indicator_figure(store, "SRB", "thb_convicted", "en")
    line = next(t for t in convicted["data"] if t["mode"] == "lines+markers")
    drawn = dict(zip(line["x"], line["y"], strict=True))
    assert raw_value(raw_indicators, "thb_convicted", "SRB", 2020) is None and drawn[2020] is None
