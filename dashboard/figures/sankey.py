"""The Sankey of flows for the selected years: who moves, by which route or to which country.

- Irregular migration: nationality -> Frontex route -> sea or land (detections of illegal border-crossing).
- Trafficking: citizenship of detected victims -> country of detection (UNODC GLOTIP).
- Asylum: citizenship -> country of application (Eurostat) or origin -> country of asylum (UNHCR).
Other crime types have no flow data: their Flows slot shows the ranking panel instead (figures/ranking.py).

A link that sums UNHCR cells published as 5 (masked counts of 1 to 5) carries the flag includes_masked and its
lower bound, the sum minus 4 per masked cell, so "All others" never passes a sum of masked cells off as exact.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from functools import lru_cache

import pandas as pd
import plotly.graph_objects as go

from dashboard.catalog import CRIMES, GROUP_NAMES, PARTICIPATING, ROUTE_SHORT, flag_tokens
from dashboard.figures import theme
from dashboard.figures.choropleth import class_colours
from dashboard.figures.notes import partial_suffix
from dashboard.i18n.locales import DEFAULT_LANG
from dashboard.i18n.messages import N_, translator
from dashboard.i18n.names import country_name
from dashboard.store import Store
from dashboard.view.state import ViewState, view_routes

OTHER = N_("All others")
#: Frontex's border types (data/routes.parquet): Sankey nodes and summaries say them in the reader's language.
BORDER_TYPES = (N_("Sea"), N_("Land"))
#: The links' columns, as drawn and downloaded.
LINK_COLUMNS = ["source", "target", "value", "flag", "lower", "kind", "source_id"]
#: The Sankey's heading, by what it draws: Frontex routes, or a flow measure.
_TITLES = {
    "routes": N_("Detections by nationality, route and border type"),
    "thb_victims_by_citizenship": N_("Detected victims: citizenship → country of detection"),
    "asylum_applications": N_("Asylum applications: origin → country of asylum"),
    "asylum_applicants": N_("Asylum applicants (Eurostat): citizenship → country of application"),
    "refugees_by_origin": N_("Origin → country of asylum"),
    "asylum_seekers_by_origin": N_("Origin → country of asylum"),
}


@dataclass
class SankeyData:
    """The links behind the Sankey (also its CSV download) and, when there is nothing to draw, why."""

    links: pd.DataFrame  # columns: LINK_COLUMNS
    message: str = ""
    note: str = ""
    #: What was looked for ("routes", "flows", or "none" where the crime type has no flows) and how many flows
    #: published as fewer than 5 are left out: what the message and note are written from, in any language.
    kind: str = "none"
    suppressed: int = 0


def _years_text(state: ViewState) -> str:
    lo, hi = state.years
    return str(lo) if lo == hi else f"{lo}–{hi}"


def _top_with_other(df: pd.DataFrame, key: str, n: int) -> pd.DataFrame:
    """Keep the n largest values of `key` by total, folding the rest into one 'Other' group."""
    totals = df.groupby(key)["value"].sum().sort_values(ascending=False)
    keep = set(totals.index[:n])
    out = df.copy()
    out[key] = out[key].where(out[key].isin(keep), OTHER)
    return out


def _route_links(store: Store, state: ViewState) -> SankeyData:
    lo, hi = state.years
    rows = store.route_rows(list(view_routes(state)), [state.nationality] if state.nationality else None, lo, hi)
    if rows.empty:
        return SankeyData(pd.DataFrame(), kind="routes")
    rows = rows.rename(columns={"detections": "value"})
    rows = _top_with_other(rows, "nationality", state.top)
    first = rows.groupby(["nationality", "route"], as_index=False)["value"].sum()
    first = first.rename(columns={"nationality": "source", "route": "target"}).assign(kind="nationality→route")
    second = rows.groupby(["route", "border_type"], as_index=False)["value"].sum()
    second = second.rename(columns={"route": "source", "border_type": "target"}).assign(kind="route→border")
    links = pd.concat([first, second], ignore_index=True).assign(source_id="frontex", flag="", lower=float("nan"))
    return SankeyData(links[LINK_COLUMNS], kind="routes")


def lower_bounds(rows: pd.DataFrame) -> pd.Series:
    """Each row's least possible value: its `lower` where the data gives one, 1 for a masked 5, else the value."""
    masked = pd.Series([4.0 * ("masked" in flag_tokens(f)) for f in rows["flag"]], index=rows.index)
    return rows["lower"].where(rows["lower"].notna(), rows["value"] - masked)


def _masked_sums(rows: pd.DataFrame, keys: list[str]) -> pd.DataFrame:
    """Sum rows by `keys`, carrying their flag tokens. A lone masked cell stays "masked" (5 or fewer); a sum
    that includes masked cells becomes "includes_masked", with lower = the sum of each row's lower bound (a
    masked 5 counts as 1, a flagged total as its own lower bound)."""
    tokens = [flag_tokens(f) for f in rows["flag"]]
    grouped = rows.assign(n=1, floor=lower_bounds(rows), tokens=tokens).groupby(keys, as_index=False)
    out = grouped.agg(value=("value", "sum"), n=("n", "sum"), floor=("floor", "sum"), source_id=("source", "first"),
                      tokens=("tokens", lambda ts: frozenset().union(*ts)))
    flags = []
    for ts, n in zip(out["tokens"], out["n"], strict=True):
        kept = set(ts) - {"masked", "includes_masked"}
        if ts & {"masked", "includes_masked"}:
            kept.add("masked" if n == 1 and "masked" in ts else "includes_masked")
        flags.append(" ".join(sorted(kept)))
    out["flag"] = flags
    out["lower"] = out["floor"].where(["includes_masked" in f.split() for f in flags])
    return out.drop(columns=["n", "floor", "tokens"])


def _flow_links(store: Store, state: ViewState, measure: str) -> SankeyData:
    lo, hi = state.years
    destinations = list(state.countries) or list(PARTICIPATING)
    rows = store.flow_rows([measure], [state.nationality] if state.nationality else None, destinations, lo, hi)
    suppressed = sum("suppressed" in flag_tokens(f) for f in rows["flag"])
    rows = rows[rows["value"].notna() & (rows["value"] > 0)]
    if rows.empty:
        return SankeyData(pd.DataFrame(), kind="flows", suppressed=suppressed)
    rows = _top_with_other(rows, "origin", state.top)
    links = _masked_sums(rows, ["origin", "destination"])
    links = links.rename(columns={"origin": "source", "destination": "target"}).assign(kind="origin→destination")
    return SankeyData(links[LINK_COLUMNS], kind="flows", suppressed=suppressed)


def _with_words(store: Store, state: ViewState, data: SankeyData) -> SankeyData:
    """The links with their message (why nothing is drawn) and note in the view's language."""
    t = translator(state.lang)
    message = note = ""
    if data.kind == "routes":
        if data.links.empty:
            message = t("Frontex recorded no detections on these routes in {years}.", years=_years_text(state))
        elif state.countries:
            note = t("Selected countries do not filter this chart: Frontex reports by route, not by country.")
    elif data.kind == "flows":
        if data.links.empty:
            destinations = list(state.countries) or list(PARTICIPATING)
            where = ", ".join(country_name(d, state.lang, store.name(d)) for d in destinations[:5]) + (
                "…" if len(destinations) > 5 else "")
            message = t("No flows published for {where} in {years}.", where=where, years=_years_text(state))
        elif data.suppressed:
            note = t.n("{n} flow published as fewer than 5 is not drawn.",
                       "{n} flows published as fewer than 5 are not drawn.", data.suppressed)
    else:
        message = t(CRIMES[state.crime].no_flows)
    return replace(data, message=message, note=note)


@lru_cache(maxsize=64)
def _english_data(store: Store, state: ViewState) -> SankeyData:
    """The links of an English view, kept once for every language (64 views, not 64 views x 12 languages)."""
    crime = CRIMES[state.crime]
    if crime.routes:
        data = _route_links(store, state)
    elif (measure := crime.flows(state.indicator)) is not None:
        data = _flow_links(store, state, measure)
    else:
        data = SankeyData(pd.DataFrame())
    return _with_words(store, state, data)


def sankey_data(store: Store, state: ViewState) -> SankeyData:
    """The links for the current view, or a plain-words message where the data has no flows.

    The figure, its CSV, summary and source notes all read these, so they are computed once per view (read-only)
    and shared by every language: the links are language-neutral, the message and note are written per language.
    """
    if state.lang == DEFAULT_LANG:
        return _english_data(store, state)
    return _with_words(store, state, _english_data(store, replace(state, lang=DEFAULT_LANG)))


def sankey_title(state: ViewState) -> str:
    t = translator(state.lang)
    crime = CRIMES[state.crime]
    drawn = "routes" if crime.routes else crime.flows(state.indicator)
    heading = t(_TITLES[drawn]) if drawn in _TITLES else t("No flow data")
    return f"{heading}, {_years_text(state)}"


def has_flows(crime: str) -> bool:
    """Whether a crime type's Sankey draws anything: Frontex routes or a flow measure (else its Flows slot ranks)."""
    record = CRIMES[crime]
    return record.routes or record.flow_measure is not None or bool(record.flow_for_indicator)


def flow_sources(state: ViewState) -> tuple[str, ...]:
    """The sources whose coverage the Sankey's years depend on (Frontex's ends inside 2025)."""
    return ("frontex",) if CRIMES[state.crime].routes else ()


def sankey_heading(store: Store, state: ViewState) -> str:
    """The title, with a year a source covers only in part flagged: '…, 2025 (January–April only)'."""
    return sankey_title(state) + partial_suffix(store, flow_sources(state), state.years, state.lang)


def _node_labels(store: Store, nodes: list[str], links: pd.DataFrame, src: list[str], dst: list[str],
                 lang: str) -> list[str]:
    """Node labels; a node whose flows include masked counts says so ("All others (includes masked counts)")."""
    t = translator(lang)
    masked = {n for n, f in [*zip(src, links["flag"], strict=True), *zip(dst, links["flag"], strict=True)]
              if {"masked", "includes_masked"} & flag_tokens(f)}
    labels = []
    for node in nodes:
        code = node.split(":", 1)[1]
        if code == OTHER:
            labels.append(t("All others (includes masked counts)") if node in masked else t(OTHER))
        else:
            labels.append(_node_label(store, code, lang))
    return labels


def _node_label(store: Store, node: str, lang: str) -> str:
    """A route's short name (Frontex's own, in English), a publisher's group ("Stateless") or a border type
    ("Sea") in `lang`, or a country's name in `lang`."""
    if node in ROUTE_SHORT:
        return ROUTE_SHORT[node]
    if node in BORDER_TYPES:
        return translator(lang)(node)
    return origin_name(store, node, lang)


def origin_name(store: Store, code: str, lang: str = DEFAULT_LANG) -> str:
    """An origin or destination of the links in `lang`: a country, a publisher's group ("Stateless"), "All others".

    The links keep the codes (and "All others") as the CSV downloads them; only what is read is translated."""
    if code == OTHER or code in GROUP_NAMES:
        return translator(lang)(GROUP_NAMES.get(code, code))
    return country_name(code, lang, store.name(code)) if len(code) == 3 and code.isupper() else code


def patch_paths(figure: dict) -> dict[str, object]:
    """What tells one Sankey figure (as a dict) from another: the trace, the title and the "no flows" note.

    The rest of the layout (theme, plotly's template: two thirds of the figure's bytes) is the same for every
    view, so a Patch of these paths turns any drawn Sankey into this one; year frames and steps send only them.
    """
    layout = figure["layout"]
    return {"data": figure["data"], "layout.title.text": layout["title"]["text"],
            "layout.annotations": layout.get("annotations", [])}


def build_sankey(store: Store, state: ViewState) -> go.Figure:
    """The Sankey figure; nodes carry their code in customdata so a click can filter the view."""
    data = sankey_data(store, state)
    fig = go.Figure()
    # Axes stay hidden in every Sankey, not only the empty one, so that all share one layout (patch_paths).
    fig.update_layout(**theme.base_layout(sankey_heading(store, state), state.lang), xaxis={"visible": False},
                      yaxis={"visible": False})
    if data.links.empty:
        fig.add_annotation(text=theme.wrap(data.message), x=0.5, y=0.5, xref="paper", yref="paper",
                           showarrow=False, font={"size": 15, "color": theme.MUTED})
        return fig
    links = data.links
    roles = links["kind"].str.split("→", expand=True)
    src = (roles[0] + ":" + links["source"]).tolist()
    dst = (roles[1] + ":" + links["target"]).tolist()
    nodes = list(dict.fromkeys([*src, *dst]))  # "role:code", so ALB as origin and as destination stay apart
    index = {n: i for i, n in enumerate(nodes)}
    map_colours = class_colours(store, state)
    partial = partial_suffix(store, flow_sources(state), state.years, state.lang)

    def colour(node: str) -> str:
        role, code = node.split(":", 1)
        if role == "route":
            return theme.ROUTE_COLOURS.get(code, theme.OTHER_NODE)
        if role == "border":
            return theme.BORDER_TYPE_COLOURS.get(code, theme.OTHER_NODE)
        if role == "destination":
            return map_colours.get(code, theme.NO_DATA)
        return theme.OTHER_NODE

    fig.add_trace(go.Sankey(
        arrangement="snap",
        valueformat=",.0f",
        node={"label": _node_labels(store, nodes, links, src, dst, state.lang), "customdata": nodes,
              "pad": 12, "thickness": 16,
              "color": [colour(n) for n in nodes],
              # Selected countries need no outline here: the Sankey already shows only them as destinations.
              # A dark outline (4.8:1 on white) keeps light-coloured nodes visible as shapes (WCAG 1.4.11).
              "line": {"color": theme.BORDER, "width": 1},
              "hovertemplate": "%{label}: %{value:,.0f}<extra></extra>"},
        link={"source": [index[s] for s in src], "target": [index[t] for t in dst],
              "value": links["value"].astype(float).tolist(), "color": "rgba(120,130,145,0.28)",
              "hovertemplate": "%{source.label} → %{target.label}: %{customdata}<extra></extra>",
              "customdata": [text + partial for text in theme.frame_values(links, lang=state.lang)]},
    ))
    return fig
