"""The phrase lists shipped as package data say each phrase once.

A phrase listed twice in one list is a sign of a merge or an edit gone wrong: it weighs
nothing more, and the second copy is what the next editor changes while the first stays.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from importlib import resources

import pytest
import yaml

DATA_FILES = sorted(
    f"{package}/{entry.name}"
    for package in ("extract", "profile", "match", "lint")
    for entry in resources.files("benefitkit").joinpath(package, "data").iterdir()
    if entry.name.endswith((".yml", ".yaml"))
)


def _phrase_lists(node: object, path: str) -> Iterator[tuple[str, list[str]]]:
    if isinstance(node, dict):
        for key, value in node.items():
            yield from _phrase_lists(value, f"{path}/{key}")
    elif isinstance(node, list):
        if node and all(isinstance(item, str) for item in node):
            yield path, node
        else:
            for i, item in enumerate(node):
                yield from _phrase_lists(item, f"{path}[{i}]")


def test_every_data_file_is_found():
    assert {"extract/categories.yml", "profile/need_taxonomy.yml", "match/synonyms.yml"} <= set(DATA_FILES)


@pytest.mark.parametrize("name", DATA_FILES)
def test_no_phrase_is_listed_twice_in_one_list(name):
    package, file = name.split("/")
    text = resources.files("benefitkit").joinpath(package, "data", file).read_text(encoding="utf-8")
    repeated = {
        path: sorted(p for p, n in Counter(p.lower() for p in phrases).items() if n > 1)
        for path, phrases in _phrase_lists(yaml.safe_load(text), file)
    }
    assert not {path: r for path, r in repeated.items() if r}
