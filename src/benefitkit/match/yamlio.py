"""Reading YAML so that every mapping remembers its line: errors can say ``file:line``."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import yaml

from benefitkit._yaml import SafeLoader
from benefitkit.errors import RuleError

__all__ = ["LineDict", "line_at", "read_yaml"]


class LineDict(dict[Any, Any]):
    """A YAML mapping that remembers its line and the line of each key."""

    line: int = 0
    key_lines: dict[Any, int]


class _Loader(SafeLoader):  # type: ignore[misc]
    pass


def _construct_mapping(loader: _Loader, node: yaml.MappingNode) -> LineDict:
    loader.flatten_mapping(node)
    out = LineDict()
    out.line = node.start_mark.line + 1
    out.key_lines = {}
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        if key in out:
            raise RuleError("duplicate key", code="rule-duplicate-key", row=key_node.start_mark.line + 1,
                            field=str(key))
        out[key] = loader.construct_object(value_node, deep=True)
        out.key_lines[key] = key_node.start_mark.line + 1
    return out


_Loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)


def read_yaml(text: str, source: str) -> Any:
    """Parse YAML text; mappings become ``LineDict``.

    Raises:
        RuleError: ``rule-bad-yaml`` or ``rule-duplicate-key``, with ``source`` and the line.
    """
    try:
        return yaml.load(text, Loader=_Loader)
    except RuleError as exc:
        raise RuleError(exc.message, code=exc.code, path=source, row=exc.row, field=exc.field) from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        problem = getattr(exc, "problem", None) or "syntax error"
        raise RuleError(f"not valid YAML: {problem}", code="rule-bad-yaml", path=source,
                        row=mark.line + 1 if mark is not None else None) from exc


def line_at(raw: Any, loc: Sequence[Any]) -> int | None:
    """The line of the node at ``loc`` (keys and list indexes) in data from ``read_yaml``."""
    line: int | None = getattr(raw, "line", None)
    node = raw
    for part in loc:
        key_lines = getattr(node, "key_lines", None)
        if key_lines and part in key_lines:
            line = key_lines[part]
        if (isinstance(node, Mapping) and part in node) or (isinstance(node, list) and isinstance(part, int) and part < len(node)):
            node = node[part]
        else:
            break
        line = getattr(node, "line", None) or line
    return line


