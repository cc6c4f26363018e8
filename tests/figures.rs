#![cfg(not(target_arch = "wasm32"))]
//! Figures only (`yibao estimate --figures`) gives exactly the explained result's figures: on every
//! kept input (the fuzzers' regressions, the worked examples, the goldens, the docs' examples), the
//! same refusals with the same messages, or the same numbers — compared as values, and as JSON: every
//! field the figures print sits at the same place with the same text in the explained result.

use serde_json::Value;
use std::fs;
use yibao::figures::{figures_json, Figures, FiguresOutcome};
use yibao::{estimate_json, Json, Outcome};

mod support {
    pub mod kept;
}

/// Every kept scenario that parses as JSON, with where it came from.
fn kept_inputs() -> Vec<(String, Json<'static>)> {
    let mut out = Vec::new();
    for path in support::kept::files() {
        let Ok(text) = fs::read_to_string(&path) else {
            continue;
        };
        let name = path.display().to_string();
        if name.ends_with(".jsonl") {
            for (i, line) in text.lines().enumerate() {
                if let Ok(j) = serde_json::from_str::<Json>(line) {
                    out.push((format!("{name}:{}", i + 1), j));
                }
            }
            continue;
        }
        let Ok(json) = serde_json::from_str::<Json>(&text) else {
            continue;
        };
        // A worked example holds its scenario under "scenario".
        let scenario = match &json {
            Json::Obj(o) if name.starts_with("tests/examples") => o
                .iter()
                .find(|(k, _)| k == "scenario")
                .map(|(_, v)| v.clone())
                .unwrap_or(json),
            _ => json,
        };
        out.push((name, scenario));
    }
    out
}

/// Every leaf of `small` is in `big` at the same path with the same value.
fn within(small: &Value, big: &Value, path: &str) -> Result<(), String> {
    match (small, big) {
        (Value::Object(s), Value::Object(b)) => s.iter().try_for_each(|(k, v)| match b.get(k) {
            Some(w) => within(v, w, &format!("{path}.{k}")),
            None => Err(format!("{path}.{k} is not in the explained result")),
        }),
        (Value::Array(s), Value::Array(b)) if s.len() == b.len() => s
            .iter()
            .zip(b)
            .enumerate()
            .try_for_each(|(i, (v, w))| within(v, w, &format!("{path}[{i}]"))),
        _ if small == big => Ok(()),
        _ => Err(format!("{path}: figures {small}, explained {big}")),
    }
}

#[test]
fn figures_are_the_explained_results_figures_on_every_kept_input() {
    let inputs = kept_inputs();
    assert!(inputs.len() > 3000, "kept inputs: {}", inputs.len());
    let (mut results, mut refusals) = (0, 0);
    for (name, json) in &inputs {
        let explained = estimate_json(json);
        let figures = figures_json(json);
        match (&explained, &figures) {
            (Outcome::Ok { result, .. }, FiguresOutcome::Ok { result: f, .. }) => {
                assert_eq!(**f, Figures::of(result), "{name}");
                // The CLI prints the figures with their own writer: serde_json's text exactly.
                let mut written = Vec::new();
                f.write_json(&mut written);
                assert_eq!(
                    String::from_utf8(written).unwrap(),
                    serde_json::to_string(&figures).unwrap(),
                    "{name}"
                );
                results += 1;
            }
            (Outcome::Invalid { errors: a, .. }, FiguresOutcome::Invalid { errors: b, .. }) => {
                assert_eq!(a, b, "{name}");
                refusals += 1;
            }
            _ => panic!(
                "{name}: explained ok = {}, figures ok = {}",
                explained.is_ok(),
                figures.is_ok()
            ),
        }
        let e = serde_json::to_value(&explained).unwrap();
        let f = serde_json::to_value(&figures).unwrap();
        within(&f, &e, "").unwrap_or_else(|msg| panic!("{name}: {msg}"));
    }
    // Both kinds must be well represented for the comparison to mean something.
    assert!(
        results > 900 && refusals > 2000,
        "{results} results, {refusals} refusals"
    );
}

#[test]
fn the_comparison_fails_on_a_changed_figure() {
    // The subtree check is what makes the test above fail when a figure drifts.
    let explained = serde_json::json!({"ok": true, "result": {"members": [{"waiting": {"months": {"total": 5}}}]}});
    let same = serde_json::json!({"ok": true, "result": {"members": [{"waiting": {"months": {"total": 5}}}]}});
    let drifted = serde_json::json!({"ok": true, "result": {"members": [{"waiting": {"months": {"total": 4}}}]}});
    let renamed = serde_json::json!({"ok": true, "result": {"members": [{"wait": {"months": {"total": 5}}}]}});
    assert!(within(&same, &explained, "").is_ok());
    assert!(within(&drifted, &explained, "").is_err());
    assert!(within(&renamed, &explained, "").is_err());
}
