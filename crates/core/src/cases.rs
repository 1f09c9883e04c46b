//! Table-driven cases (`tests/cases/<stem>.toml`): one `check` runs them, natively and in wasm.
//!
//! # Design
//! A case states a profile and only what it expects (statuses, standings, requirements, force,
//! missing and unmet fields, absent rules, totals, counts, what-if options and waits, or an exact
//! error), so each case reads as the sentence it is named after.
//! The cases are compiled in by `build.rs` as JSON, so the same data drives `cargo test` and the
//! wasm test in headless Chromium.

use std::collections::BTreeMap;

use serde::Deserialize;
use serde_json::Value as Json;

use crate::catalog::Catalog;
use crate::evaluate::{evaluate, what_if};
use crate::profile::Profile;
use crate::report::{Options, Report, WhatIf};

/// One case.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Case {
    pub name: String,
    pub profile: Json,
    #[serde(default)]
    pub expect: BTreeMap<String, String>,
    /// Rule id → standing (entitled, may_apply, possible, ineligible, measure).
    #[serde(default)]
    pub standing: BTreeMap<String, String>,
    /// Rule id → words each of which some `requires` item (zh) contains.
    #[serde(default)]
    pub requires: BTreeMap<String, Vec<String>>,
    #[serde(default)]
    pub in_force: BTreeMap<String, bool>,
    #[serde(default)]
    pub missing: BTreeMap<String, Vec<String>>,
    #[serde(default)]
    pub unmet: BTreeMap<String, Vec<String>>,
    #[serde(default)]
    pub absent: Vec<String>,
    #[serde(default)]
    pub totals: Vec<Json>,
    /// The report's counts, exactly (entitled, may_apply, possible, measure, expired).
    pub counts: Option<BTreeMap<String, usize>>,
    /// What-if options that must be offered: `{ field, value, gains = [rule ids among its gains] }`.
    #[serde(default)]
    pub options: Vec<ExpectedOption>,
    /// Fields what-if must not offer.
    #[serde(default)]
    pub no_options: Vec<String>,
    /// Rule id → the wait: `{ met_on = "YYYY-MM-DD", in_force_then = bool }`.
    #[serde(default)]
    pub waits: BTreeMap<String, ExpectedWait>,
    pub error: Option<String>,
}

/// A what-if option a case expects.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ExpectedOption {
    pub field: String,
    pub value: Json,
    #[serde(default)]
    pub gains: Vec<String>,
}

/// A wait a case expects.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ExpectedWait {
    pub met_on: String,
    pub in_force_then: bool,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct CaseFile {
    #[serde(default)]
    case: Vec<Case>,
}

/// Runs one case; returns what did not hold (empty when it passes).
pub fn check(catalog: &Catalog, case: &Case) -> Vec<String> {
    let mut failures = Vec::new();
    let mut fail = |m: String| failures.push(format!("{}: {m}", case.name));
    let parsed = Profile::from_value(catalog.vocab(), &case.profile);
    if let Some(expected) = &case.error {
        match parsed {
            Err(e) if &e.to_string() == expected => {}
            Err(e) => fail(format!("error was \"{e}\", expected \"{expected}\"")),
            Ok(_) => fail(format!("profile was accepted, expected error \"{expected}\"")),
        }
        return failures;
    }
    let profile = match parsed {
        Ok(p) => p,
        Err(e) => {
            fail(format!("profile rejected: {e}"));
            return failures;
        }
    };
    let Some(as_of) = profile.as_of else {
        fail("the profile has no as_of; cases must not depend on today's date".into());
        return failures;
    };
    let report = Report::new(evaluate(catalog, &profile, as_of), Options { all: true, full: false });
    let results = report.results();
    let find = |id: &str| results.iter().find(|r| r.rule == id);
    let mentioned = case
        .expect
        .keys()
        .chain(case.standing.keys())
        .chain(case.requires.keys())
        .chain(case.waits.keys())
        .chain(case.options.iter().flat_map(|o| o.gains.iter()))
        .chain(case.in_force.keys())
        .chain(case.missing.keys())
        .chain(case.unmet.keys())
        .chain(case.absent.iter());
    for id in mentioned {
        if !catalog.rules.iter().any(|r| &r.id == id) {
            fail(format!("names rule {id}, which the catalogue does not have"));
        }
    }
    for (id, status) in &case.expect {
        match find(id) {
            None => fail(format!("{id}: not in the report, expected {status}")),
            Some(r) => {
                let got = serde_json::to_value(r.status).unwrap_or(Json::Null);
                if got.as_str() != Some(status.as_str()) {
                    fail(format!(
                        "{id}: status {got}, expected {status} (unmet {:?}, missing {:?})",
                        r.unmet.iter().map(|c| c.field_label()).collect::<Vec<_>>(),
                        r.missing
                    ));
                }
            }
        }
    }
    for (id, standing) in &case.standing {
        match find(id) {
            None => fail(format!("{id}: not in the report, expected standing {standing}")),
            Some(r) => {
                let got = serde_json::to_value(r.standing).unwrap_or(Json::Null);
                if got.as_str() != Some(standing.as_str()) {
                    fail(format!("{id}: standing {got}, expected {standing}"));
                }
            }
        }
    }
    for (id, words) in &case.requires {
        match find(id) {
            None => fail(format!("{id}: not in the report")),
            Some(r) => {
                for w in words {
                    if !r.requires.iter().any(|q| q.zh.contains(w.as_str())) {
                        let got: Vec<&str> = r.requires.iter().map(|q| q.zh.as_str()).collect();
                        fail(format!("{id}: no requires item says \"{w}\" (requires: {got:?})"));
                    }
                }
            }
        }
    }
    for (id, in_force) in &case.in_force {
        match find(id) {
            None => fail(format!("{id}: not in the report")),
            Some(r) if r.in_force != *in_force => fail(format!("{id}: in_force {}, expected {in_force}", r.in_force)),
            Some(_) => {}
        }
    }
    for (id, fields) in &case.missing {
        match find(id) {
            None => fail(format!("{id}: not in the report")),
            Some(r) if !r.missing.iter().eq(fields.iter().map(String::as_str)) => {
                fail(format!("{id}: missing {:?}, expected {fields:?}", r.missing))
            }
            Some(_) => {}
        }
    }
    for (id, fields) in &case.unmet {
        match find(id) {
            None => fail(format!("{id}: not in the report")),
            Some(r) => {
                let got: Vec<String> = r.unmet.iter().map(|c| c.field_label()).collect();
                if &got != fields {
                    fail(format!("{id}: unmet {got:?}, expected {fields:?}"));
                }
            }
        }
    }
    for id in &case.absent {
        if find(id).is_some() {
            fail(format!("{id}: in the report, expected absent"));
        }
    }
    if let Some(want) = &case.counts {
        let got = serde_json::to_value(report.evaluation.counts).unwrap_or(Json::Null);
        for (k, v) in want {
            if got.get(k).and_then(Json::as_u64) != Some(*v as u64) {
                fail(format!(
                    "counts.{k}: {}, expected {v}",
                    got.get(k).unwrap_or(&Json::Null)
                ));
            }
        }
    }
    if !case.options.is_empty() || !case.no_options.is_empty() || !case.waits.is_empty() {
        let w = WhatIf::new(catalog, &what_if(catalog, &profile, as_of));
        let w = serde_json::to_value(&w).unwrap_or(Json::Null);
        let options = w["options"].as_array().cloned().unwrap_or_default();
        for want in &case.options {
            match options
                .iter()
                .find(|o| o["field"] == want.field.as_str() && o["value"] == want.value)
            {
                None => fail(format!("what-if offers no {} = {}", want.field, want.value)),
                Some(o) => {
                    for g in &want.gains {
                        if !o["gains"]
                            .as_array()
                            .into_iter()
                            .flatten()
                            .any(|x| x["rule"] == g.as_str())
                        {
                            fail(format!(
                                "what-if {} = {}: {g} is not among its gains",
                                want.field, want.value
                            ));
                        }
                    }
                }
            }
        }
        for f in &case.no_options {
            if let Some(o) = options.iter().find(|o| o["field"] == f.as_str()) {
                fail(format!("what-if offers {f} = {}", o["value"]));
            }
        }
        let waits = w["waits"].as_array().cloned().unwrap_or_default();
        for (id, want) in &case.waits {
            match waits.iter().find(|x| x["rule"] == id.as_str()) {
                None => fail(format!("{id}: no wait")),
                Some(x) => {
                    if x["met_on"] != want.met_on.as_str() || x["in_force_then"] != want.in_force_then {
                        fail(format!(
                            "{id}: wait met_on {} in_force_then {}, expected {} {}",
                            x["met_on"], x["in_force_then"], want.met_on, want.in_force_then
                        ));
                    }
                }
            }
        }
    }
    let totals = serde_json::to_value(report.totals()).unwrap_or(Json::Null);
    for want in &case.totals {
        let j = want.get("jurisdiction").and_then(Json::as_str).unwrap_or("");
        let got = totals.as_array().into_iter().flatten().find(|t| t["jurisdiction"] == j);
        match (got, want.as_object()) {
            (Some(got), Some(want)) => {
                for (k, v) in want {
                    if &got[k] != v {
                        fail(format!("totals {j}.{k}: {}, expected {v}", got[k]));
                    }
                }
            }
            _ => fail(format!("totals: no jurisdiction \"{j}\" in {totals}")),
        }
    }
    failures
}

/// Runs every case in the JSON form `build.rs` writes (`[{"file", "data"}]`); returns the
/// number of cases run and every failure, each prefixed with its file.
pub fn check_all(catalog: &Catalog, cases_json: &str) -> (usize, Vec<String>) {
    let mut run = 0;
    let mut failures = Vec::new();
    for (file, parsed) in case_files(cases_json) {
        match parsed {
            Err(e) => failures.push(format!("{file}: {e}")),
            Ok(cases) => {
                for case in &cases {
                    run += 1;
                    failures.extend(check(catalog, case).into_iter().map(|m| format!("{file}: {m}")));
                }
            }
        }
    }
    (run, failures)
}

/// The case files in the JSON form `build.rs` writes, each with its cases or what is wrong with it.
fn case_files(cases_json: &str) -> Vec<(String, Result<Vec<Case>, String>)> {
    let files: Vec<Json> = match serde_json::from_str(cases_json) {
        Ok(Json::Array(a)) => a,
        _ => return vec![("cases".into(), Err("not a JSON array".into()))],
    };
    files
        .into_iter()
        .map(|f| {
            let file = f.get("file").and_then(Json::as_str).unwrap_or("?").to_string();
            let data = f.get("data").cloned().unwrap_or(Json::Null);
            let parsed = match data.get("error").and_then(Json::as_str) {
                Some(e) => Err(e.to_string()),
                None => serde_json::from_value::<CaseFile>(data)
                    .map(|cf| cf.case)
                    .map_err(|e| e.to_string()),
            };
            (file, parsed)
        })
        .collect()
}

pub use crate::catalog::fnv1a;

/// For every case, the digest of what the JSON surface answers for its profile (the full report
/// with ineligible results, or the error message). Native and wasm builds must give the same
/// digests; `tests/snapshots/cases.digests.json` holds the native ones.
pub fn digests(catalog: &Catalog, cases_json: &str) -> Vec<(String, String)> {
    let mut out = Vec::new();
    for (file, parsed) in case_files(cases_json) {
        // A file that does not parse has no digests; check_all reports it.
        for case in parsed.unwrap_or_default() {
            let profile = case.profile.to_string();
            // Cases carry their own as_of; this date only matters for a profile without one.
            let today = crate::Date::new(2000, 1, 1).expect("a real day");
            // Every result, without the interpretation notes: the wasm build carries none (the
            // package loads them on demand), so these are the answers both builds must agree on.
            let answer = match crate::api::eval_json(catalog, &profile, today, Options { all: true, full: false }) {
                Ok(json) => json,
                Err(e) => e.to_string(),
            };
            out.push((format!("{file}: {}", case.name), format!("{:016x}", fnv1a(&answer))));
        }
    }
    out
}
