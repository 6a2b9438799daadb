"""Rule files: loading, errors with file and line, merging by id, hit policies."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest
from match_fixtures import AS_OF, FLIER, Need, Profile

from benefitkit.errors import RuleError
from benefitkit.match import Matcher, load_rules, parse_rules
from benefitkit.vocab import Category, NeedCategory


def write(tmp_path: Path, text: str, name: str = "rules.yml") -> Path:
    path = tmp_path / name
    path.write_text(textwrap.dedent(text).lstrip(), encoding="utf-8")
    return path


GOOD = """
version: 1
hit_policy: priority
rules:
  - id: api-for-integrators
    description: An API answers a buyer who integrates.
    when:
      feature: {category: integration, text: {contains: api}}
      need: {category: [compatibility, save_time], priority: {ge: 3}}
      profile: {role: {matches: "developer|engineer"}, custom.region: {exists: true}}
      pair: {shared_terms: {ge: 1}}
    score: 0.8
    priority: 2
    template: benefit/integration.j2
"""


def test_a_good_file_compiles_with_lines_and_index_keys(tmp_path: Path) -> None:
    rules = load_rules(write(tmp_path, GOOD), defaults=False)
    assert rules.hit_policy == "priority"
    (rule,) = rules.rules
    assert rule.id == "api-for-integrators"
    assert rule.line == 4
    assert rule.where.endswith("rules.yml:4")
    assert rule.feature_categories == frozenset({"integration"})
    assert rule.need_categories == frozenset({"compatibility", "save_time"})
    assert rule.template == "benefit/integration.j2"


BROKEN = [
    # (file text, code, line, words in the message)
    ("rules:\n  - id: a\n    score: [0.5\n", "rule-bad-yaml", 4, "not valid YAML"),
    ("rules:\n  - id: a\n    scor: 0.5\n", "rule-unknown-field", 3, "did you mean 'score'?"),
    ("rules:\n  - id: a\n    score: high\n", "rule-wrong-type", 3, "valid number"),
    ("rules:\n  - id: a\n    score: 3\n", "rule-wrong-type", 3, "less than or equal to 1"),
    ("rules:\n  - id: a\n    when:\n      featur: {category: price}\n", "rule-unknown-field", 4, "did you mean 'feature'?"),
    ("rules:\n  - id: a\n    when:\n      feature:\n        category: pirce\n", "rule-unknown-name", 5,
     "did you mean 'price'?"),
    ("rules:\n  - id: a\n    when:\n      need:\n        category: save_tim\n", "rule-unknown-name", 5,
     "did you mean 'save_time'?"),
    ("rules:\n  - id: a\n    when:\n      feature:\n        labl: {exists: true}\n", "rule-unknown-field", 5,
     "did you mean 'label'?"),
    ("rules:\n  - id: a\n    when:\n      feature:\n        text:\n          matches: '(oops'\n", "rule-bad-regex", 6,
     "bad regular expression"),
    ("rules:\n  - id: a\n    when:\n      need:\n        priority: {gte: 3}\n", "rule-unknown-operator", 5,
     "did you mean 'ge'?"),
    ("rules:\n  - id: a\n    when:\n      need:\n        priority: {ge: high}\n", "rule-wrong-type", 5, "takes a number"),
    ("hit_policy: firts\nrules: []\n", "rule-unknown-name", 1, "did you mean 'first'?"),
    ("rules:\n  - id: a\n  - id: a\n", "rule-duplicate-id", 3, "used twice"),
    ("rules:\n  - id: Bad Id\n", "rule-wrong-type", 2, "pattern"),
    ("rules:\n  - id: a\n    kind: advantage\n    when:\n      need: {category: support}\n", "rule-wrong-type", 5,
     "advantage"),
    ("- just a list\n", "rule-wrong-type", 1, "mapping"),
    ("rules:\n  - id: a\n    id: b\n", "rule-duplicate-key", 3, "duplicate key"),
]


@pytest.mark.parametrize(("text", "code", "line", "words"), BROKEN)
def test_broken_rule_files_name_file_and_line(tmp_path: Path, text: str, code: str, line: int, words: str) -> None:
    path = write(tmp_path, text)
    with pytest.raises(RuleError) as info:
        load_rules(path, defaults=False)
    err = info.value
    assert (err.code, err.row) == (code, line), str(err)
    assert err.path == str(path)
    assert words in str(err)
    assert isinstance(err, ValueError)


def test_an_unreadable_file_is_a_rule_error(tmp_path: Path) -> None:
    with pytest.raises(RuleError) as info:
        load_rules(tmp_path / "missing.yml")
    assert info.value.code == "rule-unreadable"


def test_default_pack_loads_and_covers_every_feature_category() -> None:
    rules = load_rules()
    benefit = [r for r in rules.rules if r.kind == "benefit" and r.score > 0]
    covered = set().union(*(r.feature_categories or set() for r in benefit))
    assert covered == {c.value for c in Category}
    need_covered = set().union(*(r.need_categories or set() for r in benefit))
    assert need_covered == {c.value for c in NeedCategory}
    assert len({r.id for r in rules.rules}) == len(rules.rules)
    assert all(r.template for r in benefit)


def test_user_files_merge_over_defaults_by_id(tmp_path: Path) -> None:
    defaults = load_rules()
    default_ids = [r.id for r in defaults.rules]
    before = default_ids[default_ids.index("integration-compatibility") - 1]
    path = write(tmp_path, """
        hit_policy: first
        scoring: {ratio: 0.5}
        rules:
          - id: integration-compatibility
            when: {feature: {category: integration}, need: {category: compatibility}}
            score: 0.2
          - id: price-fits-budget
            enabled: false
          - id: my-new-rule
            when: {feature: {category: capability}}
            score: 0.1
    """)
    merged = load_rules(path)
    ids = [r.id for r in merged.rules]
    assert ids[ids.index("integration-compatibility") - 1] == before  # replaced in place
    assert merged.rule("integration-compatibility").score == 0.2
    assert "price-fits-budget" not in ids
    assert ids[-1] == "my-new-rule"
    assert merged.hit_policy == "first"
    assert merged.scoring.ratio == 0.5
    assert merged.scoring.min_score == defaults.scoring.min_score
    assert [r.order for r in merged.rules] == list(range(len(ids)))


def test_unknown_rule_id_lookup_suggests() -> None:
    with pytest.raises(KeyError, match="did you mean 'price-fits-budget'"):
        load_rules().rule("price-fit-budget")


POLICY_RULES = """
hit_policy: {policy}
aggregate: {aggregate}
rules:
  - id: weak
    when: {{feature: {{category: integration}}}}
    score: 0.3
    priority: 5
  - id: strong
    when: {{feature: {{category: integration}}, need: {{category: compatibility}}}}
    score: 0.9
  - id: penalty
    when: {{feature: {{text: {{contains: square}}}}}}
    score: -0.2
  - id: terms
    when: {{pair: {{evidence: {{ge: 0.1}}}}}}
    score: 0.1
"""


def _match(policy: str, aggregate: str = "max") -> tuple[str, float, tuple[str, ...]]:
    rules = parse_rules(POLICY_RULES.format(policy=policy, aggregate=aggregate), "policy.yml")
    profile = Profile(needs=(Need("Must work with our Shopify inventory", (NeedCategory.COMPATIBILITY,)),))
    result = Matcher(rules).match(FLIER, profile, as_of=AS_OF)
    (m,) = [m for m in result.matches if m.feature == "f2"]
    return m.rule, m.score, m.rules


def test_hit_policy_first_takes_the_first_rule_in_file_order() -> None:
    rule, _, fired = _match("first")
    assert rule == "weak"
    assert fired == ("weak",)


def test_hit_policy_priority_takes_the_highest_priority() -> None:
    rule, _, fired = _match("priority")
    assert rule == "weak"
    assert set(fired) == {"weak", "strong", "penalty", "terms"}


def test_hit_policy_collect_keeps_every_rule_and_applies_penalties() -> None:
    rule, score_max, fired = _match("collect", "max")
    assert rule == "strong"
    assert set(fired) == {"weak", "strong", "penalty", "terms"}
    _, score_sum, _ = _match("collect", "sum")
    assert score_sum > score_max  # sum adds the weaker positives


def test_rules_are_indexed_by_category() -> None:
    matcher = Matcher(parse_rules(POLICY_RULES.format(policy="collect", aggregate="max")))
    found = matcher._rules_for(frozenset({"price"}), frozenset({"compatibility"}))
    assert [r.id for r in found] == ["penalty", "terms"]  # neither integration rule is met
