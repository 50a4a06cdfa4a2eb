// SPDX-License-Identifier: GPL-2.0-or-later
/* userdb.c - who -u USER and -g GROUP are.
 *
 * A dynamically linked privbind asks the C library, which asks what nsswitch.conf names
 * (files, systemd, LDAP ...). A static one (--enable-static-binary, the release binaries)
 * must not: for any source but "files" a static glibc dlopens the NSS module, built for
 * whatever libc the machine has, and on Debian 12 (passwd: files systemd) the release
 * binary died of SIGSEGV in getgrouplist and for a uid without a passwd entry (tests/020
 * under make check-release). So the static build reads /etc/passwd and /etc/group itself,
 * with fgetpwent/fgetgrent, which parse a stream and load nothing: a user must be in those
 * files (README, Install). These files are root's own, never the program's. */
#include "config.h"

#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "userdb.h"
#include "util.h"

#ifndef STATIC_USERDB

struct passwd *userdb_getpwnam(const char *name) { return getpwnam(name); }
struct passwd *userdb_getpwuid(uid_t uid) { return getpwuid(uid); }
struct group *userdb_getgrnam(const char *name) { return getgrnam(name); }

int userdb_getgrouplist(const char *user, gid_t group, gid_t *groups, int *ngroups)
{
	return getgrouplist(user, group, groups, ngroups);
}

#else

#define PASSWD_FILE "/etc/passwd"
#define GROUP_FILE "/etc/group"

/* The end of the file is "no entry" (errno 0); a read error keeps its errno. */
static void *not_found(FILE *f)
{
	int err = ferror(f) ? errno : 0;

	fclose(f);
	errno = err;
	return NULL;
}

static struct passwd *find_user(const char *name, uid_t uid)
{
	FILE *f = fopen(PASSWD_FILE, "re");
	struct passwd *pw;

	if (!f)
		return NULL;
	while ((pw = fgetpwent(f)))
		if (name ? strcmp(pw->pw_name, name) == 0 : pw->pw_uid == uid) {
			fclose(f);	/* the entry is in fgetpwent's own buffer */
			return pw;
		}
	return not_found(f);
}

struct passwd *userdb_getpwnam(const char *name) { return find_user(name, 0); }
struct passwd *userdb_getpwuid(uid_t uid) { return find_user(NULL, uid); }

struct group *userdb_getgrnam(const char *name)
{
	FILE *f = fopen(GROUP_FILE, "re");
	struct group *gr;

	if (!f)
		return NULL;
	while ((gr = fgetgrent(f)))
		if (strcmp(gr->gr_name, name) == 0) {
			fclose(f);
			return gr;
		}
	return not_found(f);
}

static bool is_member(const struct group *gr, const char *user)
{
	char **m;

	for (m = gr->gr_mem; m && *m; m++)
		if (strcmp(*m, user) == 0)
			return true;
	return false;
}

struct gids {
	gid_t *v;
	int n, cap;
};

static void add_gid(struct gids *g, gid_t gid)
{
	int i;

	for (i = 0; i < g->n; i++)
		if (g->v[i] == gid)
			return;
	if (g->n == g->cap) {
		int cap = g->cap ? 2 * g->cap : 16;
		gid_t *v = realloc(g->v, (size_t)cap * sizeof *v);

		if (!v)
			die("out of memory");
		g->v = v;
		g->cap = cap;
	}
	g->v[g->n++] = gid;
}

/* Like glibc's: group first, each gid once; an unreadable /etc/group gives group alone. */
int userdb_getgrouplist(const char *user, gid_t group, gid_t *groups, int *ngroups)
{
	struct gids g = { NULL, 0, 0 };
	FILE *f = fopen(GROUP_FILE, "re");
	struct group *gr;
	int i;

	add_gid(&g, group);
	if (f) {
		while ((gr = fgetgrent(f)))
			if (is_member(gr, user))
				add_gid(&g, gr->gr_gid);
		fclose(f);
	}
	for (i = 0; i < g.n && i < *ngroups; i++)
		groups[i] = g.v[i];
	free(g.v);
	if (g.n > *ngroups) {
		*ngroups = g.n;
		return -1;
	}
	*ngroups = g.n;
	return g.n;
}

#endif
