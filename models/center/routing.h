/* models/center/routing.h: routing policies by name: the built-in ones and plugins.
 * Every policy, built-in or not, is a cc_policy (include/ccsim/policy.h), so the model has one
 * way to call them and the built-ins double as examples. A plugin is a shared object
 * exporting ccsim_policy(); cc_routing_open loads it and checks it. */
#ifndef CC_ROUTING_H
#define CC_ROUTING_H
#include <stddef.h>

#include "ccsim/policy.h"

typedef struct cc_routing {
    const cc_policy *policy;     /* read-only */
    void *library;               /* private: dlopen handle, NULL for a built-in */
    char *path;                  /* private: the library as given, NULL for a built-in */
} cc_routing;

/* Names of the built-in policies, NULL-terminated; "plugin" is not among them. */
const char *const *cc_routing_names(void);
/* The built-in policy of that name, or NULL. */
const cc_policy *cc_routing_builtin(const char *name);
/* Opens the built-in policy `name`, or the plugin at `library` when name is "plugin".
 * On failure returns a negative status and writes why into err. */
int  cc_routing_open(cc_routing *r, const char *name, const char *library, char *err, size_t len);
void cc_routing_close(cc_routing *r);
/* A plugin named but not loaded: the loader records it, and nothing runs until
 * cc_routing_load opens it (only to simulate; `ccsim check` never does). */
void cc_routing_defer(cc_routing *r, const char *library);
/* Opens a deferred plugin; SIM_OK at once for anything already open. */
int  cc_routing_load(cc_routing *r, char *err, size_t len);
/* A second handle on the same policy (a plugin is opened again: dlopen counts its
 * references, so the library stays loaded while either is open). */
int  cc_routing_copy(cc_routing *dst, const cc_routing *src, char *err, size_t len);

#endif /* CC_ROUTING_H */
