"""The closed vocabularies of the domain (levels, statuses) and their input aliases."""

from __future__ import annotations

import enum
from typing import Literal

from kundenaudit.model.suggest import did_you_mean


class Word(str, enum.Enum):
    """A closed set of words: each member is its word wherever it is written.

    ``str()`` and format (f-strings) give the word itself on every Python version (a plain
    ``(str, Enum)`` member prints as ``Level.MUSS`` from Python 3.11), so result fields can be
    typed as these enums and every writer still writes the word.
    """

    def __str__(self) -> str:
        return self._value_  # type: ignore[no-any-return] # the word

    def __format__(self, spec: str) -> str:
        return str.__format__(self._value_, spec)


class Level(Word):
    """Quality level of a service (SPEC §1)."""

    MUSS = "muss"
    SOLL = "soll"
    KANN = "kann"

    @property
    def label(self) -> str:
        """Display form, German in every language."""
        return self.value.capitalize()

    @property
    def rank(self) -> int:
        """Sort key: Muss first."""
        return _LEVEL_RANK[self]


_LEVEL_RANK = {Level.MUSS: 0, Level.SOLL: 1, Level.KANN: 2}

# The word for "does not apply in this segment".
ENTFAELLT = "entfaellt"


class Status(Word):
    """Delivery status of a service for one customer (SPEC §1)."""

    ERFUELLT = "erfuellt"
    TEILWEISE = "teilweise"
    NICHT_ERFUELLT = "nicht_erfuellt"
    OFFEN = "offen"
    ENTBEHRLICH = "entbehrlich"


class Competition(Word):
    """How competitors offer a service."""

    STANDARD = "standard"
    SOME = "some"
    NONE = "none"


class Ampel(Word):
    """Traffic-light result of a customer."""

    ROT = "rot"
    GELB = "gelb"
    GRUEN = "gruen"

    @property
    def rank(self) -> int:
        """Sort key: rot first."""
        return _AMPEL_RANK[self]


_AMPEL_RANK = {Ampel.ROT: 0, Ampel.GELB: 1, Ampel.GRUEN: 2}


class GoalState(Word):
    """State of a goal at the audit date."""

    ERREICHT = "erreicht"
    LAEUFT = "laeuft"
    VERFEHLT = "verfehlt"
    UEBERFAELLIG = "ueberfaellig"
    OHNE_WERT = "ohne_wert"  # a metric goal whose customer has no value for the metric


class MetricKind(Word):
    """What a metric measures (SPEC §2.1): economic or psychographic."""

    OEKONOMISCH = "oekonomisch"
    PSYCHOGRAFISCH = "psychografisch"


class Better(Word):
    """Which direction of a metric is better."""

    HIGHER = "higher"
    LOWER = "lower"


LEVEL_ALIASES: dict[str, str] = {
    "muss": "muss",
    "must": "muss",
    "soll": "soll",
    "sollte": "soll",
    "should": "soll",
    "kann": "kann",
    "can": "kann",
    "may": "kann",
    "entfaellt": ENTFAELLT,
    "entfällt": ENTFAELLT,
    "none": ENTFAELLT,
    "-": ENTFAELLT,
}

STATUS_ALIASES: dict[str, Status] = {
    "erfuellt": Status.ERFUELLT,
    "erfüllt": Status.ERFUELLT,
    "ja": Status.ERFUELLT,
    "met": Status.ERFUELLT,
    "fulfilled": Status.ERFUELLT,
    "teilweise": Status.TEILWEISE,
    "partial": Status.TEILWEISE,
    "partly": Status.TEILWEISE,
    "nicht_erfuellt": Status.NICHT_ERFUELLT,
    "nicht": Status.NICHT_ERFUELLT,
    "nein": Status.NICHT_ERFUELLT,
    "missing": Status.NICHT_ERFUELLT,
    "not_met": Status.NICHT_ERFUELLT,
    "offen": Status.OFFEN,
    "unassessed": Status.OFFEN,
    "open": Status.OFFEN,
    "entbehrlich": Status.ENTBEHRLICH,
    "n/a": Status.ENTBEHRLICH,
    "not_applicable": Status.ENTBEHRLICH,
}

# An outcome's words (SPEC §2.2), in any case; an unquoted YAML 1.1 word (yes, no) is refused.
OUTCOME_TRUE = frozenset({"true", "yes", "ja", "1"})
OUTCOME_FALSE = frozenset({"false", "no", "nein", "0"})

# Plain scalars that YAML 1.1 tools read as booleans; never a status word.
YAML11_BOOLEANS = frozenset(
    [
        "y",
        "Y",
        "yes",
        "Yes",
        "YES",
        "n",
        "N",
        "no",
        "No",
        "NO",
        "true",
        "True",
        "TRUE",
        "false",
        "False",
        "FALSE",
        "on",
        "On",
        "ON",
        "off",
        "Off",
        "OFF",
    ]
)


class PlainYaml11Word(str):
    """A plain (unquoted) scalar that YAML 1.1 tools read as a boolean (``yes``, ``off``, ...).

    The loader reads every scalar as a string; it marks these so that fields where a boolean
    is meant (outcomes) can refuse the unquoted word and accept the quoted one.
    """

    __slots__ = ()


# the YAML 1.1 booleans that YAML 1.2 reads as strings (true/false are booleans in both)
PLAIN_YAML11_WORDS = {
    w: PlainYaml11Word(w) for w in YAML11_BOOLEANS if w.lower() not in ("true", "false")
}


def parse_level(raw: str, *, allow_entfaellt: bool) -> str | None:
    """Canonical level word for ``raw`` (case-insensitive), or None when unknown."""
    word = LEVEL_ALIASES.get(raw.strip().lower())
    if word == ENTFAELLT and not allow_entfaellt:
        return None
    return word


def parse_status(raw: str) -> Status | None:
    """Canonical status for ``raw`` (case-insensitive), or None when unknown."""
    found = STATUS_ALIASES.get(raw)  # the usual case: a status word as written
    return found if found is not None else STATUS_ALIASES.get(raw.strip().lower())


def status_hint(raw: str) -> str:
    """Explain why ``raw`` is not a status, for error messages."""
    words = ", ".join(s.value for s in Status)
    if raw in YAML11_BOOLEANS:
        return (
            f"'{raw}' is a YAML 1.1 boolean, not a status: "
            f"use a status word ({words}) or quote a mapped value"
        )
    hint = did_you_mean(raw, [s.value for s in Status])
    return f"unknown status '{raw}'{hint} (use one of: {words})"


# The fields of a CRM export that a mapping file can name a column for (SPEC §2.3).
MappingField = Literal[
    "customer",
    "name",
    "segment",
    "service",
    "status",
    "degree",
    "reason",
    "note",
    "date",
    "value",
    "manager",
    "audited",
    "evidence",
    "until",
]
