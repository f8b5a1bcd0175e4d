//! A network cable for tests: a loopback TCP forwarder that can be pulled out (every open
//! connection is cut, new ones are closed at once) and plugged in again, while the server behind
//! it goes on working.

use std::net::SocketAddr;

use tokio::net::{TcpListener, TcpStream};
use tokio::sync::watch;

pub struct Cable {
    pub addr: SocketAddr,
    plugged: watch::Sender<bool>,
    task: tokio::task::JoinHandle<()>,
}

impl Cable {
    pub async fn to(upstream: SocketAddr) -> Self {
        let listener = TcpListener::bind(("127.0.0.1", 0)).await.unwrap();
        let addr = listener.local_addr().unwrap();
        let (plugged, _) = watch::channel(true);
        let sender = plugged.clone();
        let task = tokio::spawn(async move {
            while let Ok((mut inbound, _)) = listener.accept().await {
                let mut unplugged = sender.subscribe();
                if !*unplugged.borrow() {
                    continue; // dropped: the client sees its connection closed
                }
                tokio::spawn(async move {
                    let Ok(mut outbound) = TcpStream::connect(upstream).await else { return };
                    tokio::select! {
                        _ = tokio::io::copy_bidirectional(&mut inbound, &mut outbound) => {}
                        _ = unplugged.wait_for(|plugged| !plugged) => {}
                    }
                });
            }
        });
        Self { addr, plugged, task }
    }

    pub fn unplug(&self) {
        self.plugged.send_replace(false);
    }

    pub fn plug(&self) {
        self.plugged.send_replace(true);
    }
}

impl Drop for Cable {
    fn drop(&mut self) {
        self.task.abort();
    }
}
