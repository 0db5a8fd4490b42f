"""Tiny PDF writer for tests: pages of text lines at chosen positions, or an image-only "scan".

Hand-written so tests control exactly where lines and gaps fall (wrapped
paragraphs, hyphenation, page numbers, columns) with no extra dependency. Text
uses the standard Helvetica font in WinAnsi encoding, as simple PDFs do.
"""
from __future__ import annotations

import zlib


def _escape(text: str) -> bytes:
    raw = text.encode("cp1252")
    return raw.replace(b"\\", b"\\\\").replace(b"(", b"\\(").replace(b")", b"\\)")


def _assemble(objects: list[bytes]) -> bytes:
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n".encode() + body + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    for offset in offsets:
        out += f"{offset:010d} 00000 n \n".encode()
    out += f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R /Info 2 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    return bytes(out)


def _stream(content: bytes, extra: str = "") -> bytes:
    packed = zlib.compress(content)
    return f"<< /Length {len(packed)} /Filter /FlateDecode {extra}>>\nstream\n".encode() + packed + b"\nendstream"


def make_pdf(pages: list[list[tuple]], title: str = "", size: float = 11) -> bytes:
    """A PDF whose pages hold (x, y, text) lines; y is from the bottom of an A4 page (842 pt high).

    A line may be (x, y, text, size) to set its own type size (a heading's, say).
    """
    objects: list[bytes] = [b"", b""]  # catalog and info, filled in below
    font = len(objects) + 1
    objects.append(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>")
    pages_ref = len(objects) + 1
    objects.append(b"")  # the page tree, filled in below
    kids = []
    for lines in pages:
        content = b"".join(b"BT /F1 %.1f Tf 1 0 0 1 %.1f %.1f Tm (" % (line[3] if len(line) > 3 else size,
                                                                         line[0], line[1])
                           + _escape(line[2]) + b") Tj ET\n" for line in lines)
        objects.append(_stream(content))
        contents = len(objects)
        objects.append(f"<< /Type /Page /Parent {pages_ref} 0 R /MediaBox [0 0 595 842] "
                       f"/Resources << /Font << /F1 {font} 0 R >> >> /Contents {contents} 0 R >>".encode())
        kids.append(len(objects))
    objects[0] = f"<< /Type /Catalog /Pages {pages_ref} 0 R >>".encode()
    objects[1] = b"<< /Title (" + _escape(title) + b") /Producer (tests) >>"
    objects[pages_ref - 1] = (f"<< /Type /Pages /Count {len(kids)} /Kids ["
                              + " ".join(f"{k} 0 R" for k in kids) + "] >>").encode()
    return _assemble(objects)


def make_scanned_pdf(pages: int = 2) -> bytes:
    """Pages that hold only a picture (a grey square), as a scanner makes them: no text layer."""
    objects: list[bytes] = [b"", b"<< /Producer (scanner) >>"]
    pixels = bytes(range(64)) * 64  # 64x64 grey levels
    objects.append(_stream(pixels, "/Type /XObject /Subtype /Image /Width 64 /Height 64 "
                                   "/ColorSpace /DeviceGray /BitsPerComponent 8 "))
    image = len(objects)
    pages_ref = len(objects) + 1
    objects.append(b"")
    kids = []
    for _ in range(pages):
        objects.append(_stream(b"q 500 0 0 700 40 70 cm /Im1 Do Q\n"))
        contents = len(objects)
        objects.append(f"<< /Type /Page /Parent {pages_ref} 0 R /MediaBox [0 0 595 842] "
                       f"/Resources << /XObject << /Im1 {image} 0 R >> >> /Contents {contents} 0 R >>".encode())
        kids.append(len(objects))
    objects[0] = f"<< /Type /Catalog /Pages {pages_ref} 0 R >>".encode()
    objects[pages_ref - 1] = (f"<< /Type /Pages /Count {len(kids)} /Kids ["
                              + " ".join(f"{k} 0 R" for k in kids) + "] >>").encode()
    return _assemble(objects)


def wrap(text: str, width: int) -> list[str]:
    lines, line = [], ""
    for word in text.split():
        if line and len(line) + 1 + len(word) > width:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}".strip()
    if line:
        lines.append(line)
    return lines


def article_pages(paragraphs: list[list[str]], lines_per_page: int, gap: bool = True,
                  page_numbers: bool = True, header: str = "") -> list[list[tuple[float, float, str]]]:
    """Lay out pre-wrapped paragraphs top to bottom, a blank line's gap between them if gap."""
    pages: list[list[tuple[float, float, str]]] = [[]]
    y = 780.0
    def new_page() -> None:
        nonlocal y
        pages.append([])
        y = 780.0
    for index, lines in enumerate(paragraphs):
        if index and gap:
            y -= 14
        for line in lines:
            if len([row for row in pages[-1] if row[1] > 80 and row[2] != header]) >= lines_per_page:
                new_page()
            pages[-1].append((72.0, y, line))
            y -= 14
    for number, page in enumerate(pages, start=1):
        if header:
            page.insert(0, (72.0, 810.0, header))
        if page_numbers:
            page.append((290.0, 40.0, str(number)))
    return pages
