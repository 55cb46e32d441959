//! The same functions as ../../ours/Api.cs, as a Rust `cdylib`.
use std::ffi::{c_char, CStr};

/// a + b, wrapping.
#[no_mangle]
pub extern "C" fn add(a: i32, b: i32) -> i32 {
    a.wrapping_add(b)
}

/// The UTF-8 byte count of a NUL-terminated UTF-8 string; 0 for NULL or invalid UTF-8.
///
/// # Safety
/// `text` is NULL or a NUL-terminated string.
#[no_mangle]
pub unsafe extern "C" fn str_len(text: *const c_char) -> usize {
    if text.is_null() {
        return 0;
    }
    match CStr::from_ptr(text).to_str() {
        Ok(s) => s.len(),
        Err(_) => 0,
    }
}

/// The sum of the bytes; NULL is fine only with length 0.
///
/// # Safety
/// `data` points to `len` readable bytes.
#[no_mangle]
pub unsafe extern "C" fn span_sum(data: *const u8, len: usize) -> u64 {
    if data.is_null() {
        return 0;
    }
    std::slice::from_raw_parts(data, len).iter().map(|&b| b as u64).sum()
}

/// The handle type: C holds the `Box`'s pointer.
pub struct Counter {
    value: i64,
}

/// A new counter starting at `start`; free it with `counter_free`.
#[no_mangle]
pub extern "C" fn counter_new(start: i64) -> *mut Counter {
    Box::into_raw(Box::new(Counter { value: start }))
}

/// Adds `amount` (wrapping) and returns the new value; 0 for NULL.
///
/// # Safety
/// `counter` is NULL or came from `counter_new` and was not freed.
#[no_mangle]
pub unsafe extern "C" fn counter_add(counter: *mut Counter, amount: i64) -> i64 {
    match counter.as_mut() {
        Some(c) => {
            c.value = c.value.wrapping_add(amount);
            c.value
        }
        None => 0,
    }
}

/// Ends a counter; NULL is fine.
///
/// # Safety
/// `counter` is NULL or came from `counter_new` and was not freed.
#[no_mangle]
pub unsafe extern "C" fn counter_free(counter: *mut Counter) {
    if !counter.is_null() {
        drop(Box::from_raw(counter));
    }
}
