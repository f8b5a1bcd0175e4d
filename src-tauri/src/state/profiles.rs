//! Profile operations: the settings file, the keychain and the active client kept in step.
//!
//! Order matters where two stores change: the keychain is written first and the settings
//! second, and a failure of the second undoes the first, so no key is ever left without its
//! profile and no profile claims a key it does not have.

use std::sync::Arc;
use std::time::Duration;

use managed_agents::{Client, Config, RetryPolicy};
use serde::Serialize;

use super::{AppState, lock};
use crate::connection_check::{self, ConnectionReport};
use crate::demo::DEMO_KEY;
use crate::error::{ErrorCode, IpcError};
use crate::keychain::KeyStorage;
use crate::profiles::{
    DEMO_PROFILE_ID, Profile, ProfileDraft, ProfileView, key_hint, validated_key,
};

/// The profile list as the UI shows it.
#[derive(Debug, Clone, Serialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct ProfilesView {
    pub active_id: String,
    /// Demo first, then the user's profiles in the order they were added.
    pub profiles: Vec<ProfileView>,
    pub key_storage: KeyStorage,
    /// Set when some keys could not be read from the keychain just now.
    pub keychain_error: Option<String>,
}

impl AppState {
    pub async fn profiles(&self) -> ProfilesView {
        let settings = self.settings();
        let mut keychain_error = None;
        let mut profiles = vec![self.demo_view()];
        for profile in settings.profiles {
            // After one failure (a locked keychain, say) the rest are not asked: each would
            // wait for the same timeout.
            let key = if keychain_error.is_none() {
                self.key_of(&profile.id).await.unwrap_or_else(|e| {
                    keychain_error = Some(e.message);
                    None
                })
            } else {
                None
            };
            profiles.push(ProfileView {
                id: profile.id,
                draft: profile.draft,
                is_demo: false,
                has_key: key.is_some(),
                key_hint: key.as_deref().and_then(key_hint),
            });
        }
        ProfilesView {
            active_id: settings.active_profile,
            profiles,
            key_storage: self.keychain.storage().clone(),
            keychain_error,
        }
    }

    fn demo_view(&self) -> ProfileView {
        ProfileView {
            id: DEMO_PROFILE_ID.to_owned(),
            draft: ProfileDraft {
                name: "Demo".into(),
                base_url: self.demo.url.clone().unwrap_or_default(),
                ..ProfileDraft::default()
            },
            is_demo: true,
            has_key: false,
            key_hint: None,
        }
    }

    /// Adds a profile, with its key when one is given. Returns the new profile's id.
    pub async fn create_profile(
        &self,
        draft: ProfileDraft,
        key: Option<String>,
    ) -> Result<String, IpcError> {
        let draft = draft.validated()?;
        let key = key.filter(|k| !k.trim().is_empty()).map(|k| validated_key(&k)).transpose()?;
        let profile = Profile::new(draft);
        let id = profile.id.clone();
        if let Some(key) = &key {
            self.keychain.set(&id, key.clone()).await?;
        }
        let saved = self.update_settings(|s| {
            s.profiles.push(profile);
            Ok(())
        });
        if let Err(error) = saved {
            self.forget_key(&id).await;
            return Err(error);
        }
        lock(&self.keys).insert(id.clone(), key);
        Ok(id)
    }

    pub fn update_profile(&self, id: &str, draft: ProfileDraft) -> Result<(), IpcError> {
        let draft = draft.validated()?;
        self.update_settings(|s| {
            let profile = s.profiles.iter_mut().find(|p| p.id == id).ok_or_else(|| missing(id))?;
            profile.draft = draft;
            Ok(())
        })?;
        self.drop_client_of(id);
        Ok(())
    }

    pub async fn set_key(&self, id: &str, key: &str) -> Result<(), IpcError> {
        let key = validated_key(key)?;
        self.profile(id)?;
        self.keychain.set(id, key.clone()).await?;
        lock(&self.keys).insert(id.to_owned(), Some(key));
        self.drop_client_of(id);
        Ok(())
    }

    pub async fn remove_key(&self, id: &str) -> Result<(), IpcError> {
        self.profile(id)?;
        self.keychain.delete(id).await?;
        lock(&self.keys).insert(id.to_owned(), None);
        self.drop_client_of(id);
        Ok(())
    }

    /// Deletes a profile and its key. The key goes first: if the keychain refuses, the profile
    /// stays, so the user can try again and no orphan key is left behind.
    pub async fn delete_profile(&self, id: &str) -> Result<(), IpcError> {
        self.profile(id)?;
        self.keychain.delete(id).await?;
        lock(&self.keys).remove(id);
        self.update_settings(|s| {
            s.profiles.retain(|p| p.id != id);
            if s.active_profile == id {
                s.active_profile = DEMO_PROFILE_ID.to_owned();
            }
            s.recent.retain(|r| r.profile_id != id);
            s.tabs.remove(id);
            Ok(())
        })?;
        self.drop_client_of(id);
        Ok(())
    }

    /// Makes `id` the profile every call goes to. Watches of the previous one end.
    pub fn activate_profile(&self, id: &str) -> Result<(), IpcError> {
        self.update_settings(|s| {
            if !s.has_profile(id) {
                return Err(missing(id));
            }
            s.active_profile = id.to_owned();
            Ok(())
        })?;
        *lock(&self.client) = None;
        self.watches.stop_all();
        Ok(())
    }

    /// The client of the active profile.
    pub async fn client(&self) -> Result<Arc<Client>, IpcError> {
        // Runs before every API call: read the one field, not a copy of all settings.
        let active = lock(&self.settings).active_profile.clone();
        if let Some((id, client)) = lock(&self.client).as_ref()
            && *id == active
        {
            return Ok(Arc::clone(client));
        }
        let client = Arc::new(self.build_client(&active, None, None).await?);
        *lock(&self.client) = Some((active, Arc::clone(&client)));
        Ok(client)
    }

    /// Tests `draft` with `key`, or with the stored key of `profile_id` when no key is given.
    pub async fn test_connection(
        &self,
        draft: ProfileDraft,
        key: Option<String>,
        profile_id: Option<String>,
    ) -> Result<ConnectionReport, IpcError> {
        let key = key.filter(|k| !k.trim().is_empty()).map(|k| validated_key(&k)).transpose()?;
        let client = match profile_id.as_deref() {
            Some(DEMO_PROFILE_ID) => self.build_client(DEMO_PROFILE_ID, None, None).await,
            Some(id) => self.build_client(id, Some(draft.validated()?), key).await,
            None => {
                let key = key.ok_or_else(|| {
                    IpcError::invalid_input("Enter an API key to test the connection.")
                })?;
                self.build_client("", Some(draft.validated()?), Some(key)).await
            }
        };
        let demo = profile_id.as_deref() == Some(DEMO_PROFILE_ID);
        match client {
            Ok(client) => {
                let mut report = connection_check::run(&client).await;
                if demo && report.verdict == connection_check::ConnectionVerdict::Ok {
                    // The Demo has no key to praise: say what answered.
                    report.message = "The built-in simulator answers; the Demo needs no key and \
                                      no network."
                        .into();
                }
                Ok(report)
            }
            Err(error) if error.code == ErrorCode::Unauthorized => Ok(ConnectionReport {
                verdict: connection_check::ConnectionVerdict::BadKey,
                message: error.message,
                status: None,
                request_id: None,
                elapsed_ms: 0,
            }),
            Err(error) => Err(error),
        }
    }

    /// A client for profile `id`, or for `draft` and `key` where given (a connection test of
    /// unsaved edits). Tests get no retries and short timeouts: they should answer quickly.
    async fn build_client(
        &self,
        id: &str,
        draft: Option<ProfileDraft>,
        key: Option<String>,
    ) -> Result<Client, IpcError> {
        let testing = draft.is_some();
        let config = if id == DEMO_PROFILE_ID {
            let url = self.demo.url.clone().map_err(|reason| {
                IpcError::internal(format!("The Demo simulator could not start: {reason}"))
            })?;
            Config::new(DEMO_KEY).with_base_url(url)
        } else {
            let draft = match draft {
                Some(draft) => draft,
                None => self.profile(id)?.draft,
            };
            let key = match key {
                Some(key) => key,
                None => self.key_of(id).await?.ok_or_else(|| {
                    IpcError::new(
                        ErrorCode::Unauthorized,
                        format!(
                            "The profile “{}” has no API key. Add one in Settings.",
                            draft.name
                        ),
                    )
                })?,
            };
            let mut config = Config::new(key)
                .with_base_url(draft.base_url)
                .with_auth_mode(draft.auth.into())
                .with_api_version(draft.api_version);
            config.workspace_id = draft.workspace_id;
            config
        };
        let config = if testing {
            config
                .with_retry(RetryPolicy::none())
                .with_request_timeout(Some(Duration::from_secs(20)))
        } else {
            config
        };
        Client::new(config).map_err(IpcError::from)
    }

    /// The key of profile `id`: from this run's cache, else from the keychain.
    async fn key_of(&self, id: &str) -> Result<Option<String>, IpcError> {
        if let Some(known) = lock(&self.keys).get(id) {
            return Ok(known.clone());
        }
        let key = self.keychain.get(id).await?;
        lock(&self.keys).insert(id.to_owned(), key.clone());
        Ok(key)
    }

    /// Undoes a key write whose profile could not be saved. Best effort: the error that
    /// caused it is the one the user needs to see.
    async fn forget_key(&self, id: &str) {
        if let Err(e) = self.keychain.delete(id).await {
            eprintln!("Agent Desk: could not remove the key of unsaved profile {id}: {e}");
        }
    }

    /// Stored profile `id` (Demo is not stored), or NotFound.
    fn profile(&self, id: &str) -> Result<Profile, IpcError> {
        lock(&self.settings).profile(id).cloned().ok_or_else(|| missing(id))
    }

    fn drop_client_of(&self, id: &str) {
        let mut client = lock(&self.client);
        if client.as_ref().is_some_and(|(active, _)| active == id) {
            *client = None;
        }
    }
}

fn missing(id: &str) -> IpcError {
    IpcError::new(ErrorCode::NotFound, format!("There is no profile {id:?}."))
}
