"""The choropleth map: one indicator, one year, the 11 countries with data and their neighbours for context.

Values fall into at most five classes whose breaks are fixed across all years of an indicator, so playing
the years shows real change rather than a rescaled legend. "No data" and "suppressed" are classes of
their own with their own legend entries, and every participating country carries a text label, so colour
is never the only carrier of a value. The geometry is referenced by URL, so the browser fetches it once.
"""

from __future__ import annotations

import math
from functools import lru_cache

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from dashboard.catalog import INDICATORS, PARTICIPATING, flag_tokens
from dashboard.figures import theme
from dashboard.figures.notes import hover_lines, indicator_sources, partial_suffix, row_notes
from dashboard.figures.words import indicator_words
from dashboard.i18n.locales import DEFAULT_LANG
from dashboard.i18n.messages import translator
from dashboard.i18n.names import country_name
from dashboard.i18n.numbers import number
from dashboard.store import Store
from dashboard.view.state import ViewState

NO_DATA_CLASS = 0
SUPPRESSED_CLASS = 1
FIRST_VALUE_CLASS = 2
#: Fill of each class index: no data, suppressed, then the value classes.
CLASS_FILLS = (theme.NO_DATA, theme.SUPPRESSED, *theme.CLASS_COLOURS)
#: The view the map opens on: the Western Balkans, Türkiye and the Eastern Mediterranean.
LON_RANGE = (11.5, 46.0)
LAT_RANGE = (33.0, 50.5)
#: Natural Earth scale of plotly's base land under the choropleth. It only fills the countries without data
#: (ours come from data/countries.geojson), and plotly.js re-projects it on every year step: at 1:50m that
#: was ~1 MB of world coastline and half the map's redraw time (bench/NOTES.md). Exports print at 1:50m.
BASE_MAP_RESOLUTION = 110
#: The sea around the countries.
SEA = "#eef3f7"


def _per100k(state: ViewState) -> bool:
    return state.measure == "per100k"


@lru_cache(maxsize=32)
def value_rows(store: Store, indicator: str, measure: str) -> pd.DataFrame:
    """Every row of the indicator in the measure, all years (read-only: the map's frames and breaks share it)."""
    rows = store.indicator_rows([indicator])
    return store.with_measure(rows, measure)


# Bounded at 256 entries (LRU) of a few floats each; the keys a worker meets are its indicators x 2 measures.
@lru_cache(maxsize=256)
def class_breaks(store: Store, indicator: str, measure: str) -> tuple[float, ...]:
    """Upper bounds of the value classes, from the participating countries' values in all years."""
    rows = value_rows(store, indicator, measure)
    values = rows.loc[rows["iso3"].isin(PARTICIPATING), "value"].dropna().to_numpy(dtype=float)
    if values.size == 0:
        return ()
    qs = np.quantile(values, [i / theme.VALUE_CLASSES for i in range(1, theme.VALUE_CLASSES)])
    breaks = sorted({theme.nice_number(float(q)) for q in qs if q > 0})
    return tuple(breaks)


def two_lines(unit: str) -> str:
    """A long unit ("лица (дефинициите се разликуваат)") on two lines at its bracket: plotly does not wrap a
    colour bar's title, and a wide one takes its width from the map."""
    return unit.replace(" (", "<br>(", 1) if len(unit) > 18 else unit


def class_labels(breaks: tuple[float, ...], lang: str = DEFAULT_LANG) -> list[str]:
    """Legend labels that print each break exactly (0.45, not 0.5), so every value reads as inside its class."""

    def fmt(x: float) -> str:
        return number(x, lang, max(0, 1 - math.floor(math.log10(x))))

    if not breaks:
        return []
    t = translator(lang)
    labels = [t("under {value}", value=fmt(breaks[0]))]
    labels += [f"{fmt(lo)} – {fmt(hi)}" for lo, hi in zip(breaks, breaks[1:], strict=False)]
    labels.append(t("{value} and over", value=fmt(breaks[-1])))
    return labels


def map_frame(store: Store, state: ViewState) -> pd.DataFrame:
    """The data behind the map: one row per drawn country with value, flag, source, rank and change.

    Participating countries always appear (with "no data" where there is none); other countries appear
    where the indicator has a value for them. The map, the ranking, the Sankey's colours, the summaries and the
    source notes all read this frame, so it is computed once per indicator, measure and year (read-only).
    """
    return _map_frame(store, state.indicator, state.measure, state.year)


#: Frames kept per worker: a timeline's years for a few indicators (each frame is some 250 short rows).
MAP_FRAMES = 128


@lru_cache(maxsize=MAP_FRAMES)
def _map_frame(store: Store, indicator: str, measure: str, year: int) -> pd.DataFrame:
    per100k = measure == "per100k"
    rows = value_rows(store, indicator, measure)
    this = rows[rows["year"] == year].set_index("iso3")
    prev = rows[rows["year"] == year - 1].set_index("iso3")["value"]
    codes = list(PARTICIPATING) + sorted(set(this.index) - set(PARTICIPATING))
    codes = [c for c in codes if c in store.names or c in PARTICIPATING]
    out = pd.DataFrame({"iso3": codes})
    out["name"] = [store.name(c) for c in codes]
    out["participating"] = out["iso3"].isin(PARTICIPATING)
    out["year"] = year
    out["indicator"] = indicator
    out["measure"] = measure
    out["value"] = this["value"].reindex(codes).to_numpy(dtype=float)
    out["flag"] = this["flag"].reindex(codes).fillna("").to_numpy(dtype=object)
    out["source"] = this["source"].reindex(codes).fillna("").to_numpy(dtype=object)
    for column in ("lower", "upper"):
        out[column] = this[column].reindex(codes).to_numpy(dtype=float)
    out["note"] = this["note"].reindex(codes).fillna("").to_numpy(dtype=object)
    previous = prev.reindex(codes).to_numpy(dtype=float)
    out["change"] = out["value"] - previous
    ranked = out.loc[out["participating"] & out["value"].notna(), "value"].rank(ascending=False, method="min")
    out["rank"] = ranked.reindex(out.index)
    out["ranked_of"] = int(ranked.size)
    out["value_text"] = theme.frame_values(out, per100k)
    return out


def class_index(frame: pd.DataFrame, breaks: tuple[float, ...]) -> np.ndarray:
    values = frame["value"].to_numpy(dtype=float)
    idx = np.full(len(frame), NO_DATA_CLASS, dtype=int)
    has = ~np.isnan(values)
    idx[has] = FIRST_VALUE_CLASS + np.searchsorted(np.asarray(breaks, dtype=float), values[has], side="right")
    idx[["suppressed" in flag_tokens(f) for f in frame["flag"]]] = SUPPRESSED_CLASS
    return idx


def class_colours(store: Store, state: ViewState) -> dict[str, str]:
    """ISO-3 -> the fill colour the map gives it now; the Sankey colours country nodes with it."""
    frame = map_frame(store, state)
    idx = class_index(frame, class_breaks(store, state.indicator, state.measure))
    return {c: CLASS_FILLS[i] for c, i in zip(frame["iso3"], idx, strict=True)}


def value_texts(frame: pd.DataFrame, per100k: bool, lang: str) -> list[str]:
    """The value of each row as `lang` writes it: the frame's own (English) texts, or formatted anew."""
    return frame["value_text"].tolist() if lang == DEFAULT_LANG else theme.frame_values(frame, per100k, lang)


def names_in(frame: pd.DataFrame, lang: str) -> list[str]:
    """The country names of a frame's rows in `lang` (CLDR's, with our overrides; English: the data's own)."""
    return [country_name(c, lang, n) for c, n in zip(frame["iso3"], frame["name"], strict=True)]


def hover_rows(store: Store, frame: pd.DataFrame, per100k: bool, lang: str = DEFAULT_LANG) -> list[list[str]]:
    t = translator(lang)
    rows = []
    for r, name, value in zip(frame.itertuples(), names_in(frame, lang), value_texts(frame, per100k, lang),
                              strict=True):
        if r.participating and not np.isnan(r.rank):
            rank = t.n("{rank} of {n} participating country with data",
                       "{rank} of {n} participating countries with data", r.ranked_of, rank=int(r.rank))
        elif r.participating:
            rank = t("not ranked (no value)")
        else:
            rank = t("not ranked (context country)")
        if np.isnan(r.change):
            change = t("no comparison (a year is missing)")
        else:
            sign = "+" if r.change > 0 else ""
            change = t("{change} from {year}", change=sign + theme.format_value(r.change, "", per100k, lang=lang),
                       year=r.year - 1)
        source = store.sources.get(str(r.source).split("+")[0], {}).get("publisher", r.source) or t("no source row")
        notes = hover_lines(row_notes(store, r.iso3, r.year, r.source, r.flag, r.note, lang))
        rows.append([name, value, rank, change, str(source), notes])
    return rows


def hover_template(lang: str = DEFAULT_LANG) -> str:
    """The map's and the ranking's hover: name, value, rank, change, source and notes (hover_rows)."""
    t = translator(lang)
    return ("<b>%{customdata[0]}</b><br>%{customdata[1]}<br>" + t("Rank:") + " %{customdata[2]}<br>"
            + t("Change:") + " %{customdata[3]}<br>" + t("Source:") + " %{customdata[4]}%{customdata[5]}"
            "<extra></extra>")



def year_update(store: Store, state: ViewState) -> dict[str, object]:
    """Everything on the map that depends on the year and selection, as figure paths -> new values.

    The full builder uses it too, so a Patch built from this dict and a fresh figure always agree.
    """
    per100k, lang = _per100k(state), state.lang
    frame = map_frame(store, state)
    breaks = class_breaks(store, state.indicator, state.measure)
    selected = set(state.countries)
    widths = [3.0 if c in selected else (1.2 if p else 0.5) for c, p in zip(frame["iso3"], frame["participating"],
                                                                             strict=True)]
    colours = [theme.SELECTED if c in selected else theme.BORDER for c in frame["iso3"]]
    classes = class_index(frame, breaks)
    labels = frame[frame["participating"]]
    label_fills = [CLASS_FILLS[i] for i in classes[frame["participating"].to_numpy()]]
    label_pos = store.countries.set_index("iso3").reindex(labels["iso3"])
    return {
        "data[0].locations": frame["iso3"].tolist(),
        "data[0].z": classes.tolist(),
        "data[0].customdata": hover_rows(store, frame, per100k, lang),
        "data[0].marker.line.width": widths,
        "data[0].marker.line.color": colours,
        "data[0].marker.opacity": [1.0 if p else 0.55 for p in frame["participating"]],
        "data[1].lon": label_pos["lon"].round(3).tolist(),
        "data[1].lat": label_pos["lat"].round(3).tolist(),
        "data[1].text": [theme.short_value(v, f, per100k, lang) for v, f in zip(labels["value"], labels["flag"],
                                                                               strict=True)],
        "data[1].textfont.color": [theme.text_on(fill) for fill in label_fills],
        "layout.title.text": map_heading(store, state),
    }


def map_title(state: ViewState) -> str:
    return f"{indicator_words(state)}, {state.year}"


def map_heading(store: Store, state: ViewState) -> str:
    """The title with the year flagged where a source covers it only in part: '…, 2025 (January–April only)'."""
    return map_title(state) + partial_suffix(store, indicator_sources(state.indicator), (state.year, state.year),
                                             state.lang)


def colorscale(n_classes: int) -> list[list]:
    colours = [theme.NO_DATA, theme.SUPPRESSED, *theme.CLASS_COLOURS[: n_classes - FIRST_VALUE_CLASS]]
    scale = []
    for i, colour in enumerate(colours):
        scale += [[i / len(colours), colour], [(i + 1) / len(colours), colour]]
    return scale


def incidents_trace(store: Store, state: ViewState) -> go.Scattergeo:
    inc = store.incident_rows(state.years[0], state.years[1])
    inc = inc[inc["dead_and_missing"].fillna(0) > 0]
    t = translator(state.lang)
    size = np.sqrt(inc["dead_and_missing"].to_numpy(dtype=float)) * 3 + 3
    return go.Scattergeo(
        lon=inc["lon"], lat=inc["lat"], mode="markers", name=t("Dead and missing (IOM incidents)"),
        marker={"size": np.minimum(size, 40), "color": "rgba(216,27,96,0.45)", "line": {"width": 0.5,
                "color": "#7a0e36"}, "sizemode": "diameter"},
        customdata=np.column_stack([inc["date"].astype(str), inc["dead_and_missing"].astype(int).astype(str),
                                    inc["cause"].fillna(t("unknown")).astype(str)]) if len(inc) else None,
        hovertemplate="%{customdata[0]}: " + t("{count} dead or missing", count="%{customdata[1]}")
                      + "<br>%{customdata[2]}<br>" + t("Source: IOM Missing Migrants Project") + "<extra></extra>",
        showlegend=True,
    )


def geo_layout() -> dict:
    """The map's view of the region: every map of the project (one year, or two years and their change) shows it."""
    return {"projection": {"type": "mercator"}, "lonaxis": {"range": list(LON_RANGE)},
            "lataxis": {"range": list(LAT_RANGE)}, "showland": True, "landcolor": theme.LAND,
            # The sea is the subplot's background rather than plotly's ocean layer: the same look, one
            # world-sized polygon fewer to project on every year step (~5 ms, bench/NOTES.md).
            "showocean": False, "showcountries": False, "showcoastlines": False, "showframe": False,
            "showlakes": False, "resolution": BASE_MAP_RESOLUTION, "bgcolor": SEA}


def legend_labels(store: Store, state: ViewState) -> list[str]:
    """The classes in the legend's order: no data, fewer than 5, then the value classes."""
    t = translator(state.lang)
    breaks = class_breaks(store, state.indicator, state.measure)
    return [t("No data (–)"), t("Fewer than 5 (<5)"), *class_labels(breaks, state.lang)]


def class_colorbar(state: ViewState, labels: list[str]) -> dict:
    """The legend of the classes: one labelled step per class, titled with the indicator's unit."""
    t = translator(state.lang)
    return {"title": {"text": two_lines(t(INDICATORS[state.indicator].unit))}, "tickvals": list(range(len(labels))),
            "ticktext": labels, "thickness": 14, "len": 0.9, "outlinewidth": 0}


def map_shapes(update: dict[str, object], geojson: object, hovertemplate: str, geo: str | None = None,
               **shading: object) -> go.Choropleth:
    """A map's countries from its year update, on the subplot `geo` (plotly's first where None), shaded as
    `shading` says: a colour scale of its own, or a coloraxis it shares with another map."""
    return go.Choropleth(
        geojson=geojson, featureidkey="id", locations=update["data[0].locations"], z=update["data[0].z"],
        customdata=update["data[0].customdata"], hovertemplate=hovertemplate, name="",
        marker={"opacity": update["data[0].marker.opacity"], "line": {"width": update["data[0].marker.line.width"],
                         "color": update["data[0].marker.line.color"]}}, **({"geo": geo} if geo else {}), **shading,
    )


def map_labels(update: dict[str, object], geo: str | None = None) -> go.Scattergeo:
    """A map's labels from its year update: one per participating country, so colour never carries a value alone."""
    return go.Scattergeo(
        lon=update["data[1].lon"], lat=update["data[1].lat"], text=update["data[1].text"], mode="text",
        # White type on dark classes, dark on light ones; the halo keeps a label legible where it overhangs the sea.
        textfont={"size": 13, "color": update["data[1].textfont.color"], "family": theme.FONT_FAMILY,
                  "shadow": "auto"},
        # Labels take no hover or click of their own, so a click on a country's label selects the country.
        hoverinfo="skip", showlegend=False, name="", **({"geo": geo} if geo else {}),
    )


def build_choropleth(store: Store, state: ViewState, geojson_url: str) -> go.Figure:
    """The full map figure. `geojson_url` is where the browser fetches the outlines (once, cached)."""
    labels = legend_labels(store, state)
    n = len(labels)
    update = year_update(store, state)
    fig = go.Figure([map_shapes(update, geojson_url, hover_template(state.lang), zmin=-0.5, zmax=n - 0.5,
                                colorscale=colorscale(n), colorbar=class_colorbar(state, labels)), map_labels(update)])
    if state.incidents:
        fig.add_trace(incidents_trace(store, state))
    fig.update_layout(
        **theme.base_layout(update["layout.title.text"], state.lang),
        geo=geo_layout(),
        legend={"x": 0.01, "y": 0.02, "bgcolor": "rgba(255,255,255,0.8)"},
        uirevision=state.indicator,
    )
    return fig
