#![cfg(not(target_arch = "wasm32"))]
//! The README is the front door: every command it shows must work as written on a fresh clone.
//! Its CLI examples are read out of README.md and run against the built binary (so an example that
//! names a missing file or a wrong flag fails here), the scripts its quick start names must exist,
//! and its "增加一个城市" steps, followed literally, must give a policy file the build accepts.

#[path = "../build/check.rs"]
#[allow(dead_code)]
mod check;
#[path = "../src/decimal.rs"]
#[allow(dead_code)]
mod decimal;
#[path = "../src/fnv.rs"]
mod fnv;
#[path = "../src/grammar.rs"]
#[allow(dead_code)]
mod grammar;
#[path = "../src/policy_schema.rs"]
#[allow(dead_code)]
mod policy_schema;

use std::fs;
use std::io::Write;
use std::path::Path;
use std::process::{Command, Stdio};

fn readme() -> String {
    fs::read_to_string("README.md").unwrap()
}

/// The lines of the README's ```sh blocks, comments cut off.
fn shell_lines(text: &str) -> Vec<String> {
    let mut out = vec![];
    let mut inside = false;
    for line in text.lines() {
        if line.starts_with("```") {
            inside = line.trim() == "```sh";
            continue;
        }
        if inside {
            let code = line.split(" #").next().unwrap_or("").trim();
            if !code.is_empty() {
                out.push(code.to_string());
            }
        }
    }
    out
}

/// One runnable CLI example: `[cat FILE | ]cargo run --release -- ARGS`. Usage lines (with
/// `FILE|-` or `[...]` placeholders) are synopses, not examples.
struct Example {
    line: String,
    stdin_file: Option<String>,
    args: Vec<String>,
}

fn examples(text: &str) -> Vec<Example> {
    shell_lines(text)
        .into_iter()
        .filter(|l| l.contains("cargo run --release -- "))
        .filter(|l| !l.contains("FILE|-") && !l.contains('['))
        .map(|line| {
            let (pipe, cmd) = match line.split_once(" | ") {
                Some((a, b)) => (Some(a.to_string()), b.to_string()),
                None => (None, line.clone()),
            };
            let stdin_file = pipe.map(|p| {
                p.strip_prefix("cat ")
                    .unwrap_or_else(|| panic!("README pipes from something other than cat: {line}"))
                    .trim()
                    .to_string()
            });
            let args = cmd
                .split_once("cargo run --release -- ")
                .unwrap()
                .1
                .split_whitespace()
                .map(str::to_string)
                .collect();
            Example {
                line,
                stdin_file,
                args,
            }
        })
        .collect()
}

#[test]
fn every_cli_example_in_the_readme_runs_as_written() {
    let list = examples(&readme());
    // The Chinese section shows estimate (file, text, JSON Lines on stdin) and policies.
    assert!(
        list.len() >= 4,
        "expected the README's CLI examples, found {}",
        list.len()
    );
    for ex in &list {
        for arg in ex.args.iter().chain(ex.stdin_file.iter()) {
            if arg.contains('/') {
                assert!(
                    Path::new(arg).is_file(),
                    "README names {arg}, which does not exist: {}",
                    ex.line
                );
            }
        }
        let mut child = Command::new(env!("CARGO_BIN_EXE_yibao"))
            .args(&ex.args)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let input = ex.stdin_file.as_ref().map(|f| fs::read(f).unwrap());
        let mut stdin = child.stdin.take().unwrap();
        if let Some(bytes) = input {
            stdin.write_all(&bytes).unwrap();
        }
        drop(stdin);
        let out = child.wait_with_output().unwrap();
        let stdout = String::from_utf8(out.stdout).unwrap();
        assert!(
            out.status.success(),
            "README example failed ({}): {}\n{}",
            out.status,
            ex.line,
            String::from_utf8_lossy(&out.stderr)
        );
        assert!(
            !stdout.trim().is_empty(),
            "README example printed nothing: {}",
            ex.line
        );
        if let Some(f) = &ex.stdin_file {
            // JSON Lines in, one result per non-empty line out.
            let want = fs::read_to_string(f)
                .unwrap()
                .lines()
                .filter(|l| !l.trim().is_empty())
                .count();
            assert_eq!(stdout.lines().count(), want, "{}", ex.line);
            assert!(
                stdout.lines().all(|l| l.starts_with("{\"ok\":true")),
                "{}",
                ex.line
            );
        }
    }
}

#[test]
fn the_quick_start_names_scripts_that_exist() {
    let lines = shell_lines(&readme());
    for want in ["scripts/serve", "bash scripts/test"] {
        assert!(
            lines.iter().any(|l| l == want),
            "README's quick start lacks `{want}`"
        );
    }
    for script in [
        "scripts/serve",
        "scripts/test",
        "scripts/setup",
        "scripts/check-serve",
    ] {
        let meta = fs::metadata(script).unwrap_or_else(|e| panic!("{script}: {e}"));
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            assert!(
                meta.permissions().mode() & 0o111 != 0,
                "{script} is not executable"
            );
        }
    }
    // .ci/run runs the README's test command.
    let ci = fs::read_to_string(".ci/run").unwrap();
    assert!(
        ci.contains("bash scripts/test"),
        ".ci/run does not run scripts/test"
    );
}

#[test]
fn the_stated_node_version_is_the_one_the_scripts_check() {
    let text = readme();
    let setup = fs::read_to_string("scripts/setup").unwrap();
    let package = fs::read_to_string("package.json").unwrap();
    let major = setup
        .split("node_major >= ")
        .nth(1)
        .and_then(|s| s.split(')').next())
        .expect("scripts/setup checks the Node.js major version");
    assert!(
        text.contains(&format!("Node.js ≥ {major}")),
        "README does not say Node.js ≥ {major}"
    );
    assert!(
        package.contains(&format!("\"node\": \">={major}\"")),
        "package.json engines disagree with scripts/setup (>= {major})"
    );
}

/// "增加一个城市", step by step as the README says: copy the named file to `<city>-<year>.toml`, set
/// `id` to the file name and give it its own `name` and `title`; the build's check accepts it.
#[test]
fn adding_a_city_as_the_readme_says_passes_the_build_check() {
    let text = readme();
    let section = text
        .split("## 增加一个城市")
        .nth(1)
        .expect("README has 增加一个城市")
        .split("\n## ")
        .next()
        .unwrap();
    let copy_from = section
        .split('`')
        .find(|s| s.starts_with("policies/") && s.ends_with(".toml") && !s.contains('<'))
        .expect("the steps name a file to copy");
    for named in ["policies/sources/", "src/policy_schema.rs"] {
        assert!(section.contains(named), "the steps should name {named}");
        assert!(Path::new(named).exists(), "{named} does not exist");
    }
    let original = fs::read_to_string(copy_from).unwrap();
    let old_id = Path::new(copy_from).file_stem().unwrap().to_str().unwrap();
    let new_file = "testcity-2025.toml";
    let copied = original
        .replacen(&format!("id = \"{old_id}\""), "id = \"testcity-2025\"", 1)
        .lines()
        // Only the file's opening lines, before its first [section] (guide items have titles too).
        .scan(true, |head, l| {
            *head &= !l.starts_with('[');
            Some(if *head && l.starts_with("name = ") {
                "name = \"测试市\"".to_string()
            } else if *head && l.starts_with("title = ") {
                "title = \"测试市 2025年度城乡居民基本医疗保险\"".to_string()
            } else {
                l.to_string()
            })
        })
        .collect::<Vec<_>>()
        .join("\n");
    let read_source = |name: &str| fs::read_to_string(format!("policies/sources/{name}")).ok();
    if let Err(e) = check::check(new_file, &copied, &read_source) {
        panic!(
            "the README's steps give a file the build rejects:\n{}",
            e.join("\n")
        );
    }
    // And a copy whose id is not its file name is refused, as step 1 says.
    let unrenamed = original.clone();
    assert!(check::check(new_file, &unrenamed, &read_source).is_err());
}
