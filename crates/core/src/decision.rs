//! The decision path's output, and the catalogue a page keeps beside it.
//!
//! # Design
//! A report repeats, for every result, what never changes between two keystrokes: titles,
//! amounts, citations and quotes, `requires`, conditions, documents. A [`Decision`] carries only
//! what does change (each listed result's status, standing, force, unmet conditions and missing
//! fields; the totals, counts and cited documents), naming rules, documents and places by their
//! index in the [`PageCatalog`], which a page (or any caller) obtains once. Joining the two gives
//! back the report, field for field: the package's `report(decision)` does that in JS, and a test
//! holds it equal to `evaluate` on every case and contract example. An unmet condition is named by
//! its position in the rule's `conditions` (its conditions with every `all` opened up, the only
//! conditions `unmet` can name).

use serde::Serialize;

use crate::catalog::{
    fnv1a, Amount, Catalog, Category, DocKind, Explanation, Kind, Period, Requirement, Route, TitleLevel,
};
use crate::condition::{Condition, FieldList};
use crate::date::Date;
use crate::evaluate::{Counts, Standing, Status};
use crate::report::{own_period, ChainTotal, PlaceOut, Report, Source, TotalOut, CONTRACT};

/// One listed result as a decision: `[rule, status, standing, in_force, unmet, missing]`, with
/// `rule` its index in [`PageCatalog::rules`] and `unmet` positions in that rule's `conditions`.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Decided<'c>(
    pub usize,
    pub Status,
    pub Standing,
    pub bool,
    pub Vec<usize>,
    pub FieldList<'c>,
);

/// What a report decides, without what the catalogue already says (see the module's design).
#[derive(Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(rename = "Decision"))]
pub struct DecisionOut<'c> {
    pub contract: u32,
    pub as_of: Date,
    /// The place's index in [`PageCatalog::places`]; `null` without a place.
    pub place: Option<usize>,
    /// The listed results, in the report's order.
    pub results: Vec<Decided<'c>>,
    pub totals: Vec<TotalOut<'c>>,
    pub total: Option<ChainTotal>,
    pub counts: Counts,
    /// The cited documents in the report's order: `[index in PageCatalog::documents, in_force]`.
    pub documents: Vec<(usize, bool)>,
}

/// The conditions `unmet` can name: the rule's conditions with every `all` opened up.
fn open_up<'c>(conditions: &'c [Condition], out: &mut Vec<&'c Condition>) {
    for c in conditions {
        match c {
            Condition::All(items) => open_up(items, out),
            _ => out.push(c),
        }
    }
}

impl<'c> Report<'c> {
    /// The report's decisions (what [`crate::api::decide_json`] writes).
    pub fn decision(&self) -> DecisionOut<'c> {
        let e = &self.evaluation;
        let catalog = e.catalog;
        let results = self
            .outcomes()
            .map(|o| {
                let mut at = Vec::new();
                let mut missing = FieldList::new(&catalog.fields);
                e.reasons_at(o, |p, _| at.push(p), &mut missing);
                Decided(o.index, o.status, o.standing, o.in_force, at, missing)
            })
            .collect();
        let documents = self
            .cited_documents()
            .into_iter()
            .map(|d| (d, catalog.documents[d].period.contains(e.as_of)))
            .collect();
        DecisionOut {
            contract: CONTRACT,
            as_of: e.as_of,
            place: e.profile.place,
            results,
            totals: self.totals(),
            total: self.chain_total(),
            counts: e.counts,
            documents,
        }
    }
}

/// The codes of the packed form (see [`Report::decision_packed`]): a status or standing is its
/// position in these lists, which the page catalogue carries as names.
pub const STATUSES: [Status; 3] = [Status::Eligible, Status::Possible, Status::Ineligible];
pub const STANDINGS: [Standing; 5] = [
    Standing::Entitled,
    Standing::MayApply,
    Standing::Possible,
    Standing::Ineligible,
    Standing::Measure,
];

fn code<T: PartialEq>(list: &[T], value: &T) -> f64 {
    list.iter().position(|x| x == value).unwrap_or(0) as f64
}

impl<'c> Report<'c> {
    /// The decision as numbers, for a caller across a boundary where building text or objects
    /// costs more than deciding (the wasm export): `decide()` in the package turns it into the
    /// same `Decision` that [`Report::decision`] serializes to. Layout, in order:
    /// `contract, year, month, day, place (−1: none)`; the result count, then per result
    /// `rule, status, standing, in_force (0/1), n, n unmet positions, m, m missing field indices`;
    /// the jurisdiction count, then per jurisdiction `place, one_off min max, per_month min max,
    /// per_year min max, counts (entitled may_apply possible measure expired)` (NaN: a `null` max);
    /// `1` and the chain total `one_off min max, per_month min max, per_year min max,
    /// first_year_min`, or `0`; the counts; the document count, then per document `index, in_force`.
    pub fn decision_packed(&self) -> Vec<f64> {
        // Written straight from the outcomes (not through `decision()`): no list per result.
        let e = &self.evaluation;
        let catalog = e.catalog;
        let mut out: Vec<f64> = Vec::with_capacity(32 + e.outcomes.len() * 6 + e.totals.len() * 13);
        out.extend([
            f64::from(CONTRACT),
            f64::from(e.as_of.year()),
            f64::from(e.as_of.month()),
            f64::from(e.as_of.day()),
            e.profile.place.map_or(-1.0, |p| p as f64),
            0.0,
        ]);
        let mut listed = 0usize;
        let mut missing = FieldList::new(&catalog.fields);
        for o in self.outcomes() {
            listed += 1;
            out.extend([
                o.index as f64,
                code(&STATUSES, &o.status),
                code(&STANDINGS, &o.standing),
                f64::from(u8::from(o.in_force)),
            ]);
            let at = out.len();
            out.push(0.0);
            e.reasons_at(o, |p, _| out.push(p as f64), &mut missing);
            out[at] = (out.len() - at - 1) as f64;
            out.push(missing.indices().len() as f64);
            out.extend(missing.indices().iter().map(|f| f64::from(*f)));
        }
        out[5] = listed as f64;
        let range = |r: &crate::evaluate::Range| [r.min, r.max.unwrap_or(f64::NAN)];
        let counts = |c: &Counts| [c.entitled, c.may_apply, c.possible, c.measure, c.expired].map(|n| n as f64);
        out.push(e.totals.len() as f64);
        for t in &e.totals {
            out.push(t.jurisdiction as f64);
            out.extend(range(&t.one_off));
            out.extend(range(&t.per_month));
            out.extend(range(&t.per_year));
            out.extend(counts(&t.counts));
        }
        match self.chain_total() {
            Some(t) => {
                out.push(1.0);
                out.extend(range(&t.one_off));
                out.extend(range(&t.per_month));
                out.extend(range(&t.per_year));
                out.push(t.first_year_min);
            }
            None => out.push(0.0),
        }
        out.extend(counts(&e.counts));
        let documents = self.cited_documents();
        out.push(documents.len() as f64);
        for d in documents {
            let in_force = catalog.documents[d].period.contains(e.as_of);
            out.extend([d as f64, f64::from(u8::from(in_force))]);
        }
        out
    }
}

/// A rule as every report states it, whatever the profile: a result without its decision.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct PageRule<'c> {
    pub rule: &'c str,
    #[cfg_attr(feature = "ts", ts(type = "PlaceId"))]
    pub jurisdiction: &'c str,
    pub document: &'c str,
    pub kind: Kind,
    pub category: Category,
    pub requires: &'c [Requirement],
    /// As in a result: present only when it differs from the document's.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub period: Option<Period>,
    pub title_zh: &'c str,
    pub title_en: &'c str,
    pub amount: Option<&'c Amount>,
    pub title_level: Option<TitleLevel>,
    pub route: Option<Route>,
    /// What a decision's `unmet` positions point into.
    #[cfg_attr(feature = "ts", ts(as = "Vec<crate::ts::ConditionShape>"))]
    pub conditions: Vec<&'c Condition>,
    pub source: Source<'c>,
    pub exclusive: Option<&'c str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub explain: Option<&'c Explanation>,
}

/// A document as every report states it (its `in_force` comes with each decision).
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct PageDocument<'c> {
    pub id: &'c str,
    pub title_zh: &'c str,
    pub title_en: &'c str,
    pub issuer: &'c str,
    pub number: Option<&'c str>,
    pub date: Option<Date>,
    pub kind: DocKind,
    pub period: Period,
    #[cfg_attr(feature = "ts", ts(type = "PlaceId | null"))]
    pub jurisdiction: Option<&'c str>,
}

/// What decisions refer to by index: every rule, document and place, as reports state them.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct PageCatalog<'c> {
    pub rules: Vec<PageRule<'c>>,
    pub documents: Vec<PageDocument<'c>>,
    /// The contract, places, field ids, code names and each rule's place.
    #[serde(flatten)]
    #[cfg_attr(feature = "ts", ts(flatten))]
    pub head: PageHead<'c>,
}

/// What every decision needs beside the rules' and documents' words: the places, field ids and
/// code names, and where each rule belongs. What the page's wasm, which holds no words, gives.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct PageHead<'c> {
    pub contract: u32,
    pub places: Vec<PlaceOut<'c>>,
    /// The field ids, by index (a packed decision's missing fields).
    #[cfg_attr(feature = "ts", ts(type = "Array<FieldId>"))]
    pub fields: Vec<&'c str>,
    /// The names of a packed decision's status and standing codes.
    pub statuses: [Status; 3],
    pub standings: [Standing; 5],
    /// Each rule's jurisdiction, as an index in `places` (which text pack holds its words).
    pub rule_places: Vec<usize>,
    /// Which catalogue the indices count in: a digest of every rule's and document's id, in order.
    /// A text pack carries the digest of the catalogue it was cut from; words are joined with
    /// decisions only when the two agree.
    pub digest: String,
}

impl<'c> PageHead<'c> {
    /// The head of the catalogue.
    pub fn new(catalog: &'c Catalog) -> PageHead<'c> {
        PageHead {
            contract: CONTRACT,
            places: (0..catalog.places.len()).map(|i| PlaceOut::of(catalog, i)).collect(),
            fields: catalog.fields.iter().map(|f| f.id.as_str()).collect(),
            statuses: STATUSES,
            standings: STANDINGS,
            rule_places: catalog.rules.iter().map(|r| r.jurisdiction).collect(),
            digest: digest(catalog),
        }
    }
}

/// FNV-1a over every rule's and document's id, in the catalogue's order, each ended by a NUL.
fn digest(catalog: &Catalog) -> String {
    let mut ids = String::new();
    for id in catalog
        .rules
        .iter()
        .map(|r| &r.id)
        .chain(catalog.documents.iter().map(|d| &d.id))
    {
        ids.push_str(id);
        ids.push('\0');
    }
    format!("{:016x}", fnv1a(&ids))
}

impl<'c> PageCatalog<'c> {
    /// The whole catalogue in the form decisions point into.
    pub fn new(catalog: &'c Catalog) -> PageCatalog<'c> {
        PageCatalog {
            rules: catalog
                .rules
                .iter()
                .map(|rule| {
                    let mut conditions = Vec::new();
                    open_up(&rule.when, &mut conditions);
                    PageRule {
                        rule: &rule.id,
                        jurisdiction: &catalog.places[rule.jurisdiction].id,
                        document: &catalog.documents[rule.document].id,
                        kind: rule.kind,
                        category: rule.category,
                        requires: &rule.requires,
                        period: own_period(catalog, rule),
                        title_zh: &rule.title_zh,
                        title_en: &rule.title_en,
                        amount: rule.amount.as_ref(),
                        title_level: rule.title_level,
                        route: rule.route,
                        conditions,
                        source: Source {
                            clause: &rule.clause,
                            quote: &rule.quote,
                        },
                        exclusive: rule.exclusive.as_deref(),
                        explain: rule.explain.as_ref(),
                    }
                })
                .collect(),
            documents: catalog
                .documents
                .iter()
                .map(|doc| PageDocument {
                    id: &doc.id,
                    title_zh: &doc.title_zh,
                    title_en: &doc.title_en,
                    issuer: &doc.issuer,
                    number: doc.number.as_deref(),
                    date: doc.date,
                    kind: doc.kind,
                    period: doc.period,
                    jurisdiction: doc.jurisdiction.map(|j| catalog.places[j].id.as_str()),
                })
                .collect(),
            head: PageHead::new(catalog),
        }
    }
}
