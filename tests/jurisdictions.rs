#![cfg(not(target_arch = "wasm32"))]
//! Jurisdictions as data (issue 11): a city is one policy file, checked and written in its binary
//! form by the build's own code and loaded at run time like the page loads one. Two fixture
//! policies that are never shipped (tests/fixtures/policies/):
//! - `testcity-2025`, a fourth city with its own numbers (a fixed wait of 2 months, +2 per lapsed
//!   year, 15% / 25% limits): every sentence must state its numbers, not Yantai's or
//!   Zhangjiakou's;
//! - `dated-2025`, whose premium and continuity step change in 2027: the cap walk uses each year's
//!   step, the premium and the repair price are the benefit year's, a later year says whose
//!   amounts it uses.

#[path = "../build/blob.rs"]
#[allow(dead_code)]
mod blob;
#[path = "../build/check.rs"]
#[allow(dead_code)]
mod check;
#[path = "../src/decimal.rs"]
#[allow(dead_code)]
mod decimal;
#[path = "../src/fnv.rs"]
mod fnv;
#[path = "../src/grammar.rs"]
#[allow(dead_code)]
mod grammar;
#[path = "../src/policy_schema.rs"]
#[allow(dead_code)]
mod policy_schema;

use serde_json::{json, Value};
use std::fs;

fn read_source(name: &str) -> Option<String> {
    fs::read_to_string(format!("policies/sources/{name}")).ok()
}

/// Checks and loads a fixture policy as the build and the page would.
fn load(id: &str) {
    let name = format!("{id}.toml");
    let text = fs::read_to_string(format!("tests/fixtures/policies/{name}")).unwrap();
    let p = check::check(&name, &text, &read_source)
        .unwrap_or_else(|e| panic!("{name} fails the check:\n{}", e.join("\n")));
    let version = check::version(&name, &text, &p, &read_source);
    let bytes = blob::encode(&p, &version, p.order);
    let loaded = yibao::policy::load(&bytes).unwrap();
    assert_eq!(loaded.id, id);
    assert_eq!(loaded.version, version);
}

fn run(s: Value) -> Value {
    let j: yibao::Json = serde_json::from_value(s).unwrap();
    serde_json::to_value(yibao::estimate_json(&j)).unwrap()
}

fn result(s: Value) -> Value {
    let out = run(s);
    assert_eq!(out["ok"], json!(true), "{out}");
    out["result"].clone()
}

fn texts(r: &Value) -> Vec<String> {
    let mut out = vec![r["summary"].as_str().unwrap().to_string()];
    for st in r["trace"].as_array().unwrap() {
        out.push(st["text"].as_str().unwrap().to_string());
    }
    for a in r["alternatives"].as_array().unwrap() {
        out.push(a["question"].as_str().unwrap().to_string());
    }
    for m in r["members"].as_array().unwrap() {
        let a = &m["advice"];
        out.push(a["headline"].as_str().unwrap().to_string());
        for d in a["detail"].as_array().unwrap() {
            out.push(d.as_str().unwrap().to_string());
        }
        if let Some(t) = a["lapse"]["text"].as_str() {
            out.push(t.to_string());
        }
    }
    out
}

#[test]
fn a_fourth_city_states_its_own_numbers() {
    load("testcity-2025");
    // Lapsed 2025 and 2026, pays 2027-03-10 outside the 10-01..12-20 window: 2 + 2 × 2 = 6 months.
    let r = result(
        json!({"policy": "testcity-2025", "benefit_year": 2027, "members": [{
        "category": "adult", "payment_date": "2027-03-10",
        "history": [{"year": 2025, "enrolled": false}, {"year": 2026, "enrolled": false}]}]}),
    );
    let m = &r["members"][0];
    assert_eq!(m["waiting"]["months"]["fixed"], json!(2));
    assert_eq!(m["waiting"]["months"]["variable"], json!(4));
    assert_eq!(m["waiting"]["cover_start"], json!("2027-09-10"));
    // Repair: 2 months a year; one year 300 → 4 months.
    assert_eq!(m["waiting"]["repair_options"][1]["total_months"], json!(4));
    assert_eq!(m["waiting"]["repair_options"][1]["cost"], json!("300.00"));
    // Penalty 2 × 1000, limits 15% / 25% of 200,000.
    assert_eq!(m["cap"]["adjustment"], json!("-2000.00"));
    assert_eq!(m["cap"]["bonus_limit"], json!("30000.00"));
    assert_eq!(m["cap"]["penalty_limit"], json!("50000.00"));
    let a1 = &r["alternatives"][0];
    assert_eq!(a1["id"], json!("A1"));
    assert_eq!(a1["months_other"], json!(4));
    assert!(
        a1["question"].as_str().unwrap().contains("另加2个月")
            && a1["question"].as_str().unwrap().contains("固定2个月"),
        "{a1}"
    );
    let all = texts(&r).join("\n");
    assert!(all.contains("原封顶线的15%"), "{all}");
    // No sentence states another city's numbers.
    for other in [
        "固定3个月",
        "加1个月",
        "20%",
        "3,000元",
        "每年400元",
        "每年370元",
    ] {
        assert!(!all.contains(other), "{other:?} in:\n{all}");
    }
}

/// A rule variant as a parameter with a default held in the schema: the lapse penalty lasts the
/// re-enrollment year (cap.penalty_years, default 1, for the shipped cities); the fourth city states
/// 2, so its penalty lasts two enrolled years, is cited with its value, and a new lapse ends it.
#[test]
fn a_city_may_keep_the_lapse_penalty_for_longer() {
    load("testcity-2025");
    let walk = |history: Value, year: i32, policy: &str| {
        // An adult who pays in the window and is exempt from nothing.
        let p = yibao::policy::find(policy).unwrap();
        let adult = p
            .categories
            .iter()
            .find(|c| c.exemption == yibao::policy::Exemption::None)
            .unwrap()
            .key;
        let r = result(json!({"policy": policy, "benefit_year": year, "members": [{
            "category": adult, "payment_date": format!("{}-11-10", year - 1), "history": history}]}));
        r["members"][0]["cap"].clone()
    };
    // Lapsed 2025, enrolled 2026, 2027, 2028: −1000 in 2026 and 2027, nothing in 2028.
    let h = json!([{"year": 2025, "enrolled": false}, {"year": 2026, "enrolled": true},
                   {"year": 2027, "enrolled": true}]);
    let cap = walk(h.clone(), 2028, "testcity-2025");
    let adj: Vec<&str> = cap["years"]
        .as_array()
        .unwrap()
        .iter()
        .map(|y| y["adjustment"].as_str().unwrap())
        .collect();
    assert_eq!(adj, ["0.00", "-1000.00", "-1000.00", "0.00"], "{cap}");
    let h27 = json!([{"year": 2025, "enrolled": false}, {"year": 2026, "enrolled": true}]);
    let cap = walk(h27.clone(), 2027, "testcity-2025");
    assert_eq!(cap["adjustment"], json!("-1000.00"));
    assert_eq!(cap["penalty"], json!("1000.00"));
    let r = result(
        json!({"policy": "testcity-2025", "benefit_year": 2027, "members": [{
        "category": "adult", "payment_date": "2026-11-10", "history": h27}]}),
    );
    let cited = r["parameters"].as_array().unwrap();
    assert!(
        cited
            .iter()
            .any(|p| p["key"] == "cap.penalty_years" && p["value"] == "2"),
        "{cited:?}"
    );
    // A new lapse ends the carried penalty; the next re-enrollment starts a new one.
    let h2 = json!([{"year": 2025, "enrolled": false}, {"year": 2026, "enrolled": true},
                    {"year": 2027, "enrolled": false}]);
    let cap = walk(h2, 2028, "testcity-2025");
    assert_eq!(cap["years"][3]["adjustment"], json!("-1000.00"), "{cap}");
    // The shipped policies state no duration: the schema's default, one year.
    for p in yibao::policy::all() {
        if p.param("cap.penalty_years").is_some() || p.id.starts_with("testcity") {
            continue;
        }
        let cap = walk(
            json!([{"year": 2025, "enrolled": false}, {"year": 2026, "enrolled": true}]),
            2027,
            p.id,
        );
        assert_eq!(cap["years"][2]["penalty"], json!("0.00"), "{}: {cap}", p.id);
    }
}

#[test]
fn dated_values_are_used_in_their_years() {
    load("dated-2025");
    let member = |year: i32, history: Vec<Value>, pay: &str, repair: u32| {
        result(
            json!({"policy": "dated-2025", "benefit_year": year, "members": [{
            "category": "adult", "payment_date": pay, "history": history, "repair_years": repair}]}),
        )
    };
    let enrolled = |from: i32, to: i32| -> Vec<Value> {
        (from..to)
            .map(|y| json!({"year": y, "enrolled": true}))
            .collect()
    };

    // The premium of the benefit year: 300 in 2026, 330 from 2027.
    let r2026 = member(2026, enrolled(2025, 2026), "2025-11-01", 0);
    assert_eq!(
        r2026["members"][0]["contribution"]["premium"],
        json!("300.00")
    );
    assert_eq!(r2026["amounts_year"], json!(2025));
    let r2027 = member(2027, enrolled(2025, 2027), "2026-11-01", 0);
    assert_eq!(
        r2027["members"][0]["contribution"]["premium"],
        json!("330.00")
    );
    assert_eq!(r2027["amounts_year"], json!(2027));
    assert!(r2027.get("amounts_note").is_none(), "{r2027}");
    // A later year uses the last published amounts and says so.
    let r2028 = member(2028, enrolled(2025, 2028), "2027-11-01", 0);
    assert_eq!(r2028["amounts_year"], json!(2027));
    assert_eq!(r2028["amounts_note"], json!("按2027年标准估算"));

    // Repair in 2027 for the lapsed 2026: the 2027 standard, 330 a year.
    let lapsed = vec![
        json!({"year": 2025, "enrolled": true}),
        json!({"year": 2026, "enrolled": false}),
    ];
    let repaired = member(2027, lapsed, "2027-03-01", 1);
    assert_eq!(
        repaired["members"][0]["contribution"]["repair_cost"],
        json!("330.00")
    );
    assert_eq!(
        repaired["members"][0]["waiting"]["repair_options"][1]["cost"],
        json!("330.00")
    );

    // The cap walk, continuity after 1 year: 2026 +1500 (the 2025 step in force), 2027 +2500 and
    // 2028 +2500 (the 2027 step): 6500 in 2028, where one step for all years would give 4500 or 7500.
    let cap = &r2028["members"][0]["cap"];
    let years = cap["years"].as_array().unwrap();
    let bonus = |y: usize| years[y]["continuity_bonus"].as_str().unwrap().to_string();
    assert_eq!(
        [bonus(1), bonus(2), bonus(3)],
        ["1500.00", "4000.00", "6500.00"]
    );
    assert_eq!(cap["adjustment"], json!("6500.00"));
    // Both values are cited, each with the year it is in force from.
    let cited: Vec<(String, Value)> = r2028["parameters"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|p| p["key"] == "cap.continuity_step")
        .map(|p| (p["value"].as_str().unwrap().to_string(), p["from"].clone()))
        .collect();
    assert_eq!(
        cited,
        [
            ("1500".to_string(), json!(2025)),
            ("2500".to_string(), json!(2027))
        ]
    );
}

#[test]
fn each_policy_carries_its_own_version() {
    // The version compiled into each shipped policy is the hash of its own file and cited sources
    // (check::version), so editing another city's file cannot change it.
    // The shipped ones (other tests in this binary load fixtures too).
    for (id, _) in yibao::policy::embedded() {
        let p = yibao::policy::find(id).unwrap();
        let name = format!("{}.toml", p.id);
        let text = fs::read_to_string(format!("policies/{name}")).unwrap();
        let file = check::check(&name, &text, &read_source).unwrap();
        assert_eq!(
            p.version,
            check::version(&name, &text, &file, &read_source),
            "{name}"
        );
        // A changed byte in the file changes its version.
        let edited = text.replacen("\n", "\n\n", 1);
        assert_ne!(
            p.version,
            check::version(&name, &edited, &file, &read_source)
        );
    }
    // A result's rules version and reference code follow its own policy's version.
    let r = result(
        json!({"policy": "yantai-2025", "benefit_year": 2025, "members": [{
        "category": "adult_tier1", "payment_date": "2024-11-01"}]}),
    );
    let yt = yibao::policy::find("yantai-2025").unwrap();
    assert_eq!(r["rules_version"], json!(yibao::rules_version(yt)));
}

#[test]
fn a_corrupt_policy_is_refused_with_a_message() {
    let name = "testcity-2025.toml";
    let text = fs::read_to_string(format!("tests/fixtures/policies/{name}")).unwrap();
    let p = check::check(name, &text, &read_source).unwrap();
    let bytes = blob::encode(&p, "0", 1);
    // Every truncation, and every single-byte change, is refused or reads as some policy: never a
    // panic.
    for n in 0..bytes.len() {
        assert!(
            yibao::policy_blob::decode(&bytes[..n]).is_err(),
            "truncated at {n}"
        );
    }
    for i in 0..bytes.len() {
        let mut b = bytes.clone();
        b[i] ^= 0x5a;
        let _ = yibao::policy_blob::decode(&b);
    }
    assert!(yibao::policy_blob::decode(b"not a policy").is_err());
}
