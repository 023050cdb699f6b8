/* sanitize: terminal-safe text and its width in terminal columns.
 *
 * Contract: every string that came from outside (API JSON, config, argv, readline input echoed
 * back) is passed once through sanitize_display() before it is drawn or printed to a terminal;
 * the raw string is kept for API calls. The CLI uses the same functions for table cells and for
 * error messages printed to a terminal (sanitize_fputs). Results are malloc'd and owned by the
 * caller.
 *
 * sanitize_* decode UTF-8 by hand; text_* measure with utf8proc's tables (Unicode's East Asian
 * Width and general categories, as tmux does), not wcwidth(), so that widths do not depend on
 * the process locale or the C library's Unicode version. None of them keeps state; all are safe
 * on any thread.
 *
 * What sanitize_display() does, code point by code point (invalid UTF-8, overlongs, surrogates
 * and values above U+10FFFF count as invalid):
 *   - invalid bytes: one U+FFFD per maximal invalid subsequence (Unicode's recommendation);
 *   - TAB, LF, CR, VT, FF, U+2028, U+2029: one space each (CR LF counts once); with
 *     SANITIZE_MULTILINE, LF, CR LF, lone CR and U+2028/2029 become one LF and TAB/VT/FF a space;
 *   - escape sequences, removed entirely: CSI (ESC [ params final), OSC/DCS/SOS/PM/APC strings
 *     (ESC ] P X ^ _ ... up to BEL, ESC \ or U+009C), other ESC [inter] final, and their
 *     8-bit C1 forms (U+009B, U+009D, U+0090, U+0098, U+009E, U+009F) judged by code point, so
 *     "\xC2\x9B31m" goes as a whole; CAN/SUB abort a sequence as a terminal would;
 *   - any other C0 control, DEL and C1 (U+0080-U+009F);
 *   - silently dropped format characters: bidi embeddings/overrides/isolates U+202A-202E,
 *     U+2066-2069, marks U+200E/200F/061C, BOM U+FEFF, soft hyphen U+00AD, ZERO WIDTH SPACE
 *     U+200B, WORD JOINER and invisible operators U+2060-2064, deprecated format U+206A-206F.
 *   - kept: ZWJ U+200D (emoji sequences), ZWNJ U+200C (needed by Persian and Indic scripts),
 *     variation selectors, combining marks, everything else printable.
 *
 * Visible marker: a removed control or escape sequence is replaced by one U+FFFD, and a run of
 * consecutive markers collapses into one. Controls never occur in legitimate names, e-mails or
 * notes, so showing that something was there makes spoofing ("ad<ESC>[0mmin" looking like
 * "admin") visible at the cost of a single cell. The format characters above are dropped
 * without a marker: bidi marks and the BOM do appear in honest copy-pasted right-to-left text,
 * and marking them would be noise; dropping them is what defeats Trojan-Source reordering.
 * SANITIZE_STRIP drops controls without the marker (for places where a marker would mislead,
 * e.g. a window title). */
#ifndef INVITUI_SANITIZE_H
#define INVITUI_SANITIZE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "invitui/util.h"

enum sanitize_flags {
    SANITIZE_MULTILINE = 1u << 0, /* keep line breaks as LF (detail pane notes) */
    SANITIZE_STRIP = 1u << 1,     /* drop controls/escapes without the U+FFFD marker */
};

/* No cap on the number of characters. */
#define SANITIZE_NO_CAP ((size_t)-1)

/* Printable ASCII (0x20-0x7E only: most e-mails, ids and statuses) has nothing to remove and
 * one column per byte: such a string within the cap is its own display copy. */
bool sanitize_is_printable_ascii(const char *s, size_t len);

/* The display copy of the first len bytes of s (which may contain NUL bytes, e.g. from a JSON
 * "\u0000"). Never NULL (s may be NULL only when len is 0). */
char *sanitize_display(const char *s, size_t len, unsigned flags);

/* Like sanitize_display() but keeps at most max_chars code points of output; when the text is
 * longer the result ends in "…" (which counts as one of the max_chars). max_chars 0 gives "". */
char *sanitize_display_cap(const char *s, size_t len, unsigned flags, size_t max_chars);

/* NUL-terminated convenience: NULL in, NULL out (optional model fields stay absent). */
char *sanitize_cstr(const char *s, unsigned flags);

/* The core: appends the sanitised text to out. */
void sanitize_append(struct strbuf *out, const char *s, size_t len, unsigned flags,
                     size_t max_chars);

/* Writes the sanitised s to f (CLI tables, error messages on a terminal). Returns what fputs
 * returns. */
int sanitize_fputs(const char *s, unsigned flags, FILE *f);

/* Decodes one UTF-8 sequence from the first n (>= 1) bytes of s. Returns the number of bytes
 * consumed (>= 1) and stores the code point, or TEXT_UTF8_INVALID for a maximal invalid
 * subsequence. Locale-independent. */
#define TEXT_UTF8_INVALID UINT32_MAX
size_t text_utf8_decode(const char *s, size_t n, uint32_t *cp);

/* ---- width in terminal columns (utf8proc, locale-independent) ---- */

enum text_align {
    TEXT_ALIGN_LEFT,
    TEXT_ALIGN_RIGHT,
    TEXT_ALIGN_CENTER,
};

/* Columns of one code point: utf8proc_charwidth(), except that what a terminal cannot draw
 * (controls, unassigned code points, U+2028/2029: wcwidth() < 0) counts as 1 (the drawer shows
 * U+FFFD for it) and invalid bytes count as 1. Zero for combining marks, ZWJ, variation
 * selectors: they attach to the preceding character; zero for the format characters
 * sanitize_display() drops, since they are never drawn. */
int text_cp_width(uint32_t cp);

/* Whether the first plen bytes of prefix begin s, code point by code point in any case
 * (towlower: "ελλ" begins "Ελληνική"); whole: and s has nothing more. NULL s is "". */
bool text_fold_prefix(const char *s, const char *prefix, size_t plen, bool whole);

/* Columns of a one-line UTF-8 string. NULL counts as 0. */
int text_width(const char *s);
/* Columns of the first n bytes of s (stops early at a NUL). Readline gives byte offsets. */
int text_width_n(const char *s, size_t n);

/* Length in bytes of the longest prefix of the first len bytes of s that fits in cols columns.
 * Never splits a UTF-8 sequence or a wide character; zero-width characters (combining marks)
 * following the last character taken are taken too, so they stay with their base. *width (if
 * not NULL) receives the columns of that prefix, which may be cols - 1 when a wide character
 * would straddle the edge. */
size_t text_prefix_fit(const char *s, size_t len, int cols, int *width);

/* Byte offset of the first character that starts at or after column col (for horizontal
 * scrolling: the text shown when the first col columns are scrolled away). A wide character
 * cut by the left edge is skipped; *skipped_cols (if not NULL) receives the columns actually
 * skipped (col or col + 1). */
size_t text_skip_cols(const char *s, int col, int *skipped_cols);

/* Appends the longest prefix of s fitting in cols columns. When s is wider and ellipsis is
 * true, the prefix is shortened so that "…" fits too, and "…" is appended. Does not pad.
 * Returns the columns appended (<= cols). */
int text_truncate(struct strbuf *out, const char *s, int cols, bool ellipsis);

/* Appends the first len bytes of s for drawing, column for column: a character a terminal cannot
 * draw (see text_cp_width()) and each invalid sequence become U+FFFD (one column, as text_cp_width() counts them)
 * and the invisible format characters sanitize_display() drops (all zero-width) are dropped, so
 * text_width(result) == text_width_n(s, len). For raw text being edited (the readline prompt),
 * where removing whole escape sequences would make the cursor column lie. */
void text_display_append(struct strbuf *out, const char *s, size_t len);

/* Appends s in exactly cols columns (cols <= 0 appends nothing): cut with "…" when too wide,
 * padded with spaces on the side given by align (a wide character that would straddle the
 * right edge is replaced by padding). Every table cell and pane row goes through this. */
void text_fit(struct strbuf *out, const char *s, int cols, enum text_align align);

/* Fixed-buffer variant of text_fit() for callers without a strbuf: writes a NUL-terminated
 * result, truncated on a character boundary if outsize is too small. Returns strlen(out). */
size_t text_fit_buf(char *out, size_t outsize, const char *s, int cols, enum text_align align);

#endif
