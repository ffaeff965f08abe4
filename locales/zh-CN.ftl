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
subject-organisation = 其他组织
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

## Separators

sep-list = 、
sep-reasons = ；

## Errors in values of flags and cells

input-negative-count = “{ $value }”是负数：请给出 0 或更大的整数
input-not-count = “{ $value }”不是整数（例如 120000、120,000 或 12万）
input-count-out-of-range = “{ $value }”不是整数
input-not-number = “{ $value }”不是数字
input-not-finite = “{ $value }”不是有限的数字
input-not-fee-range = “{ $value }”不是费用区间：请写成以元为单位的 最小-最大（例如 500-1500）或一个数
input-not-date = “{ $value }”不是有效日期，格式应为 YYYY-MM-DD（或 YYYY/M/D）
input-not-bool = “{ $value }”不是布尔值（true/false、yes/no、1/0、是/否）
input-not-days = “{ $value }”不是整数天数
input-not-word = “{ $value }”不是以下之一：{ $allowed }

## Scenario problems (after the flag or column name)

problem-required = 必须提供（原账号的粉丝数，至少为 1）
problem-count-outside = { $value } 超出 1–{ $max } 的范围
problem-count-above = { $value } 大于 { $max }
problem-not-finite = { $value } 不是有限的数字
problem-share-outside = { $value } 超出 0–1 的范围（占原账号粉丝的比例）
problem-growth-outside = { $value } 超出 −0.5 到 0.5 的开区间（每日比例，例如 0.001）
problem-not-fee = { $value } 元不是有效费用（0 到 10^15 之间的数）
problem-reversed = 区间颠倒：{ $min } 大于 { $max }
problem-value-too-high = 每个粉丝 { $value } 元，使账号估值超过 10^15 元
problem-negative = { $value } 元为负数
problem-horizon-outside = { $days } 天超出 1–{ $max } 的范围
problem-start-outside = { $date } 超出 { $first } 至 { $last } 的范围
problem-growth-too-fast = 每日 { $growth }，{ $days } 天后粉丝将超过 10^15；请调低它或缩短 { $horizon }
horizon-column = 模拟期限（horizon 列）
account-not-yuan = { $value } 不是有效的元金额（有限的数，至少为 0）
account-too-far-ahead = { $date } 比开始日期晚 { $max } 天以上

## Violations (M1–M3)

breach-kind-change = { $source }不能迁移至{ $target }：{ $only }
breach-pair = { $from }→{ $to }
breach-only-none = 任何类型都不能迁移
breach-only-one = 只能{ $pair }
breach-only-many = 只能{ $rest }和{ $last }
breach-forbidden-subjects = { $source }主体的账号不能迁移至{ $target }主体的账号
breach-target-too-large = 目标账号已有 { $followers } 粉丝；全部粉丝迁入时目标账号最多只能有 { $max } 粉丝
breach-unverified-target = 目标账号未通过认证
violation = { $rule }  { $message }（{ $source }）

## Warnings

warning-notary-ignored = 公证费已忽略：只有跨主体迁移需要公证费（M5）；若目标账号属于其他主体，请加 --cross-entity
warning-cross-entity-implied = 目标账号的主体类型（{ $target }）与原账号（{ $source }）不同：目标账号属于其他主体，因此为跨主体迁移
warning-funds-assumed-cleared-one = 日期假定资金清算（D4）的阻碍在开始日期已解除
warning-funds-assumed-cleared-several = 日期假定所有资金清算（D4）的阻碍在开始日期已解除
warning-weekends-only = 节假日日历覆盖 { $from } 至 { $to }：超出此范围时按周一至周五计算工作日（法定节假日和调休未知），涉及：{ $steps }
warning-provisional-holidays = { $years } 年的日期基于暂定假日（按 2024 年修订的法定节假日推算；国务院放假通知尚未公布，因此缺少调休上班日）；可用 --holidays 文件 或 FANPLAN_HOLIDAYS 提供通知（用 `fanplan calendar --year { $first }` 查看）
warning-few-runs = 只模拟了 { $runs } 次：尾部（P5、P95）较粗略；请用 --runs 1000 或更多
warning-horizon-before-settled = 模拟期限（第 { $horizon } 天）早于取关观察期结束日的 P90（第 { $day } 天）：许多模拟中粉丝仍在迁移或取关，因此这不是最终粉丝数；请用 --horizon { $day } 或更大
warning-weekends-only-step = { $step }（最晚 { $last }）

## Batch row errors (after the column name)

row-width = 该行有 { $found } 个字段，但表头有 { $expected } 个
row-empty-id = 为空：每行都需要 id
row-not-utf8 = 不是有效的 UTF-8 文本（文件是 GBK 编码吗？试试 --encoding gbk）
row-not-utf8-at = 在文件第 { $offset } 字节处有无效的 UTF-8 字节（文件按 UTF-8 读取：请修正该字节，或将整个文件保存为同一种编码）
row-duplicate-id = id 重复：前面已有相同 id 的行

## Blockers

block-recently-active = 最近一次操作在 { $date }：需要连续 { $days } 天无主动操作
block-balance = { $subject }类型账号余额最多 { $limit } 元：请提现 { $balance } 元余额
block-pending-income = { $subject }类型账号不得有待结算收入：尚有 { $pending } 元待结算
block-notice-running = { $date } 发布的公告尚未满 { $days } 天
block-payment-balance = 剩余 { $balance } 元：关闭微信支付前需提现至不超过 { $limit } 元
blocker = { $rule }：{ $reason }
blocked-step = { $step }：{ $reasons }

## Plan step titles

title-announced = 已于 { $date } 发布停更声明；公告期 { $days } 天（D8）
title-publish-notice = 发布停更声明，提前 { $days } 日公告（D8）
title-quiet-since = 自最近一次操作（{ $date }）起连续 { $days } 天无主动操作（D1）
title-stop-operations = 停止群发消息和菜单更新：连续 { $days } 天无主动操作（D1）
title-backup = 备份图文、用户互动记录和统计报表（B1、B2）
title-unbind = 解除绑定：{ $what }（D6）
unbind-mini-programs = { $n } 个小程序
unbind-third-party = { $n } 个第三方平台
unbind-ad-account = 广告主账户（在腾讯广告平台单独申请停用）
title-close-payment = 在微信支付商户平台提交注销申请；资金冻结期 { $days } 个工作日，期间仍需处理退款（D5）
title-submit = 提交注销申请（设置 → 账号详情 → 注销账号），材料：{ $materials }（D2）
title-submit-offline = 提交注销申请（设置 → 账号详情 → 注销账号），材料：{ $materials }，线下提交（D2）
title-review = 注销申请审核（{ $subject }类型账号）：{ $min }–{ $max } 个工作日（D3）
title-freeze = 验证码发送至管理员微信，{ $minutes } 分钟内输入确认；进入 { $days } 天冻结期，期间可撤销注销（D7）
title-deletion = 确认后第 { $day } 天系统自动删除所有记录；粉丝全部流失（D7）
title-name-cooldown = 账号名称立即释放，但同一主体 { $days } 天内不得申请同名公众号（D9）
title-notarise = 办理迁移申请函公证（M5）
title-notarise-cross-entity = 为跨主体迁移办理迁移申请函公证（M5）
title-apply = 申请账号迁移，支付 { $fee } 元审核费（M4）
title-review-transfer = 审核并迁移粉丝（{ $route }）：{ $min }–{ $max } 天（M6）
title-unfollow-window = 系统自动推送迁移告知，{ $days } 天内用户可自主取消关注（M7）
title-source-closed = 迁移完成后原账号自动注销（M8）

## Plan step notes

note-mass-message = 以群发消息发布的公告也算主动操作：天数从该次群发重新计算
note-export-batches = { $articles } 篇图文：分 { $batches } 批导出，单次最多导出 { $per } 篇（B1）
note-export-batch-size = 图文分批导出，单次最多 { $per } 篇（B1）；用 --articles N 给出篇数即可算出批次
note-interactions-kept = 用户互动记录保留 { $days } 天：{ $date } 之前的已无法获取（B2）
note-statistics-kept = 后台仅保留最近 { $months } 个月报表（自 { $date } 起）：历史数据需手动截图保存（B2）
note-ad-revenue-kept = 广告收益报表可追溯 { $months } 个月（自 { $date } 起）（B2）
note-deadline = 此步骤的结束日即截止日：须在“{ $step }”之前完成
note-offline = { $subject }类账号须通过线下渠道提交书面材料（D2），须在工作日
note-notice-kept = 在这一天申请，即使迁移最快 { $shortest } 天完成（M6），原账号注销（M8）前也满 { $notice } 天公告期（D8）
note-retention = 粉丝留存率 { $min }%–{ $max }%（M6）
note-licence-reuse = 企业营业执照需等待 { $days } 天冷却期：自 { $date }（P50）起可再用（D9）

## plan and plan --options tables

plan-length-deadline = 截止日
plan-length-same-day = 当天
plan-length-working-day = { $n } 个工作日
plan-length-working-days = { $n } 个工作日
plan-length-day = { $n } 天
plan-length-days = { $n } 天
plan-status-ready = 可开始
plan-status-todo = 待办
plan-status-blocked = 受阻
plan-head-migrate = 计划：{ $subject }{ $kind }（{ $followers } 粉丝），{ $route }
plan-head-close = 计划：注销{ $subject }{ $kind }
plan-head-run = 开始 { $start } · 模拟 { $runs } 次 · 随机种子 { $seed } · 规则库 { $rules } { $version }
plan-col-step = 步骤
plan-col-rule = 规则
plan-col-length = 时长
plan-col-start = 开始
plan-col-end-p50 = 结束 P50
plan-col-end-p90 = 结束 P90
plan-col-status = 状态
plan-col-cost = 费用（元）
plan-after = 前置步骤：{ $steps }
plan-blocked-until = 受阻，最早 { $date } 解除：{ $reason }
plan-blocked = 受阻：{ $reason }
plan-finish-migrate = 取关观察期结束
plan-finish-close = 账号删除
plan-finish = 完成：P50 { $p50 }，P90 { $p90 }（{ $what }）
plan-cost = 费用：{ $cost } 元
plan-followers-kept = 粉丝：保留 P5 { $p5 }、P50 { $p50 }、P95 { $p95 }（共 { $of }）
plan-audience = 完成时总触达粉丝（两个账号）：P5 { $p5 }、P50 { $p50 }、P95 { $p95 }
plan-followers-lost = 粉丝：全部 { $n } 流失
plan-followers-all-lost = 粉丝：全部流失
plan-chance = 完成时总触达粉丝至少 { $threshold } 的概率：{ $chance }
plan-name = 名称：同一主体最早 P50 { $p50 }、P90 { $p90 } 可再次申请同名；营业执照 P50 { $licence } 起可再用（D9）
warning-line = 警告：{ $text }
note-line = 提示：{ $text }
plan-forbidden = 没有迁移计划：规则禁止此次迁移。
options-head = 账号可选的方式 · 开始 { $start } · 每种模拟 { $runs } 次 · 随机种子 { $seed } · 规则库 { $rules } { $version }
options-ranked-by = 按完成时总触达粉丝（P50）排序，其次按费用（P50）
options-col-way = 方式
options-col-route = 迁移类型
options-col-audience = 总触达 P50
options-col-kept = 保留 P5–P95
options-col-finish-p50 = 完成 P50
options-col-finish-p90 = 完成 P90
options-col-blocked = 受阻
options-not-blocked = 否
options-blocked-steps = { $n } 个步骤
options-forbidden-by = 被 { $rules } 禁止
options-forbidden = 禁止：
options-forbidden-line = { $way }：{ $rule } { $message }（{ $source }）
options-blocked = 受阻：
options-see = 查看某种方式的具体日期步骤：fanplan plan --goal migrate|close（使用相同参数）

## check table

check-followers = （{ $n } 粉丝）
check-head = { $source-subject }{ $source-kind }{ $followers } → { $target-subject }{ $target-kind }{ $entity }{ $verified }
check-other-entity = ，属于其他主体
check-same-entity = ，同一主体
check-verified = ，已认证
check-not-verified = ，未认证
check-allowed-yes = 可以迁移：是
check-route = 迁移类型：{ $route }（M6）：{ $min }–{ $max } 天，粉丝留存率 { $low }–{ $high }
check-fees = 费用：审核费 { $review } 元（M4）
check-fees-notary = {" "}+ 公证费 { $min }–{ $max } 元（M5）
check-then = 之后：迁移完成后 { $days } 天内粉丝可自主取消关注（M7）；迁移完成后原账号自动注销（M8）。
check-allowed-no = 可以迁移：否 — 违反 { $n } 条规则
check-see-options = 查看此账号可选的方式：fanplan plan --options

## Errors written by the command line

error-line = 错误：{ $text }
error-caused-by = 原因：{ $text }

## simulate table

sim-head = { $subject }{ $kind }，{ $followers } 粉丝 → { $route }（目标账号 { $target } 粉丝，重叠 { $overlap }）
sim-run = 模拟 { $runs } 次{ $how } · 随机种子 { $seed } · 留存率分布：{ $dist ->
        [uniform] 均匀分布
        [triangular] 三角分布
       *[pert] PERT 分布
    } · 规则库 { $rules } { $version } · 开始 { $start } · 模拟期限 { $horizon } 天
sim-col-mean = 平均值
sim-retention-rate = 粉丝留存率
sim-retained = 保留粉丝
sim-lost = 流失粉丝
sim-audience-on-day = 第 { $day } 天总触达粉丝
sim-transfer-day = 迁移完成日（第几天）
sim-settled-day = 取关观察期结束日（第几天）
sim-cost = 费用（元）
sim-cost-per-kept = 每保留粉丝成本（元）
sim-lost-value = 流失价值（元）
sim-transfer-date = 迁移完成日期  P10 { $p10 }  P50 { $p50 }  P90 { $p90 }
sim-settled-date = 观察期结束日期  P10 { $p10 }  P50 { $p50 }  P90 { $p90 }
sim-chance = 第 { $day } 天总触达粉丝至少 { $threshold } 的概率：{ $chance }
sim-precision = 精度：第 { $day } 天总触达粉丝的 95% 区间：{ $line }；比区间更细的位数已舍去。
sim-assumptions = 生效的假设（{ $ids }）：见 `fanplan rules`。保留粉丝均值的标准误：{ $se }。

## compare table

compare-head = { $n } 个方案，按保留粉丝（P50）排序，其次按费用 · 每个模拟 { $runs } 次 · 随机种子 { $seed } · 规则库 { $rules }
compare-col-scenario = 方案
compare-col-route = 迁移类型
compare-col-kept-p5 = 保留 P5
compare-col-kept-p50 = 保留 P50
compare-col-kept-p95 = 保留 P95
compare-col-settled-p50 = 观察期结束 P50
compare-col-settled-p90 = 观察期结束 P90
compare-col-cost-p50 = 费用 P50
compare-col-cost-p95 = 费用 P95
compare-col-at-least = P(总触达 ≥ { $n })
compare-forbidden = 被规则禁止：
compare-forbidden-row = { $id }（第 { $line } 行）
compare-forbidden-row-under = { $id }（第 { $line } 行，规则库 { $rules }）
compare-col-rules = 规则库
compare-rejected = { $n } 行无法读取（见上方错误）。

## rules table. rule-*: the article's own wording, shown in Chinese where a rule's numbers are
## the seed rulebook's (the English twins keep the files in step); the stmt-* messages below
## state any rulebook from its numbers.

rules-head = 规则库 { $name } { $version } — { $source }
rules-assumption = 假设：{ $text }
rules-col-route = 迁移类型
rules-col-days = 耗时（天）
rules-col-retention = 粉丝留存率
rules-col-fees = 费用（元）
rules-fees-notary = { $review } + 公证费 { $min }–{ $max }
rules-unfollow = 取关观察期（M7）：{ $days } 天，每日流失占比：{ $weights }
rules-note = 说明：{ $text }
rules-own-statement = 说明（规则文件自己的表述）：{ $text }
rules-confidence = 可信度：{ $text }
rules-col-closing = 注销
rules-col-review = 审核时长（工作日）
rules-col-funds = 资金清算要求（D4）
rules-col-materials = 必要材料（D2）
rules-funds-balance = 余额 ≤ { $limit } 元
rules-funds-pending = 无待结算收入
rules-funds-payment-closed = 关闭支付功能
rules-offline = （线下提交）

## Rule statements, written from the rulebook's numbers (`fanplan rules`, JSON `statement`)

stmt-kind = { $kind ->
        [subscription] 订阅号
       *[service] 服务号
    }
stmt-subject = { $subject ->
        [personal] 个人号
        [enterprise] 企业号
        [government] 政府机构号
        [media] 媒体号
       *[organisation] 其他组织号
    }
stmt-route = { $route ->
        [subscription_to_subscription] 订阅号→订阅号
        [service_to_service] 服务号→服务号
       *[cross_entity] 跨主体迁移
    }
sep-and = 和
sep-or = 或
sep-materials = {" + "}
stmt-yuan = { $amount } 元
stmt-yuan-range = { $min }–{ $max } 元
stmt-M1-same = 只能同类型迁移：订阅号与服务号不可互转，订阅号→订阅号，服务号→服务号。
stmt-M1-none = 任何类型的公众号都不能迁移。
stmt-M1-pairs = 只能按以下类型迁移：{ $pairs }。
stmt-M2-any = 任何主体类型之间均可迁移。
stmt-M2-closed = 任何主体都不能迁移至{ $target }
# $first chooses "a" or "an" in English; Chinese needs no article.
stmt-M2-source = { $source }不能迁移至{ $first ->
       *[other] { $targets }
    }
stmt-M2 = { $parts }。
stmt-M3-yes = 目标账号必须通过认证。
stmt-M3-no = 目标账号无需通过认证。
stmt-M4 = 每次迁移需支付 { $fee } 元审核费。
stmt-M5-none = 迁移无需支付公证费。
stmt-M5-cross = 跨主体迁移还需支付公证费（{ $amount }）。
stmt-M5-all = 每次迁移都需提交经公证的申请函，另付公证费（{ $amount }）。
stmt-M5-some = { $routes }还需支付公证费（{ $amount }）。
stmt-M6-route = { $route } { $min }–{ $max } 天，粉丝留存率 { $rmin }–{ $rmax }
stmt-M6 = 迁移类型：{ $parts }。
stmt-M7 = 系统自动推送迁移告知，{ $days } 天内用户可自主取消关注。
stmt-M8-yes = 迁移完成后原账号自动注销。
stmt-M8-no = 迁移完成后原账号保留，不自动注销。
stmt-M9 = 全部粉丝迁移时，目标账号最多只能有 { $n } 个粉丝。
stmt-M9-none = 目标账号的粉丝数不受限制。
stmt-D1 = 申请注销前需连续 { $days } 天无主动操作记录（群发消息、菜单更新等）。
stmt-D2-subject = { $subject }——{ $materials }{ $offline ->
        [yes] ，须通过线下渠道提交书面材料
       *[other] {""}
    }
stmt-D2 = 必要材料：{ $parts }。
stmt-D3-subject = { $subject } { $min }–{ $max } 个工作日
stmt-D3 = 审核时长：{ $parts }。
stmt-funds-balance = 余额 ≤ { $limit } 元
stmt-funds-pending = 无待结算收入
stmt-funds-closed = 关闭支付功能
stmt-funds-id = { $funds ->
        [balance] 余额上限
        [pending_income] 无待结算收入
       *[other] 关闭支付功能
    }
stmt-D4-subject = { $subject }——{ $funds }
stmt-D4 = 资金清算要求：{ $parts }。开通微信支付的账号剩余金额超过 { $limit } 元将无法注销。
stmt-D5 = 关闭微信支付：在商户平台提交注销申请，等待 { $days } 个工作日的资金冻结期；期间如有退款请求仍需处理。
stmt-D6 = 注销前需解除所有绑定：小程序、第三方平台、广告主账户。
stmt-tier-first = 粉丝 { $n } 以内 { $days } 天
stmt-tier-next = { $n } 以内 { $days } 天
stmt-tier-only = { $days } 天
stmt-tier-above = 超过则 { $days } 天
stmt-D7-flat = { $minutes } 分钟内输入验证码确认；之后进入 { $days } 天冻结期，期间可撤销注销；第 { $deleted } 天系统自动删除所有记录。
stmt-D7-tiers = { $minutes } 分钟内输入验证码确认；之后进入冻结期，期间可撤销注销，时长按粉丝数：{ $tiers }；冻结期结束后 { $after } 天系统自动删除所有记录。
stmt-D8 = 终止服务应提前 { $days } 日公告（停更声明）。
stmt-D9 = 账号名称立即释放，但同一主体 { $name } 天内不得申请同名公众号；企业营业执照需等待 { $licence } 天冷却期。
stmt-B1 = 图文备份：单次最多导出 { $n } 篇，超过数量需分批次操作。
stmt-B2 = 用户互动记录保留 { $interaction } 天；后台仅保留最近 { $statistics } 个月统计报表；广告收益报表 { $ads } 个月。
stmt-value-yes = 是
stmt-value-no = 否
stmt-value-none = 无

## rules --list and rules --diff

list-col-name = 名称
list-col-version = 版本
list-col-file = 文件
list-col-source = 来源
list-default = { $name }（默认）
list-choose = 用 `fanplan --rules 名称 …` 选用其一，或给出 TOML 文件；用 `fanplan rules --diff A B` 比较两个规则库。
diff-head = { $a } { $va } → { $b } { $vb }：{ $n } 项设置不同
diff-sources = 来源：
diff-not-in-rulebook = （此规则库中没有）

## Precision words

share-of-runs = { $pct } 的模拟
share-with-interval = { $share }，95% 区间 { $interval }
share-cell = { $share }（{ $interval }）
precision-reached = （已足以使最终粉丝数的 P5、P50、P95 精确到 ±{ $pct }%）
precision-ceiling = （已达模拟次数上限：未达到 ±{ $pct }%，请提高 --runs）
sampling-lhs = （拉丁超立方抽样，10 组重复）

## batch

row-line = 第 { $line } 行
row-id = （id { $id }）
row-reason = ：{ $reason }
row-column-reason = ：{ $column } 列{ $reason }
row-column-value-reason = ：{ $column } 列：{ $reason }
batch-bar = { $rows } 行 · 每秒 { $rate } 行
batch-bar-template = {"{"}bar:32{"}"} {"{"}percent:>3{"}"}% {"{"}msg{"}"} · 剩余 {"{"}eta{"}"}
batch-eta = ，预计还需 { $secs } 秒
batch-progress = 进度：已处理 { $rows } 行，每秒 { $rate } 行{ $eta }
batch-summary = batch：读取 { $read } 行，预测 { $forecast } 行，禁止 { $forbidden } 行，拒绝 { $rejected } 行
batch-summary-empty = ，跳过 { $n } 个空行
batch-summary-time = ，用时 { $secs } 秒
batch-and-more = {" "}等另外 { $n } 列
batch-no-portfolio = 警告：没有任何行得到预测，因此不绘制 portfolio.png
wrote-file = 已写入 { $path }
batch-reading-as = 按 { $encoding } 编码读取 { $path }
batch-unknown-columns = 忽略 { $n } 个未知的列：{ $columns }

## workdays

workdays-weekends-only = 部分计入的日期超出节假日日历（{ $from } 至 { $to }）；这些日期只跳过了周末（法定节假日和调休未知）
error-flag = { $flag }：{ $reason }
error-unexpected-argument = 未知参数 `{ $arg }`；请运行 --help 查看用法
input-not-runs = “{ $value }”不是整数模拟次数
input-outside = { $value } 超出 1–{ $max } 的范围
compare-no-chart = 警告：没有任何方案被允许，因此不绘制 compare.png
error-options-no-chart = --charts：`plan --options` 不绘制图表；请与 --goal 一起使用
error-goal-missing = --goal：请给出 migrate（迁移）或 close（注销），或使用 --options
error-cannot-draw = 无法绘制 { $file }
error-charts-create-folder = --charts：无法创建文件夹 { $path }
error-charts-write = --charts：无法写入 { $path }

## calendar

mark-provisional = * 基于暂定假日
calendar-head = { $year } 年 · 依据：{ $basis ->
        [official] 国务院办公厅放假通知
        [user] --holidays 文件
       *[provisional] 按法定节假日推算（暂定）
    }
calendar-source = 来源：{ $source }
calendar-provisional-source = 《全国年节及纪念日放假办法》（2024）规定的法定节假日；放假通知尚未公布，调休上班日未知
calendar-col-date = 日期
calendar-col-weekday = 星期
calendar-col-kind = 类型
calendar-col-name = 名称
calendar-day-off = 休息日
calendar-working-day = 调休上班日
weekday-Mon = 周一
weekday-Tue = 周二
weekday-Wed = 周三
weekday-Thu = 周四
weekday-Fri = 周五
weekday-Sat = 周六
weekday-Sun = 周日
error-at-least-csv = --at-least：--format csv 输出每日轨迹，无处放置概率；请用 --format table 或 json
error-at-least-plan = --at-least：概率只在 `plan --goal` 的 table 和 json 格式中显示

## Rulebook refusals (after the key)

rb-invalid = 键 `{ $key }`：{ $problem }
rb-malformed = 无法按 TOML 读取：{ $detail }
rb-reversed = 范围颠倒：最小值 { $min } 大于最大值 { $max }
rb-amount = { $value } 不是有效金额（费用或限额须为 0 到 10^15 元之间的有限数）
rb-above-limit = { $value } { $unit ->
        [days] 天
        [working] 个工作日
        [minutes] 分钟
       *[months] 个月
    }超过上限 { $max }
rb-rule-twice = 规则 `{ $id }` 出现了两次
rb-unknown-rule = `{ $id }` 不是 fanplan 适用的规则（M1–M9、D1–D9、B1–B2）
rb-no-source = 规则 `{ $id }` 没有注明来源（source）
rb-rule-missing = 缺少规则 `{ $id }`（每个规则库都须列出 M1–M8、D1–D9、B1–B2）
rb-m9-not-stated = 缺少规则 `M9`：已设置 migration.target_followers_max，请注明其来源
rb-m9-no-cap = 列出了规则 `M9`，但没有设置上限
rb-list-and-switch = `migration.{ $list }` 与旧版的 `migration.{ $switch }` 只能给出其一
rb-missing = 缺少此项
rb-pair-twice = { $from } → { $to } 重复列出
rb-window-outside = { $days } 不在 1–{ $max } 天之内
rb-ratio-and-weights = `ratio` 与 `weights` 只能给出其一
rb-ratio-not-positive = { $ratio } 必须是大于 0 的有限数
rb-ratio-outside = { $ratio } 不在 { $low }–{ $high } 之内（每天流失量与前一天之比）
rb-weights-count = 取关观察期 { $window } 天，却给出了 { $count } 个权重（每天一个）
rb-weights-invalid = 权重必须是不小于 0 的有限数，且不能全为 0
rb-weights-overflow = 取关观察期的权重溢出：其和必须是大于 0 的有限数
rb-route-missing = 缺少此迁移类型
rb-duration-implausible = 超过 { $max } 天的耗时不合理
rb-retention-outside = 留存率 { $value } 不在 0–1 之内
rb-mode-outside = 众数 { $mode } 不在范围 { $min }–{ $max } 之内
rb-no-tiers = 没有分档：请给出天数，或至少一个分档
rb-last-tier-bounded = 最后一档没有上限：请去掉 up_to_followers
rb-tier-unbounded = 只有最后一档可以省略 up_to_followers
rb-tiers-not-ascending = { $max } 不大于上一档（{ $prev }）：请按升序列出各档
rb-deletion-in-freeze = 第 { $day } 天删除落在 { $freeze } 天冻结期之内
rb-deletion-day-with-tiers = 冻结期按粉丝数分档时，请改用 deletion_days_after_freeze
rb-deletion-after-zero = 至少为 1（记录在冻结期结束后删除）
rb-deletion-both = deletion_day 与 deletion_days_after_freeze 只能给出其一
rb-deletion-missing = 缺少此项：冻结期结束后何时删除记录
rb-subject-missing = 缺少此主体类型
rb-no-materials = 没有列出材料
rb-balance-limit-required = funds = "balance" 时必须给出
rb-at-least-one = 至少为 1

## Chart errors

chart-error-too-small = 图表尺寸 { $width }x{ $height } 太小（最小 400x300）
chart-error-too-large = 图表尺寸 { $width }x{ $height } 太大（最大 8000x8000）
chart-error-invalid-size = 无效的图表尺寸“{ $input }”：{ $reason ->
        [no-x] 宽和高之间缺少 x
        [width] 宽度不是整数
        [height] 高度不是整数
        [too-small] 尺寸太小
       *[too-large] 尺寸太大
    }；应写作 宽x高，如 1600x1000，范围 400x300 到 8000x8000
chart-error-no-data = 没有可绘制的数据：{ $chart ->
        [histogram] 直方图
        [trajectory] 粉丝走势图
        [portfolio] 账号组合图
        [timeline] 时间线
       *[comparison] 对比图
    }中没有有效数值
chart-error-font = 无法加载图表字体：{ $detail }
chart-error-drawing = 绘制图表失败：{ $detail }
chart-error-encode = 图表编码为 PNG 失败：{ $detail }

## I/O errors (English: the system's words; Chinese: by kind)

io-error = { $kind ->
        [not-found] 文件或文件夹不存在
        [permission-denied] 没有权限
        [already-exists] 已经存在
        [is-a-directory] 这是一个文件夹
        [not-a-directory] 路径中有一项不是文件夹
        [invalid-data] 数据无效
        [storage-full] 磁盘已满
        [read-only-filesystem] 文件系统只读
        [broken-pipe] 输出管道已关闭
       *[other] { $text }
    }

## Errors reading rulebooks and holiday files

error-rulebook-read = 无法读取规则库 { $path }（内置规则库：{ $names }）
error-rulebook-not-utf8 = 规则库 { $path }：不是 UTF-8 文本（第 { $byte } 字节无效）；请另存为 UTF-8
error-rulebook = 规则库 { $path }：{ $reason }
error-rulebook-builtin = 内置规则库 { $name }：{ $reason }
error-holidays-embedded = 内置节假日数据：{ $reason }
error-holidays-read = --holidays：无法读取 { $path }
error-holidays-not-utf8 = --holidays { $path }：不是 UTF-8 文本（第 { $byte } 字节无效）；请另存为 UTF-8
error-holidays = --holidays { $path }：{ $reason }

## Output files

stream-stdout = 标准输出
stream-stderr = 标准错误输出
error-cannot-write = 无法写入 { $what }：{ $reason }
error-output-is-input = { $flag } { $path } 是{ $input ->
        [none] 输入文件
       *[other] { $input } 文件
    }：拒绝覆盖
error-outputs-same-file = { $flag } 与 { $other } 指向同一个文件 { $path }
error-output-is-folder = { $flag }：无法创建文件 { $path }：这是一个文件夹
error-create-folder = { $flag }：无法创建文件夹 { $path }
error-create-file = { $flag }：无法创建 { $path }
error-output-read-only = { $flag }：{ $path } 是只读文件：拒绝替换（加 --force 可替换）
error-output-sticky = { $flag }：无法替换 { $path }：它属于另一个用户，且所在文件夹设置了粘滞位

## man, help, workdays, calendar

error-help-unknown = help：`{ $name }` 不是 fanplan 的命令（见 `fanplan --help`）
error-add-not-days = `{ $value }` 不是工作日天数（应为 0 到 { $max } 的整数）
error-add-past = --add：{ $from } 之后 { $add } 个工作日已超过 { $last }，即 fanplan 能处理的最后日期
error-year-outside = --year：{ $year } 不在 { $first }–{ $last } 之内（日历所含的年份）

## Input tables, batch and compare

input-stdin = 标准输入
error-input-open = 无法打开输入文件 { $path }
error-input-read = 无法读取输入 { $path }
error-input-header = { $path }：{ $reason }
header-empty = 输入为空：需要一行表头列出各列（至少 id、followers）
header-missing = 缺少必需的列 `{ $column }`（表头至少要有 id 和 followers）
header-separator = 缺少必需的列 `{ $missing }`：表头只有一个字段，其中含有{ $separator ->
        [semicolon] 分号 `;`，文件似乎用分号
       *[tab] 制表符，文件似乎用制表符
    }分隔各列；fanplan 读取逗号分隔的文件（Excel 中：另存为“CSV UTF-8（逗号分隔）”）
header-repeated = 表头中列 `{ $column }` 出现了两次
column-empty-name = （第 { $column } 列，无列名）
error-threads = 无法启动工作线程
error-correlation = `{ $value }` 不是 0 到 1 之间的数（如 0.5）
error-precision-with = --precision 不能与 { $flag } 同时使用：各行在不同的模拟次数停止，而组合合计要逐次相加各行
error-correlation-lhs = --correlation 不能与 --sampling lhs 同时使用：账号合计按每次模拟逐次相加，需要相互独立的抽样
error-compare-max-rows = { $path }：compare 最多处理 { $max } 行；更多行请用 `fanplan batch`
error-rules-set-with-rules = --rules-set：所有规则库都请在这里给出，不要再加 --rules
error-rules-set-same-name = --rules-set：有两个规则库都叫 `{ $name }`（{ $path }）；每个规则库需要各自的名称才能区分
error-rules-set-empty = --rules-set：没有给出规则库
error-settle-past = --start：粉丝要到 { $year } 年才稳定，晚于 { $last }；请提前开始
error-plan-past = --start：计划将在 { $year } 年结束，晚于 { $last }；请提前开始
error-calendar-days-overflow = 日期超出范围：{ $from } 之后 { $days } 个自然日已超过所支持的最后日期 { $max }
error-working-days-overflow = 日期超出范围：{ $from } 之后 { $days } 个工作日已超过所支持的最后日期 { $max }
error-yuan-negative = { $value } 元是负数
error-not-small-count = `{ $value }` 不是整数（应为 0 到 { $max }）

## Holiday files

holidays-at = 第 { $line } 行，键 `{ $key }`：{ $problem }
holidays-syntax = 无法按 TOML 读取：{ $detail }
holidays-bad-date = `{ $value }` 不是日期 YYYY-MM-DD，也不是日期范围 YYYY-MM-DD..YYYY-MM-DD
holidays-outside-year = { $date } 不在 { $year } 年之内
holidays-off-and-work = { $date } 同时被列为休息日和工作日
holidays-year-twice = { $year } 年出现了两次
holidays-year-outside = { $year } 年不在 { $min }–{ $max } 之内

# prec2
compare-totals = { $n } 个允许的方案按每次运行加总{ $rules }（相关系数 { $rho }）：保留粉丝 P5 { $p5 }、P50 { $p50 }、P95 { $p95 }；费用 P50 { $cost } 元
compare-totals-rules = （规则集 { $rules }）

## Closing documents named by the built-in rulebooks (D2)

material-id-card = 身份证正反面
material-business-licence = 营业执照
material-official-letter = 加盖公章的公函
material-organisation-code = 组织机构代码证

## How sure a built-in rulebook's sources are

confidence-article = 原文
confidence-several-pages = 多个页面一致
confidence-one-page = 仅一个页面
confidence-durations-one-page = 时长仅一个页面；留存率依原文
confidence-letter-fee = 申请函多个页面一致；费用仅一个页面
confidence-service-subscription = 多个页面一致；服务号迁移至订阅号仅一个页面
