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
