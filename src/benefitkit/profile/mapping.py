"""Column mappings: which column of an account list holds which profile field.

Two presets ship with the package, ``salesforce`` (the default) and ``hubspot``; users pass
their own YAML (optionally ``extends: salesforce`` to change a few columns). Column names
match ignoring case, spaces and punctuation, so ``NumberOfEmployees`` matches
``Number of Employees``.
"""

from __future__ import annotations

import difflib
import functools
import re
from collections.abc import Iterable, Sequence
from importlib import resources
from pathlib import Path
from typing import Annotated, Any, Literal

import attrs
from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, ValidationError, field_validator

from benefitkit._yaml import safe_load
from benefitkit.errors import InputError
from benefitkit.profile._errors import input_error, read_structured

__all__ = [
    "PRESETS",
    "ColumnMapping",
    "ResolvedMapping",
    "column_key",
    "load_mapping",
    "pick_mapping",
]

#: The shipped presets; the first is the default.
PRESETS = ("salesforce", "hubspot")
#: Profile fields a column can fill (``custom.NAME`` is open).
FIELDS = (
    "account",
    "contact.name",
    "contact.role",
    "contact.email",
    "industry",
    "employees",
    "size",
    "region",
    "description",
    "budget",
    "timeline",
    "current_vendor",
    "objections",
)
# The single-valued top-level fields: everything but the account, contact and objections.
_TOP = tuple(f for f in FIELDS if "." not in f and f not in ("account", "objections"))
_NON_ALNUM = re.compile(r"[^0-9a-z]+")


def column_key(name: str) -> str:
    """How column names are compared: lower-case letters and digits only."""
    return _NON_ALNUM.sub("", name.casefold())


def _names(value: Any) -> Any:
    return (value,) if isinstance(value, str) else value


Names = Annotated[tuple[str, ...], BeforeValidator(_names)]


class ColumnMapping(BaseModel):
    """Which columns hold which profile fields (the YAML shape of the preset files).

    Attributes:
        name: a label for messages.
        extends: a preset to start from; this mapping's entries replace the preset's.
        columns: field -> column names that may hold it; the first present wins.
        joined: field -> columns whose non-empty cells are joined with ", " (a region from
            city, state and country; a contact's name from first and last names, with a
            space), used when no ``columns`` entry for it is present.
        needs: columns that may hold several needs in one cell.
        need_pattern: numbered need columns, ``{n}`` standing for 1, 2, ...
        priority_pattern: the priority column for need ``{n}``.
        separators: the characters between needs (and objections) in one cell.
        dates: how the list writes numeric dates such as 03/04/2027: ``day-first`` (3 April)
            or ``month-first`` (March 4). Unset, an account in the United States (by its
            region, or a budget in US dollars) is read month first, any other day first.
    """

    model_config = ConfigDict(extra="forbid", frozen=True)

    name: str = "custom"
    extends: str | None = None
    columns: dict[str, Names] = Field(default_factory=dict)
    joined: dict[str, Names] = Field(default_factory=dict)
    needs: Names = ()
    need_pattern: str | None = "Need {n}"
    priority_pattern: str | None = "Priority {n}"
    separators: Annotated[str, Field(min_length=1)] = ";|\n"
    dates: Literal["day-first", "month-first"] | None = None

    @field_validator("columns", "joined")
    @classmethod
    def _known_fields(cls, value: dict[str, tuple[str, ...]]) -> dict[str, tuple[str, ...]]:
        for key in value:
            if key not in FIELDS and not (key.startswith("custom.") and len(key) > 7):
                close = difflib.get_close_matches(key, FIELDS, n=1)
                hint = f" (did you mean {close[0]!r}?)" if close else ""
                raise ValueError(
                    f"unknown profile field {key!r}{hint}; use one of {', '.join(FIELDS)} or custom.NAME"
                )
        return value

    @field_validator("need_pattern", "priority_pattern")
    @classmethod
    def _has_n(cls, value: str | None) -> str | None:
        if value is not None and value.count("{n}") != 1:
            raise ValueError("a column pattern needs exactly one {n}, as in 'Need {n}'")
        return value

    @classmethod
    def from_file(cls, path: str | Path) -> ColumnMapping:
        """Load a mapping YAML (or JSON) file, applying ``extends``.

        Raises:
            InputError: unreadable file, unknown key or field, or an unknown preset.
        """
        data = read_structured(Path(path))
        try:
            mapping = cls.model_validate(data)
        except ValidationError as exc:
            raise input_error(exc, cls, path=path) from exc
        if mapping.extends is None:
            return mapping
        base = load_mapping(mapping.extends)
        own = mapping.model_dump(exclude_unset=True)
        merged = base.model_dump()
        for key in ("columns", "joined"):
            merged[key] = {**merged[key], **own.pop(key, {})}
        merged.update(own)
        merged["extends"] = None
        return cls.model_validate(merged)

    def score(self, header: Sequence[str]) -> int:
        """How many header columns this mapping recognises (to pick a preset)."""
        keys = {column_key(h) for h in header}
        known = {
            column_key(n)
            for names in (*self.columns.values(), *self.joined.values(), self.needs)
            for n in names
        }
        found = len(keys & known)
        for pattern in (self.need_pattern, self.priority_pattern):
            if pattern:
                rx = _pattern(pattern)
                found += sum(1 for k in keys if rx.fullmatch(k))
        return found

    def resolve(self, header: Sequence[str], *, path: str | Path | None = None) -> ResolvedMapping:
        """Where each field sits in a file with this header.

        Raises:
            InputError: the first row is not a header, or no column holds the account name.
        """
        where: dict[str, int] = {}
        for i, name in enumerate(header):
            where.setdefault(column_key(name), i)

        def find(names: Sequence[str]) -> int | None:
            return next((where[k] for k in map(column_key, names) if k in where), None)

        found = {f: at for f, names in self.columns.items() if (at := find(names)) is not None}
        if "account" not in found:
            wanted = self.columns.get("account", ("Account Name",))
            if self.score(header) == 0:
                raise InputError(
                    f"the first row is not a header this mapping knows (expected a column such as {wanted[0]!r})",
                    code="no-header",
                    path=path,
                    row=1,
                    value=", ".join(header)[:200],
                    hint=f"Add a header row, or pass --mapping (mapping {self.name!r})",
                )
            close = difflib.get_close_matches(wanted[0], list(header), n=1, cutoff=0.5)
            raise InputError(
                "no column holds the account name",
                code="missing-column",
                path=path,
                row=1,
                field=wanted[0],
                hint=f"Did you mean {close[0]!r}?" if close else "Map 'account' in a mapping file",
            )
        joined = tuple(
            (f, idx)
            for f, names in self.joined.items()
            if f not in found
            and (idx := tuple(where[k] for k in map(column_key, names) if k in where))
        )
        numbered = self._numbered(header)
        needs = find(self.needs)
        if needs is None and not numbered:
            # every row would be refused for want of needs: say it once, for the file
            column = self.needs[0] if self.needs else (self.need_pattern or "Needs").replace(
                "{n}", "1")
            near = difflib.get_close_matches(column, list(header), n=1, cutoff=0.75)
            raise InputError(
                "no column holds the needs",
                code="missing-column",
                path=path,
                row=1,
                field=column,
                hint=f"Did you mean {near[0]!r}?" if near else "Map 'needs' in a mapping file",
            )
        used = [*found.values(), *(i for _, idx in joined for i in idx),
                *(i for pair in numbered for i in pair if i is not None),
                *([needs] if needs is not None else [])]
        _refuse_twice(header, used, path)
        columns = {f: header[i] for f, i in found.items()}
        columns.update({f: header[idx[0]] for f, idx in joined})
        if needs is not None:
            columns["needs"] = header[needs]
        for n, (ni, _) in enumerate(numbered):
            columns.setdefault("needs", header[ni])
            columns[f"needs.{n}"] = header[ni]
        for f in ("contact.name", "contact.role", "contact.email"):
            if f in columns:
                columns.setdefault("contact", columns[f])
        return ResolvedMapping(
            header=tuple(header),
            account=found["account"],
            simple=tuple((f, found[f]) for f in _TOP if f in found),
            contact=tuple((f[8:], i) for f, i in found.items() if f.startswith("contact.")),
            custom=tuple((f[7:], i) for f, i in found.items() if f.startswith("custom.")),
            joined=joined,
            objections=found.get("objections"),
            needs=needs,
            numbered=numbered,
            split=re.compile("[" + re.escape(self.separators) + "]"),
            columns=columns,
            day_first=None if self.dates is None else self.dates == "day-first",
        )

    def _numbered(self, header: Sequence[str]) -> tuple[tuple[int, int | None], ...]:
        if not self.need_pattern:
            return ()
        need_rx = _pattern(self.need_pattern)
        prio_rx = _pattern(self.priority_pattern) if self.priority_pattern else None
        needs: dict[int, int] = {}
        prios: dict[int, int] = {}
        for i, name in enumerate(header):
            key = column_key(name)
            if m := need_rx.fullmatch(key):
                needs.setdefault(int(m.group(1)), i)
            elif prio_rx is not None and (m := prio_rx.fullmatch(key)):
                prios.setdefault(int(m.group(1)), i)
        return tuple((needs[n], prios.get(n)) for n in sorted(needs))


def _refuse_twice(header: Sequence[str], used: Iterable[int], path: str | Path | None) -> None:
    """Raise when a column the mapping reads is in the header twice: only one could be read.

    Raises:
        InputError: ``duplicate-column``, naming the column and where it stands.
    """
    for i in sorted(set(used)):
        key = column_key(header[i])
        at = [n for n, name in enumerate(header, start=1) if column_key(name) == key]
        if len(at) > 1:
            raise InputError(
                f"the column {header[i]!r} is in the header {len(at)} times (columns "
                f"{', '.join(map(str, at))}); only one of them could be read",
                code="duplicate-column", path=path, row=1, field=header[i],
                hint=f"Rename one of the {header[i]!r} columns, or name the one to read in a "
                "mapping file",
            )


@functools.cache
def _pattern(pattern: str) -> re.Pattern[str]:
    before, _, after = pattern.partition("{n}")
    return re.compile(re.escape(column_key(before)) + r"(\d+)" + re.escape(column_key(after)))


@attrs.frozen
class ResolvedMapping:
    """A mapping applied to one header: column indexes per field, ready for fast row reading."""

    header: tuple[str, ...]
    account: int
    simple: tuple[tuple[str, int], ...]
    contact: tuple[tuple[str, int], ...]
    custom: tuple[tuple[str, int], ...]
    joined: tuple[tuple[str, tuple[int, ...]], ...]
    objections: int | None
    needs: int | None
    numbered: tuple[tuple[int, int | None], ...]
    split: re.Pattern[str]
    columns: dict[str, str]
    day_first: bool | None = None  # how numeric dates are written, when the mapping says

    @property
    def needs_column(self) -> str | None:
        """The column named in errors about needs (the needs column or ``Need 1``)."""
        return self.columns.get("needs")


@functools.cache
def load_mapping(name: str) -> ColumnMapping:
    """A shipped preset by name (``salesforce``, ``hubspot``), or a mapping file by path.

    Raises:
        InputError: not a preset name and not a readable mapping file.
    """
    if name in PRESETS:
        text = (
            resources.files("benefitkit.profile")
            .joinpath("data", f"mapping-{name}.yml")
            .read_text("utf-8")
        )
        return ColumnMapping.model_validate(safe_load(text))
    path = Path(name)
    if path.suffix.lower() in (".yml", ".yaml", ".json") or path.exists():
        return ColumnMapping.from_file(path)
    close = difflib.get_close_matches(name, PRESETS, n=1)
    raise InputError(
        "unknown column mapping",
        code="unknown-mapping",
        value=name,
        hint=f"Did you mean {close[0]!r}?"
        if close
        else f"Use {' or '.join(PRESETS)}, or a YAML file",
    )


def pick_mapping(header: Sequence[str]) -> ColumnMapping:
    """The preset that recognises most of ``header`` (``salesforce`` on a tie)."""
    presets = [load_mapping(n) for n in PRESETS]
    return max(presets, key=lambda m: (m.score(header), m.name == PRESETS[0]))
