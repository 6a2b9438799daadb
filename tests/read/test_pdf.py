"""The PDF reader on fliers generated in the tests (see pdfgen.py): layout, kinds, errors."""

from __future__ import annotations

import string

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pdfgen import Text, make_pdf

from benefitkit.errors import InputError
from benefitkit.read.document import Document
from benefitkit.read.pdf import read_pdf
from benefitkit.vocab import BlockKind

T = Text

SINGLE = [
    T(72, 80, "Acme Widget Pro 3000 Industrial", 24, bold=True),
    T(72, 108, "Label Printer", 24, bold=True),
    T(72, 132, "Trade one-sheet", 10),
    T(72, 165, "Key features", 14, bold=True),
    T(72, 185, "• Prints 300 labels per minute", 10),
    T(72, 199, "• Works with Windows, macOS and Linux desktops and with every", 10),
    T(81, 211, "major label design tool on the market", 10),
    T(72, 225, "• 3-year on-site warranty", 10),
    T(72, 260, "Price and ordering", 14, bold=True),
    # Set solid (1.2 em apart): only the text tells these lines apart.
    T(72, 280, "Price: $1,299 per unit", 10),
    T(72, 292, "Lead time: 2 weeks", 10),
    T(72, 304, "Quote valid for 30 days", 10),
    T(72, 316, "Order online: https://orders.example.net/acme-widget-pro-3000-", 10),
    T(72, 328, "industrial", 10),
    T(72, 340, "SKU: AWP-3000", 10),
]

TWO_COLUMNS = [
    T(72, 80, "Contoso Cloud Backup for Clinics and Small Offices", 20, bold=True),
    T(72, 120, "Performance", 12, bold=True),
    T(320, 120, "Support", 12, bold=True),
    T(72, 136, "Backups finish in under ten minutes for", 10),
    T(320, 136, "Our help desk answers within one hour,", 10),
    T(72, 149, "a typical clinic with fifty desktops.", 10),
    T(320, 149, "every day of the year, by phone or chat.", 10),
    T(72, 165, "Restores run at 2 GB per second.", 10),
    T(320, 165, "Onboarding is free for the first year.", 10),
]

PROSE_COLUMNS = [
    T(72, 100, "The left column starts here and runs on over", 10),
    T(320, 100, "The right column has its own text that reads", 10),
    T(72, 113, "several lines of ordinary prose about the", 10),
    T(320, 113, "on for a while before it comes to an end", 10),
    T(72, 126, "product until the paragraph ends here.", 10),
    T(320, 126, "at the bottom of the right hand column.", 10),
]

TABLE = [
    T(72, 80, "Specifications", 14, bold=True),
    T(72, 100, "Weight", 10),
    T(250, 100, "2.4 kg", 10),
    T(72, 114, "Dimensions", 10),
    T(250, 114, "30 x 20 x 10 cm", 10),
    T(72, 140, "Model", 10),
    T(200, 140, "Ports", 10),
    T(330, 140, "Price", 10),
]


def read(runs: list[Text] | list[list[Text]], name: str = "flier.pdf") -> Document:
    pages = runs if runs and isinstance(runs[0], list) else [runs]
    return read_pdf(make_pdf(pages), name)  # type: ignore[arg-type]


def kinds(doc: Document) -> list[tuple[str, str]]:
    return [(b.kind.value, b.text) for b in doc.blocks]


def assert_offsets(doc: Document) -> None:
    for block in doc.blocks:
        assert doc.text[block.start : block.end] == block.text


def test_single_column_blocks_in_order() -> None:
    doc = read(SINGLE)
    assert kinds(doc) == [
        ("heading", "Acme Widget Pro 3000 Industrial Label Printer"),
        ("paragraph", "Trade one-sheet"),
        ("heading", "Key features"),
        ("bullet", "Prints 300 labels per minute"),
        ("bullet", "Works with Windows, macOS and Linux desktops and with every major "
                   "label design tool on the market"),
        ("bullet", "3-year on-site warranty"),
        ("heading", "Price and ordering"),
        ("key_value", "Price: $1,299 per unit"),
        ("key_value", "Lead time: 2 weeks"),
        ("paragraph", "Quote valid for 30 days"),
        ("key_value", "Order online: https://orders.example.net/acme-widget-pro-3000-industrial"),
        ("key_value", "SKU: AWP-3000"),
    ]
    assert_offsets(doc)


def test_title_levels_labels_pages_and_boxes() -> None:
    doc = read(SINGLE)
    assert doc.format == "pdf"
    assert doc.pages == 1
    assert doc.title == "Acme Widget Pro 3000 Industrial Label Printer"
    headings = [(b.text, b.level) for b in doc.blocks if b.kind is BlockKind.HEADING]
    assert headings[0][1] == 1
    assert {level for _, level in headings[1:]} == {2}
    labels = {b.label for b in doc.blocks if b.kind is BlockKind.KEY_VALUE}
    assert labels == {"Price", "Lead time", "Order online", "SKU"}
    title, second = doc.blocks[0], doc.blocks[1]
    assert title.bbox is not None and second.bbox is not None
    # Boxes are (x0, top, x1, bottom) measured down from the top of the page.
    x0, top, x1, bottom = title.bbox
    assert 70 <= x0 < x1 <= 612 and 40 < top < bottom < 120
    assert second.bbox[1] > bottom
    assert all(b.page == 1 for b in doc.blocks)


def test_wrapped_bullet_is_one_block() -> None:
    doc = read(SINGLE)
    bullets = [b.text for b in doc.blocks if b.kind is BlockKind.BULLET]
    assert "Works with Windows, macOS and Linux desktops and with every major label design " \
           "tool on the market" in bullets
    assert not any(t.startswith("•") for t in bullets)


def test_url_broken_across_lines_is_joined_without_space() -> None:
    doc = read(SINGLE)
    assert "https://orders.example.net/acme-widget-pro-3000-industrial" in doc.text


def test_two_columns_read_column_by_column() -> None:
    doc = read(TWO_COLUMNS)
    assert kinds(doc) == [
        ("heading", "Contoso Cloud Backup for Clinics and Small Offices"),
        ("heading", "Performance"),
        (
            "paragraph",
            "Backups finish in under ten minutes for a typical clinic with fifty desktops.",
        ),
        ("paragraph", "Restores run at 2 GB per second."),
        ("heading", "Support"),
        (
            "paragraph",
            "Our help desk answers within one hour, every day of the year, by phone or chat.",
        ),
        ("paragraph", "Onboarding is free for the first year."),
    ]


def test_prose_columns_on_one_baseline_grid_are_not_a_table() -> None:
    doc = read(PROSE_COLUMNS)
    assert [b.kind for b in doc.blocks] == [BlockKind.PARAGRAPH, BlockKind.PARAGRAPH]
    assert doc.blocks[0].text.startswith("The left column")
    assert doc.blocks[0].text.endswith("the paragraph ends here.")
    assert doc.blocks[1].text.startswith("The right column")


def test_columns_around_a_full_width_paragraph() -> None:
    doc = read([
        T(72, 80, "Mixed Layout", 20, bold=True),
        T(72, 110, "Left one starts the text and", 10),
        T(320, 110, "Right one starts its text and", 10),
        T(72, 123, "ends here in the left.", 10),
        T(320, 123, "ends here in the right.", 10),
        T(72, 150, "A full-width paragraph spans both columns and reads straight across.", 10),
        T(72, 175, "Lower left column text that", 10),
        T(320, 175, "Lower right column text that", 10),
        T(72, 188, "wraps once on the left.", 10),
        T(320, 188, "wraps once on the right.", 10),
    ])
    assert [b.text for b in doc.blocks] == [
        "Mixed Layout",
        "Left one starts the text and ends here in the left.",
        "Right one starts its text and ends here in the right.",
        "A full-width paragraph spans both columns and reads straight across.",
        "Lower left column text that wraps once on the left.",
        "Lower right column text that wraps once on the right.",
    ]


def test_centred_title_over_two_lines() -> None:
    doc = read([
        T(180, 80, "A Centred Product Title That", 20, bold=True),
        T(220, 104, "Wraps To Two Lines", 20, bold=True),
        T(72, 140, "Body text of the flier runs here, long enough to be the body.", 10),
        T(72, 154, "Another body line with more words than the title has.", 10),
    ])
    assert doc.title == "A Centred Product Title That Wraps To Two Lines"
    assert doc.blocks[0].kind is BlockKind.HEADING


def test_table_rows() -> None:
    doc = read(TABLE)
    rows = [(b.text, b.label) for b in doc.blocks if b.kind is BlockKind.TABLE_ROW]
    assert rows == [
        ("Weight: 2.4 kg", "Weight"),
        ("Dimensions: 30 x 20 x 10 cm", "Dimensions"),
        ("Model | Ports | Price", None),
    ]


def test_pages_and_running_footer() -> None:
    footer = T(72, 770, "Acme Corp. All rights reserved.", 8)
    doc = read([[*SINGLE, footer], [T(72, 80, "Second page text.", 10), footer]])
    assert doc.pages == 2
    assert [b.page for b in doc.blocks][-1] == 2
    assert doc.text.count("All rights reserved") == 1
    assert_offsets(doc)


def test_corrupt_pdf() -> None:
    with pytest.raises(InputError) as info:
        read_pdf(b"%PDF-1.7\nthis is not really a PDF\n%%EOF\n", "broken.pdf")
    assert info.value.code == "corrupt-pdf"
    assert info.value.path == "broken.pdf"
    assert "broken.pdf" in str(info.value)


def test_encrypted_pdf() -> None:
    data = make_pdf([SINGLE], user_password="s3cret")
    with pytest.raises(InputError) as info:
        read_pdf(data, "locked.pdf")
    assert info.value.code == "encrypted-pdf"
    assert info.value.path == "locked.pdf"


def test_pdf_without_text() -> None:
    with pytest.raises(InputError) as info:
        read_pdf(make_pdf([[]], image_only=True), "scan.pdf")
    assert info.value.code == "no-text"
    assert info.value.path == "scan.pdf"
    assert "OCR" in (info.value.hint or "")


_VALID = make_pdf([SINGLE, TABLE])


@st.composite
def _damaged(draw: st.DrawFn) -> bytes:
    data = bytearray(_VALID)
    for _ in range(draw(st.integers(1, 8))):
        at = draw(st.integers(0, len(data) - 1))
        data[at : at + 1] = draw(st.binary(min_size=0, max_size=3))
    if draw(st.booleans()):
        data = data[: draw(st.integers(0, len(data)))]
    return bytes(data)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.one_of(st.binary(max_size=600).map(lambda b: b"%PDF-1.4\n" + b), st.binary(), _damaged()))
def test_any_bytes_give_a_document_or_an_input_error(data: bytes) -> None:
    try:
        doc = read_pdf(data, "fuzz.pdf")
    except InputError as exc:
        assert exc.path == "fuzz.pdf"
        return
    assert_offsets(doc)
    for block in doc.blocks:
        assert block.text and 1 <= block.page <= doc.pages


_WORD = st.text(alphabet=string.ascii_letters, min_size=3, max_size=9)
_RUN = st.builds(
    Text,
    x=st.floats(20, 300),
    y=st.floats(40, 760),
    text=st.lists(_WORD, min_size=1, max_size=4).map(" ".join),
    size=st.floats(6, 24),
    bold=st.booleans(),
)


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(_RUN, min_size=1, max_size=25))
def test_any_layout_keeps_every_word(runs: list[Text]) -> None:
    doc = read(runs)
    assert_offsets(doc)
    for run in runs:
        for word in run.text.split():
            assert word in doc.text
