"""Benchmark the ledger: recording claims, and auditing claims against a large ledger.

Generates (with `bench_audit.generate`) a month of 100,000 claims and a history of
1,000,000 claims with other claim ids (1 % of the month's claims repeat a claim of the
history), then runs, each in its own process:

- `honorar audit MONTH` (the baseline: the plain audit, no ledger);
- `honorar ledger record MONTH` into an empty ledger;
- `honorar ledger record HISTORY` (building the ledger of a million claims);
- `honorar audit MONTH --ledger BIG` (every claim looked up in the million);
- `honorar ledger record MONTH` into the big ledger;
- `honorar ledger report --year` on the big ledger, by representative and by month;

and prints each one's wall time, its ratio to the plain audit, and its peak memory.

    python benchmarks/bench_ledger.py                          # 100,000 against 1,000,000
    python benchmarks/bench_ledger.py --rows 10000 --ledger-rows 100000
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_audit import generate, run

REPEATED_EVERY = 100  # one claim in this many repeats a claim of the history


def month_file(path: Path, rows: int) -> None:
    """A month of claims whose ids the history does not have, but for one in a hundred."""
    generate(path, rows, seed=2024)
    text = path.read_text(encoding="utf-8").splitlines(keepends=True)
    with open(path, "w", encoding="utf-8", newline="") as target:
        target.write(text[0])
        for n, line in enumerate(text[1:]):
            target.write(line if n % REPEATED_EVERY == 0 else "N" + line[1:])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--ledger-rows", type=int, default=1_000_000)
    args = parser.parse_args()
    honorar = [sys.executable, "-m", "honorar"]
    with tempfile.TemporaryDirectory(prefix="honorar-bench-") as tmp:
        month, history = Path(tmp) / "month.csv", Path(tmp) / "history.csv"
        empty, big = Path(tmp) / "empty.db", Path(tmp) / "big.db"
        began = time.perf_counter()
        month_file(month, args.rows)
        generate(history, args.ledger_rows)
        print(f"generated {args.rows:,} and {args.ledger_rows:,} claims in "
              f"{time.perf_counter() - began:.1f} s")
        for ledger in (empty, big):
            run([*honorar, "ledger", "init", str(ledger)])
        base, base_mib = run([*honorar, "audit", str(month), "--format", "csv", "--output",
                              str(Path(tmp) / "plain.csv")])
        lines = [(f"audit {args.rows:,} (baseline)", base, base_mib)]
        record = [*honorar, "ledger", "record", "--accept-findings"]
        elapsed, mib = run([*record, str(month), "--ledger", str(empty)])
        lines.append((f"record {args.rows:,} into an empty ledger", elapsed, mib))
        elapsed, mib = run([*record, str(history), "--ledger", str(big)])
        lines.append((f"record {args.ledger_rows:,} (the big ledger)", elapsed, mib))
        elapsed, mib = run([*honorar, "audit", str(month), "--ledger", str(big), "--format",
                            "csv", "--output", str(Path(tmp) / "against.csv")])
        lines.append((f"audit {args.rows:,} --ledger ({args.ledger_rows:,})", elapsed, mib))
        elapsed, mib = run([*record, str(month), "--ledger", str(big), "--batch", "month-2"])
        lines.append((f"record {args.rows:,} into the big ledger", elapsed, mib))
        year = str(dt.date.today().year)  # the batches were paid today
        for by in ("representative", "month"):
            elapsed, mib = run([*honorar, "ledger", "report", "--ledger", str(big), "--year",
                                year, "--by", by, "--format", "json"])
            lines.append((f"report --by {by} ({args.ledger_rows + args.rows:,})", elapsed,
                          mib))
        for name, seconds, peak in lines:
            print(f"{name:<44} {seconds:7.2f} s  {seconds / base:5.2f}×  {peak:6.0f} MiB")
        print(f"big ledger: {big.stat().st_size / 2**20:.0f} MiB on disk")


if __name__ == "__main__":
    main()
