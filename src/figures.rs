//! Figures only: the numbers of an estimate without its sentences, citations and trace, for
//! batches of whole populations (`yibao estimate --figures`). The same rules compute them, in the
//! same passes, with the explanation switched off; every field has the name and the place it has
//! in the explained result (`result.members[i].waiting.cover_start` is `cover_start` under
//! `members[i].waiting` here too), so a figure means the same thing in both.
//!
//! Left out, on purpose:
//! - `alternatives`: the other reading of 「每多断保1年」 (RULES.md §6 A1) is one more run with
//!   `"reading"` set in the scenario; whether an exemption is unclear is `waiting.exemption`
//!   ("unknown").
//! - the lists inside the result (the cap's year-by-year walk, the repair options, the
//!   reimbursement lines): their totals are here.

use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde::Serialize;

use crate::cap::CapHistory;
use crate::contribution::{Contribution, HouseholdContribution};
use crate::estimate::{self, Estimate};
use crate::input::{InputError, Json};
use crate::policy::{Exemption, Reading};
use crate::reimbursement::Totals;
use crate::scenario::Scenario;
use crate::trace::Rules;
use crate::waiting_period::{Months3, WaitingPeriod};

#[derive(Clone, Debug, Serialize, PartialEq)]
pub struct PolicyId {
    pub id: &'static str,
}

#[derive(Clone, Debug, Serialize, PartialEq)]
pub struct Figures {
    pub policy: PolicyId,
    pub benefit_year: i32,
    pub reading: Reading,
    pub members: Vec<MemberFigures>,
    pub household: HouseholdFigures,
}

#[derive(Clone, Debug, Serialize, PartialEq)]
pub struct MemberFigures {
    pub category: &'static str,
    pub waiting: WaitingFigures,
    pub cap: CapFigures,
    pub contribution: Contribution,
    pub reimbursement: ReimbursementFigures,
}

#[derive(Clone, Debug, Serialize, PartialEq)]
pub struct WaitingFigures {
    pub exemption: Exemption,
    pub exempt: bool,
    pub in_window: bool,
    pub lapsed_years: u32,
    pub months: Months3,
    pub repair_years: u32,
    #[serde(serialize_with = "crate::trace::money")]
    pub repair_cost: Decimal,
    pub cover_start: Option<NaiveDate>,
    pub uncovered_days: u32,
    pub useful_repair_years: u32,
    pub best_repair_years: u32,
}

impl From<&WaitingPeriod> for WaitingFigures {
    fn from(w: &WaitingPeriod) -> Self {
        WaitingFigures {
            exemption: w.exemption,
            exempt: w.exempt,
            in_window: w.in_window,
            lapsed_years: w.lapsed_years,
            months: w.months,
            repair_years: w.repair_years,
            repair_cost: w.repair_cost,
            cover_start: w.cover_start,
            uncovered_days: w.uncovered_days,
            useful_repair_years: w.useful_repair_years,
            best_repair_years: w.best_repair_years,
        }
    }
}

#[derive(Clone, Debug, Serialize, PartialEq)]
pub struct CapFigures {
    #[serde(serialize_with = "crate::trace::money")]
    pub adjustment: Decimal,
    #[serde(serialize_with = "crate::trace::money")]
    pub continuity_bonus: Decimal,
    #[serde(serialize_with = "crate::trace::money")]
    pub zero_claim_bonus: Decimal,
    #[serde(serialize_with = "crate::trace::money")]
    pub penalty: Decimal,
    /// The benefit year's cap; absent when the original cap is unknown.
    #[serde(
        skip_serializing_if = "Option::is_none",
        serialize_with = "crate::trace::money_opt"
    )]
    pub cap: Option<Decimal>,
    pub bonus_limit_reached: bool,
    pub penalty_limit_reached: bool,
}

impl From<&CapHistory> for CapFigures {
    fn from(c: &CapHistory) -> Self {
        CapFigures {
            adjustment: c.adjustment,
            continuity_bonus: c.continuity_bonus,
            zero_claim_bonus: c.zero_claim_bonus,
            penalty: c.penalty,
            cap: c.cap,
            bonus_limit_reached: c.bonus_limit_reached,
            penalty_limit_reached: c.penalty_limit_reached,
        }
    }
}

#[derive(Clone, Debug, Serialize, PartialEq)]
pub struct ReimbursementFigures {
    pub totals: Totals,
}

#[derive(Clone, Debug, Serialize, PartialEq)]
pub struct HouseholdFigures {
    pub contribution: HouseholdContribution,
    pub reimbursement: Totals,
}

/// Either the figures or every problem with the input, as `{ok, result}` / `{ok, errors}`.
#[derive(Clone, Debug, Serialize, PartialEq)]
#[serde(untagged)]
pub enum FiguresOutcome {
    Ok { ok: bool, result: Box<Figures> },
    Invalid { ok: bool, errors: Vec<InputError> },
}

impl FiguresOutcome {
    pub fn is_ok(&self) -> bool {
        matches!(self, FiguresOutcome::Ok { .. })
    }
}

/// The whole pipeline, figures only: JSON → the same validation → the same rules, unexplained.
pub fn figures_json(v: &Json) -> FiguresOutcome {
    let result = Scenario::read(v).and_then(|s| figures(&s));
    match result {
        Ok(f) => FiguresOutcome::Ok {
            ok: true,
            result: Box::new(f),
        },
        Err(errors) => FiguresOutcome::Invalid { ok: false, errors },
    }
}

/// The figures of a valid scenario: each member once, under the reading and exemption the
/// explained result uses, with no explanation kept.
pub fn figures(s: &Scenario) -> Result<Figures, Vec<InputError>> {
    let rules = Rules {
        policy: s.policy,
        overrides: &s.overrides,
    };
    let mut members = Vec::with_capacity(s.members.len());
    let mut errors = Vec::new();
    for (i, m) in s.members.iter().enumerate() {
        match estimate::compute_member(s, &rules, i, s.reading, m.category.exemption, false) {
            Ok(c) => members.push(MemberFigures {
                category: m.category.key,
                waiting: (&c.waiting).into(),
                cap: (&c.cap).into(),
                contribution: c.contribution,
                reimbursement: ReimbursementFigures {
                    totals: c.reimbursement.totals,
                },
            }),
            Err(e) => errors.push(e),
        }
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    let household = household(&members);
    Ok(Figures {
        policy: PolicyId { id: s.policy.id },
        benefit_year: s.benefit_year,
        reading: s.reading,
        members,
        household,
    })
}

fn household(members: &[MemberFigures]) -> HouseholdFigures {
    let mut reimbursement = Totals::default();
    for m in members {
        reimbursement.add(&m.reimbursement.totals);
    }
    HouseholdFigures {
        contribution: HouseholdContribution::sum(members.iter().map(|m| &m.contribution)),
        reimbursement,
    }
}

impl Figures {
    /// The figures an explained result states: what `figures` must give for the same scenario.
    pub fn of(e: &Estimate) -> Figures {
        Figures {
            policy: PolicyId { id: e.policy.id },
            benefit_year: e.benefit_year,
            reading: e.reading,
            members: e
                .members
                .iter()
                .map(|m| MemberFigures {
                    category: m.category,
                    waiting: (&m.waiting).into(),
                    cap: (&m.cap).into(),
                    contribution: m.contribution.clone(),
                    reimbursement: ReimbursementFigures {
                        totals: m.reimbursement.totals.clone(),
                    },
                })
                .collect(),
            household: HouseholdFigures {
                contribution: e.household.contribution.clone(),
                reimbursement: e.household.reimbursement.clone(),
            },
        }
    }
}
