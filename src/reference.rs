//! The reference code a result carries (「参考编号 YB-XXXX-XXXX」): the same scenario under the same
//! policy version gives the same code in the browser and the CLI, so a journalist can quote it and a
//! reader can check they are looking at the same figures.

use std::borrow::Cow;

use crate::fnv;
use crate::input::Json;

/// The reference code: FNV-1a over the canonical scenario (keys sorted) and the rules version.
/// The same scenario under the same rules always gives the same code, in the browser and the CLI.
pub fn reference(v: &Json, rules_version: &str) -> String {
    let mut h = Fnv(fnv::OFFSET);
    canonical(v, &mut h);
    h.put("|");
    h.put(rules_version);
    let folded = (h.0 >> 32) as u32 ^ h.0 as u32;
    format!("YB-{:04X}-{:04X}", folded >> 16, folded & 0xFFFF)
}

/// FNV-1a, fed piece by piece so the canonical form never has to be built as a string.
struct Fnv(u64);

impl Fnv {
    fn bytes(&mut self, bytes: &[u8]) {
        self.0 = fnv::fnv1a(bytes, self.0);
    }
    fn put(&mut self, s: &str) {
        self.bytes(s.as_bytes());
    }
    /// A string, length-prefixed so that no two sequences of strings feed the same bytes.
    fn text(&mut self, s: &str) {
        self.bytes(b"\"");
        self.bytes(&(s.len() as u64).to_le_bytes());
        self.put(s);
    }
}

/// Feeds a canonical form of a JSON value: object keys sorted, strings length-prefixed, numbers
/// as given. Key order and whitespace in the input do not change the code.
fn canonical(v: &Json, h: &mut Fnv) {
    match v {
        Json::Null | Json::TooDeep => h.put("n"),
        Json::Bool(b) => h.put(if *b { "t" } else { "f" }),
        Json::Num(n) => {
            h.put("#");
            h.text(n);
        }
        Json::Str(s) => h.text(s),
        Json::Arr(a) => {
            h.put("[");
            for x in a {
                canonical(x, h);
            }
            h.put("]");
        }
        Json::Obj(o) => {
            let mut entries: Vec<&(Cow<str>, Json)> = o.iter().collect();
            crate::sort_short(&mut entries, |a, b| a.0 < b.0);
            h.put("{");
            for (k, x) in entries {
                h.text(k);
                canonical(x, h);
            }
            h.put("}");
        }
    }
}
