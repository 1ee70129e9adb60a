// SPDX-License-Identifier: GPL-2.0-only
/*
 * cap_audit: load cap_audit.bpf.c, which logs every use of one capability
 * without denying anything, until SIGINT, SIGTERM or -t SECONDS.
 */
#include <ctype.h>
#include <errno.h>
#include <string.h>
#include <strings.h>
#include <bpf/libbpf.h>

#include "common.h"
#include "cap_audit.skel.h"

/* include/uapi/linux/capability.h, in order: the index is the number. */
static const char *const cap_names[] = {
	"chown", "dac_override", "dac_read_search", "fowner", "fsetid",
	"kill", "setgid", "setuid", "setpcap", "linux_immutable",
	"net_bind_service", "net_broadcast", "net_admin", "net_raw",
	"ipc_lock", "ipc_owner", "sys_module", "sys_rawio", "sys_chroot",
	"sys_ptrace", "sys_pacct", "sys_admin", "sys_boot", "sys_nice",
	"sys_resource", "sys_time", "sys_tty_config", "mknod", "lease",
	"audit_write", "audit_control", "setfcap", "mac_override",
	"mac_admin", "syslog", "wake_alarm", "block_suspend", "audit_read",
	"perfmon", "bpf", "checkpoint_restore",
};

#define ARRAY_SIZE(a)	(sizeof(a) / sizeof((a)[0]))
#define CAP_COUNT	((int)ARRAY_SIZE(cap_names))

static const char usage[] = "[-t SECONDS] CAP";
static const char help[] =
	"Log every successful use of the capability CAP, and allow it: each\n"
	"is an audit record of type 1427 with cause=\"cap-use\" and\n"
	"capability=N.  CAP is a number (0-40) or a name, such as\n"
	"CAP_SYS_ADMIN or sys_admin.  Checks made with CAP_OPT_NOAUDIT, and\n"
	"checks that fail, are not logged.\n";

/* "21", "CAP_SYS_ADMIN", "cap_sys_admin" or "sys_admin" -> 21 */
static int parse_cap(const char *s)
{
	unsigned long v;
	int i;

	if (isdigit((unsigned char)*s))
		return ex_parse_ulong(s, CAP_COUNT - 1, &v) ? -1 : (int)v;
	if (!strncasecmp(s, "cap_", 4))
		s += 4;
	for (i = 0; i < CAP_COUNT; i++)
		if (!strcasecmp(s, cap_names[i]))
			return i;
	return -1;
}

int main(int argc, char **argv)
{
	static const struct option options[] = {
		EX_OPT_HELP,
		EX_OPT_TIMEOUT,
		{ NULL, 0, NULL, 0 }
	};
	struct cap_audit *skel;
	int opt, err, cap, timeout = -1, ret = 1;
	char name[32];

	ex_init("cap_audit", usage, help);
	while ((opt = getopt_long(argc, argv, EX_SHORT_OPTS, options,
				  NULL)) != -1)
		ex_common_opt(opt, optarg, &timeout);
	if (optind >= argc)
		ex_usage_error("missing CAP");
	if (optind + 1 < argc)
		ex_usage_error("unexpected argument '%s'", argv[optind + 1]);
	cap = parse_cap(argv[optind]);
	if (cap < 0)
		ex_usage_error("invalid capability '%s': expected 0-%d or a name such as CAP_SYS_ADMIN",
			       argv[optind], CAP_COUNT - 1);

	if (ex_setup_signals() || ex_check_bpf_lsm())
		return 1;
	ex_check_audit_kfuncs();

	skel = cap_audit__open();
	if (!skel) {
		ex_load_error("open", errno);
		return 1;
	}
	skel->rodata->watch_cap = cap;
	err = cap_audit__load(skel);
	if (err) {
		ex_load_error("load", err);
		goto out;
	}
	err = cap_audit__attach(skel);
	if (err) {
		ex_load_error("attach", err);
		goto out;
	}
	snprintf(name, sizeof(name), "CAP_%s", cap_names[cap]);
	for (opt = 4; name[opt]; opt++)
		name[opt] = toupper((unsigned char)name[opt]);
	ex_print_attached(skel->obj, "logging uses of %s (%d)", name, cap);

	if (!ex_wait(timeout, -1))
		ret = 0;
out:
	cap_audit__destroy(skel);
	return ret;
}
