"""A feature that says the product lacks what a need asks for does not answer it."""

from __future__ import annotations

import datetime as dt

import pytest

from benefitkit.match.negation import denied_terms


@pytest.mark.parametrize(
    ("feature", "need", "shared", "denied"),
    [
        ("No on-site support: help is by email only", "We need on-site support when a terminal breaks",
         {"on-sit", "support"}, {"on-sit", "support"}),
        ("PCI DSS certification of the card reader is in progress and not yet complete",
         "Keep card payments PCI compliant", {"pci"}, {"pci"}),
        ("SSO with Okta is coming soon", "SSO with Okta", {"sso", "okta"}, {"sso", "okta"}),
        ("Phone support is not included on the Basic plan", "Must have phone support",
         {"phone", "support"}, {"phone", "support"}),
        *[(line, "We need on-site support when a terminal breaks", {"on-sit", "support"},
           {"on-sit", "support"})
          for line in ("On-site support (coming soon)", "Coming soon: on-site support",
                       "On-site support: not yet available", "On-site support - not included",
                       "We don't offer on-site support", "We do not provide on-site support")],
        # a "no" that answers: the need asks for an absence, or tells of a problem
        ("No hidden fees, ever", "No surprise fees at renewal", {"fee"}, set()),
        ("No long-term contract", "Avoid long-term contracts", {"contract"}, set()),
        ("Belt drive: no chain to oil or replace", "The old bikes' chains rust and snap",
         {"chain"}, set()),
        ("Unlocked phones will not work with CDMA carriers like Verizon", "does it work for verizon?",
         {"verizon"}, set()),
        # a negation of something else is often the benefit itself
        ("Never miss a delivery: live tracking texts customers their ETA",
         "We need delivery tracking so customers know when we arrive", {"deliveri", "track"}, set()),
        ("Zero downtime during data migration",
         "We must keep data migration downtime to a minimum", {"downtim", "migrat"}, set()),
        ("No long-term contract: pay month to month", "We need a month-to-month contract",
         {"contract"}, set()),
        # "pending", "in progress", "unavailable" in passing say nothing is missing
        ("Patent-pending ergonomic grip reduces wrist strain",
         "We need ergonomic tools that reduce wrist strain", {"ergonom", "wrist"}, set()),
        ("Keeps working offline when the network is unavailable",
         "Our technicians need to keep working offline in basements", {"work", "offlin"}, set()),
        ("See every job in progress on one live board", "We need to see every job on one board",
         {"job", "board"}, set()),
        # "not included" speaks of its own part of a table row
        ("On-site support - Basic: Not included; Pro: Included",
         "We need on-site support when a terminal breaks", {"on-sit", "support"}, set()),
        # a negation elsewhere in the feature leaves the shared word alone
        ("Works without tools, with Shopify and Square", "Must work with our Shopify",
         {"work", "shopify"}, set()),
        ("Setup in ten minutes with no tools", "We need a quick setup", {"setup"}, set()),
    ],
)
def test_denied_terms(feature: str, need: str, shared: set[str], denied: set[str]) -> None:
    assert denied_terms(feature, need, shared) == frozenset(denied)


def test_a_feature_that_says_no_is_never_written_as_the_answer() -> None:
    from benefitkit.engine import Engine

    engine = Engine(as_of=dt.date(2026, 11, 22))
    flier = engine.parse(
        b"# Till Pro\n\n- No on-site support: help is by email only\n"
        b"- PCI DSS certification of the card reader is in progress and not yet complete\n"
        b"- Works with Shopify inventory\n", name="till.md")
    profile = {"account": "Harbor Lane", "needs": [
        "We need on-site support when a terminal breaks", "Keep card payments PCI compliant",
        "Must work with our Shopify inventory"]}
    result = engine.match(flier, profile)
    answered = {(m.need, flier.feature(m.feature).text) for m in result.matches}
    assert answered == {(2, "Works with Shopify inventory")}
    assert set(result.unmatched_needs) == {0, 1}
    trace = engine.match(flier, profile, trace=True).trace
    assert any("feature-says-no" in line for line in trace)
