extension ParallelDataset {
    /// The longest path, in bytes, that `create` and `open` hand to MPI-IO; a longer one is
    /// refused with an error instead of a crash.
    ///
    /// Open MPI 4.1 (OMPIO) asks each shared-file-pointer component whether it can serve a file
    /// it opens. The `lockedfile` component's query formats `PATH.locktest.RANK` with `sprintf`
    /// into a 256-byte buffer on the stack (`ompi/mca/sharedfp/lockedfile/sharedfp_lockedfile.c`),
    /// so on a longer path glibc's fortified `sprintf` aborts every rank with SIGABRT
    /// ("*** buffer overflow detected ***") inside `MPI_File_open`, which `ncmpi_create` and
    /// `ncmpi_open` call — at the first history or restart write of a run.
    ///
    /// Measured with Open MPI 4.1.4 and PnetCDF 1.12.3 on Debian 12 (a C program calling
    /// `ncmpi_create`, writing and closing — and one calling `ncmpi_open` on a file made by
    /// `ncgen` — for paths of growing length, absolute and relative, on 1, 2 and 11 ranks): paths
    /// of up to 244 bytes work on communicators of at most 10 ranks and 245 bytes abort, for
    /// both calls; on 11 ranks 243 bytes work and 244 abort. The limit is 245 less the digits of
    /// the highest rank (`PATH` + `.locktest.` + `RANK` + NUL must fit 256 bytes), so 235 bytes
    /// for any rank count an `Int32` can hold. The path counts as given: a relative path is not
    /// made absolute first. (Separately, with a file name — the last path component — of about
    /// 240 bytes or more, 241 in that test, the `sm` component cannot create its
    /// `NAME_cid-N-PID.sm` file and `MPI_File_open` fails cleanly.)
    ///
    /// 220 leaves 15 bytes of margin below 235, for other MPI-IO implementations that also build
    /// lock or shared-file-pointer file names from the path.
    public static let maximumPathLength = 220

    /// Throws, naming the path and the limit, if `path` is longer than `maximumPathLength` bytes.
    static func checkPathLength(_ path: String, operation: String) throws(NetCDFError) {
        let length = path.utf8.count
        guard length > maximumPathLength else { return }
        throw NetCDFError(code: -1, path: path, operation: operation,
                          message: "the path is \(length) bytes long, more than the \(maximumPathLength) bytes MPI-IO is given "
                            + "(Open MPI 4.1 aborts every rank on paths of about 235 bytes or more); use a shorter run directory or case name")
    }
}
