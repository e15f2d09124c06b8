"""Embedding in a real browser: an embed page renders alone inside an iframe on another origin, every other page
refuses to be framed, and the Embed button and export links follow the view on screen.

Framing needs a second origin: a tiny parent page is served from a second local HTTP server on another port of
127.0.0.1, and the app is started (its own gunicorn, from the Procfile's config) with that origin, and only
that one, in SEE_EMBED_ORIGINS. A third port plays a site that is not allowed.
"""

from __future__ import annotations

import http.server
import os
import signal
import subprocess
import sys
import threading
from collections.abc import Iterator
from dataclasses import dataclass

import pytest
from playwright.sync_api import expect

from layouts.ids import Ids, Share
from tests.browser.conftest import (
    ARTIFACTS,
    LOCAL_HOST,
    REPO_ROOT,
    _free_port,
    _tail,
    screenshot,
    wait_until_serving,
)
from tests.patience import PAGE_WAIT_MS

TIMEOUT = PAGE_WAIT_MS
VIEW = "crime=human-trafficking&year=2019"


@dataclass
class Sites:
    app: str  # the dashboard, which lets `allowed` frame its embed pages
    allowed: str  # a report site listed in SEE_EMBED_ORIGINS
    other: str  # a site that is not


class _Parent(http.server.BaseHTTPRequestHandler):
    """Answers /frame?src=<url>&w=&h= with a page holding one iframe; nothing else."""

    def do_GET(self) -> None:  # noqa: N802 - http.server's name
        from urllib.parse import parse_qs, urlsplit

        query = parse_qs(urlsplit(self.path).query)
        src = query.get("src", [""])[0].replace('"', "")
        width, height = query.get("w", ["800"])[0], query.get("h", ["560"])[0]
        body = (f'<!doctype html><html><head><title>A report</title></head><body style="margin:0">'
                f'<h1 style="font:16px sans-serif">A report page on another site</h1>'
                f'<iframe id="embedded" src="{src}" width="{int(width)}" height="{int(height)}" '
                f'style="border:1px solid #999"></iframe></body></html>').encode()
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *_args: object) -> None:
        pass


def _parent_site() -> tuple[http.server.ThreadingHTTPServer, str]:
    server = http.server.ThreadingHTTPServer((LOCAL_HOST, 0), _Parent)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://{LOCAL_HOST}:{server.server_address[1]}"


@pytest.fixture(scope="module")
def sites() -> Iterator[Sites]:
    allowed_server, allowed = _parent_site()
    other_server, other = _parent_site()
    port = _free_port()
    log_path = ARTIFACTS / f"embed_server-{os.environ.get('PYTEST_XDIST_WORKER', 'main')}.log"
    ARTIFACTS.mkdir(exist_ok=True)
    env = {**os.environ, "BIND": f"{LOCAL_HOST}:{port}", "WEB_CONCURRENCY": "1", "PYTHONUNBUFFERED": "1",
           "SEE_EMBED_ORIGINS": allowed}
    command = [sys.executable, "-m", "gunicorn", "--config", "dashboard/gunicorn_conf.py", "dashboard.wsgi:server"]
    with log_path.open("wb") as log:
        proc = subprocess.Popen(command, cwd=REPO_ROOT, env=env, stdout=log, stderr=subprocess.STDOUT,
                                start_new_session=True)
    app = f"http://{LOCAL_HOST}:{port}"
    try:
        wait_until_serving(app + "/healthz", proc, "the embed test server", lambda: _tail(log_path))
        yield Sites(app, allowed, other)
    finally:
        allowed_server.shutdown()
        other_server.shutdown()
        proc.terminate()
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)


def _framed(page, site: str, src: str, width: int = 800, height: int = 560):  # noqa: ANN001, ANN202
    """Open `site`'s report page framing `src`; returns the iframe's Frame once it has loaded something."""
    from urllib.parse import quote

    page.goto(f"{site}/frame?src={quote(src, safe='')}&w={width}&h={height}")
    handle = page.wait_for_selector("#embedded", timeout=TIMEOUT)
    frame = handle.content_frame()
    frame.wait_for_load_state("load", timeout=TIMEOUT)
    return frame


def _refused(frame) -> bool:  # noqa: ANN001
    """Chromium replaces a frame whose page forbids framing with its own error page."""
    return frame.url.startswith("chrome-error://") or frame.query_selector("#react-entry-point") is None


@pytest.mark.parametrize(("path", "text"), [
    ("/embed/sankey?year=2022", "Frontex (European Border and Coast Guard Agency): released 2025-06-03"),
    ("/embed/series?year=2022", "Frontex (European Border and Coast Guard Agency): released 2025-06-03"),
    ("/embed/ranking?crime=migrant-smuggling&year=2019", "United Nations Office on Drugs and Crime (UNODC): released"),
])
def test_embeds_give_their_own_sources_release_dates(page, recorder, sites: Sites, path: str, text: str) -> None:  # noqa: ANN001
    page.goto(f"{sites.app}{path}")
    page.wait_for_selector(".embed-page .main-svg", timeout=TIMEOUT)
    expect(page.locator(".embed-date")).to_contain_text(text)
    if "ranking" in path:
        expect(page.locator(".embed-summary")).to_contain_text("Greece (1,533)")
    assert not recorder.errors(), recorder.errors()


def test_embed_page_renders_alone_inside_an_iframe_on_another_origin(page, recorder, sites: Sites) -> None:  # noqa: ANN001
    frame = _framed(page, sites.allowed, f"{sites.app}/embed/map?{VIEW}")
    assert not _refused(frame), frame.url
    frame.wait_for_selector(".embed-page .choroplethlayer path", timeout=TIMEOUT)
    expect(frame.locator(".embed-title")).to_have_text("Detected victims of trafficking, 2019")
    # The numbers are the prepared data's: Romania detected 698 victims in 2019 (UNODC GLOTIP).
    labels = frame.evaluate("() => Array.from(document.querySelectorAll('.embed-graph .scattergeo text'))"
                            ".map(t => t.textContent)")
    assert "698" in labels, labels
    expect(frame.locator(".embed-footer .source-line")).to_contain_text("United Nations Office on Drugs and Crime")
    expect(frame.locator(".embed-footer .caveats")).to_contain_text("Detected victims only")
    expect(frame.locator(".embed-date")).to_contain_text("Drugs and Crime (UNODC): released 20")
    link = frame.locator(".embed-link")
    assert link.get_attribute("href") == f"/?{VIEW}" and link.get_attribute("target") == "_blank"
    # Alone: none of the dashboard's header, filters or timeline.
    assert frame.query_selector(".site-header, .filter-bar, .timeline") is None
    screenshot(page, "embed-map-in-a-report")
    assert not recorder.errors(), recorder.errors()


def test_embed_page_fits_a_narrow_frame(page, sites: Sites) -> None:  # noqa: ANN001
    frame = _framed(page, sites.allowed, f"{sites.app}/embed/series?{VIEW}", width=360, height=480)
    frame.wait_for_selector(".embed-page .scatterlayer .trace", timeout=TIMEOUT)
    sizes = frame.evaluate("""() => ({frame: window.innerWidth, page: document.documentElement.scrollWidth,
        graph: document.querySelector('.embed-graph .main-svg').getBoundingClientRect().width})""")
    assert sizes["graph"] <= sizes["frame"] and sizes["page"] <= sizes["frame"], sizes
    screenshot(page, "embed-series-narrow")


def test_pages_other_than_embed_refuse_framing(page, sites: Sites) -> None:  # noqa: ANN001
    for path in ("/", f"/?{VIEW}", "/about", "/present?deck=route-story"):
        frame = _framed(page, sites.allowed, sites.app + path)
        assert _refused(frame), f"{path} was framed by {sites.allowed}"
    frame = _framed(page, sites.other, f"{sites.app}/embed/map?{VIEW}")
    assert _refused(frame), f"an embed page was framed by {sites.other}, which is not in SEE_EMBED_ORIGINS"


def test_embed_button_and_export_menu_follow_the_view(page, recorder) -> None:  # noqa: ANN001
    page.goto(f"/?{VIEW}")
    page.wait_for_selector(".choroplethlayer path", timeout=TIMEOUT)
    expect(page.locator(f"#{Ids.YEAR_LABEL}")).to_have_text("2019", timeout=TIMEOUT)
    page.locator(f"#{Share.embed('map')}").click()
    code = page.locator(f"#{Share.EMBED_CODE}")
    expect(code).to_have_value(
        f'<iframe src="{page.url.split("/?")[0]}/embed/map?{VIEW.replace("&", "&amp;")}" '
        'title="Detected victims of trafficking, 2019 '
        '(SEE Route Monitor)" width="100%" height="520" style="border:0;max-width:100%" loading="lazy"></iframe>',
        timeout=TIMEOUT)
    assert page.locator(f"#{Share.export('map', 'png-a4')}").get_attribute("href") == f"/export/map.png?{VIEW}"
    assert page.locator(f"#{Share.export('sankey', 'png-column')}").get_attribute("href") == \
        f"/export/sankey.png?{VIEW}&size=column"
    assert page.locator(f"#{Share.export('series', 'csv')}").get_attribute("href") == f"/export/series.csv?{VIEW}"
    assert page.locator(f"#{Share.REPORT_PACK}").get_attribute("href") == f"/export/report-pack.zip?{VIEW}"
    assert not recorder.errors(), recorder.errors()
