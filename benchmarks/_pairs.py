"""The dev corpus's flier + profile pairs (from ``matching/*/*.yaml``), parsed and matched."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import yaml

#: "Today" for every render, so deadlines and outputs do not drift with the clock.
AS_OF = dt.date(2026, 1, 1)


def pair_files(corpus: Path) -> list[Path]:
    """Every matching file (``*.yaml`` but not ``*.profile.yaml``), sorted."""
    return sorted(p for p in (corpus / "dev" / "matching").glob("*/*.yaml")
                  if not p.name.endswith(".profile.yaml"))


def make_matcher(semantic: bool = False) -> Any:
    """The default matcher, or one with sentence similarity (the ``semantic`` extra)."""
    from benefitkit.match.matcher import Matcher

    if not semantic:
        return Matcher()
    from benefitkit.match.vectors import SentenceSimilarity

    return Matcher(similarity=SentenceSimilarity())


def load_pairs(corpus: Path, limit: int | None = None,
               matcher: Any = None) -> Iterator[tuple[str, Any, Any, Any]]:
    """``(name, flier, profile, match_result)`` for each pair that parses, loads and matches.

    Imports the matcher lazily: raises ImportError when ``benefitkit.match`` is not there yet.
    """
    from benefitkit.api import parse_flier
    from benefitkit.profile import Profile

    matcher = matcher or make_matcher()
    for n, path in enumerate(pair_files(corpus)):
        if limit is not None and n >= limit:
            return
        spec = yaml.safe_load(path.read_text(encoding="utf-8"))
        flier_path = (path.parent / spec["flier"]).resolve() if "flier" in spec else None
        if flier_path is None or not flier_path.exists():
            flier_path = path.with_suffix(".md")
        profile_path = path.parent / spec.get("profile", path.stem + ".profile.yaml")
        flier = parse_flier(flier_path)
        profile = Profile.from_file(profile_path, ref_date=AS_OF)
        yield f"{path.parent.name}/{path.stem}", flier, profile, matcher.match(flier, profile, as_of=AS_OF)


def cross_pairs(corpus: Path, limit: int | None = None,
                matcher: Any = None) -> Iterator[tuple[str, Any, Any, Any]]:
    """Every dev flier (``dev/fliers``) with every dev profile (``dev/profiles/*.yaml``).

    Most of these pairs have nothing in common: they test that writing holds up (no template
    error, no fact without a source) on inputs that were never written for each other.
    """
    from benefitkit.api import parse_flier
    from benefitkit.profile import Profile

    matcher = matcher or make_matcher()
    profiles = [(p.stem, Profile.from_file(p, ref_date=AS_OF))
                for p in sorted((corpus / "dev" / "profiles").glob("*.yaml"))]
    fliers = sorted(p for p in (corpus / "dev" / "fliers").iterdir()
                    if not p.name.endswith(".gold.json"))
    for n, path in enumerate(fliers):
        if limit is not None and n >= limit:
            return
        flier = parse_flier(path)
        for stem, profile in profiles:
            yield f"{path.name}+{stem}", flier, profile, matcher.match(flier, profile, as_of=AS_OF)
