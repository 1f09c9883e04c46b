//! Loading the shared vocabulary: `fields.toml` (the profile fields and their values) and
//! `places.toml` (the jurisdiction tree).

use rencai_core::vocab::{Field, FieldKind, FieldValue, Place, MAX_FIELDS, MAX_VALUES, PLACE_KINDS};

use crate::diag::Diagnostic;
use crate::locate::Layout;
use crate::read::Reader;
use crate::{parse, File};

const FIELD_KEYS: [&str; 15] = [
    "id",
    "type",
    "ordered",
    "min",
    "max",
    "label_zh",
    "label_en",
    "help_zh",
    "help_en",
    "values",
    "actionable",
    "yearly",
    "first",
    "holds",
    "of_place",
];
const VALUE_KEYS: [&str; 5] = ["id", "zh", "en", "jurisdiction", "actionable"];

/// The profile fields of `fields.toml`.
pub fn fields(file: &File, out: &mut Vec<Diagnostic>) -> Vec<Field> {
    let layout = Layout::new(&file.name, &file.text);
    let Some(top) = parse(&layout, out) else {
        return Vec::new();
    };
    let mut r = Reader::new(&top, &layout, None, "fields.toml".into());
    let tables = r.tables("field", out);
    r.finish(&["field"], out);
    let mut list: Vec<Field> = Vec::new();
    for (n, t) in tables.into_iter().enumerate() {
        let section = layout.section("field", n);
        let id = t.get("id").and_then(|v| v.as_str()).unwrap_or("?").to_string();
        let mut r = Reader::new(t, &layout, section, format!("field {id}"));
        let id = r.str("id", out).unwrap_or_default();
        let ty = r.str("type", out).unwrap_or_default();
        let ordered = r.opt_bool("ordered", out).unwrap_or(false);
        let min = r.opt_int("min", out);
        let max = r.opt_int("max", out);
        let kind = match ty.as_str() {
            "date" => Some(FieldKind::Date),
            "place" => Some(FieldKind::Place),
            "enum" => Some(FieldKind::Enum { ordered }),
            "set" => Some(FieldKind::Set),
            "bool" => Some(FieldKind::Bool),
            "int" => match (min, max) {
                (Some(min), Some(max)) => Some(FieldKind::Int { min, max }),
                _ => {
                    out.push(r.at("type", "an int field needs min and max".into()));
                    None
                }
            },
            other => {
                out.push(r.at(
                    "type",
                    format!("type: unknown value \"{other}\", expected one of date, place, enum, set, bool, int"),
                ));
                None
            }
        };
        let label_zh = r.str("label_zh", out).unwrap_or_default();
        let label_en = r.str("label_en", out).unwrap_or_default();
        let help_zh = r.str("help_zh", out).unwrap_or_default();
        let help_en = r.str("help_en", out).unwrap_or_default();
        for (zh, en, key) in [(&label_zh, &label_en, "label_en"), (&help_zh, &help_en, "help_en")] {
            if let Some(m) = crate::document::mixed(zh, en) {
                out.push(r.at(key, m));
            }
        }
        let actionable = r.opt_bool("actionable", out).unwrap_or(false);
        let yearly = r.opt_bool("yearly", out).unwrap_or(false);
        let first = r.opt_bool("first", out).unwrap_or(false);
        let holds = r.opt_bool("holds", out).unwrap_or(false);
        let of_place = r.opt_bool("of_place", out).unwrap_or(false);
        let mut values = Vec::new();
        for (i, v) in r.tables("values", out).into_iter().enumerate() {
            // A value is one line of the `values` array: its problems are reported at that line.
            let pos = layout.item_pos(section, "values", i);
            let mut vr = Reader::new(v, &layout, section, format!("field {id}: value"));
            let mut local = Vec::new();
            let value = FieldValue {
                id: vr.str("id", &mut local).unwrap_or_default(),
                zh: vr.str("zh", &mut local).unwrap_or_default(),
                en: vr.str("en", &mut local).unwrap_or_default(),
                jurisdiction: vr.opt_str("jurisdiction", &mut local),
                document: None,
                actionable: vr.opt_bool("actionable", &mut local).unwrap_or(true),
            };
            if let Some(m) = crate::document::mixed(&value.zh, &value.en) {
                local.push(vr.at("en", m));
            }
            vr.finish(&VALUE_KEYS, &mut local);
            out.extend(local.into_iter().map(|mut d| {
                d.pos = pos.clone();
                d
            }));
            values.push(value);
        }
        if let Some(kind) = &kind {
            if holds && *kind != FieldKind::Set {
                out.push(r.at("holds", "holds applies to a set field".into()));
            }
            if of_place && *kind != FieldKind::Set {
                out.push(r.at("of_place", "of_place applies to a set field".into()));
            }
            if yearly && !matches!(kind, FieldKind::Int { .. }) {
                out.push(r.at("yearly", "yearly applies to an int field".into()));
            }
            if actionable
                && !matches!(
                    kind,
                    FieldKind::Enum { ordered: true } | FieldKind::Set | FieldKind::Bool
                )
            {
                out.push(r.at(
                    "actionable",
                    format!(
                        "actionable applies to an ordered enum, a set or a bool, not to a {} field",
                        kind.name()
                    ),
                ));
            }
        }
        if list.iter().any(|f| f.id == id) {
            out.push(r.at("id", format!("field {id} is defined twice")));
        }
        r.finish(&FIELD_KEYS, out);
        if let Some(kind) = kind {
            list.push(Field {
                id,
                kind,
                label_zh,
                label_en,
                help_zh,
                help_en,
                values,
                actionable,
                yearly,
                first,
                holds,
                of_place,
            });
        }
    }
    for need in ["as_of", "place", "graduation_year"] {
        if !list.iter().any(|f| f.id == need) {
            out.push(Diagnostic {
                pos: layout.header_pos(None),
                rule: None,
                message: format!("the contract field {need} is missing"),
            });
        }
    }
    if list.len() > MAX_FIELDS {
        out.push(Diagnostic {
            pos: layout.header_pos(layout.section("field", MAX_FIELDS)),
            rule: None,
            message: format!("at most {MAX_FIELDS} fields"),
        });
    }
    list
}

/// Checks the value counts once every document has added its values.
pub fn check_sizes(fields: &[Field], file: &str, out: &mut Vec<Diagnostic>) {
    for f in fields {
        if f.values.len() > MAX_VALUES && matches!(f.kind, FieldKind::Enum { .. } | FieldKind::Set) {
            out.push(Diagnostic {
                pos: crate::diag::Pos::file(file),
                rule: None,
                message: format!(
                    "field {}: an enum or set has at most {MAX_VALUES} values, has {}",
                    f.id,
                    f.values.len()
                ),
            });
        }
    }
}

const PLACE_KEYS: [&str; 5] = ["id", "name_zh", "name_en", "parent", "kind"];

/// The jurisdiction tree of `places.toml`: each place after its parent.
pub fn places(file: &File, out: &mut Vec<Diagnostic>) -> Vec<Place> {
    let layout = Layout::new(&file.name, &file.text);
    let Some(top) = parse(&layout, out) else {
        return Vec::new();
    };
    let mut r = Reader::new(&top, &layout, None, "places.toml".into());
    let tables = r.tables("place", out);
    r.finish(&["place"], out);
    let mut list: Vec<Place> = Vec::new();
    for (n, t) in tables.into_iter().enumerate() {
        let id = t.get("id").and_then(|v| v.as_str()).unwrap_or("?").to_string();
        let mut r = Reader::new(t, &layout, layout.section("place", n), format!("place {id}"));
        let id = r.str("id", out).unwrap_or_default();
        let name_zh = r.str("name_zh", out).unwrap_or_default();
        let name_en = r.str("name_en", out).unwrap_or_default();
        let parent = r.opt_str("parent", out);
        let kind = r.str("kind", out).unwrap_or_default();
        if !kind.is_empty() && !PLACE_KINDS.contains(&kind.as_str()) {
            out.push(r.at(
                "kind",
                format!(
                    "kind: unknown value \"{kind}\", expected one of {}",
                    PLACE_KINDS.join(", ")
                ),
            ));
        }
        if list.iter().any(|x| x.id == id) {
            out.push(r.at("id", "defined twice".into()));
        }
        let parent = match parent {
            None => None,
            Some(p) => match list.iter().position(|x| x.id == p) {
                Some(i) => Some(i),
                None => {
                    out.push(r.at("parent", format!("parent \"{p}\" must be listed before it")));
                    None
                }
            },
        };
        r.finish(&PLACE_KEYS, out);
        // The parent was found among the places before it, so this cannot fail.
        list.extend(Place::after(&list, id, name_zh, name_en, parent, kind));
    }
    list
}
