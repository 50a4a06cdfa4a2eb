// SPDX-License-Identifier: GPL-2.0-or-later
/* Unit tests of the log's escaping: comm and unix paths may hold any byte. */
#include "config.h"

#include <string.h>

#include "escape.h"
#include "tap.h"

#define T(in) in, sizeof in - 1

int main(void)
{
	char out[64];
	size_t n;

	n = escape_text(out, sizeof out, T("python3"));
	ok(n == 7 && strcmp(out, "python3") == 0, "plain name kept: %s", out);
	escape_text(out, sizeof out, T("my prog=x\\y\n\""));
	ok(strcmp(out, "my\\x20prog=x\\x5cy\\x0a\\x22") == 0, "space, backslash, newline, quote escaped: %s", out);
	escape_text(out, sizeof out, T("caf\xc3\xa9\x00z"));
	ok(strcmp(out, "caf\\xc3\\xa9\\x00z") == 0, "non-ASCII and NUL escaped: %s", out);
	n = escape_text(out, 8, T("ab cd"));
	ok(n == 7 && strcmp(out, "ab\\x20c") == 0, "truncated at a whole character: %s", out);
	n = escape_text(out, 6, T("ab cd"));
	ok(n == 2 && strcmp(out, "ab") == 0, "an escape is never cut: %s", out);
	ok(escape_text(out, 0, T("x")) == 0, "size 0 writes nothing");

	escape_json(out, sizeof out, T("a\"b\\c\nd\te\x01"));
	ok(strcmp(out, "a\\\"b\\\\c\\nd\\te\\u0001") == 0, "JSON specials and controls: %s", out);
	escape_json(out, sizeof out, T("caf\xc3\xa9 \xe2\x82\xac \xf0\x9f\x98\x80"));
	ok(strcmp(out, "caf\xc3\xa9 \xe2\x82\xac \xf0\x9f\x98\x80") == 0, "valid UTF-8 copied: %s", out);
	escape_json(out, sizeof out, T("\xff\xc3(\xc0\xaf\xed\xa0\x80\x7f"));
	ok(strcmp(out, "\\u00ff\\u00c3(\\u00c0\\u00af\\u00ed\\u00a0\\u0080\\u007f") == 0,
	   "invalid UTF-8, overlong, surrogate and DEL as \\u00XX: %s", out);
	escape_json(out, sizeof out, T("x\xe2\x82"));
	ok(strcmp(out, "x\\u00e2\\u0082") == 0, "truncated sequence at the end: %s", out);
	escape_json(out, sizeof out, T("\x00@"));
	ok(strcmp(out, "\\u0000@") == 0, "NUL (an abstract socket name) escaped: %s", out);
	n = escape_json(out, 8, T("ab\x01"));
	ok(n == 2 && strcmp(out, "ab") == 0, "a \\u escape is never cut: %s", out);
	return tap_done();
}
