//! `yibao`: the rules core on the command line, over the same JSON as the page.
//!
//!   yibao estimate scenario.json            result JSON
//!   yibao estimate - --format text < f.json  readable Chinese summary with the trace
//!   yibao estimate --figures big.jsonl       figures only, one compact line per scenario, every core
//!   yibao estimate people.csv                one row per person in, one row per person out
//!   yibao policies                           compiled policies with citations
//!
//! A JSON array, JSON Lines or CSV input gives one result per scenario, in input order. JSON Lines
//! and CSV are read, computed and written a chunk at a time, so their length is not limited. Exit 0 when every
//! scenario gave a result, 2 when any was invalid (the error list is printed in its place), 1 on
//! I/O trouble.

mod batch;
mod csv_in;
mod csv_out;
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
use yibao::{json_text, InputError, Json};

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
        /// Output: json (default), text, or csv (figures, one row per person; the default for
        /// CSV input).
        #[arg(long, value_enum)]
        format: Option<Format>,
        /// Input: json (an object, an array or JSON Lines) or csv (one row per person, with a
        /// header row); by default csv for a file named *.csv, else json.
        #[arg(long, value_enum)]
        input: Option<InputFormat>,
        /// With --format csv, what the header names the columns by: keys (each figure's place in
        /// the JSON result, the default) or zh (Chinese, after a UTF-8 byte order mark for Excel).
        #[arg(long, value_enum)]
        header: Option<csv_out::Header>,
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
        format: ListFormat,
    },
    /// Print the rules version (crate version + policy hash).
    Version,
}

#[derive(Clone, Copy, ValueEnum, PartialEq)]
enum Format {
    Json,
    Text,
    Csv,
}

#[derive(Clone, Copy, ValueEnum, PartialEq)]
enum ListFormat {
    Json,
    Text,
}

#[derive(Clone, Copy, ValueEnum, PartialEq)]
enum InputFormat {
    Json,
    Csv,
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
            input,
            figures,
            header,
            jobs,
        } => {
            let csv_in = input.map_or(file.to_ascii_lowercase().ends_with(".csv"), |i| {
                i == InputFormat::Csv
            });
            let format = format.unwrap_or(if csv_in { Format::Csv } else { Format::Json });
            let what = Want {
                // A CSV row holds the figures.
                figures: figures || format == Format::Csv,
                format,
                header,
                threads: jobs
                    .unwrap_or_else(|| std::thread::available_parallelism().map_or(1, |n| n.get())),
                csv: None,
            };
            estimate(&mut out, &file, csv_in, &what)
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
    /// --header: only with CSV output.
    header: Option<csv_out::Header>,
    threads: usize,
    /// CSV input: what its columns mean.
    csv: Option<csv_in::Header>,
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
    input: Result<Input<'a>, String>,
}

enum Input<'a> {
    /// JSON text.
    Json(std::borrow::Cow<'a, str>),
    /// A CSV record (one person), read by the header in [`Want::csv`].
    Csv(String),
}

fn estimate(out: &mut impl Write, file: &str, csv_in: bool, want: &Want) -> io::Result<bool> {
    if want.figures && want.format == Format::Text {
        return Err(io::Error::other(
            "--figures 只给数字,不能与 --format text 一起用(文字摘要请去掉 --figures)",
        ));
    }
    if want.header.is_some() && want.format != Format::Csv {
        return Err(io::Error::other(
            "--header 只用于表格输出(--format csv,或 CSV 输入时的默认输出)",
        ));
    }
    let reader: Box<dyn io::Read + Send> = if file == "-" {
        Box::new(io::stdin())
    } else {
        Box::new(std::fs::File::open(file)?)
    };
    let mut lines = Lines::open(reader)?;
    if want.format == Format::Csv {
        let mut o = Vec::new();
        csv_out::header(&mut o, want.header.unwrap_or(csv_out::Header::Keys));
        out.write_all(&o)?;
    }
    if csv_in {
        lines.seen = None;
        return csv_rows(out, lines, want);
    }

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
        Line::Text(t) if t.len() <= MAX_LINE => json_text::parse(t).is_ok(),
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
                return stream_lines(out, head, lines, want, next_json_line);
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
            Line::Text(t) => Ok(Input::Json(t.into())),
            line => Err(job_err(at, line)),
        },
    }
}

/// Why line `at` is no scenario.
fn job_err(at: usize, line: Line) -> String {
    match line {
        Line::Text(_) => String::new(),
        Line::TooLong => format!("第{at}行超过{}MB上限", MAX_LINE >> 20),
        Line::NotText(msg) => msg,
    }
}

/// Reads the next record (a JSON Lines line, a CSV record) and its line number.
type NextRecord = fn(&mut Lines) -> io::Result<Option<(usize, Line)>>;

fn next_json_line(lines: &mut Lines) -> io::Result<Option<(usize, Line)>> {
    lines.next_line(MAX_LINE)
}

/// The next CSV record: a line, and the lines after it while a quoted cell is open (a cell may
/// hold a line break). Its number is that of its first line.
fn next_csv_record(lines: &mut Lines) -> io::Result<Option<(usize, Line)>> {
    let Some((n, line)) = lines.next_line(MAX_LINE)? else {
        return Ok(None);
    };
    let Line::Text(mut record) = line else {
        return Ok(Some((n, line)));
    };
    while csv_in::open_quote(&record) {
        match lines.next_line(MAX_LINE)? {
            // The quote never closes: the record is refused where it started.
            None => break,
            Some((_, Line::Text(more))) if record.len() + more.len() < MAX_LINE => {
                record.push('\n');
                record.push_str(&more);
            }
            Some((_, Line::Text(_) | Line::TooLong)) => return Ok(Some((n, Line::TooLong))),
            Some((_, Line::NotText(msg))) => return Ok(Some((n, Line::NotText(msg)))),
        }
    }
    Ok(Some((n, Line::Text(record))))
}

/// CSV: the header row, then one person a row, streamed as JSON Lines are.
fn csv_rows(out: &mut impl Write, mut lines: Lines, want: &Want) -> io::Result<bool> {
    let (n, header) = loop {
        match next_csv_record(&mut lines)? {
            // No header, no rows: nothing to compute.
            None => return Ok(true),
            Some((_, Line::Text(t))) if t.trim().is_empty() => {}
            Some((n, Line::Text(t))) => break (n, csv_in::Header::read(&t, n)),
            Some((n, line)) => break (n, Err(job_err(n, line))),
        }
    };
    let header = match header {
        Ok(h) => h,
        Err(msg) => {
            let job = Job {
                at: n,
                input: Err(msg),
            };
            let mut o = Vec::new();
            render(&job, Shape::Lines, want, &mut o);
            out.write_all(&o)?;
            return Ok(false);
        }
    };
    let want = Want {
        csv: Some(header),
        ..*want
    };
    stream_lines(out, Vec::new(), lines, &want, next_csv_record)
}

/// JSON Lines or CSV records: chunk by chunk, on every core, in order.
fn stream_lines(
    out: &mut impl Write,
    head: Vec<Job<'static>>,
    mut lines: Lines,
    want: &Want,
    next: NextRecord,
) -> io::Result<bool> {
    let csv = want.csv.is_some();
    // A chunk's output is held until it is written: explained results are about 15 KB a
    // scenario, figures about 1 KB.
    let size = if want.figures {
        ChunkSize {
            jobs: 4096,
            bytes: 4 << 20,
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
            match next(&mut lines)? {
                None => return Ok(false),
                Some((_, Line::Text(t))) if t.trim().is_empty() => {}
                Some((n, Line::Text(t))) if csv => {
                    bytes += t.len();
                    chunk.push(Job {
                        at: n,
                        input: Ok(Input::Csv(t)),
                    });
                }
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
            input: Ok(Input::Json(text.into())),
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
        self.all_ok &= batch::render_all(&self.chunk, self.index, want.threads, &render, self.out)?;
        self.index += self.chunk.len();
        self.chunk.clear();
        Ok(())
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
        let chunk = if self.0.want.figures { 4096 } else { 256 };
        while let Some(raw) = seq.next_element::<&'de RawValue>()? {
            let at = self.0.index + self.0.chunk.len() + 1;
            self.0.chunk.push(Job {
                at,
                input: Ok(Input::Json(raw.get().into())),
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
    let cells;
    let mut id = None;
    let json = match &job.input {
        Err(m) => Err(whole_input_error(m)),
        Ok(Input::Json(t)) => json_text::parse(t).map_err(|e| {
            let line = (shape == Shape::Lines).then_some(job.at);
            whole_input_error(&describe(&e, line))
        }),
        Ok(Input::Csv(record)) => match (csv_in::split(record), &want.csv) {
            (Ok(c), Some(header)) => {
                cells = c;
                id = header.id(&cells);
                header.scenario(&cells)
            }
            (Err(m), _) => Err(whole_input_error(&format!("第{}行:{m}", job.at))),
            (_, None) => Err(whole_input_error("CSV 缺少列名行")),
        },
    };
    if want.format == Format::Csv {
        let outcome = match json {
            Ok(j) => yibao::figures::figures_json(&j),
            Err(errors) => FiguresOutcome::Invalid { ok: false, errors },
        };
        match &outcome {
            FiguresOutcome::Ok { result, .. } => csv_out::rows(o, job.at, id, result),
            FiguresOutcome::Invalid { errors, .. } => csv_out::refused(o, job.at, id, errors),
        }
        return outcome.is_ok();
    }
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
        match &outcome {
            // Compact whatever the shape: the figures' own writer (tests/figures.rs: the same
            // text as serde_json's).
            FiguresOutcome::Ok { result, .. } => {
                result.write_json(o);
                o.push(b'\n');
            }
            FiguresOutcome::Invalid { .. } => to_json(&outcome, o),
        }
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
        Format::Json | Format::Csv => to_json(&outcome, o),
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

fn policies(out: &mut impl Write, format: ListFormat) -> io::Result<()> {
    let all = yibao::catalog::all();
    if format == ListFormat::Json {
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
