"""One paragraph per panel saying in words what the chart shows: for screen readers, and as a report caption.

Every number comes from the same rows the panel draws (each panel's rows, dashboard.panels, and the figure
modules' frames), in the same format as the hover labels (theme.format_value), so the sentence and the chart
cannot disagree. Nothing is estimated: countries without a value are listed as "no data", suppressed ones as
"fewer than 5".
"""

from __future__ import annotations

import pandas as pd

from dashboard.catalog import CRIMES, INDICATORS, NO_POPULATION, PARTICIPATING, flag_tokens
from dashboard.figures.choropleth import map_frame
from dashboard.figures.ranking import ranking_frame, ranking_title
from dashboard.figures.sankey import lower_bounds, sankey_data, sankey_title
from dashboard.figures.theme import format_value, row_value
from dashboard.figures.timeseries import series_frame
from dashboard.store import Store
from dashboard.view.state import SEE_ROUTES, ViewState

#: How many leaders a sentence names before "followed by".
LEADERS = 3


def _and(items: list[str]) -> str:
    """'A', 'A and B', 'A, B and C'."""
    return items[0] if len(items) == 1 else f"{', '.join(items[:-1])} and {items[-1]}"


def _what(state: ViewState) -> str:
    """The indicator's label with its measure, quoted: “Smuggling of migrants: police-recorded offences”."""
    label = INDICATORS[state.indicator].label
    return f"“{label}” per 100,000 population" if state.measure == "per100k" else f"“{label}”"


def _countries(n: int) -> str:
    return f"{n} {'country' if n == 1 else 'countries'}"


def _years(state: ViewState) -> str:
    lo, hi = state.years
    return str(lo) if lo == hi else f"{lo}–{hi}"


def _ranked(names: list[str], values: list[str]) -> str:
    """'Türkiye (6,302), followed by Greece (1,533) and Croatia (946)'."""
    parts = [f"{n} ({v})" for n, v in zip(names, values, strict=True)]
    return parts[0] + (f", followed by {_and(parts[1:])}" if len(parts) > 1 else "")


def _said(record: dict, per100k: bool = False) -> str:
    """A value for a sentence: as the hover writes it, but shorter. A total that includes masked counts is its
    range ("8–12"); a partial year is said once, at the paragraph's end."""
    tokens = flag_tokens(record.get("flag"))
    value, lower = record.get("value"), record.get("lower")
    if "includes_masked" in tokens and pd.notna(value) and lower is not None and pd.notna(lower):
        return f"{format_value(lower, '', per100k)}–{format_value(value, '', per100k)}"
    return row_value({**record, "flag": " ".join(sorted(tokens - {"partial_year"}))}, per100k)


def _has(frame: pd.DataFrame, token: str) -> pd.Series:
    return frame["flag"].map(lambda f: token in flag_tokens(f)).astype(bool)


def _without(part: pd.DataFrame) -> str:
    """The sentences naming the participating countries without a value, each group with its reason."""
    empty = part["value"].isna()
    ranged = part[empty & part["lower"].notna() & part["upper"].notna()]
    suppressed = part[empty & _has(part, "suppressed") & ~part.index.isin(ranged.index)]
    no_rate = part[empty & _has(part, "no_population")]
    missing = part[empty & ~part.index.isin([*ranged.index, *suppressed.index, *no_rate.index])]
    text = ""
    if len(ranged):
        text += " Withheld, within a range: " + _and(
            [f"{n} ({_said(r)})" for n, r in zip(ranged["name"], ranged.to_dict("records"), strict=True)]) + "."
    if len(suppressed):
        text += f" Fewer than 5 (suppressed): {_and(suppressed['name'].tolist())}."
    if len(no_rate):
        text += f" No rate per 100,000 ({NO_POPULATION}): {_and(no_rate['name'].tolist())}."
    if len(missing):
        text += f" No data: {_and(missing['name'].tolist())}."
    return text


def map_summary(store: Store, state: ViewState) -> str:
    per100k = state.measure == "per100k"
    frame = map_frame(store, state)
    part = frame[frame["participating"]]
    known = part[part["value"].notna()].sort_values(["value", "name"], ascending=[False, True])
    what = _what(state)
    if known.empty:
        text = f"In {state.year}, none of the {len(PARTICIPATING)} participating countries has a value of {what}."
    else:
        top = known.head(LEADERS)
        values = [_said(r, per100k) for r in top.to_dict("records")]
        names = top["name"].tolist()
        among = f"{_countries(len(known))} participating with data"
        text = f"In {state.year}, {names[0]} had the highest value of {what} among the {among} ({values[0]})"
        text += f", followed by {_and([f'{n} ({v})' for n, v in zip(names[1:], values[1:], strict=True)])}." \
            if len(names) > 1 else "."
        if len(known) > LEADERS:
            low = known.iloc[-1]
            text += f" The lowest was {low['name']} ({_said(low.to_dict(), per100k)})."
    return text + _without(part)


def ranking_summary(store: Store, state: ViewState) -> str:
    """The ranking in words: every one of the 11 in order, with its value, then those without one."""
    per100k = state.measure == "per100k"
    frame = ranking_frame(store, state)
    known = frame[frame["value"].notna()]
    if known.empty:
        text = f"{ranking_title(state)}: none of the {len(PARTICIPATING)} countries has a value."
    else:
        order = [f"{n} ({_said(r, per100k)})" for n, r in zip(known["name"], known.to_dict("records"),
                                                                    strict=True)]
        text = f"{ranking_title(state)}: {_and(order)}."
    return text + _without(frame)


def _route_sankey_summary(store: Store, state: ViewState, links: pd.DataFrame) -> str:
    first = links[links["kind"] == "nationality→route"]
    total = first["value"].sum()
    routes = [state.route] if state.route else list(SEE_ROUTES)
    top = first.sort_values(["value", "source"], ascending=[False, True]).head(LEADERS)
    names = [f"{store.name(s)} on the {t}" for s, t in zip(top["source"], top["target"], strict=True)]
    text = (f"In {_years(state)}, Frontex recorded {format_value(total)} detections of illegal border-crossing on "
            f"the {_and(routes)}. By nationality, the largest were "
            f"{_ranked(names, [format_value(v) for v in top['value']])}.")
    border = links[links["kind"] == "route→border"].groupby("target")["value"].sum()
    if not border.empty:
        text += " By border type: " + _and([f"{k.lower()} {format_value(v)}" for k, v in border.items()]) + "."
    return text


def sankey_summary(store: Store, state: ViewState) -> str:
    data = sankey_data(store, state)
    if data.links.empty:
        return data.message
    if CRIMES[state.crime].routes:
        return _route_sankey_summary(store, state, data.links)
    links = data.links.sort_values(["value", "source"], ascending=[False, True])
    top = links.head(LEADERS)
    names = [f"{store.name(s)} to {store.name(t)}" for s, t in zip(top["source"], top["target"], strict=True)]
    masked = any({"masked", "includes_masked"} & flag_tokens(f) for f in links["flag"])
    total = {"value": links["value"].sum(), "lower": lower_bounds(links).sum(),
             "flag": "includes_masked" if masked else ""}
    return (f"{sankey_title(state)}: {_said(total)} in all, in {len(links)} flows. The "
            f"largest were from {_ranked(names, [_said(r) for r in top.to_dict('records')])}.")


def series_summary(store: Store, state: ViewState) -> str:
    frame = series_frame(store, state)
    if state.series == "route":
        if frame.empty:
            return "Frontex recorded no detections on these routes."
        peak = frame.loc[frame["detections"].idxmax()]
        in_year = frame[frame["month"].str.startswith(str(state.year))].groupby("route")["detections"].sum()
        routes = frame["route"].unique()
        where = f"the {routes[0]}" if len(routes) == 1 else f"{len(routes)} routes"
        text = (f"Frontex detections of illegal border-crossing per month on {where}, "
                f"{frame['month'].min()} to {frame['month'].max()}. The highest month was {peak['month']} on the "
                f"{peak['route']} ({format_value(peak['detections'])}).")
        if not in_year.empty:
            lead = in_year.sort_values(ascending=False)
            text += f" In {state.year}, the {lead.index[0]} had the most ({format_value(lead.iloc[0])})."
        return text
    per100k = state.measure == "per100k"
    known = frame[frame["value"].notna()]
    what = _what(state)
    if known.empty:
        return f"No values of {what} for the chosen countries."
    peak = known.sort_values(["value", "year"], ascending=[False, True]).iloc[0]
    text = (f"{what}, {int(known['year'].min())} to {int(known['year'].max())}, for "
            f"{_countries(known['iso3'].nunique())} with data. The highest value was {peak['name']} in "
            f"{int(peak['year'])} ({_said(peak.to_dict(), per100k)}).")
    this = known[known["year"] == state.year].sort_values(["value", "name"], ascending=[False, True])
    if not this.empty:
        lead = this.iloc[0]
        text += f" In {state.year}, {lead['name']} had the highest ({_said(lead.to_dict(), per100k)})."
    return text


#: Columns shown as written (years, ranks), not as quantities with thousands separators.
_PLAIN = {"year", "year_from", "year_to", "rank", "ranked_of", "month"}
#: Most rows a table shows on the page; the CSV download has them all.
MAX_TABLE_ROWS = 500


def table_cells(frame: pd.DataFrame, per100k: bool = False) -> tuple[list[str], list[list[str]]]:
    """A panel's rows as text cells, numbers as the chart writes them: ("no data", "fewer than 5", 1,234)."""
    columns = [c for c in frame.columns if c != "participating"]
    rows = []
    for record in frame.head(MAX_TABLE_ROWS).to_dict(orient="records"):
        row = []
        for column in columns:
            value = record[column]
            if column == "value":
                row.append(row_value(record, per100k))
            elif isinstance(value, float) and pd.isna(value):
                row.append("")
            elif column in _PLAIN or not isinstance(value, int | float) or isinstance(value, bool):
                row.append(str(int(value)) if isinstance(value, float) and value.is_integer() else str(value))
            else:
                row.append(format_value(value, "", per100k and column == "change"))
        rows.append(row)
    return [c.replace("_", " ") for c in columns], rows
