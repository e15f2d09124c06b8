"""Raw callback requests: 1,200 generated bodies posted to Dash's /_dash-update-component.

Every server callback of the app is a target. A body is either well-formed with hostile values (junk JSON,
view states with wrong types, click events of the wrong shape, huge lists, deep nesting), or malformed (wrong ids,
wrong types, missing fields, the inputs list itself huge, not JSON at all). For every one:

- the status is below 500;
- the body carries no traceback and no server path;
- a 200 from the URL -> view callback stores a view the codec accepts unchanged, so whatever was posted was
  validated against the prepared data's known values.

Query strings (a held view's query, a URL request's search) are built from every parameter name in the
parameter table (dashboard.view.params), so a parameter added later reaches the callbacks here without a new test.
"""

from __future__ import annotations

import json
import re
from urllib.parse import urlencode

from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from dashboard.view.params import PARAMS
from dashboard.view.state import ViewState
from tests.hardening.payloads import assert_valid_view, server_callbacks
from tests.hardening.test_urls import INJECTIONS
from tests.unit.dash_post import ENDPOINT, payload

_SEE = dict(max_examples=1200, deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                                       HealthCheck.function_scoped_fixture,
                                                                       HealthCheck.data_too_large])
#: What must never reach a client: a traceback, a server path, a source file name.
LEAKS = re.compile(r"Traceback|File \"|/work/|/home/|site-packages|\.venv")
LEAKS_IN_ERRORS = re.compile(r"\.py\b|\bline \d+|Error:|Exception")
FIELDS = list(ViewState.__dataclass_fields__)

scalars = st.one_of(st.none(), st.booleans(), st.integers(-2**70, 2**70), st.floats(allow_nan=True),
                    st.text(max_size=40), st.sampled_from(["GRC", "TUR", "2019", "per100k", "route:Other", "<b>"]))
junk = st.recursive(scalars, lambda inner: st.one_of(st.lists(inner, max_size=5),
                                                      st.dictionaries(st.text(max_size=8), inner, max_size=5)),
                    max_leaves=20)
huge = st.builds(lambda item, n: [item] * n, scalars, st.integers(1_000, 40_000))


class Deep(str):
    """Stands for a list nested ``depth`` levels deep, written out only when the body is serialised (json.dumps
    of the real thing would hit Python's own recursion limit in the test)."""

    depth: int


def _deep(depth: int) -> Deep:
    marker = Deep(f"__deep_{depth}__")
    marker.depth = depth
    return marker


def _serialise(body: object) -> bytes:
    text = json.dumps(body)
    for depth in set(re.findall(r'"__deep_(\d+)__"', text)):
        n = int(depth)
        text = text.replace(f'"__deep_{n}__"', "[" * n + '"x"' + "]" * n)
    return text.encode()


deep = st.integers(20, 3_000).map(_deep)
#: Every parameter name any URL of the app takes, plus one it does not.
NAMES = sorted({p.name for p in PARAMS} | {"colour"})
query_like = st.lists(st.tuples(st.sampled_from(NAMES), st.one_of(st.sampled_from(INJECTIONS), st.text(max_size=20),
                                                                  st.integers(-10**8, 10**8).map(str))),
                      max_size=6).map(lambda pairs: "?" + urlencode(pairs))
view_like = st.fixed_dictionaries({}, optional={**{f: st.one_of(junk, huge) for f in FIELDS},
                                                "query": st.one_of(query_like, junk)}).flatmap(
    lambda d: st.dictionaries(st.text(max_size=10), junk, max_size=3).map(lambda extra: {**extra, **d}))
event_like = st.fixed_dictionaries({}, optional={
    "points": st.lists(st.fixed_dictionaries({}, optional={k: junk for k in ("location", "customdata", "x", "y",
                                                                              "pointNumber", "label")}), max_size=3),
    "range": st.fixed_dictionaries({}, optional={"x": junk, "y": junk}),
})
url_request_like = st.fixed_dictionaries({"search": st.one_of(query_like, junk), "n": junk})
values = st.one_of(junk, view_like, event_like, huge, deep, query_like, url_request_like)


@st.composite
def bodies(draw, keys: list[str], app) -> object:  # noqa: ANN001
    key = draw(st.sampled_from(keys))
    entry = app.callback_map[key]
    names = [f"{d['id']}.{d['property']}" for d in [*entry["inputs"], *entry.get("state", [])]]
    given_values = draw(st.dictionaries(st.sampled_from(names), values, max_size=len(names)))
    trigger = draw(st.sampled_from([*names, "nope.value"]))
    body = payload(app, key.strip(".").split("...")[0], given_values, [trigger])  # named by its first output
    kind = draw(st.sampled_from(["values", "values", "values", "wrong-id", "wrong-type", "missing", "huge-list",
                                 "raw"]))
    if kind == "wrong-id":
        field = draw(st.sampled_from(["inputs", "outputs", "output"]))
        if field == "output":
            body["output"] = draw(st.one_of(st.text(max_size=30), st.sampled_from(keys).map(lambda k: k + "x")))
        elif isinstance(body[field], list) and body[field]:
            body[field][draw(st.integers(0, len(body[field]) - 1))]["id"] = draw(junk)
        else:
            body[field] = {"id": draw(junk), "property": "x"}
    elif kind == "wrong-type":
        field = draw(st.sampled_from(["inputs", "outputs", "state", "changedPropIds", "output"]))
        body[field] = draw(st.one_of(scalars, st.lists(scalars, max_size=4), st.dictionaries(st.text(max_size=5),
                                                                                              scalars, max_size=3)))
    elif kind == "missing":
        for field in draw(st.lists(st.sampled_from(list(body)), min_size=1, unique=True)):
            body.pop(field)
    elif kind == "huge-list":  # the inputs list itself, thousands of entries long (without their values)
        entries = [{"id": i["id"], "property": i["property"]} for i in body["inputs"]]
        body["inputs"] = entries * draw(st.integers(100, 5_000))
    elif kind == "raw":
        return draw(st.one_of(scalars, st.lists(junk, max_size=3), st.binary(max_size=200), deep))
    return body


def test_the_generator_meets_the_floor():
    assert _SEE["max_examples"] >= 1000


@settings(**_SEE)
@given(data=st.data())
def test_no_callback_request_gives_a_5xx_or_leaks_internals(app, domain, data):
    keys = sorted(server_callbacks(app.callback_map))
    body = data.draw(bodies(keys, app))
    client = app.server.test_client()
    raw = body if isinstance(body, bytes) else _serialise(body)
    response = client.post(ENDPOINT, data=raw, content_type="application/json")
    text = response.get_data(as_text=True)
    event(f"status {response.status_code}")  # --hypothesis-show-statistics: how many reached a callback
    assert response.status_code < 500, (response.status_code, text[:300])
    assert not LEAKS.search(text), text[:300]
    if response.status_code != 200:
        assert not LEAKS_IN_ERRORS.search(text), text[:300]
    if response.status_code == 200:
        stored = response.get_json()["response"].get("view-state", {})
        if "data" in stored:
            assert_valid_view(stored["data"], domain)
    elif response.status_code != 204:  # 204: the callback chose not to update
        assert response.get_json()["error"], text[:300]
