! fland: a land surface as a coupled-driver plug-in, in Fortran (ISO_C_BINDING, `use mpi`).
!
! Each cell with land (the coupler's land fraction Sf_lfrac > 0) is a surface layer of heat
! capacity C whose temperature T follows the surface energy balance, with the fluxes (positive
! downward) linearised about T and taken at the end of the step (an implicit step, stable for
! any coupling interval):
!
!   C dT/dt = swnet + lwdn + lwup + sen + L_v evap
!   lwup = -(eps sigma T**4 + (1 - eps) lwdn),  sen = c_p g (theta - T),
!   evap = beta g (q - q_sat(T)),               g = rho (kappa / ln(z / z0))**2 max(|u|, 1)
!
! with a fixed soil-moisture factor beta. The soil never dries: whatever rain and snow do not
! evaporate runs off (Fall_rofl). Albedos are fixed. Cells without land keep their state and
! export no fluxes.
!
! Settings, namelist group &lnd_plugin_nml: grid_file (required), ni, nj (the grid's shape,
! 192 x 94), heat_capacity (J m-2 K-1, 2e5), soil_moisture_factor (beta, 0.5).
!
! It writes one history variable of its own (plug-in ABI version 2): surface_heating, the heat
! the surface layer took up over the last interval, C dT / dt in W m-2.
!
! The plug-in chooses its decomposition: latitude rows dealt to the tasks in turn, each task
! keeping its rows from north to south (the driver accepts points in any order). It writes
! fland.log in the run directory from the first task of its communicator.
module fland
    use, intrinsic :: iso_c_binding
    use coupled_driver_component
    use mpi
    implicit none
    private

    real(c_double), parameter :: STEFAN_BOLTZMANN = 5.67d-8, LATENT_HEAT = 2.501d6, CP_AIR = 1.00464d3
    real(c_double), parameter :: EMISSIVITY = 0.96d0, ROUGHNESS = 0.05d0, VON_KARMAN = 0.4d0
    real(c_double), parameter :: VISIBLE_ALBEDO = 0.12d0, NEAR_INFRARED_ALBEDO = 0.28d0

    ! The fields, in the order the setup lists them.
    character(len=*), parameter :: IMPORTS = "Sa_z:Sa_u:Sa_v:Sa_tbot:Sa_ptem:Sa_shum:Sa_pbot:Sa_dens:" // &
        "Faxa_swndr:Faxa_swvdr:Faxa_swndf:Faxa_swvdf:Faxa_lwdn:Faxa_rainc:Faxa_rainl:Faxa_snowc:Faxa_snowl:Sf_lfrac"
    integer, parameter :: SA_Z = 1, SA_U = 2, SA_V = 3, SA_PTEM = 5, SA_SHUM = 6, SA_DENS = 8, &
        SWNDR = 9, SWVDR = 10, SWNDF = 11, SWVDF = 12, LWDN = 13, RAINC = 14, RAINL = 15, SNOWC = 16, SNOWL = 17, &
        LFRAC = 18, NIMPORTS = 18
    character(len=*), parameter :: EXPORTS = "Sl_t:Sl_avsdr:Sl_anidr:Sl_avsdf:Sl_anidf:" // &
        "Fall_swnet:Fall_lwup:Fall_sen:Fall_lat:Fall_evap:Fall_taux:Fall_tauy:Fall_rofl"
    integer, parameter :: NSTATES = 5, NFLUXES = 8, NEXPORTS = NSTATES + NFLUXES
    ! The restart: the temperature, then the fluxes of the last run (so a continued run starts
    ! from exactly the exports it stopped with).
    character(len=*), parameter :: RESTART_FIELDS = "temperature:Fall_swnet:Fall_lwup:Fall_sen:Fall_lat:" // &
        "Fall_evap:Fall_taux:Fall_tauy:Fall_rofl"

    ! Settings.
    character(len=CDC_PATH_LEN) :: grid_file = ""
    integer :: ni = 192, nj = 94
    real(c_double) :: heat_capacity = 2.0d5, soil_moisture_factor = 0.5d0
    namelist /lnd_plugin_nml/ grid_file, ni, nj, heat_capacity, soil_moisture_factor

    ! This task's state: one value per local point, in the order of `points`.
    integer :: comm, rank
    real(c_double) :: dt
    character(len=:), allocatable :: log_path
    integer(c_int64_t), allocatable, target :: points(:)
    real(c_double), allocatable :: temperature(:)
    real(c_double), allocatable :: fluxes(:, :)   ! (point, flux), the order of the Fall_ exports
    real(c_double), allocatable :: heating(:)     ! heat taken up over the last interval, W m-2
    integer :: land_cells = 0                     ! cells that had land at the last run

contains

    subroutine fail(error, text)
        type(cdc_error), intent(inout) :: error
        character(len=*), intent(in) :: text
        call cdc_store(error%message, text)
    end subroutine fail

    subroutine log_line(text)
        character(len=*), intent(in) :: text
        integer :: unit
        if (rank /= 0) return
        open(newunit=unit, file=log_path, position="append", action="write")
        write(unit, "(a)") trim(text)
        close(unit)
    end subroutine log_line

    ! Fortran names are case-insensitive: this function cannot be called cdc_abi_version, the
    ! name of the module's constant, so only its binding has the C name.
    integer(c_int32_t) function abi_version() bind(C, name="cdc_abi_version")
        abi_version = CDC_ABI_VERSION
    end function abi_version

    integer(c_int32_t) function cdc_initialize(args, setup, error) bind(C, name="cdc_initialize")
        type(cdc_init_args), intent(in) :: args
        type(cdc_setup), intent(inout) :: setup
        type(cdc_error), intent(inout) :: error
        character(len=:), allocatable :: text
        character(len=256) :: message
        integer :: status, ntasks, j, i, k, row
        cdc_initialize = 1
        if (cdc_string(args%kind) /= "lnd") then
            call fail(error, "fland is a land model, not '" // cdc_string(args%kind) // "'")
            return
        end if
        comm = args%comm
        call MPI_Comm_rank(comm, rank, status)
        call MPI_Comm_size(comm, ntasks, status)
        dt = real(args%coupling_interval, c_double)
        log_path = cdc_string(args%run_directory) // "/fland.log"
        text = cdc_namelist_text(args)
        if (len(text) > 0) then
            read(text, nml=lnd_plugin_nml, iostat=status, iomsg=message)
            if (status /= 0) then
                call fail(error, "&lnd_plugin_nml: " // trim(message))
                return
            end if
        end if
        if (len_trim(grid_file) == 0 .or. ni < 1 .or. nj < 1 .or. heat_capacity <= 0 &
            .or. soil_moisture_factor < 0 .or. soil_moisture_factor > 1) then
            call fail(error, "&lnd_plugin_nml: grid_file is required; ni, nj and heat_capacity must be positive;" // &
                " soil_moisture_factor in 0...1")
            return
        end if
        ! Rows rank+1, rank+1+ntasks, ... from north (the last) to south.
        allocate(points(ni * ((nj - rank + ntasks - 1) / ntasks)))
        k = 0
        do row = nj - mod(nj - 1 - rank, ntasks), 1, -ntasks
            j = row
            do i = 1, ni
                k = k + 1
                points(k) = int(j - 1, c_int64_t) * ni + i
            end do
        end do
        setup%points = c_loc(points)
        setup%point_count = size(points, kind=c_int64_t)
        call cdc_store(setup%grid_file, grid_file)
        call cdc_store(setup%exports, EXPORTS)
        call cdc_store(setup%imports, IMPORTS)
        call cdc_store(setup%restart_fields, RESTART_FIELDS)
        setup%history_count = 1
        call cdc_store(setup%history(1)%name, "surface_heating")
        call cdc_store(setup%history(1)%long_name, "heat taken up by the surface layer over the last interval")
        call cdc_store(setup%history(1)%units, "W m-2")
        write(message, "(a, i0, a, i0, a, es10.3, a, f5.2)") "fland: grid ", ni, " x ", nj, ", heat capacity ", &
            heat_capacity, ", soil moisture factor ", soil_moisture_factor
        call log_line(message)
        cdc_initialize = 0
    end function cdc_initialize

    integer(c_int32_t) function cdc_set_domain(instance, domain, error) bind(C, name="cdc_set_domain")
        type(c_ptr), value :: instance
        type(cdc_domain), intent(in) :: domain
        type(cdc_error), intent(inout) :: error
        real(c_double), pointer :: lat(:)
        integer(c_int64_t), pointer :: order(:)
        cdc_set_domain = 1
        if (domain%local_size /= size(points)) then
            call fail(error, "the driver's domain does not have this task's points")
            return
        end if
        call c_f_pointer(domain%points, order, [domain%local_size])
        if (any(order /= points)) then
            call fail(error, "the driver's domain lists this task's points in another order")
            return
        end if
        lat => cdc_local_values(domain, domain%lat)
        ! Cold poles, warm tropics; before the first run the surface emits and exchanges nothing else.
        temperature = 250.0d0 + 45.0d0 * cos(lat * acos(-1.0d0) / 180.0d0)**2
        allocate(fluxes(domain%local_size, NFLUXES), heating(domain%local_size))
        fluxes = 0
        heating = 0
        fluxes(:, 2) = -EMISSIVITY * STEFAN_BOLTZMANN * temperature**4
        cdc_set_domain = 0
    end function cdc_set_domain

    subroutine export_state(exports)
        real(c_double), intent(out) :: exports(:, :)
        exports(:, 1) = temperature
        exports(:, 2) = VISIBLE_ALBEDO
        exports(:, 3) = NEAR_INFRARED_ALBEDO
        exports(:, 4) = VISIBLE_ALBEDO
        exports(:, 5) = NEAR_INFRARED_ALBEDO
        exports(:, NSTATES + 1:) = fluxes
    end subroutine export_state

    integer(c_int32_t) function cdc_initial_exports(instance, exports, local_size, error) bind(C, name="cdc_initial_exports")
        type(c_ptr), value :: instance
        integer(c_int64_t), value :: local_size
        real(c_double), intent(out) :: exports(local_size, NEXPORTS)
        type(cdc_error), intent(inout) :: error
        call export_state(exports)
        cdc_initial_exports = 0
    end function cdc_initial_exports

    integer(c_int32_t) function cdc_run(instance, start_time, end_time, imports, exports, local_size, error) bind(C, name="cdc_run")
        type(c_ptr), value :: instance
        type(cdc_time), intent(in) :: start_time, end_time
        integer(c_int64_t), value :: local_size
        real(c_double), intent(in) :: imports(local_size, NIMPORTS)
        real(c_double), intent(out) :: exports(local_size, NEXPORTS)
        type(cdc_error), intent(inout) :: error
        integer(c_int64_t) :: p
        real(c_double) :: t, g, wind, height, qsat, swnet, lwup, dlwup, sen, dsen, evap, devap, net, slope, change
        land_cells = 0
        do p = 1, local_size
            if (imports(p, LFRAC) <= 0) then
                fluxes(p, :) = 0
                heating(p) = 0
                cycle
            end if
            land_cells = land_cells + 1
            t = temperature(p)
            wind = max(sqrt(imports(p, SA_U)**2 + imports(p, SA_V)**2), 1.0d0)
            height = max(imports(p, SA_Z), 2 * ROUGHNESS)
            g = imports(p, SA_DENS) * (VON_KARMAN / log(height / ROUGHNESS))**2 * wind
            swnet = (1 - VISIBLE_ALBEDO) * (imports(p, SWVDR) + imports(p, SWVDF)) &
                + (1 - NEAR_INFRARED_ALBEDO) * (imports(p, SWNDR) + imports(p, SWNDF))
            lwup = -(EMISSIVITY * STEFAN_BOLTZMANN * t**4 + (1 - EMISSIVITY) * imports(p, LWDN))
            dlwup = -4 * EMISSIVITY * STEFAN_BOLTZMANN * t**3
            sen = CP_AIR * g * (imports(p, SA_PTEM) - t)
            dsen = -CP_AIR * g
            qsat = 640380.0d0 / imports(p, SA_DENS) * exp(-5107.4d0 / t)
            evap = soil_moisture_factor * g * (imports(p, SA_SHUM) - qsat)
            devap = -soil_moisture_factor * g * qsat * 5107.4d0 / t**2
            net = swnet + imports(p, LWDN) + lwup + sen + LATENT_HEAT * evap
            slope = dlwup + dsen + LATENT_HEAT * devap
            change = dt * net / (heat_capacity - dt * slope)
            temperature(p) = t + change
            heating(p) = heat_capacity * change / dt
            fluxes(p, 1) = swnet
            fluxes(p, 2) = lwup + dlwup * change
            fluxes(p, 3) = sen + dsen * change
            fluxes(p, 5) = evap + devap * change
            fluxes(p, 4) = LATENT_HEAT * fluxes(p, 5)
            fluxes(p, 6) = g * imports(p, SA_U)
            fluxes(p, 7) = g * imports(p, SA_V)
            fluxes(p, 8) = max(0.0d0, imports(p, RAINC) + imports(p, RAINL) + imports(p, SNOWC) + imports(p, SNOWL) + fluxes(p, 5))
            if (.not. (abs(temperature(p)) < 1.0d4)) then
                call fail(error, "the surface temperature is no longer finite")
                cdc_run = 1
                return
            end if
        end do
        call export_state(exports)
        cdc_run = 0
    end function cdc_run

    integer(c_int32_t) function cdc_history(instance, values, local_size, error) bind(C, name="cdc_history")
        type(c_ptr), value :: instance
        integer(c_int64_t), value :: local_size
        real(c_double), intent(out) :: values(local_size, 1)
        type(cdc_error), intent(inout) :: error
        values(:, 1) = heating
        cdc_history = 0
    end function cdc_history

    integer(c_int32_t) function cdc_write_restart(instance, fields, local_size, error) bind(C, name="cdc_write_restart")
        type(c_ptr), value :: instance
        integer(c_int64_t), value :: local_size
        real(c_double), intent(out) :: fields(local_size, 1 + NFLUXES)
        type(cdc_error), intent(inout) :: error
        fields(:, 1) = temperature
        fields(:, 2:) = fluxes
        cdc_write_restart = 0
    end function cdc_write_restart

    integer(c_int32_t) function cdc_read_restart(instance, fields, local_size, error) bind(C, name="cdc_read_restart")
        type(c_ptr), value :: instance
        integer(c_int64_t), value :: local_size
        real(c_double), intent(in) :: fields(local_size, 1 + NFLUXES)
        type(cdc_error), intent(inout) :: error
        temperature = fields(:, 1)
        fluxes = fields(:, 2:)
        call log_line("fland: continuing from a restart")
        cdc_read_restart = 0
    end function cdc_read_restart

    integer(c_int32_t) function cdc_finalize(instance, error) bind(C, name="cdc_finalize")
        type(c_ptr), value :: instance
        type(cdc_error), intent(inout) :: error
        integer :: total, status
        character(len=128) :: message
        ! An integer sum is the same on any number of tasks.
        call MPI_Allreduce(land_cells, total, 1, MPI_INTEGER, MPI_SUM, comm, status)
        if (status /= MPI_SUCCESS) then
            call fail(error, "MPI_Allreduce failed")
            cdc_finalize = 1
            return
        end if
        write(message, "(a, i0, a)") "fland: ", total, " cells with land at the last run"
        call log_line(message)
        deallocate(points, temperature, fluxes, heating)
        cdc_finalize = 0
    end function cdc_finalize

end module fland
