//! Number formatting shared by the tables and the charts: thousands separators, percentages,
//! yuan, values shown in messages; aligned columns measured in terminal cells (a Chinese
//! character takes two).

use unicode_width::UnicodeWidthStr;

/// How many characters of a value a message shows before cutting it.
pub const SHOWN_CHARS: usize = 80;

/// A value as a message shows it: control characters and NUL escaped (`\0`, `\n`,
/// `\u{1b}`), and a value longer than [`SHOWN_CHARS`] cut, with its full length stated.
pub fn shown(value: &str) -> String {
    let count = value.chars().count();
    let mut out = String::new();
    for c in value.chars().take(SHOWN_CHARS) {
        match c {
            '\0' => out.push_str("\\0"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if c.is_control() => out.push_str(&format!("\\u{{{:x}}}", c as u32)),
            c => out.push(c),
        }
    }
    if count > SHOWN_CHARS {
        out.push_str(&format!("… ({count} characters)"));
    }
    out
}

/// `v` with `decimals` decimals and thousands separators (120000 → "120,000"), for tables and
/// charts alike; `None` when `v` is not finite. A tiny negative number that rounds to zero
/// prints without its sign.
pub fn grouped(v: f64, decimals: usize) -> Option<String> {
    if !v.is_finite() {
        return None;
    }
    let digits = format!("{:.*}", decimals.min(12), v.abs());
    let (int, frac) = match digits.split_once('.') {
        Some((i, f)) => (i, Some(f)),
        None => (digits.as_str(), None),
    };
    let mut out = String::with_capacity(digits.len() + digits.len() / 3 + 1);
    if v < 0.0 && digits.bytes().any(|b| (b'1'..=b'9').contains(&b)) {
        out.push('-');
    }
    let n = int.len();
    for (i, ch) in int.chars().enumerate() {
        if i > 0 && (n - i) % 3 == 0 {
            out.push(',');
        }
        out.push(ch);
    }
    if let Some(f) = frac {
        out.push('.');
        out.push_str(f);
    }
    Some(out)
}

/// An integer with thousands separators: 120000 → "120,000"; "–" when not finite.
pub fn thousands(v: f64) -> String {
    grouped(v.round(), 0).unwrap_or_else(|| "–".to_string())
}

/// A chart label: `v` with `decimals` decimals and thousands separators; NaN becomes "n/a" so
/// bad data is visible rather than hidden, and infinities "∞" and "-∞".
pub fn format_thousands(v: f64, decimals: usize) -> String {
    grouped(v, decimals).unwrap_or_else(|| {
        if v.is_nan() {
            "n/a"
        } else if v > 0.0 {
            "∞"
        } else {
            "-∞"
        }
        .to_string()
    })
}

/// A "human" amount on a chart: whole numbers from 100 up (or when whole), otherwise two
/// decimals.
pub fn format_amount(v: f64) -> String {
    if v.abs() >= 100.0 || !v.is_finite() || v.fract() == 0.0 {
        format_thousands(v, 0)
    } else {
        format_thousands(v, 2)
    }
}

/// A share as a percentage with one decimal: 0.8512 → "85.1%".
pub fn percent(v: f64) -> String {
    if v.is_finite() {
        format!("{:.1}%", v * 100.0)
    } else {
        "–".to_string()
    }
}

/// Yuan: whole yuan with separators above 100, two decimals below.
pub fn yuan(v: f64) -> String {
    if !v.is_finite() {
        "–".to_string()
    } else if v.abs() >= 100.0 {
        thousands(v)
    } else if v.abs() < 1.0 {
        format!("{v:.3}")
    } else {
        format!("{v:.2}")
    }
}

/// A table's header row.
pub fn header(cells: &[&str]) -> Vec<String> {
    cells.iter().map(|c| c.to_string()).collect()
}

/// Left-pad cells into aligned columns; the first column is left-aligned.
pub fn table(rows: &[Vec<String>]) -> String {
    let cols = rows.iter().map(Vec::len).max().unwrap_or(0);
    let widths: Vec<usize> = (0..cols)
        .map(|c| {
            rows.iter()
                .filter_map(|r| r.get(c))
                .map(|s| s.width())
                .max()
                .unwrap_or(0)
        })
        .collect();
    let mut out = String::new();
    for r in rows {
        let mut line = String::new();
        for (c, cell) in r.iter().enumerate() {
            let pad = widths[c].saturating_sub(cell.width());
            if c == 0 {
                line.push_str(cell);
                line.push_str(&" ".repeat(pad));
            } else {
                line.push_str("  ");
                line.push_str(&" ".repeat(pad));
                line.push_str(cell);
            }
        }
        out.push_str(line.trim_end());
        out.push('\n');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn separators() {
        assert_eq!(thousands(120000.0), "120,000");
        assert_eq!(thousands(999.4), "999");
        assert_eq!(thousands(-1234567.0), "-1,234,567");
        assert_eq!(thousands(f64::NAN), "–");
        assert_eq!(percent(0.8512), "85.1%");
        assert_eq!(yuan(0.2576), "0.258");
        assert_eq!(yuan(12.345), "12.35");
        assert_eq!(yuan(1300.0), "1,300");
    }

    #[test]
    fn chinese_cells_take_two_columns() {
        let t = table(&[
            vec!["id".to_string(), "n".to_string()],
            vec!["茶馆".to_string(), "1".to_string()],
        ]);
        // "茶馆" is 4 cells wide: "id" is padded to 4, then two spaces, then the column.
        assert_eq!(t, "id    n\n茶馆  1\n");
    }
}
