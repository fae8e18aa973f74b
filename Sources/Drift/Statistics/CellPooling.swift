// CellPooling: the rule that merges sparse cells before a chi-square-type test, shared by GoodnessOfFit and
// Homogeneity so both pool the same way.

/// Which tested cell ("group") each original cell went into.
///
/// The rule: a cell is sparse when its size (its smallest expected count) is below `minimum` or is zero. The
/// non-sparse cells keep their order as groups 0, 1, …; all sparse cells are pooled into one extra group at the
/// end. If that pooled group is itself below `minimum` (or zero), it is merged into the smallest remaining group
/// (the first one on ties) instead. Cells of size zero therefore never form a group of their own, which is what
/// keeps zero expected counts out of every O/E.
struct CellPooling: Sendable, Hashable {
    /// For each original cell, the index of its group.
    var groupOfCell: [Int]
    /// The number of groups.
    var groupCount: Int

    init(sizes: [Double], minimum: Double) {
        var groupOfCell = [Int](repeating: -1, count: sizes.count)
        var kept = 0
        var pooledSize = 0.0
        var anySparse = false
        var smallest = -1
        var smallestSize = Double.infinity
        for (i, s) in sizes.enumerated() {
            if s < minimum || !(s > 0) {
                anySparse = true
                pooledSize += s
            } else {
                if s < smallestSize {
                    smallestSize = s
                    smallest = kept
                }
                groupOfCell[i] = kept
                kept += 1
            }
        }
        guard anySparse else {
            self.groupOfCell = groupOfCell
            self.groupCount = kept
            return
        }
        let target: Int
        if (pooledSize >= minimum && pooledSize > 0) || kept == 0 {
            target = kept
            groupCount = kept + 1
        } else {
            target = smallest
            groupCount = kept
        }
        for i in groupOfCell.indices where groupOfCell[i] < 0 { groupOfCell[i] = target }
        self.groupOfCell = groupOfCell
    }
}
