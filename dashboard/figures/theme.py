"""Colours, fonts and number formats shared by every figure, so the panels look and read alike.

All palettes are colour-blind safe: viridis for sequential values, Paul Tol's "safe" set for categories. The map's
value classes hold no grey, so "no data" (a neutral grey) looks like no class can.
No web fonts: the system UI stack renders offline on every projector laptop.
"""

from __future__ import annotations

import math
import textwrap
from collections.abc import Mapping

import pandas as pd
import plotly.colors as pc
import plotly.graph_objects as go

from dashboard.catalog import NO_POPULATION, PARTICIPATING, flag_tokens
from dashboard.figures.event_labels import fit_labels, is_event
from dashboard.i18n.locales import DEFAULT_LANG
from dashboard.i18n.messages import translator
from dashboard.i18n.numbers import number, separators

FONT_FAMILY = 'system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, "Noto Sans", sans-serif'
TEXT = "#1f2933"
MUTED = "#52606d"
GRID = "#e4e7eb"
NO_DATA = "#d9d9d9"
SUPPRESSED = "#a6bddb"
LAND = "#f5f3ef"
OCEAN = "#ffffff"
BORDER = "#6b7280"
SELECTED = "#d81b60"
OTHER_NODE = "#7b8794"  # 3.7:1 on white: Sankey bars and "Other" lines are shapes that carry meaning

#: Value classes on the map; with "no data" and "suppressed" that makes at most 7 colours. Viridis, not cividis:
#: cividis's middle class is a mid grey, which read as "no data" beside it.
VALUE_CLASSES = 5
CLASS_COLOURS: list[str] = pc.sample_colorscale("viridis", [i / (VALUE_CLASSES - 1) for i in range(VALUE_CLASSES)])

#: One fixed colour and marker per participating country, the same in every chart. Every colour has at least
#: 3:1 contrast on white (WCAG non-text contrast), and the markers differ, so colour is not the only cue.
COUNTRY_COLOURS: dict[str, str] = {
    "ALB": "#CC3311", "BIH": "#8C6D31", "BGR": "#117733", "HRV": "#AA4499", "CYP": "#007F73", "GRC": "#0072B2",
    "MKD": "#6F4E7C", "MNE": "#555555", "ROU": "#332288", "SRB": "#882255", "TUR": "#D55E00",
}
COUNTRY_SYMBOLS: dict[str, str] = dict(zip(PARTICIPATING, (
    "circle", "square", "diamond", "triangle-up", "triangle-down", "pentagon", "hexagon", "star", "cross", "x",
    "hourglass"), strict=True))

#: Route colours, each at least 3:1 on white, and a dash pattern per route so lines differ without colour.
ROUTE_COLOURS: dict[str, str] = {
    "Eastern Mediterranean Route": "#0072B2",
    "Western Balkan Route": "#D55E00",
    "Circular Route from Albania to Greece": "#009E73",
    "Black Sea Route": "#CC79A7",
    "Central Mediterranean Route": "#332288",
    "Western Mediterranean Route": "#882255",
    "Eastern Borders Route": "#8c6d31",
    "Western African Route": "#999933",
    "Other": "#888888",
}
ROUTE_DASHES: dict[str, str] = {
    "Eastern Mediterranean Route": "solid",
    "Western Balkan Route": "dash",
    "Circular Route from Albania to Greece": "dot",
    "Black Sea Route": "dashdot",
    "Central Mediterranean Route": "longdash",
    "Western Mediterranean Route": "longdashdot",
    "Eastern Borders Route": "5px,2px,1px,2px",
    "Western African Route": "1px,3px",
}
BORDER_TYPE_COLOURS = {"Sea": "#4477AA", "Land": "#997700"}


def base_layout(title: str = "", lang: str = DEFAULT_LANG) -> dict:
    """Layout keys every panel shares; `separators` writes plotly's own numbers (axis ticks) as `lang` does."""
    return {
        "separators": separators(lang),
        "title": {"text": title, "x": 0.01, "xanchor": "left", "font": {"size": 16}},
        "font": {"family": FONT_FAMILY, "color": TEXT, "size": 13},
        "paper_bgcolor": "white",
        "plot_bgcolor": "white",
        "margin": {"l": 8, "r": 8, "t": 40, "b": 8},
        "hoverlabel": {"font": {"family": FONT_FAMILY, "size": 13}},
    }


def _missing(x: object) -> bool:
    return x is None or (isinstance(x, float) and math.isnan(x))


def _number(value: float, per100k: bool, lang: str = DEFAULT_LANG) -> str:
    return number(value, lang, 2 if per100k or not float(value).is_integer() else 0)


def _withheld(flag: str, per100k: bool, lower: float | None, upper: float | None, lang: str) -> str:
    """A value the publisher does not give: why, and the range it lies in where the data says."""
    t = translator(lang)
    tokens = flag_tokens(flag)
    if "no_population" in tokens:
        return t("no rate: {reason}", reason=t(NO_POPULATION))
    if not _missing(lower) and not _missing(upper):
        return t("between {lower} and {upper} (withheld)", lower=_number(lower, per100k, lang),
                 upper=_number(upper, per100k, lang))
    if "suppressed" in tokens:
        return t("fewer than 5 (suppressed)")
    if "conflicting" in tokens:
        return t("withheld (conflicting source values)")
    return t("no data")


def format_value(value: float | None, flag: str = "", per100k: bool = False, lower: float | None = None,
                 upper: float | None = None, lang: str = DEFAULT_LANG) -> str:
    """A number as a reader of `lang` sees it: the language's separators, and in words what the flag tokens imply.

    A masked UNHCR cell (published as 5) reads "5 or fewer"; a total that includes masked cells gives its lower
    bound (the data's `lower`, the sum minus 4 per masked cell); a withheld value gives its range where known.
    """
    if _missing(value):
        return _withheld(flag, per100k, lower, upper, lang)
    t = translator(lang)
    tokens = flag_tokens(flag)
    if "none_recorded" in tokens:
        text = t("none recorded (0)")
    elif "masked" in tokens:
        text = (t("at most {value} (a count of 5 or fewer)", value=_number(value, True, lang)) if per100k
                else t("5 or fewer"))
    else:
        text = _number(value, per100k, lang)
    if "includes_masked" in tokens and not _missing(lower):
        masked = round((value - lower) / 4)
        counts = t("masked counts") if per100k else t.n("{n} masked count", "{n} masked counts", masked)
        text += t(" (at least {lower}; includes {counts})", lower=_number(lower, per100k, lang), counts=counts)
    if "partial_year" in tokens:
        text += t(" (part of the year only)")
    return text


def row_value(row: Mapping[str, object], per100k: bool = False, column: str = "value",
              lang: str = DEFAULT_LANG) -> str:
    """format_value of one row (a dict or a frame row) with its flag and bounds, whichever it carries."""
    def get(key: str) -> object:
        value = row.get(key)
        return None if value is None or (isinstance(value, float) and math.isnan(value)) else value

    flag = row.get("flag")
    return format_value(get(column), flag if isinstance(flag, str) else "", per100k, get("lower"), get("upper"),
                        lang)


def frame_values(frame: pd.DataFrame, per100k: bool = False, lang: str = DEFAULT_LANG) -> list[str]:
    """row_value of every row of a frame, in order."""
    return [row_value(r, per100k, lang=lang) for r in frame.to_dict(orient="records")]


def short_value(value: float | None, flag: str = "", per100k: bool = False, lang: str = DEFAULT_LANG) -> str:
    """A compact label for the map: 1.2k, <5, ≤5 and an en dash for no data (the legend says so).

    The thousands and millions keep the "k" and "M" of SI, which read in every language of the region."""
    tokens = flag_tokens(flag)
    if "suppressed" in tokens:
        return "<5"
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "–"
    if "masked" in tokens and not per100k:
        return "≤5"
    if per100k:
        return number(value, lang, 1) if value < 100 else number(value, lang)
    if abs(value) >= 1_000_000:
        return number(value / 1_000_000, lang, 1) + "M"
    if abs(value) >= 10_000:
        return number(value / 1000, lang) + "k"
    if abs(value) >= 1000:
        return number(value / 1000, lang, 1) + "k"
    return number(value, lang)


def nice_number(x: float) -> float:
    """Round to two significant figures, so class breaks read as 1,200 rather than 1,187.4."""
    if x <= 0:
        return 0.0
    exp = math.floor(math.log10(x)) - 1
    return round(round(x / 10**exp) * 10**exp, max(0, -exp))  # 2.4, not 2.4000000000000004


def wrap(text: str, width: int = 48) -> str:
    """Break a message into lines for a plotly annotation, which does not wrap text by itself."""
    return "<br>".join(textwrap.wrap(text, width))


def _luminance(colour: str) -> float:
    """WCAG relative luminance of a plotly colour string ('#rrggbb' or 'rgb(r, g, b)')."""
    channels = pc.convert_colors_to_same_type([colour], colortype="tuple")[0][0]
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def text_on(fill: str) -> str:
    """Black or white, whichever contrasts more with `fill`: dark labels vanish on the palette's dark classes.

    Pure black, not TEXT: between them black and white reach at least 4.58:1 on any fill (WCAG AA for text),
    while TEXT and white can both stay under 4.5:1 on a mid-tone fill.
    """
    lum = _luminance(fill)
    return "#000000" if (lum + 0.05) / 0.05 >= 1.05 / (lum + 0.05) else "#ffffff"


#: Type on a projector: at least 24 px at 1920x1080 reads from the back of a hall.
PROJECTOR_FONT = 24
PROJECTOR_TITLE = 26


def projector(fig: go.Figure, plot_px: float = 770) -> go.Figure:
    """A copy of a panel figure for a projector: type of at least 24 px, black text, heavier lines and marks.

    Only sizes, weights and text colour change; the data, colour classes (at most 7 on the map) and legends
    stay exactly those of the panel, so the projected chart and the browsing view cannot disagree. The context
    events keep their thin lines, and their labels, in the same type, are laid out again for a plot `plot_px` wide
    (half a 1920 px slide): fewer fit, and those that do not are left out.
    """
    out = go.Figure(fig)
    big = {"size": PROJECTOR_FONT}
    out.update_layout(
        font={"size": PROJECTOR_FONT, "color": "#000000"},
        title={"font": {"size": PROJECTOR_TITLE, "color": "#000000"}},
        legend={"font": big},
        hoverlabel={"font": big},
        margin={"l": 16, "r": 16, "t": 64, "b": 16},
    )
    out.update_annotations(font=big)
    out.update_xaxes(tickfont=big, title={"font": big}, gridcolor="#bcc3cc", linecolor="#000000",
                     tickmode="auto", nticks=6, tickangle=0)
    out.update_yaxes(tickfont=big, title={"font": big}, gridcolor="#bcc3cc", linecolor="#000000")
    out.update_traces(colorbar={"tickfont": big, "title": {"font": big}, "thickness": 28},
                      selector={"type": "choropleth"})
    out.update_traces(textfont={"size": PROJECTOR_FONT, "shadow": "auto"},  # label colours follow the fills
                      selector={"type": "scattergeo", "mode": "text"})
    out.update_traces(line={"width": 4}, marker={"size": 12},
                      selector=lambda trace: trace.type == "scatter" and not is_event(trace))
    fit_labels(out, plot_px, PROJECTOR_FONT)
    drawn = [trace for trace in out.data if not is_event(trace)]
    if out.layout.legend.y is not None and out.layout.legend.y < 0 and len(drawn) > 5:
        # a long legend under a projected chart would leave it no height: stack it beside the chart instead
        out.update_layout(legend={"orientation": "v", "x": 1.02, "xanchor": "left", "y": 1, "yanchor": "top"})
    out.update_traces(textfont=big, node={"thickness": 28, "pad": 18}, selector={"type": "sankey"})
    return out
