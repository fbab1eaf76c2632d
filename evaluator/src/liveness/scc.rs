//! Strongly connected components (Tarjan's algorithm, iterative so that
//! long paths do not overflow the stack) of a graph in compressed rows,
//! restricted to the edges a filter keeps.

/// A graph in compressed rows.
pub struct Rows<'g> {
    /// Row starts (one more than nodes).
    pub offsets: &'g [u32],
    /// Targets.
    pub succ: &'g [u32],
}

/// The components: `comp[v]` is the component of node v; components are
/// numbered in the order Tarjan completes them (sinks first).
pub fn components(g: &Rows<'_>, keep: &dyn Fn(usize) -> bool) -> (Vec<u32>, u32) {
    let n = g.offsets.len() - 1;
    const NONE: u32 = u32::MAX;
    let mut index = vec![NONE; n];
    let mut low = vec![0u32; n];
    let mut on_stack = vec![false; n];
    let mut comp = vec![NONE; n];
    let mut stack: Vec<u32> = vec![];
    let mut next_index = 0u32;
    let mut ncomp = 0u32;
    // (node, next edge to look at)
    let mut call: Vec<(u32, usize)> = vec![];
    for root in 0..n as u32 {
        if index[root as usize] != NONE {
            continue;
        }
        call.push((root, g.offsets[root as usize] as usize));
        index[root as usize] = next_index;
        low[root as usize] = next_index;
        next_index += 1;
        stack.push(root);
        on_stack[root as usize] = true;
        while let Some(&mut (v, ref mut e)) = call.last_mut() {
            let end = g.offsets[v as usize + 1] as usize;
            let mut descended = false;
            while *e < end {
                let edge = *e;
                *e += 1;
                if !keep(edge) {
                    continue;
                }
                let w = g.succ[edge];
                if index[w as usize] == NONE {
                    index[w as usize] = next_index;
                    low[w as usize] = next_index;
                    next_index += 1;
                    stack.push(w);
                    on_stack[w as usize] = true;
                    call.push((w, g.offsets[w as usize] as usize));
                    descended = true;
                    break;
                } else if on_stack[w as usize] {
                    low[v as usize] = low[v as usize].min(index[w as usize]);
                }
            }
            if descended {
                continue;
            }
            call.pop();
            if let Some(&(p, _)) = call.last() {
                low[p as usize] = low[p as usize].min(low[v as usize]);
            }
            if low[v as usize] == index[v as usize] {
                while let Some(w) = stack.pop() {
                    on_stack[w as usize] = false;
                    comp[w as usize] = ncomp;
                    if w == v {
                        break;
                    }
                }
                ncomp += 1;
            }
        }
    }
    (comp, ncomp)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_cycles_and_respects_the_filter() {
        // 0 -> 1 -> 2 -> 0, 2 -> 3
        let offsets = [0, 1, 2, 4, 4];
        let succ = [1, 2, 0, 3];
        let g = Rows {
            offsets: &offsets,
            succ: &succ,
        };
        let (comp, n) = components(&g, &|_| true);
        assert_eq!(n, 2);
        assert_eq!(comp[0], comp[1]);
        assert_eq!(comp[1], comp[2]);
        assert_ne!(comp[2], comp[3]);
        // Without the edge 2 -> 0 every node is alone.
        let (_, n) = components(&g, &|e| e != 2);
        assert_eq!(n, 4);
    }
}
