//! What the fuzz targets share: the path a profile takes through the CLI and the wasm export
//! (`api::*_json` on the embedded catalogue), the invariants every answer must keep, and the
//! structure-aware profile generator.
//!
//! # Invariants
//! - nothing panics (a panic traps the wasm instance: `panic = "abort"`);
//! - every command reads a profile with the same parser, so all of them accept it or all reject
//!   it with the same error;
//! - an error is one line, and what it quotes of the input is at most 80 characters, so its
//!   length never grows with the input;
//! - an answer is valid JSON.

use rencai::{api, Catalog, Date, Options, ProfileError};
use serde::de::IgnoredAny;

pub mod rules;
pub mod structured;

/// The most characters of the input an error quotes (`value`, and `field` for an unknown field),
/// plus the "…" that marks a cut.
pub const MAX_QUOTED: usize = 80 + 1;

/// The embedded catalogue, as the CLI and the wasm export answer from it.
pub fn catalog() -> &'static Catalog {
    rencai::embedded().expect("the embedded catalogue decodes")
}

/// The day to judge on when a profile has no `as_of`: fixed, so every finding replays.
pub fn today() -> Date {
    Date::new(2024, 6, 30).expect("a real day")
}

/// Whether a text would print as more than one line (or carry a control character).
fn breaks_line(text: &str) -> bool {
    text.chars()
        .any(|c| c.is_control() || matches!(c, '\u{2028}' | '\u{2029}'))
}

/// The invariants of a rejected profile.
pub fn check_error(e: &ProfileError) {
    let line = e.to_string();
    assert!(!breaks_line(&line), "the error is not one line: {line:?}");
    assert!(
        line.starts_with("profile: "),
        "the error does not say it is the profile's: {line:?}"
    );
    assert!(e.field.chars().count() <= MAX_QUOTED, "field quoted whole: {line:?}");
    if let Some(v) = &e.value {
        assert!(!breaks_line(v), "the value is not one line: {v:?}");
        assert!(v.chars().count() <= MAX_QUOTED, "value quoted whole: {v:?}");
    }
    // The accepted values come from the vocabulary, never from the input.
    assert!(e.accepted.chars().count() <= 4096, "accepted list too long: {line:?}");
    assert!(!breaks_line(&e.accepted), "accepted is not one line: {line:?}");
    // What the message adds to `accepted` is fixed text and quotes bounded by MAX_QUOTED.
    assert!(
        line.chars().count() <= e.accepted.chars().count() + 4 * MAX_QUOTED + 200,
        "the error grows with the input ({} characters): {line:?}",
        line.chars().count()
    );
}

fn check_json(out: &str, what: &str) {
    if let Err(e) = serde_json::from_str::<IgnoredAny>(out) {
        panic!("{what}: the answer is not JSON ({e}): {out:.200}");
    }
}

/// Runs profile JSON text through every command of the CLI and the wasm export (eval without
/// and with `--all --full`, compare, what-if, form) and checks the invariants.
pub fn check_profile(catalog: &Catalog, text: &str) {
    let today = today();
    let plain = Options {
        all: false,
        full: false,
    };
    let all = Options { all: true, full: true };
    match api::eval_json(catalog, text, today, plain) {
        Err(e) => {
            check_error(&e);
            // The other commands parse first too: the same rejection, and no evaluation at all.
            assert_eq!(api::eval_json(catalog, text, today, all).err().as_ref(), Some(&e));
            assert_eq!(api::compare_json(catalog, text, today).err().as_ref(), Some(&e));
            assert_eq!(api::what_if_json(catalog, text, today).err().as_ref(), Some(&e));
            assert_eq!(api::form_json(catalog, text, today).err().as_ref(), Some(&e));
        }
        Ok(out) => {
            check_json(&out, "eval");
            let answers = [
                ("eval --all --full", api::eval_json(catalog, text, today, all)),
                ("compare", api::compare_json(catalog, text, today)),
                ("what-if", api::what_if_json(catalog, text, today)),
                ("form", api::form_json(catalog, text, today)),
            ];
            for (what, answer) in answers {
                match answer {
                    Ok(out) => check_json(&out, what),
                    Err(e) => panic!("{what} rejects what eval accepts: {e}"),
                }
            }
        }
    }
}

/// The options of the wasm export (`{ today?, all?, detail? }` and `{ today? }`), read from JSON
/// text: a value or an error of one line, bounded whatever the input.
pub fn check_options(text: &str) {
    let Ok(json) = serde_json::from_str::<serde_json::Value>(text) else {
        return;
    };
    let errors = [
        api::EvaluateOptions::from_json(&json).err(),
        api::DateOptions::from_json(&json).err(),
    ];
    for message in errors.into_iter().flatten() {
        assert!(!breaks_line(&message), "options error not one line: {message:?}");
        assert!(
            message.chars().count() <= 300,
            "options error grows with the input: {message:?}"
        );
    }
}

/// Input bytes as the engine meets them: UTF-8 text as is; anything else as the wasm export
/// receives it from a JS string (invalid sequences replaced by U+FFFD). The CLI refuses invalid
/// UTF-8 before parsing (`read_to_string`).
pub fn text_of(data: &[u8]) -> std::borrow::Cow<'_, str> {
    String::from_utf8_lossy(data)
}
