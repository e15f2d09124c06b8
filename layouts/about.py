"""'About the data': datasets, definitions, licences, release dates, known gaps and who translated the interface.

The interface's own words (headings, indicators, flags, display rules) are in the reader's language; the data
package's documentation (each dataset's fields, the caveats, gaps and processing rules the prepare step writes
from SOURCES.md) is the publishers' and ours in English, and the page says so rather than pass it off.
"""

from __future__ import annotations

import dash_bootstrap_components as dbc
from dash import html

from dashboard.catalog import CRIMES, DISPLAY_RULES, FLAGS, INDICATORS, Indicator
from dashboard.i18n.locales import DEFAULT_LANG, LANGUAGES
from dashboard.i18n.messages import N_, translator
from dashboard.i18n.status import status_text
from dashboard.web.urls import path_url
from layouts.glossary import glossary_section, linked
from layouts.main import header

#: The tables' column headings, marked for the catalogues and translated where drawn.
SOURCE_HEADINGS = (N_("Id"), N_("Publisher and dataset"), N_("Release / update"), N_("Licence"), N_("Taken from"),
                   N_("URL"))
INDICATOR_HEADINGS = (N_("Id"), N_("Crime type"), N_("Definition"), N_("Unit"), N_("Source"), N_("Caveat"))
OPENING_HEADINGS = (N_("Crime type"), N_("Opens on"), N_("Year"))


def _source_cells(source: dict, lang: str) -> list:
    t = translator(lang)
    date = source.get("release") or t("not dated by the publisher")
    url = source.get("url") or ""
    return [
        html.Code(source.get("id", "")),
        # The publisher's own names of itself and its datasets, in English as published.
        html.Span([html.Strong(source.get("publisher", "")), html.Br(), source.get("title", ""),
                   html.Br(), html.Small(source.get("dataset", ""), className="text-muted")], lang="en"),
        [str(date)[:10] if str(date)[:4].isdigit() else t(str(date)),  # "not dated by the publisher" from the data
         html.Br() if source.get("version") else None,
         t("version {version}", version=source["version"]) if source.get("version") else None,
         html.Br() if source.get("coverage_end") else None,
         t("data to {end}", end=source["coverage_end"]) if source.get("coverage_end") else None],
        html.Span(source.get("licence", ""), lang="en"),
        html.Span(source.get("carrier", ""), lang="en"),
        html.Span(url, className="small text-break", lang="en"),  # shown, not linked: the page works offline
    ]


def _indicator_cells(indicator: Indicator, source: str, lang: str, base_path: str) -> list:
    """An indicator's row: its words from the catalogue in `lang`, its source as the data package names it, and its
    caveat with its terms linked to the glossary."""
    t = translator(lang)
    crime = CRIMES.get(indicator.crime_type)
    return [html.Code(indicator.id), t(crime.label) if crime else indicator.crime_type, t(indicator.label),
            t(indicator.unit), html.Code(source), linked(t(indicator.caveat), lang, base_path) if indicator.caveat
            else ""]


def scroll_region(table: object, label: str) -> html.Div:
    """A wide table in a box that scrolls sideways on a narrow screen, reachable and scrollable from the keyboard
    (a focusable, named region: axe's scrollable-region-focusable)."""
    return html.Div(table, className="table-scroll", tabIndex="0", role="region", **{"aria-label": label})


def _resource(resource: dict, lang: str) -> html.Div:
    t = translator(lang)
    fields = resource.get("schema", {}).get("fields", [])
    path = resource.get("path", resource.get("name", ""))
    return html.Div([
        html.H3(html.Code(path), className="h6 mt-3"),
        html.P(resource.get("description", ""), className="small", lang="en"),
        scroll_region(dbc.Table(
            [html.Thead(html.Tr([html.Th(t("Field")), html.Th(t("Type")), html.Th(t("Meaning"))]))]
            + [html.Tbody([html.Tr([html.Td(html.Code(f.get("name"))), html.Td(html.Code(f.get("type", ""))),
                                    html.Td(f.get("description", ""), lang="en")]) for f in fields])],
            size="sm", bordered=False, striped=True, className="small mb-0",
        ), t("Fields of {dataset}", dataset=path)),
    ])


def _bullets(items: list, lang: str = DEFAULT_LANG, base_path: str = "/") -> html.Ul:
    """A list of texts in `lang` where the catalogue has them (the data package's caveats the panels also show),
    else as given, which for the data package's is English: marked `lang="en"` for screen readers. Their terms
    link to the glossary above, as every caveat's do."""
    t = translator(lang)

    def item(text: str) -> html.Li:
        said = t(text)
        return html.Li(linked(said, lang, base_path),
                       **({"lang": "en"} if lang != DEFAULT_LANG and said == text else {}))

    return html.Ul([item(i if isinstance(i, str) else str(i.get("text", i))) for i in items])


def _table(heading: str, headings: tuple[str, ...], rows: list[list], lang: str) -> html.Div:
    """A table under its section's heading, which also names its scrolling box."""
    t = translator(lang)
    return scroll_region(dbc.Table([html.Thead(html.Tr([html.Th(t(h)) for h in headings])),
                                    html.Tbody([html.Tr([html.Td(c) for c in row]) for row in rows])],
                                   size="sm", className="small mb-0"), t(heading))


def _translations(lang: str) -> html.Div:
    """Who translated each language, and whether a native speaker has reviewed it, in the reader's language."""
    t = translator(lang)
    return html.Div([
        html.H2(t("Languages of the interface"), className="h4 mt-4"),
        html.P(t("Numbers, dates and country names follow each language's CLDR rules (Unicode's Common Locale "
                 "Data Repository, through Babel); the figures are the same in every language."), className="small"),
        html.Ul([html.Li([html.Strong(language.own_name, lang=code), f" ({code}): ", status_text(code, lang)],
                         className="translation-status") for code, language in LANGUAGES.items()]),
    ])


def about_layout(datapackage: dict, data_date: str, base_path: str = "/", lang: str = DEFAULT_LANG,
                 search: str = "") -> html.Div:
    t = translator(lang)
    sources = datapackage.get("sources", [])
    flag_items = [f"{f.get('id')}: {t(FLAGS[f.get('id')]) if f.get('id') in FLAGS else f.get('meaning')}"
                  for f in datapackage.get("flags", [])]
    # The data package's texts are English; in another language the page says which parts are.
    english = None if lang == DEFAULT_LANG else html.P(
        t("The data package documents its datasets, caveats, gaps and processing rules in English, as below."),
        className="small text-muted")
    indicators = [i for i in datapackage.get("indicators", []) if i.get("id") in INDICATORS]
    return html.Div([
        header(data_date, base_path, lang=lang, search=search),
        html.Main(dbc.Container([
            html.H1(t("About the data"), className="h3 mt-2"),
            html.P(datapackage.get("description", ""), className="lead", lang="en"),
            html.P(t.parts("Data version {version}. The full descriptor is at {link}.",
                           version=html.Code(str(datapackage.get("version", ""))),
                           link=html.A("/api/datapackage.json", href=path_url("api/datapackage.json", base_path)))),
            english,
            glossary_section(lang),
            html.H2(t("Sources"), className="h4 mt-4"),
            _table("Sources", SOURCE_HEADINGS, [_source_cells(s, lang) for s in sources], lang),
            html.H2(t("Indicators"), className="h4 mt-4"),
            _table("Indicators", INDICATOR_HEADINGS,
                   [_indicator_cells(INDICATORS[i["id"]], i.get("source"), lang, base_path) for i in indicators], lang),
            html.H2(t("How figures are shown"), className="h4 mt-4"),
            _bullets(list(DISPLAY_RULES), lang, base_path),
            html.H3(t("Opening views"), className="h6 mt-3"),
            _table("Opening views", OPENING_HEADINGS, [
                [t(c.label), t(INDICATORS[c.default_indicator].label), str(c.opening_year or t("latest"))]
                for c in CRIMES.values()], lang),
            html.H2(t("Caveats"), className="h4 mt-4"),
            _bullets(datapackage.get("caveats", []), lang, base_path),
            html.H2(t("Flags"), className="h4 mt-4"),
            html.Ul([html.Li(linked(item, lang, base_path)) for item in flag_items]),  # in the reader's language
            html.H2(t("Known gaps"), className="h4 mt-4"),
            _bullets(datapackage.get("known_gaps", []), lang, base_path),
            html.H2(t("Processing rules"), className="h4 mt-4"),
            _bullets([datapackage[k] for k in ("duplicate_rule", "zero_rule", "citizenship_rule", "roles_rule")
                      if isinstance(datapackage.get(k), str)], lang, base_path),
            _translations(lang),
            html.H2(t("Datasets"), className="h4 mt-4"),
            html.Div([_resource(r, lang) for r in datapackage.get("resources", [])]),
        ], className="about pb-5")),
    ], **{"data-lang": lang})
