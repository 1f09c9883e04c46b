//! Arbitrary bytes as profile JSON, through every command of the CLI and the wasm export, and as
//! the export's options.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = rencai_fuzz::text_of(data);
    rencai_fuzz::check_profile(rencai_fuzz::catalog(), &text);
    rencai_fuzz::check_options(&text);
});
