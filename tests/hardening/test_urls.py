"""Hostile URLs: 1,000 generated query strings against the page routes and the URL -> view callback.

Each query mixes plausible parameters with one that is certainly bad (unknown name, wrong type, out-of-range
year, huge number, unknown code, unicode, injection text) or is raw junk. For every one:

- no page route answers a 5xx;
- the view the callback settles on is valid: it survives the URL codec unchanged and without a notice;
- a bad parameter always produces a notice about that parameter, and every notice reaches the page as an alert;
- no notice echoes markup.

The parameters, their good values and the pages come from the app's own tables (dashboard.view.params.PARAMS and
the app's route table), so a parameter or page added later is fuzzed here without a new test. The badness of
a value is decided here by membership in the values a row declares it takes (drawn from the prepared data),
not by the row's parser.
"""

from __future__ import annotations

from urllib.parse import urlencode

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dashboard.view.params import PARAMS, VIEW_PARAMS, whole_number
from dashboard.view.state import parse_query, to_query
from tests.hardening.payloads import assert_valid_view, texts
from tests.unit.dash_post import post

KNOWN = tuple(VIEW_PARAMS)
IGNORED = tuple(p.name for p in PARAMS if p.present)  # known to the codec, read by presenter mode
INJECTIONS = ["<script>alert(1)</script>", "\"><img src=x onerror=alert(1)>", "' OR 1=1 --", "../../etc/passwd",
              "${jndi:ldap://evil/a}", "{{7*7}}", "%00", "\u202egnp.exe", "javascript:alert(1)", "NaN", "Infinity",
              "1e9999", "0x7e3", "２０１９", "-0", "null", "[]", "{}", "\x00", "ÿ" * 300, "🙂" * 50]
_MAX_VALUE = 200  # parse_query reads at most this many characters of a value
_SEE = dict(max_examples=1000, deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                                       HealthCheck.function_scoped_fixture])

junk_text = st.one_of(st.sampled_from(INJECTIONS), st.text(max_size=60),
                      st.text(alphabet="0123456789-+.eE ", min_size=1, max_size=12),
                      st.integers(-10**30, 10**30).map(str), st.just("9" * 5000))


def _plain(text: str) -> str:
    """A value as loosely as any row could read it: stripped, case folded, a whole number as its digits."""
    text = text.strip()
    number = whole_number(text)
    return str(number) if number is not None else text.upper()


def _is_bad(key: str, value: str, domain) -> bool:  # noqa: ANN001
    """Certainly outside what the row takes (as parse_query reads it: the first 200 characters, stripped)."""
    text = value[:_MAX_VALUE].strip()
    if not text:
        return False  # an empty parameter is absent, not wrong
    if key not in KNOWN:
        return key not in IGNORED
    row = VIEW_PARAMS[key]
    allowed = {_plain(c) for c in row.choices(domain)}
    items = text.split(",") if row.many else [text]
    return any(_plain(i) not in allowed for i in items if i.strip())


def _good_value(row, domain) -> st.SearchStrategy[str]:  # noqa: ANN001
    choices = st.sampled_from(list(row.choices(domain)))
    return st.lists(choices, max_size=4).map(",".join) if row.many else choices


@st.composite
def hostile_queries(draw, domain) -> tuple[str, str | None]:  # noqa: ANN001
    """(query string, the name of the parameter that is certainly bad, or None)."""
    good_value = {name: _good_value(row, domain) for name, row in VIEW_PARAMS.items()}
    kind = draw(st.sampled_from(["known-key", "unknown-key", "repeat", "raw"]))
    if kind == "raw":  # unstructured junk, '&', '=', '%' and '#' included
        raw = draw(st.text(alphabet=st.sampled_from(list("&=%?#+;/abcyear0129XYZ<>\"' ü🙂")), max_size=300))
        return raw, None
    if kind == "unknown-key":
        key = draw(st.one_of(st.sampled_from(["foo", "Year", "YEAR", "crime ", "__proto__", "debug", "q[]"]),
                             st.text(min_size=1, max_size=30)).filter(lambda k: k not in KNOWN + IGNORED and k.strip()))
        bad = (key, draw(junk_text.filter(lambda v: v[:_MAX_VALUE].strip() != "")))
    else:
        key = draw(st.sampled_from(KNOWN))
        bad = (key, draw(junk_text))
    others = [k for k in KNOWN if k != bad[0]]
    good_keys = draw(st.lists(st.sampled_from(others), unique=True, max_size=6))
    pairs = [bad] + [(k, draw(good_value[k])) for k in good_keys]
    if kind == "repeat":  # good parameters again: the last of a repeated parameter wins
        pairs += [(k, draw(good_value[k])) for k in good_keys[:2]]
    return urlencode(pairs), bad[0] if _is_bad(*bad, domain) else None


@pytest.fixture(scope="module")
def pages(app) -> tuple[str, ...]:  # noqa: ANN001
    """Every page path of the app, from its route table."""
    return app.server.config["SEE_PAGES"]


@pytest.fixture(scope="module")
def sync(app):  # noqa: ANN001, ANN201
    """POST the URL -> view callback as the browser does on page load, return its outputs by 'id.property'."""
    client = app.server.test_client()
    return lambda search: post(client, app, "view-state.data", {"url-request.data": {"search": search, "n": 1}},
                                 ["url-request.data"])


def test_the_generator_meets_the_floor_and_mixes_kinds(domain, pages):
    assert _SEE["max_examples"] >= 1000
    assert _is_bad("year", "twenty", domain) and not _is_bad("year", "2019", domain)
    assert _is_bad("country", "GRC,QQQ", domain) and not _is_bad("country", "grc, tur", domain)
    assert not _is_bad("top", "   ", domain) and not _is_bad("top", "07", domain)
    assert set(KNOWN) >= {"crime", "indicator", "year", "from", "to", "country", "top"} and "deck" in IGNORED
    assert {"/", "/embed/map", "/present", "/country", "/country/SRB"} <= set(pages)


@settings(**_SEE)
@given(data=st.data())
def test_hostile_query_strings_fall_back_with_a_visible_notice(app, domain, sync, pages, data):
    query, bad = data.draw(hostile_queries(domain))
    client = app.server.test_client()
    for page in pages:
        status = client.get(f"{page}?{query}").status_code
        assert status < 500, (page, query, status)
    out = sync("?" + query)
    state = assert_valid_view(out["view-state.data"], domain)
    notices = texts(out["notices.children"])
    parsed = parse_query("?" + query, domain)
    if bad is not None:
        assert bad in {n.param for n in parsed.issues}, f"no notice about {bad!r} in {query!r}: {notices}"
    assert notices == parsed.shown
    for notice in notices:
        assert "<" not in notice and ">" not in notice, notice
    search = out.get("url.search")
    if search is not None:  # the address bar is rewritten to the clean view
        assert search == to_query(state, domain)


def test_every_page_says_what_was_wrong_with_every_parameter(app, domain, pages):
    """One URL with every view parameter bad, on every page: each page that reads the URL shows a notice about
    each parameter; a page that ignores them says the same as for none (the main view and About read only `lang`,
    and write the query, escaped, into their language menus' links; the main view's notices come from the sync)."""
    client = app.server.test_client()
    hostile = "?" + urlencode([(name, INJECTIONS[1]) for name in KNOWN] + [("colour", "red")])
    expected = parse_query(hostile, domain).issues
    assert {n.param for n in expected} == {*KNOWN, "colour"}

    def page(path: str, search: str) -> dict:
        out = post(client, app, "page-content.children", {"page-location.pathname": path,
                                                          "page-location.search": search}, ["page-location.pathname"])
        return out["page-content.children"]

    for path in pages:
        drawn = page(path, hostile)
        shown = texts(drawn)
        assert all("<img" not in t for t in shown), path
        if shown == texts(page(path, "")):
            continue
        missing = {n.param for n in expected if n.text not in shown}
        assert not missing, (path, missing)


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


#: Path segments for pages whose path ends in a parameter (/country/<iso3>): codes in every case, near misses,
#: injection text, encoded slashes and dots, unicode and junk.
path_segments = st.one_of(st.sampled_from(["SRB", "srb", "Grc", "XKX", "AUT", "SR", "SRBB", "...", "%2e%2e", "%2F",
                                           "%00", "con", "nul", "index.html", "SRB.csv", "🙂", "Σερβία", "ÿ" * 300]),
                          st.sampled_from(INJECTIONS), st.text(max_size=40),
                          st.text(alphabet=st.characters(codec="utf-8"), max_size=12))


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                                  HealthCheck.function_scoped_fixture])
@given(segment=path_segments, query=st.sampled_from(["", "?lang=el", "?lang=<b>", "?year=twenty&foo=bar"]))
def test_hostile_country_paths_are_a_page_or_a_404_never_an_error(app, segment, query):
    """/country/<anything>: a profile (one of the 11, any case) or the clear "no such country" page with 404; any
    other path under /country is "page not found" with 404; never a 5xx, never markup echoed."""
    from urllib.parse import quote

    from dashboard.catalog import PARTICIPATING
    from dashboard.i18n.messages import translator

    client = app.server.test_client()
    path = "/country/" + quote(segment, safe="")
    status = client.get(path + query).status_code
    core = segment.strip("/")  # an encoded slash is a slash: "SRB/" is /country/SRB, "" the index
    index, known = core == "", "/" not in core and core.upper() in PARTICIPATING
    assert status == (200 if known or index else 404), (path, status)
    shown = texts(post(client, app, "page-content.children", {"page-location.pathname": "/country/" + segment,
                                                              "page-location.search": query},
                       ["page-location.pathname"])["page-content.children"])
    if known:
        assert len(shown) > 50, segment  # the profile, in whichever language the query names
    else:
        t = translator("el" if "lang=el" in query else "en")
        expected = {t("Country profiles")} if index else {t("No such country"), t("Page not found")}
        assert expected & set(shown), segment
    assert not any("<b>" in t or "<script" in t for t in shown), segment
