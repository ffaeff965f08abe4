//! Timeline (Gantt-style) chart of a migration plan: one horizontal bar per
//! step from its start to its median (P50) finish, a whisker out to the P90
//! finish, and the durations written next to each bar. The calendar shows
//! behind the bars: days off shaded grey, stretches of provisional holidays
//! (no official notice yet) tinted orange; blocked steps are drawn in
//! vermillion with a hatch.

use chrono::{Datelike, NaiveDate};
use plotters::prelude::*;

use super::{
    build_chart, date_at, date_axis_ticks, date_label_width, day_offset, draw_mesh,
    half_label_room, plot_width, put_text, render_framed, text_style, text_width, ChartError,
    ChartKind, ChartSize, HAlign, LegendItem, Look, Png, RowAxis, Swatch, TickAxis, VAlign,
    BLUE_OI, INK, MUTED, STRIPE, VERMILLION,
};

/// The shade of a day off.
const DAY_OFF: RGBAColor = RGBAColor(0x90, 0x90, 0x90, 0.28);
/// The tint of a stretch of provisional holidays (Okabe–Ito orange).
const PROVISIONAL: RGBAColor = RGBAColor(0xE6, 0x9F, 0x00, 0.22);

/// One step of the plan.
#[derive(Debug, Clone, PartialEq)]
pub struct TimelineStep {
    /// Name shown on the y axis (long names are shortened with "…").
    pub label: String,
    /// First day of the step.
    pub start: NaiveDate,
    /// Median (P50) finish day.
    pub end_p50: NaiveDate,
    /// Pessimistic (P90) finish day.
    pub end_p90: NaiveDate,
    /// A rule stands in the way: drawn differently from the rest.
    pub blocked: bool,
}

/// Data for [`timeline_png`].
#[derive(Debug, Clone, PartialEq)]
pub struct TimelineChart {
    /// Title drawn at the top.
    pub title: String,
    /// Steps, drawn top to bottom in this order.
    pub steps: Vec<TimelineStep>,
    /// Days off (weekends, holidays) to shade; those outside the chart's dates are ignored.
    pub days_off: Vec<NaiveDate>,
    /// Stretches (first and last day) whose holidays are provisional.
    pub provisional: Vec<(NaiveDate, NaiveDate)>,
}

/// Consecutive dates merged into inclusive stretches.
fn stretches(days: &[NaiveDate]) -> Vec<(NaiveDate, NaiveDate)> {
    let mut sorted = days.to_vec();
    sorted.sort_unstable();
    let mut out: Vec<(NaiveDate, NaiveDate)> = Vec::new();
    for d in sorted {
        match out.last_mut() {
            Some((_, end)) if end.succ_opt() == Some(d) || *end == d => *end = d,
            _ => out.push((d, d)),
        }
    }
    out
}

/// Renders the timeline as PNG bytes.
///
/// A step that starts and ends on the same day is still drawn as a narrow bar.
/// Fails with [`ChartError::NoData`] when there are no steps.
pub fn timeline_png(c: &TimelineChart, size: ChartSize, look: &Look) -> Result<Png, ChartError> {
    let m = &look.messages;
    if c.steps.is_empty() {
        return Err(ChartError::NoData(ChartKind::Timeline));
    }
    let all_dates = c.steps.iter().flat_map(|s| [s.start, s.end_p50, s.end_p90]);
    let d0 = all_dates.clone().min().unwrap_or(c.steps[0].start);
    let d1 = all_dates.max().unwrap_or(c.steps[0].start);
    let base = d0;
    let span = day_offset(base, d1);

    // Month-day labels, unless the plan crosses a new year.
    let first_year = c.steps.first().map(|s| s.start.year());
    let spans_years = c
        .steps
        .iter()
        .any(|s| Some(s.start.year()) != first_year || Some(s.end_p90.year()) != first_year);
    let fmt = |d: NaiveDate| {
        if spans_years {
            m.date(d)
        } else {
            m.short_date(d)
        }
    };
    let durations: Vec<String> = c
        .steps
        .iter()
        .map(|s| {
            // The end dates themselves: a day count from the P50 start to the P90 end would
            // mix two percentiles and misstate the length of fixed-length steps.
            let (e50, e90) = (fmt(s.end_p50), fmt(s.end_p90));
            if s.end_p50 == s.end_p90 {
                m.msg("chart-ends", &[("p50", e50.into())])
            } else {
                m.msg(
                    "chart-ends-range",
                    &[("p50", e50.into()), ("p90", e90.into())],
                )
            }
        })
        .collect();

    let off = stretches(&c.days_off);
    let mut legend = vec![
        LegendItem::new(
            m.text("chart-start-to-p50"),
            Swatch::Fill(BLUE_OI.to_rgba()),
        ),
        LegendItem::new(m.text("chart-p50-to-p90"), Swatch::Whisker(INK)),
    ];
    if c.steps.iter().any(|s| s.blocked) {
        legend.push(LegendItem::new(
            m.text("chart-blocked-step"),
            Swatch::Fill(VERMILLION.to_rgba()),
        ));
    }
    if !off.is_empty() {
        legend.push(LegendItem::new(
            m.text("chart-day-off"),
            Swatch::Fill(DAY_OFF),
        ));
    }
    if !c.provisional.is_empty() {
        legend.push(LegendItem::new(
            m.text("chart-provisional-holidays"),
            Swatch::Fill(PROVISIONAL),
        ));
    }

    render_framed(size, look, &c.title, &legend, |root, area, th| {
        let (area_w, _) = area.dim_in_pixel();
        let margin_top = th.px(16.0);
        let rows = RowAxis::new(
            root,
            area,
            margin_top,
            c.steps.iter().map(|s| s.label.as_str()),
            th,
        )?;
        let row_px = rows.row_px;
        let y_area = rows.area_width(th);

        let note_size = th.note_size().min(row_px * 0.6).max(6.0);
        let note = text_style(note_size, false, MUTED);
        let mut note_w = 0;
        for d in &durations {
            note_w = note_w.max(text_width(root, d, &note)?);
        }
        let date_w = date_label_width(root, th)?;
        let right = half_label_room(date_w, th);
        let plot_w = plot_width(area_w, y_area, right);

        // x range: all dates, half a day of air on the left, and room on the
        // right for the duration text after the longest bar.
        let (mut x0, mut x1) = (-0.5, span + 0.5);
        if span < 1.0 {
            x0 = -1.0;
            x1 = span + 1.0;
        }
        let reserve = f64::from(note_w + th.upx(20.0));
        let usable_w = (f64::from(plot_w) - reserve).max(f64::from(plot_w) * 0.4);
        x1 = x0 + (x1 - x0) * f64::from(plot_w) / usable_w;
        let days_per_px = (x1 - x0) / f64::from(plot_w);
        let x_ticks =
            date_axis_ticks(base, (x0, x1), plot_w, date_w).unwrap_or_else(|| vec![0.0, span]);

        let mut chart = build_chart(
            area,
            th,
            y_area,
            (right, margin_top),
            TickAxis::new(x0, x1, x_ticks),
            rows.axis(),
        )?;
        // Light row stripes help the eye follow a row across the chart; drawn
        // before the grid so the date lines stay visible on them.
        let stripes = rows
            .striped_rows()
            .map(|r| Rectangle::new([(x0, r as f64), (x1, r as f64 + 1.0)], STRIPE.filled()));
        chart.draw_series(stripes)?;
        // The calendar behind the bars, clipped to the x range: days off as grey bands, then
        // the provisional stretches tinted on top.
        let n = c.steps.len() as f64;
        let band = |(a, b): &(NaiveDate, NaiveDate), color: RGBAColor| {
            let l = (day_offset(base, *a) - 0.5).max(x0);
            let r = (day_offset(base, *b) + 0.5).min(x1);
            (l < r).then(|| Rectangle::new([(l, 0.0), (r, n)], color.filled()))
        };
        chart.draw_series(off.iter().filter_map(|s| band(s, DAY_OFF)))?;
        chart.draw_series(c.provisional.iter().filter_map(|s| band(s, PROVISIONAL)))?;
        draw_mesh(
            &mut chart,
            th,
            &rows.mesh(&m.text("chart-date")),
            &|x| {
                date_at(base, *x)
                    .map(|d| m.axis_date(d))
                    .unwrap_or_default()
            },
            &|y| rows.label(*y),
        )?;

        // Bars at least 5 px wide, so zero-length steps stay visible.
        let min_w = 5.0 * th.s * days_per_px;
        let half_bar = 0.32_f64.min(14.0 * th.s / row_px.max(1.0) + 0.1);
        for (i, (s, duration)) in c.steps.iter().zip(&durations).enumerate() {
            let y = rows.centre(i);
            let a = day_offset(base, s.start);
            let b = day_offset(base, s.end_p50);
            let (l, mut r) = (a.min(b), a.max(b));
            if r - l < min_w {
                r = l + min_w;
            }
            let color = if s.blocked { VERMILLION } else { BLUE_OI };
            chart.draw_series(std::iter::once(Rectangle::new(
                [(l, y - half_bar), (r, y + half_bar)],
                color.filled(),
            )))?;
            if s.blocked {
                // A hatch, so a blocked bar differs in more than its colour.
                let step = (8.0 * th.s * days_per_px).max(f64::MIN_POSITIVE);
                let hatch = WHITE.stroke_width(th.upx(2.0));
                let lines = (0..)
                    .map(|k| l + f64::from(k) * step)
                    .take_while(|x| *x < r)
                    .take(2_000)
                    .map(|x| {
                        let x_end = (x + step).min(r);
                        PathElement::new(vec![(x, y - half_bar), (x_end, y + half_bar)], hatch)
                    });
                chart.draw_series(lines)?;
            }
            let p90 = day_offset(base, s.end_p90);
            let whisker = INK.stroke_width(th.upx(3.0));
            let cap = half_bar * 0.7;
            chart.draw_series([
                PathElement::new(vec![(b, y), (p90, y)], whisker),
                PathElement::new(vec![(p90, y - cap), (p90, y + cap)], whisker),
            ])?;
            // Duration text after whichever end is furthest right.
            let end = r.max(p90);
            let (px, py) = chart.backend_coord(&(end, y));
            put_text(
                root,
                duration,
                (px + th.px(12.0), py),
                &note,
                HAlign::Left,
                VAlign::Middle,
            )?;
        }
        Ok(())
    })
}

#[cfg(test)]
mod tests {
    use super::super::test_util::{assert_no_data, decode, en, standard_checks_of};
    use super::*;

    fn d(m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, m, day).unwrap()
    }

    fn sample() -> TimelineChart {
        let names = [
            "Announce migration",
            "Open new account",
            "Cross-promote",
            "Transfer followers",
            "Settle",
        ];
        let mut start = d(3, 1);
        let steps = names
            .iter()
            .enumerate()
            .map(|(i, name)| {
                let p50 = start + chrono::Days::new(3 + 2 * i as u64);
                let p90 = p50 + chrono::Days::new(2 + i as u64);
                let s = TimelineStep {
                    label: (*name).into(),
                    start,
                    end_p50: p50,
                    end_p90: p90,
                    blocked: i == 1,
                };
                start = p50;
                s
            })
            .collect();
        TimelineChart {
            title: "Migration plan".into(),
            steps,
            days_off: vec![d(3, 7), d(3, 8), d(3, 14), d(3, 15)],
            provisional: vec![(d(3, 20), d(3, 31))],
        }
    }

    #[test]
    fn passes_standard_checks() {
        standard_checks_of(&sample(), |c| &mut c.title, timeline_png);
    }

    #[test]
    fn zero_length_step_is_visible() {
        let step = TimelineStep {
            label: "Instant".into(),
            start: d(3, 5),
            end_p50: d(3, 5),
            end_p90: d(3, 5),
            blocked: false,
        };
        let c = TimelineChart {
            title: String::new(),
            steps: vec![step],
            days_off: Vec::new(),
            provisional: Vec::new(),
        };
        let img = decode(&timeline_png(&c, ChartSize::default(), en()).unwrap());
        let blue = img
            .rgb
            .chunks_exact(3)
            .filter(|p| p == &[0x00, 0x72, 0xB2])
            .count();
        assert!(blue > 50, "bar not visible ({blue} px)");
    }

    #[test]
    fn calendar_and_blocked_steps_are_drawn() {
        let colour_count = |c: &TimelineChart, rgb: [u8; 3]| {
            let img = decode(&timeline_png(c, ChartSize::default(), en()).unwrap());
            img.rgb.chunks_exact(3).filter(|p| *p == rgb).count()
        };
        let with = sample();
        let mut without = sample();
        without.days_off.clear();
        without.provisional.clear();
        without.steps[1].blocked = false;
        // The blocked bar is vermillion; without a blocked step there is none.
        assert!(colour_count(&with, [0xD5, 0x5E, 0x00]) > 50);
        assert_eq!(colour_count(&without, [0xD5, 0x5E, 0x00]), 0);
        let a = decode(&timeline_png(&with, ChartSize::default(), en()).unwrap());
        let b = decode(&timeline_png(&without, ChartSize::default(), en()).unwrap());
        assert_ne!(a.rgb, b.rgb, "the calendar changes the picture");
    }

    #[test]
    fn degenerate_data_does_not_panic() {
        assert_no_data(timeline_png(
            &TimelineChart {
                title: "x".into(),
                steps: vec![],
                days_off: Vec::new(),
                provisional: Vec::new(),
            },
            ChartSize::default(),
            en(),
        ));
        // Reversed dates, very long labels, many steps, huge spans.
        let mut c = sample();
        c.steps[0].end_p50 = d(1, 1);
        c.steps[1].end_p90 = d(1, 1);
        c.steps[2].label = "A very long step name that goes on and on ".repeat(5);
        assert!(timeline_png(&c, ChartSize::default(), en()).is_ok());
        let many = TimelineChart {
            title: "Many".into(),
            steps: (0..200).map(|_| sample().steps[0].clone()).collect(),
            days_off: Vec::new(),
            provisional: Vec::new(),
        };
        assert!(timeline_png(&many, ChartSize::default(), en()).is_ok());
        let huge = TimelineChart {
            title: "Huge".into(),
            steps: vec![TimelineStep {
                label: "Forever".into(),
                start: NaiveDate::MIN,
                end_p50: NaiveDate::MAX,
                end_p90: NaiveDate::MAX,
                blocked: true,
            }],
            days_off: vec![NaiveDate::MIN, NaiveDate::MAX],
            provisional: vec![(NaiveDate::MIN, NaiveDate::MAX)],
        };
        assert!(timeline_png(&huge, ChartSize::default(), en()).is_ok());
    }
}
