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
import re
from pathlib import Path
from typing import Any

from dashboard.catalog import (
    COUNTRY_SOURCE_NOTES,
    FLAGS,
    FLOW_MEASURES,
    INDICATOR_ALIASES,
    PARTICIPATING,
    PUBLISHED_INDICATORS,
)
from dashboard.prepare.roles import ROLES_RULE
from dashboard.prepare.sources import (
    CAVEATS,
    CITIZENSHIP_RULE,
    DUPLICATE_RULE,
    KNOWN_GAPS,
    LICENCE_NAMES,
    NOT_DATED,
    SOURCES,
    UNHCR_RULE,
    ZERO_RULE,
)
from dashboard.schema import GEOMETRY_FILE, PACKAGE_FILE, TABLES

_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}")
_MEDIATYPES = {"csv": "text/csv", "parquet": "application/vnd.apache.parquet", "geojson": "application/geo+json"}

def sha256(path: Path) -> str:
    """Hex SHA-256 of a file's bytes."""
    return hashlib.sha256(path.read_bytes()).hexdigest()


def release_date(value: str) -> str:
    """An ISO date (the first 10 characters of a date or timestamp), or "not dated by the publisher"."""
    return value[:10] if _ISO_DATE.match(value or "") else NOT_DATED


def source_record(sid: str, meta: dict[str, Any], geometry: dict[str, Any] | None) -> dict[str, Any]:
    """One entry of ``sources``: the static facts, the release date and coverage end found in the file."""
    entry: dict[str, Any] = {"id": sid, **SOURCES[sid]}
    entry["release"] = release_date(str(meta.get("release") or meta.get("updated") or entry["release"]))
    if meta.get("coverage_end"):
        entry["coverage_end"] = meta["coverage_end"]
    if sid == "natural_earth" and geometry:
        entry["geometry"] = {k: v for k, v in sorted(geometry.items())
                             if k != "source" and isinstance(v, str | int | float | bool)}
    return entry


def resource_credits(source_ids: list[str]) -> dict[str, list[dict[str, str]]]:
    """A resource's own ``sources`` and ``licenses`` (Frictionless), for the source ids its rows name."""
    # A source without a web address of its own (the context events, each citing its document) gives no path.
    sources = [{"id": sid, "title": f"{SOURCES[sid]['publisher']}: {SOURCES[sid]['title']}",
                **({"path": SOURCES[sid]["url"]} if SOURCES[sid]["url"].startswith("https://") else {})}
               for sid in sorted(source_ids)]
    licences: dict[tuple[str, str], dict[str, str]] = {}
    for sid in sorted(source_ids):
        name, title = LICENCE_NAMES.get(sid, "other-at"), SOURCES[sid]["licence"]
        licences[(name, title)] = {"name": name, "title": title}
    return {"sources": sources, "licenses": [licences[k] for k in sorted(licences)]}


def _resource(folder: Path, name: str, path: str, description: str, source_ids: list[str]) -> dict[str, Any]:
    file = folder / path
    suffix = file.suffix.lstrip(".")
    entry: dict[str, Any] = {
        "name": name, "path": path, "format": suffix, "mediatype": _MEDIATYPES[suffix], "description": description,
        "hash": f"sha256:{sha256(file)}", **resource_credits(source_ids),
    }
    # Frictionless reads parquet through pyarrow, never as a byte stream, so it cannot check a byte count there.
    if suffix != "parquet":
        entry["bytes"] = file.stat().st_size
    return entry


def build_package(folder: Path, meta: dict[str, dict[str, Any]], geometry: dict[str, Any] | None,
                  table_sources: dict[str, list[str]]) -> dict:
    """The data package for the files in ``folder``.

    ``meta`` holds per-source facts read from the files (release dates, coverage ends, notes); ``table_sources``
    the source ids behind each table, so that every resource lists its own sources and licences.
    """
    resources = []
    for table in TABLES.values():  # each resource's schema.fields is the table's contract in dashboard/schema.py
        entry = _resource(folder, table.name, table.path, table.description, table_sources[table.name])
        resources.append({**entry, "schema": table.frictionless()})
    if (folder / GEOMETRY_FILE).exists():
        resources.append(_resource(folder, "countries_geometry", GEOMETRY_FILE,
                                   "Country outlines (Natural Earth), written by dashboard/prepare/geometry.py.",
                                   ["natural_earth"]))
    digest = hashlib.sha256("".join(r["hash"] for r in resources).encode()).hexdigest()
    return {
        "profile": "data-package",
        "name": "see-route-monitor",
        "title": "SEE Route Monitor: irregular migration, migrant smuggling and trafficking in South-East Europe",
        "version": f"sha256-{digest[:16]}",
        # No project-wide licence is claimed: each figure stays under its publisher's terms.
        "licenses": [{"name": "other-at", "title": "Each source's own terms apply, with attribution "
                      "(see resources[].licenses and sources[].licence)"}],
        "participating": list(PARTICIPATING),
        "resources": resources,
        "sources": [source_record(sid, meta.get(sid, {}), geometry) for sid in sorted(SOURCES)],
        "indicators": [
            {"id": i.id, "crime_type": i.crime_type, "label": i.label, "unit": i.unit, "source": i.source,
             "caveat": i.caveat, "per_capita": i.per_capita}
            for i in PUBLISHED_INDICATORS.values()
        ],
        "indicator_aliases": dict(sorted(INDICATOR_ALIASES.items())),
        "country_source_notes": [{"source": sid, "iso3": iso3, "note": note}
                                 for (sid, iso3), note in sorted(COUNTRY_SOURCE_NOTES.items())],
        "flow_measures": [{"id": k, "label": v} for k, v in FLOW_MEASURES.items()],
        "flags": [{"id": k, "meaning": v} for k, v in FLAGS.items()],
        "caveats": CAVEATS,
        "known_gaps": KNOWN_GAPS,
        "duplicate_rule": DUPLICATE_RULE,
        "unhcr_rule": UNHCR_RULE,
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
