#!/usr/bin/env bash
# Fuzz one target for a while: ./fuzz/run.sh spec_loader 1000000   (target, executions)
# Needs cargo-fuzz (`cargo install cargo-fuzz`). libFuzzer needs nightly flags; this machine has
# only stable Rust, so RUSTC_BOOTSTRAP=1 unlocks them for this build only (CI stays stable).
set -euo pipefail
cd "$(dirname "$0")/.."
target=${1:-spec_loader}
runs=${2:-1000000}
work=fuzz/corpus-work/$target
mkdir -p "$work"
# New inputs go to the work corpus; fuzz/corpus/$target keeps the committed seeds.
RUSTC_BOOTSTRAP=1 cargo fuzz run "$target" --sanitizer none --release \
    "$work" "fuzz/corpus/$target" -- -runs="$runs" -max_len=16384 -timeout=10 -print_final_stats=1
