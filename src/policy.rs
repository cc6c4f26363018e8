//! Policies as data. The TOML files in `policies/` are validated by the build script and written in
//! a compact binary form (build/blob.rs), which the core reads when a policy is loaded
//! (src/policy_blob.rs): the WebAssembly module ships no TOML or JSON parser and no city's data, so
//! its size does not grow with the number of cities; the page loads the city it needs, the CLI and
//! the native tests load the blobs compiled into them. Every value keeps its citation (the document,
//! the quoted clause, whether it is official) and the year from which it is in force.

use crate::decimal::Decimal;
use serde::Serialize;

pub use crate::policy_schema::{spec_for, Kind};

/// `official`: stated in an official text or press conference. `unverified`: from media or third
/// parties; the page flags it 待核实 and the user may change it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    Official,
    Unverified,
    /// Not from the policy: the user typed it in (an override of an unverified value).
    User,
}

impl Status {
    pub fn label(self) -> &'static str {
        match self {
            Status::Official => "官方",
            Status::Unverified => "待核实",
            Status::User => "用户自填",
        }
    }
}

/// Where a value comes from.
#[derive(Clone, Copy, Debug, Serialize)]
pub struct Citation {
    /// Source id inside the policy file (e.g. `yantai_press`).
    pub source: &'static str,
    /// The document's full name.
    pub document: &'static str,
    /// The clause, quoted in Chinese (for official values it is checked against the source text).
    pub quote: &'static str,
    pub status: Status,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub note: Option<&'static str>,
}

/// A stretch of calendar days: (month, day) to (month, day), inclusive.
pub type DayRange = (u32, u32, u32, u32);

/// A parameter's value, typed by its key's `Kind`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Value {
    Months(u32),
    Count(u32),
    Money(Decimal),
    /// No limit (the policy file said "none").
    Unlimited,
    Rate(Decimal),
    MonthDay(u32, u32),
    /// (month, day) to (month, day), inclusive, in calendar order.
    DayRanges(&'static [DayRange]),
}

impl Value {
    /// The value as it is written in a policy file or an override.
    pub fn display(&self) -> String {
        match self {
            Value::Months(n) | Value::Count(n) => n.to_string(),
            Value::Money(d) | Value::Rate(d) => d.normalize().to_string(),
            Value::Unlimited => "none".to_string(),
            Value::MonthDay(m, d) => format!("{m:02}-{d:02}"),
            Value::DayRanges(r) => r
                .iter()
                .map(|(m1, d1, m2, d2)| format!("{m1:02}-{d1:02}..{m2:02}-{d2:02}"))
                .collect::<Vec<_>>()
                .join(", "),
        }
    }
}

/// A value in force from a year on (until the next one), with its citation: parameters are
/// dated, as in OpenFisca's parameter files.
#[derive(Clone, Copy, Debug)]
pub struct Dated {
    /// The first benefit year it is in force.
    pub from: i32,
    /// The value as written (`Value::display`), computed at build time.
    pub shown: &'static str,
    pub value: Value,
    pub cite: Citation,
}

/// The value of a dated list in force in `year`: the last one starting in or before it (the first
/// one starts in the policy's base year, before which nothing is asked).
pub fn in_force(values: &'static [Dated], year: i32) -> &'static Dated {
    values
        .iter()
        .rev()
        .find(|d| d.from <= year)
        .unwrap_or(&values[0])
}

/// One cited parameter of a policy.
#[derive(Clone, Copy, Debug)]
pub struct Param {
    pub key: &'static str,
    /// The key's Chinese label from the schema.
    pub label: &'static str,
    /// Never empty; years increasing.
    pub values: &'static [Dated],
}

impl Param {
    pub fn at(&self, year: i32) -> &'static Dated {
        in_force(self.values, year)
    }
    /// The value in force in the last year the file states: what the catalogue shows.
    pub fn latest(&self) -> &'static Dated {
        &self.values[self.values.len() - 1]
    }
}

/// Whether a kind of person waits (RULES.md §2 rule 8).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Exemption {
    None,
    NoWait,
    EarlyCover,
    Unknown,
}

impl Exemption {
    pub fn key(self) -> &'static str {
        match self {
            Exemption::None => "none",
            Exemption::NoWait => "no_wait",
            Exemption::EarlyCover => "early_cover",
            Exemption::Unknown => "unknown",
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum CategoryKind {
    Adult,
    Student,
    University,
    Minor,
    Newborn,
    Special,
}

impl CategoryKind {
    /// Whether a person of this kind is taken to be under 18 unless the scenario says otherwise.
    pub fn minor_by_default(self) -> bool {
        matches!(
            self,
            CategoryKind::Student | CategoryKind::Minor | CategoryKind::Newborn
        )
    }
}

/// A kind of insured person as a policy names it, with its premium and waiting-period treatment.
#[derive(Clone, Copy, Debug)]
pub struct Category {
    pub key: &'static str,
    pub label: &'static str,
    pub help: &'static str,
    pub kind: CategoryKind,
    /// Which `inpatient.rate.<table>.*` applies.
    pub rates: &'static str,
    /// The individual premium by year (Money values).
    pub premium: &'static [Dated],
    pub exemption: Exemption,
    pub exemption_cite: Citation,
}

/// A group whose individual premium is partly or wholly paid by 医疗救助 (Zhangjiakou).
#[derive(Clone, Copy, Debug)]
pub struct SubsidyGroup {
    pub key: &'static str,
    pub label: &'static str,
    pub share: Decimal,
    pub share_cite: Citation,
    /// 大病保险 倾斜: deductible reduced, rate raised, no cap.
    pub preferential: bool,
    pub preferential_cite: Citation,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, serde::Deserialize)]
pub enum Reading {
    A,
    B,
}

impl Reading {
    pub fn other(self) -> Reading {
        match self {
            Reading::A => Reading::B,
            Reading::B => Reading::A,
        }
    }
}

/// What a repaired year costs a person whose premium 医疗救助 pays in part or whole (RULES.md §6
/// A6). 「缴费参照当年参保地的个人缴费标准」 names the standard, not the share the person pays.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum RepairPrice {
    /// Reading 1 (default): the full individual standard per year.
    Standard,
    /// Reading 2: the same share of it as this year's own premium.
    OwnShare,
}

impl RepairPrice {
    pub fn other(self) -> RepairPrice {
        match self {
            RepairPrice::Standard => RepairPrice::OwnShare,
            RepairPrice::OwnShare => RepairPrice::Standard,
        }
    }
    pub fn label(self) -> &'static str {
        match self {
            RepairPrice::Standard => "按个人缴费标准补缴",
            RepairPrice::OwnShare => "按本人负担的比例补缴",
        }
    }
}

#[derive(Clone, Copy, Debug, Serialize)]
pub struct Source {
    pub id: &'static str,
    pub title: &'static str,
    pub published: &'static str,
    /// The copy of the text under `policies/sources/`, if the project has one.
    pub file: Option<&'static str>,
}

/// A fact of what to do after the answer (issue 15): where to pay, who may pay for you, what
/// students may do; cited like every value.
#[derive(Clone, Copy, Debug)]
pub struct GuideItem {
    pub title: &'static str,
    pub text: &'static str,
    pub cite: Citation,
}

/// One jurisdiction, as compiled from `policies/<id>.toml`.
#[derive(Debug)]
pub struct Policy {
    pub id: &'static str,
    /// The hash of its file and the sources it cites: this policy's rules version. Editing
    /// another city's file does not change it.
    pub version: &'static str,
    /// Its place in the list of cities (the policy file's `order`).
    pub order: u32,
    pub name: &'static str,
    pub title: &'static str,
    /// The first year the file states amounts for.
    pub base_year: i32,
    /// The last benefit year the estimator accepts for this policy; years after `base_year` reuse
    /// its amounts and say so.
    pub last_year: i32,
    pub default_reading: Reading,
    pub notes: &'static [&'static str],
    pub sources: &'static [Source],
    /// Sorted by key.
    pub params: &'static [Param],
    pub categories: &'static [Category],
    pub subsidy_groups: &'static [SubsidyGroup],
    /// What to do after the answer, by topic, in the order a resident acts ("where", "who",
    /// "students"); empty when the file has none.
    pub guide: &'static [(&'static str, &'static [GuideItem])],
    /// The national baseline: no city's own channels, dates or amounts.
    pub baseline: bool,
}

impl Policy {
    pub fn param(&self, key: &str) -> Option<&'static Param> {
        self.params
            .binary_search_by(|p| p.key.cmp(key))
            .ok()
            .map(|i| &self.params[i])
    }

    pub fn category(&self, key: &str) -> Option<&'static Category> {
        self.categories.iter().find(|c| c.key == key)
    }

    pub fn subsidy_group(&self, key: &str) -> Option<&'static SubsidyGroup> {
        self.subsidy_groups.iter().find(|g| g.key == key)
    }
}

impl Category {
    pub fn premium_at(&self, year: i32) -> &'static Dated {
        in_force(self.premium, year)
    }
}

impl Policy {
    /// Whether a value the file states comes into force in `year`: otherwise every value in
    /// force in `year` is the one in force the year before.
    pub fn values_change_in(&self, year: i32) -> bool {
        let mut dates = self
            .params
            .iter()
            .flat_map(|p| p.values)
            .chain(self.categories.iter().flat_map(|c| c.premium));
        dates.any(|d| d.from == year)
    }

    /// The last year up to `year` for which the file states any amount: the amounts a later year
    /// uses until its own are published.
    pub fn amounts_year(&self, year: i32) -> i32 {
        let dates = self
            .params
            .iter()
            .flat_map(|p| p.values)
            .chain(self.categories.iter().flat_map(|c| c.premium));
        dates
            .map(|d| d.from)
            .filter(|y| *y <= year)
            .max()
            .unwrap_or(self.base_year)
    }
}

/// The policies loaded so far, in their order. The page loads the one it needs; the CLI and the
/// native tests load every policy compiled into them on first use.
static LOADED: std::sync::RwLock<Vec<&'static Policy>> = std::sync::RwLock::new(Vec::new());

/// Reads a policy in its binary form (build/blob.rs) and makes it available to `find` and `all`.
/// A policy with the same id replaces the one loaded before. The bytes are kept for the life of
/// the program: every figure's citation points into them.
pub fn load(bytes: &[u8]) -> Result<&'static Policy, String> {
    let p: &'static Policy = Box::leak(Box::new(crate::policy_blob::decode(bytes)?));
    let mut loaded = LOADED.write().unwrap_or_else(|e| e.into_inner());
    loaded.retain(|q| q.id != p.id);
    let at = loaded
        .iter()
        .position(|q| (q.order, q.id) > (p.order, p.id))
        .unwrap_or(loaded.len());
    loaded.insert(at, p);
    Ok(p)
}

#[cfg(feature = "embed")]
mod embedded {
    include!(concat!(env!("OUT_DIR"), "/policies.rs"));
}

/// The blobs compiled into this build (feature `embed`): (id, bytes), in order.
#[cfg(feature = "embed")]
pub fn embedded() -> &'static [(&'static str, &'static [u8])] {
    embedded::EMBEDDED
}

fn loaded() -> std::sync::RwLockReadGuard<'static, Vec<&'static Policy>> {
    #[cfg(feature = "embed")]
    {
        static ONCE: std::sync::Once = std::sync::Once::new();
        ONCE.call_once(|| {
            for (id, bytes) in embedded() {
                if let Err(e) = load(bytes) {
                    panic!("the policy {id} compiled into this build does not read: {e}");
                }
            }
        });
    }
    LOADED.read().unwrap_or_else(|e| e.into_inner())
}

/// Every loaded policy, in their order.
pub fn all() -> Vec<&'static Policy> {
    loaded().clone()
}

pub fn find(id: &str) -> Option<&'static Policy> {
    loaded().iter().copied().find(|p| p.id == id)
}
