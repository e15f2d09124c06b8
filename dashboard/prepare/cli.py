"""``python -m dashboard.prepare``: raw publisher files -> validated, reproducible files in data/.

Order: each source is read (one progress line each) and the tables are assembled and validated with
pandera; then the geometry is built, because countries.csv takes its label points and the transit role from
it; everything is written to a staging folder and only then swapped into data/. Any bad input stops the run with a
one-line message naming file, sheet, row and column, and leaves data/ as it was.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import pandas as pd

from dashboard.prepare import eurostat, events, frontex, iom, turkey, unhcr, unhcr_asylum, unodc
from dashboard.prepare.base import SourceResult
from dashboard.prepare.citizenship import CitizenshipResolver
from dashboard.prepare.errors import PrepareError
from dashboard.prepare.output import make_staging, remove_staging, sort_rows, swap_into_place, write_table
from dashboard.prepare.package import GEOMETRY_FILE, build_package, write_package
from dashboard.prepare.reference import (
    REFERENCE_FILE,
    Reference,
    assign_roles,
    build_countries,
    load_reference,
    read_population,
)
from dashboard.prepare.roles import destination_codes, origin_codes, transit_codes
from dashboard.prepare.schemas import TABLES, validate

REPO_ROOT = Path(__file__).resolve().parents[2]
DEFAULT_RAW = REPO_ROOT.parent / "shared" / "data" / "raw"
DEFAULT_OUT = REPO_ROOT / "data"

Reader = Callable[[Path, Reference], SourceResult]


def _readers(resolver: CitizenshipResolver, results: list[SourceResult]) -> list[tuple[str, Path, Reader]]:
    """The sources in reading order; `results` fills as they are read (the events check their routes against
    the Frontex file's, read just before them)."""
    return [
        ("frontex", frontex.FRONTEX_FILE, frontex.read_route_detections),
        ("context_events", events.EVENTS_FILE, lambda raw, ref: events.read_events(raw, ref, _routes(results))),
        ("iom_mmp", iom.IOM_FILE, iom.read_iom),
        ("eurostat_migr_eipre", eurostat.EIPRE_FILE, eurostat.read_illegally_present),
        ("eurostat_migr_asyappctza", eurostat.ASYLUM_FILE, eurostat.read_asylum),
        ("unhcr_population", unhcr.POPULATION_FILE, unhcr.read_population),
        ("unhcr_asylum_applications", unhcr_asylum.APPLICATIONS_FILE, unhcr_asylum.read_applications),
        ("unhcr_asylum_decisions", unhcr_asylum.DECISIONS_FILE, unhcr_asylum.read_decisions),
        ("unodc_glotip", unodc.GLOTIP_FILE, lambda raw, ref: unodc.read_glotip(raw, ref, resolver)),
        ("unodc_cts", unodc.CTS_FILE, unodc.read_cts),
        ("tur_pmm", turkey.TURKEY_FILE, turkey.read_turkey),
        ("un_wpp", Path("reference/un_wpp_population.csv"), read_population),
    ]


def build_geometry_into(staging: Path) -> tuple[dict[str, Any], dict[str, tuple[float, float]]]:
    """Write countries.geojson into the staging folder and read label points back from it.

    Imported lazily: geometry.py pulls in geopandas, which nothing outside the prepare step may import.
    """
    from dashboard.prepare.geometry import OUTPUT_NAME, build_geometry, label_points

    info = build_geometry(staging)
    return info, label_points(staging / OUTPUT_NAME)


def _routes(results: list[SourceResult]) -> set[str]:
    """The Frontex route names read so far in this run."""
    return {r for res in results if "route_detections" in res.tables
            for r in res.tables["route_detections"]["route"].unique()}


def _concat(results: list[SourceResult], name: str) -> pd.DataFrame:
    frames = [r.tables[name] for r in results if name in r.tables]
    return pd.concat(frames, ignore_index=True)


def prepare(raw: Path, out: Path, log: Callable[[str], None] = print) -> list[SourceResult]:
    """Run the whole prepare step; returns the per-source results (for the summary)."""
    if not raw.is_dir():
        raise PrepareError(raw, "raw data folder not found (pass --raw)")
    staging = make_staging(out)
    try:
        log(f"reading country_reference: {raw / REFERENCE_FILE}")
        ref = load_reference(raw)
        resolver = CitizenshipResolver(ref)
        results: list[SourceResult] = []
        for source, rel, reader in _readers(resolver, results):
            log(f"reading {source}: {raw / rel}")
            results.append(reader(raw, ref))
        tables = {name: _concat(results, name)
                  for name in ("country_indicators", "route_detections", "flows", "incidents", "events")}
        codes = ref.codes
        for name, df in tables.items():
            tables[name] = validate(TABLES[name], sort_rows(TABLES[name], df), codes, resolver.groups)

        log("geometry: building countries.geojson")
        geometry, points = build_geometry_into(staging)
        geojson = staging / GEOMETRY_FILE
        used = _codes_in(tables, ref)
        roles = assign_roles(used, ref, origin=origin_codes(tables["route_detections"], ref),
                             transit=transit_codes(geojson, ref), destination=destination_codes(tables["flows"]))
        countries = build_countries(used, ref, roles, points)
        tables["countries"] = validate(TABLES["countries"], sort_rows(TABLES["countries"], countries), codes)

        for name, df in tables.items():
            write_table(TABLES[name], df, staging)
        meta = {r.source: {**r.meta, "notes": r.notes} for r in results}
        write_package(staging, build_package(staging, meta, geometry, table_sources(tables)))
        moved = swap_into_place(staging, out)
        log(f"wrote {', '.join(moved)} to {out}")
    finally:
        remove_staging(staging)
    return results


def table_sources(tables: dict[str, pd.DataFrame]) -> dict[str, list[str]]:
    """The source ids behind each table: its ``source`` column; countries.csv from the reference and geometry."""
    out = {name: sorted(set(df["source"])) for name, df in tables.items() if "source" in df.columns}
    out["countries"] = ["country_reference", "natural_earth"]
    out["events"] = ["context_events"]  # each row names its own publisher and document
    return out


def _codes_in(tables: dict[str, pd.DataFrame], ref: Reference) -> set[str]:
    """Country codes used anywhere, limited to geographic entries (reference region set) plus Kosovo."""
    found = set(tables["country_indicators"]["iso3"]) | set(tables["route_detections"]["nationality"])
    flows = tables["flows"]
    found |= set(flows["origin"]) | set(flows["destination"])
    found |= set(tables["incidents"]["country"].dropna())
    geographic = set(ref.table.loc[ref.table["region"].notna(), "iso3"]) | {"XKX"}
    return found & geographic


def summary(results: Sequence[SourceResult]) -> str:
    """The end-of-run table: source, rows read, rows kept (written), rows flagged, rows dropped."""
    rows = [(r.source, r.rows_read, r.rows_kept, r.rows_flagged, r.rows_dropped) for r in results]
    head = ("source", "rows read", "rows kept", "rows flagged", "rows dropped")
    widths = [max(len(str(x)) for x in col) for col in zip(head, *rows, strict=True)]
    line = "  ".join(f"{{:<{widths[0]}}}" if i == 0 else f"{{:>{w}}}" for i, w in enumerate(widths))
    out = [line.format(*head), line.format(*("-" * w for w in widths))]
    out += [line.format(*row) for row in rows]
    notes = [f"  {r.source}: {note}" for r in results for note in r.notes]
    return "\n".join(out + (["notes:", *notes] if notes else []))


def main(argv: Sequence[str] | None = None) -> int:
    """CLI entry point; returns the exit code (0 ok, 1 bad input)."""
    parser = argparse.ArgumentParser(prog="python -m dashboard.prepare", description=__doc__.splitlines()[0])
    parser.add_argument("--raw", type=Path, default=DEFAULT_RAW, help="folder of raw publisher files")
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help="output folder (default data/)")
    args = parser.parse_args(argv)
    try:
        results = prepare(args.raw, args.out)
    except PrepareError as exc:
        print(f"prepare: error: {exc}", file=sys.stderr)
        return 1
    print(summary(results))
    return 0
