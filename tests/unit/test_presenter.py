"""Presenter navigation: what each key does to the slide and the year, and what /present?… opens."""

from __future__ import annotations

import pytest

from dashboard.present.decks import BROWSER_DECK, Deck, load_deck
from dashboard.present.navigation import (
    Position,
    navigate,
    open_presentation,
    position_from,
    present_search,
    slide_view,
    slide_years,
)
from dashboard.view import timeline
from tests.conftest import REPO_ROOT

DECKS = REPO_ROOT / "decks"


@pytest.fixture(scope="module")
def deck(domain) -> Deck:  # noqa: ANN001
    return load_deck(DECKS, "route-story", domain)


def test_arrows_step_slides_and_stop_at_both_ends(deck: Deck, domain) -> None:  # noqa: ANN001
    pos = Position()
    assert navigate(deck, pos, "prev", domain) == Position(0)
    pos = navigate(deck, pos, "next", domain)
    assert pos == Position(1)
    assert navigate(deck, pos, "last", domain) == Position(len(deck.slides) - 1)
    end = Position(len(deck.slides) - 1)
    assert navigate(deck, end, "next", domain) == end
    assert navigate(deck, end, "first", domain) == Position(0)


def test_up_and_down_step_the_year_within_the_slides_data(deck: Deck, domain) -> None:  # noqa: ANN001
    years = slide_years(deck.slides[0], domain)
    assert slide_view(deck, Position(0)).year == 2015
    later = navigate(deck, Position(0), "later", domain)
    assert later == Position(0, 2016) and slide_view(deck, later).year == 2016
    assert navigate(deck, later, "earlier", domain) == Position(0, 2015)
    assert navigate(deck, Position(0, years[-1]), "later", domain).year == years[-1]
    assert navigate(deck, Position(0, years[0]), "earlier", domain).year == years[0]


def test_a_new_slide_shows_its_own_year_and_stops_playing(deck: Deck, domain) -> None:  # noqa: ANN001
    moved = navigate(deck, Position(0, 2019, True), "next", domain)
    assert moved == Position(1) and slide_view(deck, moved).year == deck.slides[1].state.year


def test_space_plays_the_years_to_the_end_and_restarts_from_the_first(deck: Deck, domain) -> None:  # noqa: ANN001
    years = slide_years(deck.slides[0], domain)
    playing = navigate(deck, Position(0), "play", domain)
    assert playing == Position(0, 2015, True)
    assert navigate(deck, playing, "tick", domain) == Position(0, 2016, True)
    assert navigate(deck, playing, "play", domain) == Position(0, 2015, False)
    before_last = Position(0, years[-2], True)
    assert navigate(deck, before_last, "tick", domain) == Position(0, years[-1], False)
    assert navigate(deck, Position(0, years[-1]), "play", domain) == Position(0, years[0], True)
    assert navigate(deck, Position(0, 2016), "tick", domain) == Position(0, 2016), "no tick while paused"


def test_the_presenter_steps_and_plays_by_the_timelines_rules(deck: Deck, domain) -> None:  # noqa: ANN001
    """The same rules as the dashboard's play button (dashboard/view/timeline.py), on every year of a slide."""
    years = slide_years(deck.slides[0], domain)
    for year in years:
        pos = Position(0, year)
        assert navigate(deck, pos, "later", domain) == Position(0, timeline.later(years, year))
        assert navigate(deck, pos, "earlier", domain) == Position(0, timeline.earlier(years, year))
        assert navigate(deck, pos, "play", domain) == Position(0, timeline.play_start(years, year), True)
        assert navigate(deck, Position(0, year, True), "tick", domain) == Position(0, *timeline.tick(years, year))


def test_a_stepped_year_drops_the_slides_range(domain) -> None:  # noqa: ANN001
    ranged = open_presentation("from=2015&to=2017", domain, DECKS).deck
    assert slide_view(ranged, Position(0)).years == (2015, 2017)
    stepped = slide_view(ranged, Position(0, 2016))
    assert (stepped.year, stepped.year_from, stepped.year_to) == (2016, None, None)


def test_browser_payloads_become_valid_positions(deck: Deck, domain) -> None:  # noqa: ANN001
    assert position_from({"slide": 3, "year": 2016, "playing": True}) == Position(3, 2016, True)
    for junk in (None, "x", [1], {"slide": "3", "year": True, "playing": "yes"}):
        assert position_from(junk) == Position()
    assert navigate(deck, Position(999, 1066), "later", domain).slide == len(deck.slides) - 1


def test_present_opens_a_deck_at_a_slide_and_year(domain) -> None:  # noqa: ANN001
    opened = open_presentation("?deck=route-story&slide=3&year=2016", domain, DECKS)
    assert opened.deck_name == "route-story" and opened.pos == Position(2, 2016) and not opened.notices
    assert present_search(opened.deck, opened.deck_name, opened.pos, domain) == "?deck=route-story&slide=3&year=2016"
    assert present_search(opened.deck, opened.deck_name, Position(2), domain) == "?deck=route-story&slide=3"


def test_present_without_a_deck_shows_the_view_as_one_slide(domain) -> None:  # noqa: ANN001
    opened = open_presentation("?crime=human-trafficking&year=2019", domain, DECKS)
    assert len(opened.deck.slides) == 1 and opened.deck_name == ""
    assert opened.deck.slides[0].state.crime == "human-trafficking"
    assert opened.deck.slides[0].title == "Detected victims of trafficking, 2019"
    assert present_search(opened.deck, "", Position(0, 2020), domain) == "?crime=human-trafficking&year=2020"


@pytest.mark.parametrize(("search", "notice"), [
    ("deck=nope", "there is no deck called 'nope'"),
    ("deck=../etc/passwd", "letters, digits"),
    ("deck=route-story&slide=99", "The deck has 9 slides; showing slide 9"),
    ("deck=route-story&slide=two", "'slide' must be a slide number"),
    ("deck=route-story&year=1900", "not in this slide's data"),
    ("deck=route-story&year=twenty", "not in this slide's data"),  # said, no longer ignored silently
    ("crime=piracy", "Unknown crime type"),
])
def test_bad_present_urls_open_something_with_a_notice(search: str, notice: str, domain) -> None:  # noqa: ANN001
    opened = open_presentation(search, domain, DECKS)
    assert opened.deck is not None and opened.deck.slides
    assert any(notice in n for n in opened.notices), opened.notices


def test_the_browser_deck_is_opened_by_the_browser(domain) -> None:  # noqa: ANN001
    opened = open_presentation(f"deck={BROWSER_DECK}&slide=2", domain, DECKS)
    assert opened.deck is None and opened.deck_name == BROWSER_DECK and opened.pos == Position(1)
