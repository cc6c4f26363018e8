//! Structured scenarios: mostly well-formed, with hostile values in every field (calendar ends,
//! huge amounts, long histories, many members and stays), so the fuzzer reaches the rules
//! themselves, not only the validator. They go through the same bytes → JSON path as the CLI.
#![no_main]
use arbitrary::Arbitrary;
use libfuzzer_sys::fuzz_target;
use serde_json::{json, Value};

#[derive(Arbitrary, Debug)]
enum Num {
    Small(u16),
    Big(i64),
    Float(f64),
    Text(String),
    Edge(u8),
    /// A JSON number written out, as a file would have it: exponents, beyond a double, many digits.
    Written(u8),
    Null,
}

/// Text at the edges of the grammar (src/grammar.rs): ranges, signs, underscores, points, days.
const EDGES: &[&str] = &[
    "0", "0.01", "9999999.99", "10000000", "10000000.01", "79228162514264337593543950335", "-0", "1e400", "0.001", "",
    "1_000", "+5", " 5 ", ".5", "5.", "1e3", "0._5", "09-01", "+9-01", "9-01", "02-29", "12-31", "0.65", "1.0000", "00000000000000000000001",
];

/// JSON number text, spliced into the document as written.
const WRITTEN: &[&str] = &[
    "1e-30", "1e-3", "1e300", "1e400", "-1e400", "1e-400", "1.5e2", "2.026e3", "2025.0", "0.30000000000000004", "1000001",
    "-9223372036854775809", "18446744073709551616", "9999999.999999999", "0e-5000", "-0.0", "1E2", "123456789012345678901234567890",
];

impl Num {
    fn value(&self) -> Value {
        match self {
            Num::Small(n) => json!(n),
            Num::Big(n) => json!(n),
            Num::Float(f) => json!(f),
            Num::Text(s) => json!(s),
            Num::Edge(k) => json!(EDGES[*k as usize % EDGES.len()]),
            // serde_json's arbitrary_precision keeps the text: the bytes below carry it as written.
            Num::Written(k) => serde_json::from_str(WRITTEN[*k as usize % WRITTEN.len()]).unwrap(),
            Num::Null => Value::Null,
        }
    }
}

#[derive(Arbitrary, Debug)]
struct Stay {
    level: u8,
    month: Num,
    day: Option<i32>,
    amount: Num,
}

#[derive(Arbitrary, Debug)]
struct Member {
    category: u8,
    group: Option<u8>,
    role: u8,
    birth: Option<i32>,
    pay: (bool, i32),
    birth_near: bool,
    raw_history: bool,
    history: Vec<(bool, u8)>,
    repair: Num,
    health_plan: bool,
    outpatient: Num,
    chronic: Option<(u8, Num)>,
    stays: Vec<Stay>,
    childbirth: Option<(Num, Num)>,
    rehab: Option<(u8, Num)>,
    /// A8: 「2025年以来在别处参保过吗」, unanswered, yes or no.
    insured_elsewhere: Option<bool>,
    minor: Option<bool>,
    name: Option<u8>,
}

#[derive(Arbitrary, Debug)]
struct Scenario {
    policy: u8,
    year: Result<u8, Num>,
    reading: Option<bool>,
    /// A6: the repair price of a subsidised member.
    repair_price: Option<bool>,
    overrides: Vec<(u8, Num)>,
    members: Vec<Member>,
}

const POLICIES: &[&str] = &["yantai-2025", "zhangjiakou-2025", "national-2025", "x"];
const CATEGORIES: &[&str] = &["adult", "adult_tier1", "adult_tier2", "student", "minor", "newborn", "university", "university_first", "veteran_family", "medical_assistance", "special"];
const GROUPS: &[&str] = &["te_kun", "tuopin_dibao", "bianyuan", "nongcun_dibao", "none"];
const ROLES: &[&str] = &["self", "spouse", "child", "parent", "other"];
/// Names at the edges: empty, 40 and 41 characters, a bidi control, markup, a newline.
const NAMES: &[&str] = &["", "老王", "\u{202e}张三", "<b>李</b>", "王\n全家应缴:0.00元", "一二三四五六七八九十一二三四五六七八九十一二三四五六七八九十一二三四五六七八九十", "一二三四五六七八九十一二三四五六七八九十一二三四五六七八九十一二三四五六七八九十一"];
const LEVELS: &[&str] = &["primary", "secondary", "tertiary", "x"];
const KEYS: &[&str] = &[
    "cap.original", "window.start", "window.end", "inpatient.deductible.primary", "inpatient.rate.standard.tertiary", "inpatient.annual_limit", "major.deductible",
    "major.segment.1.rate", "outpatient.annual_limit", "outpatient.rate", "cap.continuity_step", "major.segment.1.up_to", "major.segment.2.up_to", "major.segment.2.rate",
    "major.segment.3.rate", "major.segment.3.up_to", "cap.continuity_after_years", "categories.veteran_family.premium", "special_children.limit",
];

/// Days from 2025-01-01, as a date string; the i32 reaches far outside the calendar the rules use.
fn date(days: i32) -> Value {
    let base = chrono::NaiveDate::from_ymd_opt(2025, 1, 1).unwrap();
    match base.checked_add_signed(chrono::Duration::days(i64::from(days) % 200_000)) {
        Some(d) => json!(d.to_string()),
        None => json!("9999-12-31"),
    }
}

fn pick<'a>(list: &[&'a str], i: u8) -> &'a str {
    list[i as usize % list.len()]
}

/// Days from `y`-09-01: most payments fall near the enrollment window and the benefit year.
fn near(y: i64, days: i32) -> Value {
    let base = chrono::NaiveDate::from_ymd_opt(y as i32 - 1, 9, 1).unwrap();
    json!((base + chrono::Duration::days(i64::from(days.rem_euclid(520)))).to_string())
}

fn member(m: &Member, year: i64) -> Value {
    let mut hist = m.history.clone();
    if !m.raw_history {
        hist.resize((year - 2025).clamp(0, 40) as usize, (true, 0));
    }
    let history: Vec<Value> = hist.iter().enumerate().map(|(i, (e, c))| json!({"year": 2025 + i, "enrolled": e, "zero_claim": *c == 1, "used_bonus": *c == 2})).collect();
    let stays: Vec<Value> = m
        .stays
        .iter()
        .map(|s| match s.day {
            Some(d) => json!({"level": pick(LEVELS, s.level), "date": date(d), "amount": s.amount.value()}),
            None => json!({"level": pick(LEVELS, s.level), "month": s.month.value(), "amount": s.amount.value()}),
        })
        .collect();
    let mut spending = json!({"outpatient": m.outpatient.value(), "stays": stays});
    if let Some((c, d)) = &m.chronic {
        spending["chronic"] = json!({"condition": pick(&["hypertension", "diabetes", "both"], *c), "drugs": d.value()});
    }
    if let Some((o, w)) = &m.childbirth {
        spending["childbirth"] = json!({"child_order": o.value(), "month": w.value()});
    }
    if let Some((c, a)) = &m.rehab {
        spending["special_rehab"] = json!({"condition": pick(&["cerebral_palsy", "autism", "congenital_heart"], *c), "amount": a.value()});
    }
    let mut v = json!({
        "category": pick(CATEGORIES, m.category), "role": pick(ROLES, m.role), "payment_date": if m.pay.0 { near(year, m.pay.1) } else { date(m.pay.1) },
        "history": history, "repair_years": m.repair.value(), "health_plan": m.health_plan, "spending": spending,
    });
    if let Some(b) = m.birth {
        v["birth_date"] = if m.birth_near { near(year, b) } else { date(b) };
    }
    if let Some(e) = m.insured_elsewhere {
        v["insured_elsewhere"] = json!(e);
    }
    if let Some(x) = m.minor {
        v["minor"] = json!(x);
    }
    if let Some(n) = m.name {
        v["name"] = json!(pick(NAMES, n));
    }
    if let Some(g) = m.group {
        v["subsidy_group"] = json!(pick(GROUPS, g));
    }
    v
}

fuzz_target!(|s: Scenario| {
    let overrides: serde_json::Map<String, Value> = s.overrides.iter().map(|(k, v)| (pick(KEYS, *k).to_string(), v.value())).collect();
    let year = match &s.year {
        Ok(y) => 2025 + i64::from(*y % 12),
        Err(_) => 2027,
    };
    let mut v = json!({
        "policy": pick(POLICIES, s.policy),
        "benefit_year": match &s.year { Ok(_) => json!(year), Err(n) => n.value() },
        "members": s.members.iter().map(|m| member(m, year)).collect::<Vec<_>>(),
        "overrides": overrides,
    });
    if let Some(b) = s.reading {
        v["reading"] = json!(if b { "B" } else { "A" });
    }
    if let Some(b) = s.repair_price {
        v["repair_price"] = json!(if b { "own_share" } else { "standard" });
    }
    let bytes = serde_json::to_vec(&v).unwrap();
    // YIBAO_FUZZ_DUMP=dir writes every input as JSON, so a corpus can be replayed by `cargo test`.
    if let Some(dir) = std::env::var_os("YIBAO_FUZZ_DUMP") {
        let name = format!("{:016x}.json", bytes.iter().fold(0xcbf2_9ce4_8422_2325u64, |h, b| (h ^ u64::from(*b)).wrapping_mul(0x100_0000_01b3)));
        std::fs::write(std::path::Path::new(&dir).join(name), &bytes).unwrap();
    }
    if let Ok(json) = serde_json::from_slice::<yibao::Json>(&bytes) {
        let outcome = yibao::estimate_json(&json);
        serde_json::to_string(&outcome).expect("a result always serialises");
    }
});
