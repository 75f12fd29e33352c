//! Stepping through a list with wrap-around (fields, tabs, choices).

/// `index` moved `step` places in a list of `len`, wrapping at both ends
/// (0 for an empty list).
pub fn wrap(index: usize, step: isize, len: usize) -> usize {
    if len == 0 {
        return 0;
    }
    (index as isize + step).rem_euclid(len as isize) as usize
}

/// The value `step` places from `current` in `values`, wrapping.
pub fn step_value<T: Copy + PartialEq>(values: &[T], current: T, step: isize) -> T {
    let i = values.iter().position(|v| *v == current).unwrap_or(0);
    values[wrap(i, step, values.len())]
}

/// Like [`step_value`], with "none" as a place before the first value.
pub fn step_option<T: Copy + PartialEq>(
    values: &[T],
    current: Option<T>,
    step: isize,
) -> Option<T> {
    let pos = current
        .and_then(|c| values.iter().position(|v| *v == c))
        .map_or(0, |p| p + 1);
    let next = wrap(pos, step, values.len() + 1);
    (next > 0).then(|| values[next - 1])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wraps_both_ways_and_survives_empty_lists() {
        assert_eq!(wrap(0, -1, 5), 4);
        assert_eq!(wrap(4, 1, 5), 0);
        assert_eq!(wrap(2, 7, 5), 4);
        assert_eq!(wrap(0, 1, 0), 0);
        assert_eq!(step_value(&[1, 2, 3], 3, 1), 1);
        assert_eq!(step_option(&[1, 2], None, 1), Some(1));
        assert_eq!(step_option(&[1, 2], Some(1), -1), None);
        assert_eq!(step_option(&[1, 2], None, -1), Some(2));
    }
}
