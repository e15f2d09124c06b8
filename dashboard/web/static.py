"""Static responses sent smaller and once: precompressed assets, and a favicon the browser may keep.

Flask-Compress compresses files on the fly at a quality cheap enough for every request (brotli 4, zstd 3).
The largest assets never change between releases, so they are stored next to themselves compressed once at
brotli's best quality (`<file>.br`, written by scripts/precompress-assets): the plotly.js bundle shrinks
from 0.52 MB to 0.42 MB and the base-map topojson from 0.26 MB to 0.19 MB, and no worker spends CPU on them.

The other files (Dash's and its components' bundles, our small assets) are compressed once: `CompressedFiles`
keeps each one's compressed bytes for Flask-Compress, re-made at brotli's best quality (Dash's bundles are
50 kB smaller on a cold load than at brotli 4), and `prewarm` fills it in gunicorn's master before the workers
fork, so they share it and never spend CPU on it. A plenary of 200 fresh browsers otherwise had every worker
brotli-compress ~2 MB of JavaScript per page load.

Chromium asks for the favicon again on every history entry, and a year step adds one, so the icon has a cache
life; ours (assets/favicon.ico, 1 kB) replaces Dash's 15 kB one.
"""

from __future__ import annotations

import re
import threading
from pathlib import Path

import brotli
from dash.fingerprint import check_fingerprint
from flask import Flask, Request, Response, request

FAVICON_MAX_AGE = 86_400
#: Brotli quality for files compressed once (shipped files, the outlines); callbacks stay at Flask-Compress's 4.
BEST_QUALITY = 11
MIMETYPES = {".js": "text/javascript", ".json": "application/json", ".css": "text/css"}


def accepts_brotli(req: Request) -> bool:
    """Whether the request's Accept-Encoding lists brotli."""
    return any(part.split(";")[0].strip() == "br" for part in req.headers.get("Accept-Encoding", "").split(","))


def precompressed(assets_dir: Path) -> dict[str, Path]:
    """Asset path relative to assets/ -> its .br twin, for every twin that sits next to its original."""
    return {str(br.relative_to(assets_dir).with_suffix("")): br for br in sorted(assets_dir.rglob("*.br"))
            if br.with_suffix("").is_file()}


#: Paths whose GET answers are the same bytes for the life of a worker (files that ship with the app).
COMPONENT_SUITES = "/_dash-component-suites/"
FILE_PATHS = (COMPONENT_SUITES, "/assets/")
#: The bound of the compressed-files cache, per worker. Every file Dash and assets/ can serve, in both encodings,
#: comes to 7.0 MB in 72 entries (the pages load 0.7 MB of it); past the bound a file is compressed per request.
MAX_COMPRESSED_BYTES = 8 * 2**20


def compressed_file_key(req: Request) -> str:
    """Flask-Compress cache key: the file a shipped-file path names, '' for every other response (never cached).

    Dash serves one bundle under any version stamp, in the query (`?m=`) or in the name
    (`dash_renderer.v4_4_1m1796188239.min.js`), so the key is the path without either: keying on them would
    let any client grow the cache by inventing stamps. Unknown paths are 404s, which are never compressed, so
    the cache holds at most one entry per shipped file and encoding.
    """
    if req.method != "GET" or not any(part in req.path for part in FILE_PATHS):
        return ""
    # Only Dash's own bundles carry a stamp in the name; an asset's name is the asset's.
    return check_fingerprint(req.path)[0] if COMPONENT_SUITES in req.path else req.path


def best_brotli(data: bytes) -> bytes:
    """`data` at brotli's best quality: for bytes compressed once and sent many times."""
    return brotli.compress(data, quality=BEST_QUALITY)


class CompressedFiles:
    """Flask-Compress cache backend: compressed shipped files, per worker. Keys arrive as 'algorithm;key';
    an empty key (a callback, a page, the API) is neither looked up nor stored.

    Bounded twice: by its keys (one per shipped file and encoding, compressed_file_key) and by
    MAX_COMPRESSED_BYTES, past which nothing more is stored. Flask-Compress hands over its quick brotli; it is
    made again at the best quality once, since the entry is then sent for the life of the worker.
    """

    def __init__(self, max_bytes: int = MAX_COMPRESSED_BYTES) -> None:
        self._entries: dict[str, bytes] = {}
        self._bytes = 0
        self._max_bytes = max_bytes
        self._lock = threading.Lock()  # a worker's threads may store the same file at once

    def get(self, key: str) -> bytes | None:
        return None if key.endswith(";") else self._entries.get(key)

    def set(self, key: str, value: bytes) -> None:
        if key.endswith(";"):
            return
        with self._lock:
            # Flask-Compress offers every answer again; a file already kept, or one that could not fit even
            # at its quick size, is not compressed again at the best quality only to be dropped.
            if key in self._entries or self._bytes + len(value) > self._max_bytes:
                return
            if key.startswith("br;"):
                value = best_brotli(brotli.decompress(value))
            if self._bytes + len(value) <= self._max_bytes:
                self._entries[key] = value
                self._bytes += len(value)

    def sizes(self) -> dict[str, int]:
        """Entries and bytes held, for dashboard.web.testing_hooks."""
        return {"entries": len(self._entries), "bytes": self._bytes}


#: The chunks dcc fetches by name once a page shows a graph, a slider or a dropdown (not named in the index).
DCC_CHUNKS = ("async-graph.js", "async-slider.js", "async-dropdown.js")


def prewarm(server: Flask, index_path: str) -> int:
    """Fetch, in this process, every script and stylesheet the index names, plus the chunks dcc loads later,
    so their compressed bytes are made once here (gunicorn's master) and shared by every forked worker.
    Returns how many files were fetched."""
    client = server.test_client()
    html = client.get(index_path).get_data(as_text=True)
    paths = set(re.findall(r'(?:src|href)="([^"]+\.(?:js|css)[^"]*)"', html))
    prefix = index_path.rstrip("/")
    paths |= {f"{prefix}/_dash-component-suites/dash/dcc/{name}" for name in DCC_CHUNKS}
    for path in sorted(paths):
        client.get(path, headers={"Accept-Encoding": "br"})
    return len(paths)


def install(server: Flask, assets_dir: Path, base_path: str) -> None:
    """Serve assets/<x> from assets/<x>.br to browsers that accept brotli; give the favicon a cache life."""
    prefix = f"{base_path.rstrip('/')}/assets/"
    twins = {name: (br.read_bytes(), MIMETYPES.get(Path(name).suffix, "application/octet-stream"),
                    f'"{br.stat().st_size}-{int(br.stat().st_mtime)}-br"')
             for name, br in precompressed(assets_dir).items()}
    favicons = {f"{base_path.rstrip('/')}/_favicon.ico", f"{prefix}favicon.ico"}

    @server.before_request
    def brotli_twin() -> Response | None:
        if request.method != "GET" or not request.path.startswith(prefix) or not accepts_brotli(request):
            return None
        twin = twins.get(request.path[len(prefix):])
        if twin is None:
            return None
        body, mimetype, etag = twin
        if etag in request.headers.get("If-None-Match", ""):
            response = Response(status=304)
        else:
            response = Response(body, mimetype=mimetype)
            response.headers["Content-Encoding"] = "br"
        # Same cache rule as Dash's other assets: keep, but ask whether it changed.
        response.headers.update({"ETag": etag, "Cache-Control": "no-cache", "Vary": "Accept-Encoding"})
        return response

    @server.after_request
    def cache_favicon(response: Response) -> Response:
        if request.path in favicons and response.status_code == 200:
            response.headers["Cache-Control"] = f"public, max-age={FAVICON_MAX_AGE}"
        return response
