//! The scenario: what the user tells us. `Scenario::read` turns the loose JSON into typed values and
//! reports every problem at once, each with its field path and a Chinese message. Nothing is
//! computed from input that did not pass. Limits are documented in `docs/scenario.md`.

use crate::decimal::Decimal;
use chrono::{Datelike, NaiveDate};

use crate::grammar::{self, DateRefusal, Refusal};
use crate::input::{clip, item_path, Fields, InputError, Json, Problems};
use crate::policy::{
    self, Category, CategoryKind, Policy, Reading, RepairPrice, SubsidyGroup, Value,
};
use crate::policy_schema::{self as schema, Kind, MAX_MONEY};
use crate::rules::Rules;

/// The first benefit year the long-term mechanism applies to.
pub const FIRST_YEAR: i32 = 2025;
pub const MAX_MEMBERS: usize = 20;
pub const MAX_STAYS: usize = 50;
pub const MAX_OVERRIDES: usize = 100;
pub const MAX_NAME_CHARS: usize = 40;

#[derive(Clone, Debug)]
pub struct Scenario {
    pub policy: &'static Policy,
    pub benefit_year: i32,
    pub reading: Reading,
    /// Whether the reading was chosen by the scenario (true) or is the policy default.
    pub reading_chosen: bool,
    /// How a repaired year is priced for a subsidised member (A6).
    pub repair_price: RepairPrice,
    pub repair_price_chosen: bool,
    pub overrides: Vec<Override>,
    pub members: Vec<Member>,
}

/// A user's value for an unverified (or missing) policy parameter.
#[derive(Clone, Debug)]
pub struct Override {
    pub key: String,
    pub value: Value,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    #[serde(rename = "self")]
    Me,
    Spouse,
    Child,
    Parent,
    Other,
}

impl Role {
    pub fn label(self) -> &'static str {
        match self {
            Role::Me => "本人",
            Role::Spouse => "配偶",
            Role::Child => "子女",
            Role::Parent => "父母",
            Role::Other => "其他家庭成员",
        }
    }
}

#[derive(Clone, Debug)]
pub struct Member {
    pub name: String,
    pub role: Role,
    pub category: &'static Category,
    pub subsidy_group: Option<&'static SubsidyGroup>,
    pub birth_date: Option<NaiveDate>,
    pub minor: bool,
    /// One record per benefit year from 2025 to the year before the benefit year.
    pub history: Vec<YearRecord>,
    pub payment_date: NaiveDate,
    pub repair_years: u32,
    pub health_plan: bool,
    /// The answer to 「2025年以来在别处参保过吗」 (A8), when given.
    pub insured_elsewhere: Option<bool>,
    pub spending: Spending,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct YearRecord {
    pub year: i32,
    pub enrolled: bool,
    /// No reimbursement at all from the basic fund that year (RULES.md A4: outpatient included).
    pub zero_claim: bool,
    /// A 大病 claim that year used the bonus amount (so the zero-claim bonus is cleared).
    pub used_bonus: bool,
    /// Not enrolled here but insured elsewhere that year (the member's answer to
    /// 「2025年以来在别处参保过吗」, RULES.md §6 A8): not a 断保.
    pub elsewhere: bool,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Level {
    Primary,
    Secondary,
    Tertiary,
}

impl Level {
    pub fn key(self) -> &'static str {
        match self {
            Level::Primary => "primary",
            Level::Secondary => "secondary",
            Level::Tertiary => "tertiary",
        }
    }
    pub fn label(self) -> &'static str {
        match self {
            Level::Primary => "一级/基层医院",
            Level::Secondary => "二级医院",
            Level::Tertiary => "三级医院",
        }
    }
}

/// When something happened inside the benefit year: a whole month, or a day.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum When {
    Month(u32),
    Day(NaiveDate),
}

#[derive(Clone, Copy, Debug)]
pub struct Stay {
    pub level: Level,
    pub when: When,
    /// Spending inside the policy scope (政策范围内费用), yuan.
    pub amount: Decimal,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ChronicCondition {
    Hypertension,
    Diabetes,
    Both,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum SpecialCondition {
    CerebralPalsy,
    Autism,
    CongenitalHeart,
}

#[derive(Clone, Debug, Default)]
pub struct Spending {
    /// 普通门诊, yuan for the year, assumed spread evenly over it.
    pub outpatient: Decimal,
    pub chronic: Option<(ChronicCondition, Decimal)>,
    pub stays: Vec<Stay>,
    /// (child order, when)
    pub childbirth: Option<(u32, When)>,
    pub special_rehab: Option<(SpecialCondition, Decimal)>,
}

impl Scenario {
    /// Reads a scenario. On failure returns every problem found.
    pub fn read(v: &Json) -> Result<Scenario, Vec<InputError>> {
        let mut p = Problems::default();
        let s = read_scenario(v, &mut p);
        match s {
            Some(s) if p.is_empty() => Ok(s),
            _ => {
                if p.is_empty() {
                    p.add("", "输入无效");
                }
                Err(p.0)
            }
        }
    }
}

fn read_scenario(v: &Json, p: &mut Problems) -> Option<Scenario> {
    let f = Fields::of(v, "", "测算情形", p)?;
    f.reject_unknown(
        &[
            "policy",
            "benefit_year",
            "reading",
            "repair_price",
            "overrides",
            "members",
        ],
        p,
    );

    let policy = match f.get("policy") {
        None => {
            p.add("policy", "请选择地区政策,例如 yantai-2025");
            None
        }
        Some(Json::Str(id)) => {
            let found = policy::find(id);
            if found.is_none() {
                let ids: Vec<_> = policy::all().iter().map(|p| p.id).collect();
                p.add(
                    "policy",
                    format!("未知的地区政策「{}」,可选:{}", clip(id), ids.join("、")),
                );
            }
            found
        }
        Some(other) => {
            p.add(
                "policy",
                format!("地区政策应为文字,收到的是{}", other.kind_zh()),
            );
            None
        }
    };

    let benefit_year = int(&f, "benefit_year", "待遇年度", p);
    if f.get("benefit_year").is_none() {
        p.add("benefit_year", "请填写待遇年度,例如 2026");
    }
    let benefit_year = match (benefit_year, policy) {
        (Some(y), Some(pol)) if y < i64::from(FIRST_YEAR) => {
            p.add("benefit_year", format!("待遇年度{y}早于{FIRST_YEAR}年:参保长效机制自{FIRST_YEAR}年起实施,请填{FIRST_YEAR}—{}", pol.last_year));
            None
        }
        (Some(y), Some(pol)) if y > i64::from(pol.last_year) => {
            p.add(
                "benefit_year",
                format!("待遇年度{y}超出本政策可测算范围(最晚{}年)", pol.last_year),
            );
            None
        }
        (Some(y), _) => i32::try_from(y).ok(),
        (None, _) => None,
    };

    let reading = match f.get("reading") {
        None => None,
        Some(Json::Str(s)) if s == "A" => Some(Reading::A),
        Some(Json::Str(s)) if s == "B" => Some(Reading::B),
        Some(_) => {
            p.add("reading", "断保年数的读法只能是 \"A\" 或 \"B\"");
            None
        }
    };

    let repair_price = match f.get("repair_price") {
        None => None,
        Some(Json::Str(s)) if s == "standard" => Some(RepairPrice::Standard),
        Some(Json::Str(s)) if s == "own_share" => Some(RepairPrice::OwnShare),
        Some(_) => {
            p.add(
                "repair_price",
                "补缴价格的读法只能是 \"standard\"(按个人缴费标准)或 \"own_share\"(按本人负担的比例)",
            );
            None
        }
    };

    let overrides = match (f.get("overrides"), policy) {
        (Some(o), Some(pol)) => read_overrides(o, pol, benefit_year.unwrap_or(pol.base_year), p),
        _ => Vec::new(),
    };

    let members = match f.get("members") {
        None => {
            p.add("members", "请至少填写一位参保人");
            Vec::new()
        }
        Some(Json::Arr(a)) if a.is_empty() => {
            p.add("members", "请至少填写一位参保人");
            Vec::new()
        }
        Some(Json::Arr(a)) if a.len() > MAX_MEMBERS => {
            p.add(
                "members",
                format!("一次最多测算{MAX_MEMBERS}位家庭成员,收到{}位", a.len()),
            );
            Vec::new()
        }
        Some(Json::Arr(a)) => match (policy, benefit_year) {
            (Some(pol), Some(year)) => {
                let window = window_for(pol, &overrides, year);
                // An override can supply a block the policy lacks (e.g. on the national baseline).
                let has =
                    |key: &str| pol.param(key).is_some() || overrides.iter().any(|o| o.key == key);
                a.iter()
                    .enumerate()
                    .filter_map(|(i, m)| {
                        read_member(m, &item_path("members", i), pol, year, window, &has, p)
                    })
                    .collect()
            }
            _ => Vec::new(),
        },
        Some(other) => {
            p.add(
                "members",
                format!("家庭成员应为列表,收到的是{}", other.kind_zh()),
            );
            Vec::new()
        }
    };
    if members.iter().filter(|m| m.role == Role::Me).count() > 1 {
        p.add("members", "只能有一位「本人」(role = self)");
    }

    Some(Scenario {
        policy: policy?,
        benefit_year: benefit_year?,
        reading: reading.unwrap_or(policy?.default_reading),
        reading_chosen: reading.is_some(),
        repair_price: repair_price.unwrap_or(RepairPrice::Standard),
        repair_price_chosen: repair_price.is_some(),
        overrides,
        members,
    })
}

/// Wildcard keys must name something the policy uses: a rate table of one of its categories, or a
/// 大病 segment numbered 1–10. Anything else would be accepted and never read.
fn names_known(pol: &Policy, key: &str) -> bool {
    let part = key.split('.').nth(2).unwrap_or("");
    if let Some(rates) = crate::policy_schema::rates_named(key) {
        pol.categories.iter().any(|c| c.rates == rates)
    } else if key.starts_with("major.segment.") {
        matches!(part.parse::<u32>(), Ok(1..=10)) && !part.starts_with('0')
    } else {
        true
    }
}

/// The 集中参保期 for a benefit year: in the year before it, on the policy's (or the user's) days.
/// Kept per thread for a policy and year without overrides ([`Rules::kept`]): validation and the
/// wait ask for it on every line of a batch.
pub fn window_for(
    pol: &'static Policy,
    overrides: &[Override],
    year: i32,
) -> Option<(NaiveDate, NaiveDate)> {
    let rules = Rules {
        policy: pol,
        overrides,
        year,
    };
    // The page computes one scenario at a time: keeping it there only cost bytes.
    if cfg!(target_arch = "wasm32") {
        return window(&rules);
    }
    rules.kept(window).map(|w| *w)
}

fn window(rules: &Rules) -> Option<(NaiveDate, NaiveDate)> {
    let Rules {
        policy: pol,
        overrides,
        year,
    } = *rules;
    let day = |key: &str| -> Option<NaiveDate> {
        let v = overrides
            .iter()
            .find(|o| o.key == key)
            .map(|o| o.value)
            .or_else(|| pol.param(key).map(|p| p.at(year).value));
        match v {
            // A window day of 29 February falls on the 28th in a common year.
            Some(Value::MonthDay(m, d)) => NaiveDate::from_ymd_opt(year - 1, m, d)
                .or_else(|| NaiveDate::from_ymd_opt(year - 1, m, d - 1)),
            _ => None,
        }
    };
    let (start, end) = (day("window.start")?, day("window.end")?);
    (start <= end).then_some((start, end))
}

/// The user's values, checked against the policy's values in force in `year` (only a value that
/// is not official may be replaced).
fn read_overrides(v: &Json, pol: &Policy, year: i32, p: &mut Problems) -> Vec<Override> {
    let Json::Obj(entries) = v else {
        p.add(
            "overrides",
            format!("自填参数应为对象,收到的是{}", v.kind_zh()),
        );
        return Vec::new();
    };
    if entries.len() > MAX_OVERRIDES {
        p.add("overrides", format!("自填参数最多{MAX_OVERRIDES}项"));
        return Vec::new();
    }
    let mut out: Vec<Override> = Vec::new();
    // Unlike elsewhere, null is not "not filled" here: an override exists only to change a value,
    // so a key set to null is a value that is not one (docs/scenario.md §2.9). A key is a
    // duplicate whatever its first value was, null or invalid included.
    let mut seen: Vec<&str> = Vec::new();
    for (key, raw) in entries {
        let path = format!("overrides.{key}");
        if seen.contains(&key.as_ref()) {
            p.add(&path, "字段重复");
            continue;
        }
        seen.push(key);
        if let Some(cat) = key
            .strip_prefix("categories.")
            .and_then(|k| k.strip_suffix(".premium"))
        {
            match pol.category(cat).map(|c| (c, c.premium_at(year))) {
                Some((c, d)) if d.cite.status != policy::Status::Official => {
                    match parse_param(Kind::Money, raw) {
                        Some(value) => out.push(Override {
                            key: key.to_string(),
                            value,
                        }),
                        None => p.add(
                            &path,
                            format!("「{}」个人缴费标准无效:{}", c.label, kind_hint(Kind::Money)),
                        ),
                    }
                }
                Some((c, d)) => p.add(
                    &path,
                    format!(
                        "「{}」的个人缴费标准是官方公布的数值({}元),不能修改",
                        c.label, d.shown
                    ),
                ),
                None => p.add(&path, format!("{}没有「{}」这类人员", pol.name, clip(cat))),
            }
            continue;
        }
        let Some(spec) = schema::spec_for(key).filter(|_| names_known(pol, key)) else {
            p.add(&path, format!("未知参数「{}」", clip(key)));
            continue;
        };
        if let Some(d) = pol.param(key).map(|x| x.at(year)) {
            if d.cite.status == policy::Status::Official {
                p.add(
                    &path,
                    format!("「{}」是官方公布的数值({}),不能修改", spec.label, d.shown),
                );
                continue;
            }
        }
        if let Some(value) = parse_param(spec.kind, raw) {
            out.push(Override {
                key: key.to_string(),
                value,
            });
        } else {
            p.add(
                &path,
                format!("「{}」的值无效:{}", spec.label, kind_hint(spec.kind)),
            );
        }
    }
    check_window(pol, &out, year, p);
    check_segments(pol, &out, year, p);
    out
}

/// A parameter as the estimate will see it in `year`: the user's value, else the policy's.
fn effective(pol: &Policy, overrides: &[Override], year: i32, key: &str) -> Option<Value> {
    overrides
        .iter()
        .find(|o| o.key == key)
        .map(|o| o.value)
        .or_else(|| pol.param(key).map(|x| x.at(year).value))
}

/// The path of the user's value for `key`, when the user set it.
fn user_path(overrides: &[Override], key: &str) -> Option<String> {
    overrides
        .iter()
        .any(|o| o.key == key)
        .then(|| format!("overrides.{key}"))
}

/// The 集中参保期 is one stretch of days in the year before the benefit year: its start may not
/// fall after its end. Only the user's days can break this (the build refuses a policy whose own
/// window is reversed), so the message names the day the user set.
fn check_window(pol: &Policy, overrides: &[Override], year: i32, p: &mut Problems) {
    let (Some(Value::MonthDay(sm, sd)), Some(Value::MonthDay(em, ed))) = (
        effective(pol, overrides, year, "window.start"),
        effective(pol, overrides, year, "window.end"),
    ) else {
        return;
    };
    if (sm, sd) <= (em, ed) {
        return;
    }
    let path = user_path(overrides, "window.start")
        .or_else(|| user_path(overrides, "window.end"))
        .unwrap_or_default();
    p.add(
        &path,
        format!("集中参保期开始日({sm:02}-{sd:02})不能晚于截止日({em:02}-{ed:02})"),
    );
}

/// 大病保险 segments, the policy's overlaid with the user's, are walked as the estimate walks them
/// (crate::reimbursement): segment 1, 2, … while each has a rate and the one before has an upper
/// bound. Each bound must be above the one before (otherwise a band would be counted twice), the
/// last segment reached must be open-ended (otherwise spending above it would be paid by no
/// segment), and a segment the user filled in must be reached (otherwise it would be accepted
/// and never used).
fn check_segments(pol: &Policy, overrides: &[Override], year: i32, p: &mut Problems) {
    let rate = |i: u32| format!("major.segment.{i}.rate");
    let up_to = |i: u32| format!("major.segment.{i}.up_to");
    let money = |key: &str| match effective(pol, overrides, year, key) {
        Some(Value::Money(m)) => Some(m),
        _ => None,
    };
    let mut reached = 0;
    let mut below: Option<Decimal> = None;
    while reached < 10 && effective(pol, overrides, year, &rate(reached + 1)).is_some() {
        reached += 1;
        let Some(top) = money(&up_to(reached)) else {
            break;
        };
        if let Some(prev) = below.filter(|prev| top <= *prev) {
            let (i, prev_key) = (reached, up_to(reached - 1));
            match user_path(overrides, &up_to(i)) {
                Some(path) => p.add(
                    &path,
                    format!(
                        "大病保险第{i}段上限({top}元)应高于第{}段上限({prev}元)",
                        i - 1
                    ),
                ),
                None => p.add(
                    &user_path(overrides, &prev_key).unwrap_or_default(),
                    format!(
                        "大病保险第{}段上限({prev}元)应低于第{i}段上限({top}元)",
                        i - 1
                    ),
                ),
            }
        }
        below = Some(top);
    }
    if let (Some(top), Some(path)) = (
        money(&up_to(reached)),
        user_path(overrides, &up_to(reached)),
    ) {
        p.add(
            &path,
            format!(
                "大病保险第{reached}段有上限({top}元)却没有第{}段:超过的部分没有哪一段来算。请再填第{}段的报销比例;不封顶就不要填上限",
                reached + 1,
                reached + 1
            ),
        );
    }
    for o in overrides {
        let index = o
            .key
            .strip_prefix("major.segment.")
            .and_then(|k| k.split('.').next())
            .and_then(|n| n.parse::<u32>().ok());
        if let Some(i) = index.filter(|i| *i > reached) {
            let why = if reached > 0 && money(&up_to(reached)).is_none() {
                format!("第{reached}段不封顶(没有上限)")
            } else {
                format!("第{}段没有报销比例", reached + 1)
            };
            p.add(
                &format!("overrides.{}", o.key),
                format!("大病保险第{i}段用不到:{why}"),
            );
        }
    }
}

fn kind_hint(kind: Kind) -> &'static str {
    match kind {
        Kind::Months => "应为0—24的整数(月)",
        Kind::Count => "应为1—50的整数",
        Kind::Money => "应为0—10000000元之间的金额,最多两位小数",
        Kind::MoneyOrNone => "应为0—10000000元之间的金额,或 \"none\" 表示不设上限",
        Kind::Rate => "应为0—1之间的比例,例如 0.65 表示65%",
        Kind::MonthDay => "应为 \"MM-DD\" 格式的日期,例如 \"12-31\"",
        Kind::DayRanges => "是政策规定的业务办理日,不能自填",
    }
}

/// Parses a parameter value by the grammar and ranges the build script applies to policy files.
pub fn parse_param(kind: Kind, raw: &Json) -> Option<Value> {
    match (kind, raw) {
        (Kind::MoneyOrNone, Json::Str(s)) if s.trim() == "none" => return Some(Value::Unlimited),
        (Kind::MonthDay, Json::Str(s)) => {
            return grammar::month_day(s.trim()).map(|(m, d)| Value::MonthDay(m, d))
        }
        (Kind::MonthDay, _) | (Kind::DayRanges, _) => return None,
        _ => {}
    }
    let whole = |range: std::ops::RangeInclusive<i64>| {
        whole_number(raw)?
            .ok()
            .filter(|n| range.contains(n))
            .and_then(|n| u32::try_from(n).ok())
    };
    match kind {
        Kind::Months => whole(0..=24).map(Value::Months),
        Kind::Count => whole(1..=50).map(Value::Count),
        Kind::Money | Kind::MoneyOrNone => {
            let x = number(raw)?.ok()?;
            grammar::amount(&x)
                .ok()
                .map(|d| Value::Money(d.normalize()))
        }
        Kind::Rate => grammar::rate(&number(raw)?.ok()?).ok().map(Value::Rate),
        Kind::MonthDay | Kind::DayRanges => None,
    }
}

/// The number a JSON value holds, read by the grammar (docs/scenario.md §1.1): a JSON number by
/// its value, text as a person types it. `None` when it is neither.
fn number(raw: &Json) -> Option<Result<grammar::Exact, Refusal>> {
    match raw {
        Json::Num(n) => Some(grammar::json_number(n)),
        Json::Str(s) => Some(grammar::text_number(s)),
        _ => None,
    }
}

/// A whole number: a JSON number whose value is whole, or integer text (no decimal point).
fn whole_number(raw: &Json) -> Option<Result<i64, Refusal>> {
    match raw {
        Json::Num(n) => Some(grammar::json_number(n).and_then(|x| grammar::integer(&x))),
        Json::Str(s) => Some(grammar::text_integer(s)),
        _ => None,
    }
}

/// A member's fields, in the order a message lists them. The CLI's CSV columns are these too
/// (`spending` as its own fields).
pub const MEMBER_KEYS: [&str; 12] = [
    "name",
    "role",
    "category",
    "subsidy_group",
    "birth_date",
    "minor",
    "history",
    "payment_date",
    "repair_years",
    "health_plan",
    "insured_elsewhere",
    "spending",
];

fn read_member(
    v: &Json,
    path: &str,
    pol: &'static Policy,
    year: i32,
    window: Option<(NaiveDate, NaiveDate)>,
    has: &dyn Fn(&str) -> bool,
    p: &mut Problems,
) -> Option<Member> {
    let f = Fields::of(v, path, "参保人", p)?;
    f.reject_unknown(&MEMBER_KEYS, p);
    let before = p.len();
    let name = match f.get("name") {
        None => String::new(),
        Some(Json::Str(s)) if s.chars().count() <= MAX_NAME_CHARS => s.trim().to_string(),
        Some(Json::Str(_)) => {
            p.add(&f.path_of("name"), format!("称呼最多{MAX_NAME_CHARS}个字"));
            String::new()
        }
        Some(o) => {
            p.add(
                &f.path_of("name"),
                format!("称呼应为文字,收到的是{}", o.kind_zh()),
            );
            String::new()
        }
    };
    let role = match f.get("role") {
        None => Some(Role::Me),
        Some(Json::Str(s)) => match s.as_ref() {
            "self" => Some(Role::Me),
            "spouse" => Some(Role::Spouse),
            "child" => Some(Role::Child),
            "parent" => Some(Role::Parent),
            "other" => Some(Role::Other),
            _ => {
                p.add(&f.path_of("role"), "家庭关系只能是 self(本人)、spouse(配偶)、child(子女)、parent(父母)、other(其他)");
                None
            }
        },
        Some(o) => {
            p.add(
                &f.path_of("role"),
                format!("家庭关系应为文字,收到的是{}", o.kind_zh()),
            );
            None
        }
    };

    let category = match f.get("category") {
        Some(Json::Str(key)) => {
            let c = pol.category(key);
            if c.is_none() {
                let known: Vec<_> = pol
                    .categories
                    .iter()
                    .map(|c| format!("{}({})", c.key, c.label))
                    .collect();
                p.add(
                    &f.path_of("category"),
                    format!(
                        "{}没有「{}」这类人员,可选:{}",
                        pol.name,
                        clip(key),
                        known.join("、")
                    ),
                );
            }
            c
        }
        None => {
            p.add(&f.path_of("category"), "请选择人员类别");
            None
        }
        Some(o) => {
            p.add(
                &f.path_of("category"),
                format!("人员类别应为文字,收到的是{}", o.kind_zh()),
            );
            None
        }
    };

    let subsidy_group = match f.get("subsidy_group") {
        None => None,
        Some(Json::Str(key)) => {
            let g = pol.subsidy_group(key);
            if g.is_none() {
                if pol.subsidy_groups.is_empty() {
                    p.add(
                        &f.path_of("subsidy_group"),
                        format!("{}的资料中没有参保资助人群,请不要填写", pol.name),
                    );
                } else {
                    let known: Vec<_> = pol
                        .subsidy_groups
                        .iter()
                        .map(|g| format!("{}({})", g.key, g.label))
                        .collect();
                    p.add(
                        &f.path_of("subsidy_group"),
                        format!("未知的资助人群「{}」,可选:{}", clip(key), known.join("、")),
                    );
                }
            }
            g
        }
        Some(o) => {
            p.add(
                &f.path_of("subsidy_group"),
                format!("资助人群应为文字,收到的是{}", o.kind_zh()),
            );
            None
        }
    };

    let payment_date = date(&f, "payment_date", "缴费日期", p);
    if f.get("payment_date").is_none() {
        p.add(&f.path_of("payment_date"), "请填写缴费日期,例如今天的日期");
    }
    if let Some(d) = payment_date {
        let year_end = NaiveDate::from_ymd_opt(year, 12, 31)?;
        if d > year_end {
            p.add(
                &f.path_of("payment_date"),
                format!("缴费日期{d}晚于待遇年度结束日{year_end},无法享受{year}年待遇"),
            );
        } else if let Some((start, _)) = window {
            if d < start {
                p.add(
                    &f.path_of("payment_date"),
                    format!("缴费日期{d}早于{year}年度集中参保期开始日{start}"),
                );
            }
        }
    }

    let birth_date = date(&f, "birth_date", "出生日期", p);
    let is_newborn = category
        .map(|c| c.kind == CategoryKind::Newborn)
        .unwrap_or(false);
    match (is_newborn, birth_date, payment_date) {
        (true, None, _) if f.get("birth_date").is_none() => {
            p.add(&f.path_of("birth_date"), "新生儿请填写出生日期");
        }
        (true, Some(b), _) if b.year() < year - 1 => {
            p.add(
                &f.path_of("birth_date"),
                format!(
                    "出生日期{b}早于{}年,按{year}年度不属于新生儿,请选择其他类别",
                    year - 1
                ),
            );
        }
        (_, Some(b), Some(pay)) if b > pay => {
            p.add(
                &f.path_of("birth_date"),
                format!("出生日期{b}晚于缴费日期{pay}"),
            );
        }
        (_, Some(b), _) if b.year() < 1900 => {
            p.add(&f.path_of("birth_date"), "出生日期不能早于1900年");
        }
        _ => {}
    }

    let minor = match f.get("minor") {
        None => category.map(|c| c.kind.minor_by_default()).unwrap_or(false),
        Some(Json::Bool(b)) => *b,
        Some(o) => {
            p.add(
                &f.path_of("minor"),
                format!("是否未成年应为 true/false,收到的是{}", o.kind_zh()),
            );
            false
        }
    };
    let health_plan = boolean(&f, "health_plan", "是否参加补充保险", p);
    if health_plan && !has("contribution.health_plan") {
        p.add(
            &f.path_of("health_plan"),
            format!("{}的资料中没有补充商业保险,请不要勾选", pol.name),
        );
    }

    let problems_before = p.len();
    let mut history = read_history(&f, year, is_newborn, p);
    // The run of lapsed years is only known from a whole history: with the history refused, the
    // repair years are checked once it is put right (no count from an incomplete list).
    let history_whole = p.len() == problems_before;
    // A8: 「2025年以来在别处参保过吗」. Yes: the years not enrolled here were insured elsewhere, so
    // none of them is a 断保 (neither for the wait nor for the 大病 penalty).
    let insured_elsewhere = match f.get("insured_elsewhere") {
        None => None,
        Some(Json::Bool(b)) => Some(*b),
        Some(o) => {
            p.add(
                &f.path_of("insured_elsewhere"),
                format!(
                    "2025年以来是否在别处参保过应为 true/false,收到的是{}",
                    o.kind_zh()
                ),
            );
            None
        }
    };
    if insured_elsewhere == Some(true) {
        for r in history.iter_mut().filter(|r| !r.enrolled) {
            r.elsewhere = true;
        }
    }
    let lapsed = crate::enrollment::lapsed_run(&history, year, birth_date.map(|b| b.year()));
    let repair_years = int(&f, "repair_years", "补缴年数", p).unwrap_or(0);
    if repair_years < 0 {
        p.add(&f.path_of("repair_years"), "补缴年数不能为负数");
    } else if history_whole && repair_years > i64::from(lapsed) {
        p.add(
            &f.path_of("repair_years"),
            format!("补缴年数({repair_years})多于紧接待遇年度之前的连续断保年数({lapsed})"),
        );
    } else if repair_years > 0
        && category.is_some_and(|c| {
            matches!(
                c.exemption,
                policy::Exemption::NoWait | policy::Exemption::EarlyCover
            )
        })
    {
        let label = category.map(|c| c.label).unwrap_or_default();
        p.add(
            &f.path_of("repair_years"),
            format!("{label}不设待遇等待期,补缴不会让待遇提前,请填0"),
        );
    }

    let spending = match f.get("spending") {
        None => Some(Spending::default()),
        Some(s) => read_spending(s, &f.path_of("spending"), pol, year, minor, has, p),
    };

    if p.len() > before {
        return None;
    }
    Some(Member {
        name,
        role: role?,
        category: category?,
        subsidy_group,
        birth_date,
        minor,
        history,
        payment_date: payment_date?,
        repair_years: u32::try_from(repair_years).ok()?,
        health_plan,
        insured_elsewhere,
        spending: spending?,
    })
}

fn read_history(f: &Fields, year: i32, newborn: bool, p: &mut Problems) -> Vec<YearRecord> {
    let path = f.path_of("history");
    let expected = usize::try_from(year - FIRST_YEAR).unwrap_or(0);
    let items = match f.get("history") {
        None if expected == 0 || newborn => return Vec::new(),
        None => {
            p.add(&path, format!("请填写{}是否参保", years_zh(year)));
            return Vec::new();
        }
        Some(Json::Arr(a)) => a,
        Some(o) => {
            p.add(&path, format!("参保记录应为列表,收到的是{}", o.kind_zh()));
            return Vec::new();
        }
    };
    if newborn && items.is_empty() {
        return Vec::new();
    }
    if items.len() != expected {
        p.add(
            &path,
            if expected == 0 {
                format!("待遇年度为{year}年时不需要填写往年参保记录")
            } else {
                let years = years_zh(year);
                format!(
                    "请按年份顺序填写{}共{expected}年的参保记录,收到{}条",
                    years.strip_suffix("每年").unwrap_or(&years),
                    items.len()
                )
            },
        );
        return Vec::new();
    }
    let mut out = Vec::new();
    for (i, item) in items.iter().enumerate() {
        let ipath = item_path(&path, i);
        let Some(r) = Fields::of(item, &ipath, "参保记录", p) else {
            continue;
        };
        r.reject_unknown(&["year", "enrolled", "zero_claim", "used_bonus"], p);
        let want = FIRST_YEAR + i as i32;
        match int(&r, "year", "年份", p) {
            Some(y) if y == i64::from(want) => {}
            Some(y) => p.add(
                &r.path_of("year"),
                format!("第{}条应为{want}年,收到{y}年(请按年份顺序填写)", i + 1),
            ),
            None => {}
        }
        let enrolled = match r.get("enrolled") {
            Some(Json::Bool(b)) => *b,
            _ => {
                p.add(&r.path_of("enrolled"), format!("请说明{want}年是否参保"));
                false
            }
        };
        let zero_claim = boolean(&r, "zero_claim", "是否零报销", p);
        let used_bonus = boolean(&r, "used_bonus", "大病报销是否用了奖励额度", p);
        if !enrolled && (zero_claim || used_bonus) {
            p.add(&ipath, format!("{want}年未参保,不能填写零报销或大病报销"));
        }
        if zero_claim && used_bonus {
            p.add(&ipath, format!("{want}年不能既是零报销又有大病报销"));
        }
        out.push(YearRecord {
            year: want,
            enrolled,
            zero_claim,
            used_bonus,
            elsewhere: false,
        });
    }
    out
}

fn read_spending(
    v: &Json,
    path: &str,
    pol: &Policy,
    year: i32,
    minor: bool,
    has: &dyn Fn(&str) -> bool,
    p: &mut Problems,
) -> Option<Spending> {
    let f = Fields::of(v, path, "预计医疗花费", p)?;
    f.reject_unknown(
        &[
            "outpatient",
            "chronic",
            "stays",
            "childbirth",
            "special_rehab",
        ],
        p,
    );
    let before = p.len();
    let outpatient = amount(&f, "outpatient", "普通门诊花费", p).unwrap_or_default();

    let chronic = f.get("chronic").and_then(|c| {
        let cf = Fields::of(c, &f.path_of("chronic"), "两病用药", p)?;
        cf.reject_unknown(&["condition", "drugs"], p);
        let condition = match cf.get("condition") {
            Some(Json::Str(s)) if s == "hypertension" => Some(ChronicCondition::Hypertension),
            Some(Json::Str(s)) if s == "diabetes" => Some(ChronicCondition::Diabetes),
            Some(Json::Str(s)) if s == "both" => Some(ChronicCondition::Both),
            _ => {
                p.add(
                    &cf.path_of("condition"),
                    "两病类型只能是 hypertension(高血压)、diabetes(糖尿病)、both(两病都有)",
                );
                None
            }
        };
        let drugs = amount(&cf, "drugs", "两病门诊用药花费", p).unwrap_or_default();
        Some((condition?, drugs))
    });

    let stays = match f.get("stays") {
        None => Vec::new(),
        Some(Json::Arr(a)) if a.len() > MAX_STAYS => {
            p.add(&f.path_of("stays"), format!("住院最多填写{MAX_STAYS}次"));
            Vec::new()
        }
        Some(Json::Arr(a)) => a
            .iter()
            .enumerate()
            .filter_map(|(i, s)| {
                let sf = Fields::of(s, &item_path(&f.path_of("stays"), i), "住院", p)?;
                sf.reject_unknown(&["level", "month", "date", "amount"], p);
                let level = match sf.get("level") {
                    Some(Json::Str(s)) if s == "primary" => Some(Level::Primary),
                    Some(Json::Str(s)) if s == "secondary" => Some(Level::Secondary),
                    Some(Json::Str(s)) if s == "tertiary" => Some(Level::Tertiary),
                    _ => {
                        p.add(
                            &sf.path_of("level"),
                            "医院级别只能是 primary(一级/基层)、secondary(二级)、tertiary(三级)",
                        );
                        None
                    }
                };
                let when = when(&sf, year, "住院", p);
                let amount = match sf.get("amount") {
                    None => {
                        p.add(&sf.path_of("amount"), "请填写住院花费");
                        None
                    }
                    Some(_) => amount(&sf, "amount", "住院花费", p),
                };
                Some(Stay {
                    level: level?,
                    when: when?,
                    amount: amount?,
                })
            })
            .collect(),
        Some(o) => {
            p.add(
                &f.path_of("stays"),
                format!("住院应为列表,收到的是{}", o.kind_zh()),
            );
            Vec::new()
        }
    };

    let childbirth = f.get("childbirth").and_then(|c| {
        let cf = Fields::of(c, &f.path_of("childbirth"), "生育", p)?;
        cf.reject_unknown(&["child_order", "month", "date"], p);
        let order = match int(&cf, "child_order", "第几孩", p) {
            Some(n) if (1..=10).contains(&n) => Some(n as u32),
            Some(_) => {
                p.add(&cf.path_of("child_order"), "第几孩应为1—10");
                None
            }
            None if cf.get("child_order").is_none() => {
                p.add(&cf.path_of("child_order"), "请填写这是第几个孩子");
                None
            }
            None => None,
        };
        let w = when(&cf, year, "生育", p);
        Some((order?, w?))
    });

    let special_rehab = f.get("special_rehab").and_then(|c| {
        let cf = Fields::of(c, &f.path_of("special_rehab"), "特定疾病儿童康复", p)?;
        cf.reject_unknown(&["condition", "amount"], p);
        let condition = match cf.get("condition") {
            Some(Json::Str(s)) if s == "cerebral_palsy" => Some(SpecialCondition::CerebralPalsy),
            Some(Json::Str(s)) if s == "autism" => Some(SpecialCondition::Autism),
            Some(Json::Str(s)) if s == "congenital_heart" => Some(SpecialCondition::CongenitalHeart),
            _ => {
                p.add(&cf.path_of("condition"), "疾病只能是 cerebral_palsy(脑瘫)、autism(孤独症)、congenital_heart(先天性心脏病)");
                None
            }
        };
        if !minor {
            p.add(&cf.path_of("condition"), "特定疾病康复保障只适用于儿童(未成年人)");
        }
        if !has("special_children.rate") {
            p.add(&cf.path_of("condition"), format!("{}的资料中没有特定疾病儿童康复保障,无法估算", pol.name));
        }
        let amt = amount(&cf, "amount", "康复花费", p).unwrap_or_default();
        Some((condition?, amt))
    });

    if p.len() > before {
        return None;
    }
    Some(Spending {
        outpatient,
        chronic,
        stays,
        childbirth,
        special_rehab,
    })
}

/// `month` (1–12) or `date` inside the benefit year.
fn when(f: &Fields, year: i32, what: &str, p: &mut Problems) -> Option<When> {
    match (f.get("month"), f.get("date")) {
        (Some(_), Some(_)) => {
            p.add(
                &f.path_of("month"),
                format!("{what}请只填月份或日期其中一项"),
            );
            None
        }
        (Some(_), None) => match int(f, "month", "月份", p) {
            Some(m) if (1..=12).contains(&m) => Some(When::Month(m as u32)),
            Some(_) => {
                p.add(&f.path_of("month"), "月份应为1—12");
                None
            }
            None => None,
        },
        (None, Some(_)) => {
            let d = date(f, "date", "日期", p)?;
            if d.year() != year {
                p.add(
                    &f.path_of("date"),
                    format!("{what}日期{d}不在待遇年度{year}年内"),
                );
                return None;
            }
            Some(When::Day(d))
        }
        (None, None) => {
            p.add(&f.path_of("month"), format!("请填写{what}的月份或日期"));
            None
        }
    }
}

/// An integer field. Any whole number is read (an i64 holds more than any field allows); the
/// field's own range then says what it needs, so 1000001 is "out of range", not "not an integer".
fn int(f: &Fields, key: &str, label: &str, p: &mut Problems) -> Option<i64> {
    let raw = f.get(key)?;
    // The value as the message echoes it: written only when there is a message (whole_number
    // reads numbers and text only).
    let shown = || match raw {
        Json::Str(s) => format!("「{}」", clip(s)),
        Json::Num(n) => clip(n),
        _ => String::new(),
    };
    let Some(read) = whole_number(raw) else {
        p.add(
            &f.path_of(key),
            format!("{label}应为整数,收到的是{}", raw.kind_zh()),
        );
        return None;
    };
    match read {
        Ok(n) => Some(n),
        Err(Refusal::TooLarge) => {
            // Not echoed: beyond a double's digits the number shown would not be the one written.
            p.add(&f.path_of(key), format!("{label}的数值超出范围"));
            None
        }
        Err(Refusal::TooLong) => {
            p.add(
                &f.path_of(key),
                format!("{label}的数字太长(最多{}个字符)", grammar::MAX_TEXT),
            );
            None
        }
        Err(_) => {
            p.add(&f.path_of(key), format!("{label}应为整数,收到{}", shown()));
            None
        }
    }
}

fn boolean(f: &Fields, key: &str, label: &str, p: &mut Problems) -> bool {
    match f.get(key) {
        None => false,
        Some(Json::Bool(b)) => *b,
        Some(o) => {
            p.add(
                &f.path_of(key),
                format!("{label}应为 true/false,收到的是{}", o.kind_zh()),
            );
            false
        }
    }
}

fn amount(f: &Fields, key: &str, label: &str, p: &mut Problems) -> Option<Decimal> {
    let raw = f.get(key)?;
    let text = match raw {
        Json::Num(n) => n.as_ref(),
        Json::Str(s) => s.trim(),
        o => {
            p.add(
                &f.path_of(key),
                format!("{label}应为金额(元),收到的是{}", o.kind_zh()),
            );
            return None;
        }
    };
    if text.is_empty() {
        return Some(Decimal::ZERO);
    }
    let why = match number(raw)?.and_then(|x| grammar::amount(&x)) {
        Ok(d) => return Some(d.normalize()),
        Err(Refusal::Exponent) => {
            format!("「{}」不是金额,请直接写数字,例如 1500.50", clip(text))
        }
        Err(Refusal::TooLong) => {
            format!("数字太长(最多{}个字符),请去掉多余的0", grammar::MAX_TEXT)
        }
        Err(Refusal::Negative) => "不能为负数".to_string(),
        Err(Refusal::TooLarge) => format!("超过上限{MAX_MONEY}元"),
        Err(Refusal::TooManyDecimals) => "最多两位小数".to_string(),
        // Said with what to write instead: a person typing 「2万」 or 「1,200元」 meant an amount.
        Err(Refusal::NotANumber | Refusal::NotAnInteger) => {
            format!("「{}」不是金额,请只填数字,例如 1200", clip(text))
        }
    };
    p.add(&f.path_of(key), format!("{label}无效:{why}"));
    None
}

fn date(f: &Fields, key: &str, label: &str, p: &mut Problems) -> Option<NaiveDate> {
    let raw = f.get(key)?;
    let Json::Str(s) = raw else {
        p.add(
            &f.path_of(key),
            format!(
                "{label}应为 YYYY-MM-DD 格式的文字,收到的是{}",
                raw.kind_zh()
            ),
        );
        return None;
    };
    let s = s.trim();
    let why = match grammar::date(s) {
        Ok(d) if (1900..=2100).contains(&d.year()) => return Some(d),
        Ok(_) => "年份应在1900—2100之间",
        Err(DateRefusal::NoSuchDay) => "这一天不存在",
        Err(DateRefusal::NotTheForm) => "请按 YYYY-MM-DD 填写,例如 2025-03-15",
    };
    p.add(&f.path_of(key), format!("{label}「{}」无效:{why}", clip(s)));
    None
}

/// "2025年" or "2025—2027年每年": the history years before `year`, for messages.
fn years_zh(year: i32) -> String {
    if year - 1 == FIRST_YEAR {
        format!("{FIRST_YEAR}年")
    } else {
        format!("{FIRST_YEAR}—{}年每年", year - 1)
    }
}
