"""Each indicator's chart on a country profile: the country's line over the years, against a faint band of the
11's lowest and highest published values each year and its neighbours as faint lines (profile.places).

Missing years are gaps, never zeros; a suppressed year is written "<5" on the axis line, where a count of fewer than
5 lies, rather than drawn as a point; a year the source covers only in part is an open marker. The band is drawn
only from published values: where fewer of the 11 have one in a year, its hover says how many. The chart has a
fixed, small size, so it reads the same on screen and on an A4 page.
"""

from __future__ import annotations

import pandas as pd

from dashboard.catalog import PARTICIPATING, flag_tokens
from dashboard.figures import theme
from dashboard.figures.notes import hover_lines, row_notes
from dashboard.i18n.lists import and_list
from dashboard.i18n.messages import translator
from dashboard.profile.places import neighbours
from dashboard.profile.rows import records_of_11
from dashboard.profile.text import name_of
from dashboard.store import Store

#: The chart's size in CSS pixels: two side by side fit A4's printable width (assets/profile.css).
WIDTH, HEIGHT = 320, 200
BAND = "rgba(82, 96, 109, 0.16)"
#: Years past which the country's markers shrink, so a long series (population since 1950) stays a line.
LONG_SERIES = 30
#: Neighbours' lines: faint, but still 3:1 on white (WCAG non-text contrast), and thinner than the country's.
NEIGHBOUR = "#8a949e"


def _years(mine: dict[int, dict]) -> list[int]:
    """Every year from the country's first row to its last: a year without a row is a gap in the line."""
    return list(range(min(mine), max(mine) + 1)) if mine else []


def _values(records: dict[int, dict], years: list[int]) -> list[float | None]:
    """The published values in those years, None where there is none (plotly draws a gap)."""
    values = [records[y]["value"] if y in records else None for y in years]
    return [None if v is None or pd.isna(v) else float(v) for v in values]


def band(store: Store, indicator: str, years: list[int]) -> list[tuple[float, float, int] | None]:
    """Per year: the lowest and highest published value among the 11 and how many have one (None: none has)."""
    by_year: dict[int, list[float]] = {}
    for records in records_of_11(store, indicator).values():
        for year, record in records.items():
            if not pd.isna(record["value"]):
                by_year.setdefault(year, []).append(float(record["value"]))
    return [(min(by_year[y]), max(by_year[y]), len(by_year[y])) if y in by_year else None for y in years]


def _band_traces(store: Store, indicator: str, years: list[int], lang: str) -> list[dict]:
    t = translator(lang)
    spans = band(store, indicator, years)
    hover = [t("Range of the 11 in {year}: {low} to {high} ({n} of {total} with a published value)", year=y,
               low=theme.format_value(s[0], lang=lang), high=theme.format_value(s[1], lang=lang), n=s[2],
               total=len(PARTICIPATING)) if s else t("No published value among the 11 in {year}", year=y)
             for y, s in zip(years, spans, strict=True)]
    return [{"type": "scatter", "x": years, "y": [s[i] if s else None for s in spans], "mode": "lines", "fill": fill,
             "fillcolor": BAND, "line": {"width": 0.5, "color": "rgba(82, 96, 109, 0.35)"}, "connectgaps": False,
             "customdata": hover, "hovertemplate": "%{customdata}<extra></extra>", "showlegend": False,
             "name": t("Range of the 11")} for i, fill in ((1, "none"), (0, "tonexty"))]


def _hover_values(records: dict[int, dict], years: list[int], lang: str) -> list[str]:
    return [theme.row_value(records[y], lang=lang) if y in records else translator(lang)("no data") for y in years]


def _neighbour_traces(store: Store, iso3: str, indicator: str, years: list[int], lang: str
                      ) -> tuple[list[dict], list[str]]:
    """A faint line per neighbour with a value in the years shown, and the names drawn."""
    traces, drawn = [], []
    records = records_of_11(store, indicator)
    for code in neighbours(iso3):
        theirs = records.get(code, {})
        values = _values(theirs, years)
        if all(v is None for v in values):
            continue
        name = name_of(store, code, lang)
        traces.append({"type": "scatter", "x": years, "y": values, "mode": "lines", "connectgaps": False,
                       "name": name, "showlegend": False, "line": {"color": NEIGHBOUR, "width": 1},
                       "customdata": _hover_values(theirs, years, lang),
                       "hovertemplate": name + ", %{x}: %{customdata}<extra></extra>"})
        drawn.append(name)
    return traces, drawn


def _country_traces(store: Store, iso3: str, mine: dict[int, dict], years: list[int], lang: str) -> list[dict]:
    """The country's line, open markers on partial years, and "<5" on the axis line for a suppressed year."""
    name = name_of(store, iso3, lang)
    texts = [text + hover_lines(row_notes(store, iso3, y, mine[y]["source"], mine[y]["flag"], mine[y]["note"], lang))
             if y in mine else text for y, text in zip(years, _hover_values(mine, years, lang), strict=True)]
    symbol = theme.COUNTRY_SYMBOLS.get(iso3, "circle")
    flags = [flag_tokens(mine[y]["flag"]) if y in mine else frozenset() for y in years]
    hover = name + ", %{x}: %{customdata}<extra></extra>"
    traces = [{"type": "scatter", "x": years, "y": _values(mine, years), "mode": "lines+markers", "connectgaps": False,
               "name": name, "showlegend": False, "customdata": texts, "hovertemplate": hover,
               "line": {"color": theme.COUNTRY_COLOURS.get(iso3, theme.TEXT), "width": 2.5},
               "marker": {"size": 6 if len(years) <= LONG_SERIES else 3,
                          "symbol": [f"{symbol}-open" if "partial_year" in f else symbol for f in flags]}}]
    withheld = [y for y, f in zip(years, flags, strict=True) if "suppressed" in f and pd.isna(mine[y]["value"])]
    if withheld:
        traces.append({"type": "scatter", "x": withheld, "y": [0.0] * len(withheld), "mode": "text",
                       "text": ["<5"] * len(withheld), "textposition": "top center", "showlegend": False,
                       "textfont": {"color": theme.MUTED, "size": 9}, "name": name, "hovertemplate": hover,
                       "customdata": [theme.row_value(mine[y], lang=lang) for y in withheld]})
    return traces


#: Where the 11's highest value is more than this many times the highest the country and its neighbours reach, the
#: axis ends above theirs and the chart says the band runs on: otherwise one large country flattens every line.
CLIP_RATIO = 2.0


def _value_axis(traces: list[dict], band_top: float | None, lang: str) -> tuple[dict, list[dict]]:
    """The value axis, from zero; cut above the drawn lines where the band alone would squash them, with a note."""
    shown = [y for trace in traces for y in trace["y"] if y is not None]
    axis = {"gridcolor": theme.GRID, "fixedrange": True, "rangemode": "tozero", "separatethousands": True,
            "automargin": True}
    top = max(shown, default=0.0)
    if band_top is None or top <= 0 or band_top <= CLIP_RATIO * top:
        return axis, []
    t = translator(lang)
    note = {"text": t("The 11's highest, {value}, is above the chart", value=theme.format_value(band_top, lang=lang)),
            "xref": "paper", "yref": "paper", "x": 1, "y": 1, "xanchor": "right", "yanchor": "top",
            "showarrow": False, "font": {"size": 10, "color": theme.MUTED}, "bgcolor": "rgba(255,255,255,0.8)"}
    return {**axis, "range": [0, top * 1.25], "rangemode": None}, [note]


def indicator_figure(store: Store, iso3: str, indicator: str, lang: str) -> tuple[dict, str]:
    """The chart of one indicator for one country (a plotly figure as a plain dict), and its caption."""
    mine = records_of_11(store, indicator).get(iso3, {})
    years = _years(mine)
    near, drawn = _neighbour_traces(store, iso3, indicator, years, lang)
    country = _country_traces(store, iso3, mine, years, lang)
    spans = [s for s in band(store, indicator, years) if s]
    yaxis, notes = _value_axis([*near, *country], max((s[1] for s in spans), default=None), lang)
    layout = {
        **theme.base_layout("", lang), "margin": {"l": 4, "r": 8, "t": 8, "b": 4},
        "width": WIDTH, "height": HEIGHT, "autosize": False, "showlegend": False, "hovermode": "closest",
        "dragmode": False, "annotations": notes, "yaxis": {k: v for k, v in yaxis.items() if v is not None},
        "xaxis": {"gridcolor": theme.GRID, "fixedrange": True, "tickformat": "d", "nticks": 6, "automargin": True},
    }
    figure = {"data": [*_band_traces(store, indicator, years, lang), *near, *country], "layout": layout}
    return figure, _caption(store, iso3, years, drawn, len(country) > 1, lang)


def _caption(store: Store, iso3: str, years: list[int], drawn: list[str], suppressed: bool, lang: str) -> str:
    """What the chart draws, in words: for screen readers, and for a reader of the printed page."""
    t = translator(lang)
    span = f"{years[0]}–{years[-1]}" if len(years) > 1 else str(years[0]) if years else ""
    text = t("{country}, {years}: the coloured line. Shaded: the lowest to the highest published value of the 11 "
             "each year.", country=name_of(store, iso3, lang), years=span)
    if drawn:
        text += " " + t("Grey lines: {countries}.", countries=and_list(drawn, lang))
    text += " " + t("Missing years are gaps, not zeros.")
    return text + " " + t("\"<5\": a year the publisher suppressed (fewer than 5).") if suppressed else text
