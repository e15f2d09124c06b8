"""Decks: the sample deck states only numbers the prepared data bears out, and bad deck files fail clearly.

Each claim of the sample deck is recomputed here with pandas straight from data/ (not through the Store), so a
bug in the Store's queries or in `claim_value` cannot confirm a wrong takeaway.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from dashboard.present.decks import (
    BROWSER_DECK,
    Claim,
    Deck,
    DeckError,
    check_claims,
    deck_from_data,
    deck_to_data,
    dump_deck,
    list_decks,
    load_deck,
    numbers_in,
    parse_deck,
    unclaimed_numbers,
)
from tests.conftest import REPO_ROOT

DECKS = REPO_ROOT / "decks"
SAMPLE = "route-story"


@pytest.fixture(scope="module")
def sample(domain) -> Deck:  # noqa: ANN001
    return load_deck(DECKS, SAMPLE, domain)


def _route_year(raw_routes: pd.DataFrame, route: str, year: int) -> pd.DataFrame:
    return raw_routes[(raw_routes["route"] == route) & raw_routes["month"].str.startswith(str(year))]


def expected(claim: Claim, raw_routes: pd.DataFrame, raw_indicators: pd.DataFrame) -> float:
    """The claim's number, computed independently from the files."""
    if claim.metric in {"detections", "share"}:
        rows = _route_year(raw_routes, claim.route, claim.year)
        part = rows.loc[rows["nationality"] == claim.nationality, "detections"].sum() if claim.nationality \
            else rows["detections"].sum()
        return float(part) if claim.metric == "detections" else float(round(100 * part / rows["detections"].sum()))
    if claim.metric == "peak_year" and claim.route:
        rows = raw_routes[raw_routes["route"] == claim.route]
        return float(rows.groupby(rows["month"].str[:4])["detections"].sum().idxmax())
    rows = raw_indicators[(raw_indicators["indicator"] == claim.indicator) & (raw_indicators["iso3"] == claim.country)]
    rows = rows.dropna(subset=["value"])
    if claim.metric == "peak_year":
        return float(rows.loc[rows["value"].idxmax(), "year"])
    return float(rows.loc[rows["year"] == claim.year, "value"].item())


def test_sample_deck_tells_the_story_in_enough_slides(sample: Deck) -> None:
    assert len(sample.slides) >= 6
    crimes = {s.state.crime for s in sample.slides}
    assert {"irregular-migration", "human-trafficking", "migrant-smuggling"} <= crimes
    assert all(s.takeaway and s.claims for s in sample.slides), "every slide makes a checked point"
    assert SAMPLE in list_decks(DECKS)


def test_every_claim_of_the_sample_deck_is_true_of_the_data(sample: Deck, store, raw_routes,  # noqa: ANN001
                                                            raw_indicators) -> None:  # noqa: ANN001
    for slide in sample.slides:
        for claim in slide.claims:
            assert claim.value == expected(claim, raw_routes, raw_indicators), (slide.title, claim)
    assert check_claims(store, sample) == []


def test_every_number_a_slide_states_is_a_checked_claim(sample: Deck) -> None:
    for slide in sample.slides:
        assert unclaimed_numbers(slide) == [], slide.title
        stated = set(numbers_in(slide.takeaway))
        claimed = {c.value for c in slide.claims}
        assert claimed <= stated | {float(c.year) for c in slide.claims if c.year}, slide.title


def test_the_takeaway_shows_the_claimed_number_as_printed(sample: Deck) -> None:
    first = sample.slides[0]
    assert "885,386" in first.takeaway and 885386.0 in {c.value for c in first.claims}


def test_a_wrong_claim_is_reported(store, domain, sample: Deck) -> None:  # noqa: ANN001
    slide = sample.slides[0]
    wrong = Claim("detections", 885387, route="Eastern Mediterranean Route", year=2015)
    deck = Deck("t", "t", (slide.__class__(slide.title, slide.state, slide.takeaway, claims=(wrong,)),))
    problems = check_claims(store, deck)
    assert len(problems) == 1 and "885,387" in problems[0] and "885,386" in problems[0]


def test_a_number_without_a_claim_is_found(sample: Deck) -> None:
    slide = sample.slides[0]
    bare = slide.__class__(slide.title, slide.state, "Detections reached 1,234,567 in 2015.", claims=())
    assert unclaimed_numbers(bare) == [1234567.0]


@pytest.mark.parametrize(("text", "numbers"), [
    ("885,386 detections in 2015", [885386.0, 2015.0]),
    ("Syrians were 56% and Afghans 24 %", [56.0, 24.0]),
    ("a rate of 1.5 per 100,000", [1.5, 100000.0]),
    ("ISO codes like A3 or route names carry no numbers", []),
])
def test_numbers_in_reads_numbers_as_a_reader_sees_them(text: str, numbers: list[float]) -> None:
    assert numbers_in(text) == numbers


def test_deck_round_trips_through_data_and_yaml(sample: Deck, domain) -> None:  # noqa: ANN001
    again = deck_from_data(deck_to_data(sample, domain), domain, SAMPLE)
    assert again.slides == sample.slides and again.title == sample.title
    reread = parse_deck(dump_deck(sample, domain), domain, SAMPLE)
    assert reread.slides == sample.slides


def test_json_decks_load_too(tmp_path: Path, domain) -> None:  # noqa: ANN001
    (tmp_path / "one.json").write_text('{"title": "T", "slides": [{"title": "S", "view": {"crime": "asylum"}}]}')
    deck = load_deck(tmp_path, "one", domain)
    assert deck.slides[0].state.crime == "asylum" and deck.slides[0].panels == ("map", "series")


GOOD_SLIDE = {"title": "S", "view": "year=2015"}


@pytest.mark.parametrize(("data", "message"), [
    (["not", "a", "mapping"], "expected a mapping"),
    ({"slides": [GOOD_SLIDE]}, "'title' is missing"),
    ({"title": "T", "slides": []}, "'slides' must be a non-empty list"),
    ({"title": "T", "slides": ["x"]}, "slide 1: a slide must be a mapping"),
    ({"title": "T", "slides": [GOOD_SLIDE, {"view": "year=2015"}]}, "slide 2: 'title' is missing"),
    ({"title": "T", "slides": [{"title": "S", "view": "year=1066"}]}, "slide 1: Year \"1066\" is outside"),
    ({"title": "T", "slides": [{"title": "S", "view": "crime=piracy"}]}, "Unknown crime type"),
    ({"title": "T", "slides": [{"title": "S", "view": 42}]}, "'view' must be a query string"),
    ({"title": "T", "slides": [{**GOOD_SLIDE, "panels": ["globe"]}]}, "unknown panel 'globe'"),
    ({"title": "T", "slides": [{**GOOD_SLIDE, "takeaway": "one\ntwo"}]}, "'takeaway' must be one line"),
    ({"title": "T", "slides": [{**GOOD_SLIDE, "takeaway": "x" * 500}]}, "longer than 240"),
    ({"title": "T", "slides": [{**GOOD_SLIDE, "claims": [{"metric": "guess", "value": 1}]}]}, "'metric' must be"),
    ({"title": "T", "slides": [{**GOOD_SLIDE, "claims": [{"metric": "detections", "value": 1}]}]}, "needs 'route'"),
    ({"title": "T", "slides": [{**GOOD_SLIDE, "claims": [{"metric": "indicator", "value": "many"}]}]},
     "'value' must be a number"),
    ({"title": "T", "slides": [{**GOOD_SLIDE, "claims": [{"metric": "detections", "route": "Silk Road",
                                                          "year": 2015, "value": 1}]}]}, "unknown route"),
    ({"title": "T", "slides": [{"title": "S", "view": "year=2022", "compare": 1066}]},
     'slide 1: "compare" must be a year of the data'),
    ({"title": "T", "slides": [{"title": "S", "view": "year=2022", "compare": 2022}]},
     'slide 1: "compare" is the year shown (2022)'),
    ({"title": "T", "slides": [{"title": "S", "view": "year=2022", "compare": [2015]}]}, "'compare' must be a year"),
    ({"title": "T", "slides": [{"title": "S", "view": "year=2022", "compare": True}]}, "'compare' must be a year"),
])
def test_bad_decks_say_where_and_why(data: object, message: str, domain) -> None:  # noqa: ANN001
    with pytest.raises(DeckError) as err:
        deck_from_data(data, domain, "bad")
    assert message in str(err.value)


def test_a_slide_says_compare_and_projects_the_two_years(domain, store) -> None:  # noqa: ANN001
    """`compare: 2015` on a slide is the view's `compare`, in the string and mapping forms of `view`, survives the
    trip through a deck file, and its year counts as a number the slide may state."""
    from dashboard.panels.registry import panel_heading

    data = {"title": "T", "slides": [
        {"title": "Greece, 2015 and 2022", "view": "year=2022", "compare": 2015, "panels": ["map"]},
        {"title": "S", "view": {"year": 2022}, "compare": "2015"},
        {"title": "S", "view": "year=2022&compare=2015"},
    ]}
    deck = deck_from_data(data, domain, "t")
    assert {(s.state.year, s.state.compare) for s in deck.slides} == {(2022, 2015)}
    assert unclaimed_numbers(deck.slides[0]) == []
    assert parse_deck(dump_deck(deck, domain), domain, "t").slides == deck.slides
    assert panel_heading(store, deck.slides[0].state, "map").endswith(", 2015 and 2022")


def test_bad_files_and_names_fail_clearly(tmp_path: Path, domain) -> None:  # noqa: ANN001
    (tmp_path / "broken.yaml").write_text("title: [unclosed\nslides: -")
    with pytest.raises(DeckError, match="not valid YAML"):
        load_deck(tmp_path, "broken", domain)
    for name in ("../decks/route-story", "/etc/passwd", "", BROWSER_DECK, "a" * 80):
        with pytest.raises(DeckError, match="letters, digits"):
            load_deck(DECKS, name, domain)
    with pytest.raises(DeckError, match=f"decks available: .*{SAMPLE}"):
        load_deck(DECKS, "no-such-deck", domain)
    assert list_decks(tmp_path / "missing") == []
