"""What a reader reads where a figure is not a plain number: flag tokens in words, bounds, publisher's rates,
the national-figures map, "none recorded" deaths and the opening views.

Expected numbers come from data/ read with pandas (tests/unit/conftest.py), never through the Store.
"""

from __future__ import annotations

import json

import pandas as pd
import pytest

from dashboard.catalog import CRIMES, INDICATORS, NO_POPULATION, PARTICIPATING, flag_tokens, indicators_for
from dashboard.figures import choropleth, sankey, theme
from dashboard.view.state import default_state, parse_query
from tests.unit.conftest import raw_value

GEO = "/data/countries.geojson"


def hover_of(store, state) -> dict[str, list[str]]:  # noqa: ANN001
    fig = json.loads(choropleth.build_choropleth(store, state, GEO).to_json())
    return dict(zip(fig["data"][0]["locations"], fig["data"][0]["customdata"], strict=True))


# ---- flag tokens in words -----------------------------------------------------------------------------------

@pytest.mark.parametrize(("value", "flag", "lower", "upper", "text"), [
    (5.0, "masked", None, None, "5 or fewer"),
    (36.0, "includes_masked", 12.0, None, "36 (at least 12; includes 6 masked counts)"),
    (9.0, "includes_masked combined_stages", 5.0, None, "9 (at least 5; includes 1 masked count)"),
    (None, "suppressed", 3.0, 7.0, "between 3 and 7 (withheld)"),
    (None, "suppressed", None, None, "fewer than 5 (suppressed)"),
    (None, "rounded no_population", None, None, f"no rate: {NO_POPULATION}"),
    (0.0, "none_recorded", None, None, "none recorded (0)"),
    (14.0, "partial_year", None, None, "14 (part of the year only)"),
    (None, "", None, None, "no data"),
])
def test_flag_tokens_read_in_words(value, flag, lower, upper, text) -> None:  # noqa: ANN001
    assert theme.format_value(value, flag, False, lower, upper) == text


def test_flags_are_space_separated_tokens() -> None:
    assert flag_tokens("masked partial_year") == {"masked", "partial_year"}
    assert flag_tokens("") == frozenset() and flag_tokens(None) == frozenset()
    assert theme.short_value(5.0, "masked") == "≤5" and theme.short_value(None, "suppressed conflicting") == "<5"


def test_a_masked_rate_is_an_upper_bound_not_an_exact_figure() -> None:
    assert theme.format_value(0.25, "masked", per100k=True) == "at most 0.25 (a count of 5 or fewer)"


def test_masked_cells_summed_into_a_link_keep_their_flag_and_lower_bound() -> None:
    rows = pd.DataFrame({"origin": ["A", "B", "C", "D"], "destination": ["GRC"] * 4, "value": [5.0, 5.0, 40.0, 5.0],
                         "flag": ["masked", "masked", "", "masked"], "lower": [float("nan")] * 4,
                         "source": ["unhcr_asylum_applications"] * 4})
    one = sankey._masked_sums(rows.iloc[[0]], ["origin", "destination"]).iloc[0]
    assert one["flag"] == "masked" and pd.isna(one["lower"])
    rows["origin"] = [sankey.OTHER, sankey.OTHER, sankey.OTHER, "D"]
    links = sankey._masked_sums(rows, ["origin", "destination"]).set_index("origin")
    assert links.loc[sankey.OTHER, "value"] == 50 and links.loc[sankey.OTHER, "lower"] == 42
    assert links.loc[sankey.OTHER, "flag"] == "includes_masked"
    assert theme.row_value(links.loc[sankey.OTHER].to_dict()) == "50 (at least 42; includes 2 masked counts)"
    assert theme.row_value(links.loc["D"].to_dict()) == "5 or fewer"


# ---- per 100,000 ----------------------------------------------------------------------------------------------

def test_per_100k_shows_unodcs_own_smuggling_rate(store, view, raw_indicators) -> None:
    """UNODC's rate for North Macedonia 2022 differs from one computed with UN WPP by +14%: show UNODC's."""
    shown = hover_of(store, view("?crime=migrant-smuggling&year=2022&measure=per100k"))
    for iso3 in PARTICIPATING:
        published = raw_value(raw_indicators, "smuggling_offences_per_100k", iso3, 2022)
        assert shown[iso3][1] == f"{published[0]:,.2f}", iso3
    rows = store.with_measure(store.indicator_rows(["smuggling_offences"], ["MKD"], 2022, 2022), "per100k")
    assert rows["source"].tolist() == ["unodc_cts"]  # no UN WPP behind it


def test_per_100k_after_2023_says_why_it_is_missing(store, view) -> None:
    assert store.population_end == 2023  # the sentence NO_POPULATION states this
    state = view("?crime=irregular-migration&indicator=irregular_migrants_apprehended&year=2024&measure=per100k")
    assert hover_of(store, state)["TUR"][1] == f"no rate: {NO_POPULATION}"


# ---- irregular migration: national figures -----------------------------------------------------------------

def test_national_figures_put_turkiye_beside_eurostat_each_with_its_source(store, domain, raw_indicators) -> None:
    state = default_state(domain)
    assert (state.indicator, state.year) == ("irregular_migration_national", 2022)
    shown = hover_of(store, state)
    turkiye = raw_value(raw_indicators, "irregular_migrants_apprehended", "TUR", 2022)[0]
    greece = raw_value(raw_indicators, "illegally_present", "GRC", 2022)[0]
    assert shown["TUR"][1] == f"{turkiye:,.0f}" and shown["GRC"][1] == f"{greece:,.0f}"
    assert shown["TUR"][4].startswith("Türkiye, Presidency of Migration Management")
    assert "Irregular migrants apprehended" in shown["TUR"][5]
    assert shown["GRC"][4] == "Eurostat" and "found to be illegally present" in shown["GRC"][5]
    for gap in ("ALB", "BIH", "MKD", "SRB"):
        assert shown[gap][1] == "no data"
        assert store.name(gap) in INDICATORS[state.indicator].caveat  # the known gaps are named on the panel
    fig = choropleth.build_choropleth(store, state, GEO)
    assert "definitions differ" in fig.data[0].colorbar.title.text


def test_national_figures_offer_no_rate(domain) -> None:
    parsed = parse_query("?indicator=irregular_migration_national&measure=per100k", domain)
    assert parsed.state.measure == "absolute" and any("not shown per 100,000" in n for n in parsed.notices)


# ---- deaths: none recorded ---------------------------------------------------------------------------------

def test_a_year_without_an_iom_incident_reads_none_recorded_not_no_data(store, view, raw_indicators) -> None:
    assert raw_value(raw_indicators, "dead_and_missing", "MNE", 2022) is None
    shown = hover_of(store, view("?crime=deaths&year=2022"))
    assert shown["MNE"][1] == "none recorded (0)" and "IOM recorded no incident" in shown["MNE"][5]
    greece = raw_value(raw_indicators, "dead_and_missing", "GRC", 2022)[0]
    assert shown["GRC"][1] == f"{greece:,.0f}"
    years = store.years_for("dead_and_missing")
    rows = store.indicator_rows(["dead_and_missing"], list(PARTICIPATING))
    assert len(rows) == len(years) * len(PARTICIPATING)  # every country, every IOM year: a figure or a zero


# ---- opening views -----------------------------------------------------------------------------------------

def _coverage(store, indicator: str) -> dict[int, int]:  # noqa: ANN001
    rows = store.indicator_rows([indicator], list(PARTICIPATING))
    has = rows[rows["value"].notna() | rows["flag"].map(lambda f: bool(flag_tokens(f)))]
    return has.groupby("year")["iso3"].nunique().to_dict()


def _partial(store, indicator: str, year: int) -> bool:  # noqa: ANN001
    from dashboard.figures.notes import indicator_sources

    return any(store.partial_months(s, year) for s in indicator_sources(indicator))


@pytest.mark.parametrize("crime", list(CRIMES))
def test_each_crime_type_opens_on_the_latest_complete_year_with_the_best_coverage(store, domain, crime) -> None:
    record = CRIMES[crime]
    assert default_state(domain, crime).indicator == record.default_indicator == indicators_for(crime)[0].id
    coverage = {y: n for y, n in _coverage(store, record.default_indicator).items()
                if not _partial(store, record.default_indicator, y)}
    best = max(coverage.values())
    assert record.opening_year == max(y for y, n in coverage.items() if n == best)
    assert default_state(domain, crime).year == record.opening_year


@pytest.mark.parametrize("crime", list(CRIMES))
def test_no_opening_view_shows_no_data_where_the_project_holds_a_figure(store, domain, crime) -> None:
    state = default_state(domain, crime)
    frame = choropleth.map_frame(store, state)
    blank = frame[frame["participating"] & frame["value"].isna() & (frame["flag"] == "")]["iso3"].tolist()
    same_subject = [i.id for i in indicators_for(crime)]
    rows = store.indicator_rows(same_subject, list(PARTICIPATING), state.year, state.year)
    held = rows[rows["iso3"].isin(blank)].dropna(subset=["value"])
    assert held.empty, f"{crime}: 'no data' for {sorted(set(held['iso3']))}, with figures in {set(held['indicator'])}"


# ---- UNHCR's masked counts, partial years and country notes, as the reader sees them -------------------------

def _table(store, state, panel: str = "map") -> dict[str, str]:  # noqa: ANN001
    from dashboard.panels.registry import panel_rows
    from dashboard.panels.summaries import table_cells

    columns, rows = table_cells(panel_rows(store, state, panel))
    return {row[columns.index("iso3")]: row[columns.index("value")] for row in rows}


def test_bosnia_2015_shows_its_masked_count_flag_and_lower_bound(store, view, raw_indicators) -> None:
    """SOURCES.md: Bosnia and Herzegovina 2015 sums to 36 with 6 masked cells, so it lies between 12 and 36."""
    row = raw_indicators[(raw_indicators["indicator"] == "asylum_applications") & (raw_indicators["iso3"] == "BIH")
                         & (raw_indicators["year"] == 2015)].iloc[0]
    assert (row["value"], row["flag"], row["lower"]) == (36, "includes_masked", 12)
    state = view("?crime=asylum&year=2015")
    hover = hover_of(store, state)["BIH"]
    assert hover[1] == "36 (at least 12; includes 6 masked counts)"
    assert "Flag includes_masked:" in hover[5]
    assert _table(store, state)["BIH"] == "36 (at least 12; includes 6 masked counts)"


def test_a_masked_cell_reads_5_or_fewer_and_stays_5_in_the_csv(store, view, raw_indicators) -> None:
    import io

    from dashboard.export import files as export

    assert raw_value(raw_indicators, "asylum_seekers_hosted", "ALB", 2022) == (5.0, "masked")
    state = view("?crime=asylum&indicator=asylum_seekers_hosted&year=2022")
    assert hover_of(store, state)["ALB"][1] == "5 or fewer"
    assert _table(store, state)["ALB"] == "5 or fewer"
    caption = export.caption_for(store, state, "map", "http://x/")
    rows = pd.read_csv(io.StringIO(export.panel_csv(store, state, "map", caption)), comment="#",
                       keep_default_na=False).set_index("iso3")
    assert rows.loc["ALB", "value"] == 5 and rows.loc["ALB", "flag"] == "masked"
    fig = json.loads(choropleth.build_choropleth(store, state, GEO).to_json())
    assert fig["data"][1]["text"][PARTICIPATING.index("ALB")] == "≤5"


def test_the_sankeys_all_others_carries_its_masked_cells(store, view) -> None:
    fig = sankey.build_sankey(store, view("?crime=asylum&year=2015&country=BIH&top=3"))
    labels = list(fig.data[0].node.label)
    assert f"{sankey.OTHER} (includes masked counts)" in labels
    hovers = list(fig.data[0].link.customdata)
    assert "5 or fewer" in hovers and any("masked count" in h for h in hovers)


def test_serbias_unhcr_figures_say_they_include_kosovo_and_count_applications_lodged(store, view) -> None:
    from dashboard.panels.registry import panel_notes

    state = view("?crime=asylum&year=2015")
    hover = hover_of(store, state)["SRB"][5].replace("<br>", " ")
    assert "Serbia and Kosovo" in hover and "applications lodged" in hover
    assert any(c.startswith("Serbia: UNHCR counts Serbia and Kosovo together") for c in
               panel_notes(store, state, "map")["caveats"])


def test_turkiyes_conflicting_source_note_is_carried_to_the_hover(store, view, raw_indicators) -> None:
    note = raw_indicators[(raw_indicators["indicator"] == "smugglers_apprehended") & (raw_indicators["iso3"] == "TUR")
                          & (raw_indicators["year"] == 2019)]["note"].iloc[0]
    assert note
    hover = hover_of(store, view("?crime=migrant-smuggling&indicator=smugglers_apprehended&year=2019"))["TUR"][5]
    assert note[:40] in hover.replace("<br>", " ")


def test_a_partial_year_is_flagged_wherever_a_2025_figure_appears(store, view, raw_indicators) -> None:
    from dashboard.figures import timeseries
    from dashboard.panels.registry import panel_summary

    deaths = view("?crime=deaths&year=2025")
    fig = choropleth.build_choropleth(store, deaths, GEO)
    assert fig.layout.title.text.endswith(", 2025 (January–April only)")
    greece = raw_value(raw_indicators, "dead_and_missing", "GRC", 2025)
    assert greece[1] == "partial_year"
    hover = hover_of(store, deaths)["GRC"]
    assert hover[1] == f"{greece[0]:,.0f} (part of the year only)"
    assert "2025 covers January–April only" in hover[5]
    assert "2025 covers January–April only" in panel_summary(store, deaths, "map")
    series = timeseries.build_timeseries(store, deaths)
    greek = next(t for t in series.data if t.name == "Greece")
    symbols = dict(zip(greek.x, greek.marker.symbol, strict=True))
    assert symbols[2025].endswith("-open") and not symbols[2024].endswith("-open")
    frontex = view("?year=2025")
    assert sankey.build_sankey(store, frontex).layout.title.text.endswith(", 2025 (January–April only)")
    assert "2025 covers January–April only (Frontex" in panel_summary(store, frontex, "sankey")


def test_all_11_have_asylum_applications_in_2015_and_2022(store, view) -> None:
    for year in (2015, 2022):
        frame = choropleth.map_frame(store, view(f"?crime=asylum&year={year}"))
        part = frame[frame["participating"]]
        assert part["value"].notna().all(), part.loc[part["value"].isna(), "iso3"].tolist()
