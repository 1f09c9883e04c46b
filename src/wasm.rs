//! The browser binding: the only file that knows wasm-bindgen. Plain JS objects in and out: a
//! profile or options object is read through its JSON text (`JSON.stringify`, then the same parser
//! as the CLI's), and answers are the CLI's JSON text parsed by the JS engine (`null` is `null`,
//! maps are objects), deep-equal to `JSON.parse` of the CLI's output for the same input. The functions are typed by the declarations the build script generates from
//! the Rust types (`types.d.ts`). Errors are JS `Error`s carrying the CLI's message and, for bad
//! input, `field`, `value` and `accepted`; once the package registers its `ProfileError` class
//! (`setErrorClass`), they are instances of it.
//!
//! # Design
//! The page's build of this module decides but holds no rule's words (build.rs, `RENCAI_WASM`):
//! a report is a decision (`decidePacked`: numbers) joined in the package with the text packs, so
//! there is no `evaluate` here; the package's `evaluate` and `evaluateJson` are that join, the
//! CLI's text byte for byte (a package test, on every case).

use serde::Serialize;
use serde_json::Value as Json;
use wasm_bindgen::prelude::*;

// Talc instead of dlmalloc: a few KB smaller, and faster (single-threaded wasm, no atomics).
#[global_allocator]
static TALC: talc::wasm::WasmDynamicTalc = talc::wasm::new_wasm_dynamic_allocator();

use crate::api::{self, DateOptions, EvaluateOptions};
use crate::{embedded, evaluate as evaluate_profile, Catalog, Date, Profile, ProfileError, Report, CORRUPT};

#[wasm_bindgen(typescript_custom_section)]
const TYPES: &str = include_str!(concat!(env!("OUT_DIR"), "/types.d.ts"));

#[wasm_bindgen]
extern "C" {
    /// The options of `evaluate` (typed by the generated `EvaluateOptions`).
    #[wasm_bindgen(typescript_type = "EvaluateOptions")]
    pub type EvaluateOptionsArg;
    /// The options of `compare`, `whatIf` and `form` (typed by the generated `DateOptions`).
    #[wasm_bindgen(typescript_type = "DateOptions")]
    pub type DateOptionsArg;
}

thread_local! {
    /// The class bad input is thrown as (the package's `ProfileError`), once registered.
    static ERROR_CLASS: std::cell::RefCell<Option<js_sys::Function>> = const { std::cell::RefCell::new(None) };
}

/// Registers the class bad input is thrown as: a subclass of `Error` whose constructor takes the
/// message (the package's `ProfileError`). Without it, a plain `Error` with the same properties.
#[wasm_bindgen(js_name = setErrorClass)]
pub fn set_error_class(class: js_sys::Function) {
    ERROR_CLASS.with(|c| *c.borrow_mut() = Some(class));
}

/// A JS `Error` (or the registered class) with the message and, where given, `field`, `value`
/// and `accepted`.
fn error(message: &str, parts: Option<(&str, Option<&str>, &str)>) -> JsValue {
    let registered = parts.and_then(|_| ERROR_CLASS.with(|c| c.borrow().clone()));
    let e: JsValue = registered
        .and_then(|class| js_sys::Reflect::construct(&class, &js_sys::Array::of1(&JsValue::from_str(message))).ok())
        .unwrap_or_else(|| js_sys::Error::new(message).into());
    if let Some((field, value, accepted)) = parts {
        let set = |k: &str, v: JsValue| {
            // Setting a property on a fresh Error object cannot fail.
            let _ = js_sys::Reflect::set(&e, &JsValue::from_str(k), &v);
        };
        set("field", JsValue::from_str(field));
        set("value", value.map_or(JsValue::NULL, JsValue::from_str));
        set("accepted", JsValue::from_str(accepted));
    }
    e
}

fn js_error(e: ProfileError) -> JsValue {
    error(&e.to_string(), Some((&e.field, e.value.as_deref(), &e.accepted)))
}

fn catalog() -> Result<&'static Catalog, JsValue> {
    embedded().ok_or_else(|| error(CORRUPT, None))
}

/// The caller's local date, read from the browser (or Node) clock: the core never reads one.
fn local_today() -> Date {
    let now = js_sys::Date::new_0();
    let text = format!(
        "{:04}-{:02}-{:02}",
        now.get_full_year(),
        now.get_month() + 1,
        now.get_date()
    );
    Date::parse(&text).unwrap_or_else(|| Date::parse("2000-01-01").expect("a valid date"))
}

/// A value as an error echoes it: its first 80 characters, control characters escaped, as the
/// profile's errors do.
fn cut(text: &str) -> String {
    crate::profile::short_text(text, 80)
}

/// A parser's message about the caller's input, which may quote it (an unknown key): its first
/// 200 characters, on one line.
fn cut_message(text: &str) -> String {
    crate::profile::short_text(text, 200)
}

/// `today` as given (YYYY-MM-DD), else the local date.
fn day(today: Option<&str>) -> Result<Date, JsValue> {
    match today {
        None => Ok(local_today()),
        Some(text) => Date::parse(text).ok_or_else(|| {
            let shown = cut(text);
            error(
                &format!("today: bad date \"{shown}\", expected YYYY-MM-DD"),
                Some(("today", Some(&shown), "a real day as YYYY-MM-DD")),
            )
        }),
    }
}

/// An options object (absent, `undefined` and `null` mean none), read through its JSON text.
fn read_options<T>(
    value: Option<impl Into<JsValue>>,
    read: impl FnOnce(&Json) -> Result<T, String>,
) -> Result<T, JsValue> {
    let value = value.map(Into::into).unwrap_or(JsValue::NULL);
    let text = if value.is_undefined() {
        "null".to_string()
    } else {
        js_sys::JSON::stringify(&value)
            .ok()
            .and_then(|s| s.as_string())
            .unwrap_or_default()
    };
    let fail = |message: String| {
        let shown = cut(&text);
        error(
            &format!("options: {}", cut_message(&message)),
            Some((
                "options",
                Some(&shown),
                "an object with today (YYYY-MM-DD), all (true/false), detail (\"full\")",
            )),
        )
    };
    let json: Json = serde_json::from_str(&text).map_err(|e| fail(e.to_string()))?;
    read(&json).map_err(fail)
}

/// A profile given as a plain object (or a JSON string of one), validated: read through its JSON
/// text, so the wasm and the CLI parse the same text the same way.
fn read_profile(catalog: &Catalog, value: JsValue) -> Result<Profile, JsValue> {
    let text = if let Some(text) = value.as_string() {
        text
    } else if value.is_undefined() || value.is_null() {
        "{}".to_string()
    } else {
        js_sys::JSON::stringify(&value)
            .ok()
            .and_then(|s| s.as_string())
            .ok_or_else(|| {
                error(
                    "profile: not a plain object of profile fields",
                    Some(("", None, "an object of profile fields")),
                )
            })?
    };
    Profile::from_json(catalog.vocab(), &text).map_err(js_error)
}

/// A plain object, as JSON gives it (`null`, never `undefined`; maps as objects): the answer's
/// JSON text (the CLI's writer), parsed by the JS engine. Measured against serde-wasm-bindgen's
/// json-compatible serializer, which builds the same objects call by call: as fast or faster for
/// these answers, and 6.5 KB (gzip) less wasm, since every answer type then serializes through
/// one serializer only.
fn to_js<T: Serialize>(value: &T) -> Result<JsValue, JsValue> {
    let text = serde_json::to_string(value).map_err(|e| error(&format!("serializing the answer: {e}"), None))?;
    js_sys::JSON::parse(&text)
}

/// What a report decides, as numbers (the layout of `Report::decision_packed`), from a profile as JSON
/// text: no text to build, copy or parse on the per-keystroke path. The package's `decide` turns
/// it into the same `Decision` object.
#[wasm_bindgen(js_name = decidePacked)]
pub fn decide_packed(
    #[wasm_bindgen(js_name = profileJson)] profile_json: &str,
    options: Option<EvaluateOptionsArg>,
) -> Result<Vec<f64>, JsValue> {
    let o = read_options(options, EvaluateOptions::from_json)?;
    packed(profile_json, o.today.as_deref(), o.report_options())
}

/// The decision of a profile (JSON text) as numbers: the profile read first, then the day.
fn packed(profile_json: &str, today: Option<&str>, options: crate::Options) -> Result<Vec<f64>, JsValue> {
    let catalog = catalog()?;
    let p = Profile::from_json(catalog.vocab(), profile_json).map_err(js_error)?;
    let today = day(today)?;
    Ok(Report::new(evaluate_profile(catalog, &p, today), options).decision_packed())
}

thread_local! {
    /// The decision path's room, kept from call to call: the profile text the package writes in,
    /// and the numbers it reads back: the package writes the one and reads the other in place, so
    /// per keystroke neither goes through a buffer of the glue's (allocated, copied, freed).
    static ROOM: std::cell::RefCell<(Vec<u8>, Vec<f64>)> = const { std::cell::RefCell::new((Vec::new(), Vec::new())) };
}

/// The engine's memory (a `WebAssembly.Memory`): where [`profile_room`] and [`numbers_room`]
/// point.
#[wasm_bindgen(js_name = engineMemory, unchecked_return_type = "WebAssembly.Memory")]
pub fn engine_memory() -> JsValue {
    wasm_bindgen::memory()
}

/// Room for `len` bytes of profile text (UTF-8) to decide on with [`decide_in_room`]: its address
/// in [`memory`], valid until the next call into the engine.
#[wasm_bindgen(js_name = profileRoom)]
pub fn profile_room(len: usize) -> *mut u8 {
    ROOM.with(|room| {
        let text = &mut room.borrow_mut().0;
        text.resize(len, 0);
        text.as_mut_ptr()
    })
}

/// [`decide_packed`] on the first `len` bytes of the profile room, with options already known to
/// be well formed (the package checks them: a plain object of `today` as a string, `all` as a
/// boolean, `detail` as "full", each possibly null) passed as values, so no options text is built
/// and read per keystroke; `today` is still checked as a real day. The numbers stay in the engine,
/// at [`numbers_room`]; returns how many there are.
#[wasm_bindgen(js_name = decideInRoom)]
pub fn decide_in_room(len: usize, today: Option<String>, all: bool) -> Result<usize, JsValue> {
    ROOM.with(|room| {
        let (text, numbers) = &mut *room.borrow_mut();
        let answer = match text.get(..len).and_then(|t| std::str::from_utf8(t).ok()) {
            Some(profile) => packed(profile, today.as_deref(), crate::Options { all, full: false }),
            None => Err(error("profile: not UTF-8 text", None)),
        };
        // Room for a profile's text is kept, but not the megabytes of a hostile one.
        if text.capacity() > 1 << 16 {
            *text = Vec::new();
        }
        *numbers = answer?;
        Ok(numbers.len())
    })
}

/// Where the numbers of the last [`decide_in_room`] are (valid until the next call into the engine).
#[wasm_bindgen(js_name = numbersRoom)]
pub fn numbers_room() -> *const f64 {
    ROOM.with(|room| room.borrow().1.as_ptr())
}

/// `performance.now()` of the page (or Node), in milliseconds; `Date.now()` where there is none.
fn now() -> f64 {
    let global = js_sys::global();
    js_sys::Reflect::get(&global, &JsValue::from_str("performance"))
        .ok()
        .filter(|p| p.is_object())
        .and_then(|p| {
            let f = js_sys::Reflect::get(&p, &JsValue::from_str("now")).ok()?;
            js_sys::Function::from(f).call0(&p).ok()?.as_f64()
        })
        .unwrap_or_else(js_sys::Date::now)
}

/// For the budget report: the decision path's time inside the engine, per call, in ms, over
/// `runs` calls: `[parse the profile, decide, pack the numbers]` (what `decidePacked` does, timed
/// from within, so that the rest of a call's time is the boundary's).
#[wasm_bindgen(js_name = timeDecision)]
pub fn time_decision(
    #[wasm_bindgen(js_name = profileJson)] profile_json: &str,
    options: Option<EvaluateOptionsArg>,
    runs: u32,
) -> Result<Vec<f64>, JsValue> {
    let catalog = catalog()?;
    let o = read_options(options, EvaluateOptions::from_json)?;
    let p = Profile::from_json(catalog.vocab(), profile_json).map_err(js_error)?;
    let today = day(o.today.as_deref())?;
    let runs = runs.max(1);
    let t0 = now();
    for _ in 0..runs {
        std::hint::black_box(Profile::from_json(catalog.vocab(), std::hint::black_box(profile_json)).ok());
    }
    let t1 = now();
    for _ in 0..runs {
        std::hint::black_box(evaluate_profile(catalog, std::hint::black_box(&p), today));
    }
    let t2 = now();
    for _ in 0..runs {
        let report = Report::new(
            evaluate_profile(catalog, std::hint::black_box(&p), today),
            o.report_options(),
        );
        std::hint::black_box(report.decision_packed());
    }
    let t3 = now();
    let per = f64::from(runs);
    Ok(vec![(t1 - t0) / per, (t2 - t1) / per, ((t3 - t2) - (t2 - t1)) / per])
}

/// What every decision needs beside the words (JSON text of a `PageHead`): places, field ids,
/// code names and each rule's place. This module holds no rule's words (build.rs, RENCAI_WASM).
#[wasm_bindgen(js_name = pageHead, unchecked_return_type = "PageHead")]
pub fn page_head() -> Result<JsValue, JsValue> {
    to_js(&crate::decision::PageHead::new(catalog()?))
}

/// An answer about a profile on a date: `compare`, `whatIf` and `form` differ only in the question.
fn answer<T: Serialize>(
    profile: JsValue,
    options: Option<DateOptionsArg>,
    question: impl FnOnce(&'static Catalog, &Profile, Date) -> T,
) -> Result<JsValue, JsValue> {
    let catalog = catalog()?;
    let o = read_options(options, DateOptions::from_json)?;
    let p = read_profile(catalog, profile)?;
    to_js(&question(catalog, &p, day(o.today.as_deref())?))
}

/// The profile evaluated at every place, best first.
#[wasm_bindgen(unchecked_return_type = "Comparison")]
pub fn compare(
    #[wasm_bindgen(unchecked_param_type = "Profile")] profile: JsValue,
    options: Option<DateOptionsArg>,
) -> Result<JsValue, JsValue> {
    answer(profile, options, api::comparison)
}

/// What a step of the person's own would gain (options), and what time will bring (waits).
#[wasm_bindgen(js_name = whatIf, unchecked_return_type = "WhatIf")]
pub fn what_if(
    #[wasm_bindgen(unchecked_param_type = "Profile")] profile: JsValue,
    options: Option<DateOptionsArg>,
) -> Result<JsValue, JsValue> {
    answer(profile, options, api::what_if_answer)
}

/// Which facts to ask first at the profile's place and date, and the values its rules test.
#[wasm_bindgen(unchecked_return_type = "FormPlan")]
pub fn form(
    #[wasm_bindgen(unchecked_param_type = "Profile")] profile: JsValue,
    options: Option<DateOptionsArg>,
) -> Result<JsValue, JsValue> {
    answer(profile, options, api::form_plan)
}

/// The jurisdictions, each after its parent.
#[wasm_bindgen(unchecked_return_type = "Array<PlaceEntry>")]
pub fn places() -> Result<JsValue, JsValue> {
    to_js(&api::places(catalog()?))
}

/// The form schema: every field with its type, values, labels and help in both languages.
#[wasm_bindgen(unchecked_return_type = "Schema")]
pub fn schema() -> Result<JsValue, JsValue> {
    to_js(&api::schema(catalog()?))
}

/// The honours and programme selections, with who confers them.
#[wasm_bindgen(unchecked_return_type = "Array<FieldValue> | null")]
pub fn honours() -> Result<JsValue, JsValue> {
    to_js(&api::honours(catalog()?))
}
