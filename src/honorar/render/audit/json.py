"""The audit as JSON (SPEC §3), written as it goes.

The claims array is written one claim a line while the file is read, so a million claims
never sit in memory; the summary follows it, as it is complete only at the end (so
"claims" comes before "summary" in the object). Findings known only at the end (group
meetings) are put into their claims afterwards, at places noted while writing.
"""

from __future__ import annotations

import datetime as dt
import itertools
import json
from collections.abc import Iterator
from typing import Any

from ...audit.checks import FileTotal
from ...audit.results import ClaimResult, LightResult
from ...audit.summary import Reading, Summary, readable_claimed
from ...claims import Claim
from ...claims.cells import Cache
from ...domain import Calculation, Finding
from ..atomic import AtomicOutput
from ..jsonout import amount, finding_params
from .csv import KeptByAmounts, claim_amounts
from .finding_words import FindingTexts
from .late import LatePlaces

# an amount column by the key a claim's amounts have in the JSON
_AMOUNT_KEYS = {"claimed_honorarium": "honorarium", "lost_income": "lost_income",
                "gift": "gift", "travel_claimed": "travel"}
_quote = json.encoder.encode_basestring  # type: ignore[attr-defined]  # JSON string, fast


def _text_or_null(value: str | None) -> str:
    return "null" if value is None else _quote(value)


class JsonReport:
    def __init__(self, output: AtomicOutput, lang: str, reading: Reading) -> None:
        self.output = output
        self.lang = lang
        self.reading = reading
        self.texts = FindingTexts(lang, reading.columns)
        self._amounts_of = KeptByAmounts(self._amounts)
        # an amount's text by its value: where claimed amounts hardly repeat, what is due
        # still does
        self._amount_texts = Cache(amount)
        self._quoted = Cache(_quote)  # names, groups and schemes repeat through a file
        self._dates = Cache(dt.date.isoformat)
        self._write = output.stream.write  # bytes: offsets noted for late findings count bytes
        self._written = self._write(b'{\n  "claims": [')
        self._separator = "\n"
        self._late = LatePlaces()

    # -- one claim a line

    def add(self, result: ClaimResult | LightResult) -> None:
        line = self.light_claim(result) if type(result) is LightResult else self.claim(result)
        self._written += self._write((self._separator + "    " + line).encode())
        self._separator = ",\n"
        if result.awaits_late:
            # a claim's line ends with its findings: '…, "findings": […]}'
            self._late.note(result.row, self._written - 2, bool(result.findings))

    def claim(self, result: ClaimResult) -> str:
        claim = result.claim
        if claim is None:
            return self._invalid(result)
        meeting = claim.meeting
        findings = ", ".join(map(self.finding, result.findings)) if result.findings else ""
        return self._record(claim.row, claim.claim_id, claim.representative, claim.group,
                            meeting.scheme, meeting.date,
                            self._amounts_of(claim, result.calculation),  # type: ignore[arg-type]
                            findings)

    def light_claim(self, result: LightResult) -> str:
        """`claim` for a light result: the claim's own cells, and its priced facts'."""
        light = result.light
        return self._record(light.row, light.claim_id, light.representative, light.group,
                            light.facts.scheme, light.date, self._amounts_of.light(result), "")

    def _record(self, row: int, claim_id: str, representative: str, group: str | None,
                scheme: str, date: dt.date, version_amounts: tuple[str, str], findings: str
                ) -> str:
        version, amounts = version_amounts
        quoted = self._quoted
        group_json = "null" if group is None else quoted[group]
        return (f'{{"row": {row}, "claim_id": {_quote(claim_id)}, '
                f'"representative": {quoted[representative]}, "group": {group_json}, '
                f'"scheme": {quoted[scheme]}, "version": {version}, '
                f'"date": "{self._dates[date]}", {amounts}, "findings": [{findings}]}}')

    def _amounts(self, claim: Claim, calculation: Calculation) -> tuple[str, str]:
        """The version, and the claimed, due and difference members (kept by
        `_amounts_of` for each distinct set of amounts)."""
        travel = self.reading.travel
        names = ("honorarium", "lost_income", "gift", *(("travel",) if travel else ()), "total")
        texts = self._amount_texts
        # zero by value is also -0, which is written with its sign
        values = ["null" if v is None else f'"{texts[v] if v else amount(v)}"'
                  for v in claim_amounts(claim, calculation, travel)]
        parts = len(names)
        claimed_json = ", ".join([f'"{n}": {v}'
                                  for n, v in zip(names, values[:parts], strict=True)])
        due_json = ", ".join([f'"{n}": {v}'
                              for n, v in zip(names, values[parts:-1], strict=True)])
        difference = values[-1]
        amounts = (f'"claimed": {{{claimed_json}}}, "due": {{{due_json}}}, '
                   f'"difference": {difference}')
        version = _text_or_null(calculation.version)
        return version, amounts

    def finding(self, f: Finding) -> str:
        column = "" if f.column is None else f', "column": "{f.column}"'
        row = "" if f.row is None else f', "row": {f.row}'
        params = json.dumps(finding_params(f.params), ensure_ascii=False, sort_keys=True)
        return (f'{{"code": "{f.code}", "severity": "{f.severity}", '
                f'"message": {_quote(self.texts(f))}, "params": {params}{row}{column}}}')

    def _invalid(self, result: ClaimResult) -> str:
        invalid = result.invalid
        values = invalid.values  # type: ignore[union-attr]
        claimed = readable_claimed(invalid, self.reading.travel)  # type: ignore[arg-type]
        data = {
            "row": result.row,
            "claim_id": values.get("claim_id"),
            "representative": values.get("representative"),
            "group": values.get("group"),
            "scheme": values.get("scheme"),
            "version": None,
            "date": None,
            "claimed": {part: amount(value) for part, value in claimed.items()},
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
            late = itertools.chain((first,), late_findings)

            def findings(found: list[Finding], has_findings: bool) -> bytes:
                text = (", " if has_findings else "") + ", ".join(map(self.finding, found))
                return text.encode()

            self.output.insert(self._late.insertions(late, findings))
            for _ in late_findings:  # every late finding is counted, even one no row took
                pass
            self._write = self.output.stream.write
        body = json.dumps(self.summary(summary), ensure_ascii=False, indent=2)
        self._write(("\n  ],\n  \"summary\": " + body.replace("\n", "\n  ") + "\n}\n").encode())

    def file_total(self, total: FileTotal | None) -> dict[str, Any] | None:
        """A total row of the file: what it states, what the claims above it add up to."""
        if total is None:
            return None
        return {
            "row": total.row,
            "label": total.label,
            "stated": {_AMOUNT_KEYS[c]: amount(v) for c, v in total.stated.items()},
            "computed": {_AMOUNT_KEYS[c]: amount(v) for c, v in total.computed.items()},
            "claims": total.claims,
            "unreadable_rows": total.unreadable,
            "agrees": total.agrees,
            "findings": [json.loads(self.finding(f)) for f in total.findings],
        }

    def summary(self, summary: Summary) -> dict[str, Any]:
        r = self.reading
        return {
            "file": r.file,
            "rows": summary.rows,
            "invalid_rows": summary.invalid_rows,
            "invalid_rows_in_totals": False,  # their amounts are unknown, and not summed
            "file_total": self.file_total(summary.file_total),
            "earlier_file_totals": [self.file_total(t) for t in summary.file_totals[:-1]],
            "claims_with_findings": summary.claims_with_findings,
            "claims_without_submitted": summary.without_submitted,
            "claimed_total": amount(summary.claimed_total),
            "due_total": amount(summary.due_total),
            "overpaid": amount(summary.overpaid),
            "underpaid": amount(summary.underpaid),
            "undecided_claimed": amount(summary.undecided_claimed),
            "duplicate_claimed": amount(summary.duplicate_claimed),
            **({"travel_claimed": amount(summary.travel_claimed),
                "travel_due": amount(summary.travel_due)} if r.travel else {}),
            "findings": dict(summary.findings_in_order()),
            "version_findings": [
                {"code": f.code, "severity": f.severity, "message": self.texts(f),
                 "params": finding_params(f.params), "scheme": table.scheme,
                 "version": table.version, "rows": rows}
                for f, table, rows in summary.version_findings],
            "severities": {s: summary.severities[s] for s in ("error", "warning", "info")
                           if s in summary.severities},
            "versions": [{"scheme": table.scheme, "version": table.version, "rows": rows}
                         for table, rows in summary.versions],
            "reading": self.reading_summary(),
            # the ledger audited against (null: none)
            "ledger": None if r.ledger is None else {"file": r.ledger,
                                                     "batches": r.ledger_batches},
        }

    def reading_summary(self) -> dict[str, Any]:
        r = self.reading
        workbook = r.workbook is not None  # a workbook has a sheet, and no encoding or delimiter
        return {**({"workbook": r.workbook, "sheet": r.sheet} if workbook else {}),
                "encoding": None if workbook else r.encoding,
                "delimiter": None if workbook else r.delimiter,
                "header_line": r.header_line, "date_order": r.date_order,
                "columns": r.columns, "ignored_columns": list(r.ignored_columns),
                "claim_ids_from_rows": r.claim_ids_from_rows, "scheme_given": r.scheme_given,
                "claim_age_checked": r.claim_age_checked}
