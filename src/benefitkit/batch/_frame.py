"""``personalize_frame``: the batch as a pure function over a pandas DataFrame.

Made for notebooks and for distributed engines that apply a function to DataFrame
partitions (Dask ``map_partitions``, Spark ``mapInPandas``): it touches no output folder,
reads no global state but a per-process engine cache, and returns one row per account.
Rows are read by the same reader as account files (columns named as in the CRM export, or
as profile fields), so a frame gives the same profiles, and the same text, as the file.
"""

from __future__ import annotations

import json
import math
import os
import tempfile
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from benefitkit.batch._render import Renderer, engine_for
from benefitkit.batch._result import AccountError, AccountResult

if TYPE_CHECKING:
    import pandas as pd

    from benefitkit.engine import EngineSpec
    from benefitkit.model import Flier
    from benefitkit.profile import ColumnMapping

__all__ = ["FRAME_COLUMNS", "FRAME_SCHEMA", "personalize_frame"]

#: The columns ``personalize_frame`` returns, in order.
FRAME_COLUMNS = ("row", "account", "status", "text", "needs_matched", "needs_unmatched", "error")
#: The same as a Spark DDL schema, for ``mapInPandas``.
FRAME_SCHEMA = ("row long, account string, status string, text string, "
                "needs_matched array<string>, needs_unmatched array<string>, error string")


def personalize_frame(
    df: pd.DataFrame,
    flier: Flier | str | Path,
    *,
    spec: EngineSpec | None = None,
    format: str = "md",
    document: str = "flier",
    mapping: ColumnMapping | str | None = None,
) -> pd.DataFrame:
    """Personalise a flier for every account row of a DataFrame.

    Args:
        df: one account per row, with the columns of an account export (``Account Name``,
            ``Needs``, ``Budget``... per ``mapping``) or named after profile fields
            (``account``, ``needs``, ``budget``, ``contact.name``, ``custom.NAME``...). A
            ``needs`` cell holds needs separated by ``;`` (or is a list). A ``row`` column, if
            present, is carried to the output (add one before distributing a frame);
            otherwise rows are numbered as in a file with a header (first row is 2).
            Blank rows are skipped, as in files.
        flier: the parsed ``Flier`` (pass this when distributing: it pickles small) or a path.
        spec: the engine settings; each process builds its engine once and keeps it. Pin
            ``as_of`` for reproducible output.
        format: ``md``, ``html``, ``txt`` or ``json``.
        document: ``flier`` or ``talk-track``.
        mapping: the column mapping (preset name, file or ``ColumnMapping``).

    Returns:
        A DataFrame with ``FRAME_COLUMNS``: ``row``, ``account``, ``status`` (``ok`` or
        ``error``), ``text``, ``needs_matched`` and ``needs_unmatched`` (lists of need texts),
        ``error`` (one line naming the code, column and value; empty when ok).

    Raises:
        InputError: no column holds the account name; unknown format or document.
        TemplateError: the document has no template for ``format``.

    Example:
        On a Dask cluster (each worker process builds its engine once)::

            parts = dask.dataframe.from_pandas(df.assign(row=range(2, len(df) + 2)), 8)
            meta = personalize_frame(df.head(0), flier)           # no engine needed
            out = parts.map_partitions(personalize_frame, flier, spec=spec, meta=meta)

        On Spark, with ``mapInPandas`` and ``FRAME_SCHEMA``::

            def apply(batches):
                for batch in batches:
                    yield personalize_frame(batch, flier, spec=spec)

            out = spark_df.mapInPandas(apply, FRAME_SCHEMA)
    """
    from benefitkit.engine import EngineSpec

    columns = [str(c) for c in df.columns if str(c) != "row"]
    rows = [int(r) for r in df["row"]] if "row" in df.columns else list(range(2, len(df) + 2))
    kept: list[int] = []
    lines: list[str] = []
    for i, values in enumerate(df[columns].itertuples(index=False, name=None)):
        cells = [_cell(v) for v in values]
        if any(c.strip() for c in cells):
            kept.append(rows[i])
            # "account"/"needs" keys would make the reader take the line as a ready-made
            # profile (no splitting of needs); capitalised, they go through the mapping.
            lines.append(json.dumps(dict(zip(map(_key, columns), cells, strict=True))))
    if not kept:
        return _frame([])
    engine = engine_for(spec or EngineSpec())
    renderer = Renderer(engine, engine.parse(flier), format, document, None)
    return _frame(_results(renderer, lines, kept, _mapping(columns, mapping)))


def _cell(value: Any) -> str:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))  # 140.0 from a column with gaps is the integer 140
    if isinstance(value, list | tuple) or type(value).__name__ == "ndarray":
        return "; ".join(_cell(v) for v in value)
    text = str(value)
    return "" if text in ("<NA>", "NaT") else text


def _key(column: str) -> str:
    return column.title() if column in ("account", "needs") else column


def _mapping(columns: Sequence[str], mapping: ColumnMapping | str | None) -> Any:
    """The mapping as given, or the best preset plus any ``custom.NAME`` columns."""
    from benefitkit.profile import ColumnMapping, pick_mapping

    custom = {c: (c,) for c in columns if c.startswith("custom.") and len(c) > 7}
    if mapping is not None or not custom:
        return mapping
    base = pick_mapping([_key(c) for c in columns])
    return ColumnMapping.model_validate(
        base.model_dump() | {"name": f"{base.name}+custom", "columns": base.columns | custom}
    )


def _results(renderer: Renderer, lines: list[str], rows: list[int],
             mapping: Any) -> list[AccountResult]:
    from benefitkit.profile import RowError, read_account_rows

    # The file reader is the one place rows become profiles; a frame goes through it too.
    fd, tmp = tempfile.mkstemp(prefix="benefitkit-frame-", suffix=".jsonl")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write("\n".join(lines) + "\n")
        out: list[AccountResult] = []
        for line, item in read_account_rows(tmp, mapping=mapping,
                                            ref_date=renderer.engine.ref_date):
            row = rows[line - 1]
            if isinstance(item, RowError):
                out.append(AccountResult(row, item.account, "error",
                                         error=AccountError.from_row_error(item)))
            else:
                out.append(renderer.run(row, item, None))
        return out
    finally:
        Path(tmp).unlink(missing_ok=True)


def _frame(results: list[AccountResult]) -> pd.DataFrame:
    import pandas as pd

    return pd.DataFrame({
        "row": pd.Series([r.row for r in results], dtype="int64"),
        "account": pd.Series([r.account for r in results], dtype=object),
        "status": pd.Series([r.status for r in results], dtype=object),
        "text": pd.Series([r.text for r in results], dtype=object),
        "needs_matched": pd.Series([list(r.needs_matched) for r in results], dtype=object),
        "needs_unmatched": pd.Series([list(r.needs_unmatched) for r in results], dtype=object),
        "error": pd.Series([None if r.error is None else str(r.error) for r in results],
                           dtype=object),
    }, columns=list(FRAME_COLUMNS))
