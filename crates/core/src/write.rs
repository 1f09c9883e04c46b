//! The report's JSON text, written from pieces worked out once per catalogue.
//!
//! # Design
//! Most of a report's text is the catalogue's (titles, quotes, conditions, amounts, documents)
//! and the same in every report; serializing it afresh each time, escaping every character of
//! every quote, was four fifths of a report's cost. [`Pieces`] holds each rule's and document's
//! JSON text once, cut where a decision goes in (status, standing, force, unmet conditions,
//! missing fields; a document's force), and [`report_json`] writes a report by copying those
//! pieces around the decisions. The text is byte for byte what serde writes for [`Report`] (its
//! `Serialize` impl stays the definition: a test holds the two equal on every case, contract
//! example and generated profile).

use serde::Serialize;

use crate::catalog::Catalog;
use crate::decision::{STANDINGS, STATUSES};
use crate::report::{PlaceOut, Report, CONTRACT};

/// One rule's text around its decisions.
#[derive(Debug, Clone)]
struct RulePieces {
    /// `{"rule":…,"category":…,"status":`
    head: String,
    /// `,"requires":[…],"in_force":`
    requires: String,
    /// `[,"period":…],"title_zh":…,"route":…,"unmet":`
    middle: String,
    /// Each condition `unmet` can name (the `all`s opened up), as JSON.
    conditions: Vec<String>,
    /// `,"source":{…},"exclusive":…[,"explain":{…}]`
    tail: String,
    /// `,"notes":[…]` (a full report only)
    notes: String,
}

/// One document's text around its force.
#[derive(Debug, Clone)]
struct DocumentPieces {
    /// `{"id":…,"period":…,"in_force":`
    head: String,
    /// `,"jurisdiction":…`
    tail: String,
    /// `,"notes":[…]`
    notes: String,
}

/// The catalogue's share of every report, as JSON text.
#[derive(Debug, Clone)]
pub struct Pieces {
    rules: Vec<RulePieces>,
    documents: Vec<DocumentPieces>,
    /// Each field id as a JSON string.
    fields: Vec<String>,
    /// Each place as the report's `place` states it.
    places: Vec<String>,
    /// Each status and standing as JSON, in the order of `STATUSES` and `STANDINGS`.
    statuses: [String; 3],
    standings: [String; 5],
}

fn json<T: Serialize + ?Sized>(value: &T) -> String {
    // Our own types serialize without fail (no maps with non-string keys).
    serde_json::to_string(value).unwrap_or_default()
}

/// `,"key":value`
fn entry<T: Serialize + ?Sized>(out: &mut String, key: &str, value: &T) {
    out.push_str(",\"");
    out.push_str(key);
    out.push_str("\":");
    out.push_str(&json(value));
}

impl Pieces {
    /// Works out every rule's and document's pieces.
    pub fn new(catalog: &Catalog) -> Pieces {
        let page = crate::decision::PageCatalog::new(catalog);
        let rules = page
            .rules
            .iter()
            .zip(&catalog.rules)
            .map(|(r, rule)| {
                let mut head = format!("{{\"rule\":{}", json(r.rule));
                entry(&mut head, "jurisdiction", r.jurisdiction);
                entry(&mut head, "document", r.document);
                entry(&mut head, "kind", &r.kind);
                entry(&mut head, "category", &r.category);
                head.push_str(",\"status\":");
                let mut requires = String::new();
                entry(&mut requires, "requires", r.requires);
                requires.push_str(",\"in_force\":");
                let mut middle = String::new();
                if let Some(period) = &r.period {
                    entry(&mut middle, "period", period);
                }
                entry(&mut middle, "title_zh", r.title_zh);
                entry(&mut middle, "title_en", r.title_en);
                entry(&mut middle, "amount", &r.amount);
                entry(&mut middle, "title_level", &r.title_level);
                entry(&mut middle, "route", &r.route);
                middle.push_str(",\"unmet\":");
                let mut tail = String::new();
                entry(&mut tail, "source", &r.source);
                entry(&mut tail, "exclusive", &r.exclusive);
                if let Some(explain) = r.explain {
                    entry(&mut tail, "explain", explain);
                }
                let mut notes = String::new();
                entry(&mut notes, "notes", &rule.notes);
                RulePieces {
                    head,
                    requires,
                    middle,
                    conditions: r.conditions.iter().map(json).collect(),
                    tail,
                    notes,
                }
            })
            .collect();
        let documents = page
            .documents
            .iter()
            .zip(&catalog.documents)
            .map(|(d, doc)| {
                let mut head = format!("{{\"id\":{}", json(d.id));
                entry(&mut head, "title_zh", d.title_zh);
                entry(&mut head, "title_en", d.title_en);
                entry(&mut head, "issuer", d.issuer);
                entry(&mut head, "number", &d.number);
                entry(&mut head, "date", &d.date);
                entry(&mut head, "kind", &d.kind);
                entry(&mut head, "period", &d.period);
                head.push_str(",\"in_force\":");
                let mut tail = String::new();
                entry(&mut tail, "jurisdiction", &d.jurisdiction);
                let mut notes = String::new();
                entry(&mut notes, "notes", &doc.notes);
                DocumentPieces { head, tail, notes }
            })
            .collect();
        Pieces {
            rules,
            documents,
            fields: catalog.fields.iter().map(|f| json(&f.id)).collect(),
            places: (0..catalog.places.len())
                .map(|i| json(&PlaceOut::of(catalog, i)))
                .collect(),
            statuses: STATUSES.map(|s| json(&s)),
            standings: STANDINGS.map(|s| json(&s)),
        }
    }
}

fn boolean(b: bool) -> &'static str {
    if b {
        "true"
    } else {
        "false"
    }
}

/// The report as JSON text: the same bytes as serializing `report` with serde_json.
pub fn report_json<'p>(pieces: &'p Pieces, report: &Report<'_>) -> String {
    let e = &report.evaluation;
    let full = report.options.full;
    let code = |list: &'p [String], i: Option<usize>| -> &'p str {
        i.and_then(|i| list.get(i)).map_or("null", String::as_str)
    };
    let decided = report.decision();
    let mut out = String::with_capacity(decided.results.len() * 900 + 4096);
    out.push_str("{\"contract\":");
    out.push_str(&CONTRACT.to_string());
    out.push_str(",\"as_of\":");
    out.push_str(&json(&e.as_of));
    out.push_str(",\"place\":");
    out.push_str(
        e.profile
            .place
            .and_then(|p| pieces.places.get(p))
            .map_or("null", String::as_str),
    );
    out.push_str(",\"results\":[");
    let mut first = true;
    for d in &decided.results {
        let Some(r) = pieces.rules.get(d.0) else { continue };
        if !std::mem::take(&mut first) {
            out.push(',');
        }
        out.push_str(&r.head);
        out.push_str(code(&pieces.statuses, STATUSES.iter().position(|s| *s == d.1)));
        out.push_str(",\"standing\":");
        out.push_str(code(&pieces.standings, STANDINGS.iter().position(|s| *s == d.2)));
        out.push_str(&r.requires);
        out.push_str(boolean(d.3));
        out.push_str(&r.middle);
        out.push('[');
        for (k, u) in d.4.iter().enumerate() {
            if k > 0 {
                out.push(',');
            }
            out.push_str(r.conditions.get(*u).map_or("null", String::as_str));
        }
        out.push_str("],\"missing\":[");
        for (k, f) in d.5.indices().iter().enumerate() {
            if k > 0 {
                out.push(',');
            }
            out.push_str(pieces.fields.get(usize::from(*f)).map_or("null", String::as_str));
        }
        out.push(']');
        out.push_str(&r.tail);
        if full {
            out.push_str(&r.notes);
        }
        out.push('}');
    }
    out.push_str("],\"totals\":");
    out.push_str(&json(&decided.totals));
    out.push_str(",\"total\":");
    out.push_str(&json(&decided.total));
    out.push_str(",\"counts\":");
    out.push_str(&json(&decided.counts));
    out.push_str(",\"documents\":[");
    let mut first = true;
    for (d, in_force) in &decided.documents {
        let Some(doc) = pieces.documents.get(*d) else { continue };
        if !std::mem::take(&mut first) {
            out.push(',');
        }
        out.push_str(&doc.head);
        out.push_str(boolean(*in_force));
        out.push_str(&doc.tail);
        if full {
            out.push_str(&doc.notes);
        }
        out.push('}');
    }
    out.push_str("]}");
    out
}
