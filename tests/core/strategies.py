"""Hypothesis strategies for hostile article input: odd text, broken markup, mangled PDFs and raw bytes.

Shared by the property tests and the long fuzz run (HYPOTHESIS_PROFILE=long).
Everything is generated; no binary fixture is committed.
"""
from __future__ import annotations

import re
import zlib

from hypothesis import strategies as st

# Characters that break naive text handling, each for a reason.
ZERO_WIDTH = "\u200b\u200c\u200d\u2060\ufeff\u00ad"
BIDI = "\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u061c"
SEPARATORS = "\u2028\u2029\x85\r\n\t\x0b\x0c\u00a0\u3000\u1680"
CONTROLS = "".join(chr(c) for c in range(0x00, 0x20)) + "\x7f" + "".join(chr(c) for c in range(0x80, 0xa0))
SPECIALS = [
    *ZERO_WIDTH, *BIDI, *SEPARATORS, *CONTROLS,
    "👩‍👩‍👧", "🇵🇰", "👍🏽", "🏳️‍🌈", "😀", "𝔘𝔫𝔦𝔠𝔬𝔡𝔢",  # astral characters and ZWJ sequences
    "e\u0301", "\u0301", "ﷺ", "ﬁ", "Ⅻ", "İ", "ß", "ǅ",  # combining marks, ligatures, case oddities
    "\ufffd", "\uffff", "\U0010ffff", "\ue000",  # replacement, non-characters, private use
]
# Words the model tags as entities, in several scripts, so the entity and key point layers get work.
WORDS = [
    "Imran Khan", "Japan", "JICA", "Pakistan", "Khusro Bakhtyar", "Monday", "$5 million", "the United Nations",
    "Tokyo", "Reuters", "Khan's", "U.S.", "Mr.", "said", "met", "the", "minister", "on", "in", "and", "a",
    "3.5 percent", "2021", "first", "New York", "BBC", "Dr", "Apple Inc.", "Ltd.", "-", "—", "(", ")", ".", ",",
    "“", "”", "'", "\"", "...", ":", ";", "!", "?",
    "日本の首相", "東京", "北京市", "习近平", "서울", "عمران خان", "پاکستان", "ישראל", "ירושלים", "Москва",
    "Путин", "Ελλάδα", "हिन्दी", "ภาษาไทย",
]

word = st.sampled_from(WORDS)
special = st.sampled_from(SPECIALS)
gap = st.sampled_from([" ", " ", " ", "", "\n", "\n\n", ". ", ", ", "\t", "  "])


@st.composite
def news_like_text(draw, max_parts: int = 60) -> str:
    """Text made of entity-bearing words, hostile characters and arbitrary Unicode, in any mix."""
    parts = draw(st.lists(st.one_of(word, word, special, st.text(max_size=12)), max_size=max_parts))
    out = []
    for part in parts:
        out.append(part)
        out.append(draw(gap))
    return "".join(out)


@st.composite
def huge_line(draw) -> str:
    """One long line with no line break: a repeated unit, with or without spaces."""
    unit = draw(st.one_of(
        st.text(alphabet=st.characters(blacklist_categories=("Cs", "Zl", "Zp"), blacklist_characters="\n\r"),
                min_size=1, max_size=8),
        st.sampled_from(["a", "Khan", "東京", "عمران", "👩‍👩‍👧", "\u200b", "x\u0301", "Japan-", "A.B."]),
    ))
    # Just above the model's 20,000-character pieces; a longer line only repeats the same work.
    size = draw(st.integers(min_value=20_500, max_value=45_000))
    line = (unit * (size // len(unit) + 1))[:size]
    if draw(st.booleans()):
        line = draw(word) + " " + line + " " + draw(word)
    return line


any_text = st.one_of(news_like_text(), st.text(max_size=300))


# -- files --
TEXT_ENCODINGS = ["utf-8", "utf-8-sig", "utf-16", "utf-16-le", "utf-16-be", "utf-32", "latin-1", "cp1252",
                  "gb18030", "shift_jis", "cp1256", "koi8-r", "iso-8859-8"]


@st.composite
def encoded_text(draw) -> bytes:
    encoding = draw(st.sampled_from(TEXT_ENCODINGS))
    return draw(any_text).encode(encoding, errors="ignore")


tag_name = st.sampled_from(["p", "div", "span", "h1", "h2", "article", "main", "header", "footer", "nav",
                            "script", "style", "title", "meta", "a", "img", "br", "table", "tr", "td", "li",
                            "ul", "pre", "code", "figure", "figcaption", "time", "noscript", "svg", "iframe",
                            "template", "textarea", "html", "head", "body", "x-custom", "?xml", "!--", "!DOCTYPE"])
attribute = st.builds(
    lambda name, value, quote: f' {name}={quote}{value}{quote}',
    st.sampled_from(["class", "id", "href", "content", "property", "name", "datetime", "style", "onload",
                     "lang", "dir", "charset", "http-equiv", "data-x"]),
    st.one_of(st.sampled_from(["article", "og:title", "author", "2021-09-06T15:48:00Z", "rtl", "utf-8",
                               "javascript:alert(1)", "text/html; charset=shift_jis", "x\"y", "&amp;"]),
              st.text(max_size=20)),
    st.sampled_from(['"', "'", ""]),
)


def _element(children):
    return st.builds(
        lambda tag, attrs, inner, close: f"<{tag}{''.join(attrs)}>{''.join(inner)}" + (f"</{tag}>" if close else ""),
        tag_name, st.lists(attribute, max_size=3), st.lists(children, max_size=4), st.booleans())


html_fragment = st.recursive(st.one_of(any_text, st.sampled_from(["&amp;", "&#0;", "&#x110000;", "&nbsp;", "&bogus",
                                                                   "<", ">", "]]>", "<![CDATA[", "</p>"])),
                             _element, max_leaves=30)


@st.composite
def html_document(draw) -> bytes:
    body = draw(html_fragment)
    if draw(st.booleans()):
        body = f"<html><head><title>{draw(any_text)}</title></head><body><article>{body}</article></body></html>"
    encoding = draw(st.sampled_from(["utf-8", "utf-16", "latin-1", "cp1252", "shift_jis"]))
    return body.encode(encoding, errors="ignore")


markdown_line = st.one_of(
    any_text,
    st.builds(lambda level, text: "#" * level + " " + text, st.integers(1, 7), any_text),
    st.builds(lambda text: f"* {text}", any_text),
    st.builds(lambda text, url: f"[{text}]({url})", any_text, st.text(max_size=20)),
    st.sampled_from(["```", "---", "> quote", "| a | b |", "|---|---|", "![img](x.png)", "<div>", "***", "\\",
                     "[^1]: note", "    code", "<!-- c -->", "1. one"]),
)


@st.composite
def markdown_document(draw) -> bytes:
    lines = draw(st.lists(markdown_line, max_size=30))
    return "\n".join(lines).encode("utf-8", errors="ignore")


def minimal_pdf(text: str) -> bytes:
    """A valid one-page PDF whose page shows text, with a correct cross-reference table."""
    safe = re.sub(r"[()\\]", " ", text.encode("latin-1", errors="ignore").decode("latin-1"))
    stream = zlib.compress(f"BT /F1 12 Tf 72 720 Td ({safe}) Tj ET".encode("latin-1"))
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(stream) + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        b"<< /Title (Fuzz) >>",
    ]
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for offset in offsets:
        out += b"%010d 00000 n \n" % offset
    out += b"trailer\n<< /Size %d /Root 1 0 R /Info 6 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


@st.composite
def mangled_pdf(draw) -> bytes:
    """A real PDF, then cut, overwritten, with its cross-references broken, or left whole."""
    data = bytearray(minimal_pdf(draw(any_text)))
    mutation = draw(st.sampled_from(["whole", "truncate", "flip", "xref", "startxref", "splice"]))
    if mutation == "truncate":
        data = data[:draw(st.integers(0, len(data)))]
    elif mutation == "flip":
        for _ in range(draw(st.integers(1, 20))):
            position = draw(st.integers(0, len(data) - 1))
            data[position] = draw(st.integers(0, 255))
    elif mutation == "xref":
        data = bytearray(re.sub(rb"\d{10} 00000 n", lambda m: b"%010d 00000 n" % draw(st.integers(0, 10**9)),
                                bytes(data)))
    elif mutation == "startxref":
        data = bytearray(re.sub(rb"startxref\n\d+", b"startxref\n%d" % draw(st.integers(0, 10**12)), bytes(data)))
    elif mutation == "splice":
        position = draw(st.integers(0, len(data)))
        data[position:position] = draw(st.binary(max_size=200))
    return bytes(data)


# (file suffix, bytes) for each kind of article file the loaders accept, and for unknown ones.
FILE_KINDS = {
    "text": st.tuples(st.sampled_from([".txt", ".text", ""]), st.one_of(encoded_text(), st.binary(max_size=2048))),
    "html": st.tuples(st.sampled_from([".html", ".htm", ".xhtml"]), html_document()),
    "markdown": st.tuples(st.sampled_from([".md", ".markdown"]), markdown_document()),
    "pdf": st.tuples(st.just(".pdf"), mangled_pdf()),
    "other": st.tuples(st.sampled_from([".bin", ".docx", ".json", ".PDF", ".HTML"]),
                       st.one_of(st.binary(max_size=2048), html_document(), mangled_pdf())),
}
article_file = st.one_of(*FILE_KINDS.values())
