//! The explanation trace: every figure with the sentence that says how it was reached, the rule it
//! applies and the citation of each parameter it used — enough to redo the sum by hand.

use rust_decimal::Decimal;
use serde::Serialize;
use std::borrow::Cow;

use crate::policy::{Policy, Status, Value};
use crate::policy_schema;
use crate::scenario::Override;

/// A parameter as it was used: the value in force and where it comes from.
#[derive(Clone, Debug, Serialize, PartialEq)]
pub struct ParamRef {
    pub key: Cow<'static, str>,
    pub label: &'static str,
    pub value: Cow<'static, str>,
    pub status: Status,
    pub document: &'static str,
    pub quote: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub note: Option<&'static str>,
    /// The policy's own value when the user replaced it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub policy_value: Option<Cow<'static, str>>,
}

/// A value together with the parameter it came from.
#[derive(Clone, Debug)]
pub struct Cited<T> {
    pub value: T,
    pub from: ParamRef,
}

/// The policy as the scenario sees it: the file's values, with the user's overrides on top.
pub struct Rules<'a> {
    pub policy: &'static Policy,
    pub overrides: &'a [Override],
}

impl Rules<'_> {
    /// The value in force for `key`, or None when neither the policy nor the user gives one.
    pub fn get(&self, key: &str) -> Option<Cited<Value>> {
        let param = self.policy.param(key);
        if let Some(o) = self.overrides.iter().find(|o| o.key == key) {
            // The label is compiled into the policy's parameters; only a key the policy lacks
            // (filled in by the user) needs the schema's pattern search.
            let label = match param {
                Some(p) => p.label,
                None => policy_schema::spec_for(key).map(|s| s.label).unwrap_or(""),
            };
            return Some(Cited {
                value: o.value,
                from: ParamRef {
                    key: Cow::Owned(key.to_string()),
                    label,
                    value: Cow::Owned(o.value.display()),
                    status: Status::User,
                    document: param.map(|p| p.cite.document).unwrap_or("用户自填"),
                    quote: param.map(|p| p.cite.quote).unwrap_or(""),
                    note: param.and_then(|p| p.cite.note),
                    policy_value: param.map(|p| Cow::Borrowed(p.shown)),
                },
            });
        }
        let p = param?;
        Some(Cited {
            value: p.value,
            from: ParamRef {
                key: Cow::Borrowed(p.key),
                label: p.label,
                value: Cow::Borrowed(p.shown),
                status: p.cite.status,
                document: p.cite.document,
                quote: p.cite.quote,
                note: p.cite.note,
                policy_value: None,
            },
        })
    }

    /// A category's individual contribution standard: the policy's, or the user's where the
    /// policy's is unverified.
    pub fn premium(&self, c: &crate::policy::Category) -> Cited<Decimal> {
        let key = format!("categories.{}.premium", c.key);
        let from =
            |value: Decimal, status: Status, policy_value: Option<Cow<'static, str>>| ParamRef {
                key: Cow::Owned(key.clone()),
                label: "个人缴费标准",
                value: Cow::Owned(value.normalize().to_string()),
                status,
                document: c.premium_cite.document,
                quote: c.premium_cite.quote,
                note: c.premium_cite.note,
                policy_value,
            };
        match self
            .overrides
            .iter()
            .find(|o| o.key == key)
            .map(|o| o.value)
        {
            Some(Value::Money(v)) => Cited {
                value: v,
                from: from(
                    v,
                    Status::User,
                    Some(Cow::Owned(c.premium.normalize().to_string())),
                ),
            },
            _ => Cited {
                value: c.premium,
                from: from(c.premium, c.premium_cite.status, None),
            },
        }
    }

    pub fn money(&self, key: &str) -> Option<Cited<Decimal>> {
        let c = self.get(key)?;
        match c.value {
            Value::Money(d) | Value::Rate(d) => Some(Cited {
                value: d,
                from: c.from,
            }),
            _ => None,
        }
    }

    /// A limit: Some(None) means the policy says there is no limit.
    pub fn limit(&self, key: &str) -> Option<Cited<Option<Decimal>>> {
        let c = self.get(key)?;
        match c.value {
            Value::Money(d) => Some(Cited {
                value: Some(d),
                from: c.from,
            }),
            Value::Unlimited => Some(Cited {
                value: None,
                from: c.from,
            }),
            _ => None,
        }
    }

    pub fn rate(&self, key: &str) -> Option<Cited<Decimal>> {
        self.money(key)
    }

    pub fn months(&self, key: &str) -> Option<Cited<u32>> {
        let c = self.get(key)?;
        match c.value {
            Value::Months(n) | Value::Count(n) => Some(Cited {
                value: n,
                from: c.from,
            }),
            _ => None,
        }
    }
}

/// What part of the estimate a step belongs to.
#[derive(Clone, Copy, Debug, Serialize, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum Topic {
    Input,
    WaitingPeriod,
    Cap,
    Contribution,
    Reimbursement,
}

#[derive(Clone, Debug, Serialize, PartialEq)]
pub struct Step {
    /// Index into `members`; None for household-wide steps.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub member: Option<usize>,
    pub topic: Topic,
    /// One plain Chinese sentence.
    pub text: String,
    /// The figure the step produces, as displayed.
    pub value: String,
    /// The rule applied (RULES.md section and rule).
    pub rule: &'static str,
    /// Keys of the parameters used. Each is cited once, in the result's `parameters`: a household
    /// uses the same few dozen parameters in many steps, and repeating the document and quote in
    /// every step tripled the trace (and the work of handing it to the page).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub params: Vec<Cow<'static, str>>,
}

pub struct Trace {
    pub member: Option<usize>,
    /// False for passes whose explanation is thrown away (the other reading of an ambiguous rule):
    /// their sentences are never formatted.
    pub keep: bool,
    pub steps: Vec<Step>,
    /// Every parameter the kept steps cite, once each, sorted by key.
    pub cited: Vec<ParamRef>,
}

/// Records a step: `step!(trace, topic, rule, text, value, params)`. The text and value are not
/// even evaluated when the trace is not kept.
macro_rules! step {
    ($t:expr, $topic:expr, $rule:expr, $text:expr, $value:expr, $params:expr $(,)?) => {
        if $t.keep {
            $t.step($topic, $rule, $text, $value, $params)
        }
    };
}
pub(crate) use step;

impl Trace {
    pub fn new(member: Option<usize>, keep: bool) -> Trace {
        Trace {
            member,
            keep,
            steps: Vec::new(),
            cited: Vec::new(),
        }
    }

    pub fn step(
        &mut self,
        topic: Topic,
        rule: &'static str,
        text: impl Into<String>,
        value: impl Into<String>,
        params: &[&ParamRef],
    ) {
        self.steps.push(Step {
            member: self.member,
            topic,
            text: text.into(),
            value: value.into(),
            rule,
            params: params.iter().map(|p| p.key.clone()).collect(),
        });
        for p in params {
            cite(&mut self.cited, p);
        }
    }
}

/// Adds `p` to `list`, kept sorted by key, unless a parameter with its key is there already.
pub fn cite(list: &mut Vec<ParamRef>, p: &ParamRef) {
    if let Err(at) = list.binary_search_by(|q| q.key.cmp(&p.key)) {
        list.insert(at, p.clone());
    }
}

/// Money as shown: two decimals, rounded half away from zero (四舍五入).
pub fn yuan(d: Decimal) -> String {
    // Most amounts already have at most two decimals: they are widened, not rounded (rounding
    // is most of the cost of a general rescale).
    let r = if d.scale() <= 2 { d } else { round(d) };
    // Amounts are bounded (≤ 10,000,000 yuan per input, so sums stay far inside u64 fen):
    // write the digits directly rather than through Decimal's general Display.
    let Some(fen) = u64::try_from(r.mantissa().unsigned_abs())
        .ok()
        .and_then(|m| m.checked_mul(10u64.pow(2 - r.scale().min(2))))
    else {
        let mut r = r;
        r.rescale(2);
        return r.to_string();
    };
    let mut digits = [0u8; 24];
    let (mut i, mut n) = (digits.len(), fen);
    loop {
        i -= 1;
        digits[i] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 && digits.len() - i >= 3 {
            break;
        }
    }
    let digits = &digits[i..];
    let (whole, cents) = digits.split_at(digits.len() - 2);
    let mut out = String::with_capacity(digits.len() + 2);
    // A negative amount that rounds to zero is shown as 0.00.
    if r.is_sign_negative() && fen != 0 {
        out.push('-');
    }
    out.push_str(std::str::from_utf8(whole).unwrap_or("0"));
    out.push('.');
    out.push_str(std::str::from_utf8(cents).unwrap_or("00"));
    out
}

pub fn round(d: Decimal) -> Decimal {
    d.round_dp_with_strategy(2, rust_decimal::RoundingStrategy::MidpointAwayFromZero)
}

/// A share as a percentage, e.g. 0.65 → "65%".
pub fn pct(d: Decimal) -> String {
    format!("{}%", (d * Decimal::ONE_HUNDRED).normalize())
}

/// Serialises an amount as a string with exactly two decimals ("3000.00"), whatever scale the
/// arithmetic left it with, so the same figure always reads the same.
pub fn money<S: serde::Serializer>(d: &Decimal, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_str(&yuan(*d))
}

pub fn money_opt<S: serde::Serializer>(d: &Option<Decimal>, s: S) -> Result<S::Ok, S::Error> {
    match d {
        Some(d) => s.serialize_str(&yuan(*d)),
        None => s.serialize_none(),
    }
}
