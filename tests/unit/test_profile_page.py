"""Country profiles as served: /country/<ISO3> through the router's real callback (every one of the 11, any case),
the clear page and 404 for a code that is none of them, the index, the CSV/JSON twin whose rows are the page's
tables, and the map panel's offer of the selected countries' profiles.
"""

from __future__ import annotations

import io
import json

import pandas as pd
import pytest

from dashboard.catalog import PARTICIPATING
from dashboard.figures.theme import row_value
from dashboard.profile.rows import profile_rows
from layouts.ids import Ids
from tests.hardening.payloads import texts
from tests.unit.dash_post import ENDPOINT, payload, post


def _page(app, client, path: str, search: str = "") -> dict:  # noqa: ANN001
    out = post(client, app, "page-content.children", {"page-location.pathname": path,
                                                      "page-location.search": search}, ["page-location.pathname"])
    return out["page-content.children"]


def _nodes(node: object, kind: str | None = None) -> list[dict]:
    """Every component of a tree (of one type)."""
    if isinstance(node, list):
        return [n for child in node for n in _nodes(child, kind)]
    if not isinstance(node, dict) or "props" not in node:
        return []
    found = [node] if kind is None or node.get("type") == kind else []
    return found + _nodes(node["props"].get("children"), kind)


def _hrefs(tree: dict) -> list[str]:
    return [n["props"]["href"] for n in _nodes(tree, "A") if "href" in n["props"]]


def _tables(tree: dict) -> dict[str, dict]:
    """The page's tables by indicator: the rows each block's "Data table" writes in (assets/profile.js)."""
    blocks = [n for n in _nodes(tree, "Section") if str(n["props"].get("id", "")).startswith("indicator-")]
    out = {}
    for block in blocks:
        details = next(n for n in _nodes(block, "Details") if "data-table" in n["props"])
        out[block["props"]["id"].removeprefix("indicator-")] = json.loads(details["props"]["data-table"])
    return out


@pytest.fixture(scope="module")
def serbia(app) -> dict:  # noqa: ANN001
    return _page(app, app.server.test_client(), "/country/SRB")


@pytest.mark.parametrize("iso3", PARTICIPATING)
def test_every_one_of_the_11_renders(app, client, store, iso3) -> None:
    assert client.get(f"/country/{iso3}").status_code == 200
    tree = _page(app, client, f"/country/{iso3.lower()}")
    shown = texts(tree)
    name = store.name(iso3)
    assert f"{name}: country profile" in shown
    tables = _tables(tree)
    rows = profile_rows(store, iso3)
    assert set(tables) == set(rows["indicator"])
    latest = rows.groupby("indicator").tail(1)
    for r in latest.to_dict(orient="records"):  # each block's headline is its latest row, as the app writes it
        assert row_value(r) in shown, (iso3, r["indicator"])
    assert f"/api/country/{iso3}.csv" in _hrefs(tree) and f"/api/country/{iso3}.json" in _hrefs(tree)
    assert any(h.startswith("/?") and f"country={iso3}" in h for h in _hrefs(tree))  # back to the dashboard


def test_serbias_page_shows_2019_smuggling_offences_and_its_rank(serbia) -> None:
    table = _tables(serbia)["smuggling_offences"]
    assert table["columns"] == ["Year", "Value", "Change from the year before", "Rank among the 11"]
    assert ["2019", "165", "+60 (+57.1%) from 2018", "4 of 11"] in table["cells"]
    assert ["2018", "105", "-59 (-36.0%) from 2017", "7 of 10"] in table["cells"]
    shown = texts(serbia)
    assert "Not ranked in 2022 (no value): Croatia: fewer than 5 (suppressed), Cyprus: fewer than 5 (suppressed), " \
           "North Macedonia: no data, Montenegro: no data and Serbia: fewer than 5 (suppressed)" in shown
    assert any("United Nations Office on Drugs and Crime (UNODC), Crime Trends Survey" in t for t in shown)
    assert any("UNHCR counts Serbia and Kosovo together" in t for t in shown)  # the caveat where the figure is


def test_the_api_twin_has_the_rows_of_the_pages_tables(app, client, store, serbia) -> None:
    csv = pd.read_csv(io.StringIO(client.get("/api/country/SRB.csv").get_data(as_text=True)),
                      keep_default_na=False, na_values=[""])
    expected = profile_rows(store, "SRB")
    assert list(csv.columns) == list(expected.columns) and len(csv) == len(expected)
    body = client.get("/api/country/SRB.json").get_json()
    assert body["count"] == len(expected) and body["columns"] == list(expected.columns)
    tables = _tables(serbia)
    for indicator, table in tables.items():
        mine = csv[csv["indicator"] == indicator].to_dict(orient="records")
        rows = [r for r in body["rows"] if r["indicator"] == indicator]
        assert [c[0] for c in table["cells"]] == [str(r["year"]) for r in mine] == [str(r["year"]) for r in rows]
        assert [c[1] for c in table["cells"]] == [row_value({**r, "flag": r["flag"] or ""}) for r in mine]
        assert [c[3] for c in table["cells"]] == [f"{int(r['rank'])} of {r['ranked_of']}" if pd.notna(r["rank"])
                                                  else "not ranked (no value)" for r in mine]
    assert sum(len(t["cells"]) for t in tables.values()) == len(csv)


def test_the_json_twin_names_sources_and_caveats_in_the_language_asked(client) -> None:
    body = client.get("/api/country/srb.json?lang=el").get_json()
    assert body["country"] == "SRB" and body["caption"]["lang"] == "el"
    sources = {s["id"]: s for s in body["sources"]}
    assert {"unodc_cts", "unodc_glotip", "unhcr_asylum_applications", "frontex"} <= set(sources)
    assert sources["unodc_cts"]["publisher"].startswith("United Nations Office on Drugs and Crime")
    assert body["caption"]["indicators"]["smuggling_offences"]["caveat"]
    assert "suppressed" in body["caption"]["flags"]
    assert any("Σερβία" in note for note in body["notes"])  # Serbia's UNHCR note, in Greek
    assert body["neighbours"]["countries"] == ["BIH", "BGR", "HRV", "MKD", "MNE", "ROU"]
    assert {r["route"] for r in body["routes"]["rows"]} >= {"Western Balkan Route"}
    assert any(f["origin"] == "SRB" and f["direction"] == "out" for f in body["flows"])
    english = client.get("/api/country/SRB.json").get_json()
    assert english["rows"] == body["rows"]  # the rows are the same in every language


@pytest.mark.parametrize(("path", "status", "fragment"), [
    ("/api/country/XYZ.json", 404, "no country profile for 'XYZ'"),
    ("/api/country/XKX.csv", 404, "no country profile"),
    ("/api/country/SRB.xml", 404, "format must be"),
    ("/api/country/SRB.json?year=2019", 400, "this endpoint takes lang"),
    ("/api/country/SRB.json?lang=xx", 400, "'lang' is one of"),
    ("/api/country/%3Cscript%3E.json", 404, "no country profile"),
])
def test_the_twin_refuses_what_it_cannot_answer(client, path, status, fragment) -> None:
    response = client.get(path)
    assert response.status_code == status
    assert fragment in response.get_data(as_text=True)
    assert "<script>" not in response.get_data(as_text=True)


@pytest.mark.parametrize("code", ["XYZ", "xkx", "SERBIA", "<b>x", "123"])
def test_an_unknown_code_is_a_clear_page_with_status_404(app, client, code) -> None:
    assert client.get(f"/country/{code}").status_code == 404
    tree = _page(app, client, f"/country/{code}")
    shown = texts(tree)
    assert "No such country" in shown and not any("<b>" in t for t in shown)
    assert [h for h in _hrefs(tree) if h.startswith("/country/")] == [f"/country/{c}" for c in PARTICIPATING]


def test_the_index_and_other_paths(app, client) -> None:
    assert client.get("/country").status_code == 200
    assert client.get("/country/").status_code == 200
    tree = _page(app, client, "/country", "?lang=hr")
    assert [h for h in _hrefs(tree) if h.startswith("/country/")] == [f"/country/{c}?lang=hr" for c in PARTICIPATING]
    assert "Hrvatska" in texts(tree)
    assert client.get("/country/SRB/more").status_code == 404
    assert client.get("/nothing/here").status_code == 200  # other unknown paths: the shell, as before
    for path in ("/country/SRB/more", "/nothing/here"):
        assert "Page not found" in texts(_page(app, client, path))


def test_a_profile_in_another_language_keeps_it_in_its_links(app, client) -> None:
    tree = _page(app, client, "/country/SRB", "?lang=sr-Latn")
    assert "Srbija" in json.dumps(tree, ensure_ascii=False)
    assert "/api/country/SRB.json?lang=sr-Latn" in _hrefs(tree)
    assert all("lang=sr-Latn" in h for h in _hrefs(tree) if h.startswith(("/?", "/embed/", "/export/")))


def test_a_profile_under_a_base_path(make_app) -> None:
    app = make_app(base_path="/see/")
    client = app.server.test_client()
    assert client.get("/see/country/SRB").status_code == 200
    assert client.get("/see/country/XYZ").status_code == 404
    body = payload(app, "page-content.children", {"page-location.pathname": "/see/country/SRB"},
                   ["page-location.pathname"])
    tree = client.post(f"/see/{ENDPOINT.lstrip('/')}", json=body).get_json()["response"]["page-content"]["children"]
    assert "Serbia: country profile" in texts(tree)
    assert [h for h in _hrefs(tree) if not h.startswith(("/see/", "?lang="))] == []


def test_the_map_panel_offers_the_selected_countries_profiles(app, client) -> None:
    def offers(countries: object, view: object) -> list:
        out = post(client, app, f"{Ids.PROFILES}.children", {f"{Ids.COUNTRIES}.value": countries,
                                                             f"{Ids.VIEW}.data": view}, [f"{Ids.COUNTRIES}.value"])
        return out[f"{Ids.PROFILES}.children"]

    links = offers(["SRB", "AUT", "QQQ", 5, "SRB"], {"query": "?country=SRB"})
    assert [(a["props"]["children"], a["props"]["href"]) for a in links] == [("Serbia's profile", "/country/SRB")]
    greek = offers(["GRC"], {"query": "?lang=el&country=GRC"})
    assert greek[0]["props"]["href"] == "/country/GRC?lang=el"
    assert offers(None, None) == [] and offers({"a": 1}, "junk") == []
