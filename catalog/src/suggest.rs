//! "Did you mean …?": the nearest known name to a misspelt one.

/// The candidate closest to `input`, if it is close enough to be a plausible typo.
///
/// Uses Jaro-Winkler similarity (prefix-friendly: `postgress` → `postgresql`, `typ` → `type`)
/// and also accepts a candidate that `input` is a prefix or an ASCII-case variant of.
pub fn nearest<'a, I>(input: &str, candidates: I) -> Option<&'a str>
where
    I: IntoIterator<Item = &'a str>,
{
    let lower = input.to_ascii_lowercase();
    let mut best: Option<(f64, &'a str)> = None;
    for candidate in candidates {
        let c = candidate.to_ascii_lowercase();
        let mut score = strsim::jaro_winkler(&lower, &c);
        if c == lower {
            score = 2.0;
        } else if lower.len() >= 3 && (c.starts_with(&lower) || lower.starts_with(&c)) {
            score = score.max(0.9);
        }
        if best.is_none_or(|(s, _)| score > s) {
            best = Some((score, candidate));
        }
    }
    best.filter(|&(score, _)| score >= 0.82).map(|(_, c)| c)
}

#[cfg(test)]
mod tests {
    use super::nearest;

    #[test]
    fn suggests_plausible_typos_only() {
        assert_eq!(nearest("typ", ["id", "type", "role"]), Some("type"));
        assert_eq!(nearest("postgress", ["postgresql", "mysql"]), Some("postgresql"));
        assert_eq!(nearest("Role", ["id", "type", "role"]), Some("role"));
        assert_eq!(nearest("xyz", ["postgresql", "mysql"]), None);
    }
}
