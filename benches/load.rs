//! Loading a synthetic set from CSV (legs + places) and from the JSON schema.

#[path = "common/mod.rs"]
mod common;

use common::{criterion, set, L, M, S};
use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};
use std::hint::black_box;

fn load(c: &mut Criterion) {
    for size in [S, M, L] {
        let s = set(size, true);
        let mut g = c.benchmark_group(format!("load/{}", size.name));
        g.throughput(Throughput::Elements(size.legs as u64));
        g.bench_function(BenchmarkId::new("csv", size.legs), |b| {
            b.iter(|| {
                let l = routegraph::load::load_csv(&s.legs(), Some(&s.places())).unwrap();
                black_box(l.graph.leg_count())
            })
        });
        g.bench_function(BenchmarkId::new("json", size.legs), |b| {
            b.iter(|| {
                let l = routegraph::load::load_json(&s.json()).unwrap();
                black_box(l.graph.leg_count())
            })
        });
        g.finish();
    }
}

criterion_group! { name = benches; config = criterion(); targets = load }
criterion_main!(benches);
