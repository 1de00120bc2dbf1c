import PathwayCore

/// Why a programme suits a student, in sentences a parent or a school clerk understands: the
/// facts of an `Explanation` without its formulas, weights and percentile notation.
///
/// `Explanation.sentences(language:)` is written for staff who check a score; it prints
/// `综合得分73.5（满分100）= 100 × (…)`. A letter needs the reasons, not the arithmetic, and only
/// the ones that speak for the programme: a weak point is for the counsellor's conversation,
/// not for a letter a family keeps.
public enum LetterReasons {
    /// Up to four sentences: the wish, the interest fit, the grades, the distance and boarding.
    public static func sentences(for explanation: Explanation, language: Language) -> [String] {
        sentences(for: PairEvidence(explanation), language: language)
    }

    /// The same sentences from the evidence of a stored pair.
    public static func sentences(for evidence: PairEvidence, language: Language) -> [String] {
        let zh = language == .chinese
        let words = LetterWording(language: language)
        var lines: [String] = []
        if let wish = evidence.wish {
            switch wish.kind {
            case .program:
                lines.append(zh ? "学生在志愿中把这个专业填在第\(wish.position)位。"
                    : "The student put this programme as choice no. \(wish.position) on their wish list.")
            case .category:
                lines.append(zh ? "学生在志愿中把这个专业所属的专业大类填在第\(wish.position)位。"
                    : "The student put this programme's field as choice no. \(wish.position) on their wish list.")
            }
        }
        if let congruence = evidence.congruence, congruence >= 0.5, let code = evidence.studentHollandCode {
            let strong = congruence >= 0.75
            lines.append(zh ? "学生的兴趣类型（霍兰德代码\(code)）与这个专业\(strong ? "非常" : "比较")契合。"
                : "The student's interests (Holland code \(code)) fit this programme \(strong ? "very well" : "well").")
        }
        if evidence.standing >= 0.5, evidence.cohortSize > 1 {
            let share = LetterWording.fixed(evidence.standing * 100, places: 0)
            // "better than about 100%" reads as a mistake; the top of the year is said as such.
            let standing = share == "100"
                ? (zh ? "学生的成绩在同届中名列前茅" : "the student is among the strongest in their year")
                : (zh ? "学生的成绩好于同届约\(share)%的同学" : "the student does better than about \(share)% of their year")
            // Only what marks on record show: a standing filled in for a missing mark is no fact.
            switch evidence.standingBasis {
            case .keySubjectMarks:
                let names = evidence.keySubjects.map { words.subject($0) }.joined(separator: zh ? "、" : ", ")
                lines.append(zh ? "在这个专业看重的科目（\(names)）上，\(standing)。"
                    : "In the subjects this programme values (\(names)), \(standing).")
            case .overall(.totalScore):
                lines.append(zh ? "从中考总分看，\(standing)。" : "In overall marks, \(standing).")
            case .overall(.subjectMean):
                lines.append(zh ? "从各科成绩看，\(standing)。" : "Across their subject marks, \(standing).")
            case .overall(.neutral), .partlyEstimated:
                break
            }
        }
        let distance = words.kilometres(evidence.distanceKm)
        if evidence.distanceKm.isNaN {
            // The home could not be placed: say what is known, not a distance.
            lines.append(
                evidence.boarding
                    ? (zh ? "学校可以住校。" : "The school offers boarding.")
                    : (zh ? "学校不提供住宿，请和班主任一起确认每天往返的路程。"
                        : "The school has no boarding; please check the daily journey with the class teacher."))
        } else if evidence.boarding {
            lines.append(zh ? "学校离家约\(distance)公里，可以住校。" : "The school is about \(distance) km from home and offers boarding.")
        } else {
            lines.append(zh ? "学校离家约\(distance)公里，可以每天走读。" : "The school is about \(distance) km from home, close enough to travel each day.")
        }
        return lines
    }
}
