"""Table-driven tests of the scoring rules (SPEC §3), every expected number worked out by hand.

Conventions of the tables:
- W = level weight of the *effective* level (default Muss 3, Soll 2, Kann 1), w = service weight,
  d = degree. Index = 100 * sum(W*w*d) / sum(W*w); coverage(L) = 100 * sum(w*d) / sum(w) over the
  applicable services of effective level L; gain = 100 * W*w*(1-d) / sum(W*w).
- Expected numbers are written as exact fractions (``pct(num, den)`` = 100 * num / den) with the
  decimal value in the comment; they are compared with a tolerance of 1e-9.
- AUDIT (2026-11-20) is the audit date of every record unless a case says otherwise; TODAY
  (2026-11-27) is the run date.
"""

from __future__ import annotations

import datetime as dt
import textwrap
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

from kundenaudit.model.catalog import Catalog
from kundenaudit.model.catalog_file import CatalogFile
from kundenaudit.model.errors import Severity
from kundenaudit.model.record import Delivery, Record
from kundenaudit.model.results import CustomerScore
from kundenaudit.model.vocabulary import Ampel, GoalState, Level, Status
from kundenaudit.score.catalog import resolve
from kundenaudit.score.catalogs import load_catalog
from kundenaudit.score.engine import score_customer

AUDIT = dt.date(2026, 11, 20)
TODAY = dt.date(2026, 11, 27)

# ----------------------------------------------------------------------------- deliveries

E = Delivery(Status.ERFUELLT)
N = Delivery(Status.NICHT_ERFUELLT)
OF = Delivery(Status.OFFEN)


def T(degree: float | None = None) -> Delivery:
    """teilweise, default degree 0.5."""
    return Delivery(Status.TEILWEISE, degree=degree)


def X(until: dt.date | None = None) -> Delivery:
    """entbehrlich (with the reason the record format demands)."""
    return Delivery(Status.ENTBEHRLICH, reason="Kunde braucht es nicht", until=until)


def pct(num: float, den: float) -> float:
    return 100 * num / den


def approx(value: float) -> Any:
    return pytest.approx(value, abs=1e-9)


# ----------------------------------------------------------------------------- catalogs

# MAIN: inheritance, competition, knock-outs per segment, entfaellt, dated goals.
#
# Effective levels (w in brackets; nominal level differs where noted):
#   service  std      key      top      klein
#   ko       M(2)KO   M(2)KO   M(2)KO   S(2) (knockout does not count: Soll)
#   m        M(1)     M(1)     M(1)     M(1)
#   s1       S(1)     M(1)     M(1)*    S(1)        * inherited from key
#   s2       S(3)     S(3)     S(3)     entfaellt
#   cs       M(1)     M(1)     M(1)     M(1)        nominal Kann, competition standard
#   k1       K(1)     K(1)     K(1)     K(1)        competition none
#   k2       K(2)     K(2)     -        K(2)        entfaellt in top (alias `none`)
#   sum(W*w): std 3*4+2*4+1*3 = 23; key 3*5+2*3+1*3 = 24; top 3*5+2*3+1*1 = 22;
#             klein 3*2+2*3+1*3 = 15.
# Goals: std [muss 100, soll 50]; key [muss 100, soll 80 by 2027-06-30 (replaces soll 50)];
#        top [muss 100, soll 80 by 2027-06-30 (inherited from key), kann 50];
#        klein [muss 100, soll 50 (inherited)].
MAIN = """
kundenaudit: 1
name: Testkatalog Haupt
segments:
  - id: std
    name: Standard
    goals:
      - {level: soll, min: 50}
  - id: key
    name: Schlüsselkunde
    extends: std
    goals:
      - {level: should, min: 80, by: 2027-06-30}
  - id: top
    name: Top
    extends: key
    goals:
      - {level: kann, min: 50}
  - id: klein
    name: Klein
    extends: std
services:
  - {id: ko, name: KO, level: muss, levels: {klein: soll}, weight: 2, knockout: true,
     effort: 2, action: tun}
  - {id: m, name: M, level: MUSS, effort: 1, action: tun}
  - {id: s1, name: S1, level: soll, levels: {key: must}, effort: 3, action: tun}
  - {id: s2, name: S2, level: sollte, levels: {klein: entfaellt}, weight: 3, effort: 2,
     action: tun}
  - {id: cs, name: CS, level: kann, competition: standard, effort: 1, action: tun}
  - {id: k1, name: K1, level: kann, competition: none, effort: 4, action: tun}
  - {id: k2, name: K2, level: can, levels: {top: none}, weight: 2, effort: 2, action: tun}
"""

# WEIGHTS: custom level weights 5/1/0.5 and goals on named services.
#   a M(1), b S(2), c K(4); sum(W*w) = 5*1 + 1*2 + 0.5*4 = 9.
#   g:   [muss 100, services [a, b, c] 80]
#   h:   extends g, b entfaellt there (sum(W*w) = 5 + 2 = 7)
#   i:   [muss 100, services [b, c] 90]
#   j:   extends g, own goal on the same set [c, b, a] with min 40 replaces the inherited 80
#   lax: replaces the implicit Muss goal with {muss, 40}
#   lauf: replaces the implicit Muss goal with a dated one {muss, 100, by 2027-01-31}
WEIGHTS = """
kundenaudit: 1
name: Testkatalog Gewichte
weights: {muss: 5, soll: 1, kann: 0.5}
segments:
  - id: g
    name: G
    goals:
      - {services: [a, b, c], min: 80}
  - id: h
    name: H
    extends: g
  - id: i
    name: I
    goals:
      - {services: [b, c], min: 90}
  - id: j
    name: J
    extends: g
    goals:
      - {services: [c, b, a], min: 40}
  - id: lax
    name: Lax
    goals:
      - {level: muss, min: 40}
  - id: lauf
    name: Lauf
    goals:
      - {level: muss, min: 100, by: 2027-01-31}
services:
  - {id: a, name: A, level: muss, action: tun}
  - {id: b, name: B, level: soll, levels: {h: entfaellt}, weight: 2, action: tun}
  - {id: c, name: C, level: kann, weight: 4, action: tun}
"""

# DEFAULTW: the same services without a `weights` key (3/2/1): sum(W*w) = 3 + 4 + 4 = 11.
DEFAULTW = """
kundenaudit: 1
name: Testkatalog Standardgewichte
segments:
  - id: g
    name: G
    goals:
      - {services: [a, b, c], min: 80}
services:
  - {id: a, name: A, level: muss, action: tun}
  - {id: b, name: B, level: soll, weight: 2, action: tun}
  - {id: c, name: C, level: kann, weight: 4, action: tun}
"""

# KO: knock-outs count only where the effective level is Muss.
#   seg a: kx M (nominal Soll, competition standard) KO, ky M KO, base M -> sum(W*w) = 9
#   seg b: kx M KO, base M, ky S (knockout does not count)        -> sum(W*w) = 3+3+2 = 8
KO = """
kundenaudit: 1
name: Testkatalog KO
segments:
  - {id: a, name: A}
  - {id: b, name: B}
services:
  - {id: base, name: Basis, level: muss, action: tun}
  - {id: kx, name: KX, level: soll, knockout: true, competition: standard, action: tun}
  - {id: ky, name: KY, level: muss, levels: {b: soll}, knockout: true, action: tun}
"""

# PLAN: the greedy next-step rule. Every service is entfaellt except in its segment(s).
#   eff:  mm M; e1 S effort 3; e2 S effort 2                 goal soll 50
#   gain: mm M; ga K effort 2; gb S effort 2                 goal [ga, gb] 50
#   cnt:  mm M; x S effort 1; y S effort 2; z K(2) effort 1  goals soll 100, [y, z] 33
#   big:  mm M; p S(3) effort 5; q S effort 1; r S effort 1; s S  goal soll 50
#   leer: nothing applies (warning: empty segment)
PLAN = """
kundenaudit: 1
name: Testkatalog Plan
segments:
  - id: eff
    name: Aufwand
    goals: [{level: soll, min: 50}]
  - id: gain
    name: Gewinn
    goals: [{services: [ga, gb], min: 50}]
  - id: cnt
    name: Gezählt
    goals: [{level: soll, min: 100}, {services: [y, z], min: 33}]
  - id: big
    name: Groß
    goals: [{level: soll, min: 50}]
  - id: leer
    name: Leer
    goals: [{level: soll, min: 50}]
services:
  - {id: mm, name: MM, level: muss, levels: {leer: entfaellt}, effort: 1, action: tun}
  - {id: e1, name: E1, level: entfaellt, levels: {eff: soll}, effort: 3, action: tun}
  - {id: e2, name: E2, level: entfaellt, levels: {eff: soll}, effort: 2, action: tun}
  - {id: ga, name: GA, level: entfaellt, levels: {gain: kann}, effort: 2, action: tun}
  - {id: gb, name: GB, level: entfaellt, levels: {gain: soll}, effort: 2, action: tun}
  - {id: x, name: X, level: entfaellt, levels: {cnt: soll}, effort: 1, action: tun}
  - {id: y, name: Y, level: entfaellt, levels: {cnt: soll}, effort: 2, action: tun}
  - {id: z, name: Z, level: entfaellt, levels: {cnt: kann}, weight: 2, effort: 1, action: tun}
  - {id: p, name: P, level: entfaellt, levels: {big: soll}, weight: 3, effort: 5, action: tun}
  - {id: q, name: Q, level: entfaellt, levels: {big: soll}, effort: 1, action: tun}
  - {id: r, name: R, level: entfaellt, levels: {big: soll}, effort: 1, action: tun}
  - {id: s, name: S, level: entfaellt, levels: {big: soll}, effort: 1, action: tun}
"""

# DEG: one Muss service; index and Muss coverage both equal 100*d.
DEG = """
kundenaudit: 1
name: Testkatalog Grad
segments: [{id: g, name: G}]
services: [{id: x, name: X, level: muss, action: tun}]
"""

CATALOG_TEXTS = {
    "MAIN": MAIN,
    "WEIGHTS": WEIGHTS,
    "DEFAULTW": DEFAULTW,
    "KO": KO,
    "PLAN": PLAN,
    "DEG": DEG,
}


@pytest.fixture(scope="module")
def catalogs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Catalog]:
    """Every test catalog, read through the real loader (aliases, YAML dates, checks)."""
    root = tmp_path_factory.mktemp("catalogs")
    out = {}
    for name, text in CATALOG_TEXTS.items():
        path = root / f"{name.lower()}.yaml"
        path.write_text(textwrap.dedent(text), encoding="utf-8")
        cat, sink = load_catalog(path, TODAY)
        assert not [f for f in sink.findings if f.severity is Severity.ERROR]
        out[name] = cat
    return out


# ----------------------------------------------------------------------------- the table


@dataclass
class Case:
    id: str
    cat: str
    seg: str
    services: dict[str, Delivery]
    audited: dt.date | None = AUDIT
    expect: dict[str, Any] = field(default_factory=dict)


ALL_E = dict.fromkeys(("ko", "m", "s1", "s2", "cs", "k1", "k2"), E)


def _with(base: dict[str, Delivery], **changes: Delivery | None) -> dict[str, Delivery]:
    out = dict(base)
    for sid, d in changes.items():
        if d is None:
            out.pop(sid, None)
        else:
            out[sid] = d
    return out


def want(**expect: Any) -> dict[str, Any]:
    """The expectations of one case (keys: see PLAIN and CHECKS)."""
    return expect


def counts(**kw: int) -> dict[str, int]:
    out = dict.fromkeys(("erfuellt", "teilweise", "nicht_erfuellt", "offen", "entbehrlich"), 0)
    out.update(kw)
    return out


V, L, U, R = GoalState.VERFEHLT, GoalState.LAEUFT, GoalState.UEBERFAELLIG, GoalState.ERREICHT
ROT, GELB, GRUEN = Ampel.ROT, Ampel.GELB, Ampel.GRUEN
BY = dt.date(2027, 6, 30)  # the dated Soll goal of MAIN/key

# fmt: off
CASES = [
    # --------------------------------------------------------------- MAIN / std
    Case("std-all-erfuellt", "MAIN", "std", ALL_E, expect=want(
        index=100.0, coverage={"muss": 100.0, "soll": 100.0, "kann": 100.0}, status=GRUEN,
        gaps=[], next_steps=[], knockouts=[], differentiators=["k1"], counts=counts(erfuellt=7),
        goals=[("muss", 100, 100.0, R), ("soll", 50, 100.0, R)],
    )),
    # Nothing mentioned: every applicable service is offen, d = 0.
    #   index 0; gains: ko 100*3*2/23 = 26.087; m = cs = 100*3*1/23 = 13.043;
    #   s2 100*2*3/23 = 26.087; s1 100*2*1/23 = 8.696; k2 100*1*2/23 = 8.696; k1 100/23 = 4.348
    #   (sum 2300/23 = 100). Order: knock-out ko; Muss cs, m (equal gain -> id); Soll s2, s1;
    #   Kann k2, k1.
    #   Plan: ko (knock-out); Muss goal: with ko counted fulfilled 2/4 = 50 < 100, candidates
    #   cs, m tie on w*(1-d)=1, effort 1 and gain -> both needed anyway (3/4, 4/4); Soll goal 50:
    #   s2 (w*(1-d)=3) first -> 3/4 = 75 >= 50, s1 not needed. Listed in gap order.
    Case("std-nothing-mentioned", "MAIN", "std", {}, expect=want(
        index=0.0, coverage={"muss": 0.0, "soll": 0.0, "kann": 0.0}, status=ROT,
        knockouts=["ko"], gaps=["ko", "cs", "m", "s2", "s1", "k2", "k1"],
        gains={"ko": pct(6, 23), "m": pct(3, 23), "cs": pct(3, 23), "s2": pct(6, 23),
               "s1": pct(2, 23), "k2": pct(2, 23), "k1": pct(1, 23)},
        next_steps=["ko", "cs", "m", "s2"], counts=counts(offen=7), differentiators=[],
        goals=[("muss", 100, 0.0, V), ("soll", 50, 0.0, V)],
    )),
    # ko e, m teilweise (0.5 default), cs e, s1 teilweise 0.25, s2 e, k1 n, k2 unmentioned.
    #   Muss (2*1 + 1*0.5 + 1*1)/4 = 3.5/4 = 87.5; Soll (1*0.25 + 3*1)/4 = 3.25/4 = 81.25;
    #   Kann 0/3 = 0. Index (3*3.5 + 2*3.25 + 1*0)/23 = 17/23 = 73.913.
    #   Gains: m 100*3*1*0.5/23 = 6.522; s1 100*2*1*0.75/23 = 6.522; k2 200/23 = 8.696;
    #   k1 100/23 = 4.348; sum 600/23 = 26.087 = 100 - 73.913.
    #   Muss goal 87.5 verfehlt -> rot without a knock-out. Plan: m lifts Muss to 100.
    Case("std-partial-rot-by-muss-goal", "MAIN", "std",
         {"ko": E, "m": T(), "cs": E, "s1": T(0.25), "s2": E, "k1": N}, expect=want(
        index=pct(17, 23), coverage={"muss": 87.5, "soll": 81.25, "kann": 0.0}, status=ROT,
        knockouts=[], gaps=["m", "s1", "k2", "k1"],
        gains={"m": pct(1.5, 23), "s1": pct(1.5, 23), "k2": pct(2, 23), "k1": pct(1, 23)},
        next_steps=["m"], differentiators=[],
        counts=counts(erfuellt=3, teilweise=2, nicht_erfuellt=1, offen=1),
        goals=[("muss", 100, 87.5, V), ("soll", 50, 81.25, R)],
    )),
    # Muss complete, s2 nicht_erfuellt, k2 teilweise 0.5.
    #   Soll 1/4 = 25 < 50 standing -> verfehlt -> gelb. Kann (1 + 2*0.5)/3 = 66.667.
    #   Index (3*4 + 2*1 + 1*2)/23 = 16/23 = 69.565. Gains s2 600/23, k2 100*1*2*0.5/23 = 100/23.
    Case("std-gelb-by-standing-goal", "MAIN", "std", _with(ALL_E, s2=N, k2=T()), expect=want(
        index=pct(16, 23), coverage={"muss": 100.0, "soll": 25.0, "kann": pct(2, 3)},
        status=GELB, knockouts=[], gaps=["s2", "k2"],
        gains={"s2": pct(6, 23), "k2": pct(1, 23)}, next_steps=["s2"], differentiators=["k1"],
        counts=counts(erfuellt=5, teilweise=1, nicht_erfuellt=1),
        goals=[("muss", 100, 100.0, R), ("soll", 50, 25.0, V)],
    )),
    # competition: standard makes the nominal Kann `cs` an effective Muss (a gap at level muss
    # with nominal_level kann), and knock-out ko unmet makes the customer rot at once.
    #   Muss (0*2 + 1 + 0)/4 = 25; index (3*1 + 2*4 + 1*3)/23 = 14/23 = 60.870.
    #   gains ko 600/23, cs 300/23. Plan: ko; Muss goal with ko: 3/4 < 100 -> cs.
    Case("std-competition-standard-and-knockout", "MAIN", "std", _with(ALL_E, ko=N, cs=OF),
         expect=want(
        index=pct(14, 23), coverage={"muss": 25.0, "soll": 100.0, "kann": 100.0}, status=ROT,
        knockouts=["ko"], gaps=["ko", "cs"], gains={"ko": pct(6, 23), "cs": pct(3, 23)},
        gap_levels={"ko": ("muss", "muss"), "cs": ("muss", "kann")}, next_steps=["ko", "cs"],
        counts=counts(erfuellt=5, nicht_erfuellt=1, offen=1),
    )),
    # Differentiators: competition none AND d = 1 only (k1 teilweise -> none).
    Case("std-no-differentiator-when-partial", "MAIN", "std", _with(ALL_E, k1=T(0.9)),
         expect=want(differentiators=[], gaps=["k1"], status=GRUEN, next_steps=[])),
    # Entbehrlich: s2 left out of every denominator.
    #   Soll = s1 only = 0/1 = 0; index (3*4 + 2*0 + 1*3)/(12 + 2 + 3) = 15/17 = 88.235;
    #   gain s1 = 100*2*1/17 = 11.765 = 100 - 88.235.
    Case("std-entbehrlich-no-until", "MAIN", "std", _with(ALL_E, s1=N, s2=X()), expect=want(
        index=pct(15, 17), coverage={"muss": 100.0, "soll": 0.0, "kann": 100.0}, status=GELB,
        gaps=["s1"], gains={"s1": pct(2, 17)}, next_steps=["s1"], expired=[],
        counts=counts(erfuellt=5, nicht_erfuellt=1, entbehrlich=1),
    )),
    Case("std-entbehrlich-until-future", "MAIN", "std",
         _with(ALL_E, s1=N, s2=X(dt.date(2026, 12, 31))), expect=want(
        index=pct(15, 17), coverage={"muss": 100.0, "soll": 0.0, "kann": 100.0}, expired=[],
        counts=counts(erfuellt=5, nicht_erfuellt=1, entbehrlich=1),
    )),
    # until == audit date: the exemption still holds on its last day.
    Case("std-entbehrlich-until-audit-date", "MAIN", "std", _with(ALL_E, s1=N, s2=X(AUDIT)),
         expect=want(
        index=pct(15, 17), coverage={"muss": 100.0, "soll": 0.0, "kann": 100.0}, expired=[],
        counts=counts(erfuellt=5, nicht_erfuellt=1, entbehrlich=1),
    )),
    # until the day before the audit: expired -> offen (d = 0), counted as offen, listed.
    #   Soll (0 + 3*0)/4 = 0; index (12 + 0 + 3)/23 = 15/23 = 65.217;
    #   gains s2 600/23 = 26.087, s1 200/23 = 8.696. Plan: s2 -> 75 >= 50.
    Case("std-entbehrlich-expired", "MAIN", "std",
         _with(ALL_E, s1=N, s2=X(dt.date(2026, 11, 19))), expect=want(
        index=pct(15, 23), coverage={"muss": 100.0, "soll": 0.0, "kann": 100.0}, status=GELB,
        expired=["s2"], gaps=["s2", "s1"], gains={"s2": pct(6, 23), "s1": pct(2, 23)},
        gap_status={"s2": "offen", "s1": "nicht_erfuellt"}, gap_expired={"s2": True, "s1": False},
        next_steps=["s2"], counts=counts(erfuellt=5, nicht_erfuellt=1, offen=1),
    )),
    # A whole level exempted: its coverage is None; the index ignores it.
    #   index (3*4 + 2*4)/(12 + 8) = 100.
    Case("std-level-without-applicable-service", "MAIN", "std", _with(ALL_E, k1=X(), k2=X()),
         expect=want(
        index=100.0, coverage={"muss": 100.0, "soll": 100.0, "kann": None}, status=GRUEN,
        differentiators=[], counts=counts(erfuellt=5, entbehrlich=2),
    )),
    # --------------------------------------------------------------- MAIN / key (extends std)
    # s1 is Muss in key: s1 teilweise 0.5 -> Muss (2 + 1 + 0.5 + 1)/5 = 90 -> rot.
    #   index (3*4.5 + 2*3 + 1*3)/24 = 22.5/24 = 93.75; gain s1 100*3*1*0.5/24 = 6.25.
    Case("key-inherited-level-muss", "MAIN", "key", _with(ALL_E, s1=T()), expect=want(
        index=93.75, coverage={"muss": 90.0, "soll": 100.0, "kann": 100.0}, status=ROT,
        gaps=["s1"], gains={"s1": 6.25}, gap_levels={"s1": ("muss", "muss")},
        next_steps=["s1"], goals=[("muss", 100, 90.0, V), ("soll", 80, 100.0, R)],
    )),
    # The same record in std: s1 is Soll -> Soll (0.5 + 3)/4 = 87.5;
    #   index (3*4 + 2*3.5 + 1*3)/23 = 22/23 = 95.652; gruen.
    Case("std-same-record-s1-soll", "MAIN", "std", _with(ALL_E, s1=T()), expect=want(
        index=pct(22, 23), coverage={"muss": 100.0, "soll": 87.5, "kann": 100.0}, status=GRUEN,
        gaps=["s1"], gains={"s1": pct(1, 23)}, gap_levels={"s1": ("soll", "soll")},
        next_steps=[],
    )),
    # Dated Soll goal 80 by 2027-06-30 (key's own goal replaced std's standing soll 50).
    #   s2 teilweise 0.5: Soll 3*0.5/3 = 50; index (3*5 + 2*1.5 + 1*3)/24 = 21/24 = 87.5;
    #   gain s2 100*2*3*0.5/24 = 12.5.
    Case("key-goal-laeuft", "MAIN", "key", _with(ALL_E, s2=T()), expect=want(
        index=87.5, coverage={"muss": 100.0, "soll": 50.0, "kann": 100.0}, status=GRUEN,
        gaps=["s2"], gains={"s2": 12.5}, next_steps=[],
        goals=[("muss", 100, 100.0, R), ("soll", 80, 50.0, L)], goal_by=[None, BY],
    )),
    Case("key-goal-day-before-deadline-laeuft", "MAIN", "key", _with(ALL_E, s2=T()),
         audited=dt.date(2027, 6, 29), expect=want(
        status=GRUEN, goals=[("muss", 100, 100.0, R), ("soll", 80, 50.0, L)],
    )),
    # `by` equal to the audit date: "laeuft" needs a deadline AFTER the audit -> ueberfaellig.
    Case("key-goal-deadline-equals-audit-ueberfaellig", "MAIN", "key", _with(ALL_E, s2=T()),
         audited=BY, expect=want(
        status=GELB, next_steps=["s2"], goals=[("muss", 100, 100.0, R), ("soll", 80, 50.0, U)],
    )),
    Case("key-goal-ueberfaellig", "MAIN", "key", _with(ALL_E, s2=T()),
         audited=dt.date(2027, 7, 1), expect=want(
        status=GELB, next_steps=["s2"], goals=[("muss", 100, 100.0, R), ("soll", 80, 50.0, U)],
    )),
    # A dated goal that is met stays erreicht after its deadline.
    Case("key-goal-met-after-deadline", "MAIN", "key", ALL_E, audited=dt.date(2027, 7, 1),
         expect=want(status=GRUEN, goals=[("muss", 100, 100.0, R), ("soll", 80, 100.0, R)])),
    # Knock-out plus a laeuft goal: the laeuft goal adds nothing to the plan.
    #   Muss (0*2 + 1 + 1 + 1)/5 = 60; Soll 50; index (3*3 + 2*1.5 + 3)/24 = 15/24 = 62.5;
    #   gains ko 100*3*2/24 = 25, s2 12.5 (sum 37.5 = 100 - 62.5).
    #   Plan: ko; Muss goal with ko counted fulfilled = 100; Soll goal laeuft -> not counted.
    Case("key-knockout-plan-ignores-laeuft", "MAIN", "key", _with(ALL_E, ko=N, s2=T()),
         expect=want(
        index=62.5, coverage={"muss": 60.0, "soll": 50.0, "kann": 100.0}, status=ROT,
        knockouts=["ko"], gaps=["ko", "s2"], gains={"ko": 25.0, "s2": 12.5}, next_steps=["ko"],
        goals=[("muss", 100, 60.0, V), ("soll", 80, 50.0, L)],
    )),
    # --------------------------------------------------------------- MAIN / top (extends key)
    # Two levels of inheritance: s1 Muss (from key), soll 80 goal (from key), own kann 50;
    # k2 entfaellt (mentioned erfuellt, but neither applicable nor counted).
    #   k1 n: Kann 0/1 = 0 -> kann 50 standing verfehlt -> gelb.
    #   index (3*5 + 2*3 + 1*0)/22 = 21/22 = 95.455; gain k1 100*1*1/22 = 4.545.
    Case("top-two-levels-of-inheritance", "MAIN", "top", _with(ALL_E, k1=N), expect=want(
        index=pct(21, 22), coverage={"muss": 100.0, "soll": 100.0, "kann": 0.0}, status=GELB,
        gaps=["k1"], gains={"k1": pct(1, 22)}, next_steps=["k1"],
        counts=counts(erfuellt=5, nicht_erfuellt=1),
        goals=[("muss", 100, 100.0, R), ("soll", 80, 100.0, R), ("kann", 50, 0.0, V)],
        goal_by=[None, BY, None],
    )),
    # Goal with nothing to measure: the only Kann service of top exempted -> kann goal erreicht.
    Case("top-goal-nothing-to-measure", "MAIN", "top", _with(ALL_E, k1=X()), expect=want(
        index=100.0, coverage={"muss": 100.0, "soll": 100.0, "kann": None}, status=GRUEN,
        goals=[("muss", 100, 100.0, R), ("soll", 80, 100.0, R), ("kann", 50, None, R)],
        counts=counts(erfuellt=5, entbehrlich=1),
    )),
    # --------------------------------------------------------------- MAIN / klein (extends std)
    # ko is Soll in klein: unmet, it is a gap but no knock-out. s2 entfaellt (not counted).
    #   Muss m, cs = 2/2 = 100; Soll (2*0 + 1)/3 = 33.333; Kann 3/3 = 100.
    #   index (3*2 + 2*1 + 1*3)/15 = 11/15 = 73.333; gain ko 100*2*2/15 = 26.667.
    #   soll 50 (inherited, standing) verfehlt -> gelb, not rot.
    Case("klein-knockout-not-muss-is-no-knockout", "MAIN", "klein", _with(ALL_E, ko=N),
         expect=want(
        index=pct(11, 15), coverage={"muss": 100.0, "soll": pct(1, 3), "kann": 100.0},
        status=GELB, knockouts=[], gaps=["ko"], gains={"ko": pct(4, 15)},
        gap_levels={"ko": ("soll", "soll")}, gap_knockout={"ko": False}, next_steps=["ko"],
        counts=counts(erfuellt=5, nicht_erfuellt=1),
        goals=[("muss", 100, 100.0, R), ("soll", 50, pct(1, 3), V)],
    )),
    # --------------------------------------------------------------- WEIGHTS (5/1/0.5)
    # a teilweise 0.5, b e, c teilweise 0.25.
    #   Coverage Muss 50, Soll 100, Kann 25.
    #   index (5*1*0.5 + 1*2*1 + 0.5*4*0.25)/9 = (2.5 + 2 + 0.5)/9 = 5/9 = 55.556.
    #   Services goal [a, b, c] is w-weighted (not W): (0.5 + 2 + 1)/7 = 50.0 < 80 -> verfehlt.
    #   gains a 100*5*1*0.5/9 = 27.778, c 100*0.5*4*0.75/9 = 16.667 (sum 44.444).
    #   Plan: Muss goal -> a; services goal with a fulfilled (1+2+1)/7 = 57.1 -> c -> 100.
    Case("weights-custom", "WEIGHTS", "g", {"a": T(), "b": E, "c": T(0.25)}, expect=want(
        index=pct(5, 9), coverage={"muss": 50.0, "soll": 100.0, "kann": 25.0}, status=ROT,
        gaps=["a", "c"], gains={"a": pct(2.5, 9), "c": pct(1.5, 9)}, next_steps=["a", "c"],
        goals=[("muss", 100, 50.0, V), (("a", "b", "c"), 80, 50.0, V)],
    )),
    # Same services and record, default weights 3/2/1:
    #   index (3*0.5 + 2*2 + 1*4*0.25)/11 = 6.5/11 = 59.091;
    #   gains a 100*3*0.5/11 = 13.636, c 100*1*4*0.75/11 = 27.273: a first (Muss before Kann)
    #   despite its lower gain.
    Case("weights-default", "DEFAULTW", "g", {"a": T(), "b": E, "c": T(0.25)}, expect=want(
        index=pct(6.5, 11), coverage={"muss": 50.0, "soll": 100.0, "kann": 25.0}, status=ROT,
        gaps=["a", "c"], gains={"a": pct(1.5, 11), "c": pct(3, 11)},
        goals=[("muss", 100, 50.0, V), (("a", "b", "c"), 80, 50.0, V)],
    )),
    # Services goal over the APPLICABLE listed services: b entfaellt in h (mentioned anyway).
    #   [a, c]: (1*0.5 + 4*0.25)/5 = 30; index (2.5 + 0.5)/(5 + 2) = 3/7 = 42.857.
    Case("weights-services-goal-skips-entfaellt", "WEIGHTS", "h",
         {"a": T(), "b": E, "c": T(0.25)}, expect=want(
        index=pct(3, 7), coverage={"muss": 50.0, "soll": None, "kann": 25.0},
        goals=[("muss", 100, 50.0, V), (("a", "b", "c"), 80, 30.0, V)],
        counts=counts(teilweise=2),
    )),
    # ... and over the not-exempted ones: b entbehrlich -> [a, c] = (1 + 4*0.25)/5 = 40.
    #   index (5 + 0.5)/(5 + 2) = 5.5/7 = 78.571.
    Case("weights-services-goal-skips-entbehrlich", "WEIGHTS", "g",
         {"a": E, "b": X(), "c": T(0.25)}, expect=want(
        index=pct(5.5, 7), coverage={"muss": 100.0, "soll": None, "kann": 25.0}, status=GELB,
        goals=[("muss", 100, 100.0, R), (("a", "b", "c"), 80, 40.0, V)], next_steps=["c"],
    )),
    # Services goal with nothing to measure (b, c exempted) -> erreicht.
    Case("weights-services-goal-nothing-to-measure", "WEIGHTS", "i",
         {"a": E, "b": X(), "c": X()}, expect=want(
        index=100.0, coverage={"muss": 100.0, "soll": None, "kann": None}, status=GRUEN,
        goals=[("muss", 100, 100.0, R), (("b", "c"), 90, None, R)],
    )),
    # Own services goal on the same SET replaces the inherited one (min 80 -> 40).
    #   [a, b, c] = (1 + 2 + 4*0.25)/7 = 57.143: >= 40 in j (gruen), < 80 in g (gelb).
    #   index (5 + 2 + 0.5)/9 = 7.5/9 = 83.333.
    Case("weights-own-services-goal-replaces", "WEIGHTS", "j", {"a": E, "b": E, "c": T(0.25)},
         expect=want(
        index=pct(7.5, 9), status=GRUEN,
        goals=[("muss", 100, 100.0, R), (("c", "b", "a"), 40, pct(4, 7), R)],
    )),
    Case("weights-inherited-services-goal", "WEIGHTS", "g", {"a": E, "b": E, "c": T(0.25)},
         expect=want(
        index=pct(7.5, 9), status=GELB, next_steps=["c"],
        goals=[("muss", 100, 100.0, R), (("a", "b", "c"), 80, pct(4, 7), V)],
    )),
    # The implicit Muss goal replaced by {muss, 40}: Muss 50 >= 40 -> gruen despite gaps.
    #   index (2.5 + 0 + 0)/9 = 27.778.
    Case("weights-muss-goal-lowered", "WEIGHTS", "lax", {"a": T(), "b": N, "c": N}, expect=want(
        index=pct(2.5, 9), status=GRUEN, gaps=["a", "b", "c"], next_steps=[],
        goals=[("muss", 40, 50.0, R)],
    )),
    # A dated Muss goal not yet due is `laeuft`, i.e. not erreicht -> rot (SPEC: "rot if ...
    # the Muss goal is not erreicht"). The plan counts that goal too (documented decision), so
    # the next steps turn the customer green: closing a lifts Muss to 100.
    Case("weights-muss-goal-laeuft-is-rot", "WEIGHTS", "lauf", {"a": T(), "b": E, "c": E},
         expect=want(status=ROT, knockouts=[], goals=[("muss", 100, 50.0, L)],
                     next_steps=["a"])),
    # --------------------------------------------------------------- KO
    # ky unmet (0.9) in a: knock-out -> rot although Muss coverage is 96.7.
    #   index (3 + 3*0.9 + 3)/9 = 8.7/9 = 96.667; gain ky 100*3*0.1/9 = 3.333.
    Case("ko-muss-knockout-partial", "KO", "a", {"base": E, "kx": E, "ky": T(0.9)}, expect=want(
        index=pct(8.7, 9), coverage={"muss": pct(2.9, 3), "soll": None, "kann": None},
        status=ROT, knockouts=["ky"], gaps=["ky"], gains={"ky": pct(0.3, 9)},
        next_steps=["ky"],
    )),
    # ky is Soll in b: no knock-out; no failed goal -> gruen.
    #   index (3 + 3 + 2*0.9)/8 = 7.8/8 = 97.5; gain ky 100*2*0.1/8 = 2.5.
    Case("ko-soll-knockout-does-not-count", "KO", "b", {"base": E, "kx": E, "ky": T(0.9)},
         expect=want(
        index=97.5, coverage={"muss": 100.0, "soll": 90.0, "kann": None}, status=GRUEN,
        knockouts=[], gaps=["ky"], gains={"ky": 2.5}, gap_knockout={"ky": False},
        next_steps=[],
    )),
    # kx nominal Soll with competition standard -> effective Muss -> its knock-out counts.
    #   Muss (0 + 1)/2 = 50; index (0 + 3 + 2)/8 = 62.5; gain kx 100*3/8 = 37.5.
    Case("ko-competition-standard-makes-knockout-count", "KO", "b",
         {"base": E, "kx": N, "ky": E}, expect=want(
        index=62.5, coverage={"muss": 50.0, "soll": 100.0, "kann": None}, status=ROT,
        knockouts=["kx"], gaps=["kx"], gains={"kx": 37.5}, gap_levels={"kx": ("muss", "soll")},
        gap_knockout={"kx": True}, next_steps=["kx"],
    )),
    # Knock-outs sort before a bigger non-knock-out Muss gap.
    #   index (0 + 3 + 3*0.9)/9 = 5.7/9 = 63.333; gains ky 3.333, base 33.333.
    #   Plan: ky; Muss goal with ky fulfilled (0 + 1 + 1)/3 = 66.7 -> base.
    Case("ko-knockouts-first", "KO", "a", {"base": N, "kx": E, "ky": T(0.9)}, expect=want(
        index=pct(5.7, 9), status=ROT, knockouts=["ky"], gaps=["ky", "base"],
        gains={"ky": pct(0.3, 9), "base": pct(3, 9)}, next_steps=["ky", "base"],
    )),
    # An exempted knock-out is not applicable: no knock-out.
    Case("ko-exempted-knockout", "KO", "a", {"base": E, "kx": E, "ky": X()}, expect=want(
        index=100.0, status=GRUEN, knockouts=[], gaps=[],
        counts=counts(erfuellt=2, entbehrlich=1),
    )),
    # --------------------------------------------------------------- PLAN (greedy rule)
    # Tie on w*(1-d) = 1: lower effort wins (e2, effort 2 over e1, effort 3); gap order by id.
    #   index 3/7 = 42.857; gains e1 = e2 = 100*2/7 = 28.571.
    Case("plan-tie-lower-effort", "PLAN", "eff", {"mm": E}, expect=want(
        index=pct(3, 7), status=GELB, gaps=["e1", "e2"],
        gains={"e1": pct(2, 7), "e2": pct(2, 7)}, next_steps=["e2"],
    )),
    # Tie on w*(1-d) = 1 and effort 2: higher gain wins (gb Soll 100*2/6 = 33.3 over ga Kann
    # 100*1/6 = 16.7), although ga sorts first by id. One of the two lifts [ga, gb] to 50.
    Case("plan-tie-higher-gain", "PLAN", "gain", {"mm": E}, expect=want(
        index=50.0, coverage={"muss": 100.0, "soll": 0.0, "kann": 0.0}, status=GELB,
        gaps=["gb", "ga"], gains={"gb": pct(2, 6), "ga": pct(1, 6)}, next_steps=["gb"],
    )),
    # Gaps chosen for one goal count as fulfilled for the next: Soll 100 needs x and y; then
    # [y, z] (w 1 and 2) with y fulfilled = 1/3 = 33.3 >= 33, so z (the largest w*(1-d) there)
    # is NOT added. index 3/9 = 33.333; gains x = y = 100*2/9, z = 100*1*2/9 (all 22.222).
    Case("plan-counts-chosen-as-fulfilled", "PLAN", "cnt", {"mm": E}, expect=want(
        index=pct(3, 9), status=GELB, gaps=["x", "y", "z"],
        gains={"x": pct(2, 9), "y": pct(2, 9), "z": pct(2, 9)}, next_steps=["x", "y"],
        goals=[("muss", 100, 100.0, R), ("soll", 100, 0.0, V), (("y", "z"), 33, 0.0, V)],
    )),
    # Largest w*(1-d) first, before effort: p (w 3, effort 5) alone lifts Soll from
    # 1/6 = 16.7 to 4/6 = 66.7 >= 50; q and r (effort 1) are not needed.
    #   sum(W*w) = 3 + 2*6 = 15; index (3 + 2*1)/15 = 33.333; gains p 600/15 = 40,
    #   q = r = 200/15 = 13.333.
    Case("plan-largest-shortfall-first", "PLAN", "big", {"mm": E, "s": E}, expect=want(
        index=pct(5, 15), coverage={"muss": 100.0, "soll": pct(1, 6), "kann": None},
        status=GELB, gaps=["p", "q", "r"], gains={"p": 40.0, "q": pct(2, 15), "r": pct(2, 15)},
        next_steps=["p"],
    )),
    # No applicable service at all.
    Case("plan-no-applicable-service", "PLAN", "leer", {"mm": N}, expect=want(
        index=None, coverage={"muss": None, "soll": None, "kann": None}, status=GRUEN,
        gaps=[], knockouts=[], next_steps=[], counts=counts(),
        goals=[("muss", 100, None, R), ("soll", 50, None, R)],
    )),
    # Every applicable service exempted: the same, but counted as entbehrlich.
    Case("main-all-exempted", "MAIN", "std", {s: X() for s in ALL_E}, expect=want(
        index=None, coverage={"muss": None, "soll": None, "kann": None}, status=GRUEN,
        gaps=[], next_steps=[], differentiators=[], counts=counts(entbehrlich=7),
    )),
    # --------------------------------------------------------------- DEG (degree)
    Case("degree-erfuellt", "DEG", "g", {"x": E}, expect=want(index=100.0, status=GRUEN)),
    Case("degree-teilweise-default", "DEG", "g", {"x": T()},
         expect=want(index=50.0, coverage={"muss": 50.0, "soll": None, "kann": None},
                     gains={"x": 50.0}, gap_status={"x": "teilweise"}, gap_degree={"x": 0.5})),
    Case("degree-teilweise-explicit", "DEG", "g", {"x": T(0.3)},
         expect=want(index=30.0, gains={"x": 70.0}, gap_degree={"x": 0.3})),
    Case("degree-nicht-erfuellt", "DEG", "g", {"x": N},
         expect=want(index=0.0, gains={"x": 100.0}, gap_status={"x": "nicht_erfuellt"})),
    Case("degree-offen", "DEG", "g", {"x": OF},
         expect=want(index=0.0, gains={"x": 100.0}, gap_status={"x": "offen"},
                     counts=counts(offen=1))),
    Case("degree-unmentioned-is-offen", "DEG", "g", {},
         expect=want(index=0.0, gains={"x": 100.0}, gap_status={"x": "offen"},
                     counts=counts(offen=1))),
]
# fmt: on


def _score(catalogs: dict[str, Catalog], case: Case) -> CustomerScore:
    rec = Record(id=f"K-{case.id}", segment=case.seg, services=case.services, audited=case.audited)
    return score_customer(catalogs[case.cat], rec, TODAY)


def _goal_content(g: Any) -> Any:
    return g.level if g.services is None else tuple(g.services)


def _gap_attr(attr: str) -> Any:
    def check(res: CustomerScore, want: dict[str, Any]) -> None:
        gaps = {g.service: g for g in res.gaps}
        assert {k: getattr(gaps[k], attr) for k in want} == want

    return check


def _check_index(res: CustomerScore, want: float | None) -> None:
    assert res.index == (None if want is None else approx(want))


def _check_coverage(res: CustomerScore, want: dict[str, float | None]) -> None:
    assert set(res.coverage) == {"muss", "soll", "kann"}
    assert res.coverage == {k: None if v is None else approx(v) for k, v in want.items()}


def _check_gains(res: CustomerScore, want: dict[str, float]) -> None:
    gains = {g.service: g.gain for g in res.gaps}
    assert {k: gains[k] for k in want} == {k: approx(v) for k, v in want.items()}
    if set(want) == set(gains) and res.index is not None:
        assert sum(gains.values()) == approx(100 - res.index)


def _check_gap_levels(res: CustomerScore, want: dict[str, tuple[str, str]]) -> None:
    gaps = {g.service: g for g in res.gaps}
    assert {k: (gaps[k].level, gaps[k].nominal_level) for k in want} == want


def _check_goals(res: CustomerScore, want: list[tuple[Any, float, float | None, Any]]) -> None:
    got = [(_goal_content(g), g.min, g.actual, g.state) for g in res.goals]
    assert got == [
        (content, mn, None if actual is None else approx(actual), state)
        for content, mn, actual, state in want
    ]


# expectation key -> what of the result it is compared with (plain equality)
PLAIN: dict[str, Any] = {
    "status": lambda res: res.status,
    "knockouts": lambda res: res.knockouts,
    "gaps": lambda res: [g.service for g in res.gaps],
    "next_steps": lambda res: res.next_steps,
    "differentiators": lambda res: res.differentiators,
    "counts": lambda res: res.counts,
    "expired": lambda res: res.expired,
    "goal_by": lambda res: [g.by for g in res.goals],
}
# expectation key -> a check of its own
CHECKS: dict[str, Any] = {
    "index": _check_index,
    "coverage": _check_coverage,
    "gains": _check_gains,
    "gap_levels": _check_gap_levels,
    "gap_knockout": _gap_attr("knockout"),
    "gap_status": _gap_attr("status"),
    "gap_degree": _gap_attr("degree"),
    "gap_expired": _gap_attr("expired"),
    "goals": _check_goals,
}


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_scoring_table(catalogs: dict[str, Catalog], case: Case) -> None:
    res = _score(catalogs, case)
    unknown = set(case.expect) - set(CHECKS) - set(PLAIN)
    assert not unknown, f"no check for {unknown}"
    for key, value in case.expect.items():
        if key in PLAIN:
            assert PLAIN[key](res) == value, key
        else:
            CHECKS[key](res, value)


# ----------------------------------------------------------------------------- single rules


def test_audited_defaults_to_today(catalogs: dict[str, Catalog]) -> None:
    """Without `audited`, dates are compared with today (the run date)."""
    rec = Record(id="K-1", segment="key", services=_with(ALL_E, s2=T()))
    res = score_customer(catalogs["MAIN"], rec, dt.date(2027, 7, 1))
    assert res.audited == dt.date(2027, 7, 1)
    assert [g.state for g in res.goals] == [R, U]
    assert res.status is GELB
    # the same record a day before the deadline: laeuft
    res = score_customer(catalogs["MAIN"], rec, dt.date(2027, 6, 29))
    assert [g.state for g in res.goals] == [R, L]
    assert res.status is GRUEN


def test_audited_overrides_today(catalogs: dict[str, Catalog]) -> None:
    rec = Record(id="K-1", segment="key", services=_with(ALL_E, s2=T()), audited=AUDIT)
    res = score_customer(catalogs["MAIN"], rec, dt.date(2027, 7, 1))
    assert res.audited == AUDIT
    assert [g.state for g in res.goals] == [R, L]


def test_expired_exemption_uses_audit_date_not_today(catalogs: dict[str, Catalog]) -> None:
    """`until` 2026-11-25 lies between the audit (11-20) and today (11-27): still exempt."""
    until = dt.date(2026, 11, 25)
    rec = Record(id="K-1", segment="std", services=_with(ALL_E, s2=X(until)), audited=AUDIT)
    res = score_customer(catalogs["MAIN"], rec, TODAY)
    assert res.expired == []
    assert res.counts[Status.ENTBEHRLICH] == 1
    # without `audited`, today is the audit date and the exemption has expired
    res = score_customer(
        catalogs["MAIN"], Record(id="K-1", segment="std", services=rec.services), TODAY
    )
    assert res.expired == ["s2"]
    assert res.counts[Status.OFFEN] == 1


def test_segment_override(catalogs: dict[str, Catalog]) -> None:
    """The `segment` argument beats the record's segment (klein instead of std)."""
    rec = Record(id="K-1", segment="std", services=_with(ALL_E, ko=N), audited=AUDIT)
    in_std = score_customer(catalogs["MAIN"], rec, TODAY)
    assert in_std.segment == "std"
    assert in_std.status is ROT and in_std.knockouts == ["ko"]
    in_klein = score_customer(catalogs["MAIN"], rec, TODAY, segment="klein")
    assert in_klein.segment == "klein"
    assert in_klein.segment_name == "Klein"
    assert in_klein.status is GELB and in_klein.knockouts == []
    assert in_klein.index == approx(pct(11, 15))  # as in klein-knockout-not-muss-is-no-knockout


def test_segment_given_only_by_argument(catalogs: dict[str, Catalog]) -> None:
    rec = Record(id="K-1", segment=None, services=ALL_E, audited=AUDIT)
    res = score_customer(catalogs["MAIN"], rec, TODAY, segment="top")
    assert res.segment == "top"
    assert res.index == 100.0


def test_record_fields_are_carried(catalogs: dict[str, Catalog]) -> None:
    rec = Record(
        id="K-7",
        segment="std",
        services=ALL_E,
        name="Firma",
        manager="A. B.",
        value=1000.0,
        audited=AUDIT,
    )
    res = score_customer(catalogs["MAIN"], rec, TODAY)
    assert (res.id, res.name, res.manager, res.value, res.segment_name) == (
        "K-7",
        "Firma",
        "A. B.",
        1000.0,
        "Standard",
    )


def test_gap_fields(catalogs: dict[str, Catalog]) -> None:
    rec = Record(id="K-1", segment="std", services=_with(ALL_E, cs=T(0.4)), audited=AUDIT)
    (gap,) = score_customer(catalogs["MAIN"], rec, TODAY).gaps
    assert (gap.service, gap.name, gap.level, gap.nominal_level, gap.competition) == (
        "cs",
        "CS",
        "muss",
        "kann",
        "standard",
    )
    assert (gap.knockout, gap.status, gap.degree, gap.effort, gap.action) == (
        False,
        "teilweise",
        0.4,
        1,
        "tun",
    )
    # 100 * 3*1*0.6 / 23 = 7.826
    assert gap.gain == approx(pct(1.8, 23))


def test_unknown_service_in_record_is_ignored(catalogs: dict[str, Catalog]) -> None:
    """A service the catalog does not know is a loading warning; scoring ignores it."""
    rec = Record(id="K-1", segment="std", services=_with(ALL_E, unbekannt=N), audited=AUDIT)
    res = score_customer(catalogs["MAIN"], rec, TODAY)
    assert res.index == 100.0
    assert sum(res.counts.values()) == 7


def test_catalog_from_model_validate() -> None:
    """The other way to build a catalog: CatalogFile.model_validate + resolve."""
    cf = CatalogFile.model_validate(
        {
            "kundenaudit": 1,
            "name": "Mini",
            "segments": [{"id": "g", "name": "G", "goals": [{"level": "kann", "min": 60}]}],
            "services": [
                {"id": "a", "name": "A", "level": "muss", "weight": 2},
                {"id": "b", "name": "B", "level": "kann", "competition": "none"},
            ],
        }
    )
    cat = resolve(cf)
    res = score_customer(cat, Record(id="K-1", segment="g", services={"a": E, "b": T(0.5)}), AUDIT)
    # index (3*2*1 + 1*1*0.5)/(6 + 1) = 6.5/7 = 92.857; Kann 50 < 60 standing -> gelb
    assert res.index == approx(pct(6.5, 7))
    assert res.coverage == {"muss": 100.0, "soll": None, "kann": 50.0}
    assert res.status is GELB
    assert res.next_steps == ["b"]
    assert res.audited == AUDIT


def _write(tmp: Path, text: str) -> Path:
    path = tmp / "c.yaml"
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


def test_own_level_goal_replaces_inherited(tmp_path: Path) -> None:
    """Only one Soll goal in the child; the parent's other goals are kept, in order."""
    cat, _ = load_catalog(
        _write(
            tmp_path,
            """
        kundenaudit: 1
        name: T
        segments:
          - id: p
            name: P
            goals: [{level: soll, min: 70}, {level: kann, min: 20, by: 2027-01-01}]
          - id: c
            name: C
            extends: p
            goals: [{level: soll, min: 90, by: 2027-06-30}, {services: [s], min: 10}]
        services:
          - {id: s, name: S, level: soll, action: tun}
          - {id: k, name: K, level: kann, action: tun}
        """,
        ),
        TODAY,
    )
    res = score_customer(cat, Record(id="K-1", segment="c", services={"s": T(0.8), "k": E}), AUDIT)
    assert [(_goal_content(g), g.min, g.by, g.state) for g in res.goals] == [
        ("muss", 100, None, R),
        ("soll", 90, dt.date(2027, 6, 30), L),  # 80 < 90, by after the audit
        ("kann", 20, dt.date(2027, 1, 1), R),
        (("s",), 10, None, R),
    ]
    parent = score_customer(
        cat, Record(id="K-1", segment="p", services={"s": T(0.8), "k": E}), AUDIT
    )
    assert [(_goal_content(g), g.min, g.state) for g in parent.goals] == [
        ("muss", 100, R),
        ("soll", 70, R),
        ("kann", 20, R),
    ]


def test_level_lookup_nearest_ancestor(tmp_path: Path) -> None:
    """Own entry, else the nearest ancestor's entry, else `level`."""
    cat, _ = load_catalog(
        _write(
            tmp_path,
            """
        kundenaudit: 1
        name: T
        segments:
          - {id: a, name: A}
          - {id: b, name: B, extends: a}
          - {id: c, name: C, extends: b}
          - {id: d, name: D, extends: c}
        services:
          - {id: s, name: S, level: kann, levels: {b: soll, c: muss}, action: tun}
          - {id: t, name: T, level: kann, levels: {a: entfaellt, d: soll}, action: tun}
        """,
        ),
        TODAY,
    )
    rec = {"s": T(0.5), "t": N}

    def levels(seg: str) -> dict[str, str | None]:
        res = score_customer(cat, Record(id="K-1", segment=seg, services=rec), AUDIT)
        return {g.service: g.level for g in res.gaps} | {
            s: None for s in ("s", "t") if s not in {g.service for g in res.gaps}
        }

    assert levels("a") == {"s": "kann", "t": None}
    assert levels("b") == {"s": "soll", "t": None}
    assert levels("c") == {"s": "muss", "t": None}
    assert levels("d") == {"s": "muss", "t": "soll"}


# ----------------------------------------------------------------------------- float ties

# Two Soll gaps whose shortfalls are equal in exact arithmetic but not in binary floating point:
#   a: w 3, teilweise 0.9 -> w*(1-d) = 3*0.1 = 0.3  (float: 0.29999999999999993)
#   b: w 1, teilweise 0.7 -> w*(1-d) = 1*0.3 = 0.3  (float: 0.30000000000000004)
# sum(W*w) = 3*1 + 2*(3 + 1) = 11; index (3 + 2*(2.7 + 0.7))/11 = 9.8/11 = 89.091;
# gain a = gain b = 100*2*0.3/11 = 5.4545. Soll coverage (2.7 + 0.7)/4 = 85.
TIE = """
kundenaudit: 1
name: Testkatalog Gleichstand
segments:
  - id: g
    name: G
    goals: [{level: soll, min: 90}]
services:
  - {id: m, name: M, level: muss, action: tun}
  - {id: a, name: A, level: soll, weight: 3, effort: 1, action: tun}
  - {id: b, name: B, level: soll, weight: 1, effort: 5, action: tun}
"""
TIE_RECORD = {"m": E, "a": T(0.9), "b": T(0.7)}
# Equal gains and shortfalls that differ only by float noise must still tie, so that the SPEC's
# tie-breaks (id; lower effort) apply.


@pytest.fixture
def tie_score(tmp_path: Path) -> CustomerScore:
    cat, _ = load_catalog(_write(tmp_path, TIE), TODAY)
    return score_customer(cat, Record(id="K-1", segment="g", services=TIE_RECORD), AUDIT)


def test_float_tie_numbers(tie_score: CustomerScore) -> None:
    assert tie_score.index == approx(pct(9.8, 11))
    assert tie_score.coverage[Level.SOLL] == approx(85.0)
    assert {g.service: round(g.gain, 9) for g in tie_score.gaps} == {
        "a": round(pct(0.6, 11), 9),
        "b": round(pct(0.6, 11), 9),
    }
    assert tie_score.status is GELB  # soll 85 < 90, standing


def test_float_tie_gap_order_by_id(tie_score: CustomerScore) -> None:
    """SPEC §3: equal gain -> id. Gains are both 600/11 %, so a comes before b."""
    assert [g.service for g in tie_score.gaps] == ["a", "b"]


def test_float_tie_plan_lower_effort(tie_score: CustomerScore) -> None:
    """SPEC §3: equal w*(1-d) -> lower effort. One gap lifts Soll to (3.4 + 0.3)/4 = 92.5 >= 90;
    a (effort 1) is chosen over b (effort 5)."""
    assert tie_score.next_steps == ["a"]
