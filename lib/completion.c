/*
 * completion.c - shell completion scripts made from the command-line
 * tables (lp completion bash|zsh).
 *
 * Each program prints its tables (PROG --lp-cli-tables, see cli.h); the
 * script embeds them as bash associative arrays, so completing needs no
 * program run except for window ids, which come from the calendar the
 * user's lp-window sees.  zsh loads the same script through bashcompinit.
 */
#include <stdlib.h>
#include <string.h>

#include "lp.h"

/* The script's fixed part: how to read a command line against the tables. */
static const char engine[] =
"_lp_values() {	# KIND ARG CUR\n"
"	case $1 in\n"
"	# File names may hold spaces: split compgen's answer on newlines only.\n"
"	file) local IFS=$'\\n'; COMPREPLY=($(compgen -f -- \"$3\")); compopt -o filenames 2>/dev/null ;;\n"
"	dir) local IFS=$'\\n'; COMPREPLY=($(compgen -d -- \"$3\")); compopt -o filenames 2>/dev/null ;;\n"
"	format) COMPREPLY=($(compgen -W 'table csv tsv json jsonl xlsx md html' -- \"$3\")) ;;\n"
"	level) COMPREPLY=($(compgen -W 'none underlying developing extending transforming' -- \"$3\")) ;;\n"
"	reach) COMPREPLY=($(compgen -W 'colleague team institution beyond' -- \"$3\")) ;;\n"
"	standard) COMPREPLY=($(compgen -W 'LP1 LP2 LP3 LP4 LP5 LP6 LP7 LP8 LP9 LP10' -- \"$3\")) ;;\n"
"	assign)\n"
"		if [[ $3 == *=* ]]; then\n"
"			COMPREPLY=($(compgen -P \"${3%%=*}=\" -W 'underlying developing extending transforming none' -- \"${3#*=}\"))\n"
"		else\n"
"			COMPREPLY=($(compgen -S = -W 'LP1 LP2 LP3 LP4 LP5 LP6 LP7 LP8 LP9 LP10' -- \"$3\"))\n"
"			compopt -o nospace 2>/dev/null\n"
"		fi ;;\n"
"	window) COMPREPLY=($(compgen -W \"$(lp-window list -o tsv 2>/dev/null | cut -f1 | tail -n +2)\" -- \"$3\")) ;;\n"
"	words) COMPREPLY=($(compgen -W \"$(printf '%s' \"$2\" | tr -s '|[] ' '\\n' | grep -v '^[A-Z.]*$')\" -- \"$3\")) ;;\n"
"	*) COMPREPLY=() ;;\n"
"	esac\n"
"}\n"
"\n"
"_lp_complete() {\n"
"	local cur=${COMP_WORDS[COMP_CWORD]} prog=${COMP_WORDS[0]##*/} i=1 sub= w kind\n"
"	if [[ $prog == \"$_lp_front\" ]]; then\n"
"		prog=lp\n"
"		if ((COMP_CWORD > 1)) && [[ -n ${_lp_cmds[lp-${COMP_WORDS[1]}]+x} ]]; then\n"
"			prog=lp-${COMP_WORDS[1]}; i=2\n"
"		fi\n"
"	fi\n"
"	[[ -n ${_lp_cmds[$prog]+x} ]] || return 0\n"
"	for ((; i < COMP_CWORD; i++)); do\n"
"		w=${COMP_WORDS[i]}\n"
"		case $w in\n"
"		--*=*) ;;\n"
"		-?*) [[ -n ${_lp_takes[$prog/$w]+x} ]] && ((i++)) ;;\n"
"		*) sub=$w; break ;;\n"
"		esac\n"
"	done\n"
"	# No subcommand word: the bare form, where the program has one.\n"
"	local form=${sub:--}\n"
"	w=${COMP_WORDS[COMP_CWORD-1]}\n"
"	if ((COMP_CWORD > 1)) && [[ $w == -?* && -n ${_lp_takes[$prog/$w]+x} ]]; then\n"
"		kind=${_lp_optval[$prog/$form/$w]:-${_lp_takes[$prog/$w]}}\n"
"		_lp_values \"${kind%%:*}\" \"${kind#*:}\" \"$cur\"\n"
"		return 0\n"
"	fi\n"
"	if [[ $cur == -* ]]; then\n"
"		COMPREPLY=($(compgen -W \"${_lp_opts[$prog/$form]} -h --help --version\" -- \"$cur\"))\n"
"		return 0\n"
"	fi\n"
"	if [[ -z $sub ]]; then\n"
"		COMPREPLY=($(compgen -W \"${_lp_cmds[$prog]}\" -- \"$cur\"))\n"
"		[[ $prog == lp ]] && COMPREPLY+=($(compgen -W \"${_lp_tools}\" -- \"$cur\"))\n"
"		[[ -n ${_lp_operands[$prog/-]+x} && ${_lp_operands[$prog/-]} != none:* ]] || return 0\n"
"	fi\n"
"	kind=${_lp_operands[$prog/$form]}\n"
"	[[ -n $kind ]] || return 0\n"
"	local before=(\"${COMPREPLY[@]}\")\n"
"	_lp_values \"${kind%%:*}\" \"${kind#*:}\" \"$cur\"\n"
"	[[ -z $sub ]] && COMPREPLY=(\"${before[@]}\" \"${COMPREPLY[@]}\")\n"
"	return 0\n"
"}\n";

/* A shell word in single quotes. */
static void
quoted(struct lp_buf *b, const char *s)
{
	lp_buf_addc(b, '\'');
	for (; *s; s++) {
		if (*s == '\'')
			lp_buf_adds(b, "'\\''");
		else
			lp_buf_addc(b, *s);
	}
	lp_buf_addc(b, '\'');
}

/* The fields of one table line, split at tabs in place. */
static size_t
fields(char *line, char *f[], size_t max)
{
	size_t n = 0;

	while (n < max) {
		f[n++] = line;
		if (!(line = strchr(line, '\t')))
			break;
		*line++ = '\0';
	}
	return n;
}

/* The arrays for one program's tables. */
static void
program_arrays(struct lp_buf *b, const char *prog, char *tables)
{
	struct lp_buf cmds = {0};
	char *save = NULL;

	for (char *line = strtok_r(tables, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
		char *f[5];
		size_t n = fields(line, f, 5);

		if (n == 4 && strcmp(f[0], "cmd") == 0) {
			if (strcmp(f[1], "-") != 0) {
				if (cmds.len)
					lp_buf_addc(&cmds, ' ');
				lp_buf_adds(&cmds, f[1]);
			}
			lp_buf_addf(b, "_lp_operands[%s/%s]=", prog, f[1]);
			{
				struct lp_buf v = {0};

				lp_buf_addf(&v, "%s:%s", f[2], f[3]);
				quoted(b, lp_buf_str(&v));
				lp_buf_free(&v);
			}
			lp_buf_addc(b, '\n');
		} else if (n == 5 && strcmp(f[0], "opt") == 0) {
			lp_buf_addf(b, "_lp_opts[%s/%s]+=' %s'\n", prog, f[1], f[2]);
			if (strcmp(f[3], "-") != 0) {
				struct lp_buf v = {0};

				lp_buf_addf(&v, "%s:%s", f[3], f[4]);
				lp_buf_addf(b, "_lp_takes[%s/%s]=", prog, f[2]);
				quoted(b, lp_buf_str(&v));
				lp_buf_addf(b, "\n_lp_optval[%s/%s/%s]=", prog, f[1], f[2]);
				quoted(b, lp_buf_str(&v));
				lp_buf_addc(b, '\n');
				lp_buf_free(&v);
			}
		}
	}
	lp_buf_addf(b, "_lp_cmds[%s]=", prog);
	quoted(b, lp_buf_str(&cmds));
	lp_buf_addc(b, '\n');
	lp_buf_free(&cmds);
}

int
lp_completion_script(const char *shell, const char *front, char *const *progs,
    char **tables, size_t n, struct lp_buf *out)
{
	struct lp_buf tools = {0};

	if (strcmp(shell, "bash") != 0 && strcmp(shell, "zsh") != 0) {
		lp_error("completion: expected bash or zsh, got '%s'", shell);
		return -1;
	}
	if (strcmp(shell, "zsh") == 0) {
		lp_buf_addf(out, "#compdef %s", front);
		for (size_t i = 0; i < n; i++)
			if (strncmp(progs[i], "lp-", 3) == 0)
				lp_buf_addf(out, " %s", progs[i]);
		lp_buf_adds(out, "\n");
	}
	lp_buf_addf(out, "# %s completion for lp (made by `%s completion %s`; do not edit)\n",
	    shell, front, shell);
	if (strcmp(shell, "zsh") == 0)
		lp_buf_adds(out, "autoload -U +X bashcompinit && bashcompinit\n");
	lp_buf_adds(out, "unset _lp_cmds _lp_opts _lp_takes _lp_optval _lp_operands 2>/dev/null\n"
	    "declare -gA _lp_cmds _lp_opts _lp_takes _lp_optval _lp_operands\n");
	lp_buf_adds(out, "_lp_front=");
	quoted(out, front);
	lp_buf_addc(out, '\n');
	for (size_t i = 0; i < n; i++) {
		program_arrays(out, progs[i], tables[i]);
		if (strncmp(progs[i], "lp-", 3) == 0) {
			if (tools.len)
				lp_buf_addc(&tools, ' ');
			lp_buf_adds(&tools, progs[i] + 3);
		}
	}
	/* The front door's tables are filed under lp whatever it is installed as. */
	lp_buf_adds(out, "_lp_tools=");
	quoted(out, lp_buf_str(&tools));
	lp_buf_addc(out, '\n');
	lp_buf_adds(out, engine);
	lp_buf_adds(out, "complete -F _lp_complete");
	lp_buf_addc(out, ' ');
	quoted(out, front);
	for (size_t i = 0; i < n; i++)
		if (strncmp(progs[i], "lp-", 3) == 0)
			lp_buf_addf(out, " %s", progs[i]);
	lp_buf_addc(out, '\n');
	/* Autoloaded from fpath as _lp, the file must also answer this first call. */
	if (strcmp(shell, "zsh") == 0)
		lp_buf_adds(out, "[[ -n ${funcstack[1]} && ${funcstack[1]} == _lp ]] && "
		    "_bash_complete -F _lp_complete\n");
	lp_buf_free(&tools);
	return 0;
}
