#![cfg(not(target_arch = "wasm32"))]
//! Golden results: `tests/golden/<name>.scenario.json` → `<name>.result.json`, written by this
//! native build. The wasm test (tests/wasm.rs) feeds the same scenarios through the browser
//! boundary and must produce exactly the same text. Regenerate after an intended change with
//! `YIBAO_BLESS=1 cargo test --test golden` and review the diff.

use std::fs;

pub const NAMES: &[&str] = &[
    "zjk-relapse",
    "yantai-household",
    "national-overrides",
    "invalid",
];

#[test]
fn golden_results_are_current() {
    let bless = std::env::var_os("YIBAO_BLESS").is_some();
    let mut stale = Vec::new();
    for name in NAMES {
        let scenario = fs::read_to_string(format!("tests/golden/{name}.scenario.json")).unwrap();
        let json: yibao::Json = serde_json::from_str(&scenario).unwrap();
        let result = serde_json::to_string(&yibao::estimate_json(&json)).unwrap();
        let path = format!("tests/golden/{name}.result.json");
        if bless {
            fs::write(&path, &result).unwrap();
        } else if fs::read_to_string(&path).ok().as_deref() != Some(result.as_str()) {
            stale.push(path);
        }
    }
    assert!(stale.is_empty(), "golden results out of date: {stale:?}\nreview the change, then run YIBAO_BLESS=1 cargo test --test golden");
}
