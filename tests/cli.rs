#![cfg(not(target_arch = "wasm32"))]
//! The `yibao` binary end to end: the same JSON as the library, text output, batches, exit codes.

use serde_json::{json, Value};
use std::io::Write;
use std::process::{Command, Output, Stdio};

mod support {
    pub mod cli;
}
use support::cli::yibao;

const EXAMPLE: &str = "tests/examples/zjk-01-relapse-two-years-march.json";

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
    let out = yibao(&["estimate", path.to_str().unwrap()], "");
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
        &scenario().to_string(),
    );
    assert_eq!(out.status.code(), Some(0));
    let text = stdout(&out);
    for want in [
        "张家口市",
        "待遇开始:2027年8月10日(至2027年12月31日)",
        "等待期:5个月 = 固定3 + 变动2",
        "补缴2年      800元  等待3个月  2027年6月10日起",
        "大病保险限额调整:−4,000",
        "怎么办:交400元,2027年8月10日起能报销",
        "断保的代价:因为断保2年(2025、2026年),等待期多2个月,2027年大病保险最高支付限额减少4,000元。",
        "读法B:等待4个月,2027年7月10日起",
        "计算过程:",
        "「对断保人员再参保的,每断保1年降低大病保险最高支付限额2000元」",
        "参考编号 YB-",
    ] {
        assert!(text.contains(want), "missing {want:?} in:\n{text}");
    }
}

/// The first ISO date (2027-08-10) in `line`.
fn iso_date(line: &str) -> Option<&str> {
    let b = line.as_bytes();
    let digits = |r: std::ops::Range<usize>| r.into_iter().all(|i| b[i].is_ascii_digit());
    (0..b.len().saturating_sub(9))
        .find(|&i| {
            digits(i..i + 4)
                && b[i + 4] == b'-'
                && digits(i + 5..i + 7)
                && b[i + 7] == b'-'
                && digits(i + 8..i + 10)
        })
        .map(|i| &line[i..i + 10])
}

#[test]
fn text_format_writes_dates_as_its_sentences_do() {
    // The summary's own lines (before the trace, whose citations name documents by their dates):
    // 待遇开始, the repair choices and the other readings say 2027年8月10日, as the page does.
    let mut files: Vec<_> = std::fs::read_dir("tests/golden")
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.to_string_lossy().ends_with(".scenario.json"))
        .collect();
    files.extend(
        std::fs::read_dir("docs/examples")
            .unwrap()
            .map(|e| e.unwrap().path()),
    );
    files.sort();
    let mut seen = 0;
    for path in files {
        let out = yibao(
            &["estimate", path.to_str().unwrap(), "--format", "text"],
            "",
        );
        if out.status.code() != Some(0) {
            continue;
        }
        let text = stdout(&out);
        let summary = text.split("\n计算过程:").next().unwrap();
        for line in summary.lines() {
            assert_eq!(iso_date(line), None, "{}: {line}", path.display());
        }
        seen += 1;
    }
    assert!(seen >= 5, "only {seen} results read");
}

#[test]
fn array_and_json_lines_give_one_result_each() {
    let s = scenario();
    let arr = yibao(&["estimate", "-"], &json!([s, s]).to_string());
    assert_eq!(arr.status.code(), Some(0));
    let v: Value = serde_json::from_str(&stdout(&arr)).unwrap();
    assert_eq!(v.as_array().unwrap().len(), 2);

    let mut bad = s.clone();
    bad["benefit_year"] = json!(2024);
    let lines = format!("{}\n{}\n", s, bad);
    let out = yibao(&["estimate", "-"], &lines);
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
        r#"{"policy":"beijing-2025","benefit_year":"soon","members":[]}"#,
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

    let text = yibao(&["estimate", "-", "--format", "text"], "{not json");
    assert_eq!(text.status.code(), Some(2));
    assert!(stdout(&text).contains("JSON 格式错误"), "{}", stdout(&text));
}

#[test]
fn missing_file_exits_1() {
    let out = yibao(&["estimate", "/nonexistent/scenario.json"], "");
    assert_eq!(out.status.code(), Some(1));
}

#[test]
fn policies_lists_every_compiled_policy() {
    let out = yibao(&["policies"], "");
    assert_eq!(out.status.code(), Some(0));
    let v: Value = serde_json::from_str(&stdout(&out)).unwrap();
    let ids: Vec<&str> = v
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["id"].as_str().unwrap())
        .collect();
    // Every policy file, once, in the order the files give (`order`): the test names no city.
    let files = std::fs::read_dir("policies")
        .unwrap()
        .filter(|e| {
            e.as_ref()
                .is_ok_and(|e| e.path().extension().is_some_and(|x| x == "toml"))
        })
        .count();
    assert_eq!(ids.len(), files);
    let orders: Vec<u64> = v
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["order"].as_u64().unwrap())
        .collect();
    assert!(orders.windows(2).all(|w| w[0] <= w[1]), "{orders:?}");
    let lib: Vec<&str> = yibao::policy::all().iter().map(|p| p.id).collect();
    assert_eq!(ids, lib);
    let yt = v
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["id"] == "yantai-2025")
        .unwrap();
    let rate = yt["parameters"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["key"] == "outpatient.rate")
        .unwrap();
    assert_eq!(rate["status"], json!("official"));
    assert_eq!(rate["quote"], json!("将居民普通门诊报销比例提高至65%"));
    assert_eq!(rate["editable"], json!(false));
    let version = yibao(&["version"], "");
    assert_eq!(stdout(&version).trim(), yibao::version());
}

/// Issue 15: the text output ends with what to do next, from the policy file: where to pay, who may
/// pay, by when (from the window and business-day parameters); the national baseline says that
/// channels and dates are a city's own.
#[test]
fn text_output_ends_with_what_to_do_next() {
    let out = yibao(
        &["estimate", "-", "--format", "text"],
        &scenario().to_string(),
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
        "什么时候交:2027年度的集中参保期是2026年9月2日至12月28日(办理时间:9月—11月为1日—25日,12月为1日—28日)。过了12月28日再交,至少要等3个月才能报销。交了这一年以后,2028年度的钱在2027年9月2日至12月28日之间交,就没有等待期。",
    ] {
        assert!(tail.contains(want), "missing {want:?} in:\n{tail}");
    }
    // It is the end: nothing after the last line of the guide.
    assert!(tail.trim_end().ends_with("之间交,就没有等待期。"), "{tail}");

    let national = json!({"policy": "national-2025", "benefit_year": 2026, "members": [{
        "category": "adult", "history": [{"year": 2025, "enrolled": true}], "payment_date": "2025-10-01"}]});
    let out = yibao(
        &["estimate", "-", "--format", "text"],
        &national.to_string(),
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
        let out = yibao(&["estimate", "-"], &input);
        assert_eq!(out.status.code(), Some(2));
        let v: Value = serde_json::from_str(&stdout(&out)).unwrap();
        assert_eq!(v["ok"], json!(false), "{v}");
        let errors = v["errors"].as_array().unwrap();
        assert_eq!(errors.len(), 1, "{v}");
        assert_eq!(errors[0]["path"], "members[0].spending.outpatient", "{v}");
    }
}

fn only_message(o: &Output) -> String {
    let v: Value = serde_json::from_str(&stdout(o)).unwrap();
    assert_eq!(v["errors"].as_array().unwrap().len(), 1, "{v}");
    v["errors"][0]["message"].as_str().unwrap().to_string()
}

#[test]
fn json_lines_results_are_written_as_each_line_is_computed() {
    use std::io::{BufRead, BufReader};
    let mut child = Command::new(env!("CARGO_BIN_EXE_yibao"))
        .args(["estimate", "-"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    let mut lines = BufReader::new(child.stdout.take().unwrap()).lines();
    let s = scenario().to_string();
    // Two lines make it JSON Lines; each later line is answered before the next is sent, so the
    // CLI cannot be holding results (or input) until the end.
    writeln!(stdin, "{s}\n{s}").unwrap();
    for _ in 0..2 {
        let first: Value = serde_json::from_str(&lines.next().unwrap().unwrap()).unwrap();
        assert_eq!(first["ok"], json!(true));
    }
    for _ in 0..3 {
        writeln!(stdin, "{s}").unwrap();
        stdin.flush().unwrap();
        let next: Value = serde_json::from_str(&lines.next().unwrap().unwrap()).unwrap();
        assert_eq!(
            next["result"]["members"][0]["waiting"]["cover_start"],
            json!("2027-08-10")
        );
    }
    drop(stdin);
    assert!(lines.next().is_none());
    assert_eq!(child.wait().unwrap().code(), Some(0));
}

#[test]
fn json_lines_errors_name_the_line_of_the_file_blank_lines_included() {
    let s = scenario().to_string();
    let input = format!("\n{s}\n\n{{\"policy\": \n  \n{s}\n");
    let out = yibao(&["estimate", "-"], &input);
    assert_eq!(out.status.code(), Some(2));
    let rows: Vec<Value> = stdout(&out)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(rows.len(), 3);
    assert_eq!(
        rows[1]["errors"][0]["message"],
        json!("JSON 格式错误:第4行第11列:内容不完整(缺少结尾的括号或引号)")
    );
    assert_eq!(rows[2]["ok"], json!(true));
    let text = yibao(&["estimate", "-", "--format", "text"], &input);
    let text = stdout(&text);
    for header in ["=== 第 2 行 ===", "=== 第 4 行 ===", "=== 第 6 行 ==="] {
        assert!(text.contains(header), "{header} missing");
    }
}

#[test]
fn a_json_array_gives_the_same_array_as_serde_would_print() {
    let s = scenario();
    let mut bad = s.clone();
    bad["benefit_year"] = json!(2024);
    let input = json!([s, bad, s]);
    let out = yibao(&["estimate", "-", "-j", "2"], &input.to_string());
    assert_eq!(out.status.code(), Some(2));
    let expected: Vec<yibao::Outcome> = input
        .as_array()
        .unwrap()
        .iter()
        .map(|v| yibao::estimate_json(&serde_json::from_value(v.clone()).unwrap()))
        .collect();
    assert_eq!(
        stdout(&out),
        serde_json::to_string_pretty(&expected).unwrap() + "\n"
    );
    let empty = yibao(&["estimate", "-"], "[]");
    assert_eq!(
        (stdout(&empty).as_str(), empty.status.code()),
        ("[]\n", Some(0))
    );
}

#[test]
fn many_threads_keep_the_input_order() {
    // 600 scenarios whose payment dates differ: each result's cover start follows its line.
    let base = scenario();
    let mut input = String::new();
    for i in 0..600 {
        let mut s = base.clone();
        s["members"][0]["payment_date"] = json!(format!("2027-{:02}-{:02}", 1 + i % 7, 1 + i % 28));
        input.push_str(&s.to_string());
        input.push('\n');
    }
    let one = yibao(&["estimate", "-", "--figures", "-j", "1"], &input);
    let four = yibao(&["estimate", "-", "--figures", "-j", "4"], &input);
    assert_eq!(one.status.code(), Some(0));
    assert_eq!(stdout(&one), stdout(&four));
    for (i, line) in stdout(&four).lines().enumerate() {
        let v: Value = serde_json::from_str(line).unwrap();
        let month = 1 + i % 7;
        let start = v["result"]["members"][0]["waiting"]["cover_start"]
            .as_str()
            .unwrap()
            .to_string();
        // Paid in month m with a five-month wait: cover starts in month m + 5.
        assert!(
            start.starts_with(&format!("2027-{:02}-", month + 5)),
            "line {}: {start}",
            i + 1
        );
    }
}

#[test]
fn figures_are_one_compact_line_of_the_librarys_figures() {
    let s = scenario();
    let out = yibao(&["estimate", "-", "--figures"], &s.to_string());
    assert_eq!(out.status.code(), Some(0));
    let lib = yibao::figures::figures_json(&serde_json::from_value(s).unwrap());
    assert_eq!(stdout(&out), serde_json::to_string(&lib).unwrap() + "\n");
    let refused = yibao(&["estimate", "-", "--figures", "--format", "text"], "{}");
    assert_eq!(refused.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&refused.stderr).contains("--figures 只给数字"));
}

#[test]
fn a_byte_order_mark_and_utf16_are_read_as_the_text_they_are() {
    let s = scenario().to_string();
    let expected = stdout(&yibao(&["estimate", "-"], &s));
    let utf16 = |big: bool, bom: bool| -> Vec<u8> {
        let mut v = Vec::new();
        if bom {
            v.extend_from_slice(if big { &[0xFE, 0xFF] } else { &[0xFF, 0xFE] });
        }
        for u in s.encode_utf16() {
            v.extend_from_slice(&if big {
                u.to_be_bytes()
            } else {
                u.to_le_bytes()
            });
        }
        v
    };
    let mut utf8_bom = vec![0xEF, 0xBB, 0xBF];
    utf8_bom.extend_from_slice(s.as_bytes());
    for (what, bytes) in [
        ("UTF-8 with BOM", utf8_bom),
        ("UTF-16 LE with BOM", utf16(false, true)),
        ("UTF-16 BE with BOM", utf16(true, true)),
        ("UTF-16 LE", utf16(false, false)),
    ] {
        let out = yibao(&["estimate", "-"], &bytes);
        assert_eq!(out.status.code(), Some(0), "{what}");
        assert_eq!(stdout(&out), expected, "{what}");
    }
}

#[test]
fn text_that_is_not_utf8_or_utf16_is_named_by_line_and_byte() {
    // GBK bytes for 张 (D5 C5) in a document: one Chinese message, exit 2 (an input error).
    let mut doc = b"{\n  \"policy\": \"".to_vec();
    doc.extend_from_slice(&[0xD5, 0xC5]);
    doc.extend_from_slice(b"\"\n}\n");
    let out = yibao(&["estimate", "-"], &doc);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        only_message(&out).starts_with("第2行第14个字节不是 UTF-8 编码的文字"),
        "{}",
        stdout(&out)
    );
    // In JSON Lines only that line is refused.
    let s = scenario().to_string();
    let mut lines = format!("{s}\n").into_bytes();
    lines.extend_from_slice(b"{\"name\":\"\xff\"}\n");
    lines.extend_from_slice(format!("{s}\n").as_bytes());
    let out = yibao(&["estimate", "-"], &lines);
    assert_eq!(out.status.code(), Some(2));
    let rows: Vec<Value> = stdout(&out)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(rows.len(), 3);
    assert!(rows[1]["errors"][0]["message"]
        .as_str()
        .unwrap()
        .starts_with("第2行第10个字节不是 UTF-8 编码的文字"));
    assert_eq!(
        (&rows[0]["ok"], &rows[2]["ok"]),
        (&json!(true), &json!(true))
    );
    // UTF-16 with a lone surrogate (D800 followed by "}").
    let mut bad16 = vec![0xFF, 0xFE];
    for u in "{\"policy\":\""
        .encode_utf16()
        .chain([0xD800])
        .chain("\"}".encode_utf16())
    {
        bad16.extend_from_slice(&u.to_le_bytes());
    }
    let out = yibao(&["estimate", "-"], &bad16);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        only_message(&out).starts_with("第1行第12个字符不是有效的 UTF-16 编码"),
        "{}",
        stdout(&out)
    );
}

#[test]
fn text_format_cannot_be_forged_by_a_name() {
    // A name that tries to end its line and print a household total of its own, to clear the
    // terminal line, and to reverse what follows it.
    let mut s = scenario();
    s["members"][0]["name"] = json!("\u{1b}[2K\r全家应缴:0.00元\n全家应缴:0.00元\u{2028}\u{202e}");
    let out = yibao(&["estimate", "-", "--format", "text"], &s.to_string());
    let text = stdout(&out);
    assert!(!text.lines().any(|l| l.starts_with("全家应缴")), "{text}");
    for raw in ['\u{1b}', '\r', '\u{2028}', '\u{202e}'] {
        assert!(!text.contains(raw), "{raw:?} printed raw");
    }
    assert!(text.contains("\\u{1b}[2K\\u{d}全家应缴:0.00元\\u{a}全家应缴:0.00元\\u{2028}\\u{202e}"));
    // Messages that quote the input are escaped too.
    let out = yibao(
        &["estimate", "-", "--format", "text"],
        r#"{"policy":"x\n全家应缴:0.00元"}"#,
    );
    assert!(!stdout(&out).lines().any(|l| l.starts_with("全家应缴")));
}
