"""How a command ends: exit codes, the problems that end it in one line on stderr, broken
pipes, full disks and signals.

Any problem with what the user typed or gave us ends in one line on stderr and exit code
2; the machine's (a disk, a lock, a closed stream, a signal) in exit code 3; honorar's own
fault in exit code 4.
"""

from __future__ import annotations

import contextlib
import errno
import os
import signal
import sys
from typing import Any

USAGE_ERROR = 2
ENVIRONMENT_ERROR = 3
INTERNAL_ERROR = 4
DEBUG_VAR = "HONORAR_DEBUG"  # set to 1: an internal error shows its traceback


class UsageProblem(Exception):
    """Bad options or unusable input: one line for the user, exit code 2.

    The line is English; where it is already written in every language (a message of
    `render.messages`), `said` holds it by language and is shown as it is.
    """

    def __init__(self, message: str, said: dict[str, str] | None = None) -> None:
        super().__init__(message)
        self.said = said or {}


class EnvironmentProblem(Exception):
    """The machine failed the command (disk, permissions, a lock, a closed stream, a signal),
    not the user's input: one line, exit code 3."""


class Stopped(BaseException):
    """A signal (SIGTERM, SIGHUP) asked the run to end: it ends as an error would, its
    temporary files removed, and exit code 3. Not an Exception, so that nothing on the
    way out takes it for an ordinary failure and carries on."""


def standard_input():
    """Standard input as bytes, or `EnvironmentProblem` when the process has none."""
    stream = getattr(sys.stdin, "buffer", None)
    if stream is None:
        raise EnvironmentProblem("standard input is closed")
    return stream


def run_one_line_errors(invoke: Any, prog: str = "honorar", lang: str = "nb") -> int:
    """Run the command line; every way it can end is an exit code and at most one line:
    2 a usage or input problem, 3 the environment (disk, permissions, closed streams, a
    signal), 4 an internal error (its traceback only with HONORAR_DEBUG=1). Temporary files
    of an unfinished report are removed whatever the ending."""

    def _fail(prog: str, message: str, code: int) -> int:
        return fail(prog, message, code, lang)

    _stand_in_for_closed_streams()
    try:
        with _signals_stop_the_run():
            result = invoke()
            _flush_standard_output()
    except UsageProblem as err:
        if lang in err.said:
            return fail(prog, err.said[lang], USAGE_ERROR, "en")  # "en": said as it is
        return _fail(prog, str(err), USAGE_ERROR)
    except EnvironmentProblem as err:
        return _fail(prog, str(err), ENVIRONMENT_ERROR)
    except Stopped as err:
        return _fail(prog, f"stopped by {err}", ENVIRONMENT_ERROR)
    except KeyboardInterrupt:  # SIGINT where our handler could not be set
        return _fail(prog, "stopped by SIGINT", ENVIRONMENT_ERROR)
    except _StandardOutputFailed as failed:
        _silence_standard_output()
        return _fail(prog, f"cannot write to standard output: {_reason(failed.error)}",
                     ENVIRONMENT_ERROR)
    except OSError as err:
        if isinstance(err, BrokenPipeError) or not _flushes() or (
                err.filename is None and err.errno in _WRITE_FAILURES):
            _silence_standard_output()
            return _fail(prog, f"cannot write to standard output: {_reason(err)}",
                         ENVIRONMENT_ERROR)
        return _fail(prog, _os_problem(err), ENVIRONMENT_ERROR)
    except MemoryError:
        return _fail(prog, "out of memory", ENVIRONMENT_ERROR)
    except SystemExit as err:
        # rich (Console.on_broken_pipe) and click end a broken pipe with a quiet exit 1,
        # which would read as findings: it is standard output that failed
        broken = _broken_pipe_behind(err)
        if broken is None:
            raise
        _silence_standard_output()
        return _fail(prog, f"cannot write to standard output: {_reason(broken)}",
                     ENVIRONMENT_ERROR)
    except Exception as err:
        if type(err).__name__ == "NoArgsIsHelpError":  # a bare `honorar`: show the help
            print(err.format_message())
            return USAGE_ERROR
        # click's usage errors (vendored or not) carry these two; anything else is a bug
        if hasattr(err, "format_message") and hasattr(err, "exit_code"):
            from .usage import usage_line

            return _fail(prog, usage_line(err), err.exit_code)
        if type(err).__name__ == "Abort":
            return _fail(prog, "aborted", ENVIRONMENT_ERROR)
        if _unusable_claims(err):  # found while the rows are read, past the header
            return _fail(prog, str(err), USAGE_ERROR)
        return _internal_error(prog, err, lang)
    finally:
        _remove_temporary_files()
    return result if isinstance(result, int) else 0


def fail(prog: str, message: str, code: int, lang: str = "nb") -> int:
    """Print one line on stderr, in `lang`, and give back the exit code (with
    HONORAR_DEBUG=1, an environment or internal failure's traceback after it)."""
    from ..render.messages import problem_text
    from ..render.terminal import plain  # a file name or a value typed may hold escapes

    line = plain(problem_text(" ".join(str(message).split()), lang))
    with contextlib.suppress(OSError, ValueError, AttributeError):
        print(f"{prog}: error: {line}", file=sys.stderr, flush=True)
    if os.environ.get(DEBUG_VAR) == "1" and code >= ENVIRONMENT_ERROR and sys.exc_info()[0]:
        import traceback

        with contextlib.suppress(OSError, ValueError, AttributeError):
            traceback.print_exc(file=sys.stderr)
    return code


def _unusable_claims(err: Exception) -> bool:
    """Whether `err` says a claims file cannot be used (`ClaimFileError`), looked up only
    where the claims were read at all, so that a command that reads none pays nothing."""
    records = sys.modules.get("honorar.claims.records")
    return records is not None and isinstance(err, records.ClaimFileError)


def _internal_error(prog: str, err: BaseException, lang: str) -> int:
    what = f"{type(err).__name__}: {err}" if str(err) else type(err).__name__
    hint = "" if os.environ.get(DEBUG_VAR) == "1" else f"; {DEBUG_VAR}=1 shows where"
    return fail(prog, f"internal error ({what}){hint}; please report it", INTERNAL_ERROR, lang)


def _broken_pipe_behind(exit: SystemExit) -> OSError | None:
    """The broken pipe a `SystemExit` was raised while handling, if any."""
    seen: BaseException | None = exit.__context__
    while seen is not None:
        if isinstance(seen, BrokenPipeError) or (
                isinstance(seen, OSError) and seen.errno == errno.EPIPE):
            return seen
        seen = seen.__context__
    return None


def _reason(err: OSError) -> str:
    return err.strerror or str(err) or type(err).__name__


def _os_problem(err: OSError) -> str:
    return f"{err.filename}: {_reason(err)}" if err.filename is not None else _reason(err)


class _ClosedOutput:
    """Standard output when the process was started without one (`>&-`): writing to it
    is an environment problem, not silence."""

    encoding = "utf-8"

    def write(self, text: str) -> int:
        raise EnvironmentProblem("standard output is closed")

    def flush(self) -> None:
        pass

    def isatty(self) -> bool:
        return False

    def fileno(self) -> int:
        raise OSError(9, "standard output is closed")


def _stand_in_for_closed_streams() -> None:
    if sys.stdout is None:
        sys.stdout = _ClosedOutput()  # type: ignore[assignment]


# what a write can fail with; without a file name, the write was to standard output (a
# report to a file says so itself: `output_problem`)
_WRITE_FAILURES = {getattr(errno, name) for name in ("ENOSPC", "EDQUOT", "EFBIG", "EIO", "EPIPE")
                   if hasattr(errno, name)}


class _StandardOutputFailed(Exception):
    def __init__(self, error: OSError) -> None:
        super().__init__(str(error))
        self.error = error


def _flush_standard_output() -> None:
    """What was printed is out before the exit code says all went well."""
    try:
        sys.stdout.flush()
    except OSError as err:
        raise _StandardOutputFailed(err) from err
    except (AttributeError, ValueError):
        pass


def _flushes() -> bool:
    """Whether standard output still takes what is buffered for it."""
    try:
        _flush_standard_output()
    except _StandardOutputFailed:
        return False
    return True


def writing_report(err: OSError, output: object | None) -> bool:
    """Whether `err` came from writing the report to `output` (its temporary file, or
    the file or device itself), rather than from standard output or another file."""
    if output is None:
        return False
    name = err.filename
    return name is None or str(name) == str(output) or \
        os.path.basename(str(name)).startswith(".honorar-")


def output_problem(err: OSError, output: object | None) -> EnvironmentProblem:
    """A report that could not be written, as one line naming where it was going."""
    where = f"'{output}'" if output is not None else "standard output"
    return EnvironmentProblem(f"cannot write the report to {where}: {_reason(err)}")


def _silence_standard_output() -> None:
    """What is still buffered for standard output goes nowhere, so that the interpreter's
    own last flush does not fail once more with a traceback of its own."""
    try:
        null = os.open(os.devnull, os.O_WRONLY)
        os.dup2(null, sys.stdout.fileno())
        os.close(null)
    except (OSError, ValueError, AttributeError):
        pass


def _remove_temporary_files() -> None:
    atomic = sys.modules.get("honorar.render.atomic")  # loaded only by a command that writes
    if atomic is not None:
        atomic.remove_leftovers()


_STOPPING_SIGNALS = tuple(getattr(signal, name) for name in ("SIGTERM", "SIGHUP")
                          if hasattr(signal, name))


@contextlib.contextmanager
def _signals_stop_the_run():
    """SIGTERM, SIGHUP and SIGINT end the run the way an error does, so the report's
    temporary file is removed and the old report stays as it was."""
    def stop(number: int, frame: object) -> None:
        for each in (*_STOPPING_SIGNALS, signal.SIGINT):  # the clean-up is not cut short
            with contextlib.suppress(OSError, ValueError):
                signal.signal(each, signal.SIG_IGN)
        raise Stopped(signal.Signals(number).name)

    previous = {}
    # SIGINT too, unless whoever started us ignores it: Typer would turn Python's
    # KeyboardInterrupt into a silent exit code 130
    interrupt = signal.getsignal(signal.SIGINT)
    numbers = (*_STOPPING_SIGNALS, *((signal.SIGINT,) if interrupt is signal.default_int_handler
                                     else ()))
    for number in numbers:
        with contextlib.suppress(OSError, ValueError):  # not the main thread: left as it is
            previous[number] = signal.signal(number, stop)
    try:
        yield
    finally:
        for number, handler in previous.items():
            with contextlib.suppress(OSError, ValueError, TypeError):
                signal.signal(number, handler)
        with contextlib.suppress(OSError, ValueError, TypeError):
            signal.signal(signal.SIGINT, interrupt)
