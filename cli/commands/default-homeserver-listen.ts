/** Where `serve homeserver` listens unless --listen says otherwise: Synapse's port, which the README's `--hs-url` uses. */
export const defaultHomeserverListen = { host: '127.0.0.1', port: 8008 }
