//! JSON text read into a [`Json`] that borrows its keys, strings and numbers from the text: the
//! CLI's door (a JSON Lines line, a file, an array's element). A batch reads millions of lines,
//! and serde_json's reading allocated every key, string and number of each (about 50 blocks a
//! line, a fifth of a batch's time with their freeing).
//!
//! It reads the JSON programs write: objects and arrays to [`MAX_DEPTH`], strings with or without
//! escapes, integers. Everything else is handed to serde_json, through [`Json`]'s `Deserialize`,
//! which reads it exactly as before: a number with a fraction or an exponent, `-0` or one beyond 64
//! bits (its text goes through the grammar), nesting deeper than [`MAX_DEPTH`] (skipped, so the field
//! is named), an object under serde_json's own number key, and any text that is not JSON, which
//! gets serde_json's error (its kind, line and column are what the CLI's message says). So this
//! reading only ever gives what serde_json's gives (tests/json_text.rs holds them equal).

use std::borrow::Cow;

use crate::input::{Json, MAX_DEPTH, SERDE_JSON_NUMBER};

/// The value `text` holds, or serde_json's error for it.
pub fn parse(text: &str) -> Result<Json<'_>, serde_json::Error> {
    match (Reader { text, at: 0 }).document() {
        Some(json) => Ok(json),
        None => serde_json::from_str(text),
    }
}

/// Reads from `at`. Each step gives `None` for what it leaves to serde_json.
struct Reader<'a> {
    text: &'a str,
    at: usize,
}

impl<'a> Reader<'a> {
    fn document(mut self) -> Option<Json<'a>> {
        let value = self.value(0)?;
        self.blank();
        (self.at == self.text.len()).then_some(value)
    }

    fn peek(&self) -> Option<u8> {
        self.text.as_bytes().get(self.at).copied()
    }

    fn next(&mut self) -> Option<u8> {
        let b = self.peek()?;
        self.at += 1;
        Some(b)
    }

    /// JSON's whitespace.
    fn blank(&mut self) {
        while let Some(b' ' | b'\n' | b'\t' | b'\r') = self.peek() {
            self.at += 1;
        }
    }

    /// A value `depth` levels down (the document is level 0, as in [`Json`]'s `Deserialize`).
    fn value(&mut self, depth: usize) -> Option<Json<'a>> {
        if depth > MAX_DEPTH {
            return None;
        }
        self.blank();
        match self.peek()? {
            b'{' => self.object(depth),
            b'[' => self.array(depth),
            b'"' => self.string().map(Json::Str),
            b't' => self.word("true", Json::Bool(true)),
            b'f' => self.word("false", Json::Bool(false)),
            b'n' => self.word("null", Json::Null),
            _ => self.integer(),
        }
    }

    fn word(&mut self, word: &str, value: Json<'a>) -> Option<Json<'a>> {
        let end = self.at + word.len();
        let found = self.text.as_bytes().get(self.at..end)? == word.as_bytes();
        found.then(|| {
            self.at = end;
            value
        })
    }

    fn array(&mut self, depth: usize) -> Option<Json<'a>> {
        self.at += 1;
        let mut items = Vec::new();
        self.blank();
        if self.peek()? == b']' {
            self.at += 1;
            return Some(Json::Arr(items));
        }
        loop {
            items.push(self.value(depth + 1)?);
            self.blank();
            match self.next()? {
                b',' => {}
                b']' => return Some(Json::Arr(items)),
                _ => return None,
            }
        }
    }

    /// An object, its keys in the order given, a key given twice kept twice (validation names
    /// it).
    fn object(&mut self, depth: usize) -> Option<Json<'a>> {
        self.at += 1;
        let mut entries = Vec::new();
        self.blank();
        if self.peek()? == b'}' {
            self.at += 1;
            return Some(Json::Obj(entries));
        }
        loop {
            self.blank();
            if self.peek()? != b'"' {
                return None;
            }
            let key = self.string()?;
            // serde_json's own spelling of a number: `Deserialize` reads such an object as one.
            if key == SERDE_JSON_NUMBER {
                return None;
            }
            self.blank();
            if self.next()? != b':' {
                return None;
            }
            entries.push((key, self.value(depth + 1)?));
            self.blank();
            match self.next()? {
                b',' => {}
                b'}' => return Some(Json::Obj(entries)),
                _ => return None,
            }
        }
    }

    /// A string at its opening quote: the text between the quotes when it has no escape.
    fn string(&mut self) -> Option<Cow<'a, str>> {
        let bytes = self.text.as_bytes();
        let start = self.at + 1;
        let mut i = start;
        loop {
            match *bytes.get(i)? {
                // Quotes are ASCII, so the slice is on character boundaries.
                b'"' => {
                    self.at = i + 1;
                    return Some(Cow::Borrowed(&self.text[start..i]));
                }
                b'\\' => return self.escaped(start, i).map(Cow::Owned),
                // JSON wants control characters escaped.
                0..=0x1f => return None,
                _ => i += 1,
            }
        }
    }

    /// The rest of a string from its first backslash at `i`, decoded.
    fn escaped(&mut self, start: usize, mut i: usize) -> Option<String> {
        let bytes = self.text.as_bytes();
        let mut s = String::with_capacity(i - start + 16);
        let mut run = start;
        loop {
            match *bytes.get(i)? {
                b'"' => {
                    s.push_str(&self.text[run..i]);
                    self.at = i + 1;
                    return Some(s);
                }
                b'\\' => {
                    s.push_str(&self.text[run..i]);
                    let (c, len) = match *bytes.get(i + 1)? {
                        b'"' => ('"', 2),
                        b'\\' => ('\\', 2),
                        b'/' => ('/', 2),
                        b'b' => ('\u{8}', 2),
                        b'f' => ('\u{c}', 2),
                        b'n' => ('\n', 2),
                        b'r' => ('\r', 2),
                        b't' => ('\t', 2),
                        b'u' => self.unicode(i)?,
                        _ => return None,
                    };
                    s.push(c);
                    i += len;
                    run = i;
                }
                0..=0x1f => return None,
                _ => i += 1,
            }
        }
    }

    /// `\uXXXX` at `i`, or a surrogate pair `\uD83D\uDE00`: the character and the bytes it took. A
    /// lone surrogate is not a character: serde_json says so.
    fn unicode(&self, i: usize) -> Option<(char, usize)> {
        let first = self.hex4(i + 2)?;
        if !(0xD800..=0xDFFF).contains(&first) {
            return Some((char::from_u32(first)?, 6));
        }
        if first >= 0xDC00 || self.text.as_bytes().get(i + 6..i + 8)? != b"\\u" {
            return None;
        }
        let second = self.hex4(i + 8)?;
        if !(0xDC00..=0xDFFF).contains(&second) {
            return None;
        }
        let c = 0x10000 + ((first - 0xD800) << 10) + (second - 0xDC00);
        Some((char::from_u32(c)?, 12))
    }

    fn hex4(&self, i: usize) -> Option<u32> {
        let digits = self.text.get(i..i + 4)?;
        if !digits.bytes().all(|b| b.is_ascii_hexdigit()) {
            return None;
        }
        u32::from_str_radix(digits, 16).ok()
    }

    /// An integer that fits 64 bits, as serde_json hands it on: its value, whose digits are the
    /// text's own (no leading zero, no `+`; `-0` is not one, it goes on as text).
    fn integer(&mut self) -> Option<Json<'a>> {
        let bytes = self.text.as_bytes();
        let start = self.at;
        let negative = bytes[start] == b'-';
        let digits = start + usize::from(negative);
        let mut end = digits;
        while bytes.get(end).is_some_and(u8::is_ascii_digit) {
            end += 1;
        }
        let plain = match &bytes[digits..end] {
            [] | [b'0', _, ..] => false,
            [b'0'] => !negative,
            _ => true,
        };
        if !plain || matches!(bytes.get(end), Some(b'.' | b'e' | b'E')) {
            return None;
        }
        let text = &self.text[start..end];
        let fits = if negative {
            text.parse::<i64>().is_ok()
        } else {
            text.parse::<u64>().is_ok()
        };
        fits.then(|| {
            self.at = end;
            Json::Num(Cow::Borrowed(text))
        })
    }
}
