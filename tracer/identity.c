// SPDX-License-Identifier: GPL-2.0-or-later
/* identity.c - resolve USER/GROUP, and the one place where privileges are dropped.
 *
 * The drop runs twice in privbind's life: in the process that becomes COMMAND just before it
 * execs, and in the tracer once -n is spent. Both take the same steps, in this order:
 *   1. setgroups   while still root: afterwards it is no longer allowed
 *   2. setresgid   before the uid, for the same reason
 *   3. setresuid   real, effective and saved: nothing to switch back to
 *   4. capabilities: setresuid clears effective/permitted/ambient, but not inheritable, and not
 *      at all under SECBIT_KEEP_CAPS / SECBIT_NO_SETUID_FIXUP: empty every set explicitly
 *   5. read everything back and check root cannot be regained. */
#include "config.h"

#include <errno.h>
#include <grp.h>
#include <linux/capability.h>
#include <pwd.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "identity.h"
#include "number.h"
#include "userdb.h"
#include "util.h"

static bool parse_id(const char *s, unsigned long *out)
{
	/* (uid_t)-1 means "unchanged" to setresuid: never a real id. */
	return parse_ulong(s, 0xfffffffeUL, out);
}

/* NSS answers "no entry" with errno 0, or ENOENT when a source has no database at all (a
 * container with no /etc/group): both mean nobody of that id or name is known. Any other errno
 * is a database that could not be read, which no id may be resolved past: the entry, or the
 * groups, may well be there, unseen. */
static bool unreadable(void)
{
	return errno != 0 && errno != ENOENT;
}

#define NSS_HINT "(/etc/%s, or what /etc/nsswitch.conf names for %s)"

void identity_resolve(const char *user, const char *group, struct identity *id)
{
	struct passwd *pw;
	unsigned long num;
	bool numeric = parse_id(user, &num);

	memset(id, 0, sizeof *id);
	errno = 0;
	pw = numeric ? userdb_getpwuid((uid_t)num) : userdb_getpwnam(user);
	if (!pw && unreadable())
		die_errno("cannot read the passwd database " NSS_HINT " to look up user '%s'",
			  "passwd", "passwd", user);
	if (!pw && !numeric)
		die("unknown user '%s': give a name from the passwd database or a numeric uid", user);
	id->uid = pw ? pw->pw_uid : (uid_t)num;
	if (id->uid == 0)
		die("refusing to run COMMAND as root (user '%s' has uid 0): that needs no privbind", user);
	if (pw && !(id->name = strdup(pw->pw_name)))
		die("out of memory");

	if (group) {
		struct group *gr;

		errno = 0;
		if (parse_id(group, &num)) {
			id->gid = (gid_t)num;
		} else if ((gr = userdb_getgrnam(group))) {
			id->gid = gr->gr_gid;
		} else if (unreadable()) {
			die_errno("cannot read the group database " NSS_HINT " to look up group '%s'",
				  "group", "group", group);
		} else {
			die("unknown group '%s': give a name from the group database or a numeric gid", group);
		}
	} else if (pw) {
		id->gid = pw->pw_gid;
	} else {
		die("uid %s has no passwd entry, so no login group: give one with -g", user);
	}

	/* A uid without a passwd entry has no name to look up groups by: none, as with
	 * `setpriv --reuid UID --regid GID --clear-groups`. */
	if (id->name) {
		int n = 16;

		for (;;) {
			gid_t *g = realloc(id->groups, n * sizeof *g);

			if (!g)
				die("out of memory");
			id->groups = g;
			if (userdb_getgrouplist(id->name, id->gid, id->groups, &n) >= 0)
				break;
			if (n > 65536)
				die("user '%s' is in too many groups", id->name);
			n *= 2;
		}
		id->ngroups = n;
	}
}

static void drop_capabilities(void)
{
	struct __user_cap_header_struct hdr = { .version = _LINUX_CAPABILITY_VERSION_3 };
	struct __user_cap_data_struct data[_LINUX_CAPABILITY_U32S_3];
	int i;

	memset(data, 0, sizeof data);
	if (syscall(SYS_capset, &hdr, data) < 0)
		die_errno("cannot clear capabilities (capset)");
	if (prctl(PR_CAP_AMBIENT, PR_CAP_AMBIENT_CLEAR_ALL, 0, 0, 0) < 0 && errno != EINVAL)
		die_errno("cannot clear ambient capabilities");
	/* Read back: refuse to go on holding anything. */
	if (syscall(SYS_capget, &hdr, data) < 0)
		die_errno("cannot read capabilities back (capget)");
	for (i = 0; i < _LINUX_CAPABILITY_U32S_3; i++)
		if (data[i].effective || data[i].permitted || data[i].inheritable)
			die("capabilities survived the drop: refusing to continue");
}

void identity_drop(const struct identity *id)
{
	uid_t ruid, euid, suid;
	gid_t rgid, egid, sgid;

	if (setgroups((size_t)id->ngroups, id->groups) < 0)
		die_errno("cannot set supplementary groups of user %u", (unsigned)id->uid);
	if (setresgid(id->gid, id->gid, id->gid) < 0)
		die_errno("cannot set group id %u", (unsigned)id->gid);
	if (setresuid(id->uid, id->uid, id->uid) < 0)
		die_errno("cannot set user id %u", (unsigned)id->uid);
	drop_capabilities();

	if (getresuid(&ruid, &euid, &suid) < 0 || getresgid(&rgid, &egid, &sgid) < 0)
		die_errno("cannot read ids back");
	if (ruid != id->uid || euid != id->uid || suid != id->uid ||
	    rgid != id->gid || egid != id->gid || sgid != id->gid)
		die("ids did not change as asked: refusing to continue");
	if (setresuid(0, 0, 0) == 0 || errno != EPERM)
		die("could switch back to root after dropping privileges: refusing to continue");
}

/* The capabilities the bind granting itself needs. Without CAP_SYS_PTRACE the program's memory
 * and socket are out of reach; without CAP_NET_BIND_SERVICE a granted bind fails like the
 * program's own; without CAP_SETUID/CAP_SETGID COMMAND cannot become USER. Either way privbind
 * would only look as if it worked: say so at once instead. (CAP_SYS_ADMIN has a way around:
 * see filter.c. CAP_NET_ADMIN only tells sockets of other network namespaces.) */
void identity_check_capabilities(void)
{
	static const struct { int cap; const char *name, *why; } needed[] = {
		{ CAP_SETUID, "CAP_SETUID", "to run COMMAND as USER" },
		{ CAP_SETGID, "CAP_SETGID", "to run COMMAND with USER's groups" },
		{ CAP_SYS_PTRACE, "CAP_SYS_PTRACE", "to read COMMAND's binds and take its sockets" },
		{ CAP_NET_BIND_SERVICE, "CAP_NET_BIND_SERVICE", "to bind privileged ports" },
	};
	struct __user_cap_header_struct hdr = { .version = _LINUX_CAPABILITY_VERSION_3 };
	struct __user_cap_data_struct data[_LINUX_CAPABILITY_U32S_3];
	size_t i;

	if (syscall(SYS_capget, &hdr, data) < 0)
		die_errno("cannot read privbind's capabilities (capget)");
	for (i = 0; i < sizeof needed / sizeof needed[0]; i++) {
		int c = needed[i].cap;

		if (!(data[c / 32].effective & (1U << (c % 32))))
			die("missing capability %s, needed %s: run privbind as root with its usual capabilities",
			    needed[i].name, needed[i].why);
	}
}
