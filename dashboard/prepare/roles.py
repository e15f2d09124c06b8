"""Data-driven roles for countries.csv: which countries are origins, transit or destinations.

The rule (also written into datapackage.json as ``roles_rule``), in precedence order:

1. participating: the 11 countries of ``catalog.PARTICIPATING``;
2. origin: the :data:`TOP_ORIGINS` nationalities with the most Frontex detections summed over the routes
   in :data:`SEE_ROUTES`, all months (unknown nationality excluded);
3. transit: European countries (reference region) sharing a land border with a participating country in
   the Natural Earth geometry;
4. destination: countries of application in the Eurostat asylum data (EU, EFTA);
5. context: every other country appearing in the prepared data.
"""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd

from dashboard.catalog import PARTICIPATING
from dashboard.prepare.readers import is_iso3
from dashboard.prepare.reference import Reference

SEE_ROUTES = ("Eastern Mediterranean Route", "Western Balkan Route", "Circular Route from Albania to Greece")
TOP_ORIGINS = 10
#: Tolerance (degrees) when testing shared borders, so tiny gaps between neighbouring polygons still count.
BORDER_TOLERANCE = 0.01

ROLES_RULE = (
    "Precedence participating > origin > transit > destination > context. participating: the 11 countries. "
    f"origin: the {TOP_ORIGINS} nationalities with the most Frontex detections on the "
    f"{', '.join(SEE_ROUTES)} (all months; unknown nationality excluded). transit: European countries sharing a "
    "land border with a participating country in the Natural Earth geometry. destination: countries of "
    "application in Eurostat migr_asyappctza. context: any other country in the prepared data."
)


def origin_codes(route_detections: pd.DataFrame, ref: Reference) -> set[str]:
    """Top nationalities on the South-East European routes, skipping participating and non-country codes."""
    countries = set(ref.table.loc[ref.table["region"].notna(), "iso3"])
    see = route_detections[route_detections["route"].isin(SEE_ROUTES)
                           & route_detections["nationality"].isin(countries - set(PARTICIPATING))]
    totals = see.groupby("nationality")["detections"].sum()
    ranked = sorted(totals.items(), key=lambda kv: (-kv[1], kv[0]))
    return {code for code, _ in ranked[:TOP_ORIGINS]}


def transit_codes(geojson: Path | None, ref: Reference) -> set[str]:
    """European neighbours (land border) of the participating countries, from the geometry file."""
    if geojson is None or not geojson.exists():
        return set()
    from shapely.geometry import shape  # prepare-only dependency
    from shapely.ops import unary_union

    doc = json.loads(geojson.read_text(encoding="utf-8"))
    geoms: dict[str, list] = {}
    for feature in doc.get("features", []):
        code = (feature.get("properties") or {}).get("iso3", feature.get("id"))
        if is_iso3(code) and feature.get("geometry"):
            geoms.setdefault(code, []).append(shape(feature["geometry"]))
    shapes = {code: unary_union(parts) for code, parts in geoms.items()}
    see = unary_union([shapes[c] for c in PARTICIPATING if c in shapes]).buffer(BORDER_TOLERANCE)
    europe = set(ref.table.loc[ref.table["region"] == "Europe", "iso3"])
    return {c for c, g in shapes.items() if c in europe and c not in PARTICIPATING and g.intersects(see)}


def destination_codes(flows: pd.DataFrame) -> set[str]:
    """Countries of application in the Eurostat asylum flows."""
    return set(flows.loc[flows["measure"] == "asylum_applicants", "destination"])
