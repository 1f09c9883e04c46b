//! The vocabulary at the bottom of the engine: the profile fields, their values, and the
//! jurisdiction tree — what a profile may say, and where.
//!
//! # Design
//! Pure data, depending on nothing else in the crate: the profile parser, the conditions and the
//! catalogue all read it, so it sits below them and every import runs one way. The contract's
//! field and value ids are fixed; labels, help texts and presentation hints (which facts come
//! first, which can be changed by one's own effort) are data from `rules/fields.toml`.

use serde::Serialize;

/// The largest number of profile fields (a profile keeps one slot per field, inline).
pub const MAX_FIELDS: usize = 32;

/// The most values an enum or set field may have (a value is one bit of a `u64`).
pub const MAX_VALUES: usize = 64;

/// The name of the derived "years since graduation" test (`as_of` year − `graduation_year`).
pub const YEARS_SINCE_GRADUATION: &str = "years_since_graduation";

/// The type of a profile field.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FieldKind {
    Date,
    Place,
    Enum { ordered: bool },
    Set,
    Bool,
    Int { min: i64, max: i64 },
}

impl FieldKind {
    /// The type's name as written in fields.toml.
    pub fn name(&self) -> &'static str {
        match self {
            FieldKind::Date => "date",
            FieldKind::Place => "place",
            FieldKind::Enum { .. } => "enum",
            FieldKind::Set => "set",
            FieldKind::Bool => "bool",
            FieldKind::Int { .. } => "int",
        }
    }
}

/// One allowed value of an enum or set field.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct FieldValue {
    pub id: String,
    pub zh: String,
    pub en: String,
    /// Who confers it (honours), where known.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional, type = "PlaceId"))]
    pub jurisdiction: Option<String>,
    /// The document that added it, when not fields.toml.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub document: Option<String>,
    /// `false` for a value of an actionable field that no one can gain by their own effort (a
    /// certificate of having graduated from a 双一流 university): what-if never offers it.
    #[serde(skip_serializing_if = "is_true")]
    #[cfg_attr(feature = "ts", ts(as = "Option<bool>", optional))]
    pub actionable: bool,
}

fn is_true(b: &bool) -> bool {
    *b
}

/// A profile field.
#[derive(Debug, Clone)]
pub struct Field {
    pub id: String,
    pub kind: FieldKind,
    pub label_zh: String,
    pub label_en: String,
    pub help_zh: String,
    pub help_en: String,
    pub values: Vec<FieldValue>,
    /// Whether a person can change this fact by their own effort (what-if offers it): a higher
    /// value on an ordered scale (degree, 职称, skill level), a value added to a set
    /// (certificates, start-up forms), or `true` for a bool (落户).
    pub actionable: bool,
    /// An int that grows by one every year the person stays (years worked in the place): a
    /// condition "at least n" on it is one time will meet.
    pub yearly: bool,
    /// Asked on the form's first screen (the page's presentation; fields.toml order).
    pub first: bool,
    /// A set of things held (honours, certificates): a condition on it reads "holds …".
    pub holds: bool,
    /// A set describing the place of work (县域, 辽西北): at a place, only the values its rules
    /// test are offered (a person in 株洲 is never asked whether it is 辽西北).
    pub of_place: bool,
}

impl Field {
    /// Index of a value id.
    pub fn value_index(&self, id: &str) -> Option<usize> {
        self.values.iter().position(|v| v.id == id)
    }

    /// The value ids, in order.
    pub fn value_ids(&self) -> Vec<&str> {
        self.values.iter().map(|v| v.id.as_str()).collect()
    }
}

/// A jurisdiction.
#[derive(Debug, Clone)]
pub struct Place {
    pub id: String,
    pub name_zh: String,
    pub name_en: String,
    pub parent: Option<usize>,
    /// Indices from the root (national) down to this place, inclusive.
    pub chain: Vec<usize>,
    /// country, province, municipality (a city at province level), city, district or zone.
    pub kind: String,
}

impl Place {
    /// A place listed after `earlier`, which hold its parent: its chain is its parent's and itself.
    /// `None` when `parent` is not among them.
    pub fn after(
        earlier: &[Place],
        id: String,
        name_zh: String,
        name_en: String,
        parent: Option<usize>,
        kind: String,
    ) -> Option<Place> {
        let mut chain = match parent {
            Some(p) => earlier.get(p)?.chain.clone(),
            None => Vec::new(),
        };
        chain.push(earlier.len());
        Some(Place {
            id,
            name_zh,
            name_en,
            parent,
            chain,
            kind,
        })
    }
}

/// The kinds of place `places.toml` may name.
pub const PLACE_KINDS: [&str; 6] = ["country", "province", "municipality", "city", "district", "zone"];

/// The fields and places a profile is read against.
#[derive(Debug, Clone, Copy)]
pub struct Vocab<'a> {
    pub fields: &'a [Field],
    pub places: &'a [Place],
}

impl<'a> Vocab<'a> {
    /// Index of a field by id.
    pub fn field_index(&self, id: &str) -> Option<usize> {
        self.fields.iter().position(|f| f.id == id)
    }

    /// Index of a place by id.
    pub fn place_index(&self, id: &str) -> Option<usize> {
        self.places.iter().position(|p| p.id == id)
    }
}
