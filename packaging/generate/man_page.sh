#!/usr/bin/env bash
# Writes a program's man page, generated with Debian's help2man from its --help and --version
# and compressed as Debian wants it (gzip -9n: no name, no time stamp, reproducible):
#   bash packaging/generate/man_page.sh PROGRAM "one-line description" OUTPUT.1.gz
# For motifloom-cli the page also gets a COMMANDS section with every command's own --help
# (and the motifs subcommands'), so `man motifloom-cli` documents all options.
set -euo pipefail
program=$1
description=$2
out=$3
name=$(basename "$program")
# The GUI needs a display to parse its options; the offscreen platform needs none.
export QT_QPA_PLATFORM=offscreen

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# Help text as a roff block without filling (backslashes and leading dots escaped).
verbatim() { printf '.nf\n'; sed -e 's/\\/\\e/g' -e 's/-/\\-/g' -e "s/^\([.']\)/\\\\\&\1/"; printf '.fi\n'; }

# Words listed under "commands:" or "subcommands:" in a help text.
section_words() {
  awk -v head="$1" '$0 == head ":" { on = 1; next } on && /^  [a-z]/ { print $1; next } on && !/^  / { on = 0 }'
}

include=$work/include.h2m
{
  if [ "$name" = motifloom-cli ]; then
    echo "[COMMANDS]"
    for c in $("$program" --help | section_words commands); do
      echo ".SS $c"
      "$program" "$c" --help | verbatim
      for s in $("$program" "$c" --help | section_words subcommands); do
        echo ".SS $c $s"
        "$program" "$c" "$s" --help | verbatim
      done
    done
  fi
  cat <<'EOF'
[ENVIRONMENT]
.TP
.B MOTIFLOOM_ISA
The instruction set of the engine's kernels: \fBavx512\fR, \fBavx2\fR or \fBgeneric\fR.
Without it the best one this CPU supports is used; asking for one the CPU lacks is an error.
.TP
.B MOTIFLOOM_DATA_DIR
A folder holding the motif database (pfm_vertebrates.txt) to use instead of the installed one.
[FILES]
.TP
.I /usr/share/motifloom/pfm_vertebrates.txt
The JASPAR CORE vertebrates motif database, found relative to the program
(\fI../share/motifloom\fR from its folder).
EOF
  echo "[SEE ALSO]"
  others=()
  for p in motifloom motifloom-cli motifloom-bench; do [ "$p" != "$name" ] && others+=(".BR $p (1)"); done
  printf '%s,\n%s\n' "${others[0]}" "${others[1]}"
} >"$include"

help2man --no-info --section=1 --name="$description" --include="$include" \
  --output="$work/$name.1" "$program"
gzip -9n <"$work/$name.1" >"$out.part"
mv "$out.part" "$out"
