"""`honorar audit` as finance staff run it: reports, exit codes, output files, bad input."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from honorar.render.audit import table as audit_table
from honorar.tables.catalogue import shipped_rates_dir

from ..conftest import claims_csv, run_cli

ROOT = Path(__file__).resolve().parent.parent.parent
EXAMPLES = ROOT / "examples"
NBSP = "\u00a0"
HEADER = ("claim_id,representative,scheme,group,date,start,end,attendance,activity,agreement,"
          "claimed_honorarium,gift,submitted")


def invoke(*args: str, input: str | bytes | None = None):
    return run_cli("audit", *args, columns=120, input=input)


def as_json(result) -> dict:
    assert result.exit_code in (0, 1), result.stderr
    return json.loads(result.stdout)


def claims_file(tmp_path: Path, *rows: str, name: str = "claims.csv") -> Path:
    return claims_csv(tmp_path, *rows, header=HEADER, name=name)


FINE = "K-1,Kari Nordmann,unn,,2023-03-02,09:00,12:00,fysisk,møte,,1176,,2023-03-06"
OVER = "K-2,Ola Hansen,unn,,2023-03-02,09:00,12:00,fysisk,møte,,1960,,2023-03-06"
FINE_2022 = "K-1,Kari Nordmann,unn,,2022-03-02,09:00,12:00,fysisk,møte,,1176,,2022-03-06"
UNDER = "K-3,Per Olsen,unn,,2023-03-09,10:00,11:30,fysisk,undervisning,,392,,2023-03-10"


# ------------------------------------------------------------------------- examples


def test_the_example_month_gives_a_norwegian_summary_and_exit_1():
    result = invoke(str(EXAMPLES / "claims.csv"))
    assert result.exit_code == 1
    out = result.stdout
    for words in ("Revisjon av", "Rader", "Krevd", "Skal utbetales etter reglene", "Krevd for mye",
                  "Krevd for lite", "unn@2022-01-01", "fousam@2018-06-01", "Funn etter kode",
                  "honorarium_overclaimed", "Funn per krav", "Rad 3", "K-2023-0302",
                  f"1{NBSP}960,00{NBSP}kr", "Gruppemøter med for få brukerrepresentanter"):
        assert words in out, words
    assert result.stderr == ""  # no progress bar when standard error is not a terminal


def test_the_example_month_in_english():
    result = invoke(str(EXAMPLES / "claims.csv"), "--lang", "en")
    for words in ("Audit of", "Claimed too much", "Due under the rules", "NOK 1,960.00",
                  "Findings by claim", "error", "warning"):
        assert words in result.stdout, words


def test_the_excel_example_gives_the_same_findings():
    plain = as_json(invoke(str(EXAMPLES / "claims.csv"), "--format", "json"))
    excel = as_json(invoke(str(EXAMPLES / "claims-excel-nb.csv"), "--format", "json"))
    assert excel["summary"]["reading"]["encoding"] == "Windows-1252"
    assert excel["summary"]["reading"]["delimiter"] == ";"
    for data in (plain, excel):
        del data["summary"]["reading"], data["summary"]["file"]
        for claim in data["claims"]:
            claim.pop("values", None)
            for finding in claim["findings"]:
                if finding["code"] == "invalid_row":  # names the file's own column header
                    finding["message"] = finding["message"].replace("«timer»", "«hours»")
    assert plain == excel
    codes = {f["code"] for c in plain["claims"] for f in c["findings"]}
    assert codes == {"honorarium_overclaimed", "honorarium_underclaimed", "lost_income_undocumented",
                     "lost_income_over_cap", "gift_over_cap", "no_agreement", "not_payable_activity",
                     "claim_too_old", "submitted_before_meeting", "duplicate_claim",
                     "too_few_representatives", "no_rate_table", "activity_not_in_table",
                     "invalid_row", "travel_overclaimed", "travel_underclaimed",
                     "travel_expenses_undocumented"}


def test_the_payroll_export_with_its_mapping():
    result = invoke(str(EXAMPLES / "payroll-export.csv"), "--mapping",
                    str(EXAMPLES / "mapping.yaml"), "--format", "json")
    data = as_json(result)
    assert data["summary"]["rows"] == 14 and data["summary"]["invalid_rows"] == 0
    assert data["summary"]["reading"]["date_order"] == "mdy"
    assert data["summary"]["reading"]["columns"]["claim_id"] == "Voucher"


# ----------------------------------------------------------------------------- JSON


def test_a_finding_in_json_has_its_values_for_programs(tmp_path: Path):
    """Like every problem, a finding gives its code and its values (`params`): amounts and
    hours as exact decimals, dates ISO, in every language the same."""
    path = claims_file(tmp_path, OVER)
    for lang in ("nb", "nn", "en"):
        data = as_json(invoke(str(path), "--format", "json", "--lang", lang))
        (finding,) = data["claims"][0]["findings"]
        assert finding["params"] == {"claimed_kr": "1960.00", "due_kr": "1176.00"}


def test_json_has_the_contract_shape_and_every_row(tmp_path: Path):
    path = claims_file(tmp_path, FINE, OVER, "K-4,,unn,,2023-03-02,,,fysisk,møte,,392,,", UNDER)
    data = as_json(invoke(str(path), "--format", "json"))
    assert [c["row"] for c in data["claims"]] == [2, 3, 4, 5]
    over = data["claims"][1]
    assert over["claimed"] == {"honorarium": "1960.00", "lost_income": "0.00", "gift": "0.00",
                               "total": "1960.00"}
    assert over["due"] == {"honorarium": "1176.00", "lost_income": "0.00", "gift": "0.00",
                           "total": "1176.00"}
    assert over["difference"] == "784.00" and over["version"] == "2022-01-01"
    assert over["findings"] == [{
        "code": "honorarium_overclaimed", "severity": "error", "row": 3,
        "column": "claimed_honorarium", "params": {"claimed_kr": "1960.00", "due_kr": "1176.00"},
        "message": f"Krevd honorar 1{NBSP}960,00{NBSP}kr er mer enn reglene gir: "
                   f"1{NBSP}176,00{NBSP}kr"}]
    invalid = data["claims"][2]
    assert invalid["due"] is None and invalid["claim_id"] == "K-4"
    assert invalid["claimed"]["honorarium"] == "392.00"
    assert invalid["findings"][0]["column"] == "representative"
    summary = data["summary"]
    assert {k: summary[k] for k in ("rows", "invalid_rows", "claims_with_findings",
                                    "claimed_total", "due_total", "overpaid", "underpaid")} == {
        "rows": 4, "invalid_rows": 1, "claims_with_findings": 3, "claimed_total": "3528.00",
        "due_total": "3332.00", "overpaid": "784.00", "underpaid": "588.00"}
    assert summary["findings"] == {"honorarium_overclaimed": 1, "honorarium_underclaimed": 1,
                                   "invalid_row": 1, "rates_may_be_outdated": 1}
    assert summary["versions"] == [{"scheme": "unn", "version": "2022-01-01", "rows": 3}]


def test_group_findings_found_at_the_end_land_in_their_claims(tmp_path: Path):
    rows = [f'K-{n},"Person {n}\nsecond line",unn,{group},2023-03-0{day},09:00,10:00,fysisk,'
            f"møte,,392,,2023-03-10" for n, (group, day) in enumerate(
                [("Rus", 1), ("Hjerte", 1), ("Hjerte", 1), ("Rus", 2), ("Rus", 2), ("", 3),
                 ("Fag", 4)], 1)]
    rows[4] = rows[4].replace(",392,", ",980,")  # an overclaim besides
    path = claims_file(tmp_path, *rows)
    data = as_json(invoke(str(path), "--format", "json"))
    found = {c["claim_id"]: [f["code"] for f in c["findings"]] for c in data["claims"]}
    assert found == {"K-1": ["too_few_representatives"], "K-2": [], "K-3": [], "K-4": [],
                     "K-5": ["honorarium_overclaimed"], "K-6": [],
                     "K-7": ["too_few_representatives"]}
    assert data["summary"]["findings"]["too_few_representatives"] == 2
    assert data["summary"]["claims_with_findings"] == 3

    report = tmp_path / "report.csv"
    assert invoke(str(path), "--format", "csv", "--output", str(report)).exit_code == 1
    with report.open(encoding="utf-8-sig", newline="") as f:
        cells = {r["claim_id"]: r["findings"] for r in csv.DictReader(f)}
    assert cells == {"K-1": "too_few_representatives", "K-2": "", "K-3": "", "K-4": "",
                     "K-5": "honorarium_overclaimed", "K-6": "", "K-7": "too_few_representatives"}


def test_two_schemes_meeting_under_one_group_name_are_two_meetings(tmp_path: Path):
    rates = tmp_path / "rates" / "unn_lokal"
    rates.mkdir(parents=True)
    unn = (shipped_rates_dir() / "unn" / "2022-01-01.yaml").read_text(encoding="utf-8")
    (rates / "2022-01-01.yaml").write_text(unn.replace("scheme: unn\n", "scheme: unn_lokal\n"),
                                           encoding="utf-8")
    path = claims_file(tmp_path, "K-1,Kari Nordmann,unn,Råd,2023-03-02,09:00,12:00,fysisk,møte,,1176,,2023-03-06",
                       "K-2,Ola Hansen,unn_lokal,Råd,2023-03-02,09:00,12:00,fysisk,møte,,1176,,2023-03-06")
    table = invoke(str(path), "--lang", "en", "--rates-dir", str(tmp_path / "rates")).stdout
    meetings = table.split("Group meetings with too few representatives")[1]
    assert "(row 2)" in meetings and "(row 3)" in meetings


def test_standard_input():
    text = (EXAMPLES / "claims.csv").read_text(encoding="utf-8")
    result = invoke("-", "--format", "json", input=text)
    data = as_json(result)
    assert data["summary"]["file"] == "-" and data["summary"]["rows"] == 32


# ------------------------------------------------------------------------------ CSV


def test_the_csv_report_reads_back_as_written_and_formulas_stay_text(tmp_path: Path):
    path = claims_file(
        tmp_path, FINE,
        'K-5,"=HYPERLINK(""http://x"",""klikk"")",unn,-Rus,2023-03-03,09:00,12:00,fysisk,møte,,'
        "1960,,2023-03-06",
        '@SUM(1),"+47 Hansen, Ola",unn,"Gruppe ""A""",2023-03-04,09:00,10:00,fysisk,møte,,392,,')
    report = tmp_path / "report.csv"
    result = invoke(str(path), "--format", "csv", "--output", str(report))
    assert result.exit_code == 1 and result.stdout == ""
    raw = report.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # Excel sees UTF-8
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"), newline="")))
    header, *body = rows
    assert header[-1] == "findings" and header[0] == "row"
    by_id = {r[1]: dict(zip(header, r, strict=True)) for r in body}
    hyperlink = by_id["K-5"]
    assert hyperlink["representative"] == "'=HYPERLINK(\"http://x\",\"klikk\")"
    assert hyperlink["group"] == "'-Rus"
    assert hyperlink["difference"] == "784.00"
    assert by_id["'@SUM(1)"]["representative"] == "'+47 Hansen, Ola"
    assert by_id["'@SUM(1)"]["group"] == 'Gruppe "A"'
    # what a program reads back is what the JSON report says, text neutralised for Excel
    data = as_json(invoke(str(path), "--format", "json"))
    for claim, row in zip(data["claims"], body, strict=True):
        cells = dict(zip(header, row, strict=True))
        assert cells["row"] == str(claim["row"])
        for part in ("honorarium", "lost_income", "gift", "total"):
            assert cells[f"claimed_{part}"] == claim["claimed"][part]
            assert cells[f"due_{part}"] == claim["due"][part]
        assert cells["findings"].split() == [f["code"] for f in claim["findings"]]


def test_an_underclaim_difference_is_a_negative_number_not_neutralised(tmp_path: Path):
    result = invoke(str(claims_file(tmp_path, UNDER)), "--format", "csv")
    (row,) = list(csv.DictReader(io.StringIO(result.stdout)))
    assert row["difference"] == "-588.00"
    assert not result.stdout.startswith("\ufeff")  # a byte order mark only for files


def test_a_row_shifted_by_a_decimal_comma_claims_no_amount_it_does_not_state(tmp_path: Path):
    shifted = "K-4,Ida Lie,unn,,2023-03-02,09:00,12:00,fysisk,møte,,1176,50,,2023-03-06"
    path = claims_file(tmp_path, FINE, shifted)
    (_, claim) = as_json(invoke(str(path), "--format", "json"))["claims"]
    assert claim["claimed"] == {"honorarium": None, "lost_income": None, "gift": None,
                                "total": None}
    assert claim["values"]["claimed_honorarium"] == "1176"  # the raw cells are still shown
    (_, row) = list(csv.DictReader(io.StringIO(invoke(str(path), "--format", "csv").stdout)))
    assert [row[c] for c in ("claimed_honorarium", "claimed_gift", "claimed_total")] == ["", "", ""]
    assert row["findings"] == "invalid_row"
    assert "K-4  Ida Lie  claimed → due: – → not decided" in invoke(str(path), "--lang", "en").stdout


# --------------------------------------------------------------------------- output


def test_output_is_written_whole_and_leaves_nothing_behind(tmp_path: Path):
    path = claims_file(tmp_path, FINE, OVER)
    out = tmp_path / "reports" / "audit.json"
    out.parent.mkdir()
    out.write_text("old report", encoding="utf-8")
    result = invoke(str(path), "--format", "json", "--output", str(out))
    assert result.exit_code == 1 and result.stdout == ""
    assert json.loads(out.read_text(encoding="utf-8"))["summary"]["rows"] == 2
    assert sorted(p.name for p in out.parent.iterdir()) == ["audit.json"]


def test_a_failed_audit_leaves_an_existing_report_alone(tmp_path: Path):
    rates = tmp_path / "rates" / "unn"
    rates.mkdir(parents=True)
    (rates / "2023-01-01.yaml").write_text("scheme: unn\neffective: not a date\n",
                                           encoding="utf-8")
    out = tmp_path / "audit.json"
    out.write_text("old report", encoding="utf-8")
    result = invoke(str(claims_file(tmp_path, FINE)), "--format", "json", "--output", str(out),
                    "--rates-dir", str(tmp_path / "rates"))
    assert result.exit_code == 2 and result.stderr.startswith("honorar: feil: satstabell")
    assert out.read_text(encoding="utf-8") == "old report"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["audit.json", "claims.csv", "rates"]


def test_output_never_overwrites_the_input(tmp_path: Path):
    path = claims_file(tmp_path, FINE)
    before = path.read_bytes()
    for target in (path, tmp_path / "." / "claims.csv"):
        result = invoke(str(path), "--format", "csv", "--output", str(target), "--lang", "en")
        assert result.exit_code == 2 and "is the input file" in result.stderr
    assert path.read_bytes() == before


def test_the_table_report_can_go_to_a_file(tmp_path: Path):
    out = tmp_path / "audit.txt"
    result = invoke(str(claims_file(tmp_path, FINE, OVER)), "--output", str(out))
    assert result.exit_code == 1 and result.stdout == ""
    text = out.read_text(encoding="utf-8")
    assert "Revisjon av" in text and "honorarium_overclaimed" in text
    assert all(line == line.rstrip() for line in text.splitlines())


def test_a_long_list_of_findings_is_cut_with_a_count(tmp_path: Path, monkeypatch):
    monkeypatch.setattr(audit_table, "LISTED", 2)
    rows = [f"K-{n},Person {n},unn,,2023-03-02,09:00,12:00,fysisk,møte,,1960,,"
            for n in range(5)]
    result = invoke(str(claims_file(tmp_path, *rows)))
    assert "… og 3 krav til med funn" in result.stdout
    assert "Rad 3 " in result.stdout and "Rad 4 " not in result.stdout


# ------------------------------------------------------------------------ exit codes


@pytest.mark.parametrize("rows, fail_on, code", [
    ((FINE,), "error", 0), ((FINE, OVER), "error", 1), ((FINE, UNDER), "error", 0),
    ((FINE, UNDER), "warning", 1), ((FINE, OVER), "never", 0), ((FINE_2022,), "warning", 0),
    # the UNN table may be outdated in 2023: a warning of the summary, and it counts
    ((FINE,), "warning", 1)])
def test_exit_codes_follow_fail_on(tmp_path: Path, rows, fail_on, code):
    result = invoke(str(claims_file(tmp_path, *rows)), "--fail-on", fail_on, "--format", "json")
    assert result.exit_code == code


@pytest.mark.parametrize("args, words", [
    (["missing.csv"], "missing.csv: No such file or directory"),
    (["{file}", "--format", "xml"], "--format: 'xml' is not one of table, json, csv"),
    (["{file}", "--date-order", "ymd"], "--date-order: 'ymd' is not dmy or mdy"),
    (["{file}", "--delimiter", "::"], "--delimiter"),
    (["{file}", "--encoding", "klingon"], "unknown encoding 'klingon'"),
    (["{file}", "--mapping", "{missing}"], "mapping.yaml"),
    (["{file}", "--output", "{missing_dir}"], "does not exist"),
    (["{ambiguous}"], "--date-order"),
    (["{headless}"], "no header row with the columns"),
])
def test_unusable_input_or_options_are_one_line_and_exit_2(tmp_path: Path, args, words):
    places = {
        "file": str(claims_file(tmp_path, FINE)),
        "missing": str(tmp_path / "mapping.yaml"),
        "missing_dir": str(tmp_path / "nowhere" / "report.json"),
        "ambiguous": str(claims_file(tmp_path, FINE.replace("2023-03-02", "03/04/2023"),
                                     name="us.csv")),
        "headless": str(claims_file(tmp_path, name="x.csv").write_text("a,b\n1,2\n") and
                        tmp_path / "x.csv"),
    }
    result = invoke(*[a.format(**places) for a in args], "--lang", "en")
    assert result.exit_code == 2, result.stdout
    assert result.stderr.startswith("honorar: error: ") and result.stderr.count("\n") == 1
    assert words in result.stderr
    assert result.stdout == ""


def test_an_unknown_scheme_is_a_finding_not_an_error(tmp_path: Path):
    data = as_json(invoke(str(claims_file(tmp_path, FINE.replace(",unn,", ",helse-vest,"))),
                          "--format", "json"))
    (finding,) = data["claims"][0]["findings"]
    assert finding["code"] == "no_rate_table" and "helse-vest" in finding["message"]
    assert data["claims"][0]["due"]["total"] is None


# ----------------------------------------------------- reports agree with the library

NAMES = ["Kari Nordmann", "Øystein Ås", 'Ola "O" Hansen', "Per, Olsen", "Line\nBreak", "=1+1"]


@st.composite
def awkward_files(draw) -> str:
    """Group meetings of one or more people, names that need quoting, non-ASCII text."""
    lines = [HEADER]
    for n in range(draw(st.integers(1, 14))):
        person = draw(st.sampled_from(NAMES))
        group = draw(st.sampled_from(["Rus", "Hjerte", "Brukerråd æøå", ""]))
        day = draw(st.integers(1, 3))
        fee = draw(st.sampled_from(["392", "980"]))
        quoted = '"' + person.replace('"', '""') + '"'
        lines.append(f"K-{n},{quoted},unn,{group},2023-03-0{day},09:00,10:00,fysisk,møte,,{fee},,")
    return "\n".join(lines) + "\n"


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                                 HealthCheck.function_scoped_fixture])
@given(text=awkward_files())
def test_the_reports_carry_exactly_the_findings_of_the_audit(tmp_path_factory, text):
    from honorar.audit.pipeline import audit
    from honorar.claims import read_claims
    from honorar.tables.catalogue import Catalogue

    folder = tmp_path_factory.mktemp("awkward")
    path = folder / "claims.csv"
    path.write_text(text, encoding="utf-8")
    run = audit(read_claims(path), Catalogue.from_options(environ={}))
    expected = {r.row: [f.code for f in r.findings] for r in run}
    for finding in run.late_findings():
        expected[finding.row].append(finding.code)

    data = as_json(invoke(str(path), "--format", "json"))
    assert {c["row"]: [f["code"] for f in c["findings"]] for c in data["claims"]} == expected
    report = folder / "report.csv"
    invoke(str(path), "--format", "csv", "--output", str(report))
    with report.open(encoding="utf-8-sig", newline="") as f:
        rows = {int(r["row"]): r["findings"].split() for r in csv.DictReader(f)}
    assert rows == expected


@pytest.mark.parametrize("content", [
    b"SQLite format 3\x00" + bytes(range(256)) * 8,  # a ledger given as the claims
    b"\x00\x01binary data of no kind known\x00\x00\x00\n",
])
def test_a_binary_file_is_named_as_no_text_file(tmp_path, content):
    claims = tmp_path / "krav.csv"
    claims.write_bytes(content)
    english = run_cli("audit", str(claims), "--lang", "en")
    assert english.exit_code == 2
    assert english.stderr == (f"honorar: error: {claims}: is not a text file (it holds NUL "
                              "bytes): give a CSV file or a workbook\n")
    norsk = run_cli("audit", str(claims))
    assert norsk.stderr == (f"honorar: feil: {claims}: er ikke en tekstfil (den har "
                            "NUL-tegn): gi en CSV-fil eller en arbeidsbok\n")
