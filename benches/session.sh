#!/usr/bin/env bash
# A 30-motion session bundle (issue 18): the shipped motions copied 30 times (forest,
# schaerbeek-long, saint-gilles with its logo, the Dutch forest), one session file listing
# them, rendered into one PDF and one DOCX. Prints the hyperfine line and the page count.
# Usage: benches/session.sh
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --release --quiet
motion=$PWD/target/release/motion
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cp examples/saint-gilles-logo.png "$work/"
sources=(motions/forest.toml examples/schaerbeek-long.toml examples/saint-gilles-adopted.toml examples/forest.nl.toml)
list=""
for i in $(seq 1 30); do
    src=${sources[$(( (i - 1) % 4 ))]}
    grep -v '^translation' "$src" > "$work/m$i.toml"
    list="$list\"m$i.toml\", "
done
printf 'title = "Séance de trente points"\ndate = 2024-03-21\nmotions = [%s]\n' "${list%, }" > "$work/seance.toml"
export SOURCE_DATE_EPOCH=1485216000
"$motion" check "$work/seance.toml"
hyperfine -N -w 2 -r 10 "$motion render $work/seance.toml -o $work/out" 2>&1 | grep -E "Time|Range"
echo "pages: $(pdfinfo "$work/out/seance.pdf" | awk '/Pages/ {print $2}'); PDF $(stat -c %s "$work/out/seance.pdf") bytes, DOCX $(stat -c %s "$work/out/seance.docx") bytes"
"$motion" render "$work/seance.toml" -o "$work/pdf" --format pdf >/dev/null
hyperfine -N -w 2 -r 10 "$motion render $work/seance.toml -o $work/pdf --format pdf" 2>&1 | grep -E "Time" | sed 's/^/PDF only: /'
