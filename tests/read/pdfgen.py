"""A tiny PDF writer for reader tests: Helvetica text placed at given points, nothing else.

Tests build their fixtures with it instead of shipping PDF files. It writes PDF 1.4 with the
standard Helvetica fonts (WinAnsiEncoding, so "•" and "–" work), an optional filled
rectangle per page to stand in for a scanned image, and optional RC4 40-bit encryption
(standard security handler, revision 2) so the encrypted-PDF path can be tested without
extra dependencies.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

__all__ = ["Text", "make_pdf"]

_PAD = bytes.fromhex(
    "28BF4E5E4E758A4164004E56FFFA01082E2E00B6D0683E802F0CA9FE6453697A"
)
_DOC_ID = bytes.fromhex("0123456789abcdef0123456789abcdef")


@dataclass(frozen=True)
class Text:
    """One run of text: ``y`` is the baseline measured from the TOP of the page."""

    x: float
    y: float
    text: str
    size: float = 10.0
    bold: bool = False


def _rc4(key: bytes, data: bytes) -> bytes:
    s = list(range(256))
    j = 0
    for i in range(256):
        j = (j + s[i] + key[i % len(key)]) % 256
        s[i], s[j] = s[j], s[i]
    out = bytearray()
    i = j = 0
    for byte in data:
        i = (i + 1) % 256
        j = (j + s[i]) % 256
        s[i], s[j] = s[j], s[i]
        out.append(byte ^ s[(s[i] + s[j]) % 256])
    return bytes(out)


def _escape(text: str) -> bytes:
    raw = text.encode("cp1252")
    return raw.replace(b"\\", b"\\\\").replace(b"(", b"\\(").replace(b")", b"\\)")


def _content(runs: list[Text], height: float, box: bool) -> bytes:
    ops: list[bytes] = []
    if box:
        ops.append(b"0.5 g 72 72 400 600 re f")
    for run in runs:
        font = b"/F2" if run.bold else b"/F1"
        ops.append(
            b"BT %s %.2f Tf %.2f %.2f Td (%s) Tj ET"
            % (font, run.size, run.x, height - run.y, _escape(run.text))
        )
    return b"\n".join(ops)


def make_pdf(
    pages: list[list[Text]],
    *,
    width: float = 612,
    height: float = 792,
    image_only: bool = False,
    user_password: str | None = None,
) -> bytes:
    """Return the bytes of a PDF with one page per list of runs.

    Args:
        pages: the text runs of each page.
        width: page width in points.
        height: page height in points.
        image_only: draw a grey box on each page (a stand-in for a scanned image).
        user_password: encrypt the file so that it needs this password to open.
    """
    n_pages = len(pages)
    # Objects: 1 catalog, 2 pages, 3 F1, 4 F2, then page/content pairs, then encrypt.
    objects: dict[int, bytes] = {}
    streams: dict[int, bytes] = {}
    kids = [5 + 2 * i for i in range(n_pages)]
    objects[1] = b"<< /Type /Catalog /Pages 2 0 R >>"
    objects[2] = b"<< /Type /Pages /Kids [%s] /Count %d >>" % (
        b" ".join(b"%d 0 R" % k for k in kids),
        n_pages,
    )
    for num, name in ((3, b"Helvetica"), (4, b"Helvetica-Bold")):
        objects[num] = (
            b"<< /Type /Font /Subtype /Type1 /BaseFont /%s /Encoding /WinAnsiEncoding >>" % name
        )
    for i, runs in enumerate(pages):
        page_num, content_num = kids[i], kids[i] + 1
        objects[page_num] = (
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 %.2f %.2f] "
            b"/Resources << /Font << /F1 3 0 R /F2 4 0 R >> >> /Contents %d 0 R >>"
            % (width, height, content_num)
        )
        streams[content_num] = _content(runs, height, image_only)

    trailer_extra = b""
    key = b""
    if user_password is not None:
        encrypt_num = 5 + 2 * n_pages
        user = (user_password.encode("latin-1") + _PAD)[:32]
        owner_key = hashlib.md5(user).digest()[:5]
        o_value = _rc4(owner_key, user)
        perms = (-4).to_bytes(4, "little", signed=True)
        key = hashlib.md5(user + o_value + perms + _DOC_ID).digest()[:5]
        u_value = _rc4(key, _PAD)
        objects[encrypt_num] = b"<< /Filter /Standard /V 1 /R 2 /O <%s> /U <%s> /P -4 >>" % (
            o_value.hex().encode(),
            u_value.hex().encode(),
        )
        trailer_extra = b" /Encrypt %d 0 R" % encrypt_num

    for num, data in streams.items():
        if key:
            obj_key = hashlib.md5(key + num.to_bytes(3, "little") + b"\x00\x00").digest()[:10]
            data = _rc4(obj_key, data)
        objects[num] = b"<< /Length %d >>\nstream\n%s\nendstream" % (len(data), data)

    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets: dict[int, int] = {}
    for num in sorted(objects):
        offsets[num] = len(out)
        out += b"%d 0 obj\n%s\nendobj\n" % (num, objects[num])
    xref_at = len(out)
    size = max(objects) + 1
    out += b"xref\n0 %d\n0000000000 65535 f \n" % size
    for num in range(1, size):
        out += b"%010d 00000 n \n" % offsets[num]
    out += b"trailer\n<< /Size %d /Root 1 0 R /ID [<%s> <%s>]%s >>\nstartxref\n%d\n%%%%EOF\n" % (
        size,
        _DOC_ID.hex().encode(),
        _DOC_ID.hex().encode(),
        trailer_extra,
        xref_at,
    )
    return bytes(out)
