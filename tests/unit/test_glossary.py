"""The terms explained (issue 15): the glossary on the About page, every caveat linking its terms to it in every
language, and the "?" beside each panel's title saying what the panel counts and what it does not.

Links are read from the components the pages and callbacks answer with, never from the code that writes them.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

import pytest

from callbacks.panels import provenance_block
from dashboard.catalog import COUNTRY_SOURCE_NOTES, CRIMES, DERIVED_FLAGS, FLAGS, FLOW_MEASURES, INDICATORS
from dashboard.glossary import GROUPS, TERMS, anchor, english_terms
from dashboard.i18n.locales import DEFAULT_LANG, LANGUAGES
from dashboard.i18n.messages import translator
from dashboard.panels import help as panel_help_texts
from dashboard.panels.provenance import FRONTEX_NOTE
from dashboard.panels.registry import PANELS, panel_help, spec, view_panels
from dashboard.view.state import default_state, timeline_key
from dashboard.web.urls import glossary_url
from layouts.about import about_layout
from layouts.embed import embed_layout
from layouts.glossary import linked
from layouts.ids import Ids, Panel
from tests.unit.dash_post import post

#: The terms issue 15 names, by pair or triple a reader must not confuse.
EXPECTED = {"detections", "persons", "smuggling", "trafficking", "offences", "prosecutions", "convictions",
            "asylum-applicants", "asylum-seekers", "refugees", "illegally-present", "apprehended"}
#: Every caveat text the panels can show that comes from the code (the data's own notes are the publishers').
CAVEATS = sorted({FRONTEX_NOTE, *FLAGS.values(), *DERIVED_FLAGS.values(), *COUNTRY_SOURCE_NOTES.values(),
                  *(i.caveat for i in INDICATORS.values() if i.caveat)})


def _nodes(tree: object) -> list[dict]:
    """Every component in a tree (components, lists, or their JSON), as {'type', 'props'} dicts."""
    if hasattr(tree, "to_plotly_json"):
        tree = tree.to_plotly_json()
    if isinstance(tree, list | tuple):
        return [n for item in tree for n in _nodes(item)]
    if isinstance(tree, dict) and "props" in tree:
        return [tree, *_nodes(tree["props"].get("children"))]
    return []


def _text(tree: object) -> str:
    """The text a reader sees in a tree."""
    if hasattr(tree, "to_plotly_json"):
        tree = tree.to_plotly_json()
    if isinstance(tree, list | tuple):
        return "".join(_text(t) for t in tree)
    if isinstance(tree, dict) and "props" in tree:
        return _text(tree["props"].get("children"))
    return "" if tree is None else str(tree)


def _term_links(tree: object) -> list[tuple[str, str]]:
    """(href, link text) of every glossary link in a tree."""
    return [(n["props"]["href"], _text(n)) for n in _nodes(tree)
            if n["type"] == "A" and "term-link" in str(n["props"].get("className", ""))]


@pytest.fixture(scope="module")
def anchors(store) -> dict[str, set[str]]:  # noqa: ANN001
    """The ids on the About page, per language."""
    return {lang: {n["props"]["id"] for n in _nodes(about_layout(store.datapackage, store.data_date, "/", lang))
                   if isinstance(n["props"].get("id"), str)} for lang in LANGUAGES}


def test_the_glossary_holds_every_term_each_defined_with_its_source():
    assert set(TERMS) == EXPECTED
    for term in TERMS.values():
        assert len(re.findall(r"[.!?](?:\s|$)", term.definition)) >= 2, term.key  # plain words, not a label
        assert term.sources, term.key
        for source in term.sources:
            assert len(source.document) > 20 and source.part, (term.key, source)
    documents = " ".join(s.document + " " + s.part for t in TERMS.values() for s in t.sources)
    for named in ("Protocol against the Smuggling of Migrants by Land, Sea and Air", "art. 3(a)",
                  "Protocol to Prevent, Suppress and Punish Trafficking in Persons", "migr_eipre",
                  "migr_asyappctza", "UNHCR, Refugee Data Finder", "UN-CTS", "GLOTIP", "Frontex"):
        assert named in documents
    grouped = [key for _title, keys in GROUPS for key in keys]
    assert sorted(grouped) == sorted(TERMS)  # each term shown once, beside the ones it is told apart from


def test_every_term_has_a_stable_anchor_on_the_about_page_linked_through_the_url_builder(store, anchors):
    assert anchor("smuggling") == "term-smuggling"
    assert all(anchor(key) in anchors[lang] for key in TERMS for lang in LANGUAGES)
    assert glossary_url("smuggling", "/see/") == "/see/about#term-smuggling"
    assert glossary_url("refugees", "/", "sr-Cyrl") == "/about?lang=sr-Cyrl#term-refugees"
    page = about_layout(store.datapackage, store.data_date, "/", "en")
    text = _text(page)
    assert "Protocol against the Smuggling of Migrants by Land, Sea and Air" in text
    assert "Defined in: " in text and "art. 3(a)" in text


@pytest.mark.parametrize("lang", list(LANGUAGES))
def test_every_caveat_links_each_of_its_terms_to_an_entry_that_exists(lang, anchors):
    t = translator(lang)
    for caveat in CAVEATS:
        links = _term_links(linked(t(caveat), lang))
        linked_terms = {urlsplit(href).fragment for href, _ in links}
        assert linked_terms <= anchors[lang], caveat[:40]
        assert {anchor(k) for k in english_terms(caveat)} <= linked_terms, (lang, caveat[:60], links)
        assert all(urlsplit(href).path == "/about" and (lang == DEFAULT_LANG or f"lang={lang}" in href)
                   for href, _ in links)
        assert _text(linked(t(caveat), lang)).startswith(t(caveat))  # the caveat reads as before, whole


def test_the_panels_caveats_link_their_terms(store, domain, anchors):
    state = default_state(domain, "migrant-smuggling").with_(year=2019, lang="el")
    block = provenance_block(store, state, "map", "/see/")
    links = dict(_term_links(block))
    greek = translator("el")
    assert "/see/about?lang=el#term-offences" in links and "/see/about?lang=el#term-persons" in links
    assert links["/see/about?lang=el#term-persons"].lower() in greek(INDICATORS["smuggling_offences"].caveat).lower()
    frontex = provenance_block(store, default_state(domain).with_(year=2016), "sankey")
    assert ("/about#term-detections", "detections") in _term_links(frontex)  # in Frontex's note
    assert {urlsplit(h).fragment for h, _ in _term_links(frontex)} <= anchors["en"]


def test_an_embeds_glossary_links_open_a_new_tab(app):  # noqa: ARG001 - the app gives get_asset_url its config
    page = embed_layout("map", "Title", {}, ["Frontex, Monthly detections"], [FRONTEX_NOTE], [], "/", [])
    links = [n["props"] for n in _nodes(page) if n["type"] == "A" and "term-link" in str(n["props"].get("className"))]
    assert len(links) == 2 and all(p["target"] == "_blank" for p in links)  # the About page is never framed
    assert "Frontex, Monthly detections" in _text(page)  # the source line is the publisher's title, whole


def _views(domain):  # noqa: ANN001, ANN202
    """Every crime type with each of its indicators, and each series mode it offers."""
    for crime in CRIMES:
        for indicator in (i.id for i in INDICATORS.values() if i.crime_type == crime):
            for series in ("country", "route") if CRIMES[crime].routes else ("country",):
                yield default_state(domain, crime, indicator).with_(series=series)


def test_each_panel_says_what_it_counts_and_what_it_does_not_for_each_view(domain):
    assert set(panel_help_texts.INDICATOR_HELP) == set(INDICATORS)
    assert set(panel_help_texts.FLOW_HELP) == set(FLOW_MEASURES)
    seen = set()
    for state in _views(domain):
        for panel in view_panels(state):
            sentences = spec(panel).help(state)
            assert len(sentences) == 2 and all(s.endswith(".") for s in sentences), (panel, state.indicator)
            assert sentences[1].startswith("It "), sentences  # the second says what it does not count
            seen.add((panel, sentences))
    assert {p for p, _ in seen} == set(PANELS)
    route = default_state(domain, "irregular-migration").with_(series="route")
    assert "detections" in panel_help(route, "series") and "not persons" in panel_help(route, "series")
    victims = default_state(domain, "human-trafficking", "thb_prosecuted")
    assert panel_help(victims, "map").startswith("Counts the persons prosecuted for trafficking")


@pytest.mark.parametrize("lang", [code for code in LANGUAGES if code != DEFAULT_LANG])
def test_each_panels_help_is_in_every_language(domain, lang):
    """Read through the catalogue: fails for a language whose catalogue lacks a panel's help (until merged)."""
    t = translator(lang)
    missing = sorted({s for state in _views(domain) for p in view_panels(state) for s in spec(p).help(state)
                      if t(s) == s})
    assert not missing, f"{lang}: {len(missing)} help sentences untranslated, e.g. {missing[:2]}"


def test_the_help_callback_writes_each_panels_help_in_the_views_language(app, client, domain):
    key = f"{Ids.TIMELINE}.data"
    state = default_state(domain, "migrant-smuggling")
    answer = post(client, app, f"{Panel.id('map', 'help')}.children", {key: timeline_key(state, domain)}, [key])
    text = _text(answer[f"{Panel.id('map', 'help')}.children"])
    assert text == panel_help(state, "map")
    assert ("/about#term-smuggling", "smuggling") in _term_links(answer[f"{Panel.id('map', 'help')}.children"])
    ranking = _text(answer[f"{Panel.id('ranking', 'help')}.children"])
    assert ranking == panel_help(state, "ranking")
    hostile = post(client, app, f"{Panel.id('map', 'help')}.children", {key: {"not": "a key"}}, [key])
    assert hostile[f"{Panel.id('map', 'help')}.children"] == []
