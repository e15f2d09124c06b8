"""The links a view's tools carry (Present, report pack, every panel's export files) and each panel's data-API
twin: pure functions of the ViewState, so the server writes them with the view and the year frames carry them,
and a local year step moves them too.
"""

from __future__ import annotations

from dashboard.export.files import size_params
from dashboard.i18n.locales import DEFAULT_LANG
from dashboard.panels.registry import PANELS, panel_api
from dashboard.view.state import Domain, ViewState
from dashboard.web.urls import api_url, export_url, page_url

#: Export menu entry -> (format, size), in the menu's order.
EXPORT_FILES = {"png-a4": ("png", "a4"), "png-column": ("png", "column"), "png-slide": ("png", "slide"),
                "svg": ("svg", "a4"), "csv": ("csv", "a4")}
#: How many links view_links returns: Present, report pack, then each panel's export files.
N_VIEW_LINKS = 2 + len(PANELS) * len(EXPORT_FILES)


def view_links(state: ViewState | None, domain: Domain, base_path: str) -> list[str]:
    """Every link of the view tools for the state, in the order of layouts.outputs.link_outputs."""
    if state is None:
        return ["#"] * N_VIEW_LINKS
    files = [export_url(state, domain, f"{p}.{fmt}", base_path, size_params(size) if fmt == "png" else None)
             for p in PANELS for fmt, size in EXPORT_FILES.values()]
    return [page_url(state, domain, base_path, "present"), export_url(state, domain, "report-pack.zip", base_path),
            *files]


def api_links(state: ViewState, panel: str, base_path: str) -> tuple[str | None, str | None]:
    """The panel's CSV and JSON twins in the data API; None (the links lose their href) where nothing published
    stands behind it."""
    twin = panel_api(state, panel)
    if twin is None:
        return None, None
    resource, params = twin
    if state.lang != DEFAULT_LANG:  # the JSON's caption in the view's language; the rows are the same
        params = {**params, "lang": state.lang}
    return api_url(resource, "csv", params, base_path), api_url(resource, "json", params, base_path)
