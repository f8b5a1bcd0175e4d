//! One running Agent Desk window and the WebDriver session that drives it.

use std::path::PathBuf;
use std::time::{Duration, Instant};

use fantoccini::actions::{
    InputSource, KeyAction, KeyActions, MOUSE_BUTTON_LEFT, MOUSE_BUTTON_MIDDLE, MouseActions,
    PointerAction,
};
use fantoccini::elements::Element;
use fantoccini::key::Key;
use fantoccini::{Client, ClientBuilder, Locator};
use serde_json::{Value, json};
use tempfile::TempDir;

use crate::Result;
use crate::driver::TauriDriver;
use crate::resend::Resend;
use crate::screenshots::{Screenshots, target_dir};

/// How long to wait for the window or an element before a test fails.
const PATIENCE: Duration = Duration::from_secs(20);

/// Options for starting the app; `Launch::new(test).start()` gives an [`App`].
pub struct Launch {
    test: String,
    env: Vec<(String, String)>,
}

impl Launch {
    /// A launch for the test named `test` (used for its screenshot folder).
    pub fn new(test: &str) -> Self {
        Self { test: test.to_owned(), env: Vec::new() }
    }

    /// Sets an environment variable for the app, e.g. `GTK_THEME=Adwaita:dark` for a dark OS.
    pub fn env(mut self, key: &str, value: &str) -> Self {
        self.env.push((key.to_owned(), value.to_owned()));
        self
    }

    /// Answers the app's native dialogs from `dialogs` (the debug build's double).
    pub fn dialogs(self, dialogs: &crate::dialogs::Dialogs) -> Self {
        self.env("AGENT_DESK_TEST_DIALOGS", &dialogs.dir().display().to_string())
    }

    /// Starts the app in its own app-data directory and waits until its first page is drawn.
    pub async fn start(self) -> Result<App> {
        let data = tempfile::Builder::new().prefix("agent-desk-e2e-").tempdir()?;
        let shots = Screenshots::for_test(&self.test)?;
        open(self.env, data, shots).await
    }
}

/// Starts tauri-driver and a WebDriver session on the app, with its data under `data`.
async fn open(env: Vec<(String, String)>, data: TempDir, shots: Screenshots) -> Result<App> {
    let binary = app_binary()?;
    let mut app_env = env.clone();
    for (var, dir) in
        [("XDG_DATA_HOME", "data"), ("XDG_CONFIG_HOME", "config"), ("XDG_CACHE_HOME", "cache")]
    {
        let path = data.path().join(dir);
        std::fs::create_dir_all(&path)?;
        app_env.push((var.to_owned(), path.display().to_string()));
    }

    let driver = TauriDriver::start(&app_env, data.path())?;
    let resend = Resend::start(driver.port)?;
    let capabilities = json!({
        "browserName": "wry",
        "tauri:options": { "application": binary.display().to_string() },
    });
    let Value::Object(capabilities) = capabilities else { unreachable!() };
    // The workspace's test builds enable both of rustls's crypto providers (fantoccini brings
    // one, reqwest the other), and rustls then refuses to guess: name one. A second call in the
    // same process only reports that one is installed already.
    let _ = rustls::crypto::ring::default_provider().install_default();
    let requested = Instant::now();
    let client = ClientBuilder::rustls()?
        .capabilities(capabilities)
        .connect(&format!("http://127.0.0.1:{}", resend.port))
        .await
        .map_err(|e| format!("cannot open a WebDriver session: {e}"))?;
    let mut app = App { client, shots, startup: Duration::ZERO, env, resend, data, driver };
    // The first page: a section's, or a session's when a restart brings its tab back.
    let first = format!("[data-page], {}", crate::live::PAGE);
    app.client.wait().at_most(PATIENCE).for_element(Locator::Css(&first)).await?;
    app.startup = requested.elapsed();
    Ok(app)
}

/// The running app. Drop it (or call [`App::close`]) to stop the app and its drivers.
pub struct App {
    client: Client,
    shots: Screenshots,
    startup: Duration,
    env: Vec<(String, String)>,
    resend: Resend,
    // Declared last: dropped after the client, and its Drop stops the driver with SIGTERM.
    data: TempDir,
    driver: TauriDriver,
}

impl App {
    /// The WebDriver client, for anything the helpers below do not cover.
    pub fn client(&self) -> &Client {
        &self.client
    }

    /// How long the app took from the request for a window to its first drawn page.
    pub fn startup(&self) -> Duration {
        self.startup
    }

    /// Resident memory of the app and its web processes, in KiB, by process name.
    pub fn memory(&self) -> Result<Vec<(String, u64)>> {
        crate::procs::resident_kib_of_descendants(self.driver.pid())
    }

    /// The app's own process (the Rust side, not its web processes), to read its peak memory.
    pub fn app_process(&self) -> Result<crate::procs::PeakMemory> {
        let pid = crate::procs::descendant_named(self.driver.pid(), "agent-desk")?
            .ok_or("the app's process was not found")?;
        Ok(crate::procs::PeakMemory { pid })
    }

    /// CPU time the app and its web processes used so far, in clock ticks (100 per second here).
    pub fn cpu_ticks(&self) -> Result<u64> {
        crate::procs::cpu_ticks_of_descendants(self.driver.pid())
    }

    /// Saves a screenshot of the window as the next numbered step of this test.
    pub async fn screenshot(&mut self, step: &str) -> Result<PathBuf> {
        // WebKit captures the last painted frame; two frames later the latest change is on it.
        let frames = "const done = arguments[arguments.length - 1]; \
                      requestAnimationFrame(() => requestAnimationFrame(() => done()));";
        self.client.execute_async(frames, Vec::new()).await?;
        let path = self.shots.next_path(step);
        std::fs::write(&path, self.client.screenshot().await?)?;
        Ok(path)
    }

    /// Waits for an element matching the CSS selector.
    pub async fn find(&self, css: &str) -> Result<Element> {
        Ok(self.client.wait().at_most(PATIENCE).for_element(Locator::Css(css)).await?)
    }

    /// The directory the app keeps its files in (`XDG_DATA_HOME/<identifier>` lives below it).
    pub fn data_dir(&self) -> &std::path::Path {
        self.data.path()
    }

    /// Everything the app (and its drivers) printed so far, across relaunches.
    pub fn log(&self) -> Result<String> {
        Ok(std::fs::read_to_string(self.data.path().join(crate::driver::LOG_FILE))?)
    }

    /// Waits for a button (or an element with the button role) whose text or accessible label
    /// is `name`, inside the element matching `within` (CSS).
    pub async fn button(&self, within: &str, name: &str) -> Result<Element> {
        let scope = self.find(within).await?;
        let xpath = format!(
            ".//*[self::button or @role='button' or @role='menuitem' or @role='menuitemradio']\
             [normalize-space(.)={name:?} or @aria-label={name:?}]"
        );
        let deadline = Instant::now() + PATIENCE;
        loop {
            if let Ok(found) = scope.find(Locator::XPath(&xpath)).await {
                return Ok(found);
            }
            if Instant::now() > deadline {
                return Err(format!("no button {name:?} in {within}").into());
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }

    /// Clicks the button named `name` inside `within`.
    ///
    /// A live view may redraw the button between finding and clicking it (a virtual list
    /// remounting its row, a card drawn again when the turn's status arrives); the click then
    /// goes to the button shown now, as a person's would, until the usual patience runs out.
    pub async fn press_button(&self, within: &str, name: &str) -> Result<()> {
        let deadline = Instant::now() + PATIENCE;
        loop {
            let button = self.button(within, name).await?;
            let clicked = match self.bring_to_middle(&button).await {
                Ok(()) => button.click().await,
                Err(e) => match e.downcast::<fantoccini::error::CmdError>() {
                    Ok(cmd) => Err(*cmd),
                    Err(other) => return Err(other),
                },
            };
            match clicked {
                Ok(()) => return Ok(()),
                Err(e)
                    if (e.is_stale_element_reference() || e.is_element_not_interactable())
                        && Instant::now() < deadline =>
                {
                    tokio::time::sleep(Duration::from_millis(50)).await;
                }
                Err(e) => return Err(e.into()),
            }
        }
    }

    /// Brings `element` where a person would click it: if its middle is off screen or covered
    /// (by a sticky bar: the editors' actions stay at the top), it is scrolled to the middle of
    /// its scroller, then the test waits until it stops moving (a virtual list measures and
    /// shifts its rows after a scroll), so the click lands on it and not where it was.
    /// WebDriver's own scroll puts it at an edge, under such a bar.
    pub async fn bring_to_middle(&self, element: &Element) -> Result<()> {
        let arg = vec![serde_json::to_value(element)?];
        self.client
            .execute(
                "const el = arguments[0]; const r = el.getBoundingClientRect(); \
                 const x = r.left + r.width / 2, y = r.top + r.height / 2; \
                 const hit = document.elementFromPoint(x, y); \
                 if (!hit || !(hit === el || el.contains(hit))) \
                   el.scrollIntoView({ block: 'center', inline: 'nearest' });",
                arg.clone(),
            )
            .await?;
        let rect = "const r = arguments[0].getBoundingClientRect(); return [r.top, r.left];";
        let mut last = self.client.execute(rect, arg.clone()).await?;
        for _ in 0..40 {
            tokio::time::sleep(Duration::from_millis(30)).await;
            let now = self.client.execute(rect, arg.clone()).await?;
            if now == last {
                break;
            }
            last = now;
        }
        Ok(())
    }

    /// The form control labelled `label` (by `<label>`, wrapping label or `aria-label`).
    pub async fn field(&self, label: &str) -> Result<Element> {
        let xpath = format!(
            "//*[self::input or self::textarea or self::select]\
             [@aria-label={label:?} or @id=//label[normalize-space(.)={label:?}]/@for \
              or ancestor::label[starts-with(normalize-space(.), {label:?})]]"
        );
        Ok(self.client.wait().at_most(PATIENCE).for_element(Locator::XPath(&xpath)).await?)
    }

    /// Replaces the text of the field labelled `label` with `text`, as typed.
    pub async fn fill(&self, label: &str, text: &str) -> Result<()> {
        let field = self.field(label).await?;
        self.bring_to_middle(&field).await?;
        field.clear().await?;
        if !text.is_empty() {
            field.send_keys(text).await?;
        }
        Ok(())
    }

    /// Picks the option with value `value` in the select labelled `label`.
    pub async fn select(&self, label: &str, value: &str) -> Result<()> {
        let field = self.field(label).await?;
        self.bring_to_middle(&field).await?;
        field.find(Locator::Css(&format!("option[value='{value}']"))).await?.click().await?;
        Ok(())
    }

    /// Waits until the page's visible text contains `text`.
    pub async fn expect_text(&self, text: &str) -> Result<()> {
        let deadline = Instant::now() + PATIENCE;
        loop {
            let body = self.eval("return document.body.innerText").await?;
            if body.as_str().is_some_and(|b| b.contains(text)) {
                return Ok(());
            }
            if Instant::now() > deadline {
                return Err(format!("the page never showed {text:?}; it shows:\n{body}").into());
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }

    /// Clicks the element matching the CSS selector.
    pub async fn click(&self, css: &str) -> Result<()> {
        let element = self.find(css).await?;
        self.bring_to_middle(&element).await?;
        element.click().await?;
        Ok(())
    }

    /// Waits until the open section is `section` and returns its page title.
    pub async fn expect_section(&self, section: &str) -> Result<String> {
        let title = self.find(&format!("[data-page='{section}'] h1")).await?;
        Ok(title.text().await?)
    }

    /// Presses `key` while holding the modifiers (e.g. `&[Key::Control]`), as one chord.
    pub async fn chord(&self, modifiers: &[Key], key: char) -> Result<()> {
        let mut actions = KeyActions::new("keyboard".to_owned());
        for m in modifiers {
            actions = actions.then(KeyAction::Down { value: char::from(*m) });
        }
        actions = actions.then(KeyAction::Down { value: key }).then(KeyAction::Up { value: key });
        for m in modifiers.iter().rev() {
            actions = actions.then(KeyAction::Up { value: char::from(*m) });
        }
        self.client.perform_actions(actions).await?;
        self.client.release_actions().await?;
        Ok(())
    }

    /// Drags `element` by `dx` pixels to the right with the left button, as a hand would: press
    /// on its middle, move in a few steps, let go.
    pub async fn drag_by(&self, element: &Element, dx: f64) -> Result<()> {
        let step = Duration::from_millis(60);
        let mut actions = MouseActions::new("mouse".to_owned())
            .then(PointerAction::MoveToElement {
                element: element.clone(),
                duration: None,
                x: 0.0,
                y: 0.0,
            })
            .then(PointerAction::Down { button: MOUSE_BUTTON_LEFT });
        for _ in 0..4 {
            actions =
                actions.then(PointerAction::MoveBy { duration: Some(step), x: dx / 4.0, y: 0.0 });
        }
        actions = actions.then(PointerAction::Up { button: MOUSE_BUTTON_LEFT });
        self.client.perform_actions(actions).await?;
        self.client.release_actions().await?;
        Ok(())
    }

    /// Clicks `element` with the middle button (which closes a tab).
    pub async fn middle_click(&self, element: &Element) -> Result<()> {
        let actions = MouseActions::new("mouse".to_owned())
            .then(PointerAction::MoveToElement {
                element: element.clone(),
                duration: None,
                x: 0.0,
                y: 0.0,
            })
            .then(PointerAction::Down { button: MOUSE_BUTTON_MIDDLE })
            .then(PointerAction::Up { button: MOUSE_BUTTON_MIDDLE });
        self.client.perform_actions(actions).await?;
        self.client.release_actions().await?;
        Ok(())
    }

    /// Presses a single key on whatever has the focus.
    pub async fn press(&self, key: Key) -> Result<()> {
        self.chord(&[], char::from(key)).await
    }

    /// Runs JavaScript in the page and returns its result.
    pub async fn eval(&self, script: &str) -> Result<Value> {
        Ok(self.client.execute(script, Vec::new()).await?)
    }

    /// The theme the page is drawn in (`light` or `dark`) and the page's background colour.
    pub async fn theme(&self) -> Result<(String, String)> {
        let value = self
            .eval(
                "return [document.documentElement.dataset.theme ?? '', \
                 getComputedStyle(document.body).backgroundColor];",
            )
            .await?;
        let text = |i: usize| value[i].as_str().unwrap_or_default().to_owned();
        Ok((text(0), text(1)))
    }

    /// Waits until the page is drawn in `theme`; returns the theme and background it then has.
    ///
    /// Going back to the OS theme can take a moment: the page hears of it from WebKit only once
    /// the native window has dropped the theme it was given.
    pub async fn expect_theme(&self, theme: &str) -> Result<(String, String)> {
        let deadline = std::time::Instant::now() + PATIENCE;
        loop {
            let seen = self.theme().await?;
            if seen.0 == theme || std::time::Instant::now() > deadline {
                return Ok(seen);
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }

    /// Quits the app and starts it again on the same app-data directory, as a person would
    /// close and reopen it. Screenshots go on in the same folder.
    pub async fn relaunch(self) -> Result<App> {
        let App { client, shots, env, resend, data, driver, .. } = self;
        client.close().await?;
        drop(resend);
        drop(driver);
        open(env, data, shots).await
    }

    /// How many WebDriver requests had to be sent again because tauri-driver dropped them.
    pub fn resent(&self) -> u32 {
        self.resend.resent.load(std::sync::atomic::Ordering::Relaxed)
    }

    /// Ends the WebDriver session (closing the window), then stops the drivers.
    pub async fn close(self) -> Result<()> {
        self.client.clone().close().await?;
        Ok(())
    }
}

fn app_binary() -> Result<PathBuf> {
    let path = std::env::var_os("AGENT_DESK_BIN")
        .map(PathBuf::from)
        .unwrap_or_else(|| target_dir().join("debug").join("agent-desk"));
    if path.is_file() {
        Ok(path)
    } else {
        Err(format!("no app binary at {} (run: cargo build -p agent-desk)", path.display()).into())
    }
}
