/** With --spawn the appservice gets this long to listen and ping, unless --wait-for-ping says otherwise (the CLI's help names it). */
export const defaultSpawnWaitSeconds = 15
