//! 待遇等待期 — the waiting period before benefits start (RULES.md §2).
//!
//! 国办发〔2024〕38号:「自2025年起,除新生儿等特殊群体外,对未在居民医保集中参保期内参保或未连续参保的人员,
//! 设置参保后固定待遇等待期3个月;其中,未连续参保的,每多断保1年,原则上在固定待遇等待期基础上增加变动待遇
//! 等待期1个月,参保人员可通过缴费修复变动待遇等待期,每多缴纳1年可减少1个月变动待遇等待期,连续断缴4年及
//! 以上的,修复后固定待遇等待期和变动待遇等待期之和原则上不少于6个月。」

use crate::decimal::Decimal;
use chrono::{Datelike, Months, NaiveDate};
use serde::Serialize;

use crate::dates::{date_zh, month_day_zh};
use crate::enrollment::lapsed_run;
use crate::money::amount;
use crate::policy::{CategoryKind, DayRange, Exemption, Reading, RepairPrice};
use crate::rule::Rule;
use crate::rules::{InForce, ParamRef, Rules};
use crate::scenario::{Member, FIRST_YEAR};
use crate::trace::{step, Topic, Trace};

/// The waiting-period parameters of a policy, each with its citation.
pub struct Terms {
    pub fixed: InForce<u32>,
    pub per_lapsed_year: InForce<u32>,
    pub per_repaired_year: InForce<u32>,
    pub floor_from_lapsed: InForce<u32>,
    pub floor: InForce<u32>,
}

impl Terms {
    pub fn of(rules: &Rules) -> Option<Terms> {
        Some(Terms {
            fixed: rules.months("waiting.fixed_months")?,
            per_lapsed_year: rules.months("waiting.variable_months_per_lapsed_year")?,
            per_repaired_year: rules.months("waiting.repair_months_per_year")?,
            floor_from_lapsed: rules.months("waiting.floor_min_lapsed_years")?,
            floor: rules.months("waiting.floor_months")?,
        })
    }
}

/// How long the wait is, part by part.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct Months3 {
    /// 固定待遇等待期
    pub fixed: u32,
    /// 变动待遇等待期, before repair
    pub variable: u32,
    /// months removed by 缴费修复
    pub repaired: u32,
    /// months added back by the 6-month floor
    pub floor_added: u32,
    pub total: u32,
}

/// The months of waiting for `lapsed` consecutive lapsed years and `repaired` years paid for.
///
/// Rule 3: the fixed wait applies 「对未在居民医保集中参保期内参保或未连续参保的人员」 — outside the
/// window, or after any lapse (A2: a lapse followed by payment inside the next window still waits).
/// Rule 4: 「每多断保1年…增加变动待遇等待期1个月」 — reading A counts every lapsed year; reading B lets
/// the fixed 3 months stand for the first one (A1).
/// Rule 5: 「每多缴纳1年可减少1个月变动待遇等待期」 — repair never removes the fixed part.
/// Rule 6: 「连续断缴4年及以上的,修复后…之和原则上不少于6个月」.
pub fn months(t: &Terms, lapsed: u32, repaired: u32, reading: Reading, in_window: bool) -> Months3 {
    let waits = !in_window || lapsed > 0;
    if !waits {
        return Months3 {
            fixed: 0,
            variable: 0,
            repaired: 0,
            floor_added: 0,
            total: 0,
        };
    }
    let counted_years = match reading {
        Reading::A => lapsed,
        Reading::B => lapsed.saturating_sub(1),
    };
    let fixed = t.fixed.value;
    let variable = counted_years.saturating_mul(t.per_lapsed_year.value);
    let repaired = repaired
        .saturating_mul(t.per_repaired_year.value)
        .min(variable);
    let before_floor = fixed + variable - repaired;
    let floor_added = if lapsed >= t.floor_from_lapsed.value {
        t.floor.value.saturating_sub(before_floor)
    } else {
        0
    };
    Months3 {
        fixed,
        variable,
        repaired,
        floor_added,
        total: before_floor + floor_added,
    }
}

/// Rule 7: 「待遇等待期自参保缴费之日起计算」; cover starts on the later of payment date + the wait
/// (calendar months: 30 Nov + 3 months = 28/29 Feb) and 1 January of the benefit year.
pub fn cover_start(payment: NaiveDate, months: u32, year: i32) -> Option<NaiveDate> {
    let after_wait = payment.checked_add_months(Months::new(months))?;
    Some(after_wait.max(NaiveDate::from_ymd_opt(year, 1, 1)?))
}

#[derive(Clone, Debug, Serialize, PartialEq)]
pub struct RepairOption {
    pub years: u32,
    #[serde(serialize_with = "crate::money::money")]
    pub cost: Decimal,
    pub total_months: u32,
    /// None when cover would not start within the benefit year.
    pub cover_start: Option<NaiveDate>,
    /// The cost under the other reading of the repair price (A6), for a member whose premium
    /// 医疗救助 pays in part; absent otherwise.
    #[serde(
        skip_serializing_if = "Option::is_none",
        serialize_with = "crate::money::money_opt"
    )]
    pub cost_other: Option<Decimal>,
}

/// A payment date inside the window but on a day payments are not handled (RULES.md §6 A7).
#[derive(Clone, Debug, Serialize, PartialEq)]
pub struct NotABusinessDay {
    pub date: NaiveDate,
    /// The nearest business days inside the window before and after it.
    pub previous: Option<NaiveDate>,
    pub next: Option<NaiveDate>,
    /// The business days as the policy states them: 「9月—11月为1日—25日,12月为1日—28日」.
    pub days: String,
    pub text: String,
}

#[derive(Clone, Debug, Serialize, PartialEq)]
pub struct WaitingPeriod {
    pub exemption: Exemption,
    /// The person waits no matter what (the category is exempt).
    pub exempt: bool,
    pub in_window: bool,
    /// The 集中参保期 for this benefit year.
    pub window_start: NaiveDate,
    pub window_end: NaiveDate,
    /// Set when the payment date is inside the window but not a business day (A7): the wait is
    /// computed as inside the window all the same.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub business_day: Option<NotABusinessDay>,
    pub lapsed_years: u32,
    /// Which benefit years are the lapsed run.
    pub lapsed: Vec<i32>,
    pub reading: Reading,
    pub months: Months3,
    pub repair_years: u32,
    #[serde(serialize_with = "crate::money::money")]
    pub repair_cost: Decimal,
    /// The first day of cover; None when cover does not start within the benefit year.
    pub cover_start: Option<NaiveDate>,
    pub cover_end: NaiveDate,
    /// Days of the benefit year before cover starts (spending in them is not reimbursed).
    pub uncovered_days: u32,
    /// Of those, the days before the payment date: the person was not insured yet, so they are
    /// not "waiting" (the page must not call them 等待期).
    pub days_before_payment: u32,
    /// Of those, the days from the payment date (or 1 January) to the day before cover starts:
    /// the waiting period proper, inside the benefit year.
    pub waiting_days: u32,
    pub days_in_year: u32,
    /// Months (1–12) of the benefit year not wholly covered.
    pub uncovered_months: Vec<u32>,
    /// Every possible repair, 0..=lapsed years.
    pub repair_options: Vec<RepairOption>,
    /// The largest repair that still shortens the wait in months (0 when none does).
    pub useful_repair_years: u32,
    /// The smallest repair that gives the earliest cover-start date.
    pub best_repair_years: u32,
}

pub struct Input<'a> {
    pub member: &'a Member,
    pub year: i32,
    pub reading: Reading,
    pub window: (NaiveDate, NaiveDate),
    /// What one repaired year costs (the individual contribution of the current year, or the
    /// member's own share of it under the other reading of A6).
    pub premium_per_year: Decimal,
    /// The price under the other reading of A6, when the member's premium is subsidised.
    pub price_other: Option<Decimal>,
    pub repair_price: RepairPrice,
    /// The business days inside the window, when the policy names them (Zhangjiakou).
    pub business_days: Option<InForce<&'static [DayRange]>>,
    /// Lapsed years paid for: the member's own answer, or another option the advice weighs.
    pub repair_years: u32,
}

/// Whether this person's cover starts on the payment date even before the benefit year
/// (Yantai: newborns born inside the window, first-time university students).
fn early_cover_applies(inp: &Input) -> bool {
    let m = inp.member;
    match m.category.kind {
        CategoryKind::Newborn => m
            .birth_date
            .is_some_and(|b| b >= inp.window.0 && b <= inp.window.1),
        _ => true,
    }
}

/// 「9月2日至12月28日为参保登记和集中缴费时间,其中9月—11月业务办理期为1日—25日,12月业务办理期为1日—28日」
/// (Zhangjiakou). A7: a day inside the window but outside the business days is still inside the
/// window (no wait): the person is told the day cannot be used, and the nearest ones that can.
fn business_day(
    pay: NaiveDate,
    window: (NaiveDate, NaiveDate),
    days: &InForce<&'static [DayRange]>,
    trace: &mut Trace,
) -> Option<NotABusinessDay> {
    let open = |d: NaiveDate| {
        let md = (d.month(), d.day());
        days.value
            .iter()
            .any(|&(m1, d1, m2, d2)| (m1, d1) <= md && md <= (m2, d2))
    };
    if open(pay) {
        return None;
    }
    let previous = pay
        .iter_days()
        .rev()
        .skip(1)
        .take_while(|d| *d >= window.0)
        .find(|d| open(*d));
    let next = pay
        .iter_days()
        .skip(1)
        .take_while(|d| *d <= window.1)
        .find(|d| open(*d));
    let days_text = stretches_zh(days.value);
    let near: Vec<String> = [
        previous.map(|d| format!("{}或以前", month_day_zh(d))),
        next.map(|d| format!("{}或以后", month_day_zh(d))),
    ]
    .into_iter()
    .flatten()
    .collect();
    let text = format!(
        "{}在集中参保期内,但不是缴费业务办理日({days_text}),这一天办不了;请改在{}交。本页仍按在集中参保期内交费计算。",
        month_day_zh(pay),
        if near.is_empty() {
            "其他业务办理日".to_string()
        } else {
            near.join("、")
        }
    );
    step!(
        trace,
        Topic::WaitingPeriod,
        Rule::BusinessDays,
        text.clone(),
        "不是业务办理日",
        &[&days.from],
    );
    Some(NotABusinessDay {
        date: pay,
        previous,
        next,
        days: days_text,
        text,
    })
}

/// 「9月—11月为1日—25日,12月为1日—28日」: consecutive months with the same days together.
pub fn stretches_zh(days: &[DayRange]) -> String {
    let mut groups: Vec<(u32, u32, u32, u32)> = Vec::new(); // first month, last month, days
    for &(m1, d1, m2, d2) in days {
        match groups.last_mut() {
            Some(g) if m1 == m2 && g.1 + 1 == m1 && (g.2, g.3) == (d1, d2) => g.1 = m1,
            _ if m1 == m2 => groups.push((m1, m1, d1, d2)),
            _ => groups.push((m1, m2, d1, d2)),
        }
    }
    groups
        .iter()
        .map(|&(a, b, d1, d2)| {
            let months = if a == b {
                format!("{a}月")
            } else {
                format!("{a}月—{b}月")
            };
            format!("{months}为{d1}日—{d2}日")
        })
        .collect::<Vec<_>>()
        .join(",")
}

pub fn compute(
    inp: &Input,
    terms: &Terms,
    exemption: Exemption,
    trace: &mut Trace,
    cite_exemption: &ParamRef,
) -> Option<WaitingPeriod> {
    let m = inp.member;
    let year = inp.year;
    let year_start = NaiveDate::from_ymd_opt(year, 1, 1)?;
    let year_end = NaiveDate::from_ymd_opt(year, 12, 31)?;
    let in_window = m.payment_date >= inp.window.0 && m.payment_date <= inp.window.1;
    let not_business_day = match (&inp.business_days, in_window) {
        (Some(days), true) => business_day(m.payment_date, inp.window, days, trace),
        _ => None,
    };
    let lapsed = lapsed_run(&m.history, year, m.birth_date.map(|b| b.year()));
    let lapsed_list: Vec<i32> = (year - lapsed as i32..year).collect();
    let exempt = matches!(exemption, Exemption::NoWait | Exemption::EarlyCover);

    let (mths, start) = if exempt {
        let early = exemption == Exemption::EarlyCover && early_cover_applies(inp);
        let start = if early {
            m.payment_date
        } else {
            m.payment_date.max(year_start)
        };
        // Written before step!, not inside it. Inside (d51a185), the native and wasm results were
        // unchanged but the fallback core built from the same wasm by wasm2js stopped on every input
        // with 「(i | 0) is not a function」 (tests/fallback.test.mjs); the cause in binaryen's output
        // was not found, so this shape, which it compiles right, is kept.
        let text = if early && m.payment_date < year_start {
            format!(
                "{}不设待遇等待期,且缴费之日起即享受待遇(至{year}年12月31日)",
                m.category.label
            )
        } else {
            format!(
                "{}不设待遇等待期,自缴费之日起享受待遇(不早于{year}年1月1日)",
                m.category.label
            )
        };
        step!(
            trace,
            Topic::WaitingPeriod,
            Rule::Exempt,
            text,
            "0个月",
            &[cite_exemption],
        );
        (
            Months3 {
                fixed: 0,
                variable: 0,
                repaired: 0,
                floor_added: 0,
                total: 0,
            },
            Some(start),
        )
    } else {
        let mths = months(terms, lapsed, inp.repair_years, inp.reading, in_window);
        explain(inp, terms, lapsed, &lapsed_list, in_window, &mths, trace);
        let start = cover_start(m.payment_date, mths.total, year)?;
        (mths, Some(start))
    };
    let start = start.filter(|s| *s <= year_end);
    let uncovered_days = match start {
        Some(s) => (s - year_start).num_days().max(0) as u32,
        None => (year_end - year_start).num_days() as u32 + 1,
    };
    let days_in_year = (year_end - year_start).num_days() as u32 + 1;
    let days_before_payment =
        ((m.payment_date - year_start).num_days().max(0) as u32).min(uncovered_days);
    let waiting_days = uncovered_days - days_before_payment;
    let uncovered_months = (1..=12)
        .filter(|mo| match start {
            None => true,
            Some(s) => NaiveDate::from_ymd_opt(year, *mo, 1).is_some_and(|first| first < s),
        })
        .collect();
    match start {
        // Early cover (Yantai: newborns born inside the window, first-time university students):
        // its own clause, not rule 7's 「不早于1月1日」, which it overrides.
        Some(s) if s < year_start => step!(
            trace,
            Topic::WaitingPeriod,
            Rule::Exempt,
            format!(
                "待遇享受期:{}至{}:{}自缴费之日起享受待遇,不必等到{}",
                date_zh(s),
                date_zh(year_end),
                m.category.label,
                date_zh(year_start)
            ),
            date_zh(s),
            &[cite_exemption],
        ),
        Some(s) if exempt => step!(
            trace,
            Topic::WaitingPeriod,
            Rule::Exempt,
            format!(
                "待遇享受期:{}至{}(不设等待期:自缴费日{},且不早于{})",
                date_zh(s),
                date_zh(year_end),
                date_zh(m.payment_date),
                date_zh(year_start)
            ),
            date_zh(s),
            &[cite_exemption],
        ),
        Some(s) => step!(
            trace,
            Topic::WaitingPeriod,
            Rule::CoverStart,
            format!(
                "待遇享受期:{}至{}(缴费日{}+{}个月,且不早于{})",
                date_zh(s),
                date_zh(year_end),
                date_zh(m.payment_date),
                mths.total,
                date_zh(year_start)
            ),
            date_zh(s),
            &[],
        ),
        None => step!(
            trace,
            Topic::WaitingPeriod,
            Rule::CoverStart,
            format!("等待期到{}年才结束,{year}年内不能享受待遇", year + 1),
            "本年度无待遇",
            &[],
        ),
    }

    let options = if exempt {
        // Exempt: no wait whatever the history, so repair changes nothing.
        vec![RepairOption {
            years: 0,
            cost: Decimal::ZERO,
            total_months: 0,
            cover_start: start,
            cost_other: None,
        }]
    } else {
        (0..=lapsed)
            .map(|r| option(inp, terms, lapsed, r, in_window))
            .collect()
    };
    let useful = options
        .windows(2)
        .filter(|w| w[1].total_months < w[0].total_months)
        .map(|w| w[1].years)
        .max()
        .unwrap_or(0);
    let earliest = options
        .iter()
        .map(|o| o.cover_start.unwrap_or(NaiveDate::MAX))
        .min();
    let best = options
        .iter()
        .find(|o| Some(o.cover_start.unwrap_or(NaiveDate::MAX)) == earliest)
        .map(|o| o.years)
        .unwrap_or(0);
    let repair_cost = inp.premium_per_year * Decimal::from(inp.repair_years);
    if inp.repair_years > 0 {
        step!(
            trace,
            Topic::WaitingPeriod,
            Rule::Repair,
            format!(
                "补缴{}年,{}每年{}元,共{}元",
                inp.repair_years,
                match inp.repair_price {
                    RepairPrice::Standard => "按当年个人缴费标准",
                    RepairPrice::OwnShare => "按本人负担的比例(RULES §6 A6 的另一种理解)",
                },
                amount(inp.premium_per_year),
                amount(repair_cost)
            ),
            amount(repair_cost),
            &[&terms.per_repaired_year.from],
        );
    }
    if lapsed > 0 && !exempt {
        step!(
            trace,
            Topic::WaitingPeriod,
            Rule::Repair,
            format!(
                "补缴能缩短等待期的最多年数为{useful}年;让待遇最早开始的最少补缴年数为{best}年"
            ),
            best.to_string(),
            &[],
        );
    }

    Some(WaitingPeriod {
        exemption,
        exempt,
        in_window,
        window_start: inp.window.0,
        window_end: inp.window.1,
        business_day: not_business_day,
        lapsed_years: lapsed,
        lapsed: lapsed_list,
        reading: inp.reading,
        months: mths,
        repair_years: inp.repair_years,
        repair_cost,
        cover_start: start,
        cover_end: year_end,
        uncovered_days,
        days_before_payment,
        waiting_days,
        days_in_year,
        uncovered_months,
        repair_options: options,
        useful_repair_years: useful,
        best_repair_years: best,
    })
}

fn option(inp: &Input, terms: &Terms, lapsed: u32, r: u32, in_window: bool) -> RepairOption {
    let mths = months(terms, lapsed, r, inp.reading, in_window);
    let year_end = NaiveDate::from_ymd_opt(inp.year, 12, 31);
    RepairOption {
        years: r,
        cost: inp.premium_per_year * Decimal::from(r),
        total_months: mths.total,
        cover_start: cover_start(inp.member.payment_date, mths.total, inp.year)
            .filter(|s| Some(*s) <= year_end),
        cost_other: inp.price_other.map(|p| p * Decimal::from(r)),
    }
}

fn explain(
    inp: &Input,
    t: &Terms,
    lapsed: u32,
    lapsed_list: &[i32],
    in_window: bool,
    m: &Months3,
    trace: &mut Trace,
) {
    if !trace.keep {
        // Its sentences are the whole of its work.
        return;
    }
    // Dates as the answer card writes them (2027年8月10日), so a reader matching the two sees one
    // date; the JSON's fields keep ISO dates for spreadsheets.
    let pay = date_zh(inp.member.payment_date);
    let (ws, we) = (date_zh(inp.window.0), date_zh(inp.window.1));
    let window_text = if in_window {
        format!("在集中参保期({ws}至{we})内")
    } else {
        format!("不在集中参保期({ws}至{we})内")
    };
    let lapse_text = if lapsed == 0 {
        format!("此前无断保({FIRST_YEAR}年以前的年份不计)")
    } else {
        let years: Vec<String> = lapsed_list.iter().map(|y| y.to_string()).collect();
        format!("紧接待遇年度之前连续断保{lapsed}年({})", years.join("、"))
    };
    step!(
        trace,
        Topic::WaitingPeriod,
        Rule::LapsedYears,
        format!("缴费日{pay}{window_text};{lapse_text}"),
        format!("断保{lapsed}年"),
        &[],
    );
    if m.total == 0 {
        step!(
            trace,
            Topic::WaitingPeriod,
            Rule::FixedWait,
            "在集中参保期内缴费且连续参保,不设待遇等待期",
            "0个月",
            &[&t.fixed.from],
        );
        return;
    }
    step!(
        trace,
        Topic::WaitingPeriod,
        Rule::FixedWait,
        if in_window {
            "有断保,即使在集中参保期内缴费也设固定等待期(A2)".to_string()
        } else {
            "未在集中参保期内参保,设固定等待期".to_string()
        },
        format!("{}个月", m.fixed),
        &[&t.fixed.from],
    );
    if lapsed > 0 {
        let how = match inp.reading {
            Reading::A => format!("读法A:每断保1年加{}个月", t.per_lapsed_year.value),
            Reading::B => format!(
                "读法B:第1个断保年由固定等待期涵盖,其后每年加{}个月",
                t.per_lapsed_year.value
            ),
        };
        step!(
            trace,
            Topic::WaitingPeriod,
            Rule::VariableWait,
            format!("变动等待期:{how}"),
            format!("{}个月", m.variable),
            &[&t.per_lapsed_year.from],
        );
    }
    if m.repaired > 0 {
        step!(
            trace,
            Topic::WaitingPeriod,
            Rule::Repair,
            format!("补缴{}年,减少变动等待期", inp.repair_years),
            format!("-{}个月", m.repaired),
            &[&t.per_repaired_year.from],
        );
    }
    if lapsed >= t.floor_from_lapsed.value {
        let text = if m.floor_added > 0 {
            format!(
                "连续断缴{lapsed}年(≥{}年),修复后等待期不少于{}个月,补足{}个月",
                t.floor_from_lapsed.value, t.floor.value, m.floor_added
            )
        } else {
            format!(
                "连续断缴{lapsed}年(≥{}年),等待期不少于{}个月(已满足)",
                t.floor_from_lapsed.value, t.floor.value
            )
        };
        step!(
            trace,
            Topic::WaitingPeriod,
            Rule::Floor,
            text,
            format!("+{}个月", m.floor_added),
            &[&t.floor_from_lapsed.from, &t.floor.from],
        );
    }
    step!(
        trace,
        Topic::WaitingPeriod,
        Rule::WaitTotal,
        wait_sum(m),
        format!("{}个月", m.total),
        &[],
    );
}

/// 「等待期合计:固定3个月 + 变动2个月 − 补缴修复1个月 = 4个月」: each term named as in the steps
/// above it, the zero ones left out, so that a reader can check the sum without knowing the order.
fn wait_sum(m: &Months3) -> String {
    let mut sum = format!("等待期合计:固定{}个月", m.fixed);
    if m.variable > 0 {
        sum += &format!(" + 变动{}个月", m.variable);
    }
    if m.repaired > 0 {
        sum += &format!(" − 补缴修复{}个月", m.repaired);
    }
    if m.floor_added > 0 {
        sum += &format!(" + 补足到下限{}个月", m.floor_added);
    }
    sum + &format!(" = {}个月", m.total)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn months(fixed: u32, variable: u32, repaired: u32, floor_added: u32) -> Months3 {
        let total = fixed + variable - repaired + floor_added;
        Months3 {
            fixed,
            variable,
            repaired,
            floor_added,
            total,
        }
    }

    // The journalist's complaint: 「等待期合计 3 + 2 − 0 + 0」 named no term and kept the zero ones.
    #[test]
    fn the_sum_names_its_terms_and_leaves_out_the_zero_ones() {
        for ((fixed, variable, repaired, floor), sentence) in [
            ((3, 2, 0, 0), "等待期合计:固定3个月 + 变动2个月 = 5个月"),
            (
                (3, 1, 1, 0),
                "等待期合计:固定3个月 + 变动1个月 − 补缴修复1个月 = 3个月",
            ),
            (
                (3, 4, 4, 3),
                "等待期合计:固定3个月 + 变动4个月 − 补缴修复4个月 + 补足到下限3个月 = 6个月",
            ),
            ((3, 0, 0, 0), "等待期合计:固定3个月 = 3个月"),
        ] {
            assert_eq!(
                wait_sum(&months(fixed, variable, repaired, floor)),
                sentence
            );
        }
    }
}
