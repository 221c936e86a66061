#!/usr/bin/env bash
# The install users get (`pip install .`, no extras, what pipx does), measured: set-up time
# into a fresh environment from an empty pip cache and again from the warm cache it left,
# the environment's size, and the largest downloads.
#   bash bench/install.sh            (BENCH_PYTHON=python3.12 to use another interpreter)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
python=${BENCH_PYTHON:-python3}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cache=$tmp/cache
unset PIP_NO_CACHE_DIR

install() {  # $1: the venv; prints the wall and the CPU seconds (user + system) of `pip install .`
    "$python" -m venv "$1"
    local TIMEFORMAT='%R %U %S'
    { time "$1/bin/python" -m pip install --cache-dir "$cache" "$root" > "$1.log" 2>&1; } 2> "$1.time" \
        || { tail -30 "$1.log" >&2; exit 1; }
    awk '{print $1, $2 + $3}' "$1.time"
}

load0=$(cut -d' ' -f1 /proc/loadavg 2>/dev/null || echo '?')
cold=$(install "$tmp/cold")
warm=$(install "$tmp/warm")
read -r cold cold_cpu <<< "$cold"
read -r warm warm_cpu <<< "$warm"
load1=$(cut -d' ' -f1 /proc/loadavg 2>/dev/null || echo '?')
mb() { du -sm "$@" | awk '{s += $1} END {print s}'; }
size=$(mb "$tmp/warm")
bytecode=$(find "$tmp/warm" -name __pycache__ -type d -print0 | xargs -0 du -sk | awk '{s += $1} END {print int(s / 1024)}')
pipself=$(mb "$tmp/warm"/lib/python3*/site-packages/pip)
count=$("$tmp/warm/bin/python" -m pip list 2>/dev/null | tail -n +3 | wc -l)
"$tmp/warm/bin/python" -m pip check > /dev/null && check=clean || check=BROKEN
"$tmp/warm/bin/python" -c "import torch" 2> /dev/null && torch=INSTALLED || torch=absent
"$tmp/warm/bin/python" -c "import stanza" 2> /dev/null && stanza=INSTALLED || stanza=absent

# What the empty cache downloaded, from pip's log: "Downloading name.whl (40.6 MB)".
grep -o 'Downloading [^ ]* ([0-9.]* [kM]B)' "$tmp/cold.log" | tr -d '()' \
    | awk '{print ($4 == "kB" ? $3 / 1024 : $3), $2}' | sort -rn > "$tmp/downloads"

printf 'pip install . (%s, pip %s), %s distributions\n' "$("$python" --version)" \
    "$("$tmp/warm/bin/python" -m pip --version | cut -d' ' -f2)" "$count"
# Wall time counts what other processes take of the cores; CPU time does not.
printf '  set-up, empty pip cache   %6.1f s  (CPU %.1f s)\n' "$cold" "$cold_cpu"
printf '  set-up, warm pip cache    %6.1f s  (CPU %.1f s; load average %s before, %s after)\n' "$warm" "$warm_cpu" "$load0" "$load1"
printf '  environment (du)          %6d MB  (bytecode %d MB, pip itself %d MB)\n' "$size" "$bytecode" "$pipself"
printf '  downloaded (empty cache)  %6d MB in %d files; largest:\n' \
    "$(awk '{s += $1} END {print int(s)}' "$tmp/downloads")" "$(wc -l < "$tmp/downloads")"
head -5 "$tmp/downloads" | while read -r size name; do printf '    %6.1f MB  %s\n' "$size" "$name"; done
printf '  pip check: %s; torch: %s; stanza: %s\n' "$check" "$torch" "$stanza"
