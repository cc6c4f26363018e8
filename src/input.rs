//! A loose JSON value, so that validation can report every problem at once with its field path and
//! a Chinese message, instead of serde stopping at the first one with an English message. It is
//! deserialised with `deserialize_any`, which both serde_json (CLI) and serde-wasm-bindgen (browser)
//! support, so the two doors read exactly the same thing.

use serde::de::{
    self, Deserialize, DeserializeSeed, Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor,
};
use serde::Serialize;
use std::borrow::Cow;
use std::fmt;
use std::marker::PhantomData;

use crate::grammar;

///
/// Its texts (keys, strings, a number's digits) borrow from the JSON text they were read from
/// where they can ([`crate::json_text`], the CLI's door): a batch reads millions of lines, and a
/// copy of every key and string was most of the reading's time. The page's door and serde's own
/// reading ([`Deserialize`]) hold owned texts.
#[derive(Clone, Debug, PartialEq)]
pub enum Json<'a> {
    Null,
    Bool(bool),
    /// A JSON number: an integer's digits as given, or a double as [`grammar::double_text`]
    /// writes it (so both doors hold the same text for the same number).
    Num(Cow<'a, str>),
    Str(Cow<'a, str>),
    Arr(Vec<Json<'a>>),
    Obj(Vec<(Cow<'a, str>, Json<'a>)>),
    /// An array or object nested deeper than [`MAX_DEPTH`], skipped unread. No scenario field is
    /// deeper than five levels, so the field that holds it is reported with its usual message.
    TooDeep,
}

/// Nesting read into a [`Json`]: far deeper than a scenario (five levels), shallow enough that a
/// hostile value cannot exhaust the stack. serde_json stops at 128 levels with a syntax error
/// for the whole document; this stops first, so the field is named instead.
pub const MAX_DEPTH: usize = 32;

impl Json<'_> {
    pub fn kind_zh(&self) -> &'static str {
        match self {
            Json::Null => "空值",
            Json::Bool(_) => "真假值",
            Json::Num(_) => "数字",
            Json::Str(_) => "文字",
            Json::Arr(_) => "列表",
            Json::Obj(_) => "对象",
            Json::TooDeep => "嵌套过深的数据",
        }
    }

    /// A double, as the CLI's JSON parser (serde_json) or any native caller gives it: its
    /// shortest digits (Rust's `{:e}`, the same digits as JavaScript's `String(x)`) to the text
    /// the grammar reads. NaN and the infinities keep JavaScript's names, so they are refused at
    /// their field like any number that is not one.
    pub fn from_f64(f: f64) -> Json<'static> {
        let shortest = if f.is_nan() {
            "NaN".to_string()
        } else if f.is_infinite() {
            if f > 0.0 { "Infinity" } else { "-Infinity" }.to_string()
        } else {
            format!("{f:e}")
        };
        Json::from_double_text(&shortest)
    }

    /// A JSON number's text, as the CLI reads it: the double JSON.parse would make of it (Rust's
    /// parse rounds correctly, as JavaScript's does), so the CLI and the page see the same number.
    /// Beyond a double's range (`1e400`, `1e-400`), where JSON.parse gives Infinity or 0, the
    /// value as written is kept, so that it is refused for what it is (too large, too many
    /// decimals) and not read as 0.
    pub fn from_number_text(text: &str) -> Json<'static> {
        let written = grammar::json_number(text);
        match text.parse::<f64>() {
            Ok(f)
                if f.is_finite()
                    && (f != 0.0 || written.as_ref().is_ok_and(grammar::Exact::is_zero)) =>
            {
                Json::from_f64(f)
            }
            _ if written.is_ok() => Json::from_double_text(text),
            _ => Json::Str(Cow::Owned(text.to_string())),
        }
    }

    /// A double given as JavaScript's `String(x)` writes it (the page's door).
    pub fn from_double_text(shortest: &str) -> Json<'static> {
        Json::Num(Cow::Owned(grammar::double_text(shortest)))
    }
}

/// serde_json's `arbitrary_precision` hands a number that fits no u64 or i64 (a fraction, an
/// exponent, `-0`, or one beyond 64 bits) as a one-entry map under this key, holding its text.
pub(crate) const SERDE_JSON_NUMBER: &str = "$serde_json::private::Number";

/// Owned texts whatever the deserializer could lend, so that `Json<'static>` can be read from a
/// `serde_json::Value` or a reader too (as the tests do).
impl<'de, 'a> Deserialize<'de> for Json<'a> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Json<'a>, D::Error> {
        Depth(0, PhantomData).deserialize(d)
    }
}

/// Reads one value `self.0` levels down.
struct Depth<'a>(usize, PhantomData<Json<'a>>);

impl<'de, 'a> DeserializeSeed<'de> for Depth<'a> {
    type Value = Json<'a>;
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Json<'a>, D::Error> {
        if self.0 > MAX_DEPTH {
            // serde_json skips a value without recursing, however deep it goes.
            IgnoredAny::deserialize(d)?;
            return Ok(Json::TooDeep);
        }
        d.deserialize_any(self)
    }
}

impl<'de, 'a> Visitor<'de> for Depth<'a> {
    type Value = Json<'a>;
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a JSON value")
    }
    fn visit_unit<E>(self) -> Result<Json<'a>, E> {
        Ok(Json::Null)
    }
    fn visit_none<E>(self) -> Result<Json<'a>, E> {
        Ok(Json::Null)
    }
    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Json<'a>, D::Error> {
        self.deserialize(d)
    }
    fn visit_bool<E>(self, b: bool) -> Result<Json<'a>, E> {
        Ok(Json::Bool(b))
    }
    fn visit_i64<E>(self, n: i64) -> Result<Json<'a>, E> {
        Ok(Json::Num(Cow::Owned(n.to_string())))
    }
    fn visit_u64<E>(self, n: u64) -> Result<Json<'a>, E> {
        Ok(Json::Num(Cow::Owned(n.to_string())))
    }
    fn visit_i128<E>(self, n: i128) -> Result<Json<'a>, E> {
        Ok(Json::Num(Cow::Owned(n.to_string())))
    }
    fn visit_u128<E>(self, n: u128) -> Result<Json<'a>, E> {
        Ok(Json::Num(Cow::Owned(n.to_string())))
    }
    fn visit_f64<E>(self, f: f64) -> Result<Json<'a>, E> {
        Ok(Json::from_f64(f))
    }
    fn visit_str<E: de::Error>(self, s: &str) -> Result<Json<'a>, E> {
        Ok(Json::Str(Cow::Owned(s.to_string())))
    }
    fn visit_string<E>(self, s: String) -> Result<Json<'a>, E> {
        Ok(Json::Str(Cow::Owned(s)))
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Json<'a>, A::Error> {
        let mut v = Vec::new();
        while let Some(x) = seq.next_element_seed(Depth(self.0 + 1, PhantomData))? {
            v.push(x);
        }
        Ok(Json::Arr(v))
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Json<'a>, A::Error> {
        let mut v: Vec<(Cow<'a, str>, Json<'a>)> = Vec::new();
        while let Some(k) = map.next_key::<String>()? {
            let x = map.next_value_seed(Depth(self.0 + 1, PhantomData))?;
            v.push((Cow::Owned(k), x));
        }
        match v.as_slice() {
            [(k, Json::Str(text))] if k == SERDE_JSON_NUMBER => Ok(Json::from_number_text(text)),
            _ => Ok(Json::Obj(v)),
        }
    }
}

impl Serialize for Json<'_> {
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
            Json::TooDeep => s.serialize_unit(),
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
    entries: &'a [(Cow<'a, str>, Json<'a>)],
}

impl<'a> Fields<'a> {
    /// `None` (and a problem) when `v` is not an object.
    pub fn of(v: &'a Json<'a>, path: &str, label: &str, p: &mut Problems) -> Option<Fields<'a>> {
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

    /// Built with `push_str`, not `format!`: paths are made for valid input too (a list's items
    /// are read under theirs), and the formatting machinery cost several times the copying.
    pub fn path_of(&self, key: &str) -> String {
        if self.path.is_empty() {
            return key.to_string();
        }
        let mut path = String::with_capacity(self.path.len() + 1 + key.len());
        path.push_str(&self.path);
        path.push('.');
        path.push_str(key);
        path
    }

    /// The value of `key`, treating JSON null as absent.
    pub fn get(&self, key: &str) -> Option<&'a Json<'a>> {
        self.entries
            .iter()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v)
            // A pattern, not `!= Json::Null`: the comparison pulled Json's whole PartialEq (every
            // variant, its texts) into the page's module, about 200 B of gzip.
            .filter(|v| !matches!(v, Json::Null))
    }

    /// Reports keys that are not in `known`, and keys given twice.
    pub fn reject_unknown(&self, known: &[&str], p: &mut Problems) {
        for (i, (k, _)) in self.entries.iter().enumerate() {
            if !known.contains(&k.as_ref()) {
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

/// The path of a list's item, `path[i]`, written without `format!` (as `Fields::path_of`): every
/// item read gets one.
pub fn item_path(path: &str, i: usize) -> String {
    let mut out = Vec::with_capacity(path.len() + 8);
    out.extend_from_slice(path.as_bytes());
    out.push(b'[');
    crate::figures::int(&mut out, i64::try_from(i).unwrap_or(i64::MAX));
    out.push(b']');
    // Text and ASCII digits: always UTF-8.
    String::from_utf8(out).unwrap_or_default()
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
