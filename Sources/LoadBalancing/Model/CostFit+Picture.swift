import Coupling
import Pictures

extension CostCurvePicture {
    /// A picture of the fitted cost models `fits`, with x axes running to `totalTasks`: each
    /// component's measurements as dots, its model `T(n)` as the curve, the formula, R² and
    /// warnings above and below.
    public init(fits: [ComponentKind: CostFit], totalTasks: Int, title: String) {
        self.init(panels: fits.mapValues(Panel.init), totalTasks: totalTasks, title: title)
    }
}

extension CostCurvePicture.Panel {
    /// The panel of `fit`: its samples, its model, the model's formula, R² and warnings.
    init(_ fit: CostFit) {
        let model = fit.model
        self.init(samples: fit.samples.map { CostCurvePicture.Sample(tasks: $0.tasks, secondsPerDay: $0.secondsPerDay) },
                  curve: { model.secondsPerDay(atTasks: $0) }, formula: model.formula, rSquared: fit.rSquared, warnings: fit.warnings)
    }
}
