import PathwayCore

/// A location from a students, schools or programmes row: its latitude and longitude, or its
/// township and village through the gazetteer (both or neither coordinate; a place the
/// gazetteer does not know is an error naming it), so that the three files read places alike.
enum RowPlace {
    /// What a row's place came to.
    enum Outcome {
        case placed(Gazetteer.Found)
        /// Nobody could place it, and the import takes it anyway (a warning says so).
        case unplaced
        /// Refused (an error says why), or not given where none is required.
        case none

        var found: Gazetteer.Found? {
            if case .placed(let found) = self { return found }
            return nil
        }
    }

    /// The location: with an error in `diagnostics` when the row gives a wrong one or, if
    /// `required`, none; without one when the row gives none and none is required.
    ///
    /// - Parameter allowUnplaced: a home whose township and village nobody can place is
    ///   imported anyway (`--allow-unplaced-homes`), with a warning instead of an error.
    static func locate<Column: CSVColumn>(
        _ record: CSVRecord<Column>, latitude: Column, longitude: Column, township: Column, village: Column,
        places: Gazetteer, required: Bool, allowUnplaced: Bool = false, into diagnostics: inout ImportDiagnostics
    ) -> Outcome {
        let latitudeValue = record.value(latitude, ValueParser.latitude, into: &diagnostics)
        let longitudeValue = record.value(longitude, ValueParser.longitude, into: &diagnostics)
        let hasLatitude = record.text(latitude) != nil, hasLongitude = record.text(longitude) != nil
        if hasLatitude || hasLongitude {
            guard hasLatitude, hasLongitude else {
                diagnostics.report(
                    record.issue(
                        hasLatitude ? longitude : latitude, value: "",
                        message: "is empty; give both latitude and longitude, or neither",
                        chineseMessage: "为空；纬度和经度要么都填，要么都不填"))
                return .none
            }
            guard let latitudeValue, let longitudeValue,
                  let location = Coordinate(latitude: latitudeValue, longitude: longitudeValue)
            else { return .none }
            return .placed(Gazetteer.Found(location: location, placement: .coordinates))
        }
        let townshipText = record.text(township), villageText = record.text(village)
        if let found = places.locate(township: townshipText, village: villageText) { return .placed(found) }
        let place = [townshipText, villageText].compactMap { $0 }.joined(separator: " ")
        // A place nobody can find: an error, or with allowUnplaced a warning and no home.
        let severity: ImportIssue.Severity = allowUnplaced ? .warning : .error
        let imported = allowUnplaced ? "; imported without a home, matched without location" : ""
        let chineseImported = allowUnplaced ? "；已导入但没有家庭位置，匹配时不计距离" : ""
        if place.isEmpty {
            // A header without any of the columns has said so once already.
            let mapping = record.mapping
            guard required, [latitude, longitude, township, village].contains(where: mapping.contains) else { return .none }
            diagnostics.report(
                record.issue(
                    record.mapping.contains(latitude) ? latitude : township,
                    message: "is empty; give the latitude and longitude, or the township and village" + imported,
                    chineseMessage: "为空；请填写纬度和经度，或所在乡镇和村" + chineseImported, severity: severity))
        } else if places.isEmpty {
            diagnostics.report(
                record.issue(
                    township, value: place,
                    message: "cannot be placed: no gazetteer is imported; import the county's places first "
                        + "(pathway import places) or give latitude and longitude" + imported,
                    chineseMessage: "无法定位：还没有导入地名表；请先导入本县的乡镇和村（pathway import places），或填写纬度和经度"
                        + chineseImported,
                    severity: severity))
        } else {
            diagnostics.report(
                record.issue(
                    villageText == nil ? township : village, value: place,
                    message: "is not a place in the gazetteer; add it there (pathway import places) or give latitude and longitude"
                        + imported,
                    chineseMessage: "不在地名表中；请把它加进地名表（pathway import places），或填写纬度和经度" + chineseImported,
                    severity: severity))
        }
        return allowUnplaced ? .unplaced : .none
    }
}
