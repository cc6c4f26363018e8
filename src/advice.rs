//! 划不划算 — what the person should do, weighed against their own plans (issue 9).
//!
//! 国办发〔2024〕38号:「参保人员可通过缴费修复变动待遇等待期,每多缴纳1年可减少1个月变动待遇等待期」. Repair
//! buys an earlier start of cover, and nothing else the texts name: it does not lift the 大病保险 penalty
//! (「重新参保当年」) nor restore the continuity count. So a repair is worth its price to this person only if
//! planned spending that would fall in the wait falls in cover instead. For each repair from none to every
//! lapsed year this module compares what the fund (basic + 大病保险, and the maternity allowance) pays on the
//! planned spending with what the repair costs, and says plainly what to do — never "pay more" for a year
//! that shortens nothing (reading B, the 6-month floor), and "not needed" when no planned spending moves.
//! The figures come from the same wait and payment code as the result; this module only compares them.

use crate::decimal::Decimal;
use chrono::{Datelike, NaiveDate};
use serde::Serialize;

use crate::cap::CapHistory;
use crate::contribution::Contribution;
use crate::dates::{date_zh, month_day_zh, when_zh};
use crate::money::amount;
use crate::reimbursement::{covered, Item, Reimbursement};
use crate::scenario::{Member, When};
use crate::waiting_period::{self, WaitingPeriod};

#[derive(Clone, Copy, Debug, Serialize, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum Verdict {
    /// No waiting period: exempt, or paid inside the window with no lapse.
    NoWait,
    /// A wait that no repair shortens (paid outside the window with no lapse; reading B; the floor).
    CannotShorten,
    /// Repair shortens the wait and no planned spending was given (or its value is unknown): it
    /// depends on whether the person sees a doctor before the later date.
    Optional,
    /// Repair shortens the wait but none of the planned spending moves into cover.
    NotNeeded,
    /// A repair moves planned spending into cover and the fund pays more than it costs.
    WorthIt,
    /// A repair moves planned spending into cover but costs more than the fund would pay extra.
    NotWorthIt,
}

/// A planned, dated item that a repair brings inside the cover period.
#[derive(Clone, Debug, Serialize, PartialEq)]
pub struct Moved {
    pub item: Item,
    pub label: String,
    /// "2028-09" when only the month is known, "2028-09-15" for a day.
    pub date: String,
    #[serde(skip)]
    pub when: When,
    #[serde(serialize_with = "crate::money::money")]
    pub amount: Decimal,
}

#[derive(Clone, Debug, Serialize, PartialEq)]
pub struct RepairChoice {
    pub years: u32,
    #[serde(serialize_with = "crate::money::money")]
    pub cost: Decimal,
    pub total_months: u32,
    pub cover_start: Option<NaiveDate>,
    /// Shortens the wait compared with one year fewer (always true for no repair). A row that is not
    /// useful is money for nothing and is never offered.
    pub useful: bool,
    /// Fund + 大病保险 + cash allowance on the planned spending under this repair.
    #[serde(serialize_with = "crate::money::money")]
    pub paid: Decimal,
    /// paid − paid with no repair
    #[serde(serialize_with = "crate::money::money")]
    pub gain: Decimal,
    /// gain − cost
    #[serde(serialize_with = "crate::money::money")]
    pub net: Decimal,
    pub moved_in: Vec<Moved>,
}

/// What the lapse costs this person this year.
#[derive(Clone, Debug, Serialize, PartialEq)]
pub struct LapseCost {
    pub lapsed_years: u32,
    pub years: Vec<i32>,
    /// Months of waiting the lapse causes with no repair: the whole wait when paid inside the window
    /// (without the lapse there would be none), the variable part when paid outside it.
    pub months: u32,
    /// The 大病保险 cap penalty of this benefit year.
    #[serde(serialize_with = "crate::money::money")]
    pub cap_reduction: Decimal,
    pub text: String,
}

/// What paying after the enrolment window closes would give instead (shown while it is open).
#[derive(Clone, Debug, Serialize, PartialEq)]
pub struct AfterWindow {
    pub from: NaiveDate,
    pub months: u32,
    pub cover_start: Option<NaiveDate>,
    pub text: String,
}

#[derive(Clone, Debug, Serialize, PartialEq)]
pub struct Advice {
    pub verdict: Verdict,
    pub recommended_years: u32,
    /// What the person pays now following the advice: own premium after subsidy, 补充保险, the
    /// recommended repair.
    #[serde(serialize_with = "crate::money::money")]
    pub pay_now: Decimal,
    /// When cover starts following the advice; None when not within the benefit year.
    pub cover_start: Option<NaiveDate>,
    /// 「交400元,2028年8月10日起能报销」; 「个人不用交钱,…」 when following the advice costs nothing.
    pub headline: String,
    pub detail: Vec<String>,
    pub options: Vec<RepairChoice>,
    pub lapse: Option<LapseCost>,
    pub after_window: Option<AfterWindow>,
}

/// The member's figures as computed with their own answers.
pub struct Facts<'a> {
    pub member: &'a Member,
    pub year: i32,
    pub wait: &'a WaitingPeriod,
    pub cap: &'a CapHistory,
    pub contribution: &'a Contribution,
    pub reimbursement: &'a Reimbursement,
    pub terms: &'a waiting_period::Terms,
}

fn paid(r: &Reimbursement) -> Decimal {
    r.totals.fund_pays + r.totals.major_pays + r.totals.allowance
}

/// The planned dated items: stays and a birth, with what they are and when.
fn dated(m: &Member) -> Vec<(Item, String, When, Decimal)> {
    let mut out: Vec<_> = m
        .spending
        .stays
        .iter()
        .map(|s| {
            (
                Item::Inpatient,
                format!("住院({})", s.level.label()),
                s.when,
                s.amount,
            )
        })
        .collect();
    if let Some((order, when)) = m.spending.childbirth {
        out.push((
            Item::Maternity,
            format!("生育(第{order}孩)"),
            when,
            Decimal::ZERO,
        ));
    }
    out
}

fn when_iso(year: i32, w: When) -> String {
    match w {
        When::Month(m) => format!("{year}-{m:02}"),
        When::Day(d) => d.to_string(),
    }
}

fn cover_text(start: Option<NaiveDate>, year: i32) -> String {
    match start {
        Some(d) => format!("{}起能报销", date_zh(d)),
        None => format!("{year}年内不能报销"),
    }
}

/// The day cover would start, for 「可提前到…」: the date, or the next year when not within this one.
fn day_text(start: Option<NaiveDate>, year: i32) -> String {
    match start {
        Some(d) => date_zh(d),
        None => format!("{}年", year + 1),
    }
}

/// Weighs every repair. `under_repair(r)` gives the wait and the payments with `r` lapsed years paid
/// for (the same code as the result, without its explanation); the member's own answer is `facts`.
pub fn advise(
    f: &Facts,
    under_repair: &mut dyn FnMut(u32) -> Option<(WaitingPeriod, Reimbursement)>,
) -> Advice {
    let w = f.wait;
    let m = f.member;
    let plans = !f.reimbursement.lines.is_empty();
    // Money the advice cannot weigh: a planned line this city has no reimbursement standard for.
    let unpriced = f.reimbursement.lines.iter().any(|l| !l.estimated);
    let items = dated(m);

    // Every repair from none to all lapsed years, with what the fund pays on the plans under each.
    let mut options: Vec<RepairChoice> = Vec::with_capacity(w.repair_options.len());
    // The wait under each option (when there are plans to weigh), for the sentences below.
    let mut waits: Vec<Option<WaitingPeriod>> = Vec::with_capacity(w.repair_options.len());
    let mut base: Option<(Decimal, WaitingPeriod)> = None;
    for o in &w.repair_options {
        let (wait_r, paid_r) = if !plans {
            (None, Decimal::ZERO)
        } else if o.years == w.repair_years {
            (Some(w.clone()), paid(f.reimbursement))
        } else {
            match under_repair(o.years) {
                Some((wr, rr)) => {
                    let p = paid(&rr);
                    (Some(wr), p)
                }
                None => (None, Decimal::ZERO),
            }
        };
        let useful = options.last().map_or(true, |prev: &RepairChoice| {
            o.total_months < prev.total_months
        });
        let (gain, moved_in) = match (&base, &wait_r) {
            (Some((p0, w0)), Some(wr)) => (
                paid_r - *p0,
                items
                    .iter()
                    .filter(|(_, _, when, _)| covered(wr, *when).0 && !covered(w0, *when).0)
                    .map(|(item, label, when, amt)| Moved {
                        item: *item,
                        label: label.clone(),
                        date: when_iso(f.year, *when),
                        when: *when,
                        amount: *amt,
                    })
                    .collect(),
            ),
            _ => (Decimal::ZERO, vec![]),
        };
        if base.is_none() {
            if let Some(wr) = &wait_r {
                base = Some((paid_r, wr.clone()));
            }
        }
        waits.push(wait_r);
        options.push(RepairChoice {
            years: o.years,
            cost: o.cost,
            total_months: o.total_months,
            cover_start: o.cover_start,
            useful,
            paid: paid_r,
            gain,
            net: gain - o.cost,
            moved_in,
        });
    }

    let none = &options[0];
    let shortening: Vec<&RepairChoice> =
        options.iter().filter(|o| o.years > 0 && o.useful).collect();
    // The smallest repair giving the earliest start: what "repair" means when no plans decide.
    let earliest = shortening.last().copied();
    let best_net = shortening
        .iter()
        .copied()
        .reduce(|a, b| if b.net > a.net { b } else { a });
    let moves = shortening
        .iter()
        .any(|o| o.gain > Decimal::ZERO || !o.moved_in.is_empty());

    let verdict = if w.exempt || none.total_months == 0 {
        Verdict::NoWait
    } else if shortening.is_empty() {
        Verdict::CannotShorten
    } else if !plans || (unpriced && shortening.iter().all(|o| o.gain.is_zero())) {
        if plans && !moves {
            Verdict::NotNeeded
        } else {
            Verdict::Optional
        }
    } else if best_net.is_some_and(|o| o.net > Decimal::ZERO) {
        Verdict::WorthIt
    } else if moves {
        Verdict::NotWorthIt
    } else {
        Verdict::NotNeeded
    };
    let recommended = match verdict {
        Verdict::WorthIt => best_net.map_or(0, |o| o.years),
        _ => 0,
    };
    let chosen = options
        .iter()
        .find(|o| o.years == recommended)
        .unwrap_or(none);
    let pay_now = f.contribution.individual_pays + f.contribution.health_plan + chosen.cost;
    // Exempt people and those without a wait: their start is the result's own.
    let cover_start = if w.repair_options.len() == 1 {
        w.cover_start
    } else {
        chosen.cover_start
    };
    // 「交0元」 reads as a mistake: a person whose premium 医疗救助 pays in full (特困人员资助100%)
    // and who needs no repair pays nothing themselves.
    let headline = if pay_now.is_zero() {
        format!("个人不用交钱,{}", cover_text(cover_start, f.year))
    } else {
        format!(
            "交{}元,{}",
            amount(pay_now),
            cover_text(cover_start, f.year)
        )
    };

    let mut detail = Vec::new();
    // A7: the day chosen cannot be used; say so before anything else.
    if let Some(b) = &w.business_day {
        detail.push(b.text.clone());
    }
    match verdict {
        Verdict::NoWait => {}
        Verdict::CannotShorten => detail.push(why_not_shorter(f)),
        Verdict::Optional => {
            if let Some(e) = earliest {
                detail.push(format!(
                    "补缴{}年{}元,可提前到{}。",
                    e.years,
                    amount(e.cost),
                    day_text(e.cover_start, f.year)
                ));
            }
            if let Some(d) = none.cover_start {
                detail.push(format!("如果您在{}以前不看病,不补缴也一样。", date_zh(d)));
            }
        }
        Verdict::NotNeeded => {
            if let Some(e) = earliest {
                let until = day_text(e.cover_start, f.year);
                let w0 = waits.first().and_then(|x| x.as_ref());
                let we = waits.get(e.years as usize).and_then(|x| x.as_ref());
                let name = |(_, label, when, _): &&(Item, String, When, Decimal)| {
                    format!("{}{label}", when_zh(*when))
                };
                let is_covered = |wait: Option<&WaitingPeriod>, when: When| {
                    wait.is_some_and(|x| covered(x, when).0)
                };
                // A month-only item in the month the earliest repair starts cover: it depends on
                // the day, which the person can tell us.
                let partial = |when: When| match (when, e.cover_start) {
                    (When::Month(mo), Some(start)) => {
                        !is_covered(we, when) && start.month() == mo && start.year() == f.year
                    }
                    _ => false,
                };
                let anyway: Vec<String> = items
                    .iter()
                    .filter(|x| is_covered(w0, x.2))
                    .map(|x| name(&x))
                    .collect();
                let never: Vec<String> = items
                    .iter()
                    .filter(|x| !is_covered(we, x.2) && !partial(x.2))
                    .map(|x| name(&x))
                    .collect();
                let mut why = Vec::new();
                if !anyway.is_empty() {
                    why.push(format!("{}不补缴也在报销期内", anyway.join("、")));
                }
                if !never.is_empty() {
                    why.push(format!("{}补缴了也还在等待期内", never.join("、")));
                }
                if why.is_empty() {
                    why.push("您计划的花费不会因此多报".to_string());
                }
                detail.push(format!(
                    "补缴{}年{}元能提前到{until},但{},医保付的钱一样,不必补缴。",
                    e.years,
                    amount(e.cost),
                    why.join(",")
                ));
                for x in items.iter().filter(|x| partial(x.2)) {
                    detail.push(format!(
                        "{}如果在{}或以后,补缴{}年就能报销;请填写具体日期再比较。",
                        name(&x),
                        e.cover_start.map(date_zh).unwrap_or_default(),
                        e.years
                    ));
                }
            }
        }
        Verdict::WorthIt => {
            let moved: Vec<String> = chosen
                .moved_in
                .iter()
                .map(|x| format!("{}的{}", when_zh(x.when), x.label))
                .collect();
            let what = if moved.is_empty() {
                "更多花费".to_string()
            } else {
                moved.join("、")
            };
            detail.push(format!(
                "建议补缴{}年,花{}元,{}:{what}就能报销,医保约多付{}元,比补缴的钱多{}元。",
                chosen.years,
                amount(chosen.cost),
                cover_text(chosen.cover_start, f.year),
                amount(chosen.gain),
                amount(chosen.net)
            ));
        }
        Verdict::NotWorthIt => {
            // The repair that gains most, to show what it would take.
            let top = shortening
                .iter()
                .copied()
                .reduce(|a, b| if b.gain > a.gain { b } else { a })
                .unwrap_or(none);
            detail.push(format!(
                "补缴{}年要{}元,能提前到{},医保约多付{}元,比补缴的钱少{}元:按您计划的花费,不划算。",
                top.years,
                amount(top.cost),
                day_text(top.cover_start, f.year),
                amount(top.gain),
                amount(-top.net)
            ));
            if let Some(d) = none.cover_start {
                detail.push(format!(
                    "如果在{}以前还可能有别的看病花费,补缴能让它们也能报销。",
                    date_zh(d)
                ));
            }
        }
    }

    let unpriced_labels: Vec<&str> = f
        .reimbursement
        .lines
        .iter()
        .filter(|l| !l.estimated)
        .map(|l| l.label.as_str())
        .collect();
    if !unpriced_labels.is_empty() && verdict != Verdict::NoWait {
        detail.push(format!(
            "{}:资料中没有当地的报销标准,没有算进上面的比较。",
            unpriced_labels.join("、")
        ));
    }

    Advice {
        verdict,
        recommended_years: recommended,
        pay_now,
        cover_start,
        headline,
        detail,
        lapse: lapse_cost(f, none),
        after_window: after_window(f, chosen),
        options,
    }
}

/// Why no repair shortens this wait, in the terms of the rule that fixes it.
fn why_not_shorter(f: &Facts) -> String {
    let w = f.wait;
    let t = f.terms;
    if w.lapsed_years == 0 {
        format!(
            "没有在集中参保期({}至{})内交费,要等固定的{}个月;补缴只能减少断保增加的月数,这里没有可以减少的。",
            date_zh(w.window_start),
            date_zh(w.window_end),
            t.fixed.value
        )
    } else if w.lapsed_years >= t.floor_from_lapsed.value {
        format!(
            "连续断缴{}年(≥{}年),补缴后等待期也不少于{}个月,补缴不能再缩短。",
            w.lapsed_years, t.floor_from_lapsed.value, t.floor.value
        )
    } else {
        let how = match w.reading {
            crate::policy::Reading::B => "按读法B,",
            crate::policy::Reading::A => "",
        };
        format!(
            "{how}断保{}年没有增加变动等待期,补缴不能缩短等待期,不必补缴。",
            w.lapsed_years
        )
    }
}

fn lapse_cost(f: &Facts, none: &RepairChoice) -> Option<LapseCost> {
    let w = f.wait;
    if w.lapsed_years == 0 {
        return None;
    }
    let years: Vec<String> = w.lapsed.iter().map(|y| y.to_string()).collect();
    let mut parts = vec![format!(
        "因为断保{}年({}年)",
        w.lapsed_years,
        years.join("、")
    )];
    let months = if w.exempt {
        0
    } else if w.in_window {
        none.total_months
    } else {
        let without = waiting_period::months(f.terms, 0, 0, w.reading, false).total;
        none.total_months.saturating_sub(without)
    };
    if months > 0 {
        parts.push(if w.in_window {
            format!("这次要等{months}个月才能报销")
        } else {
            format!("等待期多{months}个月")
        });
    }
    if f.cap.penalty > Decimal::ZERO {
        parts.push(format!(
            "{}年大病保险最高支付限额减少{}元",
            f.year,
            amount(f.cap.penalty)
        ));
        // A8: only the person knows whether those years were insured elsewhere.
        if w.exempt && f.member.insured_elsewhere.is_none() {
            parts.push("如果那些年在别处参保过,就不算断保,限额不减少".to_string());
        }
    }
    let text = if parts.len() == 1 {
        format!("{},今年的等待期和大病保险限额都不受影响。", parts[0])
    } else {
        parts.join(",") + "。"
    };
    Some(LapseCost {
        lapsed_years: w.lapsed_years,
        years: w.lapsed.clone(),
        months,
        cap_reduction: f.cap.penalty,
        text,
    })
}

fn after_window(f: &Facts, chosen: &RepairChoice) -> Option<AfterWindow> {
    let w = f.wait;
    if !w.in_window || w.exempt {
        return None;
    }
    let from = w.window_end.succ_opt()?;
    let months =
        waiting_period::months(f.terms, w.lapsed_years, chosen.years, w.reading, false).total;
    let year_end = NaiveDate::from_ymd_opt(f.year, 12, 31)?;
    let cover_start = waiting_period::cover_start(from, months, f.year).filter(|d| *d <= year_end);
    let last = month_day_zh(w.window_end);
    let text = if months == chosen.total_months {
        format!("{last}以后交,同样要等{months}个月,报销开始得更晚。")
    } else {
        format!("{last}以后交,要等{months}个月才能报销。")
    };
    Some(AfterWindow {
        from,
        months,
        cover_start,
        text,
    })
}
