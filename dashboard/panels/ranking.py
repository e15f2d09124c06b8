"""The ranking panel: the 11 ranked by the indicator in the view's year. It fills the Flows slot for crime
types without flow data, so that slot never stands empty."""

from __future__ import annotations

from dashboard.figures import ranking, sankey
from dashboard.i18n.messages import N_
from dashboard.panels.help import indicator_help
from dashboard.panels.map import indicator_api, indicator_year_sources
from dashboard.panels.spec import PanelSpec
from dashboard.panels.summaries import ranking_summary
from dashboard.store import Store
from dashboard.view.state import ViewState


def _year_patch(store: Store, state: ViewState, _geojson: object) -> dict[str, object]:
    return ranking.patch_paths(ranking.build_ranking(store, state).to_plotly_json())


PANEL = PanelSpec(
    id="ranking", heading=N_("Ranking of the 11"), slot="flows",
    rows=lambda store, state: ranking.ranking_frame(store, state)[ranking.COLUMNS],
    figure=lambda store, state, _geojson: ranking.build_ranking(store, state),
    title=ranking.ranking_title, heading_for=ranking.ranking_heading, summary=ranking_summary,
    sources=indicator_year_sources, api=indicator_api,
    # Its value axis is fixed per indicator and measure, so any year of them takes a patch.
    patch_key=lambda state: f"ranking|{state.indicator}|{state.measure}", year_patch=_year_patch, help=indicator_help,
    fits=lambda crime: not sankey.has_flows(crime),
)
