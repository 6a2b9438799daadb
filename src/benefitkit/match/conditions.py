"""The safe condition language of rule files, compiled once into small closures.

A condition section is a mapping of field names to tests::

    category: integration                 # a bare value means ``eq``
    label: {matches: "^package"}          # regexes: compiled at load, case-insensitive
    values.money.amount: {le: 1000}       # several operators in one mapping must all hold
    any: [{category: price}, {label: {exists: true}}]
    not: {text: {contains: refurbished}}

Operators: ``eq``, ``ne``, ``in``, ``contains``, ``matches``, ``lt``, ``le``, ``gt``, ``ge``,
``between`` and ``exists``; combinators ``any``, ``all`` and ``not``. Nothing is ever
evaluated as Python: each test becomes a closure over a field getter and a checked operand.

Set-valued fields (a feature's categories, a need's terms) hold lower-case strings and test
membership: ``eq: x`` holds
when ``x`` is in the set, ``in: [x, y]`` when the sets meet, and the numeric operators compare
the set's size (``shared_terms: {ge: 2}``). Fields holding several numbers (every money amount
on a feature) hold when any one of them passes.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable, Mapping
from enum import Enum, StrEnum
from typing import Any

import attrs

from benefitkit.errors import RuleError

__all__ = [
    "COMBINATORS",
    "OPERATORS",
    "Condition",
    "FieldSpec",
    "FieldType",
    "compile_section",
    "suggest",
]

Condition = Callable[[Any], bool]


class FieldType(StrEnum):
    """What a field holds, which decides the operators it accepts."""

    TEXT = "text"  # one string (or None)
    NUMBER = "number"  # one number (or None)
    NUMBERS = "numbers"  # a frozenset of numbers; passes when any member passes
    SET = "set"  # a frozenset of strings (or enum members)
    ANY = "any"  # custom profile fields: checked when evaluated, not when loaded


@attrs.frozen
class FieldSpec:
    """A field a section exposes: its type, its getter and, for closed sets, its vocabulary."""

    kind: FieldType
    get: Callable[[Any], Any]
    vocab: type[Enum] | None = None


OPERATORS = ("between", "contains", "eq", "exists", "ge", "gt", "in", "le", "lt", "matches", "ne")
COMBINATORS = ("all", "any", "not")
# What people write for an operator from other languages, for the did-you-mean.
_ALIASES = {"equals": "eq", "equal": "eq", "is": "eq", "==": "eq", "!=": "ne", "not_eq": "ne",
            "<": "lt", "<=": "le", ">": "gt", ">=": "ge", "lte": "le", "gte": "ge",
            "regex": "matches", "match": "matches",
            "has": "contains", "includes": "contains", "one_of": "in", "range": "between", "present": "exists"}
_NUMERIC = ("lt", "le", "gt", "ge", "between")
_ALLOWED: dict[FieldType, frozenset[str]] = {
    FieldType.TEXT: frozenset(("eq", "ne", "in", "contains", "matches", "exists")),
    FieldType.NUMBER: frozenset(("eq", "ne", "in", "lt", "le", "gt", "ge", "between", "exists")),
    FieldType.NUMBERS: frozenset(("eq", "ne", "in", "lt", "le", "gt", "ge", "between", "exists")),
    FieldType.SET: frozenset(("eq", "ne", "in", "contains", "matches", "lt", "le", "gt", "ge", "between", "exists")),
    FieldType.ANY: frozenset(OPERATORS),
}


def suggest(name: str, choices: Any) -> str | None:
    """A did-you-mean for ``name`` among ``choices``, or ``None`` when nothing is close."""
    close = difflib.get_close_matches(str(name), [str(c) for c in choices], n=1, cutoff=0.6)
    return f"did you mean {close[0]!r}?" if close else None


@attrs.frozen
class _Where:
    """Where in the rule file a condition sits, for error messages."""

    path: str | None
    line: int | None
    field: str

    def error(self, message: str, *, code: str, value: Any = None, hint: str | None = None) -> RuleError:
        return RuleError(message, code=code, path=self.path, row=self.line, field=self.field, value=value, hint=hint)


def _line(node: Any, key: str | None, default: int | None) -> int | None:
    lines = getattr(node, "key_lines", None)
    if lines and key in lines:
        return int(lines[key])
    return getattr(node, "line", None) or default


def _is_number(x: Any) -> bool:
    return isinstance(x, int | float) and not isinstance(x, bool)


def _norm(value: Any) -> Any:
    """Compare enum members and strings alike, and strings case-insensitively."""
    if isinstance(value, Enum):
        value = value.value
    return value.lower() if isinstance(value, str) else value


def _check_scalar(spec: FieldSpec, value: Any, where: _Where) -> Any:
    """Validate one operand against the field's type; returns it normalised."""
    if spec.kind in (FieldType.NUMBER, FieldType.NUMBERS):
        if not _is_number(value):
            raise where.error("expected a number", code="rule-wrong-type", value=value)
        return value
    if spec.kind is FieldType.ANY:
        return _norm(value)
    if not isinstance(value, str | int | float) or isinstance(value, bool):
        raise where.error("expected a string", code="rule-wrong-type", value=value)
    if spec.vocab is not None:
        names = [str(m.value) for m in spec.vocab]
        if str(value) not in names:
            raise where.error(
                f"unknown {spec.vocab.__name__} value", code="rule-unknown-name", value=value,
                hint=suggest(str(value), names) or "use one of " + ", ".join(names),
            )
    return _norm(str(value))


def _operand_list(spec: FieldSpec, value: Any, where: _Where) -> frozenset[Any]:
    if not isinstance(value, list) or not value:
        raise where.error("'in' needs a non-empty list", code="rule-wrong-type", value=value)
    return frozenset(_check_scalar(spec, v, where) for v in value)


def _compare(op: str, operand: Any) -> Callable[[Any], bool]:
    """A numeric test on one value; ``None`` and non-numbers never pass."""
    if op == "between":
        lo, hi = operand

        def between(x: Any) -> bool:
            return _is_number(x) and lo <= x <= hi

        return between
    tests: dict[str, Callable[[Any], bool]] = {
        "lt": lambda x: _is_number(x) and x < operand,
        "le": lambda x: _is_number(x) and x <= operand,
        "gt": lambda x: _is_number(x) and x > operand,
        "ge": lambda x: _is_number(x) and x >= operand,
    }
    return tests[op]


def _compile_op(spec: FieldSpec, op: str, raw: Any, where: _Where) -> Callable[[Any], bool]:
    """One operator on one field's value (already fetched)."""
    kind = spec.kind
    if op == "exists":
        if not isinstance(raw, bool):
            raise where.error("'exists' takes true or false", code="rule-wrong-type", value=raw)
        want = raw
        return lambda v: (v is not None and v != "" and v != frozenset()) is want
    if op in _NUMERIC:
        if op == "between":
            if not (isinstance(raw, list) and len(raw) == 2 and all(_is_number(x) for x in raw)):
                raise where.error("'between' takes [low, high] numbers", code="rule-wrong-type", value=raw)
            operand: Any = (raw[0], raw[1])
        elif not _is_number(raw):
            raise where.error(f"'{op}' takes a number", code="rule-wrong-type", value=raw)
        else:
            operand = raw
        test = _compare(op, operand)
        if kind is FieldType.SET:
            return lambda v: test(len(v) if v else 0)
        if kind is FieldType.NUMBERS:
            return lambda v: bool(v) and any(test(x) for x in v)
        return test
    if op == "matches":
        if not isinstance(raw, str):
            raise where.error("'matches' takes a regular expression string", code="rule-wrong-type", value=raw)
        try:
            pattern = re.compile(raw, re.IGNORECASE)
        except re.error as exc:
            raise where.error(f"bad regular expression: {exc}", code="rule-bad-regex", value=raw) from None
        if kind is FieldType.SET:
            return lambda v: bool(v) and any(pattern.search(str(_norm(x))) for x in v)
        return lambda v: isinstance(v, str) and pattern.search(v) is not None
    if op == "in":
        options = _operand_list(spec, raw, where)
        if kind is FieldType.SET:
            return lambda v: bool(v) and not options.isdisjoint(v)
        if kind is FieldType.NUMBERS:
            return lambda v: bool(v) and any(x in options for x in v)
        return lambda v: _norm(v) in options
    value = _check_scalar(spec, raw, where)
    if op == "contains":
        if kind is FieldType.SET:
            return lambda v: bool(v) and value in v
        needle = str(value)
        if kind is FieldType.ANY:
            return lambda v: (needle in v.lower()) if isinstance(v, str) else (
                isinstance(v, list | tuple | set | frozenset) and any(_norm(x) == value for x in v)
            )
        return lambda v: isinstance(v, str) and needle in v.lower()
    member: Callable[[Any], bool]
    if kind is FieldType.SET or kind is FieldType.NUMBERS:
        member = lambda v: bool(v) and value in v  # noqa: E731
    else:
        member = lambda v: _norm(v) == value  # noqa: E731
    if op == "eq":
        return member
    return lambda v: not member(v)


def _compile_field(spec: FieldSpec, tests: Any, where: _Where) -> Condition:
    get = spec.get
    if not isinstance(tests, Mapping):
        op = "in" if isinstance(tests, list) else "eq"
        one = _compile_op(spec, op, tests, where)
        return lambda ctx: one(get(ctx))
    if not tests:
        raise where.error("an empty test", code="rule-wrong-type", hint="give an operator such as eq or in")
    checks: list[Callable[[Any], bool]] = []
    for op, raw in tests.items():
        op_where = attrs.evolve(where, line=_line(tests, op, where.line))
        if op not in OPERATORS:
            raise op_where.error(
                "unknown operator", code="rule-unknown-operator", value=op,
                hint=(f"did you mean {_ALIASES[op]!r}?" if op in _ALIASES else suggest(op, OPERATORS))
                or "use one of " + ", ".join(OPERATORS),
            )
        if op not in _ALLOWED[spec.kind]:
            allowed = ", ".join(sorted(_ALLOWED[spec.kind]))
            raise op_where.error(
                f"operator '{op}' does not apply to a {spec.kind} field", code="rule-wrong-type",
                hint=f"use one of {allowed}",
            )
        checks.append(_compile_op(spec, op, raw, op_where))
    if len(checks) == 1:
        only = checks[0]
        return lambda ctx: only(get(ctx))
    return lambda ctx: all(c(v) for v in (get(ctx),) for c in checks)


def compile_section(
    section: str,
    node: Any,
    fields: Mapping[str, FieldSpec],
    *,
    resolve: Callable[[str], FieldSpec | None] | None = None,
    path: str | None = None,
    line: int | None = None,
) -> Condition | None:
    """Compile one condition section (``feature``, ``need``, ``profile`` or ``pair``).

    Args:
        section: the section's name, used in error fields (``feature.label``).
        node: the mapping read from YAML (may carry ``line`` and ``key_lines``).
        fields: the fields this section exposes.
        resolve: a fallback for open-ended names such as ``custom.region``.
        path: the rule file, for errors.
        line: the line of the section, for errors.

    Returns:
        A predicate over the evaluation context, or ``None`` for an empty section.

    Raises:
        RuleError: an unknown field or operator, a wrong operand type or a bad regex.
    """
    if node is None or node == {}:
        return None
    where = _Where(path, _line(node, None, line), section)
    if not isinstance(node, Mapping):
        raise where.error("a condition section must be a mapping of fields to tests", code="rule-wrong-type", value=node)
    parts: list[Condition] = []
    for key, tests in node.items():
        key_where = _Where(path, _line(node, key, where.line), f"{section}.{key}")
        if key in COMBINATORS:
            parts.append(_combinator(section, str(key), tests, fields, resolve, key_where))
            continue
        spec = fields.get(key) or (resolve(str(key)) if resolve else None)
        if spec is None:
            raise key_where.error(
                f"unknown {section} field", code="rule-unknown-field", value=key,
                hint=suggest(str(key), list(fields) + list(COMBINATORS))
                or "known fields: " + ", ".join(sorted(fields)),
            )
        parts.append(_compile_field(spec, tests, key_where))
    if len(parts) == 1:
        return parts[0]
    return lambda ctx: all(p(ctx) for p in parts)


def _combinator(
    section: str,
    name: str,
    body: Any,
    fields: Mapping[str, FieldSpec],
    resolve: Callable[[str], FieldSpec | None] | None,
    where: _Where,
) -> Condition:
    def sub(node: Any) -> Condition:
        cond = compile_section(section, node, fields, resolve=resolve, path=where.path, line=where.line)
        return cond if cond is not None else (lambda ctx: True)

    if name == "not":
        inner = sub(body)
        return lambda ctx: not inner(ctx)
    if not isinstance(body, list) or not body:
        raise where.error(f"'{name}' takes a non-empty list of conditions", code="rule-wrong-type", value=body)
    subs = tuple(sub(item) for item in body)
    if name == "any":
        return lambda ctx: any(s(ctx) for s in subs)
    return lambda ctx: all(s(ctx) for s in subs)
