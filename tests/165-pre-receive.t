#!/bin/sh
. "$(dirname "$0")/lib.sh"
# lp check --git REPO --at REV, as the README's pre-receive hook
# (scripts/pre-receive) runs it on a bare repository: a push that breaks
# a portfolio is refused, a good one accepted, a deletion let through.

git init -q --bare srv.git
cp "$SRC_DIR/scripts/pre-receive" srv.git/hooks/pre-receive
export LP="$LP_BUILD/bin/lp"
git clone -q srv.git work 2>/dev/null
lp init work/cohort/ada --name Ada --id ada --commenced 2025-09-01 -q
lp init work/cohort/bob --name Bob --id bob --commenced 2025-09-01 -q
git -C work add -A && git -C work commit -q -m start 2>/dev/null

run git -C work push -q origin HEAD:main
is_rc 0 "a good push (a new branch) is accepted"
is "$(git -C srv.git rev-parse main)" "$(git -C work rev-parse HEAD)" "... and the branch is there"

run lp check --git srv.git --min none
is "$rc:$err" "0:" "lp check --git on the bare repository: HEAD, a cohort at any depth"
run lp check --git srv.git
is_rc 1 "... the minimum level still applies when asked"
like "$err" "^lp: HEAD:cohort/ada/assessment.csv: LP1 is not assessed" "... findings name the revision and path"

# A broken portfolio.md in one portfolio of the cohort.
sed 's/^commenced: .*/commenced: 2025-13-45/' work/cohort/bob/portfolio.md >x && mv x work/cohort/bob/portfolio.md
git -C work commit -q -am "break bob"
run git -C work push origin HEAD:main
[ "$rc" -ne 0 ] && ok "a push that breaks a portfolio is refused" || not_ok "a push that breaks a portfolio is refused"
like "$err" "remote: lp: [0-9a-f]+:cohort/bob/portfolio.md:[0-9]+: .*2025-13-45" "... the pusher is told which file and line"
like "$err" "pre-receive: refs/heads/main: lp check found problems" "... and which ref"
[ "$(git -C srv.git rev-parse main)" != "$(git -C work rev-parse HEAD)" ] &&
    ok "... and the server's branch did not move" || not_ok "... and the server's branch did not move"

run git -C work push origin HEAD:other
[ "$rc" -ne 0 ] && ok "the same commit as a new branch is refused too" || not_ok "the same commit as a new branch is refused too"

# Fixed: accepted.
git -C work revert --no-edit HEAD >/dev/null
run git -C work push -q origin HEAD:main
is_rc 0 "the fixed push is accepted"

# Deleting a branch is not a portfolio change.
git -C work push -q origin HEAD:scratch
run git -C work push -q origin :scratch
is_rc 0 "a branch deletion is let through"

run lp check --git srv.git --at no-such-rev
is_rc 2 "an unknown revision: exit 2"
run lp check --git srv.git --staged
is_rc 2 "--git with --staged: a usage error"
run lp check --git nowhere.git
is_rc 2 "no repository there: exit 2"

done_testing
