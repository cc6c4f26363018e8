//! The rules the estimator applies, one typed list: each names the rule book's section
//! (`../shared/policy/RULES.md`, copied to `policies/sources/RULES.md`) and quotes the clause it
//! implements. Every step of the explanation says which rule it applied by one of these, never by a
//! free string; tests/rules.rs checks that every id names a section and rule the rule book has.

use serde::Serialize;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Rule {
    /// 「自2025年起…未连续参保的,每多断保1年」: only years from 2025 count; L = the consecutive lapsed
    /// years right before the benefit year.
    LapsedYears,
    /// 「对未在居民医保集中参保期内参保或未连续参保的人员,设置参保后固定待遇等待期3个月」
    FixedWait,
    /// 「每多断保1年,原则上在固定待遇等待期基础上增加变动待遇等待期1个月」, read A or B (A1).
    VariableWait,
    /// 「参保人员可通过缴费修复变动待遇等待期,每多缴纳1年可减少1个月变动待遇等待期」
    Repair,
    /// 「连续断缴4年及以上的,修复后固定待遇等待期和变动待遇等待期之和原则上不少于6个月」
    Floor,
    /// 「待遇等待期自参保缴费之日起计算」; cover from the later of payment + wait and 1 January.
    CoverStart,
    /// 「除新生儿等特殊群体外」: the groups that do not wait, and early cover.
    Exempt,
    /// An exempt member's 大病 penalty follows 断保 (A8).
    ExemptPenalty,
    /// The wait: fixed + variable − repaired + floor.
    WaitTotal,
    /// The 大病保险 cap: continuity and zero-claim bonuses, the lapse penalty, the 20% limits.
    Cap,
    /// Contributions: premium, subsidy, repair cost, 补充保险.
    Contribution,
    /// Benefits: what the fund pays on expected spending.
    Benefits,
    /// A payment day inside the window but not a business day (A7).
    BusinessDays,
}

impl Rule {
    /// Every rule, for the test that checks each against the rule book.
    pub const ALL: &'static [Rule] = &[
        Rule::LapsedYears,
        Rule::FixedWait,
        Rule::VariableWait,
        Rule::Repair,
        Rule::Floor,
        Rule::CoverStart,
        Rule::Exempt,
        Rule::ExemptPenalty,
        Rule::WaitTotal,
        Rule::Cap,
        Rule::Contribution,
        Rule::Benefits,
        Rule::BusinessDays,
    ];

    /// The section and rule as the explanation shows it ("RULES §2 规则3").
    pub fn id(self) -> &'static str {
        match self {
            Rule::LapsedYears => "RULES §2 规则1-2",
            Rule::FixedWait => "RULES §2 规则3",
            Rule::VariableWait => "RULES §2 规则4 / §6 A1",
            Rule::Repair => "RULES §2 规则5",
            Rule::Floor => "RULES §2 规则6",
            Rule::CoverStart => "RULES §2 规则7",
            Rule::Exempt => "RULES §2 规则8",
            Rule::ExemptPenalty => "RULES §2 规则8 / §6 A8",
            Rule::WaitTotal => "RULES §2",
            Rule::Cap => "RULES §3",
            Rule::Contribution => "RULES §4",
            Rule::Benefits => "RULES §5",
            Rule::BusinessDays => "RULES §6 A7",
        }
    }
}

impl Rule {
    /// The clause the rule implements, as the sources word it (quoted from
    /// `policies/sources/*.txt` or the rule book; tests/rules.rs checks it is there). None where the
    /// rule is the estimator's own reading of several clauses (its section in the rule book says so).
    pub fn clause(self) -> Option<&'static str> {
        Some(match self {
            Rule::LapsedYears => "自2025年起,除新生儿等特殊群体外",
            Rule::FixedWait => "设置参保后固定待遇等待期3个月",
            Rule::VariableWait => "每多断保1年,原则上在固定待遇等待期基础上增加变动待遇等待期1个月",
            Rule::Repair => "每多缴纳1年可减少1个月变动待遇等待期",
            Rule::Floor => "修复后固定待遇等待期和变动待遇等待期之和原则上不少于6个月",
            Rule::CoverStart => "待遇等待期自参保缴费之日起计算",
            Rule::Exempt => "除新生儿等特殊群体外",
            Rule::BusinessDays => "其中9月—11月业务办理期为1日—25日,12月业务办理期为1日—28日",
            Rule::ExemptPenalty
            | Rule::WaitTotal
            | Rule::Cap
            | Rule::Contribution
            | Rule::Benefits => return None,
        })
    }
}

impl std::fmt::Display for Rule {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.id())
    }
}

impl Serialize for Rule {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.id())
    }
}
