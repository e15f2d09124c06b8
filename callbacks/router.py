"""Which page a path shows. The pages themselves are declared in layouts/."""

from __future__ import annotations

from collections.abc import Callable

from dash import Dash, Input, Output, html

PAGE_LOCATION = "page-location"
PAGE_CONTENT = "page-content"


def register(app: Dash, pages: dict[str, Callable[[], object]], base_path: str) -> None:
    prefix = "/" + base_path.strip("/") if base_path.strip("/") else ""

    @app.callback(Output(PAGE_CONTENT, "children"), Input(PAGE_LOCATION, "pathname"))
    def route(pathname):  # noqa: ANN001, ANN202
        path = str(pathname or "/")
        if prefix and path.startswith(prefix):
            path = path[len(prefix):] or "/"
        path = "/" + path.strip("/")
        page = pages.get(path)
        if page is not None:
            return page()
        return html.Main([html.H1("Page not found", className="h3"),
                          html.P(["There is no page at this address. ", html.A("Go to the dashboard", href="/"),
                                  "."])], className="container py-5")
