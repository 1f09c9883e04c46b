//! The table-driven cases again, compiled to wasm and run in headless Chromium
//! (`wasm-pack test --headless --chrome`): every case must hold, and every case's full JSON
//! answer must hash to what the native build gives (tests/snapshots/cases.digests.json, which
//! tests/engine.rs checks natively).
#![cfg(target_arch = "wasm32")]

use rencai::cases;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

const CASES_JSON: &str = include_str!(concat!(env!("OUT_DIR"), "/cases.json"));
const NATIVE_DIGESTS: &str = include_str!("snapshots/cases.digests.json");

#[wasm_bindgen_test]
fn every_case_holds_in_wasm() {
    let catalog = rencai::embedded().expect("the embedded catalogue decodes");
    let (run, failures) = cases::check_all(catalog, CASES_JSON);
    assert!(
        failures.is_empty(),
        "{} of {run} cases failed in wasm:\n{}",
        failures.len(),
        failures.join("\n")
    );
    assert!(run > 100, "only {run} cases ran");
}

#[wasm_bindgen_test]
fn every_case_gives_the_same_json_as_native() {
    let native: serde_json::Map<String, serde_json::Value> =
        serde_json::from_str(NATIVE_DIGESTS).expect("the golden file is JSON");
    let wasm = cases::digests(rencai::embedded().expect("the embedded catalogue decodes"), CASES_JSON);
    assert_eq!(
        wasm.len(),
        native.len(),
        "case count differs from the native golden file"
    );
    let differ: Vec<&str> = wasm
        .iter()
        .filter(|(name, digest)| native.get(name).and_then(|v| v.as_str()) != Some(digest))
        .map(|(n, _)| n.as_str())
        .collect();
    assert!(
        differ.is_empty(),
        "{} cases answer differently in wasm:\n{}",
        differ.len(),
        differ.join("\n")
    );
}
