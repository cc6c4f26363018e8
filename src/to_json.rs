//! Any `Serialize` value as a [`Node`] tree: the result and the catalogue on their way to the
//! page.
//!
//! Why a tree first: serialising each result type straight into JS values instantiates
//! serde-wasm-bindgen's serializer, with its JS calls, once per field type. One small tree builder
//! leaves serde-wasm-bindgen a single type to convert. Struct field names stay `&'static str`, so
//! serde-wasm-bindgen still caches their JS strings. The page gets exactly the same values:
//! tests/to_json.rs compares both routes on every kept input.

use serde::ser::{self, Serialize, SerializeMap, SerializeSeq, SerializeStruct};

/// A serialised value, as JSON sees it.
#[derive(Debug, PartialEq)]
pub enum Node {
    Null,
    Bool(bool),
    Int(i64),
    Str(String),
    Arr(Vec<Node>),
    /// A struct: its field names are compile-time strings.
    Struct(Vec<(&'static str, Node)>),
    /// A map with string keys.
    Map(Vec<(String, Node)>),
}

/// `value` as the JSON it serialises to; None for what JSON cannot hold here (a map key that is
/// not a string, bytes, a float, an integer beyond i64). No result type produces those.
pub fn to_json<T: Serialize + ?Sized>(value: &T) -> Option<Node> {
    value.serialize(Tree).ok()
}

impl Serialize for Node {
    fn serialize<S: ser::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self {
            Node::Null => s.serialize_unit(),
            Node::Bool(b) => s.serialize_bool(*b),
            Node::Int(n) => s.serialize_i64(*n),
            Node::Str(x) => s.serialize_str(x),
            Node::Arr(a) => {
                let mut seq = s.serialize_seq(Some(a.len()))?;
                for x in a {
                    seq.serialize_element(x)?;
                }
                seq.end()
            }
            Node::Struct(fields) => {
                let mut st = s.serialize_struct("", fields.len())?;
                for (k, x) in fields {
                    st.serialize_field(k, x)?;
                }
                st.end()
            }
            Node::Map(entries) => {
                let mut m = s.serialize_map(Some(entries.len()))?;
                for (k, x) in entries {
                    m.serialize_entry(k, x)?;
                }
                m.end()
            }
        }
    }
}

/// What the tree cannot hold (see [`to_json`]); the reason is not needed.
#[derive(Debug)]
pub struct NotJson;

impl std::fmt::Display for NotJson {
    fn fmt(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("not JSON")
    }
}

impl std::error::Error for NotJson {}

impl ser::Error for NotJson {
    fn custom<M: std::fmt::Display>(_: M) -> Self {
        NotJson
    }
}

struct Tree;

/// The elements of an array being built.
pub struct Items(Vec<Node>);

/// The fields of a struct being built.
pub struct Fields(Vec<(&'static str, Node)>);

/// The entries of a map being built; `next` holds a key until its value arrives.
pub struct Entries {
    entries: Vec<(String, Node)>,
    next: Option<String>,
}

fn int(n: impl TryInto<i64>) -> Result<Node, NotJson> {
    n.try_into().map(Node::Int).map_err(|_| NotJson)
}

type Done = Result<Node, NotJson>;

impl ser::Serializer for Tree {
    type Ok = Node;
    type Error = NotJson;
    type SerializeSeq = Items;
    type SerializeTuple = Items;
    type SerializeTupleStruct = Items;
    type SerializeTupleVariant = ser::Impossible<Node, NotJson>;
    type SerializeMap = Entries;
    type SerializeStruct = Fields;
    type SerializeStructVariant = ser::Impossible<Node, NotJson>;

    fn serialize_bool(self, v: bool) -> Done {
        Ok(Node::Bool(v))
    }
    fn serialize_i8(self, v: i8) -> Done {
        int(v)
    }
    fn serialize_i16(self, v: i16) -> Done {
        int(v)
    }
    fn serialize_i32(self, v: i32) -> Done {
        int(v)
    }
    fn serialize_i64(self, v: i64) -> Done {
        int(v)
    }
    fn serialize_u8(self, v: u8) -> Done {
        int(v)
    }
    fn serialize_u16(self, v: u16) -> Done {
        int(v)
    }
    fn serialize_u32(self, v: u32) -> Done {
        int(v)
    }
    fn serialize_u64(self, v: u64) -> Done {
        int(v)
    }
    // Every amount is a Decimal written as a string; a float here would be a bug, and formatting
    // one would pull float printing into the module.
    fn serialize_f32(self, _: f32) -> Done {
        Err(NotJson)
    }
    fn serialize_f64(self, _: f64) -> Done {
        Err(NotJson)
    }
    fn serialize_char(self, v: char) -> Done {
        Ok(Node::Str(v.to_string()))
    }
    fn serialize_str(self, v: &str) -> Done {
        Ok(Node::Str(v.to_string()))
    }
    fn serialize_bytes(self, _: &[u8]) -> Done {
        Err(NotJson)
    }
    fn serialize_none(self) -> Done {
        Ok(Node::Null)
    }
    fn serialize_some<T: Serialize + ?Sized>(self, v: &T) -> Done {
        v.serialize(self)
    }
    fn serialize_unit(self) -> Done {
        Ok(Node::Null)
    }
    fn serialize_unit_struct(self, _: &'static str) -> Done {
        Ok(Node::Null)
    }
    fn serialize_unit_variant(self, _: &'static str, _: u32, variant: &'static str) -> Done {
        Ok(Node::Str(variant.to_string()))
    }
    fn serialize_newtype_struct<T: Serialize + ?Sized>(self, _: &'static str, v: &T) -> Done {
        v.serialize(self)
    }
    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
        v: &T,
    ) -> Done {
        Ok(Node::Struct(vec![(variant, v.serialize(self)?)]))
    }
    fn serialize_seq(self, len: Option<usize>) -> Result<Items, NotJson> {
        Ok(Items(Vec::with_capacity(len.unwrap_or(0))))
    }
    fn serialize_tuple(self, len: usize) -> Result<Items, NotJson> {
        self.serialize_seq(Some(len))
    }
    fn serialize_tuple_struct(self, _: &'static str, len: usize) -> Result<Items, NotJson> {
        self.serialize_seq(Some(len))
    }
    fn serialize_tuple_variant(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeTupleVariant, NotJson> {
        Err(NotJson)
    }
    fn serialize_map(self, len: Option<usize>) -> Result<Entries, NotJson> {
        Ok(Entries {
            entries: Vec::with_capacity(len.unwrap_or(0)),
            next: None,
        })
    }
    fn serialize_struct(self, _: &'static str, len: usize) -> Result<Fields, NotJson> {
        Ok(Fields(Vec::with_capacity(len)))
    }
    fn serialize_struct_variant(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeStructVariant, NotJson> {
        Err(NotJson)
    }
}

impl Items {
    fn push<T: Serialize + ?Sized>(&mut self, v: &T) -> Result<(), NotJson> {
        let v = v.serialize(Tree)?;
        self.put(v);
        Ok(())
    }
    // Not inlined: derived code calls it for every element of every list type.
    #[inline(never)]
    fn put(&mut self, v: Node) {
        self.0.push(v);
    }
}

impl SerializeSeq for Items {
    type Ok = Node;
    type Error = NotJson;
    fn serialize_element<T: Serialize + ?Sized>(&mut self, v: &T) -> Result<(), NotJson> {
        self.push(v)
    }
    fn end(self) -> Done {
        Ok(Node::Arr(self.0))
    }
}

impl ser::SerializeTuple for Items {
    type Ok = Node;
    type Error = NotJson;
    fn serialize_element<T: Serialize + ?Sized>(&mut self, v: &T) -> Result<(), NotJson> {
        self.push(v)
    }
    fn end(self) -> Done {
        Ok(Node::Arr(self.0))
    }
}

impl ser::SerializeTupleStruct for Items {
    type Ok = Node;
    type Error = NotJson;
    fn serialize_field<T: Serialize + ?Sized>(&mut self, v: &T) -> Result<(), NotJson> {
        self.push(v)
    }
    fn end(self) -> Done {
        Ok(Node::Arr(self.0))
    }
}

impl SerializeMap for Entries {
    type Ok = Node;
    type Error = NotJson;
    fn serialize_key<T: Serialize + ?Sized>(&mut self, k: &T) -> Result<(), NotJson> {
        match k.serialize(Tree)? {
            Node::Str(s) => {
                self.next = Some(s);
                Ok(())
            }
            _ => Err(NotJson),
        }
    }
    fn serialize_value<T: Serialize + ?Sized>(&mut self, v: &T) -> Result<(), NotJson> {
        let key = self.next.take().ok_or(NotJson)?;
        let v = v.serialize(Tree)?;
        self.entries.push((key, v));
        Ok(())
    }
    fn end(self) -> Done {
        Ok(Node::Map(self.entries))
    }
}

impl SerializeStruct for Fields {
    type Ok = Node;
    type Error = NotJson;
    fn serialize_field<T: Serialize + ?Sized>(
        &mut self,
        key: &'static str,
        v: &T,
    ) -> Result<(), NotJson> {
        let v = v.serialize(Tree)?;
        self.put(key, v);
        Ok(())
    }
    fn end(self) -> Done {
        Ok(Node::Struct(self.0))
    }
}

impl Fields {
    // Not inlined: derived code calls it once per field of every result type.
    #[inline(never)]
    fn put(&mut self, key: &'static str, v: Node) {
        self.0.push((key, v));
    }
}
