"""What a country profile page says and links to, in the reader's language, as plain data: layouts/country.py only
lays it out. Every number comes from the profile's rows (profile.rows) and flows (profile.flows); every link from
the one URL builder (dashboard.web.urls), so it keeps the base path and the reader's language.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from dashboard.catalog import CRIMES, INDICATORS, PARTICIPATING
from dashboard.i18n.lists import and_list
from dashboard.i18n.locales import DEFAULT_LANG
from dashboard.i18n.messages import translator
from dashboard.panels.provenance import releases
from dashboard.profile.figures import indicator_figure
from dashboard.profile.flow_words import FlowBlock, Link, RouteBlock, flow_block, route_block
from dashboard.profile.flows import flow_tables, route_rows
from dashboard.profile.places import NEIGHBOURS_BASIS, NO_NEIGHBOURS, neighbours
from dashboard.profile.rows import latest_rows, profile_rows
from dashboard.profile.text import block_provenance, latest_words, name_of, table_cells
from dashboard.store import Store
from dashboard.view.state import Domain, ViewState, default_state
from dashboard.web.urls import country_url, embed_url, export_url, page_url, path_url, twin_url


@dataclass(frozen=True)
class Block:
    """One indicator of the profile: its headline (latest year, value, flags, change, rank, unranked), chart and
    caption, table, sources, caveats and links to its view on the dashboard."""

    indicator: str
    heading: str
    unit: str
    latest: dict[str, object]
    figure: dict
    caption: str
    columns: list[str]
    cells: list[list[str]]
    sources: list[str]
    caveats: list[str]
    links: list[Link]


@dataclass(frozen=True)
class Section:
    heading: str
    blocks: list[Block]


@dataclass(frozen=True)
class Profile:
    iso3: str
    name: str
    lang: str
    title: str
    intro: str
    comparison: str
    links: list[Link]
    sections: list[Section]
    flows: list[FlowBlock]
    routes: RouteBlock
    releases: list[str] = field(default_factory=list)


def country_view(domain: Domain, iso3: str, lang: str, indicator: str | None = None,
                 year: int | None = None) -> ViewState:
    """The dashboard's view with the country selected (as a click on it on the map selects it), at an indicator's
    year where one is given; its series shows the countries, as after that click."""
    crime = INDICATORS[indicator].crime_type if indicator else None
    base = default_state(domain, crime, indicator) if crime else default_state(domain)
    state = base.with_(countries=(iso3,), series="country", lang=lang)
    return state.with_(year=year) if year in domain.years(state.crime, state.indicator) else state


def profile_offers(store: Store, countries: object, lang: str, base_path: str = "/") -> list[Link]:
    """The profiles a view with countries selected offers: "Serbia's profile" for each of the 11 among them.
    `countries` comes from the browser (anything); only codes of the 11 are offered, once each, in order."""
    t = translator(lang)
    codes = [c for c in countries if isinstance(c, str)] if isinstance(countries, list | tuple) else []
    chosen = list(dict.fromkeys(c for c in codes if c in PARTICIPATING))
    return [Link(t("{country}'s profile", country=name_of(store, c, lang)), country_url(c, base_path, lang))
            for c in chosen]


def _block(store: Store, domain: Domain, iso3: str, indicator: str, rows: object, lang: str,
           base_path: str) -> Block:
    t = translator(lang)
    latest = latest_rows(rows).iloc[0].to_dict()
    figure, caption = indicator_figure(store, iso3, indicator, lang)
    columns, cells = table_cells(rows, lang)
    info = block_provenance(store, rows, indicator, lang)
    view = country_view(domain, iso3, lang, indicator, int(latest["year"]))
    links = [Link(t("Open in the dashboard"), page_url(view, domain, base_path)),
             Link(t("Embed"), embed_url(view, domain, "series", base_path)),
             Link(t("Export (PNG)"), export_url(view, domain, "series.png", base_path), export=True)]
    return Block(indicator, t(INDICATORS[indicator].label), t(INDICATORS[indicator].unit),
                 latest_words(store, latest, lang), figure, caption, columns, cells, info["sources"],
                 info["caveats"], links)


def _sections(store: Store, domain: Domain, iso3: str, lang: str, base_path: str) -> list[Section]:
    """The indicator blocks, grouped under their crime types in the menu's order."""
    rows = profile_rows(store, iso3)
    t = translator(lang)
    sections = []
    for crime in CRIMES.values():
        ids = [i for i in rows["indicator"].unique() if INDICATORS[i].crime_type == crime.id]
        blocks = [_block(store, domain, iso3, i, rows[rows["indicator"] == i], lang, base_path) for i in ids]
        if blocks:
            sections.append(Section(t(crime.label), blocks))
    return sections


def _comparison(store: Store, iso3: str, lang: str) -> str:
    t = translator(lang)
    near = [name_of(store, c, lang) for c in neighbours(iso3)]
    if not near:
        return t(NO_NEIGHBOURS)
    return t(NEIGHBOURS_BASIS) + " " + t("Neighbours: {countries}.", countries=and_list(near, lang))


def build_profile(store: Store, domain: Domain, iso3: str, lang: str = DEFAULT_LANG, base_path: str = "/") -> Profile:
    """Everything the profile page of one of the 11 shows, in `lang`."""
    t = translator(lang)
    name = name_of(store, iso3, lang)
    dashboard = page_url(country_view(domain, iso3, lang), domain, base_path)
    links = [Link(t("Open the dashboard with {country} selected", country=name), dashboard),
             Link("CSV", twin_url(iso3, "csv", base_path, lang)), Link("JSON", twin_url(iso3, "json", base_path, lang)),
             Link(t("All country profiles"), path_url("country", base_path) + (f"?lang={lang}" if lang != DEFAULT_LANG
                                                                               else ""))]
    sections = _sections(store, domain, iso3, lang, base_path)
    flows = [flow_block(store, table, iso3, lang, base_path) for table in flow_tables(store, iso3)]
    routes = route_block(store, domain, route_rows(store, iso3), iso3, lang, base_path)
    sources = {*profile_rows(store, iso3)["source"].astype(str), *(table.source for table in flows), "frontex"}
    intro = t("Every figure the project holds for {country}, as its publisher released it: for each indicator the "
              "latest value with its year and flags, the change from the year before and the rank among the 11 "
              "participating countries (1 = highest), and its series against its neighbours and the range of the "
              "11.", country=name)
    return Profile(iso3, name, lang, t("{country}: country profile", country=name), intro,
                   _comparison(store, iso3, lang), links, sections, flows, routes, releases(store, sources, lang))
