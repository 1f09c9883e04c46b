//! The `rencai` CLI: the only place that touches files, argv, stdout and the clock.

use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::{SystemTime, UNIX_EPOCH};

use rencai::{api, Catalog, Date, Options};
use rencai_rules::diag::lines;

include!(concat!(env!("OUT_DIR"), "/sources.rs"));

const USAGE: &str = "usage: rencai <command>
  eval FILE|- [--all] [--full] [--decision] [--rules DIR]
                             evaluate a profile (JSON) and print the report; --all adds ineligible
                             results, --full the interpretation notes of results and documents;
                             --decision only what changes per profile (rules by index in catalog --page;
                             a decision has no notes, so --full does not change it)
  compare FILE|- [--table] [--rules DIR]
                             evaluate the profile at every place, ranked; --table for people
  what-if FILE|- [--rules DIR]
                             what a step of your own would gain (e.g. with 副高 you may also apply for …),
                             and what time alone will bring (waits)
  form FILE|- [--rules DIR]  which facts to ask first at the profile's place and date, and the values
                             its rules test (the page's form order)
  places | honours | schema [--rules DIR]
                             the jurisdictions; the honours and programme selections; the form schema
  catalog --json [--rules DIR]
                             the whole catalogue as open data: documents, clauses, rules with their
                             conditions, amounts and citations (format: docs/catalog.md)
  catalog --page [--rules DIR]
                             every rule, document and place as reports state them, which decisions
                             point into by index (the package's text packs are cut from it)
  coverage [--json] [--rules DIR]
                             clause-by-clause coverage of every document; fails if an individual clause is untouched
  check [DIR]                validate a rules folder (default: the catalogue built in) and prove every quote
                             lies inside the clause it cites; every problem at its file:line:column
  fmt [--check] [DIR]        write the rules files of DIR (default rules/) in their canonical layout;
                             --check only lists the files that are not
--rules DIR uses the rules folder DIR (checked whole, with its sources in DIR/../sources) instead
of the catalogue built in: edit a rules file, see the answer, no rebuild.";

/// Today's date from the system clock (the core never reads it).
fn today() -> Date {
    let secs = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_secs())
        .unwrap_or(0);
    Date::from_days_since_epoch((secs / 86_400) as i64).unwrap_or_else(|| Date::new(1970, 1, 1).expect("a real day"))
}

fn read_input(path: &str) -> Result<String, String> {
    let mut text = String::new();
    let read = if path == "-" {
        std::io::stdin().read_to_string(&mut text).map(|_| ())
    } else {
        std::fs::read_to_string(path).map(|t| text = t)
    };
    read.map(|_| text)
        .map_err(|e| format!("profile: cannot read {path}: {e}"))
}

enum Failure {
    /// Bad input or usage: exit 2.
    Input(String),
    /// The catalogue or its checks fail: exit 1.
    Defect(String),
}

/// The arguments of a command: at most one positional, switches, and `--rules DIR`.
struct Args {
    file: Option<String>,
    flags: Vec<String>,
    rules: Option<PathBuf>,
}

impl Args {
    fn has(&self, flag: &str) -> bool {
        self.flags.iter().any(|f| f == flag)
    }
}

fn parse_args(args: &[String], flags: &[&str], rules: bool) -> Result<Args, Failure> {
    let mut out = Args {
        file: None,
        flags: Vec::new(),
        rules: None,
    };
    let mut it = args.iter();
    while let Some(a) = it.next() {
        if flags.contains(&a.as_str()) {
            out.flags.push(a.clone());
        } else if rules && a == "--rules" {
            let dir = it
                .next()
                .ok_or_else(|| Failure::Input(format!("--rules needs a folder of rules files\n{USAGE}")))?;
            out.rules = Some(PathBuf::from(dir));
        } else if a.starts_with("--") {
            let mut accepted: Vec<&str> = flags.to_vec();
            if rules {
                accepted.push("--rules DIR");
            }
            return Err(Failure::Input(format!(
                "unknown option {a}, expected {}\n{USAGE}",
                if accepted.is_empty() {
                    "none".to_string()
                } else {
                    accepted.join(", ")
                }
            )));
        } else if out.file.is_none() {
            out.file = Some(a.clone());
        } else {
            return Err(Failure::Input(format!("unexpected argument {a}\n{USAGE}")));
        }
    }
    Ok(out)
}

/// The published texts of a rules folder: `DIR/../sources` when it exists, else DIR itself.
fn sources_of(dir: &Path) -> PathBuf {
    let beside = dir.join("..").join("sources");
    if beside.is_dir() {
        beside
    } else {
        dir.to_path_buf()
    }
}

/// The catalogue to answer from: a rules folder, checked whole, or the one built in.
fn catalog(rules: &Option<PathBuf>) -> Result<std::borrow::Cow<'static, Catalog>, Failure> {
    match rules {
        None => rencai::embedded()
            .map(std::borrow::Cow::Borrowed)
            .ok_or_else(|| Failure::Defect(rencai::CORRUPT.into())),
        Some(dir) => rencai_rules::check_dir(dir, &dir.display().to_string(), &sources_of(dir))
            .map(|(loaded, _)| std::borrow::Cow::Owned(loaded.catalog))
            .map_err(|problems| {
                Failure::Defect(format!(
                    "{}\n{} problems in {}",
                    lines(&problems),
                    problems.len(),
                    dir.display()
                ))
            }),
    }
}

/// One amount of money as the page writes it (www/format.js `yuanZh`): "10万元", "1.2345万元",
/// "800元". Both are checked against tests/money.json.
fn money(v: f64) -> String {
    if v >= 10_000.0 {
        format!("{}万元", (v / 10_000.0 * 10_000.0).round() / 10_000.0)
    } else {
        format!("{v}元")
    }
}

fn run(args: &[String]) -> Result<String, Failure> {
    let Some(command) = args.first() else {
        return Err(Failure::Input(USAGE.into()));
    };
    let rest = &args[1..];
    let need_file = |file: Option<String>| {
        file.ok_or_else(|| Failure::Input(format!("{command}: give a profile FILE or - for stdin\n{USAGE}")))
    };
    let input = |e: rencai::ProfileError| Failure::Input(e.to_string());
    match command.as_str() {
        "eval" => {
            let a = parse_args(rest, &["--all", "--full", "--decision"], true)?;
            let c = catalog(&a.rules)?;
            let text = read_input(&need_file(a.file.clone())?).map_err(Failure::Input)?;
            let options = Options {
                all: a.has("--all"),
                full: a.has("--full"),
            };
            if a.has("--decision") {
                return api::decide_json(&c, &text, today(), options).map_err(input);
            }
            api::eval_json(&c, &text, today(), options).map_err(input)
        }
        "compare" => {
            let a = parse_args(rest, &["--table"], true)?;
            let c = catalog(&a.rules)?;
            let text = read_input(&need_file(a.file.clone())?).map_err(Failure::Input)?;
            let json = api::compare_json(&c, &text, today()).map_err(input)?;
            if a.has("--table") {
                table(&json)
            } else {
                Ok(json)
            }
        }
        "what-if" | "form" => {
            let a = parse_args(rest, &[], true)?;
            let c = catalog(&a.rules)?;
            let text = read_input(&need_file(a.file.clone())?).map_err(Failure::Input)?;
            if command == "form" {
                api::form_json(&c, &text, today()).map_err(input)
            } else {
                api::what_if_json(&c, &text, today()).map_err(input)
            }
        }
        "places" | "honours" | "schema" | "coverage" | "catalog" => {
            let a = parse_args(
                rest,
                if command == "coverage" {
                    &["--json"]
                } else if command == "catalog" {
                    &["--json", "--page"]
                } else {
                    &[]
                },
                true,
            )?;
            if let Some(f) = a.file {
                return Err(Failure::Input(format!("{command} takes no argument, got {f}\n{USAGE}")));
            }
            let c = catalog(&a.rules)?;
            match command.as_str() {
                "places" => Ok(api::places_json(&c)),
                "honours" => Ok(api::honours_json(&c)),
                "schema" => Ok(api::schema_json(&c)),
                "catalog" if a.has("--page") => Ok(api::page_catalog_json(&c)),
                "catalog" if a.has("--json") => Ok(api::catalog_json(&c)),
                "catalog" => Err(Failure::Input(format!(
                    "catalog: JSON is the only format; add --json (open data) or --page (what decisions point into)\n{USAGE}"
                ))),
                _ => coverage(&c, a.has("--json")),
            }
        }
        "check" => {
            let a = parse_args(rest, &[], false)?;
            match a.file {
                Some(dir) => check_dir(Path::new(&dir)),
                None => check_embedded(),
            }
        }
        "fmt" => {
            let a = parse_args(rest, &["--check"], false)?;
            fmt(Path::new(a.file.as_deref().unwrap_or("rules")), a.has("--check"))
        }
        "help" | "--help" | "-h" => Ok(USAGE.into()),
        other => Err(Failure::Input(format!("unknown command {other}\n{USAGE}"))),
    }
}

/// The comparison as a table for people.
fn table(json: &str) -> Result<String, Failure> {
    let v: serde_json::Value = serde_json::from_str(json).map_err(|e| Failure::Defect(e.to_string()))?;
    let mut out = format!(
        "as of {}; counts are of results in force, expired ones apart\n{:>4}  {:<12} {:>16} {:>16} {:>8} {:>9} {:>8} {:>8}  {}\n",
        v["as_of"].as_str().unwrap_or(""),
        "rank",
        "place",
        "one-off",
        "monthly",
        "entitled",
        "may apply",
        "possible",
        "expired",
        "name"
    );
    for row in v["rows"].as_array().into_iter().flatten() {
        let range = |r: &serde_json::Value| {
            let min = r["min"].as_f64().unwrap_or(0.0);
            match r["max"].as_f64() {
                Some(max) if max == min => money(min),
                Some(max) => format!("{}–{}", money(min), money(max)),
                None => format!("≥{}", money(min)),
            }
        };
        out.push_str(&format!(
            "{:>4}  {:<12} {:>16} {:>16} {:>8} {:>9} {:>8} {:>8}  {} / {}\n",
            row["rank"],
            row["place"]["id"].as_str().unwrap_or(""),
            range(&row["one_off"]),
            range(&row["per_month"]),
            row["counts"]["entitled"],
            row["counts"]["may_apply"],
            row["counts"]["possible"],
            row["counts"]["expired"],
            row["place"]["name_zh"].as_str().unwrap_or(""),
            row["place"]["name_en"].as_str().unwrap_or("")
        ));
    }
    Ok(out.trim_end().to_string())
}

fn summary(c: &Catalog, quotes: usize) -> String {
    format!(
        "ok: {} documents, {} rules, {} places, {} fields; {quotes} quotes are verbatim inside the clauses they cite",
        c.documents.len(),
        c.rules.len(),
        c.places.len(),
        c.fields.len()
    )
}

/// Checks a rules folder whole: every problem of every file, each at its place.
fn check_dir(dir: &Path) -> Result<String, Failure> {
    match rencai_rules::check_dir(dir, &dir.display().to_string(), &sources_of(dir)) {
        Ok((loaded, quotes)) => Ok(summary(&loaded.catalog, quotes)),
        Err(problems) => Err(Failure::Defect(format!(
            "{}\ncheck: {} problems in {}",
            lines(&problems),
            problems.len(),
            dir.display()
        ))),
    }
}

/// Checks the catalogue built in against the published texts built in.
fn check_embedded() -> Result<String, Failure> {
    let catalog = rencai::embedded().ok_or_else(|| Failure::Defect(rencai::CORRUPT.into()))?;
    let source = |id: &str| SOURCES.iter().find(|(stem, _)| *stem == id).map(|(_, text)| *text);
    let positions = rencai_rules::Positions::default();
    let mut problems = rencai_rules::quotes::gaps(catalog, &positions);
    let quotes = match rencai_rules::quotes::check_quotes(catalog, &positions, &source) {
        Ok(n) => n,
        Err(p) => {
            problems.extend(p);
            0
        }
    };
    if problems.is_empty() {
        Ok(summary(catalog, quotes))
    } else {
        Err(Failure::Defect(format!(
            "{}\ncheck: {} problems",
            lines(&problems),
            problems.len()
        )))
    }
}

/// Formats (or with `check` only lists) the document files of a rules folder.
fn fmt(dir: &Path, check: bool) -> Result<String, Failure> {
    let (_, _, documents) =
        rencai_rules::read_dir(dir, &dir.display().to_string()).map_err(|p| Failure::Defect(lines(&p)))?;
    let mut differ = Vec::new();
    let mut problems = Vec::new();
    for file in &documents {
        match rencai_rules::fmt::format(file) {
            Err(p) => problems.extend(p),
            Ok(text) if text != file.text => {
                differ.push(file.name.clone());
                if !check {
                    let path = dir.join(file.name.rsplit('/').next().unwrap_or(&file.name));
                    std::fs::write(&path, text).map_err(|e| Failure::Defect(format!("{}: {e}", path.display())))?;
                }
            }
            Ok(_) => {}
        }
    }
    if !problems.is_empty() {
        return Err(Failure::Defect(lines(&problems)));
    }
    match (check, differ.is_empty()) {
        (_, true) => Ok(format!("fmt: {} rules files in the canonical layout", documents.len())),
        (true, false) => Err(Failure::Defect(format!(
            "{}\nfmt: {} files are not in the canonical layout; run `rencai fmt {}`",
            differ.join("\n"),
            differ.len(),
            dir.display()
        ))),
        (false, false) => Ok(format!("fmt: rewrote {}", differ.join(", "))),
    }
}

fn coverage(catalog: &Catalog, json: bool) -> Result<String, Failure> {
    let (text, ok) = api::coverage_json(catalog);
    let out = if json {
        text
    } else {
        let v: serde_json::Value = serde_json::from_str(&text).map_err(|e| Failure::Defect(e.to_string()))?;
        let mut out = String::new();
        for doc in v["documents"].as_array().into_iter().flatten() {
            let c = &doc["counts"];
            out.push_str(&format!(
                "{} {}: {} rules; clauses: {} encoded, {} not encoded, {} untouched ({} individual-facing)\n",
                doc["document"].as_str().unwrap_or(""),
                doc["title_zh"].as_str().unwrap_or(""),
                c["rules"],
                c["encoded"],
                c["not_encoded"],
                c["untouched"],
                c["untouched_individual"]
            ));
            if let Some(why) = doc["not_encoded"].as_str() {
                out.push_str(&format!("  not encoded: {why}\n"));
            }
            for cl in doc["clauses"].as_array().into_iter().flatten() {
                let id = cl["clause"].as_str().unwrap_or("");
                let line = match cl["status"].as_str() {
                    Some("encoded") => format!(
                        "encoded: {}",
                        cl["rules"]
                            .as_array()
                            .into_iter()
                            .flatten()
                            .filter_map(|r| r.as_str())
                            .collect::<Vec<_>>()
                            .join(", ")
                    ),
                    Some("not_encoded") => format!("not encoded: {}", cl["why"].as_str().unwrap_or("")),
                    _ if cl["individual"] == true => "UNTOUCHED (individual-facing)".to_string(),
                    _ => "untouched (not individual-facing)".to_string(),
                };
                out.push_str(&format!("  {id}  {line}\n"));
            }
        }
        out.trim_end().to_string()
    };
    if ok {
        Ok(out)
    } else {
        Err(Failure::Defect(format!(
            "{out}\ncoverage: an individual-facing clause is untouched"
        )))
    }
}

pub fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match run(&args) {
        Ok(out) => {
            // A closed pipe (`rencai eval x | head`) is not an error of ours.
            let mut stdout = std::io::stdout().lock();
            match writeln!(stdout, "{out}").and_then(|()| stdout.flush()) {
                Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => {
                    eprintln!("rencai: cannot write the output: {e}");
                    ExitCode::from(1)
                }
                _ => ExitCode::SUCCESS,
            }
        }
        Err(Failure::Input(message)) => {
            eprintln!("{message}");
            ExitCode::from(2)
        }
        Err(Failure::Defect(message)) => {
            eprintln!("{message}");
            ExitCode::from(1)
        }
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn money_is_written_as_the_page_writes_it() {
        let cases: Vec<(f64, String, String)> =
            serde_json::from_str(include_str!("../tests/money.json")).expect("tests/money.json");
        assert!(cases.len() >= 5);
        for (n, zh, _) in cases {
            assert_eq!(super::money(n), zh, "{n}");
        }
    }
}
