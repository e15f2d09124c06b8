"""Every query parameter the app reads, as one table: how each is read, what it falls back to, how it is written.

One row per parameter (OWID Grapher's "one small parser per parameter"). A row's parser answers `Valid`,
`Invalid` (with the notice the page shows, which is about that parameter) or `MISSING`; its default and its
writer give the view back as a URL. `dashboard.view.state.parse_query` and `to_params` are loops over the view's
rows plus the rules between parameters. The data API reads its filters through the rows' strict parsers, where
invalid is a 400 naming the parameter instead of a fallback. Rows only the API reads (`origin`, the flows'
`measure`) and rows only presenter mode reads (`deck`, `slide`) are here too, so the hostile-input tests
draw every parameter of every surface from this one table.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from dashboard.catalog import CRIMES, FLOW_MEASURES, INDICATOR_ALIASES, INDICATORS
from dashboard.i18n.locales import DEFAULT_LANG, LANGUAGES, find
from dashboard.i18n.messages import translator
from dashboard.view.strict import (
    MEASURES,
    Invalid,
    Outcome,
    Valid,
    strict_lang,
    strict_list,
    strict_measure,
    strict_year,
)

# The outcome types are re-exported: every parser of the table returns them, and callers read them from here.
from dashboard.view.strict import MISSING as MISSING
from dashboard.view.strict import Missing as Missing

if TYPE_CHECKING:
    from dashboard.view.state import Domain, ViewState

SERIES_MODES = ("country", "route")
DEFAULT_CRIME = "irregular-migration"
DEFAULT_TOP = 10
TOP_RANGE = (3, 30)
MAX_COUNTRIES = 20
#: The parameters of a view's year span, read together by the year rules of the view and of the API.
SPAN = ("year", "from", "to")
_CODE = re.compile(r"^[A-Z]{3}$")
_SWITCHES = {"1": True, "0": False, "true": True, "false": False, "on": True, "off": False}


@dataclass(frozen=True)
class Context:
    """What a view parser may depend on: the data's known values and the crime type and indicator read so far."""

    domain: Domain
    crime: str = DEFAULT_CRIME
    indicator: str = ""
    #: The language the view is read in, and its notices are written in.
    lang: str = DEFAULT_LANG

    @property
    def years(self) -> tuple[int, ...]:
        return self.domain.years(self.crime, self.indicator)


@dataclass(frozen=True)
class Param:
    """One query parameter."""

    name: str
    #: The ViewState field it is read into and written from; None for a parameter outside the view.
    field: str | None = None
    #: The view's reading of its text (missing is decided before): valid or invalid, with the notice.
    parse: Callable[[str, Context], Valid | Invalid] | None = None
    #: The field's value when the URL leaves the parameter out, given the default view of the crime type.
    default: Callable[[ViewState], object] | None = None
    #: The text a URL carries for a value of the field.
    write: Callable[[object], str] = str
    #: A JSON value of the field (what a dashboard control sends, what the browser's store holds: anything) as
    #: the text the parser reads; None where it is unusable.
    json: Callable[[object], str | None] | None = None
    #: The API's reading (name, values as given, data): invalid is a 400. None where the API does not take it.
    strict: Callable[[str, list[str], Domain], Outcome] | None = None
    #: The API resources that take it.
    api: tuple[str, ...] = ()
    #: A comma-separated list: a view reads all its values joined, not only the last.
    many: bool = False
    #: The texts it takes, from the catalogue and the prepared data (the hostile-input tests draw from these).
    choices: Callable[[Domain], Sequence[str]] | None = None
    #: Read by presenter mode, not by the view: a page takes it without an "unknown parameter" notice.
    present: bool = False


# ---- small readers shared by the rows -------------------------------------------------------------------------


def show(value: str) -> str:
    """A parameter value, shortened and stripped of markup-ish characters, safe to echo in a notice."""
    clean = re.sub(r"[^\w .,:/+-]", "?", value)
    return clean[:40] + ("…" if len(clean) > 40 else "")


def whole_number(text: str) -> int | None:
    """The whole number a URL's text spells (at most six digits), or None."""
    return int(text) if re.fullmatch(r"-?\d{1,6}", text) else None


def _text(value: object) -> str | None:
    return value if isinstance(value, str) else None


def _number(value: object) -> str | None:
    """A number a slider or number input sent, as text; None for NaN, infinities and non-numbers."""
    if isinstance(value, int | float) and not isinstance(value, bool) and math.isfinite(value):
        return str(int(value))
    return None


def _texts(value: object) -> str | None:
    return ",".join(v for v in value if isinstance(v, str)) if isinstance(value, list) else None


def _switch(value: object) -> str | None:
    return "1" if value is True else None


def _events_json(value: object) -> str | None:
    """The events switch (on, off) or a list of event ids, as the text the parser reads."""
    if isinstance(value, bool):
        return "1" if value else "0"
    return _texts(value) or None


def _write_events(value: object) -> str:
    return ",".join(value) if isinstance(value, tuple) else ("1" if value else "0")


def _const(value: object) -> Callable[[ViewState], object]:
    return lambda _base: value


# ---- the view's parsers ---------------------------------------------------------------------------------------


def _lang(text: str, ctx: Context) -> Valid | Invalid:
    """A bad `lang` is told in the language the view falls back to: the reader's, or English."""
    code = find(text)
    if code:
        return Valid(code)
    t = translator(ctx.lang)
    return Invalid(t('Unknown language "{value}"; showing {language}.', value=show(text),
                     language=LANGUAGES[ctx.lang].own_name))


def _crime(text: str, ctx: Context) -> Valid | Invalid:
    if text in CRIMES:
        return Valid(text)
    t = translator(ctx.lang)
    return Invalid(t('Unknown crime type "{value}"; showing {crime}.', value=show(text),
                     crime=t(CRIMES[DEFAULT_CRIME].label)))


def _indicator(text: str, ctx: Context) -> Valid | Invalid:
    if text in INDICATORS:
        return Valid(text)
    t = translator(ctx.lang)
    if text in INDICATOR_ALIASES:
        new = INDICATOR_ALIASES[text]
        return Valid(new, renamed=t('Indicator "{old}" is now called "{new}"; showing it.', old=show(text), new=new))
    return Invalid(t('Unknown indicator "{value}"; showing the default indicator.', value=show(text)))


def _year(text: str, ctx: Context) -> Valid | Invalid:
    value, years = whole_number(text), ctx.years
    if value is None or not years or not years[0] <= value <= years[-1]:
        t = translator(ctx.lang)
        if not years:
            return Invalid(t('Year "{value}" is outside the data (none); ignored.', value=show(text)))
        return Invalid(t('Year "{value}" is outside the data ({first}–{last}); ignored.', value=show(text),
                         first=years[0], last=years[-1]))
    return Valid(value)


def _compare(text: str, ctx: Context) -> Valid | Invalid:
    """A year read as `year` is, its notice naming `compare`; that it is not `year` is state.py's rule."""
    outcome, years, t = _year(text, ctx), ctx.years, translator(ctx.lang)
    return outcome if isinstance(outcome, Valid) else Invalid(t(
        '"compare" must be a year of the data ({first}–{last}), not "{value}"; no comparison shown.',
        first=years[0] if years else "–", last=years[-1] if years else "–", value=show(text)))


def _countries(text: str, ctx: Context) -> Valid:
    t = translator(ctx.lang)
    codes: list[str] = []
    dropped: list[str] = []
    for raw in text.split(","):
        code = raw.strip().upper()
        if code and not (_CODE.match(code) and code in ctx.domain.countries):
            dropped.append(t('Unknown country code "{value}"; ignored.', value=show(raw)))
        elif code and code not in codes:
            codes.append(code)
    if len(codes) > MAX_COUNTRIES:
        dropped.append(t.n("At most {n} country at once; kept the first {n}.",
                           "At most {n} countries at once; kept the first {n}.", MAX_COUNTRIES))
    return Valid(tuple(codes[:MAX_COUNTRIES]), dropped=tuple(dropped))


def _route(text: str, ctx: Context) -> Valid | Invalid:
    if text in ctx.domain.routes:
        return Valid(text)
    t = translator(ctx.lang)
    return Invalid(t('Unknown route "{value}"; showing all routes.', value=show(text)))


def _nationality(text: str, ctx: Context) -> Valid | Invalid:
    for candidate in (text.upper(), text):
        if candidate in ctx.domain.nationalities:
            return Valid(candidate)
    t = translator(ctx.lang)
    return Invalid(t('Unknown nationality "{value}"; ignored.', value=show(text)))


def _measure(text: str, ctx: Context) -> Valid | Invalid:
    t = translator(ctx.lang)
    if text not in MEASURES:
        return Invalid(t('Unknown measure "{value}"; showing absolute numbers.', value=show(text)))
    indicator = INDICATORS[ctx.indicator]
    if text == "per100k" and not indicator.per_capita:
        return Invalid(t('"{indicator}" is not shown per 100,000; showing it as published.',
                         indicator=t(indicator.label)))
    return Valid(text)


def _incidents(text: str, ctx: Context) -> Valid | Invalid:
    if text in _SWITCHES:
        return Valid(_SWITCHES[text])
    t = translator(ctx.lang)
    return Invalid(t('The incidents layer takes 1 or 0, not "{value}"; left off.', value=show(text)))


def _events(text: str, ctx: Context) -> Valid | Invalid:
    """The events on the time axes: on (1, the view's own), off (0), or only those named by id (a deck's slide)."""
    if text in _SWITCHES:
        return Valid(_SWITCHES[text])
    t, known = translator(ctx.lang), ctx.domain.events
    items = list(dict.fromkeys(i.strip() for i in text.split(",") if i.strip()))
    dropped = tuple(t('Unknown event "{value}"; ignored.', value=show(i)) for i in items if i not in known)
    ids = tuple(i for i in items if i in known)
    return Valid(ids, dropped=dropped) if ids else Invalid(
        t('The events take 1 or 0 (or event ids), not "{value}"; showing the events.', value=show(text)))


def _series(text: str, ctx: Context) -> Valid | Invalid:
    if text in SERIES_MODES:
        return Valid(text)
    t = translator(ctx.lang)
    return Invalid(t('Unknown time-series mode "{value}"; using the default.', value=show(text)))


def _top(text: str, ctx: Context) -> Valid | Invalid:
    value = whole_number(text)
    if value is None or not TOP_RANGE[0] <= value <= TOP_RANGE[1]:
        t = translator(ctx.lang)
        return Invalid(t('"top" must be a whole number from {low} to {high}; using {default}.',
                         low=TOP_RANGE[0], high=TOP_RANGE[1], default=DEFAULT_TOP))
    return Valid(value)


def parse_slide(text: str, lang: str = DEFAULT_LANG) -> Valid | Invalid:
    """Presenter mode's slide number, counted from 1 as URLs count; the notice in the presenter's language."""
    if text.isdigit() and len(text) < 4:
        return Valid(int(text))
    t = translator(lang)
    return Invalid(t("'slide' must be a slide number; showing the first slide."))


# ---- the table ------------------------------------------------------------------------------------------------


def _years(domain: Domain) -> list[str]:
    return [str(y) for y in sorted({y for ys in domain.years_by_indicator.values() for y in ys}
                                   | set(domain.route_years))]


_INDICATORS = "country-indicators"
_ALL = (_INDICATORS, "route-detections", "flows")
#: A country profile's twin, /api/country/<ISO3>.csv|json: its only parameter is the language of its caption.
_PROFILE = "country-profile"


def _year_row(name: str, field: str, default: Callable[[ViewState], object]) -> Param:
    return Param(name, field, _year, default, json=_number, strict=strict_year, api=_ALL, choices=_years)


#: In the order a view is read and written: the language first (the notices are in it), then crime and
#: indicator (the years and the measure depend on them).
PARAMS: tuple[Param, ...] = (
    Param("lang", "lang", _lang, lambda base: base.lang, json=_text, strict=strict_lang, api=(*_ALL, _PROFILE),
          choices=lambda _d: list(LANGUAGES)),
    Param("crime", "crime", _crime, _const(DEFAULT_CRIME), json=_text, api=(_INDICATORS,),
          strict=strict_list(lambda _d: CRIMES), choices=lambda _d: list(CRIMES)),
    Param("indicator", "indicator", _indicator, lambda base: CRIMES[base.crime].default_indicator, json=_text,
          api=(_INDICATORS,), strict=strict_list(lambda _d: INDICATORS, aliases=INDICATOR_ALIASES),
          choices=lambda _d: list(INDICATORS)),
    _year_row("year", "year", lambda base: base.year),
    _year_row("from", "year_from", _const(None)),
    _year_row("to", "year_to", _const(None)),
    Param("compare", "compare", _compare, _const(None), json=_number, choices=_years),
    Param("country", "countries", _countries, _const(()), write=",".join, json=_texts, api=(_INDICATORS,),
          strict=strict_list(lambda d: d.countries, upper=True), many=True, choices=lambda d: sorted(d.countries)),
    Param("route", "route", _route, _const(None), json=_text, api=("route-detections",),
          strict=strict_list(lambda d: set(d.routes)), choices=lambda d: list(d.routes)),
    Param("nationality", "nationality", _nationality, _const(None), json=_text, api=("route-detections",),
          strict=strict_list(lambda d: d.nationalities), choices=lambda d: sorted(d.nationalities)),
    Param("measure", "measure", _measure, _const("absolute"), json=_text, api=(_INDICATORS,),
          strict=strict_measure, choices=lambda _d: list(MEASURES)),
    Param("incidents", "incidents", _incidents, _const(False), write=lambda on: "1" if on else "0", json=_switch,
          choices=lambda _d: list(_SWITCHES)),
    Param("events", "events", _events, _const(True), write=_write_events, json=_events_json,
          choices=lambda d: ["1", "0", *sorted(d.events)]),
    Param("series", "series", _series, lambda base: base.series, json=_text, choices=lambda _d: list(SERIES_MODES)),
    Param("top", "top", _top, _const(DEFAULT_TOP), json=_number,
          choices=lambda _d: [str(n) for n in range(TOP_RANGE[0], TOP_RANGE[1] + 1)]),
    # Only the data API: the flows' own measure, and the two ends of a flow.
    Param("measure", api=("flows",), strict=strict_list(lambda _d: FLOW_MEASURES),
          choices=lambda _d: list(FLOW_MEASURES)),
    Param("origin", api=("flows",), strict=strict_list(lambda d: d.nationalities),
          choices=lambda d: sorted(d.nationalities)),
    Param("destination", api=("flows",), strict=strict_list(lambda d: d.countries, upper=True),
          choices=lambda d: sorted(d.countries)),
    # Only presenter mode: which deck, and which of its slides (the view's own `year` steps it).
    Param("deck", present=True),
    Param("slide", parse=lambda text, ctx: parse_slide(text, ctx.lang), present=True),
)

#: The view's rows by parameter name: what a dashboard, embed or export URL carries.
VIEW_PARAMS: dict[str, Param] = {p.name: p for p in PARAMS if p.field is not None}
#: Every name a page takes: the view's and presenter mode's.
PAGE_NAMES: frozenset[str] = frozenset(p.name for p in PARAMS if p.field is not None or p.present)


def from_json(values: dict[str, object]) -> dict[str, list[str]]:
    """JSON values keyed by ViewState field (the controls' values, a store's fields) as the query parameters the
    view reads, so the codec validates them exactly as it validates a URL."""
    params: dict[str, list[str]] = {}
    for row in VIEW_PARAMS.values():
        text = row.json(values[row.field]) if row.json is not None and row.field in values else None
        if text is not None:
            params[row.name] = [text]
    return params


def api_params(resource: str) -> list[Param]:
    """The rows an API resource takes, in reading order."""
    return [p for p in PARAMS if resource in p.api]
