/* A shared object that forgot to export ccsim_policy(). */
int some_other_function(void);
int some_other_function(void) { return 42; }
