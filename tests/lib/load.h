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

/* While true, bla_print_libbpf() prints nothing: a refusal is expected. */
extern bool bla_libbpf_quiet;

/* For libbpf_set_print(): libbpf's warnings, to stderr. */
int bla_print_libbpf(enum libbpf_print_level level, const char *fmt,
		     va_list ap);

/*
 * Marks @name the one program of @obj to load, with its verifier log in
 * @log (emptied) if @log is not NULL.  The program, or NULL if @obj has
 * no program of that name.
 */
struct bpf_program *bla_load_only(struct bpf_object *obj, const char *name,
				  char *log, size_t size);

#endif
