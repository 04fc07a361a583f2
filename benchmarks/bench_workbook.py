"""Benchmark workbooks in `honorar audit`: a generated month of claims as CSV and as .xlsx.

Generates 100,000 claims (as benchmarks/bench_audit.py does) as a CSV file and as a typed
workbook (dates as date cells, times as time cells, amounts as numbers), then runs, each in
its own process and in the same run:

- `honorar audit claims.csv --format csv --output …` (the baseline: the CSV path);
- `honorar audit claims.xlsx --format csv --output …` (reading the workbook);
- `honorar audit claims.csv --format xlsx --output …` (writing the workbook report);
- `honorar audit claims.xlsx --format xlsx --output …` (both);

and prints each one's wall time and CPU time (user + system; the best of --runs), the
ratio of its CPU time to the CSV baseline's (CPU time, as a busy machine stretches wall
time), and its peak memory (maximum resident set size).

    python benchmarks/bench_workbook.py                 # 100,000 claims
    python benchmarks/bench_workbook.py --rows 20000 --runs 1
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_audit import generate
from bench_audit import measure as run

DATES = {"date", "submitted"}
TIMES = {"start", "end"}
NUMBERS = {"hours", "claimed_honorarium", "lost_income", "gift"}


def as_workbook(source: Path, target: Path) -> None:
    """The claims of `source` as a typed sheet, written in constant memory."""
    import xlsxwriter

    book = xlsxwriter.Workbook(str(target), {"constant_memory": True,
                                             "strings_to_formulas": False})
    date = book.add_format({"num_format": "dd.mm.yyyy"})
    clock = book.add_format({"num_format": "hh:mm"})
    sheet = book.add_worksheet("Krav")
    with source.open(encoding="utf-8", newline="") as lines:
        rows = csv.reader(lines)
        header = next(rows)
        for column, name in enumerate(header):
            sheet.write_string(0, column, name)
        kinds = ["date" if n in DATES else "time" if n in TIMES else
                 "number" if n in NUMBERS else "text" for n in header]
        for row, cells in enumerate(rows, start=1):
            for column, (kind, text) in enumerate(zip(kinds, cells, strict=True)):
                if not text:
                    continue
                if kind == "date":
                    sheet.write_datetime(row, column, dt.datetime.fromisoformat(text), date)
                elif kind == "time":
                    sheet.write_number(row, column, _day_fraction(text), clock)
                elif kind == "number":
                    sheet.write_number(row, column, float(text))
                else:
                    sheet.write_string(row, column, text)
    book.close()


def _day_fraction(text: str) -> float:
    hours, minutes = map(int, text.split(":"))
    return (hours * 60 + minutes) / 1440


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="honorar-bench-") as tmp:
        claims = Path(tmp) / "claims.csv"
        book = Path(tmp) / "claims.xlsx"
        began = time.perf_counter()
        generate(claims, args.rows)
        as_workbook(claims, book)
        print(f"generated {args.rows:,} claims: CSV {claims.stat().st_size / 2**20:.1f} MiB, "
              f"xlsx {book.stat().st_size / 2**20:.1f} MiB, in {time.perf_counter() - began:.1f} s")
        cases = [("CSV in, CSV report (baseline)", claims, "csv"),
                 ("xlsx in, CSV report", book, "csv"),
                 ("CSV in, xlsx report", claims, "xlsx"),
                 ("xlsx in, xlsx report", book, "xlsx")]
        baseline = None
        for label, source, fmt in cases:
            out = Path(tmp) / f"report.{fmt}"
            walls, cpus, peak = [], [], 0.0
            for _ in range(args.runs):
                elapsed, cpu, mib = run([sys.executable, "-m", "honorar", "audit", str(source),
                                         "--format", fmt, "--output", str(out)])
                walls.append(elapsed)
                cpus.append(cpu)
                peak = max(peak, mib)
            cpu = min(cpus)
            baseline = baseline or cpu
            print(f"{label:<32} wall {min(walls):6.2f} s  cpu {cpu:6.2f} s  {cpu / baseline:5.2f}×  "
                  f"{peak:6.0f} MiB")


if __name__ == "__main__":
    main()
