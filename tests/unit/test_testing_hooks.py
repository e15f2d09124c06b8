"""The leak tests' hooks: absent from a server started without SEE_TEST_HOOKS=1, truthful when it is set."""

from __future__ import annotations

import os
import signal
from dataclasses import asdict

import pytest
from flask import Flask

from dashboard.config import REPO_ROOT, Config
from dashboard.view.state import default_state
from dashboard.web.static import MAX_COMPRESSED_BYTES
from dashboard.web.testing_hooks import (
    CACHES_PATH,
    ENV,
    LEAK_ENV,
    RELEASE_SIGNAL,
    WORKER_HEADER,
    install,
    released_path,
)
from tests.conftest import DATA_DIR
from tests.unit.dash_post import post

ASSETS = REPO_ROOT / "assets"
CACHES = {"panel views", "year frames", "class breaks", "export outlines",
          "compressed files", "store", "country profiles"}


@pytest.fixture(scope="module")
def hooked(store):  # noqa: ANN001, ANN201 - dash.Dash
    """An app built with the hooks on, as tests/hardening starts its servers."""
    from dashboard.web.app import create_app

    with pytest.MonkeyPatch.context() as patch:
        patch.setenv(ENV, "1")
        patch.delenv(LEAK_ENV, raising=False)
        return create_app(Config(data_dir=DATA_DIR), store=store)


def test_without_the_switch_there_are_no_hooks(client):
    assert os.environ.get(ENV) is None  # the suite itself never runs with it
    assert WORKER_HEADER not in client.get("/healthz").headers
    caches = client.get(CACHES_PATH)
    assert caches.mimetype == "text/html"  # Dash's page for an unknown path, not a report
    server, handler = Flask(__name__), signal.getsignal(RELEASE_SIGNAL)
    assert install(server, "/", {"a cache": lambda: {"entries": 1}}) is False
    assert not server.before_request_funcs and not server.after_request_funcs
    assert [rule.rule for rule in server.url_map.iter_rules()] == ["/static/<path:filename>"]
    assert signal.getsignal(RELEASE_SIGNAL) == handler


def test_the_report_names_the_worker_and_every_cache(hooked):
    client = hooked.server.test_client()
    response = client.get(CACHES_PATH)
    report = response.get_json()
    assert report["pid"] == os.getpid() == int(response.headers[WORKER_HEADER])
    assert set(report["caches"]) == CACHES
    assert all(isinstance(sizes["entries"], int) for sizes in report["caches"].values())


def test_the_release_signal_is_answered_and_counted(hooked):
    path = released_path(os.getpid())
    path.unlink(missing_ok=True)
    try:
        for expected in ("1", "2"):
            signal.raise_signal(RELEASE_SIGNAL)  # Python runs the handler before the next line
            assert path.read_text() == expected
    finally:
        path.unlink(missing_ok=True)


def test_a_new_view_adds_one_entry_and_the_same_view_again_adds_none(hooked, domain):
    client = hooked.server.test_client()

    def entries() -> int:
        return client.get(CACHES_PATH).get_json()["caches"]["panel views"]["entries"]

    view = asdict(default_state(domain, "human-trafficking").with_(year=2019))
    view["countries"] = list(view["countries"])
    before = entries()
    for expected in (before + 1, before + 1):
        out = post(client, hooked, "map-graph.figure", {"draw-view.data": view}, ["draw-view.data"])
        assert out["map-graph.figure"]["data"]  # a drawn map, not the no-view placeholder
        assert entries() == expected


def test_every_shipped_file_in_both_encodings_fits_the_compressed_files_bound(hooked):
    client = hooked.server.test_client()
    client.get("/")
    paths = [f"/_dash-component-suites/{package}/{path}" for package, files in hooked.registered_paths.items()
             for path in files if not path.endswith(".map")]  # source maps are listed but not installed
    paths += [f"/assets/{f.relative_to(ASSETS)}" for f in sorted(ASSETS.rglob("*")) if f.is_file()
              and f.suffix != ".br"]
    compressed = 0
    for path in paths:
        for encoding in ("br", "gzip"):
            response = client.get(path, headers={"Accept-Encoding": encoding})
            assert response.status_code == 200, path
            compressed += "Content-Encoding" in response.headers and path.startswith("/_dash")
    sizes = client.get(CACHES_PATH).get_json()["caches"]["compressed files"]
    assert sizes["entries"] >= compressed  # every compressed bundle kept: the bound did not stop one
    assert sizes["bytes"] <= MAX_COMPRESSED_BYTES
