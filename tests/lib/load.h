/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Loading one program of a BPF object on its own, to see what the
 * verifier says of it: programs that one kernel refuses and another loads
 * live in one object, each loaded alone.
 */
#ifndef BLA_LOAD_H
#define BLA_LOAD_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <bpf/libbpf.h>

/* While true, bla_print_libbpf() prints nothing. */
extern bool bla_libbpf_quiet;

/* For libbpf_set_print(): libbpf's warnings, to stderr. */
int bla_print_libbpf(enum libbpf_print_level level, const char *fmt,
		     va_list ap);

/*
 * Loads the opened skeleton @skel with @name as its one program, the
 * verifier's log in @log, and bla_print_libbpf() (where the test installed
 * it) quiet: a refusal may be what the caller looks for.  0, -ENOENT if there is no program of that name, or the
 * load's error.
 */
int bla_load_only(struct bpf_object_skeleton *skel, const char *name,
		  char *log, size_t size);

#endif
