/*
 * coupled_driver_component.h: the C ABI of coupled-driver plug-in components.
 *
 * A plug-in is a shared library (built with `mpicc -shared -fPIC` or `mpifort -shared -fPIC`)
 * that the driver loads at run time when the namelist names it in &components:
 *
 *     ocn = 'plugin:path/to/libmyocean.so'      (relative to the namelist's folder)
 *
 * The library exports the functions declared at the end of this header, under exactly these
 * names (from Fortran: `bind(C, name="cdc_run")`). Everything passed is a plain struct of
 * fixed-size integers, doubles, pointers and fixed-size NUL-terminated character arrays, so a
 * Fortran module can mirror each struct with a `bind(C)` derived type.
 *
 * Life cycle, on every task of the component's communicator, always from the thread that
 * initialised MPI (the driver initialises and finalises MPI; a plug-in never does):
 *
 *   cdc_abi_version        when the library is loaded (also by `coupled-driver check`)
 *   cdc_initialize         once: settings, grid file, decomposition, field names
 *   cdc_set_domain         once, when the driver has read the grid (optional)
 *   cdc_read_restart       once, when the run continues from a restart
 *   cdc_initial_exports    once, before the first run (optional: exports start at zero)
 *   cdc_run                once per coupling interval
 *   cdc_history            at each history time (optional; version 2)
 *   cdc_write_restart      at each restart time
 *   cdc_finalize           once, at the end (optional)
 *
 * Errors: every function but cdc_abi_version returns 0 on success. Any other value ends the
 * whole job: the driver reports the component, the library, the world rank, the phase, the
 * model time and the text the plug-in left in `error->message` (NUL-terminated; the driver
 * clears it before each call).
 *
 * Field buffers are field-major: value of field f (0-based, in the order of the setup's list)
 * at local point p is buffer[f * local_size + p]; in Fortran, an array `x(local_size, nfields)`.
 * Local point p is the p-th entry of the plug-in's own list of points (cdc_setup.points), or
 * of the driver's when it chose the decomposition (cdc_domain.points).
 */
#ifndef COUPLED_DRIVER_COMPONENT_H
#define COUPLED_DRIVER_COMPONENT_H

#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* The version of this ABI a plug-in is built for; cdc_abi_version() returns it. This driver loads
 * versions 1 and 2 and refuses any other. Version 2 adds, at the end of cdc_setup, fields of the
 * plug-in's own (cdc_field) and history variables of its own (cdc_variable, cdc_history); a
 * version-1 plug-in keeps working unchanged. Build with -DCDC_ABI_VERSION=1 to get version 1. */
#ifndef CDC_ABI_VERSION
#define CDC_ABI_VERSION 2
#endif

/* Sizes of the character arrays, NUL included. */
#define CDC_NAME_LEN 256     /* component kind, calendar, case name */
#define CDC_PATH_LEN 4096    /* file and folder paths */
#define CDC_LIST_LEN 4096    /* colon-separated field names */
#define CDC_MESSAGE_LEN 1024 /* error messages */

/* cdc_setup.point_count meaning "the driver splits the grid into contiguous blocks". */
#define CDC_DRIVER_DECOMPOSITION (-1)

/* A model date: calendar year, month (1-12), day of the month (1-31) and second of the day
 * (0-86399), in the run's calendar. */
typedef struct cdc_time {
    int32_t year;
    int32_t month;
    int32_t day;
    int32_t second;
} cdc_time;

/* What the driver tells the plug-in in cdc_initialize; valid during that call only. */
typedef struct cdc_init_args {
    /* The component's MPI communicator as a Fortran handle (MPI_Fint, from MPI_Comm_c2f):
     * Fortran uses it as it is; C turns it back with MPI_Comm_f2c(args->comm). */
    int32_t comm;
    /* The OpenMP threads each task may use. */
    int32_t threads;
    /* The first run's start (on a continued run, the restart time) and the run's stop. */
    cdc_time start;
    cdc_time stop;
    /* The length of each cdc_run call, seconds. */
    int64_t coupling_interval;
    /* The component's namelist group &<kind>_plugin_nml (e.g. &ocn_plugin_nml), rendered as
     * text: "&ocn_plugin_nml\n", one "  key = value[, value...]\n" line per assignment
     * (strings in single quotes, reals as 1.5 or 1e-05, logicals as .true./.false.), then
     * "/\n". Comments are dropped. Empty ("") when the namelist has no such group.
     * NUL-terminated; namelist_length is its length without the NUL. A Fortran plug-in can
     * read it with an internal namelist read after c_f_pointer. */
    const char *namelist;
    int64_t namelist_length;
    /* "atm", "lnd", "rof", "ice", "ocn", "glc" or "wav". */
    char kind[CDC_NAME_LEN];
    /* "NO_LEAP" or "GREGORIAN". */
    char calendar[CDC_NAME_LEN];
    /* The case name (case_name in &seq_infodata_inparm), for file names. */
    char case_name[CDC_NAME_LEN];
    /* The namelist's folder (relative paths in the namelist resolve against it) and the run
     * directory (logs, history, restarts; the plug-in may write its own files there). */
    char namelist_directory[CDC_PATH_LEN];
    char run_directory[CDC_PATH_LEN];
} cdc_init_args;

#if CDC_ABI_VERSION >= 2
/* How many fields and history variables of its own a plug-in can declare. */
#define CDC_MAX_FIELDS 32

/* cdc_field.kind: a state (mapped by the state map, *_smapname) or a flux per unit area
 * (mapped conservatively, *_fmapname). */
#define CDC_STATE 1
#define CDC_FLUX 2

/* A coupling field the standard table (docs/coupler.md) does not have, declared by the plug-in.
 * Either the plug-in exports it (merge empty): it names it in its exports too, and the coupler
 * copies it, mapped to each importer's grid, to every component in importers. Or the coupler
 * forms it (merge set): for each importer, the fraction-weighted sum of other fields, written
 * "lfrac*Sl_x + ifrac*Si_x + ofrac*So_x" (fractions lfrac, ifrac, ofrac); a term without a
 * fraction ("ofrac*So_x + Fioi_x") is a field per unit cell area, taken as it is. A field any
 * component declares may be imported by the components it names; several plug-ins may declare
 * one field alike. */
typedef struct cdc_field {
    char name[CDC_NAME_LEN];      /* a letter, then letters, digits, underscores: "So_steric" */
    char long_name[CDC_NAME_LEN]; /* "thermosteric sea-surface height anomaly" */
    char units[CDC_NAME_LEN];     /* UDUNITS: "m", "W m-2" */
    int32_t kind;                 /* CDC_STATE or CDC_FLUX */
    char importers[CDC_NAME_LEN]; /* colon-separated kinds: "lnd:atm" */
    char merge[CDC_LIST_LEN];     /* "" (the plug-in's export) or the merge each importer gets */
} cdc_field;

/* A variable of the plug-in's own in its history file (CASE.<kind>.h.DATE.nc). */
typedef struct cdc_variable {
    char name[CDC_NAME_LEN];      /* the netCDF name: a letter, then letters, digits, underscores */
    char long_name[CDC_NAME_LEN];
    char units[CDC_NAME_LEN];
} cdc_variable;
#endif

/* What the plug-in tells the driver in cdc_initialize. The driver zero-fills it and sets
 * point_count to CDC_DRIVER_DECOMPOSITION before the call. */
typedef struct cdc_setup {
    /* Anything the plug-in wants back in later calls (its state); the driver never reads it. */
    void *instance;
    /* This task's points: point_count 1-based global indices into the grid file's points
     * (grid_size order; for a 2-D grid of grid_dims = ni, nj, point (i, j) is (j-1)*ni + i), in
     * any order, each owned by exactly one task. The array belongs to the plug-in and must stay
     * valid until cdc_finalize returns. Or point_count = CDC_DRIVER_DECOMPOSITION (points
     * ignored): the driver gives each task a contiguous block, in task order. */
    const int64_t *points;
    int64_t point_count;
    /* The SCRIP grid file (grid_size, grid_dims, grid_center_lat/lon, grid_area, grid_imask);
     * a relative path is taken from the namelist's folder. */
    char grid_file[CDC_PATH_LEN];
    /* The fields the plug-in sends to the coupler and receives from it: cpl7 names separated
     * by colons, e.g. "So_t:So_u:So_v:So_s:Fioo_q" (see docs/component-guide.md, part 13). */
    char exports[CDC_LIST_LEN];
    char imports[CDC_LIST_LEN];
    /* The fields of the plug-in's restart file, colon-separated netCDF variable names (may be
     * empty: a stateless model). Non-empty requires cdc_write_restart and cdc_read_restart. */
    char restart_fields[CDC_LIST_LEN];
#if CDC_ABI_VERSION >= 2
    /* Fields of the plug-in's own: field_count entries of fields. */
    int32_t field_count;
    cdc_field fields[CDC_MAX_FIELDS];
    /* Variables of its own for its history file: history_count entries of history, filled by
     * cdc_history (required when history_count > 0). */
    int32_t history_count;
    cdc_variable history[CDC_MAX_FIELDS];
#endif
} cdc_setup;

/* The grid at this task's points, given to cdc_set_domain; valid during that call only. */
typedef struct cdc_domain {
    /* The points of the whole grid, and its shape as in grid_dims (nj = 1 for a grid of one
     * dimension). */
    int64_t global_size;
    int64_t ni;
    int64_t nj;
    /* This task's points: their number and 1-based global indices, in local order. */
    int64_t local_size;
    const int64_t *points;
    /* Per local point: centre longitude and latitude (degrees), area (steradians) and mask
     * (grid_imask: 1 active, 0 not). */
    const double *lon;
    const double *lat;
    const double *area;
    const double *mask;
} cdc_domain;

/* Where a failing function explains itself. */
typedef struct cdc_error {
    char message[CDC_MESSAGE_LEN];
} cdc_error;

/* Required. Returns CDC_ABI_VERSION as the plug-in was compiled with it. */
int32_t cdc_abi_version(void);

/* Required. Reads the settings, chooses the decomposition and names the fields. */
int32_t cdc_initialize(const cdc_init_args *args, cdc_setup *setup, cdc_error *error);

/* Optional. The grid at this task's points, after the driver read the grid file. */
int32_t cdc_set_domain(void *instance, const cdc_domain *domain, cdc_error *error);

/* Optional. Fills exports ([export][point]) with the state at the start, before any run; after
 * cdc_read_restart, with the exports of the last run before the restart. */
int32_t cdc_initial_exports(void *instance, double *exports, int64_t local_size, cdc_error *error);

/* Required. Advances the model from start to end (one coupling interval), reading imports
 * ([import][point]) and filling exports ([export][point]). */
int32_t cdc_run(void *instance, const cdc_time *start, const cdc_time *end, const double *imports,
                double *exports, int64_t local_size, cdc_error *error);

#if CDC_ABI_VERSION >= 2
/* Version 2, required when cdc_setup.history_count > 0. Fills values ([history variable][point])
 * with the plug-in's own history variables at a history time. */
int32_t cdc_history(void *instance, double *values, int64_t local_size, cdc_error *error);
#endif

/* Fills fields ([restart field][point]) with the state to continue from. The driver writes
 * them in global index order, so the file can be read on any layout. */
int32_t cdc_write_restart(void *instance, double *fields, int64_t local_size, cdc_error *error);

/* Restores the state from fields ([restart field][point]), as cdc_write_restart filled them
 * (the task's points may differ from those of the run that wrote them). */
int32_t cdc_read_restart(void *instance, const double *fields, int64_t local_size, cdc_error *error);

/* Optional. Ends the run: final diagnostics, freeing memory (the driver never unloads the
 * library). */
int32_t cdc_finalize(void *instance, cdc_error *error);

#ifdef __cplusplus
}
#endif

#endif /* COUPLED_DRIVER_COMPONENT_H */
