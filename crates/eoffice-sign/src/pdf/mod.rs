pub mod date;
pub mod file;
pub mod image;
pub mod update;
pub mod write_object;
