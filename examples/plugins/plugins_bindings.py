"""Uses the Python module `cdylib bindings --lang python` generates for libplug: loggers written in Python
(subclasses of plug.ILogger) passed where the library takes an ILogger. Checks that the library calls
their methods and properties right, keeps one past the call that gave it and calls it from 8 threads,
sees their exceptions as errors with their codes and messages, that a logger may call back into the
library, that each object is released once for each call that passed it, and that nothing is left live.
`plugins_bindings.py exit` keeps a logger and returns: the process ends cleanly with it still held.
Run with the generated module's folder on sys.path; the build writes it to target/debug/bindings/,
where it finds the library itself: `PYTHONPATH=target/debug/bindings python3 plugins_bindings.py`.
Exits non-zero on failure."""
import gc
import sys
import threading
import weakref

import plug

Code = plug.ErrorCode


class Logger(plug.ILogger):
    """Counts what the library made it do; thread-safe, since the library calls it from any thread."""

    def __init__(self, fail_with=None, call_back_in=False):
        self.lines = 0
        self.important = 0
        self.last = None
        self.words = 0
        self.releases = 0
        self.threads = set()
        self.fail_with = fail_with
        self.call_back_in = call_back_in
        self._level = 0
        self._lock = threading.Lock()

    def log(self, line, important):
        if self.fail_with is not None:
            raise self.fail_with
        words = plug.plug_count_words(line) if self.call_back_in else 0
        with self._lock:
            self.lines += 1
            self.important += important
            self.last = line
            self.words += words
            self.threads.add(threading.get_ident())

    @property
    def level(self):
        return self._level

    @level.setter
    def level(self, value):
        if value < 0:
            raise ValueError(f"no level below 0 ({value})")
        self._level = value

    def count(self):
        return self.lines

    def released(self):
        with self._lock:
            self.releases += 1


def raises(kind, call):
    """The exception `call()` raises, which must be a `kind`."""
    try:
        call()
    except kind as error:
        return error
    raise AssertionError(f"no {kind.__name__} raised")


def collected(logger, releases):
    """Python's and the library's collections until `logger` had `releases` releases (the library's
    finalizer thread runs when it runs), then a few more, so a release too many would show."""
    for _ in range(200):
        if logger.releases >= releases:
            break
        gc.collect()
        plug.plug_collect()
    for _ in range(10):
        gc.collect()
        plug.plug_collect()
    return logger.releases


def main():
    plug.plug_init()
    assert plug.plug_abi_version() == plug.ABI_VERSION and plug.plug_api_hash() == plug.API_HASH

    # Lines in, the level read through the property, a member C# implements itself (Note).
    plain = Logger()
    assert plug.plug_log_lines(plain, "one\ntwo\nthrée", 7) == 3
    assert plain.lines == 4 and plain.important == 3 and plain.last == "note: 3 lines", vars(plain)
    assert plug.plug_set_level(plain, 5) == 5 and plain.level == 5
    assert plug.plug_log_lines(plain, "dropped", 2) == 0 and plain.lines == 4
    # Three calls gave the library three tables: each is released once, when collected.
    assert collected(plain, 3) == 3, plain.releases

    # Kept past the call that gave it, used from 8 threads at once, released once after it is let go.
    kept = Logger()
    plug.plug_keep(kept)
    alive = weakref.ref(kept)
    assert collected(kept, 1) == 0  # the library still holds it
    assert plug.plug_log_kept(8, 1000) == 8000 and kept.lines == 8000
    assert len(kept.threads) > 1, kept.threads  # the library's threads, not only this one
    plug.plug_keep(None)
    assert collected(kept, 1) == 1
    del kept
    gc.collect()
    assert alive() is None  # the module let go of it too
    error = raises(plug.Error, lambda: plug.plug_log_kept(1, 1))
    assert error.code == Code.INVALID_OPERATION and "no logger is kept" in error.message, error

    # A logger's failure: the module's Error keeps its code and message, the library may catch it
    # (plug_try_log), and uncaught it reaches the caller unchanged; any other exception is EXCEPTION.
    failing = Logger(fail_with=plug.Error(1042, "disk full"))
    assert plug.plug_try_log(failing, "x") == 1042
    error = raises(plug.Error, lambda: plug.plug_log_lines(failing, "a\nb", 9))
    assert error.code == 1042 and error.message == "disk full", error
    error = raises(plug.Error, lambda: plug.plug_set_level(failing, -1))
    assert error.code == Code.EXCEPTION and error.message == "ValueError: no level below 0 (-1)", error
    broken = Logger(fail_with=KeyError("gone"))
    assert plug.plug_try_log(broken, "x") == Code.EXCEPTION
    error = raises(plug.Error, lambda: plug.plug_log_lines(broken, "a", 9))
    assert error.code == Code.EXCEPTION and error.message == "KeyError: 'gone'", error

    # A logger that calls back into the library.
    reentrant = Logger(call_back_in=True)
    assert plug.plug_log_lines(reentrant, "a b c\nd e", 1) == 2 and reentrant.words == 3 + 2 + 3  # and "note: 2 lines"

    # Refused before the call: an object that is no ILogger, a class missing a member; by the library:
    # None where a logger is needed.
    raises(TypeError, lambda: plug.plug_log_lines(object(), "x", 1))

    class Partial(plug.ILogger):
        def log(self, line, important):
            pass

    raises(TypeError, Partial)  # no level, no count: an abstract class
    error = raises(plug.Error, lambda: plug.plug_log_lines(None, "x", 1))
    assert error.code == Code.NULL_ARGUMENT, error

    assert collected(failing, 3) == 3 and collected(broken, 2) == 2 and collected(reentrant, 1) == 1
    assert plain.releases == 3  # never a release too many
    assert not plug._implementations, plug._implementations  # every object the library held is let go
    assert plug.plug_live_handles() == 0 and plug.plug_live_allocations() == 0
    print("plugins_bindings.py: all checks passed")


def exit_while_kept():
    """The library keeps a logger when the process ends: nothing waits for its release."""
    plug.plug_keep(Logger())
    assert plug.plug_log_kept(2, 10) == 20
    print("exiting with a logger kept")


if __name__ == "__main__":
    exit_while_kept() if sys.argv[1:] == ["exit"] else main()
