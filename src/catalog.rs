//! The rule catalogue: field vocabulary, jurisdictions, documents and rules, loaded from `rules/`
//! (compiled in by `build.rs`) and validated.
//!
//! # Design
//! `build.rs` runs this module on the JSON form of the TOML files and embeds the result (see
//! `codec.rs`), so neither the CLI nor the wasm module reads a file at run time and no TOML parser
//! or validator ships in the wasm. Validation rejects unknown keys, compiles every condition and
//! checks every reference (places, fields, values, clauses), naming the file and the rule id in
//! each error. Validation that needs the published texts (quotes) takes them as an argument: the
//! core stays free of IO.

use std::collections::HashSet;
use std::fmt;

use serde::Deserialize;
use serde::Serialize;
use serde_json::Value as Json;

use crate::condition::Condition;
use crate::date::Date;

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
pub struct FieldValue {
    pub id: String,
    pub zh: String,
    pub en: String,
    /// Who confers it (honours), where known.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub jurisdiction: Option<String>,
    /// The document that added it, when not fields.toml.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub document: Option<String>,
    /// `false` for a value of an actionable field that no one can gain by their own effort (a
    /// certificate of having graduated from a 双一流 university): what-if never offers it.
    #[serde(skip_serializing_if = "is_true")]
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
}

/// A document's period of force.
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
    pub fn contains(&self, as_of: Date) -> bool {
        match self {
            Period::NotStated => true,
            Period::Range { from, until } => from.is_none_or(|f| f <= as_of) && until.is_none_or(|u| as_of <= u),
        }
    }
}

impl Serialize for Period {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        #[derive(Serialize)]
        struct Range {
            from: Option<Date>,
            until: Option<Date>,
        }
        match self {
            Period::NotStated => s.serialize_none(),
            Period::Range { from, until } => Range {
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
    /// clause must lie inside it.
    pub starts: Option<String>,
}

/// What a text demands that no profile fact can settle: a selection, an assessment, an
/// employer's decision (with the quota where the text gives one), in the text's own terms.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Requirement {
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

/// An amount in CNY (or a fraction for `share`). `max` is `None` when open-ended.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Amount {
    pub unit: Unit,
    #[serde(serialize_with = "number")]
    pub min: f64,
    #[serde(serialize_with = "opt_number")]
    pub max: Option<f64>,
}

/// Whole numbers serialize without a fraction (100000, not 100000.0).
pub(crate) fn number<S: serde::Serializer>(v: &f64, s: S) -> Result<S::Ok, S::Error> {
    if v.fract() == 0.0 && v.abs() < 9.0e15 {
        s.serialize_i64(*v as i64)
    } else {
        s.serialize_f64(*v)
    }
}

pub(crate) fn opt_number<S: serde::Serializer>(v: &Option<f64>, s: S) -> Result<S::Ok, S::Error> {
    match v {
        Some(v) => number(v, s),
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
}

/// The whole catalogue.
#[derive(Debug, Clone)]
pub struct Catalog {
    pub fields: Vec<Field>,
    pub places: Vec<Place>,
    pub documents: Vec<Document>,
    pub rules: Vec<Rule>,
    /// Per place: the rule indices that apply there (its chain's), national first.
    pub(crate) rules_at: Vec<Vec<usize>>,
    /// Every rule index, ordered by place (places.toml order) then document and rule order.
    pub(crate) rules_everywhere: Vec<usize>,
}

/// A catalogue that does not validate: the file, the rule (where there is one) and what is wrong.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CatalogError {
    pub file: String,
    pub rule: Option<String>,
    pub message: String,
}

impl fmt::Display for CatalogError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.rule {
            Some(rule) => write!(f, "{}: rule {}: {}", self.file, rule, self.message),
            None => write!(f, "{}: {}", self.file, self.message),
        }
    }
}

impl std::error::Error for CatalogError {}

// ---- raw (data) forms; unknown keys are errors ----

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawFields {
    field: Vec<RawField>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawField {
    id: String,
    #[serde(rename = "type")]
    ty: String,
    #[serde(default)]
    ordered: bool,
    min: Option<i64>,
    max: Option<i64>,
    label_zh: String,
    label_en: String,
    help_zh: String,
    help_en: String,
    #[serde(default)]
    values: Vec<RawValue>,
    #[serde(default)]
    actionable: bool,
    #[serde(default)]
    yearly: bool,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawValue {
    id: String,
    zh: String,
    en: String,
    jurisdiction: Option<String>,
    actionable: Option<bool>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawPlaces {
    place: Vec<RawPlace>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawPlace {
    id: String,
    name_zh: String,
    name_en: String,
    parent: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawDocument {
    id: String,
    title_zh: String,
    title_en: String,
    issuer: String,
    number: Option<String>,
    date: Option<String>,
    period: Json,
    jurisdiction: Option<String>,
    kind: String,
    #[serde(default)]
    notes: Vec<String>,
    not_encoded: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawClause {
    id: String,
    individual: bool,
    not_encoded: Option<String>,
    starts: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawRequirement {
    zh: String,
    en: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawExtValue {
    field: String,
    id: String,
    zh: String,
    en: String,
    jurisdiction: Option<String>,
    actionable: Option<bool>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawRule {
    id: String,
    jurisdiction: Option<String>,
    kind: String,
    category: String,
    title_zh: String,
    title_en: String,
    #[serde(default)]
    when: Vec<Json>,
    amount: Option<RawAmount>,
    title: Option<RawTitle>,
    clause: String,
    quote: String,
    exclusive: Option<String>,
    period: Option<Json>,
    #[serde(default)]
    notes: Vec<String>,
    #[serde(default)]
    requires: Vec<RawRequirement>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawAmount {
    unit: String,
    min: f64,
    max: Option<f64>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawTitle {
    level: Option<String>,
    route: String,
}

fn parse_date(text: &str, what: &str) -> Result<Date, String> {
    Date::parse(text).ok_or_else(|| format!("{what}: bad date \"{text}\", expected YYYY-MM-DD"))
}

fn parse_period(v: &Json) -> Result<Period, String> {
    if v.as_str() == Some("not stated") {
        return Ok(Period::NotStated);
    }
    let obj = v.as_object().ok_or_else(|| {
        format!("period: expected {{ from = \"YYYY-MM-DD\", until = \"YYYY-MM-DD\" }} or \"not stated\", got {v}")
    })?;
    let mut from = None;
    let mut until = None;
    for (k, d) in obj {
        let text = d
            .as_str()
            .ok_or_else(|| format!("period.{k}: expected a date string"))?;
        match k.as_str() {
            "from" => from = Some(parse_date(text, "period.from")?),
            "until" => until = Some(parse_date(text, "period.until")?),
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

fn word<T>(
    parse: fn(&str) -> Option<T>,
    all: &[T],
    as_str: fn(&T) -> &'static str,
    text: &str,
    what: &str,
) -> Result<T, String> {
    parse(text).ok_or_else(|| {
        let names: Vec<&str> = all.iter().map(as_str).collect();
        format!("{what}: unknown value \"{text}\", expected one of {}", names.join(", "))
    })
}

macro_rules! parse_word {
    ($ty:ident, $text:expr, $what:expr) => {
        word($ty::parse, $ty::ALL, |v| v.as_str(), $text, $what)
    };
}

impl Catalog {
    /// Builds the catalogue from the JSON forms of fields.toml, places.toml and the rules files.
    ///
    /// # Errors
    /// The first problem found, with its file and rule id.
    pub fn from_parts(fields: &Json, places: &Json, documents: &[Json]) -> Result<Catalog, CatalogError> {
        let file_err = |file: &str, message: String| CatalogError {
            file: file.into(),
            rule: None,
            message,
        };
        let raw_error = |file: &str, v: &Json| -> Result<(), CatalogError> {
            match v.get("error").and_then(Json::as_str) {
                Some(e) => Err(file_err(file, e.to_string())),
                None => Ok(()),
            }
        };

        // Fields.
        raw_error("rules/fields.toml", fields)?;
        let raw: RawFields =
            serde_json::from_value(fields.clone()).map_err(|e| file_err("rules/fields.toml", e.to_string()))?;
        let mut field_list = Vec::new();
        for f in raw.field {
            let ctx = |m: String| file_err("rules/fields.toml", format!("field {}: {m}", f.id));
            let kind = match f.ty.as_str() {
                "date" => FieldKind::Date,
                "place" => FieldKind::Place,
                "enum" => FieldKind::Enum { ordered: f.ordered },
                "set" => FieldKind::Set,
                "bool" => FieldKind::Bool,
                "int" => FieldKind::Int {
                    min: f.min.ok_or_else(|| ctx("int needs min".into()))?,
                    max: f.max.ok_or_else(|| ctx("int needs max".into()))?,
                },
                other => {
                    return Err(ctx(format!(
                        "unknown type \"{other}\", expected date, place, enum, set, bool, int"
                    )))
                }
            };
            if field_list.iter().any(|x: &Field| x.id == f.id) {
                return Err(ctx("defined twice".into()));
            }
            if f.yearly && !matches!(kind, FieldKind::Int { .. }) {
                return Err(ctx("yearly applies to an int field".into()));
            }
            if f.actionable
                && !matches!(
                    kind,
                    FieldKind::Enum { ordered: true } | FieldKind::Set | FieldKind::Bool
                )
            {
                return Err(ctx(format!(
                    "actionable applies to an ordered enum, a set or a bool, not to a {} field",
                    kind.name()
                )));
            }
            let values = f
                .values
                .into_iter()
                .map(|v| FieldValue {
                    id: v.id,
                    zh: v.zh,
                    en: v.en,
                    jurisdiction: v.jurisdiction,
                    document: None,
                    actionable: v.actionable.unwrap_or(true),
                })
                .collect();
            field_list.push(Field {
                id: f.id,
                kind,
                label_zh: f.label_zh,
                label_en: f.label_en,
                help_zh: f.help_zh,
                help_en: f.help_en,
                values,
                actionable: f.actionable,
                yearly: f.yearly,
            });
        }
        for need in ["as_of", "place", "graduation_year"] {
            if !field_list.iter().any(|f| f.id == need) {
                return Err(file_err(
                    "rules/fields.toml",
                    format!("the contract field {need} is missing"),
                ));
            }
        }

        // Places.
        raw_error("rules/places.toml", places)?;
        let raw: RawPlaces =
            serde_json::from_value(places.clone()).map_err(|e| file_err("rules/places.toml", e.to_string()))?;
        let mut place_list: Vec<Place> = Vec::new();
        for p in raw.place {
            let ctx = |m: String| file_err("rules/places.toml", format!("place {}: {m}", p.id));
            if place_list.iter().any(|x| x.id == p.id) {
                return Err(ctx("defined twice".into()));
            }
            let parent = match &p.parent {
                None => None,
                Some(id) => Some(
                    place_list
                        .iter()
                        .position(|x| &x.id == id)
                        .ok_or_else(|| ctx(format!("parent \"{id}\" must be listed before it")))?,
                ),
            };
            let mut chain = parent.map(|i| place_list[i].chain.clone()).unwrap_or_default();
            chain.push(place_list.len());
            place_list.push(Place {
                id: p.id,
                name_zh: p.name_zh,
                name_en: p.name_en,
                parent,
                chain,
            });
        }
        let place_of = |id: &str| place_list.iter().position(|p| p.id == id);

        // Documents, their vocabulary extensions, then rules (conditions need the full vocabulary).
        struct Pending {
            file: String,
            index: usize,
            rules: Vec<Json>,
        }
        let mut document_list = Vec::new();
        let mut pending = Vec::new();
        for entry in documents {
            let file = entry
                .get("file")
                .and_then(Json::as_str)
                .unwrap_or("rules/?")
                .to_string();
            let stem = entry.get("stem").and_then(Json::as_str).unwrap_or("").to_string();
            let data = entry.get("data").cloned().unwrap_or(Json::Null);
            raw_error(&file, &data)?;
            let obj = data
                .as_object()
                .ok_or_else(|| file_err(&file, "expected a table".into()))?;
            for key in obj.keys() {
                if !["document", "clause", "value", "rule"].contains(&key.as_str()) {
                    return Err(file_err(
                        &file,
                        format!("unknown key \"{key}\", expected document, clause, value, rule"),
                    ));
                }
            }
            let header: RawDocument = serde_json::from_value(obj.get("document").cloned().unwrap_or(Json::Null))
                .map_err(|e| file_err(&file, format!("[document]: {e}")))?;
            if header.id != stem {
                return Err(file_err(
                    &file,
                    format!("[document] id \"{}\" must equal the file stem \"{stem}\"", header.id),
                ));
            }
            let jurisdiction = match &header.jurisdiction {
                Some(id) => Some(
                    place_of(id)
                        .ok_or_else(|| file_err(&file, format!("[document] jurisdiction: unknown place \"{id}\"")))?,
                ),
                None if header.not_encoded.is_some() => None,
                None => {
                    return Err(file_err(
                        &file,
                        "[document] jurisdiction is required unless not_encoded is given".into(),
                    ))
                }
            };
            let kind = parse_word!(DocKind, &header.kind, "[document] kind").map_err(|m| file_err(&file, m))?;
            let period = parse_period(&header.period).map_err(|m| file_err(&file, format!("[document] {m}")))?;
            let date = header
                .date
                .as_deref()
                .map(|d| parse_date(d, "[document] date"))
                .transpose()
                .map_err(|m| file_err(&file, m))?;
            let clauses: Vec<RawClause> =
                serde_json::from_value(obj.get("clause").cloned().unwrap_or(Json::Array(vec![])))
                    .map_err(|e| file_err(&file, format!("[[clause]]: {e}")))?;
            let mut seen = HashSet::new();
            let clauses = clauses
                .into_iter()
                .map(|c| {
                    if !seen.insert(c.id.clone()) {
                        return Err(file_err(&file, format!("[[clause]] {} listed twice", c.id)));
                    }
                    if c.starts.as_deref().is_some_and(|s| s.trim().is_empty()) {
                        return Err(file_err(&file, format!("[[clause]] {}: starts is empty", c.id)));
                    }
                    Ok(Clause {
                        id: c.id,
                        individual: c.individual,
                        not_encoded: c.not_encoded,
                        starts: c.starts,
                    })
                })
                .collect::<Result<Vec<_>, _>>()?;
            let values: Vec<RawExtValue> =
                serde_json::from_value(obj.get("value").cloned().unwrap_or(Json::Array(vec![])))
                    .map_err(|e| file_err(&file, format!("[[value]]: {e}")))?;
            for v in values {
                let ctx = |m: String| file_err(&file, format!("[[value]] {}: {m}", v.id));
                let field = field_list
                    .iter_mut()
                    .find(|f| f.id == v.field)
                    .ok_or_else(|| ctx(format!("unknown field \"{}\"", v.field)))?;
                if field.kind != FieldKind::Set {
                    return Err(ctx(format!(
                        "only set fields can be extended; {} is {}",
                        field.id,
                        field.kind.name()
                    )));
                }
                if let Some(existing) = field.values.iter().find(|x| x.id == v.id) {
                    // Two documents may test the same generic value (a role such as community
                    // work); it is one value, so its jurisdiction must agree.
                    if existing.jurisdiction != v.jurisdiction {
                        return Err(ctx(format!(
                            "already defined in {} with jurisdiction {:?}",
                            existing.document.as_deref().unwrap_or("rules/fields.toml"),
                            existing.jurisdiction
                        )));
                    }
                    continue;
                }
                match &v.jurisdiction {
                    Some(j) if place_of(j).is_none() => return Err(ctx(format!("unknown jurisdiction \"{j}\""))),
                    None if field.id == "honours" => {
                        return Err(ctx("an honour needs the jurisdiction that confers it".into()));
                    }
                    _ => {}
                }
                field.values.push(FieldValue {
                    id: v.id,
                    zh: v.zh,
                    en: v.en,
                    jurisdiction: v.jurisdiction,
                    document: Some(stem.clone()),
                    actionable: v.actionable.unwrap_or(true),
                });
            }
            let rules = match obj.get("rule") {
                None => Vec::new(),
                Some(Json::Array(a)) => a.clone(),
                Some(_) => return Err(file_err(&file, "rule: expected [[rule]] tables".into())),
            };
            if header.not_encoded.is_some() && !rules.is_empty() {
                return Err(file_err(&file, "a not_encoded document has no rules".into()));
            }
            pending.push(Pending {
                file: file.clone(),
                index: document_list.len(),
                rules,
            });
            document_list.push(Document {
                id: header.id,
                file,
                title_zh: header.title_zh,
                title_en: header.title_en,
                issuer: header.issuer,
                number: header.number,
                date,
                period,
                jurisdiction,
                kind,
                notes: header.notes,
                not_encoded: header.not_encoded,
                clauses,
            });
        }
        if field_list.len() > crate::condition::MAX_FIELDS {
            return Err(file_err(
                "rules/fields.toml",
                format!("at most {} fields", crate::condition::MAX_FIELDS),
            ));
        }
        for f in &field_list {
            if f.values.len() > 64 && matches!(f.kind, FieldKind::Enum { .. } | FieldKind::Set) {
                return Err(file_err(
                    "rules/fields.toml",
                    format!("field {}: an enum or set has at most 64 values", f.id),
                ));
            }
            if f.values.len() > usize::from(u16::MAX) {
                return Err(file_err(
                    "rules/fields.toml",
                    format!("field {}: too many values", f.id),
                ));
            }
        }

        let mut rule_list = Vec::new();
        let mut ids = HashSet::new();
        for p in pending {
            let doc = &document_list[p.index];
            for raw in p.rules {
                let id = raw.get("id").and_then(Json::as_str).unwrap_or("(no id)").to_string();
                let ctx = |m: String| CatalogError {
                    file: p.file.clone(),
                    rule: Some(id.clone()),
                    message: m,
                };
                let r: RawRule = serde_json::from_value(raw.clone()).map_err(|e| ctx(e.to_string()))?;
                if !ids.insert(r.id.clone()) {
                    return Err(ctx("rule id used twice".into()));
                }
                let jurisdiction = match &r.jurisdiction {
                    Some(j) => place_of(j).ok_or_else(|| ctx(format!("jurisdiction: unknown place \"{j}\"")))?,
                    None => doc.jurisdiction.ok_or_else(|| ctx("no jurisdiction".into()))?,
                };
                let kind = parse_word!(Kind, &r.kind, "kind").map_err(ctx)?;
                let category = parse_word!(Category, &r.category, "category").map_err(ctx)?;
                let amount = match r.amount {
                    None => None,
                    Some(a) => {
                        let unit = parse_word!(Unit, &a.unit, "amount.unit").map_err(ctx)?;
                        if !(a.min >= 0.0 && a.max.is_none_or(|m| m >= a.min)) {
                            return Err(ctx(format!(
                                "amount: need 0 <= min <= max, got min {} max {:?}",
                                a.min, a.max
                            )));
                        }
                        Some(Amount {
                            unit,
                            min: a.min,
                            max: a.max,
                        })
                    }
                };
                if kind == Kind::Measure && amount.is_some() {
                    return Err(ctx("a measure has no amount (it is never counted as money)".into()));
                }
                let (title_level, route) = match r.title {
                    None => (None, None),
                    Some(t) => (
                        t.level
                            .as_deref()
                            .map(|l| parse_word!(TitleLevel, l, "title.level"))
                            .transpose()
                            .map_err(ctx)?,
                        Some(parse_word!(Route, &t.route, "title.route").map_err(ctx)?),
                    ),
                };
                if r.quote.trim().is_empty() {
                    return Err(ctx("quote is empty".into()));
                }
                if !doc.clauses.iter().any(|c| c.id == r.clause) {
                    let listed: Vec<&str> = doc.clauses.iter().map(|c| c.id.as_str()).collect();
                    return Err(ctx(format!(
                        "clause \"{}\" is not listed in [[clause]] (listed: {})",
                        r.clause,
                        listed.join(", ")
                    )));
                }
                let period = match &r.period {
                    None => doc.period,
                    Some(p) => parse_period(p).map_err(ctx)?,
                };
                let mut requires = Vec::new();
                for q in r.requires {
                    if q.zh.trim().is_empty() || q.en.trim().is_empty() {
                        return Err(ctx("requires: each item needs zh and en text".into()));
                    }
                    requires.push(Requirement { zh: q.zh, en: q.en });
                }
                if kind == Kind::Entitlement
                    && !requires.is_empty()
                    && amount.is_some_and(|a| matches!(a.unit, Unit::OneOff | Unit::PerMonth | Unit::PerYear))
                {
                    return Err(ctx(
                        "an entitlement with a countable amount cannot carry requires: if a selection or decision grants the sum, the rule is an application".into(),
                    ));
                }
                let when = r
                    .when
                    .iter()
                    .map(|c| Condition::compile(c, &field_list))
                    .collect::<Result<Vec<_>, _>>()
                    .map_err(ctx)?;
                rule_list.push(Rule {
                    id: r.id,
                    document: p.index,
                    jurisdiction,
                    kind,
                    category,
                    title_zh: r.title_zh,
                    title_en: r.title_en,
                    when,
                    amount,
                    title_level,
                    route,
                    clause: r.clause,
                    quote: r.quote,
                    exclusive: r.exclusive,
                    period,
                    notes: r.notes,
                    requires,
                });
            }
        }

        Ok(Catalog::assemble(field_list, place_list, document_list, rule_list))
    }

    /// Puts validated parts together and indexes the rules by place.
    pub(crate) fn assemble(
        fields: Vec<Field>,
        places: Vec<Place>,
        documents: Vec<Document>,
        rules: Vec<Rule>,
    ) -> Catalog {
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

    /// Index of a field by id.
    pub fn field_index(&self, id: &str) -> Option<usize> {
        self.fields.iter().position(|f| f.id == id)
    }

    /// Index of a place by id.
    pub fn place_index(&self, id: &str) -> Option<usize> {
        self.places.iter().position(|p| p.id == id)
    }

    /// Checks every quote against its document's published text: each must be a verbatim
    /// substring, and lie inside the span of the clause it cites (see [`Clause::starts`]).
    /// `source` returns the text of a document by id (the CLI passes the texts embedded from
    /// `sources/`).
    ///
    /// # Errors
    /// Every problem found, one line each, naming the file, the rule id and the clause.
    pub fn check_quotes<'s>(&self, source: &dyn Fn(&str) -> Option<&'s str>) -> Result<usize, Vec<String>> {
        let mut problems = Vec::new();
        let mut spans: Vec<Vec<Option<(usize, usize)>>> = Vec::with_capacity(self.documents.len());
        for doc in &self.documents {
            match source(&doc.id) {
                None => {
                    problems.push(format!("{}: no published text at sources/{}.txt", doc.file, doc.id));
                    spans.push(Vec::new());
                }
                Some(text) => match clause_spans(doc, text) {
                    Ok(s) => spans.push(s),
                    Err(p) => {
                        problems.extend(p);
                        spans.push(Vec::new());
                    }
                },
            }
        }
        let mut checked = 0;
        for rule in &self.rules {
            let doc = &self.documents[rule.document];
            let Some(text) = source(&doc.id) else { continue };
            let found: Vec<usize> = text.match_indices(rule.quote.as_str()).map(|(i, _)| i).collect();
            if found.is_empty() {
                problems.push(format!(
                    "{}: rule {}: quote is not a verbatim substring of sources/{}.txt: \"{}\"",
                    doc.file, rule.id, doc.id, rule.quote
                ));
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
                    problems.push(format!(
                        "{}: rule {}: clause {}: the quote is not inside this clause of sources/{}.txt (found in {}): \"{}\"",
                        doc.file,
                        rule.id,
                        rule.clause,
                        doc.id,
                        if elsewhere.is_empty() { "no single clause".to_string() } else { format!("clause {}", elsewhere.join(", ")) },
                        rule.quote
                    ));
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

    /// Gaps in the data, which the build and `rencai check` reject: a clause without `starts`
    /// (its quotes cannot be placed in it) and an application without `requires` (who decides,
    /// and how, is unsaid).
    pub fn lint(&self) -> Vec<String> {
        let mut out = Vec::new();
        for doc in &self.documents {
            for c in doc.clauses.iter().filter(|c| c.starts.is_none()) {
                out.push(format!(
                    "{}: [[clause]] {}: no starts (its opening words in the source)",
                    doc.file, c.id
                ));
            }
        }
        for rule in self
            .rules
            .iter()
            .filter(|r| r.kind == Kind::Application && r.requires.is_empty())
        {
            out.push(format!(
                "{}: rule {}: an application needs requires (who decides, and how)",
                self.documents[rule.document].file, rule.id
            ));
        }
        out
    }
}

/// Each clause's byte span in the published text: from its `starts` (found at or after the
/// previous clause's start, as clauses are listed in the text's order) to the next clause's
/// start, the last to the end of the text. `None` for a clause without `starts`.
///
/// # Errors
/// A clause whose opening words are not in the text after the previous clause's.
pub fn clause_spans(doc: &Document, text: &str) -> Result<Vec<Option<(usize, usize)>>, Vec<String>> {
    let mut starts: Vec<Option<usize>> = Vec::with_capacity(doc.clauses.len());
    let mut problems = Vec::new();
    let mut from = 0;
    for c in &doc.clauses {
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
                let anywhere = text.find(words).is_some();
                problems.push(format!(
                    "{}: [[clause]] {}: starts \"{}\" is {} sources/{}.txt{}",
                    doc.file,
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
                ));
                starts.push(None);
            }
        }
    }
    if !problems.is_empty() {
        return Err(problems);
    }
    let spans = (0..starts.len())
        .map(|i| {
            let a = starts[i]?;
            let b = starts[i + 1..].iter().flatten().next().copied().unwrap_or(text.len());
            Some((a, b))
        })
        .collect();
    Ok(spans)
}
