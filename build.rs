//! Build script: compiles the rule catalogue (rules/*.toml) into the crate as JSON, so the binary
//! and the wasm module read no files at run time. It embeds `sources/` for the CLI's `check` and
//! the cases (tests/cases/*.toml) for the native and wasm tests.
//!
//! # Design
//! A TOML syntax error does not stop the build: the file's entry carries the error, and loading
//! the catalogue (every command, every test, `rencai check`) fails with the file name and the
//! message. Full validation (keys, conditions, vocabulary, quotes) lives in `catalog.rs`, so the
//! CLI and the tests report one kind of error, with the file and the rule id.

use std::fs;
use std::path::{Path, PathBuf};

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

    let catalog = serde_json::json!({
        "fields": toml_file(&rules_dir.join("fields.toml")),
        "places": toml_file(&rules_dir.join("places.toml")),
        "documents": documents,
    });
    fs::write(out.join("catalog.json"), catalog.to_string()).unwrap();
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
