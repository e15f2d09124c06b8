"""The year timeline of a view: which years it steps through, and how a step, play and the play clock move it.

One set of rules for the dashboard and the presenter. The presenter calls them from
`dashboard.present.navigation`; the dashboard's play button and clock run in the browser (assets/app.js,
`see.rules`), where they are the same rules written again in JavaScript. tests/unit/test_timeline.py runs both
on one table of cases, so the two cannot drift apart.

The rules take the years as a sorted tuple and a year that may not be one of them (a slider can stand between
two years with data): a step goes to the next year with data in its direction, and stops at either end.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:  # only for the hints: state.py builds on `step`, so this module must not import it
    from dashboard.view.state import Domain, ViewState


def years_of(state: ViewState, domain: Domain) -> tuple[int, ...]:
    """The years a view steps through, oldest first: those its indicator (or the routes standing in) has.

    The dashboard's slider has one mark per year (callbacks/url.py), so the browser reads the same list back
    from the marks."""
    return domain.years(state.crime, state.indicator)


def step(state: ViewState, year: int) -> ViewState:
    """The view at another year. A year step shows one year, so it drops any range, and a step onto the compared
    year ends the comparison (a year is never compared with itself): the one place that says so."""
    if year == state.year and state.year_from is None and state.year_to is None:
        return state
    compare = None if year == state.compare else state.compare
    return state.with_(year=year, year_from=None, year_to=None, compare=compare)


def later(years: tuple[int, ...], year: int) -> int:
    """The first year after `year`; the last year once there is none (a step stops at the end)."""
    return next((y for y in years if y > year), years[-1] if years else year)


def earlier(years: tuple[int, ...], year: int) -> int:
    """The last year before `year`; the first year once there is none (a step stops at the start)."""
    return next((y for y in reversed(years) if y < year), years[0] if years else year)


def play_start(years: tuple[int, ...], year: int) -> int:
    """Where play starts: at the year shown if it has data and is not the last, else back at the first year.

    Play pressed at the end replays the timeline instead of stopping at once; a year without data is no place
    to start from."""
    if not years:
        return year
    return year if year in years[:-1] else years[0]


def tick(years: tuple[int, ...], year: int) -> tuple[int, bool]:
    """One beat of the play clock: the next year, and whether play goes on (not once it reaches the last)."""
    if not years:
        return year, False
    following = later(years, year)
    return following, following != years[-1]
