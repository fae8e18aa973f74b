// DescriptorSketch: a mergeable summary of many inputs' descriptors — raw per-bin and per-category counts —
// the reference distribution a baseline stores and live windows are compared against.

/// Distributions of `Descriptors` over a set of inputs, as raw counts.
///
/// Numeric descriptors go in fixed `LogHistogram` bins (`NumericDescriptor.maxExponent`), categorical ones in
/// `CategoryCounts`. Sketches of disjoint inputs merge into the sketch of their union, exactly.
public struct DescriptorSketch: Sendable, Hashable {
    /// Inputs added.
    public private(set) var count: Int
    /// One histogram per numeric descriptor.
    public private(set) var histograms: [NumericDescriptor: LogHistogram]
    /// One set of counts per categorical descriptor.
    public private(set) var categories: [CategoricalDescriptor: CategoryCounts]

    /// An empty sketch.
    public init() {
        count = 0
        histograms = Dictionary(uniqueKeysWithValues: NumericDescriptor.allCases.map { ($0, $0.emptyHistogram()) })
        categories = Dictionary(uniqueKeysWithValues: CategoricalDescriptor.allCases.map { ($0, CategoryCounts()) })
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
            histograms[field] = histogram
        }
        for (field, counts) in categoryCounts {
            var c = CategoryCounts()
            for (category, n) in counts where n > 0 { c.add(category, times: n) }
            categories[field] = c
        }
    }

    /// The sketch of `descriptors`.
    public init<S: Sequence>(_ descriptors: S) where S.Element == Descriptors {
        self.init()
        for d in descriptors { add(d) }
    }

    /// Counts one input.
    public mutating func add(_ descriptors: Descriptors) {
        count += 1
        for field in NumericDescriptor.allCases { histograms[field]!.add(field.value(of: descriptors)) }
        for field in CategoricalDescriptor.allCases { categories[field]!.add(field.category(of: descriptors)) }
    }

    /// Adds another sketch's counts.
    public mutating func merge(_ other: DescriptorSketch) {
        count += other.count
        for field in NumericDescriptor.allCases { histograms[field]!.merge(other[field]) }
        for field in CategoricalDescriptor.allCases { categories[field]!.merge(other[field]) }
    }

    /// This sketch merged with `other`.
    public func merging(_ other: DescriptorSketch) -> DescriptorSketch {
        var copy = self
        copy.merge(other)
        return copy
    }

    /// The histogram of a numeric descriptor.
    public subscript(field: NumericDescriptor) -> LogHistogram { histograms[field] ?? field.emptyHistogram() }

    /// The counts of a categorical descriptor.
    public subscript(field: CategoricalDescriptor) -> CategoryCounts { categories[field] ?? CategoryCounts() }

    /// Per-bin shares of every numeric descriptor and per-category shares of every categorical one.
    public var probabilities: (
        numeric: [NumericDescriptor: [Double]], categorical: [CategoricalDescriptor: [String: Double]]
    ) {
        (histograms.mapValues(\.probabilities), categories.mapValues(\.probabilities))
    }
}
