"""What users hand in about a prospect: ``Profile``, ``Contact``, ``Need``, ``Money``, ``Timeline``.

Top-level keys are strict (a typo fails with a did-you-mean); ``custom`` is the one open
mapping. Loose input forms are accepted where people write them naturally: a bare string is a
need, ``"$60,000"`` is a budget, ``"by Q3 2027"`` is a timeline, ``high`` is a priority.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from decimal import Decimal
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    ValidationError,
    ValidationInfo,
    field_serializer,
    field_validator,
    model_serializer,
    model_validator,
)
from pydantic.json_schema import SkipJsonSchema
from pydantic_core import PydanticCustomError

from benefitkit.model import Value
from benefitkit.profile._errors import input_error, read_structured
from benefitkit.profile.analysis import DEFAULT_REF_DATE, Constraint, NeedAnalysis, analyse_need
from benefitkit.vocab import NeedCategory, ValueKind

__all__ = ["PRIORITY_LABELS", "Contact", "Money", "Need", "Profile", "Timeline"]

#: Words accepted for a priority, and the 1-5 rank each stands for (5 is most urgent).
PRIORITY_LABELS: dict[str, int] = {"high": 5, "medium": 3, "low": 1}
_PERIODS = ("year", "month", "week", "day", "hour", "one-time")
_ISO_DAY = re.compile(r"^\d{4}-\d{1,2}-\d{1,2}$")
_DATE_LIKE = re.compile(r"^\s*\d{1,4}[-/.]\d{1,2}[-/.]\d{1,4}\s*$")
_STRICT = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)


# a numeric date whose first two parts could each be the month ("03/04/2027")
_AMBIGUOUS_DAY = re.compile(r"(?<![\d/.-])(0?[1-9]|1[0-2])[-/.](0?[1-9]|1[0-2])[-/.]\d{2,4}(?![\d/.-])")
# a region in the United States, as CRMs write the country ("St. Louis, MO, United States")
_US_REGION = re.compile(r"\b(?:United States(?: of America)?|U\.S\.A?\.?|USA)(?!\w)|\bUS\b")


def _day_first(info: ValidationInfo) -> bool | None:
    """How the caller says numeric dates are written (None: not said)."""
    ctx = info.context
    found = ctx.get("day_first") if isinstance(ctx, dict) else None
    return found if isinstance(found, bool) else None


def _ref_date(info: ValidationInfo) -> dt.date:
    ctx = info.context
    if isinstance(ctx, dict) and isinstance(ctx.get("ref_date"), dt.date):
        return ctx["ref_date"]  # type: ignore[no-any-return]
    return DEFAULT_REF_DATE


@functools.cache
def _currencies() -> frozenset[str]:
    from babel.numbers import list_currencies

    return frozenset(list_currencies())


@functools.lru_cache(maxsize=4096)
def _parse_money_text(text: str) -> Value | None:
    from benefitkit.extract.values import parse_money

    return parse_money(text)


def _plain_number(amount: Decimal) -> int | float | str:
    """A Decimal as a JSON number when that is exact, else as a string (so JSON round-trips)."""
    if amount == amount.to_integral_value():
        return int(amount)
    as_float = float(amount)
    return as_float if Decimal(repr(as_float)) == amount else str(amount)


class Money(BaseModel):
    """An amount of money in an ISO 4217 currency, maybe per period (a budget).

    Accepts ``{amount: 25000, currency: USD}`` or a string such as ``"$60,000"``,
    ``"USD 250000"`` or ``"€30,000"``. A bare number is refused: the currency would be a guess.
    """

    model_config = _STRICT

    amount: Annotated[Decimal, Field(ge=0, allow_inf_nan=False)]
    currency: str
    period: Literal["year", "month", "week", "day", "hour", "one-time"] | None = None

    @model_validator(mode="before")
    @classmethod
    def _from_text(cls, data: Any) -> Any:
        if isinstance(data, str):
            text = data.strip()
            value = _parse_money_text(text) if text else None
            if value is None or value.amount is None or not value.currency:
                raise PydanticCustomError(
                    "bad-money",
                    "not an amount of money with a currency (write '$60,000' or 'USD 60000')",
                )
            out: dict[str, Any] = {"amount": value.amount, "currency": value.currency}
            if value.period in _PERIODS:
                out["period"] = value.period
            return out
        if isinstance(data, bool | int | float | Decimal):
            raise PydanticCustomError(
                "bad-money",
                "a budget needs a currency (write {amount: 25000, currency: USD} or '$25,000')",
            )
        return data

    @field_validator("currency")
    @classmethod
    def _iso_currency(cls, value: str) -> str:
        code = value.upper()
        if code not in _currencies():
            raise PydanticCustomError(
                "bad-currency", "not an ISO 4217 currency code such as USD or EUR"
            )
        return code

    @field_serializer("amount")
    def _amount_json(self, amount: Decimal) -> int | float | str:
        return _plain_number(amount)

    def to_value(self) -> Value:
        """The budget as a pipeline ``Value`` of kind money."""
        text = f"{self.currency} {_plain_number(self.amount)}"
        return Value(
            ValueKind.MONEY, text, amount=self.amount, currency=self.currency, period=self.period
        )


class Timeline(BaseModel):
    """When the buyer wants it: the words they used and the date those words resolve to.

    Accepts a date, an ISO string, or a phrase such as ``"by Q3 2027"`` resolved against the
    reference date. A string that looks like a date but is not one (``2027-02-30``) is an
    error; a phrase that names no date is kept with ``date`` left empty.
    """

    model_config = _STRICT

    text: Annotated[str, Field(min_length=1)]
    date: dt.date | None = None

    @model_validator(mode="before")
    @classmethod
    def _from_loose(cls, data: Any, info: ValidationInfo) -> Any:
        if isinstance(data, dt.datetime):
            data = data.date()
        if isinstance(data, dt.date):
            return {"text": data.isoformat(), "date": data}
        if isinstance(data, str):
            text = data.strip()
            return {"text": text,
                    "date": _resolve_timeline(text, _ref_date(info), _day_first(info))}
        if isinstance(data, dict) and "date" not in data and isinstance(data.get("text"), str):
            text = data["text"].strip()
            return {**data, "text": text,
                    "date": _resolve_timeline(text, _ref_date(info), _day_first(info))}
        return data

    @model_serializer(mode="plain")
    def _compact(self) -> str | dict[str, str | None]:
        if self.date is not None and self.text == self.date.isoformat():
            return self.text
        return {"text": self.text, "date": self.date.isoformat() if self.date else None}


def _resolve_timeline(text: str, ref_date: dt.date, day_first: bool | None = None,
                      ) -> dt.date | None:
    if not text:
        raise PydanticCustomError("bad-date", "an empty timeline")
    if _ISO_DAY.match(text):
        try:
            return dt.date.fromisoformat("-".join(p.zfill(2) for p in text.split("-")))
        except ValueError:
            raise PydanticCustomError("bad-date", "not a real calendar date (YYYY-MM-DD)") from None
    from benefitkit.extract.values import parse_date, resolve_date_phrase

    if _DATE_LIKE.match(text):
        found = parse_date(text, ref_date=ref_date, day_first=day_first)
        if found is None:
            raise PydanticCustomError("bad-date", "a date that does not parse")
        return found
    return (parse_date(text, ref_date=ref_date, day_first=day_first)
            or resolve_date_phrase(text, ref_date=ref_date))


def _priority(value: Any) -> Any:
    if isinstance(value, bool):
        raise PydanticCustomError("bad-priority",
                                  "priority is high, medium, low, 1-5 (5 most urgent) or P1-P5")
    if isinstance(value, str):
        word = value.strip().lower()
        if word in PRIORITY_LABELS:
            return PRIORITY_LABELS[word]
        if word.isdigit():
            return int(word)
        if len(word) == 2 and word[0] == "p" and word[1] in "12345":
            # a CRM's P1 (most urgent) to P5: the other way round from the 1-5 rank
            return 6 - int(word[1])
        raise PydanticCustomError("bad-priority",
                                  "priority is high, medium, low, 1-5 (5 most urgent) or P1-P5")
    return value


class Need(BaseModel):
    """One need in the buyer's own words, with a priority and what analysis reads from it.

    ``categories``, ``terms`` and ``constraints`` are read from the text on first use (and
    cached per text); give them in the input only to override the analysis.
    """

    model_config = _STRICT

    text: Annotated[str, Field(min_length=1)]
    priority: Annotated[
        int | None,
        Field(ge=1, le=5, description="How urgent the need is: 1-5 with 5 the most urgent, "
              "high (5), medium (3) or low (1), or a CRM's P1 (most urgent, 5) to P5 (1)."),
        BeforeValidator(
            _priority, json_schema_input_type=int | Literal["high", "medium", "low", "P1", "P2",
                                                            "P3", "P4", "P5"] | None
        ),
    ] = None
    categories: tuple[NeedCategory, ...] | None = None
    terms: tuple[str, ...] | None = None
    constraints: tuple[dict[str, Any], ...] | None = None
    #: The date the need's phrases ("by Q3") resolve against: the reference date of the
    #: validation context, never written out. A plain field rather than a private attribute,
    #: because pydantic copies private defaults per instance at several times the cost.
    ref_date: SkipJsonSchema[dt.date] = Field(default=DEFAULT_REF_DATE, exclude=True, repr=False)

    @model_validator(mode="before")
    @classmethod
    def _loose(cls, data: Any, info: ValidationInfo) -> Any:
        if isinstance(data, str):
            data = {"text": data}
        if isinstance(data, dict) and "ref_date" not in data:
            ctx = info.context
            if isinstance(ctx, dict) and isinstance(ctx.get("ref_date"), dt.date):
                data = {**data, "ref_date": ctx["ref_date"]}
        return data

    @field_validator("constraints")
    @classmethod
    def _readable_constraints(
        cls, value: tuple[dict[str, Any], ...] | None
    ) -> tuple[dict[str, Any], ...] | None:
        try:
            for item in value or ():
                Constraint.from_json(item)
        except (KeyError, TypeError, ValueError) as exc:
            raise PydanticCustomError(
                "bad-constraint", "not a constraint: {reason}", {"reason": repr(exc)}
            ) from None
        return value

    @property
    def priority_label(self) -> str | None:
        """``high`` (4-5), ``medium`` (3), ``low`` (1-2), or None when not given."""
        if self.priority is None:
            return None
        return "high" if self.priority >= 4 else "medium" if self.priority == 3 else "low"

    @property
    def analysis(self) -> NeedAnalysis:
        """Categories, terms and constraints read from the text, with any overrides applied."""
        found = analyse_need(self.text, ref_date=self.ref_date)
        if self.categories is None and self.terms is None and self.constraints is None:
            return found
        return NeedAnalysis(
            categories=found.categories if self.categories is None else self.categories,
            terms=found.terms if self.terms is None else self.terms,
            constraints=found.constraints
            if self.constraints is None
            else tuple(Constraint.from_json(c) for c in self.constraints),
        )

    def to_json(self) -> dict[str, Any]:
        """``{"text", "priority", "categories", "terms", "constraints"}`` with analysis applied."""
        return {"text": self.text, "priority": self.priority, **self.analysis.to_json()}


class Contact(BaseModel):
    """The person the benefits are written for. A bare string is taken as the name."""

    model_config = _STRICT

    name: str | None = None
    role: str | None = None
    email: str | None = None

    @model_validator(mode="before")
    @classmethod
    def _from_name(cls, data: Any) -> Any:
        return {"name": data} if isinstance(data, str) else data


def _also_text(schema: dict[str, Any]) -> None:
    """Document the string form a field also accepts (validation needs no extra step)."""
    schema["anyOf"].insert(-1, {"type": "string", "minLength": 1})


def _needs_also_text(schema: dict[str, Any]) -> None:
    schema["items"] = {"anyOf": [schema["items"], {"type": "string", "minLength": 1}]}


def _text_list(value: Any) -> Any:
    return [value] if isinstance(value, str) else value


OptText = Annotated[str, Field(min_length=1)] | None


class Profile(BaseModel):
    """A prospect: who they are, what they have, and what they said they need.

    Example:
        >>> p = Profile.from_data({"account": "Northwind", "needs": ["Must work with Epic"]})
        >>> p.needs[0].text
        'Must work with Epic'
    """

    model_config = _STRICT

    account: Annotated[str, Field(min_length=1)]
    contact: Contact | None = None
    industry: OptText = None
    employees: Annotated[int, Field(ge=0)] | None = None
    size: OptText = None
    region: OptText = None
    description: OptText = None
    # Money and Timeline read their string forms themselves; the schema extras say so.
    budget: Money | None = Field(default=None, json_schema_extra=_also_text)
    timeline: Timeline | None = Field(default=None, json_schema_extra=_also_text)
    current_vendor: OptText = None
    objections: Annotated[
        tuple[Annotated[str, Field(min_length=1)], ...], BeforeValidator(_text_list)
    ] = ()
    needs: Annotated[
        tuple[Need, ...],
        Field(min_length=1, json_schema_extra=_needs_also_text),
        BeforeValidator(_text_list),
    ]
    custom: dict[str, Any] = Field(default_factory=dict)

    @field_validator("timeline", mode="before")
    @classmethod
    def _us_dates_month_first(cls, value: Any, info: ValidationInfo) -> Any:
        # "03/04/2027" is 3 April day first (most of the world) and March 4 month first.
        # Unless the caller said how dates are written, an account in the United States
        # (by its region, or a budget in US dollars) writes them month first, as US CRM
        # exports do.
        if _day_first(info) is not None:
            return value
        text: Any
        if isinstance(value, Timeline):
            text = value.text
        elif isinstance(value, dict) and "date" not in value:  # {text: ...} without a date
            text = value.get("text")
        else:
            text = value
        if not isinstance(text, str) or not _AMBIGUOUS_DAY.search(text):
            return value
        budget, region = info.data.get("budget"), info.data.get("region")
        if isinstance(region, str):  # "Sydney, NSW, Australia" pays in dollars too
            american = _US_REGION.search(region) is not None
        else:
            american = isinstance(budget, Money) and budget.currency == "USD"
        if not american:
            return value
        text = text.strip()
        extra = value if isinstance(value, dict) else {}
        return {**extra, "text": text, "date": _resolve_timeline(text, _ref_date(info), False)}

    @classmethod
    def from_data(
        cls,
        data: Any,
        *,
        ref_date: dt.date | None = None,
        path: str | Path | None = None,
        row: int | None = None,
        columns: dict[str, str] | None = None,
    ) -> Profile:
        """Validate a mapping (parsed YAML, JSON or a mapped row) into a Profile.

        Args:
            data: the mapping.
            ref_date: resolves timeline phrases and need deadlines; a fixed default otherwise.
            path: the file it came from, for error messages.
            row: the row it came from, for error messages.
            columns: field name -> column name, so errors name the column of an account list.

        Raises:
            InputError: the first problem, naming the file, row, field and value.
        """
        try:
            return cls.model_validate(data, context={"ref_date": ref_date or DEFAULT_REF_DATE})
        except ValidationError as exc:
            raise input_error(exc, cls, path=path, row=row, columns=columns) from exc

    @classmethod
    def from_file(cls, path: str | Path, *, ref_date: dt.date | None = None) -> Profile:
        """Load one profile from a YAML or JSON file.

        Raises:
            InputError: the file is missing, is not YAML/JSON, or does not validate.
        """
        return cls.from_data(read_structured(Path(path)), ref_date=ref_date, path=path)

    def to_json(self) -> dict[str, Any]:
        """The profile as JSON, each need with its analysed categories, terms and constraints."""
        out = self.model_dump(mode="json", exclude_none=True, exclude_defaults=True)
        out["needs"] = [n.to_json() for n in self.needs]
        return out
