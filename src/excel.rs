//! Text as Excel on Chinese Windows writes it (issue 11): full-width digits and signs, spaces
//! around units, Chinese date forms, Chinese column names, and cells Excel would run as
//! formulas. Small pure functions applied before the ordinary parsers, for flags and CSV cells
//! alike.

use std::borrow::Cow;

/// A cell or flag value with surrounding spaces removed (ASCII, no-break and ideographic),
/// full-width ASCII forms (`１２`, `５％`, `－`, `．`) turned into ASCII, and the spaces before a
/// unit (`12 万`, `5 %`) dropped. Text that needs none of this is borrowed unchanged.
pub fn normalize_excel_text(s: &str) -> Cow<'_, str> {
    let t = s.trim_matches(is_space);
    let plain = t
        .chars()
        .all(|c| !is_space(c) && !('\u{ff01}'..='\u{ff5e}').contains(&c));
    if plain {
        return Cow::Borrowed(t);
    }
    let mut out = String::with_capacity(t.len());
    for c in t.chars() {
        let c = match c {
            '\u{ff01}'..='\u{ff5e}' => char::from_u32(u32::from(c) - 0xfee0).unwrap_or(c),
            c if is_space(c) => ' ',
            c => c,
        };
        if matches!(c, '万' | '亿' | '%') {
            let kept = out.trim_end_matches(' ').len();
            out.truncate(kept);
        }
        out.push(c);
    }
    Cow::Owned(out)
}

/// Spaces Excel leaves around values: ASCII whitespace, no-break space, ideographic space.
fn is_space(c: char) -> bool {
    c.is_whitespace() || c == '\u{a0}' || c == '\u{3000}'
}

/// A date as Excel writes it with Chinese settings (`2026年12月1日`, `2026.12.1`) turned into
/// `2026-12-1`; other text is returned unchanged for the ordinary date parser.
pub fn excel_date(s: &str) -> Cow<'_, str> {
    let t = s.trim();
    if t.contains('年') {
        let t = t.strip_suffix('日').unwrap_or(t);
        return Cow::Owned(t.replace(['年', '月'], "-"));
    }
    if t.contains('.') {
        return Cow::Owned(t.replace('.', "-"));
    }
    Cow::Borrowed(t)
}

/// The Chinese names an operator types for each input column (SPEC §4 column first). Header
/// names are compared after trimming and lower-casing, so `账号ID` matches `账号id`.
pub const HEADER_ALIASES: [(&str, &[&str]); 16] = [
    ("id", &["账号", "账号id", "编号", "公众号"]),
    ("source_kind", &["账号类型", "源账号类型", "类型"]),
    ("source_subject", &["主体类型", "源主体类型", "主体"]),
    ("target_kind", &["目标账号类型", "目标类型"]),
    ("target_subject", &["目标主体类型", "目标主体"]),
    ("cross_entity", &["跨主体", "跨主体迁移"]),
    ("target_verified", &["目标已认证", "目标认证"]),
    ("followers", &["粉丝数", "粉丝", "粉丝量", "粉丝数量"]),
    ("target_followers", &["目标粉丝数", "目标粉丝"]),
    ("overlap", &["重合比例", "重合率"]),
    ("daily_growth", &["日增长率", "日增长"]),
    ("notary_fee_min", &["公证费下限", "最低公证费"]),
    ("notary_fee_max", &["公证费上限", "最高公证费"]),
    ("value_per_follower", &["单粉价值", "每粉价值"]),
    ("start_date", &["开始日期", "起始日期"]),
    ("horizon", &["预测天数", "天数"]),
];

/// The column a (trimmed, lower-cased) header name stands for: the name itself, or the
/// column of a Chinese alias.
pub fn canonical_column(name: &str) -> &str {
    HEADER_ALIASES
        .iter()
        .find(|(_, aliases)| aliases.contains(&name))
        .map_or(name, |(column, _)| column)
}

/// A cell Excel would run as a formula (it starts with `=`, `+`, `-`, `@`, a tab or a carriage
/// return and is not a number) written with a leading apostrophe, so Excel shows it as text.
pub fn formula_guard(cell: &str) -> Cow<'_, str> {
    let risky = cell.starts_with(['=', '+', '-', '@', '\t', '\r']);
    if risky && cell.trim().parse::<f64>().is_err() {
        Cow::Owned(format!("'{cell}"))
    } else {
        Cow::Borrowed(cell)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn full_width_forms_and_unit_spaces_become_plain() {
        assert_eq!(normalize_excel_text("１２万"), "12万");
        assert_eq!(normalize_excel_text("５％"), "5%");
        assert_eq!(normalize_excel_text("12 万"), "12万");
        assert_eq!(normalize_excel_text(" 1.5\u{3000}亿 "), "1.5亿");
        assert_eq!(normalize_excel_text("－０．０１"), "-0.01");
        assert_eq!(normalize_excel_text("\u{a0}ＴＲＵＥ\u{3000}"), "TRUE");
        assert!(matches!(
            normalize_excel_text("  120000 "),
            Cow::Borrowed("120000")
        ));
        assert_eq!(normalize_excel_text("订阅号"), "订阅号");
    }

    #[test]
    fn chinese_and_dotted_dates_become_dashed() {
        assert_eq!(excel_date("2026年12月1日"), "2026-12-1");
        assert_eq!(excel_date("2026年12月1"), "2026-12-1");
        assert_eq!(excel_date("2026.12.1"), "2026-12-1");
        assert_eq!(excel_date("2026/12/1"), "2026/12/1");
    }

    #[test]
    fn every_alias_maps_to_its_column_and_no_alias_is_shared() {
        let mut seen = std::collections::HashSet::new();
        for (column, aliases) in HEADER_ALIASES {
            assert_eq!(canonical_column(column), column);
            for a in aliases {
                assert!(seen.insert(*a), "{a} appears twice");
                assert_eq!(canonical_column(a), column);
                assert_eq!(a.to_lowercase(), *a, "{a} must be lower-case");
            }
        }
        assert_eq!(canonical_column("notes"), "notes");
    }

    #[test]
    fn formulas_are_guarded_and_numbers_are_not() {
        assert_eq!(formula_guard("=1+1"), "'=1+1");
        assert_eq!(formula_guard("@SUM(A1)"), "'@SUM(A1)");
        assert_eq!(formula_guard("+86 123"), "'+86 123");
        assert_eq!(formula_guard("-x"), "'-x");
        assert_eq!(formula_guard("-12.5"), "-12.5");
        assert_eq!(formula_guard("+3"), "+3");
        assert_eq!(formula_guard("茶馆"), "茶馆");
        assert_eq!(formula_guard(""), "");
    }
}
