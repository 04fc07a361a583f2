"""The audit as JSON (SPEC §3), written as it goes.

The claims array is written one claim a line while the file is read, so a million claims
never sit in memory; the summary follows it, as it is complete only at the end (so
"claims" comes before "summary" in the object). Findings known only at the end (group
meetings) are put into their claims by rewriting the spooled report once, line by line.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from decimal import Decimal
from typing import IO, Any

from ..audit import Reading, Summary, readable_claimed
from ..checks import ClaimResult
from ..models import Calculation, Finding
from .audit_atomic import AtomicOutput
from .audit_messages import FindingTexts
from .jsonout import amount

_quote = json.encoder.encode_basestring  # type: ignore[attr-defined]  # JSON string, fast
_ROW_PREFIX = '    {"row": '


class _Amounts(dict):
    """Decimal → '1960.00'; a file has few distinct amounts."""

    def __missing__(self, value: Decimal) -> str:
        if len(self) > 20_000:
            self.clear()
        text = self[value] = amount(value)
        return text


def _text_or_null(value: str | None) -> str:
    return "null" if value is None else _quote(value)


def _amount_or_null(value: Decimal | None) -> str:
    return "null" if value is None else f'"{amount(value)}"'


class JsonReport:
    def __init__(self, output: AtomicOutput, lang: str, reading: Reading) -> None:
        self.output = output
        self.lang = lang
        self.reading = reading
        self.texts = FindingTexts(lang, reading.columns)
        self._amounts = _Amounts()
        self._due: dict[int, tuple[Calculation, str, str]] = {}
        self._write = output.stream.write
        self._write('{\n  "claims": [')
        self._separator = "\n"

    # -- one claim a line

    def add(self, result: ClaimResult) -> None:
        self._write(self._separator + "    " + self.claim(result))
        self._separator = ",\n"

    def claim(self, result: ClaimResult) -> str:
        claim = result.claim
        if claim is None:
            return self._invalid(result)
        meeting = claim.meeting
        amounts = self._amounts
        honorarium, lost_income, gift = claim.claimed_honorarium, meeting.lost_income, meeting.gift
        claimed_total = honorarium + lost_income + gift
        calculation: Calculation = result.calculation  # type: ignore[assignment]
        due_json, version = self._due_of(calculation)
        due_total = calculation.total
        difference = "null" if due_total is None else f'"{amounts[claimed_total - due_total]}"'
        findings = ", ".join(map(self.finding, result.findings))
        group = "null" if claim.group is None else _quote(claim.group)
        return (f'{{"row": {claim.row}, "claim_id": {_quote(claim.claim_id)}, '
                f'"representative": {_quote(claim.representative)}, "group": {group}, '
                f'"scheme": {_quote(meeting.scheme)}, "version": {version}, '
                f'"date": "{meeting.date.isoformat()}", '
                f'"claimed": {{"honorarium": "{amounts[honorarium]}", '
                f'"lost_income": "{amounts[lost_income]}", "gift": "{amounts[gift]}", '
                f'"total": "{amounts[claimed_total]}"}}, "due": {due_json}, '
                f'"difference": {difference}, "findings": [{findings}]}}')

    def _due_of(self, calculation: Calculation) -> tuple[str, str]:
        known = self._due.get(id(calculation))
        if known is not None and known[0] is calculation:
            return known[1], known[2]
        parts = ", ".join(f'"{name}": {_amount_or_null(getattr(calculation, name))}'
                          for name in ("honorarium", "lost_income", "gift", "total"))
        due_json = "{" + parts + "}"
        version = _text_or_null(calculation.version)
        if len(self._due) > 20_000:
            self._due.clear()
        self._due[id(calculation)] = (calculation, due_json, version)
        return due_json, version

    def finding(self, f: Finding) -> str:
        column = "" if f.column is None else f', "column": "{f.column}"'
        row = "" if f.row is None else f', "row": {f.row}'
        return (f'{{"code": "{f.code}", "severity": "{f.severity}", '
                f'"message": {_quote(self.texts(f))}{row}{column}}}')

    def _invalid(self, result: ClaimResult) -> str:
        invalid = result.invalid
        values = invalid.values  # type: ignore[union-attr]
        honorarium, lost_income, gift, total = readable_claimed(invalid)  # type: ignore[arg-type]
        data = {
            "row": result.row,
            "claim_id": values.get("claim_id"),
            "representative": values.get("representative"),
            "group": values.get("group"),
            "scheme": values.get("scheme"),
            "version": None,
            "date": None,
            "claimed": {"honorarium": amount(honorarium), "lost_income": amount(lost_income),
                        "gift": amount(gift), "total": amount(total)},
            "due": None,
            "difference": None,
            "findings": [json.loads(self.finding(f)) for f in result.findings],
            "values": dict(values),
        }
        return json.dumps(data, ensure_ascii=False)

    # -- the end

    def finish(self, summary: Summary, late_findings: Iterator[Finding]) -> None:
        first = next(late_findings, None)
        if first is not None:
            self.output.rewrite(lambda old, new: self._put_late(old, new, first, late_findings))
            self._write = self.output.stream.write
        body = json.dumps(self.summary(summary), ensure_ascii=False, indent=2)
        self._write("\n  ],\n  \"summary\": " + body.replace("\n", "\n  ") + "\n}\n")

    def _put_late(self, old: IO[str], new: IO[str], pending: Finding | None,
                  late: Iterator[Finding]) -> None:
        for line in old:
            if pending is not None and line.startswith(_ROW_PREFIX):
                row = int(line[len(_ROW_PREFIX):line.index(",", len(_ROW_PREFIX))])
                extra = []
                while pending is not None and (pending.row or 0) < row:  # not in the report
                    pending = next(late, None)
                while pending is not None and pending.row == row:
                    extra.append(pending)
                    pending = next(late, None)
                if extra:
                    body = line.rstrip("\n")
                    comma = body.endswith(",")
                    data = json.loads(body[:-1] if comma else body)
                    data["findings"].extend(json.loads(self.finding(f)) for f in extra)
                    line = ("    " + json.dumps(data, ensure_ascii=False)
                            + ("," if comma else "") + line[len(body):])
            new.write(line)
        for _ in late:  # every late finding is counted, even if no line took it
            pass

    def summary(self, summary: Summary) -> dict[str, Any]:
        r = self.reading
        return {
            "file": r.file,
            "rows": summary.rows,
            "invalid_rows": summary.invalid_rows,
            "claims_with_findings": summary.claims_with_findings,
            "claimed_total": amount(summary.claimed_total),
            "due_total": amount(summary.due_total),
            "overpaid": amount(summary.overpaid),
            "underpaid": amount(summary.underpaid),
            "undecided_claimed": amount(summary.undecided_claimed),
            "duplicate_claimed": amount(summary.duplicate_claimed),
            "findings": dict(summary.findings_in_order()),
            "severities": {s: summary.severities[s] for s in ("error", "warning")
                           if s in summary.severities},
            "versions": [{"scheme": table.scheme, "version": table.version, "rows": rows}
                         for table, rows in summary.versions],
            "reading": {"encoding": r.encoding, "delimiter": r.delimiter,
                        "header_line": r.header_line, "date_order": r.date_order,
                        "columns": r.columns, "ignored_columns": list(r.ignored_columns)},
        }
