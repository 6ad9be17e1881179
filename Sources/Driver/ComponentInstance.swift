import Coupling

/// A component model as the driver holds it on one of the component's ranks: the model
/// object, its context, what it told the driver at initialisation and its field bundles.
final class ComponentInstance {
    let kind: ComponentKind
    let model: any Component
    let context: ComponentContext
    var setup: ComponentSetup = .absent
    var imports = FieldBundle(fields: [], pointCount: 0)
    var exports = FieldBundle(fields: [], pointCount: 0)

    init(kind: ComponentKind, model: any Component, context: ComponentContext) {
        self.kind = kind
        self.model = model
        self.context = context
    }

    /// `atm (model 'slab')`, for messages.
    var label: String { "\(kind.rawValue) (model '\(context.modelName)')" }
}
