//! A Rust program that reads libseq's iterator exports through the crate `cdylib bindings --lang rust`
//! writes (`seq/`): each export returns a `Sequence<T>`, an `Iterator` of `Result<T, Error>` that owns
//! the iterator's handle, frees it once (at the end, at a failure, or when dropped early) and is fused
//! after that. It is the `src/main.rs` of a cargo package with `seq = { path = "…/seq" }` as its
//! dependency; tests/Cdylib.EndToEnd.Tests/SequencesRustBindingTests.cs builds and runs it. Exits
//! non-zero (a panic) on failure.
#![deny(warnings)]

use std::sync::{Arc, Mutex};
use std::thread;

use seq::error_codes::{INVALID_ARGUMENT, INVALID_OPERATION};
use seq::{Counter, Error, Point, Sequence};

fn main() {
    seq::seq_init().unwrap();
    assert_eq!(seq::seq_abi_version().unwrap(), seq::ABI_VERSION);
    assert_eq!(seq::seq_api_hash().unwrap(), seq::API_HASH);

    every_item_shape();
    a_failure_midway();
    ended_early();
    objects();
    four_threads_on_one_sequence();

    assert_eq!(seq::seq_live_handles().unwrap(), 0, "a handle (iterator or counter) was not freed");
    assert_eq!(seq::seq_live_allocations().unwrap(), 0, "a string was not freed");
    println!("sequences_bindings.rs: all checks passed");
}

/// Numbers, text (each word copied and freed), flags and structs, read to the end; the end stays the end.
fn every_item_shape() {
    let mut range = seq::seq_range(5, 3).unwrap();
    assert_eq!(range.by_ref().collect::<Result<Vec<i32>, Error>>().unwrap(), vec![5, 6, 7]);
    assert!(range.is_ended());
    assert!(range.next().is_none(), "a sequence that ended gives no more");

    let words: Vec<String> = seq::seq_words("naïve  words here").unwrap().map(Result::unwrap).collect();
    assert_eq!(words, ["naïve", "words", "here"]);
    // Text C cannot take is refused before the call.
    let refused = seq::seq_words("two\0words").err().expect("a NUL in the text is refused");
    assert_eq!(refused.code, INVALID_ARGUMENT);

    let evens: Vec<bool> = seq::seq_evens(4).unwrap().collect::<Result<_, _>>().unwrap();
    assert_eq!(evens, [true, false, true, false]);

    let diagonal: Vec<(i32, i32)> = seq::seq_diagonal(3).unwrap().map(|point: Result<Point, Error>| point.map(|point| (point.X, point.Y)).unwrap()).collect();
    assert_eq!(diagonal, [(0, 0), (1, 2), (2, 4)]);

    // A method that returns no sequence fails the call itself.
    let nothing = seq::seq_nothing().err().expect("no sequence is an error");
    assert_eq!(nothing.code, INVALID_OPERATION);
}

/// The exception surfaces at the item that hit it, with its code and message; then the sequence is over.
fn a_failure_midway() {
    let mut failing = seq::seq_fail_after(2).unwrap();
    assert_eq!(failing.next(), Some(Ok(0)));
    assert_eq!(failing.next(), Some(Ok(1)));
    assert_eq!(failing.next(), Some(Err(Error { code: 1001, message: "no more after 2".into() })));
    assert!(failing.is_ended(), "the failure freed the iterator");
    assert_eq!(failing.next(), None);
    assert_eq!(failing.next(), None);

    // collect stops at the first error.
    let collected: Result<Vec<i32>, Error> = seq::seq_fail_after(3).unwrap().collect();
    assert_eq!(collected.unwrap_err().code, 1001);
}

/// Leaving a sequence early disposes the C# enumerator: its finally block runs, once per sequence.
fn ended_early() {
    let finished = seq::seq_endless_finished().unwrap();
    // break out of a for loop: the Sequence is dropped at the loop's end.
    let mut last = -1;
    for item in seq::seq_endless().unwrap() {
        last = item.unwrap();
        if last == 99 {
            break;
        }
    }
    assert_eq!(last, 99);
    assert_eq!(seq::seq_endless_finished().unwrap(), finished + 1);

    // An adapter that stops early.
    let first: Vec<i64> = seq::seq_endless().unwrap().take(5).map(Result::unwrap).collect();
    assert_eq!(first, [0, 1, 2, 3, 4]);
    assert_eq!(seq::seq_endless_finished().unwrap(), finished + 2);

    // close, then nothing more on drop.
    let mut endless = seq::seq_endless().unwrap();
    assert_eq!(endless.next(), Some(Ok(0)));
    assert_eq!(seq::seq_endless_finished().unwrap(), finished + 2);
    endless.close();
    assert_eq!(seq::seq_endless_finished().unwrap(), finished + 3);

    // A sequence never advanced is freed as well (C# ran none of it, so no finally).
    drop(seq::seq_endless().unwrap());
    assert_eq!(seq::seq_endless_finished().unwrap(), finished + 3);
}

/// Each item is a Counter owning its handle; a Counter's own sequence is a method.
fn objects() {
    let counters: Vec<Counter> = seq::seq_counters(3).unwrap().collect::<Result<_, _>>().unwrap();
    let values: Vec<i64> = counters.iter().map(|counter| counter.value().unwrap()).collect();
    assert_eq!(values, [0, 10, 20]);
    assert_eq!(seq::seq_counter_value(&counters[1]).unwrap(), 10);

    let steps: Vec<i64> = counters[2].steps(2).unwrap().map(Result::unwrap).collect();
    assert_eq!(steps, [21, 22]);
    let more: Sequence<i64> = seq::seq_counter_steps(&counters[2], 3).unwrap();
    // The sequence keeps the C# object alive on its own: the Counter may go first.
    drop(counters);
    assert_eq!(more.map(Result::unwrap).collect::<Vec<_>>(), [23, 24, 25]);
}

/// Four threads take turns on one sequence of 1,000 numbers: each number is read exactly once.
fn four_threads_on_one_sequence() {
    let shared = Arc::new(Mutex::new(seq::seq_range(0, 1000).unwrap()));
    let readers: Vec<_> = (0..4)
        .map(|_| {
            let shared = Arc::clone(&shared);
            thread::spawn(move || {
                let mut taken = Vec::new();
                while let Some(item) = { let next = shared.lock().unwrap().next(); next } {
                    taken.push(item.unwrap());
                }
                taken
            })
        })
        .collect();
    let mut all: Vec<i32> = readers.into_iter().flat_map(|reader| reader.join().unwrap()).collect();
    all.sort_unstable();
    assert_eq!(all, (0..1000).collect::<Vec<_>>());
}
