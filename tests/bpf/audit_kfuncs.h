/* SPDX-License-Identifier: GPL-2.0-only */
/* Shared by audit_kfuncs.bpf.c and test_kfuncs.c: what the programs do. */
#ifndef BLA_AUDIT_KFUNCS_H
#define BLA_AUDIT_KFUNCS_H

enum {
	MODE_FILE = 1,		/* file_open: cause + file */
	MODE_PATH,		/* file_open: path + cause */
	MODE_INODE,		/* file_open: inode */
	MODE_FS_GROUP,		/* file_open: one file system object only */
	MODE_CAP_ERRORS,	/* task_getpgid: bad capabilities */
	MODE_TWICE,		/* task_getpgid: repeated kinds */
	MODE_CAUSE,		/* task_getpgid: cause number (mode - MODE_CAUSE) */
};

#endif
