"""Article text and page templates written for the tests (no third-party text is committed)."""
from __future__ import annotations

from html import escape

TITLE = "River Trust opens new footbridge in Riverton"
PARAGRAPHS = [
    "The Riverton River Trust opened a new footbridge across the Avon on Saturday, linking the "
    "market square with the railway station for the first time since the old bridge was closed in 2019.",
    "The bridge cost 3.2 million pounds and was paid for by the trust, the county council and a grant "
    "from the National Lottery Heritage Fund. It was designed by Maria Okafor of Okafor Engineering.",
    "The mayor of Riverton, Thomas Reid, said the bridge would bring more visitors to the town centre "
    "and make it easier for commuters to reach the trains to Bristol and London.",
    "Work on a second crossing further downstream is expected to begin next spring.",
]
FRENCH = [
    "Le conseil municipal de Lyon a approuvé mardi la construction d'une nouvelle passerelle sur le Rhône, "
    "qui reliera le quartier de la gare au centre historique de la ville.",
    "Les travaux commenceront au printemps et dureront deux ans. Le maire a déclaré que le projet était "
    "attendu depuis longtemps par les habitants et par les commerçants du quartier.",
]
GERMAN = [
    "Der Stadtrat von Leipzig hat am Dienstag den Bau einer neuen Brücke über die Weiße Elster beschlossen, "
    "die den Bahnhof mit der Altstadt verbinden wird.",
    "Die Arbeiten sollen im Frühjahr beginnen und zwei Jahre dauern. Der Bürgermeister sagte, dass das Projekt "
    "von den Bewohnern und den Händlern des Viertels lange erwartet worden sei.",
]


def news_page(title: str = TITLE, paragraphs: list[str] | None = None, extra_head: str = "",
              link: tuple[str, str] | None = None, lang: str = "en") -> str:
    """A realistic article page: navigation, an ad, the article, a sidebar, comments and a footer."""
    paragraphs = PARAGRAPHS if paragraphs is None else paragraphs
    body = [f"<p>{escape(p)}</p>" for p in paragraphs]
    if link:
        body.append(f'<p>The trust has published <a href="{escape(link[0])}">{escape(link[1])}</a> on its site.</p>')
    return f"""<!DOCTYPE html>
<html lang="{lang}"><head><meta charset="utf-8">
<title>{escape(title)} | Riverton Courier</title>
<meta property="og:title" content="{escape(title)}">
<meta property="og:site_name" content="Riverton Courier">
<meta name="author" content="Jane Holloway">
<meta property="article:published_time" content="2024-05-18T10:00:00Z">
{extra_head}
</head><body>
<nav><ul><li><a href="/">Home</a></li><li><a href="/news">News</a></li><li><a href="/sport">Sport</a></li>
<li><a href="/weather">Weather</a></li></ul></nav>
<div class="ad"><p>Advertisement: cheap flights to Malaga, book today and save forty per cent!</p></div>
<main><article><h1>{escape(title)}</h1>
<p class="byline">By Jane Holloway</p>
{"".join(body)}
</article>
<aside><h2>Most read</h2><ul><li><a href="/a">Library to close early on Mondays</a></li>
<li><a href="/b">Pictures of the week</a></li></ul></aside>
<section class="comments"><h2>Comments</h2><div class="comment"><p>Great news for the town, finally!</p></div>
<div class="comment"><p>What a waste of money, the old bridge was fine.</p></div></section>
</main>
<footer><p>Copyright 2024 Riverton Courier Ltd. All rights reserved.</p><a href="/privacy">Privacy</a></footer>
</body></html>"""


NO_ARTICLE_PAGE = """<!DOCTYPE html><html><head><title>Riverton Courier</title>
<script>document.write("hello")</script></head><body>
<nav><ul><li><a href="/">Home</a></li><li><a href="/news">News</a></li><li><a href="/sport">Sport</a></li></ul></nav>
<footer><a href="/privacy">Privacy</a> <a href="/terms">Terms</a></footer></body></html>"""


# A longer made-up story for web pages with page furniture (tests/core/test_web_pages.py).
STORY_TITLE = "Harbour town votes to build a tidal power station"
STORY = [
    "Residents of Portwenna voted on Thursday to build a tidal power station in the mouth of the harbour, "
    "the first scheme of its kind to be approved by a public vote in the county.",
    "The station will use twelve underwater turbines to generate enough electricity for about 9,000 homes, "
    "according to the cooperative that proposed it, and is expected to cost 41 million pounds.",
    "Turnout in the vote was 68 per cent, and 5,112 residents backed the plan against 2,430 who opposed it, "
    "the town clerk, Helen Marsh, said after the count at the community hall.",
    "Opponents had argued that the turbines would disturb the seals that breed on the rocks below the lighthouse "
    "and that construction traffic would block the narrow roads into the town for two summers.",
    "The cooperative said it would pay for an independent survey of the seal colony before any work begins and "
    "would bring heavy equipment in by barge rather than by road.",
    "Fishing crews were divided over the scheme, with some skippers welcoming the new harbour wall that comes "
    "with it and others warning that the turbines would close part of their traditional grounds.",
    "The county council still has to grant planning permission, which officials said could take a year, and the "
    "marine licence must come from the national regulator.",
    "If both are granted, construction would start in the spring of next year and the first power would reach "
    "the grid eighteen months later, the cooperative's chair, Daniel Tremayne, told reporters.",
    "About 2,000 residents have already bought shares in the cooperative, which has promised to pay members a "
    "return of four per cent a year once the station is running.",
    "Neighbouring towns along the coast are watching the vote closely, and two of them have asked the cooperative "
    "to share its engineering studies with their own councils.",
    "Energy analysts said tidal power remained more expensive than wind or solar, but that its output was "
    "predictable to the minute years in advance, which made it valuable to grid operators.",
    "The result will be formally confirmed at a meeting of the town council next Tuesday, when members are also "
    "expected to set up a committee to oversee the project.",
    "The harbour master, Peter Nance, said ferries and lifeboats would keep a clear channel past the turbines, "
    "which will sit at least six metres below the lowest tide.",
    "A similar vote in the estuary town of Polgarrow failed by 210 votes three years ago, after a campaign by "
    "holiday-home owners worried about the view from the cliffs.",
    "The cooperative expects the station to run for at least forty years and has set aside money to remove the "
    "turbines and restore the seabed when it closes.",
    "Schools in the town will be offered visits to the site during construction, and the cooperative plans a "
    "small exhibition on tidal energy in the old lifeboat house.",
]


def web_page(body: str, title: str = STORY_TITLE, description: str = "", head: str = "",
             charset: str = "utf-8", before_article: str = "", after_article: str = "") -> str:
    """A news page: navigation, the article (headline, then `body`, HTML of my own), a sidebar and a footer."""
    meta = f'<meta name="description" content="{escape(description)}">' if description else ""
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="{charset}">
<title>{escape(title)} | Portwenna Gazette</title>
<meta property="og:title" content="{escape(title)} | Portwenna Gazette">
<meta property="og:site_name" content="Portwenna Gazette">
<meta property="article:published_time" content="2024-06-07T09:30:00Z">
{meta}{head}
</head><body>
<nav><ul><li><a href="/">Home</a></li><li><a href="/news">News</a></li><li><a href="/sport">Sport</a></li></ul></nav>
{before_article}
<main><article>
{body}
</article>
{after_article}
<aside><h2>Most read</h2><ul><li><a href="/x">Library opens on Sundays</a></li>
<li><a href="/y">Rain all week</a></li></ul></aside>
</main>
<footer><p>Copyright 2024 Portwenna Gazette. All rights reserved.</p><a href="/privacy">Privacy</a></footer>
</body></html>"""


def story_html(paragraphs: list[str] | None = None) -> str:
    return "\n".join(f"<p>{escape(p)}</p>" for p in (STORY if paragraphs is None else paragraphs))
