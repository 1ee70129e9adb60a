// SPDX-License-Identifier: GPL-2.0-only
/*
 * bpf_prog_id() of test.h, apart from the runner so that the runner links
 * without libbpf (tests/host/harness.sh builds test programs of its own).
 */
#include <bpf/bpf.h>
#include <bpf/libbpf.h>

#include "test.h"

unsigned int bpf_prog_id(const struct bpf_program *prog)
{
	struct bpf_prog_info info = {};
	__u32 len = sizeof(info);

	if (bpf_prog_get_info_by_fd(bpf_program__fd(prog), &info, &len))
		return 0;
	return info.id;
}
