/// Campuses bucketed into latitude/longitude cells, visited in rings of growing distance around a
/// home, with a lower bound on the distance to every campus in each ring.
///
/// The scorer walks a student's rings outwards: a ring's distance bound caps the location
/// component of every programme in it, so most far programmes are dismissed with a few table
/// look-ups and no trigonometry, and day programmes beyond the maximum commute are skipped
/// outright. Bounds only prune; every kept pair's distance is the exact haversine value.
///
/// Why the bounds hold: a campus in ring k (Chebyshev distance k in cells, k ≥ 2) is at least
/// k − 1 whole cells away in latitude or in longitude. Great-circle distance is at least
/// `R·|Δlatitude|`, and at least `2R·asin(cos φ·sin(|Δlongitude|/2))` where `cos φ` is the
/// smallest cosine of any latitude involved; the ring's bound is the smaller of the two. A home
/// outside the grid is clamped to the nearest cell, which only makes rings (and bounds) smaller.
/// Near a pole or the antimeridian, where cells would degenerate, the grid is a single cell and
/// the bound is 0: slower, still exact.
struct CampusGrid: Sendable {
    private let minLatitude: Double
    private let minLongitude: Double
    private let cellLatitude: Double
    private let cellLongitude: Double
    let rows: Int
    let columns: Int
    /// `cellStart[c] ..< cellStart[c + 1]` indexes `programs` for cell `c = row × columns + column`.
    private let cellStart: [Int32]
    /// Programme indices, cell by cell.
    let programs: [Int32]
    /// Lower bound on the distance from a home in the centre cell to any campus in ring k.
    let ringDistanceKm: [Double]

    /// - Parameters:
    ///   - indices: programmes to bucket, with their campuses in `locations`.
    ///   - homes: every student's home, so the longitude bound covers the most poleward of them.
    ///   - cellKm: preferred cell size; enlarged so the grid has at most 64 × 64 cells.
    init(indices: [Int32], locations: [Coordinate], homes: [Coordinate], cellKm: Double) {
        let kmPerDegree = GreatCircle.earthRadiusKm * Double.pi / 180
        let minLat = locations.map(\.latitude).min() ?? 0
        let maxLat = locations.map(\.latitude).max() ?? 0
        let minLon = locations.map(\.longitude).min() ?? 0
        let maxLon = locations.map(\.longitude).max() ?? 0
        let polewardDegrees = max(
            locations.map { abs($0.latitude) }.max() ?? 0, homes.map { abs($0.latitude) }.max() ?? 0)
        let cosine = Math.cos(min(90, polewardDegrees) * Double.pi / 180)
        let extentKm = max((maxLat - minLat) * kmPerDegree, (maxLon - minLon) * kmPerDegree * cosine)
        let size = max(cellKm, extentKm / 64, 1)
        let latitudeSpan = size / kmPerDegree
        let longitudeSpan = latitudeSpan / max(cosine, 1e-9)
        let crossesAntimeridian = maxLon - minLon > 180
            || homes.contains { abs($0.longitude) > 180 - 2 * longitudeSpan }
        let degenerate = locations.isEmpty || cosine < 0.05 || longitudeSpan > 30 || crossesAntimeridian

        if degenerate {
            minLatitude = 0
            minLongitude = 0
            cellLatitude = 1
            cellLongitude = 1
            rows = 1
            columns = 1
            cellStart = [0, Int32(indices.count)]
            programs = indices
            ringDistanceKm = [0]
            return
        }
        let rowCount = Int(((maxLat - minLat) / latitudeSpan).rounded(.down)) + 1
        let columnCount = Int(((maxLon - minLon) / longitudeSpan).rounded(.down)) + 1
        minLatitude = minLat
        minLongitude = minLon
        cellLatitude = latitudeSpan
        cellLongitude = longitudeSpan
        rows = rowCount
        columns = columnCount

        var counts = [Int32](repeating: 0, count: rowCount * columnCount + 1)
        var cellOf = [Int](repeating: 0, count: indices.count)
        for (i, location) in locations.enumerated() {
            let row = min(rowCount - 1, Int(((location.latitude - minLat) / latitudeSpan).rounded(.down)))
            let column = min(columnCount - 1, Int(((location.longitude - minLon) / longitudeSpan).rounded(.down)))
            cellOf[i] = row * columnCount + column
            counts[cellOf[i] + 1] += 1
        }
        for c in 0..<(rowCount * columnCount) { counts[c + 1] += counts[c] }
        var fill = counts
        var ordered = [Int32](repeating: 0, count: indices.count)
        for i in indices.indices {
            ordered[Int(fill[cellOf[i]])] = indices[i]
            fill[cellOf[i]] += 1
        }
        cellStart = counts
        programs = ordered

        let latitudeRadians = latitudeSpan * Double.pi / 180
        let longitudeRadians = longitudeSpan * Double.pi / 180
        var bounds: [Double] = []
        for ring in 0...max(rowCount, columnCount) {
            let gap = Double(max(0, ring - 1))
            let alongMeridian = GreatCircle.earthRadiusKm * gap * latitudeRadians
            let halfAngle = min(Double.pi / 2, gap * longitudeRadians / 2)
            let alongParallel = 2 * GreatCircle.earthRadiusKm * Math.asin(min(1, cosine * Math.sin(halfAngle)))
            // Shave a millionth so that rounding in the bound can never exceed a true distance.
            bounds.append(min(alongMeridian, alongParallel) * (1 - 1e-6))
        }
        ringDistanceKm = bounds
    }

    /// The cell a home falls in, clamped to the grid.
    func cell(of coordinate: Coordinate) -> (row: Int, column: Int) {
        guard rows > 1 || columns > 1 else { return (0, 0) }
        let row = Int(((coordinate.latitude - minLatitude) / cellLatitude).rounded(.down))
        let column = Int(((coordinate.longitude - minLongitude) / cellLongitude).rounded(.down))
        return (min(rows - 1, max(0, row)), min(columns - 1, max(0, column)))
    }

    /// Number of rings needed to cover the whole grid from `cell`.
    func ringCount(from cell: (row: Int, column: Int)) -> Int {
        max(cell.row, rows - 1 - cell.row, cell.column, columns - 1 - cell.column) + 1
    }

    /// Appends to `ranges` each range of `programs` in ring `ring` around `cell` (at most one
    /// per row on the ring's top and bottom edge, two per row on its sides).
    @inline(__always)
    func appendRanges(inRing ring: Int, around cell: (row: Int, column: Int), to ranges: inout [Range<Int>]) {
        let firstRow = max(0, cell.row - ring)
        let lastRow = min(rows - 1, cell.row + ring)
        guard firstRow <= lastRow else { return }
        for row in firstRow...lastRow {
            let base = row * columns
            if abs(row - cell.row) == ring {
                let first = max(0, cell.column - ring)
                let last = min(columns - 1, cell.column + ring)
                if first <= last {
                    let range = Int(cellStart[base + first])..<Int(cellStart[base + last + 1])
                    if !range.isEmpty { ranges.append(range) }
                }
            } else {
                let left = cell.column - ring
                if left >= 0 {
                    let range = Int(cellStart[base + left])..<Int(cellStart[base + left + 1])
                    if !range.isEmpty { ranges.append(range) }
                }
                let right = cell.column + ring
                if right < columns {
                    let range = Int(cellStart[base + right])..<Int(cellStart[base + right + 1])
                    if !range.isEmpty { ranges.append(range) }
                }
            }
        }
    }
}
