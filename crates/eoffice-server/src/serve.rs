//! `eoffice-server serve`: checks the schema, starts the LISTEN task and
//! serves HTTP, or HTTPS itself when given a certificate.

use crate::config::Config;
use crate::state::AppState;
use std::net::SocketAddr;
use std::sync::Arc;

pub async fn run(config: Config) -> Result<(), String> {
    crate::db::check(&config.database_url)
        .await
        .map_err(|e| e.to_string())?;
    std::fs::create_dir_all(config.blob_dir.join("partial")).map_err(|e| {
        format!(
            "cannot create blob_dir {}: {e} / Không tạo được thư mục blob_dir",
            config.blob_dir.display()
        )
    })?;
    let pool =
        crate::db::pool(&config.database_url, config.pool_size).map_err(|e| e.to_string())?;
    let (notices, _) = tokio::sync::broadcast::channel(1024);
    tokio::spawn(crate::api::notices::listen(
        config.database_url.clone(),
        notices.clone(),
    ));
    let addr: SocketAddr = config.listen.parse().map_err(|_| {
        format!(
            "listen {:?} is not host:port / listen phải có dạng host:port",
            config.listen
        )
    })?;
    let state = AppState::new(pool, Arc::new(config.clone()), notices);
    let app = crate::routes::router(state).into_make_service_with_connect_info::<SocketAddr>();
    let handle = axum_server::Handle::new();
    let h = handle.clone();
    tokio::spawn(async move {
        shutdown_signal().await;
        h.graceful_shutdown(Some(std::time::Duration::from_secs(5)));
    });
    match (&config.tls_cert, &config.tls_key) {
        (Some(cert), Some(key)) => {
            let _ = rustls::crypto::ring::default_provider().install_default();
            let tls = axum_server::tls_rustls::RustlsConfig::from_pem_file(cert, key)
                .await
                .map_err(|e| {
                    format!("cannot load tls_cert/tls_key: {e} / Không đọc được chứng thư TLS")
                })?;
            println!("eoffice-server: listening on https://{addr}");
            axum_server::bind_rustls(addr, tls)
                .handle(handle)
                .serve(app)
                .await
                .map_err(|e| format!("cannot listen on {addr}: {e} / Không mở được cổng {addr}"))
        }
        _ => {
            println!("eoffice-server: listening on http://{addr}");
            axum_server::bind(addr)
                .handle(handle)
                .serve(app)
                .await
                .map_err(|e| format!("cannot listen on {addr}: {e} / Không mở được cổng {addr}"))
        }
    }
}

async fn shutdown_signal() {
    let term = async {
        if let Ok(mut s) = tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate())
        {
            s.recv().await;
        }
    };
    tokio::select! {
        _ = tokio::signal::ctrl_c() => {},
        _ = term => {},
    }
}
