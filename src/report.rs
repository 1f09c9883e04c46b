//! The output contract (v1): the report, its results, totals and the compare rows.
//!
//! # Design
//! A report borrows everything it says from the catalogue (ids, titles, quotes, conditions), so
//! building one allocates little more than its result list; serializing it gives the contract JSON
//! that the CLI prints and the wasm export returns, byte for byte the same.

use serde::Serialize;

use crate::catalog::{number, opt_number, Amount, Catalog, Category, Kind, Period, Route, Rule, TitleLevel};
use crate::condition::Condition;
use crate::date::Date;
use crate::profile::Profile;

/// The contract version in every report.
pub const CONTRACT: u32 = 1;

pub use crate::condition::{FieldList, MAX_FIELDS};

/// Whether a result applies.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    Eligible,
    Possible,
    Ineligible,
}

/// The evaluated profile's place.
#[derive(Debug, Clone, Serialize)]
pub struct PlaceOut<'c> {
    pub id: &'c str,
    pub name_zh: &'c str,
    pub name_en: &'c str,
    /// Jurisdiction ids from national down to the place.
    pub chain: Vec<&'c str>,
}

/// Where a result comes from.
#[derive(Debug, Clone, Serialize)]
pub struct Source<'c> {
    /// The clause, in the document's own numbering.
    pub clause: &'c str,
    /// Verbatim words of the published text.
    pub quote: &'c str,
}

/// One rule's outcome for the profile.
#[derive(Debug, Clone, Serialize)]
pub struct RuleResult<'c> {
    pub rule: &'c str,
    pub jurisdiction: &'c str,
    pub document: &'c str,
    pub kind: Kind,
    pub category: Category,
    pub status: Status,
    pub in_force: bool,
    pub title_zh: &'c str,
    pub title_en: &'c str,
    pub amount: Option<&'c Amount>,
    pub title_level: Option<TitleLevel>,
    pub route: Option<Route>,
    /// The conditions that fail.
    pub unmet: Vec<&'c Condition>,
    /// The absent fields that would settle the result.
    pub missing: FieldList<'c>,
    pub source: Source<'c>,
    /// The exclusivity group, if any: at most one of a group counts in totals.
    pub exclusive: Option<&'c str>,
    /// Interpretation notes on the rule.
    pub notes: &'c [String],
}

/// A min–max sum; `max` is `None` when some part is open-ended.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Range {
    #[serde(serialize_with = "number")]
    pub min: f64,
    #[serde(serialize_with = "opt_number")]
    pub max: Option<f64>,
}

impl Range {
    /// Zero.
    pub const ZERO: Range = Range {
        min: 0.0,
        max: Some(0.0),
    };

    /// Adds an amount's range.
    pub fn add(&mut self, min: f64, max: Option<f64>) {
        self.min += min;
        self.max = match (self.max, max) {
            (Some(a), Some(b)) => Some(a + b),
            _ => None,
        };
    }
}

/// Per-jurisdiction totals of eligible, in-force entitlements with an amount.
#[derive(Debug, Clone, Serialize)]
pub struct Total<'c> {
    pub jurisdiction: &'c str,
    pub one_off: Range,
    pub per_month: Range,
    pub per_year: Range,
}

/// A document cited by the report.
#[derive(Debug, Clone, Serialize)]
pub struct DocumentOut<'c> {
    pub id: &'c str,
    pub title_zh: &'c str,
    pub title_en: &'c str,
    pub issuer: &'c str,
    pub number: Option<&'c str>,
    pub date: Option<Date>,
    pub kind: crate::catalog::DocKind,
    pub period: Period,
    pub jurisdiction: Option<&'c str>,
    pub notes: &'c [String],
}

/// One rule's status for the profile: what evaluation decides. Its explanation (unmet conditions,
/// missing fields) is derived when the result is read or serialized.
#[derive(Debug, Clone, Copy)]
pub struct Outcome<'c> {
    pub rule: &'c Rule,
    pub status: Status,
    pub in_force: bool,
}

/// The report (contract v1).
///
/// # Design
/// Evaluation records only each rule's status and force ([`Outcome`]); the reasons are worked
/// out from the kept profile when a result is read ([`Report::results`]) or serialized, so the
/// engine's hot path allocates nothing per rule.
#[derive(Debug, Clone)]
pub struct Report<'c> {
    pub contract: u32,
    pub as_of: Date,
    pub place: Option<PlaceOut<'c>>,
    pub outcomes: Vec<Outcome<'c>>,
    pub totals: Vec<Total<'c>>,
    /// The documents the results cite, in order of first citation.
    pub documents: Vec<DocumentOut<'c>>,
    pub(crate) catalog: &'c Catalog,
    pub(crate) profile: Profile,
}

impl<'c> Report<'c> {
    /// One outcome as the contract's result, with its reasons.
    pub fn result(&self, o: &Outcome<'c>) -> RuleResult<'c> {
        let rule = o.rule;
        let mut unmet = Vec::new();
        let mut missing = FieldList::new(&self.catalog.fields);
        if o.status != Status::Eligible {
            for condition in &rule.when {
                condition.explain(&self.profile, self.as_of, &mut unmet, &mut missing);
            }
        }
        RuleResult {
            rule: &rule.id,
            jurisdiction: &self.catalog.places[rule.jurisdiction].id,
            document: &self.catalog.documents[rule.document].id,
            kind: rule.kind,
            category: rule.category,
            status: o.status,
            in_force: o.in_force,
            title_zh: &rule.title_zh,
            title_en: &rule.title_en,
            amount: rule.amount.as_ref(),
            title_level: rule.title_level,
            route: rule.route,
            unmet,
            missing,
            source: Source {
                clause: &rule.clause,
                quote: &rule.quote,
            },
            exclusive: rule.exclusive.as_deref(),
            notes: &rule.notes,
        }
    }

    /// Every result, with its reasons.
    pub fn results(&self) -> Vec<RuleResult<'c>> {
        self.outcomes.iter().map(|o| self.result(o)).collect()
    }
}

impl Serialize for Report<'_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        struct Results<'a, 'c>(&'a Report<'c>);
        impl Serialize for Results<'_, '_> {
            fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.collect_seq(self.0.outcomes.iter().map(|o| self.0.result(o)))
            }
        }
        let mut st = s.serialize_struct("Report", 6)?;
        st.serialize_field("contract", &self.contract)?;
        st.serialize_field("as_of", &self.as_of)?;
        st.serialize_field("place", &self.place)?;
        st.serialize_field("results", &Results(self))?;
        st.serialize_field("totals", &self.totals)?;
        st.serialize_field("documents", &self.documents)?;
        st.end()
    }
}

/// Result counts by status.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Counts {
    pub eligible: usize,
    pub possible: usize,
    pub ineligible: usize,
}

/// One place in a comparison.
#[derive(Debug, Clone, Serialize)]
pub struct CompareRow<'c> {
    pub rank: usize,
    pub place: PlaceOut<'c>,
    /// Sums over the place's whole chain.
    pub one_off: Range,
    pub per_month: Range,
    pub per_year: Range,
    /// The ranking key: one-off + 12 × monthly + yearly minimums, in CNY.
    #[serde(serialize_with = "number")]
    pub first_year_min: f64,
    pub counts: Counts,
}

/// The profile evaluated at every place, best first.
#[derive(Debug, Clone, Serialize)]
pub struct Comparison<'c> {
    pub contract: u32,
    pub as_of: Date,
    pub rows: Vec<CompareRow<'c>>,
}

/// A result one more fact would make eligible.
#[derive(Debug, Clone, Serialize)]
pub struct Gain<'c> {
    pub rule: &'c str,
    pub jurisdiction: &'c str,
    pub kind: Kind,
    pub category: Category,
    pub title_zh: &'c str,
    pub title_en: &'c str,
    pub amount: Option<&'c Amount>,
    pub title_level: Option<TitleLevel>,
    pub route: Option<Route>,
}

/// One changed fact and what it would gain ("with 副高 you would also get …").
#[derive(Debug, Clone, Serialize)]
pub struct WhatIfOption<'c> {
    /// The profile field to change.
    pub field: &'c str,
    /// The value to give it (for a set field: the value to add).
    pub value: &'c serde_json::Value,
    pub gains: Vec<Gain<'c>>,
}

/// What-if options for a profile.
#[derive(Debug, Clone, Serialize)]
pub struct WhatIf<'c> {
    pub contract: u32,
    pub as_of: Date,
    pub options: Vec<WhatIfOption<'c>>,
}
