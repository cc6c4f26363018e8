//! Arbitrary bytes through the path the CLI and the page use: JSON → validate → estimate → JSON.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(json) = serde_json::from_slice::<yibao::Json>(data) {
        let outcome = yibao::estimate_json(&json);
        serde_json::to_string(&outcome).expect("a result always serialises");
    }
});
