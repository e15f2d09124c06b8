"""Static responses sent smaller and once: precompressed assets, and a favicon the browser may keep.

Flask-Compress compresses files on the fly at a quality cheap enough for every request (brotli 4, zstd 3).
The largest assets never change between releases, so they are stored next to themselves compressed once at
brotli's best quality (`<file>.br`, written by scripts/precompress-assets): the plotly.js bundle shrinks
from 0.52 MB to 0.42 MB and the base-map topojson from 0.26 MB to 0.19 MB, and no worker spends CPU on them.

The other files (Dash's and its components' bundles, our small assets) are compressed on the fly, but only
once per worker: `CompressedFiles` keeps each one's compressed bytes for Flask-Compress. A plenary of 200 fresh
browsers otherwise had every worker brotli-compress ~2 MB of JavaScript per page load.

Chromium asks for the favicon again on every history entry, and a year step adds one, so without a cache
life each step re-downloaded Dash's 15 kB icon.
"""

from __future__ import annotations

from pathlib import Path

from flask import Flask, Request, Response, request

FAVICON_MAX_AGE = 86_400
MIMETYPES = {".js": "text/javascript", ".json": "application/json", ".css": "text/css"}


def _accepts_brotli(req: Request) -> bool:
    return any(part.split(";")[0].strip() == "br" for part in req.headers.get("Accept-Encoding", "").split(","))


def precompressed(assets_dir: Path) -> dict[str, Path]:
    """Asset path relative to assets/ -> its .br twin, for every twin that sits next to its original."""
    return {str(br.relative_to(assets_dir).with_suffix("")): br for br in sorted(assets_dir.rglob("*.br"))
            if br.with_suffix("").is_file()}


#: Paths whose GET answers are the same bytes for the life of a worker (files that ship with the app).
FILE_PATHS = ("/_dash-component-suites/", "/assets/")


def compressed_file_key(req: Request) -> str:
    """Flask-Compress cache key: the path of a shipped file, '' for every other response (never cached).

    The path without its query: Dash's `?m=` cache-busting stamp does not change the bytes, and keying on
    it would let any client grow the cache by inventing stamps. Unknown paths are 404s, which are never
    compressed, so the cache holds at most one entry per shipped file and encoding.
    """
    if req.method == "GET" and any(part in req.path for part in FILE_PATHS):
        return req.path
    return ""


class CompressedFiles:
    """Flask-Compress cache backend: compressed shipped files, per worker. Keys arrive as 'algorithm;key';
    an empty key (a callback, a page, the API) is neither looked up nor stored."""

    def __init__(self) -> None:
        self._entries: dict[str, bytes] = {}

    def get(self, key: str) -> bytes | None:
        return None if key.endswith(";") else self._entries.get(key)

    def set(self, key: str, value: bytes) -> None:
        if not key.endswith(";"):
            self._entries[key] = value


def install(server: Flask, assets_dir: Path, base_path: str) -> None:
    """Serve assets/<x> from assets/<x>.br to browsers that accept brotli; give the favicon a cache life."""
    prefix = f"{base_path.rstrip('/')}/assets/"
    twins = {name: (br.read_bytes(), MIMETYPES.get(Path(name).suffix, "application/octet-stream"),
                    f'"{br.stat().st_size}-{int(br.stat().st_mtime)}-br"')
             for name, br in precompressed(assets_dir).items()}
    favicon = f"{base_path.rstrip('/')}/_favicon.ico"

    @server.before_request
    def brotli_twin() -> Response | None:
        if request.method != "GET" or not request.path.startswith(prefix) or not _accepts_brotli(request):
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
        if request.path == favicon and response.status_code == 200:
            response.headers["Cache-Control"] = f"public, max-age={FAVICON_MAX_AGE}"
        return response
