"""The screen map draws plotly's base land at 1:110m for speed; exports still print it at 1:50m, the one inlined."""

from __future__ import annotations

import kaleido

from dashboard.export import render
from dashboard.figures import choropleth
from dashboard.view.state import default_state


def test_exports_ask_for_the_inlined_base_map_whatever_the_screen_uses(monkeypatch, store, domain, tmp_path):
    fig = choropleth.build_choropleth(store, default_state(domain), "/data/countries.geojson")
    assert fig.layout.geo.resolution == choropleth.BASE_MAP_RESOLUTION == 110
    sent = []
    monkeypatch.setattr(render, "_start", lambda *_args: None)
    monkeypatch.setattr(kaleido, "calc_fig_sync", lambda fig, opts: sent.append(fig) or b"png")
    assert render.render_image(fig, "png", 800, 600, 1.0, chromium=tmp_path, topojson_dir=tmp_path) == b"png"
    assert sent[0].layout.geo.resolution == 50 and render.TOPOJSON_NAME == "world_50m"
    assert fig.layout.geo.resolution == 110  # the caller's figure is left as it was
