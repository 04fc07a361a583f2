"""Hostile and careless files: no crash, no hang, no bloat, no code run (issue 24)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from typer.testing import CliRunner

from honorar.cli import app

from .rawbooks import claim_row, header_row, raw_xlsx, sheet_xml

ROOT = Path(__file__).resolve().parent.parent


def invoke(*args: str, input: bytes | None = None):
    return CliRunner().invoke(app, list(args), input=input,
                              env={"HONORAR_RATES": "", "COLUMNS": "120"})


def audit_json(*args: str) -> dict:
    result = invoke("audit", *args, "--format", "json", "--lang", "en")
    assert result.exit_code in (0, 1), result.stderr
    return json.loads(result.stdout)


def finding(claim: dict) -> tuple[str | None, str]:
    first = claim["findings"][0]
    return first.get("column"), first["message"]


# ------------------------------------------------------------------ the sheet's own XML


def test_the_error_cell_scan_is_linear_in_a_hostile_sheet():
    """Start tags that never end, each with an error type: the old pattern backtracked
    over them for minutes (cubic in the length); the scan reads 9 MB of them in a second."""
    code = (
        "import io, time\n"
        "from honorar.claims.sheet_errors import _scan\n"
        "for unit, count in ((b'<c t=\"e\" ', 1500), (b'<c t=\"e\" ', 1_000_000),\n"
        "                    (b't=\"e\"', 1_000_000), (b'<c r=\"A1\"><f>', 300_000)):\n"
        "    xml = b'<worksheet><sheetData>' + unit * count + b'</sheetData></worksheet>'\n"
        "    list(_scan(io.BytesIO(xml), frozenset({0})))\n")
    subprocess.run([sys.executable, "-c", code], check=True, timeout=30)


def test_an_error_cell_is_found_when_the_relationship_names_the_sheet_in_another_case(
        tmp_path: Path):
    """python-calamine finds `Worksheets/Sheet1.xml` as `worksheets/sheet1.xml`: so must
    the scan, or a #DIV/0! amount reads as 0 and can be recorded."""
    rows = header_row() + claim_row(2) + claim_row(
        3, claimed_honorarium='<c r="{r}" t="e"><f>1/0</f><v>#DIV/0!</v></c>')
    for target in ("Worksheets/Sheet1.xml", "/XL/worksheets/SHEET1.xml",
                   "WORKSHEETS/SHEET1.XML"):
        book = raw_xlsx(tmp_path / "case.xlsx", sheet_xml(rows), target=target,
                        part="xl/worksheets/sheet1.xml")
        claims = audit_json(str(book))["claims"]
        assert finding(claims[1]) == ("claimed_honorarium",
                                      "Column 'claimed_honorarium' cannot be read: "
                                      "the cell holds the error value #DIV/0!"), target
        assert claims[1]["due"] is None


def test_a_formula_without_a_stored_value_makes_its_row_unreadable(tmp_path: Path):
    """A file written by a program that does not calculate: the amount is no 0 and the
    date is not missing; the row says to open and save the workbook first."""
    rows = (header_row() + claim_row(2)
            + claim_row(3, claimed_honorarium='<c r="{r}"><f>392*2</f></c>')
            + claim_row(4, date='<c r="{r}" s="1"><f t="shared" ref="D4:D5" si="0">D2</f></c>')
            + claim_row(5, date='<x:c r="{r}" s="1"><x:f t="shared" si="0"/></x:c>')
            # a formula with its stored value is read as that value
            + claim_row(6, claim_id='<c r="{r}" t="str"><f>"K-"&amp;6</f><v>K-6</v></c>')
            # a row blank but for formulas filled down a template is blank
            + '<row r="7"><c r="A7"><f>""</f></c><c r="F7"><f>0</f></c></row>')
    book = raw_xlsx(tmp_path / "uncalculated.xlsx", sheet_xml(rows))
    claims = audit_json(str(book))["claims"]
    assert [c["row"] for c in claims] == [2, 3, 4, 5, 6]
    saved = "holds a formula without a stored value (open the workbook in a spreadsheet " \
            "program and save it first)"
    assert finding(claims[1]) == ("claimed_honorarium",
                                  f"Column 'claimed_honorarium' cannot be read: the cell {saved}")
    assert claims[1]["due"] is None
    assert finding(claims[2]) == ("date", f"Column 'date' cannot be read: the cell {saved}")
    assert finding(claims[3])[0] == "date"
    assert claims[4]["claim_id"] == "K-6" and "formula" not in json.dumps(claims[4])
    nb = invoke("audit", str(book))
    assert "formel uten lagret verdi" in nb.stdout


# ------------------------------------------------------------------ cells past what can be


def _with_columns(row: int, cells: dict[str, str]) -> str:
    """A claim in `row` with more columns after the six: `cells` by column letter."""
    return claim_row(row).replace("</row>", "".join(
        c.format(r=f"{letter}{row}") for letter, c in cells.items()) + "</row>")


_MORE = {"G": "start", "H": "end", "I": "submitted", "J": "hours"}


def _header_with_more() -> str:
    return header_row().replace("</row>", "".join(
        f'<c r="{letter}1" t="inlineStr"><is><t>{name}</t></is></c>'
        for letter, name in _MORE.items()) + "</row>")


def test_a_date_or_duration_far_out_of_range_is_one_line_and_exit_2(tmp_path: Path):
    """A date-formatted −2e11 makes python-calamine panic (a BaseException, which escaped
    every handler: a traceback and exit 1, 'findings'); an [h]:mm of 1e9 hours overflowed
    (exit 4, 'internal error'). Both are bad input, the row named."""
    fine = {"G": '<c r="{r}" s="1"><v>0.375</v></c>', "H": '<c r="{r}" s="1"><v>0.5</v></c>',
            "I": '<c r="{r}" s="1"><v>45000</v></c>', "J": '<c r="{r}" s="2"><v>0.125</v></c>'}
    for letter, bad in (("I", '<c r="{r}" s="1"><v>-2e11</v></c>'),
                        ("G", '<c r="{r}" s="1"><v>-2e11</v></c>'),
                        ("J", '<c r="{r}" s="2"><v>1e9</v></c>')):
        rows = (_header_with_more() + _with_columns(2, fine)
                + _with_columns(3, fine | {letter: bad}))
        book = raw_xlsx(tmp_path / "far.xlsx", sheet_xml(rows))
        (tmp_path / "l.db").unlink(missing_ok=True)
        assert invoke("ledger", "init", str(tmp_path / "l.db")).exit_code == 0
        for command in (("audit",), ("ledger", "record", "--ledger", str(tmp_path / "l.db"))):
            result = invoke(*command, str(book), "--lang", "en")
            assert result.exit_code == 2, (letter, result.stdout, result.stderr)
            assert result.stderr.count("\n") == 1, result.stderr
            assert "sheet 'Krav': row 3: a cell holds a value the workbook reader cannot " \
                   "read" in result.stderr


def test_a_cell_out_of_range_far_down_the_sheet_is_exit_2_and_records_nothing(tmp_path: Path):
    """Found past the rows looked at before the audit starts: still input, not honorar's
    fault, and the batch is not recorded."""
    rows = header_row() + "".join(claim_row(r) for r in range(2, 2600)) + claim_row(
        2600, date='<c r="{r}" s="1"><v>-2e11</v></c>')
    book = raw_xlsx(tmp_path / "long.xlsx", sheet_xml(rows))
    ledger = tmp_path / "l.db"
    assert invoke("ledger", "init", str(ledger)).exit_code == 0
    result = invoke("ledger", "record", str(book), "--ledger", str(ledger))
    assert result.exit_code == 2 and "rad 2600: en celle har en verdi" in result.stderr
    assert "Ingen bunker" in invoke("ledger", "list", "--ledger", str(ledger)).stdout
    audit = subprocess.run([sys.executable, "-m", "honorar", "audit", str(book)],
                           capture_output=True, text=True, timeout=120)
    # the panic's own message (Rust writes it to the standard error) is not shown
    assert audit.returncode == 2 and audit.stderr.count("\n") == 1, audit.stderr
    assert audit.stderr.startswith("honorar: error: ")
