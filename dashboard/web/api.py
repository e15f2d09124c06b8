"""The data API: every table the dashboard draws, as CSV and JSON, filtered by the same ids as the URL.

    GET /api/country-indicators.{csv,json}?indicator=&crime=&country=&year=&from=&to=&measure=
    GET /api/route-detections.{csv,json}?route=&nationality=&year=&from=&to=
    GET /api/flows.{csv,json}?measure=&origin=&destination=&year=&from=&to=
    GET /api/country-indicators.jsonstat?…   the same rows as a JSON-stat 2.0 dataset
    GET /api/datapackage.json
    GET /api/openapi.json                     this API as OpenAPI 3.1; /api/ shows it as a page
    GET /api/country/<ISO3>.{csv,json}?lang=   a country profile's rows (dashboard.profile.rows), as on its page

Each filter is a row of the parameter table (dashboard.view.params), read in its strict mode: a bad filter is a 400
with a message saying which parameter and why; never a 500 or a traceback.
"""

from __future__ import annotations

import io
from collections.abc import Callable

import orjson
import pandas as pd
from flask import Blueprint, Response, request

from dashboard.catalog import DERIVED_FLAGS, FLAGS, INDICATORS, PARTICIPATING, indicators_for
from dashboard.i18n.locales import DEFAULT_LANG
from dashboard.i18n.messages import translator
from dashboard.panels.provenance import row_caveats, source_parts
from dashboard.profile.flows import flows_frame, route_rows
from dashboard.profile.places import NEIGHBOURS_BASIS, ROUTES_BASIS, known_country, neighbours
from dashboard.profile.rows import NO_CHANGE, profile_rows
from dashboard.store import Store
from dashboard.view.params import MISSING, SPAN, Invalid, Valid, api_params, show
from dashboard.view.state import Domain
from dashboard.web.jsonstat import to_jsonstat
from dashboard.web.openapi import FORMATS, openapi_page, openapi_spec


class BadFilter(ValueError):
    """A query parameter the API cannot use; the message goes to the client as is."""


def _filters(resource: str, domain: Domain) -> dict[str, object]:
    """The resource's filters, read through the parameter table in strict mode: where a page would fall back
    to a default with a notice, the API answers 400 with the reason. Absent filters are left out."""
    rows = api_params(resource)
    allowed = {p.name for p in rows}
    unknown = sorted(set(request.args) - allowed - {"_"})
    if unknown:
        raise BadFilter(f"unknown parameter(s): {', '.join(u[:40] for u in unknown[:5])}; "
                        f"this endpoint takes {', '.join(sorted(allowed))}")
    out: dict[str, object] = {}
    for row in rows:
        outcome = row.strict(row.name, request.args.getlist(row.name), domain) if row.strict else MISSING
        if isinstance(outcome, Invalid):
            raise BadFilter(outcome.reason)
        if isinstance(outcome, Valid):
            out[row.name] = outcome.value
    return out


def _span(filters: dict[str, object]) -> tuple[int | None, int | None]:
    """One year, or a range (either end may be open); not both."""
    year, lo, hi = (filters.get(name) for name in SPAN)
    if year is not None and (lo is not None or hi is not None):
        raise BadFilter("give either 'year' or 'from'/'to', not both")
    if year is not None:
        return year, year
    if lo is not None and hi is not None and lo > hi:
        raise BadFilter("'from' is after 'to'")
    return lo, hi


def country_indicators(store: Store, domain: Domain) -> pd.DataFrame:
    filters = _filters("country-indicators", domain)
    indicators, crimes = filters.get("indicator"), filters.get("crime")
    if crimes:
        in_crime = {i.id for c in crimes for i in indicators_for(c)}
        indicators = [i for i in (indicators or in_crime) if i in in_crime]
        if not indicators:
            raise BadFilter("no indicator matches both 'indicator' and 'crime'")
    lo, hi = _span(filters)
    measure = filters.get("measure", "absolute")
    if measure == "per100k" and indicators and not any(INDICATORS[i].per_capita for i in indicators):
        raise BadFilter(f"'measure=per100k' does not apply to {', '.join(indicators)}; use measure=absolute")
    rows = store.indicator_rows(indicators, filters.get("country"), lo, hi)
    if measure == "per100k":
        rows = rows[rows["indicator"].isin([i.id for i in INDICATORS.values() if i.per_capita])]
        # an empty selection comes back without the helper column
        rows = store.with_measure(rows, measure).drop(columns="population", errors="ignore")
    return rows


def route_detections(store: Store, domain: Domain) -> pd.DataFrame:
    filters = _filters("route-detections", domain)
    return store.route_rows(filters.get("route"), filters.get("nationality"), *_span(filters))


def flows(store: Store, domain: Domain) -> pd.DataFrame:
    filters = _filters("flows", domain)
    return store.flow_rows(filters.get("measure"), filters.get("origin"), filters.get("destination"),
                           *_span(filters))


RESOURCES: dict[str, Callable[[Store, Domain], pd.DataFrame]] = {
    "country-indicators": country_indicators,
    "route-detections": route_detections,
    "flows": flows,
}


def _csv(frame: pd.DataFrame) -> Response:
    buf = io.StringIO()
    frame.to_csv(buf, index=False, lineterminator="\n")
    return Response(buf.getvalue(), mimetype="text/csv", headers={"Content-Disposition": "inline"})


def _language(name: str, domain: Domain) -> str:
    """The request's `lang`, as the parameter table reads it for the API (already checked by `_filters`)."""
    row = next(p for p in api_params(name) if p.name == "lang")
    outcome = row.strict(row.name, request.args.getlist(row.name), domain)
    return outcome.value if isinstance(outcome, Valid) else DEFAULT_LANG


def caption(frame: pd.DataFrame, lang: str) -> dict:
    """What the rows are, in `lang`: each indicator's label, unit and caveat, and the meaning of each flag the rows
    carry. The rows themselves, their column names and the sources' names are the same in every language."""
    t = translator(lang)
    ids = sorted(set(frame["indicator"])) if "indicator" in frame.columns else []
    flags = sorted({token for cell in frame["flag"].fillna("") for token in str(cell).split()}) \
        if "flag" in frame.columns else []
    meanings = {**FLAGS, **DERIVED_FLAGS}
    return {"lang": lang,
            "indicators": {i: {"label": t(INDICATORS[i].label), "unit": t(INDICATORS[i].unit),
                               "caveat": t(INDICATORS[i].caveat) if INDICATORS[i].caveat else ""}
                           for i in ids if i in INDICATORS},
            "flags": {f: t(meanings[f]) for f in flags if f in meanings}}


def _records(frame: pd.DataFrame) -> list[dict]:
    return frame.astype(object).where(frame.notna(), None).to_dict(orient="records")


def _json(store: Store, name: str, frame: pd.DataFrame, lang: str = DEFAULT_LANG, extra: dict | None = None,
          more_sources: tuple[str, ...] = ()) -> Response:
    records = _records(frame)
    sources = set(source_parts(frame["source"].unique())) if "source" in frame.columns else set()
    body = {
        "resource": name,
        "filters": {k: request.args.getlist(k) for k in request.args},
        "count": len(records),
        "columns": list(frame.columns),
        "rows": records,
        "sources": [store.sources.get(s, {"id": s}) for s in sorted(sources | set(more_sources))],
        "caption": caption(frame, lang),
        **(extra or {}),
        "data_version": store.data_version,
    }
    return Response(orjson.dumps(body, option=orjson.OPT_SERIALIZE_NUMPY), mimetype="application/json")


def _jsonstat(store: Store, frame: pd.DataFrame, lang: str) -> Response:
    """The indicator rows as JSON-stat, labelled with their sources, caveats and release."""
    cap = caption(frame, lang)
    names = [str(store.sources.get(s, {}).get("title") or s) for s in source_parts(frame["source"].unique())]
    notes = [i["caveat"] for i in cap["indicators"].values() if i["caveat"]]
    body = to_jsonstat(frame, label=translator(lang)("Published figures per country, indicator and year"),
                       sources=names, notes=notes, updated=store.data_date,
                       release=store.data_version, lang=lang)
    return Response(orjson.dumps(body), mimetype="application/json")


def _profile_json(store: Store, iso3: str, rows: pd.DataFrame, lang: str) -> Response:
    """A profile's JSON: its rows as on the page (and in the CSV), with what stands beside them there: each
    indicator's caveat and flags (caption), the notes of its rows and of its sources for the country, the reasons a
    year has no change, the neighbours it is compared with, and the flows in and out with the Frontex routes."""
    t = translator(lang)
    flows, routes = flows_frame(store, iso3), route_rows(store, iso3)
    extra = {"country": iso3,
             "notes": row_caveats(store, rows, lang),
             "no_change": {k: t(v) for k, v in NO_CHANGE.items()},
             "neighbours": {"countries": list(neighbours(iso3)), "basis": t(NEIGHBOURS_BASIS)},
             "flows": _records(flows),
             "routes": {"basis": t(ROUTES_BASIS), "rows": _records(routes)}}
    more = tuple(flows["source"].astype(str).unique()) + (("frontex",) if len(routes) else ())
    return _json(store, "country-profile", rows, lang, extra, more)


def _error(message: str, fmt: str, status: int = 400) -> Response:
    if fmt == "json":
        return Response(orjson.dumps({"error": message, "status": status}), status=status,
                        mimetype="application/json")
    return Response(f"error: {message}\n", status=status, mimetype="text/plain")


def blueprint(store: Store, domain: Domain, base_path: str = "/") -> Blueprint:
    bp = Blueprint("api", __name__)
    spec = openapi_spec(domain, base_path, store.data_version)
    page = openapi_page(spec, f"{base_path.rstrip('/')}/assets/00_vendor/bootstrap/bootstrap.min.css")

    @bp.get("/")
    def description() -> Response:
        return Response(page, mimetype="text/html")

    @bp.get("/<name>.<fmt>")
    def table(name: str, fmt: str) -> Response:
        if name in ("datapackage", "openapi") and fmt == "json":
            return Response(orjson.dumps(store.datapackage if name == "datapackage" else spec),
                            mimetype="application/json")
        if name not in RESOURCES:
            return _error(f"no such resource; try one of {', '.join(RESOURCES)}", "csv" if fmt == "csv" else "json",
                          404)
        if fmt not in FORMATS[name]:
            return _error(f"the format of {name} is one of {', '.join('.' + f for f in FORMATS[name])}", "json", 404)
        try:
            frame = RESOURCES[name](store, domain)
        except BadFilter as exc:
            return _error(str(exc), "csv" if fmt == "csv" else "json")
        if fmt == "jsonstat":
            return _jsonstat(store, frame, _language(name, domain))
        return _csv(frame) if fmt == "csv" else _json(store, name, frame, _language(name, domain))

    @bp.get("/country/<code>.<fmt>")
    def country(code: str, fmt: str) -> Response:
        if fmt not in ("csv", "json"):
            return _error("format must be .csv or .json", "json", 404)
        iso3 = known_country(code)
        if iso3 is None:
            return _error(f"no country profile for {show(code)!r}; there is one for each of "
                          f"{', '.join(PARTICIPATING)}", fmt, 404)
        try:
            _filters("country-profile", domain)
        except BadFilter as exc:
            return _error(str(exc), fmt)
        rows = profile_rows(store, iso3)
        return _csv(rows) if fmt == "csv" else _profile_json(store, iso3, rows, _language("country-profile", domain))

    return bp
