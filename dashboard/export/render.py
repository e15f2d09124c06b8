"""Static images of figures with plotly's own exporter, kaleido, driving Debian's Chromium, entirely offline.

Kaleido takes seconds to start a browser, so each worker process starts one lazily, on its first export, and
keeps it; the worker's render thread (dashboard/export/queue.py) is the only caller. Nothing is fetched:
plotly.js is the copy inside the plotly package, MathJax is off, and the base map (world_50m topojson) is handed
to plotly.js inline through `PlotlyGeoAssets`, which plotly.js reads before it would fetch from a URL. Chromium
is never downloaded: the path comes from Config.chromium and must exist.
"""

from __future__ import annotations

import atexit
import importlib
import os
import shutil
import struct
import tempfile
import threading
import zlib
from pathlib import Path
from types import ModuleType
from typing import TYPE_CHECKING

import plotly
import plotly.graph_objects as go

from dashboard.export.queue import LocalizedError
from dashboard.i18n.messages import N_

if TYPE_CHECKING:
    import kaleido

PLOTLY_JS = Path(plotly.__file__).parent / "package_data" / "plotly.min.js"
#: Exports draw plotly's base map at 1:50m, whatever the screen uses (figures.choropleth), and it is inlined.
PRINT_RESOLUTION = 50
TOPOJSON_NAME = f"world_{PRINT_RESOLUTION}m"
RENDER_TIMEOUT = 45  # seconds; below gunicorn's worker timeout, so a stuck render is an error, not a kill


class ImageExportUnavailable(LocalizedError):
    """Images cannot be made here (no Chromium, or it failed); the message says why, for a 503 (`in_language`)."""


#: kaleido's sync server is one per process and serves one caller at a time. In the app only the worker's render
#: thread calls here (dashboard/export/queue.py), so this is never waited on; it guards other callers (tests,
#: two apps in one process) from interleaving their figures.
_lock = threading.Lock()


def _kaleido() -> ModuleType:
    """kaleido, imported on a worker's first export: it brings asyncio and a browser driver (~5 MB resident)
    that a worker which only serves the dashboard never needs (issue 5 caps a worker at 200 MB)."""
    return importlib.import_module("kaleido")
_started_in: int | None = None  # the pid that started it: a forked worker must start its own


def _page(topojson_dir: Path) -> kaleido.PageGenerator:
    """The page kaleido renders in: local plotly.js, no MathJax, the base map inline.

    The page's files must outlive every render (kaleido reloads the page after each image), so they live in
    a folder made once per process and removed at exit.
    """
    folder = Path(tempfile.mkdtemp(prefix="see-kaleido-"))
    atexit.register(shutil.rmtree, folder, True)
    geo = folder / "geo_assets.js"
    topo = (topojson_dir / f"{TOPOJSON_NAME}.json").read_text(encoding="utf-8")
    geo.write_text("window.PlotlyGeoAssets = window.PlotlyGeoAssets || {topojson: {}};\n"
                   f"window.PlotlyGeoAssets.topojson[{TOPOJSON_NAME!r}] = {topo};\n", encoding="utf-8")
    return _kaleido().PageGenerator(plotly=PLOTLY_JS, mathjax=False, others=[geo])


def _start(chromium: Path, topojson_dir: Path) -> None:
    global _started_in
    if not chromium.is_file():
        raise ImageExportUnavailable(N_("image export needs Chromium at {path} (set SEE_CHROMIUM); "
                                        "CSV export works without it"), path=chromium)
    if _started_in == os.getpid():
        return
    _kaleido().start_sync_server(page_generator=_page(topojson_dir), path=str(chromium), n=1, timeout=RENDER_TIMEOUT,
                              silence_warnings=True)
    _started_in = os.getpid()


def render_image(fig: go.Figure, fmt: str, width: int, height: int, scale: float, *, chromium: Path,
                 topojson_dir: Path) -> bytes:
    """The figure as PNG or SVG bytes, `width` x `height` layout pixels times `scale`."""
    global _started_in
    fig = go.Figure(fig).update_geos(resolution=PRINT_RESOLUTION)  # a no-op without a map
    with _lock:
        _start(Path(chromium), Path(topojson_dir))
        try:
            return _kaleido().calc_fig_sync(fig, opts={"format": fmt, "width": width, "height": height, "scale": scale})
        except Exception as exc:  # a crashed or stuck browser: start a fresh one on the next export
            _kaleido().stop_sync_server(silence_warnings=True)
            _started_in = None
            raise ImageExportUnavailable(N_("the image could not be made ({error})"),
                                         error=type(exc).__name__) from exc


def _chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)


def with_dpi(png: bytes, dpi: int) -> bytes:
    """The PNG with its pHYs chunk saying `dpi`, so word processors place it at print size, not screen size."""
    signature, pos = png[:8], 8
    chunks: list[bytes] = []
    while pos < len(png):
        (length,) = struct.unpack(">I", png[pos:pos + 4])
        kind = png[pos + 4:pos + 8]
        end = pos + 12 + length
        if kind != b"pHYs":
            chunks.append(png[pos:end])
        if kind == b"IHDR":
            per_metre = round(dpi / 0.0254)
            chunks.append(_chunk(b"pHYs", struct.pack(">IIB", per_metre, per_metre, 1)))
        pos = end
    return signature + b"".join(chunks)
