"""The data API under 1,000 generated requests: good filters give the rows they ask for, a bad one a clear 400.

Each request names a resource (or a made-up one) and a format, and carries valid filters plus, most of the time,
exactly one certainly-bad one: an unknown parameter, a year that is not four digits, a code or id the prepared
data does not know, too many values. Then:

- no request gives a 5xx;
- a bad filter gives 400 with a message that names the parameter (in JSON for .json, in plain text for .csv);
- a request without a bad filter that answers 200 returns only rows inside its filters.

The resources come from the API's own table (dashboard.web.api.RESOURCES), and each resource's filters, with the
values they take, from the parameter table (dashboard.view.params), so a filter or resource added later is fuzzed
here without a new test.
"""

from __future__ import annotations

import csv
import io
import re
from urllib.parse import urlencode

from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from dashboard.catalog import indicators_for
from dashboard.view.params import SPAN, api_params
from dashboard.view.strict import MAX_LIST
from dashboard.web.api import RESOURCES
from tests.hardening.test_urls import INJECTIONS

_SEE = dict(max_examples=1000, deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                                       HealthCheck.function_scoped_fixture])
YEARS = [str(y) for y in range(2000, 2026)]
#: Accepted as a year by the API: four digits (a trailing newline is tolerated by its regex).
_FOUR_DIGITS = re.compile(r"\d{4}\n?")


def _allowed(domain) -> dict[str, dict[str, list[str]]]:  # noqa: ANN001
    """Resource -> filter -> the values it takes; the year span (year, from, to) is drawn on its own."""
    return {resource: {p.name: list(p.choices(domain)) for p in api_params(resource) if p.name not in SPAN}
            for resource in RESOURCES}


def _fold(value: str) -> str:
    return value.strip().upper()


@st.composite
def requests_(draw, domain) -> tuple[str, str, list[tuple[str, str]], str | None]:  # noqa: ANN001
    """(resource, format, query pairs, the one bad parameter or None)."""
    allowed = _allowed(domain)
    resource = draw(st.sampled_from([*allowed] * 6 + ["datapackage", "nothing", "../etc/passwd", "flows.csv"]))
    fmt = draw(st.sampled_from(["csv", "json"] * 4 + ["xml", "", "CSV"]))
    lists = allowed.get(resource, {})
    good: dict[str, str] = {}
    names = draw(st.lists(st.sampled_from(sorted(lists)), unique=True, max_size=3)) if lists else []
    for name in names:  # a list of values where a filter takes one (lang takes one language)
        most = 1 if name == "lang" else 3
        good[name] = ",".join(draw(st.lists(st.sampled_from(lists[name]), min_size=1, max_size=most, unique=True)))
    if "crime" in good and "indicator" in good:  # a consistent pair; a mismatch is its own (tested) 400
        good["indicator"] = draw(st.sampled_from([i.id for i in indicators_for(good["crime"].split(",")[0])]))
        good["crime"] = good["crime"].split(",")[0]
    span = draw(st.sampled_from(["none", "year", "range"]))
    if span == "year":
        good["year"] = draw(st.sampled_from(YEARS))
    elif span == "range":
        lo, hi = sorted(draw(st.lists(st.sampled_from(YEARS), min_size=2, max_size=2)))
        good["from"], good["to"] = lo, hi
    bad: tuple[str, str] | None = None
    kind = draw(st.sampled_from(["none", "unknown", "year", "code", "too-many"]))
    if kind == "unknown":
        name = draw(st.one_of(st.sampled_from(["Year", "countries", "limit", "format", "q", "__class__"]),
                              st.text(min_size=1, max_size=20)).filter(
            lambda n: n.strip() and n != "_" and n not in lists and n not in SPAN))
        bad = (name, draw(st.text(max_size=20)))
    elif kind == "year":
        name = draw(st.sampled_from(SPAN))
        value = draw(st.one_of(st.sampled_from(["twenty", "20190", "19", "-2019", "2019.0", "2O19", " 2019"]),
                               st.sampled_from(INJECTIONS), st.text(min_size=1, max_size=12)).filter(
            lambda v: not _FOUR_DIGITS.fullmatch(v)))
        for key in SPAN:
            good.pop(key, None)
        bad = (name, value)
    elif kind in ("code", "too-many") and lists:
        name = draw(st.sampled_from(sorted(lists)))
        good.pop(name, None)
        known = {_fold(v) for v in lists[name]}  # certainly bad: not known even case folded
        if kind == "code":
            value = draw(st.one_of(st.sampled_from(INJECTIONS), st.text(min_size=1, max_size=30)).filter(
                lambda v: any(i.strip() and _fold(i) not in known for i in v.split(","))))
        else:
            value = ",".join([lists[name][0]] * (MAX_LIST + 1))
        bad = (name, value)
    pairs = list(good.items())
    if bad:
        pairs.insert(draw(st.integers(0, len(pairs))), bad)
    return resource, fmt, pairs, bad[0] if bad and resource in allowed and fmt in ("csv", "json") else None


def _check_rows(fmt: str, body: str, filters: dict[str, str]) -> None:
    if fmt != "csv" or not body.strip():
        return
    rows = list(csv.DictReader(io.StringIO(body)))
    lo, hi = filters.get("year") or filters.get("from"), filters.get("year") or filters.get("to")
    for row in rows:
        year = int(row["year"]) if row.get("year") else int(row["month"][:4]) if row.get("month") else None
        if lo and year is not None:
            assert int(lo) <= year <= int(hi), (filters, row)
        for name, column in (("country", "iso3"), ("indicator", "indicator"), ("route", "route"),
                             ("nationality", "nationality"), ("origin", "origin"), ("destination", "destination")):
            if name in filters and column in row:
                assert row[column] in {v.strip().upper() if name in ("country", "destination") else v.strip()
                                       for v in filters[name].split(",")}, (filters, row)


def test_the_generator_meets_the_floor():
    assert _SEE["max_examples"] >= 1000


@settings(**_SEE)
@given(data=st.data())
def test_bad_filters_are_400s_that_name_the_parameter(app, domain, data):
    resource, fmt, pairs, bad = data.draw(requests_(domain))
    client = app.server.test_client()
    response = client.get(f"/api/{resource}.{fmt}?{urlencode(pairs)}")
    body = response.get_data(as_text=True)
    event(f"status {response.status_code}")
    assert response.status_code in (200, 400, 404), (resource, fmt, pairs, response.status_code, body[:300])
    if response.status_code != 200:
        message = response.get_json()["error"] if response.is_json else body
        assert message.strip() and "Traceback" not in message
        if not response.is_json:
            assert body.startswith("error: "), body[:200]
    if bad is not None:
        assert response.status_code == 400, (resource, fmt, pairs)
        message = response.get_json()["error"] if fmt == "json" else body
        known = bad in SPAN or bad in _allowed(domain)[resource]
        assert (bad in message) if known else ("unknown parameter" in message), (bad, message)
    elif response.status_code == 200 and resource in _allowed(domain):
        _check_rows(fmt, body, dict(pairs))


def test_a_bad_year_is_explained(client):
    response = client.get("/api/flows.json?year=twenty")
    assert response.status_code == 400
    assert response.get_json() == {"error": "'year' must be a four-digit year, not 'twenty'", "status": 400}
    response = client.get("/api/country-indicators.csv?country=GRC,XXX")
    assert response.status_code == 400
    assert response.get_data(as_text=True) == "error: unknown country value(s): XXX\n"
