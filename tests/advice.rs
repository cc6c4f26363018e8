#![cfg(not(target_arch = "wasm32"))]
//! The advice's promises, checked on every result the kept inputs give (fuzz regressions, worked
//! examples, goldens): it never recommends a repair that shortens nothing, recommends a repair only
//! when it pays for itself on the planned spending, says exactly what following it costs, and its
//! figures add up. The worked examples (tests/examples/*-advice-*.json) hold the values.

use rust_decimal::Decimal;
use serde_json::Value;
use std::fs;

fn dec(v: &Value) -> Decimal {
    v.as_str()
        .and_then(|s| s.parse().ok())
        .unwrap_or_else(|| panic!("not an amount: {v}"))
}

fn scenarios() -> Vec<(String, Value)> {
    let mut out = vec![];
    for dir in ["tests/fuzz_regressions", "tests/examples", "tests/golden"] {
        let mut files: Vec<_> = fs::read_dir(dir)
            .unwrap()
            .filter_map(|e| e.ok().map(|e| e.path()))
            .collect();
        files.sort();
        for path in files {
            let name = path.display().to_string();
            if dir == "tests/golden" && !name.ends_with(".scenario.json") {
                continue;
            }
            let Ok(v) = serde_json::from_slice::<Value>(&fs::read(&path).unwrap()) else {
                continue;
            };
            let scenario = if dir == "tests/examples" {
                v["scenario"].clone()
            } else {
                v
            };
            out.push((name, scenario));
        }
    }
    out
}

fn check_member(name: &str, m: &Value) -> u32 {
    let a = &m["advice"];
    let w = &m["waiting"];
    let c = &m["contribution"];
    let opts = a["options"].as_array().unwrap();
    let verdict = a["verdict"].as_str().unwrap();
    let rec = a["recommended_years"].as_u64().unwrap();

    // One row per repair from none to every lapsed year (one row when exempt).
    let want_rows = if w["exempt"].as_bool().unwrap() {
        1
    } else {
        w["lapsed_years"].as_u64().unwrap() + 1
    };
    assert_eq!(opts.len() as u64, want_rows, "{name}: option rows");
    for (k, o) in opts.iter().enumerate() {
        assert_eq!(o["years"].as_u64().unwrap(), k as u64, "{name}");
        // The same rows as the wait's own repair options.
        let wo = &w["repair_options"][k];
        assert_eq!(o["total_months"], wo["total_months"], "{name}");
        assert_eq!(o["cover_start"], wo["cover_start"], "{name}");
        assert_eq!(o["cost"], wo["cost"], "{name}");
        let useful = k == 0
            || o["total_months"].as_u64().unwrap() < opts[k - 1]["total_months"].as_u64().unwrap();
        assert_eq!(
            o["useful"].as_bool().unwrap(),
            useful,
            "{name}: useful row {k}"
        );
        assert_eq!(
            dec(&o["gain"]),
            dec(&o["paid"]) - dec(&opts[0]["paid"]),
            "{name}: gain"
        );
        assert_eq!(
            dec(&o["net"]),
            dec(&o["gain"]) - dec(&o["cost"]),
            "{name}: net"
        );
        assert!(
            dec(&o["gain"]) >= Decimal::ZERO,
            "{name}: repair never lowers what the fund pays"
        );
    }

    let chosen = &opts[rec as usize];
    assert!(
        chosen["useful"].as_bool().unwrap(),
        "{name}: recommends a row that shortens nothing"
    );
    if verdict == "worth_it" {
        let best = opts
            .iter()
            .filter(|o| o["useful"].as_bool().unwrap() && o["years"].as_u64().unwrap() > 0)
            .map(|o| dec(&o["net"]))
            .max()
            .unwrap();
        assert!(
            rec > 0 && dec(&chosen["net"]) > Decimal::ZERO,
            "{name}: worth_it pays for itself"
        );
        assert_eq!(dec(&chosen["net"]), best, "{name}: the best net");
    } else {
        assert_eq!(rec, 0, "{name}: {verdict} recommends no repair");
    }
    let no_wait = w["exempt"].as_bool().unwrap() || opts[0]["total_months"].as_u64() == Some(0);
    assert_eq!(verdict == "no_wait", no_wait, "{name}: no_wait");
    if verdict == "cannot_shorten" {
        assert!(
            opts.iter().skip(1).all(|o| !o["useful"].as_bool().unwrap()),
            "{name}"
        );
    }

    // Following the advice costs the premium after subsidy, 补充保险 and the recommended repair.
    assert_eq!(
        dec(&a["pay_now"]),
        dec(&c["individual_pays"]) + dec(&c["health_plan"]) + dec(&chosen["cost"]),
        "{name}: pay_now"
    );
    let head = a["headline"].as_str().unwrap();
    if dec(&a["pay_now"]).is_zero() {
        assert!(head.starts_with("个人不用交钱,"), "{name}: {head}");
    } else {
        assert!(
            head.starts_with('交') && !head.starts_with("交0元"),
            "{name}: {head}"
        );
    }

    // The days before cover split into before payment and waiting, never counted twice.
    assert_eq!(
        w["days_before_payment"].as_u64().unwrap() + w["waiting_days"].as_u64().unwrap(),
        w["uncovered_days"].as_u64().unwrap(),
        "{name}: days"
    );
    match &a["lapse"] {
        Value::Null => assert_eq!(w["lapsed_years"].as_u64(), Some(0), "{name}"),
        l => assert_eq!(l["lapsed_years"], w["lapsed_years"], "{name}"),
    }
    if !a["after_window"].is_null() {
        assert!(
            w["in_window"].as_bool().unwrap(),
            "{name}: after_window only inside the window"
        );
    }
    // Sentences read as residents write amounts: no "296000.00元" and no "−4000".
    for text in a["detail"]
        .as_array()
        .unwrap()
        .iter()
        .chain([&a["headline"]])
    {
        let t = text.as_str().unwrap();
        assert!(!t.contains(".00元") && !t.contains('−'), "{name}: {t}");
    }
    rec as u32
}

#[test]
fn advice_keeps_its_promises_on_every_kept_input() {
    let (mut results, mut members, mut recommended) = (0, 0, 0);
    for (name, scenario) in scenarios() {
        let json: yibao::Json = serde_json::from_value(scenario).unwrap();
        let out = serde_json::to_value(yibao::estimate_json(&json)).unwrap();
        if out["ok"] != Value::Bool(true) {
            continue;
        }
        results += 1;
        for m in out["result"]["members"].as_array().unwrap() {
            members += 1;
            if check_member(&name, m) > 0 {
                recommended += 1;
            }
        }
    }
    eprintln!("advice checked on {results} results, {members} members, {recommended} with a recommended repair");
    assert!(
        results > 900 && members > results,
        "too few results: {results}"
    );
    assert!(
        recommended > 0,
        "no kept input recommends a repair: the worth_it path is untested here"
    );
}
