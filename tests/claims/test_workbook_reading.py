"""Claims in workbooks written by another program read as the same claims written as CSV."""

from __future__ import annotations

import datetime as dt
import io
import json
import subprocess
import sys
import zipfile
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest

from honorar.claims import Claim, InvalidRow, read_claims
from honorar.claims.kinds import workbook_kind
from honorar.claims.typed_cells import number_text

from ..conftest import run_cli
from ..workbooks import ods_workbook, typed, typed_workbook

ROOT = Path(__file__).resolve().parent.parent.parent
EXAMPLES = ROOT / "examples"
HEADER = ["claim_id", "representative", "scheme", "group", "date", "start", "end", "hours",
          "attendance", "activity", "agreement", "claimed_honorarium", "lost_income",
          "lost_income_documented", "gift", "submitted"]


def invoke(*args: str, input: bytes | None = None):
    return run_cli(*args, columns=120, input=input)


def audit_json(*args: str, input: bytes | None = None) -> dict:
    result = invoke("audit", *args, "--format", "json", input=input)
    assert result.exit_code in (0, 1), result.stderr
    return json.loads(result.stdout)


def findings_by_claim(data: dict, row_shift: int = 0) -> list[tuple]:
    """Every claim's row, id, amounts and findings (code, severity, message, column); a
    message that names another row names it by the file's numbering, so it is left out."""
    return [(c["row"] - row_shift, c["claim_id"], c["representative"], c["claimed"], c["due"],
             c["difference"],
             [(f["code"], f["severity"], f["message"] if f["code"] != "duplicate_claim" else "",
               f.get("column"), f.get("row", 0) and f["row"] - row_shift)
              for f in c["findings"]])
            for c in data["claims"]]


def sheet(path: Path, rows: list[list], *, title: str = "Krav") -> Path:
    book = openpyxl.Workbook()
    book.active.title = title
    for cells in rows:
        book.active.append(cells)
    book.save(path)
    return path


# ------------------------------------------------------------- the same claims, two files


@pytest.fixture
def month(tmp_path: Path) -> tuple[Path, Path]:
    """The example month as CSV, with a name that starts like a formula, and the same as a
    typed workbook: a title row above the header, a hidden sheet before the data sheet, and
    a blank row left at its end."""
    text = (EXAMPLES / "claims.csv").read_text(encoding="utf-8")
    text = text.replace("Per Olsen", "=HYPERLINK(\"http://x\";\"Per Olsen\")", 1)
    csv_path = tmp_path / "month.csv"
    csv_path.write_text(text, encoding="utf-8")
    book = typed_workbook(text, tmp_path / "month.xlsx", title="Honorarkrav mars 2023",
                          hidden_sheet_first=True, sheet="Krav mars")
    return csv_path, book


def test_a_typed_workbook_gives_the_findings_of_the_same_claims_as_csv(month):
    csv_path, book = month
    from_csv = audit_json(str(csv_path))
    from_book = audit_json(str(book), "--sheet", "Krav mars")
    # the sheet's own row numbers: a title row and a blank row stand above the header
    assert from_book["claims"][0]["row"] == from_csv["claims"][0]["row"] + 2
    assert findings_by_claim(from_book, row_shift=2) == findings_by_claim(from_csv)
    assert any(c["representative"].startswith("=HYPERLINK") for c in from_book["claims"])
    summary_keys = ("rows", "invalid_rows", "claims_with_findings", "claimed_total", "due_total",
                    "overpaid", "underpaid", "undecided_claimed", "duplicate_claimed",
                    "findings", "severities", "versions")
    for key in summary_keys:
        assert from_book["summary"][key] == from_csv["summary"][key], key
    reading = from_book["summary"]["reading"]
    assert (reading["workbook"], reading["sheet"], reading["header_line"]) == ("xlsx", "Krav mars", 3)
    assert reading["columns"] == from_csv["summary"]["reading"]["columns"]


def test_the_first_visible_sheet_is_read_when_no_sheet_is_named(month):
    _, book = month
    data = audit_json(str(book))
    assert data["summary"]["reading"]["sheet"] == "Krav mars"  # not the hidden 'Notater'
    assert audit_json(str(book), "--sheet", "2")["claims"] == data["claims"]
    hidden = audit_json(str(book), "--sheet", "1")  # counted from 1, hidden sheets too
    assert [c["claim_id"] for c in hidden["claims"]] == ["X-1"]


def test_the_table_report_says_it_read_a_workbook_and_which_sheet(month):
    _, book = month
    result = invoke("audit", str(book))
    assert "Lest som arbeidsbok (xlsx), arket «Krav mars», overskrift på rad 3" in result.stdout
    english = invoke("audit", str(book), "--lang", "en")
    assert "Read as a workbook (xlsx), sheet 'Krav mars', header on row 3" in english.stdout


def test_rates_diff_impact_reads_a_workbook_as_it_reads_the_csv(month, tmp_path: Path):
    csv_path, book = month
    new = ROOT / "tests" / "data" / "rates" / "my-rates" / "unn" / "2024-01-01.yaml"
    args = ["rates", "diff", "unn@2022-01-01", str(new), "--format", "json", "--by",
            "representative"]
    from_csv = json.loads(invoke(*args, "--impact", str(csv_path)).stdout)["impact"]
    result = invoke(*args, "--impact", str(book), "--sheet", "Krav mars")
    assert result.exit_code == 0, result.stderr
    from_book = json.loads(result.stdout)["impact"]
    for part in (from_csv, from_book):
        part.pop("claims_file", None)
        part.pop("scope", None)  # names the file
        for change in part.get("top", []):
            change.pop("row")
    assert from_book == from_csv
    assert invoke(*args, "--sheet", "1").exit_code == 2  # --sheet goes with --impact


# ------------------------------------------------------------------------- typed cells


@pytest.mark.parametrize(("number", "text"), [
    (1176.1, "1176.1"), (1960.0, "1960"), (1001, "1001"), (0.1 + 0.2, "0.3"),
    (2.5, "2.5"), (1e16, "10000000000000000"), (392 * 3.0, "1176"), (1 / 3, "0.333333333333333"),
])
def test_a_number_is_its_shortest_decimal_form_never_binary_noise(number, text):
    assert number_text(number) == text


def claims_of(path: Path, **options) -> list[Claim | InvalidRow]:
    return list(read_claims(path, **options))


def test_typed_cells_are_read_as_what_they_are(tmp_path: Path):
    rows = [
        HEADER,
        # a date cell, time cells, an amount with one decimal, hours as a number
        ["K-1", "Kari", "unn", "G", dt.date(2023, 3, 2), dt.time(9), dt.time(12, 0), None,
         "fysisk", "møte", None, 1176.1, None, None, None, dt.datetime(2023, 3, 6, 14, 30)],
        # a date serial (a number in a date column), times as fractions of a day, 2:30 as a
        # duration, yes/no as a boolean, an id that is a number
        [1002, "Ola", "fousam", "G", 44987, 0.375, 0.5, dt.timedelta(hours=3), "fysisk",
         "møte", True, 850, 1500.5, True, 0, None],
        ["K-3", "Per", "unn", None, "02.03.2023", "09.00", "1200", "3", "fysisk", "møte", "",
         "1 176,00", "", "", "", ""],
    ]
    first, second, third = claims_of(sheet(tmp_path / "typed.xlsx", rows))
    assert isinstance(first, Claim) and isinstance(second, Claim) and isinstance(third, Claim)
    assert first.meeting.date == dt.date(2023, 3, 2) == second.meeting.date == third.meeting.date
    assert (first.start, first.end) == (dt.time(9), dt.time(12)) == (third.start, third.end)
    assert first.claimed_honorarium == Decimal("1176.10") and first.submitted == dt.date(2023, 3, 6)
    assert (second.claim_id, second.start, second.end) == ("1002", dt.time(9), dt.time(12))
    assert second.meeting.hours == 3 and second.meeting.agreement is True
    assert second.meeting.lost_income == Decimal("1500.50") and second.meeting.lost_income_documented is True
    assert third.claimed_honorarium == Decimal("1176") and third.meeting.hours == 3


def test_an_unreadable_typed_cell_is_an_invalid_row_with_the_sheets_row_and_column(tmp_path: Path):
    rows = [["Honorarkrav"], [], HEADER,
            ["K-1", "Kari", "unn", None, dt.date(2023, 3, 2), None, None, 3, "fysisk", "møte",
             None, 1.125, None, None, None, None],  # three decimals: never 1 125
            ["K-2", "Kari", "unn", None, dt.time(9), None, None, 3, "fysisk", "møte", None,
             392, None, None, None, None],
            [" ", None, "  "] + [None] * 13]  # blanks typed over a row: no claim
    amount, date = claims_of(sheet(tmp_path / "bad.xlsx", rows))
    assert isinstance(amount, InvalidRow) and (amount.row, amount.column) == (4, "claimed_honorarium")
    assert "more than two decimals" in amount.why
    assert isinstance(date, InvalidRow) and (date.row, date.column) == (5, "date")


def _error_rows() -> list[list]:
    """A header with a column the audit does not read, and three claims: one with a lost
    income of #DIV/0!, one whose fee is #N/A, and one whose only error is in the note;
    between them a row with nothing but an error, which is a blank row."""
    claim = ["unn", None, dt.date(2023, 3, 2), None, None, 2, "fysisk", "møte", "ja"]
    return [[*HEADER, "Merknad"],
            ["K-1", "Kari Nordmann", *claim, 784, "#DIV/0!", "ja", None, None, None],
            ["K-2", "Ola Hansen", *claim, "#N/A", None, None, None, None, None],
            [None] * 11 + ["#N/A"],  # a template's row, blank but for a formula filled down
            ["K-3", "Per Olsen", *claim, 784, None, None, None, None, "#REF!"]]


def test_a_cell_holding_an_error_value_is_unreadable_not_empty(tmp_path: Path):
    """python-calamine gives an error cell as an empty one: a lost income of #DIV/0! would
    be paid as nothing, without a word."""
    book = sheet(tmp_path / "errors.xlsx", _error_rows())  # openpyxl writes them as errors
    lost, fee, noted = audit_json(str(book))["claims"]
    assert lost["findings"][0]["column"] == "lost_income" and lost["due"] is None
    assert "#DIV/0!" in lost["findings"][0]["message"]
    assert lost["values"]["lost_income"] == "#DIV/0!" and lost["claimed"]["lost_income"] is None
    assert fee["findings"][0]["column"] == "claimed_honorarium" and fee["due"] is None
    assert "feilverdien #N/A" in fee["findings"][0]["message"]
    assert noted["due"]["total"] == "784.00"
    assert [f["code"] for f in noted["findings"]] == []


def test_an_error_value_is_found_as_a_spreadsheet_program_saves_it(tmp_path: Path):
    """A formula whose cached value is an error, in a sheet whose data starts in the second
    column and third row, read from a file and from standard input."""
    import xlsxwriter

    path = tmp_path / "formulas.xlsx"
    book = xlsxwriter.Workbook(str(path))
    notes = book.add_worksheet("Notater")
    notes.write_formula(0, 0, "=1/0", None, "#DIV/0!")  # another sheet's error: not this one's
    claims = book.add_worksheet("Krav")
    rows = _error_rows()
    for r, cells in enumerate(rows, start=2):
        for c, cell in enumerate(cells, start=1):
            if isinstance(cell, str) and cell.startswith("#"):
                claims.write_formula(r, c, "=NA()", None, cell)
            elif isinstance(cell, dt.date):
                claims.write_datetime(r, c, dt.datetime.combine(cell, dt.time()),
                                      book.add_format({"num_format": "dd.mm.yyyy"}))
            elif cell is not None:
                claims.write(r, c, cell)
    book.close()
    for args, stdin in (([str(path)], None), (["-"], path.read_bytes())):
        lost, fee, noted = audit_json(*args, "--sheet", "Krav", input=stdin)["claims"]
        assert (lost["row"], lost["findings"][0]["column"]) == (4, "lost_income")
        assert (fee["row"], fee["findings"][0]["column"]) == (5, "claimed_honorarium")
        assert noted["findings"] == [] and noted["due"]["total"] == "784.00"


def test_error_cells_are_found_once_each_wherever_the_chunks_of_the_sheet_end(monkeypatch):
    from honorar.claims import sheet_errors

    cells = "".join(
        f'<row r="{r}"><c r="A{r}" t="s"><v>1</v></c>'
        f'<c r="{"BC"[r % 2]}{r}" s="3" t="e"><f>VLOOKUP(A{r},X!A:B,2,0)</f><v>#N/A</v></c>'
        f'<c t="e" r="D{r}"><v>#DIV/0!</v></c><c r="E{r}" t="str"><v>#N/A</v></c></row>'
        for r in range(1, 60))
    xml = f'<worksheet><sheetData>{cells}</sheetData></worksheet>'.encode()
    expected = [(r, {ord("BC"[r % 2]) - ord("A"): "#N/A", 3: "#DIV/0!"}) for r in range(1, 60)]
    monkeypatch.setattr(sheet_errors, "_CARRY", 200)  # longer than a cell, as in the module
    for chunk in (1, 7, 64, 199, 1000, 1 << 20):
        monkeypatch.setattr(sheet_errors, "_CHUNK", chunk)
        assert list(sheet_errors._scan(io.BytesIO(xml), frozenset({1, 2, 3}))) == expected
    assert list(sheet_errors._scan(io.BytesIO(xml), frozenset({4}))) == []  # E is no error


def test_a_workbook_the_scan_cannot_read_is_read_as_python_calamine_reads_it():
    from honorar.claims.sheet_errors import error_cells

    assert list(error_cells(b"not a zip archive", "Krav", [0])) == []
    broken = io.BytesIO()
    with zipfile.ZipFile(broken, "w") as book:
        book.writestr("xl/workbook.xml", "<workbook><sheets><sheet name='Krav'")
    assert list(error_cells(broken.getvalue(), "Krav", [0])) == []


def test_slashed_text_dates_in_a_workbook_are_read_day_first_unless_given(tmp_path: Path):
    rows = [HEADER, ["K-1", "Kari", "unn", None, "03/04/2023", None, None, 3, "fysisk",
                     "møte", None, 1176, None, None, None, None]]
    book = sheet(tmp_path / "slashed.xlsx", rows)
    (claim,) = claims_of(book)
    assert claim.meeting.date == dt.date(2023, 4, 3)
    assert [code for code, _, _ in claim.notes] == ["date_order_assumed"]
    (claim,) = claims_of(book, date_order="mdy")
    assert claim.meeting.date == dt.date(2023, 3, 4)


# ---------------------------------------------------------- a workbook wherever it comes


def test_a_workbook_named_csv_or_given_on_standard_input_is_read_as_a_workbook(month, tmp_path):
    _, book = month
    expected = audit_json(str(book))["claims"]
    renamed = tmp_path / "claims.csv"
    renamed.write_bytes(book.read_bytes())
    assert audit_json(str(renamed))["claims"] == expected
    assert audit_json("-", input=book.read_bytes())["claims"] == expected


@pytest.mark.parametrize(("make", "message"), [
    (lambda book: book.read_bytes()[:2000], "damaged or not a workbook"),
    (lambda book: b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 500
     + "EncryptedPackage".encode("utf-16-le") + b"\0" * 500, "password"),
    (lambda book: b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 2000, "damaged or not a workbook"),
    # the marker of an encrypted package far past the first megabyte
    (lambda book: b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * (1 << 21)
     + "EncryptedPackage".encode("utf-16-le"), "password"),
    (lambda book: _zip_of_text(), "zip archive but not a workbook"),
])
def test_a_workbook_that_cannot_be_opened_is_one_line_and_exit_2(month, tmp_path, make, message):
    _, book = month
    path = tmp_path / "claims.xlsx"
    path.write_bytes(make(book))
    result = invoke("audit", str(path), "--lang", "en")
    assert result.exit_code == 2
    assert result.stderr.count("\n") == 1 and message in result.stderr, result.stderr
    assert "header" not in result.stderr


def _zip_of_text() -> bytes:
    import zipfile

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("claims.csv", "claim_id,representative\n")
    return buffer.getvalue()


def test_a_sheet_that_is_not_there_or_a_sheet_of_a_csv_file_is_a_usage_error(month):
    csv_path, book = month
    for args, words in (((str(book), "--sheet", "Mai"), "no sheet 'Mai' (sheets: 'Notater', "
                         "'Krav mars')"), ((str(book), "--sheet", "9"), "no sheet 9"),
                        ((str(csv_path), "--sheet", "1"), "is a text (CSV) file")):
        result = invoke("audit", *args, "--lang", "en")
        assert result.exit_code == 2 and words in result.stderr, result.stderr


def test_a_sheet_without_the_columns_names_the_sheet_and_the_way_out(tmp_path: Path):
    book = sheet(tmp_path / "other.xlsx", [["a", "b"], [1, 2]], title="Ark1")
    result = invoke("audit", str(book), "--lang", "en")
    assert result.exit_code == 2
    assert "sheet 'Ark1'" in result.stderr and "--sheet" in result.stderr


def test_a_first_sheet_without_claims_lists_the_sheets_to_choose_from(month):
    _, book = month
    instructions = openpyxl.load_workbook(book)
    instructions.move_sheet("Krav mars", offset=1)
    instructions.create_sheet("Veiledning", 0)["A1"] = "Slik fyller du ut kravene"
    instructions.save(book)
    result = invoke("audit", str(book))
    assert result.exit_code == 2
    assert "(ark: 'Veiledning', 'Notater', 'Krav mars')" in result.stderr, result.stderr
    assert invoke("audit", str(book), "--sheet", "Krav mars").exit_code == 1


@pytest.mark.parametrize(("args", "english", "norwegian"), [
    (["audit", str(EXAMPLES / "claims.csv"), "--format", "xlsx"], "a workbook is not for a terminal",
     "en arbeidsbok er ikke for terminalen"),
    (["budget", "--scheme", "unn", "--reps", "2", "--output", "b.xlsx"], "--output goes with --format xlsx",
     "--output hører til --format xlsx"),
])
def test_workbook_usage_errors_in_both_languages(args, english, norwegian):
    assert english in invoke(*args, "--lang", "en").stderr
    assert norwegian in invoke(*args).stderr


def test_workbook_signatures():
    assert workbook_kind(b"claim_id,representative\n") is None
    assert workbook_kind(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 100) == "xls"
    ods = b"PK\x03\x04" + b"\0" * 26 + b"mimetypeapplication/vnd.oasis.opendocument.spreadsheet"
    assert workbook_kind(ods) == "ods"


def test_the_csv_audit_does_not_load_the_spreadsheet_libraries():
    code = ("import sys\n"
            "from honorar.cli import app\n"
            "from typer.testing import CliRunner\n"
            f"CliRunner().invoke(app, ['audit', {str(EXAMPLES / 'claims.csv')!r}, '--format', 'csv'])\n"
            "print(sorted(m for m in ('python_calamine', 'xlsxwriter', 'openpyxl') "
            "if m in sys.modules))\n")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_the_example_workbook_gives_the_findings_of_the_example_csv():
    from_csv = audit_json(str(EXAMPLES / "claims.csv"))
    from_book = audit_json(str(EXAMPLES / "claims.xlsx"))
    assert from_book["summary"]["reading"]["sheet"] == "Krav mars 2023"
    assert findings_by_claim(from_book, row_shift=2) == findings_by_claim(from_csv)


def test_an_excel_97_workbook_saved_by_a_spreadsheet_program_gives_the_findings_of_the_csv():
    book = ROOT / "tests" / "data" / "workbooks" / "claims.xls"
    from_book = audit_json(str(book))
    assert from_book["summary"]["reading"]["workbook"] == "xls"
    assert findings_by_claim(from_book, row_shift=2) == findings_by_claim(
        audit_json(str(EXAMPLES / "claims.csv")))


def test_an_opendocument_spreadsheet_gives_the_findings_of_the_same_claims_as_csv(tmp_path):
    import csv as csv_module

    text = (EXAMPLES / "claims.csv").read_text(encoding="utf-8")
    header, *rows = list(csv_module.reader(io.StringIO(text)))
    from honorar.claims.columns import BUILT_IN_COLUMNS, normalise_header

    columns = [BUILT_IN_COLUMNS.get(normalise_header(h)) for h in header]
    sheet_rows = [["Honorarkrav mars 2023"], [], header,
                  *([typed(c, t) for c, t in zip(columns, cells, strict=True)] for cells in rows)]
    book = ods_workbook(tmp_path / "month.ods", [("Krav", sheet_rows)])
    from_book = audit_json(str(book))
    assert from_book["summary"]["reading"]["workbook"] == "ods"
    assert findings_by_claim(from_book, row_shift=2) == findings_by_claim(
        audit_json(str(EXAMPLES / "claims.csv")))
