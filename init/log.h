/* log.h - one function for every message newroot prints */
#ifndef NEWROOT_LOG_H
#define NEWROOT_LOG_H

#include <stdarg.h>

enum log_level {
	LOG_LVL_ERR = 3,
	LOG_LVL_WARN = 4,
	LOG_LVL_INFO = 6,
	LOG_LVL_DEBUG = 7,
};

/*
 * Where lines go.  Until log_use_kmsg() succeeds they go to stderr as
 * "newroot: ..." (the command-line tool); PID 1 switches to /dev/kmsg,
 * one writev per line with a "<level>newroot: " prefix, and falls back to
 * /dev/console when kmsg cannot be opened.
 */
int log_use_kmsg(const char *kmsg_path, const char *console_path);
void log_use_stderr(void);
/* printk.devkmsg: "on" while newroot runs, back as it was for the real
 * init (log.c says why) */
void log_kmsg_unlimit(void);
void log_kmsg_restore(void);
void log_close(void);

/* Lines above this level are dropped (quiet = WARN, debug = DEBUG). */
void log_set_level(enum log_level max);
enum log_level log_get_level(void);

void log_msg(enum log_level lvl, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

#define log_err(...) log_msg(LOG_LVL_ERR, __VA_ARGS__)
#define log_warn(...) log_msg(LOG_LVL_WARN, __VA_ARGS__)
#define log_info(...) log_msg(LOG_LVL_INFO, __VA_ARGS__)
#define log_debug(...) log_msg(LOG_LVL_DEBUG, __VA_ARGS__)

/* Output that is not a message (help texts, the probe command's lines):
 * written to fd as it is, no prefix.  log_out formats up to 1 KiB. */
void log_puts(int fd, const char *s);
void log_out(int fd, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/* Format one line into buf: "<lvl>newroot: msg\n" (kmsg) or
 * "newroot: msg\n" (stderr).  Pure; returns the length.  Long messages are
 * cut and end with "...\n". */
int log_format(char *buf, int size, int kmsg, enum log_level lvl,
	       const char *fmt, va_list ap);

#endif
