"""`--lang nn` end to end: every command speaks nynorsk, not bokmål with a few words changed.

A source's own words («quotes») and the names of its pages stay as the source writes them;
everything else a command prints is looked for words that bokmål has and nynorsk has not."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).parent.parent.parent
EXAMPLES = ROOT / "examples"

BOKMAL_ONLY = re.compile(r"\b(ikke|brukerrepresentant(?:er|en|ene)?|timer|uten|hvilke|noen|"
                         r"gjelder|kravene|betales|dekkes|advarsel|advarsler|fra|hver|"
                         r"gjeldende|regnet|satsene|beløpene|reisen|måneder)\b")
QUOTE = re.compile(r"«[^»]*»")

COMMANDS = {
    "calc": ["calc", "--scheme", "unn", "--date", "2024-03-01", "--hours", "2.5", "--km", "120",
             "--travel-hours", "7", "--meals", "lunsj", "--lost-income", "900"],
    "calc_fousam": ["calc", "--scheme", "fousam", "--date", "2024-03-01", "--hours", "5",
                    "--lost-income", "2000", "--documented"],
    "calc_neuro_sysmed": ["calc", "--scheme", "neuro-sysmed", "--date", "2025-06-02",
                          "--start", "09:00", "--end", "09:40"],
    "audit": ["audit", str(EXAMPLES / "claims.csv")],
    "budget": ["budget", "--scheme", "unn", "--reps", "1", "--date", "2024-03-01", "--km", "100",
               "--travel-hours", "5"],
    "rates_list": ["rates", "list"],
    "rates_show_unn": ["rates", "show", "unn"],
    "rates_show_fousam": ["rates", "show", "fousam"],
    "rates_show_neuro_sysmed": ["rates", "show", "neuro-sysmed"],
    "rates_show_travel": ["rates", "show", "state-travel"],
    "rates_diff": ["rates", "diff", "state-travel@2025-01-01", "state-travel@2026-01-01"],
    "rates_check": ["rates", "check", str(ROOT / "rates" / "state-travel" / "2025-01-01.yaml")],
}


def _words(out: str) -> str:
    text = QUOTE.sub("", out)
    # the names of a source's pages and documents, as they are written
    return re.sub(r"(DFØ|Statens|EasyA|Naturviterne|Endringer i)[^│\n]*", "", text)


@pytest.mark.parametrize("name", COMMANDS)
def test_a_command_in_nynorsk_has_no_bokmal_words(cli, name):
    args = COMMANDS[name]
    nynorsk = cli(*args, "--lang", "nn", columns=300)
    assert nynorsk.exit_code in (0, 1), nynorsk.stderr
    found = sorted({m.group() for m in BOKMAL_ONLY.finditer(_words(nynorsk.stdout))})
    assert found == [], (found, nynorsk.stdout)
    bokmal = cli(*args, columns=300)
    assert bokmal.stdout != nynorsk.stdout


def test_the_ledger_in_nynorsk(cli, tmp_path):
    ledger = tmp_path / "ledger.sqlite"
    assert cli("ledger", "init", str(ledger), "--lang", "nn").exit_code == 0
    recorded = cli("ledger", "record", str(EXAMPLES / "claims.csv"), "--ledger", str(ledger),
                   "--accept-findings", "--paid-on", "2024-05-01", "--lang", "nn")
    assert recorded.exit_code == 0, recorded.stderr
    for args in (["ledger", "list", "--ledger", str(ledger)],
                 ["ledger", "report", "2024", "--ledger", str(ledger)]):
        out = cli(*args, "--lang", "nn", columns=300).stdout
        found = sorted({m.group() for m in BOKMAL_ONLY.finditer(_words(out))})
        assert found == [], (found, out)


@pytest.mark.parametrize(("key", "nynorsk"), [
    ("too_few_representatives", "Gruppa G har 1 brukarrepresentant"),
    ("hours_minimum", "blir betalt i staden for"),
])
def test_findings_and_steps_are_written_in_nynorsk(key, nynorsk):
    import datetime as dt

    from honorar.render import messages

    params = {"group": "G", "count": 1, "date": dt.date(2024, 1, 2), "minimum": 2,
              "paid_hours": 1, "hours": 0.5}
    assert nynorsk in messages.text(key, params, "nn")
    assert messages.text(key, params, "nn") != messages.text(key, params, "nb")


def test_numbers_money_and_dates_in_nynorsk_are_written_as_in_bokmal():
    import datetime as dt
    from decimal import Decimal

    from honorar.i18n import locale

    assert locale.money(Decimal("1960"), "nn") == locale.money(Decimal("1960"), "nb")
    assert locale.date(dt.date(2025, 5, 6), "nn") == "06.05.2025"
    assert locale.quoted("x", "nn") == "«x»"
