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
