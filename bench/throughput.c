// SPDX-License-Identifier: GPL-2.0-only
/*
 * Throughput and loss: (d) without a context, one record per kill(), into
 * the minimal netlink reader and then into auditd, flat out and at offered
 * rates, with every record received or counted in the kernel's lost.
 */
#define _GNU_SOURCE
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <linux/audit.h>

#include "bench_user.h"

static void run_rate(struct bench *skel, const char *reader, double rate,
		     double seconds, struct tp_result *t)
{
	struct loop l = {
		.mode = LOOP_RATE,
		.rate = (unsigned long long)rate,
		.duration = (unsigned long long)(seconds * NS_PER_S),
		.skel = skel,
	};
	bool is_auditd = !strcmp(reader, "auditd");
	unsigned long long before = 0, got, last;
	struct result *r = calloc(1, sizeof(*r));
	int i;

	memset(t, 0, sizeof(*t));
	t->reader = reader;
	t->offered = rate;
	/* (d) without a context: one record per operation. */
	l.v = variant_by_id("d-noctx");
	if (!r) {
		snprintf(t->status, sizeof(t->status), "error: out of memory");
		return;
	}
	if (is_auditd)
		before = auditd_read();
	run_variant(skel, &l, r);
	t->ops = sh->t_ops;
	t->duration = sh->t_ns / 1e9;
	t->achieved = t->duration > 0 ? t->ops / t->duration : 0;
	t->backlog_end = sh->t_backlog_end;
	t->denied = r->denied;
	t->start_null = r->start_null;
	if (is_auditd) {
		/* auditd writes asynchronously: until its count settles. */
		last = auditd_read();
		for (i = 0; i < 100; i++) {
			sleep_ms(200);
			got = auditd_read();
			if (got == last && got - before + r->lost >= t->ops)
				break;
			if (got == last && i > 10)
				break;
			last = got;
		}
		t->received = auditd_read() - before;
	} else {
		t->received = r->types[AUDIT_BPF_LSM_ACCESS];
	}
	/*
	 * The lost count is global: the loop, without a context, makes no
	 * other record, so every loss in the window is one of its records.
	 */
	t->lost = r->lost;
	t->accounted = t->received + t->lost == t->ops &&
		       t->start_null == t->lost;
	t->kept_up = !t->lost && t->backlog_end >= 0 &&
		     t->backlog_end <= 16 + 2 * t->achieved / 1000;
	if (t->duration > 0) {
		long long in_window = (long long)t->ops - (long long)t->lost -
				      (t->backlog_end > 0 ? t->backlog_end : 0);

		t->recv_rate = in_window > 0 ? in_window / t->duration : 0;
	}
	if (r->status)
		snprintf(t->status, sizeof(t->status), "%s", r->status);
	free(r);
}

/* The lowest rate that lost records, and the highest below it that did not. */
static void loss_bounds(int first, double *ok, double *lossy)
{
	int m;

	*ok = 0;
	*lossy = 0;
	for (m = first; m < run.ntp; m++) {
		struct tp_result *t = &run.tps[m];

		if (t->status[0] || !t->offered)
			continue;
		if (t->lost && (!*lossy || t->offered < *lossy))
			*lossy = t->offered;
	}
	for (m = first; m < run.ntp; m++) {
		struct tp_result *t = &run.tps[m];

		if (t->status[0] || !t->offered || t->lost)
			continue;
		if ((!*lossy || t->offered < *lossy) && t->offered > *ok)
			*ok = t->offered;
	}
}

/*
 * Throughput and loss, into the minimal reader and then into auditd:
 * flat out under the fair scheduler first (what the readers sustain when
 * the producer shares the CPU with them), then a real-time producer at
 * offered rates around that, then three halvings of the interval in which
 * loss begins.
 */
int run_throughput(struct bench *skel, const struct audit_status *saved)
{
	static const double fractions[] = {
		0.5, 0.75, 0.9, 1.0, 1.1, 1.25, 1.5, 2.0,
	};
	static const char *const readers[] = { "netlink", "auditd" };
	double window = smoke ? 0.05 : 0.5;
	struct audit_status quiet = *saved;
	int status = 0, k, m, first;
	pid_t auditd = 0;
	size_t j;

	/* Lost records are counted either way; no console message each. */
	quiet.failure = AUDIT_FAIL_SILENT;
	bla_audit_set(&ctl, AUDIT_STATUS_FAILURE, &quiet);
	for (k = 0; k < 2; k++) {
		struct tp_summary *sum = &run.tpsum[k];
		bool ok = true;
		double flat;

		first = run.ntp;
		sum->reader = readers[k];
		if (k == 1) {
			stop_process(&nl_pid);
			auditd = start_auditd();
			if (auditd < 0) {
				struct tp_result *t = &run.tps[run.ntp++];

				t->reader = readers[k];
				snprintf(t->status, sizeof(t->status),
					 "error: auditd did not start: %s",
					 strerror(-auditd));
				tap(false, "throughput into auditd: %s", t->status);
				auditd = 0;
				status = 1;
				break;
			}
		}
		if (!smoke)
			printf("bench: throughput into %s ...\n", readers[k]);
		run_rate(skel, readers[k], 0, window, &run.tps[run.ntp]);
		flat = run.tps[run.ntp++].recv_rate;
		sum->flat = flat;
		for (j = 0; !smoke && flat > 0 &&
		     j < sizeof(fractions) / sizeof(fractions[0]); j++)
			run_rate(skel, readers[k], fractions[j] * flat, window,
				 &run.tps[run.ntp++]);
		if (smoke)
			run_rate(skel, readers[k], flat, window,
				 &run.tps[run.ntp++]);
		for (j = 0; !smoke && j < 3 && run.ntp < MAX_TP; j++) {
			double lo, hi;

			loss_bounds(first, &lo, &hi);
			if (!lo || !hi)
				break;
			run_rate(skel, readers[k], (lo + hi) / 2, window,
				 &run.tps[run.ntp++]);
		}
		loss_bounds(first, &sum->no_loss, &sum->loss);
		for (m = first; m < run.ntp; m++)
			if (run.tps[m].offered && run.tps[m].kept_up &&
			    run.tps[m].offered > sum->sustained)
				sum->sustained = run.tps[m].offered;
		for (m = first; m < run.ntp; m++)
			ok = ok && !run.tps[m].status[0] && run.tps[m].accounted;
		if (!ok)
			status = 1;
		tap(ok, "throughput into %s: every record received or counted lost (%d runs)",
		    readers[k], run.ntp - first);
	}
	if (auditd > 0)
		stop_process(&auditd);
	bla_audit_set(&ctl, AUDIT_STATUS_FAILURE, saved);
	return status;
}
