"""Lists in running text as each language writes them ("A, B and C", "A, B και C", "A, B ve C"): CLDR's
list patterns through Babel. English takes British English's pattern, the one the dashboard has always written
(no serial comma)."""

from __future__ import annotations

from babel.lists import format_list

from dashboard.i18n.locales import DEFAULT_LANG, language


def and_list(items: list[str], lang: str = DEFAULT_LANG) -> str:
    """'A', 'A and B', 'A, B and C' in `lang`."""
    return format_list(items, locale="en_GB" if lang == DEFAULT_LANG else language(lang).rules)
