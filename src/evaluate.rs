//! Evaluation: a profile against the catalogue on a date gives a report; a comparison runs it at
//! every place; what-if tries the steps a person can take and the dates time will bring.
//!
//! # Design
//! Pure: the date is an argument (`today` is used only when the profile has no `as_of`), and the
//! catalogue is read-only, so the same inputs always give the same report. Results follow the
//! jurisdiction chain from national down, then document and rule order. Each result's
//! [`Standing`] is derived here, once, from its status, kind and `requires`; totals count only
//! `entitled`, in-force results with a one-off, monthly or yearly amount, and for each exclusivity
//! group only the larger member; counts are of results in force by standing, plus the expired.

use crate::catalog::{Catalog, FieldKind, Kind, Unit};
use crate::condition::{Condition, Leaf, Tri};
use crate::date::Date;
use crate::profile::{Profile, Val};
use crate::report::{
    CompareRow, Comparison, Counts, DocumentOut, Gain, Outcome, PlaceOut, Range, Report, Standing, Status, StepValue,
    TimeCondition, Total, Wait, WhatIf, WhatIfOption, CONTRACT,
};

/// What to include in a report.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Options {
    /// Include ineligible results too (`rencai eval --all`).
    pub all: bool,
    /// Include each result's and document's notes (`rencai eval --full`, `{ detail: "full" }`).
    pub full: bool,
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
    let jurisdictions: Vec<usize> = match profile.place {
        Some(p) => catalog.places[p].chain.clone(),
        None => (0..catalog.places.len())
            .filter(|j| catalog.rules.iter().any(|r| r.jurisdiction == *j))
            .collect(),
    };
    let mut counts = vec![Counts::default(); jurisdictions.len()];
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
        let standing = Standing::of(rule.kind, status, !rule.requires.is_empty());
        let outcome = Outcome {
            rule,
            status,
            standing,
            in_force,
        };
        if let Some(pos) = jurisdictions.iter().position(|j| *j == rule.jurisdiction) {
            counts[pos].add(&outcome);
        }
        if standing == Standing::Entitled && in_force {
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
            outcomes.push(outcome);
        }
    }

    let mut totals: Vec<Total<'c>> = jurisdictions
        .iter()
        .zip(&counts)
        .map(|(j, c)| Total {
            jurisdiction: &catalog.places[*j].id,
            one_off: Range::ZERO,
            per_month: Range::ZERO,
            per_year: Range::ZERO,
            counts: *c,
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
    let mut all_counts = Counts::default();
    for c in &counts {
        all_counts.merge(c);
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
                in_force: doc.period.contains(as_of),
                jurisdiction: doc.jurisdiction.map(|j| catalog.places[j].id.as_str()),
                notes: options.full.then_some(doc.notes.as_slice()),
            }
        })
        .collect();

    Report {
        contract: CONTRACT,
        as_of,
        place: profile.place.map(|p| place_out(catalog, p)),
        outcomes,
        totals,
        counts: all_counts,
        documents,
        full: options.full,
        catalog,
        profile: profile.clone(),
    }
}

/// Evaluates the profile at every place (its own `place` is ignored) and ranks the places by
/// first-year value (one-off + 12 × monthly + yearly minimums of in-force entitlements), then
/// by the in-force `entitled` and `may_apply` counts, then by id: a place with nothing in force
/// never ranks above one with an in-force result the person gets or may apply for.
pub fn compare<'c>(catalog: &'c Catalog, profile: &Profile, today: Date) -> Comparison<'c> {
    let as_of = profile.as_of.unwrap_or(today);
    let mut rows: Vec<CompareRow<'c>> = (0..catalog.places.len())
        .map(|p| {
            let mut at = profile.clone();
            at.place = Some(p);
            let report = evaluate(catalog, &at, today, Options::default());
            let mut one_off = Range::ZERO;
            let mut per_month = Range::ZERO;
            let mut per_year = Range::ZERO;
            for t in &report.totals {
                one_off.add(t.one_off.min, t.one_off.max);
                per_month.add(t.per_month.min, t.per_month.max);
                per_year.add(t.per_year.min, t.per_year.max);
            }
            CompareRow {
                rank: 0,
                place: place_out(catalog, p),
                first_year_min: one_off.min + 12.0 * per_month.min + per_year.min,
                one_off,
                per_month,
                per_year,
                counts: report.counts,
            }
        })
        .collect();
    rows.sort_by(|a, b| {
        b.first_year_min
            .total_cmp(&a.first_year_min)
            .then(b.counts.entitled.cmp(&a.counts.entitled))
            .then(b.counts.may_apply.cmp(&a.counts.may_apply))
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

/// The single failing condition of a result as field tests: the leaf itself, or the leaves of a
/// failing `any` (each is one way to meet it).
fn single_failure<'c>(unmet: &[&'c Condition]) -> Vec<&'c Leaf> {
    match unmet {
        [Condition::Leaf(leaf)] => vec![leaf],
        [Condition::Any { items, .. }] => items
            .iter()
            .filter_map(|c| match c {
                Condition::Leaf(leaf) => Some(leaf),
                _ => None,
            })
            .collect(),
        _ => Vec::new(),
    }
}

/// The values of an actionable field that would meet `leaf` and that the person can reach by
/// their own effort: on an ordered scale the lowest allowed value above the one held; in a set,
/// each allowed value not yet held; for a bool, `true`. Empty for any other field.
fn steps<'c>(catalog: &'c Catalog, profile: &Profile, leaf: &Leaf) -> Vec<(Val, StepValue<'c>)> {
    let field = &catalog.fields[leaf.field];
    if !field.actionable || leaf.name != field.id {
        return Vec::new();
    }
    let Some(mask) = leaf.mask() else { return Vec::new() };
    match field.kind {
        FieldKind::Enum { ordered: true } => {
            let held = match profile.get(leaf.field) {
                Some(Val::Enum(i)) => usize::from(i),
                _ => return Vec::new(),
            };
            (held + 1..field.values.len().min(64))
                .find(|i| mask & (1 << i) != 0 && field.values[*i].actionable)
                .map(|i| vec![(Val::Enum(i as u8), StepValue::Id(&field.values[i].id))])
                .unwrap_or_default()
        }
        FieldKind::Set => {
            let held = profile.bits(leaf.field);
            (0..field.values.len().min(64))
                .filter(|i| mask & (1 << i) != 0 && held & (1 << i) == 0 && field.values[*i].actionable)
                .map(|i| {
                    let mut now: Vec<u16> = (0..64u16).filter(|b| held & (1 << b) != 0).collect();
                    now.push(i as u16);
                    (Val::Set(now), StepValue::Id(&field.values[i].id))
                })
                .collect()
        }
        FieldKind::Bool if mask & 2 != 0 && profile.get(leaf.field) != Some(Val::Bool(true)) => {
            vec![(Val::Bool(true), StepValue::Bool(true))]
        }
        _ => Vec::new(),
    }
}

/// The first day a time condition holds, if time alone will meet it: years since graduation at
/// least n (from 1 January of graduation year + n), or a yearly field such as years in place at
/// least n (n − held years after `as_of`).
fn met_on(catalog: &Catalog, profile: &Profile, leaf: &Leaf, as_of: Date) -> Option<Date> {
    let n = leaf.at_least()?;
    let held = profile.get(leaf.field).and_then(|v| match v {
        Val::Int(i) => Some(i),
        _ => None,
    })?;
    if leaf.is_years_since_graduation() {
        let year = i32::try_from(held.checked_add(n)?).ok()?;
        Date::first_of_year(year).filter(|d| *d > as_of)
    } else if catalog.fields[leaf.field].yearly && n > held {
        as_of.plus_years(i32::try_from(n - held).ok()?)
    } else {
        None
    }
}

/// What the person could gain by a step of their own, and what time alone will bring.
///
/// `options`: for every ineligible result that fails on a single condition of an actionable
/// field (or a failing `any` of such tests), the profile is re-evaluated with that condition met
/// by the nearest step ([`steps`]), and the in-force results whose standing becomes `entitled` or
/// `may_apply` are the option's gains. Place, arrival, nationality, age, graduation year, years
/// in place and honours are not actionable (fields.toml) and never offered; nor is a lower value
/// on a scale. `waits`: results that fail only on a condition time will meet, with the date and
/// whether the rule is still in force then.
pub fn what_if<'c>(catalog: &'c Catalog, profile: &Profile, today: Date) -> WhatIf<'c> {
    let as_of = profile.as_of.unwrap_or(today);
    let base = evaluate(catalog, profile, as_of, Options { all: true, full: false });
    let mut tried: Vec<(usize, Val)> = Vec::new();
    let mut options: Vec<WhatIfOption<'c>> = Vec::new();
    let mut waits = Vec::new();
    for o in base
        .outcomes
        .iter()
        .filter(|o| o.status == Status::Ineligible && o.rule.kind != Kind::Measure)
    {
        let result = base.result(o);
        let leaves = single_failure(&result.unmet);
        if let ([leaf], [Condition::Leaf(_)]) = (leaves.as_slice(), result.unmet.as_slice()) {
            if let Some(date) = met_on(catalog, profile, leaf, as_of) {
                waits.push(Wait {
                    rule: &o.rule.id,
                    jurisdiction: &catalog.places[o.rule.jurisdiction].id,
                    kind: o.rule.kind,
                    title_zh: &o.rule.title_zh,
                    title_en: &o.rule.title_en,
                    condition: TimeCondition {
                        field: &leaf.name,
                        op: leaf.op,
                        need: &leaf.need,
                    },
                    met_on: date,
                    in_force_then: o.rule.period.contains(date),
                    until: o.rule.period.until(),
                });
                continue;
            }
        }
        for leaf in leaves {
            for (value, shown) in steps(catalog, profile, leaf) {
                if tried.iter().any(|(f, v)| *f == leaf.field && *v == value) {
                    continue;
                }
                tried.push((leaf.field, value.clone()));
                let mut changed = profile.clone();
                changed.set(leaf.field, Some(value.clone()));
                let after = evaluate(catalog, &changed, as_of, Options { all: true, full: false });
                // Same place, same date, all results: both reports list the same rules in order.
                let gains: Vec<Gain<'c>> = after
                    .outcomes
                    .iter()
                    .zip(&base.outcomes)
                    .filter(|(a, b)| a.in_force && a.standing.is_gain() && !b.standing.is_gain())
                    .map(|(a, _)| {
                        let rule = a.rule;
                        Gain {
                            rule: &rule.id,
                            jurisdiction: &catalog.places[rule.jurisdiction].id,
                            standing: a.standing,
                            requires: &rule.requires,
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
                if gains.is_empty() {
                    continue;
                }
                options.push(WhatIfOption {
                    field: &catalog.fields[leaf.field].id,
                    value: shown,
                    gains,
                });
            }
        }
    }
    // The field with the most to gain first; on a scale, the nearest step first.
    let field_of = |o: &WhatIfOption| catalog.field_index(o.field).unwrap_or(usize::MAX);
    let best = |f: usize, options: &[WhatIfOption]| {
        options
            .iter()
            .filter(|o| field_of(o) == f)
            .map(|o| o.gains.len())
            .max()
            .unwrap_or(0)
    };
    let keys: Vec<(std::cmp::Reverse<usize>, usize, usize)> = options
        .iter()
        .map(|o| {
            let f = field_of(o);
            let v = match o.value {
                StepValue::Id(id) => catalog.fields[f].value_index(id).unwrap_or(0),
                StepValue::Bool(_) => 0,
            };
            (std::cmp::Reverse(best(f, &options)), f, v)
        })
        .collect();
    let mut order: Vec<usize> = (0..options.len()).collect();
    order.sort_by_key(|i| keys[*i]);
    let mut slots: Vec<Option<WhatIfOption<'c>>> = options.into_iter().map(Some).collect();
    let options = order.into_iter().filter_map(|i| slots[i].take()).collect();
    waits.sort_by_key(|w: &Wait| w.met_on);
    WhatIf {
        contract: CONTRACT,
        as_of,
        options,
        waits,
    }
}
