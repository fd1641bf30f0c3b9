//! The OpenAPI document in the repo describes exactly the routes the
//! router serves: no route undocumented, no documented route missing.

use std::collections::BTreeSet;

#[test]
fn openapi_matches_the_routes() {
    let doc: serde_json::Value =
        serde_json::from_str(include_str!("../openapi.json")).expect("openapi.json is JSON");
    let documented: BTreeSet<(String, String)> = doc["paths"]
        .as_object()
        .unwrap()
        .iter()
        .flat_map(|(path, ops)| {
            ops.as_object()
                .unwrap()
                .keys()
                .map(move |m| (m.to_uppercase(), path.clone()))
        })
        .collect();
    let served: BTreeSet<(String, String)> = eoffice_server::routes::all()
        .map(|r| (r.method.to_string(), r.path.to_string()))
        .collect();
    assert_eq!(documented, served);
    // Public routes say so; every other one needs the bearer token.
    for r in eoffice_server::routes::all() {
        let op = &doc["paths"][r.path][r.method.to_lowercase()];
        let public = op
            .get("security")
            .is_some_and(|s| s.as_array().is_some_and(|a| a.is_empty()));
        assert_eq!(
            public,
            r.access == eoffice_server::routes::Access::Public,
            "{} {}",
            r.method,
            r.path
        );
    }
}
