//! `policies()`: what the page and the CLI need to know about each compiled policy — ids, names,
//! the years covered, categories, subsidy groups and every parameter with its citation.

use crate::decimal::Decimal;
use serde::Serialize;

use crate::policy::{self, CategoryKind, Exemption, Policy, Reading, Source};
use crate::policy_schema::{self, Kind};
use crate::rules::ParamRef;

#[derive(Serialize)]
pub struct CategoryInfo {
    pub key: &'static str,
    pub label: &'static str,
    pub help: &'static str,
    pub kind: CategoryKind,
    /// Which `inpatient.rate.<table>.*` the category uses.
    pub rates: &'static str,
    pub minor_by_default: bool,
    #[serde(serialize_with = "crate::money::money")]
    pub premium: Decimal,
    pub exemption: Exemption,
    pub premium_source: ParamRef,
    pub exemption_source: ParamRef,
}

#[derive(Serialize)]
pub struct GroupInfo {
    pub key: &'static str,
    pub label: &'static str,
    pub share: Decimal,
    pub preferential: bool,
    pub share_source: ParamRef,
    pub preferential_source: ParamRef,
}

/// A policy parameter as the page lists it: its citation's fields, then how to edit it. Written
/// out rather than `#[serde(flatten)]`ing a [`ParamRef`]: flatten serialises through a map, which
/// cost 4 KB of wasm and made serde-wasm-bindgen build every key afresh.
#[derive(Serialize)]
pub struct ParamInfo {
    pub key: &'static str,
    pub label: &'static str,
    pub value: &'static str,
    pub status: policy::Status,
    pub document: &'static str,
    pub quote: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub note: Option<&'static str>,
    pub kind: &'static str,
    /// Users may replace it (it is not official).
    pub editable: bool,
    /// The first year `value` is in force; earlier years' values are in `earlier` (dated values).
    pub from: i32,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub earlier: Vec<EarlierValue>,
}

/// A value a dated parameter had before the one the catalogue shows.
#[derive(Serialize)]
pub struct EarlierValue {
    pub from: i32,
    pub value: &'static str,
    pub status: policy::Status,
    pub document: &'static str,
    pub quote: &'static str,
}

#[derive(Serialize)]
pub struct PolicyInfo {
    pub id: &'static str,
    /// This policy's rules version (its file and the sources it cites).
    pub version: &'static str,
    /// Its place in the list of cities.
    pub order: u32,
    pub name: &'static str,
    pub title: &'static str,
    pub base_year: i32,
    pub last_year: i32,
    pub default_reading: Reading,
    /// The national baseline: no city's own channels, dates or amounts.
    pub baseline: bool,
    pub window: (String, String),
    pub notes: &'static [&'static str],
    pub sources: &'static [Source],
    pub categories: Vec<CategoryInfo>,
    pub subsidy_groups: Vec<GroupInfo>,
    pub parameters: Vec<ParamInfo>,
    /// Which optional blocks the policy has: "outpatient", "chronic", "inpatient", "major",
    /// "maternity", "special_children", "health_plan".
    pub features: Vec<&'static str>,
    /// Parameters the policy does not state but the user may fill in (`overrides`), e.g. the
    /// original 大病 cap on the national baseline.
    pub fillable: Vec<Fillable>,
}

#[derive(Serialize)]
pub struct Fillable {
    pub key: String,
    pub label: &'static str,
    pub kind: &'static str,
}

/// Every optional key the policy lacks, with wildcards expanded to the policy's own rate tables
/// and to four 大病 segments.
fn fillable(p: &Policy) -> Vec<Fillable> {
    let mut tables: Vec<&str> = p.categories.iter().map(|c| c.rates).collect();
    crate::sort_short(&mut tables, |a, b| a < b);
    tables.dedup();
    let mut out = Vec::new();
    // A key with a default is never missing (the default is in force and cited where it matters).
    for spec in policy_schema::SPECS
        .iter()
        .filter(|s| !s.required && s.default.is_none())
    {
        let keys: Vec<String> = if spec.pattern.starts_with("outpatient.annual_limit.") {
            // An exception to the one 普通门诊 limit for a payment tier: the limit is what a person
            // fills in; a tier's own limit comes from a policy file.
            continue;
        } else if policy_schema::rates_named(spec.pattern).is_some() {
            tables
                .iter()
                .map(|t| spec.pattern.replace('*', t))
                .collect()
        } else if spec.pattern.starts_with("major.segment.") {
            (1..=4)
                .map(|n| spec.pattern.replace('*', &n.to_string()))
                .collect()
        } else {
            vec![spec.pattern.to_string()]
        };
        for key in keys {
            let has_segments =
                key.starts_with("major.segment.") && p.param("major.segment.1.rate").is_some();
            if p.param(&key).is_none() && !has_segments {
                out.push(Fillable {
                    key,
                    label: spec.label,
                    kind: kind_name(spec.kind),
                });
            }
        }
    }
    out
}

pub fn kind_name(k: Kind) -> &'static str {
    match k {
        Kind::Months => "months",
        Kind::Count => "count",
        Kind::Money => "money",
        Kind::MoneyOrNone => "money_or_none",
        Kind::Rate => "rate",
        Kind::MonthDay => "month_day",
        Kind::DayRanges => "day_ranges",
    }
}

pub fn info(p: &'static Policy) -> PolicyInfo {
    let day = |k: &str| {
        p.param(k)
            .map(|x| x.latest().shown.to_string())
            .unwrap_or_default()
    };
    let features = [
        ("outpatient", "outpatient.rate"),
        ("chronic", "chronic.rate"),
        ("inpatient", "inpatient.annual_limit"),
        ("major", "major.deductible"),
        ("maternity", "maternity.second_child"),
        ("special_children", "special_children.rate"),
        ("health_plan", "contribution.health_plan"),
    ]
    .into_iter()
    .filter(|(_, k)| p.param(k).is_some())
    .map(|(f, _)| f)
    .collect();
    PolicyInfo {
        id: p.id,
        version: p.version,
        order: p.order,
        name: p.name,
        title: p.title,
        base_year: p.base_year,
        last_year: p.last_year,
        default_reading: p.default_reading,
        baseline: p.baseline,
        window: (day("window.start"), day("window.end")),
        notes: p.notes,
        sources: p.sources,
        categories: p
            .categories
            .iter()
            .map(|c| (c, c.premium[c.premium.len() - 1]))
            .map(|(c, premium)| CategoryInfo {
                key: c.key,
                label: c.label,
                help: c.help,
                kind: c.kind,
                rates: c.rates,
                minor_by_default: c.kind.minor_by_default(),
                premium: match premium.value {
                    policy::Value::Money(d) => d,
                    _ => Decimal::ZERO,
                },
                exemption: c.exemption,
                premium_source: ParamRef::field(
                    format!("categories.{}.premium", c.key),
                    "个人缴费标准",
                    premium.shown.to_string(),
                    &premium.cite,
                ),
                exemption_source: ParamRef::field(
                    format!("categories.{}.exemption", c.key),
                    "等待期豁免",
                    c.exemption.key().to_string(),
                    &c.exemption_cite,
                ),
            })
            .collect(),
        subsidy_groups: p
            .subsidy_groups
            .iter()
            .map(|g| GroupInfo {
                key: g.key,
                label: g.label,
                share: g.share,
                preferential: g.preferential,
                preferential_source: ParamRef::field(
                    format!("subsidy_groups.{}.preferential", g.key),
                    "大病保险倾斜",
                    g.preferential.to_string(),
                    &g.preferential_cite,
                ),
                share_source: ParamRef::field(
                    format!("subsidy_groups.{}.share", g.key),
                    "参保资助比例",
                    g.share.normalize().to_string(),
                    &g.share_cite,
                ),
            })
            .collect(),
        parameters: p
            .params
            .iter()
            .map(|x| {
                let spec = policy_schema::spec_for(x.key);
                let now = x.latest();
                ParamInfo {
                    key: x.key,
                    label: x.label,
                    value: now.shown,
                    status: now.cite.status,
                    document: now.cite.document,
                    quote: now.cite.quote,
                    note: now.cite.note,
                    kind: spec.map(|s| kind_name(s.kind)).unwrap_or(""),
                    editable: now.cite.status != policy::Status::Official,
                    from: now.from,
                    earlier: x.values[..x.values.len() - 1]
                        .iter()
                        .map(|d| EarlierValue {
                            from: d.from,
                            value: d.shown,
                            status: d.cite.status,
                            document: d.cite.document,
                            quote: d.cite.quote,
                        })
                        .collect(),
                }
            })
            .collect(),
        features,
        fillable: fillable(p),
    }
}

pub fn all() -> Vec<PolicyInfo> {
    policy::all().into_iter().map(info).collect()
}
