//! Native throughput of the core on one thread: scenarios per second for a single person and for
//! a four-member household, through the full path (validate → estimate; JSON parsing excluded and
//! reported separately). Run: `cargo bench --bench throughput`. Prints a table; asserts nothing.

use std::hint::black_box;
use std::time::{Duration, Instant};

fn load(path: &str) -> yibao::Json<'static> {
    serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

/// Runs `f` repeatedly for about `budget`, in batches; returns calls per second.
fn rate(budget: Duration, mut f: impl FnMut()) -> f64 {
    for _ in 0..200 {
        f();
    }
    let (mut n, start) = (0u64, Instant::now());
    while start.elapsed() < budget {
        for _ in 0..100 {
            f();
        }
        n += 100;
    }
    n as f64 / start.elapsed().as_secs_f64()
}

fn main() {
    let single = load("tests/golden/zjk-relapse.scenario.json");
    let household = load("tests/golden/yantai-household.scenario.json");
    let text = std::fs::read_to_string("tests/golden/yantai-household.scenario.json").unwrap();
    // YIBAO_BENCH_ITERS=N: run each case N times untimed, for instruction counting under
    // `valgrind --tool=callgrind` (repeatable whatever else the machine is doing).
    if let Some(n) = std::env::var("YIBAO_BENCH_ITERS")
        .ok()
        .and_then(|v| v.parse::<u32>().ok())
    {
        let which = std::env::var("YIBAO_BENCH_CASE").unwrap_or_default();
        let cases = match which.as_str() {
            "single" => vec![&single],
            "household" => vec![&household],
            _ => vec![&single, &household],
        };
        for json in cases {
            for _ in 0..n {
                black_box(yibao::estimate_json(black_box(json)));
            }
        }
        return;
    }
    let budget = Duration::from_secs(3);
    println!("| case | scenarios/s (one core) | µs each |");
    println!("|---|---:|---:|");
    for (name, json) in [
        ("single person, 2 lapsed years, 2 stays", &single),
        ("household of 4 (Yantai), spending", &household),
    ] {
        let r = rate(budget, || {
            black_box(yibao::estimate_json(black_box(json)));
        });
        println!("| {name} | {r:.0} | {:.1} |", 1e6 / r);
    }
    let r = rate(budget, || {
        let j: yibao::Json = serde_json::from_str(black_box(&text)).unwrap();
        black_box(serde_json::to_string(&yibao::estimate_json(&j)).unwrap());
    });
    println!(
        "| household of 4, JSON text in and out | {r:.0} | {:.1} |",
        1e6 / r
    );
}
