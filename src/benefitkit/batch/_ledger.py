"""The output folder's records: ``manifest.jsonl``, ``errors.jsonl``, and what resume trusts.

While a run is going, its records go to journals (``.manifest.jsonl.part`` and
``.errors.jsonl.part``), one line per account, flushed at least every half second; they replace
``manifest.jsonl`` and ``errors.jsonl`` when the run stops. A run killed outright leaves its
journal behind, and ``resume`` reads it as well as the last manifest (an account whose
line had not reached the disk is simply done again).

Every manifest line names the run's fingerprint (the flier, the engine settings, the format
and the document), so resuming with a different flier or format redoes everything instead of
trusting stale files. An account is skipped only when its file still has the recorded hash.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import time
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

from benefitkit.batch._result import AccountResult
from benefitkit.errors import InputError

if TYPE_CHECKING:
    from benefitkit.engine import EngineSpec
    from benefitkit.model import Flier

__all__ = ["ERRORS", "MANIFEST", "Ledger", "fingerprint"]

log = logging.getLogger("benefitkit")
#: Longest time a journal line waits in memory before it is written out.
FLUSH_SECONDS = 0.5

MANIFEST = "manifest.jsonl"
ERRORS = "errors.jsonl"
Key = tuple[int, str | None]


def fingerprint(flier: Flier, spec: EngineSpec, format: str, document: str,
                model: str = "") -> str:
    """A short hash of everything that decides an account's output besides the account
    (``model``: the identity of the similarity model in use, if any)."""
    blob = json.dumps(
        [flier.to_json(), flier.text, repr(spec), format, document] + ([model] if model else []),
        sort_keys=True, ensure_ascii=False, default=str,
    )
    return hashlib.sha256(blob.encode("utf-8")).hexdigest()[:16]


def manifest_record(result: AccountResult, run: str) -> dict[str, Any]:
    """The manifest line of one account (a skipped account keeps its earlier ``ok`` line)."""
    return {
        "row": result.row,
        "account": result.account,
        "file": result.file,
        "status": "ok" if result.status == "skipped" else result.status,
        "needs_matched": list(result.needs_matched),
        "needs_unmatched": list(result.needs_unmatched),
        "sha256": result.sha256,
        "error": result.error.code if result.error else None,
        "run": run,
    }


def _dumps(record: dict[str, Any]) -> str:
    # Fixed key order and no timings: a resumed run's manifest equals an uninterrupted one's.
    return json.dumps(record, ensure_ascii=False) + "\n"


def _journal(name: str) -> str:
    return f".{name}.part"


def clean_parts(out: Path, suffix: str) -> None:
    """Remove half-written outputs (``atomic_write`` temporaries) left by a killed run."""
    for part in out.glob(f".*.{suffix}.*.part"):
        log.info("removing half-written %s", part.name)
        part.unlink(missing_ok=True)


class Ledger:
    """Writes the manifest and error records of one run into ``out``, in row order.

    Args:
        out: the output folder (created if missing).
        run: the run's fingerprint.
        suffix: the output files' extension, to find their half-written temporaries.
        resume: read the records of earlier runs so finished accounts can be skipped.
    """

    def __init__(self, out: Path, run: str, suffix: str, *, resume: bool) -> None:
        try:
            out.mkdir(parents=True, exist_ok=True)
        except (FileExistsError, NotADirectoryError):
            raise InputError("the output folder is a file", code="not-a-folder", path=str(out),
                             hint="give a folder (it is created if missing)") from None
        self.out, self.run = out, run
        # Raw lines, parsed only for the accounts actually skipped: small for 200k rows.
        self._done: dict[Key, str] = self._load() if resume else {}
        clean_parts(out, suffix)
        self._files: dict[str, IO[str]] = {}
        for name in (MANIFEST, ERRORS):
            self._files[name] = (out / _journal(name)).open(
                "w", encoding="utf-8", newline="\n"
            )
        self._flushed = time.monotonic()

    def _load(self) -> dict[Key, str]:
        done: dict[Key, str] = {}
        for name in (MANIFEST, _journal(MANIFEST)):  # the journal is newer
            try:
                fh = (self.out / name).open(encoding="utf-8", errors="replace")
            except FileNotFoundError:
                continue
            with fh:
                for line in fh:
                    try:
                        rec = json.loads(line)
                        key: Key = (int(rec["row"]), rec["account"])
                        good = rec["status"] == "ok" and rec["run"] == self.run
                    except (ValueError, KeyError, TypeError):
                        continue  # the cut last line of a killed run, or not ours
                    if good:
                        done[key] = line
                    else:
                        done.pop(key, None)
        log.info("resume: %d accounts recorded as done in %s", len(done), self.out)
        return done

    def skipped(self, row: int, account: str | None, file: str) -> AccountResult | None:
        """The account's earlier result if its file is intact, else ``None`` (redo it)."""
        line = self._done.pop((row, account), None)
        if line is None:
            return None
        rec = json.loads(line)
        if rec.get("file") != file:
            return None
        try:
            data = (self.out / file).read_bytes()
        except OSError:
            return None
        if hashlib.sha256(data).hexdigest() != rec.get("sha256"):
            log.info("row %d: %s changed since it was written; redoing it", row, file)
            return None
        return AccountResult(row, account, "skipped", None, file, tuple(rec["needs_matched"]),
                             tuple(rec["needs_unmatched"]), sha256=rec["sha256"])

    def record(self, result: AccountResult) -> None:
        """Append the account's manifest line (and its error line, if rejected)."""
        self._files[MANIFEST].write(_dumps(manifest_record(result, self.run)))
        if result.status == "error":
            self._files[ERRORS].write(_dumps(result.error_json()))
        now = time.monotonic()
        if now - self._flushed >= FLUSH_SECONDS:  # a write per line would cost a system call
            for fh in self._files.values():
                fh.flush()
            self._flushed = now

    def close(self) -> None:
        """Turn the journals into ``manifest.jsonl`` and ``errors.jsonl``."""
        for name, fh in self._files.items():
            fh.close()
            os.replace(self.out / _journal(name), self.out / name)
        self._files.clear()
