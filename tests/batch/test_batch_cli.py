"""``benefitkit personalize`` end to end: exit codes, summary, and real interruptions."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from batch_fixtures import BAD, FILES, tree, write_many

from benefitkit.batch import personalize
from benefitkit.cli import app, main

# Until the command is registered in benefitkit.cli, the tests register it themselves.
SHIM = """
import sys
from benefitkit.cli import app, main
if not any(c.name == "personalize" for c in app.registered_commands):
    from benefitkit.cli import batch_cmd
    batch_cmd.register(app)
sys.exit(main(sys.argv[1:]))
"""


def cli(*args: str) -> int:
    if not any(c.name == "personalize" for c in app.registered_commands):
        from benefitkit.cli import batch_cmd

        batch_cmd.register(app)
    return main(["personalize", *args, "--as-of", "2026-11-22"])


def test_rejected_rows_exit_1_with_a_summary(flier_path, accounts, tmp_path, capsys):
    out = tmp_path / "out"
    assert cli(str(flier_path), str(accounts), "--out", str(out)) == 1
    err = capsys.readouterr().err
    assert f"{len(FILES)} written, 0 already done, {len(BAD)} rejected" in err
    assert "errors.jsonl" in err
    assert {p.name for p in out.iterdir()} == {*FILES.values(), "manifest.jsonl", "errors.jsonl"}

    assert cli(str(flier_path), str(accounts), "--out", str(out), "--resume") == 1
    assert f"0 written, {len(FILES)} already done" in capsys.readouterr().err


def test_a_clean_list_exits_0_in_every_format(flier_path, tmp_path, capsys):
    accounts = write_many(tmp_path / "clean.csv", 8)
    for fmt in ("md", "html", "json"):
        out = tmp_path / fmt
        assert cli(str(flier_path), str(accounts), "--out", str(out), "-f", fmt, "-w", "2") == 0
        assert len(list(out.glob(f"*.{fmt}"))) == 8
    assert cli(str(flier_path), str(accounts), "--out", str(tmp_path / "tt"),
               "--document", "talk-track", "-f", "txt") == 0
    assert "# " not in next((tmp_path / "tt").glob("*.txt")).read_text("utf-8")[:2]


def test_fail_fast_and_unusable_input_exit_2(flier_path, accounts, tmp_path, capsys):
    out = tmp_path / "out"
    assert cli(str(flier_path), str(accounts), "--out", str(out), "--fail-fast") == 2
    err = capsys.readouterr().err
    assert "row 5" in err and "[bad-money]" in err and "--fail-fast" in err
    listed = [json.loads(line) for line in (out / "manifest.jsonl").read_text("utf-8").splitlines()]
    assert len(listed) == 4
    # the accounts after the stop that were already written are taken back: the folder
    # holds what the manifest lists
    written = {p.name for p in out.iterdir() if p.suffix == ".md"}
    assert written == {r["file"] for r in listed if r["status"] == "ok"}

    assert cli(str(flier_path), str(accounts), "--format", "docx") == 2
    assert cli(str(flier_path), str(tmp_path / "nope.csv")) == 2
    assert "[unreadable-file]" in capsys.readouterr().err
    taken = tmp_path / "taken"
    taken.write_text("not a folder", encoding="utf-8")
    assert cli(str(flier_path), str(accounts), "--out", str(taken)) == 2
    err = capsys.readouterr().err.strip()
    assert "[not-a-folder]" in err and str(taken) in err and len(err.splitlines()) == 1


def _start(flier_path: Path, accounts: Path, out: Path, workers: int) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [sys.executable, "-c", SHIM, "personalize", str(flier_path), str(accounts), "--out",
         str(out), "--as-of", "2026-11-22", "--workers", str(workers)],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE,
    )


def _wait_for_progress(out: Path, lines: int, proc: subprocess.Popen[bytes]) -> None:
    journal = out / ".manifest.jsonl.part"
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and proc.poll() is None:
        if journal.exists() and journal.read_bytes().count(b"\n") >= lines:
            return
        time.sleep(0.01)
    pytest.fail(f"the run ended or stalled before {lines} accounts: {proc.poll()}")


@pytest.mark.parametrize(("sig", "workers"), [(signal.SIGKILL, 1), (signal.SIGINT, 2)])
def test_killed_then_resumed_equals_uninterrupted(sig, workers, flier_path, flier, engine,
                                                   tmp_path):
    accounts = write_many(tmp_path / "many.csv", 3000, bad_every=101)
    whole, killed = tmp_path / "whole", tmp_path / "killed"
    list(personalize(flier, accounts, engine=engine, out=whole))

    proc = _start(flier_path, accounts, killed, workers)
    _wait_for_progress(killed, 200, proc)
    os.kill(proc.pid, sig)
    _, err = proc.communicate(timeout=60)
    if sig == signal.SIGKILL:
        assert proc.returncode == -signal.SIGKILL
        assert not (killed / "manifest.jsonl").exists()  # it really died mid-run
    else:
        assert proc.returncode == 130, err.decode()
        assert b"--resume" in err
        assert not list(killed.glob(".*.part"))
        done = (killed / "manifest.jsonl").read_text("utf-8").splitlines()
        assert 200 <= len(done) < 3000
        assert all(json.loads(line)["status"] in ("ok", "error") for line in done)
        listed = sorted(f for f in (json.loads(line)["file"] for line in done) if f)
        assert sorted(p.name for p in killed.glob("*.md")) == listed  # nothing unlisted

    resumed = list(personalize(flier, accounts, engine=engine, out=killed, resume=True))
    assert sum(r.status == "skipped" for r in resumed) >= 150
    assert tree(killed) == tree(whole)
