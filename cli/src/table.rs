//! Column layout identical to kubectl's table printer (Go's `text/tabwriter`
//! with minimum width 6, padding 3, spaces), so `kubegen discover` output can
//! be diffed against `kubectl api-resources` byte for byte.

/// The narrowest a padded column gets.
const MIN_WIDTH: usize = 6;
/// Spaces after a column's widest cell.
const PADDING: usize = 3;

/// Lays out rows of cells: every cell but a row's last is padded to its
/// column's width; the last is printed as is (tabwriter's trailing cell).
pub fn render(rows: &[Vec<String>]) -> String {
    let mut widths: Vec<usize> = Vec::new();
    for row in rows {
        for (i, cell) in row.iter().enumerate().take(row.len().saturating_sub(1)) {
            let w = (cell.chars().count() + PADDING).max(MIN_WIDTH);
            match widths.get_mut(i) {
                Some(width) => *width = (*width).max(w),
                None => widths.push(w),
            }
        }
    }
    let mut out = String::new();
    for row in rows {
        for (i, cell) in row.iter().enumerate() {
            out.push_str(cell);
            if i + 1 < row.len() {
                let pad = widths[i] - cell.chars().count();
                out.extend(std::iter::repeat_n(' ', pad));
            }
        }
        out.push('\n');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::render;

    fn row(cells: &[&str]) -> Vec<String> {
        cells.iter().map(|c| c.to_string()).collect()
    }

    #[test]
    fn pads_all_but_the_last_cell() {
        let text = render(&[row(&["NAME", "KIND"]), row(&["pods", "Pod"])]);
        assert_eq!(text, "NAME   KIND\npods   Pod\n");
    }

    #[test]
    fn empty_trailing_cell_still_pads_the_one_before() {
        let text = render(&[row(&["a", "bb", ""]), row(&["longer-name", "", "x"])]);
        assert_eq!(text, "a             bb    \nlonger-name         x\n");
    }
}
