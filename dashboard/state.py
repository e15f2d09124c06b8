"""ViewState: the one model of what a view shows, and its URL codec.

The URL, the data API, decks and embed pages all speak this model. `parse_query` never raises: each
parameter is valid, invalid (falls back to the default, with a notice the page shows) or missing.
`to_query` writes only what differs from the defaults, so links stay short and readable.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from urllib.parse import parse_qs, urlencode

from dashboard.catalog import CRIME_TYPES, INDICATORS, OPENINGS, PARTICIPATING, indicators_for

MEASURES = ("absolute", "per100k")
SERIES_MODES = ("country", "route")
DEFAULT_CRIME = "irregular-migration"
DEFAULT_TOP = 10
TOP_RANGE = (3, 30)
MAX_COUNTRIES = 20
#: Frontex routes through South-East Europe, shown when no route is chosen.
SEE_ROUTES = (
    "Eastern Mediterranean Route",
    "Western Balkan Route",
    "Circular Route from Albania to Greece",
    "Black Sea Route",
)
_MAX_PARAM_LEN = 200
_CODE = re.compile(r"^[A-Z]{3}$")


@dataclass(frozen=True)
class Domain:
    """The values the prepared data knows, against which every incoming parameter is checked."""

    years_by_indicator: Mapping[str, tuple[int, ...]]
    route_years: tuple[int, ...]
    countries: frozenset[str]
    routes: tuple[str, ...]
    nationalities: frozenset[str]

    def years(self, crime: str, indicator: str) -> tuple[int, ...]:
        """Years a view can show: the indicator's, plus Frontex's for irregular migration (Sankey and series)."""
        years = set(self.years_by_indicator.get(indicator, ()))
        if crime == "irregular-migration":
            years |= set(self.route_years)
        return tuple(sorted(years))


@dataclass(frozen=True)
class ViewState:
    """A complete, valid view. Build it with `parse_query` or `default_state`, change it with `replace`."""

    crime: str
    indicator: str
    year: int
    year_from: int | None = None
    year_to: int | None = None
    countries: tuple[str, ...] = ()
    route: str | None = None
    nationality: str | None = None
    measure: str = "absolute"
    incidents: bool = False
    series: str = "country"
    top: int = DEFAULT_TOP

    @property
    def years(self) -> tuple[int, int]:
        """The year span the Sankey and downloads cover: the range if one is set, else the single year."""
        if self.year_from is not None and self.year_to is not None:
            return self.year_from, self.year_to
        return self.year, self.year

    def with_(self, **changes: object) -> ViewState:
        return replace(self, **changes)


@dataclass
class Parsed:
    state: ViewState
    notices: list[str] = field(default_factory=list)


def default_indicator(crime: str) -> str:
    return indicators_for(crime)[0].id


def default_series(crime: str) -> str:
    return "route" if crime == "irregular-migration" else "country"


def default_state(domain: Domain, crime: str = DEFAULT_CRIME, indicator: str | None = None) -> ViewState:
    """The view a crime type (or one of its indicators) opens on: the crime type's opening indicator and year
    (catalog.OPENINGS, never a partial year), or an indicator's latest year."""
    indicator = indicator or default_indicator(crime)
    years = domain.years_by_indicator.get(indicator) or domain.years(crime, indicator) or (2022,)
    opening = OPENINGS.get(crime)
    year = opening.year if opening and opening.indicator == indicator and opening.year in years else max(years)
    return ViewState(crime=crime, indicator=indicator, year=year, series=default_series(crime))


def _first(params: Mapping[str, list[str]], key: str) -> str | None:
    values = params.get(key)
    if not values:
        return None
    value = str(values[-1]).strip()
    return value or None


def _show(value: str) -> str:
    """A parameter value, shortened and stripped of markup-ish characters, safe to echo in a notice."""
    clean = re.sub(r"[^\w .,:/+-]", "?", value)
    return clean[:40] + ("…" if len(clean) > 40 else "")


def _int(text: str) -> int | None:
    return int(text) if re.fullmatch(r"-?\d{1,6}", text) else None


def parse_query(query: str | Mapping[str, list[str]] | None, domain: Domain) -> Parsed:
    """Turn a query string (or parsed mapping) into a valid ViewState, collecting a notice per bad parameter."""
    if isinstance(query, str) or query is None:
        params = parse_qs((query or "").lstrip("?")[:4000], keep_blank_values=False)
    else:
        params = {str(k): [str(v) for v in (vs if isinstance(vs, list | tuple) else [vs])] for k, vs in query.items()}
    params = {k: [v[:_MAX_PARAM_LEN] for v in vs] for k, vs in params.items()}
    notices: list[str] = []

    crime = _first(params, "crime")
    indicator = _first(params, "indicator")
    if crime is not None and crime not in CRIME_TYPES:
        notices.append(f'Unknown crime type "{_show(crime)}"; showing {CRIME_TYPES[DEFAULT_CRIME]}.')
        crime = None
    if indicator is not None and indicator not in INDICATORS:
        notices.append(f'Unknown indicator "{_show(indicator)}"; showing the default indicator.')
        indicator = None
    if indicator is not None:
        owner = INDICATORS[indicator].crime_type
        if crime is not None and crime != owner:
            notices.append(f'Indicator "{indicator}" belongs to {CRIME_TYPES[owner]}; switched crime type.')
        crime = owner
    state = default_state(domain, crime or DEFAULT_CRIME, indicator)
    years = domain.years(state.crime, state.indicator)
    changes: dict[str, object] = {}

    def year_param(key: str) -> int | None:
        text = _first(params, key)
        if text is None:
            return None
        value = _int(text)
        if value is None or not years or not years[0] <= value <= years[-1]:
            span = f"{years[0]}–{years[-1]}" if years else "none"
            notices.append(f'Year "{_show(text)}" is outside the data ({span}); ignored.')
            return None
        return value

    year, year_from, year_to = year_param("year"), year_param("from"), year_param("to")
    if year_from is not None and year_to is not None:
        if year_from > year_to:
            year_from, year_to = year_to, year_from
        changes.update(year_from=year_from, year_to=year_to)
        if year is None or not year_from <= year <= year_to:
            year = year_to
    elif (year_from is None) != (year_to is None):
        notices.append('A year range needs both "from" and "to"; ignored.')
    if year is not None:
        changes["year"] = year

    country_text = ",".join(params.get("country", []))
    if country_text:
        codes: list[str] = []
        for raw in country_text.split(","):
            code = raw.strip().upper()
            if not code:
                continue
            if _CODE.match(code) and code in domain.countries:
                if code not in codes:
                    codes.append(code)
            else:
                notices.append(f'Unknown country code "{_show(raw)}"; ignored.')
        if len(codes) > MAX_COUNTRIES:
            notices.append(f"At most {MAX_COUNTRIES} countries at once; kept the first {MAX_COUNTRIES}.")
            codes = codes[:MAX_COUNTRIES]
        changes["countries"] = tuple(codes)

    route = _first(params, "route")
    if route is not None:
        if route in domain.routes:
            changes["route"] = route
        else:
            notices.append(f'Unknown route "{_show(route)}"; showing all routes.')

    nationality = _first(params, "nationality")
    if nationality is not None:
        if nationality.upper() in domain.nationalities:
            changes["nationality"] = nationality.upper()
        elif nationality in domain.nationalities:
            changes["nationality"] = nationality
        else:
            notices.append(f'Unknown nationality "{_show(nationality)}"; ignored.')

    measure = _first(params, "measure")
    if measure is not None:
        if measure not in MEASURES:
            notices.append(f'Unknown measure "{_show(measure)}"; showing absolute numbers.')
        elif measure == "per100k" and not INDICATORS[state.indicator].per_capita:
            notices.append(f'"{INDICATORS[state.indicator].label}" is not shown per 100,000; showing it as published.')
        else:
            changes["measure"] = measure

    incidents = _first(params, "incidents")
    if incidents is not None:
        if incidents in {"1", "0", "true", "false", "on", "off"}:
            changes["incidents"] = incidents in {"1", "true", "on"}
        else:
            notices.append(f'The incidents layer takes 1 or 0, not "{_show(incidents)}"; left off.')

    series = _first(params, "series")
    if series is not None:
        if series in SERIES_MODES:
            changes["series"] = series
        else:
            notices.append(f'Unknown time-series mode "{_show(series)}"; using the default.')

    top = _first(params, "top")
    if top is not None:
        value = _int(top)
        if value is None or not TOP_RANGE[0] <= value <= TOP_RANGE[1]:
            notices.append(f'"top" must be a whole number from {TOP_RANGE[0]} to {TOP_RANGE[1]}; using {DEFAULT_TOP}.')
        else:
            changes["top"] = value

    known = {"crime", "indicator", "year", "from", "to", "country", "route", "nationality", "measure",
             "incidents", "series", "top", "deck", "slide"}
    for key in params:
        if key not in known:
            notices.append(f'Unknown parameter "{_show(key)}"; ignored.')
    return Parsed(state.with_(**changes), notices)


def to_params(state: ViewState, domain: Domain) -> dict[str, str]:
    """The query parameters that differ from the defaults for the state's crime type, in a stable order."""
    base = default_state(domain, state.crime, state.indicator)
    out: dict[str, str] = {}
    if state.crime != DEFAULT_CRIME:
        out["crime"] = state.crime
    if state.indicator != default_indicator(state.crime):
        out["indicator"] = state.indicator
    ranged = state.year_from is not None and state.year_to is not None
    if state.year != base.year and not (ranged and state.year == state.year_to):
        out["year"] = str(state.year)
    if ranged:
        out["from"], out["to"] = str(state.year_from), str(state.year_to)
    if state.countries:
        out["country"] = ",".join(state.countries)
    if state.route:
        out["route"] = state.route
    if state.nationality:
        out["nationality"] = state.nationality
    if state.measure != "absolute":
        out["measure"] = state.measure
    if state.incidents:
        out["incidents"] = "1"
    if state.series != base.series:
        out["series"] = state.series
    if state.top != DEFAULT_TOP:
        out["top"] = str(state.top)
    return out


def to_query(state: ViewState, domain: Domain) -> str:
    """'?a=b&…' for the state, or '' for the default view."""
    params = to_params(state, domain)
    return "?" + urlencode(params, safe=",") if params else ""


def timeline_base(state: ViewState, domain: Domain) -> ViewState:
    """The view at its default year with no range: every view a year step moves between has the same one."""
    at = default_state(domain, state.crime, state.indicator).year
    return replace(state, year=at, year_from=None, year_to=None)


def timeline_key(state: ViewState, domain: Domain) -> str:
    """The view with its year left out, as a query: the key of its timeline.

    The browser holds the year frames of one key (callbacks/panels.py) and steps locally while its view has it.
    """
    return to_query(timeline_base(state, domain), domain)


def domain_from_store(store) -> Domain:  # noqa: ANN001 - Store imported lazily to keep this module data-free
    """Known values, read off the loaded prepared data."""
    flows_origins = set(store.flows["origin"].astype(str).unique())
    return Domain(
        years_by_indicator={k: tuple(store.years_for(k)) for k in INDICATORS},
        route_years=tuple(store.route_years),
        countries=frozenset(store.known_iso3) | frozenset(PARTICIPATING),
        routes=tuple(store.route_names),
        nationalities=frozenset(store.routes["nationality"].unique()) | frozenset(flows_origins),
    )
