"""An article with structure, written for the tests: sub-headings, both kinds of list, a quotation, a figure.

The same story as a saved web page ("Web page, complete": the page and its
picture in a folder beside it, among the site's menus, logo and ads), as
Markdown and as plain text, so tests can check that each loader gives the same
kinds of block, and a small PNG writer (no Qt) for the picture.
"""
from __future__ import annotations

import struct
import zlib
from html import escape
from pathlib import Path

TITLE = "Harbour council backs tidal energy plan"
LEDE = ("The Riverton harbour council voted on Tuesday to back a tidal energy scheme that would power "
        "four thousand homes, ending two years of argument over the estuary 🌊.")
CAPTION = "The first turbine was lowered into the estuary in March."
ALT = "A tidal turbine being lowered into the estuary"
HEADINGS = ["What the scheme includes", "How the vote went"]
INTRO = ["The plan, drawn up by Estuary Power Ltd, has three parts that will be built over five years.",
         "Councillors debated the scheme for four hours before the vote, which followed these steps in order."]
BULLETS = ["Twelve turbines on the estuary bed near Riverton Point.",
           "A cable to the substation at Millbrook, laid under the river 🔌.",
           "A visitor centre on the harbour wall, paid for by the company."]
STEPS = ["The planning officer presented the report on the scheme.",
         "Residents of the harbour spoke for and against the plan.",
         "The council voted eleven to four in favour of the plan."]
QUOTE = "This is the biggest decision the harbour has made in a generation, and we made it together 🎉."
CLOSING = ("The mayor, Thomas Reid, said work on the turbines would begin next spring if the government "
           "approves the grant from the Department for Energy.")

# The blocks every loader should find, in order: (kind, text).
EXPECTED = ([("title", TITLE), ("paragraph", LEDE), ("heading", HEADINGS[0]), ("paragraph", INTRO[0])]
            + [("list_item", item) for item in BULLETS]
            + [("heading", HEADINGS[1]), ("paragraph", INTRO[1])]
            + [("list_item", step) for step in STEPS]
            + [("quote", QUOTE), ("paragraph", CLOSING)])
IMAGE_FILE = "Harbour council_files/turbine.png"  # as a browser names the folder of a saved page


def saved_page(image_src: str = IMAGE_FILE.replace(" ", "%20")) -> str:
    """The story as a news site's page, with the site's logo, an ad and a tracking pixel around it."""
    e = escape
    bullets = "".join(f"<li>{e(item)}</li>" for item in BULLETS)
    steps = "".join(f"<li>{e(step)}</li>" for step in STEPS)
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>{e(TITLE)} | Riverton Courier</title>
<meta property="og:title" content="{e(TITLE)}"><meta property="og:site_name" content="Riverton Courier">
<meta name="author" content="Jane Holloway">
<meta property="article:published_time" content="2024-05-18T10:00:00Z"></head><body>
<header><a href="/"><img src="logo.png" alt="Riverton Courier" width="180" height="40"></a>
<nav><ul><li><a href="/">Home</a></li><li><a href="/news">News</a></li><li><a href="/sport">Sport</a></li></ul></nav>
</header>
<div class="ad"><a href="https://ads.example/click"><img src="https://ads.example/banner.jpg" alt="Cheap flights"></a>
<p>Advertisement: cheap flights to Malaga, book today and save forty per cent!</p></div>
<main><article><h1>{e(TITLE)}</h1>
<p class="byline">By Jane Holloway</p>
<p>{e(LEDE)}</p>
<figure><img src="{e(image_src)}" alt="{e(ALT)}" width="800" height="450"><figcaption>{e(CAPTION)}</figcaption></figure>
<h2>{e(HEADINGS[0])}</h2>
<p>{e(INTRO[0])}</p>
<ul>{bullets}</ul>
<h2>{e(HEADINGS[1])}</h2>
<p>{e(INTRO[1])}</p>
<ol>{steps}</ol>
<blockquote><p>{e(QUOTE)}</p></blockquote>
<p>{e(CLOSING)}</p>
<img src="https://tracker.example/pixel.gif" width="1" height="1" alt="">
</article>
<aside><h2>Most read</h2><ul><li><a href="/a">Library to close early on Mondays</a></li></ul>
<img src="sidebar-promo.jpg" alt="Subscribe"></aside>
</main>
<footer><p>Copyright 2024 Riverton Courier Ltd. All rights reserved.</p></footer>
</body></html>"""


def markdown(image_src: str = IMAGE_FILE.replace(" ", "%20")) -> str:
    bullets = "\n".join(f"- {item}" for item in BULLETS)
    steps = "\n".join(f"{number}. {step}" for number, step in enumerate(STEPS, 1))
    return f"""# {TITLE}

{LEDE}

![{ALT}]({image_src})

*{CAPTION}*

## {HEADINGS[0]}

{INTRO[0]}

{bullets}

## {HEADINGS[1]}

{INTRO[1]}

{steps}

> {QUOTE}

{CLOSING}
"""


def plain_text() -> str:
    bullets = "\n".join(f"• {item}" for item in BULLETS)
    steps = "\n".join(f"{number}. {step}" for number, step in enumerate(STEPS, 1))
    return f"""{TITLE}

{LEDE}

{HEADINGS[0]}

{INTRO[0]}

{bullets}

{HEADINGS[1]}

{INTRO[1]}
{steps}

{QUOTE}

{CLOSING}
"""


def png(width: int = 64, height: int = 36, colour: tuple[int, int, int] = (58, 124, 165)) -> bytes:
    """A PNG picture of one colour, written by hand so core tests need no Qt."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    row = b"\x00" + bytes(colour) * width
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(row * height)) + chunk(b"IEND", b""))


def save_complete(folder: Path, name: str = "Harbour council.html") -> Path:
    """The page saved as "Web page, complete": the HTML file and its picture in the folder beside it."""
    picture = folder / IMAGE_FILE
    picture.parent.mkdir(parents=True, exist_ok=True)
    picture.write_bytes(png(800, 450))
    page = folder / name
    page.write_text(saved_page(), encoding="utf-8")
    return page
