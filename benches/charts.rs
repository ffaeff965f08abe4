//! Render time of each chart at the default 1600x1000 size with realistic
//! data: 61 trajectory points, 10,000 histogram values, 200 portfolio
//! accounts, 10 timeline steps and 8 compared scenarios, in English; and the
//! trajectory and comparison in Chinese (Chinese title, legends, dates and
//! scenario ids drawn from the embedded CJK font). Target: < 150 ms each in
//! release. Run with `cargo bench --bench charts`.

// Test and bench helpers may panic on a broken fixture: that is a failed test, not a user error.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::hint::black_box;

use chrono::{Days, NaiveDate};
use criterion::measurement::WallTime;
use criterion::{criterion_group, criterion_main, BenchmarkGroup, Criterion};
use fanplan::chart::{
    compare_png, histogram_png, portfolio_png, timeline_png, trajectory_png, ChartError, ChartSize,
    CompareChart, CompareRow, HistogramChart, Look, Png, PortfolioChart, TimelineChart,
    TimelineStep, TrajectoryChart, TrajectoryPoint,
};
use fanplan::i18n::Lang;

/// Small deterministic generator so the bench needs no extra dependencies.
struct Lcg(u64);

impl Lcg {
    fn uniform(&mut self) -> f64 {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        ((self.0 >> 11) as f64) / ((1u64 << 53) as f64)
    }

    fn normal(&mut self) -> f64 {
        let u = self.uniform().max(1e-12);
        let v = self.uniform();
        (-2.0 * u.ln()).sqrt() * (std::f64::consts::TAU * v).cos()
    }
}

fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap_or_default()
}

fn percentile(sorted: &[f64], q: f64) -> f64 {
    if sorted.is_empty() {
        return f64::NAN;
    }
    sorted[((sorted.len() - 1) as f64 * q).round() as usize]
}

fn trajectory() -> TrajectoryChart {
    let start = day(2026, 3, 1);
    let points = (0..61u64)
        .map(|i| {
            let t = i as f64;
            let after = (t - 7.0).max(0.0);
            let p50 = 120_000.0 - 28_000.0 * (1.0 - (-after / 6.0).exp())
                + 9_000.0 * (1.0 - (-after / 20.0).exp());
            let spread = 200.0 + 90.0 * after;
            TrajectoryPoint {
                date: start + Days::new(i),
                mean: p50 - 0.25 * spread,
                p5: p50 - 1.9 * spread,
                p10: p50 - 1.4 * spread,
                p50,
                p90: p50 + 1.1 * spread,
                p95: p50 + 1.5 * spread,
            }
        })
        .collect();
    TrajectoryChart {
        title: "Audience forecast — Example Account".into(),
        points,
        transfer: Some(day(2026, 3, 8)),
        settled: Some(day(2026, 4, 12)),
        start_audience: 120_000.0,
        threshold: None,
    }
}

fn histogram() -> HistogramChart {
    let mut rng = Lcg(7);
    let values: Vec<f64> = (0..10_000)
        .map(|_| (98_000.0 + 4_500.0 * rng.normal()).round())
        .collect();
    let mut sorted = values.clone();
    sorted.sort_by(f64::total_cmp);
    HistogramChart {
        title: "Retained followers after 60 days".into(),
        x_label: "Retained followers".into(),
        p5: percentile(&sorted, 0.05),
        p50: percentile(&sorted, 0.50),
        p95: percentile(&sorted, 0.95),
        values,
    }
}

fn portfolio() -> PortfolioChart {
    let mut rng = Lcg(11);
    PortfolioChart {
        title: "Portfolio retention".into(),
        retention_p50: (0..200)
            .map(|_| (0.68 + 0.09 * rng.normal()).clamp(0.0, 1.0))
            .collect(),
        total_retained: Some((3_812_400.0, 3_951_200.0, 4_087_900.0)),
        accounts: 200,
        weighted_retention: Some(0.68),
        total_cost: Some((118_000.0, 121_500.0, 125_300.0)),
    }
}

fn timeline() -> TimelineChart {
    let mut start = day(2026, 3, 2);
    let steps = (0..10u64)
        .map(|i| {
            let len = [3, 1, 10, 14, 0, 1, 7, 10, 2, 1][i as usize];
            let end_p50 = start + Days::new(len);
            let step = TimelineStep {
                label: format!("Step {}: migration task", i + 1),
                start,
                end_p50,
                end_p90: end_p50 + Days::new(len / 2 + i % 3),
                blocked: i == 3,
            };
            start = end_p50;
            step
        })
        .collect();
    // Weekends of the chart's two months shaded, as `plan --charts` does.
    let days_off = (0..70u64)
        .map(|i| day(2026, 3, 1) + Days::new(i))
        .filter(|d| d.format("%u").to_string().parse::<u32>().unwrap_or(0) >= 6)
        .collect();
    TimelineChart {
        title: "Migration timeline".into(),
        steps,
        days_off,
        provisional: Vec::new(),
    }
}

fn compare() -> CompareChart {
    let rows = (0..8)
        .map(|i| {
            let p50 = 40_000.0 + 9_000.0 * f64::from(i);
            CompareRow {
                label: format!("Scenario {}", i + 1),
                retained_p5: p50 - 7_000.0,
                retained_p50: p50,
                retained_p95: p50 + 6_000.0,
                cost_p50: 5_000.0 + 4_250.0 * f64::from(i),
            }
        })
        .collect();
    CompareChart {
        title: "Scenario comparison".into(),
        rows,
    }
}

/// Benchmarks one chart. It is rendered once outside the timing loop first:
/// a chart that fails would otherwise be "fast" and the numbers meaningless.
fn bench_chart<T>(
    group: &mut BenchmarkGroup<'_, WallTime>,
    name: &str,
    data: &T,
    size: ChartSize,
    look: &Look,
    render: fn(&T, ChartSize, &Look) -> Result<Png, ChartError>,
) {
    match render(data, size, look) {
        Ok(png) if png.len() > 10_000 && png.warnings.is_empty() => {}
        Ok(png) => panic!(
            "{name}: suspiciously small PNG ({} bytes) or warnings {:?}",
            png.len(),
            png.warnings
        ),
        Err(e) => panic!("{name}: {e}"),
    }
    group.bench_function(name, |b| b.iter(|| render(black_box(data), size, look)));
}

/// Chinese scenario ids, as an operator names accounts.
const ZH_IDS: [&str; 8] = [
    "茶馆",
    "城市新闻",
    "读书会",
    "旅行日记",
    "美食地图",
    "健身打卡",
    "亲子课堂",
    "科技前沿",
];

fn bench_charts(c: &mut Criterion) {
    let size = ChartSize::default();
    let en = Look::new(Lang::En);
    let zh = Look::new(Lang::Zh);
    let mut group = c.benchmark_group("charts_1600x1000");
    group.sample_size(20);
    let g = &mut group;
    bench_chart(g, "trajectory", &trajectory(), size, &en, trajectory_png);
    bench_chart(g, "histogram", &histogram(), size, &en, histogram_png);
    bench_chart(g, "portfolio", &portfolio(), size, &en, portfolio_png);
    bench_chart(g, "timeline", &timeline(), size, &en, timeline_png);
    bench_chart(g, "compare", &compare(), size, &en, compare_png);
    let mut traj_zh = trajectory();
    traj_zh.title = "每日总触达粉丝 — 跨主体迁移，120,000 粉丝（模拟 10,000 次）".into();
    bench_chart(g, "trajectory_zh", &traj_zh, size, &zh, trajectory_png);
    let mut compare_zh = compare();
    compare_zh.title = "各方案保留粉丝（P5–P95，标出 P50）".into();
    for (row, id) in compare_zh.rows.iter_mut().zip(ZH_IDS) {
        row.label = id.to_string();
    }
    bench_chart(g, "compare_zh", &compare_zh, size, &zh, compare_png);
    group.finish();
}

criterion_group!(benches, bench_charts);
criterion_main!(benches);
