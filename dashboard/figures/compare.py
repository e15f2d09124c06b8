"""Two years side by side: the map of the compared year (`compare`) beside the map of the view's year, on one
colour scale, and a third map of the change between them.

The two years' maps are the one-year map's (dashboard.figures.choropleth): its classes, whose breaks come from
every year of the indicator, so one scale serves both years, and one coloraxis, so a colour means the same
values on the left and on the right. The change is computed here from each country's two published values and
from nothing else: where either year has none (no data, suppressed, withheld, no rate) there is no change, drawn
as "no data" and never as 0. Its scale diverges from 0. An indicator that is itself a share (its unit is
"percent": the recognition rate) changes in percentage points; a count or a rate (per 100,000) changes by an
amount and by a percentage of its earlier value, and the map shades the percentage, which reads alike for
Türkiye's hundreds of thousands and Montenegro's hundreds.
"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import plotly.colors as pc
import plotly.graph_objects as go

from dashboard.catalog import INDICATORS, PARTICIPATING, flag_tokens
from dashboard.figures import theme
from dashboard.figures.choropleth import (
    class_colorbar,
    colorscale,
    geo_layout,
    incidents_trace,
    legend_labels,
    map_frame,
    map_labels,
    map_shapes,
    names_in,
    year_update,
)
from dashboard.figures.notes import hover_lines, indicator_sources, partial_suffix, row_notes
from dashboard.figures.words import indicator_words, unit_words
from dashboard.i18n.locales import DEFAULT_LANG
from dashboard.i18n.messages import translator
from dashboard.i18n.numbers import number, percent
from dashboard.store import Store
from dashboard.view.state import ViewState

#: What each year of a row carries, as the map's rows do; the compared year's columns are prefixed `compare_`.
SIDE = ("value", "flag", "lower", "upper", "source", "note")
#: A comparison's rows as downloaded: each country's two years and the change between them.
COLUMNS = ["iso3", "name", "indicator", "measure", "compare_year", *(f"compare_{c}" for c in SIDE), "year", *SIDE,
           "change", "change_percent", "change_unit"]
#: The change's colours: purple for a fall, orange for a rise, white at 0 (ColorBrewer PuOr, colour-blind safe).
CHANGE_SCALE = [[i / (len(pc.diverging.PuOr) - 1), c] for i, c in enumerate(reversed(pc.diverging.PuOr))]
#: Where the change's scale ends at most: a fall cannot pass -100%, and a share cannot move 100 points.
CHANGE_CAP = 100.0
#: The four cells of the figure (paper fractions): the compared year, the view's year, the change, the legends.
LEFT, RIGHT, CHANGE = ({"x": [0.0, 0.49], "y": [0.52, 0.95]}, {"x": [0.51, 1.0], "y": [0.52, 0.95]},
                       {"x": [0.0, 0.49], "y": [0.0, 0.43]})
_INEXACT = frozenset({"masked", "includes_masked"})


def is_share(indicator: str) -> bool:
    """Whether the indicator is itself a share (unit "percent"), whose change is said in percentage points."""
    return INDICATORS[indicator].unit == "percent"


def side(record: dict, prefix: str) -> dict:
    """One year of a comparison's row (prefix "compare_" or "") as a plain row: value, flag and bounds, which
    theme.row_value writes in words."""
    return {k: record.get(prefix + k) for k in ("value", "flag", "lower", "upper")}


def compare_frame(store: Store, state: ViewState) -> pd.DataFrame:
    """One row per drawn country: its published value, flag, bounds, source and note in both years, and the change.

    The participating countries always appear, others where either year has a value (as on the one-year map).
    `change` is the later minus the earlier value in the indicator's unit (percentage points for a share);
    `change_percent` is that change as a percentage of the compared year's value (none for a share, or from 0).
    """
    before = map_frame(store, state.with_(year=state.compare)).set_index("iso3")
    after = map_frame(store, state).set_index("iso3")
    codes = list(PARTICIPATING) + sorted((set(before.index) | set(after.index)) - set(PARTICIPATING))
    out = pd.DataFrame({"iso3": codes, "name": [store.name(c) for c in codes], "indicator": state.indicator,
                        "measure": state.measure})
    out["participating"] = out["iso3"].isin(PARTICIPATING)
    for prefix, year, frame in (("compare_", state.compare, before), ("", state.year, after)):
        out[f"{prefix}year"] = year
        for column in SIDE:
            values = frame[column].reindex(codes)
            out[prefix + column] = values.to_numpy(dtype=float) if column in ("value", "lower", "upper") \
                else values.fillna("").to_numpy(dtype=object)
    out["change"] = out["value"] - out["compare_value"]
    base = out["compare_value"].to_numpy(dtype=float)
    with np.errstate(divide="ignore", invalid="ignore"):
        relative = out["change"].to_numpy(dtype=float) / base * 100
    out["change_percent"] = np.nan if is_share(state.indicator) else np.where(base == 0, np.nan, relative)
    out["change_unit"] = change_unit(state.with_(lang=DEFAULT_LANG))
    return out


def change_unit(state: ViewState) -> str:
    """What `change` counts: 'percentage points' for a share, else the indicator's unit ('persons per 100,000')."""
    t = translator(state.lang)
    return t("percentage points") if is_share(state.indicator) else unit_words(state)


def _signed(value: float, text: str) -> str:
    return ("+" + text) if value > 0 else text


def _inexact(record: dict) -> bool:
    """Whether either value is a bound rather than a count (UNHCR's masked cells: 5 or fewer, at least …)."""
    return any(flag_tokens(record[p + "flag"]) & _INEXACT or not math.isnan(record[p + "lower"])
               for p in ("compare_", ""))


def change_text(record: dict, state: ViewState) -> str:
    """The change in words, as hovers, tables and summaries say it: '-862,410 (-94.6%)', '+20.39 percentage
    points', or, where a year has no value, 'no comparison (2015: no data)' (never 0)."""
    t, lang, per100k = translator(state.lang), state.lang, state.measure == "per100k"
    missing = [f"{record[p + 'year']}: {theme.row_value(side(record, p), per100k, lang=lang)}"
               for p in ("compare_", "") if math.isnan(record[p + "value"])]
    if missing:
        return t("no comparison ({missing})", missing="; ".join(missing))
    change = record["change"]
    if is_share(state.indicator):
        text = t("{change} percentage points", change=_signed(change, theme.format_value(change, lang=lang)))
    else:
        text = _signed(change, theme.format_value(change, "", per100k, lang=lang))
        pct = record["change_percent"]
        text += t(" (from 0)") if math.isnan(pct) else f" ({_signed(pct, percent(pct / 100, lang, 1))})"
    return text + (t(" (approximate: a value is a range)") if _inexact(record) else "")


def _label(record: dict, state: ViewState) -> str:
    """The change written on the map: '-95%', '+20.4 pp', '+12' (a rise from 0), or '–' where there is none."""
    change, pct = record["change"], record["change_percent"]
    if math.isnan(change):
        return "–"
    if is_share(state.indicator):
        t = translator(state.lang)
        return t("{change} pp", change=_signed(change, number(change, state.lang, 1)))
    if math.isnan(pct):
        return _signed(change, theme.short_value(change, "", state.measure == "per100k", state.lang))
    return _signed(pct, percent(pct / 100, state.lang, 0))


def shade(frame: pd.DataFrame, share: bool) -> tuple[np.ndarray, float]:
    """Each row's place on the change's scale and the scale's end: the change in points for a share, else in
    percent, where a rise from 0 takes the end of the scale (it is more than any percentage)."""
    change = frame["change"].to_numpy(dtype=float)
    z = change if share else frame["change_percent"].to_numpy(dtype=float)
    top = float(np.nanmax(np.abs(z), initial=0.0))
    exponent = 10 ** math.floor(math.log10(top)) if top > 0 else 1
    end = min(CHANGE_CAP, next(m * exponent for m in (1, 2, 5, 10) if m * exponent >= top))
    z = np.where(np.isnan(z) & ~np.isnan(change), np.sign(change) * end, z)  # a rise from 0: the end
    return z, end


def _hover(store: Store, frame: pd.DataFrame, state: ViewState) -> dict[str, list[str]]:
    """ISO-3 -> the hover of a country on each of the three maps: both years' values, the change, sources, notes."""
    t, lang, per100k = translator(state.lang), state.lang, state.measure == "per100k"
    out = {}
    for record, name in zip(frame.to_dict("records"), names_in(frame, lang), strict=True):
        years = [f"{record[p + 'year']}: {theme.row_value(side(record, p), per100k, lang=lang)}"
                 for p in ("compare_", "")]
        publishers = [str(store.sources.get(str(record[p + "source"]).split("+")[0], {}).get("publisher")
                          or record[p + "source"] or t("no source row")) for p in ("compare_", "")]
        source = publishers[0] if publishers[0] == publishers[1] else \
            "; ".join(f"{record[p + 'year']}: {s}" for p, s in zip(("compare_", ""), publishers, strict=True))
        notes = [line for p in ("compare_", "") for line in row_notes(
            store, record["iso3"], record[p + "year"], record[p + "source"], record[p + "flag"], record[p + "note"],
            lang)]
        out[record["iso3"]] = [name, *years, change_text(record, state), source, hover_lines(dict.fromkeys(notes))]
    return out


def hover_template(lang: str = DEFAULT_LANG) -> str:
    """The three maps' hover: the country, its value in each year, the change, the sources and the notes."""
    t = translator(lang)
    return ("<b>%{customdata[0]}</b><br>%{customdata[1]}<br>%{customdata[2]}<br>" + t("Change:")
            + " %{customdata[3]}<br>" + t("Source:") + " %{customdata[4]}%{customdata[5]}<extra></extra>")


def compare_title(state: ViewState) -> str:
    """'Irregular migration: national figures (definitions differ), 2015 and 2022': the years in the maps' order."""
    t = translator(state.lang)
    return t("{indicator}, {compare} and {year}", indicator=indicator_words(state), compare=state.compare,
             year=state.year)


def compare_heading(store: Store, state: ViewState) -> str:
    """The title with a year a source covers only in part flagged, as the one-year map's heading does."""
    years = sorted((state.compare, state.year))
    return compare_title(state) + partial_suffix(store, indicator_sources(state.indicator), (years[0], years[-1]),
                                                 state.lang)



def _year_map(store: Store, state: ViewState, year: int, hover: dict[str, list[str]], geo: str,
              geojson: object) -> list:
    """One year's map on its subplot: the one-year map's shapes and labels, on the shared classes' coloraxis,
    with the comparison's hover."""
    update = dict(year_update(store, state.with_(year=year)))
    update["data[0].customdata"] = [hover[c] for c in update["data[0].locations"]]
    return [map_shapes(update, geojson, hover_template(state.lang), geo=geo, coloraxis="coloraxis"),
            map_labels(update, geo=geo)]


def _shapes(frame: pd.DataFrame, rows: np.ndarray, z: list, state: ViewState, hover: dict[str, list[str]]) -> dict:
    """The year-update paths of the change map's countries in `rows`, outlined and faded as on the one-year map."""
    part, selected = frame[rows], set(state.countries)
    return {"data[0].locations": part["iso3"].tolist(), "data[0].z": z,
            "data[0].customdata": [hover[c] for c in part["iso3"]],
            "data[0].marker.opacity": [1.0 if p else 0.55 for p in part["participating"]],
            "data[0].marker.line.width": [3.0 if c in selected else (1.2 if p else 0.5)
                                          for c, p in zip(part["iso3"], part["participating"], strict=True)],
            "data[0].marker.line.color": [theme.SELECTED if c in selected else theme.BORDER for c in part["iso3"]]}


def _change_map(store: Store, frame: pd.DataFrame, state: ViewState, hover: dict[str, list[str]],
                geojson: object) -> tuple[list, dict]:
    """The change on the third subplot, with its coloraxis: the countries with a change on the diverging scale,
    the participating countries without one in the fill of "no data", and a label on each of the 11."""
    z, end = shade(frame, is_share(state.indicator))
    has = ~np.isnan(frame["change"].to_numpy(dtype=float))
    ours = frame["participating"].to_numpy()
    template = hover_template(state.lang)
    changed = map_shapes(_shapes(frame, has, z[has].tolist(), state, hover), geojson, template, geo="geo3",
                         coloraxis="coloraxis2")
    blank = map_shapes(_shapes(frame, ours & ~has, [0] * int((ours & ~has).sum()), state, hover), geojson, template,
                       geo="geo3", colorscale=[[0, theme.NO_DATA], [1, theme.NO_DATA]], showscale=False)
    places = (np.clip(z[ours], -end, end) + end) / (2 * end)
    fills = [f if ok else theme.NO_DATA for f, ok in zip(
        pc.sample_colorscale(CHANGE_SCALE, np.nan_to_num(places, nan=0.5).tolist()), has[ours], strict=True)]
    labelled = frame[ours]
    points = store.countries.set_index("iso3").reindex(labelled["iso3"])
    labels = map_labels({"data[1].lon": points["lon"].round(3).tolist(), "data[1].lat": points["lat"].round(3).tolist(),
                         "data[1].text": [_label(r, state) for r in labelled.to_dict("records")],
                         "data[1].textfont.color": [theme.text_on(f) for f in fills]}, geo="geo3")
    beyond = bool(np.nanmax(np.abs(z), initial=0.0) > end)
    axis = {"colorscale": CHANGE_SCALE, "cmin": -end, "cmax": end, "colorbar": _change_colorbar(state, end, beyond)}
    return [changed, blank, labels], axis


def _change_colorbar(state: ViewState, end: float, beyond: bool) -> dict:
    """The change's legend: from a fall of `end` to a rise of `end`, 0 in the middle; the top says "or more"
    where a change goes past it."""
    t, share = translator(state.lang), is_share(state.indicator)
    ticks = [-end, -end / 2, 0.0, end / 2, end]

    def text(v: float) -> str:
        return _signed(v, number(v, state.lang, 0 if float(v).is_integer() else 1) if share
                       else percent(v / 100, state.lang, 0 if float(v).is_integer() else 1))

    labels = [text(v) for v in ticks]
    if beyond:
        labels[-1] = t("{value} or more", value=labels[-1])
    title = t("Change (percentage points)") if share else t("Change (%)")
    return {"title": {"text": title}, "tickvals": ticks, "ticktext": labels, "thickness": 14, "len": 0.43,
            "x": 0.80, "xanchor": "left", "y": 0.0, "yanchor": "bottom", "outlinewidth": 0}


def _titles(store: Store, state: ViewState) -> list[dict]:
    """Each map's title above it: its year (flagged where a source covers it in part), and what the change is."""
    t, ids = translator(state.lang), indicator_sources(state.indicator)
    texts = [f"{y}{partial_suffix(store, ids, (y, y), state.lang)}" for y in (state.compare, state.year)]
    texts.append(t("Change from {compare} to {year}", compare=state.compare, year=state.year))
    return [{"text": f"<b>{text}</b>", "x": (cell["x"][0] + cell["x"][1]) / 2, "y": cell["y"][1], "xref": "paper",
             "yref": "paper", "xanchor": "center", "yanchor": "bottom", "showarrow": False, "font": {"size": 14}}
            for text, cell in zip(texts, (LEFT, RIGHT, CHANGE), strict=True)]


def build_compare(store: Store, state: ViewState, geojson: object) -> go.Figure:
    """The comparison: the compared year's map (left) beside the view's year (right) on the classes' one coloraxis,
    the change below on a diverging one, and both legends in the fourth corner."""
    frame = compare_frame(store, state)
    hover = _hover(store, frame, state)
    labels = legend_labels(store, state)
    change, change_axis = _change_map(store, frame, state, hover, geojson)
    fig = go.Figure([*_year_map(store, state, state.compare, hover, "geo", geojson),
                     *_year_map(store, state, state.year, hover, "geo2", geojson), *change])
    if state.incidents:
        for geo, year in (("geo", state.compare), ("geo2", state.year)):
            fig.add_trace(incidents_trace(store, state.with_(year=year, year_from=None, year_to=None)).update(
                geo=geo, showlegend=geo == "geo"))
    n = len(labels)
    fig.update_layout(
        **theme.base_layout(compare_heading(store, state), state.lang),
        **{name: {**geo_layout(), "domain": cell} for name, cell in zip(("geo", "geo2", "geo3"), (LEFT, RIGHT, CHANGE),
                                                                        strict=True)},
        coloraxis={"colorscale": colorscale(n), "cmin": -0.5, "cmax": n - 0.5,
                   "colorbar": {**class_colorbar(state, labels), "len": 0.43, "x": 0.53, "xanchor": "left", "y": 0.0,
                                "yanchor": "bottom"}},
        coloraxis2=change_axis,
        annotations=_titles(store, state),
        legend={"x": 0.01, "y": 0.01, "bgcolor": "rgba(255,255,255,0.8)"},  # over the change map, as on one map
        uirevision=f"compare|{state.indicator}",
    )
    return fig
