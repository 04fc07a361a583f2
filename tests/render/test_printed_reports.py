"""The reports as a person prints them: each HTML report in headless Chromium (to PDF, and
laid out at the width of an A4 page to find anything wider than it), the audit workbook
through LibreOffice to PDF. Slow (a browser and an office suite start), and skipped where
they are not installed; .ci/run installs them (Debian: chromium, libreoffice-calc-nogui,
poppler-utils)."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

from ..conftest import run_cli

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parent.parent.parent
EXAMPLES = ROOT / "examples"
NEW_UNN = ROOT / "tests" / "data" / "rates" / "my-rates" / "unn" / "2024-01-01.yaml"
CHROMIUM = next((shutil.which(n) for n in ("chromium", "chromium-browser", "google-chrome")
                 if shutil.which(n)), None)
SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
PDFTOTEXT = shutil.which("pdftotext")
A4_PRINTED_PX = 703  # 210 mm less the report's 12 mm margins each side, at 96 px an inch
TIMEOUT = 180

needs_chromium = pytest.mark.skipif(CHROMIUM is None or PDFTOTEXT is None,
                                    reason="needs chromium and pdftotext (poppler-utils)")
needs_office = pytest.mark.skipif(SOFFICE is None or PDFTOTEXT is None,
                                  reason="needs soffice (libreoffice-calc-nogui) and pdftotext")

# A test-only probe added to a copy of the page (the report itself runs no script), whose
# print style is made to hold on screen: at the printed width it writes what sticks out and
# the charts' sizes into the page, which Chromium then dumps.
PROBE = """<style>body{margin:0!important}</style>
<script>
const width = document.documentElement.clientWidth;
const wide = [...document.querySelectorAll('body *')]
  .filter(e => e.getBoundingClientRect().right > width + 0.5)
  .map(e => e.tagName + ':' + (e.textContent || '').slice(0, 40));
const charts = [...document.querySelectorAll('figure svg')]
  .map(s => Math.round(s.getBoundingClientRect().width) + 'x'
            + Math.round(s.getBoundingClientRect().height));
const out = document.createElement('pre');
out.id = 'probe';
out.textContent = JSON.stringify({width, scroll: document.documentElement.scrollWidth,
                                  wide, charts});
document.body.appendChild(out);
</script>"""


def invoke(*args: str):
    return run_cli(*args, columns=120)


def pages(pdf: Path) -> list[str]:
    """The text of each page of a PDF."""
    text = subprocess.run([PDFTOTEXT, "-layout", str(pdf), "-"], capture_output=True,
                          text=True, check=True, timeout=TIMEOUT).stdout
    return text.split("\f")[:-1] if text.endswith("\f") else text.split("\f")


def chromium(tmp_path: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
         "--disable-dev-shm-usage", f"--user-data-dir={tmp_path / 'chromium-profile'}", *args],
        capture_output=True, text=True, timeout=TIMEOUT)


def print_page(tmp_path: Path, page: Path) -> list[str]:
    pdf = page.with_suffix(".pdf")
    done = chromium(tmp_path, "--no-pdf-header-footer", f"--print-to-pdf={pdf}", page.as_uri())
    assert pdf.is_file(), done.stderr[-2000:]
    return pages(pdf)


def laid_out(tmp_path: Path, page: Path) -> dict:
    import json

    probed = page.with_name(page.stem + "-probe.html")
    text = page.read_text(encoding="utf-8")
    assert "@media print" in text
    probed.write_text(text.replace("@media print", "@media all").replace(
        "</body>", PROBE + "</body>"), encoding="utf-8")
    done = chromium(tmp_path, f"--window-size={A4_PRINTED_PX},1000", "--hide-scrollbars",
                    "--dump-dom",
                    probed.as_uri())
    found = re.search(r'<pre id="probe">(.*?)</pre>', done.stdout, re.S)
    assert found, done.stderr[-2000:]
    import html

    return json.loads(html.unescape(found.group(1)))


def ledger_with_a_year(tmp_path: Path) -> Path:
    ledger = tmp_path / "ledger.db"
    assert invoke("ledger", "init", str(ledger)).exit_code == 0
    assert invoke("ledger", "record", str(EXAMPLES / "claims.csv"), "--ledger", str(ledger),
                  "--paid-on", "2023-06-01", "--accept-findings").exit_code == 0
    return ledger


LONG = "Kari" + "x" * 150  # a name with no place to break it


def long_names(tmp_path: Path) -> Path:
    """The example month with a representative, a group and a claim id of 150 characters
    and no space; and the ledger they are paid from."""
    text = (EXAMPLES / "claims.csv").read_text(encoding="utf-8")
    path = tmp_path / ("x" * 100 + ".csv")
    path.write_text(text.replace("Kari Nordmann", LONG).replace("Pasientforløp hjerte", LONG)
                    .replace("K-2023-0301", "K" + "0" * 150), encoding="utf-8")
    return path


def ledger_of_long_names(tmp_path: Path) -> Path:
    ledger = tmp_path / "ledger.db"
    assert invoke("ledger", "init", str(ledger)).exit_code == 0
    assert invoke("ledger", "record", str(long_names(tmp_path)), "--ledger", str(ledger),
                  "--paid-on", "2023-06-01", "--accept-findings").exit_code == 0
    return ledger


# (name, command, a pattern of text only a chart of it draws, charts); an amount axis's
# whole kroner ('0 kr') are in no table, whose amounts have øre
REPORTS = [
    ("audit", lambda t: ["audit", str(EXAMPLES / "claims.csv")], "2023-03", 2),
    ("audit-en", lambda t: ["audit", str(EXAMPLES / "claims.csv"), "--lang", "en"], "2023-03", 2),
    ("ledger", lambda t: ["ledger", "report", "--ledger", str(ledger_with_a_year(t)), "--year",
                          "2023", "--flag-above", "0.03G"], r"Grensen \(0\.03G\)", 1),
    ("ledger-month", lambda t: ["ledger", "report", "--ledger", str(ledger_with_a_year(t)),
                                "--year", "2023", "--by", "month"], "2023-06", 1),
    ("budget", lambda t: ["budget", "--plan", str(EXAMPLES / "plan.yaml"), "--reps", "3",
                          "--lost-income", "1200", "--km", "60", "--travel-hours", "5",
                          "--date", "2025-09-01"], r"(?<![\d,.])0\s?kr\b", 2),
    ("impact", lambda t: ["rates", "diff", "unn@2022-01-01", str(NEW_UNN), "--impact",
                          str(EXAMPLES / "claims.csv"), "--by", "group"],
     r"Gammel \(unn@2022-01-01\)", 1),
    ("audit-long-names", lambda t: ["audit", str(long_names(t))], "2023-03", 2),
    ("ledger-long-names", lambda t: ["ledger", "report", "--ledger", str(ledger_of_long_names(t)),
                                     "--year", "2023", "--by", "group"], r"(?<![\d,.])0\s?kr\b", 1),
    ("impact-long-names", lambda t: ["rates", "diff", "unn@2022-01-01", str(NEW_UNN), "--impact",
                                     str(long_names(t)), "--by", "representative"],
     r"Gammel \(unn@2022-01-01\)", 1),
]


@needs_chromium
@pytest.mark.parametrize(("name", "command", "charted", "charts"), REPORTS,
                         ids=[r[0] for r in REPORTS])
def test_each_html_report_prints_on_a4_within_the_page_width_with_its_charts(
        tmp_path: Path, name, command, charted, charts):
    page = tmp_path / f"{name}.html"
    result = invoke(*command(tmp_path), "--format", "html", "--output", str(page))
    assert result.exit_code in (0, 1), result.stderr
    printed = print_page(tmp_path, page)
    assert 1 <= len(printed) <= 6, len(printed)
    assert "honorar: " in printed[0]  # the page's header line
    assert any(re.search(charted, text) for text in printed), charted  # drawn by a chart
    layout = laid_out(tmp_path, page)
    assert layout["width"] == A4_PRINTED_PX, layout
    assert layout["scroll"] <= layout["width"], layout
    assert layout["wide"] == [], layout["wide"][:5]
    assert len(layout["charts"]) == charts, layout
    for size in layout["charts"]:  # each chart drawn, as wide as the page
        chart_width, chart_height = map(int, size.split("x"))
        assert chart_width >= layout["width"] * 0.9 and chart_height > 100, size


@needs_office
def test_the_summary_of_a_small_audit_prints_on_one_page_through_libreoffice(tmp_path: Path):
    lines = (EXAMPLES / "claims.csv").read_text(encoding="utf-8").splitlines()[:12]
    month = tmp_path / "oktober.csv"
    month.write_text("\n".join(lines) + "\n", encoding="utf-8")  # eleven claims
    book = tmp_path / "oktober.xlsx"
    result = invoke("audit", str(month), "--format", "xlsx", "--output", str(book))
    assert result.exit_code == 1, result.stderr
    profile = (tmp_path / "office-profile").as_uri()
    done = subprocess.run([SOFFICE, f"-env:UserInstallation={profile}", "--headless",
                           "--convert-to", "pdf", "--outdir", str(tmp_path), str(book)],
                          capture_output=True, text=True, timeout=TIMEOUT)
    pdf = tmp_path / "oktober.pdf"
    assert pdf.is_file(), done.stdout + done.stderr
    printed = pages(pdf)
    # a page a sheet: the summary whole on the first, the claims and findings after it
    assert len(printed) == 3, [p[:200] for p in printed]
    summary, claims, findings = printed
    for text in ("Revisjon av", "Rader", "Krevd for mye", "Satstabeller", "Funn etter kode",
                 "rates_may_be_outdated", "honorar: revisjon av krav", "oktober.csv",
                 "Side 1 av 3"):
        assert text in summary, text
    assert "Krav-ID" in claims and "K-2023-0311" in claims
    assert "Melding" in findings
    # the long warning of the summary is whole, wrapped within the page
    assert "(«Satsene justeres i" in re.sub(r"\s+", " ", summary)
