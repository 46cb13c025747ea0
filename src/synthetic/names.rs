//! The words the generator builds names and texts from: countries with their cities,
//! languages and personal names, topic fields, and title vocabularies.

/// A country institutions are drawn in: ISO code, share of institutions (per mille), the
/// language of its local names, cities (English name, local name) and personal names.
#[derive(Debug)]
pub(super) struct Country {
    pub(super) code: &'static str,
    pub(super) weight: f64,
    pub(super) language: &'static str,
    pub(super) cities: &'static [(&'static str, &'static str)],
    pub(super) given: &'static [&'static str],
    pub(super) family: &'static [&'static str],
    /// The local name of a university of a city (`{}` is the city's local name).
    pub(super) university: &'static str,
}

/// Shares follow the countries' shares of institutions with publications in OpenAlex (2024),
/// rounded; Kazakhstan is there because the demo data is.
pub(super) const COUNTRIES: &[Country] = &[
    Country {
        code: "US",
        weight: 200.0,
        language: "en",
        cities: &[
            ("Boston", "Boston"),
            ("Chicago", "Chicago"),
            ("Austin", "Austin"),
            ("Seattle", "Seattle"),
            ("Denver", "Denver"),
            ("Atlanta", "Atlanta"),
        ],
        given: &[
            "James", "Mary", "Robert", "Linda", "Michael", "Sarah", "David", "Emily", "John",
            "Jessica",
        ],
        family: &[
            "Smith", "Johnson", "Williams", "Brown", "Jones", "Miller", "Davis", "Wilson", "Moore",
            "Taylor",
        ],
        university: "University of {}",
    },
    Country {
        code: "CN",
        weight: 150.0,
        language: "zh",
        cities: &[
            ("Beijing", "北京"),
            ("Shanghai", "上海"),
            ("Wuhan", "武汉"),
            ("Nanjing", "南京"),
            ("Chengdu", "成都"),
        ],
        given: &[
            "Wei", "Fang", "Lei", "Jing", "Yong", "Li", "Min", "Jun", "Hui", "Xin",
        ],
        family: &[
            "Wang", "Li", "Zhang", "Liu", "Chen", "Yang", "Huang", "Zhao", "Wu", "Zhou",
        ],
        university: "{}大学",
    },
    Country {
        code: "GB",
        weight: 60.0,
        language: "en",
        cities: &[
            ("Cambridge", "Cambridge"),
            ("Leeds", "Leeds"),
            ("Bristol", "Bristol"),
            ("Glasgow", "Glasgow"),
        ],
        given: &[
            "Oliver", "Amelia", "Harry", "Isla", "George", "Ava", "Jack", "Emily",
        ],
        family: &[
            "Evans", "Thomas", "Roberts", "Walker", "Wright", "Hughes", "Green",
        ],
        university: "University of {}",
    },
    Country {
        code: "DE",
        weight: 50.0,
        language: "de",
        cities: &[
            ("Munich", "München"),
            ("Cologne", "Köln"),
            ("Hamburg", "Hamburg"),
            ("Heidelberg", "Heidelberg"),
        ],
        given: &[
            "Lukas", "Anna", "Jonas", "Lena", "Felix", "Marie", "Paul", "Sophie",
        ],
        family: &[
            "Müller",
            "Schmidt",
            "Schneider",
            "Fischer",
            "Weber",
            "Meyer",
            "Wagner",
        ],
        university: "Universität {}",
    },
    Country {
        code: "JP",
        weight: 40.0,
        language: "ja",
        cities: &[("Tokyo", "東京"), ("Kyoto", "京都"), ("Osaka", "大阪")],
        given: &[
            "Haruto", "Yui", "Sota", "Hina", "Riku", "Mio", "Kenji", "Aoi",
        ],
        family: &[
            "Sato",
            "Suzuki",
            "Takahashi",
            "Tanaka",
            "Watanabe",
            "Ito",
            "Yamamoto",
        ],
        university: "{}大学",
    },
    Country {
        code: "IN",
        weight: 40.0,
        language: "en",
        cities: &[
            ("Delhi", "Delhi"),
            ("Mumbai", "Mumbai"),
            ("Chennai", "Chennai"),
        ],
        given: &[
            "Aarav", "Priya", "Vivaan", "Ananya", "Arjun", "Diya", "Rohan", "Kavya",
        ],
        family: &[
            "Sharma", "Patel", "Singh", "Kumar", "Gupta", "Iyer", "Reddy", "Das",
        ],
        university: "University of {}",
    },
    Country {
        code: "FR",
        weight: 35.0,
        language: "fr",
        cities: &[
            ("Paris", "Paris"),
            ("Lyon", "Lyon"),
            ("Marseille", "Marseille"),
        ],
        given: &[
            "Louis", "Camille", "Hugo", "Chloé", "Jules", "Léa", "Arthur", "Manon",
        ],
        family: &[
            "Martin", "Bernard", "Dubois", "Thomas", "Robert", "Richard", "Petit",
        ],
        university: "Université de {}",
    },
    Country {
        code: "BR",
        weight: 30.0,
        language: "pt",
        cities: &[
            ("São Paulo", "São Paulo"),
            ("Rio de Janeiro", "Rio de Janeiro"),
            ("Recife", "Recife"),
        ],
        given: &[
            "Miguel", "Alice", "Arthur", "Helena", "Heitor", "Laura", "Davi",
        ],
        family: &[
            "Silva", "Santos", "Oliveira", "Souza", "Lima", "Pereira", "Costa",
        ],
        university: "Universidade de {}",
    },
    Country {
        code: "ES",
        weight: 30.0,
        language: "es",
        cities: &[
            ("Madrid", "Madrid"),
            ("Seville", "Sevilla"),
            ("Valencia", "València"),
        ],
        given: &[
            "Hugo", "Lucía", "Martín", "Sofía", "Pablo", "Martina", "Daniel",
        ],
        family: &[
            "García",
            "Fernández",
            "González",
            "Rodríguez",
            "López",
            "Martínez",
        ],
        university: "Universidad de {}",
    },
    Country {
        code: "IT",
        weight: 30.0,
        language: "it",
        cities: &[
            ("Rome", "Roma"),
            ("Milan", "Milano"),
            ("Bologna", "Bologna"),
        ],
        given: &[
            "Leonardo",
            "Sofia",
            "Francesco",
            "Giulia",
            "Alessandro",
            "Aurora",
        ],
        family: &[
            "Rossi", "Russo", "Ferrari", "Esposito", "Bianchi", "Romano", "Colombo",
        ],
        university: "Università di {}",
    },
    Country {
        code: "RU",
        weight: 25.0,
        language: "ru",
        cities: &[
            ("Moscow", "Москва"),
            ("Novosibirsk", "Новосибирск"),
            ("Kazan", "Казань"),
        ],
        given: &[
            "Alexander",
            "Anastasia",
            "Dmitry",
            "Maria",
            "Sergey",
            "Elena",
            "Ivan",
        ],
        family: &[
            "Ivanov",
            "Smirnova",
            "Kuznetsov",
            "Popova",
            "Sokolov",
            "Lebedeva",
        ],
        university: "Университет {}",
    },
    Country {
        code: "KR",
        weight: 25.0,
        language: "ko",
        cities: &[("Seoul", "서울"), ("Busan", "부산"), ("Daejeon", "대전")],
        given: &["Min-jun", "Seo-yeon", "Ji-ho", "Ha-eun", "Do-yun", "Ji-woo"],
        family: &["Kim", "Lee", "Park", "Choi", "Jung", "Kang", "Cho"],
        university: "{} 대학교",
    },
    Country {
        code: "KZ",
        weight: 10.0,
        language: "kk",
        cities: &[
            ("Astana", "Астана"),
            ("Almaty", "Алматы"),
            ("Karaganda", "Қарағанды"),
        ],
        given: &[
            "Nursultan",
            "Aigerim",
            "Maxat",
            "Dana",
            "Yerlan",
            "Aruzhan",
            "Daniyar",
        ],
        family: &[
            "Kassen",
            "Abenov",
            "Nurlanova",
            "Seitkali",
            "Zhakupov",
            "Omarova",
        ],
        university: "{} университеті",
    },
];

/// The share of institutions in each ROR type (ROR's registry, 2024, among institutions with
/// publications: mostly education and facilities), with its schema.org class.
pub(super) const ORG_TYPES: &[(f64, &str)] = &[
    (55.0, "http://schema.org/CollegeOrUniversity"),
    (15.0, "http://schema.org/ResearchOrganization"),
    (12.0, "http://schema.org/MedicalOrganization"),
    (8.0, "http://schema.org/GovernmentOrganization"),
    (6.0, "http://schema.org/Corporation"),
    (4.0, "http://schema.org/NGO"),
];

/// The English name pattern of an institution of each type (`{}` is the city).
pub(super) fn org_pattern(class: &str) -> &'static str {
    match class.rsplit('/').next() {
        Some("ResearchOrganization") => "{} Institute of Science",
        Some("MedicalOrganization") => "{} University Hospital",
        Some("GovernmentOrganization") => "{} Geological Survey",
        Some("Corporation") => "{} Instruments",
        Some("NGO") => "{} Foundation",
        _ => "",
    }
}

/// OpenAlex's four domains and their 26 fields (the Scopus ASJC fields OpenAlex topics use).
pub(super) const DOMAINS: &[(&str, &[&str])] = &[
    (
        "Physical Sciences",
        &[
            "Chemical Engineering",
            "Chemistry",
            "Computer Science",
            "Earth and Planetary Sciences",
            "Energy",
            "Engineering",
            "Environmental Science",
            "Materials Science",
            "Mathematics",
            "Physics and Astronomy",
        ],
    ),
    (
        "Life Sciences",
        &[
            "Agricultural and Biological Sciences",
            "Biochemistry, Genetics and Molecular Biology",
            "Immunology and Microbiology",
            "Neuroscience",
            "Pharmacology, Toxicology and Pharmaceutics",
        ],
    ),
    (
        "Health Sciences",
        &[
            "Medicine",
            "Nursing",
            "Veterinary",
            "Dentistry",
            "Health Professions",
        ],
    ),
    (
        "Social Sciences",
        &[
            "Arts and Humanities",
            "Business, Management and Accounting",
            "Decision Sciences",
            "Economics, Econometrics and Finance",
            "Psychology",
            "Social Sciences",
        ],
    ),
];

/// Words of English titles, abstracts and topic names.
pub(super) const WORDS: &[&str] = &[
    "policy",
    "power",
    "region",
    "state",
    "trade",
    "energy",
    "water",
    "border",
    "security",
    "economy",
    "culture",
    "language",
    "migration",
    "network",
    "market",
    "reform",
    "identity",
    "history",
    "climate",
    "health",
    "education",
    "model",
    "analysis",
    "learning",
    "protein",
    "cell",
    "graph",
    "signal",
    "quantum",
    "soil",
    "urban",
    "rural",
    "memory",
    "risk",
    "growth",
    "inequality",
    "governance",
    "transport",
    "infection",
    "catalyst",
    "sensor",
    "theory",
    "evidence",
    "method",
    "design",
    "dynamics",
    "structure",
    "integration",
    "diversity",
    "estimation",
    "simulation",
    "survey",
    "archive",
    "corpus",
    "algorithm",
    "neural",
    "genome",
    "landscape",
    "diplomacy",
    "cooperation",
];

/// Connecting words of titles.
pub(super) const TITLE_FORMS: &[&str] = &[
    "{a} and {b}: evidence from {c}",
    "Understanding {a} in {c}",
    "A {a} approach to {b}",
    "{a}, {b} and the politics of {c}",
    "On the {a} of {b}",
    "Towards {a}-aware {b}",
    "{a} under uncertainty: a study of {b}",
    "Rethinking {a} and {b}",
];

/// A few title words in each other language papers are written in.
pub(super) fn words_of(language: &str) -> &'static [&'static str] {
    match language {
        "de" => &[
            "Politik", "Wandel", "Sprache", "Region", "Energie", "Studie", "Markt",
        ],
        "fr" => &[
            "politique",
            "réforme",
            "langue",
            "région",
            "énergie",
            "étude",
            "marché",
        ],
        "es" => &[
            "política",
            "reforma",
            "lengua",
            "región",
            "energía",
            "estudio",
            "mercado",
        ],
        "pt" => &[
            "política",
            "reforma",
            "língua",
            "região",
            "energia",
            "estudo",
            "mercado",
        ],
        "it" => &[
            "politica", "riforma", "lingua", "regione", "energia", "studio", "mercato",
        ],
        "ru" => &[
            "политика",
            "реформа",
            "язык",
            "регион",
            "энергия",
            "анализ",
            "рынок",
        ],
        "kk" => &[
            "саясат",
            "реформа",
            "тіл",
            "аймақ",
            "энергия",
            "талдау",
            "нарық",
        ],
        "zh" => &["政策", "改革", "语言", "区域", "能源", "研究", "市场"],
        "ja" => &["政策", "改革", "言語", "地域", "エネルギー", "研究", "市場"],
        "ko" => &["정책", "개혁", "언어", "지역", "에너지", "연구", "시장"],
        _ => WORDS,
    }
}
