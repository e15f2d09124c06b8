"""The glossary on the About page, and caveats whose terms link to it. Declarative: the terms, their definitions
and sources, and where a text uses them, are dashboard/glossary.py's."""

from __future__ import annotations

from dash import html

from dashboard.glossary import GROUPS, TERMS, Source, anchor, term_spans
from dashboard.i18n.locales import DEFAULT_LANG
from dashboard.i18n.messages import translator
from dashboard.web.urls import glossary_url

#: The id of the glossary's heading, for a link to the whole glossary.
GLOSSARY_ID = "glossary"


def _link(words: str, key: str, lang: str, base_path: str, new_tab: bool = False) -> html.A:
    """A term's link; `new_tab` where the page is framed in another's (an embed: the About page refuses framing)."""
    tab = {"target": "_blank", "rel": "noopener"} if new_tab else {}
    return html.A(words, href=glossary_url(key, base_path, lang), className="term-link",
                  title=translator(lang)(TERMS[key].name), **tab)


def joined(parts: list, separator: str = ", ") -> list:
    """Components (or lists of them) with a separator between each two."""
    return [item for i, part in enumerate(parts) for item in ((separator, part) if i else (part,))]


def linked(text: str, lang: str = DEFAULT_LANG, base_path: str = "/", new_tab: bool = False) -> list:
    """A caveat as text and links: each glossary term it uses links to its entry where its word stands, and a term
    whose word the translated text does not show (an inflected form) is linked after it, so no language loses one."""
    t = translator(lang)
    spans, unplaced = term_spans(text, lang)
    out: list = []
    at = 0
    for start, end, key in spans:
        out += [text[at:start], _link(text[start:end], key, lang, base_path, new_tab)]
        at = end
    out.append(text[at:])
    if unplaced:
        links = joined([_link(t(TERMS[k].name), k, lang, base_path, new_tab) for k in unplaced])
        out += [" ", *t.parts("(glossary: {terms})", terms=html.Span(links))]
    return [part for part in out if part != ""]


def _sources(sources: tuple[Source, ...]) -> html.Span:
    """The documents as their publishers title them (English, as published) with the article or section."""
    return html.Span(joined([html.Span([html.Cite(s.document), f", {s.part}"]) for s in sources], "; "), lang="en")


def _entry(key: str, lang: str) -> list:
    t = translator(lang)
    term = TERMS[key]
    return [
        # Focusable from a script (assets/a11y.js moves there when a caveat's link is followed), not by Tab.
        html.Dt(t(term.name), id=anchor(key), tabIndex="-1", className="glossary-term"),
        html.Dd([html.P(t(term.definition), className="mb-1"),
                 html.P(t.parts("Defined in: {documents}", documents=_sources(term.sources)),
                        className="small text-muted glossary-source")]),
    ]


def glossary_section(lang: str = DEFAULT_LANG) -> html.Section:
    """The terms a reader must not confuse, group by group, each with its definition and its document."""
    t = translator(lang)
    return html.Section([
        html.H2(t("The terms explained"), id=GLOSSARY_ID, className="h4 mt-4"),
        html.P(t("The terms a reader must not confuse, each defined in plain words after the document named below "
                 "it: the document is the reference. Every caveat on the dashboard links its terms here."),
               className="small"),
        *[html.Div([html.H3(t(title), className="h6 mt-3"),
                    html.Dl([part for key in keys for part in _entry(key, lang)])], className="glossary-group")
          for title, keys in GROUPS],
    ], className="glossary")
