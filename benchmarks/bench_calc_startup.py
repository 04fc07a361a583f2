"""Cold start of `honorar calc ... --format json` against a one-command Typer app.

All run as fresh processes in the same Python, alternately, so that disk cache and machine
load treat them alike. Prints the median wall time of each and the ratio (goal: ≤ 1.3), and
the median CPU time (user + system) of each: on a shared machine the wall clock also counts
waiting for a core, the CPU time does not.

`calc` is timed three ways: as it usually runs, with its table cache filled by an earlier
run (the goal); with an empty cache, as on the first run after a table changes (it reads the
table and writes the entry); and with the cache turned off.
Measure an installed honorar (`pip install .`): an editable install under
PYTHONDONTWRITEBYTECODE compiles honorar's modules on every start and times that too.

    python benchmarks/bench_calc_startup.py [runs]
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

TYPER_APP = """\
import typer

app = typer.Typer()


@app.command()
def main(hours: float = 1.0) -> None:
    print(hours)


app()
"""

CALC = ["-m", "honorar", "calc", "--scheme", "unn", "--date", "2022-03-15",
        "--attendance", "physical", "--activity", "meeting", "--hours", "3", "--format", "json"]


CPU_TIMES: dict[str, list[float]] = {}


def _cpu_of_children() -> float:
    try:
        import resource
    except ImportError:  # not on this platform: no CPU figures
        return float("nan")
    used = resource.getrusage(resource.RUSAGE_CHILDREN)
    return used.ru_utime + used.ru_stime


def wall(args: list[str], env: dict[str, str] | None = None, label: str = "") -> float:
    """The wall time of one run; its CPU time is kept under `label`."""
    cpu = _cpu_of_children()
    began = time.perf_counter()
    subprocess.run([sys.executable, *args], check=True, stdout=subprocess.DEVNULL, env=env)
    took = time.perf_counter() - began
    CPU_TIMES.setdefault(label, []).append(_cpu_of_children() - cpu)
    return took


def main(runs: int = 21) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        baseline = Path(tmp) / "one_command.py"
        baseline.write_text(TYPER_APP, encoding="utf-8")
        cached = {**os.environ, "HONORAR_CACHE_DIR": str(Path(tmp) / "cache")}
        uncached = {**os.environ, "HONORAR_CACHE_DIR": ""}
        wall([str(baseline), "--hours", "3"])  # warm the disk cache for all, fill the table cache
        wall(CALC, cached)
        typer_times, calc_times, first_times, uncached_times = [], [], [], []
        CPU_TIMES.clear()
        for run in range(runs):
            typer_times.append(wall([str(baseline), "--hours", "3"], label="typer"))
            calc_times.append(wall(CALC, cached, label="calc"))
            empty = {**os.environ, "HONORAR_CACHE_DIR": str(Path(tmp) / f"empty-{run}")}
            first_times.append(wall(CALC, empty, label="first"))
            uncached_times.append(wall(CALC, uncached, label="uncached"))
    typer_median = statistics.median(typer_times)
    calc_median = statistics.median(calc_times)
    print(f"runs each:                          {runs}")
    print(f"one-command Typer app:              {typer_median * 1000:7.1f} ms (median)")
    print(f"honorar calc --format json:         {calc_median * 1000:7.1f} ms (median)")
    for label, times in (("  with an empty table cache:", first_times),
                         ("  with the table cache off:", uncached_times)):
        median = statistics.median(times)
        print(f"{label:<35} {median * 1000:7.1f} ms (ratio {median / typer_median:.2f})")
    print(f"ratio:                              {calc_median / typer_median:7.2f} (goal ≤ 1.30)")
    cpu = {label: statistics.median(times) for label, times in CPU_TIMES.items()}
    print(f"CPU time (median): Typer app {cpu['typer'] * 1000:.1f} ms, calc "
          f"{cpu['calc'] * 1000:.1f} ms (ratio {cpu['calc'] / cpu['typer']:.2f}), empty cache "
          f"{cpu['first'] / cpu['typer']:.2f}, cache off {cpu['uncached'] / cpu['typer']:.2f}")
    if hasattr(os, "getloadavg"):
        print(f"load average: {' '.join(f'{x:.1f}' for x in os.getloadavg())}")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 21)
