// SPDX-License-Identifier: GPL-2.0-only
/*
 * What the bench prints and writes: the TAP lines of --smoke, the table of
 * the variants, the targets, the breakdown, the profile, the allocations,
 * the throughput and sample records, and the CSV and JSON files.  Nothing
 * here measures; every figure comes from struct bench_run.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include <linux/audit.h>

#include "bench_user.h"

/* --- TAP ------------------------------------------------------------------- */

static int tap_n;
int tap_failed;

/* A TAP result line, in --smoke mode only. */
void tap(bool ok, const char *fmt, ...)
{
	va_list ap;

	if (!smoke)
		return;
	printf("%sok %d - ", ok ? "" : "not ", ++tap_n);
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	printf("\n");
	if (!ok)
		tap_failed++;
}

/* --- reporting ----------------------------------------------------------- */

static double per_op(unsigned long long n, const struct result *r)
{
	return r->ops ? (double)n / r->ops : 0;
}

double main_per_op(const struct result *r)
{
	if (r->v->main_type == EV)
		return per_op(r->events, r);
	if (!r->v->main_type)
		return per_op(r->records + r->events, r);
	return per_op(r->types[r->v->main_type], r);
}

const char *main_name(const struct variant *v)
{
	switch (v->main_type) {
	case EV: return "events";
	case AUDIT_BPF_LSM_ACCESS: return "1427";
	case AUDIT_LANDLOCK_ACCESS: return "1423";
	case AUDIT_SYSCALL: return "SYSCALL";
	}
	return "-";
}

static struct result *find(struct result *res, size_t n, const char *id)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (res[i].v && !strcmp(res[i].v->id, id) && !res[i].status &&
		    res[i].iters)
			return &res[i];
	return NULL;
}

static double ratio(struct result *res, size_t n, const char *x,
		    const char *y)
{
	struct result *a = find(res, n, x), *b = find(res, n, y);

	return a && b && b->median > 0 ? a->median / b->median : NAN;
}

void fill_ratios(struct result *res, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		const char *mode = res[i].v->ctx ? "" : "-noctx";
		char a[16], b[16];

		snprintf(a, sizeof(a), "a%s", mode);
		snprintf(b, sizeof(b), "b%s", mode);
		res[i].ratio_a = ratio(res, n, res[i].v->id, a);
		res[i].ratio_b = ratio(res, n, res[i].v->id, b);
	}
}

void print_table(FILE *f, struct result *res, size_t n)
{
	size_t i;

	fprintf(f, "%-8s %-5s %-44s %9s %8s %7s %7s %-7s %6s %6s %5s\n",
		"variant", "ctx", "what", "ns/op", "spread", "x(a)", "x(b)",
		"output", "out/op", "rec/op", "lost");
	for (i = 0; i < n; i++) {
		struct result *r = &res[i];
		char letter[8];

		snprintf(letter, sizeof(letter), "(%s)", r->v->letter);
		if (r->status) {
			fprintf(f, "%-8s %-5s %-44s %s\n", letter,
				r->v->ctx ? "yes" : "no", r->v->what, r->status);
			continue;
		}
		fprintf(f, "%-8s %-5s %-44s %9.0f %7.2f%% %7.3f %7.3f %-7s %6.2f %6.2f %5llu\n",
			letter, r->v->ctx ? "yes" : "no", r->v->what, r->median,
			r->median > 0 ? 100 * (r->max - r->min) / r->median : 0,
			r->ratio_a, r->ratio_b, main_name(r->v), main_per_op(r),
			per_op(r->records, r), r->lost);
	}
}

static void fprint_json_string(FILE *f, const char *s)
{
	fputc('"', f);
	for (; *s; s++) {
		unsigned char ch = *s;

		if (ch == '"' || ch == '\\')
			fprintf(f, "\\%c", ch);
		else if (ch < 0x20)
			fprintf(f, "\\u%04x", ch);
		else
			fputc(ch, f);
	}
	fputc('"', f);
}

static void fprint_num(FILE *f, double x)
{
	if (isnan(x))
		fputs("null", f);
	else
		fprintf(f, "%.4f", x);
}

/* --- the report ------------------------------------------------------------ */

static const char *verdict(double ratio, double target)
{
	return isnan(ratio) ? "not measured" : ratio <= target ? "met" : "MISSED";
}

void print_targets(void)
{
	struct result *res = run.res;
	double cb = ratio(res, run.nres, "c", "b");
	double cbn = ratio(res, run.nres, "c-noctx", "b-noctx");
	double cbk = ratio(res, run.nres, "c-checks", "b-checks");
	double df = ratio(res, run.nres, "d", "f");
	double dfn = ratio(res, run.nres, "d-noctx", "f-noctx");
	struct result *d = find(res, run.nres, "d");
	struct result *dn = find(res, run.nres, "d-noctx");
	struct result *b = find(res, run.nres, "b");
	struct result *bn = find(res, run.nres, "b-noctx");
	struct result *a = find(res, run.nres, "a");
	struct result *g = find(res, run.nres, "g");

	printf("\ntargets (ratios of medians, this run):\n");
	printf("  (c)/(b) <= 1.02: %.4f in a context (%s), %.4f without (%s); (c')/(b') %.4f (%s)\n",
	       cb, verdict(cb, 1.02), cbn, verdict(cbn, 1.02), cbk,
	       verdict(cbk, 1.02));
	printf("      the policy's checks themselves: (b')/(b) %.4f, (c')/(b) %.4f\n",
	       ratio(res, run.nres, "b-checks", "b"),
	       ratio(res, run.nres, "c-checks", "b"));
	if (isnan(df) || isnan(dfn))
		printf("  (d)/(f) <= 1.10: not measured (%s)\n",
		       ll_skip ? ll_skip : "a variant failed");
	else
		printf("  (d)/(f) <= 1.10: %.4f in a context (%s), %.4f without (%s)\n",
		       df, verdict(df, 1.10), dfn, verdict(dfn, 1.10));
	printf("  (d)/(e): %.3f in a context, %.3f without (reported, no target)\n",
	       ratio(res, run.nres, "d", "e"),
	       ratio(res, run.nres, "d-noctx", "e-noctx"));
	if (d && dn && b && bn) {
		double rec = dn->median - bn->median;
		double all = d->median - b->median;

		printf("  (d) costs %.0f ns over (b) in a context and %.0f over (b) without one:\n"
		       "      the record %.0f (%.0f%%), the companion records %.0f (%.0f%%)\n",
		       all, rec, rec, 100 * rec / all, all - rec,
		       100 * (all - rec) / all);
		if (g && a)
			printf("  (g) costs %.0f ns over (a) for %.2f records/op; (d) in a context %.0f over (b) for %.2f\n",
			       g->median - a->median, per_op(g->records, g), all,
			       per_op(d->records, d));
	}
}

void print_breakdown(void)
{
	int i, j;
	size_t k;

	printf("\nwhere the time goes, without a syscall context (guest ns per operation):\n");
	for (i = 0; i < 2; i++) {
		double sum = 0;

		if (!have_steps(i))
			continue;
		for (j = 0; j < step_count[i]; j++) {
			printf("  %-24s %8.0f\n", i ? rb_step_names[j] :
			       audit_step_names[j], step_ns(i, j));
			sum += step_ns(i, j);
		}
		printf("  %-24s %8.0f  (one timestamp, %.0f, subtracted from each)\n",
		       i ? "ring buffer steps" : "kfunc calls", sum,
		       run.step_avg[i][step_ts_slot[i]]);
	}
	printf("  CPU time per operation, by process (other: the rest of the elapsed time):\n");
	printf("  %-8s %9s %9s %9s %9s %9s %9s\n", "variant", "elapsed",
	       "loop", "kauditd", "nlreader", "rbreader", "other");
	for (k = 0; k < run.nres; k++) {
		struct result *r = &run.res[k];
		double n = r->timed_ops, other;

		if (r->status || !n)
			continue;
		other = (double)r->elapsed - r->cpu_self - r->cpu_kauditd -
			r->cpu_nl - r->cpu_rb;
		printf("  %-8s %9.0f %9.0f %9.0f %9.0f %9.0f %9.0f\n", r->v->id,
		       r->elapsed / n, r->cpu_self / n, r->cpu_kauditd / n,
		       r->cpu_nl / n, r->cpu_rb / n, other / n);
	}
}

void print_profile(void)
{
	size_t i;
	int k;

	printf("\nflat profile, without a syscall context: a probe on one function at a time; calls and\n"
	       "guest ns per operation from the function's entry to its exit, callees included");
	if (!isnan(prof_overhead))
		printf(";\neach call's figure includes the probe's own %.0f ns (measured on bpf_audit_log_decision)",
		       prof_overhead);
	printf("\n  %-30s", "function");
	for (k = 0; k < NPROFV; k++)
		printf(" %9s %-11s", prof_variants[k], "calls ns/op");
	printf("\n");
	for (i = 0; i < NPROF; i++) {
		struct prof_row *row = &prof_rows[i];

		if (!row->func)
			continue;
		printf("  %-30s", row->func);
		if (row->status[0]) {
			printf(" %s\n", row->status);
			continue;
		}
		for (k = 0; k < NPROFV; k++) {
			if (isnan(row->ns[k]))
				printf(" %9s %-11s", "-", "-");
			else
				printf(" %9.2f %-11.0f", row->calls[k], row->ns[k]);
		}
		printf("\n");
	}
}

/* A profile row's time per operation in variant k, its probes' cost removed. */
static double prof_net(const char *func, int k)
{
	size_t i;

	for (i = 0; i < NPROF; i++) {
		const struct prof_row *row = &prof_rows[i];

		if (row->func && !strcmp(row->func, func) && !row->status[0] &&
		    !isnan(row->ns[k]))
			return row->ns[k] - row->calls[k] * prof_overhead;
	}
	return NAN;
}

/* A function the profile has no figure for took no time. */
static double nan_zero(double ns)
{
	return isnan(ns) ? 0 : ns;
}

/* What (d) does that (f) does not, without a context, from the profile. */
void print_gap(void)
{
	struct result *d = find(run.res, run.nres, "d-noctx");
	struct result *f = find(run.res, run.nres, "f-noctx");
	struct result *a = find(run.res, run.nres, "a-noctx");
	struct result *b = find(run.res, run.nres, "b-noctx");
	double ctx_mem, fmt, esc, lsm, prog, rest, gap;

	if (!d || !f || !a || !b || isnan(prof_overhead))
		return;
	gap = d->median - f->median;
	prog = b->median - a->median;
	/*
	 * The context's allocation, whichever allocator the kernel's row
	 * probed; none at all when every record took the per-CPU spare.
	 */
	ctx_mem = prof_rows[PROF_CTX_ALLOC].func ?
		  nan_zero(prof_net(prof_rows[PROF_CTX_ALLOC].func, 0)) : 0;
	ctx_mem += nan_zero(prof_net("kfree_nolock", 0));
	fmt = prof_net("audit_log_vformat", 0) - prof_net("audit_log_vformat", 1);
	esc = prof_net("audit_log_n_untrustedstring", 0) -
	      prof_net("audit_log_n_untrustedstring", 1);
	lsm = (double)(d->cpu_kauditd + d->cpu_nl) / d->timed_ops -
	      (double)(f->cpu_kauditd + f->cpu_nl) / f->timed_ops;
	rest = gap - prog - ctx_mem - fmt - esc - lsm;
	printf("\n(d) - (f) without a context: %.0f ns per operation, of which (profile, probes subtracted):\n",
	       gap);
	printf("  %7.0f  the BPF trampoline and program, (b) - (a)\n", prog);
	printf("  %7.0f  the context: %.2f allocations per operation\n", ctx_mem,
	       prof_rows[PROF_CTX_ALLOC].func ? prof_rows[PROF_CTX_ALLOC].calls[0] : 0.0);
	printf("  %7.0f  audit_log_format(): %.0f calls instead of %.0f, %.0f ns per call in (d)\n",
	       fmt, prof_rows[PROF_VFORMAT].calls[0], prof_rows[PROF_VFORMAT].calls[1],
	       prof_net("audit_log_vformat", 0) / prof_rows[PROF_VFORMAT].calls[0]);
	printf("  %7.0f  escaped strings: %.0f instead of %.0f (comm, cause, ocomm against ocomm)\n",
	       esc, prof_rows[PROF_ESCAPE].calls[0], prof_rows[PROF_ESCAPE].calls[1]);
	printf("  %7.0f  kauditd and the reader, for the longer record\n", lsm);
	printf("  %7.0f  the rest: re-entry guard, field claims, kfunc calls, against Landlock's own logic\n",
	       rest);
}

void print_allocs(void)
{
	int i;
	size_t j;

	printf("\nallocations per operation (slab tracepoints, by caller, >= 0.05/op):\n");
	if (prof_rows[PROF_CTX_ALLOC].func && !strcmp(prof_rows[PROF_CTX_ALLOC].func, "_kmalloc_nolock_noprof") &&
	    !prof_rows[PROF_CTX_ALLOC].status[0])
		printf("  (kmalloc_nolock() has no tracepoint: the profile counts %.2f calls per (d) and %.2f per (f))\n",
		       prof_rows[PROF_CTX_ALLOC].calls[0], prof_rows[PROF_CTX_ALLOC].calls[1]);
	for (i = 0; i < run.nares; i++) {
		struct alloc_result *ar = &run.ares[i];

		if (ar->status[0]) {
			printf("  %-8s %s\n", ar->id, ar->status);
			continue;
		}
		printf("  %-8s %.2f per op\n", ar->id, (double)ar->total / ar->ops);
		for (j = 0; j < ar->nsites; j++)
			if ((double)ar->sites[j].count / ar->ops >= 0.05)
				printf("  %8s %6.2f  %-36s %s\n", "",
				       (double)ar->sites[j].count / ar->ops,
				       ar->sites[j].site, ar->sites[j].what);
	}
}

void print_throughput(void)
{
	int i;

	if (!run.ntp)
		return;
	printf("\nthroughput and loss: (d) without a context, one record per kill(), backlog_limit 8192,\n"
	       "%.2f s windows of guest time; flat out: the loop under the fair scheduler; else a real-time\n"
	       "loop paced in 1 ms ticks; recv/s: received during the window; backlog: queued at its end\n",
	       run.tps[0].duration);
	printf("  %-8s %10s %10s %9s %9s %7s %8s %10s %-9s %s\n", "reader",
	       "offered/s", "issued/s", "records", "received", "lost",
	       "backlog", "recv/s", "accounted", "kept up");
	for (i = 0; i < run.ntp; i++) {
		struct tp_result *t = &run.tps[i];
		char off[16];

		if (t->status[0]) {
			printf("  %-8s %s\n", t->reader, t->status);
			continue;
		}
		if (t->offered)
			snprintf(off, sizeof(off), "%.0f", t->offered);
		else
			snprintf(off, sizeof(off), "flat out");
		printf("  %-8s %10s %10.0f %9llu %9llu %7llu %8d %10.0f %-9s %s\n",
		       t->reader, off, t->achieved, t->ops, t->received, t->lost,
		       t->backlog_end, t->recv_rate, t->accounted ? "yes" : "NO",
		       t->kept_up ? "yes" : "no");
	}
	for (i = 0; i < 2; i++) {
		struct tp_summary *m = &run.tpsum[i];

		if (!m->reader)
			continue;
		printf("  %s: %.0f records/s flat out with lost = 0; a real-time producer: kept up to %.0f/s,\n"
		       "      no loss up to %.0f/s, loss from %.0f/s %s\n",
		       m->reader, m->flat, m->sustained, m->no_loss, m->loss,
		       m->loss ? "(every record beyond counted in lost: see accounted)" :
		       "(none seen)");
	}
}

void print_samples(void)
{
	const struct bench_event *e = &sh->last_event;
	size_t i;
	int k;

	printf("\nsample records (the last of each type received during the variant):\n");
	for (i = 0; i < run.nres; i++) {
		struct result *r = &run.res[i];

		for (k = 0; k < NSAMPLES; k++)
			if (r->sample[k][0])
				printf("  (%s)%s type=%d %s\n", r->v->letter,
				       r->v->ctx ? "" : " noctx", sample_types[k],
				       r->sample[k]);
	}
	if (e->pid)
		printf("  (e) ring buffer event: prog_id=%u pid=%u comm=%.16s cause=%.16s opid=%u ocomm=%.16s hook=%.16s decision=%d\n",
		       e->prog_id, e->pid, e->comm, e->cause, e->opid, e->ocomm,
		       e->hook, e->decision);
}

int write_csv(const char *out)
{
	char path[600];
	size_t i;
	FILE *f;

	snprintf(path, sizeof(path), "%s/bench-%s.csv", out, run.label);
	f = fopen(path, "w");
	if (!f)
		return -errno;
	fprintf(f, "variant,letter,ctx,what,ops_per_iter,iterations,ns_op_median,ns_op_min,ns_op_max,ratio_a,ratio_b,output,output_per_op,records_per_op,lost,status\n");
	for (i = 0; i < run.nres; i++) {
		struct result *r = &run.res[i];

		char ra[16] = "", rb[16] = "";

		if (!isnan(r->ratio_a))
			snprintf(ra, sizeof(ra), "%.4f", r->ratio_a);
		if (!isnan(r->ratio_b))
			snprintf(rb, sizeof(rb), "%.4f", r->ratio_b);
		fprintf(f, "%s,%s,%s,\"%s\",%llu,%d,%.1f,%.1f,%.1f,%s,%s,%s,%.4f,%.4f,%llu,\"%s\"\n",
			r->v->id, r->v->letter, r->v->ctx ? "yes" : "no",
			r->v->what, r->ops_per_iter, r->iters, r->median, r->min,
			r->max, ra, rb, main_name(r->v), main_per_op(r),
			per_op(r->records, r), r->lost, r->status ? r->status : "ok");
	}
	fclose(f);
	if (!run.ntp)
		return 0;
	snprintf(path, sizeof(path), "%s/throughput-%s.csv", out, run.label);
	f = fopen(path, "w");
	if (!f)
		return -errno;
	fprintf(f, "reader,offered_per_s,issued_per_s,seconds,records,received,lost,start_null,backlog_end,received_in_window_per_s,accounted,kept_up,status\n");
	for (i = 0; i < (size_t)run.ntp; i++) {
		struct tp_result *t = &run.tps[i];

		fprintf(f, "%s,%.0f,%.0f,%.4f,%llu,%llu,%llu,%llu,%d,%.0f,%s,%s,\"%s\"\n",
			t->reader, t->offered, t->achieved, t->duration, t->ops,
			t->received, t->lost, t->start_null, t->backlog_end,
			t->recv_rate, t->accounted ? "yes" : "no",
			t->kept_up ? "yes" : "no", t->status[0] ? t->status : "ok");
	}
	fclose(f);
	return 0;
}

static void json_variant(FILE *f, const struct result *r)
{
	bool first = true;
	double n = r->timed_ops ? r->timed_ops : 1;
	int k;

	fprintf(f, "    {\"id\": \"%s\", \"letter\": \"%s\", \"ctx\": %s, \"what\": ",
		r->v->id, r->v->letter, r->v->ctx ? "true" : "false");
	fprint_json_string(f, r->v->what);
	fprintf(f, ", \"status\": ");
	fprint_json_string(f, r->status ? r->status : "ok");
	fprintf(f, ", \"ops_per_iter\": %llu, \"ops\": %llu, \"ns_op\": [",
		r->ops_per_iter, r->ops);
	for (k = 0; k < r->iters; k++)
		fprintf(f, "%s%.1f", k ? ", " : "", r->ns[k]);
	fprintf(f, "], \"median\": %.1f, \"min\": %.1f, \"max\": %.1f, \"ratio_a\": ",
		r->median, r->min, r->max);
	fprint_num(f, r->ratio_a);
	fprintf(f, ", \"ratio_b\": ");
	fprint_num(f, r->ratio_b);
	fprintf(f, ", \"output\": \"%s\", \"output_per_op\": %.4f, \"records_per_op\": %.4f, \"events\": %llu, \"lost\": %llu, \"denied\": %llu, \"start_null\": %llu, \"rb_full\": %llu, \"records_by_type\": {",
		main_name(r->v), main_per_op(r), per_op(r->records, r),
		r->events, r->lost, r->denied, r->start_null, r->rb_full);
	for (k = 0; k < NTYPES; k++) {
		if (!r->types[k])
			continue;
		fprintf(f, "%s\"%d\": %llu", first ? "" : ", ", k, r->types[k]);
		first = false;
	}
	fprintf(f, "}, \"cpu_ns_per_op\": {\"elapsed\": %.1f, \"loop\": %.1f, \"kauditd\": %.1f, \"nlreader\": %.1f, \"rbreader\": %.1f}, \"samples\": {",
		r->elapsed / n, r->cpu_self / n, r->cpu_kauditd / n,
		r->cpu_nl / n, r->cpu_rb / n);
	first = true;
	for (k = 0; k < NSAMPLES; k++) {
		if (!r->sample[k][0])
			continue;
		fprintf(f, "%s\"%d\": ", first ? "" : ", ", sample_types[k]);
		fprint_json_string(f, r->sample[k]);
		first = false;
	}
	fprintf(f, "}}");
}

int write_json(const char *out)
{
	static const char *const pairs[][3] = {
		{ "c/b", "c", "b" }, { "c/b noctx", "c-noctx", "b-noctx" },
		{ "d/f", "d", "f" }, { "d/f noctx", "d-noctx", "f-noctx" },
		{ "d/e", "d", "e" }, { "d/e noctx", "d-noctx", "e-noctx" },
		{ "d/b", "d", "b" }, { "d/b noctx", "d-noctx", "b-noctx" },
		{ "f/b", "f", "b" }, { "g/a", "g", "a" },
	};
	char path[600];
	size_t i, j;
	int k;
	FILE *f;

	snprintf(path, sizeof(path), "%s/bench-%s.json", out, run.label);
	f = fopen(path, "w");
	if (!f)
		return -errno;
	fprintf(f, "{\n  \"kernel\": ");
	fprint_json_string(f, run.uname_r);
	fprintf(f, ",\n  \"label\": ");
	fprint_json_string(f, run.label);
	fprintf(f, ",\n  \"clocksource\": ");
	fprint_json_string(f, run.clocksource);
	fprintf(f, ",\n  \"method\": \"kill(TARGET, 0) in a loop; ns are guest ns under qemu -icount shift=0,sleep=off (instruction counts)\",\n");
	fprintf(f, "  \"smoke\": %s,\n  \"iterations\": %d,\n  \"landlock\": ",
		smoke ? "true" : "false", run.iterations);
	fprint_json_string(f, ll_skip ? ll_skip : "ok");
	fprintf(f, ",\n  \"variants\": [\n");
	for (i = 0; i < run.nres; i++) {
		json_variant(f, &run.res[i]);
		fprintf(f, "%s\n", i + 1 < run.nres ? "," : "");
	}
	fprintf(f, "  ],\n  \"ratios\": {");
	for (i = 0; i < sizeof(pairs) / sizeof(pairs[0]); i++) {
		fprintf(f, "%s\"%s\": ", i ? ", " : "", pairs[i][0]);
		fprint_num(f, ratio(run.res, run.nres, pairs[i][1], pairs[i][2]));
	}
	fprintf(f, "},\n  \"steps_ns\": {");
	for (k = 0, j = 0; k < 2; k++) {
		int m;

		if (!have_steps(k))
			continue;
		fprintf(f, "%s\"%s timestamp\": %.1f", j++ ? ", " : "",
			k ? "ringbuf" : "audit", run.step_avg[k][step_ts_slot[k]]);
		for (m = 0; m < step_count[k]; m++)
			fprintf(f, ", \"%s\": %.1f", k ? rb_step_names[m] :
				audit_step_names[m], step_ns(k, m));
	}
	fprintf(f, "},\n  \"profile_probe_ns\": ");
	fprint_num(f, prof_overhead);
	fprintf(f, ",\n  \"profile\": [\n");
	for (i = 0, j = 0; i < NPROF; i++) {
		struct prof_row *row = &prof_rows[i];

		if (!row->func)
			continue;
		fprintf(f, "%s    {\"function\": \"%s\", \"status\": ", j++ ? ",\n" : "",
			row->func);
		fprint_json_string(f, row->status[0] ? row->status : "ok");
		for (k = 0; k < NPROFV; k++) {
			fprintf(f, ", \"%s\": {\"calls_per_op\": ", prof_variants[k]);
			fprint_num(f, row->calls[k]);
			fprintf(f, ", \"ns_per_op\": ");
			fprint_num(f, row->ns[k]);
			fprintf(f, "}");
		}
		fprintf(f, "}");
	}
	fprintf(f, "\n  ],\n  \"allocations\": [\n");
	for (k = 0; k < run.nares; k++) {
		struct alloc_result *ar = &run.ares[k];

		fprintf(f, "    {\"variant\": \"%s\", \"status\": ", ar->id);
		fprint_json_string(f, ar->status[0] ? ar->status : "ok");
		fprintf(f, ", \"ops\": %llu, \"per_op\": %.4f, \"sites\": [",
			ar->ops, ar->ops ? (double)ar->total / ar->ops : 0);
		for (j = 0; j < ar->nsites; j++)
			fprintf(f, "%s{\"caller\": \"%s\", \"what\": \"%s\", \"per_op\": %.4f}",
				j ? ", " : "", ar->sites[j].site, ar->sites[j].what,
				ar->ops ? (double)ar->sites[j].count / ar->ops : 0);
		fprintf(f, "]}%s\n", k + 1 < run.nares ? "," : "");
	}
	fprintf(f, "  ],\n  \"throughput\": [\n");
	for (k = 0; k < run.ntp; k++) {
		struct tp_result *t = &run.tps[k];

		fprintf(f, "    {\"reader\": \"%s\", \"status\": ", t->reader);
		fprint_json_string(f, t->status[0] ? t->status : "ok");
		fprintf(f, ", \"offered_per_s\": %.0f, \"issued_per_s\": %.0f, \"seconds\": %.4f, \"records\": %llu, \"received\": %llu, \"lost\": %llu, \"start_null\": %llu, \"backlog_end\": %d, \"received_in_window_per_s\": %.0f, \"accounted\": %s, \"kept_up\": %s}%s\n",
			t->offered, t->achieved, t->duration, t->ops, t->received,
			t->lost, t->start_null, t->backlog_end, t->recv_rate,
			t->accounted ? "true" : "false",
			t->kept_up ? "true" : "false", k + 1 < run.ntp ? "," : "");
	}
	fprintf(f, "  ],\n  \"throughput_summary\": [");
	for (k = 0, j = 0; k < 2; k++) {
		struct tp_summary *m = &run.tpsum[k];

		if (!m->reader)
			continue;
		fprintf(f, "%s\n    {\"reader\": \"%s\", \"flat_out_per_s\": %.0f, \"kept_up_to_per_s\": %.0f, \"no_loss_up_to_per_s\": %.0f, \"loss_from_per_s\": %.0f}",
			j++ ? "," : "", m->reader, m->flat, m->sustained,
			m->no_loss, m->loss);
	}
	fprintf(f, "\n  ]\n}\n");
	return fclose(f) ? -errno : 0;
}
