"""The route table of pages, as plain data: which page a path names, and whether it names one at all.

A page is either a function of the query string, at an exact path ("/about"), or a `PathPage` whose path ends in
one parameter ("/country/<iso3>"), a function of the query string and that segment. The router
(callbacks/router.py) draws what `resolve` finds. Under a parameterised page's prefix the server answers 404 for a
value the page does not know (an unknown country code) or a deeper path, and the page says so in words; any other
unknown path keeps the page shell's 200 with the router's "Page not found", as before.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass

Page = Callable[[str], object]


@dataclass(frozen=True)
class PathPage:
    """A page at `<prefix>/<value>`: `draw(search, value)`, `known(value)` whether the value names something (an
    unknown one is drawn too, as a clear page, with status 404), `examples` for crawlers such as the URL fuzz."""

    draw: Callable[[str, str], object]
    known: Callable[[str], bool]
    examples: tuple[str, ...] = ()


Pages = Mapping[str, Page | PathPage]


def normalised(path: object, base_path: str = "/") -> str:
    """A request's path as the route table keys it: without the base path, one leading slash, no trailing one."""
    text = str(path or "/")
    prefix = "/" + base_path.strip("/") if base_path.strip("/") else ""
    if prefix and (text == prefix or text.startswith(prefix + "/")):
        text = text[len(prefix):] or "/"
    return "/" + text.strip("/")


def _parameter(key: str) -> tuple[str, str] | None:
    """('/country/', 'iso3') for a key '/country/<iso3>'; None for an exact path."""
    head, _, tail = key.rpartition("/<")
    return (head + "/", tail[:-1]) if tail.endswith(">") and head else None


def resolve(pages: Pages, path: str) -> tuple[Page | None, bool]:
    """The page function for a normalised path (None: no page), and whether the path names something it knows."""
    page = pages.get(path)
    if page is not None and not isinstance(page, PathPage):
        return page, True
    for key, entry in pages.items():
        found = _parameter(key)
        if found and isinstance(entry, PathPage) and path.startswith(found[0]):
            value = path[len(found[0]):]
            if value and "/" not in value:
                return (lambda search, entry=entry, value=value: entry.draw(search, value)), entry.known(value)
    return None, False


def status(pages: Pages, path: str) -> int:
    """The HTTP status of the page shell at a normalised path: 404 under a parameterised page's prefix where the
    path names nothing the page knows ('/country/XYZ', '/country/SRB/x'), else 200."""
    claimed = any(found and path.startswith(found[0]) for found in map(_parameter, pages))
    return 404 if claimed and not resolve(pages, path)[1] else 200


def page_paths(pages: Pages) -> tuple[str, ...]:
    """Every path a crawler should try: the exact ones, and each parameterised page at each of its examples."""
    paths: list[str] = []
    for key, entry in pages.items():
        found = _parameter(key)
        if found and isinstance(entry, PathPage):
            paths += [found[0] + example for example in entry.examples]
        else:
            paths.append(key)
    return tuple(paths)
