# fanplan 的简体中文文字。每条消息在 en.ftl 中都有占位符相同的对应消息（由测试检查）。

## Dates (chrono strftime patterns)

date-format = %Y年%-m月%-d日
date-format-axis = %-m月%-d日
date-format-short = %-m月%-d日

## Names of kinds, subjects and routes in readable text (JSON and CSV keep the ids)

kind-subscription = 订阅号
kind-service = 服务号
subject-personal = 个人
subject-enterprise = 企业
subject-government = 政府
subject-media = 媒体
route-subscription_to_subscription = 订阅号迁移至订阅号
route-service_to_service = 服务号迁移至服务号
route-cross_entity = 跨主体迁移

## Charts

chart-forecast-title = { $what } — { $route }，{ $followers } 粉丝（模拟 { $runs } 次，随机种子 { $seed }）
chart-audience-per-day = 每日总触达粉丝
chart-retained-followers = 保留粉丝
chart-retained-followers-log = 保留粉丝（对数坐标）
chart-median = 中位数（P50）
chart-mean = 平均值
chart-p10-p90 = P10–P90
chart-p5-p95 = P5–P95
chart-p5-and-p95 = P5 与 P95
chart-at-least = 末日至少 { $n }（{ $chance }% 的模拟）
chart-starting-audience = 起始粉丝数（{ $n }）
chart-transfer-on = 迁移完成 { $date }
chart-settled-on = 取关观察期结束 { $date }
chart-date = 日期
chart-audience = 总触达粉丝（人）
chart-marker = { $name }：{ $value }
chart-runs = 模拟次数（n = { $n }）
chart-runs-skipped = 模拟次数（n = { $n }）；跳过 { $skipped } 个无效值
chart-runs-axis = 次数
chart-percent = { $value }%
chart-portfolio-title = 账号组合：{ $n } 个账号的留存率
chart-accounts-by-retention = 各账号 P50 留存率分布（n = { $n }）
chart-weighted-rate-marker = 全部粉丝：{ $rate }
chart-weighted-retention = 全部粉丝留存率（P50 合计 ÷ 粉丝数）
chart-weighted-rate = 全部粉丝留存率
chart-portfolio-cost = 总费用（元）
chart-portfolio-total = 组合合计
chart-portfolio-retained = 保留粉丝
chart-accounts = 账号数
chart-rates-charted = 已绘制的留存率
chart-median-rate = 各账号留存率中位数
chart-lowest = 最低
chart-highest = 最高
chart-retention-per-account = 各账号留存率中位数（P50）
chart-compare-title = 各方案保留粉丝（P5–P95，标出 P50），每个方案模拟 { $runs } 次
chart-retained-p50 = 保留粉丝 P50
chart-cost-p50 = 费用 P50（元）
chart-retained-p5-p95 = 保留粉丝，P5–P95
chart-retained-p50-legend = 保留粉丝，P50
chart-plan-title = 计划：{ $what }，{ $start } 开始
chart-plan-migrate = { $subject }{ $kind }{ $route }
chart-plan-close = 注销{ $subject }{ $kind }
chart-ends = 预计 { $p50 } 完成
chart-ends-range = 预计 P50 { $p50 } · P90 { $p90 } 完成
chart-start-to-p50 = 开始至 P50 完成
chart-p50-to-p90 = P50 至 P90 完成
chart-blocked-step = 受阻步骤
chart-day-off = 休息日
chart-provisional-holidays = 暂定假日

## Chart warnings and font errors

warn-missing-glyphs = 警告：{ $file }：没有字体能显示 { $chars }，这 { $count } 个字符画成了方框（可用 --font FILE 指定包含它们的字体）
error-font-read = --font：无法读取字体文件 { $path }
error-font-invalid = --font { $path }：{ $reason }
error-font-not-a-font = 不是 TrueType 或 OpenType 字体
error-font-no-characters = 该字体没有任何字符的字形
