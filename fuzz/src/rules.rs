//! A mutated rules file through the loader, as `rencai check DIR`, `rencai eval --rules DIR`,
//! `rencai fmt` and the build script run it: load beside the real vocabulary (or, for a
//! `fields.toml` or `places.toml`, as that file beside real documents), check the quotes against
//! the published texts and the gaps, round-trip the catalogue through the codec, evaluate on it,
//! and format the file. Problems are reported, never a panic.

use std::path::Path;
use std::sync::OnceLock;

use rencai::{api, codec, Catalog, Options};
use rencai_rules::File;

use crate::{check_error, today};

/// The repository's rules folder, its published texts, and its small documents.
struct Real {
    fields: File,
    places: File,
    /// Documents under 4 KB: what a mutated `fields.toml` or `places.toml` is loaded with.
    small: Vec<File>,
    /// Every document's stem: a mutated document is named after the stem it still names.
    stems: Vec<String>,
    sources: Vec<(String, String)>,
}

fn real() -> &'static Real {
    static REAL: OnceLock<Real> = OnceLock::new();
    REAL.get_or_init(|| {
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
        let (fields, places, documents) =
            rencai_rules::read_dir(&root.join("rules"), "rules").expect("the repository's rules folder");
        let stems = documents.iter().map(|d| d.stem().to_string()).collect();
        let sources = std::fs::read_dir(root.join("sources"))
            .expect("the repository's sources folder")
            .filter_map(|e| {
                let path = e.ok()?.path();
                let stem = path.file_stem()?.to_str()?.to_string();
                Some((stem, std::fs::read_to_string(&path).ok()?))
            })
            .collect();
        let small = documents.into_iter().filter(|d| d.text.len() < 4096).collect();
        Real {
            fields,
            places,
            small,
            stems,
            sources,
        }
    })
}

/// Loads `text` in the role its content suggests and checks everything downstream of a load.
pub fn check_rules_text(text: &str) {
    let real = real();
    let loaded = if !text.contains("[document]") && text.contains("[[field]]") {
        let file = File {
            name: "rules/fields.toml".into(),
            text: text.into(),
        };
        rencai_rules::load(&file, &real.places, &real.small)
    } else if !text.contains("[document]") && text.contains("[[place]]") {
        let file = File {
            name: "rules/places.toml".into(),
            text: text.into(),
        };
        rencai_rules::load(&real.fields, &file, &real.small)
    } else {
        // Named after the real document it still names, so its quotes meet that document's text.
        let stem = real
            .stems
            .iter()
            .find(|s| text.contains(&format!("\"{s}\"")))
            .map_or("fuzz", |s| s.as_str());
        let file = File {
            name: format!("rules/{stem}.toml"),
            text: text.into(),
        };
        check_fmt(&file);
        rencai_rules::load(&real.fields, &real.places, std::slice::from_ref(&file))
    };
    let Ok(loaded) = loaded else {
        return;
    };
    let source = |id: &str| real.sources.iter().find(|(s, _)| s == id).map(|(_, t)| t.as_str());
    let _ = rencai_rules::quotes::check_quotes(&loaded.catalog, &loaded.positions, &source);
    let _ = rencai_rules::quotes::gaps(&loaded.catalog, &loaded.positions);
    for clauses in [true, false] {
        let bytes = codec::encode(&loaded.catalog, clauses);
        let decoded = codec::decode(&bytes).expect("an encoded catalogue decodes");
        assert_eq!(
            codec::encode(&decoded, clauses),
            bytes,
            "the codec round trip changes the catalogue"
        );
    }
    evaluate_on(&loaded.catalog);
}

/// Every command on a loaded catalogue (`--rules DIR`): the listings, and `eval`, `compare`,
/// `what-if` and `form` with no facts and at each document's place.
fn evaluate_on(catalog: &Catalog) {
    let listings = [
        api::places_json(catalog),
        api::honours_json(catalog),
        api::schema_json(catalog),
        api::coverage_json(catalog).0,
        api::catalog_json(catalog),
    ];
    for out in &listings {
        serde_json::from_str::<serde::de::IgnoredAny>(out).expect("a listing is JSON");
    }
    let mut profiles = vec!["{}".to_string()];
    for d in &catalog.documents {
        if let Some(j) = d.jurisdiction {
            let place = serde_json::to_string(&catalog.places[j].id).unwrap_or_default();
            profiles.push(format!("{{\"place\": {place}}}"));
        }
    }
    let today = today();
    let all = Options { all: true, full: true };
    for p in &profiles {
        for answer in [
            api::eval_json(catalog, p, today, all),
            api::compare_json(catalog, p, today),
            api::what_if_json(catalog, p, today),
            api::form_json(catalog, p, today),
        ] {
            match answer {
                Ok(out) => {
                    serde_json::from_str::<serde::de::IgnoredAny>(&out).expect("the answer is JSON");
                }
                Err(e) => check_error(&e),
            }
        }
    }
}

/// `rencai fmt`: the canonical text holds the same data, and formatting it again changes nothing.
fn check_fmt(file: &File) {
    let Ok(formatted) = rencai_rules::fmt::format(file) else {
        return;
    };
    let data = |text: &str| {
        text.parse::<toml::Table>()
            .ok()
            .and_then(|t| serde_json::to_value(t).ok())
    };
    let before = data(&file.text);
    let after = data(&formatted);
    assert!(after.is_some(), "fmt writes a file that is not TOML:\n{formatted}");
    assert_eq!(before, after, "fmt changes the data:\n{formatted}");
    let again = rencai_rules::fmt::format(&File {
        name: file.name.clone(),
        text: formatted.clone(),
    });
    assert_eq!(again.ok().as_ref(), Some(&formatted), "fmt is not stable");
}
