//! Profiles, as Compose applies them: a service with `profiles` is in the
//! project only when one of them is active (`--profile`,
//! `COMPOSE_PROFILES`, `*` for all); a service named on the command line
//! (`up SERVICE`, `run SERVICE`) enables its own profiles, as compose-go's
//! `WithServicesEnabled` does, so `den compose run --rm migrate` runs a
//! tool kept behind a profile. Then a `depends_on` entry with `required:
//! false` on a service not in the project is dropped, rather than failing
//! the start as a missing dependency. Pure logic.

use serde_json::Value;

/// Keep the services `active` profiles (and those of `targets`) enable;
/// drop optional dependencies on services left out. The names of those
/// left out (their containers are no orphans).
pub fn apply(model: &mut Value, mut active: Vec<String>, targets: &[String]) -> Vec<String> {
    let Some(Value::Object(services)) = model.get_mut("services") else {
        return Vec::new();
    };
    let enabled = |active: &[String], s: &Value| match s.get("profiles").and_then(Value::as_array) {
        Some(p) if !p.is_empty() => active
            .iter()
            .any(|a| a == "*" || p.iter().any(|x| x.as_str() == Some(a))),
        _ => true,
    };
    for t in targets {
        if let Some(s) = services.get(t) {
            if !enabled(&active, s) {
                active.extend(
                    s.get("profiles")
                        .and_then(Value::as_array)
                        .into_iter()
                        .flatten()
                        .filter_map(Value::as_str)
                        .map(String::from),
                );
            }
        }
    }
    let disabled: Vec<String> = services
        .iter()
        .filter(|(_, s)| !enabled(&active, s))
        .map(|(n, _)| n.clone())
        .collect();
    services.retain(|_, s| enabled(&active, s));
    let names: Vec<String> = services.keys().cloned().collect();
    for s in services.values_mut() {
        if let Some(Value::Object(deps)) = s.get_mut("depends_on") {
            deps.retain(|d, how| {
                names.contains(d) || how.get("required").and_then(Value::as_bool) != Some(false)
            });
        }
    }
    disabled
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn model() -> Value {
        json!({"services": {
            "web": {"depends_on": {
                "db": {"condition": "service_started", "required": true},
                "cache": {"condition": "service_started", "required": false}
            }},
            "db": {},
            "cache": {"profiles": ["perf"]},
            "migrate": {"profiles": ["tools"], "depends_on": {"db": {"required": true}}},
            "lint": {"profiles": ["tools"]},
        }})
    }

    fn names(m: &Value) -> Vec<&str> {
        m["services"]
            .as_object()
            .map(|s| s.keys().map(String::as_str).collect())
            .unwrap_or_default()
    }

    #[test]
    fn profiles_enable_services_and_targets_enable_their_profiles() {
        let mut m = model();
        assert_eq!(apply(&mut m, vec![], &[]), ["cache", "lint", "migrate"]);
        assert_eq!(names(&m), ["db", "web"]);
        // The optional dependency on the left-out cache is dropped, the
        // required one kept.
        assert_eq!(
            m["services"]["web"]["depends_on"],
            json!({"db": {"condition": "service_started", "required": true}})
        );
        let mut m = model();
        apply(&mut m, vec!["perf".into()], &[]);
        assert_eq!(names(&m), ["cache", "db", "web"]);
        assert!(m["services"]["web"]["depends_on"].get("cache").is_some());
        // `run migrate`: its profile, and so lint too, as compose-go.
        let mut m = model();
        apply(&mut m, vec![], &["migrate".into()]);
        assert_eq!(names(&m), ["db", "lint", "migrate", "web"]);
        let mut m = model();
        apply(&mut m, vec!["*".into()], &["nosuch".into()]);
        assert_eq!(names(&m).len(), 5);
    }
}
