// SPDX-License-Identifier: GPL-2.0-or-later
/* identity.h - who COMMAND runs as, resolved once, before anything forks. */
#ifndef PRIVBIND_IDENTITY_H
#define PRIVBIND_IDENTITY_H

#include <sys/types.h>

struct identity {
	uid_t uid;
	gid_t gid;
	gid_t *groups;     /* supplementary groups, from the group database */
	int ngroups;
	char *name;        /* the passwd name, or NULL for a uid with no entry */
};

/* Resolve -u/-g (names or numbers) or die with EXIT_SETUP. Refuses uid 0. */
void identity_resolve(const char *user, const char *group, struct identity *id);

/* Become `id` for good: groups, gid, uid, no capability in any set; then check that root
 * cannot be regained. Dies (EXIT_SETUP) if any step fails. */
void identity_drop(const struct identity *id);

/* Die (EXIT_SETUP) naming the first capability privbind needs and lacks. */
void identity_check_capabilities(void);

#endif
