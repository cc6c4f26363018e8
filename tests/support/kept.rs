//! The kept inputs the tests replay: fuzz regressions, worked examples, goldens and the
//! documentation's examples.

use std::fs;
use std::path::PathBuf;

/// Every kept input file, sorted.
pub fn files() -> Vec<PathBuf> {
    let mut files: Vec<_> = [
        "tests/fuzz_regressions",
        "tests/examples",
        "tests/golden",
        "docs/examples",
    ]
    .iter()
    .flat_map(|d| fs::read_dir(d).unwrap().map(|e| e.unwrap().path()))
    .collect();
    files.sort();
    files
}
