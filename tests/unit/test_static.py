"""Precompressed assets reach browsers that accept brotli, identical to the files; the favicon is cacheable."""

from __future__ import annotations

import re

import brotli
import flask_compress.flask_compress as fc
import pytest

from dashboard.static import CompressedFiles, precompressed
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


def test_the_favicon_is_kept_by_the_browser(client):
    response = client.get("/_favicon.ico?v=4.4.1")
    assert response.status_code == 200
    assert "max-age=86400" in response.headers["Cache-Control"]


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
    cache.set("br;/assets/a.js", b"a" * 6)
    cache.set("br;/assets/b.js", b"b" * 6)  # would pass the bound: not kept
    cache.set("br;", b"c")  # a response that is no shipped file: never kept
    assert cache.get("br;/assets/a.js") == b"a" * 6 and cache.get("br;/assets/b.js") is None
    assert cache.sizes() == {"entries": 1, "bytes": 6}
