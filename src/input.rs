//! Text → values, for flags and CSV cells alike: counts (`120,000`, `12万`, `1亿`), numbers,
//! shares (`12%`), fee ranges (`500-1500`), dates (`2026-01-05`, `2026/1/5`), booleans
//! (`yes`, `是`), days, and the Chinese kind and subject words.
//!
//! Every parser returns a typed [`InputError`] holding the text as written; the edge words it
//! (`report::text::input_error`) and names the flag or the column.

use crate::domain::{Kind, Subject, WordError};
use chrono::NaiveDate;

/// Why a piece of text is not the value asked for. Each variant holds the text as written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum InputError {
    /// Not a whole count (digits, separators, 万 or 亿).
    NotCount(String),
    /// Written with 万 or 亿 but not a whole count in range.
    CountOutOfRange(String),
    /// Not a number.
    NotNumber(String),
    /// A number, but infinite or NaN.
    NotFinite(String),
    /// Neither `MIN-MAX` nor one number.
    NotFeeRange(String),
    /// Not a real date in an accepted form.
    NotDate(String),
    /// Not one of the accepted boolean words.
    NotBool(String),
    /// Not a whole number of days.
    NotDays(String),
    /// Not a kind or subject word.
    NotWord(WordError),
}

/// Parse a kind: subscription|service or 订阅号|服务号.
pub fn kind(s: &str) -> Result<Kind, InputError> {
    s.parse().map_err(InputError::NotWord)
}

/// Parse a subject: personal|enterprise|government|media or 个人|企业|政府|媒体.
pub fn subject(s: &str) -> Result<Subject, InputError> {
    s.parse().map_err(InputError::NotWord)
}

/// Parse a whole count: `120000`, `120,000`, `120_000`, `12万`, `1.2万`, `1亿`.
pub fn count(s: &str) -> Result<u64, InputError> {
    let t: String = s
        .trim()
        .chars()
        .filter(|c| *c != ',' && *c != '_')
        .collect();
    let (num, mult) = if let Some(n) = t.strip_suffix('万') {
        (n, 10_000.0)
    } else if let Some(n) = t.strip_suffix('亿') {
        (n, 100_000_000.0)
    } else {
        (t.as_str(), 1.0)
    };
    if mult == 1.0 {
        return num
            .parse::<u64>()
            .map_err(|_| InputError::NotCount(s.to_string()));
    }
    let v: f64 = num
        .parse()
        .map_err(|_| InputError::NotCount(s.to_string()))?;
    let total = v * mult;
    if !(total.is_finite() && total >= 0.0 && total.fract() == 0.0 && total < 1.8e19) {
        return Err(InputError::CountOutOfRange(s.to_string()));
    }
    Ok(total as u64)
}

/// Parse a finite number (commas allowed).
pub fn number(s: &str) -> Result<f64, InputError> {
    let v: f64 = s
        .trim()
        .replace(',', "")
        .parse()
        .map_err(|_| InputError::NotNumber(s.to_string()))?;
    if v.is_finite() {
        Ok(v)
    } else {
        Err(InputError::NotFinite(s.to_string()))
    }
}

/// Parse a share: `0.12` or `12%`.
pub fn share(s: &str) -> Result<f64, InputError> {
    match s.trim().strip_suffix('%') {
        Some(p) => number(p).map(|v| v / 100.0),
        None => number(s),
    }
}

/// A fee range `MIN-MAX` as written; the scenario checks that the low end is at most the
/// high end.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct FeeRange(pub f64, pub f64);

/// Parse `500-1500`, `500–1500` or `800`.
pub fn fee_range(s: &str) -> Result<FeeRange, InputError> {
    let t = s.trim();
    // One number first, so that `1e-3` is not read as a range.
    if let Ok(v) = number(t) {
        return Ok(FeeRange(v, v));
    }
    let parts: Vec<&str> = t.splitn(2, ['-', '–', '~']).collect();
    let bad = || InputError::NotFeeRange(s.to_string());
    match parts.as_slice() {
        [one] => number(one).map(|v| FeeRange(v, v)).map_err(|_| bad()),
        [a, b] if !a.trim().is_empty() => {
            let (a, b) = (number(a).map_err(|_| bad())?, number(b).map_err(|_| bad())?);
            Ok(FeeRange(a, b))
        }
        _ => Err(bad()),
    }
}

/// Parse a date written `YYYY-MM-DD`, or as Excel on Chinese Windows writes it: `YYYY/MM/DD`,
/// `YYYY年M月D日` or `YYYY.M.D`, with one- or two-digit month and day (`2026/1/5`, `2026-1-5`).
pub fn date(s: &str) -> Result<NaiveDate, InputError> {
    let bad = || InputError::NotDate(s.to_string());
    let t = crate::excel::excel_date(s);
    let t = t.trim();
    let sep = if t.contains('/') { '/' } else { '-' };
    let parts: Vec<&str> = t.split(sep).collect();
    let [y, m, d] = parts.as_slice() else {
        return Err(bad());
    };
    let digits = |p: &str, min: usize, max: usize| {
        (min..=max).contains(&p.len()) && p.bytes().all(|b| b.is_ascii_digit())
    };
    if !(digits(y, 4, 4) && digits(m, 1, 2) && digits(d, 1, 2)) {
        return Err(bad());
    }
    match (y.parse::<i32>(), m.parse::<u32>(), d.parse::<u32>()) {
        (Ok(y), Ok(m), Ok(d)) => NaiveDate::from_ymd_opt(y, m, d).ok_or_else(bad),
        _ => Err(bad()),
    }
}

/// Parse a boolean: true/false, yes/no, 1/0, 是/否 (case-insensitive).
pub fn boolean(s: &str) -> Result<bool, InputError> {
    match s.trim().to_ascii_lowercase().as_str() {
        "true" | "yes" | "y" | "1" | "是" => Ok(true),
        "false" | "no" | "n" | "0" | "否" => Ok(false),
        _ => Err(InputError::NotBool(s.to_string())),
    }
}

/// Parse a whole number of days; the scenario checks its range.
pub fn days(s: &str) -> Result<u32, InputError> {
    s.trim()
        .parse()
        .map_err(|_| InputError::NotDays(s.to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_accept_separators_and_chinese_units() {
        assert_eq!(count("120000"), Ok(120_000));
        assert_eq!(count("120,000"), Ok(120_000));
        assert_eq!(count("12万"), Ok(120_000));
        assert_eq!(count("1.5亿"), Ok(150_000_000));
        assert!(count("1.23456万").is_err());
        assert!(count("-5").is_err());
        assert!(count("abc").is_err());
    }

    #[test]
    fn fee_ranges() {
        assert_eq!(fee_range("500-1500"), Ok(FeeRange(500.0, 1500.0)));
        assert_eq!(fee_range("500–1500"), Ok(FeeRange(500.0, 1500.0)));
        assert_eq!(fee_range("800"), Ok(FeeRange(800.0, 800.0)));
        assert_eq!(fee_range("1e-3"), Ok(FeeRange(0.001, 0.001)));
        // a negative number is one number; the scenario refuses it as a fee
        assert_eq!(fee_range("-5"), Ok(FeeRange(-5.0, -5.0)));
        assert!(fee_range("5-").is_err());
        assert!(fee_range("a-b").is_err());
    }

    #[test]
    fn shares() {
        assert_eq!(share("12%"), Ok(0.12));
        assert_eq!(share("-0.01"), Ok(-0.01));
        assert!(share("inf").is_err());
    }

    #[test]
    fn booleans_and_dates_accept_the_documented_words() {
        for t in ["true", "YES", "1", "是", "y"] {
            assert_eq!(boolean(t), Ok(true));
        }
        for f in ["false", "No", "0", "否"] {
            assert_eq!(boolean(f), Ok(false));
        }
        assert!(boolean("maybe").is_err());
        assert!(date("2026-02-30").is_err());
        assert!(date("2026-02-28").is_ok());
    }

    #[test]
    fn dates_accept_excel_forms_with_short_month_and_day() {
        let d = NaiveDate::from_ymd_opt(2026, 1, 5);
        for t in [
            "2026-01-05",
            "2026/1/5",
            "2026/01/05",
            "2026-1-5",
            " 2026/1/05 ",
        ] {
            assert_eq!(date(t).ok(), d, "{t}");
        }
        for t in [
            "2026/2/30",
            "2026-1/5",
            "26/1/5",
            "2026/001/5",
            "2026/1",
            "2026/1/5/1",
            "2026/+1/5",
            "5/1/2026",
            "",
            "２０２６/1/5",
        ] {
            assert_eq!(date(t), Err(InputError::NotDate(t.to_string())), "{t}");
        }
    }
}
