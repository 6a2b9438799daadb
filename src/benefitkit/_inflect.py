"""The one inflect engine the package shares (plurals, singulars, articles, verb agreement).

inflect decorates its methods with typeguard's ``@typechecked``, which re-reads and
instruments inflect's whole source once per decorated method when the module is imported:
about three seconds of start-up for every command that writes or counts anything. The checks
only guard against calls with the wrong argument types, which this package never makes, so
inflect is imported with the decorator standing aside (and put back at once).
"""

from __future__ import annotations

import functools
import sys
from collections.abc import Callable
from typing import Any

__all__ = ["inflect_engine"]


def _unchecked(target: Callable[..., Any] | None = None, **_: Any) -> Any:
    # ``@typechecked`` or ``@typechecked(...)``: the function as it is
    return target if target is not None else (lambda f: f)


@functools.cache
def inflect_engine() -> Any:
    """The shared ``inflect.engine()``, imported on first use."""
    if "inflect" not in sys.modules:
        import typeguard

        original = typeguard.typechecked
        typeguard.typechecked = _unchecked
        try:
            import inflect
        finally:
            typeguard.typechecked = original
    import inflect

    return inflect.engine()
