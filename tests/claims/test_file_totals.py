"""A sheet's own total row (`Sum`, `Totalt` …): the file's total, not a claim, held against
what the claims add up to; and rows that cannot be read are said to be out of the totals."""

from __future__ import annotations

import io
import json
from decimal import Decimal
from pathlib import Path

import pytest

from honorar.audit.impact import impact
from honorar.claims import Claim, InvalidRow, TotalRow, read_claims
from honorar.claims.totals import total_word

from ..conftest import run_cli

HEADER = ("Krav-ID;Navn;Ordning;Møtedato;Fra;Til;Oppmøte;Honorar;Tapt arbeidsinntekt;Gave;"
          "Avtale;Aktivitet\r\n")
KARI = "K-1;Kari Nordmann;unn;02.03.2023;09:00;12:00;fysisk;1 176,00;;;;\r\n"
OLA = "K-2;Ola Hansen;unn;02.03.2023;09:00;11:00;fysisk;784,00;;;;\r\n"
PER = "K-3;Per Olsen;fousam;09.03.2023;;;fysisk;0;;300,00;ja;likemannsoppdrag\r\n"


def sheet(*lines: str, bom: bool = False) -> bytes:
    """As Excel saves a Norwegian sheet: semicolons, decimal commas, Windows-1252 (or UTF-8
    with a byte order mark)."""
    text = HEADER + "".join(lines)
    return ("\ufeff" + text).encode("utf-8") if bom else text.encode("cp1252")


def rows(data: bytes) -> list:
    return list(read_claims(io.BytesIO(data)))


def audit(tmp_path: Path, data: bytes, *options: str):
    path = tmp_path / "krav.csv"
    path.write_bytes(data)
    return run_cli("audit", str(path), *options, columns=120)


def summary(tmp_path: Path, data: bytes, *options: str) -> dict:
    result = audit(tmp_path, data, "--format", "json", *options)
    assert result.exit_code in (0, 1), result.stderr
    return json.loads(result.stdout)["summary"]


@pytest.mark.parametrize("word", ["Sum", "SUM", "sum:", "Total", "Totalt", "Sum totalt",
                                  "TOTALT:", "Sum i alt", "I alt", "Totalsum", "Samlet"])
def test_words_for_a_total(word: str):
    assert total_word(word)


@pytest.mark.parametrize("word", ["", "Kari Nordmann", "Summen av alt og mer", "Sunniva",
                                  "Sum januar"])
def test_words_that_are_no_total(word: str):
    assert not total_word(word)


@pytest.mark.parametrize("line", [
    ";Sum;;;;;;2 352,00;;300,00\r\n",  # in the name column
    "Totalt:;;;;;;;2 352,00;;300,00\r\n",  # in the claim id column
    "SUM;SUM;;;;;;2.352,00;;300\r\n",  # in both, thousands with a point
    ";;;;;;Sum totalt;2 352,00;;300,00\r\n",  # anywhere else
    ";Sum;;;;;;2 352,00\r\n",  # trailing empty cells left out
])
def test_a_total_row_is_read_as_the_files_total(line: str):
    *claims, total = rows(sheet(KARI, OLA, PER, "\r\n", line))
    assert all(isinstance(c, Claim) for c in claims)
    assert isinstance(total, TotalRow) and total.row == 6
    assert total.stated["claimed_honorarium"] == Decimal("2352.00")


def test_a_row_with_a_claim_id_is_never_a_total():
    [_, row] = rows(sheet(KARI, "K-9;Sum;;;;;;392,00;;\r\n"))
    assert isinstance(row, InvalidRow)


def test_a_total_row_without_amounts_stays_an_unreadable_row():
    [_, row] = rows(sheet(KARI, ";Sum;;;;;;;;\r\n"))
    assert isinstance(row, InvalidRow)


def test_a_total_agrees_with_the_claims(tmp_path):
    data = sheet(KARI, OLA, PER, ";Sum;;;;;;1 960,00;;300,00\r\n", bom=True)
    got = summary(tmp_path, data, "--fail-on", "warning")
    assert got["rows"] == 3 and got["invalid_rows"] == 0
    assert got["file_total"] == {
        "row": 5, "label": "Sum", "stated": {"honorarium": "1960.00", "gift": "300.00"},
        "computed": {"honorarium": "1960.00", "gift": "300.00"}, "claims": 3,
        "unreadable_rows": 0, "agrees": True, "findings": []}
    assert "file_total_mismatch" not in got["findings"]
    table = audit(tmp_path, data)
    assert "Filens egen sum «Sum» (rad 5) stemmer med kravene over: Honorar 1" in table.stdout
    english = audit(tmp_path, data, "--lang", "en")
    assert "The file's own total 'Sum' (row 5) agrees with the claims above it" in english.stdout


def test_a_total_that_differs_is_a_warning(tmp_path):
    data = sheet(KARI, OLA, PER, ";Sum;;;;;;2 500,00;;300,00\r\n")
    got = summary(tmp_path, data)
    total = got["file_total"]
    assert total["agrees"] is False
    [finding] = total["findings"]
    assert (finding["code"], finding["severity"], finding["row"], finding["column"]) == \
        ("file_total_mismatch", "warning", 5, "claimed_honorarium")
    assert finding["message"] == ("Filens egen sum «Sum» i kolonnen «Honorar» er 2\u00a0500,00"
                                  "\u00a0kr, men kravene over den utgjør til sammen 1\u00a0960,00\u00a0kr")
    assert got["findings"]["file_total_mismatch"] == 1
    assert got["claims_with_findings"] == 0  # a total row is no claim
    assert audit(tmp_path, data).exit_code == 0  # a warning: not at --fail-on error
    assert audit(tmp_path, data, "--fail-on", "warning").exit_code == 1
    english = audit(tmp_path, data, "--lang", "en").stdout
    assert "The file's own total 'Sum' in column 'Honorar' is NOK 2,500.00" in english


def test_a_total_row_is_not_among_the_claims(tmp_path):
    data = sheet(KARI, ";Sum;;;;;;1 176,00;;\r\n")
    result = audit(tmp_path, data, "--format", "json")
    report = json.loads(result.stdout)
    assert [c["row"] for c in report["claims"]] == [2]
    assert "invalid_row" not in report["summary"]["findings"]
    csv_report = audit(tmp_path, data, "--format", "csv").stdout
    assert "Sum" not in csv_report and len(csv_report.strip().splitlines()) == 2


def test_unreadable_rows_are_said_to_be_out_of_the_totals(tmp_path):
    broken = "K-4;Lise Berg;unn;31.02.2023;09:00;10:00;fysisk;392,00;;\r\n"
    data = sheet(KARI, broken, ";Sum;;;;;;1 568,00;;\r\n")
    got = summary(tmp_path, data)
    assert got["invalid_rows"] == 1 and got["invalid_rows_in_totals"] is False
    assert got["claimed_total"] == "1176.00"
    assert got["file_total"]["unreadable_rows"] == 1
    assert got["file_total"]["findings"][0]["message"].endswith(
        "; én rad over kan ikke leses, og beløpene i den er ikke med")
    table = audit(tmp_path, data).stdout
    assert "Én rad kan ikke leses, og beløpene i den er ikke med i summene." in table
    two = audit(tmp_path, sheet(broken, broken.replace("K-4", "K-5")), "--lang", "en").stdout
    assert "2 rows cannot be read, and their amounts are not in the totals." in two


def test_a_total_row_before_the_end_is_a_running_total(tmp_path):
    data = sheet(KARI, OLA, ";Sum;;;;;;1 960,00;;\r\n", PER, ";Sum;;;;;;1 960,00;;300,00\r\n")
    got = summary(tmp_path, data)
    [earlier] = got["earlier_file_totals"]
    assert (earlier["row"], earlier["agrees"], earlier["claims"]) == (4, True, 2)
    closing = got["file_total"]
    assert (closing["row"], closing["agrees"], closing["claims"]) == (6, True, 3)
    assert got["rows"] == 3


def test_a_files_total_may_be_more_than_any_claim(tmp_path):
    [_, total] = rows(sheet(KARI, ";Totalt;;;;;;12 000 000,00;;\r\n"))
    assert total.stated["claimed_honorarium"] == Decimal("12000000.00")


def test_the_impact_of_a_new_version_does_not_count_a_total_row(shipped):
    table = shipped.table_at("unn", __import__("datetime").date(2023, 3, 2))
    cost = impact(read_claims(io.BytesIO(sheet(KARI, OLA, ";Sum;;;;;;1 960,00;;\r\n"))),
                  table, table)
    assert (cost.rows, cost.invalid) == (2, 0)


def test_the_audit_workbook_says_it_too(tmp_path):
    import openpyxl

    broken = "K-4;Lise Berg;unn;31.02.2023;09:00;10:00;fysisk;392,00;;\r\n"
    source = tmp_path / "krav.csv"
    source.write_bytes(sheet(KARI, broken, ";Sum;;;;;;1 568,00;;\r\n"))
    out = tmp_path / "revisjon.xlsx"
    result = run_cli("audit", str(source), "--format", "xlsx", "--output",
                                      str(out))
    assert result.exit_code == 1, result.stderr
    texts = [row[0] for row in openpyxl.load_workbook(out)["Sammendrag"].iter_rows(values_only=True)]
    assert "Én rad kan ikke leses, og beløpene i den er ikke med i summene." in texts
    assert any(str(t).startswith("Filens egen sum «Sum» i kolonnen «Honorar» er 1") for t in texts)


def test_travel_claimed_is_compared_too(tmp_path):
    header = "Krav-ID;Navn;Ordning;Møtedato;Fra;Til;Oppmøte;Honorar;Reiseutgifter\r\n"
    data = (header + "K-1;Kari Nordmann;unn;02.03.2023;09:00;12:00;fysisk;1 176,00;250,00\r\n"
            ";Sum;;;;;;1 176,00;205,00\r\n").encode("cp1252")
    total = summary(tmp_path, data)["file_total"]
    assert total["stated"] == {"honorarium": "1176.00", "travel": "205.00"}
    assert total["computed"] == {"honorarium": "1176.00", "travel": "250.00"}
    assert [f["column"] for f in total["findings"]] == ["travel_claimed"]


def test_a_total_row_in_a_workbook(tmp_path):
    import datetime as dt

    import xlsxwriter

    path = tmp_path / "krav.xlsx"
    book = xlsxwriter.Workbook(str(path))
    sheet = book.add_worksheet("Mars")
    sheet.write_row(0, 0, ["Krav-ID", "Navn", "Ordning", "Møtedato", "Timer", "Oppmøte",
                           "Honorar (kr)"])
    dates = book.add_format({"num_format": "dd.mm.yyyy"})
    for row, (claim, name, hours, fee) in enumerate(
            [("K-1", "Kari Nordmann", 3, 1176), ("K-2", "Ola Hansen", 2, 784)], start=1):
        sheet.write_row(row, 0, [claim, name, "unn"])
        sheet.write_datetime(row, 3, dt.datetime(2023, 3, 2), dates)
        sheet.write_row(row, 4, [hours, "fysisk", fee])
    sheet.write(4, 1, "Sum")
    sheet.write_formula(4, 6, "=SUM(G2:G3)", None, 1960)
    book.close()
    result = run_cli("audit", str(path), "--format", "json")
    assert result.exit_code == 0, result.stderr
    total = json.loads(result.stdout)["summary"]["file_total"]
    assert (total["row"], total["agrees"], total["stated"]) == (5, True, {"honorarium": "1960.00"})
