// SPDX-License-Identifier: GPL-2.0-only
/*
 * auparse_check LOG: every AUDIT_BPF_LSM_ACCESS record in an audit.log must
 * be parsed by libauparse into exactly the fields the record's text has,
 * names and values alike, starting with prog-id, pid and comm, in order
 * and each found again by its name with auparse_find_field().  Prints
 * what differs and exits 1 on any difference.  tests/guest/examples.sh
 * runs it on the log of the example policies' runs.  (tests/test_auparse.c
 * makes a record of every kind and checks auparse's interpretations too.)
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <auparse.h>

#ifndef AUDIT_BPF_LSM_ACCESS
#define AUDIT_BPF_LSM_ACCESS 1427
#endif

/* Room for a record's fields: how many, and each name and value. */
#define MAX_FIELDS 64
#define NAME_MAX_LEN 32
#define VALUE_MAX_LEN 512
/* A record starts with these fields, prog-id first. */
#define MIN_FIELDS 3

/* Exit statuses: a difference, and a usage or file error. */
#define EXIT_DIFFERENCES 1
#define EXIT_USAGE 2

/* The record's own fields, as written: "name=value" separated by spaces. */
static int text_fields(const char *text, char names[][NAME_MAX_LEN],
		       char values[][VALUE_MAX_LEN], int max)
{
	const char *p = strstr(text, "): ");
	int n = 0;

	if (!p)
		return -1;
	p += 3;
	while (*p && n < max) {
		const char *eq = strchr(p, '='), *end;

		if (!eq)
			break;
		end = strchr(eq, ' ');
		if (!end)
			end = eq + strlen(eq);
		snprintf(names[n], NAME_MAX_LEN, "%.*s", (int)(eq - p), p);
		snprintf(values[n], VALUE_MAX_LEN, "%.*s", (int)(end - eq - 1), eq + 1);
		n++;
		p = *end ? end + 1 : end;
		while (*p == ' ')
			p++;
	}
	return n;
}

/*
 * Each field of the current record, found by its name from the record's
 * start, has the record's value (a record has each name once).  Leaves the
 * cursor on the record.  Returns the number of differences.
 */
static int find_each(auparse_state_t *au, char names[][NAME_MAX_LEN],
		     char values[][VALUE_MAX_LEN], int n)
{
	unsigned int rec = auparse_get_record_num(au);
	const char *value;
	int i, bad = 0;

	for (i = 0; i < n; i++) {
		auparse_goto_record_num(au, rec);
		value = auparse_find_field(au, names[i]);
		if (!value || auparse_get_record_num(au) != rec ||
		    strcmp(value, values[i])) {
			printf("#   auparse_find_field(%s): %s, record %s\n", names[i],
			       value ? value : "(none)", values[i]);
			bad++;
		}
	}
	auparse_goto_record_num(au, rec);
	return bad;
}

int main(int argc, char **argv)
{
	static char names[MAX_FIELDS][NAME_MAX_LEN], values[MAX_FIELDS][VALUE_MAX_LEN];
	int records = 0, bad = 0;
	auparse_state_t *au;

	if (argc != 2) {
		fprintf(stderr, "usage: auparse_check AUDIT_LOG\n");
		return EXIT_USAGE;
	}
	au = auparse_init(AUSOURCE_FILE, argv[1]);
	if (!au) {
		perror(argv[1]);
		return EXIT_USAGE;
	}
	while (auparse_next_event(au) > 0) {
		do {
			const char *text;
			int n, i = 0;

			if (auparse_get_type(au) != AUDIT_BPF_LSM_ACCESS)
				continue;
			records++;
			text = auparse_get_record_text(au);
			n = text_fields(text, names, values, MAX_FIELDS);
			/* auparse's first fields are "type" and the stamp. */
			auparse_first_field(au);
			do {
				const char *name = auparse_get_field_name(au);

				if (!strcmp(name, "type"))
					continue;
				if (i >= n || strcmp(name, names[i]) ||
				    strcmp(auparse_get_field_str(au), values[i])) {
					printf("#   field %d: auparse %s=%s, record %s=%s\n",
					       i, name, auparse_get_field_str(au),
					       i < n ? names[i] : "-", i < n ? values[i] : "-");
					bad++;
				}
				i++;
			} while (auparse_next_field(au) > 0);
			if (i != n || n < MIN_FIELDS || strcmp(names[0], "prog-id")) {
				printf("#   %d fields parsed of %d: %s\n", i, n, text);
				bad++;
			}
			bad += find_each(au, names, values, n);
		} while (auparse_next_record(au) > 0);
	}
	auparse_destroy(au);
	printf("# auparse: %d records of type %d, %d differences\n", records,
	       AUDIT_BPF_LSM_ACCESS, bad);
	return records && !bad ? EXIT_SUCCESS : EXIT_DIFFERENCES;
}
