#include "cmpi_shims.h"

MPI_Comm cmpi_comm_world(void) { return MPI_COMM_WORLD; }
MPI_Comm cmpi_comm_self(void) { return MPI_COMM_SELF; }
MPI_Comm cmpi_comm_null(void) { return MPI_COMM_NULL; }
MPI_Group cmpi_group_empty(void) { return MPI_GROUP_EMPTY; }
MPI_Info cmpi_info_null(void) { return MPI_INFO_NULL; }
MPI_Errhandler cmpi_errors_return(void) { return MPI_ERRORS_RETURN; }
MPI_Request cmpi_request_null(void) { return MPI_REQUEST_NULL; }
MPI_Status *cmpi_status_ignore(void) { return MPI_STATUS_IGNORE; }
MPI_Status *cmpi_statuses_ignore(void) { return MPI_STATUSES_IGNORE; }
void *cmpi_in_place(void) { return MPI_IN_PLACE; }

MPI_Datatype cmpi_type_double(void) { return MPI_DOUBLE; }
MPI_Datatype cmpi_type_float(void) { return MPI_FLOAT; }
MPI_Datatype cmpi_type_int32(void) { return MPI_INT32_T; }
MPI_Datatype cmpi_type_int64(void) { return MPI_INT64_T; }
MPI_Datatype cmpi_type_uint8(void) { return MPI_UINT8_T; }
MPI_Datatype cmpi_type_uint64(void) { return MPI_UINT64_T; }
MPI_Datatype cmpi_type_byte(void) { return MPI_BYTE; }

MPI_Op cmpi_op_sum(void) { return MPI_SUM; }
MPI_Op cmpi_op_max(void) { return MPI_MAX; }
MPI_Op cmpi_op_min(void) { return MPI_MIN; }
MPI_Op cmpi_op_land(void) { return MPI_LAND; }
MPI_Op cmpi_op_lor(void) { return MPI_LOR; }

MPI_Fint cmpi_comm_c2f(MPI_Comm comm) { return MPI_Comm_c2f(comm); }
MPI_Comm cmpi_comm_f2c(MPI_Fint comm) { return MPI_Comm_f2c(comm); }
