"""One account in, one document out: the per-process half of a batch.

A ``Renderer`` holds a prepared engine and the parsed flier. Worker processes get theirs
through ``init_worker`` (run once per process by the pool), which rebuilds the engine from
its small picklable ``EngineSpec`` and receives the flier once, so nothing heavy travels
with each account: a chunk of ``(row, profile, file)`` jobs goes out, plain results come back.
"""

from __future__ import annotations

import hashlib
import logging
import signal
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

import attrs

from benefitkit.batch._result import AccountError, AccountResult
from benefitkit.errors import BenefitkitError

if TYPE_CHECKING:
    from benefitkit.engine import Engine, EngineSpec
    from benefitkit.model import Flier
    from benefitkit.profile import Profile

__all__ = ["DOCUMENTS", "Job", "Renderer", "engine_for", "init_worker", "pinned_spec", "run_chunk"]

log = logging.getLogger("benefitkit")

#: What a batch can write for each account.
DOCUMENTS = ("flier", "talk-track")
# row, profile (or the row's cells, made into one by the converter), output file name (None:
# return the text instead)
Job = tuple[int, "Profile | list[str]", str | None]

_ENGINES: dict[EngineSpec, Engine] = {}
_WORKER: Renderer | None = None


def pinned_spec(engine: Engine) -> EngineSpec:
    """The engine's spec with "today" fixed, so workers started after midnight agree."""
    return attrs.evolve(engine.spec, as_of=engine.as_of, ref_date=engine.ref_date)


def engine_for(spec: EngineSpec, engine: Engine | None = None) -> Engine:
    """The engine for ``spec`` in this process, built on first use (or ``engine`` remembered).

    A forked worker inherits the parent's cache, so it starts without rebuilding anything.
    """
    if engine is not None:
        _ENGINES.setdefault(spec, engine)
    found = _ENGINES.get(spec)
    if found is None:
        found = _ENGINES[spec] = spec.build()
    return found


class Renderer:
    """Writes one document per profile with a prepared engine and one parsed flier.

    Args:
        engine: the prepared engine.
        flier: the parsed flier (matched again and again, so prepared only once).
        format: ``md``, ``html``, ``txt`` or ``json``.
        document: ``flier`` (the personalised flier) or ``talk-track``.
        out: the folder files are written to; ``None`` to return the text instead.
        converter: makes profiles of the rows of cells that jobs may carry.

    Raises:
        TemplateError: the document has no template for the format (checked here, before
            any account is processed).
    """

    def __init__(
        self, engine: Engine, flier: Flier, format: str, document: str, out: Path | None,
        converter: Any = None,
    ) -> None:
        from benefitkit._io import atomic_write
        from benefitkit.errors import InputError, TemplateError
        from benefitkit.profile import RowError
        from benefitkit.render import personalised_flier, render_document, talk_track

        if document not in DOCUMENTS:
            raise InputError("unknown document", code="bad-document", field="document",
                             value=document, hint="Use flier or talk-track")
        kind = "flier" if document == "flier" else "talk_track"
        name = f"{kind}.{format}.j2"
        if format != "json" and name not in engine.writer.env.list_templates(extensions=["j2"]):
            raise TemplateError(f"no {document} template for format {format!r}",
                                code="template-missing", path=name,
                                hint="Use md, html or json, or add the template to a folder")
        self.engine, self.flier, self.format, self.document, self.out = (
            engine, flier, format, document, out)
        self.converter = converter
        # what each account needs, looked up once here rather than imported per account
        self._lay_out = personalised_flier if document == "flier" else talk_track
        self._render_document, self._write, self._row_error = (
            render_document, atomic_write, RowError)

    def render(self, profile: Profile) -> tuple[str, tuple[str, ...], tuple[str, ...]]:
        """The document text, the needs answered, and the needs nothing answers.

        The same steps as ``Engine.personalised_flier``/``Engine.talk_track``, with the
        match computed once and reused for the need lists.
        """
        engine, flier = self.engine, self.flier
        result = engine.matcher.match(flier, profile, as_of=engine.as_of)
        state = engine.writer.start(flier, profile)  # read the profile once per document
        doc = self._lay_out(engine.writer, flier, profile, result, state=state)
        text = self._render_document(engine.writer, doc, flier, profile, self.format,
                                     state=state)
        missing = set(result.unmatched_needs)
        texts = [n.text for n in profile.needs]
        matched = tuple(t for i, t in enumerate(texts) if i not in missing)
        return text, matched, tuple(texts[i] for i in sorted(missing))

    def run(self, row: int, item: Profile | list[str], file: str | None) -> AccountResult:
        """The result for one account; errors become an ``error`` result, never a raise."""
        return self.run_all([(row, item, file)])[0]

    def run_all(self, jobs: Sequence[Job]) -> list[AccountResult]:
        """``run`` for each job, in order.

        Every document of the chunk is written first, then the files one after the other:
        the file system's work in one stretch leaves the rendering work its caches. A
        result still means its file is in place.
        """
        drafts = [self._draft(*job) for job in jobs]
        return [d if isinstance(d, AccountResult) else self._save(*d) for d in drafts]

    def _draft(self, row: int, item: Profile | list[str],
               file: str | None) -> AccountResult | _Draft:
        if isinstance(item, list):
            made = self.converter.profile(item, row)
            if isinstance(made, self._row_error):
                return AccountResult(row, made.account, "error",
                                     error=AccountError.from_row_error(made))
            profile: Profile = made
        else:
            profile = item
        try:
            text, matched, unmatched = self.render(profile)
        except BenefitkitError as exc:
            return AccountResult(row, profile.account, "error", error=exc)
        except Exception as exc:  # a bug must not sink the other 199,999 accounts
            log.exception("row %d (%s): unexpected error", row, profile.account)
            return AccountResult(row, profile.account, "error",
                                 error=AccountError.from_exception(exc))
        return row, profile.account, text, matched, unmatched, file

    def _save(self, row: int, account: str, text: str, matched: tuple[str, ...],
              unmatched: tuple[str, ...], file: str | None) -> AccountResult:
        if file is None or self.out is None:
            return AccountResult(row, account, "ok", text, None, matched, unmatched)
        self._write(self.out / file, text)
        digest = hashlib.sha256(text.encode("utf-8")).hexdigest()
        return AccountResult(row, account, "ok", None, file, matched, unmatched, sha256=digest)


# row, account, text, needs answered, needs unanswered, file: a document not yet saved
_Draft = tuple[int, str, str, tuple[str, ...], tuple[str, ...], str | None]


def init_worker(spec: EngineSpec, flier: Flier, format: str, document: str,
                out: Path | None, converter: Any = None) -> None:
    """Pool initialiser: prepare this process's renderer once."""
    global _WORKER
    # Ctrl-C reaches the whole process group; the parent alone decides how to stop.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    _WORKER = Renderer(engine_for(spec), flier, format, document, out, converter)


def run_chunk(jobs: Sequence[Job]) -> list[AccountResult]:
    """Pool task: render a chunk of accounts with this process's renderer."""
    if _WORKER is None:  # pragma: no cover - the pool always runs init_worker first
        raise RuntimeError("init_worker has not run in this process")
    return _WORKER.run_all(jobs)
