//! Reads and validates one policy file, then writes it out as Rust source for `src/policy.rs`.
//! Used by `build.rs` (a bad file fails the build) and by `tests/policy_files.rs` (which feeds it
//! broken files). Every error names the file and the key.

use rust_decimal::Decimal;
use std::collections::BTreeMap;
use toml::{Table, Value as T};

use crate::fnv::fnv1a;
use crate::grammar;
use crate::policy_schema::{self as schema, Kind};

/// Where a value comes from, as the file states it: the build's owned form of `policy::Citation`
/// (the one citation type; `Stated` pairs it with a value).
#[derive(Clone)]
pub struct Citation {
    pub source: String,
    pub document: String,
    pub quote: String,
    pub status: String,
    pub note: Option<String>,
}

#[derive(Clone)]
pub enum Val {
    Int(u32),
    Money(Decimal),
    Unlimited,
    Rate(Decimal),
    MonthDay(u32, u32),
    DayRanges(Vec<(u32, u32, u32, u32)>),
    Text(String),
    Flag(bool),
}

/// A value as the policy file states it, with its citation.
#[derive(Clone)]
pub struct Stated {
    pub val: Val,
    pub cite: Citation,
}

pub struct Source {
    pub id: String,
    pub title: String,
    pub published: String,
    pub file: Option<String>,
}

pub struct Category {
    pub key: String,
    pub label: String,
    pub help: String,
    pub kind: String,
    pub rates: String,
    pub premium: Stated,
    /// Premiums in force from later years, as (first year, value).
    pub premium_later: Vec<(i32, Stated)>,
    pub exemption: Stated,
}

pub struct Group {
    pub key: String,
    pub label: String,
    pub share: Stated,
    pub preferential: Stated,
}

/// One fact of what to do after the answer (issue 15): where to pay, who may pay for you, what
/// students may do. Stated like every value; `val` is the text.
pub struct GuideItem {
    pub title: String,
    pub text: Stated,
}

/// The topics, in the order a resident acts.
pub const GUIDE_TOPICS: &[&str] = &["where", "who", "students"];

pub struct PolicyFile {
    pub id: String,
    /// The national baseline (no city's own channels or dates): the page and the CLI say so.
    pub baseline: bool,
    /// Its place in the list of cities (smaller first; ties by id).
    pub order: u32,
    /// topic → items, topics as in GUIDE_TOPICS.
    pub guide: Vec<(String, Vec<GuideItem>)>,
    pub name: String,
    pub title: String,
    pub base_year: i32,
    pub last_year: i32,
    pub default_reading: String,
    pub notes: Vec<String>,
    pub sources: Vec<Source>,
    /// Each parameter's value in force from `base_year`.
    pub params: BTreeMap<String, Stated>,
    /// Values in force from later years (OpenFisca-style dated values), as (first year, value),
    /// years increasing. The same key is in `params`.
    pub later: BTreeMap<String, Vec<(i32, Stated)>>,
    pub categories: Vec<Category>,
    pub groups: Vec<Group>,
}

/// Collects every problem in one file so the author sees them all at once.
struct Errs<'a> {
    file: &'a str,
    list: Vec<String>,
}

impl Errs<'_> {
    fn push(&mut self, key: &str, msg: impl std::fmt::Display) {
        self.list.push(format!("{}: `{}`: {}", self.file, key, msg));
    }
}

/// Whitespace is dropped before a quote is looked for in its source text: the press texts break
/// lines and paragraphs in the middle of sentences.
fn squash(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

/// `file_name` is used in messages and must be `<id>.toml`. `read_source` returns the text of a file
/// under `policies/sources/` (None if it does not exist).
pub fn check(
    file_name: &str,
    text: &str,
    read_source: &dyn Fn(&str) -> Option<String>,
) -> Result<PolicyFile, Vec<String>> {
    let mut e = Errs {
        file: file_name,
        list: Vec::new(),
    };
    let table: Table = match text.parse() {
        Ok(t) => t,
        Err(err) => {
            return Err(vec![format!(
                "{file_name}: TOML 语法错误 / syntax error: {err}"
            )])
        }
    };
    const TOP: &[&str] = &[
        "id",
        "name",
        "title",
        "base_year",
        "last_year",
        "default_reading",
        "notes",
        "sources",
        "params",
        "categories",
        "subsidy_groups",
        "baseline",
        "order",
        "guide",
    ];
    for k in table.keys() {
        if !TOP.contains(&k.as_str()) {
            e.push(k, "unknown key (未知字段)");
        }
    }
    let id = string(&mut e, &table, "id");
    if !id.is_empty() && format!("{id}.toml") != file_name.rsplit('/').next().unwrap_or("") {
        e.push(
            "id",
            format!("must equal the file name without .toml, got {id:?}"),
        );
    }
    if !id
        .bytes()
        .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
    {
        e.push("id", "use a-z, 0-9 and '-' only");
    }
    let name = string(&mut e, &table, "name");
    let title = string(&mut e, &table, "title");
    let base_year = year(&mut e, &table, "base_year");
    let last_year = year(&mut e, &table, "last_year");
    if last_year < base_year {
        e.push("last_year", "must not be before base_year");
    }
    let default_reading = string(&mut e, &table, "default_reading");
    if default_reading != "A" && default_reading != "B" {
        e.push("default_reading", "must be \"A\" or \"B\"");
    }
    let mut notes = vec![];
    match table.get("notes") {
        None => {}
        Some(T::Array(a)) => {
            for (i, v) in a.iter().enumerate() {
                match v.as_str() {
                    Some(n) => notes.push(n.to_string()),
                    // Would be dropped silently: the page shows only text.
                    None => e.push(&format!("notes[{i}]"), "must be a string (备注必须是文字)"),
                }
            }
        }
        Some(_) => e.push("notes", "must be an array of strings"),
    }

    let baseline = match table.get("baseline") {
        None => false,
        Some(T::Boolean(b)) => *b,
        Some(_) => {
            e.push("baseline", "must be true or false");
            false
        }
    };
    // Its place in the list of cities: smaller first; ties by id.
    let order = match table.get("order") {
        None => 1000,
        Some(T::Integer(n)) if (0..=100_000).contains(n) => *n as u32,
        Some(_) => {
            e.push("order", "must be a whole number from 0 to 100000 (排序)");
            1000
        }
    };
    let sources = read_sources(&mut e, &table, read_source);
    let src_text: BTreeMap<&str, (&Source, Option<String>)> = sources
        .iter()
        .map(|s| {
            (
                s.id.as_str(),
                (
                    s,
                    s.file.as_deref().and_then(read_source).map(|t| squash(&t)),
                ),
            )
        })
        .collect();
    let cited = |e: &mut Errs, key: &str, v: Option<&T>, kind: StatedKind| -> Option<Stated> {
        parse_cited(e, key, v, kind, &src_text)
    };

    let mut params = BTreeMap::new();
    let mut later = BTreeMap::new();
    match table.get("params") {
        Some(T::Table(t)) => {
            for (key, v) in t {
                match schema::spec_for(key) {
                    None => e.push(&format!("params.{key}"), "unknown parameter key (未知参数)"),
                    Some(spec) => {
                        let path = format!("params.{key}");
                        let kind = StatedKind::Param(spec.kind);
                        if let Some((base, rest)) = dated(
                            &mut e,
                            &path,
                            Some(v),
                            kind,
                            base_year,
                            last_year,
                            &src_text,
                        ) {
                            params.insert(key.clone(), base);
                            if !rest.is_empty() {
                                later.insert(key.clone(), rest);
                            }
                        }
                    }
                }
            }
        }
        Some(_) => e.push("params", "must be a table"),
        None => e.push("params", "missing (缺少参数表)"),
    }
    check_required(&mut e, &params);
    check_window(&mut e, &params);
    // The window and the 大病 segments must hold in every year a dated value starts too.
    let years: std::collections::BTreeSet<i32> =
        later.values().flatten().map(|(y, _)| *y).collect();
    for y in years {
        let mut in_force = params.clone();
        for (k, list) in &later {
            if let Some((_, c)) = list.iter().rev().find(|(from, _)| *from <= y) {
                in_force.insert(k.clone(), c.clone());
            }
        }
        let before = e.list.len();
        check_window(&mut e, &in_force);
        check_segments(&mut e, &in_force);
        for msg in &mut e.list[before..] {
            msg.push_str(&format!(" (in force from {y})"));
        }
    }

    let mut categories = Vec::new();
    let category_tables = keyed_tables(&mut e, &table, "categories", true);
    if category_tables.is_empty() && table.contains_key("categories") {
        e.push(
            "categories",
            "has no category: a scenario could choose none (至少要有一类人员)",
        );
    }
    for (key, t) in category_tables {
        let path = format!("categories.{key}");
        only_keys(
            &mut e,
            &path,
            t,
            &["label", "help", "kind", "rates", "premium", "exemption"],
        );
        let label = string(&mut e, t, &format!("{path}.label"));
        let help = t.get("help").and_then(T::as_str).unwrap_or("").to_string();
        let kind = string(&mut e, t, &format!("{path}.kind"));
        if !schema::CATEGORY_KINDS.iter().any(|(k, _)| *k == kind) {
            e.push(&format!("{path}.kind"), format!("unknown kind {kind:?}"));
        }
        let rates = string(&mut e, t, &format!("{path}.rates"));
        if params.keys().any(|k| k.starts_with("inpatient."))
            && !params.contains_key(&format!("inpatient.rate.{rates}.primary"))
        {
            e.push(
                &format!("{path}.rates"),
                format!("no inpatient.rate.{rates}.* in params"),
            );
        }
        let premium = dated(
            &mut e,
            &format!("{path}.premium"),
            t.get("premium"),
            StatedKind::Param(Kind::Money),
            base_year,
            last_year,
            &src_text,
        );
        let exemption = cited(
            &mut e,
            &format!("{path}.exemption"),
            t.get("exemption"),
            StatedKind::Exemption,
        );
        if let (Some((premium, premium_later)), Some(exemption)) = (premium, exemption) {
            categories.push(Category {
                key,
                label,
                help,
                kind,
                rates,
                premium,
                premium_later,
                exemption,
            });
        }
    }
    // A value for one rate table (`inpatient.rate.<rates>.*`, `outpatient.annual_limit.<rates>`) must
    // name a table some category pays by: otherwise it applies to nobody, and a typo would silently
    // leave the default in force.
    for key in params.keys() {
        if let Some(rates) = schema::rates_named(key) {
            if !categories.iter().any(|c| c.rates == rates) {
                e.push(
                    &format!("params.{key}"),
                    format!("no category pays by rates {rates:?} (categories.*.rates)"),
                );
            }
        }
    }

    let mut groups = Vec::new();
    for (key, t) in keyed_tables(&mut e, &table, "subsidy_groups", false) {
        let path = format!("subsidy_groups.{key}");
        only_keys(&mut e, &path, t, &["label", "share", "preferential"]);
        let label = string(&mut e, t, &format!("{path}.label"));
        let share = cited(
            &mut e,
            &format!("{path}.share"),
            t.get("share"),
            StatedKind::Param(Kind::Rate),
        );
        let preferential = cited(
            &mut e,
            &format!("{path}.preferential"),
            t.get("preferential"),
            StatedKind::Flag,
        );
        if let (Some(share), Some(preferential)) = (share, preferential) {
            groups.push(Group {
                key,
                label,
                share,
                preferential,
            });
        }
    }
    let guide = read_guide(&mut e, &table, &src_text);

    let has_preferential = groups
        .iter()
        .any(|g| matches!(g.preferential.val, Val::Flag(true)));
    if has_preferential && !params.contains_key("major.preferential.deductible_share") {
        e.push(
            "params.major.preferential",
            "a subsidy group is preferential but the block is missing",
        );
    }

    if e.list.is_empty() {
        Ok(PolicyFile {
            id,
            baseline,
            order,
            guide,
            name,
            title,
            base_year,
            last_year,
            default_reading,
            notes,
            sources,
            params,
            later,
            categories,
            groups,
        })
    } else {
        Err(e.list)
    }
}

/// Longest title and text of a guide item: a line on a phone, and a short paragraph.
pub const GUIDE_TITLE_CHARS: usize = 12;
pub const GUIDE_TEXT_CHARS: usize = 160;

/// `[[guide.where]]`, `[[guide.who]]`, `[[guide.students]]`: each `{ title, text, source, quote,
/// status, note }`. An official item's quoted names (「…」 in its text) must be in its quote, as an
/// official number must be.
fn read_guide(
    e: &mut Errs,
    table: &Table,
    sources: &BTreeMap<&str, (&Source, Option<String>)>,
) -> Vec<(String, Vec<GuideItem>)> {
    let mut out = Vec::new();
    let Some(g) = table.get("guide") else {
        return out;
    };
    let Some(g) = g.as_table() else {
        e.push("guide", "must be a table of topics (where, who, students)");
        return out;
    };
    only_keys(e, "guide", g, GUIDE_TOPICS);
    for topic in GUIDE_TOPICS {
        let Some(v) = g.get(*topic) else { continue };
        let Some(items) = v.as_array() else {
            e.push(
                &format!("guide.{topic}"),
                "must be an array of tables ([[guide.where]])",
            );
            continue;
        };
        let mut list = Vec::new();
        for (i, item) in items.iter().enumerate() {
            let path = format!("guide.{topic}[{i}]");
            let Some(t) = item.as_table() else {
                e.push(
                    &path,
                    "must be a table { title, text, source, quote, status }",
                );
                continue;
            };
            only_keys(
                e,
                &path,
                t,
                &["title", "text", "source", "quote", "status", "note"],
            );
            let title = string(e, t, &format!("{path}.title"));
            if title.chars().count() > GUIDE_TITLE_CHARS {
                e.push(
                    &format!("{path}.title"),
                    format!("at most {GUIDE_TITLE_CHARS} characters (标题太长)"),
                );
            }
            let text = match t.get("text").and_then(T::as_str).map(str::trim) {
                Some(x) if !x.is_empty() => x.to_string(),
                _ => {
                    e.push(&format!("{path}.text"), "missing text (缺少说明文字)");
                    continue;
                }
            };
            if text.chars().count() > GUIDE_TEXT_CHARS {
                e.push(
                    &format!("{path}.text"),
                    format!("at most {GUIDE_TEXT_CHARS} characters (说明太长)"),
                );
            }
            // The citation is checked exactly as a parameter's, with the text as its value.
            let mut cited_t = t.clone();
            cited_t.remove("title");
            cited_t.remove("text");
            cited_t.insert("value".into(), T::String(text.clone()));
            let Some(c) = parse_cited(
                e,
                &path,
                Some(&T::Table(cited_t)),
                StatedKind::Text,
                sources,
            ) else {
                continue;
            };
            if c.cite.status == "official" {
                let quote = squash(&c.cite.quote).replace(['“', '”', '"'], "");
                for name in text
                    .split('「')
                    .skip(1)
                    .filter_map(|x| x.split('」').next())
                {
                    if !quote.contains(&squash(name)) {
                        e.push(
                            &format!("{path}.text"),
                            format!(
                                "names 「{name}」, which is not in its quote: an official item must say what its clause says (官方条目中的名称必须出现在引文中)"
                            ),
                        );
                    }
                }
            }
            list.push(GuideItem { title, text: c });
        }
        if !list.is_empty() {
            out.push((topic.to_string(), list));
        }
    }
    out
}

#[derive(Clone, Copy)]
enum StatedKind {
    Param(Kind),
    Exemption,
    Flag,
    /// A sentence (a guide item's text).
    Text,
}

fn read_sources(
    e: &mut Errs,
    table: &Table,
    read_source: &dyn Fn(&str) -> Option<String>,
) -> Vec<Source> {
    let mut out = Vec::new();
    for (id, t) in keyed_tables(e, table, "sources", true) {
        let path = format!("sources.{id}");
        only_keys(e, &path, t, &["title", "published", "file"]);
        let title = string(e, t, &format!("{path}.title"));
        let published = string(e, t, &format!("{path}.published"));
        let file = t.get("file").and_then(T::as_str).map(str::to_string);
        if let Some(f) = &file {
            if read_source(f).is_none() {
                e.push(
                    &format!("{path}.file"),
                    format!("policies/sources/{f} not found"),
                );
            }
        }
        out.push(Source {
            id,
            title,
            published,
            file,
        });
    }
    out
}

/// A value, or OpenFisca-style dated values: `[{ from = 2025, value, source, quote, status }, { from
/// = 2027, … }]`, each in force from its year until the next. The first must start in `base_year`
/// (so every benefit year has one), years increasing, none after `last_year`. Returns the value
/// from `base_year` and the later ones.
fn dated(
    e: &mut Errs,
    key: &str,
    v: Option<&T>,
    kind: StatedKind,
    base_year: i32,
    last_year: i32,
    sources: &BTreeMap<&str, (&Source, Option<String>)>,
) -> Option<(Stated, Vec<(i32, Stated)>)> {
    let Some(T::Array(items)) = v else {
        return parse_cited(e, key, v, kind, sources).map(|c| (c, vec![]));
    };
    if items.is_empty() {
        e.push(key, "an empty list of dated values (没有数值)");
        return None;
    }
    let mut out: Vec<(i32, Stated)> = Vec::new();
    let before = e.list.len();
    for (i, item) in items.iter().enumerate() {
        let path = format!("{key}[{i}]");
        let Some(t) = item.as_table() else {
            e.push(
                &path,
                "must be a table { from, value, source, quote, status }",
            );
            continue;
        };
        let from = match t.get("from").and_then(T::as_integer) {
            Some(y) if (2000..=2100).contains(&y) => y as i32,
            _ => {
                e.push(
                    &format!("{path}.from"),
                    "the first year it is in force, e.g. 2027",
                );
                continue;
            }
        };
        if i == 0 && from != base_year {
            e.push(
                &format!("{path}.from"),
                format!(
                    "the first value must be in force from base_year ({base_year}), got {from}"
                ),
            );
        }
        if let Some((prev, _)) = out.last() {
            if from <= *prev {
                e.push(
                    &format!("{path}.from"),
                    format!("years must increase ({prev} then {from})"),
                );
            }
        }
        if from > last_year {
            e.push(
                &format!("{path}.from"),
                format!("after last_year ({last_year})"),
            );
        }
        let mut rest = t.clone();
        rest.remove("from");
        if let Some(c) = parse_cited(e, &path, Some(&T::Table(rest)), kind, sources) {
            out.push((from, c));
        }
    }
    if e.list.len() > before || out.is_empty() {
        return None;
    }
    let mut out = out.into_iter();
    let (_, base) = out.next()?;
    Some((base, out.collect()))
}

fn parse_cited(
    e: &mut Errs,
    key: &str,
    v: Option<&T>,
    kind: StatedKind,
    sources: &BTreeMap<&str, (&Source, Option<String>)>,
) -> Option<Stated> {
    let Some(v) = v else {
        e.push(key, "missing (缺少)");
        return None;
    };
    let Some(t) = v.as_table() else {
        e.push(
            key,
            "must be a table { value, source, quote, status } (每个数值必须带出处)",
        );
        return None;
    };
    only_keys(e, key, t, &["value", "source", "quote", "status", "note"]);
    let before = e.list.len();
    let source = t
        .get("source")
        .and_then(T::as_str)
        .unwrap_or_default()
        .to_string();
    let quote = t
        .get("quote")
        .and_then(T::as_str)
        .unwrap_or_default()
        .trim()
        .to_string();
    let status = t
        .get("status")
        .and_then(T::as_str)
        .unwrap_or_default()
        .to_string();
    let note = t.get("note").and_then(T::as_str).map(str::to_string);
    let mut document = String::new();
    let official = status == "official";
    if source.is_empty() {
        e.push(key, "value without a source (缺少出处 source)");
    } else if let Some((src, text)) = sources.get(source.as_str()) {
        document = src.title.clone();
        if official && src.file.is_none() {
            e.push(
                key,
                format!(
                    "an official value must cite a source whose text is in policies/sources/, and {source:?} has no `file` (官方数值的出处必须有原文文件,才能核对引用)"
                ),
            );
        }
        if let Some(text) = text {
            if !quote.is_empty() && !text.contains(&squash(&quote)) {
                e.push(
                    key,
                    format!(
                        "quote not found in {}: {quote:?}",
                        src.file.as_deref().unwrap_or("")
                    ),
                );
            }
        }
    } else {
        e.push(
            key,
            format!("source {source:?} is not declared under [sources]"),
        );
    }
    if quote.is_empty() {
        e.push(key, "value without a quoted clause (缺少原文引用 quote)");
    } else if squash(&quote).chars().count() < MIN_QUOTE_CHARS {
        e.push(
            key,
            format!(
                "quote {quote:?} is too short to cite a clause (at least {MIN_QUOTE_CHARS} characters; 引用太短)"
            ),
        );
    }
    if status.is_empty() {
        e.push(key, "missing status (缺少 status: official / unverified)");
    } else if !schema::STATUSES.contains(&status.as_str()) {
        e.push(
            key,
            format!("status must be official or unverified, got {status:?}"),
        );
    }
    let val = match t.get("value") {
        None => {
            e.push(key, "missing value");
            None
        }
        Some(raw) => parse_value(e, key, raw, kind),
    };
    if let (true, Some(v)) = (official, &val) {
        if !states(&quote, v) {
            e.push(
                key,
                format!(
                    "official value {} does not appear in its quote {quote:?}: an official number must be the one its clause states (官方数值必须出现在所引原文中)",
                    shown(v)
                ),
            );
        }
    }
    if e.list.len() > before {
        return None;
    }
    Some(Stated {
        val: val?,
        cite: Citation {
            source,
            document,
            quote,
            status,
            note,
        },
    })
}

/// A quote shorter than this cannot hold a clause: one character is found in any text.
pub const MIN_QUOTE_CHARS: usize = 4;

/// Does the quoted clause state this value? A number must appear as written in Chinese official
/// texts: digits standing alone (not inside a longer number), money also as 万 or with thousands
/// commas, a share as a percentage (or 减半 for 0.5, 全额 for 1), a month-day as 9月2日. Values
/// that are not numbers (exemptions, flags) are not checked here.
fn states(quote: &str, v: &Val) -> bool {
    let q = squash(quote);
    let forms: Vec<String> = match v {
        Val::Int(n) => vec![n.to_string()],
        Val::Money(d) => {
            let d = d.normalize();
            let mut f = vec![d.to_string(), grouped(&d.to_string())];
            if d.fract().is_zero() && d >= Decimal::from(10_000) {
                let wan = (d / Decimal::from(10_000)).normalize();
                f.push(format!("{wan}万"));
            }
            f
        }
        Val::Rate(r) => {
            let pct = (r * Decimal::from(100)).normalize();
            let mut f = vec![
                format!("{pct}%"),
                format!("{pct}%"),
                r.normalize().to_string(),
            ];
            if *r == Decimal::new(5, 1) {
                f.extend(["减半".to_string(), "一半".to_string()]);
            }
            if *r == Decimal::ONE {
                f.extend(["全额".to_string(), "全部".to_string()]);
            }
            f
        }
        Val::MonthDay(m, d) => vec![
            format!("{m}月{d}日"),
            format!("{m:02}月{d:02}日"),
            format!("{m:02}-{d:02}"),
        ],
        // Business days: the last day of each stretch, as the text says it (「1日—25日」).
        Val::DayRanges(r) => {
            return r
                .iter()
                .all(|(_, _, _, d)| appears_alone(&q, &format!("{d}日")))
        }
        Val::Unlimited | Val::Text(_) | Val::Flag(_) => return true,
    };
    forms.iter().any(|f| appears_alone(&q, f))
}

/// `needle` in `text`, not as part of a longer number ("3000" is not in "30000" or "3000.5").
fn appears_alone(text: &str, needle: &str) -> bool {
    let starts_digit = needle.starts_with(|c: char| c.is_ascii_digit());
    let ends_digit = needle.ends_with(|c: char| c.is_ascii_digit());
    text.match_indices(needle).any(|(i, _)| {
        let mut before = text[..i].chars().rev();
        let (b1, b2) = (before.next(), before.next());
        let mut after = text[i + needle.len()..].chars();
        let (a1, a2) = (after.next(), after.next());
        let digit = |c: Option<char>| c.is_some_and(|c| c.is_ascii_digit());
        let joined_before =
            starts_digit && (digit(b1) || (matches!(b1, Some('.' | ',')) && digit(b2)));
        let joined_after =
            ends_digit && (digit(a1) || (matches!(a1, Some('.' | ',')) && digit(a2)));
        !joined_before && !joined_after
    })
}

/// "400000" → "400,000".
fn grouped(digits: &str) -> String {
    let (int, frac) = digits.split_once('.').unwrap_or((digits, ""));
    let mut out = String::new();
    for (i, c) in int.chars().enumerate() {
        if i > 0 && (int.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    if !frac.is_empty() {
        out.push('.');
        out.push_str(frac);
    }
    out
}

fn parse_value(e: &mut Errs, key: &str, raw: &T, kind: StatedKind) -> Option<Val> {
    let text = match raw {
        T::String(s) => s.clone(),
        T::Integer(i) => i.to_string(),
        T::Float(f) => f.to_string(),
        T::Boolean(b) => b.to_string(),
        _ => {
            e.push(key, "value must be a string, number or boolean");
            return None;
        }
    };
    let kind = match kind {
        StatedKind::Exemption => {
            if schema::EXEMPTIONS.iter().any(|(k, _)| *k == text) {
                return Some(Val::Text(text));
            }
            e.push(
                key,
                format!("exemption must be one of none/no_wait/early_cover/unknown, got {text:?}"),
            );
            return None;
        }
        StatedKind::Flag => {
            return match raw {
                T::Boolean(b) => Some(Val::Flag(*b)),
                _ => {
                    e.push(key, "must be true or false");
                    None
                }
            }
        }
        StatedKind::Text => return raw.as_str().map(|t| Val::Text(t.to_string())),
        StatedKind::Param(k) => k,
    };
    let out_of_range = |e: &mut Errs, what: &str| {
        e.push(key, format!("out of range: {text:?} ({what})"));
        None
    };
    // The scenario's grammar (src/grammar.rs): a string is read as a person types it, a TOML
    // number by its value.
    let number = || match raw {
        T::String(s) => grammar::text_number(s),
        T::Integer(i) => grammar::json_number(&i.to_string()),
        T::Float(f) => grammar::json_number(&grammar::double_text(&format!("{f:e}"))),
        _ => Err(grammar::Refusal::NotANumber),
    };
    match kind {
        Kind::Months | Kind::Count => {
            let (lo, hi) = if kind == Kind::Months {
                (0, 24)
            } else {
                (1, 50)
            };
            let n = match raw {
                T::String(s) => grammar::text_integer(s),
                _ => number().and_then(|x| grammar::integer(&x)),
            };
            match n {
                Ok(n) if (lo..=hi).contains(&n) => Some(Val::Int(n as u32)),
                _ => out_of_range(e, &format!("a whole number {lo}–{hi}")),
            }
        }
        Kind::Money | Kind::MoneyOrNone => {
            if kind == Kind::MoneyOrNone && text == "none" {
                return Some(Val::Unlimited);
            }
            match number().and_then(|x| grammar::amount(&x)) {
                Ok(d) => Some(Val::Money(checked(d))),
                Err(_) => out_of_range(
                    e,
                    "yuan, 0 to 10,000,000, at most 2 decimals, digits and one point only",
                ),
            }
        }
        Kind::Rate => match number().and_then(|x| grammar::rate(&x)) {
            Ok(d) => Some(Val::Rate(checked(d))),
            Err(_) => out_of_range(
                e,
                "a share from 0 to 1, e.g. \"0.65\", digits and one point only",
            ),
        },
        Kind::MonthDay => match (raw, grammar::month_day(&text)) {
            (T::String(_), Some((m, d))) => Some(Val::MonthDay(m, d)),
            _ => out_of_range(e, "a day \"MM-DD\", two digits each, no sign"),
        },
        Kind::DayRanges => match (raw, day_ranges(&text)) {
            (T::String(_), Some(r)) => Some(Val::DayRanges(r)),
            _ => out_of_range(
                e,
                "stretches of days \"MM-DD..MM-DD, MM-DD..MM-DD\", each from its start to its end, in calendar order, not overlapping",
            ),
        },
    }
}

/// "09-01..09-25, 12-01..12-28": each stretch from its first to its last day, in calendar order,
/// not overlapping.
fn day_ranges(text: &str) -> Option<Vec<(u32, u32, u32, u32)>> {
    let mut out: Vec<(u32, u32, u32, u32)> = Vec::new();
    for part in text.split(',') {
        let (a, b) = part.trim().split_once("..")?;
        let (m1, d1) = grammar::month_day(a.trim())?;
        let (m2, d2) = grammar::month_day(b.trim())?;
        if (m1, d1) > (m2, d2) || out.last().is_some_and(|p| (p.2, p.3) >= (m1, d1)) {
            return None;
        }
        out.push((m1, d1, m2, d2));
    }
    (!out.is_empty()).then_some(out)
}

/// The 集中参保期 is one stretch of days: a start after the end would make every scenario fail
/// with a message about an override the user never set.
fn check_window(e: &mut Errs, params: &BTreeMap<String, Stated>) {
    let day = |k: &str| match params.get(k).map(|c| &c.val) {
        Some(Val::MonthDay(m, d)) => Some((*m, *d)),
        _ => None,
    };
    if let (Some(start), Some(end)) = (day("window.start"), day("window.end")) {
        if start > end {
            e.push(
                "params.window.start",
                format!(
                    "the window starts ({:02}-{:02}) after it ends ({:02}-{:02}) (开始日晚于截止日)",
                    start.0, start.1, end.0, end.1
                ),
            );
        }
    }
}

/// Required keys must be there; optional keys come in whole blocks.
fn check_required(e: &mut Errs, params: &BTreeMap<String, Stated>) {
    for spec in schema::SPECS.iter().filter(|s| s.required) {
        if !params.contains_key(spec.pattern) {
            e.push(
                &format!("params.{}", spec.pattern),
                format!("required parameter missing ({})", spec.label),
            );
        }
    }
    for (prefix, members) in schema::BLOCKS {
        let present = params.keys().any(|k| {
            k.starts_with(prefix)
                && schema::BLOCKS
                    .iter()
                    .find(|(p, _)| k.starts_with(p))
                    .map(|(p, _)| p)
                    == Some(prefix)
        });
        if present {
            for m in members.iter().filter(|m| !params.contains_key(**m)) {
                e.push(
                    &format!("params.{m}"),
                    format!("block `{prefix}` is incomplete: {m} missing"),
                );
            }
        }
    }
    check_segments(e, params);
}

/// 大病 segments must be numbered 1..n with ascending bounds, and only the last is open-ended.
fn check_segments(e: &mut Errs, params: &BTreeMap<String, Stated>) {
    let mut n = 0;
    while params.contains_key(&format!("major.segment.{}.rate", n + 1)) {
        n += 1;
    }
    let mut last = Decimal::ZERO;
    for i in 1..=n {
        match params
            .get(&format!("major.segment.{i}.up_to"))
            .map(|c| &c.val)
        {
            Some(Val::Money(up)) if i < n => {
                if *up <= last {
                    e.push(
                        &format!("params.major.segment.{i}.up_to"),
                        "segment bounds must increase",
                    );
                }
                last = *up;
            }
            None if i == n => {}
            None => e.push(
                &format!("params.major.segment.{i}.up_to"),
                "missing (only the last segment is open)",
            ),
            Some(_) => e.push(
                &format!("params.major.segment.{i}.up_to"),
                "the last segment must be open-ended",
            ),
        }
    }
    for k in params.keys().filter(|k| k.starts_with("major.segment.")) {
        let idx = k.split('.').nth(2).and_then(|s| s.parse::<usize>().ok());
        if !matches!(idx, Some(i) if (1..=n).contains(&i)) {
            e.push(
                &format!("params.{k}"),
                "segments must be numbered 1, 2, 3 … without gaps",
            );
        }
    }
}

fn keyed_tables<'t>(
    e: &mut Errs,
    table: &'t Table,
    name: &str,
    required: bool,
) -> Vec<(String, &'t Table)> {
    match table.get(name) {
        None if required => {
            e.push(name, "missing");
            vec![]
        }
        None => vec![],
        Some(T::Table(t)) => t
            .iter()
            .filter_map(|(k, v)| match v.as_table() {
                Some(inner) => Some((k.clone(), inner)),
                None => {
                    e.push(&format!("{name}.{k}"), "must be a table");
                    None
                }
            })
            .collect(),
        Some(_) => {
            e.push(name, "must be a table");
            vec![]
        }
    }
}

fn only_keys(e: &mut Errs, path: &str, t: &Table, allowed: &[&str]) {
    for k in t.keys().filter(|k| !allowed.contains(&k.as_str())) {
        e.push(&format!("{path}.{k}"), "unknown key (未知字段)");
    }
}

fn string(e: &mut Errs, t: &Table, path: &str) -> String {
    let key = path.rsplit('.').next().unwrap_or(path);
    match t.get(key).and_then(T::as_str) {
        Some(s) if !s.trim().is_empty() => s.to_string(),
        _ => {
            e.push(path, "missing or not a non-empty string");
            String::new()
        }
    }
}

fn year(e: &mut Errs, t: &Table, key: &str) -> i32 {
    match t.get(key).and_then(T::as_integer) {
        Some(y) if (2025..=2100).contains(&y) => y as i32,
        _ => {
            e.push(key, "must be a year from 2025 to 2100");
            2025
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Code generation

/// The value as `Value::display` writes it, precomputed so the core never formats it at run time.
pub fn shown(v: &Val) -> String {
    match v {
        Val::Int(n) => n.to_string(),
        Val::Money(d) | Val::Rate(d) => d.normalize().to_string(),
        Val::Unlimited => "none".into(),
        Val::MonthDay(m, d) => format!("{m:02}-{d:02}"),
        Val::DayRanges(r) => r
            .iter()
            .map(|(m1, d1, m2, d2)| format!("{m1:02}-{d1:02}..{m2:02}-{d2:02}"))
            .collect::<Vec<_>>()
            .join(", "),
        Val::Text(t) => t.clone(),
        Val::Flag(b) => b.to_string(),
    }
}

/// Rust source for one `Policy` value.
/// Checks that need every file: two policies may not share a display name (the page lists them
/// by name, and a resident could not tell them apart).
pub fn check_set(files: &[(String, PolicyFile)]) -> Vec<String> {
    let mut errors = Vec::new();
    for (i, (file, p)) in files.iter().enumerate() {
        if let Some((other, _)) = files[..i]
            .iter()
            .find(|(_, q)| q.name.trim() == p.name.trim())
        {
            errors.push(format!(
                "{file}: `name`: {:?} is already the name of {other} (两个政策不能同名)",
                p.name
            ));
        }
    }
    errors
}

/// A policy's version: the hash of its file (name and text) and of the text of every source it cites
/// that has one. Another city's file does not enter it.
pub fn version(
    file_name: &str,
    text: &str,
    p: &PolicyFile,
    read_source: &dyn Fn(&str) -> Option<String>,
) -> String {
    let mut hash = fnv1a(file_name.as_bytes(), crate::fnv::OFFSET);
    hash = fnv1a(text.as_bytes(), hash);
    for src in &p.sources {
        if let Some(t) = src.file.as_deref().and_then(read_source) {
            hash = fnv1a(src.id.as_bytes(), hash);
            hash = fnv1a(t.as_bytes(), hash);
        }
    }
    format!("{hash:016x}")
}

/// A value the grammar read (the library's own exact decimal) as rust_decimal's, which the checks
/// below compute with: the same mantissa and scale.
fn checked(d: crate::decimal::Decimal) -> Decimal {
    Decimal::from_i128_with_scale(d.mantissa(), d.scale())
}
