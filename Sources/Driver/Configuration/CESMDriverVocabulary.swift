import Namelist

/// The groups and keys of a CESM driver namelist (`drv_in`, and `seq_maps.rc` for `&seq_maps`):
/// the names CESM's driver namelist definitions declare, for the MCT driver of CESM 2
/// (ESCOMP/CESM_CPL7andDataComps da2d25d2f73ef0b69c66222f6017b1971c0578f8,
/// `driver/cime_config/namelist_definition_drv.xml`; ESMCI/cime maint-5.6
/// 16b5f7de570d2454af282c1bc57f80c8f211293b for CESM 2.1), for CESM 1.2 (ESMCI/cime
/// 330e19c5481472a6b3852e4081d9ba0e695a2515, `models/drv/bld/namelist_files/namelist_definition_drv.xml`;
/// its `&ccsm_pes` keys are listed under `cime_pes`; `&pio_inparm`, which CESM 1.0 wrote into `drv_in`,
/// from `namelist_definition_modio.xml`) and the `drv_in` groups of the NUOPC driver
/// (ESCOMP/CMEPS d4886180781b818d9d998e54ba995194a3430694, `cime_config/namelist_definition_drv.xml`).
///
/// coupled-driver accepts every one of them: those it implements it reads; the others are
/// reported once, as ignored CESM settings, and refused only under `--strict`.
enum CESMDriverVocabulary {
    /// The keys of each group (lower case), by group name.
    static let keys: [String: Set<String>] = [
        "cime_driver_inst": names("""
            ninst_driver
            """),
        "cime_pes": names("""
            atm_layout atm_ntasks atm_nthreads atm_pestride atm_rootpe cpl_ntasks cpl_nthreads cpl_pestride
            cpl_rootpe esp_layout esp_ntasks esp_nthreads esp_pestride esp_rootpe glc_layout glc_ntasks
            glc_nthreads glc_pestride glc_rootpe iac_layout iac_ntasks iac_nthreads iac_pestride iac_rootpe
            ice_layout ice_ntasks ice_nthreads ice_pestride ice_rootpe info_mprof info_mprof_dt
            info_taskmap_comp info_taskmap_model lnd_layout lnd_ntasks lnd_nthreads lnd_pestride lnd_rootpe
            ocn_layout ocn_ntasks ocn_nthreads ocn_pestride ocn_rootpe rof_layout rof_ntasks rof_nthreads
            rof_pestride rof_rootpe wav_layout wav_ntasks wav_nthreads wav_pestride wav_rootpe
            """),
        "debug_inparm": names("""
            create_esmf_pet_files
            """),
        "esmf_inparm": names("""
            esmf_logfile_kind
            """),
        "papi_inparm": names("""
            papi_ctr1_str papi_ctr2_str papi_ctr3_str papi_ctr4_str
            """),
        "pio_default_inparm": names("""
            pio_async_interface pio_blocksize pio_buffer_size_limit pio_debug_level pio_numiotasks
            pio_rearr_comm_enable_hs_comp2io pio_rearr_comm_enable_hs_io2comp
            pio_rearr_comm_enable_isend_comp2io pio_rearr_comm_enable_isend_io2comp pio_rearr_comm_fcd
            pio_rearr_comm_max_pend_req_comp2io pio_rearr_comm_max_pend_req_io2comp pio_rearr_comm_type
            pio_root pio_stride pio_typename
            """),
        "pio_inparm": names("""
            pio_netcdf_format pio_numiotasks pio_rearranger pio_root pio_stride pio_typename
            """),
        "prof_inparm": names("""
            profile_add_detail profile_barrier profile_depth_limit profile_detail_limit profile_disable
            profile_global_stats profile_outpe_num profile_outpe_stride profile_ovhd_measurement
            profile_papi_enable profile_single_file profile_timer
            """),
        "seq_cplflds_inparm": names("""
            flds_bgc_oi flds_co2_dmsa flds_co2a flds_co2b flds_co2c flds_wiso glc_nec ice_ncat
            nan_check_component_fields rof_heat seq_flds_i2o_per_cat
            """),
        "seq_cplflds_userspec": names("""
            cplflds_custom
            """),
        "seq_flux_mct_inparm": names("""
            seq_flux_atmocn_minwind seq_flux_mct_albdif seq_flux_mct_albdir
            """),
        "seq_infodata_inparm": names("""
            aoflux_grid aqua_planet aqua_planet_sst atm_adiabatic atm_gnam atm_ideal_phys bfbflag
            brnch_retain_casename budget_ann budget_daily budget_inst budget_ltann budget_ltend budget_month
            case_desc case_name cime_model coldair_outbreak_mod constant_zenith_deg cpl_cdf64 cpl_decomp
            cpl_seq_option do_budgets do_histinit drv_threading eps_aarea eps_agrid eps_amask eps_frac
            eps_oarea eps_ogrid eps_omask flux_albav flux_convergence flux_diurnal flux_epbal
            flux_max_iteration force_stop_at glc_gnam glc_renormalize_smb gust_fac histaux_a2x
            histaux_a2x1hr histaux_a2x1hri histaux_a2x24hr histaux_a2x3hr histaux_a2x3hrp
            histaux_double_precision histaux_l2x histaux_l2x1yrg histaux_r2x histaux_s2x1yr histavg_atm
            histavg_glc histavg_iac histavg_ice histavg_lnd histavg_ocn histavg_rof histavg_wav histavg_xao
            hostname iac_gnam ice_gnam info_debug iop_mode lnd_gnam logfilepostfix max_cplstep_time
            mct_usealltoall mct_usevector model_doi_url model_version ocean_tight_coupling ocn_gnam
            ocn_surface_flux_scheme orb_eccen orb_iyear orb_iyear_align orb_mode orb_mvelp orb_obliq
            orb_velp outpathroot pts_settings reprosum_allow_infnan reprosum_diffmax reprosum_recompute
            reprosum_use_ddpdd restart_file rof_gnam run_barriers samegrid_al samegrid_ao samegrid_aw
            samegrid_ow samegrid_ro scmlat scmlon shr_map_dopole single_column start_type tchkpt_dir
            tfreeze_option timing_dir username vect_map wall_time_limit wav_gnam wv_sat_scheme
            wv_sat_table_spacing wv_sat_transition_start wv_sat_use_tables
            """),
        "seq_maps": names("""
            atm2ice_fmapname atm2ice_fmaptype atm2ice_smapname atm2ice_smaptype atm2ice_vmapname
            atm2ice_vmaptype atm2lnd_fmapname atm2lnd_fmaptype atm2lnd_smapname atm2lnd_smaptype
            atm2ocn_fmapname atm2ocn_fmaptype atm2ocn_smapname atm2ocn_smaptype atm2ocn_vmapname
            atm2ocn_vmaptype atm2rof_fmapname atm2rof_fmaptype atm2rof_smapname atm2rof_smaptype
            atm2wav_smapname atm2wav_smaptype glc2ice_fmapname glc2ice_fmaptype glc2ice_rmapname
            glc2ice_rmaptype glc2ice_smapname glc2ice_smaptype glc2lnd_fmapname glc2lnd_fmaptype
            glc2lnd_smapname glc2lnd_smaptype glc2ocn_fmapname glc2ocn_fmaptype glc2ocn_ice_rmapname
            glc2ocn_ice_rmaptype glc2ocn_liq_rmapname glc2ocn_liq_rmaptype glc2ocn_smapname glc2ocn_smaptype
            iac2atm_fmapname iac2atm_fmaptype iac2atm_smapname iac2atm_smaptype iac2lnd_fmapname
            iac2lnd_fmaptype iac2lnd_smapname iac2lnd_smaptype ice2atm_fmapname ice2atm_fmaptype
            ice2atm_smapname ice2atm_smaptype ice2wav_smapname ice2wav_smaptype lnd2atm_fmapname
            lnd2atm_fmaptype lnd2atm_smapname lnd2atm_smaptype lnd2glc_fmapname lnd2glc_fmaptype
            lnd2glc_smapname lnd2glc_smaptype lnd2rof_fmapname lnd2rof_fmaptype ocn2atm_fmapname
            ocn2atm_fmaptype ocn2atm_smapname ocn2atm_smaptype ocn2glc_fmapname ocn2glc_fmaptype
            ocn2glc_smapname ocn2glc_smaptype ocn2wav_smapname ocn2wav_smaptype rof2lnd_fmapname
            rof2lnd_fmaptype rof2lnd_smapname rof2lnd_smaptype rof2ocn_fmapname rof2ocn_fmaptype
            rof2ocn_ice_rmapname rof2ocn_ice_rmaptype rof2ocn_liq_rmapname rof2ocn_liq_rmaptype
            rof2ocn_rmapname rof2ocn_rmaptype wav2ocn_smapname wav2ocn_smaptype
            """),
        "seq_timemgr_inparm": names("""
            atm_cpl_dt atm_cpl_offset barrier_n barrier_option barrier_ymd calendar data_assimilation_atm
            data_assimilation_cpl data_assimilation_glc data_assimilation_iac data_assimilation_ice
            data_assimilation_lnd data_assimilation_ocn data_assimilation_rof data_assimilation_wav
            end_restart esp_cpl_dt esp_cpl_offset esp_run_on_pause glc_avg_period glc_cpl_dt glc_cpl_offset
            histavg_n histavg_option histavg_ymd history_n history_option history_ymd iac_cpl_dt
            iac_cpl_offset ice_cpl_dt ice_cpl_offset lnd_cpl_dt lnd_cpl_offset ocn_cpl_dt ocn_cpl_offset
            pause_active_atm pause_active_cpl pause_active_glc pause_active_iac pause_active_ice
            pause_active_lnd pause_active_ocn pause_active_rof pause_active_wav pause_n pause_option
            restart_n restart_option restart_ymd rof_cpl_dt start_tod start_ymd stop_n stop_option stop_ymd
            tprof_n tprof_option tprof_ymd wav_cpl_dt wav_cpl_offset
            """),
    ]

    /// The groups, by name.
    static let groups = Set(keys.keys)

    /// Why an ignored setting does not apply here, where there is more to say than that
    /// coupled-driver does not implement it.
    static func note(on setting: IgnoredSetting) -> String? {
        guard let key = setting.key?.lowercased() else { return nil }
        if key.hasPrefix("esp_") || key.hasPrefix("iac_") || key.hasPrefix("iac2") || key.contains("2iac") {
            return "coupled-driver has no esp or iac component"
        }
        if key.hasSuffix("_layout") { return "it places the instances of a multi-instance component; every component has one" }
        return nil
    }

    private static func names(_ text: String) -> Set<String> {
        Set(text.split(whereSeparator: { $0 == " " || $0 == "\n" }).map(String.init))
    }
}
