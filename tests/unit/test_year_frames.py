"""The year frames: every year of the drawn view, precomputed so the browser steps the years with no request.

A frame must show exactly what the server draws for that year (same patches, sources, API links, summary,
URL and links), so a local step and a server step can never disagree. The sync writes the timeline key only
when it changes, so the frames are fetched once per timeline, not once per step.
"""

from __future__ import annotations

import json
from urllib.parse import parse_qs, urlsplit

from callbacks import panels
from dashboard.view.state import default_state, timeline_key, to_query
from dashboard.web.links import N_VIEW_LINKS
from layouts.ids import Ids, Panel, Share
from tests.unit.dash_post import post
from tests.unit.test_dash_endpoint import DRAW, SYNC, URL_REQUEST, YEAR_REQUEST, url_request, view_data
from tests.unit.test_year_step import _browser as browser_values

FRAMES = f"{Ids.FRAMES}.data"
TIMELINE = f"{Ids.TIMELINE}.data"
PARTS = ("graph.figure", "provenance.children", "api-csv.href", "api-json.href", "summary.children")


def frames_for(app, client, key: str) -> dict:  # noqa: ANN001
    text = post(client, app, FRAMES, {TIMELINE: key}, [TIMELINE])[FRAMES]
    return json.loads(text) if isinstance(text, str) else text


def _json(value: object) -> object:
    """The value as the browser receives it."""
    return json.loads(json.dumps(value, default=lambda o: o.to_plotly_json()))


def test_frames_cover_every_year_of_the_view(app, client, domain, view):
    state = view("?crime=human-trafficking&country=GRC,TUR")
    frames = frames_for(app, client, timeline_key(state, domain))
    assert frames["key"] == timeline_key(state, domain)
    assert list(frames["years"]) == [str(y) for y in domain.years(state.crime, state.indicator)]
    for year, frame in frames["years"].items():
        at = state.with_(year=int(year))
        assert frame["query"] == frame["values"]["url.search"] == to_query(at, domain)
        assert frame["year"] == int(year) and frame["values"][f"{Ids.YEAR_LABEL}.children"] == year
        titles = {panel: [op["params"]["value"] for op in frame["values"][Panel.id(panel, "graph.figure")]["operations"]
                          if op["location"] == ["layout", "title", "text"]] for panel in ("map", "sankey")}
        assert titles["map"] == [f"Detected victims of trafficking, {year}"]
        assert len(titles["sankey"]) == 1 and titles["sankey"][0].endswith(f", {year}")
        shapes = [op["params"]["value"] for op in frame["values"][Panel.id("series", "graph.figure")]["operations"]
                  if op["location"] == ["layout", "shapes"]]
        assert shapes[0][0]["x0"] == int(year) - 0.4
        # Present, the report pack and every export link carry the year and the selected countries
        links = [v for k, v in frame["values"].items() if k.endswith(".href") and "-api-" not in k]
        assert len(links) == N_VIEW_LINKS
        for link in links:
            params = parse_qs(urlsplit(link).query)
            assert params.get("country") == ["GRC,TUR"], link
            assert params.get("year", [str(default_state(domain, at.crime).year)]) == [year], link


def test_a_frame_equals_what_the_server_draws_for_that_year(app, client, domain, view):
    state = view("?crime=migrant-smuggling&country=SRB")
    frames = frames_for(app, client, timeline_key(state, domain))
    drawn = {p: post(client, app, Panel.id(p, "graph") + ".figure", {DRAW: view_data(state)}, [DRAW])
             for p in Panel.NAMES}
    for year in ("2016", "2019"):
        at = view_data(state.with_(year=int(year)))
        for panel in Panel.NAMES:
            key = {"patch": drawn[panel][Panel.id(panel, "key") + ".data"]["patch"]}
            step = post(client, app, Panel.id(panel, "graph") + ".figure",
                        {DRAW: at, Panel.id(panel, "key") + ".data": key}, [DRAW])
            expected = [step[Panel.id(panel, part)] for part in PARTS]
            got = [frames["years"][year]["values"][Panel.id(panel, part)] for part in PARTS]
            assert _json(got) == expected, (panel, year)
        sync = post(client, app, SYNC, browser_values(state, **{YEAR_REQUEST: {"year": int(year)}}), [YEAR_REQUEST])
        assert frames["years"][year]["query"] == sync["url.search"]
        assert frames["years"][year]["values"][f"{Share.PRESENT}.href"] == sync[f"{Share.PRESENT}.href"]


def test_a_view_with_iom_incidents_has_no_frames_and_steps_through_the_server(app, client, domain, view):
    state = view("?incidents=1&year=2016")
    frames = frames_for(app, client, timeline_key(state, domain))
    assert frames["key"] == timeline_key(state, domain) and frames["years"] == {}


def test_population_since_1950_has_no_frames_and_steps_through_the_server(app, client, domain, view):
    state = view("?crime=context")
    assert len(domain.years(state.crime, state.indicator)) > panels.FRAMES_MAX_YEARS
    assert frames_for(app, client, timeline_key(state, domain))["years"] == {}


def test_a_junk_timeline_key_gives_the_default_views_frames(app, client, domain):
    frames = frames_for(app, client, "?crime=<script>&year=99999")
    assert frames["key"] == timeline_key(default_state(domain), domain) == ""
    assert frames_for(app, client, None) is None  # type: ignore[arg-type]


def test_the_sync_writes_the_timeline_key_only_when_it_changes(app, client, domain, view):
    first = post(client, app, SYNC, url_request("?crime=human-trafficking&year=2019"), [URL_REQUEST])
    assert first[TIMELINE] == "?crime=human-trafficking"
    assert first[SYNC]["key"] == first[TIMELINE] and first[SYNC]["query"] == "?crime=human-trafficking&year=2019"
    state = view("?crime=human-trafficking&year=2019")
    step = post(client, app, SYNC, browser_values(state, **{YEAR_REQUEST: {"year": 2017}, SYNC: first[SYNC]}),
                [YEAR_REQUEST])
    assert TIMELINE not in step and step[SYNC]["year"] == 2017  # same timeline: the frames the browser has
    assert step[DRAW] == step[SYNC]  # the server draws the step it answered
    other = post(client, app, SYNC, browser_values(state.with_(year=2017), **{"countries.value": ["GRC"],
                                                                              SYNC: step[SYNC]}),
                 ["countries.value"])
    assert other[TIMELINE] == "?crime=human-trafficking&country=GRC"

