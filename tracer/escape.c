// SPDX-License-Identifier: GPL-2.0-or-later
/* escape.c - log-safe renderings of arbitrary bytes. Pure. */
#include "config.h"

#include <stdbool.h>
#include <stdint.h>
#include <string.h>

#include "escape.h"

struct sink {
	char *p;
	size_t size, n;
};

/* Append all of s or nothing: an escape is never cut. */
static bool put(struct sink *o, const char *s, size_t len)
{
	if (o->size == 0 || len > o->size - 1 - o->n)
		return false;
	memcpy(o->p + o->n, s, len);
	o->n += len;
	o->p[o->n] = 0;
	return true;
}

/* \xHH, or \u00HH for JSON. */
static bool put_hex(struct sink *o, bool json, unsigned char c)
{
	static const char hex[] = "0123456789abcdef";
	char e[6] = { '\\', 'u', '0', '0' };
	size_t at = json ? 4 : 2;

	if (!json)
		e[1] = 'x';
	e[at] = hex[c >> 4];
	e[at + 1] = hex[c & 15];
	return put(o, e, at + 2);
}

size_t escape_text(char *out, size_t size, const void *in, size_t n)
{
	const unsigned char *b = in;
	struct sink o = { out, size, 0 };
	size_t i;

	if (size)
		out[0] = 0;
	for (i = 0; i < n; i++) {
		bool plain = b[i] > 0x20 && b[i] < 0x7f && b[i] != '\\' && b[i] != '"';

		if (!(plain ? put(&o, (const char *)b + i, 1) : put_hex(&o, false, b[i])))
			break;
	}
	return o.n;
}

/* Length of the valid UTF-8 sequence at b[0..n), or 0 (RFC 3629: no overlongs, no
 * surrogates, nothing above U+10FFFF). */
static size_t utf8_len(const unsigned char *b, size_t n)
{
	size_t len, i;
	uint32_t cp;

	if (b[0] < 0x80)
		return 1;
	if (b[0] >= 0xc2 && b[0] <= 0xdf) {
		len = 2;
		cp = b[0] & 0x1f;
	} else if (b[0] >= 0xe0 && b[0] <= 0xef) {
		len = 3;
		cp = b[0] & 0x0f;
	} else if (b[0] >= 0xf0 && b[0] <= 0xf4) {
		len = 4;
		cp = b[0] & 0x07;
	} else {
		return 0;
	}
	if (n < len)
		return 0;
	for (i = 1; i < len; i++) {
		if ((b[i] & 0xc0) != 0x80)
			return 0;
		cp = cp << 6 | (b[i] & 0x3f);
	}
	if ((len == 3 && (cp < 0x800 || (cp >= 0xd800 && cp <= 0xdfff))) ||
	    (len == 4 && (cp < 0x10000 || cp > 0x10ffff)))
		return 0;
	return len;
}

size_t escape_json(char *out, size_t size, const void *in, size_t n)
{
	const unsigned char *b = in;
	struct sink o = { out, size, 0 };
	size_t i = 0, len;
	bool fits = true;

	if (size)
		out[0] = 0;
	while (i < n && fits) {
		unsigned char c = b[i];

		switch (c) {
		case '"':
			fits = put(&o, "\\\"", 2);
			break;
		case '\\':
			fits = put(&o, "\\\\", 2);
			break;
		case '\n':
			fits = put(&o, "\\n", 2);
			break;
		case '\t':
			fits = put(&o, "\\t", 2);
			break;
		case '\r':
			fits = put(&o, "\\r", 2);
			break;
		default:
			len = c < 0x20 || c == 0x7f ? 0 : utf8_len(b + i, n - i);
			if (len) {
				fits = put(&o, (const char *)b + i, len);
				i += len;
				continue;
			}
			fits = put_hex(&o, true, c);
			break;
		}
		i++;
	}
	return o.n;
}
