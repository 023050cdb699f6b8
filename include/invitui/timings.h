#ifndef INVITUI_TIMINGS_H
#define INVITUI_TIMINGS_H

/* Timings you can read: with INVITUI_TIMINGS=FILE set, events are appended
 * to FILE as JSON lines {"t_ms": <ms since start>, "event": "...", ...}.
 *
 * Contract:
 * - timings_init() is called once, first thing in main(), before any thread
 *   starts; it records the start (CLOCK_MONOTONIC) and reads the variable.
 *   Unset or empty: nothing is ever written and no file is created. The file
 *   is opened O_APPEND|O_CREAT|O_CLOEXEC with mode 0600 on the first event.
 * - timings_event() is safe from any thread: a line is written whole with
 *   one write(2) under a mutex, so lines of two threads never interleave and
 *   t_ms never decreases from one line to the next.
 * - Its variable arguments are pairs (const char *name, json_t *value)
 *   ended by NULL; the values' references are stolen, also when timings are
 *   off, and a NULL value is left out. A failure to write is ignored: the
 *   measurement must never change what the program does.
 * - timings_reset() (tests only) closes the file and forgets the setting.
 */

#include <jansson.h>
#include <stdbool.h>
#include <stdint.h>

void timings_init(void);
bool timings_enabled(void);
/* Milliseconds since timings_init(), with sub-millisecond precision. */
double timings_now_ms(void);
void timings_event(const char *event, ...);
/* A duration in ms as written for t_ms (a new reference), e.g. frame_ms. */
json_t *timings_ms_value(double ms);
void timings_reset(void);

#endif
