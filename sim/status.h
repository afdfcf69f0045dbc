/* sim/status.h: return codes for bad input and failed I/O.
 * Functions that can fail on input return int: SIM_OK (0) or a negative code from the
 * table below, and write a human message into a caller-owned buffer. */
#ifndef SIM_STATUS_H
#define SIM_STATUS_H

#define SIM_STATUS_TABLE(X)                                   \
    X(SIM_OK, 0, "success")                                   \
    X(SIM_EINVAL, -1, "invalid input")                        \
    X(SIM_ENOENT, -2, "no such file")                         \
    X(SIM_EIO, -3, "input/output error")                      \
    X(SIM_ERANGE, -4, "value out of range")                   \
    X(SIM_ELIMIT, -5, "input exceeds a built-in limit")       \
    X(SIM_EINTR, -6, "interrupted")

enum sim_status {
#define SIM_STATUS_ENUM(name, value, text) name = value,
    SIM_STATUS_TABLE(SIM_STATUS_ENUM)
#undef SIM_STATUS_ENUM
};

/* A static string for a status code; "unknown status" for any other value. */
const char *sim_strerror(int status);

#endif /* SIM_STATUS_H */
