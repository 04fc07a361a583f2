"""`--format html`: one self-contained page per report, with the figures of the other formats,
in the chosen language, charts as inline SVG, every user text escaped, nothing fetched.
(tests/test_printed_reports.py prints them in a real browser.)"""

from __future__ import annotations

import json
import re
from decimal import Decimal
from pathlib import Path

import pytest

from honorar.i18n import locale

from ..conftest import run_cli

ROOT = Path(__file__).resolve().parent.parent.parent
EXAMPLES = ROOT / "examples"
NEW_UNN = ROOT / "tests" / "data" / "rates" / "my-rates" / "unn" / "2024-01-01.yaml"
HOSTILE = '<script>alert("x")</script> & $\\alpha$'


def invoke(*args: str):
    return run_cli(*args, columns=120)


def self_contained(page: str) -> None:
    """A page that runs nothing and fetches nothing."""
    assert page.startswith("<!DOCTYPE html>")
    lowered = page.lower()
    for fetching in ("<script", "<link", "<img", "<iframe", "@import", " src="):
        assert fetching not in lowered, fetching
    for reference in re.findall(r'href="([^"]*)"', page) + re.findall(r"url\(([^)]*)\)", page):
        assert reference.startswith("#"), reference  # a part of the page itself


def hostile_month(tmp_path: Path) -> Path:
    """The example month with a representative's name that is markup, an ampersand and
    matplotlib mathematics, in a group charted by name."""
    text = (EXAMPLES / "claims.csv").read_text(encoding="utf-8")
    path = tmp_path / "month.csv"
    quoted = '"' + HOSTILE.replace('"', '""') + '"'
    path.write_text(text.replace("Kari Nordmann", quoted, 1)
                    .replace("Pasientforløp hjerte", quoted, 1), encoding="utf-8")
    return path


def test_the_audit_page_has_the_summary_charts_and_findings_escaped(tmp_path: Path):
    month = hostile_month(tmp_path)
    result = invoke("audit", str(month), "--format", "html")
    assert result.exit_code == 1, result.stderr
    page = result.stdout
    self_contained(page)
    assert HOSTILE not in page and "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in page
    data = json.loads(invoke("audit", str(month), "--format", "json").stdout)["summary"]
    for key in ("claimed_total", "due_total", "overpaid", "underpaid"):
        assert locale.money(Decimal(data[key]), "nb") in page, key
    assert page.count("<svg") == 2  # by month and by group
    assert "Krevd og skal utbetales per måned" in page and "Skal utbetales per gruppe" in page
    assert "honorarium_overclaimed" in page and "Funn per krav" in page
    # the group named so is drawn as its text in the chart, not as markup or mathematics
    drawn = re.findall(r"<text[^>]*>([^<]*)</text>", page.split("<svg", 2)[2])
    assert '&lt;script&gt;alert("x")&lt;/script&gt; &amp; $\\alpha$' in drawn


def test_the_audit_page_to_a_file_and_in_english(tmp_path: Path):
    out = tmp_path / "audit.html"
    result = invoke("audit", str(EXAMPLES / "claims.csv"), "--format", "html", "--output", str(out),
                    "--lang", "en")
    assert result.exit_code == 1 and result.stdout == ""
    page = out.read_text(encoding="utf-8")
    self_contained(page)
    assert '<html lang="en">' in page and "Audit of" in page and "Claimed and due by month" in page
    assert "NOK " in page and "Findings by claim" in page


def test_the_ledger_page_charts_each_person_against_the_limit(tmp_path: Path):
    ledger = tmp_path / "ledger.db"
    assert invoke("ledger", "init", str(ledger)).exit_code == 0
    assert invoke("ledger", "record", str(EXAMPLES / "claims.csv"), "--ledger", str(ledger),
                  "--paid-on", "2023-06-01", "--accept-findings").exit_code == 0
    args = ["ledger", "report", "--ledger", str(ledger), "--year", "2023"]
    result = invoke(*args, "--format", "html", "--flag-above", "0.03G")
    assert result.exit_code == 0, result.stderr
    page = result.stdout
    self_contained(page)
    data = json.loads(invoke(*args, "--format", "json", "--flag-above", "0.03G").stdout)
    assert locale.money(Decimal(data["total"]), "nb") in page
    for row in data["rows"]:
        assert row["key"] in page
    assert page.count("<svg") == 1 and "Grensen (0.03G)" in page
    assert page.count('<tr class="error">') == sum(r["flagged"] for r in data["rows"])
    by_month = invoke(*args, "--by", "month", "--format", "html", "--lang", "en").stdout
    assert "Paid in 2023 by month" in by_month and by_month.count("<svg") == 1


def test_the_budget_page_charts_cost_per_meeting_and_per_part(tmp_path: Path):
    args = ["budget", "--plan", str(EXAMPLES / "plan.yaml"), "--reps", "3", "--lost-income",
            "1200", "--km", "60", "--travel-hours", "5", "--date", "2025-09-01"]
    out = tmp_path / "budget.html"
    assert invoke(*args, "--format", "html", "--output", str(out)).exit_code == 0
    page = out.read_text(encoding="utf-8")
    self_contained(page)
    data = json.loads(invoke(*args, "--format", "json").stdout)
    assert locale.money(Decimal(data["total"]), "nb") in page
    for meeting in data["meetings"]:
        assert locale.money(Decimal(meeting["all_representatives"]["total"]), "nb") in page
    assert page.count("<svg") == 2 and "Kostnad per møte" in page and "Kostnad per del" in page


def test_the_impact_page_charts_old_against_new(tmp_path: Path):
    args = ["rates", "diff", "unn@2022-01-01", str(NEW_UNN), "--impact",
            str(EXAMPLES / "claims.csv"), "--by", "group"]
    result = invoke(*args, "--format", "html", "--lang", "en")
    assert result.exit_code == 0, result.stderr
    page = result.stdout
    self_contained(page)
    data = json.loads(invoke(*args, "--format", "json", "--lang", "en").stdout)
    for key in ("due_old", "due_new"):
        assert locale.money(Decimal(data["impact"][key]), "en") in page
    for change in data["changes"]:
        assert change["figure"] in page and change["item"] not in page
    assert page.count("<svg") == 1 and "Due, old against new" in page
    plain = invoke("rates", "diff", "unn@2022-01-01", str(NEW_UNN), "--format", "html").stdout
    assert "<svg" not in plain and "Møte, fysisk oppmøte: timesats" in plain


@pytest.mark.parametrize("args", [
    ["budget", "--reps", "2", "--scheme", "unn", "--output", "{dir}/in.html", "--format", "json"],
    ["rates", "diff", "unn@2022-01-01", str(NEW_UNN), "--output", "{dir}/d.html"],
])
def test_output_still_goes_with_a_file_format_only(tmp_path: Path, args):
    args = [a.format(dir=tmp_path) for a in args]
    result = invoke(*args)
    assert result.exit_code == 2
    assert "--output hører til --format xlsx eller html (table og json skrives til standard ut)" \
        in result.stderr
    english = invoke(*args, "--lang", "en").stderr
    assert "--output goes with --format xlsx or html" in english


def test_the_ledger_reports_output_error_in_both_languages(tmp_path: Path):
    ledger = tmp_path / "ledger.db"
    assert invoke("ledger", "init", str(ledger)).exit_code == 0
    args = ["ledger", "report", "--ledger", str(ledger), "--year", "2023", "--output",
            str(tmp_path / "r.html")]
    assert "--output brukes med --format json, csv, xlsx eller html" in invoke(*args).stderr
    assert "--output goes with --format json, csv, xlsx or html" in invoke(
        *args, "--lang", "en").stderr


def test_html_leaves_the_other_formats_alone(tmp_path: Path):
    """The same run's CSV has the bytes it had; the HTML is beside it, not in it."""
    csv = invoke("audit", str(EXAMPLES / "claims.csv"), "--format", "csv").stdout
    assert "<" not in csv and csv.startswith("row,claim_id,")
