//! `yibao`: the rules core on the command line, over the same JSON as the page.
//!
//!   yibao estimate scenario.json            result JSON
//!   yibao estimate - --format text < f.json  readable Chinese summary with the trace
//!   yibao estimate --figures big.jsonl       figures only, one compact line per scenario, every core
//!   yibao policies                           compiled policies with citations
//!
//! A JSON array or JSON Lines input gives one result per scenario, in input order. JSON Lines is
//! read, computed and written a chunk at a time, so its length is not limited. Exit 0 when every
//! scenario gave a result, 2 when any was invalid (the error list is printed in its place), 1 on
//! I/O trouble.

mod batch;
mod read;
mod text;

use std::io::{self, BufWriter, Write};
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};
use serde::de::{self, SeqAccess, Visitor};
use serde_json::value::RawValue;
use yibao::estimate::Outcome;
use yibao::figures::FiguresOutcome;
use yibao::money::amount;
use yibao::{InputError, Json};

use batch::ChunkSize;
use read::{Line, Lines, MAX_DOCUMENT, MAX_LINE};

#[derive(Parser)]
#[command(
    name = "yibao",
    version,
    about = "医保待遇测算 — 2025 城乡居民医保参保长效机制"
)]
struct Cli {
    #[command(subcommand)]
    cmd: Cmd,
}

#[derive(Subcommand)]
enum Cmd {
    /// Estimate one scenario (JSON object), several (JSON array) or a stream (JSON Lines).
    Estimate {
        /// Scenario file, or - for standard input.
        file: String,
        #[arg(long, value_enum, default_value = "json")]
        format: Format,
        /// Figures only: no sentences, citations or trace; one compact JSON per scenario.
        #[arg(long)]
        figures: bool,
        /// Threads for a JSON array or JSON Lines (default: every core).
        #[arg(long, short = 'j')]
        jobs: Option<usize>,
    },
    /// List the compiled policies with their parameters and citations.
    Policies {
        #[arg(long, value_enum, default_value = "json")]
        format: Format,
    },
    /// Print the rules version (crate version + policy hash).
    Version,
}

#[derive(Clone, Copy, ValueEnum, PartialEq)]
enum Format {
    Json,
    Text,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let mut out = BufWriter::with_capacity(256 * 1024, io::stdout().lock());
    let result = match cli.cmd {
        Cmd::Version => writeln!(out, "{}", yibao::version()).map(|_| true),
        Cmd::Policies { format } => policies(&mut out, format).map(|_| true),
        Cmd::Estimate {
            file,
            format,
            figures,
            jobs,
        } => {
            let what = Want {
                figures,
                format,
                threads: jobs
                    .unwrap_or_else(|| std::thread::available_parallelism().map_or(1, |n| n.get())),
            };
            estimate(&mut out, &file, &what)
        }
    };
    let result = result.and_then(|ok| out.flush().map(|_| ok));
    match result {
        Ok(true) => ExitCode::SUCCESS,
        Ok(false) => ExitCode::from(2),
        Err(e) => {
            eprintln!("yibao: {e}");
            ExitCode::from(1)
        }
    }
}

/// What the person asked for.
struct Want {
    figures: bool,
    format: Format,
    threads: usize,
}

/// The input's shape, which decides the output's.
#[derive(Clone, Copy, PartialEq)]
enum Shape {
    /// One JSON document: one result, pretty-printed.
    One,
    /// A JSON array: an array of results (text: one block per scenario).
    Array,
    /// JSON Lines: one compact line per non-blank input line.
    Lines,
}

/// One scenario to compute: where it is (line number, or position in an array) and its text, or
/// why there is none.
struct Job<'a> {
    at: usize,
    input: Result<std::borrow::Cow<'a, str>, String>,
}

fn estimate(out: &mut impl Write, file: &str, want: &Want) -> io::Result<bool> {
    if want.figures && want.format == Format::Text {
        return Err(io::Error::other(
            "--figures 只给数字,不能与 --format text 一起用(文字摘要请去掉 --figures)",
        ));
    }
    let reader: Box<dyn io::Read + Send> = if file == "-" {
        Box::new(io::stdin())
    } else {
        Box::new(std::fs::File::open(file)?)
    };
    let mut lines = Lines::open(reader)?;

    // The first non-blank line decides: a whole JSON value by itself, followed by more, is JSON
    // Lines; anything else is one document (an object or an array, possibly over many lines).
    let first = loop {
        match lines.next_line(MAX_DOCUMENT)? {
            None => break None,
            Some((_, Line::Text(t))) if t.trim().is_empty() => {}
            Some((n, line)) => break Some((n, line)),
        }
    };
    let Some((first_no, first)) = first else {
        // Nothing but blank lines: the JSON parser's own message, as before.
        let text = String::from_utf8(lines.seen.take().unwrap_or_default()).unwrap_or_default();
        return document(out, text, want);
    };
    let whole_line = match &first {
        Line::Text(t) if t.len() <= MAX_LINE => serde_json::from_str::<Json>(t).is_ok(),
        _ => false,
    };
    if whole_line {
        // Is there anything after it?
        let second = loop {
            match lines.next_line(MAX_LINE)? {
                None => break None,
                Some((_, Line::Text(t))) if t.trim().is_empty() => {}
                Some(next) => break Some(next),
            }
        };
        let Line::Text(first_text) = first else {
            unreachable!("a whole line is text")
        };
        match second {
            None => return document(out, first_text, want),
            Some(second) => {
                lines.seen = None;
                let head = vec![
                    job_of(first_no, Line::Text(first_text)),
                    job_of(second.0, second.1),
                ];
                return json_lines(out, head, lines, want);
            }
        }
    }
    // One document, read whole, exactly as it is (messages say where, in its lines).
    if let Line::TooLong = first {
        return Err(too_big());
    }
    let mut bytes = lines.seen.take().unwrap_or_default();
    if !lines.rest(&mut bytes, MAX_DOCUMENT)? {
        return Err(too_big());
    }
    match String::from_utf8(bytes) {
        Ok(text) => document(out, text, want),
        Err(e) => {
            let at = e.utf8_error().valid_up_to();
            let bytes = e.into_bytes();
            let line_start = bytes[..at]
                .iter()
                .rposition(|&b| b == b'\n')
                .map_or(0, |i| i + 1);
            let number = bytes[..at].iter().filter(|&&b| b == b'\n').count() + 1;
            let msg = read::not_text(
                lines.encoding,
                &bytes[line_start..],
                number,
                at - line_start,
            );
            broken_document(out, msg, want)
        }
    }
}

fn too_big() -> io::Error {
    io::Error::other(format!(
        "输入超过{}MB上限(一个 JSON 对象或数组);JSON Lines(每行一个情形)没有总长度上限,每行最多{}MB",
        MAX_DOCUMENT >> 20,
        MAX_LINE >> 20
    ))
}

fn job_of(at: usize, line: Line) -> Job<'static> {
    Job {
        at,
        input: match line {
            Line::Text(t) => Ok(t.into()),
            Line::TooLong => Err(format!("第{at}行超过{}MB上限", MAX_LINE >> 20)),
            Line::NotText(msg) => Err(msg),
        },
    }
}

/// JSON Lines: chunk by chunk, on every core, in order.
fn json_lines(
    out: &mut impl Write,
    head: Vec<Job<'static>>,
    mut lines: Lines,
    want: &Want,
) -> io::Result<bool> {
    // A chunk's output is held until it is written: explained results are about 15 KB a
    // scenario, figures about 1 KB.
    let size = if want.figures {
        ChunkSize {
            jobs: 8192,
            bytes: 8 << 20,
        }
    } else {
        ChunkSize {
            jobs: 256,
            bytes: 8 << 20,
        }
    };
    let mut head = Some(head);
    let read = move |chunk: &mut Vec<Job<'static>>| -> io::Result<bool> {
        let mut bytes = 0;
        if let Some(h) = head.take() {
            chunk.extend(h);
        }
        // Up to a chunk, but no further than the input at hand: a slow pipe's lines are
        // computed and written as they come.
        while chunk.len() < size.jobs && bytes < size.bytes && (chunk.is_empty() || lines.ready()) {
            match lines.next_line(MAX_LINE)? {
                None => return Ok(false),
                Some((_, Line::Text(t))) if t.trim().is_empty() => {}
                Some((n, line)) => {
                    if let Line::Text(t) = &line {
                        bytes += t.len();
                    }
                    chunk.push(job_of(n, line));
                }
            }
        }
        Ok(true)
    };
    let render = |_: usize, job: &Job, o: &mut Vec<u8>| render(job, Shape::Lines, want, o);
    batch::stream(read, want.threads, &render, out)
}

/// One JSON document: an object (or anything else: one result or one error list), or an array,
/// whose elements go through in chunks as they are parsed.
fn document(out: &mut impl Write, text: String, want: &Want) -> io::Result<bool> {
    // The whole document must parse (as the one value it is) before any result is written.
    // An array is checked element by element, each dropped at once: its memory stays that of
    // one scenario, not that of 300 times the text.
    let array = text.trim_start().starts_with('[');
    let check = if array {
        serde_json::from_str::<CheckArray>(&text).map(|_| ())
    } else {
        serde_json::from_str::<Json>(&text).map(|_| ())
    };
    if let Err(e) = check {
        return broken_document(out, describe(&e, None), want);
    }
    if !array {
        let job = Job {
            at: 1,
            input: Ok(text.into()),
        };
        let mut o = Vec::new();
        let ok = render(&job, Shape::One, want, &mut o);
        out.write_all(&o)?;
        return Ok(ok);
    }
    let mut state = ArrayState {
        out,
        want,
        chunk: Vec::new(),
        index: 0,
        all_ok: true,
        failed: None,
    };
    if want.format == Format::Json {
        state.out.write_all(b"[")?;
    }
    let mut de = serde_json::Deserializer::from_str(&text);
    let parsed = de::Deserializer::deserialize_seq(&mut de, Elements(&mut state));
    if let Some(e) = state.failed.take() {
        return Err(e);
    }
    parsed.map_err(io::Error::other)?;
    state.flush()?;
    if want.format == Format::Json {
        state
            .out
            .write_all(if state.index == 0 { b"]\n" } else { b"\n]\n" })?;
    }
    Ok(state.all_ok)
}

/// A JSON array parsed as the loose `Json` parses it, one element at a time, keeping nothing.
struct CheckArray;

impl<'de> de::Deserialize<'de> for CheckArray {
    fn deserialize<D: de::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = CheckArray;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("an array")
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<CheckArray, A::Error> {
                while seq.next_element::<Json>()?.is_some() {}
                Ok(CheckArray)
            }
        }
        d.deserialize_seq(V)
    }
}

struct ArrayState<'o, 'a, W: Write> {
    out: &'o mut W,
    want: &'o Want,
    chunk: Vec<Job<'a>>,
    /// Elements written so far.
    index: usize,
    all_ok: bool,
    failed: Option<io::Error>,
}

impl<W: Write> ArrayState<'_, '_, W> {
    fn flush(&mut self) -> io::Result<()> {
        let want = self.want;
        let render = |i: usize, job: &Job, o: &mut Vec<u8>| {
            if want.format == Format::Json {
                o.extend_from_slice(if i == 0 { b"\n" } else { b",\n" });
            }
            render(job, Shape::Array, want, o)
        };
        let (bytes, ok) = batch::render_all(&self.chunk, self.index, want.threads, &render);
        self.index += self.chunk.len();
        self.chunk.clear();
        self.all_ok &= ok;
        self.out.write_all(&bytes)
    }
}

/// Visits the array's elements as raw text, handing them on a chunk at a time.
struct Elements<'s, 'o, 'a, W: Write>(&'s mut ArrayState<'o, 'a, W>);

impl<'de, W: Write> Visitor<'de> for Elements<'_, '_, 'de, W> {
    type Value = ();
    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("an array")
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        let chunk = if self.0.want.figures { 8192 } else { 256 };
        while let Some(raw) = seq.next_element::<&'de RawValue>()? {
            let at = self.0.index + self.0.chunk.len() + 1;
            self.0.chunk.push(Job {
                at,
                input: Ok(raw.get().into()),
            });
            if self.0.chunk.len() >= chunk {
                if let Err(e) = self.0.flush() {
                    self.0.failed = Some(e);
                    return Err(de::Error::custom("output failed"));
                }
            }
        }
        Ok(())
    }
}

/// The document is not JSON (or not text): one error list in place of the result.
fn broken_document(out: &mut impl Write, msg: String, want: &Want) -> io::Result<bool> {
    let job = Job {
        at: 1,
        input: Err(msg),
    };
    let mut o = Vec::new();
    render(&job, Shape::One, want, &mut o);
    out.write_all(&o)?;
    Ok(false)
}

/// serde_json's error, said in Chinese with where it is; `line` replaces serde's line number for
/// a JSON Lines line, which serde sees as line 1.
fn describe(e: &serde_json::Error, line: Option<usize>) -> String {
    use serde_json::error::Category;
    let what = match e.classify() {
        Category::Eof => "内容不完整(缺少结尾的括号或引号)",
        Category::Syntax => "语法错误(检查逗号、引号和括号)",
        Category::Data => "数据类型错误",
        Category::Io => "读取出错",
    };
    format!(
        "JSON 格式错误:第{}行第{}列:{what}",
        line.unwrap_or(e.line()),
        e.column()
    )
}

/// A problem with the input as a whole (not JSON, not text, too long): the error list.
fn whole_input_error(message: &str) -> Vec<InputError> {
    vec![InputError {
        path: String::new(),
        message: message.to_string(),
    }]
}

/// Computes one job and appends its output; returns whether it was valid.
fn render(job: &Job, shape: Shape, want: &Want, o: &mut Vec<u8>) -> bool {
    let json = job
        .input
        .as_ref()
        .map_err(|m| whole_input_error(m))
        .and_then(|t| {
            serde_json::from_str::<Json>(t).map_err(|e| {
                let line = (shape == Shape::Lines).then_some(job.at);
                whole_input_error(&describe(&e, line))
            })
        });
    if shape != Shape::One && want.format == Format::Text {
        let head = match shape {
            Shape::Lines => format!("=== 第 {} 行 ===\n", job.at),
            _ => format!("=== 情形 {} ===\n", job.at),
        };
        o.extend_from_slice(head.as_bytes());
    }
    let pretty = shape != Shape::Lines && !want.figures;
    if shape == Shape::Array && want.format == Format::Json {
        // Each element indented by two spaces inside the array, as serde_json prints a Vec.
        let mut one = Vec::new();
        let ok = write_outcome(&json, want, pretty, &mut one);
        let one = one.strip_suffix(b"\n").unwrap_or(&one);
        for (i, line) in one.split(|&b| b == b'\n').enumerate() {
            if i > 0 {
                o.push(b'\n');
            }
            o.extend_from_slice(b"  ");
            o.extend_from_slice(line);
        }
        return ok;
    }
    write_outcome(&json, want, pretty, o)
}

fn write_outcome(
    json: &Result<Json, Vec<InputError>>,
    want: &Want,
    pretty: bool,
    o: &mut Vec<u8>,
) -> bool {
    let to_json = |v: &dyn erased::Ser, o: &mut Vec<u8>| {
        if pretty {
            v.pretty(o);
        } else {
            v.compact(o);
        }
        o.push(b'\n');
    };
    if want.figures {
        let outcome = match json {
            Ok(j) => yibao::figures::figures_json(j),
            Err(errors) => FiguresOutcome::Invalid {
                ok: false,
                errors: errors.clone(),
            },
        };
        to_json(&outcome, o);
        return outcome.is_ok();
    }
    let outcome = match json {
        Ok(j) => yibao::estimate_json(j),
        Err(errors) => Outcome::Invalid {
            ok: false,
            errors: errors.clone(),
        },
    };
    match want.format {
        Format::Json => to_json(&outcome, o),
        Format::Text => {
            // Writing into a Vec cannot fail.
            let _ = text::write_outcome(o, &outcome);
        }
    }
    outcome.is_ok()
}

/// serde_json into a byte buffer, for either kind of outcome.
mod erased {
    pub trait Ser {
        fn compact(&self, o: &mut Vec<u8>);
        fn pretty(&self, o: &mut Vec<u8>);
    }
    impl<T: serde::Serialize> Ser for T {
        fn compact(&self, o: &mut Vec<u8>) {
            // Serialising these types into memory cannot fail: no maps with non-string keys.
            let _ = serde_json::to_writer(o, self);
        }
        fn pretty(&self, o: &mut Vec<u8>) {
            let _ = serde_json::to_writer_pretty(o, self);
        }
    }
}

fn policies(out: &mut impl Write, format: Format) -> io::Result<()> {
    let all = yibao::catalog::all();
    if format == Format::Json {
        return writeln!(
            out,
            "{}",
            serde_json::to_string_pretty(&all).map_err(io::Error::other)?
        );
    }
    for p in &all {
        writeln!(
            out,
            "{}  {}({}—{}年)",
            p.id, p.title, p.base_year, p.last_year
        )?;
        for c in &p.categories {
            writeln!(
                out,
                "  类别 {:<20} {} 个人缴费{}元",
                c.key,
                c.label,
                amount(c.premium)
            )?;
        }
        for x in &p.parameters {
            writeln!(
                out,
                "  参数 {:<44} {:>8} [{}]",
                x.key,
                x.value,
                x.status.label()
            )?;
        }
    }
    Ok(())
}
