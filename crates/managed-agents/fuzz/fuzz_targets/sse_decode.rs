//! Fuzz target: the SSE decoder and event decoding (see `../check.rs` for the property).
#![no_main]

include!("../check.rs");

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    fuzz_check(data);
});
