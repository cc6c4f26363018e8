//! Reading the input: its encoding (UTF-8 with or without a byte-order mark, or UTF-16 as Windows
//! tools write it), then its lines with their numbers, each held only until it has been handed on,
//! so that JSON Lines and CSV of any length go through in constant memory. A line that is too
//! long or not text becomes a Chinese message naming the line and the byte, for that line only.

use std::io::{self, BufRead, BufReader, Read};

/// The largest JSON document read whole (one object, or an array of scenarios).
pub const MAX_DOCUMENT: usize = 8 * 1024 * 1024;
/// The largest JSON Lines line or CSV record. A household of 20 with 50 stays each is about 100 KB.
pub const MAX_LINE: usize = 1024 * 1024;

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Encoding {
    Utf8,
    Utf16Le,
    Utf16Be,
}

/// Bytes read from the input at a time (a file gives this much; a pipe gives what it holds).
const BUFFER: usize = 1024 * 1024;

/// A buffered reader that says how much it holds.
trait Buffered: BufRead + Send {
    fn buffered(&self) -> usize;
}

impl<R: Read + Send> Buffered for BufReader<R> {
    fn buffered(&self) -> usize {
        self.buffer().len()
    }
}

/// One line of input as read.
#[derive(Debug)]
pub enum Line {
    Text(String),
    /// Longer than the cap; its bytes were skipped, not kept.
    TooLong,
    /// Not text in the input's encoding; the message names where.
    NotText(String),
}

/// The input, as lines. `number` counts every line read so far, blank ones included, so that
/// messages name the line a text editor shows.
pub struct Lines {
    inner: Box<dyn Buffered>,
    pub encoding: Encoding,
    pub number: usize,
    /// Every byte read so far, line breaks included, while the shape of the input is not yet
    /// known: a document read whole must be parsed exactly as it is, for messages to say where.
    pub seen: Option<Vec<u8>>,
}

impl Lines {
    /// Opens `reader`, recognising a byte-order mark (UTF-8, UTF-16 LE/BE, which is then dropped)
    /// and UTF-16 without one (JSON and CSV start with an ASCII character, so every other byte of
    /// the first two characters is zero).
    pub fn open(mut reader: impl Read + Send + 'static) -> io::Result<Lines> {
        let mut head = [0u8; 4];
        let mut n = 0;
        while n < head.len() {
            match reader.read(&mut head[n..]) {
                Ok(0) => break,
                Ok(k) => n += k,
                Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
                Err(e) => return Err(e),
            }
        }
        let (encoding, bom) = match &head[..n] {
            [0xEF, 0xBB, 0xBF, ..] => (Encoding::Utf8, 3),
            [0xFF, 0xFE, ..] => (Encoding::Utf16Le, 2),
            [0xFE, 0xFF, ..] => (Encoding::Utf16Be, 2),
            [a, 0, b, 0] if *a != 0 && a.is_ascii() && b.is_ascii() => (Encoding::Utf16Le, 0),
            [0, a, 0, b] if *a != 0 && a.is_ascii() && b.is_ascii() => (Encoding::Utf16Be, 0),
            _ => (Encoding::Utf8, 0),
        };
        // The bytes looked at go back in front of the rest, less the byte-order mark.
        let whole = io::Cursor::new(head[bom..n].to_vec()).chain(reader);
        let inner: Box<dyn Buffered> = match encoding {
            Encoding::Utf8 => Box::new(BufReader::with_capacity(BUFFER, whole)),
            _ => Box::new(BufReader::with_capacity(
                BUFFER,
                Utf16ToUtf8::new(whole, encoding == Encoding::Utf16Be),
            )),
        };
        Ok(Lines {
            inner,
            encoding,
            number: 0,
            seen: Some(Vec::new()),
        })
    }

    /// Whether the next line can be read without waiting for more input (as far as is known):
    /// when not, what has been read so far is worth computing now.
    pub fn ready(&self) -> bool {
        self.inner.buffered() > 0
    }

    /// The next line (without its line break) and its number, keeping at most `cap` bytes.
    pub fn next_line(&mut self, cap: usize) -> io::Result<Option<(usize, Line)>> {
        let mut bytes = Vec::new();
        let mut too_long = false;
        let mut any = false;
        loop {
            let buf = self.inner.fill_buf()?;
            if buf.is_empty() {
                break;
            }
            any = true;
            let (part, done) = match memchr::memchr(b'\n', buf) {
                Some(i) => (&buf[..i], Some(i + 1)),
                None => (buf, None),
            };
            if !too_long {
                if bytes.len() + part.len() > cap {
                    too_long = true;
                    bytes = Vec::new();
                } else {
                    bytes.extend_from_slice(part);
                }
            }
            let used = done.unwrap_or(part.len());
            if let Some(seen) = &mut self.seen {
                if !too_long {
                    seen.extend_from_slice(&buf[..used]);
                }
            }
            self.inner.consume(used);
            if done.is_some() {
                break;
            }
        }
        if !any {
            return Ok(None);
        }
        self.number += 1;
        if too_long {
            return Ok(Some((self.number, Line::TooLong)));
        }
        if bytes.last() == Some(&b'\r') {
            bytes.pop();
        }
        Ok(Some((self.number, self.text(bytes, self.number))))
    }

    /// The bytes of line `number` as text, or a message naming the first byte that is not.
    pub fn text(&self, bytes: Vec<u8>, number: usize) -> Line {
        match String::from_utf8(bytes) {
            Ok(mut s) => {
                // A byte-order mark at the start of a later line: files joined with `cat`.
                if s.starts_with('\u{feff}') {
                    s.drain(..3);
                }
                Line::Text(s)
            }
            Err(e) => {
                let at = e.utf8_error().valid_up_to();
                Line::NotText(not_text(self.encoding, &e.into_bytes(), number, at))
            }
        }
    }

    /// Everything left, for a document read whole: at most `cap` bytes, else an error.
    pub fn rest(&mut self, into: &mut Vec<u8>, cap: usize) -> io::Result<bool> {
        let room = (cap + 1).saturating_sub(into.len());
        (&mut self.inner).take(room as u64).read_to_end(into)?;
        Ok(into.len() <= cap)
    }
}

/// 「第3行第17个字节不是 UTF-8 编码的文字……」: where the text stops being text, in the terms of
/// the input's encoding, and what to do about it.
pub fn not_text(encoding: Encoding, line: &[u8], number: usize, valid_up_to: usize) -> String {
    match encoding {
        Encoding::Utf8 => format!(
            "第{number}行第{}个字节不是 UTF-8 编码的文字:请把文件另存为 UTF-8(Excel:另存为「CSV UTF-8」;文件可能是 GBK 等其他编码)",
            valid_up_to + 1
        ),
        _ => {
            // Counted in characters: the byte offsets of the UTF-8 this was turned into would
            // mean nothing to the person who has the UTF-16 file.
            let chars = std::str::from_utf8(&line[..valid_up_to])
                .map(|s| s.chars().count())
                .unwrap_or(0);
            format!(
                "第{number}行第{}个字符不是有效的 UTF-16 编码(落单的代理项或缺少的字节):请把文件另存为 UTF-8",
                chars + 1
            )
        }
    }
}

/// UTF-16 in, UTF-8 out. A unit that is not part of a character (an unpaired surrogate, an odd
/// last byte) becomes the byte 0xFF, which is never UTF-8, so the line that holds it is reported.
struct Utf16ToUtf8<R> {
    inner: R,
    big_endian: bool,
    raw: Vec<u8>,
    out: Vec<u8>,
    pos: usize,
    /// A high surrogate waiting for its low half.
    high: Option<u16>,
    /// The first byte of a unit split across two reads.
    odd: Option<u8>,
    done: bool,
}

impl<R: Read> Utf16ToUtf8<R> {
    fn new(inner: R, big_endian: bool) -> Self {
        Utf16ToUtf8 {
            inner,
            big_endian,
            raw: vec![0; 32 * 1024],
            out: Vec::with_capacity(48 * 1024),
            pos: 0,
            high: None,
            odd: None,
            done: false,
        }
    }

    fn push(&mut self, c: char) {
        let mut b = [0u8; 4];
        self.out.extend_from_slice(c.encode_utf8(&mut b).as_bytes());
    }

    fn unit(&mut self, u: u16) {
        match (self.high.take(), u) {
            (Some(h), 0xDC00..=0xDFFF) => {
                let c = 0x10000 + ((u32::from(h) - 0xD800) << 10) + (u32::from(u) - 0xDC00);
                self.push(char::from_u32(c).unwrap_or('\u{fffd}'));
            }
            (h, _) => {
                if h.is_some() {
                    self.out.push(0xFF);
                }
                match u {
                    0xD800..=0xDBFF => self.high = Some(u),
                    0xDC00..=0xDFFF => self.out.push(0xFF),
                    _ => self.push(char::from_u32(u32::from(u)).unwrap_or('\u{fffd}')),
                }
            }
        }
    }

    fn refill(&mut self) -> io::Result<()> {
        self.out.clear();
        self.pos = 0;
        while self.out.is_empty() && !self.done {
            let n = self.inner.read(&mut self.raw)?;
            if n == 0 {
                self.done = true;
                if self.odd.take().is_some() || self.high.take().is_some() {
                    self.out.push(0xFF);
                }
                break;
            }
            let mut bytes = std::mem::take(&mut self.raw);
            let mut i = 0;
            if let Some(first) = self.odd.take() {
                self.unit(self.pair(first, bytes[0]));
                i = 1;
            }
            while i + 1 < n {
                self.unit(self.pair(bytes[i], bytes[i + 1]));
                i += 2;
            }
            if i < n {
                self.odd = Some(bytes[i]);
            }
            std::mem::swap(&mut self.raw, &mut bytes);
        }
        Ok(())
    }

    fn pair(&self, a: u8, b: u8) -> u16 {
        if self.big_endian {
            u16::from_be_bytes([a, b])
        } else {
            u16::from_le_bytes([a, b])
        }
    }
}

impl<R: Read> Read for Utf16ToUtf8<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        if self.pos == self.out.len() {
            self.refill()?;
        }
        let n = (self.out.len() - self.pos).min(buf.len());
        buf[..n].copy_from_slice(&self.out[self.pos..self.pos + n]);
        self.pos += n;
        Ok(n)
    }
}
