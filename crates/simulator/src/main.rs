//! `managed-agents-sim [--port N] [--state FILE] [--typing-speed CPS]`: serves the simulator on
//! 127.0.0.1 until Ctrl-C. A typing speed of 0 means instant.

use std::net::SocketAddr;

use managed_agents_sim::{SimConfig, TypingSpeed};

fn parse_args() -> Result<SimConfig, String> {
    let mut config = SimConfig::default();
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        let mut value = |name: &str| args.next().ok_or_else(|| format!("{name} needs a value"));
        match arg.as_str() {
            "--port" => {
                let port = value("--port")?.parse::<u16>().map_err(|e| format!("--port: {e}"))?;
                config.bind = SocketAddr::from(([127, 0, 0, 1], port));
            }
            "--state" => config.snapshot = Some(value("--state")?.into()),
            "--typing-speed" => {
                let cps = value("--typing-speed")?
                    .parse::<u32>()
                    .map_err(|e| format!("--typing-speed: {e}"))?;
                config.typing =
                    if cps == 0 { TypingSpeed::Instant } else { TypingSpeed::CharsPerSecond(cps) };
            }
            "-h" | "--help" => {
                return Err("usage: managed-agents-sim [--port N] [--state FILE] [--typing-speed CHARS_PER_SEC]".into());
            }
            other => return Err(format!("unknown argument {other}")),
        }
    }
    Ok(config)
}

#[tokio::main]
async fn main() {
    let config = match parse_args() {
        Ok(config) => config,
        Err(message) => {
            eprintln!("{message}");
            std::process::exit(2);
        }
    };
    let sim = match managed_agents_sim::start(config).await {
        Ok(sim) => sim,
        Err(e) => {
            eprintln!("managed-agents-sim: {e}");
            std::process::exit(1);
        }
    };
    println!("{}", sim.base_url());
    let _ = tokio::signal::ctrl_c().await;
    sim.shutdown().await;
}
