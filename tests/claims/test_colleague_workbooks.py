"""Workbooks and tables as colleagues make them: merged cells, hidden rows, total rows with
a month in their label, sheets without a scheme or claim-id column, values as people write
them, text dates in either order, files that are not claims at all."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import openpyxl
import pytest
from typer.testing import CliRunner

from honorar.cli import app
from honorar.parsing import parse_attendance, parse_date, parse_hours

from ..conftest import run_cli

DATA = Path(__file__).resolve().parent.parent / "data" / "workbooks"
HEADER = ["Krav-ID", "Navn", "Ordning", "Dato", "Møteform", "Timer", "Honorar"]


def invoke(*args: str, input: bytes | None = None):
    return run_cli(*args, columns=120, input=input)


def audit_json(*args: str) -> dict:
    result = invoke("audit", *args, "--format", "json")
    assert result.exit_code in (0, 1), result.stderr
    return json.loads(result.stdout)


def book(path: Path, rows: list[list], *, setup=None) -> Path:
    made = openpyxl.Workbook()
    sheet = made.active
    sheet.title = "Oktober"
    for cells in rows:
        sheet.append(cells)
    if setup is not None:
        setup(made, sheet)
    made.save(path)
    return path


def codes(claim: dict) -> list[str]:
    return [f["code"] for f in claim["findings"]]


# ---------------------------------------------------------------- 5: values people write


@pytest.mark.parametrize(("text", "hours"), [
    ("3 t", "3"), ("3,5 timer", "3.5"), ("2 t 30 min", "2.5"), ("2:30", "2.5"),
    ("3t", "3"), ("2 timer og 30 minutter", "2.5"), ("90 min", "1.5"), ("3.5 h", "3.5")])
def test_hours_with_units(text, hours):
    from decimal import Decimal

    assert parse_hours(text) == Decimal(hours)


@pytest.mark.parametrize(("word", "attendance"), [
    ("oppmøte", "physical"), ("Fremmøte", "physical"), ("fysisk møte", "physical"),
    ("Telefonmøte", "remote"), ("Teams-møte", "remote"), ("videomøte", "remote"),
    ("digitalt", "remote")])
def test_attendance_words(word, attendance):
    assert parse_attendance(word) == attendance


def test_an_unclear_attendance_names_the_words_read(tmp_path: Path):
    path = book(tmp_path / "hybrid.xlsx", [HEADER, ["K1", "Kari", "unn", dt.date(2022, 3, 15),
                                                    "hybrid", 3, 1176]])
    (claim,) = audit_json(str(path))["claims"]
    (finding,) = claim["findings"]
    assert finding["code"] == "invalid_row"
    assert "«hybrid» er ikke et oppmøte (skriv fysisk, oppmøte, fremmøte" in finding["message"]


@pytest.mark.parametrize(("text", "date"), [
    ("6. oktober 2026", dt.date(2026, 10, 6)), ("6. okt. 2026", dt.date(2026, 10, 6)),
    ("6 okt 26", dt.date(2026, 10, 6)), ("6.okt.2026", dt.date(2026, 10, 6)),
    ("06. OKTOBER 2026", dt.date(2026, 10, 6))])
def test_dates_with_month_names(text, date):
    assert parse_date(text) == date


def test_a_date_without_its_year_takes_the_files_year_with_a_warning(tmp_path: Path):
    path = book(tmp_path / "year.xlsx", [
        HEADER,
        ["K1", "Kari", "unn", dt.date(2022, 3, 15), "Fremmøte", "3 t", 1176],
        ["K2", "Ola", "unn", "16.03", "Teams-møte", "2 t 30 min", 392],
        ["K3", "Per", "unn", "6. okt. 2022", "telefonmøte", "3,5 timer", 980]])
    claims = audit_json(str(path))["claims"]
    assert [c["date"] for c in claims] == ["2022-03-15", "2022-03-16", "2022-10-06"]
    assert codes(claims[0]) == [] and codes(claims[2]) == []
    assert codes(claims[1]) == ["date_year_assumed"]
    (finding,) = claims[1]["findings"]
    assert finding["severity"] == "warning" and finding["column"] == "date"
    assert "«16.03» har ikke årstall" in finding["message"]


def test_a_csv_date_without_year_and_no_other_dates_is_an_unreadable_row(tmp_path: Path):
    path = tmp_path / "noyear.csv"
    path.write_text("Krav-ID;Navn;Ordning;Dato;Oppmøte;Timer;Honorar\n"
                    "K1;Kari;unn;16.03;fysisk;3;1176\n", encoding="utf-8")
    (claim,) = audit_json(str(path))["claims"]
    assert codes(claim) == ["invalid_row"]
    assert "har ikke årstall" in claim["findings"][0]["message"]


# ------------------------------------------------------------ 6: the order of text dates


def test_one_ambiguous_text_date_in_a_sheet_of_date_cells_is_read_day_first(tmp_path: Path):
    path = book(tmp_path / "order.xlsx", [
        HEADER,
        ["K1", "Kari", "unn", dt.date(2026, 11, 10), "fysisk", 3, 1176],
        ["K2", "Ola", "unn", "12/11/2026", "fysisk", 3, 1176]])
    result = invoke("audit", str(path), "--format", "json")
    assert result.exit_code in (0, 1), result.stderr
    claims = json.loads(result.stdout)["claims"]
    assert claims[1]["date"] == "2026-11-12"
    (finding,) = [f for f in claims[1]["findings"] if f["code"] == "date_order_assumed"]
    assert finding["severity"] == "warning"
    assert "lest med dag først" in finding["message"]


def test_a_sheet_whose_text_dates_show_month_first_is_read_month_first(tmp_path: Path):
    path = book(tmp_path / "mdy.xlsx", [
        HEADER,
        ["K1", "Kari", "unn", "03/15/2022", "fysisk", 3, 1176],
        ["K2", "Ola", "unn", "03/04/2022", "fysisk", 3, 1176],
        ["K3", "Per", "unn", "15/03/2022", "fysisk", 3, 1176],
        ["K4", "Liv", "unn", "03/16/2022", "fysisk", 3, 1176]])
    claims = audit_json(str(path))["claims"]
    assert claims[0]["date"] == "2022-03-15" and claims[1]["date"] == "2022-03-04"
    assert "date_order_assumed" not in codes(claims[1])
    # one cell against the sheet's order is its row's problem, not the sheet's
    assert codes(claims[2]) == ["invalid_row"]
    assert "måned først" in claims[2]["findings"][0]["message"]


def test_an_ambiguous_csv_is_refused_in_norwegian(tmp_path: Path):
    path = tmp_path / "amb.csv"
    path.write_text("Krav-ID;Navn;Ordning;Dato;Oppmøte;Timer;Honorar\n"
                    "K1;Kari;unn;03/04/2023;fysisk;3;1176\n", encoding="utf-8")
    result = invoke("audit", str(path))
    assert result.exit_code == 2
    assert "kan leses med dag eller måned først" in result.stderr
    assert " or " not in result.stderr and "such as" not in result.stderr


# ---------------------------------------------------------------- 3: a total with a month


@pytest.mark.parametrize("label", ["Sum oktober", "Totalt 2026", "I alt for UNN", "Total okt."])
def test_a_total_row_labelled_with_its_month_is_the_sheets_total(tmp_path: Path, label):
    path = book(tmp_path / "total.xlsx", [
        HEADER,
        ["K1", "Kari", "unn", dt.date(2022, 3, 15), "fysisk", 3, 1176],
        ["K2", "Ola", "unn", dt.date(2022, 3, 15), "fysisk", 3, 1176],
        [None, label, None, None, None, None, 2352]])
    data = audit_json(str(path))
    assert len(data["claims"]) == 2
    total = data["summary"]["file_total"]
    assert total["label"] == label and total["agrees"] is True
    assert total["stated"] == {"honorarium": "2352.00"}


def test_a_claim_of_a_person_named_like_a_total_is_a_claim(tmp_path: Path):
    path = book(tmp_path / "name.xlsx", [
        HEADER, ["K1", "Sum Hansen", "unn", dt.date(2022, 3, 15), "fysisk", 3, 1176],
        ["", "Summer Olsen", "unn", dt.date(2022, 3, 15), "fysisk", 3, 1176]])
    data = audit_json(str(path))
    assert data["summary"]["file_total"] is None
    assert [codes(c) for c in data["claims"]] == [[], ["invalid_row"]]


# ------------------------------------------------------------ 7: files that are no claims


def _docx() -> bytes:
    import io
    import zipfile

    data = io.BytesIO()
    with zipfile.ZipFile(data, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", '<?xml version="1.0"?><Types/>')
        archive.writestr("_rels/.rels", '<?xml version="1.0"?><Relationships/>')
        archive.writestr("word/document.xml", '<?xml version="1.0"?><w:document/>')
    return data.getvalue()


_OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def _opendocument(mimetype: bytes) -> bytes:
    import io
    import zipfile

    data = io.BytesIO()
    with zipfile.ZipFile(data, "w") as archive:
        archive.writestr(zipfile.ZipInfo("mimetype"), mimetype)  # first, stored
        archive.writestr("content.xml", "<office:document-content/>")
    return data.getvalue()


@pytest.mark.parametrize(("name", "content", "nb", "en"), [
    ("krav.pdf", (DATA / "krav-oktober.pdf").read_bytes(), "er en PDF",
     "is a PDF"),
    ("krav.docx", _docx(), "er et Word-dokument", "is a Word document"),
    ("krav.doc", _OLE2 + b"\0" * 600 + "WordDocument".encode("utf-16-le") + b"\0" * 600,
     "er et Word-dokument", "is a Word document"),
    ("kvittering.png", b"\x89PNG\r\n\x1a\n" + b"\0" * 100, "er et bilde (PNG)",
     "is an image (PNG)"),
    ("kvittering.jpg", b"\xff\xd8\xff\xe0" + b"\0" * 100, "er et bilde (JPEG)",
     "is an image (JPEG)"),
    ("krav.csv", b"%PDF-1.7\n" + b"\0" * 100, "er en PDF", "is a PDF"),
    ("krav.odt", _opendocument(b"application/vnd.oasis.opendocument.text"),
     "er et OpenDocument-tekstdokument", "is an OpenDocument text")])
def test_a_file_that_is_no_claims_is_named_for_what_it_is(tmp_path: Path, name, content,
                                                          nb, en):
    path = tmp_path / name
    path.write_bytes(content)
    result = invoke("audit", str(path))
    assert result.exit_code == 2
    assert result.stderr == f"honorar: feil: {path}: {nb}, ikke et regneark eller en CSV-fil\n"
    result = invoke("audit", str(path), "--lang", "en")
    assert result.stderr == f"honorar: error: {path}: {en}, not a spreadsheet or a CSV file\n"
    result = invoke("audit", "-", input=content)
    assert result.exit_code == 2 and f"-: {nb}, ikke et regneark" in result.stderr


# ------------------------------------------- 4: a sheet of one scheme, without claim ids


def test_scheme_option_gives_rows_without_one_their_scheme(tmp_path: Path):
    path = book(tmp_path / "one.xlsx", [
        ["Navn", "Dato", "Møteform", "Timer", "Honorar", "Ordning"],
        ["Kari", dt.date(2022, 3, 15), "fysisk", 3, 1176, None],
        ["Ola", dt.date(2022, 3, 15), "fysisk", 2, 392, "fousam"]])
    data = audit_json(str(path), "--scheme", "UNN")
    claims = data["claims"]
    assert [c["scheme"] for c in claims] == ["unn", "fousam"]  # a row's own scheme wins
    assert [c["claim_id"] for c in claims] == ["#2", "#3"]
    reading = data["summary"]["reading"]
    assert reading["claim_ids_from_rows"] is True and reading["scheme_given"] == "unn"
    assert reading["claim_age_checked"] is False
    table = invoke("audit", str(path), "--scheme", "unn").stdout
    assert "Ingen kolonne for krav-ID: kravene kjennes på radnummeret." in table
    assert table.count("Ingen kolonne for innsendt dato: kravenes alder er ikke kontrollert.") == 1


def test_a_sheet_without_scheme_column_or_option_is_told_of_scheme(tmp_path: Path):
    path = book(tmp_path / "none.xlsx", [["Navn", "Dato", "Møteform", "Timer", "Honorar"],
                                         ["Kari", dt.date(2022, 3, 15), "fysisk", 3, 1176]])
    result = invoke("audit", str(path))
    assert result.exit_code == 2
    assert "eller --scheme for et ark med én ordning" in result.stderr
    assert audit_json(str(path), "--scheme", "unn")["claims"][0]["due"]["total"] == "1176.00"
    result = invoke("audit", str(path), "--scheme", "nosuch")
    assert result.exit_code == 2 and "--scheme: ukjent ordning 'nosuch'" in result.stderr


def test_a_file_with_claim_ids_and_submission_dates_says_nothing_of_them(tmp_path: Path):
    path = book(tmp_path / "full.xlsx", [
        [*HEADER, "Innsendt"],
        ["K1", "Kari", "unn", dt.date(2022, 3, 15), "fysisk", 3, 1176, dt.date(2022, 3, 20)]])
    reading = audit_json(str(path))["summary"]["reading"]
    assert reading["claim_ids_from_rows"] is False and reading["claim_age_checked"] is True
    assert reading["scheme_given"] is None


# ------------------------- 1, 2, 8: merged cells, hidden rows, error cells, 1904 dates


@pytest.mark.parametrize("kind", ["xlsx", "ods", "xls"])
def test_a_colleagues_october_sheet_in_every_format(kind):
    """Made with openpyxl and saved by LibreOffice (tests/data/workbooks/make_samples.py)."""
    data = audit_json(str(DATA / f"oktober.{kind}"))
    claims = {c["claim_id"]: c for c in data["claims"]}
    # a group merged over three rows is the group of each: three representatives
    assert [claims[k]["group"] for k in ("K1", "K2", "K3")] == ["Arbeidsgruppe A"] * 3
    assert not any(c["findings"] for c in (claims["K1"], claims["K2"], claims["K3"]))
    # a name merged over two meetings is the name of both
    assert claims["K5"]["representative"] == "Liv Berg"
    assert "invalid_row" not in codes(claims["K5"])
    # a hidden row is audited and says so
    assert codes(claims["K6"]) == ["hidden_row"]
    assert claims["K6"]["due"]["total"] == "392.00"
    (hidden,) = claims["K6"]["findings"]
    assert hidden["severity"] == "warning" and "skjult" in hidden["message"]
    # an error cell is no 0 claimed
    (error,) = claims["K7"]["findings"]
    assert error["code"] == "invalid_row" and "#N/A" in error["message"]
    total = data["summary"]["file_total"]
    assert total["label"] == "Sum oktober" and total["agrees"] is True


@pytest.mark.parametrize("kind", ["xlsx", "xls"])
def test_a_workbook_in_the_1904_date_system_is_read_on_its_days(kind):
    from honorar.claims import read_claims

    with read_claims(DATA / f"dates-1904.{kind}") as reader:
        (claim,) = list(reader)
    assert claim.meeting.date == dt.date(2022, 3, 15)
    assert claim.submitted == dt.date(2022, 3, 20)  # a bare serial, counted from 1904


def test_hidden_and_merged_rows_with_openpyxl(tmp_path: Path):
    def setup(made, sheet):
        sheet.merge_cells("B2:B3")
        sheet.row_dimensions[4].hidden = True

    path = book(tmp_path / "merged.xlsx", [
        HEADER,
        ["K1", "Kari", "unn", dt.date(2022, 3, 15), "fysisk", 3, 1176],
        ["K2", None, "unn", dt.date(2022, 3, 16), "fysisk", 3, 1176],
        ["K3", "Ola", "unn", dt.date(2022, 3, 17), "fysisk", 3, 1176]], setup=setup)
    claims = audit_json(str(path))["claims"]
    assert [c["representative"] for c in claims] == ["Kari", "Kari", "Ola"]
    assert [codes(c) for c in claims] == [[], [], ["hidden_row"]]


def test_a_hidden_sheet_is_never_the_default(tmp_path: Path):
    def setup(made, sheet):
        hidden = made.create_sheet("Mal", 0)
        hidden.append(HEADER)
        hidden.append(["X", "Skjult", "unn", dt.date(2022, 3, 15), "fysisk", 3, 1])
        hidden.sheet_state = "hidden"

    path = book(tmp_path / "hidden-sheet.xlsx", [
        HEADER, ["K1", "Kari", "unn", dt.date(2022, 3, 15), "fysisk", 3, 1176]], setup=setup)
    data = audit_json(str(path))
    assert data["summary"]["reading"]["sheet"] == "Oktober"


# --------------------------------------------------------------------- 9: rate tables

UNN = Path(__file__).resolve().parent.parent.parent / "rates" / "unn" / "2022-01-01.yaml"
RATE_LINE = 'rate: {kr: 392, quote: "Møter timesats  Kr. 392,-"}'


def _table(tmp_path: Path, *replacements: tuple[str, str]) -> Path:
    text = UNN.read_text(encoding="utf-8")
    for old, new in replacements:
        assert old in text
        text = text.replace(old, new)
    path = tmp_path / "unn" / "2026-01-01.yaml"
    path.parent.mkdir(exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.parametrize("written", [
    'rate: {kr: 420,50, quote: "Møter timesats  Kr. 392,-"}',
    'rate:\n        kr: 420,50\n        quote: "Møter timesats  Kr. 392,-"'])
def test_an_amount_with_a_decimal_comma_gets_a_hint(tmp_path: Path, written):
    path = _table(tmp_path, (RATE_LINE, written))
    result = invoke("rates", "check", str(path))
    assert result.exit_code == 2
    assert "(desimalkomma? skriv 420.50, med punktum" in result.stdout + result.stderr
    result = invoke("rates", "check", str(path), "--lang", "en")
    assert "(a decimal comma? write 420.50, with a point" in result.stdout + result.stderr


def test_a_new_table_that_contradicts_its_own_quotes_and_dates_is_warned_of(tmp_path: Path):
    path = _table(tmp_path, ("effective: 2022-01-01", "effective: 2026-01-01"),
                  (RATE_LINE, 'rate: {kr: 420, quote: "Møter timesats  Kr. 392,-"}'))
    result = invoke("rates", "check", str(path), "--strict")
    assert result.exit_code == 1, result.stdout + result.stderr
    out = " ".join(result.stdout.replace("\u00a0", " ").split())
    assert "rate.kr: beløpet 420,00 kr står ikke i sitatet «Møter timesats Kr. 392,-»" in out
    assert "«** Gjeldende pr 01.01.2022.» sier 01.01.2022, før tabellen gjelder fra " \
           "01.01.2026" in out
    assert "review_after: datoen 01.01.2023 er før tabellen gjelder fra 01.01.2026" in out
    data = json.loads(invoke("rates", "check", str(path), "--format", "json").stdout)
    assert [w["code"] for w in data["files"][0]["warnings"]] == [
        "amount_not_in_quote", "validity_before_effective", "review_before_effective"]


def test_the_shipped_tables_agree_with_their_quotes():
    from honorar.tables.lint import quote_notices
    from honorar.tables.yamldoc import parse

    for path in (UNN.parent.parent).glob("*/*.yaml"):
        if path.parent.name.startswith("_"):
            continue
        assert quote_notices(parse(path.read_text(encoding="utf-8"), str(path)).data) == [], path
    # the table as installed: a copy beside an installed package would shadow it (a warning)
    from honorar.tables.catalogue import shipped_rates_dir

    shipped = shipped_rates_dir() / "unn" / "2022-01-01.yaml"
    result = invoke("rates", "check", "--strict", str(shipped))
    assert result.exit_code == 0, result.output + result.stderr


def test_claims_known_by_row_are_not_taken_for_another_months_rows(tmp_path: Path):
    """Row 2 of September and row 2 of October are two claims, not one paid twice."""
    ledger = tmp_path / "ledger.db"
    env = {"HONORAR_RATES": "", "HONORAR_LEDGER": ""}
    header = "Navn;Ordning;Dato;Oppmøte;Fra;Til;Honorar\n"
    september = tmp_path / "september.csv"
    september.write_text(header + "Kari;unn;15.09.2022;fysisk;09:00;12:00;1176\n",
                         encoding="utf-8")
    october = tmp_path / "oktober.csv"
    october.write_text(header + "Ola;unn;13.10.2022;fysisk;09:00;12:00;1176\n"
                       "Kari;unn;15.09.2022;fysisk;09:00;12:00;1176\n", encoding="utf-8")
    runner = CliRunner()
    assert runner.invoke(app, ["ledger", "init", str(ledger)], env=env).exit_code == 0
    result = runner.invoke(app, ["ledger", "record", str(september), "--ledger", str(ledger),
                                 "--paid-on", "2022-10-01"], env=env)
    assert result.exit_code == 0, result.stderr
    result = runner.invoke(app, ["audit", str(october), "--ledger", str(ledger), "--format",
                                 "json"], env=env)
    claims = json.loads(result.stdout)["claims"]
    assert [c["claim_id"] for c in claims] == ["#2", "#3"]
    assert codes(claims[0]) == []  # not September's row 2
    assert "already_paid" in codes(claims[1])  # the same person at the same meeting is


def test_claims_without_a_submission_date_are_counted_once(tmp_path: Path):
    path = book(tmp_path / "blank.xlsx", [
        [*HEADER, "Innsendt"],
        ["K1", "Kari", "unn", dt.date(2022, 3, 15), "fysisk", 3, 1176, dt.date(2022, 3, 20)],
        ["K2", "Ola", "unn", dt.date(2022, 3, 15), "fysisk", 3, 1176, None],
        ["K3", "Per", "unn", dt.date(2022, 3, 15), "fysisk", 3, 1176, None]])
    assert audit_json(str(path))["summary"]["claims_without_submitted"] == 2
    table = invoke("audit", str(path)).stdout
    assert table.count("2 krav har ingen innsendt dato: alderen deres er ikke kontrollert.") == 1


def test_ledger_record_takes_the_scheme_as_the_audit_does(tmp_path: Path):
    env = {"HONORAR_RATES": "", "HONORAR_LEDGER": ""}
    ledger = tmp_path / "ledger.db"
    path = tmp_path / "oktober.csv"
    path.write_text("Navn;Dato;Oppmøte;Fra;Til;Honorar\nKari;15.09.2022;fysisk;09:00;12:00;"
                    "1176\n", encoding="utf-8")
    runner = CliRunner()
    assert runner.invoke(app, ["ledger", "init", str(ledger)], env=env).exit_code == 0
    args = ["ledger", "record", str(path), "--ledger", str(ledger), "--paid-on", "2022-10-01"]
    result = runner.invoke(app, args, env=env)
    assert result.exit_code == 2 and "--scheme" in result.stderr
    result = runner.invoke(app, [*args, "--scheme", "unn"], env=env)
    assert result.exit_code == 0, result.stderr


def test_a_workbook_without_slashed_text_dates_says_nothing_of_their_order():
    data = audit_json(str(DATA / "oktober.xlsx"))
    assert data["summary"]["reading"]["date_order"] is None
    assert "skråstrek" not in invoke("audit", str(DATA / "oktober.xlsx")).stdout


def test_claims_without_ids_times_or_group_are_not_paid_twice(tmp_path: Path):
    """A sheet with neither claim ids, times nor groups, recorded, then recorded again as a
    colleague saved it once more (rows in another order, so another checksum): each claim
    is the same person's on the same day, nothing tells it from the one paid, and it is
    already paid. Another month's rows 2 and 3, other people or days, are not."""
    ledger = tmp_path / "ledger.db"
    env = {"HONORAR_RATES": "", "HONORAR_LEDGER": ""}
    header = ["Navn", "Dato", "Timer", "Møteform", "Honorar"]
    october = book(tmp_path / "oktober.xlsx", [
        header, ["Kari", dt.date(2022, 10, 6), 3, "fysisk", 1176],
        ["Ola", dt.date(2022, 10, 7), 3, "fysisk", 1176]])
    again = book(tmp_path / "oktober-igjen.xlsx", [
        header, ["Ola", dt.date(2022, 10, 7), 3, "fysisk", 1176],
        ["Kari", dt.date(2022, 10, 6), 3, "fysisk", 1176]])
    november = book(tmp_path / "november.xlsx", [
        header, ["Liv", dt.date(2022, 10, 6), 3, "fysisk", 1176],
        ["Kari", dt.date(2022, 11, 6), 3, "fysisk", 1176]])
    runner = CliRunner()
    assert runner.invoke(app, ["ledger", "init", str(ledger)], env=env).exit_code == 0
    record = ["ledger", "record", "--ledger", str(ledger), "--scheme", "unn",
              "--paid-on", "2022-11-01"]
    result = runner.invoke(app, [*record, str(october)], env=env)
    assert result.exit_code == 0, result.stderr
    result = runner.invoke(app, ["audit", str(again), "--ledger", str(ledger), "--scheme",
                                 "unn", "--format", "json"], env=env)
    claims = json.loads(result.stdout)["claims"]
    assert [codes(c) for c in claims] == [["already_paid"], ["already_paid"]]
    assert [c["due"]["total"] for c in claims] == ["0.00", "0.00"]
    result = runner.invoke(app, [*record, "--accept-findings", str(again)], env=env)
    assert result.exit_code == 0 and "er ført: 0 krav" in result.stdout
    result = runner.invoke(app, ["audit", str(november), "--ledger", str(ledger), "--scheme",
                                 "unn", "--format", "json"], env=env)
    assert [codes(c) for c in json.loads(result.stdout)["claims"]] == [[], []]
    # a later file with claim ids finds the claim recorded by its row number alike
    named = book(tmp_path / "med-id.xlsx", [
        ["Krav-ID", *header], ["K-9", "Kari", dt.date(2022, 10, 6), 3, "fysisk", 1176]])
    result = runner.invoke(app, ["audit", str(named), "--ledger", str(ledger), "--scheme",
                                 "unn", "--format", "json"], env=env)
    assert [codes(c) for c in json.loads(result.stdout)["claims"]] == [["already_paid"]]
