//! yibao — 医保待遇测算: the 2025 resident medical insurance rules (城乡居民基本医疗保险 参保长效机制)
//! as a pure Rust core. No clock, no DOM, no `JsValue` here: today's date comes in with the scenario.
//!
//! - [`estimate::estimate_json`]: scenario JSON → result or every input problem.
//! - [`figures::figures_json`]: the same, figures only (no sentences, citations or trace).
//! - [`catalog::all`]: the compiled policies with their citations.
//! - [`version`]: crate version + hash of the compiled policy files.

pub mod advice;
pub mod cap;
pub mod catalog;
pub mod contribution;
pub mod dates;
pub mod decimal;
pub mod enrollment;
pub mod estimate;
pub mod figures;
pub mod fnv;
pub mod grammar;
pub mod guide;
pub mod input;
#[cfg(feature = "cli")]
pub mod json_text;
pub mod money;
pub mod policy;
pub mod policy_blob;
pub mod policy_schema;
pub mod reference;
pub mod reimbursement;
pub mod rule;
pub mod rules;
pub mod scenario;
pub mod summary;
pub mod to_json;
pub mod trace;
pub mod waiting_period;

#[cfg(target_arch = "wasm32")]
pub mod wasm;

pub use estimate::{estimate_json, Estimate, Outcome};
pub use input::{InputError, Json};

/// Sorts a short list (a household's stays, a result's parameters, an object's keys), stably.
/// Every list sorted here holds at most a few hundred items, and std's sorts cost 2–3 KB of wasm
/// per call site; an insertion sort is a few hundred bytes and as fast at these sizes.
pub(crate) fn sort_short<T>(v: &mut [T], before: impl Fn(&T, &T) -> bool) {
    for i in 1..v.len() {
        let mut j = i;
        while j > 0 && before(&v[j], &v[j - 1]) {
            v.swap(j - 1, j);
            j -= 1;
        }
    }
}

/// The program's version. Each result's `rules_version` adds its policy's own version to it.
pub fn version() -> String {
    env!("CARGO_PKG_VERSION").to_string()
}

/// The rules version of a result: the program's version + the policy's (its file and sources).
pub fn rules_version(p: &policy::Policy) -> String {
    format!("{}+{}", env!("CARGO_PKG_VERSION"), p.version)
}

#[cfg(test)]
mod tests {
    #[test]
    fn sort_short_matches_std_stable_sort() {
        // Pairs (key, original position): equal keys must keep their order, as with sort_by.
        let mut seed = 7u32;
        for len in 0..40 {
            let v: Vec<(u32, usize)> = (0..len)
                .map(|i| {
                    seed = seed.wrapping_mul(1_103_515_245).wrapping_add(12_345);
                    ((seed >> 16) % 5, i)
                })
                .collect();
            let (mut a, mut b) = (v.clone(), v);
            super::sort_short(&mut a, |x, y| x.0 < y.0);
            b.sort_by_key(|x| x.0);
            assert_eq!(a, b);
        }
    }
}
