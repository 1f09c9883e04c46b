//! The `rencai` CLI: the only place that touches files, argv, stdout and the clock.

use std::io::{Read, Write};
use std::process::ExitCode;
use std::time::{SystemTime, UNIX_EPOCH};

use rencai::api::{self, Error};
use rencai::{Catalog, Date, Options};

include!(concat!(env!("OUT_DIR"), "/sources.rs"));

const USAGE: &str = "usage: rencai <command>
  eval FILE|- [--all] [--full]
                             evaluate a profile (JSON) and print the report; --all adds ineligible
                             results, --full the interpretation notes of results and documents
  compare FILE|- [--table]   evaluate the profile at every place, ranked; --table for people
  what-if FILE|-             what a step of your own would gain (e.g. with 副高 you may also apply for …),
                             and what time alone will bring (waits)
  places                     list the jurisdictions (id, names, parent)
  honours                    list the honours and programme selections
  schema                     print the form schema (every profile field, values, labels, help)
  coverage [--json]          clause-by-clause coverage of every document; fails if an individual clause is untouched
  check                      validate the catalogue and prove every quote is verbatim in its source";

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

impl From<Error> for Failure {
    fn from(e: Error) -> Self {
        match e {
            Error::Profile(_) => Failure::Input(e.to_string()),
            Error::Catalog(_) => Failure::Defect(e.to_string()),
        }
    }
}

fn parse_args(args: &[String], flags: &[&str]) -> Result<(Option<String>, Vec<String>), Failure> {
    let mut file = None;
    let mut set = Vec::new();
    for a in args {
        if flags.contains(&a.as_str()) {
            set.push(a.clone());
        } else if a.starts_with("--") {
            return Err(Failure::Input(format!(
                "unknown option {a}, expected {}\n{USAGE}",
                if flags.is_empty() {
                    "none".to_string()
                } else {
                    flags.join(", ")
                }
            )));
        } else if file.is_none() {
            file = Some(a.clone());
        } else {
            return Err(Failure::Input(format!("unexpected argument {a}\n{USAGE}")));
        }
    }
    Ok((file, set))
}

fn money(v: f64) -> String {
    if v >= 10_000.0 {
        format!("{}万", (v / 10_000.0 * 100.0).round() / 100.0)
    } else {
        format!("{v}")
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
    match command.as_str() {
        "eval" => {
            let (file, flags) = parse_args(rest, &["--all", "--full"])?;
            let text = read_input(&need_file(file)?).map_err(Failure::Input)?;
            let options = Options {
                all: flags.iter().any(|f| f == "--all"),
                full: flags.iter().any(|f| f == "--full"),
            };
            Ok(api::eval_json(&text, today(), options)?)
        }
        "compare" => {
            let (file, flags) = parse_args(rest, &["--table"])?;
            let text = read_input(&need_file(file)?).map_err(Failure::Input)?;
            let json = api::compare_json(&text, today())?;
            if flags.is_empty() {
                return Ok(json);
            }
            let v: serde_json::Value = serde_json::from_str(&json).map_err(|e| Failure::Defect(e.to_string()))?;
            let mut out = format!(
                "as of {}; counts are of results in force, expired ones apart\n{:>4}  {:<12} {:>16} {:>16} {:>8} {:>9} {:>8} {:>8}  {}\n",
                v["as_of"].as_str().unwrap_or(""),
                "rank",
                "place",
                "one-off (CNY)",
                "monthly (CNY)",
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
        "what-if" => {
            let (file, _) = parse_args(rest, &[])?;
            let text = read_input(&need_file(file)?).map_err(Failure::Input)?;
            Ok(api::what_if_json(&text, today())?)
        }
        "places" | "honours" | "schema" | "check" | "coverage" => {
            let (file, flags) = parse_args(rest, if command == "coverage" { &["--json"] } else { &[] })?;
            if let Some(f) = file {
                return Err(Failure::Input(format!("{command} takes no argument, got {f}\n{USAGE}")));
            }
            match command.as_str() {
                "places" => Ok(api::places_json()?),
                "honours" => Ok(api::honours_json()?),
                "schema" => Ok(api::schema_json()?),
                "coverage" => coverage(!flags.is_empty()),
                _ => check(),
            }
        }
        "help" | "--help" | "-h" => Ok(USAGE.into()),
        other => Err(Failure::Input(format!("unknown command {other}\n{USAGE}"))),
    }
}

fn check() -> Result<String, Failure> {
    let catalog = Catalog::embedded().map_err(|e| Failure::Defect(format!("catalogue: {e}")))?;
    let source = |id: &str| SOURCES.iter().find(|(stem, _)| *stem == id).map(|(_, text)| *text);
    let quotes = catalog
        .check_quotes(&source)
        .map_err(|problems| Failure::Defect(problems.join("\n")))?;
    let gaps = catalog.lint();
    if !gaps.is_empty() {
        return Err(Failure::Defect(format!(
            "{}\ncheck: {} gaps in the rules data",
            gaps.join("\n"),
            gaps.len()
        )));
    }
    Ok(format!(
        "ok: {} documents, {} rules, {} places, {} fields; {quotes} quotes are verbatim inside the clauses they cite",
        catalog.documents.len(),
        catalog.rules.len(),
        catalog.places.len(),
        catalog.fields.len()
    ))
}

fn coverage(json: bool) -> Result<String, Failure> {
    let (text, ok) = api::coverage_json()?;
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

fn main() -> ExitCode {
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
