#![cfg(unix)]
//! The CLI's memory does not grow with its input: JSON Lines of any length and arrays up to the
//! document cap go through with the peak resident memory (`wait4`'s ru_maxrss, the figure
//! `/usr/bin/time -v` reports) far below the input's size. Before streaming, 8 MB of JSON Lines took
//! 600 MB, an 8 MiB array of `{}` 2.4 GB, and anything over 8 MiB was refused.

use std::io::{Read, Write};
use std::process::{Command, Stdio};

/// Runs `yibao ARGS` on `input` (written by `feed`); returns (exit code, output bytes, peak KB).
// The child is reaped by wait4 (which std's wait cannot report the peak of), not by Child::wait.
#[allow(clippy::zombie_processes)]
fn run(args: &[&str], feed: impl FnOnce(&mut dyn Write) + Send + 'static) -> (i32, u64, i64) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_yibao"))
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    let writer = std::thread::spawn(move || feed(&mut stdin));
    let mut stdout = child.stdout.take().unwrap();
    let reader = std::thread::spawn(move || {
        let mut buf = vec![0u8; 1 << 16];
        let mut n = 0u64;
        loop {
            match stdout.read(&mut buf) {
                Ok(0) | Err(_) => return n,
                Ok(k) => n += k as u64,
            }
        }
    });
    let mut status = 0;
    // SAFETY: an all-zero rusage is a valid value for wait4 to fill in.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    // SAFETY: waits for our own child, whose pid std gave us; std will not wait for it again.
    let pid = unsafe { libc::wait4(child.id() as i32, &mut status, 0, &mut usage) };
    assert_eq!(pid, child.id() as i32);
    writer.join().unwrap();
    let out = reader.join().unwrap();
    (libc::WEXITSTATUS(status), out, usage.ru_maxrss)
}

#[test]
fn json_lines_of_any_length_stream_in_constant_memory() {
    // 320 lines of 700 KB each (224 MB, 27 times the old cap), then a valid scenario: every line
    // is answered, and the peak is a small fraction of the input.
    let scenario = std::fs::read_to_string("tests/golden/zjk-relapse.scenario.json").unwrap();
    let scenario: serde_json::Value = serde_json::from_str(&scenario).unwrap();
    let line = format!(
        "{{\"policy\":\"national-2025\",\"note\":\"{}\"}}\n",
        "x".repeat(700_000)
    );
    let last = format!("{scenario}\n");
    let (code, out, peak_kb) = run(&["estimate", "-", "--figures"], move |w| {
        for _ in 0..320 {
            if w.write_all(line.as_bytes()).is_err() {
                return;
            }
        }
        let _ = w.write_all(last.as_bytes());
    });
    assert_eq!(
        code, 2,
        "the long lines are refused (unknown field), line by line"
    );
    assert!(out > 320 * 100, "every line answered ({out} bytes)");
    assert!(
        peak_kb < 96 * 1024,
        "peak {peak_kb} KB for 224 MB of JSON Lines"
    );
}

#[test]
fn a_json_array_is_bounded_by_its_cap_not_by_its_results() {
    // 100,000 empty objects (300 KB): each is refused with three messages, about 300 bytes of
    // pretty JSON, so the output is 100 times the input; the peak stays small.
    let mut input = String::from("[");
    for i in 0..100_000 {
        input.push_str(if i == 0 { "{}" } else { ",{}" });
    }
    input.push(']');
    let (code, out, peak_kb) = run(&["estimate", "-"], move |w| {
        let _ = w.write_all(input.as_bytes());
    });
    assert_eq!(code, 2);
    assert!(out > 100_000 * 250, "{out} bytes");
    // Before: 87 MB; the results were all held, then printed as one string.
    assert!(peak_kb < 32 * 1024, "peak {peak_kb} KB for a 300 KB array");
}
