//! One scenario in, one result out: waiting period, 大病 cap, contributions and reimbursement for
//! each member, the household totals, the readings not taken (RULES.md §6), the parameters used and
//! the explanation trace. This is the single entry point behind the WebAssembly export and the CLI.

use crate::decimal::Decimal;
use chrono::{Datelike, NaiveDate};
use serde::Serialize;

use crate::advice::{self, Advice};
use crate::cap::{self, signed, CapHistory};
use crate::contribution::{self, Contribution, HouseholdContribution};
use crate::guide::{self, Guide};
use crate::input::{InputError, Json};
use crate::money::amount;
use crate::policy::{Exemption, Reading, RepairPrice, Status};
use crate::reimbursement::{self, Reimbursement, Totals};
use crate::rule::Rule;
use crate::rules::{ParamRef, Rules};
use crate::scenario::{window_for, Member, Role, Scenario, YearRecord};
use crate::summary;
use crate::trace::{cite, step, Step, Topic, Trace};
use crate::waiting_period::{self, WaitingPeriod};

#[derive(Clone, Debug, Serialize, PartialEq)]
pub struct PolicyRef {
    pub id: &'static str,
    pub name: &'static str,
    pub title: &'static str,
}

#[derive(Clone, Debug, Serialize, PartialEq)]
pub struct MemberEstimate {
    pub name: String,
    pub role: Role,
    pub role_label: &'static str,
    pub category: &'static str,
    pub category_label: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub subsidy_group: Option<&'static str>,
    pub summary: String,
    pub waiting: WaitingPeriod,
    pub cap: CapHistory,
    pub contribution: Contribution,
    pub reimbursement: Reimbursement,
    /// What to do: each repair weighed against the planned spending (src/advice.rs).
    pub advice: Advice,
}

/// What another reading of an ambiguous rule would give (RULES.md §6).
#[derive(Clone, Debug, Serialize, PartialEq)]
pub struct Alternative {
    /// "A1" (lapsed-year reading), "A6" (the repair price of a subsidised member), "A8" (an exempt
    /// newcomer's 大病 penalty) or "exemption" (a group the policy does not clearly exempt).
    pub id: &'static str,
    pub member: usize,
    pub question: String,
    pub used: String,
    pub other: String,
    pub months_used: u32,
    pub months_other: u32,
    pub cover_start_used: Option<NaiveDate>,
    pub cover_start_other: Option<NaiveDate>,
    /// The largest repair that still shortens the wait, under each reading: a repair beyond it
    /// is money paid for nothing.
    pub useful_repair_years_used: u32,
    pub useful_repair_years_other: u32,
    /// Fund + 大病 payments under each reading.
    #[serde(serialize_with = "crate::money::money")]
    pub paid_used: Decimal,
    #[serde(serialize_with = "crate::money::money")]
    pub paid_other: Decimal,
    /// A6: what one repaired year costs under each reading.
    #[serde(
        skip_serializing_if = "Option::is_none",
        serialize_with = "crate::money::money_opt"
    )]
    pub repair_price_used: Option<Decimal>,
    #[serde(
        skip_serializing_if = "Option::is_none",
        serialize_with = "crate::money::money_opt"
    )]
    pub repair_price_other: Option<Decimal>,
    /// A8: the 大病保险 cap adjustment under each reading.
    #[serde(
        skip_serializing_if = "Option::is_none",
        serialize_with = "crate::money::money_opt"
    )]
    pub cap_adjustment_used: Option<Decimal>,
    #[serde(
        skip_serializing_if = "Option::is_none",
        serialize_with = "crate::money::money_opt"
    )]
    pub cap_adjustment_other: Option<Decimal>,
}

#[derive(Clone, Debug, Serialize, PartialEq)]
pub struct Household {
    pub members: usize,
    pub contribution: HouseholdContribution,
    pub reimbursement: Totals,
}

#[derive(Clone, Debug, Serialize, PartialEq)]
pub struct Estimate {
    pub policy: PolicyRef,
    pub benefit_year: i32,
    /// The year whose amounts were used.
    pub amounts_year: i32,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub amounts_note: Option<String>,
    pub reading: Reading,
    /// "scenario" when the scenario chose the reading, "policy" when it is the policy default.
    pub reading_from: &'static str,
    /// How a repaired year is priced for a subsidised member (RULES.md §6 A6).
    pub repair_price: RepairPrice,
    /// "scenario" when the scenario chose it, "default" otherwise.
    pub repair_price_from: &'static str,
    pub rules_version: String,
    /// A short code from the scenario and the rules version: the same code means the same answer.
    pub reference: String,
    pub summary: String,
    pub members: Vec<MemberEstimate>,
    pub household: Household,
    pub alternatives: Vec<Alternative>,
    /// Every parameter used, once, sorted by key.
    pub parameters: Vec<ParamRef>,
    /// Keys of parameters used that are not official (待核实 or user-filled).
    pub unverified: Vec<String>,
    pub notes: Vec<&'static str>,
    /// After the answer, what to do: where to pay, who may pay, by when (src/guide.rs).
    pub guide: Guide,
    pub trace: Vec<Step>,
}

/// Either a result or every problem with the input.
#[derive(Clone, Debug, Serialize, PartialEq)]
#[serde(untagged)]
pub enum Outcome {
    Ok { ok: bool, result: Box<Estimate> },
    Invalid { ok: bool, errors: Vec<InputError> },
}

impl Outcome {
    pub fn is_ok(&self) -> bool {
        matches!(self, Outcome::Ok { .. })
    }
}

/// The whole pipeline: JSON → validate → estimate.
pub fn estimate_json(v: &Json) -> Outcome {
    match Scenario::read(v) {
        Err(errors) => Outcome::Invalid { ok: false, errors },
        Ok(s) => match estimate(
            &s,
            &crate::reference::reference(v, &crate::rules_version(s.policy)),
        ) {
            Ok(r) => Outcome::Ok {
                ok: true,
                result: Box::new(r),
            },
            Err(errors) => Outcome::Invalid { ok: false, errors },
        },
    }
}

/// Per member: the figures and the trace, computed under one reading and exemption.
pub(crate) struct Computed {
    pub(crate) waiting: WaitingPeriod,
    pub(crate) cap: CapHistory,
    pub(crate) contribution: Contribution,
    pub(crate) reimbursement: Reimbursement,
    steps: Vec<Step>,
    cited: Vec<ParamRef>,
}

/// What the other reading of an ambiguous rule, or an exemption, changes: the wait, and with it
/// what the fund pays. The cap and the contribution depend on neither, so they are not redone.
struct Other {
    waiting: WaitingPeriod,
    reimbursement: Reimbursement,
}

fn cannot(i: usize, what: &str) -> InputError {
    InputError {
        path: format!("members[{i}]"),
        message: format!("无法计算{what}(日期超出可计算范围)"),
    }
}

/// The citation of the member's category's exemption, which the wait and the cap notes use.
fn exemption_ref(m: &Member) -> ParamRef {
    ParamRef::field(
        format!("categories.{}.exemption", m.category.key),
        "等待期豁免",
        m.category.exemption.key().to_string(),
        &m.category.exemption_cite,
    )
}

fn waiting_for(
    s: &Scenario,
    rules: &Rules,
    i: usize,
    (reading, exemption, repair_years): (Reading, Exemption, u32),
    trace: &mut Trace,
    ex_ref: &ParamRef,
) -> Result<WaitingPeriod, InputError> {
    let m = &s.members[i];
    let window = window_for(s.policy, &s.overrides, s.benefit_year).ok_or_else(|| InputError {
        path: "overrides.window.start".into(),
        message: "集中参保期开始日不能晚于截止日".into(),
    })?;
    let terms = rules
        .kept(waiting_period::Terms::of)
        .ok_or_else(|| cannot(i, "待遇等待期"))?;
    let input = waiting_period::Input {
        member: m,
        year: s.benefit_year,
        reading,
        window,
        premium_per_year: contribution::repair_price(rules, m, s.repair_price),
        price_other: contribution::repair_price_in_doubt(m)
            .then(|| contribution::repair_price(rules, m, s.repair_price.other())),
        repair_price: s.repair_price,
        business_days: rules
            .get("window.business_days")
            .and_then(|c| match c.value {
                crate::policy::Value::DayRanges(r) => Some(crate::rules::InForce {
                    value: r,
                    from: c.from,
                }),
                _ => None,
            }),
        repair_years,
    };
    waiting_period::compute(&input, &terms, exemption, trace, ex_ref)
        .ok_or_else(|| cannot(i, "待遇等待期"))
}

/// What the fund and 大病保险 pay for the member's expected spending, given the wait and the cap.
fn payments(
    s: &Scenario,
    rules: &Rules,
    i: usize,
    wait: &WaitingPeriod,
    cap: &CapHistory,
    trace: &mut Trace,
) -> Reimbursement {
    let input = reimbursement::Input {
        rules,
        member: &s.members[i],
        year: s.benefit_year,
        wait,
        cap,
    };
    reimbursement::compute(&input, trace)
}

/// `explain`: keep the trace (false for figures only, `crate::figures`).
pub(crate) fn compute_member(
    s: &Scenario,
    rules: &Rules,
    i: usize,
    reading: Reading,
    exemption: Exemption,
    explain: bool,
) -> Result<Computed, InputError> {
    let m = &s.members[i];
    let mut trace = Trace::new(Some(i), explain);
    let ex_ref = exemption_ref(m);
    let waiting = waiting_for(
        s,
        rules,
        i,
        (reading, exemption, m.repair_years),
        &mut trace,
        &ex_ref,
    )?;
    let cterms = cap::Terms::by_year(rules).ok_or_else(|| cannot(i, "大病保险限额"))?;
    let cap = cap::walk(
        &cterms,
        &m.history,
        s.benefit_year,
        m.birth_date.map(|b| b.year()),
        &mut trace,
    );
    let contribution = contribution::compute(rules, m, &s.members, s.repair_price, &mut trace);
    if waiting.exempt && cap.penalty > Decimal::ZERO {
        // A8: the exemption waives the wait; the penalty follows 断保, which the person may not
        // have had (insured elsewhere). Charged only as far as the answer allows, and said so.
        let why = match m.insured_elsewhere {
            Some(false) => "您说2025年以来没有在别处参保过,按断保降低".to_string(),
            _ => "资料没有说同时免除断保后的大病保险限额降低,按降低计算;如果2025年以来在别处参保过,不算断保,限额不降低(见「另一种理解」A8)".to_string(),
        };
        step!(
            trace,
            Topic::Cap,
            Rule::ExemptPenalty,
            format!("{}免除的是待遇等待期;{why}", m.category.label),
            signed(-cap.penalty),
            &[&ex_ref],
        );
    }
    let reimbursement = payments(s, rules, i, &waiting, &cap, &mut trace);
    Ok(Computed {
        waiting,
        cap,
        contribution,
        reimbursement,
        steps: trace.steps,
        cited: trace.cited,
    })
}

/// The wait and the payments under another reading, exemption or repair; its explanation is not
/// kept.
fn recompute(
    s: &Scenario,
    rules: &Rules,
    i: usize,
    used: &Computed,
    how: (Reading, Exemption, u32),
) -> Option<Other> {
    let m = &s.members[i];
    let mut trace = Trace::new(Some(i), false);
    let waiting = waiting_for(s, rules, i, how, &mut trace, &exemption_ref(m)).ok()?;
    let reimbursement = payments(s, rules, i, &waiting, &used.cap, &mut trace);
    Some(Other {
        waiting,
        reimbursement,
    })
}

/// A8: the cap walk and the payments as if every year not enrolled here had been insured
/// elsewhere (no 断保); the wait of an exempt member does not change.
fn elsewhere(
    s: &Scenario,
    rules: &Rules,
    i: usize,
    used: &Computed,
) -> Option<(Other, CapHistory)> {
    let m = &s.members[i];
    let history: Vec<YearRecord> = m
        .history
        .iter()
        .map(|r| YearRecord {
            elsewhere: !r.enrolled,
            ..*r
        })
        .collect();
    let mut trace = Trace::new(Some(i), false);
    let terms = cap::Terms::by_year(rules)?;
    let cap = cap::walk(
        &terms,
        &history,
        s.benefit_year,
        m.birth_date.map(|b| b.year()),
        &mut trace,
    );
    let reimbursement = payments(s, rules, i, &used.waiting, &cap, &mut trace);
    Some((
        Other {
            waiting: used.waiting.clone(),
            reimbursement,
        },
        cap,
    ))
}

pub fn estimate(s: &Scenario, reference: &str) -> Result<Estimate, Vec<InputError>> {
    let rules = Rules {
        policy: s.policy,
        overrides: &s.overrides,
        year: s.benefit_year,
    };
    let mut members = Vec::new();
    let mut steps = Vec::new();
    let mut alternatives = Vec::new();
    let mut parameters: Vec<ParamRef> = Vec::new();
    let mut errors = Vec::new();
    let year = s.benefit_year;
    let window = window_for(s.policy, &s.overrides, year).ok_or_else(|| {
        vec![InputError {
            path: "overrides.window.start".into(),
            message: "集中参保期开始日不能晚于截止日".into(),
        }]
    })?;

    // The amounts of the last year the policy states, for a year not yet published.
    let amounts_year = s.policy.amounts_year(year);
    if year > amounts_year {
        steps.push(Step {
            member: None,
            topic: Topic::Input,
            text: format!("{year}年的缴费和待遇标准尚未公布,按{amounts_year}年标准估算"),
            value: amounts_year.to_string(),
            rule: Rule::Contribution,
            params: vec![],
        });
    }
    for (i, m) in s.members.iter().enumerate() {
        let exemption = m.category.exemption;
        let c = match compute_member(s, &rules, i, s.reading, exemption, true) {
            Ok(c) => c,
            Err(e) => {
                errors.push(e);
                continue;
            }
        };
        let wterms = waiting_period::Terms::of(&rules).ok_or_else(|| cannot(i, "待遇等待期"));
        // A1: the other reading of 「每多断保1年」, whenever it changes the wait or makes part of
        // a repair payment useless.
        if let (true, Ok(t)) = (c.waiting.lapsed_years > 0 && !c.waiting.exempt, &wterms) {
            if let Some(o) = recompute(
                s,
                &rules,
                i,
                &c,
                (s.reading.other(), exemption, m.repair_years),
            ) {
                let repaired = |w: &WaitingPeriod| w.repair_years.min(w.useful_repair_years);
                if o.waiting.months.total != c.waiting.months.total
                    || repaired(&o.waiting) != repaired(&c.waiting)
                {
                    let question = format!(
                        "「每多断保1年」:第1个断保年是否另加{}个月?读法A:每个断保年都加;读法B:第1个断保年由固定{}个月涵盖",
                        t.per_lapsed_year.value, t.fixed.value
                    );
                    alternatives.push(alternative(
                        "A1",
                        i,
                        &c,
                        &o,
                        question,
                        (
                            format!("读法{:?}", s.reading),
                            format!("读法{:?}", s.reading.other()),
                        ),
                    ));
                }
            }
        }
        // A6: the repair price of a member whose premium 医疗救助 pays in part, whenever repair
        // is possible at all.
        if let Some(g) = m.subsidy_group.filter(|_| {
            contribution::repair_price_in_doubt(m)
                && c.waiting.lapsed_years > 0
                && !c.waiting.exempt
        }) {
            let used_price = contribution::repair_price(&rules, m, s.repair_price);
            let other_price = contribution::repair_price(&rules, m, s.repair_price.other());
            let (standard, own) = match s.repair_price {
                RepairPrice::Standard => (used_price, other_price),
                RepairPrice::OwnShare => (other_price, used_price),
            };
            let same = Other {
                waiting: c.waiting.clone(),
                reimbursement: c.reimbursement.clone(),
            };
            let mut a = alternative(
                "A6",
                i,
                &c,
                &same,
                format!(
                    "「缴费参照当年参保地的个人缴费标准」:{}的个人缴费由医疗救助资助{};补缴断保年份时,按个人缴费标准(每年{}元),还是按本人负担的比例(每年{}元)?资料未明确",
                    g.label,
                    crate::money::pct(g.share),
                    amount(standard),
                    amount(own)
                ),
                (
                    s.repair_price.label().to_string(),
                    s.repair_price.other().label().to_string(),
                ),
            );
            a.repair_price_used = Some(used_price);
            a.repair_price_other = Some(other_price);
            alternatives.push(a);
        }
        // A group the policy does not clearly exempt: show what exemption would give.
        if exemption == Exemption::Unknown {
            if let Some(o) = recompute(
                s,
                &rules,
                i,
                &c,
                (s.reading, Exemption::NoWait, m.repair_years),
            ) {
                alternatives.push(alternative(
                    "exemption",
                    i,
                    &c,
                    &o,
                    format!(
                        "{}是否属于免除等待期的「特殊群体」,资料未明确",
                        m.category.label
                    ),
                    ("按不免除等待期计算".into(), "若免除等待期".into()),
                ));
            }
        }
        // A8: an exempt newcomer charged the 大病 penalty for years not enrolled here, when the
        // person has not said whether they were insured elsewhere: the figure without it.
        if c.waiting.exempt && c.cap.penalty > Decimal::ZERO && m.insured_elsewhere.is_none() {
            if let Some(o) = elsewhere(s, &rules, i, &c) {
                let mut a = alternative(
                    "A8",
                    i,
                    &c,
                    &o.0,
                    format!(
                        "{}不设待遇等待期,但2025年以来没有在本地参保的年份会让大病保险限额降低;如果那些年在别处参保过,就不算断保,限额不降低。资料没有说这种情况算不算断保,本页也无从得知您是否在别处参保过",
                        m.category.label
                    ),
                    ("按断保计算".to_string(), "若在别处参保过(不算断保)".to_string()),
                );
                a.cap_adjustment_used = Some(c.cap.adjustment);
                a.cap_adjustment_other = Some(o.1.adjustment);
                alternatives.push(a);
            }
        }
        let advice = match wterms {
            Ok(t) => advice::advise(
                &advice::Facts {
                    member: m,
                    year,
                    wait: &c.waiting,
                    cap: &c.cap,
                    contribution: &c.contribution,
                    reimbursement: &c.reimbursement,
                    terms: &t,
                },
                &mut |r| {
                    recompute(s, &rules, i, &c, (s.reading, exemption, r))
                        .map(|o| (o.waiting, o.reimbursement))
                },
            ),
            Err(e) => {
                errors.push(e);
                continue;
            }
        };
        steps.extend(c.steps);
        // cite() keeps `parameters` sorted by key and each key once, as the result promises.
        for p in &c.cited {
            cite(&mut parameters, p);
        }
        members.push(MemberEstimate {
            summary: summary::member(m, &c.waiting, &c.cap, &c.contribution, &c.reimbursement),
            name: m.name.clone(),
            role: m.role,
            role_label: m.role.label(),
            category: m.category.key,
            category_label: m.category.label,
            subsidy_group: m.subsidy_group.map(|g| g.key),
            waiting: c.waiting,
            cap: c.cap,
            contribution: c.contribution,
            reimbursement: c.reimbursement,
            advice,
        });
    }
    if !errors.is_empty() {
        return Err(errors);
    }

    let contribution = HouseholdContribution::sum(members.iter().map(|m| &m.contribution));
    let mut totals = Totals::default();
    for m in &members {
        totals.add(&m.reimbursement.totals);
    }
    if members.len() > 1 {
        steps.push(Step {
            member: None,
            topic: Topic::Contribution,
            text: format!(
                "全家{}人合计应缴{}元(其中补缴{}元)",
                members.len(),
                amount(contribution.total),
                amount(contribution.repair_cost)
            ),
            value: amount(contribution.total),
            rule: Rule::Contribution,
            params: vec![],
        });
    }

    let unverified = parameters
        .iter()
        .filter(|p| p.status != Status::Official)
        .map(|p| p.key.to_string())
        .collect();

    let summary = summary::household(&members, &contribution);
    Ok(Estimate {
        policy: PolicyRef {
            id: s.policy.id,
            name: s.policy.name,
            title: s.policy.title,
        },
        benefit_year: year,
        amounts_year,
        amounts_note: (year > amounts_year).then(|| format!("按{amounts_year}年标准估算")),
        reading: s.reading,
        reading_from: if s.reading_chosen {
            "scenario"
        } else {
            "policy"
        },
        repair_price: s.repair_price,
        repair_price_from: if s.repair_price_chosen {
            "scenario"
        } else {
            "default"
        },
        rules_version: crate::rules_version(s.policy),
        reference: reference.to_string(),
        summary,
        members,
        household: Household {
            members: s.members.len(),
            contribution,
            reimbursement: totals,
        },
        alternatives,
        parameters,
        unverified,
        notes: s.policy.notes.to_vec(),
        guide: guide::for_scenario(s, &rules, window),
        trace: steps,
    })
}

/// The figures of both readings, side by side; `question`, `used` and `other` say what differs.
fn alternative(
    id: &'static str,
    i: usize,
    used: &Computed,
    other: &Other,
    question: String,
    (used_label, other_label): (String, String),
) -> Alternative {
    let paid = |r: &Reimbursement| r.totals.fund_pays + r.totals.major_pays;
    Alternative {
        id,
        member: i,
        question,
        used: used_label,
        other: other_label,
        months_used: used.waiting.months.total,
        months_other: other.waiting.months.total,
        cover_start_used: used.waiting.cover_start,
        cover_start_other: other.waiting.cover_start,
        useful_repair_years_used: used.waiting.useful_repair_years,
        useful_repair_years_other: other.waiting.useful_repair_years,
        paid_used: paid(&used.reimbursement),
        paid_other: paid(&other.reimbursement),
        repair_price_used: None,
        repair_price_other: None,
        cap_adjustment_used: None,
        cap_adjustment_other: None,
    }
}
