// SPDX-License-Identifier: GPL-2.0-or-later
/* userdb.h - the passwd and group lookups of -u and -g, as the C library's getpwnam,
 * getpwuid, getgrnam and getgrouplist behave (NULL with errno 0: no such entry). */
#ifndef PRIVBIND_USERDB_H
#define PRIVBIND_USERDB_H

#include <grp.h>
#include <pwd.h>
#include <sys/types.h>

struct passwd *userdb_getpwnam(const char *name);
struct passwd *userdb_getpwuid(uid_t uid);
struct group *userdb_getgrnam(const char *name);
/* group first, then every group that names user as a member; -1 and *ngroups set to the
 * count needed when more than *ngroups */
int userdb_getgrouplist(const char *user, gid_t group, gid_t *groups, int *ngroups);

#endif
