use super::*;
use crate::domain::directory::{Category, LocalInfo};

fn service(name: &str, description: &str, category: Category, city: &str) -> Service {
    let mut s = crate::domain::fixtures::service(name, name, vec![]);
    s.description = Some(description.into());
    s.local = LocalInfo {
        categories: vec![category],
        ..LocalInfo::default()
    };
    s.locations = vec![crate::domain::fixtures::place(city, None)];
    s
}

fn names(services: &[Service], q: &str) -> Vec<String> {
    let idx = SearchIndex::new(services, |_| Some("Salford CVS"));
    idx.search(q, 10)
        .into_iter()
        .map(|h| services[h.index].name.clone())
        .collect()
}

#[test]
fn folds_accents_and_case() {
    let s = vec![service(
        "Café Connect",
        "A friendly drop-in",
        Category::Befriending,
        "Eccles",
    )];
    assert_eq!(names(&s, "CAFE"), ["Café Connect"]);
    assert_eq!(names(&s, "café"), ["Café Connect"]);
    let dash = vec![service(
        "Men’s Shed – Eccles",
        "",
        Category::MensShed,
        "Eccles",
    )];
    assert_eq!(names(&dash, "men's shed - eccles"), ["Men’s Shed – Eccles"]);
}

#[test]
fn every_word_must_match_somewhere() {
    let s = vec![
        service(
            "Eccles Health Walks",
            "Gentle walks",
            Category::Walking,
            "Eccles",
        ),
        service(
            "Swinton Health Walks",
            "Gentle walks",
            Category::Walking,
            "Swinton",
        ),
        service("Eccles Choir", "Singing", Category::Choir, "Eccles"),
    ];
    assert_eq!(names(&s, "walks eccles"), ["Eccles Health Walks"]);
    assert_eq!(
        names(&s, "walking swinton"),
        ["Swinton Health Walks"],
        "category and area count"
    );
    assert!(names(&s, "choir swinton").is_empty());
    let shed = vec![service(
        "Eccles Men's Shed",
        "Woodwork, repairs and a brew, making things",
        Category::MensShed,
        "Eccles",
    )];
    assert!(
        names(&shed, "walking eccles").is_empty(),
        "no scattered letters in descriptions"
    );
}

#[test]
fn a_name_match_beats_a_description_match() {
    let s = vec![
        service(
            "Money Matters",
            "Help with debt advice and budgeting",
            Category::Advice,
            "Salford",
        ),
        service(
            "Debt Advice Drop-in",
            "Free, confidential",
            Category::DebtAdvice,
            "Salford",
        ),
    ];
    assert_eq!(names(&s, "debt advice")[0], "Debt Advice Drop-in");
    assert_eq!(names(&s, "debt advice").len(), 2);
}

#[test]
fn abbreviations_match_scattered_letters_in_names() {
    let s = vec![
        service(
            "Mental Health Peer Group",
            "",
            Category::PeerSupport,
            "Salford",
        ),
        service("Choir", "", Category::Choir, "Salford"),
    ];
    assert_eq!(names(&s, "mntl hlth"), ["Mental Health Peer Group"]);
}

#[test]
fn limits_and_empty_queries() {
    let s: Vec<Service> = (0..50)
        .map(|i| service(&format!("Walk {i}"), "", Category::Walking, "X"))
        .collect();
    assert_eq!(names(&s, "walk").len(), 10);
    assert!(names(&s, "   ").is_empty() || names(&s, "   ").len() == 10);
    let idx = SearchIndex::new(&s, |_| None);
    let all = Searcher::default().search(&idx, "", &|_| true, 3);
    assert_eq!(all.total, 50);
    let listed: Vec<&str> = all.hits.iter().map(|h| s[h.index].name.as_str()).collect();
    assert_eq!(listed, ["Walk 0", "Walk 1", "Walk 10"], "name order");
}

/// Narrowing must give exactly what a fresh scan gives, keystroke by
/// keystroke, including backspaces and filters.
#[test]
fn typing_gives_the_same_results_as_a_fresh_search() {
    let mut s = Vec::new();
    for (i, (name, desc, cat, town)) in [
        (
            "Befriending Service",
            "Weekly calls",
            Category::Befriending,
            "Eccles",
        ),
        (
            "Bee Keeping",
            "Be friendly to bees",
            Category::Gardening,
            "Walkden",
        ),
        (
            "Walking Football",
            "Over 50s football",
            Category::Walking,
            "Swinton",
        ),
        (
            "Debt Advice Salford",
            "Free advice",
            Category::DebtAdvice,
            "Salford",
        ),
        (
            "Mental Health Matters",
            "Peer support",
            Category::PeerSupport,
            "Salford",
        ),
        (
            "Walk and Talk",
            "Gentle walks",
            Category::Walking,
            "Salford",
        ),
    ]
    .into_iter()
    .enumerate()
    {
        let mut x = service(name, desc, cat, town);
        x.id = format!("s{i}").as_str().into();
        s.push(x);
    }
    let idx = SearchIndex::new(&s, |_| Some("Salford CVS"));
    let walking = |f: &ServiceFacts| f.has_category(Category::Walking);
    for typed in [
        "befriending",
        "walking football",
        "debt advice salford",
        "mntl hlth",
    ] {
        let mut searcher = Searcher::default();
        let mut q = String::new();
        for c in typed.chars() {
            q.push(c);
            let fresh = Searcher::default().search(&idx, &q, &|_| true, 5);
            assert_eq!(
                searcher.search(&idx, &q, &|_| true, 5),
                fresh,
                "after {q:?}"
            );
            let fresh = Searcher::default().search(&idx, &q, &walking, 5);
            assert_eq!(
                searcher.search(&idx, &q, &walking, 5),
                fresh,
                "filtered {q:?}"
            );
        }
        while q.pop().is_some() {
            let fresh = Searcher::default().search(&idx, &q, &|_| true, 5);
            assert_eq!(
                searcher.search(&idx, &q, &|_| true, 5),
                fresh,
                "back to {q:?}"
            );
        }
    }
}

#[test]
fn an_edit_is_searchable_at_once() {
    let s = vec![service("Choir", "", Category::Choir, "Eccles")];
    let mut idx = SearchIndex::new(&s, |_| None);
    let mut searcher = Searcher::default();
    assert_eq!(searcher.search(&idx, "brain", &|_| true, 5).total, 0);
    let mut renamed = s[0].clone();
    renamed.name = "Singing for the Brain".into();
    idx.upsert(IndexEntry::of(&renamed, ""));
    assert_eq!(idx.len(), 1);
    assert_eq!(searcher.search(&idx, "brain", &|_| true, 5).total, 1);
}

#[test]
fn the_packed_form_searches_the_same_and_refuses_damage() {
    let s: Vec<Service> = (0..10_000)
        .map(|i| {
            service(
                &format!("Walk {i}"),
                "gentle walks",
                Category::Walking,
                "Eccles",
            )
        })
        .collect();
    let idx = SearchIndex::new(&s, |_| Some("Salford CVS"));
    let packed = idx.pack().unwrap();
    let unpack = |rest: &[u8]| {
        SearchIndex::unpack(
            packed.names.to_owned(),
            packed.longs.to_owned(),
            packed.facts.clone(),
            rest,
        )
    };
    let back = unpack(&packed.rest).unwrap();
    for q in ["walk 12", "eccles", "gntl", ""] {
        assert_eq!(idx.search(q, 20), back.search(q, 20), "{q}");
    }
    let hit = back.search("walk 12", 1)[0].index;
    assert_eq!(back.facts_of(hit).unwrap().name, "Walk 12");
    assert_eq!(back.all_facts().count(), 10_000);
    assert_eq!(back.facts(hit).unwrap().name, "Walk 12");
    assert!(unpack(&packed.rest[..packed.rest.len() / 2]).is_none());
    assert!(unpack(b"not an index").is_none());
    let short = SearchIndex::unpack(
        packed.names[..packed.names.len() / 2].to_owned(),
        packed.longs.to_owned(),
        packed.facts.clone(),
        &packed.rest,
    );
    assert!(short.is_none(), "names cut short");
    let again = back.pack().unwrap();
    assert_eq!(
        (again.facts, again.rest),
        (packed.facts.clone(), packed.rest.clone()),
        "packs the same once its facts are decoded"
    );
}

#[test]
fn highlights_map_back_to_the_original_characters() {
    assert_eq!(highlight("Café Connect", "cafe"), [0, 1, 2, 3]);
    assert_eq!(highlight("Walk and Talk", "talk"), [9, 10, 11, 12]);
    assert_eq!(highlight("Mental Health", "mntl"), [0, 2, 3, 5]);
    assert_eq!(
        highlight("Œuvre Club", "club"),
        [6, 7, 8, 9],
        "Œ folds to two letters"
    );
    assert!(highlight("Choir", "zzz").is_empty());
}

/// Every match of `query` scored in full and ranked: what the search's
/// shortcuts (each chunk's best only, fuzzy scores only for those) must
/// give.
fn ranked_in_full(idx: &SearchIndex, query: &str, limit: usize) -> Vec<Hit> {
    let texts = SearchIndex::query_terms(query);
    let terms: Vec<Term> = texts.iter().map(|t| idx.term(t)).collect();
    let matcher = SkimMatcherV2::default();
    let mut hits: Vec<Hit> = (0..idx.len())
        .filter_map(|i| idx.check(i, &terms, &matcher, true, None).flatten())
        .map(|c| c.hit)
        .collect();
    hits.sort_by(|a, b| idx.order(a, b));
    hits.truncate(limit);
    hits
}

#[test]
fn the_shortcuts_rank_exactly_as_scoring_every_match_in_full() {
    // More services than one chunk, so chunks' best are merged.
    let mut idx = crate::demo::feed::search_index(5000, 7);
    for typing in [false, true] {
        if typing {
            idx.prepare_for_typing();
        }
        for query in [
            "m",
            "mn",
            "mnt",
            "mntl hlth",
            "ho",
            "hlp",
            "wlk",
            "lonely",
            "sal",
            "e",
            "club",
            "zz",
        ] {
            let mut searcher = Searcher::default();
            for limit in [1, 10, 100] {
                let got = searcher.search(&idx, query, &|_| true, limit);
                let want = ranked_in_full(&idx, query, limit);
                assert_eq!(got.hits, want, "{query} limit {limit}");
            }
        }
    }
}
