"""Golden outputs for the dev corpus: talk-track and personalised flier of every dev profile.

The corpus documents may not be copied into this repository, and a golden text would copy
them, so the golden file keeps a SHA-256 digest of each output instead. A change in any
output fails here; look at it with ``benefitkit talk-track`` and, when it is intended,
regenerate with ``BENEFITKIT_REGEN_GOLDEN=1 pytest tests/test_corpus_golden.py``.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
from pathlib import Path

import pytest
import yaml

CORPUS = Path(os.environ.get("BENEFITKIT_CORPUS", Path(__file__).resolve().parents[2] / "shared" / "corpus"))
GOLDEN = Path(__file__).parent / "golden" / "corpus_digests.json"
AS_OF = dt.date(2026, 1, 1)

pytestmark = [
    pytest.mark.corpus,
    pytest.mark.skipif(not (CORPUS / "dev").exists(), reason="corpus not present"),
]


def _cases() -> list[tuple[str, Path, Path]]:
    """(name, flier, profile): the matching pairs, and every dev profile with every real flier."""
    dev = CORPUS / "dev"
    out = []
    for path in sorted((dev / "matching").glob("*/*.yaml")):
        if path.name.endswith(".profile.yaml"):
            continue
        spec = yaml.safe_load(path.read_text(encoding="utf-8"))
        flier = (path.parent / spec["flier"]).resolve() if "flier" in spec else path.with_suffix(".md")
        if not flier.exists():
            flier = path.with_suffix(".md")
        profile = path.parent / spec.get("profile", path.stem + ".profile.yaml")
        out.append((f"{path.parent.name}/{path.stem}", flier, profile))
    reals = sorted(p for p in (dev / "fliers").glob("real-*") if not p.name.endswith(".gold.json"))
    for profile in sorted((dev / "profiles").glob("*.yaml")):
        for flier in reals:
            out.append((f"profiles/{profile.stem}@{flier.stem}", flier, profile))
    return out


def _digest(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def test_corpus_outputs_match_golden_digests():
    from benefitkit import Engine

    engine = Engine(as_of=AS_OF)
    got: dict[str, str] = {}
    for name, flier_path, profile_path in _cases():
        flier = engine.parse(flier_path, name=flier_path.name)
        profile = engine.profile(profile_path)
        talk = engine.talk_track(flier, profile, format="md")
        assert engine.talk_track(flier, profile, format="md") == talk  # render twice, same bytes
        got[f"{name}:talk_track.md"] = _digest(talk)
        got[f"{name}:flier.md"] = _digest(engine.personalised_flier(flier, profile, format="md"))
    if os.environ.get("BENEFITKIT_REGEN_GOLDEN"):
        GOLDEN.write_text(json.dumps(got, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    want = json.loads(GOLDEN.read_text(encoding="utf-8"))
    changed = sorted(k for k in want.keys() | got.keys() if want.get(k) != got.get(k))
    assert not changed, f"{len(changed)} outputs changed, e.g. {changed[:5]}"
