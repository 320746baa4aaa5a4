//! The analyses on synthetic sets: roles, shortest routes (one, 100 pairs,
//! k = 10), exact betweenness by hops and by cost, and the minimum cut /
//! maximum flow from every source to every destination.

#[path = "common/mod.rs"]
mod common;

use common::{criterion, pairs, set, L, M, S};
use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion};
use rayon::prelude::*;
use routegraph::analysis::cut::{min_cut, sources_and_destinations, CutBy};
use routegraph::analysis::paths::Dijkstra;
use routegraph::analysis::{centrality, k_shortest, roles, shortest, Csr, Metric};
use routegraph::model::LegFilter;
use std::hint::black_box;

/// Near-linear tasks: S, M and L.
fn linear(c: &mut Criterion) {
    let f = LegFilter::default();
    for size in [S, M, L] {
        let s = set(size, false);
        let g = s.graph();
        let pairs = pairs(&g, 100);
        let mut grp = c.benchmark_group(format!("linear/{}", size.name));
        grp.bench_function(BenchmarkId::new("roles", size.legs), |b| {
            b.iter(|| black_box(roles(&g, &f).len()))
        });
        grp.bench_function(BenchmarkId::new("csr_cost", size.legs), |b| {
            b.iter(|| black_box(Csr::build(&g, &f, Metric::Cost).edge_count()))
        });
        let csr = Csr::build(&g, &f, Metric::Cost);
        grp.bench_function(BenchmarkId::new("shortest_1_cost", size.legs), |b| {
            let (s0, t0) = pairs[0];
            b.iter(|| black_box(shortest(&csr, s0, t0, &[]).map(|r| r.cost)))
        });
        grp.bench_function(BenchmarkId::new("shortest_100_cost", size.legs), |b| {
            b.iter(|| {
                let costs: Vec<Option<f64>> = pairs
                    .par_iter()
                    .map_init(
                        || Dijkstra::new(&csr),
                        |dj, &(s, t)| dj.run(s, t).map(|(c, _)| c),
                    )
                    .collect();
                black_box(costs)
            })
        });
        grp.finish();
    }
}

/// Super-linear tasks: S, and M for k shortest routes. Betweenness and the
/// minimum cut take 10 to 70 s a run at M on 2 cores, and criterion wants 10
/// runs: they run at M only with `ROUTEGRAPH_BENCH_HEAVY=1` (the comparison
/// script times them at M either way).
fn heavy(c: &mut Criterion) {
    let f = LegFilter::default();
    let all_at_m = std::env::var_os("ROUTEGRAPH_BENCH_HEAVY").is_some_and(|v| v == "1");
    for size in [S, M] {
        let full = size.name == "S" || all_at_m;
        let s = set(size, false);
        let g = s.graph();
        let pairs = pairs(&g, 10);
        let csr = Csr::build(&g, &f, Metric::Cost);
        let mut grp = c.benchmark_group(format!("heavy/{}", size.name));
        grp.bench_function(BenchmarkId::new("k10_shortest_cost", size.legs), |b| {
            b.iter(|| {
                let (s0, t0) = pairs[0];
                black_box(k_shortest(&csr, s0, t0, 10, &[]).len())
            })
        });
        if !full {
            grp.finish();
            continue;
        }
        for metric in [Metric::Hops, Metric::Cost] {
            grp.bench_function(
                BenchmarkId::new(format!("betweenness_{metric}"), size.legs),
                |b| b.iter(|| black_box(centrality::centrality(&g, &f, metric, false).pairs)),
            );
        }
        let (src, dst) = sources_and_destinations(&g, &f);
        for by in [CutBy::Legs, CutBy::Persons] {
            grp.bench_function(BenchmarkId::new(format!("min_cut_{by}"), size.legs), |b| {
                b.iter(|| {
                    let cut = min_cut(&g, &f, &src, &dst, &[], by).unwrap();
                    black_box(cut.edge.flow)
                })
            });
        }
        grp.finish();
    }
}

criterion_group! { name = benches; config = criterion(); targets = linear, heavy }
criterion_main!(benches);
