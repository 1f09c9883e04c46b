//! Compiling a condition of a rules file (an inline table such as
//! `{ field = "education", at_least = "bachelor" }`) against the field vocabulary: every enum
//! test to a bit mask of allowed value indices, every numeric test to a range.

use rencai_core::condition::{Condition, Leaf, Test, OPERATORS};
use rencai_core::vocab::{Field, FieldKind, YEARS_SINCE_GRADUATION};
use serde_json::Value as Json;
use toml::Value;

use crate::read::shown;

const COMBINATORS: [&str; 3] = ["all", "any", "not"];

/// Compiles one condition.
///
/// # Errors
/// What is wrong, naming the key, field or value and what is accepted.
pub fn compile(spec: &Value, fields: &[Field]) -> Result<Condition, String> {
    let obj = spec.as_table().ok_or_else(|| {
        format!(
            "condition {}: expected an inline table such as {{ field = \"education\", at_least = \"bachelor\" }}",
            shown(spec)
        )
    })?;
    for key in obj.keys() {
        if key != "field" && !COMBINATORS.contains(&key.as_str()) && !OPERATORS.contains(&key.as_str()) {
            return Err(format!(
                "condition {}: unknown key \"{key}\", expected field with one of {}, or one of all, any, not",
                shown(spec),
                OPERATORS.join(", ")
            ));
        }
    }
    if let Some(combinator) = COMBINATORS.iter().find(|k| obj.contains_key(**k)) {
        if obj.len() != 1 {
            return Err(format!(
                "condition {}: \"{combinator}\" must stand alone in its table",
                shown(spec)
            ));
        }
        let inner = &obj[*combinator];
        if *combinator == "not" {
            return Ok(Condition::Not(Box::new(compile(inner, fields)?)));
        }
        let items = inner
            .as_array()
            .filter(|a| !a.is_empty())
            .ok_or_else(|| {
                format!(
                    "condition {}: \"{combinator}\" takes a non-empty array of conditions",
                    shown(spec)
                )
            })?
            .iter()
            .map(|c| compile(c, fields))
            .collect::<Result<Vec<_>, _>>()?;
        return Ok(if *combinator == "all" {
            Condition::All(items)
        } else {
            Condition::any(items)
        });
    }
    let name = obj
        .get("field")
        .and_then(Value::as_str)
        .ok_or_else(|| format!("condition {}: missing \"field\" (a profile field name)", shown(spec)))?;
    let ops: Vec<&'static str> = OPERATORS.iter().copied().filter(|k| obj.contains_key(*k)).collect();
    let [op] = ops.as_slice() else {
        return Err(format!(
            "condition {}: give exactly one of {}",
            shown(spec),
            OPERATORS.join(", ")
        ));
    };
    let need = serde_json::to_value(&obj[*op]).unwrap_or(Json::Null);
    let (field, test) = if name == YEARS_SINCE_GRADUATION {
        let field = find_field(fields, "graduation_year")?;
        let n = need
            .as_i64()
            .ok_or_else(|| format!("condition {}: {name} takes a whole number of years", shown(spec)))?;
        let test = match *op {
            "at_least" => Test::YearsSince(n, i64::MAX),
            "at_most" => Test::YearsSince(i64::MIN, n),
            _ => return Err(format!("condition {}: {name} takes at_least or at_most", shown(spec))),
        };
        (field, test)
    } else {
        let index = find_field(fields, name)?;
        (index, test(&fields[index], op, &need)?)
    };
    Ok(Condition::Leaf(Leaf {
        field,
        name: name.to_string(),
        op,
        need,
        test,
    }))
}

/// A field conditions can test (not the date or the place, which select, not test).
fn find_field(fields: &[Field], name: &str) -> Result<usize, String> {
    fields
        .iter()
        .position(|f| f.id == name && !matches!(f.kind, FieldKind::Date | FieldKind::Place))
        .ok_or_else(|| {
            let names: Vec<&str> = fields
                .iter()
                .filter(|f| !matches!(f.kind, FieldKind::Date | FieldKind::Place))
                .map(|f| f.id.as_str())
                .chain([YEARS_SINCE_GRADUATION])
                .collect();
            format!("unknown field \"{name}\", expected one of {}", names.join(", "))
        })
}

fn test(field: &Field, op: &str, need: &Json) -> Result<Test, String> {
    let value_index = |v: &Json| -> Result<usize, String> {
        let id = v
            .as_str()
            .ok_or_else(|| format!("{}: expected a value id, got {v}", field.id))?;
        field.value_index(id).ok_or_else(|| {
            format!(
                "{}: unknown value \"{id}\", expected one of {}",
                field.id,
                field.value_ids().join(", ")
            )
        })
    };
    let list = |v: &Json| -> Result<Vec<usize>, String> {
        v.as_array()
            .filter(|a| !a.is_empty())
            .ok_or_else(|| format!("{}: {op} takes a non-empty array", field.id))?
            .iter()
            .map(value_index)
            .collect()
    };
    match (&field.kind, op) {
        (FieldKind::Enum { .. }, "equals") => Ok(Test::Mask(1 << value_index(need)?)),
        (FieldKind::Enum { .. }, "one_of") => Ok(Test::Mask(list(need)?.iter().fold(0, |m, i| m | 1 << i))),
        (FieldKind::Enum { ordered: true }, "at_least" | "at_most") => {
            let i = value_index(need)?;
            let n = field.values.len();
            let mask = (0..n)
                .filter(|j| if op == "at_least" { *j >= i } else { *j <= i })
                .fold(0u64, |m, j| m | 1 << j);
            Ok(Test::Mask(mask))
        }
        (FieldKind::Bool, "equals") => need
            .as_bool()
            .map(|b| Test::Mask(1 << u8::from(b)))
            .ok_or_else(|| format!("{}: expected true or false", field.id)),
        (FieldKind::Int { .. }, "equals" | "at_least" | "at_most") => {
            let n = need
                .as_i64()
                .ok_or_else(|| format!("{}: expected a whole number", field.id))?;
            Ok(match op {
                "equals" => Test::IntIn(n, n),
                "at_least" => Test::IntIn(n, i64::MAX),
                _ => Test::IntIn(i64::MIN, n),
            })
        }
        (FieldKind::Set, "contains") => Ok(Test::Mask(1 << value_index(need)?)),
        (FieldKind::Set, "contains_any") => Ok(Test::Mask(list(need)?.iter().fold(0, |m, i| m | 1 << i))),
        (kind, _) => Err(format!(
            "{}: \"{op}\" does not apply to a {} field",
            field.id,
            kind.name()
        )),
    }
}
