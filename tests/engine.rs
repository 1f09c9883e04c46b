//! The one integration test binary: the catalogue, the table-driven cases, the CLI contract,
//! property tests and a snapshot of a full report. (The same cases run in wasm: tests/wasm.rs.)
#![cfg(not(target_arch = "wasm32"))]

use std::path::Path;
use std::process::{Command, Output};

use proptest::prelude::*;
use rencai::vocab::FieldKind;
use rencai::{api, cases, evaluate, Catalog, Date, Options, Profile, Report, Status};

const CASES_JSON: &str = include_str!(concat!(env!("OUT_DIR"), "/cases.json"));
const EXAMPLES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../shared/contract/examples");

fn catalog() -> &'static Catalog {
    rencai::embedded().expect("the embedded catalogue decodes")
}

/// The contract JSON of a profile (JSON text) with ineligible results, as the CLI's `eval --all` prints it.
fn full_report(text: &str, today: Date) -> serde_json::Value {
    let json = api::eval_json(catalog(), text, today, Options { all: true, full: false }).unwrap();
    serde_json::from_str(&json).unwrap()
}

/// A full report of a profile.
fn report<'c>(c: &'c Catalog, p: &Profile, today: Date) -> Report<'c> {
    Report::new(evaluate(c, p, today), Options { all: true, full: false })
}

fn rencai(args: &[&str], stdin: Option<&str>) -> Output {
    use std::io::Write;
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_rencai"));
    cmd.args(args)
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped());
    let mut child = cmd.spawn().expect("the rencai binary runs");
    if let Some(text) = stdin {
        child
            .stdin
            .take()
            .expect("stdin")
            .write_all(text.as_bytes())
            .expect("write stdin");
    }
    drop(child.stdin.take());
    child.wait_with_output().expect("rencai finishes")
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).to_string()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).to_string()
}

// ---------- catalogue ----------

#[test]
fn rencai_check_proves_every_quote_verbatim() {
    let out = rencai(&["check"], None);
    assert!(out.status.success(), "rencai check failed:\n{}", stderr(&out));
    assert!(stdout(&out).starts_with("ok: "), "{}", stdout(&out));
}

#[test]
fn quotes_are_substrings_of_the_sources_on_disk() {
    // Independent of the CLI's embedded copies: read sources/ from the working tree.
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    for rule in &catalog().rules {
        let doc = &catalog().documents[rule.document];
        let text = std::fs::read_to_string(root.join("sources").join(format!("{}.txt", doc.id)))
            .unwrap_or_else(|e| panic!("{}: sources/{}.txt: {e}", doc.file, doc.id));
        assert!(
            text.contains(&rule.quote),
            "{}: rule {}: quote not in source",
            doc.file,
            rule.id
        );
    }
}

#[test]
fn every_rule_cites_a_clause_and_both_titles() {
    for rule in &catalog().rules {
        assert!(
            !rule.clause.trim().is_empty() && !rule.title_zh.trim().is_empty() && !rule.title_en.trim().is_empty(),
            "{}",
            rule.id
        );
    }
}

// ---------- table-driven cases ----------

/// Every leaf of an exported condition (`{field, op, need}`, `any`/`all`/`not` nesting their parts).
fn exported_leaves<'a>(c: &'a serde_json::Value, out: &mut Vec<&'a serde_json::Value>) {
    match c["op"].as_str() {
        Some("any" | "all" | "not") => {
            for part in c["need"].as_array().expect("a compound condition lists its parts") {
                exported_leaves(part, out);
            }
        }
        _ => out.push(c),
    }
}

#[test]
fn the_catalogue_export_holds_every_document_clause_and_rule_with_its_citation() {
    let c = catalog();
    let out = rencai(&["catalog", "--json"], None);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let export: serde_json::Value = serde_json::from_str(&stdout(&out)).expect("catalog --json is JSON");
    assert_eq!(export, api::catalog_export(c), "the CLI prints the library's export");
    assert_eq!(export["format"], "rencai-catalog");
    assert_eq!(export["version"], api::CATALOG_FORMAT);
    let fields: Vec<&str> = export["fields"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["id"].as_str().unwrap())
        .collect();
    let places: Vec<&str> = export["places"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["id"].as_str().unwrap())
        .collect();
    assert_eq!(places.len(), c.places.len());
    let docs = export["documents"].as_array().unwrap();
    assert_eq!(docs.len(), c.documents.len());
    let rules = export["rules"].as_array().unwrap();
    assert_eq!(rules.len(), c.rules.len());
    for (r, rule) in rules.iter().zip(&c.rules) {
        let id = rule.id.as_str();
        assert_eq!(r["id"], id);
        let doc = docs
            .iter()
            .find(|d| d["id"] == r["document"])
            .unwrap_or_else(|| panic!("{id}: its document"));
        assert!(
            doc["clauses"]
                .as_array()
                .unwrap()
                .iter()
                .any(|cl| cl["id"] == r["clause"]),
            "{id}: its clause {} among its document's",
            r["clause"]
        );
        assert!(places.contains(&r["jurisdiction"].as_str().unwrap()), "{id}: its place");
        assert_eq!(r["quote"], rule.quote.as_str(), "{id}: the exact words");
        assert!(!rule.quote.is_empty() && r["title_zh"].is_string() && r["title_en"].is_string());
        assert_eq!(
            r["when"].as_array().map(Vec::len),
            Some(rule.when.len()),
            "{id}: every condition"
        );
        let mut leaves = Vec::new();
        for cond in r["when"].as_array().unwrap() {
            exported_leaves(cond, &mut leaves);
        }
        for leaf in leaves {
            let name = leaf["field"].as_str().unwrap();
            assert!(
                fields.contains(&name) || name == "years_since_graduation",
                "{id}: {name} is a field of the export"
            );
            assert!(leaf["op"].is_string() && !leaf["need"].is_null(), "{id}: {leaf}");
        }
        match rule.amount {
            Some(a) => assert_eq!(r["amount"]["min"].as_f64(), Some(a.min), "{id}: amount"),
            None => assert!(r["amount"].is_null()),
        }
        assert_eq!(r["requires"].as_array().map(Vec::len), Some(rule.requires.len()));
        assert_eq!(r["notes"].as_array().map(Vec::len), Some(rule.notes.len()));
    }
    // Not a format of its own: only --json, said in one line with the usage.
    let bare = rencai(&["catalog"], None);
    assert_eq!(bare.status.code(), Some(2));
    assert!(stderr(&bare).starts_with("catalog: JSON is the only format; add --json"));
}

#[test]
fn every_case_in_tests_cases_holds() {
    let (run, failures) = cases::check_all(catalog(), CASES_JSON);
    assert!(
        failures.is_empty(),
        "{} of {run} cases failed:\n{}",
        failures.len(),
        failures.join("\n")
    );
    assert!(run > 0, "no cases ran");
    println!("{run} cases passed");
}

#[test]
fn every_rule_has_cases_on_both_sides_of_its_conditions() {
    // Each rule appears in some case's `expect`; a rule with conditions appears both as
    // eligible or possible and as ineligible, so a broken condition cannot go unnoticed.
    let files: Vec<serde_json::Value> = serde_json::from_str(CASES_JSON).unwrap();
    let mut seen: std::collections::HashMap<String, std::collections::HashSet<String>> = Default::default();
    for f in &files {
        for case in f["data"]["case"].as_array().into_iter().flatten() {
            for (rule, status) in case["expect"].as_object().into_iter().flatten() {
                seen.entry(rule.clone())
                    .or_default()
                    .insert(status.as_str().unwrap_or("").to_string());
            }
        }
    }
    let mut gaps = Vec::new();
    for rule in &catalog().rules {
        let statuses = seen.get(&rule.id).cloned().unwrap_or_default();
        if statuses.is_empty() {
            gaps.push(format!("{}: in no case", rule.id));
        } else if !rule.when.is_empty()
            && !(statuses.contains("ineligible") && (statuses.contains("eligible") || statuses.contains("possible")))
        {
            gaps.push(format!("{}: only {statuses:?}", rule.id));
        }
    }
    assert!(gaps.is_empty(), "{} rules lack cases:\n{}", gaps.len(), gaps.join("\n"));
}

// ---------- the CLI and the contract ----------

/// Every field a contract-2 result carries.
const RESULT_KEYS: [&str; 17] = [
    "rule",
    "jurisdiction",
    "document",
    "kind",
    "category",
    "status",
    "standing",
    "requires",
    "in_force",
    "title_zh",
    "title_en",
    "amount",
    "title_level",
    "route",
    "unmet",
    "missing",
    "source",
];

/// The contract's standing, derived from the other fields of a result.
fn standing_of(r: &serde_json::Value) -> &'static str {
    let requires = r["requires"].as_array().is_some_and(|a| !a.is_empty());
    match (r["status"].as_str().unwrap(), r["kind"].as_str().unwrap()) {
        ("ineligible", _) => "ineligible",
        (_, "measure") => "measure",
        ("possible", _) => "possible",
        (_, "application") => "may_apply",
        _ if requires => "may_apply",
        _ => "entitled",
    }
}

/// Counts of results in force by standing, and expired ones, recomputed from results.
fn recount<'a>(results: impl Iterator<Item = &'a serde_json::Value>) -> serde_json::Value {
    let mut c = serde_json::json!({"entitled": 0, "may_apply": 0, "possible": 0, "measure": 0, "expired": 0});
    for r in results {
        let key = if r["in_force"] == true {
            r["standing"].as_str().unwrap()
        } else if r["status"] != "ineligible" {
            "expired"
        } else {
            continue;
        };
        if key != "ineligible" {
            c[key] = serde_json::json!(c[key].as_u64().unwrap() + 1);
        }
    }
    c
}

/// Checks one contract-2 report against every rule of the contract that a report alone shows.
fn check_contract_2(report: &serde_json::Value, what: &str, all: bool) {
    assert_eq!(report["contract"], 2, "{what}");
    let as_of = report["as_of"].as_str().unwrap().to_string();
    let results = report["results"].as_array().expect("results");
    for r in results {
        for key in RESULT_KEYS {
            assert!(r.get(key).is_some(), "{what}: result lacks {key}: {r}");
        }
        assert!(r.get("notes").is_none(), "{what}: notes only with --full");
        assert_eq!(r["standing"], standing_of(r), "{what}: {}", r["rule"]);
        if r["kind"] == "application" {
            assert!(
                r["requires"].as_array().is_some_and(|a| !a.is_empty()),
                "{what}: application {} says who decides",
                r["rule"]
            );
        }
        for q in r["requires"].as_array().unwrap() {
            assert!(q["zh"].as_str().is_some_and(|s| !s.is_empty()) && q["en"].as_str().is_some_and(|s| !s.is_empty()));
        }
        if !all {
            assert_ne!(
                r["status"], "ineligible",
                "{what}: default reports hold no ineligible results"
            );
        }
        assert!(r["source"]["quote"].as_str().is_some_and(|q| !q.is_empty()));
        assert!(r["source"]["clause"].as_str().is_some_and(|q| !q.is_empty()));
        if r["kind"] == "measure" {
            assert!(r["amount"].is_null(), "{what}: measure {} has an amount", r["rule"]);
        }
    }
    // Counts: the report's and each jurisdiction's, recomputed from the results.
    assert_eq!(report["counts"], recount(results.iter()), "{what}: counts");
    for t in report["totals"].as_array().unwrap() {
        let j = &t["jurisdiction"];
        assert_eq!(
            t["counts"],
            recount(results.iter().filter(|r| &r["jurisdiction"] == j)),
            "{what}: counts of {j}"
        );
    }
    // The chain's total (with a place) is the sum of the jurisdictions' totals.
    if report["place"].is_null() {
        assert!(report["total"].is_null(), "{what}: no chain total without a place");
    } else {
        let mut first_year = 0.0;
        for (unit, months) in [("one_off", 1.0), ("per_month", 12.0), ("per_year", 1.0)] {
            let min: f64 = report["totals"]
                .as_array()
                .unwrap()
                .iter()
                .map(|t| t[unit]["min"].as_f64().unwrap())
                .sum();
            assert_eq!(report["total"][unit]["min"].as_f64(), Some(min), "{what}: total {unit}");
            first_year += months * min;
        }
        assert_eq!(report["total"]["first_year_min"].as_f64(), Some(first_year), "{what}");
    }
    // Documents: every cited document once, with its period (null when unstated) and force.
    let docs = report["documents"].as_array().unwrap();
    let mut cited: Vec<&str> = results.iter().map(|r| r["document"].as_str().unwrap()).collect();
    cited.sort_unstable();
    cited.dedup();
    let mut listed: Vec<&str> = docs.iter().map(|d| d["id"].as_str().unwrap()).collect();
    listed.sort_unstable();
    assert_eq!(listed, cited, "{what}: documents are those with a result");
    for d in docs {
        for key in ["id", "title_zh", "title_en", "jurisdiction", "period", "in_force"] {
            assert!(d.get(key).is_some(), "{what}: document lacks {key}: {d}");
        }
        let p = &d["period"];
        let inside = p.is_null()
            || (p["from"].as_str().is_none_or(|f| f <= as_of.as_str())
                && p["until"].as_str().is_none_or(|u| as_of.as_str() <= u));
        assert_eq!(d["in_force"], inside, "{what}: {}", d["id"]);
        assert!(d.get("notes").is_none(), "{what}: document notes only with --full");
    }
}

#[test]
fn every_contract_example_yields_a_contract_2_report() {
    let mut seen = 0;
    for entry in std::fs::read_dir(EXAMPLES).expect("../shared/contract/examples") {
        let path = entry.unwrap().path();
        for all in [false, true] {
            let args: Vec<&str> = ["eval", path.to_str().unwrap()]
                .into_iter()
                .chain(all.then_some("--all"))
                .collect();
            let out = rencai(&args, None);
            assert!(out.status.success(), "{}: {}", path.display(), stderr(&out));
            let report: serde_json::Value = serde_json::from_str(&stdout(&out)).expect("JSON");
            check_contract_2(&report, &path.display().to_string(), all);
        }
        let full = rencai(&["eval", path.to_str().unwrap(), "--full"], None);
        let report: serde_json::Value = serde_json::from_str(&stdout(&full)).expect("JSON");
        assert!(report["results"]
            .as_array()
            .unwrap()
            .iter()
            .all(|r| r["notes"].is_array()));
        assert!(report["documents"]
            .as_array()
            .unwrap()
            .iter()
            .all(|d| d["notes"].is_array()));
        seen += 1;
    }
    assert!(seen >= 4);
}

#[test]
fn standing_follows_the_contract_for_every_case_profile() {
    // The cases span every document and both sides of its conditions: each report, with
    // ineligible results, must satisfy the contract, and totals count only entitled results.
    let files: Vec<serde_json::Value> = serde_json::from_str(CASES_JSON).unwrap();
    let mut n = 0;
    for f in &files {
        for case in f["data"]["case"].as_array().into_iter().flatten() {
            if case.get("error").is_some() {
                continue;
            }
            let text = case["profile"].to_string();
            let report = full_report(&text, Date::new(2000, 1, 1).unwrap());
            check_contract_2(&report, case["name"].as_str().unwrap(), true);
            n += 1;
        }
    }
    assert!(n > 100, "{n} case profiles");
}

#[test]
fn cli_and_library_json_are_identical() {
    let text = std::fs::read_to_string(format!("{EXAMPLES}/liaoyang-phd.json")).unwrap();
    let out = rencai(&["eval", "-", "--all"], Some(&text));
    let lib = api::eval_json(
        catalog(),
        &text,
        Date::new(2000, 1, 1).unwrap(),
        Options { all: true, full: false },
    )
    .unwrap();
    assert_eq!(stdout(&out).trim_end(), lib);
    let out = rencai(&["compare", "-"], Some(&text));
    assert_eq!(
        stdout(&out).trim_end(),
        api::compare_json(catalog(), &text, Date::new(2000, 1, 1).unwrap()).unwrap()
    );
}

#[test]
fn bad_input_exits_2_with_one_line_naming_field_value_and_accepted() {
    let cases = [
        ("{\"education\":\"phd\"}", "profile: education: unknown value \"phd\", expected one of none, junior_college, bachelor, master, doctorate"),
        ("{\"educaton\":\"master\"}", "profile: educaton: unknown field, expected one of as_of, place,"),
        ("{\"as_of\":\"2019-02-29\"}", "profile: as_of: bad date \"2019-02-29\", expected a real day as YYYY-MM-DD"),
        ("{\"place\":\"999999\"}", "profile: place: unknown place \"999999\", expected one of 000000, 210000,"),
        ("{\"age\":-3}", "profile: age: bad value -3, expected a whole number from 0 to 120"),
        ("{\"honours\":\"academician\"}", "profile: honours: expected an array, got \"academician\""),
        ("{\"full_time\":\"yes\"}", "profile: full_time: expected true or false, got \"yes\""),
        ("[1,2]", "profile: expected a JSON object of profile fields, got [1,2]"),
        ("{not json", "profile: not valid JSON"),
        ("", "profile: not valid JSON"),
    ];
    for (input, start) in cases {
        for command in ["eval", "compare"] {
            let out = rencai(&[command, "-"], Some(input));
            assert_eq!(out.status.code(), Some(2), "{command} {input}");
            assert!(out.stdout.is_empty(), "no partial report for {input}");
            let err = stderr(&out);
            assert_eq!(err.lines().count(), 1, "one line for {input}: {err}");
            assert!(err.starts_with(start), "{input}: {err}");
        }
    }
    let out = rencai(&["eval", "/nonexistent/profile.json"], None);
    assert_eq!(out.status.code(), Some(2));
    let out = rencai(&["frobnicate"], None);
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn a_bad_profile_error_names_field_value_and_accepted_apart() {
    let c = catalog();
    let e = Profile::from_json(c.vocab(), r#"{"education":"phd"}"#).unwrap_err();
    assert_eq!(e.field, "education");
    assert_eq!(e.value.as_deref(), Some("phd"));
    assert_eq!(e.accepted, "one of none, junior_college, bachelor, master, doctorate");
    let e = Profile::from_json(c.vocab(), r#"{"age":-3}"#).unwrap_err();
    assert_eq!(
        (e.field.as_str(), e.value.as_deref(), e.accepted.as_str()),
        ("age", Some("-3"), "a whole number from 0 to 120")
    );
    let e = Profile::from_json(c.vocab(), "{not json").unwrap_err();
    assert_eq!((e.field.as_str(), e.value.as_deref()), ("", None));
    // A huge value is cut, in the parts and in the message.
    let long = "x".repeat(100_000);
    let e = Profile::from_json(c.vocab(), &format!(r#"{{"place":"{long}"}}"#)).unwrap_err();
    assert!(e.value.as_ref().unwrap().chars().count() <= 81);
    assert!(e.to_string().len() < 400, "{} bytes", e.to_string().len());
}

/// Whether an error would print as more than one line (or carry a control character).
fn breaks_line(text: &str) -> bool {
    text.chars()
        .any(|c| c.is_control() || matches!(c, '\u{2028}' | '\u{2029}'))
}

#[test]
fn a_control_character_or_line_break_in_a_bad_value_is_escaped_on_one_line() {
    // Found by the `profile` fuzz target (fuzz/regressions/profile): a key holding U+007F came
    // back raw in the message.
    let c = catalog();
    let cases = [
        ("{\"\u{7f}\":9}", "profile: \\u{7f}: unknown field", "\\u{7f}"),
        (
            r#"{"place":"a\nb\u2028c"}"#,
            "profile: place: unknown place \"a\\nb\\u{2028}c\"",
            "a\\nb\\u{2028}c",
        ),
        (
            r#"{"education":"x\r\n"}"#,
            "profile: education: unknown value \"x\\r\\n\"",
            "x\\r\\n",
        ),
        (
            r#"{"as_of":"\u0085"}"#,
            "profile: as_of: bad date \"\\u{85}\"",
            "\\u{85}",
        ),
    ];
    for (input, start, value) in cases {
        let e = Profile::from_json(c.vocab(), input).unwrap_err();
        let line = e.to_string();
        assert!(!breaks_line(&line), "{input:?}: {line:?}");
        assert!(line.starts_with(start), "{input:?}: {line:?}");
        assert_eq!(
            if e.field.starts_with('\\') {
                &e.field
            } else {
                e.value.as_deref().unwrap()
            },
            value,
            "{input:?}"
        );
    }
    // Escapes count towards the 80 characters shown.
    let e = Profile::from_json(
        c.vocab(),
        &serde_json::json!({ "place": "\n".repeat(1000) }).to_string(),
    )
    .unwrap_err();
    assert_eq!(e.value.as_deref(), Some(format!("{}…", "\\n".repeat(40)).as_str()));
}

#[test]
fn an_options_error_is_one_short_line_whatever_it_quotes() {
    // JSON text leaves U+2028/U+2029 raw: the options' errors escape them as the profile's do.
    let key = format!("a\u{2028}b{}", "x".repeat(1000));
    for json in [
        serde_json::json!({ key.clone(): 1 }),
        serde_json::json!({ "today": [key.clone()] }),
        serde_json::json!({ "detail": key.clone() }),
    ] {
        let message = api::EvaluateOptions::from_json(&json).unwrap_err();
        assert!(!breaks_line(&message), "{message:?}");
        assert!(message.contains("a\\u{2028}b"), "{message:?}");
        assert!(message.chars().count() < 200, "{message:?}");
    }
    let message = api::DateOptions::from_json(&serde_json::json!({ key: 1 })).unwrap_err();
    assert!(!breaks_line(&message), "{message:?}");
}

#[test]
fn every_fuzz_regression_input_is_rejected_or_answered_in_one_line() {
    // The crashing inputs the fuzz targets found (fuzz/regressions/profile/), replayed through
    // every command as the `profile` target runs them.
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("fuzz/regressions/profile");
    let today = Date::new(2024, 6, 30).unwrap();
    let mut n = 0;
    for entry in std::fs::read_dir(&dir).expect("fuzz/regressions/profile") {
        let path = entry.unwrap().path();
        let text = String::from_utf8_lossy(&std::fs::read(&path).unwrap()).to_string();
        let answers = [
            api::eval_json(catalog(), &text, today, Options::default()),
            api::eval_json(catalog(), &text, today, Options { all: true, full: true }),
            api::compare_json(catalog(), &text, today),
            api::what_if_json(catalog(), &text, today),
            api::form_json(catalog(), &text, today),
        ];
        for answer in answers {
            match answer {
                Ok(json) => assert!(serde_json::from_str::<serde_json::Value>(&json).is_ok(), "{path:?}"),
                Err(e) => {
                    let line = e.to_string();
                    assert!(!breaks_line(&line), "{path:?}: {line:?}");
                    assert!(e.value.as_ref().is_none_or(|v| v.chars().count() <= 81), "{path:?}");
                    assert!(e.field.chars().count() <= 81, "{path:?}");
                }
            }
        }
        n += 1;
    }
    assert!(n > 0, "no regression inputs in {dir:?}");
}

#[test]
fn a_huge_or_multiline_value_exits_2_with_one_short_line_naming_the_field() {
    let big = "x".repeat(5_000_000);
    let cases = [
        (
            serde_json::json!({ "place": big }).to_string(),
            "profile: place: unknown place \"",
        ),
        (
            serde_json::json!({ "education": big }).to_string(),
            "profile: education: unknown value \"",
        ),
        (
            serde_json::json!({ "as_of": big }).to_string(),
            "profile: as_of: bad date \"",
        ),
        (
            serde_json::json!({ "honours": [big] }).to_string(),
            "profile: honours: unknown value \"",
        ),
        (
            serde_json::json!({ "age": [big] }).to_string(),
            "profile: age: bad value [\"",
        ),
        (serde_json::json!({ big.clone(): 1 }).to_string(), "profile: xxxxxxxx"),
        (
            format!("{{\"years_in_place\": 1{}}}", "0".repeat(5_000_000)),
            "profile: not valid JSON (number out of range",
        ),
        (
            format!("{{\"place\": {}{}}}", "[".repeat(100_000), "]".repeat(100_000)),
            "profile: not valid JSON (recursion limit",
        ),
        (
            format!("{{\"place\":\"211000\",\"place\":\"{big}\"}}"),
            "profile: place: unknown place \"",
        ),
        (
            serde_json::json!({ "place": format!("a\nb\u{2028}{big}") }).to_string(),
            "profile: place: unknown place \"a\\nb\\u{2028}x",
        ),
    ];
    for (input, start) in cases {
        let out = rencai(&["eval", "-"], Some(&input));
        let err = stderr(&out);
        assert_eq!(out.status.code(), Some(2), "{start}: {err:.200}");
        assert!(out.stdout.is_empty(), "{start}");
        let line = err.strip_suffix('\n').unwrap_or(&err);
        assert!(!breaks_line(line), "{start}: not one line: {line:.300?}");
        assert!(line.starts_with(start), "{start}: {line:.300}");
        // What it quotes of the value is at most 80 characters: the line stays short.
        assert!(
            line.chars().count() < 1200,
            "{start}: {} characters",
            line.chars().count()
        );
        assert!(
            !line.contains(&"x".repeat(81)),
            "{start}: quotes more than 80 characters"
        );
    }
}

#[test]
fn places_lists_the_contract_tree() {
    let out = rencai(&["places"], None);
    let places: Vec<serde_json::Value> = serde_json::from_str(&stdout(&out)).unwrap();
    for id in [
        "000000",
        "210000",
        "211000",
        "211000-gxq",
        "430000",
        "430200",
        "430500",
        "310000",
        "310114",
        "630000",
        "330000",
        "410000",
    ] {
        let p = places
            .iter()
            .find(|p| p["id"] == id)
            .unwrap_or_else(|| panic!("place {id}"));
        assert!(
            p["name_zh"].as_str().is_some_and(|s| !s.is_empty())
                && p["name_en"].as_str().is_some_and(|s| !s.is_empty())
        );
    }
    let gxq = places.iter().find(|p| p["id"] == "211000-gxq").unwrap();
    assert_eq!(gxq["parent"], "211000");
}

#[test]
fn a_place_inherits_its_ancestors_rules_and_no_others() {
    // The same PhD profile at every place (e.g. 辽阳高新区 vs 嘉定区 vs 浙江): each report holds
    // exactly the rules of the place's chain, and every ancestor with rules contributes.
    let c = catalog();
    for place in &c.places {
        let text = format!(
            r#"{{"as_of":"2022-06-01","place":"{}","education":"doctorate","full_time":true,"graduation_year":2019,"postdoc":"none"}}"#,
            place.id
        );
        let profile = Profile::from_json(c.vocab(), &text).unwrap();
        let report = report(c, &profile, Date::new(2022, 6, 1).unwrap());
        let chain: Vec<&str> = place.chain.iter().map(|i| c.places[*i].id.as_str()).collect();
        let json = serde_json::to_value(&report).unwrap();
        assert_eq!(json["place"]["chain"], serde_json::json!(chain));
        assert!(
            report.results().iter().all(|r| chain.contains(&r.jurisdiction)),
            "{}: a rule from outside its chain",
            place.id
        );
        let expected: Vec<&str> = c
            .rules
            .iter()
            .filter(|r| chain.contains(&c.places[r.jurisdiction].id.as_str()))
            .map(|r| r.id.as_str())
            .collect();
        let got: Vec<&str> = report.results().iter().map(|r| r.rule).collect();
        let (mut e, mut g) = (expected.clone(), got.clone());
        e.sort_unstable();
        g.sort_unstable();
        assert_eq!(g, e, "{}", place.id);
    }
    let at = |id: &str| {
        let profile = Profile::from_json(c.vocab(), &format!(r#"{{"as_of":"2022-06-01","place":"{id}"}}"#)).unwrap();
        report(c, &profile, Date::new(2022, 6, 1).unwrap())
    };
    let (gxq, jiading, zhejiang) = (at("211000-gxq"), at("310114"), at("330000"));
    assert!(
        gxq.results().iter().any(|r| r.rule.starts_with("gxq."))
            && gxq.results().iter().any(|r| r.rule.starts_with("ln."))
    );
    assert!(jiading.results().iter().all(|r| r.rule.starts_with("jd.")) && jiading.outcomes().next().is_some());
    assert!(zhejiang.results().iter().all(|r| r.rule.starts_with("zj.")) && zhejiang.outcomes().next().is_some());
}

#[test]
fn compare_ranks_every_place_by_what_is_in_force() {
    for entry in std::fs::read_dir(EXAMPLES).unwrap() {
        let path = entry.unwrap().path();
        let out = rencai(&["compare", path.to_str().unwrap()], None);
        let v: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
        assert_eq!(v["contract"], 2);
        let rows = v["rows"].as_array().unwrap();
        assert_eq!(rows.len(), catalog().places.len());
        // Ranked by first-year minimum, then in-force entitled, then may_apply, then id.
        let key = |r: &serde_json::Value| {
            (
                -r["first_year_min"].as_f64().unwrap(),
                -(r["counts"]["entitled"].as_i64().unwrap()),
                -(r["counts"]["may_apply"].as_i64().unwrap()),
                r["place"]["id"].as_str().unwrap().to_string(),
            )
        };
        for w in rows.windows(2) {
            assert!(
                key(&w[0]) <= key(&w[1]),
                "{}: {} before {}",
                path.display(),
                w[0]["place"]["id"],
                w[1]["place"]["id"]
            );
        }
        for (i, r) in rows.iter().enumerate() {
            assert_eq!(r["rank"], i + 1);
            // Each row's counts are the place's report counts.
            let mut at: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
            at["place"] = r["place"]["id"].clone();
            at.as_object_mut().unwrap().entry("as_of").or_insert(v["as_of"].clone());
            let report: serde_json::Value = serde_json::from_str(
                &api::eval_json(
                    catalog(),
                    &at.to_string(),
                    Date::new(2000, 1, 1).unwrap(),
                    Options::default(),
                )
                .unwrap(),
            )
            .unwrap();
            assert_eq!(
                r["counts"],
                report["counts"],
                "{} at {}",
                path.display(),
                r["place"]["id"]
            );
        }
        // Nothing in force never ranks above an in-force entitled or may_apply result.
        let live = |r: &serde_json::Value| {
            r["counts"]["entitled"].as_u64().unwrap() + r["counts"]["may_apply"].as_u64().unwrap() > 0
        };
        let dead = |r: &serde_json::Value| {
            ["entitled", "may_apply", "possible", "measure"]
                .iter()
                .all(|k| r["counts"][*k] == 0)
        };
        for (i, a) in rows.iter().enumerate() {
            for b in &rows[i + 1..] {
                assert!(
                    !(dead(a) && live(b)),
                    "{}: {} (nothing in force) above {}",
                    path.display(),
                    a["place"]["id"],
                    b["place"]["id"]
                );
            }
        }
    }
    // As of 2026-11-29 a 株洲 senior technician with 湖湘工匠 sees 株洲 first: 辽宁's and 浙江's
    // policies have lapsed and count only as expired.
    let text = r#"{"as_of":"2026-11-29","skill_level":"senior_technician","honours":["hunan_craftsman"]}"#;
    let v: serde_json::Value =
        serde_json::from_str(&api::compare_json(catalog(), text, Date::new(2000, 1, 1).unwrap()).unwrap()).unwrap();
    let rows = v["rows"].as_array().unwrap();
    assert_eq!(rows[0]["place"]["id"], "430200", "{}", rows[0]);
    for lapsed in ["210000", "211000", "330000"] {
        let row = rows.iter().find(|r| r["place"]["id"] == lapsed).unwrap();
        assert!(
            row["counts"]["expired"].as_u64().unwrap() > 0,
            "{lapsed} counts its lapsed results"
        );
        assert_eq!(row["counts"]["entitled"], 0, "{lapsed}");
    }
    let out = rencai(&["compare", &format!("{EXAMPLES}/liaoyang-phd.json")], None);
    let v: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
    let rows = v["rows"].as_array().unwrap();
    assert_eq!(rows[0]["rank"], 1);
    let table = rencai(&["compare", "--table", &format!("{EXAMPLES}/liaoyang-phd.json")], None);
    assert!(table.status.success() && stdout(&table).contains("211000-gxq"));
}

#[test]
fn coverage_passes_and_names_every_clause() {
    let out = rencai(&["coverage", "--json"], None);
    assert!(out.status.success(), "{}", stderr(&out));
    let v: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
    assert_eq!(v["ok"], true);
    assert_eq!(v["documents"].as_array().unwrap().len(), catalog().documents.len());
}

#[test]
fn schema_lists_every_field_with_labels_in_both_languages() {
    let v: serde_json::Value = serde_json::from_str(&api::schema_json(catalog())).unwrap();
    let fields = v["fields"].as_array().unwrap();
    assert_eq!(fields.len(), catalog().fields.len());
    for f in fields {
        for k in ["label_zh", "label_en", "help_zh", "help_en"] {
            assert!(f[k].as_str().is_some_and(|s| !s.is_empty()), "{}: {k}", f["id"]);
        }
        for value in f["values"].as_array().into_iter().flatten() {
            assert!(
                value["zh"].as_str().is_some_and(|s| !s.is_empty())
                    && value["en"].as_str().is_some_and(|s| !s.is_empty())
            );
        }
    }
    let education = fields.iter().find(|f| f["id"] == "education").unwrap();
    assert!(education["used_by"].as_array().unwrap().iter().any(|j| j == "210000"));
}

/// The profile with one what-if step applied (a set value added, or the value given).
fn with_step(c: &Catalog, profile: &serde_json::Value, field: &str, value: &serde_json::Value) -> serde_json::Value {
    let mut changed = profile.clone();
    match changed[field].as_array_mut() {
        Some(held) => held.push(value.clone()),
        None if c.fields.iter().any(|f| f.id == field && f.kind == FieldKind::Set) => {
            changed[field] = serde_json::json!([value])
        }
        None => changed[field] = value.clone(),
    }
    changed
}

/// Checks every what-if rule of the contract on one profile.
fn check_what_if(c: &Catalog, profile: &serde_json::Value, what: &str) {
    let text = profile.to_string();
    let today = Date::new(2000, 1, 1).unwrap();
    let w: serde_json::Value = serde_json::from_str(&api::what_if_json(catalog(), &text, today).unwrap()).unwrap();
    assert_eq!(w["contract"], 2);
    let standing = |p: &serde_json::Value| -> std::collections::HashMap<String, (String, bool)> {
        full_report(&p.to_string(), today)["results"]
            .as_array()
            .unwrap()
            .iter()
            .map(|r| {
                (
                    r["rule"].as_str().unwrap().to_string(),
                    (r["standing"].as_str().unwrap().to_string(), r["in_force"] == true),
                )
            })
            .collect()
    };
    let before = standing(profile);
    for o in w["options"].as_array().unwrap() {
        let field_id = o["field"].as_str().unwrap();
        let field = c.fields.iter().find(|f| f.id == field_id).unwrap();
        // Only facts a person can change by their own effort, never place, arrival,
        // nationality, age, graduation year, years in place or an honour.
        assert!(
            field.actionable,
            "{what}: what-if offers {field_id}, which is not actionable"
        );
        for never in [
            "place",
            "arrival",
            "nationality",
            "age",
            "graduation_year",
            "years_in_place",
            "honours",
        ] {
            assert_ne!(field_id, never, "{what}");
        }
        if let FieldKind::Enum { ordered: true } = field.kind {
            // A higher value on the scale than the one held.
            let held = profile[field_id].as_str().and_then(|v| field.value_index(v));
            let to = field.value_index(o["value"].as_str().unwrap()).unwrap();
            assert!(held.is_some_and(|h| to > h), "{what}: {field_id} {held:?} -> {to}");
        }
        if field.kind == FieldKind::Bool {
            assert_eq!(o["value"], true, "{what}: a bool step is to become true");
        }
        if let Some(v) = o["value"]
            .as_str()
            .and_then(|v| field.values.iter().find(|x| x.id == v))
        {
            assert!(
                v.actionable,
                "{what}: what-if offers {field_id} {}, which no one gains by effort",
                v.id
            );
        }
        let after = standing(&with_step(c, profile, field_id, &o["value"]));
        let gains = o["gains"].as_array().unwrap();
        assert!(!gains.is_empty());
        for g in gains {
            let id = g["rule"].as_str().unwrap();
            let (now, in_force) = &after[id];
            assert!(*in_force, "{what}: {id} gained out of force");
            assert_eq!(g["standing"].as_str().unwrap(), now, "{what}: {id}");
            assert!(now == "entitled" || now == "may_apply", "{what}: {id} becomes {now}");
            let was = before.get(id).map(|(s, _)| s.as_str());
            assert!(
                !matches!(was, Some("entitled" | "may_apply")),
                "{what}: {id} was already {was:?}"
            );
        }
    }
    for wait in w["waits"].as_array().unwrap() {
        let id = wait["rule"].as_str().unwrap();
        assert_eq!(before[id].0, "ineligible", "{what}: {id} waits but holds");
        let field = wait["condition"]["field"].as_str().unwrap();
        assert!(
            ["years_since_graduation", "years_in_place"].contains(&field),
            "{what}: {field}"
        );
        // On the day it is met, and not the day before, the time condition holds.
        let met = wait["met_on"].as_str().unwrap();
        let on = |date: &str| {
            let mut p = profile.clone();
            p["as_of"] = serde_json::json!(date);
            if field == "years_in_place" {
                // Years in place grow with the date: the profile's count is as of its as_of.
                let from = Date::parse(profile["as_of"].as_str().unwrap()).unwrap();
                let to = Date::parse(date).unwrap();
                let mut years = 0;
                while from.plus_years(years + 1).is_some_and(|d| d <= to) {
                    years += 1;
                }
                p["years_in_place"] = serde_json::json!(profile["years_in_place"].as_i64().unwrap() + i64::from(years));
            }
            let report = full_report(&p.to_string(), today);
            let r = report["results"]
                .as_array()
                .unwrap()
                .iter()
                .find(|r| r["rule"] == id)
                .cloned()
                .unwrap();
            (
                r["unmet"].as_array().unwrap().iter().any(|u| u["field"] == field),
                r["in_force"] == true,
            )
        };
        let (unmet_then, in_force_then) = on(met);
        assert!(!unmet_then, "{what}: {id} still waits on {met}");
        assert_eq!(wait["in_force_then"], in_force_then, "{what}: {id} in force on {met}");
        let day_before = Date::parse(met).unwrap();
        let earlier = Date::new(day_before.year() - 1, 12, 31).unwrap().to_string();
        if field == "years_since_graduation" {
            assert!(on(&earlier).0, "{what}: {id} met before {met}");
        }
    }
}

#[test]
fn what_if_offers_only_steps_of_ones_own_and_each_gain_holds() {
    let c = catalog();
    // The contract examples and every case profile.
    let mut profiles: Vec<(String, serde_json::Value)> = std::fs::read_dir(EXAMPLES)
        .unwrap()
        .map(|e| {
            let path = e.unwrap().path();
            let mut v: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
            v.as_object_mut()
                .unwrap()
                .entry("as_of")
                .or_insert(serde_json::json!("2020-06-01"));
            (path.display().to_string(), v)
        })
        .collect();
    let files: Vec<serde_json::Value> = serde_json::from_str(CASES_JSON).unwrap();
    for f in &files {
        for case in f["data"]["case"].as_array().into_iter().flatten() {
            if case.get("error").is_none() {
                profiles.push((case["name"].as_str().unwrap().to_string(), case["profile"].clone()));
            }
        }
    }
    let mut offered = 0;
    for (what, p) in &profiles {
        check_what_if(c, p, what);
        let w: serde_json::Value = serde_json::from_str(
            &api::what_if_json(catalog(), &p.to_string(), Date::new(2000, 1, 1).unwrap()).unwrap(),
        )
        .unwrap();
        offered += w["options"].as_array().unwrap().len();
    }
    assert!(
        offered > 10,
        "what-if offered only {offered} options over {} profiles",
        profiles.len()
    );
}

#[test]
fn what_if_says_when_time_meets_a_route_and_that_it_lapsed_first() {
    // The county engineer (bachelor of 2016, as of 2020-03-01) waits for the 6-year 副高 route
    // until 2022, after the plan lapsed at the end of 2020.
    let text = std::fs::read_to_string(format!("{EXAMPLES}/county-engineer.json")).unwrap();
    let w: serde_json::Value =
        serde_json::from_str(&api::what_if_json(catalog(), &text, Date::new(2000, 1, 1).unwrap()).unwrap()).unwrap();
    let wait = w["waits"]
        .as_array()
        .unwrap()
        .iter()
        .find(|x| x["rule"] == "ln.title.county_bachelor_deputy")
        .expect("the 6-year route waits");
    assert_eq!(wait["met_on"], "2022-01-01");
    assert_eq!(wait["in_force_then"], false);
    assert_eq!(wait["condition"]["field"], "years_since_graduation");
}

// ---------- totals ----------

#[test]
fn totals_count_only_eligible_in_force_entitlements_once_per_group() {
    let c = catalog();
    for place in c.places.iter().map(|p| p.id.as_str()) {
        for as_of in ["2019-06-01", "2023-06-01"] {
            let text = format!(
                r#"{{"as_of":"{as_of}","place":"{place}","education":"doctorate","full_time":true,"graduation_year":2015,"honours":["liaoning_craftsman","craftsman_technician","academician"],"entrepreneurship":["self_employed","high_tech_field"],"arrival":"newly_introduced","hukou_in_place":true,"postdoc":"completed","recent_graduate":true}}"#
            );
            let profile = Profile::from_json(c.vocab(), &text).unwrap();
            let report = report(c, &profile, Date::new(2000, 1, 1).unwrap());
            for t in &report.totals() {
                let mut expected_min = 0.0;
                let mut groups: Vec<(&str, f64)> = Vec::new();
                for r in report.results().iter().filter(|r| {
                    r.jurisdiction == t.jurisdiction
                        && r.status == Status::Eligible
                        && r.in_force
                        && r.kind == rencai::catalog::Kind::Entitlement
                }) {
                    let Some(a) = r.amount else { continue };
                    if a.unit != rencai::catalog::Unit::OneOff {
                        continue;
                    }
                    match r.exclusive {
                        None => expected_min += a.min,
                        Some(g) => match groups.iter_mut().find(|(x, _)| *x == g) {
                            Some((_, best)) => *best = best.max(a.min),
                            None => groups.push((g, a.min)),
                        },
                    }
                }
                expected_min += groups.iter().map(|(_, m)| m).sum::<f64>();
                assert_eq!(t.one_off.min, expected_min, "{place} {as_of} {}", t.jurisdiction);
            }
        }
    }
}

// ---------- snapshot ----------

/// Compares `text` with the committed snapshot `tests/snapshots/<name>`; `UPDATE_SNAPSHOTS=1`
/// rewrites it (review the diff before committing).
fn check_snapshot(name: &str, text: &str) {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/snapshots").join(name);
    if std::env::var_os("UPDATE_SNAPSHOTS").is_some() {
        std::fs::write(&path, text).unwrap();
    }
    let saved = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        saved == text,
        "{} changed; review it and rerun with UPDATE_SNAPSHOTS=1 to accept",
        path.display()
    );
}

#[test]
fn snapshot_of_a_full_report() {
    let text = std::fs::read_to_string(format!("{EXAMPLES}/liaoyang-phd.json")).unwrap();
    let value = full_report(&text, Date::new(2000, 1, 1).unwrap());
    check_snapshot(
        "liaoyang-phd.all.json",
        &(serde_json::to_string_pretty(&value).unwrap() + "\n"),
    );
}

#[test]
fn native_case_digests_match_the_golden_file_the_wasm_test_checks() {
    let digests = cases::digests(catalog(), CASES_JSON);
    assert!(digests.len() > 100, "{} digests", digests.len());
    let map: serde_json::Map<String, serde_json::Value> = digests.into_iter().map(|(k, v)| (k, v.into())).collect();
    check_snapshot(
        "cases.digests.json",
        &(serde_json::to_string_pretty(&map).unwrap() + "\n"),
    );
}

// ---------- properties ----------

/// A strategy for any valid profile: each field absent or one of its values.
fn any_profile() -> impl Strategy<Value = serde_json::Value> {
    let c = catalog();
    let mut parts: Vec<BoxedStrategy<Option<(String, serde_json::Value)>>> = Vec::new();
    for f in &c.fields {
        let id = f.id.clone();
        let value: BoxedStrategy<serde_json::Value> = match &f.kind {
            FieldKind::Date => (2015i32..2028, 1u8..13, 1u8..29)
                .prop_map(|(y, m, d)| serde_json::json!(format!("{y:04}-{m:02}-{d:02}")))
                .boxed(),
            FieldKind::Place => proptest::sample::select(c.places.iter().map(|p| p.id.clone()).collect::<Vec<_>>())
                .prop_map(|s| serde_json::json!(s))
                .boxed(),
            FieldKind::Enum { .. } => {
                proptest::sample::select(f.value_ids().iter().map(|s| s.to_string()).collect::<Vec<_>>())
                    .prop_map(|s| serde_json::json!(s))
                    .boxed()
            }
            FieldKind::Set => proptest::sample::subsequence(
                f.value_ids().iter().map(|s| s.to_string()).collect::<Vec<_>>(),
                0..=f.values.len().min(4),
            )
            .prop_map(|v| serde_json::json!(v))
            .boxed(),
            FieldKind::Bool => any::<bool>().prop_map(|b| serde_json::json!(b)).boxed(),
            FieldKind::Int { min, max } => (*min..=*max).prop_map(|n| serde_json::json!(n)).boxed(),
        };
        parts.push(proptest::option::weighted(0.5, value.prop_map(move |v| (id.clone(), v))).boxed());
    }
    parts.prop_map(|kv| serde_json::Value::Object(kv.into_iter().flatten().collect()))
}

/// Profile text as a page, a portal or a hostile caller might send it: each entry a known field
/// (or now and then an unknown, escaped, empty or white-space-padded key), given once or repeated,
/// with a value its field accepts (most of the time), or one at or past its bounds, `null`, of the
/// wrong type, fractional, escaped, with white space or a control character inside its quotes, or
/// of another field; white space of any kind between tokens.
fn any_profile_text() -> impl Strategy<Value = String> {
    let c = catalog();
    let mut junk: Vec<String> = [
        "null",
        "true",
        "false",
        "31",
        "-0",
        "31.0",
        "1e2",
        "18446744073709551615",
        "\"2019-02-30\"",
        "\"x\"",
        "\"\\u0064octorate\"",
        "[]",
        "[\"x\"]",
        "[null]",
        "{}",
        "[[]]",
    ]
    .map(String::from)
    .to_vec();
    junk.extend(c.places.iter().take(2).map(|p| format!("\"{}\"", p.id)));
    let mut entries: Vec<BoxedStrategy<String>> = Vec::new();
    for f in &c.fields {
        let mut good: Vec<String> = match &f.kind {
            FieldKind::Date => vec!["\"2019-06-01\"".into(), "\"2024-02-29\"".into()],
            FieldKind::Place => c.places.iter().map(|p| format!("\"{}\"", p.id)).collect(),
            FieldKind::Enum { .. } => f.value_ids().iter().map(|v| format!("\"{v}\"")).collect(),
            FieldKind::Set => {
                let ids = f.value_ids();
                vec![
                    format!("[\"{}\"]", ids[0]),
                    format!("[\"{}\", \"{}\"]", ids[ids.len() - 1], ids[0]),
                    "[]".into(),
                ]
            }
            FieldKind::Bool => vec!["true".into(), "false".into()],
            FieldKind::Int { min, max } => vec![min.to_string(), max.to_string(), ((min + max) / 2).to_string()],
        };
        let mut bad = junk.clone();
        if let FieldKind::Int { min, max } = f.kind {
            bad.extend([min - 1, max + 1].map(|n| n.to_string()));
        }
        // A right value with white space or a control character inside its quotes: raw ones are
        // not JSON, a space is a value no field has.
        if let Some(v) = good.iter().find(|v| v.starts_with('"')) {
            let open = &v[..v.len() - 1];
            bad.extend(["\n", "\t", "\r", " ", "\u{1}"].map(|w| format!("{open}{w}\"")));
        }
        good.push("null".into());
        let keys = proptest::sample::select(vec![
            format!("\"{}\"", f.id),
            format!("\"{}\"", f.id),
            format!("\"{}\"", f.id),
            format!("\"{}\t\"", f.id),
            format!("\"{} \"", f.id),
        ]);
        entries.push(
            (
                keys,
                prop_oneof![4 => proptest::sample::select(good), 1 => proptest::sample::select(bad)],
                space(),
                space(),
            )
                .prop_map(|(key, v, a, b)| format!("{key}{a}:{b}{v}"))
                .boxed(),
        );
    }
    let odd_keys = proptest::sample::select(vec!["\"bogus\"", "\"__proto__\"", "\"\\u0061ge\"", "\"\""]);
    entries.push(odd_keys.prop_map(|k| format!("{k}: 1")).boxed());
    let entry = proptest::sample::select((0..entries.len()).collect::<Vec<_>>());
    let entries = std::rc::Rc::new(entries);
    proptest::collection::vec(entry, 0..10)
        .prop_flat_map(move |picked| picked.into_iter().map(|i| entries[i].clone()).collect::<Vec<_>>())
        .prop_flat_map(|body| (Just(body), space(), space()))
        .prop_map(|(body, a, b)| format!("{a}{{{}}}{b}", body.join(",\n ")))
}

/// White space between JSON tokens, as any writer might put it (or none).
fn space() -> impl Strategy<Value = &'static str> {
    proptest::sample::select(vec!["", "", " ", "\n", "\t", "\r\n  "])
}

/// The general reading of profile text: parsed into a JSON value, then validated.
fn read_generally(text: &str) -> Option<Result<Profile, rencai::ProfileError>> {
    let value: serde_json::Value = serde_json::from_str(text).ok()?;
    Some(Profile::from_value(catalog().vocab(), &value))
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 2048, .. ProptestConfig::default() })]

    /// Whatever the text, the fast reading answers only as the general one would, and
    /// `from_json` (fast, else general) answers, or words the error, exactly as the general one.
    #[test]
    fn the_direct_reading_never_differs_from_the_general_one(text in any_profile_text()) {
        let general = read_generally(&text);
        if let Some(direct) = Profile::read_plain(catalog().vocab(), &text) {
            prop_assert_eq!(Some(Ok(direct)), general.clone(), "{}", text);
        }
        let answer = Profile::from_json(catalog().vocab(), &text);
        match general {
            Some(g) => prop_assert_eq!(answer, g, "{}", text),
            None => prop_assert!(answer.is_err(), "{}", text),
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, .. ProptestConfig::default() })]

    #[test]
    fn no_profile_makes_evaluation_panic(profile in any_profile()) {
        let text = profile.to_string();
        let json = api::eval_json(catalog(), &text, Date::new(2020, 1, 1).unwrap(), Options { all: true, full: false });
        prop_assert!(json.is_ok(), "{:?}", json.err());
        prop_assert!(api::compare_json(catalog(), &text, Date::new(2020, 1, 1).unwrap()).is_ok());
    }

    /// The fast reading of a profile (no JSON value built) answers for every valid profile, and
    /// as the general reading does.
    #[test]
    fn valid_profiles_are_read_directly_and_as_the_general_reading_reads_them(profile in any_profile()) {
        let text = profile.to_string();
        let direct = Profile::read_plain(catalog().vocab(), &text);
        prop_assert!(direct.is_some(), "not read directly: {text}");
        prop_assert_eq!(Some(Ok(direct.unwrap())), read_generally(&text));
    }

    #[test]
    fn arbitrary_text_never_panics(text in ".{0,200}") {
        let _ = api::eval_json(catalog(), &text, Date::new(2020, 1, 1).unwrap(), Options::default());
    }

    #[test]
    fn arbitrary_json_values_never_panic(key in "[a-z_]{1,16}", n in any::<i64>(), s in ".{0,12}") {
        for v in [serde_json::json!(n), serde_json::json!(s), serde_json::json!([s.clone(), n]), serde_json::json!({"k": n}), serde_json::json!(null), serde_json::json!(1.5)] {
            let text = serde_json::json!({ key.clone(): v }).to_string();
            let _ = api::eval_json(catalog(), &text, Date::new(2020, 1, 1).unwrap(), Options::default());
        }
    }

    /// Adding a fact never turns an eligible result into anything else (three-valued logic is
    /// monotone; a new fact can only contradict a condition that was unknown, and an eligible
    /// result has none).
    #[test]
    fn adding_a_fact_never_unsettles_an_eligible_result(base in any_profile(), extra in any_profile()) {
        let c = catalog();
        let today = Date::new(2020, 1, 1).unwrap();
        let before = Profile::from_value(c.vocab(), &base).unwrap();
        let mut merged = base.as_object().unwrap().clone();
        for (k, v) in extra.as_object().unwrap() {
            merged.entry(k.clone()).or_insert(v.clone());
        }
        let after = Profile::from_value(c.vocab(), &serde_json::Value::Object(merged)).unwrap();
        let r1 = report(c, &before, today);
        let r2 = report(c, &after, today);
        let as_of_same = before.as_of.or(Some(today)) == after.as_of.or(Some(today));
        for r in r1.results().iter().filter(|r| r.status == Status::Eligible) {
            if let Some(r2) = r2.results().iter().find(|x| x.rule == r.rule) {
                // A later as_of may move years since graduation: then only compare when the date is unchanged.
                if as_of_same {
                    prop_assert_eq!(r2.status, Status::Eligible, "{} after adding facts", r.rule);
                }
            }
        }
    }
}

/// The form's plan (`rencai form`, the page's order): the facts that settle most at a place
/// first, and a set describing the place offers only the values its rules test.
#[test]
fn the_form_plan_asks_first_what_decides_at_the_place_and_offers_only_its_own_kinds_of_place() {
    let c = catalog();
    let today = Date::parse("2026-01-01").unwrap();
    let plan = |profile: &str| -> serde_json::Value {
        serde_json::from_str(&api::form_json(c, profile, today).expect("a valid profile")).unwrap()
    };
    let field = |p: &serde_json::Value, id: &str| -> serde_json::Value {
        p["fields"]
            .as_array()
            .unwrap()
            .iter()
            .find(|f| f["id"] == id)
            .cloned()
            .unwrap_or_else(|| panic!("{id} in the plan"))
    };
    let first = |p: &serde_json::Value| -> Vec<String> {
        p["fields"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|f| f["first"] == true)
            .map(|f| f["id"].as_str().unwrap().to_string())
            .collect()
    };
    // In 辽宁 while its plan was in force, 县域 decides the 职称 routes: on the first screen, with
    // 辽西北 beside it; the place is always asked first.
    let liaoning = plan(r#"{"place":"210000","as_of":"2020-03-01"}"#);
    assert_eq!(first(&liaoning)[0], "place");
    assert!(
        first(&liaoning).contains(&"place_flags".to_string()),
        "{:?}",
        first(&liaoning)
    );
    let flags = field(&liaoning, "place_flags");
    assert_eq!(flags["values"], serde_json::json!(["county", "liaoxibei"]));
    assert_eq!(flags["others"], false);
    // 青海's foreign-expert rules read nationality.
    assert!(first(&plan(r#"{"place":"630000"}"#)).contains(&"nationality".to_string()));
    // 辽西北 is offered nowhere else, not even apart.
    for place in ["430200", "310114", "630000", "330000"] {
        let p = plan(&format!(r#"{{"place":"{place}"}}"#));
        let flags = field(&p, "place_flags");
        assert_eq!(flags["others"], false);
        assert!(
            !flags["values"].as_array().unwrap().iter().any(|v| v == "liaoxibei"),
            "{place}: {flags}"
        );
    }
    // Honours are held, not places: those not tested here are still offered apart.
    assert_eq!(field(&plan(r#"{"place":"430200"}"#), "honours")["others"], true);
    // Without a place: the vocabulary's own first screen, every value.
    let none = plan("{}");
    assert!(none["fields"].as_array().unwrap().iter().all(|f| f["values"].is_null()));
    assert_eq!(first(&none).first().map(String::as_str), Some("place"));
}

/// The package's `Condition` type is declared from `rencai_core::ts::ConditionShape`; every
/// condition of every rule, as it serializes, reads back into that shape (so the declaration says
/// what the serializer writes).
#[test]
fn every_condition_serializes_as_its_typescript_declaration_says() {
    let mut read = 0;
    for rule in &catalog().rules {
        for c in &rule.when {
            let json = serde_json::to_value(c).expect("a condition serializes");
            let shape: Result<rencai_core::ts::ConditionShape, _> = serde_json::from_value(json.clone());
            assert!(
                shape.is_ok(),
                "{}: {json} is not a Condition: {:?}",
                rule.id,
                shape.err()
            );
            read += 1;
        }
    }
    assert!(read > 300, "only {read} conditions read");
}

/// The declarations name every contract type the package's functions return, and the profile
/// with each vocabulary field (a field added to fields.toml is typed at once).
#[test]
fn the_typescript_declarations_cover_the_contract_and_the_vocabulary() {
    let c = catalog();
    let d = rencai_core::ts::declarations(c);
    for ty in [
        "Report",
        "RuleResult",
        "Standing",
        "Comparison",
        "WhatIf",
        "Place",
        "Schema",
        "FormPlan",
        "Profile",
        "EvaluateOptions",
        "ProfileErrorFields",
    ] {
        assert!(d.contains(&format!("export type {ty} = ")), "{ty} is not declared");
    }
    for f in &c.fields {
        assert!(d.contains(&format!("  {}?: ", f.id)), "Profile lacks {}", f.id);
    }
    assert!(
        !d.contains(": any") && !d.contains("<any>"),
        "no any in the declarations"
    );
}

// ---------- the decision path ----------

/// A report rebuilt from a decision and the page catalogue, as the package's `report()` does.
fn join(decision: &serde_json::Value, page: &serde_json::Value) -> serde_json::Value {
    use serde_json::{json, Value};
    let results: Vec<Value> = decision["results"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            let s = &page["rules"][d[0].as_u64().unwrap() as usize];
            let mut r = s.as_object().unwrap().clone();
            r.remove("conditions");
            r.insert("status".into(), d[1].clone());
            r.insert("standing".into(), d[2].clone());
            r.insert("in_force".into(), d[3].clone());
            let unmet = d[4]
                .as_array()
                .unwrap()
                .iter()
                .map(|k| s["conditions"][k.as_u64().unwrap() as usize].clone());
            r.insert("unmet".into(), Value::Array(unmet.collect()));
            r.insert("missing".into(), d[5].clone());
            Value::Object(r)
        })
        .collect();
    let documents: Vec<Value> = decision["documents"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            let mut doc = page["documents"][d[0].as_u64().unwrap() as usize]
                .as_object()
                .unwrap()
                .clone();
            doc.insert("in_force".into(), d[1].clone());
            Value::Object(doc)
        })
        .collect();
    json!({
        "contract": decision["contract"],
        "as_of": decision["as_of"],
        "place": decision["place"].as_u64().map_or(Value::Null, |p| page["places"][p as usize].clone()),
        "results": results,
        "totals": decision["totals"],
        "total": decision["total"],
        "counts": decision["counts"],
        "documents": documents,
    })
}

/// Every profile the contract and the cases hold, with the day to judge it on.
fn every_profile() -> Vec<(String, String, Date)> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(EXAMPLES).expect("../shared/contract/examples") {
        let path = entry.unwrap().path();
        let text = std::fs::read_to_string(&path).unwrap();
        out.push((path.display().to_string(), text, Date::new(2020, 1, 1).unwrap()));
    }
    let files: Vec<serde_json::Value> = serde_json::from_str(CASES_JSON).unwrap();
    for f in &files {
        for case in f["data"]["case"].as_array().into_iter().flatten() {
            if case.get("error").is_none() {
                let name = case["name"].as_str().unwrap_or("").to_string();
                out.push((name, case["profile"].to_string(), Date::new(2021, 6, 1).unwrap()));
            }
        }
    }
    out
}

#[test]
fn a_decision_joined_with_the_page_catalogue_is_the_report() {
    let c = catalog();
    let page: serde_json::Value = serde_json::from_str(&api::page_catalog_json(c)).unwrap();
    let mut n = 0;
    for (name, text, today) in every_profile() {
        for options in [Options::default(), Options { all: true, full: false }] {
            let report: serde_json::Value =
                serde_json::from_str(&api::eval_json(c, &text, today, options).unwrap()).unwrap();
            let decision: serde_json::Value =
                serde_json::from_str(&api::decide_json(c, &text, today, options).unwrap()).unwrap();
            assert_eq!(join(&decision, &page), report, "{name} ({options:?})");
            n += 1;
        }
    }
    assert!(n > 200, "{n} reports");
    // A decision is what changes per keystroke: a small part of the report.
    let phd = std::fs::read_to_string(format!("{EXAMPLES}/liaoyang-phd.json")).unwrap();
    let today = Date::new(2019, 6, 1).unwrap();
    let all = Options { all: true, full: false };
    let (r, d) = (
        api::eval_json(c, &phd, today, all).unwrap(),
        api::decide_json(c, &phd, today, all).unwrap(),
    );
    assert!(d.len() * 8 < r.len(), "decision {} B vs report {} B", d.len(), r.len());
}

#[test]
fn a_decision_rejects_bad_input_as_the_report_does() {
    let c = catalog();
    let today = Date::new(2020, 1, 1).unwrap();
    for bad in [
        r#"{"degree":"phd?"}"#,
        r#"{"place":"999999"}"#,
        "[1]",
        "{",
        r#"{"nonsense":1}"#,
    ] {
        let a = api::eval_json(c, bad, today, Options::default()).unwrap_err();
        let b = api::decide_json(c, bad, today, Options::default()).unwrap_err();
        assert_eq!(a.to_string(), b.to_string());
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 128, .. ProptestConfig::default() })]

    #[test]
    fn any_profiles_decision_joins_back_into_its_report(profile in any_profile(), all in any::<bool>()) {
        let c = catalog();
        let page: serde_json::Value = serde_json::from_str(&api::page_catalog_json(c)).unwrap();
        let text = profile.to_string();
        let today = Date::new(2020, 1, 1).unwrap();
        let options = Options { all, full: false };
        let report: serde_json::Value = serde_json::from_str(&api::eval_json(c, &text, today, options).unwrap()).unwrap();
        let decision: serde_json::Value = serde_json::from_str(&api::decide_json(c, &text, today, options).unwrap()).unwrap();
        prop_assert_eq!(join(&decision, &page), report);
    }
}

#[test]
fn the_report_written_from_pieces_is_the_serde_text_byte_for_byte() {
    let c = catalog();
    let pieces = rencai::embedded_pieces().unwrap();
    let mut n = 0;
    for (name, text, today) in every_profile() {
        for options in [
            Options::default(),
            Options { all: true, full: false },
            Options { all: true, full: true },
        ] {
            let want = api::eval_json(c, &text, today, options).unwrap();
            let got = api::eval_json_with(c, pieces, &text, today, options).unwrap();
            assert!(got == want, "{name} ({options:?}): pieces differ from serde");
            n += 1;
        }
    }
    assert!(n > 300, "{n} reports");
    // Bad input is refused the same way.
    let bad = r#"{"degree":"phd?"}"#;
    let today = Date::new(2020, 1, 1).unwrap();
    assert_eq!(
        api::eval_json(c, bad, today, Options::default())
            .unwrap_err()
            .to_string(),
        api::eval_json_with(c, pieces, bad, today, Options::default())
            .unwrap_err()
            .to_string()
    );
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 128, .. ProptestConfig::default() })]

    #[test]
    fn any_profiles_report_from_pieces_is_the_serde_text(profile in any_profile(), all in any::<bool>(), full in any::<bool>()) {
        let text = profile.to_string();
        let today = Date::new(2021, 3, 1).unwrap();
        let options = Options { all, full };
        let want = api::eval_json(catalog(), &text, today, options).unwrap();
        let got = api::eval_json_with(catalog(), rencai::embedded_pieces().unwrap(), &text, today, options).unwrap();
        prop_assert!(got == want);
    }
}
