#!/bin/sh
# lp completion bash|zsh: scripts made from the same tables as --help,
# exercised in a real bash with the script loaded (complete -p, and the
# completion function run on command lines as bash would run it).
. "$(dirname "$0")/lib.sh"

run lp completion bash
is_rc 0 "lp completion bash"
printf '%s\n' "$out" >lp.bash
run lp completion fish
is_rc 2 "an unknown shell is a usage error"
like "$err" "expected bash or zsh, got 'fish'" "naming the shell"
run lp completion
is_rc 2 "the shell is required"

# comp WORD... : what bash offers for the last word of the line.
cat >comp.sh <<'S'
. ./lp.bash
comp() {
	COMP_WORDS=("$@"); COMP_CWORD=$(($# - 1)); COMPREPLY=()
	_lp_complete
	printf '%s\n' "${COMPREPLY[@]}" | sort | tr '\n' ' ' | sed 's/ $//'
}
S
c() {	# c WORD...: the completions, one line
	bash -c '. ./comp.sh; comp "$@"' comp "$@"
}

run bash -c '. ./lp.bash; complete -p'
for p in lp lp-assess lp-evidence lp-window lp-reaccredit lp-report; do
	like "$out" "^complete -F _lp_complete $p\$" "complete -p: $p is completed"
done

is "$(c lp-window st)" "status" "a subcommand"
is "$(c lp w)" "window" "lp: a tool"
is "$(c lp ch)" "check" "lp: its own commands"
is "$(c lp-window outcome '')" "accredited referred withdrawn" "operands named in the synopsis"
is "$(c lp-window status --mi)" "--min" "an option of the subcommand"
is "$(c lp-window status --da)" "" "an option of another subcommand is not offered"
is "$(c lp-window outcome --da)" "--date" "... but is for its own"
is "$(c lp-window status --min '')" "developing extending none transforming underlying" "levels as values"
is "$(c lp window status -o '')" "csv html json jsonl md table tsv xlsx" "lp TOOL: formats as values"
is "$(c lp-window -C . status -o j)" "json jsonl" "options before the subcommand are skipped with their values"
is "$(c lp completion '')" "bash zsh" "lp completion: the shells"
is "$(c lp-window submit --window 2026-0)" "2026-03 2026-06" "window ids from the calendar"

# Every option of every subcommand's -h is offered: one table, no drift.
for prog in lp lp-assess lp-evidence lp-window lp-reaccredit lp-report; do
	for sub in $("$prog" --lp-cli-tables | awk -F'\t' '$1 == "cmd" && $2 != "-" { print $2 }'); do
		want=$("$prog" "$sub" -h | grep -oE '^ +(-[A-Za-z], )?--?[a-z][a-z-]*' |
		    grep -oE -- '--?[a-z][a-z-]*$' | grep -vE -- '^--(help|version)$' | sort -u | tr '\n' ' ')
		got=$(c "$prog" "$sub" - | tr ' ' '\n' | grep -vE -- '^(-h|--help|--version)$' |
		    grep -E -- '^--' | sort -u | tr '\n' ' ')
		wantlong=$(printf '%s' "$want" | tr ' ' '\n' | grep -E -- '^--' | sort -u | tr '\n' ' ')
		is "$got" "$wantlong" "$prog $sub: completion offers the options of -h"
	done
done

if command -v zsh >/dev/null 2>&1; then
	lp completion zsh >_lp
	run zsh -fc 'autoload -U compinit && compinit -u; . ./_lp; print -r -- ${+functions[_lp_complete]}'
	is "$rc:$out" "0:1" "zsh: the script loads and defines the completion"
	like "$(head -1 _lp)" "^#compdef lp lp-assess" "zsh: a #compdef line for fpath"
else
	ok "zsh # SKIP zsh is not installed"
	ok "zsh #compdef # SKIP zsh is not installed"
fi

done_testing
