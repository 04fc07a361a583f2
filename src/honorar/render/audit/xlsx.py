"""The audit as a workbook for finance staff: a summary, every claim, every finding.

Three sheets, named in the chosen language: the summary (the table report's figures, the
rate tables used and the findings per code), the claims (one row per row of the file: its
amounts as numbers in a kr format, the difference, the finding codes and their messages;
a row with an error finding shaded) and the findings (one row per finding).

A workbook in constant memory is written row by row, never revisited, but the findings of
group meetings are known only at the end. So the rows are kept in a temporary file (pickled
records, one per claim) while the claims are read, and the sheets are written from it at
the end, with the late findings merged in by row.
"""

from __future__ import annotations

import datetime as dt
import pickle
import tempfile
from collections.abc import Iterator
from decimal import Decimal
from typing import Any

from ... import i18n
from ...audit.results import ClaimResult
from ...audit.summary import Reading, Summary, readable_claimed
from ...domain import Finding
from ..atomic import AtomicOutput
from ..xlsx import Workbook
from .csv import KeptByAmounts, amount_columns, claim_amounts
from .finding_words import SEVERITY_WORDS, FindingTexts
from .table import WORDS as TABLE_WORDS
from .table import how_read, reading_notes, summary_facts, which_ledger

HEADINGS = i18n.Words("audit.xlsx")
REPORT_NAME = i18n.Words("audit.report_name")
_EXCEL_DAY_ZERO = dt.date(1899, 12, 30).toordinal()


class XlsxReport:
    def __init__(self, output: AtomicOutput, lang: str, reading: Reading) -> None:
        self.output = output
        self.lang = lang
        self.reading = reading
        self.words = HEADINGS[lang]
        self.texts = FindingTexts(lang, reading.columns)
        self.severity_words = SEVERITY_WORDS[lang]
        self._spool = tempfile.TemporaryFile()  # noqa: SIM115 - closed in finish()
        self._write = self._spool.write
        self._amounts_of = KeptByAmounts(self._numbers)
        self._columns = amount_columns(reading.travel)

    # -- while the claims are read: one record a row

    def add(self, result: ClaimResult) -> None:
        findings = [self._finding(f) for f in result.findings]
        claim = result.claim
        if claim is None:
            values = result.invalid.values  # type: ignore[union-attr]
            claimed = readable_claimed(result.invalid, self.reading.travel)  # type: ignore[arg-type]
            amounts = tuple(_number(claimed.get(name.removeprefix("claimed_")))
                            if name.startswith("claimed_") else None for name in self._columns)
            record = (result.row, values.get("claim_id", ""), values.get("representative", ""),
                      values.get("group", ""), values.get("scheme", ""), "",
                      values.get("date", ""), amounts, findings)
        else:
            meeting = claim.meeting
            record = (claim.row, claim.claim_id, claim.representative, claim.group or "",
                      meeting.scheme, result.calculation.version or "",  # type: ignore[union-attr]
                      meeting.date.toordinal() - _EXCEL_DAY_ZERO,
                      self._amounts_of(claim, result.calculation), findings)
        data = pickle.dumps(record, pickle.HIGHEST_PROTOCOL)
        self._write(len(data).to_bytes(4, "little") + data)

    def _numbers(self, claim, calculation) -> tuple:
        return tuple(_number(v) for v in claim_amounts(claim, calculation, self.reading.travel))

    def _finding(self, f: Finding) -> tuple:
        column = None if f.column is None else self.reading.columns.get(f.column, f.column)
        return (str(f.code), str(f.severity), self.texts(f), column)

    # -- the end: the sheets

    def finish(self, summary: Summary, late_findings: Iterator[Finding]) -> None:
        w = self.words
        book = Workbook(self.output, self.lang, REPORT_NAME[self.lang], self.reading.file)
        try:
            summary_sheet = book.sheet(w["sheets"][0])
            claims = book.sheet(w["sheets"][1], [
                w[c] for c in ("row", "claim_id", "representative", "group", "scheme",
                               "version", "date")]
                + [w.get(c, c) for c in self._columns] + [w["findings"], w["messages"]])
            findings = book.sheet(w["sheets"][2], [
                w[c] for c in ("row", "claim_id", "representative", "code", "severity",
                               "message", "column")])
            self._rows(claims, findings, late_findings)
            self._summary(summary_sheet, summary)
            for sheet in (summary_sheet, claims, findings):
                sheet.finish()
        finally:
            self._spool.close()
        book.close()

    def _records(self) -> Iterator[tuple]:
        # each record is its own pickle, its length before it: one Unpickler for all would
        # keep every record it has read in its memo
        spool = self._spool
        spool.seek(0)
        read, loads = spool.read, pickle.loads  # our own file: nothing but our records
        while size := read(4):
            yield loads(read(int.from_bytes(size, "little")))

    def _rows(self, claims, findings, late_findings: Iterator[Finding]) -> None:
        pending = next(late_findings, None)
        severity = self.severity_words
        for record in self._records():
            row, claim_id, representative, group, scheme, version, date, amounts, found = record
            while pending is not None and (pending.row or 0) <= row:
                if pending.row == row:
                    found.append(self._finding(pending))
                pending = next(late_findings, None)
            shaded = any(f[1] == "error" for f in found)
            claims.write([("count", row), ("text", claim_id), ("text", representative),
                          ("text", group), ("text", scheme), ("text", version),
                          ("date" if isinstance(date, int) else "text", date),
                          *(("money", a) for a in amounts),
                          ("text", " ".join(f[0] for f in found)),
                          ("wrap", "\n".join(f[2] for f in found))], shaded=shaded)
            for code, level, message, column in found:
                findings.write([("count", row), ("text", claim_id), ("text", representative),
                                ("text", code), ("text", severity.get(level, level)),
                                ("text", message), ("text", column)],
                               shaded=level == "error")
        for _ in late_findings:  # every late finding is counted, even one no row took
            pass

    def _summary(self, sheet, s: Summary) -> None:
        words, w, r = TABLE_WORDS[self.lang], self.words, self.reading
        sheet.write([("label", words["title"].format(file=r.file))])
        sheet.write([("text", how_read(r, self.lang))])
        ledger = which_ledger(r, self.lang)
        if ledger is not None:
            sheet.write([("text", ledger)])
        for note in reading_notes(r, self.lang, s):
            sheet.write([("text", note)])
        sheet.skip()
        for key, value in summary_facts(s, travel=r.travel):
            sheet.write([("label", words[key]),
                         ("money" if isinstance(value, Decimal) else "count", value)])
        note = self.texts.unreadable_rows(s.invalid_rows)
        if note:
            sheet.write([("text", note)])
        for total in s.file_totals:  # the file's own total rows, and how each compares
            lines = [self.texts.file_total_agrees(total)] if total.agrees else \
                [self.texts(f) for f in total.findings]
            for line in lines:
                sheet.write([("text", line)])
        sheet.skip()
        sheet.write([("label", words["versions"])])
        for table, rows in s.versions:
            sheet.write([("text", table.label), ("count", rows)])
        for finding, _, _ in s.version_findings:  # about a version, not a row: said here
            sheet.write([("text", self.severity_words[finding.severity]),
                         ("text", f"{self.texts(finding)} ({finding.code})")])
        sheet.skip()
        if not s.findings:
            sheet.write([("text", words["none"])])
            return
        sheet.write([("label", words["by_code"])])
        sheet.write([("label", w["code"]), ("label", w["severity"]), ("label", w["count"])])
        for code, count in s.findings_in_order():
            level = s.code_severity.get(code, "error")
            sheet.write([("text", code), ("text", self.severity_words[level]),
                         ("count", count)])


def _number(value: Decimal | None) -> Any:
    """An amount as the spool keeps it: a float (a cell holds a binary number anyway)."""
    return None if value is None else float(value)
