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

from ..problem import Problem, Said, said

USAGE_ERROR = 2
ENVIRONMENT_ERROR = 3
INTERNAL_ERROR = 4
DEBUG_VAR = "HONORAR_DEBUG"  # set to 1: an internal error shows its traceback


class UsageProblem(Problem):
    """Bad options or unusable input: one line for the user, exit code 2; raised with what
    it says (`said(key, …)`), worded in the reader's language when it is shown."""


class EnvironmentProblem(Problem):
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
        raise EnvironmentProblem(said("env.stdin_closed"))
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
        return _fail(prog, _what(err), USAGE_ERROR)
    except EnvironmentProblem as err:
        return _fail(prog, _what(err), ENVIRONMENT_ERROR)
    except Stopped as err:
        return _fail(prog, said("env.stopped", signal=str(err)), ENVIRONMENT_ERROR)
    except KeyboardInterrupt:  # SIGINT where our handler could not be set
        return _fail(prog, said("env.stopped", signal="SIGINT"), ENVIRONMENT_ERROR)
    except _StandardOutputFailed as failed:
        _silence_standard_output()
        return _standard_output_failed(prog, failed.error, lang)
    except OSError as err:
        if isinstance(err, BrokenPipeError) or not _flushes() or (
                err.filename is None and err.errno in _WRITE_FAILURES):
            _silence_standard_output()
            return _standard_output_failed(prog, err, lang)
        return _fail(prog, os_problem(err), ENVIRONMENT_ERROR)
    except MemoryError:
        return _fail(prog, said("env.out_of_memory"), ENVIRONMENT_ERROR)
    except SystemExit as err:
        # rich (Console.on_broken_pipe) and click end a broken pipe with a quiet exit 1,
        # which would read as findings: it is standard output that failed
        broken = _broken_pipe_behind(err)
        if broken is None:
            raise
        _silence_standard_output()
        return _standard_output_failed(prog, broken, lang)
    except Exception as err:
        if isinstance(err, Problem):  # a library's problem that reached the top
            return _fail(prog, _what(err), USAGE_ERROR)
        if type(err).__name__ == "NoArgsIsHelpError":  # a bare `honorar`: show the help
            try:
                print(err.format_message(), flush=True)
            except OSError as failed:  # `honorar | head`: the reader has what it wanted
                _silence_standard_output()
                return _standard_output_failed(prog, failed, lang)
            return USAGE_ERROR
        # click's usage errors (vendored or not) carry these two; anything else is a bug
        if hasattr(err, "format_message") and hasattr(err, "exit_code"):
            from .usage import usage_line

            return _fail(prog, usage_line(err), err.exit_code)
        if type(err).__name__ == "Abort":
            return _fail(prog, said("env.aborted"), ENVIRONMENT_ERROR)
        if _unusable_claims(err):  # found while the rows are read, past the header
            return _fail(prog, _what(err), USAGE_ERROR)
        return _internal_error(prog, err, lang)
    finally:
        _remove_temporary_files()
    return result if isinstance(result, int) else 0


CLOSED_PIPE = 128 + 13  # as a shell reports a command that SIGPIPE ended


def fail(prog: str, message: Any, code: int, lang: str = "nb") -> int:
    """Print one line on stderr, in `lang` ("honorar: feil: …"), and give back the exit
    code (with HONORAR_DEBUG=1, an environment or internal failure's traceback after it)."""
    from .. import i18n
    from ..render.terminal import plain  # a file name or a value typed may hold escapes

    said_line = message.say(lang) if hasattr(message, "say") else str(message)
    line = plain(" ".join(said_line.split()))
    word = i18n.text("severity.error", lang)
    with contextlib.suppress(OSError, ValueError, AttributeError):
        print(f"{prog}: {word}: {line}", file=sys.stderr, flush=True)
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


def _what(err: BaseException) -> Said | str:
    """What a problem says: its key and values, or (not yet moved to a key) its line."""
    spoken = getattr(err, "said", None)
    return spoken if hasattr(spoken, "say") else str(err)


def _internal_error(prog: str, err: BaseException, lang: str) -> int:
    what = f"{type(err).__name__}: {err}" if str(err) else type(err).__name__
    key = "internal_error" if os.environ.get(DEBUG_VAR) == "1" else "internal_error_hint"
    return fail(prog, said(f"env.{key}", error=what, variable=DEBUG_VAR), INTERNAL_ERROR, lang)


def _standard_output_failed(prog: str, err: OSError, lang: str) -> int:
    """Standard output refused what was printed. A reader that closed the pipe (`| head`)
    has what it wanted: no line, and the exit code a shell gives a command SIGPIPE ended;
    anything else (a full disk) is one line and exit code 3."""
    if isinstance(err, BrokenPipeError) or err.errno == errno.EPIPE:
        return CLOSED_PIPE
    return fail(prog, said("env.stdout_failed", reason=os_reason(err)), ENVIRONMENT_ERROR, lang)


def _broken_pipe_behind(exit: SystemExit) -> OSError | None:
    """The broken pipe a `SystemExit` was raised while handling, if any."""
    seen: BaseException | None = exit.__context__
    while seen is not None:
        if isinstance(seen, BrokenPipeError) or (
                isinstance(seen, OSError) and seen.errno == errno.EPIPE):
            return seen
        seen = seen.__context__
    return None


# the operating system's failures honorar words itself, by errno
_ERRNOS = ("ENOENT", "EACCES", "EPERM", "EISDIR", "ENOTDIR", "ENOSPC", "EROFS", "ENAMETOOLONG",
           "EDQUOT", "EPIPE", "EMFILE", "ENFILE", "EIO", "EFBIG", "EEXIST", "ELOOP", "EBUSY",
           "ETXTBSY", "ENXIO", "ENODEV", "EAGAIN")
_BY_ERRNO = {getattr(errno, name): name for name in _ERRNOS if hasattr(errno, name)}


def os_reason(err: OSError) -> Said:
    """Why the operating system refused, by its errno (`os.ENOSPC`: "ikke mer plass på
    disken"); an errno without words of its own gives the system's text."""
    name = _BY_ERRNO.get(err.errno) if isinstance(err.errno, int) else None
    if name is not None:
        return said(f"os.{name}")
    return said("os.other", reason=err.strerror or str(err) or type(err).__name__)


def os_problem(err: OSError) -> Said:
    reason = os_reason(err)
    return said("env.file", file=str(err.filename), reason=reason) \
        if err.filename is not None else reason


class _ClosedOutput:
    """Standard output when the process was started without one (`>&-`): writing to it
    is an environment problem, not silence."""

    encoding = "utf-8"

    def write(self, text: str) -> int:
        raise EnvironmentProblem(said("env.stdout_closed"))

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
    if output is None:
        return EnvironmentProblem(said("env.report_to_stdout", reason=os_reason(err)))
    return EnvironmentProblem(said("env.report_to_file", file=str(output), reason=os_reason(err)))


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


class _Line:
    """A line raised without a key (an exception of a library, an internal check): shown
    as it is, in every language."""

    def __init__(self, line: str) -> None:
        self.line = line

    def say(self, lang: str) -> str:
        return self.line

    def as_json(self) -> dict[str, Any]:
        return {"code": "text", "params": {"text": self.line}}

    def __str__(self) -> str:
        return self.line


def reason_of(err: BaseException) -> Any:
    """What `err` says, to stand inside another problem ("--date: {reason}")."""
    spoken = getattr(err, "said", None)
    return spoken if isinstance(spoken, Said) else _Line(str(err))


def option_problem(option: Any, err: BaseException | Any) -> UsageProblem:
    """`--date: '31.02.2024' er ikke en gyldig dato`: a value an option could not use."""
    reason = reason_of(err) if isinstance(err, BaseException) else err
    if isinstance(option, str) and not option.startswith("-"):  # an argument: VERSION, OLD
        from .usage import argument_word

        option = argument_word(option.lower())
    return UsageProblem(said("usage.option", option=option, reason=reason))


class placed:
    """A problem in a file (`yamldoc.Problem`) with its place: "plan.yaml:3:7: …"."""

    def __init__(self, problem: Any) -> None:
        self.problem = problem

    def say(self, lang: str) -> str:
        spoken = getattr(self.problem, "said", None)
        words = spoken.say(lang) if spoken is not None else _Line(self.problem.message).say(lang)
        return f"{self.problem.where()}: {words}"

    def as_json(self) -> dict[str, Any]:
        spoken = getattr(self.problem, "said", None)
        shape = spoken.as_json() if spoken is not None else _Line(self.problem.message).as_json()
        return {**shape, "file": self.problem.file, "line": self.problem.line,
                "column": self.problem.column}


def unknown_scheme(name: str, known: Any, file: str | None = None) -> Said:
    """"unknown scheme 'x' (known: unn, fousam)", and where a file was looked for too."""
    names = ", ".join(known)
    if file is not None:
        return said("usage.unknown_scheme_or_file", scheme=name, known=names or said(
            "usage.none"), file=file)
    return said("usage.unknown_scheme", scheme=name, known=names or said("usage.none"))
