#![cfg(not(target_arch = "wasm32"))]
//! The build-time policy check, run on broken files: each must be rejected with a message naming
//! the file and the key. This is the same code `build.rs` runs, so a file rejected here fails the
//! build. The shipped files must pass it.

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

use std::fs;

fn read_source(name: &str) -> Option<String> {
    fs::read_to_string(format!("policies/sources/{name}")).ok()
}

fn yantai() -> String {
    fs::read_to_string("policies/yantai-2025.toml").unwrap()
}

/// Check `text` as if it were `policies/yantai-2025.toml`; returns the error list.
fn errors(text: &str) -> Vec<String> {
    match check::check("yantai-2025.toml", text, &read_source) {
        Ok(_) => vec![],
        Err(e) => e,
    }
}

fn assert_rejected(text: &str, key: &str) {
    let errs = errors(text);
    assert!(!errs.is_empty(), "expected {key} to be rejected");
    assert!(
        errs.iter()
            .any(|e| e.starts_with("yantai-2025.toml: ") && e.contains(key)),
        "no error names yantai-2025.toml and {key}: {errs:#?}"
    );
}

#[test]
fn shipped_policies_pass() {
    for entry in fs::read_dir("policies").unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|x| x == "toml") {
            let name = path.file_name().unwrap().to_string_lossy().into_owned();
            let text = fs::read_to_string(&path).unwrap();
            if let Err(e) = check::check(&name, &text, &read_source) {
                panic!("{name} fails the check:\n{}", e.join("\n"));
            }
        }
    }
}

#[test]
fn missing_source_is_rejected() {
    let broken = yantai().replace(
        r#""cap.zero_claim_step" = { value = "3000", source = "yt_press", "#,
        r#""cap.zero_claim_step" = { value = "3000", "#,
    );
    assert_rejected(&broken, "params.cap.zero_claim_step");
    assert!(errors(&broken).iter().any(|e| e.contains("缺少出处")));
}

#[test]
fn unknown_key_is_rejected() {
    let broken = yantai().replace("[params]\n", "[params]\n\"waiting.grace_days\" = { value = 3, source = \"yt_press\", quote = \"x\", status = \"official\" }\n");
    assert_rejected(&broken, "params.waiting.grace_days");
    let top = format!("colour = \"red\"\n{}", yantai());
    assert_rejected(&top, "`colour`");
    let field = yantai().replace(
        "label = \"成年居民(一档)\"",
        "label = \"成年居民(一档)\"\nprice = 1",
    );
    assert_rejected(&field, "categories.adult_tier1.price");
}

#[test]
fn bare_number_without_citation_is_rejected() {
    let broken = yantai().replace(
        r#""chronic.limit_both" = { value = "1000", source = "yt_press", quote = "同时患高血压糖尿病的最高支付限额提高至1000元", status = "official" }"#,
        r#""chronic.limit_both" = 1000"#,
    );
    assert_rejected(&broken, "params.chronic.limit_both");
}

#[test]
fn missing_status_and_bad_status_are_rejected() {
    let no_status = yantai().replace(
        r#"quote = "将居民普通门诊报销比例提高至65%", status = "official" }"#,
        r#"quote = "将居民普通门诊报销比例提高至65%" }"#,
    );
    assert_rejected(&no_status, "params.outpatient.rate");
    let bad = yantai().replace(
        r#"quote = "将居民普通门诊报销比例提高至65%", status = "official" }"#,
        r#"quote = "将居民普通门诊报销比例提高至65%", status = "likely" }"#,
    );
    assert_rejected(&bad, "params.outpatient.rate");
}

#[test]
fn official_quote_must_be_in_the_source_text() {
    let broken = yantai().replace(
        "将居民普通门诊报销比例提高至65%",
        "将居民普通门诊报销比例提高至70%",
    );
    assert_rejected(&broken, "params.outpatient.rate");
    assert!(errors(&broken)
        .iter()
        .any(|e| e.contains("quote not found in yantai-2025-press-release.txt")));
}

#[test]
fn out_of_range_numbers_are_rejected() {
    let rate = yantai().replace(
        r#""outpatient.rate" = { value = "0.65""#,
        r#""outpatient.rate" = { value = "65""#,
    );
    assert_rejected(&rate, "params.outpatient.rate");
    let months = yantai().replace(
        r#""waiting.fixed_months" = { value = 3,"#,
        r#""waiting.fixed_months" = { value = 300,"#,
    );
    assert_rejected(&months, "params.waiting.fixed_months");
    let money = yantai().replace(
        r#""cap.continuity_step" = { value = "3000""#,
        r#""cap.continuity_step" = { value = "-3000""#,
    );
    assert_rejected(&money, "params.cap.continuity_step");
    let day = yantai().replace(
        r#""window.end" = { value = "12-31""#,
        r#""window.end" = { value = "02-30""#,
    );
    assert_rejected(&day, "params.window.end");
    // Exponents are refused, as in a scenario's amounts and overrides: 6.5e-1 is a typo risk, not
    // a way anyone writes a share.
    let exp_rate = yantai().replace(
        r#""outpatient.rate" = { value = "0.65""#,
        r#""outpatient.rate" = { value = "6.5e-1""#,
    );
    assert_rejected(&exp_rate, "params.outpatient.rate");
    let exp_money = yantai().replace(
        r#""cap.continuity_step" = { value = "3000""#,
        r#""cap.continuity_step" = { value = "3e3""#,
    );
    assert_rejected(&exp_money, "params.cap.continuity_step");
}

#[test]
fn required_parameter_and_incomplete_block_are_rejected() {
    let text = yantai();
    let without = |key: &str| -> String {
        text.lines()
            .filter(|l| !l.starts_with(&format!("\"{key}\"")))
            .collect::<Vec<_>>()
            .join("\n")
    };
    assert_rejected(
        &without("waiting.floor_months"),
        "params.waiting.floor_months",
    );
    assert_rejected(&without("chronic.limit_both"), "params.chronic.limit_both");
    assert_rejected(&without("major.segment.2.rate"), "major.segment");
}

#[test]
fn id_must_match_file_name() {
    let broken = yantai().replace("id = \"yantai-2025\"", "id = \"yantai-2026\"");
    assert_rejected(&broken, "`id`");
}

#[test]
fn unknown_category_kind_and_exemption_are_rejected() {
    let kind = yantai().replacen("kind = \"adult\"", "kind = \"retiree\"", 1);
    assert_rejected(&kind, "categories.adult_tier1.kind");
    let ex = yantai().replacen(
        r#"exemption = { value = "none""#,
        r#"exemption = { value = "sometimes""#,
        1,
    );
    assert_rejected(&ex, "categories.adult_tier1.exemption");
}

#[test]
fn a_new_city_file_names_itself_in_every_error() {
    // The real build is checked against tests/fixtures/broken-policies by scripts/check-policy-build
    // (a `cargo check` that must fail); here the same check runs on a file written from scratch.
    let dir = std::env::temp_dir().join(format!("yibao-broken-{}", std::process::id()));
    fs::create_dir_all(&dir).unwrap();
    fs::write(
        dir.join("city-2025.toml"),
        "id = \"city-2025\"\n[params]\n\"cap.original\" = 300000\n",
    )
    .unwrap();
    let text = fs::read_to_string(dir.join("city-2025.toml")).unwrap();
    let errs = check::check("city-2025.toml", &text, &read_source)
        .err()
        .unwrap();
    assert!(
        errs.iter()
            .any(|e| e.starts_with("city-2025.toml: `params.cap.original`")),
        "{errs:#?}"
    );
    assert!(
        errs.iter()
            .any(|e| e.contains("params.waiting.fixed_months")),
        "required keys reported too"
    );
    fs::remove_dir_all(&dir).ok();
}

#[test]
fn values_follow_the_scenario_grammar() {
    // The same grammar as a scenario's amounts and overrides (src/grammar.rs): digits and one
    // point, no underscores, no plus; a month-day is two digits, a hyphen, two digits.
    for bad in ["4_00000", "+400000", "400000_", "４00000"] {
        let broken = yantai().replace(
            r#""cap.original" = { value = "400000""#,
            &format!(r#""cap.original" = {{ value = "{bad}""#),
        );
        assert_rejected(&broken, "params.cap.original");
    }
    for bad in ["+9-01", "9-01", "-9-01", "09-1", "0901", "09_01"] {
        let broken = yantai().replace(
            r#""window.start" = { value = "09-01""#,
            &format!(r#""window.start" = {{ value = "{bad}""#),
        );
        assert_rejected(&broken, "params.window.start");
    }
    let rate = yantai().replace(
        r#""outpatient.rate" = { value = "0.65""#,
        r#""outpatient.rate" = { value = "0._65""#,
    );
    assert_rejected(&rate, "params.outpatient.rate");
    let months = yantai().replace(
        r#""waiting.fixed_months" = { value = 3,"#,
        r#""waiting.fixed_months" = { value = "+3","#,
    );
    assert_rejected(&months, "params.waiting.fixed_months");
    // A TOML number is read by its value, like a JSON number in a scenario.
    let float = yantai().replace(
        r#""outpatient.rate" = { value = "0.65""#,
        r#""outpatient.rate" = { value = 0.65"#,
    );
    assert!(errors(&float).is_empty(), "{:#?}", errors(&float));
}

#[test]
fn an_official_number_must_appear_in_its_quote() {
    // Value 5 under a clause that says 3个月: the file contradicts its own citation.
    let months = yantai().replace(
        r#""waiting.fixed_months" = { value = 3,"#,
        r#""waiting.fixed_months" = { value = 5,"#,
    );
    assert_rejected(&months, "params.waiting.fixed_months");
    assert!(errors(&months)
        .iter()
        .any(|e| e.contains("official value 5 does not appear in its quote")));
    // 300 is inside 3000元, not stated by it.
    let money = yantai().replace(
        r#""cap.continuity_step" = { value = "3000""#,
        r#""cap.continuity_step" = { value = "300""#,
    );
    assert_rejected(&money, "params.cap.continuity_step");
    // A share is stated as a percentage: 0.65 is 65%, 0.6 is not.
    let rate = yantai().replace(
        r#""outpatient.rate" = { value = "0.65""#,
        r#""outpatient.rate" = { value = "0.6""#,
    );
    assert_rejected(&rate, "params.outpatient.rate");
    let premium = yantai().replacen(
        r#"premium = { value = "370""#,
        r#"premium = { value = "380""#,
        1,
    );
    assert_rejected(&premium, "categories.adult_tier1.premium");
    // The same values as unverified are the author's estimate, not a quoted number.
    let unverified = yantai().replace(
        r#""waiting.fixed_months" = { value = 3, source = "yt_press", quote = "设置参保后固定待遇等待期3个月", status = "official""#,
        r#""waiting.fixed_months" = { value = 5, source = "yt_press", quote = "设置参保后固定待遇等待期3个月", status = "unverified""#,
    );
    assert!(errors(&unverified).is_empty(), "{:#?}", errors(&unverified));
}

#[test]
fn a_quote_must_be_long_enough_to_cite_a_clause() {
    // "3" is in every text that has a 3 in it.
    let broken = yantai().replace(
        r#"quote = "设置参保后固定待遇等待期3个月""#,
        r#"quote = "3""#,
    );
    assert_rejected(&broken, "params.waiting.fixed_months");
    assert!(errors(&broken).iter().any(|e| e.contains("too short")));
}

#[test]
fn an_official_value_needs_a_source_with_its_text() {
    // A source without a file cannot be checked, so it cannot back an official value.
    let broken = yantai()
        .replace(
            "[sources.guoban38]",
            "[sources.tv]\ntitle = \"电视新闻\"\npublished = \"2024-12-01\"\n\n[sources.guoban38]",
        )
        .replace(
            r#""waiting.fixed_months" = { value = 3, source = "yt_press","#,
            r#""waiting.fixed_months" = { value = 3, source = "tv","#,
        );
    assert_rejected(&broken, "params.waiting.fixed_months");
    assert!(errors(&broken).iter().any(|e| e.contains("has no `file`")));
}

#[test]
fn a_window_may_not_start_after_it_ends() {
    let broken = yantai().replace(
        r#""window.end" = { value = "12-31", source = "yt_press", quote = "缴费时间截止至2024年12月31日", status = "official""#,
        r#""window.end" = { value = "08-31", source = "rules_book", quote = "Yantai: until 2024-12-31", status = "unverified""#,
    );
    assert_rejected(&broken, "params.window.start");
    assert!(errors(&broken)
        .iter()
        .any(|e| e.contains("starts (09-01) after it ends (08-31)")));
}

#[test]
fn every_note_is_text_and_there_is_a_category() {
    let notes = yantai().replacen("notes = [", "notes = [\n  42,", 1);
    assert_rejected(&notes, "`notes[0]`");
    // No category table at all is "missing"; an empty one is named as empty.
    let text = yantai();
    let cut = text.find("[categories.").unwrap();
    let empty = format!("{}[categories]\n", &text[..cut]);
    assert_rejected(&empty, "`categories`");
    assert!(errors(&empty).iter().any(|e| e.contains("has no category")));
}

#[test]
fn two_policies_may_not_share_a_display_name() {
    let zjk = fs::read_to_string("policies/zhangjiakou-2025.toml").unwrap();
    let copy = zjk.replace("name = \"张家口市\"", "name = \"烟台市\"");
    let a = check::check("yantai-2025.toml", &yantai(), &read_source).unwrap();
    let b = check::check("zhangjiakou-2025.toml", &copy, &read_source).unwrap();
    let errs = check::check_set(&[
        ("yantai-2025.toml".into(), a),
        ("zhangjiakou-2025.toml".into(), b),
    ]);
    assert_eq!(errs.len(), 1, "{errs:#?}");
    assert!(
        errs[0].starts_with("zhangjiakou-2025.toml: `name`")
            && errs[0].contains("yantai-2025.toml"),
        "{errs:#?}"
    );
    // The shipped set passes.
    let shipped: Vec<_> = ["national-2025", "yantai-2025", "zhangjiakou-2025"]
        .iter()
        .map(|id| {
            let name = format!("{id}.toml");
            let text = fs::read_to_string(format!("policies/{name}")).unwrap();
            let p = check::check(&name, &text, &read_source).unwrap();
            (name, p)
        })
        .collect();
    assert!(check::check_set(&shipped).is_empty());
}

#[test]
fn segment_bounds_must_increase() {
    let zjk = fs::read_to_string("policies/zhangjiakou-2025.toml").unwrap();
    let line = zjk
        .lines()
        .find(|l| l.starts_with("\"major.segment.1.up_to\""))
        .unwrap()
        .to_string();
    let broken = zjk.replace(&line, &line.replace("\"100000\"", "\"0\""));
    let Err(errs) = check::check("zhangjiakou-2025.toml", &broken, &read_source) else {
        panic!("decreasing segment bounds were accepted");
    };
    assert!(
        errs.iter()
            .any(|e| e.contains("params.major.segment.1.up_to")
                && e.contains("segment bounds must increase")),
        "{errs:#?}"
    );
}

/// Business days inside the window (RULES.md §6 A7): stretches "MM-DD..MM-DD", each from its start
/// to its end, in calendar order, not overlapping; an official value's last days must be in its
/// quote. The check uses Yantai's file with a line added after its window.
fn with_business_days(value: &str, quote: &str, status: &str) -> String {
    let end = r#""window.end" = { value = "12-31", source = "yt_press", quote = "缴费时间截止至2024年12月31日", status = "official" }"#;
    let text = yantai();
    assert!(text.contains(end), "Yantai's window line moved");
    text.replace(
        end,
        &format!(
            "{end}\n\"window.business_days\" = {{ value = \"{value}\", source = \"rules_book\", quote = \"{quote}\", status = \"{status}\" }}"
        ),
    )
}

#[test]
fn business_days_are_stretches_in_order() {
    let quote = "business days 1st–25th Sep–Nov, 1st–28th Dec";
    let good = with_business_days(
        "09-01..09-25, 10-01..10-25, 11-01..11-25, 12-01..12-28",
        quote,
        "unverified",
    );
    assert!(errors(&good).is_empty(), "{:#?}", errors(&good));
    for bad in [
        "09-25..09-01",               // ends before it starts
        "09-01..09-25, 09-20..10-25", // overlaps the stretch before
        "10-01..10-25, 09-01..09-25", // out of calendar order
        "09-01-09-25",                // not a stretch
        "09-01..09-31",               // no such day
        "+9-01..09-25",               // a sign
        "",                           // nothing
    ] {
        assert_rejected(
            &with_business_days(bad, quote, "unverified"),
            "params.window.business_days",
        );
    }
}

#[test]
fn official_business_days_must_be_in_their_quote() {
    // Zhangjiakou's own clause states 25日 and 28日; a 27 is not in it.
    let quote = "其中9月—11月业务办理期为1日—25日,12月业务办理期为1日—28日";
    let text = fs::read_to_string("policies/zhangjiakou-2025.toml").unwrap();
    let good = "09-01..09-25, 10-01..10-25, 11-01..11-25, 12-01..12-28";
    assert!(text.contains(good) && text.contains(quote));
    let bad = text.replace(
        good,
        "09-01..09-25, 10-01..10-25, 11-01..11-25, 12-01..12-27",
    );
    let errs = match check::check("zhangjiakou-2025.toml", &bad, &read_source) {
        Ok(_) => vec![],
        Err(e) => e,
    };
    assert!(
        errs.iter()
            .any(|e| e.contains("params.window.business_days")),
        "{errs:#?}"
    );
}

/// Guide items (issue 15) are checked like values: a malformed one fails the build naming the file
/// and the key.
fn with_guide(item: &str) -> String {
    format!("{}\n[[guide.where]]\n{item}\n", yantai())
}

#[test]
fn malformed_guide_items_are_refused() {
    let ok = r#"title = "政务服务中心"
text = "到各地政务服务中心的税务征收窗口,刷卡交。"
source = "yt_press"
quote = "五是到各地政务服务中心税务征收窗口刷卡缴费"
status = "official""#;
    assert!(
        errors(&with_guide(ok)).is_empty(),
        "{:#?}",
        errors(&with_guide(ok))
    );
    let cases: &[(&str, &str)] = &[
        // no text
        (
            &ok.replace("text = \"到各地政务服务中心的税务征收窗口,刷卡交。\"\n", ""),
            "guide.where[4].text",
        ),
        // an unknown key
        (
            &format!("{ok}\nurl = \"https://example.com\""),
            "guide.where[4]",
        ),
        // a title too long for a phone's line
        (
            &ok.replace("政务服务中心\"", "各地政务服务中心税务征收窗口\""),
            "guide.where[4].title",
        ),
        // an official item naming a channel its clause does not name
        (
            &ok.replace("刷卡交。", "或用「某某缴费」小程序交。"),
            "guide.where[4].text",
        ),
        // a quote not in the source
        (&ok.replace("刷卡缴费\"", "扫码缴费\""), "guide.where[4]"),
        // no status
        (&ok.replace("status = \"official\"", ""), "guide.where[4]"),
        // an undeclared source
        (&ok.replace("yt_press", "nowhere"), "guide.where[4]"),
    ];
    for (item, key) in cases {
        assert_rejected(&with_guide(item), key);
    }
    // A topic the page does not know, and a topic that is not a list of tables.
    assert_rejected(
        &format!("{}\n[[guide.elsewhere]]\n{ok}\n", yantai()),
        "guide",
    );
    let without_guide = yantai()
        .split("\n# After the answer")
        .next()
        .unwrap()
        .to_string();
    assert_rejected(
        &format!("{without_guide}\n[guide]\nwho = \"家人\"\n"),
        "guide.who",
    );
}

/// A value for one rate table must name a table some category pays by: `outpatient.annual_limit.tier2`
/// (Yantai's categories pay by `tier1` and `standard`) would apply to nobody, and the default limit
/// would silently stay in force for the members it was meant for. So would an inpatient rate table
/// no category uses.
#[test]
fn a_value_for_a_rate_table_nobody_pays_by_is_refused() {
    let text = yantai();
    let line = text
        .lines()
        .find(|l| l.starts_with("\"outpatient.annual_limit.tier1\""))
        .unwrap()
        .to_string();
    let typo = text.replace(
        &line,
        &line.replace("annual_limit.tier1", "annual_limit.tier2"),
    );
    assert_rejected(&typo, "params.outpatient.annual_limit.tier2");
    assert!(errors(&typo).iter().any(|e| e.contains("\"tier2\"")));
    let line = text
        .lines()
        .find(|l| l.starts_with("\"inpatient.rate.tier1.secondary\""))
        .unwrap()
        .to_string();
    let extra = text.replace(
        &line,
        &format!("{line}\n{}", line.replace("tier1", "tier3")),
    );
    assert_rejected(&extra, "params.inpatient.rate.tier3.secondary");
    assert!(errors(&text).is_empty());
}
