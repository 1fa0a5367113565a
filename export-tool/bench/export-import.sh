#!/usr/bin/env bash
# Export/import benchmark (issue 5): a store of SIZE_MB of mixed bodies (generated here, never committed),
# timed export and import next to `cp -r` and `tar` of the same bytes on the same disk in the same run, and
# an incremental export/import after a small change. Prints a Markdown table.
#
#   export-tool/bench/export-import.sh [SIZE_MB=3072] [WORK_DIR=export-tool/bench/work]
#   export-tool/bench/export-import.sh 64        # CI smoke
#
# Every timed step ends with `sync` so that written data reaches the disk. Reads come from the page cache
# when the machine has the memory (as they would right after recording); the note below the table says so.
set -euo pipefail
cd "$(dirname "$0")/../.."
SIZE_MB=${1:-3072}
WORK=${2:-export-tool/bench/work}
CHANGE_MB=$(( SIZE_MB / 100 > 0 ? SIZE_MB / 100 : 1 ))
JAR=${VSCMIRROR_EXPORT_JAR:-export-tool/target/vscmirror-export.jar}
if [[ ! -f $JAR ]]; then
  ./mvnw -B -o -q -pl export-tool -am -DskipTests package
fi
rm -rf "$WORK"; mkdir -p "$WORK"
trap 'rm -rf "$WORK"' EXIT
cli() { java -Xmx512m -jar "$JAR" "$@"; }
now() { date +%s.%N; }
declare -a ROWS
row() { # name bytes seconds
  local mbs; mbs=$(awk -v b="$2" -v s="$3" 'BEGIN{printf "%.1f", (s>0? b/s/1e6 : 0)}')
  ROWS+=("$1|$2|$3|$mbs")
}
timed() { # name bytes-dir command...
  local name=$1 bytesdir=$2; shift 2
  local t0 t1; t0=$(now); "$@" >"$WORK/last.log" 2>&1 || { cat "$WORK/last.log"; exit 1; }; sync; t1=$(now)
  local bytes; bytes=$(du -sb "$bytesdir" | cut -f1)
  row "$name" "$bytes" "$(awk -v a="$t0" -v b="$t1" 'BEGIN{printf "%.2f", b-a}')"
}

echo "generating a store of $SIZE_MB MiB ..." >&2
java -Xmx512m -cp "$JAR" export-tool/bench/BenchStore.java "$WORK/store" "$SIZE_MB" base >&2
sync
STORE_BYTES=$(du -sb "$WORK/store" | cut -f1)

timed "cp -r (store)" "$WORK/store" cp -r "$WORK/store" "$WORK/cp-copy"
rm -rf "$WORK/cp-copy"
timed "tar cf (store)" "$WORK/store" tar -C "$WORK" -cf "$WORK/store.tar" store
rm -f "$WORK/store.tar"
timed "export --since all" "$WORK/store" cli export --data-dir "$WORK/store" --out "$WORK/full" --since all
grep -E '^exported' "$WORK/last.log" >&2 || true
timed "verify (bundle)" "$WORK/full" cli verify "$WORK/full"
timed "import (empty store)" "$WORK/full" cli import "$WORK/full" --data-dir "$WORK/offline"
grep -E '^imported' "$WORK/last.log" >&2 || true
rm -rf "$WORK/full"

echo "adding a small change of $CHANGE_MB MiB ..." >&2
java -Xmx512m -cp "$JAR" export-tool/bench/BenchStore.java "$WORK/store" "$CHANGE_MB" change >&2
timed "export --since last (small change)" "$WORK/store" cli export --data-dir "$WORK/store" --out "$WORK/incr"
grep -E '^exported' "$WORK/last.log" >&2 || true
INCR_BYTES=$(du -sb "$WORK/incr" | cut -f1)
timed "import (incremental)" "$WORK/incr" cli import "$WORK/incr" --data-dir "$WORK/offline"
grep -E '^imported' "$WORK/last.log" >&2 || true

CP_RATE=$(awk -F'|' 'NR==1{print $4}' <(printf '%s\n' "${ROWS[@]}"))
echo
echo "Store: $(( STORE_BYTES / 1048576 )) MiB on $(df -P "$WORK" | awk 'NR==2{print $1}'); incremental bundle: $(( INCR_BYTES / 1048576 )) MiB; $(nproc) cores; load $(cut -d' ' -f1-3 /proc/loadavg)"
echo
echo "| operation | bytes | seconds | MB/s | vs cp -r |"
echo "|---|---:|---:|---:|---:|"
for r in "${ROWS[@]}"; do
  IFS='|' read -r name bytes secs mbs <<<"$r"
  pct=$(awk -v a="$mbs" -v c="$CP_RATE" 'BEGIN{printf "%.0f%%", (c>0? 100*a/c : 0)}')
  echo "| $name | $bytes | $secs | $mbs | $pct |"
done
echo
echo "Bytes are the data moved by each step (the store, the bundle); every step ends with sync; seconds include JVM start."
echo "The incremental rows' bytes are the whole store for export (what it had to look at) — compare their seconds with the full export."
