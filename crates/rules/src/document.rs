//! Loading one document's rules file, in two steps: first its header, vocabulary extensions and
//! clauses (so every document's values are known), then its rules, compiled against the whole
//! vocabulary.

use std::collections::{BTreeMap, HashSet};

use rencai_core::catalog::{
    Amount, Category, Clause, DocKind, Document, Explanation, Kind, Period, Requirement, Route, Rule, TitleLevel, Unit,
};
use rencai_core::date::Date;
use rencai_core::vocab::{Field, FieldKind, FieldValue, Place};
use toml::{Table, Value};

use crate::cond;
use crate::diag::{Diagnostic, Pos};
use crate::locate::Layout;
use crate::read::{kind_of, shown, Reader};
use crate::{parse, File, RulePos};

// The keys of each table, in the order the canonical layout writes them (fmt.rs uses them too).
pub const TOP_KEYS: [&str; 4] = ["document", "reasons", "value", "clause"];
pub const HEADER_KEYS: [&str; 11] = [
    "id",
    "title_zh",
    "title_en",
    "issuer",
    "number",
    "date",
    "period",
    "jurisdiction",
    "kind",
    "notes",
    "not_encoded",
];
pub const VALUE_KEYS: [&str; 6] = ["field", "id", "zh", "en", "jurisdiction", "actionable"];
pub const CLAUSE_KEYS: [&str; 5] = ["id", "starts", "individual", "not_encoded", "rule"];
pub const RULE_KEYS: [&str; 15] = [
    "id",
    "jurisdiction",
    "kind",
    "category",
    "title_zh",
    "title_en",
    "when",
    "amount",
    "title",
    "quote",
    "exclusive",
    "period",
    "requires",
    "explain",
    "notes",
];

/// A document read up to its rules: the parsed file, kept for the second step.
pub struct Pending<'f> {
    pub file: &'f File,
    pub doc: usize,
    pub table: Table,
}

/// Whether a text meant for one language holds the other: Latin words in Chinese, Chinese
/// characters in English (the page shows each language alone; quotes and names are apart).
pub fn mixed(zh: &str, en: &str) -> Option<String> {
    let latin_word = zh
        .as_bytes()
        .windows(2)
        .any(|w| w[0].is_ascii_alphabetic() && w[1].is_ascii_alphabetic());
    let cjk = en
        .chars()
        .any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c) || ('\u{3400}'..='\u{4dbf}').contains(&c));
    match (latin_word, cjk) {
        (true, _) => Some(format!("the Chinese text holds Latin words: \"{zh}\"")),
        (_, true) => Some(format!("the English text holds Chinese characters: \"{en}\"")),
        _ => None,
    }
}

/// Parses a word of a closed list (kind, category, unit …), naming the list on failure.
fn word<T: Copy>(all: &[T], name: fn(&T) -> &'static str, text: &str, what: &str) -> Result<T, String> {
    all.iter().copied().find(|v| name(v) == text).ok_or_else(|| {
        let names: Vec<&str> = all.iter().map(name).collect();
        format!("{what}: unknown value \"{text}\", expected one of {}", names.join(", "))
    })
}

fn date(text: &str, what: &str) -> Result<Date, String> {
    Date::parse(text).ok_or_else(|| format!("{what}: bad date \"{text}\", expected a real day as YYYY-MM-DD"))
}

/// `{ from = "…", until = "…" }` (either may be left out) or `"not stated"`.
fn period(v: &Value) -> Result<Period, String> {
    if v.as_str() == Some("not stated") {
        return Ok(Period::NotStated);
    }
    let t = v.as_table().ok_or_else(|| {
        format!(
            "period: expected {{ from = \"YYYY-MM-DD\", until = \"YYYY-MM-DD\" }} or \"not stated\", got {}",
            shown(v)
        )
    })?;
    let (mut from, mut until) = (None, None);
    for (k, d) in t {
        let text = d
            .as_str()
            .ok_or_else(|| format!("period.{k}: expected a date string, got {}", shown(d)))?;
        match k.as_str() {
            "from" => from = Some(date(text, "period.from")?),
            "until" => until = Some(date(text, "period.until")?),
            _ => return Err(format!("period: unknown key \"{k}\", expected from, until")),
        }
    }
    if let (Some(f), Some(u)) = (from, until) {
        if f > u {
            return Err(format!("period: from {f} is after until {u}"));
        }
    }
    Ok(Period::Range { from, until })
}

/// An amount: `{ one_off = 100000 }` (fixed), or `{ unit = "per_month", min = 800, max = 1500 }`
/// (a range; without `max`, open-ended: "不低于…").
fn amount(v: &Value) -> Result<Amount, String> {
    let t = v
        .as_table()
        .ok_or_else(|| format!("amount: expected an inline table, got {}", shown(v)))?;
    let number = |key: &str, x: &Value| -> Result<f64, String> {
        x.as_float()
            .or_else(|| x.as_integer().map(|n| n as f64))
            .ok_or_else(|| format!("amount.{key}: expected a number, got {}", shown(x)))
    };
    let units = || Unit::ALL.iter().map(|u| u.as_str()).collect::<Vec<_>>().join(", ");
    let (unit, min, max) = if let Some(u) = t.get("unit") {
        for k in t.keys() {
            if !["unit", "min", "max"].contains(&k.as_str()) {
                return Err(format!(
                    "amount: unknown key \"{k}\", expected unit, min, max (or the short form {{ one_off = 100000 }})"
                ));
            }
        }
        let unit = word(Unit::ALL, |u| u.as_str(), u.as_str().unwrap_or(""), "amount.unit")?;
        let min = number("min", t.get("min").ok_or("amount: missing min")?)?;
        let max = t.get("max").map(|m| number("max", m)).transpose()?;
        (unit, min, max)
    } else {
        let [(k, n)] = t.iter().collect::<Vec<_>>()[..] else {
            return Err(format!(
                "amount: give one unit and its figure, e.g. {{ one_off = 100000 }}, or unit, min, max; units: {}",
                units()
            ));
        };
        let unit = word(Unit::ALL, |u| u.as_str(), k, "amount")?;
        let n = number(k, n)?;
        (unit, n, Some(n))
    };
    if !(min >= 0.0 && max.is_none_or(|m| m >= min)) {
        return Err(format!("amount: need 0 <= min <= max, got min {min} max {max:?}"));
    }
    Ok(Amount { unit, min, max })
}

/// Step one: the header, the shared reasons, the vocabulary extensions and the clauses.
pub fn head<'f>(
    file: &'f File,
    fields: &mut [Field],
    places: &[Place],
    documents: &mut Vec<Document>,
    out: &mut Vec<Diagnostic>,
) -> Option<Pending<'f>> {
    let layout = Layout::new(&file.name, &file.text);
    let table = parse(&layout, out)?;
    let stem = file.stem();
    let mut top = Reader::new(&table, &layout, None, "file".into());
    for key in TOP_KEYS {
        top.value(key);
    }
    top.finish(&TOP_KEYS, out);

    // [document]
    let Some(Value::Table(h)) = table.get("document") else {
        out.push(Diagnostic {
            pos: Pos::file(&file.name),
            rule: None,
            message: "missing the [document] table".into(),
        });
        return None;
    };
    let mut r = Reader::new(h, &layout, layout.section("document", 0), "[document]".into());
    let id = r.str("id", out).unwrap_or_default();
    if id != stem {
        out.push(r.at("id", format!("id \"{id}\" must equal the file stem \"{stem}\"")));
    }
    let title_zh = r.str("title_zh", out).unwrap_or_default();
    let title_en = r.str("title_en", out).unwrap_or_default();
    let issuer = r.str("issuer", out).unwrap_or_default();
    let number = r.opt_str("number", out);
    let doc_date = r
        .opt_str("date", out)
        .and_then(|d| date(&d, "date").map_err(|m| out.push(r.at("date", m))).ok());
    let doc_period = match r.value("period") {
        None => {
            out.push(r.at(
                "period",
                "missing key `period` ({ from, until } or \"not stated\")".into(),
            ));
            Period::NotStated
        }
        Some(v) => period(v).unwrap_or_else(|m| {
            out.push(r.at("period", m));
            Period::NotStated
        }),
    };
    let not_encoded = r.opt_str("not_encoded", out);
    let jurisdiction = match r.opt_str("jurisdiction", out) {
        Some(j) => place_of(&r, "jurisdiction", &j, places, out),
        None if not_encoded.is_some() => None,
        None => {
            out.push(r.at(
                "jurisdiction",
                "jurisdiction is required unless not_encoded is given".into(),
            ));
            None
        }
    };
    let kind = r
        .str("kind", out)
        .and_then(|k| {
            word(DocKind::ALL, |d| d.as_str(), &k, "kind")
                .map_err(|m| out.push(r.at("kind", m)))
                .ok()
        })
        .unwrap_or(DocKind::Policy);
    let notes = r.strings("notes", out);
    r.finish(&HEADER_KEYS, out);

    // [reasons]: not_encoded texts that several clauses share.
    let mut reasons: BTreeMap<String, String> = BTreeMap::new();
    if let Some(v) = table.get("reasons") {
        let section = layout.section("reasons", 0);
        match v.as_table() {
            Some(t) => {
                for (k, text) in t {
                    match text.as_str() {
                        Some(s) => {
                            reasons.insert(k.clone(), s.to_string());
                        }
                        None => out.push(Diagnostic {
                            pos: layout.key_pos(section, k),
                            rule: None,
                            message: format!("[reasons] {k}: expected a string, got {}", kind_of(text)),
                        }),
                    }
                }
            }
            None => out.push(Diagnostic {
                pos: layout.header_pos(section),
                rule: None,
                message: "[reasons]: expected a table of name = \"reason\"".into(),
            }),
        }
    }

    // [[value]]: vocabulary extensions.
    let mut top = Reader::new(&table, &layout, None, "file".into());
    for (n, v) in top.tables("value", out).into_iter().enumerate() {
        let vid = v.get("id").and_then(Value::as_str).unwrap_or("?").to_string();
        let mut r = Reader::new(v, &layout, layout.section("value", n), format!("[[value]] {vid}"));
        let field_id = r.str("field", out).unwrap_or_default();
        let value = FieldValue {
            id: r.str("id", out).unwrap_or_default(),
            zh: r.str("zh", out).unwrap_or_default(),
            en: r.str("en", out).unwrap_or_default(),
            jurisdiction: r.opt_str("jurisdiction", out),
            document: Some(stem.to_string()),
            actionable: r.opt_bool("actionable", out).unwrap_or(true),
        };
        if let Some(m) = mixed(&value.zh, &value.en) {
            out.push(r.at("en", m));
        }
        let Some(field) = fields.iter_mut().find(|f| f.id == field_id) else {
            let sets: Vec<&str> = fields
                .iter()
                .filter(|f| f.kind == FieldKind::Set)
                .map(|f| f.id.as_str())
                .collect();
            out.push(r.at(
                "field",
                format!("unknown field \"{field_id}\", expected one of {}", sets.join(", ")),
            ));
            r.finish(&VALUE_KEYS, out);
            continue;
        };
        if field.kind != FieldKind::Set {
            out.push(r.at(
                "field",
                format!("only set fields can be extended; {} is {}", field.id, field.kind.name()),
            ));
        } else if let Some(existing) = field.values.iter().find(|x| x.id == value.id) {
            // Two documents may test the same generic value (a role such as community work); it
            // is one value, so its jurisdiction must agree.
            if existing.jurisdiction != value.jurisdiction {
                out.push(r.at(
                    "jurisdiction",
                    format!(
                        "already defined in {} with jurisdiction {:?}",
                        existing.document.as_deref().unwrap_or("rules/fields.toml"),
                        existing.jurisdiction
                    ),
                ));
            }
        } else {
            match &value.jurisdiction {
                Some(j) if !places.iter().any(|p| &p.id == j) => {
                    out.push(r.at(
                        "jurisdiction",
                        format!("unknown jurisdiction \"{j}\", expected one of {}", place_ids(places)),
                    ));
                }
                None if field.id == "honours" => {
                    out.push(r.at("id", "an honour needs the jurisdiction that confers it".into()))
                }
                _ => field.values.push(value),
            }
        }
        r.finish(&VALUE_KEYS, out);
    }

    // [[clause]]
    let mut clauses: Vec<Clause> = Vec::new();
    let mut seen = HashSet::new();
    for (n, c) in top.tables("clause", out).into_iter().enumerate() {
        let cid = c.get("id").and_then(Value::as_str).unwrap_or("?").to_string();
        let mut r = Reader::new(c, &layout, layout.section("clause", n), format!("[[clause]] {cid}"));
        let id = r.str("id", out).unwrap_or_default();
        if !seen.insert(id.clone()) {
            out.push(r.at("id", format!("clause {id} is listed twice")));
        }
        let starts = r.opt_str("starts", out);
        if starts.as_deref().is_some_and(|s| s.trim().is_empty()) {
            out.push(r.at("starts", "starts is empty".into()));
        }
        let individual = r.bool("individual", out).unwrap_or(false);
        let not_encoded = match r.value("not_encoded") {
            None => None,
            Some(Value::String(s)) => Some(s.clone()),
            Some(Value::Table(t)) if t.len() == 1 && t.get("see").is_some_and(Value::is_str) => {
                let key = t["see"].as_str().unwrap_or_default();
                match reasons.get(key) {
                    Some(text) => Some(text.clone()),
                    None => {
                        let known: Vec<&str> = reasons.keys().map(String::as_str).collect();
                        out.push(r.at(
                            "not_encoded",
                            format!(
                                "not_encoded: no reason \"{key}\" in [reasons] (known: {})",
                                if known.is_empty() {
                                    "none".to_string()
                                } else {
                                    known.join(", ")
                                }
                            ),
                        ));
                        None
                    }
                }
            }
            Some(other) => {
                out.push(r.at(
                    "not_encoded",
                    format!(
                        "not_encoded: expected a reason (a string) or {{ see = \"name\" }} of [reasons], got {}",
                        shown(other)
                    ),
                ));
                None
            }
        };
        r.value("rule");
        r.finish(&CLAUSE_KEYS, out);
        clauses.push(Clause {
            id,
            individual,
            not_encoded,
            starts,
        });
    }
    top.finish(&TOP_KEYS, &mut Vec::new());

    documents.push(Document {
        id,
        file: file.name.clone(),
        title_zh,
        title_en,
        issuer,
        number,
        date: doc_date,
        period: doc_period,
        jurisdiction,
        kind,
        notes,
        not_encoded,
        clauses,
    });
    Some(Pending {
        file,
        doc: documents.len() - 1,
        table,
    })
}

fn place_ids(places: &[Place]) -> String {
    places.iter().map(|p| p.id.as_str()).collect::<Vec<_>>().join(", ")
}

/// The place a key names (`jurisdiction`), or a problem naming the places accepted.
fn place_of(r: &Reader<'_, '_>, key: &str, id: &str, places: &[Place], out: &mut Vec<Diagnostic>) -> Option<usize> {
    let found = places.iter().position(|p| p.id == id);
    if found.is_none() {
        out.push(r.at(
            key,
            format!("{key}: unknown place \"{id}\", expected one of {}", place_ids(places)),
        ));
    }
    found
}

/// Step two: a document's rules, in the order of their clauses.
pub fn rules(
    p: &Pending<'_>,
    document: &Document,
    fields: &[Field],
    places: &[Place],
    ids: &mut HashSet<String>,
    out: &mut Vec<Diagnostic>,
) -> Vec<(Rule, RulePos)> {
    let layout = Layout::new(&p.file.name, &p.file.text);
    let mut list = Vec::new();
    let clauses = p
        .table
        .get("clause")
        .and_then(Value::as_array)
        .cloned()
        .unwrap_or_default();
    let mut n = 0;
    for c in &clauses {
        let Some(c) = c.as_table() else { continue };
        let clause = c.get("id").and_then(Value::as_str).unwrap_or("?").to_string();
        let rules = match c.get("rule") {
            None => Vec::new(),
            Some(Value::Array(a)) => a.iter().filter_map(Value::as_table).collect(),
            Some(_) => {
                out.push(Diagnostic {
                    pos: layout.key_pos(layout.section("clause", 0), "rule"),
                    rule: None,
                    message: format!("[[clause]] {clause}: rule: expected [[clause.rule]] tables"),
                });
                Vec::new()
            }
        };
        if document.not_encoded.is_some() && !rules.is_empty() {
            out.push(Diagnostic {
                pos: layout.header_pos(layout.section("document", 0)),
                rule: None,
                message: "a not_encoded document has no rules".into(),
            });
        }
        for t in rules {
            let section = layout.section("clause.rule", n);
            n += 1;
            if let Some(rule) = rule(t, &layout, section, &clause, p.doc, document, fields, places, ids, out) {
                list.push(rule);
            }
        }
    }
    list
}

#[allow(clippy::too_many_arguments)]
fn rule(
    t: &Table,
    layout: &Layout<'_>,
    section: Option<&crate::locate::Section>,
    clause: &str,
    doc_index: usize,
    document: &Document,
    fields: &[Field],
    places: &[Place],
    ids: &mut HashSet<String>,
    out: &mut Vec<Diagnostic>,
) -> Option<(Rule, RulePos)> {
    let rid = t.get("id").and_then(Value::as_str).unwrap_or("(no id)").to_string();
    let mut r = Reader::new(t, layout, section, format!("[[clause.rule]] of clause {clause}"));
    r.rule = Some(rid.clone());
    let before = out.len();
    let id = r.str("id", out).unwrap_or_default();
    if !id.is_empty() && !ids.insert(id.clone()) {
        out.push(r.at("id", "rule id used twice".into()));
    }
    let jurisdiction = match r.opt_str("jurisdiction", out) {
        Some(j) => place_of(&r, "jurisdiction", &j, places, out),
        None => document.jurisdiction.or_else(|| {
            out.push(r.at("id", "no jurisdiction (the document has none)".into()));
            None
        }),
    };
    let kind = r.str("kind", out).and_then(|k| {
        word(Kind::ALL, |k| k.as_str(), &k, "kind")
            .map_err(|m| out.push(r.at("kind", m)))
            .ok()
    });
    let category = r.str("category", out).and_then(|c| {
        word(Category::ALL, |c| c.as_str(), &c, "category")
            .map_err(|m| out.push(r.at("category", m)))
            .ok()
    });
    let title_zh = r.str("title_zh", out).unwrap_or_default();
    let title_en = r.str("title_en", out).unwrap_or_default();
    if let Some(m) = mixed(&title_zh, &title_en) {
        out.push(r.at("title_en", format!("titles: {m}")));
    }
    let mut when = Vec::new();
    if let Some(v) = r.value("when") {
        match v.as_array() {
            Some(items) => {
                for (i, c) in items.iter().enumerate() {
                    match cond::compile(c, fields) {
                        Ok(c) => when.push(c),
                        Err(m) => out.push(Diagnostic {
                            pos: layout.item_pos(section, "when", i),
                            rule: r.rule.clone(),
                            message: format!("when: {m}"),
                        }),
                    }
                }
            }
            None => out.push(r.at(
                "when",
                format!("when: expected an array of conditions, got {}", shown(v)),
            )),
        }
    }
    let amount = r
        .value("amount")
        .and_then(|v| amount(v).map_err(|m| out.push(r.at("amount", m))).ok());
    let (title_level, route) = match r.value("title") {
        None => (None, None),
        Some(v) => match title(v) {
            Ok(x) => x,
            Err(m) => {
                out.push(r.at("title", m));
                (None, None)
            }
        },
    };
    let quote = r.str("quote", out).unwrap_or_default();
    if t.contains_key("quote") && quote.trim().is_empty() {
        out.push(r.at("quote", "quote is empty".into()));
    }
    let exclusive = r.opt_str("exclusive", out);
    let own_period = r.value("period").map(|v| {
        period(v)
            .map_err(|m| out.push(r.at("period", m)))
            .unwrap_or(document.period)
    });
    let mut requires = Vec::new();
    if let Some(v) = r.value("requires") {
        match v.as_array() {
            Some(items) => {
                for (i, q) in items.iter().enumerate() {
                    let zh = q.get("zh").and_then(Value::as_str).unwrap_or("");
                    let en = q.get("en").and_then(Value::as_str).unwrap_or("");
                    let extra = q
                        .as_table()
                        .map_or(0, |t| t.keys().filter(|k| *k != "zh" && *k != "en").count());
                    if zh.trim().is_empty() || en.trim().is_empty() || extra > 0 {
                        out.push(Diagnostic {
                            pos: layout.item_pos(section, "requires", i),
                            rule: r.rule.clone(),
                            message: format!(
                                "requires: each item is {{ zh = \"…\", en = \"…\" }}, both non-empty; got {}",
                                shown(q)
                            ),
                        });
                    } else if let Some(m) = mixed(zh, en) {
                        out.push(Diagnostic {
                            pos: layout.item_pos(section, "requires", i),
                            rule: r.rule.clone(),
                            message: format!("requires: {m}"),
                        });
                    } else {
                        requires.push(Requirement {
                            zh: zh.into(),
                            en: en.into(),
                        });
                    }
                }
            }
            None => out.push(r.at(
                "requires",
                format!("requires: expected an array of {{ zh, en }}, got {}", shown(v)),
            )),
        }
    }
    let explain = match r.value("explain") {
        None => None,
        Some(v) => {
            let zh = v.get("zh").and_then(Value::as_str).unwrap_or("");
            let en = v.get("en").and_then(Value::as_str).unwrap_or("");
            let extra = v
                .as_table()
                .map_or(1, |t| t.keys().filter(|k| *k != "zh" && *k != "en").count());
            if zh.trim().is_empty() || en.trim().is_empty() || extra > 0 {
                out.push(r.at(
                    "explain",
                    format!(
                        "explain: expected {{ zh = \"…\", en = \"…\" }}, both non-empty; got {}",
                        shown(v)
                    ),
                ));
                None
            } else if let Some(m) = mixed(zh, en) {
                out.push(r.at("explain", format!("explain: {m}")));
                None
            } else {
                Some(Explanation {
                    zh: zh.into(),
                    en: en.into(),
                })
            }
        }
    };
    let notes = r.strings("notes", out);
    r.finish(&RULE_KEYS, out);
    if kind == Some(Kind::Measure) && amount.is_some() {
        out.push(r.at(
            "amount",
            "a measure has no amount (it is never counted as money)".into(),
        ));
    }
    if kind == Some(Kind::Entitlement)
        && !requires.is_empty()
        && amount.is_some_and(|a| matches!(a.unit, Unit::OneOff | Unit::PerMonth | Unit::PerYear))
    {
        out.push(r.at(
            "requires",
            "an entitlement with a countable amount cannot carry requires: if a selection or decision grants the sum, the rule is an application".into(),
        ));
    }
    let pos = RulePos {
        header: layout.header_pos(section),
        quote: layout.key_pos(section, "quote"),
    };
    if out.len() > before {
        return None;
    }
    Some((
        Rule {
            id,
            document: doc_index,
            jurisdiction: jurisdiction?,
            kind: kind?,
            category: category?,
            title_zh,
            title_en,
            when,
            amount,
            title_level,
            route,
            clause: clause.to_string(),
            quote,
            exclusive,
            period: own_period.unwrap_or(document.period),
            notes,
            requires,
            explain,
        },
        pos,
    ))
}

/// `{ level = "deputy_senior", route = "may_apply" }` (the level may be left out: 相应职称).
fn title(v: &Value) -> Result<(Option<TitleLevel>, Option<Route>), String> {
    let t = v
        .as_table()
        .ok_or_else(|| format!("title: expected {{ level, route }}, got {}", shown(v)))?;
    for k in t.keys() {
        if k != "level" && k != "route" {
            return Err(format!("title: unknown key \"{k}\", expected level, route"));
        }
    }
    let level = t
        .get("level")
        .map(|l| word(TitleLevel::ALL, |x| x.as_str(), l.as_str().unwrap_or(""), "title.level"))
        .transpose()?;
    let route = word(
        Route::ALL,
        |x| x.as_str(),
        t.get("route").and_then(Value::as_str).unwrap_or(""),
        "title.route",
    )?;
    Ok((level, Some(route)))
}
