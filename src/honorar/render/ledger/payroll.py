"""`honorar ledger payroll`: a paid batch's payroll lines as a table, JSON or CSV (the
workbook: `payroll_xlsx`). Words from the `payroll` catalogue; money, numbers and dates as
the language writes them."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from ... import i18n
from ...domain import Step
from ...i18n import locale
from ...ledger.payroll import Payroll, PayrollClaim, Total
from ...rules.payroll import PayrollLine
from ...tables.schema import LocalText
from .. import messages
from ..jsonout import amount

# the CSV's columns: stable English names a payroll import can map
CSV_COLUMNS = ("batch", "paid_on", "row", "claim_id", "employee_number", "name", "meeting_date",
               "part", "kind", "description", "benefit", "withholding",
               "employer_contribution", "quantity", "unit", "amount", "wage_type")


def _value(name: str, value: object, lang: str) -> str:
    if value is None:
        return "–"
    if isinstance(value, LocalText):
        return value.in_lang(lang)
    if isinstance(value, bool):
        return i18n.text("payroll.yes" if value else "payroll.no", lang)
    if isinstance(value, Decimal | int):
        return locale.money(Decimal(value), lang) if name.endswith("_kr") else \
            locale.number(value, lang)
    if isinstance(value, dt.date):
        return locale.date(value, lang)
    return str(value)


def step_text(step: Step, lang: str) -> str:
    params: dict[str, object] = {name: _value(name, value, lang)
                                 for name, value in step.params.items()}
    if step.key == "payroll.step.kost_day":
        lodging = step.params.get("lodging")
        params["kind"] = i18n.text(f"payroll.day.{step.params['kind']}", lang, {
            "lodging": i18n.text(f"payroll.lodging.{lodging}", lang) if lodging else ""})
    if step.key == "payroll.step.kost_meal":
        params["meal"] = i18n.text(f"payroll.meal.{step.params['meal']}", lang)
    if step.key == "payroll.step.rate_per_km":
        vehicle = str(step.params.get("vehicle"))
        params["vehicle"] = i18n.text(f"payroll.vehicle.{vehicle}", lang) \
            if vehicle in ("trailer", "forest_road") \
            else messages.VEHICLE_LABELS[lang].get(vehicle, vehicle)
    return i18n.text(step.key, lang, params)


def _steps(line: PayrollLine, lang: str) -> list[dict[str, Any]]:
    return [{"key": s.key, "text": step_text(s, lang), "amount": amount(s.amount),
             "source": messages.source_text(s.source, lang) or None} for s in line.steps]


def _number(value: Decimal | None) -> str | None:
    return None if value is None else format(value.normalize(), "f")


def line_json(payroll: Payroll, claim: PayrollClaim, line: PayrollLine,
              lang: str) -> dict[str, Any]:
    c = claim.claim
    return {"row": c.row, "claim_id": c.claim_id, "employee_number": c.representative_id,
            "name": c.representative, "meeting_date": c.date.isoformat(), "part": line.part,
            "kind": line.kind, "description": line.description, "benefit": line.benefit,
            "reported": line.reported, "withholding": line.withholding,
            "employer_contribution": line.employer_contribution,
            "quantity": _number(line.quantity), "unit": line.unit,
            "amount": amount(line.amount), "wage_type": payroll.wage_type(line),
            "steps": _steps(line, lang)}


def _total_json(payroll: Payroll, total: Total) -> dict[str, Any]:
    probe = PayrollLine(total.kind, "", total.description, None, total.withholding,
                        total.employer_contribution, total.amount)
    return {"description": total.description, "kind": total.kind,
            "withholding": total.withholding,
            "employer_contribution": total.employer_contribution, "lines": total.lines,
            "quantity": _number(total.quantity), "unit": total.unit,
            "amount": amount(total.amount), "wage_type": payroll.wage_type(probe)}


def payroll_json(payroll: Payroll, lang: str) -> dict[str, Any]:
    b = payroll.batch
    return {
        "batch": {"name": b.name, "file": b.file, "paid_on": b.paid_on.isoformat(),
                  "claims": b.claims, "paid": amount(b.paid)},
        "tax_free_table": payroll.table.label,
        "lodging": payroll.lodging,
        "lines": [line_json(payroll, claim, line, lang)
                  for claim in payroll.claims for line in claim.lines],
        "totals": [_total_json(payroll, t) for t in payroll.totals],
        "total": amount(payroll.total),
        "unsplit_claims": [c.claim.claim_id for c in payroll.claims if c.unsplit],
        "needs_person": payroll.needs_person,
    }


def payroll_csv(payroll: Payroll) -> str:
    """One row per line: semicolons, a decimal point, yes/no, the columns of CSV_COLUMNS."""
    from ..audit.csv import LINE_END

    def cell(text: str) -> str:
        if text and text[0] in "=+-@\t\r":
            text = "'" + text
        if any(ch in text for ch in ';"\r\n'):
            text = '"' + text.replace('"', '""') + '"'
        return text

    b = payroll.batch
    out = [";".join(CSV_COLUMNS)]
    for claim in payroll.claims:
        c = claim.claim
        for line in claim.lines:
            cells = [cell(b.name), b.paid_on.isoformat(), str(c.row), cell(c.claim_id),
                     cell(c.representative_id or ""), cell(c.representative),
                     c.date.isoformat(), line.part, line.kind, line.description or "",
                     line.benefit or "", "yes" if line.withholding else "no",
                     "yes" if line.employer_contribution else "no",
                     _number(line.quantity) or "", line.unit or "", amount(line.amount) or "",
                     cell(payroll.wage_type(line) or "")]
            out.append(";".join(cells))
    return LINE_END.join(out) + LINE_END


def description_text(description: str | None, kind: str, lang: str) -> str:
    """A line's description, or for a line not reported, what it is."""
    return description if description is not None else i18n.text(f"payroll.kind.{kind}", lang)


def quantity_text(quantity: Decimal | None, unit: str | None, lang: str) -> str:
    """'100 km', '2 netter', '12,5 km'."""
    if quantity is None or unit is None:
        return ""
    whole = quantity == quantity.to_integral_value()
    return i18n.counted(f"payroll.unit.{unit}", int(quantity) if whole else 2, lang,
                        {"count": locale.number(quantity, lang)})


def notes(payroll: Payroll, lang: str) -> list[str]:
    b = payroll.batch
    lines = [i18n.text("payroll.table_used", lang, {
        "table": payroll.table.label, "paid_on": locale.date(b.paid_on, lang),
        "lodging": i18n.text(f"payroll.lodging.{payroll.lodging}", lang)})]
    unsplit = sum(1 for c in payroll.claims if c.unsplit)
    if unsplit:
        lines.append(i18n.counted("payroll.unsplit_claims", unsplit, lang))
    if payroll.needs_person:
        lines.append(i18n.counted("payroll.needs_person", payroll.needs_person, lang))
    return lines


def title(payroll: Payroll, lang: str) -> str:
    b = payroll.batch
    return i18n.text("payroll.title", lang, {
        "batch": b.name, "paid_on": locale.date(b.paid_on, lang),
        "claims": locale.number(b.claims, lang), "paid": locale.money(b.paid, lang)})


def print_payroll(payroll: Payroll, lang: str, console) -> None:
    from rich import box
    from rich.table import Table

    from ..terminal import escape

    def word(key: str) -> str:
        return i18n.text(f"payroll.col.{key}", lang)

    yes_no = {True: i18n.text("payroll.yes", lang), False: i18n.text("payroll.no", lang)}
    console.print("[bold]" + escape(title(payroll, lang)) + "[/bold]")
    table = Table(box=box.SIMPLE_HEAD, pad_edge=False)
    # where the line is too narrow, the texts wrap and the long description folds; the
    # quantity and the amount are never cut
    table.add_column(word("employee_number"))
    table.add_column(word("name"))
    table.add_column(word("claim"))
    table.add_column(word("description"), overflow="fold")
    wage_types = bool(payroll.wage_types)
    for key in ("withholding", "employer_contribution"):
        table.add_column(word(key))
    table.add_column(word("quantity"), justify="right", no_wrap=True)
    table.add_column(word("amount"), justify="right", no_wrap=True)
    if wage_types:
        table.add_column(word("wage_type"))
    for claim in payroll.claims:
        c = claim.claim
        for line in claim.lines:
            cells = [escape(c.representative_id or ""), escape(c.representative),
                     escape(c.claim_id),
                     escape(description_text(line.description, line.kind, lang)),
                     yes_no[line.withholding], yes_no[line.employer_contribution],
                     quantity_text(line.quantity, line.unit, lang),
                     locale.money(line.amount, lang)]
            if wage_types:
                cells.append(escape(payroll.wage_type(line) or ""))
            table.add_row(*cells, style="bold" if line.needs_person else None)
    console.print(table)
    console.print("[bold]" + escape(i18n.text("payroll.totals", lang)) + "[/bold]")
    totals = Table(box=box.SIMPLE_HEAD, pad_edge=False)
    totals.add_column(word("description"), overflow="fold")
    for key in ("withholding", "employer_contribution"):
        totals.add_column(word(key))
    totals.add_column(word("lines"), justify="right")
    totals.add_column(word("quantity"), justify="right", no_wrap=True)
    totals.add_column(word("amount"), justify="right", no_wrap=True)
    if wage_types:
        totals.add_column(word("wage_type"))
    for t in payroll.totals:
        probe = PayrollLine(t.kind, "", t.description, None, t.withholding,
                            t.employer_contribution, t.amount)
        cells = [escape(description_text(t.description, t.kind, lang)),
                 yes_no[t.withholding], yes_no[t.employer_contribution],
                 locale.number(t.lines, lang), quantity_text(t.quantity, t.unit, lang),
                 locale.money(t.amount, lang)]
        if wage_types:
            cells.append(escape(payroll.wage_type(probe) or ""))
        totals.add_row(*cells)
    totals.add_section()
    totals.add_row(i18n.text("payroll.total", lang), "", "", "", "",
                   locale.money(payroll.total, lang), *([""] if wage_types else []))
    console.print(totals)
    for note in notes(payroll, lang):
        console.print(escape(note))
