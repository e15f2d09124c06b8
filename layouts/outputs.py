"""The output lists that more than one callback writes, declared once: the server's draw and sync callbacks and
the clientside year step (assets/timeline.js) write the same components in the same order, and a year frame
holds its values in that order (dashboard.web.links, callbacks/panels.py)."""

from __future__ import annotations

from dash import Output

from dashboard.panels.registry import PANELS
from dashboard.web.links import EXPORT_FILES
from layouts.ids import Panel, Share

#: What a panel shows for a view, in the order a year frame holds it.
PANEL_PARTS = (("graph", "figure"), ("provenance", "children"), ("api-csv", "href"), ("api-json", "href"),
               ("summary", "children"))


def panel_outputs(panel: str, duplicate: bool = False) -> list[Output]:
    """A panel's figure, sources, API links and summary."""
    return [Output(Panel.id(panel, part), prop, allow_duplicate=duplicate) for part, prop in PANEL_PARTS]


def link_outputs(duplicate: bool = False) -> list[Output]:
    """The view tools' links, in the order dashboard.web.links.view_links returns them."""
    ids = [Share.PRESENT, Share.REPORT_PACK, *(Share.export(p, kind) for p in PANELS for kind in EXPORT_FILES)]
    return [Output(i, "href", allow_duplicate=duplicate) for i in ids]
