# fanplan's words in English. Every message here has a twin with the same
# placeholders in zh-CN.ftl (a test checks it).

## Dates (chrono strftime patterns)

date-format = %Y-%m-%d
date-format-axis = %Y-%m-%d
date-format-short = %m-%d

## Names of kinds, subjects and routes in readable text (JSON and CSV keep the ids)

kind-subscription = subscription
kind-service = service
subject-personal = personal
subject-enterprise = enterprise
subject-government = government
subject-media = media
subject-organisation = organisation
route-subscription_to_subscription = subscription_to_subscription
route-service_to_service = service_to_service
route-cross_entity = cross_entity

## Charts

chart-forecast-title = { $what } — { $route }, { $followers } followers ({ $runs } runs, seed { $seed })
chart-audience-per-day = Audience per day
chart-retained-followers = Retained followers
chart-retained-followers-log = Retained followers (log scale)
chart-median = Median (P50)
chart-mean = Mean
chart-p10-p90 = P10–P90
chart-p5-p95 = P5–P95
chart-p5-and-p95 = P5 and P95
chart-at-least = At least { $n } on the last day ({ $chance }% of runs)
chart-starting-audience = Starting audience ({ $n })
chart-transfer-on = Transfer { $date }
chart-settled-on = Settled { $date }
chart-date = Date
chart-audience = Audience (followers)
chart-marker = { $name }: { $value }
chart-runs = Simulated runs (n = { $n })
chart-runs-skipped = Simulated runs (n = { $n }); { $skipped } non-finite skipped
chart-runs-axis = Runs
chart-percent = { $value }%
chart-portfolio-title = Portfolio: retention of { $n } accounts
chart-accounts-by-retention = Accounts by P50 retention (n = { $n })
chart-weighted-rate-marker = All followers: { $rate }
chart-weighted-retention = Retention of all followers (P50 total ÷ followers)
chart-weighted-rate = All followers
chart-portfolio-cost = Total cost (yuan)
chart-portfolio-total = Portfolio total
chart-portfolio-retained = retained followers
chart-accounts = Accounts
chart-rates-charted = Rates charted
chart-median-rate = Median of account rates
chart-lowest = Lowest
chart-highest = Highest
chart-retention-per-account = Median (P50) retention rate per account
chart-compare-title = Followers kept by scenario (P5–P95, P50 marked), { $runs } runs each
chart-retained-p50 = Retained P50
chart-cost-p50 = Cost P50 (yuan)
chart-retained-p5-p95 = Retained followers, P5–P95
chart-retained-p50-legend = Retained followers, P50
chart-plan-title = Plan: { $what }, start { $start }
chart-plan-migrate = migrate the { $subject } { $kind } account by { $route }
chart-plan-close = close the { $subject } { $kind } account
chart-ends = ends { $p50 }
chart-ends-range = ends P50 { $p50 } · P90 { $p90 }
chart-start-to-p50 = Start to P50 finish
chart-p50-to-p90 = P50 to P90 finish
chart-blocked-step = Blocked step
chart-day-off = Day off
chart-provisional-holidays = Provisional holidays

## Chart warnings and font errors

warn-missing-glyphs = warning: { $file }: no font can draw { $chars }; { $count ->
        [one] it is drawn as a box (--font FILE can name a font that has it)
       *[other] they are drawn as boxes (--font FILE can name a font that has them)
    }
error-font-read = --font: cannot read the font file { $path }
error-font-invalid = --font { $path }: { $reason }
error-font-not-a-font = not a TrueType or OpenType font
error-font-no-characters = the font maps no character to a glyph

## Separators

sep-list = {", "}
sep-reasons = {"; "}

## Errors in values of flags and cells

input-negative-count = `{ $value }` is negative: give a whole number, 0 or more
input-not-count = `{ $value }` is not a whole number (e.g. 120000, 120,000 or 12万)
input-count-out-of-range = `{ $value }` is not a whole number
input-not-number = `{ $value }` is not a number
input-not-finite = `{ $value }` is not a finite number
input-not-fee-range = `{ $value }` is not a fee range: write MIN-MAX in yuan (e.g. 500-1500) or one number
input-not-date = `{ $value }` is not a real date in the form YYYY-MM-DD (or YYYY/M/D)
input-not-bool = `{ $value }` is not a boolean (true/false, yes/no, 1/0, 是/否)
input-not-days = `{ $value }` is not a whole number of days
input-not-word = `{ $value }` is not one of: { $allowed }

## Scenario problems (after the flag or column name)

problem-required = is required (the source account's follower count, at least 1)
problem-count-outside = { $value } is outside 1–{ $max }
problem-count-above = { $value } is above { $max }
problem-not-finite = { $value } is not a finite number
problem-share-outside = { $value } is outside 0–1 (a share of the source's followers)
problem-growth-outside = { $value } is outside the open range −0.5 to 0.5 (a share per day, e.g. 0.001)
problem-not-fee = { $value } yuan is not a fee (a number from 0 to 10^15)
problem-reversed = the range is reversed: { $min } is above { $max }
problem-value-too-high = { $value } yuan a follower values the account above 10^15 yuan
problem-negative = { $value } yuan is negative
problem-horizon-outside = { $days } days is outside 1–{ $max }
problem-start-outside = { $date } is outside { $first } to { $last }
problem-growth-too-fast = { $growth } a day over { $days } days grows the audience past 10^15; lower it or shorten { $horizon }
horizon-column = the horizon (column horizon)
account-not-yuan = { $value } is not an amount of yuan (a finite number, at least 0)
account-too-far-ahead = { $date } is more than { $max } days after the start

## Violations (M1–M3)

breach-kind-change = a { $source } account cannot migrate into a { $target } account: { $only }
breach-pair = { $from } → { $to }
breach-only-none = no kind may migrate
breach-only-one = only { $pair }
breach-only-many = only { $rest } and { $last }
breach-forbidden-subjects = { $source ->
        [enterprise] an
        [organisation] an
       *[other] a
    } { $source }-subject account cannot migrate into { $target ->
        [enterprise] an
        [organisation] an
       *[other] a
    } { $target }-subject account
breach-target-too-large = the target account has { $followers } followers; when all followers move it may have at most { $max }
breach-unverified-target = the target account is not verified
violation = { $rule }  { $message } ({ $source })

## Warnings

warning-notary-ignored = the notary fee is ignored: only a cross-entity migration pays one (M5); add --cross-entity if the target belongs to another legal entity
warning-cross-entity-implied = the target's subject ({ $target }) differs from the source's ({ $source }): the target belongs to another legal entity, so the migration is cross-entity
warning-funds-assumed-cleared-one = the dates assume the funds blocker (D4) is cleared on the start date
warning-funds-assumed-cleared-several = the dates assume the funds blockers (D4) are cleared on the start date
warning-weekends-only = the holiday calendar covers { $from } to { $to }: outside it, working days were assumed to be Monday to Friday (public holidays and make-up days unknown) for { $steps }
warning-provisional-holidays = dates in { $years } rest on provisional holidays (the statutory days of the 2024 law; the State Council's notice is not known, so make-up working days are missing); supply the notice with --holidays FILE or FANPLAN_HOLIDAYS (check with `fanplan calendar --year { $first }`)
warning-few-runs = only { $runs } runs: the tails (P5, P95) are rough; use --runs 1000 or more
warning-horizon-before-settled = the horizon (day { $horizon }) ends before the settled day's P90 (day { $day }): in many runs followers are still moving or unfollowing, so this is not the final audience; use --horizon { $day } or more
warning-weekends-only-step = { $step } (up to { $last })

## Batch row errors (after the column name)

row-width = the row has { $found } { $found ->
        [one] field
       *[other] fields
    } but the header has { $expected }
row-empty-id = is empty: every row needs an id
row-not-utf8 = is not valid UTF-8 text (is the file GBK? try --encoding gbk)
row-not-utf8-at = holds a byte that is not valid UTF-8 at byte offset { $offset } of the file (the file is read as UTF-8: fix that byte, or save the whole file in one encoding)
row-duplicate-id = duplicate id: an earlier row has the same id

## Blockers

block-recently-active = last active on { $date }: { $days } days without operations are needed
block-balance = a { $subject } account may keep at most { $limit } yuan: withdraw the { $balance } yuan balance
block-pending-income = a { $subject } account may have no income waiting for settlement: { $pending } yuan is pending
block-notice-running = the notice of { $date } has not run its { $days } days yet
block-payment-balance = { $balance } yuan left: withdraw to at most { $limit } yuan before closing WeChat Pay
blocker = { $rule }: { $reason }
blocked-step = { $step }: { $reasons }

## Plan step titles

title-announced = Announced the end of service on { $date }; the notice runs { $days } days (D8)
title-publish-notice = Publish the end-of-service notice (停更声明), { $days } calendar days in advance (D8)
title-quiet-since = { $days } days without operations since the last one on { $date } (D1)
title-stop-operations = Stop mass messages and menu changes: { $days } consecutive days without operations (D1)
title-backup = Back up articles, interaction records and statistics (B1, B2)
title-unbind = Unbind { $what } (D6)
unbind-mini-programs = { $n } mini program(s)
unbind-third-party = { $n } third-party platform(s)
unbind-ad-account = the ad account (apply at Tencent Ads)
title-close-payment = Cancel WeChat Pay on the merchant platform; funds frozen { $days } working days, refunds still handled (D5)
title-submit = Submit the closing application (设置 → 账号详情 → 注销账号) with: { $materials } (D2)
title-submit-offline = Submit the closing application (设置 → 账号详情 → 注销账号) with: { $materials }, offline (D2)
title-review = Review of the closing application ({ $subject } account): { $min }–{ $max } working days (D3)
title-freeze = Confirm with the code sent to the admin's WeChat within { $minutes } minutes; { $days }-day freeze in which closing can be cancelled (D7)
title-deletion = All records deleted on day { $day } after the confirmation; every follower is lost (D7)
title-name-cooldown = The name is released, but the same entity may apply for it again only after { $days } days (D9)
title-notarise = Have the migration application letter notarised (公证) (M5)
title-notarise-cross-entity = Have the migration application letter notarised (公证) for the cross-entity migration (M5)
title-apply = Apply for the migration (账号迁移) and pay the { $fee } yuan review fee (M4)
title-review-transfer = Review and transfer of the followers ({ $route }): { $min }–{ $max } days (M6)
title-unfollow-window = Followers are notified and may unfollow for { $days ->
        [one] { $days } day
       *[other] { $days } days
    } (M7)
title-source-closed = The source account is closed automatically when the migration completes (M8)

## Plan step notes

note-mass-message = a notice sent as a mass message (群发) is an operation: the days then count from it
note-export-batches = { $articles } articles: { $batches } export batch(es) of at most { $per } articles (B1)
note-export-batch-size = export articles in batches of at most { $per } (B1); give --articles N to count the batches
note-interactions-kept = interaction records are kept { $days } days: those before { $date } are gone (B2)
note-statistics-kept = statistics cover only the last { $months } months (from { $date }): save older ones by screenshot (B2)
note-ad-revenue-kept = ad revenue reports go back { $months } months (from { $date }) (B2)
note-deadline = the step's end is the deadline: finish before `{ $step }`
note-offline = { $subject } accounts submit offline (D2), on a working day
note-notice-kept = applying on this day keeps the { $notice }-day notice (D8) before the source closes (M8), even with the shortest transfer of { $shortest } days (M6)
note-retention = retention { $min }%–{ $max }% of the followers (M6)
note-licence-reuse = a business licence can be used again after { $days } days: from { $date } (P50) (D9)

## plan and plan --options tables

plan-length-deadline = deadline
plan-length-same-day = same day
plan-length-working-day = { $n } working day
plan-length-working-days = { $n } working days
plan-length-day = { $n } day
plan-length-days = { $n } days
plan-status-ready = ready
plan-status-todo = todo
plan-status-blocked = BLOCKED
plan-head-migrate = Plan: migrate the { $subject } { $kind } account ({ $followers } followers) by { $route }
plan-head-close = Plan: close the { $subject } { $kind } account
plan-head-run = start { $start } · { $runs } runs · seed { $seed } · rules { $rules } { $version }
plan-col-step = step
plan-col-rule = rule
plan-col-length = length
plan-col-start = start
plan-col-end-p50 = end P50
plan-col-end-p90 = end P90
plan-col-status = status
plan-col-cost = cost (yuan)
plan-after = after: { $steps }
plan-blocked-until = BLOCKED until { $date }: { $reason }
plan-blocked = BLOCKED: { $reason }
plan-finish-migrate = end of the unfollow window
plan-finish-close = account deleted
plan-finish = Finish:    P50 { $p50 }, P90 { $p90 } ({ $what })
plan-cost = Cost:      { $cost } yuan
plan-followers-kept = Followers: kept P5 { $p5 }, P50 { $p50 }, P95 { $p95 } of { $of }
plan-audience = Audience at the finish (both accounts): P5 { $p5 }, P50 { $p50 }, P95 { $p95 }
plan-followers-lost = Followers: all { $n } lost
plan-followers-all-lost = Followers: all lost
plan-chance = Chance the audience at the finish is at least { $threshold }: { $chance }
plan-name = Name:      the same entity may apply for it again from P50 { $p50 }, P90 { $p90 }; a business licence from P50 { $licence } (D9)
warning-line = warning: { $text }
note-line = note: { $text }
plan-forbidden = No migration plan: the rules forbid this migration.
options-head = Ways open to the account · start { $start } · { $runs } runs each · seed { $seed } · rules { $rules } { $version }
options-ranked-by = ranked by the audience at the finish (P50), then the cost (P50)
options-col-way = way
options-col-route = route
options-col-audience = audience P50
options-col-kept = kept P5–P95
options-col-finish-p50 = finish P50
options-col-finish-p90 = finish P90
options-col-blocked = blocked
options-not-blocked = no
options-blocked-steps = { $n } step(s)
options-forbidden-by = forbidden by { $rules }
options-forbidden = Forbidden:
options-forbidden-line = { $way }: { $rule } { $message } ({ $source })
options-blocked = Blocked:
options-see = See one way's dated steps: fanplan plan --goal migrate|close (with the same flags)

## check table

check-followers = {" "}({ $n } followers)
check-head = { $source-subject } { $source-kind } account{ $followers } → { $target-subject } { $target-kind } account{ $entity }{ $verified }
check-other-entity = {" "}of another legal entity
check-same-entity = {" "}of the same entity
check-verified = , verified
check-not-verified = , not verified
check-allowed-yes = Allowed: yes
check-route = Route:   { $route } (M6): { $min }–{ $max } days, retention { $low }–{ $high }
check-fees = Fees:    review { $review } yuan (M4)
check-fees-notary = {" "}+ notary { $min }–{ $max } yuan (M5)
check-then = Then:    followers may unfollow for { $days ->
        [one] { $days } day
       *[other] { $days } days
    } after the transfer (M7); the source account is closed when it completes (M8).
check-allowed-no = Allowed: no — { $n } { $n ->
        [one] rule
       *[other] rules
    } violated
check-see-options = See the ways open to this account: fanplan plan --options

## Errors written by the command line

error-line = error: { $text }
error-caused-by = caused by: { $text }

## simulate table

sim-head = { $subject } { $kind } account, { $followers } followers → { $route } ({ $target } target followers, overlap { $overlap })
sim-run = { $runs } runs{ $how } · seed { $seed } · retention { $dist } · rules { $rules } { $version } · start { $start } · horizon { $horizon } days
sim-col-mean = mean
sim-retention-rate = Retention rate
sim-retained = Retained followers
sim-lost = Lost followers
sim-audience-on-day = Audience on day { $day }
sim-transfer-day = Transfer day
sim-settled-day = Settled day
sim-cost = Cost (yuan)
sim-cost-per-kept = Cost per kept follower (yuan)
sim-lost-value = Lost value (yuan)
sim-transfer-date = Transfer date  P10 { $p10 }  P50 { $p50 }  P90 { $p90 }
sim-settled-date = Settled date   P10 { $p10 }  P50 { $p50 }  P90 { $p90 }
sim-chance = Chance the audience on day { $day } is at least { $threshold }: { $chance }
sim-precision = Precision: 95% intervals of the audience on day { $day }: { $line }; digits finer than these intervals are rounded off.
sim-assumptions = Assumptions in force ({ $ids }): see `fanplan rules`. Standard error of the mean retained: { $se }.

## compare table

compare-head = { $n } { $n ->
        [one] scenario
       *[other] scenarios
    } ranked by retained followers (P50), then cost · { $runs } runs each · seed { $seed } · rules { $rules }
compare-col-scenario = scenario
compare-col-route = route
compare-col-kept-p5 = kept P5
compare-col-kept-p50 = kept P50
compare-col-kept-p95 = kept P95
compare-col-settled-p50 = settled P50
compare-col-settled-p90 = settled P90
compare-col-cost-p50 = cost P50
compare-col-cost-p95 = cost P95
compare-col-at-least = P(audience ≥ { $n })
compare-forbidden = Forbidden by the rules:
compare-forbidden-row = { $id } (line { $line })
compare-forbidden-row-under = { $id } (line { $line }) under { $rules }
compare-col-rules = rules
compare-rejected = { $n } { $n ->
        [one] row
       *[other] rows
    } could not be read (see the errors above).

## rules table. rule-*: the article's own wording, shown in Chinese where a rule's numbers are
## the seed rulebook's (the English twins keep the files in step); the stmt-* messages below
## state any rulebook from its numbers.

rules-head = Rulebook { $name } { $version } — { $source }
rules-assumption = assumption: { $text }
rules-col-route = route
rules-col-days = days
rules-col-retention = retention
rules-col-fees = fees (yuan)
rules-fees-notary = { $review } + notary { $min }–{ $max }
rules-unfollow = Unfollow window (M7): { $days ->
        [one] { $days } day
       *[other] { $days } days
    }, share of the losses per day: { $weights }
rules-note = note: { $text }
rules-own-statement = note (the file's own statement): { $text }
rules-confidence = confidence: { $text }
rules-col-closing = closing
rules-col-review = review (working days)
rules-col-funds = funds (D4)
rules-col-materials = materials (D2)
rules-funds-balance = balance ≤ { $limit } yuan
rules-funds-pending = no pending income
rules-funds-payment-closed = payment closed
rules-offline = {" "}(offline)

## Rule statements, written from the rulebook's numbers (`fanplan rules`, JSON `statement`)

stmt-kind = { $kind ->
        [subscription] subscription (订阅号)
       *[service] service (服务号)
    }
stmt-subject = { $subject ->
        [personal] personal-subject (个人)
        [enterprise] enterprise-subject (企业)
        [government] government-subject (政府)
        [media] media-subject (媒体)
       *[organisation] organisation-subject (其他组织)
    }
stmt-route = { $route ->
        [subscription_to_subscription] subscription→subscription
        [service_to_service] service→service
       *[cross_entity] cross-entity
    }
sep-and = {" and "}
sep-or = {" or "}
sep-materials = {" and "}
stmt-yuan = { $amount } yuan
stmt-yuan-range = { $min }–{ $max } yuan
stmt-M1-same = Same account kind only: subscription (订阅号) to subscription, service (服务号) to service.
stmt-M1-none = No account kind may migrate.
stmt-M1-pairs = Account kinds may migrate only as: { $pairs }.
stmt-M2-any = Any subject type may migrate into any other.
stmt-M2-closed = no { $target } target, whatever the source
stmt-M2-source = no { $source } source into { $first ->
        [enterprise] an
        [organisation] an
       *[other] a
    } { $targets } target
stmt-M2 = { $parts }.
stmt-M3-yes = The target must be verified (通过认证).
stmt-M3-no = The target need not be verified.
stmt-M4 = Every migration pays a { $fee } yuan review fee (审核费).
stmt-M5-none = No migration pays a notary fee.
stmt-M5-cross = Cross-entity migration (跨主体迁移) also pays a notary fee (公证费) of { $amount }.
stmt-M5-all = Every migration also needs a notarised application letter: a notary fee (公证费) of { $amount }.
stmt-M5-some = Migrations { $routes } also pay a notary fee (公证费) of { $amount }.
stmt-M6-route = { $route } { $min }–{ $max } days, retention { $rmin }–{ $rmax }
stmt-M6 = Routes: { $parts }.
stmt-M7 = Followers are notified and may unfollow during a { $days }-day window.
stmt-M8-yes = When the migration completes, the source account is closed automatically.
stmt-M8-no = The source account stays open after the migration.
stmt-M9 = When all followers move, the target may hold at most { $n } followers.
stmt-M9-none = The target may hold any number of followers.
stmt-D1 = { $days } consecutive days without active operations (mass messages, menu changes) before applying to close.
stmt-D2-subject = { $subject } — { $materials }{ $offline ->
        [yes] , submitted offline
       *[other] {""}
    }
stmt-D2 = Materials by type: { $parts }.
stmt-D3-subject = { $subject } { $min }–{ $max } working days
stmt-D3 = Review: { $parts }.
stmt-funds-balance = balance at most { $limit } yuan
stmt-funds-pending = no income waiting for settlement
stmt-funds-closed = payment closed
stmt-funds-id = { $funds }
stmt-D4-subject = { $subject } — { $funds }
stmt-D4 = Funds: { $parts }. An account with payment enabled cannot close with more than { $limit } yuan left.
stmt-D5 = Closing WeChat Pay: a cancellation on the merchant platform, then a { $days }-working-day fund freeze; refunds in that time must still be handled.
stmt-D6 = Unbind mini programs, third-party platforms and ad accounts first.
stmt-tier-first = { $days } days up to { $n } followers
stmt-tier-next = { $days } days up to { $n }
stmt-tier-only = { $days } days
stmt-tier-above = { $days } days above
stmt-D7-flat = Confirm with a code within { $minutes } minutes; a { $days }-day freeze in which closing can be cancelled; all records deleted on day { $deleted }.
stmt-D7-tiers = Confirm with a code within { $minutes } minutes; a freeze in which closing can be cancelled, by followers: { $tiers }; all records deleted { $after ->
        [one] the day
       *[other] { $after } days
    } after the freeze ends.
stmt-D8 = Announce the end of service { $days } days in advance.
stmt-D9 = The name is released at once, but the same entity may not apply for the same name for { $name } days; a business licence can be reused after { $licence } days.
stmt-B1 = Article export: at most { $n } articles per export batch.
stmt-B2 = Interaction records are kept { $interaction } days; statistics only for the last { $statistics } months; ad revenue reports { $ads } months.
stmt-value-yes = yes
stmt-value-no = no
stmt-value-none = none

## rules --list and rules --diff

list-col-name = name
list-col-version = version
list-col-file = file
list-col-source = source
list-default = { $name } (default)
list-choose = Choose one with `fanplan --rules NAME …`, or give a TOML file; compare two with `fanplan rules --diff A B`.
diff-head = { $a } { $va } → { $b } { $vb }: { $n } { $n ->
        [one] setting differs
       *[other] settings differ
    }
diff-sources = Sources:
diff-not-in-rulebook = (not in this rulebook)

## Precision words

share-of-runs = { $pct } of runs
share-with-interval = { $share }, 95% interval { $interval }
share-cell = { $share } ({ $interval })
precision-reached = {" "}(enough for P5, P50 and P95 of the final audience within ±{ $pct }%)
precision-ceiling = {" "}(the ceiling: ±{ $pct }% not reached; raise --runs)
sampling-lhs = {" "}(Latin hypercube, 10 replicates)

## batch

row-line = line { $line }
row-id = {" "}(id { $id })
row-reason = : { $reason }
row-column-reason = : column { $column } { $reason }
row-column-value-reason = : column { $column }: { $reason }
batch-bar = { $rows } rows · { $rate } rows/s
batch-bar-template = {"{"}bar:32{"}"} {"{"}percent:>3{"}"}% {"{"}msg{"}"} · ETA {"{"}eta{"}"}
batch-eta = , ETA { $secs } s
batch-progress = progress: { $rows } rows done, { $rate } rows/s{ $eta }
batch-summary = batch: { $read } rows read, { $forecast } forecast, { $forbidden } forbidden, { $rejected } rejected
batch-summary-empty = , { $n } empty skipped
batch-summary-time = {" "}in { $secs } s
batch-and-more = {" "}and { $n } more
batch-no-portfolio = warning: no row was forecast, so there is no portfolio.png to draw
wrote-file = wrote { $path }
batch-reading-as = reading { $path } as { $encoding }
batch-unknown-columns = ignoring unknown { $n ->
        [one] column
       *[other] columns
    }: { $columns }

## workdays

workdays-weekends-only = some days counted lie outside the holiday calendar ({ $from } to { $to }); weekends alone were skipped for them
error-flag = { $flag }: { $reason }
error-unexpected-argument = unexpected argument `{ $arg }`; try --help
input-not-runs = `{ $value }` is not a whole number of runs
input-outside = { $value } is outside 1–{ $max }
compare-no-chart = warning: no scenario is allowed, so there is no compare.png to draw
error-options-no-chart = --charts: `plan --options` draws no chart; use it with --goal
error-goal-missing = --goal: give migrate or close (or --options)
error-cannot-draw = cannot draw { $file }
error-charts-create-folder = --charts: cannot create the folder { $path }
error-charts-write = --charts: cannot write { $path }

## calendar

mark-provisional = * rests on provisional holidays
calendar-head = { $year } · basis { $basis ->
       *[other] { $basis }
    }
calendar-source = source: { $source }
calendar-provisional-source = the statutory holidays of 全国年节及纪念日放假办法 (2024); no notice known, make-up working days unknown
calendar-col-date = date
calendar-col-weekday = weekday
calendar-col-kind = kind
calendar-col-name = name
calendar-day-off = day off
calendar-working-day = working day (调休)
weekday-Mon = Mon
weekday-Tue = Tue
weekday-Wed = Wed
weekday-Thu = Thu
weekday-Fri = Fri
weekday-Sat = Sat
weekday-Sun = Sun
error-at-least-csv = --at-least: --format csv prints the daily trajectory, which has no place for the probability; use --format table or json
error-at-least-plan = --at-least: the probability is shown by `plan --goal` in table and json formats only

## Rulebook refusals (after the key)

rb-invalid = key `{ $key }`: { $problem }
rb-malformed = { $detail }
rb-reversed = the range is reversed: min { $min } is above max { $max }
rb-amount = { $value } is not a valid amount (a fee or limit is a finite number of yuan, 0 to 10^15)
rb-above-limit = { $value } { $unit ->
        [days] days
        [working] working days
        [minutes] minutes
       *[months] months
    } is above the limit of { $max }
rb-rule-twice = rule `{ $id }` appears twice
rb-unknown-rule = `{ $id }` is not a rule fanplan applies (M1–M9, D1–D9, B1–B2)
rb-no-source = rule `{ $id }` does not say where it comes from
rb-rule-missing = rule `{ $id }` is missing (every rulebook states M1–M8, D1–D9, B1–B2)
rb-m9-not-stated = rule `M9` is missing: migration.target_followers_max is set, so say where it comes from
rb-m9-no-cap = rule `M9` is stated but the cap is not set
rb-list-and-switch = give `migration.{ $list }` or the older `migration.{ $switch }`, not both
rb-missing = missing
rb-pair-twice = { $from } → { $to } is listed twice
rb-window-outside = { $days } is outside 1–{ $max } days
rb-ratio-and-weights = give either `ratio` or `weights`, not both
rb-ratio-not-positive = { $ratio } must be a finite number above 0
rb-ratio-outside = { $ratio } is outside { $low }–{ $high } (each day's share of the losses relative to the day before)
rb-weights-count = { $count } weights for a { $window }-day window (one weight per day)
rb-weights-invalid = weights must be finite, at least 0, and not all 0
rb-weights-overflow = the weights of the window overflow: their sum must be a finite number above 0
rb-route-missing = the route is missing
rb-duration-implausible = a duration above { $max } days is not plausible
rb-retention-outside = retention { $value } is outside 0–1
rb-mode-outside = mode { $mode } is outside the range { $min }–{ $max }
rb-no-tiers = no tiers: give a number of days or at least one tier
rb-last-tier-bounded = the last tier has no upper bound: leave up_to_followers out
rb-tier-unbounded = only the last tier may leave up_to_followers out
rb-tiers-not-ascending = { $max } is not above the tier before ({ $prev }): list the tiers in ascending order
rb-deletion-in-freeze = deletion on day { $day } falls inside the { $freeze }-day freeze
rb-deletion-day-with-tiers = with a freeze by follower tiers, give deletion_days_after_freeze instead
rb-deletion-after-zero = must be at least 1 (the records are deleted after the freeze)
rb-deletion-both = give deletion_day or deletion_days_after_freeze, not both
rb-deletion-missing = missing: when the records are deleted after the freeze
rb-subject-missing = the subject type is missing
rb-no-materials = no materials listed
rb-balance-limit-required = required when funds = "balance"
rb-at-least-one = must be at least 1

## Chart errors

chart-error-too-small = chart size { $width }x{ $height } is too small (minimum 400x300)
chart-error-too-large = chart size { $width }x{ $height } is too large (maximum 8000x8000)
chart-error-invalid-size = invalid chart size '{ $input }': { $reason ->
        [no-x] missing 'x' between width and height
        [width] width is not a whole number
        [height] height is not a whole number
        [too-small] it is too small
       *[too-large] it is too large
    }; expected WxH such as 1600x1000, from 400x300 up to 8000x8000
chart-error-no-data = nothing to draw: the { $chart ->
        [histogram] histogram
        [trajectory] trajectory
        [portfolio] portfolio
        [timeline] timeline
       *[comparison] comparison
    } has no finite values
chart-error-font = could not load the chart font: { $detail }
chart-error-drawing = drawing the chart failed: { $detail }
chart-error-encode = encoding the chart as PNG failed: { $detail }

## I/O errors (English: the system's words; Chinese: by kind)

io-error = { $kind ->
       *[other] { $text }
    }

## Errors reading rulebooks and holiday files

error-rulebook-read = cannot read the rulebook { $path } (the built-in rulebooks are: { $names })
error-rulebook-not-utf8 = rulebook { $path }: not UTF-8 text (byte { $byte } is invalid); save it as UTF-8
error-rulebook = rulebook { $path }: { $reason }
error-rulebook-builtin = built-in rulebook { $name }: { $reason }
error-holidays-embedded = embedded holiday data: { $reason }
error-holidays-read = --holidays: cannot read { $path }
error-holidays-not-utf8 = --holidays { $path }: not UTF-8 text (byte { $byte } is invalid); save it as UTF-8
error-holidays = --holidays { $path }: { $reason }

## Output files

stream-stdout = standard output
stream-stderr = standard error
error-cannot-write = cannot write { $what }: { $reason }
error-output-is-input = { $flag } { $path } is { $input ->
        [none] the input file
       *[other] the { $input } file
    }: refusing to write over it
error-outputs-same-file = { $flag } and { $other } name the same file { $path }
error-output-is-folder = { $flag }: cannot create the file { $path }: it is a folder
error-create-folder = { $flag }: cannot create the folder { $path }
error-create-file = { $flag }: cannot create { $path }
error-output-read-only = { $flag }: { $path } is read-only: refusing to replace it (--force replaces it)
error-output-sticky = { $flag }: cannot replace { $path }: it belongs to another user in a folder with the sticky bit

## man, help, workdays, calendar

error-help-unknown = help: `{ $name }` is not a fanplan command (see `fanplan --help`)
error-add-not-days = `{ $value }` is not a whole number of working days (0 to { $max })
error-add-past = --add: { $add } working days after { $from } is past { $last }, the last date fanplan handles
error-year-outside = --year: { $year } is outside { $first }–{ $last }, the years the calendar holds

## Input tables, batch and compare

input-stdin = standard input
error-input-open = cannot open the input { $path }
error-input-read = cannot read the input { $path }
error-input-header = { $path }: { $reason }
header-empty = the input is empty: expected a header row naming the columns (at least id, followers)
header-missing = missing required column `{ $column }` (the header must name at least id and followers)
header-separator = missing required column `{ $missing }`: the header is a single field containing { $separator ->
        [semicolon] `;`, so the file seems to use semicolons
       *[tab] a tab, so the file seems to use tabs
    } to separate columns; fanplan reads comma-separated files (in Excel: Save As "CSV UTF-8 (Comma delimited)")
header-repeated = column `{ $column }` appears twice in the header
column-empty-name = (empty name, column { $column })
error-threads = cannot start the worker threads
error-correlation = `{ $value }` is not a number from 0 to 1 (e.g. 0.5)
error-precision-with = --precision cannot be combined with { $flag }: its rows stop at different run counts, and portfolio totals add the rows run by run
error-correlation-lhs = --correlation cannot be combined with --sampling lhs: the accounts' totals are added run by run from independent draws
error-compare-max-rows = { $path }: compare takes at most { $max } rows; use `fanplan batch` for more
error-rules-set-with-rules = --rules-set: give every rulebook there, without --rules
error-rules-set-same-name = --rules-set: two rulebooks are named `{ $name }` ({ $path }); each needs its own name to be told apart
error-rules-set-empty = --rules-set: no rulebook given
error-settle-past = --start: the followers would settle in the year { $year }, past { $last }; start earlier
error-plan-past = --start: the plan would end in the year { $year }, past { $last }; start earlier
error-calendar-days-overflow = date overflow: { $days } calendar days after { $from } is past the latest supported date { $max }
error-working-days-overflow = date overflow: { $days } working days after { $from } is past the latest supported date { $max }
error-yuan-negative = { $value } yuan is negative
error-not-small-count = `{ $value }` is not a whole number (0 to { $max })

## Holiday files

holidays-at = line { $line }, key `{ $key }`: { $problem }
holidays-syntax = { $detail }
holidays-bad-date = `{ $value }` is not a date YYYY-MM-DD or a range YYYY-MM-DD..YYYY-MM-DD
holidays-outside-year = { $date } is outside the year { $year }
holidays-off-and-work = { $date } is listed both as a day off and as a working day
holidays-year-twice = the year { $year } is given twice
holidays-year-outside = the year { $year } is outside { $min }–{ $max }

# prec2
compare-totals = Total of { $n } allowed scenarios{ $rules }, added run by run (correlation { $rho }): retained followers P5 { $p5 }, P50 { $p50 }, P95 { $p95 }; cost P50 { $cost } yuan
compare-totals-rules = {" "}under { $rules }

## Closing documents named by the built-in rulebooks (D2)

material-id-card = ID card (front and back)
material-business-licence = business licence
material-official-letter = official letter with the company seal
material-organisation-code = organisation code certificate

## How sure a built-in rulebook's sources are

confidence-article = article
confidence-several-pages = several pages agree
confidence-one-page = one page
confidence-durations-one-page = one page for the durations; article for the retention
confidence-letter-fee = several pages agree on the letter; one page for the fee
confidence-service-subscription = several pages agree; one page for service → subscription
