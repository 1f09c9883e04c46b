//! The canonical layout of a document's rules file, which `rencai fmt` writes and
//! `rencai fmt --check` (run by the tests) holds every file to.
//!
//! # Design
//! Read top to bottom like the document itself (Catala's layout): the header, the shared
//! not-encoded reasons, the vocabulary the document adds, then each clause in the text's order
//! followed by the rules that cite it (`[[clause.rule]]`). Keys come in one fixed order, a fixed
//! amount in its short form (`{ one_off = 100000 }`), each condition, requirement and note on a
//! line of its own. Only the file's leading comment block is kept: everything else worth saying
//! is data (notes), so formatting never loses it.

use toml::{Table, Value};

use crate::diag::Diagnostic;
use crate::document::{CLAUSE_KEYS, HEADER_KEYS, RULE_KEYS, TOP_KEYS, VALUE_KEYS};
use crate::locate::Layout;
use crate::{parse, File};

/// A string as a TOML string: literal ('…') when it holds a double quote and no single quote,
/// else basic ("…") with escapes.
pub fn string(s: &str) -> String {
    let plain = !s.chars().any(|c| c.is_control());
    if plain && s.contains('"') && !s.contains('\'') {
        return format!("'{s}'");
    }
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            '\r' => out.push_str("\\r"),
            c if c.is_control() => out.push_str(&format!("\\u{:04X}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

fn key(k: &str) -> String {
    if !k.is_empty() && k.chars().all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-') {
        k.to_string()
    } else {
        string(k)
    }
}

fn number(n: f64) -> String {
    if n.fract() == 0.0 && n.abs() < 9.0e15 {
        format!("{}", n as i64)
    } else {
        format!("{n:?}")
    }
}

/// The order of an inline table's keys: the given ones first, then the rest sorted.
fn ordered<'a>(t: &'a Table, first: &[&str]) -> Vec<(&'a String, &'a Value)> {
    let mut out: Vec<(&String, &Value)> = first.iter().filter_map(|k| t.get_key_value(*k)).collect();
    out.extend(t.iter().filter(|(k, _)| !first.contains(&k.as_str())));
    out
}

/// A value on one line; inline tables in the order their kind reads best.
pub fn inline(v: &Value) -> String {
    match v {
        Value::String(s) => string(s),
        Value::Integer(n) => n.to_string(),
        Value::Float(f) => number(*f),
        Value::Boolean(b) => b.to_string(),
        Value::Datetime(d) => d.to_string(),
        Value::Array(a) => format!("[{}]", a.iter().map(inline).collect::<Vec<_>>().join(", ")),
        Value::Table(t) => {
            let first: &[&str] = if t.contains_key("field") {
                &["field"]
            } else if t.contains_key("zh") {
                &["zh", "en"]
            } else if t.contains_key("from") || t.contains_key("until") {
                &["from", "until"]
            } else if t.contains_key("level") || t.contains_key("route") {
                &["level", "route"]
            } else {
                &["unit", "min", "max"]
            };
            let parts: Vec<String> = ordered(t, first)
                .iter()
                .map(|(k, v)| format!("{} = {}", key(k), inline(v)))
                .collect();
            if parts.is_empty() {
                "{}".into()
            } else {
                format!("{{ {} }}", parts.join(", "))
            }
        }
    }
}

/// An amount in its shortest faithful form.
fn amount(v: &Value) -> String {
    if let Some(t) = v.as_table() {
        let n = |k: &str| {
            t.get(k)
                .and_then(|x| x.as_float().or_else(|| x.as_integer().map(|i| i as f64)))
        };
        if let (Some(unit), Some(min), 3) = (t.get("unit").and_then(Value::as_str), n("min"), t.len()) {
            if n("max") == Some(min) {
                return format!("{{ {} = {} }}", key(unit), number(min));
            }
        }
        if t.len() == 1 {
            if let Some((unit, x)) = t.iter().next() {
                if let Some(f) = x.as_float().or_else(|| x.as_integer().map(|i| i as f64)) {
                    return format!("{{ {} = {} }}", key(unit), number(f));
                }
            }
        }
        let parts: Vec<String> = ordered(t, &["unit", "min", "max"])
            .iter()
            .map(|(k, v)| {
                let text = match v.as_float().or_else(|| v.as_integer().map(|i| i as f64)) {
                    Some(f) if *k != "unit" => number(f),
                    _ => inline(v),
                };
                format!("{} = {text}", key(k))
            })
            .collect();
        return format!("{{ {} }}", parts.join(", "));
    }
    inline(v)
}

/// `key = value`, an array with one item per line.
fn entry(out: &mut String, k: &str, v: &Value) {
    match (k, v) {
        ("amount", v) => out.push_str(&format!("amount = {}\n", amount(v))),
        (_, Value::Array(items)) if matches!(k, "when" | "requires" | "notes") => {
            if items.is_empty() {
                out.push_str(&format!("{} = []\n", key(k)));
            } else {
                out.push_str(&format!("{} = [\n", key(k)));
                for i in items {
                    out.push_str(&format!("  {},\n", inline(i)));
                }
                out.push_str("]\n");
            }
        }
        _ => out.push_str(&format!("{} = {}\n", key(k), inline(v))),
    }
}

/// A table's keys in the given order (but `skip`, written elsewhere); a key outside it is an
/// error of the file.
fn table(out: &mut String, t: &Table, order: &[&str], skip: &[&str], what: &str, errors: &mut Vec<String>) {
    for k in order.iter().filter(|k| !skip.contains(k)) {
        if let Some(v) = t.get(*k) {
            entry(out, k, v);
        }
    }
    for k in t.keys() {
        if !order.contains(&k.as_str()) && !skip.contains(&k.as_str()) {
            errors.push(format!(
                "{what}: unknown key `{k}`, expected one of {}",
                order.join(", ")
            ));
        }
    }
}

/// The leading comment block of a file (its lines before the first table).
fn leading_comments(text: &str) -> Vec<&str> {
    let mut lines: Vec<&str> = text
        .lines()
        .take_while(|l| l.trim().is_empty() || l.trim_start().starts_with('#'))
        .collect();
    while lines.last().is_some_and(|l| l.trim().is_empty()) {
        lines.pop();
    }
    while lines.first().is_some_and(|l| l.trim().is_empty()) {
        lines.remove(0);
    }
    lines
}

/// A `[name]` section: a table, or an error (fmt never drops what it cannot place).
fn single<'a>(v: Option<&'a Value>, name: &str, errors: &mut Vec<String>) -> Option<&'a Table> {
    match v {
        None => None,
        Some(Value::Table(t)) => Some(t),
        Some(_) => {
            errors.push(format!("`{name}` is not a table; expected a [{name}] section"));
            None
        }
    }
}

/// `[[name]]` sections: an array of tables, or an error for whatever is not one.
fn sections<'a>(v: Option<&'a Value>, name: &str, errors: &mut Vec<String>) -> Vec<&'a Table> {
    match v {
        None => Vec::new(),
        Some(Value::Array(items)) if items.iter().all(Value::is_table) => {
            items.iter().filter_map(Value::as_table).collect()
        }
        Some(_) => {
            errors.push(format!(
                "`{name}` is not a list of tables; expected [[{name}]] sections"
            ));
            Vec::new()
        }
    }
}

/// The canonical text of a document's rules file.
///
/// # Errors
/// The file is not TOML, or holds a key this layout does not know or a section of the wrong shape
/// (run `rencai check` first).
pub fn format(file: &File) -> Result<String, Vec<Diagnostic>> {
    let layout = Layout::new(&file.name, &file.text);
    let mut diags = Vec::new();
    let Some(top) = parse(&layout, &mut diags) else {
        return Err(diags);
    };
    let mut out = String::new();
    let mut errors = Vec::new();
    let comments = leading_comments(&file.text);
    for l in &comments {
        out.push_str(l.trim_end());
        out.push('\n');
    }
    if !comments.is_empty() {
        out.push('\n');
    }
    for k in top.keys() {
        if !TOP_KEYS.contains(&k.as_str()) {
            errors.push(format!(
                "unknown top-level key `{k}`, expected document, reasons, value, clause"
            ));
        }
    }
    if let Some(h) = single(top.get("document"), "document", &mut errors) {
        out.push_str("[document]\n");
        table(&mut out, h, &HEADER_KEYS, &[], "[document]", &mut errors);
    }
    if let Some(r) = single(top.get("reasons"), "reasons", &mut errors) {
        out.push_str("\n[reasons]\n");
        for (k, v) in r {
            entry(&mut out, k, v);
        }
    }
    for v in sections(top.get("value"), "value", &mut errors) {
        out.push_str("\n[[value]]\n");
        table(&mut out, v, &VALUE_KEYS, &[], "[[value]]", &mut errors);
    }
    for c in sections(top.get("clause"), "clause", &mut errors) {
        out.push_str("\n[[clause]]\n");
        table(&mut out, c, &CLAUSE_KEYS, &["rule"], "[[clause]]", &mut errors);
        for r in sections(c.get("rule"), "clause.rule", &mut errors) {
            out.push_str("\n[[clause.rule]]\n");
            table(&mut out, r, &RULE_KEYS, &[], "[[clause.rule]]", &mut errors);
        }
    }
    if errors.is_empty() {
        Ok(out)
    } else {
        Err(errors
            .into_iter()
            .map(|message| Diagnostic {
                pos: crate::diag::Pos::file(&file.name),
                rule: None,
                message,
            })
            .collect())
    }
}
