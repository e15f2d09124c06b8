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
from dashboard.figures.compare import change_text, compare_frame, side
from dashboard.figures.ranking import ranking_frame, ranking_title
from dashboard.figures.sankey import lower_bounds, origin_name, sankey_data, sankey_title
from dashboard.figures.theme import format_value, row_value
from dashboard.figures.timeseries import series_frame
from dashboard.i18n.lists import and_list
from dashboard.i18n.locales import DEFAULT_LANG
from dashboard.i18n.messages import N_, translator
from dashboard.i18n.names import country_name
from dashboard.i18n.numbers import number
from dashboard.store import Store
from dashboard.view.state import ViewState, view_routes

#: How many leaders a sentence names before "followed by".
LEADERS = 3
#: Frontex's border types (data/routes.parquet), said in the reader's language.
BORDER_TYPES = (N_("Sea"), N_("Land"))


def _what(state: ViewState) -> str:
    """The indicator's label with its measure, quoted: “Smuggling of migrants: police-recorded offences”."""
    t = translator(state.lang)
    label = t(INDICATORS[state.indicator].label)
    return t("“{label}” per 100,000 population", label=label) if state.measure == "per100k" else f"“{label}”"


def _years(state: ViewState) -> str:
    lo, hi = state.years
    return str(lo) if lo == hi else f"{lo}–{hi}"


def _names(frame: pd.DataFrame, lang: str) -> list[str]:
    return [country_name(c, lang, n) for c, n in zip(frame["iso3"], frame["name"], strict=True)]


def _ranked(names: list[str], values: list[str], lang: str) -> str:
    """'Türkiye (6,302), followed by Greece (1,533) and Croatia (946)'."""
    parts = [f"{n} ({v})" for n, v in zip(names, values, strict=True)]
    if len(parts) == 1:
        return parts[0]
    t = translator(lang)
    return t("{first}, followed by {others}", first=parts[0], others=and_list(parts[1:], lang))


def _said(record: dict, per100k: bool = False, lang: str = "en") -> str:
    """A value for a sentence: as the hover writes it, but shorter. A total that includes masked counts is its
    range ("8–12"); a partial year is said once, at the paragraph's end."""
    tokens = flag_tokens(record.get("flag"))
    value, lower = record.get("value"), record.get("lower")
    if "includes_masked" in tokens and pd.notna(value) and lower is not None and pd.notna(lower):
        return f"{format_value(lower, '', per100k, lang=lang)}–{format_value(value, '', per100k, lang=lang)}"
    return row_value({**record, "flag": " ".join(sorted(tokens - {"partial_year"}))}, per100k, lang=lang)


def _has(frame: pd.DataFrame, token: str) -> pd.Series:
    return frame["flag"].map(lambda f: token in flag_tokens(f)).astype(bool)


def _without(part: pd.DataFrame, lang: str) -> str:
    """The sentences naming the participating countries without a value, each group with its reason."""
    t = translator(lang)
    empty = part["value"].isna()
    ranged = part[empty & part["lower"].notna() & part["upper"].notna()]
    suppressed = part[empty & _has(part, "suppressed") & ~part.index.isin(ranged.index)]
    no_rate = part[empty & _has(part, "no_population")]
    missing = part[empty & ~part.index.isin([*ranged.index, *suppressed.index, *no_rate.index])]
    text = ""
    if len(ranged):
        text += " " + t("Withheld, within a range: {countries}.", countries=and_list(
            [f"{name} ({_said(r, lang=lang)})" for name, r in zip(_names(ranged, lang), ranged.to_dict("records"),
                                                                   strict=True)], lang))
    if len(suppressed):
        text += " " + t("Fewer than 5 (suppressed): {countries}.", countries=and_list(_names(suppressed, lang), lang))
    if len(no_rate):
        text += " " + t("No rate per 100,000 ({reason}): {countries}.", reason=t(NO_POPULATION),
                        countries=and_list(_names(no_rate, lang), lang))
    if len(missing):
        text += " " + t("No data: {countries}.", countries=and_list(_names(missing, lang), lang))
    return text


def map_summary(store: Store, state: ViewState) -> str:
    per100k, lang = state.measure == "per100k", state.lang
    t = translator(lang)
    frame = map_frame(store, state)
    part = frame[frame["participating"]]
    known = part[part["value"].notna()].sort_values(["value", "name"], ascending=[False, True])
    what = _what(state)
    if known.empty:
        text = t("In {year}, none of the {n} participating countries has a value of {what}.", year=state.year,
                 n=len(PARTICIPATING), what=what)
    else:
        top = known.head(LEADERS)
        values = [_said(r, per100k, lang) for r in top.to_dict("records")]
        names = _names(top, lang)
        text = t.n("In {year}, {first} had the highest value of {what} among the {n} country participating with "
                   "data ({value})", "In {year}, {first} had the highest value of {what} among the {n} countries "
                   "participating with data ({value})", len(known), year=state.year, first=names[0], what=what,
                   value=values[0])
        text += t(", followed by {others}.", others=and_list(
            [f"{name} ({v})" for name, v in zip(names[1:], values[1:], strict=True)], lang)) if len(names) > 1 else "."
        if len(known) > LEADERS:
            low = known.iloc[-1]
            text += " " + t("The lowest was {name} ({value}).", name=country_name(low["iso3"], lang, low["name"]),
                            value=_said(low.to_dict(), per100k, lang))
    return text + _without(part, lang)


def compare_summary(store: Store, state: ViewState) -> str:
    """The comparison in words: the largest moves among the 11 (by size, in the indicator's unit), each from its
    earlier to its later value, then the countries without a value in one of the years (no comparison, not 0)."""
    per100k, lang = state.measure == "per100k", state.lang
    t = translator(lang)
    part = compare_frame(store, state)
    part = part[part["participating"]]
    known = part[part["change"].notna()].assign(size=lambda f: f["change"].abs())
    known = known.sort_values(["size", "name"], ascending=[False, True])
    if known.empty:
        text = t("No participating country has a value of {what} in both {compare} and {year}.", what=_what(state),
                 compare=state.compare, year=state.year)
    else:
        top = known.head(LEADERS)
        moves = [t("{name} (from {before} to {after}: {change})", name=name, before=_said(side(r, "compare_"),
                   per100k, lang), after=_said(side(r, ""), per100k, lang), change=change_text(r, state))
                 for name, r in zip(_names(top, lang), top.to_dict("records"), strict=True)]
        text = t("From {compare} to {year}, the largest changes in {what} were: {moves}.", compare=state.compare,
                 year=state.year, what=_what(state), moves=and_list(moves, lang))
    missing = part[part["change"].isna()]
    if len(missing):
        text += " " + t("No comparison (no value in one of the years): {countries}.",
                        countries=and_list(_names(missing, lang), lang))
    return text


def ranking_summary(store: Store, state: ViewState) -> str:
    """The ranking in words: every one of the 11 in order, with its value, then those without one."""
    per100k, lang = state.measure == "per100k", state.lang
    t = translator(lang)
    frame = ranking_frame(store, state)
    known = frame[frame["value"].notna()]
    if known.empty:
        text = t("{title}: none of the {n} countries has a value.", title=ranking_title(state), n=len(PARTICIPATING))
    else:
        order = [f"{n} ({_said(r, per100k, lang)})" for n, r in zip(_names(known, lang), known.to_dict("records"),
                                                                    strict=True)]
        text = f"{ranking_title(state)}: {and_list(order, lang)}."
    return text + _without(frame, lang)


def _route_sankey_summary(store: Store, state: ViewState, links: pd.DataFrame) -> str:
    lang = state.lang
    t = translator(lang)
    first = links[links["kind"] == "nationality→route"]
    total = first["value"].sum()
    routes = list(view_routes(state))
    top = first.sort_values(["value", "source"], ascending=[False, True]).head(LEADERS)
    names = [t("{nationality} on the {route}", nationality=origin_name(store, s, lang), route=r)
             for s, r in zip(top["source"], top["target"], strict=True)]
    text = t("In {years}, Frontex recorded {total} detections of illegal border-crossing on the {routes}. By "
             "nationality, the largest were {largest}.", years=_years(state), total=format_value(total, lang=lang),
             routes=and_list(routes, lang),
             largest=_ranked(names, [format_value(v, lang=lang) for v in top["value"]], lang))
    border = links[links["kind"] == "route→border"].groupby("target")["value"].sum()
    if not border.empty:
        text += " " + t("By border type: {types}.", types=and_list(
            [f"{t(k).lower()} {format_value(v, lang=lang)}" for k, v in border.items()], lang))
    return text


def sankey_summary(store: Store, state: ViewState) -> str:
    lang = state.lang
    t = translator(lang)
    data = sankey_data(store, state)
    if data.links.empty:
        return data.message
    if CRIMES[state.crime].routes:
        return _route_sankey_summary(store, state, data.links)
    links = data.links.sort_values(["value", "source"], ascending=[False, True])
    top = links.head(LEADERS)
    names = [t("{origin} to {destination}", origin=origin_name(store, s, lang),
               destination=origin_name(store, d, lang)) for s, d in zip(top["source"], top["target"],
                                                                                  strict=True)]
    masked = any({"masked", "includes_masked"} & flag_tokens(f) for f in links["flag"])
    total = {"value": links["value"].sum(), "lower": lower_bounds(links).sum(),
             "flag": "includes_masked" if masked else ""}
    return t.n("{title}: {total} in all, in {n} flow. The largest were from {largest}.",
               "{title}: {total} in all, in {n} flows. The largest were from {largest}.", len(links),
               title=sankey_title(state), total=_said(total, lang=lang),
               largest=_ranked(names, [_said(r, lang=lang) for r in top.to_dict("records")], lang))


def _route_series_summary(state: ViewState, frame: pd.DataFrame) -> str:
    lang = state.lang
    t = translator(lang)
    if frame.empty:
        return t("Frontex recorded no detections on these routes.")
    peak = frame.loc[frame["detections"].idxmax()]
    in_year = frame[frame["month"].str.startswith(str(state.year))].groupby("route")["detections"].sum()
    routes = frame["route"].unique()
    where = t("the {route}", route=routes[0]) if len(routes) == 1 else t.n("{n} route", "{n} routes", len(routes))
    text = t("Frontex detections of illegal border-crossing per month on {where}, {first} to {last}. The highest "
             "month was {month} on the {route} ({value}).", where=where, first=frame["month"].min(),
             last=frame["month"].max(), month=peak["month"], route=peak["route"],
             value=format_value(peak["detections"], lang=lang))
    if not in_year.empty:
        lead = in_year.sort_values(ascending=False)
        text += " " + t("In {year}, the {route} had the most ({value}).", year=state.year, route=lead.index[0],
                        value=format_value(lead.iloc[0], lang=lang))
    return text


def series_summary(store: Store, state: ViewState) -> str:
    frame = series_frame(store, state)
    if state.series == "route":
        return _route_series_summary(state, frame)
    per100k, lang = state.measure == "per100k", state.lang
    t = translator(lang)
    known = frame[frame["value"].notna()]
    what = _what(state)
    if known.empty:
        return t("No values of {what} for the chosen countries.", what=what)
    peak = known.sort_values(["value", "year"], ascending=[False, True]).iloc[0]
    text = t.n("{what}, {first} to {last}, for {n} country with data. The highest value was {name} in {year} "
               "({value}).", "{what}, {first} to {last}, for {n} countries with data. The highest value was {name} "
               "in {year} ({value}).", known["iso3"].nunique(), what=what, first=int(known["year"].min()),
               last=int(known["year"].max()), name=country_name(peak["iso3"], lang, peak["name"]),
               year=int(peak["year"]), value=_said(peak.to_dict(), per100k, lang))
    this = known[known["year"] == state.year].sort_values(["value", "name"], ascending=[False, True])
    if not this.empty:
        lead = this.iloc[0]
        text += " " + t("In {year}, {name} had the highest ({value}).", year=state.year,
                        name=country_name(lead["iso3"], lang, lead["name"]), value=_said(lead.to_dict(), per100k, lang))
    return text


#: Columns shown as written (years, ranks), not as quantities with thousands separators.
_PLAIN = {"year", "year_from", "year_to", "rank", "ranked_of", "month"}
#: Most rows a table shows on the page; the CSV download has them all.
MAX_TABLE_ROWS = 500


def table_note(total: int, lang: str, shown: int = MAX_TABLE_ROWS, embedded: bool = False) -> str:
    """How many of the rows a table shows: "(617 rows)", or "(the first 500 of 617 rows; Download CSV has them
    all)" (an embed, which has no Download button, points at "the CSV")."""
    t = translator(lang)
    if total <= shown:
        return t.n("({total} row)", "({total} rows)", total, total=number(total, lang))
    if embedded:
        return t("(the first {shown} of {total} rows; the CSV has them all)",
                 shown=number(shown, lang), total=number(total, lang))
    return t("(the first {shown} of {total} rows; Download CSV has them all)",
             shown=number(shown, lang), total=number(total, lang))


def table_cells(frame: pd.DataFrame, per100k: bool = False,
                lang: str = DEFAULT_LANG) -> tuple[list[str], list[list[str]]]:
    """A panel's rows as text cells, numbers as the chart writes them: ("no data", "fewer than 5", 1,234).

    The rows are the CSV's (English, language-neutral); in another language the headers, country names and
    numbers are the reader's, while ids, flags and dates stay as the CSV writes them."""
    t = translator(lang)
    columns = [c for c in frame.columns if c != "participating"]
    rows = []
    for record in frame.head(MAX_TABLE_ROWS).to_dict(orient="records"):
        row = []
        for column in columns:
            value = record[column]
            if column == "value" or column.endswith("_value"):  # a comparison's earlier value too
                row.append(row_value(side(record, column[: -len("value")]), per100k, lang=lang))
            elif isinstance(value, float) and pd.isna(value):
                row.append("")
            elif column == "name" and lang != DEFAULT_LANG and isinstance(record.get("iso3"), str):
                row.append(country_name(record["iso3"], lang, str(value)))
            elif column in _PLAIN or not isinstance(value, int | float) or isinstance(value, bool):
                row.append(str(int(value)) if isinstance(value, float) and value.is_integer() else str(value))
            else:
                row.append(format_value(value, "", per100k and column == "change", lang=lang))
        rows.append(row)
    return [t(c.replace("_", " ")) for c in columns], rows


#: The tables' column headers (the rows' columns, "_" read as a space), marked for the catalogues.
TABLE_HEADERS = (
    N_("iso3"), N_("name"), N_("year"), N_("indicator"), N_("measure"), N_("value"), N_("flag"), N_("lower"),
    N_("upper"), N_("source"), N_("note"), N_("rank"), N_("change"), N_("ranked of"), N_("target"), N_("kind"),
    N_("source id"), N_("year from"), N_("year to"), N_("route"), N_("month"), N_("detections"),
    N_("compare year"), N_("compare value"), N_("compare flag"), N_("compare lower"), N_("compare upper"),
    N_("compare source"), N_("compare note"), N_("change percent"), N_("change unit"),
)
