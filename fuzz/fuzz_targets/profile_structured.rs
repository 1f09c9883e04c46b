//! Profiles built from the vocabulary (valid values, near misses, huge numbers, duplicate keys,
//! deep nesting, long strings, wrong types), written as JSON text, through every command.
#![no_main]

use libfuzzer_sys::fuzz_target;
use rencai_fuzz::structured::Input;

fuzz_target!(|input: Input| {
    let catalog = rencai_fuzz::catalog();
    rencai_fuzz::check_profile(catalog, &input.to_json(catalog));
});
