//! Opening a test store's sled database directly, behind linkwork's back.

/// Opens a sled database directly, waiting while a handle dropped a
/// moment ago still holds sled's file lock (sled releases it from a
/// background thread).
pub fn raw_sled(path: &std::path::Path) -> sled::Db {
    for _ in 0..250 {
        match sled::open(path) {
            Ok(db) => return db,
            Err(e) if e.to_string().contains("could not acquire lock") => {
                std::thread::sleep(std::time::Duration::from_millis(20));
            }
            Err(e) => panic!("{e}"),
        }
    }
    panic!("sled's lock on {} was never released", path.display())
}
