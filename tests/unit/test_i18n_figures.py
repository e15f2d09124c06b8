"""The figures in the reader's language (issue 13): what a reader of each locale sees in the numbers, names and
words of a panel, and what stays the same in every language (the rows, the downloads, the digits).

Expected values come from Babel (CLDR) and from data/ read by pandas, not from the code under test.
"""

from __future__ import annotations

import io

import pytest
from babel import Locale
from babel.dates import get_month_names
from babel.messages.catalog import Catalog
from babel.messages.mofile import write_mo
from babel.numbers import format_decimal
from babel.support import Translations

from dashboard.catalog import PARTICIPATING
from dashboard.figures import choropleth, ranking, sankey
from dashboard.i18n import messages
from dashboard.i18n.lists import and_list
from dashboard.i18n.locales import LANGUAGES
from dashboard.i18n.names import country_name
from dashboard.i18n.numbers import number, separators
from dashboard.panels.registry import build_panel, panel_notes, panel_rows
from dashboard.panels.summaries import sankey_summary, table_cells
from dashboard.store import months_text
from tests.unit.conftest import raw_value

LOCALES = list(LANGUAGES)
SMUGGLING_2019 = "?crime=migrant-smuggling&year=2019"


@pytest.mark.parametrize("value", [0, 7, 946, 1533, 6302, 123456, 1234567.891, 0.45])
@pytest.mark.parametrize("lang", LOCALES)
def test_numbers_are_written_as_babel_writes_them(lang: str, value: float) -> None:
    decimals = 2 if not float(value).is_integer() else 0
    pattern = "#,##0" + (".00" if decimals else "")
    assert number(value, lang, decimals) == format_decimal(value, format=pattern, locale=LANGUAGES[lang].rules)


@pytest.mark.parametrize("lang", LOCALES)
def test_the_ranking_names_the_11_and_writes_greece_1533_in_the_locale(store, view, raw_indicators,
                                                                         lang: str) -> None:
    state = view(f"{SMUGGLING_2019}&lang={lang}")
    published = raw_value(raw_indicators, "smuggling_offences", "GRC", 2019)
    assert published == (1533.0, "")
    fig = ranking.build_ranking(store, state)
    names, texts = list(fig.data[0].y), list(fig.data[0].text)
    expected = {iso3: country_name(iso3, lang, store.name(iso3)) for iso3 in PARTICIPATING}
    assert sorted(names) == sorted(expected.values())
    assert texts[names.index(expected["GRC"])] == format_decimal(1533, locale=LANGUAGES[lang].rules)
    assert fig.layout.separators == separators(lang)


def test_cldr_names_with_our_overrides(store) -> None:
    assert country_name("GRC", "tr", "Greece") == "Yunanistan"
    assert country_name("TUR", "el", "Türkiye") == Locale.parse("el").territories["TR"]
    assert country_name("BIH", "en", "Bosnia and Herzegovina") == "Bosnia and Herzegovina"
    assert country_name("XKX", "sr-Cyrl", "Kosovo*").endswith("*")


@pytest.mark.parametrize("lang", ["el", "sr-Cyrl", "tr"])
def test_the_map_labels_and_hover_values_follow_the_locale(store, view, lang: str) -> None:
    state = view(f"{SMUGGLING_2019}&lang={lang}")
    update = choropleth.year_update(store, state)
    hover = {row[0]: row[1] for row in update["data[0].customdata"]}
    assert hover[country_name("GRC", lang, "Greece")] == number(1533, lang)
    labels = dict(zip(choropleth.map_frame(store, state).query("participating")["iso3"], update["data[1].text"],
                      strict=True))
    assert labels["TUR"] == number(6.3, lang, 1) + "k"  # Türkiye's 6,302, as "6,3k" where the comma is decimal


@pytest.mark.parametrize("lang", ["el", "tr", "bg"])
def test_rows_and_downloads_stay_the_same_in_every_language(store, view, lang: str) -> None:
    english, other = view(SMUGGLING_2019), view(f"{SMUGGLING_2019}&lang={lang}")
    for panel in ("map", "ranking", "series"):
        assert panel_rows(store, other, panel).equals(panel_rows(store, english, panel)), panel


def test_a_partial_year_names_its_months_in_the_locale(store, view) -> None:
    state = view("?crime=deaths&year=2025&lang=tr")
    months = get_month_names("wide", "stand-alone", "tr")
    assert months_text(4, "tr") == f"{months[1]}–{months[4]}"
    caveats = " ".join(panel_notes(store, state, "map")["caveats"])
    assert f"{months[1]}–{months[4]}" in caveats


def test_lists_join_as_the_locale_joins_them() -> None:
    assert and_list(["A", "B", "C"], "en") == "A, B and C"
    assert and_list(["A", "B", "C"], "el") == "A, B και C"
    assert and_list(["A", "B"], "tr") == "A ve B"


def test_every_figure_carries_the_locale_separators(store, view) -> None:
    state = view(f"{SMUGGLING_2019}&lang=sq")
    for panel in ("map", "ranking", "series"):
        assert build_panel(store, state, panel, "/geo.json").layout.separators == ",\u00a0", panel


# ---- the Sankey's words and the tables (what a catalogue translates reaches the reader; the links stay one) ----

def _croatian() -> messages.Translator:
    """A tiny Croatian catalogue in memory: the Sankey's words, one plural message with its three forms."""
    catalog = Catalog(locale="hr", domain=messages.DOMAIN)
    catalog.add("All others", "Svi ostali")
    catalog.add("Stateless", "Bez državljanstva")
    catalog.add("Sea", "More")
    catalog.add("Selected countries do not filter this chart: Frontex reports by route, not by country.",
                "Odabrane zemlje ne filtriraju ovaj grafikon: Frontex izvješćuje po rutama, ne po zemljama.")
    catalog.add(("{n} flow published as fewer than 5 is not drawn.",
                 "{n} flows published as fewer than 5 are not drawn."),
                ("{n} tok objavljen kao manje od 5 nije prikazan.",
                 "{n} toka objavljena kao manje od 5 nisu prikazana.",
                 "{n} tokova objavljenih kao manje od 5 nije prikazano."))
    buf = io.BytesIO()
    write_mo(buf, catalog)
    buf.seek(0)
    return messages.Translator("hr", Translations(buf, domain=messages.DOMAIN))


@pytest.fixture
def croatian(monkeypatch: pytest.MonkeyPatch) -> None:
    words, real = _croatian(), messages.translator
    monkeypatch.setattr(sankey, "translator", lambda lang: words if lang == "hr" else real(lang))


def test_the_sankeys_links_are_kept_once_for_every_language(store, view) -> None:
    english = sankey.sankey_data(store, view("?crime=human-trafficking&year=2019"))
    size = sankey._english_data.cache_info().currsize
    for lang in ("el", "tr", "sr-Cyrl"):
        assert sankey.sankey_data(store, view(f"?crime=human-trafficking&year=2019&lang={lang}")).links is \
            english.links
    assert sankey._english_data.cache_info().currsize == size


@pytest.mark.usefixtures("croatian")
def test_the_sankeys_note_nodes_and_plural_follow_the_catalogue(store, view) -> None:
    routes = view("?crime=irregular-migration&year=2019&country=GRC&lang=hr")
    assert sankey.sankey_data(store, routes).note.startswith("Odabrane zemlje ne filtriraju")
    labels = build_panel(store, routes, "sankey", "/geo.json").data[0].node.label
    assert "More" in labels and "Svi ostali" in labels and "Sea" not in labels
    # The origin in the summary's sentence, from the real Croatian catalogue; Frontex's route keeps its name.
    assert "Svi ostali na ruti Eastern Mediterranean Route (7.739)" in sankey_summary(store, routes)
    english = sankey.sankey_data(store, view("?crime=human-trafficking&year=2019"))
    assert english.suppressed == 45 and english.note == "45 flows published as fewer than 5 are not drawn."
    flows = sankey.sankey_data(store, view("?crime=human-trafficking&year=2019&lang=hr"))
    assert flows.note == "45 tokova objavljenih kao manje od 5 nije prikazano."  # 45: Croatian's "other" form


def test_a_panels_table_reads_in_the_language_and_its_rows_do_not(store, view) -> None:
    state = view(f"{SMUGGLING_2019}&lang=el")
    rows = panel_rows(store, state, "map")
    columns, cells = table_cells(rows, lang="el")
    assert columns[:2] == ["iso3", "όνομα"] and "τιμή" in columns  # the headers from the Greek catalogue
    greece = next(r for r in cells if r[0] == "GRC")
    assert greece[columns.index("όνομα")] == "Ελλάδα" and greece[columns.index("τιμή")] == "1.533"
    assert table_cells(rows) == table_cells(panel_rows(store, view(SMUGGLING_2019), "map"))
    assert next(r for r in table_cells(rows)[1] if r[0] == "GRC")[1:2] == ["Greece"]
