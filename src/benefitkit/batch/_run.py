"""``personalize``: one flier, a whole account list, one result per account, in order.

The parent process reads the account list (streaming), names each output file, and hands
chunks of accounts to the workers (for a CSV or XLSX list, each row's cells: the worker makes
the profile); results come back in row order, so the manifest and the files are the same
whatever the number of workers. At most a few chunks per worker are in
flight at a time, so memory stays flat however long the list is.
"""

from __future__ import annotations

import collections
import logging
import multiprocessing
import os
from collections.abc import Generator, Iterable, Iterator, Mapping
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path
from typing import TYPE_CHECKING, Any

from benefitkit.batch._ledger import Ledger, clean_parts, fingerprint
from benefitkit.batch._names import FileNamer
from benefitkit.batch._render import Job, Renderer, engine_for, init_worker, pinned_spec, run_chunk
from benefitkit.batch._result import AccountError, AccountResult
from benefitkit.errors import BenefitkitError, InputError

if TYPE_CHECKING:
    from benefitkit.engine import Engine, EngineSpec
    from benefitkit.model import Flier
    from benefitkit.profile import ColumnMapping, Profile, RowError

__all__ = ["count_rows", "personalize"]

log = logging.getLogger("benefitkit")

Entry = AccountResult | Job  # a result known in the parent, or an account for a worker
# Chunks in flight, oldest first, each with the worker's future (None: nothing to render)
Window = collections.deque[tuple[list[Entry], "Future[list[AccountResult]] | None"]]
_IN_FLIGHT_PER_WORKER = 4


def personalize(
    flier: Flier | str | Path | bytes,
    accounts: str | Path | Iterable[Profile | RowError | Mapping[str, Any]],
    *,
    engine: Engine | EngineSpec | None = None,
    format: str = "md",
    document: str = "flier",
    workers: int = 1,
    out: str | Path | None = None,
    mapping: ColumnMapping | str | None = None,
    resume: bool = False,
    fail_fast: bool = False,
    chunksize: int = 32,
    start_method: str | None = None,
) -> Generator[AccountResult, None, None]:
    """Personalise one flier for every account of a list, yielding one result per account.

    The flier is parsed once; every problem with the whole input (unreadable flier or list,
    no account column, unknown format) raises here, before any account is processed. A bad
    row never stops the run: it becomes an ``error`` result (and a line of ``errors.jsonl``).

    Args:
        flier: a parsed ``Flier`` or a flier file (path or bytes).
        accounts: an account list file (CSV, XLSX, JSON Lines; see ``read_accounts``), or an
            iterable of profiles (``Profile``, mapping, or the reader's ``RowError``).
        engine: the prepared engine, or the spec to build one; a default engine when None.
        format: ``md``, ``html``, ``txt`` or ``json``.
        document: ``flier`` (the personalised flier) or ``talk-track``.
        workers: processes rendering in parallel; 1 renders in this process.
        out: a folder to write ``<account>.<format>`` files, ``manifest.jsonl`` and
            ``errors.jsonl`` into; when None, each result carries its ``text`` instead.
        mapping: the account list's column mapping (a ``ColumnMapping``, preset or file).
        resume: skip accounts an earlier run into ``out`` finished (file intact, same flier
            and settings); redo everything else, half-written files included.
        fail_fast: stop after the first rejected account (it is still yielded).
        chunksize: accounts sent to a worker at a time.
        start_method: how worker processes start (``fork``, ``forkserver``, ``spawn``). By
            default ``fork`` where the platform has it (workers inherit the prepared engine
            and start at once), else ``spawn`` (each worker builds its engine from the spec).
            The pool starts on the first ``next()``; with ``fork``, start it before other
            threads of your own if you can.

    Returns:
        An iterator of ``AccountResult`` in input order. Close it (or exhaust it) to stop the
        workers and finish ``manifest.jsonl``; an interrupted run can be resumed.

    Raises:
        InputError: the flier or the account list cannot be read as a whole; bad arguments.
        TemplateError: the document has no template for ``format``.
    """
    from benefitkit.engine import Engine

    if workers < 1 or chunksize < 1:
        raise InputError("must be at least 1", code="bad-workers", field="workers",
                         value=workers if workers < 1 else chunksize)
    if engine is None:
        engine = Engine()
    elif not isinstance(engine, Engine):
        engine = engine_for(engine)
    spec = pinned_spec(engine)
    engine_for(spec, engine)  # forked workers find it ready-made
    flier_obj = engine.parse(flier)
    folder = None if out is None else Path(out)
    converter = None
    rows: Iterator[tuple[int, Any]]
    if isinstance(accounts, str | Path):
        from benefitkit.profile.accounts import account_cells, read_account_rows

        # A CSV or XLSX list is read here and each row's cells go to a worker, which makes
        # the profile: validation runs in parallel, and a row of text travels lighter than
        # a validated profile.
        cells = account_cells(accounts, mapping=mapping, ref_date=engine.ref_date)
        if cells is None:
            rows = read_account_rows(accounts, mapping=mapping, ref_date=engine.ref_date)
        else:
            converter, rows = cells
    else:
        rows = _numbered(accounts)
    renderer = Renderer(engine, flier_obj, format, document, folder, converter)
    run = fingerprint(flier_obj, spec, format, document,
                      getattr(engine.matcher.vectors, "identity", ""))
    context = _context(start_method) if workers > 1 else None
    return _stream(renderer, spec, rows, run, workers, chunksize, resume, fail_fast, context)


def _numbered(items: Iterable[Any]) -> Iterator[tuple[int, Any]]:
    """Each item of an iterable with its row: its place (from 1), or the row a reader's
    error names (the items after it follow on from there)."""
    from benefitkit.profile import RowError

    row = 0
    for item in items:
        row = item.row if isinstance(item, RowError) else row + 1
        yield row, item


def _entries(renderer: Renderer, rows: Iterable[tuple[int, Any]],
             ledger: Ledger | None) -> Iterator[Entry]:
    from benefitkit.profile import Profile, RowError

    namer = FileNamer(renderer.format)
    for row, item in rows:
        if isinstance(item, list):  # a row's cells: its worker makes the profile
            account = renderer.converter.account_of(item)
            if not account:  # no name to give its file: the row is rejected here
                item = renderer.converter.profile(item, row)
            elif ledger is None:
                yield (row, item, None)
                continue
            else:
                file = namer.name(account, row)
                yield ledger.skipped(row, account, file) or (row, item, file)
                continue
        if isinstance(item, RowError):
            yield AccountResult(row, item.account, "error",
                                error=AccountError.from_row_error(item))
            continue
        if not isinstance(item, Profile):
            try:
                item = renderer.engine.profile(item)
            except BenefitkitError as exc:
                account = item.get("account") if isinstance(item, Mapping) else None
                yield AccountResult(row, account if isinstance(account, str) else None,
                                    "error", error=exc)
                continue
        if ledger is None:
            yield (row, item, None)
            continue
        file = namer.name(item.account, row)
        yield ledger.skipped(row, item.account, file) or (row, item, file)


def _chunks(entries: Iterator[Entry], size: int) -> Iterator[list[Entry]]:
    chunk: list[Entry] = []
    jobs = 0
    for entry in entries:
        chunk.append(entry)
        if not isinstance(entry, AccountResult):
            jobs += 1
        if jobs >= size or len(chunk) >= 4 * size:
            yield chunk
            chunk, jobs = [], 0
    if chunk:
        yield chunk


def _merge(chunk: list[Entry], done: list[AccountResult]) -> Iterator[AccountResult]:
    results = iter(done)
    for entry in chunk:
        yield entry if isinstance(entry, AccountResult) else next(results)


def _stream(renderer: Renderer, spec: EngineSpec, rows: Iterable[tuple[int, Any]], run: str,
            workers: int, chunksize: int, resume: bool, fail_fast: bool,
            context: Any) -> Generator[AccountResult, None, None]:
    out = renderer.out
    ledger = None if out is None else Ledger(out, run, renderer.format, resume=resume)
    # A process pool that never kills a worker mid-task: when the run is stopped, the
    # chunks not started are cancelled and the ones in hand finish (a fraction of a
    # second). multiprocessing.Pool.terminate() kills workers where they stand, and one
    # killed while sending its result leaves that queue's lock held, so the stop hangs.
    pool: ProcessPoolExecutor | None = None
    window: Window = collections.deque()
    current: list[Entry] = []  # the chunk being handed out ...
    handed = 0  # ... and how many of its results were recorded
    stopped = True
    try:
        if context is not None:
            pool = ProcessPoolExecutor(
                workers, mp_context=context, initializer=init_worker,
                initargs=(spec, renderer.flier, renderer.format, renderer.document, out,
                          renderer.converter))
        # A chunk with nothing to render (all skipped or rejected) waits its turn without
        # a trip to a worker.
        pending = _chunks(_entries(renderer, rows, ledger), chunksize)
        while True:
            chunk = next(pending, None)
            if chunk is not None:
                jobs = [e for e in chunk if not isinstance(e, AccountResult)]
                if pool is None:
                    current, handed = chunk, 0
                    results = _merge(chunk, renderer.run_all(jobs))
                else:
                    window.append((chunk, pool.submit(run_chunk, jobs) if jobs else None))
                    if len(window) < workers * _IN_FLIGHT_PER_WORKER:
                        continue
                    current, handed = window[0][0], 0
                    results = _merge(*_done(window.popleft()))
            elif window:
                current, handed = window[0][0], 0
                results = _merge(*_done(window.popleft()))
            else:
                break
            for result in results:
                if ledger is not None:
                    ledger.record(result)
                handed += 1
                if fail_fast and result.status == "error":
                    log.info("row %d rejected; stopping (fail fast)", result.row)
                    # before the last yield: a caller may stop asking once it has the error
                    _stop(pool, out, current[handed:], window)
                    current, window = [], collections.deque()
                    yield result
                    return
                yield result
        stopped = False
    finally:
        if stopped:
            _stop(pool, out, current[handed:], window)
        elif pool is not None:
            pool.shutdown()
        if ledger is not None:
            ledger.close()
        if out is not None and stopped:
            clean_parts(out, renderer.format)


def _done(entry: tuple[list[Entry], Future[list[AccountResult]] | None],
          ) -> tuple[list[Entry], list[AccountResult]]:
    """A chunk and its rendered results, once its worker has finished it."""
    chunk, future = entry
    if future is None:
        return chunk, []
    try:
        return chunk, future.result()
    except BrokenProcessPool:
        row = next(e[0] for e in chunk if not isinstance(e, AccountResult))
        raise BenefitkitError(
            "a worker process stopped before it finished its accounts",
            code="worker-died", row=row,
            hint="It failed to start (see the messages above) or was killed, for lack of "
                 "memory say: run again with --resume, with fewer workers if it happens "
                 "again") from None


def _stop(pool: ProcessPoolExecutor | None, out: Path | None, rest: list[Entry],
          window: Window) -> None:
    """Stop the workers (chunks not started are cancelled, the ones in hand finish), then
    take back every file handed out but not recorded: the rest of the current chunk and
    the chunks in flight. The folder then holds what the manifest lists, and a resumed run
    writes the others again."""
    if pool is not None:
        pool.shutdown(wait=True, cancel_futures=True)
    if out is None:
        return
    for chunk in (rest, *(c for c, _ in window)):
        for entry in chunk:
            if not isinstance(entry, AccountResult) and entry[2]:
                (out / entry[2]).unlink(missing_ok=True)


def _context(method: str | None) -> Any:
    methods = multiprocessing.get_all_start_methods()
    if method is None:
        method = "fork" if "fork" in methods else "spawn"
    if method not in methods:
        raise InputError("this platform cannot start processes that way", code="bad-start-method",
                         field="start_method", value=method, hint=f"Use {' or '.join(methods)}")
    return multiprocessing.get_context(method)


def count_rows(path: str | Path) -> int | None:
    """A quick estimate of an account list's rows (lines less the header), for progress bars.

    ``None`` when it cannot tell cheaply (a workbook, or a file that cannot be opened).
    """
    path = Path(path)
    if path.suffix.lower() in (".xlsx", ".xlsm"):
        return None
    try:
        with path.open("rb") as fh:
            lines = sum(block.count(b"\n") for block in iter(lambda: fh.read(1 << 20), b""))
            fh.seek(max(0, os.path.getsize(path) - 1))
            lines += fh.read(1) not in (b"\n", b"")
    except OSError:
        return None
    return max(0, lines - (0 if path.suffix.lower() in (".jsonl", ".ndjson") else 1))
