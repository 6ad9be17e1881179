import Coupling

/// An absent component (`atm = 'stub'`): no grid, no fields. The driver skips its
/// exchanges; its run calls do nothing.
public final class StubComponent: Component {
    public init() {}

    public func initialize(context: ComponentContext) throws -> ComponentSetup {
        context.log.write("\(context.kind.label): stub component, no grid and no fields")
        return .absent
    }

    public func run(from start: ModelTime, until end: ModelTime, imports: FieldBundle, exports: inout FieldBundle,
                    context: ComponentContext) throws {}

    public func finalize(context: ComponentContext) throws {}
}
