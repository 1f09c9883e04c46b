//! The one integration test binary: the catalogue, the table-driven cases, the CLI contract,
//! property tests and a snapshot of a full report. (The same cases run in wasm: tests/wasm.rs.)
#![cfg(not(target_arch = "wasm32"))]

use std::path::Path;
use std::process::{Command, Output};

use proptest::prelude::*;
use rencai::catalog::FieldKind;
use rencai::{api, cases, evaluate, Catalog, Date, Options, Profile, Status};

const CASES_JSON: &str = include_str!(concat!(env!("OUT_DIR"), "/cases.json"));
const EXAMPLES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../shared/contract/examples");

fn catalog() -> &'static Catalog {
    Catalog::embedded().unwrap_or_else(|e| panic!("the embedded catalogue must validate: {e}"))
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

fn fixture(rule: &str) -> Result<Catalog, rencai::CatalogError> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("rules");
    let load = |name: &str| -> serde_json::Value {
        let v: toml::Value = toml::from_str(&std::fs::read_to_string(root.join(name)).unwrap()).unwrap();
        serde_json::to_value(v).unwrap()
    };
    let doc: toml::Value = toml::from_str(&format!(
        "[document]\nid = \"x\"\ntitle_zh = \"x\"\ntitle_en = \"x\"\nissuer = \"x\"\nperiod = \"not stated\"\njurisdiction = \"210000\"\nkind = \"policy\"\n[[clause]]\nid = \"1\"\nindividual = true\n{rule}"
    ))
    .unwrap();
    let docs =
        vec![serde_json::json!({"file": "rules/x.toml", "stem": "x", "data": serde_json::to_value(doc).unwrap()})];
    Catalog::from_parts(&load("fields.toml"), &load("places.toml"), &docs)
}

/// The catalogue straight from the TOML files on disk, through the validator (no codec).
fn catalog_from_disk() -> Catalog {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("rules");
    let load = |path: &Path| -> serde_json::Value {
        let v: toml::Value = toml::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
        serde_json::to_value(v).unwrap()
    };
    let mut files: Vec<_> = std::fs::read_dir(&root).unwrap().map(|e| e.unwrap().path()).collect();
    files.sort();
    let docs: Vec<serde_json::Value> = files
        .iter()
        .filter(|p| p.extension().is_some_and(|x| x == "toml"))
        .filter(|p| !["fields", "places"].contains(&p.file_stem().unwrap().to_str().unwrap()))
        .map(|p| {
            let stem = p.file_stem().unwrap().to_str().unwrap();
            serde_json::json!({"file": format!("rules/{stem}.toml"), "stem": stem, "data": load(p)})
        })
        .collect();
    Catalog::from_parts(
        &load(&root.join("fields.toml")),
        &load(&root.join("places.toml")),
        &docs,
    )
    .unwrap()
}

#[test]
fn the_embedded_catalogue_is_the_rules_on_disk() {
    // The compact embedded form (codec.rs) must say exactly what the validated TOML says.
    let disk = catalog_from_disk();
    let today = Date::new(2019, 6, 1).unwrap();
    for entry in std::fs::read_dir(EXAMPLES).unwrap() {
        let text = std::fs::read_to_string(entry.unwrap().path()).unwrap();
        let (a, b) = (catalog(), &disk);
        let pa = Profile::from_json(a, &text).unwrap();
        let pb = Profile::from_json(b, &text).unwrap();
        let ra = serde_json::to_string(&evaluate(a, &pa, today, Options { all: true })).unwrap();
        let rb = serde_json::to_string(&evaluate(b, &pb, today, Options { all: true })).unwrap();
        assert_eq!(ra, rb);
    }
    assert_eq!(catalog().rules.len(), disk.rules.len());
    assert_eq!(
        catalog().documents.iter().map(|d| d.clauses.len()).sum::<usize>(),
        disk.documents.iter().map(|d| d.clauses.len()).sum::<usize>()
    );
}

const GOOD_RULE: &str = "[[rule]]\nid = \"x.r\"\nkind = \"entitlement\"\ncategory = \"cash\"\ntitle_zh = \"x\"\ntitle_en = \"x\"\nclause = \"1\"\nquote = \"x\"\n";

#[test]
fn a_malformed_rule_is_rejected_with_file_and_rule_id() {
    assert!(fixture(GOOD_RULE).is_ok(), "{:?}", fixture(GOOD_RULE).err());
    let cases = [
        (format!("{GOOD_RULE}colour = \"red\"\n"), "unknown field `colour`"),
        (
            format!("{GOOD_RULE}when = [{{ field = \"educaton\", at_least = \"bachelor\" }}]\n"),
            "unknown field \"educaton\"",
        ),
        (
            format!("{GOOD_RULE}when = [{{ field = \"education\", at_least = \"phd\" }}]\n"),
            "unknown value \"phd\"",
        ),
        (
            format!("{GOOD_RULE}when = [{{ field = \"education\", above = \"master\" }}]\n"),
            "unknown key \"above\"",
        ),
        (
            format!("{GOOD_RULE}when = [{{ field = \"postdoc\", at_least = \"none\" }}]\n"),
            "does not apply to a enum",
        ),
        (GOOD_RULE.replace("quote = \"x\"\n", ""), "missing field `quote`"),
        (GOOD_RULE.replace("quote = \"x\"", "quote = \" \""), "quote is empty"),
        (
            GOOD_RULE.replace("clause = \"1\"", "clause = \"9\""),
            "clause \"9\" is not listed",
        ),
        (
            format!("{GOOD_RULE}amount = {{ unit = \"monthly\", min = 1 }}\n"),
            "unknown value \"monthly\"",
        ),
    ];
    let honour = "[[value]]\nfield = \"honours\"\nid = \"x_star\"\nzh = \"x\"\nen = \"x\"\n";
    let err = fixture(&format!("{honour}{GOOD_RULE}"))
        .expect_err("honour without jurisdiction")
        .to_string();
    assert!(
        err.contains("[[value]] x_star: an honour needs the jurisdiction"),
        "{err}"
    );
    for (text, needle) in cases {
        let err = fixture(&text).expect_err(needle).to_string();
        assert!(err.starts_with("rules/x.toml: rule x.r: "), "{err}");
        assert!(err.contains(needle), "expected {needle:?} in {err}");
    }
}

// ---------- table-driven cases ----------

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

#[test]
fn every_contract_example_yields_a_contract_1_report() {
    let mut seen = 0;
    for entry in std::fs::read_dir(EXAMPLES).expect("../shared/contract/examples") {
        let path = entry.unwrap().path();
        let out = rencai(&["eval", path.to_str().unwrap()], None);
        assert!(out.status.success(), "{}: {}", path.display(), stderr(&out));
        let report: serde_json::Value = serde_json::from_str(&stdout(&out)).expect("JSON");
        assert_eq!(report["contract"], 1);
        for r in report["results"].as_array().expect("results") {
            for key in [
                "rule",
                "jurisdiction",
                "document",
                "kind",
                "category",
                "status",
                "in_force",
                "title_zh",
                "title_en",
                "amount",
                "title_level",
                "route",
                "unmet",
                "missing",
                "source",
            ] {
                assert!(r.get(key).is_some(), "{}: result lacks {key}: {r}", path.display());
            }
            assert_ne!(r["status"], "ineligible", "default reports hold no ineligible results");
            assert!(r["source"]["quote"].as_str().is_some_and(|q| !q.is_empty()));
        }
        assert!(report["totals"].is_array());
        seen += 1;
    }
    assert!(seen >= 4);
}

#[test]
fn cli_and_library_json_are_identical() {
    let text = std::fs::read_to_string(format!("{EXAMPLES}/liaoyang-phd.json")).unwrap();
    let out = rencai(&["eval", "-", "--all"], Some(&text));
    let lib = api::eval_json(&text, Date::new(2000, 1, 1).unwrap(), Options { all: true }).unwrap();
    assert_eq!(stdout(&out).trim_end(), lib);
    let out = rencai(&["compare", "-"], Some(&text));
    assert_eq!(
        stdout(&out).trim_end(),
        api::compare_json(&text, Date::new(2000, 1, 1).unwrap()).unwrap()
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
        let profile = Profile::from_json(c, &text).unwrap();
        let report = evaluate(c, &profile, Date::new(2022, 6, 1).unwrap(), Options { all: true });
        let chain: Vec<&str> = place.chain.iter().map(|i| c.places[*i].id.as_str()).collect();
        assert_eq!(report.place.as_ref().map(|p| p.chain.clone()), Some(chain.clone()));
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
        let profile = Profile::from_json(c, &format!(r#"{{"as_of":"2022-06-01","place":"{id}"}}"#)).unwrap();
        evaluate(c, &profile, Date::new(2022, 6, 1).unwrap(), Options { all: true })
    };
    let (gxq, jiading, zhejiang) = (at("211000-gxq"), at("310114"), at("330000"));
    assert!(
        gxq.results().iter().any(|r| r.rule.starts_with("gxq."))
            && gxq.results().iter().any(|r| r.rule.starts_with("ln."))
    );
    assert!(jiading.results().iter().all(|r| r.rule.starts_with("jd.")) && !jiading.outcomes.is_empty());
    assert!(zhejiang.results().iter().all(|r| r.rule.starts_with("zj.")) && !zhejiang.outcomes.is_empty());
}

#[test]
fn compare_ranks_every_place_by_first_year_value() {
    let out = rencai(&["compare", &format!("{EXAMPLES}/liaoyang-phd.json")], None);
    let v: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
    let rows = v["rows"].as_array().unwrap();
    assert_eq!(rows.len(), catalog().places.len());
    let keys: Vec<f64> = rows.iter().map(|r| r["first_year_min"].as_f64().unwrap()).collect();
    assert!(keys.windows(2).all(|w| w[0] >= w[1]), "{keys:?}");
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
fn coverage_fails_on_an_untouched_individual_clause_only() {
    let untouched = |individual: bool| {
        let c = fixture(&format!(
            "{GOOD_RULE}[[clause]]\nid = \"2\"\nindividual = {individual}\n"
        ))
        .unwrap();
        let (json, ok) = api::coverage(&c);
        (
            json["documents"][0]["clauses"][1]["status"]
                .as_str()
                .unwrap_or("")
                .to_string(),
            ok,
        )
    };
    assert_eq!(untouched(true), ("untouched".to_string(), false));
    assert_eq!(untouched(false), ("untouched".to_string(), true));
    let c = fixture(&format!(
        "{GOOD_RULE}[[clause]]\nid = \"2\"\nindividual = true\nnot_encoded = \"why\"\n"
    ))
    .unwrap();
    let (json, ok) = api::coverage(&c);
    assert!(ok);
    assert_eq!(json["documents"][0]["clauses"][0]["rules"][0], "x.r");
    assert_eq!(json["documents"][0]["clauses"][1]["status"], "not_encoded");
}

#[test]
fn schema_lists_every_field_with_labels_in_both_languages() {
    let v: serde_json::Value = serde_json::from_str(&api::schema_json().unwrap()).unwrap();
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

#[test]
fn what_if_names_the_fact_and_what_it_would_gain() {
    let text = std::fs::read_to_string(format!("{EXAMPLES}/liaoyang-phd.json")).unwrap();
    let v: serde_json::Value =
        serde_json::from_str(&api::what_if_json(&text, Date::new(2000, 1, 1).unwrap()).unwrap()).unwrap();
    let options = v["options"].as_array().unwrap();
    let completed = options
        .iter()
        .find(|o| o["field"] == "postdoc" && o["value"] == "completed")
        .expect("postdoc completed");
    let gains: Vec<&str> = completed["gains"]
        .as_array()
        .unwrap()
        .iter()
        .map(|g| g["rule"].as_str().unwrap())
        .collect();
    assert_eq!(gains, ["ln.title.postdoc_completed_direct"]);
    // Every gain is not eligible now and eligible with the fact.
    let c = catalog();
    let base = Profile::from_json(c, &text).unwrap();
    let before = evaluate(c, &base, Date::new(2000, 1, 1).unwrap(), Options { all: true });
    for o in options {
        let mut changed: serde_json::Value = serde_json::from_str(&text).unwrap();
        let field = o["field"].as_str().unwrap();
        match changed[field].as_array_mut() {
            Some(held) => held.push(o["value"].clone()),
            None if c.fields.iter().any(|f| f.id == field && f.kind == FieldKind::Set) => {
                changed[field] = serde_json::json!([o["value"]])
            }
            None => changed[field] = o["value"].clone(),
        }
        let after = evaluate(
            c,
            &Profile::from_value(c, &changed).unwrap(),
            Date::new(2000, 1, 1).unwrap(),
            Options { all: true },
        );
        for g in o["gains"].as_array().unwrap() {
            let id = g["rule"].as_str().unwrap();
            let status = |r: &rencai::Report| r.outcomes.iter().find(|x| x.rule.id == id).map(|x| x.status);
            assert_ne!(status(&before), Some(Status::Eligible), "{id} was already eligible");
            assert_eq!(
                status(&after),
                Some(Status::Eligible),
                "{id} with {field} = {}",
                o["value"]
            );
        }
    }
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
            let profile = Profile::from_json(c, &text).unwrap();
            let report = evaluate(c, &profile, Date::new(2000, 1, 1).unwrap(), Options { all: true });
            for t in &report.totals {
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
    let json = api::eval_json(&text, Date::new(2000, 1, 1).unwrap(), Options { all: true }).unwrap();
    let value: serde_json::Value = serde_json::from_str(&json).unwrap();
    check_snapshot(
        "liaoyang-phd.all.json",
        &(serde_json::to_string_pretty(&value).unwrap() + "\n"),
    );
}

#[test]
fn native_case_digests_match_the_golden_file_the_wasm_test_checks() {
    let digests = cases::digests(CASES_JSON);
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

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, .. ProptestConfig::default() })]

    #[test]
    fn no_profile_makes_evaluation_panic(profile in any_profile()) {
        let text = profile.to_string();
        let json = api::eval_json(&text, Date::new(2020, 1, 1).unwrap(), Options { all: true });
        prop_assert!(json.is_ok(), "{:?}", json.err());
        prop_assert!(api::compare_json(&text, Date::new(2020, 1, 1).unwrap()).is_ok());
    }

    #[test]
    fn arbitrary_text_never_panics(text in ".{0,200}") {
        let _ = api::eval_json(&text, Date::new(2020, 1, 1).unwrap(), Options::default());
    }

    #[test]
    fn arbitrary_json_values_never_panic(key in "[a-z_]{1,16}", n in any::<i64>(), s in ".{0,12}") {
        for v in [serde_json::json!(n), serde_json::json!(s), serde_json::json!([s.clone(), n]), serde_json::json!({"k": n}), serde_json::json!(null), serde_json::json!(1.5)] {
            let text = serde_json::json!({ key.clone(): v }).to_string();
            let _ = api::eval_json(&text, Date::new(2020, 1, 1).unwrap(), Options::default());
        }
    }

    /// Adding a fact never turns an eligible result into anything else (three-valued logic is
    /// monotone; a new fact can only contradict a condition that was unknown, and an eligible
    /// result has none).
    #[test]
    fn adding_a_fact_never_unsettles_an_eligible_result(base in any_profile(), extra in any_profile()) {
        let c = catalog();
        let today = Date::new(2020, 1, 1).unwrap();
        let before = Profile::from_value(c, &base).unwrap();
        let mut merged = base.as_object().unwrap().clone();
        for (k, v) in extra.as_object().unwrap() {
            merged.entry(k.clone()).or_insert(v.clone());
        }
        let after = Profile::from_value(c, &serde_json::Value::Object(merged)).unwrap();
        let r1 = evaluate(c, &before, today, Options { all: true });
        let r2 = evaluate(c, &after, today, Options { all: true });
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
