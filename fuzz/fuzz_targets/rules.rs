//! Mutated rules files (documents, fields.toml, places.toml) through the loader, the quote
//! check, the codec, evaluation on the loaded catalogue, and the formatter.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    // The loader reads files as UTF-8 (`read_to_string`): other bytes never reach it.
    if let Ok(text) = std::str::from_utf8(data) {
        rencai_fuzz::rules::check_rules_text(text);
    }
});
