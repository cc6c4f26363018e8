//! The one-sentence summaries a result opens with: per member (who, the wait, when cover starts,
//! what to pay, the cap change, what the fund pays) and for the household. Sentences only: every
//! figure comes computed from the modules that compute it.

use crate::decimal::Decimal;
use chrono::Datelike;

use crate::cap::CapHistory;
use crate::contribution::{Contribution, HouseholdContribution};
use crate::dates::date_zh;
use crate::estimate::MemberEstimate;
use crate::money::{amount, change};
use crate::reimbursement::Reimbursement;
use crate::scenario::Member;
use crate::waiting_period::WaitingPeriod;

/// The member's line: 「本人断保2年,等待期5个月,2027年8月10日起享受待遇,应缴400元,…」.
pub fn member(
    m: &Member,
    w: &WaitingPeriod,
    cap: &CapHistory,
    c: &Contribution,
    r: &Reimbursement,
) -> String {
    let who = if m.name.is_empty() {
        m.role.label().to_string()
    } else {
        m.name.clone()
    };
    let mut parts = vec![];
    let cover = match w.cover_start {
        Some(s) => format!("{}起享受待遇", date_zh(s)),
        None => format!("{}年内不能享受待遇", w.cover_end.year()),
    };
    if w.exempt {
        parts.push(format!("{who}不设等待期,{cover}"));
    } else if w.months.total == 0 {
        parts.push(format!("{who}按时连续参保,没有等待期,{cover}"));
    } else {
        let lapse = if w.lapsed_years > 0 {
            format!("断保{}年,", w.lapsed_years)
        } else {
            "未在集中参保期内缴费,".to_string()
        };
        parts.push(format!("{who}{lapse}等待期{}个月,{cover}", w.months.total));
    }
    parts.push(format!("应缴{}元", amount(c.total)));
    if cap.adjustment != Decimal::ZERO {
        parts.push(format!("大病保险最高支付限额{}", change(cap.adjustment)));
    }
    let paid = r.totals.fund_pays + r.totals.major_pays;
    if r.totals.spending > Decimal::ZERO {
        parts.push(format!(
            "预计花费{}元中医保支付约{}元",
            amount(r.totals.spending),
            amount(paid)
        ));
    }
    if r.totals.allowance > Decimal::ZERO {
        parts.push(format!("可领生育补助{}元", amount(r.totals.allowance)));
    }
    parts.join(",") + "。"
}

/// The household's line: the total to pay and when each member's cover starts.
pub fn household(members: &[MemberEstimate], c: &HouseholdContribution) -> String {
    match members {
        [one] => one.summary.clone(),
        _ => {
            let starts: Vec<String> = members
                .iter()
                .map(|m| {
                    let who = if m.name.is_empty() {
                        m.role_label.to_string()
                    } else {
                        m.name.clone()
                    };
                    match m.waiting.cover_start {
                        Some(s) => format!("{who}{}起", date_zh(s)),
                        None => format!("{who}本年度无待遇"),
                    }
                })
                .collect();
            format!(
                "全家{}人应缴{}元;享受待遇:{}。",
                members.len(),
                amount(c.total),
                starts.join(",")
            )
        }
    }
}
