import Coupling
import TimeManager

/// An absent component (`atm = 'stub'`): no grid, no fields. The driver skips its
/// exchanges; its run calls do nothing.
public final class StubComponent: Component {
    /// A stub; it has nothing to set up.
    public init() {}

    /// Logs that the component is a stub and returns `.absent`: no grid, no fields.
    public func initialize(context: ComponentContext) throws -> ComponentSetup {
        context.log.write("\(context.kind.label): stub component, no grid and no fields")
        return .absent
    }

    /// Does nothing: a stub has no state and no fields.
    public func run(from start: ModelTime, until end: ModelTime, imports: FieldBundle, exports: inout FieldBundle,
                    context: ComponentContext) throws {}

    /// Does nothing.
    public func finalize(context: ComponentContext) throws {}
}
