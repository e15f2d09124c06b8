"""The interface's words: one gettext catalogue per language, read when the app starts, compiled in memory.

The catalogues are `locale/<code>/LC_MESSAGES/messages.po`, kept with Babel's extract/update workflow
(scripts/catalogues.py; the template is `locale/messages.pot`). The Procfile starts gunicorn with no build
step, so nothing is compiled to disk: each `.po` is read with Babel's `read_po` (under the Babel locale of its
plural rules, since Babel has no Montenegrin) and compiled into a `Translations` object once per process. A
message a catalogue lacks, or marks fuzzy, reads in English: a draft never shows half-translated.

Strings are resolved per call, to plain `str`, before they reach a figure: plotly's JSON encoder rejects lazy
strings. Module-level texts (catalogue labels) are marked with `N_` for extraction and translated where shown.
"""

from __future__ import annotations

import io
import string
from functools import lru_cache
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.support import NullTranslations, Translations

from dashboard.i18n.locales import DEFAULT_LANG, LANGUAGES, language

LOCALE_DIR = Path(__file__).with_name("locale")
DOMAIN = "messages"


def N_(message: str) -> str:  # noqa: N802 (gettext's own name for the marker)
    """Marks a module-level text for extraction; it is translated where it is shown."""
    return message


def po_path(code: str) -> Path:
    return LOCALE_DIR / code / "LC_MESSAGES" / f"{DOMAIN}.po"


def read_catalogue(code: str) -> Catalog:
    """One language's catalogue as Babel reads it, with that language's CLDR plural rules."""
    with po_path(code).open("rb") as f:
        return read_po(f, locale=language(code).rules, domain=DOMAIN)


class Translator:
    """The words of one language: `t("text")`, `t.n(singular, plural, n)`, and `t.lang`."""

    def __init__(self, lang: str, translations: NullTranslations) -> None:
        self.lang = lang
        self._t = translations

    def __call__(self, message: str, **values: object) -> str:
        text = self._t.gettext(message) if message else message
        return text.format(**values) if values else text

    def parts(self, message: str, **values: object) -> list:
        """The translation cut at its placeholders, each replaced by its value as given, not as text: a sentence
        with a link or a code in it ("Data version {version}. …") stays one message in any word order."""
        out: list = []
        for literal, name, _spec, _conv in string.Formatter().parse(self._t.gettext(message)):
            if literal:
                out.append(literal)
            if name is not None:
                out.append(values[name])
        return out

    def n(self, singular: str, plural: str, count: int, **values: object) -> str:
        """The plural form CLDR gives `count` in this language (`{n}` is the count), e.g. Croatian's "few"."""
        return self._t.ngettext(singular, plural, count).format(n=count, **values)


@lru_cache(maxsize=len(LANGUAGES))
def translator(lang: str) -> Translator:
    """The translator of a language code (English for one the app lacks). Bounded: one per language."""
    if lang not in LANGUAGES or lang == DEFAULT_LANG or not po_path(lang).exists():
        return Translator(DEFAULT_LANG if lang not in LANGUAGES else lang, NullTranslations())
    buf = io.BytesIO()
    write_mo(buf, read_catalogue(lang), use_fuzzy=False)
    buf.seek(0)
    return Translator(lang, Translations(buf, domain=DOMAIN))
