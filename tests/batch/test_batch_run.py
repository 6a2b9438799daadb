"""``personalize``: every good account written, every bad row reported, same bytes whatever
the number of workers, and a killed run resumed to the same outputs."""

from __future__ import annotations

import json
import os

import pytest
from batch_fixtures import BAD, FILES, ROWS, tree, write_many

from benefitkit.batch import AccountResult, personalize
from benefitkit.batch._render import Renderer
from benefitkit.errors import BenefitkitError, InputError, TemplateError
from benefitkit.profile import read_accounts


def run(flier, accounts, engine, **kw) -> list[AccountResult]:
    return list(personalize(flier, accounts, engine=engine, **kw))


def test_every_good_account_written_every_bad_row_reported(flier, accounts, engine, tmp_path):
    out = tmp_path / "out"
    results = run(flier, accounts, engine, out=out)

    assert [r.row for r in results] == [row for row, _ in ROWS]
    assert {r.row: r.file for r in results if r.status == "ok"} == FILES
    assert {r.row: (r.error.code, r.error.column) for r in results if r.error} == BAD
    # Files land directly in the folder, nowhere else, whatever the account name said.
    written = {p.name for p in out.iterdir()}
    assert written == {*FILES.values(), "manifest.jsonl", "errors.jsonl"}
    assert not (tmp_path / "etc").exists()
    assert "Café Nord" in (out / "café-nord.md").read_text("utf-8")  # the cp1252 line, decoded

    errors = [json.loads(line) for line in (out / "errors.jsonl").read_text("utf-8").splitlines()]
    assert [(e["row"], e["code"], e["column"]) for e in errors] == [
        (row, *BAD[row]) for row in sorted(BAD)
    ]
    assert all(isinstance(e["row"], int) and e["message"] for e in errors)
    assert errors[0]["value"] == "ask finance" and errors[0]["account"] == "Lakeside Vets"

    manifest = [json.loads(x) for x in (out / "manifest.jsonl").read_text("utf-8").splitlines()]
    assert [m["row"] for m in manifest] == [row for row, _ in ROWS]
    first = manifest[0]
    assert first["account"] == "Northwind Dental" and first["status"] == "ok"
    assert first["file"] == "northwind-dental.md"
    assert first["needs_matched"] + first["needs_unmatched"] == [
        "Keep patient data HIPAA compliant", "Backups must finish overnight"]
    assert "HIPAA" in " ".join(first["needs_matched"])


def test_text_is_the_engines_own_output(flier, accounts, engine):
    profiles = [p for p in read_accounts(accounts, ref_date=engine.ref_date)
                if not hasattr(p, "error")]
    for document, fmt, write in (("flier", "md", engine.personalised_flier),
                                 ("talk-track", "html", engine.talk_track)):
        ok = [r for r in run(flier, accounts, engine, document=document, format=fmt) if r.ok]
        assert len(ok) == len(profiles) == len(FILES)
        assert [r.text for r in ok] == [write(flier, p, format=fmt) for p in profiles]
        assert all(r.file is None for r in ok)


def test_one_and_two_workers_write_identical_bytes(flier, engine, tmp_path):
    accounts = write_many(tmp_path / "many.csv", 150, bad_every=17)
    one, two = tmp_path / "one", tmp_path / "two"
    r1 = run(flier, accounts, engine, out=one, workers=1, chunksize=4)
    r2 = run(flier, accounts, engine, out=two, workers=2, chunksize=4)
    assert r1 == r2
    assert sum(r.status == "error" for r in r1) == 150 // 17
    assert tree(one) == tree(two)
    assert len(tree(one)) == 150 - 150 // 17 + 2


def test_a_killed_run_resumes_to_the_same_outputs(flier, engine, tmp_path):
    accounts = write_many(tmp_path / "many.csv", 120, bad_every=25)
    whole, killed = tmp_path / "whole", tmp_path / "killed"
    run(flier, accounts, engine, out=whole)

    results = personalize(flier, accounts, engine=engine, out=killed, workers=2, chunksize=5)
    with pytest.raises(KeyboardInterrupt):  # Ctrl-C from a hook after 40 accounts
        for i, _ in enumerate(results):
            if i == 40:
                raise KeyboardInterrupt
    results.close()
    assert not list(killed.glob(".*.part"))  # a clean stop leaves no temporaries
    done = (killed / "manifest.jsonl").read_text("utf-8").splitlines()
    assert len(done) == 41
    # accounts written by the workers past the stop are taken back: the folder holds what
    # the manifest lists
    listed = sorted(f for f in (json.loads(line)["file"] for line in done) if f)
    assert sorted(p.name for p in killed.glob("*.md")) == listed

    # Then as if killed outright: the journal has a cut last line, a file is half-written,
    # one finished file was damaged, and one is gone.
    (killed / "manifest.jsonl").unlink()
    (killed / ".manifest.jsonl.part").write_text("\n".join(done[:30]) + "\n" + done[30][:25])
    (killed / ".clinic-1.md.x1y2.part").write_text("half a fli")
    damaged = json.loads(done[3])["file"]
    (killed / damaged).write_text("not what was written")
    (killed / json.loads(done[5])["file"]).unlink()

    resumed = run(flier, accounts, engine, out=killed, resume=True, workers=2, chunksize=5)
    statuses = [r.status for r in resumed]
    assert statuses.count("skipped") == 30 - 2 - sum(r.status == "error" for r in resumed[:30])
    assert resumed[3].status == resumed[5].status == "ok"  # redone
    assert tree(killed) == tree(whole)


def test_resume_redoes_everything_when_the_flier_changed(flier, engine, tmp_path, flier_path):
    accounts = write_many(tmp_path / "few.csv", 6)
    out = tmp_path / "out"
    run(flier, accounts, engine, out=out)
    other = tmp_path / "other.md"
    other.write_text(flier_path.read_text("utf-8").replace("$1,299", "$1,199"), "utf-8")
    again = run(other, accounts, engine, out=out, resume=True)
    assert {r.status for r in again} == {"ok"}
    assert {r.status for r in run(other, accounts, engine, out=out, resume=True)} == {"skipped"}


@pytest.mark.parametrize("workers", [1, 2])
def test_fail_fast_stops_at_the_first_bad_row(flier, accounts, engine, tmp_path, workers):
    out = tmp_path / "out"
    # chunks of 5: the bad row is the 4th, so the 5th is written in the same chunk
    results = run(flier, accounts, engine, out=out, fail_fast=True, chunksize=5,
                  workers=workers)
    assert [r.status for r in results] == ["ok", "ok", "ok", "error"]
    manifest = (out / "manifest.jsonl").read_text("utf-8").splitlines()
    assert len(manifest) == 4
    # nothing past the stop stays in the folder, though it was written before the stop
    assert sorted(p.name for p in out.glob("*.md")) == sorted(r.file for r in results if r.file)
    # ... even for a caller that stops asking once it has the error
    again = tmp_path / "again"
    for r in personalize(flier, accounts, engine=engine, out=again, fail_fast=True,
                         chunksize=5, workers=workers):
        if r.status == "error":
            break
    assert sorted(p.name for p in again.glob("*.md")) == sorted(r.file for r in results if r.file)


def test_profiles_and_mappings_are_accounts_too(flier, engine):
    items = [{"account": "Dune Co", "needs": ["Works with Dropbox"]},
             {"account": "No Needs Inc"}]
    first, second = run(flier, items, engine)
    assert (first.row, first.status, first.needs_matched) == (1, "ok", ("Works with Dropbox",))
    assert (second.row, second.status, second.account) == (2, "error", "No Needs Inc")
    assert second.error is not None and second.error.column == "needs"


def test_whole_input_problems_raise_before_any_account(flier, engine, tmp_path):
    with pytest.raises(InputError, match="cannot read"):
        personalize(flier, tmp_path / "missing.csv", engine=engine)
    no_account = tmp_path / "x.csv"
    no_account.write_text("Industry,Needs\nRetail,Easy setup\n", "utf-8")
    with pytest.raises(InputError) as info:
        personalize(flier, no_account, engine=engine)
    assert info.value.code == "missing-column"
    with pytest.raises(TemplateError):
        personalize(flier, [], engine=engine, format="rtf")
    with pytest.raises(InputError):
        personalize(flier, [], engine=engine, document="poster")
    with pytest.raises(InputError):
        personalize(flier, [], engine=engine, workers=0)
    assert not list(tmp_path.glob("*.jsonl"))


def test_spawned_workers_rebuild_the_engine_from_its_spec(flier, engine, tmp_path):
    # Forked workers inherit the parent's engine; spawned ones start empty and build their
    # own from the EngineSpec, with the flier pickled once per worker. Same bytes either way.
    accounts = write_many(tmp_path / "few.csv", 24, bad_every=9)
    forked, spawned = tmp_path / "fork", tmp_path / "spawn"
    run(flier, accounts, engine, out=forked, workers=2, chunksize=3)
    run(flier, accounts, engine, out=spawned, workers=2, chunksize=3, start_method="spawn")
    assert tree(spawned) == tree(forked)


def test_a_worker_that_dies_stops_the_run_with_an_error_and_resume_finishes_it(
        flier, engine, tmp_path, monkeypatch):
    # A worker killed from outside (say, for lack of memory) loses the accounts it held: the
    # run must say so and stop, not wait for them forever, and a resumed run finishes it.
    accounts = write_many(tmp_path / "many.csv", 60, bad_every=11)
    whole, broken = tmp_path / "whole", tmp_path / "broken"
    run(flier, accounts, engine, out=whole)

    parent = os.getpid()
    render = Renderer.run_all

    def dies_on_row_31(self, jobs):
        if os.getpid() != parent and any(row == 31 for row, *_ in jobs):
            os._exit(9)
        return render(self, jobs)

    monkeypatch.setattr(Renderer, "run_all", dies_on_row_31)  # forked workers inherit it
    seen = []
    with pytest.raises(BenefitkitError) as caught:
        for r in personalize(flier, accounts, engine=engine, out=broken, workers=2, chunksize=4,
                             start_method="fork"):
            seen.append(r.row)
    assert caught.value.code == "worker-died"
    assert caught.value.row is not None and caught.value.row <= 31
    assert seen == list(range(2, caught.value.row))  # every row before the lost chunk
    listed = [json.loads(line)["file"]
              for line in (broken / "manifest.jsonl").read_text("utf-8").splitlines()]
    assert sorted(p.name for p in broken.glob("*.md")) == sorted(f for f in listed if f)

    monkeypatch.undo()
    resumed = run(flier, accounts, engine, out=broken, resume=True, workers=2, chunksize=4)
    assert {r.status for r in resumed[:len(seen)]} <= {"skipped", "error"}
    assert tree(broken) == tree(whole)


def test_a_worker_that_cannot_start_stops_the_run_with_an_error(flier, tmp_path, capfd):
    # A spawned worker builds its own engine from the spec: here the template folder the
    # parent's engine was built with is gone by then. The run stops with an error at once.
    from benefitkit.engine import Engine

    folder = tmp_path / "templates"
    folder.mkdir()
    engine = Engine(templates=[folder], as_of="2026-11-22")
    accounts = write_many(tmp_path / "few.csv", 12)
    results = personalize(flier, accounts, engine=engine, out=tmp_path / "out", workers=2,
                          chunksize=2, start_method="spawn")
    folder.rmdir()
    with pytest.raises(BenefitkitError) as caught:
        list(results)
    assert caught.value.code == "worker-died" and caught.value.row == 2
    assert "templates" in capfd.readouterr().err  # the worker's own reason, on stderr


def test_an_unknown_start_method_is_refused(flier, engine):
    with pytest.raises(InputError, match="start processes"):
        personalize(flier, [], engine=engine, workers=2, start_method="teleport")


def test_count_rows_estimates_for_the_progress_bar(accounts, tmp_path):
    from benefitkit.batch import count_rows

    assert count_rows(accounts) == len(ROWS)
    no_newline = tmp_path / "x.csv"
    no_newline.write_text("Account Name,Needs\nA,x\nB,y", "utf-8")
    assert count_rows(no_newline) == 2
    assert count_rows(tmp_path / "missing.csv") is None


def test_rows_are_where_they_sit_in_the_file(flier, engine, tmp_path):
    # A blank row and a cell with a line break: every later row keeps its own number, in the
    # manifest and in errors.jsonl alike (the header is row 1).
    accounts = tmp_path / "gaps.csv"
    accounts.write_text(
        "Account Name,Needs,Budget\n"
        "Alder Clinic,Keep patient data HIPAA compliant,\"$5,000\"\n"
        "\n"
        "Birch Dental,\"Backups must finish overnight\nand on weekends\",\"$3,000\"\n"
        "Cedar Vets,Easy setup,ask finance\n"
        "Dune Legal,Works with Dropbox,$900\n",
        encoding="utf-8",
    )
    out = tmp_path / "out"
    results = run(flier, accounts, engine, out=out)
    assert [(r.row, r.account, r.status) for r in results] == [
        (2, "Alder Clinic", "ok"), (4, "Birch Dental", "ok"), (5, "Cedar Vets", "error"),
        (6, "Dune Legal", "ok")]
    manifest = [json.loads(x) for x in (out / "manifest.jsonl").read_text("utf-8").splitlines()]
    assert [m["row"] for m in manifest] == [2, 4, 5, 6]
    (error,) = [json.loads(x) for x in (out / "errors.jsonl").read_text("utf-8").splitlines()]
    assert (error["row"], error["column"], error["account"]) == (5, "Budget", "Cedar Vets")
