"""Export for reports: PNG at print size with its dpi, SVG and CSV carrying caption, source, data date and permalink,
and a report pack that holds every file its README lists. Images come from kaleido driving Debian's Chromium.
"""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path

import pandas as pd
import pytest
from PIL import Image

from dashboard.export import files as export
from dashboard.export.render import with_dpi
from dashboard.panels.registry import panel_rows
from tests.conftest import DATA_DIR

CHROMIUM = Path("/usr/bin/chromium")
QUERY = "crime=human-trafficking&year=2019"
LINK = f"http://127.0.0.1/?{QUERY}"

needs_chromium = pytest.mark.skipif(not CHROMIUM.exists(), reason="image export needs Debian's chromium")


@pytest.fixture(scope="module")
def trafficking(view):  # noqa: ANN001, ANN201
    return view(QUERY)


def _png(data: bytes) -> Image.Image:
    image = Image.open(io.BytesIO(data))
    image.load()
    assert image.format == "PNG"
    return image


def _dark_pixels(image: Image.Image, box: tuple[int, int, int, int]) -> int:
    """How many pixels in the box are dark enough to be text."""
    grey = image.convert("L").crop(box)
    return sum(1 for v in grey.get_flattened_data() if v < 100)


def test_png_dpi_is_recorded_without_touching_the_pixels() -> None:
    buf = io.BytesIO()
    Image.new("RGB", (7, 3), "red").save(buf, format="PNG", dpi=(72, 72))
    stamped = _png(with_dpi(buf.getvalue(), 300))
    assert [round(d) for d in stamped.info["dpi"]] == [300, 300]
    assert stamped.size == (7, 3) and stamped.getpixel((3, 1)) == (255, 0, 0)


def test_sizes_reach_print_resolution() -> None:
    assert export.SIZES["a4"].pixels == (2480, 1750)  # 210 mm at 300 dpi
    assert export.SIZES["column"].pixels == (1240, 1000)
    assert export.SIZES["slide"].pixels == (1920, 1080)


def test_caption_names_title_source_date_and_view(store, trafficking) -> None:  # noqa: ANN001
    caption = export.caption_for(store, trafficking, "map", LINK)
    assert caption.title == "Detected victims of trafficking, 2019"
    assert any("United Nations Office on Drugs and Crime" in s for s in caption.sources)
    assert caption.releases == ["United Nations Office on Drugs and Crime (UNODC): released 2025-04-14"]
    assert caption.lines()[2] == "Release dates: United Nations Office on Drugs and Crime (UNODC): released 2025-04-14"
    assert caption.lines()[-1] == f"View: {LINK}"


def _render_png(fig, size: export.ExportSize) -> Image.Image:  # noqa: ANN001
    return _png(export.render_image(fig, "png", size.width, size.height, size.scale, chromium=CHROMIUM,
                                    topojson_dir=export.TOPOJSON_DIR))


@needs_chromium
@pytest.mark.parametrize(("panel", "size"), [("map", "a4"), ("series", "column")])
def test_png_is_print_size_at_300_dpi_with_the_caption_drawn(store, trafficking, panel: str,  # noqa: ANN001
                                                             size: str) -> None:
    dims = export.SIZES[size]
    caption = export.caption_for(store, trafficking, panel, LINK)
    image = _png(export.panel_image(store, trafficking, panel, "png", dims, caption, CHROMIUM))
    assert image.size == dims.pixels
    assert [round(d) for d in image.info["dpi"]] == [300, 300]
    # The same figure and layout with the footer's text emptied: whatever is dark there is not the caption.
    figure = export.build_panel(store, trafficking, panel, export._outlines(DATA_DIR / "countries.geojson"))
    bare_figure = export.captioned(figure, caption, dims)
    bare_figure.layout.annotations[-1].text = ""
    bare = _render_png(bare_figure, dims)
    footer = (0, image.height - round(3 * 15 * dims.scale), image.width // 2, image.height)
    assert _dark_pixels(image, footer) > 500, "caption text is drawn in the footer"
    assert _dark_pixels(bare, footer) < _dark_pixels(image, footer) / 10


@needs_chromium
@pytest.mark.parametrize("panel", list(export.PANELS))
def test_svg_has_the_right_size_and_carries_the_caption_as_text(store, trafficking, panel: str) -> None:  # noqa: ANN001
    caption = export.caption_for(store, trafficking, panel, LINK)
    svg = export.panel_image(store, trafficking, panel, "svg", export.SIZES["a4"], caption, CHROMIUM).decode()
    assert svg.startswith("<svg") and svg.rstrip().endswith("</svg>")
    assert re.search(r'<svg[^>]* width="992" height="700"', svg)
    text = re.sub(r"<[^>]+>", "\n", svg).replace("&amp;", "&")
    assert caption.title in text
    assert "Source: United Nations Office on Drugs and Crime" in text
    assert "Release dates: United Nations Office on Drugs and Crime (UNODC): released 2025-04-14" in text
    assert f"View: {LINK}" in text


def test_csv_carries_the_caption_above_exactly_the_panel_rows(store, trafficking) -> None:  # noqa: ANN001
    caption = export.caption_for(store, trafficking, "map", LINK)
    text = export.panel_csv(store, trafficking, "map", caption)
    head = [line for line in text.splitlines() if line.startswith("#")]
    assert head[0] == f"# {caption.title}" and head[-1] == f"# View: {LINK}"
    assert f"# {caption.lines()[2]}" in head and any(h.startswith("# Source: United Nations") for h in head)
    rows = pd.read_csv(io.StringIO(text), comment="#")
    expected = panel_rows(store, trafficking, "map")
    assert list(rows.columns) == list(expected.columns) and len(rows) == len(expected)
    romania = rows.set_index("iso3").loc["ROU"]
    assert romania["value"] == 698 and romania["year"] == 2019


@needs_chromium
def test_report_pack_holds_every_file_its_readme_lists(store, trafficking) -> None:  # noqa: ANN001
    body = export.report_pack(store, trafficking, LINK, export.SIZES["column"], CHROMIUM)
    pack = zipfile.ZipFile(io.BytesIO(body))
    assert pack.testzip() is None
    readme = pack.read("README.txt").decode()
    files_section = readme.split("Files\n-----\n", 1)[1].split("\n\n", 1)[0]
    listed = [line.split()[0] for line in files_section.splitlines()]
    assert sorted(listed) == sorted(n for n in pack.namelist() if n != "README.txt")
    assert len(listed) == 9 and {Path(n).suffix for n in listed} == {".png", ".svg", ".csv"}
    for name in listed:
        data = pack.read(name)
        if name.endswith(".png"):
            assert _png(data).size == (1240, 1000)
        elif name.endswith(".svg"):
            assert b"Release dates: " in data
        else:
            assert len(pd.read_csv(io.BytesIO(data), comment="#")) > 0
    assert "Detected victims of trafficking, 2019" in readme and f"Permalink: {LINK}" in readme
    assert "Source: United Nations Office on Drugs and Crime" in readme


# ---- HTTP -------------------------------------------------------------------------------------------------------


def test_csv_export_route_answers_a_download(client) -> None:  # noqa: ANN001
    resp = client.get(f"/export/map.csv?{QUERY}")
    assert resp.status_code == 200 and resp.mimetype == "text/csv"
    assert resp.headers["Content-Disposition"] == 'attachment; filename="see-route-monitor_map_thb_victims_2019.csv"'
    assert f"# View: http://localhost/?{QUERY}" in resp.get_data(as_text=True)


@needs_chromium
def test_png_and_zip_routes_answer_files(client) -> None:  # noqa: ANN001
    png = client.get(f"/export/series.png?{QUERY}&size=column")
    assert png.status_code == 200 and png.mimetype == "image/png"
    assert _png(png.data).size == (1240, 1000)
    pack = client.get(f"/export/report-pack.zip?{QUERY}&size=slide")
    assert pack.status_code == 200 and pack.mimetype == "application/zip"
    assert "README.txt" in zipfile.ZipFile(io.BytesIO(pack.data)).namelist()


@pytest.mark.parametrize(("url", "status", "message"), [
    ("/export/map.png?year=1066", 400, "outside the data"),
    ("/export/map.svg?crime=piracy", 400, "Unknown crime type"),
    ("/export/map.csv?colour=red", 400, 'Unknown parameter "colour"'),
    ("/export/map.png?size=poster", 400, "'size' must be one of a4, column, slide"),
    ("/export/report-pack.zip?country=XXX", 400, 'Unknown country code "XXX"'),
    ("/export/globe.png", 404, "no such export"),
    ("/export/map.pdf", 404, "no such export"),
])
def test_bad_export_requests_get_a_message_not_a_file(client, url: str, status: int, message: str) -> None:  # noqa: ANN001
    resp = client.get(url)
    assert resp.status_code == status and resp.mimetype == "text/plain"
    assert message in resp.get_data(as_text=True)


def test_without_chromium_images_answer_503_and_csv_still_works(make_app) -> None:  # noqa: ANN001
    app = make_app(chromium=Path("/nonexistent/chromium"))
    client = app.server.test_client()
    resp = client.get(f"/export/map.png?{QUERY}")
    assert resp.status_code == 503 and "needs Chromium at /nonexistent/chromium" in resp.get_data(as_text=True)
    assert client.get(f"/export/map.csv?{QUERY}").status_code == 200
