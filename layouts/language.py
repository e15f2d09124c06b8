"""The header's language menu: each language under its own name, reopening this page, with its view, in it.

A native <details> disclosure, so it opens from the keyboard and without a callback. The links are written
for the view the page opened with; assets/lang.js points a link at the view on screen when it is followed.
"""

from __future__ import annotations

from dash import html

from dashboard.i18n.locales import LANGUAGES
from dashboard.i18n.messages import translator
from dashboard.web.urls import with_language


def language_menu(lang: str, search: str = "") -> html.Details:
    t = translator(lang)
    links = [
        html.Li(html.A(language.own_name, href=with_language(search, code), hrefLang=code, lang=code,
                       className="lang-choice", **{"data-lang-choice": code},
                       **({"aria-current": "true"} if code == lang else {})))
        for code, language in LANGUAGES.items()
    ]
    return html.Details(
        [html.Summary(LANGUAGES[lang].own_name, className="lang-current", title=t("Language"),
                      **{"aria-label": t("Language: {language}", language=LANGUAGES[lang].own_name)}),
         html.Ul(links, className="lang-list")],
        className="lang-menu ms-3 me-2",
    )
