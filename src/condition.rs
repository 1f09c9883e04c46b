//! The closed condition vocabulary: compiled from rules data, evaluated three-valued with reasons.
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
use serde_json::Value as Json;

use crate::catalog::{Field, FieldKind};
use crate::date::Date;
use crate::profile::Profile;
use serde::Serialize;

/// The field name used for the derived "years since graduation" test.
pub const YEARS_SINCE_GRADUATION: &str = "years_since_graduation";

/// The largest number of profile fields the catalogue may define (the size of [`FieldList`]).
pub const MAX_FIELDS: usize = 32;

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
    pub fn new(fields: &'c [Field]) -> FieldList<'c> {
        FieldList {
            fields,
            len: 0,
            indices: [0; MAX_FIELDS],
        }
    }

    /// Adds a field by index unless already listed.
    pub fn push(&mut self, index: usize) {
        let index = index as u8;
        if !self.indices[..usize::from(self.len)].contains(&index) && usize::from(self.len) < MAX_FIELDS {
            self.indices[usize::from(self.len)] = index;
            self.len += 1;
        }
    }

    /// Whether the list is empty.
    pub fn is_empty(&self) -> bool {
        self.len == 0
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

impl Serialize for FieldList<'_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_seq(self.iter())
    }
}

/// A compiled condition.
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
    test: Test,
}

#[derive(Debug, Clone)]
enum Test {
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

    /// Collects why the condition does not hold: failing conditions into `unmet` (an `all` is
    /// opened up so each failing part is named) and the absent fields of unknown ones into
    /// `missing` (deduplicated, in order of appearance).
    pub fn explain<'c>(
        &'c self,
        profile: &Profile,
        as_of: Date,
        unmet: &mut Vec<&'c Condition>,
        missing: &mut FieldList<'c>,
    ) {
        if let Condition::All(items) = self {
            for c in items {
                c.explain(profile, as_of, unmet, missing);
            }
            return;
        }
        match self.eval(profile, as_of) {
            Tri::True => {}
            Tri::False => unmet.push(self),
            Tri::Unknown => self.absent_fields(profile, as_of, missing),
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

    /// Compiles a condition from its data form (see rules/README.md).
    ///
    /// # Errors
    /// A message naming the offending key, field or value and what is accepted.
    pub fn compile(spec: &Json, fields: &[Field]) -> Result<Condition, String> {
        let obj = spec
            .as_object()
            .ok_or_else(|| format!("condition {spec}: expected an inline table such as {{ field = \"education\", at_least = \"bachelor\" }}"))?;
        const COMBINATORS: [&str; 3] = ["all", "any", "not"];
        const OPS: [&str; 6] = OP_NAMES;
        for key in obj.keys() {
            if key != "field" && !COMBINATORS.contains(&key.as_str()) && !OPS.contains(&key.as_str()) {
                return Err(format!(
                    "condition {spec}: unknown key \"{key}\", expected field with one of {}, or one of all, any, not",
                    OPS.join(", ")
                ));
            }
        }
        if let Some(combinator) = COMBINATORS.iter().find(|k| obj.contains_key(**k)) {
            if obj.len() != 1 {
                return Err(format!(
                    "condition {spec}: \"{combinator}\" must stand alone in its table"
                ));
            }
            let inner = &obj[*combinator];
            return match *combinator {
                "not" => Ok(Condition::Not(Box::new(Condition::compile(inner, fields)?))),
                _ => {
                    let items = inner
                        .as_array()
                        .filter(|a| !a.is_empty())
                        .ok_or_else(|| {
                            format!("condition {spec}: \"{combinator}\" takes a non-empty array of conditions")
                        })?
                        .iter()
                        .map(|c| Condition::compile(c, fields))
                        .collect::<Result<Vec<_>, _>>()?;
                    if *combinator == "all" {
                        Ok(Condition::All(items))
                    } else {
                        let mut any = Condition::Any {
                            items,
                            fields: String::new(),
                        };
                        let label = any.field_label();
                        if let Condition::Any { fields, .. } = &mut any {
                            *fields = label;
                        }
                        Ok(any)
                    }
                }
            };
        }
        let name = obj
            .get("field")
            .and_then(Json::as_str)
            .ok_or_else(|| format!("condition {spec}: missing \"field\" (a profile field name)"))?;
        let ops: Vec<&str> = OPS.iter().copied().filter(|k| obj.contains_key(*k)).collect();
        let [op] = ops.as_slice() else {
            return Err(format!("condition {spec}: give exactly one of {}", OPS.join(", ")));
        };
        let need = obj[*op].clone();
        let (field, test) = if name == YEARS_SINCE_GRADUATION {
            let field = find_field(fields, "graduation_year", spec)?;
            let n = need
                .as_i64()
                .ok_or_else(|| format!("condition {spec}: {name} takes a whole number of years"))?;
            let test = match *op {
                "at_least" => Test::YearsSince(n, i64::MAX),
                "at_most" => Test::YearsSince(i64::MIN, n),
                _ => return Err(format!("condition {spec}: {name} takes at_least or at_most")),
            };
            (field, test)
        } else {
            let index = find_field(fields, name, spec)?;
            (
                index,
                compile_test(&fields[index], op, &need).map_err(|e| format!("condition {spec}: {e}"))?,
            )
        };
        Ok(Condition::Leaf(Leaf {
            field,
            name: name.to_string(),
            op,
            need,
            test,
        }))
    }
}

fn find_field(fields: &[Field], name: &str, spec: &Json) -> Result<usize, String> {
    fields
        .iter()
        .position(|f| f.id == name && !matches!(f.kind, FieldKind::Date | FieldKind::Place))
        .ok_or_else(|| {
            let names: Vec<&str> = fields
                .iter()
                .filter(|f| !matches!(f.kind, FieldKind::Date | FieldKind::Place))
                .map(|f| f.id.as_str())
                .chain([YEARS_SINCE_GRADUATION])
                .collect();
            format!(
                "condition {spec}: unknown field \"{name}\", expected one of {}",
                names.join(", ")
            )
        })
}

fn compile_test(field: &Field, op: &str, need: &Json) -> Result<Test, String> {
    let value_index = |v: &Json| -> Result<usize, String> {
        let id = v
            .as_str()
            .ok_or_else(|| format!("{}: expected a value id, got {v}", field.id))?;
        field.value_index(id).ok_or_else(|| {
            format!(
                "{}: unknown value \"{id}\", expected one of {}",
                field.id,
                field.value_ids().join(", ")
            )
        })
    };
    let list = |v: &Json| -> Result<Vec<usize>, String> {
        v.as_array()
            .filter(|a| !a.is_empty())
            .ok_or_else(|| format!("{}: {op} takes a non-empty array", field.id))?
            .iter()
            .map(value_index)
            .collect()
    };
    match (&field.kind, op) {
        (FieldKind::Enum { .. }, "equals") => Ok(Test::Mask(1 << value_index(need)?)),
        (FieldKind::Enum { .. }, "one_of") => Ok(Test::Mask(list(need)?.iter().fold(0, |m, i| m | 1 << i))),
        (FieldKind::Enum { ordered: true }, "at_least" | "at_most") => {
            let i = value_index(need)?;
            let n = field.values.len();
            let mask = (0..n)
                .filter(|j| if op == "at_least" { *j >= i } else { *j <= i })
                .fold(0u64, |m, j| m | 1 << j);
            Ok(Test::Mask(mask))
        }
        (FieldKind::Bool, "equals") => need
            .as_bool()
            .map(|b| Test::Mask(1 << u8::from(b)))
            .ok_or_else(|| format!("{}: expected true or false", field.id)),
        (FieldKind::Int { .. }, "equals" | "at_least" | "at_most") => {
            let n = need
                .as_i64()
                .ok_or_else(|| format!("{}: expected a whole number", field.id))?;
            Ok(match op {
                "equals" => Test::IntIn(n, n),
                "at_least" => Test::IntIn(n, i64::MAX),
                _ => Test::IntIn(i64::MIN, n),
            })
        }
        (FieldKind::Set, "contains") => Ok(Test::Mask(1 << value_index(need)?)),
        (FieldKind::Set, "contains_any") => Ok(Test::Mask(list(need)?.iter().fold(0, |m, i| m | 1 << i))),
        (kind, _) => Err(format!(
            "{}: \"{op}\" does not apply to a {} field",
            field.id,
            kind.name()
        )),
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

const OP_NAMES: [&str; 6] = ["equals", "one_of", "at_least", "at_most", "contains", "contains_any"];

impl Condition {
    /// Writes the compiled condition (see `codec.rs`).
    pub fn encode(&self, w: &mut crate::codec::Writer) {
        match self {
            Condition::Leaf(leaf) => {
                w.uint(0);
                w.uint(leaf.field as u64);
                w.str(&leaf.name);
                w.uint(OP_NAMES.iter().position(|o| *o == leaf.op).unwrap_or(0) as u64);
                w.str(&leaf.need.to_string());
                match &leaf.test {
                    Test::Mask(mask) => {
                        w.uint(0);
                        w.uint(*mask);
                    }
                    Test::IntIn(lo, hi) => {
                        w.uint(1);
                        w.int(*lo);
                        w.int(*hi);
                    }
                    Test::YearsSince(lo, hi) => {
                        w.uint(2);
                        w.int(*lo);
                        w.int(*hi);
                    }
                }
            }
            Condition::All(items) => {
                w.uint(1);
                w.list(items, |w, c| c.encode(w));
            }
            Condition::Any { items, fields } => {
                w.uint(2);
                w.list(items, |w, c| c.encode(w));
                w.str(fields);
            }
            Condition::Not(inner) => {
                w.uint(3);
                inner.encode(w);
            }
        }
    }

    /// Reads what [`Condition::encode`] wrote.
    pub fn decode(r: &mut crate::codec::Reader<'_>) -> Option<Condition> {
        Some(match r.uint()? {
            0 => {
                let field = r.usize()?;
                let name = r.str()?;
                let op = *OP_NAMES.get(r.usize()?)?;
                let need = r.json()?;
                let test = match r.uint()? {
                    0 => Test::Mask(r.uint()?),
                    1 => Test::IntIn(r.int()?, r.int()?),
                    2 => Test::YearsSince(r.int()?, r.int()?),
                    _ => return None,
                };
                Condition::Leaf(Leaf {
                    field,
                    name,
                    op,
                    need,
                    test,
                })
            }
            1 => Condition::All(r.list(Condition::decode)?),
            2 => Condition::Any {
                items: r.list(Condition::decode)?,
                fields: r.str()?,
            },
            3 => Condition::Not(Box::new(Condition::decode(r)?)),
            _ => return None,
        })
    }
}

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
