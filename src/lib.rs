//! yibao — 医保待遇测算: the 2025 resident medical insurance rules (城乡居民基本医疗保险 参保长效机制)
//! as a pure Rust core. No clock, no DOM, no `JsValue` here: today's date comes in with the scenario.
//!
//! - [`estimate::estimate_json`]: scenario JSON → result or every input problem.
//! - [`catalog::all`]: the compiled policies with their citations.
//! - [`version`]: crate version + hash of the compiled policy files.

pub mod cap;
pub mod catalog;
pub mod contribution;
pub mod estimate;
pub mod input;
pub mod policy;
pub mod policy_schema;
pub mod reimbursement;
pub mod scenario;
pub mod trace;
pub mod waiting_period;

#[cfg(target_arch = "wasm32")]
pub mod wasm;

pub use estimate::{estimate_json, Estimate, Outcome};
pub use input::{InputError, Json};

/// The rules version shown beside every result: crate version + hash of the policy files.
pub fn version() -> String {
    format!("{}+{}", env!("CARGO_PKG_VERSION"), policy::policies_hash())
}
