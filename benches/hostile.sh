#!/usr/bin/env bash
# Time and peak memory of the heavy hostile inputs of issue 11 (BENCHMARKS.md, « Hostile input »).
# Usage: benches/hostile.sh [path/to/motion]   (default: target/release/motion)
set -euo pipefail
motion=$(realpath "${1:-target/release/motion}")
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$work"
minimal='title = "Motion"
status = "adopte"
date = 2024-01-01

[council]
name = "Conseil"

[[demands]]
verb = "demande"
text = "que la motion soit lue."

[vote]
unanimous = true
'
measure() { # label, command...
  local label=$1; shift
  /usr/bin/time -f "%e %M" -o t "$@" >/dev/null 2>err || true
  read -r secs kb < <(tail -1 t)
  printf '| %s | %s s | %s MB | %s |\n' "$label" "$secs" "$((kb / 1024))" "$(head -c 70 err | head -1)"
}
python3 - "$minimal" <<'PY'
import sys, struct, zlib
m = sys.argv[1]
open("role.toml", "w").write(m + '\n[[signatures]]\nrole = "%s"\nname = "Nom"\n' % ("Présidente " * 27000))
open("short.toml", "w").write(m.replace('name = "Conseil"', 'name = "Conseil"\nshort = "%s"' % ("Conseil " * 6000)))
sigs = "".join('\n[[signatures]]\nrole = "Conseillère %d"\nname = "Nom %d"\n' % (i, i) for i in range(40))
open("sigs.toml", "w").write(m + sigs)
# A 20000×20000 PNG: a valid header, then a small zlib stream of zeros (a decompression bomb).
def chunk(kind, data):
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
row = b"\0" * (20000 * 3 + 1)
idat = zlib.compressobj(9)
data = b"".join(idat.compress(row) for _ in range(2000)) + idat.flush()
png = b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", 20000, 20000, 8, 2, 0, 0, 0)) + chunk(b"IDAT", data) + chunk(b"IEND", b"")
open("bomb.png", "wb").write(png)
open("bomb.toml", "w").write(m.replace('name = "Conseil"', 'name = "Conseil"\nlogo = "bomb.png"'))
import os
os.makedirs("many", exist_ok=True)
for i in range(1111):
    open("many/m%04d.toml" % i, "w").write(m.replace("Motion", "Motion %d" % i))
PY
echo "| case | time | peak memory | first line of the message |"
echo "| --- | ---: | ---: | --- |"
measure "300 KB signature role" "$motion" render --format pdf role.toml
measure "50 KB council.short" "$motion" render --format pdf short.toml
measure "40 signatures (PDF + DOCX)" "$motion" render sigs.toml
measure "20000×20000 PNG logo ($(($(stat -c %s bomb.png) / 1024)) KB)" "$motion" render --format pdf bomb.toml
measure "1111 specs, -j 10000, PDF" "$motion" render -j 10000 --format pdf -o out many/*.toml
measure "1111 specs, default -j, PDF" "$motion" render --format pdf -o out2 many/*.toml
