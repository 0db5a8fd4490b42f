"""Is this text English? A cheap, dependency-free check by the share of common function words.

The language model recognises entities in English only, so other text is
still shown but with a notice. Function words ("the", "of", "and"...) make up
a quarter or more of any prose in its language (0.30-0.57 for English, counted
with the analysis's one list in core/english.py, over the 1,297 BBC articles of
the evaluation data), so whichever language's list covers the most words is the
language; text mostly in another script
(Cyrillic, Greek, Arabic, CJK...) is not English either. Text with few function
words (results tables, lists of names) gets no notice rather than a wrong one.
"""
from __future__ import annotations

import re

from ..english import FUNCTION_WORDS

_WORDS = re.compile(r"[^\W\d_]+")
_STOPWORDS: dict[str, frozenset[str]] = {
    "English": FUNCTION_WORDS,
    "French": frozenset(
        "le la les de des du un une et est en dans que qui pour pas sur au aux avec ce cette il elle sont ont "
        "par plus ne se son sa ses été être nous vous leur mais ou comme".split()),
    "German": frozenset(
        "der die das und ist nicht ein eine einen dem den des von zu mit sich auf für im auch es sie er wird "
        "wurde sind hat haben bei aus nach wie noch über dass oder aber".split()),
    "Spanish": frozenset(
        "el la los las de del y en que un una es por con para no se su sus al lo como más pero fue ha han "
        "este esta entre sobre también ya muy".split()),
    "Italian": frozenset(
        "il lo la gli le di del della dei e è che un una per con non si da al alla nel nella sono ha anche "
        "come più ma dal questo questa".split()),
    "Portuguese": frozenset(
        "o a os as de do da dos das e que um uma em no na para com não se por ao é foi mais mas como seu sua "
        "pelo pela também".split()),
    "Dutch": frozenset(
        "de het een en van in is dat op te zijn voor met niet aan er ook als bij door maar om naar dan wordt "
        "werd heeft hebben deze".split()),
    "Swedish": frozenset("och att det som en på är av för med till den har inte om ett var jag men från sig "
                         "kan under efter också".split()),
    "Danish": frozenset("og at det som en på er af for med til den har ikke om et var jeg men fra sig kan "
                        "efter også blev".split()),
    "Norwegian": frozenset("og at det som en på er av for med til den har ikke om et var jeg men fra seg kan "
                           "etter også ble".split()),
    "Polish": frozenset("i w na z że się nie do to jest o jak po co ale od przez za dla jego są był tak "
                        "już".split()),
    "Czech": frozenset("a v na se že je to s z do o jako by pro ale jsou byl jeho které který podle "
                       "také".split()),
    "Turkish": frozenset("ve bir bu da de için ile olarak çok daha gibi ama en sonra olan kadar ancak "
                         "değil".split()),
    "Indonesian": frozenset("yang dan di ini itu dengan untuk dari tidak dalam akan pada juga ke karena "
                            "adalah oleh bahwa atau kita kami mereka ia dia saya sudah telah bisa ada harus "
                            "hanya secara saat tersebut para lebih masih agar bagi seperti namun tetapi "
                            "kepada sebagai setelah".split()),
    "Romanian": frozenset("și în de la cu că pe o un nu din este mai care să pentru sunt au fost ca "
                          "sau".split()),
    "Finnish": frozenset("ja on ei se että oli hän mutta kun niin myös jo ovat olla tai sen kuin "
                         "mukaan".split()),
    "Hungarian": frozenset("a az és hogy nem is egy meg van de ezt már csak mint volt ki el mert "
                           "szerint".split()),
}
ENGLISH_ONLY = "entities are recognised in English only, so they may be missing or wrong"
_MIN_WORDS = 20
_OTHER_SHARE = 0.12  # another language's function words; its own prose measures 0.25 and more


def _mostly_other_script(text: str) -> bool:
    """True when most letters are not Latin ones (Cyrillic, Greek, Arabic, CJK...)."""
    letters = [ch for ch in text[:20000] if ch.isalpha()]
    if len(letters) < 40:
        return False
    latin = sum(1 for ch in letters if ch < "\u0250")  # Basic Latin to Latin Extended-B
    return latin < len(letters) / 2


def guess_language(text: str, sample_words: int = 3000) -> tuple[str | None, float]:
    """(language name, or "other" for another script, or None when unsure; share of English function words).

    Only positive evidence names another language: tables of results, lists of
    names and numbers have few function words but are still English.
    """
    if _mostly_other_script(text):
        return "other", 0.0
    words = [w.casefold() for w in _WORDS.findall(text[:60000])][:sample_words]
    if len(words) < _MIN_WORDS:
        return None, 1.0
    shares = {name: sum(1 for w in words if w in stop) / len(words) for name, stop in _STOPWORDS.items()}
    english = shares["English"]
    best = max(shares, key=shares.get)
    if best == "English" or english >= 0.25:  # English, perhaps with foreign quotes or names
        return "English", english
    if shares[best] >= _OTHER_SHARE and shares[best] > english * 1.5:
        return best, english
    return None, english


def language_notice(text: str) -> str:
    """A one-sentence notice when text does not look like English, else ""."""
    language, _english = guess_language(text)
    if language in (None, "English"):
        return ""
    if language == "other":
        return f"This article does not seem to be in English: {ENGLISH_ONLY}."
    return f"This article seems to be in {language}: {ENGLISH_ONLY}."
