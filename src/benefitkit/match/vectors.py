"""Optional similarity from word vectors, used only when a pipeline that has them is given."""

from __future__ import annotations

import functools
from typing import Any

__all__ = ["VectorSimilarity"]


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
