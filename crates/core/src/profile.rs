//! The input facts (the contract's profile): parsing and validation against the field vocabulary.
//!
//! # Design
//! The profile is data-driven: `rules/fields.toml` says which fields exist and what they accept, so
//! a new honour or role is a line of data, not a code change. Values are stored by field index as
//! small typed values (an enum as its index on the field's scale), which is what conditions test.
//! Every error names the field, the value given and what is accepted, in one line.

use std::fmt;

use serde_json::Value as Json;

use crate::date::Date;
use crate::vocab::{FieldKind, Vocab, MAX_FIELDS};

/// A stored profile value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Val {
    /// Index on the field's value list.
    Enum(u8),
    Bool(bool),
    Int(i64),
    /// Indices of the values held (any order and repeats on the way in; `get` gives them sorted,
    /// without duplicates).
    Set(Vec<u16>),
}

/// A validated profile. Absent fields are unknown, never "no".
///
/// # Design
/// Stored flat and without allocation: per field a known bit, a value bit mask (an enum value
/// `i` is bit `i`, a set is the OR of its values' bits, `false`/`true` are bits 0/1) and an
/// integer slot. Conditions test a mask with one AND, and a profile copies cheaply (what-if and
/// compare evaluate many variants).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Profile {
    /// The date to judge on, if the profile gives one.
    pub as_of: Option<Date>,
    /// Index of the place in the catalogue, if the profile names one.
    pub place: Option<usize>,
    tags: [u8; MAX_FIELDS],
    bits: [u64; MAX_FIELDS],
    ints: [i64; MAX_FIELDS],
}

const NONE: u8 = 0;
const ENUM: u8 = 1;
const BOOL: u8 = 2;
const INT: u8 = 3;
const SET: u8 = 4;

impl Default for Profile {
    fn default() -> Self {
        Profile {
            as_of: None,
            place: None,
            tags: [NONE; MAX_FIELDS],
            bits: [0; MAX_FIELDS],
            ints: [0; MAX_FIELDS],
        }
    }
}

/// Bad input: one line naming the field, the value given and what is accepted.
///
/// # Design
/// The parts are kept apart (`field`, `value`, `accepted`) so a page can mark the field without
/// parsing the message; the message is the one line the CLI prints. A long value is cut to its
/// first 80 characters in both, so a hostile input never comes back whole, and a control
/// character or line separator in it is escaped, so the message stays one line.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(rename = "ProfileErrorFields"))]
pub struct ProfileError {
    /// The field at fault (empty when the input is not a JSON object at all).
    pub field: String,
    /// The value given, cut short with control characters escaped (a string as its text,
    /// anything else as JSON); `None` when there is no single value to show (unreadable input).
    pub value: Option<String>,
    /// What the field accepts, in words.
    pub accepted: String,
    /// What is wrong and what is accepted.
    pub message: String,
}

impl fmt::Display for ProfileError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.field.is_empty() {
            write!(f, "profile: {}", self.message)
        } else {
            write!(f, "profile: {}: {}", self.field, self.message)
        }
    }
}

impl std::error::Error for ProfileError {}

fn err(field: &str, value: Option<&Json>, accepted: String, message: String) -> ProfileError {
    ProfileError {
        field: short_text(field, MAX_SHOWN),
        value: value.map(|v| match v {
            Json::String(s) => short_text(s, MAX_SHOWN),
            other => short(other),
        }),
        accepted,
        message,
    }
}

/// The most characters of a value an error repeats.
const MAX_SHOWN: usize = 80;

impl Profile {
    /// Whether the field at `index` is known.
    #[inline]
    pub fn is_known(&self, index: usize) -> bool {
        self.tags.get(index).is_some_and(|t| *t != NONE)
    }

    /// The value bit mask of a known enum, bool or set field (see the type's design note).
    #[inline]
    pub fn bits(&self, index: usize) -> u64 {
        self.bits.get(index).copied().unwrap_or(0)
    }

    /// The value of a known int field.
    #[inline]
    pub fn int(&self, index: usize) -> i64 {
        self.ints.get(index).copied().unwrap_or(0)
    }

    /// The value of the field at `index`, if known.
    pub fn get(&self, index: usize) -> Option<Val> {
        let bits = self.bits(index);
        match self.tags.get(index).copied().unwrap_or(NONE) {
            ENUM => Some(Val::Enum(bits.trailing_zeros() as u8)),
            BOOL => Some(Val::Bool(bits == 2)),
            INT => Some(Val::Int(self.int(index))),
            SET => Some(Val::Set((0..64u16).filter(|i| bits & (1 << i) != 0).collect())),
            _ => None,
        }
    }

    /// Sets (or with `None` clears) the value of the field at `index`. Enum and set value
    /// indices must be below 64 (the catalogue guarantees it).
    pub fn set(&mut self, index: usize, value: Option<Val>) {
        if index >= MAX_FIELDS {
            return;
        }
        let (tag, bits, int) = match value {
            None => (NONE, 0, 0),
            Some(Val::Enum(i)) => (ENUM, 1u64 << (i % 64), 0),
            Some(Val::Bool(b)) => (BOOL, 1u64 << u8::from(b), 0),
            Some(Val::Int(n)) => (INT, 0, n),
            Some(Val::Set(held)) => (SET, held.iter().fold(0u64, |m, i| m | 1 << (i % 64)), 0),
        };
        self.tags[index] = tag;
        self.bits[index] = bits;
        self.ints[index] = int;
    }

    /// Parses profile JSON text.
    ///
    /// # Errors
    /// Not JSON, not an object, an unknown field, or a value the field does not accept.
    pub fn from_json(vocab: Vocab<'_>, text: &str) -> Result<Profile, ProfileError> {
        // A well-formed profile (what a page or a portal sends on every keystroke) is read
        // straight from the text; anything else goes the general way, which words the error.
        if let Some(profile) = Profile::read_plain(vocab, text) {
            return Ok(profile);
        }
        let value: Json = serde_json::from_str(text).map_err(|e| {
            err(
                "",
                None,
                OBJECT.into(),
                format!(
                    "not valid JSON ({e}); expected an object of profile fields such as {{\"education\": \"master\"}}"
                ),
            )
        })?;
        Profile::from_value(vocab, &value)
    }

    /// The profile of `text` when it is a JSON object whose keys are known fields, each given
    /// once and unescaped, with values their fields accept (or `null`); `None` otherwise. Equal
    /// to [`Profile::from_value`] of the parsed text whenever it answers (a test holds it), but
    /// builds no `serde_json::Value` on the way: the decision path reads a profile per keystroke.
    pub fn read_plain(vocab: Vocab<'_>, text: &str) -> Option<Profile> {
        let mut r = Plain { text, at: 0 };
        let mut profile = Profile::default();
        let mut seen = [false; MAX_FIELDS];
        r.byte(b'{')?;
        if !r.eat(b'}') {
            loop {
                let key = r.string()?;
                r.byte(b':')?;
                let index = vocab.field_index(key).filter(|i| *i < MAX_FIELDS)?;
                if std::mem::replace(&mut seen[index], true) {
                    return None; // given twice: the general path keeps the last, as JSON parsers do
                }
                if !r.null() {
                    let field = &vocab.fields[index];
                    match &field.kind {
                        FieldKind::Date => profile.as_of = Some(Date::parse(r.string()?)?),
                        FieldKind::Place => profile.place = Some(vocab.place_index(r.string()?)?),
                        FieldKind::Enum { .. } => {
                            profile.set(index, Some(Val::Enum(field.value_index(r.string()?)? as u8)));
                        }
                        FieldKind::Bool => profile.set(index, Some(Val::Bool(r.boolean()?))),
                        FieldKind::Int { min, max } => {
                            let n = r.int().filter(|n| (*min..=*max).contains(n))?;
                            profile.set(index, Some(Val::Int(n)));
                        }
                        FieldKind::Set => {
                            let mut held = Vec::new();
                            r.byte(b'[')?;
                            if !r.eat(b']') {
                                loop {
                                    held.push(field.value_index(r.string()?)? as u16);
                                    if r.eat(b']') {
                                        break;
                                    }
                                    r.byte(b',')?;
                                }
                            }
                            profile.set(index, Some(Val::Set(held)));
                        }
                    }
                }
                if r.eat(b'}') {
                    break;
                }
                r.byte(b',')?;
            }
        }
        r.space();
        (r.at == text.len()).then_some(profile)
    }

    /// Validates a parsed JSON value as a profile. `null` for a field means unknown.
    ///
    /// # Errors
    /// As [`Profile::from_json`].
    pub fn from_value(vocab: Vocab<'_>, value: &Json) -> Result<Profile, ProfileError> {
        let obj = value.as_object().ok_or_else(|| {
            err(
                "",
                Some(value),
                OBJECT.into(),
                format!("expected a JSON object of profile fields, got {}", short(value)),
            )
        })?;
        let mut profile = Profile::default();
        for (key, v) in obj {
            let Some(index) = vocab.field_index(key) else {
                let names: Vec<&str> = vocab.fields.iter().map(|f| f.id.as_str()).collect();
                let accepted = format!("one of {}", names.join(", "));
                return Err(err(
                    key,
                    Some(v),
                    accepted.clone(),
                    format!("unknown field, expected {accepted}"),
                ));
            };
            if v.is_null() {
                continue;
            }
            let field = &vocab.fields[index];
            let expected_ids = || field.value_ids().join(", ");
            let one_value = |v: &Json| -> Result<usize, ProfileError> {
                let id = v.as_str().ok_or_else(|| {
                    err(
                        key,
                        Some(v),
                        format!("one of {}", expected_ids()),
                        format!("expected a string, got {}; accepted: {}", short(v), expected_ids()),
                    )
                })?;
                field.value_index(id).ok_or_else(|| {
                    err(
                        key,
                        Some(v),
                        format!("one of {}", expected_ids()),
                        format!(
                            "unknown value \"{}\", expected one of {}",
                            short_text(id, MAX_SHOWN),
                            expected_ids()
                        ),
                    )
                })
            };
            match &field.kind {
                FieldKind::Date => {
                    const DAY: &str = "a real day as YYYY-MM-DD";
                    let text = v.as_str().ok_or_else(|| {
                        err(
                            key,
                            Some(v),
                            DAY.into(),
                            format!("expected a date \"YYYY-MM-DD\", got {}", short(v)),
                        )
                    })?;
                    let date = Date::parse(text).ok_or_else(|| {
                        err(
                            key,
                            Some(v),
                            DAY.into(),
                            format!("bad date \"{}\", expected {DAY}", short_text(text, MAX_SHOWN)),
                        )
                    })?;
                    profile.as_of = Some(date);
                }
                FieldKind::Place => {
                    let ids = || {
                        vocab
                            .places
                            .iter()
                            .map(|p| p.id.as_str())
                            .collect::<Vec<_>>()
                            .join(", ")
                    };
                    let text = v.as_str().ok_or_else(|| {
                        err(
                            key,
                            Some(v),
                            format!("one of {}", ids()),
                            format!("expected a place id, got {}; accepted: {}", short(v), ids()),
                        )
                    })?;
                    let place = vocab.place_index(text).ok_or_else(|| {
                        err(
                            key,
                            Some(v),
                            format!("one of {}", ids()),
                            format!(
                                "unknown place \"{}\", expected one of {}",
                                short_text(text, MAX_SHOWN),
                                ids()
                            ),
                        )
                    })?;
                    profile.place = Some(place);
                }
                FieldKind::Enum { .. } => {
                    profile.set(index, Some(Val::Enum(one_value(v)? as u8)));
                }
                FieldKind::Bool => {
                    let b = v.as_bool().ok_or_else(|| {
                        err(
                            key,
                            Some(v),
                            "true or false".into(),
                            format!("expected true or false, got {}", short(v)),
                        )
                    })?;
                    profile.set(index, Some(Val::Bool(b)));
                }
                FieldKind::Int { min, max } => {
                    let n = v.as_i64().filter(|n| (*min..=*max).contains(n)).ok_or_else(|| {
                        err(
                            key,
                            Some(v),
                            format!("a whole number from {min} to {max}"),
                            format!("bad value {}, expected a whole number from {min} to {max}", short(v)),
                        )
                    })?;
                    profile.set(index, Some(Val::Int(n)));
                }
                FieldKind::Set => {
                    let items = v.as_array().ok_or_else(|| {
                        err(
                            key,
                            Some(v),
                            format!("an array of {}", expected_ids()),
                            format!(
                                "expected an array, got {}; accepted values: {}",
                                short(v),
                                expected_ids()
                            ),
                        )
                    })?;
                    let held = items
                        .iter()
                        .map(|x| one_value(x).map(|i| i as u16))
                        .collect::<Result<Vec<_>, _>>()?;
                    profile.set(index, Some(Val::Set(held)));
                }
            }
        }
        Ok(profile)
    }
}

const OBJECT: &str = "a JSON object of profile fields";

/// A value as JSON, cut short for an error line.
fn short(v: &Json) -> String {
    match v {
        // Serializing a huge string or array only to cut it would cost its whole size.
        Json::String(s) => format!("\"{}\"", short_text(s, 38)),
        _ => short_text(&v.to_string(), 40),
    }
}

/// At most `n` characters of `text`, with "…" when cut. A control character or line separator
/// is written as its escape (`\n`, `\u{7f}`, counted at its escaped length), so an error that
/// quotes a value stays one line.
pub fn short_text(text: &str, n: usize) -> String {
    let mut out = String::new();
    let mut shown = 0;
    for c in text.chars() {
        let breaks = c.is_control() || matches!(c, '\u{2028}' | '\u{2029}');
        let width = if breaks { c.escape_default().count() } else { 1 };
        if shown + width > n {
            out.push('…');
            break;
        }
        if breaks {
            out.extend(c.escape_default());
        } else {
            out.push(c);
        }
        shown += width;
    }
    out
}

/// [`Profile::read_plain`]'s reader: the few JSON forms a plain profile is written in (an object,
/// strings without escapes, `null`, `true`, `false`, whole numbers, arrays of strings), each
/// after optional white space. Anything else is `None`: the general path reads it, or words what
/// is wrong.
struct Plain<'t> {
    text: &'t str,
    at: usize,
}

impl<'t> Plain<'t> {
    fn space(&mut self) {
        let bytes = self.text.as_bytes();
        while matches!(bytes.get(self.at), Some(b' ' | b'\t' | b'\n' | b'\r')) {
            self.at += 1;
        }
    }

    /// Whether the next token is `b` (passed if so).
    fn eat(&mut self, b: u8) -> bool {
        self.space();
        let hit = self.text.as_bytes().get(self.at) == Some(&b);
        self.at += usize::from(hit);
        hit
    }

    fn byte(&mut self, b: u8) -> Option<()> {
        self.eat(b).then_some(())
    }

    fn word(&mut self, word: &str) -> bool {
        self.space();
        let hit = self.text.as_bytes()[self.at..].starts_with(word.as_bytes());
        if hit {
            self.at += word.len();
        }
        hit
    }

    fn null(&mut self) -> bool {
        self.word("null")
    }

    fn boolean(&mut self) -> Option<bool> {
        if self.word("true") {
            Some(true)
        } else if self.word("false") {
            Some(false)
        } else {
            None
        }
    }

    /// A string without escapes or control characters.
    fn string(&mut self) -> Option<&'t str> {
        self.byte(b'"')?;
        let start = self.at;
        let len = self.text.as_bytes()[start..]
            .iter()
            .position(|b| *b == b'"' || *b == b'\\' || *b < 0x20)?;
        // It must end at its quote, not at a backslash or a control character (which JSON forbids
        // raw in a string, white space included: no skipping here).
        (self.text.as_bytes()[start + len] == b'"').then_some(())?;
        self.at = start + len + 1;
        // Cut at ASCII quotes, so on character boundaries.
        Some(&self.text[start..start + len])
    }

    /// A whole number: digits, perhaps after a minus, without a leading zero, fraction or exponent.
    fn int(&mut self) -> Option<i64> {
        self.space();
        let bytes = self.text.as_bytes();
        let negative = bytes.get(self.at) == Some(&b'-');
        let start = self.at + usize::from(negative);
        let digits = bytes[start..].iter().take_while(|b| b.is_ascii_digit()).count();
        let end = start + digits;
        if digits == 0
            || (bytes[start] == b'0' && (digits > 1 || negative))
            || matches!(bytes.get(end), Some(b'.' | b'e' | b'E'))
        {
            return None;
        }
        self.at = end;
        bytes[start..end].iter().try_fold(0i64, |n, d| {
            let d = i64::from(d - b'0');
            n.checked_mul(10)?.checked_add(if negative { -d } else { d })
        })
    }
}
