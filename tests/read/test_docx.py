"""The DOCX reader on documents built in the tests with python-docx."""

from __future__ import annotations

import io
import zipfile

import docx
import pytest
from docx.enum.style import WD_STYLE_TYPE
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import nsdecls, qn
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from benefitkit.errors import InputError
from benefitkit.read.document import Document
from benefitkit.read.docx import read_docx
from benefitkit.vocab import BlockKind


def to_bytes(document: docx.document.Document) -> bytes:
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def kinds(doc: Document) -> list[tuple[str, str]]:
    return [(b.kind.value, b.text) for b in doc.blocks]


def flier() -> bytes:
    d = docx.Document()
    d.add_heading("Acme Widget Pro", 0)
    d.add_paragraph("Trade one-sheet")
    d.add_heading("Key features", 1)
    d.add_paragraph("Prints 300 labels per minute", style="List Bullet")
    d.add_paragraph("Works with every label design tool", style="List Number")
    specs = d.add_table(rows=3, cols=2)
    specs.cell(1, 0).text, specs.cell(1, 1).text = "Weight", "2.4 kg"
    specs.cell(2, 0).text, specs.cell(2, 1).text = "Colour:", "Black"
    d.add_heading("Pricing", 2)
    d.add_paragraph().add_run("Ordering").bold = True
    d.add_paragraph("Price: $1,299 per unit")
    models = d.add_table(rows=1, cols=3)
    for cell, text in zip(models.rows[0].cells, ("AWP-1", "2 ports", "$999"), strict=True):
        cell.text = text
    d.add_paragraph("Quote valid for 30 days.")
    return to_bytes(d)


def test_styles_and_tables_in_document_order() -> None:
    doc = read_docx(flier(), "flier.docx")
    assert kinds(doc) == [
        ("heading", "Acme Widget Pro"),
        ("paragraph", "Trade one-sheet"),
        ("heading", "Key features"),
        ("bullet", "Prints 300 labels per minute"),
        ("bullet", "Works with every label design tool"),
        ("table_row", "Weight: 2.4 kg"),
        ("table_row", "Colour: Black"),
        ("heading", "Pricing"),
        ("heading", "Ordering"),
        ("key_value", "Price: $1,299 per unit"),
        ("table_row", "AWP-1 | 2 ports | $999"),
        ("paragraph", "Quote valid for 30 days."),
    ]
    for block in doc.blocks:
        assert doc.text[block.start : block.end] == block.text


def _table(d: docx.document.Document, rows: list[tuple[str, str]]) -> docx.table.Table:
    table = d.add_table(rows=len(rows), cols=2)
    for i, (a, b) in enumerate(rows):
        table.cell(i, 0).text, table.cell(i, 1).text = a, b
    return table


def test_a_row_naming_the_columns_is_not_read() -> None:
    d = docx.Document()
    _table(d, [("Plan", "Price"), ("Team", "$49 a month"), ("Business", "$99 a month")])
    # Word's "repeat as header row" mark says so for a row of names without figures
    marked = _table(d, [("Warranty", "Support"), ("3 years", "24/7 phone")])
    marked.rows[0]._tr.get_or_add_trPr().append(OxmlElement("w:tblHeader"))
    # the first row of a label-value table is data, figures below or not
    _table(d, [("Material", "Stainless steel"), ("Weight", "2.4 kg"), ("Capacity", "5 L")])
    _table(d, [("Colour", "Black"), ("Finish", "Matte"), ("Frame", "Steel")])
    # a marked row with a figure in it states something: kept
    figures = _table(d, [("Ships in", "2 days"), ("Returns", "30 days")])
    figures.rows[0]._tr.get_or_add_trPr().append(OxmlElement("w:tblHeader"))
    assert [b.text for b in read_docx(to_bytes(d), "t.docx").blocks] == [
        "Team: $49 a month", "Business: $99 a month",
        "3 years: 24/7 phone",
        "Material: Stainless steel", "Weight: 2.4 kg", "Capacity: 5 L",
        "Colour: Black", "Finish: Matte", "Frame: Steel",
        "Ships in: 2 days", "Returns: 30 days",
    ]


def test_title_levels_and_labels() -> None:
    doc = read_docx(flier(), "flier.docx")
    assert doc.format == "docx"
    assert doc.title == "Acme Widget Pro"
    levels = [(b.text, b.level) for b in doc.blocks if b.kind is BlockKind.HEADING]
    assert levels == [("Acme Widget Pro", 1), ("Key features", 1), ("Pricing", 2), ("Ordering", 3)]
    labels = [b.label for b in doc.blocks if b.kind in (BlockKind.TABLE_ROW, BlockKind.KEY_VALUE)]
    assert labels == ["Weight", "Colour", "Price", None]


def test_numbering_properties_make_a_bullet() -> None:
    d = docx.Document()
    p = d.add_paragraph("Free on-site training")
    num_pr = OxmlElement("w:numPr")
    for tag, value in (("w:ilvl", "0"), ("w:numId", "1")):
        el = OxmlElement(tag)
        el.set(qn("w:val"), value)
        num_pr.append(el)
    p._p.get_or_add_pPr().append(num_pr)
    doc = read_docx(to_bytes(d), "numbered.docx")
    assert kinds(doc) == [("bullet", "Free on-site training")]


def test_custom_style_based_on_a_heading() -> None:
    d = docx.Document()
    style = d.styles.add_style("Section Head", WD_STYLE_TYPE.PARAGRAPH)
    style.base_style = d.styles["Heading 2"]
    d.add_paragraph("Support", style="Section Head")
    d.add_paragraph("Replies within one hour.")
    doc = read_docx(to_bytes(d), "custom.docx")
    assert [(b.kind, b.level) for b in doc.blocks] == [
        (BlockKind.HEADING, 2),
        (BlockKind.PARAGRAPH, 0),
    ]


def test_layout_table_is_read_cell_by_cell() -> None:
    d = docx.Document()
    d.add_heading("Beehouse Dripper", 0)
    layout = d.add_table(rows=1, cols=2)
    left, right = layout.rows[0].cells
    left.paragraphs[0].add_run("Highlights").bold = True
    left.add_paragraph("Lead free ceramic", style="List Bullet")
    left.add_paragraph("Holds 20 g of coffee", style="List Bullet")
    right.paragraphs[0].add_run("Pricing").bold = True
    right.add_paragraph("Our price: $9.95", style="List Bullet")
    doc = read_docx(to_bytes(d), "layout.docx")
    assert kinds(doc) == [
        ("heading", "Beehouse Dripper"),
        ("heading", "Highlights"),
        ("bullet", "Lead free ceramic"),
        ("bullet", "Holds 20 g of coffee"),
        ("heading", "Pricing"),
        ("bullet", "Our price: $9.95"),
    ]


def test_merged_cells_are_read_once() -> None:
    d = docx.Document()
    table = d.add_table(rows=2, cols=2)
    table.cell(0, 0).text, table.cell(0, 1).text = "Price", "$235.00"
    merged = table.cell(1, 0).merge(table.cell(1, 1))
    merged.text = "Free delivery: UK mainland"
    doc = read_docx(to_bytes(d), "merged.docx")
    assert kinds(doc) == [
        ("table_row", "Price: $235.00"),
        ("key_value", "Free delivery: UK mainland"),
    ]


def test_soft_line_breaks_split_lines() -> None:
    d = docx.Document()
    p = d.add_paragraph()
    run = p.add_run("Price: $5 per unit")
    run.add_break()
    p.add_run("Lead time: 2 weeks")
    doc = read_docx(to_bytes(d), "breaks.docx")
    assert kinds(doc) == [("key_value", "Price: $5 per unit"), ("key_value", "Lead time: 2 weeks")]


def test_tab_separated_label_and_value() -> None:
    d = docx.Document()
    d.add_paragraph("Weight\t2.4 kg")
    d.add_paragraph("A sentence that has a stray tab\tin the middle of it.")
    doc = read_docx(to_bytes(d), "tabs.docx")
    assert [(b.kind, b.text, b.label) for b in doc.blocks] == [
        (BlockKind.TABLE_ROW, "Weight: 2.4 kg", "Weight"),
        (BlockKind.PARAGRAPH, "A sentence that has a stray tab in the middle of it.", None),
    ]


def test_text_box_is_read_after_its_paragraph() -> None:
    d = docx.Document()
    d.add_paragraph("Intro text.")
    box = parse_xml(
        f'<w:p {nsdecls("w")} xmlns:v="urn:schemas-microsoft-com:vml"><w:r><w:pict><v:shape>'
        "<v:textbox><w:txbxContent><w:p><w:r><w:t>Call 0800 123 456 to order</w:t></w:r></w:p>"
        "</w:txbxContent></v:textbox></v:shape></w:pict></w:r></w:p>"
    )
    d.element.body.insert(1, box)
    d.add_paragraph("Closing text.")
    doc = read_docx(to_bytes(d), "box.docx")
    assert [b.text for b in doc.blocks] == [
        "Intro text.",
        "Call 0800 123 456 to order",
        "Closing text.",
    ]


def test_title_falls_back_to_core_properties() -> None:
    d = docx.Document()
    d.core_properties.title = "Widget one-sheet"
    d.add_paragraph("Just text.")
    assert read_docx(to_bytes(d), "props.docx").title == "Widget one-sheet"


def _zip_without_document() -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as zf:
        zf.writestr("[Content_Types].xml", "<Types/>")
        zf.writestr("hello.txt", "not a document")
    return out.getvalue()


@pytest.mark.parametrize(
    "data",
    [
        pytest.param(flier()[:2000], id="truncated"),
        pytest.param(b"PK\x03\x04" + b"\x00" * 64, id="bad-zip"),
        pytest.param(_zip_without_document(), id="no-document-part"),
        pytest.param(b"plain text, not a docx", id="text"),
    ],
)
def test_damaged_docx(data: bytes) -> None:
    with pytest.raises(InputError) as info:
        read_docx(data, "broken.docx")
    assert info.value.code == "corrupt-docx"
    assert info.value.path == "broken.docx"
    assert "broken.docx" in str(info.value)


_VALID = flier()


@st.composite
def _damaged(draw: st.DrawFn) -> bytes:
    data = bytearray(_VALID)
    for _ in range(draw(st.integers(1, 6))):
        at = draw(st.integers(0, len(data) - 1))
        data[at : at + 1] = draw(st.binary(min_size=0, max_size=3))
    return bytes(data)


@st.composite
def _damaged_xml(draw: st.DrawFn) -> bytes:
    """A sound zip whose document.xml is cut or has bytes changed."""
    src = zipfile.ZipFile(io.BytesIO(_VALID))
    xml = bytearray(src.read("word/document.xml"))
    for _ in range(draw(st.integers(1, 4))):
        at = draw(st.integers(0, len(xml) - 1))
        xml[at : at + 1] = draw(st.sampled_from([b"", b"<", b">", b"/", b"w:p", b"\xff", b"x"]))
    if draw(st.booleans()):
        xml = xml[: draw(st.integers(0, len(xml)))]
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as dst:
        for item in src.infolist():
            data = bytes(xml) if item.filename == "word/document.xml" else src.read(item)
            dst.writestr(item, data)
    return out.getvalue()


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.one_of(
        st.binary(), st.binary().map(lambda b: b"PK\x03\x04" + b), _damaged(), _damaged_xml()
    )
)
def test_any_bytes_give_a_document_or_an_input_error(data: bytes) -> None:
    try:
        doc = read_docx(data, "fuzz.docx")
    except InputError as exc:
        assert exc.path == "fuzz.docx"
        return
    for block in doc.blocks:
        assert doc.text[block.start : block.end] == block.text
