"""Every locale × page (dashboard, About, presenter, speaker view, embed), as the server renders them, without a
browser: each page is in the language of its `lang`, or of the reader's Accept-Language where the URL names
none, and no text a reader sees is left in English, apart from proper names, sources and the data package's own
documentation (marked `lang="en"` on the page).

The pages are fetched through the router's real callback (tests/unit/dash_post.py), so the language comes the way
a browser's request brings it.
"""

from __future__ import annotations

import json
import re

import pytest

from dashboard.catalog import FLAGS, INDICATORS, PARTICIPATING
from dashboard.i18n.locales import DEFAULT_LANG, LANGUAGES
from dashboard.i18n.messages import read_catalogue, translator
from dashboard.i18n.names import country_name
from dashboard.i18n.status import status_text
from layouts.ids import Panel
from tests.unit.dash_post import post

VIEW = "crime=migrant-smuggling&year=2019"
PAGES = {"dashboard": "/", "about": "/about", "presenter": "/present", "speaker": "/present/speaker",
         "embed": "/embed/map", "not found": "/no/such/page", "country": "/country/SRB", "countries": "/country",
         "no such country": "/country/XYZ"}
TRANSLATED = [code for code in LANGUAGES if code != DEFAULT_LANG]
#: Props whose text a reader sees or hears (a screen reader reads titles and aria-labels).
SHOWN = ("children", "placeholder", "title", "label", "aria-label", "value")
#: Words that are the same in every language: names, formats, keys printed on keyboards, units.
NAMES = re.compile(r"(?:SEE Route Monitor|Frontex|UNODC|UNHCR|IOM|Eurostat|OSCE|UN WPP|CSV|JSON|PNG|SVG|YAML|API|URL|"
                   r"SEE_EMBED_ORIGINS|https?://\S+|/[\w/.-]+|PageDown|PageUp|Space|Esc|dpi|px|A4|Id|\b[A-Z]{1,3}\b|"
                   r"\([a-z]{2,3}(?:-[A-Z][a-z]{3})?\)|[←→↑↓▶⏸▼▲◀?/·:;,.()\-–\d\s])+")


def page(app, client, path: str, query: str, accept: str | None = None) -> dict:  # noqa: ANN001
    """The page the router draws for `path` and `query`, for a browser sending `accept` as its Accept-Language."""
    client.environ_base["HTTP_ACCEPT_LANGUAGE"] = accept or ""
    body = post(client, app, "page-content.children",
                {"page-location.pathname": path, "page-location.search": query}, ["page-location.pathname"])
    return body["page-content.children"]


def shown_texts(node: object) -> list[str]:
    """The texts of a component tree that a reader sees, less subtrees marked as English (`lang="en"`), figures
    (checked in test_i18n_figures) and stores."""
    out: list[str] = []
    if isinstance(node, str):
        return [node] if node.strip() else []
    if isinstance(node, list):
        return [text for child in node for text in shown_texts(child)]
    if not isinstance(node, dict):
        return out
    props = node.get("props", {})
    if props.get("lang") == "en" or node.get("type") in {"Store", "Graph", "Location", "Download", "Interval",
                                                          "Code"}:  # code (field names, file names) is code
        return out
    for key in SHOWN:
        value = props.get(key)
        if key == "value" and node.get("type") not in {"Textarea"}:
            continue
        out += shown_texts(value) if key == "children" else ([value] if isinstance(value, str) else [])
    for option in props.get("options") or []:
        if isinstance(option, dict) and isinstance(option.get("label"), str):
            out.append(option["label"])
    return out


def _root_lang(tree: dict) -> str | None:
    found = re.search(r'"data-lang": "([^"]+)"', json.dumps(tree))
    return found.group(1) if found else None


@pytest.fixture(scope="module")
def english(app) -> dict[str, set[str]]:  # noqa: ANN001
    client = app.server.test_client()
    return {name: set(shown_texts(page(app, client, path, f"?{VIEW}"))) for name, path in PAGES.items()}


def _same_everywhere(store, lang: str) -> set[str]:  # noqa: ANN001
    """What may read the same as in English: country names as CLDR gives them, the languages' own names,
    Frontex's route names, and the codes a table shows as its CSV has them (indicator, source, measure, flag)."""
    names = {country_name(c, lang, n) for c, n in store.names.items()}
    codes = {*INDICATORS, *FLAGS, "absolute", "per100k", "iso3"} | {s["id"] for s in store.datapackage["sources"]}
    # Words the language writes as English does, which its translator chose so ("Indicator" in Romanian).
    chosen = {m.id for m in read_catalogue(lang) if isinstance(m.id, str) and m.string == m.id}
    return names | codes | chosen | {language.own_name for language in LANGUAGES.values()} | set(store.route_names)


@pytest.mark.parametrize("name", list(PAGES))
@pytest.mark.parametrize("lang", TRANSLATED)
def test_every_page_is_in_its_language_with_no_english_left(app, store, english, name: str, lang: str) -> None:  # noqa: ANN001
    client = app.server.test_client()
    tree = page(app, client, PAGES[name], f"?lang={lang}&{VIEW}")
    assert _root_lang(tree) == lang
    same = _same_everywhere(store, lang)
    left = sorted({text for text in shown_texts(tree) if text in english[name] and text not in same
                   and not NAMES.fullmatch(text)})
    assert not left, f"{lang} {name}: still English: {left[:8]}"


def test_a_page_without_lang_opens_in_the_readers_language(app, client) -> None:  # noqa: ANN001
    greek = page(app, client, "/", f"?{VIEW}", accept="el-GR,el;q=0.9,en;q=0.5")
    assert _root_lang(greek) == "el"
    assert translator("el")("About the data") in shown_texts(greek)
    assert _root_lang(page(app, client, "/", f"?{VIEW}", accept="de-DE,de")) == "en"  # not one of ours
    assert _root_lang(page(app, client, "/", f"?lang=tr&{VIEW}", accept="el")) == "tr"  # the URL decides
    # A language chosen in the menu (its cookie) outranks the browser's: a Greek browser that chose English.
    client.set_cookie("see_lang", "en")
    assert _root_lang(page(app, client, "/", f"?{VIEW}", accept="el-GR,el")) == "en"
    client.set_cookie("see_lang", "<script>")  # not one of ours: the browser's language again
    assert _root_lang(page(app, client, "/", f"?{VIEW}", accept="el-GR,el")) == "el"


def test_the_language_menu_lists_every_language_under_its_own_name_and_keeps_the_view(app, client) -> None:  # noqa: ANN001
    tree = json.dumps(page(app, client, "/", f"?lang=sr-Cyrl&{VIEW}"))
    for code, language in LANGUAGES.items():
        assert f'"href": "?lang={code}&crime=migrant-smuggling&year=2019"' in tree
        assert json.dumps(language.own_name)[1:-1] in tree or language.own_name in tree
    assert tree.count('"aria-current": "true"') == 1


def test_the_about_page_says_who_translated_each_language(app, client) -> None:  # noqa: ANN001
    for lang in ("en", "el", "sr-Cyrl"):
        texts = shown_texts(page(app, client, "/about", f"?lang={lang}"))
        for code in TRANSLATED:
            assert status_text(code, lang) in texts
        assert "draft" in status_text("el", "en") and "not yet reviewed by a native speaker" in status_text("tr", "en")


def test_caches_are_told_that_a_page_depends_on_the_readers_language(client) -> None:  # noqa: ANN001
    vary = client.get("/").headers["Vary"]
    assert "Accept-Language" in vary and "Cookie" in vary
    assert "Accept-Language" not in client.get("/api/country-indicators.csv?year=2019").headers.get("Vary", "")


def test_the_html_lang_attribute_is_the_pages_language_from_the_first_byte(client) -> None:  # noqa: ANN001
    assert '<html lang="el">' in client.get("/?lang=el").get_data(as_text=True)
    assert '<html lang="sr-Cyrl">' in client.get("/about?lang=sr-cyrl").get_data(as_text=True)
    assert '<html lang="en">' in client.get("/?lang=xx").get_data(as_text=True)
    assert '<html lang="tr">' in client.get("/", headers={"Accept-Language": "tr-TR"}).get_data(as_text=True)


def test_controls_follow_the_views_language_and_country_names_are_cldrs(app, client, store) -> None:  # noqa: ANN001
    tree = page(app, client, "/", f"?lang=el&{VIEW}")
    texts = shown_texts(tree)
    for iso3 in PARTICIPATING:
        assert country_name(iso3, "el", store.names[iso3]) in texts
    assert "Ελλάδα" in texts and "Greece" not in texts


def test_the_sync_answers_in_the_views_language_and_a_control_keeps_it(app, client, view) -> None:  # noqa: ANN001
    from tests.unit.test_dash_endpoint import SYNC, URL_REQUEST, turkey_chosen, url_request  # noqa: PLC0415

    t = translator("el")
    out = post(client, app, SYNC, url_request("?lang=el&crime=human-trafficking&year=2019&top=999"), [URL_REQUEST])
    assert out[SYNC]["lang"] == "el" and out["url.search"].startswith("?lang=el&")
    assert out["indicator.options"][0]["label"] == t("Detected victims of trafficking")
    assert [o["label"] for o in out["measure.options"]] == [t("Absolute"), t("Per 100,000")]
    notice = out["notices.children"][0]["props"]["children"]
    assert notice == t('"top" must be a whole number from {low} to {high}; using {default}.',
                                          low=3, high=30, default=10)
    # A browser whose language is Greek, on a link without lang: the view opens in Greek, and says so in its URL.
    client.environ_base["HTTP_ACCEPT_LANGUAGE"] = "el"
    out = post(client, app, SYNC, url_request("?crime=human-trafficking&year=2019"), [URL_REQUEST])
    client.environ_base["HTTP_ACCEPT_LANGUAGE"] = ""
    assert out[SYNC]["lang"] == "el" and out["url.search"] == "?lang=el&crime=human-trafficking&year=2019"
    # A control change keeps the view's language although the controls do not carry it.
    out = post(client, app, SYNC, turkey_chosen(view, "?lang=sr-Cyrl&crime=human-trafficking&year=2019"),
               ["countries.value"])
    assert out["url.search"] == "?lang=sr-Cyrl&crime=human-trafficking&year=2019&country=TUR"


def test_plotlys_own_words_are_registered_in_every_language_after_plotly(client) -> None:  # noqa: ANN001
    from dashboard.web.plotly_words import MODEBAR, script_url  # noqa: PLC0415

    index = client.get("/?lang=el").get_data(as_text=True)
    url = script_url("/")
    assert index.index("plotly-see.min.js") < index.index(url)  # registered before any graph is drawn
    response = client.get(url)
    assert response.status_code == 200 and response.mimetype == "text/javascript"
    modules = json.loads(response.get_data(as_text=True).split("register(", 1)[1].rsplit(");", 1)[0])
    assert {m["name"] for m in modules} == set(TRANSLATED)
    greek = next(m["dictionary"] for m in modules if m["name"] == "el")
    assert greek["Zoom in"] == translator("el")("Zoom in") != "Zoom in" and set(greek) == set(MODEBAR)


def test_the_panels_mode_bar_speaks_the_page_language(app, client) -> None:  # noqa: ANN001
    tree = json.dumps(page(app, client, "/", f"?lang=sr-Cyrl&{VIEW}"))
    assert tree.count('"locale": "sr-Cyrl"') == 4  # map, Sankey, ranking, series
    assert '"sendChartToCloud"' in tree  # removed: it would post the chart to a plotly server
    assert '"locale"' not in json.dumps(page(app, client, "/", f"?{VIEW}"))


def test_the_api_captions_its_rows_in_the_language_and_its_rows_stay_the_same(client, view) -> None:  # noqa: ANN001
    from dashboard.catalog import INDICATORS as ALL  # noqa: PLC0415
    from dashboard.web.links import api_links  # noqa: PLC0415

    query = "indicator=smuggling_offences&year=2019"
    greek = client.get(f"/api/country-indicators.json?{query}&lang=el").get_json()
    english = client.get(f"/api/country-indicators.json?{query}").get_json()
    assert greek["rows"] == english["rows"] and greek["columns"] == english["columns"]
    assert english["caption"]["indicators"]["smuggling_offences"]["label"] == ALL["smuggling_offences"].label
    t = translator("el")
    said = greek["caption"]["indicators"]["smuggling_offences"]
    assert greek["caption"]["lang"] == "el" and said["label"] == t(ALL["smuggling_offences"].label) != \
        ALL["smuggling_offences"].label
    assert client.get(f"/api/country-indicators.csv?{query}&lang=el").get_data() == \
        client.get(f"/api/country-indicators.csv?{query}").get_data()  # machine-readable in every language
    bad = client.get(f"/api/country-indicators.json?{query}&lang=klingon")
    assert bad.status_code == 400 and "'lang'" in bad.get_json()["error"]
    csv_link, json_link = api_links(view("?lang=tr&crime=migrant-smuggling&year=2019"), "map", "/")
    assert "lang=tr" in csv_link and "lang=tr" in json_link
    assert "lang" not in api_links(view("?crime=migrant-smuggling&year=2019"), "map", "/")[1]


@pytest.mark.parametrize("lang", TRANSLATED)
def test_every_panels_callback_answers_in_the_language(app, client, view, lang: str) -> None:  # noqa: ANN001
    """The draw callbacks of a view in `lang`, through the endpoint: each figure's title, summary and source line
    are in the language (none equals the English view's), and the figure's numbers are the English view's."""
    from tests.unit.test_dash_endpoint import DRAW, view_data  # noqa: PLC0415

    def drawn(query: str, panel: str) -> tuple[dict, str, str]:
        out = post(client, app, f"{Panel.id(panel, 'graph')}.figure", {DRAW: view_data(view(query))}, [DRAW])
        source = json.dumps(out[f"{Panel.id(panel, 'provenance')}.children"], ensure_ascii=False)
        return out[f"{Panel.id(panel, 'graph')}.figure"], out[f"{Panel.id(panel, 'summary')}.children"], source

    for query, panels in ((f"?{VIEW}", ("map", "ranking", "series")),
                          ("?crime=irregular-migration&year=2016", ("map", "sankey", "series"))):
        for panel in panels:
            english, english_summary, english_source = drawn(query, panel)
            figure, summary, source = drawn(f"{query}&lang={lang}", panel)
            assert figure["layout"]["title"]["text"] != english["layout"]["title"]["text"], (lang, panel)
            assert summary != english_summary and summary, (lang, panel)
            assert translator(lang)("Source: ") in source and source != english_source, (lang, panel)
            assert [t.get("z") for t in figure["data"]] == [t.get("z") for t in english["data"]], (lang, panel)
