#![cfg(not(target_arch = "wasm32"))]
//! The one grammar of numbers, month-days and dates (src/grammar.rs, docs/scenario.md §1.1), in
//! the scenario's fields, in the overrides and in the build-time policy check. Scenarios are read
//! from JSON *text*, as the CLI reads them, so that a number's spelling (1e-30, 1e400) reaches the
//! reader exactly as written.

use serde_json::Value;

fn run_text(text: &str) -> Value {
    let j: yibao::Json = serde_json::from_str(text).unwrap();
    serde_json::to_value(yibao::estimate_json(&j)).unwrap()
}

/// One Yantai adult, 2025, with `field` set to `value` (JSON text) in the member's spending.
fn with_outpatient(value: &str) -> Value {
    run_text(&format!(
        r#"{{"policy":"yantai-2025","benefit_year":2025,"members":[{{"category":"adult_tier2",
        "payment_date":"2024-10-01","spending":{{"outpatient":{value}}}}}]}}"#
    ))
}

fn with_benefit_year(value: &str) -> Value {
    run_text(&format!(
        r#"{{"policy":"yantai-2025","benefit_year":{value},"members":[{{"category":"adult_tier2",
        "payment_date":"2024-10-01"}}]}}"#
    ))
}

fn with_override(key: &str, value: &str) -> Value {
    run_text(&format!(
        r#"{{"policy":"national-2025","benefit_year":2025,"overrides":{{"{key}":{value}}},
        "members":[{{"category":"adult","payment_date":"2024-10-01"}}]}}"#
    ))
}

/// The only error: its path and message.
fn error(v: &Value) -> (String, String) {
    assert_eq!(v["ok"], Value::Bool(false), "expected a refusal: {v}");
    let errors = v["errors"].as_array().unwrap();
    assert_eq!(errors.len(), 1, "one error expected: {v}");
    (
        errors[0]["path"].as_str().unwrap().to_string(),
        errors[0]["message"].as_str().unwrap().to_string(),
    )
}

fn outpatient_spending(v: &Value) -> &str {
    assert_eq!(v["ok"], Value::Bool(true), "expected a result: {v}");
    v["result"]["household"]["reimbursement"]["spending"]
        .as_str()
        .unwrap()
}

#[test]
fn amount_text_is_digits_and_one_point_only() {
    for bad in [
        r#""1_000""#,
        r#""100_""#,
        r#""1_0_0.0_1""#,
        r#""+5""#,
        r#""1.2.3""#,
        r#""５""#,
        r#""1 000""#,
        r#""-""#,
    ] {
        let (path, msg) = error(&with_outpatient(bad));
        assert_eq!(path, "members[0].spending.outpatient", "{bad}");
        let shown = bad.trim_matches('"');
        assert_eq!(
            msg,
            format!("普通门诊花费无效:「{shown}」不是金额,请只填数字,例如 1200"),
            "{bad}"
        );
    }
    // What a person types around the digits is read as they meant it.
    for (good, want) in [
        (r#"" 8000.5 ""#, "8000.50"),
        (r#"".5""#, "0.50"),
        (r#""5.""#, "5.00"),
        (r#""0100""#, "100.00"),
        (r#""-0""#, "0.00"),
        (r#""8000.500""#, "8000.50"),
    ] {
        assert_eq!(outpatient_spending(&with_outpatient(good)), want, "{good}");
    }
    let (_, msg) = error(&with_outpatient(r#""1e3""#));
    assert!(msg.contains("请直接写数字"), "{msg}");
    let (_, msg) = error(&with_outpatient(r#""-5""#));
    assert_eq!(msg, "普通门诊花费无效:不能为负数");
}

#[test]
fn json_numbers_are_values_to_fifteen_digits() {
    // 1e-30 used to be read as 0 while 1e-3 was refused: both have more than two decimals.
    for tiny in ["1e-3", "1e-30", "1e-400", "0.001", "1.005"] {
        assert_eq!(
            error(&with_outpatient(tiny)),
            (
                "members[0].spending.outpatient".to_string(),
                "普通门诊花费无效:最多两位小数".to_string()
            ),
            "{tiny}"
        );
    }
    // 1e300 is finite: it is too large, not "非有限数字". 1e400 is beyond a double (JSON.parse
    // makes it Infinity): the same, at its field, not a syntax error for the whole document.
    for huge in [
        "1e300",
        "1e400",
        "123456789012345678901234567890",
        "10000000.01",
    ] {
        assert_eq!(
            error(&with_outpatient(huge)),
            (
                "members[0].spending.outpatient".to_string(),
                "普通门诊花费无效:超过上限10000000元".to_string()
            ),
            "{huge}"
        );
    }
    let (_, msg) = error(&with_outpatient("-1e400"));
    assert_eq!(msg, "普通门诊花费无效:不能为负数");
    // By value: an exponent is as good as the digits; float noise beyond 15 digits goes.
    for (good, want) in [
        ("1.5e2", "150.00"),
        ("1E2", "100.00"),
        ("0.30000000000000004", "0.30"),
        ("8000.50", "8000.50"),
        ("-0", "0.00"),
        ("0e-400", "0.00"),
        ("1e7", "10000000.00"),
    ] {
        assert_eq!(outpatient_spending(&with_outpatient(good)), want, "{good}");
    }
}

#[test]
fn integers_out_of_range_say_so_not_that_they_are_not_integers() {
    let (path, msg) = error(&with_benefit_year("1000001"));
    assert_eq!(path, "benefit_year");
    assert_eq!(msg, "待遇年度1000001超出本政策可测算范围(最晚2035年)");
    let (_, msg) = error(&with_benefit_year("-1000001"));
    assert!(msg.starts_with("待遇年度-1000001早于2025年"), "{msg}");
    for huge in [
        "1e400",
        "1e300",
        "99999999999999999999",
        "-9223372036854775809",
    ] {
        assert_eq!(
            error(&with_benefit_year(huge)),
            (
                "benefit_year".to_string(),
                "待遇年度的数值超出范围".to_string()
            ),
            "{huge}"
        );
    }
    for (bad, shown) in [
        ("2025.5", "2025.5"),
        ("1e-30", "1e-30"),
        (r#""2025.0""#, "「2025.0」"),
        (r#""+2025""#, "「+2025」"),
        (r#""2_025""#, "「2_025」"),
    ] {
        assert_eq!(
            error(&with_benefit_year(bad)),
            (
                "benefit_year".to_string(),
                format!("待遇年度应为整数,收到{shown}")
            ),
            "{bad}"
        );
    }
    // A whole JSON number is an integer however it is spelled; integer text is digits.
    for good in ["2025", "2.025e3", "2025.0", r#"" 2025 ""#, r#""02025""#] {
        assert_eq!(with_benefit_year(good)["ok"], Value::Bool(true), "{good}");
    }
    // A month of 1000001 is out of the month's range.
    let stay = run_text(
        r#"{"policy":"yantai-2025","benefit_year":2025,"members":[{"category":"adult_tier2",
        "payment_date":"2024-10-01","spending":{"stays":[{"level":"primary","month":1000001,"amount":"100"}]}}]}"#,
    );
    assert_eq!(
        error(&stay),
        (
            "members[0].spending.stays[0].month".to_string(),
            "月份应为1—12".to_string()
        )
    );
}

#[test]
fn a_present_but_invalid_child_order_is_not_called_missing() {
    let v = run_text(
        r#"{"policy":"yantai-2025","benefit_year":2025,"members":[{"category":"adult_tier2",
        "payment_date":"2024-10-01","spending":{"childbirth":{"child_order":"二","month":5}}}]}"#,
    );
    assert_eq!(
        error(&v),
        (
            "members[0].spending.childbirth.child_order".to_string(),
            "第几孩应为整数,收到「二」".to_string()
        )
    );
}

#[test]
fn a_date_that_is_not_digits_is_not_called_a_missing_day() {
    for (bad, why) in [
        ("2025-ab-cd", "请按 YYYY-MM-DD 填写,例如 2025-03-15"),
        ("2025-1a-01", "请按 YYYY-MM-DD 填写,例如 2025-03-15"),
        ("+025-10-01", "请按 YYYY-MM-DD 填写,例如 2025-03-15"),
        ("2024-02-30", "这一天不存在"),
        ("2025-13-01", "这一天不存在"),
    ] {
        let v = run_text(&format!(
            r#"{{"policy":"yantai-2025","benefit_year":2025,"members":[{{"category":"adult_tier2",
            "payment_date":"{bad}"}}]}}"#
        ));
        assert_eq!(
            error(&v),
            (
                "members[0].payment_date".to_string(),
                format!("缴费日期「{bad}」无效:{why}")
            ),
            "{bad}"
        );
    }
}

#[test]
fn overrides_follow_the_same_grammar() {
    let refused = |key: &str, value: &str, hint: &str| {
        let (path, msg) = error(&with_override(key, value));
        assert_eq!(path, format!("overrides.{key}"), "{value}");
        assert!(msg.ends_with(hint), "{key} = {value}: {msg}");
    };
    let money = "应为0—10000000元之间的金额,最多两位小数";
    let rate = "应为0—1之间的比例,例如 0.65 表示65%";
    let day = "应为 \"MM-DD\" 格式的日期,例如 \"12-31\"";
    refused("cap.original", r#""250_000""#, money);
    refused("cap.original", r#""+250000""#, money);
    refused("cap.original", "1e-30", money);
    refused("cap.original", "1e400", money);
    refused("outpatient.rate", r#""0._5""#, rate);
    refused("outpatient.rate", r#""+0.5""#, rate);
    refused("outpatient.rate", "1e-30", rate);
    refused("window.start", r#""+9-01""#, day);
    refused("window.start", r#""9-01""#, day);
    refused("window.start", r#""09-1_""#, day);
    refused("window.start", r#""-9-01""#, day);
    refused("cap.continuity_after_years", r#""+3""#, "应为1—50的整数");
    refused("cap.continuity_after_years", r#""3.0""#, "应为1—50的整数");
    refused("cap.continuity_after_years", "1e-30", "应为1—50的整数");
    // Accepted: the same values written plainly, and JSON numbers by value.
    for (key, value) in [
        ("cap.original", r#""250000""#),
        ("cap.original", "2.5e5"),
        ("outpatient.rate", r#""0.50""#),
        ("outpatient.rate", "0.5"),
        ("window.start", r#""09-01""#),
        ("cap.continuity_after_years", "3.0"),
        ("cap.continuity_after_years", r#"" 3 ""#),
    ] {
        let v = with_override(key, value);
        // The national baseline lacks outpatient deductible and limit; the rate alone is accepted.
        assert_eq!(v["ok"], Value::Bool(true), "{key} = {value}: {v}");
    }
}

#[test]
fn a_double_is_written_to_fifteen_significant_digits() {
    use yibao::grammar::double_text;
    for (shortest, want) in [
        ("0.30000000000000004", "0.3"),
        ("3.0000000000000004e-1", "0.3"),
        ("8.0005e3", "8000.5"),
        ("1e21", "1000000000000000000000"),
        ("1e+21", "1000000000000000000000"),
        ("1e-30", "1e-30"),
        ("1e300", "1e300"),
        ("-1.2345678901234567e-40", "-1.23456789012346e-40"),
        ("9.9999999999999999e5", "1000000"),
        ("123456789.12345679", "123456789.123457"),
        ("-0", "0"),
        ("Infinity", "Infinity"),
        ("-Infinity", "-Infinity"),
        ("NaN", "NaN"),
    ] {
        assert_eq!(double_text(shortest), want, "{shortest}");
    }
    // Rust's shortest digits and JavaScript's String(x) agree; both give the same text here.
    for f in [0.1 + 0.2, 1e-30, 1e300, 8000.5, 1.005, 123_456.789, -2.5e-7] {
        let rust = format!("{f:e}");
        let js_like = f.to_string();
        assert_eq!(double_text(&rust), double_text(&js_like), "{f}");
    }
}

#[test]
fn nesting_deeper_than_a_scenario_names_the_field() {
    // serde_json alone gives up at 128 levels with a syntax error for the whole document.
    let deep = format!("{}1{}", "[".repeat(500), "]".repeat(500));
    let v = run_text(&format!(
        r#"{{"policy":"yantai-2025","benefit_year":2025,"members":[{{"category":"adult_tier2",
        "payment_date":"2024-10-01","spending":{{"outpatient":{deep}}}}}]}}"#
    ));
    assert_eq!(
        error(&v),
        (
            "members[0].spending.outpatient".to_string(),
            "普通门诊花费应为金额(元),收到的是列表".to_string()
        )
    );
    let deep_object = format!("{}1{}", r#"{"a":"#.repeat(100_000), "}".repeat(100_000));
    let v = run_text(&format!(
        r#"{{"policy":"yantai-2025","benefit_year":2025,"overrides":{deep_object},
        "members":[{{"category":"adult_tier2","payment_date":"2024-10-01"}}]}}"#
    ));
    assert_eq!(error(&v).0, "overrides.a");
}
