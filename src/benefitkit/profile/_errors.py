"""Turning pydantic validation errors and unreadable files into our ``InputError``."""

from __future__ import annotations

import difflib
import json
from pathlib import Path
from typing import Any, get_args

from pydantic import BaseModel, ValidationError

from benefitkit.errors import InputError

__all__ = ["error_code", "input_error", "read_structured"]


_CODES = {
    "extra_forbidden": "unknown-key",
    "missing": "missing-field",
    "too_short": "empty-value",
    "string_too_short": "empty-value",
    "greater_than_equal": "out-of-range",
    "less_than_equal": "out-of-range",
    "literal_error": "bad-choice",
    "enum": "bad-choice",
    "date_from_datetime_parsing": "bad-date",
    "date_parsing": "bad-date",
}


def _model_in(annotation: Any) -> type[BaseModel] | None:
    """The pydantic model inside an annotation such as ``tuple[Annotated[Need, ...], ...]``."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in get_args(annotation):
        found = _model_in(arg)
        if found is not None:
            return found
    return None


def _fields_at(model: type[BaseModel], loc: tuple[int | str, ...]) -> list[str]:
    """The field names allowed at ``loc`` (for did-you-mean on an unknown key)."""
    current: type[BaseModel] = model
    for part in loc:
        if isinstance(part, int):
            continue
        field = current.model_fields.get(part)
        if field is None:
            return []
        nested = _model_in(field.annotation)
        if nested is None:
            return []
        current = nested
    return list(current.model_fields)


def error_code(kind: str) -> str:
    """Our kebab-case code for a pydantic error type (our own custom types pass through)."""
    if "-" in kind:
        return kind
    return _CODES.get(
        kind, "wrong-type" if kind.endswith(("_type", "_parsing")) else "invalid-value"
    )


def _telling(errors: list[Any]) -> Any:
    """The problem to report: a misspelt key ("acount") rather than the field it leaves
    missing ("account"), since the key's error can say which field was meant."""
    missing = {(tuple(e["loc"][:-1]), str(e["loc"][-1])) for e in errors
               if e["type"] == "missing" and e["loc"]}
    for e in errors:
        if e["type"] == "extra_forbidden" and e["loc"]:
            parent, key = tuple(e["loc"][:-1]), str(e["loc"][-1])
            names = [name for at, name in missing if at == parent]
            if difflib.get_close_matches(key, names, n=1, cutoff=0.6):
                return e
    return errors[0]


def input_error(
    exc: ValidationError,
    model: type[BaseModel],
    *,
    path: str | Path | None = None,
    row: int | None = None,
    columns: dict[str, str] | None = None,
) -> InputError:
    """The first problem of a pydantic ``ValidationError`` as one ``InputError``.

    Args:
        exc: the validation error.
        model: the model that was validated (to suggest the field meant by an unknown key).
        path: the file, if any.
        row: the row, if any.
        columns: field name -> column name, to name the column rather than the field.
    """
    errors = exc.errors(include_url=False)
    first = _telling(errors)
    loc = tuple(p for p in first["loc"] if not (isinstance(p, str) and p.startswith("function-")))
    kind = str(first["type"])
    code = error_code(kind)
    field = ".".join(str(p) for p in loc) or None
    if columns and loc and str(loc[0]) in columns:
        field = columns[str(loc[0])]
    hint = None
    value = first.get("input")
    if kind == "extra_forbidden" and loc:
        close = difflib.get_close_matches(
            str(loc[-1]), _fields_at(model, loc[:-1]), n=1, cutoff=0.6
        )
        hint = f"Did you mean {close[0]!r}?" if close else "Put your own keys under 'custom:'"
        value = str(loc[-1])
    elif kind == "missing":
        value = None
    message = first["msg"].removeprefix("Value error, ")
    if len(errors) > 1:
        message += f" (and {len(errors) - 1} more problem{'s' if len(errors) > 2 else ''})"
    if isinstance(value, dict | list):
        value = json.dumps(value, default=str)[:200]
    return InputError(message, code=code, path=path, row=row, field=field, value=value, hint=hint)


def read_structured(path: Path) -> Any:
    """Parse a YAML or JSON file (JSON is read as YAML 1.2-compatible JSON when the suffix says so).

    Raises:
        InputError: the file is missing, unreadable or empty, is an account list, or does
            not parse.
    """
    import yaml

    from benefitkit._yaml import safe_load

    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise InputError(
            f"cannot read the file: {exc.strerror}", code="unreadable-file", path=path
        ) from exc
    if path.suffix.lower() in (".csv", ".tsv", ".xlsx", ".jsonl"):
        raise InputError("this is an account list, not one profile", code="bad-format",
                         path=path, hint="Use benefitkit personalize for an account list")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError("the file is not UTF-8 text", code="bad-encoding", path=path) from exc
    empty = InputError("the file is empty", code="empty-file", path=path)
    if not text.strip():
        raise empty
    try:
        if path.suffix.lower() == ".json":
            return json.loads(text)
        data = safe_load(text)
        if data is None:  # only comments, "---" or "null"
            raise empty
        return data
    except json.JSONDecodeError as exc:
        raise InputError(
            f"not valid JSON: {exc.msg}", code="bad-json", path=path, row=exc.lineno
        ) from exc
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 1 if mark is not None else None
        problem = getattr(exc, "problem", None) or "syntax error"
        raise InputError(
            f"not valid YAML: {problem}", code="bad-yaml", path=path, row=line
        ) from exc
