/* sim/sim.h: the engine, in one include for models/. */
#ifndef SIM_SIM_H
#define SIM_SIM_H
#include "sim/calendar.h"
#include "sim/check.h"
#include "sim/dist.h"
#include "sim/hash.h"
#include "sim/mem.h"
#include "sim/pool.h"
#include "sim/prof.h"
#include "sim/rng.h"
#include "sim/run.h"
#include "sim/runner.h"
#include "sim/sample.h"
#include "sim/status.h"
#include "sim/summary.h"
#include "sim/tally.h"
#include "sim/timeavg.h"
#endif /* SIM_SIM_H */
