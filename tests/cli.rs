#![cfg(not(target_arch = "wasm32"))]
//! The `yibao` binary end to end: the same JSON as the library, text output, batches, exit codes.

use serde_json::{json, Value};
use std::io::Write;
use std::process::{Command, Output, Stdio};

const EXAMPLE: &str = "tests/examples/zjk-01-relapse-two-years-march.json";

fn yibao(args: &[&str], stdin: Option<&str>) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_yibao"))
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    if let Some(input) = stdin {
        child
            .stdin
            .take()
            .unwrap()
            .write_all(input.as_bytes())
            .unwrap();
    } else {
        drop(child.stdin.take());
    }
    child.wait_with_output().unwrap()
}

fn scenario() -> Value {
    let ex: Value = serde_json::from_str(&std::fs::read_to_string(EXAMPLE).unwrap()).unwrap();
    ex["scenario"].clone()
}

fn stdout(o: &Output) -> String {
    String::from_utf8(o.stdout.clone()).unwrap()
}

#[test]
fn estimate_file_prints_the_library_result() {
    let path = std::env::temp_dir().join(format!("yibao-cli-{}.json", std::process::id()));
    std::fs::write(&path, scenario().to_string()).unwrap();
    let out = yibao(&["estimate", path.to_str().unwrap()], None);
    assert_eq!(out.status.code(), Some(0));
    let printed: Value = serde_json::from_str(&stdout(&out)).unwrap();
    let lib = serde_json::to_value(yibao::estimate_json(
        &serde_json::from_value(scenario()).unwrap(),
    ))
    .unwrap();
    assert_eq!(printed, lib, "CLI and library must give the same JSON");
    assert_eq!(
        printed["result"]["members"][0]["waiting"]["cover_start"],
        json!("2027-08-10")
    );
    std::fs::remove_file(path).ok();
}

#[test]
fn text_format_reads_as_a_summary_with_the_trace() {
    let out = yibao(
        &["estimate", "-", "--format", "text"],
        Some(&scenario().to_string()),
    );
    assert_eq!(out.status.code(), Some(0));
    let text = stdout(&out);
    for want in [
        "张家口市",
        "待遇开始:2027-08-10",
        "等待期:5个月 = 固定3 + 变动2",
        "补缴2年      800元  等待3个月  2027-06-10起",
        "大病保险限额调整:−4,000",
        "怎么办:交400元,2027年8月10日起能报销",
        "断保的代价:因为断保2年(2025、2026年),等待期多2个月,2027年大病保险最高支付限额减少4,000元。",
        "读法B:等待4个月,2027-07-10起",
        "计算过程:",
        "「对断保人员再参保的,每断保1年降低大病保险最高支付限额2000元」",
        "参考编号 YB-",
    ] {
        assert!(text.contains(want), "missing {want:?} in:\n{text}");
    }
}

#[test]
fn array_and_json_lines_give_one_result_each() {
    let s = scenario();
    let arr = yibao(&["estimate", "-"], Some(&json!([s, s]).to_string()));
    assert_eq!(arr.status.code(), Some(0));
    let v: Value = serde_json::from_str(&stdout(&arr)).unwrap();
    assert_eq!(v.as_array().unwrap().len(), 2);

    let mut bad = s.clone();
    bad["benefit_year"] = json!(2024);
    let lines = format!("{}\n{}\n", s, bad);
    let out = yibao(&["estimate", "-"], Some(&lines));
    assert_eq!(
        out.status.code(),
        Some(2),
        "one invalid line makes the exit 2"
    );
    let rows: Vec<Value> = stdout(&out)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(rows.len(), 2);
    assert_eq!(rows[0]["ok"], json!(true));
    assert_eq!(rows[1]["errors"][0]["path"], json!("benefit_year"));
}

#[test]
fn invalid_input_exits_2_with_every_error() {
    let out = yibao(
        &["estimate", "-"],
        Some(r#"{"policy":"beijing-2025","benefit_year":"soon","members":[]}"#),
    );
    assert_eq!(out.status.code(), Some(2));
    let v: Value = serde_json::from_str(&stdout(&out)).unwrap();
    let paths: Vec<&str> = v["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["path"].as_str().unwrap())
        .collect();
    assert_eq!(paths, ["policy", "benefit_year", "members"]);

    let text = yibao(&["estimate", "-", "--format", "text"], Some("{not json"));
    assert_eq!(text.status.code(), Some(2));
    assert!(stdout(&text).contains("JSON 格式错误"), "{}", stdout(&text));
}

#[test]
fn missing_file_exits_1() {
    let out = yibao(&["estimate", "/nonexistent/scenario.json"], None);
    assert_eq!(out.status.code(), Some(1));
}

#[test]
fn policies_lists_every_compiled_policy() {
    let out = yibao(&["policies"], None);
    assert_eq!(out.status.code(), Some(0));
    let v: Value = serde_json::from_str(&stdout(&out)).unwrap();
    let ids: Vec<&str> = v
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["id"].as_str().unwrap())
        .collect();
    assert_eq!(ids, ["national-2025", "yantai-2025", "zhangjiakou-2025"]);
    let yt = &v[1];
    let rate = yt["parameters"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["key"] == "outpatient.rate")
        .unwrap();
    assert_eq!(rate["status"], json!("official"));
    assert_eq!(rate["quote"], json!("将居民普通门诊报销比例提高至65%"));
    assert_eq!(rate["editable"], json!(false));
    let version = yibao(&["version"], None);
    assert_eq!(stdout(&version).trim(), yibao::version());
}

/// Issue 15: the text output ends with what to do next, from the policy file: where to pay, who may
/// pay, by when (from the window and business-day parameters); the national baseline says that
/// channels and dates are a city's own.
#[test]
fn text_output_ends_with_what_to_do_next() {
    let out = yibao(
        &["estimate", "-", "--format", "text"],
        Some(&scenario().to_string()),
    );
    assert_eq!(out.status.code(), Some(0));
    let text = stdout(&out);
    let tail = text
        .split("\n接下来怎么办:\n")
        .nth(1)
        .expect("no 接下来怎么办 section");
    for want in [
        "去哪儿交:",
        "「河北税务」微信公众号",
        "谁可以帮您交:",
        "「河北智慧医保」",
        "什么时候交:2027年度的集中参保期是2026年9月2日至12月28日(办理时间:9月—11月为1日—25日,12月为1日—28日)。过了12月28日再交,至少要等3个月才能报销。",
    ] {
        assert!(tail.contains(want), "missing {want:?} in:\n{tail}");
    }
    // It is the end: nothing after the last line of the guide.
    assert!(
        tail.trim_end().ends_with("至少要等3个月才能报销。"),
        "{tail}"
    );

    let national = json!({"policy": "national-2025", "benefit_year": 2026, "members": [{
        "category": "adult", "history": [{"year": 2025, "enrolled": true}], "payment_date": "2025-10-01"}]});
    let out = yibao(
        &["estimate", "-", "--format", "text"],
        Some(&national.to_string()),
    );
    let text = stdout(&out);
    assert!(
        text.contains("国家基准不对应具体城市:缴费渠道、集中参保期和办理时间由各地规定"),
        "{text}"
    );
    assert!(
        !text.contains("什么时候交:"),
        "the baseline states no dates: {text}"
    );
    assert!(!text.contains("去哪儿交:"), "{text}");
}

#[test]
fn the_field_is_named_for_1e400_and_deep_nesting() {
    // The one grammar (docs/scenario.md §1.1) as a user meets it: exit 2 and the field, not a
    // syntax error for the whole document at 1:N (serde_json alone stops at 128 levels, and
    // cannot hold 1e400 in a double).
    let deep = format!("{}1{}", "[".repeat(300), "]".repeat(300));
    for value in ["1e400", deep.as_str()] {
        let input = format!(
            r#"{{"policy":"yantai-2025","benefit_year":2025,"members":[{{"category":"adult_tier2","payment_date":"2024-10-01","spending":{{"outpatient":{value}}}}}]}}"#
        );
        let out = yibao(&["estimate", "-"], Some(&input));
        assert_eq!(out.status.code(), Some(2));
        let v: Value = serde_json::from_str(&stdout(&out)).unwrap();
        assert_eq!(v["ok"], json!(false), "{v}");
        let errors = v["errors"].as_array().unwrap();
        assert_eq!(errors.len(), 1, "{v}");
        assert_eq!(errors[0]["path"], "members[0].spending.outpatient", "{v}");
    }
}
