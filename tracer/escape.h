// SPDX-License-Identifier: GPL-2.0-or-later
/* escape.h - bytes the program chose (comm, unix socket paths, executable paths) made safe for
 * one log line. Pure: no syscalls.
 *
 * Both write at most size - 1 bytes and a NUL, never cut an escape in half, and return the
 * length written (without the NUL). */
#ifndef PRIVBIND_ESCAPE_H
#define PRIVBIND_ESCAPE_H

#include <stddef.h>

/* For a key=value line: every byte but the printable ASCII ones other than backslash and
 * double quote (so spaces, quotes, controls, non-ASCII) as \xHH: "my prog" -> "my\x20prog".
 * Parsers that split at spaces, and logfmt's, which gives '"' a meaning, see one value. */
size_t escape_text(char *out, size_t size, const void *in, size_t n);

/* The inside of a JSON string (no quotes): ", \ and controls escaped, valid UTF-8 copied; a
 * byte that is not part of valid UTF-8 becomes the code point of the same value (\u00XX), so
 * the result is always valid JSON and never loses a byte's value. */
size_t escape_json(char *out, size_t size, const void *in, size_t n);

#endif
