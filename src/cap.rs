//! 大病保险最高支付限额 — the critical-illness cap, walked year by year from 2025 (RULES.md §3).
//!
//! 张家口:「自2025年起,对连续参加居民医保满4年的参保人员,之后每连续参保1年,提高大病保险最高支付限额
//! 2000元。对当年基金零报销的居民医保参保人员,次年提高大病保险最高支付限额2000元。连续参保激励和零报销
//! 激励,累计提高总额不超过所在统筹地区大病保险原封顶线的20%。居民发生大病报销并使用奖励额度后,前期积累的
//! 零报销激励额度清零。断保之后再次参保的,连续参保年数重新计算。前期积累的奖励额度继续保留。对断保人员
//! 再参保的,每断保1年降低大病保险最高支付限额2000元,累计降幅总额不超过所在统筹地区大病保险原封顶线的20%。」

use crate::decimal::Decimal;
use serde::Serialize;

use crate::enrollment::{self, Standing};
use crate::money::{amount, change, pct};
use crate::rule::Rule;
use crate::rules::{InForce, Kept, Rules};
use crate::scenario::{YearRecord, FIRST_YEAR};
use crate::trace::{step, Topic, Trace};

#[derive(Clone)]
pub struct Terms {
    pub after_years: InForce<u32>,
    pub continuity_step: InForce<Decimal>,
    pub zero_claim_step: InForce<Decimal>,
    pub bonus_limit_share: InForce<Decimal>,
    pub penalty_step: InForce<Decimal>,
    pub penalty_limit_share: InForce<Decimal>,
    /// How many enrolled years the penalty lasts from the re-enrollment year (schema default 1).
    pub penalty_years: InForce<u32>,
    /// 原封顶线; None when the policy does not know it and the user has not filled it in.
    pub original: Option<InForce<Decimal>>,
}

impl Terms {
    /// The terms of every year from 2025 to `rules.year`, each year's own (values are dated: a
    /// step raised in 2027 counts from 2027 on). Index 0 is 2025. Kept per thread for a policy
    /// and year without overrides ([`Rules::kept`]).
    pub fn by_year(rules: &Rules) -> Option<Kept<Vec<Terms>>> {
        rules.kept(Terms::look_up_by_year)
    }

    /// A year in which no value of the policy comes into force has the year before's terms,
    /// which are not looked up again.
    fn look_up_by_year(rules: &Rules) -> Option<Vec<Terms>> {
        let mut terms: Vec<Terms> = Vec::new();
        for year in FIRST_YEAR..=rules.year {
            let this = match terms.last() {
                Some(before) if !rules.policy.values_change_in(year) => before.clone(),
                _ => Terms::of(&Rules { year, ..*rules })?,
            };
            terms.push(this);
        }
        Some(terms)
    }

    pub fn of(rules: &Rules) -> Option<Terms> {
        Some(Terms {
            after_years: rules.months("cap.continuity_after_years")?,
            continuity_step: rules.money("cap.continuity_step")?,
            zero_claim_step: rules.money("cap.zero_claim_step")?,
            bonus_limit_share: rules.rate("cap.bonus_limit_share")?,
            penalty_step: rules.money("cap.penalty_per_lapsed_year")?,
            penalty_limit_share: rules.rate("cap.penalty_limit_share")?,
            penalty_years: rules.months("cap.penalty_years")?,
            original: rules.money("cap.original"),
        })
    }
}

/// One benefit year of the walk.
#[derive(Clone, Debug, Serialize, PartialEq)]
pub struct CapYear {
    pub year: i32,
    pub enrolled: bool,
    /// Consecutive enrolled years up to and including this one (0 when not enrolled).
    pub consecutive: u32,
    /// Continuity bonus accumulated so far (in force this year).
    #[serde(serialize_with = "crate::money::money")]
    pub continuity_bonus: Decimal,
    /// Zero-claim bonus accumulated so far (in force this year).
    #[serde(serialize_with = "crate::money::money")]
    pub zero_claim_bonus: Decimal,
    /// Lapse penalty of this year (only in a re-enrollment year).
    #[serde(serialize_with = "crate::money::money")]
    pub penalty: Decimal,
    /// bonuses − penalty, signed.
    #[serde(serialize_with = "crate::money::money")]
    pub adjustment: Decimal,
    /// Original cap + adjustment, when the original cap is known.
    #[serde(
        skip_serializing_if = "Option::is_none",
        serialize_with = "crate::money::money_opt"
    )]
    pub cap: Option<Decimal>,
    /// What happened this year, in Chinese.
    pub note: String,
    /// Which rules the note reports, so the trace cites exactly their parameters.
    #[serde(skip)]
    pub fired: Fired,
}

#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Fired {
    pub zero_claim: bool,
    pub continuity: bool,
    pub penalty: bool,
}

#[derive(Clone, Debug, Serialize, PartialEq, Default)]
pub struct CapHistory {
    pub years: Vec<CapYear>,
    /// The benefit year's signed adjustment (does not depend on the unverified original cap,
    /// except where a 20% limit is reached).
    #[serde(serialize_with = "crate::money::money")]
    pub adjustment: Decimal,
    #[serde(serialize_with = "crate::money::money")]
    pub continuity_bonus: Decimal,
    #[serde(serialize_with = "crate::money::money")]
    pub zero_claim_bonus: Decimal,
    #[serde(serialize_with = "crate::money::money")]
    pub penalty: Decimal,
    #[serde(
        skip_serializing_if = "Option::is_none",
        serialize_with = "crate::money::money_opt"
    )]
    pub original_cap: Option<Decimal>,
    /// The benefit year's cap; None when the original cap is unknown.
    #[serde(
        skip_serializing_if = "Option::is_none",
        serialize_with = "crate::money::money_opt"
    )]
    pub cap: Option<Decimal>,
    /// 20% of the original cap, when known.
    #[serde(
        skip_serializing_if = "Option::is_none",
        serialize_with = "crate::money::money_opt"
    )]
    pub bonus_limit: Option<Decimal>,
    #[serde(
        skip_serializing_if = "Option::is_none",
        serialize_with = "crate::money::money_opt"
    )]
    pub penalty_limit: Option<Decimal>,
    pub bonus_limit_reached: bool,
    pub penalty_limit_reached: bool,
}

/// Walks 2025..=`year`; `history` covers 2025..year−1 and the benefit year itself is enrolled.
///
/// The 20% limit on bonuses is applied as the bonuses accrue (an increase that would pass it is cut
/// to what is left), so a later 清零 of the zero-claim bonus frees room again: the reading of
/// 「累计提高总额不超过…20%」 as a running balance. The penalty is 「每断保1年」 times the lapsed years of
/// the run just ended, limited to 20%, and lasts the re-enrollment year (Yantai: 「重新参保当年」, A3), or
/// as many enrolled years as the policy's `cap.penalty_years` says (a city variant; the schema's
/// default is 1). A new lapse ends it.
///
/// `terms` holds each year's terms from 2025 (`Terms::by_year`): every year is walked with the
/// values in force that year, and the 20% limits are those of the year they are applied in.
pub fn walk(
    terms: &[Terms],
    history: &[YearRecord],
    year: i32,
    birth_year: Option<i32>,
    trace: &mut Trace,
) -> CapHistory {
    let share = |t: &Terms, s: &InForce<Decimal>| t.original.as_ref().map(|o| o.value * s.value);
    let limits = |t: &Terms| {
        (
            share(t, &t.bonus_limit_share),
            share(t, &t.penalty_limit_share),
        )
    };
    let mut years = Vec::new();
    let (mut cont, mut zero) = (Decimal::ZERO, Decimal::ZERO);
    let (mut bonus_hit, mut penalty_hit) = (false, false);
    let mut prev: Option<YearRecord> = None;
    // The penalty still in force and the enrolled years it has left after this one.
    let (mut carried, mut carried_years) = (Decimal::ZERO, 0u32);

    // A year's note is for the explanation (the result's walk and the trace): a pass that keeps
    // none does not write it.
    let keep = trace.keep;
    macro_rules! note {
        ($notes:ident, $text:expr) => {
            if keep {
                $notes.push($text)
            }
        };
    }
    for (e, t) in enrollment::walk(history, year, birth_year)
        .iter()
        .zip(terms)
    {
        let (bonus_limit, penalty_limit) = limits(t);
        let (rec, y) = (e.record, e.record.year);
        let (consecutive, lapsed_run) = (e.consecutive_before, e.lapsed_before);
        let mut notes: Vec<String> = Vec::new();
        let mut fired = Fired::default();
        // Carried in from last year: the 清零 after a 大病 claim that used the bonus, then the
        // zero-claim bonus of a year with no reimbursement.
        if let Some(p) = prev {
            if p.used_bonus && zero > Decimal::ZERO {
                note!(
                    notes,
                    format!(
                        "{}年大病报销用了奖励额度,零报销奖励{}元清零",
                        p.year,
                        amount(zero)
                    )
                );
                zero = Decimal::ZERO;
            }
            if p.enrolled && p.zero_claim {
                let add = room(
                    t.zero_claim_step.value,
                    cont + zero,
                    bonus_limit,
                    &mut bonus_hit,
                );
                zero += add;
                fired.zero_claim = true;
                note!(
                    notes,
                    format!("{}年零报销,本年提高{}元", p.year, amount(add))
                );
            }
        }
        let mut penalty = Decimal::ZERO;
        if e.standing == Standing::Enrolled {
            if lapsed_run > 0 && y > FIRST_YEAR {
                let full = t.penalty_step.value * Decimal::from(lapsed_run);
                penalty = match penalty_limit {
                    Some(l) if full > l => {
                        penalty_hit = true;
                        l
                    }
                    _ => full,
                };
                fired.penalty = true;
                note!(
                    notes,
                    format!("断保{lapsed_run}年后再参保,本年降低{}元", amount(penalty))
                );
                carried = penalty;
                carried_years = t.penalty_years.value.saturating_sub(1);
            } else if carried_years > 0 {
                penalty = carried;
                carried_years -= 1;
                fired.penalty = true;
                note!(
                    notes,
                    format!(
                        "断保降低的限额持续{}年,本年仍降低{}元",
                        t.penalty_years.value,
                        amount(penalty)
                    )
                );
            }
            if consecutive >= t.after_years.value {
                let add = room(
                    t.continuity_step.value,
                    cont + zero,
                    bonus_limit,
                    &mut bonus_hit,
                );
                cont += add;
                fired.continuity = true;
                note!(
                    notes,
                    format!(
                        "已连续参保{consecutive}年(满{}年),本年提高{}元",
                        t.after_years.value,
                        amount(add)
                    )
                );
            }
        } else if e.standing == Standing::BeforeBirth {
            note!(notes, "出生前或出生当年未参保,不算断保".to_string());
        } else if e.standing == Standing::Elsewhere {
            // A8: insured elsewhere is no 断保; the count of years enrolled here starts again
            // (Yantai: 「连续参加我市居民医保满4年」).
            note!(
                notes,
                "在别处参保,不算断保;在本地连续参保的年数从再参保起重新计算".to_string()
            );
        } else {
            if consecutive > 0 {
                note!(
                    notes,
                    "断保:连续参保年数重新计算,已积累的奖励保留".to_string()
                );
            }
            carried_years = 0;
        }

        let adjustment = if rec.enrolled {
            cont + zero - penalty
        } else {
            Decimal::ZERO
        };
        years.push(CapYear {
            year: y,
            enrolled: rec.enrolled,
            consecutive: e.consecutive,
            continuity_bonus: cont,
            zero_claim_bonus: zero,
            penalty,
            adjustment,
            cap: if rec.enrolled {
                t.original.as_ref().map(|o| o.value + adjustment)
            } else {
                None
            },
            note: notes.join(";"),
            fired,
        });
        prev = Some(rec);
    }

    let last = years.last().cloned();
    let (adjustment, penalty) = last
        .as_ref()
        .map(|l| (l.adjustment, l.penalty))
        .unwrap_or_default();
    let Some(t) = terms.last() else {
        return CapHistory::default();
    };
    let (bonus_limit, penalty_limit) = limits(t);
    explain(terms, &years, year, bonus_limit, penalty_limit, trace);
    CapHistory {
        adjustment,
        continuity_bonus: cont,
        zero_claim_bonus: zero,
        penalty,
        original_cap: t.original.as_ref().map(|o| o.value),
        cap: last.and_then(|l| l.cap),
        bonus_limit,
        penalty_limit,
        bonus_limit_reached: bonus_hit,
        penalty_limit_reached: penalty_hit,
        years,
    }
}

/// How much of `step` still fits under the bonus limit.
fn room(step: Decimal, so_far: Decimal, limit: Option<Decimal>, hit: &mut bool) -> Decimal {
    match limit {
        Some(l) if so_far + step > l => {
            *hit = true;
            (l - so_far).max(Decimal::ZERO)
        }
        _ => step,
    }
}

fn explain(
    terms: &[Terms],
    years: &[CapYear],
    year: i32,
    bonus_limit: Option<Decimal>,
    penalty_limit: Option<Decimal>,
    trace: &mut Trace,
) {
    for (y, t) in years.iter().zip(terms).filter(|(y, _)| !y.note.is_empty()) {
        let mut params = Vec::new();
        if y.fired.zero_claim {
            params.push(&t.zero_claim_step.from);
        }
        if y.fired.continuity {
            params.push(&t.after_years.from);
            params.push(&t.continuity_step.from);
        }
        if y.fired.penalty {
            params.push(&t.penalty_step.from);
            // Cited where it changes something: a penalty that lasts more than one year.
            if t.penalty_years.value > 1 {
                params.push(&t.penalty_years.from);
            }
        }
        step!(
            trace,
            Topic::Cap,
            Rule::Cap,
            format!("{}年:{}", y.year, y.note),
            signed(y.adjustment),
            &params,
        );
    }
    let Some(t) = terms.last() else { return };
    if let Some(l) = bonus_limit {
        step!(
            trace,
            Topic::Cap,
            Rule::Cap,
            format!(
                "奖励累计不超过原封顶线的{},即{}元;降低累计不超过{}元",
                pct(t.bonus_limit_share.value),
                amount(l),
                penalty_limit.map(amount).unwrap_or_default()
            ),
            amount(l),
            &[&t.bonus_limit_share.from, &t.penalty_limit_share.from],
        );
    }
    let Some(last) = years.last() else { return };
    let cap_text = match (&t.original, last.cap) {
        (Some(o), Some(_)) if last.adjustment.is_zero() => {
            format!("本年限额就是原封顶线{}元", amount(o.value),)
        }
        (Some(o), Some(cap)) => format!(
            "原封顶线{}元{}{}元,本年限额{}元",
            amount(o.value),
            if last.adjustment.is_sign_negative() {
                "减去"
            } else {
                "加上"
            },
            amount(last.adjustment.abs()),
            amount(cap)
        ),
        _ => "原封顶线未知(可自填 cap.original),只给出调整额".to_string(),
    };
    let params: Vec<_> = t.original.iter().map(|o| &o.from).collect();
    step!(
        trace,
        Topic::Cap,
        Rule::Cap,
        format!(
            "{year}年大病保险最高支付限额{}:{cap_text}",
            change(last.adjustment)
        ),
        signed(last.adjustment),
        &params,
    );
}

/// A signed amount for a figure column: "+3,000", "−2,000", "0" (the sign, not colour, carries the
/// meaning). Sentences say it in words instead ([`change`]).
pub fn signed(d: Decimal) -> String {
    if d > Decimal::ZERO {
        format!("+{}", amount(d))
    } else {
        amount(d)
    }
}
