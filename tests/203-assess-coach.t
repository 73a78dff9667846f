#!/bin/sh
. "$(dirname "$0")/lib.sh"

# lp-assess coach: a prompt per standard toward the next level, built from
# what this portfolio's evidence shows.  The framework here has prompts
# that name their standard and level, so that the tests show which one
# was chosen; the built-in framework is checked at the end.

mkframework() {	# mkframework FILE: every prompt names its standard and level
	{
		echo "standard,name,group,level,descriptor,prompt"
		for i in 1 2 3 4 5 6 7 8 9 10; do
			for l in underlying developing extending transforming; do
				echo "LP$i,Standard $i,Group,$l,LP$i at $l.,Have you thought about LP$i at $l?"
			done
		done
	} >"$1"
}
mkframework "$TMP/fw.csv"
export LP_FRAMEWORK="$TMP/fw.csv"

# LP1 not assessed, nothing; LP2 not assessed, two team items; LP3
# claimed with no evidence; LP4 claimed above two team items; LP5 four
# items, none beyond the school; LP6 evidence above the claim, one item,
# no colleague count; LP7 one team item; LP8 two team items, no counts;
# LP9 transforming and supported; LP10 transforming, one item inside.
mkportfolio ada ada "Ada Lovelace" 2025-09-01
mkassessment ada "LP3,developing,," "LP4,extending,," "LP5,extending,," "LP6,underlying,," \
	"LP7,developing,," "LP8,developing,," "LP9,transforming,," "LP10,transforming,,"
mkevidence ada 2025-10-01-team-talk "Team talk" 2025-10-01 "LP2, LP4, LP8" team
mkevidence ada 2025-10-02-team-plan "Team plan" 2025-10-02 "LP2, LP4, LP8" team
mkevidence ada 2025-10-03-inset-1 "INSET 1" 2025-10-03 "LP5, LP10" institution "colleagues: 30"
mkevidence ada 2025-10-04-inset-2 "INSET 2" 2025-10-04 "LP5" institution "colleagues: 25"
mkevidence ada 2025-10-05-inset-3 "INSET 3" 2025-10-05 "LP5" institution
mkevidence ada 2025-10-06-inset-4 "INSET 4" 2025-10-06 "LP5" institution
mkevidence ada 2025-10-07-dept "Department" 2025-10-07 "LP6" team
mkevidence ada 2025-10-08-pair "Pair" 2025-10-08 "LP7" team "colleagues: 6"
mkevidence ada 2025-10-09-trust "Trust" 2025-10-09 "LP9" beyond "colleagues: 100"

run lp-assess coach -C ada
is_rc 0 "coach exits 0"
same_text "coach: each situation its own prompt, LP1..LP10, none for a supported transforming" <<'EOF'
standard,level,next_level,prompt
LP1,none,underlying,"LP1 is not assessed yet, and no evidence item names it: start with something small that one colleague could take up. Have you thought about LP1 at underlying?"
LP2,none,extending,"LP2 is not assessed yet, but your two LP2 items already support developing. Record it with 'lp-assess set LP2=developing', then aim for extending. Neither says how many colleagues took part; adding 'colleagues:' would show the scale of the impact. Have you thought about LP2 at extending?"
LP3,developing,developing,"You rate LP3 at developing, but no evidence item names LP3 yet, so nothing supports the claim; developing asks for your own team to take it up in its planning or teaching. Have you thought about LP3 at developing?"
LP4,extending,extending,"You rate LP4 at extending, but your two LP4 items both stay within your own team, which supports only developing; extending asks for colleagues beyond your team, elsewhere in your school or college, to change what they do. Neither says how many colleagues took part; adding 'colleagues:' would show the scale of the impact. Have you thought about LP4 at extending?"
LP5,extending,transforming,"You have four LP5 items, but none reaches beyond your school or college; transforming asks for practitioners in other institutions to adopt your work. Have you thought about LP5 at transforming?"
LP6,underlying,developing,"Your evidence for LP6 already supports developing, above your claim of underlying: have you thought about raising it with 'lp-assess set LP6=developing'? One item is thin evidence for a whole standard; a second, different activity would make it sturdier. It does not say how many colleagues took part; adding 'colleagues:' would show the scale of the impact."
LP7,developing,extending,"Your only LP7 item stays within your own team, which supports developing; extending asks for colleagues beyond your team, elsewhere in your school or college, to change what they do. One item is thin evidence for a whole standard; a second, different activity would make it sturdier. Have you thought about LP7 at extending?"
LP8,developing,extending,"Your two LP8 items both stay within your own team, which supports developing; extending asks for colleagues beyond your team, elsewhere in your school or college, to change what they do. Neither says how many colleagues took part; adding 'colleagues:' would show the scale of the impact. Have you thought about LP8 at extending?"
LP10,transforming,transforming,"You rate LP10 at transforming, but your only LP10 item stays within your school or college, which supports only extending; transforming asks for practitioners in other institutions to adopt your work. One item is thin evidence for a whole standard; a second, different activity would make it sturdier. Have you thought about LP10 at transforming?"
EOF

# Take the standard ids out: what is left must still differ row by row.
is "$(printf '%s\n' "$out" | sed 1d | cut -d, -f4- | sed 's/LP[0-9]*//g' | sort -u | wc -l | tr -d ' ')" 9 \
	"no two situations read the same"

# More situations: more items, the colleague counts of three; a claim
# that the evidence beats.
mkevidence ada 2025-11-01-team-three "Team three" 2025-11-01 "LP8" team
mkevidence ada 2025-11-02-beyond "Beyond" 2025-11-02 "LP3" beyond "colleagues: 12"
run lp-assess coach -C ada -o tsv
is "$(printf '%s\n' "$out" | grep '^LP8	')" "LP8	developing	extending	All three of your LP8 items stay within your own team, which supports developing; extending asks for colleagues beyond your team, elsewhere in your school or college, to change what they do. None of them says how many colleagues took part; adding 'colleagues:' would show the scale of the impact. Have you thought about LP8 at extending?" \
	"three items: counted in words"
is "$(printf '%s\n' "$out" | grep '^LP3	')" "LP3	developing	extending	Your evidence for LP3 already supports transforming, above your claim of developing: have you thought about raising it with 'lp-assess set LP3=transforming'? One item is thin evidence for a whole standard; a second, different activity would make it sturdier." \
	"evidence beyond the claim: raise it"

# One item that names all ten standards, and nothing assessed.
mkportfolio solo solo "Solo Player" 2025-01-01
mkevidence solo 2025-02-01-all "All of it" 2025-02-01 \
	"LP1, LP2, LP3, LP4, LP5, LP6, LP7, LP8, LP9, LP10" beyond
run lp-assess coach -o jsonl solo
is_rc 0 "coach takes a portfolio operand"
is "$(printf '%s\n' "$out" | sed -n 1p)" \
	"{\"standard\":\"LP1\",\"level\":\"none\",\"next_level\":\"transforming\",\"prompt\":\"LP1 is not assessed yet, but your one LP1 item already supports transforming. Record it with 'lp-assess set LP1=transforming': have you thought about doing that now? One item is thin evidence for a whole standard; a second, different activity would make it sturdier. It does not say how many colleagues took part; adding 'colleagues:' would show the scale of the impact. 'All of it' names all ten standards; one piece of work rarely evidences them all well, so say which it really shows.\"}" \
	"an item naming all ten standards is called out"
is "$(printf '%s\n' "$out" | wc -l | tr -d ' ')" 10 "a row for each standard not yet assessed"

# Nothing left to coach: the header only.
mkportfolio done done "Dana Done" 2025-01-01
mkassessment done "LP1,transforming,," "LP2,transforming,," "LP3,transforming,," \
	"LP4,transforming,," "LP5,transforming,," "LP6,transforming,," "LP7,transforming,," \
	"LP8,transforming,," "LP9,transforming,," "LP10,transforming,,"
mkevidence done 2025-02-01-all "All of it" 2025-02-01 \
	"LP1, LP2, LP3, LP4, LP5, LP6, LP7, LP8, LP9, LP10" beyond
run lp-assess coach done
is_rc 0 "coach with nothing to coach exits 0"
is "$out" "standard,level,next_level,prompt" "only the header"

# --at: as it was.
git -C ada init -q && git -C ada add -A && git -C ada commit -qm init
lp-assess -C ada set LP1=2 -q
run lp-assess coach -C ada --at HEAD~1 -o csv
like "$(printf '%s\n' "$out" | sed -n 2p)" '^LP1,none,underlying,' "coach --at"
run lp-assess coach -C ada --at nosuch
is_rc 2 "coach --at naming no commit: exit 2"

run lp-assess coach -C "$TMP"
is_rc 2 "coach outside a portfolio: exit 2"
like "$err" "no portfolio" "and says so"

# The built-in framework: each prompt ends with the framework's own
# question for the standard at next_level.
unset LP_FRAMEWORK
lp-assess framework -o tsv >"$TMP/fw.tsv"
lp-assess coach -C ada -o tsv >"$TMP/coach.tsv"
is "$(awk -F '\t' 'NR == FNR { q[$1 " " $4] = $6; next }
	FNR > 1 && $4 !~ /raising it/ {
		want = q[$1 " " $3]
		if (substr($4, length($4) - length(want) + 1) != want) print $1
	}' "$TMP/fw.tsv" "$TMP/coach.tsv")" "" \
	"built-in: the framework's question for next_level ends each prompt"
like "$(sed -n 2p "$TMP/coach.tsv")" "Have you thought about" "built-in prompts ask 'Have you thought about'"

done_testing
