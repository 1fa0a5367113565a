#!/usr/bin/env bash
# Packages the suite's extensions (sources in extensions/) into real VSIX files with vsce.
# Usage: build-vsix.sh VSCE_BIN OUT_DIR     (needs Node >= 22 on PATH, see setup.sh)
# Output: OUT_DIR/{publisher}.{name}-{version}[@{target}].vsix, and OUT_DIR/packages.txt listing them.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
vsce="$1"; out="$2"
mkdir -p "$out"; out="$(cd "$out" && pwd)"
src="$out/src"; rm -rf "$src"; mkdir -p "$src"
: > "$out/packages.txt"

# dir  version  vsce-options
matrix=(
  "hello    0.0.1"
  "hello    0.0.2"
  "native   1.0.0 --target linux-x64"
  "native   1.0.0 --target win32-x64"
  "lib      1.0.0"
  "needs    1.0.0"
  "theme    1.0.0"
  "snippets 1.0.0"
  "pack     1.0.0"
  "preview  0.2.0"
  "preview  0.3.0 --pre-release"
  "never    1.0.0"
)
for row in "${matrix[@]}"; do
  read -r dir version opts <<<"$row"
  target=""; [[ "$opts" =~ --target\ ([a-z0-9-]+) ]] && target="${BASH_REMATCH[1]}"
  work="$src/$dir-$version${target:+-$target}"
  cp -r "$here/extensions/$dir" "$work"
  cp "$here/extensions/LICENSE" "$work/LICENSE"
  printf '.vscodeignore\n' > "$work/.vscodeignore"
  printf '# Change log\n\n## %s\n\nBuilt for the acceptance suite.\n' "$version" > "$work/CHANGELOG.md"
  node -e 'const f=process.argv[1],p=require(f);p.version=process.argv[2];require("fs").writeFileSync(f,JSON.stringify(p,null,2)+"\n")' \
    "$work/package.json" "$version"
  pub="$(node -p 'require(process.argv[1]).publisher' "$work/package.json")"
  file="$out/$pub.$dir-$version${target:+@$target}.vsix"
  # shellcheck disable=SC2086
  (cd "$work" && "$vsce" package --allow-missing-repository --no-dependencies $opts --out "$file" >/dev/null)
  echo "$(basename "$file")" >> "$out/packages.txt"
done
rm -rf "$src"
