"""The audit prices and checks each distinct set of facts once; its reports are byte for
byte those of a plain audit that does everything again for every row.

The reference lives here, not in the product: the same audit with every memo bounded to
nothing (each cell parsed, each meeting priced, each report cell made again) and every row
given a meeting object of its own, so that nothing one row learnt is reused for another.
"""

from __future__ import annotations

import datetime as dt
import json
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

import honorar.audit.memos
import honorar.audit.summary
import honorar.claims.cells
import honorar.memo
import honorar.render.audit.csv
import honorar.render.audit.finding_words
import honorar.rules.calculation
from honorar.audit.results import ClaimResult, LightResult
from honorar.cli import app

from ..conftest import CLAIMS_HEADER, claims_csv

pytestmark = pytest.mark.slow  # generated input, many runs each: see pyproject's markers

HEADER = CLAIMS_HEADER
TRAVEL = ",km,travel_claimed"
# the generated files' travel columns: also a trip's length and nights (issue 23)
TRAVEL_GENERATED = TRAVEL + ",travel_hours,nights"


def audit_bytes(claims: Path, fmt: str) -> bytes:
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / f"report.{fmt}"
        result = CliRunner().invoke(
            app, ["audit", str(claims), "--format", fmt, "--output", str(out)],
            env={"HONORAR_RATES": "", "HONORAR_LEDGER": "", "COLUMNS": "120"})
        assert result.exit_code in (0, 1), result.output
        return out.read_bytes()


def claims_file(directory: Path, rows: list[str], travel: bool = False) -> Path:
    """A claims file of `rows` under the header (with the travel columns, given `travel`)."""
    return claims_csv(directory, *rows, header=HEADER + (TRAVEL if travel else ""))


@contextmanager
def per_row(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """The plain audit: the one switch for speed off (`honorar.memo.ON`), so that every
    memo of the audit keeps nothing (the parts of calculations too), every row is a meeting
    of its own, and every claim is made whole and checked by every rule."""
    with monkeypatch.context() as patch:
        patch.setattr(honorar.memo, "ON", False)
        yield


# each example audits files through the command line, twice or more
SLOW_EXAMPLES = dict(deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                           HealthCheck.function_scoped_fixture])
PEOPLE = ["Kari Nordmann", "kari  NORDMANN", "Ola Hansen", "Aisha Khan", "Per Olsen"]
row_strategy = st.tuples(
    st.sampled_from(PEOPLE),
    st.sampled_from(["unn", "unn", "fousam", "helse-vest"]),
    st.sampled_from(["Hjerte", "Rus", ""]),
    # '02.03' has no year: the file's year, with a warning on its row
    st.sampled_from(["2023-03-01", "2023-03-02", "01.03.2023", "2021-12-31", "2023-02-30",
                     "2027-03-01", "02.03"]),
    st.sampled_from([("09:00", "11:00"), ("10:00", "12:30"), ("15:00", "16:00"), ("", ""),
                     ("12:00", "11:00"), ("22:00", "01:00")]),
    st.sampled_from(["fysisk", "teams"]),
    st.sampled_from(["møte", "undervisning", "likemannsoppdrag"]),
    st.sampled_from(["ja", "nei", ""]),
    # '784' and '784,00', '900' and '900.00': the same values written otherwise, which the
    # memos, keyed by value, share
    st.sampled_from(["392", "784,00", "784", "850", "980", "1960", "0", "12x"]),
    st.sampled_from(["", "900", "900.00", "2000"]), st.sampled_from(["ja", "nei"]),
    st.sampled_from(["", "250"]),
    st.sampled_from([-1, 0, 10, 200]),  # days from the meeting to the claim
    st.sampled_from(["", "0", "40", "120"]),  # km (0 on a remote row: no trip)
    st.sampled_from(["", "0", "100.00", "216.00"]),  # travel claimed
    # travel hours: none, a day trip, over 24 hours; nights: none, one (issue 23's undecided
    # trips, short overnight trips)
    st.sampled_from(["", "8", "30"]), st.sampled_from(["", "1"]),
)
# claims that pass every check of their own row, in the layout above: facts of these that
# repeat are what the audit checks light, and the plain audit checks whole
clean_row_strategy = st.builds(
    lambda person, group, date, meeting, days, travel: (
        person, meeting[0], group, date, meeting[1], "fysisk", "møte", "ja", meeting[2], "",
        "nei", "", days, *travel),
    st.sampled_from(PEOPLE), st.sampled_from(["Hjerte", "Rus", ""]),
    st.sampled_from(["2023-03-01", "2023-03-02", "01.03.2023"]),
    st.sampled_from([("unn", ("09:00", "11:00"), "784,00"), ("unn", ("09:00", "11:00"), "784"),
                     ("unn", ("15:00", "16:00"), "392"), ("fousam", ("09:00", "11:00"), "850")]),
    st.sampled_from([0, 10]), st.sampled_from([("", "", "", ""), ("", "0", "", "")]))


@st.composite
def claim_files(draw) -> tuple[str, bool]:
    """A claims file: rows that repeat (ids, people, meetings), group meetings, unreadable
    rows, perhaps travel columns and a total row."""
    travel = draw(st.booleans())
    lines = [HEADER + (TRAVEL_GENERATED if travel else "")]
    # rows alike but for a cell or two, so that whatever a memo might wrongly share is
    # there to be shared
    pool = draw(st.lists(st.one_of(row_strategy, clean_row_strategy), min_size=2, max_size=3))
    rows = []
    for _ in range(draw(st.integers(1, 30))):
        row = list(pool[draw(st.integers(0, len(pool) - 1))])
        field = draw(st.integers(0, len(row) - 1))  # one cell as another row of the pool has it
        row[field] = pool[draw(st.integers(0, len(pool) - 1))][field]
        if draw(st.booleans()):  # someone else at the same meeting
            row[0] = f"Representant {len(rows)}"
        rows.append(tuple(row))
    for number, (person, scheme, group, date, (start, end), attendance, activity, agreement,
                 fee, lost, documented, gift, days, km, travel_claimed, hours,
                 nights) in enumerate(rows):
        try:
            submitted = (dt.date.fromisoformat(date) + dt.timedelta(days=days)).isoformat()
        except ValueError:
            submitted = ""
        # some ids again
        claim_id = f"K-{draw(st.integers(0, number)) if draw(st.booleans()) else number}"
        fee = f'"{fee}"' if "," in fee else fee
        line = (f"{claim_id},{person},{scheme},{group},{date},{start},{end},{attendance},"
                f"{activity},{agreement},{fee},{lost},{documented},{gift},{submitted}")
        lines.append(line + (f",{km},{travel_claimed},{hours},{nights}" if travel else ""))
    lines += draw(st.lists(st.sampled_from(lines[1:]), max_size=4))  # rows entered twice
    if draw(st.booleans()):
        lines.append("Sum,,,,,,,,,,3920.00,,,,")  # the file's own total
    if draw(st.booleans()):
        lines.append("K-x,Ola Hansen,unn,Rus,2023-03-01,09:00,11:00,fysisk,møte,ja,1176,50")
    return "\n".join(lines) + "\n", travel


@settings(max_examples=60, **SLOW_EXAMPLES)
@given(file=claim_files())
def test_the_reports_are_those_of_a_plain_audit_row_by_row(file, monkeypatch):
    text, _ = file
    with tempfile.TemporaryDirectory() as tmp:
        claims = Path(tmp) / "claims.csv"
        claims.write_text(text, encoding="utf-8")
        reports = {fmt: audit_bytes(claims, fmt) for fmt in ("csv", "json", "table")}
        with per_row(monkeypatch):
            plain = {fmt: audit_bytes(claims, fmt) for fmt in ("csv", "json", "table")}
    assert reports == plain


def test_the_reference_really_prices_every_row_again(monkeypatch, tmp_path):
    """Without this, a reference that reused what it priced would prove nothing."""
    row = "unn,Rus,2023-03-01,09:00,11:00,fysisk,møte,ja,784,,,,2023-03-02"
    claims = claims_file(tmp_path, [f"K-1,Kari Nordmann,{row}", f"K-2,Ola Hansen,{row}",
                                    f"K-3,Per Olsen,{row}"])
    priced = []
    price = honorar.audit.memos.RunMemos._price

    def counting(self, meeting):
        priced.append(meeting)
        return price(self, meeting)

    monkeypatch.setattr(honorar.audit.memos.RunMemos, "_price", counting)
    audit_bytes(claims, "csv")
    assert len(priced) == 1  # one set of facts, priced once
    priced.clear()
    with per_row(monkeypatch):
        audit_bytes(claims, "csv")
    assert len(priced) == 3


def test_the_reference_really_makes_every_part_of_a_calculation_again(monkeypatch, tmp_path,
                                                                     fee_parts_made):
    """Rows alike but for their lost income are calculations of their own that share a
    fee: the audit makes the fee once, the reference for every row."""
    claims = claims_file(tmp_path, [
        f"K-{n},Kari Nordmann,unn,Rus,2023-03-01,09:00,11:00,fysisk,møte,ja,784,{lost},ja,,"
        f"2023-03-02" for n, lost in enumerate(("100", "200", "300"))])
    made = fee_parts_made
    audit_bytes(claims, "csv")
    assert len(made) == 1
    made.clear()
    with per_row(monkeypatch):
        audit_bytes(claims, "csv")
    assert len(made) == 3


def test_a_trip_no_travel_table_covers_is_said_of_its_own_date(monkeypatch, tmp_path):
    """Two meetings alike but for their dates, both before the first travel table: each
    finding names its own date, as a plain audit's does."""
    claims = claims_file(tmp_path, [
        "K-1,Kari Nordmann,fousam,Rus,2021-05-02,09:00,11:00,fysisk,møte,ja,850,,,,,100,",
        "K-2,Ola Hansen,fousam,Rus,2021-06-09,09:00,11:00,fysisk,møte,ja,850,,,,,100,",
    ], travel=True)
    report = audit_bytes(claims, "json")
    first, second = (c["findings"][0]["message"] for c in json.loads(report)["claims"])
    assert "02.05.2021" in first and "09.06.2021" in second
    with per_row(monkeypatch):
        assert audit_bytes(claims, "json") == report


def test_a_claim_without_a_trip_is_due_no_travel_beside_one_with_a_trip(monkeypatch, tmp_path):
    """Rows of an unknown scheme share one calculation, trip or not; the one without a trip
    is still due 0 travel, not the undecided travel of the one with a trip."""
    claims = claims_file(tmp_path, [
        "K-1,Kari Nordmann,helse-vest,Rus,2023-03-01,09:00,11:00,fysisk,møte,ja,392,,,,,40,",
        "K-2,Kari Nordmann,helse-vest,Rus,2023-03-01,15:00,16:00,fysisk,møte,ja,392,,,,,,",
    ], travel=True)
    reports = {fmt: audit_bytes(claims, fmt) for fmt in ("csv", "json")}
    first, second = json.loads(reports["json"])["claims"]
    assert first["due"]["travel"] is None and second["due"]["travel"] == "0.00"
    with per_row(monkeypatch):
        assert {fmt: audit_bytes(claims, fmt) for fmt in ("csv", "json")} == reports


def result_kinds(monkeypatch: pytest.MonkeyPatch) -> list[type]:
    """The kind of every result the audits summed from now on (`ClaimResult` for a claim
    made whole, `LightResult` for one checked light), in order."""
    kinds: list[type] = []
    add = honorar.audit.summary.Summary.add

    def noting(self, result):
        kinds.append(type(result))
        add(self, result)

    monkeypatch.setattr(honorar.audit.summary.Summary, "add", noting)
    return kinds


def test_claims_of_facts_seen_before_are_checked_light_and_the_reference_makes_them_whole(
        monkeypatch, tmp_path):
    """Without this, the comparison above might hold the full check against itself."""
    row = "unn,Rus,2023-03-01,09:00,11:00,fysisk,møte,ja,784,,,,2023-03-02"
    claims = claims_file(tmp_path, [f"K-1,Kari Nordmann,{row}", f"K-2,Ola Hansen,{row}",
                                    f"K-3,Per Olsen,{row}", f"K-3,Aisha Khan,{row}"])
    kinds = result_kinds(monkeypatch)
    report = audit_bytes(claims, "csv")
    # facts seen once are checked in full; the claim id seen before is a duplicate
    assert kinds == [ClaimResult, LightResult, LightResult, ClaimResult]
    assert report.decode("utf-8-sig").splitlines()[-1].endswith(",duplicate_claim")
    kinds.clear()
    with per_row(monkeypatch):
        assert audit_bytes(claims, "csv") == report
    assert kinds == [ClaimResult] * 4


def test_facts_written_otherwise_are_those_of_a_plain_audit(monkeypatch, tmp_path):
    """Rows whose cells differ in how they write the same values ('784' and '784,00',
    'fysisk' and 'Fysisk') are one set of facts to the memos, which know them by value:
    the reports are still those of a plain audit."""
    rows = ["unn,Rus,2023-03-01,09:00,11:00,fysisk,møte,ja,784,900,ja,,2023-03-02",
            'unn,Rus,2023-03-01,09:00,11:00,Fysisk,møte,ja,"784,00",900.00,ja,,2023-03-02']
    claims = claims_file(tmp_path, [f"K-{n},Person {n},{rows[n % 2]}" for n in range(6)]
                         + ["Sum,,,,,,,,,,4704,5400,,,"])
    kinds = result_kinds(monkeypatch)
    reports = {fmt: audit_bytes(claims, fmt) for fmt in ("csv", "json")}
    assert kinds[:6] == [ClaimResult] + [LightResult] * 5  # one set of facts, priced once
    with per_row(monkeypatch):
        assert {fmt: audit_bytes(claims, fmt) for fmt in ("csv", "json")} == reports


def _as_workbook(text: str, path: Path) -> Path:
    """The rows of a claims CSV as a workbook's cells: amounts and hours that read as
    numbers written as numbers, dates as dates, the rest as text; every third row hidden,
    and in every fourth its dates written as slashed text (read day-first, with a warning
    where they read both ways)."""
    import csv

    import xlsxwriter

    book = xlsxwriter.Workbook(str(path))
    sheet = book.add_worksheet("Krav")
    dates = book.add_format({"num_format": "dd.mm.yyyy"})
    for r, cells in enumerate(csv.reader(text.splitlines())):
        if r and r % 3 == 2:
            sheet.set_row(r, None, None, {"hidden": True})
        for c, cell in enumerate(cells):
            try:
                date = dt.datetime.fromisoformat(cell)
                if r % 4 == 3:
                    sheet.write_string(r, c, f"{date:%d/%m/%Y}")
                else:
                    sheet.write_datetime(r, c, date, dates)
                continue
            except ValueError:
                pass
            if cell.isdigit():
                sheet.write_number(r, c, int(cell))
            else:
                sheet.write_string(r, c, cell)
    book.close()
    return path


@settings(max_examples=25, **SLOW_EXAMPLES)
@given(file=claim_files())
def test_a_workbook_is_reported_as_a_plain_audit_reports_it(file, monkeypatch):
    text, _ = file
    with tempfile.TemporaryDirectory() as tmp:
        book = _as_workbook(text, Path(tmp) / "claims.xlsx")
        reports = {fmt: audit_bytes(book, fmt) for fmt in ("csv", "json")}
        with per_row(monkeypatch):
            plain = {fmt: audit_bytes(book, fmt) for fmt in ("csv", "json")}
    assert reports == plain


def against_ledger(paid: str, claims: str, monkeypatch: pytest.MonkeyPatch
                   ) -> tuple[dict[str, bytes], dict[str, bytes]]:
    """The CSV and JSON reports of `claims` audited against a ledger that has paid `paid`:
    the audit's, and the plain audit's."""
    with tempfile.TemporaryDirectory() as tmp:
        ledger, paid_file = Path(tmp) / "ledger.db", Path(tmp) / "paid.csv"
        paid_file.write_text(paid, encoding="utf-8")
        env = {"HONORAR_RATES": "", "HONORAR_LEDGER": str(ledger), "COLUMNS": "120"}
        runner = CliRunner()
        assert runner.invoke(app, ["ledger", "init"], env=env).exit_code == 0
        recorded = runner.invoke(app, ["ledger", "record", str(paid_file), "--paid-on",
                                       "2023-04-05", "--accept-findings"], env=env)
        assert recorded.exit_code in (0, 1), recorded.output
        claims_file = Path(tmp) / "claims.csv"
        claims_file.write_text(claims, encoding="utf-8")

        def report(fmt: str) -> bytes:
            out = Path(tmp) / f"report.{fmt}"
            result = runner.invoke(app, ["audit", str(claims_file), "--format", fmt,
                                         "--output", str(out)], env=env)
            assert result.exit_code in (0, 1), result.output
            return out.read_bytes()

        reports = {fmt: report(fmt) for fmt in ("csv", "json")}
        with per_row(monkeypatch):
            plain = {fmt: report(fmt) for fmt in ("csv", "json")}
    return reports, plain


@settings(max_examples=20, **SLOW_EXAMPLES)
@given(earlier=claim_files(), file=claim_files(), same_ids=st.booleans())
def test_an_audit_against_a_ledger_is_that_of_a_plain_audit(earlier, file, same_ids,
                                                            monkeypatch):
    """Claims paid in an earlier batch (some with the same ids, or the same people and
    days as the file's) make findings of their own; the per-key audit words and sums them
    as the plain one does."""
    paid = earlier[0] if same_ids else earlier[0].replace("K-", "E-")
    reports, plain = against_ledger(paid, file[0], monkeypatch)
    assert reports == plain


def test_a_daily_cap_shared_with_a_paid_batch_is_that_of_a_plain_audit(monkeypatch):
    """FOUSAM's cap on lost income is per person per day: a day's earlier claims, in the
    ledger and in the file, leave a later claim what is left."""
    header = HEADER + "\n"
    day = "fousam,Rus,2023-03-01"
    paid = header + f"E-1,Kari Nordmann,{day},09:00,11:00,fysisk,møte,ja,850,900,ja,,2023-03-02\n"
    claims = header + "".join(
        f"K-{n},{person},{day},{start},{end},fysisk,møte,ja,850,{lost},ja,,2023-03-02\n"
        for n, (person, start, end, lost) in enumerate([
            ("Kari Nordmann", "12:00", "13:00", "900"), ("Kari Nordmann", "14:00", "15:00", "300"),
            ("Ola Hansen", "09:00", "11:00", "900"), ("Ola Hansen", "12:00", "13:00", "900.50")]))
    reports, plain = against_ledger(paid, claims, monkeypatch)
    assert reports == plain
    claimed = json.loads(reports["json"])["claims"]
    assert [c["due"]["lost_income"] for c in claimed] == ["600.00", "0.00", "900.00", "600.00"]


# ---- one person, one meeting, one payment (identities, durations, supplements, parts not
# claimed): files with an employee number column that some rows leave blank, hours beside
# times, fees left blank or 0, travel claimed or not

ID_HEADER = ("claim_id,representative,representative_id,scheme,group,date,start,end,hours,"
             "attendance,activity,agreement,claimed_honorarium,lost_income,"
             "lost_income_documented,gift,submitted")
IDENTITIES = [("Kari Nordmann", "10234"), ("kari  nordmann", ""), ("Kari Nordmann", "20411"),
              ("Ola Hansen", ""), ("OLA HANSEN", "30001"), ("Per Olsen", "")]
id_row_strategy = st.tuples(
    st.sampled_from(IDENTITIES),
    st.sampled_from(["unn", "unn", "fousam"]),
    st.sampled_from(["Rus", "Hjerte", "", ""]),
    st.sampled_from(["2023-03-01", "2023-03-02"]),
    st.sampled_from([("09:00", "11:00", ""), ("10:00", "12:00", ""), ("", "", "2"),
                     ("", "", "3"), ("", "", ""), ("09:00", "11:00", "2")]),
    st.sampled_from(["møte", "møte", "heldagsmøte", "undervisning"]),
    st.sampled_from(["784", "1176", "", "0", "850"]),
    st.sampled_from(["", "500", "1500"]),
    st.sampled_from(["", "40"]),  # km
    st.sampled_from(["", "0", "100.00"]),  # travel claimed
)


@st.composite
def identity_files(draw) -> str:
    travel = draw(st.booleans())
    lines = [ID_HEADER + (TRAVEL if travel else "")]
    pool = draw(st.lists(id_row_strategy, min_size=2, max_size=4))
    for number in range(draw(st.integers(1, 16))):
        row = list(pool[draw(st.integers(0, len(pool) - 1))])
        field = draw(st.integers(0, len(row) - 1))
        row[field] = pool[draw(st.integers(0, len(pool) - 1))][field]
        if draw(st.booleans()):  # someone else, or the same person written another way
            row[0] = draw(st.sampled_from(IDENTITIES))
        ((name, number_id), scheme, group, date, (start, end, hours), activity, fee, lost,
         km, travel_claimed) = row
        agreement = "ja" if scheme == "fousam" else ""
        line = (f"K-{number},{name},{number_id},{scheme},{group},{date},{start},{end},{hours},"
                f"fysisk,{activity},{agreement},{fee},{lost},{'ja' if lost else ''},,"
                f"2023-03-03")
        lines.append(line + (f",{km},{travel_claimed}" if travel else ""))
    lines += draw(st.lists(st.sampled_from(lines[1:]), max_size=3))  # rows entered twice
    return "\n".join(lines) + "\n"


@settings(max_examples=50, **SLOW_EXAMPLES)
@given(text=identity_files())
def test_one_person_one_meeting_one_payment_as_a_plain_audit_finds_it(text, monkeypatch):
    with tempfile.TemporaryDirectory() as tmp:
        claims = Path(tmp) / "claims.csv"
        claims.write_text(text, encoding="utf-8")
        reports = {fmt: audit_bytes(claims, fmt) for fmt in ("csv", "json", "table")}
        book = _as_workbook(text, Path(tmp) / "claims.xlsx")
        from_book = audit_bytes(book, "json")
        with per_row(monkeypatch):
            plain = {fmt: audit_bytes(claims, fmt) for fmt in ("csv", "json", "table")}
            assert audit_bytes(book, "json") == from_book
    assert reports == plain


@settings(max_examples=15, **SLOW_EXAMPLES)
@given(earlier=identity_files(), text=identity_files())
def test_one_person_one_meeting_one_payment_against_a_ledger_as_a_plain_audit(
        earlier, text, monkeypatch):
    reports, plain = against_ledger(earlier.replace("K-", "E-"), text, monkeypatch)
    assert reports == plain


def test_the_generated_files_hold_every_new_finding():
    """Without this, the comparisons above might never meet the rules they are about."""
    import io

    from hypothesis import Phase, find

    from honorar.audit.pipeline import audit
    from honorar.claims import read_claims
    from honorar.tables.catalogue import Catalogue

    tables = Catalogue.from_options(environ={})

    def audited(text: str) -> set[str]:
        return {f.code for result in audit(read_claims(io.BytesIO(text.encode())), tables)
                for f in result.findings}

    for code in ("ambiguous_person", "possible_duplicate", "supplement", "not_claimed",
                 "duplicate_claim"):
        find(identity_files(), lambda text, code=code: code in audited(text),
             settings=settings(max_examples=300, deadline=None, database=None,
                               derandomize=True, phases=[Phase.generate]))
