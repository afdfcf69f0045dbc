/* sim/check.h: bugs fail loudly.
 * A broken precondition or invariant is a bug in ccsim, never bad input: bad input is
 * reported through return codes (sim/status.h). SIM_REQUIRE stays on in release builds;
 * SIM_ASSERT is for checks too costly for release and vanishes under NDEBUG. Both end
 * in sim_fail(), which prints where and aborts: put a breakpoint there. */
#ifndef SIM_CHECK_H
#define SIM_CHECK_H

_Noreturn void sim_fail(const char *file, int line, const char *func, const char *expr);

#define SIM_REQUIRE(x) ((x) ? (void)0 : sim_fail(__FILE__, __LINE__, __func__, #x))
#ifdef NDEBUG
#define SIM_ASSERT(x) ((void)0)
#else
#define SIM_ASSERT(x) SIM_REQUIRE(x)
#endif

/* Routes GSL's errors (a domain error inside a gsl_ran_* call, say) into sim_fail so
 * they carry a location instead of GSL's bare abort. Call once from main(). */
void sim_check_install_gsl_handler(void);

#endif /* SIM_CHECK_H */
