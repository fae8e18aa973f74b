// DescriptorSketch: a mergeable summary of many inputs' descriptors — raw per-bin and per-category counts —
// the reference distribution a baseline stores and live windows are compared against. Kept in arrays indexed
// by field, so adding an input hashes no field names.

/// Distributions of `Descriptors` over a set of inputs, as raw counts.
///
/// Numeric descriptors go in fixed `LogHistogram` bins (`NumericDescriptor.maxExponent`), categorical ones in
/// `CategoryCounts`. Sketches of disjoint inputs merge into the sketch of their union, exactly.
public struct DescriptorSketch: Sendable, Hashable {
    /// Inputs added.
    public private(set) var count: Int
    /// One histogram per numeric descriptor, in `NumericDescriptor.allCases` order.
    private var numeric: [LogHistogram]
    /// One set of counts per categorical descriptor, in `CategoricalDescriptor.allCases` order.
    private var categorical: [CategoryCounts]

    /// One histogram per numeric descriptor.
    public var histograms: [NumericDescriptor: LogHistogram] {
        Dictionary(uniqueKeysWithValues: zip(NumericDescriptor.ordered, numeric))
    }
    /// One set of counts per categorical descriptor.
    public var categories: [CategoricalDescriptor: CategoryCounts] {
        Dictionary(uniqueKeysWithValues: zip(CategoricalDescriptor.ordered, categorical))
    }

    /// An empty sketch.
    public init() {
        count = 0
        numeric = NumericDescriptor.ordered.map { $0.emptyHistogram() }
        categorical = [CategoryCounts](repeating: CategoryCounts(), count: CategoricalDescriptor.ordered.count)
    }

    /// A sketch read back from storage: the input count, per-bin counts of each numeric descriptor (bins as
    /// `NumericDescriptor.emptyHistogram()` defines them) and per-category counts.
    public init(count: Int, binCounts: [NumericDescriptor: [Int]], categoryCounts: [CategoricalDescriptor: [String: Int]]) {
        self.init()
        self.count = count
        for (field, counts) in binCounts {
            var histogram = field.emptyHistogram()
            for (bin, n) in counts.enumerated() where bin < histogram.lowerEdges.count && n > 0 {
                histogram.add(histogram.lowerEdges[bin], times: n)
            }
            numeric[field.index] = histogram
        }
        for (field, counts) in categoryCounts {
            var c = CategoryCounts()
            for (category, n) in counts where n > 0 { c.add(category, times: n) }
            categorical[field.index] = c
        }
    }

    /// The sketch of `descriptors`.
    public init<S: Sequence>(_ descriptors: S) where S.Element == Descriptors {
        self.init()
        for d in descriptors { add(d) }
    }

    /// Counts one input (arrays indexed by field, so no field is looked up by hashing its name).
    public mutating func add(_ descriptors: Descriptors) {
        count += 1
        for field in NumericDescriptor.ordered { numeric[field.index].add(field.value(of: descriptors)) }
        for field in CategoricalDescriptor.ordered { categorical[field.index].add(field.category(of: descriptors)) }
    }

    /// Adds another sketch's counts.
    public mutating func merge(_ other: DescriptorSketch) {
        count += other.count
        for i in numeric.indices { numeric[i].merge(other.numeric[i]) }
        for i in categorical.indices { categorical[i].merge(other.categorical[i]) }
    }

    /// This sketch merged with `other`.
    public func merging(_ other: DescriptorSketch) -> DescriptorSketch {
        var copy = self
        copy.merge(other)
        return copy
    }

    /// The histogram of a numeric descriptor.
    public subscript(field: NumericDescriptor) -> LogHistogram { numeric[field.index] }

    /// The counts of a categorical descriptor.
    public subscript(field: CategoricalDescriptor) -> CategoryCounts { categorical[field.index] }

    /// Per-bin shares of every numeric descriptor and per-category shares of every categorical one.
    public var probabilities: (
        numeric: [NumericDescriptor: [Double]], categorical: [CategoricalDescriptor: [String: Double]]
    ) {
        (
            Dictionary(uniqueKeysWithValues: zip(NumericDescriptor.ordered, numeric.map(\.probabilities))),
            Dictionary(uniqueKeysWithValues: zip(CategoricalDescriptor.ordered, categorical.map(\.probabilities)))
        )
    }
}
