/* strerror.h - errno texts for the klibc build (see strerror.c) */
#ifndef NEWROOT_STRERROR_H
#define NEWROOT_STRERROR_H

/* The kernel's text for errno e, or NULL when it has none. */
const char *errno_text(int e);

#endif
