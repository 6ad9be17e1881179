import MPI
#if canImport(Glibc)
import Glibc
#endif

/// Global sums that give the same bits whatever the decomposition, the number of ranks or the
/// order of the values (cpl7's shr_reprosum idea).
///
/// Each value is written exactly as a fixed-point number of three 32-bit limbs relative to the
/// largest magnitude in its sum (found first with one `MPI_Allreduce`), the limbs are summed as
/// integers — exactly, so the order does not matter — and the total is turned back into a
/// double. Values smaller than 2⁻⁹⁶ of the largest are dropped, deterministically.
public enum ReproducibleSum {
    /// `sums[k] = Σ over all ranks and points of values[k]`. Collective; every rank gets the same bits.
    /// A sum with a NaN or an infinity is NaN.
    public static func sums(_ values: [[Double]], communicator: Communicator) throws(MPIError) -> [Double] {
        let k = values.count
        var localMaximum = [Double](repeating: 0, count: k)
        for (i, list) in values.enumerated() {
            var m = 0.0
            for v in list {
                let a = abs(v)
                if !(a <= m) { m = a.isNaN ? .infinity : a }
            }
            localMaximum[i] = m
        }
        let maximum = try communicator.allReduce(localMaximum, .maximum)
        var limbs = [Int64](repeating: 0, count: 3 * k)
        var exponents = [Int](repeating: 0, count: k)
        for i in 0 ..< k where maximum[i].isFinite && maximum[i] > 0 {
            let e = Int(frexp(maximum[i]).1)  // maximum < 2^e
            exponents[i] = e
            var l0: Int64 = 0, l1: Int64 = 0, l2: Int64 = 0
            // v / 2^e is in (-1, 1); multiplying by powers of two and taking integer parts is exact.
            let scale = scalbn(1.0, 32 - e), shift = 4_294_967_296.0
            values[i].withUnsafeBufferPointer { list in
                for v in list {
                    let scaled = v * scale
                    let a = scaled.rounded(.towardZero)
                    let r1 = (scaled - a) * shift
                    let b = r1.rounded(.towardZero)
                    let c = ((r1 - b) * shift).rounded(.towardZero)
                    l0 &+= Int64(a)
                    l1 &+= Int64(b)
                    l2 &+= Int64(c)
                }
            }
            limbs[3 * i] = l0
            limbs[3 * i + 1] = l1
            limbs[3 * i + 2] = l2
        }
        let total = try communicator.allReduce(limbs, .sum)
        return (0 ..< k).map { i in
            guard maximum[i].isFinite else { return .nan }
            guard maximum[i] > 0 else { return 0 }
            // Carry the lower limbs upward so each is below 2^32 in size, then convert.
            var l2 = total[3 * i + 2], l1 = total[3 * i + 1], l0 = total[3 * i]
            var carry = l2 >> 32
            l2 -= carry << 32
            l1 += carry
            carry = l1 >> 32
            l1 -= carry << 32
            l0 += carry
            let e = exponents[i]
            return scalbn(Double(l0), e - 32) + (scalbn(Double(l1), e - 64) + scalbn(Double(l2), e - 96))
        }
    }

    /// The global sum of one set of values.
    public static func sum(_ values: [Double], communicator: Communicator) throws(MPIError) -> Double {
        try sums([values], communicator: communicator)[0]
    }
}
