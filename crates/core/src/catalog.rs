//! The rule catalogue as the engine reads it: jurisdictions' documents, their clauses and rules,
//! over the vocabulary of `vocab.rs`.
//!
//! # Design
//! The runtime model only: no parsing, no validation, no IO. The `rencai-rules` crate loads and
//! validates `rules/*.toml` into this model (at build time, and in the native CLI for
//! `rencai check DIR`); `codec.rs` stores it compactly in the binary and the wasm module, so the
//! page ships neither a TOML parser nor the validator.

use serde::{Deserialize, Serialize};

use crate::condition::Condition;
use crate::date::Date;
use crate::vocab::{Field, Place, Vocab};

/// A document's period of force: `null` when the text states none.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Period {
    NotStated,
    Range { from: Option<Date>, until: Option<Date> },
}

impl Period {
    /// The last day, when the period states one.
    pub fn until(&self) -> Option<Date> {
        match self {
            Period::NotStated => None,
            Period::Range { until, .. } => *until,
        }
    }

    /// Whether `as_of` falls inside the period (always, when not stated).
    #[inline]
    pub fn contains(&self, as_of: Date) -> bool {
        match self {
            Period::NotStated => true,
            Period::Range { from, until } => from.is_none_or(|f| f <= as_of) && until.is_none_or(|u| as_of <= u),
        }
    }
}

/// A stated period: its first and last day, either of which may be open (`null`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct PeriodRange {
    pub from: Option<Date>,
    pub until: Option<Date>,
}

/// A period is `PeriodRange | null` in TypeScript, as it serializes.
#[cfg(feature = "ts")]
impl ts_rs::TS for Period {
    type WithoutGenerics = Self;
    type OptionInnerType = Self;
    fn name(cfg: &ts_rs::Config) -> String {
        format!("{} | null", <PeriodRange as ts_rs::TS>::name(cfg))
    }
    fn inline(cfg: &ts_rs::Config) -> String {
        Self::name(cfg)
    }
}

/// `null` when not stated, else `{"from", "until"}` (either may be `null`).
impl Serialize for Period {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self {
            Period::NotStated => s.serialize_none(),
            Period::Range { from, until } => PeriodRange {
                from: *from,
                until: *until,
            }
            .serialize(s),
        }
    }
}

/// A clause of a document, in its own numbering.
#[derive(Debug, Clone, Serialize)]
pub struct Clause {
    pub id: String,
    pub individual: bool,
    pub not_encoded: Option<String>,
    /// The clause's opening words in the published text: its span runs from there to the next
    /// clause's opening (clauses are listed in the text's order), and every quote citing the
    /// clause lies inside it.
    pub starts: Option<String>,
}

/// What a text demands that no profile fact can settle: a selection, an assessment, an
/// employer's decision (with the quota where the text gives one), in the text's own terms.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Requirement {
    pub zh: String,
    pub en: String,
}

/// What a reader needs to know of how the text was read, in plain words (shown with the result;
/// the developer's INTERPRETATION notes are not).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Explanation {
    pub zh: String,
    pub en: String,
}

/// A source document.
#[derive(Debug, Clone)]
pub struct Document {
    pub id: String,
    pub file: String,
    pub title_zh: String,
    pub title_en: String,
    pub issuer: String,
    pub number: Option<String>,
    pub date: Option<Date>,
    pub period: Period,
    pub jurisdiction: Option<usize>,
    pub kind: DocKind,
    pub notes: Vec<String>,
    pub not_encoded: Option<String>,
    pub clauses: Vec<Clause>,
}

macro_rules! word_enum {
    ($(#[$doc:meta])* $name:ident { $($variant:ident = $text:literal),+ $(,)? }) => {
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
        #[cfg_attr(feature = "ts", derive(ts_rs::TS))]
        pub enum $name { $(#[serde(rename = $text)] $variant),+ }
        impl $name {
            /// Every value, in order.
            pub const ALL: &'static [$name] = &[$($name::$variant),+];
            /// The value as written in the data and the contract.
            pub fn as_str(self) -> &'static str { match self { $($name::$variant => $text),+ } }
            /// Parses the written form.
            pub fn parse(text: &str) -> Option<$name> { $name::ALL.iter().copied().find(|v| v.as_str() == text) }
        }
    };
}

word_enum!(/// Whether a document is a policy or a news report about one.
    DocKind { Policy = "policy", NewsReport = "news_report" });
word_enum!(/// What a result grants: an entitlement, a chance to apply, or a vague measure.
    Kind { Entitlement = "entitlement", Application = "application", Measure = "measure" });
word_enum!(/// The kind of benefit.
    Category { Cash = "cash", Allowance = "allowance", Loan = "loan", Housing = "housing", Title = "title",
               Hukou = "hukou", Service = "service", Reward = "reward", Other = "other" });
word_enum!(/// The unit of an amount.
    Unit { OneOff = "one_off", PerMonth = "per_month", PerYear = "per_year", LoanCap = "loan_cap", Share = "share" });
word_enum!(/// A professional title level.
    TitleLevel { Junior = "junior", Intermediate = "intermediate", DeputySenior = "deputy_senior", Senior = "senior" });
word_enum!(/// How a title is obtained.
    Route { DirectRecognition = "direct_recognition", MayApply = "may_apply", Exceptional = "exceptional" });

/// An amount in CNY (or a fraction for `share`). `max` is `None` when open-ended. Serialized
/// `{"unit", "min", "max"}`, whole numbers without a fraction.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Amount {
    pub unit: Unit,
    #[serde(serialize_with = "whole")]
    pub min: f64,
    #[serde(serialize_with = "opt_whole")]
    pub max: Option<f64>,
}

/// A figure as the contract writes it: a whole number without a fraction (100000, not 100000.0).
pub(crate) fn whole<S: serde::Serializer>(v: &f64, s: S) -> Result<S::Ok, S::Error> {
    if v.fract() == 0.0 && v.abs() < 9.0e15 {
        s.serialize_i64(*v as i64)
    } else {
        s.serialize_f64(*v)
    }
}

/// [`whole`], or `null`.
pub(crate) fn opt_whole<S: serde::Serializer>(v: &Option<f64>, s: S) -> Result<S::Ok, S::Error> {
    match v {
        Some(v) => whole(v, s),
        None => s.serialize_none(),
    }
}

/// A rule: one benefit, its conditions and its citation.
#[derive(Debug, Clone)]
pub struct Rule {
    pub id: String,
    pub document: usize,
    pub jurisdiction: usize,
    pub kind: Kind,
    pub category: Category,
    pub title_zh: String,
    pub title_en: String,
    /// The conditions, all of which must hold.
    pub when: Vec<Condition>,
    pub amount: Option<Amount>,
    pub title_level: Option<TitleLevel>,
    pub route: Option<Route>,
    pub clause: String,
    pub quote: String,
    pub exclusive: Option<String>,
    pub period: Period,
    pub notes: Vec<String>,
    /// What decides beyond the profile's facts (selection, assessment, an employer): a rule with
    /// any is at best `may_apply`, never `entitled`.
    pub requires: Vec<Requirement>,
    /// How the text was read, where that matters to the reader.
    pub explain: Option<Explanation>,
}

/// The whole catalogue.
#[derive(Debug, Clone)]
pub struct Catalog {
    pub fields: Vec<Field>,
    pub places: Vec<Place>,
    pub documents: Vec<Document>,
    pub rules: Vec<Rule>,
    /// Per place: the rule indices that apply there (its chain's), national first.
    pub rules_at: Vec<Vec<usize>>,
    /// Every rule index, ordered by place (places.toml order) then document and rule order.
    pub rules_everywhere: Vec<usize>,
}

impl Catalog {
    /// Puts validated parts together and indexes the rules by place.
    pub fn assemble(fields: Vec<Field>, places: Vec<Place>, documents: Vec<Document>, rules: Vec<Rule>) -> Catalog {
        let rules_of = |j: usize| -> Vec<usize> { (0..rules.len()).filter(|r| rules[*r].jurisdiction == j).collect() };
        let rules_at = places
            .iter()
            .map(|p| p.chain.iter().flat_map(|j| rules_of(*j)).collect())
            .collect();
        let rules_everywhere = (0..places.len()).flat_map(rules_of).collect();
        Catalog {
            fields,
            places,
            documents,
            rules,
            rules_at,
            rules_everywhere,
        }
    }

    /// The fields and places a profile is read against.
    pub fn vocab(&self) -> Vocab<'_> {
        Vocab {
            fields: &self.fields,
            places: &self.places,
        }
    }

    /// Index of a field by id.
    pub fn field_index(&self, id: &str) -> Option<usize> {
        self.vocab().field_index(id)
    }

    /// Index of a place by id.
    pub fn place_index(&self, id: &str) -> Option<usize> {
        self.vocab().place_index(id)
    }
}

/// FNV-1a, 64 bits: a small, dependency-free digest for comparing outputs across builds.
/// (The digests of the cases' answers and of a catalogue's ids, `PageHead::digest`.)
pub fn fnv1a(text: &str) -> u64 {
    text.bytes().fold(0xcbf2_9ce4_8422_2325, |h, b| {
        (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
    })
}
