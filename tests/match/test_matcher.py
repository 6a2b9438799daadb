"""The matcher end to end on a flier and profiles written here."""

from __future__ import annotations

import datetime as dt

import pytest
from match_fixtures import (
    AS_OF,
    FLIER,
    Constraint,
    Need,
    Profile,
    date,
    feature,
    money,
    quantity,
    shop_profile,
)

from benefitkit.match import Match, Matcher, MatchResult, load_rules, parse_rules
from benefitkit.model import Flier
from benefitkit.vocab import Category, NeedCategory


@pytest.fixture(scope="module")
def matcher() -> Matcher:
    return Matcher()


def test_named_systems_and_standards_are_matched(matcher: Matcher) -> None:
    result = matcher.match(FLIER, shop_profile(), as_of=AS_OF)
    by_need = {m.need: m for m in result.benefits}
    assert by_need[0].feature == "f2"
    assert by_need[0].rule == "integration-compatibility"
    assert any("shopify" in r for r in by_need[0].reasons)
    assert by_need[1].feature == "f3"
    assert by_need[1].rule == "compliance-meets-requirement"


def test_price_within_the_stated_budget_is_a_fit(matcher: Matcher) -> None:
    result = matcher.match(FLIER, shop_profile(), as_of=AS_OF)
    (price,) = result.for_need(3)
    assert price.feature == "f4"
    assert price.constraint == "fits"
    assert any("within the budget" in r for r in price.reasons)


def test_unanswered_needs_and_unused_features(matcher: Matcher) -> None:
    result = matcher.match(FLIER, shop_profile(), as_of=AS_OF)
    assert result.unmatched_needs == (2,)
    used = {m.feature for m in result.matches}
    assert set(result.unused_features) == {f.id for f in FLIER.features} - used
    assert list(result.unused_features) == sorted(result.unused_features, key=lambda i: int(i[1:]))


def test_a_contradiction_is_a_conflict_never_a_match(matcher: Matcher) -> None:
    profile = Profile(needs=(Need("Each terminal has to cost under $500", (NeedCategory.FIT_BUDGET,),
                                  (Constraint("budget", money(500)),)),))
    result = matcher.match(FLIER, profile, as_of=AS_OF)
    assert result.for_need(0) == ()
    assert result.unmatched_needs == (0,)
    (clash,) = result.conflicts
    assert (clash.feature, clash.constraint) == ("f4", "exceeds")
    assert any("exceeds the budget" in r and "149" in r for r in clash.reasons)


def test_capacity_under_the_quantity_needed_is_a_conflict() -> None:
    flier = Flier("cloud.md", "Cloud sandbox", (
        feature("f1", "Memory is capped at 1 GB for all your apps", Category.SIZE, values=(quantity(1, "GB"),)),
        feature("f2", "Deploy apps from the command line", Category.USABILITY),
    ))
    profile = Profile(needs=(Need("The prototype needs about 4 GB of memory", (NeedCategory.FIT_SPEC,),
                                  (Constraint("size", quantity(4, "GB")),)),))
    result = Matcher().match(flier, profile, as_of=AS_OF)
    assert result.for_need(0) == ()
    assert [c.feature for c in result.conflicts] == ["f1"]


def test_an_expired_offer_is_a_conflict() -> None:
    flier = Flier("deal.md", "Deal", (
        feature("f1", "Save 20% on the annual price when you order by 31 December 2025", Category.DEADLINE,
                values=(date("2025-12-31"),)),
    ))
    profile = Profile(needs=(Need("We want to save on the annual price", (NeedCategory.CUT_COST,)),))
    result = Matcher().match(flier, profile, as_of=dt.date(2026, 2, 1))
    assert result.matches == ()
    assert result.conflicts and result.conflicts[0].constraint == "exceeds"
    assert any("ended" in r for r in result.conflicts[0].reasons)


def test_advantages_follow_the_profile(matcher: Matcher) -> None:
    result = matcher.match(FLIER, shop_profile(), as_of=AS_OF)
    advantages = {m.feature: m for m in result.advantages}
    assert advantages["f1"].rule == "advantage-easy-answers-training-objection"  # the training objection
    assert all(m.need is None for m in result.advantages)
    assert len(result.advantages) <= load_rules().scoring.max_advantages
    assert not {m.feature for m in result.benefits} & set(advantages)


def test_same_inputs_same_matches_in_the_same_order() -> None:
    first = Matcher().match(FLIER, shop_profile(), as_of=AS_OF, trace=True)
    again = Matcher().match(FLIER, shop_profile(), as_of=AS_OF, trace=True)
    same_matcher = Matcher()
    third = same_matcher.match(FLIER, shop_profile(), as_of=AS_OF, trace=True)
    fourth = same_matcher.match(FLIER, shop_profile(), as_of=AS_OF, trace=True)
    assert first == again == third == fourth
    assert first.to_json() == fourth.to_json()
    needs = [m.need for m in first.benefits]
    assert needs == sorted(needs)


def test_trace_lists_every_need_and_candidate(matcher: Matcher) -> None:
    result = matcher.match(FLIER, shop_profile(), as_of=AS_OF, trace=True)
    assert sum(1 for line in result.trace if line.startswith("need ")) == 4
    assert any("f2 [integration]" in line for line in result.trace)
    assert matcher.match(FLIER, shop_profile(), as_of=AS_OF).trace == ()


def test_json_shape(matcher: Matcher) -> None:
    result = matcher.match(FLIER, shop_profile(), as_of=AS_OF)
    out = result.to_json(lambda m: f"statement for {m.feature}")
    assert set(out) == {"matches", "unmatched_needs", "unused_features"}
    for item in out["matches"]:
        assert set(item) == {"feature", "need", "rule", "score", "reasons", "statement"}
        assert isinstance(item["score"], float)
    assert set(result.to_json()["matches"][0]) == {"feature", "need", "rule", "score", "reasons"}


def test_profile_conditions_and_custom_fields() -> None:
    rules = parse_rules("""
rules:
  - id: vip-integration
    when:
      feature: {category: integration}
      profile: {custom.tier: gold, employees: {ge: 50}}
      pair: {shared_terms: {ge: 1}}
    score: 0.9
""")
    need = Need("Must work with our Shopify inventory", (NeedCategory.COMPATIBILITY,))
    gold = Profile(needs=(need,), employees=80, custom={"tier": "Gold"})
    small = Profile(needs=(need,), employees=10, custom={"tier": "gold"})
    assert [m.rule for m in Matcher(rules).match(FLIER, gold, as_of=AS_OF).matches] == ["vip-integration"]
    assert Matcher(rules).match(FLIER, small, as_of=AS_OF).matches == ()


def test_works_with_the_real_profile_model() -> None:
    from benefitkit.profile import Profile as RealProfile

    profile = RealProfile.from_data({
        "account": "Harbor Lane Grocers",
        "budget": {"amount": 12000, "currency": "USD"},
        "needs": ["Must work with our Shopify inventory", "Keep card payments PCI compliant"],
    })
    result = Matcher().match(FLIER, profile, as_of=AS_OF)
    assert {(m.need, m.feature) for m in result.benefits} >= {(0, "f2"), (1, "f3")}
    assert isinstance(result, MatchResult) and all(isinstance(m, Match) for m in result.matches)


def test_accounts_stating_the_same_need_get_the_same_answers_as_alone() -> None:
    # One matcher over many accounts keeps each need's answers; an answer must never
    # leak to an account whose budget, profile conditions or date make it differ.
    rules = parse_rules("""
rules:
  - id: vip-integration
    when:
      feature: {category: integration}
      profile: {custom.tier: gold}
      pair: {shared_terms: {ge: 1}}
    score: 0.9
""")
    shopify = Need("Must work with our Shopify inventory", (NeedCategory.COMPATIBILITY,))
    budget = Need("Keep within our budget", (NeedCategory.FIT_BUDGET,))
    accounts = [
        Profile(needs=(shopify, budget), account="Gold", custom={"tier": "gold"}, budget=money(500)),
        Profile(needs=(shopify, budget), account="Plain", budget=money(900)),
        Profile(needs=(budget, shopify), account="Swapped", custom={"tier": "gold"}),
        Profile(needs=(shopify, budget), account="Gold again", custom={"tier": "gold"},
                budget=money(500)),
    ]
    for rule_set in (rules, load_rules()):
        shared = Matcher(rule_set)
        for as_of in (AS_OF, dt.date(2031, 1, 1)):
            for account in accounts:
                alone = Matcher(rule_set).match(FLIER, account, as_of=as_of)
                assert shared.match(FLIER, account, as_of=as_of) == alone, account.account
    gold, plain = (Matcher(rules).match(FLIER, a, as_of=AS_OF) for a in accounts[:2])
    assert [m.rule for m in gold.for_need(0)] == ["vip-integration"]
    assert plain.for_need(0) == ()


def test_a_need_naming_one_system_the_flier_mentions_is_answered_on_it(matcher: Matcher) -> None:
    # "Lightspeed" is never mentioned, "PCI" is: the need is answered on PCI
    both = Need("Card data from our Lightspeed tills must stay PCI compliant", (NeedCategory.COMPLIANCE,))
    result = matcher.match(FLIER, Profile(needs=(both,)), as_of=AS_OF)
    assert [m.feature for m in result.for_need(0)] == ["f3"]


def test_names_the_flier_never_mentions_weaken_the_evidence_only_when_none_is_met(
    matcher: Matcher,
) -> None:
    other = Need("Must work with our Lightspeed and Vend inventory", (NeedCategory.COMPATIBILITY,))
    both = Need("Card data from our Lightspeed tills must stay PCI compliant", (NeedCategory.COMPLIANCE,))
    traced = matcher.match(FLIER, Profile(needs=(other, both)), as_of=AS_OF, trace=True).trace
    penalties = [line for line in traced if "named but never mentioned" in line]
    assert penalties == ["  named but never mentioned: ['lightspeed', 'vend'] (evidence x 0.5)"]



def test_a_capitalised_common_word_does_not_stand_for_a_system_met(matcher: Matcher) -> None:
    # "Managers" is written with a capital, but it names no system: Geotab stays a gap
    geotab = Need("Fleet Managers want the Shopify alerts in Geotab", (NeedCategory.COMPATIBILITY,))
    managers = Need("Fleet Managers want alerts in Geotab", (NeedCategory.COMPATIBILITY,))
    flier = Flier(source="fleet.md", title="Fleet", features=(
        feature("f1", "Alerts for fleet managers by email", Category.CAPABILITY),
        feature("f2", "Shopify order alerts", Category.INTEGRATION),
    ))
    traced = matcher.match(flier, Profile(needs=(managers, geotab)), as_of=AS_OF, trace=True).trace
    assert [line for line in traced if "never mentioned" in line] == [
        "  named but never mentioned: ['geotab'] (evidence x 0.5)",
        "  named but never mentioned: ['geotab'] (evidence x 0.5)",
    ]


def test_the_system_a_buyer_is_leaving_is_no_gap(matcher: Matcher) -> None:
    # the flier need not name the system being replaced; one the buyer must work with it must
    leaving = Need("We've been on Kronos since 2015 and our shift history has to come along when we switch",
                   (NeedCategory.REDUCE_RISK,))
    staying = Need("Shift history has to sync with Kronos", (NeedCategory.COMPATIBILITY,))
    flier = Flier(source="wfm.md", title="Rota", features=(
        feature("f1", "Imports five years of shift history on day one", Category.SUPPORT),
    ))
    traced = matcher.match(flier, Profile(needs=(leaving, staying)), as_of=AS_OF, trace=True).trace
    assert [line for line in traced if "never mentioned" in line] == [
        "  named but never mentioned: ['krono'] (evidence x 0.5)",
    ]


def test_a_name_the_feature_says_in_full_is_met(matcher: Matcher) -> None:
    # "BMS" is a word of a synonym group whose other words the feature uses
    need = Need("Facilities want door alarms on the BMS screen", (NeedCategory.COMPATIBILITY,))
    flier = Flier(source="door.md", title="Door", features=(
        feature("f1", "BACnet output to your building management system", Category.INTEGRATION),
        feature("f2", "Door alarms sound after 60 seconds open", Category.CAPABILITY),
    ))
    result = matcher.match(flier, Profile(needs=(need,)), as_of=AS_OF)
    assert "f1" in [m.feature for m in result.for_need(0)]


def test_a_system_the_buyer_stays_on_is_still_a_gap(matcher: Matcher) -> None:
    staying = Need("We've been on Kronos for years and the rota has to sync with Kronos",
                   (NeedCategory.COMPATIBILITY,))
    flier = Flier(source="wfm.md", title="Rota", features=(
        feature("f1", "Rota syncs with payroll every night", Category.INTEGRATION),
    ))
    traced = matcher.match(flier, Profile(needs=(staying,)), as_of=AS_OF, trace=True).trace
    assert "  named but never mentioned: ['krono'] (evidence x 0.5)" in traced
