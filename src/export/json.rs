//! The routegraph JSON data set schema (`data/README.md`), from
//! [`RouteGraph::to_dataset`](crate::model::RouteGraph::to_dataset), with the
//! exported legs only. It reads back with `--data FILE.json` unchanged; it
//! holds no computed values (roles, betweenness), which the schema does not have.

use super::{Export, Exporter};
use std::io::{self, Write};

pub(super) struct Json;

impl Exporter for Json {
    fn write(&self, x: &Export<'_>, _file: usize, out: &mut dyn Write) -> io::Result<()> {
        let mut ds = x.graph.to_dataset();
        if x.legs.len() != ds.legs.len() {
            let all = std::mem::take(&mut ds.legs);
            let mut keep = x.legs.iter().peekable();
            ds.legs = all
                .into_iter()
                .enumerate()
                .filter(|(i, _)| {
                    let take = keep.peek() == Some(&i);
                    if take {
                        keep.next();
                    }
                    take
                })
                .map(|(_, l)| l)
                .collect();
        }
        serde_json::to_writer_pretty(&mut *out, &ds).map_err(io::Error::other)?;
        out.write_all(b"\n")
    }
}
