//! The rules data as an analyst meets it: every kind of problem in a rules file reported at its
//! file:line:column with the rule and what is accepted, `rencai check DIR` and
//! `rencai eval --rules DIR` on the built binary (no rebuild), the formatter, and the embedded
//! catalogue being exactly the rules on disk.
#![cfg(not(target_arch = "wasm32"))]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use rencai::{api, evaluate, Date, Options, Profile, Report};
use rencai_rules::File;

const ROOT: &str = env!("CARGO_MANIFEST_DIR");
const EXAMPLES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../shared/contract/examples");

/// A small document in the canonical layout: two clauses, an entitlement and an application.
const DOC: &str = r#"# A test document.

[document]
id = "x"
title_zh = "测试文件"
title_en = "Test document"
issuer = "测试"
period = "not stated"
jurisdiction = "210000"
kind = "policy"

[[clause]]
id = "一"
starts = "一、甲条"
individual = true

[[clause.rule]]
id = "x.a"
kind = "entitlement"
category = "cash"
title_zh = "甲"
title_en = "A"
when = [
  { field = "education", at_least = "bachelor" },
]
amount = { one_off = 100000 }
quote = "给予每人10万元补贴"

[[clause]]
id = "二"
starts = "二、乙条"
individual = true

[[clause.rule]]
id = "x.b"
kind = "application"
category = "cash"
title_zh = "乙"
title_en = "B"
quote = "给予每人20万元补贴"
requires = [
  { zh = "择优遴选", en = "selection" },
]
"#;

const SOURCE: &str = "一、甲条。给予每人10万元补贴。二、乙条。给予每人20万元补贴。";

/// A fresh folder holding `rules/` (the real vocabulary and the given documents) and `sources/`.
struct Folder {
    root: PathBuf,
}

impl Folder {
    fn new(name: &str, docs: &[(&str, &str, &str)]) -> Folder {
        let root = std::env::temp_dir().join(format!("rencai-rules-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&root);
        std::fs::create_dir_all(root.join("rules")).unwrap();
        std::fs::create_dir_all(root.join("sources")).unwrap();
        for f in ["fields.toml", "places.toml"] {
            std::fs::copy(Path::new(ROOT).join("rules").join(f), root.join("rules").join(f)).unwrap();
        }
        let folder = Folder { root };
        for (stem, text, source) in docs {
            folder.write(stem, text);
            std::fs::write(folder.root.join("sources").join(format!("{stem}.txt")), source).unwrap();
        }
        folder
    }

    fn rules(&self) -> PathBuf {
        self.root.join("rules")
    }

    fn write(&self, stem: &str, text: &str) {
        std::fs::write(self.rules().join(format!("{stem}.toml")), text).unwrap();
    }
}

impl Drop for Folder {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.root);
    }
}

fn rencai(args: &[&str], stdin: Option<&str>) -> Output {
    use std::io::Write;
    let mut child = Command::new(env!("CARGO_BIN_EXE_rencai"))
        .args(args)
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("the rencai binary runs");
    if let Some(text) = stdin {
        child.stdin.take().unwrap().write_all(text.as_bytes()).unwrap();
    }
    drop(child.stdin.take());
    child.wait_with_output().unwrap()
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).to_string()
}

/// The problems `rencai check DIR` reports for the fixture document with one edit.
fn problems(name: &str, edit: impl Fn(&str) -> String) -> (String, String) {
    let doc = edit(DOC);
    let folder = Folder::new(name, &[("x", &doc, SOURCE)]);
    let out = rencai(&["check", folder.rules().to_str().unwrap()], None);
    assert_eq!(
        out.status.code(),
        Some(1),
        "{name}: check must fail:\n{}",
        text(&out.stdout)
    );
    (text(&out.stderr), doc)
}

/// `file:line:col` of the first line of `doc` that contains `needle` (at its first non-blank).
fn at(doc: &str, needle: &str) -> String {
    let (i, line) = doc
        .lines()
        .enumerate()
        .find(|(_, l)| l.contains(needle))
        .unwrap_or_else(|| panic!("{needle:?} not in the document"));
    let col = line.chars().take_while(|c| c.is_whitespace()).count() + 1;
    format!("x.toml:{}:{col}", i + 1)
}

fn assert_reports(report: &str, place: &str, rest: &str) {
    assert!(
        report.lines().any(|l| l.contains(place) && l.contains(rest)),
        "expected a line at {place} containing {rest:?} in:\n{report}"
    );
}

#[test]
fn the_fixture_checks_clean_and_evaluates_from_its_folder() {
    let folder = Folder::new("clean", &[("x", DOC, SOURCE)]);
    let dir = folder.rules();
    let out = rencai(&["check", dir.to_str().unwrap()], None);
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(
        text(&out.stdout).starts_with("ok: 1 documents, 2 rules"),
        "{}",
        text(&out.stdout)
    );
    let profile = r#"{"as_of":"2020-01-01","place":"210000","education":"master"}"#;
    let out = rencai(&["eval", "-", "--rules", dir.to_str().unwrap()], Some(profile));
    assert!(out.status.success(), "{}", text(&out.stderr));
    let v: serde_json::Value = serde_json::from_str(&text(&out.stdout)).unwrap();
    let a = v["results"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["rule"] == "x.a")
        .unwrap();
    assert_eq!(
        (a["standing"].as_str(), a["amount"]["min"].as_i64()),
        (Some("entitled"), Some(100000))
    );
    // An analyst edits the amount: the next answer has it, with no rebuild.
    folder.write("x", &DOC.replace("{ one_off = 100000 }", "{ one_off = 150000 }"));
    let out = rencai(&["eval", "-", "--rules", dir.to_str().unwrap()], Some(profile));
    let v: serde_json::Value = serde_json::from_str(&text(&out.stdout)).unwrap();
    assert_eq!(v["totals"][1]["one_off"]["min"], 150000, "{v}");
}

#[test]
fn an_unknown_key_is_reported_at_its_line_with_the_keys_accepted() {
    let (report, doc) = problems("unknown-key", |d| {
        d.replace("quote = \"给予每人10万元补贴\"", "quoet = \"给予每人10万元补贴\"")
    });
    assert_reports(&report, &at(&doc, "quoet ="), "rule x.a: [[clause.rule]] of clause 一: unknown key `quoet`, expected one of id, jurisdiction, kind, category, title_zh, title_en, when, amount, title, quote, exclusive, period, requires, explain, notes");
    // …and the quote it lacks, at the rule's header.
    let header = doc.lines().position(|l| l.contains("id = \"x.a\"")).unwrap();
    assert_reports(
        &report,
        &format!("x.toml:{}:1", header),
        "rule x.a: [[clause.rule]] of clause 一: missing key `quote` (a string)",
    );
}

#[test]
fn a_bad_value_is_reported_at_its_line_with_what_is_accepted() {
    let (report, doc) = problems("bad-value", |d| {
        d.replacen("kind = \"entitlement\"", "kind = \"grant\"", 1)
    });
    assert_reports(&report, &at(&doc, "kind = \"grant\""), "rule x.a: [[clause.rule]] of clause 一: kind: unknown value \"grant\", expected one of entitlement, application, measure");
    let (report, doc) = problems("bad-amount", |d| d.replace("{ one_off = 100000 }", "{ monthly = 5 }"));
    assert_reports(
        &report,
        &at(&doc, "monthly"),
        "amount: unknown value \"monthly\", expected one of one_off, per_month, per_year, loan_cap, share",
    );
    let (report, doc) = problems("bad-type", |d| d.replace("title_en = \"A\"", "title_en = 7"));
    assert_reports(
        &report,
        &at(&doc, "title_en = 7"),
        "title_en: expected a string, got a whole number 7",
    );
}

#[test]
fn an_unknown_field_or_value_in_a_condition_is_reported_at_the_condition() {
    let (report, doc) = problems("unknown-field", |d| {
        d.replace("field = \"education\"", "field = \"educaton\"")
    });
    assert_reports(
        &report,
        &at(&doc, "educaton"),
        "rule x.a: when: unknown field \"educaton\", expected one of place_flags, arrival,",
    );
    let (report, doc) = problems("unknown-value", |d| {
        d.replace("at_least = \"bachelor\"", "at_least = \"phd\"")
    });
    assert_reports(
        &report,
        &at(&doc, "\"phd\""),
        "when: education: unknown value \"phd\", expected one of none, junior_college, bachelor, master, doctorate",
    );
    let (report, doc) = problems("unknown-op", |d| {
        d.replace("at_least = \"bachelor\"", "above = \"bachelor\"")
    });
    assert_reports(
        &report,
        &at(&doc, "above"),
        "unknown key \"above\", expected field with one of equals, one_of, at_least, at_most, contains, contains_any",
    );
}

#[test]
fn a_clause_problem_is_reported_at_the_clause() {
    let (report, doc) = problems("clause-twice", |d| d.replace("id = \"二\"", "id = \"一\""));
    let line = doc
        .lines()
        .enumerate()
        .filter(|(_, l)| *l == "id = \"一\"")
        .nth(1)
        .unwrap()
        .0
        + 1;
    assert_reports(
        &report,
        &format!("x.toml:{line}:1"),
        "[[clause]] 一: clause 一 is listed twice",
    );
    let (report, doc) = problems("no-reason", |d| {
        d.replace(
            "starts = \"二、乙条\"\n",
            "starts = \"二、乙条\"\nnot_encoded = { see = \"organisational\" }\n",
        )
    });
    assert_reports(
        &report,
        &at(&doc, "see = \"organisational\""),
        "[[clause]] 二: not_encoded: no reason \"organisational\" in [reasons] (known: none)",
    );
    let (report, doc) = problems("starts-missing", |d| {
        d.replace("starts = \"二、乙条\"", "starts = \"三、丙条\"")
    });
    assert_reports(
        &report,
        &at(&doc, "三、丙条"),
        "[[clause]] 二: starts \"三、丙条\" is not in sources/x.txt",
    );
}

#[test]
fn a_quote_outside_its_clause_is_reported_at_the_quote_with_the_clause_it_is_in() {
    let (report, doc) = problems("wrong-clause", |d| {
        d.replacen("quote = \"给予每人10万元补贴\"", "quote = \"给予每人20万元补贴\"", 1)
    });
    let line = doc.lines().position(|l| l.contains("给予每人20万元补贴")).unwrap() + 1;
    assert_reports(
        &report,
        &format!("x.toml:{line}:1"),
        "rule x.a: clause 一: the quote is not inside this clause of sources/x.txt (found in clause 二)",
    );
    let (report, doc) = problems("not-verbatim", |d| {
        d.replacen("给予每人10万元补贴", "给予每人十万元补贴", 1)
    });
    assert_reports(
        &report,
        &at(&doc, "十万元"),
        "rule x.a: quote is not a verbatim substring of sources/x.txt",
    );
}

#[test]
fn an_application_without_requires_and_a_syntax_error_are_reported() {
    let (report, doc) = problems("no-requires", |d| {
        d.replace("requires = [\n  { zh = \"择优遴选\", en = \"selection\" },\n]\n", "")
    });
    let header = doc.lines().position(|l| l.contains("id = \"x.b\"")).unwrap();
    assert_reports(
        &report,
        &format!("x.toml:{header}:1"),
        "rule x.b: an application needs requires (who decides, and how)",
    );
    let (report, doc) = problems("syntax", |d| d.replace("title_zh = \"甲\"", "title_zh = \"甲"));
    let line = doc.lines().position(|l| l.contains("title_zh = \"甲")).unwrap() + 1;
    assert_reports(&report, &format!("x.toml:{line}:"), "not valid TOML");
}

#[test]
fn every_problem_of_a_folder_is_reported_in_one_run() {
    let (report, _) = problems("many", |d| {
        d.replace("quote = \"给予每人10万元补贴\"", "quoet = \"给予每人10万元补贴\"")
            .replace("field = \"education\"", "field = \"educaton\"")
            .replacen("kind = \"application\"", "kind = \"grant\"", 1)
    });
    let lines: Vec<&str> = report.lines().filter(|l| l.contains("x.toml:")).collect();
    // The unknown key, the quote it lacks, the unknown field, the unknown kind.
    assert_eq!(lines.len(), 4, "{report}");
    let last = report.lines().last().unwrap_or("");
    assert!(
        last.starts_with("check: 4 problems in ") && last.ends_with("rules"),
        "{report}"
    );
}

#[test]
fn an_explanation_is_read_and_kept_in_one_language_each() {
    let with = |explain: &str| {
        DOC.replace(
            "requires = [\n  { zh = \"择优遴选\", en = \"selection\" },\n]\n",
            &format!("requires = [\n  {{ zh = \"择优遴选\", en = \"selection\" }},\n]\n{explain}\n"),
        )
    };
    let good = with("explain = { zh = \"按新引进人才处理。\", en = \"Read as newly introduced talent.\" }");
    let folder = Folder::new("explain", &[("x", &good, SOURCE)]);
    let dir = folder.rules();
    assert!(rencai(&["check", dir.to_str().unwrap()], None).status.success());
    // The canonical layout knows the key: fmt leaves the file as it is.
    assert!(rencai(&["fmt", "--check", dir.to_str().unwrap()], None)
        .status
        .success());
    let v: serde_json::Value = serde_json::from_str(&text(
        &rencai(
            &["eval", "-", "--rules", dir.to_str().unwrap(), "--all"],
            Some(r#"{"as_of":"2020-01-01","place":"210000"}"#),
        )
        .stdout,
    ))
    .unwrap();
    let b = v["results"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["rule"] == "x.b")
        .unwrap();
    assert_eq!(b["explain"]["zh"], "按新引进人才处理。");
    // Chinese in the English text, or Latin words in the Chinese, is refused at its line.
    let (report, doc) = problems("explain-mixed", |_| {
        with("explain = { zh = \"按 newly introduced 处理。\", en = \"Read as 新引进.\" }")
    });
    assert_reports(
        &report,
        &at(&doc, "explain ="),
        "explain: the Chinese text holds Latin words",
    );
    let (report, doc) = problems("title-mixed", |d| {
        d.replace("title_en = \"A\"", "title_en = \"A (甲)\"")
    });
    assert_reports(
        &report,
        &at(&doc, "A (甲)"),
        "titles: the English text holds Chinese characters",
    );
}

#[test]
fn fmt_check_holds_every_rules_file_to_the_canonical_layout() {
    let out = rencai(&["fmt", "--check", &format!("{ROOT}/rules")], None);
    assert!(out.status.success(), "{}{}", text(&out.stdout), text(&out.stderr));
    // A file laid out otherwise is named, rewritten, and loads to the same answers.
    let messy = DOC
        .replace(
            "kind = \"entitlement\"\ncategory = \"cash\"",
            "category = \"cash\"\nkind = \"entitlement\"",
        )
        .replace(
            "amount = { one_off = 100000 }",
            "amount = { unit = \"one_off\", min = 100000, max = 100000 }",
        )
        .replace(
            "when = [\n  { field = \"education\", at_least = \"bachelor\" },\n]",
            "when = [{ at_least = \"bachelor\", field = \"education\" }]",
        );
    let folder = Folder::new("fmt", &[("x", &messy, SOURCE)]);
    let dir = folder.rules();
    let profile = r#"{"as_of":"2020-01-01","place":"210000","education":"master"}"#;
    let before = rencai(
        &["eval", "-", "--rules", dir.to_str().unwrap(), "--all", "--full"],
        Some(profile),
    );
    let out = rencai(&["fmt", "--check", dir.to_str().unwrap()], None);
    assert_eq!(out.status.code(), Some(1));
    assert!(text(&out.stderr).contains("x.toml"), "{}", text(&out.stderr));
    let out = rencai(&["fmt", dir.to_str().unwrap()], None);
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert_eq!(
        std::fs::read_to_string(dir.join("x.toml")).unwrap(),
        DOC,
        "the canonical layout"
    );
    let after = rencai(
        &["eval", "-", "--rules", dir.to_str().unwrap(), "--all", "--full"],
        Some(profile),
    );
    assert_eq!(text(&before.stdout), text(&after.stdout));
    assert!(
        rencai(&["fmt", "--check", dir.to_str().unwrap()], None)
            .status
            .success(),
        "idempotent"
    );
}

fn disk() -> rencai::Catalog {
    let (fields, places, docs) = rencai_rules::read_dir(&Path::new(ROOT).join("rules"), "rules").unwrap();
    rencai_rules::load(&fields, &places, &docs).unwrap().catalog
}

#[test]
fn the_embedded_catalogue_is_the_rules_on_disk() {
    // The compact embedded form (codec) must say exactly what the validated files say.
    let disk = disk();
    let embedded = rencai::embedded().unwrap();
    let today = Date::new(2019, 6, 1).unwrap();
    for entry in std::fs::read_dir(EXAMPLES).unwrap() {
        let text = std::fs::read_to_string(entry.unwrap().path()).unwrap();
        let answer = |c: &rencai::Catalog| {
            let p = Profile::from_json(c.vocab(), &text).unwrap();
            serde_json::to_string(&Report::new(evaluate(c, &p, today), Options { all: true, full: true })).unwrap()
        };
        assert_eq!(answer(embedded), answer(&disk));
        assert_eq!(api::schema_json(embedded), api::schema_json(&disk));
    }
    assert_eq!(embedded.rules.len(), disk.rules.len());
    assert_eq!(
        embedded.documents.iter().map(|d| d.clauses.len()).sum::<usize>(),
        disk.documents.iter().map(|d| d.clauses.len()).sum::<usize>()
    );
}

fn load_one(doc: &str) -> rencai::Catalog {
    let read = |f: &str| File {
        name: format!("rules/{f}"),
        text: std::fs::read_to_string(Path::new(ROOT).join("rules").join(f)).unwrap(),
    };
    let file = File {
        name: "rules/x.toml".into(),
        text: doc.into(),
    };
    rencai_rules::load(&read("fields.toml"), &read("places.toml"), &[file])
        .unwrap_or_else(|p| panic!("{}", rencai_rules::diag::lines(&p)))
        .catalog
}

#[test]
fn coverage_fails_on_an_untouched_individual_clause_only() {
    let with = |extra: &str| load_one(&format!("{DOC}\n[[clause]]\nid = \"三\"\nstarts = \"三\"\n{extra}"));
    let status = |c: &rencai::Catalog| {
        let (json, ok) = api::coverage(c);
        (
            json["documents"][0]["clauses"][2]["status"]
                .as_str()
                .unwrap_or("")
                .to_string(),
            ok,
        )
    };
    assert_eq!(status(&with("individual = true\n")), ("untouched".to_string(), false));
    assert_eq!(status(&with("individual = false\n")), ("untouched".to_string(), true));
    let c = with("individual = true\nnot_encoded = \"why\"\n");
    let (json, ok) = api::coverage(&c);
    assert!(ok);
    assert_eq!(json["documents"][0]["clauses"][0]["rules"][0], "x.a");
    assert_eq!(json["documents"][0]["clauses"][2]["status"], "not_encoded");
}

#[test]
fn shared_reasons_and_the_short_amount_form_load_as_written() {
    let c = load_one(&DOC.replace(
        "[[clause]]\nid = \"二\"",
        "[[clause]]\nid = \"一之二\"\nstarts = \"给予每人10万元补贴\"\nindividual = false\nnot_encoded = { see = \"organisational\" }\n\n[[clause]]\nid = \"二\"",
    ).replace("kind = \"policy\"\n", "kind = \"policy\"\n\n[reasons]\norganisational = \"addressed to institutions\"\n"));
    let doc = &c.documents[0];
    assert_eq!(doc.clauses[1].not_encoded.as_deref(), Some("addressed to institutions"));
    let a = c.rules.iter().find(|r| r.id == "x.a").unwrap();
    let amount = a.amount.unwrap();
    assert_eq!((amount.min, amount.max), (100000.0, Some(100000.0)));
    assert_eq!(a.clause, "一");
}

#[test]
fn the_walkthrough_in_rules_readme_works_as_written() {
    // The README shows the example file whole: the file and the README cannot drift apart.
    let example = std::fs::read_to_string(Path::new(ROOT).join("docs/walkthrough/example_gxq.toml")).unwrap();
    let readme = std::fs::read_to_string(Path::new(ROOT).join("rules/README.md")).unwrap();
    let shown = readme
        .split("<!-- walkthrough:begin -->\n```toml\n")
        .nth(1)
        .and_then(|rest| rest.split("```\n<!-- walkthrough:end -->").next())
        .expect("rules/README.md shows the example between the walkthrough markers");
    assert_eq!(
        shown, example,
        "rules/README.md shows docs/walkthrough/example_gxq.toml as it is"
    );
    // Steps 1–4: the text and the rules file in a rules folder beside the vocabulary.
    let source = std::fs::read_to_string(Path::new(ROOT).join("docs/walkthrough/example_gxq.txt")).unwrap();
    let folder = Folder::new("walkthrough", &[("example_gxq", &example, &source)]);
    let dir = folder.rules();
    // Step 5: check, then try a profile.
    let out = rencai(&["check", dir.to_str().unwrap()], None);
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(
        text(&out.stdout).starts_with("ok: 1 documents, 3 rules"),
        "{}",
        text(&out.stdout)
    );
    let out = rencai(
        &["eval", "-", "--rules", dir.to_str().unwrap()],
        Some(r#"{"place":"211000-gxq","education":"doctorate"}"#),
    );
    let v: serde_json::Value = serde_json::from_str(&text(&out.stdout)).unwrap();
    let standing = |id: &str| {
        let r = v["results"]
            .as_array()
            .unwrap()
            .iter()
            .find(|r| r["rule"] == id)
            .unwrap();
        (r["standing"].as_str().unwrap().to_string(), r["missing"].clone())
    };
    assert_eq!(standing("example.allowance").0, "entitled");
    assert_eq!(standing("example.talent_fund_award").0, "may_apply");
    assert_eq!(
        standing("example.settling_subsidy"),
        (
            "possible".to_string(),
            serde_json::json!(["home_in_place", "hukou_in_place"])
        )
    );
    // Step 6: the file is in the canonical layout.
    let out = rencai(&["fmt", "--check", dir.to_str().unwrap()], None);
    assert!(out.status.success(), "{}", text(&out.stderr));
}

#[test]
fn fmt_refuses_a_section_of_the_wrong_shape_rather_than_drop_it() {
    // Found by the `rules` fuzz target (fuzz/regressions/rules/): a `[clause]` table where
    // `[[clause]]` sections belong was silently left out of fmt's output, losing its rules.
    let shapes = [
        (
            "[clause]\nid = \"一\"\n[[clause.rule]]\nid = \"x\"\n",
            "`clause` is not a list of tables",
        ),
        ("document = 3\n", "`document` is not a table"),
        ("reasons = [1]\n", "`reasons` is not a table"),
        ("value = [1, 2]\n", "`value` is not a list of tables"),
        (
            "[[clause]]\nid = \"一\"\nrule = \"x\"\n",
            "`clause.rule` is not a list of tables",
        ),
    ];
    for (text, message) in shapes {
        let file = File {
            name: "x.toml".into(),
            text: text.into(),
        };
        let errors = rencai_rules::fmt::format(&file).expect_err(text);
        assert!(errors.iter().any(|d| d.message.contains(message)), "{text}: {errors:?}");
    }
    // The regression input itself: fmt refuses it (before the fix it wrote a file without its clause).
    let crash = std::fs::read(
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("fuzz/regressions/rules/crash-6b1eed82cddeab287da84165b07b4c61967a0a51"),
    )
    .unwrap();
    let file = File {
        name: "004_2_henan.toml".into(),
        text: String::from_utf8_lossy(&crash).into(),
    };
    assert!(rencai_rules::fmt::format(&file).is_err());
}
