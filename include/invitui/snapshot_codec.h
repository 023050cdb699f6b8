/* snapshot_codec: the snapshot file's format (snapshot.h) to and from bytes; snapshot.c does
 * the files around it.
 *
 * Contract: what snapshot.h says of the format. A decode for a load finishes every row (status
 * for now, display copies, strings in a row_slab block) and may read the records after the
 * head on two threads. Any thread; no globals. */
#ifndef INVITUI_SNAPSHOT_CODEC_H
#define INVITUI_SNAPSHOT_CODEC_H

#include "invitui/snapshot.h"

/* The encoding of s to fd, a megabyte at a time: 0, or -1 with errno. */
int snapshot_write(int fd, const struct snapshot *s);
/* snapshot_decode for snapshot_load_head: rows and accounts with their display copies. */
enum snapshot_result snapshot_decode_load(const char *data, size_t len, time_t now,
                                          const struct snapshot_head *head,
                                          struct snapshot *out);

#endif
