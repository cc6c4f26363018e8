#![cfg(not(target_arch = "wasm32"))]
//! Replays the fuzzers' kept inputs — crash reproducers and a minimised corpus, as JSON files in
//! tests/fuzz_regressions/ — through the same path as the CLI and the page. None may panic; every
//! refusal must carry at least one message; every result must serialise.

use std::fs;

#[test]
fn fuzz_inputs_never_panic() {
    let mut files: Vec<_> = fs::read_dir("tests/fuzz_regressions")
        .unwrap()
        .filter_map(|e| e.ok().map(|e| e.path()))
        .collect();
    files.sort();
    assert!(!files.is_empty(), "no fuzz regression inputs kept");
    let (mut ok, mut refused, mut not_json) = (0, 0, 0);
    for path in &files {
        let bytes = fs::read(path).unwrap();
        let Ok(json) = serde_json::from_slice::<yibao::Json>(&bytes) else {
            not_json += 1;
            continue;
        };
        let outcome = yibao::estimate_json(&json);
        let text =
            serde_json::to_string(&outcome).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        match outcome {
            yibao::Outcome::Ok { .. } => ok += 1,
            yibao::Outcome::Invalid { errors, .. } => {
                assert!(
                    !errors.is_empty(),
                    "{}: refused without a message: {text}",
                    path.display()
                );
                refused += 1;
            }
        }
    }
    eprintln!(
        "{} fuzz inputs: {ok} results, {refused} refused, {not_json} not JSON",
        files.len()
    );
}
