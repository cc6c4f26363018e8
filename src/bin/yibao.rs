//! `yibao`: the rules core on the command line, over the same JSON as the page.
//!
//!   yibao estimate scenario.json            result JSON
//!   yibao estimate - --format text < f.json  readable Chinese summary with the trace
//!   yibao policies                           compiled policies with citations
//!
//! A JSON array or JSON Lines input gives one result per scenario. Exit 0 when every scenario gave
//! a result, 2 when any was invalid (the error list is printed in its place), 1 on I/O trouble.

use std::io::{self, Read, Write};
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};
use rust_decimal::Decimal;
use yibao::estimate::{Estimate, Outcome};
use yibao::money::amount;
use yibao::trace::Topic;
use yibao::{estimate_json, InputError, Json};

/// The largest input read, in bytes.
const MAX_INPUT: u64 = 8 * 1024 * 1024;

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
    let mut out = io::stdout().lock();
    let result = match cli.cmd {
        Cmd::Version => writeln!(out, "{}", yibao::version()).map(|_| true),
        Cmd::Policies { format } => policies(&mut out, format).map(|_| true),
        Cmd::Estimate { file, format } => estimate(&mut out, &file, format),
    };
    match result {
        Ok(true) => ExitCode::SUCCESS,
        Ok(false) => ExitCode::from(2),
        Err(e) => {
            eprintln!("yibao: {e}");
            ExitCode::from(1)
        }
    }
}

fn read_input(file: &str) -> io::Result<String> {
    let mut text = String::new();
    if file == "-" {
        io::stdin().take(MAX_INPUT + 1).read_to_string(&mut text)?;
    } else {
        std::fs::File::open(file)?
            .take(MAX_INPUT + 1)
            .read_to_string(&mut text)?;
    }
    if text.len() as u64 > MAX_INPUT {
        return Err(io::Error::other(format!(
            "输入超过{}MB上限",
            MAX_INPUT / 1024 / 1024
        )));
    }
    Ok(text)
}

enum Shape {
    One(Json),
    Array(Vec<Json>),
    Lines(Vec<Result<Json, String>>),
}

fn parse(text: &str) -> Result<Shape, String> {
    match serde_json::from_str::<Json>(text) {
        Ok(Json::Arr(items)) => Ok(Shape::Array(items)),
        Ok(one) => Ok(Shape::One(one)),
        Err(whole) => {
            // (line number in the file, text) of each non-empty line
            let lines: Vec<(usize, &str)> = text
                .lines()
                .enumerate()
                .filter(|(_, l)| !l.trim().is_empty())
                .collect();
            // JSON Lines only when the first line is a whole value by itself; otherwise it is one
            // document with a syntax error, reported once with its line and column.
            let first_is_whole = lines
                .first()
                .is_some_and(|(_, l)| serde_json::from_str::<Json>(l).is_ok());
            if lines.len() > 1 && first_is_whole {
                Ok(Shape::Lines(
                    lines
                        .iter()
                        .map(|(n, l)| {
                            serde_json::from_str::<Json>(l).map_err(|e| {
                                describe(&e).replacen(
                                    &format!("第{}行", e.line()),
                                    &format!("第{}行", n + 1),
                                    1,
                                )
                            })
                        })
                        .collect(),
                ))
            } else {
                Err(describe(&whole))
            }
        }
    }
}

/// serde_json's error, said in Chinese with where it is.
fn describe(e: &serde_json::Error) -> String {
    use serde_json::error::Category;
    let what = match e.classify() {
        Category::Eof => "内容不完整(缺少结尾的括号或引号)",
        Category::Syntax => "语法错误(检查逗号、引号和括号)",
        Category::Data => "数据类型错误",
        Category::Io => "读取出错",
    };
    format!("第{}行第{}列:{what}", e.line(), e.column())
}

fn syntax_error(msg: &str) -> Outcome {
    Outcome::Invalid {
        ok: false,
        errors: vec![InputError {
            path: String::new(),
            message: format!("JSON 格式错误:{msg}"),
        }],
    }
}

fn estimate(out: &mut impl Write, file: &str, format: Format) -> io::Result<bool> {
    let text = read_input(file)?;
    let outcomes: Vec<Outcome>;
    match parse(&text) {
        Err(msg) => {
            let o = syntax_error(&msg);
            write_one(out, &o, format)?;
            outcomes = vec![o];
        }
        Ok(Shape::One(j)) => {
            let o = estimate_json(&j);
            write_one(out, &o, format)?;
            outcomes = vec![o];
        }
        Ok(Shape::Array(items)) => {
            outcomes = items.iter().map(estimate_json).collect();
            match format {
                Format::Json => writeln!(
                    out,
                    "{}",
                    serde_json::to_string_pretty(&outcomes).map_err(io::Error::other)?
                )?,
                Format::Text => {
                    for (i, o) in outcomes.iter().enumerate() {
                        writeln!(out, "=== 情形 {} ===", i + 1)?;
                        write_one(out, o, format)?;
                    }
                }
            }
        }
        Ok(Shape::Lines(items)) => {
            outcomes = items
                .iter()
                .map(|r| {
                    r.as_ref()
                        .map(estimate_json)
                        .unwrap_or_else(|e| syntax_error(e))
                })
                .collect();
            for (i, o) in outcomes.iter().enumerate() {
                match format {
                    Format::Json => writeln!(
                        out,
                        "{}",
                        serde_json::to_string(o).map_err(io::Error::other)?
                    )?,
                    Format::Text => {
                        writeln!(out, "=== 第 {} 行 ===", i + 1)?;
                        write_one(out, o, format)?;
                    }
                }
            }
        }
    }
    Ok(outcomes.iter().all(Outcome::is_ok))
}

fn write_one(out: &mut impl Write, o: &Outcome, format: Format) -> io::Result<()> {
    match (format, o) {
        (Format::Json, _) => writeln!(
            out,
            "{}",
            serde_json::to_string_pretty(o).map_err(io::Error::other)?
        ),
        (Format::Text, Outcome::Ok { result, .. }) => write_text(out, result),
        (Format::Text, Outcome::Invalid { errors, .. }) => {
            writeln!(out, "输入有误,共{}处:", errors.len())?;
            for e in errors {
                writeln!(
                    out,
                    "  - {}:{}",
                    if e.path.is_empty() {
                        "(整体)"
                    } else {
                        &e.path
                    },
                    e.message
                )?;
            }
            Ok(())
        }
    }
}

fn write_text(out: &mut impl Write, r: &Estimate) -> io::Result<()> {
    writeln!(out, "{} · {}年度待遇测算", r.policy.title, r.benefit_year)?;
    if let Some(n) = &r.amounts_note {
        writeln!(out, "({n})")?;
    }
    writeln!(
        out,
        "参考编号 {} · 规则版本 {} · 断保读法 {:?}",
        r.reference, r.rules_version, r.reading
    )?;
    writeln!(out)?;
    writeln!(out, "{}", r.summary)?;
    for (i, m) in r.members.iter().enumerate() {
        let w = &m.waiting;
        writeln!(out)?;
        writeln!(
            out,
            "【{}】{} · {}",
            i + 1,
            if m.name.is_empty() {
                m.role_label
            } else {
                &m.name
            },
            m.category_label
        )?;
        match w.cover_start {
            Some(s) => writeln!(out, "  待遇开始:{s}(至{})", w.cover_end)?,
            None => writeln!(out, "  待遇开始:{}年内无待遇", r.benefit_year)?,
        }
        let a = &m.advice;
        writeln!(out, "  怎么办:{}", a.headline)?;
        for line in &a.detail {
            writeln!(out, "    {line}")?;
        }
        if let Some(l) = &a.lapse {
            writeln!(out, "  断保的代价:{}", l.text)?;
        }
        if let Some(after) = &a.after_window {
            writeln!(out, "  截止日:{}", after.text)?;
        }
        writeln!(
            out,
            "  等待期:{}个月 = 固定{} + 变动{} − 修复{} + 下限补足{}",
            w.months.total,
            w.months.fixed,
            w.months.variable,
            w.months.repaired,
            w.months.floor_added
        )?;
        if w.lapsed_years > 0 && !w.exempt {
            writeln!(out, "  补缴选择:")?;
            for o in &w.repair_options {
                let start = o
                    .cover_start
                    .map(|d| format!("{d}起"))
                    .unwrap_or_else(|| "本年度无待遇".into());
                let useless =
                    if o.years > 0 && !a.options.iter().any(|x| x.years == o.years && x.useful) {
                        "  (不缩短等待期)"
                    } else {
                        ""
                    };
                writeln!(
                    out,
                    "    补缴{}年 {:>8}元  等待{}个月  {}{useless}",
                    o.years,
                    amount(o.cost),
                    o.total_months,
                    start
                )?;
            }
        }
        writeln!(
            out,
            "  大病保险限额调整:{}{}",
            yibao::cap::signed(m.cap.adjustment),
            m.cap
                .cap
                .map(|c| format!("(本年限额{}元,原封顶线{})", amount(c), original_status(r)))
                .unwrap_or_default()
        )?;
        let c = &m.contribution;
        writeln!(
            out,
            "  缴费:个人{}元 + 补缴{}元 + 补充保险{}元 = {}元",
            amount(c.individual_pays),
            amount(c.repair_cost),
            amount(c.health_plan),
            amount(c.total)
        )?;
        let t = &m.reimbursement.totals;
        if t.spending > rust_decimal::Decimal::ZERO || t.allowance > rust_decimal::Decimal::ZERO {
            writeln!(
                out,
                "  报销:花费{} 等待期内{} 基本医保{} 大病{} 个人{}(元)",
                amount(t.spending),
                amount(t.excluded),
                amount(t.fund_pays),
                amount(t.major_pays),
                amount(t.you_pay)
            )?;
            if t.allowance > rust_decimal::Decimal::ZERO {
                writeln!(out, "  生育补助:{}元", amount(t.allowance))?;
            }
        }
    }
    if r.members.len() > 1 {
        writeln!(
            out,
            "\n全家应缴:{}元",
            amount(r.household.contribution.total)
        )?;
    }
    for a in &r.alternatives {
        writeln!(out, "\n※ 另一种理解({}):{}", a.id, a.question)?;
        let d = |x: Option<chrono::NaiveDate>| {
            x.map(|d| format!("{d}起"))
                .unwrap_or_else(|| "本年度无待遇".into())
        };
        let each = |months: u32, start, price: Option<Decimal>, cap: Option<Decimal>| {
            let mut s = format!("等待{months}个月,{}", d(start));
            if let Some(p) = price {
                s.push_str(&format!(",补缴每年{}元", amount(p)));
            }
            if let Some(c) = cap {
                s.push_str(&format!(",大病保险限额调整{}", yibao::cap::signed(c)));
            }
            s
        };
        writeln!(
            out,
            "  {}:{};{}:{}",
            a.used,
            each(
                a.months_used,
                a.cover_start_used,
                a.repair_price_used,
                a.cap_adjustment_used
            ),
            a.other,
            each(
                a.months_other,
                a.cover_start_other,
                a.repair_price_other,
                a.cap_adjustment_other
            ),
        )?;
    }
    writeln!(out, "\n计算过程:")?;
    for (i, s) in r.trace.iter().enumerate() {
        let who = s
            .member
            .map(|m| format!("[{}] ", m + 1))
            .unwrap_or_default();
        let topic = match s.topic {
            Topic::Input => "说明",
            Topic::WaitingPeriod => "等待期",
            Topic::Cap => "大病限额",
            Topic::Contribution => "缴费",
            Topic::Reimbursement => "报销",
        };
        writeln!(
            out,
            "{:>3}. {who}{topic}|{} → {}  ({})",
            i + 1,
            s.text,
            s.value,
            s.rule
        )?;
        for key in &s.params {
            let Some(p) = r.parameters.iter().find(|p| p.key == *key) else {
                continue;
            };
            writeln!(
                out,
                "       · {} = {} [{}] {}:「{}」",
                p.label,
                p.value,
                p.status.label(),
                p.document,
                p.quote
            )?;
        }
    }
    if !r.unverified.is_empty() {
        writeln!(out, "\n待核实参数:{}", r.unverified.join("、"))?;
    }
    write_guide(out, &r.guide)
}

/// 接下来怎么办: where to pay, who may pay, students, by when — in the order a resident acts, last,
/// as the page shows it under the answer. Each item with its status and source.
fn write_guide(out: &mut impl Write, g: &yibao::guide::Guide) -> io::Result<()> {
    let sections = [
        ("去哪儿交", &g.where_),
        ("谁可以帮您交", &g.who),
        ("学生", &g.students),
    ];
    if sections.iter().all(|(_, l)| l.is_empty()) && g.when.is_none() && g.note.is_none() {
        return Ok(());
    }
    writeln!(out, "\n接下来怎么办:")?;
    if let Some(n) = g.note {
        writeln!(out, "  {n}")?;
    }
    for (head, list) in sections.iter().filter(|(_, l)| !l.is_empty()) {
        writeln!(out, "  {head}:")?;
        for e in list.iter() {
            writeln!(
                out,
                "    · {}:{} [{}] {}",
                e.title,
                e.text,
                e.status.label(),
                e.document
            )?;
        }
    }
    if let Some(w) = &g.when {
        writeln!(out, "  什么时候交:{}", w.text)?;
    }
    Ok(())
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

/// How the original 大病 cap used was sourced: 待核实, 用户自填 or 官方.
fn original_status(r: &Estimate) -> &'static str {
    r.parameters
        .iter()
        .find(|p| p.key == "cap.original")
        .map(|p| p.status.label())
        .unwrap_or("未知")
}
