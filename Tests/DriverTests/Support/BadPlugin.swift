/// A small ocean plug-in for the error cases: constant exports, and a `mode` in its namelist
/// group (`&ocn_plugin_nml mode = 'unknown_export'`) that makes it export a field the coupler
/// does not know, declare a standard field otherwise than the table (`redeclare`), declare a
/// field of no kind (`no_kind`), name a history variable without `cdc_history`
/// (`history_without_function`), or fail in its second `cdc_run` with a message naming the time. Compiled with
/// `-DOMIT_RUN` it lacks `cdc_run`; with `-DABI=3` it claims an ABI version this driver does not load.
enum BadPlugin {
    static let source = #"""
    #include <stdio.h>
    #include <string.h>
    #include "coupled_driver_component.h"

    #ifndef ABI
    #define ABI CDC_ABI_VERSION
    #endif

    static char mode[64];

    int32_t cdc_abi_version(void) { return ABI; }

    /* The value of `key = '...'` in the namelist text, or "". */
    static void setting(const char *text, const char *key, char *value, size_t size) {
        char pattern[64];
        snprintf(pattern, sizeof pattern, "%s = '", key);
        const char *start = strstr(text, pattern);
        value[0] = '\0';
        if (!start) return;
        start += strlen(pattern);
        size_t length = strcspn(start, "'");
        if (length >= size) length = size - 1;
        memcpy(value, start, length);
        value[length] = '\0';
    }

    int32_t cdc_initialize(const cdc_init_args *args, cdc_setup *setup, cdc_error *error) {
        (void)error;
        setting(args->namelist, "mode", mode, sizeof mode);
        setting(args->namelist, "grid_file", setup->grid_file, CDC_PATH_LEN);
        strcpy(setup->exports, strcmp(mode, "unknown_export") == 0 ? "So_t:So_u:So_v:So_s:Fioo_q:So_tt" : "So_t:So_u:So_v:So_s:Fioo_q");
        strcpy(setup->imports, "Foxx_swnet");
        if (strcmp(mode, "redeclare") == 0 || strcmp(mode, "no_kind") == 0) {
            setup->field_count = 1;
            strcpy(setup->fields[0].name, strcmp(mode, "redeclare") == 0 ? "So_t" : "So_x");
            strcpy(setup->fields[0].long_name, "surface temperature");
            strcpy(setup->fields[0].units, "degC");
            setup->fields[0].kind = strcmp(mode, "redeclare") == 0 ? CDC_STATE : 0;
            strcpy(setup->fields[0].importers, "ice");
        }
        if (strcmp(mode, "history_without_function") == 0) {
            setup->history_count = 1;
            strcpy(setup->history[0].name, "heat");
        }
        return 0;
    }

    int32_t cdc_initial_exports(void *instance, double *exports, int64_t n, cdc_error *error) {
        (void)instance;
        (void)error;
        for (int64_t p = 0; p < n; p++) {
            exports[p] = 280;
            exports[n + p] = 0;
            exports[2 * n + p] = 0;
            exports[3 * n + p] = 35;
            exports[4 * n + p] = 0;
        }
        return 0;
    }

    #ifndef OMIT_RUN
    int32_t cdc_run(void *instance, const cdc_time *start, const cdc_time *end, const double *imports, double *exports,
                    int64_t n, cdc_error *error) {
        (void)end;
        (void)imports;
        if (strcmp(mode, "fail_run") == 0 && start->second == 3600) {
            snprintf(error->message, CDC_MESSAGE_LEN, "the ocean boiled at %04d-%02d-%02d second %d",
                     start->year, start->month, start->day, start->second);
            return 7;
        }
        return cdc_initial_exports(instance, exports, n, error);
    }
    #endif
    """#
}
