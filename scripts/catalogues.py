#!/usr/bin/env python3
"""Babel's extract/update workflow for the interface's catalogues (dashboard/i18n/locale/).

    python scripts/catalogues.py extract   # the code's messages -> locale/messages.pot
    python scripts/catalogues.py update    # the template's messages into every language's .po
    python scripts/catalogues.py stats     # how many messages each catalogue translates

`pybabel extract -F babel.cfg` gives the same template; `update` is written against Babel's API instead of
`pybabel update` because Babel has no Montenegrin locale: each catalogue is read under the locale of its plural
rules (dashboard.i18n.locales), which `pybabel update -l cnr` cannot do.
"""

from __future__ import annotations

import sys
from pathlib import Path

from babel import Locale
from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po, write_po
from babel.plural import to_gettext

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from dashboard.i18n.locales import DEFAULT_LANG, LANGUAGES, language  # noqa: E402
from dashboard.i18n.messages import LOCALE_DIR, po_path  # noqa: E402

TEMPLATE = LOCALE_DIR / "messages.pot"
#: The translator call forms (dashboard.i18n.messages): t("…"), t.n("…", "…", n), t.parts("…"), N_("…").
KEYWORDS = {"t": None, "n": (1, 2), "parts": None, "N_": None}
SOURCES = ("dashboard", "layouts", "callbacks")


def extract() -> Catalog:
    catalog = Catalog(project="SEE Route Monitor", domain="messages")
    for folder in SOURCES:
        for filename, lineno, message, comments, context in extract_from_dir(
                ROOT / folder, method_map=[("**.py", "python")], keywords=KEYWORDS, comment_tags=("TRANSLATORS:",)):
            catalog.add(message, None, [(f"{folder}/{filename}", lineno)], auto_comments=comments, context=context)
    with TEMPLATE.open("wb") as f:
        write_po(f, catalog, width=120, sort_output=True)
    return catalog


def plural_forms(code: str) -> str:
    """The gettext Plural-Forms of a language from CLDR's rules: Babel's own gettext table is older and differs
    for some of ours (Turkish one form instead of CLDR's one/other; Macedonian's "one" for 1 only, where CLDR
    has it for 21, 31 …)."""
    return to_gettext(Locale.parse(language(code).rules).plural_form)


def update() -> None:
    with TEMPLATE.open("rb") as f:
        template = read_po(f)
    for code in LANGUAGES:
        if code == DEFAULT_LANG:
            continue
        path = po_path(code)
        if path.exists():
            with path.open("rb") as f:
                catalog = read_po(f, locale=language(code).rules)
        else:
            path.parent.mkdir(parents=True, exist_ok=True)
            catalog = Catalog(locale=language(code).rules, domain="messages", project="SEE Route Monitor")
        catalog.update(template, update_header_comment=False)
        catalog.mime_headers = [("Plural-Forms", plural_forms(code))]
        catalog.obsolete.clear()
        catalog.language_team = code
        catalog.fuzzy = False  # a fuzzy header would drop the plural rules from the compiled catalogue
        catalog.header_comment = (f"# {LANGUAGES[code].own_name} ({code}) messages of SEE Route Monitor.\n"
                                  "# Status and translators: dashboard/i18n/status.csv.")
        with path.open("wb") as f:
            write_po(f, catalog, width=120, sort_output=True, ignore_obsolete=True)


def stats() -> None:
    for code in LANGUAGES:
        if code != DEFAULT_LANG and po_path(code).exists():
            with po_path(code).open("rb") as f:
                catalog = read_po(f, locale=language(code).rules)
            done = sum(1 for m in catalog if m.id and m.string and not m.fuzzy and all(m.string if isinstance(
                m.string, tuple) else [m.string]))
            print(f"{code:8} {done}/{sum(1 for m in catalog if m.id)}")


if __name__ == "__main__":
    {"extract": extract, "update": update, "stats": stats}[sys.argv[1] if len(sys.argv) > 1 else "stats"]()
