#!/usr/bin/env bash
# Catalog-query benchmark (issue 4 closing note; issue 8 measure 2): synthetic catalogs of 1,000, 10,000 and 60,000
# extensions (several versions and target platforms each), extensionquery latency p50/p99 and single-thread
# throughput for searches, 50-id lookups and sorted listings, in-process. Prints a Markdown table.
#
#   proxy-core/bench/catalog/run.sh              1k, 10k, 60k
#   proxy-core/bench/catalog/run.sh --quick      1k, 5k, fewer queries (smoke)
#   proxy-core/bench/catalog/run.sh 2000 20000   other sizes
#
# Builds the test classes offline; starts no server and opens no socket; work files in proxy-core/bench/work/catalog.
set -euo pipefail
cd "$(dirname "$0")/../../.."
for a in "$@"; do
  case $a in
    -h|--help) sed -n '2,9p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    --quick|[0-9]*) ;;
    *) echo "unknown argument: $a (expected: --quick or sizes)" >&2; exit 2 ;;
  esac
done
WORK=proxy-core/bench/work/catalog
mkdir -p "$WORK"
echo "building the CLI jar and the test classes (offline)..." >&2
# package also compiles the test sources (-DskipTests skips running them); the shaded jar carries every dependency
./mvnw -B -o -q -pl proxy-core -am -DskipTests package >"$WORK/build.log" 2>&1 \
  || { echo "build failed: see $WORK/build.log" >&2; exit 1; }
CP="proxy-core/target/test-classes:proxy-core/target/vscmirror.jar"
HEAP=${CATALOG_BENCH_HEAP:-2g}
echo "running (heap $HEAP; $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg))..." >&2
timeout 1500 java -Xms"$HEAP" -Xmx"$HEAP" -XX:+AlwaysPreTouch -XX:+UseParallelGC -cp "$CP" dev.vscmirror.catalog.bench.CatalogBench "$@"
