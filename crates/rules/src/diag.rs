//! Diagnostics: one problem in a rules file, with its place (file:line:column), the rule it
//! concerns and what is accepted.

use std::fmt;

/// A place in a file: 1-based line and column (in characters).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Pos {
    pub file: String,
    pub line: usize,
    pub col: usize,
}

impl Pos {
    /// The start of a file (for problems with no finer place).
    pub fn file(file: &str) -> Pos {
        Pos {
            file: file.to_string(),
            line: 1,
            col: 1,
        }
    }
}

impl fmt::Display for Pos {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}:{}", self.file, self.line, self.col)
    }
}

/// One problem: where, in which rule (if any), and what — naming the value given and what is
/// accepted.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    pub pos: Pos,
    pub rule: Option<String>,
    pub message: String,
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.rule {
            Some(rule) => write!(f, "{}: rule {}: {}", self.pos, rule, self.message),
            None => write!(f, "{}: {}", self.pos, self.message),
        }
    }
}

/// Diagnostics as lines, for a message or a failed build.
pub fn lines(diagnostics: &[Diagnostic]) -> String {
    diagnostics
        .iter()
        .map(ToString::to_string)
        .collect::<Vec<_>>()
        .join("\n")
}
