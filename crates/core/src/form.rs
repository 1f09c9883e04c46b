//! Which facts matter at a place: the form's order and the values worth offering there.
//!
//! # Design
//! The page asks first for what settles the most at the chosen place and date: each in-force rule
//! of the place's chain that a person can gain (not a measure) weighs on every field its
//! conditions read, one for the rule plus its first-year value in 万元, so a fact deciding a
//! 300万元 grant or a title route comes before one deciding nothing there. A field read by no such
//! rule is asked later; a value no rule of the chain tests (辽西北 outside 辽宁) is offered apart.
//! Where every policy of the chain has lapsed, the weights come from the chain's rules as they
//! were, so the form still fits the place. Without a place, the vocabulary's own `first` fields.

use serde::Serialize;

use crate::catalog::{Catalog, Kind, Rule, Unit};
use crate::date::Date;
use crate::vocab::FieldKind;

/// One field in the order to ask it.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Planned<'c> {
    #[cfg_attr(feature = "ts", ts(type = "FieldId"))]
    pub id: &'c str,
    /// On the form's first screen.
    pub first: bool,
    /// What the field settles at the place: rules it decides, plus their first-year 万元.
    pub weight: f64,
    /// For a set field at a place: the values its rules test (the honours conferred along the
    /// chain too), in vocabulary order; the others are offered apart. `None`: every value.
    pub values: Option<Vec<&'c str>>,
    /// Whether the values outside `values` are offered at all (apart): not for a set describing
    /// the place itself (`of_place`: 辽西北 is no choice in 株洲).
    pub others: bool,
}

/// The form's plan for a place (or none) on a date.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(rename = "FormPlan"))]
pub struct Plan<'c> {
    #[cfg_attr(feature = "ts", ts(type = "PlaceId | null"))]
    pub place: Option<&'c str>,
    pub as_of: Date,
    pub fields: Vec<Planned<'c>>,
}

/// One rule's weight: 1, plus its first-year value in 万元 (one-off + 12 × monthly + yearly, at
/// their maxima where stated, else minima).
fn weight(rule: &Rule) -> f64 {
    let value = rule.amount.map_or(0.0, |a| {
        let v = a.max.unwrap_or(a.min);
        match a.unit {
            Unit::OneOff | Unit::PerYear => v,
            Unit::PerMonth => 12.0 * v,
            Unit::LoanCap | Unit::Share => 0.0,
        }
    });
    1.0 + value / 10_000.0
}

/// The plan of the form for `place` on `as_of`.
pub fn plan(catalog: &Catalog, place: Option<usize>, as_of: Date) -> Plan<'_> {
    let fields = &catalog.fields;
    let Some(p) = place else {
        return Plan {
            place: None,
            as_of,
            fields: fields
                .iter()
                .map(|f| Planned {
                    id: &f.id,
                    first: f.first,
                    weight: 0.0,
                    values: None,
                    others: true,
                })
                .collect(),
        };
    };
    let chain: Vec<&Rule> = catalog.rules_at[p].iter().map(|i| &catalog.rules[*i]).collect();
    let gains = |in_force: bool| {
        chain
            .iter()
            .copied()
            .filter(move |r| r.kind != Kind::Measure && (!in_force || r.period.contains(as_of)))
    };
    let counted: Vec<&Rule> = if gains(true).next().is_some() {
        gains(true).collect()
    } else {
        gains(false).collect()
    };
    let mut weights = vec![0.0; fields.len()];
    for rule in counted {
        let mut read = Vec::new();
        for c in &rule.when {
            c.field_indices(&mut read);
        }
        // Each field once, wherever the rule reads it more than once.
        for (k, &f) in read.iter().enumerate() {
            if read[..k].contains(&f) {
                continue;
            }
            weights[f] += weight(rule);
        }
    }
    // The values of set fields the chain's rules test, any period.
    let mut tested = vec![0u64; fields.len()];
    for rule in &chain {
        let mut leaves = Vec::new();
        for c in &rule.when {
            c.leaves(&mut leaves);
        }
        for leaf in leaves {
            if let Some(mask) = leaf.mask() {
                tested[leaf.field] |= mask;
            }
        }
    }
    let place_chain: Vec<&str> = catalog.places[p]
        .chain
        .iter()
        .map(|i| catalog.places[*i].id.as_str())
        .collect();
    let planned: Vec<(usize, Planned)> = fields
        .iter()
        .enumerate()
        .map(|(i, f)| {
            let values = (f.kind == FieldKind::Set).then(|| {
                f.values
                    .iter()
                    .enumerate()
                    .filter(|(v, x)| {
                        // Tested here, or an honour conferred along the chain.
                        tested[i] & (1 << v) != 0 || x.jurisdiction.as_deref().is_some_and(|j| place_chain.contains(&j))
                    })
                    .map(|(_, x)| x.id.as_str())
                    .collect()
            });
            let first = f.kind == FieldKind::Place || weights[i] > 0.0;
            (
                i,
                Planned {
                    id: &f.id,
                    first,
                    weight: weights[i],
                    values,
                    others: !f.of_place,
                },
            )
        })
        .collect();
    // The place first, then what settles most, then the rest in the vocabulary's order.
    let planned = crate::order::sorted_by(planned, |(ia, a), (ib, b)| {
        let rank = |i: usize, x: &Planned| (fields[i].kind != FieldKind::Place, !x.first);
        rank(*ia, a)
            .cmp(&rank(*ib, b))
            .then(b.weight.total_cmp(&a.weight))
            .then(ia.cmp(ib))
    });
    Plan {
        place: Some(&catalog.places[p].id),
        as_of,
        fields: planned.into_iter().map(|(_, x)| x).collect(),
    }
}
