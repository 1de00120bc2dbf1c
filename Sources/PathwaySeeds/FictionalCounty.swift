/// The made-up rural county the Seeds describe: 青岚县, a hill county of twelve townships
/// spread over some 60 km, with a county seat at about 27.38° N, 106.92° E.
///
/// Names are generic Chinese place names and the county does not exist; no coordinate,
/// school or person in Seeds refers to a real one. Kept as data rather than drawn from the seed
/// so that every generated data set shares one geography, whatever its size.
struct FictionalCounty {
    /// A township (乡镇): where students live and go to junior school.
    struct Township {
        var name: String
        /// Kilometres east and north of the county seat.
        var east: Double
        var north: Double
        /// Relative number of junior-school leavers.
        var weight: Double
        /// 0 for the county seat to 1 for the most remote hill township: drives boarding,
        /// hardship and left-behind shares.
        var remoteness: Double
        /// Radius in kilometres over which its villages are spread.
        var radius: Double
        /// Its junior schools (more than one only in the county seat).
        var juniorSchools: [String]
    }

    /// A vocational school's fixed identity; the generator uses the first `n`.
    struct VocationalSchool {
        var name: String
        var township: String
        var street: String
        /// Catalogue categories it is known for; programmes of other categories go elsewhere.
        var specialities: Set<String>
    }

    static let name = "青岚县"
    static let centreLatitude = 27.38
    static let centreLongitude = 106.92
    /// Kilometres per degree of latitude, and of longitude at 27.4° N (111.32 km × cos 27.4°),
    /// as constants so that no trigonometry enters the output.
    static let kilometresPerDegreeLatitude = 110.574
    static let kilometresPerDegreeLongitude = 98.83

    static let townships: [Township] = [
        Township(
            name: "城关镇", east: 0, north: 0, weight: 3.0, remoteness: 0, radius: 4,
            juniorSchools: ["青岚县城关第一中学", "青岚县城关第二中学", "青岚县民族中学"]),
        Township(name: "青石镇", east: -14, north: 9, weight: 1.2, remoteness: 0.4, radius: 6, juniorSchools: ["青石镇中学"]),
        Township(name: "龙溪镇", east: 12, north: 14, weight: 1.2, remoteness: 0.35, radius: 6, juniorSchools: ["龙溪镇中学"]),
        Township(name: "白岩乡", east: -24, north: -6, weight: 0.7, remoteness: 0.85, radius: 7, juniorSchools: ["白岩乡九年制学校"]),
        Township(name: "花坪镇", east: 20, north: -10, weight: 1.0, remoteness: 0.45, radius: 6, juniorSchools: ["花坪镇中学"]),
        Township(name: "茶园乡", east: -6, north: 22, weight: 0.8, remoteness: 0.7, radius: 7, juniorSchools: ["茶园乡九年制学校"]),
        Township(name: "松林镇", east: 26, north: 6, weight: 0.9, remoteness: 0.55, radius: 6, juniorSchools: ["松林镇中学"]),
        Township(name: "石门乡", east: -18, north: -20, weight: 0.6, remoteness: 0.9, radius: 8, juniorSchools: ["石门乡九年制学校"]),
        Township(name: "马场镇", east: 5, north: -18, weight: 1.0, remoteness: 0.5, radius: 6, juniorSchools: ["马场镇中学"]),
        Township(name: "桃源乡", east: -28, north: 14, weight: 0.5, remoteness: 1.0, radius: 8, juniorSchools: ["桃源乡九年制学校"]),
        Township(name: "大坝镇", east: 15, north: -25, weight: 0.8, remoteness: 0.6, radius: 6, juniorSchools: ["大坝镇中学"]),
        Township(name: "云台乡", east: 30, north: 20, weight: 0.5, remoteness: 0.95, radius: 8, juniorSchools: ["云台乡九年制学校"]),
    ]

    static let vocationalSchools: [VocationalSchool] = [
        VocationalSchool(
            name: "青岚县中等职业学校", township: "城关镇", street: "职教路8号",
            specialities: ["66", "70", "71", "63"]),
        VocationalSchool(
            name: "青岚县卫生职业学校", township: "城关镇", street: "健康路21号",
            specialities: ["72", "77", "79", "78"]),
        VocationalSchool(
            name: "青岚县农业职业技术学校", township: "马场镇", street: "农科大道3号",
            specialities: ["61", "62", "65", "69", "67"]),
        VocationalSchool(
            name: "青岚县旅游商贸职业学校", township: "龙溪镇", street: "溪畔街45号",
            specialities: ["73", "74", "76"]),
        VocationalSchool(
            name: "青岚县交通建筑技工学校", township: "花坪镇", street: "工业园区2号",
            specialities: ["64", "70", "66", "65"]),
        VocationalSchool(
            name: "青岚县民族文化艺术学校", township: "青石镇", street: "文化街12号",
            specialities: ["75", "68", "77", "76"]),
    ]

    /// The township named `name`, for a school's location.
    static func township(named name: String) -> Township? {
        townships.first { $0.name == name }
    }
}
