"""Long articles for the benchmarks, generated from text the project writes itself.

The sample article's body is repeated with its names, places, organisations and
numbers varied, and mixed with paragraphs built from sentence templates, so a
20,000- or 100,000-word article has realistic entity density and many distinct
entities (not one paragraph copied a thousand times). Deterministic for a seed.
"""
from __future__ import annotations

import random
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "data" / "000_e8e23f282fd3c801.txt"

FIRST = ["Amina", "Tariq", "Helen", "Kenji", "Maria", "Oliver", "Fatima", "Daniel", "Yuki", "Samuel",
         "Leila", "Arjun", "Sofia", "Ibrahim", "Grace", "Mateo", "Nadia", "Hiroshi", "Clara", "Omar",
         "Elena", "Bilal", "Ruth", "Sanjay", "Ingrid", "Kwame", "Mei", "Pedro", "Zainab", "Lucas"]
LAST = ["Qureshi", "Tanaka", "Okafor", "Lindqvist", "Haddad", "Moreno", "Nakamura", "Petrov", "Mensah",
        "Fischer", "Rahman", "Costa", "Watanabe", "Schneider", "Iqbal", "Dubois", "Kowalski", "Suzuki",
        "Alvarez", "Chaudhry", "Novak", "Osei", "Bergstrom", "Khan", "Ferreira", "Hayashi", "Mwangi"]
COUNTRIES = [("Japan", "Japanese"), ("Germany", "German"), ("Brazil", "Brazilian"), ("Kenya", "Kenyan"),
             ("Canada", "Canadian"), ("Indonesia", "Indonesian"), ("Turkey", "Turkish"),
             ("Egypt", "Egyptian"), ("Sweden", "Swedish"), ("Mexico", "Mexican"), ("Vietnam", "Vietnamese"),
             ("Nigeria", "Nigerian"), ("Poland", "Polish"), ("Chile", "Chilean"), ("Malaysia", "Malaysian")]
CITIES = ["Karachi", "Lahore", "Islamabad", "Osaka", "Hamburg", "Nairobi", "Toronto", "Jakarta", "Izmir",
          "Cairo", "Gothenburg", "Monterrey", "Hanoi", "Lagos", "Gdansk", "Valparaiso", "Penang", "Faisalabad"]
ORGS = ["Ministry of Industries and Production", "Board of Investment", "Chamber of Commerce",
        "Trade Development Authority", "National Bank", "Export Promotion Bureau", "Planning Commission",
        "Small and Medium Enterprises Authority", "Engineering Development Board", "State Bank",
        "Federal Board of Revenue", "Securities and Exchange Commission"]
SECTORS = ["automobile", "textile", "steel", "pharmaceutical", "software", "shipping", "agriculture",
           "renewable energy", "electronics", "chemicals", "mining", "tourism"]
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
          "October", "November", "December"]
WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"]

TEMPLATES = [
    "{person}, who leads the {org}, told reporters in {city} on {weekday} that exports of {sector} goods to "
    "{country} rose by {pct} percent in {month} {year}.",
    "The {nat} delegation, headed by {person2}, visited the industrial park near {city} and met officials "
    "of the {org} to discuss a {money} investment plan.",
    "According to the {org}, about {number} workers are employed in the {sector} sector, and {person} said "
    "the figure could double by {year}.",
    "Speaking at a forum in {city}, {person2} said that companies from {country} were ready to open "
    "{small} new factories if the {org} simplified its rules.",
    "Critics, including economist {person}, warned that the {sector} policy announced in {month} would "
    "cost the treasury nearly {money} over {small} years.",
    "On {weekday}, {person2} and {person} signed a memorandum in {city} that commits the {org} to train "
    "{number} engineers with help from {nat} experts.",
    "The report notes that {country} bought {pct} percent of the region's {sector} output last year, "
    "ahead of buyers in {country2}.",
    "Officials said the meeting in {city} ended on a high note, and a second round of talks with {country} "
    "is planned for {month} {year}.",
]


def _sample_body() -> list[str]:
    lines = [line.strip() for line in SAMPLE.read_text(encoding="utf-8").split("\n") if line.strip()]
    return lines[4:]  # after the metadata line, headline, time line and standfirst


def _vary(paragraph: str, rng: random.Random) -> str:
    """The sample paragraph with its names, countries, places and numbers changed."""
    country, nat = rng.choice(COUNTRIES)
    person = f"{rng.choice(FIRST)} {rng.choice(LAST)}"
    replacements = {
        "Makhdum Khusro Bakhtyar": person,
        "Khusro Bakhtyar": person,
        "Kuinori MATSUDA": f"{rng.choice(FIRST)} {rng.choice(LAST)}",
        "Japanese": nat,
        "Japan": country,
        "Karachi": rng.choice(CITIES),
        "ISLAMABAD": rng.choice(CITIES).upper(),
        "JICA": rng.choice(["JETRO", "KOICA", "GIZ", "USAID", "TIKA"]),
        "automobile": rng.choice(SECTORS),
        "Monday": rng.choice(WEEKDAYS),
    }
    pattern = re.compile("|".join(re.escape(key) for key in replacements))
    paragraph = pattern.sub(lambda m: replacements[m.group(0)], paragraph)
    return re.sub(r"\d+", lambda m: str(rng.randint(10 ** (len(m.group(0)) - 1), 10 ** len(m.group(0)) - 1)), paragraph)


def _generated(rng: random.Random) -> str:
    sentences = []
    for _ in range(rng.randint(2, 4)):
        country, nat = rng.choice(COUNTRIES)
        sentences.append(rng.choice(TEMPLATES).format(
            person=f"{rng.choice(FIRST)} {rng.choice(LAST)}",
            person2=f"{rng.choice(FIRST)} {rng.choice(LAST)}",
            org=rng.choice(ORGS), city=rng.choice(CITIES), weekday=rng.choice(WEEKDAYS),
            sector=rng.choice(SECTORS), country=country, country2=rng.choice(COUNTRIES)[0], nat=nat,
            pct=rng.randint(2, 60), month=rng.choice(MONTHS), year=rng.randint(2015, 2030),
            money=f"${rng.randint(2, 900)} million", number=f"{rng.randint(2, 90)},{rng.randint(100, 999)}",
            small=rng.randint(2, 12)))
    return " ".join(sentences)


def long_article_text(words: int, seed: int = 8) -> str:
    """An article of about `words` words in the sample's plain-text layout."""
    rng = random.Random(seed)
    body = _sample_body()
    parts = ["date 2021-09-06 UrduPoint.com", "",
             f"A Long Report On Industry And Trade: {words:,} Words", "",
             "Mon 06th September 2021 | 03:48 PM", "",
             "A long report on industrial cooperation, exports and investment across many countries.", ""]
    count = sum(len(p.split()) for p in parts)
    section = 0
    while count < words:
        if section % 12 == 0:
            heading = (f"Part {section // 12 + 1}: {rng.choice(SECTORS).title()} "
                       f"and trade with {rng.choice(COUNTRIES)[0]}")
            parts += [heading, ""]
            count += len(heading.split())
        paragraph = _vary(rng.choice(body), rng) if rng.random() < 0.5 else _generated(rng)
        parts += [paragraph, ""]
        count += len(paragraph.split())
        section += 1
    return "\n".join(parts)


def write_long_article(folder: Path, words: int, seed: int = 8) -> Path:
    path = Path(folder) / f"long_{words // 1000}k.txt"
    path.write_text(long_article_text(words, seed), encoding="utf-8")
    return path


if __name__ == "__main__":
    import sys

    print(long_article_text(int(sys.argv[1]) if len(sys.argv) > 1 else 2000))
