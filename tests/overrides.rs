#![cfg(not(target_arch = "wasm32"))]
//! Overrides checked as a whole before anything is computed: null is not "not filled" there, a
//! key given twice is refused whatever its first value, the window stays in order and the 大病
//! segments, the policy's overlaid with the user's, stay increasing, closed only where another
//! segment follows, and reachable.

use serde_json::{json, Value};

fn run(s: Value) -> Value {
    let j: yibao::Json = serde_json::from_value(s).unwrap();
    serde_json::to_value(yibao::estimate_json(&j)).unwrap()
}

fn run_text(text: &str) -> Value {
    let j: yibao::Json = serde_json::from_str(text).unwrap();
    serde_json::to_value(yibao::estimate_json(&j)).unwrap()
}

/// (path, message) of every error.
fn errors(v: &Value) -> Vec<(String, String)> {
    assert_eq!(v["ok"], json!(false), "expected a refusal: {v}");
    v["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| {
            (
                e["path"].as_str().unwrap().to_string(),
                e["message"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

/// One Zhangjiakou adult in 2025 with a 大病 claim: 100,000 of in-scope spending at a tertiary
/// hospital, so the segments above the 大病 deductible are walked.
fn zjk(overrides: Value) -> Value {
    run(
        json!({"policy": "zhangjiakou-2025", "benefit_year": 2025, "overrides": overrides,
        "members": [{"category": "adult", "payment_date": "2024-10-01",
        "spending": {"stays": [{"level": "tertiary", "month": 6, "amount": "300000"}]}}]}),
    )
}

#[test]
fn a_null_override_is_an_error_as_documented() {
    let r = run(
        json!({"policy": "yantai-2025", "benefit_year": 2025, "overrides": {"cap.original": null},
        "members": [{"category": "adult_tier1", "payment_date": "2024-12-01"}]}),
    );
    assert_eq!(
        errors(&r),
        [(
            "overrides.cap.original".to_string(),
            "「大病保险原封顶线」的值无效:应为0—10000000元之间的金额,最多两位小数".to_string()
        )]
    );
}

#[test]
fn a_key_given_twice_is_refused_after_a_null_or_an_invalid_value() {
    for first in ["null", "\"abc\"", "\"300000\""] {
        let r = run_text(&format!(
            r#"{{"policy":"yantai-2025","benefit_year":2025,
            "overrides":{{"cap.original":{first},"cap.original":"300000"}},
            "members":[{{"category":"adult_tier1","payment_date":"2024-12-01"}}]}}"#
        ));
        let errs = errors(&r);
        assert!(
            errs.contains(&("overrides.cap.original".to_string(), "字段重复".to_string())),
            "{first}: {errs:?}"
        );
    }
}

#[test]
fn a_reversed_window_names_the_day_the_user_set() {
    // The national baseline's window (09-01 to 12-31) is unverified: both days are editable.
    let r = run(
        json!({"policy": "national-2025", "benefit_year": 2026, "overrides": {"window.end": "08-31"},
        "members": [{"category": "adult", "history": [{"enrolled": true}], "payment_date": "2026-03-01"}]}),
    );
    assert_eq!(
        errors(&r),
        [(
            "overrides.window.end".to_string(),
            "集中参保期开始日(09-01)不能晚于截止日(08-31)".to_string()
        )]
    );
    let r = run(
        json!({"policy": "yantai-2025", "benefit_year": 2026, "overrides": {"window.start": "12-31"},
        "members": [{"category": "adult_tier1", "history": [{"enrolled": true}], "payment_date": "2025-12-31"}]}),
    );
    assert_eq!(r["ok"], json!(true), "a one-day window is a window: {r}");
}

#[test]
fn segments_may_not_overlap() {
    // Zhangjiakou: 60% up to 100,000 above the deductible, then 70% without a limit (both
    // unverified). A second bound below the first counted the band from 50,000 to 100,000 twice.
    let r = zjk(json!({"major.segment.2.up_to": "50000", "major.segment.3.rate": "0.8"}));
    assert_eq!(
        errors(&r),
        [(
            "overrides.major.segment.2.up_to".to_string(),
            "大病保险第2段上限(50000元)应高于第1段上限(100000元)".to_string()
        )]
    );
    // Raising the first bound above the policy's second one is named at the user's key.
    let r = zjk(
        json!({"major.segment.1.up_to": "200000", "major.segment.2.up_to": "150000",
        "major.segment.3.rate": "0.8"}),
    );
    assert_eq!(errors(&r)[0].0, "overrides.major.segment.2.up_to");
    let r = zjk(json!({"major.segment.2.up_to": "100000", "major.segment.3.rate": "0.8"}));
    assert_eq!(
        errors(&r)[0].0,
        "overrides.major.segment.2.up_to",
        "equal bounds overlap too"
    );
    // Increasing bounds are accepted and each band is paid once.
    let r = zjk(json!({"major.segment.2.up_to": "150000", "major.segment.3.rate": "0.8"}));
    assert_eq!(r["ok"], json!(true), "{r}");
    let segs = &r["result"]["members"][0]["reimbursement"]["major"]["segments"];
    let amounts: Vec<&str> = segs
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["amount"].as_str().unwrap())
        .collect();
    let above: f64 = r["result"]["members"][0]["reimbursement"]["major"]["above_deductible"]
        .as_str()
        .unwrap()
        .parse()
        .unwrap();
    let total: f64 = amounts.iter().map(|a| a.parse::<f64>().unwrap()).sum();
    assert_eq!(
        total, above,
        "the bands add up to the amount above the deductible: {amounts:?}"
    );
}

#[test]
fn a_closed_last_segment_and_an_unreachable_segment_are_refused() {
    // Closing Zhangjiakou's open second segment without a third leaves spending above it unpaid.
    let r = zjk(json!({"major.segment.2.up_to": "150000"}));
    assert_eq!(errors(&r).len(), 1);
    assert_eq!(errors(&r)[0].0, "overrides.major.segment.2.up_to");
    assert!(errors(&r)[0].1.contains("却没有第3段"), "{r}");
    // A third segment after the open second one would never be used.
    let r = zjk(json!({"major.segment.3.rate": "0.8"}));
    assert_eq!(
        errors(&r),
        [(
            "overrides.major.segment.3.rate".to_string(),
            "大病保险第3段用不到:第2段不封顶(没有上限)".to_string()
        )]
    );
    // A fifth segment after an open third one, then after a closed third one with no fourth.
    let r = zjk(
        json!({"major.segment.2.up_to": "150000", "major.segment.3.rate": "0.8",
        "major.segment.5.rate": "0.9"}),
    );
    assert_eq!(
        errors(&r),
        [(
            "overrides.major.segment.5.rate".to_string(),
            "大病保险第5段用不到:第3段不封顶(没有上限)".to_string()
        )]
    );
    let r = zjk(
        json!({"major.segment.2.up_to": "150000", "major.segment.3.rate": "0.8",
        "major.segment.3.up_to": "200000", "major.segment.5.rate": "0.9"}),
    );
    let errs = errors(&r);
    assert_eq!(errs.len(), 2, "{errs:?}");
    assert_eq!(errs[0].0, "overrides.major.segment.3.up_to");
    assert!(errs[0].1.contains("却没有第4段"), "{errs:?}");
    assert_eq!(
        errs[1],
        (
            "overrides.major.segment.5.rate".to_string(),
            "大病保险第5段用不到:第4段没有报销比例".to_string()
        )
    );
}
