import NetCDF
import TestSupport

/// Turns a real netCDF file's model into valid netCDF with wrong content: variables and
/// dimensions missing, renamed or resized, variables of the wrong type or shape, indices out of
/// range, zero or negative, weights that are NaN or infinite, grid shapes that do not match,
/// wrong units. It knows which variables of the format hold what (`Roles`), so most
/// mutations hit what the reader relies on.
struct SemanticMutator: Sendable {
    /// What the variables of a file format hold.
    struct Roles: Sendable {
        /// 1-based index variables and the dimension whose length bounds them.
        var indices: [(variable: String, bound: String)]
        /// Weight variables.
        var weights: [String]
        /// Grid shape variables (`grid_dims`, Fortran order).
        var gridShapes: [String]
        /// Every variable and dimension name the reader looks for: renames pick from these.
        var names: [String]
    }

    let roles: Roles

    /// Applies 1 to 3 mutations to `model`; returns what they were.
    func mutate(_ model: inout NetCDFModel, _ random: inout FuzzRandom) -> String {
        (0 ..< random.inRange(1 ... 3)).map { _ in mutateOnce(&model, &random) }.joined(separator: ", ")
    }

    private func mutateOnce(_ model: inout NetCDFModel, _ random: inout FuzzRandom) -> String {
        guard !model.variables.isEmpty, !model.dimensions.isEmpty else { return "nothing left to change" }
        let v = variableIndex(model, &random)
        let d = random.below(model.dimensions.count)
        let name = model.variables[v].name
        switch random.below(14) {
        case 0:
            model.variables.remove(at: v)
            return "variable \(name) removed"
        case 1:
            let dimension = model.dimensions.remove(at: d).name
            model.variables.removeAll { $0.dimensions.contains(dimension) }
            return "dimension \(dimension) and its variables removed"
        case 2:
            let new = random.percent(70) ? random.pick(roles.names) : name + "_x"
            var renamed = model.variables[v]
            renamed.name = new
            model.variables.removeAll { $0.name == new || $0.name == name }
            model.variables.insert(renamed, at: min(v, model.variables.count))
            return "variable \(name) renamed \(new)"
        case 3:
            let old = model.dimensions[d].name, new = random.percent(70) ? random.pick(roles.names) : old + "_x"
            guard !model.dimensions.contains(where: { $0.name == new }) else { return "dimension \(old) kept (\(new) exists)" }
            model.dimensions[d].name = new
            for i in model.variables.indices { model.variables[i].dimensions = model.variables[i].dimensions.map { $0 == old ? new : $0 } }
            return "dimension \(old) renamed \(new)"
        case 4:
            let old = model.dimensions[d].length
            let new = random.pick([0, 1, max(old - 1, 0), old + 1, 2 * old, random.inRange(1 ... 3 * old + 3)])
            model.dimensions[d].length = new
            if new == 0 { model.dimensions[d].isUnlimited = true }
            for i in model.variables.indices where model.variables[i].dimensions.contains(model.dimensions[d].name) {
                let values = model.variables[i].values, count = model.count(of: model.variables[i])
                model.variables[i].values = values.isEmpty ? [] : (0 ..< count).map { values[$0 % values.count] }
            }
            return "dimension \(model.dimensions[d].name) resized from \(old) to \(new)"
        case 5:
            let type = random.pick([NetCDFType.byte, .short, .int, .float, .double, .char, .int64])
            model.variables[v].type = type
            return "variable \(name) made \(type)"
        case 6:
            guard let index = roles.indices.filter({ i in model.variables.contains { $0.name == i.variable } }).randomElement(&random),
                  let i = model.variables.firstIndex(where: { $0.name == index.variable }),
                  !model.variables[i].values.isEmpty else { return "no index variable to break" }
            let bound = Double(model.length(of: index.bound) ?? 1)
            let value = random.pick([0, -1, bound + 1, bound, 1, 2_147_483_647, -2_147_483_648, -bound])
            let entry = random.below(model.variables[i].values.count)
            model.variables[i].values[entry] = value
            return "entry \(entry + 1) of \(index.variable) set to \(value)"
        case 7:
            guard let i = model.variables.firstIndex(where: { roles.weights.contains($0.name) && !$0.values.isEmpty }) else {
                return "no weights to break"
            }
            let value = random.pick([Double.nan, .infinity, -.infinity, 1e308, -1, 0])
            let entry = random.below(model.variables[i].values.count)
            model.variables[i].values[entry] = value
            return "value \(entry + 1) of \(model.variables[i].name) set to \(value)"
        case 8:
            guard let i = model.variables.firstIndex(where: { roles.gridShapes.contains($0.name) }) else { return "no grid shape to break" }
            let values = model.variables[i].values.isEmpty ? [1] : model.variables[i].values
            let product = values.reduce(1, *)
            let new: [Double] = random.pick([[0, product], [-values[0], -(values.dropFirst().first ?? 1)], [2_147_483_647, 2_147_483_647],
                                             [2_147_483_647, 2_147_483_647, 2_147_483_647], [product], [1, 1, product], [product + 1],
                                             values.reversed(), [-1, -product]].filter { !$0.isEmpty })
            model.variables[i].values = new
            if let dimension = model.variables[i].dimensions.first, let k = model.dimensions.firstIndex(where: { $0.name == dimension }) {
                model.dimensions[k].length = new.count
            }
            return "\(model.variables[i].name) set to \(new)"
        case 9:
            let dimensions = (0 ..< random.below(3)).map { _ in random.pick(model.dimensions).name }
            model.variables[v].dimensions = dimensions
            return "variable \(name) put on dimensions (\(dimensions.joined(separator: ", ")))"
        case 10:
            model.dimensions[d].isUnlimited = true
            return "dimension \(model.dimensions[d].name) made unlimited"
        case 11:
            let units = random.pick([AttributeValue.text("radians"), .text("degrees"), .text(""), .doubles([1, 2])])
            model.variables[v].attributes.removeAll { $0.name == "units" }
            model.variables[v].attributes.append(("units", units))
            return "units of \(name) set to \(units)"
        case 12:
            let scale = random.pick([1.0, 100, 1e6, 1e12])
            model.variables[v].values = model.variables[v].values.map { _ in (Double(random.below(2001)) - 1000) * scale / 1000 }
            return "variable \(name) filled with random values up to \(scale)"
        default:
            let w = variableIndex(model, &random)
            let (a, b) = (model.variables[v].values, model.variables[w].values)
            model.variables[v].values = b
            model.variables[w].values = a
            return "values of \(name) and \(model.variables[w].name) swapped"
        }
    }

    /// A variable, more often one the reader relies on than another.
    private func variableIndex(_ model: NetCDFModel, _ random: inout FuzzRandom) -> Int {
        let known = model.variables.indices.filter { roles.names.contains(model.variables[$0].name) }
        return !known.isEmpty && random.percent(80) ? random.pick(known) : random.below(model.variables.count)
    }
}

private extension Array {
    /// A random element, or `nil` if there is none.
    func randomElement(_ random: inout FuzzRandom) -> Element? {
        isEmpty ? nil : random.pick(self)
    }
}
