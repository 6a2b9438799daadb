"""Where the shared evaluation corpus is, and a polite skip when it is absent."""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def corpus_dir() -> Path:
    """``$BENEFITKIT_CORPUS``, else ``../shared/corpus`` beside the checkout."""
    env = os.environ.get("BENEFITKIT_CORPUS")
    return Path(env) if env else ROOT.parent / "shared" / "corpus"


def require(sub: str) -> Path:
    """The corpus sub-folder, or exit 0 with a message when it is not there."""
    path = corpus_dir() / sub
    if not path.exists():
        print(f"skipped: corpus folder {path} not found (set BENEFITKIT_CORPUS)")
        sys.exit(0)
    return path


def best_of(fn: Callable[[], object], repeat: int) -> float:
    """The fastest of ``repeat`` runs of ``fn``, in seconds (the least disturbed by noise)."""
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return min(times)
