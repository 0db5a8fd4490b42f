"""What the entity steps know before reading: places, legal forms and celestial bodies, from libraries."""
from __future__ import annotations

import pytest

from viewer.core.knowledge import fold, knowledge


@pytest.fixture(scope="module")
def known():
    return knowledge()


@pytest.mark.parametrize("name, kind", [
    ("Lyon", "city"), ("Karlskrona", "city"), ("Gdańsk", "city"), ("GDANSK", "city"),
    ("Germany", "country"), ("United States", "country"), ("Texas", "region"), ("Ontario", "region"),
    ("Europe", "continent"),
    # The nations of the UK field their own teams; an article or "Republic of" does not hide a country.
    ("England", "country"), ("Wales", "country"), ("The Netherlands", "country"), ("Republic of Ireland", "country"),
    ("Netflix", None), ("Emirates", None), ("Newsbeat", None), ("Of", None),
])
def test_places_come_from_the_gazetteers(known, name, kind):
    assert known.place_kind(name) == kind


def test_country_codes_as_news_writes_them(known):
    assert all(known.is_country_code(code) for code in ("US", "U.S.", "UK", "USA", "DE"))
    assert not any(known.is_country_code(word) for word in ("Us", "NASA", "Lyon"))


def test_region_codes_written_after_a_town(known):
    assert {"TX", "CA", "NY", "ON", "QC"} <= known.region_codes
    assert "XX" not in known.region_codes


@pytest.mark.parametrize("name, legal", [
    ("Vantor Holdings Ltd", True), ("Nokia Oyj", True), ("Acme GmbH", True), ("Magna International Inc.", True),
    ("Barclays UK", False), ("Deep Space Systems", False), ("Inc", False),
])
def test_legal_forms_come_from_cleanco(known, name, legal):
    assert known.ends_in_legal_form(name) is legal


def test_the_sun_the_moon_and_the_planets(known):
    assert {"Sun", "Moon", "Mars", "Saturn", "Ganymede", "Titan"} <= known.bodies
    assert "Netflix" not in known.bodies


def test_names_are_folded_for_lookup():
    assert fold("Gdańsk") == fold("GDANSK") == "gdansk"
    assert fold("  São   Paulo ") == "sao paulo"


def test_the_tables_are_built_once(known):
    assert knowledge() is known
