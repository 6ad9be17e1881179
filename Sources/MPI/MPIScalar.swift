import CMPI
import CMPIShims

/// A Swift type with a matching MPI datatype, so buffers of it can be sent and reduced.
public protocol MPIScalar: BitwiseCopyable, Sendable {
    /// The MPI datatype describing one value of this type.
    static var mpiDatatype: MPI_Datatype { get }
}

extension Double: MPIScalar { public static var mpiDatatype: MPI_Datatype { cmpi_type_double() } }
extension Float: MPIScalar { public static var mpiDatatype: MPI_Datatype { cmpi_type_float() } }
extension Int32: MPIScalar { public static var mpiDatatype: MPI_Datatype { cmpi_type_int32() } }
extension Int64: MPIScalar { public static var mpiDatatype: MPI_Datatype { cmpi_type_int64() } }
extension Int: MPIScalar { public static var mpiDatatype: MPI_Datatype { cmpi_type_int64() } }
extension UInt8: MPIScalar { public static var mpiDatatype: MPI_Datatype { cmpi_type_uint8() } }
extension UInt64: MPIScalar { public static var mpiDatatype: MPI_Datatype { cmpi_type_uint64() } }

/// A reduction operation for `reduce` and `allReduce`.
public enum ReductionOperation: Sendable {
    /// `MPI_SUM`.
    case sum
    /// `MPI_MAX`.
    case maximum
    /// `MPI_MIN`.
    case minimum

    var handle: MPI_Op {
        switch self {
        case .sum: cmpi_op_sum()
        case .maximum: cmpi_op_max()
        case .minimum: cmpi_op_min()
        }
    }
}
