/*
 * Every export that is not implemented yet: each returns
 * JET_errFeatureNotAvailable, never a fake success.  The list is
 * unimplemented.h; implementing a function means deleting its line there and
 * writing it in the file of its family.  Prototypes are <esent.h>'s, or
 * esent_sdk.h's for the names MinGW's header lacks.
 *
 * The few exports that are not JET API functions fail as their own
 * interfaces say: the HRESULT ones (the debugger extension, COM
 * registration) with E_NOTIMPL, and the debugger's notifications, which
 * return nothing, do nothing.
 */
#include "dll.h"

#define UNIMPLEMENTED(name, params) \
	JET_ERR JET_API name params { return JET_errFeatureNotAvailable; }
#define UNIMPLEMENTED_HRESULT(name, params) \
	HRESULT __stdcall name params { return E_NOTIMPL; }
#define UNIMPLEMENTED_VOID(name, params) \
	void __stdcall name params { }

#include "unimplemented.h"
