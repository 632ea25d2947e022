"""The rules of `review` (SPEC §8): one enum, one registry of severity and summary (the same
RuleInfo as the validation rules in model/rules.py, which lists both)."""

from __future__ import annotations

import enum

from kundenaudit.model.errors import RuleInfo, Severity


class ReviewRule(str, enum.Enum):
    """A review finding's rule id."""

    REVIEW_OVERDUE = "review-overdue"
    REVIEW_DUE = "review-due"
    REVIEW_MISSING = "review-missing"
    EXEMPTION_EXPIRED = "exemption-expired"
    EXEMPTION_EXPIRING = "exemption-expiring"
    EXEMPTION_OPEN = "exemption-open"
    AUDIT_STALE = "audit-stale"
    DRIFT_MUSS = "drift-muss"
    DRIFT_KANN = "drift-kann"
    COMPETITION_MISMATCH = "competition-mismatch"


REVIEW_RULES: dict[ReviewRule, RuleInfo] = {
    ReviewRule.REVIEW_OVERDUE: RuleInfo(
        Severity.WARNING, "A service's classification is overdue for review."
    ),
    ReviewRule.REVIEW_DUE: RuleInfo(
        Severity.NOTE, "A service's classification falls due for review soon."
    ),
    ReviewRule.REVIEW_MISSING: RuleInfo(
        Severity.WARNING, "A service's classification has no review date."
    ),
    ReviewRule.EXEMPTION_EXPIRED: RuleInfo(
        Severity.WARNING, "An exemption (entbehrlich) has expired: the service counts as offen."
    ),
    ReviewRule.EXEMPTION_EXPIRING: RuleInfo(Severity.NOTE, "An exemption expires soon."),
    ReviewRule.EXEMPTION_OPEN: RuleInfo(Severity.NOTE, "An exemption has no end date."),
    ReviewRule.AUDIT_STALE: RuleInfo(
        Severity.WARNING, "A customer's audit is older than the review interval."
    ),
    ReviewRule.DRIFT_MUSS: RuleInfo(
        Severity.WARNING, "A Soll or Kann delivered to nearly every customer: a de-facto Muss."
    ),
    ReviewRule.DRIFT_KANN: RuleInfo(
        Severity.NOTE, "A differentiator delivered to most customers is becoming an expectation."
    ),
    ReviewRule.COMPETITION_MISMATCH: RuleInfo(
        Severity.WARNING, "The competition setting contradicts the service's levels."
    ),
}

REVIEW_RULE_IDS = frozenset(rule.value for rule in ReviewRule)
