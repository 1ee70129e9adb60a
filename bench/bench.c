// SPDX-License-Identifier: GPL-2.0-only
/*
 * bench: what an audited decision costs, side by side with what users
 * would use instead.  Runs as root inside the guest ('make bench' boots it
 * under qemu -icount, where guest nanoseconds are instruction counts);
 * the method and the figures are in docs/performance.md.
 *
 * Every variant times the same operation, kill(TARGET, 0) from a loop
 * process, which runs the task_kill LSM hook:
 *
 *	(a)  no program
 *	(b)  a program returning 0
 *	(b') the policy's checks in a program without kfuncs, allowing
 *	(c)  the kfunc program, logging off: allows without a record
 *	(c') the kfunc program's checks, then its allowed path, no record
 *	(d)  the kfunc program denies and logs one 1427 record
 *	(e)  the same facts as a ring buffer event, with a reader
 *	(f)  Landlock's signal scope denies, with its 1423 record
 *	(g)  a syscall audit rule on kill()
 *
 * each inside a syscall audit context ("ctx", as any process on a system
 * with auditing on) and, but (g), in a process without one ("noctx",
 * created under an "-a task,never" rule), so that a record's companion
 * SYSCALL, PROCTITLE and EOE records can be told from the record.  Audit
 * records go to a minimal netlink reader registered as the audit daemon;
 * ring buffer events to a reader process; the time of an operation runs
 * until its records (or event) have been received.
 *
 * Then: where the time of (d) and (e) goes (timestamps between the kfunc
 * calls, CPU time of each process, a flat profile of the record's path),
 * allocations per operation (the slab allocator's tracepoints, by call
 * site), and throughput and loss into the minimal reader and into
 * Debian's auditd.
 *
 * Usage: bench [--smoke] [--out DIR] [--label NAME] [--iterations N]
 *              [--no-throughput] [--variants ID,ID...]
 *   --smoke          one short iteration of everything, no timing; TAP
 *                    output; the exit status says whether anything failed
 *   --out DIR        writes bench-NAME.csv, bench-NAME.json and
 *                    throughput-NAME.csv there (default build/bench/results)
 *   --label NAME     the kernel's name in the results (default: uname -r)
 *   --iterations N   timed iterations per variant (default 7)
 *   --no-throughput  skips the throughput and loss runs
 *   --variants LIST  times these variants (ids as in the CSV: a, b-checks,
 *                    d-noctx, ...), in this order, repeats allowed
 * Exits 0, or 1 if a variant failed (a load, an attach, an unexpected
 * return value, a record that did not come), 2 on a usage error.  A missed
 * target is a finding, not an error.
 *
 * This file is the core: main, the options, setup, the variants' table and
 * the run over them; bench_user.h says which file holds the rest.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/utsname.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include <linux/audit.h>
#include <linux/types.h>
#include <bpf/bpf.h>
#include <bpf/libbpf.h>

#include "bench_user.h"
#include "bench.skel.h"

struct shared *sh;
int notify_rd = -1, notify_wr = -1;
bool smoke;
pid_t target_pid, nl_pid, rb_pid, kauditd_pid;

/*
 * The bench's own audit client (lib/audit.h): its requests, and at exit
 * what it undoes (the settings it changed, the rules it still has).
 */
struct bla_audit ctl = BLA_AUDIT_INIT;

/* Everything one run measured, for the report. */
struct bench_run run;

/* --- small helpers ------------------------------------------------------- */

void sleep_ms(unsigned int ms)
{
	struct timespec ts = { ms / 1000, (ms % 1000) * 1000000L };

	while (nanosleep(&ts, &ts) && errno == EINTR)
		;
}

void set_comm(const char *name)
{
	prctl(PR_SET_NAME, name, 0, 0, 0);
}

/* --- variants -------------------------------------------------------------- */

static const struct variant variants[] = {
	{ "a", "a", "no program", P_NONE, 0, false, true, false, false, 0,
	  WAIT_NONE, 0, 0 },
	{ "b", "b", "program returns 0", P_RET0, 0, false, true, false, false,
	  0, WAIT_NONE, 0, 0 },
	{ "b-checks", "b'", "policy checks without kfuncs; allows", P_CHECKS,
	  1, true, true, false, false, 0, WAIT_NONE, 0, 0 },
	{ "c", "c", "kfunc program; logging off; allows", P_AUDIT, 0, false,
	  true, false, false, 0, WAIT_NONE, 0, 0 },
	{ "c-checks", "c'", "kfunc program; checks then allows; no log",
	  P_AUDIT, 1, true, true, false, false, 0, WAIT_NONE, 0, 0 },
	{ "d", "d", "deny + 1427 record to a netlink reader", P_AUDIT, 1,
	  false, true, false, false, EPERM, WAIT_RECORD, AUDIT_EOE,
	  AUDIT_BPF_LSM_ACCESS },
	{ "e", "e", "deny + ring buffer event to a reader", P_RB, 1, false,
	  true, false, false, EPERM, WAIT_EVENT, 0, EV },
	{ "f", "f", "Landlock deny + 1423 record to the reader", P_NONE, 0,
	  false, true, true, false, EPERM, WAIT_RECORD, AUDIT_EOE,
	  AUDIT_LANDLOCK_ACCESS },
	{ "g", "g", "syscall rule on kill() to the reader", P_NONE, 0, false,
	  true, false, true, 0, WAIT_RECORD, AUDIT_EOE, AUDIT_SYSCALL },
	{ "a-noctx", "a", "no program", P_NONE, 0, false, false, false, false,
	  0, WAIT_NONE, 0, 0 },
	{ "b-noctx", "b", "program returns 0", P_RET0, 0, false, false, false,
	  false, 0, WAIT_NONE, 0, 0 },
	{ "c-noctx", "c", "kfunc program; logging off; allows", P_AUDIT, 0,
	  false, false, false, false, 0, WAIT_NONE, 0, 0 },
	{ "d-noctx", "d", "deny + 1427 record to a netlink reader", P_AUDIT, 1,
	  false, false, false, false, EPERM, WAIT_RECORD, AUDIT_BPF_LSM_ACCESS,
	  AUDIT_BPF_LSM_ACCESS },
	{ "e-noctx", "e", "deny + ring buffer event to a reader", P_RB, 1,
	  false, false, false, false, EPERM, WAIT_EVENT, 0, EV },
	{ "f-noctx", "f", "Landlock deny + 1423 record to the reader", P_NONE,
	  0, false, false, true, false, EPERM, WAIT_RECORD,
	  AUDIT_LANDLOCK_ACCESS, AUDIT_LANDLOCK_ACCESS },
};
#define NVARIANTS (sizeof(variants) / sizeof(variants[0]))

const struct variant *variant_by_id(const char *id)
{
	size_t i;

	for (i = 0; i < NVARIANTS; i++)
		if (!strcmp(variants[i].id, id))
			return &variants[i];
	return NULL;
}

bool skipped(const char *status)
{
	return status && !strncmp(status, SKIPPED, strlen(SKIPPED));
}

static unsigned int prog_id(struct bpf_program *p)
{
	struct bpf_prog_info info = {};
	__u32 len = sizeof(info);

	if (bpf_prog_get_info_by_fd(bpf_program__fd(p), &info, &len))
		return 0;
	return info.id;
}

static int mkdir_p(const char *dir)
{
	char tmp[512], *p;

	snprintf(tmp, sizeof(tmp), "%s", dir);
	for (p = tmp + 1; *p; p++) {
		if (*p != '/')
			continue;
		*p = 0;
		mkdir(tmp, 0755);
		*p = '/';
	}
	return mkdir(tmp, 0755) && errno != EEXIST ? -errno : 0;
}

/* --- the phases ---------------------------------------------------------- */

static int run_variants(struct bench *skel)
{
	int status = 0;
	size_t i;

	for (i = 0; i < run.nres; i++) {
		struct loop l = {
			.v = run.order[i], .mode = LOOP_TIMED,
			.iterations = run.iterations, .skel = skel,
		};
		struct result *r = &run.res[i];
		bool ok;
		double m;

		if (!smoke)
			printf("bench: (%s) %s, %s ...\n", l.v->letter,
			       l.v->what, l.v->ctx ?
			       "in a syscall audit context" : "no syscall audit context");
		if (run_variant(skel, &l, r))
			status = 1;
		m = main_per_op(r);
		if (skipped(r->status)) {
			/* A TAP directive, so that it is not counted as passed. */
			tap(true, "(%s) %s, %s # SKIP %s", r->v->id, r->v->what,
			    r->v->ctx ? "ctx" : "noctx",
			    r->status + strlen(SKIPPED));
			continue;
		}
		ok = !r->status &&
		     (!r->v->main_type || (m == 1.0 && !r->lost));
		tap(ok, "(%s) %s, %s: %s%s%.2f %s/op", r->v->id, r->v->what,
		    r->v->ctx ? "ctx" : "noctx", r->status ? r->status : "ran",
		    r->status ? " " : ", ", m, main_name(r->v));
	}
	fill_ratios(run.res, run.nres);
	return status;
}

/* --- main ------------------------------------------------------------------- */

static void usage(FILE *f)
{
	fprintf(f, "usage: bench [--smoke] [--out DIR] [--label NAME] [--iterations N] [--no-throughput]\n"
		   "             [--variants ID,ID...]\n");
}

/* --variants a,b,c-checks: these, in this order (repeats allowed). */
static int parse_variants(const char *list)
{
	char buf[512], *tok, *save = NULL;

	snprintf(buf, sizeof(buf), "%s", list);
	run.nres = 0;
	for (tok = strtok_r(buf, ",", &save); tok;
	     tok = strtok_r(NULL, ",", &save)) {
		const struct variant *v = variant_by_id(tok);

		if (!v || run.nres == MAX_RUNS) {
			fprintf(stderr, "bench: --variants: %s '%s'\n",
				v ? "too many at" : "no variant", tok);
			return -1;
		}
		run.order[run.nres++] = v;
	}
	return 0;
}

/* The clock that CLOCK_MONOTONIC reads, for the report. */
static void read_clocksource(char *buf, size_t len)
{
	FILE *f = fopen("/sys/devices/system/clocksource/clocksource0/current_clocksource",
			"r");

	snprintf(buf, len, "?");
	if (f) {
		if (fgets(buf, len, f))
			buf[strcspn(buf, "\n")] = 0;
		fclose(f);
	}
}

/* Shared memory, the notification pipe, the audit client. */
static int setup(struct audit_status *saved)
{
	int pipefd[2], err;

	sh = mmap(NULL, sizeof(*sh), PROT_READ | PROT_WRITE,
		  MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	if (sh == MAP_FAILED) {
		perror("bench: mmap");
		return -1;
	}
	if (pipe2(pipefd, O_CLOEXEC)) {
		perror("bench: pipe");
		return -1;
	}
	notify_rd = pipefd[0];
	notify_wr = pipefd[1];
	fcntl(notify_rd, F_SETFL, O_NONBLOCK);
	signal(SIGPIPE, SIG_IGN);
	err = bla_audit_open(&ctl);
	if (err) {
		fprintf(stderr, "bench: cannot talk to the audit subsystem (%s)\n",
			strerror(-err));
		return -1;
	}
	*saved = ctl.saved;
	if (saved->pid) {
		fprintf(stderr, "bench: an audit daemon (pid %u) is running: stop it first\n",
			saved->pid);
		return -1;
	}
	return 0;
}

int main(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "smoke", no_argument, NULL, 's' },
		{ "out", required_argument, NULL, 'o' },
		{ "label", required_argument, NULL, 'l' },
		{ "iterations", required_argument, NULL, 'i' },
		{ "no-throughput", no_argument, NULL, 'T' },
		{ "variants", required_argument, NULL, 'v' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 }
	};
	const char *out = "build/bench/results";
	bool throughput = true;
	struct audit_status saved, s;
	struct bench *skel = NULL;
	int opt, err, status = 0;
	struct utsname u;

	run.iterations = 7;
	while ((opt = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
		switch (opt) {
		case 's': smoke = true; break;
		case 'o': out = optarg; break;
		case 'l': snprintf(run.label, sizeof(run.label), "%s", optarg); break;
		case 'i':
			run.iterations = atoi(optarg);
			if (run.iterations < 1 || run.iterations > MAX_ITERS) {
				fprintf(stderr, "bench: --iterations: 1 to %d\n",
					MAX_ITERS);
				return 2;
			}
			break;
		case 'T': throughput = false; break;
		case 'v':
			if (parse_variants(optarg))
				return 2;
			break;
		case 'h': usage(stdout); return 0;
		default: usage(stderr); return 2;
		}
	}
	if (optind != argc) {
		usage(stderr);
		return 2;
	}
	if (smoke)
		run.iterations = 1;
	if (!run.nres) {
		for (run.nres = 0; run.nres < NVARIANTS; run.nres++)
			run.order[run.nres] = &variants[run.nres];
	}
	setvbuf(stdout, NULL, _IOLBF, 0);
	uname(&u);
	snprintf(run.uname_r, sizeof(run.uname_r), "%s", u.release);
	if (!run.label[0])
		snprintf(run.label, sizeof(run.label), "%s", run.uname_r);
	read_clocksource(run.clocksource, sizeof(run.clocksource));
	if (smoke)
		printf("1..%zu\n", run.nres + 6 + (throughput ? 2 : 0));
	if (setup(&saved))
		return 1;
	kauditd_pid = find_kauditd();
	ll_skip = landlock_skip_reason();
	load_ksyms();

	libbpf_set_print(NULL);
	skel = bench__open();
	if (!skel) {
		fprintf(stderr, "bench: open: %s\n", strerror(errno));
		return 1;
	}
	err = bench__load(skel);
	if (err) {
		fprintf(stderr, "bench: load: %s (the kernel needs the audit kfuncs, root needs CAP_AUDIT_WRITE)\n",
			strerror(-err));
		tap(false, "the benchmark's programs load");
		bench__destroy(skel);
		return 1;
	}
	audit_prog_id = prog_id(skel->progs.audit_deny);
	skel->bss->rb_prog_id = prog_id(skel->progs.rb_deny);

	/* The target: a process outside every Landlock domain. */
	target_pid = fork();
	if (!target_pid) {
		set_comm("bench-target");
		for (;;)
			pause();
	}

	s = saved;
	s.backlog_limit = 8192;
	s.enabled = 1;
	err = bla_audit_set(&ctl,
			    AUDIT_STATUS_BACKLOG_LIMIT | AUDIT_STATUS_ENABLED, &s);
	if (err) {
		fprintf(stderr, "bench: AUDIT_SET: %s\n", strerror(-err));
		status = 1;
		goto out;
	}
	nl_pid = start_reader(nl_reader_fn, 0, &sh->nl_state);
	rb_pid = start_reader(rb_reader, bpf_map__fd(skel->maps.events),
			      &sh->rb_state);
	if (nl_pid < 0 || rb_pid < 0) {
		fprintf(stderr, "bench: readers: %s / %s\n",
			nl_pid < 0 ? strerror(-nl_pid) : "ok",
			rb_pid < 0 ? strerror(-rb_pid) : "ok");
		status = 1;
		goto out;
	}
	quiesce(100);
	if (!smoke)
		printf("bench: Linux %s (%s), clocksource %s; Landlock: %s;\n"
		       "bench: kill(TARGET, 0) per operation, %d iterations per variant\n",
		       run.uname_r, run.label, run.clocksource,
		       ll_skip ? ll_skip : "ok", run.iterations);

	status |= run_variants(skel);
	status |= run_breakdown(skel);
	status |= run_profile(skel);
	status |= run_allocs(skel);
	if (throughput)
		status |= run_throughput(skel, &saved);

	if (!smoke) {
		printf("\nns/op: guest ns under qemu -icount (instructions); median of %d iterations; spread: (max-min)/median\n",
		       run.iterations);
		printf("out/op: the variant's own output per operation; rec/op: every audit record per operation\n\n");
		print_table(stdout, run.res, run.nres);
		print_targets();
		print_breakdown();
		print_profile();
		print_gap();
		print_allocs();
		print_throughput();
		print_samples();
	}
	err = mkdir_p(out);
	if (!err)
		err = write_csv(out);
	tap(!err, "CSV written to %s", out);
	if (!err)
		err = write_json(out);
	tap(!err, "JSON written to %s", out);
	if (err) {
		fprintf(stderr, "bench: writing the results to %s: %s\n", out,
			strerror(-err));
		status = 1;
	}
out:
	stop_process(&nl_pid);
	stop_process(&rb_pid);
	if (target_pid > 0) {
		kill(target_pid, SIGKILL);
		waitpid(target_pid, NULL, 0);
	}
	/* Puts back the backlog limit and enabled, deletes any rule left. */
	err = bla_audit_close(&ctl);
	if (err) {
		fprintf(stderr, "bench: putting back the audit settings: %s\n",
			strerror(-err));
		status = 1;
	}
	bench__destroy(skel);
	if (smoke && tap_failed)
		status = 1;
	if (!smoke)
		printf("\nbench: %s\n", status ? "FAILED (see the errors above)" :
		       "done");
	return status;
}
