"""Hardening, in the browser: the CSP holds without breaking a page, axe-core finds nothing serious, and the
keyboard does it all (issue 6; the other hardening tests live in tests/hardening/).

Runs against the real gunicorn (``live_server``) in Debian's Chromium; the ``page`` fixture also fails a test if
any request left 127.0.0.1. axe-core comes from axe-playwright-python's bundled axe.min.js, injected through
Playwright (so it works offline and is not subject to the page's CSP).
"""

from __future__ import annotations

import pytest
from axe_playwright_python.sync_playwright import Axe

from layouts.ids import Ids, Panel
from tests.browser.conftest import screenshot
from tests.patience import PAGE_WAIT_MS

#: Collects CSP violations the page reports, from before its first script runs.
CSP_LISTENER = """
window.__csp = [];
document.addEventListener('securitypolicyviolation',
    e => window.__csp.push(`${e.violatedDirective} ${e.blockedURI} ${e.sourceFile}:${e.lineNumber}`));
"""
PANELS_DRAWN = """() => ['map', 'sankey', 'series'].every(p => {
    const c = document.getElementById(p + '-summary');
    return c && c.textContent.length > 0 && document.querySelector('#' + p + '-graph .main-svg');
})"""
PAGES = {
    "main view": ("/?crime=human-trafficking&year=2019", PANELS_DRAWN),  # every panel has data and API links
    "about": ("/about", "() => document.querySelector('.about h1') !== null"),
    "presenter mode": ("/present", "() => document.querySelector('#page-content').children.length > 0"),
    "embed": ("/embed/map?crime=human-trafficking&year=2020", "() => document.querySelector('.main-svg') !== null"),
    "country profile": ("/country/SRB", "() => document.querySelectorAll('.profile-graph .main-svg').length >= "
                                        "2 * document.querySelectorAll('.profile-graph').length"),
    "country profiles": ("/country", "() => document.querySelector('.profile-index a') !== null"),
}
#: What the page shows for a path the router does not know; such a page is not the feature under test.
NOT_FOUND = "Page not found"


def _open(page, name: str) -> None:  # noqa: ANN001
    path, ready = PAGES[name]
    page.emulate_media(reduced_motion="reduce")  # no colour transitions half-way through when axe looks
    page.add_init_script(CSP_LISTENER)
    response = page.goto(path, wait_until="networkidle")
    assert response is not None and response.status == 200
    assert "script-src 'self' 'sha256-" in response.headers["content-security-policy"]
    page.wait_for_function("() => document.querySelector('._dash-loading') === null", timeout=PAGE_WAIT_MS)
    if NOT_FOUND in page.inner_text("body"):
        pytest.skip(f"{path} is not served yet (the router shows '{NOT_FOUND}')")
    page.wait_for_function(ready, timeout=PAGE_WAIT_MS)
    page.wait_for_load_state("networkidle")


@pytest.mark.parametrize("name", list(PAGES))
def test_pages_render_under_the_csp_without_violations(page, recorder, name):
    _open(page, name)
    screenshot(page, f"hardening-csp-{name.replace(' ', '-')}")
    assert page.evaluate("window.__csp") == []
    assert not recorder.errors(), recorder.errors()


def test_the_csp_blocks_a_script_the_server_did_not_send(page):
    """An injected inline script (what an XSS would be) does not run, and the browser says why."""
    _open(page, "main view")
    page.evaluate("""() => { const s = document.createElement('script');
        s.textContent = 'window.__injected = true'; document.body.appendChild(s); }""")
    page.wait_for_function("window.__csp.length > 0")
    assert page.evaluate("window.__injected === undefined")
    assert page.evaluate("window.__csp")[0].startswith("script-src")


def _serious(page) -> list[str]:  # noqa: ANN001
    results = Axe().run(page)
    return [f"{v['impact']} {v['id']}: {v['help']} ({len(v['nodes'])}x, e.g. {v['nodes'][0]['target']})"
            for v in results.response["violations"] if v["impact"] in ("serious", "critical")]


@pytest.mark.parametrize("name", list(PAGES))
def test_axe_finds_no_serious_or_critical_violations(page, name):
    _open(page, name)
    assert _serious(page) == []


def test_axe_is_clean_with_a_data_table_open(page):
    _open(page, "main view")
    page.click(f"#{Panel.id('map', 'table-btn')}")
    page.wait_for_selector(f"#{Panel.id('map', 'table')} tbody tr")
    assert _serious(page) == []


DESCRIBE_FOCUS = """() => {
    const e = document.activeElement;
    const ids = [];
    for (let n = e; n; n = n.parentElement) { if (n.id) { ids.push(n.id); } }
    const style = getComputedStyle(e);
    const outlined = style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2;
    return {ids, tag: e.tagName, label: (e.getAttribute('aria-label') || e.innerText || '').slice(0, 40), outlined};
}"""


def test_every_control_is_reachable_by_tab_with_a_visible_focus(page):
    _open(page, "main view")
    stops = []
    for _ in range(200):
        page.keyboard.press("Tab")
        stop = page.evaluate(DESCRIBE_FOCUS)
        if stop["tag"] == "BODY":
            break
        stops.append(stop)
    reached = {i for stop in stops for i in stop["ids"]}
    controls = [Ids.CRIME, Ids.INDICATOR, Ids.COUNTRIES, Ids.ROUTE, Ids.MEASURE, Ids.INCIDENTS, Ids.PLAY, Ids.SPEED,
                Ids.YEAR, Ids.CLEAR, Ids.TOP, Ids.SERIES, Ids.EVENTS]
    # Trafficking has flows: its Flows slot shows the Sankey, and the ranking's card is hidden (out of the tab order).
    shown = [p for p in Panel.NAMES if p != "ranking"]
    controls += [Panel.id(p, part) for p in shown for part in ("table-btn", "download-btn", "api-csv", "api-json")]
    assert [c for c in controls if c not in reached] == []
    invisible = [f"{s['tag']} {s['label']!r} in {s['ids'][:2]}" for s in stops if not s["outlined"]]
    assert invisible == [], "focus must be visible on every stop"


def _focus_by_tab(page, element_id: str) -> None:  # noqa: ANN001
    for _ in range(200):
        page.keyboard.press("Tab")
        if element_id in page.evaluate(DESCRIBE_FOCUS)["ids"]:
            return
    raise AssertionError(f"#{element_id} was never focused")


def test_controls_work_from_the_keyboard(page):
    _open(page, "main view")
    # A dropdown: open with the arrow key, move, choose with Enter.
    _focus_by_tab(page, Ids.CRIME)
    before = page.inner_text(f"#{Ids.CRIME}")
    on_option = "() => document.activeElement.closest('[role=option]')"
    page.keyboard.press("ArrowDown")  # opens the list, focus on the current choice
    page.wait_for_function(f"() => ({on_option})() && ({on_option})().getAttribute('aria-selected') === 'true'")
    page.keyboard.press("ArrowDown")  # the next crime type
    page.wait_for_function(f"() => ({on_option})().getAttribute('aria-selected') === 'false'")
    page.keyboard.press("Enter")
    page.wait_for_function(f"() => document.getElementById('{Ids.CRIME}').innerText !== {before!r}")
    page.wait_for_function("() => !location.search.includes('crime=human-trafficking')")
    page.wait_for_function(PANELS_DRAWN)
    # The year slider: the arrow keys step the year, and the label and the map follow.
    year = int(page.inner_text(f"#{Ids.YEAR_LABEL}"))
    page.focus(f"#{Ids.YEAR} [role=slider]")
    page.keyboard.press("ArrowLeft")
    page.wait_for_function(f"() => document.getElementById('{Ids.YEAR_LABEL}').innerText.trim() !== '{year}'")
    assert int(page.inner_text(f"#{Ids.YEAR_LABEL}")) < year
    assert f"year={int(page.inner_text(f'#{Ids.YEAR_LABEL}'))}" in page.url
    # A switch: Space turns the deaths layer on.
    page.focus(f"#{Ids.INCIDENTS}")
    page.keyboard.press("Space")
    page.wait_for_function("() => location.search.includes('incidents=1')")
    # The table alternative: Enter opens it, with the chart's rows.
    page.focus(f"#{Panel.id('map', 'table-btn')}")
    page.keyboard.press("Enter")
    page.wait_for_selector(f"#{Panel.id('map', 'table')} tbody tr")
    assert page.get_attribute(f"#{Panel.id('map', 'table-btn')}", "aria-expanded") == "true"
    assert page.locator(f"#{Panel.id('map', 'table')} tbody tr").count() >= 11
    # Play and pause.
    page.focus(f"#{Ids.PLAY}")
    page.keyboard.press("Enter")
    page.wait_for_function(f"() => document.getElementById('{Ids.PLAY}').innerText.includes('Pause')")
    page.keyboard.press("Enter")
    page.wait_for_function(f"() => document.getElementById('{Ids.PLAY}').innerText.includes('Play')")
    screenshot(page, "hardening-keyboard")


def test_a_hostile_url_shows_a_visible_notice_and_a_default_view(page):
    page.goto("/?year=twenty&crime=%3Cscript%3Ealert(1)%3C/script%3E&foo=bar", wait_until="networkidle")
    notices = page.locator(f"#{Ids.NOTICES} .alert")
    notices.first.wait_for(state="visible")
    text = " ".join(notices.all_inner_texts())
    assert 'Year "twenty" is outside the data' in text
    assert "Unknown crime type" in text and 'Unknown parameter "foo"' in text
    assert page.evaluate("typeof window.alert === 'function' && !document.querySelector('#notices script')")
    page.wait_for_function(PANELS_DRAWN)
    assert "Irregular migration" in page.inner_text(f"#{Ids.CRIME}")
