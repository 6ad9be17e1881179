/*
 * cocean: a mixed-layer ocean as a coupled-driver plug-in, in C.
 *
 * Each ocean point (grid_imask = 1) is a layer of sea water of fixed depth H whose temperature
 * T follows the heat the coupler's forcing brings, relaxed toward a climatological temperature
 * of latitude (the heat the circulation carries):
 *
 *     rho c_p H dT/dt = Q,   Q = swnet + lwdn + lwup + sen + lat + melth - L_f snow
 *     T <- T + (T_clim - T)(1 - exp(-dt / tau))
 *
 * If T ends below freezing (T_f), it is set back to T_f and the heat that took,
 * q = rho c_p H (T_f - T) / dt > 0, is exported as the freezing potential Fioo_q; otherwise
 * q < 0 is the melt potential. Salinity is fixed, there are no currents. Land points export
 * freezing water and no potential.
 *
 * Built for plug-in ABI version 2 (the default), it also declares and exports a field of its
 * own, So_steric: the thermosteric sea-surface height anomaly of the mixed layer,
 * alpha H (T - T_ref), which a land model can import (examples/swift-component's mymodel does,
 * with coastal_sea_level = .true.). And it writes a history variable of its own,
 * relaxation_heating: the heat the relaxation toward climatology gave the layer in the last
 * interval, in W m-2 (the ocean heat transport it stands in for). Built with
 * -DCDC_ABI_VERSION=1 it is a version-1 plug-in without either.
 *
 * Settings, namelist group &ocn_plugin_nml: grid_file (required), mixed_layer_depth (m, 50),
 * relaxation_days (90; 0 turns the relaxation off).
 *
 * The driver chooses the decomposition (contiguous blocks). The plug-in writes cocean.log in
 * the run directory from the first task of its communicator.
 */
#include <ctype.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <mpi.h>

#include "coupled_driver_component.h"

/* Physical constants (SI), as the driver's built-in models use them. */
#define SEA_WATER_DENSITY 1026.0
#define SEA_WATER_SPECIFIC_HEAT 3996.0
#define LATENT_HEAT_OF_FUSION 3.337e5
#define FREEZING_TEMPERATURE (273.15 - 1.8)
#define SALINITY 34.7
#define EQUATOR_TEMPERATURE 301.0
#define FREEZING_LATITUDE 70.0
#define THERMAL_EXPANSION 2.0e-4   /* 1/K, sea water near 15 degC */
#define REFERENCE_TEMPERATURE 288.15

/* The imports and exports, in the order the setup lists them. */
static const char *IMPORTS = "Foxx_taux:Foxx_tauy:Foxx_swnet:Foxx_lwdn:Foxx_lwup:Foxx_sen:Foxx_lat:"
                             "Foxx_evap:Foxx_rain:Foxx_snow:Foxx_melth:Foxx_meltw";
enum { TAUX, TAUY, SWNET, LWDN, LWUP, SEN, LAT, EVAP, RAIN, SNOW, MELTH, MELTW };
#if CDC_ABI_VERSION >= 2
static const char *EXPORTS = "So_t:So_u:So_v:So_s:Fioo_q:So_steric";
#else
static const char *EXPORTS = "So_t:So_u:So_v:So_s:Fioo_q";
#endif
enum { SO_T, SO_U, SO_V, SO_S, FIOO_Q, SO_STERIC };
static const char *RESTART_FIELDS = "temperature:freezing_potential";
enum { RESTART_TEMPERATURE, RESTART_POTENTIAL };

/* One instance of the model: its settings and the state of this task's points. */
typedef struct ocean {
    MPI_Comm comm;
    int rank;
    double depth;            /* m */
    double relaxation_days;  /* days, 0: none */
    double dt;               /* s */
    char log_path[CDC_PATH_LEN + 16];
    int64_t n;               /* local points */
    double *temperature;     /* K */
    double *potential;       /* last freezing (> 0) or melt (< 0) potential, W m-2 */
    double *climate;         /* climatological temperature, K */
    double *relaxation;      /* heat the relaxation gave in the last interval, W m-2 */
    double *mask;            /* 1 ocean, 0 land */
} ocean;

static int fail(cdc_error *error, const char *format, ...) {
    va_list arguments;
    va_start(arguments, format);
    vsnprintf(error->message, CDC_MESSAGE_LEN, format, arguments);
    va_end(arguments);
    return 1;
}

/* Appends a line to cocean.log (first task only). */
static void log_line(const ocean *o, const char *format, ...) {
    if (o->rank != 0) return;
    FILE *file = fopen(o->log_path, "a");
    if (!file) return;
    va_list arguments;
    va_start(arguments, format);
    vfprintf(file, format, arguments);
    va_end(arguments);
    fputc('\n', file);
    fclose(file);
}

static double heat_capacity(const ocean *o) { return SEA_WATER_DENSITY * SEA_WATER_SPECIFIC_HEAT * o->depth; }

/* Copies text into a fixed-size character array of the ABI; fails if it does not fit. */
static int store(char *array, size_t size, const char *text, const char *what, cdc_error *error) {
    if (strlen(text) >= size) return fail(error, "%s is too long", what);
    strcpy(array, text);
    return 0;
}

/* Reads &ocn_plugin_nml as the driver renders it: "  key = value" lines between "&..." and "/".
 * grid_file must fit in CDC_PATH_LEN. */
static int read_settings(ocean *o, const char *text, char *grid_file, cdc_error *error) {
    const char *line = text;
    while (line && *line) {
        const char *end = strchr(line, '\n');
        size_t length = end ? (size_t)(end - line) : strlen(line);
        char buffer[CDC_PATH_LEN + 64];
        if (length >= sizeof buffer) return fail(error, "&ocn_plugin_nml: a line is too long");
        memcpy(buffer, line, length);
        buffer[length] = '\0';
        line = end ? end + 1 : NULL;
        char *equals = strchr(buffer, '=');
        if (buffer[0] == '&' || buffer[0] == '/' || !equals) continue;
        *equals = '\0';
        char key[64] = "", *value = equals + 1;
        if (sscanf(buffer, " %63s", key) != 1) continue;
        for (char *c = key; *c; c++) *c = (char)tolower((unsigned char)*c);
        while (*value == ' ') value++;
        if (strcmp(key, "grid_file") == 0) {
            /* A quoted string; '' inside stands for one quote. */
            if (*value != '\'') return fail(error, "&ocn_plugin_nml: grid_file must be a string");
            char *out = grid_file;
            for (char *c = value + 1; *c; c++) {
                if (*c == '\'' && c[1] == '\'') c++;
                else if (*c == '\'') break;
                *out++ = *c;
            }
            *out = '\0';
        } else if (strcmp(key, "mixed_layer_depth") == 0) {
            o->depth = strtod(value, NULL);
            if (!(o->depth >= 1 && o->depth <= 1000)) return fail(error, "&ocn_plugin_nml: mixed_layer_depth = %s is not in 1...1000 m", value);
        } else if (strcmp(key, "relaxation_days") == 0) {
            o->relaxation_days = strtod(value, NULL);
            if (!(o->relaxation_days >= 0)) return fail(error, "&ocn_plugin_nml: relaxation_days = %s is negative", value);
        } else {
            return fail(error, "&ocn_plugin_nml: unknown key '%s' (grid_file, mixed_layer_depth, relaxation_days)", key);
        }
    }
    if (!grid_file[0]) return fail(error, "&ocn_plugin_nml: grid_file is required");
    return 0;
}

int32_t cdc_abi_version(void) { return CDC_ABI_VERSION; }

int32_t cdc_initialize(const cdc_init_args *args, cdc_setup *setup, cdc_error *error) {
    if (strcmp(args->kind, "ocn") != 0) return fail(error, "cocean is an ocean, not '%s'", args->kind);
    ocean *o = calloc(1, sizeof *o);
    if (!o) return fail(error, "out of memory");
    setup->instance = o; /* the driver hands it back to every later call */
    o->comm = MPI_Comm_f2c(args->comm);
    MPI_Comm_rank(o->comm, &o->rank);
    o->depth = 50;
    o->relaxation_days = 90;
    o->dt = (double)args->coupling_interval;
    snprintf(o->log_path, sizeof o->log_path, "%s/cocean.log", args->run_directory);
    char grid_file[CDC_PATH_LEN] = "";
    if (read_settings(o, args->namelist, grid_file, error)) return 1;
    setup->point_count = CDC_DRIVER_DECOMPOSITION;
    if (store(setup->grid_file, CDC_PATH_LEN, grid_file, "grid_file", error)
        || store(setup->exports, CDC_LIST_LEN, EXPORTS, "the exports", error)
        || store(setup->imports, CDC_LIST_LEN, IMPORTS, "the imports", error)
        || store(setup->restart_fields, CDC_LIST_LEN, RESTART_FIELDS, "the restart fields", error)) return 1;
#if CDC_ABI_VERSION >= 2
    /* The field of its own: exported by this ocean, copied (mapped by the ocean-to-atmosphere
     * state map) to a land that imports it. */
    setup->field_count = 1;
    cdc_field *steric = &setup->fields[0];
    strcpy(steric->name, "So_steric");
    strcpy(steric->long_name, "thermosteric sea-surface height anomaly");
    strcpy(steric->units, "m");
    steric->kind = CDC_STATE;
    strcpy(steric->importers, "lnd");
    setup->history_count = 1;
    strcpy(setup->history[0].name, "relaxation_heating");
    strcpy(setup->history[0].long_name, "heating by the relaxation toward climatology over the last interval");
    strcpy(setup->history[0].units, "W m-2");
#endif
    log_line(o, "cocean: mixed layer %g m, relaxation %g days, coupling interval %g s, grid %s",
             o->depth, o->relaxation_days, o->dt, grid_file);
    return 0;
}

int32_t cdc_set_domain(void *instance, const cdc_domain *domain, cdc_error *error) {
    ocean *o = instance;
    int64_t n = domain->local_size;
    o->n = n;
    o->temperature = calloc((size_t)n + 1, sizeof(double));
    o->potential = calloc((size_t)n + 1, sizeof(double));
    o->climate = calloc((size_t)n + 1, sizeof(double));
    o->mask = calloc((size_t)n + 1, sizeof(double));
    o->relaxation = calloc((size_t)n + 1, sizeof(double));
    if (!o->temperature || !o->potential || !o->climate || !o->mask || !o->relaxation) return fail(error, "out of memory for %lld points", (long long)n);
    long long ocean_points = 0;
    for (int64_t p = 0; p < n; p++) {
        double x = domain->lat[p] / FREEZING_LATITUDE;
        double warm = 1 - x * x;
        o->mask[p] = domain->mask[p] > 0 ? 1 : 0;
        o->climate[p] = FREEZING_TEMPERATURE + (EQUATOR_TEMPERATURE - FREEZING_TEMPERATURE) * (warm > 0 ? warm : 0);
        o->temperature[p] = o->mask[p] > 0 ? o->climate[p] : FREEZING_TEMPERATURE;
        o->potential[p] = o->mask[p] > 0 ? heat_capacity(o) * (FREEZING_TEMPERATURE - o->temperature[p]) / o->dt : 0;
        ocean_points += o->mask[p] > 0;
    }
    /* Integer sums are the same on any number of tasks. */
    long long total = 0;
    if (MPI_Allreduce(&ocean_points, &total, 1, MPI_LONG_LONG, MPI_SUM, o->comm) != MPI_SUCCESS)
        return fail(error, "MPI_Allreduce failed");
    log_line(o, "cocean: %lld ocean points of %lld", total, (long long)domain->global_size);
    return 0;
}

/* Writes the exports of every point from its state. */
static void export_state(const ocean *o, double *exports) {
    int64_t n = o->n;
    for (int64_t p = 0; p < n; p++) {
        exports[SO_T * n + p] = o->temperature[p];
        exports[SO_U * n + p] = 0;
        exports[SO_V * n + p] = 0;
        exports[SO_S * n + p] = SALINITY;
        exports[FIOO_Q * n + p] = o->potential[p];
#if CDC_ABI_VERSION >= 2
        exports[SO_STERIC * n + p] = o->mask[p] > 0 ? THERMAL_EXPANSION * o->depth * (o->temperature[p] - REFERENCE_TEMPERATURE) : 0;
#endif
    }
}

int32_t cdc_initial_exports(void *instance, double *exports, int64_t local_size, cdc_error *error) {
    ocean *o = instance;
    if (local_size != o->n) return fail(error, "%lld points, expected %lld", (long long)local_size, (long long)o->n);
    export_state(o, exports);
    return 0;
}

int32_t cdc_run(void *instance, const cdc_time *start, const cdc_time *end, const double *imports, double *exports,
                int64_t local_size, cdc_error *error) {
    (void)start;
    (void)end;
    ocean *o = instance;
    int64_t n = o->n;
    if (local_size != n) return fail(error, "%lld points, expected %lld", (long long)local_size, (long long)n);
    double capacity = heat_capacity(o);
    double relaxation = o->relaxation_days > 0 ? 1 - exp(-o->dt / (o->relaxation_days * 86400)) : 0;
    for (int64_t p = 0; p < n; p++) {
        if (o->mask[p] == 0) continue;
#define IN(field) imports[(field) * n + p]
        double heating = IN(SWNET) + IN(LWDN) + IN(LWUP) + IN(SEN) + IN(LAT) + IN(MELTH) - LATENT_HEAT_OF_FUSION * IN(SNOW);
#undef IN
        double t = o->temperature[p] + heating * o->dt / capacity;
        double relaxed = (o->climate[p] - t) * relaxation;
        o->relaxation[p] = capacity * relaxed / o->dt;
        t += relaxed;
        double q = capacity * (FREEZING_TEMPERATURE - t) / o->dt;
        if (q > 0) t = FREEZING_TEMPERATURE;
        if (!isfinite(t)) return fail(error, "temperature %g at local point %lld", t, (long long)p);
        o->temperature[p] = t;
        o->potential[p] = q;
    }
    export_state(o, exports);
    return 0;
}

#if CDC_ABI_VERSION >= 2
int32_t cdc_history(void *instance, double *values, int64_t local_size, cdc_error *error) {
    ocean *o = instance;
    if (local_size != o->n) return fail(error, "%lld points, expected %lld", (long long)local_size, (long long)o->n);
    memcpy(values, o->relaxation, (size_t)o->n * sizeof(double));
    return 0;
}
#endif

int32_t cdc_write_restart(void *instance, double *fields, int64_t local_size, cdc_error *error) {
    ocean *o = instance;
    if (local_size != o->n) return fail(error, "%lld points, expected %lld", (long long)local_size, (long long)o->n);
    memcpy(fields + RESTART_TEMPERATURE * o->n, o->temperature, (size_t)o->n * sizeof(double));
    memcpy(fields + RESTART_POTENTIAL * o->n, o->potential, (size_t)o->n * sizeof(double));
    return 0;
}

int32_t cdc_read_restart(void *instance, const double *fields, int64_t local_size, cdc_error *error) {
    ocean *o = instance;
    if (local_size != o->n) return fail(error, "%lld points, expected %lld", (long long)local_size, (long long)o->n);
    memcpy(o->temperature, fields + RESTART_TEMPERATURE * o->n, (size_t)o->n * sizeof(double));
    memcpy(o->potential, fields + RESTART_POTENTIAL * o->n, (size_t)o->n * sizeof(double));
    log_line(o, "cocean: continuing from a restart");
    return 0;
}

int32_t cdc_finalize(void *instance, cdc_error *error) {
    ocean *o = instance;
    double warmest = -INFINITY, local = -INFINITY;
    for (int64_t p = 0; p < o->n; p++)
        if (o->mask[p] > 0 && o->temperature[p] > local) local = o->temperature[p];
    /* A maximum, unlike a floating-point sum, is the same on any number of tasks. */
    if (MPI_Allreduce(&local, &warmest, 1, MPI_DOUBLE, MPI_MAX, o->comm) != MPI_SUCCESS) return fail(error, "MPI_Allreduce failed");
    log_line(o, "cocean: warmest mixed layer at the end %.6f K", warmest);
    free(o->temperature);
    free(o->potential);
    free(o->climate);
    free(o->mask);
    free(o->relaxation);
    free(o);
    return 0;
}
