//! The same three functions as ../../ours/Api.cs, as a Rust `cdylib`.
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
