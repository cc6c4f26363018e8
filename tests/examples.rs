#![cfg(not(target_arch = "wasm32"))]
//! Worked examples as data: every `tests/examples/*.json` holds a scenario, where the example comes
//! from, the reasoning, and the expected figures as `path → value` pairs checked against the result.
//!
//! Paths walk the result JSON: `members[0].waiting.cover_start`, `household.contribution.total`,
//! `errors[0].path`. Expected strings, numbers and booleans must match exactly (amounts are strings
//! with two decimals, e.g. "400.00"; wait lengths are numbers). A file whose scenario is invalid
//! expects `ok: false` and its error paths.

use serde_json::Value;
use std::fs;

fn lookup<'a>(mut v: &'a Value, path: &str) -> Option<&'a Value> {
    for part in path.split('.') {
        let (name, idx) = match part.find('[') {
            Some(i) => (&part[..i], Some(&part[i..])),
            None => (part, None),
        };
        if !name.is_empty() {
            v = v.get(name)?;
        }
        if let Some(mut rest) = idx {
            while let Some(close) = rest.find(']') {
                let n: usize = rest[1..close].parse().ok()?;
                v = v.get(n)?;
                rest = &rest[close + 1..];
            }
        }
    }
    Some(v)
}

/// Money in results is a string like "400.00"; allow expectations to say "400" or 400 as well.
fn same(expected: &Value, actual: &Value) -> bool {
    if expected == actual {
        return true;
    }
    let as_dec = |v: &Value| -> Option<rust_decimal::Decimal> {
        match v {
            Value::String(s) => s.parse().ok(),
            Value::Number(n) => n.to_string().parse().ok(),
            _ => None,
        }
    };
    matches!((as_dec(expected), as_dec(actual)), (Some(a), Some(b)) if a == b)
        && matches!(expected, Value::String(_) | Value::Number(_))
        && matches!(actual, Value::String(_) | Value::Number(_))
}

#[test]
fn worked_examples() {
    let mut files: Vec<_> = fs::read_dir("tests/examples")
        .expect("tests/examples")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .collect();
    files.sort();
    assert!(
        files.len() >= 40,
        "expected at least 40 worked examples, found {}",
        files.len()
    );
    let mut failures = Vec::new();
    let mut checked = 0;
    for path in &files {
        let text = fs::read_to_string(path).unwrap();
        let ex: Value =
            serde_json::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        for k in ["source", "reasoning", "scenario", "expect"] {
            assert!(ex.get(k).is_some(), "{}: missing `{k}`", path.display());
        }
        let scenario: yibao::Json = serde_json::from_value(ex["scenario"].clone()).unwrap();
        let outcome = yibao::estimate_json(&scenario);
        let got = serde_json::to_value(&outcome).unwrap();
        let result = if got["ok"] == Value::Bool(true) {
            &got["result"]
        } else {
            &got
        };
        let expect = ex["expect"].as_object().expect("expect is an object");
        assert!(!expect.is_empty(), "{}: expects nothing", path.display());
        for (p, want) in expect {
            checked += 1;
            let actual = if p == "ok" {
                got.get("ok")
            } else {
                lookup(result, p)
            };
            match actual {
                Some(a) if same(want, a) => {}
                other => failures.push(format!(
                    "{}: {p}: expected {want}, got {}",
                    path.display(),
                    other.map(|v| v.to_string()).unwrap_or("(missing)".into())
                )),
            }
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {checked} expectations failed:\n{}",
        failures.len(),
        failures.join("\n")
    );
    eprintln!("{} worked examples, {checked} expectations", files.len());
}
