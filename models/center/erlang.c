/* models/center/erlang.c: Erlang B, C and A by stable recurrences.
 *
 * Erlang B uses B(0) = 1, B(k) = a B(k-1) / (k + a B(k-1)). Every step divides a positive
 * number by a larger one, so nothing overflows and no precision is lost to cancellation,
 * whatever N; factorials and powers of a never appear. Erlang C follows from B as
 * C = N B / (N - a (1 - B)), whose denominator is at least N - a > 0.
 *
 * Erlang A (M/M/N+M) is a birth-death chain on k, the number in system: births at rate
 * lambda, deaths at rate d_k = min(k, N) mu + max(k - N, 0) theta, theta = 1 / mean
 * patience. The stationary weights t_k = prod_{i<=k} lambda / d_i are kept as logarithms
 * and normalised with log-sum-exp: with N = 5,000 and a load near N the largest weight is
 * around e^5000, far beyond a double, while in log space it is an ordinary number. The
 * ratios lambda / d_k never increase, so the weights rise to one mode and then fall; the
 * chain is cut at the first k past the mode where even a geometric bound on everything
 * beyond (t_k r / (1 - r), r the next ratio) is below 1e-18 of the largest weight. States
 * below N only enter through two sums (P(no wait) and the mean number busy), which are
 * accumulated on the fly with a running maximum; only the queue states are stored, one
 * double each.
 *
 * The waiting-time measures follow one tagged arrival. By PASTA it sees state k with
 * the stationary probability. If k < N it is served at once. If k >= N it joins at queue
 * position j = k - N + 1. At position j it moves up at rate N mu + (j - 1) theta (a
 * service completion, or an abandonment by one of the j - 1 ahead; those behind never
 * matter under FCFS) and abandons at rate theta. Leaving position j happens at rate
 * N mu + j theta whatever the outcome, so the products telescope:
 *   P(served | j)          = N mu / (N mu + j theta)
 *   E[W 1{served} | j]     = P(served | j) * sum_{i<=j} 1 / (N mu + i theta)
 *   E[time in queue | j]   = j / (N mu + j theta)
 *   E[offered wait | j]    = sum_{i<=j} 1 / (N mu + (i - 1) theta)
 * (the offered wait is the same walk without the tagged customer's own abandonment).
 *
 * The distributions, needed for the service levels, have a closed form. The exit rates
 * are linear in the position: with c = N mu / theta, the offered wait from position j is
 * a sum of exponentials with rates theta c, theta (c + 1), ..., theta (c + j - 1), which is
 * the time until j of c + j - 1 independent Exp(theta) clocks have rung (the N agents act
 * like c such clocks, each customer ahead carries one). With x = 1 - e^{-theta tau} the
 * chance that one clock has rung by tau,
 *   P(offered wait <= tau | j)          = I_x(j, c) = 1 - sum_{i<j} NB(i; c, x),
 *   P(served and wait <= tau | j)       = N mu / (N mu + j theta) I_x(j, c + 1),
 * where I is the regularised incomplete beta function and NB(i; b, x) = Gamma(b + i) /
 * (Gamma(b) i!) x^i (1 - x)^b the negative binomial probabilities, so that one running
 * sum over i serves every position j at once: O(J) in all. The served case adds the
 * customer's own clock (c + j clocks, b = c + 1) and the factor P(served | j), because
 * the time spent at each position does not depend on how it ends. NB is evaluated by the
 * ratio NB(i) / NB(i - 1) = x (b + i - 1) / i in log space, starting from ln NB(0) =
 * -b theta tau, so nothing underflows where it matters (e^{-N mu tau} is 0 in a double
 * for N mu tau > 745) and c may be huge (patience of years) or tiny (patience of
 * microseconds): x b is computed as N mu (1 - e^{-theta tau}) / theta, which tends to
 * N mu tau rather than overflowing. Both limits are well behaved: theta -> 0 gives the
 * Poisson sums of Erlang C, theta -> infinity a single exponential wait.
 *
 * Uniformisation of the tagged customer's chain would be exact too, but it is stiff: its
 * rate must cover N mu + J theta, so with very impatient customers (patience 1e-6 s) it
 * took about 10^8 steps of O(J) each, where the sum above needs J terms.
 * tests/test_erlang_formulas.c keeps uniformisation, and GSL's incomplete beta, as two
 * independent oracles for this code.
 *
 * Infinite patience is Erlang C and is answered from the closed forms SL = 1 - C e^{-(N
 * mu - lambda) tau}, ASA = C / (N mu - lambda): they are exact, cost O(N), and have no
 * truncation. The general code with a very long patience converges to them, which
 * tests/test_erlang_formulas.c checks.
 *
 * Workload: validation tests and reports, a few calls per run; N up to thousands, queues
 * up to thousands of positions. Cost is O(N + J) time and O(J) memory, whatever AWT. */
#include "models/center/erlang.h"

#include <math.h>
#include <stdbool.h>
#include <stdlib.h>

#include "sim/status.h"

/* ln(1e18): states whose weights (with their tail) are below 1e-18 of the largest are
 * dropped. */
#define TAIL_LOG 41.446531673892822

double cc_erlang_b(unsigned n, double load)
{
    if (isnan(load) || load < 0) return NAN;
    if (isinf(load)) return 1.0;
    double b = 1.0;
    for (unsigned k = 1; k <= n; k++) {
        double ab = load * b;
        b = ab / ((double)k + ab);
    }
    return b;
}

double cc_erlang_c(unsigned n, double load)
{
    if (isnan(load) || load < 0) return NAN;
    if (load >= (double)n) return 1.0;
    double b = cc_erlang_b(n, load);
    return (double)n * b / ((double)n - load * (1.0 - b));
}

/* M/M/N from the closed forms; load < n has been checked. */
static void erlang_c_closed(double lambda, double handle_s, unsigned n, double awt_s,
                            cc_erlang_result *out)
{
    double load = lambda * handle_s;
    double c = cc_erlang_c(n, load);
    double gap = ((double)n - load) / handle_s; /* N mu - lambda, per second */
    double sl = 1.0 - c * exp(-gap * awt_s);
    double asa = c / gap;
    out->p_wait = c;
    out->p_abandon = 0.0;
    out->service_level = sl;
    out->sl_answered = sl;
    out->sl_offered = sl;
    out->asa_s = asa;
    out->mean_wait_s = asa;
    out->offered_wait_mean_s = asa;
    out->occupancy = load / (double)n;
    out->mean_queue = lambda * asa;
}

/* sum_j q[j - 1] P(S_j <= tau) f_j, where S_j is the sum of exponentials with rates
 * theta (b + i - 1), i = 1..j, and b = c + 1 with f_j = N mu / (N mu + j theta) when
 * own_abandon (the real wait of a served customer), b = c with f_j = 1 otherwise (the
 * offered wait). See the note at the top for the method. */
static double within(const double *q, size_t J, double nmu, double theta, double tau,
                     bool own_abandon)
{
    if (J == 0 || tau == 0.0) return 0.0; /* a positive wait is never <= 0 */
    double x = -expm1(-theta * tau);
    double xb = nmu * (x / theta); /* x c; well defined as theta -> 0 */
    double lnb = -nmu * tau;       /* ln NB(0) = c ln(1 - x) = -c theta tau */
    if (own_abandon) {
        xb += x;
        lnb -= theta * tau;
    }
    double above = 0.0; /* sum_{i<j} NB(i) = P(S_j > tau) */
    double acc = 0.0;
    for (size_t j = 1; j <= J; j++) {
        double jd = (double)j;
        above += exp(lnb);
        double p = above < 1.0 ? 1.0 - above : 0.0;
        double f = own_abandon ? nmu / (nmu + jd * theta) : 1.0;
        acc += q[j - 1] * f * p;
        lnb += log((xb + x * (jd - 1.0)) / jd); /* NB(j) / NB(j - 1) = x (b + j - 1) / j */
    }
    return acc;
}

int cc_erlang_a(double lambda_per_s, double mean_handle_s, double mean_patience_s, unsigned n,
                double awt_s, cc_erlang_result *out)
{
    if (out == NULL || !(lambda_per_s > 0) || !isfinite(lambda_per_s) || !(mean_handle_s > 0) ||
        !isfinite(mean_handle_s) || !(mean_patience_s > 0) || !(awt_s >= 0) || !isfinite(awt_s))
        return SIM_EINVAL;
    if (n == 0) return SIM_ERANGE;
    double load = lambda_per_s * mean_handle_s;
    if (isinf(mean_patience_s)) {
        if (!(load < (double)n)) return SIM_ERANGE;
        erlang_c_closed(lambda_per_s, mean_handle_s, n, awt_s, out);
        return SIM_OK;
    }
    double mu = 1.0 / mean_handle_s;
    double theta = 1.0 / mean_patience_s;
    double nmu = (double)n * mu;
    double log_lambda = log(lambda_per_s);
    /* Overloaded, the queue settles around (lambda - N mu) / theta: refuse at once rather
     * than after filling CC_ERLANG_QUEUE_MAX states. */
    if ((lambda_per_s - nmu) / theta > (double)CC_ERLANG_QUEUE_MAX) return SIM_ELIMIT;

    /* Stationary weights. lt = ln t_k. States below N: s0 = sum e^(lt - m0), s1 = sum k
     * e^(lt - m0) with m0 their running maximum. Queue states: lq[j - 1] = ln t_{N+j-1}. */
    double lt = 0.0, lmax = 0.0, m0 = 0.0, s0 = 0.0, s1 = 0.0;
    double *lq = NULL;
    size_t J = 0, cap = 0;
    for (unsigned long long k = 0;; k++) {
        if (k < n) {
            if (lt > m0) {
                double scale = exp(m0 - lt);
                s0 = s0 * scale + 1.0;
                s1 = s1 * scale + (double)k;
                m0 = lt;
            } else {
                double w = exp(lt - m0);
                s0 += w;
                s1 += (double)k * w;
            }
        } else {
            if (J == CC_ERLANG_QUEUE_MAX) {
                free(lq);
                return SIM_ELIMIT;
            }
            if (J == cap) {
                size_t ncap = cap ? 2 * cap : 1024;
                double *p = realloc(lq, ncap * sizeof *p);
                if (p == NULL) {
                    free(lq);
                    return SIM_ELIMIT;
                }
                lq = p;
                cap = ncap;
            }
            lq[J++] = lt;
        }
        if (lt > lmax) lmax = lt;
        double d_next = k + 1 <= n ? (double)(k + 1) * mu
                                   : nmu + (double)(k + 1 - n) * theta;
        double lr = log_lambda - log(d_next);
        if (lr < 0) {
            double r = exp(lr);
            if (lt + lr - log1p(-r) < lmax - TAIL_LOG) break;
        }
        lt += lr;
    }

    /* Normalise. q[j - 1] = P(an arrival joins at position j), stored over lq. */
    double below = s0 * exp(m0 - lmax), busy_below = s1 * exp(m0 - lmax);
    double z = below;
    for (size_t j = 0; j < J; j++) {
        lq[j] = exp(lq[j] - lmax);
        z += lq[j];
    }
    double *q = lq;
    double p_wait = 0, p_ab = 0, p_served_q = 0, w_served = 0, w_all = 0, w_offered = 0, queue = 0;
    double h = 0, g = 0; /* partial sums of 1 / exit rates, with and without own abandon */
    for (size_t j = 1; j <= J; j++) {
        double qj = q[j - 1] /= z;
        double jd = (double)j;
        double exit_rate = nmu + jd * theta;
        g += 1.0 / (nmu + (jd - 1.0) * theta);
        h += 1.0 / exit_rate;
        p_wait += qj;
        p_ab += qj * jd * theta / exit_rate;
        p_served_q += qj * nmu / exit_rate;
        w_served += qj * nmu / exit_rate * h;
        w_all += qj * jd / exit_rate;
        w_offered += qj * g;
        queue += qj * (jd - 1.0);
    }
    double p_now = below / z;

    double sl_wait = within(q, J, nmu, theta, awt_s, true);
    double off_wait = within(q, J, nmu, theta, awt_s, false);
    free(lq);

    /* Summed, not 1 - p_ab, so that it keeps its digits when nearly everybody abandons. */
    double p_served = p_now + p_served_q;
    out->p_wait = p_wait;
    out->p_abandon = p_ab;
    out->service_level = p_now + sl_wait;
    out->sl_answered = (p_now + sl_wait) / p_served;
    out->sl_offered = p_now + off_wait;
    out->asa_s = w_served / p_served;
    out->mean_wait_s = w_all;
    out->offered_wait_mean_s = w_offered;
    out->occupancy = busy_below / z / (double)n + p_wait;
    out->mean_queue = queue;
    return SIM_OK;
}

unsigned long cc_erlang_least_n(unsigned long lo, unsigned long hi, cc_erlang_meets_fn *meets,
                                void *ctx)
{
    if (lo > hi || !meets(hi, ctx)) return hi + 1;
    while (lo < hi) {
        unsigned long mid = lo + (hi - lo) / 2;
        if (meets(mid, ctx)) hi = mid;
        else lo = mid + 1;
    }
    return hi;
}
