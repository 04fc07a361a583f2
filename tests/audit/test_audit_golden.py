"""Golden files: one small claims file for every finding code, and the audit it must give.

Each `tests/data/audit/<code>.csv` has rows that must give the code and rows that must
not; `<code>.json` is the expected audit (claims with their amounts and findings, and the
summary). To accept a deliberate change, run with HONORAR_UPDATE_GOLDEN=1 and review the diff.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from typer.testing import CliRunner

from honorar.cli import app
from honorar.domain import DEFAULT_SEVERITY

DATA = Path(__file__).parent.parent / "data" / "audit"
CODES = [code for code in DEFAULT_SEVERITY if code != "duration_missing"]
# a code that only a workbook can give (a hidden row, a text date among date cells) has its
# golden claims in one
KINDS = (".csv", ".xlsx", ".ods")


def source(code: str) -> Path:
    """The golden claims file of `code`."""
    return next((DATA / f"{code}{kind}" for kind in KINDS if (DATA / f"{code}{kind}").exists()),
                DATA / f"{code}.csv")


def paid_before(path: Path, tmp: Path) -> tuple[str, ...]:
    """`--ledger` with the claims of `<code>.paid.csv` recorded, when there is such a file."""
    paid = path.with_suffix(".paid.csv")
    if not paid.exists():
        return ()
    ledger = tmp / "ledger.db"
    for args in (["ledger", "init", str(ledger)],
                 ["ledger", "record", str(paid), "--ledger", str(ledger), "--batch", "mars",
                  "--paid-on", "2023-04-05"]):
        result = CliRunner().invoke(app, args, env={"HONORAR_RATES": "", "HONORAR_LEDGER": ""})
        assert result.exit_code == 0, result.output + result.stderr
    return ("--ledger", str(ledger))


def audit_json(path: Path, *extra: str) -> dict:
    result = CliRunner().invoke(app, ["audit", str(path), "--format", "json", *extra],
                                env={"HONORAR_LEDGER": ""})
    assert result.exit_code in (0, 1), result.output + result.stderr
    data = json.loads(result.stdout)
    data["summary"].pop("file")
    data["summary"].pop("reading")
    ledger = data["summary"].pop("ledger")  # where the ledger is differs from run to run
    assert (ledger is None) == ("--ledger" not in extra)
    if ledger is not None:
        assert ledger["batches"] == 1
    return data


def test_every_finding_code_has_a_golden_file():
    assert sorted(p.stem for kind in KINDS for p in DATA.glob(f"*{kind}")
                  if p.stem in CODES) == sorted(CODES)


@pytest.mark.parametrize("code", CODES)
def test_golden(code: str, tmp_path: Path):
    got = audit_json(source(code), *paid_before(DATA / f"{code}.csv", tmp_path))
    golden = DATA / f"{code}.json"
    if os.environ.get("HONORAR_UPDATE_GOLDEN"):
        golden.write_text(json.dumps(got, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    assert got == json.loads(golden.read_text(encoding="utf-8"))
    assert got["summary"]["findings"].get(code, 0) > 0


@pytest.mark.parametrize("code", CODES)
def test_golden_in_english(code: str, tmp_path: Path):
    """The same audit in English: same codes, rows and amounts; other words."""
    ledger = paid_before(DATA / f"{code}.csv", tmp_path)
    nb = audit_json(source(code), *ledger)
    en = audit_json(source(code), "--lang", "en", *ledger)
    strip = lambda data: [[(f["code"], f["row"], f.get("column")) for f in c["findings"]]  # noqa: E731
                          for c in data["claims"]]
    assert strip(nb) == strip(en)
    # the summary's words are the file total's findings' messages; the rest is the same
    total_messages = [(f.pop("message"), g.pop("message"))
                      for t, u in _file_totals(nb, en) for f, g in
                      zip(t["findings"], u["findings"], strict=True)]
    assert all(a != b for a, b in total_messages)
    nb_versions = nb["summary"].pop("version_findings")
    en_versions = en["summary"].pop("version_findings")
    assert nb["summary"] == en["summary"]
    assert [{**f, "message": None} for f in nb_versions] == [
        {**f, "message": None} for f in en_versions]
    assert all(a["message"] != b["message"] for a, b in zip(nb_versions, en_versions, strict=True))
    nb_messages = [f["message"] for c in nb["claims"] for f in c["findings"]]
    en_messages = [f["message"] for c in en["claims"] for f in c["findings"]]
    assert all(a != b for a, b in zip(nb_messages, en_messages, strict=True))


def _file_totals(nb: dict, en: dict) -> list[tuple[dict, dict]]:
    pairs = [(nb["summary"]["file_total"], en["summary"]["file_total"])]
    pairs += zip(nb["summary"]["earlier_file_totals"], en["summary"]["earlier_file_totals"],
                 strict=True)
    return [(a, b) for a, b in pairs if a is not None]
