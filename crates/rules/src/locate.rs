//! Where things are in a rules file: a light scan of its table headers, so every problem found
//! in the parsed data can be reported at its line and column.
//!
//! # Design
//! The `toml` crate's values carry no positions, but rules files are plain: a table starts at a
//! `[name]` or `[[name]]` header line and runs to the next one, a key starts its line
//! (`key = …`), and each condition or list item of an array sits on its own line (the
//! formatter writes them so). So the n-th table of a kind is the n-th header of that name, a
//! key is the first line of that table that opens with it, and the n-th item of an array is the
//! n-th line inside its brackets that opens with a value. Where the text is laid out otherwise
//! the position falls back to the enclosing key or table header, never to nothing.

use crate::diag::Pos;

/// One table of a file: its header name (`document`, `clause`, `clause.rule` …) and where it is.
#[derive(Debug, Clone)]
pub struct Section {
    pub name: String,
    /// 1-based line of the header.
    pub line: usize,
    /// Byte range of the table's text, header included.
    pub start: usize,
    pub end: usize,
}

/// The tables of one file.
#[derive(Debug, Clone)]
pub struct Layout<'t> {
    pub file: String,
    pub text: &'t str,
    pub sections: Vec<Section>,
}

/// The header name on a line such as `[[clause.rule]]  # …`, if it is one.
fn header(line: &str) -> Option<&str> {
    let t = line.trim();
    let t = t.split_once('#').map_or(t, |(a, _)| a).trim_end();
    let inner = t.strip_prefix("[[").and_then(|r| r.strip_suffix("]]")).or_else(|| {
        t.strip_prefix('[')
            .and_then(|r| r.strip_suffix(']'))
            .filter(|r| !r.starts_with('['))
    })?;
    let inner = inner.trim();
    (!inner.is_empty() && inner.chars().all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '.')).then_some(inner)
}

impl<'t> Layout<'t> {
    /// Scans a file's text.
    pub fn new(file: &str, text: &'t str) -> Layout<'t> {
        let mut sections: Vec<Section> = Vec::new();
        let mut at = 0;
        for (i, line) in text.split_inclusive('\n').enumerate() {
            if let Some(name) = header(line) {
                if let Some(last) = sections.last_mut() {
                    last.end = at;
                }
                sections.push(Section {
                    name: name.to_string(),
                    line: i + 1,
                    start: at,
                    end: text.len(),
                });
            }
            at += line.len();
        }
        Layout {
            file: file.to_string(),
            text,
            sections,
        }
    }

    /// The `n`-th (0-based) table named `name`.
    pub fn section(&self, name: &str, n: usize) -> Option<&Section> {
        self.sections.iter().filter(|s| s.name == name).nth(n)
    }

    /// The position of a byte offset.
    pub fn at(&self, offset: usize) -> Pos {
        let offset = offset.min(self.text.len());
        let before = &self.text[..self.text.floor_char_boundary_compat(offset)];
        let line = before.matches('\n').count() + 1;
        let col = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
        Pos {
            file: self.file.clone(),
            line,
            col,
        }
    }

    /// The header line of a table (the file's start without one).
    pub fn header_pos(&self, section: Option<&Section>) -> Pos {
        match section {
            Some(s) => self.at(s.start + leading_space(&self.text[s.start..s.end])),
            None => Pos::file(&self.file),
        }
    }

    /// The byte offset of the line of `key = …` in a table, if written so.
    fn key_offset(&self, section: &Section, key: &str) -> Option<usize> {
        let mut at = section.start;
        for line in self.text[section.start..section.end].split_inclusive('\n') {
            let t = line.trim_start();
            if let Some(rest) = t.strip_prefix(key) {
                if rest.trim_start().starts_with('=') {
                    return Some(at + (line.len() - t.len()));
                }
            }
            at += line.len();
        }
        None
    }

    /// The position of `key = …` in a table; the table's header when the key is absent.
    pub fn key_pos(&self, section: Option<&Section>, key: &str) -> Pos {
        match section.and_then(|s| self.key_offset(s, key)) {
            Some(at) => self.at(at),
            None => self.header_pos(section),
        }
    }

    /// The position of the `n`-th item of the array `key = [ … ]` when each item opens a line;
    /// the key's position otherwise.
    pub fn item_pos(&self, section: Option<&Section>, key: &str, n: usize) -> Pos {
        let Some((section, start)) = section.and_then(|s| Some((s, self.key_offset(s, key)?))) else {
            return self.key_pos(section, key);
        };
        let mut at = start;
        let mut seen = 0;
        for (i, line) in self.text[start..section.end].split_inclusive('\n').enumerate() {
            let t = line.trim_start();
            if i > 0 {
                if t.starts_with(']') {
                    break;
                }
                if t.starts_with(['{', '"', '\'']) || t.starts_with(|c: char| c.is_ascii_digit()) {
                    if seen == n {
                        return self.at(at + (line.len() - t.len()));
                    }
                    seen += 1;
                }
            }
            at += line.len();
        }
        self.at(start)
    }
}

fn leading_space(text: &str) -> usize {
    text.len() - text.trim_start().len()
}

/// `str::floor_char_boundary` for the toolchains that lack it.
trait FloorBoundary {
    fn floor_char_boundary_compat(&self, at: usize) -> usize;
}

impl FloorBoundary for str {
    fn floor_char_boundary_compat(&self, mut at: usize) -> usize {
        while at > 0 && !self.is_char_boundary(at) {
            at -= 1;
        }
        at
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const TEXT: &str = "# c\n[document]\nid = \"x\"\n\n[[clause]]\nid = \"一\"\n\n[[clause.rule]]\nid = \"a\"\nwhen = [\n  { field = \"age\", at_most = 40 },\n  { field = \"title\", at_least = \"junior\" },\n]\n";

    #[test]
    fn finds_tables_keys_and_array_items() {
        let l = Layout::new("f.toml", TEXT);
        let names: Vec<&str> = l.sections.iter().map(|s| s.name.as_str()).collect();
        assert_eq!(names, ["document", "clause", "clause.rule"]);
        let rule = l.section("clause.rule", 0);
        assert_eq!(l.header_pos(rule).to_string(), "f.toml:8:1");
        assert_eq!(l.key_pos(rule, "id").to_string(), "f.toml:9:1");
        assert_eq!(l.item_pos(rule, "when", 1).to_string(), "f.toml:12:3");
        // Absent key: the header; absent item: the key.
        assert_eq!(l.key_pos(rule, "quote").to_string(), "f.toml:8:1");
        assert_eq!(l.item_pos(rule, "when", 5).to_string(), "f.toml:10:1");
        assert_eq!(l.key_pos(l.section("clause", 0), "id").to_string(), "f.toml:6:1");
    }
}
