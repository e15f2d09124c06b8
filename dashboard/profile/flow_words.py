"""The flows section of a profile in words: each flow's table (partners and values as the publisher gives them, the
withheld ones named), the Frontex routes through the country, and the source and caveats of each, in the reader's
language. The rows come from profile.flows; layouts/country.py lays these out.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from dashboard.catalog import COUNTRY_SOURCE_NOTES, flag_tokens
from dashboard.figures.theme import format_value, row_value
from dashboard.i18n.lists import and_list
from dashboard.i18n.messages import N_, translator
from dashboard.panels.provenance import FRONTEX_NOTE, panel_provenance, source_label
from dashboard.profile.flows import FlowTable, nationality_counts, partner_name
from dashboard.profile.places import ROUTES_BASIS
from dashboard.profile.text import name_of
from dashboard.store import Store
from dashboard.view.state import Domain, default_state
from dashboard.web.urls import api_url, page_url

#: Per (measure, direction): the heading, the partner column's heading and the indicator whose caveat applies.
FLOW_WORDS: dict[tuple[str, str], tuple[str, str, str]] = {
    ("asylum_applications", "in"): (N_("Asylum applications lodged in {country}, by origin, {year}"), N_("Origin"),
                                    "asylum_applications"),
    ("asylum_applications", "out"): (N_("Asylum applications by citizens of {country}, by country of asylum, "
                                        "{year}"), N_("Country of asylum"), "asylum_applications"),
    ("thb_victims_by_citizenship", "in"): (N_("Trafficking victims detected in {country}, by citizenship, {year}"),
                                           N_("Citizenship"), "thb_victims"),
    ("thb_victims_by_citizenship", "out"): (N_("Citizens of {country} detected as trafficking victims in another of "
                                               "the 11, {year}"), N_("Detected in"), "thb_victims"),
}


@dataclass(frozen=True)
class Link:
    label: str
    href: str
    #: An image export: the page fetches it through assets/export.js, which waits out a busy server.
    export: bool = False


@dataclass(frozen=True)
class FlowBlock:
    heading: str
    columns: list[str]
    cells: list[list[str]]
    notes: list[str]
    source: str
    sources: list[str]
    caveats: list[str]
    links: list[Link]


@dataclass(frozen=True)
class RouteBlock:
    heading: str
    columns: list[str]
    cells: list[list[str]]
    links: list[Link]
    notes: list[str]
    sources: list[str]
    caveats: list[str]


def _withheld(store: Store, table: FlowTable, iso3: str, lang: str) -> list[str]:
    """The partners the publisher withheld, named: suppressed ones together, any other with its reason."""
    t = translator(lang)
    rows = table.withheld.to_dict(orient="records")
    suppressed = [partner_name(store, r[table.partner], iso3, lang) for r in rows if "suppressed" in
                  flag_tokens(r["flag"])]
    others = [f"{partner_name(store, r[table.partner], iso3, lang)} ({row_value(r, lang=lang)})" for r in rows
              if "suppressed" not in flag_tokens(r["flag"])]
    notes = [t("Fewer than 5 (suppressed): {countries}.", countries=and_list(suppressed, lang))] if suppressed else []
    return notes + ([t("Withheld: {countries}.", countries=and_list(others, lang))] if others else [])


def flow_block(store: Store, table: FlowTable, iso3: str, lang: str, base_path: str) -> FlowBlock:
    """One flow's table with its source line and caveats; "no flow data" in words where the file has none."""
    t = translator(lang)
    heading, partner, indicator = FLOW_WORDS[(table.measure, table.direction)]
    source = table.shown["source"].iloc[0] if len(table.shown) else (
        table.withheld["source"].iloc[0] if len(table.withheld) else "")
    year = table.year if table.year is not None else "–"
    cells = [[partner_name(store, r[table.partner], iso3, lang), row_value(r, lang=lang)]
             for r in table.shown.to_dict(orient="records")]
    notes = _withheld(store, table, iso3, lang)
    if table.more:
        notes.append(t.n("{n} more with a value: all rows in the data API.", "{n} more with a value: all rows in the "
                         "data API.", table.more))
    if table.year is None:
        notes.append(t("No flow data for this selection."))
    end = "destination" if table.direction == "in" else "origin"
    csv = api_url("flows", "csv", {"measure": table.measure, end: iso3, "year": str(table.year or "")}, base_path)
    flags = [*table.shown["flag"].astype(str), *table.withheld["flag"].astype(str)]
    info = panel_provenance(store, [source] if source else [], indicator, flags, lang)
    country_notes = [t(COUNTRY_SOURCE_NOTES[(source, iso3)])] if (source, iso3) in COUNTRY_SOURCE_NOTES else []
    return FlowBlock(t(heading, country=name_of(store, iso3, lang), year=year), [t(partner), t("Value")], cells,
                     notes, source, info["sources"], [*info["caveats"], *country_notes],
                     [Link(t("All rows (CSV)"), csv)] if table.year is not None else [])


def _largest(store: Store, route: str, year: int, codes: str, iso3: str, lang: str) -> str:
    names = codes.split()
    counts = nationality_counts(store, route, year, names)
    return and_list([f"{partner_name(store, c, iso3, lang)} ({format_value(n, lang=lang)})"
                     for c, n in zip(names, counts, strict=True)], lang)


def route_block(store: Store, domain: Domain, rows: pd.DataFrame, iso3: str, lang: str, base_path: str) -> RouteBlock:
    """The Frontex routes through the country, and the other routes its nationals were detected on."""
    t = translator(lang)
    name = name_of(store, iso3, lang)
    year = int(rows["year"].iloc[0]) if len(rows) else None
    none = t("none in Frontex's file")
    through = rows[rows["through"]].to_dict(orient="records")
    cells = [[r["route"], none if pd.isna(r["detections"]) else format_value(r["detections"], lang=lang),
              _largest(store, r["route"], year, r["top_nationalities"], iso3, lang) or none,
              none if pd.isna(r["nationals"]) else format_value(r["nationals"], lang=lang)] for r in through]
    elsewhere = [f"{r['route']} ({format_value(r['nationals'], lang=lang)})"
                 for r in rows[~rows["through"]].to_dict(orient="records")]
    notes = [t(ROUTES_BASIS)]
    if elsewhere:
        notes.append(t("Nationals of {country} were also detected on: {routes}.", country=name,
                       routes=and_list(elsewhere, lang)))
    opening = default_state(domain, "irregular-migration")
    links = [Link(r["route"], page_url(opening.with_(route=r["route"], year=year, lang=lang), domain, base_path))
             for r in through if year in domain.years(opening.crime, opening.indicator)]
    columns = [t("Route"), t("Detections, all nationalities"), t("Largest nationalities"),
               t("Detections of nationals of {country}", country=name)]
    return RouteBlock(t("Frontex routes through {country}, {year}", country=name, year=year or "–"), columns, cells,
                      links, notes, [source_label(store, "frontex", lang)], [t(FRONTEX_NOTE)])
