"""Handing memory that Python, pandas and Arrow have freed back to the operating system.

glibc's malloc and Arrow's pool keep freed memory for reuse, so a burst of pandas work (the warm-up, a view's
year frames) leaves a process resident at its peak. Issue 5 caps a gunicorn worker at 200 MB resident, and a
worker starts as big as its master was when it forked.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import gc

import pyarrow

_LIBC = ctypes.util.find_library("c")
_malloc_trim = getattr(ctypes.CDLL(_LIBC), "malloc_trim", None) if _LIBC else None


def release_freed_memory() -> None:
    """Collect garbage, then let Arrow's pool and glibc's malloc return their free pages (a no-op elsewhere)."""
    gc.collect()
    pyarrow.default_memory_pool().release_unused()
    if _malloc_trim is not None:
        _malloc_trim(0)
