"""Hostile and careless files: no crash, no hang, no bloat, no code run (issue 24)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from honorar.ledger.schema import VERSION

from ..conftest import run_cli
from ..rawbooks import claim_row, header_row, raw_xlsx, sheet_xml

ROOT = Path(__file__).resolve().parent.parent.parent


def invoke(*args: str, input: bytes | None = None):
    return run_cli(*args, columns=120, input=input)


def audit_json(*args: str) -> dict:
    result = invoke("audit", *args, "--format", "json", "--lang", "en")
    assert result.exit_code in (0, 1), result.stderr
    return json.loads(result.stdout)


def finding(claim: dict) -> tuple[str | None, str]:
    first = claim["findings"][0]
    return first.get("column"), first["message"]


# ------------------------------------------------------------------ the sheet's own XML


@pytest.mark.slow
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


@pytest.mark.slow
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
    assert audit.stderr.startswith("honorar: feil: ")


# ------------------------------------------------------------------ bombs and far cells


def _audit_in_a_process(path: Path, *args: str) -> subprocess.CompletedProcess:
    """`honorar audit` run apart, its memory bounded: a file that makes the reader abort or
    take gigabytes ends that process, not the tests."""
    code = ("import resource, sys\n"
            "resource.setrlimit(resource.RLIMIT_AS, (3 << 30, 3 << 30))\n"
            "from honorar.cli import main\n"
            "sys.argv = ['honorar', 'audit', *sys.argv[1:]]\n"
            "main()\n")
    return subprocess.run([sys.executable, "-c", code, str(path), "--lang", "en", *args],
                          capture_output=True, text=True, timeout=120)


def test_a_value_far_out_is_refused_in_one_line_and_empty_far_cells_are_read_past(
        tmp_path: Path):
    rows = header_row() + claim_row(2)
    for far, message in (("XFD1048576", "values as far out as column XFD and row 1 048 576"),
                         ("DX1048576", "column DX and row 1 048 576"),
                         ("A9999999", "row 9 999 999"),
                         # within the columns a sheet of claims has, yet 27 million cells
                         # the reader would make room for (870 MB)
                         ("Z1048576", "as far out as row 1 048 576, a span of 27 262 976"),
                         ("Z161320", "row 161 320")):
        number = "".join(c for c in far if c.isdigit())
        book = raw_xlsx(tmp_path / "far.xlsx", sheet_xml(
            rows + f'<row r="{number}"><c r="{far}"><v>1</v></c></row>'))
        assert book.stat().st_size < 2000
        result = _audit_in_a_process(book)
        assert result.returncode == 2, result.stderr
        assert result.stderr.count("\n") == 1 and message in result.stderr, result.stderr
        assert "(the limit is 4 194 304 cells); it is not read" in result.stderr
    # a stray format far out (a cell without a value) is no part of the sheet's span
    styled = raw_xlsx(tmp_path / "styled.xlsx", sheet_xml(
        rows + '<row r="1048576"><c r="XFD1048576" s="1"/><c r="XFC1048576" s="1"></c></row>',
        dimension="A1:XFD1048576"))
    result = _audit_in_a_process(styled, "--format", "json")
    assert result.returncode in (0, 1), result.stderr
    assert [c["claim_id"] for c in json.loads(result.stdout)["claims"]] == ["K-2"]


def _declaring(data: bytes, part: str, size: int) -> bytes:
    """A zip archive's bytes with `part` declaring `size` unpacked bytes (in its local
    header and in the central directory)."""
    import struct

    name = part.encode()
    out = bytearray(data)
    at = out.find(b"PK\x03\x04" + out[4:4])  # every local header and central entry
    while True:
        local = out.find(b"PK\x03\x04", at)
        if local < 0:
            break
        if out[local + 30:local + 30 + len(name)] == name:
            struct.pack_into("<L", out, local + 22, size)
        at = local + 4
    at = 0
    while True:
        central = out.find(b"PK\x01\x02", at)
        if central < 0:
            break
        if out[central + 46:central + 46 + len(name)] == name:
            struct.pack_into("<L", out, central + 24, size)
        at = central + 4
    return bytes(out)


def test_a_zip_bomb_is_refused_before_it_is_unpacked(tmp_path: Path, monkeypatch):
    from honorar import limits

    sheet = sheet_xml(header_row() + claim_row(2))
    book = raw_xlsx(tmp_path / "bomb.xlsx", sheet)
    # a part declaring 2 GiB
    book.write_bytes(_declaring(book.read_bytes(), "xl/worksheets/sheet1.xml", 2 << 30))
    result = invoke("audit", str(book), "--lang", "en")
    assert result.exit_code == 2 and result.stderr.count("\n") == 1, result.stderr
    assert "the workbook's parts declare 2 048 MiB unpacked (the limit is 1 024 MiB)" \
        in result.stderr
    # a part unpacking to far more than it declares (the reader would trust its stream)
    padded = sheet.replace("</worksheet>", " " * 200_000 + "</worksheet>")
    raw_xlsx(book, padded)
    book.write_bytes(_declaring(book.read_bytes(), "xl/worksheets/sheet1.xml", 1000))
    result = invoke("audit", str(book), "--lang", "en")
    assert result.exit_code == 2 and "xl/worksheets/sheet1.xml unpacks to more than the " \
        "1 000 bytes it declares" in result.stderr, result.stderr
    # parts that unpack, as they declare, to more than the limit (here made small)
    monkeypatch.setattr(limits, "WORKBOOK_UNPACKED", 150_000)
    raw_xlsx(book, padded)
    result = invoke("audit", str(book), "--lang", "en")
    assert result.exit_code == 2 and "(the limit is 0 MiB)" in result.stderr
    monkeypatch.setattr(limits, "WORKBOOK_UNPACKED", 1 << 30)
    # too many shared strings (the limit made small)
    monkeypatch.setattr(limits, "SHARED_STRINGS", 1000)
    strings = ('<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxml'
               'formats.org/spreadsheetml/2006/main">' + "<si><t>x</t></si>" * 1001 + "</sst>")
    raw_xlsx(book, sheet, extra={"xl/sharedStrings.xml": strings})
    result = invoke("audit", str(book))
    assert result.exit_code == 2 and result.stderr.count("\n") == 1, result.stderr
    assert "flere enn 1 000 delte tekster" in result.stderr, result.stderr
    assert "(grensen er 1 000 tekster); den leses ikke" in result.stderr, result.stderr
    monkeypatch.setattr(limits, "SHARED_STRINGS", 1001)
    assert invoke("audit", str(book)).exit_code == 1
    # a file larger than the limit, from a path and from standard input
    monkeypatch.setattr(limits, "WORKBOOK_FILE", 1000)
    for args, stdin in (([str(book)], None), (["-"], book.read_bytes())):
        result = invoke("audit", *args, "--lang", "en", input=stdin)
        assert result.exit_code == 2 and "(the limit is 0 MiB)" in result.stderr


def test_an_ods_row_repeated_a_billion_times_is_refused_at_once(tmp_path: Path):
    import datetime as dt
    import time

    from ..workbooks import ods_workbook

    book = ods_workbook(tmp_path / "rows.ods", [("Krav", [
        list(("claim_id", "representative", "scheme", "date", "attendance",
              "claimed_honorarium")),
        ["K-1", "Kari Nordmann", "unn", dt.date(2023, 3, 2), "fysisk", 784]])])
    import zipfile

    with zipfile.ZipFile(book) as archive:
        parts = {i.filename: archive.read(i) for i in archive.infolist()}
    for attribute, limit in (('table:number-rows-repeated="1000000000"', "1 048 576"),
                             ('table:number-columns-repeated="20000"', "16 384")):
        content = parts["content.xml"].decode().replace(
            "</table:table>", f"<table:table-row {attribute if 'rows' in attribute else ''}>"
            f"<table:table-cell {attribute if 'columns' in attribute else ''} "
            'office:value-type="float" office:value="1"><text:p>1</text:p></table:table-cell>'
            "</table:table-row></table:table>")
        with zipfile.ZipFile(book, "w") as archive:
            archive.writestr(zipfile.ZipInfo("mimetype"), parts["mimetype"])
            for name, data in parts.items():
                if name != "mimetype":
                    archive.writestr(name, content if name == "content.xml" else data,
                                     zipfile.ZIP_DEFLATED)
        started = time.monotonic()
        result = invoke("audit", str(book), "--lang", "en")
        assert time.monotonic() - started < 10
        assert result.exit_code == 2 and result.stderr.count("\n") == 1, result.stderr
        assert f"times (the limit is {limit} times)" in result.stderr, result.stderr


def test_an_ods_value_far_down_or_in_many_repeated_rows_is_refused_by_its_span(
        tmp_path: Path):
    """A 945-byte .ods with a value in row 1 048 003 (the rows between one repeated empty
    row) took 1.8 GB and 10 s; a row with a value repeated a million times, 1.7 GB. Each
    is within the repeat bounds, and past the span a sheet may have."""
    import datetime as dt
    import zipfile

    from ..workbooks import ods_workbook

    book = ods_workbook(tmp_path / "far.ods", [("Krav", [
        list(("claim_id", "representative", "scheme", "date", "attendance",
              "claimed_honorarium")),
        ["K-1", "Kari Nordmann", "unn", dt.date(2023, 3, 2), "fysisk", 784]])])
    with zipfile.ZipFile(book) as archive:
        parts = {i.filename: archive.read(i) for i in archive.infolist()}
    value = ('<table:table-cell table:number-columns-repeated="25"/><table:table-cell '
             'office:value-type="float" office:value="1"><text:p>1</text:p></table:table-cell>')
    for rows, span in (('<table:table-row table:number-rows-repeated="1048000">'
                        '<table:table-cell/></table:table-row>'
                        f"<table:table-row>{value}</table:table-row>", "27 248 0"),
                       ('<table:table-row table:number-rows-repeated="1000000">'
                        f"{value}</table:table-row>", "26 000 0"),
                       # an empty row without cells, repeated, counts its rows too
                       ('<table:table-row table:number-rows-repeated="1048000"/>'
                        f"<table:table-row>{value}</table:table-row>", "27 248 0")):
        content = parts["content.xml"].decode().replace("</table:table>",
                                                        rows + "</table:table>")
        with zipfile.ZipFile(book, "w") as archive:
            archive.writestr(zipfile.ZipInfo("mimetype"), parts["mimetype"])
            for name, data in parts.items():
                if name != "mimetype":
                    archive.writestr(name, content if name == "content.xml" else data,
                                     zipfile.ZIP_DEFLATED)
        result = _audit_in_a_process(book)
        assert result.returncode == 2 and result.stderr.count("\n") == 1, result.stderr
        assert f"a span of {span}" in result.stderr, result.stderr
        assert "(the limit is 4 194 304 cells); it is not read" in result.stderr
    # the empty rows and styled cells LibreOffice writes after the claims are no span
    content = parts["content.xml"].decode().replace("</table:table>", (
        '<table:table-row table:style-name="ro1" table:number-rows-repeated="1048570">'
        '<table:table-cell table:style-name="ce1" table:number-columns-repeated="1024"/>'
        "</table:table-row></table:table>"))
    with zipfile.ZipFile(book, "w") as archive:
        archive.writestr(zipfile.ZipInfo("mimetype"), parts["mimetype"])
        for name, data in parts.items():
            if name != "mimetype":
                archive.writestr(name, content if name == "content.xml" else data,
                                 zipfile.ZIP_DEFLATED)
    result = _audit_in_a_process(book, "--format", "json")
    assert result.returncode in (0, 1), result.stderr
    assert [c["claim_id"] for c in json.loads(result.stdout)["claims"]] == ["K-1"]


# ------------------------------------------------------------------ text files past a bound


def test_a_yaml_file_past_the_limit_is_refused_before_it_is_parsed(tmp_path: Path):
    """A 50 MB rate table took 110 s and 8 GB before it was refused: one past the limit is
    refused at once, whatever it is for."""
    import time

    from honorar import limits

    big = "unn: 1\n" + "#" * limits.YAML_FILE + "\n"
    claims = tmp_path / "claims.csv"
    claims.write_text("claim_id,representative,scheme,date,attendance,claimed_honorarium\n"
                      "K-1,Kari,unn,2023-03-02,fysisk,784\n", encoding="utf-8")
    (tmp_path / "rates" / "unn").mkdir(parents=True)
    for name in ("big.yaml", "rates/unn/2022-01-01.yaml"):
        (tmp_path / name).write_text(big, encoding="utf-8")
    table = str(tmp_path / "rates" / "unn" / "2022-01-01.yaml")
    plan = mapping = str(tmp_path / "big.yaml")
    started = time.monotonic()
    for args in (("audit", str(claims), "--mapping", mapping),
                 ("audit", str(claims), "--rates-dir", str(tmp_path / "rates")),
                 ("rates", "check", table),
                 ("budget", "--plan", plan, "--reps", "2", "--scheme", "unn")):
        result = invoke(*args, "--lang", "en")
        assert result.exit_code == 2, (args, result.stdout, result.stderr)
        assert "the file is larger than 1 MiB (the limit for a YAML file); it is not read" \
            in result.stdout + result.stderr, (args, result.stdout, result.stderr)
    assert time.monotonic() - started < 10


def test_a_csv_line_past_the_limit_is_refused_not_read_into_memory(tmp_path: Path):
    from honorar import limits

    path = tmp_path / "claims.csv"
    path.write_text("claim_id,representative,scheme,date,attendance,claimed_honorarium\n"
                    "K-1,Kari,unn,2023-03-02,fysisk,784\n"
                    f"K-2,{'a' * limits.CSV_LINE},unn,2023-03-02,fysisk,784\n",
                    encoding="utf-8")
    result = invoke("audit", str(path), "--lang", "en")
    assert result.exit_code == 2 and result.stderr.count("\n") == 1, result.stderr
    assert "line 3 is longer than 1 048 576 characters (the limit for a line)" in result.stderr
    # a line just within the limit is read (as a row of a name too long, here)
    path.write_text("claim_id,representative,scheme,date,attendance,claimed_honorarium\n"
                    f"K-2,{'a' * (limits.CSV_LINE - 40)},unn,2023-03-02,fysisk,784\n",
                    encoding="utf-8")
    assert invoke("audit", str(path)).exit_code in (0, 1)


# ------------------------------------------------------------------ a ledger with plants


def _ledger_with_a_batch(tmp_path: Path) -> Path:
    from ..ledger_helpers import MARCH, claims_file, run

    ledger = tmp_path / "ledger.db"
    assert run("ledger", "init", str(ledger)).exit_code == 0
    claims = claims_file(tmp_path, *MARCH[:2], name="mars.csv")
    assert run("ledger", "record", str(claims), "--ledger", str(ledger)).exit_code == 0
    return ledger


def _plant(ledger: Path, *statements: str) -> None:
    import sqlite3

    connection = sqlite3.connect(ledger)
    for statement in statements:
        connection.execute(statement)
    connection.commit()
    connection.close()


_PLANTS = {
    # it zeroed every earlier claim and emptied the log while the record said success
    "trigger": ("CREATE TRIGGER wipe AFTER INSERT ON batch BEGIN "
                "UPDATE claim SET paid_ore = 0; DELETE FROM log; END",),
    "view": ("CREATE VIEW forged AS SELECT * FROM batch",),
    "recursive view": ("CREATE VIEW endless AS WITH RECURSIVE n(x) AS (SELECT 1 UNION ALL "
                       "SELECT x + 1 FROM n) SELECT x FROM n",),
    "index dropped": ("DROP INDEX claim_by_person",),
    "table added": ("CREATE TABLE extra (x)",),
    "a table replaced by a view": (
        "ALTER TABLE batch RENAME TO batch_old",
        "CREATE VIEW batch AS SELECT id, 'forged' AS name, file, sha256, recorded_at, paid_on, "
        "claims, 0 AS paid_ore FROM batch_old"),
}


def test_a_ledger_whose_schema_honorar_did_not_make_is_refused_before_any_data(tmp_path: Path):
    from ..ledger_helpers import MARCH, claims_file, one_line_error, rows_in, run

    for plant, statements in _PLANTS.items():
        folder = tmp_path / plant.replace(" ", "-")
        folder.mkdir()
        ledger = _ledger_with_a_batch(folder)
        _plant(ledger, *statements)
        april = claims_file(folder, *MARCH[2:], name="april.csv")
        for args in (("ledger", "record", str(april)), ("ledger", "list"),
                     ("ledger", "show", "mars"), ("ledger", "report", "--year", "2023"),
                     ("audit", str(april))):
            result = run(*args, "--ledger", str(ledger), "--lang", "en")
            message = one_line_error(result, 2)
            assert "does not have the schema honorar makes for version" in message, (plant,
                                                                                      message)
        if plant == "trigger":
            assert rows_in(ledger, "SELECT sum(paid_ore) FROM claim") == 235200
            assert rows_in(ledger, "SELECT count(*) FROM log") == 1
    ledger = _ledger_with_a_batch(tmp_path)
    _plant(ledger, "CREATE TRIGGER wipe AFTER INSERT ON batch BEGIN DELETE FROM log; END")
    message = run("ledger", "list", "--ledger", str(ledger)).stderr
    assert f"har ikke skjemaet honorar lager for versjon {VERSION} (ikke laget av honorar: trigger " \
           "wipe); det brukes ikke" in message, message


def test_a_damaged_schema_is_exit_2_and_an_unreadable_ledger_exit_3(tmp_path: Path):
    import os
    import shutil

    from ..ledger_helpers import one_line_error, run

    ledger = _ledger_with_a_batch(tmp_path)
    _plant(ledger, "PRAGMA writable_schema = ON",
           "UPDATE sqlite_master SET sql = 'CREATE TABLE batch (' WHERE name = 'batch'")
    message = one_line_error(run("ledger", "list", "--ledger", str(ledger), "--lang", "en"), 2)
    assert "damaged" in message
    # a ledger the user may not read is the machine refusing, not bad input
    import tempfile

    # a folder anyone may pass through (a test's own folder is its owner's alone)
    with tempfile.TemporaryDirectory(prefix="honorar-unreadable-") as folder:
        os.chmod(folder, 0o755)
        unreadable = _ledger_with_a_batch(Path(folder))
        unreadable.chmod(0o000)
        command = [sys.executable, "-m", "honorar", "ledger", "list", "--ledger",
                   str(unreadable), "--lang", "en"]
        if os.geteuid() == 0:  # root reads anything: run it as nobody
            if shutil.which("setpriv") is None:
                return
            command = ["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups",
                       *command]
        result = subprocess.run(command, capture_output=True, text=True, timeout=60,
                                env={**os.environ, "PYTHONPATH": str(ROOT / "src")})
    assert result.returncode == 3, result.stderr
    assert result.stderr.count("\n") == 1 and result.stderr.startswith("honorar: error: ledger")


def test_a_query_running_past_its_limit_is_stopped(tmp_path: Path, monkeypatch):
    import time

    import pytest

    from honorar import limits
    from honorar.ledger import LedgerUnavailable, guarded, open_ledger

    ledger = _ledger_with_a_batch(tmp_path)
    monkeypatch.setattr(limits, "LEDGER_QUERY_SECONDS", 0.5)
    started = time.monotonic()
    with pytest.raises(LedgerUnavailable, match=r"took longer than 0\.5 s"), \
            guarded(ledger, 1), open_ledger(ledger) as book:
        book.connection.execute("WITH RECURSIVE n(x) AS (SELECT 1 UNION ALL SELECT x + 1 "
                                "FROM n) SELECT count(*) FROM n").fetchone()
    assert time.monotonic() - started < 10


def test_trusted_schema_is_off_on_a_ledger(tmp_path: Path):
    from honorar.ledger import open_ledger

    with open_ledger(_ledger_with_a_batch(tmp_path)) as book:
        assert book.connection.execute("PRAGMA trusted_schema").fetchone()[0] == 0


def test_a_pipe_is_no_file_to_record_and_no_ledger_to_make(tmp_path: Path):
    """`ledger record /dev/stdin` recorded a batch with an empty checksum, after which every
    other pipe was 'recorded already'; `ledger init` on a device left a journal beside it."""
    import os

    from ..ledger_helpers import one_line_error, run

    ledger = _ledger_with_a_batch(tmp_path)
    pipe = tmp_path / "pipe"
    os.mkfifo(pipe)
    # run apart: the old code opened the pipe and waited for a writer for ever
    code = ("import sys\nfrom honorar.cli import main\n"
            "sys.argv = ['honorar', *sys.argv[1:]]\nmain()\n")
    result = subprocess.run([sys.executable, "-c", code, "ledger", "record", str(pipe),
                             "--ledger", str(ledger), "--lang", "en"],
                            capture_output=True, text=True, timeout=30, stdin=subprocess.DEVNULL)
    assert result.returncode == 2 and result.stderr.count("\n") == 1, result.stderr
    assert "needs a regular file" in result.stderr and "is a pipe or a device" in result.stderr
    message = one_line_error(run("ledger", "init", str(pipe), "--lang", "en"), 2)
    assert "is not a regular file" in message
    assert sorted(p.name for p in tmp_path.iterdir() if "journal" in p.name) == []
    message = one_line_error(run("ledger", "list", "--ledger", str(pipe), "--lang", "en"), 2)
    assert "is not a regular file" in message


# ------------------------------------------------------------------ leaks and forgeries


def test_an_xlsx_report_stopped_half_way_leaves_no_temporary_file(tmp_path: Path, monkeypatch):
    """XlsxWriter's temporary files hold every claim's name and amounts: a report stopped
    by a signal (or a failure) while its rows are written left them in $TMPDIR."""
    import tempfile

    from honorar.cli.errors import Stopped
    from honorar.render import xlsx

    from ..ledger_helpers import MARCH, claims_file

    temporary = tmp_path / "tmp"
    temporary.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(temporary))
    claims = claims_file(tmp_path, *MARCH)
    report = tmp_path / "report.xlsx"
    assert invoke("audit", str(claims), "--format", "xlsx", "--output", str(report)
                  ).exit_code in (0, 1)
    assert report.exists() and list(temporary.iterdir()) == []
    report.unlink()

    def stop(self) -> None:
        raise Stopped("SIGTERM")

    monkeypatch.setattr(xlsx.Sheet, "finish", stop)
    result = invoke("audit", str(claims), "--format", "xlsx", "--output", str(report),
                    "--lang", "en")
    assert result.exit_code == 3 and "stopped by SIGTERM" in result.stderr
    assert list(temporary.iterdir()) == [] and not report.exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["claims.csv", "tmp"]


def test_a_line_feed_in_a_name_is_shown_and_cannot_forge_a_line(tmp_path: Path):
    from ..ledger_helpers import HEADER, run

    forged = "  error     Betalt to ganger (forged)"
    claims = tmp_path / "claims.csv"
    claims.write_text(
        HEADER + "\n"
        f'K-1,"Kari\n{forged}",unn,Rus,2023-03-02,09:00,12:00,fysisk,møte,,9999,,,,2023-03-06\n'
        f'K-2,"Ola\r\nHan\u2028sen",unn,Rus,2023-03-02,09:00,12:00,fysisk,møte,,9999,,,,'
        "2023-03-06\n", encoding="utf-8")
    ledger = tmp_path / "ledger.db"
    run("ledger", "init", str(ledger))
    for args in (("audit", str(claims)),
                 ("ledger", "record", str(claims), "--ledger", str(ledger),
                  "--accept-findings"),
                 ("ledger", "show", "claims", "--ledger", str(ledger))):
        result = run(*args, "--lang", "en")
        assert result.exit_code in (0, 1), (args, result.stderr)
        lines = result.stdout.splitlines()
        assert not any(line.startswith(forged) for line in lines), (args, result.stdout)
        if args[1] != "record":  # which names no claim
            assert f"Kari\\n{forged}" in result.stdout, (args, result.stdout)
    assert "Ola\\r\\nHan\\u2028sen" in result.stdout


@pytest.mark.slow
def test_a_closed_output_is_not_blamed_on_the_ledger(tmp_path: Path):
    """`ledger show … | head -c 10` said 'ledger …: Broken pipe'."""
    from ..ledger_helpers import HEADER, run

    rows = [f"K-{i},Person {i},unn,Rus,2023-03-02,09:00,12:00,fysisk,møte,,1176,,,,2023-03-06"
            for i in range(2000)]
    claims = tmp_path / "many.csv"
    claims.write_text("\n".join([HEADER, *rows]) + "\n", encoding="utf-8")
    ledger = tmp_path / "ledger.db"
    run("ledger", "init", str(ledger))
    assert run("ledger", "record", str(claims), "--ledger", str(ledger)).exit_code == 0
    for args in (("show", "many"), ("show", "many", "--format", "json"), ("list",)):
        process = subprocess.Popen(
            [sys.executable, "-m", "honorar", "ledger", *args, "--ledger", str(ledger),
             "--lang", "en"], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
            env={**__import__("os").environ, "COLUMNS": "120"})
        assert process.stdout is not None and process.stderr is not None
        process.stdout.read(10)
        process.stdout.close()
        error = process.stderr.read().decode()
        code = process.wait(timeout=60)
        if args == ("list",) and code == 0:
            continue  # short enough to be written before the pipe was closed
        assert code == 141 and error == "", error  # a closed pipe is no error


def test_a_formula_with_an_empty_stored_value_is_a_formula_without_one(tmp_path: Path):
    """`<f>1/0</f><v/>` and `<v></v>`: a program that does not calculate may write an empty
    value after the formula; that is no 0 claimed and no empty date. A formula whose text
    result is empty (`t="str"`, as Excel writes `IF(…;"";…)`) is read as the empty text."""
    rows = (header_row() + claim_row(2)
            + claim_row(3, claimed_honorarium='<c r="{r}"><f>1/0</f><v /></c>')
            + claim_row(4, claimed_honorarium='<c r="{r}"><f>392*2</f><v></v></c>')
            + claim_row(5, date='<c r="{r}" s="1"><f>D2</f><v/></c>')
            + claim_row(6, claimed_honorarium='<c r="{r}" t="e"><f>1/0</f><v></v></c>')
            + claim_row(7, claim_id='<c r="{r}" t="str"><f>IF(1,"","")</f><v></v></c>'))
    book = raw_xlsx(tmp_path / "empty-values.xlsx", sheet_xml(rows))
    claims = audit_json(str(book))["claims"]
    saved = "holds a formula without a stored value (open the workbook in a spreadsheet " \
            "program and save it first)"
    for claim, column in zip(claims[1:5], ("claimed_honorarium", "claimed_honorarium",
                                           "date", "claimed_honorarium"), strict=True):
        assert finding(claim) == (column, f"Column '{column}' cannot be read: the cell {saved}"
                                  ), claim["row"]
        assert claim["due"] is None
    assert claims[5]["row"] == 7 and claims[5]["claim_id"] is None
    assert finding(claims[5]) == ("claim_id", "Column 'claim_id' cannot be read: the cell is empty")


def test_an_xls_value_in_its_last_cell_is_refused_by_its_span():
    """A 6 KB .xls with a value at IV65536 took 1.1 GB and 3 s: 16.7 million cells."""
    book = ROOT / "tests" / "data" / "workbooks" / "far-value.xls"
    result = _audit_in_a_process(book)
    assert result.returncode == 2 and result.stderr.count("\n") == 1, result.stderr
    assert ("the sheet 'Krav' has values as far out as column IV and row 65 536, a span of "
            "16 777 216 cells") in result.stderr, result.stderr
    assert "(the limit is 4 194 304 cells); it is not read" in result.stderr


def test_a_cell_of_megabytes_of_text_is_refused_before_it_is_read(tmp_path: Path):
    """A sheet of one 900 MB text cell is within the unpacked bound, and took 7 GB and
    minutes; a cell holds at most 32 767 characters. The bound holds in a sheet, in the
    shared strings and in an .ods, across the chunks the archive unpacks in."""
    import time
    import zipfile

    rows = header_row() + claim_row(2)
    long = "Kari " + "A" * (3 << 20)
    for book in (
            raw_xlsx(tmp_path / "inline.xlsx", sheet_xml(
                rows + f'<row r="3"><c r="B3" t="inlineStr"><is><t>{long}</t></is></c></row>')),
            raw_xlsx(tmp_path / "shared.xlsx", sheet_xml(rows), extra={
                "xl/sharedStrings.xml": (
                    '<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
                    f"<si><t>{long}</t></si></sst>").encode()}),
            raw_xlsx(tmp_path / "stored.xlsx", sheet_xml(
                rows + f'<row r="3"><c r="B3" t="inlineStr"><is><t>{long}</t></is></c></row>'),
                compression=zipfile.ZIP_STORED)):
        started = time.monotonic()
        result = invoke("audit", str(book), "--lang", "en")
        assert time.monotonic() - started < 10
        assert result.exit_code == 2 and result.stderr.count("\n") == 1, result.stderr
        assert "holds a text of more than 1 MiB without a tag" in result.stderr
        assert "(the limit is 1 MiB); it is not read" in result.stderr
        assert "en tekst på over 1 MiB uten en tagg" in invoke("audit", str(book)).stderr
    # a long text within the bound is read
    fair = "Kari " + "A" * 500_000
    book = raw_xlsx(tmp_path / "fair.xlsx", sheet_xml(
        rows + f'<row r="3"><c r="B3" t="inlineStr"><is><t>{fair}</t></is></c></row>'))
    assert invoke("audit", str(book), "--format", "json").exit_code == 1
