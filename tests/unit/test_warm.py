"""A warm app (SEE_WARM=1, as gunicorn runs it) answers the opening view in every year without building it."""

from __future__ import annotations

import re
from dataclasses import asdict, replace

from dashboard.config import Config
from dashboard.figures import choropleth, sankey, timeseries
from dashboard.panels.flows import PATCH_KEY as SANKEY_PATCH_KEY
from dashboard.view.state import default_state
from tests.conftest import DATA_DIR
from tests.unit.dash_post import post


def _view(state) -> dict:  # noqa: ANN001
    return {k: list(v) if isinstance(v, tuple) else v for k, v in asdict(state).items()}


def test_the_opening_view_is_drawn_from_memory_in_every_year(monkeypatch, make_app, domain):
    app = make_app(warm=True)
    client = app.server.test_client()

    def not_again(*_args, **_kwargs):
        raise AssertionError("built again: the warm-up should have kept it")

    for name in ("build_sankey", "sankey_data"):
        monkeypatch.setattr(sankey, name, not_again)
    monkeypatch.setattr(choropleth, "year_update", not_again)
    monkeypatch.setattr(timeseries, "year_marker_update", not_again)
    opening = default_state(domain)
    years = domain.years(opening.crime, opening.indicator)
    assert len(years) > 10
    map_key = f"{opening.indicator}|{opening.measure}|{opening.incidents}"
    first = post(client, app, "sankey-graph.figure", {"draw-view.data": _view(opening)}, ["draw-view.data"])
    assert first["sankey-graph.figure"]["layout"]["title"]["text"].endswith(f", {opening.year}")  # a whole figure
    for year in years:
        view = _view(replace(opening, year=year))
        drawn_sankey = post(client, app, "sankey-graph.figure", {"draw-view.data": view, "sankey-key.data": {
            "patch": SANKEY_PATCH_KEY}}, ["draw-view.data"])
        titles = [op["params"]["value"] for op in drawn_sankey["sankey-graph.figure"]["operations"]
                  if op["location"] == ["layout", "title", "text"]]
        assert len(titles) == 1 and re.search(f", {year}( \\(January–April only\\))?$", titles[0])
        drawn = post(client, app, "map-graph.figure", {"draw-view.data": view, "map-key.data": {"patch": map_key}},
                     ["draw-view.data"])
        titles = [op["params"]["value"] for op in drawn["map-graph.figure"]["operations"]
                  if op["location"] == ["layout", "title", "text"]]
        assert len(titles) == 1 and titles[0].endswith(f", {year}")


def test_an_app_is_cold_unless_asked(monkeypatch):
    monkeypatch.delenv("SEE_WARM", raising=False)  # gunicorn_conf.py sets it when imported (by a test, too)
    assert Config(data_dir=DATA_DIR).warm is False
    monkeypatch.setenv("SEE_WARM", "1")
    assert Config(data_dir=DATA_DIR).warm is True
