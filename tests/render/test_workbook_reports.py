"""Reports as workbooks, read back with another library: numbers are numbers, texts stay
texts, every claim and finding is there."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest

from ..conftest import run_cli

ROOT = Path(__file__).resolve().parent.parent.parent
EXAMPLES = ROOT / "examples"
NEW_UNN = ROOT / "tests" / "data" / "rates" / "my-rates" / "unn" / "2024-01-01.yaml"
FORMULA_NAME = '=HYPERLINK("http://x";"Per Olsen")'


def invoke(*args: str):
    return run_cli(*args, columns=120)


def cells(sheet) -> list[list]:
    return [list(row) for row in sheet.iter_rows()]


def no_formulas(book) -> None:
    for sheet in book:
        for row in sheet.iter_rows():
            for cell in row:
                assert cell.data_type != "f", (sheet.title, cell.coordinate, cell.value)


@pytest.fixture
def month(tmp_path: Path) -> Path:
    text = (EXAMPLES / "claims.csv").read_text(encoding="utf-8")
    path = tmp_path / "month.csv"
    path.write_text(text.replace("Per Olsen", f'"{FORMULA_NAME.replace(chr(34), 2 * chr(34))}"', 1),
                    encoding="utf-8")
    return path


def audit_workbook(month: Path, tmp_path: Path, *extra: str):
    out = tmp_path / "audit.xlsx"
    result = invoke("audit", str(month), "--format", "xlsx", "--output", str(out), *extra)
    assert result.exit_code == 1 and result.stdout == "", result.stderr
    data = json.loads(invoke("audit", str(month), "--format", "json", *extra).stdout)
    return openpyxl.load_workbook(out), data


def test_the_audit_workbook_has_every_claim_with_numbers_codes_and_messages(month, tmp_path):
    book, data = audit_workbook(month, tmp_path)
    assert book.sheetnames == ["Sammendrag", "Krav", "Funn"]
    no_formulas(book)
    claims = book["Krav"]
    header, *rows = cells(claims)
    names = [c.value for c in header]
    assert names[:7] == ["Rad", "Krav-ID", "Brukerrepresentant", "Gruppe", "Ordning",
                         "Satstabell", "Dato"]
    assert names[-2:] == ["Funnkoder", "Funn"]
    # the example month has travel columns: travel claimed and due beside the other amounts
    assert "Krevd reise og opphold" in names and "Reise og opphold etter reglene" in names
    assert claims.freeze_panes == "A2" and claims.auto_filter.ref == f"A1:T{len(rows) + 1}"
    assert [r[0].value for r in rows] == [c["row"] for c in data["claims"]]  # every claim
    due = names.index("Skal utbetales")
    difference = names.index("Krevd minus skal utbetales")
    for row, claim in zip(rows, data["claims"], strict=True):
        assert row[1].value == claim["claim_id"] and row[1].data_type == "s"
        assert row[2].value == claim["representative"]
        codes = [f["code"] for f in claim["findings"]]
        assert (row[-2].value or "") == " ".join(codes)
        assert (row[-1].value or "") == "\n".join(f["message"] for f in claim["findings"])
        shaded = row[0].fill.fgColor.rgb.endswith("FDE2E1")
        assert shaded == any(f["severity"] == "error" for f in claim["findings"]), claim["row"]
        if claim["due"] is None or claim["due"]["total"] is None:
            assert row[due].value is None
            continue
        assert row[due].data_type == "n" and Decimal(str(row[due].value)) == Decimal(claim["due"]["total"])
        assert Decimal(str(row[difference].value)) == Decimal(claim["difference"])
        assert row[due].number_format == '#,##0.00 "kr"'
        assert row[6].is_date
    # a name that starts like a formula is the text it is
    assert FORMULA_NAME in [r[2].value for r in rows]
    # the findings sheet: one row a finding, the group findings known only at the end too
    findings = cells(book["Funn"])[1:]
    # findings about a version of a table (it may be outdated) are on the summary sheet
    assert len(findings) == (sum(data["summary"]["findings"].values())
                             - len(data["summary"]["version_findings"]))
    assert "too_few_representatives" in {r[3].value for r in findings}


def test_the_summary_sheet_has_the_table_reports_figures(month, tmp_path):
    book, data = audit_workbook(month, tmp_path)
    summary = {r[0].value: r[1].value for r in cells(book["Sammendrag"]) if r[0].value}
    s = data["summary"]
    assert summary["Rader"] == s["rows"]
    assert Decimal(str(summary["Krevd"])) == Decimal(s["claimed_total"])
    assert Decimal(str(summary["Skal utbetales etter reglene"])) == Decimal(s["due_total"])
    assert Decimal(str(summary["Krevd for mye"])) == Decimal(s["overpaid"])
    for code, count in s["findings"].items():
        assert summary[code] == "feil" or summary[code] == "advarsel"
        assert count in [r[2].value for r in cells(book["Sammendrag"]) if r[0].value == code]
    outdated = s["version_findings"][0]
    assert summary["advarsel"] == f"{outdated['message']} (rates_may_be_outdated)"


def test_sheet_names_and_headers_follow_the_language(month, tmp_path):
    book, data = audit_workbook(month, tmp_path, "--lang", "en")
    assert book.sheetnames == ["Summary", "Claims", "Findings"]
    header = [c.value for c in cells(book["Claims"])[0]]
    assert header[:3] == ["Row", "Claim ID", "Representative"] and header[-1] == "Findings"
    messages = {r[5].value for r in cells(book["Findings"])[1:]}
    assert messages == {f["message"] for c in data["claims"] for f in c["findings"]}


def test_a_workbook_read_is_written_back_with_the_same_claims(tmp_path):
    from ..workbooks import typed_workbook

    text = (EXAMPLES / "claims.csv").read_text(encoding="utf-8")
    source = typed_workbook(text, tmp_path / "in.xlsx", title="Mars")
    out = tmp_path / "out.xlsx"
    assert invoke("audit", str(source), "--format", "xlsx", "--output", str(out)).exit_code == 1
    ids = [r[1].value for r in cells(openpyxl.load_workbook(out)["Krav"])[1:]]
    assert ids == [row.split(",")[0] for row in text.splitlines()[1:] if row.strip()]


@pytest.mark.parametrize("command", [
    ["audit", str(EXAMPLES / "claims.csv")],
    ["budget", "--scheme", "unn", "--reps", "2"],
    ["rates", "diff", "unn@2022-01-01", str(NEW_UNN), "--impact", str(EXAMPLES / "claims.csv")],
])
def test_a_workbook_without_output_is_a_usage_error(command):
    result = invoke(*command, "--format", "xlsx")
    assert result.exit_code == 2
    assert result.stderr.count("\n") == 1 and "--output" in result.stderr


def test_a_failed_audit_leaves_an_existing_workbook_alone(tmp_path: Path):
    rates = tmp_path / "rates" / "unn"
    rates.mkdir(parents=True)
    (rates / "2023-01-01.yaml").write_text("scheme: unn\neffective: not a date\n",
                                           encoding="utf-8")
    out = tmp_path / "audit.xlsx"
    out.write_bytes(b"old report")
    result = invoke("audit", str(EXAMPLES / "claims.csv"), "--format", "xlsx", "--output",
                    str(out), "--rates-dir", str(tmp_path / "rates"))
    assert result.exit_code == 2
    assert out.read_bytes() == b"old report"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["audit.xlsx", "rates"]


def test_the_budget_workbook_has_the_meetings_and_totals_of_the_json(tmp_path: Path):
    out = tmp_path / "budget.xlsx"
    args = ["budget", "--plan", str(EXAMPLES / "plan.yaml"), "--reps", "2", "--lost-income",
            "1200", "--date", "2025-09-01"]
    assert invoke(*args, "--format", "xlsx", "--output", str(out)).exit_code == 0
    data = json.loads(invoke(*args, "--format", "json").stdout)
    book = openpyxl.load_workbook(out)
    no_formulas(book)
    assert book.sheetnames == ["Sammendrag", "Møter", "Forutsetninger", "Funn"]
    meetings = cells(book["Møter"])[1:]
    assert [r[0].value for r in meetings] == [m["number"] for m in data["meetings"]]
    assert [Decimal(str(r[-1].value)) for r in meetings] == [
        Decimal(m["all_representatives"]["total"]) for m in data["meetings"]]
    summary = {r[0].value: r[1].value for r in cells(book["Sammendrag"]) if r[0].value}
    assert Decimal(str(summary["Sum"])) == Decimal(data["total"])
    notes = [r[1].value for r in cells(book["Forutsetninger"])[1:]]
    assert [a["text"] for a in data["assumptions"]] == notes[:len(data["assumptions"])]


def test_the_rates_diff_workbook_has_the_changes_and_the_impact(tmp_path: Path):
    out = tmp_path / "diff.xlsx"
    args = ["rates", "diff", "unn@2022-01-01", str(NEW_UNN), "--impact",
            str(EXAMPLES / "claims.csv"), "--by", "group"]
    result = invoke(*args, "--format", "xlsx", "--output", str(out), "--lang", "en")
    assert result.exit_code == 0, result.stderr
    data = json.loads(invoke(*args, "--format", "json", "--lang", "en").stdout)
    book = openpyxl.load_workbook(out)
    no_formulas(book)
    assert book.sheetnames == ["Changes", "Cost impact", "Largest changes", "Breakdown (group)"]
    changes = cells(book["Changes"])[1:]
    assert [r[0].value for r in changes] == [c["figure"] for c in data["changes"]]
    rate = next(r for r in changes if r[0].value == "Meeting, in person: hourly rate")
    assert (rate[2].value, rate[3].value, rate[4].value) == (392, 410, 18)
    assert rate[2].number_format == '#,##0.00 "kr"'
    impact = {r[0].value: r[1].value for r in cells(book["Cost impact"]) if r[0].value}
    assert Decimal(str(impact["Due, new"])) == Decimal(data["impact"]["due_new"])
    top = cells(book["Largest changes"])[1:]
    assert [r[0].value for r in top] == [c["row"] for c in data["impact"]["top"]]


def test_claims_past_the_rows_a_sheet_holds_go_on_in_a_second_sheet(month, tmp_path, monkeypatch):
    from honorar.render import xlsx

    monkeypatch.setattr(xlsx, "ROW_LIMIT", 20)
    book, data = audit_workbook(month, tmp_path)
    assert book.sheetnames[:4] == ["Sammendrag", "Krav", "Funn", "Krav (2)"]
    first, second = cells(book["Krav"]), cells(book["Krav (2)"])
    assert len(first) == 20 and first[0][0].value == second[0][0].value == "Rad"
    last_column = book["Krav"].auto_filter.ref.split(":")[1].rstrip("0123456789")
    assert book["Krav (2)"].auto_filter.ref == f"A1:{last_column}{len(second)}"
    rows = [r[0].value for r in first[1:] + second[1:]]
    assert rows == [c["row"] for c in data["claims"]]


def test_every_claim_claims_the_same_in_the_workbook_as_in_json_unreadable_rows_too(tmp_path):
    text = (EXAMPLES / "claims.csv").read_text(encoding="utf-8")
    unreadable = ("K-2023-0319,Nils Eriksen,unn,,2023-03-30,,,to og en halv,fysisk,møte,,"
                  "980.00,,,,2023-03-31,")
    assert text.count(unreadable + ",,,,,\n") == 1
    month = tmp_path / "month.csv"  # the unreadable row claims travel too
    month.write_text(text.replace(unreadable + ",,,,,\n", unreadable + "40,,,,,179.20\n"),
                     encoding="utf-8")
    book, data = audit_workbook(month, tmp_path)
    header, *rows = cells(book["Krav"])
    names = [c.value for c in header]
    parts = {"Krevd honorar": "honorarium", "Krevd tapt inntekt": "lost_income",
             "Krevd gave": "gift", "Krevd reise og opphold": "travel", "Krevd i alt": "total"}
    invalid = [c for c in data["claims"] if c["due"] is None and c["claim_id"] == "K-2023-0319"]
    assert invalid and invalid[0]["claimed"]["total"] == "1159.20"
    for row, claim in zip(rows, data["claims"], strict=True):
        for name, part in parts.items():
            value = row[names.index(name)].value
            expected = claim["claimed"][part]
            assert (None if value is None else Decimal(str(value)).quantize(Decimal("0.01"))) == (
                None if expected is None else Decimal(expected)), (claim["row"], part)
