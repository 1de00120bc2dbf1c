/// The sentences of explanations, in Chinese and English.
///
/// Each sentence states one fact and stands on its own, so that a letter template can pick the
/// ones it needs. Students other than the one explained are never named.
struct ExplanationText {
    let language: Language

    private var zh: Bool { language == .chinese }

    private func n2(_ x: Double) -> String { NumberText.decimal(x, places: 2) }
    private func n1(_ x: Double) -> String { NumberText.decimal(x, places: 1) }
    private func n3(_ x: Double) -> String { NumberText.decimal(x, places: 3) }

    func sentences(for e: Explanation) -> [String] {
        var lines: [String] = []
        if e.isEligible {
            if let rank = e.studentRank {
                lines.append(zh ? "该专业是学生的第\(rank)个候选专业。" : "This programme is the student's candidate no. \(rank).")
            }
        } else {
            lines.append(zh ? "该专业不是学生的候选专业：" : "This programme is not a candidate for the student:")
            lines += e.ineligibility.map(reason)
        }
        lines.append(total(e))
        lines += interest(e.interest, category: e.category)
        lines += grades(e.grades)
        lines.append(location(e.location))
        return lines
    }

    func reason(_ reason: IneligibilityReason) -> String {
        switch reason {
        case .noSeats:
            return zh ? "该专业今年没有招生名额。" : "The programme offers no seats this year."
        case .belowMinimumScore(let total, let minimum):
            return zh ? "总分\(n1(total))低于该专业的最低分数线\(n1(minimum))。"
                : "The total score \(n1(total)) is below the programme's minimum of \(n1(minimum))."
        case .missingTotalScore(let minimum):
            return zh ? "没有总分记录，而该专业要求总分不低于\(n1(minimum))。"
                : "No total score is on record, and the programme requires at least \(n1(minimum))."
        case .noBoarding:
            return zh ? "学生需要住宿，而该专业不提供住宿。"
                : "The student needs boarding, and the programme offers none."
        case .beyondCommute(let distance, let maximum):
            return zh ? "校区离家\(n1(distance))公里，超过每日通勤上限\(n1(maximum))公里，且该专业不提供住宿。"
                : "The campus is \(n1(distance)) km from home, farther than the \(n1(maximum)) km daily commute limit, and the programme offers no boarding."
        case .refused(let refusal):
            let why = refusal.reason.map { zh ? "（\($0.name(in: .chinese))）" : " (\($0.name(in: .english)))" } ?? ""
            if refusal.status == .no_show {
                return zh ? "学生在转介 \(refusal.referenceNumber) 中没有到这个专业报到\(why)，不再推荐。"
                    : "The student did not turn up for this programme under referral \(refusal.referenceNumber)\(why); it is not offered again."
            }
            return zh ? "学生在转介 \(refusal.referenceNumber) 中拒绝了这个专业\(why)，不再推荐。"
                : "The student declined this programme under referral \(refusal.referenceNumber)\(why); it is not offered again."
        }
    }

    private func total(_ e: Explanation) -> String {
        let w = e.weights
        let formula = "100 × (\(n2(w.interest)) × \(n2(e.interest.value)) + \(n2(w.grades)) × \(n2(e.grades.value)) + \(n2(w.location)) × \(n2(e.location.value))) / \(n2(w.sum))"
        return zh ? "综合得分\(n1(e.score))（满分100）= \(formula)，三项依次为兴趣、成绩、距离。"
            : "Total score \(n1(e.score)) of 100 = \(formula), the three parts being interest, grades and location."
    }

    private func interest(_ d: InterestDetail, category: String) -> [String] {
        var lines: [String] = []
        let head = zh ? "兴趣\(n2(d.value))：" : "Interest \(n2(d.value)): "
        if d.missing.contains(.wishes) {
            lines.append(head + (zh ? "没有志愿记录，志愿部分按中性值\(n2(d.wishPart))计算。"
                : "no wishes are on record, so a neutral \(n2(d.wishPart)) was used for them."))
        } else if let wish = d.wish {
            switch wish.kind {
            case .program:
                lines.append(head + (zh ? "学生把该专业填为第\(wish.position)志愿。"
                    : "the student listed this programme as wish no. \(wish.position)."))
            case .category:
                lines.append(head + (zh ? "学生把该专业所属的专业大类（\(category)）填为第\(wish.position)志愿。"
                    : "the student listed its catalogue category (\(category)) as wish no. \(wish.position)."))
            }
        } else {
            lines.append(head + (zh ? "学生的志愿中没有该专业或其专业大类。"
                : "none of the student's wishes names this programme or its category."))
        }
        if let m = d.iachanM, let s = d.studentHollandCode, let p = d.programHollandCode {
            lines.append(zh ? "学生的霍兰德代码\(s)与专业的\(p)一致性为\(n2(d.congruence))（Iachan M指数\(m)）。"
                : "The student's Holland code \(s) and the programme's \(p) agree with a congruence of \(n2(d.congruence)) (Iachan's M index \(m)).")
        } else {
            let who: String
            switch (d.studentHollandCode == nil, d.programHollandCode == nil) {
            case (true, true): who = zh ? "学生和专业的霍兰德代码都" : "Both Holland codes are"
            case (true, false): who = zh ? "学生的霍兰德代码" : "The student's Holland code is"
            default: who = zh ? "专业的霍兰德代码" : "The programme's Holland code is"
            }
            lines.append(zh ? "\(who)缺失，按平均一致性\(n2(d.congruence))计算，兴趣分的可信度因此降低。"
                : "\(who) missing, so an average congruence of \(n2(d.congruence)) was used and the interest score is less certain.")
        }
        return lines
    }

    private func grades(_ d: GradesDetail) -> [String] {
        var lines: [String] = []
        let others = max(0, d.cohortSize - 1)
        let head = zh ? "成绩\(n2(d.value))：" : "Grades \(n2(d.value)): "
        if d.keySubjects.isEmpty {
            switch d.overallBasis {
            case .totalScore:
                lines.append(head + (zh ? "该专业没有指定重点科目，按总分计算：总分高于同批\(others)名其他学生中的\(NumberText.percent(d.value))%（并列按一半计）。"
                    : "the programme names no key subjects, so the total score counts: it is higher than \(NumberText.percent(d.value))% of the other \(others) students in the cohort (ties count half)."))
            case .subjectMean:
                lines.append(head + (zh ? "该专业没有指定重点科目；学生没有总分记录，按各科百分位的平均值计算。"
                    : "the programme names no key subjects, and no total score is on record, so the mean of the student's subject percentiles was used."))
            case .neutral:
                lines.append(head + (zh ? "该专业没有指定重点科目；学生没有任何成绩记录，按中位数0.5计算。"
                    : "the programme names no key subjects, and no marks are on record, so the cohort median (0.5) was used."))
            }
            return lines
        }
        let list = d.keySubjects.map { "\($0.subject)×\(n2($0.weight))" }.joined(separator: zh ? "、" : ", ")
        lines.append(head + (zh ? "在该专业的重点科目（\(list)）上，学生强于同批\(others)名其他学生中的\(NumberText.percent(d.value))%（并列按一半计）。"
            : "in the programme's key subjects (\(list)) the student is stronger than \(NumberText.percent(d.value))% of the other \(others) students in the cohort (ties count half)."))
        for standing in d.keySubjects where standing.percentile == nil {
            lines.append(zh ? "没有\(standing.subject)成绩记录，以学生的总体水平\(n2(standing.valueUsed))代替。"
                : "No \(standing.subject) mark is on record; the student's overall standing \(n2(standing.valueUsed)) was used instead.")
        }
        return lines
    }

    private func location(_ d: LocationDetail) -> String {
        let mode = d.boarding ? (zh ? "该专业提供住宿" : "the programme offers boarding")
            : (zh ? "走读" : "a daily commute")
        guard !d.distanceKm.isNaN else {
            return zh
                ? "距离\(n2(d.value))：家庭住址无法定位（导入时没有坐标，地名表中也没有其乡镇和村），按中间值计，不限通勤距离（\(mode)）。"
                : "Location \(n2(d.value)): the home could not be placed (no coordinates, and its township and village are not in the gazetteer), so the middle value was used and no commute limit applied (\(mode))."
        }
        var how = ""
        if let route = d.route {
            if route.km == nil, let minutes = route.minutes {
                how = zh ? "（公路约\(n1(minutes))分钟，按每小时\(n1(TravelTable.assumedSpeedKmPerHour))公里计）"
                    : " (about \(n1(minutes)) minutes by road, counted at \(n1(TravelTable.assumedSpeedKmPerHour)) km/h)"
            } else {
                how = zh ? "（公路里程）" : " by road"
            }
        }
        return zh ? "距离\(n2(d.value))：校区离家\(n1(d.distanceKm))公里\(how)；该分数每\(n1(d.halfLifeKm))公里减半（\(mode)）。"
            : "Location \(n2(d.value)): the campus is \(n1(d.distanceKm)) km from home\(how); this score halves every \(n1(d.halfLifeKm)) km (\(mode))."
    }

    func sentences(for e: StudentExplanation) -> [String] {
        var lines: [String] = []
        let count = e.candidates.count
        if count == 0 {
            lines.append(zh ? "没有符合条件的专业，各专业的原因见下。"
                : "No programme is eligible for the student; the reason for each programme follows.")
            return lines
        }
        switch e.strategy {
        case .ranked:
            lines.append(zh ? "本次只列出候选专业（共\(count)个），不做录取安排。"
                : "This run lists candidates only (\(count) of them) and assigns no seats.")
            return lines
        case .parallel:
            return lines + parallelSentences(e)
        case .stable, .optimal:
            if let program = e.placedProgramID, let rank = e.placedRank {
                let name = e.placedProgramName ?? program
                lines.append(zh ? "录取到\(name)（\(program)），是学生\(count)个候选专业中的第\(rank)个。"
                    : "Placed in \(name) (\(program)), candidate no. \(rank) of \(count).")
            } else if e.strategy == .stable {
                lines.append(zh ? "未录取：全部\(count)个候选专业的名额都已被优先级更高的学生占满。"
                    : "Not placed: each of the \(count) candidates filled its seats with students of higher priority.")
            } else {
                lines.append(zh ? "未录取：在安置人数最多的方案中，全部\(count)个候选专业都已满员，安置该生会使另一名学生失去名额。"
                    : "Not placed: in the assignment that seats the most students, all \(count) candidates are full, and seating this student would unseat another.")
            }
        }
        for full in e.fullCandidates {
            let tie = full.studentPriority == full.lowestAdmittedPriority
            if e.strategy == .stable {
                lines.append(zh ? "\(full.programName)（第\(full.studentRank)个候选）的\(full.seats)个名额已满；录取学生的最低优先级为\(n3(full.lowestAdmittedPriority))，该生为\(n3(full.studentPriority))\(tie ? (e.lotteryTies ? "，优先级相同时抽签号小者优先" : "，优先级相同时按学籍号先后决定") : "")。"
                    : "\(full.programName) (candidate no. \(full.studentRank)) filled its \(full.seats) seats; the lowest admitted priority was \(n3(full.lowestAdmittedPriority)) and the student's was \(n3(full.studentPriority))\(tie ? (e.lotteryTies ? "; equal priorities go to the lower lottery number" : "; equal priorities are decided by student id") : "").")
            } else {
                lines.append(zh ? "\(full.programName)（第\(full.studentRank)个候选）的\(full.seats)个名额已满。"
                    : "\(full.programName) (candidate no. \(full.studentRank)) filled its \(full.seats) seats.")
            }
        }
        return lines
    }

    private func parallelSentences(_ e: StudentExplanation) -> [String] {
        guard let t = e.parallel else { return [] }
        var lines: [String] = []
        let subjects = t.tieBreakSubjects.map { SubjectNames.name($0, in: language) }
        let chain = zh
            ? (subjects.isEmpty ? "" : "依次比较\(subjects.joined(separator: "、"))，") + (t.lottery == nil ? "再按学籍号" : "再按抽签号（小者优先）")
            : (subjects.isEmpty ? "" : "by \(subjects.joined(separator: ", ")) in turn, ") + (t.lottery == nil ? "then by student id" : "then by lottery number (lower first)")
        let total = t.total.map(n1)
        let lottery = t.lottery.map { zh ? "；该生抽签号 \($0)" : "; the student's lottery number is \($0)" } ?? ""
        lines.append(zh
            ? "平行志愿（分数优先、遵循志愿）：\(total.map { "该生总分\($0)，" } ?? "该生没有总分，排在有总分的学生之后，")在\(t.studentCount)名学生中第\(t.position)个录取（总分相同时\(chain)）\(lottery)。"
            : "Parallel wishes (score first, wishes in order): \(total.map { "with a total of \($0)" } ?? "without a total, after everybody with one"), the student came \(t.position) of \(t.studentCount) in the order (equal totals \(chain))\(lottery).")
        if t.steps.isEmpty {
            lines.append(zh ? "该生的志愿中没有候选专业（原因见下）。" : "None of the student's wishes is a candidate (the reasons follow).")
        }
        for (index, step) in t.steps.enumerated() {
            let which = zh ? "第\(index + 1)个可录取志愿\(step.programName)（第\(step.batch)批）" : "Wish \(index + 1) that could admit, \(step.programName) (batch \(step.batch))"
            switch step.outcome {
            case .placed:
                lines.append(zh ? "\(which)：轮到该生时还有名额，录取。" : "\(which): a seat was left at the student's turn, placed.")
            case .noSeats:
                lines.append(zh ? "\(which)：本次没有名额。" : "\(which): offers no seats in this run.")
            case .full:
                let last = step.lastAdmittedPosition.map { zh ? "，最后一名经志愿录取的学生排第\($0)位" : "; the last student admitted through a wish came \($0) in the order" } ?? ""
                lines.append(zh ? "\(which)：\(step.seats)个名额在轮到该生前已满\(last)。" : "\(which): its \(step.seats) seats were filled before the student's turn\(last).")
            }
        }
        if t.reassigned, let name = e.placedProgramName, let rank = e.placedRank {
            lines.append(zh ? "各志愿都未录取；该生服从调剂，调剂到\(name)（第\(rank)个候选专业，当时仍有名额）。"
                : "No wish admitted the student; they agree to reassignment and were placed in \(name) (candidate no. \(rank), which still had a seat).")
        } else if e.placedProgramID == nil {
            lines.append(t.acceptsReassignment
                ? (zh ? "未录取：各志愿都已满；该生服从调剂，但所有候选专业的名额也已用完。" : "Not placed: every wish was full; the student agrees to reassignment, but every candidate's seats were taken too.")
                : (zh ? "未录取：各志愿都已满，该生没有选择服从调剂。" : "Not placed: every wish was full, and the student did not agree to reassignment."))
        }
        return lines
    }
}
