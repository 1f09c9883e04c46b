//! The output contract (v2): the report with its results, counts, totals and documents, and the
//! compare and what-if answers, built from the decisions of `evaluate.rs`.
//!
//! # Design
//! Above the decision path: a report borrows everything it says from the catalogue (ids, titles,
//! quotes, conditions), so building one allocates little more than its result list, and the
//! reasons (unmet, missing) are worked out only as results are read or serialized. Serializing
//! gives the contract JSON that the CLI prints and the wasm export returns, byte for byte the same.

use serde::Serialize;

use crate::catalog::{
    Amount, Catalog, Category, DocKind, Explanation, Kind, Period, Requirement, Route, Rule, TitleLevel,
};
use crate::condition::{Condition, FieldList};
use crate::date::Date;
use crate::evaluate::{Counts, Evaluation, Outcome, Range, Standing, Status, StepValue, Total, WhatIfDecision};

/// The contract version in every answer.
pub const CONTRACT: u32 = 2;

/// What a report includes beyond the default.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Options {
    /// Ineligible results too (`rencai eval --all`, `{ all: true }`).
    pub all: bool,
    /// The interpretation notes of results and documents (`--full`, `{ detail: "full" }`).
    pub full: bool,
}

#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(rename = "Place"))]
pub struct PlaceOut<'c> {
    #[cfg_attr(feature = "ts", ts(type = "PlaceId"))]
    pub id: &'c str,
    pub name_zh: &'c str,
    pub name_en: &'c str,
    /// Jurisdiction ids from national down to the place.
    #[cfg_attr(feature = "ts", ts(type = "Array<PlaceId>"))]
    pub chain: Vec<&'c str>,
}

impl<'c> PlaceOut<'c> {
    /// The place at `index` of the catalogue.
    pub fn of(catalog: &'c Catalog, index: usize) -> PlaceOut<'c> {
        let p = &catalog.places[index];
        PlaceOut {
            id: &p.id,
            name_zh: &p.name_zh,
            name_en: &p.name_en,
            chain: p.chain.iter().map(|i| catalog.places[*i].id.as_str()).collect(),
        }
    }
}

/// Where a result comes from.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Source<'c> {
    /// The clause, in the document's own numbering.
    pub clause: &'c str,
    /// Verbatim words of the published text.
    pub quote: &'c str,
}

/// One rule's outcome for the profile, as the contract states it.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct RuleResult<'c> {
    pub rule: &'c str,
    #[cfg_attr(feature = "ts", ts(type = "PlaceId"))]
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
    #[cfg_attr(feature = "ts", ts(optional))]
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
    /// How the text was read, where that matters to the reader (plain words, both languages).
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub explain: Option<&'c Explanation>,
    /// Interpretation notes on the rule: only in a full report (`--full`, `{ detail: "full" }`).
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub notes: Option<&'c [String]>,
}

/// A jurisdiction's totals of entitled, in-force amounts, and its counts.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(rename = "Total"))]
pub struct TotalOut<'c> {
    #[cfg_attr(feature = "ts", ts(type = "PlaceId"))]
    pub jurisdiction: &'c str,
    pub one_off: Range,
    pub per_month: Range,
    pub per_year: Range,
    pub counts: Counts,
}

/// The sums over a place's whole chain: what the person is entitled to there, in total.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ChainTotal {
    pub one_off: Range,
    pub per_month: Range,
    pub per_year: Range,
    /// One-off + 12 × monthly + yearly minimums: the least of a first year.
    #[serde(serialize_with = "crate::catalog::whole")]
    pub first_year_min: f64,
}

/// A document cited by the report.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(rename = "Document"))]
pub struct DocumentOut<'c> {
    pub id: &'c str,
    pub title_zh: &'c str,
    pub title_en: &'c str,
    pub issuer: &'c str,
    pub number: Option<&'c str>,
    pub date: Option<Date>,
    pub kind: DocKind,
    /// `null` when the text states no period.
    pub period: Period,
    /// Whether `as_of` falls inside the period (always, when none is stated).
    pub in_force: bool,
    #[cfg_attr(feature = "ts", ts(type = "PlaceId | null"))]
    pub jurisdiction: Option<&'c str>,
    /// Document-level interpretation notes: only in a full report.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub notes: Option<&'c [String]>,
}

/// A rule's own period, when it differs from its document's (else the document's applies).
pub fn own_period(catalog: &Catalog, rule: &Rule) -> Option<Period> {
    (rule.period != catalog.documents[rule.document].period).then_some(rule.period)
}

/// The report (contract v2): the decisions of an [`Evaluation`], with what the options include.
#[derive(Debug, Clone)]
pub struct Report<'c> {
    pub evaluation: Evaluation<'c>,
    pub options: Options,
}

impl<'c> Report<'c> {
    /// The report of an evaluation.
    pub fn new(evaluation: Evaluation<'c>, options: Options) -> Report<'c> {
        Report { evaluation, options }
    }

    /// The outcomes the report lists: all of them with `all`, else those not ineligible.
    pub fn outcomes(&self) -> impl Iterator<Item = &Outcome<'c>> + '_ {
        let all = self.options.all;
        self.evaluation
            .outcomes
            .iter()
            .filter(move |o| all || o.status != Status::Ineligible)
    }

    /// One outcome as the contract's result, with its reasons.
    pub fn result(&self, o: &Outcome<'c>) -> RuleResult<'c> {
        let catalog = self.evaluation.catalog;
        let rule: &'c Rule = o.rule;
        let (unmet, missing) = self.evaluation.reasons(o);
        RuleResult {
            rule: &rule.id,
            jurisdiction: &catalog.places[rule.jurisdiction].id,
            document: &catalog.documents[rule.document].id,
            kind: rule.kind,
            category: rule.category,
            status: o.status,
            standing: o.standing,
            requires: &rule.requires,
            in_force: o.in_force,
            period: own_period(catalog, rule),
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
            explain: rule.explain.as_ref(),
            notes: self.options.full.then_some(rule.notes.as_slice()),
        }
    }

    /// Every listed result, with its reasons.
    pub fn results(&self) -> Vec<RuleResult<'c>> {
        self.outcomes().map(|o| self.result(o)).collect()
    }

    /// Per jurisdiction: totals and counts.
    pub fn totals(&self) -> Vec<TotalOut<'c>> {
        let catalog = self.evaluation.catalog;
        self.evaluation
            .totals
            .iter()
            .map(|t| TotalOut {
                jurisdiction: &catalog.places[t.jurisdiction].id,
                one_off: t.one_off,
                per_month: t.per_month,
                per_year: t.per_year,
                counts: t.counts,
            })
            .collect()
    }

    /// The chain's sums: with a place only.
    pub fn chain_total(&self) -> Option<ChainTotal> {
        let e = &self.evaluation;
        e.profile.place.map(|_| ChainTotal {
            one_off: e.total.one_off,
            per_month: e.total.per_month,
            per_year: e.total.per_year,
            first_year_min: e.total.first_year_min(),
        })
    }

    /// The indices of the documents the listed results cite, in order of first citation.
    pub fn cited_documents(&self) -> Vec<usize> {
        let mut cited: Vec<usize> = Vec::new();
        for o in self.outcomes() {
            if !cited.contains(&o.rule.document) {
                cited.push(o.rule.document);
            }
        }
        cited
    }

    /// The documents the listed results cite, in order of first citation.
    pub fn documents(&self) -> Vec<DocumentOut<'c>> {
        let catalog = self.evaluation.catalog;
        self.cited_documents()
            .into_iter()
            .map(|d| {
                let doc = &catalog.documents[d];
                DocumentOut {
                    id: &doc.id,
                    title_zh: &doc.title_zh,
                    title_en: &doc.title_en,
                    issuer: &doc.issuer,
                    number: doc.number.as_deref(),
                    date: doc.date,
                    kind: doc.kind,
                    period: doc.period,
                    in_force: doc.period.contains(self.evaluation.as_of),
                    jurisdiction: doc.jurisdiction.map(|j| catalog.places[j].id.as_str()),
                    notes: self.options.full.then_some(doc.notes.as_slice()),
                }
            })
            .collect()
    }
}

/// The results of a report, serialized one by one as they are read (never all held at once).
pub struct Results<'a, 'c>(&'a Report<'c>);

impl Serialize for Results<'_, '_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_seq(self.0.outcomes().map(|o| self.0.result(o)))
    }
}

/// The report as the contract writes it (what [`Report`] serializes to).
#[derive(Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(rename = "Report"))]
pub struct ReportOut<'a, 'c> {
    pub contract: u32,
    pub as_of: Date,
    /// `null` when the profile names no place (results then span every jurisdiction).
    pub place: Option<PlaceOut<'c>>,
    #[cfg_attr(feature = "ts", ts(as = "Vec<RuleResult<'c>>"))]
    pub results: Results<'a, 'c>,
    pub totals: Vec<TotalOut<'c>>,
    /// The chain's sums: with a place only (across every place they mean nothing).
    pub total: Option<ChainTotal>,
    pub counts: Counts,
    pub documents: Vec<DocumentOut<'c>>,
}

impl Serialize for Report<'_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let e = &self.evaluation;
        ReportOut {
            contract: CONTRACT,
            as_of: e.as_of,
            place: e.profile.place.map(|p| PlaceOut::of(e.catalog, p)),
            results: Results(self),
            totals: self.totals(),
            total: self.chain_total(),
            counts: e.counts,
            documents: self.documents(),
        }
        .serialize(s)
    }
}

/// One place in a comparison.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct CompareRow<'c> {
    pub rank: usize,
    pub place: PlaceOut<'c>,
    /// Sums over the place's whole chain.
    pub one_off: Range,
    pub per_month: Range,
    pub per_year: Range,
    /// The ranking key: one-off + 12 × monthly + yearly minimums of in-force entitlements, in CNY.
    #[serde(serialize_with = "crate::catalog::whole")]
    pub first_year_min: f64,
    /// Over the place's chain: results in force by standing, and expired ones.
    pub counts: Counts,
}

/// The profile evaluated at every place, best first.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Comparison<'c> {
    pub contract: u32,
    pub as_of: Date,
    pub rows: Vec<CompareRow<'c>>,
}

impl<'c> Comparison<'c> {
    /// The comparison of ranked chain totals (see [`crate::evaluate::compare`]).
    pub fn new(catalog: &'c Catalog, as_of: Date, ranked: &[Total]) -> Comparison<'c> {
        Comparison {
            contract: CONTRACT,
            as_of,
            rows: ranked
                .iter()
                .enumerate()
                .map(|(i, t)| CompareRow {
                    rank: i + 1,
                    place: PlaceOut::of(catalog, t.jurisdiction),
                    one_off: t.one_off,
                    per_month: t.per_month,
                    per_year: t.per_year,
                    first_year_min: t.first_year_min(),
                    counts: t.counts,
                })
                .collect(),
        }
    }
}

/// A result one step would make entitled or open to apply for.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Gain<'c> {
    pub rule: &'c str,
    #[cfg_attr(feature = "ts", ts(type = "PlaceId"))]
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

/// One step and what it would gain ("with 副高 you may also apply for …").
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct WhatIfOption<'c> {
    /// The profile field to change.
    #[cfg_attr(feature = "ts", ts(type = "FieldId"))]
    pub field: &'c str,
    /// The value to give it (for a set field: the value to add).
    pub value: StepValue<'c>,
    pub gains: Vec<Gain<'c>>,
}

/// A condition that time will meet, as reported in a wait.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct TimeCondition<'c> {
    pub field: &'c str,
    pub op: &'static str,
    /// The number of years (or the least value) time will reach.
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub need: &'c serde_json::Value,
}

/// A result that fails only on a condition time will meet (years since graduation, years in
/// place): the first day it holds, and whether the rule is still in force then.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Wait<'c> {
    pub rule: &'c str,
    #[cfg_attr(feature = "ts", ts(type = "PlaceId"))]
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
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct WhatIf<'c> {
    pub contract: u32,
    pub as_of: Date,
    pub options: Vec<WhatIfOption<'c>>,
    pub waits: Vec<Wait<'c>>,
}

impl<'c> WhatIf<'c> {
    /// The contract's form of what-if decisions.
    pub fn new(catalog: &'c Catalog, d: &WhatIfDecision<'c>) -> WhatIf<'c> {
        let place = |r: &'c Rule| catalog.places[r.jurisdiction].id.as_str();
        WhatIf {
            contract: CONTRACT,
            as_of: d.as_of,
            options: d
                .steps
                .iter()
                .map(|s| WhatIfOption {
                    field: &catalog.fields[s.field].id,
                    value: s.value,
                    gains: s
                        .gains
                        .iter()
                        .map(|(rule, standing)| Gain {
                            rule: &rule.id,
                            jurisdiction: place(rule),
                            standing: *standing,
                            requires: &rule.requires,
                            kind: rule.kind,
                            category: rule.category,
                            title_zh: &rule.title_zh,
                            title_en: &rule.title_en,
                            amount: rule.amount.as_ref(),
                            title_level: rule.title_level,
                            route: rule.route,
                        })
                        .collect(),
                })
                .collect(),
            waits: d
                .waits
                .iter()
                .map(|w| Wait {
                    rule: &w.rule.id,
                    jurisdiction: place(w.rule),
                    kind: w.rule.kind,
                    title_zh: &w.rule.title_zh,
                    title_en: &w.rule.title_en,
                    condition: TimeCondition {
                        field: &w.condition.name,
                        op: w.condition.op,
                        need: &w.condition.need,
                    },
                    met_on: w.met_on,
                    in_force_then: w.in_force_then,
                    until: w.rule.period.until(),
                })
                .collect(),
        }
    }
}
