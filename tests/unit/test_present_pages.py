"""Presenter, speaker, embed and share helpers as plain functions: what each page and tool shows for a view.

Numbers are checked against what data/ says (read with pandas in the helpers of tests/unit/conftest.py, or
restated from the sample deck's claims, which test_decks.py recomputes from the files).
"""

from __future__ import annotations

import json

import pytest
from dash import dcc, html

from callbacks.embed import embed_pages
from callbacks.present import Slides, deck_from_payload, deck_payload
from callbacks.share import add_slide, iframe_code
from dashboard.catalog import PARTICIPATING
from dashboard.figures import theme
from dashboard.figures.event_labels import KEY as EVENTS
from dashboard.panels.registry import build_panel
from dashboard.present.decks import BROWSER_DECK, Claim, DeckError, load_deck
from dashboard.present.navigation import Position
from tests.conftest import REPO_ROOT
from tests.unit.conftest import raw_value

GEO = "/data/countries.geojson"
VIEW = "crime=human-trafficking&year=2019"


@pytest.fixture(autouse=True)
def _dash_app(app) -> None:  # noqa: ANN001
    """Layouts ask Dash for asset URLs (get_asset_url), which needs an app to exist."""


@pytest.fixture(scope="module")
def deck(domain):  # noqa: ANN001, ANN201
    return load_deck(REPO_ROOT / "decks", "route-story", domain)


@pytest.fixture(scope="module")
def slides(store, domain) -> Slides:  # noqa: ANN001
    return Slides(store, domain, GEO, "/")


def _label(figure, iso3: str) -> str:  # noqa: ANN001
    """The value label the map prints on a participating country (trace 1, in PARTICIPATING order)."""
    return dict(zip(PARTICIPATING, figure.data[1].text, strict=True))[iso3]


def _sizes(node: object, path: str = "") -> list[tuple[str, float]]:
    """Every explicit font size in a figure's JSON, with where it sits."""
    found = []
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "size" and "font" in path.rsplit(".", 1)[-1] and isinstance(value, int | float):
                found.append((path, value))
            found += _sizes(value, f"{path}.{key}")
    elif isinstance(node, list):
        for item in node:
            found += _sizes(item, path)
    return found


@pytest.mark.parametrize(("query", "panel"), [(VIEW, "map"), (VIEW, "sankey"), (VIEW, "series"),
                                              ("year=2015", "sankey"), ("year=2015&series=route", "series")])
def test_projector_type_is_at_least_24px_and_the_data_is_untouched(store, view, query: str, panel: str) -> None:  # noqa: ANN001
    figure = build_panel(store, view(f"?{query}"), panel, GEO)
    projected = json.loads(theme.projector(figure).to_json())
    sizes = _sizes(projected)
    assert sizes and all(size >= 24 for _, size in sizes), [s for s in sizes if s[1] < 24]
    original = json.loads(figure.to_json())
    for before, after in zip(original["data"], projected["data"], strict=True):
        # The context events' labels are laid out again for the projector's width and type: only where they stand.
        moved = ("text", "y") if EVENTS in (before.get("meta") or {}) else ()
        for key in ("z", "locations", "text", "y", "x", "link", "customdata"):
            assert key in moved or before.get(key) == after.get(key), key


def test_projected_slide_shows_its_panels_source_year_and_place(slides: Slides, deck) -> None:  # noqa: ANN001
    values = slides.projector(deck, "route-story", Position(6))  # trafficking: map and series
    assert values["title"] == "Victims of trafficking detected"
    assert "358" in values["takeaway"] and values["year"] == "2022" and values["counter"] == "7 / 9"
    assert values["slots"] == ["present-slot slot-map", "present-slot slot-series", "present-slot d-none"]
    assert values["grid"] == "present-panels n-2"
    assert values["source"] == "Source: United Nations Office on Drugs and Crime (UNODC): released 2025-04-14"
    assert values["exit"] == "/?crime=human-trafficking"  # 2022 is the indicator's latest year: the default
    assert values["search"] == "?deck=route-story&slide=7"
    assert _label(values["figures"][0], "GRC") == "358" and _label(values["figures"][0], "BGR") == "153"
    stepped = slides.projector(deck, "route-story", Position(6, 2015))
    assert stepped["year"] == "2015" and stepped["search"] == "?deck=route-story&slide=7&year=2015"


def test_speaker_view_shows_notes_next_slide_and_flags_numbers_the_data_does_not_back(  # noqa: ANN001
        slides: Slides, deck, domain) -> None:
    values = slides.speaker(deck, "route-story", Position(0))
    assert values["notes"].startswith("The lines are monthly detections")
    assert values["next_title"] == "Who was detected in 2015" and values["warnings"] == ""
    last = slides.speaker(deck, "route-story", Position(len(deck.slides) - 1))
    assert last["next_title"] == "End of the deck"

    slide = deck.slides[0]
    wrong = slide.__class__(slide.title, slide.state, "Detections reached 1,234 in 2015.",
                            claims=(Claim("detections", 885000, route="Eastern Mediterranean Route", year=2015),))
    bad = deck.__class__("t", "t", (wrong,))
    warnings = slides.speaker(bad, "", Position(0))["warnings"].splitlines()
    assert any("claims 885,000" in w and "885,386" in w for w in warnings), warnings
    assert any(w.endswith("Not checked against the data: 1,234") for w in warnings), warnings


def test_deck_payload_round_trips_and_junk_is_refused(deck, domain) -> None:  # noqa: ANN001
    again, name, message = deck_from_payload(deck_payload(deck, "route-story", domain), domain)
    assert again.slides == deck.slides and name == "route-story" and message == ""
    for junk in (None, "deck", {"name": 5, "deck": {"title": "x", "slides": "no"}}):
        got, _name, message = deck_from_payload(junk, domain)
        assert got is None and message
    waiting = deck_payload(None, BROWSER_DECK, domain, "Your deck is empty")
    assert deck_from_payload(waiting, domain) == (None, BROWSER_DECK, "Your deck is empty")


def _find(node: object, kind: type) -> list:
    found = [node] if isinstance(node, kind) else []
    children = getattr(node, "children", None)
    for child in children if isinstance(children, list | tuple) else [children] if children is not None else []:
        found += _find(child, kind)
    return found


def test_embed_page_is_the_panel_alone_with_title_sources_and_link(store, domain, raw_indicators) -> None:  # noqa: ANN001
    page = embed_pages(store, domain, GEO, "/")["/embed/map"](f"?{VIEW}")
    assert _find(page, html.H1)[0].children == "Detected victims of trafficking, 2019"
    graph = _find(page, dcc.Graph)[0]
    assert graph.figure.layout.title.text == ""  # the page's heading carries the title
    assert _label(graph.figure, "ROU") == f"{raw_value(raw_indicators, 'thb_victims', 'ROU', 2019)[0]:.0f}"
    link = next(a for a in _find(page, html.A) if a.className == "embed-link")
    assert link.href == f"/?{VIEW}" and link.target == "_blank"
    text = json.dumps(page.to_plotly_json(), default=str)
    assert "United Nations Office on Drugs and Crime" in text and "Detected victims only" in text
    assert not _find(page, dcc.Dropdown), "no controls on an embed page"


def test_embed_page_with_a_bad_query_says_so_and_still_draws(store, domain) -> None:  # noqa: ANN001
    page = embed_pages(store, domain, GEO, "/")["/embed/series"]("?crime=piracy&year=99999")
    text = json.dumps(page.to_plotly_json(), default=str)
    assert 'Unknown crime type \\"piracy\\"' in text and "outside the data" in text
    assert _find(page, dcc.Graph)[0].figure.data


def test_add_slide_appends_a_checked_slide(domain) -> None:  # noqa: ANN001
    deck = add_slide(None, {"crime": "human-trafficking", "year": "2019"}, "Victims", "Romania leads.", "",
                     ["map"], domain)
    deck = add_slide(deck, {}, "Default view", "", "some notes", ["series", "sankey"], domain)
    assert [s["title"] for s in deck["slides"]] == ["Victims", "Default view"]
    assert deck["slides"][0]["view"] == "crime=human-trafficking&year=2019"
    with pytest.raises(DeckError, match="'takeaway' must be one line"):
        add_slide(deck, {}, "T", "one\ntwo", "", ["map"], domain)
    with pytest.raises(DeckError, match="'title' is missing"):
        add_slide(deck, {}, "", "", "", ["map"], domain)
    with pytest.raises(DeckError, match="'panels' must list"):
        add_slide(deck, {}, "T", "", "", [], domain)


def test_iframe_code_is_escaped_html() -> None:
    code = iframe_code('http://x/embed/map?a=1&b="2"', "Flows <2015>")
    assert code.startswith('<iframe src="http://x/embed/map?a=1&amp;b=&quot;2&quot;"')
    assert 'title="Flows &lt;2015&gt; (SEE Route Monitor)"' in code and code.endswith("></iframe>")


def test_a_slide_asking_for_flows_where_there_are_none_projects_the_ranking(slides: Slides, domain) -> None:  # noqa: ANN001
    from dashboard.present.decks import view_deck
    from dashboard.view.state import parse_query

    state = parse_query("crime=migrant-smuggling&year=2019", domain).state
    values = slides.projector(view_deck(state, "Smuggling offences", ("map", "sankey")), "_view", Position(0))
    assert values["slots"][:2] == ["present-slot slot-map", "present-slot slot-ranking"]
    ranking = values["figures"][1]
    dots = next(t for t in ranking.data if t.mode == "markers+text")
    shown = dict(zip(dots.y, dots.text, strict=True))
    assert shown["Greece"] == "1,533"  # UNODC's published 2019 figure, not "No flow data"
