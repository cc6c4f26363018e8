#![cfg(not(target_arch = "wasm32"))]
//! CSV in and out (`yibao estimate people.csv`, `--format csv`): a row is the scenario JSON of one
//! person, a column is the figure at the same place in the JSON result, errors are per row with
//! the row's line number.

use serde_json::Value;
use std::process::Output;

mod support {
    pub mod cli;
}
use support::cli::yibao;

/// The output as rows of (column, cell), by a CSV reader of its own (RFC 4180).
fn read_rows(out: &Output) -> Vec<Vec<(String, String)>> {
    let text = String::from_utf8(out.stdout.clone()).unwrap();
    let mut records = Vec::new();
    let (mut record, mut cell, mut quoted) = (Vec::new(), String::new(), false);
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match (quoted, c) {
            (true, '"') if chars.peek() == Some(&'"') => {
                chars.next();
                cell.push('"');
            }
            (_, '"') => quoted = !quoted,
            (false, ',') => record.push(std::mem::take(&mut cell)),
            (false, '\n') => {
                record.push(std::mem::take(&mut cell));
                records.push(std::mem::take(&mut record));
            }
            (_, c) => cell.push(c),
        }
    }
    assert!(
        cell.is_empty() && record.is_empty(),
        "output ends with a line break"
    );
    let header = records.remove(0);
    records
        .into_iter()
        .map(|r| {
            assert_eq!(r.len(), header.len(), "every row has every column: {r:?}");
            header.iter().cloned().zip(r).collect()
        })
        .collect()
}

fn cell<'a>(row: &'a [(String, String)], column: &str) -> &'a str {
    &row.iter().find(|(c, _)| c == column).unwrap().1
}

/// A JSON value as the CSV writes it: text as is, numbers and booleans as JSON writes them,
/// absent or null as an empty cell.
fn as_cell(v: Option<&Value>) -> String {
    match v {
        None | Some(Value::Null) => String::new(),
        Some(Value::String(s)) => s.clone(),
        Some(v) => v.to_string(),
    }
}

fn at<'a>(v: &'a Value, dotted: &str) -> Option<&'a Value> {
    dotted.split('.').try_fold(v, |v, k| v.get(k))
}

#[test]
fn each_column_is_the_json_figure_at_the_same_place_on_every_worked_example() {
    // The worked examples as JSON Lines: households, exemptions, repairs, every policy.
    let mut lines = Vec::new();
    let mut dir: Vec<_> = std::fs::read_dir("tests/examples")
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    dir.sort();
    for path in dir {
        let v: Value = serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
        lines.push(v["scenario"].to_string());
    }
    let input = lines.join("\n");
    let json = yibao(&["estimate", "-", "--figures"], &input);
    let csv = yibao(&["estimate", "-", "--format", "csv"], &input);
    assert_eq!(json.status.code(), csv.status.code());
    let results: Vec<Value> = String::from_utf8(json.stdout)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let rows = read_rows(&csv);
    let mut next = rows.iter();
    let (mut people, mut refused) = (0, 0);
    for (i, r) in results.iter().enumerate() {
        let line = (i + 1).to_string();
        if r["ok"] == Value::Bool(false) {
            let row = next.next().unwrap();
            assert_eq!(cell(row, "row"), line);
            assert_eq!(cell(row, "ok"), "false");
            let first = &r["errors"][0]["message"];
            assert!(cell(row, "errors").contains(first.as_str().unwrap()));
            refused += 1;
            continue;
        }
        let result = &r["result"];
        for (m, member) in result["members"].as_array().unwrap().iter().enumerate() {
            let row = next.next().unwrap();
            assert_eq!(cell(row, "row"), line);
            assert_eq!(cell(row, "member"), (m + 1).to_string());
            assert_eq!(cell(row, "ok"), "true");
            assert_eq!(cell(row, "policy"), as_cell(at(result, "policy.id")));
            for (column, value) in &row[5..row.len() - 1] {
                let expected = match column.as_str() {
                    "benefit_year" | "reading" => as_cell(result.get(column)),
                    _ => as_cell(at(member, column)),
                };
                assert_eq!(*value, expected, "line {line}, member {m}, {column}");
            }
            people += 1;
        }
    }
    assert!(next.next().is_none(), "no row left over");
    assert!(
        people > 100 && refused > 5,
        "{people} people, {refused} refused"
    );
}

const HEADER: &str =
    "id,policy,benefit_year,name,category,history,payment_date,repair_years,spending.outpatient,spending.stays";

#[test]
fn a_csv_row_gives_what_its_json_gives() {
    // Worked example zjk-01: two lapsed years, paid 2027-03-10, two stays.
    let csv = format!(
        "{HEADER}\nZ1,zhangjiakou-2025,2027,本人,adult,lapsed;lapsed,2027-03-10,,,tertiary:5:30000;secondary:9:8000\n"
    );
    let out = yibao(&["estimate", "-", "--input", "csv"], &csv);
    assert_eq!(out.status.code(), Some(0), "{out:?}");
    let rows = read_rows(&out);
    assert_eq!(rows.len(), 1);
    let row = &rows[0];
    assert_eq!(cell(row, "row"), "2");
    assert_eq!(cell(row, "id"), "Z1");
    assert_eq!(cell(row, "waiting.cover_start"), "2027-08-10");
    assert_eq!(cell(row, "waiting.lapsed_years"), "2");
    assert_eq!(cell(row, "reimbursement.totals.spending"), "38000.00");
    // The same person as JSON, explained: the same figures.
    let json = r#"{"policy":"zhangjiakou-2025","benefit_year":"2027","members":[{"name":"本人","category":"adult","history":[{"enrolled":false},{"enrolled":false}],"payment_date":"2027-03-10",
        "spending":{"stays":[{"level":"tertiary","month":"5","amount":"30000"},{"level":"secondary","month":"9","amount":"8000"}]}}]}"#;
    let explained: Value =
        serde_json::to_value(yibao::estimate_json(&serde_json::from_str(json).unwrap())).unwrap();
    let member = &explained["result"]["members"][0];
    for column in [
        "waiting.months.total",
        "cap.penalty",
        "contribution.total",
        "reimbursement.totals.fund_pays",
    ] {
        assert_eq!(cell(row, column), as_cell(at(member, column)), "{column}");
    }
    // And CSV in, JSON out: the explained result of that JSON.
    let out = yibao(
        &["estimate", "-", "--input", "csv", "--format", "json"],
        &csv,
    );
    let printed: Value =
        serde_json::from_str(String::from_utf8(out.stdout).unwrap().trim()).unwrap();
    assert_eq!(printed, explained);
}

#[test]
fn errors_are_per_row_and_name_the_line_and_the_column() {
    let csv = format!(
        "{HEADER}\n\
         A,national-2025,2026,甲,adult,enrolled,2026-02-30,,,\n\
         \n\
         B,national-2025,2026,乙,adult,gone,2026-03-01,,,\n\
         C,national-2025,2026,丙,adult,enrolled,2026-03-01,,500,tertiary:5000\n\
         D,national-2025,2026,丁,adult,enrolled,2026-03-01,,,tertiary:4:5000\n"
    );
    let out = yibao(&["estimate", "-", "--input", "csv", "-j", "2"], &csv);
    assert_eq!(out.status.code(), Some(2), "some rows were refused");
    let rows = read_rows(&out);
    let summary: Vec<(&str, &str, &str)> = rows
        .iter()
        .map(|r| (cell(r, "row"), cell(r, "id"), cell(r, "ok")))
        .collect();
    // Line numbers of the file: the header is line 1, the blank line 3 counts.
    assert_eq!(
        summary,
        [
            ("2", "A", "false"),
            ("4", "B", "false"),
            ("5", "C", "false"),
            ("6", "D", "true")
        ]
    );
    assert_eq!(
        cell(&rows[0], "errors"),
        "payment_date: 缴费日期「2026-02-30」无效:这一天不存在"
    );
    assert!(
        cell(&rows[1], "errors").starts_with("history[0]: 往年参保记录第1项「gone」应为 enrolled"),
        "{}",
        cell(&rows[1], "errors")
    );
    assert!(
        cell(&rows[2], "errors").starts_with("spending.stays[0]: 第1次住院「tertiary:5000」"),
        "{}",
        cell(&rows[2], "errors")
    );
    // A refused row has no figures.
    assert_eq!(cell(&rows[0], "waiting.cover_start"), "");
    assert_eq!(cell(&rows[3], "reimbursement.totals.spending"), "5000.00");
}

#[test]
fn a_bad_header_is_refused_by_the_column_it_names() {
    let out = yibao(
        &["estimate", "-", "--input", "csv"],
        "policy,benfit_year\nnational-2025,2026\n",
    );
    assert_eq!(out.status.code(), Some(2));
    let rows = read_rows(&out);
    assert_eq!(rows.len(), 1);
    assert_eq!(cell(&rows[0], "row"), "1");
    assert!(
        cell(&rows[0], "errors").starts_with("第1行(列名)第2列「benfit_year」不是认识的列名"),
        "{}",
        cell(&rows[0], "errors")
    );
    // Nothing but a header: the output header, exit 0.
    let out = yibao(&["estimate", "-", "--input", "csv"], &format!("{HEADER}\n"));
    assert_eq!(out.status.code(), Some(0));
    assert!(read_rows(&out).is_empty());
}

#[test]
fn quoted_cells_hold_commas_and_line_breaks_and_ids_never_become_formulas() {
    // Excel's 「CSV UTF-8」: a byte-order mark, CRLF line ends, a name with a comma and a line break.
    let csv = format!(
        "\u{feff}{HEADER}\r\n\"=1+1\",national-2025,2026,\"王,\n二\",adult,enrolled,2026-03-01,,,\r\nok,national-2025,2026,x,adult,enrolled,2026-03-01,,,\r\n"
    );
    let out = yibao(&["estimate", "-", "--input", "csv"], &csv);
    assert_eq!(out.status.code(), Some(0), "{out:?}");
    let rows = read_rows(&out);
    assert_eq!(cell(&rows[0], "id"), "'=1+1");
    assert_eq!(cell(&rows[0], "row"), "2");
    // The record over two lines is line 2; the next starts on line 4.
    assert_eq!(cell(&rows[1], "row"), "4");
    assert_eq!(cell(&rows[1], "ok"), "true");
}

#[test]
fn a_household_gives_one_row_per_member() {
    let text = std::fs::read_to_string("tests/golden/yantai-household.scenario.json").unwrap();
    let v: Value = serde_json::from_str(&text).unwrap();
    let out = yibao(&["estimate", "-", "--format", "csv"], &v.to_string());
    let rows = read_rows(&out);
    assert_eq!(rows.len(), v["members"].as_array().unwrap().len());
    for (i, r) in rows.iter().enumerate() {
        assert_eq!(cell(r, "row"), "1");
        assert_eq!(cell(r, "member"), (i + 1).to_string());
    }
}

/// The keys of the table under `heading` in docs/scenario.md (its first column).
fn documented_keys(heading: &str) -> Vec<String> {
    let doc = std::fs::read_to_string("docs/scenario.md").unwrap();
    let section = doc.split(heading).nth(1).unwrap();
    let table = section.split("\n### ").next().unwrap();
    table
        .lines()
        .filter_map(|l| l.strip_prefix("| `"))
        .filter_map(|l| l.split('`').next())
        .map(str::to_string)
        .collect()
}

#[test]
fn every_documented_field_of_a_person_is_a_column() {
    // A field the scenario gains must be a CSV column too, or a CSV user could not give it.
    let scenario = documented_keys("### 2.1 顶层 scenario");
    let member = documented_keys("### 2.2 `members[]`");
    assert!(
        scenario.len() >= 5 && member.len() >= 12,
        "{scenario:?} {member:?}"
    );
    let columns: Vec<&String> = scenario
        .iter()
        .chain(&member)
        // Lists and objects are columns of their own parts (§2.13); overrides are overrides.<key>.
        .filter(|k| !["members", "overrides", "spending"].contains(&k.as_str()))
        .collect();
    for column in columns {
        let out = yibao(
            &["estimate", "-", "--input", "csv"],
            &format!("{column}\n\n"),
        );
        assert_eq!(out.status.code(), Some(0), "column {column}: {out:?}");
    }
}

#[test]
fn the_chinese_header_names_every_column_once_and_changes_nothing_else() {
    // For a spreadsheet a person reads (the page's 下载表格 and 复制表格 use it).
    let text = std::fs::read_to_string("tests/golden/yantai-household.scenario.json").unwrap();
    let keys = yibao(&["estimate", "-", "--format", "csv"], &text);
    let zh = yibao(
        &["estimate", "-", "--format", "csv", "--header", "zh"],
        &text,
    );
    assert_eq!(zh.status.code(), Some(0));
    let (keys, zh) = (
        String::from_utf8(keys.stdout).unwrap(),
        String::from_utf8(zh.stdout).unwrap(),
    );
    // After a byte order mark: Excel reads a CSV without one as GBK on a Chinese Windows.
    let zh = zh
        .strip_prefix('\u{feff}')
        .expect("a UTF-8 byte order mark");
    let (key_head, rows) = keys.split_once('\n').unwrap();
    let (zh_head, zh_rows) = zh.split_once('\n').unwrap();
    assert_eq!(zh_rows, rows, "the figures are the same");
    let names: Vec<&str> = zh_head.split(',').collect();
    let fields: Vec<&str> = key_head.split(',').collect();
    assert_eq!(names.len(), fields.len());
    let mut distinct = names.clone();
    distinct.sort();
    distinct.dedup();
    assert_eq!(distinct.len(), names.len(), "each name once: {names:?}");
    assert!(names.iter().all(|n| !n.is_ascii()), "{names:?}");
    assert_eq!(
        names[fields
            .iter()
            .position(|f| *f == "waiting.cover_start")
            .unwrap()],
        "待遇开始日"
    );
    // docs/scenario.md §4.16 lists each column with its Chinese name, in this order.
    let doc = std::fs::read_to_string("docs/scenario.md").unwrap();
    let section = doc
        .split("### 4.16")
        .nth(1)
        .unwrap()
        .split("\n## ")
        .next()
        .unwrap();
    let listed: Vec<(String, String)> = section
        .lines()
        .filter_map(|l| l.strip_prefix("| `"))
        .filter_map(|l| {
            let mut cells = l.split(" | ");
            let key = cells.next()?.trim_end_matches('`').to_string();
            let name = cells.next()?.trim().to_string();
            Some((key, name))
        })
        .collect();
    let want: Vec<(String, String)> = fields
        .iter()
        .zip(&names)
        .map(|(k, n)| (k.to_string(), n.to_string()))
        .collect();
    assert_eq!(listed, want, "docs/scenario.md §4.16's columns");
    // Only tables have a header.
    let refused = yibao(&["estimate", "-", "--header", "zh"], &text);
    assert_eq!(refused.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&refused.stderr).contains("--header 只用于表格输出"));
}
