"""The words every figure puts beside its numbers, in the view's language: the indicator and its unit.

The catalogue (dashboard.catalog) holds them in English, marked for the catalogues; a figure's title, axis and
colour bar take them from here, so "per 100,000" is said one way in every panel of every language.
"""

from __future__ import annotations

from dashboard.catalog import INDICATORS
from dashboard.i18n.messages import translator
from dashboard.view.state import ViewState


def indicator_words(state: ViewState) -> str:
    """The indicator's label, with "per 100,000 population" for a rate: 'Detected victims of trafficking'."""
    t = translator(state.lang)
    label = t(INDICATORS[state.indicator].label)
    return t("{label} per 100,000 population", label=label) if state.measure == "per100k" else label


def unit_words(state: ViewState) -> str:
    """The unit of the indicator's axis: 'offences', or 'offences per 100,000' for a rate."""
    t = translator(state.lang)
    unit = t(INDICATORS[state.indicator].unit)
    return t("{unit} per 100,000", unit=unit) if state.measure == "per100k" else unit
