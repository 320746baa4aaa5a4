//! Drawing: the geographic map and the layered schematic, to PNG and SVG from
//! one scene description. The only module that picks a backend.

pub mod projection;
pub mod text;
