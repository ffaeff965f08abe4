use chrono::NaiveDate;

use super::*;

#[test]
fn parses_sizes() {
    let s: ChartSize = "1600x1000".parse().unwrap();
    assert_eq!((s.width(), s.height()), (1600, 1000));
    let s: ChartSize = " 800X600 ".parse().unwrap();
    assert_eq!((s.width(), s.height()), (800, 600));
    let s: ChartSize = "400x300".parse().unwrap();
    assert_eq!(s.to_string(), "400x300");
    assert!("8000x8000".parse::<ChartSize>().is_ok());
    assert_eq!(ChartSize::default().width(), DEFAULT_SIZE.0);
}

#[test]
fn rejects_bad_sizes() {
    for bad in [
        "",
        "1600",
        "1600x",
        "x1000",
        "axb",
        "1600x1000x2",
        "-1x300",
        "10x10",
        "399x300",
        "400x299",
        "8001x800",
        "1600*1000",
        "1.5x300",
    ] {
        let err = bad.parse::<ChartSize>().unwrap_err();
        let msg = crate::report::text::chart_error(crate::i18n::english(), &err);
        assert!(msg.contains("WxH"), "{bad}: {msg}");
        assert!(
            msg.contains("400x300") && msg.contains("8000x8000"),
            "{msg}"
        );
    }
    let msg = ChartSize::new(10, 10).unwrap_err().to_string();
    assert_eq!(msg, "chart size 10x10 is too small (minimum 400x300)");
    assert!(ChartSize::new(9000, 500).is_err());
}

#[test]
fn formats_thousands() {
    assert_eq!(format_thousands(120000.0, 0), "120,000");
    assert_eq!(format_thousands(1234567.891, 2), "1,234,567.89");
    assert_eq!(format_thousands(-1234.0, 0), "-1,234");
    assert_eq!(format_thousands(-0.0001, 0), "0");
    assert_eq!(format_thousands(999.0, 0), "999");
    assert_eq!(format_thousands(0.5, 1), "0.5");
    assert_eq!(format_thousands(f64::NAN, 0), "n/a");
    assert_eq!(format_amount(12.345), "12.35");
    assert_eq!(format_amount(12345.6), "12,346");
    assert_eq!(format_amount(0.0), "0");
}

#[test]
fn nice_axes() {
    let a = nice_axis(98_123.0, 123_456.0, 8, 0.0, true);
    assert!(a.lo <= 98_123.0 && a.hi >= 123_456.0);
    assert!((5..=12).contains(&a.ticks.len()), "{:?}", a.ticks);
    assert_eq!(a.decimals, 0);
    // Constant data is padded instead of producing an empty range.
    let c = nice_axis(5.0, 5.0, 8, 0.05, true);
    assert!(c.lo < 5.0 && c.hi > 5.0);
    // Non-finite input falls back to a unit range.
    let n = nice_axis(f64::NAN, f64::INFINITY, 8, 0.05, false);
    assert!(n.lo < n.hi);
    let z = nice_axis(0.0, 0.0, 8, 0.0, true);
    assert!(z.lo >= 0.0 && z.hi > 0.0);
    let f = nice_axis(0.0, 0.3, 6, 0.0, true);
    assert!(f.decimals >= 1);
}

#[test]
fn date_ticks_are_calendar_friendly() {
    let d = |y, m, dd| NaiveDate::from_ymd_opt(y, m, dd).unwrap();
    let t = date_ticks(d(2026, 3, 1), d(2026, 4, 30), 8);
    assert!((2..=8).contains(&t.len()), "{t:?}");
    let t = date_ticks(d(2026, 3, 1), d(2026, 3, 1), 8);
    assert_eq!(t, vec![d(2026, 3, 1)]);
    let t = date_ticks(d(2020, 1, 1), d(2030, 1, 1), 8);
    assert!((2..=8).contains(&t.len()), "{t:?}");
    let t = date_ticks(NaiveDate::MIN, NaiveDate::MAX, 6);
    assert!(t.len() <= 6);
}

#[test]
fn bins_cover_values() {
    let values: Vec<f64> = (0..1000).map(|i| f64::from(i) * 1.7).collect();
    let b = bin_values(&values, 40, 1.0).unwrap();
    assert_eq!(b.counts.iter().sum::<u64>(), 1000);
    assert!(b.counts.len() <= 60);
    assert!(b.start <= 0.0 && b.end() >= 999.0 * 1.7);
    let c = bin_values(&[7.0; 10], 40, 1.0).unwrap();
    assert_eq!(c.counts, vec![10]);
    assert!(bin_values(&[f64::NAN], 40, 1.0).is_none());
    assert!(bin_values(&[], 40, 1.0).is_none());
}

#[test]
fn rejects_too_small_canvas() {
    let err = ChartSize::new(10, 10).unwrap_err();
    assert!(matches!(err, ChartError::TooSmall { .. }));
}
