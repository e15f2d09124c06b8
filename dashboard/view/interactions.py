"""How a click on a panel changes the view. Plain functions of (state, event data), so the linking rules are
tested without a browser and callbacks only dispatch to them.

Event payloads come from the browser and may be anything; every function here returns the state unchanged
when the payload does not make sense, never raises.
"""

from __future__ import annotations

import math

from dashboard.figures.timeseries import year_from_point
from dashboard.view import timeline
from dashboard.view.state import MAX_COUNTRIES, Domain, ViewState


def _first_point(event: object) -> dict | None:
    if not isinstance(event, dict):
        return None
    points = event.get("points")
    if not isinstance(points, list) or not points or not isinstance(points[0], dict):
        return None
    return points[0]


def _toggle(items: tuple[str, ...], item: str) -> tuple[str, ...]:
    if item in items:
        return tuple(i for i in items if i != item)
    return (*items, item)[:MAX_COUNTRIES]


def click_map(state: ViewState, event: object, domain: Domain) -> ViewState:
    """A click on a country selects it, or unselects it if it was selected."""
    point = _first_point(event)
    code = point.get("location") if point else None
    if not isinstance(code, str) or code not in domain.countries:
        return state
    changes: dict[str, object] = {"countries": _toggle(state.countries, code)}
    if state.series == "route":  # a country has no route series; show the country's own indicator
        changes["series"] = "country"
    return state.with_(**changes)


def click_sankey(state: ViewState, event: object, domain: Domain) -> ViewState:
    """A click on a node filters by what it stands for: a nationality, a route or a country of destination.

    Node ids are "role:code" (see figures.sankey), so the same country as origin and as destination differ.
    Clicking a filtered node again removes the filter; links and sea/land nodes change nothing.
    """
    point = _first_point(event)
    node = point.get("customdata") if point else None
    if not isinstance(node, str) or ":" not in node:
        return state
    role, code = node.split(":", 1)
    if role == "route" and code in domain.routes:
        return state.with_(route=None if state.route == code else code)
    if role in {"nationality", "origin"} and code in domain.nationalities:
        return state.with_(nationality=None if state.nationality == code else code)
    if role == "destination" and code in domain.countries:
        return state.with_(countries=_toggle(state.countries, code))
    return state


def click_series(state: ViewState, event: object, domain: Domain) -> ViewState:
    """A click on the time series sets the year (and drops any range)."""
    point = _first_point(event)
    year = year_from_point(point) if point else None
    if year is None or year not in domain.years(state.crime, state.indicator):
        return state
    return timeline.step(state, year)


def _brushed_years(xs: list) -> tuple[int, int] | None:
    """The first and last year whose points lie inside a brush: ceil/floor on a year axis (2014.6-2017.3 is
    2015-2017), the years of the ends on a month axis ('2015-03-01' is 2015); None for anything else."""
    if all(isinstance(x, int | float) and not isinstance(x, bool) and math.isfinite(x) for x in xs):
        return math.ceil(min(xs)), math.floor(max(xs))
    if all(isinstance(x, str) for x in xs):
        years = [year_from_point({"x": x}) for x in xs]
        if None not in years:
            return min(years), max(years)
    return None


def select_series(state: ViewState, event: object, domain: Domain) -> ViewState:
    """A horizontal brush on the time series sets a year range; the map shows its last year."""
    if not isinstance(event, dict):
        return state
    rng = event.get("range")
    xs = rng.get("x") if isinstance(rng, dict) else None
    if not isinstance(xs, list) or len(xs) != 2:
        return state
    brushed = _brushed_years(xs)
    valid = domain.years(state.crime, state.indicator)
    if brushed is None or not valid:
        return state
    lo, hi = max(brushed[0], valid[0]), min(brushed[1], valid[-1])
    if lo > hi:
        return state
    if lo == hi:
        return timeline.step(state, lo)
    return state.with_(year=hi, year_from=lo, year_to=hi)


def clear_selection(state: ViewState) -> ViewState:
    """One click back to the whole picture: no countries, route, nationality or range."""
    return state.with_(countries=(), route=None, nationality=None, year_from=None, year_to=None)
