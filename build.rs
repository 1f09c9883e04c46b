//! Build script: loads and validates the rule catalogue (`rules/*.toml`) with `rencai-rules`,
//! proves every quote lies inside the clause it cites (`sources/`), and compiles the catalogue
//! into the crate in `rencai-core`'s compact form, so the binary and the wasm module read no
//! files at run time. It embeds `sources/` for the CLI's `check` and the cases
//! (`tests/cases/*.toml`) for the native and wasm tests, and writes the wasm package's TypeScript
//! declarations (`types.d.ts`, from the contract's Rust types and the vocabulary).
//!
//! # Design
//! The validator is the same one `rencai check DIR` runs, so the build and an analyst's check
//! report the same problems, each at its file:line:column. Nothing of it ships: the wasm module
//! carries the codec's small reader only.

use std::fs;
use std::path::{Path, PathBuf};

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
    let sources_dir = root.join("sources");
    let (loaded, _) = rencai_rules::check_dir(&rules_dir, "rules", &sources_dir)
        .unwrap_or_else(|problems| fail(&rencai_rules::diag::lines(&problems)));
    let catalog = loaded.catalog;

    let mut sources = String::from("pub static SOURCES: &[(&str, &str)] = &[\n");
    for path in sorted_toml(&rules_dir) {
        println!("cargo:rerun-if-changed={}", path.display());
        let stem = path.file_stem().unwrap().to_string_lossy().to_string();
        let source_path = sources_dir.join(format!("{stem}.txt"));
        // Only a text that exists: a missing path (fields, places) would rerun every build; the
        // folder itself is watched for a text that appears.
        if source_path.is_file() {
            println!("cargo:rerun-if-changed={}", source_path.display());
            sources.push_str(&format!("    ({stem:?}, include_str!({:?})),\n", source_path.display()));
        }
    }
    sources.push_str("];\n");

    // The wasm module has no `coverage` and loads notes on demand: it goes without both. The page's
    // wasm (scripts/build-web.sh sets RENCAI_WASM=decisions) goes without the rules' words too: the
    // package joins its decisions with text packs (`rencai catalog --page`). Other wasm builds (the
    // wasm test of every case) keep them.
    let for_wasm = std::env::var("CARGO_CFG_TARGET_ARCH").is_ok_and(|a| a == "wasm32");
    println!("cargo:rerun-if-env-changed=RENCAI_WASM");
    let decisions_only = for_wasm && std::env::var("RENCAI_WASM").is_ok_and(|v| v == "decisions");
    let bytes = if decisions_only {
        rencai_core::codec::encode_decisions(&catalog)
    } else {
        rencai_core::codec::encode(&catalog, !for_wasm)
    };
    if rencai_core::codec::decode(&bytes).map(|c| c.rules.len()) != Some(catalog.rules.len()) {
        fail("catalog.bin does not decode to the catalogue it encodes");
    }
    fs::write(out.join("catalog.bin"), bytes).unwrap();
    fs::write(out.join("sources.rs"), sources).unwrap();
    // The wasm package's TypeScript declarations, from the Rust types and this vocabulary.
    fs::write(out.join("types.d.ts"), rencai_core::ts::declarations(&catalog)).unwrap();

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
