"""The report's input from a scoring run: the result, the report's sums and the cards' notes."""

from __future__ import annotations

from typing import TYPE_CHECKING

from kundenaudit.model.i18n import Lang
from kundenaudit.model.report import ReportMeta
from kundenaudit.render.report.view import ReportInput, cards
from kundenaudit.score.report_sums import card_notes, report_sums

if TYPE_CHECKING:
    from kundenaudit.score.pipeline import Scoring


def report_input(run: Scoring, meta: ReportMeta | None, lang: Lang) -> ReportInput:
    """Everything the page shows, from one reading of ``run``."""
    if meta is None:
        raise ValueError("the report needs its sources (ViewOptions.report)")
    doc = run.document()
    cat = run.job.cat
    shown, _ = cards(doc, meta.max_cards)
    if len(doc.customers) == 1:
        shown = list(doc.customers)
    wanted = {s.id for s in shown}
    notes = {rec.id: card_notes(rec) for rec in run.records if rec.id in wanted}
    return ReportInput(
        doc=doc,
        catalog=cat,
        sums=report_sums(cat, doc.customers),
        meta=meta,
        lang=lang,
        notes=notes,
    )
