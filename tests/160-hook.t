#!/bin/sh
. "$(dirname "$0")/lib.sh"
# lp hook install|uninstall and lp check --staged, in real repositories:
# the pre-commit hook judges what is staged, not what is in the work tree.

lp init ada --name 'Ada Lovelace' --id ada --commenced 2025-09-01 -q
hook=ada/.git/hooks/pre-commit
commits() { git -C ada rev-list --count HEAD; }

run lp hook install -C ada
is "$rc:$out" "0:" "install: exit 0, nothing on stdout"
[ -x "$hook" ] && ok "install: the hook is there and executable" || not_ok "install: the hook is there and executable"
like "$(cat "$hook")" "check --staged --min none" "the hook runs lp check --staged, a growing portfolio allowed"
run lp hook install -C ada
is_rc 0 "install again over lp's own hook: fine"

# A broken file that is staged blocks the commit.
sed 's/^commenced: .*/commenced: 2025-13-45/' ada/portfolio.md >ada/p.tmp && mv ada/p.tmp ada/portfolio.md
git -C ada add portfolio.md
run git -C ada commit -q -m broken
[ "$rc" -ne 0 ] && ok "a commit with a broken staged file is refused" || not_ok "a commit with a broken staged file is refused" "rc=$rc"
like "$err" "portfolio.md:[0-9]+: .*2025-13-45" "... and the finding names the staged file and line"
is "$(commits)" 1 "... and no commit was made"

run lp check --staged -C ada
is_rc 1 "lp check --staged: the staged finding is exit 1"
like "$err" "^lp: :portfolio.md:[0-9]+: " "... named as git names a staged file"

# Put the good file back in the index, leave the broken one in the work tree.
git -C ada checkout -q HEAD -- portfolio.md
sed 's/^commenced: .*/commenced: 2025-13-45/' ada/portfolio.md >ada/p.tmp && mv ada/p.tmp ada/portfolio.md
printf 'my own notes\n' >ada/notes.txt
git -C ada add notes.txt
run lp check -C ada
is_rc 1 "lp check (the work tree) sees the broken unstaged file"
run lp check --staged --min none -C ada
is "$rc:$err" "0:" "lp check --staged does not"
run git -C ada commit -q -m 'my notes'
is_rc 0 "a commit whose staged files are good goes through though an unstaged file is broken"
is "$(commits)" 2 "... and it was made"
is "$(git -C ada show HEAD:portfolio.md | grep '^commenced')" "commenced: 2025-09-01" "... without the unstaged change"

run lp check --staged --at HEAD -C ada
is_rc 2 "--staged with --at is a usage error"

# A hook lp did not write is never replaced nor removed.
git -C ada checkout -q HEAD -- portfolio.md
run lp hook uninstall -C ada
is "$rc" 0 "uninstall removes lp's hook"
[ -e "$hook" ] && not_ok "... the hook is gone" || ok "... the hook is gone"
printf '#!/bin/sh\necho mine\n' >"$hook"; chmod +x "$hook"
run lp hook install -C ada
is_rc 2 "install refuses to replace a hook lp did not write"
is "$(cat "$hook")" "#!/bin/sh
echo mine" "... and leaves it byte for byte"
run lp hook uninstall -C ada
is_rc 2 "uninstall refuses to remove a hook lp did not write"
like "$err" "a hook lp did not write is there; it was left as it is" "... and says so"
[ -e "$hook" ] && ok "... and leaves the user's hook" || not_ok "... and leaves the user's hook"

rm "$hook"
run lp hook uninstall -C ada
is "$rc" 0 "uninstall with no hook at all: exit 0"
like "$err" "no pre-commit hook of lp's to remove" "... and says there was none"

mkdir plain
run lp hook install -C plain
is_rc 2 "install outside a git repository: exit 2"

done_testing
