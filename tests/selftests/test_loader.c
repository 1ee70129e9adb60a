// SPDX-License-Identifier: GPL-2.0-only
/*
 * RUN_TESTS() for the minimal runner, after the selftests' test_loader.c:
 * each program of a skeleton's object is a subtest.  Its expectations are
 * the btf_decl_tag("comment:N:test_...") attributes that bpf_misc.h's
 * __success, __failure, __msg(), __log_level() and __auxiliary put on the
 * program's BTF FUNC; sorted by N they are in source order.  The program is
 * loaded alone (with the __auxiliary ones) with its __flag()s, the load must
 * succeed or fail as tagged, and the verifier log must contain each __msg()
 * in order; a "{{...}}" part of a message is an extended regular
 * expression.  A __description() is printed with the subtest, whose name
 * stays the program's, so that -t selects it by that name.
 *
 * A tag this runner does not implement fails the subtest, so that no
 * expectation is silently ignored.
 */
#define _GNU_SOURCE
#include <limits.h>
#include <regex.h>
#include <bpf/btf.h>

#include "test_progs.h"

#define LOG_BUF_SIZE (2 * 1024 * 1024)

struct spec {
	const char *name;
	const char *description;
	int prog_flags;
	bool valid;
	bool auxiliary;
	bool expect_failure;
	int log_level;
	int msg_cnt;
	const char **msgs;
};

static const char *str_has_pfx(const char *str, const char *pfx)
{
	size_t len = strlen(pfx);

	return strncmp(str, pfx, len) ? NULL : str + len;
}

/* A __flag(): one of the names bpf_misc.h lists, or a number. */
static int parse_flag(const char *val, int *flags)
{
	static const struct {
		const char *name;
		int flag;
	} names[] = {
		{ "BPF_F_STRICT_ALIGNMENT", BPF_F_STRICT_ALIGNMENT },
		{ "BPF_F_TEST_RND_HI32", BPF_F_TEST_RND_HI32 },
		{ "BPF_F_TEST_STATE_FREQ", BPF_F_TEST_STATE_FREQ },
		{ "BPF_F_SLEEPABLE", BPF_F_SLEEPABLE },
		{ "BPF_F_XDP_HAS_FRAGS", BPF_F_XDP_HAS_FRAGS },
	};
	unsigned long num;
	char *end;
	size_t i;

	for (i = 0; i < ARRAY_SIZE(names); i++) {
		if (!strcmp(val, names[i].name)) {
			*flags |= names[i].flag;
			return 0;
		}
	}
	errno = 0;
	num = strtoul(val, &end, 0);
	if (errno || *end || end == val || num > INT_MAX)
		return -EINVAL;
	*flags |= num;
	return 0;
}

static int compare_tags(const void *a, const void *b)
{
	return strverscmp(*(const char **)a, *(const char **)b);
}

/* The program's decl tags, in source order. */
static const char **collect_tags(const struct btf *btf, int func_id, int *cnt)
{
	const char **tags = NULL, **tmp;
	const struct btf_type *t;
	int i, n = btf__type_cnt(btf);

	*cnt = 0;
	for (i = 1; i < n; i++) {
		t = btf__type_by_id(btf, i);
		if (!btf_is_decl_tag(t) || (int)t->type != func_id ||
		    btf_decl_tag(t)->component_idx != -1)
			continue;
		tmp = realloc(tags, (*cnt + 1) * sizeof(*tags));
		if (!tmp) {
			free(tags);
			*cnt = -1;
			return NULL;
		}
		tags = tmp;
		tags[(*cnt)++] = btf__str_by_offset(btf, t->name_off);
	}
	if (*cnt > 0)
		qsort(tags, *cnt, sizeof(*tags), compare_tags);
	return tags;
}

static int parse_spec(const struct btf *btf, struct bpf_program *prog,
		      struct spec *spec)
{
	const char **tags, *s, *val;
	int func_id, i, n, len;
	const char **msgs;
	char *end;

	memset(spec, 0, sizeof(*spec));
	spec->name = bpf_program__name(prog);
	func_id = btf__find_by_name_kind(btf, spec->name, BTF_KIND_FUNC);
	if (func_id < 0) {
		PRINT_FAIL("no BTF FUNC for program %s\n", spec->name);
		return -EINVAL;
	}
	tags = collect_tags(btf, func_id, &n);
	if (n < 0)
		return -ENOMEM;
	for (i = 0; i < n; i++) {
		/*
		 * 7.x tags read "comment:N:test_...", 6.12 ones
		 * "comment:test_..." with the counter inside a message:
		 * "comment:test_expect_msg=N=text".
		 */
		len = 0;
		if (sscanf(tags[i], "comment:%*d:%n", &len) >= 0 && len) {
			s = tags[i] + len;
		} else if ((s = str_has_pfx(tags[i], "comment:test_"))) {
			s -= strlen("test_");
		} else {
			continue;
		}
		if (!strcmp(s, "test_expect_failure")) {
			spec->expect_failure = true;
		} else if (!strcmp(s, "test_expect_success")) {
			spec->expect_failure = false;
		} else if (!strcmp(s, "test_auxiliary")) {
			spec->auxiliary = true;
		} else if ((val = str_has_pfx(s, "test_expect_msg="))) {
			if (!len && strchr(val, '='))
				val = strchr(val, '=') + 1;
			msgs = realloc(spec->msgs,
				       (spec->msg_cnt + 1) * sizeof(*msgs));
			if (!msgs) {
				free(tags);
				return -ENOMEM;
			}
			spec->msgs = msgs;
			spec->msgs[spec->msg_cnt++] = val;
		} else if ((val = str_has_pfx(s, "test_description="))) {
			spec->description = val;
		} else if ((val = str_has_pfx(s, "test_prog_flags="))) {
			if (parse_flag(val, &spec->prog_flags)) {
				PRINT_FAIL("%s: bad flag '%s'\n", spec->name,
					   val);
				free(tags);
				return -EINVAL;
			}
		} else if ((val = str_has_pfx(s, "test_log_level="))) {
			errno = 0;
			spec->log_level = strtol(val, &end, 0);
			if (errno || *end) {
				PRINT_FAIL("%s: bad log level '%s'\n",
					   spec->name, val);
				free(tags);
				return -EINVAL;
			}
		} else {
			PRINT_FAIL("%s: test tag '%s' is not implemented by this runner\n",
				   spec->name, s);
			free(tags);
			return -EINVAL;
		}
	}
	free(tags);
	spec->valid = true;
	return 0;
}

/*
 * The message as an extended regular expression: verbatim text, with the
 * parts between "{{" and "}}" taken as they are.
 */
static int compile_msg(const char *msg, regex_t *re)
{
	char buf[1024], *p = buf;
	bool in_re = false;
	int err;

	while (*msg && p < buf + sizeof(buf) - 3) {
		if (!in_re && str_has_pfx(msg, "{{")) {
			in_re = true;
			msg += 2;
		} else if (in_re && str_has_pfx(msg, "}}")) {
			in_re = false;
			msg += 2;
		} else {
			if (!in_re && strchr(".[]\\()*+?{}|^$", *msg))
				*p++ = '\\';
			*p++ = *msg++;
		}
	}
	*p = '\0';
	if (*msg || in_re) {
		PRINT_FAIL("bad message pattern '%s'\n", msg);
		return -EINVAL;
	}
	err = regcomp(re, buf, REG_EXTENDED | REG_NEWLINE);
	if (err) {
		PRINT_FAIL("regcomp('%s'): %d\n", buf, err);
		return -EINVAL;
	}
	return 0;
}

/* Each message must be found, in order, after the previous one. */
static bool match_msgs(const char *log, const struct spec *spec)
{
	const char *pos = log;
	regmatch_t m;
	regex_t re;
	int i, j;

	for (i = 0; i < spec->msg_cnt; i++) {
		if (compile_msg(spec->msgs[i], &re))
			return false;
		if (regexec(&re, pos, 1, &m, 0)) {
			regfree(&re);
			PRINT_FAIL("expect_msg\n");
			printf("VERIFIER LOG:\n=============\n%s=============\n",
			       log);
			for (j = 0; j <= i; j++)
				printf("%s '%s'\n", j < i ? "MATCHED " : "EXPECTED",
				       spec->msgs[j]);
			return false;
		}
		pos += m.rm_eo;
		regfree(&re);
	}
	return true;
}

/* BPF_F_TEST_* flags the kernel knows, as test_progs passes them. */
static int testing_prog_flags(void)
{
	static const int flags[] = {
		BPF_F_TEST_RND_HI32, BPF_F_TEST_REG_INVARIANTS,
	};
	static const struct bpf_insn insns[] = {
		{ .code = BPF_ALU64 | BPF_MOV | BPF_K, .dst_reg = BPF_REG_0 },
		{ .code = BPF_JMP | BPF_EXIT },
	};
	static int cached = -1;
	int i, fd, ok = 0;

	if (cached >= 0)
		return cached;
	for (i = 0; i < ARRAY_SIZE(flags); i++) {
		LIBBPF_OPTS(bpf_prog_load_opts, opts, .prog_flags = flags[i]);

		fd = bpf_prog_load(BPF_PROG_TYPE_SOCKET_FILTER, NULL, "GPL",
				   insns, ARRAY_SIZE(insns), &opts);
		if (fd >= 0) {
			ok |= flags[i];
			close(fd);
		}
	}
	cached = ok;
	return ok;
}

static void run_subtest(const void *bytes, size_t size,
			struct bpf_object_open_opts *opts,
			const struct spec *specs, const struct spec *spec,
			char *log_buf)
{
	struct bpf_program *prog, *tprog = NULL;
	struct bpf_object *obj;
	int i = 0, err;

	obj = bpf_object__open_mem(bytes, size, opts);
	if (!ASSERT_OK_PTR(obj, "obj_open_mem"))
		return;
	bpf_object__for_each_program(prog, obj) {
		const struct spec *s = &specs[i++];
		bool load = s->valid && (s == spec || s->auxiliary);

		bpf_program__set_autoload(prog, load);
		if (s == spec)
			tprog = prog;
	}
	if (!ASSERT_OK_PTR(tprog, spec->name))
		goto out;
	log_buf[0] = '\0';
	bpf_program__set_log_buf(tprog, log_buf, LOG_BUF_SIZE);
	bpf_program__set_log_level(tprog, spec->log_level);
	bpf_program__set_flags(tprog, bpf_program__flags(tprog) |
			       spec->prog_flags | testing_prog_flags());

	err = bpf_object__load(obj);
	if (spec->expect_failure) {
		if (!ASSERT_ERR(err, "unexpected_load_success"))
			goto out;
	} else if (!ASSERT_OK(err, "unexpected_load_failure")) {
		printf("VERIFIER LOG:\n=============\n%s=============\n",
		       log_buf);
		goto out;
	}
	match_msgs(log_buf, spec);
out:
	bpf_object__close(obj);
}

void test_loader__run_subtests(const char *skel_name,
			       skel_elf_bytes_fn elf_bytes_factory)
{
	LIBBPF_OPTS(bpf_object_open_opts, opts, .object_name = skel_name);
	struct spec *specs = NULL;
	struct bpf_program *prog;
	struct bpf_object *obj;
	const struct btf *btf;
	char *log_buf = NULL;
	const void *bytes;
	int i, n = 0;
	size_t size;

	bytes = elf_bytes_factory(&size);
	obj = bpf_object__open_mem(bytes, size, &opts);
	if (!ASSERT_OK_PTR(obj, "obj_open_mem"))
		return;
	btf = bpf_object__btf(obj);
	if (!ASSERT_TRUE(btf != NULL, "object BTF"))
		goto out;
	bpf_object__for_each_program(prog, obj)
		n++;
	specs = calloc(n + 1, sizeof(*specs));
	log_buf = malloc(LOG_BUF_SIZE);
	if (!ASSERT_OK_PTR(specs, "specs") || !ASSERT_OK_PTR(log_buf, "log"))
		goto out;
	i = 0;
	bpf_object__for_each_program(prog, obj) {
		if (parse_spec(btf, prog, &specs[i++]))
			PRINT_FAIL("can't parse test spec for program '%s'\n",
				   bpf_program__name(prog));
	}
	for (i = 0; i < n; i++) {
		if (!specs[i].valid || specs[i].auxiliary)
			continue;
		if (!test__start_subtest(specs[i].name))
			continue;
		if (specs[i].description)
			printf("# %s\n", specs[i].description);
		run_subtest(bytes, size, &opts, specs, &specs[i], log_buf);
		test__end_subtest();
	}
out:
	for (i = 0; specs && i < n; i++)
		free(specs[i].msgs);
	free(specs);
	free(log_buf);
	bpf_object__close(obj);
}
