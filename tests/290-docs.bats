#!/usr/bin/env bats
# SPDX-License-Identifier: GPL-2.0-or-later
# The documents an administrator reads: the man page is lint-clean and renders without a
# warning, and every place that states the version states the same one.

load test_helper

# nothing here needs root or a network namespace
setup() { :; }
teardown() { :; }

MAN=$PB_SRCDIR/man/privbind.1

@test "mandoc -T lint -W all finds nothing in the man page" {
	command -v mandoc >/dev/null || skip "mandoc not installed (Debian package mandoc)"
	run -0 mandoc -T lint -W all "$MAN"
	is "$output" "" "mandoc's complaints"
}

@test "man -l renders the man page without a warning from groff" {
	command -v man >/dev/null || skip "man not installed (Debian package man-db)"
	run -0 --separate-stderr env MANWIDTH=80 LC_ALL=C.UTF-8 man --warnings -l "$MAN"
	is "$stderr" "" "warnings"
	local section
	for section in NAME SYNOPSIS DESCRIPTION OPTIONS "EXIT STATUS" SECURITY LIMITATIONS \
		EXAMPLES COMPARISON "SEE ALSO"; do
		[[ $'\n'$output$'\n' == *$'\n'"$section"$'\n'* ]] ||
			{ echo "# no section $section in the rendered page" >&2; false; }
	done
}

@test "configure.ac, the man page, debian/changelog and privbind.spec state the same version" {
	local ac man deb rpm
	ac=$(sed -n 's/^AC_INIT(\[privbind\], \[\([^]]*\)\].*/\1/p' "$PB_SRCDIR/configure.ac")
	like "$ac" '^[0-9]+\.[0-9]+\.[0-9]+$' "configure.ac's version"
	man=$(sed -n 's/^\.TH PRIVBIND 1 [^ ]* "privbind \([^"]*\)".*/\1/p' "$MAN")
	is "$man" "$ac" "the man page's version"
	deb=$(sed -n '1s/^privbind (\([^)]*\)).*/\1/p' "$PB_SRCDIR/debian/changelog")
	is "$deb" "$ac" "debian/changelog's version"
	rpm=$(sed -n 's/^Version: *\([^ ]*\)$/\1/p' "$PB_SRCDIR/privbind.spec")
	is "$rpm" "$ac" "privbind.spec's Version"
	# and its newest %changelog entry, VERSION-RELEASE
	rpm=$(sed -n '/^%changelog/{n;s/^\*.* - \([^ -]*\)-[^ ]*$/\1/p;q}' "$PB_SRCDIR/privbind.spec")
	is "$rpm" "$ac" "privbind.spec's %changelog version"
}

@test "COPYING is the GPL version 2, and every source, script and test file names GPL-2.0-or-later" {
	grep -q 'GNU GENERAL PUBLIC LICENSE' "$PB_SRCDIR/COPYING"
	grep -q 'Version 2, June 1991' "$PB_SRCDIR/COPYING"
	grep -q '^License: GPL-2+$' "$PB_SRCDIR/debian/copyright"
	local f first missing=() n=0
	while IFS= read -r -d '' f; do
		case $f in
			*/config.h | */tests/fuzz/corpus/*) continue ;;
			*.c | *.h | *.bats | *.bash | *.mk | *.sh | *.py | *.java | *.go | *.js | *.am | \
				*.ac | *.1 | *.service | *.spec | *.default) ;;
			*) IFS= read -r first <"$f" 2>/dev/null || continue
			   [[ $first == '#!'* ]] || continue ;;
		esac
		n=$((n + 1))
		head -n 3 "$f" | grep -q 'SPDX-License-Identifier: GPL-2.0-or-later' || missing+=("${f#"$PB_SRCDIR"/}")
	done < <(find "$PB_SRCDIR/tracer" "$PB_SRCDIR/arch" "$PB_SRCDIR/tests" "$PB_SRCDIR/bench" \
		"$PB_SRCDIR/contrib" "$PB_SRCDIR/man" "$PB_SRCDIR/.ci" "$PB_SRCDIR/configure.ac" \
		"$PB_SRCDIR/Makefile.am" "$PB_SRCDIR/quickstart" "$PB_SRCDIR/privbind.spec" -type f -size -2M -print0)
	((n > 100)) || { echo "# only $n files looked at" >&2; false; }
	((${#missing[@]} == 0)) || { printf '# no SPDX line: %s\n' "${missing[@]}" >&2; false; }
}
