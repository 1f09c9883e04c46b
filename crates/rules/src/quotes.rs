//! Citations: every quote is verbatim in the published text and lies inside the span of the
//! clause it cites; every clause has its opening words; every application says who decides.

use rencai_core::catalog::{Catalog, Document, Kind};

use crate::diag::{Diagnostic, Pos};
use crate::Positions;

/// Each clause's byte span in the published text: from its `starts` (found at or after the
/// previous clause's start, as clauses are listed in the text's order) to the next clause's
/// start, the last to the end of the text. `None` for a clause without `starts`.
///
/// # Errors
/// A clause whose opening words are not in the text after the previous clause's.
pub fn clause_spans(
    d: usize,
    doc: &Document,
    text: &str,
    positions: &Positions,
) -> Result<Vec<Option<(usize, usize)>>, Vec<Diagnostic>> {
    let mut starts: Vec<Option<usize>> = Vec::with_capacity(doc.clauses.len());
    let mut problems = Vec::new();
    let mut from = 0;
    for (i, c) in doc.clauses.iter().enumerate() {
        let Some(words) = c.starts.as_deref() else {
            starts.push(None);
            continue;
        };
        match text.get(from..).and_then(|rest| rest.find(words)) {
            Some(at) => {
                starts.push(Some(from + at));
                from += at + 1;
                while !text.is_char_boundary(from) {
                    from += 1;
                }
            }
            None => {
                let anywhere = text.contains(words);
                problems.push(Diagnostic {
                    pos: positions.clause(d, &doc.file, i),
                    rule: None,
                    message: format!(
                        "[[clause]] {}: starts \"{}\" is {} sources/{}.txt{}",
                        c.id,
                        words,
                        if anywhere {
                            "not after the previous clause's opening in"
                        } else {
                            "not in"
                        },
                        doc.id,
                        if anywhere {
                            " (list clauses in the order of the text)"
                        } else {
                            ""
                        }
                    ),
                });
                starts.push(None);
            }
        }
    }
    if !problems.is_empty() {
        return Err(problems);
    }
    Ok((0..starts.len())
        .map(|i| {
            let a = starts[i]?;
            let b = starts[i + 1..].iter().flatten().next().copied().unwrap_or(text.len());
            Some((a, b))
        })
        .collect())
}

/// Checks every quote against its document's published text (`source` gives it by document
/// id): verbatim, and inside the clause it cites. Returns how many quotes hold.
///
/// # Errors
/// Every problem, at the rule's quote, naming the clause and where the quote was found.
pub fn check_quotes<'s>(
    catalog: &Catalog,
    positions: &Positions,
    source: &dyn Fn(&str) -> Option<&'s str>,
) -> Result<usize, Vec<Diagnostic>> {
    let mut problems = Vec::new();
    let mut spans: Vec<Vec<Option<(usize, usize)>>> = Vec::with_capacity(catalog.documents.len());
    for (d, doc) in catalog.documents.iter().enumerate() {
        match source(&doc.id) {
            None => {
                problems.push(Diagnostic {
                    pos: Pos::file(&doc.file),
                    rule: None,
                    message: format!("no published text at sources/{}.txt", doc.id),
                });
                spans.push(Vec::new());
            }
            Some(text) => match clause_spans(d, doc, text, positions) {
                Ok(s) => spans.push(s),
                Err(p) => {
                    problems.extend(p);
                    spans.push(Vec::new());
                }
            },
        }
    }
    let mut checked = 0;
    for (i, rule) in catalog.rules.iter().enumerate() {
        let doc = &catalog.documents[rule.document];
        let Some(text) = source(&doc.id) else { continue };
        let at = positions.quote(i, &doc.file);
        let found: Vec<usize> = text.match_indices(rule.quote.as_str()).map(|(i, _)| i).collect();
        if found.is_empty() {
            problems.push(Diagnostic {
                pos: at,
                rule: Some(rule.id.clone()),
                message: format!(
                    "quote is not a verbatim substring of sources/{}.txt: \"{}\"",
                    doc.id, rule.quote
                ),
            });
            continue;
        }
        let clause = doc.clauses.iter().position(|c| c.id == rule.clause);
        let span = clause.and_then(|c| spans[rule.document].get(c).copied().flatten());
        if let Some((from, to)) = span {
            let inside = |at: &usize| *at >= from && at + rule.quote.len() <= to;
            if !found.iter().any(inside) {
                let elsewhere: Vec<&str> = doc
                    .clauses
                    .iter()
                    .zip(&spans[rule.document])
                    .filter(|(_, s)| {
                        s.is_some_and(|(a, b)| found.iter().any(|at| *at >= a && at + rule.quote.len() <= b))
                    })
                    .map(|(c, _)| c.id.as_str())
                    .collect();
                problems.push(Diagnostic {
                    pos: at,
                    rule: Some(rule.id.clone()),
                    message: format!(
                        "clause {}: the quote is not inside this clause of sources/{}.txt (found in {}): \"{}\"",
                        rule.clause,
                        doc.id,
                        if elsewhere.is_empty() {
                            "no single clause".to_string()
                        } else {
                            format!("clause {}", elsewhere.join(", "))
                        },
                        rule.quote
                    ),
                });
                continue;
            }
        }
        checked += 1;
    }
    if problems.is_empty() {
        Ok(checked)
    } else {
        Err(problems)
    }
}

/// Gaps in the data: a clause without `starts` (its quotes cannot be placed in it) and an
/// application without `requires` (who decides, and how, is unsaid).
pub fn gaps(catalog: &Catalog, positions: &Positions) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    for (d, doc) in catalog.documents.iter().enumerate() {
        for (i, c) in doc.clauses.iter().enumerate().filter(|(_, c)| c.starts.is_none()) {
            out.push(Diagnostic {
                pos: positions.clause(d, &doc.file, i),
                rule: None,
                message: format!("[[clause]] {}: no starts (its opening words in the source)", c.id),
            });
        }
    }
    for (i, rule) in catalog
        .rules
        .iter()
        .enumerate()
        .filter(|(_, r)| r.kind == Kind::Application && r.requires.is_empty())
    {
        out.push(Diagnostic {
            pos: positions.rule(i, &catalog.documents[rule.document].file),
            rule: Some(rule.id.clone()),
            message: "an application needs requires (who decides, and how)".into(),
        });
    }
    out
}
