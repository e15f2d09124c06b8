"""Printing a view: the browser's print is one clean A4 page with the three panels and their sources, and no
controls. print.js redraws the charts for the page when the browser announces printing (`beforeprint`), which
is what the test sends before asking Chromium for the PDF.
"""

from __future__ import annotations

import re

from playwright.sync_api import expect

from layouts.ids import Ids
from tests.browser.conftest import screenshot
from tests.patience import PAGE_WAIT_MS

TIMEOUT = PAGE_WAIT_MS
A4_PRINTABLE = {"width": 718, "height": 1047}  # 190 x 277 mm at 96 dpi, inside print.css's 10 mm margins
_SIZES = """() => Object.fromEntries(Array.from(document.querySelectorAll('.panel-graph')).map(box =>
    [box.className.match(/graph-(\\w+)/)[1], box.querySelector('.js-plotly-plot')._fullLayout.width]))"""


def test_print_is_one_clean_a4_page(page, recorder) -> None:  # noqa: ANN001
    page.goto("/?crime=human-trafficking&year=2019")
    page.wait_for_selector(".choroplethlayer path", timeout=TIMEOUT)
    expect(page.locator(f"#{Ids.YEAR_LABEL}")).to_have_text("2019", timeout=TIMEOUT)
    page.wait_for_function("() => document.querySelectorAll('.js-plotly-plot .main-svg').length >= 3",
                           timeout=TIMEOUT)
    screen = page.evaluate(_SIZES)

    page.emulate_media(media="print")
    page.set_viewport_size(A4_PRINTABLE)
    page.evaluate("() => window.dispatchEvent(new Event('beforeprint'))")
    page.wait_for_function("() => Array.from(document.querySelectorAll('.panel-graph .js-plotly-plot'))"
                           ".every(g => g._fullLayout.width <= 700)", timeout=TIMEOUT)
    for hidden in (".filter-bar", ".timeline", ".view-tools", ".panel-tools", ".panel-extra"):
        assert all(not el.is_visible() for el in page.query_selector_all(hidden)), hidden
    expect(page.locator(".panel .source-line")).to_have_count(3)
    for line in page.query_selector_all(".panel .source-line"):
        assert line.is_visible() and "United Nations Office on Drugs and Crime" in line.inner_text()
    assert page.evaluate("() => document.documentElement.scrollWidth") <= A4_PRINTABLE["width"]
    screenshot(page, "print-a4")
    pdf = page.pdf(format="A4", print_background=True)
    assert pdf.startswith(b"%PDF")
    assert len(re.findall(rb"/Type\s*/Page[^s]", pdf)) == 1, "the view prints on one A4 page"

    page.emulate_media(media="screen")
    page.set_viewport_size({"width": 1280, "height": 800})
    page.evaluate("() => window.dispatchEvent(new Event('afterprint'))")
    page.wait_for_function(f"() => ({_SIZES})().series > 700", timeout=TIMEOUT)  # back to its screen size
    assert screen["series"] > 700
    assert not recorder.errors(), recorder.errors()
