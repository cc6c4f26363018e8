//! The parameters in force: the policy's values for one benefit year, with the user's overrides on
//! top, each carried with its citation ([`ParamRef`]) so that every figure can say where its
//! numbers come from.

use crate::decimal::Decimal;
use serde::Serialize;
use std::borrow::Cow;
#[cfg(not(target_arch = "wasm32"))]
use std::{
    any::{Any, TypeId},
    cell::RefCell,
    rc::Rc,
};

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
    /// The first year this value is in force, for a parameter whose value changes over the years
    /// (the same key may then be cited once per value).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub from: Option<i32>,
}

/// A value in force for the benefit year, with the parameter it came from (whose citation says
/// where the value comes from).
#[derive(Clone, Debug)]
pub struct InForce<T> {
    pub value: T,
    pub from: ParamRef,
}

/// The policy as the scenario sees it in one benefit year: the file's values in force that year,
/// with the user's overrides on top (an override holds for every year).
pub struct Rules<'a> {
    pub policy: &'static Policy,
    pub overrides: &'a [Override],
    pub year: i32,
}

/// Terms looked up for a policy, a year and a part of the scenario, by the function that looked
/// them up.
#[cfg(not(target_arch = "wasm32"))]
type Store = Vec<(&'static Policy, i32, &'static str, TypeId, Rc<dyn Any>)>;

#[cfg(not(target_arch = "wasm32"))]
thread_local! {
    static KEPT: RefCell<Store> = const { RefCell::new(Vec::new()) };
}

/// Terms as [`Rules::kept`] gives them: shared with the thread's store natively; in the page's
/// module, which keeps nothing, owned by the one scenario that looked them up (an `Rc` there
/// only cost bytes, its count and its drop for every kind of terms; a `Box`, not the terms by
/// value, spares the moves of large structs).
#[cfg(not(target_arch = "wasm32"))]
pub type Kept<T> = Rc<T>;
#[cfg(target_arch = "wasm32")]
pub type Kept<T> = Box<T>;

impl Rules<'_> {
    /// `look_up(self)`, kept per thread for this policy and year when there are no overrides:
    /// the terms a rule reads then depend on nothing else, and a batch asks for the same few
    /// (policy, year) pairs on every line. Each function (each `F`, a distinct type) has its own
    /// entry; policies are never freed (`policy::load`), so an address names one policy.
    pub fn kept<T: 'static, F: Fn(&Rules) -> Option<T> + 'static>(
        &self,
        look_up: F,
    ) -> Option<Kept<T>> {
        self.kept_for("", look_up)
    }

    /// [`Rules::kept`] for terms that depend on one more thing the policy names, `part` (a
    /// category's rates table): `look_up` may read `part` and the rules, nothing else.
    #[cfg(not(target_arch = "wasm32"))]
    pub fn kept_for<T: 'static, F: Fn(&Rules) -> Option<T> + 'static>(
        &self,
        part: &'static str,
        look_up: F,
    ) -> Option<Kept<T>> {
        if !self.overrides.is_empty() {
            return look_up(self).map(Rc::new);
        }
        let id = TypeId::of::<F>();
        let found = KEPT.with_borrow(|kept| {
            kept.iter()
                .find(|(p, y, n, f, _)| {
                    std::ptr::eq(*p, self.policy) && *y == self.year && *f == id && *n == part
                })
                .and_then(|(.., t)| Rc::clone(t).downcast::<T>().ok())
        });
        if found.is_some() {
            return found;
        }
        let terms = Rc::new(look_up(self)?);
        KEPT.with_borrow_mut(|kept| {
            kept.push((
                self.policy,
                self.year,
                part,
                id,
                Rc::clone(&terms) as Rc<dyn Any>,
            ))
        });
        Some(terms)
    }

    /// The page's module keeps nothing: it computes one scenario at a time, and the store cost it
    /// about 1.2 KB of gzip.
    #[cfg(target_arch = "wasm32")]
    pub fn kept_for<T: 'static, F: Fn(&Rules) -> Option<T> + 'static>(
        &self,
        _part: &'static str,
        look_up: F,
    ) -> Option<Kept<T>> {
        look_up(self).map(Box::new)
    }

    /// The value in force for `key`, or None when neither the policy nor the user gives one.
    pub fn get(&self, key: &str) -> Option<InForce<Value>> {
        let param = self.policy.param(key);
        let dated = param.map(|p| (p.at(self.year), p.values.len() > 1));
        if let Some(o) = self.overrides.iter().find(|o| o.key == key) {
            // The label is compiled into the policy's parameters; only a key the policy lacks
            // (filled in by the user) needs the schema's pattern search.
            let label = match param {
                Some(p) => p.label,
                None => policy_schema::spec_for(key).map(|s| s.label).unwrap_or(""),
            };
            return Some(InForce {
                value: o.value,
                from: ParamRef {
                    key: Cow::Owned(key.to_string()),
                    label,
                    value: Cow::Owned(o.value.display()),
                    status: Status::User,
                    document: dated.map(|(d, _)| d.cite.document).unwrap_or("用户自填"),
                    quote: dated.map(|(d, _)| d.cite.quote).unwrap_or(""),
                    note: dated.and_then(|(d, _)| d.cite.note),
                    policy_value: dated.map(|(d, _)| Cow::Borrowed(d.shown)),
                    from: None,
                },
            });
        }
        let Some(p) = param else {
            return Self::schema_default(key);
        };
        let (d, several) = dated?;
        Some(InForce {
            value: d.value,
            from: ParamRef {
                key: Cow::Borrowed(p.key),
                label: p.label,
                value: Cow::Borrowed(d.shown),
                status: d.cite.status,
                document: d.cite.document,
                quote: d.cite.quote,
                note: d.cite.note,
                policy_value: None,
                from: several.then_some(d.from),
            },
        })
    }

    /// The schema's default for a key the policy file does not state (a rule variant a city may
    /// change, e.g. how many years the lapse penalty lasts), cited to the schema and the reason it
    /// gives. Status unverified: the estimator's reading, which the user may change.
    fn schema_default(key: &str) -> Option<InForce<Value>> {
        // Most keys a rule asks for that a policy lacks have no default (a block the city does
        // not have, such as 两病, or the segment after its last 大病 segment): the few keys with
        // one are looked at before the whole schema is searched.
        let defaulted = policy_schema::SPECS
            .iter()
            .any(|s| s.default.is_some() && policy_schema::matches(s.pattern, key));
        if !defaulted {
            return None;
        }
        let spec = policy_schema::spec_for(key)?;
        let (text, why) = spec.default?;
        let value = crate::scenario::parse_param(spec.kind, &crate::Json::Str(text.into()))?;
        Some(InForce {
            value,
            from: ParamRef {
                key: Cow::Owned(key.to_string()),
                label: spec.label,
                value: Cow::Borrowed(text),
                status: Status::Unverified,
                document: "yibao 参数表的缺省值(政策文件未另行规定时采用)",
                quote: why,
                note: None,
                policy_value: None,
                from: None,
            },
        })
    }

    /// A category's individual contribution standard: the policy's, or the user's where the
    /// policy's is unverified.
    pub fn premium(&self, c: &crate::policy::Category) -> InForce<Decimal> {
        let d = c.premium_at(self.year);
        let several = c.premium.len() > 1;
        let from =
            |value: Cow<'static, str>, status: Status, policy_value: Option<Cow<'static, str>>| {
                ParamRef {
                    key: Cow::Owned(["categories.", c.key, ".premium"].concat()),
                    label: "个人缴费标准",
                    value,
                    status,
                    document: d.cite.document,
                    quote: d.cite.quote,
                    note: d.cite.note,
                    from: (several && policy_value.is_none()).then_some(d.from),
                    policy_value,
                }
            };
        match self.premium_override(c) {
            Some(v) => InForce {
                value: v,
                from: from(
                    Cow::Owned(v.normalize().to_string()),
                    Status::User,
                    Some(Cow::Borrowed(d.shown)),
                ),
            },
            // `shown` is the value as `Value::display` writes it, computed by the build.
            None => InForce {
                value: Self::policy_premium(d),
                from: from(Cow::Borrowed(d.shown), d.cite.status, None),
            },
        }
    }

    /// The premium's value alone, for the sums that cite it elsewhere (the price of a repaired
    /// year): without the citation's strings.
    pub fn premium_value(&self, c: &crate::policy::Category) -> Decimal {
        self.premium_override(c)
            .unwrap_or_else(|| Self::policy_premium(c.premium_at(self.year)))
    }

    fn policy_premium(d: &crate::policy::Dated) -> Decimal {
        match d.value {
            Value::Money(v) => v,
            _ => Decimal::ZERO,
        }
    }

    /// The user's premium for the category (`categories.<key>.premium`), where they gave one.
    fn premium_override(&self, c: &crate::policy::Category) -> Option<Decimal> {
        let is_key = |k: &str| {
            k.strip_prefix("categories.")
                .and_then(|k| k.strip_prefix(c.key))
                == Some(".premium")
        };
        match self
            .overrides
            .iter()
            .find(|o| is_key(&o.key))
            .map(|o| o.value)
        {
            Some(Value::Money(v)) => Some(v),
            _ => None,
        }
    }

    pub fn money(&self, key: &str) -> Option<InForce<Decimal>> {
        let c = self.get(key)?;
        match c.value {
            Value::Money(d) | Value::Rate(d) => Some(InForce {
                value: d,
                from: c.from,
            }),
            _ => None,
        }
    }

    /// A limit: Some(None) means the policy says there is no limit.
    pub fn limit(&self, key: &str) -> Option<InForce<Option<Decimal>>> {
        let c = self.get(key)?;
        match c.value {
            Value::Money(d) => Some(InForce {
                value: Some(d),
                from: c.from,
            }),
            Value::Unlimited => Some(InForce {
                value: None,
                from: c.from,
            }),
            _ => None,
        }
    }

    pub fn rate(&self, key: &str) -> Option<InForce<Decimal>> {
        self.money(key)
    }

    pub fn months(&self, key: &str) -> Option<InForce<u32>> {
        let c = self.get(key)?;
        match c.value {
            Value::Months(n) | Value::Count(n) => Some(InForce {
                value: n,
                from: c.from,
            }),
            _ => None,
        }
    }
}

impl ParamRef {
    /// A category's or group's own cited field (its premium, exemption, share).
    pub fn field(
        key: String,
        label: &'static str,
        value: String,
        c: &crate::policy::Citation,
    ) -> ParamRef {
        ParamRef {
            key: key.into(),
            label,
            value: value.into(),
            status: c.status,
            document: c.document,
            quote: c.quote,
            note: c.note,
            policy_value: None,
            from: None,
        }
    }
}
