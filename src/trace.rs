//! The explanation trace: every figure with the sentence that says how it was reached, the rule it
//! applies and the citation of each parameter it used — enough to redo the sum by hand. The
//! parameters in force are src/rules.rs's; money as it reads is src/money.rs's.

use serde::Serialize;

use crate::rule::Rule;
use std::borrow::Cow;

use crate::rules::ParamRef;

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
    pub rule: Rule,
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
        rule: Rule,
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

/// Adds `p` to `list`, kept sorted by key, unless the same parameter value is there already.
pub fn cite(list: &mut Vec<ParamRef>, p: &ParamRef) {
    // A dated parameter used with two values (the cap walk across a change) is cited once per
    // value, in year order.
    if let Err(at) = list.binary_search_by(|q| (&q.key, q.from).cmp(&(&p.key, p.from))) {
        list.insert(at, p.clone());
    }
}
