"""Numbers and dates as a reader of each language writes them (CLDR through Babel), and plotly's `separators` to match.

Downloads keep plain machine-readable numbers; these are for what a person reads: hovers, labels, summaries,
tables and captions. plotly.js's locale files have month names but no separators, so every figure sets
`layout.separators` from here and the server formats the texts plotly cannot.
"""

from __future__ import annotations

import datetime
from functools import lru_cache

from babel import Locale
from babel.dates import format_date
from babel.numbers import format_percent, get_decimal_symbol, get_group_symbol

from dashboard.i18n.locales import DEFAULT_LANG, LANGUAGES, language


def number(value: float, lang: str, decimals: int = 0) -> str:
    """`value` with the language's group and decimal signs (CLDR's, through Babel) and exactly `decimals` decimals.

    The digits are Python's, the signs the language's: every language shows the same digits for one number (and
    English stays as it always was), and for the 12 locales, whose CLDR pattern is #,##0.###, this is exactly what
    Babel's format_decimal writes (tests/unit/test_i18n_numbers.py holds the two side by side).
    """
    text = f"{value:,.{decimals}f}"
    if lang == DEFAULT_LANG:
        return text
    decimal, group = separators(lang)
    return text.translate({ord(","): group, ord("."): decimal})


def percent(share: float, lang: str, decimals: int = 0) -> str:
    """A share (0.25) as the language writes a percentage ("25 %", "%25", "25%")."""
    rules = language(lang).rules
    pattern = Locale.parse(rules).percent_formats[None].pattern  # where the sign goes: "%25" in Turkish
    if decimals:
        pattern = pattern.replace("#,##0", "#,##0." + "0" * decimals, 1)
    return format_percent(share, format=pattern, locale=rules)


@lru_cache(maxsize=len(LANGUAGES))
def separators(lang: str) -> str:
    """plotly's `layout.separators`: the decimal sign, then the group sign."""
    rules = language(lang).rules
    return get_decimal_symbol(rules) + get_group_symbol(rules)


def long_date(day: datetime.date, lang: str) -> str:
    """A day as the language writes it in full ("March 18, 2016", "18 Μαρτίου 2016"): CLDR's long date format."""
    return format_date(day, "long", locale=language(lang).rules)
