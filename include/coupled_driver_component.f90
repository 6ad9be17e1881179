! coupled_driver_component.f90: the plug-in ABI of coupled_driver_component.h for Fortran.
!
! Each bind(C) type mirrors the C struct of the same name, field for field; see the header for
! what the fields mean and when the driver calls each function. A Fortran plug-in uses this
! module and defines the functions with bind(C) and the exact C names, for example
!
!   integer(c_int32_t) function cdc_run(instance, start_time, end_time, imports, exports, &
!       local_size, error) bind(C, name="cdc_run")
!
! with `type(c_ptr), value :: instance`, `integer(c_int64_t), value :: local_size` (declared
! before the arrays) and the field buffers as arrays `imports(local_size, nimports)` (a field
! per column). Fortran names ignore case, so cdc_abi_version needs another Fortran name than
! the constant CDC_ABI_VERSION: `function abi_version() bind(C, name="cdc_abi_version")`.
module coupled_driver_component
    use, intrinsic :: iso_c_binding, only: c_char, c_double, c_int32_t, c_int64_t, c_null_char, c_ptr, &
        c_associated, c_f_pointer
    implicit none
    private

    integer(c_int32_t), parameter, public :: CDC_ABI_VERSION = 2
    integer, parameter, public :: CDC_NAME_LEN = 256, CDC_PATH_LEN = 4096, CDC_LIST_LEN = 4096, CDC_MESSAGE_LEN = 1024
    integer, parameter, public :: CDC_MAX_FIELDS = 32
    integer(c_int32_t), parameter, public :: CDC_STATE = 1, CDC_FLUX = 2
    integer(c_int64_t), parameter, public :: CDC_DRIVER_DECOMPOSITION = -1

    type, bind(C), public :: cdc_time
        integer(c_int32_t) :: year, month, day, second
    end type cdc_time

    type, bind(C), public :: cdc_init_args
        integer(c_int32_t) :: comm        ! the communicator's Fortran handle: use it with `use mpi` as it is
        integer(c_int32_t) :: threads
        type(cdc_time) :: start, stop
        integer(c_int64_t) :: coupling_interval
        type(c_ptr) :: namelist           ! see cdc_namelist_text
        integer(c_int64_t) :: namelist_length
        character(kind=c_char) :: kind(CDC_NAME_LEN)
        character(kind=c_char) :: calendar(CDC_NAME_LEN)
        character(kind=c_char) :: case_name(CDC_NAME_LEN)
        character(kind=c_char) :: namelist_directory(CDC_PATH_LEN)
        character(kind=c_char) :: run_directory(CDC_PATH_LEN)
    end type cdc_init_args

    type, bind(C), public :: cdc_field
        character(kind=c_char) :: name(CDC_NAME_LEN)
        character(kind=c_char) :: long_name(CDC_NAME_LEN)
        character(kind=c_char) :: units(CDC_NAME_LEN)
        integer(c_int32_t) :: kind        ! CDC_STATE or CDC_FLUX
        character(kind=c_char) :: importers(CDC_NAME_LEN)
        character(kind=c_char) :: merge(CDC_LIST_LEN)
    end type cdc_field

    type, bind(C), public :: cdc_variable
        character(kind=c_char) :: name(CDC_NAME_LEN)
        character(kind=c_char) :: long_name(CDC_NAME_LEN)
        character(kind=c_char) :: units(CDC_NAME_LEN)
    end type cdc_variable

    type, bind(C), public :: cdc_setup
        type(c_ptr) :: instance
        type(c_ptr) :: points             ! c_loc of an integer(c_int64_t), target array that outlives the run
        integer(c_int64_t) :: point_count
        character(kind=c_char) :: grid_file(CDC_PATH_LEN)
        character(kind=c_char) :: exports(CDC_LIST_LEN)
        character(kind=c_char) :: imports(CDC_LIST_LEN)
        character(kind=c_char) :: restart_fields(CDC_LIST_LEN)
        integer(c_int32_t) :: field_count
        type(cdc_field) :: fields(CDC_MAX_FIELDS)
        integer(c_int32_t) :: history_count
        type(cdc_variable) :: history(CDC_MAX_FIELDS)
    end type cdc_setup

    type, bind(C), public :: cdc_domain
        integer(c_int64_t) :: global_size, ni, nj, local_size
        type(c_ptr) :: points, lon, lat, area, mask
    end type cdc_domain

    type, bind(C), public :: cdc_error
        character(kind=c_char) :: message(CDC_MESSAGE_LEN)
    end type cdc_error

    public :: cdc_string, cdc_store, cdc_namelist_text, cdc_local_values

contains

    !> The text of a NUL-terminated character array of the ABI, as a Fortran string.
    function cdc_string(chars) result(text)
        character(kind=c_char), intent(in) :: chars(:)
        character(len=:), allocatable :: text
        integer :: i, n
        n = 0
        do while (n < size(chars))
            if (chars(n + 1) == c_null_char) exit
            n = n + 1
        end do
        allocate(character(len=n) :: text)
        do i = 1, n
            text(i:i) = chars(i)
        end do
    end function cdc_string

    !> Stores `text` (trailing blanks removed) NUL-terminated in a character array of the ABI,
    !> cut short if it does not fit.
    subroutine cdc_store(chars, text)
        character(kind=c_char), intent(out) :: chars(:)
        character(len=*), intent(in) :: text
        integer :: i, n
        n = min(len_trim(text), size(chars) - 1)
        chars = c_null_char
        do i = 1, n
            chars(i) = text(i:i)
        end do
    end subroutine cdc_store

    !> The component's namelist group as one line (the driver's line breaks made blanks), ready
    !> for an internal namelist read: `read(text, nml=my_group, iostat=status)`; "" if none.
    function cdc_namelist_text(args) result(text)
        type(cdc_init_args), intent(in) :: args
        character(len=:), allocatable :: text
        character(kind=c_char), pointer :: chars(:)
        integer :: i
        allocate(character(len=args%namelist_length) :: text)
        if (args%namelist_length == 0 .or. .not. c_associated(args%namelist)) return
        call c_f_pointer(args%namelist, chars, [args%namelist_length])
        do i = 1, int(args%namelist_length)
            text(i:i) = chars(i)
            if (text(i:i) == achar(10)) text(i:i) = ' '
        end do
    end function cdc_namelist_text

    !> One of the domain's per-point arrays (domain%lon, %lat, %area or %mask) as a Fortran
    !> pointer of domain%local_size values.
    function cdc_local_values(domain, array) result(values)
        type(cdc_domain), intent(in) :: domain
        type(c_ptr), intent(in) :: array
        real(c_double), pointer :: values(:)
        call c_f_pointer(array, values, [domain%local_size])
    end function cdc_local_values

end module coupled_driver_component
