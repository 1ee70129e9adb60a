// SPDX-License-Identifier: GPL-2.0-only
/*
 * What the verifier and the kfunc filter must refuse, each checked by the
 * exact message the kernel gives, and what they must still accept.
 */
#include <unistd.h>
#include <bpf/bpf.h>
#include <bpf/libbpf.h>

#include "audit_reject.skel.h"
#include "audit_ext.skel.h"
#include "audit_stash.skel.h"
#include "test.h"

static char log_buf[1 << 20];

/* Prints a verifier log as TAP comments, for a failure's diagnosis. */
static void show_log(void)
{
	char *line, *save = NULL;

	for (line = strtok_r(log_buf, "\n", &save); line;
	     line = strtok_r(NULL, "\n", &save))
		fprintf(stderr, "#     | %s\n", line);
}

/*
 * Loads only the named program of audit_reject.bpf.c.  Returns the load's
 * result (0 or -errno); the verifier log is left in log_buf.
 */
static int load_one(const char *name)
{
	struct audit_reject *skel;
	struct bpf_program *prog;
	int err;

	skel = audit_reject__open();
	if (!skel)
		return -errno;
	prog = bpf_object__find_program_by_name(skel->obj, name);
	if (!prog) {
		audit_reject__destroy(skel);
		return -ENOENT;
	}
	log_buf[0] = '\0';
	bpf_program__set_autoload(prog, true);
	bpf_program__set_log_buf(prog, log_buf, sizeof(log_buf));
	bpf_program__set_log_level(prog, 1);
	err = audit_reject__load(skel);
	audit_reject__destroy(skel);
	return err;
}

/* The program must be refused with EACCES/EINVAL and this message. */
static int expect_reject(const char *name, int want_err, const char *msg)
{
	int err = load_one(name);

	if (!err)
		return fail("%s loaded; expected: %s", name, msg);
	if (err != want_err || !strstr(log_buf, msg)) {
		show_log();
		return fail("%s: load returned %d (expected %d), log must contain \"%s\"",
			    name, err, want_err, msg);
	}
	return 0;
}

static int test_start_without_end(void)
{
	return expect_reject("start_without_end", -EINVAL,
			     "Unreleased reference id=");
}

static int test_end_twice(void)
{
	/* After the first end, the register is a plain number. */
	return expect_reject("end_twice", -EINVAL,
			     "arg#0 pointer type STRUCT bpf_audit_context must point to scalar, or struct with scalar");
}

static int test_use_after_end(void)
{
	return expect_reject("use_after_end", -EINVAL,
			     "arg#0 pointer type STRUCT bpf_audit_context must point to scalar, or struct with scalar");
}

static int test_no_null_check(void)
{
	return expect_reject("no_null_check", -EACCES,
			     "Possibly NULL pointer passed to trusted arg0");
}

static int test_stashed_address_is_no_context(void)
{
	return expect_reject("reuse_stashed_address", -EINVAL,
			     "arg#0 pointer type STRUCT bpf_audit_context must point to scalar, or struct with scalar");
}

static int test_untrusted_pointer(void)
{
	return expect_reject("untrusted_file", -EINVAL,
			     "R2 must be referenced or trusted");
}

static int test_cause_not_constant(void)
{
	return expect_reject("cause_not_constant", -EINVAL,
			     "arg#1 doesn't point to a const string");
}

static int test_null_object(void)
{
	return expect_reject("null_file", -EACCES,
			     "Possibly NULL pointer passed to trusted arg1");
}

static int test_not_lsm_program(void)
{
	return expect_reject("not_lsm", -EACCES,
			     "calling kernel function bpf_audit_log_start is not allowed");
}

static int test_reentrant_hook_refused(void)
{
	return expect_reject("reentrant_hook", -EACCES,
			     "calling kernel function bpf_audit_log_start is not allowed");
}

static int test_reentrant_hook_without_kfuncs_loads(void)
{
	int err = load_one("reentrant_hook_no_audit");

	if (err) {
		show_log();
		return fail("load: %s", strerror(-err));
	}
	return 0;
}

static int test_kptr_stash_refused(void)
{
	struct audit_stash *skel = audit_stash__open();
	int err;

	if (!skel)
		return fail("open: %s", strerror(errno));
	err = audit_stash__load(skel);
	audit_stash__destroy(skel);
	if (!err)
		return fail("a map holding a bpf_audit_context kptr was accepted");
	expect_eq(err, -EINVAL);
	return 0;
}

/*
 * Loads the extension program "name" against the global function of a
 * loaded LSM program; the log is left in log_buf.
 */
static int load_extension(const char *name)
{
	struct audit_ext *target, *ext;
	struct bpf_program *prog;
	int err;

	target = audit_ext__open_and_load();
	if (!target)
		return -errno;
	ext = audit_ext__open();
	if (!ext) {
		err = -errno;
		goto out_target;
	}
	/* The extension object must not load its own copy of the target. */
	bpf_program__set_autoload(ext->progs.ext_target, false);
	prog = bpf_object__find_program_by_name(ext->obj, name);
	bpf_program__set_autoload(prog, true);
	bpf_program__set_attach_target(prog,
				       bpf_program__fd(target->progs.ext_target),
				       "decide");
	log_buf[0] = '\0';
	bpf_program__set_log_buf(prog, log_buf, sizeof(log_buf));
	bpf_program__set_log_level(prog, 1);
	err = audit_ext__load(ext);
	audit_ext__destroy(ext);
out_target:
	audit_ext__destroy(target);
	return err;
}

static int test_extension_refused(void)
{
	const char *msg = "calling kernel function bpf_audit_log_start is not allowed";
	int err = load_extension("decide_audited");

	if (!err)
		return fail("an extension of an LSM program loaded with the kfuncs");
	if (err != -EACCES || !strstr(log_buf, msg)) {
		show_log();
		return fail("load returned %d (expected %d), log must contain \"%s\"",
			    err, -EACCES, msg);
	}
	/* The refusal is the kfuncs', not the extension's. */
	err = load_extension("decide_plain");
	if (err) {
		show_log();
		return fail("the plain extension did not load: %s", strerror(-err));
	}
	return 0;
}

static const struct test tests[] = {
	TEST(test_start_without_end),
	TEST(test_end_twice),
	TEST(test_use_after_end),
	TEST(test_no_null_check),
	TEST(test_stashed_address_is_no_context),
	TEST(test_kptr_stash_refused),
	TEST(test_untrusted_pointer),
	TEST(test_cause_not_constant),
	TEST(test_null_object),
	TEST(test_not_lsm_program),
	TEST(test_extension_refused),
	TEST(test_reentrant_hook_refused),
	TEST(test_reentrant_hook_without_kfuncs_loads),
};

/*
 * Every load here is meant to fail, and libbpf would print each failure
 * with the whole verifier log; the tests show the log when it matters.
 */
static int quiet(enum libbpf_print_level level, const char *fmt, va_list ap)
{
	(void)level;
	(void)fmt;
	(void)ap;
	return 0;
}

int main(int argc, char **argv)
{
	libbpf_set_print(quiet);
	return run_tests("verifier", tests, sizeof(tests) / sizeof(tests[0]),
			 argc, argv);
}
