"""A claim that repeats one before it is due nothing, in every report and every total."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from decimal import Decimal
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from typer.testing import CliRunner

from honorar.audit.checks import void_payment
from honorar.cli import app
from honorar.domain import VOIDS_PAYMENT, Finding, Severity
from honorar.render import messages
from honorar.rules.calculation import calculate

from ..conftest import meeting, run_cli
from .test_checks_properties import claim_files, run

HEADER = ("claim_id,representative,scheme,group,date,start,end,attendance,activity,agreement,"
          "claimed_honorarium,lost_income,lost_income_documented,submitted")
FIRST = "K-1,Kari Nordmann,unn,,2022-03-02,09:00,12:00,fysisk,møte,,1176,300,ja,2022-03-06"
AGAIN = "K-1,Kari Nordmann,unn,,2022-03-02,09:00,12:00,fysisk,møte,,1176,300,ja,2022-03-07"
# the same person at the same meeting under another id, claiming more than the rules give
SAME_MEETING = "K-2,kari  nordmann,unn,,2022-03-02,10:00,11:00,fysisk,møte,,1960,,,2022-03-07"


def audit(tmp_path: Path, *args: str) -> str:
    path = tmp_path / "claims.csv"
    path.write_text("\n".join([HEADER, FIRST, AGAIN, SAME_MEETING]) + "\n", encoding="utf-8")
    result = run_cli("audit", str(path), *args, columns=160)
    assert result.exit_code == 1, result.stderr
    return result.stdout


def test_json_the_repeats_are_due_nothing_and_the_totals_count_the_first_once(tmp_path):
    data = json.loads(audit(tmp_path, "--format", "json"))
    first, again, same = data["claims"]
    assert first["due"]["total"] == "1476.00"
    for repeat in (again, same):
        assert repeat["due"] == {"honorarium": "0.00", "lost_income": "0.00", "gift": "0.00",
                                 "total": "0.00"}
        assert repeat["difference"] == repeat["claimed"]["total"]
        # the duplicate says why nothing is due; an overclaim on top would say it twice
        assert [f["code"] for f in repeat["findings"]] == ["duplicate_claim"]
    s = data["summary"]
    assert (s["claimed_total"], s["due_total"], s["overpaid"], s["underpaid"],
            s["duplicate_claimed"]) == ("4912.00", "1476.00", "3436.00", "0.00", "3436.00")


def test_csv_the_repeats_are_due_nothing(tmp_path):
    rows = list(csv.DictReader(io.StringIO(audit(tmp_path, "--format", "csv"))))
    assert [r["due_total"] for r in rows] == ["1476.00", "0.00", "0.00"]
    assert [r["difference"] for r in rows] == ["0.00", "1476.00", "1960.00"]


def test_table_the_repeats_are_due_nothing(tmp_path):
    text = audit(tmp_path, "--lang", "en")
    facts = {line[:26].strip(): line[26:].strip() for line in text.splitlines()[3:10]}
    assert facts["Due under the rules"] == "NOK 1,476.00"
    assert facts["Claimed too much"] == facts["Claimed in duplicate rows"] == "NOK 3,436.00"
    assert "claimed → due: NOK 1,476.00 → NOK 0.00" in text
    assert "claimed → due: NOK 1,960.00 → NOK 0.00" in text
    assert "not paid a second time" in text


def test_any_finding_that_voids_payment_makes_the_claim_due_nothing():
    """The mechanism is the code's, not the duplicate check's: a claim already paid in an
    earlier batch is voided the same way."""
    assert {"duplicate_claim", "already_paid"} <= VOIDS_PAYMENT
    calculation = calculate(meeting(hours="3", lost_income=Decimal(500),
                                    lost_income_documented=True), _unn())
    over = Finding("honorarium_overclaimed", Severity.ERROR, {})
    paid = Finding("already_paid", Severity.ERROR, {})
    due, findings = void_payment(calculation, (over, paid))
    assert (due.honorarium, due.lost_income, due.gift, due.total) == (0, 0, 0, 0)
    assert findings == (paid,)
    assert due.steps[-1].key == "voided" and due.steps[:-1] == calculation.steps
    # the step says why, and can be written out as any other
    assert (due.steps[-1].params, due.steps[-1].amount) == ({"code": "already_paid"}, 0)
    assert "(already_paid)" in messages.text("voided", due.steps[-1].params, "en")
    assert void_payment(calculation, (over,)) == (calculation, (over,))


def _unn():
    from honorar.tables.catalogue import Catalogue

    return Catalogue.from_options(environ={}).table_at("unn", dt.date(2022, 3, 15))


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(lines=claim_files())
def test_the_summary_reconciles(lines):
    """What is claimed is what is due, plus what is claimed too much, less what is claimed
    too little, plus what the rules do not decide; repeats are claimed too much, in full."""
    _, s = run(lines)
    assert s.claimed_total - s.undecided_claimed - s.due_total == s.overpaid - s.underpaid
    assert Decimal(0) <= s.duplicate_claimed <= s.overpaid


def test_a_repeat_whose_travel_no_table_prices_is_due_nothing_in_every_part(tmp_path):
    """Before the first travel table (2022) a trip is undecided; its repeat is due 0 all
    the same, travel included, in JSON and CSV, as its total says."""
    path = tmp_path / "claims.csv"
    path.write_text(
        "claim_id,representative,scheme,date,start,end,attendance,activity,agreement,"
        "claimed_honorarium,km,travel_hours,travel_claimed\n"
        "E1,Eva,fousam,2021-05-02,09:00,12:00,fysisk,møte,ja,850,100,7,700\n"
        "E1,Eva,fousam,2021-05-02,09:00,12:00,fysisk,møte,ja,850,100,7,700\n", encoding="utf-8")
    runner = CliRunner()
    env = {"HONORAR_RATES": "", "COLUMNS": "160"}
    data = json.loads(runner.invoke(app, ["audit", str(path), "--format", "json"],
                                    env=env).stdout)
    first, repeat = data["claims"]
    assert first["due"]["travel"] is None and first["due"]["total"] is None  # undecided
    assert repeat["due"] == {"honorarium": "0.00", "lost_income": "0.00", "gift": "0.00",
                             "travel": "0.00", "total": "0.00"}
    rows = list(csv.DictReader(io.StringIO(runner.invoke(
        app, ["audit", str(path), "--format", "csv"], env=env).stdout.lstrip("\ufeff"))))
    assert (rows[1]["due_travel"], rows[1]["due_total"]) == ("0.00", "0.00")
