/* models/io/yamltree.c: loading, overriding and locating nodes of a YAML document.
 * libyaml's document API gives every node its start mark. Nodes added by an override
 * have ids above base_nodes; each override records the range of ids it added, which is
 * how an error on such a node names the override instead of a file position. */
#include "models/io/yamltree.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "sim/check.h"
#include "sim/mem.h"
#include "sim/status.h"

static const char *problem_text(const yaml_parser_t *p)
{
    return p->problem ? p->problem : "syntax error";
}

/* True when s is UTF-8, which libyaml requires of every scalar it is given: it refuses
 * to add any other, and a missing node later aborts its emitter. */
static bool is_utf8(const char *s)
{
    static const unsigned long least[] = {0, 0, 0x80, 0x800, 0x10000};
    const unsigned char *p = (const unsigned char *)s;
    while (*p) {
        unsigned c = *p;
        unsigned width = c < 0x80 ? 1 : (c & 0xE0) == 0xC0 ? 2 : (c & 0xF0) == 0xE0 ? 3
                       : (c & 0xF8) == 0xF0 ? 4 : 0;
        if (!width) return false;
        unsigned long v = width == 1 ? c : c & (0x7Fu >> width);
        for (unsigned k = 1; k < width; k++) {
            if ((p[k] & 0xC0) != 0x80) return false; /* this also stops at the NUL */
            v = (v << 6) | (p[k] & 0x3Fu);
        }
        if (v < least[width] || v > 0x10FFFF || (v >= 0xD800 && v <= 0xDFFF)) return false;
        p += width;
    }
    return true;
}

/* What a first pass over a text's events found. */
typedef enum shape { SHAPE_OK, SHAPE_DEEP, SHAPE_CYCLE, SHAPE_ALIAS } shape;

/* Runs libyaml's parser over text without building anything, to refuse what would make
 * building or walking the document blow up: nesting deeper than CC_YAMLTREE_DEPTH_MAX
 * (libyaml's scanner checks every open level at each token), an alias inside the list
 * or mapping it names (libyaml registers an anchor before the node's content, so
 * `&a [*a]` contains itself and every recursive walk loops), and, unless aliases are
 * allowed, an alias where the text defines anchors (--set values: an alias to nothing
 * is not YAML, and such a value stays plain text). The open levels' anchors are kept to
 * spot a cycle. A syntax error ends the pass with SHAPE_OK: the load that follows
 * reports it with its position. */
static shape check_shape(const unsigned char *text, size_t len, bool aliases, yaml_mark_t *mark)
{
    yaml_parser_t p;
    if (!yaml_parser_initialize(&p)) return SHAPE_OK;
    yaml_parser_set_input_string(&p, text, len);
    char *open[CC_YAMLTREE_DEPTH_MAX];
    int depth = 0;
    bool anchors = false, done = false;
    shape found = SHAPE_OK;
    while (!done && found == SHAPE_OK) {
        yaml_event_t e;
        if (!yaml_parser_parse(&p, &e)) break;
        if (e.type == YAML_SEQUENCE_START_EVENT || e.type == YAML_MAPPING_START_EVENT) {
            const yaml_char_t *a = e.type == YAML_SEQUENCE_START_EVENT
                                       ? e.data.sequence_start.anchor : e.data.mapping_start.anchor;
            anchors = anchors || a;
            if (depth == CC_YAMLTREE_DEPTH_MAX) {
                found = SHAPE_DEEP;
                *mark = e.start_mark;
            } else {
                open[depth++] = a ? sim_xstrdup((const char *)a) : NULL;
            }
        } else if (e.type == YAML_SEQUENCE_END_EVENT || e.type == YAML_MAPPING_END_EVENT) {
            if (depth > 0) free(open[--depth]);
        } else if (e.type == YAML_SCALAR_EVENT) {
            anchors = anchors || e.data.scalar.anchor;
        } else if (e.type == YAML_ALIAS_EVENT) {
            *mark = e.start_mark;
            if (!aliases && anchors) found = SHAPE_ALIAS;
            for (int i = 0; i < depth && found == SHAPE_OK; i++)
                if (open[i] && strcmp(open[i], (const char *)e.data.alias.anchor) == 0)
                    found = SHAPE_CYCLE;
        } else if (e.type == YAML_STREAM_END_EVENT) {
            done = true;
        }
        yaml_event_delete(&e);
    }
    while (depth > 0) free(open[--depth]);
    yaml_parser_delete(&p);
    return found;
}

/* Reads all of f, at most max bytes (a pipe has no size to check beforehand). */
static int read_all(FILE *f, size_t max, unsigned char **text, size_t *len)
{
    unsigned char *buf = NULL;
    size_t cap = 0, n = 0;
    for (;;) {
        if (n == cap) {
            cap = cap ? 2 * cap : 65536;
            buf = sim_xrealloc(buf, cap);
        }
        size_t got = fread(buf + n, 1, cap - n, f);
        n += got;
        if (n > max || got == 0) break;
    }
    if (n > max || ferror(f)) {
        free(buf);
        return n > max ? SIM_ELIMIT : SIM_EIO;
    }
    *text = buf;
    *len = n;
    return SIM_OK;
}

int cc_yamltree_load(cc_yamltree *t, const char *path, cc_diag *diag)
{
    memset(t, 0, sizeof *t);
    t->file = sim_xstrdup(path);
    /* A FIFO or a device would block or never end: a scenario is a file. */
    struct stat pre;
    if (stat(path, &pre) == 0 && !S_ISREG(pre.st_mode)) {
        cc_diag_add(diag, "%s: not a regular file (a folder, FIFO or device): a scenario is a "
                    "YAML file", path);
        return SIM_EINVAL;
    }
    FILE *f = fopen(path, "rb");
    if (!f) {
        cc_diag_add(diag, "%s: cannot open: %s", path, strerror(errno));
        return SIM_ENOENT;
    }
    /* libyaml builds the whole document in memory, about 100 bytes a value: a scenario
     * is a page or two, so anything this big is a mistake (a profile of 10^8 entries)
     * and is refused before it is read. */
    struct stat sb;
    if (fstat(fileno(f), &sb) == 0 && S_ISREG(sb.st_mode) && sb.st_size > CC_YAMLTREE_MAX_BYTES) {
        cc_diag_add(diag, "%s:1:1: the file is %lld bytes; a scenario is at most %d MiB "
                    "(long series belong in a forecast CSV file)", path, (long long)sb.st_size,
                    CC_YAMLTREE_MAX_BYTES >> 20);
        fclose(f);
        return SIM_ELIMIT;
    }
    if (fstat(fileno(f), &sb) == 0 && S_ISDIR(sb.st_mode)) {
        cc_diag_add(diag, "%s: a folder, not a scenario file", path);
        fclose(f);
        return SIM_EINVAL;
    }
    unsigned char *text = NULL;
    size_t len = 0;
    int status = read_all(f, CC_YAMLTREE_MAX_BYTES, &text, &len);
    fclose(f);
    if (status != SIM_OK) {
        if (status == SIM_ELIMIT)
            cc_diag_add(diag, "%s:1:1: more than %d MiB; a scenario is at most that (long series "
                        "belong in a forecast CSV file)", path, CC_YAMLTREE_MAX_BYTES >> 20);
        else cc_diag_add(diag, "%s: read error: %s", path, strerror(errno));
        return status;
    }
    yaml_mark_t mark;
    shape sh = check_shape(text, len, true, &mark);
    if (sh != SHAPE_OK) {
        if (sh == SHAPE_DEEP)
            cc_diag_add(diag, "%s:%zu:%zu: YAML: nested deeper than %d levels", path, mark.line + 1,
                        mark.column + 1, CC_YAMLTREE_DEPTH_MAX);
        else cc_diag_add(diag, "%s:%zu:%zu: YAML: an alias inside the node it names (a loop)", path,
                         mark.line + 1, mark.column + 1);
        free(text);
        return SIM_EINVAL;
    }
    yaml_parser_t parser;
    if (!yaml_parser_initialize(&parser)) {
        free(text);
        cc_diag_add(diag, "%s: cannot initialise the YAML parser", path);
        return SIM_EIO;
    }
    yaml_parser_set_input_string(&parser, text, len);
    if (!yaml_parser_load(&parser, &t->doc)) {
        cc_diag_add(diag, "%s:%zu:%zu: YAML: %s%s%s", path, parser.problem_mark.line + 1,
                    parser.problem_mark.column + 1, problem_text(&parser),
                    parser.context ? " " : "", parser.context ? parser.context : "");
        status = SIM_EINVAL;
    } else {
        t->loaded = true;
        if (!yaml_document_get_root_node(&t->doc)) {
            cc_diag_add(diag, "%s:1:1: the file is empty; a scenario is a YAML mapping", path);
            status = SIM_EINVAL;
        } else {
            /* A second document in the same file would be silently ignored: refuse it. */
            yaml_document_t extra;
            if (!yaml_parser_load(&parser, &extra)) {
                cc_diag_add(diag, "%s:%zu:%zu: YAML: %s", path, parser.problem_mark.line + 1,
                            parser.problem_mark.column + 1, problem_text(&parser));
                status = SIM_EINVAL;
            } else {
                yaml_node_t *root = yaml_document_get_root_node(&extra);
                if (root) {
                    cc_diag_add(diag, "%s:%zu:%zu: a scenario file holds one YAML document; "
                                "remove the second one", path, root->start_mark.line + 1,
                                root->start_mark.column + 1);
                    status = SIM_EINVAL;
                }
                yaml_document_delete(&extra);
            }
        }
        t->base_nodes = (int)(t->doc.nodes.top - t->doc.nodes.start);
    }
    yaml_parser_delete(&parser);
    free(text);
    return status;
}

void cc_yamltree_fini(cc_yamltree *t)
{
    if (t->loaded) yaml_document_delete(&t->doc);
    for (size_t i = 0; i < t->n_sets; i++) free(t->sets[i].text);
    free(t->sets);
    free(t->file);
    memset(t, 0, sizeof *t);
}

int cc_yamltree_root(cc_yamltree *t)
{
    if (!t->loaded || t->doc.nodes.start == t->doc.nodes.top) return 0;
    return 1; /* libyaml's root is always the first node */
}

yaml_node_t *cc_yamltree_node(cc_yamltree *t, int id)
{
    if (!t->loaded || id <= 0) return NULL;
    return yaml_document_get_node(&t->doc, id);
}

void cc_yamltree_where(cc_yamltree *t, int id, char *buf, size_t len)
{
    for (size_t i = 0; i < t->n_sets; i++) {
        if (id >= t->sets[i].first_node && id <= t->sets[i].last_node) {
            snprintf(buf, len, "--set %s", t->sets[i].text);
            return;
        }
    }
    yaml_node_t *n = cc_yamltree_node(t, id);
    if (!n) {
        snprintf(buf, len, "%s", t->file ? t->file : "?");
        return;
    }
    snprintf(buf, len, "%s:%zu:%zu", t->file, n->start_mark.line + 1, n->start_mark.column + 1);
}

const char *cc_yamltree_scalar(cc_yamltree *t, int id)
{
    yaml_node_t *n = cc_yamltree_node(t, id);
    if (!n || n->type != YAML_SCALAR_NODE) return NULL;
    return (const char *)n->data.scalar.value;
}

void cc_yamltree_error(cc_yamltree *t, cc_diag *diag, int id, const char *path,
                       const char *fmt, ...)
{
    char where[512], msg[1024];
    cc_yamltree_where(t, id, where, sizeof where);
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    cc_diag_add(diag, "%s: %s: %s", where, path, msg);
}

/* Copies node `id` of src (and everything below it) into dst; returns the new id. */
static int copy_node(yaml_document_t *dst, yaml_document_t *src, int id)
{
    yaml_node_t *n = yaml_document_get_node(src, id);
    switch (n->type) {
    case YAML_SCALAR_NODE:
        return yaml_document_add_scalar(dst, NULL, n->data.scalar.value,
                                        (int)n->data.scalar.length, n->data.scalar.style);
    case YAML_SEQUENCE_NODE: {
        int seq = yaml_document_add_sequence(dst, NULL, n->data.sequence.style);
        for (yaml_node_item_t *it = n->data.sequence.items.start;
             it < n->data.sequence.items.top; it++) {
            /* The source node may move when dst grows, but src does not grow. */
            int child = copy_node(dst, src, *it);
            yaml_document_append_sequence_item(dst, seq, child);
        }
        return seq;
    }
    case YAML_MAPPING_NODE: {
        int map = yaml_document_add_mapping(dst, NULL, n->data.mapping.style);
        for (yaml_node_pair_t *p = n->data.mapping.pairs.start; p < n->data.mapping.pairs.top; p++) {
            int k = copy_node(dst, src, p->key);
            int v = copy_node(dst, src, p->value);
            yaml_document_append_mapping_pair(dst, map, k, v);
        }
        return map;
    }
    default:
        return yaml_document_add_scalar(dst, NULL, (yaml_char_t *)"", 0, YAML_PLAIN_SCALAR_STYLE);
    }
}

/* Reads VALUE as a YAML document and copies it into the tree; plain text if it is not
 * YAML at all. Returns the new node id. */
static int graft_value(cc_yamltree *t, const char *value)
{
    yaml_parser_t parser;
    yaml_document_t vdoc;
    int id = 0;
    if (yaml_parser_initialize(&parser)) {
        yaml_parser_set_input_string(&parser, (const unsigned char *)value, strlen(value));
        if (yaml_parser_load(&parser, &vdoc)) {
            if (yaml_document_get_root_node(&vdoc)) id = copy_node(&t->doc, &vdoc, 1);
            yaml_document_delete(&vdoc);
        }
        yaml_parser_delete(&parser);
    }
    if (!id)
        id = yaml_document_add_scalar(&t->doc, NULL, (yaml_char_t *)value, (int)strlen(value),
                                      YAML_PLAIN_SCALAR_STYLE);
    return id;
}

static int find_key(cc_yamltree *t, int map, const char *key, yaml_node_pair_t **pair_out)
{
    yaml_node_t *m = cc_yamltree_node(t, map);
    for (yaml_node_pair_t *p = m->data.mapping.pairs.start; p < m->data.mapping.pairs.top; p++) {
        const char *k = cc_yamltree_scalar(t, p->key);
        if (k && strcmp(k, key) == 0) {
            if (pair_out) *pair_out = p;
            return p->value;
        }
    }
    return 0;
}

/* The value at key `seg` of mapping `cur`: replaced, added, or (null) removed. */
static void set_in_mapping(cc_yamltree *t, int cur, const char *seg, const char *value)
{
    yaml_node_pair_t *pair = NULL;
    int child = find_key(t, cur, seg, &pair);
    if (strcmp(value, "null") == 0 || strcmp(value, "~") == 0) {
        /* KEY=null removes the key: how a plan swaps shifts for a staff list. */
        if (child) {
            yaml_node_t *mn = cc_yamltree_node(t, cur);
            size_t at = (size_t)(pair - mn->data.mapping.pairs.start);
            size_t count = (size_t)(mn->data.mapping.pairs.top - mn->data.mapping.pairs.start);
            memmove(pair, pair + 1, (count - at - 1) * sizeof *pair);
            mn->data.mapping.pairs.top--;
        }
        return;
    }
    int v = graft_value(t, value);
    if (child) {
        /* Re-find the pair: adding nodes may have moved the node array. */
        find_key(t, cur, seg, &pair);
        pair->value = v;
    } else {
        int k = yaml_document_add_scalar(&t->doc, NULL, (yaml_char_t *)seg, (int)strlen(seg),
                                         YAML_PLAIN_SCALAR_STYLE);
        yaml_document_append_mapping_pair(&t->doc, cur, k, v);
    }
}

/* Walks (or makes) the mappings and lists named by keys[0..n-1] and sets the last. */
static int set_keys(cc_yamltree *t, const char *const *keys, size_t n, const char *value,
                    const char *label, cc_diag *diag)
{
    int cur = cc_yamltree_root(t);
    for (size_t i = 0; i < n; i++) {
        const char *seg = keys[i];
        bool last = i + 1 == n;
        yaml_node_t *node = cc_yamltree_node(t, cur);
        if (node->type == YAML_MAPPING_NODE) {
            int child = find_key(t, cur, seg, NULL);
            if (last) {
                set_in_mapping(t, cur, seg, value);
            } else if (child) {
                cur = child;
            } else {
                int k = yaml_document_add_scalar(&t->doc, NULL, (yaml_char_t *)seg,
                                                 (int)strlen(seg), YAML_PLAIN_SCALAR_STYLE);
                int m = yaml_document_add_mapping(&t->doc, NULL, YAML_BLOCK_MAPPING_STYLE);
                yaml_document_append_mapping_pair(&t->doc, cur, k, m);
                cur = m;
            }
        } else if (node->type == YAML_SEQUENCE_NODE) {
            char *end = NULL;
            errno = 0;
            long idx = strtol(seg, &end, 10);
            long len = (long)(node->data.sequence.items.top - node->data.sequence.items.start);
            if (end == seg || *end || errno || idx < 0 || idx >= len) {
                cc_diag_add(diag, "--set %s: \"%s\" is not an index of a list of %ld", label, seg, len);
                return SIM_EINVAL;
            }
            if (last) {
                int v = graft_value(t, value);
                node = cc_yamltree_node(t, cur);
                node->data.sequence.items.start[idx] = v;
            } else {
                cur = node->data.sequence.items.start[idx];
            }
        } else {
            cc_diag_add(diag, "--set %s: \"%s\" is inside a single value, not a mapping", label, seg);
            return SIM_EINVAL;
        }
    }
    return SIM_OK;
}

/* Records which nodes an override made, so that errors in them name the override. */
static void record_set(cc_yamltree *t, const char *label, int first)
{
    int last = (int)(t->doc.nodes.top - t->doc.nodes.start);
    t->sets = sim_xreallocarray(t->sets, t->n_sets + 1, sizeof *t->sets);
    t->sets[t->n_sets].text = sim_xstrdup(label);
    t->sets[t->n_sets].first_node = first;
    t->sets[t->n_sets].last_node = last;
    t->n_sets++;
}

int cc_yamltree_set_keys(cc_yamltree *t, const char *const *keys, size_t n, const char *value,
                         cc_diag *diag)
{
    if (!cc_yamltree_root(t) || n == 0) return SIM_EINVAL;
    char *label = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&label, &len);
    SIM_REQUIRE(f != NULL);
    for (size_t i = 0; i < n; i++) fprintf(f, "%s%s", i ? "." : "", keys[i]);
    fprintf(f, "=%s", value);
    SIM_REQUIRE(fclose(f) == 0);
    int first = (int)(t->doc.nodes.top - t->doc.nodes.start) + 1;
    int status = set_keys(t, keys, n, value, label, diag);
    record_set(t, label, first);
    free(label);
    return status;
}

int cc_yamltree_set(cc_yamltree *t, const char *assignment, cc_diag *diag)
{
    const char *eq = strchr(assignment, '=');
    if (!eq || eq == assignment) {
        cc_diag_add(diag, "--set %s: write KEY=VALUE, e.g. --set agents.generalists.staff=30",
                    assignment);
        return SIM_EINVAL;
    }
    if (!cc_yamltree_root(t)) return SIM_EINVAL;
    if (!is_utf8(assignment)) {
        cc_diag_add(diag, "--set %s: not UTF-8 text", assignment);
        return SIM_EINVAL;
    }
    yaml_mark_t mark;
    shape sh = check_shape((const unsigned char *)eq + 1, strlen(eq + 1), false, &mark);
    if (sh != SHAPE_OK) {
        cc_diag_add(diag, "--set %s: %s", assignment,
                    sh == SHAPE_DEEP ? "the value is nested too deep"
                                     : "an alias (*name) in a --set value: write the value out");
        return SIM_EINVAL;
    }
    char *key = sim_xstrdup(assignment);
    key[eq - assignment] = '\0';
    /* "shifts[1].count", the form ccsim's own messages use, means "shifts.1.count". */
    for (char *k = key; *k; k++) {
        if (*k == '[') *k = '.';
        else if (*k == ']') memmove(k, k + 1, strlen(k));
    }
    /* "channels..x", ".x" or "x.": an empty part names nothing (strtok would skip it). */
    size_t kl = strlen(key);
    for (size_t i = 0; i < kl; i++)
        if (key[i] == '.' && (i == 0 || i + 1 == kl || key[i + 1] == '.')) {
            cc_diag_add(diag, "--set %s: an empty part in the key at column %zu", assignment, i + 1);
            free(key);
            return SIM_EINVAL;
        }
    const char **keys = sim_xcalloc(strlen(key) / 2 + 1, sizeof *keys);
    size_t n = 0;
    char *save = NULL;
    for (char *seg = strtok_r(key, ".", &save); seg; seg = strtok_r(NULL, ".", &save)) keys[n++] = seg;
    int first = (int)(t->doc.nodes.top - t->doc.nodes.start) + 1;
    int status = SIM_OK;
    if (n == 0) {
        cc_diag_add(diag, "--set %s: empty key", assignment);
        status = SIM_EINVAL;
    } else {
        status = set_keys(t, keys, n, eq + 1, assignment, diag);
    }
    free(keys);
    free(key);
    record_set(t, assignment, first);
    return status;
}

/* Rewrites a relative file name under a key called "file" or "library" as seen from
 * dir, so that a scenario written elsewhere still finds its forecasts. False when a
 * name cannot be written: dir is not UTF-8, which YAML cannot hold. */
static bool anchor_files(cc_yamltree *t, int id, const char *dir)
{
    yaml_node_t *n = cc_yamltree_node(t, id);
    if (!n) return true;
    if (n->type == YAML_SEQUENCE_NODE) {
        for (yaml_node_item_t *it = n->data.sequence.items.start; it < n->data.sequence.items.top; it++)
            if (!anchor_files(t, *it, dir)) return false;
    } else if (n->type == YAML_MAPPING_NODE) {
        size_t count = (size_t)(n->data.mapping.pairs.top - n->data.mapping.pairs.start);
        for (size_t i = 0; i < count; i++) {
            n = cc_yamltree_node(t, id); /* adding nodes may move the node array */
            yaml_node_pair_t p = n->data.mapping.pairs.start[i];
            const char *k = cc_yamltree_scalar(t, p.key), *v = cc_yamltree_scalar(t, p.value);
            if (k && v && v[0] && v[0] != '/' && (strcmp(k, "file") == 0 || strcmp(k, "library") == 0)) {
                size_t len = strlen(dir) + strlen(v) + 2;
                char *full = sim_xmalloc(len);
                snprintf(full, len, "%s/%s", dir, v);
                int nv = yaml_document_add_scalar(&t->doc, NULL, (yaml_char_t *)full, (int)strlen(full),
                                                  YAML_DOUBLE_QUOTED_SCALAR_STYLE);
                free(full);
                if (!nv) return false;
                cc_yamltree_node(t, id)->data.mapping.pairs.start[i].value = nv;
            } else if (!anchor_files(t, p.value, dir)) {
                return false;
            }
        }
    }
    return true;
}

static int write_handler(void *data, unsigned char *buffer, size_t size)
{
    return fwrite(buffer, 1, size, data) == size;
}

int cc_yamltree_write(cc_yamltree *t, FILE *f, const char *files_dir)
{
    if (!cc_yamltree_root(t)) return SIM_EINVAL;
    if (files_dir && !anchor_files(t, cc_yamltree_root(t), files_dir)) return SIM_EINVAL;
    yaml_emitter_t em;
    if (!yaml_emitter_initialize(&em)) return SIM_EIO;
    yaml_emitter_set_output(&em, write_handler, f);
    yaml_emitter_set_unicode(&em, 1);
    yaml_emitter_set_width(&em, 100);
    int ok = yaml_emitter_open(&em) && yaml_emitter_dump(&em, &t->doc) && yaml_emitter_close(&em);
    /* yaml_emitter_dump empties the document whatever happens: the tree is spent. */
    t->loaded = false;
    yaml_emitter_delete(&em);
    return ok ? SIM_OK : SIM_EIO;
}
