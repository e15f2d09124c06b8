"""ViewState: the one model of what a view shows, and its URL codec.

The URL, the data API, decks and embed pages all speak this model. The parameters themselves, one row each
with its parser, default and writer, are the table in `dashboard.view.params`; here are the loops over it and the
rules between parameters. `parse_query` never raises: each parameter is valid, invalid (falls back to the
default, with a notice the page shows) or missing. `to_query` writes only what differs from the defaults, so
links stay short and readable. The browser's store holds the view with its query, and is read back from it.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import asdict, dataclass, field, replace
from urllib.parse import parse_qs, urlencode

from dashboard.catalog import CRIMES, INDICATORS, PARTICIPATING
from dashboard.i18n.locales import DEFAULT_LANG
from dashboard.i18n.messages import translator
from dashboard.view.params import (
    DEFAULT_CRIME,
    DEFAULT_TOP,
    MISSING,
    PAGE_NAMES,
    VIEW_PARAMS,
    Context,
    Invalid,
    Outcome,
    Param,
    Valid,
    from_json,
    show,
)

# Re-exported: the view's vocabulary has always been importable from here.
from dashboard.view.params import MAX_COUNTRIES as MAX_COUNTRIES  # noqa: F401
from dashboard.view.params import MEASURES as MEASURES  # noqa: F401
from dashboard.view.params import SERIES_MODES as SERIES_MODES  # noqa: F401
from dashboard.view.params import TOP_RANGE as TOP_RANGE  # noqa: F401
from dashboard.view.timeline import step, years_of

#: Frontex routes through South-East Europe, shown when no route is chosen.
SEE_ROUTES = (
    "Eastern Mediterranean Route",
    "Western Balkan Route",
    "Circular Route from Albania to Greece",
    "Black Sea Route",
)
_MAX_PARAM_LEN = 200



@dataclass(frozen=True)
class Domain:
    """The values the prepared data knows, against which every incoming parameter is checked."""

    years_by_indicator: Mapping[str, tuple[int, ...]]
    route_years: tuple[int, ...]
    countries: frozenset[str]
    routes: tuple[str, ...]
    nationalities: frozenset[str]
    #: The ids of the context events (data/events.csv), which a view may name.
    events: frozenset[str] = frozenset()

    def years(self, crime: str, indicator: str) -> tuple[int, ...]:
        """Years a view can show: the indicator's, plus Frontex's where routes stand in for flows."""
        years = set(self.years_by_indicator.get(indicator, ()))
        if CRIMES[crime].routes:
            years |= set(self.route_years)
        return tuple(sorted(years))


@dataclass(frozen=True)
class ViewState:
    """A complete, valid view. Build it with `parse_query` or `default_state`, change it with `replace`."""

    crime: str  #: a catalog.CRIMES id
    indicator: str  #: a catalog.INDICATORS id of that crime type
    year: int  #: the year the map and the Sankey show
    #: An optional span for the Sankey and downloads (both set, or neither).
    year_from: int | None = None
    year_to: int | None = None
    countries: tuple[str, ...] = ()  #: ISO-3 codes selected; () means all 11
    route: str | None = None  #: a Frontex route selected in the Sankey or the route filter
    nationality: str | None = None  #: a nationality selected in the Sankey
    measure: str = "absolute"  #: "absolute" or "per100k"
    incidents: bool = False  #: whether the map draws the incident layer
    #: The context events on the time axes: True the view's own (dashboard.figures.events), False none, or the
    #: ids of the only ones shown (a deck's slide names them).
    events: bool | tuple[str, ...] = True
    series: str = "country"  #: the time series' mode: "country" or "route"
    top: int = DEFAULT_TOP  #: how many nationalities the Sankey draws before "others"
    lang: str = DEFAULT_LANG  #: the interface language (dashboard.i18n.locales), never part of the numbers
    compare: int | None = None  #: a year the map shows beside `year`, with the change between them; never `year`

    @property
    def years(self) -> tuple[int, int]:
        """The year span the Sankey and downloads cover: the range if one is set, else the single year."""
        if self.year_from is not None and self.year_to is not None:
            return self.year_from, self.year_to
        return self.year, self.year

    def with_(self, **changes: object) -> ViewState:
        return replace(self, **changes)


def view_routes(state: ViewState) -> tuple[str, ...]:
    """The Frontex routes a view's route charts show: its route, else the South-East European ones."""
    return (state.route,) if state.route else SEE_ROUTES


@dataclass(frozen=True)
class Notice:
    """What the page tells a user about one parameter of the URL."""

    param: str
    text: str
    #: An old name read as its new one: said, but the view is exactly the one asked for.
    renamed: bool = False


@dataclass
class Parsed:
    state: ViewState
    issues: list[Notice] = field(default_factory=list)

    @property
    def notices(self) -> list[str]:
        """What the codec had to correct. Exports and decks refuse a view with any, so they cite what was asked."""
        return [n.text for n in self.issues if not n.renamed]

    @property
    def shown(self) -> list[str]:
        """Every notice a page shows, renamed ids included, in the order of the parameters."""
        return [n.text for n in self.issues]


def default_indicator(crime: str) -> str:
    return CRIMES[crime].default_indicator


def default_series(crime: str) -> str:
    return CRIMES[crime].series


def default_state(domain: Domain, crime: str = DEFAULT_CRIME, indicator: str | None = None) -> ViewState:
    """The view a crime type (or one of its indicators) opens on: its default indicator at its opening year
    (catalog.CrimeType.opening_year, never a partial year), or another indicator at its latest year."""
    indicator = indicator or default_indicator(crime)
    years = domain.years_by_indicator.get(indicator) or domain.years(crime, indicator) or (2022,)
    record = CRIMES[crime]
    opening = record.opening_year if indicator == record.default_indicator else None
    year = opening if opening in years else max(years)
    return ViewState(crime=crime, indicator=indicator, year=year, series=default_series(crime))


# ---- reading --------------------------------------------------------------------------------------------------


def _params(query: str | Mapping[str, list[str]] | None) -> dict[str, list[str]]:
    """A query string or mapping as name -> values, each value cut to a length no parameter needs more of."""
    if isinstance(query, str) or query is None:
        params = parse_qs((query or "").lstrip("?")[:4000], keep_blank_values=False)
    else:
        params = {str(k): [str(v) for v in (vs if isinstance(vs, list | tuple) else [vs])] for k, vs in query.items()}
    return {k: [v[:_MAX_PARAM_LEN] for v in vs] for k, vs in params.items()}


def _text(params: Mapping[str, list[str]], row: Param) -> str | None:
    """A list parameter's values joined; any other parameter's last value, stripped. None when absent or empty."""
    values = params.get(row.name)
    if not values:
        return None
    if row.many:
        return ",".join(values) or None
    return str(values[-1]).strip() or None


@dataclass
class _Reading:
    """A query being read: the values taken so far by field and the notices, in the order of the table."""

    params: Mapping[str, list[str]]
    context: Context
    values: dict[str, object] = field(default_factory=dict)
    issues: list[Notice] = field(default_factory=list)

    def take(self, row: Param) -> Outcome:
        text = _text(self.params, row)
        outcome: Outcome = MISSING if text is None or row.parse is None else row.parse(text, self.context)
        if isinstance(outcome, Invalid):
            self.say(row.name, outcome.reason)
        elif isinstance(outcome, Valid):
            self.issues += [Notice(row.name, n) for n in outcome.dropped]
            if outcome.renamed:
                self.issues.append(Notice(row.name, outcome.renamed, renamed=True))
            self.values[row.field or row.name] = outcome.value
        return outcome

    def say(self, param: str, text: str) -> None:
        self.issues.append(Notice(param, text))


def _indicator_decides_crime(reading: _Reading) -> None:
    """An indicator belongs to one crime type: it wins over a `crime` that says otherwise."""
    crime, indicator = reading.values.get("crime"), reading.values.get("indicator")
    if isinstance(indicator, str):
        owner = INDICATORS[indicator].crime_type
        if crime is not None and crime != owner:
            t = translator(reading.context.lang)
            reading.say("crime", t('Indicator "{indicator}" belongs to {crime}; switched crime type.',
                                   indicator=indicator, crime=t(CRIMES[owner].label)))
        crime = reading.values["crime"] = owner
    base_crime = crime if isinstance(crime, str) else DEFAULT_CRIME
    reading.context = replace(reading.context, crime=base_crime, indicator=indicator or default_indicator(base_crime))


def _year_follows_the_range(reading: _Reading) -> None:
    """A range needs both ends, in order; a year outside it moves to its end."""
    values = reading.values
    lo, hi = values.pop("year_from", None), values.pop("year_to", None)
    if lo is not None and hi is not None:
        lo, hi = sorted((lo, hi))
        values.update(year_from=lo, year_to=hi)
        if values.get("year") is None or not lo <= values["year"] <= hi:
            values["year"] = hi
    elif lo is not None or hi is not None:
        t = translator(reading.context.lang)
        reading.say("from" if lo is not None else "to", t('A year range needs both "from" and "to"; ignored.'))


def _language_of_the_notices(reading: _Reading) -> None:
    """The notices after `lang` are written in the language it names (the reader's where it names none)."""
    lang = reading.values.get("lang")
    if isinstance(lang, str):
        reading.context = replace(reading.context, lang=lang)


def _compared_with_another_year(reading: _Reading) -> None:
    """A year is not compared with itself: a `compare` equal to the view's year (given or default) is dropped."""
    ctx = reading.context
    year = reading.values.get("year") or default_state(ctx.domain, ctx.crime, ctx.indicator).year
    if reading.values.get("compare") == year:
        del reading.values["compare"]
        t = translator(ctx.lang)
        reading.say("compare", t('"compare" is the year shown ({year}); no comparison shown.', year=year))


#: Rules between parameters, each run once the named parameter (and all before it) has been read.
_RULES = {"lang": _language_of_the_notices, "indicator": _indicator_decides_crime, "to": _year_follows_the_range,
          "compare": _compared_with_another_year}


def parse_query(query: str | Mapping[str, list[str]] | None, domain: Domain,
                preferred: str = DEFAULT_LANG) -> Parsed:
    """Turn a query string (or parsed mapping) into a valid ViewState, collecting a notice per bad parameter.

    `preferred` is the reader's language (dashboard.i18n.locales.negotiate of Accept-Language): the view's
    language where the query names none, so a link without `lang` opens in the language of whoever opens it.
    """
    reading = _Reading(_params(query), Context(domain, lang=preferred))
    for row in VIEW_PARAMS.values():
        reading.take(row)
        if row.name in _RULES:
            _RULES[row.name](reading)
    t = translator(reading.context.lang)
    for key in reading.params:
        if key not in PAGE_NAMES:
            reading.say(key, t('Unknown parameter "{name}"; ignored.', name=show(key)))
    values = reading.values
    base = default_state(domain, str(values.pop("crime", DEFAULT_CRIME)), values.pop("indicator", None))
    return Parsed(replace(base, **{"lang": reading.context.lang, **values}), reading.issues)


# ---- writing --------------------------------------------------------------------------------------------------


def to_params(state: ViewState, domain: Domain) -> dict[str, str]:
    """The query parameters that differ from the defaults for the state's crime type, in a stable order."""
    base = default_state(domain, state.crime, state.indicator)
    ranged = state.year_from is not None and state.year_to is not None
    out: dict[str, str] = {}
    for row in VIEW_PARAMS.values():
        value = getattr(state, row.field)
        if row.default is not None and value != row.default(base) and value not in (None, ""):
            out[row.name] = row.write(value)
    if ranged and state.year == state.year_to:  # the year follows the range: the URL need not say it
        out.pop("year", None)
    elif ranged:  # a range without a year reads as its end, so a year inside it is said even at its default
        out["year"] = VIEW_PARAMS["year"].write(state.year)
    if not ranged:  # half a range is no range
        out.pop("from", None)
        out.pop("to", None)
    if state.compare == state.year:  # a year is never compared with itself (a range can end on the compared year)
        out.pop("compare", None)
    return {name: out[name] for name in VIEW_PARAMS if name in out}  # in the table's order


def to_query(state: ViewState, domain: Domain) -> str:
    """'?a=b&…' for the state, or '' for the default view."""
    params = to_params(state, domain)
    return "?" + urlencode(params, safe=",") if params else ""


def timeline_base(state: ViewState, domain: Domain) -> ViewState:
    """The view stepped to its default year (so with no range): every view a year step moves between has the
    same one. The year rules themselves are `dashboard.view.timeline`'s. A comparison's timeline keeps its
    compared year, so it steps from another year where the default is the compared one."""
    year = default_state(domain, state.crime, state.indicator).year
    if year == state.compare:
        year = next(y for y in (*years_of(state, domain), year + 1) if y != year)
    return step(state, year)


def timeline_key(state: ViewState, domain: Domain) -> str:
    """The view with its year left out, as a query: the key of its timeline.

    The browser holds the year frames of one key (callbacks/panels.py) and steps locally while its view has it.
    """
    return to_query(timeline_base(state, domain), domain)


# ---- the browser's store --------------------------------------------------------------------------------------


def store_data(state: ViewState, domain: Domain) -> dict:
    """The view as the browser's stores hold it: its fields (assets/timeline.js reads the year), its URL query
    and its timeline key. The query is what is read back (`state_from_store_data`)."""
    data = {k: list(v) if isinstance(v, tuple) else v for k, v in asdict(state).items()}
    return {**data, "query": to_query(state, domain), "key": timeline_key(state, domain)}


def state_from_store_data(data: object, domain: Domain) -> ViewState | None:
    """The view a browser's store holds, read again through the codec: the payload is untrusted. The app's own
    stores carry their query, which is what is read; a dict without one (a script posting a view's fields) is
    read field by field through the same table. None when the store holds no view at all."""
    if not isinstance(data, dict):
        return None
    query = data.get("query")
    return parse_query(query if isinstance(query, str) else from_json(data), domain).state


def domain_from_store(store) -> Domain:  # noqa: ANN001 - Store imported lazily to keep this module data-free
    """Known values, read off the loaded prepared data."""
    flows_origins = set(store.flows["origin"].astype(str).unique())
    return Domain(
        years_by_indicator={k: tuple(store.years_for(k)) for k in INDICATORS},
        route_years=tuple(store.route_years),
        countries=frozenset(store.known_iso3) | frozenset(PARTICIPATING),
        routes=tuple(store.route_names),
        nationalities=frozenset(store.routes["nationality"].unique()) | frozenset(flows_origins),
        events=frozenset(store.events["id"]),
    )
