//! 接下来怎么办 — after the answer, what to do (issue 15): where to pay, who may pay for you, what
//! students may do, and by when. Where and who are facts of a city, in its policy file, each cited;
//! "by when" is derived from the window and business-day parameters of the benefit year, so a city
//! states its dates once. The national baseline names no city's channels or dates, and says so.

use chrono::{Datelike, NaiveDate};
use serde::Serialize;

use crate::dates::{date_zh, month_day_zh};
use crate::policy::{CategoryKind, GuideItem, Status};
use crate::rules::Rules;
use crate::scenario::Scenario;
use crate::waiting_period::stretches_zh;

/// One item as the result shows it: the text and its citation.
#[derive(Clone, Debug, Serialize, PartialEq)]
pub struct Entry {
    pub title: &'static str,
    pub text: &'static str,
    pub status: Status,
    pub document: &'static str,
    pub quote: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub note: Option<&'static str>,
}

/// The enrolment window of this benefit year and what paying after it means.
#[derive(Clone, Debug, Serialize, PartialEq)]
pub struct When {
    pub window_start: NaiveDate,
    pub window_end: NaiveDate,
    /// 「9月—11月为1日—25日,12月为1日—28日」 when the policy names business days.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub business_days: Option<String>,
    pub text: String,
}

#[derive(Clone, Debug, Serialize, PartialEq)]
pub struct Guide {
    /// 去哪儿交
    #[serde(rename = "where")]
    pub where_: Vec<Entry>,
    /// 谁可以帮您交
    pub who: Vec<Entry>,
    /// For university and technical-school students, shown when a member is one.
    pub students: Vec<Entry>,
    /// 什么时候交; absent for the national baseline.
    pub when: Option<When>,
    /// For the national baseline: that channels and dates are a city's own.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub note: Option<&'static str>,
}

/// Whether the value in force for `key` is the policy file's 待核实 one (not official, and not one the
/// user typed in).
fn unverified(rules: &Rules, key: &str) -> bool {
    rules
        .get(key)
        .is_some_and(|c| c.from.status == Status::Unverified)
}

const BASELINE_NOTE: &str = "国家基准不对应具体城市:缴费渠道、集中参保期和办理时间由各地规定,请看当地医保局或税务部门的通知。";

fn entries(items: &[GuideItem]) -> Vec<Entry> {
    items
        .iter()
        .map(|g| Entry {
            title: g.title,
            text: g.text,
            status: g.cite.status,
            document: g.cite.document,
            quote: g.cite.quote,
            note: g.cite.note,
        })
        .collect()
}

pub fn for_scenario(s: &Scenario, rules: &Rules, window: (NaiveDate, NaiveDate)) -> Guide {
    let p = s.policy;
    let topic = |name: &str| {
        p.guide
            .iter()
            .find(|(t, _)| *t == name)
            .map_or_else(Vec::new, |(_, items)| entries(items))
    };
    let students = if s
        .members
        .iter()
        .any(|m| m.category.kind == CategoryKind::University)
    {
        topic("students")
    } else {
        Vec::new()
    };
    let when = (!p.baseline).then(|| {
        let business_days = rules
            .get("window.business_days")
            .and_then(|c| match c.value {
                crate::policy::Value::DayRanges(r) => Some(stretches_zh(r)),
                _ => None,
            });
        // 「2027年9月2日至12月28日」: the year once when both days are in it.
        let range = |(start, end): (NaiveDate, NaiveDate)| {
            let end = if start.year() == end.year() {
                month_day_zh(end)
            } else {
                date_zh(end)
            };
            format!("{}至{end}", date_zh(start))
        };
        let mut text = format!("{}年度的集中参保期是{}", s.benefit_year, range(window));
        if let Some(days) = &business_days {
            text.push_str(&format!("(办理时间:{days})"));
        }
        // A date the city has not published is said to be an estimate where it is stated, not only
        // in the parameters panel (Yantai gave only the closing day).
        if unverified(rules, "window.start") {
            text.push_str("(开始日期当地没有公布,是估计的)");
        }
        text.push('。');
        if let Some(fixed) = rules.months("waiting.fixed_months") {
            text.push_str(&format!(
                "过了{}再交,至少要等{}个月才能报销。",
                month_day_zh(window.1),
                fixed.value
            ));
        }
        // 「只要从2025年起,每年都在集中征缴期参加居民医保,就不会有待遇等待期」(Zhangjiakou's Q&A): the
        // next step after paying this year is paying next year inside its window, which a person
        // paying late most needs to hear.
        if let Some(next) = crate::scenario::window_for(p, &s.overrides, s.benefit_year + 1) {
            text.push_str(&format!(
                "交了这一年以后,{}年度的钱在{}之间交,就没有等待期。",
                s.benefit_year + 1,
                range(next)
            ));
        }
        When {
            window_start: window.0,
            window_end: window.1,
            business_days,
            text,
        }
    });
    Guide {
        where_: topic("where"),
        who: topic("who"),
        students,
        when,
        note: p.baseline.then_some(BASELINE_NOTE),
    }
}
