//! The decision path: a profile against the catalogue on a date gives, per rule, its status,
//! standing and force, with counts and totals along the place's chain; compare ranks places;
//! what-if tries the steps a person can take and the dates time will bring.
//!
//! # Design
//! Pure: the date is an argument (`today` is used only when the profile has no `as_of`), and the
//! catalogue is read-only, so the same inputs always give the same decisions. Nothing here
//! formats or cites: `report.rs` turns an [`Evaluation`] into the contract's report. Each
//! result's [`Standing`] is derived here, once, from its status, kind and `requires`; totals count
//! only `entitled`, in-force results with a one-off, monthly or yearly amount, and for each
//! exclusivity group only the larger member; counts are of results in force by standing, plus the
//! expired. Results follow the jurisdiction chain from national down, then document and rule order.

use serde::Serialize;

use crate::catalog::{Catalog, Kind, Rule, Unit};
use crate::condition::{Condition, FieldList, Leaf, Tri};
use crate::date::Date;
use crate::profile::{Profile, Val};
use crate::vocab::FieldKind;

/// Whether a rule's conditions hold.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
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
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
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

/// One rule's decision for the profile. Its explanation (unmet conditions, missing fields) is
/// derived only when asked for ([`Evaluation::reasons`]), so the hot path allocates nothing per rule.
#[derive(Debug, Clone, Copy)]
pub struct Outcome<'c> {
    pub rule: &'c Rule,
    /// The rule's index in the catalogue.
    pub index: usize,
    pub status: Status,
    pub standing: Standing,
    pub in_force: bool,
}

/// Results in force by standing, and results out of force that would otherwise hold.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
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

/// A min–max sum; `max` is `None` when some part is open-ended. Serialized `{"min", "max"}`,
/// whole numbers without a fraction.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Range {
    #[serde(serialize_with = "crate::catalog::whole")]
    pub min: f64,
    #[serde(serialize_with = "crate::catalog::opt_whole")]
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

    /// Adds another range.
    pub fn plus(&mut self, other: &Range) {
        self.add(other.min, other.max);
    }
}

/// One jurisdiction's sums of entitled, in-force amounts, and its counts.
#[derive(Debug, Clone, Copy)]
pub struct Total {
    /// Index of the jurisdiction (a place).
    pub jurisdiction: usize,
    pub one_off: Range,
    pub per_month: Range,
    pub per_year: Range,
    pub counts: Counts,
}

impl Total {
    /// One-off + 12 × monthly + yearly minimums: the least of a first year.
    pub fn first_year_min(&self) -> f64 {
        self.one_off.min + 12.0 * self.per_month.min + self.per_year.min
    }
}

/// The decisions for one profile on one date.
#[derive(Debug, Clone)]
pub struct Evaluation<'c> {
    pub catalog: &'c Catalog,
    pub profile: Profile,
    pub as_of: Date,
    /// Every rule of the place's chain (every rule, without a place), in order.
    pub outcomes: Vec<Outcome<'c>>,
    /// One per jurisdiction: the chain, or every place with rules.
    pub totals: Vec<Total>,
    /// Over all jurisdictions.
    pub counts: Counts,
    /// The chain's sums: the place's whole answer.
    pub total: Total,
}

impl<'c> Evaluation<'c> {
    /// Why an outcome is not eligible: the conditions that fail and the absent fields that
    /// would settle it (both empty for an eligible one).
    pub fn reasons(&self, o: &Outcome<'c>) -> (Vec<&'c Condition>, FieldList<'c>) {
        let mut unmet = Vec::new();
        let mut missing = FieldList::new(&self.catalog.fields);
        self.reasons_at(o, |_, c| unmet.push(c), &mut missing);
        (unmet, missing)
    }

    /// [`Evaluation::reasons`] with each unmet condition handed to `unmet` in order, with its
    /// position in the rule's conditions opened up (every `all` opened), and the absent fields
    /// written into `missing` (emptied first); nothing allocated.
    pub fn reasons_at(
        &self,
        o: &Outcome<'c>,
        mut unmet: impl FnMut(usize, &'c Condition),
        missing: &mut FieldList<'c>,
    ) {
        missing.clear();
        if o.status != Status::Eligible {
            Condition::explain(&o.rule.when, &self.profile, self.as_of, &mut 0, &mut unmet, missing);
        }
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

/// Evaluates a profile against the catalogue: with a `place`, that place's rules and its
/// ancestors'; without, every jurisdiction's. `today` is used when the profile has no `as_of`.
pub fn evaluate<'c>(catalog: &'c Catalog, profile: &Profile, today: Date) -> Evaluation<'c> {
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
    let mut totals: Vec<Total> = jurisdictions
        .iter()
        .map(|j| Total {
            jurisdiction: *j,
            one_off: Range::ZERO,
            per_month: Range::ZERO,
            per_year: Range::ZERO,
            counts: Counts::default(),
        })
        .collect();
    let mut outcomes = Vec::with_capacity(rule_indices.len());
    let mut counted: Vec<Counted<'c>> = Vec::new();
    for &index in rule_indices {
        let rule = &catalog.rules[index];
        let status = match Condition::eval_all(&rule.when, profile, as_of) {
            Tri::True => Status::Eligible,
            Tri::Unknown => Status::Possible,
            Tri::False => Status::Ineligible,
        };
        let in_force = rule.period.contains(as_of);
        let standing = Standing::of(rule.kind, status, !rule.requires.is_empty());
        let outcome = Outcome {
            rule,
            index,
            status,
            standing,
            in_force,
        };
        if let Some(t) = totals.iter_mut().find(|t| t.jurisdiction == rule.jurisdiction) {
            t.counts.add(&outcome);
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
        outcomes.push(outcome);
    }
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
        if let Some(total) = totals.iter_mut().find(|t| t.jurisdiction == c.jurisdiction) {
            let range = match c.unit {
                Unit::OneOff => &mut total.one_off,
                Unit::PerMonth => &mut total.per_month,
                _ => &mut total.per_year,
            };
            range.add(c.min, c.max);
        }
    }
    let mut total = Total {
        jurisdiction: profile.place.unwrap_or(0),
        one_off: Range::ZERO,
        per_month: Range::ZERO,
        per_year: Range::ZERO,
        counts: Counts::default(),
    };
    for t in &totals {
        total.one_off.plus(&t.one_off);
        total.per_month.plus(&t.per_month);
        total.per_year.plus(&t.per_year);
        total.counts.merge(&t.counts);
    }
    Evaluation {
        catalog,
        profile: profile.clone(),
        as_of,
        outcomes,
        totals,
        counts: total.counts,
        total,
    }
}

/// The profile evaluated at every place (its own `place` is ignored), ranked by first-year value
/// (one-off + 12 × monthly + yearly minimums of in-force entitlements), then by the in-force
/// `entitled` and `may_apply` counts, then by id: a place with nothing in force never ranks above
/// one with an in-force result the person gets or may apply for. Returns the date judged on and
/// each place's chain total, best first.
pub fn compare(catalog: &Catalog, profile: &Profile, today: Date) -> (Date, Vec<Total>) {
    let as_of = profile.as_of.unwrap_or(today);
    let rows: Vec<Total> = (0..catalog.places.len())
        .map(|p| {
            let mut at = profile.clone();
            at.place = Some(p);
            evaluate(catalog, &at, today).total
        })
        .collect();
    let rows = crate::order::sorted_by(rows, |a, b| {
        b.first_year_min()
            .total_cmp(&a.first_year_min())
            .then(b.counts.entitled.cmp(&a.counts.entitled))
            .then(b.counts.may_apply.cmp(&a.counts.may_apply))
            .then(
                catalog.places[a.jurisdiction]
                    .id
                    .cmp(&catalog.places[b.jurisdiction].id),
            )
    });
    (as_of, rows)
}

/// The value a what-if step gives a field: a value id, or `true`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(untagged)]
pub enum StepValue<'c> {
    Id(&'c str),
    Bool(bool),
}

/// A step the person can take, and the in-force results it makes entitled or open to apply for.
#[derive(Debug, Clone)]
pub struct Step<'c> {
    /// Index of the field.
    pub field: usize,
    pub value: StepValue<'c>,
    /// Each gained rule with its standing after the step.
    pub gains: Vec<(&'c Rule, Standing)>,
}

/// A result that fails only on a condition time will meet.
#[derive(Debug, Clone)]
pub struct Waiting<'c> {
    pub rule: &'c Rule,
    pub condition: &'c Leaf,
    /// The first day the condition holds.
    pub met_on: Date,
    /// Whether the rule is still in force on that day.
    pub in_force_then: bool,
}

/// What-if: the steps and the waits, for a profile on a date.
#[derive(Debug, Clone)]
pub struct WhatIfDecision<'c> {
    pub as_of: Date,
    pub steps: Vec<Step<'c>>,
    pub waits: Vec<Waiting<'c>>,
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
    let held = match profile.get(leaf.field)? {
        Val::Int(i) => i,
        _ => return None,
    };
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
/// Steps: for every ineligible result that fails on a single condition of an actionable field
/// (or a failing `any` of such tests), the profile is re-evaluated with that condition met by
/// the nearest step ([`steps`]); the in-force results whose standing becomes `entitled` or
/// `may_apply` are the step's gains. Place, arrival, nationality, age, graduation year, years in
/// place and honours are not actionable (fields.toml) and never offered; nor is a lower value on
/// a scale. Waits: results that fail only on a condition time will meet, with the date and
/// whether the rule is still in force then.
pub fn what_if<'c>(catalog: &'c Catalog, profile: &Profile, today: Date) -> WhatIfDecision<'c> {
    let as_of = profile.as_of.unwrap_or(today);
    let base = evaluate(catalog, profile, as_of);
    let mut tried: Vec<(usize, Val)> = Vec::new();
    let mut found: Vec<Step<'c>> = Vec::new();
    let mut waits = Vec::new();
    for o in base
        .outcomes
        .iter()
        .filter(|o| o.status == Status::Ineligible && o.rule.kind != Kind::Measure)
    {
        let (unmet, _) = base.reasons(o);
        let leaves = single_failure(&unmet);
        if let ([leaf], [Condition::Leaf(_)]) = (leaves.as_slice(), unmet.as_slice()) {
            if let Some(date) = met_on(catalog, profile, leaf, as_of) {
                waits.push(Waiting {
                    rule: o.rule,
                    condition: leaf,
                    met_on: date,
                    in_force_then: o.rule.period.contains(date),
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
                changed.set(leaf.field, Some(value));
                let after = evaluate(catalog, &changed, as_of);
                // Same place, same date: both evaluations list the same rules in the same order.
                let gains: Vec<(&'c Rule, Standing)> = after
                    .outcomes
                    .iter()
                    .zip(&base.outcomes)
                    .filter(|(a, b)| a.in_force && a.standing.is_gain() && !b.standing.is_gain())
                    .map(|(a, _)| (a.rule, a.standing))
                    .collect();
                if !gains.is_empty() {
                    found.push(Step {
                        field: leaf.field,
                        value: shown,
                        gains,
                    });
                }
            }
        }
    }
    // The field with the most to gain first; on a scale, the nearest step first.
    let best = |f: usize| {
        found
            .iter()
            .filter(|s| s.field == f)
            .map(|s| s.gains.len())
            .max()
            .unwrap_or(0)
    };
    let value_index = |s: &Step| match s.value {
        StepValue::Id(id) => catalog.fields[s.field].value_index(id).unwrap_or(0),
        StepValue::Bool(_) => 0,
    };
    let keys: Vec<_> = found
        .iter()
        .map(|s| (std::cmp::Reverse(best(s.field)), s.field, value_index(s)))
        .collect();
    let order = crate::order::stable_order(found.len(), &|a, b| keys[a].cmp(&keys[b]));
    let waits = crate::order::sorted_by(waits, |a, b| a.met_on.cmp(&b.met_on));
    WhatIfDecision {
        as_of,
        steps: order.into_iter().map(|i| found[i].clone()).collect(),
        waits,
    }
}
