//! `--format text`: a result as a readable Chinese summary with its trace, its dates written as its
//! sentences and the page write them (2027年8月10日; the JSON and CSV keep ISO dates). Whatever came from the
//! input (names, and the keys and values that messages quote) is shown through [`shown`], so that
//! no control character, line break or bidi control in it can move the cursor, start a line of its
//! own or reverse the text after it: a name cannot forge a line such as 「全家应缴:0.00元」.

use std::borrow::Cow;
use std::io::{self, Write};

use yibao::dates::date_zh;
use yibao::decimal::Decimal;

use yibao::estimate::{Estimate, Outcome};
use yibao::money::amount;
use yibao::trace::Topic;

/// Characters that change how the rest of a terminal line reads rather than being read: C0 and
/// C1 controls (escape sequences, carriage return, line feed, tab), DEL, the line and paragraph
/// separators, bidi embeddings, overrides, isolates and marks, and the invisible format characters.
fn hidden(c: char) -> bool {
    c.is_control()
        || matches!(c,
            '\u{061C}' | '\u{200B}'..='\u{200F}' | '\u{2028}'..='\u{202E}' | '\u{2060}'..='\u{206F}'
            | '\u{FEFF}' | '\u{FFF9}'..='\u{FFFB}')
}

/// `s` with every such character written as a visible escape (`\u{1b}`).
pub fn shown(s: &str) -> Cow<'_, str> {
    if !s.chars().any(hidden) {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 16);
    for c in s.chars() {
        if hidden(c) {
            out.extend(c.escape_unicode());
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

pub fn write_outcome(out: &mut impl Write, o: &Outcome) -> io::Result<()> {
    match o {
        Outcome::Ok { result, .. } => write_result(out, result),
        Outcome::Invalid { errors, .. } => {
            writeln!(out, "输入有误,共{}处:", errors.len())?;
            for e in errors {
                let path = if e.path.is_empty() {
                    Cow::Borrowed("(整体)")
                } else {
                    shown(&e.path)
                };
                writeln!(out, "  - {path}:{}", shown(&e.message))?;
            }
            Ok(())
        }
    }
}

fn write_result(out: &mut impl Write, r: &Estimate) -> io::Result<()> {
    writeln!(out, "{} · {}年度待遇测算", r.policy.title, r.benefit_year)?;
    if let Some(n) = &r.amounts_note {
        writeln!(out, "({n})")?;
    }
    writeln!(
        out,
        "参考编号 {} · 规则版本 {} · 断保读法 {:?}",
        r.reference, r.rules_version, r.reading
    )?;
    writeln!(out)?;
    writeln!(out, "{}", shown(&r.summary))?;
    for (i, m) in r.members.iter().enumerate() {
        let w = &m.waiting;
        writeln!(out)?;
        writeln!(
            out,
            "【{}】{} · {}",
            i + 1,
            if m.name.is_empty() {
                Cow::Borrowed(m.role_label)
            } else {
                shown(&m.name)
            },
            m.category_label
        )?;
        match w.cover_start {
            Some(s) => writeln!(out, "  待遇开始:{}(至{})", date_zh(s), date_zh(w.cover_end))?,
            None => writeln!(out, "  待遇开始:{}年内无待遇", r.benefit_year)?,
        }
        let a = &m.advice;
        writeln!(out, "  怎么办:{}", shown(&a.headline))?;
        for line in &a.detail {
            writeln!(out, "    {}", shown(line))?;
        }
        if let Some(l) = &a.lapse {
            writeln!(out, "  断保的代价:{}", shown(&l.text))?;
        }
        if let Some(after) = &a.after_window {
            writeln!(out, "  截止日:{}", shown(&after.text))?;
        }
        writeln!(
            out,
            "  等待期:{}个月 = 固定{} + 变动{} − 修复{} + 下限补足{}",
            w.months.total,
            w.months.fixed,
            w.months.variable,
            w.months.repaired,
            w.months.floor_added
        )?;
        if w.lapsed_years > 0 && !w.exempt {
            writeln!(out, "  补缴选择:")?;
            for o in &w.repair_options {
                let start = o
                    .cover_start
                    .map(|d| format!("{}起", date_zh(d)))
                    .unwrap_or_else(|| "本年度无待遇".into());
                let useless =
                    if o.years > 0 && !a.options.iter().any(|x| x.years == o.years && x.useful) {
                        "  (不缩短等待期)"
                    } else {
                        ""
                    };
                writeln!(
                    out,
                    "    补缴{}年 {:>8}元  等待{}个月  {}{useless}",
                    o.years,
                    amount(o.cost),
                    o.total_months,
                    start
                )?;
            }
        }
        writeln!(
            out,
            "  大病保险限额调整:{}{}",
            yibao::cap::signed(m.cap.adjustment),
            m.cap
                .cap
                .map(|c| format!("(本年限额{}元,原封顶线{})", amount(c), original_status(r)))
                .unwrap_or_default()
        )?;
        let c = &m.contribution;
        writeln!(
            out,
            "  缴费:个人{}元 + 补缴{}元 + 补充保险{}元 = {}元",
            amount(c.individual_pays),
            amount(c.repair_cost),
            amount(c.health_plan),
            amount(c.total)
        )?;
        let t = &m.reimbursement.totals;
        if t.spending > Decimal::ZERO || t.allowance > Decimal::ZERO {
            writeln!(
                out,
                "  报销:花费{} 等待期内{} 基本医保{} 大病{} 个人{}(元)",
                amount(t.spending),
                amount(t.excluded),
                amount(t.fund_pays),
                amount(t.major_pays),
                amount(t.you_pay)
            )?;
            if t.allowance > Decimal::ZERO {
                writeln!(out, "  生育补助:{}元", amount(t.allowance))?;
            }
        }
    }
    if r.members.len() > 1 {
        writeln!(
            out,
            "\n全家应缴:{}元",
            amount(r.household.contribution.total)
        )?;
    }
    for a in &r.alternatives {
        writeln!(out, "\n※ 另一种理解({}):{}", a.id, shown(&a.question))?;
        let d = |x: Option<chrono::NaiveDate>| {
            x.map(|d| format!("{}起", date_zh(d)))
                .unwrap_or_else(|| "本年度无待遇".into())
        };
        let each = |months: u32, start, price: Option<Decimal>, cap: Option<Decimal>| {
            let mut s = format!("等待{months}个月,{}", d(start));
            if let Some(p) = price {
                s.push_str(&format!(",补缴每年{}元", amount(p)));
            }
            if let Some(c) = cap {
                s.push_str(&format!(",大病保险限额调整{}", yibao::cap::signed(c)));
            }
            s
        };
        writeln!(
            out,
            "  {}:{};{}:{}",
            a.used,
            each(
                a.months_used,
                a.cover_start_used,
                a.repair_price_used,
                a.cap_adjustment_used
            ),
            a.other,
            each(
                a.months_other,
                a.cover_start_other,
                a.repair_price_other,
                a.cap_adjustment_other
            ),
        )?;
    }
    writeln!(out, "\n计算过程:")?;
    for (i, s) in r.trace.iter().enumerate() {
        let who = s
            .member
            .map(|m| format!("[{}] ", m + 1))
            .unwrap_or_default();
        let topic = match s.topic {
            Topic::Input => "说明",
            Topic::WaitingPeriod => "等待期",
            Topic::Cap => "大病限额",
            Topic::Contribution => "缴费",
            Topic::Reimbursement => "报销",
        };
        writeln!(
            out,
            "{:>3}. {who}{topic}|{} → {}  ({})",
            i + 1,
            shown(&s.text),
            shown(&s.value),
            s.rule
        )?;
        for key in &s.params {
            let Some(p) = r.parameters.iter().find(|p| p.key == *key) else {
                continue;
            };
            writeln!(
                out,
                "       · {} = {} [{}] {}:「{}」",
                p.label,
                shown(&p.value),
                p.status.label(),
                p.document,
                p.quote
            )?;
        }
    }
    if !r.unverified.is_empty() {
        writeln!(out, "\n待核实参数:{}", r.unverified.join("、"))?;
    }
    write_guide(out, &r.guide)
}

/// 接下来怎么办: where to pay, who may pay, students, by when — in the order a resident acts, last,
/// as the page shows it under the answer. Each item with its status and source.
fn write_guide(out: &mut impl Write, g: &yibao::guide::Guide) -> io::Result<()> {
    let sections = [
        ("去哪儿交", &g.where_),
        ("谁可以帮您交", &g.who),
        ("学生", &g.students),
    ];
    if sections.iter().all(|(_, l)| l.is_empty()) && g.when.is_none() && g.note.is_none() {
        return Ok(());
    }
    writeln!(out, "\n接下来怎么办:")?;
    if let Some(n) = g.note {
        writeln!(out, "  {n}")?;
    }
    for (head, list) in sections.iter().filter(|(_, l)| !l.is_empty()) {
        writeln!(out, "  {head}:")?;
        for e in list.iter() {
            writeln!(
                out,
                "    · {}:{} [{}] {}",
                e.title,
                e.text,
                e.status.label(),
                e.document
            )?;
        }
    }
    if let Some(w) = &g.when {
        writeln!(out, "  什么时候交:{}", w.text)?;
    }
    Ok(())
}

/// How the original 大病 cap used was sourced: 待核实, 用户自填 or 官方.
fn original_status(r: &Estimate) -> &'static str {
    r.parameters
        .iter()
        .find(|p| p.key == "cap.original")
        .map(|p| p.status.label())
        .unwrap_or("未知")
}

#[cfg(test)]
mod tests {
    use super::shown;

    #[test]
    fn controls_bidi_and_line_breaks_are_escaped_and_the_rest_kept() {
        assert_eq!(shown("王小明"), "王小明");
        assert_eq!(shown("a\nb"), "a\\u{a}b");
        assert_eq!(shown("\u{1b}[2K\r全家"), "\\u{1b}[2K\\u{d}全家");
        assert_eq!(shown("甲\u{202e}乙"), "甲\\u{202e}乙");
        assert_eq!(shown("甲\u{2028}乙\u{2066}"), "甲\\u{2028}乙\\u{2066}");
        assert_eq!(shown("\u{85}\u{9b}"), "\\u{85}\\u{9b}");
    }
}
