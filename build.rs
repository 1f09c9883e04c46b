//! Build script: validates the rule catalogue (rules/*.toml) and compiles it into the crate, so the
//! binary and the wasm module read no files at run time. It embeds `sources/` for the CLI's
//! `check` and the cases (tests/cases/*.toml) for the native and wasm tests.
//!
//! # Design
//! The validator is the library's own (`catalog.rs`, included here by path), run on the JSON form
//! of the TOML files; then every quote is checked against its published text. Any problem fails
//! the build with the file and the rule id. What is embedded is the validated catalogue in the
//! compact form of `codec.rs`, so the wasm module ships a small reader, not the validator.

use std::fs;
use std::path::{Path, PathBuf};

#[allow(dead_code)]
#[path = "src/catalog.rs"]
mod catalog;
#[allow(dead_code)]
#[path = "src/codec.rs"]
mod codec;
#[allow(dead_code)]
#[path = "src/condition.rs"]
mod condition;
#[allow(dead_code)]
#[path = "src/date.rs"]
mod date;
#[allow(dead_code)]
#[path = "src/profile.rs"]
mod profile;

fn fail(message: &str) -> ! {
    eprintln!("error: {message}");
    std::process::exit(1);
}

/// The file as JSON, or `{"error": "..."}` when it cannot be read or is not TOML.
fn toml_file(path: &Path) -> serde_json::Value {
    let parsed = fs::read_to_string(path)
        .map_err(|e| e.to_string())
        .and_then(|text| toml::from_str::<toml::Value>(&text).map_err(|e| format!("not valid TOML: {e}")))
        .and_then(|value| serde_json::to_value(value).map_err(|e| e.to_string()));
    match parsed {
        Ok(value) => value,
        Err(message) => serde_json::json!({ "error": message.trim().replace('\n', " ") }),
    }
}

fn sorted_toml(dir: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|e| e.expect("dir entry").path())
        .filter(|p| p.extension().is_some_and(|x| x == "toml"))
        .collect();
    files.sort();
    files
}

fn main() {
    let root = PathBuf::from(std::env::var("CARGO_MANIFEST_DIR").unwrap());
    let out = PathBuf::from(std::env::var("OUT_DIR").unwrap());
    for dir in ["rules", "sources", "tests/cases"] {
        println!("cargo:rerun-if-changed={}", root.join(dir).display());
    }

    let rules_dir = root.join("rules");
    let mut documents = Vec::new();
    let mut sources = String::from("pub static SOURCES: &[(&str, &str)] = &[\n");
    for path in sorted_toml(&rules_dir) {
        let stem = path.file_stem().unwrap().to_string_lossy().to_string();
        println!("cargo:rerun-if-changed={}", path.display());
        if stem == "fields" || stem == "places" {
            continue;
        }
        let data = toml_file(&path);
        let file = format!("rules/{stem}.toml");
        let source_path = root.join("sources").join(format!("{stem}.txt"));
        println!("cargo:rerun-if-changed={}", source_path.display());
        if source_path.is_file() {
            sources.push_str(&format!("    ({stem:?}, include_str!({:?})),\n", source_path.display()));
        }
        documents.push(serde_json::json!({ "file": file, "stem": stem, "data": data }));
    }
    sources.push_str("];\n");

    let fields = toml_file(&rules_dir.join("fields.toml"));
    let places = toml_file(&rules_dir.join("places.toml"));
    let catalog = catalog::Catalog::from_parts(&fields, &places, &documents).unwrap_or_else(|e| fail(&e.to_string()));
    let texts: Vec<(String, String)> = catalog
        .documents
        .iter()
        .filter_map(|d| {
            Some((
                d.id.clone(),
                fs::read_to_string(root.join("sources").join(format!("{}.txt", d.id))).ok()?,
            ))
        })
        .collect();
    let source = |id: &str| texts.iter().find(|(stem, _)| stem == id).map(|(_, text)| text.as_str());
    if let Err(problems) = catalog.check_quotes(&source) {
        fail(&problems.join("\n"));
    }
    // Every clause has its opening words and every application says who decides.
    let gaps = catalog.lint();
    if !gaps.is_empty() {
        fail(&gaps.join("\n"));
    }
    // The wasm module has no `coverage`, so it goes without the clause lists.
    let for_wasm = std::env::var("CARGO_CFG_TARGET_ARCH").is_ok_and(|a| a == "wasm32");
    let bytes = codec::encode(&catalog, !for_wasm);
    if codec::decode(&bytes).map(|c| c.rules.len()) != Some(catalog.rules.len()) {
        fail("catalog.bin does not decode to the catalogue it encodes");
    }
    fs::write(out.join("catalog.bin"), bytes).unwrap();
    fs::write(out.join("sources.rs"), sources).unwrap();

    let mut cases = Vec::new();
    let cases_dir = root.join("tests/cases");
    if cases_dir.is_dir() {
        for path in sorted_toml(&cases_dir) {
            println!("cargo:rerun-if-changed={}", path.display());
            let stem = path.file_stem().unwrap().to_string_lossy().to_string();
            cases.push(serde_json::json!({ "file": format!("tests/cases/{stem}.toml"), "data": toml_file(&path) }));
        }
    }
    fs::write(out.join("cases.json"), serde_json::Value::Array(cases).to_string()).unwrap();
}
