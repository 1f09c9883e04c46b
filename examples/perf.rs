use rencai::{evaluate, Date, Profile};
fn main() {
    let c = rencai::embedded().unwrap();
    let text = include_str!("../../shared/contract/examples/liaoyang-phd.json");
    let p = Profile::from_json(c.vocab(), text).unwrap();
    let today = Date::new(2019, 6, 1).unwrap();
    let n: u32 = std::env::args().nth(1).and_then(|a| a.parse().ok()).unwrap_or(200_000);
    let t = std::time::Instant::now();
    let mut k = 0;
    for _ in 0..n {
        k += std::hint::black_box(evaluate(c, std::hint::black_box(&p), today))
            .outcomes
            .len();
    }
    println!("{:?} per eval, {} results", t.elapsed() / n, k / n as usize);
}
