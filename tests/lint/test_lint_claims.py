"""The claim check: one table per claim type, supported and unsupported, and what is not a
claim at all (meeting logistics, the buyer's own numbers, sign-offs)."""

from __future__ import annotations

from pathlib import Path

import pytest

from benefitkit.api import parse_flier
from benefitkit.lint import Comparison, check_claims
from benefitkit.lint.claims import NO_SOURCE
from benefitkit.model import Flier

FLIER = """# Fernleaf Scheduling

The easiest way to fill a clinic schedule.

- Plans start at $12 per provider per month, billed annually.
- Business plan: $18 per provider per month.
- Two-way sync with Epic and Cerner.
- HIPAA compliant, with a signed business associate agreement.
- SOC 2 Type II audited every year.
- 99.9% uptime commitment on the Business plan.
- Setup takes about three days per location.
- Most clinics go live in weeks, not months.
- Reminders go out 24 hours before each visit.
- Unlimited SMS reminders on the Business plan.
- Weekly usage reports for every location.
- 30-day money-back guarantee.
- Order by June 30, 2027 and save 20% on the first year.
- Chat support on weekdays, 8am to 6pm Eastern.
- Phone support is not available on the Starter plan.
- Patients must confirm their mobile number before reminders start.
- Patient identity checks meet NIST IAL1.
- Not compatible with Windows 7 front-desk PCs.
"""


@pytest.fixture(scope="module")
def flier() -> Flier:
    return parse_flier(FLIER.encode(), name="fernleaf.md", format="markdown")


def _unsupported(text: str, flier: Flier, **kw: object) -> list[tuple[str, str]]:
    report = check_claims(text, flier, **kw)  # type: ignore[arg-type]
    for c in report.claims:
        assert text[c.start:c.end] == c.text
    return [(c.kind, c.text) for c in report.unsupported]


SUPPORTED = [
    ("number", "Setup takes about three days per location."),
    ("number", "Reminders go out 24 hours before each visit."),
    ("number", "Most clinics go live in weeks, not months."),
    ("number", "Every location gets weekly usage reports."),
    ("number", "The Business plan comes with unlimited SMS reminders."),
    ("price", "The Business plan is $18 per provider per month."),
    ("price", "Plans start at $12 per provider per month."),
    ("discount", "Order by June 30, 2027 and save 20% on the first year."),
    ("date", "The first-year saving runs to June 30, 2027."),
    ("deadline", "Order by June 30, 2027 to get the first-year saving."),
    ("guarantee", "Every plan has a 30-day money-back guarantee."),
    ("certification", "Fernleaf is HIPAA compliant and SOC 2 Type II audited."),
    ("integration", "Fernleaf syncs with Epic and Cerner."),
    ("superlative", "Fernleaf is the easiest way to fill your clinic schedule."),
    ("negation", "Phone support is not available on the Starter plan."),
    ("number", "The Business plan has a 99.9% uptime commitment."),
    ("certification", "Identity checks meet NIST IAL1."),
]

UNSUPPORTED = [
    ("number", "Setup takes about five days per location.", "five days"),
    ("number", "Reminders go out 48 hours before each visit.", "48 hours"),
    ("number", "Most clinics go live in days.", "in days"),
    ("number", "Chat support runs 24/7.", "24/7"),
    ("number", "Every location gets monthly usage reports.", "monthly"),
    ("price", "The Business plan is $16 per provider per month.", "$16 per provider per month"),
    ("price", "You also get unlimited phone support.", "unlimited"),
    ("discount", "We can take 15% off your first invoice.", "15%"),
    ("discount", "We'll waive the setup fee for your clinics.", "waive"),
    ("date", "Pricing is effective from March 3, 2027.", "March 3, 2027"),
    ("deadline", "Order by May 15, 2027 to lock in the saving.", "May 15, 2027"),
    ("deadline", "This offer expires on Friday.", "expires"),
    ("deadline", "This pricing holds until 2028.", "2028"),
    ("guarantee", "Rates are locked through 2028.", "locked through"),
    ("guarantee", "We guarantee setup in one day.", "guarantee"),
    ("guarantee", "Every scanner includes a two-year warranty.", "warranty"),
    ("guarantee", "The Starter plan comes with a 99.9% uptime SLA.", "SLA"),
    ("certification", "Fernleaf is HITRUST certified.", "HITRUST"),
    ("certification", "Fernleaf is SOC 2 Type I audited.", "SOC 2 Type I"),
    ("certification", "Fernleaf holds ISO 27001 certification.", "ISO 27001"),
    ("certification", "Identity checks meet NIST IAL2.", "IAL2"),
    ("integration", "Fernleaf integrates with Salesforce Health Cloud.", "Salesforce Health Cloud"),
    ("integration", "It also works with Kareo and Greenway out of the box.", "Kareo"),
    ("superlative", "Fernleaf is the fastest booking tool on the market.", "fastest"),
    ("superlative", "We are the most trusted scheduling vendor in the state.", "the most trusted"),
    ("superlative", "Fernleaf is the industry-leading reminder service.", "industry-leading"),
    ("contradiction", "Phone support is included on the Starter plan.",
     "Phone support is included on the Starter plan."),
    ("contradiction", "Patients can skip confirming their mobile number.",
     "Patients can skip confirming their mobile number."),
    ("contradiction", "It runs fine on your Windows 7 front-desk PCs.",
     "It runs fine on your Windows 7 front-desk PCs."),
    ("number", "I can visit on Tuesday; setup takes about 15 minutes.", "15 minutes"),
]


@pytest.mark.parametrize(("kind", "text"), SUPPORTED)
def test_supported_claims_pass(kind: str, text: str, flier: Flier) -> None:
    assert _unsupported(text, flier) == []


@pytest.mark.parametrize(("kind", "text", "span"), UNSUPPORTED)
def test_unsupported_claims_are_flagged(kind: str, text: str, span: str, flier: Flier) -> None:
    found = _unsupported(text, flier)
    assert any(span in claim or claim in span for _, claim in found), found
    assert kind in {k for k, _ in found}, found


NOT_CLAIMS = [
    "Thanks for the call on Wednesday.",
    "Would a 20-minute demo next week work?",
    "For the 40 hours you estimated, the Business plan is the one to look at.",
    "I can send two case studies tomorrow.",
    "Two things to plan for before launch.",
    "Best,\nMorgan",
    "Let me know what questions come up.",
]


@pytest.mark.parametrize("text", NOT_CLAIMS)
def test_what_is_not_a_claim_is_not_flagged(text: str, flier: Flier) -> None:
    assert _unsupported(text, flier) == []


def test_a_denial_about_one_thing_does_not_deny_its_neighbours(flier: Flier) -> None:
    # the flier denies phone support on the Starter plan, not everything on it
    assert _unsupported("The Starter plan includes chat support on weekdays.", flier) == []


def test_a_price_without_its_period_is_not_the_flier_price(flier: Flier) -> None:
    report = check_claims("The Business plan is $18 per provider.", flier)
    (claim,) = report.unsupported
    assert claim.kind == "price"
    assert "other terms" in claim.reason
    assert claim.source == "Business plan: $18 per provider per month."


def test_an_unsupported_claim_names_the_closest_fact_or_no_source(flier: Flier) -> None:
    report = check_claims("Setup takes about five days per location. We integrate with "
                          "Zorblax.", flier)
    setup, zorblax = report.unsupported
    assert setup.source == "Setup takes about three days per location."
    assert setup.origin == "flier" and setup.ref is not None
    assert zorblax.source == NO_SOURCE and zorblax.origin is None


def test_an_offer_deadline_is_a_term_of_the_offer(flier: Flier) -> None:
    text = "If you sign before the end of the month, we can take 15% off."
    (claim,) = check_claims(text, flier).unsupported
    assert claim.kind == "discount"
    assert claim.text.startswith("sign before the end of the month")


def test_report_json(flier: Flier) -> None:
    report = check_claims("Setup takes about three days. We are HITRUST certified.", flier)
    data = report.to_json()
    assert data["ok"] is False and data["unsupported"] == 1
    assert {c["kind"] for c in data["claims"]} == {"number", "certification"}
    assert not report.ok


def test_check_claims_reads_a_flier_path(tmp_path: Path) -> None:
    path = tmp_path / "fernleaf.md"
    path.write_text(FLIER, encoding="utf-8")
    assert check_claims("Setup takes about three days per location.", path).ok


# ----- comparison facts

SLOTWISE = Comparison.model_validate({
    "vendor": "Slotwise",
    "facts": [
        {"claim": "Slotwise charges $4 per reminder text.",
         "source": "https://slotwise.example/pricing"},
        {"claim": "Slotwise has no Epic integration; Fernleaf syncs with Epic.",
         "source": "Slotwise integrations page, May 2026"},
    ],
})


def test_comparison_facts_are_sources(flier: Flier) -> None:
    text = "Unlike Slotwise, which charges $4 per reminder text, Fernleaf includes SMS."
    assert [k for k, _ in _unsupported(text, flier)] == ["price"]
    report = check_claims(text, flier, comparison=SLOTWISE)
    assert report.ok
    (price,) = [c for c in report.claims if c.kind == "price"]
    assert price.origin == "comparison"
    assert price.ref == "https://slotwise.example/pricing"


def test_comparison_facts_alone(flier: Flier) -> None:
    report = check_claims("Slotwise charges $5 per reminder text.", None, comparison=SLOTWISE)
    (claim,) = report.unsupported
    assert claim.text == "$5 per reminder text" or "$5" in claim.text
    assert claim.source == "Slotwise charges $4 per reminder text."


def test_a_broken_cue_pattern_names_the_file_and_group() -> None:
    from benefitkit.errors import BenefitkitError
    from benefitkit.lint import _cues, _lexicon

    with pytest.raises(BenefitkitError) as info:
        _lexicon._words(["(unclosed"], "discount")
    assert (info.value.code, info.value.field) == ("bad-lint-data", "discount")
    assert info.value.path is not None and info.value.path.endswith("claims.yml")
    with pytest.raises(BenefitkitError) as info:
        _cues._group({"gain": ["(unclosed"]}, "gain")
    assert (info.value.code, info.value.field) == ("bad-lint-data", "gain")
