//! A Rust program that implements libplug's ILogger through the crate `cdylib bindings --lang rust`
//! writes (`plug/`): the interface is the trait `plug::ILogger` (`Send + Sync`, `&self`, each method a
//! `Result`), and every function taking a logger takes an `Arc<dyn ILogger>` (or `None`). It is the
//! `src/main.rs` of a cargo package with `plug = { path = "…/plug" }` as its dependency;
//! tests/Cdylib.EndToEnd.Tests/PluginsRustBindingTests.cs builds and runs it. Exits non-zero (a panic)
//! on failure.
//!
//! Releases are counted by the `Arc`s: each call that passes a logger gives C# one clone, which the
//! table's release drops once the C# object is collected, so the strong count comes back to 1 (ours);
//! a logger only C# holds is dropped on the finalizer thread, counted by its `Drop`.
#![deny(warnings)]

use std::sync::atomic::{AtomicI32, AtomicI64, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};

use plug::error_codes::{EXCEPTION, INVALID_OPERATION, NULL_ARGUMENT};
use plug::{Error, ILogger};

/// What C# made a logger do.
#[derive(Default)]
struct Logger {
    lines: AtomicI64,
    important: AtomicI64,
    level: AtomicI32,
    words: AtomicI64,
    last: Mutex<String>,
    /// Lines per thread index, from the kept logger's "thread T line I".
    per_thread: Mutex<[i64; 8]>,
    /// Non-zero: log fails with this code and "disk full".
    fail_with: i32,
    /// log asks the library to count the line's words (a call back in from inside a call).
    call_back_in: bool,
    /// log panics.
    panics: bool,
    /// Counts the logger's drop.
    _dropped: CountedDrop,
}

/// Loggers dropped: the last owner of one only C# held was its table's release.
static DROPPED: AtomicUsize = AtomicUsize::new(0);

/// Adds one to DROPPED when the logger holding it is dropped (a field, so `..Logger::default()` still works).
#[derive(Default)]
struct CountedDrop;

impl Drop for CountedDrop {
    fn drop(&mut self) {
        DROPPED.fetch_add(1, Ordering::SeqCst);
    }
}

impl ILogger for Logger {
    fn log(&self, line: &str, important: bool) -> Result<(), Error> {
        if self.panics {
            panic!("the logger broke on {line:?}");
        }
        if self.fail_with != 0 {
            return Err(Error { code: self.fail_with, message: "disk full".into() });
        }
        if self.call_back_in {
            self.words.fetch_add(plug::plug_count_words(line)? as i64, Ordering::SeqCst);
        }
        if let Some(thread) = line.strip_prefix("thread ").and_then(|rest| rest.split(' ').next()) {
            self.per_thread.lock().unwrap()[thread.parse::<usize>().unwrap()] += 1;
        }
        *self.last.lock().unwrap() = line.to_string();
        self.lines.fetch_add(1, Ordering::SeqCst);
        self.important.fetch_add(important as i64, Ordering::SeqCst);
        Ok(())
    }

    fn level(&self) -> Result<i32, Error> {
        Ok(self.level.load(Ordering::SeqCst))
    }

    fn set_level(&self, value: i32) -> Result<(), Error> {
        if value < 0 {
            // No message: C# names the member and the code.
            return Err(Error { code: 1001, message: String::new() });
        }
        self.level.store(value, Ordering::SeqCst);
        Ok(())
    }

    fn count(&self) -> Result<i64, Error> {
        Ok(self.lines.load(Ordering::SeqCst))
    }
}

/// Collections until every clone C# was given is released (the finalizer thread runs when it runs).
fn released_after_collect(logger: &Arc<Logger>) -> usize {
    for _ in 0..50 {
        if Arc::strong_count(logger) == 1 {
            break;
        }
        plug::plug_collect().unwrap();
    }
    Arc::strong_count(logger)
}

fn main() {
    plug::plug_init().unwrap();
    assert_eq!(plug::plug_abi_version().unwrap(), plug::ABI_VERSION);
    assert_eq!(plug::plug_api_hash().unwrap(), plug::API_HASH);

    // Lines in, the level read through the getter and written through the setter, a member C#
    // implements itself (Note) calling ours.
    let plain = Arc::new(Logger::default());
    assert_eq!(plug::plug_log_lines(plain.clone() as Arc<dyn ILogger>, "one\ntwo\nthree", 7).unwrap(), 3);
    assert_eq!((plain.lines.load(Ordering::SeqCst), plain.important.load(Ordering::SeqCst)), (4, 3));
    assert_eq!(*plain.last.lock().unwrap(), "note: 3 lines");
    assert_eq!(plug::plug_set_level(plain.clone() as Arc<dyn ILogger>, 5).unwrap(), 5);
    assert_eq!(plug::plug_log_lines(plain.clone() as Arc<dyn ILogger>, "dropped", 2).unwrap(), 0);
    assert_eq!(plain.lines.load(Ordering::SeqCst), 4);
    // Three calls gave C# three clones: each released once.
    assert_eq!(released_after_collect(&plain), 1);

    // Kept past the call that gave it, used from 8 threads at once, released once after it is let go.
    let kept = Arc::new(Logger::default());
    plug::plug_keep(kept.clone() as Arc<dyn ILogger>).unwrap();
    plug::plug_collect().unwrap();
    assert_eq!(Arc::strong_count(&kept), 2, "a kept logger is not released");
    assert_eq!(plug::plug_log_kept(8, 1000).unwrap(), 8000);
    assert_eq!(*kept.per_thread.lock().unwrap(), [1000; 8]);
    assert_eq!(Arc::strong_count(&kept), 2);
    plug::plug_keep(None).unwrap();
    assert_eq!(released_after_collect(&kept), 1);
    assert_eq!(plug::plug_log_kept(1, 1).unwrap_err().code, INVALID_OPERATION);

    // The implementation's failure: C# sees its code and message, and so does the caller at the end.
    let failing = Arc::new(Logger { fail_with: 1042, ..Logger::default() });
    assert_eq!(plug::plug_try_log(failing.clone() as Arc<dyn ILogger>, "x").unwrap(), 1042);
    assert_eq!(
        plug::plug_log_lines(failing.clone() as Arc<dyn ILogger>, "a\nb", 9),
        Err(Error { code: 1042, message: "disk full".into() })
    );
    assert_eq!(
        plug::plug_set_level(failing.clone() as Arc<dyn ILogger>, -1),
        Err(Error { code: 1001, message: "the caller's ILogger.Level failed with code 1001".into() })
    );

    // A panic stops at the boundary: EXCEPTION with the panic's message (the default hook's report silenced).
    let panicking = Arc::new(Logger { panics: true, ..Logger::default() });
    let hook = std::panic::take_hook();
    std::panic::set_hook(Box::new(|_| {}));
    let failure = plug::plug_log_lines(panicking.clone() as Arc<dyn ILogger>, "x", 9);
    let caught = plug::plug_try_log(panicking.clone() as Arc<dyn ILogger>, "y");
    std::panic::set_hook(hook);
    assert_eq!(failure, Err(Error { code: EXCEPTION, message: "the logger broke on \"x\"".into() }));
    assert_eq!(caught, Ok(EXCEPTION));

    // An implementation that calls back into the library, from inside the library's call.
    let reentrant = Arc::new(Logger { call_back_in: true, ..Logger::default() });
    assert_eq!(plug::plug_log_lines(reentrant.clone() as Arc<dyn ILogger>, "a b c\nd e", 1).unwrap(), 2);
    assert_eq!(reentrant.words.load(Ordering::SeqCst), 3 + 2 + 3); // and "note: 2 lines"

    // None where C# needs a logger is refused.
    assert_eq!(plug::plug_log_lines(None, "x", 1).unwrap_err().code, NULL_ARGUMENT);

    // A logger only C# holds: its last owner is the release, which drops it on the finalizer thread.
    let dropped = DROPPED.load(Ordering::SeqCst);
    assert_eq!(plug::plug_log_lines(Arc::new(Logger::default()) as Arc<dyn ILogger>, "alone", 1).unwrap(), 1);
    for _ in 0..50 {
        if DROPPED.load(Ordering::SeqCst) > dropped {
            break;
        }
        plug::plug_collect().unwrap();
    }
    assert_eq!(DROPPED.load(Ordering::SeqCst), dropped + 1);

    for logger in [&failing, &panicking, &reentrant] {
        assert_eq!(released_after_collect(logger), 1);
    }
    assert_eq!(DROPPED.load(Ordering::SeqCst), dropped + 1, "only the logger C# alone held was dropped");
    drop((plain, kept, failing, panicking, reentrant));
    assert_eq!(DROPPED.load(Ordering::SeqCst), dropped + 6);
    assert_eq!((plug::plug_live_handles().unwrap(), plug::plug_live_allocations().unwrap()), (0, 0));
    println!("plugins_bindings.rs: all checks passed");
}
