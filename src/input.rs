//! A loose JSON value, so that validation can report every problem at once with its field path and
//! a Chinese message, instead of serde stopping at the first one with an English message. It is
//! deserialised with `deserialize_any`, which both serde_json (CLI) and serde-wasm-bindgen (browser)
//! support, so the two doors read exactly the same thing.

use serde::de::{self, Deserialize, Deserializer, MapAccess, SeqAccess, Visitor};
use serde::Serialize;
use std::fmt;

#[derive(Clone, Debug, PartialEq)]
pub enum Json {
    Null,
    Bool(bool),
    /// The number as written (integers) or in Rust's shortest round-trip form (floats).
    Num(String),
    Str(String),
    Arr(Vec<Json>),
    Obj(Vec<(String, Json)>),
}

impl Json {
    pub fn kind_zh(&self) -> &'static str {
        match self {
            Json::Null => "空值",
            Json::Bool(_) => "真假值",
            Json::Num(_) => "数字",
            Json::Str(_) => "文字",
            Json::Arr(_) => "列表",
            Json::Obj(_) => "对象",
        }
    }

    /// A number that arrived as f64 (a fraction in JSON text, any JS number). rust_decimal gives
    /// its shortest decimal form (0.1 → "0.1") without pulling float formatting into the module.
    /// NaN, infinities and numbers beyond Decimal's range are not numbers a person typed: kept as
    /// text so that validation rejects them with the field's name.
    pub fn from_f64(f: f64) -> Json {
        use rust_decimal::prelude::FromPrimitive;
        match rust_decimal::Decimal::from_f64(f) {
            Some(d) if f.is_finite() => Json::Num(d.normalize().to_string()),
            _ => Json::Str("非有限数字".to_string()),
        }
    }
}

impl<'de> Deserialize<'de> for Json {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Json, D::Error> {
        d.deserialize_any(JsonVisitor)
    }
}

struct JsonVisitor;

impl<'de> Visitor<'de> for JsonVisitor {
    type Value = Json;
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a JSON value")
    }
    fn visit_unit<E>(self) -> Result<Json, E> {
        Ok(Json::Null)
    }
    fn visit_none<E>(self) -> Result<Json, E> {
        Ok(Json::Null)
    }
    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Json, D::Error> {
        Json::deserialize(d)
    }
    fn visit_bool<E>(self, b: bool) -> Result<Json, E> {
        Ok(Json::Bool(b))
    }
    fn visit_i64<E>(self, n: i64) -> Result<Json, E> {
        Ok(Json::Num(n.to_string()))
    }
    fn visit_u64<E>(self, n: u64) -> Result<Json, E> {
        Ok(Json::Num(n.to_string()))
    }
    fn visit_f64<E>(self, f: f64) -> Result<Json, E> {
        Ok(Json::from_f64(f))
    }
    fn visit_str<E: de::Error>(self, s: &str) -> Result<Json, E> {
        Ok(Json::Str(s.to_string()))
    }
    fn visit_string<E>(self, s: String) -> Result<Json, E> {
        Ok(Json::Str(s))
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Json, A::Error> {
        let mut v = Vec::new();
        while let Some(x) = seq.next_element()? {
            v.push(x);
        }
        Ok(Json::Arr(v))
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Json, A::Error> {
        let mut v: Vec<(String, Json)> = Vec::new();
        while let Some((k, x)) = map.next_entry::<String, Json>()? {
            v.push((k, x));
        }
        Ok(Json::Obj(v))
    }
}

impl Serialize for Json {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::{SerializeMap, SerializeSeq};
        match self {
            Json::Null => s.serialize_unit(),
            Json::Bool(b) => s.serialize_bool(*b),
            Json::Num(n) => match n.parse::<i64>() {
                Ok(i) => s.serialize_i64(i),
                Err(_) => s.serialize_str(n),
            },
            Json::Str(x) => s.serialize_str(x),
            Json::Arr(a) => {
                let mut seq = s.serialize_seq(Some(a.len()))?;
                for x in a {
                    seq.serialize_element(x)?;
                }
                seq.end()
            }
            Json::Obj(o) => {
                let mut m = s.serialize_map(Some(o.len()))?;
                for (k, x) in o {
                    m.serialize_entry(k, x)?;
                }
                m.end()
            }
        }
    }
}

/// One problem with the input: where it is and what is wrong, in Chinese.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct InputError {
    /// e.g. `members[0].payment_date`
    pub path: String,
    pub message: String,
}

/// Collects problems while a scenario is read.
#[derive(Default)]
pub struct Problems(pub Vec<InputError>);

impl Problems {
    pub fn add(&mut self, path: &str, message: impl Into<String>) {
        self.0.push(InputError {
            path: path.to_string(),
            message: message.into(),
        });
    }
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
    pub fn len(&self) -> usize {
        self.0.len()
    }
}

/// An object being read: remembers which keys were used so the rest can be reported as unknown.
pub struct Fields<'a> {
    pub path: String,
    entries: &'a [(String, Json)],
}

impl<'a> Fields<'a> {
    /// `None` (and a problem) when `v` is not an object.
    pub fn of(v: &'a Json, path: &str, label: &str, p: &mut Problems) -> Option<Fields<'a>> {
        match v {
            Json::Obj(entries) => Some(Fields {
                path: path.to_string(),
                entries,
            }),
            other => {
                p.add(path, format!("{label}应为对象,收到的是{}", other.kind_zh()));
                None
            }
        }
    }

    pub fn path_of(&self, key: &str) -> String {
        if self.path.is_empty() {
            key.to_string()
        } else {
            format!("{}.{key}", self.path)
        }
    }

    /// The value of `key`, treating JSON null as absent.
    pub fn get(&self, key: &str) -> Option<&'a Json> {
        self.entries
            .iter()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v)
            .filter(|v| **v != Json::Null)
    }

    /// Reports keys that are not in `known`, and keys given twice.
    pub fn reject_unknown(&self, known: &[&str], p: &mut Problems) {
        for (i, (k, _)) in self.entries.iter().enumerate() {
            if !known.contains(&k.as_str()) {
                p.add(
                    &self.path_of(k),
                    format!("未知字段「{}」(可用字段:{})", clip(k), known.join("、")),
                );
            } else if self.entries[..i].iter().any(|(prev, _)| prev == k) {
                p.add(&self.path_of(k), "字段重复");
            }
        }
    }
}

/// Keeps echoed user text short in messages.
pub fn clip(s: &str) -> String {
    if s.chars().count() > 40 {
        let mut c: String = s.chars().take(40).collect();
        c.push('…');
        c
    } else {
        s.to_string()
    }
}
