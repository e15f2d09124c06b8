"""The indicator table as a JSON-stat 2.0 dataset, the format Eurostat's API answers in, so the tools that read
Eurostat (pyjstat, JSON-stat's own Javascript toolkit, R's rjstat) read ours without a converter.

Written here rather than through a library: pyjstat's writer (the maintained one) knows no `status`, and the
observation status is the point of the exercise. The tests read every answer back with pyjstat.

Dimensions: indicator × geo × time, in that order (JSON-stat's row-major order: time varies fastest). `value` is
the sparse (object) form: a combination the publishers never published has no entry, which JSON-stat readers
take as missing, not as 0; a published null (a suppressed count) is an entry whose value is null, with status c.
"""

from __future__ import annotations

import math

import pandas as pd

from dashboard.catalog import INDICATORS, flag_tokens
from dashboard.i18n.messages import translator
from dashboard.i18n.names import country_name

#: Our flag tokens that have an SDMX/Eurostat observation-status code (SDMX CL_OBS_STATUS), and no others:
#: p provisional, b break in series, c confidential (withheld or masked counts), d definition differs. Never e
#: (estimated): nothing here is estimated. Our own words travel beside them in the `extension`.
SDMX_STATUS: dict[str, str] = {
    "provisional": "p",
    "break": "b",
    "suppressed": "c",
    "masked": "c",
    "includes_masked": "c",
}
#: Composite indicators that put national figures of different definitions on one map: their values are d.
DEFINITION_DIFFERS: frozenset[str] = frozenset(i for i, spec in INDICATORS.items() if spec.composed_of)


def observation_status(flag: object, indicator: str) -> str:
    """The SDMX status letters of one row ('' for none), each once, in a fixed order: 'cp', 'bd'."""
    codes = {SDMX_STATUS[token] for token in flag_tokens(flag) if token in SDMX_STATUS}
    if indicator in DEFINITION_DIFFERS:
        codes.add("d")
    return "".join(sorted(codes))


def _category(ids: list, labels: dict) -> dict:
    return {"index": [str(i) for i in ids], "label": {str(i): labels[i] for i in ids}}


def _number(value: object) -> float | int | None:
    if value is None or (isinstance(value, float) and math.isnan(value)) or pd.isna(value):
        return None
    number = float(value)
    return int(number) if number.is_integer() else number


def to_jsonstat(frame: pd.DataFrame, *, label: str, sources: list[str], notes: list[str], updated: str,
                release: str, lang: str) -> dict:
    """The rows of /api/country-indicators as one JSON-stat 2.0 dataset (labels in `lang`)."""
    indicators = sorted(frame["indicator"].unique()) if len(frame) else []
    geos = sorted(frame["iso3"].unique()) if len(frame) else []
    years = sorted(int(y) for y in frame["year"].unique()) if len(frame) else []
    t = translator(lang)
    pos_i = {v: n for n, v in enumerate(indicators)}
    pos_g = {v: n for n, v in enumerate(geos)}
    pos_t = {v: n for n, v in enumerate(years)}
    values: dict[str, float | int | None] = {}
    status: dict[str, str] = {}
    flags: dict[str, str] = {}
    for row in frame.itertuples(index=False):
        key = str((pos_i[row.indicator] * len(geos) + pos_g[row.iso3]) * len(years) + pos_t[int(row.year)])
        values[key] = _number(row.value)
        if code := observation_status(row.flag, row.indicator):
            status[key] = code
        if isinstance(row.flag, str) and row.flag:
            flags[key] = row.flag
    dataset = {
        "version": "2.0",
        "class": "dataset",
        "label": label,
        "source": "; ".join(sources),
        "updated": updated,
        "id": ["indicator", "geo", "time"],
        "size": [len(indicators), len(geos), len(years)],
        "role": {"geo": ["geo"], "time": ["time"], "metric": ["indicator"]},
        "dimension": {
            "indicator": {"label": "indicator", "category": _category(
                indicators, {i: t(INDICATORS[i].label) if i in INDICATORS else i for i in indicators})},
            "geo": {"label": "country", "category": _category(geos, {g: country_name(g, lang, g) for g in geos})},
            "time": {"label": "year", "category": _category(years, {y: str(y) for y in years})},
        },
        "value": values,
        "note": notes,
        "extension": {"release": release, "flags": flags},
    }
    if status:
        dataset["status"] = status
    return dataset
