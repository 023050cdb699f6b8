/* rql: the Marketplace Resource Query Language subset the sandbox serves.
 *
 * Contract: rql_parse_query() takes the raw query string (everything after
 * '?', still percent-encoded) and splits it into the RQL filter (expressions
 * appended raw, `field=value` shortcuts, all ANDed) and the separate
 * limit/offset/order/select parameters. On error it returns -1 and a
 * malloc'd message for a 400 problem-details body. Operators: eq, ne, in,
 * out, like, ilike ('*' wildcard, '\*' literal), and, or, not; values may be
 * quoted with ' or "; null() and empty() constants. The caller owns the
 * query and frees it with rql_query_free(). Pure functions; any thread. */
#ifndef INVITUI_SANDBOX_RQL_H
#define INVITUI_SANDBOX_RQL_H

#include <stdbool.h>
#include <stddef.h>

#include "invitui/util.h"

enum rql_op { RQL_AND, RQL_OR, RQL_NOT, RQL_EQ, RQL_NE, RQL_IN, RQL_OUT, RQL_LIKE, RQL_ILIKE };

enum rql_value_kind { RQL_VALUE_STRING, RQL_VALUE_NULL, RQL_VALUE_EMPTY };

struct rql_node {
    enum rql_op op;
    char *field;
    enum rql_value_kind kind;
    struct strvec values;
    struct rql_node **kids;
    size_t n_kids;
};

#define RQL_DEFAULT_LIMIT 10
#define RQL_MAX_LIMIT 100

struct rql_query {
    struct rql_node *filter; /* NULL: everything */
    long limit, offset;
    struct strvec order;     /* each "+field" or "-field" */
    bool select_audit;
};

int rql_parse_query(const char *raw, struct rql_query *q, char **err);
void rql_query_free(struct rql_query *q);

/* Parses one expression such as and(eq(a,1),ilike(b,*x*)). */
int rql_parse_expr(const char *s, struct rql_node **out, char **err);
void rql_node_free(struct rql_node *n);

/* Returns the value of field for obj (pointing into obj or into buf), or
 * NULL when the value is absent (null). */
typedef const char *(*rql_getter)(const void *obj, const char *field, char *buf, size_t size);

/* -1 and a message when the filter or the order names a field outside
 * the NULL-terminated list. */
int rql_check_fields(const struct rql_query *q, const char *const *fields, char **err);
bool rql_match(const struct rql_node *n, rql_getter get, const void *obj);
/* True when the filter or the order refers to field. */
bool rql_uses_field(const struct rql_query *q, const char *field);
/* Appends a canonical, unambiguous text of the filter and the order (not of
 * limit, offset or select) to out: two queries selecting and ordering the
 * same way have equal texts, so the text can key a cache of results. */
void rql_canonical(const struct rql_query *q, struct strbuf *out);
/* Sorts objs by q's order ("+field" / "-field" keys compared with strcmp,
 * null first), keeping the given order among equals. Every key is fetched
 * once per object, not per comparison. */
void rql_sort(const void **objs, size_t n, const struct strvec *order, rql_getter get);
/* Case-insensitive (ASCII) glob with '*' wildcards and '\*' literals. */
bool rql_glob(const char *pattern, const char *s, bool icase);
/* Percent-decodes s ('+' stays '+', as RQL's select=+audit needs). */
char *rql_percent_decode(const char *s, size_t len);

#endif
