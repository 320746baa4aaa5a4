//! Drawing a synthetic set: the map and the schematic, to PNG and to SVG.

#[path = "common/mod.rs"]
mod common;

use common::{criterion, set, M, S};
use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion};
use routegraph::render::{render, Layout, RenderOptions};
use std::hint::black_box;

fn draw(c: &mut Criterion) {
    for size in [S, M] {
        let s = set(size, false);
        let g = s.graph();
        let mut grp = c.benchmark_group(format!("render/{}", size.name));
        for layout in [Layout::Map, Layout::Schematic] {
            let opts = RenderOptions {
                layout,
                ..RenderOptions::default()
            };
            let name = format!("{layout:?}").to_lowercase();
            grp.bench_function(BenchmarkId::new(format!("{name}_png"), size.legs), |b| {
                b.iter(|| black_box(render(&g, &opts).png().unwrap().len()))
            });
            grp.bench_function(BenchmarkId::new(format!("{name}_svg"), size.legs), |b| {
                b.iter(|| black_box(render(&g, &opts).svg().unwrap().len()))
            });
        }
        grp.finish();
    }
}

criterion_group! { name = benches; config = criterion(); targets = draw }
criterion_main!(benches);
