//! The WebAssembly door: JS value in, JS value out, through serde-wasm-bindgen. Nothing here
//! computes a rule; it only translates. Errors come back as values (`{ok:false, errors}`), never as
//! exceptions or panics.

use serde::Serialize;
use wasm_bindgen::prelude::*;

use crate::input::{InputError, Json};
use crate::Outcome;

fn to_js<T: Serialize>(v: &T) -> JsValue {
    // Plain objects (not Maps), so the page can read fields directly.
    let ser = serde_wasm_bindgen::Serializer::json_compatible();
    v.serialize(&ser).unwrap_or(JsValue::NULL)
}

/// `estimate(scenario) -> {ok: true, result} | {ok: false, errors: [{path, message}]}`
#[wasm_bindgen]
pub fn estimate(scenario: JsValue) -> JsValue {
    let outcome = match serde_wasm_bindgen::from_value::<Json>(scenario) {
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

/// Every compiled policy with its categories and cited parameters.
#[wasm_bindgen]
pub fn policies() -> JsValue {
    to_js(&crate::catalog::all())
}

/// Crate version + hash of the compiled policies.
#[wasm_bindgen]
pub fn version() -> String {
    crate::version()
}
