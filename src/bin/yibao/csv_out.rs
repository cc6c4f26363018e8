//! CSV out: one row per person, for a spreadsheet. The figures columns are named by where the same
//! figure sits in the JSON result under `members[i]` (`waiting.cover_start` is
//! `result.members[i].waiting.cover_start`), so a column means what that field means
//! (docs/scenario.md §4.16). A refused scenario is one row with `ok` false and its errors.

use std::io::Write;

use yibao::decimal::Decimal;
use yibao::figures::{Figures, MemberFigures};
use yibao::money::push_yuan;
use yibao::policy::Reading;
use yibao::InputError;

/// The columns, in order: each named as in the JSON result (the header by default) and in Chinese
/// (`--header zh`, for a spreadsheet a person reads; the page's 下载表格 and 复制表格). `row` is the
/// input's line (JSON Lines, CSV) or element (JSON array) number, `id` the input row's `id` cell,
/// `member` the person's place in the household (1 for a CSV row). The figures follow, then
/// `errors`. www/panels.js holds the same list; tests/page/csv.spec.mjs compares the two outputs.
pub const COLUMNS: [(&str, &str); 48] = [
    ("row", "行号"),
    ("id", "编号"),
    ("member", "第几位成员"),
    ("ok", "算出结果"),
    ("policy", "政策"),
    ("benefit_year", "待遇年度"),
    ("reading", "断保读法"),
    ("category", "参保类别"),
    ("waiting.exemption", "等待期豁免类型"),
    ("waiting.exempt", "是否免除等待期"),
    ("waiting.in_window", "是否在集中参保期内缴费"),
    ("waiting.lapsed_years", "连续断保年数"),
    ("waiting.months.fixed", "固定等待期(月)"),
    ("waiting.months.variable", "变动等待期(月)"),
    ("waiting.months.repaired", "补缴减少的等待期(月)"),
    ("waiting.months.floor_added", "下限补足的等待期(月)"),
    ("waiting.months.total", "等待期合计(月)"),
    ("waiting.repair_years", "补缴年数"),
    ("waiting.repair_cost", "补缴费用(元)"),
    ("waiting.cover_start", "待遇开始日"),
    ("waiting.uncovered_days", "不享受待遇的天数"),
    ("waiting.days_before_payment", "缴费前的天数"),
    ("waiting.waiting_days", "等待期内的天数"),
    ("waiting.useful_repair_years", "有用的最多补缴年数"),
    ("waiting.best_repair_years", "待遇最早开始的补缴年数"),
    ("cap.adjustment", "大病限额本年调整额(元)"),
    ("cap.continuity_bonus", "连续参保奖励(元)"),
    ("cap.zero_claim_bonus", "零报销奖励(元)"),
    ("cap.penalty", "断保扣减(元)"),
    ("cap.cap", "本年大病限额(元)"),
    ("cap.bonus_limit_reached", "奖励碰到上限"),
    ("cap.penalty_limit_reached", "扣减碰到上限"),
    ("contribution.premium", "个人缴费标准(元)"),
    ("contribution.subsidy_share", "资助比例"),
    ("contribution.subsidy_pays", "医疗救助代缴(元)"),
    ("contribution.individual_pays", "本人缴纳(元)"),
    ("contribution.government_subsidy", "财政补助(元)"),
    ("contribution.repair_years", "缴费中的补缴年数"),
    ("contribution.repair_cost", "缴费中的补缴费用(元)"),
    ("contribution.health_plan", "补充保险保费(元)"),
    ("contribution.total", "本人合计应缴(元)"),
    ("reimbursement.totals.spending", "花费(元)"),
    ("reimbursement.totals.excluded", "等待期内不报销的花费(元)"),
    ("reimbursement.totals.fund_pays", "基本医保支付(元)"),
    ("reimbursement.totals.major_pays", "大病保险支付(元)"),
    ("reimbursement.totals.allowance", "现金补助(元)"),
    ("reimbursement.totals.you_pay", "个人负担(元)"),
    ("errors", "错误"),
];

/// What the header line names the columns by.
#[derive(Clone, Copy, PartialEq, Eq, Debug, clap::ValueEnum)]
pub enum Header {
    /// Each figure's place in the JSON result (`waiting.cover_start`): for programs.
    Keys,
    /// Chinese (待遇开始日), after a UTF-8 byte order mark: Excel reads a CSV without one in the
    /// system's code page (GBK on a Chinese Windows) and would garble every Chinese name.
    Zh,
}

/// The header line.
pub fn header(o: &mut Vec<u8>, names: Header) {
    if names == Header::Zh {
        o.extend_from_slice("\u{feff}".as_bytes());
    }
    for (i, &(key, zh)) in COLUMNS.iter().enumerate() {
        if i > 0 {
            o.push(b',');
        }
        o.extend_from_slice(if names == Header::Zh { zh } else { key }.as_bytes());
    }
    o.push(b'\n');
}

/// The rows of one scenario's figures: one per member.
pub fn rows(o: &mut Vec<u8>, row: usize, id: Option<&str>, f: &Figures) {
    let mut line = Vec::with_capacity(512);
    for (i, m) in f.members.iter().enumerate() {
        line.clear();
        let mut r = Row { out: &mut line };
        r.int(row as i64);
        r.text(id.unwrap_or(""));
        r.int(i as i64 + 1);
        r.raw("true");
        r.raw(f.policy.id);
        r.int(f.benefit_year.into());
        r.raw(match f.reading {
            Reading::A => "A",
            Reading::B => "B",
        });
        member(&mut r, m);
        line.push(b'\n');
        o.extend_from_slice(&line);
    }
}

fn member(r: &mut Row, m: &MemberFigures) {
    let w = &m.waiting;
    r.raw(m.category);
    r.raw(w.exemption.key());
    r.boolean(w.exempt);
    r.boolean(w.in_window);
    r.int(w.lapsed_years.into());
    for n in [
        w.months.fixed,
        w.months.variable,
        w.months.repaired,
        w.months.floor_added,
        w.months.total,
    ] {
        r.int(n.into());
    }
    r.int(w.repair_years.into());
    r.money(Some(w.repair_cost));
    match w.cover_start {
        Some(d) => r.raw(&d.to_string()),
        None => r.raw(""),
    }
    for n in [
        w.uncovered_days,
        w.days_before_payment,
        w.waiting_days,
        w.useful_repair_years,
        w.best_repair_years,
    ] {
        r.int(n.into());
    }
    let c = &m.cap;
    for d in [
        c.adjustment,
        c.continuity_bonus,
        c.zero_claim_bonus,
        c.penalty,
    ] {
        r.money(Some(d));
    }
    r.money(c.cap);
    r.boolean(c.bonus_limit_reached);
    r.boolean(c.penalty_limit_reached);
    let c = &m.contribution;
    r.money(Some(c.premium));
    r.raw(&c.subsidy_share.to_string());
    r.money(Some(c.subsidy_pays));
    r.money(Some(c.individual_pays));
    r.money(c.government_subsidy);
    r.int(c.repair_years.into());
    r.money(Some(c.repair_cost));
    r.money(Some(c.health_plan));
    r.money(Some(c.total));
    let t = &m.reimbursement.totals;
    for d in [
        t.spending,
        t.excluded,
        t.fund_pays,
        t.major_pays,
        t.allowance,
        t.you_pay,
    ] {
        r.money(Some(d));
    }
    // errors
    r.raw("");
}

/// The row of a refused scenario: where, its id, and its errors as `path: message`, joined by
/// `; ` (a path inside the person, `members[0].`, is left out: a CSV row is one person).
pub fn refused(o: &mut Vec<u8>, row: usize, id: Option<&str>, errors: &[InputError]) {
    let mut line = Vec::with_capacity(256);
    let mut r = Row { out: &mut line };
    r.int(row as i64);
    r.text(id.unwrap_or(""));
    r.raw("");
    r.raw("false");
    for _ in 4..COLUMNS.len() - 1 {
        r.raw("");
    }
    let joined = errors
        .iter()
        .map(|e| {
            let path = e.path.strip_prefix("members[0].").unwrap_or(&e.path);
            if path.is_empty() {
                e.message.clone()
            } else {
                format!("{path}: {}", e.message)
            }
        })
        .collect::<Vec<_>>()
        .join("; ");
    r.text(&joined);
    line.push(b'\n');
    o.extend_from_slice(&line);
}

/// One line's cells, separated by commas.
struct Row<'a> {
    out: &'a mut Vec<u8>,
}

impl Row<'_> {
    fn sep(&mut self) {
        if !self.out.is_empty() && !self.out.ends_with(b"\n") {
            self.out.push(b',');
        }
    }
    /// A cell of ours that needs no quoting (keys, numbers, dates).
    fn raw(&mut self, s: &str) {
        self.sep();
        self.out.extend_from_slice(s.as_bytes());
    }
    fn int(&mut self, n: i64) {
        self.sep();
        // Writing into memory cannot fail.
        let _ = write!(self.out, "{n}");
    }
    fn boolean(&mut self, b: bool) {
        self.raw(if b { "true" } else { "false" });
    }
    fn money(&mut self, d: Option<Decimal>) {
        self.sep();
        if let Some(d) = d {
            push_yuan(self.out, d);
        }
    }
    /// Text from the input (the id, the errors, which quote what was typed): quoted when it
    /// holds a comma, a quote or a line break, and kept from being read as a spreadsheet formula
    /// (a cell starting with = + - @ is one in Excel and LibreOffice) by a leading apostrophe.
    fn text(&mut self, s: &str) {
        self.sep();
        let formula = s.starts_with(['=', '+', '-', '@', '\t', '\r']);
        let quote = s.contains([',', '"', '\n', '\r']);
        if quote {
            self.out.push(b'"');
        }
        if formula {
            self.out.push(b'\'');
        }
        for part in s.split_inclusive('"') {
            self.out.extend_from_slice(part.as_bytes());
            if part.ends_with('"') {
                self.out.push(b'"');
            }
        }
        if quote {
            self.out.push(b'"');
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(s: &str) -> String {
        let mut out = Vec::new();
        Row { out: &mut out }.text(s);
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn text_cells_cannot_break_the_row_or_become_formulas() {
        assert_eq!(text("P1"), "P1");
        assert_eq!(text("张,三"), "\"张,三\"");
        assert_eq!(text("说\"好\""), "\"说\"\"好\"\"\"");
        assert_eq!(text("两\n行"), "\"两\n行\"");
        assert_eq!(text("=HYPERLINK(\"x\")"), "\"'=HYPERLINK(\"\"x\"\")\"");
        assert_eq!(text("+1"), "'+1");
        assert_eq!(text("-1"), "'-1");
        assert_eq!(text("@SUM(A1)"), "'@SUM(A1)");
    }

    #[test]
    fn a_refused_row_has_every_column() {
        let mut o = Vec::new();
        refused(
            &mut o,
            7,
            Some("P7"),
            &[InputError {
                path: "members[0].payment_date".into(),
                message: "这一天不存在".into(),
            }],
        );
        let line = String::from_utf8(o).unwrap();
        assert_eq!(line.trim_end().split(',').count(), 48, "{line}");
        assert!(line.starts_with("7,P7,,false,"), "{line}");
        assert!(
            line.trim_end().ends_with(",payment_date: 这一天不存在"),
            "{line}"
        );
    }
}
