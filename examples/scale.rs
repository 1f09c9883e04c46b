//! The catalogue at FACTOR times today's size (default 50): what the page would ship and how long
//! the engine takes, for one catalogue in the wasm (today's design) and for the design
//! ARCHITECTURE.md recommends at that size (a pack per province loaded with the chosen place's
//! chain, and a decision-only index for compare). A simulation, not a test: it prints figures.
//!
//! Run: cargo run --release --example scale [FACTOR]
//!
//! The synthetic catalogue copies every province's subtree (its places, documents and rules) FACTOR
//! times under new ids; the national documents stay once, as they would.
use std::io::Write;
use std::time::{Duration, Instant};

use rencai::catalog::{Document, Explanation, Kind, Requirement, Rule};
use rencai::condition::Condition;
use rencai::vocab::Place;
use rencai::{codec, compare, evaluate, Catalog, Date, Profile};

fn gzip(bytes: &[u8]) -> usize {
    let mut e = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    e.write_all(bytes).expect("in memory");
    e.finish().expect("in memory").len()
}

/// The median time of `f` over `n` runs.
fn time(n: usize, mut f: impl FnMut()) -> Duration {
    let mut runs: Vec<Duration> = (0..n)
        .map(|_| {
            let t = Instant::now();
            f();
            t.elapsed()
        })
        .collect();
    runs.sort();
    runs[n / 2]
}

/// Today's catalogue with every province subtree copied `factor` times.
fn scaled(c: &Catalog, factor: usize) -> Catalog {
    let mut places = vec![c.places[0].clone()];
    let mut documents: Vec<Document> = Vec::new();
    let mut rules: Vec<Rule> = Vec::new();
    let national = |j: Option<usize>| j.is_none_or(|j| j == 0);
    // The national documents and rules, once.
    let mut doc_map = vec![None; c.documents.len()];
    for (d, doc) in c.documents.iter().enumerate().filter(|(_, d)| national(d.jurisdiction)) {
        doc_map[d] = Some(documents.len());
        documents.push(doc.clone());
    }
    for rule in c.rules.iter().filter(|r| r.jurisdiction == 0) {
        let mut r = rule.clone();
        r.document = doc_map[rule.document].expect("a national rule cites a national document");
        rules.push(r);
    }
    // Copy 0 keeps today's ids (so today's profiles still name real places); the others get a suffix.
    let id = |id: &str, k: usize| if k == 0 { id.to_string() } else { format!("{id}~{k}") };
    for k in 0..factor {
        let mut place_map = vec![0usize; c.places.len()];
        for (i, p) in c.places.iter().enumerate().skip(1) {
            let parent = p.parent.map(|q| place_map[q]);
            let copy = Place::after(
                &places,
                id(&p.id, k),
                format!("{}{k}", p.name_zh),
                format!("{} {k}", p.name_en),
                parent,
                p.kind.clone(),
            )
            .expect("parents come first");
            place_map[i] = places.len();
            places.push(copy);
        }
        let mut doc_map = vec![None; c.documents.len()];
        for (d, doc) in c
            .documents
            .iter()
            .enumerate()
            .filter(|(_, d)| !national(d.jurisdiction))
        {
            let mut copy = doc.clone();
            copy.id = id(&doc.id, k);
            copy.jurisdiction = doc.jurisdiction.map(|j| place_map[j]);
            doc_map[d] = Some(documents.len());
            documents.push(copy);
        }
        for rule in c.rules.iter().filter(|r| r.jurisdiction != 0) {
            let mut r = rule.clone();
            r.id = id(&rule.id, k);
            r.jurisdiction = place_map[rule.jurisdiction];
            r.document = doc_map[rule.document].unwrap_or(rule.document);
            rules.push(r);
        }
    }
    Catalog::assemble(c.fields.clone(), places, documents, rules)
}

/// The part of `c` a pack holds: the documents and rules of the places in `keep` (the vocabulary,
/// fields and places, stays whole: it is the shell's).
fn pack(c: &Catalog, keep: impl Fn(usize) -> bool) -> Catalog {
    let mut doc_map = vec![None; c.documents.len()];
    let mut documents = Vec::new();
    for (d, doc) in c.documents.iter().enumerate() {
        if doc.jurisdiction.is_some_and(&keep) || (doc.jurisdiction.is_none() && keep(0)) {
            doc_map[d] = Some(documents.len());
            documents.push(doc.clone());
        }
    }
    let rules = c
        .rules
        .iter()
        .filter(|r| keep(r.jurisdiction))
        .map(|r| Rule {
            document: doc_map[r.document].expect("a kept rule's document is kept"),
            ..r.clone()
        })
        .collect();
    Catalog::assemble(c.fields.clone(), c.places.clone(), documents, rules)
}

/// A condition as compare needs it: the compiled test only, not the words it was written in.
fn bare(c: &Condition) -> Condition {
    match c {
        Condition::Leaf(leaf) => {
            let mut l = leaf.clone();
            l.name = String::new();
            l.need = serde_json::Value::Null;
            Condition::Leaf(l)
        }
        Condition::All(items) => Condition::All(items.iter().map(bare).collect()),
        Condition::Any { items, .. } => Condition::Any {
            items: items.iter().map(bare).collect(),
            fields: String::new(),
        },
        Condition::Not(inner) => Condition::Not(Box::new(bare(inner))),
    }
}

/// What compare needs: the rules that count in a ranking (entitlements and applications; measures
/// never do), with their compiled conditions, amounts, kinds and periods — not one word of text,
/// not even the rule's id (a compare row is a place's totals).
fn decisions_only(c: &Catalog) -> Catalog {
    let blank = String::new;
    let documents = c
        .documents
        .iter()
        .map(|d| Document {
            title_zh: blank(),
            title_en: blank(),
            issuer: blank(),
            number: None,
            file: blank(),
            ..d.clone()
        })
        .collect();
    let rules = c
        .rules
        .iter()
        .filter(|r| r.kind != Kind::Measure)
        .map(|r| Rule {
            id: blank(),
            when: r.when.iter().map(bare).collect(),
            title_zh: blank(),
            title_en: blank(),
            quote: blank(),
            clause: blank(),
            explain: r.explain.as_ref().map(|_| Explanation {
                zh: blank(),
                en: blank(),
            }),
            requires: r
                .requires
                .iter()
                .map(|_| Requirement {
                    zh: blank(),
                    en: blank(),
                })
                .collect(),
            ..r.clone()
        })
        .collect();
    Catalog::assemble(c.fields.clone(), c.places.clone(), documents, rules)
}

fn main() {
    let factor: usize = std::env::args().nth(1).and_then(|a| a.parse().ok()).unwrap_or(50);
    let today = rencai::embedded().expect("the embedded catalogue decodes");
    let big = scaled(today, factor);
    let profile_text = include_str!("../../shared/contract/examples/liaoyang-phd.json");
    let on = Date::new(2019, 6, 1).expect("a real day");
    let kb = |n: usize| format!("{:.1} KB", n as f64 / 1024.0);

    println!("rencai at {factor}× today's catalogue (a simulation; native, release build)\n");
    println!("                              today          ×{factor}");
    println!(
        "places                  {:>10} {:>12}",
        today.places.len(),
        big.places.len()
    );
    println!(
        "documents               {:>10} {:>12}",
        today.documents.len(),
        big.documents.len()
    );
    println!(
        "rules                   {:>10} {:>12}",
        today.rules.len(),
        big.rules.len()
    );

    // One catalogue in the wasm: what the page ships today, at this size.
    let whole_today = codec::encode(today, false);
    let whole = codec::encode(&big, false);
    println!("\none catalogue in the wasm (today's design), gzip:");
    println!(
        "  catalogue             {:>10} {:>12}",
        kb(gzip(&whole_today)),
        kb(gzip(&whole))
    );

    // The recommended design: the vocabulary in the shell, a national pack, one pack per
    // province (its subtree), and a decision-only index of every rule for compare.
    let subtree =
        |c: &Catalog, root: usize| -> Vec<bool> { c.places.iter().map(|p| p.chain.contains(&root)).collect() };
    let vocab = codec::encode(&pack(&big, |_| false), false);
    let national = codec::encode(&pack(&big, |j| j == 0), false);
    let provinces: Vec<usize> = (0..big.places.len())
        .filter(|&p| big.places[p].parent == Some(0))
        .collect();
    let mut packs: Vec<(usize, usize, Catalog)> = provinces
        .iter()
        .map(|&root| {
            let inside = subtree(&big, root);
            let p = pack(&big, |j| inside[j]);
            let bytes = codec::encode(&p, false);
            (root, gzip(&bytes), p)
        })
        .collect();
    packs.sort_by_key(|(_, size, _)| *size);
    let (median_root, median_pack, _) = &packs[packs.len() / 2];
    let (largest_root, largest_pack, _) = packs.last().expect("provinces");
    let index = codec::encode(&decisions_only(&big), false);
    let vocab_gz = gzip(&vocab);
    println!("\none pack per province, loaded with the chosen place's chain (recommended), gzip:");
    println!("  vocabulary (fields, places; in the shell)  {}", kb(vocab_gz));
    println!(
        "  national pack                              {}",
        kb(gzip(&national) - vocab_gz.min(gzip(&national)))
    );
    println!(
        "  province pack, median of {} ({})        {}",
        packs.len(),
        big.places[*median_root].id,
        kb(median_pack.saturating_sub(vocab_gz))
    );
    println!(
        "  province pack, largest ({})             {}",
        big.places[*largest_root].id,
        kb(largest_pack.saturating_sub(vocab_gz))
    );
    // The copies are identical, so gzip finds one in the next; real provinces' rules differ, so
    // the honest estimate is today's index times the factor.
    let index_today = gzip(&codec::encode(&decisions_only(today), false))
        .saturating_sub(gzip(&codec::encode(&pack(today, |_| false), false)));
    println!(
        "  compare index (rules that rank, no text)   {} as simulated; {} as {factor} × today's {} (real provinces differ)",
        kb(gzip(&index).saturating_sub(vocab_gz)),
        kb(index_today * factor),
        kb(index_today)
    );

    // Engine times.
    let parse = |c: &Catalog| Profile::from_json(c.vocab(), profile_text).expect("the example parses");
    let decode_whole = time(9, || assert!(codec::decode(&whole).is_some()));
    let chain_pack = codec::encode(
        &pack(&big, |j| {
            j == 0
                || big.places[packs[packs.len() / 2].0].chain.contains(&j)
                || subtree(&big, packs[packs.len() / 2].0)[j]
        }),
        false,
    );
    let decode_pack = time(9, || assert!(codec::decode(&chain_pack).is_some()));
    let p_big = parse(&big);
    let eval_big = time(101, || {
        std::hint::black_box(evaluate(&big, &p_big, on));
    });
    let p_today = parse(today);
    let eval_today = time(101, || {
        std::hint::black_box(evaluate(today, &p_today, on));
    });
    let mut anywhere = p_big.clone();
    anywhere.place = None;
    let compare_big = time(9, || {
        std::hint::black_box(compare(&big, &anywhere, on));
    });
    let mut anywhere_today = p_today.clone();
    anywhere_today.place = None;
    let compare_today = time(21, || {
        std::hint::black_box(compare(today, &anywhere_today, on));
    });
    let ms = |d: Duration| format!("{:.3} ms", d.as_secs_f64() * 1e3);
    println!("\nengine, median (native; the wasm runs these ~2× slower, docs/codec.md):");
    println!(
        "  decode the whole catalogue      {:>12} (today {})",
        ms(decode_whole),
        ms(time(21, || assert!(codec::decode(&whole_today).is_some())))
    );
    println!("  decode national + one province  {:>12}", ms(decode_pack));
    println!(
        "  evaluate the PhD example        {:>12} (today {})",
        ms(eval_big),
        ms(eval_today)
    );
    println!(
        "  compare, every place            {:>12} (today {}; {} places)",
        ms(compare_big),
        ms(compare_today),
        big.places.len()
    );
}
