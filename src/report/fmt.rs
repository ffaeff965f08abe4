//! Number formatting for tables: thousands separators, percentages, yuan; aligned columns
//! measured in terminal cells (a Chinese character takes two).

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

/// An integer with thousands separators: 120000 → "120,000".
pub fn thousands(v: f64) -> String {
    if !v.is_finite() {
        return "–".to_string();
    }
    let rounded = v.round();
    let neg = rounded < 0.0;
    let digits = format!("{:.0}", rounded.abs());
    let mut out = String::with_capacity(digits.len() + digits.len() / 3 + 1);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    if neg {
        format!("-{out}")
    } else {
        out
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
