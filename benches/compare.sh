#!/usr/bin/env bash
# Side-by-side benchmarks for BENCHMARKS.md, measured in one run on this machine:
#   motion render (PDF, DOCX, both) vs typst compiling an equivalent .typ (PyPI `typst`),
#   pandoc Markdown → DOCX (PyPI `pypandoc-binary`), LibreOffice headless DOCX → PDF;
#   1000 generated specs in one batch; scaling with the preamble's size; peak RSS; sizes.
# Needs: hyperfine, GNU time, python3 with `typst` and `pypandoc-binary`, soffice; the typst
# CLI too if it is on PATH or in $TYPST (`cargo install typst-cli --locked`, on your machine
# only: it is not a dependency).
# Usage: benches/compare.sh > /tmp/bench.md
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --release --quiet
motion=$PWD/target/release/motion
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
# The same layout as the repository: forest.toml names ../examples/forest.nl.toml.
mkdir -p "$work/motions" "$work/examples"
cp motions/forest.toml benches/forest.typ benches/forest.md "$work/motions/"
cp examples/forest.nl.toml "$work/examples/"
cd "$work/motions"
# A trivial Rust binary: what starting a process costs, to subtract.
printf 'fn main() {}\n' > trivial.rs
rustc -O -o trivial trivial.rs
pandoc=$(python3 -c 'import pypandoc; print(pypandoc.get_pandoc_path())')
typst=${TYPST:-$(command -v typst || true)}
export SOURCE_DATE_EPOCH=1485216000

echo "## Machine"
echo
echo "- $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $(nproc) cores, $(free -g | awk '/Mem/ {print $2}') GiB"
echo "- $(rustc --version); motion $(git -C "$OLDPWD" rev-parse --short HEAD)"
echo "- typst CLI: ${typst:+$("$typst" --version)}; typst $(python3 -c 'import typst; print(typst.__version__)') (PyPI binding); pandoc $("$pandoc" --version | head -1 | cut -d' ' -f2); $(soffice --version | head -1)"
echo

echo "## forest.toml, whole processes, interleaved (benches/interleaved.py, 30 rounds)"
echo
"$OLDPWD/benches/interleaved.py" 30 \
  "motion render --format pdf=$motion render forest.toml --format pdf -o out" \
  ${typst:+"typst compile --ignore-system-fonts forest.typ=$typst compile --ignore-system-fonts forest.typ forest-typst-cli.pdf"} \
  "motion render (pdf + docx)=$motion render forest.toml -o out" \
  "motion check=$motion check forest.toml" \
  "motion --version=$motion --version" \
  "trivial Rust binary=./trivial"
echo

echo "## forest.toml, whole processes (hyperfine, mean ± σ)"
echo
typst_cli=()
if [ -n "$typst" ]; then
  typst_cli=(-n "typst compile --ignore-system-fonts forest.typ" "$typst compile --ignore-system-fonts forest.typ forest-typst-cli.pdf")
fi
hyperfine -N --warmup 3 --runs 30 --export-markdown processes.md --style none \
  -n "motion render --format pdf" "$motion render forest.toml --format pdf -o out" \
  "${typst_cli[@]}" \
  -n "motion render --format docx" "$motion render forest.toml --format docx -o out" \
  -n "motion render (pdf + docx)" "$motion render forest.toml -o out" \
  -n "typst.compile (PyPI binding, python -c)" "python3 -c \"import typst; typst.compile('forest.typ', output='forest-typst.pdf', ignore_system_fonts=True)\"" \
  -n "python3 -c pass (interpreter start, to subtract)" "python3 -c pass" \
  -n "pandoc forest.md -o forest.docx" "$pandoc forest.md -o forest-pandoc.docx" \
  > /dev/null
cat processes.md
echo
python3 - <<'PY'
import re
rows = {}
for line in open("processes.md"):
    cells = [c.strip() for c in line.split("|")]
    if len(cells) > 3 and cells[2][:1].isdigit():
        rows[cells[1].strip("`")] = float(cells[2].split("±")[0])
both = rows["motion render (pdf + docx)"]
pdf = rows["motion render --format pdf"]
binding = rows["typst.compile (PyPI binding, python -c)"]
python = rows["python3 -c pass (interpreter start, to subtract)"]
pandoc = rows["pandoc forest.md -o forest.docx"]
cli = rows.get("typst compile --ignore-system-fonts forest.typ")
if cli:
    print(f"- typst CLI (PDF) / motion PDF + DOCX in one process: **{cli / both:.1f}×**")
    print(f"- typst CLI (PDF) / motion PDF alone: **{cli / pdf:.1f}×**")
print(f"- typst binding minus the Python interpreter's start / motion PDF + DOCX: {(binding - python) / both:.1f}×")
print(f"- pandoc Markdown → DOCX / motion PDF + DOCX: {pandoc / both:.1f}×")
PY
echo

echo "## In process (typst's own compile call timed inside Python, after a warm-up)"
echo
python3 - <<'PY'
import time, typst, statistics
typst.compile("forest.typ", output="forest-typst.pdf", ignore_system_fonts=True)
samples = []
for _ in range(20):
    t = time.perf_counter()
    typst.compile("forest.typ", output="forest-typst.pdf", ignore_system_fonts=True)
    samples.append(time.perf_counter() - t)
print(f"- typst.compile(forest.typ), median of 20: {statistics.median(samples) * 1e3:.1f} ms")
PY
(cd "$OLDPWD" && cargo run --release --quiet --example bench -- motions/forest.toml 200)
echo

echo "## LibreOffice headless, DOCX → PDF (one conversion, process included)"
echo
"$motion" render forest.toml --format docx -o out > /dev/null
hyperfine -N --runs 5 --export-markdown lo.md --style none \
  -n "soffice --convert-to pdf forest.docx" "soffice -env:UserInstallation=file://$work/lo --headless --convert-to pdf --outdir lo out/forest.docx" > /dev/null
cat lo.md
echo

echo "## 1000 motions in one batch"
echo
mkdir gen
python3 - <<'PY'
import re
base = open("forest.toml").read()
base = "\n".join(l for l in base.splitlines() if not l.startswith("translation ="))
places = ["Anderlecht", "Auderghem", "Berchem", "Bruxelles", "Etterbeek", "Evere", "Forest", "Ganshoren",
          "Ixelles", "Jette", "Koekelberg", "Molenbeek", "Saint-Gilles", "Saint-Josse", "Schaerbeek",
          "Uccle", "Watermael", "Woluwe-Saint-Lambert", "Woluwe-Saint-Pierre"]
for i in range(1000):
    place = places[i % len(places)]
    text = base.replace("CPAS de Forest", f"CPAS de {place}").replace('place = "Forest"', f'place = "{place}"')
    text = text.replace('status = "projet"', f'status = "projet"\ndate = 2017-{1 + i % 12:02d}-{1 + i % 28:02d}\nreference = "CAS/2017/{i:04d}"')
    open(f"gen/motion-{i:04d}.toml", "w").write(text)
PY
/usr/bin/time -f "%e s elapsed, %M KB peak RSS" "$motion" render gen/*.toml -o gen-out 2> batch.time > batch.out
echo "- \`motion render gen/*.toml -o gen-out\` (1000 specs → 1000 PDF + 1000 DOCX, 2 cores): $(cat batch.out | tr -d '\n'); $(tail -1 batch.time)"
/usr/bin/time -f "%e s elapsed, %M KB peak RSS" "$motion" render gen/*.toml -o gen-out-j1 -j 1 2> batch1.time > /dev/null
echo "- the same with \`-j 1\`: $(tail -1 batch1.time)"
all=$(cd gen-out && sha256sum * | sha256sum | cut -c1-12)
one=$(cd gen-out-j1 && sha256sum * | sha256sum | cut -c1-12)
echo "- outputs: $(du -sk gen-out | cut -f1) KB for 2000 files; digest of all files with 2 jobs $all, with 1 job $one ($([ "$all" = "$one" ] && echo identical || echo DIFFERENT))"
echo

echo "## Sizes and peak memory, forest.toml"
echo
"$motion" render forest.toml -o out > /dev/null
/usr/bin/time -f "%M" "$motion" render forest.toml -o out 2> rss.txt > /dev/null
echo "- forest.pdf: $(stat -c %s out/forest.pdf) bytes; forest.docx: $(stat -c %s out/forest.docx) bytes; typst's PDF: $(stat -c %s forest-typst.pdf) bytes; pandoc's DOCX: $(stat -c %s forest-pandoc.docx) bytes"
echo "- peak RSS of \`motion render forest.toml\`: $(cat rss.txt) KB"
echo

echo "## Scaling with the preamble's size (PDF + DOCX, one process)"
echo
python3 - <<'PY'
base = open("forest.toml").read()
base = "\n".join(l for l in base.splitlines() if not l.startswith("translation ="))
start = base.index('preamble = """'); end = base.index('"""', start + 15) + 3
pre = base[start + len('preamble = """'):end - 3].strip()
for mult in (1, 2, 4, 8, 16):
    reps = (256 * 1024 * mult) // len(pre.encode()) + 1
    text = "\n\n".join([pre] * reps)
    open(f"scale{mult}.toml", "w").write(base[:start] + 'preamble = """\n' + text + '\n"""' + base[end:])
PY
echo "| preamble | time | peak RSS | pages | time / MB |"
echo "| --- | --- | --- | --- | --- |"
for m in 1 2 4 8 16; do
  size=$(python3 -c "import tomllib; print(len(tomllib.load(open('scale$m.toml','rb'))['preamble'].encode()))")
  /usr/bin/time -f "%e %M" "$motion" render scale$m.toml -o scale-out 2> scale.time > /dev/null
  read -r secs rss < <(tail -1 scale.time)
  pages=$(pdfinfo scale-out/scale$m.pdf 2>/dev/null | awk '/^Pages:/ {print $2}')
  echo "| $((size / 1024)) KB | ${secs} s | $((rss / 1024)) MB | $pages | $(python3 -c "print(f'{$secs / ($size / 1048576):.2f} s')") |"
done
