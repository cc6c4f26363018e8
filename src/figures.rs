//! Figures only: the numbers of an estimate without its sentences, citations and trace, for
//! batches of whole populations (`yibao estimate --figures`). The same rules compute them, in the
//! same passes, with the explanation switched off; every field has the name and the place it has
//! in the explained result (`result.members[i].waiting.cover_start` is `cover_start` under
//! `members[i].waiting` here too), so a figure means the same thing in both.
//!
//! Left out, on purpose:
//! - `alternatives` (and the other readings' figures beside some fields, such as
//!   `contribution.repair_cost_other`): the other reading of 「每多断保1年」 (RULES.md §6 A1) is one
//!   more run with `"reading"` set in the scenario; whether an exemption is unclear is
//!   `waiting.exemption` ("unknown").
//! - the advice, whose figures are its comparison of every repair: a batch that wants them runs
//!   the explained estimate.
//! - the lists inside the result (the cap's year-by-year walk, the repair options, the
//!   reimbursement lines): their totals are here.
//!
//! A batch spends most of its time writing its output, so the figures write their own compact
//! JSON ([`Figures::write_json`]; tests/figures.rs holds it equal to serde_json's).

use crate::decimal::Decimal;
use chrono::{Datelike, NaiveDate};
use serde::Serialize;

use crate::cap::CapHistory;
use crate::contribution::{Contribution, HouseholdContribution};
use crate::estimate::{self, Estimate};
use crate::input::{InputError, Json};
use crate::money::push_yuan;
use crate::policy::{Exemption, Reading};
use crate::reimbursement::Totals;
use crate::rules::Rules;
use crate::scenario::Scenario;
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
    pub contribution: ContributionFigures,
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
    #[serde(serialize_with = "crate::money::money")]
    pub repair_cost: Decimal,
    pub cover_start: Option<NaiveDate>,
    pub uncovered_days: u32,
    pub days_before_payment: u32,
    pub waiting_days: u32,
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
            days_before_payment: w.days_before_payment,
            waiting_days: w.waiting_days,
            useful_repair_years: w.useful_repair_years,
            best_repair_years: w.best_repair_years,
        }
    }
}

#[derive(Clone, Debug, Serialize, PartialEq)]
pub struct CapFigures {
    #[serde(serialize_with = "crate::money::money")]
    pub adjustment: Decimal,
    #[serde(serialize_with = "crate::money::money")]
    pub continuity_bonus: Decimal,
    #[serde(serialize_with = "crate::money::money")]
    pub zero_claim_bonus: Decimal,
    #[serde(serialize_with = "crate::money::money")]
    pub penalty: Decimal,
    /// The benefit year's cap; absent when the original cap is unknown.
    #[serde(
        skip_serializing_if = "Option::is_none",
        serialize_with = "crate::money::money_opt"
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
pub struct ContributionFigures {
    #[serde(serialize_with = "crate::money::money")]
    pub premium: Decimal,
    pub subsidy_share: Decimal,
    #[serde(serialize_with = "crate::money::money")]
    pub subsidy_pays: Decimal,
    #[serde(serialize_with = "crate::money::money")]
    pub individual_pays: Decimal,
    #[serde(
        skip_serializing_if = "Option::is_none",
        serialize_with = "crate::money::money_opt"
    )]
    pub government_subsidy: Option<Decimal>,
    pub repair_years: u32,
    #[serde(serialize_with = "crate::money::money")]
    pub repair_cost: Decimal,
    #[serde(serialize_with = "crate::money::money")]
    pub health_plan: Decimal,
    #[serde(serialize_with = "crate::money::money")]
    pub total: Decimal,
}

impl From<&Contribution> for ContributionFigures {
    fn from(c: &Contribution) -> Self {
        ContributionFigures {
            premium: c.premium,
            subsidy_share: c.subsidy_share,
            subsidy_pays: c.subsidy_pays,
            individual_pays: c.individual_pays,
            government_subsidy: c.government_subsidy,
            repair_years: c.repair_years,
            repair_cost: c.repair_cost,
            health_plan: c.health_plan,
            total: c.total,
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
        year: s.benefit_year,
    };
    let mut members = Vec::with_capacity(s.members.len());
    let mut contributions = Vec::with_capacity(s.members.len());
    let mut reimbursement = Totals::default();
    let mut errors = Vec::new();
    for (i, m) in s.members.iter().enumerate() {
        match estimate::compute_member(s, &rules, i, s.reading, m.category.exemption, false) {
            Ok(c) => {
                reimbursement.add(&c.reimbursement.totals);
                members.push(MemberFigures {
                    category: m.category.key,
                    waiting: (&c.waiting).into(),
                    cap: (&c.cap).into(),
                    contribution: (&c.contribution).into(),
                    reimbursement: ReimbursementFigures {
                        totals: c.reimbursement.totals,
                    },
                });
                contributions.push(c.contribution);
            }
            Err(e) => errors.push(e),
        }
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    Ok(Figures {
        policy: PolicyId { id: s.policy.id },
        benefit_year: s.benefit_year,
        reading: s.reading,
        members,
        household: HouseholdFigures {
            contribution: HouseholdContribution::sum(contributions.iter()),
            reimbursement,
        },
    })
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
                    contribution: (&m.contribution).into(),
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

    /// `{"ok":true,"result":…}` as compact JSON, exactly as serde_json writes it.
    pub fn write_json(&self, out: &mut Vec<u8>) {
        out.extend_from_slice(b"{\"ok\":true,\"result\":{\"policy\":{\"id\":");
        text(out, self.policy.id);
        out.extend_from_slice(b"},\"benefit_year\":");
        int(out, i64::from(self.benefit_year));
        out.extend_from_slice(b",\"reading\":");
        text(
            out,
            match self.reading {
                Reading::A => "A",
                Reading::B => "B",
            },
        );
        out.extend_from_slice(b",\"members\":[");
        for (i, m) in self.members.iter().enumerate() {
            if i > 0 {
                out.push(b',');
            }
            m.write_json(out);
        }
        out.extend_from_slice(b"],\"household\":{\"contribution\":");
        let h = &self.household.contribution;
        let mut o = Obj::open(out);
        o.money("individual_pays", h.individual_pays);
        o.money("subsidy_pays", h.subsidy_pays);
        o.money("repair_cost", h.repair_cost);
        o.money("health_plan", h.health_plan);
        o.money("total", h.total);
        o.money_opt("government_subsidy", h.government_subsidy);
        o.close();
        out.extend_from_slice(b",\"reimbursement\":");
        totals(out, &self.household.reimbursement);
        out.extend_from_slice(b"}}}");
    }
}

impl MemberFigures {
    fn write_json(&self, out: &mut Vec<u8>) {
        out.extend_from_slice(b"{\"category\":");
        text(out, self.category);
        out.extend_from_slice(b",\"waiting\":");
        let w = &self.waiting;
        let mut o = Obj::open(out);
        o.text("exemption", w.exemption.key());
        o.boolean("exempt", w.exempt);
        o.boolean("in_window", w.in_window);
        o.int("lapsed_years", w.lapsed_years.into());
        o.key("months");
        let mut m = Obj::open(o.out);
        m.int("fixed", w.months.fixed.into());
        m.int("variable", w.months.variable.into());
        m.int("repaired", w.months.repaired.into());
        m.int("floor_added", w.months.floor_added.into());
        m.int("total", w.months.total.into());
        m.close();
        o.int("repair_years", w.repair_years.into());
        o.money("repair_cost", w.repair_cost);
        o.date("cover_start", w.cover_start);
        o.int("uncovered_days", w.uncovered_days.into());
        o.int("days_before_payment", w.days_before_payment.into());
        o.int("waiting_days", w.waiting_days.into());
        o.int("useful_repair_years", w.useful_repair_years.into());
        o.int("best_repair_years", w.best_repair_years.into());
        o.close();
        out.extend_from_slice(b",\"cap\":");
        let c = &self.cap;
        let mut o = Obj::open(out);
        o.money("adjustment", c.adjustment);
        o.money("continuity_bonus", c.continuity_bonus);
        o.money("zero_claim_bonus", c.zero_claim_bonus);
        o.money("penalty", c.penalty);
        o.money_opt("cap", c.cap);
        o.boolean("bonus_limit_reached", c.bonus_limit_reached);
        o.boolean("penalty_limit_reached", c.penalty_limit_reached);
        o.close();
        out.extend_from_slice(b",\"contribution\":");
        let c = &self.contribution;
        let mut o = Obj::open(out);
        o.money("premium", c.premium);
        o.key("subsidy_share");
        // the serde form of a Decimal (src/decimal.rs): the number's text, as a string.
        o.out.push(b'"');
        o.out
            .extend_from_slice(c.subsidy_share.to_string().as_bytes());
        o.out.push(b'"');
        o.money("subsidy_pays", c.subsidy_pays);
        o.money("individual_pays", c.individual_pays);
        o.money_opt("government_subsidy", c.government_subsidy);
        o.int("repair_years", c.repair_years.into());
        o.money("repair_cost", c.repair_cost);
        o.money("health_plan", c.health_plan);
        o.money("total", c.total);
        o.close();
        out.extend_from_slice(b",\"reimbursement\":{\"totals\":");
        totals(out, &self.reimbursement.totals);
        out.extend_from_slice(b"}}");
    }
}

fn totals(out: &mut Vec<u8>, t: &Totals) {
    let mut o = Obj::open(out);
    o.money("spending", t.spending);
    o.money("excluded", t.excluded);
    o.money("fund_pays", t.fund_pays);
    o.money("major_pays", t.major_pays);
    o.money("allowance", t.allowance);
    o.money("you_pay", t.you_pay);
    o.close();
}

/// A JSON object written key by key. Keys are this module's own names (plain ASCII).
struct Obj<'a> {
    out: &'a mut Vec<u8>,
    first: bool,
}

impl<'a> Obj<'a> {
    #[inline]
    fn open(out: &'a mut Vec<u8>) -> Obj<'a> {
        out.push(b'{');
        Obj { out, first: true }
    }
    #[inline]
    fn key(&mut self, k: &str) {
        if !self.first {
            self.out.push(b',');
        }
        self.first = false;
        self.out.push(b'"');
        self.out.extend_from_slice(k.as_bytes());
        self.out.extend_from_slice(b"\":");
    }
    #[inline]
    fn money(&mut self, k: &str, d: Decimal) {
        self.key(k);
        self.out.push(b'"');
        push_yuan(self.out, d);
        self.out.push(b'"');
    }
    /// Absent when None, as `skip_serializing_if` leaves it out.
    #[inline]
    fn money_opt(&mut self, k: &str, d: Option<Decimal>) {
        if let Some(d) = d {
            self.money(k, d);
        }
    }
    #[inline]
    fn int(&mut self, k: &str, n: i64) {
        self.key(k);
        int(self.out, n);
    }
    #[inline]
    fn boolean(&mut self, k: &str, b: bool) {
        self.key(k);
        self.out
            .extend_from_slice(if b { &b"true"[..] } else { &b"false"[..] });
    }
    #[inline]
    fn text(&mut self, k: &str, s: &str) {
        self.key(k);
        text(self.out, s);
    }
    /// An ISO date, or null.
    #[inline]
    fn date(&mut self, k: &str, d: Option<NaiveDate>) {
        self.key(k);
        let Some(d) = d else {
            self.out.extend_from_slice(b"null");
            return;
        };
        self.out.push(b'"');
        // Years are 1900–2100 here: always four digits, as chrono writes them.
        int(self.out, i64::from(d.year()));
        for part in [d.month(), d.day()] {
            self.out
                .extend_from_slice(if part < 10 { &b"-0"[..] } else { &b"-"[..] });
            int(self.out, i64::from(part));
        }
        self.out.push(b'"');
    }
    #[inline]
    fn close(self) {
        self.out.push(b'}');
    }
}

/// An integer's digits, as serde_json writes them (also the index in an input path).
pub(crate) fn int(out: &mut Vec<u8>, n: i64) {
    let mut digits = [0u8; 20];
    let mut i = digits.len();
    let mut v = n.unsigned_abs();
    loop {
        i -= 1;
        digits[i] = b'0' + (v % 10) as u8;
        v /= 10;
        if v == 0 {
            break;
        }
    }
    if n < 0 {
        out.push(b'-');
    }
    out.extend_from_slice(&digits[i..]);
}

/// A JSON string. The texts here are keys from the compiled policies, but are escaped anyway.
fn text(out: &mut Vec<u8>, s: &str) {
    out.push(b'"');
    for c in s.chars() {
        match c {
            '"' => out.extend_from_slice(b"\\\""),
            '\\' => out.extend_from_slice(b"\\\\"),
            c if (c as u32) < 0x20 => {
                out.extend_from_slice(format!("\\u{:04x}", c as u32).as_bytes());
            }
            c => {
                let mut b = [0u8; 4];
                out.extend_from_slice(c.encode_utf8(&mut b).as_bytes());
            }
        }
    }
    out.push(b'"');
}
