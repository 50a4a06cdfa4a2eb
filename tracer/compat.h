// SPDX-License-Identifier: GPL-2.0-or-later
/* compat.h - what older glibc and kernel headers lack, in one place, so that privbind builds
 * where old kernels live (glibc before 2.32, headers before 5.9). configure says which libc
 * functions exist (HAVE_*); system call numbers are the kernel's own, fixed per architecture
 * (the same on x86_64 and aarch64 for these: they were added after the tables were unified).
 * Included after nothing in particular: it includes what it overrides first. */
#ifndef PRIVBIND_COMPAT_H
#define PRIVBIND_COMPAT_H

#include <errno.h>
#include <signal.h>
#include <string.h>
#include <sys/syscall.h>

#ifndef SYS_pidfd_send_signal
#define SYS_pidfd_send_signal 424
#endif
#ifndef SYS_pidfd_open
#define SYS_pidfd_open 434
#endif
#ifndef SYS_clone3
#define SYS_clone3 435
#endif
#ifndef SYS_close_range
#define SYS_close_range 436
#endif
#ifndef SYS_pidfd_getfd
#define SYS_pidfd_getfd 438
#endif

/* glibc 2.32. The names of every errno Linux returns; NULL for the rest, as glibc does. */
#ifndef HAVE_STRERRORNAME_NP
#define strerrorname_np pb_strerrorname_np
static inline const char *pb_strerrorname_np(int err)
{
#define P(e) [e] = #e
	static const char *const names[] = {
		P(EPERM), P(ENOENT), P(ESRCH), P(EINTR), P(EIO), P(ENXIO), P(E2BIG), P(ENOEXEC),
		P(EBADF), P(ECHILD), P(EAGAIN), P(ENOMEM), P(EACCES), P(EFAULT), P(ENOTBLK), P(EBUSY),
		P(EEXIST), P(EXDEV), P(ENODEV), P(ENOTDIR), P(EISDIR), P(EINVAL), P(ENFILE), P(EMFILE),
		P(ENOTTY), P(ETXTBSY), P(EFBIG), P(ENOSPC), P(ESPIPE), P(EROFS), P(EMLINK), P(EPIPE),
		P(EDOM), P(ERANGE), P(EDEADLK), P(ENAMETOOLONG), P(ENOLCK), P(ENOSYS), P(ENOTEMPTY),
		P(ELOOP), P(ENOMSG), P(EIDRM), P(ECHRNG), P(EL2NSYNC), P(EL3HLT), P(EL3RST), P(ELNRNG),
		P(EUNATCH), P(ENOCSI), P(EL2HLT), P(EBADE), P(EBADR), P(EXFULL), P(ENOANO), P(EBADRQC),
		P(EBADSLT), P(EBFONT), P(ENOSTR), P(ENODATA), P(ETIME), P(ENOSR), P(ENONET), P(ENOPKG),
		P(EREMOTE), P(ENOLINK), P(EADV), P(ESRMNT), P(ECOMM), P(EPROTO), P(EMULTIHOP),
		P(EDOTDOT), P(EBADMSG), P(EOVERFLOW), P(ENOTUNIQ), P(EBADFD), P(EREMCHG), P(ELIBACC),
		P(ELIBBAD), P(ELIBSCN), P(ELIBMAX), P(ELIBEXEC), P(EILSEQ), P(ERESTART), P(ESTRPIPE),
		P(EUSERS), P(ENOTSOCK), P(EDESTADDRREQ), P(EMSGSIZE), P(EPROTOTYPE), P(ENOPROTOOPT),
		P(EPROTONOSUPPORT), P(ESOCKTNOSUPPORT), P(EOPNOTSUPP), P(EPFNOSUPPORT),
		P(EAFNOSUPPORT), P(EADDRINUSE), P(EADDRNOTAVAIL), P(ENETDOWN), P(ENETUNREACH),
		P(ENETRESET), P(ECONNABORTED), P(ECONNRESET), P(ENOBUFS), P(EISCONN), P(ENOTCONN),
		P(ESHUTDOWN), P(ETOOMANYREFS), P(ETIMEDOUT), P(ECONNREFUSED), P(EHOSTDOWN),
		P(EHOSTUNREACH), P(EALREADY), P(EINPROGRESS), P(ESTALE), P(EUCLEAN), P(ENOTNAM),
		P(ENAVAIL), P(EISNAM), P(EREMOTEIO), P(EDQUOT), P(ENOMEDIUM), P(EMEDIUMTYPE),
		P(ECANCELED), P(ENOKEY), P(EKEYEXPIRED), P(EKEYREVOKED), P(EKEYREJECTED),
		P(EOWNERDEAD), P(ENOTRECOVERABLE), P(ERFKILL), P(EHWPOISON),
	};
#undef P

	return err > 0 && (size_t)err < sizeof names / sizeof names[0] ? names[err] : NULL;
}
#endif

/* glibc 2.32. "TERM" for SIGTERM; NULL for real-time and unknown signals, as glibc does. */
#ifndef HAVE_SIGABBREV_NP
#define sigabbrev_np pb_sigabbrev_np
static inline const char *pb_sigabbrev_np(int sig)
{
#define S(s) [SIG##s] = #s
	static const char *const names[] = {
		S(HUP), S(INT), S(QUIT), S(ILL), S(TRAP), S(ABRT), S(BUS), S(FPE), S(KILL), S(USR1),
		S(SEGV), S(USR2), S(PIPE), S(ALRM), S(TERM), S(STKFLT), S(CHLD), S(CONT), S(STOP),
		S(TSTP), S(TTIN), S(TTOU), S(URG), S(XCPU), S(XFSZ), S(VTALRM), S(PROF), S(WINCH),
		S(POLL), S(PWR), S(SYS),
	};
#undef S

	return sig > 0 && (size_t)sig < sizeof names / sizeof names[0] ? names[sig] : NULL;
}
#endif

#endif
