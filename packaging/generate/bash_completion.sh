#!/usr/bin/env bash
# Writes the bash completion of motifloom-cli, generated from the built program's own --help
# (the layout app/cli/command_line.h documents), so it always matches app/cli/commands.cpp and
# each command's CLI11 options:
#   bash packaging/generate/bash_completion.sh path/to/motifloom-cli OUTPUT
# Completes the command, a subcommand (motifs list|show|convert), option names, and option
# values by the value name --help shows: choices such as adam|sgd as words, *DIR as folders,
# FILE/PATH/MODEL/... as files; positional arguments as files.
set -euo pipefail
cli=$1
out=$2

# "commands:" / "subcommands:" section of a help text: the first word of each indented line.
section_words() {
  awk -v head="$1" '$0 == head ":" { on = 1; next } on && /^  [a-z]/ { print $1; next } on && !/^  / { on = 0 }'
}

# One case arm per option that takes a value: its completion by the value name.
#   --name VALUE  ->  --name) <completion> ;;
value_arms() {
  awk '
    /^options:/ { on = 1; next }
    on && /^  --[A-Za-z0-9-]+ [^ ]/ {
      name = $1; value = $2; words = ""; dirs = 0; files = 0
      n = split(value, parts, "|")
      for (i = 1; i <= n; ++i) {
        p = parts[i]
        if (p ~ /^[a-z][a-z0-9-]*$/) words = words (words == "" ? "" : " ") p
        else if (p ~ /DIR$/) dirs = 1
        else if (p == "SOURCE") { words = words (words == "" ? "" : " ") "synthetic"; files = 1 }  # --data
        else if (p ~ /(FILE|PATH|MODEL|CKPT)/) files = 1
      }
      action = ""
      if (words != "") action = "COMPREPLY+=($(compgen -W \"" words "\" -- \"$cur\")); "
      if (files) action = action "_filedir; "
      else if (dirs) action = action "_filedir -d; "
      if (action == "") action = ":; "  # a number or a name: nothing to offer
      printf "        %s) %sreturn ;;\n", name, action
    }'
}

options_of() { awk '/^options:/ { on = 1; next } on && /^  --[A-Za-z0-9-]+/ { print $1 }' | tr '\n' ' '; }

# Body of one command (or "motifs list"): completes option values, then option names, else files.
command_arm() {
  local label=$1 help=$2
  echo "    \"$label\")"
  echo "      case \$prev in"
  value_arms <<<"$help"
  echo "      esac"
  echo "      opts=\"$(options_of <<<"$help")--help\" ;;"
}

commands=$("$cli" --help | section_words commands)
tmp=$(mktemp "$out.XXXXXX")
trap 'rm -f "$tmp"' EXIT
{
  echo "# bash completion for motifloom-cli; generated from its --help by"
  echo "# packaging/generate/bash_completion.sh (do not edit)."
  echo
  echo "_motifloom_cli() {"
  echo "  local cur prev words cword"
  echo "  _init_completion || return"
  echo "  if ((cword == 1)); then"
  echo "    COMPREPLY=(\$(compgen -W \"$(echo $commands) --help --version\" -- \"\$cur\"))"
  echo "    return"
  echo "  fi"
  echo "  local command=\${words[1]} opts=\"\""
  for c in $commands; do
    subs=$("$cli" "$c" --help | section_words subcommands)
    [ -z "$subs" ] && continue
    echo "  if [ \"\$command\" = $c ]; then"
    echo "    if ((cword == 2)); then"
    echo "      COMPREPLY=(\$(compgen -W \"$(echo $subs) --help\" -- \"\$cur\"))"
    echo "      return"
    echo "    fi"
    echo "    command=\"$c \${words[2]}\""
    echo "  fi"
  done
  echo "  case \$command in"
  for c in $commands; do
    subs=$("$cli" "$c" --help | section_words subcommands)
    if [ -z "$subs" ]; then
      command_arm "$c" "$("$cli" "$c" --help)"
    else
      for s in $subs; do command_arm "$c $s" "$("$cli" "$c" "$s" --help)"; done
    fi
  done
  echo "    *) return ;;"
  echo "  esac"
  echo "  if [[ \$cur == -* ]]; then"
  echo "    COMPREPLY=(\$(compgen -W \"\$opts\" -- \"\$cur\"))"
  echo "  else"
  echo "    _filedir  # positional arguments are files or folders"
  echo "  fi"
  echo "}"
  echo "complete -F _motifloom_cli motifloom-cli"
} >"$tmp"
mv "$tmp" "$out"
trap - EXIT
