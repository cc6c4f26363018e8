//! The vocabulary of policy files: every parameter key a policy may set, its kind, its range and its
//! Chinese label. This one file is read by the build script (to reject unknown keys, wrong kinds and
//! out-of-range numbers before anything is compiled) and by the library (to label parameters in the
//! result). It uses nothing but `core`, so both can include it.

/// What kind of value a parameter holds. The build script parses the TOML value by this kind.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    /// A whole number of months, 0–24.
    Months,
    /// A whole number of years or admissions, 1–50.
    Count,
    /// An amount in yuan (string or number), 0–10,000,000, at most two decimals.
    Money,
    /// An amount in yuan, or the string "none" for "no limit known / no limit".
    MoneyOrNone,
    /// A share between 0 and 1 (e.g. "0.65"), at most four decimals.
    Rate,
    /// A calendar day without a year, "MM-DD".
    MonthDay,
    /// Stretches of calendar days, "MM-DD..MM-DD, MM-DD..MM-DD" (e.g. the business days inside
    /// an enrolment window).
    DayRanges,
}

/// One allowed key. `*` in a pattern matches one dotted segment made of `[a-z0-9_]`.
#[derive(Clone, Copy, Debug)]
pub struct KeySpec {
    pub pattern: &'static str,
    pub kind: Kind,
    /// Required keys must be in every policy; optional ones come in blocks (see `BLOCKS`).
    pub required: bool,
    pub label: &'static str,
    /// The value in force when a policy file does not state the key, as the file would write it,
    /// and why (a rule variant a city may change; the default is the reading of the national text).
    pub default: Option<(&'static str, &'static str)>,
}

const fn req(pattern: &'static str, kind: Kind, label: &'static str) -> KeySpec {
    KeySpec {
        pattern,
        kind,
        required: true,
        label,
        default: None,
    }
}
const fn opt(pattern: &'static str, kind: Kind, label: &'static str) -> KeySpec {
    KeySpec {
        pattern,
        kind,
        required: false,
        label,
        default: None,
    }
}
/// An optional key with a default: a city states it only where it differs.
const fn dflt(
    pattern: &'static str,
    kind: Kind,
    label: &'static str,
    value: &'static str,
    why: &'static str,
) -> KeySpec {
    KeySpec {
        pattern,
        kind,
        required: false,
        label,
        default: Some((value, why)),
    }
}

use Kind::*;

pub const SPECS: &[KeySpec] = &[
    req("window.start", MonthDay, "集中参保期开始日(上一年)"),
    req("window.end", MonthDay, "集中参保期截止日(上一年)"),
    opt(
        "window.business_days",
        DayRanges,
        "集中参保期内的缴费业务办理日",
    ),
    req("waiting.fixed_months", Months, "固定待遇等待期(月)"),
    req(
        "waiting.variable_months_per_lapsed_year",
        Months,
        "每断保1年增加的变动等待期(月)",
    ),
    req(
        "waiting.repair_months_per_year",
        Months,
        "每缴费修复1年减少的变动等待期(月)",
    ),
    req(
        "waiting.floor_min_lapsed_years",
        Count,
        "适用修复下限的连续断缴年数",
    ),
    req(
        "waiting.floor_months",
        Months,
        "连续断缴多年时修复后等待期下限(月)",
    ),
    req(
        "cap.continuity_after_years",
        Count,
        "连续参保满几年后开始奖励",
    ),
    req("cap.continuity_step", Money, "连续参保每年提高大病保险限额"),
    req("cap.zero_claim_step", Money, "零报销次年提高大病保险限额"),
    req("cap.bonus_limit_share", Rate, "奖励累计上限(占原封顶线)"),
    req(
        "cap.penalty_per_lapsed_year",
        Money,
        "每断保1年降低大病保险限额",
    ),
    req("cap.penalty_limit_share", Rate, "降低累计上限(占原封顶线)"),
    // 「每多断保1年,重新参保当年…相应降低大病保险最高支付限额」: the penalty is the re-enrollment year's.
    // A city that keeps it for longer states how many years.
    dflt(
        "cap.penalty_years",
        Count,
        "断保降低限额持续的参保年数",
        "1",
        "国办发〔2024〕38号及烟台、张家口的条文都只说断保后再参保降低限额(烟台:「重新参保当年」),未说持续多年;按只降低再参保当年计算",
    ),
    opt("cap.original", Money, "大病保险原封顶线"),
    opt(
        "contribution.government_subsidy",
        Money,
        "财政补助(每人每年)",
    ),
    opt("contribution.health_plan", Money, "补充商业保险保费(每人)"),
    opt(
        "contribution.health_plan_minor_with_parent",
        Money,
        "父母同保时未成年子女补充保险保费",
    ),
    opt("outpatient.rate", Rate, "普通门诊报销比例"),
    opt("outpatient.deductible", Money, "普通门诊起付线"),
    opt(
        "outpatient.annual_limit",
        MoneyOrNone,
        "普通门诊年度支付限额",
    ),
    // The exception to the limit above for the members whose category pays by these rates
    // (Yantai: 一档 200, 二档 350): `outpatient.annual_limit.<rates>`.
    opt(
        "outpatient.annual_limit.*",
        MoneyOrNone,
        "普通门诊年度支付限额(该缴费档次)",
    ),
    opt("chronic.rate", Rate, "两病门诊用药报销比例"),
    opt("chronic.limit_single", Money, "单患高血压或糖尿病年度限额"),
    opt("chronic.limit_both", Money, "同时患两病年度限额"),
    opt(
        "inpatient.deductible.primary",
        Money,
        "住院起付线(一级/基层)",
    ),
    opt("inpatient.deductible.secondary", Money, "住院起付线(二级)"),
    opt("inpatient.deductible.tertiary", Money, "住院起付线(三级)"),
    opt("inpatient.rate.*.primary", Rate, "住院报销比例(一级/基层)"),
    opt("inpatient.rate.*.secondary", Rate, "住院报销比例(二级)"),
    opt("inpatient.rate.*.tertiary", Rate, "住院报销比例(三级)"),
    opt(
        "inpatient.second_admission_deductible_share",
        Rate,
        "年内第二次住院起付线比例",
    ),
    opt(
        "inpatient.third_admission_deductible",
        Money,
        "年内第三次起每次住院起付线",
    ),
    opt("inpatient.annual_limit", Money, "基本医保年度最高支付限额"),
    opt("major.deductible", Money, "大病保险起付线"),
    opt(
        "major.segment.*.up_to",
        Money,
        "大病保险分段上限(起付线以上)",
    ),
    opt("major.segment.*.rate", Rate, "大病保险分段报销比例"),
    opt(
        "major.preferential.deductible_share",
        Rate,
        "困难群众大病起付线比例",
    ),
    opt(
        "major.preferential.rate_bonus",
        Rate,
        "困难群众大病报销比例提高",
    ),
    opt("maternity.second_child", Money, "生育二孩补助"),
    opt("maternity.third_child", Money, "生育三孩及以上补助"),
    opt("special_children.rate", Rate, "特定疾病儿童康复保障比例"),
    opt(
        "special_children.limit",
        MoneyOrNone,
        "特定疾病儿童康复年度限额",
    ),
];

/// Optional keys come in blocks: a policy states a block whole or not at all. A key's block is the
/// first entry whose prefix it starts with. A block with a `*` needs at least one instance.
pub const BLOCKS: &[(&str, &[&str])] = &[
    (
        "contribution.health_plan",
        &[
            "contribution.health_plan",
            "contribution.health_plan_minor_with_parent",
        ],
    ),
    (
        "outpatient.",
        &[
            "outpatient.rate",
            "outpatient.deductible",
            "outpatient.annual_limit",
        ],
    ),
    (
        "chronic.",
        &["chronic.rate", "chronic.limit_single", "chronic.limit_both"],
    ),
    (
        "inpatient.",
        &[
            "inpatient.deductible.primary",
            "inpatient.deductible.secondary",
            "inpatient.deductible.tertiary",
            "inpatient.annual_limit",
        ],
    ),
    (
        "major.preferential.",
        &[
            "major.preferential.deductible_share",
            "major.preferential.rate_bonus",
        ],
    ),
    ("major.", &["major.deductible", "major.segment.1.rate"]),
    (
        "maternity.",
        &["maternity.second_child", "maternity.third_child"],
    ),
    (
        "special_children.",
        &["special_children.rate", "special_children.limit"],
    ),
];

/// Does `key` match `pattern` (segments separated by '.', `*` = one segment of [a-z0-9_])?
/// Byte slices, not `str::split`: every parameter a rule asks for that the policy does not state
/// comes here (through the schema's defaults), and `str::split`'s char searcher cost about 500
/// instructions a key.
pub fn matches(pattern: &str, key: &str) -> bool {
    let mut p = pattern.as_bytes().split(|&b| b == b'.');
    let mut k = key.as_bytes().split(|&b| b == b'.');
    loop {
        match (p.next(), k.next()) {
            (None, None) => return true,
            (Some(b"*"), Some(seg)) => {
                let ok = !seg.is_empty()
                    && seg
                        .iter()
                        .all(|&b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_');
                if !ok {
                    return false;
                }
            }
            (Some(a), Some(b)) if a == b => {}
            _ => return false,
        }
    }
}

/// The spec a key falls under, if any.
pub fn spec_for(key: &str) -> Option<&'static KeySpec> {
    SPECS.iter().find(|s| matches(s.pattern, key))
}

/// Keys whose third segment names a rate table (`categories.*.rates`): a value for the members whose
/// category pays by that table (inpatient rates by level; a 普通门诊 limit for one payment tier).
pub const PER_RATES: &[&str] = &["inpatient.rate.", "outpatient.annual_limit."];

/// The rate table a per-table key names (`inpatient.rate.tier1.primary` → `tier1`), or None.
pub fn rates_named(key: &str) -> Option<&str> {
    PER_RATES
        .iter()
        .find(|p| key.starts_with(*p))
        .and_then(|_| key.split('.').nth(2))
}

/// Category kinds the rules know how to treat. A policy's categories each name one.
pub const CATEGORY_KINDS: &[(&str, &str)] = &[
    ("adult", "成年居民"),
    ("student", "在校学生(中小学)"),
    ("university", "大学生、技工院校学生"),
    ("minor", "其他未成年居民"),
    ("newborn", "新生儿"),
    ("special", "特殊群体(退役军人家属、医疗救助对象等)"),
];

/// How a category stands to the waiting period.
pub const EXEMPTIONS: &[(&str, &str)] = &[
    ("none", "不免除待遇等待期"),
    (
        "no_wait",
        "不设待遇等待期,自缴费之日起享受(不早于待遇年度1月1日)",
    ),
    (
        "early_cover",
        "不设待遇等待期,缴费之日起至次年12月31日享受待遇",
    ),
    (
        "unknown",
        "政策未明确是否免除等待期(按不免除计算,并给出免除时的结果)",
    ),
];

/// Statuses a cited value may carry.
pub const STATUSES: &[&str] = &["official", "unverified"];

/// The largest amount (yuan) accepted anywhere: in policy files and in scenarios.
pub const MAX_MONEY: u64 = 10_000_000;
