//! The JSON surface shared by the CLI and the wasm export: text in, text out.
//!
//! # Design
//! One function per command, each returning the exact JSON text to print, so the CLI and the wasm
//! binding cannot drift apart: both are thin wrappers over these.

use std::collections::BTreeSet;

use serde::{Deserialize, Serialize};
use serde_json::{json, Value as Json};

use crate::catalog::Catalog;
use crate::date::Date;
use crate::decision::PageCatalog;
use crate::evaluate::{compare, evaluate, what_if};
use crate::form::Plan;
use crate::profile::{Profile, ProfileError};
use crate::report::{Comparison, Options, Report, WhatIf};
use crate::vocab::{FieldKind, FieldValue};
use crate::write::{report_json, Pieces};

fn to_json<T: Serialize>(value: &T) -> String {
    to_json_sized(value, 128)
}

/// `value` as JSON text, written into a buffer of `capacity` bytes from the start: growing one
/// from empty costs a report a fifth of its time in copies.
fn to_json_sized<T: Serialize>(value: &T, capacity: usize) -> String {
    let mut out = Vec::with_capacity(capacity);
    // Serializing our own types cannot fail (no maps with non-string keys), and serde_json
    // writes only UTF-8.
    if serde_json::to_writer(&mut out, value).is_err() {
        return String::new();
    }
    String::from_utf8(out).unwrap_or_default()
}

/// Evaluates profile JSON into report JSON (contract v2).
///
/// # Errors
/// Bad input, naming the field, the value and what is accepted.
pub fn eval_json(catalog: &Catalog, profile: &str, today: Date, options: Options) -> Result<String, ProfileError> {
    let profile = Profile::from_json(catalog.vocab(), profile)?;
    Ok(to_json_sized(
        &Report::new(evaluate(catalog, &profile, today), options),
        256 << 10,
    ))
}

/// [`eval_json`] for a caller that answers many profiles from one catalogue: the same text,
/// written around the catalogue's share worked out once ([`Pieces`], from the same catalogue).
///
/// # Errors
/// As [`eval_json`].
pub fn eval_json_with(
    catalog: &Catalog,
    pieces: &Pieces,
    profile: &str,
    today: Date,
    options: Options,
) -> Result<String, ProfileError> {
    let profile = Profile::from_json(catalog.vocab(), profile)?;
    Ok(report_json(
        pieces,
        &Report::new(evaluate(catalog, &profile, today), options),
    ))
}

/// What a report of profile JSON decides (its results' status, standing, force and reasons; the
/// totals, counts and cited documents), naming rules, documents and places by their index in
/// [`page_catalog_json`]: the per-keystroke answer, a tenth of the report's size.
///
/// # Errors
/// As [`eval_json`].
pub fn decide_json(catalog: &Catalog, profile: &str, today: Date, options: Options) -> Result<String, ProfileError> {
    let profile = Profile::from_json(catalog.vocab(), profile)?;
    Ok(to_json_sized(
        &Report::new(evaluate(catalog, &profile, today), options).decision(),
        16 << 10,
    ))
}

/// Every rule, document and place as reports state them, for joining with decisions: what a
/// page obtains once.
pub fn page_catalog_json(catalog: &Catalog) -> String {
    to_json_sized(&PageCatalog::new(catalog), 256 << 10)
}

/// The profile at every place, ranked (contract v2).
pub fn comparison<'c>(catalog: &'c Catalog, profile: &Profile, today: Date) -> Comparison<'c> {
    let (as_of, ranked) = compare(catalog, profile, today);
    Comparison::new(catalog, as_of, &ranked)
}

/// Evaluates profile JSON at every place and ranks them.
///
/// # Errors
/// As [`eval_json`].
pub fn compare_json(catalog: &Catalog, profile: &str, today: Date) -> Result<String, ProfileError> {
    let profile = Profile::from_json(catalog.vocab(), profile)?;
    Ok(to_json(&comparison(catalog, &profile, today)))
}

/// What a step of the person's own would gain, and what time will bring (contract v2).
pub fn what_if_answer<'c>(catalog: &'c Catalog, profile: &Profile, today: Date) -> WhatIf<'c> {
    WhatIf::new(catalog, &what_if(catalog, profile, today))
}

/// What a step of the person's own would gain, and what time will bring, for profile JSON.
///
/// # Errors
/// As [`eval_json`].
pub fn what_if_json(catalog: &Catalog, profile: &str, today: Date) -> Result<String, ProfileError> {
    let profile = Profile::from_json(catalog.vocab(), profile)?;
    Ok(to_json(&what_if_answer(catalog, &profile, today)))
}

/// The form's plan for the profile's place and date (its `as_of`, else `today`).
pub fn form_plan<'c>(catalog: &'c Catalog, profile: &Profile, today: Date) -> Plan<'c> {
    crate::form::plan(catalog, profile.place, profile.as_of.unwrap_or(today))
}

/// The form's plan for the profile's place and date: which facts to ask first (what settles most
/// there), and for set fields the values the place's rules test.
///
/// # Errors
/// As [`eval_json`].
pub fn form_json(catalog: &Catalog, profile: &str, today: Date) -> Result<String, ProfileError> {
    let profile = Profile::from_json(catalog.vocab(), profile)?;
    Ok(to_json(&form_plan(catalog, &profile, today)))
}

/// One jurisdiction of `places()`.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct PlaceEntry<'c> {
    #[cfg_attr(feature = "ts", ts(type = "PlaceId"))]
    pub id: &'c str,
    pub name_zh: &'c str,
    pub name_en: &'c str,
    /// `null` for the root (national).
    #[cfg_attr(feature = "ts", ts(type = "PlaceId | null"))]
    pub parent: Option<&'c str>,
    /// country, province, municipality, city, district or zone.
    pub kind: &'c str,
}

/// The jurisdictions, each after its parent.
pub fn places(catalog: &Catalog) -> Vec<PlaceEntry<'_>> {
    catalog
        .places
        .iter()
        .map(|p| PlaceEntry {
            id: &p.id,
            name_zh: &p.name_zh,
            name_en: &p.name_en,
            parent: p.parent.map(|i| catalog.places[i].id.as_str()),
            kind: &p.kind,
        })
        .collect()
}

/// The jurisdictions as JSON text.
pub fn places_json(catalog: &Catalog) -> String {
    to_json(&places(catalog))
}

/// The honours and programme selections the catalogue knows, with who confers them (`None`
/// without an honours field).
pub fn honours(catalog: &Catalog) -> Option<&[FieldValue]> {
    catalog
        .fields
        .iter()
        .find(|f| f.id == "honours")
        .map(|f| f.values.as_slice())
}

/// The honours as JSON text.
pub fn honours_json(catalog: &Catalog) -> String {
    to_json(&honours(catalog))
}

/// A field's type in the schema.
#[derive(Debug, Clone, Copy, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "lowercase")]
pub enum FieldType {
    Date,
    Place,
    Enum,
    Set,
    Bool,
    Int,
}

/// A place as a value of the `place` field: with its chain, national first.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct PlaceValue<'c> {
    #[cfg_attr(feature = "ts", ts(type = "PlaceId"))]
    pub id: &'c str,
    pub zh: &'c str,
    pub en: &'c str,
    #[cfg_attr(feature = "ts", ts(type = "PlaceId | null"))]
    pub parent: Option<&'c str>,
    pub kind: &'c str,
    #[cfg_attr(feature = "ts", ts(type = "Array<PlaceId>"))]
    pub chain: Vec<&'c str>,
}

/// The values a schema field offers: the vocabulary's, or (the `place` field) the places.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(untagged)]
pub enum SchemaValues<'c> {
    Values(&'c [FieldValue]),
    Places(Vec<PlaceValue<'c>>),
}

/// One profile field in the schema: type, labels and help in both languages, values, bounds,
/// presentation hints and the jurisdictions whose rules read it.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct SchemaField<'c> {
    #[cfg_attr(feature = "ts", ts(type = "FieldId"))]
    pub id: &'c str,
    #[serde(rename = "type")]
    pub kind: FieldType,
    pub label_zh: &'c str,
    pub label_en: &'c str,
    pub help_zh: &'c str,
    pub help_en: &'c str,
    #[cfg_attr(feature = "ts", ts(type = "Array<PlaceId>"))]
    pub used_by: Vec<&'c str>,
    pub actionable: bool,
    pub first: bool,
    pub holds: bool,
    pub of_place: bool,
    /// An int that grows by one each year the person stays (present only when so).
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    #[cfg_attr(feature = "ts", ts(as = "Option<bool>", optional))]
    pub yearly: bool,
    /// Enum fields: whether the values form a ladder (lowest first).
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub ordered: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub values: Option<SchemaValues<'c>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub min: Option<i64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub max: Option<i64>,
}

/// The form schema.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Schema<'c> {
    pub contract: u32,
    pub fields: Vec<SchemaField<'c>>,
}

/// The form schema: every profile field with its type, values and labels in both languages, a
/// help text, and the jurisdictions whose rules use it.
pub fn schema(catalog: &Catalog) -> Schema<'_> {
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
    let fields = catalog
        .fields
        .iter()
        .enumerate()
        .map(|(i, f)| {
            let (kind, ordered, values, min, max) = match &f.kind {
                FieldKind::Enum { ordered } => (
                    FieldType::Enum,
                    Some(*ordered),
                    Some(SchemaValues::Values(&f.values)),
                    None,
                    None,
                ),
                FieldKind::Set => (FieldType::Set, None, Some(SchemaValues::Values(&f.values)), None, None),
                FieldKind::Int { min, max } => (FieldType::Int, None, None, Some(*min), Some(*max)),
                FieldKind::Place => {
                    let places = catalog
                        .places
                        .iter()
                        .map(|p| PlaceValue {
                            id: &p.id,
                            zh: &p.name_zh,
                            en: &p.name_en,
                            parent: p.parent.map(|i| catalog.places[i].id.as_str()),
                            kind: &p.kind,
                            chain: p.chain.iter().map(|i| catalog.places[*i].id.as_str()).collect(),
                        })
                        .collect();
                    (FieldType::Place, None, Some(SchemaValues::Places(places)), None, None)
                }
                FieldKind::Date => (FieldType::Date, None, None, None, None),
                FieldKind::Bool => (FieldType::Bool, None, None, None, None),
            };
            SchemaField {
                id: &f.id,
                kind,
                label_zh: &f.label_zh,
                label_en: &f.label_en,
                help_zh: &f.help_zh,
                help_en: &f.help_en,
                used_by: used_by[i].iter().map(|j| catalog.places[*j].id.as_str()).collect(),
                actionable: f.actionable,
                first: f.first,
                holds: f.holds,
                of_place: f.of_place,
                yearly: f.yearly,
                ordered,
                values,
                min,
                max,
            }
        })
        .collect();
    Schema {
        contract: crate::report::CONTRACT,
        fields,
    }
}

/// The form schema as JSON text.
pub fn schema_json(catalog: &Catalog) -> String {
    to_json(&schema(catalog))
}

/// What `detail` a report carries: `"full"` adds the interpretation notes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "lowercase")]
pub enum Detail {
    Full,
}

/// The options of `evaluate` in the JS API: `{ today?, all?, detail? }` (read by [`EvaluateOptions::from_json`]).
#[derive(Debug, Clone, Default)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct EvaluateOptions {
    /// The day to judge on (YYYY-MM-DD) when the profile has no `as_of`; the caller's local date
    /// when absent.
    #[cfg_attr(feature = "ts", ts(optional))]
    pub today: Option<String>,
    /// Ineligible results too.
    #[cfg_attr(feature = "ts", ts(optional))]
    pub all: Option<bool>,
    /// `"full"`: the interpretation notes of results and documents too.
    #[cfg_attr(feature = "ts", ts(optional))]
    pub detail: Option<Detail>,
}

/// A value as an options error quotes it: as JSON, at most 80 characters, on one line (JSON
/// leaves U+2028 and U+2029 raw; they are escaped too).
fn shown(v: &Json) -> String {
    crate::profile::short_text(&serde_json::to_string(v).unwrap_or_default(), 80)
}

/// A JS options object, read by hand rather than through serde's derive: serde's type errors print
/// floats with the core formatter, which costs the wasm ~17 KB for one message. `Err` is the one
/// line that says which key is wrong and what it accepts.
fn options_object<'a>(json: &'a Json, keys: &[&str]) -> Result<&'a serde_json::Map<String, Json>, String> {
    let Json::Object(map) = json else {
        return Err(format!("expected an object, got {}", shown(json)));
    };
    match map.keys().find(|k| !keys.contains(&k.as_str())) {
        Some(k) => Err(format!(
            "unknown key {}, expected {}",
            shown(&Json::String(k.clone())),
            keys.join(", ")
        )),
        None => Ok(map),
    }
}

/// A key that may be absent or `null`, else a string.
fn option_text(map: &serde_json::Map<String, Json>, key: &str, expected: &str) -> Result<Option<String>, String> {
    match map.get(key) {
        None | Some(Json::Null) => Ok(None),
        Some(Json::String(s)) => Ok(Some(s.clone())),
        Some(v) => Err(format!("{key}: expected {expected}, got {}", shown(v))),
    }
}

impl EvaluateOptions {
    /// Reads `{ today?, all?, detail? }` from JSON (`null` and absent keys mean the default).
    pub fn from_json(json: &Json) -> Result<EvaluateOptions, String> {
        if json.is_null() {
            return Ok(EvaluateOptions::default());
        }
        let map = options_object(json, &["today", "all", "detail"])?;
        let all = match map.get("all") {
            None | Some(Json::Null) => None,
            Some(Json::Bool(b)) => Some(*b),
            Some(v) => return Err(format!("all: expected true or false, got {}", shown(v))),
        };
        let detail = match option_text(map, "detail", "\"full\"")?.as_deref() {
            None => None,
            Some("full") => Some(Detail::Full),
            Some(other) => {
                return Err(format!(
                    "detail: expected \"full\", got {}",
                    shown(&Json::String(other.into()))
                ))
            }
        };
        Ok(EvaluateOptions {
            today: option_text(map, "today", "a date as YYYY-MM-DD")?,
            all,
            detail,
        })
    }

    /// What the report includes.
    pub fn report_options(&self) -> Options {
        Options {
            all: self.all.unwrap_or(false),
            full: self.detail == Some(Detail::Full),
        }
    }
}

/// The options of `compare`, `whatIf` and `form` in the JS API: `{ today? }` (read by [`DateOptions::from_json`]).
#[derive(Debug, Clone, Default)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct DateOptions {
    /// As in [`EvaluateOptions::today`].
    #[cfg_attr(feature = "ts", ts(optional))]
    pub today: Option<String>,
}

impl DateOptions {
    /// Reads `{ today? }` from JSON (`null` and an absent key mean the default).
    pub fn from_json(json: &Json) -> Result<DateOptions, String> {
        if json.is_null() {
            return Ok(DateOptions::default());
        }
        let map = options_object(json, &["today"])?;
        Ok(DateOptions {
            today: option_text(map, "today", "a date as YYYY-MM-DD")?,
        })
    }
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

/// The version of the catalogue export's format (`rencai catalog --json`, docs/catalog.md): bumped
/// when a key is renamed or removed; new keys may appear without a bump.
pub const CATALOG_FORMAT: u32 = 1;

/// The whole catalogue as open data (`rencai catalog --json`, documented in docs/catalog.md):
/// the vocabulary (the form schema's fields, the places), every document with its clauses, and
/// every rule with its conditions (in the contract's condition shape), amount, citation (clause
/// and exact quote), period, requirements, explanation and interpretation notes.
pub fn catalog_export(catalog: &Catalog) -> Json {
    let place = |j: usize| catalog.places[j].id.as_str();
    let documents: Vec<Json> = catalog
        .documents
        .iter()
        .map(|d| {
            let clauses: Vec<Json> = d
                .clauses
                .iter()
                .map(|c| json!({"id": c.id, "individual": c.individual, "starts": c.starts, "not_encoded": c.not_encoded}))
                .collect();
            json!({
                "id": d.id, "title_zh": d.title_zh, "title_en": d.title_en, "issuer": d.issuer,
                "number": d.number, "date": d.date, "kind": d.kind, "period": d.period,
                "jurisdiction": d.jurisdiction.map(place), "source": d.file, "notes": d.notes,
                "not_encoded": d.not_encoded, "clauses": clauses,
            })
        })
        .collect();
    let rules: Vec<Json> = catalog
        .rules
        .iter()
        .map(|r| {
            json!({
                "id": r.id, "document": catalog.documents[r.document].id, "jurisdiction": place(r.jurisdiction),
                "kind": r.kind, "category": r.category, "title_zh": r.title_zh, "title_en": r.title_en,
                "when": r.when, "amount": r.amount, "title_level": r.title_level, "route": r.route,
                "clause": r.clause, "quote": r.quote, "exclusive": r.exclusive, "period": r.period,
                "requires": r.requires, "explain": r.explain, "notes": r.notes,
            })
        })
        .collect();
    json!({
        "format": "rencai-catalog",
        "version": CATALOG_FORMAT,
        "contract": crate::report::CONTRACT,
        "fields": schema(catalog).fields,
        "places": places(catalog),
        "documents": documents,
        "rules": rules,
    })
}

/// [`catalog_export`] as JSON text.
pub fn catalog_json(catalog: &Catalog) -> String {
    to_json(&catalog_export(catalog))
}
