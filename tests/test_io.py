"""atomic_write: the whole new text or the old file, never half; folders made when missing."""

from __future__ import annotations

from pathlib import Path

import pytest

from benefitkit._io import atomic_write


def test_writes_into_folders_that_do_not_exist_yet(tmp_path: Path) -> None:
    target = tmp_path / "out" / "accounts" / "acme.md"
    atomic_write(target, "# Acme\n")
    assert target.read_text(encoding="utf-8") == "# Acme\n"
    assert [p.name for p in target.parent.iterdir()] == ["acme.md"]


def test_replaces_an_existing_file_and_keeps_line_endings(tmp_path: Path) -> None:
    target = tmp_path / "acme.md"
    target.write_text("old", encoding="utf-8")
    atomic_write(target, "new\r\nline\n")
    assert target.read_bytes() == b"new\r\nline\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["acme.md"]


def test_a_failed_write_leaves_the_old_file_and_no_temporary(tmp_path: Path) -> None:
    target = tmp_path / "acme.md"
    target.write_text("old", encoding="utf-8")
    with pytest.raises(UnicodeEncodeError):
        atomic_write(target, "half \ud800 written")  # a lone surrogate cannot be encoded
    assert target.read_text(encoding="utf-8") == "old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["acme.md"]


def test_a_path_under_a_file_is_an_error(tmp_path: Path) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x", encoding="utf-8")
    with pytest.raises(OSError):
        atomic_write(blocker / "acme.md", "text")
    assert blocker.read_text(encoding="utf-8") == "x"


def test_an_existing_folder_is_not_made_again(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(self: Path, *args: object, **kwargs: object) -> None:
        raise AssertionError(f"mkdir({self}) called for a folder that exists")

    monkeypatch.setattr(Path, "mkdir", refuse)
    atomic_write(tmp_path / "acme.md", "text")  # a batch writes thousands into one folder
    assert (tmp_path / "acme.md").read_text(encoding="utf-8") == "text"
