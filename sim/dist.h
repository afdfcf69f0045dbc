/* sim/dist.h: the distributions of the scenario format, sampled through GSL.
 * A sim_dist is built once, at load time, from the parameters a user writes (mean and
 * cv, shape and scale, ...); every conversion to GSL's own parameters happens here and
 * nowhere else:
 *   lognormal: sigma^2 = ln(1 + cv^2), zeta = ln(mean) - sigma^2 / 2
 *   gamma:     shape = 1 / cv^2, scale = mean * cv^2
 *   erlang:    gamma with shape k, scale mean / k
 * The constructors take validated parameters (scenario.c checks them with messages for
 * the user); a bad one here is a bug and fails SIM_REQUIRE. An empirical distribution
 * points at values it does not own; they must outlive it. Sampling is O(1). */
#ifndef SIM_DIST_H
#define SIM_DIST_H
#include <stddef.h>
#include <gsl/gsl_rng.h>

typedef enum sim_dist_kind {
    SIM_DIST_CONSTANT,
    SIM_DIST_EXPONENTIAL,
    SIM_DIST_LOGNORMAL,
    SIM_DIST_GAMMA,
    SIM_DIST_ERLANG,
    SIM_DIST_WEIBULL,
    SIM_DIST_UNIFORM,
    SIM_DIST_EMPIRICAL
} sim_dist_kind;

typedef struct sim_dist {
    sim_dist_kind kind;       /* public, read-only */
    double a, b;              /* private: GSL's parameters for kind */
    const double *values;     /* private: empirical values, not owned */
    size_t n_values;          /* private */
} sim_dist;

sim_dist sim_dist_constant(double value);               /* value >= 0 */
sim_dist sim_dist_exponential(double mean);             /* mean > 0 */
sim_dist sim_dist_lognormal(double mean, double cv);    /* mean > 0, cv > 0 */
sim_dist sim_dist_gamma(double mean, double cv);        /* mean > 0, cv > 0 */
sim_dist sim_dist_erlang(unsigned k, double mean);      /* k >= 1, mean > 0 */
sim_dist sim_dist_weibull(double shape, double scale);  /* both > 0 */
sim_dist sim_dist_uniform(double min, double max);      /* 0 <= min <= max */
sim_dist sim_dist_empirical(const double *values, size_t n); /* n >= 1, values >= 0 */

/* An empirical distribution's values (not owned) and their count; NULL for other kinds.
 * For a copy of a scenario that copies the values too. */
const double *sim_dist_empirical_values(const sim_dist *d, size_t *n);

double sim_dist_sample(gsl_rng *r, const sim_dist *d);
/* One draw of the exponential distribution with mean 1. */
double sim_exponential1(gsl_rng *r);
double sim_dist_mean(const sim_dist *d);
double sim_dist_cv(const sim_dist *d);                  /* 0 for a constant */
/* P(X <= t) and P(X > t). */
double sim_dist_cdf(const sim_dist *d, double t);
double sim_dist_survival(const sim_dist *d, double t);
const char *sim_dist_name(sim_dist_kind kind);          /* "lognormal", ... */

#endif /* SIM_DIST_H */
