"""Feature extraction end to end on fliers written for these tests."""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from benefitkit.errors import BenefitkitError, InputError
from benefitkit.extract import Extractor
from benefitkit.vocab import Category

FLIER_MD = """# Tallow Field Router X2

Product sheet

## Highlights

* Sets up in 10 minutes with the mobile app
* Works with Ubiquiti and Cisco Meraki controllers
* WPA3 and FIPS 140-2 certified encryption
* **Weight:** 1.4 kg
* **Warranty:** 3 years

## Price and availability

Now $249.00 (was $299.00, save 16%)

Add the wall-mount kit for $19

In stock: ships within 2 business days

Offer ends 15 March 2027

## How to buy

Call 1-800-555-0123 or visit https://tallow.example/x2 to order

Specifications subject to change without notice.
"""


@pytest.fixture(scope="module")
def extractor() -> Extractor:
    return Extractor(ref_date=dt.date(2026, 11, 22))


@pytest.fixture(scope="module")
def flier(extractor):
    return extractor.parse(FLIER_MD.encode(), name="x2.md")


def texts(extractor, data, name):
    return [f.text for f in extractor.parse(data, name=name).features]


def by_text(flier, start):
    return next(f for f in flier.features if f.text.startswith(start))


def test_title_and_feature_list(flier):
    assert flier.title == "Tallow Field Router X2"
    texts = [f.text for f in flier.features]
    assert "Product sheet" not in texts  # sub-title
    assert not any("subject to change" in t for t in texts)  # fine print
    assert len(texts) == 10
    assert [f.id for f in flier.features] == [f"f{i}" for i in range(1, 11)]


@pytest.mark.parametrize(
    ("start", "category"),
    [
        ("Sets up in 10 minutes", Category.USABILITY),
        ("Works with Ubiquiti", Category.INTEGRATION),
        ("WPA3 and FIPS", Category.COMPLIANCE),
        ("Weight:", Category.SIZE),
        ("Warranty:", Category.SUPPORT),
        ("Now $249.00", Category.PRICE),
        ("In stock", Category.AVAILABILITY),
        ("Offer ends", Category.DEADLINE),
        ("Call 1-800", Category.HOW_TO_BUY),
    ],
)
def test_categories(flier, start, category):
    assert by_text(flier, start).category is category


def test_add_on_with_price_lists_both(flier):
    f = by_text(flier, "Add the wall-mount kit")
    assert {Category.ADD_ON, Category.PRICE} <= set(f.categories)


def test_values_are_normalised(flier):
    price = by_text(flier, "Now $249.00")
    money = [(v.amount, v.currency) for v in price.values if v.kind == "money"]
    assert money == [(Decimal("249.00"), "USD"), (Decimal("299.00"), "USD")]
    assert [v.amount for v in price.values if v.kind == "percent"] == [Decimal("16")]
    deadline = by_text(flier, "Offer ends")
    assert [v.date for v in deadline.values] == [dt.date(2027, 3, 15)]
    ships = by_text(flier, "In stock")
    assert [(v.amount, v.unit) for v in ships.values] == [(Decimal("2"), "day")]
    weight = by_text(flier, "Weight:")
    assert weight.label == "Weight"
    assert [(v.amount, v.unit) for v in weight.values] == [(Decimal("1.4"), "kilogram")]


def test_spans_point_into_the_document_text(flier):
    for f in flier.features:
        assert flier.text[f.source.start : f.source.end] == f.text
        for v in f.values:
            assert f.text[v.start : v.end] == v.text


def test_json_contract(flier):
    data = json.loads(json.dumps(flier.to_json()))
    assert set(data) == {"source", "title", "features"}
    f = data["features"][0]
    assert set(f) == {"id", "text", "category", "label", "values", "source"}
    assert set(f["source"]) == {"page", "start", "end", "block"}
    price = next(x for x in data["features"] if x["text"].startswith("Now"))
    assert price["values"][0] == {"kind": "money", "amount": 249, "currency": "USD", "text": "$249.00"}


SPEC_SHEET = """# Harbor PT-9 pressure transmitter

* Response time: < 2 ms
* Operating temperature: -20 °C to 60 °C
* Ingress protection: IP67 / IP69K
* Drop tested to 1.2 m
* Model code: PT9-4A-SS
* Registration closes 1 May 2027
* Certificates of attendance count toward 18 CPD hours
* 5-year warranty; application engineers on call at 1-888-555-0142
* Call 1-888-555-0142 to order
* Motor: 250 W mid-drive
* Range: up to 110 km per charge
* Exports to AutoCAD and ArcGIS
* Battery packs swap without tools
* Storage temperature: -10 to 50 °C
* Kitchen display screen: $349 one-time
* Door opening: 18.5 inches
* Controls: 4.3" touchscreen with programmable dosing
* Your dedicated account manager answers within 1 business day
* Free data migration from your current provider
* Order by phone: 020 7946 0707
* Get 3 months free on annual plans when you sign up before 28 February 2027
* Floor space: 1,200 square feet
* Flow: 12 gallons per minute
* Print speed: 40 ppm
* Monthly fee: £129 per bike
* Annual licence: $900 for the first year
* Monthly plan: £49, installation £99 one-off
* Bi-monthly service visit: $80
* Monthly support: from $150
* Annual plan: a $50 deposit, then $20 a month
* Tool chest: 120 litres, lockable
* Payload: 150 kg including the driver
* Water use: 1.8 litres per cycle
* Our mobile technicians fix breakdowns at your depot
* No deposit; first payment on delivery
* Shifts import automatically from Deputy
* Two preventative maintenance visits a year
* Slack and Microsoft Teams notifications
* Join our Slack community to swap tips with other owners
* HACCP temperature records kept for 5 years
* Every unit is refurbished to factory standard
* Reduces time-to-productivity by up to 30%
* Priority support for enterprise customers
* Support for Windows and macOS
* Volume pricing ends 31 March 2027
* Part numbers: PT9-4A-SS (stainless) / PT9-4A-PC (powder-coated)
* Meets MIL-STD-810H and MIL-STD-461G
* Detachable IEC power cord included
* 3-year warranty on the pump, including seals
* Service: next-business-day engineer response across the mainland
* Delivery charge: free on all plans
* Promo code: SPRING27
* Book a free demo: 020 7946 0707
* Frame certified to EN 1991 for wind and snow loads
* Hinges tested to 50,000 openings
* Lab results flow in from VetLink, Antech and IDEXX
* Shopfront package, 6 cabinets (2.88 m x 1.92 m), from A$38,900
* Zurich office: +41 44 555 27 90
* Expected service life: 7 years
* Pixel pitch of 3.9 mm for close viewing
* Sets up in 60 seconds with the mobile app
* Screen locks after 30 seconds of inactivity
* Rated to IP67 and MIL-STD-810H
* Pay via Visa, Mastercard or PayPal
* Trusted by +1 000 000 drivers across Europe
* Tested to IEC 62368-1
* Hardware warranty for the life of your contract
* ASIN: B0DHX47K2M
* Passed MIL-STD-810H tests for drops and dust
* Fault response within 15 minutes, around the clock
* Location history is deleted automatically after 90 days
* Also on the YPO public-sector framework
* Gas-lift height adjustment with 120 mm of travel
* Grant applications close on 31 October 2027
* Radio range: up to 10 km (6.2 miles) line of sight
* Voicemail transcripts arrive in your inbox within a minute
* Voicemail summaries arrive in your inbox within 1 min
* Alarms arrive by text within 30 seconds of a fault
* Replacement parts arrive within 30 minutes from our van stock
* Spare parts arrive within 48 hours
* Washes a full rack of plates in 55 seconds
* Battery pack tested to UN 38.3 for safe transport
* Cycle life: 4,000 full cycles at 80% depth of discharge
* Professional installation through 400 certified dealers
"""


@pytest.mark.parametrize(
    ("start", "category"),
    [
        ("Response time", Category.PERFORMANCE),  # a time in ms is a machine's, not a wait
        ("Operating temperature", Category.DURABILITY),  # the range it withstands
        ("Ingress protection", Category.DURABILITY),
        ("Drop tested", Category.DURABILITY),
        ("Model code", Category.HOW_TO_BUY),
        ("Registration closes", Category.DEADLINE),
        ("Certificates of attendance", Category.COMPLIANCE),  # "count" is no size here
        # a phone number after "on call" is the same evidence as the cue, not an order line
        ("5-year warranty", Category.SUPPORT),
        ("Call 1-888", Category.HOW_TO_BUY),
        ("Motor: 250 W", Category.PERFORMANCE),  # a rating alone says performance
        ("Range: up to 110 km per charge", Category.PERFORMANCE),
        ("Exports to AutoCAD", Category.INTEGRATION),
        ("Battery packs swap", Category.USABILITY),
        # "storage" (a size) inside "storage temperature" is no evidence of size
        ("Storage temperature", Category.DURABILITY),
        ("Kitchen display screen", Category.PRICE),  # the label names what is priced
        ("Door opening", Category.SIZE),  # a measure that is all the labelled line says
        ("Controls:", Category.USABILITY),  # ... and not when more follows it
        # "account manager" (how to buy) inside "dedicated account manager" (support)
        ("Your dedicated account manager", Category.SUPPORT),
        ("Free data migration", Category.SUPPORT),
        ("Floor space", Category.SIZE),  # an area is a size
        ("Flow:", Category.PERFORMANCE),  # a rate is a rating
        ("Print speed", Category.PERFORMANCE),
        ("Tool chest", Category.SIZE),  # a measure and one word, punctuation aside
        ("Payload", Category.SIZE),  # "including" (an add-on) is weaker than the payload
        ("Water use", Category.PERFORMANCE),
        ("Our mobile technicians", Category.SUPPORT),
        ("No deposit", Category.PRICE),  # a deposit and a payment, not a delivery
        ("Shifts import automatically", Category.INTEGRATION),
        ("Two preventative maintenance visits", Category.SUPPORT),  # "a year" is no price here
        ("Slack and Microsoft Teams", Category.INTEGRATION),  # a tool it works with ...
        ("Join our Slack community", Category.SUPPORT),  # ... and a place to get help
        ("HACCP temperature records", Category.COMPLIANCE),
        ("Every unit is refurbished", Category.DURABILITY),
        ("Reduces time-to-productivity", Category.PERFORMANCE),  # a percent it improves by
        # "support" inside "support for" (integration) stays support inside "priority support"
        ("Priority support for", Category.SUPPORT),
        ("Support for Windows", Category.INTEGRATION),
        ("Volume pricing ends", Category.DEADLINE),  # what ends on a date is an offer's end
        ("Part numbers", Category.HOW_TO_BUY),  # the plural of a code label
        ("Detachable IEC power cord", Category.ADD_ON),  # a plug type, not a standard
        ("3-year warranty on the pump", Category.SUPPORT),  # "including" is weak evidence
        ("Service: next-business-day", Category.SUPPORT),
        ("Delivery charge", Category.PRICE),  # "delivery" inside "delivery charge"
        ("Promo code", Category.PRICE),
        ("Book a free demo", Category.HOW_TO_BUY),
        ("Frame certified to EN 1991", Category.COMPLIANCE),
        ("Hinges tested to", Category.DURABILITY),  # a load test, not a standard
        # products named in a list after "from", "to", "with" are systems it works with
        ("Lab results flow in", Category.INTEGRATION),
        ("Shopfront package", Category.PRICE),  # a price outweighs the sizes it buys
        ("Zurich office", Category.HOW_TO_BUY),  # a number written the international way
        ("Expected service life", Category.DURABILITY),
        ("Pixel pitch", Category.PERFORMANCE),  # not a size: how sharp the picture is
        # a time in seconds decides nothing against a cue that says what it times
        ("Sets up in 60 seconds", Category.USABILITY),
        ("Screen locks after 30 seconds", Category.CAPABILITY),
        # capitalised words in a list are systems only after a verb of connection
        ("Rated to IP67", Category.DURABILITY),
        ("Pay via Visa", Category.CAPABILITY),
        ("Trusted by +1 000 000", Category.CAPABILITY),  # a count, not a phone number
        ("Tested to IEC", Category.COMPLIANCE),
        ("Hardware warranty", Category.SUPPORT),  # a tie with "contract" goes to support
        ("ASIN", Category.HOW_TO_BUY),  # a marketplace's code label
        ("Passed MIL-STD-810H", Category.DURABILITY),  # the standard's code with its revision
        ("Fault response within", Category.SUPPORT),  # "around the clock", not a lead time
        ("Location history is deleted", Category.COMPLIANCE),  # data retention
        ("Also on the YPO", Category.HOW_TO_BUY),  # a buying framework
        ("Gas-lift height adjustment", Category.USABILITY),  # not a height
        ("Grant applications close on", Category.DEADLINE),  # "on" a date is the closing's
        ("Radio range", Category.PERFORMANCE),  # a distance it reaches, not its size
        ("Battery pack tested to UN 38.3", Category.COMPLIANCE),
        ("Cycle life", Category.DURABILITY),  # not a count, nor a depth
        ("Professional installation", Category.SUPPORT),  # a service, not a dealer list
        # a minute or less is how fast it works; "arrive" and "within" time a delivery
        # with a lead time of minutes or more
        ("Voicemail transcripts arrive", Category.PERFORMANCE),
        ("Voicemail summaries arrive", Category.PERFORMANCE),  # "1 min" is a minute too
        ("Alarms arrive by text", Category.PERFORMANCE),
        ("Replacement parts arrive within 30", Category.AVAILABILITY),
        ("Spare parts arrive", Category.AVAILABILITY),
        ("Washes a full rack", Category.PERFORMANCE),
    ],
)
def test_spec_sheet_categories(extractor, start, category):
    flier = extractor.parse(SPEC_SHEET.encode(), name="pt9.md")
    assert by_text(flier, start).category is category


def test_codes_of_standards_ports_and_sizes_are_no_part_numbers(extractor):
    text = ("# PT9\n\n- Meets MIL-STD-810H and MIL-STD-461G\n- RS-232 and RS-485 serial ports\n"
            "- Sizes XS-3XL and 4XL-6XL\n")
    flier = extractor.parse(text.encode(), name="pt9.md")
    assert [f.category for f in flier.features if Category.HOW_TO_BUY in f.categories] == []


def test_unit_classes_name_units_the_value_reader_knows():
    from benefitkit.extract import pipeline, values

    known = set(values._T.kind_of)
    assert known >= pipeline._SIZE_UNITS
    assert known >= pipeline._PERFORMANCE_UNITS


def test_cues_that_do_not_apply_hold_nothing_back(extractor):
    flier = extractor.parse(SPEC_SHEET.encode(), name="pt9.md")
    # "order by" needs a date to be a deadline; without one, "order" still counts
    assert "how_to_buy: order, contact 020 7946 0707" in by_text(flier, "Order by phone").reasons
    # a date cue speaks of the date it leads to: "on annual plans" is not "on" a date
    offer = by_text(flier, "Get 3 months free")
    cues = [c for r in offer.reasons for c in r.split(": ", 1)[1].split(", ")]
    assert "on" not in cues
    assert any(r.startswith("deadline: before") for r in offer.reasons)


def test_a_label_says_how_often_its_price_is_paid(extractor):
    flier = extractor.parse(SPEC_SHEET.encode(), name="pt9.md")
    (fee,) = by_text(flier, "Monthly fee").values
    (licence,) = by_text(flier, "Annual licence").values
    assert (fee.text, fee.period) == ("£129", "month")
    assert (licence.text, licence.period) == ("$900", "year")
    (setup,) = by_text(flier, "Kitchen display screen").values
    assert setup.period is None
    # only the price that opens the value is the label's: not the one-off after it
    plan, install = by_text(flier, "Monthly plan").values
    assert (plan.period, install.period) == ("month", None)
    (visit,) = by_text(flier, "Bi-monthly service").values
    assert visit.period is None  # "bi-monthly" is not "monthly"
    (support,) = by_text(flier, "Monthly support").values
    assert support.period == "month"  # "from" may stand before the price
    deposit, monthly = by_text(flier, "Annual plan").values
    assert (deposit.period, monthly.period) == (None, "month")  # "a $50 deposit" is no plan


def test_spec_sheet_signed_values(extractor):
    flier = extractor.parse(SPEC_SHEET.encode(), name="pt9.md")
    temps = [(v.amount, v.unit) for v in by_text(flier, "Operating temperature").values]
    assert temps == [(Decimal("-20"), "celsius"), (Decimal("60"), "celsius")]


def test_taglines_navigation_and_fine_print_are_not_features(extractor):
    html = (
        "<html><head><title>Harbor Dock | Loading bay sensors</title></head><body>"
        "<div>Track an order | Customer login | EN / DE / FR</div>"
        "<h1>Harbor Dock</h1>"
        "<p>Know which door is free before the truck arrives.</p>"
        "<p>Harbor Dock puts a sensor over each loading door and shows your yard team which"
        " bays are free, busy or blocked.</p>"
        "<ul><li>Sensor: $149 per door</li><li>Battery lasts 5 years</li></ul>"
        "<p>Order code HD-1 · +1 555 0100 · harbor.example/order</p>"
        "<p>Prices exclude VAT. Terms apply.</p>"
        "<p>© 2026 Harbor Dock Inc.</p>"
        "<footer>Privacy notice · Cookies · Imprint</footer>"
        "</body></html>"
    )
    flier = extractor.parse(html.encode(), name="dock.html")
    assert [f.text for f in flier.features] == [
        "Harbor Dock puts a sensor over each loading door and shows your yard team which bays"
        " are free, busy or blocked.",
        "Sensor: $149 per door",
        "Battery lasts 5 years",
        "Order code HD-1 · +1 555 0100 · harbor.example/order",
    ]


def test_a_run_of_short_lines_under_the_title_is_features_not_taglines(extractor):
    txt = (b"AquaPure Filter\n\nRemoves chlorine and lead from tap water.\n"
           b"Fits every standard kitchen faucet.\nCartridge changes take seconds.\n"
           b"Call us to order.\n")
    assert len(extractor.parse(txt, name="a.txt").features) == 4
    md = ("# Jacket\n\nLightweight · Waterproof · Machine washable\n\n"
          "Prices include on-site installation and staff training.\n").encode()
    assert texts(extractor, md, "j.md") == [
        "Lightweight · Waterproof · Machine washable",
        "Prices include on-site installation and staff training.",
    ]


def test_a_sentence_leaves_brackets_it_shares_with_its_neighbours(extractor):
    md = (b"# Sandbox\n\nNo paperwork is required from us. (It is up to you to check with "
          b"your agency.) Sandboxes are for testing, not production.\n")
    flier = extractor.parse(md, name="s.md")
    assert [f.text for f in flier.features] == [
        "No paperwork is required from us.",
        "It is up to you to check with your agency.",
        "Sandboxes are for testing, not production.",
    ]
    for f in flier.features:  # the spans still point at the text
        assert flier.text[f.source.start : f.source.end] == f.text


def test_tax_fine_print_is_dropped_only_without_a_figure(extractor):
    md = (b"# Widget\n\nThe widget sorts parcels by size and weight for small depots.\n\n"
          b"- Now $249 plus applicable taxes\n- Prices exclude applicable taxes.\n")
    assert texts(extractor, md, "w.md") == [
        "The widget sorts parcels by size and weight for small depots.",
        "Now $249 plus applicable taxes",
    ]


def test_a_short_line_with_a_figure_under_the_title_is_a_feature(extractor):
    md = b"# Widget\n\nNow $49 a month.\n\nShips in 2 days.\n"
    assert texts(extractor, md, "w.md") == ["Now $49 a month.", "Ships in 2 days."]


def test_paragraph_split_into_sentences(extractor):
    text = b"# Widget\n\nThe widget is built from steel. It ships within 3 days.\n"
    flier = extractor.parse(text, name="w.md")
    assert [f.text for f in flier.features] == [
        "The widget is built from steel.",
        "It ships within 3 days.",
    ]
    assert [f.category for f in flier.features] == [Category.DURABILITY, Category.AVAILABILITY]


def test_abbreviation_does_not_split_a_line(extractor):
    flier = extractor.parse(b"Gadget\n\nPrice (excl. VAT): \xc2\xa39.99\nShips in 2 days\n", name="g.txt")
    assert flier.features[0].text == "Price (excl. VAT): £9.99"
    assert flier.features[0].label == "Price (excl. VAT)"


def test_heading_with_a_price_is_a_feature(extractor):
    md = b"---\ntitle: Plans\n---\n<h1>Everything for only $35,000/year</h1>\n<ul><li>Unlimited sites.</li></ul>\n"
    flier = extractor.parse(md, name="plans.md")
    assert flier.title == "Plans"
    first = flier.features[0]
    assert first.category is Category.PRICE
    assert first.values[0].period == "year"


@pytest.mark.parametrize(
    ("data", "code"),
    [
        (b"# Nothing here\n\nGet in touch\n", "no-features"),
        (
            "# Fahrrad\n\nDas Fahrrad ist sehr leicht und wird mit einer Tasche geliefert. "
            "Die Lieferung erfolgt innerhalb von drei Tagen, und der Preis ist für alle Kunden "
            "gleich. Wir liefern auch nach Österreich und in die Schweiz, wenn Sie das wünschen. "
            "Der Rahmen ist aus Aluminium und die Bremsen sind hydraulisch, damit Sie sicher "
            "fahren können.\n".encode(),
            "not-english",
        ),
    ],
)
def test_bad_fliers_raise_coded_errors(extractor, data, code):
    with pytest.raises(InputError) as info:
        extractor.parse(data, name="bad.md")
    assert info.value.code == code
    assert "bad.md" in str(info.value)


def test_same_input_same_output(extractor):
    a = extractor.parse(FLIER_MD.encode(), name="x2.md").to_json()
    b = Extractor(ref_date=dt.date(2026, 11, 22)).parse(FLIER_MD.encode(), name="x2.md").to_json()
    assert json.dumps(a, sort_keys=True) == json.dumps(b, sort_keys=True)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(max_size=400), st.sampled_from(["x.txt", "x.md", "x.html"]))
def test_arbitrary_text_raises_only_our_errors_and_spans_stay_inside(extractor, text, name):
    try:
        flier = extractor.parse(text.encode("utf-8"), name=name)
    except BenefitkitError:
        return
    for f in flier.features:
        assert 0 <= f.source.start <= f.source.end <= len(flier.text)
        assert flier.text[f.source.start : f.source.end] == f.text
        for v in f.values:
            assert f.text[v.start : v.end] == v.text


def test_a_section_heading_decides_weak_or_no_evidence_only(extractor):
    flier = extractor.parse(b"""# Harbor PT-9

## Accessories

* Spare filters, 2 per pack
* Weighs 2 kg with the case
* Wall-mounted charging dock

## Warranty and support

* Dealers in 40 countries answer calls the same day
""", name="pt9.md")
    # "spare" (an add-on) ties with "pack" (a size) until the heading speaks, and a line
    # whose own words say nothing takes the heading's category ...
    assert by_text(flier, "Spare filters").category is Category.ADD_ON
    assert by_text(flier, "Wall-mounted charging dock").category is Category.ADD_ON
    # ... but a feature's own strong evidence stands, and the heading adds no category
    assert by_text(flier, "Weighs 2 kg").categories == (Category.SIZE,)
    assert by_text(flier, "Dealers in 40").category is Category.SUPPORT


@pytest.mark.parametrize(
    "heading",
    [
        "Order today and save",  # a call to action
        "Limited-time offer",  # a banner
        "Our pricing is simple and fair.",  # a sentence
        "Price and availability",  # two categories
    ],
)
def test_a_heading_that_names_no_section_lends_nothing(extractor, heading):
    flier = extractor.parse(f"# Harbor Fan\n\n## {heading}\n\n* Twin cable trays underneath\n"
                            .encode(), name="fan.md")
    assert by_text(flier, "Twin cable trays").category is Category.CAPABILITY


def test_a_heading_that_states_a_fact_ends_the_section_before_it(extractor):
    flier = extractor.parse(b"""# Harbor Fan

## Accessories

* Charging dock

## Launch offer: $99 until 31 March 2027

* Twin cable trays underneath
""", name="fan.md")
    assert by_text(flier, "Charging dock").category is Category.ADD_ON
    assert by_text(flier, "Twin cable trays").category is Category.CAPABILITY


@pytest.mark.parametrize(
    ("text", "category"),
    [
        # phrases of another sense are no evidence
        ("Files that are deleted go to the recycle bin for 30 days", Category.CAPABILITY),
        ("Reads EAN and UPC barcodes at 60 scans per second", Category.CAPABILITY),
        ("Installed by snapping it onto any DIN rail", Category.CAPABILITY),
        ("Doors close on their own with a soft-close hinge", Category.CAPABILITY),
        # "per month" without a currency sign is still a price
        ("Starter: 29 per month", Category.PRICE),
    ],
)
def test_cues_of_another_sense(extractor, text, category):
    flier = extractor.parse(f"# Harbor Fan\n\n* {text}\n".encode(), name="fan.md")
    assert by_text(flier, text[:12]).category is category


@pytest.mark.parametrize(
    ("price", "iso"),
    [("$899", "2027-04-03"), ("US$899", "2027-04-03"), ("USD 899", "2027-04-03"),
     ("A$899", "2027-03-04"), ("NZ$899", "2027-03-04"), ("C$899", "2027-03-04"),
     ("€899", "2027-03-04"), ("1 299 $", "2027-03-04"), ("1299$", "2027-03-04")],
)
def test_only_an_american_flier_writes_the_month_first(extractor, price, iso):
    text = f"# Till\n\n- Price: {price} per terminal\n- Launch pricing ends 04/03/2027\n"
    flier = extractor.parse(text.encode(), name="till.md")
    (date,) = [v.date for f in flier.features for v in f.values if v.date is not None]
    assert date.isoformat() == iso
