//! A Rust program that calls libtasks's async exports through the crate `cdylib bindings --lang rust`
//! writes (`tasks/`): each export returns an `Operation<T>`, a `std::future::Future`, and has a
//! `NAME_blocking` form. No executor crate: `block_on` below is the whole runtime (a waker that
//! unparks the polling thread). It is the `src/main.rs` of a cargo package with
//! `tasks = { path = "…/tasks" }` as its dependency; tests/Cdylib.EndToEnd.Tests/TasksRustBindingTests.cs
//! builds and runs it. Exits non-zero (a panic) on failure.
#![deny(warnings)]

use std::future::Future;
use std::pin::Pin;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::task::{Context, Poll, Wake, Waker};
use std::thread::{self, Thread};
use std::time::{Duration, Instant};

use tasks::error_codes::{CANCELLED, INVALID_ARGUMENT, INVALID_HANDLE, INVALID_OPERATION, OVERFLOW};
use tasks::{Error, Operation};

/// Wakes a thread parked in `block_on`: the library's threads call it when an operation ends.
struct Unpark(Thread);

impl Wake for Unpark {
    fn wake(self: Arc<Self>) {
        self.0.unpark();
    }
}

/// Polls `future` on this thread until it is ready, parked in between.
fn block_on<F: Future>(future: F) -> F::Output {
    let mut future = std::pin::pin!(future);
    let waker = Waker::from(Arc::new(Unpark(thread::current())));
    let mut context = Context::from_waker(&waker);
    loop {
        if let Poll::Ready(value) = future.as_mut().poll(&mut context) {
            return value;
        }
        thread::park();
    }
}

/// Every future's output, in order. Each wake polls all the futures still pending: plain, and enough
/// here, where the point is many operations waking one task from many threads.
struct JoinAll<F: Future> {
    futures: Vec<Option<Pin<Box<F>>>>,
    outputs: Vec<Option<F::Output>>,
}

fn join_all<F: Future>(futures: Vec<F>) -> JoinAll<F> {
    let outputs = futures.iter().map(|_| None).collect();
    JoinAll { futures: futures.into_iter().map(|future| Some(Box::pin(future))).collect(), outputs }
}

// Nothing in it is pinned in place: the futures are pinned in their own boxes, and outputs are only moved.
impl<F: Future> Unpin for JoinAll<F> {}

impl<F: Future> Future for JoinAll<F> {
    type Output = Vec<F::Output>;

    fn poll(self: Pin<&mut Self>, context: &mut Context<'_>) -> Poll<Self::Output> {
        let this = self.get_mut();
        let mut pending = false;
        for (slot, output) in this.futures.iter_mut().zip(this.outputs.iter_mut()) {
            if let Some(future) = slot {
                match future.as_mut().poll(context) {
                    Poll::Ready(value) => {
                        *output = Some(value);
                        *slot = None;
                    }
                    Poll::Pending => pending = true,
                }
            }
        }
        if pending {
            return Poll::Pending;
        }
        Poll::Ready(this.outputs.iter_mut().map(|output| output.take().unwrap()).collect())
    }
}

fn expect_error<T: std::fmt::Debug>(result: Result<T, Error>, code: i32, message: &str) {
    let error = result.expect_err("the operation should have failed");
    assert_eq!(error.code, code, "{error}");
    assert!(error.message.contains(message), "{error} does not say {message:?}");
}

/// Waits until `done` holds: callbacks of operations dropped early still come, on the library's threads.
fn eventually(what: &str, done: impl Fn() -> bool) {
    let deadline = Instant::now() + Duration::from_secs(20);
    while !done() {
        assert!(Instant::now() < deadline, "{what} did not happen within 20 s");
        thread::sleep(Duration::from_millis(5));
    }
}

fn live() -> (i64, i64) {
    (tasks::tasks_live_handles().unwrap(), tasks::tasks_live_allocations().unwrap())
}

fn main() {
    tasks::tasks_init().unwrap();
    assert_eq!(tasks::tasks_abi_version().unwrap(), tasks::ABI_VERSION);
    assert_eq!(tasks::tasks_api_hash().unwrap(), tasks::API_HASH);

    results();
    failures();
    cancellation();
    concurrency();

    eventually("every handle and allocation freed", || live() == (0, 0));
    println!("tasks_bindings.rs: all checks passed");
}

/// Each result shape, awaited and blocking.
fn results() {
    assert_eq!(block_on(tasks::tasks_add_later(2, 3, 20)), Ok(5));
    assert_eq!(tasks::tasks_add_later_blocking(4, 5, 1), Ok(9));
    assert_eq!(block_on(tasks::tasks_greet("wörld")).unwrap().as_deref(), Some("hello, wörld"));
    assert_eq!(tasks::tasks_greet_blocking("Rust").unwrap().as_deref(), Some("hello, Rust"));
    assert_eq!(block_on(tasks::tasks_sleep(5)), Ok(5));
    assert_eq!(tasks::tasks_sleep_blocking(1), Ok(1));

    // Task.FromResult: the callback ran inside the start call, before the future existed.
    let even = tasks::tasks_is_even(42);
    assert!(even.is_ended());
    assert_eq!(block_on(even), Ok(true));
    assert_eq!(tasks::tasks_is_even_blocking(7), Ok(false));

    // A handle result is an owning `Counter`; its async method is a method on it.
    let counter = block_on(tasks::tasks_counter_later(40)).unwrap().expect("a counter");
    assert_eq!(counter.value(), Ok(40));
    assert_eq!(block_on(counter.next()), Ok(41));
    assert_eq!(counter.next_blocking(), Ok(42));
    assert_eq!(block_on(tasks::tasks_counter_next(&counter)), Ok(43));
    assert_eq!(tasks::tasks_counter_next_blocking(&counter), Ok(44));
    assert_eq!(tasks::tasks_counter_value(&counter), Ok(44));
    let other = tasks::tasks_counter_later_blocking(-1).unwrap().expect("a counter");
    assert_eq!(other.value(), Ok(-1));
    drop((counter, other));
    assert_eq!(live(), (0, 0));
}

/// Failures carry the library's code and message, from the callback's thread.
fn failures() {
    expect_error(block_on(tasks::tasks_add_later(i32::MAX, 1, 0)), OVERFLOW, "overflow");
    expect_error(tasks::tasks_add_later_blocking(i32::MAX, 1, 3), OVERFLOW, "overflow");
    expect_error(block_on(tasks::tasks_fail_later(1042, 5)), 1042, "failed on purpose with 1042");
    expect_error(tasks::tasks_fail_later_blocking(1043, 1), 1043, "failed on purpose with 1043");
    // A method that throws before returning a task still fails through the operation.
    expect_error(block_on(tasks::tasks_throw_now("not now")), INVALID_OPERATION, "not now");
    expect_error(tasks::tasks_throw_now_blocking("not now either"), INVALID_OPERATION, "not now either");

    // Text C would cut short: the operation never starts, and the future says why.
    expect_error(block_on(tasks::tasks_greet("nul\0cut")), INVALID_ARGUMENT, "NUL character");
    expect_error(tasks::tasks_greet_blocking("nul\0cut"), INVALID_ARGUMENT, "NUL character");

    // A handle the library refuses: the start function returns NULL and never calls back.
    let counter = tasks::tasks_counter_later_blocking(0).unwrap().expect("a counter");
    let raw = counter.into_raw();
    unsafe { tasks::ffi::tasks_counter_free(raw) };
    // SAFETY (for the test only): a stale handle the library must refuse; never dropped, so never freed twice.
    let stale = std::mem::ManuallyDrop::new(unsafe { tasks::Counter::from_raw(raw) });
    expect_error(block_on(stale.next()), INVALID_HANDLE, "");
    expect_error(stale.next_blocking(), INVALID_HANDLE, "");
    assert_eq!(live(), (0, 0));
}

/// Cancellation before, during and after the end, by `cancel` and by dropping the future.
fn cancellation() {
    // cancel() keeps the future, which then gives how the operation ended.
    let forever = tasks::tasks_forever();
    forever.cancel();
    expect_error(block_on(forever), CANCELLED, "cancel");

    // During: polled, pending, then cancelled; the callback comes on one of the library's threads.
    let mut forever = tasks::tasks_forever();
    assert!(poll_once(&mut forever).is_pending());
    thread::sleep(Duration::from_millis(20));
    assert!(!forever.is_ended());
    forever.cancel();
    expect_error(block_on(forever), CANCELLED, "cancel");

    // A method without a token ends at once as CANCELLED: its callback runs inside cancel().
    let sleep = tasks::tasks_sleep(60_000);
    sleep.cancel();
    assert!(sleep.is_ended());
    expect_error(block_on(sleep), CANCELLED, "cancel");

    // After the end, cancel changes nothing.
    let sum = tasks::tasks_add_later(1, 1, 0);
    assert!(sum.is_ended());
    sum.cancel();
    assert_eq!(block_on(sum), Ok(2));

    // Dropped while pending: the drop cancels, so the callback comes (within the test's time, not in a
    // minute) and wakes the last poll's waker, which the state, outliving the future, still holds; then
    // the state goes, and that waker's last clone with it.
    dropped_while_pending(tasks::tasks_forever());
    dropped_while_pending(tasks::tasks_add_later(1, 2, 60_000));
    dropped_while_pending(tasks::tasks_sleep(60_000));
    dropped_while_pending(tasks::tasks_counter_later(5));

    // Dropped at once, never polled: cancelled, the handle freed, a result that still arrives freed.
    drop(tasks::tasks_forever());
    drop(tasks::tasks_sleep(60_000));
    for start in 0..50 {
        drop(tasks::tasks_greet("late"));
        drop(tasks::tasks_counter_later(start));
        drop(tasks::tasks_add_later(start as i32, 1, 2));
    }
    // Dropped after the end, never polled: the result (a string, a counter) is freed with the future.
    let greeting = tasks::tasks_greet("unread");
    let counter = tasks::tasks_counter_later(7);
    eventually("both operations ended", || greeting.is_ended() && counter.is_ended());
    drop((greeting, counter));
    // Dropped after being polled once, while pending.
    let mut pending = tasks::tasks_add_later(1, 2, 50);
    assert!(poll_once(&mut pending).is_pending());
    drop(pending);
    eventually("late results freed", || live() == (0, 0));
}

/// Polls `operation` once, with a waker that unparks this thread (`Operation` is `Unpin`).
fn poll_once<T>(operation: &mut Operation<T>) -> Poll<Result<T, Error>> {
    let waker = Waker::from(Arc::new(Unpark(thread::current())));
    Pin::new(operation).poll(&mut Context::from_waker(&waker))
}

/// A waker that counts its wakes; how many clones of it are alive tells whether a state still holds it.
struct Count(AtomicUsize);

impl Wake for Count {
    fn wake(self: Arc<Self>) {
        self.0.fetch_add(1, Ordering::SeqCst);
    }
}

fn dropped_while_pending<T>(mut operation: Operation<T>) {
    let count = Arc::new(Count(AtomicUsize::new(0)));
    let waker = Waker::from(Arc::clone(&count));
    // A counter may be ready already; every other operation here runs for a minute, or for ever.
    if Pin::new(&mut operation).poll(&mut Context::from_waker(&waker)).is_ready() {
        return;
    }
    drop(waker);
    drop(operation);
    eventually("the dropped operation's callback and the end of its state", || {
        count.0.load(Ordering::SeqCst) == 1 && Arc::strong_count(&count) == 1
    });
}

/// 1,200 operations of three kinds started on this thread, awaited as one join on each of six threads
/// (the futures move there: `Operation` is `Send`), and 1,000 calls of one counter's async method from
/// four threads at once.
fn concurrency() {
    let mut sums: Vec<Vec<Operation<i32>>> = (0..6).map(|_| Vec::new()).collect();
    let mut greetings: Vec<Vec<Operation<Option<String>>>> = (0..6).map(|_| Vec::new()).collect();
    for i in 0..600 {
        // Half end inside the start call, half on the library's threads a little later.
        sums[i % 6].push(tasks::tasks_add_later(i as i32, 7, if i % 2 == 0 { 0 } else { 1 + (i % 3) as i32 }));
        greetings[i % 6].push(tasks::tasks_greet(&format!("n{i}")));
    }
    let threads: Vec<_> = sums
        .into_iter()
        .zip(greetings)
        .enumerate()
        .map(|(t, (sums, greetings))| {
            thread::spawn(move || {
                let sums = block_on(join_all(sums));
                for (k, sum) in sums.into_iter().enumerate() {
                    assert_eq!(sum, Ok((t + 6 * k) as i32 + 7));
                }
                // A third dropped, ended or not (racing their callbacks), the rest awaited.
                let kept: Vec<_> = greetings.into_iter().enumerate().filter(|(k, _)| k % 3 != 0).collect();
                let (numbers, greetings): (Vec<usize>, Vec<_>) = kept.into_iter().unzip();
                let greetings = block_on(join_all(greetings));
                for (k, greeting) in numbers.into_iter().zip(greetings) {
                    assert_eq!(greeting.unwrap(), Some(format!("hello, n{}", t + 6 * k)));
                }
            })
        })
        .collect();
    for thread in threads {
        thread.join().unwrap();
    }

    let counter = Arc::new(tasks::tasks_counter_later_blocking(0).unwrap().expect("a counter"));
    let threads: Vec<_> = (0..4)
        .map(|_| {
            let counter = Arc::clone(&counter);
            thread::spawn(move || block_on(join_all((0..250).map(|_| counter.next()).collect())))
        })
        .collect();
    let mut values: Vec<i64> = threads.into_iter().flat_map(|thread| thread.join().unwrap()).map(Result::unwrap).collect();
    values.sort_unstable();
    assert_eq!(values, (1..=1000).collect::<Vec<i64>>());
    assert_eq!(counter.value(), Ok(1000));
}
