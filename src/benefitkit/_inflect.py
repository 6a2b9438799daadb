"""The one inflect engine the package shares (plurals, singulars, articles, verb agreement).

inflect decorates its methods with typeguard's ``@typechecked``, which re-reads and
instruments inflect's whole source once per decorated method when the module is imported:
about three seconds of start-up for every command that writes or counts anything. The checks
only guard against calls with the wrong argument types (the filters hand inflect text and
counts), so inflect is imported with the decorator standing aside, under a lock, and the
decorator is put back at once.
"""

from __future__ import annotations

import sys
import threading
from collections.abc import Callable
from typing import Any

__all__ = ["inflect_engine"]


def _unchecked(target: Callable[..., Any] | None = None, **_: Any) -> Any:
    # ``@typechecked`` or ``@typechecked(...)``: the function as it is
    return target if target is not None else (lambda f: f)


_LOCK = threading.Lock()
_ENGINE: Any = None


def inflect_engine() -> Any:
    """The shared ``inflect.engine()``, imported on first use (once, whatever the threads)."""
    global _ENGINE
    if _ENGINE is None:
        with _LOCK:  # one import, and the decorator put back before anyone else patches it
            if _ENGINE is None:
                if "inflect" not in sys.modules:
                    import typeguard

                    original = typeguard.typechecked
                    typeguard.typechecked = _unchecked
                    try:
                        import inflect
                    finally:
                        typeguard.typechecked = original
                import inflect

                _ENGINE = inflect.engine()
    return _ENGINE
