//! The browser binding: the only file that knows wasm-bindgen. JSON text in, JSON text out,
//! identical to the CLI's; errors become a JS `Error` carrying the CLI's message.

use wasm_bindgen::prelude::*;

// Talc instead of dlmalloc: a few KB smaller, and faster (single-threaded wasm, no atomics).
#[global_allocator]
static TALC: talc::wasm::WasmDynamicTalc = talc::wasm::new_wasm_dynamic_allocator();

use crate::api;
use crate::date::Date;
use crate::evaluate::Options;

fn js_error(e: impl std::fmt::Display) -> JsError {
    JsError::new(&e.to_string())
}

fn day(today: &str) -> Result<Date, JsError> {
    Date::parse(today).ok_or_else(|| js_error(format!("today: bad date \"{today}\", expected YYYY-MM-DD")))
}

/// Evaluates a profile (JSON text) on `today` (YYYY-MM-DD, used when the profile has no `as_of`).
#[wasm_bindgen]
pub fn evaluate(profile: &str, today: &str, all: bool) -> Result<String, JsError> {
    api::eval_json(profile, day(today)?, Options { all }).map_err(js_error)
}

/// Evaluates a profile at every place, ranked.
#[wasm_bindgen]
pub fn compare(profile: &str, today: &str) -> Result<String, JsError> {
    api::compare_json(profile, day(today)?).map_err(js_error)
}

/// What one more fact would gain (the what-if list).
#[wasm_bindgen(js_name = whatIf)]
pub fn what_if(profile: &str, today: &str) -> Result<String, JsError> {
    api::what_if_json(profile, day(today)?).map_err(js_error)
}

/// The jurisdictions.
#[wasm_bindgen]
pub fn places() -> Result<String, JsError> {
    api::places_json().map_err(js_error)
}

/// The form schema.
#[wasm_bindgen]
pub fn schema() -> Result<String, JsError> {
    api::schema_json().map_err(js_error)
}

/// The honours catalogue.
#[wasm_bindgen]
pub fn honours() -> Result<String, JsError> {
    api::honours_json().map_err(js_error)
}
