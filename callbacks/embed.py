"""/embed/<panel>?<view query>: the page functions the router calls, drawn from the URL alone.

The query goes through the same codec as the main view; bad parameters fall back with a visible notice, exactly
as on the main view. The figure is built here, so the first paint already shows the chart.
"""

from __future__ import annotations

from collections.abc import Callable

from dashboard.panels.registry import PANELS, build_panel, panel_heading, panel_notes, panel_rows, panel_summary
from dashboard.panels.summaries import table_cells, table_note
from dashboard.store import Store
from dashboard.view.state import Domain, parse_query
from dashboard.web.reader import reader_language
from dashboard.web.urls import page_url
from layouts.embed import embed_layout
from layouts.panels import data_table

#: Rows an embed's table holds. Every cell is a component the page's renderer walks before the chart draws:
#: Frontex's monthly series (617 rows) held the chart back ~16 s on a busy machine. The CSV has them all.
EMBED_TABLE_ROWS = 100


def embed_pages(store: Store, domain: Domain, geojson_url: str, base_path: str) -> dict[str, Callable[[str], object]]:
    """Path -> page function for /embed/<panel> of every panel (map, sankey, ranking, series)."""

    def page(panel: str) -> Callable[[str], object]:
        def draw(search: str) -> object:
            parsed = parse_query(search, domain, reader_language())
            state = parsed.state
            figure = build_panel(store, state, panel, geojson_url)
            figure.update_layout(title_text="", margin={"t": 8})  # the page's own heading carries the title
            notes = panel_notes(store, state, panel)
            frame = panel_rows(store, state, panel)
            columns, rows = table_cells(frame.head(EMBED_TABLE_ROWS), state.measure == "per100k", state.lang)
            title = panel_heading(store, state, panel)
            note = table_note(len(frame), state.lang, EMBED_TABLE_ROWS, embedded=True) \
                if len(frame) > EMBED_TABLE_ROWS else ""
            table = data_table(title, columns, rows, note)
            return embed_layout(panel, title, figure, notes["sources"], notes["caveats"], notes["releases"],
                                page_url(state, domain, base_path), parsed.shown,
                                panel_summary(store, state, panel), table, state.lang, base_path,
                                "comparing" if state.compare is not None else "")

        return draw

    return {f"/embed/{panel}": page(panel) for panel in PANELS}
