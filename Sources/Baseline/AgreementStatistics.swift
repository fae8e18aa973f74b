// AgreementStatistics: how well slices agree with known labels (adjusted Rand index, normalised mutual
// information) and how well a score separates two groups (AUROC) — for the baseline benchmark.

import Foundation

/// Cluster-agreement and separation measures.
public enum AgreementStatistics {
    /// Adjusted Rand index of two labelings of the same items (1: identical partitions, ~0: chance).
    public static func adjustedRandIndex(_ a: [Int], _ b: [Int]) -> Double {
        precondition(a.count == b.count, "labelings must have the same length")
        var table: [Int: [Int: Int]] = [:]
        var rows: [Int: Int] = [:]
        var columns: [Int: Int] = [:]
        for (x, y) in zip(a, b) {
            table[x, default: [:]][y, default: 0] += 1
            rows[x, default: 0] += 1
            columns[y, default: 0] += 1
        }
        func pairs(_ n: Int) -> Double { Double(n) * Double(n - 1) / 2 }
        let index = table.values.flatMap(\.values).map(pairs).reduce(0, +)
        let rowSum = rows.values.map(pairs).reduce(0, +)
        let columnSum = columns.values.map(pairs).reduce(0, +)
        let expected = rowSum * columnSum / pairs(a.count)
        let maximum = (rowSum + columnSum) / 2
        return maximum == expected ? 1 : (index - expected) / (maximum - expected)
    }

    /// Normalised mutual information (arithmetic mean normalisation) of two labelings.
    public static func normalizedMutualInformation(_ a: [Int], _ b: [Int]) -> Double {
        precondition(a.count == b.count, "labelings must have the same length")
        let n = Double(a.count)
        var joint: [Int: [Int: Double]] = [:]
        var pa: [Int: Double] = [:]
        var pb: [Int: Double] = [:]
        for (x, y) in zip(a, b) {
            joint[x, default: [:]][y, default: 0] += 1
            pa[x, default: 0] += 1
            pb[y, default: 0] += 1
        }
        var mi = 0.0
        for (x, row) in joint {
            for (y, count) in row { mi += count / n * log(count * n / (pa[x]! * pb[y]!)) }
        }
        let ha = -pa.values.map { $0 / n * log($0 / n) }.reduce(0, +)
        let hb = -pb.values.map { $0 / n * log($0 / n) }.reduce(0, +)
        let mean = (ha + hb) / 2
        return mean > 0 ? mi / mean : 1
    }

    /// Area under the ROC curve: the probability that a random positive scores above a random negative
    /// (ties count half).
    public static func auroc(positives: [Float], negatives: [Float]) -> Double {
        guard !positives.isEmpty, !negatives.isEmpty else { return .nan }
        let all = positives.map { ($0, true) } + negatives.map { ($0, false) }
        let sorted = all.sorted { $0.0 < $1.0 }
        var rankSum = 0.0
        var i = 0
        while i < sorted.count {
            var j = i
            while j + 1 < sorted.count && sorted[j + 1].0 == sorted[i].0 { j += 1 }
            let rank = Double(i + j) / 2 + 1
            for k in i...j where sorted[k].1 { rankSum += rank }
            i = j + 1
        }
        let p = Double(positives.count)
        return (rankSum - p * (p + 1) / 2) / (p * Double(negatives.count))
    }
}
