"""Served under a base path (SEE_BASE_PATH=/see/, as behind a reverse proxy's prefix), every link on every page
stays under it, and the page asks for nothing outside it.

A real gunicorn of its own (the session's live server has no prefix) and Debian's headless Chromium; first, an
app built with the same option (``make_app``) and its Flask test client, which say the same of the page shell in
a second and, when it fails, without a browser in the way.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from urllib.parse import urlsplit

import pytest

from tests.browser.conftest import wait_until_serving
from tests.hardening.server import start, stop
from tests.patience import PAGE_WAIT_MS

BASE = "/see/"
PAGES = ("", "about", "present", "embed/map", "embed/sankey", "?crime=migrant-smuggling&year=2019",
         "country", "country/SRB", "no-such-page")

#: Every URL-bearing attribute the page holds once drawn, resolved by the browser against the page's address.
_LINKS = """() => [...document.querySelectorAll('a[href], link[href], script[src], img[src], iframe[src]')]
    .map((el) => el.href || el.src).filter((u) => u && !u.startsWith('data:') && !u.startsWith('blob:')
    && !u.startsWith('javascript:') && !u.endsWith('#'))"""


#: The URLs the page shell itself names (before any script runs).
_SHELL_URLS = re.compile(r'(?:href|src)="([^"]+)"')


def test_an_app_built_under_the_base_path_serves_its_shell_and_everything_it_names_there(make_app):
    client = make_app(base_path=BASE).server.test_client()
    shell = client.get(BASE)
    assert shell.status_code == 200
    urls = _SHELL_URLS.findall(shell.get_data(as_text=True))
    assert len(urls) >= 3, urls  # the stylesheet, the scripts, the favicon at least
    assert [u for u in urls if not u.startswith(BASE)] == []
    assert {u: client.get(u).status_code for u in urls} == dict.fromkeys(urls, 200)
    for path in ("healthz", "about", "api/datapackage.json"):
        assert client.get(f"{BASE}{path}").status_code == 200, path
        assert client.get(f"/{path}").status_code == 404, path  # nothing answers outside the prefix


@pytest.fixture(scope="module")
def prefixed_server() -> Iterator[str]:
    proc, base_url, log_path = start({"SEE_BASE_PATH": BASE, "WEB_CONCURRENCY": "1"}, name="base-path")
    try:
        wait_until_serving(f"{base_url}{BASE}healthz", proc, f"gunicorn under {BASE}",
                           lambda: log_path.read_text()[-3000:])
        yield base_url
    finally:
        stop(proc)


def test_every_link_and_request_of_every_page_stays_under_the_base_path(browser, prefixed_server):
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    requested: list[str] = []
    context.on("request", lambda request: requested.append(request.url))
    page = context.new_page()
    outside: dict[str, list[str]] = {}
    try:
        for path in PAGES:
            page.goto(f"{prefixed_server}{BASE}{path}", wait_until="networkidle")
            page.wait_for_function("() => document.querySelector('#page-content') && "
                                   "document.querySelector('#page-content').children.length > 0", timeout=PAGE_WAIT_MS)
            page.wait_for_load_state("networkidle")
            links = page.evaluate(_LINKS)
            assert len(links) >= 3, (path, links)  # the stylesheet, the scripts, the header's links at least
            bad = [u for u in links if not urlsplit(u).path.startswith(BASE)]
            if bad:
                outside[path or "/"] = bad
        page_links = page.evaluate(_LINKS)
    finally:
        context.close()
    assert not outside, f"links outside {BASE}: {outside}"
    assert page_links  # the not-found page links back to the dashboard
    stray = [u for u in requested if urlsplit(u).scheme.startswith("http") and not urlsplit(u).path.startswith(BASE)]
    assert not stray, f"requests outside {BASE}: {stray}"


def test_the_headers_links_go_home_and_to_about_under_the_base_path(browser, prefixed_server):
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    page = context.new_page()
    try:
        page.goto(f"{prefixed_server}{BASE}", wait_until="networkidle")
        page.wait_for_selector("a.navbar-brand", timeout=PAGE_WAIT_MS)
        assert urlsplit(page.locator("a.navbar-brand").get_attribute("href")).path == BASE
        page.get_by_role("link", name="About the data").click()
        page.wait_for_selector("h1:has-text('About the data')", timeout=PAGE_WAIT_MS)
        assert urlsplit(page.url).path == f"{BASE}about"
        descriptor = page.get_by_role("link", name="/api/datapackage.json").get_attribute("href")
        assert descriptor == f"{BASE}api/datapackage.json"
    finally:
        context.close()
