#![cfg(not(target_arch = "wasm32"))]
//! The page receives results and the catalogue through `to_json` (a tree, then
//! serde-wasm-bindgen); the CLI writes them with serde_json directly. Both routes must give the
//! same JSON, in the same key order, for every input we keep: goldens, worked examples and the
//! fuzzers' corpus.

use std::fs;
use std::path::PathBuf;

use yibao::to_json::to_json;

fn both_routes<T: serde::Serialize>(what: &str, v: &T) {
    let direct = serde_json::to_string(v).unwrap();
    let tree = to_json(v).unwrap_or_else(|| panic!("{what}: to_json refused a result"));
    assert_eq!(
        direct,
        serde_json::to_string(&tree).unwrap(),
        "{what}: the two routes differ"
    );
}

/// Every file of `dir` (the fuzz corpus's names have no extension; files that are not JSON are
/// skipped by the caller).
fn files(dir: &str) -> Vec<PathBuf> {
    let mut files: Vec<_> = fs::read_dir(dir)
        .unwrap()
        .filter_map(|e| e.ok().map(|e| e.path()))
        .collect();
    files.sort();
    files
}

#[test]
fn every_kept_input_gives_the_same_json_by_both_routes() {
    let mut n = 0;
    for dir in ["tests/golden", "tests/examples", "tests/fuzz_regressions"] {
        for path in files(dir) {
            let Ok(json) = serde_json::from_slice::<yibao::Json>(&fs::read(&path).unwrap()) else {
                continue;
            };
            // A worked example wraps its scenario; a golden or fuzz input is one.
            let scenario = match &json {
                yibao::Json::Obj(f) => f
                    .iter()
                    .find(|(k, _)| k == "scenario")
                    .map(|(_, v)| v.clone())
                    .unwrap_or(json),
                _ => json,
            };
            both_routes(
                &path.display().to_string(),
                &yibao::estimate_json(&scenario),
            );
            n += 1;
        }
    }
    assert!(n > 3000, "only {n} inputs compared");
}

#[test]
fn the_catalogue_gives_the_same_json_by_both_routes() {
    both_routes("policies()", &yibao::catalog::all());
}

#[test]
fn what_json_cannot_hold_is_refused_not_guessed() {
    assert!(to_json(&1.5f64).is_none());
    assert!(to_json(&u64::MAX).is_none());
    let mut by_number = std::collections::BTreeMap::new();
    by_number.insert(1u8, "a");
    assert!(to_json(&by_number).is_none());
    // What it can hold, it keeps: integers as numbers, None as null, maps with string keys.
    let mut by_name = std::collections::BTreeMap::new();
    by_name.insert("k", 'c');
    let v = to_json(&(7u32, -3i64, None::<u8>, "文字", by_name)).unwrap();
    assert_eq!(
        serde_json::to_string(&v).unwrap(),
        r#"[7,-3,null,"文字",{"k":"c"}]"#
    );
}
