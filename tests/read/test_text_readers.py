"""Plain text, Markdown and HTML readers: structure, offsets and front matter."""

from __future__ import annotations

import pytest

from benefitkit.errors import InputError
from benefitkit.read import detect_format, read_document
from benefitkit.vocab import BlockKind

TXT = b"""Acme Label Printer LP-200
=========================

Product sheet

SPECS
Weight: 1.2 kg
Print speed: 150 mm per second

Pricing:
- Now $199.00 (was $249.00, save 20%)
- Ships within 3 business days, or
  sooner from local stock
"""

MD = b"""---
layout: page
permalink: /printer/
title: Acme LP-200
intro_title: Why teams pick it
intro_body: >-
  It prints 150 labels a minute. Setup takes ten minutes.
---

# Acme LP-200 {% include badge.html %}

* **Weight:** 1.2 kg
* Works with {{ site.name }} Shopify and WooCommerce

> "We love it" - a happy customer

Order online at https://acme.example/lp-200
"""

HTML = b"""<!doctype html><html><head><title>Acme LP-200</title>
<style>p{color:red}</style><script>var x = "Price: $1";</script></head>
<body><nav><a href="/">Home</a></nav>
<h1>Acme LP-200</h1>
<table><tr><th>Weight</th><td>1.2 kg</td></tr><tr><td>a</td><td>b</td><td>c</td></tr></table>
<ul><li>Fast: 150 labels a minute<ul><li>Nested point</li></ul></li></ul>
<p>First line<br>Second line</p>
<p style="display:none">Hidden price $5</p>
</body></html>"""


def _check_offsets(doc):
    for b in doc.blocks:
        assert doc.text[b.start : b.end] == b.text


def test_text_reader_structure():
    doc = read_document(TXT, name="lp.txt")
    _check_offsets(doc)
    kinds = [(b.kind, b.text) for b in doc.blocks]
    assert kinds[0] == (BlockKind.HEADING, "Acme Label Printer LP-200")
    assert (BlockKind.HEADING, "SPECS") in kinds
    assert (BlockKind.HEADING, "Pricing") in kinds
    weight = next(b for b in doc.blocks if b.text.startswith("Weight"))
    assert weight.kind is BlockKind.KEY_VALUE and weight.label == "Weight"
    wrapped = [b for b in doc.blocks if b.kind is BlockKind.BULLET][-1]
    assert wrapped.text == "Ships within 3 business days, or sooner from local stock"


def test_markdown_front_matter_and_template_tags():
    doc = read_document(MD, name="lp.md")
    _check_offsets(doc)
    assert doc.format == "markdown"
    assert doc.title == "Acme LP-200"
    texts = [b.text for b in doc.blocks]
    assert "Why teams pick it" in texts  # display text kept in front matter
    assert "It prints 150 labels a minute. Setup takes ten minutes." in texts
    assert "page" not in texts and "/printer/" not in texts  # site settings are not shown
    assert "Acme LP-200" in texts  # the Liquid tag is gone
    assert "Works with Shopify and WooCommerce" in texts
    assert not any("happy customer" in t for t in texts)  # testimonials are not claims
    kv = next(b for b in doc.blocks if b.text.startswith("Weight"))
    assert kv.kind is BlockKind.BULLET and kv.label == "Weight" and kv.text == "Weight: 1.2 kg"


def test_html_reader_skips_invisible_and_keeps_rows():
    doc = read_document(HTML, name="lp.html")
    _check_offsets(doc)
    assert doc.title == "Acme LP-200"
    texts = [b.text for b in doc.blocks]
    assert "Weight: 1.2 kg" in texts
    assert "a | b | c" in texts
    assert "Nested point" in texts
    assert "Fast: 150 labels a minute" in texts
    assert "First line" in texts and "Second line" in texts
    assert not any("$1" in t or "$5" in t or t == "Home" for t in texts)
    row = next(b for b in doc.blocks if b.text == "Weight: 1.2 kg")
    assert row.kind is BlockKind.TABLE_ROW and row.label == "Weight"


@pytest.mark.parametrize("name", ["plans.md", "plans.html"])
def test_a_table_row_names_the_column_of_each_cell_so_an_empty_one_moves_nothing(name):
    md = ("# Till\n\n| What you get | Basic | Pro |\n|---|---|---|\n"
          "| Price per terminal | $649 | $899 |\n| On-site installation | | Free |\n"
          "\n| Spec | Detail |\n|---|---|\n| Weight | 1.2 kg |\n")
    html = ("<h1>Till</h1><table><thead><tr><th>What you get</th><th>Basic</th><th>Pro</th>"
            "</tr></thead><tr><td>Price per terminal</td><td>$649</td><td>$899</td></tr>"
            "<tr><td>On-site installation</td><td></td><td>Free</td></tr></table>"
            "<table><tr><th>Spec</th><th>Detail</th></tr><tr><td>Weight</td><td>1.2 kg</td></tr>"
            "</table>")
    doc = read_document((md if name.endswith(".md") else html).encode(), name=name)
    _check_offsets(doc)
    rows = [b.text for b in doc.blocks if b.kind is BlockKind.TABLE_ROW]
    assert rows == ["Price per terminal - Basic: $649; Pro: $899",
                    "On-site installation - Pro: Free", "Weight: 1.2 kg"]


def test_in_a_table_that_compares_a_lone_value_keeps_its_column():
    html = ("<h1>Till</h1><table><tr><th>What you get</th><th>Basic</th><th>Pro</th></tr>"
            "<tr><td>Price</td><td>$649</td><td>$899</td></tr>"
            "<tr><td>On-site installation</td><td>Free</td><td></td></tr></table>")
    doc = read_document(html.encode(), name="t.html")
    assert [b.text for b in doc.blocks][1:] == ["Price - Basic: $649; Pro: $899",
                                                "On-site installation - Basic: Free"]


@pytest.mark.parametrize(
    ("head", "row", "text"),
    [
        # a header of td cells, and a caption row above the column names, state nothing
        ("<thead><tr><td>Plan</td><td>Price</td><td>Users</td></tr></thead>",
         "<tr><td>Starter</td><td>$9</td><td>3</td></tr>", "Starter - Price: $9; Users: 3"),
        ("<thead><tr><th colspan=3>Pricing at a glance</th></tr>"
         "<tr><th>Plan</th><th>Price</th><th>Users</th></tr></thead>",
         "<tr><td>Starter</td><td>$9</td><td>3</td></tr>", "Starter - Price: $9; Users: 3"),
        # a table that compares nothing keeps a plain "label: value"
        ("<tr><th>Spec</th><th>Detail</th><th>Notes</th></tr>",
         "<tr><td>Weight</td><td>1.2 kg</td><td></td></tr>", "Weight: 1.2 kg"),
    ],
)
def test_table_headers_name_columns_and_state_nothing(head, row, text):
    doc = read_document(f"<h1>Till</h1><table>{head}{row}</table>".encode(), name="t.html")
    assert [b.text for b in doc.blocks] == ["Till", text]


def test_html_menus_of_links_are_skipped_but_markdown_link_lists_are_kept():
    page = ("<h1>Dock</h1><ul><li>Sensor per door</li><li>Battery lasts 5 years</li></ul>"
            "<footer><ul class='legal'><li><a href='/p'>Privacy</a></li>"
            "<li><a href='/t'>Terms</a></li></ul></footer>")
    doc = read_document(page.encode(), name="page.html")
    assert [b.text for b in doc.blocks] == ["Dock", "Sensor per door", "Battery lasts 5 years"]
    md = "# Dock\n\nIntegrations:\n\n- [Salesforce](https://x.example/sf)\n- [HubSpot](https://x.example/hs)\n"
    doc = read_document(md.encode(), name="dock.md")
    assert [b.text for b in doc.blocks][-2:] == ["Salesforce", "HubSpot"]


@pytest.mark.parametrize(
    ("html", "expected"),
    [
        # a span in running text is part of the sentence, not a block of its own
        ("<div>Ships in <span>2 days</span> worldwide</div>", ["Ships in 2 days worldwide"]),
        ("<div><span>Price:</span> <span>$5 per month</span></div><div>Next</div>",
         ["Price: $5 per month", "Next"]),
        ("<div><span>Free returns</span><span hidden>Secret code</span></div>", ["Free returns"]),
        # an icon or a button inside the span is no block either
        ("<div>Ships in <span><svg></svg>2 days</span> from stock.</div>",
         ["Ships in 2 days from stock."]),
        # a span that wraps blocks keeps them apart
        ("<span><p>One</p><p>Two</p></span>", ["One", "Two"]),
    ],
)
def test_html_span_is_inline_unless_it_wraps_blocks(html, expected):
    doc = read_document(html.encode(), name="page.html")
    _check_offsets(doc)
    assert [b.text for b in doc.blocks] == expected


@pytest.mark.parametrize(
    ("data", "name", "expected"),
    [
        (b"%PDF-1.4 ...", "x.bin", "pdf"),
        (b"<!DOCTYPE html><p>hi</p>", "x.txt", "html"),
        (b"# Title\n\n* a bullet\n", "notes", "markdown"),
        (b"Just a line of text.\n", "notes", "text"),
        (b"Title\n\nplain", "x.md", "markdown"),
        (b"<div><p>a</p><p>b</p><ul><li>c</li></ul></div>", "page", "html"),
    ],
)
def test_detect_format_by_content(data, name, expected):
    assert detect_format(data, name) == expected


@pytest.mark.parametrize(
    ("data", "name", "code"),
    [
        (b"", "empty.txt", "empty-file"),
        (b"   \n\t\n", "blank.md", "empty-file"),
        (bytes(range(256)) * 8, "junk.txt", "binary-file"),
        (b"PK\x03\x04not really a zip", "x.docx", "corrupt-file"),
        (b"hello", "x.pdf", "corrupt-file"),
    ],
)
def test_bad_bytes_raise_coded_errors_naming_the_file(data, name, code):
    with pytest.raises(InputError) as info:
        read_document(data, name=name)
    assert info.value.code == code
    assert name in str(info.value)


def test_missing_and_large_files(tmp_path):
    with pytest.raises(InputError) as info:
        read_document(tmp_path / "nope.pdf")
    assert info.value.code == "file-not-found" and "nope.pdf" in str(info.value)
    big = tmp_path / "big.txt"
    with big.open("wb") as fh:
        fh.truncate(50 * 1024 * 1024)
    with pytest.raises(InputError) as info:
        read_document(big)
    assert info.value.code == "file-too-large" and "big.txt" in str(info.value)


def test_zip_that_is_not_docx(tmp_path):
    import zipfile

    path = tmp_path / "archive.zip"
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("a.txt", "hello")
    with pytest.raises(InputError) as info:
        read_document(path)
    assert info.value.code == "unsupported-format"


def _body_lines(data: bytes) -> list[str]:
    """The texts of a plain-text flier's blocks, headings left out (offsets checked)."""
    doc = read_document(data, name="flier.txt")
    _check_offsets(doc)
    return [b.text for b in doc.blocks if b.kind is not BlockKind.HEADING]


def test_a_line_wrapped_mid_sentence_is_joined_whatever_its_first_letter() -> None:
    data = (b"Acme Logger\n\n"
            b"Early-delivery slots for the spring term are limited; book one by\n"
            b"30 April 2026 to secure it.\n"
            b"Hi all, as promised at the meeting, here is the one-pager for the\n"
            b"Ashgrove package.\n"
            b"Logger: \xe2\x82\xac189 each\n"
            b"Packs of 10: \xe2\x82\xac1,690\n"
            b"Free shipping\n"
            b"Two-year warranty\n")
    assert _body_lines(data) == [
        "Early-delivery slots for the spring term are limited; book one by 30 April 2026 to "
        "secure it.",
        "Hi all, as promised at the meeting, here is the one-pager for the Ashgrove package.",
        "Logger: €189 each",  # a line of its own: "each" may end one, and both are labelled
        "Packs of 10: €1,690",
        "Free shipping",  # short lines without a stop are lines, not a wrapped sentence
        "Two-year warranty",
    ]


def test_a_list_of_short_lines_is_never_joined_however_they_end() -> None:
    data = (b"Acme Bike\n\nKey features\n"
            b"Lightweight aluminium frame,\n30-mile range,\nFolds in 10 seconds,\n"
            b"2-year warranty.\nTow bar add-on\nWorks with Apple Find My\nBuilt-in\n"
            b"60 cm wide\nHi Dana,\nThanks for the call.\n"
            b"Free installation if you order before\n30 April 2026.\n")
    assert _body_lines(data) == ["Key features", "Lightweight aluminium frame,", "30-mile range,",
                     "Folds in 10 seconds,", "2-year warranty.", "Tow bar add-on",
                     "Works with Apple Find My", "Built-in", "60 cm wide", "Hi Dana,",
                     "Thanks for the call.",
                     # a short line that breaks off on "before" still goes on
                     "Free installation if you order before 30 April 2026."]
