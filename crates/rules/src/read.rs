//! Reading one table of a rules file: typed keys, every problem recorded at its key's line with
//! what is accepted, and keys nobody asked for reported as unknown.

use toml::{Table, Value};

use crate::diag::{Diagnostic, Pos};
use crate::locate::{Layout, Section};

/// A table being read. Each getter records the key as known; [`Reader::finish`] reports the rest.
pub struct Reader<'a, 't> {
    pub table: &'a Table,
    pub layout: &'a Layout<'t>,
    pub section: Option<&'a Section>,
    /// How the table is named in messages (`[document]`, `[[clause]] 二(一)`).
    pub what: String,
    /// The rule the table belongs to, for messages.
    pub rule: Option<String>,
    used: Vec<&'static str>,
}

/// A value's kind in words, for messages.
pub fn kind_of(v: &Value) -> &'static str {
    match v {
        Value::String(_) => "a string",
        Value::Integer(_) => "a whole number",
        Value::Float(_) => "a number",
        Value::Boolean(_) => "true or false",
        Value::Datetime(_) => "a date",
        Value::Array(_) => "an array",
        Value::Table(_) => "a table",
    }
}

/// A value as written, cut short, for messages.
pub fn shown(v: &Value) -> String {
    let text = match v {
        Value::String(s) => format!("\"{s}\""),
        other => other.to_string(),
    };
    match text.char_indices().nth(60) {
        Some((at, _)) => format!("{}…", &text[..at]),
        None => text,
    }
}

impl<'a, 't> Reader<'a, 't> {
    pub fn new(table: &'a Table, layout: &'a Layout<'t>, section: Option<&'a Section>, what: String) -> Self {
        Reader {
            table,
            layout,
            section,
            what,
            rule: None,
            used: Vec::new(),
        }
    }

    /// Where a key is (its table's header when absent).
    pub fn pos(&self, key: &str) -> Pos {
        self.layout.key_pos(self.section, key)
    }

    /// A problem at a key.
    pub fn at(&self, key: &str, message: String) -> Diagnostic {
        Diagnostic {
            pos: self.pos(key),
            rule: self.rule.clone(),
            message: format!("{}: {message}", self.what),
        }
    }

    /// The raw value of a key, if present (and marks it known).
    pub fn value(&mut self, key: &'static str) -> Option<&'a Value> {
        self.used.push(key);
        self.table.get(key)
    }

    fn typed<T>(
        &mut self,
        key: &'static str,
        expected: &str,
        get: impl Fn(&'a Value) -> Option<T>,
        out: &mut Vec<Diagnostic>,
    ) -> Option<T> {
        let v = self.value(key)?;
        match get(v) {
            Some(t) => Some(t),
            None => {
                out.push(self.at(
                    key,
                    format!("{key}: expected {expected}, got {} {}", kind_of(v), shown(v)),
                ));
                None
            }
        }
    }

    /// An optional string.
    pub fn opt_str(&mut self, key: &'static str, out: &mut Vec<Diagnostic>) -> Option<String> {
        self.typed(key, "a string", |v| v.as_str().map(str::to_string), out)
    }

    /// Whether a required key is there; if not, a problem saying what it takes.
    fn present(&mut self, key: &'static str, takes: &str, out: &mut Vec<Diagnostic>) -> bool {
        if self.table.contains_key(key) {
            return true;
        }
        out.push(self.at(key, format!("missing key `{key}` ({takes})")));
        self.used.push(key);
        false
    }

    /// A required string.
    pub fn str(&mut self, key: &'static str, out: &mut Vec<Diagnostic>) -> Option<String> {
        self.present(key, "a string", out)
            .then(|| self.opt_str(key, out))
            .flatten()
    }

    /// An optional bool.
    pub fn opt_bool(&mut self, key: &'static str, out: &mut Vec<Diagnostic>) -> Option<bool> {
        self.typed(key, "true or false", Value::as_bool, out)
    }

    /// A required bool.
    pub fn bool(&mut self, key: &'static str, out: &mut Vec<Diagnostic>) -> Option<bool> {
        self.present(key, "true or false", out)
            .then(|| self.opt_bool(key, out))
            .flatten()
    }

    /// An optional whole number.
    pub fn opt_int(&mut self, key: &'static str, out: &mut Vec<Diagnostic>) -> Option<i64> {
        self.typed(key, "a whole number", Value::as_integer, out)
    }

    /// An optional array of strings (empty when absent).
    pub fn strings(&mut self, key: &'static str, out: &mut Vec<Diagnostic>) -> Vec<String> {
        self.typed(
            key,
            "an array of strings",
            |v| v.as_array()?.iter().map(|x| x.as_str().map(str::to_string)).collect(),
            out,
        )
        .unwrap_or_default()
    }

    /// An optional array of tables (empty when absent).
    pub fn tables(&mut self, key: &'static str, out: &mut Vec<Diagnostic>) -> Vec<&'a Table> {
        self.typed(
            key,
            "an array of tables",
            |v| v.as_array()?.iter().map(Value::as_table).collect(),
            out,
        )
        .unwrap_or_default()
    }

    /// Reports every key that was not read, with the keys accepted here.
    pub fn finish(&self, accepted: &[&str], out: &mut Vec<Diagnostic>) {
        for key in self.table.keys() {
            if !self.used.contains(&key.as_str()) {
                out.push(self.at(
                    key,
                    format!("unknown key `{key}`, expected one of {}", accepted.join(", ")),
                ));
            }
        }
    }
}
