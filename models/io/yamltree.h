/* models/io/yamltree.h: a scenario file as a libyaml document that remembers positions.
 * Every node keeps the line and column where it starts, so even a semantic error (a
 * negative rate, an unknown channel) points at the value. Overrides from the command line
 * (--set a.b.c=VALUE) are grafted into the document before validation; the value is read
 * as YAML, so `--set agents.g.staff=[3,4]` works (and KEY=null removes the key), and
 * nodes that came from an override
 * report "--set a.b.c=VALUE" as their place. The tree owns the document. */
#ifndef CC_YAMLTREE_H
#define CC_YAMLTREE_H
#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>
#include <yaml.h>

#include "models/io/diag.h"

/* Scenario files larger than this are refused unread. */
#define CC_YAMLTREE_MAX_BYTES (16 << 20)
/* Lists and mappings nested deeper than this are refused, in files and --set values,
 * before the document is built: a scenario is about six levels deep, and libyaml's
 * time grows with depth x size (a 2 MB line of '[' would take an hour). So are an alias
 * inside the node it names (a cycle), and any alias in a --set value. */
#define CC_YAMLTREE_DEPTH_MAX 64

typedef struct cc_yamltree {
    yaml_document_t doc;      /* private */
    bool loaded;              /* private */
    char *file;               /* read-only: the path as given */
    int base_nodes;           /* private: nodes read from the file */
    size_t n_sets;            /* private */
    struct cc_yamltree_set {  /* private: where overrides put their nodes */
        char *text;
        int first_node, last_node;
    } *sets;
} cc_yamltree;

/* Reads the file. On a syntax error (or an unreadable file) adds a positioned line to
 * diag and returns a negative status; the tree is then empty but may be finied. */
int   cc_yamltree_load(cc_yamltree *t, const char *path, cc_diag *diag);
/* Applies one "KEY=VALUE" override; on error adds a line to diag. */
int   cc_yamltree_set(cc_yamltree *t, const char *assignment, cc_diag *diag);
/* The same with the key given as its parts (no dot is split, so any name works) and
 * the value as YAML text; messages name it as "--set K1.K2...=VALUE". */
int   cc_yamltree_set_keys(cc_yamltree *t, const char *const *keys, size_t n, const char *value,
                           cc_diag *diag);
void  cc_yamltree_fini(cc_yamltree *t);
/* Writes the document (overrides applied) as YAML to f. Relative file names under keys
 * "file" and "library" are prefixed with files_dir (unless NULL), so that the written
 * scenario finds the same files from anywhere. Comments are not kept. The document is
 * consumed: the tree can only be finied afterwards. SIM_EINVAL (nothing written) when
 * such a name would not be UTF-8 text, which YAML cannot hold; SIM_EIO when writing
 * fails. */
int   cc_yamltree_write(cc_yamltree *t, FILE *f, const char *files_dir);

int   cc_yamltree_root(cc_yamltree *t);                     /* node id, 0 if none */
yaml_node_t *cc_yamltree_node(cc_yamltree *t, int id);      /* NULL for 0 */
/* "FILE:LINE:COL" (1-based) or "--set KEY=VALUE" into buf. */
void  cc_yamltree_where(cc_yamltree *t, int id, char *buf, size_t len);
/* The text of a scalar node, or NULL if the node is not a scalar. */
const char *cc_yamltree_scalar(cc_yamltree *t, int id);
/* Adds "WHERE: PATH: MESSAGE" to diag. */
void  cc_yamltree_error(cc_yamltree *t, cc_diag *diag, int id, const char *path,
                        const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 5, 6)))
#endif
    ;

#endif /* CC_YAMLTREE_H */
