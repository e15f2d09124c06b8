"""Every registered panel holds to the PanelSpec interface in every context that serves it: its rows are what
the download and the export's CSV hold, its figure carries its title, its year patch fits, and the embed page,
the export and a deck slide answer with it. A panel added to the registry is checked here without a new test."""

from __future__ import annotations

import io
from dataclasses import fields

import pandas as pd
import pytest

from dashboard.panels.registry import PANELS, SLOTS, panel_notes, panel_rows, panel_summary, view_panels
from dashboard.panels.spec import PanelSpec
from dashboard.present.decks import deck_from_data
from dashboard.web.urls import embed_url, export_url

#: A view per crime type: every panel of the registry is shown by at least one of them.
VIEWS = ["?crime=irregular-migration&year=2016", "?crime=human-trafficking&year=2019",
         "?crime=migrant-smuggling&year=2019", "?crime=asylum&year=2023"]


def _shown(view, domain):  # noqa: ANN001, ANN202
    """(state, panel) for every panel each view shows."""
    return [(state, p) for q in VIEWS for state in [view(q)] for p in view_panels(state)]


def test_every_panel_fills_the_whole_interface():
    for panel in PANELS.values():
        assert isinstance(panel, PanelSpec)
        missing = [f.name for f in fields(PanelSpec) if getattr(panel, f.name) is None and f.name != "click"]
        assert not missing, (panel.id, missing)
        assert panel.slot in SLOTS


def test_every_panel_is_shown_by_some_view_and_each_slot_is_filled_once(view, domain):
    shown = {p for _, p in _shown(view, domain)}
    assert shown == set(PANELS)
    for q in VIEWS:
        assert len(view_panels(view(q))) == len(SLOTS)


@pytest.mark.parametrize("query", VIEWS)
def test_a_panels_rows_title_summary_and_notes_agree(view, domain, store, query):
    state = view(query)
    for panel in view_panels(state):
        spec = PANELS[panel]
        rows = panel_rows(store, state, panel)
        assert isinstance(rows, pd.DataFrame) and len(rows) > 0, panel
        figure = spec.figure(store, state, "/assets/countries.json").to_plotly_json()
        assert figure["layout"]["title"]["text"].startswith(spec.title(state)[:20]), panel
        assert spec.heading_for(store, state).startswith(spec.title(state)), panel
        notes = panel_notes(store, state, panel)
        assert notes["sources"] and notes["sources"] != ["none (nothing is drawn)"], panel
        assert panel_summary(store, state, panel).strip(), panel
        if spec.patch_key(state) is not None:
            assert spec.year_patch(store, state, "/assets/countries.json"), panel


@pytest.mark.parametrize("query", VIEWS)
def test_every_context_serves_every_shown_panel(client, view, domain, store, query):
    state = view(query)
    for panel in view_panels(state):
        embed = client.get(embed_url(state, domain, panel))
        assert embed.status_code == 200, panel
        csv = client.get(export_url(state, domain, f"{panel}.csv"))
        assert csv.status_code == 200, panel
        body = "\n".join(line for line in csv.get_data(as_text=True).splitlines() if not line.startswith("#"))
        exported = pd.read_csv(io.StringIO(body), keep_default_na=False, na_values=[""])
        assert len(exported) == len(panel_rows(store, state, panel)), panel
        deck = deck_from_data({"title": "t", "slides": [{"title": "s", "view": query.lstrip("?"),
                                                           "panels": [panel]}]}, domain, "test")
        assert deck.slides[0].panels == (panel,)
