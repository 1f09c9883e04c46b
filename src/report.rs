//! The output contract (v2): the report, its results, counts, totals, documents, and the
//! compare and what-if answers.
//!
//! # Design
//! A report borrows everything it says from the catalogue (ids, titles, quotes, conditions), so
//! building one allocates little more than its result list; serializing it gives the contract JSON
//! that the CLI prints and the wasm export returns, byte for byte the same.

use serde::Serialize;

use crate::catalog::{
    number, opt_number, Amount, Catalog, Category, Kind, Period, Requirement, Route, Rule, TitleLevel,
};
use crate::condition::Condition;
use crate::date::Date;
use crate::profile::Profile;

/// The contract version in every report.
pub const CONTRACT: u32 = 2;

pub use crate::condition::{FieldList, MAX_FIELDS};

/// Whether a result applies.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    Eligible,
    Possible,
    Ineligible,
}

/// What the person can do about a result: the one presentation every consumer shares.
///
/// # Design
/// Derived in one place ([`Standing::of`]) from the rule's kind, its `requires` and the status,
/// so the CLI, the wasm export and the page never re-derive it: a selection is never shown as
/// something the person simply gets, and a measure never as a gain.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Standing {
    /// Every condition the text sets holds; nothing is left to judge.
    Entitled,
    /// The person may apply; a selection, assessment or an employer decides (`requires`).
    MayApply,
    /// Nothing fails yet; the `missing` facts would settle it.
    Possible,
    /// A condition fails (`unmet`).
    Ineligible,
    /// A commitment without a figure or a direct claim: context, never a gain.
    Measure,
}

impl Standing {
    /// The contract's derivation: ineligible if a condition fails; else measure for a measure;
    /// else possible if a fact is missing; else may_apply for an application or a rule that
    /// requires a decision; else entitled.
    pub fn of(kind: Kind, status: Status, requires_anything: bool) -> Standing {
        match (status, kind) {
            (Status::Ineligible, _) => Standing::Ineligible,
            (_, Kind::Measure) => Standing::Measure,
            (Status::Possible, _) => Standing::Possible,
            (_, Kind::Application) => Standing::MayApply,
            _ if requires_anything => Standing::MayApply,
            _ => Standing::Entitled,
        }
    }

    /// A gain a person can act on: entitled or may apply.
    pub fn is_gain(self) -> bool {
        matches!(self, Standing::Entitled | Standing::MayApply)
    }
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
    pub standing: Standing,
    /// What decides beyond the facts (selection, assessment, employer), in the text's terms.
    pub requires: &'c [Requirement],
    pub in_force: bool,
    /// The rule's own period, when it differs from its document's (else the document's applies).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub period: Option<Period>,
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
    /// Interpretation notes on the rule: only in a full report (`--full`, `{ detail: "full" }`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub notes: Option<&'c [String]>,
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

/// Results in force by standing, and results out of force that would otherwise hold.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Counts {
    pub entitled: usize,
    pub may_apply: usize,
    pub possible: usize,
    pub measure: usize,
    /// Out of force, with status eligible or possible.
    pub expired: usize,
}

impl Counts {
    /// Counts one outcome.
    pub fn add(&mut self, o: &Outcome<'_>) {
        if !o.in_force {
            if o.status != Status::Ineligible {
                self.expired += 1;
            }
            return;
        }
        match o.standing {
            Standing::Entitled => self.entitled += 1,
            Standing::MayApply => self.may_apply += 1,
            Standing::Possible => self.possible += 1,
            Standing::Measure => self.measure += 1,
            Standing::Ineligible => {}
        }
    }

    /// Adds another count.
    pub fn merge(&mut self, o: &Counts) {
        self.entitled += o.entitled;
        self.may_apply += o.may_apply;
        self.possible += o.possible;
        self.measure += o.measure;
        self.expired += o.expired;
    }
}

/// Per-jurisdiction totals of entitled, in-force results with an amount, and its counts.
#[derive(Debug, Clone, Serialize)]
pub struct Total<'c> {
    pub jurisdiction: &'c str,
    pub one_off: Range,
    pub per_month: Range,
    pub per_year: Range,
    pub counts: Counts,
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
    /// `null` when the text states no period.
    pub period: Period,
    /// Whether `as_of` falls inside the period (always, when none is stated).
    pub in_force: bool,
    pub jurisdiction: Option<&'c str>,
    /// Document-level interpretation notes: only in a full report.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub notes: Option<&'c [String]>,
}

/// One rule's status for the profile: what evaluation decides. Its explanation (unmet conditions,
/// missing fields) is derived when the result is read or serialized.
#[derive(Debug, Clone, Copy)]
pub struct Outcome<'c> {
    pub rule: &'c Rule,
    pub status: Status,
    pub standing: Standing,
    pub in_force: bool,
}

/// The report (contract v2).
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
    /// Over the whole report: results in force by standing, and expired ones.
    pub counts: Counts,
    /// The documents the results cite, in order of first citation.
    pub documents: Vec<DocumentOut<'c>>,
    /// Whether results carry their notes (`--full`).
    pub full: bool,
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
            standing: o.standing,
            requires: &rule.requires,
            in_force: o.in_force,
            period: (rule.period != self.catalog.documents[rule.document].period).then_some(rule.period),
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
            notes: self.full.then_some(rule.notes.as_slice()),
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
        let mut st = s.serialize_struct("Report", 7)?;
        st.serialize_field("contract", &self.contract)?;
        st.serialize_field("as_of", &self.as_of)?;
        st.serialize_field("place", &self.place)?;
        st.serialize_field("results", &Results(self))?;
        st.serialize_field("totals", &self.totals)?;
        st.serialize_field("counts", &self.counts)?;
        st.serialize_field("documents", &self.documents)?;
        st.end()
    }
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
    /// The ranking key: one-off + 12 × monthly + yearly minimums of in-force entitlements, in CNY.
    #[serde(serialize_with = "number")]
    pub first_year_min: f64,
    /// Over the place's chain: results in force by standing, and expired ones.
    pub counts: Counts,
}

/// The profile evaluated at every place, best first.
#[derive(Debug, Clone, Serialize)]
pub struct Comparison<'c> {
    pub contract: u32,
    pub as_of: Date,
    pub rows: Vec<CompareRow<'c>>,
}

/// A result one more fact would make entitled or open to apply for.
#[derive(Debug, Clone, Serialize)]
pub struct Gain<'c> {
    pub rule: &'c str,
    pub jurisdiction: &'c str,
    /// `entitled` or `may_apply`, with the change.
    pub standing: Standing,
    pub requires: &'c [Requirement],
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
    pub value: StepValue<'c>,
    pub gains: Vec<Gain<'c>>,
}

/// The value a what-if step gives a field: a value id, or `true`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(untagged)]
pub enum StepValue<'c> {
    Id(&'c str),
    Bool(bool),
}

/// A condition that time will meet, as reported in a wait.
#[derive(Debug, Clone, Serialize)]
pub struct TimeCondition<'c> {
    pub field: &'c str,
    pub op: &'static str,
    pub need: &'c serde_json::Value,
}

/// A result that fails only on a condition time will meet (years since graduation, years in
/// place): the first day it holds, and whether the rule is still in force then.
#[derive(Debug, Clone, Serialize)]
pub struct Wait<'c> {
    pub rule: &'c str,
    pub jurisdiction: &'c str,
    pub kind: Kind,
    pub title_zh: &'c str,
    pub title_en: &'c str,
    pub condition: TimeCondition<'c>,
    pub met_on: Date,
    pub in_force_then: bool,
    /// The last day of the rule's period, when it states one.
    pub until: Option<Date>,
}

/// What-if options for a profile, and what time alone will bring.
#[derive(Debug, Clone, Serialize)]
pub struct WhatIf<'c> {
    pub contract: u32,
    pub as_of: Date,
    pub options: Vec<WhatIfOption<'c>>,
    pub waits: Vec<Wait<'c>>,
}
