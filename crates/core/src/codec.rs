//! A compact binary form of the validated catalogue, written by `build.rs` and read at start-up.
//!
//! # Design
//! The catalogue is validated once, at build time (`build.rs` runs the `rencai-rules` loader and
//! the quote check, and fails the build naming the file, the line and the rule id). What ships is the result in
//! a plain length-prefixed encoding, so the wasm module carries a small reader instead of a JSON
//! deserializer and the whole validator; this keeps the page's transfer within its budget. The
//! format is private to one build: writer and reader are compiled from this same file.

use serde_json::Value as Json;

use crate::catalog::{
    Amount, Catalog, Category, Clause, DocKind, Document, Explanation, Kind, Period, Requirement, Route, Rule,
    TitleLevel, Unit,
};
use crate::condition::{Condition, Leaf, Test, OPERATORS};
use crate::date::Date;
use crate::vocab::{Field, FieldKind, FieldValue, Place};

/// The writer.
#[derive(Default)]
pub struct Writer(pub Vec<u8>);

/// The reader; every read fails softly (`None`) on truncated or foreign input.
pub struct Reader<'a> {
    bytes: &'a [u8],
    at: usize,
}

impl Writer {
    pub fn uint(&mut self, mut v: u64) {
        loop {
            let byte = (v & 0x7f) as u8;
            v >>= 7;
            if v == 0 {
                self.0.push(byte);
                return;
            }
            self.0.push(byte | 0x80);
        }
    }
    pub fn int(&mut self, v: i64) {
        self.uint(((v << 1) ^ (v >> 63)) as u64);
    }
    pub fn str(&mut self, s: &str) {
        self.uint(s.len() as u64);
        self.0.extend_from_slice(s.as_bytes());
    }
    pub fn bool(&mut self, b: bool) {
        self.0.push(u8::from(b));
    }
    pub fn f64(&mut self, v: f64) {
        self.0.extend_from_slice(&v.to_le_bytes());
    }
    pub fn opt<T>(&mut self, v: &Option<T>, mut each: impl FnMut(&mut Writer, &T)) {
        match v {
            None => self.bool(false),
            Some(x) => {
                self.bool(true);
                each(self, x);
            }
        }
    }
    pub fn list<T>(&mut self, items: &[T], mut each: impl FnMut(&mut Writer, &T)) {
        self.uint(items.len() as u64);
        for x in items {
            each(self, x);
        }
    }
    fn date(&mut self, d: &Date) {
        self.str(&d.to_string());
    }
    fn period(&mut self, p: &Period) {
        match p {
            Period::NotStated => self.bool(false),
            Period::Range { from, until } => {
                self.bool(true);
                self.opt(from, Writer::date);
                self.opt(until, Writer::date);
            }
        }
    }
}

impl<'a> Reader<'a> {
    pub fn new(bytes: &'a [u8]) -> Reader<'a> {
        Reader { bytes, at: 0 }
    }
    pub fn uint(&mut self) -> Option<u64> {
        let mut v = 0u64;
        for shift in (0..64).step_by(7) {
            let byte = *self.bytes.get(self.at)?;
            self.at += 1;
            v |= u64::from(byte & 0x7f) << shift;
            if byte & 0x80 == 0 {
                return Some(v);
            }
        }
        None
    }
    pub fn int(&mut self) -> Option<i64> {
        let v = self.uint()?;
        Some(((v >> 1) as i64) ^ -((v & 1) as i64))
    }
    pub fn usize(&mut self) -> Option<usize> {
        usize::try_from(self.uint()?).ok()
    }
    pub fn str(&mut self) -> Option<String> {
        let len = self.usize()?;
        let bytes = self.bytes.get(self.at..self.at.checked_add(len)?)?;
        self.at += len;
        String::from_utf8(bytes.to_vec()).ok()
    }
    pub fn bool(&mut self) -> Option<bool> {
        let b = *self.bytes.get(self.at)?;
        self.at += 1;
        Some(b != 0)
    }
    pub fn f64(&mut self) -> Option<f64> {
        let bytes = self.bytes.get(self.at..self.at + 8)?;
        self.at += 8;
        Some(f64::from_le_bytes(bytes.try_into().ok()?))
    }
    pub fn opt<T>(&mut self, each: impl FnOnce(&mut Reader<'a>) -> Option<T>) -> Option<Option<T>> {
        if self.bool()? {
            each(self).map(Some)
        } else {
            Some(None)
        }
    }
    pub fn list<T>(&mut self, mut each: impl FnMut(&mut Reader<'a>) -> Option<T>) -> Option<Vec<T>> {
        let n = self.usize()?;
        let mut out = Vec::with_capacity(n.min(4096));
        for _ in 0..n {
            out.push(each(self)?);
        }
        Some(out)
    }
    fn date(&mut self) -> Option<Date> {
        Date::parse(&self.str()?)
    }
    fn period(&mut self) -> Option<Period> {
        if self.bool()? {
            Some(Period::Range {
                from: self.opt(Reader::date)?,
                until: self.opt(Reader::date)?,
            })
        } else {
            Some(Period::NotStated)
        }
    }
    fn word<T: Copy>(&mut self, all: &[T]) -> Option<T> {
        all.get(self.usize()?).copied()
    }
    pub fn json(&mut self) -> Option<Json> {
        serde_json::from_str(&self.str()?).ok()
    }
}

pub fn word<T: PartialEq>(w: &mut Writer, all: &[T], v: &T) {
    w.uint(all.iter().position(|x| x == v).unwrap_or(0) as u64);
}

/// Encodes a validated catalogue. Without `full`, what only the CLI reads is left out, which the
/// wasm build does to save transfer: the documents' clause lists and `not_encoded` (for `rencai
/// coverage`) and the interpretation notes (for `--full`; the npm package loads them on demand
/// from `rencai_notes.json`, written from `rencai catalog --json`).
pub fn encode(c: &Catalog, full: bool) -> Vec<u8> {
    encode_with(c, full, true)
}

/// [`encode`] for an engine that decides but never words a result (the page's wasm): without
/// what only the CLI reads, and without the rules' and documents' words (titles, clause numbers,
/// quotes, `requires` and `explain` texts, document titles and issuers), which the page loads as
/// text packs (`rencai catalog --page`). Rule ids, places, fields and values stay: what-if,
/// compare, the form and the schema answer with them.
pub fn encode_decisions(c: &Catalog) -> Vec<u8> {
    encode_with(c, false, false)
}

fn encode_with(c: &Catalog, full: bool, texts: bool) -> Vec<u8> {
    let none: &[String] = &[];
    let text = |s: &'_ str| -> String {
        if texts {
            s.to_string()
        } else {
            String::new()
        }
    };
    let mut w = Writer::default();
    w.list(&c.fields, |w, f| {
        w.str(&f.id);
        match f.kind {
            FieldKind::Date => w.uint(0),
            FieldKind::Place => w.uint(1),
            FieldKind::Enum { ordered } => {
                w.uint(2);
                w.bool(ordered);
            }
            FieldKind::Set => w.uint(3),
            FieldKind::Bool => w.uint(4),
            FieldKind::Int { min, max } => {
                w.uint(5);
                w.int(min);
                w.int(max);
            }
        }
        for s in [&f.label_zh, &f.label_en, &f.help_zh, &f.help_en] {
            w.str(s);
        }
        w.list(&f.values, |w, v| {
            w.str(&v.id);
            w.str(&v.zh);
            w.str(&v.en);
            w.opt(&v.jurisdiction, |w, s| w.str(s));
            w.opt(&v.document, |w, s| w.str(s));
            w.bool(v.actionable);
        });
        w.bool(f.actionable);
        w.bool(f.yearly);
        w.bool(f.first);
        w.bool(f.holds);
        w.bool(f.of_place);
    });
    w.list(&c.places, |w, p| {
        w.str(&p.id);
        w.str(&p.name_zh);
        w.str(&p.name_en);
        w.opt(&p.parent, |w, i| w.uint(*i as u64));
        w.str(&p.kind);
    });
    w.list(&c.documents, |w, d| {
        w.str(&d.id);
        for s in [&d.file, &d.title_zh, &d.title_en, &d.issuer] {
            w.str(&text(s));
        }
        w.opt(&d.number.as_deref().map(text), |w, s| w.str(s));
        w.opt(&d.date, Writer::date);
        w.period(&d.period);
        w.opt(&d.jurisdiction, |w, i| w.uint(*i as u64));
        word(w, DocKind::ALL, &d.kind);
        w.list(if full { &d.notes } else { none }, |w, s| w.str(s));
        w.opt(if full { &d.not_encoded } else { &None }, |w, s| w.str(s));
        w.list(if full { &d.clauses } else { &[] }, |w, c| {
            w.str(&c.id);
            w.bool(c.individual);
            w.opt(&c.not_encoded, |w, s| w.str(s));
            w.opt(&c.starts, |w, s| w.str(s));
        });
    });
    w.list(&c.rules, |w, r| {
        w.str(&r.id);
        w.uint(r.document as u64);
        w.uint(r.jurisdiction as u64);
        word(w, Kind::ALL, &r.kind);
        word(w, Category::ALL, &r.category);
        w.str(&text(&r.title_zh));
        w.str(&text(&r.title_en));
        w.list(&r.when, write_condition);
        w.opt(&r.amount, |w, a| {
            word(w, Unit::ALL, &a.unit);
            w.f64(a.min);
            w.opt(&a.max, |w, m| w.f64(*m));
        });
        w.opt(&r.title_level, |w, l| word(w, TitleLevel::ALL, l));
        w.opt(&r.route, |w, l| word(w, Route::ALL, l));
        w.str(&text(&r.clause));
        w.str(&text(&r.quote));
        w.opt(&r.exclusive, |w, s| w.str(s));
        w.period(&r.period);
        w.list(if full { &r.notes } else { none }, |w, s| w.str(s));
        w.list(&r.requires, |w, q| {
            w.str(&text(&q.zh));
            w.str(&text(&q.en));
        });
        w.opt(if texts { &r.explain } else { &None }, |w, x| {
            w.str(&x.zh);
            w.str(&x.en);
        });
    });
    w.0
}

/// Decodes what [`encode`] wrote; `None` if the bytes are not such a catalogue.
pub fn decode(bytes: &[u8]) -> Option<Catalog> {
    let mut r = Reader::new(bytes);
    let fields = r.list(|r| {
        let id = r.str()?;
        let kind = match r.uint()? {
            0 => FieldKind::Date,
            1 => FieldKind::Place,
            2 => FieldKind::Enum { ordered: r.bool()? },
            3 => FieldKind::Set,
            4 => FieldKind::Bool,
            5 => FieldKind::Int {
                min: r.int()?,
                max: r.int()?,
            },
            _ => return None,
        };
        Some(Field {
            id,
            kind,
            label_zh: r.str()?,
            label_en: r.str()?,
            help_zh: r.str()?,
            help_en: r.str()?,
            values: r.list(|r| {
                Some(FieldValue {
                    id: r.str()?,
                    zh: r.str()?,
                    en: r.str()?,
                    jurisdiction: r.opt(Reader::str)?,
                    document: r.opt(Reader::str)?,
                    actionable: r.bool()?,
                })
            })?,
            actionable: r.bool()?,
            yearly: r.bool()?,
            first: r.bool()?,
            holds: r.bool()?,
            of_place: r.bool()?,
        })
    })?;
    let mut places: Vec<Place> = Vec::new();
    let n = r.usize()?;
    for _ in 0..n {
        let (id, name_zh, name_en) = (r.str()?, r.str()?, r.str()?);
        let parent = r.opt(Reader::usize)?;
        let kind = r.str()?;
        let place = Place::after(&places, id, name_zh, name_en, parent, kind)?;
        places.push(place);
    }
    let documents = r.list(|r| {
        Some(Document {
            id: r.str()?,
            file: r.str()?,
            title_zh: r.str()?,
            title_en: r.str()?,
            issuer: r.str()?,
            number: r.opt(Reader::str)?,
            date: r.opt(Reader::date)?,
            period: r.period()?,
            jurisdiction: r.opt(Reader::usize)?,
            kind: r.word(DocKind::ALL)?,
            notes: r.list(Reader::str)?,
            not_encoded: r.opt(Reader::str)?,
            clauses: r.list(|r| {
                Some(Clause {
                    id: r.str()?,
                    individual: r.bool()?,
                    not_encoded: r.opt(Reader::str)?,
                    starts: r.opt(Reader::str)?,
                })
            })?,
        })
    })?;
    let rules = r.list(|r| {
        Some(Rule {
            id: r.str()?,
            document: r.usize()?,
            jurisdiction: r.usize()?,
            kind: r.word(Kind::ALL)?,
            category: r.word(Category::ALL)?,
            title_zh: r.str()?,
            title_en: r.str()?,
            when: r.list(read_condition)?,
            amount: r.opt(|r| {
                Some(Amount {
                    unit: r.word(Unit::ALL)?,
                    min: r.f64()?,
                    max: r.opt(Reader::f64)?,
                })
            })?,
            title_level: r.opt(|r| r.word(TitleLevel::ALL))?,
            route: r.opt(|r| r.word(Route::ALL))?,
            clause: r.str()?,
            quote: r.str()?,
            exclusive: r.opt(Reader::str)?,
            period: r.period()?,
            notes: r.list(Reader::str)?,
            requires: r.list(|r| {
                Some(Requirement {
                    zh: r.str()?,
                    en: r.str()?,
                })
            })?,
            explain: r.opt(|r| {
                Some(Explanation {
                    zh: r.str()?,
                    en: r.str()?,
                })
            })?,
        })
    })?;
    if r.at != bytes.len() {
        return None;
    }
    Some(Catalog::assemble(fields, places, documents, rules))
}

/// Writes a compiled condition.
fn write_condition(w: &mut Writer, c: &Condition) {
    match c {
        Condition::Leaf(leaf) => {
            w.uint(0);
            w.uint(leaf.field as u64);
            w.str(&leaf.name);
            w.uint(OPERATORS.iter().position(|o| *o == leaf.op).unwrap_or(0) as u64);
            w.str(&leaf.need.to_string());
            match leaf.test {
                Test::Mask(mask) => {
                    w.uint(0);
                    w.uint(mask);
                }
                Test::IntIn(lo, hi) => {
                    w.uint(1);
                    w.int(lo);
                    w.int(hi);
                }
                Test::YearsSince(lo, hi) => {
                    w.uint(2);
                    w.int(lo);
                    w.int(hi);
                }
            }
        }
        Condition::All(items) => {
            w.uint(1);
            w.list(items, write_condition);
        }
        Condition::Any { items, fields } => {
            w.uint(2);
            w.list(items, write_condition);
            w.str(fields);
        }
        Condition::Not(inner) => {
            w.uint(3);
            write_condition(w, inner);
        }
    }
}

/// Reads what [`write_condition`] wrote.
fn read_condition(r: &mut Reader<'_>) -> Option<Condition> {
    Some(match r.uint()? {
        0 => {
            let field = r.usize()?;
            let name = r.str()?;
            let op = *OPERATORS.get(r.usize()?)?;
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
        1 => Condition::All(r.list(read_condition)?),
        2 => Condition::Any {
            items: r.list(read_condition)?,
            fields: r.str()?,
        },
        3 => Condition::Not(Box::new(read_condition(r)?)),
        _ => return None,
    })
}
