//! A Rust program that uses libbnd through the crate `cdylib bindings --lang rust` writes (`bnd/`): no
//! `extern "C"` by hand. Every function of the library is called, and each result checked. It is the
//! `src/main.rs` of a cargo package with `bnd = { path = "…/bnd" }` as its dependency (and a build
//! script giving the program an rpath to the library); the tests build and run it so
//! (tests/Cdylib.EndToEnd.Tests/BoundaryTests.cs). Exits non-zero (a panic) on failure.
use std::sync::atomic::{AtomicUsize, Ordering};

fn main() -> Result<(), bnd::Error> {
    // The library's own version and hash, against the ones the crate was generated from.
    bnd::bnd_init()?;
    assert_eq!(bnd::bnd_abi_version()?, bnd::ABI_VERSION);
    assert_eq!(bnd::bnd_api_hash()?, bnd::API_HASH);

    // Strings both ways; NULL only where the C# side says `string?`.
    assert_eq!(bnd::bnd_greet("Rust")?.as_deref(), Some("Hello, Rust!"));
    assert_eq!(bnd::bnd_length(Some("héllo"))?, 5);
    assert_eq!(bnd::bnd_length(None)?, -1);
    assert_eq!(bnd::bnd_upper(Some("abc"))?.as_deref(), Some("ABC"));
    assert_eq!(bnd::bnd_upper(None)?, None);
    assert_eq!(bnd::bnd_repeat("ab", 3)?.as_deref(), Some("ababab"));
    assert_eq!(bnd::bnd_split("key=value")?, (true, Some("key".to_string()), Some("value".to_string())));
    assert_eq!(bnd::bnd_split("novalue")?, (false, Some("novalue".to_string()), None));

    // A NUL would cut the text short in C: an error, not a truncated string.
    let error = bnd::bnd_greet("nul\0cut").unwrap_err();
    assert_eq!(error.code, bnd::error_codes::INVALID_ARGUMENT);
    assert!(error.message.contains("name contains a NUL character"), "{error}");

    // Recorded errors come back as Err with the code; the status form too.
    let error = bnd::bnd_repeat("x", -1).unwrap_err();
    assert_eq!(error.code, bnd::error_codes::INVALID_ARGUMENT);
    assert!(error.message.contains("count must not be negative"), "{error}");
    assert_eq!(bnd::bnd_parse("1234")?, 1234);
    let error = bnd::bnd_parse("12x").unwrap_err();
    assert_eq!(error.code, bnd::error_codes::INVALID_ARGUMENT);
    assert!(error.message.contains("'12x' is not a number"), "{error}");
    assert_eq!(bnd::bnd_utf8_length("héllo")?, 6);

    // Slices in (zero-copy), Vecs out (copied, then freed by the library).
    assert_eq!(bnd::bnd_checksum(b"abc")?, 440920331);
    assert_eq!(bnd::bnd_sum(&[1, -2, 30, 400])?, 429);
    let mut values = [1.5, -2.0];
    bnd::bnd_double_all(&mut values)?;
    assert_eq!(values, [3.0, -4.0]);
    assert_eq!(bnd::bnd_squares(5)?, Some(vec![0, 1, 4, 9, 16]));
    assert_eq!(bnd::bnd_reverse_bytes("abc")?, Some(b"cba".to_vec()));
    assert_eq!(bnd::bnd_reverse_bytes("")?, Some(vec![]));
    assert_eq!(bnd::bnd_nothing()?, None);

    // out values come back in a tuple; ref and in are references; optional values are Options.
    assert_eq!(bnd::bnd_divide(17, 5)?, (3, 2));
    let mut counted = 40;
    bnd::bnd_bump(&mut counted, &2)?;
    assert_eq!(counted, 42);
    let mut flag = false;
    bnd::bnd_toggle(&mut flag)?;
    assert!(flag);
    assert_eq!(bnd::bnd_increment_optional(Some(41))?, 42);
    assert_eq!(bnd::bnd_increment_optional(None)?, -1);
    assert_eq!(bnd::bnd_next_color(bnd::Color::Blue)?, bnd::Color::Red);
    let mut outcome = bnd::Outcome::Lost;
    bnd::bnd_reverse_outcome(&mut outcome)?;
    assert_eq!(outcome, bnd::Outcome::Won);
    assert_eq!(bnd::bnd_widen(bnd::Wide::Low)?, bnd::Wide::Low | bnd::Wide::High);
    // An enum is a value type over its C integer, its members associated constants: any value may arrive.
    assert_eq!((bnd::Color::Blue.0, bnd::Outcome::Worst.0, bnd::Wide::High.0), (4u8, i32::MIN, 1u64 << 63));
    assert_eq!(format!("{:?} {:?}", bnd::Color::Green, bnd::Color(3)), "Green Color(3)");

    // Structs by value, by reference, in slices and in Vecs.
    let area_box = bnd::Box { Min: bnd::Point { X: 1, Y: 2 }, Max: bnd::Point { X: 4, Y: 6 }, Fill: bnd::Color::Blue };
    assert_eq!(bnd::bnd_box_area(area_box)?, 12);
    let moved = bnd::bnd_translate(area_box, bnd::Point { X: 10, Y: -1 })?;
    assert_eq!((moved.Min.X, moved.Max.Y, moved.Fill), (11, 5, bnd::Color::Blue));
    let mut upside_down = bnd::Box { Min: area_box.Max, Max: area_box.Min, Fill: bnd::Color::Red };
    bnd::bnd_normalize(&mut upside_down)?;
    assert_eq!((upside_down.Min.X, upside_down.Min.Y, upside_down.Max.X, upside_down.Max.Y), (1, 2, 4, 6));
    let centre = bnd::bnd_centroid(&[bnd::Point { X: 0, Y: 0 }, bnd::Point { X: 4, Y: 2 }])?;
    assert_eq!((centre.X, centre.Y), (2, 1));
    assert_eq!(bnd::bnd_centroid(&[]).unwrap_err().code, bnd::error_codes::INVALID_ARGUMENT);
    let corners: Vec<(i32, i32)> = bnd::bnd_corners(area_box)?.expect("corners").iter().map(|p| (p.X, p.Y)).collect();
    assert_eq!(corners, [(1, 2), (4, 2), (4, 6), (1, 6)]);
    let mut samples = [1.5, 2.5, 3.0];
    let described = bnd::Samples { Tag: 1, Values: samples.as_mut_ptr(), Count: 3 };
    assert_eq!(bnd::bnd_samples_sum(&described)?, 7.0);
    let packed = bnd::bnd_packed(7, -5)?;
    let (a, b) = (packed.A, packed.B); // copied out: a packed field cannot be borrowed
    assert_eq!((a, b, std::mem::size_of::<bnd::Packed>()), (7, -5, 5));

    // Callbacks: a closure (through a trampoline, its state as user_data); a panic in it resumes here.
    let mut seen = Vec::new();
    assert_eq!(bnd::bnd_for_each(4, |item| { seen.push(item); item * item })?, 14);
    assert_eq!(seen, [0, 1, 2, 3]);
    let error = bnd::bnd_for_each(4, |item| if item == 2 { -1 } else { item }).unwrap_err();
    assert_eq!(error.code, bnd::error_codes::INVALID_OPERATION);
    assert!(error.message.contains("the callback refused item 2"), "{error}");
    let calls = AtomicUsize::new(0);
    let hook = std::panic::take_hook();
    std::panic::set_hook(Box::new(|_| {})); // the panic below is expected: no message for it
    let panicked = std::panic::catch_unwind(|| {
        let _ = bnd::bnd_for_each(4, |item| {
            calls.fetch_add(1, Ordering::SeqCst);
            if item == 1 {
                panic!("panicked in the closure");
            }
            item
        });
    });
    std::panic::set_hook(hook);
    let payload = panicked.expect_err("the closure's panic resumed");
    assert_eq!(payload.downcast_ref::<&str>(), Some(&"panicked in the closure"));
    assert_eq!(calls.load(Ordering::SeqCst), 2); // not called again after it panicked
    let mut called = 0;
    let error = bnd::bnd_call_then_fail(|| called += 1).unwrap_err();
    assert_eq!((called, error.code), (1, bnd::error_codes::NOT_SUPPORTED));
    // The raw form takes a C function pointer and user_data as they are.
    unsafe extern "C" fn square(item: i32, _user_data: *mut std::ffi::c_void) -> i32 {
        item * item
    }
    assert_eq!(unsafe { bnd::bnd_for_each_raw(4, Some(square), std::ptr::null_mut()) }?, 14);

    // Handles: structs with the C# class's methods, freed on drop; the free functions stay available.
    fn send_and_sync<T: Send + Sync>() {}
    send_and_sync::<bnd::Counter>();
    send_and_sync::<bnd::Journal>();
    {
        let counter = bnd::Counter::create(40)?.expect("a counter");
        assert_eq!(counter.add(2)?, 42);
        assert_eq!(bnd::bnd_counter_add(&counter, 1)?, 43);
        assert_eq!(counter.value()?, 43);
        assert_eq!(bnd::bnd_counter_value(&counter)?, 43);
        assert_eq!(counter.describe()?.as_deref(), Some("counter at 43"));
        assert_eq!(bnd::bnd_counter_describe(&counter)?.as_deref(), Some("counter at 43"));
        let other = bnd::bnd_counter_new(7)?.expect("a counter");
        assert_eq!(bnd::Counter::merge(&counter, Some(&other))?.expect("a sum").value()?, 50);
        assert_eq!(bnd::bnd_counter_merge(&counter, None)?.expect("a copy").value()?, 43);

        // Send + Sync: one counter shared by four threads.
        std::thread::scope(|scope| {
            for _ in 0..4 {
                scope.spawn(|| {
                    for _ in 0..1000 {
                        counter.add(1).expect("an add");
                    }
                });
            }
        });
        assert_eq!(counter.value()?, 4043);
        // ... and moved to another thread, which drops (frees) it there.
        std::thread::spawn(move || assert_eq!(other.value().expect("a value"), 7)).join().expect("a thread");
        assert_eq!(bnd::bnd_live_handles()?, 1);
    } // dropped: freed
    assert_eq!(bnd::bnd_live_handles()?, 0);

    let disposed_before = bnd::bnd_journals_disposed()?;
    {
        let journal = bnd::Journal::create()?.expect("a journal");
        journal.write("first")?;
        bnd::bnd_journal_write(&journal, "second")?;
        assert_eq!(journal.write("third\0hidden").unwrap_err().code, bnd::error_codes::INVALID_ARGUMENT);
        assert_eq!(journal.text()?.as_deref(), Some("first\nsecond\n"));
        let other = bnd::bnd_journal_new()?.expect("a journal");
        assert_eq!(bnd::bnd_journal_text(&other)?.as_deref(), Some(""));
    }
    assert_eq!(bnd::Journal::disposed()?, disposed_before + 2);

    // One object is one handle: each return is an owner with a value of its own, whose Drop frees one;
    // the last disposes the object.
    {
        let disposed = bnd::bnd_journals_disposed()?;
        let first = bnd::bnd_journal_shared()?.expect("the shared journal");
        let second = bnd::Journal::shared()?.expect("the shared journal");
        assert_eq!(first.as_ptr(), second.as_ptr());
        let again = first.self_()?.expect("the same journal");
        let more = bnd::bnd_journal_self(&second)?.expect("the same journal");
        assert_eq!((again.as_ptr(), more.as_ptr()), (first.as_ptr(), first.as_ptr()));
        assert_eq!(bnd::bnd_live_handles()?, 1);
        drop((again, more, first));
        second.write("still here")?;
        assert_eq!(second.text()?.as_deref(), Some("still here\n"));
        assert_eq!(bnd::bnd_journals_disposed()?, disposed);
        drop(second);
        assert_eq!(bnd::bnd_journals_disposed()?, disposed + 1);
    }

    // A handle taken out of its value with into_raw is the caller's to free (here through ffi), and
    // from_raw gives it a value again; as_ptr lends it and leaves the freeing to Drop.
    {
        let counter = bnd::bnd_counter_new(5)?.expect("a counter");
        let raw = counter.into_raw();
        assert_eq!(bnd::bnd_live_handles()?, 1);
        let counter = unsafe { bnd::Counter::from_raw(raw) };
        assert_eq!(counter.value()?, 5);
        let raw = counter.into_raw();
        unsafe { bnd::ffi::bnd_counter_free(raw) };
        assert_eq!(bnd::bnd_live_handles()?, 0);
    }

    assert_eq!(bnd::bnd_live_allocations()?, 0);
    assert_eq!(bnd::bnd_live_handles()?, 0);
    println!("bindings_consumer.rs: all checks passed");
    Ok(())
}
