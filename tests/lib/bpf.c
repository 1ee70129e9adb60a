// SPDX-License-Identifier: GPL-2.0-only
/*
 * The tests' helpers that need libbpf: bpf_prog_id() of test.h and those
 * of load.h.  Apart from the runner, so that the runner links without
 * libbpf (tests/host/harness.sh builds test programs of its own).
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <bpf/bpf.h>
#include <bpf/libbpf.h>

#include "load.h"
#include "test.h"

unsigned int bpf_prog_id(const struct bpf_program *prog)
{
	struct bpf_prog_info info = {};
	__u32 len = sizeof(info);

	if (bpf_prog_get_info_by_fd(bpf_program__fd(prog), &info, &len))
		return 0;
	return info.id;
}

bool bla_libbpf_quiet;

int bla_print_libbpf(enum libbpf_print_level level, const char *fmt,
		     va_list ap)
{
	if (bla_libbpf_quiet || level == LIBBPF_DEBUG)
		return 0;
	return vfprintf(stderr, fmt, ap);
}

int bla_load_only(struct bpf_object_skeleton *skel, const char *name,
		  char *log, size_t size)
{
	struct bpf_program *prog, *only = NULL;
	int err;

	bpf_object__for_each_program(prog, *skel->obj) {
		bool it = !strcmp(bpf_program__name(prog), name);

		bpf_program__set_autoload(prog, it);
		if (it)
			only = prog;
	}
	if (!only)
		return -ENOENT;
	log[0] = '\0';
	bpf_program__set_log_buf(only, log, size);
	bla_libbpf_quiet = true;
	err = bpf_object__load_skeleton(skel);
	bla_libbpf_quiet = false;
	return err;
}
