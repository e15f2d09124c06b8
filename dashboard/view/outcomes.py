"""What a parameter's parser answers: valid (with notices about what it left out), invalid (with the notice the
page shows), or missing. Their own module so that dashboard.view.params stays the table of parameters; it
re-exports them, where every reader has always found them.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Valid:
    value: object
    #: Notices about parts of the value that were left out (unknown items of a list); the rest is the value.
    dropped: tuple[str, ...] = ()
    #: The notice for an old name read as its new one (a renamed indicator): shown, but nothing was corrected.
    renamed: str = ""


@dataclass(frozen=True)
class Invalid:
    reason: str


@dataclass(frozen=True)
class Missing:
    """The parameter is absent or empty: its default holds, and nothing is said."""


MISSING = Missing()
Outcome = Valid | Invalid | Missing
