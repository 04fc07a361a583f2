"""Benchmark `honorar audit` on generated files of a million claims, in two mixes.

- realistic: group meetings of one to five representatives, repeated people and amounts,
  about one claim in seven with a finding;
- adversarial: nearly every row wrong: claimed fees all but unique, hundreds of lost-income
  and gift amounts, meeting times on any quarter hour, names and groups mostly distinct,
  unknown schemes and activities, undocumented lost income, duplicates, late claims and
  unreadable cells throughout.

For each mix it generates the file in a temporary directory, then runs, each in its own
process:

- the floor: a plain standard-library script that reads the CSV and writes every row back;
- `honorar audit FILE --format csv --output OUT` (the headline), and the JSON and table
  reports;

and prints each one's wall time, its ratio to that mix's floor (measured in the same run),
and its peak memory (maximum resident set size). The goals: realistic at most 3× the floor,
adversarial at most 6×, JSON and table within 1.5× of CSV, every peak under 200 MiB.

    python benchmarks/bench_audit.py               # 1,000,000 claims, both mixes
    python benchmarks/bench_audit.py --rows 100000 --formats csv --mixes adversarial
"""

from __future__ import annotations

import argparse
import contextlib
import csv
import datetime as dt
import os
import random
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

HEADER = ["claim_id", "representative", "scheme", "group", "date", "start", "end", "hours",
          "attendance", "activity", "agreement", "claimed_honorarium", "lost_income",
          "lost_income_documented", "gift", "submitted"]

FLOOR = """
import csv, sys
with open(sys.argv[1], newline="", encoding="utf-8") as source, \\
        open(sys.argv[2], "w", newline="", encoding="utf-8") as target:
    writer = csv.writer(target)
    for row in csv.reader(source):
        writer.writerow(row)
"""

# (start, end, UNN physical fee, UNN remote fee): hourly 392 a started half hour, capped
# at 1960; remote 392 up to 2.5 hours, 980 above
TIMES = [("09:00", "11:00", "784.00", "392.00"), ("09:00", "12:00", "1176.00", "980.00"),
         ("10:00", "12:30", "980.00", "392.00"), ("12:00", "15:30", "1372.00", "980.00"),
         ("13:00", "14:00", "392.00", "392.00"), ("08:30", "15:30", "1960.00", "980.00")]
FOUSAM = {("09:00", "11:00"): "850.00", ("09:00", "12:00"): "850.00",
          ("10:00", "12:30"): "850.00", ("12:00", "15:30"): "850.00",
          ("13:00", "14:00"): "850.00", ("08:30", "15:30"): "1700.00"}


@contextlib.contextmanager
def claims_writer(path: Path) -> Iterator[Any]:
    """A csv writer to a new claims file at `path`, its header row written."""
    with open(path, "w", newline="", encoding="utf-8") as target:
        writer = csv.writer(target)
        writer.writerow(HEADER)
        yield writer


def generate(path: Path, rows: int, seed: int = 2023) -> None:
    """A realistic claims export: group meetings of one to five representatives over two
    years, both schemes, mostly right, with a few per cent of the usual mistakes."""
    rng = random.Random(seed)
    people = [f"{first} {last}" for first in ("Kari", "Ola", "Aisha", "Per", "Ingrid", "Nils",
                                               "Hanne", "Marte", "Jonas", "Sara", "Liv", "Ahmed",
                                               "Eva", "Lars", "Nora", "Emil", "Ida", "Tor",
                                               "Sofie", "Jan")
              for last in ("Nordmann", "Hansen", "Khan", "Olsen", "Berg", "Eriksen", "Moe",
                           "Lunde", "Vik", "Dahl", "Johansen", "Ali", "Larsen", "Bakke",
                           "Strand", "Haugen", "Lie", "Solberg", "Nilsen", "Pedersen")]
    people = [f"{name} {n}" for n in range(13) for name in people]  # 5,200 people
    groups = [f"Arbeidsgruppe {n:03d}" for n in range(300)]
    first_day = dt.date(2022, 1, 3)
    written = 0
    with claims_writer(path) as writer:
        while written < rows:
            day = first_day + dt.timedelta(days=rng.randrange(700))
            scheme = "unn" if rng.random() < 0.8 else "fousam"
            start, end, physical_fee, remote_fee = rng.choice(TIMES)
            remote = rng.random() < 0.3
            attendance = rng.choice(("teams", "video", "telefon")) if remote else "fysisk"
            group = rng.choice(groups)
            for person in rng.sample(people, rng.choice((1, 2, 2, 3, 3, 4, 5))):
                if written >= rows:
                    break
                written += 1
                fee = (remote_fee if remote else physical_fee) if scheme == "unn" else (
                    "500.00" if remote else FOUSAM[(start, end)])
                if rng.random() < 0.03:
                    fee = rng.choice(("1960.00", "392.00", "980.00"))
                lost, documented = ("", "")
                if rng.random() < 0.1:
                    lost, documented = rng.choice(("800.00", "1200.00", "2000.00")), \
                        rng.choice(("ja", "ja", "nei"))
                submitted = day + dt.timedelta(days=rng.choice((1, 3, 7, 14, 30, 95)))
                writer.writerow([
                    f"K-{written:08d}", person, scheme, group, day.isoformat(), start, end, "",
                    attendance, "møte", "ja" if rng.random() < 0.97 else "nei", fee, lost,
                    documented, "", submitted.isoformat()])


def generate_adversarial(path: Path, rows: int, seed: int = 2024) -> None:
    """Nearly every row wrong, with far more variety than a real file: a cache that holds
    what the data holds is tested on data that holds a lot."""
    rng = random.Random(seed)
    first_day = dt.date(2022, 1, 3)
    written = 0
    with claims_writer(path) as writer:
        while written < rows:
            written += 1
            day = first_day + dt.timedelta(days=rng.randrange(1500))
            start = rng.randrange(6 * 4, 16 * 4) * 15
            end = start + rng.randrange(1, 8 * 4) * 15
            fee = f"{rng.randrange(1, 400_000) / 100:.2f}"
            lost = f"{rng.randrange(1, 300) * 10}.00" if rng.random() < 0.5 else ""
            documented = rng.choice(("ja", "nei", "")) if lost else ""
            gift = f"{rng.randrange(1, 50) * 10}.00" if rng.random() < 0.2 else ""
            claim_id = f"A-{rng.randrange(rows):08d}"  # about a third repeat an earlier id
            person = f"Person {rng.randrange(rows // 2)}"
            date = day.isoformat()
            row = [claim_id, person, rng.choice(("unn", "fousam", "unn", "ukjent")),
                   f"Gruppe {rng.randrange(rows // 3)}" if rng.random() < 0.7 else "", date,
                   f"{start // 60:02d}:{start % 60:02d}",
                   f"{end // 60:02d}:{end % 60:02d}", "",
                   rng.choice(("fysisk", "teams", "video", "telefon")),
                   rng.choice(("møte", "møte", "kurs")),
                   rng.choice(("ja", "nei", "")), fee, lost, documented, gift,
                   (day + dt.timedelta(days=rng.randrange(-10, 400))).isoformat()]
            fault = rng.random()
            if fault < 0.04:  # an unreadable cell: a date, an amount or a time
                place, text = rng.choice(((4, f"31.02.{rng.randrange(2022, 2026)}"),
                                          (11, f"{rng.randrange(1000)}x"),
                                          (5, f"25:{rng.randrange(60):02d}")))
                row[place] = text
            elif fault < 0.06:  # the same person at the same meeting again
                row[0] = f"B-{written:08d}"
            writer.writerow(row)


MIXES = {"realistic": generate, "adversarial": generate_adversarial}


def measure(command: list[str]) -> tuple[float, float, float]:
    """Wall seconds, CPU seconds and peak resident MiB of one command run to its end."""
    began = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - began
    code = os.waitstatus_to_exitcode(status)
    if code not in (0, 1):
        errors = process.stderr.read().decode() if process.stderr else ""
        raise SystemExit(f"{' '.join(command)} failed ({code}): {errors}")
    # ru_maxrss is in KiB on Linux
    return elapsed, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024


def run(command: list[str]) -> tuple[float, float]:
    """Wall seconds and peak resident MiB of one command run to its end."""
    elapsed, _, mib = measure(command)
    return elapsed, mib


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--formats", default="csv,json,table")
    parser.add_argument("--mixes", default="realistic,adversarial")
    args = parser.parse_args()
    print(f"load average before: {' '.join(f'{n:.1f}' for n in os.getloadavg())}")
    for mix in args.mixes.split(","):
        with tempfile.TemporaryDirectory(prefix="honorar-bench-") as tmp:
            claims = Path(tmp) / "claims.csv"
            began = time.perf_counter()
            MIXES[mix](claims, args.rows)
            print(f"{mix}: generated {args.rows:,} claims "
                  f"({claims.stat().st_size / 2**20:.0f} MiB) in {time.perf_counter() - began:.1f} s")
            floor, floor_mib = run([sys.executable, "-c", FLOOR, str(claims),
                                    str(Path(tmp) / "copy.csv")])
            print(f"  {'stdlib read + write (floor)':<34} {floor:6.2f} s          "
                  f"{floor_mib:6.0f} MiB")
            csv_time = None
            for fmt in args.formats.split(","):
                out = Path(tmp) / f"report.{fmt}"
                elapsed, mib = run([sys.executable, "-m", "honorar", "audit", str(claims),
                                    "--format", fmt, "--output", str(out)])
                csv_time = elapsed if fmt == "csv" else csv_time
                versus_csv = f"  {elapsed / csv_time:4.2f}× csv" if csv_time and fmt != "csv" else ""
                print(f"  {'honorar audit --format ' + fmt:<34} {elapsed:6.2f} s  "
                      f"{elapsed / floor:4.2f}×  {mib:6.0f} MiB{versus_csv}")
    print(f"load average after: {' '.join(f'{n:.1f}' for n in os.getloadavg())}")
    print("goals: realistic ≤ 3× the floor, adversarial ≤ 6×, json and table ≤ 1.5× csv, "
          "peak < 200 MiB")


if __name__ == "__main__":
    main()
