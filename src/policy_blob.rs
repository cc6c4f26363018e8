//! Reads a policy in the compact binary form build/blob.rs writes (the layout is described there).
//! The bytes are kept for the life of the program and every string of the policy points into them.
//! Anything unexpected — a truncated blob, an unknown name, an index out of range, a value of the
//! wrong kind for its key — is an error with a message, never a panic: the page may be handed a
//! corrupt download.

use crate::decimal::Decimal;

use crate::policy::{
    Category, CategoryKind, Citation, Dated, Exemption, GuideItem, Param, Policy, Reading, Source,
    Status, SubsidyGroup, Value,
};
use crate::policy_schema::{self as schema, Kind};

const MAGIC: &[u8; 4] = b"YBP1";
/// Far more than any policy holds: a corrupt count must not make the reader allocate gigabytes.
const MAX_ITEMS: u64 = 100_000;

struct Reader {
    bytes: &'static [u8],
    at: usize,
    strings: Vec<&'static str>,
}

type R<T> = Result<T, String>;

impl Reader {
    fn byte(&mut self) -> R<u8> {
        let b = *self.bytes.get(self.at).ok_or("政策数据不完整")?;
        self.at += 1;
        Ok(b)
    }
    fn uint(&mut self) -> R<u64> {
        let mut n: u64 = 0;
        for shift in (0..64).step_by(7) {
            let b = self.byte()?;
            n |= u64::from(b & 0x7f) << shift;
            if b & 0x80 == 0 {
                return Ok(n);
            }
        }
        Err("政策数据有误:数字过长".into())
    }
    fn count(&mut self) -> R<usize> {
        let n = self.uint()?;
        if n > MAX_ITEMS {
            return Err(format!("政策数据有误:数量{n}过大"));
        }
        Ok(n as usize)
    }
    fn small(&mut self) -> R<u32> {
        u32::try_from(self.uint()?).map_err(|_| "政策数据有误:数字超出范围".to_string())
    }
    fn int(&mut self) -> R<i64> {
        let z = self.uint()?;
        Ok(((z >> 1) as i64) ^ -((z & 1) as i64))
    }
    fn year(&mut self) -> R<i32> {
        i32::try_from(self.int()?)
            .ok()
            .filter(|y| (2000..=2100).contains(y))
            .ok_or_else(|| "政策数据有误:年份超出范围".to_string())
    }
    fn str(&mut self) -> R<&'static str> {
        let i = self.count()?;
        self.strings
            .get(i)
            .copied()
            .ok_or_else(|| "政策数据有误:文字编号超出范围".to_string())
    }
    fn opt_str(&mut self) -> R<Option<&'static str>> {
        match self.uint()? {
            0 => Ok(None),
            1 => self.str().map(Some),
            _ => Err("政策数据有误".into()),
        }
    }
    fn flag(&mut self) -> R<bool> {
        match self.uint()? {
            0 => Ok(false),
            1 => Ok(true),
            _ => Err("政策数据有误:不是是/否".into()),
        }
    }
    fn dec(&mut self) -> R<Decimal> {
        let m = self.int()?;
        let scale = self.small()?;
        if scale > 10 {
            return Err("政策数据有误:小数位过多".into());
        }
        Ok(Decimal::new(m, scale))
    }
    fn list<T>(&mut self, mut item: impl FnMut(&mut Reader) -> R<T>) -> R<&'static [T]> {
        let n = self.count()?;
        let mut v = Vec::with_capacity(n.min(256));
        for _ in 0..n {
            v.push(item(self)?);
        }
        Ok(v.leak())
    }
    fn value(&mut self) -> R<Value> {
        Ok(match self.uint()? {
            0 => Value::Months(self.small()?),
            1 => Value::Count(self.small()?),
            2 => Value::Money(self.dec()?),
            3 => Value::Unlimited,
            4 => Value::Rate(self.dec()?),
            5 => Value::MonthDay(self.small()?, self.small()?),
            6 => Value::DayRanges(
                self.list(|r| Ok((r.small()?, r.small()?, r.small()?, r.small()?)))?,
            ),
            t => return Err(format!("政策数据有误:未知的数值种类{t}")),
        })
    }
    fn cite(&mut self) -> R<Citation> {
        Ok(Citation {
            source: self.str()?,
            document: self.str()?,
            quote: self.str()?,
            status: match self.str()? {
                "official" => Status::Official,
                "unverified" => Status::Unverified,
                s => return Err(format!("政策数据有误:未知的状态{s}")),
            },
            note: self.opt_str()?,
        })
    }
    /// Dated values, each of the kind `fits` accepts; at least one, years increasing.
    fn dated(&mut self, fits: impl Fn(&Value) -> bool) -> R<&'static [Dated]> {
        let v = self.list(|r| {
            let from = r.year()?;
            let shown = r.str()?;
            let value = r.value()?;
            let cite = r.cite()?;
            Ok(Dated {
                from,
                shown,
                value,
                cite,
            })
        })?;
        if v.is_empty()
            || v.windows(2).any(|w| w[0].from >= w[1].from)
            || !v.iter().all(|d| fits(&d.value))
        {
            return Err("政策数据有误:分年度的数值不对".into());
        }
        Ok(v)
    }
}

fn fits(kind: Kind, v: &Value) -> bool {
    matches!(
        (kind, v),
        (Kind::Months, Value::Months(_))
            | (Kind::Count, Value::Count(_))
            | (Kind::Money, Value::Money(_))
            | (Kind::MoneyOrNone, Value::Money(_) | Value::Unlimited)
            | (Kind::Rate, Value::Rate(_))
            | (Kind::MonthDay, Value::MonthDay(..))
            | (Kind::DayRanges, Value::DayRanges(_))
    )
}

pub fn decode(bytes: &[u8]) -> Result<Policy, String> {
    if bytes.get(..4) != Some(MAGIC.as_slice()) {
        return Err("不是本程序的政策数据".into());
    }
    let bytes: &'static [u8] = Box::leak(bytes.to_vec().into_boxed_slice());
    let mut r = Reader {
        bytes,
        at: 4,
        strings: Vec::new(),
    };
    let n = r.count()?;
    for _ in 0..n {
        let len = r.count()?;
        let end = r.at.checked_add(len).ok_or("政策数据有误")?;
        let raw = bytes.get(r.at..end).ok_or("政策数据不完整")?;
        let s = std::str::from_utf8(raw).map_err(|_| "政策数据有误:文字编码不对".to_string())?;
        r.strings.push(s);
        r.at = end;
    }

    let id = r.str()?;
    let name = r.str()?;
    let title = r.str()?;
    let version = r.str()?;
    let base_year = r.year()?;
    let last_year = r.year()?;
    let default_reading = match r.str()? {
        "A" => Reading::A,
        "B" => Reading::B,
        s => return Err(format!("政策数据有误:未知的读法{s}")),
    };
    let baseline = r.flag()?;
    let order = r.small()?;
    let notes = r.list(|r| r.str())?;
    let sources = r.list(|r| {
        Ok(Source {
            id: r.str()?,
            title: r.str()?,
            published: r.str()?,
            file: r.opt_str()?,
        })
    })?;
    let params = r.list(|r| {
        let key = r.str()?;
        let spec = schema::spec_for(key).ok_or_else(|| format!("政策数据有误:未知的参数{key}"))?;
        let values = r.dated(|v| fits(spec.kind, v))?;
        Ok(Param {
            key,
            label: spec.label,
            values,
        })
    })?;
    if params.windows(2).any(|w| w[0].key >= w[1].key) {
        return Err("政策数据有误:参数没有按名称排序".into());
    }
    let categories = r.list(|r| {
        Ok(Category {
            key: r.str()?,
            label: r.str()?,
            help: r.str()?,
            kind: match r.str()? {
                "adult" => CategoryKind::Adult,
                "student" => CategoryKind::Student,
                "university" => CategoryKind::University,
                "minor" => CategoryKind::Minor,
                "newborn" => CategoryKind::Newborn,
                "special" => CategoryKind::Special,
                s => return Err(format!("政策数据有误:未知的人员类别{s}")),
            },
            rates: r.str()?,
            premium: r.dated(|v| matches!(v, Value::Money(_)))?,
            exemption: match r.str()? {
                "none" => Exemption::None,
                "no_wait" => Exemption::NoWait,
                "early_cover" => Exemption::EarlyCover,
                "unknown" => Exemption::Unknown,
                s => return Err(format!("政策数据有误:未知的豁免{s}")),
            },
            exemption_cite: r.cite()?,
        })
    })?;
    let subsidy_groups = r.list(|r| {
        Ok(SubsidyGroup {
            key: r.str()?,
            label: r.str()?,
            share: r.dec()?,
            share_cite: r.cite()?,
            preferential: r.flag()?,
            preferential_cite: r.cite()?,
        })
    })?;
    let guide = r.list(|r| {
        let topic = r.str()?;
        let items = r.list(|r| {
            Ok(GuideItem {
                title: r.str()?,
                text: r.str()?,
                cite: r.cite()?,
            })
        })?;
        Ok((topic, items))
    })?;
    if r.at != bytes.len() {
        return Err("政策数据有误:末尾有多余的内容".into());
    }
    if categories.is_empty() {
        return Err("政策数据有误:没有人员类别".into());
    }
    Ok(Policy {
        id,
        version,
        order,
        name,
        title,
        base_year,
        last_year,
        default_reading,
        baseline,
        notes,
        sources,
        params,
        categories,
        subsidy_groups,
        guide,
    })
}
