//! In headless Chromium: the WebAssembly export `estimate`, called with a JS object made by
//! `JSON.parse`, must give exactly the JSON the native build wrote into tests/golden/.
#![cfg(target_arch = "wasm32")]

use wasm_bindgen::JsValue;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

fn stringify(v: &JsValue) -> String {
    js_sys::JSON::stringify(v).unwrap().as_string().unwrap()
}

fn same_as_native(scenario: &str, golden: &str) {
    let input = js_sys::JSON::parse(scenario).unwrap();
    let out = yibao::wasm::estimate(input);
    assert_eq!(stringify(&out), golden.trim_end());
}

#[wasm_bindgen_test]
fn zhangjiakou_relapse_matches_native() {
    same_as_native(
        include_str!("golden/zjk-relapse.scenario.json"),
        include_str!("golden/zjk-relapse.result.json"),
    );
}

#[wasm_bindgen_test]
fn yantai_household_matches_native() {
    same_as_native(
        include_str!("golden/yantai-household.scenario.json"),
        include_str!("golden/yantai-household.result.json"),
    );
}

#[wasm_bindgen_test]
fn national_with_overrides_matches_native() {
    same_as_native(
        include_str!("golden/national-overrides.scenario.json"),
        include_str!("golden/national-overrides.result.json"),
    );
}

#[wasm_bindgen_test]
fn invalid_input_matches_native() {
    same_as_native(
        include_str!("golden/invalid.scenario.json"),
        include_str!("golden/invalid.result.json"),
    );
}

#[wasm_bindgen_test]
fn numbers_from_js_are_read_like_strings() {
    // A page may send amounts as JS numbers: 0.1 + 0.2 style floats must not leak into results.
    // 100.1 × 65% = 65.065 → 65.07 (under the 二档 普通门诊 limit of 350).
    let a = js_sys::JSON::parse(r#"{"policy":"yantai-2025","benefit_year":2025,"members":[{"category":"adult_tier2","payment_date":"2024-12-01","spending":{"outpatient":100.1}}]}"#).unwrap();
    let b = js_sys::JSON::parse(r#"{"policy":"yantai-2025","benefit_year":2025,"members":[{"category":"adult_tier2","payment_date":"2024-12-01","spending":{"outpatient":"100.1"}}]}"#).unwrap();
    let (ra, rb) = (yibao::wasm::estimate(a), yibao::wasm::estimate(b));
    let fund = |v: &JsValue| {
        let s = stringify(v);
        assert!(s.contains("\"fund_pays\":\"65.07\""), "{s}");
        s.split("\"reference\"").next().unwrap().to_string()
    };
    assert_eq!(fund(&ra), fund(&rb));
}

#[wasm_bindgen_test]
fn policies_and_version_are_exported() {
    let p = stringify(&yibao::wasm::policies());
    assert!(
        p.contains("\"id\":\"yantai-2025\"")
            && p.contains("\"id\":\"zhangjiakou-2025\"")
            && p.contains("\"id\":\"national-2025\"")
    );
    // The page's catalogue is the CLI's `policies --format json`, byte for byte.
    assert_eq!(p, serde_json::to_string(&yibao::catalog::all()).unwrap());
    assert!(yibao::wasm::version().starts_with(env!("CARGO_PKG_VERSION")));
}

#[wasm_bindgen_test]
fn garbage_is_an_error_value_not_a_throw() {
    for v in [
        JsValue::NULL,
        JsValue::from(42),
        JsValue::from_str("x"),
        js_sys::Array::new().into(),
    ] {
        let s = stringify(&yibao::wasm::estimate(v));
        assert!(s.starts_with("{\"ok\":false,\"errors\":["), "{s}");
    }
}

#[wasm_bindgen_test]
fn js_values_json_cannot_hold_are_refused_by_name() {
    // A function, a symbol, nesting deeper than any scenario: an error value naming the problem.
    let f = js_sys::Function::new_no_args("return 1");
    let s = stringify(&yibao::wasm::estimate(f.into()));
    assert!(s.contains("无法读取输入:不是 JSON 数据"), "{s}");

    let deep = js_sys::JSON::parse(&format!("{}{}", "[".repeat(40), "]".repeat(40))).unwrap();
    let s = stringify(&yibao::wasm::estimate(deep));
    assert!(s.contains("无法读取输入:嵌套超过32层"), "{s}");
}

#[wasm_bindgen_test]
fn odd_js_numbers_are_named_by_field() {
    // NaN, Infinity and a BigInt beyond any amount: each refused at its field, never computed.
    let base = r#"{"policy":"yantai-2025","benefit_year":2025,"members":[{"category":"adult_tier2","payment_date":"2024-12-01","spending":{"outpatient":1}}]}"#;
    let amounts: [JsValue; 3] = [
        JsValue::from_f64(f64::NAN),
        JsValue::from_f64(f64::INFINITY),
        js_sys::BigInt::new(&JsValue::from_str("123456789012345678901234567890"))
            .unwrap()
            .into(),
    ];
    for amount in amounts {
        let v = js_sys::JSON::parse(base).unwrap();
        let member = js_sys::Reflect::get(
            &js_sys::Reflect::get(&v, &"members".into()).unwrap(),
            &0.into(),
        )
        .unwrap();
        let spending = js_sys::Reflect::get(&member, &"spending".into()).unwrap();
        js_sys::Reflect::set(&spending, &"outpatient".into(), &amount).unwrap();
        let s = stringify(&yibao::wasm::estimate(v));
        assert!(
            s.starts_with("{\"ok\":false") && s.contains("members[0].spending.outpatient"),
            "{s}"
        );
    }
}

#[wasm_bindgen_test]
fn js_numbers_follow_the_cli_grammar() {
    // The page hands doubles; they are read as JavaScript writes them, to 15 significant digits,
    // exactly as the CLI reads the same JSON text (tests/grammar.rs): 1e-30 is not 0, 1e300 is
    // too large (not "非有限数字"), float noise goes.
    let run = |amount: &str| {
        let text = format!(
            r#"{{"policy":"yantai-2025","benefit_year":2025,"members":[{{"category":"adult_tier2","payment_date":"2024-12-01","spending":{{"outpatient":{amount}}}}}]}}"#
        );
        stringify(&yibao::wasm::estimate(js_sys::JSON::parse(&text).unwrap()))
    };
    for tiny in ["1e-3", "1e-30", "1.005"] {
        let s = run(tiny);
        assert!(s.contains("普通门诊花费无效:最多两位小数"), "{tiny}: {s}");
    }
    for huge in ["1e300", "1e400", "123456789012345678901234567890"] {
        let s = run(huge);
        assert!(
            s.contains("普通门诊花费无效:超过上限10000000元"),
            "{huge}: {s}"
        );
    }
    let s = run("0.30000000000000004");
    assert!(
        s.starts_with("{\"ok\":true") && s.contains("\"spending\":\"0.30\""),
        "{s}"
    );
}
