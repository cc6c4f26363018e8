//! The WebAssembly door: JS value in, JS value out. Nothing here computes a rule; it only
//! translates. Errors come back as values (`{ok:false, errors}`), never as exceptions or panics.
//!
//! Out: serde-wasm-bindgen, plain objects. In: a direct walk of the JS value into the same loose
//! [`Json`] the CLI reads. serde-wasm-bindgen's reader would do, but it is the only path that
//! formats floats (its "invalid type: floating point …" message), and that alone pulled 14 KB of
//! float printing into a module whose every other number is a Decimal.

use serde::Serialize;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

use crate::input::{InputError, Json, MAX_DEPTH};
use crate::Outcome;

fn to_js<T: Serialize>(v: &T) -> JsValue {
    // Plain objects (not Maps), so the page can read fields directly.
    let ser = serde_wasm_bindgen::Serializer::json_compatible();
    crate::to_json::to_json(v)
        .and_then(|tree| tree.serialize(&ser).ok())
        .unwrap_or(JsValue::NULL)
}

/// A JS value as loose JSON, read the way `JSON.stringify` would see it.
fn read(v: &JsValue, depth: usize) -> Result<Json<'static>, String> {
    if depth > MAX_DEPTH {
        return Err(format!("嵌套超过{MAX_DEPTH}层"));
    }
    if v.is_null() || v.is_undefined() {
        return Ok(Json::Null);
    }
    if let Some(b) = v.as_bool() {
        return Ok(Json::Bool(b));
    }
    if let Some(f) = v.as_f64() {
        return Ok(number(v, f));
    }
    if let Some(s) = v.as_string() {
        return Ok(Json::Str(s.into()));
    }
    if let Some(b) = v.dyn_ref::<js_sys::BigInt>() {
        // Digits only, whatever their size: validation then names the field and the range.
        let digits = b.to_string(10).map(String::from).unwrap_or_default();
        return Ok(Json::Num(digits.into()));
    }
    if let Some(a) = v.dyn_ref::<js_sys::Array>() {
        return a
            .iter()
            .map(|x| read(&x, depth + 1))
            .collect::<Result<_, _>>()
            .map(Json::Arr);
    }
    if v.is_function() || v.is_symbol() || !v.is_object() {
        return Err("不是 JSON 数据(函数或符号)".into());
    }
    let mut fields = Vec::new();
    for entry in js_sys::Object::entries(v.unchecked_ref()).iter() {
        let pair: js_sys::Array = entry.unchecked_into();
        let key = pair.get(0).as_string().unwrap_or_default();
        fields.push((key.into(), read(&pair.get(1), depth + 1)?));
    }
    Ok(Json::Obj(fields))
}

/// JS numbers are f64. Whole numbers keep their digits; any other number goes by JavaScript's own
/// shortest text for it (`String(x)`: "0.1", "1e-30", "Infinity"), which the core writes to 15
/// significant digits exactly as the CLI does with the same number read from JSON text
/// (crate::grammar). Formatting stays in JavaScript: float printing would cost the module 14 KB.
fn number(v: &JsValue, f: f64) -> Json<'static> {
    if js_sys::Number::is_safe_integer(v) {
        return Json::Num((f as i64).to_string().into());
    }
    let text = js_sys::Number::from(f)
        .to_string_with_radix(10)
        .map(String::from)
        .unwrap_or_default();
    Json::from_double_text(&text)
}

/// `estimate(scenario) -> {ok: true, result} | {ok: false, errors: [{path, message}]}`
#[wasm_bindgen]
pub fn estimate(scenario: JsValue) -> JsValue {
    let outcome = match read(&scenario, 0) {
        Ok(json) => crate::estimate_json(&json),
        Err(e) => Outcome::Invalid {
            ok: false,
            errors: vec![InputError {
                path: String::new(),
                message: format!("无法读取输入:{e}"),
            }],
        },
    };
    to_js(&outcome)
}

/// Every loaded policy with its categories and cited parameters.
#[wasm_bindgen]
pub fn policies() -> JsValue {
    to_js(&crate::catalog::all())
}

/// `load_policy(bytes) -> {ok: true, result: <the policy as policies() lists it>} | {ok: false,
/// errors: [{path: "", message}]}`: reads a policy in its binary form (dist/policies/<id>.*.bin)
/// so that estimate() can use it. Loading the same id again replaces it.
#[wasm_bindgen]
pub fn load_policy(bytes: &[u8]) -> JsValue {
    #[derive(Serialize)]
    #[serde(untagged)]
    enum Loaded {
        Ok {
            ok: bool,
            result: crate::catalog::PolicyInfo,
        },
        Invalid {
            ok: bool,
            errors: Vec<InputError>,
        },
    }
    to_js(&match crate::policy::load(bytes) {
        Ok(p) => Loaded::Ok {
            ok: true,
            result: crate::catalog::info(p),
        },
        Err(message) => Loaded::Invalid {
            ok: false,
            errors: vec![InputError {
                path: String::new(),
                message,
            }],
        },
    })
}

/// The program's version; each result's `rules_version` adds its policy's version.
#[wasm_bindgen]
pub fn version() -> String {
    crate::version()
}

/// Talc instead of std's dlmalloc: 6.8 KB less wasm (1.9 KB gzip) for every resident's first load,
/// at about 3 % more time per estimate (measured in Node, 0.40 against 0.39 ms). The module is
/// single-threaded (no atomics), which this allocator requires.
#[cfg(not(target_feature = "atomics"))]
#[global_allocator]
static ALLOCATOR: talc::wasm::WasmDynamicTalc = talc::wasm::new_wasm_dynamic_allocator();
