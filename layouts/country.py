"""Country profiles: the index of the 11 (/country), one country's profile (/country/<ISO3>), the page for a code
that is none of the 11, and the map panel's links to the profiles of the countries selected. Declarative only:
what the profile says and links to comes from dashboard.profile.page, in the reader's language.
"""

from __future__ import annotations

import json

import dash_bootstrap_components as dbc
from dash import dcc, html

from dashboard.i18n.locales import DEFAULT_LANG
from dashboard.i18n.messages import translator
from dashboard.profile.flow_words import FlowBlock, Link, RouteBlock
from dashboard.profile.page import Block, Profile
from layouts.main import header
from layouts.share import EXPORT_LINK, export_words

#: The charts draw at their own fixed size (dashboard.profile.figures): no mode bar, hover kept.
GRAPH_CONFIG = {"displayModeBar": False, "responsive": False, "displaylogo": False}


def _links(links: list[Link], class_name: str = "profile-links") -> html.Ul:
    return html.Ul([html.Li(html.A(link.label, href=link.href, className=EXPORT_LINK if link.export else None))
                    for link in links], className=class_name)


def _provenance(sources: list[str], caveats: list[str], lang: str) -> html.Div:
    t = translator(lang)
    return html.Div([html.P([html.Strong(t("Source: ")), "; ".join(sources)], className="source-line mb-1"),
                     html.Ul([html.Li(c) for c in caveats], className="caveats")], className="provenance")


def _table(caption: str, columns: list[str], cells: list[list[str]]) -> dbc.Table:
    # The block's heading says it on screen; the caption says it to a screen reader's table navigation.
    return dbc.Table([html.Caption(caption, className="visually-hidden"),
                      html.Thead(html.Tr([html.Th(c, scope="col") for c in columns])),
                      html.Tbody([html.Tr([html.Td(c) for c in row]) for row in cells])],
                     size="sm", striped=True, className="small mb-1")


def _headline(block: Block, lang: str) -> html.Dl:
    t = translator(lang)
    latest = block.latest
    items = [(t("Latest ({year})", year=latest["year"]), [html.Span(latest["value"], className="profile-value"),
                                                           *[html.Small(f, className="d-block") for f in
                                                             latest["flags"]]]),
             (t("Change"), latest["change"]), (t("Rank among the 11"), [latest["rank"], *(
                 [html.Small(latest["unranked"], className="d-block")] if latest["unranked"] else [])])]
    return html.Dl([part for term, value in items for part in (html.Dt(term), html.Dd(value))],
                   className="profile-headline")


def indicator_block(block: Block, lang: str) -> html.Section:
    """One indicator: heading, headline, chart with its caption, table, sources and caveats, links."""
    t = translator(lang)
    return html.Section([
        html.H3(block.heading, className="profile-heading"),
        html.P(block.unit, className="profile-unit"),
        _headline(block, lang),
        html.Figure([dcc.Graph(figure=block.figure, config=GRAPH_CONFIG, className="profile-graph"),
                     html.Figcaption(block.caption, className="profile-caption")], className="mb-1"),
        # The table is written in when opened (assets/profile.js), from these rows: as components, a profile's
        # ~1,500 cells held the page back for as long as the renderer took to walk them.
        html.Details([html.Summary(t("Data table")), html.Div(
            className="profile-table", tabIndex="0", role="region",
            **{"aria-label": t("{heading}: the chart's data as a table", heading=block.heading)})],
            className="profile-data", **{"data-table": json.dumps(
                {"caption": block.heading, "columns": block.columns, "cells": block.cells}, ensure_ascii=False)}),
        _provenance(block.sources, block.caveats, lang),
        _links(block.links, "profile-links profile-tools"),
    ], className="profile-block", id=f"indicator-{block.indicator}")


def _flow(block: FlowBlock, lang: str) -> html.Section:
    return html.Section([
        html.H3(block.heading, className="profile-heading"),
        _table(block.heading, block.columns, block.cells) if block.cells else None,
        *[html.P(n, className="small mb-1") for n in block.notes],
        _provenance(block.sources, block.caveats, lang),
        _links(block.links, "profile-links profile-tools"),
    ], className="profile-block profile-flow")


def _routes(block: RouteBlock, lang: str) -> html.Section:
    t = translator(lang)
    return html.Section([
        html.H3(block.heading, className="profile-heading"),
        _table(block.heading, block.columns, block.cells) if block.cells else None,
        *[html.P(n, className="small mb-1") for n in block.notes],
        _provenance(block.sources, block.caveats, lang),
        html.P(t("Each route in the dashboard:"), className="small mb-0") if block.links else None,
        _links(block.links, "profile-links profile-tools"),
    ], className="profile-block profile-flow profile-routes")


def profile_layout(profile: Profile, data_date: str, base_path: str, search: str = "") -> html.Div:
    """The profile page of one of the 11."""
    lang = profile.lang
    t = translator(lang)
    sections = [html.Section([html.H2(s.heading, className="h4 mt-4"),
                              html.Div([indicator_block(b, lang) for b in s.blocks], className="profile-grid")])
                for s in profile.sections]
    flows = html.Section([html.H2(t("Flows in and out"), className="h4 mt-4"),
                          html.Div([*[_flow(f, lang) for f in profile.flows], _routes(profile.routes, lang)],
                                   className="profile-grid profile-flows")])
    return html.Div([
        header(data_date, base_path, lang=lang, search=search),
        html.Main(dbc.Container([
            html.H1(profile.title, className="h3 mt-2"),
            html.P(profile.intro),
            html.P(profile.comparison, className="small"),
            _links(profile.links, "profile-links profile-nav"),
            *sections,
            flows,
            html.P(t("Data: {releases}", releases="; ".join(dict.fromkeys(profile.releases))),
                   className="small text-muted mt-3"),
        ], fluid=False, className="profile pb-5")),
    ], className="profile-page", **{"data-lang": lang, "data-export-words": export_words(lang)})


def _list_page(heading: str, lead: str, links: list[Link], data_date: str, base_path: str, lang: str,
               search: str) -> html.Div:
    """A page that lists the 11 profiles under a heading: the index, and the answer to an unknown code."""
    return html.Div([
        header(data_date, base_path, lang=lang, search=search),
        html.Main(dbc.Container([
            html.H1(heading, className="h3 mt-2"),
            html.P(lead),
            _links(links, "profile-index"),
        ], className="profile pb-5")),
    ], **{"data-lang": lang})


def index_layout(links: list[Link], data_date: str, base_path: str, lang: str = DEFAULT_LANG,
                 search: str = "") -> html.Div:
    """/country: the profiles of the 11."""
    t = translator(lang)
    return _list_page(t("Country profiles"), t("One page per participating country, with every indicator the project "
                                               "holds for it, its rank among the 11 and the flows in and out."),
                      links, data_date, base_path, lang, search)


def unknown_layout(code: str, links: list[Link], data_date: str, base_path: str, lang: str = DEFAULT_LANG,
                   search: str = "") -> html.Div:
    """What /country/<code> shows for a code that is none of the 11 (the server answers it with 404)."""
    t = translator(lang)
    return _list_page(t("No such country"), t("There is no country profile for \"{code}\". Profiles exist for the 11 "
                                              "participating countries:", code=code),
                      links, data_date, base_path, lang, search)


def profile_offers(links: list[Link]) -> list:
    """The map panel's links to the profiles of the countries selected (none: nothing)."""
    return [html.A(link.label, href=link.href, className="profile-offer me-2") for link in links]
