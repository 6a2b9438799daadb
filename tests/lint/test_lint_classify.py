"""The benefit linter: class tables per label, reasons, bridges, sentence splitting."""

from __future__ import annotations

import pytest

from benefitkit.lint import Buyer, classify_sentence, lint_text
from benefitkit.lint._text import split_sentences, stem, words

CLINIC = Buyer(
    needs=(
        "Cut patient no-shows at our 9 clinics",
        "Must work with our Epic EHR",
        "Front-desk staff need to learn it in one afternoon",
        "Keep the rollout under $60,000",
        "Live before the flu season starts in October",
    ),
    names=("Oriel Health Partners", "Ines Varga", "Ines", "Varga"),
)
WAREHOUSE = Buyer(
    needs=(
        "Print 3,000 shipping labels per shift without jams",
        "Must connect to our SAP warehouse system",
        "Our night crew changes rolls themselves with no technician",
        "Replace the two old printers before peak season in November",
    ),
    names=("Northgate Logistics", "Priscilla Odum", "Priscilla", "Odum"),
)
NOBODY = Buyer()

FEATURES = [
    (NOBODY, "Fernleaf sends SMS and email reminders 24 hours before each visit."),
    (NOBODY, "Plans start at $12 per provider per month."),
    (NOBODY, "Two-way sync with Epic and Cerner through HL7 FHIR."),
    (NOBODY, "Includes a HIPAA business associate agreement."),
    (NOBODY, "Setup takes about three days for a single location."),
    (NOBODY, "Available in English, Spanish and Portuguese."),
    (NOBODY, "The mobile app runs on iOS and Android."),
    (NOBODY, "Reports can be exported as CSV or PDF."),
    (NOBODY, "Each roll holds 1,200 labels."),
    (NOBODY, "A two-year warranty covers the print head."),
    # dressed in "you" but still only facts
    (NOBODY, "You get 500 free text messages each month with every plan."),
    (NOBODY, "Your clinics can choose from 14 reminder templates."),
    (NOBODY, "Did you know the admin console shows every booking in one calendar?"),
    (NOBODY, "With Fernleaf, your staff can pick colours for each appointment type."),
    # near a stated need, but generic copy that never ties to it
    (CLINIC, "Fernleaf works with Epic, Cerner and athenahealth."),
    (CLINIC, "Ines, the Business plan is $18 per provider and includes priority chat."),
    (CLINIC, "Your staff can sign in with their existing email address."),
    (WAREHOUSE, "The printer connects to SAP through a certified driver."),
    (WAREHOUSE, "Priscilla, the LP-400 lists at $2,450 and ships in five business days."),
]

ADVANTAGES = [
    (NOBODY, "Automatic reminders mean fewer empty appointment slots."),
    (NOBODY, "Because booking runs online, front-desk teams spend less time on the phone."),
    (NOBODY, "Practices can launch in days rather than months."),
    (NOBODY, "The drag-and-drop calendar makes rescheduling easy."),
    (NOBODY, "Built-in HIPAA safeguards help clinics avoid costly compliance mistakes."),
    (NOBODY, "Fernleaf takes appointment juggling off your plate."),
    (NOBODY, "Waitlist filling keeps your schedule full even when patients cancel late."),
    (NOBODY, "Staff get their evenings back because reminders go out automatically."),
    (NOBODY, "No more chasing patients by phone."),
    (NOBODY, "Encryption at rest protects patient records if a laptop is lost."),
    (NOBODY, "Tool-free roll loading means anyone on the floor can change a roll."),
    (NOBODY, "Remote monitoring lets supervisors spot a low ribbon before it stops the line."),
    (NOBODY, "Faster printing shortens the line at the packing station."),
    # an offer to whoever needs it
    (NOBODY, "Clinics that need multilingual reminders should choose the Business plan."),
    # a gain, even in the second person, is an advantage when no need is stated
    (NOBODY, "Your patients can rebook in two taps, so fewer visits fall through the cracks."),
    # near a stated need, but written for anyone
    (CLINIC, "Reminders reduce no-shows for any practice."),
    (CLINIC, "Our Epic connector helps teams keep records in sync."),
    (CLINIC, "Ines, most of our customers are live within a week, so the whole team can start."),
    (WAREHOUSE, "Teams on night shifts can swap rolls in seconds without calling maintenance."),
]

BENEFITS = [
    (CLINIC, "Ines, you said no-shows are hurting your 9 clinics; automatic SMS reminders cut "
             "them without extra front-desk work.", 0),
    (CLINIC, "Because Fernleaf syncs with Epic, your EHR stays the single record, so nobody "
             "types a booking twice.", 1),
    (CLINIC, "Oriel Health Partners can be live well before the flu season starts.", 4),
    (CLINIC, "At $14 per provider, the rollout for your 9 clinics stays well under the $60,000 "
             "you budgeted.", 3),
    (CLINIC, "Your front-desk staff can learn the booking screen in one afternoon, so training "
             "won't slow the launch.", 2),
    (CLINIC, "Would an October go-live work for your flu-season push if setup takes three "
             "days?", 4),
    (CLINIC, "Since your clinics run on Epic, the two-way sync means no double entry at "
             "check-in.", 1),
    (CLINIC, "Your front desk learns Fernleaf in one afternoon, which is the limit you set.", 2),
    (WAREHOUSE, "Priscilla, you said jams are costing your night crew; the sealed paper path "
                "keeps 3,000 labels a shift flowing.", 0),
    (WAREHOUSE, "Northgate Logistics can have both new printers running well before the "
                "November peak.", 3),
    (WAREHOUSE, "Your night crew can change rolls without a technician, so nobody waits for a "
                "callout.", 2),
    (WAREHOUSE, "Would 3,000 labels a shift without jams be realistic for your Monday peak?", 0),
]


@pytest.mark.parametrize(("buyer", "text"), FEATURES)
def test_features(buyer: Buyer, text: str) -> None:
    verdict = classify_sentence(text, buyer)
    assert verdict.label == "feature", verdict.reason
    assert verdict.need is None


@pytest.mark.parametrize(("buyer", "text"), ADVANTAGES)
def test_advantages(buyer: Buyer, text: str) -> None:
    verdict = classify_sentence(text, buyer)
    assert verdict.label == "advantage", verdict.reason


@pytest.mark.parametrize(("buyer", "text", "need"), BENEFITS)
def test_benefits(buyer: Buyer, text: str, need: int) -> None:
    verdict = classify_sentence(text, buyer)
    assert verdict.label == "benefit", verdict.reason
    assert verdict.need == need
    assert f"need {need}" in verdict.reason


@pytest.mark.parametrize(("buyer", "text", "need"), BENEFITS)
def test_without_a_profile_nothing_is_a_benefit(buyer: Buyer, text: str, need: int) -> None:
    assert classify_sentence(text, NOBODY).label != "benefit"


def test_quoting_the_need_ties_to_it() -> None:
    text = 'You told us "Must work with our Epic EHR". The sync is two-way.'
    verdict = classify_sentence(text, CLINIC)
    assert (verdict.label, verdict.need) == ("benefit", 1)


def test_an_invented_need_does_not_make_a_benefit() -> None:
    text = "Ines, since you said parking is the big worry, our map shows every entrance."
    assert classify_sentence(text, CLINIC).label != "benefit"


# ----- bridges


def test_a_dressed_feature_gets_the_missing_bridge() -> None:
    verdict = classify_sentence("You get 500 free text messages each month.", NOBODY)
    assert verdict.label == "feature"
    assert verdict.suggestion is not None and "which means" in verdict.suggestion
    assert "addressed to the buyer" in verdict.reason


def test_a_feature_near_a_need_gets_the_need_in_its_bridge() -> None:
    verdict = classify_sentence("Fernleaf connects to the Epic EHR over HL7.", CLINIC)
    assert verdict.label == "feature"
    assert verdict.suggestion is not None and "Must work with our Epic EHR" in verdict.suggestion


def test_a_plain_feature_needs_no_bridge() -> None:
    assert classify_sentence("Each roll holds 1,200 labels.", NOBODY).suggestion is None


def test_an_advantage_near_a_need_is_pointed_at_it() -> None:
    verdict = classify_sentence("Reminders reduce no-shows for any practice.", CLINIC)
    assert verdict.label == "advantage"
    assert verdict.suggestion is not None and "no-shows" in verdict.suggestion


# ----- texts and profiles

EMAIL = """Subject: Fernleaf for Oriel

Hi Ines,

**Reminders.** Fernleaf sends reminders 24 hours before each visit. Because reminders go out
automatically, front-desk teams spend less time on the phone.

- You said no-shows are hurting your 9 clinics; reminders cut them.

Best,
Morgan
"""


def test_lint_text_classes_each_sentence_and_skips_labels_and_greetings() -> None:
    report = lint_text(EMAIL, buyer=CLINIC)
    labels = [(s.label, s.text[:20]) for s in report.sentences]
    assert labels == [
        ("feature", "Subject: Fernleaf fo"),
        ("feature", "Fernleaf sends remin"),
        ("advantage", "Because reminders go"),
        ("benefit", "You said no-shows ar"),
    ]
    for s in report.sentences:
        assert EMAIL[s.start:s.end] == s.text
    assert report.counts() == {"feature": 2, "advantage": 1, "benefit": 1}
    assert report.to_json()["sentences"][3]["need"] == 0


def test_buyer_of_a_profile() -> None:
    from benefitkit.profile import Profile

    profile = Profile.from_data({
        "account": "Oriel Health Partners", "contact": {"name": "Ines Varga"},
        "needs": ["Cut patient no-shows at our 9 clinics", {"text": "Must work with our Epic EHR"}],
    })
    buyer = Buyer.of(profile)
    assert buyer.needs == ("Cut patient no-shows at our 9 clinics", "Must work with our Epic EHR")
    assert {"Oriel Health Partners", "Ines Varga", "Ines", "Varga"} <= set(buyer.names)
    report = lint_text("Ines, your 9 clinics will see fewer no-shows.", profile)
    assert report.sentences[0].label == "benefit"


def test_render_lint_delegates_with_the_old_signature() -> None:
    from benefitkit.render import classify

    verdict = classify("Oriel Health Partners can be live well before the flu season starts.",
                       list(CLINIC.needs), ["Oriel Health Partners", "Ines"])
    assert (verdict.label, verdict.need, verdict.speaks_to_buyer) == ("benefit", 4, True)


# ----- splitting and words


@pytest.mark.parametrize(("text", "expected"), [
    ("One. Two!  Three?", ["One.", "Two!", "Three?"]),
    ("Verify at a U.S. Postal Service site. Then go.", ["Verify at a U.S. Postal Service site.",
                                                       "Then go."]),
    ("See cloud.gov and e.g. the docs. Done.", ["See cloud.gov and e.g. the docs.", "Done."]),
    ("A line that wraps\nonto the next. Next.", ["A line that wraps\nonto the next.", "Next."]),
    ("- first item\n- second item", ["first item", "second item"]),
    ("# Heading\nBody text.", ["Heading", "Body text."]),
    ("**Price.** It is $5.", ["**Price.**", "It is $5."]),
])
def test_split_sentences(text: str, expected: list[str]) -> None:
    found = split_sentences(text)
    assert [s.text for s in found] == expected
    for s in found:
        assert text[s.start:s.end] == s.text


def test_words_read_numbers_and_codes() -> None:
    assert words("Seven sites, AAL2 and $35,000/year") == ["7", "sites", "aal2", "and",
                                                           "35000", "year"]
    assert stem("developers") == stem("development")
    assert stem("configured") == stem("configure")


def test_the_writers_benefits_lint_as_benefits() -> None:
    from importlib import resources

    from benefitkit import Engine

    examples = resources.files("benefitkit") / "examples"
    engine = Engine()
    flier = engine.parse(str(examples / "quillpad-flier.md"))
    profile = engine.profile(str(examples / "quillpad-profile.yaml"))
    buyer = Buyer.of(profile)
    benefits = [b for b in engine.translate(flier, profile) if b.kind == "benefit"]
    assert benefits
    for b in benefits:
        verdict = classify_sentence(b.text, buyer)
        assert (verdict.label, verdict.need) == ("benefit", b.need_index), b.text
    for b in engine.translate(flier, profile):
        if b.kind == "advantage":
            assert classify_sentence(b.text, buyer).label != "benefit", b.text
