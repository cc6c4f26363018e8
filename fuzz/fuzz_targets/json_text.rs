//! The CLI's JSON text reader (src/json_text.rs) against serde_json's reading, on arbitrary text:
//! the same value or the same error, and an estimate that always serialises.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let ours = yibao::json_text::parse(text);
    let theirs = serde_json::from_str::<yibao::Json>(text);
    match (&ours, &theirs) {
        (Ok(a), Ok(b)) => assert_eq!(a, b, "values differ for {text:?}"),
        (Err(a), Err(b)) => assert_eq!(a.to_string(), b.to_string(), "errors differ for {text:?}"),
        _ => panic!("one read and one refused {text:?}: {ours:?} / {theirs:?}"),
    }
    if let Ok(json) = ours {
        let outcome = yibao::estimate_json(&json);
        serde_json::to_string(&outcome).expect("a result always serialises");
    }
});
