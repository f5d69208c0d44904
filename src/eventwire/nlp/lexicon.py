"""Closed-class English words the grammar rules need (function words, auxiliaries, pronouns)."""

from __future__ import annotations

PREPOSITIONS = frozenset(
    ["of", "in", "on", "at", "to", "from", "with", "by", "for", "about", "over", "against", "into", "onto", "across", "along", "among", "amid", "around", "between", "through", "toward", "towards", "under", "near", "outside", "inside", "within", "without", "via", "upon", "behind", "beyond", "despite", "during", "after", "before", "since", "until", "like", "than", "per", "regarding", "concerning", "including"]
)
LOCATIVE = frozenset(["in", "at", "near", "outside", "inside", "across", "around", "into", "within", "from", "to", "toward", "towards", "via", "throughout"])
DETERMINERS = frozenset(["the", "a", "an", "this", "that", "these", "those", "its", "their", "his", "her", "our", "your", "some", "any", "each", "every", "all", "both"])
BE = frozenset(["be", "is", "are", "was", "were", "been", "being", "am", "'s", "'re"])
HAVE = frozenset(["have", "has", "had", "having", "'ve"])
MODALS_FUTURE = frozenset(["will", "shall", "'ll"])
MODALS_HYPOTHETICAL = frozenset(["would", "could", "might", "may", "should", "must", "can"])
NEGATIONS = frozenset(["not", "n't", "never", "no", "neither", "nor", "cannot"])
AUX = BE | HAVE | MODALS_FUTURE | MODALS_HYPOTHETICAL | frozenset(["do", "does", "did"])
SUBORDINATORS = frozenset(
    ["that", "which", "who", "whom", "whose", "where", "when", "while", "whereas", "because", "although", "though", "if", "unless", "as", "after", "before", "since"]
)
RELATIVES = frozenset(["which", "who", "whom", "whose", "where"])
CONJUNCTIONS = frozenset(["and", "or", "but"])
PRONOUNS_PERSON = {"he": "m", "him": "m", "his": "m", "himself": "m", "she": "f", "her": "f", "hers": "f", "herself": "f"}
PRONOUNS_THING = frozenset(["it", "its", "itself"])
PRONOUNS_PLURAL = frozenset(["they", "them", "their", "themselves"])
PRONOUNS_FIRST = frozenset(["we", "us", "our", "ourselves"])
POSSESSIVE_PRONOUNS = frozenset(["his", "her", "its", "their", "our"])
HONORIFICS = frozenset(["mr.", "mrs.", "ms.", "dr.", "mr", "mrs", "ms", "dr", "prof.", "sir", "dame", "lord", "lady"])
# Relational nouns: "its allies" are not the possessor's own agents.
RELATIONAL = frozenset(
    ["ally", "allies", "partner", "partners", "neighbor", "neighbors", "neighbour", "neighbours", "rival", "rivals", "adversary", "adversaries", "enemy", "enemies", "foe", "foes", "counterpart", "counterparts", "opponent", "opponents", "critics"]
)
# Prefixes and suffixes that make an actor name an affiliation, not an actor: "pro-Moscow", "Kremlin-backed".
AFFILIATION_PREFIXES = frozenset(["pro", "anti", "pan", "non", "post", "ex"])
AFFILIATION_SUFFIXES = frozenset(["backed", "allied", "aligned", "funded", "sponsored", "supported", "friendly", "leaning", "controlled", "held", "based", "born"])
TEMPORAL = frozenset(
    ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "today", "yesterday", "tomorrow", "tonight", "week", "weeks", "month", "months", "year", "years", "day", "days", "morning", "afternoon", "evening", "night", "later", "earlier", "last", "next", "this", "recently", "january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec"]
)
