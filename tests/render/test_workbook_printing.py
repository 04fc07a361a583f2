"""Workbooks set up to print: A4, one page wide (landscape where wide), the header row on
every page, long texts wrapped in rows tall enough, a page header naming the report, the
file and the day. (tests/test_printed_reports.py prints them through LibreOffice.)"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import openpyxl
import pytest

from honorar.render.xlsx import MAX_WIDTH, heading_width, page_header, wrapped_lines

from ..conftest import run_cli

pytestmark = pytest.mark.slow  # generated input, many runs each: see pyproject's markers

ROOT = Path(__file__).resolve().parent.parent.parent
EXAMPLES = ROOT / "examples"
NEW_UNN = ROOT / "tests" / "data" / "rates" / "my-rates" / "unn" / "2024-01-01.yaml"


def invoke(*args: str):
    return run_cli(*args, columns=120)


def small_audit(tmp_path: Path, name: str = "oktober.csv") -> Path:
    """Eleven claims, some with long findings, as a month's export."""
    lines = (EXAMPLES / "claims.csv").read_text(encoding="utf-8").splitlines()[:12]
    path = tmp_path / name
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def printed(sheet) -> dict:
    setup = sheet.page_setup
    return {"paper": setup.paperSize, "orientation": setup.orientation,
            "fit_width": setup.fitToWidth, "fit_height": setup.fitToHeight,
            "fit": sheet.sheet_properties.pageSetUpPr.fitToPage,
            "titles": sheet.print_title_rows, "header": sheet.oddHeader}


def audit_book(tmp_path: Path, *extra: str):
    out = tmp_path / "audit.xlsx"
    result = invoke("audit", str(small_audit(tmp_path)), "--format", "xlsx", "--output", str(out),
                    *extra)
    assert result.exit_code == 1, result.stderr
    return openpyxl.load_workbook(out)


def test_every_audit_sheet_prints_one_page_wide_on_a4_with_a_page_header(tmp_path: Path):
    book = audit_book(tmp_path)
    today = dt.date.today().strftime("%d.%m.%Y")
    for sheet in book:
        setup = printed(sheet)
        assert setup["paper"] == 9 and setup["fit"], sheet.title  # A4, scaled to fit
        # a table (its header row repeated) as many pages long as it takes, a summary on
        # one page (1 is unwritten)
        assert (setup["fit_width"] or 1) == 1, sheet.title
        assert setup["fit_height"] == (0 if setup["titles"] else None), sheet.title
        header = setup["header"]
        assert header.left.text == "honorar: revisjon av krav"
        assert header.center.text.endswith("oktober.csv")
        assert header.right.text == today
        assert "&P" in sheet.oddFooter.right.text and "&N" in sheet.oddFooter.right.text
    # the claims have twenty columns: landscape, their header row on every page
    assert printed(book["Krav"])["orientation"] == "landscape"
    assert printed(book["Krav"])["titles"] == "$1:$1"
    assert printed(book["Funn"])["titles"] == "$1:$1"
    assert printed(book["Sammendrag"])["titles"] is None


def test_a_summary_longer_than_a_page_is_scaled_to_one_page(tmp_path: Path):
    out = tmp_path / "audit.xlsx"
    result = invoke("audit", str(EXAMPLES / "claims.csv"), "--format", "xlsx", "--output", str(out))
    assert result.exit_code == 1, result.stderr
    summary = openpyxl.load_workbook(out)["Sammendrag"]
    assert summary.max_row > 40  # more than a landscape A4 page holds at full size
    setup = printed(summary)
    assert setup["fit"] and (setup["fit_width"] or 1, setup["fit_height"] or 1) == (1, 1)


def test_long_texts_wrap_in_rows_tall_enough_and_headings_wrap_at_their_spaces(tmp_path):
    book = audit_book(tmp_path, "--lang", "en")
    claims = book["Claims"]
    header = [c for c in next(claims.iter_rows())]
    assert all(c.alignment.wrap_text for c in header)
    assert claims.row_dimensions[1].height == 30  # two lines of headings
    messages = [row[-1] for row in claims.iter_rows(min_row=2) if row[-1].value]
    assert messages and all(c.alignment.wrap_text for c in messages)
    for cell in messages:  # a row of more lines than one is set that tall
        lines = wrapped_lines(cell.value)[1]
        height = claims.row_dimensions[cell.row].height
        assert (height or 15) == 15 * lines, (cell.value, height)
    assert max(claims.column_dimensions[c].width for c in "ABCDEFGHIJKLMNOPQRST") <= MAX_WIDTH + 1
    summary = book["Summary"]
    long_texts = [c for row in summary.iter_rows() for c in row
                  if isinstance(c.value, str) and len(c.value) > MAX_WIDTH]
    assert long_texts and all(c.alignment.wrap_text for c in long_texts)


@pytest.mark.parametrize("args", [
    ["budget", "--plan", str(EXAMPLES / "plan.yaml"), "--reps", "2", "--date", "2025-09-01"],
    ["rates", "diff", "unn@2022-01-01", str(NEW_UNN), "--impact", str(EXAMPLES / "claims.csv"),
     "--by", "group"],
])
def test_budget_and_diff_workbooks_print_one_page_wide_with_their_name(tmp_path, args):
    out = tmp_path / "report.xlsx"
    assert invoke(*args, "--format", "xlsx", "--output", str(out)).exit_code == 0
    for sheet in openpyxl.load_workbook(out):
        setup = printed(sheet)
        assert setup["paper"] == 9 and (setup["fit_width"] or 1) == 1
        # a table as many pages long as it takes, a summary on one page (1 is unwritten)
        assert setup["fit_height"] == (0 if setup["titles"] else None), sheet.title
        assert setup["header"].left.text.startswith("honorar: ")
    if args[0] == "rates":
        assert setup["header"].center.text.endswith("claims.csv")


def test_a_page_header_doubles_ampersands_and_cuts_a_long_path_at_its_start():
    header = page_header("A & B", "/x/" + "d" * 400 + "/R&D.csv", dt.date(2025, 10, 31), "nb")
    assert len(header) <= 255
    assert header.startswith("&LA && B&C…") and header.endswith("R&&D.csv&R31.10.2025")
    assert page_header("T", None, dt.date(2025, 10, 31), "en") == "&LT&R2025-10-31"


def test_a_heading_wraps_into_two_lines_at_most():
    assert heading_width("Rad") == (3, 1)
    width, lines = heading_width("Reise og opphold etter reglene")
    assert lines == 2 and width < len("Reise og opphold etter reglene")


def test_heights_of_rows_written_out_are_not_kept(tmp_path: Path):
    """In constant memory a row is written as the next starts; the heights of tall rows
    must not pile up with the rows (a million claims with findings)."""
    import openpyxl as reader

    from honorar.render.atomic import AtomicOutput
    from honorar.render.xlsx import Workbook

    target = tmp_path / "tall.xlsx"
    sink = AtomicOutput(target, binary=True)
    book = Workbook(sink, "en", "test")
    sheet = book.sheet("Rows", ["Row", "Findings"])
    for row in range(1, 2001):
        sheet.write([("count", row), ("wrap", "first finding\nsecond finding")])
    kept = getattr(sheet.worksheet, "row_info", getattr(sheet.worksheet, "set_rows", {}))
    assert len(kept) <= 2 and len(sheet.worksheet.row_sizes) <= 2
    sheet.finish()
    book.close()
    sink.commit()
    written = reader.load_workbook(target)["Rows"]
    assert all(written.row_dimensions[r].height == 30 for r in (2, 1000, 2001))
