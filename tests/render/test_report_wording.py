"""Reports say numbers the way Norwegian does and keep together what belongs together, also in
a narrow terminal: "1 brukerrepresentant", "rad 8", an amount on one line, an item path broken
only after a dot, a quote whole when it fits."""

from __future__ import annotations

import json
import re
from decimal import Decimal
from pathlib import Path

import pytest
from rich.console import Console
from rich.table import Table

from honorar.i18n import locale
from honorar.render import messages
from honorar.render.wrap import Wrapped, break_offsets
from honorar.tables.catalogue import shipped_rates_dir

from ..conftest import run_cli

ROOT = Path(__file__).parent.parent.parent
EXAMPLE = ROOT / "examples" / "claims.csv"
NEW = ROOT / "tests" / "data" / "rates" / "my-rates" / "unn" / "2024-01-01.yaml"
CLAIMS = ROOT / "tests" / "data" / "rates" / "claims.csv"
NBSP = "\u00a0"
AMOUNT = re.compile(rf"-?\d{{1,3}}(?:{NBSP}\d{{3}})*,\d\d{NBSP}kr")


def invoke(*args: str, columns: int = 200):
    return run_cli(*args, columns=columns)


# ------------------------------------------------------------------------ one and more


@pytest.mark.parametrize(("count", "nb", "en"), [
    (1, "har 1 brukerrepresentant 14.03.2023;", "has 1 user representative on"),
    (2, "har 2 brukerrepresentanter 14.03.2023;", "has 2 user representatives on"),
])
def test_the_number_of_representatives_is_said_in_the_right_number(count, nb, en):
    import datetime as dt

    params = {"group": "Rus", "count": count, "date": dt.date(2023, 3, 14), "minimum": 3}
    assert nb in messages.text("too_few_representatives", params, "nb")
    assert en in messages.text("too_few_representatives", params, "en")
    assert "(er)" not in messages.text("too_few_representatives", params, "nb")


def test_a_budget_for_one_representative_says_one():
    out = invoke("budget", "--scheme", "unn", "--reps", "1").stdout
    assert "Budsjettet har 1 brukerrepresentant;" in out and "(er)" not in out
    assert "Budsjett for ordningen unn, 1 brukerrepresentant\n" in out
    english = invoke("budget", "--scheme", "unn", "--reps", "1", "--lang", "en").stdout
    assert "The budget has 1 user representative;" in english


def test_a_table_that_asks_for_one_representative_says_one(tmp_path):
    text = (shipped_rates_dir() / "unn" / "2022-01-01.yaml").read_text(encoding="utf-8")
    path = tmp_path / "unn" / "2024-01-01.yaml"
    path.parent.mkdir()
    path.write_text(text.replace("effective: 2022-01-01", "effective: 2024-01-01")
                    .replace("  minimum: 2\n", "  minimum: 1\n"), encoding="utf-8")
    assert "minst 1 brukerrepresentant per arbeidsgruppe" in invoke("rates", "show",
                                                                    str(path)).stdout


def test_a_meeting_of_one_row_names_its_row_not_rows():
    out = invoke("audit", str(EXAMPLE)).stdout
    meetings = out.split("Gruppemøter med for få brukerrepresentanter")[1]
    assert re.search(r"\(rad \d+\)", meetings) and not re.search(r"\(rader \d+\)", meetings)
    assert "1 brukerrepresentant " in meetings and "(er)" not in meetings


def test_a_table_version_used_by_one_row_says_one_row(tmp_path):
    path = tmp_path / "one.csv"
    lines = CLAIMS.read_text(encoding="utf-8").splitlines()
    path.write_text("\n".join(lines[:2]) + "\n", encoding="utf-8")
    out = invoke("audit", str(path)).stdout
    assert "unn@2022-01-01 (1 rad)" in out


# ------------------------------------------------------------------ in a narrow terminal


def amounts_of(data) -> set[str]:
    """Every amount of a JSON report, as the Norwegian table writes it."""
    found: set[str] = set()

    def walk(value, key=""):
        if isinstance(value, dict):
            for k, v in value.items():
                walk(v, k)
        elif isinstance(value, list):
            for v in value:
                walk(v, key)
        elif isinstance(value, str) and re.fullmatch(r"-?\d+\.\d\d", value) and (
                key.endswith("_kr") or key in ("claimed", "due", "honorarium", "lost_income",
                                               "gift", "total", "due_old", "due_new")):
            found.add(locale.money(Decimal(value), "nb"))

    walk(data)
    return found


@pytest.mark.parametrize("columns", [40, 52, 60, 72])
def test_calc_keeps_every_amount_on_one_line_and_a_quote_that_fits(columns):
    args = ["calc", "--scheme", "unn", "--date", "2022-03-15", "--hours", "2.2",
            "--lost-income", "12345", "--documented"]
    out = invoke(*args, columns=columns).stdout
    data = json.loads(invoke(*args, "--format", "json").stdout)
    expected = amounts_of(data)
    assert expected and all(amount in out for amount in expected), (expected, out)
    if columns >= 60:  # the quote fits the column of steps
        assert "«Møter timesats  Kr. 392,-»" in out


@pytest.mark.parametrize("columns", [50, 60, 72])
def test_audit_keeps_every_amount_of_a_claim_on_one_line(columns):
    out = invoke("audit", str(EXAMPLE), columns=columns).stdout
    listed = out.split("Funn per krav")[1]
    heads = re.findall(r"krevd → skal ha:([^\n]*(?:\n(?!Rad |  )[^\n]*)*)", listed)
    assert heads
    for head in heads:
        for part in head.split("→"):
            part = re.sub(r"[ \n]+", " ", part).strip()
            if part and part != "ikke avgjort":
                assert AMOUNT.fullmatch(part), (part, listed)


@pytest.mark.parametrize("columns", [60, 80])
def test_budget_keeps_every_amount_whole(columns):
    args = ["budget", "--scheme", "unn", "--reps", "3", "--lost-income", "1234"]
    out = invoke(*args, columns=columns).stdout
    data = json.loads(invoke(*args, "--format", "json").stdout)
    expected = {locale.money(Decimal(data["total"]), "nb")}
    for meeting in data["meetings"]:
        expected |= {locale.money(Decimal(meeting["per_representative"][part]), "nb")
                     for part in ("honorarium", "lost_income")}
        expected.add(locale.money(Decimal(meeting["all_representatives"]["total"]), "nb"))
    assert all(amount in out for amount in expected), (expected, out)


@pytest.mark.parametrize("columns", [40, 50, 64])
def test_diff_names_each_figure_in_words_never_breaking_a_word(columns):
    out = invoke("rates", "diff", "fousam", str(NEW), columns=columns).stdout
    data = json.loads(invoke("rates", "diff", "fousam", str(NEW), "--format", "json").stdout)
    for change in data["changes"]:
        assert change["item"] not in out
        for part in change["figure"].split():
            assert part in out, (part, out)


def test_a_quote_that_fits_a_line_is_never_cut():
    text = "UNN veileder: «Telefon / Skype – møter inntil 2,5 timer Kr. 392,-» og mer"
    for width in range(52, 80):
        cuts = break_offsets(text, width)
        lines = [text[a:b] for a, b in zip([0, *cuts], [*cuts, len(text)], strict=True)]
        assert any("«Telefon / Skype – møter inntil 2,5 timer Kr. 392,-»" in line
                   for line in lines), (width, lines)
        assert all(len(line.rstrip()) <= width for line in lines)


def test_wrapped_cells_keep_amounts_whole_where_rich_would_split_them():
    amount = f"1{NBSP}960,00{NBSP}kr"
    grid = Table(show_header=False)
    grid.add_column()
    grid.add_row(Wrapped(f"Krevd honorar {amount} er mer enn reglene gir: {amount}"))
    console = Console(width=22, record=True, color_system=None)
    console.print(grid)
    out = console.export_text()
    assert out.count(amount) == 2, out


@pytest.mark.parametrize("columns", range(40, 64, 3))
def test_calc_findings_keep_their_amounts_whole(columns):
    out = invoke("calc", "--scheme", "unn", "--date", "2022-03-15", "--hours", "2",
                 "--lost-income", "1234", "--gift", "1000", columns=columns).stdout
    findings = out.split("Funn:")[1]
    assert f"1{NBSP}234,00{NBSP}kr" in findings and f"1{NBSP}000,00{NBSP}kr" in findings, findings


@pytest.mark.parametrize("columns", [72, 80])
def test_the_cost_impact_keeps_its_amounts_whole(columns):
    args = ["rates", "diff", "unn@2022-01-01", str(NEW), "--impact", str(CLAIMS),
            "--by", "representative"]
    out = invoke(*args, columns=columns).stdout.split("Største endringer")[1]
    impact = json.loads(invoke(*args, "--format", "json").stdout)["impact"]
    expected = {locale.money(Decimal(c[key]), "nb")
                for c in impact["top"] for key in ("due_old", "due_new")}
    expected |= {locale.money(Decimal(b[key]), "nb")
                 for b in impact["breakdown"] for key in ("due_old", "due_new")}
    assert expected and all(amount in out for amount in expected), (expected, out)


@pytest.mark.parametrize("lang", ["nb", "nn"])
@pytest.mark.parametrize("columns", [80, 100])
def test_rates_show_breaks_no_word_and_counts_one_hour_as_one(columns, lang):
    out = invoke("rates", "show", "unn", "--lang", lang, columns=columns).stdout
    for whole in ("erfaringsformidling", "brukerrepresentanter" if lang == "nb"
                  else "brukarrepresentantar"):
        assert out.count(whole[:-2]) == out.count(whole), (whole, out)
    assert "minst 1 time" in out and "1 timer" not in out and "1 timar" not in out
    assert "activities." not in out
