"""A small corpus of news-like article files for the library tests: dates, sites and shared entities.

The first line "date YYYY-MM-DD SITE" is the metadata line the text loader reads,
so the articles have dates and sites to filter on. Entities recur across articles
under different names (JICA and the Japan International Cooperation Agency,
Angela Merkel and Merkel) so the entity index has aliases to follow. Tests check
the library against what the analysis of these files found, never against a
list written here.
"""
from __future__ import annotations

from pathlib import Path

def _article(*paragraphs: str) -> str:
    return "\n\n".join(paragraphs) + "\n"


ARTICLES: dict[str, str] = {
    "jica-bridge.txt": _article(
        'date 2019-05-03 dhakatribune.com',
        'JICA funds new bridge over the Jamuna river',
        'Dhaka, May 3: The Japan International Cooperation Agency (JICA) will lend Bangladesh $1.2 billion to'
        ' build a new railway bridge over the Jamuna river, officials said on Friday.',
        "The loan agreement was signed in Dhaka by the Economic Relations Division and JICA's chief "
        'representative, Hitoshi Hirata.',
        'Hirata said the bridge would cut travel time between Dhaka and the north of the country by two '
        'hours.',
    ),
    "jica-karachi.txt": _article(
        'date 2019-08-14 dawn.com',
        'Karachi port upgrade gets Japanese support',
        'Karachi, Aug 14: JICA and the Karachi Port Trust signed an agreement on Wednesday to modernise the '
        'container terminal at Karachi port.',
        "The Japanese agency said the project would double the port's capacity by 2023. Pakistan's Minister "
        'for Maritime Affairs Ali Zaidi welcomed the support from Japan.',
    ),
    "merkel-macron.txt": _article(
        'date 2019-10-16 reuters.com',
        'Merkel and Macron meet in Toulouse',
        'Toulouse, Oct 16: German Chancellor Angela Merkel and French President Emmanuel Macron met in '
        'Toulouse on Wednesday to discuss Brexit and defence spending.',
        'Merkel said Germany and France would present a joint plan to the European Union next month. Macron '
        'called the talks frank and useful.',
    ),
    "merkel-berlin.txt": _article(
        'date 2020-01-20 reuters.com',
        'Merkel hosts Libya conference in Berlin',
        'Berlin, Jan 20: Chancellor Angela Merkel hosted world leaders in Berlin on Sunday for a conference '
        'on Libya, where Russia and Turkey back opposing sides.',
        'The United Nations envoy Ghassan Salame said the conference had agreed to respect an arms embargo. '
        'Merkel said the talks were a small step forward.',
    ),
    "toyota-profit.txt": _article(
        'date 2020-02-06 nikkei.com',
        'Toyota raises its profit forecast',
        'Tokyo, Feb 6: Toyota Motor raised its annual profit forecast on Thursday after strong sales of '
        'hybrid cars in North America and China.',
        'The company said it now expects an operating profit of 2.5 trillion yen. Toyota shares rose 3 '
        'percent in Tokyo.',
    ),
    "world-bank-undated.txt": _article(
        'World Bank approves Bangladesh loan',
        'The World Bank approved a $500 million loan to Bangladesh on Tuesday to improve rural roads and '
        'flood defences.',
        "The bank's country director Mercy Tembon said the roads would connect farmers in the north to "
        'markets in Dhaka.',
    ),
}


def write_corpus(folder: Path, names: list[str] | None = None) -> list[Path]:
    """Write the articles (or the named ones) into folder as UTF-8 text files; their paths."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for name, text in ARTICLES.items():
        if names is None or name in names:
            path = folder / name
            path.write_text(text, encoding="utf-8")
            paths.append(path)
    return paths
