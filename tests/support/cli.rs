//! Runs the `yibao` binary the way a user's shell does, for the CLI tests.

use std::io::Write;
use std::process::{Command, Output, Stdio};

/// `yibao ARGS` with `input` on its standard input; its exit code, output and messages.
/// The input is written from another thread: the CLI answers while it reads, and a full pipe both
/// ways would otherwise stall the test. A command refused before it reads (a usage error) closes
/// its input; that is not the test's concern, its exit code and message are.
pub fn yibao(args: &[&str], input: &(impl AsRef<[u8]> + ?Sized)) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_yibao"))
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    let input = input.as_ref().to_vec();
    let writer = std::thread::spawn(move || {
        let _ = stdin.write_all(&input);
    });
    let out = child.wait_with_output().unwrap();
    writer.join().unwrap();
    out
}
