//! Small statistics the report uses: median and 90th percentile, counts
//! in a stable order.

use serde::Serialize;
use std::collections::BTreeMap;

/// The middle and the 90th percentile of some numbers.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Spread {
    /// How many numbers.
    pub n: usize,
    /// The median (the mean of the two middle values when `n` is even).
    pub median: f64,
    /// The 90th percentile (nearest rank: the smallest value with at least
    /// 90 % of the values at or below it).
    pub p90: f64,
}

/// The spread of `values`, if there are any.
pub fn spread(mut values: Vec<f64>) -> Option<Spread> {
    if values.is_empty() {
        return None;
    }
    values.sort_by(f64::total_cmp);
    let n = values.len();
    let median = if n % 2 == 1 {
        values[n / 2]
    } else {
        (values[n / 2 - 1] + values[n / 2]) / 2.0
    };
    let rank = (n * 9).div_ceil(10).max(1);
    Some(Spread {
        n,
        median,
        p90: values[rank - 1],
    })
}

/// A label and how many.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Count {
    /// What is counted.
    pub label: String,
    /// How many.
    pub count: usize,
}

/// Counts of `labels`, most first (ties by label).
pub fn counts<I: IntoIterator<Item = String>>(labels: I) -> Vec<Count> {
    let mut map: BTreeMap<String, usize> = BTreeMap::new();
    for l in labels {
        *map.entry(l).or_default() += 1;
    }
    let mut out: Vec<Count> = map
        .into_iter()
        .map(|(label, count)| Count { label, count })
        .collect();
    out.sort_by(|a, b| b.count.cmp(&a.count).then_with(|| a.label.cmp(&b.label)));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn median_and_p90_by_hand() {
        let s = spread(vec![5.0, 1.0, 3.0]).unwrap();
        assert_eq!((s.n, s.median, s.p90), (3, 3.0, 5.0));
        let s = spread((1..=10).map(f64::from).collect()).unwrap();
        assert_eq!((s.median, s.p90), (5.5, 9.0));
        let s = spread((1..=20).map(f64::from).collect()).unwrap();
        assert_eq!(s.p90, 18.0);
        assert_eq!(spread(vec![7.0]).unwrap().p90, 7.0);
        assert!(spread(vec![]).is_none());
        let c = counts(["b".to_owned(), "a".into(), "b".into()]);
        assert_eq!(
            c[0],
            Count {
                label: "b".into(),
                count: 2
            }
        );
        assert_eq!(c[1].label, "a");
    }
}
