"""Benchmark what travel columns cost an audit.

Generates the claims of `bench_audit.py`, and the same claims with travel columns (km,
travel hours, meals served, travel claimed, as a month of real claims has them: a few
dozen distinct trips), then runs `honorar audit FILE --format csv --output OUT` on each in
its own process and prints both wall times, their ratio and peak memory. The baseline is
the file without travel, measured in the same run.

    python benchmarks/bench_audit_travel.py               # 200,000 claims
    python benchmarks/bench_audit_travel.py --rows 1000000
"""

from __future__ import annotations

import argparse
import csv
import random
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from bench_audit import generate, run

TRAVEL = ["km", "travel_hours", "meals_provided", "travel_claimed"]
TRIPS = [("", "", "", ""), ("40", "4", "", "196.00"), ("120", "7.5", "lunsj", "846.30"),
         ("84", "6.5", "lunsj", "670.00"), ("300", "11", "", "1839.00"),
         ("60", "5", "", "294.00"), ("200", "13", "lunsj", "1500.00")]


def with_travel(source: Path, target: Path, seed: int = 2024) -> None:
    rng = random.Random(seed)
    with source.open(newline="", encoding="utf-8") as read, \
            target.open("w", newline="", encoding="utf-8") as write:
        rows, out = csv.reader(read), csv.writer(write)
        out.writerow([*next(rows), *TRAVEL])
        for row in rows:
            out.writerow([*row, *rng.choice(TRIPS)])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=200_000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        plain, travel = Path(tmp, "plain.csv"), Path(tmp, "travel.csv")
        generate(plain, args.rows)
        with_travel(plain, travel)
        honorar = [sys.executable, "-m", "honorar", "audit"]
        figures = {}
        for name, path in (("without travel", plain), ("with travel", travel)):
            figures[name] = run([*honorar, str(path), "--format", "csv", "--output",
                                 str(Path(tmp, f"{path.stem}-out.csv"))])
        base = figures["without travel"][0]
        print(f"{args.rows:,} claims")
        for name, (seconds, peak) in figures.items():
            print(f"  {name:<15} {seconds:7.2f} s  ×{seconds / base:4.2f}  peak {peak:6.1f} MiB")


if __name__ == "__main__":
    main()
