"""Security: headers on every response, debug off for good, no path out of the served folders.

Headers and debug are checked on the app itself (every kind of response it makes, errors included); traversal is
checked against the real gunicorn with raw request paths, since a test client would normalise ``..`` away.
"""

from __future__ import annotations

import http.client
import re
from urllib.parse import urlsplit

import pytest

from callbacks.export import csv_filename
from dashboard.config import Config
from dashboard.web.security import content_security_policy, is_embed_path
from tests.hardening.server import gunicorn
from tests.patience import PROBE_S
from tests.unit.dash_post import ENDPOINT, payload

HEADERS = ("Content-Security-Policy", "X-Content-Type-Options", "Referrer-Policy", "Permissions-Policy")

#: One request of every kind the app answers: page, asset, bundle, API (good and bad), layout, callback (good and
#: malformed), health, geometry, and a 404.
REQUESTS = [
    ("GET", "/", None, 200),
    ("GET", "/about", None, 200),
    ("GET", "/?year=abc&foo=%3Cscript%3E", None, 200),
    ("GET", "/assets/app.css", None, 200),
    ("GET", "/_dash-layout", None, 200),
    ("GET", "/_dash-dependencies", None, 200),
    ("GET", "/_favicon.ico", None, 200),
    ("GET", "/api/flows.json?year=2019", None, 200),
    ("GET", "/api/flows.json?year=twenty", None, 400),
    ("GET", "/api/nothing.csv", None, 404),
    ("GET", "/api/datapackage.json", None, 200),
    ("GET", "/healthz", None, 200),
    ("GET", "/_dash-component-suites/dash/nothing.js", None, 404),
    ("GET", "/_dash-component-suites/dash/dcc/async-mathjax.js.map", None, 404),  # registered, not shipped
    ("POST", ENDPOINT, "sankey", 200),
    ("POST", ENDPOINT, {"output": "nope.children"}, 400),
    ("POST", ENDPOINT, [1, 2, 3], 400),
]


def _sankey_request(app) -> dict:  # noqa: ANN001 - dash.Dash
    return payload(app, "sankey-graph.figure", {"draw-view.data": {"year": 2016}}, ["draw-view.data"])


def _csp(response) -> dict[str, list[str]]:
    policy = response.headers["Content-Security-Policy"]
    return {d.split()[0]: d.split()[1:] for d in policy.split(";") if d.strip()}


@pytest.mark.parametrize(("method", "path", "body", "status"), REQUESTS, ids=[f"{m} {p}" for m, p, *_ in REQUESTS])
def test_every_response_carries_the_security_headers(app, client, method, path, body, status):
    response = client.open(path, method=method, json=_sankey_request(app) if body == "sankey" else body)
    assert response.status_code == status, response.get_data(as_text=True)[:300]
    for name in HEADERS:
        assert response.headers.get(name), f"{name} missing on {method} {path}"
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Referrer-Policy"] == "same-origin"
    assert "camera=()" in response.headers["Permissions-Policy"]
    assert "geolocation=()" in response.headers["Permissions-Policy"]
    csp = _csp(response)
    assert csp["frame-ancestors"] == ["'none'"]
    assert response.headers["X-Frame-Options"] == "DENY"


def test_the_policy_allows_only_this_origin_and_hashed_inline_scripts(app, client):
    csp = _csp(client.get("/"))
    assert csp["default-src"] == ["'self'"]
    # Scripts: our files plus exactly Dash's inline scripts, by hash; never inline or eval in general.
    assert csp["script-src"] == ["'self'", *app.csp_hashes()]
    assert all(v.startswith("'sha256-") for v in csp["script-src"][1:])
    assert csp["connect-src"] == ["'self'"]
    assert csp["object-src"] == ["'none'"]
    assert csp["base-uri"] == ["'self'"]
    everything = " ".join(v for values in csp.values() for v in values)
    assert "unsafe-eval" not in everything
    assert "unsafe-inline" not in " ".join(csp["script-src"])
    assert not re.search(r"https?:|\*", everything), f"an external origin is allowed: {everything}"


def test_the_hashes_cover_every_inline_script_of_the_index(client):
    """Each executable inline <script> in the page Dash renders is in script-src, so the browser runs it."""
    import base64
    import hashlib

    html = client.get("/").get_data(as_text=True)
    inline = re.findall(r"<script(?![^>]*\bsrc=)(?![^>]*application/json)[^>]*>(.*?)</script>", html, re.S)
    executable = [s for s in inline if "Internet Explorer" not in s]  # the IE notice sits in an HTML comment
    assert executable, "expected Dash's inline renderer script"
    allowed = _csp(client.get("/"))["script-src"]
    for script in executable:
        digest = base64.b64encode(hashlib.sha256(script.encode()).digest()).decode()
        assert f"'sha256-{digest}'" in allowed


@pytest.mark.parametrize("path", ["/embed/map", "/embed/sankey?year=2016", "/embed"])
def test_embed_pages_may_be_framed_by_the_configured_sites_only(make_app, path):
    app = make_app(embed_origins=("https://reports.example.org",))
    response = app.server.test_client().get(path)
    assert response.status_code < 500
    assert _csp(response)["frame-ancestors"] == ["'self'", "https://reports.example.org"]
    assert "X-Frame-Options" not in response.headers
    # ... and every other page still refuses to be framed.
    assert _csp(app.server.test_client().get("/"))["frame-ancestors"] == ["'none'"]
    assert _csp(app.server.test_client().get("/embedded"))["frame-ancestors"] == ["'none'"]


def test_embed_paths_respect_the_base_path():
    assert is_embed_path("/see/embed/map", "/see/")
    assert not is_embed_path("/embed/map", "/see/")
    assert not is_embed_path("/see/embedded", "/see/")
    assert "frame-ancestors 'none'" in content_security_policy([], [])


@pytest.mark.parametrize("origin", ["https://x.org; script-src *", "javascript:alert(1)", "https://a.org/path", "*"])
def test_a_malformed_embed_origin_stops_the_app_at_start(make_app, origin):
    with pytest.raises(ValueError, match="SEE_EMBED_ORIGINS"):
        make_app(embed_origins=(origin,))


# ------------------------------------------------------------------------------------------------------ debug


def test_debug_and_dev_tools_are_off_unless_the_environment_says_so(monkeypatch, app, client):
    monkeypatch.delenv("SEE_DEBUG", raising=False)
    assert Config().debug is False
    assert app.server.debug is False
    assert app._dev_tools.ui is False and app._dev_tools.hot_reload is False
    assert '"ui":false' in client.get("/").get_data(as_text=True)


@pytest.mark.parametrize("attempt", [
    {"query_string": "debug=1&dev_tools_ui=true&SEE_DEBUG=1"},
    {"headers": {"X-Debug": "1", "X-Dash-Debug": "true", "Cookie": "debug=1; SEE_DEBUG=1"}},
    {"query_string": "__debugger__=yes&cmd=resource&f=debugger.js"},
])
def test_no_request_switches_debug_on(app, client, attempt):
    page = client.get("/", **attempt).get_data(as_text=True)
    assert '"ui":false' in page
    console = client.get("/console", **attempt).get_data(as_text=True)
    assert "Werkzeug" not in console and "debugger" not in console.lower()
    assert app.server.debug is False and app._dev_tools.ui is False
    reload_hash = client.get("/_reload-hash").get_json()
    assert reload_hash["reloadHash"] is None, "hot reload must be off"


def test_a_failing_callback_answers_a_plain_500_without_internals(monkeypatch, app, client):
    """The last line of defence: even a bug answers one sentence, never a traceback or a server path."""
    from dashboard.figures import sankey

    def broken(*_args, **_kwargs):
        raise RuntimeError("boom in /work/main/dashboard/figures/sankey.py line 12")

    monkeypatch.setattr(sankey, "build_sankey", broken)
    # A view no other test draws: panel outputs are memoised per view, and a cached one would not fail.
    body = payload(app, "sankey-graph.figure", {"draw-view.data": {"year": 2016, "top": 29}}, ["draw-view.data"])
    response = client.post(ENDPOINT, json=body)
    body = response.get_data(as_text=True)
    assert response.status_code == 500
    assert body == "The server could not answer this request."
    assert response.headers["Content-Security-Policy"]


# ------------------------------------------------------------------------------------------------- traversal

#: Files outside the served folders, with a line each contains.
SECRETS = {
    "dashboard/web/app.py": "def create_app",
    "README.md": "# SEE Route Monitor",
    "etc/passwd": "root:",
}
_TRAVERSALS = [
    "../", "..%2f", "%2e%2e/", "%2e%2e%2f", "..%252f", "%252e%252e%252f", "....//", "..\\", "..%5c", "%2e%2e%5c",
    "..%c0%af", "%c0%ae%c0%ae/", ".%2e/", "%2e./",
]
_PREFIXES = ["/assets/", "/assets/00_vendor/bootstrap/", "/_dash-component-suites/dash/", "/api/", "/data/",
             "/data/countries.geojson/", "/api/datapackage.json/"]


def _raw_get(base_url: str, path: str) -> tuple[int, str]:
    """GET a path exactly as written (no client-side normalisation of .. or %2e)."""
    parts = urlsplit(base_url)
    conn = http.client.HTTPConnection(parts.hostname, parts.port, timeout=PROBE_S)
    try:
        conn.request("GET", path, headers={"Accept-Encoding": "identity"})
        response = conn.getresponse()
        return response.status, response.read().decode("utf-8", "replace")
    finally:
        conn.close()


def _traversal_paths() -> list[tuple[str, str]]:
    paths = []
    for prefix in _PREFIXES:
        for step in _TRAVERSALS:
            up = step * 6
            for target in SECRETS:
                paths.append((f"{prefix}{up}{target}", target))
    paths += [("/assets//etc/passwd", "etc/passwd"), ("/assets/%2fetc%2fpasswd", "etc/passwd"),
              ("/_dash-component-suites/dashboard/web/app.py", "dashboard/web/app.py"),
              ("/_dash-component-suites/dash/../dashboard/web/app.py", "dashboard/web/app.py"),
              ("/api/..%2f..%2fREADME.md", "README.md"), ("/api/%2e%2e%2fREADME.json", "README.md")]
    return paths


def test_no_file_outside_the_served_folders_comes_back():
    """~300 encoded ../ variants against assets, bundles, API and /data/: never a file's content, never a 5xx."""
    paths = _traversal_paths()
    leaks, errors = [], []
    with gunicorn(name="traversal") as server:
        responses = [(_raw_get(server.base_url, path), target, path) for path, target in paths]
    for (status, body), target, path in responses:
        if status >= 500:
            errors.append((path, status))
        if SECRETS[target] in body:
            leaks.append((path, status))
    assert len(paths) >= 300
    assert not leaks, f"file contents leaked through: {leaks[:10]}"
    assert not errors, f"server errors: {errors[:10]}"


@pytest.mark.parametrize("hostile", ["../../etc/passwd", "..\\..\\boot.ini", "/abs/path", "a/../../b", "\x00x"])
def test_download_names_cannot_point_outside_the_download_folder(hostile):
    name = csv_filename("map", hostile)
    assert "/" not in name and "\\" not in name and ".." not in name and "\x00" not in name
    assert name.startswith("see-route-monitor_") and name.endswith(".csv")
