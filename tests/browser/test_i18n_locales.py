"""The dashboard in a real browser in all 12 locales (issue 13), in one browser session.

Each locale opens `?crime=migrant-smuggling&year=2019&lang=<code>` and must show: the page's `lang` attribute;
the names of the 11 countries as CLDR plus our overrides give them (dashboard.i18n.names); Greece's 1,533
smuggling offences of 2019 written as Babel writes them in that locale, beside Greece's dot in the ranking; and
no visible text that is still English, checked against the catalogue: a text the catalogue translates (its
msgid differs from its translation) must not be on screen in English. Proper names and sources are not
messages, so they stay as published. A screenshot of each locale at 1920x1080 goes to artifacts/screenshots/.
"""

from __future__ import annotations

import pytest

from dashboard.catalog import PARTICIPATING
from dashboard.i18n.locales import LANGUAGES
from dashboard.i18n.messages import translator
from dashboard.i18n.names import country_name
from dashboard.i18n.numbers import number
from layouts.ids import Panel
from tests.browser import dashboard_page as ui
from tests.browser.conftest import screenshot
from tests.unit.test_catalogues import _template

QUERY = "?crime=migrant-smuggling&year=2019"
#: Migrant smuggling has no flows: the Flows slot shows the ranking of the 11.
RANKING = Panel.id("ranking", "graph")
#: Greece's migrant smuggling offences in 2019 (UNODC), as data/country_indicators.parquet holds them.
GREECE_2019 = 1533

#: The ranking (the Flows slot for migrant smuggling): its countries and the text beside each dot.
JS_RANKING = ui.JS_HELPERS + "(id) => ({names: arr(gd(id).data[0].y), texts: arr(gd(id).data[0].text)})"
#: Every text a reader sees: the page's own and the figures' SVG (axis ticks, titles, legends, labels).
JS_VISIBLE = """
() => {
    const texts = [...document.querySelectorAll('svg text')].map(t => t.textContent);
    return [...document.body.innerText.split('\\n'), ...texts].map(s => s.trim()).filter(Boolean);
}"""


def _english_left(lang: str, visible: list[str]) -> list[str]:
    """Visible lines that are a whole English message the catalogue translates for `lang`."""
    t = translator(lang)
    english = {m.id for m in _template() if isinstance(m.id, str) and m.id and "{" not in m.id}
    translated = {msgid for msgid in english if t(msgid) != msgid}
    return sorted({line for line in visible if line in translated})


@pytest.fixture(scope="module")
def country_names(countries) -> dict[str, str]:  # noqa: ANN001 - the conftest's DataFrame
    return {iso3: countries.at[iso3, "name"] for iso3 in PARTICIPATING}


@pytest.mark.parametrize("lang", list(LANGUAGES))
def test_the_dashboard_reads_in_each_locale(page, lang: str, country_names: dict[str, str]) -> None:
    page.set_viewport_size({"width": 1920, "height": 1080})
    ui.open_view(page, f"{QUERY}&lang={lang}")
    assert page.evaluate("() => document.documentElement.lang") == lang

    page.wait_for_function(ui.JS_HELPERS + "(id) => gd(id) && gd(id).data && gd(id).data.length > 0",
                           arg=RANKING, timeout=ui.TIMEOUT)
    ranking = page.evaluate(JS_RANKING, RANKING)
    expected = {iso3: country_name(iso3, lang, english) for iso3, english in country_names.items()}
    assert sorted(ranking["names"]) == sorted(expected.values()), lang
    greece = ranking["texts"][ranking["names"].index(expected["GRC"])]
    assert greece == number(GREECE_2019, lang), f"{lang}: Greece's 2019 offences read {greece!r}"

    # plotly.js's mode bar in the language too (dashboard/web/plotly_words.py), its titles shown on hover.
    titles = page.evaluate("() => [...document.querySelectorAll('.modebar-btn')].map(b => b.dataset.title)")
    assert translator(lang)("Zoom in") in titles and "Share chart..." not in titles, f"{lang}: {set(titles)}"
    left = _english_left(lang, page.evaluate(JS_VISIBLE))
    screenshot(page, f"locale-{lang}")
    assert not left, f"{lang}: still in English on screen: {left[:10]}"
