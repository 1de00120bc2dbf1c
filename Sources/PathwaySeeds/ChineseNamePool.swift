/// Surnames and given-name characters from which Seeds build fictional people.
///
/// Common surnames (weighted roughly by frequency, with the 龙, 杨, 吴, 潘 and 石 of Miao and
/// Dong families in the Guizhou hills) and ordinary given-name characters: any combination may
/// coincide with a real person's name, as common names do, but no record describes anyone.
struct ChineseNamePool {
    static let surnames: [(String, Double)] = [
        ("王", 7), ("李", 7), ("张", 6), ("刘", 5), ("陈", 5), ("杨", 6), ("黄", 3), ("赵", 3),
        ("吴", 5), ("周", 3), ("徐", 2), ("孙", 2), ("马", 2), ("朱", 2), ("胡", 2), ("郭", 2),
        ("何", 2), ("罗", 3), ("龙", 4), ("潘", 3), ("石", 3), ("田", 2), ("韦", 2), ("蒙", 1),
        ("熊", 1), ("冉", 1), ("邓", 2), ("谢", 1), ("宋", 1), ("唐", 1), ("冯", 1), ("袁", 1),
        ("蒋", 1), ("付", 1), ("彭", 1), ("曾", 1), ("肖", 1), ("姚", 1), ("卢", 1), ("岑", 1),
    ]

    static let maleCharacters = Array("浩宇轩俊杰涛磊鹏强伟明勇军博文豪然鑫晨阳宏志飞峰锐辉华斌诚坤龙江川")
    static let femaleCharacters = Array("婷雪梅芳丽娟静敏慧琳欣怡佳颖萍燕玲倩雨晴瑶月蕾芬霞艳娜彤洁秀兰")
    static let neutralCharacters = Array("子思一嘉欣晓云秋春林天安宁文心语亦")
    /// Characters of given names in the grandparents' generation, for guardians of
    /// left-behind children.
    static let olderCharacters = Array("德福贵珍英桂秀兰发成国正荣清华芝玉明忠")
}
