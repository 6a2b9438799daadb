"""The provenance check: facts in generated text must come from the flier or the profile."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from render_fixtures import AS_OF, FakeMatch

from benefitkit.errors import ProvenanceError
from benefitkit.model import Flier, Value
from benefitkit.render import Sources, Writer, build_environment, check, unsupported
from benefitkit.vocab import ValueKind

FLIER = Sources(
    ["Setup in under 10 minutes", "Price: $1,499 per terminal", "Offer ends 31 March 2027",
     "Works with Xero", "Support at help.tallyline.example"],
    [Value(ValueKind.MONEY, "$1,499", amount=Decimal(1499), currency="USD")],
)
PROFILE = Sources(["Brightwater Bakeries", "We need it before May for seven shops"],
                  numbers=[140], dates=[dt.date(2027, 5, 1)], offers=False)
BOTH = Sources.combine(FLIER, PROFILE)


@pytest.mark.parametrize(
    "text",
    [
        "Setup takes ten minutes, so Brightwater Bakeries opens sooner.",
        "At $1,499.00 per terminal, you know the cost.",
        "That is 1499 USD.",
        "Decide before March 31, 2027.",
        "Decide before 2027-03-31.",
        "Your seven shops, your 140 people, your date of 2027-05-01.",
        "It works with Xero, as you asked.",
        "Reach help.tallyline.example for support.",
        "You told us “We need it before May for seven shops”.",
    ],
)
def test_supported_facts_pass(text: str) -> None:
    assert unsupported(text, BOTH) == []
    check(text, BOTH, template="t.j2")


@pytest.mark.parametrize(
    ("text", "fact"),
    [
        ("Save 20% on setup.", "20%"),
        ("Only $999 for you.", "$999"),
        ("Setup takes eleven minutes.", "eleven"),
        ("Offer ends 30 April 2027.", "30 April 2027"),
        ("It works with Okta and Xero.", "Okta"),
        ("Backed by an SLA.", "SLA"),
        ("Ask for the free installer.", "free"),
        ("A discount applies.", "discount"),
        ("Visit www.other.example now.", "www.other.example"),
    ],
)
def test_unsupported_facts_fail(text: str, fact: str) -> None:
    with pytest.raises(ProvenanceError) as err:
        check(text, BOTH, template="benefit/price.j2")
    assert err.value.code == "fact-without-source"
    assert err.value.path == "benefit/price.j2"
    assert err.value.value == fact


def test_a_buyer_asking_for_a_guarantee_does_not_make_one() -> None:
    profile = Sources(["We need the price guaranteed for five years."], offers=False)
    both = Sources.combine(FLIER, profile)
    # quoting the buyer is fine...
    check("You told us “We need the price guaranteed for five years”.", both, template="t")
    # ...offering the guarantee ourselves is not: the flier never states one
    with pytest.raises(ProvenanceError):
        check("The price is guaranteed.", both, template="t")


def test_html_tags_are_not_facts() -> None:
    check('<h2 class="x1">Works with Xero</h2><p>Setup in 10 minutes</p>', BOTH,
          template="t.html.j2", html=True)


def test_a_template_that_invents_a_number_fails_on_render(
    tmp_path: Path, flier: Flier, profile: Any
) -> None:
    (tmp_path / "benefit").mkdir()
    (tmp_path / "benefit" / "usability.j2").write_text(
        "{{ feature.text }}: save 20% with {{ profile.account }}."
    )
    writer = Writer(build_environment([tmp_path]), as_of=AS_OF)
    match = FakeMatch("f1", 0, "r1", 0.9, template="benefit/usability.j2")
    with pytest.raises(ProvenanceError) as err:
        writer.statements(flier, profile, [match])
    assert err.value.path == "benefit/usability.j2"
    assert err.value.value == "20%"


def test_shipped_templates_pass_on_the_fixture(writer: Writer, flier: Flier, profile: Any,
                                               result: Any) -> None:
    statements = writer.statements(flier, profile, result.matches)
    assert len(statements) == len(result.matches)


def test_a_quote_capitalised_or_not_is_masked_whole() -> None:
    src = Sources(["we need it before May for seven shops"], offers=False)
    for text in ("You said “we need it before May for seven shops”.",
                 "We need it before May for seven shops. That is the plan."):
        assert "seven" not in src.mask(text), text
    # only whole words: a quote inside a longer word is left alone
    assert src.mask("Xwe need it before May for seven shops") == (
        "Xwe need it before May for seven shops")


def test_checked_lines_are_masked_but_support_nothing_else() -> None:
    line = "Setup takes ten minutes, so Brightwater Bakeries opens sooner."
    both = Sources.combine(Sources.checked([line]), PROFILE)
    assert unsupported(f"{line} Read on.", both) == []
    # a number copied out of a checked line is not supported by the line alone
    assert [f.text for f in unsupported("It takes ten minutes.", both)] == ["ten"]


def test_a_document_edited_after_writing_is_checked_again(writer: Writer, flier: Flier,
                                                          profile: Any, result: Any) -> None:
    import attrs

    from benefitkit.render import render_document, talk_track

    state = writer.start(flier, profile)
    doc = talk_track(writer, flier, profile, result, state=state)
    render_document(writer, doc, flier, profile, "md", state=state)  # as written: it passes
    bad = attrs.evolve(doc.benefits[0], text="You get a 73% discount until 4 July 2031.")
    edited = attrs.evolve(doc, benefits=(bad, *doc.benefits[1:]))
    for fresh_state in (state, None):
        with pytest.raises(ProvenanceError):
            render_document(writer, edited, flier, profile, "md", state=fresh_state)


def test_page_numbers_are_not_sources_for_a_line(tmp_path: Path, flier: Flier,
                                                 profile: Any, result: Any) -> None:
    import attrs

    from benefitkit.render import talk_track

    # the fixture flier's features moved to page 37, a number nothing else states
    paged = attrs.evolve(flier, features=tuple(
        attrs.evolve(f, source=attrs.evolve(f.source, page=37)) for f in flier.features))
    (tmp_path / "talk").mkdir()
    (tmp_path / "talk" / "opening.j2").write_text("See 37 reasons, {{ profile.account }}.")
    writer = Writer(build_environment([tmp_path]), as_of=AS_OF)
    with pytest.raises(ProvenanceError) as err:
        talk_track(writer, paged, profile, result)
    assert err.value.value == "37"


def _layout(tmp_path: Path, text: str) -> Writer:
    (tmp_path / "flier.md.j2").write_text(text, encoding="utf-8")
    return Writer(build_environment([tmp_path]), as_of=AS_OF)


def test_a_layout_line_that_invents_a_fact_fails_every_time(tmp_path: Path, flier: Flier,
                                                              profile: Any, result: Any) -> None:
    from benefitkit.render import personalised_flier, render_document

    writer = _layout(tmp_path, "# {{ doc.title }}\n\nSave 20% when you order this week.\n")
    doc = personalised_flier(writer, flier, profile, result)
    for _ in range(3):  # the line is seen again and again: it is never learned as good
        with pytest.raises(ProvenanceError) as err:
            render_document(writer, doc, flier, profile, "md")
        assert err.value.value == "20%"


def test_a_line_one_profile_supports_is_read_again_for_the_next(tmp_path: Path, flier: Flier,
                                                                 profile: Any,
                                                                 result: Any) -> None:
    from benefitkit.render import personalised_flier, render_document

    # 140 is the fixture profile's head count, and nothing on the flier
    writer = _layout(tmp_path, "# {{ doc.title }}\n\nBuilt for teams of 140.\n")
    doc = personalised_flier(writer, flier, profile, result)
    for _ in range(3):
        assert "teams of 140" in render_document(writer, doc, flier, profile, "md")
    smaller = profile.model_copy(update={"employees": 12})
    with pytest.raises(ProvenanceError) as err:
        render_document(writer, doc, flier, smaller, "md")
    assert err.value.value == "140"


def test_a_checked_statement_behind_a_marker_is_not_read_again(writer: Writer, flier: Flier,
                                                               profile: Any) -> None:
    state = writer.start(flier, profile)
    line = "Setup in under 15 minutes means the three new shops open before May."
    state.checked.add(line)
    for text in (line, f"- {line}", f"### {line}", f"> {line}"):
        writer.check_document(f"# Tallyline Counter Kiosk\n\n{text}\n", state, template="t.j2")
    # the marker is layout, with no digits: a number in front of the line is read
    for text in (f"- 99 {line}", f"99. {line}", f"Save 20%: {line}"):
        with pytest.raises(ProvenanceError):
            writer.check_document(f"{text}\n", state, template="t.j2")
    # a line the state never checked is read in full
    fresh = writer.start(flier, profile)
    with pytest.raises(ProvenanceError):
        writer.check_document("Setup in under 9 minutes.\n", fresh, template="t.j2")


@pytest.mark.parametrize(
    ("upper", "lower", "fact"),
    [
        ("Only $1,299", "M per kiosk, as always.", "$1,299\nM"),  # 1,299 million
        ("Ships within 5 business days, by 24 June", "2027 at the latest.", "24 June\n2027"),
        ("Ships within 5 business days, by 24", "June 2027 at the latest.", "24\nJune 2027"),
    ],
)
def test_a_fact_over_a_line_break_is_read_across_it(flier: Flier, profile: Any, upper: str,
                                                    lower: str, fact: str) -> None:
    # Each line alone is supported (the flier states 1,299, 5, 24 and June, the profile
    # 2027), and the upper one is learned as the flier's own after two sightings; read
    # together, as Markdown shows them, they state a new amount or date.
    writer = Writer(as_of=AS_OF)
    state = writer.start(flier, profile)
    for _ in range(3):
        with pytest.raises(ProvenanceError) as err:
            writer.check_document(f"# Tallyline Counter Kiosk\n\n{upper}\n{lower}\n", state,
                                  template="t.j2")
        assert err.value.value == fact
    for _ in range(3):  # apart, in separate paragraphs of their own words, they pass
        writer.check_document(f"{upper}\n\n- {lower}\n", state, template="t.j2")


@pytest.mark.parametrize(
    "text",
    ["31 March 2027", "31st of March 2027", "March 31, 2027", "Sept. 3 , 2027", "$ 1,299",
     "USD 1,299.50", "1,299 USD", "1.299,50 €", "$5 M", "$5 million", "24 per cent", "15 %",
     "7 percent", "2 dollars"],
)
def test_every_break_inside_a_fact_is_seen(text: str) -> None:
    from benefitkit.render.facts import extract_facts, facts_across_lines

    whole = next(extract_facts(text))
    assert whole.text == text  # the fact is the whole text
    words = text.split(" ")
    for cut in range(1, len(words)):
        upper, lower = f"It is {' '.join(words[:cut])}", f"{' '.join(words[cut:])} for you."
        # a blank line between, or odd spaces, still show as a space in HTML
        for gap in ("\n", " \n\n  ", "\r\n", "\xa0\n", "\u3000\n\t", "\u2028\n"):
            full = f"# Title\n{upper}{gap}{lower}\nMore."
            # what a reader sees: the facts of the whole text that take in the break
            seen = [f.keys for f in extract_facts(full) if "\n" in f.text]
            if gap == "\n":
                assert seen == [whole.keys]
            found = [f.keys for f in facts_across_lines(full)]
            assert all(keys in found for keys in seen), (upper, gap, lower)


@pytest.mark.parametrize(
    ("text", "fact"),
    [
        ("Delivered by 24\nJune\n2027 at the latest.", "24\nJune\n2027"),  # |wordwrap(8)
        ("Save 5\nper\ncent today.", "5\nper\ncent"),
        ("Ends 24 March\n,\n2027.", "24 March\n,\n2027"),
        ("Ends June 24\n,\n2027.", "June 24\n,\n2027"),
        ("Save 5,,\n% today.", "5,,\n%"),
        ("Ends 24 June" + " " * 60 + "\n2027.", "24 June" + " " * 60 + "\n2027"),
        *[(f"Due 31 March{' ' * n}\n2027.", f"31 March{' ' * n}\n2027") for n in range(40, 100)],
        ("Due 1st" + "\t" * 46 + "\nMarch 2027.", "1st" + "\t" * 46 + "\nMarch 2027"),
        ("Rate 5 per" + " " * 47 + "\ncent.", "5 per" + " " * 47 + "\ncent"),
    ],
)
def test_a_fact_over_several_breaks_is_read_whole(text: str, fact: str) -> None:
    from benefitkit.render.facts import facts_across_lines

    assert fact in [f.text for f in facts_across_lines(text)]


def test_taking_a_quote_out_leaves_the_next_word_where_it_was() -> None:
    # the quote ends with a dash: what follows starts a new clause, quoted or not
    src = Sources(["Works with your tills —"])
    text = "Works with your tills — Microsoft approved it."
    assert unsupported(text, Sources()) == unsupported(text, src) == []
    assert src.mask(text).startswith("x —")


_TOKENS = ["31", "3rd", "2027", "of", "March", ",", "$", "$5", "USD", "M", "million", "%",
           "per", "cent", "€", "seats"]


@settings(max_examples=500)
@given(st.lists(st.tuples(st.sampled_from(_TOKENS),
                          st.sampled_from([" ", " ", "\n", " \n", "\r\n", "\n\n", "\xa0\n"])),
                min_size=2, max_size=9))
def test_no_fact_runs_over_a_break_unseen(pieces: list[tuple[str, str]]) -> None:
    from benefitkit.render.facts import extract_facts, facts_across_lines

    text = "".join(word + gap for word, gap in pieces).rstrip()
    over = [f.keys for f in extract_facts(text) if "\n" in f.text]
    found = [f.keys for f in facts_across_lines(text)]
    assert all(keys in found for keys in over)


@pytest.mark.parametrize("locale", ["fr_FR", "de_CH", "sv_SE", "pl_PL", "nb_NO", "en_IN"])
@pytest.mark.parametrize("currency", ["EUR", "USD", "CHF", "SEK", "PLN", "NOK", "INR", "GBP"])
@pytest.mark.parametrize("amount", ["2500", "1234567.50", "12000", "999"])
def test_money_grouped_in_any_locale_is_read_as_one_amount(locale: str, currency: str,
                                                          amount: str) -> None:
    from babel.numbers import format_currency

    from benefitkit.render.facts import extract_facts
    from benefitkit.render.filters import money

    budget = Sources(["Keep it under budget"], numbers=[Decimal(amount)], offers=False)
    for written in (format_currency(Decimal(amount), currency, locale=locale),
                    money(Decimal(amount), currency, locale=locale)):
        # the writer keeps the no-break spaces a locale groups with ("2 500 €")
        text = f"That is within your budget of {written}."
        facts = list(extract_facts(text))
        assert [Decimal(amount) in f.keys for f in facts] == [True], (written, facts)
        check(text, budget, template="benefit/price.j2")


@pytest.mark.parametrize(
    ("text", "numbers"),
    [
        ("Pick 12\xa03456 or 1\u202f23 seats.", ["12", "3456", "1", "23"]),  # not three digits
        ("The 1990's and 7 500 seats.", ["1990", "7", "500"]),  # a plain space groups money only
        ("Within 2\u202f500 metres, for CHF 1’299.50.", ["2500", "1299.50"]),
    ],
)
def test_a_space_or_apostrophe_groups_only_three_digits(text: str, numbers: list[str]) -> None:
    from benefitkit.render.facts import extract_facts

    keys = [f.keys[0] for f in extract_facts(text) if f.kind in ("number", "money")]
    assert keys == [Decimal(n).normalize() for n in numbers]


@pytest.mark.parametrize(
    ("text", "fact"),
    [
        ("Free-shipping on every order.", "Free"),
        ("A best-in-class tablet.", "best"),
        ("The award-winning sync.", "award"),
        ("With guaranteed-delivery for you.", "guaranteed"),
        ("A zero-fee card reader.", "zero-fee"),
        ("An industry-leading kiosk.", "leading"),
        ("A money-back-guarantee applies.", "money-back"),
        ("Complimentary onboarding.", "Complimentary"),
        ("A full refund if you are not satisfied.", "refund"),
        ("Lifetime support included.", "Lifetime"),
        ("Cashback on every terminal.", "Cashback"),
        ("The top-rated kiosk.", "top-rated"),
    ],
)
def test_a_claim_word_alone_or_in_a_compound_needs_a_source(text: str, fact: str) -> None:
    with pytest.raises(ProvenanceError) as err:
        check(text, BOTH, template="t.j2")
    assert err.value.value == fact


def test_a_compound_claim_is_supported_by_the_flier_stating_it() -> None:
    flier = Sources(["Free shipping on every order", "Our award-winning sync",
                     "Backed by a money-back guarantee"])
    check("Free-shipping and award-winning sync, with a money-back-guarantee.", flier,
          template="t.j2")


@pytest.mark.parametrize(
    ("source", "text"),
    [
        ("Discounts for grocers", "It is discounted for grocers."),
        ("Discounted for grocers", "Ask for the discount."),
        ("Price guaranteed for a year", "The guarantee holds."),
        ("Two warranties included", "A warranty is included."),
        ("The offer is expiring soon", "The offer expires soon."),
        ("Certified to ISO 27001", "It is certified."),
    ],
)
def test_a_claim_is_supported_by_its_word_in_any_inflection(source: str, text: str) -> None:
    check(text, Sources([source]), template="t.j2")


@pytest.mark.parametrize(
    ("source", "text", "fact"),
    [
        ("Quillpad Freezer Guard", "It is free.", "free"),
        ("Discover slow-moving stock", "It is discounted for grocers.", "discounted"),
        ("Short lead times", "An industry-leading kiosk.", "leading"),
        ("Our bestseller", "The best tablet.", "best"),
        ("Certification is in progress", "It is certified.", "certified"),
        ("Sold freely in every store", "It is free.", "free"),
    ],
)
def test_a_claim_is_not_supported_by_another_word_that_starts_the_same(
    source: str, text: str, fact: str
) -> None:
    with pytest.raises(ProvenanceError) as err:
        check(text, Sources([source]), template="t.j2")
    assert err.value.value == fact


def test_a_buyer_quoted_on_a_guarantee_does_not_make_it_ours_elsewhere() -> None:
    need = "Must work with our Shopify inventory and come with a money-back guarantee"
    profile = Sources([need], offers=False)
    both = Sources.combine(FLIER, profile)
    check(f"On “{need}”: it works with Shopify.", both, template="t")
    with pytest.raises(ProvenanceError) as err:
        check(f"On “{need}”: it is backed by our money-back guarantee.", both, template="t")
    assert err.value.value == "money-back"


@pytest.mark.parametrize("account", ["Free Range Grocers", "Freedom Foods"])
def test_a_claim_word_in_a_name_allows_only_the_name(account: str) -> None:
    profile = Sources([account, "We need it before May"], offers=False)
    both = Sources.combine(FLIER, profile)
    check(f"{account}, it works with Xero.", both, template="t")
    with pytest.raises(ProvenanceError) as err:
        check(f"{account}, installation is free.", both, template="t")
    assert err.value.value == "free"


@pytest.mark.parametrize("locale", ["fr_FR", "de_CH", "sv_SE", "nb_NO"])
def test_a_budget_written_in_a_space_grouping_locale_passes_the_check(locale: str) -> None:
    import datetime as dt

    from benefitkit.engine import Engine

    engine = Engine(as_of=dt.date(2026, 11, 22), locale=locale)
    flier = engine.parse(b"# Kiosk\n\n- Price: EUR 1,900 for the complete kiosk\n", name="k.md")
    text = engine.talk_track(flier, {"account": "Caf\u00e9 Lumi\u00e8re",
                                     "needs": ["Keep the kiosk under EUR 2,500"]})
    assert any(f"2{mark}500" in text for mark in "\u202f\u00a0\u2019'")


def test_a_plain_space_groups_nothing() -> None:
    from benefitkit.render.facts import extract_facts

    assert [f.text for f in extract_facts("Pro plan $29 300 GB storage")][:2] == ["$29", "300"]
    # a grouped amount has one reading: the mark left is its decimal mark
    (chf,) = extract_facts("CHF 1'234.50")
    assert chf.keys == (Decimal("1234.5"),)
    with pytest.raises(ProvenanceError):
        check("At CHF 123,450 per kiosk.", Sources(["Price: CHF 1'234.50 per kiosk"]), template="t")


def test_a_percentage_needs_a_percentage_in_the_sources() -> None:
    # 85 employees state 85, not "85% off"; a flier's "Save 20%" states 20%
    staff = Sources(["Harbor Lane Grocers"], numbers=[Decimal(85)])
    check("Harbor Lane Grocers has 85 staff.", staff, template="t")
    with pytest.raises(ProvenanceError) as err:
        check("Get 85% off this week.", staff, template="t")
    assert err.value.field == "percent"
    check("That is 20 percent off.", Sources(["Save 20% on annual plans"]), template="t")


def test_a_user_template_cannot_turn_a_headcount_into_a_discount(tmp_path) -> None:  # type: ignore[no-untyped-def]
    import datetime as dt

    from benefitkit.engine import Engine

    (tmp_path / "benefit").mkdir()
    (tmp_path / "benefit" / "integration.j2").write_text(
        "{{ feature.text|clause|sentence }} Get {{ profile.employees }}% off this week.")
    engine = Engine(as_of=dt.date(2026, 11, 22), templates=[tmp_path])
    flier = engine.parse(b"# Till\n\n- Works with Shopify inventory\n", name="till.md")
    profile = {"account": "Harbor Lane", "employees": 85, "needs": ["Must work with Shopify"]}
    with pytest.raises(ProvenanceError):
        engine.talk_track(flier, profile)
