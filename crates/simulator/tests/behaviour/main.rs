//! Behaviour tests of the simulator over loopback HTTP: one per rule of the session state
//! machine, plus the HTTP surface and fault injection.

mod faults;
mod inputs;
mod machine;
mod resources;
mod support;
mod surface;
