/// Getters for the MPI handles that Swift cannot import directly.
///
/// Open MPI defines `MPI_COMM_WORLD`, `MPI_DOUBLE`, `MPI_SUM`, `MPI_IN_PLACE`, ...
/// as casts of the addresses of library globals; the Clang importer drops such
/// macros. Each function here returns one handle, so the Swift `MPI` module can
/// use them without knowing how the MPI library spells them.
#ifndef CMPI_SHIMS_H
#define CMPI_SHIMS_H

#include <mpi.h>

MPI_Comm cmpi_comm_world(void);
MPI_Comm cmpi_comm_self(void);
MPI_Comm cmpi_comm_null(void);
MPI_Group cmpi_group_empty(void);
MPI_Info cmpi_info_null(void);
MPI_Errhandler cmpi_errors_return(void);
MPI_Request cmpi_request_null(void);
MPI_Status *cmpi_status_ignore(void);
MPI_Status *cmpi_statuses_ignore(void);
void *cmpi_in_place(void);

MPI_Datatype cmpi_type_double(void);
MPI_Datatype cmpi_type_float(void);
MPI_Datatype cmpi_type_int32(void);
MPI_Datatype cmpi_type_int64(void);
MPI_Datatype cmpi_type_uint8(void);
MPI_Datatype cmpi_type_uint64(void);
MPI_Datatype cmpi_type_byte(void);

MPI_Op cmpi_op_sum(void);
MPI_Op cmpi_op_max(void);
MPI_Op cmpi_op_min(void);
MPI_Op cmpi_op_land(void);
MPI_Op cmpi_op_lor(void);

/// The Fortran integer handle of a communicator (what a Fortran model receives).
MPI_Fint cmpi_comm_c2f(MPI_Comm comm);
/// The C handle of a Fortran communicator handle.
MPI_Comm cmpi_comm_f2c(MPI_Fint comm);

#endif
