// SPDX-License-Identifier: GPL-2.0-only
/*
 * Negative dentries: every hook of the guest kernels that hands a program
 * the dentry of a name that does not exist yet (inode_create, inode_mkdir,
 * inode_mknod, inode_symlink, inode_link's and inode_rename's new name,
 * d_instantiate's dentry before it gets its inode, and path_mknod,
 * path_mkdir, path_symlink, path_link's and path_rename's new name),
 * triggered by an unprivileged process in a directory of its own.
 *
 * Each hook has two programs (tests/bpf/negative.bpf.c), each loaded on
 * its own.  The one that passes dentry->d_inode to bpf_audit_log_inode()
 * unchecked is refused at load where the verifier knows d_inode may be
 * NULL (7.3); where it does not (6.12) it loads, and the kfunc refuses the
 * NULL inode with -EINVAL at run time.  The one that checks d_inode loads
 * everywhere.  Either way the record that follows names the new entry and
 * nothing else, and the program's verdict stands.  On the debug kernel,
 * KASAN watches every row.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <grp.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>
#include <bpf/btf.h>
#include <bpf/libbpf.h>

#include "audit.h"
#include "load.h"
#include "negative.h"
#include "negative.skel.h"
#include "test.h"

/* The unprivileged user and group the trigger runs as: nobody, nogroup. */
#define NOBODY 65534

#define RECORD_TIMEOUT_MS 3000
#define QUIET_MS 500
#define RECORD_TEXT_MAX 1024
#define LOG_BUF_SIZE (1 << 20)
#define LOG_TAIL 512

/* The names the trigger works on, in the test's directory. */
#define NEW_NAME "new"
#define OLD_NAME "old"

/* What the verifier says of an unchecked d_inode (R2), on 7.3. */
#define D_INODE_MSG "Possibly NULL pointer passed to trusted R2\n"

enum action {
	DO_CREATE,		/* open(new, O_CREAT) */
	DO_MKDIR,		/* mkdir(new) */
	DO_MKNOD,		/* mknod(new, S_IFIFO) */
	DO_SYMLINK,		/* symlink(old, new) */
	DO_LINK,		/* link(old, new) */
	DO_RENAME,		/* rename(old, new) */
};

struct negative_case {
	const char *name;	/* the program, without _checked/_unchecked */
	const char *hook;	/* lsm-hook= of its record */
	enum action action;
	int want_errno;		/* of the action, under the program */
	const char *decision;
};

static const struct negative_case cases[] = {
	{ "create", "inode_create", DO_CREATE, EPERM, "denied" },
	{ "mkdir", "inode_mkdir", DO_MKDIR, EPERM, "denied" },
	{ "mknod", "inode_mknod", DO_MKNOD, EPERM, "denied" },
	{ "symlink", "inode_symlink", DO_SYMLINK, EPERM, "denied" },
	{ "link", "inode_link", DO_LINK, EPERM, "denied" },
	{ "rename", "inode_rename", DO_RENAME, EPERM, "denied" },
	{ "instantiate", "d_instantiate", DO_CREATE, 0, "allowed" },
	{ "path_mknod", "path_mknod", DO_MKNOD, EPERM, "denied" },
	{ "path_mkdir", "path_mkdir", DO_MKDIR, EPERM, "denied" },
	{ "path_symlink", "path_symlink", DO_SYMLINK, EPERM, "denied" },
	{ "path_link", "path_link", DO_LINK, EPERM, "denied" },
	{ "path_rename", "path_rename", DO_RENAME, EPERM, "denied" },
};

static char dir[64], new_path[80], old_path[80];
static char log_buf[LOG_BUF_SIZE];
static struct bla_audit audit = BLA_AUDIT_INIT;
static struct bla_audit_record rec;
/* Whether this kernel's verifier knows that d_inode may be NULL. */
static bool d_inode_nullable;

/* In the child, unprivileged: 0 or the action's errno. */
static int act(enum action action)
{
	int fd, ret = 0;

	switch (action) {
	case DO_CREATE:
		fd = open(new_path, O_CREAT | O_WRONLY | O_CLOEXEC, 0600);
		if (fd >= 0)
			close(fd);
		ret = fd < 0 ? -1 : 0;
		break;
	case DO_MKDIR:
		ret = mkdir(new_path, 0700);
		break;
	case DO_MKNOD:
		ret = mknod(new_path, S_IFIFO | 0600, 0);
		break;
	case DO_SYMLINK:
		ret = symlink(OLD_NAME, new_path);
		break;
	case DO_LINK:
		ret = link(old_path, new_path);
		break;
	case DO_RENAME:
		ret = rename(old_path, new_path);
		break;
	}
	return ret ? errno : 0;
}

/*
 * Runs @action as nobody in a child, once the child's pid is the program's
 * target: the child's exit status (0 or an errno), or -1 if it did not
 * exit normally.  *child is its pid.
 */
static int run_unprivileged(struct negative *s, enum action action, pid_t *child)
{
	int go[2], status;
	char c;
	pid_t pid;

	if (!ASSERT_OK(pipe2(go, O_CLOEXEC), "pipe"))
		return -1;
	pid = fork();
	if (pid == 0) {
		close(go[1]);
		if (read(go[0], &c, 1) != 1 || setgroups(0, NULL) ||
		    setresgid(NOBODY, NOBODY, NOBODY) ||
		    setresuid(NOBODY, NOBODY, NOBODY))
			_exit(255);
		_exit(act(action));
	}
	close(go[0]);
	if (!ASSERT_GE(pid, 0, "fork")) {
		close(go[1]);
		return -1;
	}
	s->bss->target_tgid = pid;
	*child = pid;
	ASSERT_EQ(write(go[1], "g", 1), 1, "start the child");
	close(go[1]);
	if (!ASSERT_EQ(waitpid(pid, &status, 0), pid, "waitpid"))
		return -1;
	s->bss->target_tgid = 0;
	return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

/* The directory back to its one file, "old", owned by nobody. */
static bool reset_dir(void)
{
	int fd;

	if (unlink(new_path) && errno != ENOENT && errno != EISDIR)
		return ASSERT_OK(-errno, "unlink new");
	if (rmdir(new_path) && errno != ENOENT && errno != ENOTDIR)
		return ASSERT_OK(-errno, "rmdir new");
	fd = open(old_path, O_CREAT | O_WRONLY | O_CLOEXEC, 0600);
	if (!ASSERT_GE(fd, 0, "create old"))
		return false;
	close(fd);
	return ASSERT_OK(chown(old_path, NOBODY, NOBODY), "chown old");
}

/*
 * Opens the skeleton with only @name loaded, its verifier log in log_buf,
 * and loads it: the load's error, *out the skeleton if it loaded.
 */
static int load_alone(const char *name, struct negative **out)
{
	struct negative *s = negative__open();
	int err;

	*out = NULL;
	if (!s)
		return -errno;
	err = bla_load_only(s->skeleton, name, log_buf, sizeof(log_buf));
	if (err)
		negative__destroy(s);
	else
		*out = s;
	return err;
}

/* The verifier's last words, for a load that went otherwise than expected. */
static void print_log_tail(void)
{
	size_t len = strlen(log_buf);
	const char *tail = log_buf + (len > LOG_TAIL ? len - LOG_TAIL : 0);

	printf("#   verifier log, last bytes:\n%s\n", tail);
}

/* One program of a row: false if it failed (the test is marked already). */
static bool run_prog(const struct negative_case *c, bool checked)
{
	char name[64], want[RECORD_TEXT_MAX];
	int err, got, want_inode;
	struct bpf_program *prog;
	struct bpf_link *link = NULL;
	struct negative *s;
	struct stat st;
	bool ok = false;
	pid_t child = 0;

	snprintf(name, sizeof(name), "%s_%s", c->name,
		 checked ? "checked" : "unchecked");
	err = load_alone(name, &s);
	if (!checked && d_inode_nullable) {
		ok = ASSERT_EQ(err, -EACCES, "the load's error") &&
		     ASSERT_TRUE(strstr(log_buf, D_INODE_MSG), "verifier log");
		if (!ok)
			print_log_tail();
		else
			printf("# %s: refused at load: %s", name, D_INODE_MSG);
		goto out;
	}
	if (!ASSERT_OK(err, "load")) {
		print_log_tail();
		goto out;
	}
	if (!reset_dir() || !ASSERT_OK(stat(dir, &st), "stat dir"))
		goto out;
	s->bss->watch_ino = st.st_ino;
	prog = bpf_object__find_program_by_name(s->obj, name);
	link = bpf_program__attach(prog);
	if (!ASSERT_OK_PTR(link, "attach"))
		goto out;
	got = run_unprivileged(s, c->action, &child);
	bpf_link__destroy(link);
	link = NULL;

	/* The checked program logs no inode itself: -ENOENT is its own. */
	want_inode = checked ? -ENOENT : -EINVAL;
	snprintf(want, sizeof(want),
		 "prog-id=%u pid=%d comm=\"test_negative\" name=\"" NEW_NAME
		 "\" lsm-hook=%s decision=%s",
		 bpf_prog_id(prog), child, c->hook, c->decision);
	/* The record first, so that a failed row leaves none to the next. */
	err = bla_audit_next(&audit, AUDIT_BPF_LSM_ACCESS, &rec, RECORD_TIMEOUT_MS);
	if (!ASSERT_EQ(got, c->want_errno, "the action's errno, as nobody") ||
	    !ASSERT_EQ(s->bss->result.runs, 1, "program runs") ||
	    !ASSERT_EQ(s->bss->result.start_null, 0, "starts that returned NULL") ||
	    !ASSERT_EQ(s->bss->result.rc_inode, want_inode, "the inode's result") ||
	    !ASSERT_EQ(s->bss->result.rc_dentry, 0, "the dentry's result") ||
	    !ASSERT_OK(err, "the record") ||
	    !ASSERT_STREQ(rec.body, want, "record"))
		goto out;
	ok = true;
out:
	bpf_link__destroy(link);
	negative__destroy(s);
	if (!ok)
		printf("#   in program %s\n", name);
	return ok;
}

static void test_negative_dentries(void)
{
	int i, failed = 0;

	if (!ASSERT_OK(bla_audit_listen(&audit, AUDIT_BPF_LSM_ACCESS),
		       "audit: only our records, to a daemon of our own"))
		goto cleanup;
	/* Every program, even after one failed: the failures say which. */
	for (i = 0; i < (int)ARRAY_SIZE(cases); i++) {
		failed += !run_prog(&cases[i], false);
		failed += !run_prog(&cases[i], true);
	}
	printf("# negative dentries: %d programs, %d failed\n",
	       2 * (int)ARRAY_SIZE(cases), failed);
	/* One record per program that loaded, no more. */
	ASSERT_EQ(bla_audit_drain(&audit, QUIET_MS), 0, "records beyond one per program");
cleanup:
	ASSERT_OK(bla_audit_close(&audit), "audit: close and restore the settings");
	audit = (struct bla_audit)BLA_AUDIT_INIT;
}

static const struct test tests[] = {
	TEST(test_negative_dentries),
};

int main(int argc, char **argv)
{
	struct btf *vmlinux;
	int ret;

	libbpf_set_print(bla_print_libbpf);
	/*
	 * The verifier's list of pointers that may be NULL is in the
	 * kernel's BTF: 7.3 has d_inode there, 6.12 lists it as trusted.
	 */
	vmlinux = btf__load_vmlinux_btf();
	if (!vmlinux)
		test_bail("vmlinux BTF: %s", strerror(errno));
	d_inode_nullable = btf__find_by_name_kind(vmlinux,
						  "dentry__safe_trusted_or_null",
						  BTF_KIND_STRUCT) >= 0;
	btf__free(vmlinux);
	printf("# d_inode is %s for the verifier\n",
	       d_inode_nullable ? "trusted or NULL" : "trusted");
	snprintf(dir, sizeof(dir), "/tmp/negative.XXXXXX");
	if (!mkdtemp(dir) || chown(dir, NOBODY, NOBODY))
		test_bail("the test's directory: %s", strerror(errno));
	snprintf(new_path, sizeof(new_path), "%s/" NEW_NAME, dir);
	snprintf(old_path, sizeof(old_path), "%s/" OLD_NAME, dir);
	ret = run_tests("negative", tests, ARRAY_SIZE(tests), argc, argv);
	unlink(new_path);
	rmdir(new_path);
	unlink(old_path);
	rmdir(dir);
	return ret;
}
