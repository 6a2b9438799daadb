"""Batch personalisation: one flier, a whole account list, one output per account.

``personalize`` streams an account list through a prepared engine (the flier parsed once), in
parallel worker processes, writing one file per account with a manifest, an error file for
rejected rows, atomic writes and resume. ``personalize_frame`` is the same work as a pure
function over a pandas DataFrame, for notebooks and for distributed engines (Dask, Spark).
"""

from benefitkit.batch._frame import FRAME_COLUMNS, FRAME_SCHEMA, personalize_frame
from benefitkit.batch._ledger import ERRORS, MANIFEST
from benefitkit.batch._names import FileNamer, slugify
from benefitkit.batch._render import DOCUMENTS
from benefitkit.batch._result import AccountError, AccountResult
from benefitkit.batch._run import count_rows, personalize

__all__ = [
    "DOCUMENTS",
    "ERRORS",
    "FRAME_COLUMNS",
    "FRAME_SCHEMA",
    "MANIFEST",
    "AccountError",
    "AccountResult",
    "FileNamer",
    "count_rows",
    "personalize",
    "personalize_frame",
    "slugify",
]
