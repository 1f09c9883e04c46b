//! The JSON surface shared by the CLI and the wasm export: text in, text out.
//!
//! # Design
//! One function per command, each returning the exact JSON text to print, so the CLI and the wasm
//! binding cannot drift apart: both are thin wrappers over these.

use std::collections::BTreeSet;

use serde::Serialize;
use serde_json::{json, Value as Json};

use crate::catalog::Catalog;
use crate::date::Date;
use crate::evaluate::{compare, evaluate, what_if};
use crate::profile::{Profile, ProfileError};
use crate::report::{Comparison, Options, Report, WhatIf};
use crate::vocab::FieldKind;

fn to_json<T: Serialize>(value: &T) -> String {
    // Serializing our own types to a string cannot fail (no maps with non-string keys).
    serde_json::to_string(value).unwrap_or_default()
}

/// Evaluates profile JSON into report JSON (contract v2).
///
/// # Errors
/// Bad input, naming the field, the value and what is accepted.
pub fn eval_json(catalog: &Catalog, profile: &str, today: Date, options: Options) -> Result<String, ProfileError> {
    let profile = Profile::from_json(catalog.vocab(), profile)?;
    Ok(to_json(&Report::new(evaluate(catalog, &profile, today), options)))
}

/// Evaluates profile JSON at every place and ranks them.
///
/// # Errors
/// As [`eval_json`].
pub fn compare_json(catalog: &Catalog, profile: &str, today: Date) -> Result<String, ProfileError> {
    let profile = Profile::from_json(catalog.vocab(), profile)?;
    let (as_of, ranked) = compare(catalog, &profile, today);
    Ok(to_json(&Comparison::new(catalog, as_of, &ranked)))
}

/// What a step of the person's own would gain, and what time will bring, for profile JSON.
///
/// # Errors
/// As [`eval_json`].
pub fn what_if_json(catalog: &Catalog, profile: &str, today: Date) -> Result<String, ProfileError> {
    let profile = Profile::from_json(catalog.vocab(), profile)?;
    Ok(to_json(&WhatIf::new(catalog, &what_if(catalog, &profile, today))))
}

/// The form's plan for the profile's place and date: which facts to ask first (what settles most
/// there), and for set fields the values the place's rules test.
///
/// # Errors
/// As [`eval_json`].
pub fn form_json(catalog: &Catalog, profile: &str, today: Date) -> Result<String, ProfileError> {
    let profile = Profile::from_json(catalog.vocab(), profile)?;
    Ok(to_json(&crate::form::plan(
        catalog,
        profile.place,
        profile.as_of.unwrap_or(today),
    )))
}

/// The jurisdictions: id, names, parent.
pub fn places_json(catalog: &Catalog) -> String {
    let places: Vec<Json> = catalog
        .places
        .iter()
        .map(|p| {
            json!({
                "id": p.id, "name_zh": p.name_zh, "name_en": p.name_en,
                "parent": p.parent.map(|i| catalog.places[i].id.as_str()), "kind": p.kind,
            })
        })
        .collect();
    to_json(&places)
}

/// The honours and programme selections the catalogue knows, with who confers them.
pub fn honours_json(catalog: &Catalog) -> String {
    let honours = catalog.fields.iter().find(|f| f.id == "honours").map(|f| &f.values);
    to_json(&honours)
}

/// The form schema: every profile field with its type, values and labels in both languages, a
/// help text, and the jurisdictions whose rules use it.
pub fn schema_json(catalog: &Catalog) -> String {
    let mut used_by: Vec<BTreeSet<usize>> = vec![BTreeSet::new(); catalog.fields.len()];
    for rule in &catalog.rules {
        let mut indices = Vec::new();
        for c in &rule.when {
            c.field_indices(&mut indices);
        }
        for i in indices {
            used_by[i].insert(rule.jurisdiction);
        }
    }
    let fields: Vec<Json> = catalog
        .fields
        .iter()
        .enumerate()
        .map(|(i, f)| {
            let mut out = json!({
                "id": f.id,
                "type": f.kind.name(),
                "label_zh": f.label_zh, "label_en": f.label_en,
                "help_zh": f.help_zh, "help_en": f.help_en,
                "used_by": used_by[i].iter().map(|j| catalog.places[*j].id.as_str()).collect::<Vec<_>>(),
                "actionable": f.actionable,
                "first": f.first,
                "holds": f.holds,
                "of_place": f.of_place,
            });
            if f.yearly {
                out["yearly"] = json!(true);
            }
            match &f.kind {
                FieldKind::Enum { ordered } => {
                    out["ordered"] = json!(ordered);
                    out["values"] = json!(f.values);
                }
                FieldKind::Set => out["values"] = json!(f.values),
                FieldKind::Int { min, max } => {
                    out["min"] = json!(min);
                    out["max"] = json!(max);
                }
                FieldKind::Place => {
                    out["values"] = catalog
                        .places
                        .iter()
                        .map(|p| {
                            json!({"id": p.id, "zh": p.name_zh, "en": p.name_en,
                                   "parent": p.parent.map(|i| catalog.places[i].id.as_str()),
                                   "kind": p.kind,
                                   "chain": p.chain.iter().map(|i| catalog.places[*i].id.as_str()).collect::<Vec<_>>()})
                        })
                        .collect();
                }
                FieldKind::Date | FieldKind::Bool => {}
            }
            out
        })
        .collect();
    to_json(&json!({ "contract": crate::report::CONTRACT, "fields": fields }))
}

/// Clause-by-clause coverage of every document as JSON text, and whether every individual-facing
/// clause is encoded or marked `not_encoded` (`false` otherwise).
pub fn coverage_json(catalog: &Catalog) -> (String, bool) {
    let (json, ok) = coverage(catalog);
    (to_json(&json), ok)
}

/// Clause-by-clause coverage of a catalogue, and whether every individual-facing clause is
/// encoded or marked `not_encoded`.
pub fn coverage(catalog: &Catalog) -> (Json, bool) {
    let mut ok = true;
    let documents: Vec<Json> = catalog
        .documents
        .iter()
        .enumerate()
        .map(|(d, doc)| {
            let mut counts = json!({"encoded": 0, "not_encoded": 0, "untouched": 0, "untouched_individual": 0, "rules": 0});
            let clauses: Vec<Json> = doc
                .clauses
                .iter()
                .map(|c| {
                    let rules: Vec<&str> = catalog
                        .rules
                        .iter()
                        .filter(|r| r.document == d && r.clause == c.id)
                        .map(|r| r.id.as_str())
                        .collect();
                    let status = if !rules.is_empty() {
                        "encoded"
                    } else if c.not_encoded.is_some() {
                        "not_encoded"
                    } else {
                        "untouched"
                    };
                    counts[status] = json!(counts[status].as_u64().unwrap_or(0) + 1);
                    if status == "untouched" && c.individual {
                        ok = false;
                        counts["untouched_individual"] = json!(counts["untouched_individual"].as_u64().unwrap_or(0) + 1);
                    }
                    json!({"clause": c.id, "individual": c.individual, "status": status, "rules": rules, "why": c.not_encoded})
                })
                .collect();
            counts["rules"] = json!(catalog.rules.iter().filter(|r| r.document == d).count());
            json!({"document": doc.id, "title_zh": doc.title_zh, "not_encoded": doc.not_encoded, "counts": counts, "clauses": clauses})
        })
        .collect();
    (json!({ "ok": ok, "documents": documents }), ok)
}
