/// The lines of `cpl.log` that other tools read — the ensemble runner, batch scripts, CIME-style
/// checks — declared once for the driver that writes them and the tools that look for them.
public enum CouplerLogLines {
    /// The start of the last line of a run that every rank finished (after the components'
    /// finalize and a last barrier, every file written), as CESM's `cpl.log` ends.
    public static let successfulTermination = "SUCCESSFUL TERMINATION of coupled-driver"
    /// The start of the progress line written at each new model day, followed by the date:
    /// `model date 0001-01-03-00000  wall clock ...  248.64 simulated years per day ...`.
    public static let progress = "model date "
}
