/* models/cli/ccsim_mpi.c: main() of ccsim-mpi, the same command over Open MPI ranks.
 * `mpirun -np K ccsim-mpi run|sweep|compare|staff ...` spreads every simulation's
 * replications over the K ranks (models/study/simulate.c, built with CC_MPI) and gives the
 * same output, byte for byte, as ccsim in one process. Every rank runs the whole
 * command on the same results; only rank 0 prints and writes files: the other ranks
 * drop --plots and --contacts, read -o/--output DIR only for the parts an interrupted
 * run left there (--read-parts DIR, so that with --resume every rank skips the same
 * work), and send their output to /dev/null. If rank 0 fails, it aborts the job so that
 * no rank waits for it forever. */
#include <mpi.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "models/cli/cli.h"
#include "sim/check.h"

int main(int argc, char **argv)
{
    MPI_Init(&argc, &argv);
    int rank;
    MPI_Comm_rank(MPI_COMM_WORLD, &rank);
    sim_check_install_gsl_handler();
    static char read_parts[] = "--read-parts";
    /* "-oDIR" becomes "-o DIR" first, so that the ranks below see every -o. */
    int n_split;
    char **split = cc_cli_split_glued(argc, argv, &n_split);
    argc = n_split;
    argv = split;
    char **args = calloc(2 * (size_t)argc + 1, sizeof *args);
    int n = 0, rc = 0;
    /* The commands that keep parts of finished work (models/study/resume.h). */
    bool parts = argc > 1 && (strcmp(argv[1], "sweep") == 0 || strcmp(argv[1], "compare") == 0 ||
                              strcmp(argv[1], "staff") == 0);
    for (int i = 0; i < argc; i++) {
        if (strcmp(argv[i], "--contacts") == 0 || strncmp(argv[i], "--contacts=", 11) == 0) {
            if (rank == 0) fprintf(stderr, "ccsim-mpi: --contacts is not supported across ranks; "
                                   "run ccsim for a per-contact log\n");
            rc = 2;
        }
        if (rank > 0) {
            if (strcmp(argv[i], "-o") == 0 || strcmp(argv[i], "--output") == 0) {
                if (parts) args[n++] = read_parts;
                else i++;
                continue;
            }
            if (strncmp(argv[i], "--output=", 9) == 0) {
                if (parts) {
                    args[n++] = read_parts;
                    args[n++] = argv[i] + 9;
                }
                continue;
            }
            if (strcmp(argv[i], "--plots") == 0) continue;
        }
        args[n++] = argv[i];
    }
    if (rank > 0) {
        if (!freopen("/dev/null", "w", stdout) || !freopen("/dev/null", "w", stderr)) rc = 1;
    }
    if (rc == 0) rc = cc_cli_run(n, args, NULL);
    free(args);
    free(split);
    if (rc != 0 && rank == 0) MPI_Abort(MPI_COMM_WORLD, rc);
    MPI_Finalize();
    return rc;
}
