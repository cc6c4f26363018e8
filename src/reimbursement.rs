//! 报销估算 — what the fund would pay on expected spending (RULES.md §5): 普通门诊, 两病 drugs,
//! inpatient stays by hospital level, then 大病保险 on what remains, maternity allowance and the
//! children's special-condition rule. Spending inside the waiting period is not reimbursed:
//! 「待遇等待期内发生的医疗费用,医保基金不予支付」 (RULES.md §2).

use crate::decimal::Decimal;
use chrono::{Datelike, NaiveDate};
use serde::Serialize;

use crate::cap::CapHistory;
use crate::dates::{month_day_zh, when_zh};
use crate::money::{self, pct, round};
use crate::rule::Rule;
use crate::rules::{InForce, ParamRef, Rules};
use crate::scenario::{ChronicCondition, Level, Member, SpecialCondition, When};
use crate::trace::{step, Topic, Trace};
use crate::waiting_period::WaitingPeriod;

#[derive(Clone, Copy, Debug, Serialize, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum Item {
    Outpatient,
    Chronic,
    Inpatient,
    Maternity,
    SpecialRehab,
}

#[derive(Clone, Debug, Serialize, PartialEq)]
pub struct Line {
    pub item: Item,
    pub label: String,
    #[serde(serialize_with = "crate::money::money")]
    pub spending: Decimal,
    /// Falls inside the waiting period: not reimbursed.
    #[serde(serialize_with = "crate::money::money")]
    pub excluded: Decimal,
    #[serde(serialize_with = "crate::money::money")]
    pub fund_pays: Decimal,
    #[serde(serialize_with = "crate::money::money")]
    pub major_pays: Decimal,
    /// An allowance paid in cash (maternity), not a share of spending.
    #[serde(serialize_with = "crate::money::money")]
    pub allowance: Decimal,
    /// spending − fund_pays − major_pays
    #[serde(serialize_with = "crate::money::money")]
    pub you_pay: Decimal,
    /// False when the policy lacks the parameters to estimate this line.
    pub estimated: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

impl Line {
    fn new(item: Item, label: impl Into<String>, spending: Decimal) -> Line {
        Line {
            item,
            label: label.into(),
            spending,
            excluded: Decimal::ZERO,
            fund_pays: Decimal::ZERO,
            major_pays: Decimal::ZERO,
            allowance: Decimal::ZERO,
            you_pay: spending,
            estimated: true,
            note: None,
        }
    }
    fn settle(mut self) -> Line {
        self.you_pay = self.spending - self.fund_pays - self.major_pays;
        self
    }
}

#[derive(Clone, Debug, Serialize, PartialEq)]
pub struct Segment {
    #[serde(serialize_with = "crate::money::money")]
    pub from: Decimal,
    #[serde(
        skip_serializing_if = "Option::is_none",
        serialize_with = "crate::money::money_opt"
    )]
    pub to: Option<Decimal>,
    pub rate: Decimal,
    #[serde(serialize_with = "crate::money::money")]
    pub amount: Decimal,
    #[serde(serialize_with = "crate::money::money")]
    pub pays: Decimal,
}

#[derive(Clone, Debug, Serialize, PartialEq)]
pub struct Major {
    /// The personal in-scope burden left after basic reimbursement of covered stays.
    #[serde(serialize_with = "crate::money::money")]
    pub pool: Decimal,
    #[serde(serialize_with = "crate::money::money")]
    pub deductible: Decimal,
    #[serde(serialize_with = "crate::money::money")]
    pub above_deductible: Decimal,
    pub segments: Vec<Segment>,
    #[serde(serialize_with = "crate::money::money")]
    pub before_cap: Decimal,
    /// The cap applied; None when there is none (preferential groups) or it is unknown.
    #[serde(
        skip_serializing_if = "Option::is_none",
        serialize_with = "crate::money::money_opt"
    )]
    pub cap: Option<Decimal>,
    #[serde(serialize_with = "crate::money::money")]
    pub pays: Decimal,
    pub preferential: bool,
    /// The payment went past the original cap into the bonus amount: next year's zero-claim
    /// bonus is cleared.
    pub uses_bonus_amount: bool,
}

#[derive(Clone, Debug, Serialize, PartialEq, Default)]
pub struct Totals {
    #[serde(serialize_with = "crate::money::money")]
    pub spending: Decimal,
    #[serde(serialize_with = "crate::money::money")]
    pub excluded: Decimal,
    #[serde(serialize_with = "crate::money::money")]
    pub fund_pays: Decimal,
    #[serde(serialize_with = "crate::money::money")]
    pub major_pays: Decimal,
    #[serde(serialize_with = "crate::money::money")]
    pub allowance: Decimal,
    #[serde(serialize_with = "crate::money::money")]
    pub you_pay: Decimal,
}

impl Totals {
    pub fn add(&mut self, o: &Totals) {
        self.spending += o.spending;
        self.excluded += o.excluded;
        self.fund_pays += o.fund_pays;
        self.major_pays += o.major_pays;
        self.allowance += o.allowance;
        self.you_pay += o.you_pay;
    }
}

#[derive(Clone, Debug, Serialize, PartialEq)]
pub struct Reimbursement {
    pub lines: Vec<Line>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub major: Option<Major>,
    pub totals: Totals,
}

pub struct Input<'a> {
    pub rules: &'a Rules<'a>,
    pub member: &'a Member,
    pub year: i32,
    pub wait: &'a WaitingPeriod,
    pub cap: &'a CapHistory,
}

/// The parameters the reimbursement reads, in force in the benefit year, for the members whose
/// category pays by one rates table, each with its citation; one the policy lacks (and the user
/// has not filled in) is None, and its line is not estimated. They depend on the policy, the year
/// and the rates table alone, so a batch looks them up once per (policy, year, table)
/// ([`Rules::kept_for`]), as the cap's and the waiting period's terms, not on every line.
#[derive(Default)]
pub struct Terms {
    outpatient_rate: Option<InForce<Decimal>>,
    outpatient_deductible: Option<InForce<Decimal>>,
    /// The table's own limit where the policy sets one (Yantai: 一档 200, 二档 350), else the
    /// policy's one limit.
    outpatient_limit: Option<InForce<Option<Decimal>>>,
    chronic_rate: Option<InForce<Decimal>>,
    chronic_limit_single: Option<InForce<Decimal>>,
    chronic_limit_both: Option<InForce<Decimal>>,
    inpatient_annual_limit: Option<InForce<Decimal>>,
    second_admission_share: Option<InForce<Decimal>>,
    third_admission_deductible: Option<InForce<Decimal>>,
    /// A stay's deductible and the table's rate, by hospital level (see [`by_level`]).
    stay_deductible: [Option<InForce<Decimal>>; 3],
    stay_rate: [Option<InForce<Decimal>>; 3],
    major_deductible: Option<InForce<Decimal>>,
    preferential_deductible_share: Option<InForce<Decimal>>,
    preferential_rate_bonus: Option<InForce<Decimal>>,
    /// 大病保险's segments in order: each one's rate and upper bound (none on the last).
    segments: Vec<(InForce<Decimal>, Option<InForce<Decimal>>)>,
    maternity_second_child: Option<InForce<Decimal>>,
    maternity_third_child: Option<InForce<Decimal>>,
    special_rate: Option<InForce<Decimal>>,
    special_limit: Option<InForce<Option<Decimal>>>,
}

/// `f` of each hospital level, in the order `Level as usize` indexes them. Written out rather
/// than `[T; 3]::map`, whose machinery added about 700 bytes to the page's module.
fn by_level<T>(f: impl Fn(Level) -> T) -> [T; 3] {
    [f(Level::Primary), f(Level::Secondary), f(Level::Tertiary)]
}

impl Terms {
    fn of(r: &Rules, rates: &str) -> Terms {
        // Segments are numbered from 1; the last has no upper bound.
        let mut segments = Vec::new();
        for i in 1.. {
            let Some(rate) = r.rate(&format!("major.segment.{i}.rate")) else {
                break;
            };
            let up_to = r.money(&format!("major.segment.{i}.up_to"));
            let last = up_to.is_none();
            segments.push((rate, up_to));
            if last {
                break;
            }
        }
        Terms {
            outpatient_rate: r.rate("outpatient.rate"),
            outpatient_deductible: r.money("outpatient.deductible"),
            outpatient_limit: r
                .limit(&["outpatient.annual_limit.", rates].concat())
                .or_else(|| r.limit("outpatient.annual_limit")),
            chronic_rate: r.rate("chronic.rate"),
            chronic_limit_single: r.money("chronic.limit_single"),
            chronic_limit_both: r.money("chronic.limit_both"),
            inpatient_annual_limit: r.money("inpatient.annual_limit"),
            second_admission_share: r.rate("inpatient.second_admission_deductible_share"),
            third_admission_deductible: r.money("inpatient.third_admission_deductible"),
            stay_deductible: by_level(|l| r.money(&["inpatient.deductible.", l.key()].concat())),
            stay_rate: by_level(|l| r.rate(&["inpatient.rate.", rates, ".", l.key()].concat())),
            major_deductible: r.money("major.deductible"),
            preferential_deductible_share: r.rate("major.preferential.deductible_share"),
            preferential_rate_bonus: r.rate("major.preferential.rate_bonus"),
            segments,
            maternity_second_child: r.money("maternity.second_child"),
            maternity_third_child: r.money("maternity.third_child"),
            special_rate: r.rate("special_children.rate"),
            special_limit: r.limit("special_children.limit"),
        }
    }
}

pub fn compute(inp: &Input, trace: &mut Trace) -> Reimbursement {
    // Every term is looked up, a missing one as None: `kept_for` always gives them.
    let rates = inp.member.category.rates;
    let terms = &*inp
        .rules
        .kept_for(rates, move |r| Some(Terms::of(r, rates)))
        .unwrap_or_default();
    let s = &inp.member.spending;
    let mut lines = Vec::new();
    if s.outpatient > Decimal::ZERO {
        lines.push(outpatient(inp, terms, s.outpatient, trace));
    }
    if let Some((cond, drugs)) = s.chronic {
        lines.push(chronic(inp, terms, cond, drugs, trace));
    }
    let (mut stay_lines, burdens) = inpatient(inp, terms, trace);
    let major = major(inp, terms, &burdens, trace);
    if let Some(m) = &major {
        share_out(m.pays, &burdens, &mut stay_lines);
    }
    lines.extend(stay_lines.into_iter().map(Line::settle));
    if let Some((order, when)) = s.childbirth {
        lines.push(maternity(inp, terms, order, when, trace));
    }
    if let Some((cond, amount)) = s.special_rehab {
        lines.push(special_rehab(inp, terms, cond, amount, trace));
    }
    let mut totals = Totals::default();
    for l in &lines {
        totals.add(&Totals {
            spending: l.spending,
            excluded: l.excluded,
            fund_pays: l.fund_pays,
            major_pays: l.major_pays,
            allowance: l.allowance,
            you_pay: l.you_pay,
        });
    }
    if !lines.is_empty() {
        step!(
            trace,
            Topic::Reimbursement,
            Rule::Benefits,
            format!(
                "合计:花费{}元,其中等待期内{}元不报销;基本医保支付{}元,大病保险支付{}元,个人负担{}元",
                money::amount(totals.spending),
                money::amount(totals.excluded),
                money::amount(totals.fund_pays),
                money::amount(totals.major_pays),
                money::amount(totals.you_pay)
            ),
            money::amount(totals.fund_pays + totals.major_pays),
            &[],
        );
    }
    Reimbursement {
        lines,
        major,
        totals,
    }
}

/// The covered part of spending spread evenly over the year: covered days / days in the year.
fn covered_part(inp: &Input, amount: Decimal) -> Decimal {
    let w = inp.wait;
    let covered = w.days_in_year - w.uncovered_days;
    round(amount * Decimal::from(covered) / Decimal::from(w.days_in_year))
}

fn spread_note(inp: &Input, amount: Decimal, eligible: Decimal) -> Option<String> {
    (eligible < amount).then(|| {
        format!(
            "按全年均匀发生估算,{}天中有{}天在等待期内,{}元不报销",
            inp.wait.days_in_year,
            inp.wait.uncovered_days,
            money::amount(amount - eligible)
        )
    })
}

/// An annual amount spread evenly over the year, reimbursed on its covered part: less a deductible,
/// at a rate, up to a limit. 普通门诊, 两病 drugs and special rehabilitation all work this way.
struct Spread {
    eligible: Decimal,
    /// before the limit
    raw: Decimal,
    fund: Decimal,
}

impl Spread {
    fn of(
        inp: &Input,
        amount: Decimal,
        deductible: Decimal,
        rate: Decimal,
        limit: Option<Decimal>,
    ) -> Spread {
        let eligible = covered_part(inp, amount);
        let raw = round((eligible - deductible).max(Decimal::ZERO) * rate);
        Spread {
            eligible,
            raw,
            fund: limit.map_or(raw, |l| raw.min(l)),
        }
    }

    /// The line for this amount: what fell in the waiting period, what the fund pays.
    fn line(&self, inp: &Input, line: Line) -> Line {
        let amount = line.spending;
        Line {
            excluded: amount - self.eligible,
            fund_pays: self.fund,
            note: spread_note(inp, amount, self.eligible),
            ..line
        }
        .settle()
    }
}

/// A line the policy cannot estimate: says which parameters are missing, so the user can fill them.
fn not_estimated(
    mut line: Line,
    what: &str,
    keys: &[&str],
    inp: &Input,
    trace: &mut Trace,
) -> Line {
    line.estimated = false;
    // The note is the explanation's: a pass that keeps none does not look for what is missing.
    if trace.keep {
        let missing: Vec<&str> = keys
            .iter()
            .copied()
            .filter(|k| inp.rules.get(k).is_none())
            .collect();
        let text = format!(
            "{}的资料中没有{what}的报销标准,未估算(可在参数中自填:{})",
            inp.rules.policy.name,
            missing.join("、")
        );
        trace.step(
            Topic::Reimbursement,
            Rule::Benefits,
            text.clone(),
            "未估算",
            &[],
        );
        line.note = Some(text);
    }
    line.settle()
}

/// 普通门诊: 「将居民普通门诊报销比例提高至65%」 (Yantai).
fn outpatient(inp: &Input, terms: &Terms, amount: Decimal, trace: &mut Trace) -> Line {
    let line = Line::new(Item::Outpatient, "普通门诊", amount);
    let (Some(rate), Some(ded), Some(limit)) = (
        &terms.outpatient_rate,
        &terms.outpatient_deductible,
        &terms.outpatient_limit,
    ) else {
        return not_estimated(
            line,
            "普通门诊",
            &[
                "outpatient.rate",
                "outpatient.deductible",
                "outpatient.annual_limit",
            ],
            inp,
            trace,
        );
    };
    let sp = Spread::of(inp, amount, ded.value, rate.value, limit.value);
    step!(
        trace,
        Topic::Reimbursement,
        Rule::Benefits,
        format!(
            "普通门诊:可报销花费{}元,扣除起付线{}元后按{}报销{}",
            money::amount(sp.eligible),
            money::amount(ded.value),
            pct(rate.value),
            limit
                .value
                .map(|l| format!(",年度限额{}元", money::amount(l)))
                .unwrap_or_else(|| ",未设年度限额(待核实)".into())
        ),
        money::amount(sp.fund),
        &[&rate.from, &ded.from, &limit.from],
    );
    sp.line(inp, line)
}

/// 两病: 「单独患有高血压、糖尿病最高支付限额提高至600元,同时患高血压糖尿病的最高支付限额提高至1000元」.
fn chronic(
    inp: &Input,
    terms: &Terms,
    cond: ChronicCondition,
    drugs: Decimal,
    trace: &mut Trace,
) -> Line {
    let label = match cond {
        ChronicCondition::Hypertension => "两病门诊用药(高血压)",
        ChronicCondition::Diabetes => "两病门诊用药(糖尿病)",
        ChronicCondition::Both => "两病门诊用药(高血压和糖尿病)",
    };
    let line = Line::new(Item::Chronic, label, drugs);
    let (limit_key, limit) = if cond == ChronicCondition::Both {
        ("chronic.limit_both", &terms.chronic_limit_both)
    } else {
        ("chronic.limit_single", &terms.chronic_limit_single)
    };
    let (Some(rate), Some(limit)) = (&terms.chronic_rate, limit) else {
        return not_estimated(
            line,
            "两病门诊用药",
            &["chronic.rate", limit_key],
            inp,
            trace,
        );
    };
    let sp = Spread::of(inp, drugs, Decimal::ZERO, rate.value, Some(limit.value));
    let capped = if sp.raw > limit.value {
        format!(",超过年度限额,按限额{}元支付", money::amount(limit.value))
    } else {
        String::new()
    };
    step!(
        trace,
        Topic::Reimbursement,
        Rule::Benefits,
        format!(
            "{label}:可报销花费{}元 × {} = {}元{capped}",
            money::amount(sp.eligible),
            pct(rate.value),
            money::amount(sp.raw)
        ),
        money::amount(sp.fund),
        &[&rate.from, &limit.from],
    );
    sp.line(inp, line)
}

/// Whether a dated event falls in the cover period. A month that is only partly covered counts as
/// not covered (the page asks for the day when that matters) and says so.
pub(crate) fn covered(wait: &WaitingPeriod, when: When) -> (bool, Option<String>) {
    let Some(start) = wait.cover_start else {
        return (false, None);
    };
    match when {
        When::Day(d) => (d >= start, None),
        When::Month(m) => {
            let first = NaiveDate::from_ymd_opt(wait.cover_end.year(), m, 1);
            match first {
                Some(f) if f >= start => (true, None),
                Some(f) if f.month() == start.month() && f.year() == start.year() => (
                    false,
                    Some(format!("该月部分时间在等待期内,按不报销估算;若在{}或之后发生,可以报销(请填写具体日期)", month_day_zh(start))),
                ),
                _ => (false, None),
            }
        }
    }
}

fn sort_key(w: When) -> (u32, u32) {
    match w {
        When::Month(m) => (m, 0),
        When::Day(d) => (d.month(), d.day()),
    }
}

/// Inpatient stays in date order. Returns the lines and, per line, the personal in-scope burden
/// that 大病保险 takes over (zero for stays not covered or not estimated).
///
/// Yantai: 「第二次住院起付标准减半、第三次开始起付标准每次仅为100元」 — admissions are counted among the
/// covered stays of the year (a stay inside the waiting period is not a reimbursed admission).
fn inpatient(inp: &Input, terms: &Terms, trace: &mut Trace) -> (Vec<Line>, Vec<Decimal>) {
    let mut stays: Vec<_> = inp.member.spending.stays.iter().enumerate().collect();
    crate::sort_short(&mut stays, |(i, a), (j, b)| {
        (sort_key(a.when), *i) < (sort_key(b.when), *j)
    });
    let (annual, second, third) = (
        &terms.inpatient_annual_limit,
        &terms.second_admission_share,
        &terms.third_admission_deductible,
    );
    let mut used = Decimal::ZERO;
    let mut admissions = 0u32;
    let (mut lines, mut burdens) = (Vec::new(), Vec::new());
    for (n, (_, stay)) in stays.into_iter().enumerate() {
        // The label names the line in the explained result; a pass whose explanation is not
        // kept (figures only, the other reading) shows no lines and does not write it.
        let label = if trace.keep {
            format!(
                "住院{}:{},{}",
                n + 1,
                stay.level.label(),
                when_zh(stay.when)
            )
        } else {
            String::new()
        };
        let mut line = Line::new(Item::Inpatient, label.clone(), stay.amount);
        let (is_covered, note) = covered(inp.wait, stay.when);
        if !is_covered {
            line.excluded = stay.amount;
            let why = note.unwrap_or_else(|| "在待遇等待期内,医保不支付".into());
            step!(
                trace,
                Topic::Reimbursement,
                Rule::WaitTotal,
                format!("{label}:{why},{}元不报销", money::amount(stay.amount)),
                money::amount(Decimal::ZERO),
                &[],
            );
            line.note = Some(why);
            lines.push(line);
            burdens.push(Decimal::ZERO);
            continue;
        }
        let (Some(stay_deductible), Some(stay_rate), Some(annual)) = (
            &terms.stay_deductible[stay.level as usize],
            &terms.stay_rate[stay.level as usize],
            annual,
        ) else {
            let level = stay.level.key();
            let keys = [
                format!("inpatient.deductible.{level}"),
                format!("inpatient.rate.{}.{level}", inp.member.category.rates),
                "inpatient.annual_limit".to_string(),
            ];
            let keys: Vec<&str> = keys.iter().map(String::as_str).collect();
            lines.push(not_estimated(line, "住院", &keys, inp, trace));
            burdens.push(Decimal::ZERO);
            continue;
        };
        admissions += 1;
        let mut params: Vec<&ParamRef> = vec![&stay_deductible.from, &stay_rate.from];
        let deductible = match (admissions, second, third) {
            (2, Some(s), _) => {
                params.push(&s.from);
                round(stay_deductible.value * s.value)
            }
            (n, _, Some(th)) if n >= 3 => {
                params.push(&th.from);
                th.value.min(stay_deductible.value)
            }
            _ => stay_deductible.value,
        };
        let applied = deductible.min(stay.amount);
        let raw = round((stay.amount - applied) * stay_rate.value);
        let fund = raw.min((annual.value - used).max(Decimal::ZERO));
        used += fund;
        params.push(&annual.from);
        let limit_text = if fund < raw {
            format!(
                ";已达基本医保年度限额{}元,只付{}元",
                money::amount(annual.value),
                money::amount(fund)
            )
        } else {
            String::new()
        };
        step!(
            trace,
            Topic::Reimbursement,
            Rule::Benefits,
            format!(
                "{label}(年内第{admissions}次住院):({}元 − 起付线{}元) × {} = {}元{limit_text}",
                money::amount(stay.amount),
                money::amount(applied),
                pct(stay_rate.value),
                money::amount(raw)
            ),
            money::amount(fund),
            &params,
        );
        line.fund_pays = fund;
        burdens.push(stay.amount - fund);
        lines.push(line);
    }
    (lines, burdens)
}

/// 大病保险 on the personal burden left after basic reimbursement: 「参保人患病住院后发生的医疗费用,经
/// 基本医保报销后,将自动进入大病保险保障」. Deductible, then rates by segment of the amount above the
/// deductible, limited by the year's adjusted cap (RULES.md §3). 低保对象、特困人员、返贫致贫人口:
/// deductible halved, rate +5 points, no cap.
fn major(inp: &Input, terms: &Terms, burdens: &[Decimal], trace: &mut Trace) -> Option<Major> {
    let pool: Decimal = burdens.iter().sum();
    if pool <= Decimal::ZERO {
        return None;
    }
    let r = inp.rules;
    let Some(ded) = &terms.major_deductible else {
        step!(
            trace,
            Topic::Reimbursement,
            Rule::Benefits,
            format!(
                "{}的资料中没有大病保险起付线和比例,大病保险未估算",
                r.policy.name
            ),
            "未估算",
            &[],
        );
        return None;
    };
    let group = inp.member.subsidy_group.filter(|g| g.preferential);
    let pref = group.and_then(|_| {
        Some((
            terms.preferential_deductible_share.as_ref()?,
            terms.preferential_rate_bonus.as_ref()?,
        ))
    });
    let mut params: Vec<ParamRef> = vec![ded.from.clone()];
    let deductible = match &pref {
        Some((share, _)) => {
            params.push(share.from.clone());
            round(ded.value * share.value)
        }
        None => ded.value,
    };
    let above = (pool - deductible).max(Decimal::ZERO);
    let mut segments = Vec::new();
    let mut from = Decimal::ZERO;
    for (rate, to) in &terms.segments {
        let bonus = pref.as_ref().map(|(_, b)| b.value).unwrap_or_default();
        let eff = (rate.value + bonus).min(Decimal::ONE);
        let top = to.as_ref().map(|t| t.value);
        let amount = match top {
            Some(t) => (above.min(t) - from).max(Decimal::ZERO),
            None => (above - from).max(Decimal::ZERO),
        };
        params.push(rate.from.clone());
        if let Some(t) = &to {
            params.push(t.from.clone());
        }
        segments.push(Segment {
            from,
            to: top,
            rate: eff,
            amount,
            pays: amount * eff,
        });
        if let Some(t) = top {
            from = t;
        }
    }
    if let Some((_, b)) = &pref {
        params.push(b.from.clone());
    }
    let before_cap = round(segments.iter().map(|s| s.pays).sum::<Decimal>());
    for s in &mut segments {
        s.pays = round(s.pays);
    }
    let cap = if pref.is_some() { None } else { inp.cap.cap };
    let pays = cap.map_or(before_cap, |c| before_cap.min(c.max(Decimal::ZERO)));
    let uses_bonus = inp.cap.original_cap.is_some_and(|o| pays > o);
    // The sentence: only for an explanation that is kept.
    if trace.keep {
        let seg_text: Vec<String> = segments
            .iter()
            .filter(|s| s.amount > Decimal::ZERO)
            .map(|s| format!("{}元×{}", money::amount(s.amount), pct(s.rate)))
            .collect();
        let cap_text = match (pref.is_some(), cap) {
            (true, _) => format!(";{}不设封顶线", group.map(|g| g.label).unwrap_or("")),
            (false, Some(c)) if before_cap > c => {
                format!(";超过本年限额,按限额{}元支付", money::amount(c))
            }
            (false, Some(c)) => format!(";本年限额{}元", money::amount(c)),
            (false, None) => ";原封顶线未知,未设上限".to_string(),
        };
        let refs: Vec<&ParamRef> = params.iter().collect();
        trace.step(
            Topic::Reimbursement,
            Rule::Benefits,
            format!(
                "大病保险:住院个人负担{}元,超过起付线{}元的{}元按段报销({}){cap_text}",
                money::amount(pool),
                money::amount(deductible),
                money::amount(above),
                if seg_text.is_empty() {
                    "无".to_string()
                } else {
                    seg_text.join(" + ")
                }
            ),
            money::amount(pays),
            &refs,
        );
    }
    if uses_bonus {
        step!(
            trace,
            Topic::Cap,
            Rule::Cap,
            "大病报销超过原封顶线,用了奖励额度:下一年起此前积累的零报销奖励清零",
            "清零",
            &[],
        );
    }
    Some(Major {
        pool,
        deductible,
        above_deductible: above,
        segments,
        before_cap,
        cap,
        pays,
        preferential: pref.is_some(),
        uses_bonus_amount: uses_bonus,
    })
}

/// Splits the 大病 payment over the stays in proportion to their burden, to the cent; the last
/// stay with a burden takes the rounding remainder, so the lines add up to the total exactly.
fn share_out(total: Decimal, burdens: &[Decimal], lines: &mut [Line]) {
    let pool: Decimal = burdens.iter().sum();
    if pool <= Decimal::ZERO {
        return;
    }
    let last = burdens.iter().rposition(|b| *b > Decimal::ZERO);
    let mut given = Decimal::ZERO;
    for (i, (b, line)) in burdens.iter().zip(lines.iter_mut()).enumerate() {
        if *b <= Decimal::ZERO {
            continue;
        }
        let part = if Some(i) == last {
            total - given
        } else {
            round(total * (*b / pool))
        };
        line.major_pays = part;
        given += part;
    }
}

/// Yantai: 「参保居民生育二孩、三孩补助标准由1000元分别提高至1500元、3000元」.
fn maternity(inp: &Input, terms: &Terms, order: u32, when: When, trace: &mut Trace) -> Line {
    let label = format!("生育补助(第{order}孩,{})", when_zh(when));
    let line = Line::new(Item::Maternity, label.clone(), Decimal::ZERO);
    let (Some(second), Some(third)) = (&terms.maternity_second_child, &terms.maternity_third_child)
    else {
        return not_estimated(
            line,
            "生育补助",
            &["maternity.second_child", "maternity.third_child"],
            inp,
            trace,
        );
    };
    let (is_covered, note) = covered(inp.wait, when);
    if !is_covered {
        let why = note.clone().unwrap_or_else(|| "在待遇等待期内".into());
        step!(
            trace,
            Topic::Reimbursement,
            Rule::WaitTotal,
            format!("{label}:{why},不能领取"),
            money::amount(Decimal::ZERO),
            &[],
        );
        return Line {
            note: Some(note.unwrap_or_else(|| "在待遇等待期内".into())),
            ..line
        };
    }
    let (amount, p, note) = match order {
        1 => (
            Decimal::ZERO,
            None,
            Some("资料中只有二孩、三孩补助标准".to_string()),
        ),
        2 => (second.value, Some(&second.from), None),
        _ => (third.value, Some(&third.from), None),
    };
    step!(
        trace,
        Topic::Reimbursement,
        Rule::Benefits,
        format!("{label}:{}元", money::amount(amount)),
        money::amount(amount),
        &p.into_iter().collect::<Vec<_>>(),
    );
    Line {
        allowance: amount,
        note,
        ..line
    }
}

/// Yantai: 「对脑瘫、孤独症、先天性心脏病等儿童实施定点康复、规范治疗、限额管理、全额保障」.
fn special_rehab(
    inp: &Input,
    terms: &Terms,
    cond: SpecialCondition,
    amount: Decimal,
    trace: &mut Trace,
) -> Line {
    let label = match cond {
        SpecialCondition::CerebralPalsy => "脑瘫儿童定点康复",
        SpecialCondition::Autism => "孤独症儿童定点康复",
        SpecialCondition::CongenitalHeart => "先天性心脏病儿童定点治疗",
    };
    let line = Line::new(Item::SpecialRehab, label, amount);
    let (Some(rate), Some(limit)) = (&terms.special_rate, &terms.special_limit) else {
        return not_estimated(
            line,
            "特定疾病儿童康复",
            &["special_children.rate", "special_children.limit"],
            inp,
            trace,
        );
    };
    let sp = Spread::of(inp, amount, Decimal::ZERO, rate.value, limit.value);
    step!(
        trace,
        Topic::Reimbursement,
        Rule::Benefits,
        format!(
            "{label}:可报销花费{}元 × {}{}",
            money::amount(sp.eligible),
            pct(rate.value),
            limit
                .value
                .map(|l| format!(",限额{}元", money::amount(l)))
                .unwrap_or_else(|| ",限额未公布(待核实)".into())
        ),
        money::amount(sp.fund),
        &[&rate.from, &limit.from],
    );
    sp.line(inp, line)
}
