/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * What the benchmark's user-space files share; bench.h is what they share
 * with the BPF programs, and stays includable from BPF.  Their requests to
 * the audit subsystem go through the project's audit client (lib/audit.h),
 * which the tests use too.  One file a concern, as the BPF selftests'
 * bench.c and benchs/ are split:
 *
 *	bench.c		main, the options, setup, the variants' table and
 *			the run over them
 *	loop.c		the loop process that times a variant, and running
 *			one variant in it; Landlock's domain
 *	readers.c	the audit rules, the netlink and ring buffer
 *			readers, auditd
 *	analysis.c	where the time goes: the timestamped steps, the flat
 *			profile, the allocations per operation
 *	throughput.c	throughput and loss into the netlink reader and
 *			into auditd
 *	report.c	the table, the text report, CSV, JSON and TAP
 *
 * Each timed path stays whole inside one file, so that the compiler builds
 * it as it did when bench.c was one file: the loop's batch, its kill()
 * loop and its clock in loop.c; each reader's receive loop and
 * check_wait(), which ends the loop's wait, in readers.c, where the
 * netlink reader's one recv() a record is bla_audit_recv_raw(), inline
 * from lib/audit.h: the client adds no call to the loop.
 */
#ifndef BENCH_USER_H
#define BENCH_USER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>
#include <sys/types.h>
#include <linux/audit.h>
#include <linux/types.h>

#include "audit.h"
#include "bench.h"

/* The status of a variant that did not run, before the reason. */
#define SKIPPED "skipped: "

#ifndef AUDIT_LANDLOCK_ACCESS
#define AUDIT_LANDLOCK_ACCESS 1423
#endif
#ifndef AUDIT_LANDLOCK_DOMAIN
#define AUDIT_LANDLOCK_DOMAIN 1424
#endif

#define NTYPES 2048
#define MAX_ITERS 32
#define NSAMPLES 6
#define SAMPLE_LEN 600
#define NS_PER_S 1000000000ULL

/* What marks the end of one operation's output. */
enum wait_kind { WAIT_NONE, WAIT_RECORD, WAIT_EVENT };

/* Memory shared by the bench, its readers and its loop processes. */
struct shared {
	/* Written by the netlink reader. */
	unsigned long long count[NTYPES];
	unsigned long long total;
	int sample_type[NSAMPLES];
	char sample[NSAMPLES][SAMPLE_LEN];
	/* Written by the ring buffer reader. */
	unsigned long long events;
	struct bench_event last_event;
	/* The loop's wait for its output; reset by the reader that ends it. */
	unsigned int wait_kind;
	unsigned int wait_type;
	unsigned long long wait_target;
	/* Reader state: 1 ready, or -errno. */
	int nl_state;
	int rb_state;
	/* The loop's results. */
	int w_err;
	char w_msg[256];
	unsigned long long w_ops_per_iter;
	unsigned long long w_ops;	/* every operation, warm-up included */
	unsigned long long w_bad;	/* kill() results other than expected */
	int w_iters;
	double w_ns[MAX_ITERS];
	unsigned long long w_timed_ops;
	unsigned long long w_elapsed;
	unsigned long long w_cpu_self, w_cpu_kauditd, w_cpu_nl, w_cpu_rb;
	/* Throughput runs. */
	unsigned long long t_ops;
	unsigned long long t_ns;
	int t_backlog_end;
};

/* Inline: the readers and the loop read counters in their hot paths. */
static inline unsigned long long load64(const unsigned long long *p)
{
	return __atomic_load_n(p, __ATOMIC_ACQUIRE);
}

/* --- variants -------------------------------------------------------------- */

enum prog_kind {
	P_NONE, P_RET0, P_CHECKS, P_AUDIT, P_RB, P_AUDIT_STEPS, P_RB_STEPS,
};

struct variant {
	const char *id;		/* "d", "d-noctx" */
	const char *letter;	/* the letter */
	const char *what;
	enum prog_kind prog;
	int enforce;
	bool other_sender;	/* the policy does not match the loop */
	bool ctx;		/* inside a syscall audit context */
	bool landlock;
	bool rule;		/* the syscall rule on kill() */
	int want_errno;
	enum wait_kind wait;	/* what ends one operation's output */
	int wait_type;
	int main_type;		/* the output counted per op; -1 events */
};

#define EV (-1)

/* Variants one run may time (--variants may repeat them). */
#define MAX_RUNS 32

/* What one run measured. */
struct result {
	const struct variant *v;
	const char *status;	/* NULL: ran; else why not, or the error */
	char status_buf[300];
	unsigned long long ops_per_iter, ops, bad;
	int iters;
	double ns[MAX_ITERS];
	double median, min, max;
	unsigned long long timed_ops, elapsed;
	unsigned long long cpu_self, cpu_kauditd, cpu_nl, cpu_rb;
	unsigned long long types[NTYPES];	/* records received, by type */
	unsigned long long records, events, lost;
	unsigned long long denied, start_null, rb_full;
	double ratio_a, ratio_b;
	/* The last record of each sample type received during the run. */
	char sample[NSAMPLES][SAMPLE_LEN];
};

/* --- the loop process ------------------------------------------------------ */

struct bench;	/* the skeleton of bench.bpf.c */

enum loop_mode { LOOP_TIMED, LOOP_PLAIN, LOOP_RATE };

struct loop {
	const struct variant *v;
	enum loop_mode mode;
	int iterations;
	unsigned long long plain_ops;	/* LOOP_PLAIN */
	unsigned long long rate;	/* LOOP_RATE: ops/s, 0 flat out */
	unsigned long long duration;	/* LOOP_RATE: ns */
	__u32 *flag;			/* LOOP_PLAIN: set around the ops */
	struct bench *skel;
};

/* --- what the phases measure ----------------------------------------------- */

#define MAX_SITES 64

struct alloc_site {
	char site[64];
	char what[48];
	unsigned long long count;
};

struct alloc_result {
	const char *id;
	char status[160];	/* empty: ran */
	unsigned long long ops;
	size_t nsites;
	struct alloc_site sites[MAX_SITES];
	unsigned long long total;
};

/* The rows of prof_funcs[] in analysis.c, which checks the count. */
#define NPROF ((size_t)18)
/* The rows the report reads by name. */
enum {
	PROF_DECISION = 3, PROF_CTX_ALLOC = 5, PROF_VFORMAT = 9, PROF_ESCAPE = 10,
};
#define NPROFV 2

struct prof_row {
	const char *func;		/* NULL: the kernel has none */
	char status[96];		/* empty: measured */
	double calls[NPROFV];		/* per operation */
	double ns[NPROFV];		/* per operation, probe included */
};

struct tp_result {
	const char *reader;
	double offered;		/* ops/s asked, real-time; 0 flat out, fair */
	double achieved;	/* ops/s issued */
	unsigned long long ops, denied, received, lost, start_null;
	int backlog_end;
	double duration;	/* s */
	double recv_rate;	/* received during the window, per s */
	bool accounted;		/* received + lost == records attempted */
	bool kept_up;		/* no loss, at most 2 ms of records queued */
	char status[160];	/* empty: ran */
};

#define MAX_TP 40

/* What the throughput runs into one reader found. */
struct tp_summary {
	const char *reader;
	double flat;		/* received per s, flat out, fair scheduler */
	double sustained;	/* highest offered rate the readers kept up with */
	double no_loss;		/* highest offered rate without loss */
	double loss;		/* lowest offered rate with loss */
};

/* Everything one run measured, for the report. */
struct bench_run {
	char uname_r[128];
	char clocksource[64];
	char label[128];
	int iterations;
	struct result res[MAX_RUNS];	/* in run order */
	size_t nres;
	const struct variant *order[MAX_RUNS];
	struct result steps[2];			/* steps_audit, steps_rb */
	double step_avg[2][BENCH_NR_STEPS];	/* per run, ns */
	unsigned long long step_runs[2];
	struct alloc_result ares[8];
	int nares;
	struct tp_result tps[MAX_TP];
	int ntp;
	struct tp_summary tpsum[2];
};

/* --- bench.c --------------------------------------------------------------- */

extern struct shared *sh;
extern int notify_rd, notify_wr;
extern bool smoke;
extern pid_t target_pid, nl_pid, rb_pid, kauditd_pid;
extern struct bla_audit ctl;
extern struct bench_run run;

void sleep_ms(unsigned int ms);
void set_comm(const char *name);
bool skipped(const char *status);
const struct variant *variant_by_id(const char *id);

/* --- loop.c ---------------------------------------------------------------- */

extern const char *ll_skip;

const char *landlock_skip_reason(void);
int run_variant(struct bench *skel, const struct loop *l, struct result *r);

/* --- readers.c ------------------------------------------------------------- */

extern const int sample_types[NSAMPLES];
extern unsigned int audit_prog_id;

void rule_task_never(struct audit_rule_data *r);
void rule_exit_kill(struct audit_rule_data *r);
void nl_reader_fn(int arg);
void rb_reader(int map_fd);
pid_t start_reader(void (*fn)(int), int arg, int *state);
void stop_process(pid_t *pid);
void quiesce(unsigned int idle_ms);
pid_t find_kauditd(void);
unsigned long long auditd_read(void);
pid_t start_auditd(void);

/* --- analysis.c ------------------------------------------------------------ */

extern const char *const audit_step_names[];
extern const char *const rb_step_names[];
extern const int step_ts_slot[2];
extern const int step_count[2];
extern const char *const prof_variants[NPROFV];
extern struct prof_row prof_rows[NPROF];
extern double prof_overhead;

void load_ksyms(void);
bool have_steps(int i);
double step_ns(int i, int j);
int run_breakdown(struct bench *skel);
int run_allocs(struct bench *skel);
int run_profile(struct bench *skel);

/* --- throughput.c ---------------------------------------------------------- */

int run_throughput(struct bench *skel, const struct audit_status *saved);

/* --- report.c -------------------------------------------------------------- */

extern int tap_failed;

void tap(bool ok, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
double main_per_op(const struct result *r);
const char *main_name(const struct variant *v);
void fill_ratios(struct result *res, size_t n);
void print_table(FILE *f, struct result *res, size_t n);
void print_targets(void);
void print_breakdown(void);
void print_profile(void);
void print_gap(void);
void print_allocs(void);
void print_throughput(void);
void print_samples(void);
int write_csv(const char *out);
int write_json(const char *out);

#endif
