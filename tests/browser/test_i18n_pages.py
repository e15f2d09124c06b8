"""About, the presenter, the speaker view and an embed in a real browser, in three scripts (issue 13): Serbian
Cyrillic, Greek and Turkish. And the language menu: choosing a language keeps the view.

Each page must carry its language in <html lang>, show its own headings from the catalogue, and leave no line
on screen that is a whole English message the catalogue translates (tests/browser/test_i18n_locales.py reads
them the same way). Screenshots go to artifacts/screenshots/.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import expect

from dashboard.i18n.locales import LANGUAGES
from dashboard.i18n.messages import translator
from dashboard.present.decks import load_deck
from tests.browser import dashboard_page as ui
from tests.browser.conftest import screenshot
from tests.browser.test_i18n_locales import JS_VISIBLE, _english_left

SCRIPTS = ("sr-Cyrl", "el", "tr")
DECKS = Path(__file__).resolve().parents[2] / "decks"
VIEW = "crime=migrant-smuggling&year=2019"
#: Each page, the element that says it is drawn, and a heading of its own it must show in the language.
PAGES = {
    "about": ("/about", ".about", "About the data"),
    "presenter": ("/present?deck=route-story", ".present-page .js-plotly-plot", "Presenter controls"),
    "speaker": ("/present/speaker?deck=route-story", ".speaker-next .js-plotly-plot", "Now"),
    "embed": (f"/embed/map?{VIEW}", ".embed-page .js-plotly-plot", "Open the full view ↗"),
}


@pytest.mark.parametrize("name", list(PAGES))
@pytest.mark.parametrize("lang", SCRIPTS)
def test_the_pages_read_in_three_scripts(page, domain, lang: str, name: str) -> None:  # noqa: ANN001
    path, ready, heading = PAGES[name]
    page.set_viewport_size({"width": 1920, "height": 1080})
    page.goto(f"{path}{'&' if '?' in path else '?'}lang={lang}")
    page.wait_for_selector(ready, timeout=ui.TIMEOUT)
    assert page.evaluate("() => document.documentElement.lang") == lang
    t = translator(lang)
    assert t(heading) != heading  # the catalogue has it
    # As written, before CSS capitals (the speaker view's "Now" is drawn in upper case), and aria-labels too.
    shown = page.evaluate("() => [document.body.textContent, "
                          "...[...document.querySelectorAll('[aria-label]')].map(e => e.getAttribute('aria-label'))]")
    assert any(t(heading) in text for text in shown), f"{lang} {name}: {t(heading)!r} not on the page"
    if name in {"presenter", "speaker"} and lang in {"el", "tr"}:  # the deck gives its slides in these languages
        title = load_deck(DECKS, "route-story", domain).slides[0].title_in(lang)
        assert title != load_deck(DECKS, "route-story", domain).slides[0].title and title in page.inner_text("h1")
    left = _english_left(lang, page.evaluate(JS_VISIBLE))
    screenshot(page, f"{name}-{lang}")
    assert not left, f"{lang} {name}: still in English on screen: {left[:10]}"


def test_the_language_menu_keeps_the_view_and_the_view_keeps_the_language(page) -> None:  # noqa: ANN001
    ui.open_view(page, f"?lang=el&{VIEW}&country=GRC")
    menu = page.locator(".lang-menu")
    menu.locator("summary").click()
    expect(menu.locator("a.lang-choice")).to_have_count(len(LANGUAGES))
    expect(menu.locator('a[aria-current="true"]')).to_have_text(LANGUAGES["el"].own_name)
    menu.locator('a[data-lang-choice="tr"]').click()
    page.wait_for_function("() => document.documentElement.lang === 'tr'", timeout=ui.TIMEOUT)
    ui.wait_drawn(page)
    query = ui.query_of(page)
    assert query["lang"] == ["tr"] and query["crime"] == ["migrant-smuggling"] and query["year"] == ["2019"]
    assert query["country"] == ["GRC"]
    expect(page.locator(".site-header")).to_contain_text(translator("tr")("About the data"))
    # The choice is remembered: a link without lang now opens in Turkish, whatever the browser prefers.
    page.goto(f"/?{VIEW}")
    ui.wait_drawn(page)
    assert page.evaluate("() => document.documentElement.lang") == "tr"
