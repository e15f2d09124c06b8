"""The twelve interface languages, their own names and the CLDR locale each takes its rules from.

Babel spells Serbian `sr_Latn`/`sr_Cyrl` and has no Montenegrin (`cnr` raises UnknownLocaleError): this is the
one alias layer. Montenegrin takes Serbian Latin's number, date and plural rules, Bosnian's country names (both
are ijekavian, in Latin script), and strings of its own.
"""

from __future__ import annotations

import re
from dataclasses import dataclass


@dataclass(frozen=True)
class Language:
    code: str  #: as the URL and the page's `lang` attribute spell it (BCP 47)
    rules: str  #: the Babel locale of its numbers, dates and plural forms
    names: str  #: the Babel locale of its country and territory names
    own_name: str  #: the language in its own words, as the language menu lists it


def _language(code: str, rules: str, own_name: str, names: str | None = None) -> Language:
    return Language(code, rules, names or rules, own_name)


LANGUAGES: dict[str, Language] = {
    lang.code: lang
    for lang in (
        _language("en", "en", "English"),
        _language("sq", "sq", "Shqip"),
        _language("bs", "bs", "Bosanski"),
        _language("bg", "bg", "Български"),
        _language("hr", "hr", "Hrvatski"),
        _language("el", "el", "Ελληνικά"),
        _language("mk", "mk", "Македонски"),
        _language("cnr", "sr_Latn", "Crnogorski", names="bs"),
        _language("ro", "ro", "Română"),
        _language("sr-Latn", "sr_Latn", "Srpski (latinica)"),
        _language("sr-Cyrl", "sr_Cyrl", "Српски (ћирилица)"),
        _language("tr", "tr", "Türkçe"),
    )
}
DEFAULT_LANG = "en"
_LOWER = {code.lower(): code for code in LANGUAGES}
#: What a browser may send for a language we have under another spelling: plain Serbian is Cyrillic in CLDR.
_BROWSER_ALIASES = {"sr": "sr-Cyrl", "me": "cnr", "sh": "sr-Latn"}


def language(code: str) -> Language:
    """The language of a valid code (KeyError otherwise)."""
    return LANGUAGES[code]


def find(text: str) -> str | None:
    """The language code a text names, in any case and with `_` or `-` (`sr_latn` → `sr-Latn`), or None."""
    key = text.strip().replace("_", "-").lower()
    return _LOWER.get(key) or _BROWSER_ALIASES.get(key)


def negotiate(accept_language: str | None) -> str:
    """The best of our languages for a browser's Accept-Language header, else English.

    Tags are taken in order of their q-values; a regional tag (`el-GR`) falls back to its language (`el`), and a
    Serbian tag with a script (`sr-Latn-RS`) keeps the script.
    """
    weighted = []
    for i, part in enumerate((accept_language or "").split(",")[:20]):
        tag, _, params = part.strip().partition(";")
        match = re.search(r"q=([0-9.]+)", params)
        q = float(match.group(1)) if match and re.fullmatch(r"[01](\.\d{0,3})?", match.group(1)) else 1.0
        if tag and q > 0:
            weighted.append((-q, i, tag))
    for _, _, tag in sorted(weighted):
        subtags = tag.split("-")
        for n in range(len(subtags), 0, -1):
            code = find("-".join(subtags[:n]))
            if code:
                return code
    return DEFAULT_LANG
