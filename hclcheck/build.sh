#!/usr/bin/env bash
# Rebuilds hclcheck.wasm, HashiCorp's HCL parser for tfcodemod's validity check, from main.go
# and the module versions pinned in go.mod. Needs Go 1.19 or later (the committed build is Go
# 1.23.5's: see README.md), and Node (for dirhash.mjs).
#
#   ./build.sh              modules come through the Go module proxy, checked against go.sum
#   ./build.sh --from DIR   offline: DIR holds each module's source as DIR/<module>@<version>/
#                           (the module cache's layout); each is checked against go.sum first
#
# HCLCHECK_UNVERIFIED="module ..." lets --from use those modules' sources unchecked (say why in
# the commit that updates the wasm). After a rebuild, update wasm_exec.cjs from the same Go
# ($(go env GOROOT)/misc/wasm/wasm_exec.js): the two must come from one Go version.
set -Eeuo pipefail
cd "$(dirname "$0")"

modules() { awk '/^require \(/{r=1; next} r && /^\)/{r=0} r && NF>=2 {print $1, $2}' go.mod; }

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cp main.go go.mod go.sum "$work/"

if [[ ${1:-} == --from ]]; then
  src=${2:?usage: ./build.sh --from DIR}
  mkdir -p "$work/vendor"
  while read -r module version; do
    dir="$src/$module@$version"
    [[ -d $dir ]] || { echo "build.sh: $dir: no such directory" >&2; exit 2; }
    want=$(awk -v m="$module" -v v="$version" '$1==m && $2==v {print $3}' go.sum)
    got=$(node dirhash.mjs "$dir" "$module@$version")
    if [[ $got == "$want" ]]; then
      echo "build.sh: $module $version: source matches go.sum" >&2
    elif [[ " ${HCLCHECK_UNVERIFIED:-} " == *" $module "* ]]; then
      echo "build.sh: WARNING: $module $version: source NOT checked (go.sum $want, source $got)" >&2
    else
      echo "build.sh: $module $version: source does not match go.sum ($got, go.sum $want)" >&2
      exit 1
    fi
    mkdir -p "$work/vendor/$(dirname "$module")"
    cp -R "$dir" "$work/vendor/$module"
    go=$(awk '$1=="go" {print $2; exit}' "$dir/go.mod" 2>/dev/null || true)
    printf '# %s %s\n## explicit%s\n' "$module" "$version" "${go:+; go $go}" >> "$work/vendor/modules.txt"
    # Its packages (Go records the modules of the listed packages in the binary's build info).
    (cd "$dir" && find . -name '*.go' ! -name '*_test.go' ! -path '*/testdata/*' -exec dirname {} \; | sort -u |
      while read -r pkg; do
        d=${pkg#.}; up=$pkg; nested=
        while [[ $up != . ]]; do [[ -f $up/go.mod ]] && nested=1; up=$(dirname "$up"); done
        [[ -z $nested ]] && echo "$module$d"
      done) >> "$work/vendor/modules.txt"
  done < <(modules)
  flags=-mod=vendor
  export GOPROXY=off
else
  flags=-mod=mod
fi

(cd "$work" && GOOS=js GOARCH=wasm GOFLAGS=$flags go build -trimpath -ldflags='-s -w' -o hclcheck.wasm .)
cp "$work/hclcheck.wasm" hclcheck.wasm
echo "build.sh: wrote hclcheck.wasm with $(go version | awk '{print $3}')" >&2
