"""The Sankey: its links add up to the published flows for the filters, and "Other" keeps the total."""

from __future__ import annotations

import pytest

from dashboard.catalog import PARTICIPATING
from dashboard.figures import sankey
from dashboard.view.state import SEE_ROUTES

#: Frontex, detections of illegal border-crossing in 2015 (published annual totals).
FRONTEX_2015 = {"Eastern Mediterranean Route": 885_386, "Western Balkan Route": 764_033}


def link_totals(fig, kind: str) -> dict[str, float]:
    """Target code -> sum of link values, for links whose source node has the given role ("role:code" ids)."""
    trace = fig.data[0]
    nodes = [node.split(":", 1) for node in trace.node.customdata]
    totals: dict[str, float] = {}
    for s, t, v in zip(trace.link.source, trace.link.target, trace.link.value, strict=True):
        if nodes[s][0] == kind:
            totals[nodes[t][1]] = totals.get(nodes[t][1], 0) + v
    return totals


def test_irregular_migration_2015_adds_up_to_frontex_route_totals(store, view, raw_routes) -> None:
    state = view("?year=2015")
    fig = sankey.build_sankey(store, state)
    by_route = link_totals(fig, "nationality")
    for route, total in FRONTEX_2015.items():
        assert by_route[route] == total
        in_file = raw_routes[(raw_routes["route"] == route) & raw_routes["month"].str.startswith("2015")]
        assert in_file["detections"].sum() == total
    # The second stage (route -> sea or land) carries the same totals on.
    assert link_totals(fig, "route") == {"Sea": pytest.approx(sum(
        raw_routes[raw_routes["route"].isin(SEE_ROUTES) & raw_routes["month"].str.startswith("2015")
                   & (raw_routes["border_type"] == "Sea")]["detections"])), "Land": pytest.approx(sum(
        raw_routes[raw_routes["route"].isin(SEE_ROUTES) & raw_routes["month"].str.startswith("2015")
                   & (raw_routes["border_type"] == "Land")]["detections"]))}
    assert sum(by_route.values()) == sum(link_totals(fig, "route").values())


def test_year_range_sums_the_years(store, view, raw_routes) -> None:
    links = sankey.sankey_data(store, view("?from=2015&to=2016&route=Western+Balkan+Route")).links
    in_file = raw_routes[(raw_routes["route"] == "Western Balkan Route")
                         & raw_routes["month"].str[:4].isin(["2015", "2016"])]
    assert links.loc[links["kind"] == "nationality→route", "value"].sum() == in_file["detections"].sum()
    assert set(links.loc[links["kind"] == "nationality→route", "target"]) == {"Western Balkan Route"}


@pytest.mark.parametrize("top", [3, 10, 30])
def test_top_n_with_other_keeps_the_total(store, view, top) -> None:
    full = sankey.sankey_data(store, view("?year=2015&top=30")).links
    links = sankey.sankey_data(store, view(f"?year=2015&top={top}")).links
    first = links[links["kind"] == "nationality→route"]
    assert first["value"].sum() == full[full["kind"] == "nationality→route"]["value"].sum()
    named = set(first["source"]) - {sankey.OTHER}
    assert len(named) <= top
    if len(named) == top:
        assert sankey.OTHER in set(first["source"])


def test_nationality_filter_keeps_only_that_nationality(store, view, raw_routes) -> None:
    links = sankey.sankey_data(store, view("?year=2015&nationality=SYR")).links
    first = links[links["kind"] == "nationality→route"]
    assert set(first["source"]) == {"SYR"}
    in_file = raw_routes[raw_routes["route"].isin(SEE_ROUTES) & raw_routes["month"].str.startswith("2015")
                         & (raw_routes["nationality"] == "SYR")]
    assert first["value"].sum() == in_file["detections"].sum() > 0


def _trafficking_in_file(raw_flows, year: int, destinations) -> float:  # noqa: ANN001
    rows = raw_flows[(raw_flows["measure"] == "thb_victims_by_citizenship") & (raw_flows["year"] == year)
                     & raw_flows["destination"].isin(destinations)]
    return float(rows["value"].sum())  # suppressed rows are null and add nothing


def test_trafficking_flows_go_to_the_eleven(store, view, raw_flows) -> None:
    state = view("?crime=human-trafficking&year=2019")
    data = sankey.sankey_data(store, state)
    assert set(data.links["target"]) <= set(PARTICIPATING)
    assert data.links["value"].sum() == _trafficking_in_file(raw_flows, 2019, PARTICIPATING) > 0
    fig = sankey.build_sankey(store, state)
    assert sum(fig.data[0].link.value) == data.links["value"].sum()
    suppressed = raw_flows[(raw_flows["measure"] == "thb_victims_by_citizenship") & (raw_flows["year"] == 2019)
                           & raw_flows["destination"].isin(PARTICIPATING) & (raw_flows["flag"] == "suppressed")]
    assert data.note == f"{len(suppressed)} flows published as fewer than 5 are not drawn."  # CLDR plural


def test_trafficking_flows_go_to_the_selected_countries(store, view, raw_flows) -> None:
    data = sankey.sankey_data(store, view("?crime=human-trafficking&year=2019&country=GRC,TUR"))
    assert set(data.links["target"]) == {"GRC", "TUR"}
    assert data.links["value"].sum() == _trafficking_in_file(raw_flows, 2019, ["GRC", "TUR"])


@pytest.mark.parametrize("query", ["?crime=migrant-smuggling&year=2019", "?crime=deaths&year=2019",
                                   "?crime=context&year=2019"])
def test_crime_types_without_flows_say_so_and_draw_no_sankey(store, view, query) -> None:
    state = view(query)
    data = sankey.sankey_data(store, state)
    assert data.links.empty
    assert data.message.startswith("No flow data")
    fig = sankey.build_sankey(store, state)
    assert [t for t in fig.data if t.type == "sankey"] == []
    assert fig.layout.annotations[0].text.replace("<br>", " ") == data.message


def test_nodes_carry_role_and_code_for_clicks(store, view) -> None:
    fig = sankey.build_sankey(store, view("?crime=human-trafficking&year=2019&country=GRC"))
    nodes = fig.data[0].node.customdata
    assert "destination:GRC" in nodes
    assert all(n.split(":", 1)[0] in {"origin", "destination"} for n in nodes)
    labels = dict(zip(nodes, fig.data[0].node.label, strict=True))
    assert labels["destination:GRC"] == "Greece"


def test_a_patch_of_the_sankey_paths_turns_any_sankey_into_another(store, view) -> None:
    """Year frames and server steps send only patch_paths; applied to the drawn figure, they must give exactly
    the figure a fresh build gives, between views with flows and the "no flows" one alike."""
    views = [view("?year=2016"), view("?year=2021&top=5"), view("?crime=human-trafficking&year=2019"),
             view("?crime=migrant-smuggling")]
    figures = [sankey.build_sankey(store, v).to_plotly_json() for v in views]
    assert figures[3]["layout"]["annotations"] and not figures[0]["layout"].get("annotations")
    for before in figures:
        for after in figures:
            patched = {"data": before["data"], "layout": dict(before["layout"])}
            paths = sankey.patch_paths(after)
            patched["data"] = paths["data"]
            patched["layout"]["title"] = {**patched["layout"]["title"], "text": paths["layout.title.text"]}
            patched["layout"]["annotations"] = paths["layout.annotations"]
            expected = {"data": after["data"], "layout": {**after["layout"], "annotations": after["layout"].get(
                "annotations", [])}}
            assert patched == expected
