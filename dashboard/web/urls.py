"""One URL builder for page, API, embed and presenter links, aware of the base path it is served under."""

from __future__ import annotations

from urllib.parse import parse_qsl, urlencode

from dashboard.glossary import anchor
from dashboard.i18n.locales import DEFAULT_LANG
from dashboard.view.state import Domain, ViewState, to_params


def path_url(path: str, base_path: str = "/") -> str:
    """A path of this site under the base path it is served from: path_url("about", "/see/") is /see/about, and
    the home page is the base path itself, slash included (/see/: Dash serves nothing at /see)."""
    joined = "/" + "/".join(p for p in (base_path.strip("/"), path.strip("/")) if p)
    return joined if path.strip("/") or joined == "/" else joined + "/"


def glossary_url(term: str, base_path: str = "/", lang: str = DEFAULT_LANG) -> str:
    """A term's entry in the glossary on the About page (/about#term-smuggling), in the reader's language."""
    return path_url("about", base_path) + (f"?lang={lang}" if lang != DEFAULT_LANG else "") + "#" + anchor(term)


def with_language(search: str, lang: str) -> str:
    """The same page and view in another language: the query with its `lang` set (kept even for English, so a
    reader whose browser prefers another language stays in the one chosen)."""
    params = [(k, v) for k, v in parse_qsl((search or "").lstrip("?")[:4000], keep_blank_values=True) if k != "lang"]
    return "?" + urlencode([("lang", lang), *params], safe=",")


def page_url(state: ViewState, domain: Domain, base_path: str = "/", page: str = "") -> str:
    params = to_params(state, domain)
    return path_url(page, base_path) + ("?" + urlencode(params, safe=",") if params else "")


def api_url(resource: str, fmt: str, params: dict[str, str], base_path: str = "/") -> str:
    """/api/<resource>.<fmt>?… with empty filters left out."""
    clean = {k: v for k, v in params.items() if v not in (None, "")}
    return path_url(f"api/{resource}.{fmt}", base_path) + ("?" + urlencode(clean, safe=",") if clean else "")


def embed_url(state: ViewState, domain: Domain, panel: str, base_path: str = "/") -> str:
    """/embed/<panel>?… : the panel alone, for an iframe."""
    return page_url(state, domain, base_path, f"embed/{panel}")


def export_url(state: ViewState, domain: Domain, filename: str, base_path: str = "/",
               extra: dict[str, str] | None = None) -> str:
    """/export/<panel>.<fmt>?… or /export/report-pack.zip?…, with export options (e.g. size) after the view."""
    params = {**to_params(state, domain), **(extra or {})}
    return path_url(f"export/{filename}", base_path) + ("?" + urlencode(params, safe=",") if params else "")



def country_url(iso3: str, base_path: str = "/", lang: str = DEFAULT_LANG) -> str:
    """/country/<ISO3>, a country's profile, in the reader's language where it is not English."""
    return path_url(f"country/{iso3}", base_path) + (f"?lang={lang}" if lang != DEFAULT_LANG else "")


def twin_url(iso3: str, fmt: str, base_path: str = "/", lang: str = DEFAULT_LANG) -> str:
    """/api/country/<ISO3>.csv|json: a profile's rows; the JSON's caption in the reader's language."""
    return api_url(f"country/{iso3}", fmt, {"lang": lang if lang != DEFAULT_LANG else ""}, base_path)
