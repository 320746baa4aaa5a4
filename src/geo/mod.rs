//! Geography shipped with the binary: the gazetteer of ISO countries and
//! regions (name resolution, representative points) and the world outlines
//! the map draws. Both are embedded; nothing is read at run time.

pub mod gazetteer;
pub mod world;

use crate::model::{Place, PlaceKind};

/// A place for `name` (a code, name, alias or foreign name of an ISO
/// country) from the gazetteer, with its representative point.
pub fn gazetteer_place(name: &str) -> Option<Place> {
    let c = gazetteer::gazetteer().country(name)?;
    Some(Place {
        id: c.iso3.clone(),
        kind: PlaceKind::Country,
        name: c.name.clone(),
        iso2: Some(c.iso2.clone()),
        lat: Some(c.lat),
        lon: Some(c.lon),
        ..Place::default()
    })
}
