#!/usr/bin/env bash
# Runs every README example (and its --format json variant) with the given fanplan binary and
# writes each command's stdout, stderr and exit code into OUT_DIR, one file per example.
# Byte-identity check: run it with the binary before and after a change, then `diff -r` the two
# folders.  Usage: tests/readme_examples.sh BINARY OUT_DIR   (from the repository root)
set -u
bin=$(realpath "$1")
out=$(realpath -m "$2")
root=$(pwd)
mkdir -p "$out"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
# Under its own name, so that clap's usage lines match.
mkdir "$work/bin" && cp "$bin" "$work/bin/fanplan" && bin="$work/bin/fanplan"
cp -r "$root/data" "$work/data"
printf 'id,followers,source_kind,overlap\nok-1,5000,,\nbad-1,5千,,\nbad-2,3000,channel,\nok-1,100,,\n' > "$work/messy.csv"
printf "id,followers,daily_growth,horizon\nlong,5000,0.1,3000\n" > "$work/horizon.csv"
sed "s/retention = { min = 0.65, max = 0.75 }/retention = { min = 0.65, max = 1.75 }/" "$root/data/rulebooks/seed.toml" > "$work/bad.toml"
cd "$work" || exit 1
n=0
run() {
    n=$((n + 1))
    local name
    name=$(printf '%02d' "$n")
    "$bin" "$@" > "$out/$name.out" 2> "$out/$name.err"
    echo "$? :: $*" > "$out/$name.cmd"
    # The elapsed time in batch summaries differs from run to run.
    sed -i -E 's/in [0-9]+\.[0-9]+ s$/in X s/' "$out/$name.err" "$out/$name.out"
}
for fmt in table json; do
    run check --followers 120000 --cross-entity --format "$fmt"
    run check --followers 120000 --target-kind service --format "$fmt"
    run check --format "$fmt"
    run simulate --followers 120000 --cross-entity --start 2026-11-30 --format "$fmt"
    run simulate --followers 120000 --cross-entity --start 2026-11-30 --horizon 5000 --format "$fmt"
    run compare data/examples/accounts.csv --format "$fmt"
    run plan --goal close --subject personal --start 2026-09-01 --balance 0.5 --payment --mini-programs 1 --articles 230 --followers 8000 --format "$fmt"
    run plan --goal migrate --followers 120000 --cross-entity --start 2026-12-01 --announced 2026-11-20 --ad-account --format "$fmt"
    run plan --goal close --start 2026-12-10 --runs 2000 --format "$fmt"
    run plan --goal migrate --followers 5000 --subject personal --target-subject enterprise --start 2026-12-01 --format "$fmt"
    run plan --options --followers 120000 --start 2026-12-01 --subject personal --target-subject enterprise --format "$fmt"
    run workdays --from 2026-09-30 --add 3 --format "$fmt"
    run workdays --from 2026-02-13 --add 3 --format "$fmt"
    run workdays --from 2026-12-24 --add 10 --format "$fmt"
    run --rules bad.toml check --format "$fmt"
    run rules --format "$fmt"
    # Messages beyond the README: warnings, bad values named by flag, violations as CSV.
    run simulate --followers 1000 --notary-fee 500-800 --runs 100 --start 2026-11-30 --format "$fmt"
    run simulate --followers 1000 --daily-growth 0.1 --horizon 3000 --format "$fmt"
    run plan --goal close --balance=-1 --start 2026-11-30 --format "$fmt"
    run plan --goal close --announced 2090-01-01 --start 2026-11-30 --format "$fmt"
    run check --followers 5千 --format "$fmt"
    run check --kind channel --format "$fmt"
    run simulate --followers 1000 --start 2026-02-30 --format "$fmt"
    run simulate --followers 1000 --overlap 2 --format "$fmt"
done
run check --kind service --target-kind subscription --subject personal --target-subject enterprise --target-unverified --format csv
run simulate --followers 120000 --cross-entity --start 2026-11-30 --charts charts-sim --chart-size 1000x625
run batch data/examples/accounts.csv -o forecasts.csv --summary portfolio.json --charts charts/
cp forecasts.csv "$out/forecasts.csv"; cp portfolio.json "$out/portfolio.json"
run batch messy.csv -o out.csv --errors errors.csv
cp out.csv "$out/messy-out.csv"; cp errors.csv "$out/errors.csv"
run batch horizon.csv -o horizon-out.csv --errors horizon-errors.csv
cp horizon-errors.csv "$out/horizon-errors.csv"
for f in charts-sim/*.png charts/*.png; do
    sha256sum "$f" >> "$out/charts.sha256"
done
