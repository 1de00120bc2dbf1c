#ifndef PATHWAY_CLIBPQ_SHIM_H
#define PATHWAY_CLIBPQ_SHIM_H
#include <libpq-fe.h>
#endif
