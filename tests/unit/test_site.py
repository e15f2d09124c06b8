"""The static edition's folder: complete, relative, within budget, and drawing the server's own numbers."""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path

import pandas as pd
import pytest

from dashboard.panels.registry import build_panel, spec
from dashboard.site.build import GEOJSON, MAX_FIRST_LOAD_MB, MAX_MB_PER_LANG, over_budget
from dashboard.view.state import default_state
from tests.site_edition import read_script, write_site

SCRIPT = re.compile(r'<(?:script|link)[^>]+(?:src|href)="([^"]+)"')


@pytest.fixture(scope="session")
def site(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict]:
    return write_site(tmp_path_factory)


def test_index_names_only_files_that_exist(site) -> None:  # noqa: ANN001
    out, _ = site
    html = (out / "index.html").read_text(encoding="utf-8")
    named = SCRIPT.findall(html)
    assert "vendor/plotly/plotly-see.min.js" in named and "site.js" in named
    assert all((out / name).is_file() for name in named), named
    assert (out / "vendor" / "plotly" / "LICENSE").is_file() and (out / "vendor" / "bootstrap" / "LICENSE").is_file()


def _own_text(path: Path) -> str:
    """A file's text without the vendored libraries' own licence comments (/*! … */)."""
    return re.sub(r"/\*!.*?\*/", "", path.read_text(encoding="utf-8"), flags=re.S)


def test_no_absolute_urls_in_what_the_edition_wrote(site) -> None:  # noqa: ANN001
    out, _ = site
    for path in [*out.rglob("*.html"), *out.rglob("*.js")]:
        if "vendor" in path.parts:
            continue  # plotly's and Bootstrap's own code, licence comments included
        text = _own_text(path)
        assert not re.search(r"https?://(?!example\.org/see/)", text), path  # the full edition's link aside
        assert not re.search(r'(?:src|href)="/', text), path


def test_size_budget(site) -> None:  # noqa: ANN001
    out, manifest = site
    per_lang = sum(f.stat().st_size for f in (out / "data" / "en").rglob("*.js")) / 1e6
    assert 0 < per_lang <= MAX_MB_PER_LANG
    assert all(0 < v["bytes"] / 1e6 <= MAX_FIRST_LOAD_MB for v in [*manifest["views"], *manifest["decks"]])
    assert over_budget(manifest) == []
    assert over_budget({**manifest, "views": [{**manifest["views"][0], "bytes": 2_000_000}]}) == [
        manifest["views"][0]["file"]]


def test_figures_are_the_servers(site, store, domain) -> None:  # noqa: ANN001
    out, _ = site
    view = read_script(out / "data" / "en" / "migrant-smuggling.js")
    state = default_state(domain, "migrant-smuggling")
    for panel in view["panels"]:
        server = build_panel(store, state, panel["id"], GEOJSON).to_plotly_json()
        assert [t.get("z") for t in panel["figure"]["data"]] == [
            None if t.get("z") is None else list(t["z"]) for t in server["data"]]
        assert [t.get("x") for t in panel["figure"]["data"]] == [
            None if t.get("x") is None else list(t["x"]) for t in server["data"]]
    # and a later year's patch is the panel's own year patch for that year
    patch = view["frames"]["2019"]["map"]["patch"]
    assert patch["data[0].z"] == spec("map").year_patch(store, replace(state, year=2019), GEOJSON)["data[0].z"]


def test_greece_2019_smuggling_offences_are_in_the_view(site) -> None:  # noqa: ANN001
    out, _ = site
    rows = pd.read_parquet(Path("data") / "country_indicators.parquet")
    published = rows.query("indicator == 'smuggling_offences' and iso3 == 'GRC' and year == 2019")["value"].item()
    view = read_script(out / "data" / "en" / "migrant-smuggling.js")
    csv = view["pool"][view["frames"]["2019"]["map"]["rows"]]["csv"]
    row = dict(zip(csv["columns"], next(r for r in csv["rows"] if "GRC" in r), strict=True))
    assert row["value"] == published
    assert f"{published:,.0f}" in view["frames"]["2019"]["map"]["summary"]


def test_every_deck_is_written_with_the_servers_figures(site, store, domain) -> None:  # noqa: ANN001
    from dashboard.config import Config
    from dashboard.present.decks import list_decks, load_deck

    out, manifest = site
    decks_dir = Config().decks_dir
    assert {d["name"] for d in manifest["decks"]} == set(list_decks(decks_dir))
    for meta in manifest["decks"]:
        deck = read_script(out / meta["file"])
        source = load_deck(decks_dir, meta["name"], domain)
        assert [s["title"] for s in deck["slides"]] == [s.title_in("en") for s in source.slides]
        assert all(s["figures"] for s in deck["slides"])
