//! Structure-aware profiles: an `Arbitrary` tree whose keys and values are taken from the
//! catalogue's vocabulary (valid, or just outside it), written out as JSON text by hand so the
//! text can hold what a serializer never writes: duplicate keys, numbers beyond `i64`/`f64`,
//! `-0`, `\u` escapes and lone surrogates, nesting past the parser's limit.

use std::fmt::Write;

use arbitrary::{Arbitrary, Unstructured};
use rencai::vocab::{Field, FieldKind};
use rencai::Catalog;

/// A profile as sent: nine times in ten an object, else any other JSON value.
#[derive(Debug)]
pub enum Input {
    Object(Vec<(Key, Val)>),
    Other(Val),
}

/// A key: a field of the vocabulary, one just outside it, or any text.
#[derive(Debug)]
pub enum Key {
    Field(u8),
    Near(u8, Near),
    Special(u8),
    Text(String),
}

/// A value, judged against the field of its key.
#[derive(Debug)]
pub enum Val {
    /// A value the field accepts.
    Valid(u16),
    /// One the field accepts, changed just outside what it accepts.
    Near(u16, Near),
    Null,
    Bool(bool),
    Int(i64),
    Float(f64),
    /// A number as written, of any size.
    Number(Number),
    Text(String),
    /// A long string of one character.
    Long(u32, char),
    /// A string written with `\u` escapes (lone surrogates too).
    Escaped(Vec<u16>),
    Array(Vec<Val>),
    Object(Vec<(Key, Val)>),
    /// The value inside `depth` arrays or objects.
    Deep(u8, bool, Box<Val>),
}

// The derive picks each variant equally often; these weigh them so that most profiles look
// valid (a field of the vocabulary, a value it accepts or one just outside), and the rest of the
// variety comes on top.

impl<'a> Arbitrary<'a> for Input {
    fn arbitrary(u: &mut Unstructured<'a>) -> arbitrary::Result<Self> {
        Ok(if u.ratio(1, 10)? {
            Input::Other(u.arbitrary()?)
        } else {
            Input::Object(u.arbitrary()?)
        })
    }
}

impl<'a> Arbitrary<'a> for Key {
    fn arbitrary(u: &mut Unstructured<'a>) -> arbitrary::Result<Self> {
        Ok(match u.int_in_range(0..=19u8)? {
            0..=15 => Key::Field(u.arbitrary()?),
            16 => Key::Near(u.arbitrary()?, u.arbitrary()?),
            17 | 18 => Key::Special(u.arbitrary()?),
            _ => Key::Text(u.arbitrary()?),
        })
    }
}

impl<'a> Arbitrary<'a> for Val {
    fn arbitrary(u: &mut Unstructured<'a>) -> arbitrary::Result<Self> {
        Ok(match u.int_in_range(0..=99u8)? {
            0..=39 => Val::Valid(u.arbitrary()?),
            40..=59 => Val::Near(u.arbitrary()?, u.arbitrary()?),
            60..=63 => Val::Null,
            64..=66 => Val::Bool(u.arbitrary()?),
            67..=69 => Val::Int(u.arbitrary()?),
            70..=72 => Val::Float(u.arbitrary()?),
            73..=76 => Val::Number(u.arbitrary()?),
            77..=80 => Val::Text(u.arbitrary()?),
            81..=83 => Val::Long(u.arbitrary()?, u.arbitrary()?),
            84..=86 => Val::Escaped(u.arbitrary()?),
            87..=92 => Val::Array(u.arbitrary()?),
            93..=95 => Val::Object(u.arbitrary()?),
            _ => Val::Deep(u.arbitrary()?, u.arbitrary()?, u.arbitrary()?),
        })
    }
}

/// How a valid id or value is changed into a near miss.
#[derive(Arbitrary, Debug)]
pub enum Near {
    Upper,
    Prefix(char),
    Suffix(char),
    DropLast,
    Spaces,
    Doubled,
    /// As a string when it is a number or bool, and as a one-item array otherwise.
    Wrapped,
    /// One step below the field's minimum, or above its maximum.
    Beyond(bool),
    /// A whole number written as a float (`3.0`, `3e0`).
    AsFloat(bool),
}

/// A number's text: sign, digits, fraction, exponent.
#[derive(Arbitrary, Debug)]
pub struct Number {
    negative: bool,
    digits: u16,
    lead: u8,
    fraction: Option<u8>,
    exponent: Option<i16>,
}

/// Keys a JS object or a hand-edited link may carry.
const SPECIAL_KEYS: &[&str] = &[
    "__proto__",
    "constructor",
    "prototype",
    "",
    " ",
    "toString",
    "null",
    "0",
];

/// Dates at the edges of what `Date` holds, and around leap days.
const DATES: &[&str] = &[
    "0001-01-01",
    "9999-12-31",
    "9999-01-01",
    "0001-12-31",
    "2000-02-29",
    "2024-02-29",
    "1900-03-01",
    "1970-01-01",
    "2016-12-31",
    "2030-01-01",
];

/// Dates just outside the format or the calendar.
const BAD_DATES: &[&str] = &[
    "2023-02-29",
    "1900-02-29",
    "2024-13-01",
    "2024-00-10",
    "2024-01-32",
    "0000-01-01",
    "10000-01-01",
    "2024-6-1",
    "2024/06/01",
    "2024-06-01T00:00:00",
    " 2024-06-01",
    "２０２４-06-01",
    "+2024-06-01",
    "-001-01-01",
];

/// Caps a long string, so one input stays under a few hundred KB.
const MAX_LONG: u32 = 1 << 18;

/// The deepest nesting written (serde_json stops at 128).
const MAX_DEPTH: u8 = 200;

struct Writer<'c> {
    catalog: &'c Catalog,
    out: String,
}

impl Input {
    /// The profile as JSON text.
    pub fn to_json(&self, catalog: &Catalog) -> String {
        let mut w = Writer {
            catalog,
            out: String::new(),
        };
        match self {
            Input::Object(entries) => w.object(entries),
            Input::Other(v) => w.value(v, None, false),
        }
        w.out
    }
}

fn quoted(out: &mut String, s: &str) {
    out.push_str(&serde_json::to_string(s).unwrap_or_default());
}

fn near_text(id: &str, near: &Near) -> String {
    match near {
        Near::Upper => id.to_uppercase(),
        Near::Prefix(c) => format!("{c}{id}"),
        Near::Suffix(c) => format!("{id}{c}"),
        Near::DropLast => {
            let mut s = id.to_string();
            s.pop();
            s
        }
        Near::Spaces => format!(" {id} "),
        Near::Doubled => format!("{id}{id}"),
        Near::Wrapped | Near::Beyond(_) | Near::AsFloat(_) => id.replace('_', "-"),
    }
}

impl Writer<'_> {
    fn field(&self, n: u8) -> &Field {
        let fields = &self.catalog.fields;
        &fields[n as usize % fields.len()]
    }

    fn key(&mut self, key: &Key) -> Option<usize> {
        let fields = &self.catalog.fields;
        match key {
            Key::Field(n) => {
                let i = *n as usize % fields.len();
                quoted(&mut self.out, &fields[i].id);
                return Some(i);
            }
            Key::Near(n, near) => {
                let text = near_text(&self.field(*n).id, near);
                quoted(&mut self.out, &text);
            }
            Key::Special(n) => quoted(&mut self.out, SPECIAL_KEYS[*n as usize % SPECIAL_KEYS.len()]),
            Key::Text(s) => quoted(&mut self.out, s),
        }
        None
    }

    fn object(&mut self, entries: &[(Key, Val)]) {
        self.out.push('{');
        for (n, (k, v)) in entries.iter().enumerate() {
            if n > 0 {
                self.out.push(',');
            }
            let field = self.key(k);
            self.out.push(':');
            self.value(v, field, false);
        }
        self.out.push('}');
    }

    /// A value for the field at `field` (`item`: one element of a set field's array).
    fn value(&mut self, v: &Val, field: Option<usize>, item: bool) {
        match v {
            Val::Valid(n) => self.valid(field, *n, item),
            Val::Near(n, near) => self.near(field, *n, near, item),
            Val::Null => self.out.push_str("null"),
            Val::Bool(b) => self.out.push_str(if *b { "true" } else { "false" }),
            Val::Int(n) => {
                let _ = write!(self.out, "{n}");
            }
            Val::Float(f) if f.is_finite() => {
                let _ = write!(self.out, "{f:?}");
            }
            Val::Float(_) => self.out.push_str("1e999"),
            Val::Number(n) => self.number(n),
            Val::Text(s) => quoted(&mut self.out, s),
            Val::Long(len, c) => {
                let s: String = std::iter::repeat_n(*c, (*len % MAX_LONG) as usize).collect();
                quoted(&mut self.out, &s);
            }
            Val::Escaped(units) => {
                self.out.push('"');
                for u in units {
                    let _ = write!(self.out, "\\u{u:04x}");
                }
                self.out.push('"');
            }
            Val::Array(items) => {
                // Inside a set field, an array's elements are that set's values.
                let set = field.is_some_and(|i| self.catalog.fields[i].kind == FieldKind::Set);
                self.out.push('[');
                for (n, x) in items.iter().enumerate() {
                    if n > 0 {
                        self.out.push(',');
                    }
                    self.value(x, field, set);
                }
                self.out.push(']');
            }
            Val::Object(entries) => self.object(entries),
            Val::Deep(depth, objects, inner) => {
                let depth = (*depth).min(MAX_DEPTH);
                for _ in 0..depth {
                    self.out.push_str(if *objects { "{\"a\":" } else { "[" });
                }
                self.value(inner, field, item);
                for _ in 0..depth {
                    self.out.push(if *objects { '}' } else { ']' });
                }
            }
        }
    }

    fn number(&mut self, n: &Number) {
        if n.negative {
            self.out.push('-');
        }
        let digits = (n.digits % 400) as usize;
        self.out.push(char::from(b'0' + n.lead % 10));
        for i in 0..digits {
            self.out.push(char::from(b'0' + (i * 7 % 10) as u8));
        }
        if let Some(f) = n.fraction {
            let _ = write!(self.out, ".{f}");
        }
        if let Some(e) = n.exponent {
            let _ = write!(self.out, "e{e}");
        }
    }

    /// A value the field accepts (for a field-less key: a place, as good as any).
    fn valid(&mut self, field: Option<usize>, n: u16, item: bool) {
        let n = n as usize;
        let Some(f) = field.map(|i| &self.catalog.fields[i]) else {
            let places = &self.catalog.places;
            quoted(&mut self.out, &places[n % places.len()].id);
            return;
        };
        match &f.kind {
            FieldKind::Date => {
                let text = match DATES.get(n % (DATES.len() + 1)) {
                    Some(d) => d.to_string(),
                    None => format!("{:04}-{:02}-{:02}", 1 + n % 9999, 1 + n % 12, 1 + n % 28),
                };
                quoted(&mut self.out, &text);
            }
            FieldKind::Place => {
                let places = &self.catalog.places;
                quoted(&mut self.out, &places[n % places.len()].id);
            }
            FieldKind::Enum { .. } if !f.values.is_empty() => {
                quoted(&mut self.out, &f.values[n % f.values.len()].id);
            }
            FieldKind::Set if !f.values.is_empty() => {
                let id = &f.values[n % f.values.len()].id;
                if item {
                    quoted(&mut self.out, id);
                } else {
                    self.out.push('[');
                    quoted(&mut self.out, id);
                    self.out.push(']');
                }
            }
            FieldKind::Bool => self.out.push_str(if n.is_multiple_of(2) { "false" } else { "true" }),
            FieldKind::Int { min, max } => {
                let span = max.saturating_sub(*min).saturating_add(1).max(1);
                let v = match n % 3 {
                    0 => *min,
                    1 => *max,
                    _ => min.saturating_add(n as i64 % span),
                };
                let _ = write!(self.out, "{v}");
            }
            _ => self.out.push_str("null"),
        }
    }

    /// A value the field accepts, changed just outside it.
    fn near(&mut self, field: Option<usize>, n: u16, near: &Near, item: bool) {
        let Some(f) = field.map(|i| &self.catalog.fields[i]) else {
            return self.valid(field, n, item);
        };
        let n = n as usize;
        match (&f.kind, near) {
            (FieldKind::Int { min, max }, Near::Beyond(up)) => {
                let v = if *up {
                    max.saturating_add(1)
                } else {
                    min.saturating_sub(1)
                };
                let _ = write!(self.out, "{v}");
            }
            (FieldKind::Int { min, .. }, Near::AsFloat(exp)) => {
                let _ = if *exp {
                    write!(self.out, "{min}e0")
                } else {
                    write!(self.out, "{min}.0")
                };
            }
            (FieldKind::Int { max, .. }, Near::Wrapped) => quoted(&mut self.out, &max.to_string()),
            (FieldKind::Int { min, .. }, _) => {
                let _ = write!(self.out, "{}", i128::from(*min) - 1 - n as i128 * 1_000_000_007);
            }
            (FieldKind::Bool, Near::Wrapped) => {
                quoted(&mut self.out, if n.is_multiple_of(2) { "false" } else { "true" })
            }
            (FieldKind::Bool, _) => self.out.push_str(if n.is_multiple_of(2) { "0" } else { "1" }),
            (FieldKind::Date, Near::Wrapped) => {
                self.out.push('[');
                quoted(&mut self.out, DATES[n % DATES.len()]);
                self.out.push(']');
            }
            (FieldKind::Date, Near::Beyond(_) | Near::AsFloat(_)) => {
                quoted(&mut self.out, BAD_DATES[n % BAD_DATES.len()]);
            }
            (FieldKind::Date, _) => quoted(&mut self.out, &near_text(DATES[n % DATES.len()], near)),
            (FieldKind::Place, Near::Wrapped) => {
                self.out.push('[');
                self.valid(field, n as u16, item);
                self.out.push(']');
            }
            (FieldKind::Place, _) => {
                let places = &self.catalog.places;
                quoted(&mut self.out, &near_text(&places[n % places.len()].id, near));
            }
            (FieldKind::Enum { .. } | FieldKind::Set, _) if f.values.is_empty() => self.out.push_str("null"),
            (FieldKind::Enum { .. }, Near::Wrapped) => {
                self.out.push('[');
                quoted(&mut self.out, &f.values[n % f.values.len()].id);
                self.out.push(']');
            }
            (FieldKind::Set, Near::Wrapped) => quoted(&mut self.out, &f.values[n % f.values.len()].id),
            (FieldKind::Enum { .. } | FieldKind::Set, _) => {
                let text = near_text(&f.values[n % f.values.len()].id, near);
                if matches!(f.kind, FieldKind::Set) && !item {
                    self.out.push('[');
                    quoted(&mut self.out, &text);
                    self.out.push(']');
                } else {
                    quoted(&mut self.out, &text);
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    /// The generator and the checks on pseudo-random bytes: a smoke test that runs on stable.
    #[test]
    fn generated_profiles_keep_the_invariants() {
        let catalog = crate::catalog();
        let mut seed = 1u64;
        for _ in 0..100 {
            let bytes: Vec<u8> = (0..256)
                .map(|_| {
                    seed = seed.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
                    (seed >> 33) as u8
                })
                .collect();
            let input: super::Input = arbitrary::Unstructured::new(&bytes).arbitrary().expect("an input");
            crate::check_profile(catalog, &input.to_json(catalog));
        }
    }
}
