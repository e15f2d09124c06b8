"""Context events on the timeline (issue 15): which a view shows, where they stand, what their hover says, that
the switch and a deck's ids decide them, and that they stay context: no rows, no summary, no legend.

Expected events are read from data/events.csv with pandas, not through the Store.
"""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd
import pytest

from callbacks.url import _from_controls
from dashboard.export import files as export
from dashboard.figures import event_labels, events, timeseries
from dashboard.figures.event_labels import is_event
from dashboard.panels.registry import panel_notes, panel_rows, panel_summary
from dashboard.present.decks import DeckError, deck_from_data, deck_to_data, load_deck
from dashboard.view.state import parse_query, to_query
from layouts.controls import event_ticks
from tests.conftest import DATA_DIR, REPO_ROOT

CHROMIUM = Path("/usr/bin/chromium")
STATEMENT = "eu-turkiye-statement"


@pytest.fixture(scope="module")
def listed() -> pd.DataFrame:
    return pd.read_csv(DATA_DIR / "events.csv", keep_default_na=False)


def marks(fig) -> dict[str, dict]:  # noqa: ANN001
    """Event id -> its marker's x, y, label and hover, as the series figure draws it."""
    found = [t for t in fig.data if is_event(t) and t.mode == "markers+text"]
    if not found:
        return {}
    t = found[0]
    return {i: {"x": x, "y": y, "label": label, "hover": hover}
            for i, x, y, label, hover in zip(t.ids, t.x, t.y, t.text, t.customdata, strict=True)}


# ---- which events a view shows ----------------------------------------------------------------------------------


def test_a_view_of_greece_shows_its_own_the_origin_and_the_region_wide_events(store, view) -> None:
    shown = set(events.view_events(store, view("?series=country&country=GRC"))["id"])
    assert {STATEMENT, "syria-war", "covid-19-pandemic", "first-returns-greece-turkiye", "taliban-take-kabul",
            "eu-pact-migration-asylum"} <= shown
    assert "croatia-joins-schengen" not in shown and "hungary-serbia-border-closed" not in shown
    assert "bulgaria-romania-schengen-land" not in shown  # its routes are no route of a country series


def test_a_route_series_shows_the_events_of_its_route(store, view) -> None:
    balkans = set(events.view_events(store, view("?series=route&route=Western+Balkan+Route&country=CYP"))["id"])
    assert {"croatia-joins-schengen", "hungary-serbia-border-closed", "bulgaria-romania-schengen-land"} <= balkans
    assert STATEMENT not in balkans  # Türkiye and Greece only, on the Eastern Mediterranean route


def test_with_none_selected_the_events_of_all_eleven_are_shown(store, view, listed) -> None:
    shown = set(events.view_events(store, view("?series=country"))["id"])
    assert shown == set(listed["id"])  # every listed event concerns one of the 11, an origin or the region


def test_the_switch_and_named_ids_decide(store, view) -> None:
    assert events.view_events(store, view("?events=0")).empty
    named = events.view_events(store, view(f"?series=country&country=HRV&events={STATEMENT}"))
    assert list(named["id"]) == [STATEMENT]  # named: shown though Croatia's view would not show it


def test_the_events_parameter_reads_and_writes_one_way(domain) -> None:
    assert parse_query("?events=0", domain).state.events is False
    assert parse_query("?events=1", domain).state.events is True
    assert to_query(parse_query("?events=0", domain).state, domain) == "?events=0"
    assert to_query(parse_query("", domain).state, domain) == ""  # on is the default
    both = parse_query(f"?events={STATEMENT},atlantis,{STATEMENT}", domain)
    assert both.state.events == (STATEMENT,)
    assert both.notices == ['Unknown event "atlantis"; ignored.']
    junk = parse_query("?events=maybe", domain)
    assert junk.state.events is True
    assert junk.notices == ['The events take 1 or 0 (or event ids), not "maybe"; showing the events.']


# ---- where they stand, and what the hover says ------------------------------------------------------------------


def test_a_date_stands_at_its_fraction_of_the_year() -> None:
    day = pd.Timestamp("2016-03-18")
    assert events.axis_position(day, monthly=False) == 2016 + 77 / 366
    assert round(events.axis_position(day, monthly=False), 2) == 2016.21
    assert events.axis_position(pd.Timestamp("2015-01-01"), monthly=False) == 2015
    assert events.axis_position(day, monthly=True) == "2016-03-18"


def test_the_series_carries_the_statement_with_its_document_in_the_hover(store, view, listed) -> None:
    row = listed.set_index("id").loc[STATEMENT]
    yearly = marks(timeseries.build_timeseries(store, view("?series=country&country=GRC")))
    assert yearly[STATEMENT]["x"] == pytest.approx(2016.2104, abs=1e-4)
    hover = yearly[STATEMENT]["hover"]
    assert f"<b>{row['title']}</b>" in hover and "March 18, 2016" in hover
    assert f"Source: {row['publisher']}, {row['document']}" in hover.replace("<br>", " ")
    assert yearly[STATEMENT]["label"] == "EU–Türkiye Statement"
    monthly = marks(timeseries.build_timeseries(store, view("")))  # irregular migration opens on the routes
    assert monthly[STATEMENT]["x"] == "2016-03-18"


def test_the_hover_speaks_the_view_s_language(store, view) -> None:
    hover = marks(timeseries.build_timeseries(store, view("?lang=el")))[STATEMENT]["hover"]
    assert "18 Μαρτίου 2016" in hover and "EU-Turkey statement, 18 March 2016" in hover


def test_events_outside_what_the_series_covers_are_not_drawn(store, view) -> None:
    drawn = marks(timeseries.build_timeseries(store, view("?crime=human-trafficking&country=GRC")))
    years = panel_rows(store, view("?crime=human-trafficking&country=GRC"), "series")["year"]
    assert drawn and all(years.min() <= float(m["x"]) < years.max() + 1 for m in drawn.values())
    assert "bulgaria-romania-schengen-land" not in drawn  # 2025: GLOTIP ends in 2022


def test_the_switch_removes_the_markers(store, view) -> None:
    on, off = (timeseries.build_timeseries(store, view(q)) for q in ("", "?events=0"))
    assert STATEMENT in marks(on) and marks(off) == {}
    assert not [t for t in off.data if is_event(t)]
    assert [t.name for t in on.data if not is_event(t)] == [t.name for t in off.data]  # the data is the same


def test_labels_of_close_events_stand_clear_of_each_other(store, view) -> None:
    drawn = marks(timeseries.build_timeseries(store, view("")))
    cluster = ["hungary-serbia-border-closed", "hungary-croatia-border-closed", "eu-turkiye-joint-action-plan",
               "western-balkan-route-closed", STATEMENT, "first-returns-greece-turkiye"]
    assert all(drawn[e]["label"] for e in cluster)  # at the dashboard's width, all six are labelled
    assert len({drawn[e]["y"] for e in cluster}) >= 3  # staggered over several heights
    xs = [0.40, 0.41, 0.42, 0.43]
    slots, shown = event_labels.readable_slots(xs, [0.1] * 4, 1000)
    spans = [(level, (x, x + 0.1) if right else (x - 0.1, x)) for (level, right), x in zip(slots, xs, strict=True)]
    assert all(shown) and all(a[1][1] <= b[1][0] or b[1][1] <= a[1][0]
                              for i, a in enumerate(spans) for b in spans[i + 1:] if a[0] == b[0])


def test_a_label_is_the_title_cut_to_its_ends() -> None:
    assert event_labels.short_label("Hungary closes its border with Serbia") == "Hungary closes…with Serbia"
    assert event_labels.short_label("EU–Türkiye Statement (applies from 20 March)") == "EU–Türkiye Statement"
    assert event_labels.short_label("Taliban take Kabul") == "Taliban take Kabul"


# ---- context, not data -------------------------------------------------------------------------------------------


def test_events_are_in_no_legend_row_csv_or_summary(store, view, listed) -> None:
    state = view("")
    fig = timeseries.build_timeseries(store, state)
    assert all(t.showlegend is False and t.yaxis == "y2" for t in fig.data if is_event(t))
    # and no legend group: plotly would then lay a horizontal legend out group under group, one entry a row
    assert all(t.legendgroup is None for t in fig.data if is_event(t))
    rows = panel_rows(store, state, "series")
    assert list(rows.columns) == ["route", "month", "detections", "source"] and "2016-03-18" not in set(rows["month"])
    summary = panel_summary(store, state, "series")
    assert not any(title in summary for title in listed["title"])
    assert any("Dotted lines mark dated events" in c for c in panel_notes(store, state, "series")["caveats"])
    assert not any("Dotted lines" in c for c in panel_notes(store, view("?events=0"), "series")["caveats"])


def test_a_year_step_leaves_the_events_where_they_are(store, view) -> None:
    state = view("?year=2016")
    patch = timeseries.year_marker_update(state)
    assert list(patch) == ["layout.shapes"]  # the events are traces, never shapes
    assert STATEMENT in marks(timeseries.build_timeseries(store, state))


# ---- the slider, exports and decks -------------------------------------------------------------------------------


def test_the_slider_ticks_stand_at_the_dates(store, view, domain) -> None:
    state = view("")
    years = domain.years(state.crime, state.indicator)
    ticks = {e["id"]: e for e in events.slider_events(store, state, years)}
    expected = 100 * (2016 + 77 / 366 - years[0]) / (years[-1] - years[0])
    assert ticks[STATEMENT]["left"] == round(expected, 2) and ticks[STATEMENT]["date"] == "March 18, 2016"
    item = next(li for li in event_ticks(list(ticks.values())) if li.to_plotly_json()["props"]["data-event"]
                == STATEMENT)
    assert item.title == "March 18, 2016: EU–Türkiye Statement (applies from 20 March)"
    assert item.children[1].lang == "en"
    assert events.slider_events(store, view("?events=0"), years) == []


def test_an_export_lays_the_labels_out_for_its_width(store, view) -> None:
    state = view("")
    caption = export.caption_for(store, state, "series", "http://127.0.0.1/")
    column = marks(export.captioned(timeseries.build_timeseries(store, state), caption, export.SIZES["column"]))
    a4 = marks(export.captioned(timeseries.build_timeseries(store, state), caption, export.SIZES["a4"]))
    assert set(column) == set(a4) and STATEMENT in a4  # every marker stays
    assert sum(bool(m["label"]) for m in column.values()) < sum(bool(m["label"]) for m in a4.values())


@pytest.mark.skipif(not CHROMIUM.exists(), reason="image export needs Debian's chromium")
def test_the_exported_svg_draws_the_markers_and_their_labels(store, view) -> None:
    state = view("?series=country&country=GRC")
    caption = export.caption_for(store, state, "series", "http://127.0.0.1/")
    svg = export.panel_image(store, state, "series", "svg", export.SIZES["a4"], caption, CHROMIUM).decode()
    text = re.sub(r"<[^>]+>", "\n", svg)
    assert "EU–Türkiye Statement" in text and "First returns…the Statement" in text
    assert "Dotted lines mark dated events" not in text  # the caveat is the caption's, not drawn on the chart


def test_a_deck_slide_shows_only_the_events_it_names(store, domain) -> None:
    deck = load_deck(REPO_ROOT / "decks", "route-story", domain)
    slide = next(s for s in deck.slides if s.title == "The drop after 2016")
    assert slide.state.events == ("western-balkan-route-closed", STATEMENT)
    assert set(marks(timeseries.build_timeseries(store, slide.state))) == {"western-balkan-route-closed", STATEMENT}
    again = deck_from_data(deck_to_data(deck, domain), domain, "route-story")
    assert again == deck
    assert deck_to_data(deck, domain)["slides"][2]["events"] == ["western-balkan-route-closed", STATEMENT]


@pytest.mark.parametrize(("events_value", "message"), [
    (["eu-turkey-deal"], "slide 1: unknown event 'eu-turkey-deal'"),
    ("eu-turkiye-statement", "slide 1: 'events' must list at most"),
])
def test_a_deck_naming_an_unknown_event_is_a_deck_error(domain, events_value, message: str) -> None:  # noqa: ANN001
    data = {"title": "T", "slides": [{"title": "S", "view": "year=2016", "events": events_value}]}
    with pytest.raises(DeckError, match=re.escape(message)):
        deck_from_data(data, domain, "d")


def test_an_empty_list_shows_none(domain) -> None:
    data = {"title": "T", "slides": [{"title": "S", "view": "year=2016", "events": []}]}
    assert deck_from_data(data, domain, "d").slides[0].state.events is False


def test_the_switch_on_keeps_the_named_events_and_off_drops_them(domain) -> None:
    named = parse_query(f"?events={STATEMENT}", domain).state
    values = {"crime": named.crime, "indicator": named.indicator, "countries": ["GRC"], "events": True}
    assert _from_controls(values, named, domain).events == (STATEMENT,)
    assert _from_controls({**values, "events": False}, named, domain).events is False


def test_the_store_reads_the_events_once_with_their_dates(store, listed) -> None:
    assert pd.api.types.is_datetime64_any_dtype(store.events["when"])
    assert store.events["when"].is_monotonic_increasing and len(store.events) == len(listed)
    statement = store.events.set_index("id").loc[STATEMENT]
    assert statement["countries"] == ("TUR", "GRC") and statement["routes"] == ("Eastern Mediterranean Route",)
    assert store.events.set_index("id").loc["covid-19-pandemic", "countries"] == ()
