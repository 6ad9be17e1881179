extension ProcessorLayout {
    /// A text table of the layout: one row per component laid out with its ranks, tasks, threads,
    /// root, stride, hardware threads and which components it runs sequentially or
    /// concurrently with. `models` names the model each component runs, if known.
    public func table(models: [ComponentKind: String] = [:]) -> String {
        let header = ["component", "model", "ranks", "tasks", "threads", "root", "stride", "hw threads", "sequential with", "concurrent with"]
        var rows = [header]
        for kind in components {
            let set = self[kind]
            let sequential = sequentialPartners(of: kind).map(\.rawValue).joined(separator: ",")
            let concurrent = concurrentPartners(of: kind).map(\.rawValue).joined(separator: ",")
            rows.append([kind.rawValue, models[kind] ?? "-", set.rankSummary, "\(set.ntasks)", "\(set.nthreads)",
                         "\(set.rootRank)", "\(set.stride)", "\(set.hardwareThreads)",
                         sequential.isEmpty ? "-" : sequential, concurrent.isEmpty ? "-" : concurrent])
        }
        let widths = header.indices.map { column in rows.map { $0[column].count }.max()! }
        return rows.enumerated().map { index, row in
            let line = row.enumerated().map { column, cell in
                cell + String(repeating: " ", count: widths[column] - cell.count)
            }.joined(separator: "  ")
            let trimmed = String(line.reversed().drop { $0 == " " }.reversed())
            return index == 0 ? trimmed + "\n" + String(repeating: "-", count: trimmed.count) : trimmed
        }.joined(separator: "\n")
    }

    /// One line per component laid out describing its processor group, for `cpl.log`, e.g.
    /// `ocn: world ranks 2-3 (root 2, stride 1): 2 tasks x 1 thread; concurrent with atm, lnd, ice`.
    public func groupDescriptions() -> [String] {
        components.map { kind in
            let set = self[kind]
            let concurrent = concurrentPartners(of: kind).map(\.rawValue)
            let sequential = sequentialPartners(of: kind).map(\.rawValue)
            var line = "\(kind.rawValue): world ranks \(set.rankSummary) (root \(set.rootRank), stride \(set.stride)): "
                + "\(set.ntasks) task\(set.ntasks == 1 ? "" : "s") x \(set.nthreads) thread\(set.nthreads == 1 ? "" : "s")"
            if !sequential.isEmpty { line += "; sequential with \(sequential.joined(separator: ", "))" }
            if !concurrent.isEmpty { line += "; concurrent with \(concurrent.joined(separator: ", "))" }
            return line
        }
    }
}
