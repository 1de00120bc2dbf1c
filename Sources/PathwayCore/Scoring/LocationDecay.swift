/// How the location component falls with distance from home to campus.
///
/// The component halves every `halfLifeKm`: at the doorstep it is 1, at one half-life 0.5, at two
/// 0.25. A half-life is the easiest decay to explain to a family ("every 10 km further halves the
/// location score"). A student at a boarding programme travels home weekly rather than daily, so
/// distance costs less there and the half-life is four times longer.
public enum LocationDecay {
    /// Half-life for a programme without boarding: a daily commute, where 10 km by county bus is
    /// already most of an hour.
    public static let dayHalfLifeKm = 10.0
    /// Half-life for a programme with boarding: a weekly trip home.
    public static let boardingHalfLifeKm = 40.0

    /// The half-life that applies to a programme.
    public static func halfLifeKm(boarding: Bool) -> Double {
        boarding ? boardingHalfLifeKm : dayHalfLifeKm
    }

    /// The component of a student whose home is not known: the value at one half-life, neither
    /// near nor far, so that interest and grades decide and the letter can say why.
    public static let unknownHome = 0.5

    /// `2^(−distance / half-life)`, in (0, 1]; `unknownHome` for an unknown distance (NaN).
    public static func component(distanceKm: Double, boarding: Bool) -> Double {
        guard !distanceKm.isNaN else { return unknownHome }
        return Math.exp2(-distanceKm / halfLifeKm(boarding: boarding))
    }
}
