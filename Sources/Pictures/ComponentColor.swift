import Coupling

extension ComponentKind {
    /// The colour the component is drawn with in every picture.
    var color: String {
        switch self {
        case .atm: "#1f77b4"
        case .lnd: "#2ca02c"
        case .rof: "#8c564b"
        case .ice: "#17becf"
        case .ocn: "#08306b"
        case .glc: "#9467bd"
        case .wav: "#e377c2"
        case .cpl: "#ff7f0e"
        }
    }
}
