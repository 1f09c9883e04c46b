//! The browser binding: the only file that knows wasm-bindgen. JSON text in, JSON text out,
//! identical to the CLI's; errors become a JS `Error` carrying the CLI's message and, for bad
//! input, `field`, `value` and `accepted` properties.

use wasm_bindgen::prelude::*;

// Talc instead of dlmalloc: a few KB smaller, and faster (single-threaded wasm, no atomics).
#[global_allocator]
static TALC: talc::wasm::WasmDynamicTalc = talc::wasm::new_wasm_dynamic_allocator();

use crate::{api, embedded, Catalog, Date, Options, ProfileError, CORRUPT};

/// A JS `Error` with the message and, where given, `field`, `value` and `accepted`.
fn error(message: &str, parts: Option<(&str, Option<&str>, &str)>) -> JsValue {
    let e = js_sys::Error::new(message);
    if let Some((field, value, accepted)) = parts {
        let set = |k: &str, v: JsValue| {
            // Setting a property on a fresh Error object cannot fail.
            let _ = js_sys::Reflect::set(&e, &JsValue::from_str(k), &v);
        };
        set("field", JsValue::from_str(field));
        set("value", value.map_or(JsValue::NULL, JsValue::from_str));
        set("accepted", JsValue::from_str(accepted));
    }
    e.into()
}

fn js_error(e: ProfileError) -> JsValue {
    error(&e.to_string(), Some((&e.field, e.value.as_deref(), &e.accepted)))
}

fn catalog() -> Result<&'static Catalog, JsValue> {
    embedded().ok_or_else(|| error(CORRUPT, None))
}

fn day(today: &str) -> Result<Date, JsValue> {
    Date::parse(today).ok_or_else(|| {
        error(
            &format!("today: bad date \"{today}\", expected YYYY-MM-DD"),
            Some(("today", Some(today), "a real day as YYYY-MM-DD")),
        )
    })
}

/// Evaluates a profile (JSON text) on `today` (YYYY-MM-DD, used when the profile has no `as_of`);
/// `all` adds ineligible results, `full` the interpretation notes.
#[wasm_bindgen]
pub fn evaluate(profile: &str, today: &str, all: bool, full: bool) -> Result<String, JsValue> {
    api::eval_json(catalog()?, profile, day(today)?, Options { all, full }).map_err(js_error)
}

/// Evaluates a profile at every place, ranked.
#[wasm_bindgen]
pub fn compare(profile: &str, today: &str) -> Result<String, JsValue> {
    api::compare_json(catalog()?, profile, day(today)?).map_err(js_error)
}

/// What one more fact would gain (the what-if list).
#[wasm_bindgen(js_name = whatIf)]
pub fn what_if(profile: &str, today: &str) -> Result<String, JsValue> {
    api::what_if_json(catalog()?, profile, day(today)?).map_err(js_error)
}

/// Which facts to ask first at the profile's place and date (the form's plan).
#[wasm_bindgen]
pub fn form(profile: &str, today: &str) -> Result<String, JsValue> {
    api::form_json(catalog()?, profile, day(today)?).map_err(js_error)
}

/// The jurisdictions.
#[wasm_bindgen]
pub fn places() -> Result<String, JsValue> {
    Ok(api::places_json(catalog()?))
}

/// The form schema.
#[wasm_bindgen]
pub fn schema() -> Result<String, JsValue> {
    Ok(api::schema_json(catalog()?))
}

/// The honours catalogue.
#[wasm_bindgen]
pub fn honours() -> Result<String, JsValue> {
    Ok(api::honours_json(catalog()?))
}
