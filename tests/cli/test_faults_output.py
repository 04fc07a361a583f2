"""Where reports go, and how a run ends when the machine fails it (SPEC §5).

Device files, FIFOs and signals are tried in a temporary directory with real processes:
a FIFO with a reader, device nodes made there (never the machine's own /dev/null or
/dev/full, which the old code replaced by regular files), /proc/self/fd/1 for
/dev/stdout (whose parent the old code could not write into), and signals sent to a
running audit.
"""

from __future__ import annotations

import errno
import os
import shutil
import signal
import stat
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import pytest

from ..conftest import run_cli

ROOT = Path(__file__).resolve().parent.parent.parent
EXAMPLE = ROOT / "examples" / "claims.csv"
HEADER = "claim_id,representative,scheme,date,attendance,hours,claimed_honorarium\n"
ROW = "K{n},Person {n},unn,2022-03-15,physical,3,1176\n"


def honorar(*args: str, env: dict | None = None, **popen) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "honorar", *args, "--lang", "en"],
                          capture_output=True,
                          timeout=120, env={**os.environ, "HONORAR_RATES": "", **(env or {})},
                          **popen)


def leftovers(*directories: Path) -> list[str]:
    return [p.name for d in directories for p in d.glob(".honorar-*.tmp")]


def one_line(stderr: bytes) -> str:
    lines = stderr.decode().splitlines()
    assert len(lines) == 1, lines
    assert lines[0].startswith(("honorar: feil: ", "honorar: error: "))
    assert "Traceback" not in lines[0]
    return lines[0]


def device(directory: Path, name: str, minor: int) -> Path:
    """A character device of the memory driver made in `directory` (3: null, 7: full)."""
    path = directory / name
    try:
        os.mknod(path, 0o666 | stat.S_IFCHR, os.makedev(1, minor))
        with open(path, "wb") as probe:
            probe.write(b"") if minor == 7 else probe.write(b"x")
    except OSError as err:
        pytest.skip(f"no device node can be made and used here ({err.strerror})")
    return path


# ------------------------------------------------------------ special files (item 1)


def test_a_fifo_is_written_to_as_it_is_and_stays_a_fifo(tmp_path):
    fifo = tmp_path / "report.fifo"
    os.mkfifo(fifo)
    received: list[bytes] = []
    reader = threading.Thread(target=lambda: received.append(fifo.read_bytes()), daemon=True)
    reader.start()
    result = honorar("audit", str(EXAMPLE), "--format", "csv", "--output", str(fifo))
    reader.join(30)
    assert result.returncode == 1, result.stderr
    assert stat.S_ISFIFO(fifo.lstat().st_mode)
    assert received and received[0].startswith("\ufeffrow,claim_id".encode())
    assert leftovers(tmp_path) == []


def test_a_fifo_with_a_reader_process_gets_the_json_report(tmp_path):
    fifo = tmp_path / "report.fifo"
    os.mkfifo(fifo)
    cat = subprocess.Popen(["cat", str(fifo)], stdout=subprocess.PIPE)
    try:
        result = honorar("audit", str(EXAMPLE), "--format", "json", "--output", str(fifo))
        out, _ = cat.communicate(timeout=30)
    finally:  # a FIFO replaced by a file would leave the reader waiting for ever
        cat.kill()
        cat.wait()
    assert result.returncode == 1, result.stderr
    assert out.startswith(b"{") and b'"summary"' in out
    assert stat.S_ISFIFO(fifo.lstat().st_mode)


def test_a_device_is_written_to_never_replaced(tmp_path):
    null = device(tmp_path, "null", 3)
    result = honorar("audit", str(EXAMPLE), "--format", "json", "--output", str(null))
    assert result.returncode == 1, result.stderr
    found = null.lstat()
    assert stat.S_ISCHR(found.st_mode) and found.st_rdev == os.makedev(1, 3)
    assert leftovers(tmp_path) == []


def test_standard_output_named_as_a_file_is_written_to(tmp_path):
    result = honorar("audit", str(EXAMPLE), "--format", "csv", "--output", "/proc/self/fd/1",
                     cwd=tmp_path)
    assert result.returncode == 1, result.stderr
    assert result.stdout.startswith(b"row,claim_id")  # no byte order mark: not a file


def test_a_regular_file_is_still_replaced_whole(tmp_path):
    report = tmp_path / "report.csv"
    report.write_text("old\n")
    report.chmod(0o640)
    result = honorar("audit", str(EXAMPLE), "--format", "csv", "--output", str(report))
    assert result.returncode == 1
    assert report.read_text(encoding="utf-8-sig").startswith("row,claim_id")
    assert stat.S_IMODE(report.stat().st_mode) == 0o640
    assert leftovers(tmp_path) == []


def test_a_link_to_a_report_stays_a_link(tmp_path):
    report = tmp_path / "report.csv"
    report.write_text("old\n")
    link = tmp_path / "latest.csv"
    link.symlink_to(report)
    result = honorar("audit", str(EXAMPLE), "--format", "csv", "--output", str(link))
    assert result.returncode == 1
    assert link.is_symlink()
    assert report.read_text(encoding="utf-8-sig").startswith("row,claim_id")


# ------------------------------------------------------- standard input (item 3)


def test_the_report_never_replaces_the_file_on_standard_input(tmp_path):
    claims = tmp_path / "claims.csv"
    shutil.copy(EXAMPLE, claims)
    before = claims.read_bytes()
    with claims.open("rb") as stdin:
        result = honorar("audit", "-", "--format", "csv", "--output", str(claims), stdin=stdin)
    assert result.returncode == 2
    assert "standard input" in one_line(result.stderr)
    assert claims.read_bytes() == before


def test_the_report_never_replaces_a_hard_link_of_the_input_or_the_mapping(tmp_path):
    claims = tmp_path / "claims.csv"
    shutil.copy(EXAMPLE, claims)
    twin = tmp_path / "twin.csv"
    os.link(claims, twin)
    mapping = tmp_path / "mapping.yaml"
    shutil.copy(ROOT / "examples" / "mapping.yaml", mapping)
    for output, extra in ((twin, ()), (mapping, ("--mapping", str(mapping)))):
        before = output.read_bytes()
        result = honorar("audit", str(claims), *extra, "--format", "csv", "--output", str(output))
        assert result.returncode == 2, result.stderr
        assert "never overwritten" in one_line(result.stderr)
        assert output.read_bytes() == before


# --------------------------------------------------------------- signals (item 6)


@pytest.fixture(scope="module")
def long_claims(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("long") / "claims.csv"
    with path.open("w", encoding="utf-8") as out:
        out.write(HEADER)
        out.writelines(ROW.format(n=n) for n in range(400_000))
    return path


def _stop_mid_run(args: list[str], watch: Path, number: int, env: dict) -> subprocess.Popen:
    process = subprocess.Popen([sys.executable, "-m", "honorar", *args, "--lang", "en"],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                               env={**os.environ, "HONORAR_RATES": "", **env})
    deadline = time.monotonic() + 60
    while not leftovers(watch):  # the report is under way
        assert process.poll() is None, process.communicate()
        assert time.monotonic() < deadline
        time.sleep(0.01)
    time.sleep(0.2)
    process.send_signal(number)
    return process


@pytest.mark.parametrize("number", [signal.SIGTERM, signal.SIGHUP, signal.SIGINT])
def test_a_signal_leaves_no_temporary_file_and_the_old_report(tmp_path, long_claims, number):
    report = tmp_path / "report.csv"
    report.write_text("the old report\n")
    spool = tmp_path / "spool"
    spool.mkdir()
    process = _stop_mid_run([ "audit", str(long_claims), "--format", "csv", "--output",
                             str(report)], tmp_path, number, {"TMPDIR": str(spool)})
    _, stderr = process.communicate(timeout=60)
    assert process.returncode == 3, stderr
    assert signal.Signals(number).name in one_line(stderr)
    assert leftovers(tmp_path, spool) == []
    assert report.read_text() == "the old report\n"


@pytest.mark.parametrize("number", [signal.SIGTERM, signal.SIGHUP])
def test_a_signal_leaves_no_spooled_report_for_standard_output(tmp_path, long_claims, number):
    process = _stop_mid_run(["audit", str(long_claims), "--format", "json"], tmp_path, number,
                            {"TMPDIR": str(tmp_path)})
    stdout, stderr = process.communicate(timeout=60)
    assert process.returncode == 3, stderr
    assert stdout == b""  # nothing of a half report
    assert leftovers(tmp_path) == []


# ---------------------------------------------- the environment failing (item 7)


def test_a_full_device_as_output_is_one_line_and_exit_3(tmp_path):
    full = device(tmp_path, "full", 7)
    result = honorar("audit", str(EXAMPLE), "--format", "csv", "--output", str(full),
                     env={"TMPDIR": str(tmp_path)})
    assert result.returncode == 3
    assert "No space left on device" in one_line(result.stderr)
    assert stat.S_ISCHR(full.lstat().st_mode)
    assert leftovers(tmp_path) == []


@pytest.mark.parametrize("output_format", ["csv", "json"])
def test_a_ledger_report_to_a_full_device_names_the_device(tmp_path, output_format):
    full = device(tmp_path, "full", 7)
    ledger = tmp_path / "paid.db"
    assert honorar("ledger", "init", str(ledger)).returncode == 0
    result = honorar("ledger", "report", "--year", "2024", "--ledger", str(ledger),
                     "--format", output_format, "--output", str(full),
                     env={"TMPDIR": str(tmp_path)})
    assert result.returncode == 3
    line = one_line(result.stderr)
    assert f"cannot write the report to '{full}'" in line
    assert "No space left on device" in line
    assert leftovers(tmp_path) == []


def _full_stdout():
    path = Path("/dev/full")
    if not path.exists() or not stat.S_ISCHR(path.stat().st_mode):
        pytest.skip("this platform has no /dev/full")
    return path.open("wb")


@pytest.mark.parametrize("args", [
    ("calc", "--scheme", "unn", "--date", "2022-03-15", "--hours", "3"),
    ("calc", "--scheme", "unn", "--date", "2022-03-15", "--hours", "3", "--format", "json"),
    ("audit", str(EXAMPLE), "--format", "csv"),
    ("audit", str(EXAMPLE)),
    ("rates", "show", "unn"),
    ("budget", "--scheme", "unn", "--reps", "2"),
])
def test_standard_output_to_a_full_device_is_one_line_and_exit_3(tmp_path, args):
    with _full_stdout() as full:
        result = subprocess.run([sys.executable, "-m", "honorar", *args, "--lang", "en"],
                                stdout=full,
                                stderr=subprocess.PIPE, timeout=60,
                                env={**os.environ, "HONORAR_RATES": "", "TMPDIR": str(tmp_path)})
    assert result.returncode == 3, result.stderr
    assert "standard output" in one_line(result.stderr)
    assert leftovers(tmp_path) == []


def test_a_closed_standard_input_is_one_line_and_exit_3():
    result = honorar("audit", "-", preexec_fn=lambda: os.close(0))
    assert result.returncode == 3
    assert "standard input is closed" in one_line(result.stderr)


def test_the_environment_speaks_norwegian_by_default():
    result = subprocess.run([sys.executable, "-m", "honorar", "audit", "-"], capture_output=True,
                            preexec_fn=lambda: os.close(0), timeout=60,
                            env={**os.environ, "HONORAR_RATES": ""})
    assert result.returncode == 3
    assert one_line(result.stderr) == "honorar: feil: standard inn er lukket"


@pytest.mark.parametrize("args", [
    ("calc", "--scheme", "unn", "--date", "2022-03-15", "--hours", "3"),
    ("audit", str(EXAMPLE), "--format", "json"),
])
def test_a_closed_standard_output_is_one_line_and_exit_3(args):
    result = subprocess.run([sys.executable, "-m", "honorar", *args, "--lang", "en"],
                            stderr=subprocess.PIPE,
                            preexec_fn=lambda: os.close(1), timeout=60,
                            env={**os.environ, "HONORAR_RATES": ""})
    assert result.returncode == 3
    assert "standard output is closed" in one_line(result.stderr)


@pytest.mark.parametrize("args", [
    ("calc", "--scheme", "unn", "--date", "2022-03-15", "--hours", "3"),
    ("rates", "show", "unn"),
    ("audit", str(EXAMPLE), "--format", "json"),
])
def test_a_reader_gone_before_the_report_is_quiet_and_exit_141(args):
    """`honorar … | head` where the reader is gone: not an error, no line, and the exit code
    a shell gives a command that SIGPIPE ended (never 1, which would read as findings)."""
    reading, writing = os.pipe()
    os.close(reading)  # the pipe has no reader: the first write is a broken pipe
    try:
        result = subprocess.run([sys.executable, "-m", "honorar", *args, "--lang", "en"],
                                stdout=writing, stderr=subprocess.PIPE, timeout=60,
                                env={**os.environ, "HONORAR_RATES": "", "COLUMNS": "80"})
    finally:
        os.close(writing)
    assert result.returncode == 141, result.stderr
    assert result.stderr == b""


def test_a_directory_the_kernel_refuses_to_write_in_is_exit_3():
    # /sys refuses new files even to root, where permission bits do not
    target = Path("/sys/honorar-report.csv")
    if not Path("/sys").is_dir():
        pytest.skip("no /sys here")
    try:
        tempfile.mkstemp(dir="/sys")
        pytest.skip("/sys takes new files here")
    except OSError:
        pass
    result = honorar("audit", str(EXAMPLE), "--format", "csv", "--output", str(target))
    assert result.returncode == 3
    assert one_line(result.stderr).startswith(f"honorar: error: cannot write the report to '{target}'")


def _as_another_user():
    """Run a child as nobody when the tests run as root (root ignores permission bits);
    as the tests' own user otherwise."""
    if os.geteuid() != 0:
        return None
    def drop() -> None:
        os.setgroups([])
        os.setgid(65534)
        os.setuid(65534)
    return drop


@pytest.fixture
def shared_dir():
    """A directory another user can reach (pytest's own are private to their owner)."""
    path = Path(tempfile.mkdtemp(prefix="honorar-test-"))
    path.chmod(0o755)
    yield path
    for child in path.rglob("*"):
        with __import__("contextlib").suppress(OSError):
            child.chmod(0o777) if child.is_dir() else None
    shutil.rmtree(path, ignore_errors=True)


def _readable_example(directory: Path) -> Path:
    claims = directory / "claims.csv"
    shutil.copy(EXAMPLE, claims)
    claims.chmod(0o644)
    return claims


def test_a_read_only_output_directory_is_one_line_and_exit_3(shared_dir):
    claims = _readable_example(shared_dir)
    locked = shared_dir / "locked"
    locked.mkdir()
    locked.chmod(0o555)
    if os.geteuid() == 0 and not _can_run_as_nobody(shared_dir):
        pytest.skip("no other user to run as")
    result = honorar("audit", str(claims), "--format", "csv", "--output", str(locked / "r.csv"),
                     env={"HONORAR_CACHE_DIR": ""}, preexec_fn=_as_another_user())
    assert result.returncode == 3, result.stderr
    assert "Permission denied" in one_line(result.stderr)
    assert list(locked.iterdir()) == []


def test_a_report_in_a_sticky_directory_that_belongs_to_another_is_exit_3(shared_dir):
    if os.geteuid() != 0:
        pytest.skip("needs a report owned by another user: only root can set that up")
    if not _can_run_as_nobody(shared_dir):
        pytest.skip("no other user to run as")
    claims = _readable_example(shared_dir)
    sticky = shared_dir / "sticky"
    sticky.mkdir()
    sticky.chmod(0o1777)
    report = sticky / "report.csv"
    report.write_text("root's report\n")
    report.chmod(0o666)  # writable by all, yet not replaceable in a sticky directory
    result = honorar("audit", str(claims), "--format", "csv", "--output", str(report),
                     env={"HONORAR_CACHE_DIR": ""}, preexec_fn=_as_another_user())
    assert result.returncode == 3, result.stderr
    assert "Operation not permitted" in one_line(result.stderr)
    assert report.read_text() == "root's report\n"
    assert leftovers(sticky) == []


def _can_run_as_nobody(directory: Path) -> bool:
    try:
        probe = subprocess.run([sys.executable, "-c", "import honorar"], capture_output=True,
                               preexec_fn=_as_another_user(), cwd=directory, timeout=60)
    except OSError:  # this Python lies where only root may go
        return False
    return probe.returncode == 0


# ------------------------------------- a full disk and internal errors, in process


def invoke(*args: str, env: dict | None = None):
    return run_cli(*args, "--lang", "en", env=env)


def test_a_disk_that_fills_mid_report_leaves_no_temporary_file(tmp_path, monkeypatch):
    from honorar.render import atomic

    class FillingUp:
        def __init__(self, stream) -> None:
            self.stream, self.written = stream, 0

        def write(self, data):
            self.written += len(data)
            if self.written > 2000:
                raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
            return self.stream.write(data)

        def close(self) -> None:
            self.stream.close()
            if self.written > 2000:
                raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    original = atomic.AtomicOutput._open
    monkeypatch.setattr(atomic.AtomicOutput, "_open",
                        lambda self, path, mode: FillingUp(original(self, path, mode)))
    report = tmp_path / "report.csv"
    report.write_text("the old report\n")
    result = invoke("audit", str(EXAMPLE), "--format", "csv", "--output", str(report))
    assert result.exit_code == 3
    assert result.stderr.strip() == (f"honorar: error: cannot write the report to '{report}': "
                                     "No space left on device")
    assert leftovers(tmp_path) == []
    assert report.read_text() == "the old report\n"


def test_an_internal_error_is_one_line_and_exit_4(monkeypatch):
    import honorar.audit.summary

    def broken(*args, **kwargs):
        raise ZeroDivisionError("division by zero")

    monkeypatch.setattr(honorar.audit.summary, "run_audit", broken)
    result = invoke("audit", str(EXAMPLE))
    assert result.exit_code == 4
    line = result.stderr.strip()
    assert line.startswith("honorar: error: internal error (ZeroDivisionError: division by zero)")
    assert "HONORAR_DEBUG=1" in line and "Traceback" not in result.stderr
    debug = invoke("audit", str(EXAMPLE), env={"HONORAR_DEBUG": "1"})
    assert debug.exit_code == 4
    assert "Traceback" in debug.stderr and "ZeroDivisionError" in debug.stderr


def test_a_crash_in_a_real_process_is_exit_4_never_1(tmp_path):
    # a table loader that fails in a way nobody foresaw, through the command line as installed
    sitecustomize = tmp_path / "sitecustomize.py"
    sitecustomize.write_text("import honorar.rules.calculation as e\n"
                             "def boom(*a, **k):\n    raise RuntimeError('unforeseen')\n"
                             "e.calculate = boom\n")
    result = honorar("calc", "--scheme", "unn", "--date", "2022-03-15", "--hours", "3",
                     env={"PYTHONPATH": f"{tmp_path}{os.pathsep}{os.environ.get('PYTHONPATH', '')}"})
    assert result.returncode == 4, result.stderr
    assert "internal error (RuntimeError: unforeseen)" in one_line(result.stderr)


@pytest.mark.parametrize(("lang", "said"), [("nb", "'{}' er ikke en mappe"),
                                            ("en", "'{}' is not a directory")])
def test_an_output_inside_a_file_says_the_file_is_no_folder(tmp_path, lang, said):
    """`--output notes.txt/report.csv`: the folder is there, but it is a file, not missing."""
    claims = tmp_path / "claims.csv"
    claims.write_text("claim_id,representative,scheme,date,attendance,claimed_honorarium\n"
                      "K-1,Kari,unn,2023-03-02,fysisk,392\n", encoding="utf-8")
    notes = tmp_path / "notes.txt"
    notes.write_text("x\n", encoding="utf-8")
    result = run_cli("audit", str(claims), "--format", "csv", "--output",
                     str(notes / "report.csv"), "--lang", lang)
    assert result.exit_code == 2
    assert said.format(notes) in result.stderr, result.stderr
