//! The one walk over a member's enrollment history that the waiting period and the 大病 cap both
//! read (RULES.md §2 rules 1–2, §3): for every benefit year from 2025 to the one being estimated,
//! how the year stands (enrolled here, 断保, insured elsewhere, before birth) and the runs that lead
//! into it — consecutive years enrolled here, consecutive lapsed years. Before it, the scenario
//! reader and the cap walk each counted lapses their own way.

use crate::scenario::{YearRecord, FIRST_YEAR};

/// How a benefit year stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Standing {
    Enrolled,
    /// 断保: not enrolled, not insured elsewhere, born by then.
    Lapsed,
    /// Insured elsewhere (A8): not a 断保, but the years enrolled here count again from zero.
    Elsewhere,
    /// Before or in the year of birth: the person could not have enrolled in that year's window.
    BeforeBirth,
}

/// One benefit year of the walk.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct EnrollmentYear {
    pub record: YearRecord,
    pub standing: Standing,
    /// Years enrolled here in a row right before this one.
    pub consecutive_before: u32,
    /// 断保 years in a row right before this one (rule 2's L when this is the benefit year).
    pub lapsed_before: u32,
    /// Years enrolled here in a row up to and including this one (0 after a 断保 or a year
    /// elsewhere; a year before birth leaves the count as it was).
    pub consecutive: u32,
}

/// Walks 2025..=`year`. A year the history does not give is enrolled when it is `year` (the year
/// being paid for) and not enrolled otherwise.
pub fn walk(history: &[YearRecord], year: i32, birth_year: Option<i32>) -> Vec<EnrollmentYear> {
    let (mut consecutive, mut lapsed) = (0u32, 0u32);
    let mut out = Vec::new();
    for y in FIRST_YEAR..=year {
        let record = history
            .iter()
            .find(|r| r.year == y)
            .copied()
            .unwrap_or(YearRecord {
                year: y,
                enrolled: y == year,
                zero_claim: false,
                used_bonus: false,
                elsewhere: false,
            });
        let standing = if record.enrolled {
            Standing::Enrolled
        } else if birth_year.is_some_and(|b| y <= b) {
            Standing::BeforeBirth
        } else if record.elsewhere {
            Standing::Elsewhere
        } else {
            Standing::Lapsed
        };
        let (consecutive_before, lapsed_before) = (consecutive, lapsed);
        match standing {
            Standing::Enrolled => (consecutive, lapsed) = (consecutive + 1, 0),
            Standing::Lapsed => (consecutive, lapsed) = (0, lapsed + 1),
            Standing::Elsewhere => (consecutive, lapsed) = (0, 0),
            Standing::BeforeBirth => {}
        }
        out.push(EnrollmentYear {
            record,
            standing,
            consecutive_before,
            lapsed_before,
            consecutive,
        });
    }
    out
}

/// L: the 断保 years in a row immediately before `year` (RULES.md §2 rule 2; only years from 2025
/// count). The benefit year itself is not looked at.
pub fn lapsed_run(history: &[YearRecord], year: i32, birth_year: Option<i32>) -> u32 {
    if year < FIRST_YEAR {
        return 0;
    }
    walk(history, year, birth_year)
        .last()
        .map_or(0, |y| y.lapsed_before)
}
