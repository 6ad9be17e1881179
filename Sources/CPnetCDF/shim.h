#include <pnetcdf.h>
