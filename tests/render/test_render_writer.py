"""Statements: reproducible, in the buyer's terms, advantages kept as advantages."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
from decimal import Decimal
from typing import Any

import jinja2
import pytest
from render_fixtures import AS_OF, FakeCheck, FakeMatch, FakeResult

from benefitkit.errors import TemplateError
from benefitkit.model import Flier, Value
from benefitkit.render import (
    Writer,
    build_environment,
    classify,
    personalised_flier,
    render_document,
    talk_track,
    tone_for,
)
from benefitkit.render.writer import seed_for
from benefitkit.vocab import ValueKind


def _names(profile: Any) -> list[str]:
    return [profile.account, profile.contact.name.split()[0]]


def test_render_twice_gives_the_same_bytes(flier: Flier, profile: Any, result: Any) -> None:
    outputs = []
    for _ in range(2):
        writer = Writer(as_of=AS_OF)  # a fresh writer: nothing cached carries over
        track = talk_track(writer, flier, profile, result)
        outputs.append(tuple(render_document(writer, track, flier, profile, fmt).encode()
                             for fmt in ("md", "html", "txt", "json")))
    assert outputs[0] == outputs[1]


def test_seed_is_stable_across_processes() -> None:
    code = "from benefitkit.render.writer import seed_for; print(seed_for('a', 'f1', 'r'))"
    env = {**os.environ, "PYTHONHASHSEED": "123"}
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True, env=env)
    assert int(run.stdout) == seed_for("a", "f1", "r")


def test_benefits_read_as_benefits(writer: Writer, flier: Flier, profile: Any,
                                   result: Any) -> None:
    needs = [n.text for n in profile.needs]
    for b in writer.statements(flier, profile, result.matches):
        verdict = classify(b.text, needs, _names(profile))
        if b.kind == "benefit":
            assert verdict.label == "benefit", b.text
            assert verdict.need == b.need_index, b.text
            assert profile.needs[b.need_index].text.rstrip(".") in b.text


def test_advantage_is_never_dressed_as_a_benefit(writer: Writer, flier: Flier,
                                                 profile: Any) -> None:
    needs = [n.text for n in profile.needs]
    # even when a rule names a benefit template, an advantage uses an advantage template
    match = FakeMatch("f5", None, "r-adv", 0.5, kind="advantage", template="benefit/support.j2")
    for variant_rule in ("a", "b", "c", "d"):
        m = FakeMatch("f5", None, variant_rule, 0.5, kind="advantage",
                      template="benefit/support.j2")
        (b,) = writer.statements(flier, profile, [m])
        assert b.kind == "advantage" and b.need_index is None
        assert b.template.startswith("advantage/")
        assert classify(b.text, needs, _names(profile)).label != "benefit", b.text
        assert " you" not in f" {b.text.lower()}"
    assert match.kind == "advantage"


def test_no_two_statements_open_the_same_way(writer: Writer, flier: Flier, profile: Any,
                                             result: Any) -> None:
    texts = [b.text for b in writer.statements(flier, profile, result.matches)]
    openers = [t.split()[0] for t in texts]
    assert len(set(openers)) == len(openers), openers


def test_statements_carry_their_spans(writer: Writer, flier: Flier, profile: Any,
                                      result: Any) -> None:
    for b in writer.statements(flier, profile, result.matches):
        feature = flier.feature(b.feature_id)
        assert b.spans[0] == feature.source
        for span in b.spans[1:]:
            assert feature.source.start <= span.start < span.end <= feature.source.end


def test_role_sets_the_tone() -> None:
    assert tone_for("Deputy Chief Financial Officer") == "finance"
    assert tone_for("IT Manager") == "it"
    assert tone_for("Chief Information Officer") == "it"
    assert tone_for("Store Operations Lead") == "operations"
    assert tone_for(None) == "default"


def test_expired_offer_is_not_presented_as_open(flier: Flier, profile: Any) -> None:
    late = Writer(as_of=dt.date(2027, 7, 1))  # the fixture's launch pricing ends 30 June 2027
    deadline = FakeMatch("f8", 0, "deadline-rule", 0.9, template="benefit/deadline.j2")
    assert late.statements(flier, profile, [deadline]) == ()
    result = FakeResult((deadline,), unused_features=("f9",))
    md = render_document(late, talk_track(late, flier, profile, result), flier, profile, "md")
    open_part, _, ended_part = md.partition("## Offers that have ended")
    assert "30 June 2027" not in open_part
    assert "Launch pricing ends 30 June 2027" in ended_part
    doc = personalised_flier(late, flier, profile, result)
    assert [f.id for f in doc.ended] == ["f8"]
    assert "f8" not in {f.id for f, _ in doc.features}
    # before the date the same offer is open
    early = Writer(as_of=AS_OF)
    assert len(early.statements(flier, profile, [deadline])) == 1


def test_render_failure_names_template_and_line(tmp_path: Any, flier: Flier,
                                                profile: Any) -> None:
    from benefitkit.render import build_environment

    (tmp_path / "benefit").mkdir()
    (tmp_path / "benefit" / "usability.j2").write_text("{{ feature.text }}\n{{ feature.nope }}")
    writer = Writer(build_environment([tmp_path]), as_of=AS_OF)
    with pytest.raises(TemplateError) as err:
        writer.statements(flier, profile, [FakeMatch("f1", 0, "r", 0.9)])
    assert err.value.path == "benefit/usability.j2"
    assert err.value.row == 2
    assert err.value.code == "template-render"


def test_missing_template_is_a_template_error(tmp_path: Any, flier: Flier, profile: Any) -> None:
    writer = Writer(as_of=AS_OF)
    with pytest.raises(TemplateError):
        writer.render("benefit/nope.j2", {})


def test_json_talk_track_has_every_part(writer: Writer, flier: Flier, profile: Any,
                                        result: Any) -> None:
    import json

    track = talk_track(writer, flier, profile, result)
    data = json.loads(render_document(writer, track, flier, profile, "json"))
    assert data["account"] == "Brightwater Bakeries"
    assert [b["need"] for b in data["benefits"]] == [0, 0, 1, 2, 3]
    assert data["questions"][0]["need_index"] == 4
    assert len(data["objections"]) == 2
    assert data["vendor"]["topic"] == "Fabrikam Tills"


def test_a_template_reading_openers_is_rendered_once(tmp_path: Any, flier: Flier,
                                                     profile: Any, monkeypatch: Any) -> None:
    # Both templates open every phrasing with "Note": one that reads ``openers`` has made
    # its choice; one that does not gets the writer's retries, and keeps its first phrasing.
    folder = tmp_path / "benefit"
    folder.mkdir()
    (folder / "usability.j2").write_text("Note {{ variant }} {{ feature.text }}")
    (folder / "chooser.j2").write_text(
        "{% set _ = openers %}Note {{ variant }} {{ feature.text }}")
    # the variant number is printed to show the phrasing: not a fact, so no provenance check
    writer = Writer(build_environment([tmp_path]), as_of=AS_OF, provenance=False)
    calls = _count_renders(writer, monkeypatch)
    first = FakeMatch("f1", 0, "r1", 0.9, template="benefit/usability.j2")
    retried = FakeMatch("f1", 1, "r2", 0.9, template="benefit/usability.j2")
    chosen = FakeMatch("f1", 2, "r3", 0.9, template="benefit/chooser.j2")
    state = writer.start(flier, profile)
    a, b, c = (writer.statement(m, flier.feature("f1"), state) for m in (first, retried, chosen))
    assert calls == ["benefit/usability.j2"] * 4 + ["benefit/chooser.j2"]
    seed = int(a.text.split()[1])
    # the retried statement kept its first phrasing; the next starts after the ones tried
    assert int(b.text.split()[1]) == seed + 1
    assert int(c.text.split()[1]) == seed + 4


def test_a_template_extending_a_base_that_reads_openers_is_rendered_once(
        tmp_path: Any, flier: Flier, profile: Any, monkeypatch: Any) -> None:
    (tmp_path / "_lib").mkdir()
    (tmp_path / "_lib" / "base.j2").write_text(
        "{% set _ = openers %}Note {{ variant }} {{ feature.text }} {{ does }}")
    (tmp_path / "benefit").mkdir()
    (tmp_path / "benefit" / "usability.j2").write_text(
        '{%- extends "_lib/base.j2" -%}{%- set does = "and so on" -%}')
    writer = Writer(build_environment([tmp_path]), as_of=AS_OF, provenance=False)
    calls = _count_renders(writer, monkeypatch)
    state = writer.start(flier, profile)
    for i in range(2):  # the same opener twice: the template's choice stands
        match = FakeMatch("f1", i, f"r{i}", 0.9, template="benefit/usability.j2")
        assert writer.statement(match, flier.feature("f1"), state).text.endswith("and so on")
    assert calls == ["benefit/usability.j2"] * 2


@pytest.mark.parametrize("kind", ["benefit", "advantage"])
def test_statement_macros_write_what_the_shipped_bases_write(
        tmp_path: Any, flier: Flier, profile: Any, kind: str) -> None:
    # A template written against the macro library writes the same statements as one that
    # extends the shipped base with the same words.
    does = 'does="takes the effort out of getting started"'
    words = ('means={"default": "you can get on with it", "it": "your team can get on with it"}'
             if kind == "benefit" else 'gain="teams can get on with it"')
    args = "feature, need, profile" if kind == "benefit" else "feature, profile"
    sources = {
        "macro": ('{%- import "_lib/statement.j2" as s -%}'
                  f"{{{{- s.{kind}({args}, match, tone, variant, locale, openers=openers, "
                  f"{does}, {words}) -}}}}"),
        "extends": (f'{{%- extends "_lib/{kind}.j2" -%}}{{%- set {does.replace("=", " = ", 1)} -%}}'
                    f'{{%- set {words.replace("=", " = ", 1)} -%}}'),
    }
    texts = {}
    for style, source in sources.items():
        (tmp_path / style / kind).mkdir(parents=True)
        (tmp_path / style / kind / "usability.j2").write_text(source)
        writer = Writer(build_environment([tmp_path / style]), as_of=AS_OF)
        state = writer.start(flier, profile)
        match = FakeMatch("f1", 0 if kind == "benefit" else None, "r1", 0.9,
                          kind=kind, template=f"{kind}/usability.j2")
        texts[style] = [writer.statement(match, flier.feature("f1"), state).text
                        for _ in range(3)]
    assert texts["macro"] == texts["extends"]
    assert "get on with it" in texts["extends"][0]
    assert len(set(texts["extends"])) == 3  # three phrasings, none repeated


def test_shipped_templates_never_need_a_retry(writer: Writer, flier: Flier, profile: Any,
                                              result: Any, monkeypatch: Any) -> None:
    calls = _count_renders(writer, monkeypatch)
    statements = writer.statements(flier, profile, result.matches)
    assert len(calls) == len(statements) == len(result.matches)


def _count_renders(writer: Writer, monkeypatch: Any) -> list[str]:
    """The names of the templates ``writer`` renders from now on, in order."""
    calls: list[str] = []
    render = writer.render

    def counting(name: str, context: dict[str, Any], *, collapse: bool = True) -> str:
        calls.append(name)
        return render(name, context, collapse=collapse)

    monkeypatch.setattr(writer, "render", counting)
    return calls


def test_flier_gives_lines_only_to_features_that_answer_a_need(
        writer: Writer, flier: Flier, profile: Any, result: Any) -> None:
    doc = personalised_flier(writer, flier, profile, result)
    answered = {m.feature for m in result.matches if m.kind == "benefit"}
    strong = [m.feature for m in result.matches if m.kind == "advantage"]
    assert {f.id for f, _ in doc.features} == answered
    assert all(b is not None and b.kind == "benefit" for _, b in doc.features)
    # features only an advantage rule picked are kept short, ahead of the rest, in match order
    others = [f.id for f in doc.others]
    assert others[: len(strong)] == strong
    rest = others[len(strong):]
    assert rest == sorted(rest, key=[f.id for f in flier.features].index)


def test_moving_as_of_is_seen_by_the_next_statement(flier: Flier, profile: Any) -> None:
    deadline = FakeMatch("f8", 0, "deadline-rule", 0.9, template="benefit/deadline.j2")
    writer = Writer(as_of=AS_OF)
    assert len(writer.statements(flier, profile, [deadline])) == 1
    writer.as_of = dt.date(2027, 7, 1)  # the fixture's launch pricing ends 30 June 2027
    assert writer.statements(flier, profile, [deadline]) == ()
    assert "f8" not in writer.live(flier)


def test_a_broken_template_is_a_template_error_even_unchecked(tmp_path: Any, flier: Flier,
                                                              profile: Any) -> None:
    (tmp_path / "benefit").mkdir()
    (tmp_path / "benefit" / "usability.j2").write_text("{% if %}broken")
    writer = Writer(build_environment([tmp_path], check=False), as_of=AS_OF)
    match = FakeMatch("f1", 0, "r1", 0.9, template="benefit/usability.j2")
    with pytest.raises(TemplateError) as err:
        writer.statements(flier, profile, [match])
    assert err.value.path == "benefit/usability.j2"


def test_an_import_sees_the_globals_of_the_template_importing_it(tmp_path: Any) -> None:
    (tmp_path / "lib.j2").write_text("{% macro brand() %}{{ maker }}{% endmacro %}")
    (tmp_path / "page.j2").write_text('{% from "lib.j2" import brand %}Made by {{ brand() }}.')
    (tmp_path / "plain.j2").write_text('{% from "lib.j2" import brand %}[{{ brand() }}]')
    env = build_environment([tmp_path], check=False)
    page = env.get_template("page.j2", globals={"maker": "Zed"})  # globals of its own
    writer = Writer(env, as_of=AS_OF)
    assert writer.render("page.j2", {}) == page.render() == "Made by Zed."
    # a template without globals of its own imports the shared module: nothing leaks over
    with pytest.raises(jinja2.UndefinedError):
        env.get_template("plain.j2").render()
    with pytest.raises(TemplateError, match="'maker' is undefined"):
        writer.render("plain.j2", {})


def _with_need(profile: Any, text: str) -> Any:
    """The fixture profile with one more need, last."""
    data = profile.model_dump(mode="json", exclude_none=True)
    data["needs"] = [*data["needs"], {"text": text}]
    return type(profile).from_data(data, ref_date=AS_OF)


def test_a_fit_names_the_figure_that_was_checked(writer: Writer, flier: Flier,
                                                 profile: Any) -> None:
    buyer = _with_need(profile, "Each kiosk has to stay under $1,500.")
    limit = Value(ValueKind.MONEY, "$1,500", amount=Decimal(1500), currency="USD")
    checked = FakeMatch("f6", len(buyer.needs) - 1, "r", 0.9, template="benefit/price.j2",
                        constraint="fits", checks=(FakeCheck("budget", "fits", limit),))
    (b,) = writer.statements(flier, buyer, [checked])
    # the need's own figure, not the profile's $20,000
    assert "within your budget of $1,500" in b.text
    assert "$20,000" not in b.text


def test_a_fit_without_a_budget_or_date_check_claims_neither(writer: Writer, flier: Flier,
                                                             profile: Any) -> None:
    # "fits" from another check (an offer still open) says nothing of budget or timeline
    offer = (FakeCheck("offer", "fits"),)
    price = FakeMatch("f6", 3, "r", 0.9, template="benefit/price.j2", constraint="fits",
                      checks=offer)
    stock = FakeMatch("f7", 0, "r", 0.9, template="benefit/availability.j2",
                      constraint="fits", checks=offer)
    for b in writer.statements(flier, profile, [price, stock]):
        assert "budget of" not in b.text and "timeline" not in b.text, b.text


def test_a_deadline_of_the_need_is_met_without_a_date_no_source_gives(
        writer: Writer, flier: Flier, profile: Any) -> None:
    buyer = _with_need(profile, "The kiosks have to be in within 10 weeks.")
    checked = FakeMatch("f7", len(buyer.needs) - 1, "r", 0.9,
                        template="benefit/availability.j2", constraint="fits",
                        checks=(FakeCheck("deadline", "fits", dt.date(2027, 3, 26)),))
    (b,) = writer.statements(flier, buyer, [checked])
    assert "in time for when you need it" in b.text
    assert "2027" not in b.text and "timeline" not in b.text


@pytest.mark.parametrize("need", [
    "We need it delivered within 6 weeks.",
    "We need it up and running in 6 weeks.",
    "We need it delivered by Friday.",
    "Delivery has to happen before the end of Q3.",
    "We need delivery before March 3.",
    "We need the kiosks delivered by 20 February 2026.",
])
def test_a_matched_deadline_need_renders_in_every_phrasing(tmp_path: Any, need: str) -> None:
    from benefitkit import Engine

    engine = Engine(as_of=dt.date(2026, 1, 10))
    path = tmp_path / "kiosk.md"
    path.write_text("# Kiosk K1\n\n- Ships within 5 business days\n- Price: $1,299 per kiosk\n",
                    encoding="utf-8")
    flier = engine.parse(path)
    buyer = engine.profile({"account": "Brightwater", "needs": [need]})
    text = engine.talk_track(flier, buyer)  # a date in no source would raise here
    assert "Ships within 5 business days" in text
    assert "in time for when you need it" in text  # the check passed, and says so


@pytest.mark.parametrize(("need", "said"), [
    ("Keep each kiosk under $1,500.", "within your budget of $1,500"),
    ("We have fifteen hundred dollars for each kiosk.", "within your budget of $1,500"),
    ("Our budget is two thousand five hundred dollars per kiosk.",
     "within your budget of $2,500"),
])
def test_a_matched_budget_need_names_its_own_figure(tmp_path: Any, need: str, said: str) -> None:
    from benefitkit import Engine

    engine = Engine(as_of=dt.date(2026, 1, 10))
    path = tmp_path / "kiosk.md"
    path.write_text("# Kiosk K1\n\n- Price: $1,299 per kiosk\n", encoding="utf-8")
    buyer = engine.profile({"account": "Brightwater", "budget": {"amount": 20000, "currency": "USD"},
                            "needs": [need]})
    text = engine.talk_track(engine.parse(path), buyer)
    assert said in text
    assert "$20,000" not in text


def test_a_budget_in_slang_may_be_written_in_figures(tmp_path: Any) -> None:
    from benefitkit import Engine

    engine = Engine(as_of=dt.date(2026, 1, 10))
    path = tmp_path / "kiosk.md"
    path.write_text("# Kiosk K1\n\n- Price: £12,999 per kiosk\n", encoding="utf-8")
    for need in ("Budget is 15k quid per kiosk.", "Budget is 15k GBP per kiosk."):
        buyer = engine.profile({"account": "Brightwater", "needs": [need]})
        # the provenance check reads neither as money; the need's analysis does
        assert "within your budget of £15,000" in engine.talk_track(engine.parse(path), buyer)
