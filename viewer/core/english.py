"""English function words: the one list every step uses to tell grammar from content.

Function words (articles, pronouns, prepositions, auxiliaries, conjunctions,
and the reporting verbs news is full of) carry no topic and are never names on
their own. Key points leave them out of the words they compare, ner_case lowers
them in all-caps and title-case lines, and the language check counts them.
"""
from __future__ import annotations

FUNCTION_WORDS = frozenset("""
a an the and or but nor so yet if of to in on at by for with from as into onto off out over per via vs
up upon under until while amid among about against between during after before above below through
within without is are was were be been being has have had having do does did done don will would could
should may might can cannot must shall not no than then there here which who whom whose what when where
why how also more most such other some any all just very only own same too s t now one two once both each
few further again still even though although whether because it its it's this that these those he she
they we you i his her their our your him them us me my mine said says say saying told tell new mr mrs ms dr
""".split())
