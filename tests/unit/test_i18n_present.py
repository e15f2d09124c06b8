"""The notices, the presenter and the exports in the view's language (issue 13).

The catalogues may not translate these messages yet, so a fake translator stands in where a test needs to see
that a text went through the translator of the right language with the right msgid; numbers are checked as
Babel writes them for the locale, and a deck's own per-language texts need no catalogue at all.
"""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path

import pytest

from dashboard.export import files as export
from dashboard.export import queue
from dashboard.i18n.locales import LANGUAGES
from dashboard.i18n.messages import translator
from dashboard.present import navigation
from dashboard.present.decks import (
    DeckError,
    deck_from_data,
    deck_to_data,
    dump_deck,
    load_deck,
    parse_deck,
    unclaimed_numbers,
)
from dashboard.view import params, state
from dashboard.view.state import parse_query

MAPPED = {
    "title": {"en": "Two routes", "sr-Latn": "Dve rute"},
    "slides": [
        {"title": {"en": "The 2015 peak", "sr-Latn": "Vrhunac 2015."}, "view": "year=2015",
         "takeaway": {"en": "Detections peaked.", "sr_latn": "Otkrivanja su dostigla vrhunac."}},
        {"title": "Plain English", "view": "year=2017", "takeaway": "Still a plain text."},
    ],
}


class FakeTranslator:
    """Stands in for dashboard.i18n.messages.Translator: records the msgids and marks the language's texts."""

    calls: list[tuple[str, str]] = []

    def __init__(self, lang: str) -> None:
        self.lang = lang

    def __call__(self, message: str, **values: object) -> str:
        self.calls.append((self.lang, message))
        text = message.format(**values) if values else message
        return text if self.lang == "en" else f"[{self.lang}] {text}"

    def n(self, singular: str, plural: str, count: int, **values: object) -> str:
        self.calls.append((self.lang, plural))
        return self(singular if count == 1 else plural, n=count, **values)


@pytest.fixture
def fake(monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, str]]:
    FakeTranslator.calls = []
    for module in (params, state, navigation, export, queue):
        monkeypatch.setattr(module, "translator", FakeTranslator)
    return FakeTranslator.calls


# ---- decks ------------------------------------------------------------------------------------------------------


def test_a_slide_shows_its_language_else_english(domain) -> None:  # noqa: ANN001
    deck = deck_from_data(MAPPED, domain, "mapped")
    first, second = deck.slides
    assert first.title == "The 2015 peak" and first.title_in("sr-Latn") == "Vrhunac 2015."
    assert first.title_in("el") == "The 2015 peak"  # no Greek: English
    assert first.takeaway_in("sr-Latn") == "Otkrivanja su dostigla vrhunac."  # `sr_latn` read as sr-Latn
    assert first.takeaway_in("el") == "Detections peaked."
    assert deck.title_in("sr-Latn") == "Dve rute" and deck.title_in("tr") == "Two routes"
    assert second.title_in("sr-Latn") == "Plain English" and second.takeaway_in("sr-Latn") == "Still a plain text."


def test_a_mapped_deck_survives_the_browser_and_a_file(domain, tmp_path: Path) -> None:  # noqa: ANN001
    deck = deck_from_data(MAPPED, domain, "mapped")
    data = deck_to_data(deck, domain)
    assert data["slides"][0]["title"] == {"en": "The 2015 peak", "sr-Latn": "Vrhunac 2015."}
    assert data["slides"][1]["title"] == "Plain English"  # English only stays plain text
    assert deck_from_data(data, domain, "mapped") == deck
    (tmp_path / "mapped.yaml").write_text(dump_deck(deck, domain), encoding="utf-8")
    assert load_deck(tmp_path, "mapped", domain) == deck


def test_yaml_mapping_as_a_deck_file_writes_it(domain) -> None:  # noqa: ANN001
    text = ('title: T\nslides:\n  - title: {en: "The peak", sr-Latn: "Vrhunac", el: "Η κορύφωση"}\n'
            '    view: "year=2015"\n')
    slide = parse_deck(text, domain, "yaml").slides[0]
    assert (slide.title_in("el"), slide.title_in("sr-Latn"), slide.title_in("bg")) == (
        "Η κορύφωση", "Vrhunac", "The peak")


@pytest.mark.parametrize(("title", "expected"), [
    ({"sr-Latn": "Vrhunac"}, "slide 1: 'title' is given per language but without English ('en')"),
    ({"en": "", "el": "Η κορύφωση"}, "slide 1 (en): 'title' is missing"),
    ({"en": "Peak", "klingon": "x"}, "unknown language 'klingon'"),
    ({"en": "Peak", "el": "one\ntwo"}, "slide 1 (el): 'title' must be one line"),
    ({"en": "Peak", "el": "x" * 500}, "longer than 120"),
])
def test_a_mapping_without_english_or_with_a_bad_entry_is_a_deck_error(domain, title, expected) -> None:  # noqa: ANN001
    with pytest.raises(DeckError, match=re.escape(expected)):
        deck_from_data({"title": "T", "slides": [{"title": title, "view": "year=2015"}]}, domain, "bad")


# ---- notices ----------------------------------------------------------------------------------------------------


def test_a_bad_year_is_told_in_the_views_language(domain, fake) -> None:  # noqa: ANN001
    parsed = parse_query("lang=el&year=1066", domain)
    assert parsed.state.lang == "el"
    assert parsed.notices == ['[el] Year "1066" is outside the data (2005–2025); ignored.']
    assert ("el", 'Year "{value}" is outside the data ({first}–{last}); ignored.') in fake


def test_a_bad_lang_is_told_in_the_readers_language_and_so_are_the_rest(domain, fake) -> None:  # noqa: ANN001
    parsed = parse_query("lang=xx&top=99&foo=1", domain, preferred="tr")
    assert parsed.state.lang == "tr"
    assert parsed.notices == ['[tr] Unknown language "xx"; showing Türkçe.',
                              '[tr] "top" must be a whole number from 3 to 30; using 10.',
                              '[tr] Unknown parameter "foo"; ignored.']
    english = parse_query("lang=xx&top=99", domain).notices
    assert english == ['Unknown language "xx"; showing English.',
                       '"top" must be a whole number from 3 to 30; using 10.']


# ---- presenter --------------------------------------------------------------------------------------------------


def test_the_presenter_reads_its_language_and_keeps_it(domain, tmp_path: Path, fake) -> None:  # noqa: ANN001
    (tmp_path / "mapped.yaml").write_text(dump_deck(deck_from_data(MAPPED, domain, "mapped"), domain), "utf-8")
    got = navigation.open_presentation("?deck=mapped&slide=9&lang=sr-Latn", domain, tmp_path)
    assert got.lang == "sr-Latn" and got.pos.slide == 1
    assert got.notices == ["[sr-Latn] The deck has 2 slides; showing slide 2."]
    assert navigation.slide_view(got.deck, got.pos, got.lang).lang == "sr-Latn"
    assert navigation.counter(got.deck, got.pos, got.lang) == "[sr-Latn] Slide 2 of 2"
    search = navigation.present_search(got.deck, "mapped", got.pos, domain, got.lang)
    assert search == "?deck=mapped&slide=2&lang=sr-Latn"
    assert got.deck.slides[0].title_in(got.lang) == "Vrhunac 2015."
    assert navigation.words("el")["end"] == "[el] End of the deck"
    reader = navigation.open_presentation("?deck=mapped&slide=x", domain, tmp_path, preferred="el")
    assert reader.lang == "el" and reader.notices == ["[el] 'slide' must be a slide number; showing the first slide."]


def test_the_presenters_english_is_as_it_was(domain, tmp_path: Path) -> None:  # noqa: ANN001
    (tmp_path / "mapped.yaml").write_text(dump_deck(deck_from_data(MAPPED, domain, "mapped"), domain), "utf-8")
    got = navigation.open_presentation("?deck=mapped&slide=9&year=1900", domain, tmp_path)
    assert got.lang == "en"
    assert got.notices == ["The deck has 2 slides; showing slide 2.",
                           "Year '1900' is not in this slide's data; showing the slide's own year."]
    assert navigation.counter(got.deck, got.pos) == "Slide 2 of 2"
    assert navigation.not_checked([1234567.0, 2.5]) == "⚠ Not checked against the data: 1,234,567, 2.5"
    greek = navigation.not_checked([1234567.0, 2.5], "el")
    assert greek.startswith("⚠ Δεν ελέγχθηκαν") and greek.endswith(": 1.234.567, 2,5")
    assert navigation.present_search(got.deck, "mapped", got.pos, domain, "en") == "?deck=mapped&slide=2"


# ---- exports ----------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(("lang", "numbers"), [
    ("en", "(2480 px, 300 dpi)"),
    ("el", "(2.480 px, 300 dpi)"),
    ("bg", "(2\xa0480 px, 300 dpi)"),  # Bulgarian groups with a no-break space (CLDR)
    ("ro", "(2.480 px, 300 dpi)"),
])
def test_export_sizes_write_their_numbers_as_the_language_does(lang: str, numbers: str) -> None:
    label = export.SIZES["a4"].label_in(lang)
    assert label.endswith(numbers) and (label == f"A4 page width {numbers}") == (lang == "en")


def test_the_report_pack_readme_names_its_language(store, domain, monkeypatch) -> None:  # noqa: ANN001
    monkeypatch.setattr(export, "panel_image", lambda *_a, **_k: b"image")
    view = parse_query("lang=tr&crime=human-trafficking&year=2019", domain).state
    pack = zipfile.ZipFile(io.BytesIO(export.report_pack(store, view, "http://x/?lang=tr", export.SIZES["a4"],
                                                         Path("/none"))))
    readme = pack.read("README.txt").decode()
    t = translator("tr")
    assert t("Language: {language}", language=LANGUAGES["tr"].own_name) in readme.splitlines()
    assert "Dil: Türkçe" in readme.splitlines()  # the Turkish catalogue's words
    size = export.SIZES["a4"].label_in("tr")
    assert t("Images: PNG {width} x {height} px at {dpi} dpi ({size}); SVG {svg_width} x {svg_height}",
             width="2.480", height="1.750", dpi="300", size=size, svg_width="992", svg_height="700") in readme
    english = zipfile.ZipFile(io.BytesIO(export.report_pack(store, view.with_(lang="en"), "http://x/",
                                                            export.SIZES["a4"], Path("/none"))))
    assert "Language:" not in english.read("README.txt").decode()
    csv = pack.read(next(n for n in pack.namelist() if n.endswith(".csv"))).decode()
    rows = [line for line in csv.splitlines() if not line.startswith("#")]
    assert rows[0].isascii() and "." not in rows[0]  # English column names, as in every language


def test_captions_and_busy_texts_go_through_the_views_translator(store, domain, fake) -> None:  # noqa: ANN001
    view = parse_query("lang=el&crime=human-trafficking&year=2019", domain).state
    caption = export.caption_for(store, view, "map", "http://x/?lang=el")
    assert caption.lang == "el" and caption.lines()[-1] == "[el] View: http://x/?lang=el"
    assert export.panel_csv(store, view, "map", caption).splitlines()[1].startswith("# [el] Summary: ")
    busy = queue.ExportBusy(queue.BUSY, 3, slots=2, seconds=3)
    assert str(busy) == "the server is busy making other exports (2 at a time); try again in 3 s"
    assert export._busy(busy, "el").get_data(as_text=True).startswith("error: [el] the server is busy")
    slow = queue.ExportBusy(queue.TOO_LONG, 3, wait=1.5)
    assert str(slow).startswith("the export took longer than 1.5 s")
    assert slow.in_language("el") == "[el] the export took longer than 1,5 s; try again in a minute"


def test_a_translation_states_no_number_its_claims_do_not_back(domain) -> None:  # noqa: ANN001
    claims = [{"metric": "detections", "route": "Eastern Mediterranean Route", "year": 2015, "value": 885386}]
    raw = {"title": "T", "slides": [{"title": "Peak", "view": "year=2015", "claims": claims, "takeaway": {
        "en": "885,386 detections in 2015.", "el": "885.386 εντοπισμοί το 2015.", "bg": "885 386 през 2015 г.",
        "tr": "2015'te 885.386, yani 1.234.567 tespit."}}]}
    slide = deck_from_data(raw, domain, "numbers").slides[0]
    assert unclaimed_numbers(slide) == [1234567.0]  # only the Turkish text's unbacked number
