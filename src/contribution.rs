//! 缴费 — what a person pays for the benefit year (RULES.md §4): the individual premium of their
//! category, the part a 资助 group has paid for them, the repair years, and the optional
//! supplementary insurance (烟台市健康保).

use crate::decimal::Decimal;
use serde::Serialize;

use crate::money::{amount, pct, round};
use crate::policy::RepairPrice;
use crate::rule::Rule;
use crate::rules::{ParamRef, Rules};
use crate::scenario::{Member, Role};
use crate::trace::{step, Topic, Trace};

#[derive(Clone, Debug, Serialize, PartialEq)]
pub struct Contribution {
    /// The individual contribution standard of the category (个人缴费标准).
    #[serde(serialize_with = "crate::money::money")]
    pub premium: Decimal,
    /// Share paid by 医疗救助 for a 资助 group (0–1).
    pub subsidy_share: Decimal,
    #[serde(serialize_with = "crate::money::money")]
    pub subsidy_pays: Decimal,
    /// What the person pays for the benefit year.
    #[serde(serialize_with = "crate::money::money")]
    pub individual_pays: Decimal,
    /// The government's per-person subsidy to the fund (not paid by the person).
    #[serde(
        skip_serializing_if = "Option::is_none",
        serialize_with = "crate::money::money_opt"
    )]
    pub government_subsidy: Option<Decimal>,
    pub repair_years: u32,
    #[serde(serialize_with = "crate::money::money")]
    pub repair_cost: Decimal,
    /// The repair cost under the other reading of the repair price (A6), for a member whose premium
    /// 医疗救助 pays in part; absent otherwise.
    #[serde(
        skip_serializing_if = "Option::is_none",
        serialize_with = "crate::money::money_opt"
    )]
    pub repair_cost_other: Option<Decimal>,
    /// The supplementary insurance premium, when chosen.
    #[serde(serialize_with = "crate::money::money")]
    pub health_plan: Decimal,
    /// individual_pays + repair_cost + health_plan
    #[serde(serialize_with = "crate::money::money")]
    pub total: Decimal,
}

/// What one repaired year costs this member. 「缴费参照当年参保地的个人缴费标准」: the standard
/// (reading 1, the default); or, for a member whose premium 医疗救助 pays in part or whole, the same
/// share of it as this year's own premium (reading 2). RULES.md §6 A6: no text settles it.
pub fn repair_price(rules: &Rules, m: &Member, how: RepairPrice) -> Decimal {
    let premium = rules.premium_value(m.category);
    match (how, m.subsidy_group) {
        (RepairPrice::OwnShare, Some(g)) => premium - round(premium * g.share),
        _ => premium,
    }
}

/// Whether the A6 question arises for this member: part of the premium is paid for them.
pub fn repair_price_in_doubt(m: &Member) -> bool {
    m.subsidy_group.is_some_and(|g| g.share > Decimal::ZERO)
}

pub fn compute(
    rules: &Rules,
    m: &Member,
    household: &[crate::scenario::Member],
    how: RepairPrice,
    trace: &mut Trace,
) -> Contribution {
    let cat = m.category;
    let cited = rules.premium(cat);
    let (premium, premium_ref) = (cited.value, cited.from);
    step!(
        trace,
        Topic::Contribution,
        Rule::Contribution,
        format!("{}个人缴费标准每年{}元", cat.label, amount(premium)),
        amount(premium),
        &[&premium_ref],
    );

    let (share, subsidy_pays) = match m.subsidy_group {
        Some(g) => {
            let pays = round(premium * g.share);
            let r = ParamRef::field(
                format!("subsidy_groups.{}.share", g.key),
                "参保资助比例",
                g.share.normalize().to_string(),
                &g.share_cite,
            );
            step!(
                trace,
                Topic::Contribution,
                Rule::Contribution,
                format!(
                    "{}由医疗救助资助个人缴费的{},即{}元",
                    g.label,
                    pct(g.share),
                    amount(pays)
                ),
                amount(pays),
                &[&r],
            );
            (g.share, pays)
        }
        None => (Decimal::ZERO, Decimal::ZERO),
    };
    let individual = premium - subsidy_pays;

    let subsidy = rules.money("contribution.government_subsidy");
    if let Some(s) = &subsidy {
        step!(
            trace,
            Topic::Contribution,
            Rule::Contribution,
            format!(
                "财政补助每人每年{}元(进入医保基金,不由个人缴纳)",
                amount(s.value)
            ),
            amount(s.value),
            &[&s.from],
        );
    }

    let years = Decimal::from(m.repair_years);
    let repair_cost = repair_price(rules, m, how) * years;
    let repair_cost_other = (repair_price_in_doubt(m) && m.repair_years > 0)
        .then(|| repair_price(rules, m, how.other()) * years);
    let health_plan = health_plan_premium(rules, m, household, trace);
    let total = individual + repair_cost + health_plan;
    step!(
        trace,
        Topic::Contribution,
        Rule::Contribution,
        format!(
            "本人应缴 {} + 补缴 {} + 补充保险 {} = {}元",
            amount(individual),
            amount(repair_cost),
            amount(health_plan),
            amount(total)
        ),
        amount(total),
        &[],
    );
    Contribution {
        premium,
        subsidy_share: share,
        subsidy_pays,
        individual_pays: individual,
        government_subsidy: subsidy.map(|s| s.value),
        repair_years: m.repair_years,
        repair_cost,
        repair_cost_other,
        health_plan,
        total,
    }
}

/// Yantai: 「保费便宜,139元/人」;「父母及未成年子女同时参保,未成年子女每人保费立减40元,为99元/人」.
/// A minor child gets the lower price when 本人 or 配偶 (the parents in a household) also takes it.
fn health_plan_premium(
    rules: &Rules,
    m: &Member,
    household: &[Member],
    trace: &mut Trace,
) -> Decimal {
    if !m.health_plan {
        return Decimal::ZERO;
    }
    let Some(full) = rules.money("contribution.health_plan") else {
        return Decimal::ZERO;
    };
    let parent_in = household
        .iter()
        .any(|o| o.health_plan && matches!(o.role, Role::Me | Role::Spouse));
    if m.minor && m.role == Role::Child && parent_in {
        if let Some(minor) = rules.money("contribution.health_plan_minor_with_parent") {
            step!(
                trace,
                Topic::Contribution,
                Rule::Contribution,
                format!(
                    "父母同时参加补充保险,未成年子女保费{}元",
                    amount(minor.value)
                ),
                amount(minor.value),
                &[&minor.from],
            );
            return minor.value;
        }
    }
    step!(
        trace,
        Topic::Contribution,
        Rule::Contribution,
        format!(
            "补充商业保险保费{}元(自愿参加,不属于基本医保)",
            amount(full.value)
        ),
        amount(full.value),
        &[&full.from],
    );
    full.value
}

/// Household totals: the sum of the members.
#[derive(Clone, Debug, Serialize, PartialEq, Default)]
pub struct HouseholdContribution {
    #[serde(serialize_with = "crate::money::money")]
    pub individual_pays: Decimal,
    #[serde(serialize_with = "crate::money::money")]
    pub subsidy_pays: Decimal,
    #[serde(serialize_with = "crate::money::money")]
    pub repair_cost: Decimal,
    #[serde(serialize_with = "crate::money::money")]
    pub health_plan: Decimal,
    #[serde(serialize_with = "crate::money::money")]
    pub total: Decimal,
    #[serde(
        skip_serializing_if = "Option::is_none",
        serialize_with = "crate::money::money_opt"
    )]
    pub government_subsidy: Option<Decimal>,
}

impl HouseholdContribution {
    pub fn sum<'a>(items: impl Iterator<Item = &'a Contribution>) -> Self {
        let mut h = HouseholdContribution::default();
        for c in items {
            h.individual_pays += c.individual_pays;
            h.subsidy_pays += c.subsidy_pays;
            h.repair_cost += c.repair_cost;
            h.health_plan += c.health_plan;
            h.total += c.total;
            if let Some(g) = c.government_subsidy {
                h.government_subsidy = Some(h.government_subsidy.unwrap_or_default() + g);
            }
        }
        h
    }
}
