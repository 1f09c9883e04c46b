//! Criterion benchmarks: one profile against the whole catalogue (engine only), and JSON in → JSON out.

use criterion::{black_box, criterion_group, criterion_main, Criterion};
use rencai::{api, evaluate, Date, Options, Profile, Report};

const PHD: &str = include_str!("../../shared/contract/examples/liaoyang-phd.json");

fn bench(c: &mut Criterion) {
    let catalog = rencai::embedded().expect("the embedded catalogue decodes");
    let today = Date::new(2019, 6, 1).expect("a real day");
    let profile = Profile::from_json(catalog.vocab(), PHD).expect("the example profile is valid");
    let mut everywhere = profile.clone();
    everywhere.place = None;

    c.bench_function("engine: one profile at its place", |b| {
        b.iter(|| evaluate(catalog, black_box(&profile), today))
    });
    c.bench_function("engine: one profile, every jurisdiction, --all", |b| {
        b.iter(|| evaluate(catalog, black_box(&everywhere), today))
    });
    c.bench_function("report: build and serialize (--all)", |b| {
        b.iter(|| {
            serde_json::to_string(&Report::new(
                evaluate(catalog, black_box(&profile), today),
                Options { all: true, full: false },
            ))
        })
    });
    c.bench_function("json in -> json out: eval", |b| {
        b.iter(|| api::eval_json(catalog, black_box(PHD), today, Options::default()))
    });
    let pieces = rencai::embedded_pieces().expect("the embedded catalogue decodes");
    c.bench_function("json in -> json out: eval, from the catalogue's pieces", |b| {
        b.iter(|| api::eval_json_with(catalog, pieces, black_box(PHD), today, Options::default()))
    });
    c.bench_function("json in -> json out: eval --all, from the catalogue's pieces", |b| {
        b.iter(|| {
            api::eval_json_with(
                catalog,
                pieces,
                black_box(PHD),
                today,
                Options { all: true, full: false },
            )
        })
    });
    c.bench_function("decision: json in -> json out (--all)", |b| {
        b.iter(|| api::decide_json(catalog, black_box(PHD), today, Options { all: true, full: false }))
    });
    c.bench_function("decision: json in -> json out", |b| {
        b.iter(|| api::decide_json(catalog, black_box(PHD), today, Options::default()))
    });
    c.bench_function("decision: profile read", |b| {
        b.iter(|| Profile::from_json(catalog.vocab(), black_box(PHD)))
    });
    let evaluation = evaluate(catalog, &profile, today);
    let report = Report::new(evaluation, Options::default());
    c.bench_function("decision: packed from an evaluation", |b| {
        b.iter(|| black_box(&report).decision_packed())
    });
    c.bench_function("decision: json in -> numbers out", |b| {
        b.iter(|| {
            let p = Profile::from_json(catalog.vocab(), black_box(PHD)).expect("valid");
            Report::new(evaluate(catalog, &p, today), Options::default()).decision_packed()
        })
    });
    c.bench_function("json in -> json out: compare (every place)", |b| {
        b.iter(|| api::compare_json(catalog, black_box(PHD), today))
    });
}

criterion_group!(benches, bench);
criterion_main!(benches);
