/// A kind of programme a county vocational school offers, as the generator draws them: a
/// programme name from the 2021 catalogue with its top-level category, a plausible Holland
/// code and key subjects, and how popular and selective it tends to be.
struct ProgramTemplate {
    var name: String
    /// Two-digit top-level category of the 2021 catalogue.
    var category: String
    var hollandCode: String
    /// `subject:weight;...` as `programs.csv` writes it.
    var keySubjects: String
    /// Relative share of seats and of wishes.
    var popularity: Double
    /// A typical minimum total score when the programme has one (out of 750).
    var minimumScore: Double?
    var description: String

    /// In order of how commonly a county offers them: the generator takes the first twelve
    /// for every data set and draws the rest.
    static let catalogue: [ProgramTemplate] = [
        ProgramTemplate(name: "汽车运用与维修", category: "70", hollandCode: "RIC", keySubjects: "physics:2;math:1", popularity: 1.6, minimumScore: nil, description: "汽车保养、检测与维修，与\"青岚汽修\"等企业合作开展实训"),
        ProgramTemplate(name: "计算机应用", category: "71", hollandCode: "ICR", keySubjects: "math:2;english:1", popularity: 1.7, minimumScore: nil, description: "办公软件、图文处理与计算机维护"),
        ProgramTemplate(name: "护理", category: "72", hollandCode: "SIC", keySubjects: "biology:2;chemistry:1;chinese:1", popularity: 1.5, minimumScore: 330, description: "面向乡镇卫生院和养老机构的护理人才，须体检合格"),
        ProgramTemplate(name: "电子商务", category: "73", hollandCode: "ECS", keySubjects: "math:1;chinese:1", popularity: 1.4, minimumScore: nil, description: "网店运营, 直播带货与农产品上行"),
        ProgramTemplate(name: "中餐烹饪", category: "74", hollandCode: "RAE", keySubjects: "", popularity: 1.1, minimumScore: nil, description: "黔味菜肴与中式面点制作"),
        ProgramTemplate(name: "现代农艺技术", category: "61", hollandCode: "RIC", keySubjects: "biology:2;geography:1", popularity: 0.8, minimumScore: nil, description: "种植、植保与农机操作，校内有实训基地"),
        ProgramTemplate(name: "建筑工程施工", category: "64", hollandCode: "RCI", keySubjects: "math:2;physics:1", popularity: 0.9, minimumScore: nil, description: "施工技术、识图与测量"),
        ProgramTemplate(name: "幼儿保育", category: "77", hollandCode: "SAE", keySubjects: "chinese:2;english:1", popularity: 1.3, minimumScore: 300, description: "托育与幼儿园保育员方向"),
        ProgramTemplate(name: "会计事务", category: "73", hollandCode: "CES", keySubjects: "math:2;chinese:1", popularity: 1.0, minimumScore: 280, description: "出纳、记账与税务基础"),
        ProgramTemplate(name: "机电技术应用", category: "66", hollandCode: "RIC", keySubjects: "physics:2;math:2", popularity: 1.0, minimumScore: nil, description: "电工、钳工与自动化设备维护"),
        ProgramTemplate(name: "旅游服务与管理", category: "74", hollandCode: "SEA", keySubjects: "english:2;chinese:1;history:1", popularity: 0.8, minimumScore: nil, description: "导游与乡村旅游接待"),
        ProgramTemplate(name: "新能源汽车运用与维修", category: "70", hollandCode: "RIC", keySubjects: "physics:2;math:1", popularity: 1.0, minimumScore: 260, description: "三电系统检测与维护"),
        ProgramTemplate(name: "计算机网络技术", category: "71", hollandCode: "IRC", keySubjects: "math:2;english:1", popularity: 0.9, minimumScore: 280, description: "网络搭建与运维"),
        ProgramTemplate(name: "电子技术应用", category: "71", hollandCode: "RIC", keySubjects: "physics:2;math:1", popularity: 0.7, minimumScore: nil, description: "电子产品装配与调试"),
        ProgramTemplate(name: "数字媒体技术应用", category: "71", hollandCode: "AIE", keySubjects: "english:1;math:1", popularity: 0.9, minimumScore: nil, description: "短视频拍摄、剪辑与平面设计"),
        ProgramTemplate(name: "药剂", category: "72", hollandCode: "ICS", keySubjects: "chemistry:2;biology:1", popularity: 0.6, minimumScore: 300, description: "药品调剂与药店服务"),
        ProgramTemplate(name: "康复技术", category: "72", hollandCode: "SRI", keySubjects: "biology:2", popularity: 0.5, minimumScore: 290, description: "基层康复治疗辅助"),
        ProgramTemplate(name: "农村医学", category: "72", hollandCode: "ISR", keySubjects: "biology:2;chemistry:2", popularity: 0.5, minimumScore: 350, description: "定向培养村医，毕业后回村服务"),
        ProgramTemplate(name: "畜禽生产技术", category: "61", hollandCode: "RIS", keySubjects: "biology:2", popularity: 0.4, minimumScore: nil, description: "生猪、肉牛与家禽养殖"),
        ProgramTemplate(name: "茶叶生产与加工", category: "61", hollandCode: "RCE", keySubjects: "biology:1;geography:1", popularity: 0.4, minimumScore: nil, description: "茶园管理、制茶与茶艺"),
        ProgramTemplate(name: "中草药种植", category: "61", hollandCode: "RIC", keySubjects: "biology:2", popularity: 0.3, minimumScore: nil, description: "林下中药材种植与初加工"),
        ProgramTemplate(name: "园林技术", category: "61", hollandCode: "RAI", keySubjects: "biology:1", popularity: 0.3, minimumScore: nil, description: "绿化施工与花卉栽培"),
        ProgramTemplate(name: "工程测量技术", category: "62", hollandCode: "RIC", keySubjects: "math:2;geography:1", popularity: 0.4, minimumScore: nil, description: "测绘仪器操作与地形测量"),
        ProgramTemplate(name: "环境治理技术", category: "62", hollandCode: "IRC", keySubjects: "chemistry:2;biology:1", popularity: 0.3, minimumScore: nil, description: "水质监测与垃圾处理"),
        ProgramTemplate(name: "供用电技术", category: "63", hollandCode: "RIC", keySubjects: "physics:2;math:1", popularity: 0.5, minimumScore: 270, description: "农网供配电运行与维护"),
        ProgramTemplate(name: "建筑装饰技术", category: "64", hollandCode: "ARC", keySubjects: "math:1", popularity: 0.5, minimumScore: nil, description: "室内装饰施工与设计"),
        ProgramTemplate(name: "工程造价", category: "64", hollandCode: "CIR", keySubjects: "math:2", popularity: 0.4, minimumScore: 270, description: "工程量计算与预算"),
        ProgramTemplate(name: "水利工程施工", category: "65", hollandCode: "RCI", keySubjects: "math:1;physics:1", popularity: 0.3, minimumScore: nil, description: "小型水利与农田水利施工"),
        ProgramTemplate(name: "数控技术应用", category: "66", hollandCode: "RIC", keySubjects: "math:2;physics:1", popularity: 0.6, minimumScore: nil, description: "数控车床与加工中心操作"),
        ProgramTemplate(name: "焊接技术应用", category: "66", hollandCode: "RCI", keySubjects: "physics:1", popularity: 0.4, minimumScore: nil, description: "焊条电弧焊与气体保护焊"),
        ProgramTemplate(name: "工业机器人技术应用", category: "66", hollandCode: "RIE", keySubjects: "math:2;physics:2", popularity: 0.5, minimumScore: 280, description: "工业机器人编程与维护"),
        ProgramTemplate(name: "化学工艺", category: "67", hollandCode: "IRC", keySubjects: "chemistry:2;math:1", popularity: 0.3, minimumScore: nil, description: "化工生产操作与安全"),
        ProgramTemplate(name: "服装设计与工艺", category: "68", hollandCode: "ARE", keySubjects: "", popularity: 0.4, minimumScore: nil, description: "服装制版与缝制"),
        ProgramTemplate(name: "民族服装与服饰", category: "68", hollandCode: "ARS", keySubjects: "", popularity: 0.3, minimumScore: nil, description: "苗绣、蜡染与民族服饰制作"),
        ProgramTemplate(name: "食品安全与检测技术", category: "69", hollandCode: "ICR", keySubjects: "chemistry:2;biology:1", popularity: 0.3, minimumScore: nil, description: "食品检验与质量管理"),
        ProgramTemplate(name: "城市轨道交通运营服务", category: "70", hollandCode: "SEC", keySubjects: "english:1;chinese:1", popularity: 0.7, minimumScore: 300, description: "站务与乘务服务，身高视力有要求"),
        ProgramTemplate(name: "物流服务与管理", category: "73", hollandCode: "CER", keySubjects: "math:1", popularity: 0.4, minimumScore: nil, description: "仓储、配送与快递网点运营"),
        ProgramTemplate(name: "市场营销", category: "73", hollandCode: "ESC", keySubjects: "chinese:1", popularity: 0.4, minimumScore: nil, description: "门店销售与客户服务"),
        ProgramTemplate(name: "酒店服务与管理", category: "74", hollandCode: "SEC", keySubjects: "english:1", popularity: 0.4, minimumScore: nil, description: "前厅、客房与餐饮服务"),
        ProgramTemplate(name: "工艺美术", category: "75", hollandCode: "ARI", keySubjects: "", popularity: 0.4, minimumScore: nil, description: "绘画、雕刻与民间工艺"),
        ProgramTemplate(name: "民族音乐与舞蹈", category: "75", hollandCode: "ASE", keySubjects: "", popularity: 0.4, minimumScore: nil, description: "侗族大歌与苗族舞蹈传承"),
        ProgramTemplate(name: "播音与节目主持", category: "76", hollandCode: "AES", keySubjects: "chinese:2", popularity: 0.3, minimumScore: 280, description: "普通话、播音与主持"),
        ProgramTemplate(name: "运动训练", category: "77", hollandCode: "RSE", keySubjects: "", popularity: 0.3, minimumScore: nil, description: "田径与篮球专项训练"),
        ProgramTemplate(name: "法律事务", category: "78", hollandCode: "ESC", keySubjects: "politics:2;chinese:1", popularity: 0.3, minimumScore: 300, description: "基层法律服务与调解"),
        ProgramTemplate(name: "老年人服务与管理", category: "79", hollandCode: "SCR", keySubjects: "biology:1;chinese:1", popularity: 0.4, minimumScore: nil, description: "养老机构与居家养老服务"),
    ]
}
