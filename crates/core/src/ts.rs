//! TypeScript declarations of the contract, generated from the Rust types that serialize it
//! (feature `ts`, with ts-rs). The build script writes them into the wasm package's `.d.ts`, so
//! the package's types are rebuilt with the engine and cannot drift from it. `Profile` is
//! generated from the vocabulary (`rules/fields.toml`, `places.toml`): its fields and values are
//! data, not Rust types.

use serde::Deserialize;
use ts_rs::{Config, TS};

use crate::api::{
    DateOptions, Detail, EvaluateOptions, FieldType, PlaceEntry, PlaceValue, Schema, SchemaField, SchemaValues,
};
use crate::catalog::{
    Amount, Catalog, Category, DocKind, Explanation, Kind, PeriodRange, Requirement, Route, TitleLevel, Unit,
};
use crate::decision::{Decided, DecisionOut, PageCatalog, PageDocument, PageHead, PageRule};
use crate::evaluate::{Counts, Range, Standing, Status, StepValue};
use crate::form::{Plan, Planned};
use crate::profile::ProfileError;
use crate::report::{
    ChainTotal, CompareRow, Comparison, DocumentOut, Gain, PlaceOut, ReportOut, RuleResult, Source, TimeCondition,
    TotalOut, Wait, WhatIf, WhatIfOption,
};
use crate::vocab::{FieldKind, FieldValue};

/// What a condition (an unmet one in a result) serializes to: `{"field", "op", "need"}`, where
/// `all`, `any` and `not` carry their parts in `need`. A test reads every rule's conditions back
/// into this shape, so it stays what `Condition`'s serializer writes.
#[derive(Debug, Deserialize, TS)]
#[ts(rename = "Condition")]
#[serde(deny_unknown_fields)]
pub struct ConditionShape {
    /// The field tested (`a|b` for the fields of an `any`).
    pub field: String,
    pub op: ConditionOp,
    pub need: Need,
}

/// A condition's operator.
#[derive(Debug, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum ConditionOp {
    Equals,
    OneOf,
    AtLeast,
    AtMost,
    Contains,
    ContainsAny,
    All,
    Any,
    Not,
}

/// What a condition needs: a value, a list of values, or (all, any, not) its parts.
#[derive(Debug, Deserialize, TS)]
#[serde(untagged)]
pub enum Need {
    Flag(bool),
    Number(f64),
    Text(String),
    Values(Vec<String>),
    Conditions(Vec<ConditionShape>),
}

/// The ids as a TypeScript union of string literals (`never` when there are none).
fn string_union<'a>(ids: impl Iterator<Item = &'a str>) -> String {
    let parts: Vec<String> = ids.map(|id| format!("{id:?}")).collect();
    if parts.is_empty() {
        "never".into()
    } else {
        parts.join(" | ")
    }
}

/// `Profile`, `PlaceId` and `FieldId` from the vocabulary: every field optional (absent means
/// unknown), with its values as a union, so a misspelled field or value fails to type-check.
pub fn profile(catalog: &Catalog) -> String {
    let mut out = String::new();
    out.push_str(&format!(
        "/** A jurisdiction id (GB/T 2260, a zone as its parent's code and a slug). */\nexport type PlaceId = {};\n\n",
        string_union(catalog.places.iter().map(|p| p.id.as_str()))
    ));
    out.push_str(&format!(
        "/** A profile field's id. */\nexport type FieldId = {};\n\n",
        string_union(catalog.fields.iter().map(|f| f.id.as_str()))
    ));
    out.push_str("/** A person's facts (contract v2): every field is optional, and an absent field is unknown, never \"no\". */\nexport type Profile = {\n");
    for f in &catalog.fields {
        let values = || string_union(f.values.iter().map(|v| v.id.as_str()));
        let ty = match &f.kind {
            FieldKind::Date => "string".to_string(),
            FieldKind::Place => "PlaceId".to_string(),
            FieldKind::Enum { .. } => values(),
            FieldKind::Set => format!("Array<{}>", values()),
            FieldKind::Bool => "boolean".to_string(),
            FieldKind::Int { .. } => "number".to_string(),
        };
        let bounds = match &f.kind {
            FieldKind::Int { min, max } => format!(" ({min}–{max})"),
            FieldKind::Date => " (YYYY-MM-DD)".to_string(),
            _ => String::new(),
        };
        out.push_str(&format!(
            "  /** {}{bounds}: {} */\n  {}?: {ty};\n",
            f.label_en,
            f.help_en.replace("*/", "* /"),
            f.id
        ));
    }
    out.push_str("};\n");
    out
}

/// Every declaration of the package's types: the contract's answers, the schema, the options and
/// the profile. Large integers are plain numbers (counts and ranks are small).
pub fn declarations(catalog: &Catalog) -> String {
    let cfg = Config::new().with_large_int("number");
    let decls = [
        ReportOut::decl(&cfg),
        RuleResult::decl(&cfg),
        PlaceOut::decl(&cfg),
        Source::decl(&cfg),
        TotalOut::decl(&cfg),
        ChainTotal::decl(&cfg),
        DocumentOut::decl(&cfg),
        Counts::decl(&cfg),
        Range::decl(&cfg),
        Amount::decl(&cfg),
        Unit::decl(&cfg),
        Kind::decl(&cfg),
        Category::decl(&cfg),
        Status::decl(&cfg),
        Standing::decl(&cfg),
        TitleLevel::decl(&cfg),
        Route::decl(&cfg),
        DocKind::decl(&cfg),
        PeriodRange::decl(&cfg),
        Requirement::decl(&cfg),
        Explanation::decl(&cfg),
        ConditionShape::decl(&cfg),
        ConditionOp::decl(&cfg),
        Need::decl(&cfg),
        DecisionOut::decl(&cfg),
        Decided::decl(&cfg),
        PageCatalog::decl(&cfg),
        PageHead::decl(&cfg),
        PageRule::decl(&cfg),
        PageDocument::decl(&cfg),
        Comparison::decl(&cfg),
        CompareRow::decl(&cfg),
        WhatIf::decl(&cfg),
        WhatIfOption::decl(&cfg),
        StepValue::decl(&cfg),
        Gain::decl(&cfg),
        Wait::decl(&cfg),
        TimeCondition::decl(&cfg),
        Plan::decl(&cfg),
        Planned::decl(&cfg),
        Schema::decl(&cfg),
        SchemaField::decl(&cfg),
        SchemaValues::decl(&cfg),
        FieldType::decl(&cfg),
        FieldValue::decl(&cfg),
        PlaceValue::decl(&cfg),
        PlaceEntry::decl(&cfg),
        EvaluateOptions::decl(&cfg),
        DateOptions::decl(&cfg),
        Detail::decl(&cfg),
        ProfileError::decl(&cfg),
    ];
    let mut out = String::from("// Generated by rencai-core's `ts` feature from the Rust types (do not edit).\n\n");
    for d in decls {
        out.push_str("export ");
        out.push_str(d.trim_end());
        out.push_str("\n\n");
    }
    out.push_str(&profile(catalog));
    out
}
