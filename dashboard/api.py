"""The data API: every table the dashboard draws, as CSV and JSON, filtered by the same ids as the URL.

    GET /api/country-indicators.{csv,json}?indicator=&crime=&country=&year=&from=&to=&measure=
    GET /api/route-detections.{csv,json}?route=&nationality=&year=&from=&to=
    GET /api/flows.{csv,json}?measure=&origin=&destination=&year=&from=&to=
    GET /api/datapackage.json

A bad filter is a 400 with a message saying which parameter and why; never a 500 or a traceback.
"""

from __future__ import annotations

import io
import re
from collections.abc import Callable

import orjson
import pandas as pd
from flask import Blueprint, Response, request

from dashboard.catalog import CRIME_TYPES, FLOW_MEASURES, INDICATORS, indicators_for
from dashboard.state import Domain
from dashboard.store import Store

MAX_LIST = 300
_YEAR = re.compile(r"^\d{4}$")


class BadFilter(ValueError):
    """A query parameter the API cannot use; the message goes to the client as is."""


def _list(name: str, allowed: set[str] | frozenset[str] | None = None, upper: bool = False) -> list[str] | None:
    raw = ",".join(request.args.getlist(name))
    if not raw:
        return None
    items = [i.strip().upper() if upper else i.strip() for i in raw.split(",") if i.strip()]
    if len(items) > MAX_LIST:
        raise BadFilter(f"'{name}' takes at most {MAX_LIST} values")
    if allowed is not None:
        bad = [i for i in items if i not in allowed]
        if bad:
            raise BadFilter(f"unknown {name} value(s): {', '.join(b[:40] for b in bad[:5])}")
    return items


def _years() -> tuple[int | None, int | None]:
    def one(name: str) -> int | None:
        text = request.args.get(name)
        if text is None or text == "":
            return None
        if not _YEAR.match(text):
            raise BadFilter(f"'{name}' must be a four-digit year, not {text[:20]!r}")
        return int(text)

    year, lo, hi = one("year"), one("from"), one("to")
    if year is not None and (lo is not None or hi is not None):
        raise BadFilter("give either 'year' or 'from'/'to', not both")
    if year is not None:
        return year, year
    if lo is not None and hi is not None and lo > hi:
        raise BadFilter("'from' is after 'to'")
    return lo, hi


def _check_params(allowed: set[str]) -> None:
    unknown = sorted(set(request.args) - allowed - {"_"})
    if unknown:
        raise BadFilter(f"unknown parameter(s): {', '.join(u[:40] for u in unknown[:5])}; "
                        f"this endpoint takes {', '.join(sorted(allowed))}")


def country_indicators(store: Store, domain: Domain) -> pd.DataFrame:
    _check_params({"indicator", "crime", "country", "year", "from", "to", "measure"})
    indicators = _list("indicator", set(INDICATORS))
    crimes = _list("crime", set(CRIME_TYPES))
    if crimes:
        in_crime = {i.id for c in crimes for i in indicators_for(c)}
        indicators = [i for i in (indicators or in_crime) if i in in_crime]
        if not indicators:
            raise BadFilter("no indicator matches both 'indicator' and 'crime'")
    countries = _list("country", domain.countries, upper=True)
    lo, hi = _years()
    measure = request.args.get("measure", "absolute") or "absolute"
    if measure not in ("absolute", "per100k"):
        raise BadFilter("'measure' is 'absolute' or 'per100k'")
    if measure == "per100k" and indicators and not any(INDICATORS[i].per_capita for i in indicators):
        raise BadFilter(f"'measure=per100k' does not apply to {', '.join(indicators)}; use measure=absolute")
    rows = store.indicator_rows(indicators, countries, lo, hi)
    if measure == "per100k":
        rows = rows[rows["indicator"].isin([i.id for i in INDICATORS.values() if i.per_capita])]
        # an empty selection comes back without the helper column
        rows = store.with_measure(rows, measure).drop(columns="population", errors="ignore")
    return rows


def route_detections(store: Store, domain: Domain) -> pd.DataFrame:
    _check_params({"route", "nationality", "year", "from", "to"})
    lo, hi = _years()
    return store.route_rows(_list("route", set(domain.routes)), _list("nationality", domain.nationalities), lo, hi)


def flows(store: Store, domain: Domain) -> pd.DataFrame:
    _check_params({"measure", "origin", "destination", "year", "from", "to"})
    lo, hi = _years()
    return store.flow_rows(_list("measure", set(FLOW_MEASURES)), _list("origin", domain.nationalities),
                           _list("destination", domain.countries, upper=True), lo, hi)


RESOURCES: dict[str, Callable[[Store, Domain], pd.DataFrame]] = {
    "country-indicators": country_indicators,
    "route-detections": route_detections,
    "flows": flows,
}


def _csv(frame: pd.DataFrame) -> Response:
    buf = io.StringIO()
    frame.to_csv(buf, index=False, lineterminator="\n")
    return Response(buf.getvalue(), mimetype="text/csv", headers={"Content-Disposition": "inline"})


def _json(store: Store, name: str, frame: pd.DataFrame) -> Response:
    records = frame.astype(object).where(frame.notna(), None).to_dict(orient="records")
    source_col = "source" if "source" in frame.columns else None
    sources = sorted({p for s in frame[source_col].unique() for p in str(s).split("+")}) if source_col else []
    body = {
        "resource": name,
        "filters": {k: request.args.getlist(k) for k in request.args},
        "count": len(records),
        "columns": list(frame.columns),
        "rows": records,
        "sources": [store.sources.get(s, {"id": s}) for s in sources],
        "data_version": store.data_version,
    }
    return Response(orjson.dumps(body, option=orjson.OPT_SERIALIZE_NUMPY), mimetype="application/json")


def _error(message: str, fmt: str, status: int = 400) -> Response:
    if fmt == "json":
        return Response(orjson.dumps({"error": message, "status": status}), status=status,
                        mimetype="application/json")
    return Response(f"error: {message}\n", status=status, mimetype="text/plain")


def blueprint(store: Store, domain: Domain) -> Blueprint:
    bp = Blueprint("api", __name__)

    @bp.get("/<name>.<fmt>")
    def table(name: str, fmt: str) -> Response:
        if fmt not in ("csv", "json"):
            return _error("format must be .csv or .json", "json", 404)
        if name == "datapackage" and fmt == "json":
            return Response(orjson.dumps(store.datapackage), mimetype="application/json")
        if name not in RESOURCES:
            return _error(f"no such resource; try one of {', '.join(RESOURCES)}", fmt, 404)
        try:
            frame = RESOURCES[name](store, domain)
        except BadFilter as exc:
            return _error(str(exc), fmt)
        return _csv(frame) if fmt == "csv" else _json(store, name, frame)

    return bp
