import Coupling

extension WeightsFile {
    /// One side of a map, for `maskProblem`: the component it is named after, the coupler grid
    /// it is on, and some points of that grid (a contiguous range of `domain`'s global points).
    struct MaskedSide {
        let kind: ComponentKind
        let grid: CouplerGrid
        let domain: Domain
        let points: Range<Int>
    }

    /// What is wrong with the file's masks for a flux map between `source` and `destination`,
    /// as cpl7 leaves the user to find out: a map from a surface grid (not the atmosphere's) must
    /// treat exactly that grid's unmasked points as valid sources (`mask_a`), and a map to a
    /// surface grid must reach every unmasked point of it (`mask_b`). Only the sides' `points`
    /// are read; `among` names them in the message ("this rank's points").
    func maskProblem(from source: MaskedSide, to destination: MaskedSide, among: String) throws(WeightsError) -> String? {
        if source.grid != .atmosphere, has(.mask, of: .source) {
            let mask = try read(.mask, of: .source, points: source.points)
            let bad = (0 ..< mask.count).filter { (mask[$0] > 0) != (source.domain.mask[$0] > 0) }
            if let first = bad.first {
                return "weights file \(path): its source mask (mask_a) differs from the \(source.kind.longName) grid's mask at "
                    + "\(bad.count) of \(among), first at lon \(source.domain.longitude[first]), lat \(source.domain.latitude[first]) "
                    + "(weights made for another land mask?)"
            }
        }
        if destination.grid != .atmosphere, has(.mask, of: .destination) {
            let mask = try read(.mask, of: .destination, points: destination.points)
            let to = destination.domain
            if let first = (0 ..< mask.count).first(where: { to.mask[$0] > 0 && mask[$0] == 0 }) {
                let name = destination.kind.longName
                return "weights file \(path): \(name) point at lon \(to.longitude[first]), lat \(to.latitude[first]) "
                    + "is masked out as a destination (mask_b = 0), so the \(name) there would get no forcing"
            }
        }
        return nil
    }
}
