import Coupling
import Namelist
import TimeManager

/// A data ocean (`ocn = 'docn'`, CESM's docn in prescribed-SST mode): it exports the ocean exports of `ExchangeTable.standard`
/// read from a forcing file and interpolated in time, and imports nothing.
///
/// Settings come from `&docn_nml` (``DataModelSettings``; defaults: `grid_1deg_ocean.nc`,
/// `docn.sst.1deg.clim.nc` cycled as a climatology); how the exports follow from the file's fields
/// is ``DataOceanFields``. See docs/data-models.md.
public final class DataOcean: Component {
    private let model = DataModel(definition: .ocean)

    /// A data ocean, not yet initialised.
    public init() {}

    /// Reads its namelist group and checks that its grid and forcing files exist.
    public func check(_ preflight: ModelPreflight) -> ModelCheck { model.check(preflight) }

    /// Reads `&docn_nml`, the grid and the forcing file's header.
    public func initialize(context: ComponentContext) throws -> ComponentSetup {
        try model.initialize(context: context)
    }

    /// The exports at the start time.
    public func initialExports(_ exports: inout FieldBundle, context: ComponentContext) throws {
        try model.fill(&exports, at: context.startTime)
    }

    /// The exports at the mid-point of the interval.
    public func run(from start: ModelTime, until end: ModelTime, imports: FieldBundle, exports: inout FieldBundle,
                    context: ComponentContext) throws {
        try model.fill(&exports, from: start, until: end)
    }

    /// Closes the forcing file.
    public func finalize(context: ComponentContext) throws {
        model.finalize(context: context)
    }
}
