//! Fictional names and places for the demo.

pub const GIVEN: [&str; 64] = [
    "Margaret", "Derek", "Aisha", "Tomasz", "Brenda", "Kwame", "Sheila", "Gary", "Priya", "Leon",
    "Doreen", "Mohammed", "Janet", "Callum", "Funmi", "Stuart", "Irene", "Dylan", "Hannah", "Ravi",
    "Pauline", "Kieran", "Yusuf", "Carol", "Bogdan", "Eileen", "Jamal", "Sandra", "Liam", "Noor",
    "Barbara", "Reece", "Agnieszka", "Trevor", "Grace", "Imran", "Maureen", "Shaun", "Olu", "Wendy",
    "Declan", "Fatima", "Keith", "Chloe", "Winston", "Joan", "Tyler", "Samira", "Alan", "Lorraine",
    "Femi", "Beverley", "Connor", "Ines", "Frank", "Jasmine", "Hamza", "Dorothy", "Marcus", "Zainab",
    "Colin", "Tracey", "Ewa", "Desmond",
];

pub const FAMILY: [&str; 64] = [
    "Okafor", "Hughes", "Khan", "Nowak", "Whitworth", "Mensah", "Barlow", "Ashworth", "Patel",
    "Greenhalgh", "Kowalski", "Hussain", "Fairclough", "Doyle", "Adeyemi", "Platt", "Lomax",
    "Jennings", "Ali", "Ogden", "Wozniak", "Brennan", "Sharma", "Heywood", "Murphy", "Singh",
    "Cartwright", "Ahmed", "Holt", "Taylor", "Begum", "Kershaw", "Lewandowski", "Mitchell",
    "Afolabi", "Rigby", "Chowdhury", "Seddon", "Bailey", "Iqbal", "Haworth", "Osei", "Clegg",
    "Nolan", "Schofield", "Mahmood", "Pilkington", "Owusu", "Grimshaw", "Malik", "Ridings", "Egan",
    "Duckworth", "Fernandes", "Hindle", "Kaur", "Sutcliffe", "Bello", "Crompton", "Rashid",
    "Whittaker", "Grant", "Marsden", "Zielinska",
];

/// A town of the demo area, its postcode districts and streets.
pub struct Town {
    pub name: &'static str,
    pub districts: &'static [&'static str],
    pub streets: &'static [&'static str],
    pub venue: &'static str,
}

pub const TOWNS: [Town; 5] = [
    Town {
        name: "Eccles",
        districts: &["M30"],
        streets: &["Church Street", "Liverpool Road", "Wellington Road", "Monton Road"],
        venue: "Eccles Community Hub",
    },
    Town {
        name: "Swinton",
        districts: &["M27"],
        streets: &["Chorley Road", "Station Road", "Partington Lane", "Moorside Road"],
        venue: "Swinton Gateway",
    },
    Town {
        name: "Walkden",
        districts: &["M28"],
        streets: &["Bolton Road", "Memorial Road", "Manchester Road", "Ellesmere Street"],
        venue: "Walkden Gateway",
    },
    Town {
        name: "Irlam",
        districts: &["M44"],
        streets: &["Liverpool Road", "Fairhills Road", "Ferry Road", "Astley Road"],
        venue: "Irlam and Cadishead Community Centre",
    },
    Town {
        name: "Salford",
        districts: &["M5", "M6", "M7"],
        streets: &["Regent Road", "Langworthy Road", "Eccles New Road", "Great Clowes Street"],
        venue: "Broughton Hub",
    },
];

pub const GP_PRACTICES: [&str; 6] = [
    "Monton Medical Practice",
    "Swinton Group Practice",
    "Walkden Family Doctors",
    "Irlam Medical Centre",
    "Pendleton Health Centre",
    "Langworthy Surgery",
];
