"""Properties every reader keeps, whatever the input."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from benefitkit.errors import InputError
from benefitkit.read import read_document

_LINES = st.lists(
    st.one_of(
        st.text(max_size=60),
        st.sampled_from(["# Title", "* bullet", "- item", "Label: value", "<p>para</p>", "---", "<li>x</li>", "{% x %}", "  ", "SPECS"]),
    ),
    max_size=20,
)


@settings(max_examples=150, deadline=None)
@given(_LINES, st.sampled_from(["f.txt", "f.md", "f.html", "f"]))
def test_text_readers_keep_offsets(lines, name):
    data = "\n".join(lines).encode("utf-8")
    try:
        doc = read_document(data, name=name)
    except InputError:
        return
    for b in doc.blocks:
        assert doc.text[b.start : b.end] == b.text
        assert b.text == b.text.strip() and b.text


@settings(max_examples=150, deadline=None)
@given(st.binary(max_size=300), st.sampled_from(["f.txt", "f.md", "f.html", "f.pdf", "f.docx", "f"]))
def test_arbitrary_bytes_raise_only_input_errors(data, name):
    try:
        doc = read_document(data, name=name)
    except InputError as exc:
        assert exc.code and name in str(exc)
        return
    for b in doc.blocks:
        assert doc.text[b.start : b.end] == b.text
