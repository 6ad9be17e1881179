extension ExactSum {
    /// Adds every value of `values`, each rounded to a multiple of 2⁻⁸⁴: the same bits as
    /// `add(_:)` of each, in fewer operations and without a branch the values decide, so the
    /// compiler can use vector instructions. A budget pass forms a block of a term's values and
    /// adds them with this.
    ///
    /// A value below 2¹⁰ in magnitude (any budget term of a grid point) is rounded as two
    /// integers, its multiple of 2⁻⁴¹ and the rest in units of 2⁻⁸⁴, each found with one
    /// floating-point rounding, and these are added to two 64-bit integers that are folded into
    /// the limbs every 2048 values. q₁ = rne(x·2⁴¹) and q₂ = rne((x·2⁴¹ − q₁)·2⁴³) (both products
    /// and the difference are exact) add up to q₁·2⁴³ + q₂ = rne(x·2⁸⁴), because rounding commutes
    /// with adding the even integer q₁·2⁴³: the integer `add(_:)` holds. Other values (and NaN)
    /// go to `add(_:)` afterwards.
    @inlinable
    public mutating func add(contentsOf values: UnsafeBufferPointer<Double>) {
        typealias Lanes = SIMD4<Double>
        let magic = Lanes(repeating: Self.magic), magicBits = unsafeBitCast(magic, to: SIMD4<Int64>.self)
        let limit = Lanes(repeating: 0x1p10)
        var start = 0
        while start < values.count {
            let end = min(start + 2048, values.count)
            // Per lane below 2⁵¹·512 = 2⁶⁰ and 2⁴²·512.
            var coarse = SIMD4<Int64>(), fine = SIMD4<Int64>()
            var outside = SIMDMask<SIMD4<Int64>>(repeating: false)
            @inline(__always) func addLanes(_ x: Lanes) {
                // Also false for a NaN: such a value adds 0 here.
                let inside = (x .< limit) .& (x .> -limit)
                let y = Lanes().replacing(with: x, where: inside) * 0x1p41
                let shifted = y + magic
                let rest = (y - (shifted - magic)) * 0x1p43 + magic
                coarse &+= unsafeBitCast(shifted, to: SIMD4<Int64>.self) &- magicBits
                fine &+= unsafeBitCast(rest, to: SIMD4<Int64>.self) &- magicBits
                outside = outside .| .!inside
            }
            var i = start
            let base = UnsafeRawPointer(values.baseAddress!)
            while i + 4 <= end {
                addLanes(base.loadUnaligned(fromByteOffset: i * MemoryLayout<Double>.stride, as: Lanes.self))
                i += 4
            }
            if i < end {
                var x = Lanes()
                for lane in 0 ..< end - i { x[lane] = values[i + lane] }
                addLanes(x)
            }
            let coarseSum = coarse.wrappedSum(), fineSum = fine.wrappedSum()
            // Units of 2⁻⁴¹: (coarse >> 21) in units of 2⁻²⁰ (high) and the remainder × 2¹¹ in
            // units of 2⁻⁵² (middle); 2⁻⁸⁴ is the low limb's unit.
            high &+= coarseSum >> 21
            middle &+= (coarseSum & (1 << 21 - 1)) << 11
            low &+= fineSum
            carry()
            if any(outside) {
                for i in start ..< end where !(abs(values[i]) < 0x1p10) { add(values[i]) }
            }
            start = end
        }
    }
}
