"""Closed German word classes of attribution: one list per class, shared by ``quotes.py`` and
``claims.py``.

Open classes (cue verbs, report nouns, role words, …) are data in ``resources/lexicons`` and
users extend them; the classes here are grammar — articles, pronouns, conjunctions,
auxiliaries, the prepositions that mark a source — and do not grow with the news. A rule that
needs a narrower set says so where it builds it from these (``COORDINATORS | {…}``).
"""

from __future__ import annotations

DEFINITE_ARTICLES = frozenset("der die das den dem des".split())
RELATIVE_PRONOUNS = frozenset("der die das dem den deren dessen denen welcher welche welches".split())
# Demonstratives standing for a statement before them ('Das bestätigte die Polizei').
DEMONSTRATIVES = frozenset("das dies dieses".split())
# Possessives of a view or report whose owner is the clause subject ('nach eigenen Angaben',
# 'seiner Meinung nach').
OWNER_POSSESSIVES = frozenset(
    "eigenen eigener eigenem ihren ihrer ihrem seinen seiner seinem".split()
)

COORDINATORS = frozenset("und aber sondern oder doch denn".split())
# Subordinators opening a content clause: what was said ('sagte, dass …', 'Berichte, wonach …').
COMPLEMENTISERS = frozenset("dass ob wonach".split())
ADVERBIAL_SUBORDINATORS = frozenset(
    "als bevor da damit ehe falls indem nachdem obgleich obwohl seit seitdem sobald sodass "
    "sofern solange während weil wenn wenngleich weshalb weswegen wobei womit zumal".split()
)
SUBORDINATORS = COMPLEMENTISERS | ADVERBIAL_SUBORDINATORS

HABEN_FORMS = frozenset("hat hatte haben hatten habe hätten hätte".split())
SEIN_FORMS = frozenset("war waren ist sind sei seien wäre wären".split())
PASSIVE_AUXILIARIES = frozenset("wird wurde wurden werden worden".split())

# Words counting a collective without naming anyone ('mehrere Abgeordnete', 'viele Beobachter').
QUANTIFIERS = frozenset("viele mehrere einige zahlreiche etliche manche andere verschiedene".split())

# Source markers: a preposition before the source ('laut X', 'gemäß X', 'nach Angaben von X'),
# a postposition after it ('X zufolge'), and the impersonal cue 'hieß es' / 'heißt es'.
SOURCE_PREPOSITIONS = frozenset("laut gemäß nach".split())
SOURCE_POSTPOSITIONS = frozenset({"zufolge"})
SOURCE_MARKERS = SOURCE_PREPOSITIONS | SOURCE_POSTPOSITIONS
IMPERSONAL_CUES = frozenset("hieß heißt".split())
