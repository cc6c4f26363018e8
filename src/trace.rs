//! The explanation trace: every figure with the sentence that says how it was reached, the rule it
//! applies and the citation of each parameter it used — enough to redo the sum by hand.

use rust_decimal::Decimal;
use serde::Serialize;
use std::borrow::Cow;

use crate::policy::{Policy, Status, Value};
use crate::policy_schema;
use crate::scenario::Override;

// Money formatting lives in crate::money; these names stay here for the serde paths that use them.
pub use crate::money::{money, money_opt, pct, round, yuan};

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
