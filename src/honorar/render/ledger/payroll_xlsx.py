"""`honorar ledger payroll --format xlsx`: the lines, the totals per description, and what
the payroll rests on, one sheet each."""

from __future__ import annotations

from ... import i18n
from ...ledger.payroll import Payroll
from ...rules.payroll import PayrollLine
from .payroll import description_text, notes, step_text, title


def write_payroll_xlsx(output, payroll: Payroll, lang: str) -> None:
    from ..xlsx import Workbook

    def word(key: str) -> str:
        return i18n.text(f"payroll.col.{key}", lang)

    def unit(name: str | None) -> str:  # the unit's word for many, without the number
        return i18n.counted(f"payroll.unit.{name}", 2, lang, {"count": ""}).strip() \
            if name else ""

    yes_no = {True: i18n.text("payroll.yes", lang), False: i18n.text("payroll.no", lang)}
    book = Workbook(output, lang, "honorar: " + title(payroll, lang))
    sheet = book.sheet(i18n.text("payroll.sheet.lines", lang), [
        word("employee_number"), word("name"), word("claim"), word("date"),
        word("description"), word("benefit"), word("withholding"),
        word("employer_contribution"), word("quantity"), word("unit"), word("amount"),
        word("wage_type"), word("reasons")])
    for claim in payroll.claims:
        c = claim.claim
        for line in claim.lines:
            sheet.write([("text", c.representative_id or ""), ("text", c.representative),
                         ("text", c.claim_id), ("date", c.date),
                         ("text", description_text(line.description, line.kind, lang)),
                         ("text", line.benefit or ""), ("text", yes_no[line.withholding]),
                         ("text", yes_no[line.employer_contribution]),
                         ("hours", line.quantity), ("text", unit(line.unit)),
                         ("money", line.amount), ("text", payroll.wage_type(line) or ""),
                         ("wrap", " ".join(step_text(s, lang) + "." for s in line.steps))],
                        shaded=line.needs_person)
    sheet.finish()
    totals = book.sheet(i18n.text("payroll.sheet.totals", lang), [
        word("description"), word("withholding"), word("employer_contribution"),
        word("lines"), word("quantity"), word("unit"), word("amount"), word("wage_type")])
    for t in payroll.totals:
        probe = PayrollLine(t.kind, "", t.description, None, t.withholding,
                            t.employer_contribution, t.amount)
        totals.write([("text", description_text(t.description, t.kind, lang)),
                      ("text", yes_no[t.withholding]), ("text", yes_no[t.employer_contribution]),
                      ("count", t.lines), ("hours", t.quantity), ("text", unit(t.unit)),
                      ("money", t.amount), ("text", payroll.wage_type(probe) or "")])
    totals.write([("label", i18n.text("payroll.total", lang)), ("text", ""), ("text", ""),
                  ("text", ""), ("text", ""), ("text", ""), ("money", payroll.total)])
    totals.finish()
    about = book.sheet(i18n.text("payroll.sheet.about", lang))
    for line in [title(payroll, lang), *notes(payroll, lang)]:
        about.write([("text", line)])
    about.finish()
    book.close()
