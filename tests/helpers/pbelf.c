// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * pbelf: a program whose own files turn hostile to whoever unwinds its stack (for -b).
 *
 *   pbelf bind PORT               bind a TCP socket to 127.0.0.1:PORT from pbelf_binder();
 *                                 print OK or the errno's name
 *   pbelf fifo PORT               first replace its own executable, under its path and under
 *                                 the "PATH (deleted)" that /proc/PID/maps then shows, by a
 *                                 FIFO nobody writes to; then as `bind`
 *   pbelf link TARGET PORT        the same with symlinks to TARGET (a root-only FIFO)
 *   pbelf entsize0 IN OUT         copy the ELF file IN to OUT (mode 0755) with .symtab's
 *                                 sh_entsize 0: a symbol walk that steps by it never ends
 *   pbelf offset IN OUT           the same with .symtab's sh_offset a terabyte past the file
 *
 * A copy made by entsize0 or offset runs as pbelf still: the kernel never reads section
 * headers. Only ELF64 files of the machine's own byte order are patched.
 */
#include "config.h"

#include <arpa/inet.h>
#include <elf.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <unistd.h>

#include "pbcommon.h"

int pbelf_binder(int port);

__attribute__((noinline)) int pbelf_binder(int port)
{
	struct sockaddr_in sin = { .sin_family = AF_INET, .sin_port = htons((uint16_t)port) };
	int fd = socket(AF_INET, SOCK_STREAM, 0), r;

	if (fd < 0)
		return errno;
	sin.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	r = bind(fd, (struct sockaddr *)&sin, sizeof sin) < 0 ? errno : 0;
	__asm__ volatile("" ::: "memory");    /* no tail call: this frame stays on the stack */
	return r;
}

static void replace_exe(const char *how, const char *target)
{
	char exe[4096], deleted[4096 + 16];
	ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);

	if (n < 0)
		die("readlink /proc/self/exe: %s", strerror(errno));
	exe[n] = 0;
	if (unlink(exe) < 0)
		die("unlink %s: %s", exe, strerror(errno));
	snprintf(deleted, sizeof deleted, "%s (deleted)", exe);
	unlink(deleted);
	if (!strcmp(how, "fifo")) {
		if (mkfifo(exe, 0600) < 0 || mkfifo(deleted, 0600) < 0)
			die("mkfifo %s: %s", exe, strerror(errno));
	} else if (symlink(target, exe) < 0 || symlink(target, deleted) < 0) {
		die("symlink %s: %s", exe, strerror(errno));
	}
}

static void patch(const char *how, const char *in, const char *out)
{
	static unsigned char buf[64 << 20];
	Elf64_Ehdr *eh = (Elf64_Ehdr *)buf;
	ssize_t len;
	int fd, i, done = 0;

	fd = open(in, O_RDONLY);
	if (fd < 0 || (len = read(fd, buf, sizeof buf)) < (ssize_t)sizeof *eh)
		die("cannot read %s", in);
	close(fd);
	if (memcmp(eh->e_ident, ELFMAG, SELFMAG) || eh->e_ident[EI_CLASS] != ELFCLASS64 ||
	    eh->e_shentsize != sizeof(Elf64_Shdr) ||
	    eh->e_shoff + (unsigned long)eh->e_shnum * sizeof(Elf64_Shdr) > (unsigned long)len)
		die("%s: not an ELF64 file with section headers", in);
	for (i = 0; i < eh->e_shnum; i++) {
		Elf64_Shdr *sh = (Elf64_Shdr *)(buf + eh->e_shoff) + i;

		if (sh->sh_type != SHT_SYMTAB)
			continue;
		if (!strcmp(how, "entsize0"))
			sh->sh_entsize = 0;
		else
			sh->sh_offset = 1UL << 40;
		done++;
	}
	if (!done)
		die("%s has no .symtab", in);
	fd = open(out, O_WRONLY | O_CREAT | O_TRUNC, 0755);
	if (fd < 0 || write(fd, buf, (size_t)len) != len || close(fd) < 0)
		die("cannot write %s", out);
}

int main(int argc, char **argv)
{
	pb_prog = "pbelf";
	if (argc == 3 && !strcmp(argv[1], "bind")) {
	} else if (argc == 3 && !strcmp(argv[1], "fifo")) {
		replace_exe("fifo", NULL);
	} else if (argc == 4 && !strcmp(argv[1], "link")) {
		replace_exe("link", argv[2]);
		argv++;
	} else if (argc == 4 && (!strcmp(argv[1], "entsize0") || !strcmp(argv[1], "offset"))) {
		patch(argv[1], argv[2], argv[3]);
		return 0;
	} else {
		die("usage: pbelf bind|fifo PORT | link TARGET PORT | entsize0|offset IN OUT");
	}
	printf("%s\n", res(pbelf_binder(parse_int(argv[2], 1, 65535))));
	return 0;
}
