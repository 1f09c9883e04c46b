//! rencai-rules: loads and validates the rules data (`rules/fields.toml`, `rules/places.toml`
//! and one `rules/<stem>.toml` per published document) into the engine's catalogue, checks every
//! quote against `sources/<stem>.txt`, and formats rules files.
//!
//! # Design
//! Native only: `build.rs` runs it to embed the validated catalogue (through `rencai-core`'s
//! codec), and the CLI runs it for `rencai check DIR`, `rencai eval --rules DIR` and
//! `rencai fmt`, so an analyst sees every problem of an edited folder in seconds, without a
//! rebuild; the wasm module never ships it. Loading goes step by step — fields, places, each
//! document's header, vocabulary and clauses, then every rule against the whole vocabulary — and
//! goes on after a problem, so one run reports them all, each at its file:line:column with the
//! rule it concerns and what is accepted.

pub mod cond;
pub mod diag;
pub mod document;
pub mod fmt;
pub mod locate;
pub mod quotes;
pub mod read;
pub mod vocab;

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use rencai_core::catalog::{Catalog, Document};

pub use diag::{Diagnostic, Pos};
use locate::Layout;

/// A rules file: its name as reported (`rules/000_liaoning.toml`) and its text.
#[derive(Debug, Clone)]
pub struct File {
    pub name: String,
    pub text: String,
}

impl File {
    /// The file stem (`000_liaoning`): a document's id.
    pub fn stem(&self) -> &str {
        let base = self.name.rsplit(['/', '\\']).next().unwrap_or(&self.name);
        base.strip_suffix(".toml").unwrap_or(base)
    }
}

/// Parses a file as TOML, reporting a syntax error at its place.
pub fn parse(layout: &Layout<'_>, out: &mut Vec<Diagnostic>) -> Option<toml::Table> {
    match layout.text.parse::<toml::Table>() {
        Ok(t) => Some(t),
        Err(e) => {
            out.push(Diagnostic {
                pos: e.span().map_or_else(|| Pos::file(&layout.file), |s| layout.at(s.start)),
                rule: None,
                message: format!("not valid TOML: {}", e.message().trim()),
            });
            None
        }
    }
}

/// Where a rule's header and quote are.
#[derive(Debug, Clone)]
pub struct RulePos {
    pub header: Pos,
    pub quote: Pos,
}

/// Where the loaded rules and clauses are written, for later checks' messages.
#[derive(Debug, Clone, Default)]
pub struct Positions {
    /// Per rule of the catalogue, in order.
    pub rules: Vec<RulePos>,
    /// Per document of the catalogue: each clause's `starts` line.
    pub clauses: Vec<Vec<Pos>>,
}

impl Positions {
    /// The header of the rule at `index` (its file's start when unknown: an embedded catalogue).
    pub fn rule(&self, index: usize, file: &str) -> Pos {
        self.rules
            .get(index)
            .map_or_else(|| Pos::file(file), |p| p.header.clone())
    }

    /// The quote of the rule at `index`.
    pub fn quote(&self, index: usize, file: &str) -> Pos {
        self.rules
            .get(index)
            .map_or_else(|| Pos::file(file), |p| p.quote.clone())
    }

    /// A clause's opening words (`doc` is the document's index in the catalogue).
    pub fn clause(&self, doc: usize, file: &str, clause: usize) -> Pos {
        self.clauses
            .get(doc)
            .and_then(|c| c.get(clause).cloned())
            .unwrap_or_else(|| Pos::file(file))
    }
}

/// A loaded catalogue, with where its parts are written.
#[derive(Debug, Clone)]
pub struct Loaded {
    pub catalog: Catalog,
    pub positions: Positions,
}

/// Loads the vocabulary and the documents into a catalogue.
///
/// # Errors
/// Every problem found, each at its place.
pub fn load(fields: &File, places: &File, documents: &[File]) -> Result<Loaded, Vec<Diagnostic>> {
    let mut out = Vec::new();
    let mut field_list = vocab::fields(fields, &mut out);
    let place_list = vocab::places(places, &mut out);
    let mut docs: Vec<Document> = Vec::new();
    let mut pending = Vec::new();
    for file in documents {
        if let Some(p) = document::head(file, &mut field_list, &place_list, &mut docs, &mut out) {
            pending.push(p);
        }
    }
    vocab::check_sizes(&field_list, &fields.name, &mut out);
    let mut ids = HashSet::new();
    let mut rules = Vec::new();
    let mut positions = Positions::default();
    for p in &pending {
        for (rule, pos) in document::rules(p, &docs[p.doc], &field_list, &place_list, &mut ids, &mut out) {
            rules.push(rule);
            positions.rules.push(pos);
        }
        let layout = Layout::new(&p.file.name, &p.file.text);
        positions.clauses.push(
            (0..docs[p.doc].clauses.len())
                .map(|n| {
                    let section = layout.section("clause", n);
                    layout.key_pos(section, "starts")
                })
                .collect(),
        );
    }
    if out.is_empty() {
        Ok(Loaded {
            catalog: Catalog::assemble(field_list, place_list, docs, rules),
            positions,
        })
    } else {
        Err(out)
    }
}

/// A rules folder's files: `fields.toml`, `places.toml` and the documents, sorted by name.
///
/// # Errors
/// A file that cannot be read, as a diagnostic.
pub fn read_dir(dir: &Path, shown_as: &str) -> Result<(File, File, Vec<File>), Vec<Diagnostic>> {
    let read = |path: PathBuf| -> Result<File, Diagnostic> {
        let name = format!(
            "{shown_as}/{}",
            path.file_name()
                .map(|n| n.to_string_lossy().to_string())
                .unwrap_or_default()
        );
        std::fs::read_to_string(&path)
            .map(|text| File {
                name: name.clone(),
                text,
            })
            .map_err(|e| Diagnostic {
                pos: Pos::file(&name),
                rule: None,
                message: format!("cannot read {}: {e}", path.display()),
            })
    };
    let mut errors = Vec::new();
    let mut names: Vec<PathBuf> = match std::fs::read_dir(dir) {
        Ok(entries) => entries
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.extension().is_some_and(|x| x == "toml"))
            .collect(),
        Err(e) => {
            return Err(vec![Diagnostic {
                pos: Pos::file(shown_as),
                rule: None,
                message: format!("cannot read the folder {}: {e}", dir.display()),
            }])
        }
    };
    names.sort();
    let mut documents = Vec::new();
    let (mut fields, mut places) = (None, None);
    for path in names {
        match read(path.clone()) {
            Err(e) => errors.push(e),
            Ok(f) => match path.file_stem().and_then(|s| s.to_str()) {
                Some("fields") => fields = Some(f),
                Some("places") => places = Some(f),
                _ => documents.push(f),
            },
        }
    }
    let missing = |what: &str| Diagnostic {
        pos: Pos::file(&format!("{shown_as}/{what}")),
        rule: None,
        message: format!("the rules folder needs {what}"),
    };
    match (fields, places) {
        (Some(f), Some(p)) if errors.is_empty() => Ok((f, p, documents)),
        (f, p) => {
            if f.is_none() {
                errors.push(missing("fields.toml"));
            }
            if p.is_none() {
                errors.push(missing("places.toml"));
            }
            Err(errors)
        }
    }
}

/// Loads a rules folder and checks it whole: every file, every quote against the published
/// texts in `sources` (`<stem>.txt`), and the gaps.
///
/// # Errors
/// Every problem found, each at its place.
pub fn check_dir(rules: &Path, rules_shown_as: &str, sources: &Path) -> Result<(Loaded, usize), Vec<Diagnostic>> {
    let (fields, places, documents) = read_dir(rules, rules_shown_as)?;
    let loaded = load(&fields, &places, &documents)?;
    let texts: Vec<(String, String)> = loaded
        .catalog
        .documents
        .iter()
        .filter_map(|d| {
            Some((
                d.id.clone(),
                std::fs::read_to_string(sources.join(format!("{}.txt", d.id))).ok()?,
            ))
        })
        .collect();
    let source = |id: &str| texts.iter().find(|(stem, _)| stem == id).map(|(_, t)| t.as_str());
    let mut problems = Vec::new();
    let quotes = match quotes::check_quotes(&loaded.catalog, &loaded.positions, &source) {
        Ok(n) => n,
        Err(p) => {
            problems.extend(p);
            0
        }
    };
    problems.extend(quotes::gaps(&loaded.catalog, &loaded.positions));
    if problems.is_empty() {
        Ok((loaded, quotes))
    } else {
        Err(problems)
    }
}
