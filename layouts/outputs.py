"""The output lists that more than one callback writes, declared once: the server's draw and sync callbacks and
the clientside year step (assets/timeline.js) write the same components in the same order, and a year frame
holds their values by "id.property", so assets/timeline.js needs no knowledge of their order."""

from __future__ import annotations

from dash import Output

from dashboard.panels.registry import PANELS
from dashboard.view.state import ViewState
from dashboard.web.links import EXPORT_FILES
from layouts.ids import Ids, Panel, Share

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


def output_key(output: Output) -> str:
    """'map-graph.figure': how a year frame names the output a value is for (as Dash's outputs_list does)."""
    return f"{output.component_id}.{output.component_property}"


def year_frame(view: ViewState, query: str, panel_values: list, links: list[str]) -> dict:
    """One year of a view's frames: its year, its full query and, by output, what a local step writes: the URL,
    the year label, no notices, every panel's outputs (in Panel.NAMES order) and the view tools' links. The view
    itself is written by the browser (the frames' `view` names its output)."""
    outputs = [Output(Ids.URL, "search"), Output(Ids.YEAR_LABEL, "children"), Output(Ids.NOTICES, "children"),
               *(o for p in Panel.NAMES for o in panel_outputs(p)), *link_outputs()]
    values = [query, str(view.year), [], *panel_values, *links]
    if len(values) != len(outputs):
        raise ValueError(f"a year frame has {len(values)} values for {len(outputs)} outputs")
    return {"year": view.year, "query": query, "values": dict(zip(map(output_key, outputs), values, strict=True))}
