//! examples/hello_world's function as a Rust `cdylib`: the seed walkthrough's library.

/// Returns 123.
#[allow(non_snake_case)]
#[no_mangle]
pub extern "system" fn HelloWorld() -> i32 {
    123
}
