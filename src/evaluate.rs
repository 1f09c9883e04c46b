//! Evaluation: a profile against the catalogue on a date gives a report; a comparison runs it at
//! every place.
//!
//! # Design
//! Pure: the date is an argument (`today` is used only when the profile has no `as_of`), and the
//! catalogue is read-only, so the same inputs always give the same report. Results follow the
//! jurisdiction chain from national down, then document and rule order. Totals count only
//! eligible, in-force entitlements with a one-off, monthly or yearly amount, and for each
//! exclusivity group only the larger member.

use crate::catalog::{Catalog, FieldKind, Kind, Unit};
use crate::condition::{Condition, Leaf, Tri};
use crate::date::Date;
use crate::profile::{Profile, Val};
use crate::report::{
    CompareRow, Comparison, Counts, DocumentOut, Gain, Outcome, PlaceOut, Range, Report, Status, Total, WhatIf,
    WhatIfOption, CONTRACT,
};

/// What to include in a report.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Options {
    /// Include ineligible results too (`rencai eval --all`).
    pub all: bool,
}

fn place_out(catalog: &Catalog, index: usize) -> PlaceOut<'_> {
    let p = &catalog.places[index];
    PlaceOut {
        id: &p.id,
        name_zh: &p.name_zh,
        name_en: &p.name_en,
        chain: p.chain.iter().map(|i| catalog.places[*i].id.as_str()).collect(),
    }
}

/// An amount that totals count: its jurisdiction, unit, and range.
struct Counted<'c> {
    jurisdiction: usize,
    group: Option<&'c str>,
    unit: Unit,
    min: f64,
    max: Option<f64>,
}

impl Counted<'_> {
    /// Larger first: open-ended max beats any figure, then max, then min.
    fn key(&self) -> (f64, f64) {
        (self.max.unwrap_or(f64::INFINITY), self.min)
    }
}

/// Evaluates a profile against the whole catalogue.
///
/// With a `place`, the results are that place's rules and its ancestors'; without, every
/// jurisdiction's. `today` is the date used when the profile carries no `as_of`.
pub fn evaluate<'c>(catalog: &'c Catalog, profile: &Profile, today: Date, options: Options) -> Report<'c> {
    let as_of = profile.as_of.unwrap_or(today);
    let rule_indices = match profile.place {
        Some(p) => &catalog.rules_at[p],
        None => &catalog.rules_everywhere,
    };
    let mut outcomes = Vec::with_capacity(rule_indices.len());
    let mut counted: Vec<Counted<'c>> = Vec::new();
    let mut cited: Vec<usize> = Vec::new();
    for &index in rule_indices {
        let rule = &catalog.rules[index];
        // Status only; the reasons are derived when a result is read (see `Report::result`).
        let status = match Condition::eval_all(&rule.when, profile, as_of) {
            Tri::True => Status::Eligible,
            Tri::Unknown => Status::Possible,
            Tri::False => Status::Ineligible,
        };
        let in_force = rule.period.contains(as_of);
        if status == Status::Eligible && in_force && rule.kind == Kind::Entitlement {
            if let Some(a) = &rule.amount {
                if matches!(a.unit, Unit::OneOff | Unit::PerMonth | Unit::PerYear) {
                    counted.push(Counted {
                        jurisdiction: rule.jurisdiction,
                        group: rule.exclusive.as_deref(),
                        unit: a.unit,
                        min: a.min,
                        max: a.max,
                    });
                }
            }
        }
        if options.all || status != Status::Ineligible {
            if !cited.contains(&rule.document) {
                cited.push(rule.document);
            }
            outcomes.push(Outcome { rule, status, in_force });
        }
    }

    let jurisdictions: Vec<usize> = match profile.place {
        Some(p) => catalog.places[p].chain.clone(),
        None => (0..catalog.places.len())
            .filter(|j| catalog.rules.iter().any(|r| r.jurisdiction == *j))
            .collect(),
    };
    let mut totals: Vec<Total<'c>> = jurisdictions
        .iter()
        .map(|j| Total {
            jurisdiction: &catalog.places[*j].id,
            one_off: Range::ZERO,
            per_month: Range::ZERO,
            per_year: Range::ZERO,
        })
        .collect();
    for (i, c) in counted.iter().enumerate() {
        if let Some(group) = c.group {
            // Only the larger of a group counts (the first of equals).
            let beaten = counted
                .iter()
                .enumerate()
                .any(|(j, o)| j != i && o.group == Some(group) && (o.key() > c.key() || (o.key() == c.key() && j < i)));
            if beaten {
                continue;
            }
        }
        if let Some(pos) = jurisdictions.iter().position(|j| *j == c.jurisdiction) {
            let total = &mut totals[pos];
            let range = match c.unit {
                Unit::OneOff => &mut total.one_off,
                Unit::PerMonth => &mut total.per_month,
                _ => &mut total.per_year,
            };
            range.add(c.min, c.max);
        }
    }

    let documents = cited
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
                jurisdiction: doc.jurisdiction.map(|j| catalog.places[j].id.as_str()),
                notes: &doc.notes,
            }
        })
        .collect();

    Report {
        contract: CONTRACT,
        as_of,
        place: profile.place.map(|p| place_out(catalog, p)),
        outcomes,
        totals,
        documents,
        catalog,
        profile: profile.clone(),
    }
}

/// Evaluates the profile at every place (its own `place` is ignored) and ranks the places by
/// first-year value (one-off + 12 × monthly + yearly minimums), then by eligible and possible
/// counts, then by id.
pub fn compare<'c>(catalog: &'c Catalog, profile: &Profile, today: Date) -> Comparison<'c> {
    let as_of = profile.as_of.unwrap_or(today);
    let mut rows: Vec<CompareRow<'c>> = (0..catalog.places.len())
        .map(|p| {
            let mut at = profile.clone();
            at.place = Some(p);
            let report = evaluate(catalog, &at, today, Options { all: true });
            let mut one_off = Range::ZERO;
            let mut per_month = Range::ZERO;
            let mut per_year = Range::ZERO;
            for t in &report.totals {
                one_off.add(t.one_off.min, t.one_off.max);
                per_month.add(t.per_month.min, t.per_month.max);
                per_year.add(t.per_year.min, t.per_year.max);
            }
            let mut counts = Counts::default();
            for r in &report.outcomes {
                match r.status {
                    Status::Eligible => counts.eligible += 1,
                    Status::Possible => counts.possible += 1,
                    Status::Ineligible => counts.ineligible += 1,
                }
            }
            CompareRow {
                rank: 0,
                place: place_out(catalog, p),
                first_year_min: one_off.min + 12.0 * per_month.min + per_year.min,
                one_off,
                per_month,
                per_year,
                counts,
            }
        })
        .collect();
    rows.sort_by(|a, b| {
        b.first_year_min
            .total_cmp(&a.first_year_min)
            .then(b.counts.eligible.cmp(&a.counts.eligible))
            .then(b.counts.possible.cmp(&a.counts.possible))
            .then(a.place.id.cmp(b.place.id))
    });
    for (i, row) in rows.iter_mut().enumerate() {
        row.rank = i + 1;
    }
    Comparison {
        contract: CONTRACT,
        as_of,
        rows,
    }
}

/// What one more fact would gain: for every ineligible result that fails on a single field
/// condition, the profile is re-evaluated with that condition met (a set field gains the value;
/// an enum or bool field takes it), and the results that become eligible are listed. Years since
/// graduation cannot be changed by the person and is not offered.
pub fn what_if<'c>(catalog: &'c Catalog, profile: &Profile, today: Date) -> WhatIf<'c> {
    let as_of = profile.as_of.unwrap_or(today);
    let base = evaluate(catalog, profile, today, Options { all: true });
    let mut tried: Vec<(usize, &'c serde_json::Value)> = Vec::new();
    let mut options = Vec::new();
    // A single failing condition, or a single failing `any` of field tests: each test is one option.
    let ineligible: Vec<_> = base
        .outcomes
        .iter()
        .filter(|o| o.status == Status::Ineligible)
        .map(|o| base.result(o))
        .collect();
    let candidates = ineligible.iter().flat_map(|r| -> Vec<&'c Leaf> {
        match r.unmet.as_slice() {
            [c] => match *c {
                Condition::Leaf(leaf) => vec![leaf],
                Condition::Any { items, .. } => items
                    .iter()
                    .filter_map(|c| match c {
                        Condition::Leaf(leaf) => Some(leaf),
                        _ => None,
                    })
                    .collect(),
                _ => Vec::new(),
            },
            _ => Vec::new(),
        }
    });
    for leaf in candidates {
        let field = &catalog.fields[leaf.field];
        if leaf.name != field.id
            || !matches!(
                leaf.op,
                "equals" | "one_of" | "at_least" | "at_most" | "contains" | "contains_any"
            )
        {
            continue;
        }
        let value = match &leaf.need {
            serde_json::Value::Array(items) => match items.first() {
                Some(first) => first,
                None => continue,
            },
            other => other,
        };
        if tried.iter().any(|(f, v)| *f == leaf.field && *v == value) {
            continue;
        }
        tried.push((leaf.field, value));
        let mut changed = profile.clone();
        let new_value = match (&field.kind, value) {
            (FieldKind::Enum { .. }, serde_json::Value::String(id)) => {
                field.value_index(id).map(|i| Val::Enum(i as u8))
            }
            (FieldKind::Bool, serde_json::Value::Bool(b)) => Some(Val::Bool(*b)),
            (FieldKind::Set, serde_json::Value::String(id)) => field.value_index(id).map(|i| {
                let mut held = match profile.get(leaf.field) {
                    Some(Val::Set(held)) => held,
                    _ => Vec::new(),
                };
                held.push(i as u16);
                Val::Set(held)
            }),
            _ => None,
        };
        let Some(new_value) = new_value else { continue };
        changed.set(leaf.field, Some(new_value));
        let after = evaluate(catalog, &changed, as_of, Options { all: true });
        // Same place, same date, all results: both reports list the same rules in the same order.
        let gains: Vec<Gain<'c>> = after
            .outcomes
            .iter()
            .zip(&base.outcomes)
            .filter(|(a, b)| {
                debug_assert!(
                    std::ptr::eq(a.rule, b.rule),
                    "reports at one place list rules in one order"
                );
                a.status == Status::Eligible && b.status != Status::Eligible
            })
            .map(|(a, _)| {
                let rule = a.rule;
                Gain {
                    rule: &rule.id,
                    jurisdiction: &catalog.places[rule.jurisdiction].id,
                    kind: rule.kind,
                    category: rule.category,
                    title_zh: &rule.title_zh,
                    title_en: &rule.title_en,
                    amount: rule.amount.as_ref(),
                    title_level: rule.title_level,
                    route: rule.route,
                }
            })
            .collect();
        if !gains.is_empty() {
            options.push(WhatIfOption {
                field: &field.id,
                value,
                gains,
            });
        }
    }
    options.sort_by_key(|o| std::cmp::Reverse(o.gains.len()));
    WhatIf {
        contract: CONTRACT,
        as_of,
        options,
    }
}
