#!/bin/sh
# A submission is a commit and a tag, tied together (SPEC 5.4, 5.5;
# issue 16): the tag is checked before anything is written, a retry
# finishes a submission whose tag is missing, and a failed commit puts
# the old file back.  The same for lp-window submit and lp-reaccredit
# submit (lib/submit.c); today is 2026-01-15.
. "$(dirname "$0")/lib.sh"

SHIM=$LP_BUILD/tests/faultfs.so
skip_n() {	# skip_n N WHY: N tests that cannot run here
	_i=0
	while [ "$_i" -lt "$1" ]; do ok "# SKIP $2"; _i=$((_i + 1)); done
}
export ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}verify_asan_link_order=0"

mkportfolio ada ada "Ada Lovelace" 2025-09-01 "school: Hilltop"
git init -q ada && git -C ada add -A && git -C ada commit -q -m start

# A reference where the tag's directory must be: refused before writing.
git -C ada tag lp/submitted/ada
unchanged ada "tag in the way: nothing changes" lp-window submit --force ada
is_rc 2 "tag in the way: exit 2"
like "$err" "cannot tag the submission lp/submitted/ada/2026-03: the reference refs/tags/lp/submitted/ada is in the way" \
	"tag in the way: says what stands in the way"
git -C ada tag -d lp/submitted/ada >/dev/null

# The commit made, the tag lost (a kill between the two): the retry tags.
run lp-window submit --force ada
is_rc 0 "a submission: exit 0"
git -C ada tag -d lp/submitted/ada/2026-03 >/dev/null
commits=$(git -C ada rev-list --count HEAD)
run lp-window submit --force ada
is_rc 0 "the retry: exit 0"
is "$out" "ada: submitted into 2026-03 (committed before), tagged lp/submitted/ada/2026-03" \
	"the retry: finishes the submission with its tag"
is "$(git -C ada rev-list --count HEAD)" "$commits" "the retry: no new commit"
is "$(git -C ada rev-parse 'lp/submitted/ada/2026-03^{commit}')" "$(git -C ada rev-parse HEAD)" \
	"the retry: the tag is on the submission commit"
unchanged ada "tagged: a further retry changes nothing" lp-window submit --force ada
is_rc 1 "tagged: awaits the outcome, exit 1"

# A commit that fails (the object database cannot be written): the file is put back.
if [ -f "$SHIM" ]; then
	cp ada/portfolio.md before.md
	LD_PRELOAD=$SHIM LP_FAULT=ENOSPC LP_FAULT_OP=create,write LP_FAULT_MATCH=.git/objects \
	    run lp-window outcome referred ada
	is_rc 2 "outcome, the commit fails: exit 2"
	if cmp -s before.md ada/portfolio.md; then ok "outcome, the commit fails: the file is put back"
	else not_ok "outcome, the commit fails: the file is put back" "$(diff before.md ada/portfolio.md)"; fi
	is "$(git -C ada status --porcelain)" "" "outcome, the commit fails: the work tree is clean"
	run lp-window outcome referred ada
	is "$rc:$(git -C ada log -1 --format=%s)" "0:window: outcome referred" "outcome: the retry records it"
else
	skip_n 4 "no fault shim"
fi

# lp-reaccredit submit: the same rules, its own tag.
mkportfolio bea bea "Bea" 2020-01-10 "outcome: accredited" "submitted: 2022-05-01" "accredited: 2023-07-01"
sed -n "/^cat >good.md <<'W'\$/,/^W\$/p" "$SRC_DIR/tests/440-reaccredit-check.t" | sed '1d;$d' >bea/case-study.md
git init -q bea && git -C bea add -A && git -C bea commit -q -m start
git -C bea tag lp/reaccreditation/bea
unchanged bea "reaccredit, tag in the way: nothing changes" lp-reaccredit submit bea
is_rc 2 "reaccredit, tag in the way: exit 2"
git -C bea tag -d lp/reaccreditation/bea >/dev/null
if [ -f "$SHIM" ]; then
	cp bea/case-study.md before.md
	LD_PRELOAD=$SHIM LP_FAULT=ENOSPC LP_FAULT_OP=create,write LP_FAULT_MATCH=.git/objects \
	    run lp-reaccredit submit bea
	is_rc 2 "reaccredit, the commit fails: exit 2"
	if cmp -s before.md bea/case-study.md; then ok "reaccredit, the commit fails: the file is put back"
	else not_ok "reaccredit, the commit fails: the file is put back"; fi
	is "$(git -C bea tag -l)" "" "reaccredit, the commit fails: no tag"
else
	skip_n 3 "no fault shim"
fi
run lp-reaccredit submit bea
is "$rc:$out" "0:bea: case study submitted on 2026-01-15, tagged lp/reaccreditation/bea/2026-01-15" \
	"reaccredit: the tag says whose"
git -C bea tag -d lp/reaccreditation/bea/2026-01-15 >/dev/null
run lp-reaccredit submit bea
is "$rc:$out" "0:bea: case study submitted on 2026-01-15 (committed before), tagged lp/reaccreditation/bea/2026-01-15" \
	"reaccredit: the retry finishes the submission"
is "$(git -C bea log --format=%s | grep -c 'reaccredit: submit')" 1 "reaccredit: one submission commit"

# lp-reaccredit init: a failed commit leaves no case study behind.
mkportfolio cy cy "Cy" 2020-01-10 "accredited: 2023-07-01"
git init -q cy && git -C cy add -A && git -C cy commit -q -m start
if [ -f "$SHIM" ]; then
	LD_PRELOAD=$SHIM LP_FAULT=EIO LP_FAULT_OP=create,write LP_FAULT_MATCH=.git/objects \
	    run lp-reaccredit init cy
	is "$rc:$(ls cy)" "2:evidence
portfolio.md" "init, the commit fails: exit 2, no case study left"
else
	skip_n 1 "no fault shim"
fi
run lp-reaccredit init cy
is "$rc:$(git -C cy log -1 --format=%s)" "0:reaccredit: start case study" "init: the retry writes and commits"

done_testing
