#!/usr/bin/env bash
# Runs the JMH benchmarks of invoice-benchmarks and writes docs/BENCHMARKS.md and
# docs/benchmarks/<mode>.json. Usage: benchmarks/run.sh quick|full [id pattern, e.g. 'P1|P4']
#   quick: one fork, short iterations; about 10 to 12 minutes on 2 cores
#   full:  three forks, long iterations; about an hour
set -euo pipefail
cd "$(dirname "$0")/.."
mode="${1:-quick}"
shift || true
mvn -B -q -pl invoice-benchmarks -am package -DskipTests -Pbenchmarks
exec java -cp "invoice-benchmarks/target/classes:invoice-benchmarks/target/benchmark-lib/*" \
  dev.invoicekit.benchmarks.RunBenchmarks "$mode" "$@"
