/*
 * Every export that is not implemented yet: each returns
 * JET_errFeatureNotAvailable, never a fake success.  The list is
 * unimplemented.h; implementing a function means deleting its line there and
 * writing it in the file of its family.
 */
#include "dll.h"

#define UNIMPLEMENTED(name, params) \
	JET_ERR JET_API name params { return JET_errFeatureNotAvailable; }

/* Exports <esent.h> does not declare: declared here by the size of their
 * stdcall argument list (nargs pointer-sized words on i686), which is all
 * the ABI of a function that ignores its arguments needs. */
#define ARGS_0 void
#define ARGS_1 JET_API_PTR a1
#define ARGS_2 ARGS_1, JET_API_PTR a2
#define ARGS_3 ARGS_2, JET_API_PTR a3
#define ARGS_4 ARGS_3, JET_API_PTR a4
#define ARGS_5 ARGS_4, JET_API_PTR a5
#define ARGS_6 ARGS_5, JET_API_PTR a6
#define ARGS_7 ARGS_6, JET_API_PTR a7
#define ARGS_8 ARGS_7, JET_API_PTR a8
#define ARGS_9 ARGS_8, JET_API_PTR a9
#define ARGS_10 ARGS_9, JET_API_PTR a10
#define UNDECLARED(name, nargs) \
	JET_ERR JET_API name(ARGS_##nargs); \
	JET_ERR JET_API name(ARGS_##nargs) { return JET_errFeatureNotAvailable; }

#include "unimplemented.h"
