"""Security headers on every response: what the browser may load, run, frame, send and use.

Officials open the dashboard from government networks and it is projected in public, so the page must not run
script it did not ship, load anything from another origin, or be framed by a site that could dress it up. The
policy is built once per app from the Config and Dash's own list of inline-script hashes:

- scripts: only files from this origin, plus Dash's inline renderer (and any inline clientside callback) by
  SHA-256 hash. No 'unsafe-inline', no 'unsafe-eval'.
- styles: this origin, plus 'unsafe-inline', because plotly.js and the Dash components inject <style> elements
  and style attributes at run time. Styles cannot run code; scripts stay locked down.
- images: this origin, data: and blob: (plotly's "download plot as PNG" and the map's patterns).
- connections (fetch/XHR): this origin only; no CDN, tile server or font host is reachable from the page.
- framing: nobody, except the /embed/ pages, which this origin and the sites in SEE_EMBED_ORIGINS may frame.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

from flask import Flask, Response, request

from dashboard.config import Config

#: Browser features the dashboard never uses; fullscreen stays available to our own pages (presenter mode).
PERMISSIONS_POLICY = ", ".join([
    "accelerometer=()", "autoplay=()", "camera=()", "display-capture=()", "geolocation=()", "gyroscope=()",
    "magnetometer=()", "microphone=()", "midi=()", "payment=()", "usb=()", "xr-spatial-tracking=()",
    "fullscreen=(self)",
])
#: What an entry of SEE_EMBED_ORIGINS may look like: scheme://host[:port], the host optionally "*."-prefixed.
_ORIGIN = re.compile(r"^https?://(\*\.)?[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)*(:\d{1,5})?$")


def content_security_policy(script_hashes: Sequence[str], frame_ancestors: Sequence[str]) -> str:
    """The CSP header value for a page that may be framed by ``frame_ancestors`` (empty: by nobody)."""
    directives = {
        "default-src": ["'self'"],
        "script-src": ["'self'", *script_hashes],
        "style-src": ["'self'", "'unsafe-inline'"],
        "img-src": ["'self'", "data:", "blob:"],
        "font-src": ["'self'", "data:"],
        "connect-src": ["'self'"],
        "worker-src": ["'self'", "blob:"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": list(frame_ancestors) or ["'none'"],
    }
    return "; ".join(f"{name} {' '.join(values)}" for name, values in directives.items())


def is_embed_path(path: str, base_path: str = "/") -> bool:
    """True for the embed pages (``<base>/embed`` and below), the only pages other sites may frame."""
    prefix = "/" + base_path.strip("/") if base_path.strip("/") else ""
    if prefix and not path.startswith(prefix + "/"):
        return False
    rest = path[len(prefix):]
    return rest == "/embed" or rest.startswith("/embed/")


def install(server: Flask, config: Config, script_hashes: Callable[[], Sequence[str]]) -> None:
    """Add the security headers to every response ``server`` sends, error pages and static files included.

    ``script_hashes`` is asked once, on the first response, so inline scripts registered by any callback module
    (Dash's ``app.csp_hashes``) are all in place by then.
    """
    bad = [o for o in config.embed_origins if not _ORIGIN.match(o)]
    if bad:
        raise ValueError(f"SEE_EMBED_ORIGINS: {bad[0]!r} is not an origin like https://reports.example.org")
    policies: dict[bool, str] = {}

    def policy(embed: bool) -> str:
        if not policies:
            hashes = list(script_hashes())
            policies[False] = content_security_policy(hashes, [])
            policies[True] = content_security_policy(hashes, ["'self'", *config.embed_origins])
        return policies[embed]

    @server.after_request
    def add_security_headers(response: Response) -> Response:
        embed = is_embed_path(request.path, config.base_path)
        headers = response.headers
        headers["Content-Security-Policy"] = policy(embed)
        headers["X-Content-Type-Options"] = "nosniff"
        headers["Referrer-Policy"] = "same-origin"
        headers["Permissions-Policy"] = PERMISSIONS_POLICY
        headers["Cross-Origin-Opener-Policy"] = "same-origin"
        if embed:
            headers.pop("X-Frame-Options", None)
        else:
            headers["X-Frame-Options"] = "DENY"  # for browsers that predate CSP frame-ancestors
        return response
