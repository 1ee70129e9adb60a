// SPDX-License-Identifier: GPL-2.0-only
/*
 * auparse_check LOG: every AUDIT_BPF_LSM_ACCESS record in an audit.log must
 * be parsed by libauparse into exactly the fields the record's text has,
 * names and values alike, starting with prog-id, pid and comm.  Prints
 * what differs and exits 1 on any difference.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <auparse.h>

/* The record's own fields, as written: "name=value" separated by spaces. */
static int text_fields(const char *text, char names[][32], char values[][512],
		       int max)
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
		snprintf(names[n], 32, "%.*s", (int)(eq - p), p);
		snprintf(values[n], 512, "%.*s", (int)(end - eq - 1), eq + 1);
		n++;
		p = *end ? end + 1 : end;
		while (*p == ' ')
			p++;
	}
	return n;
}

int main(int argc, char **argv)
{
	static char names[64][32], values[64][512];
	int records = 0, bad = 0;
	auparse_state_t *au;

	if (argc != 2) {
		fprintf(stderr, "usage: auparse_check AUDIT_LOG\n");
		return 2;
	}
	au = auparse_init(AUSOURCE_FILE, argv[1]);
	if (!au) {
		perror(argv[1]);
		return 2;
	}
	while (auparse_next_event(au) > 0) {
		do {
			const char *text;
			int n, i = 0;

			if (auparse_get_type(au) != 1427)
				continue;
			records++;
			text = auparse_get_record_text(au);
			n = text_fields(text, names, values, 64);
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
			if (i != n || n < 3 || strcmp(names[0], "prog-id")) {
				printf("#   %d fields parsed of %d: %s\n", i, n, text);
				bad++;
			}
		} while (auparse_next_record(au) > 0);
	}
	auparse_destroy(au);
	printf("# auparse: %d records of type 1427, %d differences\n", records, bad);
	return records && !bad ? 0 : 1;
}
