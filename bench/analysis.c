// SPDX-License-Identifier: GPL-2.0-only
/*
 * Where the time of (d) and (e) goes, and what they allocate: the
 * breakdown runs (timestamps between the kfunc calls, or the ring buffer's
 * steps), a flat profile of the record's path (a probe of prof.bpf.c on one
 * function at a time) and the slab allocator's tracepoints by call site.
 * report.c prints and writes what these find.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <math.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <linux/types.h>
#include <bpf/bpf.h>
#include <bpf/btf.h>
#include <bpf/libbpf.h>

#include "bench_user.h"
#include "bench.skel.h"
#include "prof.skel.h"

/* --- the breakdown --------------------------------------------------------- */

/* The breakdown runs: (d) and (e) with timestamps, outside a context. */
static const struct variant steps_audit = {
	"d-steps", "d", "(d) with timestamps", P_AUDIT_STEPS, 1, false, false,
	false, false, EPERM, WAIT_RECORD, AUDIT_BPF_LSM_ACCESS,
	AUDIT_BPF_LSM_ACCESS,
};
static const struct variant steps_rb = {
	"e-steps", "e", "(e) with timestamps", P_RB_STEPS, 1, false, false,
	false, false, EPERM, WAIT_EVENT, 0, EV,
};

const char *const audit_step_names[] = {
	"bpf_audit_log_start", "bpf_audit_log_cause", "bpf_audit_log_task",
	"bpf_audit_log_decision", "bpf_audit_log_end",
};
const char *const rb_step_names[] = {
	"bpf_ringbuf_reserve", "fill the event", "bpf_ringbuf_submit",
};
/* The slot of the timestamp's own cost, in each breakdown. */
const int step_ts_slot[2] = { 5, 3 };
const int step_count[2] = { 5, 3 };

bool have_steps(int i)
{
	return !run.steps[i].status && run.step_runs[i];
}

double step_ns(int i, int j)
{
	return run.step_avg[i][j] - run.step_avg[i][step_ts_slot[i]];
}

/* (d) and (e) with timestamps between their steps, outside a context. */
int run_breakdown(struct bench *skel)
{
	int status = 0, i, j;

	for (i = 0; i < 2; i++) {
		struct loop l = {
			.v = i ? &steps_rb : &steps_audit, .mode = LOOP_TIMED,
			.iterations = smoke ? 1 : 3, .skel = skel,
		};

		if (!smoke)
			printf("bench: breakdown of (%s) ...\n", l.v->letter);
		memset(skel->bss->step_ns, 0, sizeof(skel->bss->step_ns));
		skel->bss->step_runs = 0;
		if (run_variant(skel, &l, &run.steps[i]))
			status = 1;
		/* Averages over every run, warm-up included. */
		run.step_runs[i] = skel->bss->step_runs;
		for (j = 0; j < BENCH_NR_STEPS; j++)
			run.step_avg[i][j] = run.step_runs[i] ?
				(double)skel->bss->step_ns[j] / run.step_runs[i] : 0;
		tap(!run.steps[i].status && run.step_runs[i],
		    "breakdown %s: %llu timestamped runs", l.v->id,
		    run.step_runs[i]);
	}
	return status;
}

/* --- allocations ---------------------------------------------------------------- */

struct ksym {
	unsigned long long addr;
	char name[64];
};

static struct ksym *ksyms;
static size_t nksyms;

static int cmp_ksym(const void *a, const void *b)
{
	const struct ksym *x = a, *y = b;

	return x->addr < y->addr ? -1 : x->addr > y->addr;
}

void load_ksyms(void)
{
	char line[256], name[128], type;
	unsigned long long addr;
	size_t cap = 0;
	FILE *f;

	f = fopen("/proc/kallsyms", "r");
	if (!f)
		return;
	while (fgets(line, sizeof(line), f)) {
		if (sscanf(line, "%llx %c %127s", &addr, &type, name) != 3)
			continue;
		if (type != 't' && type != 'T')
			continue;
		if (nksyms == cap) {
			cap = cap ? 2 * cap : 65536;
			ksyms = realloc(ksyms, cap * sizeof(*ksyms));
			if (!ksyms) {
				nksyms = 0;
				break;
			}
		}
		ksyms[nksyms].addr = addr;
		name[sizeof(ksyms[nksyms].name) - 1] = 0;
		memcpy(ksyms[nksyms].name, name, strlen(name) + 1);
		nksyms++;
	}
	fclose(f);
	qsort(ksyms, nksyms, sizeof(*ksyms), cmp_ksym);
}

static const char *ksym_name(unsigned long long addr)
{
	size_t lo = 0, hi = nksyms;

	if (!nksyms || addr < ksyms[0].addr)
		return "?";
	while (hi - lo > 1) {
		size_t mid = (lo + hi) / 2;

		if (ksyms[mid].addr <= addr)
			lo = mid;
		else
			hi = mid;
	}
	return ksyms[lo].name;
}

static int cmp_site(const void *a, const void *b)
{
	const struct alloc_site *x = a, *y = b;

	return x->count < y->count ? 1 : x->count > y->count ? -1 :
	       strcmp(x->site, y->site);
}

/* Reads and empties the allocation map into ar. */
static void collect_allocs(struct bench *skel, struct alloc_result *ar)
{
	int fd = bpf_map__fd(skel->maps.allocs);
	struct alloc_key key, next, *prev = NULL;
	struct alloc_val val;
	size_t i;

	while (!bpf_map_get_next_key(fd, prev, &next)) {
		key = next;
		prev = &key;
		if (bpf_map_lookup_elem(fd, &key, &val))
			continue;
		{
			char site[64], what[48];

			snprintf(site, sizeof(site), "%s", ksym_name(key.site));
			if (key.kind)
				snprintf(what, sizeof(what), "%s", val.cache);
			else
				snprintf(what, sizeof(what), "kmalloc-%u",
					 key.size);
			for (i = 0; i < ar->nsites; i++)
				if (!strcmp(ar->sites[i].site, site) &&
				    !strcmp(ar->sites[i].what, what))
					break;
			if (i == ar->nsites) {
				if (ar->nsites == MAX_SITES)
					continue;
				snprintf(ar->sites[i].site, sizeof(ar->sites[i].site),
					 "%s", site);
				snprintf(ar->sites[i].what, sizeof(ar->sites[i].what),
					 "%s", what);
				ar->nsites++;
			}
			ar->sites[i].count += val.count;
			ar->total += val.count;
		}
	}
	/* Empty it for the next variant. */
	while (!bpf_map_get_next_key(fd, NULL, &next))
		bpf_map_delete_elem(fd, &next);
	qsort(ar->sites, ar->nsites, sizeof(ar->sites[0]), cmp_site);
}

/* Allocations per operation, by call site, for the variants that log. */
int run_allocs(struct bench *skel)
{
	static const char *const ids[] = {
		"b-noctx", "d-noctx", "d", "e-noctx", "f-noctx", "f", "g",
	};
	struct result *r = calloc(1, sizeof(*r));
	int status = 0;
	size_t i;

	if (!r)
		return 1;
	if (!smoke)
		printf("bench: allocations ...\n");
	for (i = 0; i < sizeof(ids) / sizeof(ids[0]); i++) {
		struct alloc_result *ar = &run.ares[run.nares++];
		struct loop l = {
			.v = variant_by_id(ids[i]), .mode = LOOP_PLAIN,
			.plain_ops = smoke ? 10 : 200,
			.flag = &skel->bss->count_allocs,
			.skel = skel,
		};
		struct bpf_link *t1, *t2;

		ar->id = l.v->id;
		ar->ops = l.plain_ops;
		t1 = bpf_program__attach(skel->progs.on_kmalloc);
		t2 = bpf_program__attach(skel->progs.on_cache_alloc);
		if (!t1 || !t2) {
			snprintf(ar->status, sizeof(ar->status),
				 "error: attaching the allocation tracepoints: %s",
				 strerror(errno));
			status = 1;
		} else {
			if (run_variant(skel, &l, r))
				status = 1;
			if (r->status)
				snprintf(ar->status, sizeof(ar->status), "%s",
					 r->status);
		}
		bpf_link__destroy(t1);
		bpf_link__destroy(t2);
		collect_allocs(skel, ar);
	}
	free(r);
	tap(!status, "allocation counts for %d variants", run.nares);
	return status;
}

/* --- the profile ----------------------------------------------------------- */

/*
 * A flat profile of (d) and (f) without a context: for each function, a
 * probe of its own (prof.bpf.c) sums the time from its entry to its exit
 * during 200 operations.  The functions are those of the record's path;
 * where the kernels differ, the first name the kernel has is taken.  No
 * free function is probed: on 7.3, detaching a probe from
 * kmem_cache_free() while an RCU callback ran it oopsed the guest once
 * (radix_tree_node_rcu_free() writing to kernel text).
 */
static const char *const prof_funcs[][3] = {
	{ "bpf_audit_log_start", "bpf_audit_log_start_impl", NULL },
	{ "bpf_audit_log_cause", NULL, NULL },
	{ "bpf_audit_log_task", NULL, NULL },
	{ "bpf_audit_log_decision", NULL, NULL },
	{ "bpf_audit_log_end", NULL, NULL },
	{ "_kmalloc_nolock_noprof", "__kmalloc_cache_noprof", NULL },
	{ "kfree_nolock", NULL, NULL },
	{ "landlock_log_denial", NULL, NULL },
	{ "audit_log_start", NULL, NULL },
	{ "audit_log_vformat", "vsnprintf", NULL },
	{ "audit_log_n_untrustedstring", NULL, NULL },
	{ "audit_log_lsm_data", "dump_common_audit_data", NULL },
	{ "audit_log_end", NULL, NULL },
	{ "kmem_cache_alloc_noprof", NULL, NULL },
	{ "__alloc_skb", NULL, NULL },
	{ "netlink_unicast", NULL, NULL },
	{ "skb_clone", NULL, NULL },
	{ "pskb_expand_head", NULL, NULL },
};
_Static_assert(sizeof(prof_funcs) / sizeof(prof_funcs[0]) == NPROF,
	       "NPROF in bench_user.h counts the rows of prof_funcs[]");
const char *const prof_variants[] = { "d-noctx", "f-noctx" };

struct prof_row prof_rows[NPROF];

/* The probe's own cost in a window: the do-nothing kfunc's, less its own. */
double prof_overhead = NAN;

/* The probe on fn, loaded and attached; NULL with the reason in why. */
static struct prof *prof_attach(const char *fn, char *why, size_t len)
{
	struct prof *p = prof__open();
	int err = p ? 0 : -errno;

	if (!err)
		err = bpf_program__set_attach_target(p->progs.prof_entry, 0, fn);
	if (!err)
		err = bpf_program__set_attach_target(p->progs.prof_exit, 0, fn);
	if (!err)
		err = prof__load(p);
	if (!err)
		err = prof__attach(p);
	if (!err)
		return p;
	snprintf(why, len, "cannot be traced (%s)", strerror(-err));
	prof__destroy(p);
	return NULL;
}

/* Measures row's function, probe p attached, in each profiled variant. */
static int prof_measure(struct bench *skel, struct prof *p,
			struct prof_row *row, struct result *r)
{
	int status = 0, k;

	for (k = 0; k < NPROFV; k++) {
		struct loop l = {
			.v = variant_by_id(prof_variants[k]),
			.mode = LOOP_PLAIN, .plain_ops = smoke ? 10 : 200,
			.flag = &p->bss->enabled, .skel = skel,
		};

		p->bss->total_ns = p->bss->calls = 0;
		p->bss->t_entry = 0;
		if (run_variant(skel, &l, r))
			status = 1;
		if (skipped(r->status)) {
			row->calls[k] = row->ns[k] = NAN;
			continue;
		}
		if (r->status) {
			snprintf(row->status, sizeof(row->status), "%s", r->status);
			continue;
		}
		row->calls[k] = (double)p->bss->calls / l.plain_ops;
		row->ns[k] = (double)p->bss->total_ns / l.plain_ops;
	}
	return status;
}

static bool prof_called(const struct prof_row *row)
{
	int k;

	for (k = 0; k < NPROFV; k++)
		if (row->calls[k] > 0)
			return true;
	return false;
}

int run_profile(struct bench *skel)
{
	struct btf *vmlinux = btf__load_vmlinux_btf();
	struct result *r = calloc(1, sizeof(*r));
	int status = 0;
	size_t i, j, m;

	if (!vmlinux || !r) {
		free(r);
		btf__free(vmlinux);
		tap(false, "profile: vmlinux BTF");
		return 1;
	}
	if (!smoke)
		printf("bench: profile ...\n");
	for (i = 0; i < NPROF; i++) {
		struct prof_row *row = &prof_rows[i];

		/*
		 * The first name the kernel has, can trace and calls (a
		 * kfunc with implicit arguments has two names in BTF, of
		 * which one is called, depending on the kernel).
		 */
		for (j = 0; j < 3 && prof_funcs[i][j]; j++) {
			const char *fn = prof_funcs[i][j];
			struct prof *p;
			bool dup = false;

			if (btf__find_by_name_kind(vmlinux, fn, BTF_KIND_FUNC) <= 0)
				continue;
			for (m = 0; m < i; m++)
				if (prof_rows[m].func && !strcmp(prof_rows[m].func, fn))
					dup = true;
			if (dup)
				continue;
			row->func = fn;
			p = prof_attach(fn, row->status, sizeof(row->status));
			if (!p)
				continue;
			row->status[0] = 0;
			status |= prof_measure(skel, p, row, r);
			prof__destroy(p);
			if (prof_called(row))
				break;
		}
		if (!row->func) {
			row->func = prof_funcs[i][0];
			snprintf(row->status, sizeof(row->status),
				 "not in this kernel");
		}
	}
	btf__free(vmlinux);
	free(r);
	/* bpf_audit_log_decision: only a check and a store. */
	if (!prof_rows[PROF_DECISION].status[0] && prof_rows[PROF_DECISION].calls[0] > 0 &&
	    have_steps(0))
		prof_overhead = prof_rows[PROF_DECISION].ns[0] / prof_rows[PROF_DECISION].calls[0] -
				step_ns(0, 3);
	tap(!status, "profile of %zu functions", NPROF);
	return status;
}
