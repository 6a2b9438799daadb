"""YAML reading with libyaml's C parser when PyYAML has it (about ten times faster).

The C loaders resolve tags exactly as the pure-Python ones do (same resolver, same
constructors); only the parsing is done in C. The package's data files and the user's rule,
taxonomy and mapping files all go through here.
"""

from __future__ import annotations

from typing import Any

import yaml

__all__ = ["SafeLoader", "safe_load"]

#: The fastest safe loader available: subclass it to add constructors. (``CSafeLoader`` is
#: no subclass of ``SafeLoader``, hence ``Any``.)
SafeLoader: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def safe_load(text: str) -> Any:
    """``yaml.safe_load`` with the C parser when there is one."""
    return yaml.load(text, Loader=SafeLoader)
