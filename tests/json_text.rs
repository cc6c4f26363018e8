#![cfg(not(target_arch = "wasm32"))]
//! The CLI's JSON reader (src/json_text.rs, borrowing from the text) against serde_json's reading
//! of the same text through `Json`'s `Deserialize`, which it stands in for: the same value for
//! every text serde_json reads, the same error (kind, line, column) for every text it refuses. On
//! the edges of the grammar, on every kept input cut and spoilt, and on generated documents
//! written as programs write them (compact, pretty, every non-ASCII character escaped).

use std::fs;

use proptest::prelude::*;
use serde_json::Value;
use yibao::json_text;
use yibao::Json;

mod support {
    pub mod kept;
}

/// A line of `node scripts/make-batch.mjs`.
const LINE: &str = r#"{"policy":"yantai-2025","benefit_year":2028,"members":[{"name":"居民1","category":"minor","history":[{"enrolled":false},{"enrolled":true},{"enrolled":true}],"payment_date":"2027-09-22","spending":{"stays":[{"level":"tertiary","month":11,"amount":"51000"}]}}]}"#;

/// The two readings of `text` are the same, value or error.
fn same(text: &str) -> Result<(), String> {
    let ours = json_text::parse(text);
    let serde = serde_json::from_str::<Json>(text);
    match (&ours, &serde) {
        (Ok(a), Ok(b)) if a == b => Ok(()),
        (Err(a), Err(b)) if a.to_string() == b.to_string() => Ok(()),
        _ => Err(format!(
            "{text:?}:\n  json_text: {ours:?}\n  serde:     {serde:?}"
        )),
    }
}

/// Whether the reader borrowed every text of `v` from the line (no escapes, plain integers).
fn all_borrowed(v: &Json) -> bool {
    use std::borrow::Cow::Borrowed;
    match v {
        Json::Num(n) | Json::Str(n) => matches!(n, Borrowed(_)),
        Json::Arr(items) => items.iter().all(all_borrowed),
        Json::Obj(entries) => entries
            .iter()
            .all(|(k, x)| matches!(k, Borrowed(_)) && all_borrowed(x)),
        Json::Null | Json::Bool(_) | Json::TooDeep => true,
    }
}

#[test]
fn edges_of_the_grammar_read_as_serde_json_reads_them() {
    let deep = |n: usize| format!("{}{}", "[".repeat(n), "]".repeat(n));
    let deep_obj = |n: usize| format!("{}1{}", "{\"a\":".repeat(n), "}".repeat(n));
    let mut cases: Vec<String> = [
        // Scalars and blanks.
        "null",
        "true",
        "false",
        " \t\r\n 1 \n",
        "",
        " ",
        "nul",
        "tru",
        "falsey",
        "True",
        // Integers: the edges of u64 and i64, signs, leading zeros.
        "0",
        "-0",
        "00",
        "01",
        "-01",
        "-",
        "+1",
        "1",
        "-1",
        "18446744073709551615",
        "18446744073709551616",
        "-9223372036854775808",
        "-9223372036854775809",
        "2028",
        // Numbers that are not plain integers: serde_json's text, then the grammar.
        "1.0",
        "1.",
        ".5",
        "1e5",
        "1E5",
        "1e+5",
        "1e-5",
        "1e400",
        "-1e400",
        "1e-400",
        "0.1",
        "-0.0",
        "2.026e3",
        "123456789012345678901234567890",
        "1x",
        "1 2",
        // Strings: escapes, surrogates, control characters.
        r#""""#,
        r#""abc""#,
        r#""居民1""#,
        r#""a\"b""#,
        r#""\\""#,
        r#""\/""#,
        r#""\b\f\n\r\t""#,
        r#""\u5c45\u6c11""#,
        r#""\u5C45""#,
        r#""\u0000""#,
        r#""\ud83d\ude00""#,
        r#""\uD83D\uDE00x""#,
        r#""\ud83d""#,
        r#""\ud83dx""#,
        r#""\ud83d\u0041""#,
        r#""\ude00""#,
        r#""\u12""#,
        r#""\u12g4""#,
        r#""\x""#,
        r#""\""#,
        r#""abc"#,
        "\"a\tb\"",
        "\"a\nb\"",
        "\"a\u{1f}b\"",
        "\"a\u{7f}b\"",
        // Containers.
        "[]",
        "{}",
        "[ ]",
        "{ }",
        "[1,]",
        "[,1]",
        "[1 2]",
        "{\"a\":1,}",
        "{\"a\" 1}",
        "{\"a\":}",
        "{a:1}",
        "{\"a\":1,\"a\":2}",
        "{\"a\":[1,{\"b\":null}]}",
        "[1]]",
        "{\"a\":1}}",
        "[1]x",
        "{\"a\":1",
        "[",
        "{",
        "{\"",
        "{\"a\"",
        "{\"a\":",
        // serde_json's own spelling of a number, written by hand.
        r#"{"$serde_json::private::Number":"1e400"}"#,
        r#"{"$serde_json::private::Number":"5","x":1}"#,
        r#"{"$serde_json::private::Number":5}"#,
        r#"{"a":{"$serde_json::private::Number":"0.5"}}"#,
        LINE,
    ]
    .iter()
    .map(|s| s.to_string())
    .collect();
    // Nesting to the reader's depth and past it (skipped there, named by validation).
    for n in [31, 32, 33, 34, 40, 127, 128, 129, 200, 5000] {
        cases.push(deep(n));
        cases.push(deep_obj(n));
        cases.push(format!("{}1{}", "[".repeat(n), "]".repeat(n)));
        cases.push(format!("{}1{}", "[".repeat(n), "]".repeat(n - 1)));
    }
    let failures: Vec<String> = cases.iter().filter_map(|t| same(t).err()).collect();
    assert!(failures.is_empty(), "{}", failures.join("\n"));

    // What a batch line is made of is borrowed, not copied; an escape is decoded into its own text.
    assert!(matches!(json_text::parse(LINE), Ok(ref j) if all_borrowed(j)));
    match json_text::parse(r#""\u5c45\u6c11 \"1\"""#) {
        Ok(Json::Str(s)) => assert_eq!(s, "居民 \"1\""),
        other => panic!("{other:?}"),
    }
    match json_text::parse(r#""\ud83d\ude00""#) {
        Ok(Json::Str(s)) => assert_eq!(s, "😀"),
        other => panic!("{other:?}"),
    }
}

/// Every kept input (fuzz regressions, worked examples, goldens, documentation examples), whole,
/// cut at several places, and with one significant byte changed.
#[test]
fn kept_inputs_read_as_serde_json_reads_them() {
    let files = support::kept::files();
    let mut failures = Vec::new();
    let mut read = 0;
    for path in &files {
        let Ok(text) = fs::read_to_string(path) else {
            continue;
        };
        let mut texts = vec![text.clone()];
        texts.extend(text.lines().map(str::to_string));
        let cuts: Vec<usize> = (1..8)
            .map(|k| k * text.len() / 8)
            .filter(|&i| text.is_char_boundary(i))
            .collect();
        texts.extend(cuts.iter().map(|&i| text[..i].to_string()));
        for (&i, spoil) in cuts.iter().zip([",", "]", "}", "\"", ":", "\\", "0"]) {
            let mut t = text.clone();
            if let Some(c) = t[i..].chars().next() {
                t.replace_range(i..i + c.len_utf8(), spoil);
                texts.push(t);
            }
        }
        for t in &texts {
            read += 1;
            if let Err(e) = same(t) {
                failures.push(format!("{}: {e}", path.display()));
            }
        }
    }
    assert!(read > 10_000, "only {read} texts read");
    assert!(
        failures.is_empty(),
        "{} of {read} differ:\n{}",
        failures.len(),
        failures[..failures.len().min(10)].join("\n")
    );
}

/// A JSON value, as generated: scenario-like keys and texts, numbers of every kind.
fn value() -> impl Strategy<Value = Value> {
    let text = prop_oneof![
        "[a-z_]{0,12}",
        "[\\PC]{0,8}",
        Just("居民1".to_string()),
        Just("a\"b\\c/d\u{8}\u{c}\n\r\t\u{1}\u{7f}".to_string()),
        Just("😀 \u{fffd} \u{2028}".to_string()),
    ];
    let number = prop_oneof![
        any::<u64>().prop_map(Value::from),
        any::<i64>().prop_map(Value::from),
        (0u32..3000).prop_map(Value::from),
        any::<f64>().prop_map(Value::from),
        prop_oneof![
            Just("1e400"),
            Just("-0"),
            Just("2.5e3"),
            Just("1.0"),
            Just("99999999999999999999")
        ]
        .prop_map(|t| serde_json::from_str::<Value>(t).unwrap()),
    ];
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        number,
        text.clone().prop_map(Value::String),
    ];
    leaf.prop_recursive(40, 200, 6, move |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..6).prop_map(Value::Array),
            prop::collection::vec((text.clone(), inner), 0..6)
                .prop_map(|kv| Value::Object(kv.into_iter().collect())),
        ]
    })
}

/// `text` with every character beyond ASCII escaped as `\uXXXX`, as Python's json.dumps writes.
fn ascii_only(text: &str) -> String {
    let mut out = String::new();
    for c in text.chars() {
        if c.is_ascii() {
            out.push(c);
        } else {
            let mut units = [0u16; 2];
            for u in c.encode_utf16(&mut units) {
                out.push_str(&format!("\\u{u:04x}"));
            }
        }
    }
    out
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    #[test]
    fn generated_documents_read_as_serde_json_reads_them(v in value(), cut in any::<prop::sample::Index>()) {
        let compact = serde_json::to_string(&v).unwrap();
        let pretty = serde_json::to_string_pretty(&v).unwrap();
        let escaped = ascii_only(&compact);
        for text in [&compact, &pretty, &escaped] {
            prop_assert!(same(text).is_ok(), "{}", same(text).unwrap_err());
            let mut i = cut.index(text.len() + 1);
            while !text.is_char_boundary(i) {
                i -= 1;
            }
            prop_assert!(same(&text[..i]).is_ok(), "{}", same(&text[..i]).unwrap_err());
        }
    }
}
