"""Precompressed assets reach browsers that accept brotli, identical to the files; the favicon is cacheable;
files sent many times are compressed once at brotli's best quality; the index names only bundles a page uses."""

from __future__ import annotations

import re

import brotli
import flask_compress.flask_compress as fc
import pytest

from dashboard.web.static import BEST_QUALITY, CompressedFiles, precompressed, prewarm
from tests.conftest import REPO_ROOT

ASSETS = REPO_ROOT / "assets"
BUNDLE = "00_vendor/plotly/plotly-see.min.js"


def test_every_brotli_twin_holds_exactly_its_file():
    twins = precompressed(ASSETS)
    assert {BUNDLE, "topojson/world_110m.json", "topojson/world_50m.json"} <= set(twins)
    for name, br in twins.items():
        assert brotli.decompress(br.read_bytes()) == (ASSETS / name).read_bytes(), \
            f"{br} is stale: run scripts/precompress-assets"


@pytest.mark.parametrize("name", [BUNDLE, "topojson/world_110m.json"])
def test_a_brotli_browser_gets_the_twin_and_others_the_file(client, name):
    original = (ASSETS / name).read_bytes()
    packed = client.get(f"/assets/{name}", headers={"Accept-Encoding": "gzip, deflate, br, zstd"})
    assert packed.status_code == 200
    assert packed.headers["Content-Encoding"] == "br"
    assert packed.headers["Vary"] == "Accept-Encoding"
    assert len(packed.data) < len(original) / 3
    assert brotli.decompress(packed.data) == original
    assert packed.headers["Content-Security-Policy"]  # the security headers still apply

    again = client.get(f"/assets/{name}", headers={"Accept-Encoding": "br", "If-None-Match": packed.headers["ETag"]})
    assert again.status_code == 304 and not again.data

    plain = client.get(f"/assets/{name}", headers={"Accept-Encoding": "identity"})
    assert plain.status_code == 200 and "Content-Encoding" not in plain.headers
    assert plain.data == original


def test_the_favicon_is_ours_small_and_kept_by_the_browser(client):
    page = client.get("/").get_data(as_text=True)
    href = re.search(r'<link rel="icon" type="image/x-icon" href="([^"]+)"', page).group(1)
    assert href.startswith("/assets/favicon.ico?")
    response = client.get(href)
    assert response.status_code == 200
    assert response.data == (ASSETS / "favicon.ico").read_bytes() and len(response.data) < 2_000
    assert "max-age=86400" in response.headers["Cache-Control"]
    assert "max-age=86400" in client.get("/_favicon.ico?v=4.4.1").headers["Cache-Control"]


def test_the_index_names_no_datatable_bundle_but_every_other_component_library(client):
    scripts = re.findall(r'<script src="([^"]+)"', client.get("/").get_data(as_text=True))
    assert not [s for s in scripts if "dash_table" in s]
    for library in ("dash_renderer", "dash_core_components", "dash_html_components", "dash_bootstrap_components"):
        assert [s for s in scripts if library in s], library


def test_the_outlines_go_out_at_brotlis_best_quality_and_unchanged(client, app):
    original = (REPO_ROOT / "data" / "countries.geojson").read_bytes()
    url = re.search(r'"(/data/countries\.geojson\?v=[^"]+)"', client.get("/_dash-layout").get_data(as_text=True))
    path = url.group(1) if url else "/data/countries.geojson"
    packed = client.get(path, headers={"Accept-Encoding": "gzip, br"})
    assert packed.headers["Content-Encoding"] == "br" and "immutable" in packed.headers["Cache-Control"]
    assert brotli.decompress(packed.data) == original
    assert len(packed.data) == len(brotli.compress(original, quality=BEST_QUALITY))
    assert client.get(path, headers={"Accept-Encoding": "identity"}).data == original


def test_prewarm_compresses_every_file_the_index_names_once_at_best_quality(make_app, monkeypatch):
    app = make_app()  # its own: the shared app's cache stays cold
    calls: list[int] = []
    real = fc._compress_data
    monkeypatch.setattr(fc, "_compress_data", lambda a, data, alg: calls.append(len(data)) or real(a, data, alg))
    fetched = prewarm(app.server, "/")
    assert fetched >= 10
    client = app.server.test_client()
    page = client.get("/").get_data(as_text=True)
    before = len(calls)
    shipped = re.search(r'src="([^"]*dash_core_components\.v[^"]*)"', page).group(1)
    answer = client.get(shipped, headers={"Accept-Encoding": "br"})
    assert len(calls) == before  # already compressed by the warm-up
    plain = client.get(shipped, headers={"Accept-Encoding": "identity"}).data
    assert brotli.decompress(answer.data) == plain
    assert len(answer.data) == len(brotli.compress(plain, quality=BEST_QUALITY))


def test_shipped_files_are_compressed_once_per_worker_and_nothing_else_is_kept(client, monkeypatch):
    calls: list[int] = []
    real = fc._compress_data
    monkeypatch.setattr(fc, "_compress_data", lambda a, data, alg: calls.append(len(data)) or real(a, data, alg))
    page = client.get("/").get_data(as_text=True)
    shipped = re.search(r'src="([^"]*dash_renderer[^"]*)"', page).group(1)  # the renderer, as the page asks
    first = client.get(shipped, headers={"Accept-Encoding": "br"})
    again = client.get(shipped + "?m=another-stamp", headers={"Accept-Encoding": "br"})
    assert first.status_code == again.status_code == 200 and first.headers["Content-Encoding"] == "br"
    assert brotli.decompress(again.data) == brotli.decompress(first.data) and len(first.data) > 10_000
    assert len(calls) == 1  # the second answer came from the cache, whatever the stamp
    # API answers and callbacks are compressed afresh every time: they depend on the request
    for _ in range(2):
        assert client.get("/api/country-indicators.json?indicator=thb_victims",
                          headers={"Accept-Encoding": "br"}).headers["Content-Encoding"] == "br"
    assert len(calls) == 3


def test_invented_version_stamps_in_a_bundle_name_share_one_cache_entry(client, monkeypatch):
    calls: list[int] = []
    real = fc._compress_data
    monkeypatch.setattr(fc, "_compress_data", lambda a, data, alg: calls.append(len(data)) or real(a, data, alg))
    page = client.get("/").get_data(as_text=True)
    shipped = re.search(r'src="([^"]*dash_renderer\.v[^"]*)"', page).group(1)
    bodies = []
    for stamp in ("v1m1", "v2m2", "v3m3"):  # Dash answers each with the same file
        response = client.get(re.sub(r"\.v[\w-]+m[0-9a-f]+\.", f".{stamp}.", shipped),
                              headers={"Accept-Encoding": "br"})
        assert response.status_code == 200 and response.headers["Content-Encoding"] == "br"
        bodies.append(brotli.decompress(response.data))
    assert bodies[0] == bodies[1] == bodies[2]
    assert len(calls) <= 1  # compressed at most once (not at all if an earlier test stored it), never per stamp


def test_the_compressed_files_cache_stops_at_its_byte_bound():
    cache = CompressedFiles(max_bytes=10)
    cache.set("gzip;/assets/a.js", b"a" * 6)
    cache.set("gzip;/assets/b.js", b"b" * 6)  # would pass the bound: not kept
    cache.set("br;", b"c")  # a response that is no shipped file: never kept
    assert cache.get("gzip;/assets/a.js") == b"a" * 6 and cache.get("gzip;/assets/b.js") is None
    assert cache.sizes() == {"entries": 1, "bytes": 6}
