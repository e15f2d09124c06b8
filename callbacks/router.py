"""Which page a path shows. The pages themselves are declared in layouts/.

Each page function gets the query string too, so pages drawn from the URL alone (embed, presenter) arrive
with their figures already in place instead of waiting for a second round trip.
"""

from __future__ import annotations

from collections.abc import Callable

from dash import Dash, Input, Output, State, html

from dashboard.i18n.messages import translator
from dashboard.web.reader import page_language
from dashboard.web.urls import path_url

PAGE_LOCATION = "page-location"
PAGE_CONTENT = "page-content"


def register(app: Dash, pages: dict[str, Callable[[str], object]], base_path: str) -> None:
    prefix = "/" + base_path.strip("/") if base_path.strip("/") else ""

    @app.callback(Output(PAGE_CONTENT, "children"), Input(PAGE_LOCATION, "pathname"),
                  State(PAGE_LOCATION, "search"))
    def route(pathname, search):  # noqa: ANN001, ANN202
        path = str(pathname or "/")
        if prefix and path.startswith(prefix):
            path = path[len(prefix):] or "/"
        path = "/" + path.strip("/")
        page = pages.get(path)
        if page is not None:
            return page(search if isinstance(search, str) else "")
        lang = page_language(search if isinstance(search, str) else "")
        t = translator(lang)
        home = html.A(t("Go to the dashboard"), href=path_url("", base_path))
        return html.Main([html.H1(t("Page not found"), className="h3"),
                          html.P([t("There is no page at this address. "), home, "."])],
                         className="container py-5", **{"data-lang": lang})
