//! The closed condition vocabulary, evaluated three-valued with reasons (compiled from the rules
//! data by the `rencai-rules` loader).
//!
//! # Design
//! Conditions are data, not an expression language: a small set of forms (equals, one of, at least,
//! at most, contains, contains any, years since graduation, all, any, not) that can each be validated
//! against the field vocabulary and explained in both languages. At load time every enum test is
//! compiled to a bit mask of allowed value indices and every numeric test to a range, so evaluation
//! is a handful of integer comparisons with no allocation. An absent field makes a condition
//! *unknown*; `any` and `not` follow Kleene's three-valued logic, which is monotone: adding a fact
//! can settle an unknown but never flips a settled condition.

use serde::ser::{SerializeMap, Serializer};
use serde::Serialize;
use serde_json::Value as Json;

use crate::date::Date;
use crate::profile::Profile;
use crate::vocab::{Field, MAX_FIELDS};

/// A short list of profile fields, in order of first appearance, kept inline: evaluation
/// reports `missing` fields for most results, and this keeps that free of allocation.
#[derive(Clone, Copy)]
pub struct FieldList<'c> {
    fields: &'c [Field],
    len: u8,
    indices: [u8; MAX_FIELDS],
}

impl<'c> FieldList<'c> {
    /// An empty list over the catalogue's fields.
    #[inline]
    pub fn new(fields: &'c [Field]) -> FieldList<'c> {
        FieldList {
            fields,
            len: 0,
            indices: [0; MAX_FIELDS],
        }
    }

    /// Adds a field by index unless already listed.
    #[inline]
    pub fn push(&mut self, index: usize) {
        let index = index as u8;
        if !self.indices[..usize::from(self.len)].contains(&index) && usize::from(self.len) < MAX_FIELDS {
            self.indices[usize::from(self.len)] = index;
            self.len += 1;
        }
    }

    /// Empties the list.
    #[inline]
    pub fn clear(&mut self) {
        self.len = 0;
    }

    /// Whether the list is empty.
    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// The listed fields' indices in the catalogue's field list.
    #[inline]
    pub fn indices(&self) -> &[u8] {
        &self.indices[..usize::from(self.len)]
    }

    /// The field ids, in order.
    pub fn iter(&self) -> impl Iterator<Item = &'c str> + '_ {
        self.indices[..usize::from(self.len)]
            .iter()
            .map(|i| self.fields[usize::from(*i)].id.as_str())
    }
}

impl std::fmt::Debug for FieldList<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_list().entries(self.iter()).finish()
    }
}

/// Field ids, as the profile spells them.
#[cfg(feature = "ts")]
impl ts_rs::TS for FieldList<'_> {
    type WithoutGenerics = FieldList<'static>;
    type OptionInnerType = Self;
    fn name(_: &ts_rs::Config) -> String {
        "Array<FieldId>".into()
    }
    fn inline(cfg: &ts_rs::Config) -> String {
        Self::name(cfg)
    }
}

/// A condition serializes as [`crate::ts::ConditionShape`] describes (a test checks it).
#[cfg(feature = "ts")]
impl ts_rs::TS for Condition {
    type WithoutGenerics = Self;
    type OptionInnerType = Self;
    fn name(_: &ts_rs::Config) -> String {
        "Condition".into()
    }
    fn inline(_: &ts_rs::Config) -> String {
        "Condition".into()
    }
}

impl Serialize for FieldList<'_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_seq(self.iter())
    }
}

/// A compiled condition. Serialized as [`crate::ts::ConditionShape`] describes (checked by a test).
#[derive(Debug, Clone)]
pub enum Condition {
    /// A test on one field.
    Leaf(Leaf),
    /// Every child holds.
    All(Vec<Condition>),
    /// At least one child holds; `fields` names the fields involved ("a|b").
    Any { items: Vec<Condition>, fields: String },
    /// The child does not hold.
    Not(Box<Condition>),
}

/// A test on one profile field, with the words it was written in (for explanations).
#[derive(Debug, Clone)]
pub struct Leaf {
    /// Index of the field in the catalogue's field list.
    pub field: usize,
    /// The field name as written (`years_since_graduation` for the derived test).
    pub name: String,
    /// The operator as written: equals, one_of, at_least, at_most, contains, contains_any.
    pub op: &'static str,
    /// The operand as written, echoed in `unmet` so a reader sees what is needed.
    pub need: Json,
    /// The compiled test.
    pub test: Test,
}

/// A leaf's compiled test.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Test {
    /// The profile's value mask meets this mask: enum one-of / at-least / at-most (the allowed
    /// value indices), bool equals (bit 0 false, bit 1 true), set contains-any.
    Mask(u64),
    IntIn(i64, i64),
    /// `as_of` year − graduation year within the range.
    YearsSince(i64, i64),
}

/// Three-valued truth.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tri {
    True,
    False,
    Unknown,
}

impl Condition {
    /// An `any` of conditions, labelled with the fields it reads (`"a|b"`).
    pub fn any(items: Vec<Condition>) -> Condition {
        let mut any = Condition::Any {
            items,
            fields: String::new(),
        };
        let label = any.field_label();
        if let Condition::Any { fields, .. } = &mut any {
            *fields = label;
        }
        any
    }

    /// Evaluates a conjunction (a rule's `when`, or an `all`): false as soon as one part is
    /// false, else unknown if one part is unknown.
    pub fn eval_all(items: &[Condition], profile: &Profile, as_of: Date) -> Tri {
        let mut out = Tri::True;
        for c in items {
            match c.eval(profile, as_of) {
                Tri::False => return Tri::False,
                Tri::Unknown => out = Tri::Unknown,
                Tri::True => {}
            }
        }
        out
    }

    /// Evaluates against a profile on a date.
    pub fn eval(&self, profile: &Profile, as_of: Date) -> Tri {
        match self {
            Condition::Leaf(leaf) => leaf.eval(profile, as_of),
            Condition::All(items) => Condition::eval_all(items, profile, as_of),
            Condition::Any { items, .. } => {
                let mut out = Tri::False;
                for c in items {
                    match c.eval(profile, as_of) {
                        Tri::True => return Tri::True,
                        Tri::Unknown => out = Tri::Unknown,
                        Tri::False => {}
                    }
                }
                out
            }
            Condition::Not(inner) => match inner.eval(profile, as_of) {
                Tri::True => Tri::False,
                Tri::False => Tri::True,
                Tri::Unknown => Tri::Unknown,
            },
        }
    }

    /// Why a rule's conditions do not hold: each failing condition handed to `unmet` with its
    /// position among the conditions opened up (every `all` opened, so each failing part is named;
    /// `at` counts the positions passed), and the absent fields of unknown ones added to `missing`
    /// (deduplicated, in order of appearance). Allocates nothing (the decision path runs it for
    /// every listed result).
    pub fn explain<'c>(
        conditions: &'c [Condition],
        profile: &Profile,
        as_of: Date,
        at: &mut usize,
        unmet: &mut impl FnMut(usize, &'c Condition),
        missing: &mut FieldList<'c>,
    ) {
        for c in conditions {
            if let Condition::All(items) = c {
                Condition::explain(items, profile, as_of, at, unmet, missing);
                continue;
            }
            match c.eval(profile, as_of) {
                Tri::True => {}
                Tri::False => unmet(*at, c),
                Tri::Unknown => c.absent_fields(profile, as_of, missing),
            }
            *at += 1;
        }
    }

    /// The absent fields of an unknown condition that could still settle it: children already
    /// false (in an `any`) or true (in an `all`) are skipped, so no irrelevant question is asked.
    fn absent_fields<'c>(&'c self, profile: &Profile, as_of: Date, out: &mut FieldList<'c>) {
        match self {
            Condition::Leaf(leaf) => {
                if !profile.is_known(leaf.field) {
                    out.push(leaf.field);
                }
            }
            Condition::All(items) | Condition::Any { items, .. } => {
                for c in items {
                    if c.eval(profile, as_of) == Tri::Unknown {
                        c.absent_fields(profile, as_of, out);
                    }
                }
            }
            Condition::Not(inner) => inner.absent_fields(profile, as_of, out),
        }
    }

    /// Every field index the condition reads.
    pub fn field_indices(&self, out: &mut Vec<usize>) {
        match self {
            Condition::Leaf(leaf) => out.push(leaf.field),
            Condition::All(items) | Condition::Any { items, .. } => items.iter().for_each(|c| c.field_indices(out)),
            Condition::Not(inner) => inner.field_indices(out),
        }
    }

    /// Every leaf test of the condition.
    pub fn leaves<'c>(&'c self, out: &mut Vec<&'c Leaf>) {
        match self {
            Condition::Leaf(leaf) => out.push(leaf),
            Condition::All(items) | Condition::Any { items, .. } => items.iter().for_each(|c| c.leaves(out)),
            Condition::Not(inner) => inner.leaves(out),
        }
    }

    fn joined_fields(&self, out: &mut Vec<String>) {
        match self {
            Condition::Leaf(leaf) => {
                if !out.contains(&leaf.name) {
                    out.push(leaf.name.clone());
                }
            }
            Condition::All(items) | Condition::Any { items, .. } => items.iter().for_each(|c| c.joined_fields(out)),
            Condition::Not(inner) => inner.joined_fields(out),
        }
    }

    /// The field name(s) this condition is about, `|`-joined when several.
    pub fn field_label(&self) -> String {
        let mut names = Vec::new();
        self.joined_fields(&mut names);
        names.join("|")
    }
}

impl Leaf {
    /// The allowed value bit mask of an enum, bool or set test (see [`Profile::bits`]).
    pub fn mask(&self) -> Option<u64> {
        match self.test {
            Test::Mask(m) => Some(m),
            _ => None,
        }
    }

    /// For an "at least n" test on a number (an int field, or years since graduation): n.
    pub fn at_least(&self) -> Option<i64> {
        match self.test {
            Test::IntIn(lo, i64::MAX) | Test::YearsSince(lo, i64::MAX) => Some(lo),
            _ => None,
        }
    }

    /// Whether this is the derived years-since-graduation test.
    pub fn is_years_since_graduation(&self) -> bool {
        matches!(self.test, Test::YearsSince(..))
    }

    #[inline]
    fn eval(&self, profile: &Profile, as_of: Date) -> Tri {
        if !profile.is_known(self.field) {
            return Tri::Unknown;
        }
        let holds = match self.test {
            Test::Mask(mask) => profile.bits(self.field) & mask != 0,
            Test::IntIn(lo, hi) => (lo..=hi).contains(&profile.int(self.field)),
            Test::YearsSince(lo, hi) => (lo..=hi).contains(&(i64::from(as_of.year()) - profile.int(self.field))),
        };
        if holds {
            Tri::True
        } else {
            Tri::False
        }
    }
}

/// The operators a leaf may use, as written in the rules.
pub const OPERATORS: [&str; 6] = ["equals", "one_of", "at_least", "at_most", "contains", "contains_any"];

/// An unmet condition as reported: `{"field", "op", "need"}`; `any` and `not` carry their parts in `need`.
impl serde::Serialize for Condition {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut map = s.serialize_map(Some(3))?;
        match self {
            Condition::Leaf(leaf) => {
                map.serialize_entry("field", &leaf.name)?;
                map.serialize_entry("op", leaf.op)?;
                map.serialize_entry("need", &leaf.need)?;
            }
            Condition::All(items) => {
                map.serialize_entry("field", &self.field_label())?;
                map.serialize_entry("op", "all")?;
                map.serialize_entry("need", items)?;
            }
            Condition::Any { items, fields } => {
                map.serialize_entry("field", fields)?;
                map.serialize_entry("op", "any")?;
                map.serialize_entry("need", items)?;
            }
            Condition::Not(inner) => {
                map.serialize_entry("field", &self.field_label())?;
                map.serialize_entry("op", "not")?;
                map.serialize_entry("need", &[inner.as_ref()])?;
            }
        }
        map.end()
    }
}
