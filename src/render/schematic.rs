//! The layered layout: sources in the first column, destinations in the last,
//! transit places between them at the depth of their longest path from a
//! source (after breaking cycles), and the order within each column chosen by
//! barycentre sweeps to reduce crossings.

use super::draw::Frame;
use super::geom::{Pt, Rect};
use super::scene::{Item, Shape};
use super::style::MUTED_INK;
use super::text::{Anchor, TextStyle};
use crate::analysis::roles::PlaceRole;
use crate::model::{Role, RouteGraph};

const PAD_X: f64 = 90.0;
const PAD_Y: f64 = 46.0;
const SWEEPS: usize = 12;

/// Layer of every node (`None`: not drawn), sources at 0 and destinations last.
pub fn layers(
    g: &RouteGraph,
    nodes: &[bool],
    edges: &[(usize, usize)],
    roles: &[PlaceRole],
) -> Vec<Option<usize>> {
    let n = g.place_count();
    let mut out: Vec<Vec<usize>> = vec![Vec::new(); n];
    for &(a, b) in edges {
        out[a].push(b);
    }
    for o in &mut out {
        o.sort_unstable();
        o.dedup();
    }
    // Break cycles: drop the back edges of a depth-first search started from
    // sources first, then from every other node, in index order.
    let mut state = vec![0u8; n]; // 0 new, 1 on stack, 2 done
    let mut dag: Vec<Vec<usize>> = vec![Vec::new(); n];
    let mut starts: Vec<usize> = (0..n).filter(|&i| nodes[i]).collect();
    starts.sort_by_key(|&i| (roles[i].role != Role::Source, i));
    for s in starts {
        if state[s] != 0 {
            continue;
        }
        let mut stack = vec![(s, 0usize)];
        state[s] = 1;
        while let Some(&mut (u, ref mut k)) = stack.last_mut() {
            if *k < out[u].len() {
                let v = out[u][*k];
                *k += 1;
                match state[v] {
                    0 => {
                        dag[u].push(v);
                        state[v] = 1;
                        stack.push((v, 0));
                    }
                    2 => dag[u].push(v),
                    _ => {} // back edge: a cycle, left out of the layering
                }
            } else {
                state[u] = 2;
                stack.pop();
            }
        }
    }
    // Topological order (Kahn), then longest path.
    let mut indeg = vec![0usize; n];
    for &v in dag.iter().flatten() {
        indeg[v] += 1;
    }
    let mut queue: std::collections::VecDeque<usize> =
        (0..n).filter(|&i| nodes[i] && indeg[i] == 0).collect();
    let mut topo = Vec::new();
    while let Some(u) = queue.pop_front() {
        topo.push(u);
        for &v in &dag[u] {
            indeg[v] -= 1;
            if indeg[v] == 0 {
                queue.push_back(v);
            }
        }
    }
    let mut layer = vec![0usize; n];
    for &u in &topo {
        for &v in &dag[u] {
            layer[v] = layer[v].max(layer[u] + 1);
        }
    }
    let last = topo.iter().map(|&u| layer[u]).max().unwrap_or(0).max(
        if (0..n).any(|i| nodes[i] && roles[i].role == Role::Destination) {
            1
        } else {
            0
        },
    );
    // Sources first, destinations last, the rest recomputed between them.
    let fixed = |i: usize| match roles[i].role {
        Role::Source => Some(0),
        Role::Destination => Some(last),
        _ => None,
    };
    for &u in &topo {
        if let Some(f) = fixed(u) {
            layer[u] = f;
        }
    }
    for &u in &topo {
        if fixed(u).is_none() {
            let lo = if last >= 2 { 1 } else { 0 };
            let hi = if last >= 2 { last - 1 } else { last };
            layer[u] = layer[u].clamp(lo, hi);
        }
        for &v in &dag[u] {
            if fixed(v).is_none() {
                layer[v] = layer[v].max(layer[u] + 1);
            }
        }
    }
    (0..n).map(|i| nodes[i].then_some(layer[i])).collect()
}

pub fn layout(
    g: &RouteGraph,
    wanted: &[bool],
    selected: &[usize],
    roles: &[PlaceRole],
    area: Rect,
) -> Frame {
    let n = g.place_count();
    let mut nodes = vec![false; n];
    let mut edges = Vec::with_capacity(selected.len());
    for &i in selected {
        let (a, b) = g.ends(i);
        nodes[a] = true;
        nodes[b] = true;
        edges.push((a, b));
    }
    for i in 0..n {
        if wanted[i] && roles[i].role != Role::Isolated {
            nodes[i] = true;
        }
    }
    let layer = layers(g, &nodes, &edges, roles);
    let last = layer.iter().flatten().copied().max().unwrap_or(0);
    let mut columns: Vec<Vec<usize>> = vec![Vec::new(); last + 1];
    for (i, l) in layer.iter().enumerate() {
        if let Some(l) = *l {
            columns[l].push(i);
        }
    }
    // Neighbours in both directions, for the barycentres.
    let mut nbrs: Vec<Vec<usize>> = vec![Vec::new(); n];
    for &(a, b) in &edges {
        nbrs[a].push(b);
        nbrs[b].push(a);
    }
    let mut rank = vec![0.0f64; n];
    let set_ranks = |columns: &Vec<Vec<usize>>, rank: &mut Vec<f64>| {
        for col in columns {
            let m = col.len().max(1) as f64;
            for (k, &v) in col.iter().enumerate() {
                rank[v] = (k as f64 + 0.5) / m;
            }
        }
    };
    set_ranks(&columns, &mut rank);
    for sweep in 0..SWEEPS {
        let order: Vec<usize> = if sweep % 2 == 0 {
            (0..=last).collect()
        } else {
            (0..=last).rev().collect()
        };
        for l in order {
            let mut keyed: Vec<(f64, f64, usize)> = columns[l]
                .iter()
                .map(|&v| {
                    let others: Vec<f64> = nbrs[v]
                        .iter()
                        .filter(|&&u| layer[u] != Some(l))
                        .map(|&u| rank[u])
                        .collect();
                    let bary = if others.is_empty() {
                        rank[v]
                    } else {
                        others.iter().sum::<f64>() / others.len() as f64
                    };
                    (bary, rank[v], v)
                })
                .collect();
            keyed.sort_by(|a, b| {
                a.0.total_cmp(&b.0)
                    .then(a.1.total_cmp(&b.1))
                    .then(a.2.cmp(&b.2))
            });
            columns[l] = keyed.into_iter().map(|k| k.2).collect();
            let m = columns[l].len().max(1) as f64;
            for (k, &v) in columns[l].iter().enumerate() {
                rank[v] = (k as f64 + 0.5) / m;
            }
        }
    }
    let mut pos: Vec<Option<Pt>> = vec![None; n];
    let width = area.x1 - area.x0 - 2.0 * PAD_X;
    let height = area.y1 - area.y0 - 2.0 * PAD_Y - 20.0;
    let tallest = columns.iter().map(Vec::len).max().unwrap_or(1).max(1);
    let spacing = (height / tallest as f64).min(150.0);
    let cy = (area.y0 + 20.0 + area.y1) / 2.0;
    for (l, col) in columns.iter().enumerate() {
        let x = area.x0
            + PAD_X
            + if last == 0 {
                width / 2.0
            } else {
                width * l as f64 / last as f64
            };
        let m = col.len() as f64;
        for (k, &v) in col.iter().enumerate() {
            // Stagger alternate columns a little so long legs do not run through markers.
            let stagger = if l % 2 == 1 { spacing * 0.25 } else { 0.0 };
            let y =
                cy + (k as f64 - (m - 1.0) / 2.0) * spacing + if m > 1.0 { 0.0 } else { stagger };
            pos[v] = Some((x, y));
        }
    }
    let mut base = Vec::new();
    let mut heads = Item::new("columns");
    let st = TextStyle {
        px: 12.0,
        color: MUTED_INK,
        halo: None,
        bold: true,
    };
    let header_y = area.y0 + 8.0;
    if last >= 1 {
        let x_of = |l: usize| area.x0 + PAD_X + width * l as f64 / last as f64;
        heads.shapes.push(Shape::Text {
            text: "SOURCES".into(),
            x: x_of(0),
            y: header_y,
            anchor: Anchor::Middle,
            style: st,
        });
        heads.shapes.push(Shape::Text {
            text: "DESTINATIONS".into(),
            x: x_of(last),
            y: header_y,
            anchor: Anchor::Middle,
            style: st,
        });
        if last >= 2 {
            heads.shapes.push(Shape::Text {
                text: "TRANSIT".into(),
                x: (x_of(1) + x_of(last - 1)) / 2.0,
                y: header_y,
                anchor: Anchor::Middle,
                style: st,
            });
        }
    }
    base.push(heads);
    Frame {
        pos,
        base,
        bend: 0.06,
        credit:
            "Layers: longest path from a source after breaking cycles; order by barycentre sweeps."
                .into(),
        labels_vertical: true,
    }
}
