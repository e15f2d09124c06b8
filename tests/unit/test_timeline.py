"""The timeline's year rules, in Python (dashboard/view/timeline.py) and in the browser (assets/app.js).

The browser's play button and clock run the same rules written again in JavaScript. One table of cases is run
through both, the JavaScript by node, so that neither can change without the other.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import playwright
import pytest

from dashboard.view import timeline
from dashboard.view.state import default_state, timeline_base
from tests.conftest import REPO_ROOT

APP_JS = REPO_ROOT / "assets" / "app.js"
NO_UPDATE = "<no_update>"
PLAY, PAUSE = "▶ Play", "⏸ Pause"

#: A timeline with a year missing (2017), as the slider can stand on one.
YEARS = (2014, 2015, 2016, 2018, 2019)

#: years, year -> later, play_start, tick. Both implementations must give exactly these.
CASES: list[tuple[tuple[int, ...], int, int, int, tuple[int, bool]]] = [
    (YEARS, 2014, 2015, 2014, (2015, True)),
    (YEARS, 2016, 2018, 2016, (2018, True)),  # across the missing year
    (YEARS, 2018, 2019, 2018, (2019, False)),  # reaching the last year stops play
    (YEARS, 2019, 2019, 2014, (2019, False)),  # play at the end starts again from the first year
    (YEARS, 2017, 2018, 2014, (2018, True)),  # a year without data: steps go on, play starts from the first
    (YEARS, 2010, 2014, 2014, (2014, True)),
    (YEARS, 2030, 2019, 2014, (2019, False)),
    ((2020, 2021), 2020, 2021, 2020, (2021, False)),
    ((2020,), 2020, 2020, 2020, (2020, False)),
    ((), 2020, 2020, 2020, (2020, False)),
]

# The browser's side: load app.js as the page would, then run its rules and its two callbacks on every case.
NODE_SCRIPT = r"""
const fs = require("fs");
const vm = require("vm");
const [appJs, noUpdate] = process.argv.slice(1);
const window = { dash_clientside: { no_update: noUpdate } };
vm.runInNewContext(fs.readFileSync(appJs, "utf8"), { window: window });
const see = window.dash_clientside.see;
const cases = JSON.parse(fs.readFileSync(0, "utf8"));
const out = cases.map(([years, year]) => {
  const marks = Object.fromEntries(years.map((y) => [String(y), ""]));
  return {
    yearsOf: see.rules.yearsOf(marks),
    later: see.rules.later(years, year),
    playStart: see.rules.playStart(years, year),
    tick: see.rules.tick(years, year),
    pressPlay: see.togglePlay(1, true, year, marks),
    pressPause: see.togglePlay(2, false, year, marks),
    nextYear: see.nextYear(1, year, marks),
  };
});
process.stdout.write(JSON.stringify(out));
"""


def _node() -> str:
    """node on the PATH, else the one Playwright (a dev dependency) ships to drive its browsers."""
    bundled = Path(playwright.__file__).parent / "driver" / "node"
    found = shutil.which("node") or (str(bundled) if bundled.exists() else None)
    if found is None:
        pytest.fail("node is needed to check assets/app.js against dashboard/view/timeline.py")
    return found


@pytest.fixture(scope="module")
def browser() -> list[dict]:
    """What assets/app.js answers for each case, run once by node."""
    done = subprocess.run(
        [_node(), "-e", NODE_SCRIPT, str(APP_JS), NO_UPDATE],
        input=json.dumps([[list(years), year] for years, year, *_ in CASES]),
        capture_output=True, text=True, timeout=60, check=True,
    )
    return json.loads(done.stdout)


@pytest.mark.parametrize(("years", "year", "later", "start", "tick"), CASES)
def test_the_python_rules(years: tuple[int, ...], year: int, later: int, start: int, tick: tuple[int, bool]) -> None:
    assert timeline.later(years, year) == later
    assert timeline.play_start(years, year) == start
    assert timeline.tick(years, year) == tick


@pytest.mark.parametrize("case", range(len(CASES)))
def test_the_browser_runs_the_same_rules(case: int, browser: list[dict]) -> None:
    years, year, later, start, tick = CASES[case]
    got = browser[case]
    assert got["yearsOf"] == list(years), "the years read back from the slider's marks"
    assert (got["later"], got["playStart"], tuple(got["tick"])) == (later, start, tick), (years, year)
    assert (got["later"], got["playStart"], tuple(got["tick"])) == (
        timeline.later(years, year), timeline.play_start(years, year), timeline.tick(years, year))


@pytest.mark.parametrize("case", range(len(CASES)))
def test_the_play_callbacks_apply_the_rules_to_ticker_slider_and_label(case: int, browser: list[dict]) -> None:
    years, year, _, start, (following, playing) = CASES[case]
    got = browser[case]
    # outputs: ticker disabled, button label, slider value (left alone when it would not move)
    assert got["pressPlay"] == [False, PAUSE, NO_UPDATE if start == year else start]
    assert got["pressPause"] == [True, PLAY, NO_UPDATE]
    # outputs: slider value, ticker disabled, button label
    assert got["nextYear"] == [NO_UPDATE if following == year else following, not playing,
                               PAUSE if playing else PLAY]


@pytest.mark.parametrize(("year", "expected"), [(2014, 2014), (2015, 2014), (2018, 2016), (2017, 2016),
                                                 (2030, 2019), (2010, 2014)])
def test_earlier_steps_back_to_the_last_year_with_data_and_stops_at_the_first(year: int, expected: int) -> None:
    assert timeline.earlier(YEARS, year) == expected
    assert timeline.earlier((), year) == year


def test_a_year_step_drops_the_range_and_a_non_step_keeps_the_view(view) -> None:  # noqa: ANN001
    ranged = view("?year=2017&from=2015&to=2017")
    stepped = timeline.step(ranged, 2016)
    assert (stepped.year, stepped.year_from, stepped.year_to) == (2016, None, None)
    assert stepped == ranged.with_(year=2016, year_from=None, year_to=None)
    assert timeline.step(ranged, 2017).years == (2017, 2017), "the same year, stepped to, is one year"
    single = view("?year=2016")
    assert timeline.step(single, 2016) is single


def test_the_timeline_base_is_the_view_stepped_to_its_default_year(view, domain) -> None:  # noqa: ANN001
    ranged = view("?year=2017&from=2015&to=2017")
    base = timeline_base(ranged, domain)
    assert base == timeline.step(ranged, default_state(domain, ranged.crime, ranged.indicator).year)
    assert base.year_from is None and base.year_to is None


def test_the_sliders_marks_hold_exactly_the_views_years(view, domain) -> None:  # noqa: ANN001
    """The browser reads the years back from the marks' keys: there must be one mark per year, no more."""
    from callbacks.url import year_marks  # the slider's marks; only this test needs the callbacks

    for query in ("", "?crime=migrant-smuggling", "?crime=human-trafficking", "?crime=asylum"):
        state = view(query)
        years = timeline.years_of(state, domain)
        assert years and years == domain.years(state.crime, state.indicator)
        assert sorted(int(y) for y in year_marks(years)) == list(years)
