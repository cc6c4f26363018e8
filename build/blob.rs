//! Writes a checked policy file in the compact binary form the core reads at run time
//! (src/policy_blob.rs): a policy is data the page downloads when the city is chosen, not code in
//! the WebAssembly module, so the first load does not grow with the number of cities.
//!
//! Layout, all integers LEB128 varints (signed ones zigzag-encoded):
//!   "YBP1", string table (count, then each string as length + UTF-8 bytes),
//!   then the policy, strings given as indices into the table:
//!   id name title version  base_year last_year  default_reading baseline order
//!   notes[str]  sources[id title published file?]
//!   params[key  values[from shown value cite]]
//!   categories[key label help kind rates  premium[from shown value cite]  exemption exemption_cite]
//!   subsidy_groups[key label share share_cite preferential preferential_cite]
//!   guide[topic items[title text cite]]
//! value: tag (0 months, 1 count, 2 money, 3 unlimited, 4 rate, 5 month-day, 6 day ranges) + payload;
//! a decimal is its mantissa (zigzag) and scale; cite: source document quote status note?.
//! Enumerations (status, kind, exemption, reading) are written as their names: the reader maps
//! them and refuses anything else.

use super::check::{Citation, PolicyFile, Stated, Val};
use rust_decimal::Decimal;
use std::collections::BTreeMap;

pub const MAGIC: &[u8; 4] = b"YBP1";

struct Writer {
    strings: Vec<String>,
    index: BTreeMap<String, u32>,
    body: Vec<u8>,
}

impl Writer {
    fn uint(&mut self, mut n: u64) {
        loop {
            let b = (n & 0x7f) as u8;
            n >>= 7;
            if n == 0 {
                self.body.push(b);
                return;
            }
            self.body.push(b | 0x80);
        }
    }
    fn int(&mut self, n: i64) {
        self.uint(((n << 1) ^ (n >> 63)) as u64);
    }
    fn str(&mut self, s: &str) {
        let i = match self.index.get(s) {
            Some(i) => *i,
            None => {
                let i = self.strings.len() as u32;
                self.strings.push(s.to_string());
                self.index.insert(s.to_string(), i);
                i
            }
        };
        self.uint(u64::from(i));
    }
    fn opt_str(&mut self, s: Option<&str>) {
        match s {
            None => self.uint(0),
            Some(s) => {
                self.uint(1);
                self.str(s);
            }
        }
    }
    fn dec(&mut self, d: &Decimal) {
        let m = i64::try_from(d.mantissa()).expect("policy amounts fit in i64");
        self.int(m);
        self.uint(u64::from(d.scale()));
    }
    fn val(&mut self, v: &Val, months: bool) {
        match v {
            Val::Int(n) => {
                self.uint(if months { 0 } else { 1 });
                self.uint(u64::from(*n));
            }
            Val::Money(d) => {
                self.uint(2);
                self.dec(d);
            }
            Val::Unlimited => self.uint(3),
            Val::Rate(d) => {
                self.uint(4);
                self.dec(d);
            }
            Val::MonthDay(m, d) => {
                self.uint(5);
                self.uint(u64::from(*m));
                self.uint(u64::from(*d));
            }
            Val::DayRanges(r) => {
                self.uint(6);
                self.uint(r.len() as u64);
                for (a, b, c, d) in r {
                    for x in [a, b, c, d] {
                        self.uint(u64::from(*x));
                    }
                }
            }
            Val::Text(_) | Val::Flag(_) => unreachable!("not a parameter value"),
        }
    }
    fn cite(&mut self, c: &Citation) {
        self.str(&c.source);
        self.str(&c.document);
        self.str(&c.quote);
        self.str(&c.status);
        self.opt_str(c.note.as_deref());
    }
    fn dated(&mut self, base_year: i32, base: &Stated, later: &[(i32, Stated)], months: bool) {
        self.uint(1 + later.len() as u64);
        for (from, c) in
            std::iter::once((base_year, base)).chain(later.iter().map(|(y, c)| (*y, c)))
        {
            self.int(i64::from(from));
            self.str(&super::check::shown(&c.val));
            self.val(&c.val, months);
            self.cite(&c.cite);
        }
    }
}

/// The policy as bytes. `version` is the hash of its file and the sources it cites; `order` its
/// place in the list of cities.
pub fn encode(p: &PolicyFile, version: &str, order: u32) -> Vec<u8> {
    let mut w = Writer {
        strings: Vec::new(),
        index: BTreeMap::new(),
        body: Vec::new(),
    };
    w.str(&p.id);
    w.str(&p.name);
    w.str(&p.title);
    w.str(version);
    w.int(i64::from(p.base_year));
    w.int(i64::from(p.last_year));
    w.str(&p.default_reading);
    w.uint(u64::from(p.baseline));
    w.uint(u64::from(order));
    w.uint(p.notes.len() as u64);
    for n in &p.notes {
        w.str(n);
    }
    w.uint(p.sources.len() as u64);
    for s in &p.sources {
        w.str(&s.id);
        w.str(&s.title);
        w.str(&s.published);
        w.opt_str(s.file.as_deref());
    }
    w.uint(p.params.len() as u64);
    for (key, base) in &p.params {
        let months = super::policy_schema::spec_for(key)
            .is_some_and(|s| s.kind == super::policy_schema::Kind::Months);
        w.str(key);
        let later = p.later.get(key).map(Vec::as_slice).unwrap_or(&[]);
        w.dated(p.base_year, base, later, months);
    }
    w.uint(p.categories.len() as u64);
    for c in &p.categories {
        w.str(&c.key);
        w.str(&c.label);
        w.str(&c.help);
        w.str(&c.kind);
        w.str(&c.rates);
        w.dated(p.base_year, &c.premium, &c.premium_later, false);
        let Val::Text(ex) = &c.exemption.val else {
            unreachable!("an exemption is a name")
        };
        w.str(ex);
        w.cite(&c.exemption.cite);
    }
    w.uint(p.groups.len() as u64);
    for g in &p.groups {
        w.str(&g.key);
        w.str(&g.label);
        let Val::Rate(share) = &g.share.val else {
            unreachable!("a share is a rate")
        };
        w.dec(share);
        w.cite(&g.share.cite);
        let Val::Flag(pref) = &g.preferential.val else {
            unreachable!("preferential is a flag")
        };
        w.uint(u64::from(*pref));
        w.cite(&g.preferential.cite);
    }
    w.uint(p.guide.len() as u64);
    for (topic, items) in &p.guide {
        w.str(topic);
        w.uint(items.len() as u64);
        for it in items {
            w.str(&it.title);
            let Val::Text(text) = &it.text.val else {
                unreachable!("a guide item is text")
            };
            w.str(text);
            w.cite(&it.text.cite);
        }
    }

    let mut out = Vec::with_capacity(w.body.len() + 4096);
    out.extend_from_slice(MAGIC);
    let strings = std::mem::take(&mut w.strings);
    let body = std::mem::take(&mut w.body);
    w.uint(strings.len() as u64);
    for s in &strings {
        w.uint(s.len() as u64);
        w.body.extend_from_slice(s.as_bytes());
    }
    out.extend_from_slice(&w.body);
    out.extend_from_slice(&body);
    out
}
