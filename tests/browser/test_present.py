"""Presenter mode in a real browser: keys and clicker through the sample deck, the speaker view in step, the
projector's type size and colour classes, the browser-built deck, and screenshots at 1920x1080.

Expected titles and years come from decks/route-story.yaml read with PyYAML, and the figures' own text, never
from the app. Waits are on what the page shows (Playwright's `expect`), never fixed sleeps.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml
from playwright.sync_api import expect

from layouts.ids import Ids, Present, Share
from tests.browser.conftest import screenshot
from tests.conftest import REPO_ROOT
from tests.patience import PAGE_WAIT_MS

TIMEOUT = PAGE_WAIT_MS
PROJECTOR = {"width": 1920, "height": 1080}
DECK = yaml.safe_load((REPO_ROOT / "decks" / "route-story.yaml").read_text(encoding="utf-8"))
SLIDES = DECK["slides"]
#: Each slide's English title (a slide may give its title per language: {en: …, sr-Latn: …}).
TITLES = [s["title"]["en"] if isinstance(s["title"], dict) else s["title"] for s in SLIDES]
#: Years a user sees on each slide: the `year=` of its view.
YEARS = [int(re.search(r"year=(\d{4})", s["view"]).group(1)) for s in SLIDES]

_GRAPH_TITLES = """() => Array.from(document.querySelectorAll('.present-slot:not(.d-none) .js-plotly-plot'))
    .map(g => g.layout && g.layout.title ? g.layout.title.text : '')"""
_DRAWN = """() => {
    const slots = Array.from(document.querySelectorAll('.present-slot:not(.d-none) .js-plotly-plot'));
    return slots.length > 0 && slots.every(g => g._fullLayout && g.querySelector('.main-svg'))
        && !document.querySelector('[data-dash-is-loading="true"]');
}"""
#: True once the Sankey's nodes stand still (plotly animates them from the previous slide's places).
_SETTLED = """() => {
    const now = Array.from(document.querySelectorAll('.present-slot:not(.d-none) .sankey-node'))
        .map(n => n.getAttribute('transform')).join('|');
    const same = window.__seeNodes === now;
    window.__seeNodes = now;
    return same;
}"""
#: Every visible piece of text on the projected slide with its rendered size in CSS px (HTML and SVG text).
_TEXT_SIZES = """() => {
    const out = [];
    const visible = (el) => { const r = el.getBoundingClientRect(); const s = getComputedStyle(el);
        return r.width > 0 && r.height > 0 && s.visibility !== 'hidden' && s.display !== 'none'
            && parseFloat(s.opacity || '1') > 0 && !el.closest('.present-controls, .present-help'); };
    const page = document.querySelector('.present-page');
    const walker = document.createTreeWalker(page, NodeFilter.SHOW_TEXT);
    while (walker.nextNode()) {
        const node = walker.currentNode, el = node.parentElement;
        if (!node.textContent.trim() || !el || !visible(el)) continue;
        out.push({text: node.textContent.trim().slice(0, 40), px: parseFloat(getComputedStyle(el).fontSize)});
    }
    return out;
}"""


def open_deck(page, query: str = "deck=route-story") -> None:  # noqa: ANN001
    page.set_viewport_size(PROJECTOR)
    page.goto(f"/present?{query}")
    page.wait_for_selector(".present-page", timeout=TIMEOUT)
    page.wait_for_function(_DRAWN, timeout=TIMEOUT)


def expect_slide(page, index: int, year: int | None = None) -> None:  # noqa: ANN001
    """The projected page shows slide `index` (0-based) of the sample deck, at `year` (default: its own)."""
    expect(page.locator(f"#{Present.TITLE}")).to_have_text(TITLES[index], timeout=TIMEOUT)
    expect(page.locator(f"#{Present.COUNTER}")).to_have_text(f"{index + 1} / {len(SLIDES)}")
    expect(page.locator(f"#{Present.YEAR}")).to_have_text(str(year or YEARS[index]), timeout=TIMEOUT)
    page.wait_for_function(_DRAWN, timeout=TIMEOUT)


def test_keys_step_through_the_deck_and_its_years(page, recorder) -> None:  # noqa: ANN001
    open_deck(page)
    expect_slide(page, 0)
    assert "885,386" in page.locator(f"#{Present.TAKEAWAY}").inner_text()

    page.keyboard.press("ArrowRight")
    expect_slide(page, 1)
    page.keyboard.press("PageDown")  # what a presentation clicker sends
    expect_slide(page, 2)
    assert re.search(r"[?&]slide=3(&|$)", page.url)

    page.keyboard.press("ArrowUp")
    expect_slide(page, 2, YEARS[2] + 1)
    assert any(t.endswith(f", {YEARS[2] + 1}") for t in page.evaluate(_GRAPH_TITLES)), "the Sankey shows the year"
    assert re.search(rf"[?&]year={YEARS[2] + 1}(&|$)", page.url)
    page.keyboard.press("ArrowDown")
    page.keyboard.press("ArrowDown")
    expect_slide(page, 2, YEARS[2] - 1)

    page.keyboard.press("PageUp")
    expect_slide(page, 1)  # another slide shows its own year again
    page.keyboard.press("ArrowLeft")
    page.keyboard.press("ArrowLeft")  # already on the first slide: stays there
    expect_slide(page, 0)
    assert not recorder.errors(), recorder.errors()


def test_space_plays_the_years_to_the_last_and_keys_help_fullscreen_and_leave(page, recorder) -> None:  # noqa: ANN001
    last = len(SLIDES) - 1
    open_deck(page, f"deck=route-story&slide={last + 1}")
    expect_slide(page, last)
    page.keyboard.press("Space")
    expect(page.locator(f"#{Present.YEAR}")).to_have_text("2025", timeout=TIMEOUT)  # the deaths data ends there

    help_box = page.locator(".present-help")
    expect(help_box).to_be_hidden()
    page.keyboard.press("?")
    expect(help_box).to_be_visible()
    expect(help_box).to_contain_text("play or pause the years")
    page.keyboard.press("Escape")  # closes the keys first
    expect(help_box).to_be_hidden()

    page.keyboard.press("f")
    page.wait_for_function("() => document.fullscreenElement !== null", timeout=TIMEOUT)
    page.keyboard.press("f")
    page.wait_for_function("() => document.fullscreenElement === null", timeout=TIMEOUT)

    # Leaves to the full view of what was on screen: 2025, not the default year (2024: 2025 is a partial year).
    page.keyboard.press("Escape")
    page.wait_for_url(re.compile(r"/\?crime=deaths&year=2025&incidents=1$"), timeout=TIMEOUT)
    expect(page.locator(f"#{Ids.YEAR_LABEL}")).to_have_text("2025", timeout=TIMEOUT)
    assert not recorder.errors(), recorder.errors()


def test_controls_show_only_while_the_mouse_moves(page) -> None:  # noqa: ANN001
    open_deck(page)
    controls = page.locator(".present-controls")
    assert controls.evaluate("el => getComputedStyle(el).opacity") == "0"
    page.mouse.move(400, 400)
    page.mouse.move(420, 410)
    page.wait_for_function("() => getComputedStyle(document.querySelector('.present-controls')).opacity === '1'",
                           timeout=TIMEOUT)
    page.locator("[data-present-action=next]").click()
    expect_slide(page, 1)


@pytest.mark.parametrize("slide", [1, 7])
def test_projected_type_is_at_least_24px_and_the_map_has_at_most_7_colours(page, slide: int) -> None:  # noqa: ANN001
    open_deck(page, f"deck=route-story&slide={slide}")
    sizes = page.evaluate(_TEXT_SIZES)
    assert len(sizes) > 20, sizes
    small = [s for s in sizes if s["px"] < 24]
    assert not small, f"text under 24 px on the projector: {small[:10]}"
    fills = page.evaluate("""() => Array.from(new Set(Array.from(document.querySelectorAll(
        '.present-slot:not(.d-none) .choroplethlocation')).map(p => getComputedStyle(p).fill)))""")
    assert len(fills) <= 7, fills
    if "map" in SLIDES[slide - 1].get("panels", []):
        assert len(fills) >= 3, "the map is drawn with its classes"


def test_screenshots_of_every_slide_at_1920x1080(page, recorder) -> None:  # noqa: ANN001
    open_deck(page)
    for i in range(len(SLIDES)):
        expect_slide(page, i)
        page.wait_for_function(_SETTLED, polling=400, timeout=TIMEOUT)
        path = screenshot(page, f"present-slide-{i + 1}")
        assert path.stat().st_size > 20_000
        page.keyboard.press("ArrowRight")
    page.keyboard.press("?")
    screenshot(page, "present-keys")
    page.keyboard.press("?")
    page.mouse.move(900, 500)
    page.mouse.move(960, 540)
    page.wait_for_function("() => getComputedStyle(document.querySelector('.present-controls')).opacity === '1'",
                           timeout=TIMEOUT)
    screenshot(page, "present-controls")
    assert not recorder.errors(), recorder.errors()


def test_speaker_view_follows_the_projector_and_drives_it(page, recorder) -> None:  # noqa: ANN001
    open_deck(page)
    with page.context.expect_page() as popup:
        page.keyboard.press("s")
    speaker = popup.value
    speaker.set_viewport_size({"width": 1280, "height": 800})
    speaker.wait_for_selector(".present-speaker", timeout=TIMEOUT)
    expect(speaker.locator(f"#{Present.SPEAKER_TITLE}")).to_have_text(TITLES[0], timeout=TIMEOUT)
    expect(speaker.locator(f"#{Present.NEXT_TITLE}")).to_have_text(TITLES[1])
    expect(speaker.locator(f"#{Present.NOTES}")).to_contain_text(SLIDES[0]["notes"][:60])

    page.bring_to_front()
    page.keyboard.press("ArrowRight")
    expect_slide(page, 1)
    expect(speaker.locator(f"#{Present.SPEAKER_TITLE}")).to_have_text(TITLES[1], timeout=TIMEOUT)
    expect(speaker.locator(f"#{Present.NEXT_TITLE}")).to_have_text(TITLES[2])
    expect(speaker.locator(f"#{Present.NOTES}")).to_contain_text(SLIDES[1]["notes"][:60])

    speaker.bring_to_front()
    speaker.keyboard.press("ArrowUp")  # the speaker's keys move the projected slide too
    expect(speaker.locator(f"#{Present.SPEAKER_YEAR}")).to_have_text(str(YEARS[1] + 1), timeout=TIMEOUT)
    expect_slide(page, 1, YEARS[1] + 1)
    speaker.keyboard.press("ArrowRight")
    expect_slide(page, 2)
    expect(speaker.locator(f"#{Present.WARNINGS}")).to_be_hidden()  # every claim of the deck holds
    screenshot(speaker, "present-speaker-view")
    assert not recorder.errors(), recorder.errors()


def test_present_the_current_view_and_a_deck_built_in_the_browser(page, recorder, tmp_path: Path) -> None:  # noqa: ANN001
    page.goto("/?crime=human-trafficking&year=2019")
    expect(page.locator(f"#{Share.PRESENT}")).to_have_attribute(
        "href", re.compile(r"/present\?crime=human-trafficking&year=2019$"), timeout=TIMEOUT)

    page.locator(f"#{Share.ADD}").click()
    expect(page.locator(f"#{Share.ADD_TITLE}")).to_have_value("Detected victims of trafficking, 2019",
                                                              timeout=TIMEOUT)
    page.locator(f"#{Share.ADD_TAKEAWAY}").fill("Romania detected the most victims.")
    page.locator(f"#{Share.ADD_CONFIRM}").click()
    expect(page.locator(f"#{Share.DECK_MENU}")).to_contain_text("My deck (1)", timeout=TIMEOUT)

    page.locator(f"#{Share.DECK_MENU} .dropdown-toggle").click()
    with page.expect_download() as download:
        page.locator(f"#{Share.DECK_DOWNLOAD}").click()
    saved = yaml.safe_load(Path(download.value.path()).read_text(encoding="utf-8"))
    assert saved["slides"] == [{"title": "Detected victims of trafficking, 2019",
                                "view": "crime=human-trafficking&year=2019", "panels": ["map", "series"],
                                "takeaway": "Romania detected the most victims."}]

    page.locator(f"#{Share.PRESENT}").click()
    page.wait_for_url(re.compile(r"/present\?crime=human-trafficking&year=2019$"), timeout=TIMEOUT)
    expect(page.locator(f"#{Present.TITLE}")).to_have_text("Detected victims of trafficking, 2019")

    page.goto("/present?deck=_mine")
    expect(page.locator(f"#{Present.TAKEAWAY}")).to_have_text("Romania detected the most victims.",
                                                              timeout=TIMEOUT)
    page.wait_for_function(_DRAWN, timeout=TIMEOUT)
    assert not recorder.errors(), recorder.errors()
